"""A picture of the country trade network: countries as nodes, one curved arrow per direction of trade
(so A→B and B→A both show), arrow width by the number of flows. matplotlib is an optional extra
(`pip install tradegraph[analysis]`); the figure is drawn without pyplot, so no display or global backend
is touched (it works headless and inside notebooks alike).
"""

from __future__ import annotations

import math
import os
import warnings
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from tradegraph.export._common import as_multidigraph, atomic_open, node_colour, xml_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["country_flows", "plot_trade_network"]

_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def country_flows(graph: Any) -> nx.DiGraph:
    """Countries and, per direction, the number of trade flows (negated ones left out) and commodities."""
    source = as_multidigraph(graph)
    countries = nx.DiGraph()
    counts: Counter[tuple[str, str]] = Counter()
    commodities: dict[tuple[str, str], list[str]] = defaultdict(list)
    for u, v, data in source.edges(data=True):
        if data.get("type") != "trade_flow" or data.get("negated") or u == v:
            continue
        counts[(u, v)] += 1
        commodity = data.get("commodity") or data.get("label")
        if commodity and commodity not in commodities[(u, v)]:
            commodities[(u, v)].append(_printable(commodity))
    for node in {end for pair in counts for end in pair}:
        data = source.nodes[node]
        label, iso3 = data.get("label") or node, data.get("iso3") or node.removeprefix("country:")
        countries.add_node(node, label=_printable(label), iso3=_printable(iso3))
    for (u, v), count in counts.items():
        countries.add_edge(u, v, flows=count, commodities=commodities[(u, v)])
    return countries


def _printable(text: object) -> str:
    return " ".join(xml_text(text).split())


def _layout(countries: nx.DiGraph) -> dict[str, tuple[float, float]]:
    nodes = sorted(countries)
    if len(nodes) <= 2:
        return {
            node: (-0.6 + 1.2 * i, 0.0) if len(nodes) == 2 else (0.0, 0.0) for i, node in enumerate(nodes)
        }
    if len(nodes) <= 8:
        # A circle keeps small networks legible and the picture the same from run to run.
        return {
            node: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes)))
            for i, node in enumerate(nodes)
        }
    undirected = countries.to_undirected()
    positions = nx.spring_layout(undirected, seed=7, k=2.0 / math.sqrt(len(nodes)), iterations=200)
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def plot_trade_network(
    graph: Any,
    path: str | os.PathLike[str] | None = None,
    *,
    title: str | None = "Trade flows between countries",
    label_commodities: bool = True,
) -> Figure:
    """Draw the country trade network; write it to `path` (PNG, SVG or PDF by extension) when given.

    Returns the matplotlib Figure. Each arrow is labelled with its number of flows and, when few, the
    commodities themselves.
    """
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.patches import FancyArrowPatch
    except ImportError as exc:  # an optional extra: say how to get it
        raise ImportError("plots need matplotlib: pip install 'tradegraph[analysis]'") from exc

    fmt = None
    if path is not None:
        fmt = _FORMATS.get(Path(path).suffix.lower())
        if fmt is None:
            raise ValueError(f"cannot tell the picture format of {path}: use .png, .svg or .pdf")

    countries = country_flows(graph)
    positions = _layout(countries)
    figure = Figure(figsize=(11, 8), dpi=110)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=15, pad=14)
        figure.text(
            0.5,
            0.02,
            "arrow: exporter → importer · width: number of flows",
            ha="center",
            fontsize=9,
            color="#555555",
        )
    if not countries:
        ax.text(0.5, 0.5, "No trade flows in this graph", ha="center", va="center", fontsize=14)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
    else:
        _draw(ax, countries, positions, FancyArrowPatch, label_commodities)
    with warnings.catch_warnings():
        # Names in scripts the default font lacks (CJK) still draw, as boxes; one warning per glyph is noise.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        figure.tight_layout()
        if path is not None:
            with atomic_open(path, "wb") as stream:
                figure.savefig(stream, format=fmt, bbox_inches="tight")
    return figure


def _draw(
    ax: Any, countries: nx.DiGraph, positions: dict, arrow_class: type, label_commodities: bool
) -> None:
    most = max(data["flows"] for _, _, data in countries.edges(data=True))
    crowded = countries.number_of_edges() > 6  # then arrows carry only their number of flows
    node_radius_points = 34
    colour = tuple(channel / 255 for channel in node_colour("country"))
    # Arrows take their exporter's colour, so each country's exports read as one family.
    palette = ["#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#444444", "#785ef0", "#a6761d"]
    exporters = sorted({u for u, _ in countries.edges()})
    cx = sum(x for x, _ in positions.values()) / len(positions)
    cy = sum(y for _, y in positions.values()) / len(positions)
    for u, v, data in countries.edges(data=True):
        width = 1.5 + 7.0 * data["flows"] / most
        arrow = arrow_class(
            positions[u],
            positions[v],
            connectionstyle="arc3,rad=0.22",  # both directions bend to their own side
            arrowstyle=f"-|>,head_length={0.5 + width / 10:.2f},head_width={0.3 + width / 14:.2f}",
            mutation_scale=18,
            linewidth=width,
            color=palette[exporters.index(u) % len(palette)],
            alpha=0.75,
            shrinkA=node_radius_points,
            shrinkB=node_radius_points,
            zorder=1,
        )
        ax.add_patch(arrow)
        (x1, y1), (x2, y2) = positions[u], positions[v]
        # The label sits on the arc: the midpoint pushed sideways the way arc3 bends.
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        dx, dy = x2 - x1, y2 - y1
        bend = 0.22 / 2
        lx, ly = mx + bend * dy, my - bend * dx
        text = f"{data['flows']} flow{'s' if data['flows'] != 1 else ''}"
        if crowded:
            text = str(data["flows"])
        elif label_commodities and len(data["commodities"]) <= 12:
            text += ":\n" + _wrap(", ".join(data["commodities"]), 34)
        ax.text(
            lx,
            ly,
            text,
            ha="center",
            va="center",
            fontsize=8.5,
            zorder=3,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#bbbbbb", "alpha": 0.9},
        )
    for node, (x, y) in positions.items():
        ax.scatter([x], [y], s=2600, color=colour, edgecolors="white", linewidths=2, zorder=2)
        ax.text(
            x,
            y,
            countries.nodes[node]["iso3"],
            ha="center",
            va="center",
            fontsize=11,
            color="white",
            fontweight="bold",
            zorder=4,
        )
        # The name goes on the outer side of the node, away from the arrows in the middle.
        below = y < cy or (y == cy and len(positions) <= 2)
        ax.text(
            x + (0.0 if abs(x - cx) < 0.3 else math.copysign(0.04, x - cx)),
            y - 0.13 if below else y + 0.13,
            countries.nodes[node]["label"],
            ha="center" if abs(x - cx) < 0.3 else ("left" if x > cx else "right"),
            va="top" if below else "bottom",
            fontsize=12,
            zorder=4,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    margin = 0.45
    ax.set_xlim(min(xs) - margin, max(xs) + margin)
    ax.set_ylim(min(ys) - margin, max(ys) + margin)
    ax.set_aspect("equal", adjustable="box")


def _wrap(text: str, width: int) -> str:
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)
