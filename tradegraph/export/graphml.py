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
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from tradegraph.export._common import (
    LIST_SEPARATOR,
    OMIT,
    as_multidigraph,
    atomic_open,
    convert,
    xml_text,
)
from tradegraph.models import MODALITY_STRENGTH

__all__ = ["collapse_edges", "write_graphml"]

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


def collapse_edges(graph: Any) -> nx.DiGraph:
    """The graph GraphML gets: one edge per (source, target, type), keyed by type, with scalar attributes
    only; nodes keep their attributes converted to scalars."""
    source = as_multidigraph(graph)
    collapsed = nx.MultiDiGraph()
    for node, data in source.nodes(data=True):
        attrs = {key: convert(value, "xml") for key, value in data.items()}
        attrs = {key: value for key, value in attrs.items() if value is not OMIT}
        attrs["type"] = xml_text(data.get("type") or "entity")
        attrs["label"] = xml_text(data.get("label") or data.get("name") or node)
        attrs["iso3"] = xml_text(data.get("iso3") or "")
        collapsed.add_node(xml_text(node), **attrs)

    bundles: dict[tuple[Any, Any, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, data in source.edges(data=True):
        bundles[(u, v, str(data.get("type") or "related"))].append(data)

    for (u, v, edge_type), edges in bundles.items():
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
        attrs = {key: value for key, value in attrs.items() if value != "" or key in {"label", "type"}}
        collapsed.add_edge(xml_text(u), xml_text(v), key=attrs["type"], **attrs)
    return collapsed


def _attr_type(values: list[Any]) -> tuple[str, type]:
    """The GraphML type for all values of one attribute; mixed types fall back to string."""
    kinds = {next(name for python, name in _ATTR_TYPES if isinstance(value, python)) for value in values}
    if kinds == {"long", "double"}:
        return "double", float
    if len(kinds) == 1:
        name = kinds.pop()
        return name, next(python for python, type_name in _ATTR_TYPES if type_name == name)
    return "string", str


def _text(value: Any, python: type) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if python is float:
        return repr(float(value))
    return xml_text(value)


def write_graphml(graph: Any, path: str | os.PathLike[str]) -> Path:
    """Write `graph` (TradeGraph or networkx graph) to `path` as collapsed GraphML; returns the path."""
    collapsed = collapse_edges(graph)
    scopes = {"node": list(collapsed.nodes(data=True)), "edge": [d for _, _, d in collapsed.edges(data=True)]}

    # Keys first (the schema wants <key> before <graph>); one key per (scope, name) with one type.
    keys: dict[tuple[str, str], tuple[str, type]] = {}
    key_ids: dict[tuple[str, str], str] = {}
    for scope in ("node", "edge"):
        values: dict[str, list[Any]] = defaultdict(list)
        items = [d for _, d in scopes["node"]] if scope == "node" else scopes["edge"]
        for data in items:
            for name, value in data.items():
                values[name].append(value)
        for name in sorted(values):
            keys[(scope, name)] = _attr_type(values[name])
            key_ids[(scope, name)] = f"{scope[0]}{len(key_ids)}"

    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("xsi", XSI_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml", {f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION})
    for (scope, name), (type_name, _) in keys.items():
        ET.SubElement(
            root,
            f"{{{GRAPHML_NS}}}key",
            {"id": key_ids[(scope, name)], "for": scope, "attr.name": xml_text(name), "attr.type": type_name},
        )
    graph_element = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "G", "edgedefault": "directed"})

    def add_data(element: ET.Element, scope: str, data: dict[str, Any]) -> None:
        for name, value in data.items():
            data_element = ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": key_ids[(scope, name)]})
            data_element.text = _text(value, keys[(scope, name)][1])

    for node, data in scopes["node"]:
        node_element = ET.SubElement(graph_element, f"{{{GRAPHML_NS}}}node", {"id": node})
        add_data(node_element, "node", data)
    for number, (u, v, data) in enumerate(collapsed.edges(data=True)):
        edge_element = ET.SubElement(
            graph_element, f"{{{GRAPHML_NS}}}edge", {"id": f"e{number}", "source": u, "target": v}
        )
        add_data(edge_element, "edge", data)

    ET.indent(root)
    with atomic_open(path, "wb") as stream:
        ET.ElementTree(root).write(stream, encoding="utf-8", xml_declaration=True)
    return Path(path)
