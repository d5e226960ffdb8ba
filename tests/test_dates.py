"""Dates checked against the calendar: article dates as written (normalize_date) and date bounds (check_date_bound)."""

from __future__ import annotations

import pytest

from tradegraph.dates import check_date_bound, normalize_date


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2020-02-11T08:30:00+04:00", "2020-02-11"),
        ("2020-02-11 08:30", "2020-02-11"),
        ("11 February 2020", "2020-02-11"),
        ("Feb 11, 2020", "2020-02-11"),
        ("Tue, 11 Feb 2020 08:30:00 GMT", "2020-02-11"),
        ("2020/02/11", "2020-02-11"),
        ("11.02.2020", "2020-02-11"),
        ("May 2021", "2021-05"),
        ("2021-05", "2021-05"),
        ("2021", "2021"),
        ("2024-02-29", "2024-02-29"),
    ],
)
def test_written_dates_become_iso(raw: str, iso: str) -> None:
    assert normalize_date(raw) == iso


@pytest.mark.parametrize(
    "raw",
    [
        "not-a-date",
        "2021-13-45",
        "2020-02-30",
        "2023-02-29",
        "2021-00",
        "0000",
        "sometime in spring",
        "20200211",
        "",
    ],
)
def test_what_is_not_a_date_gives_none(raw: str) -> None:
    assert normalize_date(raw) is None


@pytest.mark.parametrize("bound", ["2020", "2020-12", "2020-02-29", " 2021-01-31 "])
def test_real_bounds_are_accepted(bound: str) -> None:
    assert check_date_bound(bound, "--since") == bound.strip()


@pytest.mark.parametrize(
    ("bound", "message"),
    [
        ("2020-13", "is not a date"),
        ("2020-02-30", "is not a date"),
        ("2021-04-31", "is not a date"),
        ("2020-1", "must be a date written YYYY, YYYY-MM or YYYY-MM-DD"),
        ("March 2020", "must be a date written"),
        ("yesterday", "must be a date written"),
    ],
)
def test_bounds_that_are_not_dates_are_refused_by_name(bound: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        check_date_bound(bound, "--until")
    assert str(caught.value).startswith("--until")
