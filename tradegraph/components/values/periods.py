"""The period a sentence states for an amount: "in 2018" -> "2018", "first half of 2022" -> "2022-01..2022-06",
"January-September 2024" -> "2024-01..2024-09", "Q1 2020" -> "2020-01..2020-03", "last year" -> the year
before the article's date. A pure function of the text (and the article's date)."""

from __future__ import annotations

import re

from tradegraph.components.header import MONTHS
from tradegraph.wordregex import alternation

__all__ = ["read_period"]


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_COUNTS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_YEAR_TAIL = r"(?:\s+(?:of\s+)?(?:the\s+)?(?:year\s+)?(?P<year>(?:19|20)\d{2}))?"
_QUARTER = re.compile(rf"\b(?P<n>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter{_YEAR_TAIL}", re.I)
_Q = re.compile(r"\bQ(?P<n>[1-4])\s*(?P<year>(?:19|20)\d{2})?\b")
_HALF = re.compile(rf"\b(?P<n>first|second|1st|2nd)\s+half{_YEAR_TAIL}", re.I)
_H = re.compile(r"\bH(?P<n>[12])\s*(?P<year>(?:19|20)\d{2})?\b")
# The word lists as tries (wordregex.alternation): the month names are tried at every word of a sentence.
_N_MONTHS = re.compile(rf"\b(?P<n>\d{{1,2}}|{alternation(_COUNTS)})\s+months{_YEAR_TAIL}", re.I)
_MONTH_NAME = alternation(MONTHS)
_DAY = r"(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?"  # "March 21-June 21"
_MONTH_RANGE = re.compile(
    rf"\b(?P<a>{_MONTH_NAME})\.?{_DAY}\s*(?:-|–|—|to|through|and|till|until)\s*(?P<b>{_MONTH_NAME})\.?{_DAY},?"
    rf"(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d{{2}}))?",
    re.I,
)
_YEAR = re.compile(
    r"\b(?P<lead>in|for|during|of|over|year)\s+(?:the\s+)?(?:year\s+)?(?P<year>(?:19|20)\d{2})\b", re.I
)
# A year right after these is a comparison, not the amount's period ("than in 2017", "same period of 2021").
_NOT_PERIOD_LEAD = re.compile(
    r"\b(?:than|since|compared(?:\s+(?:to|with))?|from|below|above|same period|before|after|levels seen)\s*$",
    re.I,
)
_LAST_YEAR = re.compile(r"\b(?:last|previous|past) year\b", re.I)
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")  # what every year group above needs
_THIS_YEAR = re.compile(r"\b(?:this|current) year\b", re.I)


def _range(year: str, first: int, last: int) -> str:
    return f"{year}-{first:02d}..{year}-{last:02d}"


def read_period(text: str, doc_date: str | None = None, default_year: str | None = None) -> str | None:
    """The period a sentence states: "in 2018" -> "2018", "first half of 2022" -> "2022-01..2022-06",
    "10 months of 2015" -> "2015-01..2015-10", "last year" -> the year before `doc_date`. A part of a year
    written without its year ("in the first quarter") takes `default_year`."""

    if default_year is None and not _ANY_YEAR.search(text):
        # Every reading but "last year" and "this year" needs a written year: only those two are looked for.
        return _relative_year(text, doc_date) if doc_date and "year" in text.lower() else None

    def year_of(match: re.Match) -> str | None:
        return match["year"] or default_year

    # Months named say more than a quarter they are given for ("the first quarter (March 21-June 21)").
    match = _MONTH_RANGE.search(text)
    if match and year_of(match):
        return _range(year_of(match), MONTHS[match["a"].lower()], MONTHS[match["b"].lower()])
    for pattern in (_QUARTER, _Q):
        match = _search(pattern, text)
        if match and year_of(match):
            n = _ORDINALS.get(match["n"].lower()) or int(match["n"])
            return _range(year_of(match), 3 * n - 2, 3 * n)
    for pattern in (_HALF, _H):
        match = _search(pattern, text)
        if match and year_of(match):
            n = _ORDINALS.get(match["n"].lower()) or int(match["n"])
            return _range(year_of(match), 6 * n - 5, 6 * n)
    match = _search(_N_MONTHS, text)
    if match and year_of(match) and not _NOT_PERIOD_LEAD.search(text[: match.start()]):
        n = _COUNTS.get(match["n"].lower()) or int(match["n"])
        if 1 <= n <= 12:
            return _range(year_of(match), 1, n)
    for match in _YEAR.finditer(text):
        if not _NOT_PERIOD_LEAD.search(text[: match.start()]):
            return match["year"]
    return _relative_year(text, doc_date) if doc_date else None


# The word every match of a pattern holds, looked for first (at C speed; the same case-insensitive reading):
# most sentences name no quarter, half or months, and the patterns try their alternatives at every word.
_NEEDED = {
    pattern: re.compile(word, re.I)
    for pattern, word in ((_QUARTER, "quarter"), (_HALF, "half"), (_N_MONTHS, "months"))
}


def _search(pattern: re.Pattern, text: str) -> re.Match | None:
    needed = _NEEDED.get(pattern)
    if needed is not None and not needed.search(text):
        return None
    return pattern.search(text)


def _relative_year(text: str, doc_date: str) -> str | None:
    """'last year' -> the year before the article's, 'this year' -> the article's."""
    if _LAST_YEAR.search(text):
        return str(int(doc_date[:4]) - 1)
    if _THIS_YEAR.search(text):
        return doc_date[:4]
    return None
