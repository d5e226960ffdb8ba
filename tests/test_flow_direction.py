"""Direction (issue 9, class 4): which way the goods go. Imports whose importer is the subject ("X imported
A from Y", "X sources A from Y"), the subject of the copula before a buyer or supplier noun, the owner of
the goods after "of" ("the largest buyer of Brazil's soybeans"), goods that travel back ("in exchange for
B", "in return for B", a barter), adjectives of origin on the goods, and "imports of A from X into Y".
Sentences written for these tests, in several shapes each (other countries, goods, tense, voice), with
near-misses that must give nothing or only the flow the text states.

Flows are (exporter, importer, commodity, modality, negated); commodities compared as the scorer does.
"""

from __future__ import annotations

import pytest
from test_flow_constructions import PL, PO, expect, flows_and_frames


def flows(text: str) -> set:
    return flows_and_frames(text)[0]


def check(text: str, expected: set) -> None:
    found = flows(text)
    assert found == expected, (
        f"\n  text: {text}\n  missing: {expected - found}\n  spurious: {found - expected}"
    )


# -- the importer as subject: "X imported A from Y" --------------------------------------------------------
IMPORTER_SUBJECT = [
    ("South Korea imported crude oil from Saudi Arabia last year.", expect(("SAU", "KOR", "crude oil"))),
    ("India buys most of its palm oil from Indonesia.", expect(("IDN", "IND", "palm oil"))),
    (
        "Japan buys most of its LNG from Australia and Qatar.",
        expect(("AUS", "JPN", "lng"), ("QAT", "JPN", "lng")),
    ),
    ("Kenya procured fertilizer from Morocco.", expect(("MAR", "KEN", "fertilizer"))),
    ("Ghana received rice from Thailand.", expect(("THA", "GHA", "rice"))),
    # 'source' as a verb: the subject is the buyer
    ("Egypt sourced wheat from Romania.", expect(("ROU", "EGY", "wheat"))),
    ("Vietnam sources cotton from the United States.", expect(("USA", "VNM", "cotton"))),
    ("Bangladesh is sourcing more LNG from Qatar.", expect(("QAT", "BGD", "lng"))),
    ("India plans to source crude oil from Guyana.", expect(("GUY", "IND", "crude oil", PL))),
    # 'importation' / 'exportation' are trade nouns
    ("Nigeria has resumed importation of petrol from China.", expect(("CHN", "NGA", "petrol"))),
    (
        "The exportation of cattle from Brazil to Turkey resumed.",
        expect(("BRA", "TUR", "cattle")),
    ),
]


# -- the subject of a buyer or supplier noun: the list before its copula ------------------------------------
AGENT_SUBJECTS = [
    (
        "Korea is the world's fifth-largest oil importer, and Saudi Arabia is the largest supplier of crude"
        " oil to Korea.",
        expect(("SAU", "KOR", "crude oil")),
    ),
    (
        "Japan buys a lot of coal, and Australia has become its main supplier.",
        expect(("AUS", "JPN", "coal")),
    ),
    (
        "Egypt imports wheat, and Russia remains the largest exporter of wheat to Egypt.",
        expect(("RUS", "EGY", "wheat")),
    ),
    # no copula after a list: the clause's first list is the subject (the one overtaken supplies too)
    (
        "The United States overtook Saudi Arabia as India's biggest supplier of crude oil.",
        expect(("USA", "IND", "crude oil"), ("SAU", "IND", "crude oil")),
    ),
    ("Germany has become the biggest buyer of Vietnamese coffee.", expect(("VNM", "DEU", "coffee"))),
]


# -- the owner of the goods after "of": where they come from ------------------------------------------------
OWNERS = [
    ("Germany has become the biggest buyer of Vietnam's coffee.", expect(("VNM", "DEU", "coffee"))),
    ("China's imports of Australia's coal fell.", expect(("AUS", "CHN", "coal"))),
    ("India's imports of Russia's crude oil tripled last year.", expect(("RUS", "IND", "crude oil"))),
    # near-miss: vague goods after the owner give nothing
    ("China is the largest buyer of Brazil's products.", expect()),
]


# -- goods that travel back: both directions only when the text names both goods --------------------------
EXCHANGES = [
    (
        "Iran supplies gas to Turkey in exchange for wheat.",
        expect(("IRN", "TUR", "gas"), ("TUR", "IRN", "wheat")),
    ),
    (
        "Iran supplies gas to Turkey in return for wheat.",
        expect(("IRN", "TUR", "gas"), ("TUR", "IRN", "wheat")),
    ),
    (
        "Kazakhstan will receive oil from Russia in exchange for wheat.",
        expect(("RUS", "KAZ", "oil", PL), ("KAZ", "RUS", "wheat", PL)),
    ),
    # the demonym on the goods that travel back names the importer of the goods that go out
    (
        "Iran will supply gas in exchange for Iraqi oil.",
        expect(("IRN", "IRQ", "gas", PL), ("IRQ", "IRN", "oil", PL)),
    ),
    (
        "Iran will barter crude oil for Sri Lankan tea.",
        expect(("IRN", "LKA", "crude oil", PL), ("LKA", "IRN", "tea", PL)),
    ),
    # the partner from the article's pair; the goods that go out end before those that come back
    (
        "Iran and Sri Lanka trade. Iran will barter crude oil for tea.",
        expect(("IRN", "LKA", "crude oil", PL), ("LKA", "IRN", "tea", PL)),
    ),
    # near-misses: no goods come back, or no country is named
    ("Iran supplies gas to Turkey in exchange for investment.", expect(("IRN", "TUR", "gas"))),
    ("The farmers barter rice for fish at the market.", expect()),
    ("Russia and Egypt agreed to barter wheat for cotton.", expect()),
]


# -- adjectives of origin on the goods ---------------------------------------------------------------------
ORIGINS = [
    ("Russian wheat imports by Egypt rose.", expect(("RUS", "EGY", "wheat"))),
    ("Egypt's imports of Russian wheat rose.", expect(("RUS", "EGY", "wheat"))),
    ("Egypt's Russian wheat imports rose sharply.", expect(("RUS", "EGY", "wheat"))),
    ("Afghan coal imports by Pakistan rose.", expect(("AFG", "PAK", "coal"))),
    ("Kazakhstan imported Russian wheat for its mills.", expect(("RUS", "KAZ", "wheat"))),
    ("Egypt is a buyer of Russian wheat.", expect(("RUS", "EGY", "wheat"))),
    # near-misses: the adjective names an exporter, but no importer is given
    ("Russian wheat imports rose sharply this year.", expect()),
    ("Russian wheat exports rose sharply this year.", expect()),
]


# -- "imports of A from X into Y" ----------------------------------------------------------------------------
NOMINAL = [
    ("Imports of wheat from Russia into Egypt rose.", expect(("RUS", "EGY", "wheat"))),
    ("Imports of coal from Indonesia into India fell sharply.", expect(("IDN", "IND", "coal"))),
    ("Exports of rice from Vietnam to the Philippines rose.", expect(("VNM", "PHL", "rice"))),
    # near-misses: no goods, or a group as a side
    ("Imports from China into Kenya rose.", expect()),
    ("Egypt bought wheat from the EU.", expect()),
    ("Egypt is the world's largest buyer of wheat.", expect()),
]


# -- the supplier of a share of Y's imports, and goods that come from a country ----------------------------
SHARES_AND_ORIGINS = [
    (
        "Russia provides 25% of Brazil's fertiliser imports.",
        expect(("RUS", "BRA", "fertiliser")),
    ),
    ("Australia will supply half of Japan's coal imports.", expect(("AUS", "JPN", "coal", PL))),
    ("Most of Egypt's wheat comes from Russia.", expect(("RUS", "EGY", "wheat"))),
    ("The bulk of Japan's LNG comes mainly from Australia.", expect(("AUS", "JPN", "lng"))),
    ("Egypt's wheat imports come mainly from Russia.", expect(("RUS", "EGY", "wheat"))),
    # near-misses: a group as the importer; no goods; a buyer's demand; no country after the verb
    ("Russia supplies about 40 percent of the EU's gas imports.", expect()),
    ("Most of the increase came from China.", expect()),
    ("The statement came from the Indian ministry.", expect()),
    ("Strong demand for Russian wheat came from Egypt.", expect()),
    ("Most of Egypt's wheat comes by sea.", expect()),
]

# -- a trade noun that names no side takes the sides of the flow stated before in its own direction ---------
CARRIED_BY_DIRECTION = [
    (
        "Zambia's exports to South Africa rose to $2 billion. The main export goods were copper and cobalt.",
        expect(("ZMB", "ZAF", "copper"), ("ZMB", "ZAF", "cobalt")),
    ),
    (
        "Chile shipped more wine to Brazil last year. Exports included fresh grapes and salmon.",
        expect(("CHL", "BRA", "wine"), ("CHL", "BRA", "fresh grapes"), ("CHL", "BRA", "salmon")),
    ),
    # in its own sentence a trade noun of the other direction still takes the flow just stated
    (
        "Russia is the main market for Georgian wine, accounting for 60 percent of exports of wine and"
        " spirits.",
        expect(("GEO", "RUS", "wine"), ("GEO", "RUS", "spirits")),
    ),
    # near-misses: the flow before went the other way, so it says nothing of who sold these goods
    (
        "Cement and timber are Laos's main exports to Thailand. Imported goods included fuel and machinery.",
        expect(("LAO", "THA", "cement"), ("LAO", "THA", "timber")),
    ),
    (
        "Peru's exports of copper to China grew. Imports of machinery and vehicles also rose.",
        expect(("PER", "CHN", "copper")),
    ),
]

# Each class of language, named as the test id shows it.
CLASSES = {
    "the importer as subject buys from the exporter": IMPORTER_SUBJECT,
    "the subject of a buyer or supplier noun is the list before its copula": AGENT_SUBJECTS,
    "the owner of the goods after 'of' is the exporter": OWNERS,
    "goods in exchange travel the other way, only when the text names them": EXCHANGES,
    "an adjective of origin names the exporter only with an importer": ORIGINS,
    "imports of goods from one country into another": NOMINAL,
    "the supplier of a share of imports, goods that come from a country": SHARES_AND_ORIGINS,
    "a trade noun with no side takes the sides stated before in its direction": CARRIED_BY_DIRECTION,
}
PARAMS = [(name, text, expected) for name, cases in CLASSES.items() for text, expected in cases]


@pytest.mark.parametrize(
    ("name", "text", "expected"), PARAMS, ids=[f"{p[0][:30]}|{p[1][:40]}" for p in PARAMS]
)
def test_direction(name: str, text: str, expected: set) -> None:
    check(text, expected)


def test_potential_modality_is_kept_on_both_directions_of_an_exchange() -> None:
    check(
        "Pakistan could export rice to Iran in exchange for iron ore.",
        expect(("PAK", "IRN", "rice", PO), ("IRN", "PAK", "iron ore", PO)),
    )
