"""Questions in plain English: every grammar form, slots and filters, parse errors, and answers on a graph."""

from __future__ import annotations

from pathlib import Path

import pytest
import question_graph

from tradegraph.answers import FlowAnswer
from tradegraph.graph import TradeGraph, UnknownCountryError
from tradegraph.graph.questions import holds_office
from tradegraph.models import Commodity, Evidence, Extraction, Location, Official, TradeFlow, TradeValue
from tradegraph.query import (
    FORMS,
    QueryParseError,
    answer_question,
    grammar_markdown,
    parse_question,
    rank_rows,
)

DOCS = Path(__file__).resolve().parent.parent / "docs" / "questions.md"


def flow(exporter: str, importer: str, name: str, hs_code: str, modality: str = "actual") -> TradeFlow:
    sentence = f"{exporter} sells {name} to {importer}."
    return TradeFlow(
        exporter=exporter,
        importer=importer,
        commodity=Commodity(name=name, hs_code=hs_code),
        modality=modality,
        evidence=Evidence(doc_id="seed", sentence=sentence, start=0, end=len(sentence)),
    )


@pytest.fixture(scope="module")
def kg() -> TradeGraph:
    seed = Extraction(
        doc_id="seed",
        date="2020-02-11",
        officials=[
            Official(name="Askhat Orazbay", title="Ambassador", role_class="ambassador", country="KAZ")
        ],
        locations=[Location(name="Aktau", kind="port", country="KAZ")],
        trade_flows=[
            flow("KAZ", "IRN", "barley", "1003"),
            flow("KAZ", "IRN", "wheat", "1001"),
            flow("KAZ", "IRN", "metals", "72", "potential"),
            flow("IRN", "KAZ", "pistachios", "0802"),
        ],
        trade_values=[TradeValue(reporter="KAZ", partner="IRN", flow="turnover", value=3e8, currency="USD")],
    )
    return TradeGraph.from_extractions([seed])


# ------------------------------------------------------------------------------------------ grammar


@pytest.mark.parametrize(
    ("example", "intent"), [(example, form.intent) for form in FORMS for example in form.examples]
)
def test_every_documented_form_parses_to_its_intent(example, intent):
    assert parse_question(example).intent == intent


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("What does Türkiye export to the UAE?", {"exporter": "TUR", "importer": "ARE"}),
        ("what does South Korea import from Kazakhstan", {"importer": "KOR", "exporter": "KAZ"}),
        ("what did Kazakhstan sell to Iran", {"exporter": "KAZ", "importer": "IRN", "modality": "actual"}),
        ("what could Iran export to Kazakhstan", {"modality": "potential"}),
        ("what does Iran plan to export to Kazakhstan", {"modality": "planned"}),
        ("what will Kazakhstan ship to Iran", {"modality": "planned"}),
        ("what do Kazakhs export to Iran", {"exporter": "KAZ"}),
        ("Tell me what Kazakhstan exports", {"exporter": "KAZ", "importer": None}),
        ("who exports cereals to Iran", {"commodity": "cereals", "importer": "IRN"}),
        ("who exports fresh and dried fruits to Kazakhstan", {"commodity": "fresh and dried fruits"}),
        (
            "who exports equipment to process meat",
            {"commodity": "equipment to process meat", "importer": None},
        ),
        ("who imports pistachios from Iran", {"commodity": "pistachios", "exporter": "IRN"}),
        ("who exports to Iran", {"intent": "imports", "importer": "IRN"}),
        ("Who’s Kazakhstan’s trade partners", {"intent": "partners", "country": "KAZ"}),
        ("WHO ARE THE TRADE PARTNERS OF THE UNITED ARAB EMIRATES?", {"country": "ARE"}),
        ("Iranian officials", {"intent": "officials", "country": "IRN"}),
        ("which ports are mentioned for Kazakhstan", {"kind": "port", "country": "KAZ"}),
        ("cities of Kazakhstan", {"kind": "city"}),
        ("which provinces of Iran are mentioned", {"kind": "region"}),
        ("who met whom", {"intent": "meetings", "country": None}),
        ("trade values between Bosnia and Herzegovina and Serbia", {"country": "BIH", "partner": "SRB"}),
        ("trade between Serbia and Bosnia and Herzegovina", {"country": "SRB", "partner": "BIH"}),
        ("evidence for Kazakhstan exports wheat to Iran", {"intent": "evidence", "commodity": "wheat"}),
        ("what does Kazakhstan export to Iran since 2021", {"since": "2021", "until": None}),
        ("what did Kazakhstan export to Iran in 2020", {"since": "2020", "until": "2020"}),
        ("what does Kazakhstan export between 2019 and 2020-06", {"since": "2019", "until": "2020-06"}),
    ],
)
def test_slots_are_read_and_countries_resolved(text, slots):
    question = parse_question(text)
    assert {key: getattr(question, key) for key in slots} == slots


@pytest.mark.parametrize("text", ["how tall is Everest", "export wheat Kazakhstan please", ""])
def test_an_unreadable_question_names_the_closest_forms(text):
    with pytest.raises(QueryParseError) as error:
        parse_question(text)
    message = str(error.value)
    assert "\n" not in message and "closest supported forms" in message
    assert len(error.value.suggestions) == 3
    assert isinstance(error.value, ValueError)


def test_suggestions_are_close_to_the_question():
    with pytest.raises(QueryParseError) as error:
        parse_question("what Kazakhstan send Iran")
    assert "what does Kazakhstan export to Iran" in error.value.suggestions


def test_a_readable_question_about_an_unknown_country_says_so():
    with pytest.raises(UnknownCountryError, match="Narnia"):
        parse_question("what does Narnia export to Iran")


def test_docs_list_the_grammar_as_generated():
    assert DOCS.read_text(encoding="utf-8") == grammar_markdown(), "regenerate docs/questions.md"


# ------------------------------------------------------------------------------------------ answers


def test_answer_lists_flows_with_their_sentences(kg):
    result = answer_question(kg, "what does Kazakhstan export to Iran?")
    assert result.intent == "exports" and result.message is None
    assert [(row.commodity, row.modality) for row in result.rows] == [
        ("barley", "actual"),
        ("wheat", "actual"),
        ("metals", "potential"),
    ]
    assert result.rows[0].evidence[0].sentence == "KAZ sells barley to IRN."
    assert result.records()[0]["evidence"] == "KAZ sells barley to IRN."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what does Iran import from Kazakhstan", ["barley", "wheat", "metals"]),
        ("who exports cereals to Iran", ["barley", "wheat"]),
        ("who imports pistachios", ["pistachios"]),
        ("what could Kazakhstan export to Iran", ["metals"]),
    ],
)
def test_flow_questions(kg, text, expected):
    assert [row.commodity for row in answer_question(kg, text).rows] == expected


def test_other_intents_answer_from_the_graph(kg):
    assert [row.partner for row in answer_question(kg, "who are Kazakhstan's trade partners").rows] == ["IRN"]
    assert [row.name for row in answer_question(kg, "which officials represent Kazakhstan").rows] == [
        "Askhat Orazbay"
    ]
    assert [row.name for row in answer_question(kg, "which ports are mentioned for Kazakhstan").rows] == [
        "Aktau"
    ]
    assert [row.value for row in answer_question(kg, "how much does Iran trade with Kazakhstan").rows] == [
        3e8
    ]
    assert len(answer_question(kg, "evidence for Kazakhstan exports to Iran").rows) == 3


def test_an_answerless_question_says_so(kg):
    result = answer_question(kg, "what does Peru export to Iran")
    assert result.rows == []
    assert result.message == "No exports from Peru to Iran in the graph."
    assert answer_question(kg, "what did Kazakhstan sell to Iran since 2021").message == (
        "No actual exports from Kazakhstan to Iran in the graph since 2021."
    )
    assert answer_question(kg, "regions of Iran").message == "No regions of Iran in the graph."


def test_filters_given_by_the_caller_override_the_question(kg):
    result = answer_question(kg, "what does Kazakhstan export to Iran", modality="potential")
    assert [row.commodity for row in result.rows] == ["metals"]
    assert answer_question(kg, parse_question("what does Kazakhstan export"), until="2019").rows == []


# ------------------------------------------------------------------ the forms people type, on both back ends


@pytest.fixture(scope="module", params=["file", "store"])
def qg(request, tmp_path_factory: pytest.TempPathFactory) -> TradeGraph:
    """The question graph (tests/question_graph.py) from a graph file and from a store."""
    graphs = question_graph.graphs(tmp_path_factory.mktemp("questions"))
    return graphs[request.param]


def rows(kg: TradeGraph, question: str, field: str) -> list:
    return [getattr(row, field) for row in answer_question(kg, question).rows]


# (question, answer field, the answer): each shape in several variations (countries, goods, tense, voice).
FORMS_PEOPLE_TYPE = [
    # Abbreviations whose final full stop the question's end takes.
    ("what does Mexico export to the U.S.", "commodity", ["cars", "avocados"]),
    ("what does Mexico export to the U.S.A.", "commodity", ["cars", "avocados"]),
    ("What does Mexico sell to the US?", "commodity", ["cars", "avocados"]),
    ("Mexican exports to the United States", "commodity", ["cars", "avocados"]),
    # A country with its trade noun, with or without a possessive, a partner, a demonym.
    ("Kazakhstan exports", "commodity", ["wheat", "barley"]),
    ("Kazakhstan exports to Iran", "commodity", ["wheat", "barley"]),
    ("Kazakh exports to Iran", "commodity", ["wheat", "barley"]),
    ("Iranian exports", "commodity", ["pistachios"]),
    ("Saudi Arabian exports", "commodity", ["crude oil", "crude oil"]),
    ("Saudi Arabia's sales to India", "commodity", ["crude oil"]),
    ("China imports", "exporter", ["BRA", "BRA", "IDN", "SAU"]),
    ("Japanese imports", "exporter", ["IDN", "AUS"]),
    ("India's imports from Saudi Arabia", "commodity", ["crude oil"]),
    ("exports of iron ore from Brazil", "commodity", ["iron ore"]),
    ("coal exports from Indonesia to Japan", "importer", ["JPN"]),
    ("imports of coal into Japan", "exporter", ["IDN", "AUS"]),
    ("exports of coffee", "exporter", ["BRA"]),
    # Ranked: by the value stated (soybeans, $20.5 billion) before mentions (iron ore, twice).
    ("what is Brazil's biggest export", "commodity", ["soybeans", "iron ore", "coffee"]),
    ("what are Brazil's main exports", "commodity", ["soybeans", "iron ore", "coffee"]),
    ("what is the largest export of Brazil", "commodity", ["soybeans", "iron ore", "coffee"]),
    ("what does Brazil export", "commodity", ["iron ore", "soybeans", "coffee"]),  # unranked: by mentions
    # Goods and their traders.
    ("soybean exporters", "exporter", ["BRA"]),
    ("coal exporters", "exporter", ["IDN", "IDN", "IDN", "AUS"]),
    ("coal exporters to Japan", "exporter", ["IDN", "AUS"]),
    ("coal suppliers of Japan", None, None),  # near-miss: "of Japan" is no form, see below
    ("top 1 coal exporters", "exporter", ["IDN", "IDN", "IDN"]),
    ("which country exports the most coal", "exporter", ["IDN", "IDN", "IDN", "AUS"]),
    ("who are the main buyers of coal", "importer", ["JPN", "JPN", "IND", "CHN"]),
    ("tea importers", "importer", ["EGY"]),
    ("coffee exports", "importer", ["DEU"]),
    ("crude oil buyers", "importer", ["CHN", "IND"]),
    ("which commodities does Brazil export", "commodity", ["iron ore", "soybeans", "coffee"]),
    ("what goods did Kenya sell to Egypt", "commodity", ["tea"]),
    ("which products does Japan import", "commodity", ["coal", "coal"]),
    # Yes/no and how much: one good between two countries.
    ("does Kazakhstan export wheat to Iran", "commodity", ["wheat"]),
    ("did Brazil sell coffee to Germany", "commodity", ["coffee"]),
    ("does Iran buy barley from Kazakhstan", "commodity", ["barley"]),
    ("does Kazakhstan export coal to Iran", "commodity", []),
    (
        "how much wheat does Kazakhstan export to Iran",
        "quantities",
        [[{"value": 500000.0, "unit": "tonne", "text": "500,000 tonnes"}]],
    ),
    ("how much soybeans did Brazil ship to China", "commodity", ["soybeans"]),
    # Two countries' trade.
    ("Kazakhstan Iran trade", "value", [3e8]),
    ("Iran-Kazakhstan trade", "value", [3e8]),
    ("Kazakhstan and Iran trade turnover", "value", [3e8]),
    # Places.
    ("Brazilian ports", "name", ["Santos", "Paranagua", "Rio Grande"]),
    ("Brazil's ports", "name", ["Santos", "Paranagua", "Rio Grande"]),
    ("which ports handle Brazil's soybeans", "name", ["Santos", "Paranagua"]),
    ("which ports handle coffee from Brazil", "name", ["Rio Grande"]),
    ("which ports ship iron ore to China", "name", []),  # Brazil's ports are not China's
    # Officials: only those whose country is the one asked about.
    ("officials of Kenya", "name", ["William Ruto", "Uhuru Kenyatta", "Rigathi Gachagua"]),
    ("Kenyan officials", "name", ["William Ruto", "Uhuru Kenyatta", "Rigathi Gachagua"]),
    ("Egyptian officials", "name", ["Abdel Fattah El-Sisi", "Tarek El Molla"]),
    ("officials of Egypt", "name", ["Abdel Fattah El-Sisi", "Tarek El Molla"]),
    ("who is the president of Kenya", "name", ["William Ruto"]),
    ("who is Kenya's president", "name", ["William Ruto"]),
    ("who was the president of Kenya", "name", ["William Ruto", "Uhuru Kenyatta"]),
    ("who is the deputy president of Kenya", "name", ["Rigathi Gachagua"]),
    ("who is the president of Egypt", "name", ["Abdel Fattah El-Sisi"]),
    ("who are the ministers of Egypt", "name", ["Tarek El Molla"]),
    ("who is the prime minister of Kenya", "name", []),
    ("officials of Kenya and their meetings", "met", [["Abdel Fattah El-Sisi"], [], []]),
    ("Egyptian officials and whom they met", "met", [["William Ruto"], []]),
]


@pytest.mark.parametrize(("question", "field", "expected"), [case for case in FORMS_PEOPLE_TYPE if case[1]])
def test_forms_people_type_are_answered_from_either_back_end(qg, question, field, expected):
    answer = rows(qg, question, field)
    if field == "quantities":
        answer = [[quantity.model_dump() for quantity in quantities] for quantities in answer]
    assert answer == expected


def test_an_empty_answer_names_what_was_asked(qg):
    assert answer_question(qg, "does Kazakhstan export coal to Iran").message == (
        "No exports of coal from Kazakhstan to Iran in the graph."
    )
    assert answer_question(qg, "who is the prime minister of Kenya").message == (
        "No serving prime minister of Kenya in the graph."
    )
    assert answer_question(qg, "trade between Brazil and China").message == (
        'No trade values for Brazil and China in the graph. It has 2 trade flows between them: ask "what does '
        'Brazil export to China".'
    )


def test_an_official_serves_the_country_most_mentions_state(qg):
    # Two articles state Egypt, one (read first) Kenya: not one of Kenya's officials.
    assert qg.served_country("official:abdel-fattah-el-sisi") == "EGY"
    assert "Abdel Fattah El-Sisi" not in [row.name for row in qg.officials("Kenya")]
    assert "Abdel Fattah El-Sisi" in [row.name for row in qg.officials("Egypt")]


@pytest.mark.parametrize(
    ("title", "role", "holds"),
    [
        ("President", "president", True),
        ("Egyptian President", "president", True),
        ("former President", "president", True),
        ("Vice President", "president", False),
        ("Vice-President", "president", False),
        ("Deputy President", "president", False),
        ("Deputy President", "deputy president", True),
        ("Minister of Petroleum", "ministers", True),
        ("Deputy Minister of Trade", "minister", False),
        ("Prime Minister", "prime minister", True),
        ("Chamber of Commerce President", "prime minister", False),
        (None, "president", False),
    ],
)
def test_holds_office(title, role, holds):
    assert holds_office(title, role) is holds


@pytest.mark.parametrize(
    ("question", "did_you_mean"),
    [
        ("what does Kazahkstan export", ["Kazakhstan"]),
        ("Brasil exports", ["Brazil"]),
        ("what does Chian import", ["China"]),
        ("Indonesa coal exports", ["Indonesia"]),
        ("who exports wheat to Kazkhstan", ["Kazakhstan"]),
        ("officials of Keniya", ["Kenya"]),
        ("what does Narnia export", []),  # nothing close: no guess
        ("Narnia Iran trade", []),
    ],
)
def test_a_misspelt_country_gets_a_did_you_mean(question, did_you_mean):
    with pytest.raises(UnknownCountryError) as error:
        parse_question(question)
    assert error.value.did_you_mean == did_you_mean
    if did_you_mean:
        assert f"did you mean {did_you_mean[0]}?" in str(error.value)
    else:
        assert "did you mean" not in str(error.value)


@pytest.mark.parametrize(
    "question",
    [
        "what is Brazil's biggest export",  # once "unknown country: \"Brazil's biggest\""
        "what are the top exports of China",
        "which ports handle Brazil's soybeans",
        "who exports equipment to process meat",  # goods with "to" in them stay goods
    ],
)
def test_questions_that_once_named_a_phrase_as_an_unknown_country(question):
    assert parse_question(question).intent


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Brazil soy shipments China", ["Brazil", "China"]),
        ("what Mexico send United States", ["Mexico", "United States"]),
        ("Kenya tea situation", ["Kenya"]),
    ],
)
def test_suggestions_quote_the_users_own_countries_and_goods(question, names):
    with pytest.raises(QueryParseError) as error:
        parse_question(question)
    suggestions = error.value.suggestions
    assert len(suggestions) == 3
    assert all(any(name in suggestion for name in names) for suggestion in suggestions), suggestions
    assert not any("Kazakhstan" in suggestion or "Iran" in suggestion for suggestion in suggestions)
    for suggestion in suggestions:  # and each suggestion is itself a question the grammar reads
        parse_question(suggestion)


@pytest.mark.parametrize(
    ("question", "rank", "limit"),
    [
        ("top coal exporters", True, None),
        ("top 3 exporters of wheat", True, 3),
        ("5 biggest buyers of coal", True, 5),
        ("what are Japan's main imports", True, None),
        ("who exports the most coal", True, None),
        ("who exports coal", False, None),
    ],
)
def test_ranking_words_are_read(question, rank, limit):
    parsed = parse_question(question)
    assert (parsed.rank, parsed.limit) == (rank, limit)


def test_rank_rows_orders_groups_by_stated_value_then_mentions():
    def answer(commodity, mentions, usd=None):
        values = (
            [TradeValue(reporter="BRA", partner="CHN", flow="exports", value=usd, currency="USD")]
            if usd
            else []
        )
        return FlowAnswer(
            exporter="BRA", exporter_name="Brazil", importer="CHN", importer_name="China", commodity=commodity,
            modality="actual", mentions=mentions, values=values,
        )  # fmt: skip

    flows = [answer("iron ore", 3), answer("beef", 1), answer("soybeans", 1, 2e10), answer("beef", 1)]
    assert [row.commodity for row in rank_rows("exports", flows)] == ["soybeans", "iron ore", "beef", "beef"]
    assert [row.commodity for row in rank_rows("exports", flows, limit=2)] == ["soybeans", "iron ore"]


@pytest.mark.parametrize(
    "question",
    [
        "what does Kazakhstan send Iran",  # no form: a parse error, not an unknown country
        "how tall is Everest",
        "coal suppliers of Japan",
    ],
)
def test_near_misses_are_parse_errors(question):
    with pytest.raises(QueryParseError):
        parse_question(question)
