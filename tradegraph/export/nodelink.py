"""Node-link JSON (networkx's `node_link_data` layout, edges under "edges"), for D3 and for reading back
with `networkx.node_link_graph(data, edges="edges")`.

Limits of the format as written here: every node, edge and attribute is kept with its structure (lists,
dicts, null); dates become ISO strings, sets sorted lists, pydantic models plain objects, NaN null. Text is
UTF-8 (not ASCII-escaped); JSON escapes control characters itself.

The file is written as the graph's rows come (`tradegraph.export.rows`), one node or edge at a time, with
the bytes `json.dump` gives for the whole of `node_link_data`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import networkx as nx

from tradegraph.export._common import as_multidigraph, atomic_open, convert
from tradegraph.export.rows import graph_rows

__all__ = ["node_link_data", "write_node_link"]


def node_link_data(graph: Any) -> dict[str, Any]:
    """The graph as plain JSON data: {"directed", "multigraph", "graph", "nodes", "edges"}."""
    data = nx.node_link_data(as_multidigraph(graph), edges="edges")
    return convert(data, "json")


def _dump(value: Any) -> str:
    return json.dumps(convert(value, "json"), ensure_ascii=False, allow_nan=False)


def _write_object(stream: IO[str], items: Iterable[tuple[Any, Any]]) -> None:
    """A JSON object written item by item; Mapping values (a store's doc_dates) are streamed too."""
    stream.write("{")
    for number, (key, value) in enumerate(items):
        stream.write(f"{', ' if number else ''}{json.dumps(str(key), ensure_ascii=False)}: ")
        if isinstance(value, Mapping) and not isinstance(value, dict):
            _write_object(stream, value.items())
        else:
            stream.write(_dump(value))
    stream.write("}")


def _write_list(stream: IO[str], items: Iterable[dict[str, Any]]) -> None:
    stream.write("[")
    for number, item in enumerate(items):
        stream.write(f"{', ' if number else ''}{_dump(item)}")
    stream.write("]")


def write_node_link(graph: Any, path: str | os.PathLike[str]) -> Path:
    """Write `graph` (TradeGraph, a store's graph, networkx graph or GraphRows) to `path` as node-link
    JSON; returns the path."""
    rows = graph_rows(graph)
    with atomic_open(path, "w") as stream:
        stream.write('{"directed": true, "multigraph": true, "graph": ')
        _write_object(stream, rows.graph_attributes())
        stream.write(', "nodes": ')
        _write_list(stream, ({**data, "id": node} for node, data in rows.nodes()))
        stream.write(', "edges": ')
        _write_list(stream, ({**data, "source": u, "target": v, "key": k} for u, v, k, data in rows.edges()))
        stream.write("}\n")
    return Path(path)
