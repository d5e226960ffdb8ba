"""Hedged, planned and potential flows, and the false positives around them (issue 9 phase 3, modal3).

Each case: a text written for these tests and the exact flows it states, as
(exporter, importer, commodity, modality, negated). Near-misses state nothing, or less than a careless
reading would.
"""

from __future__ import annotations

import pytest
from flow_helpers import flow_rows


def flows(text: str) -> set[tuple[str, str, str, str, bool]]:
    return flow_rows(text, normalise=False)


A, PL, PO = "actual", "planned", "potential"


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
    # near-misses: a route word carries no goods by itself ("Korea-bound corn shipments" is a flow, see
    # test_flow_lists3.py); a unit is no goods
    ("Korea-bound flights left Ukraine.", set()),
    ("Russia and Iran will launch container shipments next year.", set()),
]

# A part of the amount stated before as the subject of a passive ("The rest was supplied by Peru"): goods and
# the other side come from the flow stated just before.
PART_PASSIVE = [
    (
        "Chile bought sugar from Brazil last year. The rest was supplied by Peru.",
        {("BRA", "CHL", "sugar", A, False), ("PER", "CHL", "sugar", A, False)},
    ),
    (
        "The Philippines imported 2 million tonnes of rice from Thailand in 2008. The bulk, or around 1.2 "
        "million tonnes, were supplied by Vietnam.",
        {("THA", "PHL", "rice", A, False), ("VNM", "PHL", "rice", A, False)},
    ),
    (
        "Brazil sold 3 million tonnes of soybeans to Iran. The bulk was bought by China.",
        {("BRA", "IRN", "soybeans", A, False), ("BRA", "CHN", "soybeans", A, False)},
    ),
    (
        "Egypt bought wheat from Russia. Half of it was sold by France.",
        {("RUS", "EGY", "wheat", A, False), ("FRA", "EGY", "wheat", A, False)},
    ),
    # near-misses: no country in the by-phrase; a part of something else
    (
        "Kenya exported 500,000 tonnes of tea to Egypt. Most was shipped by sea.",
        {("KEN", "EGY", "tea", A, False)},
    ),
    (
        "Kenya exported 500,000 tonnes of tea to Egypt. The rest of the talks were hosted by Oman.",
        {("KEN", "EGY", "tea", A, False)},
    ),
]

# A finite trade verb has a subject of its own: the modal of the clause around it does not reach it.
FINITE = [
    (
        "Completion of the pipeline will allow Turkmenistan to increase the volume of natural gas it supplies "
        "to China.",
        {("TKM", "CHN", "natural gas", A, False)},
    ),
    (
        "The new port will raise the amount of rice Vietnam sells to the Philippines.",
        {("VNM", "PHL", "rice", A, False)},
    ),
    ("Kazakhstan plans to double the wheat it exports to Iran.", {("KAZ", "IRN", "wheat", A, False)}),
    # near-misses: a bare verb after the modal or "to" is in its scope; so is a verb after "if"
    ("Kazakhstan plans to export wheat to Iran.", {("KAZ", "IRN", "wheat", PL, False)}),
    ("Chile will sell copper to China.", {("CHL", "CHN", "copper", PL, False)}),
    ("If Russia supplies gas to Turkey, prices will fall.", {("RUS", "TUR", "gas", PO, False)}),
]

# A prevention's object is the goods of the passive after it; a prevention that does not happen ("will not
# stop") leaves the flow as it is.
PREVENTION = [
    (
        "The pause will not prevent Mexican avocados from being shipped to the United States.",
        {("MEX", "USA", "avocados", A, False)},
    ),
    (
        "The strike did not stop Chilean copper from being exported to South Korea.",
        {("CHL", "KOR", "copper", A, False)},
    ),
    ("The ban prevents Indian rice from being sold to Nepal.", {("IND", "NPL", "rice", A, True)}),
    (
        "The new rules prevented Kenyan tea from being exported to Iran last year.",
        {("KEN", "IRN", "tea", A, True)},
    ),
    # near-miss: no goods
    ("The floods will not prevent farmers from being paid.", set()),
]

# The country whose needs a supply meets is its importer, after any destination the sentence names.
NEEDS = [
    (
        "Qatar will help meet Germany's energy needs with LNG supplies.",
        {("QAT", "DEU", "lng", PL, False)},
    ),
    ("Australia supplies coal to meet Japan's power needs.", {("AUS", "JPN", "coal", A, False)}),
    ("Brazil exports soybeans to cover China's growing demand.", {("BRA", "CHN", "soybeans", A, False)}),
    (
        "Norway can meet Poland's gas requirements with a steady supply of natural gas.",
        {("NOR", "POL", "natural gas", PO, False)},
    ),
    # near-miss: the destination named with "to" is the importer, not the country whose demand is met
    (
        "Vietnam's rice exports to the Philippines rose to meet Indonesia's demand.",
        {("VNM", "PHL", "rice", A, False)},
    ),
]

# Standard short forms of country names (scripts/curated/country_alt_names.tsv).
SHORT_FORMS = [
    ("PNG ships LNG to Japan.", {("PNG", "JPN", "lng", A, False)}),
    ("NZ exports dairy products to China.", {("NZL", "CHN", "dairy products", A, False)}),
    ("N. Korea buys oil from Russia.", {("RUS", "PRK", "oil", A, False)}),
    ("S. Korea imports beef from Australia.", {("AUS", "KOR", "beef", A, False)}),
    ("BiH exports timber to Croatia.", {("BIH", "HRV", "timber", A, False)}),
    ("S. Africa sells coal to India.", {("ZAF", "IND", "coal", A, False)}),
]

# An order placed is a purchase not yet delivered (planned); an amount may open with "a record", "a further".
ORDERS = [
    (
        "Japan has ordered a record 10,000 tons of Taiwanese pineapples.",
        {("TWN", "JPN", "pineapples", PL, False)},
    ),
    ("Egypt ordered 60,000 tonnes of wheat from Russia.", {("RUS", "EGY", "wheat", PL, False)}),
    ("Vietnam is ordering more Indian rice.", {("IND", "VNM", "rice", PL, False)}),
    ("Japan bought a further 10,000 tons of Taiwanese pineapples.", {("TWN", "JPN", "pineapples", A, False)}),
    ("Egypt bought an extra 2 million tonnes of wheat from Russia.", {("RUS", "EGY", "wheat", A, False)}),
    # near-misses: an order that is no purchase; "order" as a noun
    ("The president ordered the ministry to review the budget.", set()),
    ("Chile ordered an investigation into the port.", set()),
    ("Soybean shipments, in declining order, went to Spain and Italy.", set()),
]

# Goods named before the purpose of a trade noun ("A for delivery in Y", "A for export to Y"); a delivery in a
# country is a delivery to it.
PURPOSE = [
    (
        "Two vessels will be loaded with Brazilian soybeans for delivery in Argentina.",
        {("BRA", "ARG", "soybeans", PL, False)},
    ),
    ("Traders bought Ukrainian corn for shipment to Spain.", {("UKR", "ESP", "corn", A, False)}),
    (
        "Farmers in Kazakhstan stored 2 million tonnes of wheat for export to Iran.",
        {("KAZ", "IRN", "wheat", A, False)},
    ),
    # near-misses: a delivery date is no place; a trade noun that names no goods
    ("The ship carried Australian coal for delivery in March.", set()),
    ("The government set aside funds for export promotion.", set()),
]

# A stop that is only planned or possible is no stop yet: the flow it would stop goes on. A stop under a
# condition says nothing of the kind; a stop that happened negates the flow.
PLANNED_STOP = [
    ("India plans to ban rice exports to Nepal.", {("IND", "NPL", "rice", A, False)}),
    (
        "Belgium is set to shut the door on rising exports of diesel to Nigeria.",
        {("BEL", "NGA", "diesel", A, False)},
    ),
    ("China may suspend imports of Japanese seafood.", {("JPN", "CHN", "seafood", A, False)}),
    # near-misses: the stop happened; a modal that does not govern the stop
    ("India banned rice exports to Nepal.", {("IND", "NPL", "rice", A, True)}),
    ("Belgium shut the door on exports of diesel to Nigeria.", {("BEL", "NGA", "diesel", A, True)}),
    ("Egypt will import wheat from Russia.", {("RUS", "EGY", "wheat", PL, False)}),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    LENDING
    + COORDINATED
    + GET
    + VERB_GOODS_NOUN
    + PART_PASSIVE
    + FINITE
    + PREVENTION
    + NEEDS
    + SHORT_FORMS
    + ORDERS,
    ids=lambda v: str(v)[:50],
)
def test_modal3_flows(text: str, expected: set) -> None:
    assert flows(text) == expected
