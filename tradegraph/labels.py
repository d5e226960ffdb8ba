"""Labels that never overlap, for matplotlib pictures: each label is tried at candidate places around its
anchor — close first, then on wider rings — and goes to the first place where its box, as matplotlib's
renderer measures it, touches no label placed before and no blocked area (node markers). A label moved away
from its anchor gets a thin leader line. Labels are placed in the order given, so the caller puts the
important ones (country names) first; an optional label with no free place is left out rather than
drawn over another.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

__all__ = ["LabelPlacer", "boxes_overlap"]

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels


def boxes_overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _directions(count: int) -> list[tuple[float, float]]:
    # East and west first: a name beside its point reads best; then above and below, then the diagonals.
    preferred = [0, 180, 90, 270, 45, 135, 315, 225]
    angles = preferred + [a * 360 / count for a in range(count) if a * 360 / count not in preferred]
    return [(math.cos(math.radians(a)), math.sin(math.radians(a))) for a in angles]


class LabelPlacer:
    """Places text on one Axes without overlaps. `gap` is the free margin kept around every label (px)."""

    def __init__(self, ax: Any, *, gap: float = 3.0) -> None:
        self.ax = ax
        self.figure = ax.figure
        self.renderer = self.figure.canvas.get_renderer()
        self.gap = gap
        self.taken: list[Box] = []
        self.placed: list[Any] = []
        x0, y0, x1, y1 = ax.get_window_extent(self.renderer).extents
        self.frame: Box = (x0, y0, x1, y1)

    def block(self, box: Box) -> None:
        """Keep labels out of `box` (display pixels)."""
        self.taken.append(box)

    def block_point(self, x: float, y: float, radius: float) -> None:
        """Keep labels off a marker of `radius` pixels at data point (x, y)."""
        px, py = self.ax.transData.transform((x, y))
        self.block((px - radius, py - radius, px + radius, py + radius))

    def _free(self, box: Box) -> bool:
        g = self.gap
        grown = (box[0] - g, box[1] - g, box[2] + g, box[3] + g)
        fx0, fy0, fx1, fy1 = self.frame
        if box[0] < fx0 or box[1] < fy0 or box[2] > fx1 or box[3] > fy1:
            return False
        return not any(boxes_overlap(grown, taken) for taken in self.taken)

    def _candidates(
        self, width: float, height: float, first: float, rings: int, directions: int
    ) -> Iterator[tuple[float, float, float]]:
        """(dx, dy, distance) of the label's centre from the anchor, nearest rings first; with `first` 0 the
        anchor itself is tried first (a label centred on a line)."""
        if first <= 0:
            yield 0.0, 0.0, 0.0
            first = 6.0
        for ring in range(rings):
            radius = first * (1 + ring * 0.9)
            for ux, uy in _directions(directions):
                # The box's edge, not its centre, sits `radius` away: wide labels go further sideways.
                dx = ux * (radius + width / 2)
                dy = uy * (radius + height / 2)
                yield dx, dy, radius

    def place(
        self,
        x: float,
        y: float,
        text: str,
        *,
        distance: float = 8.0,
        rings: int = 14,
        directions: int = 16,
        required: bool = True,
        leader_colour: str = "#777777",
        **style: Any,
    ) -> Any | None:
        """Put `text` near data point (x, y); returns the Text, or None when an optional label has no room.

        A required label that finds no free place on any ring is still left out (never drawn over another);
        the caller can list it elsewhere.
        """
        artist = self.ax.text(x, y, text, ha="center", va="center", **style)
        extent = artist.get_window_extent(self.renderer)
        width, height = extent.width, extent.height
        # The box's offset from the anchor point as drawn centred there (ha/va centre: ~0).
        ox = (extent.x0 + extent.x1) / 2
        oy = (extent.y0 + extent.y1) / 2
        px, py = self.ax.transData.transform((x, y))
        skew_x, skew_y = ox - px, oy - py
        attempts = rings if required else min(rings, 4)
        for dx, dy, radius in self._candidates(width, height, distance, attempts, directions):
            cx, cy = px + dx, py + dy
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            if not self._free(box):
                continue
            data_x, data_y = self.ax.transData.inverted().transform((cx - skew_x, cy - skew_y))
            artist.set_position((data_x, data_y))
            self.taken.append(box)
            self.placed.append(artist)
            if radius > max(distance, 6.0) * 1.5:
                self._leader(px, py, box, leader_colour, artist.get_zorder())
            return artist
        artist.remove()
        return None

    def _leader(self, px: float, py: float, box: Box, colour: str, zorder: float) -> None:
        """A line from the anchor to the nearest point of the label's box."""
        from matplotlib.lines import Line2D

        ex = min(max(px, box[0]), box[2])
        ey = min(max(py, box[1]), box[3])
        inverse = self.ax.transData.inverted()
        (ax_, ay_), (bx_, by_) = inverse.transform([(px, py), (ex, ey)])
        self.ax.add_line(
            Line2D([ax_, bx_], [ay_, by_], color=colour, linewidth=0.6, zorder=zorder - 0.1, alpha=0.8)
        )
