"""GraphML for Gephi, yEd, igraph and networkx: the trade graph collapsed to one directed edge per
(source, target, type).

Limits of the format as written here:
- scalar attributes only (string, int, double, boolean); lists become "; "-joined strings, dicts JSON text,
  None is left out (GraphML has no null);
- characters XML 1.0 forbids (control characters, lone surrogates) are removed from ids and text;
- parallel edges of one type are merged: `weight` (double) is the number of mentions supporting the edge
  (negated flows do not support it), `facts` the number of merged edges, `commodities`, `hs_codes`,
  `hs_sections`, `modality` and `doc_ids` are joined, `negated_commodities` lists what was denied;
- every node has `type`, `label` and `iso3` ("" for non-countries); every edge has `type`, `label`,
  `weight`.

The graph's rows (`tradegraph.export.rows`) are read once: the parallel edges between two nodes are
collapsed as they pass, every element is converted and spooled to a temporary file while the keys are
gathered, and after the keys the elements are written from the spool, so a graph from a store of any size
is never held in memory.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from tradegraph.export._common import LIST_SEPARATOR, OMIT, atomic_open, convert, spooled, xml_text
from tradegraph.export._xml import write_streamed
from tradegraph.export.rows import GraphRows, graph_rows
from tradegraph.models import MODALITY_STRENGTH

__all__ = ["collapse_edges", "collapsed_rows", "write_graphml"]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"

# Python scalar type → GraphML attr.type; bool before int because bool is an int.
_ATTR_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),
    (int, "long"),
    (float, "double"),
    (str, "string"),
)

# Edge attributes merged by the collapse itself rather than by joining their values.
_MERGED = {"type", "label", "mentions", "weight", "negated", "commodity", "hs_code", "hs_section", "modality"}


def _unique(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(value for value in values if value not in (None, "", OMIT)))


def _join(values: list[Any]) -> str:
    parts: list[str] = []
    for value in values:
        text = convert(value, "xml")
        if text is not OMIT and text != "":
            parts.extend(str(text).split(LIST_SEPARATOR) if isinstance(value, list) else [str(text)])
    return LIST_SEPARATOR.join(dict.fromkeys(parts))


def _node(node: Any, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    attrs = {key: convert(value, "xml") for key, value in data.items()}
    attrs = {key: value for key, value in attrs.items() if value is not OMIT}
    attrs["type"] = xml_text(data.get("type") or "entity")
    attrs["label"] = xml_text(data.get("label") or data.get("name") or node)
    attrs["iso3"] = xml_text(data.get("iso3") or "")
    return xml_text(node), attrs


def _bundle(edge_type: str, edges: list[dict[str, Any]]) -> dict[str, Any]:
    """One collapsed edge from the parallel edges of one type between two nodes."""
    supporting = [edge for edge in edges if not edge.get("negated")]
    denied = [edge for edge in edges if edge.get("negated")]
    mentions = [int(edge.get("mentions") or 1) for edge in edges]
    attrs: dict[str, Any] = {
        "type": xml_text(edge_type),
        "label": _join([edge.get("label") or edge.get("commodity") or edge_type for edge in edges]),
        "weight": float(sum(int(edge.get("mentions") or 1) for edge in supporting)),
        "mentions": sum(mentions),
        "facts": len(edges),
    }
    if any("commodity" in edge for edge in edges):
        attrs["commodities"] = _join([edge.get("commodity") for edge in supporting])
        attrs["negated_commodities"] = _join([edge.get("commodity") for edge in denied])
        attrs["hs_codes"] = _join([edge.get("hs_code") for edge in supporting])
        attrs["hs_sections"] = _join([edge.get("hs_section") for edge in supporting])
    if any("negated" in edge for edge in edges):
        attrs["negated"] = bool(edges) and not supporting
    if any("modality" in edge for edge in edges):
        modalities = _unique([edge.get("modality") for edge in supporting])
        modalities.sort(key=lambda modality: -MODALITY_STRENGTH.get(str(modality), 0))
        attrs["modality"] = _join(modalities)
    for key in sorted({key for edge in edges for key in edge} - _MERGED):
        attrs[key] = _join([edge.get(key) for edge in edges])
    return {key: value for key, value in attrs.items() if value != "" or key in {"label", "type"}}


def _collapsed_edges(rows: GraphRows) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """One edge per (source, target, type), in the collapsed graph's order. The rows list all edges between
    two nodes together, so only those are held at a time."""
    pair: tuple[Any, Any] | None = None
    bundles: dict[str, list[dict[str, Any]]] = {}
    for u, v, _, data in rows.edges():
        if (u, v) != pair:
            if pair is not None:
                for edge_type, edges in bundles.items():
                    yield xml_text(pair[0]), xml_text(pair[1]), _bundle(edge_type, edges)
            pair, bundles = (u, v), {}
        bundles.setdefault(str(data.get("type") or "related"), []).append(data)
    if pair is not None:
        for edge_type, edges in bundles.items():
            yield xml_text(pair[0]), xml_text(pair[1]), _bundle(edge_type, edges)


def collapsed_rows(
    graph: Any,
) -> tuple[Iterator[tuple[str, dict[str, Any]]], Iterator[tuple[str, str, dict[str, Any]]]]:
    """The nodes and the collapsed edges GraphML gets, streamed from `graph`'s rows."""
    rows = graph_rows(graph)
    return (_node(node, data) for node, data in rows.nodes()), _collapsed_edges(rows)


def collapse_edges(graph: Any) -> nx.MultiDiGraph:
    """The graph GraphML gets: one edge per (source, target, type), keyed by type, with scalar attributes
    only; nodes keep their attributes converted to scalars."""
    nodes, edges = collapsed_rows(graph)
    collapsed = nx.MultiDiGraph()
    for node, attrs in nodes:
        collapsed.add_node(node, **attrs)
    for u, v, attrs in edges:
        collapsed.add_edge(u, v, key=attrs["type"], **attrs)
    return collapsed


def _attr_type(kinds: set[str]) -> tuple[str, type]:
    """The GraphML type for all values of one attribute, from their kinds; mixed types fall back to string."""
    if kinds == {"long", "double"}:
        return "double", float
    if len(kinds) == 1:
        (name,) = kinds
        return name, next(python for python, type_name in _ATTR_TYPES if type_name == name)
    return "string", str


def _kind(value: Any) -> str:
    return next(name for python, name in _ATTR_TYPES if isinstance(value, python))


def _text(value: Any, python: type) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if python is float:
        return repr(float(value))
    return xml_text(value)


def write_graphml(graph: Any, path: str | os.PathLike[str]) -> Path:
    """Write `graph` (TradeGraph, a store's graph, networkx graph or GraphRows) to `path` as collapsed
    GraphML; returns the path."""
    with spooled() as spool:
        # One pass over the graph: each element collapsed and converted, kept in the spool, and every
        # attribute name of each scope with the kinds of its values.
        kinds: dict[str, dict[str, set[str]]] = {"node": defaultdict(set), "edge": defaultdict(set)}
        nodes, edges = collapsed_rows(graph)
        for node, data in nodes:
            spool.add(("node", {"id": node}, data))
            for name, value in data.items():
                kinds["node"][name].add(_kind(value))
        for number, (u, v, data) in enumerate(edges):
            spool.add(("edge", {"id": f"e{number}", "source": u, "target": v}, data))
            for name, value in data.items():
                kinds["edge"][name].add(_kind(value))

        # Keys first (the schema wants <key> before <graph>); one key per (scope, name) with one type.
        keys: dict[tuple[str, str], tuple[str, type]] = {}
        key_ids: dict[tuple[str, str], str] = {}
        for scope in ("node", "edge"):
            for name in sorted(kinds[scope]):
                keys[(scope, name)] = _attr_type(kinds[scope][name])
                key_ids[(scope, name)] = f"{scope[0]}{len(key_ids)}"

        ET.register_namespace("", GRAPHML_NS)
        ET.register_namespace("xsi", XSI_NS)
        root = ET.Element(f"{{{GRAPHML_NS}}}graphml", {f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION})
        for (scope, name), (type_name, _) in keys.items():
            attrs = {"id": key_ids[(scope, name)], "for": scope, "attr.name": xml_text(name)}
            ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {**attrs, "attr.type": type_name})
        graph_element = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "G", "edgedefault": "directed"})

        def elements() -> Iterator[ET.Element]:
            for scope, attributes, data in spool:
                element = ET.Element(scope, attributes)
                for name, value in data.items():
                    data_element = ET.SubElement(element, "data", {"key": key_ids[(scope, name)]})
                    data_element.text = _text(value, keys[(scope, name)][1])
                yield element

        with atomic_open(path, "wb") as stream:
            write_streamed(stream, root, [(graph_element, elements() if spool.count else None)])
    return Path(path)
