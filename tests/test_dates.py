"""Date forms, their precision and their bounds."""

from __future__ import annotations

import pendulum
import pytest

from conftest import case, check, codes, event
from timeline.dates import CalendarDate, Duration


@pytest.mark.parametrize(
    ("date", "approx", "lo", "hi"),
    [
        (CalendarDate(2011, 5, 14), False, "2011-05-14", "2011-05-14"),
        (CalendarDate(2011, 5), False, "2011-05-01", "2011-05-31"),
        (CalendarDate(2012, 2), False, "2012-02-01", "2012-02-29"),
        (CalendarDate(2011), False, "2011-01-01", "2011-12-31"),
        (CalendarDate(2011, 5, 14), True, "2011-05-07", "2011-05-21"),
        (CalendarDate(2011, 1), True, "2010-12-01", "2011-02-28"),
        (CalendarDate(2011), True, "2010-01-01", "2012-12-31"),
    ],
)
def test_calendar_bounds(date: CalendarDate, approx: bool, lo: str, hi: str) -> None:
    assert tuple(str(d) for d in date.bounds(approx)) == (lo, hi)


@pytest.mark.parametrize(
    ("n", "unit"), [(1, "months"), (23, "months"), (50, "months"), (7, "years"), (-7, "months")]
)
def test_duration_day_range_holds_for_every_start(n: int, unit: str) -> None:
    lo, hi = Duration(n, unit, "").days_range()  # type: ignore[arg-type]
    day = pendulum.date(2000, 1, 1)
    for _ in range(0, 366 * 8, 3):
        span = (day.add(**{unit: n}) - day).days
        assert lo <= span <= hi
        day = day.add(days=3)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2011-13", "does not exist"),
        ("2011-02-30", "does not exist"),
        ("11-05-2011", "is not a date"),
        ("3011-01", "implausible year"),
        ("after surgery", "neither a date"),
    ],
)
def test_impossible_dates_are_located(value: str, fragment: str) -> None:
    data = case()
    event(data, "pr")["date"] = value
    problem = next(p for p in check(data).problems if p.code == "S005")
    assert fragment in problem.message and problem.location.line > 1


def test_mixed_forms_are_refused() -> None:
    data = case()
    event(data, "pr")["date"] = {"at": "2012-09", "after": "line1"}
    assert "S005" in codes(check(data))


def test_unknown_reference_suggests() -> None:
    data = case()
    event(data, "pr")["date"] = {"after": "line", "before": "pd"}
    problem = next(p for p in check(data).problems if p.code == "S007")
    assert "did you mean 'line1'" in problem.message or "did you mean 'line2'" in problem.message


def test_relative_dates_resolve_through_offsets() -> None:
    data = case()
    event(data, "pr")["date"] = {"from": "line1", "offset": "3 months"}
    result = check(data)
    assert result.ok
    assert result.chrono is not None
    pr = result.case.event("pr")  # type: ignore[union-attr]
    assert result.chrono.start(pr).text() == "2012-09"


def test_bad_duration() -> None:
    data = case()
    event(data, "pr")["date"] = {"from": "line1", "offset": "three months"}
    assert "S008" in codes(check(data))


def test_unknown_date_is_bounded_by_neighbours() -> None:
    data = case()
    event(data, "pr")["date"] = "unknown"
    result = check(data)
    assert result.ok
    pr = result.case.event("pr")  # type: ignore[union-attr]
    b = result.chrono.start(pr)  # type: ignore[union-attr]
    assert str(b.latest) == "2014-01-31"  # no later than the last follow-up
