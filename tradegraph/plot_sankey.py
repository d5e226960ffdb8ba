"""One country's trade as bands: exporters on the left, the goods in the middle, importers on the right
(the country itself is on both sides: what it sells leaves from it, what it buys arrives at it). Each band
is one flow, coloured by the goods' HS section (or by modality). Band heights are in points and every bar
is at least one line of text high, so no label can overlap another; the goods the country sells are above
those it buys.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tradegraph.answers import FlowAnswer
from tradegraph.picture_data import MODALITY_COLOURS, section_colour, section_name, section_order

__all__ = ["draw_sankey"]

BAND = 11.0  # points of height per flow
GAP = 7.0  # points between bars of a column
LABEL = 12.5  # the least bar height: one 9-point line and its margin
COLUMNS = (0.0, 1.0, 2.0)
BAR = 0.035  # bar width in data units


def _order(flows: list[FlowAnswer], country: str) -> tuple[list[str], list[str], list[str]]:
    """Exporters, goods and importers top to bottom: the country's sales first, partners by flows."""
    sold = [flow for flow in flows if flow.exporter == country]
    bought = [flow for flow in flows if flow.exporter != country]
    by_partner = Counter(flow.importer for flow in sold) + Counter(flow.exporter for flow in bought)

    def goods_key(name: str) -> tuple:
        mine = [flow for flow in flows if flow.commodity == name]
        selling = any(flow.exporter == country for flow in mine)
        partner = max((flow.importer if flow.exporter == country else flow.exporter for flow in mine),
                      key=lambda p: by_partner[p])  # fmt: skip
        return (not selling, -by_partner[partner], partner, section_order(mine[0].hs_section), name)

    goods = sorted({flow.commodity for flow in flows}, key=goods_key)
    partner_order = sorted(by_partner, key=lambda p: (-by_partner[p], p))
    exporters = [country] + [p for p in partner_order if any(f.exporter == p for f in bought)]
    importers = [p for p in partner_order if any(f.importer == p for f in sold)] + [country]
    if not sold:
        exporters.remove(country)
    if not bought:
        importers.remove(country)
    return exporters, goods, importers


def _stack(names: list[str], weights: Counter[str]) -> dict[str, tuple[float, float]]:
    """Bars from the top down: name -> (top, height) in points (y grows downward here)."""
    bars, y = {}, 0.0
    for name in names:
        height = max(weights[name] * BAND, LABEL)
        bars[name] = (y, height)
        y += height + GAP
    return bars


def draw_sankey(figure: Any, flows: list[FlowAnswer], country: str, *, colour_by: str) -> None:
    from matplotlib.patches import PathPatch, Rectangle
    from matplotlib.path import Path

    if not flows:
        figure.set_size_inches(10, 4)
        ax = figure.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No trade flows of this country to draw", ha="center", va="center", fontsize=14)
        return
    names = {flow.exporter: flow.exporter_name for flow in flows}
    names.update({flow.importer: flow.importer_name for flow in flows})
    exporters, goods, importers = _order(flows, country)
    left = _stack(exporters, Counter(flow.exporter for flow in flows))
    middle = _stack(goods, Counter(flow.commodity for flow in flows))
    right = _stack(importers, Counter(flow.importer for flow in flows))
    total = max(max(top_ + height for top_, height in column.values()) for column in (left, middle, right))
    legend_rows = -(-len({flow.hs_section for flow in flows}) // 4) if colour_by == "section" else 1
    bottom = 0.75 + 0.2 * legend_rows  # inches under the bands for the legend
    height_in = max(total / 72 + bottom + 0.8, 4.5)
    figure.set_size_inches(13, height_in)
    ax = figure.add_axes((0.16, bottom / height_in, 0.68, total / 72 / height_in))
    ax.set_axis_off()
    ax.set_xlim(-BAR, COLUMNS[2] + BAR)
    ax.set_ylim(total, 0)  # points, top down

    # Within each bar, bands are stacked in the order of the bars they come from or go to, so they cross
    # as little as possible.
    position = {name: i for i, name in enumerate(exporters + goods + importers)}
    offsets: dict[tuple[str, str], float] = {}

    def slot(column: str, bar: tuple[float, float], key: str) -> float:
        used = offsets.get((column, key), 0.0)
        offsets[(column, key)] = used + BAND
        return bar[0] + (bar[1] - BAND * weight[(column, key)]) / 2 + used

    weight = Counter()
    for flow in flows:
        weight[("L", flow.exporter)] += 1
        weight[("ML", flow.commodity)] += 1
        weight[("MR", flow.commodity)] += 1
        weight[("R", flow.importer)] += 1
    ordered = sorted(flows, key=lambda f: (position[f.exporter], position[f.commodity], position[f.importer]))
    for flow in ordered:
        colour = (
            MODALITY_COLOURS[flow.modality] if colour_by == "modality" else section_colour(flow.hs_section)
        )
        y0 = slot("L", left[flow.exporter], flow.exporter)
        y1 = slot("ML", middle[flow.commodity], flow.commodity)
        _band(ax, COLUMNS[0] + BAR / 2, y0, COLUMNS[1] - BAR / 2, y1, colour, PathPatch, Path)
    for flow in sorted(flows, key=lambda f: (position[f.commodity], position[f.importer])):
        colour = (
            MODALITY_COLOURS[flow.modality] if colour_by == "modality" else section_colour(flow.hs_section)
        )
        y1 = slot("MR", middle[flow.commodity], flow.commodity)
        y2 = slot("R", right[flow.importer], flow.importer)
        _band(ax, COLUMNS[1] + BAR / 2, y1, COLUMNS[2] - BAR / 2, y2, colour, PathPatch, Path)

    sections = {flow.commodity: flow.hs_section for flow in flows}
    for column, bars, side in ((0, left, "left"), (1, middle, "right"), (2, right, "right")):
        for name, (y, height) in bars.items():
            if column == 1:
                fill = section_colour(sections[name]) if colour_by == "section" else "#555555"
            else:
                fill = "#2b3a4a"
            x = COLUMNS[column]
            ax.add_patch(Rectangle((x - BAR / 2, y), BAR, height, color=fill, zorder=3, linewidth=0))
            label = name if column == 1 else names[name]
            count = sum(1 for f in flows if (f.commodity if column == 1 else (f.exporter if column == 0 else f.importer)) == name)  # fmt: skip
            text = f"{label} ({count})" if column != 1 else label
            ax.text(
                x + (-BAR if side == "left" else BAR),
                y + height / 2,
                text,
                ha="right" if side == "left" else "left",
                va="center",
                fontsize=9 if column == 1 else 10.5,
                fontweight="normal" if column == 1 else "bold",
                zorder=4,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
                if column == 1
                else None,
            )
    for x, heading in zip(COLUMNS, ("exporter", "goods", "importer"), strict=True):
        ax.text(x, -8, heading, ha="center", va="bottom", fontsize=11, color="#555555", fontstyle="italic")
    _legend(figure, flows, colour_by)


def _band(ax: Any, x0: float, y0: float, x1: float, y1: float, colour: str, patch: type, path: type) -> None:
    """A band of one flow's height from (x0, y0) to (x1, y1): two cubic curves and their joining sides."""
    mid = (x0 + x1) / 2
    top = [(x0, y0), (mid, y0), (mid, y1), (x1, y1)]
    bottom = [(x1, y1 + BAND), (mid, y1 + BAND), (mid, y0 + BAND), (x0, y0 + BAND)]
    vertices = [*top, *bottom, top[0]]
    codes = [path.MOVETO, path.CURVE4, path.CURVE4, path.CURVE4, path.LINETO, path.CURVE4, path.CURVE4,
             path.CURVE4, path.CLOSEPOLY]  # fmt: skip
    ax.add_patch(patch(path(vertices, codes), facecolor=colour, edgecolor="none", alpha=0.55, zorder=2))


def _legend(figure: Any, flows: list[FlowAnswer], colour_by: str) -> None:
    from matplotlib.patches import Patch

    if colour_by == "modality":
        present = Counter(flow.modality for flow in flows)
        entries = [(MODALITY_COLOURS[m], f"{m} ({present[m]})") for m in MODALITY_COLOURS if present[m]]
    else:
        present = Counter(flow.hs_section for flow in flows)
        entries = [
            (section_colour(s), f"{section_name(s)} ({present[s]})")
            for s in sorted(present, key=section_order)
        ]
    figure.legend(
        [Patch(color=colour, alpha=0.7) for colour, _ in entries],
        [label for _, label in entries],
        loc="lower center",
        ncol=min(4, len(entries)),
        frameon=False,
        fontsize=9,
        title="one band per flow · colour: "
        + ("modality" if colour_by == "modality" else "HS section of the goods"),
        title_fontsize=9.5,
        bbox_to_anchor=(0.5, 0.0),
    )
