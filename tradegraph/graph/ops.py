"""How a document's facts become the graph: `extraction_ops` turns an Extraction into node and edge merge
operations, in the one order every back end applies them (the networkx graph in `nxgraph`, the store's
graph tables in `tradegraph.store_rows`).

A node operation adds the node or merges into it: mentions summed, documents and evidence appended without
duplicates, blank attributes filled in (`merge_attribute`). An edge operation adds the edge with its
attributes or, when the edge exists, adds its mention, documents, evidence and list items. Applying the
operations of a sequence of documents in order gives one graph whatever holds it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tradegraph.graph.ids import (
    commodity_id,
    country_code,
    country_id,
    country_label,
    fact_country,
    flow_key,
    group_id,
    hs_of,
    met_key,
    official_id,
    place_id,
    relations_key,
    slug,
    value_key,
)
from tradegraph.models import Evidence, Extraction, Official

__all__ = [
    "COMMODITY_PLACEHOLDER",
    "LIST_ATTRIBUTES",
    "NODE_ATTRIBUTES",
    "EdgeOp",
    "NodeOp",
    "extraction_ops",
    "merge_attribute",
]

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
# A value that a later document may replace with a more specific one.
PLACEHOLDERS: dict[str, tuple[Any, ...]] = {"role_class": (None, "", "official")}
DEFAULT_PLACEHOLDERS: tuple[Any, ...] = (None, "")
#: Node attributes that are not filled in once but accumulate: "former" in any document stays; members
#: of a group are the sorted union.
STICKY_TRUE = frozenset({"former"})
UNION = frozenset({"members"})
#: Edge attributes that are lists grown by every mention (items appended once).
LIST_ATTRIBUTES = ("dates", "quantities", "values", "countries")
#: In a trade-flow edge's label, where the commodity node's label goes.
COMMODITY_PLACEHOLDER = "{commodity}"


def merge_attribute(key: str, current: Any, value: Any) -> Any:
    """The node attribute `key` after a document states `value` for it."""
    if key in STICKY_TRUE:
        return bool(current) or bool(value)
    if key in UNION:
        return sorted(set(current or ()) | set(value or ()))
    if current in PLACEHOLDERS.get(key, DEFAULT_PLACEHOLDERS) and value not in (None, ""):
        return value
    return current


@dataclass(frozen=True, slots=True)
class NodeOp:
    """Add or merge into a node. `create_only`: only add it when absent (a meeting's participant)."""

    node: str
    type: str
    label: str
    doc_ids: tuple[str, ...]
    mentions: int = 1
    evidence: tuple[dict, ...] = ()
    attrs: dict[str, Any] = field(default_factory=dict)
    create_only: bool = False


@dataclass(frozen=True, slots=True)
class EdgeOp:
    """Add an edge (attributes as given) or add a mention to it. A trade flow names its commodity node,
    whose label and HS code it copies when created; its label holds COMMODITY_PLACEHOLDER."""

    source: str
    target: str
    key: str
    type: str
    label: str
    doc_ids: tuple[str, ...]
    mentions: int = 1
    evidence: tuple[dict, ...] = ()
    attrs: dict[str, Any] = field(default_factory=dict)
    appends: dict[str, tuple] = field(default_factory=dict)
    commodity: str | None = None


Op = NodeOp | EdgeOp


def _evidence(evidence: Evidence | None) -> tuple[dict, ...]:
    return (evidence.model_dump(),) if evidence is not None else ()


def extraction_ops(ex: Extraction) -> Iterator[Op]:
    """The merge operations of one document, in order: countries, groups, officials, places, flows,
    trade values, meetings, relations."""
    doc = (ex.doc_id,)

    def ensure_country(iso3: str) -> NodeOp:
        """A country referred to by a fact: present in the graph, without counting a mention."""
        return NodeOp(country_id(iso3), "country", country_label(iso3), doc, 0, (), {"iso3": iso3})

    for country in ex.countries:
        iso3 = fact_country(country.iso3) or fact_country(country.name)
        if iso3 is None:
            continue
        label = country_label(iso3)
        yield NodeOp(
            country_id(iso3),
            "country",
            label if label != iso3 else country.name,
            doc,
            country.mentions,
            _evidence(country.evidence),
            {"iso3": iso3},
        )
    for group in ex.groups:
        attrs = {"group_id": group.group_id, "members": list(group.members)}
        yield NodeOp(group_id(group.group_id), "group", group.name, doc, 1, _evidence(group.evidence), attrs)
    for official in ex.officials:
        node = official_id(official.name)
        country, posted_to = fact_country(official.country), fact_country(official.posted_to)
        attrs = {
            "title": official.title,
            "role_class": official.role_class,
            "country": country,
            "posted_to": posted_to,
            "former": official.former,  # "ex-president" in any document
        }
        yield NodeOp(node, "official", official.name, doc, 1, _evidence(official.evidence), attrs)
        for edge_type, iso3 in (("represents", country), ("posted_to", posted_to)):
            if iso3:
                yield ensure_country(iso3)
                label = edge_type.replace("_", " ")
                yield EdgeOp(
                    node, country_id(iso3), edge_type, edge_type, label, doc, 1, _evidence(official.evidence)
                )
    places = [(loc.kind, loc.name, loc.country, {"code": loc.code}, loc.evidence) for loc in ex.locations] + [
        ("organization", org.name, org.country, {"kind": org.kind}, org.evidence) for org in ex.organizations
    ]
    for kind, name, country, attrs, evidence in places:
        node, iso3 = place_id(kind, name), fact_country(country)
        yield NodeOp(node, kind, name, doc, 1, _evidence(evidence), {"country": iso3, **attrs})
        if iso3:
            yield ensure_country(iso3)
            yield EdgeOp(
                node, country_id(iso3), "located_in", "located_in", "located in", doc, 1, _evidence(evidence)
            )
    for flow in ex.trade_flows:
        exporter, importer = fact_country(flow.exporter), fact_country(flow.importer)
        if exporter is None or importer is None:
            continue  # a flow with no resolvable end cannot be placed in the graph
        name = flow.commodity.name.strip()
        commodity = commodity_id(name)
        hs_code, hs_section = hs_of(flow.commodity)
        yield NodeOp(commodity, "commodity", name, doc, 1, (), {"hs_code": hs_code, "hs_section": hs_section})
        yield ensure_country(exporter)
        yield ensure_country(importer)
        label = COMMODITY_PLACEHOLDER if flow.modality == "actual" else f"{{commodity}} ({flow.modality})"
        evidence = _evidence(flow.evidence)
        yield EdgeOp(
            country_id(exporter),
            country_id(importer),
            flow_key(name, flow.modality, flow.negated),
            "trade_flow",
            f"not {label}" if flow.negated else label,
            doc,
            1,
            evidence,
            {"commodity_id": commodity, "modality": flow.modality, "negated": flow.negated},
            {
                "dates": (ex.date,) if ex.date else (),
                "quantities": (flow.quantity.model_dump(),) if flow.quantity else (),
                "values": (flow.value.model_dump(),) if flow.value else (),
            },
            commodity,
        )
        if not flow.negated:  # "X does not export A" must not connect X to A
            yield EdgeOp(
                country_id(exporter),
                commodity,
                flow.modality,
                "exports",
                "exports",
                doc,
                1,
                evidence,
                {"modality": flow.modality},
            )
    for value in ex.trade_values:
        reporter, partner = fact_country(value.reporter), fact_country(value.partner)
        if reporter is None or partner is None:
            continue
        yield ensure_country(reporter)
        yield ensure_country(partner)
        label = f"{value.flow} {value.value:,.0f} {value.currency}" + (
            f" ({value.period})" if value.period else ""
        )
        attrs = {
            "flow": value.flow,
            "value": value.value,
            "currency": value.currency,
            "period": value.period,
            "text": value.text,
        }
        yield EdgeOp(
            country_id(reporter),
            country_id(partner),
            value_key(value.flow, value.period, value.value, value.currency),
            "trade_value",
            label,
            doc,
            1,
            _evidence(value.evidence),
            attrs,
        )
    for meeting in ex.meetings:
        named = {_participant(name, ex.officials): name for name in meeting.participants}
        for node, name in named.items():
            yield NodeOp(node, "official", name, doc, 0, create_only=True)
        codes = tuple(code for code in map(fact_country, meeting.countries))
        nodes = sorted(named)  # one direction per pair, whichever order a document names them in
        for source, target in itertools.combinations(nodes, 2):
            yield EdgeOp(
                source,
                target,
                met_key(meeting.date, meeting.location),
                "met",
                "met",
                doc,
                1,
                _evidence(meeting.evidence),
                {"location": meeting.location, "date": meeting.date},
                {"countries": codes},
            )
    for relation in ex.relations:
        codes = sorted({code for code in map(country_code, relation.countries) if code})
        for first, second in itertools.combinations(codes, 2):
            yield ensure_country(first)
            yield ensure_country(second)
            yield EdgeOp(
                country_id(first),
                country_id(second),
                relations_key(relation.established),
                "relations_established",
                f"relations since {relation.established}",
                doc,
                1,
                _evidence(relation.evidence),
                {"date": relation.established},
            )


def _participant(name: str, officials: list[Official]) -> str:
    """Node id of a meeting participant, matched to the document's officials by full name or surname."""
    key = slug(name)
    by_slug = [o for o in officials if slug(o.name) == key]
    tokens = name.lower().split()
    by_surname = [o for o in officials if o.name.lower().split()[-len(tokens) :] == tokens]
    matches = by_slug or (by_surname if len(by_surname) == 1 else [])
    return official_id(matches[0].name if matches else name)
