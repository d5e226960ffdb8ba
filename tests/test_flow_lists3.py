"""Issue 9 phase 3 (lists3): goods lists and their distribution over a trade word's sides.

Classes of language, each with sentences written for these tests in several shapes, and near-misses that
must give nothing more:
- a range of goods: "ranging from A to B, C and D";
- goods a trade word leaves vague, listed by the next sentence: "It imported goods from X. Items included
  A and B";
- goods stated once and measured in the next sentence: "X is a net exporter of A. It exported 5,000 MUs
  to Y" (the object of the trade verb is an amount of nothing named);
- a list of destinations with their shares, the goods stated once: "gas as follows: 10 bcm to China;
  5 bcm to Russia; the rest to Iran";
- the other side from a flow stated before with a group: "X's exports to the EU rose. Exports of A to
  Spain and Germany stood out" (X, when every country named is a member of the group);
- origin adjectives: the demonym on goods a buyer depends on or picks up names the exporter ("Egypt is
  dependent on Russian and Ukrainian wheat", "Iran picked up 250,000 tons of Brazilian sugar");
- a gapped table-like list of destinations, each with its amount after a dash: "to the UAE - 1.8 times,
  Germany - 1.6 times";
- goods flows: "white sugar flows from India to Indonesia surged" ("flows" an export noun);
- goods bound for a destination: "A bound for Y", "Y-bound A", the exporter a demonym or possessor of the
  goods, or the article's other country.

Flows are (exporter, importer, commodity), the commodity normalised.
"""

from __future__ import annotations

import pytest
from flow_helpers import normal
from flow_helpers import stated_flows as flows

CASES = [
    # -- a range of goods: "ranging from A to B, C and D"
    (
        "Chile's exports to Korea grew by 8 percent, ranging from copper to wine, cherries and salmon.",
        {
            ("CHL", "KOR", "copper"),
            ("CHL", "KOR", "wine"),
            ("CHL", "KOR", "cherries"),
            ("CHL", "KOR", "salmon"),
        },
    ),
    (
        "Turkey sold goods worth $2 billion to Iraq last year, ranging from cement to furniture.",
        {("TUR", "IRQ", "cement"), ("TUR", "IRQ", "furniture")},
    ),
    (
        "Japan will import products ranging from beef to wheat and soybeans from Australia.",
        {("AUS", "JPN", "beef"), ("AUS", "JPN", "wheat"), ("AUS", "JPN", "soybeans")},
    ),
    # near-misses: a range of amounts, not of goods
    ("Kenya's exports to Egypt rose, ranging from 5 to 8 percent a month.", set()),
    ("Prices of wheat exported to Egypt ranged from $200 to $250 a tonne.", set()),
    # -- goods a trade word leaves vague, listed by the next sentence
    (
        "Ghana bought goods worth $90 million from Japan last year. Items included cars, machinery and textiles.",
        {("JPN", "GHA", "cars"), ("JPN", "GHA", "machinery"), ("JPN", "GHA", "textiles")},
    ),
    (
        "Vietnam's exports to Chile reached $1.1 billion in 2022. The main products were shoes and phones.",
        {("VNM", "CHL", "shoes"), ("VNM", "CHL", "phones")},
    ),
    (
        "Products worth $40 million were shipped from Brazil to Angola. They included sugar and poultry.",
        {("BRA", "AGO", "sugar"), ("BRA", "AGO", "poultry")},
    ),
    # near-misses
    # the trade word named its own goods: the next list is about something else
    (
        "Ghana bought cocoa from Ivory Coast last year. Items included a new port and a railway.",
        {("CIV", "GHA", "cocoa")},
    ),
    # the next sentence lists no goods
    ("Peru's exports to Japan rose 5%. The main reasons were higher prices and a weak currency.", set()),
    # the list is not the subject of the next sentence
    ("Kenya's imports from India grew. Officials said items included tea and rice.", set()),
    # two sentences on
    ("Chile's exports to Korea rose. Prices fell. Items included copper and wine.", set()),
    # no trade word before the list
    ("Kenya and India held talks. Items included tea and rice.", set()),
    # -- goods bound for a destination
    (
        "A cargo of 60,000 tonnes of Russian wheat bound for Egypt left Novorossiysk.",
        {("RUS", "EGY", "wheat")},
    ),
    (
        "The port handled 40,000 tonnes of Brazil's soybeans bound for China in May.",
        {("BRA", "CHN", "soybeans")},
    ),
    (
        "Ukrainian corn bound for Spain and Italy was loaded on Monday.",
        {("UKR", "ESP", "corn"), ("UKR", "ITA", "corn")},
    ),
    ("Iran-bound Kazakh barley is loaded at the port of Aktau.", {("KAZ", "IRN", "barley")}),
    ("China-bound iron ore from Australia was delayed by the storm.", {("AUS", "CHN", "iron ore")}),
    # near-misses: no goods, or no destination
    ("A tanker bound for India left Basra on Friday.", set()),
    ("Wheat prices in Egypt are bound to rise.", set()),
    ("Russia is bound by the deal to keep its grain exports steady.", set()),
    # -- goods stated once, an amount of them in the next sentence
    (
        "Kazakhstan is a major exporter of wheat. Last year it sold 2 million tonnes to Afghanistan.",
        {("KAZ", "AFG", "wheat")},
    ),
    (
        "Norway exports salmon to Japan. In May it shipped 3,000 tonnes to Korea.",
        {("NOR", "JPN", "salmon"), ("NOR", "KOR", "salmon")},
    ),
    (
        "Egypt imported wheat from Russia. Turkey bought around 4 million tonnes from Ukraine.",
        {("RUS", "EGY", "wheat"), ("UKR", "TUR", "wheat")},
    ),
    (
        "Bhutan is a net exporter of electricity. It sold 1,500 MUs to India in 2022.",
        {("BTN", "IND", "electricity")},
    ),
    # near-misses: several goods before, a sentence in between, goods of its own, no new side
    (
        "Chile exports copper and lithium to China. It shipped 2 million tonnes to Korea.",
        {("CHL", "CHN", "copper"), ("CHL", "CHN", "lithium")},
    ),
    ("Kenya exports tea to Egypt. Prices rose. It shipped 5,000 tonnes to Sudan.", {("KEN", "EGY", "tea")}),
    (
        "Kenya exports tea to Egypt. It shipped 5,000 tonnes of coffee to Sudan.",
        {("KEN", "EGY", "tea"), ("KEN", "SDN", "coffee")},
    ),
    ("Brazil sold soybeans to China. Egypt imported 3 million tonnes.", {("BRA", "CHN", "soybeans")}),
    # -- the other side from a flow stated before with a group of which the named countries are members
    (
        "Peru's exports to the EU rose 19% in the first half. Exports of copper to Spain and Germany stood out.",
        {("PER", "ESP", "copper"), ("PER", "DEU", "copper")},
    ),
    (
        "Kenya's sales to the European Union reached $1 billion. Tea shipments to Germany led the rise.",
        {("KEN", "DEU", "tea")},
    ),
    (
        "China's imports from ASEAN grew 8%. Imports of rice from Vietnam and Thailand doubled.",
        {("VNM", "CHN", "rice"), ("THA", "CHN", "rice")},
    ),
    # near-misses: countries outside the group, the other direction
    ("Peru's exports to the EU rose. Exports of copper to China and Japan stood out.", set()),
    ("China's imports from ASEAN grew 8%. Exports of rice to Vietnam and Thailand doubled.", set()),
    # -- a list of destinations with their shares, written with semicolons
    (
        "Turkmenistan shipped gas as follows: 10 bcm to China; 5 bcm to Russia; the rest to Iran.",
        {("TKM", "CHN", "gas"), ("TKM", "RUS", "gas"), ("TKM", "IRN", "gas")},
    ),
    (
        "Kazakhstan exported 9 million tonnes of wheat in 2023: 3 million to Iran; 2 million to Afghanistan;"
        " about one million to Turkey.",
        {("KAZ", "IRN", "wheat"), ("KAZ", "AFG", "wheat"), ("KAZ", "TUR", "wheat")},
    ),
    (
        "Supplies of Russian oil were split: half to China; a quarter to India; another to Turkey.",
        {("RUS", "CHN", "oil"), ("RUS", "IND", "oil"), ("RUS", "TUR", "oil")},
    ),
    (
        "Vietnam sold rice to the Philippines; about 40% to Indonesia and China.",
        {("VNM", "PHL", "rice"), ("VNM", "IDN", "rice"), ("VNM", "CHN", "rice")},
    ),
    # near-misses: a clause after the semicolon, not a share sent somewhere
    ("Kazakhstan exported wheat to Iran; 2 million tonnes were lost in Russia.", {("KAZ", "IRN", "wheat")}),
    ("Egypt bought wheat from Russia; 3 million people in Sudan need food aid.", {("RUS", "EGY", "wheat")}),
    ("Chile sold copper to China; the rest of the year prices fell.", {("CHL", "CHN", "copper")}),
    # -- origin adjectives on goods a buyer depends on or picks up
    (
        "Egypt has become heavily dependent on Russian and Ukrainian wheat.",
        {("RUS", "EGY", "wheat"), ("UKR", "EGY", "wheat")},
    ),
    ("Germany's dependence on Russian gas grew for a decade.", {("RUS", "DEU", "gas")}),
    (
        "Japan remains reliant on Australian coal and Qatari LNG.",
        {("AUS", "JPN", "coal"), ("QAT", "JPN", "lng")},
    ),
    (
        "Iran had picked up at least 250,000 tons of Brazilian raw sugar in May.",
        {("BRA", "IRN", "raw sugar")},
    ),
    (
        "Turkey imported Russian, Kazakh and Ukrainian wheat in 2021.",
        {("RUS", "TUR", "wheat"), ("KAZ", "TUR", "wheat"), ("UKR", "TUR", "wheat")},
    ),
    # near-misses: no buyer, no origin, no goods
    ("Russian wheat prices rose sharply in May.", set()),
    ("Egypt is heavily dependent on imports for its wheat.", set()),
    ("Kenya's economy is dependent on tourism and tea.", set()),
    ("Egyptian demand picked up in May.", set()),
    ("Reliance on Russian gas is a risk for Europe, analysts said.", set()),
    # -- flows of goods
    ("White sugar flows from India to Indonesia surged last month.", {("IND", "IDN", "white sugar")}),
    ("Oil flows from Iraq to Turkey resumed on Monday.", {("IRQ", "TUR", "oil")}),
    ("Kazakhstan's crude flows to China via the pipeline rose 5%.", {("KAZ", "CHN", "crude")}),
    # near-misses: money, trade as a whole, people
    ("Capital flows from China to Africa rose.", set()),
    ("Trade flows between Kenya and Uganda grew.", set()),
    ("Investment flows into Vietnam from Japan doubled.", set()),
    ("Flows of tourists from Russia to Turkey fell.", set()),
    # -- a gapped list of destinations, each with its amount after a dash
    (
        "Kazakh wheat exports to Iran - 1.2 million tonnes, Afghanistan - 900,000 tonnes, Uzbekistan - 500,000 tonnes.",
        {("KAZ", "IRN", "wheat"), ("KAZ", "AFG", "wheat"), ("KAZ", "UZB", "wheat")},
    ),
    (
        "Turkey's exports of cars to Germany – $2.1 billion, France – $1.4 billion, Italy – $900 million.",
        {("TUR", "DEU", "cars"), ("TUR", "FRA", "cars"), ("TUR", "ITA", "cars")},
    ),
    (
        "Supplies of Georgian wine to Russia grew 20%, to Ukraine - 2 times, Poland - 1.5 times.",
        {("GEO", "RUS", "wine"), ("GEO", "UKR", "wine"), ("GEO", "POL", "wine")},
    ),
    # near-miss: what follows the dash is no amount, the country after it no destination
    ("Kenya exported tea to Egypt - 40% more than before, Uganda said.", {("KEN", "EGY", "tea")}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_flows_of_lists(text: str, expected: set) -> None:
    assert flows(text) == normal(expected)
