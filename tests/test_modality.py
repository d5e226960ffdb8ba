"""Modality and negation of trade flows (rules/modality.jsonl, tradegraph/components/modality.py).

Sentences written for these tests, each class in several shapes, with near-misses that keep the flow actual
or positive. Flows are (exporter, importer, commodity, modality, negated).
"""

from __future__ import annotations

import pytest
from flow_helpers import flow_rows

from tradegraph.components.modality import ModalityRule
from tradegraph.rules import RuleFileError, load_jsonl


def flows(text: str) -> set[tuple[str, str, str, str, bool]]:
    return flow_rows(text, normalise=False)


def one(text: str) -> tuple[str, bool]:
    """(modality, negated) of the text's only flow."""
    found = flows(text)
    assert len(found) == 1, found
    (_, _, _, modality, negated) = next(iter(found))
    return modality, negated


# -- headline infinitive after a country: a plan ----------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Pakistan to export one million tonnes of wheat to Iran",
        "Turkmenistan to buy 10,000 tonnes of aluminium from Tajikistan, officials said.",
        "Peru to ship copper concentrate to Japan under new deal",
    ],
)
def test_a_headline_infinitive_after_a_country_is_planned(text: str) -> None:
    assert one(text) == ("planned", False)


@pytest.mark.parametrize(
    "text",
    [
        "Exports of wheat from Russia to Egypt rose sharply.",
        "Brazil sold soybeans to China in May.",
    ],
)
def test_to_after_a_country_without_an_infinitive_stays_actual(text: str) -> None:
    assert one(text) == ("actual", False)


# -- agreements signed or agreed, future time --------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Iraq announced the signing of a contract with an Iranian firm to supply gas to Iraq.",
        "Contracts were signed for the supply of cement to Uzbekistan from Kazakhstan.",
        "Japan and Australia agreed on Sunday to ensure a stable supply of coal from Australia to Japan.",
        "Chile signed a protocol facilitating the export of walnuts to China.",
        "Uganda will start exporting sugar to Kenya within a month from now.",
        "Ghana expects shipments of cocoa to Malaysia next month.",
    ],
)
def test_agreements_and_future_time_are_planned(text: str) -> None:
    assert one(text)[0] == "planned"


def test_a_past_delivery_under_an_old_agreement_beyond_the_scope_stays_actual() -> None:
    text = (
        "Under the agreement that the two governments reached in the spring after long talks in the capital, "
        "Kazakhstan exported 300,000 tonnes of wheat to Iran."
    )
    assert one(text) == ("actual", False)


# -- hedges -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Malaysia is likely to buy palm oil from Indonesia.",
        "Egypt is unlikely to import wheat from France this season.",
    ],
)
def test_likely_to_is_potential(text: str) -> None:
    assert one(text)[0] == "potential"


# -- negation ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Azerbaijan doesn’t import poultry from Russia.",
        "Georgia didn’t export wine to Russia last year.",
        "India has ended all imports of oil from Iran.",
        "Japan ended its purchases of coal from Russia.",
        "Korea's crude imports from Iran remained at zero.",
        "Shipments of rice from Vietnam to Cuba fell to zero.",
    ],
)
def test_negated_flows(text: str) -> None:
    assert all(negated for *_, negated in flows(text)) and flows(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kazakhstan not only exports wheat to Iran but also barley.",
        "The new rules will not prevent Kenya from exporting tea to Egypt.",
        "The strike won’t stop Chile from exporting copper to China.",
        "The year ended with exports of tea from Kenya to Egypt at a record.",
    ],
)
def test_negation_that_does_not_cancel_the_flow(text: str) -> None:
    found = flows(text)
    assert found and not any(negated for *_, negated in found)


# -- the rule file ------------------------------------------------------------------------------------------
def test_rules_load_with_their_categories() -> None:
    rules = load_jsonl("modality.jsonl", ModalityRule)
    categories = {rule.category for rule in rules}
    assert {"potential", "planned", "negated", "not_a_flow", "terminate", "pseudo"} <= categories
    assert any(rule.only_after == "country" for rule in rules)


def test_a_bad_rule_names_file_and_line(tmp_path, monkeypatch) -> None:
    (tmp_path / "modality.jsonl").write_text(
        '{"literal": "will", "category": "planned"}\n{"literal": "to", "category": "planned", "only_after": "port"}\n'
    )
    monkeypatch.setenv("TRADEGRAPH_RULES", str(tmp_path))
    with pytest.raises(RuleFileError, match=r"modality\.jsonl:2: only_after"):
        load_jsonl("modality.jsonl", ModalityRule)


# -- a halt at a place is no end of trade; "stopped" before a trade still negates it ----------------------
@pytest.mark.parametrize(
    "text",
    [
        "Vessels carrying Brazilian soybeans to China stopped in Singapore.",
        "Tankers carrying Qatari LNG to Japan stop at Colombo to refuel.",
        "Ships carrying Australian coal to India stopped over in Malaysia.",
    ],
)
def test_a_stop_at_a_place_does_not_negate(text: str) -> None:
    assert one(text) == ("actual", False)


@pytest.mark.parametrize(
    "text",
    [
        "Russia stopped gas exports to Poland.",
        "Kenya has stopped importing sugar from Uganda.",
        "Kenya stopped imports of sugar from Uganda at the border.",
        # inability and refusal
        "Mexico is unable to ship avocados to the United States.",
        "India refused to buy oil from Russia.",
        "Japan declined to import rice from Thailand.",
        "Brazil refuses to sell beef to Chile.",
    ],
)
def test_stopping_refusing_or_being_unable_to_trade_negates_it(text: str) -> None:
    assert one(text)[1] is True


# -- the other half of an exchange is a clause of its own ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Iran would export gas to Armenia under the deal, and in return, Armenia supplies electricity to Iran.",
            ("IRN", "ARM", "gas", "potential"),
            ("ARM", "IRN", "electricity", "actual"),
        ),
        (
            "Under the barter deal Pakistan would supply rice to Iran and in exchange Iran exports oil to Pakistan.",
            ("PAK", "IRN", "rice", "potential"),
            ("IRN", "PAK", "oil", "actual"),
        ),
    ],
)
def test_a_modal_does_not_reach_past_in_return(text: str, first: tuple, second: tuple) -> None:
    assert {f[:4] for f in flows(text)} == {first, second}


def test_in_return_for_is_inside_the_clause() -> None:
    """'in return for' ends the scope only after the first flow's trade word: the flow keeps its modal."""
    assert {f[3] for f in flows("Pakistan may supply rice to Iran in return for Iranian oil.")} == {
        "potential"
    }


# -- a verb phrase coordinated with a modal of its own is a clause of its own ----------------------------
@pytest.mark.parametrize(
    ("text", "negated_flow", "free_flow"),
    [
        (
            "Lithuania has stopped buying Russian gas and will import LNG from Norway.",
            ("RUS", "LTU", "gas", "actual", True),
            ("NOR", "LTU", "lng", "planned", False),
        ),
        (
            "India banned onion exports to Bangladesh and could ship rice to Nepal.",
            ("IND", "BGD", "onion", "actual", True),
            ("IND", "NPL", "rice", "potential", False),
        ),
    ],
)
def test_a_negation_does_not_reach_past_and_plus_a_modal(
    text: str, negated_flow: tuple, free_flow: tuple
) -> None:
    found = flows(text)
    assert negated_flow in found and free_flow in found


def test_a_modal_coordinated_with_a_modal_keeps_both_readings() -> None:
    """'and will' ends the first 'will' and opens its own: both flows stay planned."""
    assert {f[3] for f in flows("Kazakhstan will export wheat and will supply flour to Iran.")} == {"planned"}


# -- a refusal's scope is short ---------------------------------------------------------------------------
def test_a_refusal_of_something_else_leaves_the_flow() -> None:
    """The scope is short: a refusal before a long clause does not reach a trade word at its end."""
    assert one("Officials refused to comment on reports that Peru had shipped copper to Japan.")[1] is False
