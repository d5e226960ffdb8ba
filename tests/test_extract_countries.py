"""Countries in every form news writes them, normalised to ISO3; groups of countries are never countries."""

from __future__ import annotations

import pytest

from tradegraph.extract import extract_text
from tradegraph.models import Extraction


def read(text: str) -> Extraction:
    return extract_text(text, doc_id="case")


def countries(text: str) -> set[str]:
    return {country.iso3 for country in read(text).countries}


# -- names, short and long forms -----------------------------------------------------------------------------
NAME_CASES = [
    ("Brazil and Argentina signed a new trade protocol.", {"BRA", "ARG"}),
    ("The Republic of Kazakhstan opened a trade house in Riga.", {"KAZ"}),
    ("Talks with the Russian Federation resumed in March.", {"RUS"}),
    ("The United States of America raised tariffs on steel.", {"USA"}),
    ("The U.S. and Mexico reviewed the deal.", {"USA", "MEX"}),
    ("The Republic of Korea, also known as South Korea, hosted the fair.", {"KOR"}),
    ("The United Arab Emirates, or the UAE, hosted the expo.", {"ARE"}),
    ("Türkiye hosted the forum.", {"TUR"}),
    ("The Kyrgyz Republic joined the agreement.", {"KGZ"}),
    ("Officials from Côte d'Ivoire arrived in the afternoon.", {"CIV"}),
]


@pytest.mark.parametrize(("text", "expected"), NAME_CASES, ids=[c[0][:40] for c in NAME_CASES])
def test_names_short_and_long_forms(text: str, expected: set[str]) -> None:
    assert countries(text) == expected


# -- demonyms, adjectives and possessives --------------------------------------------------------------------
DEMONYM_CASES = [
    ("The minister met his Kazakh counterpart on Tuesday.", {"KAZ"}),
    ("The Iranian side made several proposals.", {"IRN"}),
    ("Kazakhstan's economy grew by four percent.", {"KAZ"}),
    ("The Uzbek delegation and Turkish businessmen toured the plant.", {"UZB", "TUR"}),
    ("Vietnamese coffee is popular among Polish consumers.", {"VNM", "POL"}),
    ("Azerbaijani and Georgian officials inspected the railway.", {"AZE", "GEO"}),
    ("Egypt’s trade deficit narrowed.", {"EGY"}),
]


@pytest.mark.parametrize(("text", "expected"), DEMONYM_CASES, ids=[c[0][:40] for c in DEMONYM_CASES])
def test_demonyms_adjectives_and_possessives(text: str, expected: set[str]) -> None:
    assert countries(text) == expected


# -- capitals standing for governments -----------------------------------------------------------------------
CAPITAL_CASES = [
    ("Ankara and Baku agreed to expand the pipeline.", {"TUR", "AZE"}),
    ("Tashkent intends to double its purchases.", {"UZB"}),
    ("Hanoi said the tariffs were unfair.", {"VNM"}),
    ("Representatives of Bishkek attended the session.", {"KGZ"}),
]


@pytest.mark.parametrize(("text", "expected"), CAPITAL_CASES, ids=[c[0][:40] for c in CAPITAL_CASES])
def test_capitals_standing_for_governments(text: str, expected: set[str]) -> None:
    assert countries(text) == expected


def test_a_capital_as_a_place_is_a_city_not_a_country() -> None:
    extraction = read("The exhibition opened in Ankara on Monday.")
    assert {c.iso3 for c in extraction.countries} == set()
    assert ("Ankara", "city", "TUR") in {(loc.name, loc.kind, loc.country) for loc in extraction.locations}


# -- groups are never countries ------------------------------------------------------------------------------
GROUP_CASES = [
    ("The EU and the EAEU held talks on standards.", set(), {"EU", "EAEU"}),
    ("Trade with Central Asia is growing fast.", set(), {"CENTRAL_ASIA"}),
    ("Armenia joined the Eurasian Economic Union in 2015.", {"ARM"}, {"EAEU"}),
    ("Croatia is a member of the European Union.", {"HRV"}, {"EU"}),
]


@pytest.mark.parametrize(("text", "expected", "groups"), GROUP_CASES, ids=[c[0][:40] for c in GROUP_CASES])
def test_groups_are_recognised_and_never_counted_as_countries(
    text: str, expected: set[str], groups: set[str]
) -> None:
    extraction = read(text)
    assert {c.iso3 for c in extraction.countries} == expected
    assert {g.group_id for g in extraction.groups} == groups


# -- mentions, forms and evidence ----------------------------------------------------------------------------
def test_mentions_and_forms_are_merged_per_country() -> None:
    text = "Mongolia exports coal. The Mongolian side wants more. Mongolia's trade grows."
    (mongolia,) = read(text).countries
    assert mongolia.iso3 == "MNG"
    assert mongolia.name == "Mongolia"
    assert mongolia.mentions == 3
    assert "Mongolian" in mongolia.forms


def test_country_evidence_points_into_its_sentence() -> None:
    text = "Trade grew.\n\nThe Chilean side proposed a deal with Peru."
    extraction = read(text)
    assert {c.iso3 for c in extraction.countries} == {"CHL", "PER"}
    for country in extraction.countries:
        evidence = country.evidence
        assert evidence.sentence == "The Chilean side proposed a deal with Peru."
        assert text[evidence.start : evidence.end] in evidence.sentence


def test_a_person_named_like_a_country_is_not_a_country() -> None:
    assert countries("Chad Johnson scored twice for the visitors.") == set()
