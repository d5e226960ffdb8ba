"""`TradeGraph`: the trade knowledge graph of a set of documents, asked questions through
`tradegraph.graph.questions` and held either in memory (a networkx MultiDiGraph built by merge operations)
or in a store (`TradeGraph.open(db)`: questions read the store's indexed tables, nothing is built)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradegraph.graph.files import read_graph_file, write_graph_file
from tradegraph.graph.nxgraph import (
    NetworkxView,
    apply_ops,
    clear,
    edges_in_creation_order,
    graph_ops,
    new_graph,
)
from tradegraph.graph.ops import extraction_ops
from tradegraph.graph.questions import Questions
from tradegraph.models import Extraction

if TYPE_CHECKING:  # networkx is imported where a graph is built, not by a store's questions
    import networkx as nx

__all__ = ["TradeGraph"]


class TradeGraph(Questions):
    """A knowledge graph of trade between countries, built from Extractions.

    `extractions` keeps what the graph was built from in this process (a graph loaded from a file has none:
    the file holds the graph itself). `to_networkx()` gives the live MultiDiGraph. Documents are told apart
    by doc_id, which `tradegraph.identity` makes unique for every document read from files.
    """

    def __init__(self, graph: nx.MultiDiGraph | None = None) -> None:
        self._graph = graph if graph is not None else new_graph()
        self._graph.graph.setdefault("doc_dates", {})
        self._view = NetworkxView(self._graph)
        self.extractions: list[Extraction] = []
        self._positions: dict[str, int] = {}

    # -- building

    @classmethod
    def from_extractions(cls, extractions: Iterable[Extraction]) -> TradeGraph:
        graph = cls()
        for extraction in extractions:
            graph.add_extraction(extraction)
        return graph

    @classmethod
    def open(cls, db: str | os.PathLike[str]) -> TradeGraph:
        """The graph of a store made by `tradegraph ingest`, answering from its tables (read-only)."""
        from tradegraph.store_view import StoreGraph

        return StoreGraph(db)

    def add_extraction(self, extraction: Extraction) -> None:
        """Merge one document's facts; a document already present (same doc_id) is replaced, not doubled."""
        position = self._positions.get(extraction.doc_id)
        if position is not None:
            if self.extractions[position] != extraction:
                self.extractions[position] = extraction
                self._rebuild()
            return
        if extraction.doc_id in self.doc_dates:
            raise ValueError(
                f"document {extraction.doc_id!r} is already in the graph (loaded from a file, so it cannot "
                "be replaced); give the new document another doc_id"
            )
        self._positions[extraction.doc_id] = len(self.extractions)
        self.extractions.append(extraction)
        self._add_to_graph(extraction)

    def merge(self, other: TradeGraph | Iterable[Extraction]) -> TradeGraph:
        """Add every document of another graph (or an iterable of extractions); returns self."""
        if not isinstance(other, TradeGraph):
            for extraction in other:
                self.add_extraction(extraction)
            return self
        if len(other.extractions) == len(other.doc_dates):  # built here: its documents one by one
            for extraction in other.extractions:
                self.add_extraction(extraction)
            return self
        shared = sorted(set(other.doc_dates) & set(self.doc_dates))
        if shared:
            raise ValueError(f"both graphs hold document {shared[0]!r}: documents are never merged silently")
        apply_ops(self._graph, graph_ops(other.to_networkx()))
        self.doc_dates.update(other.doc_dates)
        return self

    def _add_to_graph(self, extraction: Extraction) -> None:
        self._graph.graph["doc_dates"][extraction.doc_id] = extraction.date
        apply_ops(self._graph, extraction_ops(extraction))

    def _rebuild(self) -> None:
        clear(self._graph)
        self._graph.graph["doc_dates"] = {}
        for extraction in self.extractions:
            self._add_to_graph(extraction)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The live graph (not a copy): node and edge attributes as documented in `tradegraph.graph`."""
        return self._graph

    # -- pandas views (tradegraph.frames; pandas is an optional extra) --------------------------------------
    def flows_df(self):
        """Trade flows as a pandas DataFrame, one row per flow edge."""
        from tradegraph.frames import flows_df

        return flows_df(self)

    def officials_df(self):
        """Officials as a pandas DataFrame."""
        from tradegraph.frames import officials_df

        return officials_df(self)

    def locations_df(self):
        """Ports, regions, cities and organisations as a pandas DataFrame."""
        from tradegraph.frames import locations_df

        return locations_df(self)

    def values_df(self):
        """Stated trade values as a pandas DataFrame."""
        from tradegraph.frames import values_df

        return values_df(self)

    def countries_df(self):
        """Countries with their mention counts as a pandas DataFrame."""
        from tradegraph.frames import countries_df

        return countries_df(self)

    @property
    def doc_dates(self) -> dict[str, str | None]:
        """Document id → document date (ISO string or None)."""
        return self._graph.graph["doc_dates"]

    def __len__(self) -> int:
        return self._graph.number_of_nodes()

    def __repr__(self) -> str:
        stats = self.stats()
        nodes, edges = sum(stats["nodes"].values()), sum(stats["edges"].values())
        return f"TradeGraph({stats['documents']['total']} documents, {nodes} nodes, {edges} edges)"

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts of documents, nodes by type and edges by type."""
        nodes: dict[str, int] = {}
        edges: dict[str, int] = {}
        for _, node_type in self._graph.nodes(data="type"):
            nodes[node_type] = nodes.get(node_type, 0) + 1
        for *_, edge_type in self._graph.edges(data="type"):
            edges[edge_type] = edges.get(edge_type, 0) + 1
        return {"documents": {"total": len(self.doc_dates)}, "nodes": nodes, "edges": edges}

    # -- saving

    def graph_items(
        self,
    ) -> tuple[
        Iterable[tuple[str, str | None]],
        Iterator[tuple[str, dict[str, Any]]],
        Iterator[tuple[str, str, str, dict[str, Any]]],
    ]:
        """Documents (doc_id, date), nodes (id, attributes) and edges (source, target, key, attributes)."""
        g = self._graph
        return self.doc_dates.items(), iter(g.nodes(data=True)), edges_in_creation_order(g)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the graph file (`tradegraph.graph.files`, version 2) atomically."""
        return write_graph_file(path, *self.graph_items())

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> TradeGraph:
        """Read a graph saved by `save`; GraphFileError (a ValueError) names what is wrong."""
        content = read_graph_file(path)
        if isinstance(content, list):  # a version 1 file: extractions
            return cls.from_extractions(content)
        return cls(content)
