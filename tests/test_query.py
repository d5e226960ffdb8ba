"""Questions in plain English: every grammar form, slots and filters, parse errors, and answers on a graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradegraph.graph import TradeGraph, UnknownCountryError
from tradegraph.models import Commodity, Evidence, Extraction, Location, Official, TradeFlow, TradeValue
from tradegraph.query import FORMS, QueryParseError, answer_question, grammar_markdown, parse_question

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
