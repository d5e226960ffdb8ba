"""A hand-built trade graph in the shape `TradeGraph.to_networkx()` gives, with the names writers choke on:
quotes, &, <, >, control characters, non-ASCII, None values, lists and dicts. Shared by the export, frame,
plot and view tests."""

from __future__ import annotations

import networkx as nx

NASTY = 'Côte "d\'Ivoire" & <Sons>\x00\x07\x1b ™ 北京'


def evidence(doc_id: str, sentence: str) -> list[dict]:
    return [{"doc_id": doc_id, "sentence": sentence, "start": 0, "end": len(sentence)}]


def nasty_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(doc_dates={"d1": "2020-02-11", "d2": "2021-03", "d3": None})

    def node(node_id: str, node_type: str, label: str, doc_ids: list[str], **attrs) -> None:
        g.add_node(
            node_id,
            type=node_type,
            label=label,
            mentions=len(doc_ids),
            doc_ids=doc_ids,
            evidence=evidence(doc_ids[0], f"{label} was mentioned."),
            **attrs,
        )

    node("country:KAZ", "country", "Kazakhstan", ["d1", "d2"], iso3="KAZ")
    node("country:IRN", "country", "Iran", ["d1"], iso3="IRN")
    node("country:CIV", "country", NASTY, ["d3"], iso3="CIV")
    node(
        "official:askhat-orazbay",
        "official",
        "Askhat Orazbay",
        ["d1"],
        title="Ambassador",
        role_class="ambassador",
        country="KAZ",
        posted_to="IRN",
        former=False,
    )
    node(
        "official:nasty",
        "official",
        NASTY + " <script>alert(1)</script>",
        ["d3"],
        title=None,
        role_class="official",
        country=None,
        posted_to=None,
        former=True,
    )
    node("port:aktau", "port", "Aktau", ["d1"], country="KAZ", code="KZAKT")
    node("region:qazvin", "region", "Qazvin", ["d1"], country="IRN", code=None)
    node("organization:nasty", "organization", NASTY, ["d3"], kind="chamber", country="CIV")
    node("commodity:barley", "commodity", "barley", ["d1"], hs_code="1003", hs_section="II")
    node("commodity:nasty", "commodity", NASTY, ["d3"], hs_code=None, hs_section=None)
    node("group:eaeu", "group", "EAEU", ["d2"], group_id="EAEU", members=["KAZ", "RUS"])

    def edge(u: str, v: str, key: str, edge_type: str, label: str, doc_ids: list[str], **attrs) -> None:
        g.add_edge(
            u,
            v,
            key=key,
            type=edge_type,
            label=label,
            mentions=len(doc_ids),
            doc_ids=doc_ids,
            evidence=evidence(doc_ids[0], f"{label} & more <b>{NASTY}</b>"),
            **attrs,
        )

    def flow(u: str, v: str, commodity: str, modality: str, doc_ids: list[str], **attrs) -> None:
        negated = attrs.pop("negated", False)
        edge(
            u,
            v,
            f"flow|{commodity}|{modality}|{negated}",
            "trade_flow",
            commodity,
            doc_ids,
            commodity=commodity,
            commodity_id=f"commodity:{commodity}",
            hs_code=attrs.pop("hs_code", None),
            hs_section=None,
            modality=modality,
            negated=negated,
            dates=attrs.pop("dates", []),
            quantities=attrs.pop("quantities", []),
            values=[],
        )

    flow("country:KAZ", "country:IRN", "barley", "actual", ["d1", "d2"], hs_code="1003", dates=["2020-02-11"])
    flow("country:KAZ", "country:IRN", "wheat", "actual", ["d1"], hs_code="1001", dates=["2020-02-11"])
    flow(
        "country:KAZ",
        "country:IRN",
        "metals",
        "potential",
        ["d1"],
        quantities=[{"value": 1.5, "unit": "t", "text": "1.5 t"}],
    )
    flow("country:IRN", "country:KAZ", "cement", "potential", ["d1"], dates=["2020-02-11"])
    flow("country:IRN", "country:KAZ", "tea", "actual", ["d2"], negated=True, dates=["2021-03"])
    flow("country:CIV", "country:KAZ", NASTY, "planned", ["d3"], dates=[None])
    edge("country:KAZ", "commodity:barley", "actual", "exports", "exports", ["d1"], modality="actual")
    edge("official:askhat-orazbay", "country:KAZ", "represents", "represents", "represents", ["d1"])
    edge("official:askhat-orazbay", "country:IRN", "posted_to", "posted_to", "posted to", ["d1"])
    edge("port:aktau", "country:KAZ", "located_in", "located_in", "located in", ["d1"])
    edge("organization:nasty", "country:CIV", "located_in", "located_in", "located in", ["d3"])
    edge(
        "official:askhat-orazbay",
        "official:nasty",
        "met||",
        "met",
        "met",
        ["d3"],
        location=None,
        date="2019-11",
        countries=["KAZ", None],
    )
    edge(
        "country:IRN",
        "country:KAZ",
        "relations_established|1992-01-29",
        "relations_established",
        "relations since 1992",
        ["d1"],
        date="1992-01-29",
    )
    edge(
        "country:KAZ",
        "country:IRN",
        "value|turnover|2019|5e+08|USD",
        "trade_value",
        "turnover 500,000,000 USD (2019)",
        ["d1"],
        flow="turnover",
        value=5e8,
        currency="USD",
        period="2019",
        text="$500 million",
    )
    return g


def nasty_extractions() -> list:
    """Hand-made Extractions for building a real TradeGraph, a nasty name among them."""
    from tradegraph.models import Commodity, Country, Evidence, Extraction, Location, Official, TradeFlow

    def ev(doc_id: str, sentence: str) -> Evidence:
        return Evidence(doc_id=doc_id, sentence=sentence, start=0, end=len(sentence))

    seed = Extraction(
        doc_id="seed",
        date="2020-02-11",
        countries=[Country(name="Kazakhstan", iso3="KAZ"), Country(name="Iran", iso3="IRN")],
        officials=[
            Official(
                name="Askhat Orazbay",
                title="Ambassador",
                role_class="ambassador",
                country="KAZ",
                posted_to="IRN",
                evidence=ev("seed", "Kazakhstan's Ambassador to Iran Askhat Orazbay said."),
            )
        ],
        locations=[Location(name="Aktau", kind="port", country="KAZ", evidence=ev("seed", "Port Aktau."))],
        trade_flows=[
            TradeFlow(
                exporter="KAZ",
                importer="IRN",
                commodity=Commodity(name=name, hs_code=code),
                modality=modality,
                evidence=ev("seed", f"Kazakhstan exports {name} to Iran."),
            )
            for name, code, modality in [("barley", "1003", "actual"), ("metals", None, "potential")]
        ]
        + [
            TradeFlow(
                exporter="IRN",
                importer="KAZ",
                commodity=Commodity(name="cement"),
                modality="potential",
                evidence=ev("seed", "Iran can export cement."),
            )
        ],
    )
    nasty = Extraction(
        doc_id="nasty",
        date="2021-03-01",
        countries=[Country(name="Kazakhstan", iso3="KAZ"), Country(name="Iran", iso3="IRN")],
        officials=[
            Official(
                name=NASTY,
                title="Minister & <Chief>",
                role_class="minister",
                country="IRN",
                former=True,
                evidence=ev("nasty", f"{NASTY} spoke."),
            )
        ],
        trade_flows=[
            TradeFlow(
                exporter="IRN",
                importer="KAZ",
                commodity=Commodity(name=NASTY),
                negated=True,
                evidence=ev("nasty", f"Iran does not export {NASTY} to Kazakhstan."),
            )
        ],
    )
    return [seed, nasty]
