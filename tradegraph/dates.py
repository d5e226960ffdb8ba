"""Dates: article dates as they are written in files and pages, and the date bounds users give, both checked
against the calendar (2021-13-45 and 2020-02-30 are not dates)."""

from __future__ import annotations

import re
from datetime import date, datetime

__all__ = ["check_date_bound", "normalize_date"]

# A date, a month or a year at the start of an ISO timestamp ("2020-02-11T08:30:00+04:00").
_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d/.-])")
_ISO_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d", "%d.%m.%Y", "%a, %d %b %Y")
_MONTH_FORMATS = ("%B %Y", "%b %Y")


def _calendar(year: str, month: str | None, day: str | None) -> str | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` if that year, month and day exist, else None."""
    try:
        checked = date(int(year), int(month or 1), int(day or 1)).isoformat()
    except ValueError:
        return None
    return checked if day is not None else checked[:7] if month is not None else checked[:4]


def normalize_date(value: str) -> str | None:
    """`YYYY-MM-DD` (or `YYYY-MM`, `YYYY` when only that is given) for an ISO date or timestamp or a common
    written date ("11 February 2020", "Feb 11, 2020", "May 2021"); None when `value` is not a real date."""
    value = value.strip()
    match = _ISO_PREFIX.match(value)
    if match:
        return _calendar(*match.groups())
    head = re.sub(r"\s+\d{1,2}:\d{2}.*$", "", value)  # drop a trailing time of day
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(head, pattern).date().isoformat()
        except ValueError:
            continue
    for pattern in _MONTH_FORMATS:
        try:
            return datetime.strptime(head, pattern).date().isoformat()[:7]
        except ValueError:
            continue
    return None


def check_date_bound(value: str, name: str = "date") -> str:
    """`value` when it is a real year, month or day written YYYY, YYYY-MM or YYYY-MM-DD (a bound of a date
    filter); otherwise ValueError saying what is wrong, with `name` (e.g. "--since") in the message."""
    match = _ISO_BOUND.fullmatch(value.strip())
    if not match:
        raise ValueError(f"{name} must be a date written YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    checked = _calendar(*match.groups())
    if checked is None:
        raise ValueError(f"{name}: {value!r} is not a date (no such month or day)")
    return checked
