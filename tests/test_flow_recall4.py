"""Issue 9 (recall4): classes of language the dev misses point at, each in sentences written for this file.

- figures in brackets after goods: "onions (-8%)", "(8)" are numbers, not emoticons of the tokenizer;
- goods that drive a trade noun's change: "exports rose, driven by soybeans", "with increases for A (+5%)";
- shares that go on: "Y accounted for N% of X's exports. Z accounted for M%." names Z as another buyer of
  X, and "Y took N% of X's exports" is a share; the buyer's goods named after take X as exporter.
"""

from __future__ import annotations

import pytest
from flow_helpers import normal
from flow_helpers import stated_flows as flows

from tradegraph.pipeline import get_pipeline

# -- figures in brackets --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("onions (-8%) and", ["onions", "(", "-8", "%", ")", "and"]),
        ("tea (8) and", ["tea", "(", "8", ")", "and"]),
        ("item 8) rice", ["item", "8", ")", "rice"]),
    ],
)
def test_a_number_in_brackets_is_no_emoticon(text: str, words: list[str]) -> None:
    assert [t.text for t in get_pipeline().make_doc(text)] == words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mexico exported tomatoes (-13%), onions (-2%) and bell peppers (-8%) to the US.",
            {("MEX", "USA", "tomatoes"), ("MEX", "USA", "onions"), ("MEX", "USA", "bell peppers")},
        ),
        (
            "Peru shipped copper (+8%), zinc (-3%) and silver (-8%) to China last year.",
            {("PER", "CHN", "copper"), ("PER", "CHN", "zinc"), ("PER", "CHN", "silver")},
        ),
        (
            "Japan will import beef (8) and pork (9) from Australia.",
            {("AUS", "JPN", "beef"), ("AUS", "JPN", "pork")},
        ),
    ],
)
def test_goods_with_figures_in_brackets(text: str, expected: set) -> None:
    assert flows(text) == normal(expected)


# -- goods that drive a trade noun's change ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Exports from Brazil to China rose 20%, driven by soybeans and iron ore.",
            {("BRA", "CHN", "soybeans"), ("BRA", "CHN", "iron ore")},
        ),
        (
            "Kenya's exports to Egypt were boosted by tea and cut flowers.",
            {("KEN", "EGY", "tea"), ("KEN", "EGY", "cut flowers")},
        ),
        (
            "Peruvian sales to China will grow, fuelled by copper and zinc.",
            {("PER", "CHN", "copper"), ("PER", "CHN", "zinc")},
        ),
        (
            "Japan's imports from Chile grew 8% last year, with increases in salmon (+12%), copper (+5%) "
            "and wine (+3%).",
            {("CHL", "JPN", "salmon"), ("CHL", "JPN", "copper"), ("CHL", "JPN", "wine")},
        ),
        (
            "Indian purchases from Indonesia have jumped, with strong gains for palm oil and coal.",
            {("IDN", "IND", "palm oil"), ("IDN", "IND", "coal")},
        ),
        (
            "Turkey's exports to Iraq fell, with sharp declines recorded for cement (-20%) and flour (-9%).",
            {("TUR", "IRQ", "cement"), ("TUR", "IRQ", "flour")},
        ),
    ],
)
def test_goods_that_drive_a_change(text: str, expected: set) -> None:
    assert flows(text) == normal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Exports from Brazil to China rose 20%, driven by higher prices.",
        "Japan's imports from Chile grew 8%, with increases in most categories.",
        "Kenya's exports to Egypt were boosted by a weaker shilling.",
        "Trade between Chile and Japan grew, with increases for tourism and services.",
        "Global wheat exports rose, driven by record harvests.",
    ],
)
def test_a_change_driven_by_no_goods_gives_nothing(text: str) -> None:
    assert flows(text) == set()


# -- shares that go on ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "China accounted for 26 percent of Chile's exports in 2022. Japan accounted for 9 percent. "
            "Japan mainly imported copper, salmon and wine.",
            {("CHL", "JPN", "copper"), ("CHL", "JPN", "salmon"), ("CHL", "JPN", "wine")},
        ),
        (
            "India takes 25 percent of Bhutan's exports, while Bangladesh takes 7 percent. Bangladesh "
            "mostly buys oranges and cardamom.",
            {("BTN", "BGD", "oranges"), ("BTN", "BGD", "cardamom")},
        ),
        (
            "Germany took 20% of Poland's exports last year. Germany mainly bought cars and furniture.",
            {("POL", "DEU", "cars"), ("POL", "DEU", "furniture")},
        ),
        (
            "Russia accounted for 40 percent of Georgian wine exports, and Ukraine for 12 percent.",
            {("GEO", "RUS", "wine"), ("GEO", "UKR", "wine")},
        ),
        (
            "Japan, accounting for 12 percent of Chile's exports, topped the list. South Korea accounted "
            "for 8 percent. South Korea mainly bought copper and wine.",
            {("CHL", "KOR", "copper"), ("CHL", "KOR", "wine")},
        ),
        (
            "Egypt made up 30% of Kenya's tea exports. Pakistan accounted for a further 25 percent.",
            {("KEN", "EGY", "tea"), ("KEN", "PAK", "tea")},
        ),
    ],
)
def test_a_share_goes_on(text: str, expected: set) -> None:
    assert flows(text) == normal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a share of another thing is no share of the exports
        (
            "Russia accounted for 40 percent of Georgian wine exports. Tourism accounted for 12 percent.",
            {("GEO", "RUS", "wine")},
        ),
        # a group takes no share that names a flow
        (
            "China accounted for 26 percent of Peru's copper exports. The European Union accounted for 15 "
            "percent.",
            {("PER", "CHN", "copper")},
        ),
        # a share of something else named after the percentage is not the exports' share
        (
            "Russia accounted for 40 percent of Georgian wine exports. Ukraine accounted for 12 percent of "
            "the country's tourists.",
            {("GEO", "RUS", "wine")},
        ),
        # too far from the share: three sentences on
        (
            "Russia accounted for 40 percent of Georgian wine exports. Prices rose. Harvests fell. Storage "
            "was full. Ukraine accounted for 12 percent.",
            {("GEO", "RUS", "wine")},
        ),
    ],
)
def test_no_share_goes_on(text: str, expected: set) -> None:
    assert flows(text) == normal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Germany took 20 days to approve Poland's export licences.",
        "Tourists from Germany took 20% more trips to Poland.",
    ],
)
def test_taking_no_share_of_exports_gives_nothing(text: str) -> None:
    assert flows(text) == set()
