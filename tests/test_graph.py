"""TradeGraph: entities merged across documents, node and edge structure, questions, saving and loading."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from tradegraph.answers import FlowAnswer
from tradegraph.graph import GraphFileError, TradeGraph, UnknownCountryError
from tradegraph.jsonl import load_extractions, save_extractions
from tradegraph.library import build_graph
from tradegraph.models import (
    Commodity,
    Country,
    DiplomaticRelations,
    Evidence,
    Extraction,
    Location,
    Meeting,
    Official,
    Organization,
    TradeFlow,
    TradeValue,
)


def evidence(doc_id: str, sentence: str) -> Evidence:
    return Evidence(doc_id=doc_id, sentence=sentence, start=0, end=len(sentence))


def flow(
    doc_id: str, exporter: str, importer: str, name: str, hs_code: str | None = None, **kwargs
) -> TradeFlow:
    sentence = f"{exporter} {kwargs.get('modality', 'actual')} exports {name} to {importer}."
    return TradeFlow(
        exporter=exporter,
        importer=importer,
        commodity=Commodity(name=name, hs_code=hs_code),
        evidence=evidence(doc_id, sentence),
        **kwargs,
    )


def article_a() -> Extraction:
    """Modelled on the seed article: Kazakhstan and Iran, 2020."""
    return Extraction(
        doc_id="a",
        date="2020-02-11",
        countries=[
            Country(name="Kazakhstan", iso3="KAZ", mentions=3),
            Country(name="Iran", iso3="IRN", mentions=2),
        ],
        officials=[
            Official(
                name="Askhat Orazbay",
                title="Ambassador",
                role_class="ambassador",
                country="KAZ",
                posted_to="IRN",
                evidence=evidence("a", "Kazakhstan's Ambassador to Iran Askhat Orazbay said."),
            ),
            Official(
                name="Mohammad Javad Zarif", title="Foreign Minister", role_class="minister", country="IRN"
            ),
            Official(
                name="Nursultan Nazarbayev",
                title="president",
                role_class="head_of_state",
                country="KAZ",
                former=True,
            ),
        ],
        locations=[
            Location(name="Aktau", kind="port", country="KAZ", code="KZAAU"),
            Location(name="Qazvin", kind="region", country="IRN"),
            Location(name="Tehran", kind="city", country="IRN"),
        ],
        organizations=[Organization(name="Qazvin Chamber of Commerce", country="IRN")],
        trade_flows=[
            flow("a", "KAZ", "IRN", "barley", "1003"),
            flow("a", "KAZ", "IRN", "wheat", "1001"),
            flow("a", "KAZ", "IRN", "chemical materials", modality="potential"),
            flow("a", "IRN", "KAZ", "pistachios", "0802"),
            flow("a", "IRN", "KAZ", "cement", "2523", modality="potential"),
        ],
        trade_values=[
            TradeValue(
                reporter="KAZ", partner="IRN", flow="turnover", value=5e8, currency="USD", period="2019"
            )
        ],
        meetings=[
            Meeting(
                participants=["Nazarbayev", "Zarif"],
                countries=["KAZ", "IRN"],
                location="Nur-Sultan",
                date="2019-11",
                evidence=evidence("a", "Zarif and Nazarbayev met."),
            )
        ],
        relations=[DiplomaticRelations(countries=["KAZ", "IRN"], established="1992-01-29")],
    )


def article_b() -> Extraction:
    """A later article naming some of the same entities in other words."""
    return Extraction(
        doc_id="b",
        date="2021-05-01",
        countries=[Country(name="Kazakhstan", iso3="KAZ", mentions=2), Country(name="Turkey", iso3="TUR")],
        officials=[
            Official(name="Askhat Orazbay", title="ambassador", role_class="ambassador", country="KAZ")
        ],
        locations=[Location(name="Aktau", kind="port", country="KAZ")],
        trade_flows=[
            flow("b", "KAZ", "IRN", "Wheat", "1001"),
            flow("b", "KAZ", "TUR", "wheat", "1001", modality="planned"),
            flow("b", "KAZ", "IRN", "meat", "0201", negated=True),
        ],
    )


@pytest.fixture
def kg() -> TradeGraph:
    return TradeGraph.from_extractions([article_a(), article_b()])


# ------------------------------------------------------------------------------------------- structure


def test_same_entities_in_two_documents_are_one_node_with_summed_mentions(kg):
    g = kg.to_networkx()
    assert g.nodes["country:KAZ"]["mentions"] == 5
    assert g.nodes["country:KAZ"]["doc_ids"] == ["a", "b"]
    assert g.nodes["official:askhat-orazbay"]["mentions"] == 2
    assert g.nodes["official:askhat-orazbay"]["doc_ids"] == ["a", "b"]
    assert g.nodes["port:aktau"]["mentions"] == 2
    assert g.nodes["commodity:wheat"]["doc_ids"] == ["a", "b"]
    assert len([n for n, t in g.nodes(data="type") if t == "commodity"]) == 6


def test_a_fact_stated_in_two_documents_is_one_edge_with_both_sources(kg):
    data = kg.to_networkx().edges["country:KAZ", "country:IRN", "flow|wheat|actual|false"]
    assert data["mentions"] == 2
    assert data["doc_ids"] == ["a", "b"]
    assert data["dates"] == ["2020-02-11", "2021-05-01"]
    assert [item["doc_id"] for item in data["evidence"]] == ["a", "b"]


def test_every_node_and_edge_carries_the_common_attributes(kg):
    g = kg.to_networkx()
    for _, data in g.nodes(data=True):
        assert {"type", "label", "mentions", "doc_ids"} <= data.keys()
    for *_, data in g.edges(data=True):
        assert {"type", "label", "mentions", "doc_ids", "evidence"} <= data.keys()
    assert isinstance(g, nx.MultiDiGraph)


def test_node_types_carry_their_own_attributes(kg):
    g = kg.to_networkx()
    assert (g.nodes["country:IRN"]["type"], g.nodes["country:IRN"]["label"]) == ("country", "Iran")
    assert g.nodes["country:IRN"]["iso3"] == "IRN"
    official = g.nodes["official:nursultan-nazarbayev"]
    assert (official["role_class"], official["country"], official["former"]) == ("head_of_state", "KAZ", True)
    assert g.nodes["official:askhat-orazbay"]["posted_to"] == "IRN"  # kept although document b omits it
    assert (g.nodes["port:aktau"]["country"], g.nodes["port:aktau"]["code"]) == ("KAZ", "KZAAU")
    assert g.nodes["region:qazvin"]["type"] == "region"
    assert g.nodes["city:tehran"]["country"] == "IRN"
    assert g.nodes["organization:qazvin-chamber-of-commerce"]["country"] == "IRN"
    assert (g.nodes["commodity:barley"]["hs_code"], g.nodes["commodity:barley"]["hs_section"]) == (
        "1003",
        "II",
    )


def test_edge_types_connect_the_documented_ends(kg):
    g = kg.to_networkx()
    assert g.has_edge("country:KAZ", "commodity:wheat", "actual")
    assert g.has_edge("country:KAZ", "commodity:wheat", "planned")
    assert g.has_edge("official:askhat-orazbay", "country:KAZ", "represents")
    assert g.has_edge("official:askhat-orazbay", "country:IRN", "posted_to")
    assert g.has_edge("port:aktau", "country:KAZ", "located_in")
    met = g.get_edge_data("official:mohammad-javad-zarif", "official:nursultan-nazarbayev")
    assert [(d["type"], d["location"], d["date"]) for d in met.values()] == [("met", "Nur-Sultan", "2019-11")]
    relations = g.get_edge_data("country:IRN", "country:KAZ")
    assert [d["date"] for d in relations.values() if d["type"] == "relations_established"] == ["1992-01-29"]
    values = [d for d in g.get_edge_data("country:KAZ", "country:IRN").values() if d["type"] == "trade_value"]
    assert [(v["flow"], v["value"], v["currency"], v["period"]) for v in values] == [
        ("turnover", 5e8, "USD", "2019")
    ]


def test_a_negated_flow_is_kept_but_does_not_link_the_country_to_the_commodity(kg):
    g = kg.to_networkx()
    assert g.edges["country:KAZ", "country:IRN", "flow|meat|actual|true"]["negated"] is True
    assert not g.has_edge("country:KAZ", "commodity:meat")


def test_adding_a_document_twice_counts_it_once_and_a_changed_one_replaces_it(kg):
    kg.add_extraction(article_b())
    assert kg.to_networkx().nodes["country:KAZ"]["mentions"] == 5
    changed = article_b().model_copy(
        update={"countries": [Country(name="Kazakhstan", iso3="KAZ", mentions=10)]}
    )
    kg.add_extraction(changed)
    assert kg.to_networkx().nodes["country:KAZ"]["mentions"] == 13
    assert len(kg.extractions) == 2


def test_merge_and_document_dates():
    kg = TradeGraph.from_extractions([article_a()]).merge(TradeGraph.from_extractions([article_b()]))
    assert kg.doc_dates == {"a": "2020-02-11", "b": "2021-05-01"}
    assert kg.stats()["edges"]["trade_flow"] == 7


# ------------------------------------------------------------------------------------------- questions


def names(flows: list[FlowAnswer]) -> list[tuple[str, str]]:
    return [(f.commodity, f.modality) for f in flows]


def test_exports_lists_strongest_modality_first_with_sources(kg):
    answers = kg.exports("Kazakhstan", "Iran")
    assert names(answers) == [("wheat", "actual"), ("barley", "actual"), ("chemical materials", "potential")]
    assert answers[0].mentions == 2 and answers[0].exporter_name == "Kazakhstan"
    assert answers[1].evidence[0].sentence == "KAZ actual exports barley to IRN."


def test_country_arguments_accept_any_name_form(kg):
    assert names(kg.exports("Kazakh", "Iranian")) == names(kg.exports("KAZ", "the Islamic Republic of Iran"))
    assert names(kg.exports("kazakhstan", "Türkiye")) == [("wheat", "planned")]


def test_unknown_country_is_an_error():
    with pytest.raises(UnknownCountryError, match="Narnia"):
        TradeGraph().exports("Narnia")
    assert issubclass(UnknownCountryError, ValueError)


def test_filters_on_modality_negation_and_document_date(kg):
    assert names(kg.exports("KAZ", "IRN", modality="potential")) == [("chemical materials", "potential")]
    assert ("meat", "actual") in names(kg.exports("KAZ", "IRN", include_negated=True))
    recent = kg.exports("KAZ", since="2021")
    assert [(f.commodity, f.importer, f.mentions, f.doc_ids) for f in recent] == [
        ("wheat", "IRN", 1, ["b"]),
        ("wheat", "TUR", 1, ["b"]),
    ]
    assert names(kg.exports("KAZ", "IRN", until="2020-12")) == names(
        kg.exports("KAZ", "IRN", since="2020", until="2020")
    )
    with pytest.raises(ValueError, match="modality"):
        kg.exports("KAZ", modality="likely")
    with pytest.raises(ValueError, match="since"):
        kg.exports("KAZ", since="last year")


def test_imports(kg):
    assert names(kg.imports("Kazakhstan", "Iran")) == [("pistachios", "actual"), ("cement", "potential")]
    assert {f.exporter for f in kg.imports("Iran")} == {"KAZ"}


def test_exporters_and_importers_of_a_commodity_or_hs_category(kg):
    assert {(f.exporter, f.importer) for f in kg.exporters_of("wheat")} == {("KAZ", "IRN"), ("KAZ", "TUR")}
    assert names(kg.exporters_of("cereals", "Iran")) == [("wheat", "actual"), ("barley", "actual")]
    assert [f.importer for f in kg.importers_of("pistachio")] == ["KAZ"]
    assert kg.importers_of("wheat", "Iran") == []


def test_partners_ranked_by_number_of_flows(kg):
    partners = kg.partners("Kazakhstan")
    assert [(p.partner, p.flows, p.exports, p.imports) for p in partners] == [
        ("IRN", 5, 3, 2),
        ("TUR", 1, 1, 0),
    ]
    assert partners[0].commodities_imported == ["pistachios", "cement"]
    assert partners[0].trade_values == 1


def test_partners_list_each_source_once_in_the_order_first_met() -> None:
    """Flows of one pair in both directions that share documents and sentences: the partner's doc_ids and
    evidence hold each once, in the order the flows give them."""
    said = "Chile sells copper and lithium to Japan, and Japan sells cars to Chile."

    def span(doc_id: str, start: int, end: int) -> Evidence:
        return Evidence(doc_id=doc_id, sentence=said, start=start, end=end, text=said[start:end])

    def flow(exporter: str, importer: str, goods: str, *sources: Evidence) -> TradeFlow:
        return TradeFlow(
            exporter=exporter, importer=importer, commodity=Commodity(name=goods), evidence=sources[0]
        )

    chile, japan = Country(name="Chile", iso3="CHL"), Country(name="Japan", iso3="JPN")
    extractions = [
        Extraction(
            doc_id=doc_id,
            countries=[chile, japan],
            trade_flows=[
                flow("CHL", "JPN", "copper", span(doc_id, 0, 17)),
                flow("CHL", "JPN", "lithium", span(doc_id, 0, 17)),  # the same sentence and span
                flow("JPN", "CHL", "cars", span(doc_id, 44, 59)),
            ],
        )
        for doc_id in ("d2", "d1")
    ]
    (partner,) = TradeGraph.from_extractions(extractions).partners("Chile")
    assert (partner.partner, partner.exports, partner.imports) == ("JPN", 2, 1)
    assert sorted(partner.doc_ids) == ["d1", "d2"] and len(partner.doc_ids) == 2
    keys = [(item.doc_id, item.start) for item in partner.evidence]
    assert sorted(keys) == [("d1", 0), ("d1", 44), ("d2", 0), ("d2", 44)]
    assert partner.doc_ids == list(dict.fromkeys(item.doc_id for item in partner.evidence))


def test_officials_meetings_and_locations(kg):
    assert [o.name for o in kg.officials("Kazakhstan")] == ["Nursultan Nazarbayev", "Askhat Orazbay"]
    assert [o.name for o in kg.officials("Iran")] == ["Mohammad Javad Zarif"]
    assert [o.name for o in kg.officials("Iran", include_posted=True)][-1] == "Askhat Orazbay"
    meetings = kg.meetings("Iran")
    assert [(m.participants, m.location) for m in meetings] == [
        (["Mohammad Javad Zarif", "Nursultan Nazarbayev"], "Nur-Sultan")
    ]
    assert kg.meetings("Türkiye") == [] and len(kg.meetings()) == 1
    assert [(loc.name, loc.kind) for loc in kg.locations("Iran")] == [
        ("Qazvin", "region"),
        ("Tehran", "city"),
    ]
    assert [loc.name for loc in kg.locations("Kazakhstan", "ports")] == ["Aktau"]
    assert [loc.name for loc in kg.locations("Iran", "organization")] == ["Qazvin Chamber of Commerce"]
    with pytest.raises(ValueError, match="kind"):
        kg.locations("Iran", "mountains")


def test_trade_values_in_either_order_and_evidence(kg):
    assert [v.value for v in kg.trade_values("Iran", "Kazakhstan")] == [5e8]
    assert [v.partner for v in kg.trade_values("Kazakhstan")] == ["IRN"]
    items = kg.evidence("Kazakhstan", "Iran", commodity="wheat")
    assert [(e.fact, e.doc_id, e.date) for e in items] == [
        ("Kazakhstan exports wheat to Iran", "a", "2020-02-11"),
        ("Kazakhstan exports wheat to Iran", "b", "2021-05-01"),
    ]


def test_answers_flatten_to_rows(kg):
    row = kg.exports("KAZ", "IRN")[0].row()
    assert row["commodity"] == "wheat" and row["doc_ids"] == "a; b"
    assert row["evidence"] == "KAZ actual exports wheat to IRN."


# ------------------------------------------------------------------------------------------- files


def graph_signature(kg: TradeGraph) -> tuple:
    g = kg.to_networkx()
    return sorted(g.nodes(data=True)), sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])


def test_save_and_load_round_trip(kg, tmp_path):
    path = kg.save(tmp_path / "graph.json")
    payload = json.loads(path.read_text(encoding="utf-8"))
    # The file holds the graph itself: loading it reads nodes and edges, nothing is rebuilt.
    assert (payload["format"], payload["version"], payload["documents"]) == (
        "tradegraph-graph",
        2,
        {"a": "2020-02-11", "b": "2021-05-01"},
    )
    assert len(payload["nodes"]) == len(kg) and "extractions" not in payload
    loaded = TradeGraph.load(path)
    assert graph_signature(loaded) == graph_signature(kg) and loaded.extractions == []
    assert loaded.imports("Iran") == kg.imports("Iran")  # answers in the same order
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]  # no temporary file left behind


def test_a_loaded_graph_grows_by_new_documents_and_refuses_to_merge_one_twice(kg, tmp_path):
    loaded = TradeGraph.load(TradeGraph.from_extractions([article_a()]).save(tmp_path / "a.json"))
    loaded.add_extraction(article_b())
    assert graph_signature(loaded) == graph_signature(kg)
    with pytest.raises(ValueError, match="already in the graph"):
        loaded.add_extraction(article_a())
    with pytest.raises(ValueError, match="never merged silently"):
        TradeGraph.load(tmp_path / "a.json").merge(TradeGraph.load(tmp_path / "a.json"))


def test_version_1_graph_files_are_still_read(kg, tmp_path):
    payload = {
        "format": "tradegraph-graph",
        "version": 1,
        "extractions": [article_a().model_dump(mode="json"), article_b().model_dump(mode="json")],
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert graph_signature(TradeGraph.load(path)) == graph_signature(kg)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found"),
        ('{"format": "tradegraph-graph", "version": 1, "extr', "invalid JSON"),
        ('{"nodes": []}', "not a tradegraph graph file"),
        ('{"format": "tradegraph-graph", "version": 9, "extractions": []}', "version"),
        ('{"format": "tradegraph-graph", "version": 1, "extractions": [{"date": 1}]}', "extraction 0"),
        (
            '{"format": "tradegraph-graph", "version": 2, "documents": {}, "nodes": [1], "edges": []}',
            "node 0",
        ),
        (
            '{"format": "tradegraph-graph", "version": 2, "documents": {}, "nodes": [], "edges": [["a", "b", '
            '"k", {}]]}',
            "edge 0",
        ),
    ],
)
def test_load_reports_a_missing_or_corrupt_file(tmp_path, content, message):
    path = tmp_path / "graph.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphFileError, match=message):
        TradeGraph.load(path)


def test_jsonl_round_trip_and_bad_line(tmp_path):
    path = save_extractions(tmp_path / "x.jsonl", [article_a(), article_b()])
    assert load_extractions(path) == [article_a(), article_b()]
    path.write_text(path.read_text(encoding="utf-8") + "{not json}\n", encoding="utf-8")
    with pytest.raises(GraphFileError, match=r"x\.jsonl:3: invalid JSON"):
        load_extractions(path)
    with pytest.raises(GraphFileError, match="not found"):
        load_extractions(tmp_path / "missing.jsonl")


def test_build_graph_from_a_mix_of_sources(kg, tmp_path):
    saved = TradeGraph.from_extractions([article_a()]).save(tmp_path / "a.json")
    lines = save_extractions(tmp_path / "b.jsonl", [article_b()])
    built = build_graph([saved, str(lines)])
    assert graph_signature(built) == graph_signature(kg)
    assert graph_signature(build_graph([article_a(), article_b()])) == graph_signature(kg)
    assert graph_signature(build_graph(article_a())) == graph_signature(
        TradeGraph.from_extractions([article_a()])
    )
