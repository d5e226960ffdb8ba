"""Questions answered from the store's tables (`StoreView`, the back end of `TradeGraph.open(db)`), and
the graph streamed out of the store for graph files, exports and pictures.

Each question reads only the edges it is about (by source, target, type, commodity or HS code, all
indexed) and the events of those edges, and folds the events into the same provenance (mentions,
doc_ids, evidence, dates, …) the networkx graph holds, with the attributes in the networkx graph's order.
Edges come in networkx's order: by the first edge between the same two nodes, then by creation.
`graph_nodes` and `graph_edges` stream the whole graph a chunk at a time, so memory does not grow with
the store.
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from tradegraph.graph.core import TradeGraph
from tradegraph.graph.files import write_graph_file
from tradegraph.graph.ids import country_id, country_label
from tradegraph.graph.nxgraph import add_edge
from tradegraph.graph.ops import COMMODITY_PLACEHOLDER, LIST_ATTRIBUTES, NODE_ATTRIBUTES
from tradegraph.models import Extraction
from tradegraph.store import Store
from tradegraph.store_schema import EVIDENCE_TEXT, NODE_COLUMNS

if TYPE_CHECKING:  # questions never build the graph: networkx is imported by to_networkx
    import networkx as nx

__all__ = ["StoreGraph", "StoreView"]

_NODE_SELECT = f"SELECT id, node, type, label, {', '.join(NODE_COLUMNS)} FROM nodes"


# An edge row: id, source, target, key, type, label, shape, attrs, then what the columns hold of its
# attributes (commodity node id and label, hs_code, modality, negated).
def _edge_fields(ends: str) -> str:
    return (
        f"e.id, {ends}, e.key, e.type, CASE WHEN e.commodity IS NULL THEN e.label "
        f"ELSE replace(e.label, '{COMMODITY_PLACEHOLDER}', c.label) END, "
        "e.shape, e.attrs, c.node, c.label, e.hs_code, e.modality, e.negated"
    )


_EDGE_SELECT = (
    f"SELECT {_edge_fields('e.source, e.target')} FROM edges e LEFT JOIN nodes c ON c.id = e.commodity"
)
# An edge's columns and its number of events (its mentions), counted on the events' index.
_COUNTED_SELECT = """SELECT e.id, e.source, e.target, e.type, c.node, e.hs_code, e.modality, e.negated,
    (SELECT count(*) FROM edge_events ev WHERE ev.edge = e.id)
    FROM edges e LEFT JOIN nodes c ON c.id = e.commodity"""
# networkx lists a node's edges by neighbour (in the order each neighbour was first linked), then by key.
_PAIR_FIRST = "coalesce(e.pair, e.id)"
_EVENTS = f"""SELECT ev.{{owner}}, d.doc_id, d.date, {{mentions}}, s.text, x.start_char, x.end_char,
    {EVIDENCE_TEXT}{{items}}
    FROM {{table}} ev JOIN documents d ON d.id = ev.document
    LEFT JOIN evidence x ON x.id = ev.evidence LEFT JOIN sentences s ON s.id = x.sentence"""
# The same events without their sentences (`light`): an evidence is then its id, which stands for its
# sentence, offsets and text (a document holds each span once), so counts and documents come out the same.
_LIGHT_EDGE_EVENTS = """SELECT ev.edge, d.doc_id, d.date, 1, ev.evidence, NULL, NULL, NULL, NULL
    FROM edge_events ev JOIN documents d ON d.id = ev.document"""


def _node_attrs(row: tuple) -> dict[str, Any]:
    _, node, node_type, label, *values = row
    stored = dict(zip(NODE_COLUMNS, values, strict=True))
    data: dict[str, Any] = {"type": node_type, "label": label}
    for name, default in NODE_ATTRIBUTES.get(node_type, {}).items():
        value = stored[name]
        if name == "former":
            value = bool(value)
        elif name == "members":
            value = json.loads(value) if value else []
        data[name] = default if value is None and default is not None else value
    return data


def _with_provenance(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with empty provenance right after type and label, where the networkx graph keeps it, so a
    node or edge read from the store is written out exactly as one held in memory."""
    ordered: dict[str, Any] = {"type": data["type"], "label": data["label"], "mentions": 0}
    ordered |= {"doc_ids": [], "evidence": []}
    ordered.update(data)
    return ordered


class _Shapes:
    """The names of edges' attributes by shape id (a handful of rows), each read once."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.names: dict[int, list[str]] = {}

    def __getitem__(self, shape: int) -> list[str]:
        names = self.names.get(shape)
        if names is None:
            (text,) = self.connection.execute(
                "SELECT names FROM edge_shapes WHERE id = ?", (shape,)
            ).fetchone()
            names = self.names[shape] = json.loads(text)
        return names


def _edge_attrs(row: tuple, shapes: _Shapes) -> dict[str, Any]:
    """An edge's attributes in the networkx graph's order: type, label, provenance, then those its shape
    names, from its values or its columns."""
    _, _, _, _, kind, label, shape, attrs, commodity_id, commodity, hs_code, modality, negated = row
    columns = {
        "commodity_id": commodity_id,
        "commodity": commodity,
        "hs_code": hs_code,
        "modality": modality,
        "negated": None if negated is None else bool(negated),
    }
    data = _with_provenance({"type": kind, "label": label})
    values = iter(json.loads(attrs))
    for name in shapes[shape]:
        if name[:1] == "=":
            data[name[1:]] = columns[name[1:]]
        else:
            data[name] = next(values)
    return data


class _Fold:
    """The provenance of one node or edge from its events, as the networkx graph accumulates it."""

    __slots__ = ("data", "docs", "evidence", "lists")

    def __init__(self, data: dict[str, Any], lists: Iterable[str] = ()) -> None:
        self.data = data
        data["mentions"], data["doc_ids"], data["evidence"] = 0, [], []
        self.docs: set[str] = set()
        self.evidence: set[tuple] = set()
        self.lists = {name: data.setdefault(name, []) for name in lists}

    def add(self, doc_id: str, date: str | None, mentions: int, evidence: tuple, items: str | None) -> None:
        data = self.data
        data["mentions"] += mentions
        if doc_id not in self.docs:
            self.docs.add(doc_id)
            data["doc_ids"].append(doc_id)
        sentence, start, end, text = evidence
        if sentence is not None:
            item = {"doc_id": doc_id, "sentence": sentence, "start": start, "end": end, "text": text}
            key = (doc_id, sentence, start, end, text)
            if key not in self.evidence:
                self.evidence.add(key)
                data["evidence"].append(item)
        if "dates" in self.lists and date and date not in self.lists["dates"]:
            self.lists["dates"].append(date)
        if items:
            for name, values in json.loads(items).items():
                target = self.lists[name]
                for value in values:
                    if value is not None and value not in target:
                        target.append(value)


class _EdgeData(dict):
    """An edge's attributes, knowing the edge's row (what `StoreView.reread` reads it again by)."""

    __slots__ = ("edge",)


class StoreView:
    """The question API's back end over a store (see tradegraph.graph.questions.GraphView)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self._dates: dict[str, str | None] = {}
        self._nodes: dict[str, dict[str, Any]] = {}
        self._ids: dict[int, str] = {}
        self._shapes = _Shapes(connection)
        self._country_names: dict[str, str] = {}  # a few hundred at most

    def doc_date(self, doc_id: str) -> str | None:
        if doc_id not in self._dates:
            row = self.connection.execute("SELECT date FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
            self._dates[doc_id] = row[0] if row else None
        return self._dates[doc_id]

    def country_name(self, iso3: str) -> str:
        name = self._country_names.get(iso3)
        if name is None:
            row = self.connection.execute(
                "SELECT label FROM nodes WHERE node = ?", (country_id(iso3),)
            ).fetchone()
            name = self._country_names[iso3] = row[0] if row else country_label(iso3)
        return name

    def _load_nodes(self, ids: Iterable[int]) -> None:
        missing = sorted({i for i in ids if i not in self._ids})
        if missing:
            query = f"{_NODE_SELECT} WHERE id IN (SELECT value FROM json_each(?))"
            for row in self.connection.execute(query, (json.dumps(missing),)):
                self._ids[row[0]] = row[1]
                self._nodes.setdefault(row[1], _node_attrs(row))

    def node(self, node: str, provenance: bool = False) -> dict[str, Any]:
        data = self._nodes.get(node)
        if data is None:
            row = self.connection.execute(f"{_NODE_SELECT} WHERE node = ?", (node,)).fetchone()
            if row is None:
                raise KeyError(node)
            self._ids[row[0]] = node
            data = self._nodes[node] = _node_attrs(row)
        if provenance and "doc_ids" not in data:
            data = self._nodes[node] = _with_provenance(data)
            fold = _Fold(data)
            query = _EVENTS.format(owner="node", mentions="ev.mentions", items=", NULL", table="node_events")
            query += " WHERE ev.node = (SELECT id FROM nodes WHERE node = ?) ORDER BY ev.id"
            for _, doc_id, date, mentions, *evidence, items in self.connection.execute(query, (node,)):
                self._dates.setdefault(doc_id, date)
                fold.add(doc_id, date, mentions, tuple(evidence), items)
        return data

    def _node_id(self, node: str | None) -> int | None:
        if node is None:
            return None
        row = self.connection.execute("SELECT id FROM nodes WHERE node = ?", (node,)).fetchone()
        return row[0] if row else -1

    def edges(
        self,
        edge_type: str,
        source: str | None = None,
        target: str | None = None,
        *,
        modalities: Iterable[str] | None = None,
        negated: bool | None = None,
        commodity: str | None = None,
        hs_prefixes: tuple[str, ...] = (),
        light: bool = False,
        dated: bool = True,
    ) -> Iterator[tuple[str, str, dict]]:
        """The edges asked for, in the graph's order, their events read a chunk of edges at a time (so a
        caller that keeps none holds one chunk). `light`: what choosing and ordering trade flows needs
        (see GraphView.edges), without sentences; `dated=False` with it: no events, only their number."""
        source_id, target_id = self._node_id(source), self._node_id(target)
        # With an end or a commodity given, its index is the one to use: "+" keeps the planner off the
        # type index, which would read every edge of the type (every trade flow for "who exports tea").
        narrow = source_id is not None or target_id is not None or commodity is not None
        typed = "+e.type = ?" if narrow else "e.type = ?"
        conditions, parameters = [typed], [edge_type]
        if source_id is not None:
            conditions.append("e.source = ?")
            parameters.append(source_id)
        if target_id is not None:
            conditions.append("e.target = ?")
            parameters.append(target_id)
        if modalities:
            conditions.append("e.modality IN (SELECT value FROM json_each(?))")
            parameters.append(json.dumps(sorted(modalities)))
        if negated is not None:
            conditions.append("e.negated = ?")
            parameters.append(int(negated))
        if commodity is not None:  # the commodity itself, or any HS code under the category
            options = ["e.commodity = (SELECT id FROM nodes WHERE node = ?)"]
            options += ["(e.hs_code >= ? AND e.hs_code < ?)"] * len(hs_prefixes)
            conditions.append(f"({' OR '.join(options)})")
            parameters.append(commodity)
            for prefix in hs_prefixes:
                parameters += [prefix, prefix + "\uffff"]
        order = (
            f"{_PAIR_FIRST}, e.id"
            if source_id is not None or target_id is not None
            else f"e.source, {_PAIR_FIRST}, e.id"
        )
        where = f"WHERE {' AND '.join(conditions)} ORDER BY {order}"
        if light and not dated:
            yield from self._counted(self.connection.execute(f"{_COUNTED_SELECT} {where}", parameters))
            return
        yield from self._folded(
            self.connection.execute(f"{_EDGE_SELECT} {where}", parameters).fetchall(), light
        )

    def _counted(self, rows: Iterable[tuple]) -> Iterator[tuple[str, str, dict]]:
        """Light edges from `_COUNTED_SELECT` rows: their columns and their number of mentions."""
        for chunk in _chunks(rows, EDGE_CHUNK):
            self._load_nodes(i for row in chunk for i in row[1:3])
            for edge, source, target, kind, commodity_id, hs_code, modality, negated, mentions in chunk:
                data = _EdgeData(type=kind, mentions=mentions, doc_ids=[], evidence=[])
                data.update(commodity_id=commodity_id, hs_code=hs_code, modality=modality)
                data["negated"] = None if negated is None else bool(negated)
                data.edge = edge
                yield self._ids[source], self._ids[target], data

    def handle(self, data: dict[str, Any]) -> int:
        """What `reread` reads an edge from `edges` again by: its row id."""
        return data.edge  # type: ignore[attr-defined]

    def reread(self, edges: Iterable[tuple[str, str, Any]]) -> Iterator[tuple[str, str, dict]]:
        """(source, target, handle) of edges from `edges` → the same edges with all their attributes, in
        the order given, a chunk at a time."""
        pending: list[int] = []
        for _, _, edge in edges:
            pending.append(edge)
            if len(pending) == EDGE_CHUNK:
                yield from self._by_ids(pending)
                pending = []
        yield from self._by_ids(pending)

    def _by_ids(self, ids: list[int]) -> Iterator[tuple[str, str, dict]]:
        if not ids:
            return
        query = f"{_EDGE_SELECT} WHERE e.id IN (SELECT value FROM json_each(?))"
        found = {row[0]: row for row in self.connection.execute(query, (json.dumps(ids),))}
        yield from self._folded([found[edge] for edge in ids], light=False)

    def _folded(self, rows: list[tuple], light: bool) -> Iterator[tuple[str, str, dict]]:
        for chunk in _chunks(rows, EDGE_CHUNK):
            self._load_nodes(i for row in chunk for i in row[1:3])
            folds = _fold_edges(self.connection, chunk, self._shapes, self._dates, light=light, tagged=True)
            for edge, source_node, target_node, *_ in chunk:
                yield self._ids[source_node], self._ids[target_node], folds[edge].data


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _fold_edges(
    connection: sqlite3.Connection,
    rows: list[tuple],
    shapes: _Shapes,
    dates: dict[str, str | None] | None = None,
    light: bool = False,
    tagged: bool = False,
) -> dict[int, _Fold]:
    """The attributes and provenance of a chunk of edge rows (`_edge_fields`), their events read in one
    query; `dates` collects each document's date on the way; `light`: evidence as ids, no items;
    `tagged`: each edge's data knows its row (`_EdgeData`)."""
    folds = {}
    for row in rows:
        data = _edge_attrs(row, shapes)
        if tagged:
            data = _EdgeData(data)
            data.edge = row[0]
        folds[row[0]] = _Fold(data, [name for name in LIST_ATTRIBUTES if name in data])
    if light:
        query = _LIGHT_EDGE_EVENTS
    else:
        query = _EVENTS.format(owner="edge", mentions="1", items=", ev.items", table="edge_events")
    query += " WHERE ev.edge IN (SELECT value FROM json_each(?)) ORDER BY ev.id"
    for edge, doc_id, date, mentions, *evidence, items in connection.execute(
        query, (json.dumps(list(folds)),)
    ):
        if dates is not None:
            dates.setdefault(doc_id, date)
        folds[edge].add(doc_id, date, mentions, tuple(evidence), items)
    return folds


def graph_nodes(connection: sqlite3.Connection) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every node with its provenance, in creation order (networkx's node order), streamed: the events
    are read in node order beside the nodes."""
    events = connection.execute(
        _EVENTS.format(owner="node", mentions="ev.mentions", items=", NULL", table="node_events")
        + " ORDER BY ev.node, ev.id"
    )
    pending = next(events, None)
    for row in connection.execute(f"{_NODE_SELECT} ORDER BY id"):
        fold = _Fold(_with_provenance(_node_attrs(row)))
        while pending is not None and pending[0] == row[0]:
            _, doc_id, date, mentions, *evidence, items = pending
            fold.add(doc_id, date, mentions, tuple(evidence), items)
            pending = next(events, None)
        yield row[1], fold.data


#: Orders `graph_edges` can stream in: as created (what graph files keep), or as networkx lists a graph's
#: edges (by source, then the first edge to each target, then creation: what exports write).
EDGE_ORDERS = {"created": "e.id", "networkx": f"e.source, {_PAIR_FIRST}, e.id"}
EDGE_CHUNK = 512  # edges whose events are read in one query


def graph_edges(
    connection: sqlite3.Connection, order: str = "created"
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Every edge with its provenance, streamed in `order` (a key of EDGE_ORDERS), a chunk at a time."""
    shapes = _Shapes(connection)
    rows = connection.execute(
        f"SELECT {_edge_fields('a.node, b.node')} FROM edges e "
        "JOIN nodes a ON a.id = e.source JOIN nodes b ON b.id = e.target "
        f"LEFT JOIN nodes c ON c.id = e.commodity ORDER BY {EDGE_ORDERS[order]}"
    )
    while chunk := rows.fetchmany(EDGE_CHUNK):
        folds = _fold_edges(connection, chunk, shapes)
        for edge, source, target, key, *_ in chunk:
            yield source, target, key, folds[edge].data


class StoreGraph(TradeGraph):
    """The graph of a store: questions read its tables; `to_networkx()` streams the whole graph out of it
    (built once, for exports and pictures); `save()` writes a graph file straight from the tables."""

    def __init__(self, db: str | os.PathLike[str]) -> None:
        self.store = Store(db, readonly=True)
        self._view = StoreView(self.store.connection)
        self._positions = {}
        self._networkx: nx.MultiDiGraph | None = None

    @property
    def _graph(self) -> nx.MultiDiGraph:  # type: ignore[override]
        return self.to_networkx()

    @property
    def extractions(self) -> list[Extraction]:  # type: ignore[override]
        return list(self.store.extractions())

    @property
    def doc_dates(self) -> dict[str, str | None]:
        return dict(self.store.connection.execute("SELECT doc_id, date FROM documents ORDER BY id"))

    def add_extraction(self, extraction: Extraction) -> None:
        raise TypeError("a store's graph is read here, not changed: add documents with `tradegraph ingest`")

    def merge(self, other: Any) -> TradeGraph:
        raise TypeError("a store's graph is read here, not changed: add documents with `tradegraph ingest`")

    def graph_rows(self) -> Any:
        """The graph as rows for the export writers, streamed from the tables (`tradegraph.export.rows`)."""
        from tradegraph.export.rows import StoreRows

        return StoreRows(self.store.connection)

    def to_networkx(self) -> nx.MultiDiGraph:
        if self._networkx is None:
            import networkx as nx

            graph = nx.MultiDiGraph(doc_dates=self.doc_dates)
            connection = self.store.connection
            graph.add_nodes_from(graph_nodes(connection))
            for u, v, key, data in graph_edges(connection):
                add_edge(graph, u, v, key, data)
            self._networkx = graph
        return self._networkx

    def stats(self) -> dict[str, dict[str, int]]:
        connection = self.store.connection
        return {
            "documents": {"total": connection.execute("SELECT count(*) FROM documents").fetchone()[0]},
            "nodes": dict(
                connection.execute("SELECT type, count(*) FROM nodes GROUP BY type ORDER BY min(id)")
            ),
            "edges": dict(
                connection.execute("SELECT type, count(*) FROM edges GROUP BY type ORDER BY min(id)")
            ),
        }

    def __len__(self) -> int:
        return self.store.connection.execute("SELECT count(*) FROM nodes").fetchone()[0]

    def save(self, path: str | os.PathLike[str]):
        connection = self.store.connection
        documents = connection.execute("SELECT doc_id, date FROM documents ORDER BY id")
        return write_graph_file(path, documents, graph_nodes(connection), graph_edges(connection))

    def close(self) -> None:
        self.store.close()
