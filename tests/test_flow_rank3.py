"""Rankings, roles and shares whose goods and other side come from elsewhere in the text (issue 9 phase 3):
a ranking that goes on past its role noun ("..., followed by Z", "Z was third": carry.continue_rankings),
shares from another origin ("with the rest coming from Z"), subjects named through a relative pronoun.

Sentences written for these tests. Flows are (exporter, importer, commodity) with the commodity normalised.
"""

from __future__ import annotations

import pytest
from test_flow_carry import flows, normal

from tradegraph.components.flows.carry import RANKED, carry_goods, continue_rankings
from tradegraph.components.flows.constructions import catalogue, continuations, load_continuations
from tradegraph.pipeline import get_pipeline
from tradegraph.rules import RuleFileError


def check(text: str, expected: set) -> None:
    assert flows(text) == normal(expected)


# Class 1: a ranking continued past its role noun, in its sentence or the next one.
CONTINUED = [
    # an ordinal in the next sentence, then 'followed by'
    (
        "Angola was China's second largest supplier of crude oil in 2023. Russia was third with 15 "
        "percent, followed by Iraq and Oman.",
        {
            ("AGO", "CHN", "crude oil"),
            ("RUS", "CHN", "crude oil"),
            ("IRQ", "CHN", "crude oil"),
            ("OMN", "CHN", "crude oil"),
        },
    ),
    # a buyer's ranking: the ranked parties are importers, the goods' origin the exporter
    (
        "Egypt is the biggest buyer of Ukrainian wheat. Indonesia ranked second, and Turkey came third.",
        {("UKR", "EGY", "wheat"), ("UKR", "IDN", "wheat"), ("UKR", "TUR", "wheat")},
    ),
    # 'behind X are Z': X must hold the ranking's side
    (
        "Brazil is the main supplier of coffee to Germany. Behind Brazil are Vietnam and Honduras.",
        {("BRA", "DEU", "coffee"), ("VNM", "DEU", "coffee"), ("HND", "DEU", "coffee")},
    ),
    # 'then comes Z' after a role noun whose goods are on the verb of its sentence
    (
        "The top importer, Poland buys Moldovan wine worth $9 million, then comes Romania with $4 million.",
        {("MDA", "POL", "wine"), ("MDA", "ROU", "wine")},
    ),
    # the present tense, a market as the role noun
    (
        "Japan is the largest market for Norwegian salmon; next is South Korea.",
        {("NOR", "JPN", "salmon"), ("NOR", "KOR", "salmon")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CONTINUED, ids=[c[0][:40] for c in CONTINUED])
def test_a_ranking_continued(text: str, expected: set) -> None:
    check(text, expected)


NOT_CONTINUED = [
    # no role noun before: a ranking of producers, not of traders
    (
        "India is the second largest producer of sugar. Thailand was third, followed by China.",
        set(),
    ),
    # the rival does not hold the ranking's side
    (
        "Brazil is the main supplier of coffee to Germany. Behind Italy is France with 20 percent.",
        {("BRA", "DEU", "coffee")},
    ),
    # two sentences away: the ranking no longer goes on
    (
        "Qatar is the largest supplier of LNG to Japan. Prices rose in March. Demand fell in April. "
        "Australia was second.",
        {("QAT", "JPN", "lng")},
    ),
    # an ordinal before a noun of its own is no continuation ("third largest economy")
    (
        "Chile is the top supplier of copper to China. Japan is the third largest economy.",
        {("CHL", "CHN", "copper")},
    ),
    # a world ranking names no partner for those ranked behind
    ("Russia is the world's biggest wheat exporter. Canada was second, followed by Australia.", set()),
    # the ranking names no goods
    ("Germany is the main buyer of the country. France was second.", set()),
    # 'followed by' something that is no party
    (
        "China is the largest buyer of Australian iron ore, followed by a long list of smaller markets.",
        {("AUS", "CHN", "iron ore")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), NOT_CONTINUED, ids=[c[0][:40] for c in NOT_CONTINUED])
def test_no_ranking_continued(text: str, expected: set) -> None:
    check(text, expected)


def test_continuation_rows_read_their_examples() -> None:
    nlp = get_pipeline()
    for continuation in continuations():
        doc = nlp(continuation.row.example)
        ctx, frames = nlp.get_pipe("tg_flows").read(doc)
        frames = continue_rankings(ctx, carry_goods(ctx, frames), (continuation,), catalogue().shares)
        continued = [f for f in frames if f.filled_by.get("goods") == RANKED]
        assert continued, continuation.row.example
        assert all(continuation.name in f.filled_by.values() for f in continued)


def test_a_bad_continuation_row_names_its_line(rules_copy) -> None:
    path = rules_copy / "rank_continuations.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append('{"name": "x", "pattern": [{"LOWER": "next"}], "slots": [null], "example": "x"}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=rf"rank_continuations\.jsonl:{len(lines)}:.*ranked slot"):
        load_continuations()


# Class 2: a share of the flow that comes from another origin or goes to another destination.
SHARES = [
    (
        "Georgia buys about 70 percent of its wheat from Russia, with the remaining 30 percent coming "
        "from Kazakhstan.",
        {("RUS", "GEO", "wheat"), ("KAZ", "GEO", "wheat")},
    ),
    # the past tense, a hedge before the goods, a pronoun after the share
    (
        "Ghana imported virtually all of its rice from Vietnam, with a large amount of it coming from "
        "Thailand.",
        {("VNM", "GHA", "rice"), ("THA", "GHA", "rice")},
    ),
    # a share of an import noun, 'along with' and no participle
    (
        "Norway supplies 40% of Poland's gas imports along with smaller volumes from Qatar.",
        {("NOR", "POL", "gas"), ("QAT", "POL", "gas")},
    ),
    # the export side: the rest goes to more destinations
    (
        "Uruguay ships most of its beef to China, with the remainder sold to Israel and Brazil.",
        {("URY", "CHN", "beef"), ("URY", "ISR", "beef"), ("URY", "BRA", "beef")},
    ),
    # a supplier's ranking with the rest from another origin
    (
        "Russia is Egypt's main wheat supplier, with the rest of its wheat coming from Romania.",
        {("RUS", "EGY", "wheat"), ("ROU", "EGY", "wheat")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), SHARES, ids=[c[0][:40] for c in SHARES])
def test_a_share_from_another_origin_or_to_another_destination(text: str, expected: set) -> None:
    check(text, expected)


NOT_SHARES = [
    # a change from a year before is no share from a country
    (
        "Japan imports LNG from Qatar, with volumes up 10 percent from a year earlier.",
        {("QAT", "JPN", "lng")},
    ),
    # the rest comes from no country
    (
        "Egypt buys 60 percent of its wheat from Russia, with the rest coming from local farms.",
        {("RUS", "EGY", "wheat")},
    ),
    # no share before 'from': a price, not a part of the flow
    (
        "Armenia buys gas from Russia, with prices rising from last year.",
        {("RUS", "ARM", "gas")},
    ),
    # the partner is a group
    (
        "Serbia buys most of its oil from Iraq, with the rest coming from the European Union.",
        {("IRQ", "SRB", "oil")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), NOT_SHARES, ids=[c[0][:40] for c in NOT_SHARES])
def test_no_share_from_another_party(text: str, expected: set) -> None:
    check(text, expected)


# Class 3: the subject of a relative clause is the party before 'which', and a mention that holds one side of
# a trade word holds no other ("of Egyptian wheat imports": the importer, not also the exporter).
RELATIVES = [
    (
        "Egypt buys wheat from France, which provides 36 percent of Egyptian wheat imports.",
        {("FRA", "EGY", "wheat")},
    ),
    (
        "Sugar prices rose in Kenya, which imports most of its sugar from Uganda.",
        {("UGA", "KEN", "sugar")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), RELATIVES, ids=[c[0][:40] for c in RELATIVES])
def test_the_subject_of_a_relative_clause(text: str, expected: set) -> None:
    check(text, expected)


# Class 4: a role noun names a flow from both ends: a bare amount after it takes its goods whichever way it
# faces, and a role noun in a relative clause takes the goods of the trade word the clause is about.
ROLES = [
    (
        "China is the main market for Chilean cherries, and Chile ships smaller volumes to Korea.",
        {("CHL", "CHN", "cherries"), ("CHL", "KOR", "cherries")},
    ),
    (
        "Egypt is the largest buyer of Russian wheat, while Russia sold 2 million tonnes to Turkey.",
        {("RUS", "EGY", "wheat"), ("RUS", "TUR", "wheat")},
    ),
    (
        "Pakistan needs cotton imports for its mills, for which Brazil has become a major supplier.",
        {("BRA", "PAK", "cotton")},
    ),
    (
        "Spain relies on gas imports, of which Algeria was the biggest supplier in 2022.",
        {("DZA", "ESP", "gas")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), ROLES, ids=[c[0][:40] for c in ROLES])
def test_a_role_noun_lends_and_takes_goods(text: str, expected: set) -> None:
    check(text, expected)


NOT_ROLES = [
    # the verb names goods of its own
    (
        "China is the main market for Chilean cherries, and Chile ships copper to Korea.",
        {("CHL", "CHN", "cherries"), ("CHL", "KOR", "copper")},
    ),
    # a role noun outside a relative clause takes no goods of the other direction
    (
        "Japan imports LNG from Qatar, while Nigeria is a supplier to Korea.",
        {("QAT", "JPN", "lng")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), NOT_ROLES, ids=[c[0][:40] for c in NOT_ROLES])
def test_a_role_noun_lends_no_goods(text: str, expected: set) -> None:
    check(text, expected)


# Class 5: goods named by a pointer back at those named just before ("this Peruvian product"), and ranked
# parties with their shares ("Chile with 19%, and Israel with 17%") as one list.
POINTERS = [
    (
        "Avocados earned $900 million and the United States was the top buyer of this Mexican product, "
        "followed by Canada with 8%, and Japan with 5%.",
        {("MEX", "USA", "avocados"), ("MEX", "CAN", "avocados"), ("MEX", "JPN", "avocados")},
    ),
    (
        "Kenya sold more tea this year. Pakistan remained the largest buyer of the commodity.",
        {("KEN", "PAK", "tea")},
    ),
    (
        "Cocoa prices rose. Ghana exported 30,000 tonnes of these goods to Belgium.",
        {("GHA", "BEL", "cocoa")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), POINTERS, ids=[c[0][:40] for c in POINTERS])
def test_goods_named_by_a_pointer_back(text: str, expected: set) -> None:
    check(text, expected)


NOT_POINTERS = [
    # nothing named before the pointer that is goods
    ("Prices rose. Ghana exported these goods to Belgium.", set()),
    # goods named two sentences back
    ("Coffee prices rose. Output fell. Brazil sold this commodity to Italy.", set()),
]


@pytest.mark.parametrize(("text", "expected"), NOT_POINTERS, ids=[c[0][:40] for c in NOT_POINTERS])
def test_no_goods_named_by_a_pointer_back(text: str, expected: set) -> None:
    check(text, expected)
