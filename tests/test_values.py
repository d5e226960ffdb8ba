"""Money, quantities and trade values read from sentences written for these tests."""

from __future__ import annotations

import pytest

from tradegraph.extract import extract_text
from tradegraph.pipeline import get_pipeline


def values(text: str, date: str | None = None) -> set[tuple]:
    extraction = extract_text(text, "test", date=date)
    return {(v.reporter, v.partner, v.flow, v.value, v.currency) for v in extraction.trade_values}


def money(text: str) -> list[tuple[str, float, str]]:
    doc = get_pipeline()(text)
    return [(m.span.text, m.value, m.currency) for m in doc._.money]


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("It cost $230 million.", 230e6, "USD"),
        ("It cost $ 2 billion.", 2e9, "USD"),
        ("It cost US$5.17 billion.", 5.17e9, "USD"),
        ("It cost NZ$2.2 billion.", 2.2e9, "NZD"),
        ("It cost A$22.8bn.", 22.8e9, "AUD"),
        ("It cost 75.6 billion riyals.", 75.6e9, "SAR"),
        ("It cost 75.6 billion Saudi riyals.", 75.6e9, "SAR"),
        ("It cost 33.7bn riyals.", 33.7e9, "SAR"),
        ("It cost 17.3 million dollars.", 17.3e6, "USD"),
        ("It cost 2.3 billion New Zealand dollars.", 2.3e9, "NZD"),
        ("It cost KSh21 billion.", 21e9, "KES"),
        ("It cost 3.8 billion soms.", 3.8e9, "KGS"),
        ("It cost Dh5 trillion.", 5e12, "AED"),
        ("It cost €1.2bn.", 1.2e9, "EUR"),
        ("It cost £300m.", 300e6, "GBP"),
        ("It cost Rs 500 crore.", 5e9, "INR"),
        ("It cost 1.5 trillion yuan.", 1.5e12, "CNY"),
        ("It cost 251.4 million US dollars.", 251.4e6, "USD"),
        ("It cost $776,000.", 776000, "USD"),
        ("Imports stood at N1.1tn.", 1.1e12, "NGN"),
        ("Exports were valued at N1,204.5 billion.", 1204.5e9, "NGN"),
        ("It cost ₦800 million.", 800e6, "NGN"),
        ("It cost 45 billion naira.", 45e9, "NGN"),
        ("It cost R25 billion.", 25e9, "ZAR"),
        ("It cost Rs 1.2 lakh crore.", 1.2e12, "INR"),
        ("It cost $3.5-billion.", 3.5e9, "USD"),
        ("It cost 1.3 trillion yuan.", 1.3e12, "CNY"),
        ("It cost 40 billion Chinese yuan.", 40e9, "CNY"),
        ("It cost CNY 12bn.", 12e9, "CNY"),
        ("It cost 3 trillion Russian rubles.", 3e12, "RUB"),
        ("It cost 900 billion roubles.", 900e9, "RUB"),
        ("It cost 5 billion Kazakh tenge.", 5e9, "KZT"),
        ("It cost KZT 120 billion.", 120e9, "KZT"),
        ("It cost GH¢2.1 billion.", 2.1e9, "GHS"),
        ("It cost 7 billion birr.", 7e9, "ETB"),
        ("It cost TL 5 billion.", 5e9, "TRY"),
        ("It cost a trillion won.", 1e12, "KRW"),
        ("It cost twenty million dollars.", 20e6, "USD"),
        ("It cost $1,2 billion.", 1.2e9, "USD"),  # a decimal comma before a scale
        ("It cost 3,45 million tenge.", 3.45e6, "KZT"),
        ("It cost 1,234 million dollars.", 1234e6, "USD"),  # a thousands comma
    ],
)
def test_money_shapes(text: str, value: float, currency: str) -> None:
    [(_, found, code)] = money(text)
    assert found == pytest.approx(value)
    assert code == currency


def test_a_range_is_one_amount_with_its_upper_end() -> None:
    doc = get_pipeline()("Trade was $3-4 billion, or 3–4.5 billion dollars.")
    assert [(m.span.text, m.value, m.upper) for m in doc._.money] == [
        ("$3-4 billion", 3e9, 4e9),
        ("3–4.5 billion dollars", 3e9, 4.5e9),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Doctors asked for N95 masks.",  # a one-letter prefix is money only before a scaled amount
        "The R2 road was closed.",
        "Room 5 was booked for 3 nights.",
    ],
)
def test_not_money(text: str) -> None:
    assert money(text) == []


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("ISLAMABAD, Pakistan - Exports to China were Rs 500 billion.", "PKR"),
        ("NEW DELHI, India - Exports to China were Rs 500 billion.", "INR"),
        ("Exports to China were Rs 500 billion.", "INR"),
        ("NAIROBI, Kenya - Exports to Uganda were Sh120 billion.", "KES"),
        ("KAMPALA, Uganda - Exports to Kenya were 900 billion shillings.", "UGX"),
        ("SANTIAGO, Chile - Exports to Peru were 800 billion pesos.", "CLP"),
    ],
)
def test_a_currency_form_read_by_the_home_country(text: str, currency: str) -> None:
    [(_, _, code)] = money(text)
    assert code == currency


def test_a_home_only_form_is_no_money_elsewhere() -> None:
    assert money("BERLIN, Germany - Exports were Sh120 billion.") == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("They shipped 6,600 tons of cotton.", 6600, "tons"),
        ("They shipped 20.5 MMT of soybeans.", 20.5, "mmt"),
        ("They shipped 84 million kilograms of tea.", 84e6, "kilograms"),
        ("They shipped two million tonnes of coal.", 2e6, "tonnes"),
        ("They shipped 500,000 tablets of the drug.", 500000, "tablets"),
        ("They shipped two hundred thousand tonnes of rice.", 200000, "tonnes"),
    ],
)
def test_quantity_shapes(text: str, value: float, unit: str) -> None:
    doc = get_pipeline()(text)
    [(_, quantity)] = doc._.quantities
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit
    assert [s.text for s in doc.spans["quantities"]] == [quantity.text]


def test_turnover_between_two_named_countries() -> None:
    found = values("Trade turnover between Georgia and Armenia reached about $410 million in 2019.")
    assert found == {("GEO", "ARM", "turnover", 410e6, "USD")}


def test_volume_of_trade_with_period() -> None:
    extraction = extract_text(
        "The volume of trade between Mongolia and Russia amounted to over $ 1.7 billion in 2020.", "t"
    )
    [value] = extraction.trade_values
    assert (value.flow, value.value, value.period) == ("turnover", 1.7e9, "2020")


def test_two_countries_means_the_articles_pair() -> None:
    text = (
        "Vietnam and Cambodia agreed to expand cooperation. Vietnam wants more investment from Cambodia. "
        "In the first half of 2021, the total volume of trade turnover between the two countries amounted to "
        "more than 2.4 billion dollars."
    )
    extraction = extract_text(text, "t")
    [value] = extraction.trade_values
    assert {value.reporter, value.partner} == {"VNM", "KHM"}
    assert value.period == "2021-01..2021-06"


def test_conversion_in_brackets_gives_a_second_currency() -> None:
    found = values(
        "Total trade between Qatar and India stood at 55 billion Qatari riyals ($15.1bn) last year."
    )
    assert found == {("QAT", "IND", "turnover", 55e9, "QAR"), ("QAT", "IND", "turnover", 15.1e9, "USD")}


def test_last_year_is_the_year_before_the_article() -> None:
    extraction = extract_text(
        "Total trade between Qatar and India stood at $15.1bn last year.", "t", date="2019-03-01"
    )
    assert extraction.trade_values[0].period == "2018"


def test_exports_and_imports_with_subject_carried() -> None:
    text = (
        "Kenya and Uganda are close partners. In 2020, Kenya exported to Uganda products worth 600 million "
        "dollars, and imported goods worth 250 million dollars."
    )
    assert values(text) == {
        ("KEN", "UGA", "exports", 600e6, "USD"),
        ("KEN", "UGA", "imports", 250e6, "USD"),
    }


def test_exports_from_the_home_country_of_the_dateline() -> None:
    text = (
        "OTTAWA, Canada – In the second quarter of 2019, exports to Japan rose 4 per cent to C$3.1 billion. "
        "Meanwhile, shipments to Mexico were down 2 per cent to C$1.4 billion. "
        "In the quarter, Canada spent C$2.6 billion on Japanese imports."
    )
    extraction = extract_text(text, "t")
    found = {(v.reporter, v.partner, v.flow, v.value, v.currency, v.period) for v in extraction.trade_values}
    assert found == {
        ("CAN", "JPN", "exports", 3.1e9, "CAD", "2019-04..2019-06"),
        ("CAN", "MEX", "exports", 1.4e9, "CAD", "2019-04..2019-06"),
        ("CAN", "JPN", "imports", 2.6e9, "CAD", "2019-04..2019-06"),
    }


def test_passive_goods_worth() -> None:
    text = "Goods worth 12bn dirhams were exported from the United Arab Emirates to Oman in 2018."
    assert values(text) == {("ARE", "OMN", "exports", 12e9, "AED")}


def test_ministry_estimate_and_month_count() -> None:
    extraction = extract_text(
        "The Georgian Ministry of Economy estimated exports to Turkey at $310 million for 9 months of 2017.",
        "t",
    )
    [value] = extraction.trade_values
    assert (value.reporter, value.partner, value.flow, value.period) == (
        "GEO",
        "TUR",
        "exports",
        "2017-01..2017-09",
    )


def test_parts_carried_from_the_previous_value() -> None:
    text = (
        "Trade between Kazakhstan and Belarus amounted to $900 million in 2019. "
        "Of this, $ 700 million accounted for imports, and $ 200 million for exports. "
        "Kazakhstan is the largest country of Central Asia."
    )
    found = values(text)
    assert ("KAZ", "BLR", "imports", 700e6, "USD") in found
    assert ("KAZ", "BLR", "exports", 200e6, "USD") in found


@pytest.mark.parametrize(
    "text",
    [
        "The total amount of Chinese investments in Kyrgyzstan amounted to $ 2.2 billion.",
        "The trade deficit of Egypt with Kenya was $93 million.",
        "The freight rate to export wheat from Russia to Egypt rose to $30.5 per tonne.",
        "India committed $500 million to the budget of the project in Afghanistan.",
        "Tax revenues from Turkish companies in Georgia in 2018 amounted to 2 billion lari.",
        "Turkey's exports to Iraq rose by $300 million in 2019.",
        "Iraq imported $300 million more Turkish goods than a year earlier.",
        "Russia granted a loan of $1 billion to Belarus.",
    ],
)
def test_not_trade_values(text: str) -> None:
    assert values(text) == set()


def test_commodity_specific_value_goes_to_the_flow() -> None:
    text = "In 2021, Tajikistan exported 5,000 tons of cotton worth 12.5 million dollars to Uzbekistan."
    extraction = extract_text(text, "t")
    assert extraction.trade_values == []
    [flow] = [f for f in extraction.trade_flows if f.commodity.name == "cotton"]
    assert (flow.value.value, flow.value.currency, flow.value.period) == (12.5e6, "USD", "2021")
    assert flow.quantity is not None


@pytest.mark.parametrize(
    "text",
    [
        "Wheat exports from Russia to Egypt were worth $2.1 billion in 2020.",
        "Non-oil exports from Oman to India grew to 400 million rials last year.",
        "Every year, Egypt imports about 50 million kilograms of Kenyan tea, worth some KSh12 billion.",
    ],
)
def test_commodity_values_are_not_trade_values(text: str) -> None:
    assert values(text) == set()


def test_targets_are_not_stated_trade_values() -> None:
    text = (
        "Turkmenistan and Uzbekistan intend to bring bilateral trade to $5 billion. "
        "Trade turnover between the two countries reached $1.1 billion in 2022."
    )
    values = extract_text(text, doc_id="target").trade_values
    assert [(v.flow, v.value) for v in values] == [("turnover", 1.1e9)]
