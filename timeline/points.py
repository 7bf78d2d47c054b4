"""Time points and their bounds: the vocabulary the date solver and its readers share.

A time point is one instant of a case (a point event, the start or the end of a span or of
an exposure, a dose change), named by a string key (:func:`point_key`). Its bounds are the
earliest and latest day it can be, held as proleptic Gregorian ordinals so that rules compare
integers; a bound beyond ±10⁸ is open (the sentinels :data:`NEG` and :data:`POS`).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pendulum
from attrs import frozen

from timeline.dates import DAYS_PER_MONTH, Duration, month_length
from timeline.queries import dose_change_key, point_key  # the one home of point keys
from timeline.values import value_repr

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_ORDINAL",
    "NEG",
    "OPEN_HI",
    "OPEN_LO",
    "POS",
    "Bounds",
    "distance_words",
    "dose_change_key",
    "point_key",
    "since",
]

#: the sentinels of an open window
NEG, POS = -(10**9), 10**9
#: beyond these a bound is open (propagation may drift an open bound off its sentinel)
OPEN_LO, OPEN_HI = NEG // 2, POS // 2
#: the last day Python's calendar holds (9999-12-31)
MAX_ORDINAL = 3652059
#: the calendar a case can lie in (ordinals of 1800-01-01 and 2200-12-31)
FIRST_DAY, LAST_DAY = 657072, 803533


@frozen(repr=False)
class Bounds:
    """The earliest and latest day a time point can be (open ends allowed).

    Held as proleptic Gregorian ordinals, so that rules compare integers; ``earliest`` and
    ``latest`` give pendulum dates (``None`` where open) for reading.
    """

    __repr__ = value_repr

    lo: int
    hi: int

    @property
    def first_day(self) -> int | None:
        """The earliest day as an ordinal, else the latest, else ``None`` (fully open)."""
        if self.lo > OPEN_LO:
            return self.lo
        return self.hi if self.hi < OPEN_HI else None

    @property
    def earliest(self) -> pendulum.Date | None:
        """The earliest day, or None where open (or, after a contradiction, off the calendar)."""
        import pendulum

        return pendulum.Date.fromordinal(self.lo) if 1 <= self.lo <= MAX_ORDINAL else None

    @property
    def latest(self) -> pendulum.Date | None:
        """The latest day, or None where open (or, after a contradiction, off the calendar)."""
        import pendulum

        return pendulum.Date.fromordinal(self.hi) if 1 <= self.hi <= MAX_ORDINAL else None

    def text(self) -> str:
        """The window in words, at the precision it has: a day, a month (``2012-06``), a year,
        a range, ``by``/``from`` a day when open on one side, or ``unknown``."""
        lo = datetime.date.fromordinal(self.lo) if 1 <= self.lo <= MAX_ORDINAL else None
        hi = datetime.date.fromordinal(self.hi) if 1 <= self.hi <= MAX_ORDINAL else None
        if lo is None and hi is None:
            return "unknown"
        # (a side at a month's edge is said as that month: "from 2023-04", not "from
        # 2023-04-01", a day the source did not give, after a scan of April 2023)
        if lo is None:
            assert hi is not None
            last = hi.day == month_length(hi.year, hi.month)
            return f"by {hi.year:04d}-{hi.month:02d}" if last else f"by {hi}"
        if hi is None:
            return f"from {lo.year:04d}-{lo.month:02d}" if lo.day == 1 else f"from {lo}"
        if lo == hi:
            return str(lo)
        if lo.day == 1 and hi == lo.replace(day=month_length(lo.year, lo.month)):
            return f"{lo.year:04d}-{lo.month:02d}"
        if lo.day == 1 and lo.month == 1 and hi.month == 12 and hi.day == 31 and hi.year == lo.year:
            return str(lo.year)
        return f"{lo} – {hi}"


def _length(days: int) -> str:
    """A number of days in words: days under two weeks, weeks under two months, else months."""
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 61:
        weeks = round(days / 7)
        return f"{weeks} weeks"
    whole = round(days / DAYS_PER_MONTH)
    lo, hi = Duration(whole, "months", "").days_range()
    if lo <= days <= hi:  # "3 months" is 89 to 92 days: said as the source says it
        return f"{whole} months"
    return f"{days / DAYS_PER_MONTH:.1f}".removesuffix(".0") + " months"


def distance_words(lo: int | None, hi: int | None, ref: str) -> str:
    """How far a point is from ``ref``, given the fewest and most days after it (``None``:
    unbounded): "3 months after the diagnosis", "at least 1 week after…", "2 weeks to 3.5
    months after…", "before…"; "unknown" when unbounded both ways."""
    if lo is None and hi is None:
        return "unknown"
    if lo is not None and hi is not None and lo == hi:
        if lo == 0:
            return f"on the day of {ref}"
        return f"{_length(abs(lo))} {'after' if lo > 0 else 'before'} {ref}"
    if hi is None:
        assert lo is not None
        if lo > 0:
            return f"at least {_length(lo)} after {ref}"
        return f"no earlier than {_length(-lo)} before {ref}" if lo < 0 else f"not before {ref}"
    if lo is None:
        if hi < 0:
            return f"at least {_length(-hi)} before {ref}"
        return f"no later than {_length(hi)} after {ref}" if hi > 0 else f"not after {ref}"
    if lo >= 0:
        return f"{_length(lo)} to {_length(hi)} after {ref}".replace("0 days to ", "up to ")
    if hi <= 0:
        return f"{_length(-hi)} to {_length(-lo)} before {ref}".replace("0 days to ", "up to ")
    return f"between {_length(-lo)} before and {_length(hi)} after {ref}"


def since(when: str) -> str:
    """ "from" a date in words, unless the words are a bound already ("from month 7.7", "by
    2010-03"): never "from from"."""
    # (nor a distance from the diagnosis that says its own side: "from not before the
    # diagnosis")
    bound = ("from ", "by ", "not ", "no ", "at least ", "up to ", "between ", "on the day ")
    if when == "date not given":
        return "at a date not given"
    if when == "window open":
        # (a date the case bounds on neither side: "ibrutinib held from window open")
        return "at a date the case does not bound"
    return when if when.startswith(bound) else f"from {when}"
