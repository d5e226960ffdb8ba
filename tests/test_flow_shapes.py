"""More sentence shapes news uses for trade flows, each with the exact flows it states.

(exporter, importer, commodity, modality, negated); sentences written for these tests.
"""

from __future__ import annotations

import pytest

from tradegraph.extract import extract_text

A, PL, PO = "actual", "planned", "potential"

CASES = [
    ("Exports of Chinese steel to Vietnam surged 30% in May.", {("CHN", "VNM", "steel", A, False)}),
    ("India's rice exports to Bangladesh rose sharply last year.", {("IND", "BGD", "rice", A, False)}),
    ("Russia became the top supplier of wheat to Egypt.", {("RUS", "EGY", "wheat", A, False)}),
    ("Egypt bought 240,000 tonnes of Russian wheat.", {("RUS", "EGY", "wheat", A, False)}),
    ("South Korea's purchases of U.S. crude oil increased.", {("USA", "KOR", "crude oil", A, False)}),
    (
        "Bangladesh will import 500,000 tonnes of rice from India under a government deal.",
        {("IND", "BGD", "rice", PL, False)},
    ),
    ("Beijing has banned imports of Japanese seafood.", {("JPN", "CHN", "seafood", A, True)}),
    ("Mexico is the largest market for U.S. corn.", {("USA", "MEX", "corn", A, False)}),
    (
        "Iraq receives electricity and gas from Iran.",
        {("IRN", "IRQ", "electricity", A, False), ("IRN", "IRQ", "gas", A, False)},
    ),
    (
        "Bilateral trade between Kazakhstan and Iran reached $5 billion, with Kazakhstan exporting mainly "
        "grain and Iran exporting construction materials.",
        {("KAZ", "IRN", "grain", A, False), ("IRN", "KAZ", "construction materials", A, False)},
    ),
    ("Indonesia halted palm oil exports to India in April.", {("IDN", "IND", "palm oil", A, True)}),
    ("Japan resumed imports of Brazilian chicken.", {("BRA", "JPN", "chicken", A, False)}),
    (
        "Thailand is expected to ship 1 million tonnes of sugar to Indonesia.",
        {("THA", "IDN", "sugar", PL, False)},
    ),
    (
        "Saudi Arabia supplied China with 1.7 million barrels per day of crude oil.",
        {("SAU", "CHN", "crude oil", A, False)},
    ),
    ("Poland is a major buyer of Norwegian salmon.", {("NOR", "POL", "salmon", A, False)}),
    ("Vietnam's coffee shipments to Germany fell.", {("VNM", "DEU", "coffee", A, False)}),
    (
        "Cotton from Uzbekistan is sold to Bangladesh and Turkey.",
        {("UZB", "BGD", "cotton", A, False), ("UZB", "TUR", "cotton", A, False)},
    ),
    (
        "Chile sells copper to China, while buying machinery from Germany.",
        {("CHL", "CHN", "copper", A, False), ("DEU", "CHL", "machinery", A, False)},
    ),
    (
        "Wheat worth $200 million was exported to Egypt from Russia last year.",
        {("RUS", "EGY", "wheat", A, False)},
    ),
    ("Indian imports of Russian crude oil hit a record.", {("RUS", "IND", "crude oil", A, False)}),
    (
        "Mongolia is ready to supply copper concentrate to Japan.",
        {("MNG", "JPN", "copper concentrate", PO, False)},
    ),
    ("Germany no longer imports gas from Russia.", {("RUS", "DEU", "gas", A, True)}),
    (
        "The main export items of Kazakhstan to Uzbekistan are wheat, flour and ferrous metals.",
        {
            ("KAZ", "UZB", "wheat", A, False),
            ("KAZ", "UZB", "flour", A, False),
            ("KAZ", "UZB", "ferrous metals", A, False),
        },
    ),
    (
        "Tajikistan imports most of its wheat and flour from Kazakhstan.",
        {("KAZ", "TJK", "wheat", A, False), ("KAZ", "TJK", "flour", A, False)},
    ),
    (
        "Kazakhstan mainly exports to Turkmenistan wheat flour, sunflower oil and confectionery.",
        {
            ("KAZ", "TKM", "wheat flour", A, False),
            ("KAZ", "TKM", "sunflower oil", A, False),
            ("KAZ", "TKM", "confectionery", A, False),
        },
    ),
    ("Russia accounted for 60 percent of Georgian wine exports.", {("GEO", "RUS", "wine", A, False)}),
    ("The new railway will carry passengers from Kazakhstan to Turkmenistan.", set()),
    ("The ministry sent a delegation to Iran.", set()),
    (
        "Kazakhstan and Uzbekistan trade a lot. The main goods imported from Uzbekistan were fruits and textiles.",
        {("UZB", "KAZ", "fruits", A, False), ("UZB", "KAZ", "textiles", A, False)},
    ),
    (
        "Iran's imports from Turkey consist mainly of machinery and steel products.",
        {("TUR", "IRN", "machinery", A, False), ("TUR", "IRN", "steel products", A, False)},
    ),
    (
        "Azerbaijan's non-oil exports to Russia amounted to $700 million, mainly tomatoes and hazelnuts.",
        {("AZE", "RUS", "tomatoes", A, False), ("AZE", "RUS", "hazelnuts", A, False)},
    ),
    (
        "Among the products exported by Belarus to Uzbekistan are tractors and trucks.",
        {("BLR", "UZB", "tractors", A, False), ("BLR", "UZB", "trucks", A, False)},
    ),
    (
        "Uzbek textile products are exported to many countries, including Russia and China.",
        {("UZB", "RUS", "textile products", A, False), ("UZB", "CHN", "textile products", A, False)},
    ),
    (
        "The sides discussed the possibility of supplying Kazakh wheat to Iran.",
        {("KAZ", "IRN", "wheat", PO, False)},
    ),
    ("Iran is interested in importing Kazakh grain.", {("KAZ", "IRN", "grain", PO, False)}),
    (
        "Russia and Egypt signed an agreement on the supply of Russian wheat to Egypt.",
        {("RUS", "EGY", "wheat", PL, False)},
    ),
    ("China did not import any coal from Australia in 2021.", {("AUS", "CHN", "coal", A, True)}),
    (
        "Kazakhstan exports wheat to Iran. Meanwhile, global wheat exports fell.",
        {("KAZ", "IRN", "wheat", A, False)},
    ),
    (
        "Kazakhstan supplies wheat to Uzbekistan. We are ready to supply more electricity to our neighbours.",
        {("KAZ", "UZB", "wheat", A, False)},
    ),
    (
        "Kazakh exports to China amounted to $13.2 billion. The main export commodities were:\n- crude oil;\n- copper.",
        {("KAZ", "CHN", "crude oil", A, False), ("KAZ", "CHN", "copper", A, False)},
    ),
    (
        "Kazakhstan and China trade. Imports from China reached $10.9 billion and consisted mainly of machinery "
        "and clothing.",
        {("CHN", "KAZ", "machinery", A, False), ("CHN", "KAZ", "clothing", A, False)},
    ),
    (
        "Kazakhstan plans to increase supplies of wheat and barley to the Chinese market.",
        {("KAZ", "CHN", "wheat", PL, False), ("KAZ", "CHN", "barley", PL, False)},
    ),
    (
        "Pakistani traders will export rice to Afghanistan in exchange for coal and dried fruit.",
        {
            ("PAK", "AFG", "rice", PL, False),
            ("AFG", "PAK", "coal", PL, False),
            ("AFG", "PAK", "dried fruit", PL, False),
        },
    ),
    (
        "Pakistan and Afghanistan trade. Afghan coal imports have helped Pakistani cement factories.",
        {("AFG", "PAK", "coal", A, False)},
    ),
    (
        "China is the largest buyer of Brazilian beef. Brazil also sells chicken and pork to the Asian country.",
        {
            ("BRA", "CHN", "beef", A, False),
            ("BRA", "CHN", "chicken", A, False),
            ("BRA", "CHN", "pork", A, False),
        },
    ),
    (
        "Brazil and China trade. Brazil exported 2.3 million tonnes of beef, of which half went to China.",
        {("BRA", "CHN", "beef", A, False)},
    ),
    ("Kazakhstan and Iran discussed trade. Iran provides a platform for investors.", set()),
    ("Kazakhstan and Iran discussed trade. The company supplies software to banks.", set()),
    ("Kazakhstan and Iran discussed trade. Iran received Kazakhstan's proposal positively.", set()),
    ("The EU imports Ukrainian grain.", set()),
    ("Pakistan exports goods and products to Sri Lanka.", set()),
    ("The cost to ship grain from Santos to Qingdao rose to $70 per tonne.", set()),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_flow_shapes(text: str, expected: set) -> None:
    found = {
        (f.exporter, f.importer, f.commodity.name, f.modality, f.negated)
        for f in extract_text(text, doc_id="case").trade_flows
    }
    assert found == expected


OFFICIAL_CASES = [
    (
        "Turkmenistan's Foreign Minister Rashid Meredov met his Iranian counterpart Hossein Amir-Abdollahian.",
        {("Rashid Meredov", "minister", "TKM"), ("Hossein Amir-Abdollahian", "minister", "IRN")},
    ),
    ("Mr. Li, China's ambassador to Kazakhstan, said trade grew.", {("Li", "ambassador", "CHN")}),
    (
        "Kassym-Jomart Tokayev, the President of Kazakhstan, said trade would grow.",
        {("Kassym-Jomart Tokayev", "head_of_state", "KAZ")},
    ),
    (
        "Central Bank Governor Elvira Nabiullina said inflation slowed in Russia.",
        {("Elvira Nabiullina", "official", "RUS")},
    ),
    ("US Trade Representative Katherine Tai spoke to reporters.", {("Katherine Tai", "minister", "USA")}),
    (
        "Iran's Minister of Industry, Mine and Trade Reza Fatemi Amin visited Baku.",
        {("Reza Fatemi Amin", "minister", "IRN")},
    ),
    (
        "Azerbaijani Deputy Economy Minister Elnur Aliyev said exports grew.",
        {("Elnur Aliyev", "deputy_minister", "AZE")},
    ),
    (
        "The head of Iran's Trade Promotion Organization, Alireza Peyman-Pak, said exports rose.",
        {("Alireza Peyman-Pak", "official", "IRN")},
    ),
    ("The chairman of the exporters' association, Ali Rezaei, said exports rose.", set()),
    ("Hossein Selahvarzi, the president of Iran Chamber of Commerce, said exports rose.", set()),
    ("The president of the Kazakh Grain Union, Yevgeniy Karabanov, said exports would fall.", set()),
    ("World Bank President David Malpass said growth slowed.", set()),
    (
        "President of the National Bank of Kazakhstan Galymzhan Pirmatov said inflation slowed.",
        {("Galymzhan Pirmatov", "official", "KAZ")},
    ),
    (
        "China cut its coal purchases. Petroleum Minister Hardeep Singh Puri said India would buy more oil.",
        {("Hardeep Singh Puri", "minister", "IND")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), OFFICIAL_CASES, ids=[c[0][:50] for c in OFFICIAL_CASES])
def test_official_shapes(text: str, expected: set) -> None:
    found = {(o.name, o.role_class, o.country) for o in extract_text(text, doc_id="case").officials}
    assert found == expected
