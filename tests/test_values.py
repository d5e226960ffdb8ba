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
    ],
)
def test_money_shapes(text: str, value: float, currency: str) -> None:
    [(_, found, code)] = money(text)
    assert found == pytest.approx(value)
    assert code == currency


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("They shipped 6,600 tons of cotton.", 6600, "tons"),
        ("They shipped 20.5 MMT of soybeans.", 20.5, "mmt"),
        ("They shipped 84 million kilograms of tea.", 84e6, "kilograms"),
        ("They shipped two million tonnes of coal.", 2e6, "tonnes"),
        ("They shipped 500,000 tablets of the drug.", 500000, "tablets"),
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
