"""False positives and wrong modality by classes of language (issue 9, prec4).

Each case: a text written for these tests and the exact flows it states, as
(exporter, importer, commodity, modality, negated). Near-misses state nothing, or less than a careless
reading would.
"""

from __future__ import annotations

import pytest
from test_flow_modal3 import PL, PO, A, flows

from tradegraph.extract import extract_text
from tradegraph.pipeline import get_pipeline

# A trade word used as a plain noun, the subject of a speech verb or the informants of a report: "trade
# sources told Reuters", "industry sources said", "according to market sources". It states no flow.
INFORMANTS = [
    "Trade sources told Reuters that Egypt bought wheat.",
    "Industry sources said Japan paid more for LNG from Qatar.",
    "Several sources familiar with the deal said India would import oil.",
    "Market sources say the cargo of Russian wheat was late.",
    "According to industry sources, LNG cargoes from Qatar to Japan were delayed.",
    "Two sources close to the talks said Ghana sold cocoa to the Netherlands.",
]


@pytest.mark.parametrize("text", INFORMANTS)
def test_informant_nouns_are_no_trade_words(text: str) -> None:
    doc = get_pipeline()(text)
    assert "sources" not in {span.text.lower() for span in doc.spans["trade_triggers"]}


INFORMANT_FLOWS = [
    ("Trade sources told Reuters that Egypt bought wheat from Russia.", {("RUS", "EGY", "wheat", A, False)}),
    (
        "Two sources close to the talks said Ghana sold cocoa to the Netherlands.",
        {("GHA", "NLD", "cocoa", A, False)},
    ),
    # the verb 'source' still states a purchase
    ("Egypt sources most of its wheat from Russia.", {("RUS", "EGY", "wheat", A, False)}),
    ("India sourced palm oil from Malaysia last year.", {("MYS", "IND", "palm oil", A, False)}),
]

# A time phrase after the goods ends them: "exported wheat last year", "shipped corn this season".
TIME_PHRASES = [
    (
        "Kazakhstan and Iran signed a grain deal. Kazakhstan exported wheat last year.",
        {("KAZ", "IRN", "wheat", A, False)},
    ),
    (
        "Kazakhstan and Iran signed a grain deal. Kazakhstan exported 2 million tonnes of wheat last year.",
        {("KAZ", "IRN", "wheat", A, False)},
    ),
    ("Brazil shipped 2 million tonnes of corn this season to China.", {("BRA", "CHN", "corn", A, False)}),
    ("Ukraine sold sunflower oil last month to India.", {("UKR", "IND", "sunflower oil", A, False)}),
    ("Vietnam will export rice next year to the Philippines.", {("VNM", "PHL", "rice", PL, False)}),
    ("Chile exported cherries every winter to China.", {("CHL", "CHN", "cherries", A, False)}),
    ("Australia sells about 40 million tonnes of coal a year to Japan.", {("AUS", "JPN", "coal", A, False)}),
    # near-misses: a time word inside a name, and a time phrase with no goods before it
    ("Peru exported fresh summer fruit to Canada.", {("PER", "CAN", "fresh summer fruit", A, False)}),
    ("Kenya and Egypt met. Kenya exported more last year.", set()),
]

# A country list after 'from'/'to' ends where a new clause begins with a country as its subject:
# "buys LNG from Qatar and Australia, and Nigeria sells oil to India".
LIST_RUN_ON = [
    (
        "Japan buys LNG from Qatar and Australia, and Nigeria sells oil to India.",
        {("QAT", "JPN", "lng", A, False), ("AUS", "JPN", "lng", A, False), ("NGA", "IND", "oil", A, False)},
    ),
    (
        "Egypt imports wheat from Russia and Ukraine, and France is a big grower of barley.",
        {("RUS", "EGY", "wheat", A, False), ("UKR", "EGY", "wheat", A, False)},
    ),
    (
        "Chile sold copper to China and Japan, and Peru has also become a supplier.",
        {("CHL", "CHN", "copper", A, False), ("CHL", "JPN", "copper", A, False)},
    ),
    (
        "Kenya exported tea to Pakistan, Egypt and Sudan, and Uganda said it would follow.",
        {("KEN", "PAK", "tea", A, False), ("KEN", "EGY", "tea", A, False), ("KEN", "SDN", "tea", A, False)},
    ),
    (
        "Egypt imports wheat from Russia, and France is a big grower of barley.",
        {("RUS", "EGY", "wheat", A, False)},
    ),
    (
        "Japan and Peru met. Japan buys copper from Chile, and Peru mined more zinc.",
        {("CHL", "JPN", "copper", A, False)},
    ),
    (
        "Kenya exported tea to Pakistan and Egypt last year, while Uganda will ship coffee to Sudan.",
        {
            ("KEN", "PAK", "tea", A, False),
            ("KEN", "EGY", "tea", A, False),
            ("UGA", "SDN", "coffee", PL, False),
        },
    ),
    # a country after ", and" that receives a bare amount is the other end of the same deliveries
    (
        "Russia will sell 2 million tonnes of wheat to Egypt, and Turkey will buy 500,000 tonnes.",
        {("RUS", "EGY", "wheat", PL, False), ("RUS", "TUR", "wheat", PL, False)},
    ),
    (
        "Qatar shipped LNG to Japan, and Korea received 2 million tonnes.",
        {("QAT", "JPN", "lng", A, False), ("QAT", "KOR", "lng", A, False)},
    ),
    ("Russia will sell wheat to Egypt, and Turkey will buy corn.", {("RUS", "EGY", "wheat", PL, False)}),
    # near-misses: lists that go on, with and without a serial comma
    (
        "Egypt imports wheat from Russia, Ukraine, and France.",
        {
            ("RUS", "EGY", "wheat", A, False),
            ("UKR", "EGY", "wheat", A, False),
            ("FRA", "EGY", "wheat", A, False),
        },
    ),
    (
        "Egypt imports wheat from Russia and Ukraine, and from France.",
        {
            ("RUS", "EGY", "wheat", A, False),
            ("UKR", "EGY", "wheat", A, False),
            ("FRA", "EGY", "wheat", A, False),
        },
    ),
]

# An object relative: the country before 'which' receives what the subject of the relative clause sends.
OBJECT_RELATIVES = [
    ("Korea, which Japan supplies with coal, is growing fast.", {("JPN", "KOR", "coal", A, False)}),
    (
        "India, which Russia supplied with crude oil last year, paid in rupees.",
        {("RUS", "IND", "crude oil", A, False)},
    ),
    ("Egypt, which Russia sells most of its wheat to, paid in dollars.", {("RUS", "EGY", "wheat", A, False)}),
    ("Peru, which China buys copper from, raised taxes.", {("PER", "CHN", "copper", A, False)}),
    ("Vietnam, to which China ships steel, raised tariffs.", {("CHN", "VNM", "steel", A, False)}),
    # near-misses: a subject relative; nothing supplied
    ("Korea, which supplies Japan with steel, is growing fast.", {("KOR", "JPN", "steel", A, False)}),
    ("Korea, which Japan supplies with care, is growing fast.", set()),
]

# A share of what a country consumes or produces names no partner: "Japan imports 90% of the oil it
# consumes" says nothing of where from, even in an article about Japan and Saudi Arabia.
OWN_USE = [
    (
        "Saudi Arabia and Japan held talks. Japan imports about 90 percent of the crude oil it consumes.",
        set(),
    ),
    ("Taiwan and Japan met. Japan currently imports 15 percent of the pineapples it eats.", set()),
    ("Russia and Egypt talked. Egypt imports about 60% of its wheat needs.", set()),
    ("Iran and Kazakhstan met. Kazakhstan exports half of the wheat it grows.", set()),
    ("China and Chile met. Chile sells most of the copper it produces abroad.", set()),
    # the partner named with it still counts
    (
        "Egypt imports about 60 percent of the wheat it consumes from Russia.",
        {("RUS", "EGY", "wheat", A, False)},
    ),
    ("Japan buys 30% of the coal it burns from Australia.", {("AUS", "JPN", "coal", A, False)}),
    # near-miss: a share of a partner's imports (test_flow_rank3.py) is not a share of consumption
    ("Saudi Arabia and Japan held talks. Japan imports crude oil.", {("SAU", "JPN", "crude oil", A, False)}),
]

# A country inside an organisation's name is no party and does not make the article's pair.
ORGANISATIONS = [
    ("The Taiwan External Trade Development Council said Japan buys bananas.", set()),
    ("Officials of the Vietnam Coffee and Cocoa Association said Germany buys coffee.", set()),
    ("The head of the Kenya Tea Development Agency said Egypt imported tea.", set()),
    (
        "The Ghana Cocoa Board said exports rose. Ghana sells cocoa to the Netherlands.",
        {("GHA", "NLD", "cocoa", A, False)},
    ),
    # the country named as a country, too, still counts
    (
        "The Vietnam Food Association said Vietnam exported rice. Vietnam and the Philippines signed a deal.",
        {("VNM", "PHL", "rice", A, False)},
    ),
]

# A change noun in front of a supply names a figure of the supply, not a flow: it takes no partner from the
# sentence's other trade words or the article's pair ("as Berlin seeks partners after a plunge in gas supply
# from Russia").
CHANGE_NOUNS = [
    (
        "Qatar agreed to export LNG to Germany after a plunge in gas supply from Russia.",
        {("QAT", "DEU", "lng", PL, False)},
    ),
    (
        "Japan will buy more coal from Australia, following a drop in coal shipments from Russia.",
        {("AUS", "JPN", "coal", PL, False)},
    ),
    ("Egypt and Ukraine met. A collapse in wheat deliveries from Ukraine hurt millers.", set()),
    # the sides named with the noun still count
    ("A drop in gas supplies from Russia to Germany hit industry.", {("RUS", "DEU", "gas", A, False)}),
]

# Goods sent abroad or bought from foreign markets go to or come from no country the article's context
# supplies; a part of the amount named with its own origin or destination still states that flow.
UNNAMED_PARTNERS = [
    ("Kazakhstan and China met. Kazakh producers will export vegetable oil abroad.", set()),
    ("Chile and Peru met. Peru exports most of its copper to foreign markets.", set()),
    ("Egypt and Russia met. Egypt buys more wheat from overseas this year.", set()),
    ("India and Iran met. India sells tea to neighbouring countries.", set()),
    ("Japan and Qatar met. Japan imports LNG from many other countries.", set()),
    # the partner named with it still counts
    ("Kazakhstan exports wheat abroad, mainly to Iran.", {("KAZ", "IRN", "wheat", A, False)}),
    (
        "Poland bought 20 million tons of coal from abroad, of which 13 million was from Russia.",
        {("RUS", "POL", "coal", A, False)},
    ),
    (
        "Kenya and Egypt met. Kenya exported 500,000 tonnes of tea abroad, of which half went to Pakistan.",
        {("KEN", "PAK", "tea", A, False)},
    ),
    # near-miss: the part says nothing of a country
    ("Egypt imported 12 million tonnes of wheat, of which 8 million was milled locally.", set()),
]

# A trade noun as the subject of a future or possible verb: "gas supplies ... will be distributed to Y".
NOUN_SUBJECT_MODALITY = [
    (
        "Gas supplies from Azerbaijan will be distributed to Turkey and Greece.",
        {("AZE", "TUR", "gas", PL, False), ("AZE", "GRC", "gas", PL, False)},
    ),
    (
        "Wheat exports from Kazakhstan to Iran will reach 2 million tonnes.",
        {("KAZ", "IRN", "wheat", PL, False)},
    ),
    ("Shipments of Chilean copper to China could rise sharply.", {("CHL", "CHN", "copper", PO, False)}),
    ("Deliveries of Russian oil to India may double.", {("RUS", "IND", "oil", PO, False)}),
    # near-misses: the modal belongs to another clause, or no modal at all
    (
        "Wheat exports from Kazakhstan to Iran rose, and prices will fall.",
        {("KAZ", "IRN", "wheat", A, False)},
    ),
    ("Shipments of Chilean copper to China rose sharply.", {("CHL", "CHN", "copper", A, False)}),
]

# A trade verb's -ing form before "of" is a noun of the trade: "commenced shipping of fertilizers to Iran".
GERUND_NOUNS = [
    ("Russia has commenced shipping of fertilizers to Iran.", {("RUS", "IRN", "fertilizers", A, False)}),
    ("The selling of Russian wheat to Egypt resumed.", {("RUS", "EGY", "wheat", A, False)}),
    ("Kazakhstan started the exporting of flour to Afghanistan.", {("KAZ", "AFG", "flour", A, False)}),
    # a stop that is only planned is no stop yet (modality.modality_at): the imports go on
    ("The importing of used cars from Japan will stop in Kenya.", {("JPN", "KEN", "used cars", A, False)}),
    # near-misses: no goods, or transit
    ("The shipping of goods is costly.", set()),
    ("The shipping of wheat through Turkey grew.", set()),
]

# The month May is no modal: "shipped soybeans to China in May" is actual.
MONTH_MAY = [
    ("Brazil began shipping of soybeans to China in May.", {("BRA", "CHN", "soybeans", A, False)}),
    ("Brazil has shipped soybeans to China since May.", {("BRA", "CHN", "soybeans", A, False)}),
    ("Peru sold copper to Korea last May.", {("PER", "KOR", "copper", A, False)}),
    # near-miss: the modal itself
    ("Brazil may ship soybeans to China.", {("BRA", "CHN", "soybeans", PO, False)}),
]

# Materials coordinated before one form share it: "iron and steel rods" are iron rods and steel rods.
SHARED_FORMS = [
    (
        "Iran exported iron and steel rods, carpets and dates to Iraq.",
        {
            ("IRN", "IRQ", "iron rods", A, False),
            ("IRN", "IRQ", "steel rods", A, False),
            ("IRN", "IRQ", "carpets", A, False),
            ("IRN", "IRQ", "dates", A, False),
        },
    ),
    (
        "Chile sells copper and aluminium wires to Peru.",
        {("CHL", "PER", "copper wires", A, False), ("CHL", "PER", "aluminium wires", A, False)},
    ),
    # near-misses: goods of another kind, and a list of bare metals before the form
    (
        "Kazakhstan exports wheat and steel pipes to Iran.",
        {("KAZ", "IRN", "wheat", A, False), ("KAZ", "IRN", "steel pipes", A, False)},
    ),
    (
        "Kazakhstan exports copper, zinc and steel pipes to Iran.",
        {
            ("KAZ", "IRN", "copper", A, False),
            ("KAZ", "IRN", "zinc", A, False),
            ("KAZ", "IRN", "steel pipes", A, False),
        },
    ),
]

# "its" in a clause with a country as its subject is that country's ("Uganda raised its exports"), not the
# exporter of the flow before; a copula's subject is not ("Saudi Arabia was its top supplier").
CLAUSE_SUBJECT_ITS = [
    ("Kenya sells tea to Egypt. Uganda raised its exports of coffee.", {("KEN", "EGY", "tea", A, False)}),
    (
        "Kenya sells tea to Egypt. Uganda raised its exports of coffee to Sudan.",
        {("KEN", "EGY", "tea", A, False), ("UGA", "SDN", "coffee", A, False)},
    ),
    ("Chile sells copper to China. Peru has cut its exports of zinc.", {("CHL", "CHN", "copper", A, False)}),
    (
        "Japan buys LNG from Qatar. Korea doubled its purchases of LNG from Qatar.",
        {("QAT", "JPN", "lng", A, False), ("QAT", "KOR", "lng", A, False)},
    ),
    # near-misses: a copula, a description, a list
    (
        "South Korea imports much oil. Saudi Arabia was its top crude supplier.",
        {("SAU", "KOR", "oil", A, False), ("SAU", "KOR", "crude", A, False)},
    ),
    (
        "Iran exported gas to Turkey. Later, the country raised its exports of oil to Iraq.",
        {("IRN", "TUR", "gas", A, False), ("IRN", "IRQ", "oil", A, False)},
    ),
    ("Kenya sells tea to Egypt and its neighbours.", {("KEN", "EGY", "tea", A, False)}),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    INFORMANT_FLOWS
    + TIME_PHRASES
    + LIST_RUN_ON
    + OBJECT_RELATIVES
    + OWN_USE
    + ORGANISATIONS
    + CHANGE_NOUNS
    + UNNAMED_PARTNERS
    + GERUND_NOUNS
    + MONTH_MAY
    + SHARED_FORMS
    + CLAUSE_SUBJECT_ITS
    + NOUN_SUBJECT_MODALITY,
)
def test_prec4_flows(text: str, expected: set) -> None:
    assert flows(text) == expected


# A country's name is a country only where it is one: "a PNG file" is an image format, "the Indian Ocean" a
# sea, "US dollars" a currency.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Save the chart as a PNG file.", set()),
        ("The PNG image shows the route.", set()),
        ("Export the map in PNG format.", set()),
        ("PNG exports LNG to Japan.", {"PNG", "JPN"}),
        ("Papua New Guinea and Japan met. PNG also sells gold to Australia.", {"PNG", "JPN", "AUS"}),
        # a sea or a currency named after a country is no mention of it
        ("Kenya shipped tea to Egypt from the Indian Ocean port of Mombasa.", {"KEN", "EGY"}),
        ("The tanker sailed through the Sea of Oman towards Pakistan.", {"PAK"}),
        ("Vietnam and the Philippines met near the South China Sea.", {"VNM", "PHL"}),
        ("Exports reached 12 billion US dollars, Ghana said.", {"GHA"}),
        ("Egypt paid 3 billion Saudi riyals for the cargo.", {"EGY"}),
        # near-misses: the country named as a country
        ("Oman and India met. The sea route to India is short.", {"OMN", "IND"}),
        ("The US sells corn to Mexico, and the dollar rose.", {"USA", "MEX"}),
    ],
)
def test_short_country_names_need_context(text: str, expected: set) -> None:
    assert {c.iso3 for c in extract_text(text, doc_id="case").countries} == expected
