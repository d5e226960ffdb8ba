"""The trade knowledge graph: extractions merged by canonical id into a networkx MultiDiGraph (or read
from a store's tables), saved as a graph file, and the questions analysts ask of it
(`kg.exports("Kazakhstan", "Iran")`).

One module per concern: `ids` (node ids and keys), `ops` (a document's facts as merge operations),
`nxgraph` (the graph in memory), `questions` (the question API over any back end), `files` (saved graph
files), `core` (`TradeGraph`). Building a graph from article files runs extraction, which is the layer above
this one: see `tradegraph.build_graph` (`tradegraph.library`).

Nodes (id → type): `country:KAZ`, `official:<slug>`, `port:<slug>`, `region:<slug>`, `city:<slug>`,
`organization:<slug>`, `commodity:<slug of the normalised name>`, `group:<id>`. Every node has `type`,
`label`, `mentions`, `doc_ids` and `evidence`; the type-specific attributes are listed in `NODE_ATTRIBUTES`.

Edges (MultiDiGraph keys make each fact one edge, merged across documents): `trade_flow` exporter →
importer, `exports` country → commodity, `represents` and `posted_to` official → country, `located_in`
place or organisation → country, `met` official → official, `relations_established` country → country,
`trade_value` reporter → partner. Every edge has `type`, `label`, `mentions`, `doc_ids` and `evidence`.

Limits: places and officials are merged by name alone (two cities of the same name in different countries
are one node; "Zarif" and "Mohammad Javad Zarif" from different documents are two).
"""

from __future__ import annotations

from tradegraph.graph.core import TradeGraph
from tradegraph.graph.files import GRAPH_FORMAT, GRAPH_VERSION
from tradegraph.graph.ids import (
    UnknownCountryError,
    commodity_id,
    country_code,
    country_id,
    country_label,
    flow_key,
    official_id,
    place_id,
)
from tradegraph.graph.ops import NODE_ATTRIBUTES
from tradegraph.graph.questions import LOCATION_KINDS
from tradegraph.jsonl import GraphFileError, load_extractions, save_extractions

__all__ = [
    "GRAPH_FORMAT",
    "GRAPH_VERSION",
    "LOCATION_KINDS",
    "NODE_ATTRIBUTES",
    "GraphFileError",
    "TradeGraph",
    "UnknownCountryError",
    "commodity_id",
    "country_code",
    "country_id",
    "country_label",
    "flow_key",
    "load_extractions",
    "official_id",
    "place_id",
    "save_extractions",
]
