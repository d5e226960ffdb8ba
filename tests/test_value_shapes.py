"""Trade values by class of language, each in several shapes (other countries, currencies, tenses, voices),
with near misses that must give nothing. Every sentence is written for these tests."""

from __future__ import annotations

import pytest
from test_values import values

from tradegraph.components.values import read_period
from tradegraph.extract import extract_text


def periods(text: str, date: str | None = None) -> set[tuple]:
    extraction = extract_text(text, "test", date=date)
    return {(v.flow, v.value, v.period) for v in extraction.trade_values}


# -- direction: which country reports, which is the partner ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ghana's exports to Togo reached GH¢2.1 billion in 2019.", ("GHA", "TGO", "exports")),
        ("Togo's imports from Ghana amounted to $400 million in 2019.", ("TGO", "GHA", "imports")),
        ("Peru exported $3 billion worth of goods to Chile in 2018.", ("PER", "CHL", "exports")),
        ("Chile imported goods worth $3 billion from Peru in 2018.", ("CHL", "PER", "imports")),
        ("Exports from Brazil to Uruguay rose to $2bn in 2017.", ("BRA", "URY", "exports")),
        ("Goods worth $2bn were shipped from Brazil to Uruguay in 2017.", ("BRA", "URY", "exports")),
        ("Goods worth 9bn dirhams were imported into Oman from Qatar.", ("OMN", "QAT", "imports")),
        ("Turkish exports to Russia were worth $9 billion in 2021.", ("TUR", "RUS", "exports")),
        ("Russia's imports of Turkish goods reached $9 billion in 2021.", ("RUS", "TUR", "imports")),
        ("Poland bought goods worth 30 billion zlotys from Germany.", ("POL", "DEU", "imports")),
        ("Belarus sold goods worth 2 billion roubles to Russia in May.", ("BLR", "RUS", "exports")),
        ("Mexico accounted for $5 billion of Colombia's imports in 2020.", ("COL", "MEX", "imports")),
        ("Kenya's imports from Uganda fell 10% to $3.5 billion last year.", ("KEN", "UGA", "imports")),
        ("Vietnam earned $4 billion from exports to India in 2022.", ("VNM", "IND", "exports")),
    ],
)
def test_direction(text: str, expected: tuple[str, str, str]) -> None:
    assert {found[:3] for found in values(text)} == {expected}


def test_exports_and_imports_of_one_subject() -> None:
    text = (
        "Uzbekistan and Turkmenistan are neighbours. In 2022, Uzbekistan exported goods worth $700 million "
        "to Turkmenistan and imported $250 million worth."
    )
    assert values(text) == {
        ("UZB", "TKM", "exports", 700e6, "USD"),
        ("UZB", "TKM", "imports", 250e6, "USD"),
    }


def test_a_stated_reporter_carries_to_the_next_sentence() -> None:
    # Morocco is named most (the home country), yet the figures are Senegal's, as the first sentence says.
    text = (
        "Morocco is a big market. Morocco, Morocco and Morocco. Senegal's foreign trade turnover with "
        "Morocco in 2022 was $300 million. In 2022, exports totaled $80 million, while imports amounted to "
        "$220 million."
    )
    assert values(text) == {
        ("SEN", "MAR", "turnover", 300e6, "USD"),
        ("SEN", "MAR", "exports", 80e6, "USD"),
        ("SEN", "MAR", "imports", 220e6, "USD"),
    }


def test_turnover_between_two_countries_leaves_the_reporter_to_the_home_country() -> None:
    text = (
        "BISHKEK, Kyrgyzstan - Trade between Russia and Kyrgyzstan amounted to $3 billion in 2021. "
        "Of these, $2.4 billion accounted for imports and $600 million for exports."
    )
    assert values(text) == {
        ("RUS", "KGZ", "turnover", 3e9, "USD"),
        ("KGZ", "RUS", "imports", 2.4e9, "USD"),
        ("KGZ", "RUS", "exports", 600e6, "USD"),
    }


def test_a_regional_epithet_is_the_partner() -> None:
    text = (
        "Japan and Qatar marked 50 years of ties. Japan, Japan and Qatar, Qatar, Qatar. "
        "Exports to the Gulf state were worth $1.2 billion last year."
    )
    assert values(text) == {("JPN", "QAT", "exports", 1.2e9, "USD")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "TEHRAN, Iran - Iran and Iraq are partners. Exports to the neighbouring country hit $9 billion.",
            {("IRN", "IRQ", "exports", 9e9, "USD")},
        ),
        (
            "LIMA, Peru - Peru and Ecuador are partners. Imports from this neighboring state fell to $1 billion.",
            {("PER", "ECU", "imports", 1e9, "USD")},
        ),
    ],
)
def test_the_neighbouring_country_is_the_other_country_seen_from_home(text: str, expected: set) -> None:
    assert values(text) == expected


def test_a_reporter_named_alone_needs_a_bilateral_value_before() -> None:
    alone = "Kenya and Uganda are partners. Kenya's exports rose to $7 billion in 2021."
    assert values(alone) == set()
    after = (
        "Kenya's trade with Uganda reached $3 billion in 2021. Kenya's exports rose to $2 billion, "
        "Kenya said."
    )
    assert ("KEN", "UGA", "exports", 2e9, "USD") in values(after)


def test_bare_exports_in_a_bilateral_article_are_the_home_countrys() -> None:
    text = "NAIROBI, Kenya - Kenya and Uganda are partners. Exports rose to $2 billion in 2021."
    assert values(text) == {("KEN", "UGA", "exports", 2e9, "USD")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Canada's exports to Japan rose to C$3 billion, while exports to Korea fell to C$1 billion.",
            {("CAN", "JPN", "exports", 3e9, "CAD"), ("CAN", "KOR", "exports", 1e9, "CAD")},
        ),
        (
            "Brazil's imports from Chile, at $4 billion, and Peru, at $2 billion, both grew in 2021.",
            {("BRA", "CHL", "imports", 4e9, "USD"), ("BRA", "PER", "imports", 2e9, "USD")},
        ),
    ],
)
def test_a_new_partner_of_the_same_reporter(text: str, expected: set) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Germany led the imports, with Austria taking €9 billion in German goods in 2021.",
            {("AUT", "DEU", "imports", 9e9, "EUR")},
        ),
        (
            "Thailand and Laos. Laos bought $2 billion of Thai goods in 2020.",
            {("LAO", "THA", "imports", 2e9, "USD")},
        ),
    ],
)
def test_the_demonym_of_goods_is_where_they_come_from(text: str, expected: set) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The trade turnover of Georgia and Azerbaijan amounted to $1.6 billion in 2022.",
        "Trade between Georgia and Azerbaijan amounted to $1.6 billion in 2022.",
        "Georgia's trade with Azerbaijan amounted to $1.6 billion in 2022.",
    ],
)
def test_turnover_of_two_named_countries(text: str) -> None:
    [(reporter, partner, flow, _, _)] = values(text)
    assert ({reporter, partner}, flow) == ({"GEO", "AZE"}, "turnover")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kenya and Rwanda are partners. Exports and imports amounted to $1bn and $300m respectively.",
            {("KEN", "RWA", "exports", 1e9, "USD"), ("KEN", "RWA", "imports", 300e6, "USD")},
        ),
        (
            "Chile's imports from and exports to Bolivia were $900m and $200m, respectively.",
            {("CHL", "BOL", "imports", 900e6, "USD"), ("CHL", "BOL", "exports", 200e6, "USD")},
        ),
    ],
)
def test_respectively_pairs_amounts_with_trade_words_in_order(text: str, expected: set) -> None:
    assert values(text) == expected


def test_a_trade_word_compared_with_is_not_the_amounts() -> None:
    text = (
        "Trade links Chile and Ecuador. Ecuador's imports from Chile, led by copper, far exceed exports, "
        "totaling $1.9 billion."
    )
    assert values(text) == {("ECU", "CHL", "imports", 1.9e9, "USD")}


def test_it_stands_for_the_trade_of_the_sentence_before() -> None:
    text = (
        "Trade is the main link between Indonesia and Malaysia. Last year, it totaled $18 billion, making "
        "them close partners."
    )
    assert values(text) == {("IDN", "MYS", "turnover", 18e9, "USD")}


def test_it_without_trade_before_is_nothing() -> None:
    text = "Indonesia and Malaysia share a border. Last year, it cost $18 million to patrol."
    assert values(text) == set()


# -- the flow kind ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "flow"),
    [
        ("Bilateral trade between Chile and Peru stood at $4.5bn in 2017.", "turnover"),
        ("China-Russia trade hit a record $190 billion in 2022.", "turnover"),
        ("Two-way trade between Australia and Japan reached A$90 billion in 2021.", "turnover"),
        ("The trade turnover of Kazakhstan and Uzbekistan amounted to $4.2 billion in 2022.", "turnover"),
        ("Nigeria's import trade with India was valued at N900 billion.", "imports"),
        ("Nigeria's export trade with India was valued at N700 billion.", "exports"),
        ("Turkey's purchases from Azerbaijan reached $2 billion in 2022.", "imports"),
        ("Azerbaijan's sales to Turkey reached $2 billion in 2022.", "exports"),
    ],
)
def test_flow_kind(text: str, flow: str) -> None:
    assert {found[2] for found in values(text)} == {flow}


@pytest.mark.parametrize(
    "text",
    [
        "Germany ran a trade deficit of €5bn with China in 2019.",
        "Pakistan's trade deficit with China widened to $10bn in 2020.",
        "The deficit in trade with China reached $10bn, Pakistan said.",
        "Vietnam's trade surplus with the United States hit $90 billion in 2022.",
        "The trade balance between Egypt and Sudan was $300 million in Egypt's favour.",
        "A $100 million trade deal was signed between Kazakhstan and Kyrgyzstan.",
    ],
)
def test_balances_and_deals_are_not_trade_values(text: str) -> None:
    assert values(text) == set()


# -- values that are not between two countries -----------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # a country's trade with everyone
        "Kazakhstan and China are partners. Kazakhstan's total exports amounted to $60bn in 2022.",
        "Kazakhstan and China are partners. China's exports to the world amounted to $3 trillion in 2022.",
        "Kazakhstan and Uzbekistan. Kazakhstan's foreign trade turnover reached $134 billion in 2022.",
        "Kazakhstan and Uzbekistan. Uzbekistan's trade with the world reached $50 billion in 2022.",
        "Kenya and Uganda. Kenya's trade with Uganda was 10% of its total trade of $20 billion.",
        "China and Kenya. World trade reached $25 trillion in 2022.",
        "China and Kenya. Global exports of tea were worth $8 billion.",
        # a group of countries on one side
        "The EU's exports to China reached €200 billion in 2021.",
        "Kazakhstan's exports to the EU reached $30 billion in 2021. China is next.",
        "Kazakhstan exported goods worth $1bn to Central Asian countries in 2020.",
        "Trade between China and ASEAN reached $900 billion.",
        # a part of a country on one side
        "Exports from the Mangystau region of Kazakhstan to Iran reached $100 million in 2020.",
        "Trade between the Altai region and Mongolia reached $50 million. The Altai region borders Mongolia.",
        # goals and forecasts
        "Kenya and Uganda aim to raise bilateral trade to $2bn by 2025.",
        "Trade between Kenya and Uganda is expected to reach $2bn next year.",
        "Trade between India and Iran could reach $30 billion.",
        "Turkey's exports to Iraq are targeted to reach $20 billion.",
        "The two sides set a target of $10 billion in bilateral trade between Chad and Niger.",
        "Kazakhstan and Kyrgyzstan want trade to reach $2 billion.",
        "Iran and Pakistan have a potential trade of $5 billion.",
        # prices, revenues, investment, output, shares
        "Kenya and Uganda are neighbours. The price of sugar rose to $500 per ton.",
        "China and Kenya. The price of Kenyan tea in China rose to $3 per kilogram.",
        "Kenya and Uganda are neighbours. Safaricom's revenue was KSh300 billion.",
        "China and Kazakhstan. China's investments in Kazakhstan totalled $5 billion.",
        "China and Kenya. Kenya's GDP was $110 billion in 2021.",
        "China and Kenya. The share of China in Kenya's exports rose to 5%.",
        "Trade between Nigeria and China grew by $2bn in 2019.",
        "Trade between Nigeria and China was $3-4 billion a year.",
        # a company's trade
        "Kenya and Uganda. Safaricom's turnover rose to KSh300 billion.",
        "Kenya and Uganda. The company's exports to Uganda rose to KSh3 billion.",
    ],
)
def test_not_a_value_between_two_countries(text: str) -> None:
    assert values(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Ecuador and Chile. Ecuador exported $90 million worth of goods to Chile in 2019.",
        "Ecuador and Chile. Exports of Ecuador to Chile amounted to $90 million in 2019.",
        "Ecuador and Chile. Chile imported $90 million of Ecuadorian products in 2019.",
    ],
)
def test_vague_goods_or_a_country_after_of_leave_the_value_of_all_goods(text: str) -> None:
    assert {v[4] for v in values(text)} == {"USD"} and len(values(text)) == 1


def test_a_group_named_elsewhere_in_the_sentence_does_not_matter() -> None:
    text = "Kenya's exports to Uganda, its largest market in Africa, were worth KSh 80 billion in 2021."
    assert values(text) == {("KEN", "UGA", "exports", 80e9, "KES")}


@pytest.mark.parametrize(
    "text",
    [
        "Nigeria's total trade with China rose to N5.2 trillion in 2022.",
        "Kazakhstan's foreign trade turnover with Uzbekistan reached $4.2 billion in 2022.",
        "Total trade between Qatar and India stood at $15bn in 2021.",
    ],
)
def test_a_total_with_a_named_partner_is_bilateral(text: str) -> None:
    assert len(values(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Trade between Peru and Chile reached $4 billion in 2021, short of the $6 billion target.",
        "Trade between Peru and Chile reached $4 billion in 2021. They agreed to lift it to $6 billion by 2030.",
        "Trade between Peru and Chile reached $4 billion in 2021 and should reach $6 billion by 2030.",
    ],
)
def test_the_value_stated_beside_a_goal_stays(text: str) -> None:
    assert values(text) == {("PER", "CHL", "turnover", 4e9, "USD")}


# -- all goods or one commodity --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Russia and Turkey. Russia's exports of oil to Turkey reached $25 billion in 2022.",
        "Russia and Turkey. Turkey bought $25 billion worth of Russian oil in 2022.",
        "Each year, Laos exports 900,000 tonnes of farm produce worth 2 billion yuan to China.",
        "Kazakhstan exported wheat worth $100 million to Kyrgyzstan and flour worth $50 million.",
        "Ghana's cocoa exports to the Netherlands were worth $1.1 billion.",
        "Ghana and Togo. Cocoa beans accounted for $800 million of exports to Togo.",
        # goods no list knows, named after "of"
        "Ecuador and Chile. Ecuador exported $90 million worth of blossoms to Chile in 2019.",
        "Ecuador and Chile. Shipments of blossoms to Chile amounted to $90 million in 2019.",
    ],
)
def test_one_commoditys_value_is_no_trade_value(text: str) -> None:
    assert values(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Turkey's exports to Iraq, mostly food and construction materials, reached $13 billion.",
            ("TUR", "IRQ", "exports", 13e9, "USD"),
        ),
        (
            "Imports from Oman, mainly fish and dates, totalled 400 million rials, Iran said. Iran, Iran.",
            ("IRN", "OMN", "imports", 400e6, "IRR"),
        ),
    ],
)
def test_goods_in_an_aside_leave_the_value_of_all_goods(text: str, expected: tuple) -> None:
    assert values(text) == {expected}


def test_a_part_of_the_value_in_goods_is_theirs() -> None:
    text = (
        "Morocco's exports to Senegal reached $800 million in 2019, of which $200 million were fertilizers."
    )
    assert values(text) == {("MAR", "SEN", "exports", 800e6, "USD")}


def test_amounts_in_brackets_after_goods_are_their_values() -> None:
    text = (
        "Ghana's exports to China reached N900 billion. Exports to China were led by gold bars of high "
        "purity (valued at N500 billion), manganese ores of all kinds (N200 billion) and timber."
    )
    assert values(text) == {("GHA", "CHN", "exports", 900e9, "NGN")}


def test_an_amount_in_brackets_after_the_trade_phrase_is_its_value() -> None:
    text = "Ghana's exports to Togo (GH¢2.1 billion) grew fast in 2019."
    assert values(text) == {("GHA", "TGO", "exports", 2.1e9, "GHS")}


# -- periods ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "date", "period"),
    [
        ("Trade was $5bn in January-September 2024.", None, "2024-01..2024-09"),
        ("Trade was $5bn in Jan-Sept 2023.", None, "2023-01..2023-09"),
        ("Trade was $5bn between January and October 2023.", None, "2023-01..2023-10"),
        ("Trade was $5bn from March 21 to June 21, 2021.", None, "2021-03..2021-06"),
        ("Trade was $5bn in the first nine months of 2023.", None, "2023-01..2023-09"),
        ("Trade was $5bn in the first half of 2023.", None, "2023-01..2023-06"),
        ("Trade was $5bn in H1 2023.", None, "2023-01..2023-06"),
        ("Trade was $5bn in Q3 2020.", None, "2020-07..2020-09"),
        ("Trade was $5bn in the second quarter of 2019.", None, "2019-04..2019-06"),
        ("Trade was $5bn in 2009.", None, "2009"),
        ("Trade was $5bn last year.", "2010-08-16", "2009"),
        ("Trade was $5bn this year.", "2010-08-16", "2010"),
        ("Trade in 2021 was $5bn, up from 2019.", None, "2021"),
    ],
)
def test_read_period(text: str, date: str | None, period: str) -> None:
    assert read_period(text, date) == period


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        (
            "India's exports to Iran rose to $2 billion in 2020 from $1.5 billion in 2019.",
            None,
            {("exports", 2e9, "2020"), ("exports", 1.5e9, "2019")},
        ),
        (
            "Trade between Cuba and Mexico was $2 billion last year, up from $1.7 billion a year earlier.",
            "2023-03-10",
            {("turnover", 2e9, "2022"), ("turnover", 1.7e9, "2021")},
        ),
        (
            "In January-June 2022, trade between Cuba and Mexico was $900 million, compared with $700 million "
            "in the same period of the previous year.",
            None,
            {("turnover", 900e6, "2022-01..2022-06"), ("turnover", 700e6, "2021-01..2021-06")},
        ),
    ],
)
def test_an_earlier_level_has_its_own_period(text: str, date: str | None, expected: set) -> None:
    assert periods(text, date) == expected


def test_a_sentence_without_a_period_takes_the_last_values_not_an_earlier_levels() -> None:
    text = (
        "Trade between Cuba and Mexico was $2 billion in 2021, compared with $1.5 billion in 2020. "
        "Mexico's exports to Cuba reached $1.2 billion."
    )
    assert periods(text) == {
        ("turnover", 2e9, "2021"),
        ("turnover", 1.5e9, "2020"),
        ("exports", 1.2e9, "2021"),
    }


def test_a_quarter_without_its_year_takes_the_year_stated_before() -> None:
    text = (
        "Trade between Serbia and Hungary reached €5 billion in 2021. "
        "In the first quarter, exports to Hungary were €400 million."
    )
    assert ("exports", 400e6, "2021-01..2021-03") in periods(text)
