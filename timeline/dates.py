"""Dates as precise as the source: day, month or year; approximate; bounded; relative.

A case report rarely gives a day. ``2011-05`` means "some day in May 2011"; ``2007`` means
"some day in 2007"; ``{after: surgery, before: cr-2008}`` means "unknown, but between those
two events"; ``{from: diagnosis, offset: 23 months}`` is the report's own "23 months after
diagnosis". Every form resolves (in :mod:`timeline.chronology`) to an earliest and a latest
calendar day, with calendar arithmetic for months and years (:func:`add_calendar`, the same
answers as pendulum's ``Date.add``, without importing pendulum for every check).

Choices made here (documented in docs/case-format.md):

* ``approx: true`` widens a date by one unit of its precision on each side (±7 days for a day,
  ±1 month for a month, ±1 year for a year); on a relative date, or an offset written
  ``about 3 years``, it allows ±20 % of the offset (at least ±3 days).
* ``within: 3 months`` with ``after: X`` says "no later than 3 months after X" (the source's
  "soon after"); with ``before: X`` alone, "no earlier than 3 months before X".
* ``after`` and ``before`` may be an event plus an offset (``{from: X, offset: 2 years}``:
  "more than two years after X"), and may be combined with a calendar date (``at: 2014``).
* In ``after: X`` a span event stands for its end; in ``before: X`` and ``from: X`` for its
  start; a plain reference ``X`` for its start (or its date). ``X.start`` and ``X.end`` say
  it explicitly.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import math
from collections.abc import Iterable
from typing import Literal as L

from attrs import field, frozen

from timeline.problems import Location
from timeline.values import value_repr

__all__ = [
    "DATE_KEYS",
    "DAYS_PER_MONTH",
    "DAYS_PER_YEAR",
    "Anchor",
    "CalendarDate",
    "DateSpec",
    "Duration",
    "Part",
    "Precision",
    "add_calendar",
    "month_length",
    "month_span",
]

Precision = L["day", "month", "year"]
Part = L["start", "end"]

#: the keys a date written as a mapping may have
DATE_KEYS = frozenset(
    {"at", "after", "before", "from", "offset", "within", "approx", "inferred", "note"}
)
#: the mean Gregorian year in days (146,097 days in 400 years)
DAYS_PER_YEAR = 365.2425
#: the mean Gregorian month, 30.436875 days: the one length every month count uses
#: (intervals, axes, month labels); not the Julian-year month, 365.25 / 12 = 30.4375
DAYS_PER_MONTH = DAYS_PER_YEAR / 12
#: how far a number of months counted in mean months may fall from a whole number of calendar
#: months and still be it: calendar months run 28 to 31 days, so "6 months after" is 181 to 184
#: days (5.95 to 6.05), 80 of them can be 2,433 days (79.94), and "50 months, then 30 more" as
#: little as 79.85 (each offset counted at its fewest days): within 0.15, about 4.5 days
MONTH_SLACK = 0.15
#: the share of an approximate offset allowed on either side ("about 3 years": 2.4–3.6 years)
APPROX_SHARE = 0.2
_UNIT_DAYS = {"days": 1.0, "weeks": 7.0, "months": DAYS_PER_MONTH, "years": DAYS_PER_YEAR}
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_length(year: int, month: int) -> int:
    """The number of days of ``month`` (1 to 12) of ``year`` in the Gregorian calendar."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def add_calendar(
    date: datetime.date, years: int = 0, months: int = 0, weeks: int = 0, days: int = 0
) -> datetime.date:
    """``date`` moved by whole years, months, weeks and days, in this order: a day of the month
    the target month does not have becomes its last day (31 January + 1 month = 28 or 29
    February). Off the calendar, ValueError or OverflowError."""
    if years or months:
        year, month = divmod(date.year * 12 + date.month - 1 + years * 12 + months, 12)
        month += 1
        date = datetime.date(year, month, min(date.day, month_length(year, month)))
    days += weeks * 7
    return date + datetime.timedelta(days=days) if days else date


@functools.cache
def _cycle() -> tuple[list[int], list[int]]:
    """The length of each month of the 400-year Gregorian cycle (4,800 months, 146,097 days),
    and the days from the start of the cycle to the first of each month over two cycles (made
    on first use: a process that adds no month pays nothing for it)."""
    leap = [*_MONTH_DAYS[:1], 29, *_MONTH_DAYS[2:]]
    lengths: list[int] = []
    for year in range(2000, 2400):
        lengths += leap if month_length(year, 2) == 29 else _MONTH_DAYS
    return lengths, [0, *itertools.accumulate(lengths * 2)]


@functools.lru_cache(maxsize=256)
def month_span(months: int) -> tuple[int, int]:
    """The fewest and most days from a date to the date ``months`` calendar months away (a day
    the target month does not have becoming its last day), over every start in the cycle."""
    if months == 0:
        return 0, 0
    cycles, rest = divmod(months, 4800)  # (a negative count: whole cycles back, then forward)
    lengths, first = _cycle()
    lo, hi = 10**9, -(10**9)
    # every way a span of up to eight years can lie among leap days starts within eight years of
    # 2000 (a leap year) or of 2100 (not one): those starts are enough, and cost a fiftieth
    starts: Iterable[int] = (
        [*range(0, 96), *range(1152, 1248)] if -96 <= months <= 96 else range(4800)
    )
    for start in starts:
        # from the first of the start month to the first of the target month
        whole = cycles * 146097 + first[start + rest] - first[start]
        target = lengths[(start + rest) % 4800]
        for day in (1, 29, 30, 31):
            if day > lengths[start]:
                break
            span = whole + min(day, target) - day
            lo, hi = min(lo, span), max(hi, span)
    return lo, hi


def calendar_months(first: int, last: int) -> int:
    """The whole calendar months from day ``first`` to day ``last`` (proleptic Gregorian
    ordinals), as :func:`add_calendar` counts them; 0 when ``last`` comes first."""
    a, b = datetime.date.fromordinal(first), datetime.date.fromordinal(last)
    n = (b.year - a.year) * 12 + b.month - a.month
    while n > 0 and add_calendar(a, months=n) > b:
        n -= 1
    return max(0, n)


@frozen(repr=False)
class CalendarDate:
    """A date written in the file, to the precision the source gives."""

    __repr__ = value_repr

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        """``day``, ``month`` or ``year``: how much of the date the source gives."""
        return "day" if self.day else "month" if self.month else "year"

    def bounds(self, approx: bool = False) -> tuple[datetime.date, datetime.date]:
        """The first and last day the date can be (widened by one unit of its precision when
        ``approx``)."""
        if self.day is not None and self.month is not None:
            lo = hi = datetime.date(self.year, self.month, self.day)
            return (add_calendar(lo, days=-7), add_calendar(hi, days=7)) if approx else (lo, hi)
        if self.month is not None:
            lo = datetime.date(self.year, self.month, 1)
            if approx:
                lo = add_calendar(lo, months=-1)
            hi = add_calendar(datetime.date(self.year, self.month, 1), months=2 if approx else 1)
            return lo, add_calendar(hi, days=-1)
        span = 1 if approx else 0
        return datetime.date(self.year - span, 1, 1), datetime.date(self.year + span, 12, 31)

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@frozen(repr=False)
class Anchor:
    """A reference to another event's date: ``id``, ``id.start`` or ``id.end``."""

    __repr__ = value_repr

    event: str
    part: Part | None = None
    location: Location | None = field(default=None, eq=False, repr=False)

    def __str__(self) -> str:
        return self.event + (f".{self.part}" if self.part else "")


@frozen(repr=False)
class Duration:
    """A length of time as the source writes it: ``23 months``, ``1.5 months``, ``about 3 years``,
    ``6 cycles of 4 weeks``."""

    __repr__ = value_repr

    amount: float
    unit: L["days", "weeks", "months", "years"]
    text: str
    approx: bool = False

    def shift(self, date: datetime.date) -> datetime.date:
        """``date`` moved by this duration with calendar arithmetic (fractions of a month or a
        year are added as days of the mean month or year)."""
        whole = int(self.amount)
        rest = self.amount - whole
        moved = add_calendar(date, **{self.unit: whole})
        if rest:
            moved = add_calendar(moved, days=round(rest * _UNIT_DAYS[self.unit]))
        return moved

    def days_range(self) -> tuple[int, int]:
        """The fewest and most days this duration can span wherever it starts.

        Calendar months and years vary in length: whole months and years span exactly what
        :meth:`shift` moves a date by, from its fewest to its most over every day of the
        400-year Gregorian cycle (1 month: 28 to 31 days; 6 months: 181 to 184; 1 year: 365 or
        366), and a fraction of a month or a year adds its days of the mean month or year, as
        :meth:`shift` does. An approximate duration allows ±20 % (at least ±3 days) on top.
        """
        n = self.amount
        mean = n * _UNIT_DAYS[self.unit]
        if self.unit in ("months", "years"):
            whole = int(n)
            rest = round((n - whole) * _UNIT_DAYS[self.unit])
            lo, hi = month_span(whole * (12 if self.unit == "years" else 1))
            lo, hi = lo + rest, hi + rest
        else:
            lo, hi = math.floor(mean), math.ceil(mean)
        if self.approx:
            spread = max(3, math.ceil(abs(mean) * APPROX_SHARE))
            lo, hi = lo - spread, hi + spread
        return lo, hi

    def typical_days(self) -> int:
        """The length in days of the mean calendar (the middle of :meth:`days_range`)."""
        return round(self.amount * _UNIT_DAYS[self.unit])


Point = CalendarDate | Anchor


@frozen(repr=False)
class DateSpec:
    """One date as the case file gives it. ``kind`` says which form was used.

    ``between`` may also carry ``on`` (a calendar date the point lies in), offsets on its
    bounds (``after_offset``: the point is at least that long after ``after``;
    ``before_offset``: at most that long after ``before``, usually negative) and ``within``
    (at most that long after ``after``, or before ``before`` when there is no ``after``).
    ``unstated_cycles`` is the number of cycles of unstated length an ``after_offset`` stands
    for (``{from: X, offset: 4 cycles}``): their least time, which says no more of when the
    point is than its order does.
    """

    __repr__ = value_repr

    kind: L["on", "between", "offset", "unknown"]
    on: Point | None = None
    after: Point | None = None
    before: Point | None = None
    origin: Point | None = None
    offset: Duration | None = None
    approx: bool = False
    inferred: str | None = None
    note: str | None = None
    within: Duration | None = None
    after_offset: Duration | None = None
    before_offset: Duration | None = None
    unstated_cycles: int | None = None
    #: the date is written as another therapy's end (``end: doxorubicin.end``) that the case
    #: gives only by order after cycles of unstated length: no more dated than that one
    #: (:func:`timeline.parse.undated_alike`)
    as_undated: bool = False
    location: Location | None = field(default=None, eq=False, repr=False)

    @property
    def by_order_only(self) -> bool:
        """Whether the date is given only by its order among others (``after:``/``before:``
        alone: no calendar date, no distance, no ``within``; the least time of cycles of
        unstated length after ``after``, ``{from: X, offset: 4 cycles, before: Y}``, is no
        distance: it says no more than "after X")."""
        return (
            self.kind == "between"
            and self.on is None
            and self.within is None
            and (self.after_offset is None or bool(self.unstated_cycles))
            and self.before_offset is None
        )

    def on_start_of(self, event_id: str) -> bool:
        """Whether the date is written as the day ``event_id`` starts, with no distance
        (``date: op``, ``start: chemo.start``)."""
        return (
            self.kind == "on"
            and isinstance(self.on, Anchor)
            and self.on.event == event_id
            and self.on.part != "end"
            and self.offset is None
        )

    def anchors(self) -> list[Anchor]:
        """The event references this date depends on."""
        return [p for p in (self.on, self.after, self.before, self.origin) if isinstance(p, Anchor)]
