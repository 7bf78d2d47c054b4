"""The time axis: days to points, strictly proportional, and the ticks that label it.

A case with any calendar date gets a calendar axis (years, or months when the case spans less
than three years); a case whose dates are all relative gets an axis in months from the event its
dates hang on (the schedule's anchor: the start of the first treatment, usually), as `timeline
show` counts them. Every axis has at least three labelled ticks.
"""

from __future__ import annotations

import functools

import pendulum
from attrs import frozen

from timeline.dates import DAYS_PER_MONTH
from timeline.render.style import Theme
from timeline.schedule import REFERENCE_DAY, Schedule, anchor_name

__all__ = ["TimeScale", "time_scale"]

#: month steps between ticks, tried from the finest until the axis holds at most 12 ticks
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 36, 60, 120, 240)


@frozen
class TimeScale:
    """The time axis: the first and last day drawn, their x, whether it shows calendar dates or
    months from a reference day, and its caption."""

    t0: int  # first day drawn (ordinal)
    t1: int  # last day drawn
    x0: float  # its x
    x1: float
    calendar: bool
    anchor: int  # day 0 of a relative axis
    caption: str

    def x(self, day: int) -> float:
        """The x of a day (strictly proportional to time), to 0.01 point."""
        return round(self.x0 + (day - self.t0) * (self.x1 - self.x0) / (self.t1 - self.t0), 2)

    def clamp(self, day: int) -> int:
        """A day limited to the drawn span."""
        return min(max(day, self.t0), self.t1)

    def ticks(self) -> list[tuple[int, str]]:
        """(day, label) of every tick: at least three, at most twelve."""
        return list(_ticks(self))


@functools.lru_cache(maxsize=256)
def _ticks(scale: TimeScale) -> tuple[tuple[int, str], ...]:
    """The ticks of an axis (kept: the same axis is drawn at every step of a deck)."""
    lo, hi = pendulum.Date.fromordinal(scale.t0), pendulum.Date.fromordinal(scale.t1)
    span_months = (scale.t1 - scale.t0) / DAYS_PER_MONTH
    for step in _MONTH_STEPS:
        if span_months / step <= 11:
            break
    out: list[tuple[int, str]] = []
    if scale.calendar:
        if step < 12:
            first = lo.start_of("month").add(months=1)
            first = first.add(months=(-(first.month - 1)) % step)
            day = first
            while day <= hi:
                out.append((day.toordinal(), f"{day.year:04d}-{day.month:02d}"))
                day = day.add(months=step)
        else:
            years = step // 12
            year = lo.year + 1
            year += (-year) % years
            while pendulum.date(year, 1, 1) <= hi:
                out.append((pendulum.date(year, 1, 1).toordinal(), str(year)))
                year += years
        return tuple(out)
    anchor = pendulum.Date.fromordinal(scale.anchor)
    m = -((anchor.toordinal() - scale.t0) // int(step * DAYS_PER_MONTH) + 1) * step
    while True:
        tick = anchor.add(months=m).toordinal()
        if tick > scale.t1:
            break
        if tick >= scale.t0:
            out.append((tick, str(m)))
        m += step
    return tuple(out)


def time_scale(schedule: Schedule, theme: Theme) -> TimeScale:
    """The axis for a case: from its earliest to its latest plausible day, with margins."""
    days = sorted(schedule.days())
    if not days:
        days = [REFERENCE_DAY]
    lo, hi = days[0], days[-1]
    span = max(hi - lo, 90)
    # (a case may place days anywhere; the axis stays on the calendar Python can name)
    t0 = max(1, lo - max(15, span // 40))
    t1 = min(3652059, max(hi, lo + 90) + max(45, span // 25))
    if t1 - t0 < 90:
        t0, t1 = max(1, t1 - 90), min(3652059, t0 + 90)
    calendar = not schedule.relative
    # a relative axis counts from the event the case's dates hang on, as `show` does
    anchored = schedule.point(schedule.anchor) if schedule.anchor else None
    anchor = anchored.day if anchored is not None else lo
    caption = f"months from {anchor_name(schedule.chrono, schedule.anchor)}"
    if calendar:
        caption = ""
    x0 = theme.label_column + 8
    return TimeScale(t0, t1, x0, theme.width - 10, calendar, anchor, caption)
