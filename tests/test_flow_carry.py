"""Goods carried to a later trade word that names where they go but not what they are (in the sentence:
frames.py; to the next sentence that says it goes on, "also": carry.py).

Sentences written for these tests. Flows are (exporter, importer, commodity) with the commodity normalised.
"""

from __future__ import annotations

import pytest
from flow_helpers import normal
from flow_helpers import stated_flows as flows

CARRIED = [
    # the same sentence: a second trade noun or verb with its own partner
    (
        "Vietnam cut coffee exports to Germany but raised exports to Spain and Japan.",
        {("VNM", "DEU", "coffee"), ("VNM", "ESP", "coffee"), ("VNM", "JPN", "coffee")},
    ),
    (
        "Argentina ships beef to 48 countries, with exports to Israel up 11 per cent.",
        {("ARG", "ISR", "beef")},
    ),
    (
        "Indonesia bought 1.7 million tonnes of wheat from Argentina, while Vietnam imported 182,000 tonnes.",
        {("ARG", "IDN", "wheat"), ("ARG", "VNM", "wheat")},
    ),
    # the next sentence; the side it leaves open is the earlier trade word's
    (
        "Kazakhstan exported 2 million tonnes of wheat to Iran. Exports to Turkey also rose.",
        {("KAZ", "IRN", "wheat"), ("KAZ", "TUR", "wheat")},
    ),
    (
        "Norway sold salmon to Japan last year. This year it also sold to Korea.",
        {("NOR", "JPN", "salmon"), ("NOR", "KOR", "salmon")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CARRIED, ids=[c[0][:40] for c in CARRIED])
def test_goods_carried_to_a_later_trade_word(text: str, expected: set) -> None:
    assert flows(text) == normal(expected)


NOT_CARRIED = [
    # several goods before: which of them goes on is not plain
    (
        "Chile exported copper and lithium to China. Exports to Korea also rose.",
        {("CHL", "CHN", "copper"), ("CHL", "CHN", "lithium")},
    ),
    # the other direction
    ("Kenya exports tea to Egypt. Imports from Uganda also fell.", {("KEN", "EGY", "tea")}),
    # a total of all goods
    (
        "Australia sold iron ore to Japan. Australia's total exports to Korea also rose.",
        {("AUS", "JPN", "iron ore")},
    ),
    # a goods phrase of its own, rejected as vague or a service
    (
        "Iran exports cement to Iraq. The port also provides transshipment of goods to Azerbaijan.",
        {("IRN", "IRQ", "cement")},
    ),
    # the next sentence does not say it goes on with the one before
    ("Ghana exports cocoa to the Netherlands. Exports to Togo fell.", {("GHA", "NLD", "cocoa")}),
    # two sentences back
    ("Peru sold zinc to China. Prices rose. Exports to Japan also fell.", {("PER", "CHN", "zinc")}),
    # a group as the new partner
    ("Ukraine exported corn to Egypt. Exports to the EU also grew.", {("UKR", "EGY", "corn")}),
]


@pytest.mark.parametrize(("text", "expected"), NOT_CARRIED, ids=[c[0][:40] for c in NOT_CARRIED])
def test_goods_not_carried(text: str, expected: set) -> None:
    assert flows(text) == normal(expected)


def test_a_carried_flow_says_where_its_goods_came_from() -> None:
    from tradegraph.components.flows.carry import CARRIED as NAME
    from tradegraph.pipeline import get_pipeline

    nlp = get_pipeline()
    doc = nlp("Vietnam sold coffee to Germany. Its exports to Spain also rose.")
    extractor = nlp.get_pipe("tg_flows")
    ctx, frames = extractor.read(doc)
    from tradegraph.components.flows.carry import carry_goods

    carried = [f for f in carry_goods(ctx, frames) if f.filled_by.get("goods") == NAME]
    assert [doc[f.trigger.start].text for f in carried] == ["exports"]
    assert [g.name for g in carried[0].goods] == ["coffee"]
