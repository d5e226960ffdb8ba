"""Goods that are goods, directions that hold, amounts from the values component, trade words as written.

Sentences written for these tests. Flows are (exporter, importer, commodity, modality, negated).
"""

from __future__ import annotations

import pytest
from flow_helpers import stated_flows as flows

from tradegraph.components.commodities import goods_heads
from tradegraph.extract import extract_text
from tradegraph.normalize import normalize_commodity


def names(text: str) -> set[str]:
    return {f.commodity.name for f in extract_text(text, doc_id="case").trade_flows}


# -- a commodity is a noun phrase whose head is a goods word: trimmed of units, amounts, participles ---------
TRIMMED = [
    # units and amounts in front (read from the values component's spans)
    ("Peru will ship 2m tons of copper ore to China.", "copper ore"),
    ("Ukraine sold 1.5 mln tonnes of sunflower oil to India.", "sunflower oil"),
    ("Georgia sends 40 gigawatt-hours of electricity to Turkey.", "electricity"),
    ("Laos exported 3.2 kilowatt-hours of power to Thailand.", "power"),
    ("Chile exported $400 million worth of cherries to China.", "cherries"),
    ("Russia supplied 1.7 million barrels per day of crude oil to India.", "crude oil"),
    # a trade noun or a vague noun in front: "export of grain", "shipments of gas"
    ("Kenya expanded the export of tea to Pakistan.", "tea"),
    ("Kazakhstan and Iran trade. Iran was a market for export of Kazakh grain.", "grain"),
    ("Norway increased supplies of gas to Germany.", "gas"),
    # participles and adverbs after the head
    ("Turkey exports tomatoes grown in greenhouses to Russia.", "tomatoes"),
    ("Spain exports lemons produced in Murcia to France.", "lemons"),
    ("Morocco exports one million tonnes of citrus annually to Russia.", "citrus"),
    ("Egypt sells oranges regularly to Saudi Arabia.", "oranges"),
]


@pytest.mark.parametrize(("text", "commodity"), TRIMMED)
def test_goods_are_trimmed_to_the_commodity(text: str, commodity: str) -> None:
    assert names(text) == {commodity}


NOT_GOODS = [
    # the head is no goods word: nothing of it is a commodity
    "Brazil exports to China along with Argentina.",
    "Peru is ready to export to Japan.",
    "Kenya is making exports to Uganda easier.",
    "Vietnam exported to Japan last year, and the year before.",
    "Chile imports from Peru in return.",
    "Ghana supplies Togo with the process of clearing customs.",
    "Germany was the leading exporting country ahead of China.",
    "Nepal supplies India with hydropower know-how and expertise.",
]


@pytest.mark.parametrize("text", NOT_GOODS)
def test_phrases_without_a_goods_head_are_no_goods(text: str) -> None:
    assert flows(text) == set()


def test_goods_heads_come_from_the_gazetteer_and_the_goods_lexicon() -> None:
    heads = goods_heads()
    assert {"wheat", "oil", "machinery", "fruit", "electricity", "eggplant", "handicraft"} <= heads
    assert not {"along", "ready", "making", "return", "process", "last", "country"} & heads


def test_what_an_amount_measures_is_goods_even_with_an_unlisted_name() -> None:
    # "tablets of X" measures X: a drug name no lexicon lists is still the commodity
    assert flows("India gifted 200,000 tablets of azithromycin to Nepal.") == {("IND", "NPL", "azithromycin")}


def test_adjectives_before_a_shared_head_take_it() -> None:
    assert names("Uzbekistan supplies Afghanistan with electrical, chemical and textile products.") == {
        "electrical products",
        "chemical products",
        "textile products",
    }


def test_the_quantity_is_the_values_components_reading() -> None:
    (flow,) = extract_text("Egypt bought 240,000 tonnes of Russian wheat.", doc_id="q").trade_flows
    assert (flow.exporter, flow.importer, flow.commodity.name) == ("RUS", "EGY", "wheat")
    assert flow.quantity is not None
    assert (flow.quantity.value, flow.quantity.unit, flow.quantity.text) == (
        240000.0,
        "tonnes",
        "240,000 tonnes",
    )


# -- direction: an importer as the subject, goods in exchange ------------------------------------------------
DIRECTIONS = [
    ("Japan imported 40 million barrels of crude oil from Kuwait.", {("KWT", "JPN", "crude oil")}),
    ("India bought 3 million tonnes of coal from Indonesia in March.", {("IDN", "IND", "coal")}),
    ("Last year Egypt was importing most of its wheat from Russia.", {("RUS", "EGY", "wheat")}),
    (
        "The Philippines purchases rice from Vietnam and Thailand.",
        {("VNM", "PHL", "rice"), ("THA", "PHL", "rice")},
    ),
    (
        "Iran sells gas to Turkey and buys wheat from Russia.",
        {("IRN", "TUR", "gas"), ("RUS", "IRN", "wheat")},
    ),
    (
        "Tajikistan exports aluminium to Turkey and imports garments from Turkey.",
        {("TJK", "TUR", "aluminium"), ("TUR", "TJK", "garments")},
    ),
    (
        "Argentina will sell beef to Israel in exchange for drip irrigation equipment.",
        {("ARG", "ISR", "beef"), ("ISR", "ARG", "drip irrigation equipment")},
    ),
    # a port named after "port of" stands for its country; a demonym in the port's name does not
    (
        "South Africa exported citrus to Japan from the Indian Ocean port of Durban.",
        {("ZAF", "JPN", "citrus")},
    ),
    ("Egypt bought wheat from the Black Sea port of Novorossiysk.", {("RUS", "EGY", "wheat")}),
    (
        "Myanmar receives diesel from Thailand in exchange for natural gas.",
        {("THA", "MMR", "diesel"), ("MMR", "THA", "natural gas")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), DIRECTIONS, ids=[d[0][:40] for d in DIRECTIONS])
def test_directions(text: str, expected: set) -> None:
    expected = {(e, i, normalize_commodity(c)) for e, i, c in expected}
    assert flows(text) == expected


# -- trade words as written: hyphenated and prefixed words are one word (issue 12's crash) -------------------
HYPHENATED = [
    ("Turkey imports raw sugar for re-exports to Syria.", None),
    ("Singapore re-exports electronics to Malaysia.", {("SGP", "MYS", "electronics")}),
    ("Dubai handles re-exports of gold to India.", {("ARE", "IND", "gold")}),
    ("Hong Kong re-exported machinery to Vietnam.", {("HKG", "VNM", "machinery")}),
    ("Re-exports of fertilizer to Kenya rose, Tanzania said.", None),
]


@pytest.mark.parametrize(("text", "expected"), HYPHENATED, ids=[h[0][:40] for h in HYPHENATED])
def test_hyphenated_trade_words_are_one_word(text: str, expected: set | None) -> None:
    found = flows(text)  # must not raise
    if expected is not None:
        assert found == {(e, i, normalize_commodity(c)) for e, i, c in expected}
    assert all("re" not in name.split() for _, _, name in found)


def test_a_trade_word_split_by_the_tokenizer_is_found_with_its_written_form() -> None:
    from tradegraph.pipeline import get_pipeline

    nlp = get_pipeline()
    doc = nlp("Singapore re-exports electronics to Malaysia.")
    (span,) = doc.spans["trade_triggers"]
    assert span.text == "re-exports" and span.label_ == "export verb"
    assert [t._.trade_word for t in doc] == ["", "export verb", "export verb", "export verb", "", "", "", ""]


# -- the Doc contract ----------------------------------------------------------------------------------------
def test_flows_declare_what_they_read_and_write_and_earlier_components_provide_it() -> None:
    from tradegraph.pipeline import build_pipeline

    nlp = build_pipeline()
    analysis = nlp.analyze_pipes()
    summary = analysis["summary"]["tg_flows"]
    assert {"doc._.trade_flows", "doc.spans", "token._.trade_word", "token._.party"} <= set(
        summary["assigns"]
    )
    assert "doc._.quantities" in summary["requires"]
    assert "doc._.quantities" in analysis["summary"]["tg_values"]["assigns"]
    assert analysis["problems"]["tg_flows"] == []


# -- lists before a passive, and country lists after adjectives ---------------------------------------------
LISTS = [
    (
        "Dairy products and eggs can be exported to Iraq from Turkey.",
        {("TUR", "IRQ", "dairy products"), ("TUR", "IRQ", "eggs")},
    ),
    (
        "Cotton, silk as well as wool are shipped from Uzbekistan to Latvia.",
        {("UZB", "LVA", "cotton"), ("UZB", "LVA", "silk"), ("UZB", "LVA", "wool")},
    ),
    (
        "Sri Lankan tea is exported to Oman, as well as to some Asian countries and Jordan.",
        {("LKA", "OMN", "tea"), ("LKA", "JOR", "tea")},
    ),
    ("The first time coal has been imported from Colombia to Poland.", {("COL", "POL", "coal")}),
]


@pytest.mark.parametrize(("text", "expected"), LISTS, ids=[x[0][:40] for x in LISTS])
def test_lists_before_passives_and_after_adjectives(text: str, expected: set) -> None:
    assert flows(text) == {(e, i, normalize_commodity(c)) for e, i, c in expected}
