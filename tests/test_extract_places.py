"""Ports, regions and cities, each with its country, from the ways articles name them."""

from __future__ import annotations

import pytest

from tradegraph.extract import extract_text


def places(text: str) -> set[tuple[str, str, str | None]]:
    extraction = extract_text(text, doc_id="case")
    return {(loc.name, loc.kind, loc.country) for loc in extraction.locations}


# -- ports ---------------------------------------------------------------------------------------------------
PORT_CASES = [
    ("Containers were loaded in Port Poti on Friday.", ("Poti", "port", "GEO")),
    ("The ferry left the port of Constanta at dawn.", ("Constanta", "port", "ROU")),
    ("China financed a new terminal at Gwadar port.", ("Gwadar", "port", "PAK")),
    ("Grain is handled at the Mersin seaport.", ("Mersin", "port", "TUR")),
    ("Cotton travels through the ports of Batumi and Poti.", ("Batumi", "port", "GEO")),
    ("Tea is shipped from Mombasa to Chittagong every week.", ("Mombasa", "port", "KEN")),
]


@pytest.mark.parametrize(("text", "expected"), PORT_CASES, ids=[c[0][:40] for c in PORT_CASES])
def test_ports(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in places(text)


def test_port_name_is_the_bare_name_once() -> None:
    found = places("Port Poti is busy. The port of Poti handles grain, and Poti port plans a new berth.")
    assert found == {("Poti", "port", "GEO")}


def test_port_carries_its_locode() -> None:
    (port,) = extract_text("The ferry left the port of Constanta at dawn.", doc_id="case").locations
    assert (port.kind, port.code) == ("port", "ROCND")


# -- regions -------------------------------------------------------------------------------------------------
REGION_CASES = [
    ("Farmers in Golestan province grow cotton.", ("Golestan", "region", "IRN")),
    ("A new mine opened in Karaganda oblast.", ("Karaganda", "region", "KAZ")),
    ("Investors visited the Samarkand region last week.", ("Samarkand", "region", "UZB")),
    ("Rice from Sindh province is sold abroad.", ("Sindh", "region", "PAK")),
    ("Mangystau and Atyrau regions border the Caspian.", ("Atyrau", "region", "KAZ")),
]


@pytest.mark.parametrize(("text", "expected"), REGION_CASES, ids=[c[0][:40] for c in REGION_CASES])
def test_regions(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in places(text)


def test_both_regions_of_a_coordinated_pair() -> None:
    found = places("Mangystau and Atyrau regions border the Caspian.")
    assert {("Mangystau", "region", "KAZ"), ("Atyrau", "region", "KAZ")} <= found


# -- cities --------------------------------------------------------------------------------------------------
CITY_CASES = [
    ("The trade fair took place in Almaty.", ("Almaty", "city", "KAZ")),
    ("A Pakistani delegation arrived in Lahore on Sunday.", ("Lahore", "city", "PAK")),
    ("The talks in Izmir ended with a deal.", ("Izmir", "city", "TUR")),
    ("Officials met in Tashkent to discuss tariffs.", ("Tashkent", "city", "UZB")),
]


@pytest.mark.parametrize(("text", "expected"), CITY_CASES, ids=[c[0][:40] for c in CITY_CASES])
def test_cities(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in places(text)


NOT_A_PLACE_CASES = [
    "The Mobile phone market grew in March.",
    "Exports reached a record level last year.",
    "Trade with the EU is growing.",
]


@pytest.mark.parametrize("text", NOT_A_PLACE_CASES, ids=[c[:40] for c in NOT_A_PLACE_CASES])
def test_common_words_are_not_places(text: str) -> None:
    assert places(text) == set()


PERSON_NAME_CASES = [
    ("Chilean Foreign Minister Rosa Alvarado arrived in Lima.", {("Lima", "city", "PER")}),
    ("Peru's President Carlos Mendoza opened the fair.", set()),
    (
        " date 2021-05-04 By Maria Lopez\n\nThe Chilean Minister of Agriculture Jorge Rivas visited Lima.",
        {("Lima", "city", "PER")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), PERSON_NAME_CASES, ids=[c[0][:40] for c in PERSON_NAME_CASES])
def test_surnames_of_people_are_not_cities(text: str, expected: set) -> None:
    assert places(text) == expected


def test_exact_places_of_a_short_article() -> None:
    text = (
        "Uzbek officials visited Port Poti and the Samarkand region.\n\n"
        "They later met Georgian partners in Tbilisi."
    )
    assert places(text) == {
        ("Poti", "port", "GEO"),
        ("Samarkand", "region", "UZB"),
        ("Tbilisi", "city", "GEO"),
    }


def test_place_evidence_points_into_its_sentence() -> None:
    text = "Trade grew.\n\nFarmers in Golestan province grow cotton."
    (region,) = extract_text(text, doc_id="case").locations
    evidence = region.evidence
    assert evidence.sentence == "Farmers in Golestan province grow cotton."
    assert text[evidence.start : evidence.end] in evidence.sentence
    assert "Golestan" in text[evidence.start : evidence.end]
