"""Hedged, planned and potential flows, and the false positives around them (issue 9 phase 3, modal3).

Each case: a text written for these tests and the exact flows it states, as
(exporter, importer, commodity, modality, negated). Near-misses state nothing, or less than a careless
reading would.
"""

from __future__ import annotations

import pytest

from tradegraph.extract import extract_text

A, PL, PO = "actual", "planned", "potential"


def flows(text: str) -> set[tuple[str, str, str, str, bool]]:
    return {
        (f.exporter, f.importer, f.commodity.name, f.modality, f.negated)
        for f in extract_text(text).trade_flows
    }


# A banned or halted flow lends its sides to no other; the article's two main countries stand in for a
# partner the sentence leaves unsaid only when the sentence names no other side itself.
LENDING = [
    (
        "Kazakhstan and Afghanistan discussed trade. Kazakhstan expects to export 9 million tonnes of barley "
        "this year and is ready to ship more flour to Afghanistan.",
        {("KAZ", "AFG", "flour", PO, False)},
    ),
    (
        "Ghana and Togo held talks. Ghana will sell 2 million tonnes of cocoa this season and plans to ship "
        "cement to Togo.",
        {("GHA", "TGO", "cement", PL, False)},
    ),
    (
        "Canada and Russia trade little. Canada banned imports of Russian aluminium in March, but deliveries "
        "of nickel from Moscow continued.",
        {("RUS", "CAN", "aluminium", A, True)},
    ),
    (
        "Japan and China are at odds. Japan has suspended purchases of Chinese steel, while shipments of "
        "coal from Beijing have risen.",
        {("CHN", "JPN", "steel", A, True)},
    ),
    # the article's pair still fills a sentence that names no other side
    (
        "Kazakhstan and Afghanistan discussed trade. Kazakhstan exported more barley this year.",
        {("KAZ", "AFG", "barley", A, False)},
    ),
    (
        "Canada and Russia trade little. Deliveries of nickel from Moscow continued.",
        {("RUS", "CAN", "nickel", A, False)},
    ),
]

# A verb phrase coordinated with a modal of its own ("and could ship") is a clause of its own: the countries
# of the first are not its sides, and it shares the first one's subject.
COORDINATED = [
    (
        "India banned onion exports to Bangladesh and could ship rice to Nepal.",
        {("IND", "BGD", "onion", A, True), ("IND", "NPL", "rice", PO, False)},
    ),
    (
        "Egypt halted wheat imports from Ukraine and may buy wheat from Romania instead.",
        {("UKR", "EGY", "wheat", A, True), ("ROU", "EGY", "wheat", PO, False)},
    ),
    (
        "Japan stopped buying Russian coal and will import coal from Australia.",
        {("RUS", "JPN", "coal", A, True), ("AUS", "JPN", "coal", PL, False)},
    ),
    (
        "Brazil is the top supplier of soybeans to China and will ship corn to Iran.",
        {("BRA", "CHN", "soybeans", A, False), ("BRA", "IRN", "corn", PL, False)},
    ),
]

# "get A from X": a purchase only with the source named.
GET = [
    (
        "Poland wants to stop importing Russian coal and may get coal from Australia instead.",
        {("RUS", "POL", "coal", A, True), ("AUS", "POL", "coal", PO, False)},
    ),
    ("Japan gets most of its LNG from Australia.", {("AUS", "JPN", "lng", A, False)}),
    ("Turkey got 40 percent of its wheat from Russia last year.", {("RUS", "TUR", "wheat", A, False)}),
    ("Chile is getting more sugar from Brazil.", {("BRA", "CHL", "sugar", A, False)}),
    # near-misses: no goods, no source, a group, no country
    ("Kenya got support from China.", set()),
    ("Egypt gets loans from Saudi Arabia.", set()),
    ("Chile and Peru met. Peru will get wheat.", set()),
    ("Farmers in Ghana get good prices for cocoa from buyers.", set()),
]

# The subject of a verb whose object is a trade noun with its goods before it: "China eyes beef imports".
VERB_GOODS_NOUN = [
    (
        "China eyes beef imports from Argentina, Brazil",
        {("ARG", "CHN", "beef", PO, False), ("BRA", "CHN", "beef", PO, False)},
    ),
    ("Argentina resumed beef exports to Chile.", {("ARG", "CHL", "beef", A, False)}),
    ("Vietnam is eyeing rice exports to Indonesia.", {("VNM", "IDN", "rice", PO, False)}),
    ("Egypt halted wheat imports from Ukraine.", {("UKR", "EGY", "wheat", A, True)}),
    # near-misses: a route word is no verb; a unit is no goods
    ("Korea-bound corn shipments left Ukraine.", set()),
    ("Russia and Iran will launch container shipments next year.", set()),
]


@pytest.mark.parametrize(
    ("text", "expected"), LENDING + COORDINATED + GET + VERB_GOODS_NOUN, ids=lambda v: str(v)[:50]
)
def test_modal3_flows(text: str, expected: set) -> None:
    assert flows(text) == expected
