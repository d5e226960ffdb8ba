"""The world the pictures are drawn on: where each country sits (its capital, from rules/countries.tsv),
the country outlines (Natural Earth 1:110m, vendored from the npm package world-atlas into
tradegraph/assets/, so nothing is fetched) and the Equal Earth projection that turns both into flat
coordinates. Shared by the matplotlib map (tradegraph.plot) and the HTML page's map layout (tradegraph.view).
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from tradegraph import gazetteers

__all__ = ["ASSETS", "country_point", "equal_earth", "outline_rings", "project_rings"]

ASSETS = Path(__file__).resolve().parent / "assets"

Ring = list[tuple[float, float]]

# Equal Earth (Šavrič, Patterson & Jenny 2018): an equal-area projection whose continents look familiar.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """(x, y) of a point in degrees; x in about ±2.71, y in about ±1.32 (north up)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def country_point(iso3: str) -> tuple[float, float] | None:
    """(lon, lat) of the country's capital, or None when rules/countries.tsv has no place for it."""
    row = gazetteers.country_by_iso3().get(iso3)
    if row is None or row.lat is None or row.lon is None:
        return None
    return row.lon, row.lat


@cache
def _topology() -> dict:
    return json.loads((ASSETS / "countries-110m.json").read_text(encoding="utf-8"))


def _decode_arcs(topology: dict) -> list[Ring]:
    """TopoJSON arcs are delta-encoded integers; the transform turns them back into degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[Ring], indices: list[int]) -> Ring:
    """Arcs joined into one ring; a negative index (~i) is arc i reversed. Shared end points appear once."""
    ring: Ring = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


@cache
def outline_rings() -> tuple[tuple[tuple[float, float], ...], ...]:
    """Every country's outer and inner rings as (lon, lat) points; Antarctica is left out (no trade there
    to draw, and it would take a fifth of the picture)."""
    topology = _topology()
    arcs = _decode_arcs(topology)
    rings = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if (geometry.get("properties") or {}).get("name") == "Antarctica":
            continue
        polygons = geometry.get("arcs") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for indices in polygon:
                rings.append(tuple(_ring(arcs, indices)))
    return tuple(rings)


def project_rings(
    bounds: tuple[float, float, float, float] | None = None,
) -> list[list[tuple[float, float]]]:
    """Outline rings in Equal Earth coordinates; with `bounds` (x0, y0, x1, y1) only rings that reach into
    that box."""
    projected = []
    for ring in outline_rings():
        points = [equal_earth(lon, lat) for lon, lat in ring]
        if bounds is not None:
            x0, y0, x1, y1 = bounds
            xs = [x for x, _ in points]
            ys = [y for _, y in points]
            if max(xs) < x0 or min(xs) > x1 or max(ys) < y0 or min(ys) > y1:
                continue
        projected.append(points)
    return projected
