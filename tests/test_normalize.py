"""The normalisation functions and the look-ups the rest of tradegraph calls."""

from __future__ import annotations

import pytest

from tradegraph.normalize import (
    city_lookup,
    country_iso3,
    country_name,
    group_members,
    hs_category,
    hs_for_commodity,
    hs_matches,
    normalize_commodity,
    port_lookup,
    region_lookup,
    singularize,
    slugify,
    strip_accents,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Côte d'Ivoire", "Cote d'Ivoire"), ("Türkiye", "Turkiye"), ("Şəki", "Saki"), ("Qazvīn", "Qazvin")],
)
def test_strip_accents(text, expected):
    assert strip_accents(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Nur-Sultan", "nur-sultan"), ("Côte d'Ivoire", "cote-d-ivoire"), ("  São Tomé  ", "sao-tome")],
)
def test_slugify(text, expected):
    assert slugify(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("cherries", "cherry"),
        ("peaches", "peach"),
        ("dishes", "dish"),
        ("glasses", "glass"),
        ("boxes", "box"),
        ("seeds", "seed"),
        ("fruits", "fruit"),
        ("glass", "glass"),
        ("asparagus", "asparagus"),
        ("analysis", "analysis"),
        ("wheat", "wheat"),
    ],
)
def test_singularize_follows_the_scoring_rules(word, expected):
    assert singularize(word) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sunflower Seeds", "sunflower seed"),
        ("certain meat-processing equipment", "meat processing equipment"),
        ("the various fresh and dried fruits", "fresh and dried fruit"),
        ("some of their rolled iron", "of rolled iron"),
        ("Crème brûlée", "creme brulee"),
    ],
)
def test_normalize_commodity(text, expected):
    assert normalize_commodity(text) == expected


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("the UAE", "ARE"),
        ("Türkiye", "TUR"),
        ("turkiye", "TUR"),
        ("Kazakh", "KAZ"),
        ("Kazakhs", "KAZ"),
        ("U.S.", "USA"),
        ("the Islamic Republic", "IRN"),
        ("Nur-Sultan", "KAZ"),
        ("KZ", "KAZ"),
        ("irn", "IRN"),
        ("Korean", "KOR"),
        ("North Korean", "PRK"),
    ],
)
def test_country_iso3(text, iso3):
    assert country_iso3(text) == iso3


@pytest.mark.parametrize("text", ["EU", "European", "Central Asia", "goods", ""])
def test_country_iso3_refuses_groups_and_words(text):
    assert country_iso3(text) is None


def test_country_name_is_the_news_name():
    assert [country_name(code) for code in ("IRN", "RUS", "KOR", "VNM", "TUR")] == [
        "Iran",
        "Russia",
        "South Korea",
        "Vietnam",
        "Turkey",
    ]
    assert country_name("XXX") == "XXX"


def test_group_members():
    assert group_members("EAEU") == ["ARM", "BLR", "KAZ", "KGZ", "RUS"]
    assert group_members("Central Asian") == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert len(group_members("the European Union")) == 27
    assert group_members("the West") == []
    assert group_members("Kazakhstan") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("meat processing equipment", ("8438", "XVI")),
        ("industrial processing equipment", ("84", "XVI")),
        ("fresh and dried fruits", ("08", "II")),
        ("dried fruits", ("0813", "II")),
        ("oil and gas", ("2711", "V")),
        ("Basmati Rice", ("100630", "II")),
        ("goods", (None, None)),
        ("non-oil goods", (None, None)),
        ("other items", (None, None)),
        ("unobtainium", (None, None)),
    ],
)
def test_hs_for_commodity(name, expected):
    assert hs_for_commodity(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cereals", ["10"]),
        ("Mineral fuels", ["27"]),
        ("machinery", ["84", "85"]),
        ("wheat", ["1001"]),
        ("27", ["27"]),
        ("1001.99", ["100199"]),
        ("nonsense words", None),
    ],
)
def test_hs_category(text, expected):
    assert hs_category(text) == expected


def test_hs_matches_questions_to_codes():
    cereals = hs_category("cereals")
    assert hs_matches(hs_for_commodity("wheat")[0], cereals)
    assert hs_matches(hs_for_commodity("barley")[0], cereals)
    assert not hs_matches(hs_for_commodity("cement")[0], cereals)
    assert not hs_matches(None, cereals)


def test_place_lookups_ignore_case_and_accents():
    assert region_lookup("mangistau").code == "KZ-47"
    assert region_lookup("Qazvīn").name == "Qazvin"
    assert port_lookup("AKTAU").locode == "KZAAU"
    assert port_lookup("Bandar-e Anzali").iso3 == "IRN"
    assert city_lookup("Kiev").name == "Kyiv"
    assert city_lookup("Paris").iso3 == "FRA"
    assert city_lookup("Paris", iso3="USA").iso3 == "USA"
    assert region_lookup("Atlantis") is None
