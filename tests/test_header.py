"""The article header: publication date and byline, read from the first lines; a byline is no official."""

from __future__ import annotations

import pytest

from tradegraph.components.header import parse_date, read_header
from tradegraph.extract import extract_text

DATE_CASES = [
    ("2020-02-11", "2020-02-11"),
    ("8 September 2020", "2020-09-08"),
    ("July 10, 2014", "2014-07-10"),
    ("Sept. 3, 2019", "2019-09-03"),
    ("Published 21 Jan 2021", "2021-01-21"),
    ("no date here", None),
    ("2021-02-30", None),
]


@pytest.mark.parametrize(("text", "expected"), DATE_CASES)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


HEADER_CASES = [
    (
        " date 2020-02-11 By Abdul Kerimkhanov\n\nKazakhstan supplies wheat to Iran.",
        "2020-02-11",
        "Abdul Kerimkhanov",
    ),
    (" date 2019-06-03 By Leila Moradi\n\nTrade between Iran and Iraq grew.", "2019-06-03", "Leila Moradi"),
    (" date 2018-11-20\n\nTrade between Chile and Peru grew.", "2018-11-20", None),
    ("By John Harper\n8 September 2020\n\nNorway sells salmon to Japan.", "2020-09-08", "John Harper"),
    ("Updated: July 10, 2014 14:05\n\nChile ships copper to Japan.", "2014-07-10", None),
    ("Chile exports copper to Japan. The deal was signed on 8 September 2020 in Santiago.", None, None),
]


@pytest.mark.parametrize(("text", "date", "author"), HEADER_CASES, ids=[c[0][:40] for c in HEADER_CASES])
def test_header_date_and_author(text: str, date: str | None, author: str | None) -> None:
    extraction = extract_text(text, doc_id="case")
    assert (extraction.date, extraction.author) == (date, author)
    assert read_header(text)[:2] == (date, author)


def test_a_date_given_with_the_document_wins_over_the_header() -> None:
    extraction = extract_text(
        " date 2020-02-11 By Abdul Kerimkhanov\n\nText.", doc_id="case", date="2021-01-01"
    )
    assert extraction.date == "2021-01-01"
    assert extraction.author == "Abdul Kerimkhanov"


def test_headline_becomes_the_title() -> None:
    text = "Chile to boost copper sales to Japan\n\nBy John Harper\n\nChile will export more copper to Japan."
    extraction = extract_text(text, doc_id="case")
    assert extraction.title == "Chile to boost copper sales to Japan"
    assert extraction.author == "John Harper"


BYLINE_CASES = [
    " date 2020-02-11 By Abdul Kerimkhanov\n\nIranian Foreign Minister Ali Rezaei visited Baku.",
    "By Nadia Governor\n\nChile exports copper to Japan.",
    " date 2021-05-04 By Maria Lopez\n\nThe Chilean Minister of Agriculture Jorge Rivas visited Lima.",
]


@pytest.mark.parametrize("text", BYLINE_CASES, ids=[c[:40] for c in BYLINE_CASES])
def test_byline_author_is_not_an_official(text: str) -> None:
    extraction = extract_text(text, doc_id="case")
    author = extraction.author
    assert author
    assert all(
        official.name not in author and author not in official.name for official in extraction.officials
    )
    assert all(official.name.split()[-1] not in author.split() for official in extraction.officials)
