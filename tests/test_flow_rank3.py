"""Rankings, roles and shares whose goods and other side come from elsewhere in the text (issue 9 phase 3):
a ranking that goes on past its role noun ("..., followed by Z", "Z was third": carry.continue_rankings),
shares from another origin ("with the rest coming from Z"), subjects named through a relative pronoun.

Sentences written for these tests. Flows are (exporter, importer, commodity) with the commodity normalised.
"""

from __future__ import annotations

import pytest
from test_flow_carry import flows, normal

from tradegraph.components.flows.carry import RANKED, carry_goods, continue_rankings
from tradegraph.components.flows.constructions import continuations, load_continuations
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
        frames = continue_rankings(ctx, carry_goods(ctx, frames), (continuation,))
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
