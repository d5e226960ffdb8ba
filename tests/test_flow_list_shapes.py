"""Written lists of goods the trade-flow rules read, in the shapes news writes them (sentences written for
these tests), each with the exact flows it states, and near-misses that must give nothing.

(exporter, importer, commodity, modality, negated); commodities compared as the scorer does.
"""

from __future__ import annotations

import pytest
from flow_helpers import flow_rows as flows

from tradegraph.normalize import normalize_commodity

A, PL, PO = "actual", "planned", "potential"


def expect(*rows) -> set[tuple[str, str, str, str, bool]]:
    out = set()
    for exporter, importers, goods, *rest in rows:
        for importer in importers.split():
            for commodity in goods.split(","):
                modality = rest[0] if rest else A
                out.add((exporter, importer, normalize_commodity(commodity.strip()), modality, False))
    return out


CASES = [
    # A passive whose subject is a list of items, each with a phrase after its head (where it is made,
    # which plant it comes from); the destinations follow the verb.
    (
        "Urea made in Karakalpakstan, polyethylene and polypropylene from the plant near the capital, and "
        "cement from the new factory in the south are sent regularly from Uzbekistan to Kazakhstan, "
        "Tajikistan and other countries.",
        expect(("UZB", "KAZ TJK", "urea, polyethylene, polypropylene, cement")),
    ),
    (
        "Cars made in Japan, tyres from the factory in Osaka and spare parts are sent regularly to Kenya and "
        "Uganda.",
        expect(("JPN", "KEN UGA", "cars, tyres, spare parts")),
    ),
    (
        "Wheat grown in Kazakhstan, barley from the northern farms and flour were shipped to Afghanistan.",
        expect(("KAZ", "AFG", "wheat, barley, flour")),
    ),
    (
        "Salmon farmed in Norway, cod caught in the Barents Sea and herring will be delivered to China.",
        expect(("NOR", "CHN", "salmon, cod, herring", PL)),
    ),
    # Table-like lists: an amount (and a share) after each item's name.
    (
        "Chile's exports to South Korea consist of copper – $2.1 billion (40%), wine – $300 million (6%) and "
        "cherries – $250 million.",
        expect(("CHL", "KOR", "copper, wine, cherries")),
    ),
    (
        "Vietnam's main exports to Japan were shrimp ($1.2 billion), coffee ($400 million) and natural rubber "
        "$90 million.",
        expect(("VNM", "JPN", "shrimp, coffee, natural rubber")),
    ),
    (
        "Imports from Thailand to Laos were led by fuel - $310 million (22.5%), vehicles - $120 million and "
        "sugar $45 million.",
        expect(("THA", "LAO", "fuel, vehicles, sugar")),
    ),
    # Items separated by semicolons, with amounts or commas of their own; the destination after the last.
    (
        "Last year the border posts cleared the export of 40,000 tonnes of onions; 12,000 tonnes of "
        "apricots; and 3,500 tonnes of walnuts from Tajikistan to Russia.",
        expect(("TJK", "RUS", "onions, apricots, walnuts")),
    ),
    (
        "Turkey supplies Iraq with furniture, glass and paper products; cars and trucks; and cement.",
        expect(("TUR", "IRQ", "furniture, glass, paper products, cars, trucks, cement")),
    ),
    (
        "Malaysia will export palm oil; natural rubber; and frozen seafood to Saudi Arabia.",
        expect(("MYS", "SAU", "palm oil, natural rubber, frozen seafood", PL)),
    ),
    # Countries listed with an aside in brackets after each.
    (
        "Kazakhstan shipped grain to Uzbekistan (2 million tons), Tajikistan (1 million tons) and "
        "Afghanistan (2.1 million tons).",
        expect(("KAZ", "UZB TJK AFG", "grain")),
    ),
    (
        "Kenya exported tea to Pakistan (40%), Egypt (20%), and Sudan (9%) in June.",
        expect(("KEN", "PAK EGY SDN", "tea")),
    ),
    # Goods introduced by "led by", "dominated by", "focused on".
    (
        "South Korea's exports to Saudi Arabia were worth $3.9 billion and focused on cars, steel and tyres.",
        expect(("KOR", "SAU", "cars, steel, tyres")),
    ),
    (
        "Iran and Iraq trade. Imports from Iran were dominated by gas and electricity.",
        expect(("IRN", "IRQ", "gas, electricity")),
    ),
    # A participle with its phrase inside one item of the list.
    (
        "Turkey's exports to Iraq include furniture made of wood ($200 million), carpets and glassware.",
        expect(("TUR", "IRQ", "furniture, carpets, glassware")),
    ),
    (
        "Egypt shipped to Libya cables produced from copper, paint and steel bars.",
        expect(("EGY", "LBY", "cables, paint, steel bars")),
    ),
    # An amount after an item belongs to it and the list goes on after it: "worth", "at", "to the value of".
    (
        "Japan exported computers worth $9 billion, toys worth $3 billion and furniture to China.",
        expect(("JPN", "CHN", "computers, toys, furniture")),
    ),
    (
        "Germany sold machinery to the value of 9.3 billion euros, motor vehicles to the value of 5.3 billion"
        " euros (+18.3%) and chemicals to the amount of 3.5 billion euros to China.",
        expect(("DEU", "CHN", "machinery, motor vehicles, chemicals")),
    ),
    (
        "Brazil's main exports to Chile were soybeans at 40%, beef at 22% and coffee.",
        expect(("BRA", "CHL", "soybeans, beef, coffee")),
    ),
    # A list of goods in brackets after an item names its examples (a single word is a gloss).
    (
        "Peru's exports of minerals (copper and zinc) to Spain rose.",
        expect(("PER", "ESP", "copper, zinc")),
    ),
    (
        "Kenya will export fruit (mangoes, avocados and pineapples) to the UAE.",
        expect(("KEN", "ARE", "mangoes, avocados, pineapples", PL)),
    ),
    # A possessive country in front of the goods names their origin: "buyer of Vietnam's coffee".
    ("Germany is the biggest buyer of Vietnam's coffee.", expect(("VNM", "DEU", "coffee"))),
    ("China increased imports of Brazil's soybeans by 10%.", expect(("BRA", "CHN", "soybeans"))),
    ("Egypt will buy Russia's wheat and barley.", expect(("RUS", "EGY", "wheat, barley", PL))),
    # an amount after an item, then a new clause: not one more item
    (
        "Chile exported copper worth $9 billion to China and its economy grew.",
        expect(("CHL", "CHN", "copper")),
    ),
    # A participle before a word for goods opens a noun phrase like "import goods", not a verb.
    (
        "Germany's imports from China grew. The most important imported goods from China were computers"
        " to the amount of 9.3 billion euros, phones (8.4 billion euros) as well as toys and furniture.",
        expect(("CHN", "DEU", "computers, phones, toys, furniture")),
    ),
    (
        "Kenya's main exported products to Egypt are tea, coffee and flowers.",
        expect(("KEN", "EGY", "tea, coffee, flowers")),
    ),
    (
        "The top exported commodities to India were copper and zinc, Peru said.",
        expect(("PER", "IND", "copper, zinc")),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_list_shape_gives_its_flows(text: str, expected: set) -> None:
    found = flows(text)
    assert found == expected, f"\n  missing: {expected - found}\n  spurious: {found - expected}"


NEGATIVES = [
    # a list of people sent, not goods
    "Officials from the ministry in Astana, traders and farmers were sent to Iran.",
    # amounts of trade with no goods named
    "Kenya's exports to Uganda were $600 million (up 8%), imports $200 million.",
    # a semicolon that ends the clause: what follows is not one more item of the list
    "Kazakhstan and Iran trade. Wheat prices rose; cement and steel became cheaper in Iran.",
    # goods stocked in a country, no partner named
    "Wheat stored in silos near the border, barley and maize are sold at auctions.",
    # a participle before "goods" that is the verb of its subject: vague goods, no flow
    "The company imported goods worth $5 million from China.",
    # a possessive country before what is no goods
    "India is the top buyer of Malaysia's largest export.",
    "Kenya exported goods worth $5 million to Egypt, officials said.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_list_near_miss_gives_no_flow(text: str) -> None:
    assert flows(text) == set()
