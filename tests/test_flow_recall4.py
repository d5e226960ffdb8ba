"""Issue 9 (recall4): classes of language the dev misses point at, each in sentences written for this file.

- figures in brackets after goods: "onions (-8%)", "(8)" are numbers, not emoticons of the tokenizer;
- goods that drive a trade noun's change: "exports rose, driven by soybeans", "with increases for A (+5%)";
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
