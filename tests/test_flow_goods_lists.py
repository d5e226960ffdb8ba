"""How a goods list is read and each item accepted: amounts in front of the goods, hyphenated names,
lists written in groups, line items with their amounts, examples after a hypernym, reduced relatives, and
goods nouns derived from the HS nomenclature.

Sentences written for these tests. Flows are (exporter, importer, commodity) with the commodity normalised.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flow_helpers import normal
from flow_helpers import stated_flows as flows

from tradegraph.components.commodities import goods_heads
from tradegraph.extract import extract_text
from tradegraph.normalize import normalize_commodity, singularize
from tradegraph.rules import load_words

ROOT = Path(__file__).resolve().parent.parent


def goods(text: str) -> set[str]:
    return {normalize_commodity(f.commodity.name) for f in extract_text(text, doc_id="case").trade_flows}


# -- an amount between the trade verb and its goods: hedges, shares, "of its" ------------------------------
AMOUNT_LEADS = [
    ("Brazil shipped over 2 million tonnes of soybeans to China.", {("BRA", "CHN", "soybean")}),
    ("Vietnam sold more than 300,000 tonnes of rice to the Philippines.", {("VNM", "PHL", "rice")}),
    ("Canada exported 40 per cent more wheat to Algeria last year.", {("CAN", "DZA", "wheat")}),
    ("Egypt buys about 60 percent of its wheat from Russia.", {("RUS", "EGY", "wheat")}),
    ("Moldova imports nearly 90 percent of the gas it uses from Romania.", {("ROU", "MDA", "gas")}),
    ("Norway will deliver up to 5 billion cubic metres of gas to Poland.", {("NOR", "POL", "gas")}),
]


@pytest.mark.parametrize(("text", "expected"), AMOUNT_LEADS, ids=[x[0][:40] for x in AMOUNT_LEADS])
def test_goods_after_an_amount_in_front(text: str, expected: set) -> None:
    assert flows(text) == normal(expected)


def test_an_amount_without_goods_gives_nothing() -> None:
    assert flows("Kenya exported 20 per cent more to Uganda this year.") == set()
    assert flows("Peru sold over 3 million tonnes to China.") == set()


# -- a hyphenated name whose parts are function words: "ready-made", "ready-to-eat" ---------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bangladesh exports ready-made garments to Germany.", {("BGD", "DEU", "ready made garment")}),
        ("Thailand sold ready-to-eat meals to Japan.", {("THA", "JPN", "ready to eat meal")}),
        ("Kenya imported made-up textile articles from India.", {("IND", "KEN", "made up textile article")}),
    ],
)
def test_hyphenated_names_with_function_words(text: str, expected: set) -> None:
    assert flows(text) == normal(expected)


# -- a list written in groups separated by semicolons -------------------------------------------------------
def test_a_list_in_semicolon_groups_is_one_list() -> None:
    text = "Turkey supplies Iraq with flour and sugar; trucks and buses; cement."
    assert goods(text) == normal({"flour", "sugar", "trucks", "buses", "cement"})
    text = (
        "India shipped 4,000 tonnes of mangoes; 2,000 tonnes of bananas; and 500 tonnes of cashew nuts "
        "to Japan."
    )
    assert flows(text) == normal(
        {("IND", "JPN", "mangoes"), ("IND", "JPN", "bananas"), ("IND", "JPN", "cashew nuts")}
    )


def test_each_group_shares_its_own_head() -> None:
    text = "Egypt supplies Sudan with chemical, textile and food products; pipes and cables; fertilizers."
    assert goods(text) == normal(
        {"chemical product", "textile product", "food product", "pipe", "cable", "fertilizer"}
    )


@pytest.mark.parametrize(
    "text",
    [
        "Chile exports copper to China; lithium goes to Korea.",
        "Kenya exports tea to Egypt; imports of sugar from Uganda were banned.",
        "Peru sells zinc to Japan; the minister said prices rose.",
    ],
)
def test_a_semicolon_before_a_new_clause_ends_the_list(text: str) -> None:
    first = flows(text)
    assert first and all(c in {"copper", "tea", "zinc"} for _, _, c in first)


# -- line items with their amounts: in brackets, after a dash, "to the value of" ----------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kazakhstan's exports to China consist of copper ore – $1.6 billion (31.7%), natural gas – "
            "$1.3 billion (26.6%), zinc – $156 million.",
            {"copper ore", "natural gas", "zinc"},
        ),
        (
            "Peru's main exports to Korea were copper - 45%, zinc - 20% and fish meal - 10%.",
            {"copper", "zinc", "fish meal"},
        ),
        (
            "Chile exported copper ($12 billion), lithium ($3 billion) and cherries ($1.5 billion) to China.",
            {"copper", "lithium", "cherry"},
        ),
        (
            "France exported aircraft to the value of 9 billion euros to India (+12%), wine to the value of "
            "2 billion euros (+3%) and cheese.",
            {"aircraft", "wine", "cheese"},
        ),
    ],
)
def test_line_items_are_cut_before_their_amounts(text: str, expected: set) -> None:
    assert goods(text) == normal(expected)


def test_a_hyphenated_unit_is_no_dash_before_an_amount() -> None:
    assert flows("Laos sells 3.2 kilowatt-hours of electricity to Cambodia.") == normal(
        {("LAO", "KHM", "electricity")}
    )


# -- examples after a hypernym replace it, but the items before it stay --------------------------------------
def test_items_before_a_hypernym_with_examples_stay() -> None:
    text = "Iran exported steel rods, farm produce such as apples and potatoes, and carpets to Iraq."
    assert goods(text) == normal({"steel rods", "apples", "potatoes", "carpets"})
    text = "Spain sells olive oil, fruits such as oranges and lemons, and wine to Britain."
    assert goods(text) == normal({"olive oil", "orange", "lemon", "wine"})


# -- a reduced relative ends its item, not the list ---------------------------------------------------------
def test_a_reduced_relative_ends_only_its_item() -> None:
    text = "Italy exported shoes made of leather ($2 billion), furniture and tiles to Russia."
    assert goods(text) == normal({"shoe", "furniture", "tile"})
    text = "Vietnam sells garments made from cotton, coffee and rice to Japan."
    assert goods(text) == normal({"garment", "coffee", "rice"})


# -- goods nouns from the HS nomenclature --------------------------------------------------------------------
def test_goods_nouns_derived_from_hs_descriptions() -> None:
    derived = load_words("words/hs_goods_nouns.txt")
    heads = goods_heads()
    # kinds of goods HS headings lead with, which no gazetteer term ends in
    for word in ("jar", "hosiery", "glove", "apparatus", "pullover"):
        assert word in derived and word in heads
    # excluded by scripts/curated/hs_non_goods.tsv or by the build's filters (adjective, gerund)
    for word in ("cabinet", "cap", "shell", "hand", "weight", "edible", "printing"):
        assert word not in derived


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Portugal exported glass jars to Angola.", {("PRT", "AGO", "glass jar")}),
        ("Sri Lanka sells rubber gloves to Germany.", {("LKA", "DEU", "rubber glove")}),
        (
            "China shipped hosiery and pullovers to Kazakhstan.",
            {("CHN", "KAZ", "hosiery"), ("CHN", "KAZ", "pullover")},
        ),
    ],
)
def test_goods_named_by_a_derived_head(text: str, expected: set) -> None:
    assert flows(text) == normal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Japan exports to Korea fell under the new cabinet.",
        "Oman imports from India rose, the minister's hand strengthened.",
    ],
)
def test_excluded_hs_words_are_no_goods(text: str) -> None:
    assert flows(text) == set()


def test_the_curated_exclusions_are_words_of_the_build() -> None:
    """Every excluded word names itself once, sorted, and none is in the generated list."""
    rows = [
        line.strip()
        for line in (ROOT / "scripts" / "curated" / "hs_non_goods.tsv").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ][1:]
    assert rows == sorted(set(rows))
    assert not set(rows) & set(load_words("words/hs_goods_nouns.txt"))


# -- words of transport: a load in transit names only the destination written with it -------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trucks carrying Kazakh wheat through Uzbekistan to Afghanistan crossed the border.",
            {("KAZ", "AFG", "wheat")},
        ),
        ("Vessels carrying Russian oil sailed through Egypt to India.", {("RUS", "IND", "oil")}),
        (
            "Seaborne transport carried 130,000 tonnes of cement from Iran to Russia.",
            {("IRN", "RUS", "cement")},
        ),
        # a load whose destination is not named: no flow, even in an article about two countries
        (
            "The ships carrying Ukrainian corn entered the territorial waters of Turkey. Ukraine and Turkey met.",
            set(),
        ),
        (
            "Lorries carrying Polish apples queued at the border with Belarus. Poland and Belarus talked.",
            set(),
        ),
    ],
)
def test_a_load_in_transit_goes_only_where_the_text_says(text: str, expected: set) -> None:
    assert flows(text) == normal(expected)


# -- words of transit: the transit country is no party; the goods' origin or a "from" country exports them ----
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran transits Turkmen gas to Turkey.", {("TKM", "TUR", "gas")}),
        ("Kazakhstan transited 2 million tonnes of Russian grain to Uzbekistan.", {("RUS", "UZB", "grain")}),
        ("Georgia transits oil from Azerbaijan to Turkey.", {("AZE", "TUR", "oil")}),
        ("Russian grain is transited through Kazakhstan to China.", {("RUS", "CHN", "grain")}),
        ("Armenia is considering transiting Turkmen gas to Georgia.", {("TKM", "GEO", "gas")}),
        # no origin named: the transit country does not become the exporter
        ("Iran transits gas to Turkey.", set()),
        ("Uzbekistan will transit Kazakh goods to Afghanistan.", set()),  # vague goods
    ],
)
def test_a_transit_country_is_no_exporter(text: str, expected: set) -> None:
    assert flows(text) == normal(expected)


def test_a_verb_and_its_object_end_the_goods_list() -> None:
    text = "Ships carrying Ukrainian corn and sunflower oil entered the port of Istanbul and sailed to Egypt."
    assert goods(text) == normal({"corn", "sunflower oil"})


# -- an unknown head in a strong goods slot: the whole object of a trade word, a country right after --------
UNKNOWN_GOODS = [
    ("Kenya imported gizmos from China.", {("CHN", "KEN", "gizmos")}),
    ("Poland exported e-bikes to Germany.", {("POL", "DEU", "e-bikes")}),
    ("China's exports of hoverboards to Britain doubled.", {("CHN", "GBR", "hoverboards")}),
    ("Canada will export snowboards to Japan.", {("CAN", "JPN", "snowboards")}),
    ("India's imports of trampolines from China rose.", {("CHN", "IND", "trampolines")}),
]


@pytest.mark.parametrize(("text", "expected"), UNKNOWN_GOODS, ids=[x[0][:40] for x in UNKNOWN_GOODS])
def test_an_unknown_plural_noun_in_a_strong_goods_slot_is_goods(text: str, expected: set) -> None:
    (commodity,) = {item[2] for item in expected}
    assert singularize(commodity) not in goods_heads()  # the fallback reads it, not the lexicon
    assert flows(text) == normal(expected)


NOT_UNKNOWN_GOODS = [
    "Kenya and China discussed gizmos.",  # no trade word
    "China exported hoverboards.",  # no country after the phrase
    "Kenya's exports of gizmos to China's largest retailers rose.",  # a possessive: not the party
    "Kenya imported cheap Chinese plastic gizmos for children from China.",  # a long phrase, not the slot
    "The United States imported inflation from China.",  # an abstract noun
    "Germany exported protectionism to France.",
    "India imported talent from Nepal.",  # singular: a mass of something, as often abstract
    "Kenya's exports of concern to Uganda rose.",
    "Cuba exported doctors to Brazil.",  # people
]


@pytest.mark.parametrize("text", NOT_UNKNOWN_GOODS, ids=[x[:40] for x in NOT_UNKNOWN_GOODS])
def test_an_unknown_word_outside_the_strong_slot_or_not_a_thing_is_no_goods(text: str) -> None:
    assert flows(text) == set()


# -- a bare form of a material after a form named with its material takes the material ---------------------
MATERIAL_FORMS = [
    ("Chile exported copper ore and concentrates to China.", {"copper ore", "copper concentrates"}),
    ("Ukraine shipped steel pipes and tubes to Poland.", {"steel pipes", "steel tubes"}),
    (
        "Russia sells aluminium ingots, billets and wire to Turkey.",
        {"aluminium ingots", "aluminium billets", "aluminium wire"},
    ),
    ("Uzbekistan will export cotton yarn and fabrics to Russia.", {"cotton yarn", "cotton fabrics"}),
    ("Copper cathodes and wire were imported by China from Chile.", {"copper cathodes", "copper wire"}),
]


@pytest.mark.parametrize(("text", "expected"), MATERIAL_FORMS, ids=[x[0][:40] for x in MATERIAL_FORMS])
def test_a_bare_form_takes_the_material_of_the_form_before_it(text: str, expected: set) -> None:
    assert goods(text) == normal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kazakhstan exported iron ore and coal to China.", {"iron ore", "coal"}),  # coal is no form
        ("Brazil exported soybeans and concentrates to China.", {"soybeans", "concentrates"}),  # no material
        (
            "Peru sold copper ore and 2 Mt of concentrates to Japan.",
            {"copper ore", "concentrates"},
        ),  # own amount
    ],
)
def test_a_form_keeps_its_own_name_when_nothing_is_shared(text: str, expected: set) -> None:
    assert goods(text) == normal(expected)
