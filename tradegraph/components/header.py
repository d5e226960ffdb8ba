"""The article header: publication date, byline author and headline, read from the first lines."""

from __future__ import annotations

import re
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from tradegraph.components.base import doc_text

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
# " date 2020-02-11 By Abdul Kerimkhanov" (the byline may be missing and the article may go on on the same line).
_HEADER_LINE = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b(?:\s+By\s+(?P<author>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*$)?",
    re.I,
)
_BYLINE = re.compile(r"^\s*By\s+(?P<author>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&))*)\s*$")
# Each form with what every match of it holds, looked for first: "July 10, 2014" is tried at every letter
# of a line (a word of 3-9 letters, then a day), while the day and year after a blank are found at C speed.
_DATE_FORMS = [
    (re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})"), None),
    (re.compile(rf"(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>\d{{4}})"), None),
    (re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"), re.compile(r"\s\d{1,2},?\s+\d{4}")),
]
_DATE_LINE_PREFIX = re.compile(r"^\s*(?:(?:Updated|Published|Posted|Last updated)[:\s]+)?", re.I)
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
HEADER_LINES = 8


def parse_date(text: str) -> str | None:
    """An ISO date from the first date written in `text` (2020-02-11, 8 September 2020, July 10, 2014)."""
    for pattern, needed in _DATE_FORMS:
        if needed is not None and not needed.search(text):
            continue
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else MONTHS.get((parts.get("month") or "").lower())
        if not month:
            continue
        try:
            return date(int(parts["year"]), month, int(parts["day"])).isoformat()
        except ValueError:
            continue
    return None


def read_header(text: str) -> tuple[str | None, str | None, str | None]:
    """(date, author, title) from the first lines of an article."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()][:HEADER_LINES]
    published: str | None = None
    author: str | None = None
    dated_lines: list[tuple[bool, str]] = []
    for line in lines:
        header = _HEADER_LINE.match(line)
        if header:
            published = parse_date(header["date"])  # None for a date that is not one (2021-13-45)
            author = header["author"]
            break
        byline = _BYLINE.match(line)
        if byline and author is None:
            author = byline["author"]
        found = parse_date(line)
        # A date line is short: the date, perhaps a time and an "Updated" prefix, not a sentence.
        if found and len(_DATE_LINE_PREFIX.sub("", line)) <= 40:
            dated_lines.append(
                (bool(_TIME.search(line)) or bool(_DATE_LINE_PREFIX.match(line).group()), found)
            )
    if published is None and dated_lines:
        published = max(dated_lines, key=lambda item: item[0])[1]
    title = None
    if (
        lines
        and not _HEADER_LINE.match(lines[0])
        and not lines[0].endswith((".", '"', "”"))
        and len(lines[0]) < 160
    ):
        title = lines[0]
    return published, author, title


@Language.factory("tg_header")
def make_header(nlp: Language, name: str) -> ArticleHeader:
    return ArticleHeader()


class ArticleHeader:
    """Sets doc._.date, doc._.author and doc._.title from the article's first lines."""

    def __call__(self, doc: Doc) -> Doc:
        found_date, author, title = read_header(doc_text(doc))
        if doc._.date is None:
            doc._.date = found_date
        doc._.author = author
        doc._.title = title
        return doc
