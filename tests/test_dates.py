"""Date forms, their precision and their bounds."""

from __future__ import annotations

import datetime

import pendulum
import pytest

from conftest import case, check, codes, event
from timeline.dates import (
    DAYS_PER_MONTH,
    DAYS_PER_YEAR,
    CalendarDate,
    Duration,
    add_calendar,
    month_length,
)


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
    event(data, "pr")["date"] = {"at": "2012-09", "from": "line1"}
    assert "S005" in codes(check(data))


def _window(data: dict, event_id: str = "pr") -> str:
    result = check(data)
    assert result.ok, [p.format() for p in result.problems]
    assert result.chrono is not None and result.case is not None
    found = result.case.event(event_id)
    assert found is not None
    return result.chrono.start(found).text()


def test_within_says_soon_after() -> None:
    data = case()
    event(data, "pr")["date"] = {"after": "line1.start", "within": "1 month"}
    # line1 starts in 2012-06: the response lies from its first possible day to a month after
    # its last possible day
    assert _window(data) == "2012-06-01 – 2012-07-30"


def test_within_before_says_shortly_before() -> None:
    data = case()
    event(data, "pr")["date"] = {"before": "pd", "within": "2 weeks"}
    assert _window(data) == "2012-12-18 – 2013-01-31"


def test_year_combined_with_after() -> None:
    data = case()
    event(data, "pr")["date"] = {"at": 2012, "after": "line1.start"}
    assert _window(data) == "2012-06-01 – 2012-12-31"


def test_year_plus_after_that_cannot_hold_is_located() -> None:
    data = case()
    event(data, "pr")["date"] = {"at": 2011, "after": "line1.start"}
    problem = next(p for p in check(data).problems if p.code == "C003")
    assert "in 2011" in problem.message and "cannot all hold" in problem.message


def test_bound_with_offset_means_more_than() -> None:
    data = case()
    event(data, "pr")["date"] = {"after": {"from": "line1.start", "offset": "6 months"}}
    # at least six months after a start in June 2012, and before the last follow-up
    assert _window(data) == "2012-12-01 – 2014-01-31"


@pytest.mark.parametrize("text", ["1.5 months", "0.5 years", "2.5 weeks"])
def test_fractional_offsets(text: str) -> None:
    data = case()
    event(data, "pr")["date"] = {"from": "line1.start", "offset": text}
    assert check(data).ok


def test_fractional_offset_is_that_long() -> None:
    lo, hi = Duration(1.5, "months", "1.5 months").days_range()
    assert lo <= 45 <= hi and hi - lo <= 8


@pytest.mark.parametrize(
    "date",
    [
        {"from": "line1.start", "offset": "about 3 months"},
        {"from": "line1.start", "offset": "3 months", "approx": True},
    ],
)
def test_approx_offsets_are_honoured(date: dict) -> None:
    exact = case()
    event(exact, "pr")["date"] = {"from": "line1.start", "offset": "3 months"}
    rough = case()
    event(rough, "pr")["date"] = date
    # 20 % of three months either side: the window is wider than the exact one's by about
    # 18 days on each side
    a, b = check(exact), check(rough)
    assert a.ok and b.ok
    pr_a = a.chrono.start(a.case.event("pr"))  # type: ignore[union-attr, arg-type]
    pr_b = b.chrono.start(b.case.event("pr"))  # type: ignore[union-attr, arg-type]
    assert pr_a.lo - pr_b.lo >= 17 and pr_b.hi - pr_a.hi >= 17


@pytest.mark.parametrize(
    ("date", "fragment"),
    [
        ({"within": "3 months"}, "'within' needs 'after'"),
        ({"after": "line1", "within": "soon"}, "is not a duration"),
        ({"after": "line1", "within": "-3 months"}, "must be a positive duration"),
        ({"after": {"from": "line1"}}, "needs both 'from' and 'offset'"),
        ({"at": "line1", "after": "surgery"}, "must be a calendar date"),
        ({"from": "line1", "offset": "100000 years"}, "longer than any case can span"),
        # cycles of unstated length bound no order: the message says where they go
        (
            {"after": {"from": "line1", "offset": "6 cycles"}},
            "the date itself as {from: X, offset: 6 cycles}",
        ),
    ],
)
def test_date_grammar_misuse_is_located(date: dict, fragment: str) -> None:
    data = case()
    event(data, "pr")["date"] = date
    problems = [p for p in check(data).problems if p.code in ("S005", "S008")]
    assert problems and fragment in problems[0].message, [p.format() for p in problems]
    assert problems[0].location.line > 1


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


def test_an_unknown_date_may_carry_a_note_in_its_at() -> None:
    """`{at: unknown, note: ...}` read 'unknown' as an event's id (S007): it is the unknown
    date, with the file's note on it, as `unknown` is and `{note: ...}` alone was."""
    for written in ({"at": "unknown", "note": "not dated"}, {"note": "not dated"}):
        data = case()
        event(data, "pr")["date"] = written
        result = check(data)
        assert result.ok, [p.format() for p in result.problems]
        pr = result.case.event("pr")  # type: ignore[union-attr]
        assert pr.date.kind == "unknown" and pr.date.note == "not dated"  # type: ignore[union-attr]
        assert str(result.chrono.start(pr).latest) == "2014-01-31"  # type: ignore[union-attr]


@pytest.mark.parametrize("unit", ["days", "weeks", "months", "years"])
def test_calendar_arithmetic_agrees_with_pendulum(unit: str) -> None:
    day = pendulum.date(1999, 12, 1)
    for _ in range(0, 366 * 5, 5):
        for n in (-49, -13, -12, -11, -1, 0, 1, 2, 11, 12, 13, 25, 120):
            assert add_calendar(day, **{unit: n}) == day.add(**{unit: n})
        day = day.add(days=5)


@pytest.mark.parametrize("amount", [1, 23, -7, 1.5, -1.5, 0.25, 6.0])
@pytest.mark.parametrize("unit", ["days", "weeks", "months", "years"])
def test_duration_shift_agrees_with_pendulum(amount: float, unit: str) -> None:
    duration = Duration(amount, unit, "")  # type: ignore[arg-type]
    day = pendulum.date(2003, 1, 29)
    for _ in range(40):
        whole = int(amount)
        expected = day.add(**{unit: whole})
        if amount - whole:
            mean = {"days": 1, "weeks": 7, "months": DAYS_PER_MONTH, "years": DAYS_PER_YEAR}[unit]
            expected = expected.add(days=round((amount - whole) * mean))
        assert duration.shift(day).toordinal() == expected.toordinal()
        day = day.add(days=11)


def test_calendar_arithmetic_off_the_calendar() -> None:
    with pytest.raises((ValueError, OverflowError)):
        add_calendar(datetime.date(9999, 12, 1), months=1)
    with pytest.raises((ValueError, OverflowError)):
        add_calendar(datetime.date(1, 1, 5), days=-10)


def test_month_length() -> None:
    assert [month_length(2011, m) for m in range(1, 13)] == [
        31,
        28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    assert (month_length(2012, 2), month_length(1900, 2), month_length(2000, 2)) == (29, 28, 29)


def test_whole_months_span_exactly_what_the_calendar_allows() -> None:
    """ "1 month" was the mean month give or take three days (27 to 34 days) and "1 year" 363 to
    368: windows held days no reading of the source allows. Each span is now the fewest to the
    most days `add_calendar` moves a date by, over every day of the 400-year cycle."""
    import datetime

    from timeline.dates import Duration, add_calendar

    for months in (1, 6, 12, 25, 49, -3):
        day, spans = datetime.date(2000, 1, 1), set()
        while day < datetime.date(2400, 1, 1):
            spans.add((add_calendar(day, months=months) - day).days)
            day += datetime.timedelta(days=1)
        unit, amount = ("years", months // 12) if months in (12,) else ("months", months)
        assert Duration(amount, unit, "").days_range() == (min(spans), max(spans)), months
    assert Duration(1, "months", "").days_range() == (28, 31)
    assert Duration(1, "years", "").days_range() == (365, 366)


def test_an_offset_of_cycles_of_unstated_length_is_a_least_distance() -> None:
    """ "CT after 3 courses" of regorafenib, the course length not given: `offset: 3 cycles`
    was refused (S008). It is at least the time three cycles take (two weeks, a week a cycle
    from the first cycle's start to the third's), after the regimen's start, with no latest day
    but what the case gives."""
    data = case()
    pr = event(data, "pr")
    pr["date"] = {"from": "line1", "offset": "3 cycles", "before": "pd"}
    checked = check(data)
    assert checked.ok, [str(p) for p in checked.problems]
    window = checked.chrono.start(checked.case.event("pr"))
    start = checked.chrono.start(checked.case.event("line1"))
    assert window.lo == start.lo + 14  # (line1 starts in June 2012: two weeks after its first day)
    assert window.hi == checked.chrono.start(checked.case.event("pd")).hi
    # an 'after' of its own besides is refused, said where the offset is
    pr["date"] = {"from": "line1", "offset": "3 cycles", "after": "recurrence"}
    found = [p for p in check(data).problems if p.code == "S005"]
    assert found and "gives only a least distance" in found[0].message
    pr["date"] = {"from": "line1", "offset": "0 cycles"}  # (no cycle: not a distance)
    assert "S008" in {p.code for p in check(data).problems}


def test_a_change_at_a_date_bound_on_neither_side_is_not_said_from_it() -> None:
    """A hold of ibrutinib dated only after a toxicity dated only within it, in a case whose
    dates bound it on neither side: `show` read "ibrutinib held from window open"."""
    from timeline.points import since

    assert since("window open") == "at a date the case does not bound"
    assert since("month 4") == "from month 4"
    assert since("by month 4") == "by month 4"


def test_a_bound_written_from_an_event_counts_from_its_start() -> None:
    """`after: {from: maculopathy, offset: 5 years}`, the maculopathy given an end, counted
    from that end (as a plain `after:` a span does), where `from: X` counts from X's start
    everywhere else: a tumour found "more than 5 years after" moved a year on."""
    from timeline import check_text

    text = """
format: 1
id: bound-from
diagnosis: {date: 2010-01}
events:
  - {id: tox, type: toxicity, term: Fatigue, start: 2010-03, end: 2011-03}
  - {id: a, type: progression, date: {after: {from: tox, offset: 6 years}, before: 2019-12}}
  - {id: fu, type: follow-up, date: 2020-01, status: alive}
"""
    checked = check_text(text, "bound.yaml", ignore=["C008"])
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.chrono.bounds("a").text().startswith("2016-03")  # type: ignore[union-attr]
