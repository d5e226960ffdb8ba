"""Officials: a title of office joined to a name, with role class, country served, posting and former.

Each case is a text and the officials it names, as (surname, role_class, country, posted_to, former).
Bylines, journalists and businesspeople are not officials.
"""

from __future__ import annotations

import pytest

from tradegraph.extract import extract_text


def officials(text: str) -> set[tuple[str, str, str | None, str | None, bool]]:
    extraction = extract_text(text, doc_id="case")
    return {
        (o.name.split()[-1], o.role_class, o.country, o.posted_to, o.former) for o in extraction.officials
    }


# -- title before the name, possessive or demonym country ----------------------------------------------------
TITLE_BEFORE_CASES = [
    (
        "Chilean Foreign Minister Rosa Alvarado arrived in Lima.",
        {("Alvarado", "minister", "CHL", None, False)},
    ),
    (
        "Peru's President Carlos Mendoza opened the fair.",
        {("Mendoza", "head_of_state", "PER", None, False)},
    ),
    (
        "Norwegian Prime Minister Ingrid Solberg visited the shipyard.",
        {("Solberg", "head_of_government", "NOR", None, False)},
    ),
    (
        "Uzbekistan's Deputy Minister of Trade Alisher Nazarov signed the protocol.",
        {("Nazarov", "deputy_minister", "UZB", None, False)},
    ),
    (
        "Mongolia's Minister of Mining Batbold Ganzorig said coal exports would grow.",
        {("Ganzorig", "minister", "MNG", None, False)},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), TITLE_BEFORE_CASES, ids=[c[0][:40] for c in TITLE_BEFORE_CASES]
)
def test_title_before_the_name(text: str, expected: set) -> None:
    assert officials(text) == expected


# -- title after the name ------------------------------------------------------------------------------------
TITLE_AFTER_CASES = [
    (
        "Tomas Berg, Norway's Minister of Fisheries, met exporters in Bergen.",
        {("Berg", "minister", "NOR", None, False)},
    ),
    (
        "Leyla Hasanova, Deputy Minister of Economy of Azerbaijan, spoke at the forum.",
        {("Hasanova", "deputy_minister", "AZE", None, False)},
    ),
    (
        "Marco Bellini, the Italian ambassador to Kenya, praised the coffee growers.",
        {("Bellini", "ambassador", "ITA", "KEN", False)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), TITLE_AFTER_CASES, ids=[c[0][:40] for c in TITLE_AFTER_CASES])
def test_title_after_the_name(text: str, expected: set) -> None:
    assert officials(text) == expected


# -- ambassadors, counterparts, former, governors ------------------------------------------------------------
ROLE_CASES = [
    (
        "Georgia's Ambassador to Poland Levan Beridze visited the port.",
        {("Beridze", "ambassador", "GEO", "POL", False)},
    ),
    (
        "Vietnamese Trade Minister Nguyen Van Hai met his Thai counterpart, Somchai Prasert, in Bangkok.",
        {("Hai", "minister", "VNM", None, False), ("Prasert", "minister", "THA", None, False)},
    ),
    (
        "Bulgaria's ex-president Petar Stoyanov attended the ceremony.",
        {("Stoyanov", "head_of_state", "BGR", None, True)},
    ),
    (
        "Former Agriculture Minister of Croatia Ana Kovac now chairs the board.",
        {("Kovac", "minister", "HRV", None, True)},
    ),
    (
        "The governor of Karaganda region, Yerlan Dosanov, met Chinese investors.",
        {("Dosanov", "governor", "KAZ", None, False)},
    ),
    (
        "Golestan Governor Reza Karimi welcomed the Turkmen delegation.",
        {("Karimi", "governor", "IRN", None, False)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), ROLE_CASES, ids=[c[0][:40] for c in ROLE_CASES])
def test_roles_postings_and_former(text: str, expected: set) -> None:
    assert officials(text) == expected


# -- who is not an official ----------------------------------------------------------------------------------
NOT_OFFICIAL_CASES = [
    (
        " date 2021-05-04 By Maria Lopez\n\nThe Chilean Minister of Agriculture Jorge Rivas visited Lima.",
        {("Rivas", "minister", "CHL", None, False)},
    ),
    (
        "The company's chairman Henrik Lund said Norway exports salmon to Vietnam.",
        set(),
    ),
    (
        "Businessman Kemal Aydin, the owner of a Turkish textile firm, buys cotton from Uzbekistan.",
        set(),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), NOT_OFFICIAL_CASES, ids=[c[0][:40] for c in NOT_OFFICIAL_CASES]
)
def test_bylines_and_businesspeople_are_not_officials(text: str, expected: set) -> None:
    assert officials(text) == expected


def test_a_person_named_twice_is_one_official() -> None:
    text = (
        "Kyrgyz Economy Minister Daniyar Amangeldiev visited Minsk. "
        "Amangeldiev said Kyrgyzstan will buy tractors from Belarus. "
        "Later, Daniyar Amangeldiev met Belarusian officials."
    )
    extraction = extract_text(text, doc_id="case")
    assert [(o.name, o.role_class, o.country) for o in extraction.officials] == [
        ("Daniyar Amangeldiev", "minister", "KGZ")
    ]


def test_official_keeps_full_name_and_title() -> None:
    (official,) = extract_text(
        "Chilean Foreign Minister Rosa Alvarado arrived in Lima.", doc_id="case"
    ).officials
    assert official.name == "Rosa Alvarado"
    assert "Minister" in official.title


def test_official_evidence_points_into_its_sentence() -> None:
    text = "Prices rose.\n\nGeorgia's Ambassador to Poland Levan Beridze visited the port."
    (official,) = extract_text(text, doc_id="case").officials
    evidence = official.evidence
    assert evidence.sentence == "Georgia's Ambassador to Poland Levan Beridze visited the port."
    assert text[evidence.start : evidence.end] in evidence.sentence
    assert "Beridze" in text[evidence.start : evidence.end]
