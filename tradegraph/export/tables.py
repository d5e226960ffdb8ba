"""Plain CSV tables for spreadsheets and pandas: `nodes.csv` and `edges.csv` in one directory.

Limits of the format as written here: one row per node and per edge (parallel edges kept, with their
`key`); the first columns are fixed (nodes: id, type, label; edges: source, target, key, type, label) and the
rest are every other attribute, sorted by name. CSV has no types: None is an empty cell, booleans are
`true`/`false`, lists "; "-joined (evidence by its sentences), dicts JSON text. UTF-8, RFC 4180 quoting,
so any text (quotes, commas, newlines) survives a round trip through the `csv` module.

The graph's rows (`tradegraph.export.rows`) are read once; each table's rows are converted and spooled to
a temporary file while its columns are gathered, then written, so the graph is never held in memory.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tradegraph.export._common import atomic_directory, convert, spooled
from tradegraph.export.rows import graph_rows

__all__ = ["write_csv"]

NODE_COLUMNS = ["id", "type", "label"]
EDGE_COLUMNS = ["source", "target", "key", "type", "label"]


def _write_table(path: Path, fixed: list[str], rows: Iterable[dict[str, Any]]) -> None:
    """Write `rows`, read once: converted and spooled while the columns are gathered, then written."""
    names: set[str] = set()
    with spooled() as spool:
        for row in rows:
            converted = {name: convert(value, "csv") for name, value in row.items()}
            names.update(converted)
            spool.add(converted)
        extra = sorted(names - set(fixed))
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=fixed + extra, restval="")
            writer.writeheader()
            writer.writerows(spool)


def write_csv(graph: Any, directory: str | os.PathLike[str]) -> Path:
    """Write `graph` (TradeGraph, a store's graph, networkx graph or GraphRows) as `nodes.csv` and
    `edges.csv` into `directory`."""
    source = graph_rows(graph)
    nodes = ({**data, "id": node} for node, data in source.nodes())
    edges = ({**data, "source": u, "target": v, "key": key} for u, v, key, data in source.edges())
    with atomic_directory(directory) as staging:
        _write_table(staging / "nodes.csv", NODE_COLUMNS, nodes)
        _write_table(staging / "edges.csv", EDGE_COLUMNS, edges)
    return Path(directory)
