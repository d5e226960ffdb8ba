"""Trade flows from the sentence shapes news uses: who sends what to whom, how sure, and what is no flow.

Each case is a short text and the exact set of flows it states, as (exporter, importer, commodity, modality,
negated). Commodities are compared the way gold annotations are scored: lower case, hedges and determiners
dropped, each word singularised.
"""

from __future__ import annotations

import pytest

from tradegraph.extract import extract_text
from tradegraph.normalize import normalize_commodity as commodity_key


def flows(text: str) -> set[tuple[str, str, str, str, bool]]:
    extraction = extract_text(text, doc_id="case")
    return {
        (f.exporter, f.importer, commodity_key(f.commodity.name), f.modality, f.negated)
        for f in extraction.trade_flows
    }


def expect(*rows: tuple) -> set[tuple[str, str, str, str, bool]]:
    """Rows of (exporter, importer, commodity[, modality[, negated]]); by default actual and not negated."""
    out = set()
    for row in rows:
        exporter, importer, commodity, *rest = row
        modality = rest[0] if rest else "actual"
        negated = rest[1] if len(rest) > 1 else False
        out.add((exporter, importer, commodity_key(commodity), modality, negated))
    return out


def check(text: str, expected: set) -> None:
    found = flows(text)
    assert found == expected, (
        f"\n  text:     {text!r}"
        f"\n  missing:  {sorted(expected - found)}"
        f"\n  spurious: {sorted(found - expected)}"
    )


# -- X exports/supplies/ships/sells A to Y; Y imports/buys/receives A from X ---------------------------------
VERB_CASES = [
    ("Vietnam exports rice to the Philippines.", expect(("VNM", "PHL", "rice"))),
    ("Norway supplies salmon to Japan.", expect(("NOR", "JPN", "salmon"))),
    ("Chile ships copper to South Korea.", expect(("CHL", "KOR", "copper"))),
    ("Ecuador sells bananas to Russia every year.", expect(("ECU", "RUS", "bananas"))),
    ("Egypt imports wheat from Romania.", expect(("ROU", "EGY", "wheat"))),
    ("Bangladesh buys cotton from Uzbekistan.", expect(("UZB", "BGD", "cotton"))),
    ("Armenia receives natural gas from Russia.", expect(("RUS", "ARM", "natural gas"))),
    ("Last year Ghana exported cocoa beans to the Netherlands.", expect(("GHA", "NLD", "cocoa beans"))),
    ("Morocco imported sugar from Brazil in 2019.", expect(("BRA", "MAR", "sugar"))),
]


@pytest.mark.parametrize(("text", "expected"), VERB_CASES, ids=[c[0][:40] for c in VERB_CASES])
def test_verb_with_to_and_from(text: str, expected: set) -> None:
    check(text, expected)


# -- one flow per list item ----------------------------------------------------------------------------------
LIST_CASES = [
    (
        "Sri Lanka exports tea, rubber and coconuts to Iraq.",
        expect(("LKA", "IRQ", "tea"), ("LKA", "IRQ", "rubber"), ("LKA", "IRQ", "coconuts")),
    ),
    (
        "Belarus supplies tractors, potatoes as well as dairy products to Mongolia.",
        expect(("BLR", "MNG", "tractors"), ("BLR", "MNG", "potatoes"), ("BLR", "MNG", "dairy products")),
    ),
    (
        "Kenya exports many goods to Uganda, including tea, coffee and sugar.",
        expect(("KEN", "UGA", "tea"), ("KEN", "UGA", "coffee"), ("KEN", "UGA", "sugar")),
    ),
    (
        "Thailand exports agricultural products such as rice and rubber to Malaysia.",
        expect(("THA", "MYS", "rice"), ("THA", "MYS", "rubber")),
    ),
    (
        "Azerbaijan exports mainly crude oil and cotton to Italy.",
        expect(("AZE", "ITA", "crude oil"), ("AZE", "ITA", "cotton")),
    ),
    (
        "Tajikistan exports fresh and dried fruits to Latvia.",
        expect(("TJK", "LVA", "fresh and dried fruits")),
    ),
]


@pytest.mark.parametrize(("text", "expected"), LIST_CASES, ids=[c[0][:40] for c in LIST_CASES])
def test_lists_give_one_flow_per_item(text: str, expected: set) -> None:
    check(text, expected)


# -- possessives, "include", carried subjects, bilateral context ---------------------------------------------
CLAUSE_CASES = [
    (
        "Peru's exports to China include copper, zinc and fish meal.",
        expect(("PER", "CHN", "copper"), ("PER", "CHN", "zinc"), ("PER", "CHN", "fish meal")),
    ),
    (
        "Georgia exports wine to Ukraine, while importing sugar from Brazil.",
        expect(("GEO", "UKR", "wine"), ("BRA", "GEO", "sugar")),
    ),
    (
        "Officials of Pakistan and Sri Lanka discussed trade in Colombo on Monday. "
        "Pakistan can export rice and import tea in exchange.",
        expect(("PAK", "LKA", "rice", "potential"), ("LKA", "PAK", "tea", "potential")),
    ),
    (
        "Mongolia and Japan held talks on economic cooperation. "
        "Mongolia supplies coal and copper concentrate.",
        expect(("MNG", "JPN", "coal"), ("MNG", "JPN", "copper concentrate")),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CLAUSE_CASES, ids=[c[0][:40] for c in CLAUSE_CASES])
def test_clause_shapes(text: str, expected: set) -> None:
    check(text, expected)


# -- passive voice -------------------------------------------------------------------------------------------
PASSIVE_CASES = [
    ("Wheat worth $20 million was exported to Yemen from Ukraine.", expect(("UKR", "YEM", "wheat"))),
    (
        "Cotton and silk are shipped from Uzbekistan to Lithuania.",
        expect(("UZB", "LTU", "cotton"), ("UZB", "LTU", "silk")),
    ),
    (
        "Some 300,000 tonnes of barley were sold to Saudi Arabia by Australia.",
        expect(("AUS", "SAU", "barley")),
    ),
]


@pytest.mark.parametrize(("text", "expected"), PASSIVE_CASES, ids=[c[0][:40] for c in PASSIVE_CASES])
def test_passive_voice(text: str, expected: set) -> None:
    check(text, expected)


# -- buyers and suppliers, demonym-modified goods, coordinated subjects --------------------------------------
AGENT_CASES = [
    ("India is the largest buyer of palm oil from Malaysia.", expect(("MYS", "IND", "palm oil"))),
    ("Australia is Japan's main supplier of coal.", expect(("AUS", "JPN", "coal"))),
    ("Algeria imports French wheat.", expect(("FRA", "DZA", "wheat"))),
    ("Pakistan buys Kenyan tea.", expect(("KEN", "PAK", "tea"))),
    (
        "Japan and South Korea buy iron ore from Australia.",
        expect(("AUS", "JPN", "iron ore"), ("AUS", "KOR", "iron ore")),
    ),
    (
        "Oman, Qatar and Kuwait import rice from India.",
        expect(("IND", "OMN", "rice"), ("IND", "QAT", "rice"), ("IND", "KWT", "rice")),
    ),
]


@pytest.mark.parametrize(("text", "expected"), AGENT_CASES, ids=[c[0][:40] for c in AGENT_CASES])
def test_agents_demonyms_and_coordinated_subjects(text: str, expected: set) -> None:
    check(text, expected)


# -- modality ------------------------------------------------------------------------------------------------
MODALITY_CASES = [
    (
        "Turkmenistan will export electricity to Afghanistan.",
        expect(("TKM", "AFG", "electricity", "planned")),
    ),
    ("Argentina plans to supply beef to Israel.", expect(("ARG", "ISR", "beef", "planned"))),
    ("Belarus agreed to deliver tractors to Venezuela.", expect(("BLR", "VEN", "tractors", "planned"))),
    ("Uzbekistan can export cotton yarn to Bangladesh.", expect(("UZB", "BGD", "cotton yarn", "potential"))),
    (
        "Ukraine is ready to supply sunflower oil to Egypt.",
        expect(("UKR", "EGY", "sunflower oil", "potential")),
    ),
    ("Serbia could buy natural gas from Azerbaijan.", expect(("AZE", "SRB", "natural gas", "potential"))),
    ("Indonesia sold palm oil to Pakistan last month.", expect(("IDN", "PAK", "palm oil", "actual"))),
]


@pytest.mark.parametrize(("text", "expected"), MODALITY_CASES, ids=[c[0][:40] for c in MODALITY_CASES])
def test_modality(text: str, expected: set) -> None:
    check(text, expected)


# -- negation ------------------------------------------------------------------------------------------------
NEGATION_CASES = [
    ("Mexico does not export avocados to Cuba.", ("MEX", "CUB", "avocados")),
    ("Canada no longer imports steel from Turkey.", ("TUR", "CAN", "steel")),
    ("Lebanon did not buy wheat from Moldova this year.", ("MDA", "LBN", "wheat")),
]


@pytest.mark.parametrize(("text", "expected"), NEGATION_CASES, ids=[c[0][:40] for c in NEGATION_CASES])
def test_negation(text: str, expected: tuple[str, str, str]) -> None:
    extraction = extract_text(text, doc_id="case")
    found = [
        (f.exporter, f.importer, commodity_key(f.commodity.name), f.negated) for f in extraction.trade_flows
    ]
    exporter, importer, commodity = expected
    assert found == [(exporter, importer, commodity_key(commodity), True)]


# -- what is not a flow --------------------------------------------------------------------------------------
NOT_A_FLOW_CASES = [
    ("Moldova exports wine to the EU.", expect()),
    ("Georgia sells hazelnuts to the European Union and Central Asia.", expect()),
    ("Kyrgyzstan exports meat to EAEU countries.", expect()),
    ("Malaysia exports goods to Singapore.", expect()),
    ("Vietnam sells various products to Laos.", expect()),
    (
        "Uzbekistan sells cotton to Turkey through Iran's territory.",
        expect(("UZB", "TUR", "cotton")),
    ),
]


@pytest.mark.parametrize(("text", "expected"), NOT_A_FLOW_CASES, ids=[c[0][:40] for c in NOT_A_FLOW_CASES])
def test_groups_transit_and_vague_goods_are_not_flows(text: str, expected: set) -> None:
    check(text, expected)


def test_transit_country_gets_no_flow() -> None:
    text = "Turkmenistan exports cotton to Georgia through Azerbaijan's territory."
    partners = {(f.exporter, f.importer) for f in extract_text(text, doc_id="case").trade_flows}
    assert ("TKM", "AZE") not in partners
    assert ("AZE", "GEO") not in partners
    assert ("TKM", "GEO") in partners


# -- evidence ------------------------------------------------------------------------------------------------
def test_flow_evidence_points_into_its_sentence() -> None:
    text = "Trade is growing. Chile sells copper to South Korea. Talks continue."
    extraction = extract_text(text, doc_id="case")
    assert extraction.trade_flows
    for flow in extraction.trade_flows:
        evidence = flow.evidence
        assert evidence.doc_id == "case"
        assert evidence.sentence == "Chile sells copper to South Korea."
        assert text[evidence.start : evidence.end] in evidence.sentence
