"""The graph in memory: merge operations applied to a networkx MultiDiGraph, and the graph read back as the
question API's back end (`NetworkxView`).

Node and edge attributes are documented in `tradegraph.graph`. Provenance lists (doc_ids, evidence, dates,
…) grow without duplicates in constant time: a set of keys per list is kept beside the graph, not in its
attributes, so exports, copies and pickles are unchanged.
"""

from __future__ import annotations

import copy
import weakref
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from tradegraph.graph.ids import country_id, country_label
from tradegraph.graph.ops import COMMODITY_PLACEHOLDER, NODE_ATTRIBUTES, EdgeOp, NodeOp, merge_attribute

if TYPE_CHECKING:  # imported when a graph is made (new_graph), not by a store's questions
    import networkx as nx

__all__ = [
    "NetworkxView",
    "add_edge",
    "apply_ops",
    "clear",
    "edges_in_creation_order",
    "graph_ops",
    "new_graph",
]


def new_graph() -> nx.MultiDiGraph:
    import networkx as nx

    return nx.MultiDiGraph(doc_dates={})


class _Seen:
    """Hashable keys of what one provenance list holds, so appending without duplicates is O(1)."""

    __slots__ = ("items", "keys", "size")

    def __init__(self, items: list) -> None:
        self.items = items  # held, so the list's id() is not reused while this entry exists
        self.keys: set | None = set()
        self.size = 0
        self.sync()

    def sync(self) -> None:
        """Re-read the list if something other than _append_new changed it."""
        try:
            self.keys = {_key(item) for item in self.items}
        except TypeError:  # an unhashable value: fall back to scanning
            self.keys = None
        self.size = len(self.items)


# Graph -> id(list) -> _Seen; a rebuilt graph starts a fresh index and a dropped one takes its index along.
_SEEN: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[int, _Seen]] = weakref.WeakKeyDictionary()
# Graph -> its edges in the order they were created. networkx keeps each node's successors and its
# predecessors in insertion order, and questions list answers in that order; a graph written out edge by edge
# in creation order reads back with both orders intact.
_CREATED: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[tuple, None]] = weakref.WeakKeyDictionary()


def edges_in_creation_order(g: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict]]:
    """(source, target, key, data) of every edge, in the order the edges were added to `g`."""
    created = _CREATED.get(g, {})
    for u, v, key in created:
        if g.has_edge(u, v, key):
            yield u, v, key, g.edges[u, v, key]
    if len(created) != g.number_of_edges():  # edges added by other means: after, in networkx's order
        for u, v, key, data in g.edges(keys=True, data=True):
            if (u, v, key) not in created:
                yield u, v, key, data


def clear(g: nx.MultiDiGraph) -> None:
    """Empty `g` (for a rebuild), its indexes with it."""
    g.clear()
    _SEEN.pop(g, None)
    _CREATED.pop(g, None)


def add_edge(g: nx.MultiDiGraph, u: str, v: str, key: str, data: dict) -> None:
    """Add an edge, remembering its place in the creation order."""
    g.add_edge(u, v, key=key, **data)
    created = _CREATED.get(g)
    if created is None:
        created = _CREATED[g] = {}
    created[(u, v, key)] = None


def _key(value: Any) -> Any:
    """A hashable stand-in for a list item; equal items have equal keys. Evidence is keyed by document and
    offsets (the full dicts are compared when a key is already present)."""
    if isinstance(value, dict):
        if "doc_id" in value and "start" in value and "end" in value:
            return (value["doc_id"], value["start"], value["end"])
        return tuple(sorted((k, _key(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_key(v) for v in value)
    return value


def _append_new(g: nx.MultiDiGraph, items: list, value: Any) -> None:
    """Append `value` to one of the graph's lists unless None or already there, in constant time."""
    if value is None:
        return
    lists = _SEEN.get(g)
    if lists is None:
        lists = _SEEN[g] = {}
    seen = lists.get(id(items))
    if seen is None:
        seen = lists[id(items)] = _Seen(items)
    elif seen.size != len(items):
        seen.sync()
    if seen.keys is None:
        if value not in items:
            items.append(value)
        seen.sync()
        return
    try:
        key = _key(value)
        present = key in seen.keys
    except TypeError:
        if value not in items:
            items.append(value)
        seen.sync()
        return
    if present:
        if type(value) in (str, int, float, bool):
            return  # the key is the value itself
        # Same key, perhaps a different dict: compare, newest first (a document's duplicates are recent).
        if any(item == value for item in reversed(items)):
            return
    items.append(value)
    seen.keys.add(key)
    seen.size += 1


def _apply_node(g: nx.MultiDiGraph, op: NodeOp) -> None:
    if op.node not in g:
        defaults = copy.deepcopy(NODE_ATTRIBUTES.get(op.type, {}))
        g.add_node(op.node, type=op.type, label=op.label, mentions=0, doc_ids=[], evidence=[], **defaults)
    elif op.create_only:
        return
    data = g.nodes[op.node]
    for key, value in op.attrs.items():
        data[key] = merge_attribute(key, data.get(key), value)
    data["mentions"] += op.mentions
    for doc_id in op.doc_ids:
        _append_new(g, data["doc_ids"], doc_id)
    for evidence in op.evidence:
        _append_new(g, data["evidence"], evidence)


def _apply_edge(g: nx.MultiDiGraph, op: EdgeOp) -> None:
    if not g.has_edge(op.source, op.target, op.key):
        attrs = dict(op.attrs)
        label = op.label
        if op.commodity is not None:  # the first document's wording names the commodity everywhere
            node = g.nodes[op.commodity]
            attrs.update(commodity=node["label"], hs_code=node["hs_code"], hs_section=node["hs_section"])
            label = label.replace(COMMODITY_PLACEHOLDER, node["label"])
        lists = {name: [] for name in op.appends}
        base = {"type": op.type, "label": label, "mentions": 0, "doc_ids": [], "evidence": []}
        add_edge(g, op.source, op.target, op.key, {**base, **attrs, **lists})
    data = g.edges[op.source, op.target, op.key]
    data["mentions"] += op.mentions
    for doc_id in op.doc_ids:
        _append_new(g, data["doc_ids"], doc_id)
    for evidence in op.evidence:
        _append_new(g, data["evidence"], evidence)
    for name, items in op.appends.items():
        for item in items:
            _append_new(g, data[name], item)


def apply_ops(g: nx.MultiDiGraph, ops: Iterable[NodeOp | EdgeOp]) -> None:
    """Apply merge operations to `g`, in order."""
    for op in ops:
        if isinstance(op, NodeOp):
            _apply_node(g, op)
        else:
            _apply_edge(g, op)


_NODE_FIELDS = frozenset({"type", "label", "mentions", "doc_ids", "evidence"})
_EDGE_FIELDS = frozenset(
    {"type", "label", "mentions", "doc_ids", "evidence", "commodity", "hs_code", "hs_section"}
)


def graph_ops(g: nx.MultiDiGraph) -> Iterator[NodeOp | EdgeOp]:
    """A whole graph as merge operations (each node and edge with all its sources), so that one graph can
    be merged into another by the same rules as a document."""
    for node, data in g.nodes(data=True):
        attrs = {key: value for key, value in data.items() if key not in _NODE_FIELDS}
        yield NodeOp(
            node,
            data["type"],
            data["label"],
            tuple(data["doc_ids"]),
            data["mentions"],
            tuple(data["evidence"]),
            attrs,
        )
    for u, v, key, data in edges_in_creation_order(g):
        lists = {
            name: tuple(data[name]) for name in ("dates", "quantities", "values", "countries") if name in data
        }
        attrs = {
            key_: value for key_, value in data.items() if key_ not in _EDGE_FIELDS and key_ not in lists
        }
        for name in ("commodity", "hs_code", "hs_section"):
            if name in data:
                attrs[name] = data[name]
        yield EdgeOp(
            u,
            v,
            key,
            data["type"],
            data["label"],
            tuple(data["doc_ids"]),
            data["mentions"],
            tuple(data["evidence"]),
            attrs,
            lists,
        )


class NetworkxView:
    """The question API's back end over a graph in memory: node and edge data are the attribute dicts."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph

    def doc_date(self, doc_id: str) -> str | None:
        return self.graph.graph["doc_dates"].get(doc_id)

    def country_name(self, iso3: str) -> str:
        node = country_id(iso3)
        return self.graph.nodes[node]["label"] if node in self.graph else country_label(iso3)

    def node(self, node: str, provenance: bool = False) -> dict[str, Any]:
        """A node's attributes (with its mentions, doc_ids and evidence when `provenance`)."""
        return self.graph.nodes[node]

    def edges(
        self, edge_type: str, source: str | None = None, target: str | None = None, **_hints: Any
    ) -> Iterator[tuple[str, str, dict]]:
        """(source, target, edge data) of the edges of one type, optionally restricted to one end, in the
        graph's order. Hints (commodities, hs_prefixes, modalities, negated) are filters the caller applies
        anyway; a back end may use them to read less."""
        g = self.graph
        if source is not None:
            edges = g.out_edges(source, data=True) if source in g else []
        elif target is not None:
            edges = g.in_edges(target, data=True) if target in g else []
        else:
            edges = g.edges(data=True)
        for u, v, data in edges:
            if data["type"] == edge_type and (target is None or v == target):
                yield u, v, data

    def handle(self, data: dict[str, Any]) -> dict[str, Any]:
        """What `reread` gives an edge back by: in memory, its data itself."""
        return data

    def reread(self, edges: Iterable[tuple[str, str, Any]]) -> Iterator[tuple[str, str, dict]]:
        return iter(edges)
