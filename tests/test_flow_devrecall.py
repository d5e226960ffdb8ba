"""Issue 9 (devrecall): a buyer's 'most demanded' goods are its purchases from the partner in context;
the verb 'demanded' (compensation, an apology, wages) states no flow."""

from __future__ import annotations

import pytest
from flow_helpers import normal
from flow_helpers import stated_flows as flows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru's exports to China rose. China's most demanded commodities were copper, fish meal and zinc.",
            {("PER", "CHN", "copper"), ("PER", "CHN", "fish meal"), ("PER", "CHN", "zinc")},
        ),
        (
            "Brazil sold more to Egypt in 2023. Egypt's most demanded products were beef, sugar and coffee.",
            {("BRA", "EGY", "beef"), ("BRA", "EGY", "sugar"), ("BRA", "EGY", "coffee")},
        ),
        (
            "Chile ships fruit to South Korea. South Korea's more demanded items are cherries and grapes.",
            {("CHL", "KOR", "fruit"), ("CHL", "KOR", "cherries"), ("CHL", "KOR", "grapes")},
        ),
    ],
)
def test_most_demanded_goods_are_purchases(text: str, expected: set) -> None:
    assert normal(expected) <= flows(text)


@pytest.mark.parametrize(
    "text",
    [
        "China demanded compensation from Peru.",
        "Protesters in Peru demanded higher wages from the Chinese mining company.",
        "Egypt demanded an apology from Brazil over the seized cargo.",
        "The most demanded skills in Germany were coding and design.",
    ],
)
def test_demanded_as_a_verb_states_no_flow(text: str) -> None:
    assert flows(text) == set()
