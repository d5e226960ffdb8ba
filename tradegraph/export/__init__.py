"""Writers of the trade graph to the formats analysts' tools read, one module per format:

- `write_graphml` (Gephi, yEd, igraph): collapsed, scalar attributes, `weight`;
- `write_gexf` (Gephi): GEXF 1.3 with article dates as a timeline and node colours by type;
- `write_node_link`: node-link JSON (D3, networkx);
- `write_csv`: `nodes.csv` and `edges.csv`;
- `write_neo4j`: neo4j-admin bulk-import CSVs, `import.sh` and `load.cypher`.

Every writer takes a TradeGraph (in memory or a store's, `TradeGraph.open(db)`), a networkx graph or
`GraphRows` and a path, reads the graph as rows (`tradegraph.export.rows`: a store's streamed from its
tables, never built in memory), writes atomically (a temporary file in the same directory, then
`os.replace`) and returns the path. `EXPORT_FORMATS` maps a format name to its writer.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = [
    "DIRECTORY_FORMATS",
    "EXPORT_FORMATS",
    "collapse_edges",
    "cypher_statements",
    "export_graph",
    "node_link_data",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_neo4j",
    "write_node_link",
]

Writer = Callable[[Any, "str | os.PathLike[str]"], Path]

# Each public name -> its module. The writers (and networkx, which they use) are imported on first use, so
# that commands which only name the formats (`tradegraph query`, every --help) start without them.
_HOMES = {
    "write_graphml": "graphml",
    "collapse_edges": "graphml",
    "write_gexf": "gexf",
    "write_node_link": "nodelink",
    "node_link_data": "nodelink",
    "write_csv": "tables",
    "write_neo4j": "neo4j",
    "cypher_statements": "neo4j",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


def _writer(name: str) -> Writer:
    def write(graph: Any, path: str | os.PathLike[str]) -> Path:
        return __getattr__(name)(graph, path)

    write.__name__ = write.__qualname__ = name
    write.__doc__ = f"`tradegraph.export.{_HOMES[name]}.{name}`, imported on first use."
    return write


EXPORT_FORMATS: dict[str, Writer] = {
    "graphml": _writer("write_graphml"),
    "gexf": _writer("write_gexf"),
    "json": _writer("write_node_link"),
    "csv": _writer("write_csv"),
    "neo4j": _writer("write_neo4j"),
}
# Formats whose output is a directory of files rather than one file.
DIRECTORY_FORMATS = frozenset({"csv", "neo4j"})


def export_graph(graph: Any, fmt: str, path: str | os.PathLike[str]) -> Path:
    """Write `graph` in format `fmt` (a key of EXPORT_FORMATS) to `path`."""
    try:
        writer = EXPORT_FORMATS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown export format {fmt!r} (choose from: {', '.join(EXPORT_FORMATS)})"
        ) from None
    return writer(graph, path)
