"""What every export writer reads: a graph as rows, from either back end.

A writer reads the rows once, converting each element and spooling it to a temporary file while it
gathers what its header declares, then writes the header and the elements (`tradegraph.export._common.
spooled`), so it never holds the graph: memory is bounded by the largest single node or edge, not by the
size of the graph. Two sources give the same rows in the same order:

- `NetworkxRows`: a graph in memory (`TradeGraph`, or any networkx graph);
- `StoreRows`: a store's graph tables (`TradeGraph.open(db)`), streamed a chunk at a time
  (`tradegraph.store_view.graph_nodes` / `graph_edges`), without building a networkx graph.

Rows come in the order networkx lists a graph: nodes as created, edges by source, then by the first edge
to each target, then as created. Node and edge attributes are the networkx graph's dicts, in its order.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

from tradegraph.export._common import as_multidigraph, date_interval, document_dates, element_dates

__all__ = ["GraphRows", "NetworkxRows", "StoreRows", "graph_rows"]

Node = tuple[Any, dict[str, Any]]
Edge = tuple[Any, Any, Any, dict[str, Any]]


@runtime_checkable
class GraphRows(Protocol):
    """A graph as rows; each call of `nodes` or `edges` reads them anew."""

    def graph_attributes(self) -> Iterable[tuple[str, Any]]:
        """The graph's own attributes (a TradeGraph's: `doc_dates`, doc_id → date); a value may be a
        Mapping that is read item by item."""
        ...

    def nodes(self) -> Iterator[Node]:
        """(node, attributes) in creation order."""
        ...

    def edges(self) -> Iterator[Edge]:
        """(source, target, key, attributes) in networkx's order."""
        ...

    def node_type(self, node: Any) -> Any:
        """The `type` attribute of a node."""
        ...

    def element_dates(self, data: dict[str, Any]) -> list[tuple[str, str]]:
        """Sorted distinct date intervals behind a node or edge (`tradegraph.export._common.element_dates`)."""
        ...


def graph_rows(graph: Any) -> GraphRows:
    """The rows of `graph`: GraphRows as they are, a store's graph streamed from its tables (anything
    with `graph_rows()`), a TradeGraph or networkx graph in memory."""
    if isinstance(graph, GraphRows):
        return graph
    if hasattr(graph, "graph_rows"):
        return graph.graph_rows()
    return NetworkxRows(graph)


class NetworkxRows:
    """The rows of a graph in memory."""

    def __init__(self, graph: Any) -> None:
        self.graph = as_multidigraph(graph)
        self._document_dates: dict[str, tuple[str, str]] | None = None

    def graph_attributes(self) -> Iterable[tuple[str, Any]]:
        return self.graph.graph.items()

    def nodes(self) -> Iterator[Node]:
        return iter(self.graph.nodes(data=True))

    def edges(self) -> Iterator[Edge]:
        return iter(self.graph.edges(keys=True, data=True))

    def node_type(self, node: Any) -> Any:
        return self.graph.nodes[node].get("type")

    def element_dates(self, data: dict[str, Any]) -> list[tuple[str, str]]:
        if self._document_dates is None:
            self._document_dates = document_dates(self.graph)
        return element_dates(data, self._document_dates)


NODE_TYPE_CACHE = 4096  # node types remembered by StoreRows (edges come grouped by source)


class StoreRows:
    """The rows of a store's graph, read from its tables as they are written out."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

        @lru_cache(maxsize=NODE_TYPE_CACHE)
        def node_type(node: Any) -> Any:
            row = connection.execute("SELECT type FROM nodes WHERE node = ?", (node,)).fetchone()
            return row[0] if row else None

        self.node_type = node_type

    def graph_attributes(self) -> Iterable[tuple[str, Any]]:
        yield "doc_dates", DocumentDates(self.connection)

    def nodes(self) -> Iterator[Node]:
        from tradegraph.store_view import graph_nodes

        return graph_nodes(self.connection)

    def edges(self) -> Iterator[Edge]:
        from tradegraph.store_view import graph_edges

        return graph_edges(self.connection, order="networkx")

    def element_dates(self, data: dict[str, Any]) -> list[tuple[str, str]]:
        # As NetworkxRows does with the graph's doc_dates: the element's own dates, else its documents'.
        own = {interval for date in data.get("dates") or [] if (interval := date_interval(date)) is not None}
        if own:
            return sorted(own)
        doc_ids = [str(doc_id) for doc_id in data.get("doc_ids") or []]
        rows = self.connection.execute(
            "SELECT DISTINCT date FROM documents WHERE doc_id IN (SELECT value FROM json_each(?))",
            (json.dumps(doc_ids),),
        )
        return sorted({interval for (date,) in rows if (interval := date_interval(date)) is not None})


class DocumentDates(Mapping[str, Any]):
    """doc_id → date of every stored document, read from the store as it is iterated (ingest order)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __getitem__(self, doc_id: str) -> Any:
        row = self.connection.execute("SELECT date FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return row[0]

    def __iter__(self) -> Iterator[str]:
        return (doc_id for (doc_id,) in self.connection.execute("SELECT doc_id FROM documents ORDER BY id"))

    def __len__(self) -> int:
        return self.connection.execute("SELECT count(*) FROM documents").fetchone()[0]

    def items(self) -> Iterator[tuple[str, Any]]:  # type: ignore[override]
        return iter(self.connection.execute("SELECT doc_id, date FROM documents ORDER BY id"))
