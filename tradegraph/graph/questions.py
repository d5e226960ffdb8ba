"""The questions analysts ask of a trade graph (`kg.exports("Kazakhstan", "Iran")`), written once over a
back end that reads edges and nodes in the graph's order: the networkx graph in memory
(`tradegraph.graph.nxgraph.NetworkxView`) or the store's indexed tables (`tradegraph.store_view.StoreView`).
Both give the same answers, in the same order.

Question methods accept a country in any name form ("Türkiye", "the UAE", "Kazakh", "KAZ") and raise
UnknownCountryError for a name that resolves to no country.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

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
from tradegraph.graph.ids import UnknownCountryError, commodity_id, country_code, country_id
from tradegraph.models import MODALITY_STRENGTH, Evidence
from tradegraph.rules import load_words

__all__ = ["AnswerRows", "GraphView", "Questions"]

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
_ROLE_RANK = {
    role: rank
    for rank, role in enumerate(
        ["head_of_state", "head_of_government", "minister", "deputy_minister", "ambassador", "governor"]
    )
}


class GraphView(Protocol):
    """What the questions read: documents' dates, country names, nodes and edges in the graph's order."""

    def doc_date(self, doc_id: str) -> str | None: ...

    def country_name(self, iso3: str) -> str: ...

    def node(self, node: str, provenance: bool = False) -> dict[str, Any]: ...

    def edges(
        self, edge_type: str, source: str | None = None, target: str | None = None, **hints: Any
    ) -> Iterable[tuple[str, str, dict[str, Any]]]:
        """(source, target, data) of the edges of one type (from `source`, to `target`), in the graph's
        order. Hints are filters the caller applies anyway, which a back end may use to read less; with
        `light=True` the data may hold only type, modality, negated, commodity_id, hs_code and provenance
        whose evidence items are stand-ins (as many, of the same documents), and with `dated=False` too
        only the number of mentions (no doc_ids or evidence)."""
        ...

    def handle(self, data: dict[str, Any]) -> Any:
        """What `reread` needs to give an edge from `edges` back (its data itself, or its row)."""
        ...

    def reread(self, edges: Iterable[tuple[str, str, Any]]) -> Iterable[tuple[str, str, dict[str, Any]]]:
        """(source, target, handle) → (source, target, data) of the same edges, all their attributes read
        (also those `edges(light=True)` leaves out), in the order given."""
        ...


class AnswerRows:
    """The rows of an answer, counted before they are built: `len()` is their number, iterating builds them
    one at a time in the answer's order (once), so a large answer is printed without being held."""

    def __init__(self, total: int, rows: Iterator[Any]) -> None:
        self.total = total
        self._rows = rows

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[Any]:
        return self._rows


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


class _CommodityMatcher:
    """Matches flow edges by normalised commodity name, or by HS code within the category's prefixes."""

    def __init__(self, text: str) -> None:
        self.node = commodity_id(text)
        self.prefixes = normalize.hs_category(text) or []

    def matches(self, edge: dict) -> bool:
        if edge["commodity_id"] == self.node:
            return True
        return bool(
            self.prefixes and edge.get("hs_code") and normalize.hs_matches(edge["hs_code"], self.prefixes)
        )

    def hints(self) -> dict[str, Any]:
        return {"commodity": self.node, "hs_prefixes": tuple(self.prefixes)}


class Questions:
    """The question API; a subclass sets `_view` (a GraphView)."""

    _view: GraphView

    def resolve_country(self, name: str) -> str:
        """ISO3 code for a country in any name form; UnknownCountryError if none."""
        code = country_code(name)
        if code is None:
            raise UnknownCountryError(f"unknown country: {name!r}")
        return code

    def country_name(self, iso3: str | None) -> str | None:
        if iso3 is None:
            return None
        return self._view.country_name(iso3)

    def _provenance(self, data: dict, window: _Window) -> _Provenance | None:
        """The sources of a node or edge inside the date window (None when it has none there)."""
        if window.unbounded:
            return _Provenance(data["mentions"], list(data["doc_ids"]), list(data["evidence"]))
        docs = [doc for doc in data["doc_ids"] if window.admits(self._view.doc_date(doc))]
        if not docs:
            return None
        admitted = set(docs)
        evidence = [item for item in data["evidence"] if item["doc_id"] in admitted]
        return _Provenance(len(evidence) or len(docs), docs, evidence)

    def _flow_answer(self, u: str, v: str, data: dict, prov: _Provenance) -> FlowAnswer:
        exporter, importer = self._view.node(u)["iso3"], self._view.node(v)["iso3"]
        dates = sorted({d for d in (self._view.doc_date(doc) for doc in prov.doc_ids) if d})
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

    def _flows(self, *args: Any, **filters: Any) -> list[FlowAnswer]:
        return list(self.flow_rows(*args, **filters))

    def flow_rows(
        self,
        exporter: str | None = None,
        importer: str | None = None,
        commodity: str | None = None,
        *,
        modality: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        include_negated: bool = False,
    ) -> AnswerRows:
        """The trade flows from `exporter` to `importer` of `commodity` (each optional), strongest modality
        first, then best supported, ties in the graph's order: counted and ordered from the edges' light
        data (no sentences), each answer built from the edge read again as it is taken."""
        window = _Window(_check_date(since, "since"), _check_date(until, "until"))
        chosen = self._chosen_flows(exporter, importer, commodity, modality, window, include_negated)
        return AnswerRows(len(chosen), self._flow_answers([flow[1:4] for flow in chosen], window))

    def _chosen_flows(
        self,
        exporter: str | None,
        importer: str | None,
        commodity: str | None,
        modality: str | Iterable[str] | None,
        window: _Window,
        include_negated: bool = False,
    ) -> list[tuple[tuple, str, str, Any, dict, _Provenance]]:
        """The flows `flow_rows` gives, in its order, from the edges' light data: (rank, source, target,
        handle for `reread`, light data, provenance counted from it)."""
        source = country_id(self.resolve_country(exporter)) if exporter else None
        target = country_id(self.resolve_country(importer)) if importer else None
        modalities = _modalities(modality)
        matcher = _CommodityMatcher(commodity) if commodity else None
        hints = {
            "modalities": modalities,
            "negated": None if include_negated else False,
            "light": True,
            "dated": not window.unbounded,
            **(matcher.hints() if matcher else {}),
        }
        chosen = []
        for u, v, data in self._view.edges("trade_flow", source, target, **hints):
            if data["negated"] and not include_negated:
                continue
            if (modalities and data["modality"] not in modalities) or (matcher and not matcher.matches(data)):
                continue
            prov = self._provenance(data, window)
            if prov is not None:
                rank = (bool(data["negated"]), -MODALITY_STRENGTH[data["modality"]], -prov.mentions)
                chosen.append((rank, u, v, self._view.handle(data), data, prov))
        # Stable sort: strongest modality first, then best supported; ties keep reading order.
        chosen.sort(key=lambda item: item[0])
        return chosen

    def _flow_answers(self, edges: list[tuple[str, str, Any]], window: _Window) -> Iterator[FlowAnswer]:
        for u, v, data in self._view.reread(edges):
            prov = self._provenance(data, window)
            assert prov is not None  # the same edge as when it was chosen
            yield self._flow_answer(u, v, data, prov)

    # -- questions

    def exports(
        self,
        exporter: str,
        importer: str | None = None,
        *,
        commodity: str | None = None,
        modality: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        include_negated: bool = False,
    ) -> list[FlowAnswer]:
        """What `exporter` exports (to `importer`; of `commodity`, a commodity or HS category), strongest
        modality first."""
        return self._flows(
            exporter,
            importer,
            commodity,
            modality=modality,
            since=since,
            until=until,
            include_negated=include_negated,
        )

    def imports(
        self,
        importer: str,
        exporter: str | None = None,
        *,
        commodity: str | None = None,
        modality: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        include_negated: bool = False,
    ) -> list[FlowAnswer]:
        """What `importer` imports (from `exporter`; of `commodity`)."""
        return self._flows(
            exporter,
            importer,
            commodity,
            modality=modality,
            since=since,
            until=until,
            include_negated=include_negated,
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
        return list(self.partner_rows(country, modality=modality, since=since, until=until))

    def partner_rows(
        self,
        country: str,
        *,
        modality: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> AnswerRows:
        """`partners`, counted and ranked from the flows' light data (their number, commodities and
        mentions, no sentences); each partner's documents and evidence read as its answer is taken."""
        iso3 = self.resolve_country(country)
        window = _Window(_check_date(since, "since"), _check_date(until, "until"))
        partners: dict[str, _PartnerTally] = {}

        def tally(partner: str) -> _PartnerTally:
            return partners.setdefault(partner, _PartnerTally())

        for _, _, v, handle, data, prov in self._chosen_flows(iso3, None, None, modality, window):
            entry = tally(self._view.node(v)["iso3"])
            entry.exported.append(self._commodity_label(data))
            entry.flows[0].append((None, v, handle))
            entry.mentions += prov.mentions
        for _, u, _, handle, data, prov in self._chosen_flows(None, iso3, None, modality, window):
            entry = tally(self._view.node(u)["iso3"])
            entry.imported.append(self._commodity_label(data))
            entry.flows[1].append((u, None, handle))
            entry.mentions += prov.mentions
        for value in self.trade_values(iso3, since=since, until=until):
            entry = tally(value.partner if value.reporter == iso3 else value.reporter)
            entry.values.append(value)
            entry.mentions += value.mentions
        ranked = sorted(
            ((partner, entry) for partner, entry in partners.items() if partner != iso3),
            key=lambda item: (
                -len(item[1].exported) - len(item[1].imported),
                -len(item[1].values),
                -item[1].mentions,
                self.country_name(item[0]),
            ),
        )
        answers = (self._partner_answer(iso3, partner, entry, window) for partner, entry in ranked)
        return AnswerRows(len(ranked), answers)

    def _commodity_label(self, data: dict) -> str:
        """A flow's commodity as its answer names it (light data may hold only the commodity's node)."""
        if "commodity" in data:
            return data["commodity"]
        return self._view.node(data["commodity_id"])["label"]

    def _partner_answer(
        self, iso3: str, partner: str, entry: _PartnerTally, window: _Window
    ) -> PartnerAnswer:
        """One partner's answer: its flows read again in full for their documents and evidence, in the
        order the flows rank (exports, then imports), then its trade values'."""
        sources: dict[str, Any] = {"mentions": 0, "doc_ids": {}, "evidence": {}}
        for flows in entry.flows:
            for _, _, data in self._view.reread(flows):
                prov = self._provenance(data, window)
                assert prov is not None  # the same edge as when it was chosen
                evidence = [Evidence.model_validate(item) for item in prov.evidence]  # as FlowAnswer's
                _add_sources(sources, _Provenance(prov.mentions, prov.doc_ids, evidence))
        for value in entry.values:
            _add_sources(sources, value)
        return PartnerAnswer(
            country=iso3,
            country_name=self.country_name(iso3),
            partner=partner,
            partner_name=self.country_name(partner),
            flows=len(entry.exported) + len(entry.imported),
            exports=len(entry.exported),
            imports=len(entry.imported),
            commodities_exported=_unique(entry.exported),
            commodities_imported=_unique(entry.imported),
            trade_values=len(entry.values),
            mentions=sources["mentions"],
            doc_ids=list(sources["doc_ids"]),
            evidence=list(sources["evidence"].values()),
        )

    def officials(
        self,
        country: str,
        *,
        include_posted: bool = False,
        role: str | None = None,
        current_only: bool = False,
        meetings: bool = False,
        since: str | None = None,
        until: str | None = None,
    ) -> list[OfficialAnswer]:
        """Officials whose country is `country` (and, with include_posted, foreign ambassadors posted to it).

        An official stated for several countries serves the one most mentions state (see `served_country`).
        `role` keeps the holders of one office ("president", "foreign minister": the title's own words,
        not a vice president or a deputy minister); `current_only` leaves out former holders; `meetings`
        fills each answer's `met` with the officials it met.
        """
        iso3 = self.resolve_country(country)
        window = _Window(_check_date(since, "since"), _check_date(until, "until"))
        edge_types = ("represents", "posted_to") if include_posted else ("represents",)
        seen: set[str] = set()
        answers = []
        for edge_type in edge_types:
            for u, _, _ in self._view.edges(edge_type, target=country_id(iso3)):
                if u in seen:
                    continue
                seen.add(u)
                data = self._view.node(u, provenance=True)
                if edge_type == "represents" and self.served_country(u) != iso3:
                    continue
                if (role and not holds_office(data["title"], role)) or (current_only and data["former"]):
                    continue
                prov = self._provenance(data, window)
                if prov is not None:
                    met = self._met(u, window) if meetings else []
                    answers.append(self._official_answer(data, prov, met))
        return sorted(answers, key=lambda a: (_ROLE_RANK.get(a.role_class or "", 99), -a.mentions))

    def served_country(self, official: str) -> str | None:
        """The country an official node serves: of the countries its mentions state, the one stated most
        often (the first stated on a tie)."""
        counts: dict[str, int] = {}
        for _, target, data in self._view.edges("represents", official):
            iso3 = self._view.node(target)["iso3"]
            counts[iso3] = counts.get(iso3, 0) + data["mentions"]
        if not counts:
            return None
        first = self._view.node(official)["country"]
        return max(counts, key=lambda iso3: (counts[iso3], iso3 == first))

    def _met(self, official: str, window: _Window) -> list[str]:
        """Names of the officials `official` met (inside the date window), in the graph's order."""
        met: list[str] = []
        for source, target, data in [
            *self._view.edges("met", official),
            *self._view.edges("met", target=official),
        ]:
            other = target if source == official else source
            if other != official and self._provenance(data, window) is not None:
                name = self._view.node(other)["label"]
                if name not in met:
                    met.append(name)
        return met

    def _official_answer(self, data: dict, prov: _Provenance, met: list[str]) -> OfficialAnswer:
        return OfficialAnswer(
            name=data["label"],
            title=data["title"],
            role_class=data["role_class"],
            country=data["country"],
            country_name=self.country_name(data["country"]),
            posted_to=data["posted_to"],
            posted_to_name=self.country_name(data["posted_to"]),
            former=bool(data["former"]),
            met=met,
            **prov.fields(),
        )

    def meetings(
        self, country: str | None = None, *, since: str | None = None, until: str | None = None
    ) -> list[MeetingAnswer]:
        """Who met whom; with `country`, meetings where one participant serves it or it is named."""
        iso3 = self.resolve_country(country) if country else None
        window = _Window(_check_date(since, "since"), _check_date(until, "until"))
        answers = []
        for u, v, data in self._view.edges("met"):
            people = [self._view.node(u), self._view.node(v)]
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
        self,
        country: str,
        kind: str | None = None,
        *,
        commodity: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[LocationAnswer]:
        """Ports, regions and cities of `country` (or one kind: "port", "regions", "organization" …).

        With `commodity`: the places named in the articles that state `country`'s trade in it (as exporter
        or importer), those named in the same sentence as such a flow first — the graph links places to
        countries, not to goods, so "which ports handle Brazil's soybeans" is answered from the sources.
        """
        iso3 = self.resolve_country(country)
        kinds = LOCATION_KINDS if kind is None else (_location_kind(kind),)
        window = _Window(_check_date(since, "since"), _check_date(until, "until"))
        sources: tuple[set[str], set[tuple[str, str]]] | None = None
        if commodity is not None:
            flows = [
                *self._flows(iso3, None, commodity, since=since, until=until),
                *self._flows(None, iso3, commodity, since=since, until=until),
            ]
            sources = (
                {doc for flow in flows for doc in flow.doc_ids},
                {(item.doc_id, item.sentence) for flow in flows for item in flow.evidence},
            )
        answers = []
        for u, _, _ in self._view.edges("located_in", target=country_id(iso3)):
            data = self._view.node(u, provenance=True)
            prov = self._provenance(data, window) if data["type"] in kinds else None
            if prov is None or (sources is not None and not sources[0] & set(prov.doc_ids)):
                continue
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

        def same_sentence(answer: LocationAnswer) -> bool:
            return sources is not None and any(
                (item.doc_id, item.sentence) in sources[1] for item in answer.evidence
            )

        return sorted(answers, key=lambda a: (not same_sentence(a), kinds.index(a.kind), -a.mentions))

    def trade_values(
        self, a: str, b: str | None = None, *, since: str | None = None, until: str | None = None
    ) -> list[ValueAnswer]:
        """Reported trade values between `a` and `b` (either reporting), or all of `a`'s."""
        first = country_id(self.resolve_country(a))
        second = country_id(self.resolve_country(b)) if b else None
        window = _Window(_check_date(since, "since"), _check_date(until, "until"))
        if second is None:
            incoming = (edge for edge in self._view.edges("trade_value", target=first) if edge[0] != first)
            edges = [*self._view.edges("trade_value", first), *incoming]
        else:
            reverse = self._view.edges("trade_value", second, first) if second != first else ()
            edges = [*self._view.edges("trade_value", first, second), *reverse]
        answers = []
        for u, v, data in edges:
            prov = self._provenance(data, window)
            if prov is None:
                continue
            reporter, partner = self._view.node(u)["iso3"], self._view.node(v)["iso3"]
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
                fact=_describe_flow(flow), date=self._view.doc_date(item.doc_id), **item.model_dump()
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


@dataclass
class _PartnerTally:
    """What ranks a partner, from light data, and the flows (per direction) to read its sources from."""

    exported: list[str] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)
    flows: tuple[list, list] = field(default_factory=lambda: ([], []))
    values: list[ValueAnswer] = field(default_factory=list)
    mentions: int = 0


def _add_sources(entry: dict[str, Any], answer: _Provenance | ValueAnswer) -> None:
    """Add an answer's mentions, and those of its documents and evidence the entry lacks, in order. Both are
    kept in dicts keyed by identity, so adding is linear in the sources (comparing each new evidence with
    all a partner has was quadratic: 0.4 s for `partners` at 100k articles)."""
    entry["mentions"] += answer.mentions
    entry["doc_ids"].update(dict.fromkeys(answer.doc_ids))
    for item in answer.evidence:
        entry["evidence"].setdefault(_evidence_key(item), item)


def _evidence_key(item: Evidence) -> tuple:
    """What makes two evidence equal (all their fields, as Evidence's == compares them), hashable."""
    return tuple(item.__dict__.values())


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def holds_office(title: str | None, role: str) -> bool:
    """Whether a title is the office `role` names: its words in the title ("President", "Egyptian
    President", "Minister of Foreign Affairs" for "minister"), plurals aside, and not after a qualifier that
    makes it another office ("Vice President", "Deputy Minister"; rules/words/role_qualifiers.txt)."""
    if not title:
        return False
    wanted = _title_words(role)
    words = _title_words(title)
    qualifiers = load_words("words/role_qualifiers.txt")
    for start in range(len(words) - len(wanted) + 1):
        if words[start : start + len(wanted)] == wanted and (
            start == 0 or words[start - 1] not in qualifiers
        ):
            return True
    return False


def _title_words(text: str) -> list[str]:
    return [normalize.singularize(word) for word in re.split(r"[\s\-]+", normalize.fold(text)) if word]


def _location_kind(kind: str) -> str:
    try:
        return _KIND_ALIASES[kind.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown location kind {kind!r}; use port, region, city or organization") from None
