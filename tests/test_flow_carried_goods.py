"""Goods named once for several trade words of a sentence: a later trade word that names a side but no
goods takes the goods of the sentence's earlier trade word of its direction (frames.py). Sentences written
for these tests, with the exact flows each states, and near-misses.

(exporter, importer, commodity, modality, negated); commodities compared as the scorer does.
"""

from __future__ import annotations

import pytest
from flow_helpers import flow_rows as flows

from tradegraph.normalize import normalize_commodity

A, PL = "actual", "planned"


def rows(*found) -> set[tuple[str, str, str, str, bool]]:
    return {(e, i, normalize_commodity(c), m, False) for e, i, c, m in found}


CASES = [
    # a trade noun with only its destinations, after the goods were named
    (
        "Vietnam cut coffee exports to Germany; but raised exports to Spain and Japan.",
        rows(*(("VNM", c, "coffee", A) for c in ("DEU", "ESP", "JPN"))),
    ),
    (
        "Argentina ships beef to many countries, with exports to Chile up 21 percent.",
        rows(("ARG", "CHL", "beef", A)),
    ),
    (
        "China bought more soybeans from Brazil, while its purchases from Canada fell.",
        rows(("BRA", "CHN", "soybeans", A), ("CAN", "CHN", "soybeans", A)),
    ),
    # a trade verb whose object is a bare amount
    (
        "Indonesia bought 1.7 million tonnes of wheat from Argentina, while Vietnam imported 182,000 tonnes.",
        rows(("ARG", "IDN", "wheat", A), ("ARG", "VNM", "wheat", A)),
    ),
    (
        "Norway will deliver 3 billion cubic metres of gas to Poland, and Denmark will receive 1 billion.",
        rows(("NOR", "POL", "gas", PL), ("NOR", "DNK", "gas", PL)),
    ),
    # ... or an amount noun that names no goods
    (
        "Turkmenistan exports gas to China, and ships smaller amounts to Russia.",
        rows(("TKM", "CHN", "gas", A), ("TKM", "RUS", "gas", A)),
    ),
    (
        "Kazakhstan sells wheat to Iran and exports similar volumes to Afghanistan.",
        rows(("KAZ", "IRN", "wheat", A), ("KAZ", "AFG", "wheat", A)),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_later_trade_word_takes_the_goods(text: str, expected: set) -> None:
    found = flows(text)
    assert found == expected, f"\n  missing: {expected - found}\n  spurious: {found - expected}"


NEAR_MISSES = [
    # the other direction: the exports to Uganda are not oil
    ("Kenya imports oil from the UAE, and its exports to Uganda rose.", rows(("ARE", "KEN", "oil", A))),
    # a verb with an object of its own that is no goods
    (
        "Peru and Chile trade. Chile sold copper to Peru after Peru received a warning.",
        rows(("CHL", "PER", "copper", A)),
    ),
    # an amount noun with goods of its own
    (
        "Kazakhstan sells wheat to Iran and exports amounts of cars to Afghanistan.",
        rows(("KAZ", "IRN", "wheat", A), ("KAZ", "AFG", "cars", A)),
    ),
    # a later trade word in another sentence
    ("Ghana exports cocoa to the Netherlands. Exports to Togo fell.", rows(("GHA", "NLD", "cocoa", A))),
]


@pytest.mark.parametrize(("text", "expected"), NEAR_MISSES, ids=[c[0][:40] for c in NEAR_MISSES])
def test_goods_are_not_carried_elsewhere(text: str, expected: set) -> None:
    assert flows(text) == expected
