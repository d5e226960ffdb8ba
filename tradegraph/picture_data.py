"""What the pictures show, before anything is drawn: the trade flows a picture selects (one country and its
partners, one commodity or HS category, a date window, modalities), the flows gathered into one link per
direction between two countries, and the colours that mean the same in the PNG and in the HTML page.

Flows are read through the TradeGraph question API (`exports`, `exporters_of`, …), so `--country`,
`--commodity`, `--since` and `--until` select exactly what `tradegraph query` would answer; denied flows
("X does not export Y") are never drawn.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tradegraph import gazetteers
from tradegraph.answers import FlowAnswer
from tradegraph.models import MODALITY_STRENGTH

__all__ = [
    "MODALITY_COLOURS",
    "OTHER_COLOUR",
    "Link",
    "country_links",
    "top_goods",
    "section_colour",
    "section_name",
    "select_flows",
    "trade_countries",
]

# Colour-blind-safe hues (Okabe-Ito) for what is said of a flow: done, agreed/planned, only possible.
MODALITY_COLOURS = {"actual": "#0072b2", "planned": "#e69f00", "potential": "#cc79a7"}
OTHER_COLOUR = "#8c8c8c"  # goods without an HS section (an unclassified commodity word)

# One hue per HS section, in nomenclature order (I … XXI): food sections green-brown, minerals and
# chemicals dark, manufactures blue-violet, so neighbours in the legend are told apart.
_SECTION_PALETTE = (
    "#8c510a",  # I animals
    "#1b9e77",  # II vegetable products
    "#b8a000",  # III fats and oils
    "#66a61e",  # IV food, drinks, tobacco
    "#4a4a4a",  # V minerals and fuels
    "#7570b3",  # VI chemicals
    "#e7298a",  # VII plastics and rubber
    "#a6761d",  # VIII hides and leather
    "#6b4e16",  # IX wood
    "#bc80bd",  # X paper
    "#fb8072",  # XI textiles
    "#fdb462",  # XII footwear
    "#80b1d3",  # XIII stone, cement, glass
    "#d4af37",  # XIV precious metals
    "#5f6f7f",  # XV base metals
    "#1f78b4",  # XVI machinery
    "#e31a1c",  # XVII vehicles
    "#6a3d9a",  # XVIII instruments
    "#000000",  # XIX arms
    "#ff7f00",  # XX other manufactures
    "#b15928",  # XXI art
)


def _sections() -> dict[str, gazetteers.HsSectionRow]:
    return {row.section: row for row in gazetteers.hs_sections()}


def section_colour(section: str | None) -> str:
    row = _sections().get(section or "")
    return _SECTION_PALETTE[(row.order - 1) % len(_SECTION_PALETTE)] if row else OTHER_COLOUR


def section_name(section: str | None) -> str:
    """'II vegetable products'; 'unclassified goods' for a commodity without a section."""
    row = _sections().get(section or "")
    return f"{row.section} {row.short}" if row else "unclassified goods"


def section_order(section: str | None) -> int:
    row = _sections().get(section or "")
    return row.order if row else len(_SECTION_PALETTE) + 1


def trade_countries(kg: Any) -> list[str]:
    """ISO3 codes of the graph's countries (the nodes of `to_networkx()` of type country)."""
    graph = kg.to_networkx()
    return sorted(
        data.get("iso3") or node.removeprefix("country:")
        for node, data in graph.nodes(data=True)
        if data.get("type") == "country"
    )


def select_flows(
    kg: Any,
    *,
    country: str | None = None,
    commodity: str | None = None,
    since: str | None = None,
    until: str | None = None,
    modality: str | list[str] | None = None,
) -> list[FlowAnswer]:
    """The flows a picture draws. `country` keeps the flows it exports or imports; `commodity` a commodity
    or HS category ("wheat", "cereals"). Raises UnknownCountryError (a ValueError) for an unknown country
    and ValueError for a bad date or modality, with the question API's messages."""
    if not hasattr(kg, "exports"):
        raise TypeError(f"pictures need a TradeGraph, got {type(kg).__name__}")
    window = {"since": since, "until": until, "modality": modality}
    if commodity:
        flows = kg.exporters_of(commodity, **window)
        if country:
            iso3 = kg.resolve_country(country)
            flows = [flow for flow in flows if iso3 in (flow.exporter, flow.importer)]
    elif country:
        iso3 = kg.resolve_country(country)
        flows = [*kg.exports(iso3, **window), *kg.imports(iso3, **window)]
    else:
        flows = [flow for iso3 in trade_countries(kg) for flow in kg.exports(iso3, **window)]
    unique: dict[tuple, FlowAnswer] = {}
    for flow in flows:
        if flow.exporter != flow.importer and not flow.negated:
            unique.setdefault((flow.exporter, flow.importer, flow.commodity, flow.modality), flow)
    return list(unique.values())


@dataclass
class Link:
    """All flows from one exporter to one importer: what a picture draws as one arrow."""

    exporter: str
    importer: str
    exporter_name: str
    importer_name: str
    flows: list[FlowAnswer] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.flows)

    @property
    def commodities(self) -> list[str]:
        """Distinct commodity names, best supported first (then in reading order)."""
        mentions: Counter[str] = Counter()
        for flow in self.flows:
            mentions[flow.commodity] += flow.mentions
        return sorted(mentions, key=lambda name: -mentions[name])

    @property
    def section(self) -> str | None:
        """The HS section most of the link's flows belong to (ties: the earlier section)."""
        counts = Counter(flow.hs_section for flow in self.flows if flow.hs_section)
        if not counts:
            return None
        return min(counts, key=lambda section: (-counts[section], section_order(section)))

    @property
    def modality(self) -> str:
        """The modality most of the link's flows have (ties: the stronger one)."""
        counts = Counter(flow.modality for flow in self.flows)
        return min(counts, key=lambda modality: (-counts[modality], -MODALITY_STRENGTH[modality]))

    @property
    def value_usd(self) -> float:
        """The distinct stated US-dollar values of the link's flows, added up (0 when none is stated)."""
        seen = set()
        for flow in self.flows:
            for value in flow.values:
                if value.currency == "USD":
                    doc = value.evidence.doc_id if value.evidence else None
                    seen.add((value.value, value.period, value.text, doc))
        return sum(value for value, *_ in seen)

    def colour(self, by: str) -> str:
        return MODALITY_COLOURS[self.modality] if by == "modality" else section_colour(self.section)


def country_links(flows: list[FlowAnswer], top: int | None = None) -> list[Link]:
    """Flows gathered per direction, most flows first; `top` keeps that many links."""
    links: dict[tuple[str, str], Link] = {}
    for flow in flows:
        key = (flow.exporter, flow.importer)
        if key not in links:
            links[key] = Link(flow.exporter, flow.importer, flow.exporter_name, flow.importer_name)
        links[key].flows.append(flow)
    ranked = sorted(links.values(), key=lambda link: (-link.count, link.exporter, link.importer))
    return ranked[:top] if top else ranked


def top_goods(flows: list[FlowAnswer], top: int | None) -> list[FlowAnswer]:
    """The flows of the `top` goods with most flows (all flows when `top` is None)."""
    if not top:
        return flows
    counts = Counter(flow.commodity for flow in flows)
    keep = set(sorted(counts, key=lambda name: (-counts[name], name))[:top])
    return [flow for flow in flows if flow.commodity in keep]
