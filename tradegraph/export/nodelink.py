"""Node-link JSON (networkx's `node_link_data` layout, edges under "edges"), for D3 and for reading back
with `networkx.node_link_graph(data, edges="edges")`.

Limits of the format as written here: every node, edge and attribute is kept with its structure (lists,
dicts, null); dates become ISO strings, sets sorted lists, pydantic models plain objects, NaN null. Text is
UTF-8 (not ASCII-escaped); JSON escapes control characters itself.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import networkx as nx

from tradegraph.export._common import as_multidigraph, atomic_open, convert

__all__ = ["node_link_data", "write_node_link"]


def node_link_data(graph: Any) -> dict[str, Any]:
    """The graph as plain JSON data: {"directed", "multigraph", "graph", "nodes", "edges"}."""
    data = nx.node_link_data(as_multidigraph(graph), edges="edges")
    return convert(data, "json")


def write_node_link(graph: Any, path: str | os.PathLike[str]) -> Path:
    """Write `graph` (TradeGraph or networkx graph) to `path` as node-link JSON; returns the path."""
    data = node_link_data(graph)
    with atomic_open(path, "w") as stream:
        json.dump(data, stream, ensure_ascii=False, allow_nan=False)
        stream.write("\n")
    return Path(path)
