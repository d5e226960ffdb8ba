"""Every construction of rules/constructions.jsonl, each on sentences written for it in at least two shapes
(other countries, other goods, tense, voice), with the exact flows the sentence states; the construction
must be the one that reads them. Then the hard negatives: sentences with trade words and no flow.

Flows are (exporter, importer, commodity, modality, negated); commodities compared as the scorer does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradegraph.components.flows.constructions import catalogue
from tradegraph.normalize import normalize_commodity
from tradegraph.pipeline import get_pipeline
from tradegraph.rules import rule_path

A, PL, PO = "actual", "planned", "potential"


def flows_and_frames(text: str):
    nlp = get_pipeline()
    doc = nlp(text)
    _, frames = nlp.get_pipe("tg_flows").read(doc)
    found = {
        (f.exporter, f.importer, normalize_commodity(f.commodity.name), f.modality, f.negated)
        for f in doc._.trade_flows
    }
    return found, frames


def expect(*rows) -> set:
    """(exporter, importer, commodity[, modality[, negated]]) rows, actual and not negated by default."""
    out = set()
    for exporter, importer, commodity, *rest in rows:
        modality = rest[0] if rest else A
        negated = rest[1] if len(rest) > 1 else False
        out.add((exporter, importer, normalize_commodity(commodity), modality, negated))
    return out


# construction name -> [(text, flows)]; each text must be read by that construction.
CASES: dict[str, list[tuple[str, set]]] = {
    "buyer noun in a destination phrase": [
        ("Chile sold more cherries to the Korean market.", expect(("CHL", "KOR", "cherries"))),
        ("Thailand and Laos trade. Exports to the Laotian market grew.", expect()),
    ],
    "world ranking of a buyer or supplier": [
        ("Japan, the world's fourth-largest coal importer, held talks with Mongolia.", expect()),
        ("Brazil is the world's top soybean exporter, and Argentina follows.", expect()),
    ],
    "visit or envoy to a country": [
        (
            "During a visit to Oman, the minister said Kenya exports tea to Egypt.",
            expect(("KEN", "EGY", "tea")),
        ),
        (
            "The ambassador to Peru noted that Bolivia sold tin to Japan.",
            expect(("BOL", "JPN", "tin")),
        ),
    ],
    "countries after a copula: the main suppliers of A are X": [
        (
            "The main suppliers of gas to Italy are Algeria and Norway.",
            expect(("DZA", "ITA", "gas"), ("NOR", "ITA", "gas")),
        ),
        (
            "The largest exporters of coffee to Jordan were Brazil and Kenya.",
            expect(("BRA", "JOR", "coffee"), ("KEN", "JOR", "coffee")),
        ),
        # carry: the goods and the importer come from the flow stated before
        (
            "Japan's imports of LNG hit a record in May. The main suppliers were Australia and Qatar.",
            expect(("AUS", "JPN", "lng"), ("QAT", "JPN", "lng")),
        ),
    ],
    "countries after a copula: the buyers of A remain Y": [
        (
            "The largest buyers of Thai rice remain Benin and Iraq.",
            expect(("THA", "BEN", "rice"), ("THA", "IRQ", "rice")),
        ),
        (
            "Main importers of Kenyan tea are Pakistan and Egypt.",
            expect(("KEN", "PAK", "tea"), ("KEN", "EGY", "tea")),
        ),
        # carry: the goods and the exporter come from the flow stated before
        (
            "Thailand's rice exports climbed 12% this year. The top export markets were Iraq and China.",
            expect(("THA", "IRQ", "rice"), ("THA", "CHN", "rice")),
        ),
        (
            "Colombia sold more coffee last year. Its biggest buyers remain the United States and Japan.",
            # "its" is the country that sold the goods just before (the time phrase ends them: "coffee")
            expect(("COL", "USA", "coffee"), ("COL", "JPN", "coffee")),
        ),
    ],
    "supplier of a share of Y's imports: X supplies N% of Y's imports": [
        ("Australia supplies 60 percent of Japan's coal imports.", expect(("AUS", "JPN", "coal"))),
        (
            "Saudi Arabia provided a third of China's crude oil imports last year.",
            expect(("SAU", "CHN", "crude oil")),
        ),
    ],
    "share: Y accounts for N% of X's exports": [
        ("Russia accounted for 60 percent of Georgian wine exports.", expect(("GEO", "RUS", "wine"))),
        ("China accounts for a third of Chile's copper exports.", expect(("CHL", "CHN", "copper"))),
    ],
    # Issue 9 (recall4): a share taken without 'for'; shares that go on in test_flow_recall4.py.
    "share taken: Y took N% of X's exports": [
        ("Japan took 30 percent of Chile's copper exports.", expect(("CHL", "JPN", "copper"))),
        ("Egypt takes about 20% of Kenyan tea exports.", expect(("KEN", "EGY", "tea"))),
    ],
    "share: X accounts for N% of Y's imports": [
        ("Peruvian grapes accounted for 40 percent of Dutch grape imports.", expect(("PER", "NLD", "grape"))),
        ("Brazil accounts for half of China's soybean imports.", expect(("BRA", "CHN", "soybean"))),
    ],
    "importer before the goods after 'of': N% of Chinese plum imports": [
        ("Chilean produce accounted for 71 percent of Chinese plum imports.", expect(("CHL", "CHN", "plum"))),
        ("Kenya made up 20 percent of Egyptian tea imports.", expect(("KEN", "EGY", "tea"))),
        ("The value of Indian coal imports from Indonesia rose.", expect(("IDN", "IND", "coal"))),
    ],
    "market entered: A enter the Y market": [
        ("Chilean cherries have entered the Indian market.", expect(("CHL", "IND", "cherries"))),
        ("Peru's blueberries entered the Japanese market in May.", expect(("PER", "JPN", "blueberries"))),
    ],
    "market opened to goods: Y opens its market to A": [
        (
            "China opened its market to Philippine bananas and pineapples.",
            expect(("PHL", "CHN", "bananas"), ("PHL", "CHN", "pineapples")),
        ),
        (
            'Beijing will be "reopening its market" to Australian barley and wine.',
            expect(("AUS", "CHN", "barley", PL), ("AUS", "CHN", "wine", PL)),
        ),
    ],
    "goods entering a market: A will enter the Y market": [
        (
            "Turkish pistachios and dairy products will enter the Chinese market.",
            expect(("TUR", "CHN", "pistachios", PL), ("TUR", "CHN", "dairy products", PL)),
        ),
        ("Kenyan avocados entered the Chinese market in 2022.", expect(("KEN", "CHN", "avocados"))),
    ],
    "origins named as examples: from N countries, such as X": [
        (
            "Japan imported LNG from several suppliers, including Qatar and Australia.",
            expect(("QAT", "JPN", "lng"), ("AUS", "JPN", "lng")),
        ),
        (
            "India will buy more crude oil from producers like Iraq and Nigeria.",
            expect(("IRQ", "IND", "crude oil", PL), ("NGA", "IND", "crude oil", PL)),
        ),
        (
            "Wheat is shipped to Egypt from Black Sea countries such as Russia and Ukraine.",
            expect(("RUS", "EGY", "wheat"), ("UKR", "EGY", "wheat")),
        ),
    ],
    "goods named before a trade noun with examples in brackets: mineral (copper and zinc) exports": [
        (
            "Chile's metal (copper, molybdenum and silver) shipments to Korea fell.",
            expect(("CHL", "KOR", "copper"), ("CHL", "KOR", "molybdenum"), ("CHL", "KOR", "silver")),
        ),
        (
            "Kenya's fruit (mangoes and pineapples) exports to the UAE doubled.",
            expect(("KEN", "ARE", "mangoes"), ("KEN", "ARE", "pineapples")),
        ),
        # an amount or a single word in brackets is an aside: the goods before it stay
        ("Brazil's soybean (2 million tonnes) exports to China rose.", expect(("BRA", "CHN", "soybean"))),
        ("Vietnam's seafood (mainly shrimp) exports to Japan rose.", expect(("VNM", "JPN", "seafood"))),
    ],
    "goods of an object relative clause: the A (that) X exports to Y": [
        ("Prices of the wheat Russia sells to Egypt rose.", expect(("RUS", "EGY", "wheat"))),
        ("The gas that Turkmenistan supplies to China is cheap.", expect(("TKM", "CHN", "gas"))),
        (
            "The cotton Uzbekistan will export to Bangladesh next year is of high quality.",
            expect(("UZB", "BGD", "cotton", PL)),
        ),
    ],
    "a share taken by Z: imports A from X, with Z taking N": [
        (
            "Japan imports pineapples from Taiwan, with the Philippines taking about 152,000 tons.",
            expect(("TWN", "JPN", "pineapples"), ("PHL", "JPN", "pineapples")),
        ),
        (
            "China's soybean imports from Brazil rose, with the United States accounting for 20%.",
            expect(("BRA", "CHN", "soybeans"), ("USA", "CHN", "soybeans")),
        ),
    ],
    "a share taken by Z: exports A to Y, with Z taking N": [
        (
            "Kenya exported tea to Egypt, with Pakistan taking 40 percent.",
            expect(("KEN", "EGY", "tea"), ("KEN", "PAK", "tea")),
        ),
        (
            "Vietnam shipped rice to the Philippines, with Indonesia absorbing $1 billion.",
            expect(("VNM", "PHL", "rice"), ("VNM", "IDN", "rice")),
        ),
    ],
    "subject of an export agent noun": [
        ("Norway is the main supplier of salmon to Vietnam.", expect(("NOR", "VNM", "salmon"))),
        ("Qatar became the biggest supplier of helium to South Korea.", expect(("QAT", "KOR", "helium"))),
    ],
    "subject of an import agent noun": [
        ("Bangladesh is the largest buyer of cotton from India.", expect(("IND", "BGD", "cotton"))),
        ("Turkey was a major importer of scrap from the Netherlands.", expect(("NLD", "TUR", "scrap"))),
    ],
    "origin: from X after a trade noun": [
        ("Imports of liquefied natural gas from Qatar rose.", expect()),
        (
            "Pakistan and China trade. Pakistan's imports of machinery from China grew.",
            expect(("CHN", "PAK", "machinery")),
        ),
    ],
    "partner of import trade: import trade with X": [
        (
            "Nigeria and China trade. Import trade with China was dominated by rifles and motorcycles.",
            expect(("CHN", "NGA", "rifles"), ("CHN", "NGA", "motorcycles")),
        ),
        (
            "Peru's import trade with Brazil was led by machinery.",
            expect(("BRA", "PER", "machinery")),
        ),
    ],
    "partner of export trade: export trade with Y": [
        ("Kenya's export trade with Uganda was led by tea.", expect(("KEN", "UGA", "tea"))),
        (
            "Ghana and Togo trade. Export trade with Togo rose, led by cocoa and cement.",
            expect(("GHA", "TGO", "cocoa"), ("GHA", "TGO", "cement")),
        ),
    ],
    "origin: from X, with a trade verb": [
        (
            "Ghana imports rice from Thailand and Vietnam.",
            expect(("THA", "GHA", "rice"), ("VNM", "GHA", "rice")),
        ),
        ("Lebanon bought flour from Ukraine last year.", expect(("UKR", "LBN", "flour"))),
    ],
    "agent of an exporting passive: exported by X": [
        ("The copper was shipped to Germany by Zambia.", expect(("ZMB", "DEU", "copper"))),
        ("Some 20,000 tractors are supplied to Kenya by India.", expect(("IND", "KEN", "tractors"))),
    ],
    "agent of an importing passive: imported by Y": [
        (
            "Most of the cocoa was bought by the Netherlands from Ivory Coast.",
            expect(("CIV", "NLD", "cocoa")),
        ),
        ("Large volumes of urea are imported by Brazil from Qatar.", expect(("QAT", "BRA", "urea"))),
    ],
    "subject of an import verb": [
        ("Japan imported 40 million barrels of crude from Kuwait.", expect(("KWT", "JPN", "crude"))),
        (
            "Morocco and Tunisia buy wheat from France.",
            expect(("FRA", "MAR", "wheat"), ("FRA", "TUN", "wheat")),
        ),
    ],
    "subject of an export verb": [
        ("Colombia exports coffee to Canada.", expect(("COL", "CAN", "coffee"))),
        ("Peru shipped zinc and lead to China.", expect(("PER", "CHN", "zinc"), ("PER", "CHN", "lead"))),
    ],
    "country right before an importing participle: with X importing": [
        ("Trade grew, with Jordan importing more gas from Egypt.", expect(("EGY", "JOR", "gas"))),
        ("Prices rose, with Armenia buying grain from Russia.", expect(("RUS", "ARM", "grain"))),
    ],
    "country right before an exporting participle: with X exporting": [
        (
            "Trade rose, with Turkey exporting steel and Iran exporting cement.",
            expect(("TUR", "IRN", "steel"), ("IRN", "TUR", "cement")),
        ),
        (
            "Trade doubled, with Chile selling copper and China selling machinery.",
            expect(("CHL", "CHN", "copper"), ("CHN", "CHL", "machinery")),
        ),
    ],
    "demonym actors right before an importing participle: Filipino firms importing": [
        (
            "The rule on Chinese companies importing soybeans from Brazil was eased.",
            expect(("BRA", "CHN", "soybeans")),
        ),
        ("A quota for Indian refiners buying crude from Iraq was set.", expect(("IRQ", "IND", "crude"))),
    ],
    "demonym actors right before an exporting participle: Filipino firms exporting": [
        (
            "Demand helped Vietnamese firms exporting rice to Indonesia.",
            expect(("VNM", "IDN", "rice")),
        ),
        ("Support for Kenyan farmers selling flowers to Japan grew.", expect(("KEN", "JPN", "flowers"))),
    ],
    "demonym actors before a to-infinitive: an Iranian company to buy": [
        ("The tender let Jordanian millers to buy wheat from Romania.", expect(("ROU", "JOR", "wheat"))),
        ("Peru hired a Chinese firm to purchase copper from Chile.", expect(("CHL", "CHN", "copper"))),
    ],
    "demonym actors before a to-infinitive: an Iranian company to supply": [
        (
            "Iraq will sign a contract with an Iranian company to supply gas to Iraq.",
            expect(("IRN", "IRQ", "gas", PL)),
        ),
        ("Kenya chose an Indian firm to deliver buses to Kenya.", expect(("IND", "KEN", "buses"))),
    ],
    "possessor of an export noun: X's exports, Kazakh exports": [
        ("Vietnam's rice exports to Ghana grew.", expect(("VNM", "GHA", "rice"))),
        ("Australian wheat shipments to Indonesia fell.", expect(("AUS", "IDN", "wheat"))),
    ],
    "possessor of an import noun: Y's imports": [
        ("India's purchases of Russian coal jumped.", expect(("RUS", "IND", "coal"))),
        ("Egypt's imports of Ukrainian corn slowed.", expect(("UKR", "EGY", "corn"))),
    ],
    "country before the goods of an import noun: Afghan coal imports": [
        ("China and Australia trade. Australian barley imports rose.", expect(("AUS", "CHN", "barley"))),
        ("India and Indonesia trade. Indonesian palm oil imports rose.", expect(("IDN", "IND", "palm oil"))),
    ],
    "country before an import noun: U.S. imports": [
        ("Mexico and Spain trade. Mexican imports of olive oil rose.", expect(("ESP", "MEX", "olive oil"))),
        ("Brazil and China trade. Chinese imports of soybeans grew.", expect(("BRA", "CHN", "soybeans"))),
    ],
    "owner of an export noun: the exports of X to Y are": [
        (
            "The main exports of Belarus to Kazakhstan are tractors and milk.",
            expect(("BLR", "KAZ", "tractors"), ("BLR", "KAZ", "milk")),
        ),
        (
            "The key export goods of Georgia to Armenia were wine and nuts.",
            expect(("GEO", "ARM", "wine"), ("GEO", "ARM", "nuts")),
        ),
    ],
    "owner of an import noun: the imports of Y from X are": [
        (
            "The main imports of Mongolia from China are fuel and trucks.",
            expect(("CHN", "MNG", "fuel"), ("CHN", "MNG", "trucks")),
        ),
        (
            "The largest imports of Nepal from India were petrol and rice.",
            expect(("IND", "NPL", "petrol"), ("IND", "NPL", "rice")),
        ),
    ],
    "subject of a verb governing an export noun": [
        ("Uruguay resumed the export of beef to Israel.", expect(("URY", "ISR", "beef"))),
        ("Ukraine expanded exports of sunflower oil to India.", expect(("UKR", "IND", "sunflower oil"))),
    ],
    "subject of a verb governing an import noun": [
        ("Canada increased imports of Chinese steel.", expect(("CHN", "CAN", "steel"))),
        ("Saudi Arabia resumed its imports of Indian shrimp.", expect(("IND", "SAU", "shrimp"))),
    ],
    "possessor of a buyer noun: X's largest buyer": [
        ("Japan is Vietnam's largest buyer of seafood.", expect(("VNM", "JPN", "seafood"))),
        ("Germany became Italy's biggest customer for wine.", expect(("ITA", "DEU", "wine"))),
    ],
    "recipient of a supply verb: supplied Y with A": [
        (
            "Qatar supplies Pakistan with liquefied natural gas.",
            expect(("QAT", "PAK", "liquefied natural gas")),
        ),
        ("Russia provided Serbia with gas and oil.", expect(("RUS", "SRB", "gas"), ("RUS", "SRB", "oil"))),
    ],
    "destination: to Y after a trade noun": [
        ("Exports of bananas to Russia fell.", expect()),
        ("Kenya's shipments of tea to Egypt rose.", expect(("KEN", "EGY", "tea"))),
    ],
    "destination: to Y, with a trade verb": [
        (
            "Malaysia exports palm oil to Kenya and Egypt.",
            expect(("MYS", "KEN", "palm oil"), ("MYS", "EGY", "palm oil")),
        ),
        ("Nigeria sent crude oil to Spain in May.", expect(("NGA", "ESP", "crude oil"))),
    ],
    "destination: for Y": [
        ("Ukraine shipped wheat bound for Tunisia.", expect(("UKR", "TUN", "wheat"))),
        ("Brazil sold soybeans for China in March.", expect(("BRA", "CHN", "soybeans"))),
    ],
    "market: sells in Y": [
        ("Kenya sells most of its flowers in the Netherlands.", expect(("KEN", "NLD", "flowers"))),
        ("Peru sold avocados in Spain last season.", expect(("PER", "ESP", "avocados"))),
    ],
    "destinations named as examples: to N countries, including Y": [
        (
            "Vietnam exports cashews to over 80 countries, including Germany and Canada.",
            expect(("VNM", "DEU", "cashews"), ("VNM", "CAN", "cashews")),
        ),
        (
            "Turkish hazelnuts are shipped to many markets such as Italy and France.",
            expect(("TUR", "ITA", "hazelnuts"), ("TUR", "FRA", "hazelnuts")),
        ),
    ],
    "destinations named as buyers: among the markets of Y": [
        (
            "Higher tea imports from Kenya were recorded among the markets of Iran and Oman.",
            expect(("KEN", "IRN", "tea"), ("KEN", "OMN", "tea")),
        ),
        (
            "Brazil shipped more beef to buyers in Chile and Egypt.",
            expect(("BRA", "CHL", "beef"), ("BRA", "EGY", "beef")),
        ),
    ],
    "destinations after a relative clause: the markets where X sold A were Y": [
        (
            "Other markets where Chile sold its wine were Japan (20%), China (15%) and Brazil.",
            expect(("CHL", "JPN", "wine"), ("CHL", "CHN", "wine"), ("CHL", "BRA", "wine")),
        ),
        (
            "The main destinations to which Vietnam exported rice in May were the Philippines and Ghana.",
            expect(("VNM", "PHL", "rice"), ("VNM", "GHA", "rice")),
        ),
    ],
    "ranked after Z: the second largest supplier of A after Z": [
        (
            "Vietnam is the second largest supplier of coffee to Germany after Brazil.",
            expect(("VNM", "DEU", "coffee"), ("BRA", "DEU", "coffee")),
        ),
        (
            "Indonesia became India's third-biggest coal supplier after Australia and South Africa.",
            expect(("IDN", "IND", "coal"), ("AUS", "IND", "coal"), ("ZAF", "IND", "coal")),
        ),
    ],
    "ranked after Z: the second largest buyer of A after Z": [
        (
            "Pakistan is the fourth biggest importer of Indonesian palm oil after India and China.",
            expect(("IDN", "PAK", "palm oil"), ("IDN", "IND", "palm oil"), ("IDN", "CHN", "palm oil")),
        ),
        (
            "Japan was the second-largest market for Australian beef after the United States.",
            expect(("AUS", "JPN", "beef"), ("AUS", "USA", "beef")),
        ),
    ],
    "ranked next: the top supplier of A, followed by Z": [
        (
            "Saudi Arabia was the top supplier of crude to South Korea, followed by Iraq and Kuwait.",
            expect(("SAU", "KOR", "crude"), ("IRQ", "KOR", "crude"), ("KWT", "KOR", "crude")),
        ),
        (
            "Russia remained Turkey's largest wheat supplier last year, followed by Ukraine.",
            expect(("RUS", "TUR", "wheat"), ("UKR", "TUR", "wheat")),
        ),
        (
            "Brazil remained the top supplier of soybeans to China, well ahead of the United States.",
            expect(("BRA", "CHN", "soybeans"), ("USA", "CHN", "soybeans")),
        ),
    ],
    "ranked next: the top buyer of A, followed by Z": [
        (
            "China was the main destination for Argentine beef, followed by Chile and Israel.",
            expect(("ARG", "CHN", "beef"), ("ARG", "CHL", "beef"), ("ARG", "ISR", "beef")),
        ),
        (
            "The Netherlands is the biggest buyer of Kenyan flowers, along with Germany and Britain.",
            expect(("KEN", "NLD", "flowers"), ("KEN", "DEU", "flowers"), ("KEN", "GBR", "flowers")),
        ),
        (
            "India is the top buyer of Malaysian palm oil, ahead of China.",
            expect(("MYS", "IND", "palm oil"), ("MYS", "CHN", "palm oil")),
        ),
    ],
    "overtaken rival: X overtook Z as Y's top supplier": [
        (
            "Russia overtook Ukraine as Egypt's biggest wheat supplier.",
            expect(("RUS", "EGY", "wheat"), ("UKR", "EGY", "wheat")),
        ),
        (
            "The United States has replaced Qatar as Japan's top LNG supplier.",
            expect(("USA", "JPN", "lng"), ("QAT", "JPN", "lng")),
        ),
    ],
    "overtaken rival: X overtook Z as Y's top buyer": [
        (
            "Germany has overtaken Italy to become the biggest buyer of Vietnamese coffee.",
            expect(("VNM", "DEU", "coffee"), ("VNM", "ITA", "coffee")),
        ),
        (
            "India surpassed China as the largest importer of Malaysian palm oil in 2022.",
            expect(("MYS", "IND", "palm oil"), ("MYS", "CHN", "palm oil")),
        ),
    ],
    "possessor of a supplier noun: Y's supplier": [
        ("Indonesia is India's main supplier of coal.", expect(("IDN", "IND", "coal"))),
        ("Ecuador remained Russia's largest supplier of bananas.", expect(("ECU", "RUS", "bananas"))),
    ],
    "goods before a passive: A is exported": [
        (
            "Tea and spices are exported from Sri Lanka to Iran.",
            expect(("LKA", "IRN", "tea"), ("LKA", "IRN", "spices")),
        ),
        ("Fertilizers were shipped from Morocco to India.", expect(("MAR", "IND", "fertilizers"))),
    ],
    "goods as subject of a copula: A and B are X's main exports": [
        (
            "Cement and cardamom are some of Bhutan's major exports to India.",
            expect(("BTN", "IND", "cement"), ("BTN", "IND", "cardamom")),
        ),
        (
            "Copper and cobalt were Zambia's main exports to China.",
            expect(("ZMB", "CHN", "copper"), ("ZMB", "CHN", "cobalt")),
        ),
    ],
    "goods after 'of': exports of A, supplier of A": [
        ("Shipments of Ukrainian maize to Spain rose.", expect(("UKR", "ESP", "maize"))),
        ("Deliveries of Norwegian gas to Poland started.", expect(("NOR", "POL", "gas"))),
    ],
    "goods after an agent's 'for': market for A": [
        ("Japan is the largest market for Thai chicken.", expect(("THA", "JPN", "chicken"))),
        ("China became the biggest market for Australian wine.", expect(("AUS", "CHN", "wine"))),
    ],
    "goods named before a trade noun: palm oil exports": [
        ("Malaysia halted rubber exports to India.", expect(("MYS", "IND", "rubber", A, True))),
        ("Argentina's beef exports to Chile grew.", expect(("ARG", "CHL", "beef"))),
    ],
    "goods introduced after the trade word: exports to Y include A": [
        (
            "Chile's exports to Japan include salmon and copper.",
            expect(("CHL", "JPN", "salmon"), ("CHL", "JPN", "copper")),
        ),
        (
            "Kenya's exports to Uganda consist of fuel and cement.",
            expect(("KEN", "UGA", "fuel"), ("KEN", "UGA", "cement")),
        ),
    ],
    "goods after a content verb: imports ... consisted of A": [
        (
            "Poland and Germany trade. Imports from Germany rose to $9 billion and consisted mainly of cars.",
            expect(("DEU", "POL", "cars")),
        ),
        (
            "Oman and India trade. Exports to India reached $2 billion and comprised urea and ammonia.",
            expect(("OMN", "IND", "urea"), ("OMN", "IND", "ammonia")),
        ),
    ],
    "goods after a verb: exports A to Y": [
        ("Belgium exports chocolate to Canada.", expect(("BEL", "CAN", "chocolate"))),
        ("Egypt will supply electricity to Sudan.", expect(("EGY", "SDN", "electricity", PL))),
    ],
    "goods in bullet lines after a colon": [
        (
            "Bulgaria's main exports to Greece were:\n- copper;\n- wheat.",
            expect(("BGR", "GRC", "copper"), ("BGR", "GRC", "wheat")),
        ),
        (
            "Latvia and Estonia trade. Latvia sold to Estonia:\n• timber\n• fish",
            expect(("LVA", "EST", "timber"), ("LVA", "EST", "fish")),
        ),
    ],
    "goods before 'among the categories of exports'": [
        (
            "Malaysia and Singapore trade. Rubber and palm oil were among the main categories of exports to Singapore.",
            expect(("MYS", "SGP", "rubber"), ("MYS", "SGP", "palm oil")),
        ),
        (
            "Chile and Peru trade. Copper and fruit are among the largest categories of exports to Peru.",
            expect(("CHL", "PER", "copper"), ("CHL", "PER", "fruit")),
        ),
    ],
    "goods named as examples: such as A": [
        (
            "Products such as tea and rubber lifted Sri Lanka's exports to Iran.",
            expect(("LKA", "IRN", "tea"), ("LKA", "IRN", "rubber")),
        ),
        (
            "Demand for goods such as coffee and sugar raised Brazilian exports to Egypt.",
            expect(("BRA", "EGY", "coffee"), ("BRA", "EGY", "sugar")),
        ),
    ],
    "goods named as examples: including A": [
        (
            "Farm goods, including olives and grapes, lifted Greek exports to Germany.",
            expect(("GRC", "DEU", "olives"), ("GRC", "DEU", "grapes")),
        ),
        (
            "Metals, including zinc and nickel, raised Canadian exports to Norway.",
            expect(("CAN", "NOR", "zinc"), ("CAN", "NOR", "nickel")),
        ),
    ],
    "goods named as examples after a comma: , mainly A": [
        (
            "Georgia's exports to Ukraine grew, mainly wine and walnuts.",
            expect(("GEO", "UKR", "wine"), ("GEO", "UKR", "walnuts")),
        ),
        (
            "Uzbekistan's exports to Latvia rose, notably cotton and apricots.",
            expect(("UZB", "LVA", "cotton"), ("UZB", "LVA", "apricots")),
        ),
    ],
    "goods that travel back: in exchange for B": [
        (
            "Iran will export gas to Armenia in exchange for electricity.",
            expect(("IRN", "ARM", "gas", PL), ("ARM", "IRN", "electricity", PL)),
        ),
        (
            "Cuba sends sugar to Venezuela in exchange for oil.",
            expect(("CUB", "VEN", "sugar"), ("VEN", "CUB", "oil")),
        ),
    ],
    # Class 2, parties named indirectly (more in test_flow_parties.py)
    "owner named by a possessive pronoun: its imports, our purchases": [
        (
            "Egypt needs more grain. Most of its imports of wheat come from Russia and Romania.",
            expect(("RUS", "EGY", "wheat"), ("ROU", "EGY", "wheat")),
        ),
        (
            "Peru, Chile and Vietnam trade. Vietnam buys cotton abroad. Its purchases of cotton from Peru"
            " rose last year.",
            expect(("PER", "VNM", "cotton")),
        ),
    ],
    "owner named by a possessive pronoun: its main supplier": [
        ("Japan burns a lot of gas. Qatar is its main supplier of LNG.", expect(("QAT", "JPN", "lng"))),
        (
            "Brazil imports fertiliser. Last year Russia was its largest fertiliser supplier.",
            expect(("RUS", "BRA", "fertiliser")),
        ),
    ],
    "owner named by a possessive pronoun: its biggest buyer": [
        ("Chile mines copper. China is its biggest buyer of copper.", expect(("CHL", "CHN", "copper"))),
        ("Thailand grows rice. In 2023 Iraq was its top rice buyer.", expect(("THA", "IRQ", "rice"))),
    ],
    "a country's body or company as subject: Russia's Gazprom supplies": [
        ("Russia's Gazprom supplies gas to Turkey through the Black Sea.", expect(("RUS", "TUR", "gas"))),
        (
            "Kazakhstan's state grain company will export 200,000 tonnes of wheat to Iran.",
            expect(("KAZ", "IRN", "wheat", PL)),
        ),
    ],
    "a country's body or company as subject: China's Sinopec bought": [
        ("China's Sinopec bought crude oil from Angola last month.", expect(("AGO", "CHN", "crude oil"))),
        (
            "India's state-run refiners imported more coal from Indonesia.",
            expect(("IDN", "IND", "coal")),
        ),
    ],
    # Class 4, direction (tests/test_flow_direction.py has the class's other shapes and near-misses)
    "owner of the goods after 'of': buyer of Y's A, imports of Y's A": [
        ("China is the largest buyer of Brazil's soybeans.", expect(("BRA", "CHN", "soybeans"))),
        ("Japan's purchases of Iran's oil rose in May.", expect(("IRN", "JPN", "oil"))),
        ("Supplies of Russia's gas to Germany stopped.", expect(("RUS", "DEU", "gas"))),
    ],
    "a trade noun before an origin verb is read by the verb: its imports come from": [
        (
            "Most of Japan's banana imports come from the Philippines.",
            expect(("PHL", "JPN", "banana")),
        ),
        (
            "Peru buys wheat. Most of its wheat imports came from Canada.",
            expect(("CAN", "PER", "wheat")),
        ),
    ],
    # prec4 (issue 9): informants
    "a trade verb as the speaker of a report: trade sources said": [
        ("Trade sources said Egypt bought wheat from Russia.", expect(("RUS", "EGY", "wheat"))),
        ("Industry sources told Reuters that Japan paid more for LNG.", expect()),
    ],
    "a trade verb as the informants after 'according to': according to market sources": [
        ("According to industry sources, Egypt bought wheat from Russia.", expect(("RUS", "EGY", "wheat"))),
        ("According to market sources, the cargoes of Chilean copper were late.", expect()),
    ],
    # prec4 (issue 9): a share of a country's own use, a fall in a supply
    "a share of what the country itself uses: imports N% of the A it consumes": [
        (
            "Saudi Arabia and Japan met. Japan imports about 90 percent of the crude oil it consumes.",
            expect(),
        ),
        (
            "Ghana buys 40% of the rice it eats from Vietnam.",
            expect(("VNM", "GHA", "rice")),
        ),
    ],
    "a share of the country's own needs: imports N% of its wheat needs": [
        ("Russia and Egypt talked. Egypt imports about 60% of its wheat needs.", expect()),
        ("Chile and Peru met. Peru imports half of its domestic sugar consumption.", expect()),
    ],
    "a fall in a supply: a plunge in gas supply from X": [
        (
            "Qatar agreed to export LNG to Germany after a plunge in gas supply from Russia.",
            expect(("QAT", "DEU", "lng", PL)),
        ),
        ("A drop in coal shipments from Colombia to Spain hurt the port.", expect(("COL", "ESP", "coal"))),
    ],
    "recipient before an object relative: Y, which X supplies with A": [
        ("Korea, which Japan supplies with coal, is growing fast.", expect(("JPN", "KOR", "coal"))),
        (
            "Egypt, whom Russia will supply with wheat, pays in dollars.",
            expect(("RUS", "EGY", "wheat", PL)),
        ),
    ],
    "to the world at large: exports A abroad": [
        ("Kazakhstan and China met. Kazakh producers will export vegetable oil abroad.", expect()),
        ("Chile exports copper overseas, mainly to China.", expect(("CHL", "CHN", "copper"))),
    ],
    "to unnamed countries: exports A to foreign markets": [
        ("Chile and Peru met. Peru exports most of its copper to foreign markets.", expect()),
        ("India and Iran met. India sells tea to neighbouring countries.", expect()),
    ],
    "a part from a named origin: of which N came from X": [
        (
            "Poland bought 20 million tons of coal from abroad, of which 13 million was from Russia.",
            expect(("RUS", "POL", "coal")),
        ),
        (
            "Chile and Peru met. Chile imported sugar from abroad, of which half came from Brazil.",
            expect(("BRA", "CHL", "sugar")),
        ),
    ],
    "a part to a named destination: of which N went to Y": [
        (
            "Kenya exported 500,000 tonnes of tea abroad, of which half went to Pakistan.",
            expect(("KEN", "PAK", "tea")),
        ),
        (
            "Ghana and Togo met. Ghana shipped cocoa overseas, of which most was sold to the Netherlands.",
            expect(("GHA", "NLD", "cocoa")),
        ),
    ],
    "demanded without a degree word states no flow": [
        ("Peru demanded compensation from the Chinese company.", expect()),
        ("Egypt demanded an apology from Brazil over the seized cargo.", expect()),
    ],
    "an origin verb not followed by 'from' states no flow": [
        ("Egypt wants wheat to come to its ports sooner.", expect()),
        ("Iraqi oil will come online next year.", expect()),
    ],
    "an origin verb before 'in' and no country states no flow": [
        ("Egypt's wheat imports came in at 10 million tonnes.", expect()),
        ("Most Kenyan tea comes in bags of 50 kilograms.", expect()),
    ],
    "an origin verb whose subject is no goods states no flow": [
        ("Tourists coming from Russia buy wine in Georgia.", expect()),
        ("Investment will come from China and Japan.", expect()),
    ],
    "an origin verb after a buyer's demand states no flow": [
        ("Demand for wheat came from Egypt.", expect()),
        ("Strong demand for Australian coal came from India.", expect()),
    ],
    "possessor of the goods that come from X: Egypt's wheat comes from": [
        (
            "Armenia buys gas from Iran. Most of its gas comes from Russia.",
            expect(("IRN", "ARM", "gas"), ("RUS", "ARM", "gas")),
        ),
        (
            "Chile imports coal. Much of its coal came from Colombia last year.",
            expect(("COL", "CHL", "coal")),
        ),
    ],
    "goods that come from X: wheat comes from": [
        ("Most of Egypt's wheat comes from Russia.", expect(("RUS", "EGY", "wheat"))),
        ("About 40 percent of Turkey's gas came from Russia last year.", expect(("RUS", "TUR", "gas"))),
        ("India's crude oil will come from Guyana.", expect(("GUY", "IND", "crude oil", PL))),
        (
            "Some 70 percent of Japan's cherry imports originated in Chile.",
            expect(("CHL", "JPN", "cherry")),
        ),
    ],
    "goods that travel back in a barter: barter A for B": [
        (
            "Pakistan will barter rice for Iranian oil.",
            expect(("PAK", "IRN", "rice", PL), ("IRN", "PAK", "oil", PL)),
        ),
        (
            "Iran's barter of crude oil for Sri Lankan tea grew last year.",
            expect(("IRN", "LKA", "crude oil"), ("LKA", "IRN", "tea")),
        ),
        (
            "Sri Lanka bartered tea for Iranian crude oil.",
            expect(("LKA", "IRN", "tea"), ("IRN", "LKA", "crude oil")),
        ),
    ],
    # issue 9 phase 3 (rank3): a world ranking whose goods name their origin, a party named before its role
    "world ranking of a buyer or supplier of goods from nowhere named": [
        ("Trade fell with Vietnam, the world's second-largest exporter of rice.", expect()),
        ("China, the world's top buyer of soybeans, cut imports.", expect()),
    ],
    "a party named before its role: Y, one of the largest importers": [
        (
            "Indonesia sells coal to India, one of the world's biggest importers of Australian coal.",
            expect(("IDN", "IND", "coal"), ("AUS", "IND", "coal")),
        ),
        (
            "Brazil ships beef to Chile, the largest buyer of Argentine beef.",
            expect(("BRA", "CHL", "beef"), ("ARG", "CHL", "beef")),
        ),
    ],
    "a party named before its role: Y, one of the largest suppliers": [
        (
            "Egypt buys wheat from Romania, a major supplier of grain to Egypt.",
            expect(("ROU", "EGY", "wheat"), ("ROU", "EGY", "grain")),
        ),
        (
            "Kenya buys wheat from Russia, one of the main suppliers of grain to Kenya.",
            expect(("RUS", "KEN", "wheat"), ("RUS", "KEN", "grain")),
        ),
    ],
    # issue 9 phase 3 (rank3): the subject of a relative clause is the party before 'which'
    "subject through a relative pronoun: X, which imports": [
        (
            "Egypt's wheat comes from Russia, which buys tea from Kenya in return.",
            expect(("RUS", "EGY", "wheat"), ("KEN", "RUS", "tea")),
        ),
        (
            "Brazil sells soybeans to China, which also imported corn from Ukraine.",
            expect(("BRA", "CHN", "soybeans"), ("UKR", "CHN", "corn")),
        ),
    ],
    "subject through a relative pronoun: X, which exports": [
        (
            "Egypt buys wheat from Romania, which also supplies barley to Jordan.",
            expect(("ROU", "EGY", "wheat"), ("ROU", "JOR", "barley")),
        ),
        (
            "Trade with Vietnam, which will ship rice to the Philippines, grew.",
            expect(("VNM", "PHL", "rice", PL)),
        ),
    ],
    # issue 9 phase 3 (rank3): a share of imports named without a possessive; the supplier before 'which'
    "supplier of a share of Y imports: X supplies N% of US crude imports": [
        ("Canada supplies 60 percent of US crude imports.", expect(("CAN", "USA", "crude"))),
        (
            "Algeria, which supplies 30 percent of Spanish gas imports, raised its prices.",
            expect(("DZA", "ESP", "gas")),
        ),
    ],
    # issue 9 phase 3 (rank3): shares from another origin or to another destination
    "a country before an origin verb is not its importer": [
        (
            "Peru is Korea's top copper supplier, with the remainder of the metal coming from Chile.",
            expect(("PER", "KOR", "copper"), ("CHL", "KOR", "copper"), ("CHL", "KOR", "metal")),
        ),
        ("Vietnam is near China, and most of the rice comes from Thailand.", expect()),
    ],
    "a share from another origin: buys A from X, with the rest coming from Z": [
        (
            "Moldova bought 90 percent of its gas from Russia, while the rest came from Romania.",
            expect(("RUS", "MDA", "gas"), ("ROU", "MDA", "gas")),
        ),
        (
            "Canada supplies 60 percent of US crude imports, along with large volumes from Mexico.",
            expect(("CAN", "USA", "crude"), ("MEX", "USA", "crude")),
        ),
    ],
    "a share to another destination: exports A to Y, with the rest going to Z": [
        (
            "Chile exported half of its cherries to China, with the balance shipped to Korea.",
            expect(("CHL", "CHN", "cherries"), ("CHL", "KOR", "cherries")),
        ),
        (
            "Australia is the top buyer of Fijian sugar, with smaller amounts going to New Zealand.",
            expect(("FJI", "AUS", "sugar"), ("FJI", "NZL", "sugar")),
        ),
    ],
    # modal3 (issue 9 phase 3): goods named before the purpose of a trade noun
    "goods before the purpose of a trade noun: A for delivery in Y, A for export to Y": [
        (
            "Two vessels will be loaded with Brazilian soybeans for delivery in Argentina.",
            expect(("BRA", "ARG", "soybeans", PL)),
        ),
        ("Traders bought Ukrainian corn for shipment to Spain.", expect(("UKR", "ESP", "corn"))),
    ],
    # modal3 (issue 9 phase 3): the buyer as the owner of the needs a supply meets
    "owner of the needs a supply meets: A to meet Y's needs": [
        ("Australia supplies coal to meet Japan's power needs.", expect(("AUS", "JPN", "coal"))),
        (
            "Indonesia and Chile held talks. Indonesia exported more nickel to cover China's growing demand.",
            expect(("IDN", "CHN", "nickel")),
        ),
    ],
    # Issue 9 phase 3 (lists3); more shapes and near-misses in test_flow_lists3.py.
    "goods as a range: ranging from A to B and C": [
        (
            "Turkey sold goods worth $2 billion to Iraq, ranging from cement to furniture.",
            expect(("TUR", "IRQ", "cement"), ("TUR", "IRQ", "furniture")),
        ),
        (
            "Japan will import products ranging from beef to wheat and soybeans from Australia.",
            expect(("AUS", "JPN", "beef", PL), ("AUS", "JPN", "wheat", PL), ("AUS", "JPN", "soybeans", PL)),
        ),
    ],
    "destination before '-bound': Y-bound A": [
        ("Iran-bound Kazakh barley is loaded at the port of Aktau.", expect(("KAZ", "IRN", "barley"))),
        (
            "China-bound iron ore from Australia was delayed by the storm.",
            expect(("AUS", "CHN", "iron ore")),
        ),
    ],
    "the destination before '-bound' is no other side": [
        ("A Spain-bound cargo of Ukrainian corn was loaded in Odesa.", expect(("UKR", "ESP", "corn"))),
        ("Egypt-bound Russian wheat was loaded in Novorossiysk.", expect(("RUS", "EGY", "wheat"))),
    ],
    "possessor of the goods before an exporting passive: X's A bound for Y": [
        (
            "The port handled 40,000 tonnes of Russia's wheat bound for Egypt.",
            expect(("RUS", "EGY", "wheat")),
        ),
        ("Much of Kazakhstan's wheat is exported to Iran.", expect(("KAZ", "IRN", "wheat"))),
    ],
    "dependence not on goods of a named origin: dependent on tourism": [
        ("Egypt's dependence is growing, officials in Cairo said.", expect()),
        ("Kenya, ever more reliant, is looking for new markets.", expect()),
    ],
    "dependence on what no demonym names: reliant on imports": [
        ("Egypt is heavily dependent on imports for its wheat.", expect()),
        ("Kenya's economy is dependent on tourism and tea.", expect()),
    ],
    "goods of a named origin a buyer depends on: dependent on Russian wheat": [
        ("Germany's dependence on Russian gas grew for a decade.", expect(("RUS", "DEU", "gas"))),
        (
            "Japan remains reliant on Australian coal and Qatari LNG.",
            expect(("AUS", "JPN", "coal"), ("QAT", "JPN", "lng")),
        ),
    ],
    "goods listed in the next sentence: It imported goods from X. Items included A and B": [
        (
            "Ghana bought goods worth $90 million from Japan. Items included cars and machinery.",
            expect(("JPN", "GHA", "cars"), ("JPN", "GHA", "machinery")),
        ),
        (
            "Vietnam's exports to Chile reached $1.1 billion. The main products were shoes and phones.",
            expect(("VNM", "CHL", "shoes"), ("VNM", "CHL", "phones")),
        ),
    ],
    # modal3 (issue 9 phase 3): a prevention's object is the goods of the passive after it
    "goods kept from a passive: prevent A from being shipped": [
        (
            "Rains will not stop Brazilian soybeans from being shipped to China.",
            expect(("BRA", "CHN", "soybeans")),
        ),
        (
            "The decree prevents Thai sugar and rice from being sold to Laos.",
            expect(("THA", "LAO", "sugar", A, True), ("THA", "LAO", "rice", A, True)),
        ),
    ],
    # modal3 (issue 9 phase 3): a part of the amount stated before as a passive's subject
    "part of the amount before, agent of an exporting passive: the rest was supplied by X": [
        (
            "Chile bought sugar from Brazil last year. The rest was supplied by Peru.",
            expect(("BRA", "CHL", "sugar"), ("PER", "CHL", "sugar")),
        ),
        (
            "Poland imported 3 million tonnes of coal from Russia in 2021. Most of the remainder was shipped "
            "by Colombia.",
            expect(("RUS", "POL", "coal"), ("COL", "POL", "coal")),
        ),
    ],
    "part of the amount before, agent of an importing passive: the bulk was bought by Y": [
        (
            "Brazil sold 3 million tonnes of soybeans to Iran. The bulk was bought by China.",
            expect(("BRA", "IRN", "soybeans"), ("BRA", "CHN", "soybeans")),
        ),
        (
            "Ukraine exported 5 million tonnes of corn to Spain. The balance was purchased by Egypt and Turkey.",
            expect(("UKR", "ESP", "corn"), ("UKR", "EGY", "corn"), ("UKR", "TUR", "corn")),
        ),
    ],
    # Issue 9 (recall4): the recipient as a giving verb's first object; goods named as the sentence's topic.
    "recipient as the first object of a giving verb: sold Y N tonnes of A": [
        (
            "Russia sold Egypt 2 million tonnes of wheat, Turkish traders said.",
            expect(("RUS", "EGY", "wheat")),
        ),
        (
            "Qatar will ship Japan and Korea about 4 million tonnes of LNG, India said.",
            expect(("QAT", "JPN", "lng", PL), ("QAT", "KOR", "lng", PL)),
        ),
    ],
    "goods named as the sentence's topic: In the case of A, X sold Y N tonnes": [
        (
            "In the case of lemons, Uzbekistan has sold Russia about 621 tonnes, Kazakhstan said.",
            expect(("UZB", "RUS", "lemons")),
        ),
        (
            "As for barley, Australia shipped 2 million tonnes to China in 2023, Canada said.",
            expect(("AUS", "CHN", "barley")),
        ),
    ],
    # Issue 9 (recall4): goods a change was seen for; more shapes and near-misses in test_flow_recall4.py.
    "goods a change was seen for: imports grew, with increases for A (+5%)": [
        (
            "Spain bought more from Morocco in 2023, with strong gains recorded for tomatoes (+14%) and "
            "sardines (+6%).",
            expect(("MAR", "ESP", "tomatoes"), ("MAR", "ESP", "sardines")),
        ),
        (
            "Exports from Vietnam to Korea rose, with rises for coffee and cashew nuts.",
            expect(("VNM", "KOR", "coffee"), ("VNM", "KOR", "cashew nuts")),
        ),
    ],
    "goods a change was seen in: exports fell, with declines in A (-3%)": [
        (
            "Ghana's exports to Togo fell, with sharp declines in cement (-20%) and flour (-9%).",
            expect(("GHA", "TGO", "cement"), ("GHA", "TGO", "flour")),
        ),
        (
            "India imported more from Russia, with a jump in fertilisers and coal.",
            expect(("RUS", "IND", "fertilisers"), ("RUS", "IND", "coal")),
        ),
    ],
}


def catalogue_names() -> list[str]:
    return [c.name for c in catalogue().constructions]


def test_every_construction_has_sentences_in_two_shapes():
    missing = [name for name in catalogue_names() if len(CASES.get(name, [])) < 2]
    assert not missing, f"constructions without two test sentences: {missing}"
    assert not set(CASES) - set(catalogue_names()), "test cases for constructions not in the catalogue"


PARAMS = [(name, text, flows) for name, cases in CASES.items() for text, flows in cases]


@pytest.mark.parametrize(
    ("name", "text", "expected"), PARAMS, ids=[f"{p[0][:30]}|{p[1][:30]}" for p in PARAMS]
)
def test_construction_reads_its_sentences(name: str, text: str, expected: set) -> None:
    found, frames = flows_and_frames(text)
    assert found == expected, (
        f"\n  text: {text}\n  missing: {expected - found}\n  spurious: {found - expected}"
    )
    used = {n for f in frames for n in f.filled_by.values()} | {f.dropped_by for f in frames}
    used |= {n for f in frames for n in f.blocked_by}
    assert name in used, f"{name!r} did not read {text!r}; used: {sorted(n for n in used if n)}"


def test_each_catalogue_example_is_read_by_its_construction():
    for construction in catalogue().constructions:
        _, frames = flows_and_frames(construction.row.example)
        used = {n for f in frames for n in f.filled_by.values()} | {f.dropped_by for f in frames}
        used |= {n for f in frames for n in f.blocked_by}
        assert construction.name in used, construction.row.example


# -- hard negatives: trade words, no flow a reader can determine ----------------------------------------------
NEGATIVES = [
    # turnover without goods
    "Trade turnover between Kenya and Tanzania reached $1.2 billion in 2022.",
    "Bilateral trade between Peru and Chile grew by 12 percent last year.",
    # talks on expanding trade
    "Ministers of Vietnam and Laos discussed ways to expand exports.",
    "Egypt and Sudan agreed to increase trade and boost exports of goods.",
    # transit through a country
    "Trucks carrying goods transit through Iran on the way to Turkey.",
    "The corridor lets cargo move through Georgia towards Europe.",
    # a group as partner
    "Moldova exports wine to the European Union.",
    "Ghana sells cocoa to ASEAN countries.",
    "Peru exports copper to Asia.",
    # a ban, a halt: negated, not a flow
    "China banned imports of Australian coal.",
    "Russia suspended exports of wheat to Turkey.",
    "India halted onion exports to Bangladesh.",
    # vague goods
    "Thailand exports various products to Cambodia.",
    "Turkey supplies goods and services to Iraq.",
    # a market opened or entered by what is no goods
    "Tesla entered the Chinese market in 2019.",
    # examples of parties that trade no goods
    "Investors from countries such as Japan and Korea bought shares in Vietnam.",
    # an object relative clause whose verb is no trade: the goods are not traded
    "The cotton Uzbekistan grows near the border is sold at home.",
    "Officials said the wheat Egypt stores in silos will last a year.",
    # a world ranking ahead of a rival names no partner
    "Brazil is the top coffee exporter, ahead of Vietnam.",
    "China opened its market to foreign investors.",
    # worldwide statements
    "Global coffee exports fell this year.",
    "Brazil is the world's largest exporter of sugar.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_hard_negatives_give_no_flow(text: str) -> None:
    found, _ = flows_and_frames(text)
    assert {f for f in found if not f[4]} == set(), found


# -- near-misses: a construction's shape without what it reads; only the plain flow is stated ----------------
NEAR_MISSES = [
    # rankings that name no other party: an event after "after", "followed by" an event
    ("Kenya became the second largest buyer of Indian tea after the drought.", expect(("IND", "KEN", "tea"))),
    (
        "China was the largest buyer of Brazilian soybeans, followed by a drop in prices.",
        expect(("BRA", "CHN", "soybeans")),
    ),
    (
        "Russia was the largest supplier of wheat to Egypt, ahead of schedule.",
        expect(("RUS", "EGY", "wheat")),
    ),
    # "with Z taking" what is no share of the flow
    ("Kenya exported tea to Egypt, with prices taking a hit.", expect(("KEN", "EGY", "tea"))),
    ("Kenya exported tea to Egypt, with Pakistan taking over as chair.", expect(("KEN", "EGY", "tea"))),
    ("Kenya exported tea to Egypt, with Pakistan taking 3 days to clear it.", expect(("KEN", "EGY", "tea"))),
    # a first rank: "after" is a time, not a rival
    (
        "Egypt became the largest buyer of Russian wheat after Turkey raised its tariffs.",
        expect(("RUS", "EGY", "wheat")),
    ),
    # a market that buys nothing of the flow before: nothing is carried
    ("Vietnam exports rice to Ghana. Japan is a saturated market.", expect(("VNM", "GHA", "rice"))),
]


@pytest.mark.parametrize(("text", "expected"), NEAR_MISSES, ids=[t[:40] for t, _ in NEAR_MISSES])
def test_near_misses_give_only_the_plain_flow(text: str, expected: set) -> None:
    found, _ = flows_and_frames(text)
    assert found == expected


# -- the catalogue loader ---------------------------------------------------------------------------------------
GOOD_ROW = {
    "name": "origin",
    "trade_words": ["*"],
    "pattern": [{"_": {"prep": "from"}}],
    "slots": ["exporter"],
    "example": "Egypt buys wheat from Romania.",
}


def write_catalogue(tmp_path, rows) -> None:
    (tmp_path / "words").mkdir(exist_ok=True)
    (tmp_path / "words" / "be_forms.txt").write_text("is\nare\n", encoding="utf-8")
    lines = ["// a comment line", ""]
    lines += [row if isinstance(row, str) else json.dumps(row) for row in rows]
    (tmp_path / "constructions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


BAD_ROWS = [
    ({**GOOD_ROW, "slots": ["exporter", "goods"]}, "2 slots for 1 pattern tokens"),
    ({**GOOD_ROW, "slots": ["seller"]}, "slots"),
    ({**GOOD_ROW, "trade_words": ["export adverb"]}, "names no trade-word class"),
    ({**GOOD_ROW, "slots": ["goods"], "share": True}, "share: true needs an exporter or importer slot"),
    ({**GOOD_ROW, "pattern": [{"LOWER": {"IN": "from"}}]}, "not a spaCy Matcher pattern"),
    ({**GOOD_ROW, "pattern": [{"LOWER": "from", "OP": "!"}]}, "operator"),
    ({**GOOD_ROW, "pattern": [{"LOWER": "from", "OP": "?"}]}, "cannot be optional"),
    ({**GOOD_ROW, "pattern": [{"POS": "NOUN"}]}, "not supported"),
    ({**GOOD_ROW, "within": "paragraph"}, "within"),
    ({k: v for k, v in GOOD_ROW.items() if k != "example"}, "example"),
    ("{not json", "invalid JSON"),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS, ids=[m for _, m in BAD_ROWS])
def test_catalogue_loader_names_file_and_line_of_a_bad_row(tmp_path, monkeypatch, row, message):
    from tradegraph.components.flows.constructions import load_catalogue
    from tradegraph.rules import RuleFileError

    monkeypatch.setenv("TRADEGRAPH_RULES", str(tmp_path))
    write_catalogue(tmp_path, [GOOD_ROW, row])
    with pytest.raises(RuleFileError) as error:
        load_catalogue()
    assert "constructions.jsonl:4: " in str(error.value)
    assert message in str(error.value)


def test_catalogue_loader_rejects_an_empty_catalogue_and_twice_used_names(tmp_path, monkeypatch):
    from tradegraph.components.flows.constructions import load_catalogue
    from tradegraph.rules import RuleFileError

    monkeypatch.setenv("TRADEGRAPH_RULES", str(tmp_path))
    write_catalogue(tmp_path, [])
    with pytest.raises(RuleFileError, match="no rows"):
        load_catalogue()
    write_catalogue(tmp_path, [GOOD_ROW, GOOD_ROW])
    with pytest.raises(RuleFileError, match="used twice"):
        load_catalogue()


def test_catalogue_placeholders_expand_to_word_lists(tmp_path, monkeypatch):
    from tradegraph.components.flows.constructions import load_catalogue

    monkeypatch.setenv("TRADEGRAPH_RULES", str(tmp_path))
    row = {**GOOD_ROW, "pattern": [{"LOWER": {"IN": ["@be_forms", "seems"]}}], "slots": [None]}
    write_catalogue(tmp_path, [row])
    loaded = load_catalogue().constructions[0]
    assert loaded.row.pattern[0]["LOWER"]["IN"] == ["are", "is", "seems"]


def test_the_shipped_catalogue_is_the_file_in_rules():
    assert rule_path("constructions.jsonl").is_file()
    assert len(catalogue().constructions) == len(CASES)


# -- the pattern engine reads the catalogue as spaCy's Matcher does --------------------------------------------
def spacy_alignments(doc, pattern) -> list[tuple[int, int, tuple[int, ...]]]:
    from spacy.matcher import Matcher

    matcher = Matcher(doc.vocab, validate=True)
    matcher.add("P", [list(pattern)])
    return [(start, end, tuple(alignment)) for _, start, end, alignment in matcher(doc, with_alignments=True)]


def covered(matches) -> set[tuple[int, int]]:
    """(token, pattern token) pairs of all matches: what the slots are filled from."""
    return {(start + k, spec) for start, _, alignment in matches for k, spec in enumerate(alignment)}


@pytest.mark.parametrize("text", [text for _, text, _ in PARAMS][::3] + NEGATIVES[::4])
def test_pattern_engine_matches_what_spacy_matcher_matches(text: str) -> None:
    nlp = get_pipeline()
    doc = nlp(text)
    ctx, frames = nlp.get_pipe("tg_flows").read(doc)  # publishes the marks Token._ reads
    for construction in catalogue().constructions:
        pattern = construction.row.pattern
        theirs = spacy_alignments(doc, pattern)
        if construction.trigger_token is None:
            ours = construction.pattern.find(ctx.table, 0, len(doc))
            assert covered(ours) == covered(theirs), construction.name
            continue
        k = construction.trigger_token
        for frame in frames:
            trigger = frame.trigger
            start, end = construction.window(trigger)
            ours = construction.pattern.find_at(ctx.table, k, trigger.start, trigger.end, (start, end))
            # the window bounds the tokens around the trade word ("side": "before" ends it there)
            on_trigger = [
                m
                for m in theirs
                if min(start, trigger.start) <= m[0]
                and m[1] <= max(end, trigger.end)
                and [m[0] + i for i, spec in enumerate(m[2]) if spec == k]
                == list(range(trigger.start, trigger.end))
            ]
            assert covered(ours) == covered(on_trigger), (construction.name, text)


DEV_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


def _dev_texts(count: int) -> list[str]:
    paths = sorted(DEV_CORPUS.glob("*.json"))[:count]
    return [json.loads(path.read_text(encoding="utf-8"))["text"] for path in paths]


@pytest.mark.parametrize("source", ["examples", "dev"])
def test_a_construction_skipped_for_a_missing_token_has_no_match(source: str) -> None:
    """frames.py tries a construction on a trade word only when the tokens its pattern needs (words, marks)
    occur on the right side of it in the window; that test must never rule out a construction that
    matches."""
    if source == "dev" and not DEV_CORPUS.is_dir():
        pytest.skip("../shared/corpus/dev is not here")
    texts = [text for _, text, _ in PARAMS] + NEGATIVES if source == "examples" else _dev_texts(12)
    nlp = get_pipeline()
    extractor = nlp.get_pipe("tg_flows")
    needs = extractor.frames.needs
    checked = 0
    for doc in nlp.pipe(texts):
        ctx, frames = extractor.read(doc)
        table = ctx.table
        for frame in frames:
            trigger = frame.trigger
            for construction in catalogue().by_class[trigger.cls]:
                if construction.trigger_token is None:
                    continue
                start, end = construction.window(trigger)
                if not construction.pattern.find_at(
                    table, construction.trigger_token, trigger.start, trigger.end, (start, end)
                ):
                    continue
                checked += 1
                for column, values, before in needs[construction.rank]:
                    where = (start, trigger.start) if before else (trigger.end, end)
                    assert table.occurs(column, values, *where), (construction.name, column, doc.text)
    assert checked > 20


@pytest.mark.parametrize("source", ["examples", "dev"])
def test_the_needs_a_doc_meets_are_those_whose_tokens_occur_in_it(source: str) -> None:
    """frames.py drops from a Doc's plans every construction needing a token no token of the Doc holds,
    read off the token index in one pass: a need counts as met exactly when such a token may occur in the
    Doc (TokenTable.occurs), so no construction that matches is ever dropped."""
    if source == "dev" and not DEV_CORPUS.is_dir():
        pytest.skip("../shared/corpus/dev is not here")
    texts = [text for _, text, _ in PARAMS] + NEGATIVES if source == "examples" else _dev_texts(12)
    nlp = get_pipeline()
    builder = nlp.get_pipe("tg_flows").frames
    met = missed = 0
    for doc in nlp.pipe(texts):
        ctx, frames = nlp.get_pipe("tg_flows").read(doc)
        if not frames:
            continue
        in_doc = builder._needs_in_doc(ctx.table)
        for b, (column, values) in enumerate(builder.need_keys):
            occurs = ctx.table.occurs(column, values, 0, len(doc))
            assert bool(in_doc >> b & 1) == occurs, (column, sorted(map(str, values)), doc.text[:80])
            met += occurs
            missed += not occurs
    assert met and missed
