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

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tradegraph.export.gexf import write_gexf
from tradegraph.export.graphml import collapse_edges, write_graphml
from tradegraph.export.neo4j import cypher_statements, write_neo4j
from tradegraph.export.nodelink import node_link_data, write_node_link
from tradegraph.export.tables import write_csv

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

EXPORT_FORMATS: dict[str, Writer] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "json": write_node_link,
    "csv": write_csv,
    "neo4j": write_neo4j,
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
