"""The trade knowledge graph: extractions merged by canonical id into a networkx MultiDiGraph, saved as
JSON, and the questions analysts ask of it (`kg.exports("Kazakhstan", "Iran")`).

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

import copy
import itertools
import json
import os
import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import ValidationError

from tradegraph import normalize
from tradegraph.answers import (
    EvidenceAnswer,
    FlowAnswer,
    LocationAnswer,
    MeetingAnswer,
    OfficialAnswer,
    PartnerAnswer,
    ValueAnswer,
)
from tradegraph.dates import check_date_bound
from tradegraph.jsonl import (
    GraphFileError,
    atomic_write_text,
    load_extractions,
    looks_like_extractions,
    save_extractions,
    validation_message,
)
from tradegraph.models import MODALITY_STRENGTH, Commodity, Evidence, Extraction, Official, TradeFlow

__all__ = [
    "GRAPH_FORMAT",
    "GRAPH_VERSION",
    "GraphFileError",
    "TradeGraph",
    "UnknownCountryError",
    "build_graph",
    "load_extractions",
    "save_extractions",
]

GRAPH_FORMAT = "tradegraph-graph"
GRAPH_VERSION = 1

#: Type-specific node attributes with their defaults, always present on a node of that type.
NODE_ATTRIBUTES: dict[str, dict[str, Any]] = {
    "country": {"iso3": None},
    "official": {"title": None, "role_class": None, "country": None, "posted_to": None, "former": False},
    "port": {"country": None, "code": None},
    "region": {"country": None, "code": None},
    "city": {"country": None, "code": None},
    "organization": {"kind": None, "country": None},
    "commodity": {"hs_code": None, "hs_section": None},
    "group": {"group_id": None, "members": []},
}
LOCATION_KINDS = ("port", "region", "city")
_KIND_ALIASES = {
    "port": "port",
    "ports": "port",
    "region": "region",
    "regions": "region",
    "province": "region",
    "provinces": "region",
    "city": "city",
    "cities": "city",
    "organization": "organization",
    "organizations": "organization",
    "organisation": "organization",
    "organisations": "organization",
}
# A value that a later document may replace with a more specific one.
_PLACEHOLDERS: dict[str, tuple[Any, ...]] = {"role_class": (None, "", "official")}
_ROLE_RANK = {
    role: rank
    for rank, role in enumerate(
        ["head_of_state", "head_of_government", "minister", "deputy_minister", "ambassador", "governor"]
    )
}
# Memoised name normalisation: a graph of many documents asks for the same few thousand names again and
# again. The answers depend only on the text and on the gazetteers, which are loaded once per process.
_NAME_CACHE_SIZE = 1 << 16
_ISO3 = re.compile(r"[A-Z]{3}")


class UnknownCountryError(ValueError):
    """A country name that cannot be resolved to an ISO 3166-1 alpha-3 code."""


# ---------------------------------------------------------------------------------------------- node ids


def country_id(iso3: str) -> str:
    return f"country:{iso3}"


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def _slug(text: str) -> str:
    return normalize.slugify(text)


def official_id(name: str) -> str:
    return f"official:{_slug(name)}"


def place_id(kind: str, name: str) -> str:
    """Id of a port, region, city or organization node."""
    return f"{kind}:{_slug(name)}"


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def commodity_id(name: str) -> str:
    """`commodity:<slug of the normalised name>`: "Sunflower seeds" and "sunflower seed" are one node."""
    normalised = normalize.normalize_commodity(name) or name.strip().lower()
    return f"commodity:{_slug(normalised)}"


def group_id(group: str) -> str:
    return f"group:{group}"


def country_code(text: str | None) -> str | None:
    """ISO3 code of a country given by code or by any name form ("Türkiye", "the UAE", "Kazakh"), or None."""
    if not text or not text.strip():
        return None
    return normalize.country_iso3(text.strip())


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def _fact_country(text: str | None) -> str | None:
    """A country as an extraction states it: normally ISO3 already; an uppercase code the gazetteer lacks
    (a user-assigned one such as XKX) is trusted rather than dropped."""
    code = country_code(text)
    if code is None and text and _ISO3.fullmatch(text.strip()):
        return text.strip()
    return code


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def country_label(iso3: str) -> str:
    try:
        return normalize.country_name(iso3) or iso3
    except (KeyError, LookupError, ValueError):
        return iso3


# ------------------------------------------------------------------------------------- building the graph


def _append_unique(items: list, value: Any) -> None:
    if value is not None and value not in items:
        items.append(value)


class _Seen:
    """Hashable keys of what one provenance list holds, kept beside the graph so that appending without
    duplicates costs O(1) instead of a scan of the list (which made building the graph quadratic)."""

    __slots__ = ("items", "keys", "size")

    def __init__(self, items: list) -> None:
        self.items = items  # held, so the list's id() is not reused while this entry exists
        self.keys: set | None = set()
        self.size = 0
        self.sync()

    def sync(self) -> None:
        """Re-read the list if something other than _append_new changed it."""
        try:
            self.keys = {_key(item) for item in self.items}
        except TypeError:  # an unhashable value: fall back to scanning
            self.keys = None
        self.size = len(self.items)


# Graph -> id(list) -> _Seen. Outside the graph's attributes, so exports, copies and pickles are unchanged;
# a rebuilt graph starts a fresh index and a dropped one takes its index with it.
_SEEN: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[int, _Seen]] = weakref.WeakKeyDictionary()


def _key(value: Any) -> Any:
    """A hashable stand-in for a list item; equal items have equal keys. Evidence is keyed by document and
    offsets (the full dicts are compared when a key is already present)."""
    if isinstance(value, dict):
        if "doc_id" in value and "start" in value and "end" in value:
            return (value["doc_id"], value["start"], value["end"])
        return tuple(sorted((k, _key(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_key(v) for v in value)
    return value


def _append_new(g: nx.MultiDiGraph, items: list, value: Any) -> None:
    """_append_unique for the lists of a graph's nodes and edges, in constant time."""
    if value is None:
        return
    lists = _SEEN.get(g)
    if lists is None:
        lists = _SEEN[g] = {}
    seen = lists.get(id(items))
    if seen is None:
        seen = lists[id(items)] = _Seen(items)
    elif seen.size != len(items):
        seen.sync()
    if seen.keys is None:
        _append_unique(items, value)
        seen.sync()
        return
    try:
        key = _key(value)
        present = key in seen.keys
    except TypeError:
        _append_unique(items, value)
        seen.sync()
        return
    if present:
        if type(value) in (str, int, float, bool):
            return  # the key is the value itself
        # Same key, perhaps a different dict: compare, newest first (a document's duplicates are recent).
        if any(item == value for item in reversed(items)):
            return
    items.append(value)
    seen.keys.add(key)
    seen.size += 1


def _evidence_dict(evidence: Evidence | None) -> dict | None:
    return evidence.model_dump() if evidence is not None else None


def _merge_node(
    g: nx.MultiDiGraph,
    node: str,
    *,
    node_type: str,
    label: str,
    doc_id: str,
    mentions: int = 1,
    evidence: Evidence | None = None,
    **attrs: Any,
) -> dict:
    """Add a node or merge into the existing one: counts summed, provenance appended, blanks filled in."""
    if node not in g:
        defaults = copy.deepcopy(NODE_ATTRIBUTES.get(node_type, {}))
        g.add_node(node, type=node_type, label=label, mentions=0, doc_ids=[], evidence=[], **defaults)
    data = g.nodes[node]
    for key, value in attrs.items():
        if data.get(key) in _PLACEHOLDERS.get(key, (None, "")) and value not in (None, ""):
            data[key] = value
    data["mentions"] += mentions
    _append_new(g, data["doc_ids"], doc_id)
    _append_new(g, data["evidence"], _evidence_dict(evidence))
    return data


def _merge_edge(
    g: nx.MultiDiGraph,
    source: str,
    target: str,
    key: str,
    *,
    edge_type: str,
    label: str,
    doc_id: str,
    evidence: Evidence | None,
    **attrs: Any,
) -> dict:
    """Add an edge or merge into the existing one with the same key; returns its attribute dict."""
    if not g.has_edge(source, target, key):
        g.add_edge(
            source, target, key=key, type=edge_type, label=label, mentions=0, doc_ids=[], evidence=[], **attrs
        )
    data = g.edges[source, target, key]
    data["mentions"] += 1
    _append_new(g, data["doc_ids"], doc_id)
    _append_new(g, data["evidence"], _evidence_dict(evidence))
    return data


def _ensure_country(g: nx.MultiDiGraph, iso3: str, doc_id: str) -> str:
    """A country referred to by a fact: present in the graph, without counting a mention."""
    node = country_id(iso3)
    _merge_node(g, node, node_type="country", label=country_label(iso3), doc_id=doc_id, mentions=0, iso3=iso3)
    return node


def _add_countries(g: nx.MultiDiGraph, ex: Extraction) -> None:
    for country in ex.countries:
        iso3 = _fact_country(country.iso3) or _fact_country(country.name)
        if iso3 is None:
            continue
        label = country_label(iso3)
        _merge_node(
            g,
            country_id(iso3),
            node_type="country",
            label=label if label != iso3 else country.name,
            doc_id=ex.doc_id,
            mentions=country.mentions,
            evidence=country.evidence,
            iso3=iso3,
        )


def _add_groups(g: nx.MultiDiGraph, ex: Extraction) -> None:
    for group in ex.groups:
        data = _merge_node(
            g,
            group_id(group.group_id),
            node_type="group",
            label=group.name,
            doc_id=ex.doc_id,
            evidence=group.evidence,
            group_id=group.group_id,
        )
        data["members"] = sorted(set(data["members"]) | set(group.members))


def _add_officials(g: nx.MultiDiGraph, ex: Extraction) -> None:
    for official in ex.officials:
        node = official_id(official.name)
        country = _fact_country(official.country)
        posted_to = _fact_country(official.posted_to)
        _merge_node(
            g,
            node,
            node_type="official",
            label=official.name,
            doc_id=ex.doc_id,
            evidence=official.evidence,
            title=official.title,
            role_class=official.role_class,
            country=country,
            posted_to=posted_to,
        )
        if official.former:  # "ex-president" in any document
            g.nodes[node]["former"] = True
        for edge_type, iso3 in (("represents", country), ("posted_to", posted_to)):
            if iso3:
                target = _ensure_country(g, iso3, ex.doc_id)
                _merge_edge(
                    g,
                    node,
                    target,
                    edge_type,
                    edge_type=edge_type,
                    label=edge_type.replace("_", " "),
                    doc_id=ex.doc_id,
                    evidence=official.evidence,
                )


def _add_place(
    g: nx.MultiDiGraph, ex: Extraction, node_type: str, name: str, country: str | None, **attrs: Any
) -> None:
    """A port, region, city or organization node, and its located_in edge to its country."""
    node = place_id(node_type, name)
    iso3 = _fact_country(country)
    evidence = attrs.pop("evidence", None)
    _merge_node(
        g, node, node_type=node_type, label=name, doc_id=ex.doc_id, evidence=evidence, country=iso3, **attrs
    )
    if iso3:
        target = _ensure_country(g, iso3, ex.doc_id)
        _merge_edge(
            g,
            node,
            target,
            "located_in",
            edge_type="located_in",
            label="located in",
            doc_id=ex.doc_id,
            evidence=evidence,
        )


def _add_places(g: nx.MultiDiGraph, ex: Extraction) -> None:
    for loc in ex.locations:
        _add_place(g, ex, loc.kind, loc.name, loc.country, code=loc.code, evidence=loc.evidence)
    for org in ex.organizations:
        _add_place(g, ex, "organization", org.name, org.country, kind=org.kind, evidence=org.evidence)


def flow_key(commodity: str, modality: str, negated: bool) -> str:
    """MultiDiGraph key of a trade_flow edge: one edge per commodity, modality and polarity."""
    return f"flow|{_slug(commodity)}|{modality}|{'true' if negated else 'false'}"


def _flow_label(commodity: str, modality: str, negated: bool) -> str:
    label = commodity if modality == "actual" else f"{commodity} ({modality})"
    return f"not {label}" if negated else label


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def _hs_for_commodity(name: str) -> tuple[str | None, str | None]:
    return normalize.hs_for_commodity(name)


def _hs_of(commodity: Commodity) -> tuple[str | None, str | None]:
    """The commodity's HS code and section, completed from the curated table when the extraction left
    them out (the section follows from the chapter, the first two digits)."""
    known_code, known_section = _hs_for_commodity(commodity.name)
    code = commodity.hs_code or known_code
    section = commodity.hs_section
    if section is None and code and known_code and known_code[:2] == code[:2]:
        section = known_section
    return code, section


def _add_flows(g: nx.MultiDiGraph, ex: Extraction) -> None:
    for flow in ex.trade_flows:
        _add_flow(g, ex, flow)


def _add_flow(g: nx.MultiDiGraph, ex: Extraction, flow: TradeFlow) -> None:
    exporter, importer = _fact_country(flow.exporter), _fact_country(flow.importer)
    if exporter is None or importer is None:
        return  # a flow with no resolvable end cannot be placed in the graph
    name = flow.commodity.name.strip()
    commodity = commodity_id(name)
    hs_code, hs_section = _hs_of(flow.commodity)
    _merge_node(
        g,
        commodity,
        node_type="commodity",
        label=name,
        doc_id=ex.doc_id,
        hs_code=hs_code,
        hs_section=hs_section,
    )
    name = g.nodes[commodity]["label"]  # the first document's wording names the commodity everywhere
    hs_code, hs_section = g.nodes[commodity]["hs_code"], g.nodes[commodity]["hs_section"]
    source, target = _ensure_country(g, exporter, ex.doc_id), _ensure_country(g, importer, ex.doc_id)
    data = _merge_edge(
        g,
        source,
        target,
        flow_key(name, flow.modality, flow.negated),
        edge_type="trade_flow",
        label=_flow_label(name, flow.modality, flow.negated),
        doc_id=ex.doc_id,
        evidence=flow.evidence,
        commodity=name,
        commodity_id=commodity,
        hs_code=hs_code,
        hs_section=hs_section,
        modality=flow.modality,
        negated=flow.negated,
        dates=[],
        quantities=[],
        values=[],
    )
    _append_new(g, data["dates"], ex.date)
    _append_new(g, data["quantities"], flow.quantity.model_dump() if flow.quantity else None)
    _append_new(g, data["values"], flow.value.model_dump() if flow.value else None)
    if not flow.negated:  # "X does not export A" must not connect X to A
        _merge_edge(
            g,
            source,
            commodity,
            flow.modality,
            edge_type="exports",
            label="exports",
            doc_id=ex.doc_id,
            evidence=flow.evidence,
            modality=flow.modality,
        )


def _add_trade_values(g: nx.MultiDiGraph, ex: Extraction) -> None:
    for value in ex.trade_values:
        reporter, partner = _fact_country(value.reporter), _fact_country(value.partner)
        if reporter is None or partner is None:
            continue
        source, target = _ensure_country(g, reporter, ex.doc_id), _ensure_country(g, partner, ex.doc_id)
        key = f"value|{value.flow}|{value.period or ''}|{value.value:g}|{value.currency}"
        label = f"{value.flow} {value.value:,.0f} {value.currency}" + (
            f" ({value.period})" if value.period else ""
        )
        _merge_edge(
            g,
            source,
            target,
            key,
            edge_type="trade_value",
            label=label,
            doc_id=ex.doc_id,
            evidence=value.evidence,
            flow=value.flow,
            value=value.value,
            currency=value.currency,
            period=value.period,
            text=value.text,
        )


def _resolve_participant(name: str, officials: list[Official]) -> str:
    """Node id of a meeting participant, matched to the document's officials by full name or surname."""
    slug = _slug(name)
    by_slug = [o for o in officials if _slug(o.name) == slug]
    tokens = name.lower().split()
    by_surname = [o for o in officials if o.name.lower().split()[-len(tokens) :] == tokens]
    matches = by_slug or (by_surname if len(by_surname) == 1 else [])
    return official_id(matches[0].name if matches else name)


def _add_meetings(g: nx.MultiDiGraph, ex: Extraction) -> None:
    for meeting in ex.meetings:
        named = {_resolve_participant(name, ex.officials): name for name in meeting.participants}
        for node, name in named.items():
            if node not in g:
                _merge_node(g, node, node_type="official", label=name, doc_id=ex.doc_id, mentions=0)
        nodes = sorted(named)  # one direction per pair, whichever order a document names them in
        for source, target in itertools.combinations(nodes, 2):
            key = f"met|{meeting.date or ''}|{_slug(meeting.location or '')}"
            data = _merge_edge(
                g,
                source,
                target,
                key,
                edge_type="met",
                label="met",
                doc_id=ex.doc_id,
                evidence=meeting.evidence,
                location=meeting.location,
                date=meeting.date,
                countries=[],
            )
            for code in meeting.countries:
                _append_new(g, data["countries"], _fact_country(code))


def _add_relations(g: nx.MultiDiGraph, ex: Extraction) -> None:
    for relation in ex.relations:
        codes = sorted({code for code in map(country_code, relation.countries) if code})
        for first, second in itertools.combinations(codes, 2):
            source, target = _ensure_country(g, first, ex.doc_id), _ensure_country(g, second, ex.doc_id)
            _merge_edge(
                g,
                source,
                target,
                f"relations_established|{relation.established}",
                edge_type="relations_established",
                label=f"relations since {relation.established}",
                doc_id=ex.doc_id,
                evidence=relation.evidence,
                date=relation.established,
            )


_BUILDERS: tuple[Callable[[nx.MultiDiGraph, Extraction], None], ...] = (
    _add_countries,
    _add_groups,
    _add_officials,
    _add_places,
    _add_flows,
    _add_trade_values,
    _add_meetings,
    _add_relations,
)


# ----------------------------------------------------------------------------------------------- filters


def _check_date(value: str | None, name: str) -> str | None:
    return None if value is None else check_date_bound(value, name)  # 2020-13 and 2020-02-30 are refused


@dataclass(frozen=True)
class _Window:
    """Document-date filter; `since`/`until` may be a year, a month or a day, both inclusive."""

    since: str | None = None
    until: str | None = None

    @property
    def unbounded(self) -> bool:
        return self.since is None and self.until is None

    def admits(self, date: str | None) -> bool:
        if self.unbounded:
            return True
        if not date:
            return False
        if self.since and date[: len(self.since)] < self.since:
            return False
        return not (self.until and date[: len(self.until)] > self.until)


def _modalities(modality: str | Iterable[str] | None) -> frozenset[str] | None:
    if modality is None:
        return None
    chosen = frozenset([modality] if isinstance(modality, str) else modality)
    unknown = chosen - MODALITY_STRENGTH.keys()
    if unknown:
        raise ValueError(
            f"unknown modality {sorted(unknown)[0]!r}; use one of {', '.join(MODALITY_STRENGTH)}"
        )
    return chosen


@dataclass(frozen=True)
class _Provenance:
    mentions: int
    doc_ids: list[str]
    evidence: list[dict]

    def fields(self) -> dict[str, Any]:
        return {"mentions": self.mentions, "doc_ids": self.doc_ids, "evidence": self.evidence}


def _commodity_matcher(text: str) -> Callable[[dict], bool]:
    """Matches flow edges by normalised commodity name, or by HS code within the category's prefixes."""
    node = commodity_id(text)
    prefixes = normalize.hs_category(text)

    def matches(edge: dict) -> bool:
        if edge["commodity_id"] == node:
            return True
        return bool(prefixes and edge.get("hs_code") and normalize.hs_matches(edge["hs_code"], prefixes))

    return matches


# ------------------------------------------------------------------------------------------------- graph


class TradeGraph:
    """A knowledge graph of trade between countries, built from Extractions.

    `extractions` keeps what the graph was built from, so it can be saved and rebuilt; `to_networkx()`
    gives the live MultiDiGraph. Question methods accept a country in any name form ("Türkiye", "the UAE",
    "Kazakh", "KAZ") and raise UnknownCountryError for a name that resolves to no country.
    """

    def __init__(self) -> None:
        self._graph = nx.MultiDiGraph(doc_dates={})
        self.extractions: list[Extraction] = []
        self._positions: dict[str, int] = {}

    # -- building

    @classmethod
    def from_extractions(cls, extractions: Iterable[Extraction]) -> TradeGraph:
        graph = cls()
        for extraction in extractions:
            graph.add_extraction(extraction)
        return graph

    def add_extraction(self, extraction: Extraction) -> None:
        """Merge one document's facts; a document already present (same doc_id) is replaced, not doubled."""
        position = self._positions.get(extraction.doc_id)
        if position is not None:
            if self.extractions[position] != extraction:
                self.extractions[position] = extraction
                self._rebuild()
            return
        self._positions[extraction.doc_id] = len(self.extractions)
        self.extractions.append(extraction)
        self._add_to_graph(extraction)

    def merge(self, other: TradeGraph | Iterable[Extraction]) -> TradeGraph:
        """Add every extraction of another graph (or an iterable of extractions); returns self."""
        for extraction in other.extractions if isinstance(other, TradeGraph) else other:
            self.add_extraction(extraction)
        return self

    def _add_to_graph(self, extraction: Extraction) -> None:
        self._graph.graph["doc_dates"][extraction.doc_id] = extraction.date
        for build in _BUILDERS:
            build(self._graph, extraction)

    def _rebuild(self) -> None:
        self._graph = nx.MultiDiGraph(doc_dates={})
        for extraction in self.extractions:
            self._add_to_graph(extraction)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The live graph (not a copy): node and edge attributes as documented in the module docstring."""
        return self._graph

    # -- pandas views (tradegraph.frames; pandas is an optional extra) --------------------------------------
    def flows_df(self):
        """Trade flows as a pandas DataFrame, one row per flow edge."""
        from tradegraph.frames import flows_df

        return flows_df(self)

    def officials_df(self):
        """Officials as a pandas DataFrame."""
        from tradegraph.frames import officials_df

        return officials_df(self)

    def locations_df(self):
        """Ports, regions, cities and organisations as a pandas DataFrame."""
        from tradegraph.frames import locations_df

        return locations_df(self)

    def values_df(self):
        """Stated trade values as a pandas DataFrame."""
        from tradegraph.frames import values_df

        return values_df(self)

    def countries_df(self):
        """Countries with their mention counts as a pandas DataFrame."""
        from tradegraph.frames import countries_df

        return countries_df(self)

    @property
    def doc_dates(self) -> dict[str, str | None]:
        """Document id → document date (ISO string or None)."""
        return self._graph.graph["doc_dates"]

    def __len__(self) -> int:
        return self._graph.number_of_nodes()

    def __repr__(self) -> str:
        g = self._graph
        counts = f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges"
        return f"TradeGraph({len(self.extractions)} documents, {counts})"

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts of documents, nodes by type and edges by type."""
        nodes: dict[str, int] = {}
        edges: dict[str, int] = {}
        for _, node_type in self._graph.nodes(data="type"):
            nodes[node_type] = nodes.get(node_type, 0) + 1
        for *_, edge_type in self._graph.edges(data="type"):
            edges[edge_type] = edges.get(edge_type, 0) + 1
        return {"documents": {"total": len(self.extractions)}, "nodes": nodes, "edges": edges}

    # -- saving

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write `{"format": "tradegraph-graph", "version": 1, "extractions": [...]}` atomically."""
        payload = {
            "format": GRAPH_FORMAT,
            "version": GRAPH_VERSION,
            "extractions": [extraction.model_dump(mode="json") for extraction in self.extractions],
        }
        return atomic_write_text(path, json.dumps(payload, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> TradeGraph:
        """Rebuild a graph saved by `save`; GraphFileError (a ValueError) names what is wrong."""
        return cls.from_payload(_read_json(Path(path)), source=str(path))

    @classmethod
    def from_payload(cls, payload: Any, *, source: str = "graph") -> TradeGraph:
        if not isinstance(payload, dict) or payload.get("format") != GRAPH_FORMAT:
            raise GraphFileError(f'{source}: not a tradegraph graph file (no "format": "{GRAPH_FORMAT}")')
        version = payload.get("version")
        if not isinstance(version, int) or version > GRAPH_VERSION:
            raise GraphFileError(
                f"{source}: unsupported graph file version {version!r} (this reads {GRAPH_VERSION})"
            )
        items = payload.get("extractions")
        if not isinstance(items, list):
            raise GraphFileError(f'{source}: "extractions" must be a list')
        extractions = []
        for index, item in enumerate(items):
            try:
                extractions.append(Extraction.model_validate(item))
            except ValidationError as exc:
                raise GraphFileError(f"{source}: extraction {index}: {validation_message(exc)}") from None
        return cls.from_extractions(extractions)

    # -- helpers for questions

    def resolve_country(self, name: str) -> str:
        """ISO3 code for a country in any name form; UnknownCountryError if none."""
        code = country_code(name)
        if code is None:
            raise UnknownCountryError(f"unknown country: {name!r}")
        return code

    def country_name(self, iso3: str | None) -> str | None:
        if iso3 is None:
            return None
        node = country_id(iso3)
        return self._graph.nodes[node]["label"] if node in self._graph else country_label(iso3)

    def _provenance(self, data: dict, window: _Window) -> _Provenance | None:
        """The sources of a node or edge inside the date window (None when it has none there)."""
        if window.unbounded:
            return _Provenance(data["mentions"], list(data["doc_ids"]), list(data["evidence"]))
        docs = [doc for doc in data["doc_ids"] if window.admits(self.doc_dates.get(doc))]
        if not docs:
            return None
        admitted = set(docs)
        evidence = [item for item in data["evidence"] if item["doc_id"] in admitted]
        return _Provenance(len(evidence) or len(docs), docs, evidence)

    def _edges(self, edge_type: str, source: str | None = None, target: str | None = None) -> Iterator[tuple]:
        """(source, target, data) of edges of one type, optionally restricted to one end."""
        g = self._graph
        if source is not None:
            edges = g.out_edges(source, data=True) if source in g else []
        elif target is not None:
            edges = g.in_edges(target, data=True) if target in g else []
        else:
            edges = g.edges(data=True)
        for u, v, data in edges:
            if data["type"] == edge_type and (target is None or v == target):
                yield u, v, data

    def _flow_answer(self, u: str, v: str, data: dict, prov: _Provenance) -> FlowAnswer:
        exporter, importer = self._graph.nodes[u]["iso3"], self._graph.nodes[v]["iso3"]
        dates = sorted({d for d in (self.doc_dates.get(doc) for doc in prov.doc_ids) if d})
        return FlowAnswer(
            exporter=exporter,
            exporter_name=self.country_name(exporter),
            importer=importer,
            importer_name=self.country_name(importer),
            commodity=data["commodity"],
            hs_code=data["hs_code"],
            hs_section=data["hs_section"],
            modality=data["modality"],
            negated=data["negated"],
            dates=dates,
            quantities=data["quantities"],
            values=data["values"],
            **prov.fields(),
        )

    def _flows(
        self,
        exporter: str | None = None,
        importer: str | None = None,
        commodity: str | None = None,
        *,
        modality: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        include_negated: bool = False,
    ) -> list[FlowAnswer]:
        source = country_id(self.resolve_country(exporter)) if exporter else None
        target = country_id(self.resolve_country(importer)) if importer else None
        modalities = _modalities(modality)
        window = _Window(_check_date(since, "since"), _check_date(until, "until"))
        matches = _commodity_matcher(commodity) if commodity else None
        answers = []
        for u, v, data in self._edges("trade_flow", source, target):
            if data["negated"] and not include_negated:
                continue
            if (modalities and data["modality"] not in modalities) or (matches and not matches(data)):
                continue
            prov = self._provenance(data, window)
            if prov is not None:
                answers.append(self._flow_answer(u, v, data, prov))
        # Stable sort: strongest modality first, then best supported; ties keep reading order.
        return sorted(answers, key=lambda a: (a.negated, -MODALITY_STRENGTH[a.modality], -a.mentions))

    # -- questions

    def exports(
        self,
        exporter: str,
        importer: str | None = None,
        *,
        modality: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        include_negated: bool = False,
    ) -> list[FlowAnswer]:
        """What `exporter` exports (to `importer`), strongest modality first."""
        return self._flows(
            exporter, importer, modality=modality, since=since, until=until, include_negated=include_negated
        )

    def imports(
        self,
        importer: str,
        exporter: str | None = None,
        *,
        modality: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        include_negated: bool = False,
    ) -> list[FlowAnswer]:
        """What `importer` imports (from `exporter`)."""
        return self._flows(
            exporter, importer, modality=modality, since=since, until=until, include_negated=include_negated
        )

    def exporters_of(
        self,
        commodity: str,
        importer: str | None = None,
        *,
        modality: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        include_negated: bool = False,
    ) -> list[FlowAnswer]:
        """Flows of a commodity or HS category ("wheat", "cereals") (to `importer`): who exports it."""
        return self._flows(
            None,
            importer,
            commodity,
            modality=modality,
            since=since,
            until=until,
            include_negated=include_negated,
        )

    def importers_of(
        self,
        commodity: str,
        exporter: str | None = None,
        *,
        modality: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        include_negated: bool = False,
    ) -> list[FlowAnswer]:
        """Flows of a commodity or HS category (from `exporter`): who imports it."""
        return self._flows(
            exporter,
            None,
            commodity,
            modality=modality,
            since=since,
            until=until,
            include_negated=include_negated,
        )

    def partners(
        self,
        country: str,
        *,
        modality: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[PartnerAnswer]:
        """Trade partners of `country`, ranked by the number of distinct flows in both directions."""
        iso3 = self.resolve_country(country)
        filters = {"modality": modality, "since": since, "until": until}
        rows: dict[str, dict[str, Any]] = {}

        def row(partner: str) -> dict[str, Any]:
            empty = {
                "exported": [],
                "imported": [],
                "mentions": 0,
                "doc_ids": [],
                "evidence": [],
                "values": 0,
            }
            return rows.setdefault(partner, empty)

        for flow in self._flows(iso3, **filters):
            entry = row(flow.importer)
            entry["exported"].append(flow.commodity)
            _add_sources(entry, flow)
        for flow in self._flows(None, iso3, **filters):
            entry = row(flow.exporter)
            entry["imported"].append(flow.commodity)
            _add_sources(entry, flow)
        for value in self.trade_values(iso3, since=since, until=until):
            entry = row(value.partner if value.reporter == iso3 else value.reporter)
            entry["values"] += 1
            _add_sources(entry, value)
        answers = [
            PartnerAnswer(
                country=iso3,
                country_name=self.country_name(iso3),
                partner=partner,
                partner_name=self.country_name(partner),
                flows=len(e["exported"]) + len(e["imported"]),
                exports=len(e["exported"]),
                imports=len(e["imported"]),
                commodities_exported=_unique(e["exported"]),
                commodities_imported=_unique(e["imported"]),
                trade_values=e["values"],
                mentions=e["mentions"],
                doc_ids=e["doc_ids"],
                evidence=e["evidence"],
            )
            for partner, e in rows.items()
            if partner != iso3
        ]
        return sorted(answers, key=lambda a: (-a.flows, -a.trade_values, -a.mentions, a.partner_name))

    def officials(
        self,
        country: str,
        *,
        include_posted: bool = False,
        since: str | None = None,
        until: str | None = None,
    ) -> list[OfficialAnswer]:
        """Officials serving `country` (and, with include_posted, foreign ambassadors posted to it)."""
        iso3 = self.resolve_country(country)
        window = _Window(_check_date(since, "since"), _check_date(until, "until"))
        edge_types = ("represents", "posted_to") if include_posted else ("represents",)
        seen: set[str] = set()
        answers = []
        for edge_type in edge_types:
            for u, _, _ in self._edges(edge_type, target=country_id(iso3)):
                data = self._graph.nodes[u]
                prov = self._provenance(data, window)
                if u in seen or prov is None:
                    continue
                seen.add(u)
                answers.append(self._official_answer(data, prov))
        return sorted(answers, key=lambda a: (_ROLE_RANK.get(a.role_class or "", 99), -a.mentions))

    def _official_answer(self, data: dict, prov: _Provenance) -> OfficialAnswer:
        return OfficialAnswer(
            name=data["label"],
            title=data["title"],
            role_class=data["role_class"],
            country=data["country"],
            country_name=self.country_name(data["country"]),
            posted_to=data["posted_to"],
            posted_to_name=self.country_name(data["posted_to"]),
            former=bool(data["former"]),
            **prov.fields(),
        )

    def meetings(
        self, country: str | None = None, *, since: str | None = None, until: str | None = None
    ) -> list[MeetingAnswer]:
        """Who met whom; with `country`, meetings where one participant serves it or it is named."""
        iso3 = self.resolve_country(country) if country else None
        window = _Window(_check_date(since, "since"), _check_date(until, "until"))
        answers = []
        for u, v, data in self._edges("met"):
            people = [self._graph.nodes[u], self._graph.nodes[v]]
            countries = [person["country"] for person in people]
            if iso3 and iso3 not in countries and iso3 not in data["countries"]:
                continue
            prov = self._provenance(data, window)
            if prov is not None:
                answers.append(
                    MeetingAnswer(
                        participants=[person["label"] for person in people],
                        participant_countries=countries,
                        countries=data["countries"],
                        location=data["location"],
                        date=data["date"],
                        **prov.fields(),
                    )
                )
        return sorted(answers, key=lambda a: a.date or "", reverse=True)

    def locations(
        self, country: str, kind: str | None = None, *, since: str | None = None, until: str | None = None
    ) -> list[LocationAnswer]:
        """Ports, regions and cities of `country` (or one kind: "port", "regions", "organization" …)."""
        iso3 = self.resolve_country(country)
        kinds = LOCATION_KINDS if kind is None else (_location_kind(kind),)
        window = _Window(_check_date(since, "since"), _check_date(until, "until"))
        answers = []
        for u, _, _ in self._edges("located_in", target=country_id(iso3)):
            data = self._graph.nodes[u]
            prov = self._provenance(data, window) if data["type"] in kinds else None
            if prov is not None:
                answers.append(
                    LocationAnswer(
                        name=data["label"],
                        kind=data["type"],
                        country=iso3,
                        country_name=self.country_name(iso3),
                        code=data.get("code"),
                        **prov.fields(),
                    )
                )
        return sorted(answers, key=lambda a: (kinds.index(a.kind), -a.mentions))

    def trade_values(
        self, a: str, b: str | None = None, *, since: str | None = None, until: str | None = None
    ) -> list[ValueAnswer]:
        """Reported trade values between `a` and `b` (either reporting), or all of `a`'s."""
        first = country_id(self.resolve_country(a))
        second = country_id(self.resolve_country(b)) if b else None
        window = _Window(_check_date(since, "since"), _check_date(until, "until"))
        if second is None:
            incoming = (edge for edge in self._edges("trade_value", target=first) if edge[0] != first)
            edges = [*self._edges("trade_value", first), *incoming]
        else:
            reverse = self._edges("trade_value", second, first) if second != first else ()
            edges = [*self._edges("trade_value", first, second), *reverse]
        answers = []
        for u, v, data in edges:
            prov = self._provenance(data, window)
            if prov is None:
                continue
            reporter, partner = self._graph.nodes[u]["iso3"], self._graph.nodes[v]["iso3"]
            answers.append(
                ValueAnswer(
                    reporter=reporter,
                    reporter_name=self.country_name(reporter),
                    partner=partner,
                    partner_name=self.country_name(partner),
                    flow=data["flow"],
                    value=data["value"],
                    currency=data["currency"],
                    period=data["period"],
                    **prov.fields(),
                )
            )
        return sorted(answers, key=lambda a: a.period or "", reverse=True)

    def evidence(
        self,
        exporter: str,
        importer: str | None = None,
        *,
        commodity: str | None = None,
        modality: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        include_negated: bool = True,
    ) -> list[EvidenceAnswer]:
        """The source sentences behind `exporter`'s flows (to `importer`, of `commodity`), one per mention."""
        flows = self._flows(
            exporter,
            importer,
            commodity,
            modality=modality,
            since=since,
            until=until,
            include_negated=include_negated,
        )
        return [
            EvidenceAnswer(
                fact=_describe_flow(flow), date=self.doc_dates.get(item.doc_id), **item.model_dump()
            )
            for flow in flows
            for item in flow.evidence
        ]


def _describe_flow(flow: FlowAnswer) -> str:
    verb = {"actual": "exports", "planned": "plans to export", "potential": "could export"}[flow.modality]
    if flow.negated:
        verb = {"actual": "does not export", "planned": "does not plan to export"}.get(
            flow.modality, "could not export"
        )
    return f"{flow.exporter_name} {verb} {flow.commodity} to {flow.importer_name}"


def _add_sources(entry: dict[str, Any], answer: FlowAnswer | ValueAnswer) -> None:
    entry["mentions"] += answer.mentions
    for doc in answer.doc_ids:
        _append_unique(entry["doc_ids"], doc)
    entry["evidence"].extend(item for item in answer.evidence if item not in entry["evidence"])


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _location_kind(kind: str) -> str:
    try:
        return _KIND_ALIASES[kind.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown location kind {kind!r}; use port, region, city or organization") from None


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as stream:
            return json.load(stream)
    except FileNotFoundError:
        raise GraphFileError(f"graph file not found: {path}") from None
    except IsADirectoryError:
        raise GraphFileError(f"{path}: is a directory, not a graph file") from None
    except UnicodeDecodeError:
        raise GraphFileError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise GraphFileError(
            f"{path}: corrupt graph file, invalid JSON at line {exc.lineno}: {exc.msg}"
        ) from None
    except OSError as exc:
        raise GraphFileError(f"{path}: cannot read: {exc.strerror}") from None


# ----------------------------------------------------------------------------------------- entry point

Source = str | os.PathLike[str] | Extraction | TradeGraph


def _is_graph_file(path: Path) -> bool:
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    with path.open(encoding="utf-8", errors="replace") as stream:
        head = stream.read(512)
    return f'"{GRAPH_FORMAT}"' in head


def build_graph(sources: Source | Iterable[Source]) -> TradeGraph:
    """A graph from any mix of article files or directories, saved graphs (.json), extraction files
    (.jsonl), Extraction objects and TradeGraphs. Article paths are read with `tradegraph.extract`."""
    if isinstance(sources, (str, os.PathLike, Extraction, TradeGraph)):
        sources = [sources]
    graph = TradeGraph()
    articles: list[Path] = []
    for source in sources:
        if isinstance(source, Extraction):
            graph.add_extraction(source)
        elif isinstance(source, TradeGraph):
            graph.merge(source)
        elif _is_graph_file(Path(source)):
            graph.merge(TradeGraph.load(source))
        elif Path(source).suffix.lower() == ".jsonl" and looks_like_extractions(source):
            graph.merge(load_extractions(source))
        else:
            articles.append(Path(source))
    if articles:
        from tradegraph.extract import extract_paths  # the NLP pipeline loads only when articles are given

        graph.merge(extract_paths(articles))
    return graph
