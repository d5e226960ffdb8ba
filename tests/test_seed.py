"""The seed article end to end: every fact issue 2 expects, nothing more, each traced to its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradegraph.extract import extract_text
from tradegraph.models import Extraction

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_1aa9169cea73a8d5.txt"

EXPECTED_FLOWS = {
    ("KAZ", "IRN", "barley", "actual"),
    ("KAZ", "IRN", "wheat", "actual"),
    ("KAZ", "IRN", "rolled iron", "actual"),
    ("KAZ", "IRN", "meat", "actual"),
    ("KAZ", "IRN", "sunflower seeds", "actual"),
    ("KAZ", "IRN", "rapeseed", "actual"),
    ("KAZ", "IRN", "chemical materials", "potential"),
    ("KAZ", "IRN", "metals", "potential"),
    ("IRN", "KAZ", "pistachios", "actual"),
    ("IRN", "KAZ", "dates", "actual"),
    ("IRN", "KAZ", "apples", "actual"),
    ("IRN", "KAZ", "plastics", "actual"),
    ("IRN", "KAZ", "tableware", "actual"),
    ("IRN", "KAZ", "meat processing equipment", "actual"),
    ("IRN", "KAZ", "fresh and dried fruits", "potential"),
    ("IRN", "KAZ", "cement", "potential"),
    ("IRN", "KAZ", "industrial machinery", "potential"),
}

# surname -> (full name, role_class, country, posted_to, former)
EXPECTED_OFFICIALS = {
    "Orazbay": ("Askhat Orazbay", "ambassador", "KAZ", "IRN", False),
    "Nazarbayev": ("Nursultan Nazarbayev", "head_of_state", "KAZ", None, True),
    "Zarif": ("Mohammad Javad Zarif", "minister", "IRN", None, False),
    "Tleuberdi": ("Mukhtar Tleuberdi", "minister", "KAZ", None, False),
}

EXPECTED_LOCATIONS = {
    ("Aktau", "port", "KAZ"),
    ("Qazvin", "region", "IRN"),
    ("Tehran", "city", "IRN"),
    ("Nur-Sultan", "city", "KAZ"),
}


@pytest.fixture(scope="module")
def text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(text: str) -> Extraction:
    return extract_text(text, doc_id=SEED.stem)


def surname(name: str) -> str:
    return name.split()[-1]


# -- header --------------------------------------------------------------------------------------------------
def test_seed_date_and_author(seed: Extraction) -> None:
    assert seed.doc_id == SEED.stem
    assert seed.date == "2020-02-11"
    assert seed.author == "Abdul Kerimkhanov"


# -- countries -----------------------------------------------------------------------------------------------
def test_seed_countries_are_exactly_kazakhstan_and_iran(seed: Extraction) -> None:
    assert {country.iso3 for country in seed.countries} == {"KAZ", "IRN"}


def test_seed_central_asia_is_a_group_not_a_country(seed: Extraction) -> None:
    assert "CENTRAL_ASIA" in {group.group_id for group in seed.groups}


# -- trade flows ---------------------------------------------------------------------------------------------
def test_seed_has_exactly_the_17_flows(seed: Extraction) -> None:
    found = [(f.exporter, f.importer, f.commodity.name.lower(), f.modality) for f in seed.trade_flows]
    assert set(found) == EXPECTED_FLOWS
    assert len(found) == len(set(found)) == 17


def test_seed_no_flow_is_negated(seed: Extraction) -> None:
    assert [f.commodity.name for f in seed.trade_flows if f.negated] == []


def test_seed_flows_have_hs_codes_where_the_gazetteer_knows_them(seed: Extraction) -> None:
    codes = {f.commodity.name.lower(): f.commodity.hs_code for f in seed.trade_flows}
    assert codes["barley"] == "1003"
    assert codes["wheat"] == "1001"
    assert codes["pistachios"] == "0802"


# -- officials -----------------------------------------------------------------------------------------------
def test_seed_has_exactly_the_four_officials_and_no_duplicate(seed: Extraction) -> None:
    surnames = [surname(official.name) for official in seed.officials]
    assert sorted(surnames) == sorted(EXPECTED_OFFICIALS)


@pytest.mark.parametrize("last_name", sorted(EXPECTED_OFFICIALS))
def test_seed_official(seed: Extraction, last_name: str) -> None:
    _, role_class, country, posted_to, former = EXPECTED_OFFICIALS[last_name]
    matches = [o for o in seed.officials if surname(o.name) == last_name]
    assert matches, f"{last_name} not found among {[o.name for o in seed.officials]}"
    assert [(o.role_class, o.country, o.posted_to, o.former) for o in matches] == [
        (role_class, country, posted_to, former)
    ]


def test_seed_officials_carry_their_full_names(seed: Extraction) -> None:
    assert {o.name for o in seed.officials} == {full for full, *_ in EXPECTED_OFFICIALS.values()}


def test_seed_byline_author_is_not_an_official(seed: Extraction) -> None:
    names = " ".join(o.name for o in seed.officials)
    assert "Kerimkhanov" not in names
    assert "Abdul" not in names


# -- places --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "kind", "country"), sorted(EXPECTED_LOCATIONS))
def test_seed_location(seed: Extraction, name: str, kind: str, country: str) -> None:
    assert (name, kind, country) in {(loc.name, loc.kind, loc.country) for loc in seed.locations}


def test_seed_locations_are_exactly_the_expected_ones(seed: Extraction) -> None:
    assert {(loc.name, loc.kind, loc.country) for loc in seed.locations} == EXPECTED_LOCATIONS


# -- evidence ------------------------------------------------------------------------------------------------
def test_seed_every_fact_points_into_its_sentence(seed: Extraction, text: str) -> None:
    facts = [
        *seed.countries,
        *seed.officials,
        *seed.locations,
        *seed.trade_flows,
        *seed.trade_values,
        *seed.meetings,
        *seed.relations,
    ]
    assert facts
    for fact in facts:
        evidence = fact.evidence
        assert evidence is not None, fact
        assert evidence.doc_id == SEED.stem
        assert 0 <= evidence.start < evidence.end <= len(text)
        assert evidence.sentence in text
        assert text[evidence.start : evidence.end] in evidence.sentence, fact


def test_seed_flow_evidence_is_the_sentence_that_states_the_flow(seed: Extraction) -> None:
    for flow in seed.trade_flows:
        words = flow.commodity.name.split()
        assert all(word in flow.evidence.sentence for word in words), flow


# -- meetings and relations ----------------------------------------------------------------------------------
def test_seed_meeting_between_nazarbayev_and_zarif(seed: Extraction) -> None:
    pairs = [{surname(p) for p in meeting.participants} for meeting in seed.meetings]
    assert any({"Nazarbayev", "Zarif"} <= pair for pair in pairs), seed.meetings


def test_seed_diplomatic_relations_established(seed: Extraction) -> None:
    assert [(sorted(r.countries), r.established) for r in seed.relations] == [(["IRN", "KAZ"], "1992-01-29")]
