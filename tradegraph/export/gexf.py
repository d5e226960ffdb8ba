"""GEXF 1.3 for Gephi, with the article dates as a timeline and node colours by type.

Limits of the format as written here:
- every fact is kept: parallel edges stay separate, told apart by `id` and `kind` (the edge type);
- attributes are scalar (string, long, double, boolean); lists become "; "-joined strings, dicts JSON text,
  None is left out; characters XML 1.0 forbids are removed;
- time is the article date, at the resolution of a day (`timeformat="date"`): each node and edge gets one
  spell per distinct date of the documents it was read from (for trade flows, their `dates`); a date given
  only as a month or a year spans that month or year. The graph is
  `mode="dynamic"` when any element has a date, else static; undated elements have no spells and so are
  shown at all times;
- edge `weight` is the number of mentions; node colour (`viz:color`) follows `NODE_COLOURS`.

The graph's rows (`tradegraph.export.rows`) are read once: each element is converted and spooled to a
temporary file while the attributes and the time span the header declares are gathered; after the header
the elements are written from the spool, so the graph is never held in memory.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tradegraph.export._common import OMIT, Spool, atomic_open, convert, node_colour, spooled, xml_text
from tradegraph.export._xml import write_streamed
from tradegraph.export.rows import graph_rows

__all__ = ["write_gexf"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GEXF_NS} {GEXF_NS}/gexf.xsd"

_ATTR_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),
    (int, "long"),
    (float, "double"),
    (str, "string"),
)
# Written as XML attributes of <node>/<edge> (or as spells), so not repeated as <attvalue>s.
_RESERVED = {"id", "label", "weight", "start", "end", "dates", "spells", "pid", "viz"}


def _declare(kinds: dict[str, set[str]]) -> dict[str, tuple[str, str]]:
    """name → (attribute id, GEXF type) for every attribute found; mixed types become string."""
    declared = {}
    for number, name in enumerate(sorted(kinds)):
        found = set(kinds[name])
        gexf_type = found.pop() if len(found) == 1 else "double" if found == {"long", "double"} else "string"
        declared[name] = (str(number), gexf_type)
    return declared


def _scalars(data: dict[str, Any]) -> dict[str, Any]:
    converted = {key: convert(value, "xml") for key, value in data.items() if key not in _RESERVED}
    return {key: value for key, value in converted.items() if value is not OMIT}


def _value_text(value: Any, gexf_type: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if gexf_type == "double":
        return repr(float(value))
    return xml_text(value)


def _add_spells(element: ET.Element, dates: list[tuple[str, str]]) -> None:
    if dates:
        spells = ET.SubElement(element, "spells")
        for start, end in dates:
            ET.SubElement(spells, "spell", {"start": start, "end": end})


def _add_attvalues(element: ET.Element, data: dict[str, Any], declared: dict[str, tuple[str, str]]) -> None:
    if data:
        attvalues = ET.SubElement(element, "attvalues")
        for name, value in data.items():
            attribute_id, gexf_type = declared[name]
            ET.SubElement(
                attvalues, "attvalue", {"for": attribute_id, "value": _value_text(value, gexf_type)}
            )


def write_gexf(graph: Any, path: str | os.PathLike[str]) -> Path:
    """Write `graph` (TradeGraph, a store's graph, networkx graph or GraphRows) to `path` as GEXF 1.3;
    returns the path."""
    rows = graph_rows(graph)
    with spooled() as nodes, spooled() as edges:
        # One pass over the graph: each element's attributes and dates, kept in a spool, and the kinds
        # of every attribute's values and the time span for the header.
        kinds: dict[str, dict[str, set[str]]] = {"node": defaultdict(set), "edge": defaultdict(set)}
        span: list[str] = []  # the first and the last day of any element

        def keep(scope: str, attributes: dict[str, str], data: dict[str, Any]) -> None:
            scalars, dates = _scalars(data), rows.element_dates(data)
            for name, value in scalars.items():
                kinds[scope][name].add(
                    next(kind for python, kind in _ATTR_TYPES if isinstance(value, python))
                )
            if dates:
                first, last = dates[0][0], max(end for _, end in dates)
                span[:] = [min(span[0], first), max(span[1], last)] if span else [first, last]
            spool = nodes if scope == "node" else edges
            spool.add((attributes, scalars, dates, data.get("type"), data.get("mentions")))

        for node, data in rows.nodes():
            label = xml_text(data.get("label") or data.get("name") or node)
            keep("node", {"id": xml_text(node), "label": label}, data)
        for number, (u, v, _, data) in enumerate(rows.edges()):
            edge_type = xml_text(data.get("type") or "related")
            attributes = {
                "id": f"e{number}",
                "source": xml_text(u),
                "target": xml_text(v),
                "kind": edge_type,
                "label": xml_text(data.get("label") or data.get("commodity") or edge_type),
                "weight": repr(float(data.get("mentions") or 1)),
            }
            keep("edge", attributes, data)
        declared = {scope: _declare(kinds[scope]) for scope in ("node", "edge")}

        ET.register_namespace("", GEXF_NS)
        ET.register_namespace("viz", VIZ_NS)
        ET.register_namespace("xsi", XSI_NS)
        root = ET.Element(
            f"{{{GEXF_NS}}}gexf", {"version": "1.3", f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION}
        )
        meta = ET.SubElement(root, f"{{{GEXF_NS}}}meta")
        ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "tradegraph"
        ET.SubElement(
            meta, f"{{{GEXF_NS}}}description"
        ).text = "Trade between countries read from news articles"

        graph_attrs = {"defaultedgetype": "directed"}
        if span:
            graph_attrs |= {"mode": "dynamic", "timeformat": "date", "start": span[0], "end": span[1]}
        else:
            graph_attrs["mode"] = "static"
        graph_element = ET.SubElement(root, f"{{{GEXF_NS}}}graph", graph_attrs)
        for scope in ("node", "edge"):
            attributes = ET.SubElement(graph_element, f"{{{GEXF_NS}}}attributes", {"class": scope})
            for name, (attribute_id, gexf_type) in declared[scope].items():
                ET.SubElement(
                    attributes,
                    f"{{{GEXF_NS}}}attribute",
                    {"id": attribute_id, "title": xml_text(name), "type": gexf_type},
                )
        nodes_element = ET.SubElement(graph_element, f"{{{GEXF_NS}}}nodes")
        edges_element = ET.SubElement(graph_element, f"{{{GEXF_NS}}}edges")

        def elements(scope: str, spool: Spool) -> Iterator[ET.Element]:
            for attributes, scalars, dates, node_type, mentions in spool:
                element = ET.Element(scope, attributes)
                _add_attvalues(element, scalars, declared[scope])
                _add_spells(element, dates)
                if scope == "node":
                    red, green, blue = node_colour(node_type)
                    colour = {"r": str(red), "g": str(green), "b": str(blue), "a": "1.0"}
                    ET.SubElement(element, "viz:color", colour)
                    size = 10.0 + 4.0 * min(int(mentions or 1), 10)
                    ET.SubElement(element, "viz:size", {"value": repr(size)})
                yield element

        lists = [
            (nodes_element, elements("node", nodes) if nodes.count else None),
            (edges_element, elements("edge", edges) if edges.count else None),
        ]
        with atomic_open(path, "wb") as stream:
            write_streamed(stream, root, lists, uses={0: VIZ_NS})  # nodes have viz:color and viz:size
    return Path(path)
