"""The article's home country (components/home.py): one rule, read by officials and by trade values alike."""

from __future__ import annotations

import pytest

from tradegraph.components.home import Home
from tradegraph.extract import extract_text
from tradegraph.pipeline import get_pipeline


def home(text: str) -> Home:
    return get_pipeline()(text)._.home


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("WELLINGTON, New Zealand – Dairy prices rose in China and in Australia. China buys milk.", "NZL"),
        ("JAKARTA (Reuters) - Coal prices fell in India and China. China buys coal. India buys coal.", "IDN"),
        ("Bananas rise\n\nMANILA - China has lifted a ban. China buys fruit. China, Japan and Korea.", "PHL"),
        ("KUALA LUMPUR, May 5 - Palm oil sales to India rose. India and Pakistan buy more.", "MYS"),
        ("ULAANBAATAR. MONTSAME - Coal sales to China rose. China and Russia buy coal.", "MNG"),
        ("Hanoi, Vietnam (VNA) - Rice sales to the Philippines rose. The Philippines buys rice.", "VNM"),
    ],
)
def test_a_dateline_names_the_home_country(text: str, country: str) -> None:
    assert home(text) == Home(country, "dateline", True)


@pytest.mark.parametrize(
    "text",
    [
        "CHINA BANS IMPORTS, markets fall. Peru sells copper to Chile.",  # a headline in capitals
        "Peru sells copper to Chile. LIMA is far away, said the minister.",  # not in the opening lines' shape
        "Hanoi, Vietnam, is a city. Chile and Peru and Chile trade.",  # a place and its country in a sentence
    ],
)
def test_capitals_that_are_no_dateline(text: str) -> None:
    assert home(text).source != "dateline"


def test_demonyms_count_half_a_name() -> None:
    # Kenya: two names and four demonyms (4, where six if a demonym counted as a name); Pakistan five names.
    # News qualifies the foreign side by demonym.
    text = (
        "Kenyan tea sells well in Pakistan. Kenyan growers and Kenyan traders visited Pakistan. "
        "Kenya and Pakistan signed a deal. Pakistan buys Kenyan tea from Kenya. Pakistan grew."
    )
    assert home(text) == Home("PAK", "mentions", True)


def test_places_count_half_and_capitals_nothing() -> None:
    # Vietnam: one name and two provinces (2); China: one name and two mentions of its capital (1).
    text = "Vietnam sells fruit to China. Dong Nai and Quang Ninh farmers ship via Beijing. Beijing agreed."
    assert home(text).country == "VNM"


def test_a_place_named_again_and_again_counts_once() -> None:
    # Ghana: two names (2); Togo: one name and one province named on every line (1 + 0.5, not 1 + 2).
    text = (
        "Ghana sells cement to Togo. Ghana ships it to Kara. Traders in Kara pay more. "
        "Kara buyers wait. Kara grows."
    )
    assert home(text).country == "GHA"


def test_a_tie_is_no_certain_home() -> None:
    found = home("Ghana sells cocoa to Togo. Togo buys cement from Ghana.")
    assert (found.country, found.certain) == ("GHA", False)
    assert home("Prices rose.") == Home(None, None, False)


# The same home serves officials and trade values: Pakistan, by the rule above.
HOME_TEXT = (
    "Kenyan tea sells well in Pakistan. Kenyan growers and Kenyan traders visited Pakistan. "
    "Kenya and Pakistan signed a deal. Pakistan buys Kenyan tea from Kenya. Pakistan grew. "
)


def test_officials_serve_the_home_country() -> None:
    extraction = extract_text(HOME_TEXT + "Commerce Minister Ali Raza said the deal would help.", "home")
    assert [(o.name, o.country) for o in extraction.officials] == [("Ali Raza", "PAK")]


def test_trade_values_report_from_the_home_country() -> None:
    extraction = extract_text(HOME_TEXT + "Exports reached $500 million in 2021.", "home")
    assert [(v.reporter, v.partner, v.flow, v.value) for v in extraction.trade_values] == [
        ("PAK", "KEN", "exports", 500e6)
    ]


def test_officials_and_trade_values_read_the_dateline_alike() -> None:
    text = (
        "ACCRA, Ghana - Togo and Nigeria buy more. Togo buys cement, Nigeria buys cocoa. Togo and Nigeria "
        "agreed. Exports to Togo reached $90 million in 2021, Trade Minister Kojo Mensah said."
    )
    extraction = extract_text(text, "home")
    assert [(o.name, o.country) for o in extraction.officials] == [("Kojo Mensah", "GHA")]
    assert [(v.reporter, v.partner) for v in extraction.trade_values] == [("GHA", "TGO")]
