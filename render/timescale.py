"""The time axis: days to points, strictly proportional, and the ticks that label it.

A case with any calendar date gets a calendar axis (years, or months when the case spans less
than three years); a case whose dates are all relative gets an axis in months from the event its
dates hang on (the schedule's anchor: the start of the first treatment, usually), as `timeline
show` counts them. Every axis has at least three labelled ticks.

Dates the case gives only by their order, with nothing to say how early they were (earlier
lines of a history told as "she had received chemoradiotherapy, gefitinib, then cisplatin and
pemetrexed"), have no place on a scale: the schedule puts them all on the one day their window
closes, which would draw years of treatment as a stack in one instant. They are drawn instead
in a zone left of the scale, one evenly spaced slot each in their known order, cut off from the
scale by a break and labelled as not to scale (:func:`order_only`). Dates known only to come
after the last date on the scale, with nothing to say how late, are drawn the same way in a
zone right of it (:func:`order_after`).
"""

from __future__ import annotations

import datetime
import functools
import heapq
import itertools
import math
from collections.abc import Callable, Iterable
from typing import Literal

from attrs import field, frozen

from timeline.chronology import NEG, POS, Bounds, Chronology
from timeline.dates import DAYS_PER_MONTH, Anchor, CalendarDate, DateSpec, add_calendar
from timeline.model import Case, Death, Event, Exposure, FollowUp, Regimen
from timeline.queries import INFERRED, inferred_dates, point_key
from timeline.render.style import Theme
from timeline.schedule import REFERENCE_DAY, Planned, Schedule, anchor_name
from timeline.solver import strong_components
from timeline.values import value_repr

__all__ = ["AfterZone", "TimeScale", "after_zone", "order_after", "order_only", "time_scale"]

#: the share of the to-scale span given to the zone of dates known only by their order
ORDER_ZONE = 0.25
#: a zone of this many slots or more is as wide as the scale beside it
ZONE_SLOTS = 12
#: how far (a share of the span of plausible days) the axis stretches to hold a window
WINDOW_REACH = 0.25

#: the share of the axis a stretch left out is drawn as (:func:`quiet_stretch`)
GAP_SHARE = 0.04
#: a stretch with nothing drawn is left out when it is this many days at least
QUIET_DAYS = 5 * 365
#: and this share of the scale at least
QUIET_SHARE = 0.6
#: how close (points) to the break of a stretch left out a tick may stand
_GAP_CLEAR = 30.0

#: month steps between ticks, tried from the finest until the axis holds at most 12 ticks
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 36, 60, 120, 240)
#: the shortest time an axis spans (days): a case of a few weeks is drawn over three months
MIN_AXIS_DAYS = 90


@frozen(repr=False)
class TimeScale:
    """The time axis: the first and last day drawn, their x, whether it shows calendar dates or
    months from a reference day, and its caption."""

    __repr__ = value_repr

    t0: int  # first day drawn (ordinal)
    t1: int  # last day drawn
    x0: float  # its x
    x1: float
    calendar: bool
    anchor: int  # day 0 of a relative axis
    caption: str
    #: days before this one are the zone of dates known only by order (no ticks; not to scale)
    order_until: int | None = None
    #: days after this one are the zone of dates known only by order after the last date on
    #: the scale (no ticks; not to scale)
    order_from: int | None = None
    #: the zone after the scale ends on this day, and days after it are drawn to scale again,
    #: counted from the point on it (ticked "+3", "+6": months from that point)
    tail_from: int | None = None
    #: what the stretch after ``tail_from`` counts from ("months from the end of regorafenib")
    tail_caption: str = ""
    #: the key of the point that stretch counts from
    tail_root: str | None = None
    #: a relative axis ticked in days, not months (a case told within about four months:
    #: :data:`timeline.schedule.DAYS_SCALE`)
    in_days: bool = False
    #: a long stretch of the scale with nothing drawn in it, left out (:func:`quiet_stretch`):
    #: its first and last day, drawn :data:`GAP_SHARE` of the axis wide behind a break
    gap: tuple[int, int] | None = None

    def x(self, day: int) -> float:
        """The x of a day (strictly proportional to time, but for a stretch left out), to
        0.01 point."""
        if self.gap is None:
            return round(self.x0 + (day - self.t0) * (self.x1 - self.x0) / (self.t1 - self.t0), 2)
        g0, g1 = self.gap
        width = (self.x1 - self.x0) * GAP_SHARE
        per_day = (self.x1 - self.x0 - width) / (self.t1 - self.t0 - (g1 - g0))
        if day <= g0:
            return round(self.x0 + (day - self.t0) * per_day, 2)
        left = self.x0 + (g0 - self.t0) * per_day
        if day >= g1:
            return round(left + width + (day - g1) * per_day, 2)
        return round(left + (day - g0) * width / (g1 - g0), 2)

    def gap_day(self) -> int | None:
        """The day the break of a stretch left out is drawn at (its middle), or None."""
        return None if self.gap is None else (self.gap[0] + self.gap[1]) // 2

    def clamp(self, day: int) -> int:
        """A day limited to the drawn span."""
        return min(max(day, self.t0), self.t1)

    def ticks(self) -> list[tuple[int, str]]:
        """(day, label) of every tick: at least three, at most twelve."""
        return list(_ticks(self))


@functools.lru_cache(maxsize=256)
def _ticks(scale: TimeScale) -> tuple[tuple[int, str], ...]:
    """The ticks of an axis (kept: the same axis is drawn at every step of a deck)."""
    ticks = _scale_ticks(scale)
    if scale.gap is not None:
        ticks = _around_gap(scale, ticks)
    return ticks + _tail_ticks(scale)


def _around_gap(
    scale: TimeScale, ticks: tuple[tuple[int, str], ...]
) -> tuple[tuple[int, str], ...]:
    """The ticks of an axis with a stretch left out: none within it nor beside its break,
    and one on each side of it at least (the first whole month of that side, or its first
    day counted from the anchor), so that each side says where it is."""
    assert scale.gap is not None
    g0, g1 = scale.gap
    lo, hi = scale.x(g0) - _GAP_CLEAR, scale.x(g1) + _GAP_CLEAR
    kept = [(d, t) for d, t in ticks if not lo < scale.x(d) < hi]
    first = scale.t0 if scale.order_until is None else scale.order_until
    last = scale.t1 if scale.order_from is None else scale.order_from
    sides = ((first, g0, lambda x: x <= lo), (g1, last, lambda x: x >= hi))
    for a, b, on_side in sides:
        if any(a <= d <= b and on_side(scale.x(d)) for d, _t in kept):
            continue
        day = datetime.date.fromordinal(a)
        if scale.calendar:
            month = add_calendar(day.replace(day=1), months=1) if day.day > 1 else day
            tick = (month.toordinal(), f"{month.year:04d}-{month.month:02d}")
        elif scale.in_days:
            tick = (a, str(a - scale.anchor))
        else:
            months = round((a - scale.anchor) / DAYS_PER_MONTH)
            at = add_calendar(datetime.date.fromordinal(scale.anchor), months=months).toordinal()
            tick = (at, str(months))
        if a <= tick[0] <= b and on_side(scale.x(tick[0])):
            kept.append(tick)
    return tuple(sorted(kept))


#: the margin an axis keeps before its first day (:func:`time_scale`): a scale in days no
#: longer than it before its anchor holds nothing there
_ONE_DAY_MARGIN = 15
#: the days between two ticks of an axis in days: the finest that gives at most eleven
_DAY_STEPS = (1, 2, 7, 14, 28, 56)


def _day_step(first: int, last: int) -> int:
    return next((s for s in _DAY_STEPS if (last - first) / s <= 11), _DAY_STEPS[-1])


def _tail_ticks(scale: TimeScale) -> tuple[tuple[int, str], ...]:
    """The ticks of the stretch drawn to scale after the zone after the scale: months from
    its first point ("+3"), as many as its share of the axis holds (the point itself is
    marked by the break)."""
    if scale.tail_from is None or scale.t1 <= scale.tail_from:
        return ()
    if scale.in_days:
        step = _day_step(scale.tail_from, scale.t1)
        return tuple(
            (scale.tail_from + d, f"+{d}")
            for d in range(step, scale.t1 - scale.tail_from + 1, step)
        )
    months = (scale.t1 - scale.tail_from) / DAYS_PER_MONTH
    # as far apart as the scale's own ticks (the same days to the point), at most eleven
    step = max(_month_step(scale), next((s for s in _MONTH_STEPS if months / s <= 11), 240))
    if 2 * step > months:
        # (but two ticks where a step gives two in the stretch, else one where one fits: 14
        # months after a resection, on a scale ticked every 36 months, had no tick, and the
        # legend's "+3" explained nothing on the figure)
        step = max(
            (s for s in _MONTH_STEPS if 2 * s <= months),
            default=max((s for s in _MONTH_STEPS if s <= months), default=step),
        )
    origin = datetime.date.fromordinal(scale.tail_from)
    out: list[tuple[int, str]] = []
    m = step
    while (tick := add_calendar(origin, months=m).toordinal()) <= scale.t1:
        out.append((tick, f"+{m}"))
        m += step
    return tuple(out)


def _month_step(scale: TimeScale) -> int:
    """The months between two ticks of the scale: the finest step that gives it at most
    eleven."""
    last = scale.t1 if scale.order_from is None else scale.order_from
    # (the scale proper: the zone before it is not to scale, and has no ticks)
    first = scale.t0 if scale.order_until is None else scale.order_until
    # (nor a stretch left out)
    left_out = 0 if scale.gap is None else scale.gap[1] - scale.gap[0]
    span_months = (last - first - left_out) / DAYS_PER_MONTH
    return next((s for s in _MONTH_STEPS if span_months / s <= 11), _MONTH_STEPS[-1])


def _scale_ticks(scale: TimeScale) -> tuple[tuple[int, str], ...]:
    # (calendar months as pendulum counts them, by timeline.dates.add_calendar: a drawing
    # does not import pendulum)
    last = scale.t1 if scale.order_from is None else scale.order_from
    lo, hi = datetime.date.fromordinal(scale.t0), datetime.date.fromordinal(last)
    # (the scale proper, after the zone before it: six weeks between two zones were ticked
    # "0" and "1" only)
    proper = scale.t0 if scale.order_until is None else scale.order_until
    span_months = (last - proper) / DAYS_PER_MONTH
    step = _month_step(scale)
    out: list[tuple[int, str]] = []
    if scale.order_until is not None:  # no ticks in the zone of dates known only by order
        lo = datetime.date.fromordinal(scale.order_until)
    if scale.calendar:
        if step < 12:
            first = add_calendar(lo.replace(day=1), months=1)
            first = add_calendar(first, months=(-(first.month - 1)) % step)
            day = first
            while day <= hi:
                out.append((day.toordinal(), f"{day.year:04d}-{day.month:02d}"))
                day = add_calendar(day, months=step)
        else:
            years = step // 12
            year = lo.year + 1
            year += (-year) % years
            while datetime.date(year, 1, 1) <= hi:
                out.append((datetime.date(year, 1, 1).toordinal(), str(year)))
                year += years
        return tuple(out)
    start = scale.t0 if scale.order_until is None else scale.order_until
    if scale.in_days:
        # (a case told in days: ticked in days from its anchor, every 1, 2, 7, 14, 28 or 56)
        every = _day_step(start, last)
        if (
            scale.order_from is not None
            and scale.order_until is None
            and start <= scale.anchor
            and scale.anchor - start <= _ONE_DAY_MARGIN
            and last - scale.anchor <= every
        ):
            # a scale of one day (the diagnosis, the rest known only in order after it):
            # "-14 -10 -6 0" ticked a fortnight before the diagnosis where the case has
            # nothing, in days, as if measured
            return ((scale.anchor, "0"),)
        d = -((scale.anchor - start) // every) * every
        # (not on the break before a zone after the scale, nor within half a step of it: a
        # "35" stood on the break after the last date on the scale, day 31)
        end = last if scale.order_from is None else last - max(1, every // 2)
        while scale.anchor + d <= end:
            if scale.anchor + d >= start:
                out.append((scale.anchor + d, str(d)))
            d += every
        return tuple(out)
    anchor = datetime.date.fromordinal(scale.anchor)
    m = -((anchor.toordinal() - start) // int(step * DAYS_PER_MONTH) + 1) * step
    # a scale of under two months (a progression a month after the operation, the rest known
    # only in order after it) is ticked every half month, midway between calendar months
    half = step == 1 and span_months < 2
    while True:
        tick = add_calendar(anchor, months=m).toordinal()
        if half:
            before = add_calendar(anchor, months=m - 1).toordinal()
            mid = (before + tick) // 2
            # (not on the break before a zone after the scale: a scale of one day, the
            # diagnosis, had a "0.5" there, as if half a month were drawn)
            if start <= mid <= last and not (mid == last and scale.order_from is not None):
                out.append((mid, f"{m - 0.5:g}"))
        if tick > last:
            break
        if tick >= start:
            out.append((tick, str(m)))
        m += step
    return tuple(out)


def order_only(schedule: Schedule) -> tuple[dict[str, int], int | None]:
    """Where a drawing puts the points the case gives only by their order before the rest
    (point key -> day), and the first day of the scale proper (None: no such point).

    A point is in this zone when the case gives no earliest day for it: on the calendar, its
    window is open towards the past; in a relative case, nothing bounds how long before the
    anchor it was. No relation of the case puts such a point after a point on the scale (that
    would bound it), so drawing it before all of them contradicts nothing. Only a sequence is
    moved (at least two such points, each ordered with another): a lone point stays at its
    closed side, drawn there with an arrow open to the past. The zone's points keep the order
    the case gives: evenly spaced slots, each point one slot after the latest of the points
    that must come before it, so that points with no order between them share a slot (as do
    points on the same day). The zone is a quarter as wide as the span on the scale, wider
    with more slots (:data:`ZONE_SLOTS` or more: as wide as the scale)."""
    canon, planned, slots = _zone(schedule, after=False)
    if slots is None:
        return {}, None
    level, count, step, first = slots
    return {
        k: first - (count - level[canon(k)]) * step for k in planned if canon(k) in level
    }, first - max(1, step // 8)


def order_after(schedule: Schedule) -> tuple[dict[str, int], int | None]:
    """Where a drawing puts the points the case gives only by their order after the rest
    (point key -> day), and the last day of the scale proper (None: no such point): the
    mirror of :func:`order_only`; :func:`after_zone` says the whole of it (and the stretch
    drawn to scale after the zone, when there is one)."""
    zone = after_zone(schedule)
    return ({}, None) if zone is None else (zone.days, zone.last)


@frozen(repr=False)
class AfterZone:
    """The zone of dates known only by order after the scale, and the stretch to scale that
    may follow it (:func:`after_zone`)."""

    __repr__ = value_repr

    #: point key -> the day the drawing puts it on
    days: dict[str, int]
    #: the last day of the scale proper (the break before the zone)
    last: int
    #: the day of the point the stretch after the zone is counted from (its slot in the zone),
    #: and that point's key; None: no such stretch
    tail_from: int | None = None
    tail_root: str | None = None
    #: the windows of the points of that stretch, counted from its first point
    windows: dict[str, Bounds] = field(factory=dict)


def after_zone(schedule: Schedule) -> AfterZone | None:
    """Where a drawing puts the points the case gives only by their order after the rest
    (None: no such point, or their days are kept).

    A point is in this zone when the case gives no latest day for it: on the calendar, its
    window is open towards the future (sunitinib, then nivolumab, then cabozantinib, after a
    thyroidectomy of January 2015, with no date after it); in a relative case, nothing bounds
    how long after the anchor it was. The schedule puts such points at their earliest day, a
    stack in one instant. They are drawn in a zone right of the scale, evenly spaced in the
    order the case gives, not to scale, when that tells no order the case does not give
    (:func:`_known_beyond`: an end whose bar would run through later dates of the scale stays
    on it, with what the case ties to it). Only
    when every point of the sequence can be as early as the end of the scale: one that a
    stated distance puts later ("at least 8 years after the nephrectomy") keeps the schedule's
    days for the whole case, which then say more than slots would.

    Stated distances that all hang on the last point of the sequence ("1, 3 and 9 months
    after the discontinuation" of a third line whose courses have no stated length) are drawn
    to scale after the zone, counted from that point (:func:`_tail`): the lines before it stay
    in slots rather than at the least length their courses take."""
    canon, planned, slots = _zone(schedule, after=True)
    if slots is None:
        return None
    level, _count, step, last = slots
    # the scale proper is one day (a case dated only relative to its diagnosis, every other
    # date known only by order after it): there is no scale for a stated least distance to be
    # drawn on, and the schedule's days would put years of treatment into weeks
    # (one plausible day, however wide its window: "2015-01" alone is no scale either)
    single_day = len({p.day for k, p in planned.items() if canon(k) not in level}) == 1
    # (on a scale of one day, every least distance from it puts a point past it: only a
    # distance stated among the points of the sequence says more than slots there: a complete
    # response "6 months" after a first line known only to follow the diagnosis, a progression
    # 21 months after it, were drawn a slot apart)
    if _days_say_more(schedule, level, last, from_scale=not single_day):
        # a point of the sequence is known to come after the end of the scale by a stated
        # distance ("more than 20 months after"): its day says more than a slot would, and the
        # points before it could not be drawn after the scale; the schedule's days are kept
        tail = _tail(schedule, planned, level, last)
        if tail is not None or not (single_day and _starts_stacked(schedule, planned, level)):
            return tail
        # (on a scale of one day, the schedule's days put therapies the case gives in order
        # on that one day: nivolumab, lenvatinib added to it and the radiotherapy after it,
        # all known only by order after the diagnosis, were drawn as slivers at month 0, three
        # years before the follow-up stated from their end; in slots they keep their order,
        # and the stated distance is said by the follow-up's own date. One therapy at that day,
        # a follow-up "over five years" after its start, keeps the schedule's days)
    return AfterZone(
        {k: last + (level[canon(k)] + 1) * step for k in planned if canon(k) in level},
        last + max(1, step // 8),
    )


def drawn_order(
    schedule: Schedule, zone: AfterZone | Literal["compute"] | None = "compute"
) -> Callable[[Event], tuple[bool, int, int, int]]:
    """The sort key of an item in the order a drawing tells it: :meth:`Schedule.order`, with an
    item whose start has no latest day told after the rest only when the drawing puts it in
    the zone after the scale (:func:`after_zone`). One the drawing keeps on the scale, at its
    earliest day with its window open, is told at that day: a diarrhoea known only to come
    during vandetanib, whose end had no latest day, was drawn at vandetanib's start in 2013 and
    told by the deck after the progression of 2017 that ended it. ``zone``: the zone after the
    scale, when the caller has computed it already."""
    found = after_zone(schedule) if zone == "compute" else zone
    slots = found.days if found is not None else {}

    def key(item: Event) -> tuple[bool, int, int, int]:
        late, day, told, index = schedule.order(item)
        start = point_key(item, "start")
        if late and start not in slots:
            late = False
        elif late:
            # (in the zone, at the slot it is drawn in: a failure known only to follow the
            # start of a checkpoint inhibitor, drawn a slot after a hysterectomy known only to
            # follow the diagnosis, was told before it, the file listing it first, and a
            # figure cut at the hysterectomy drew it, beyond the cut)
            day = slots[start]
        return (late, day, told, index)

    return key


def _tail(
    schedule: Schedule, planned: dict[str, Planned], level: dict[str, int], last: int
) -> AfterZone | None:
    """The zone after the scale with a stretch to scale after it, or None (the schedule's
    days are kept).

    The stretch is every point of the sequence known to come no earlier than one point of it
    (its root), when every other point of the sequence is known to come no later than the
    root, a therapy lies wholly among those others (its length would be drawn at the least
    its courses take), and no stated distance of a month or more is left among those others, nor from the
    scale past its end. Its points keep their distances from the root on the scale's own days
    (a distance the case does not bound is drawn from its least, its window open); the others
    take slots up to the root."""
    chrono = schedule.chrono
    canon = chrono.canonical
    # (an end the case does not report at all is drawn fading from its start, its slot
    # unused: dabrafenib + trametinib "resulted in a full response", never said stopped)
    unreported = _unreported_ends(chrono.case, canon)
    # (the latest root that will do: the stretch to scale as short as it can be)
    for root in sorted(level, key=lambda k: (-level[k], k)):
        # the points known to come no earlier than the root, with their distance from it (open
        # when the case states none: "after the proton therapy", drawn at its earliest)
        tail: dict[str, Bounds] = {}
        for k in level:
            lo = chrono.least(root, k) if k != root else None
            if lo is not None and lo >= 0:
                found = chrono.difference(root, k)
                tail[k] = Bounds(lo, found[1] if found is not None else POS)
        head = {k: n for k, n in level.items() if k not in tail}
        if not tail or len(head) < 2 or any(n > head[root] for n in head.values()):
            continue  # (a zone of the root alone is no sequence: the schedule's days say it)
        if not any(
            canon(point_key(r, "start")) in head and canon(point_key(r, "end")) in head
            for r in chrono.case.regimens()
        ):
            # no therapy lies wholly in the zone, whose length the schedule would draw at the
            # least its courses take: a gap of order alone before an operation the rest is
            # counted from reads better on one scale, drawn at its earliest with its window
            continue
        after_root = (
            k
            for k in head
            if k != root and k not in unreported and ((d := chrono.least(k, root)) is None or d < 0)
        )
        if any(not _unordered(chrono, k, head) for k in after_root):
            # (a point that may come after the root would be drawn before the stretch that
            # is to scale from it: "0 to 17 months after the start of nivolumab", before the
            # complete response at no stated distance; not one the case puts in no order with
            # any other, such as a test written `date: unknown`, whose slot tells no order
            # wherever it is, and which kept three lines of therapy on their least days)
            continue
        # (every distance among the points of the stretch is drawn to scale there, one whose
        # distance from the root is open too: a follow-up "15 months" after a remission known
        # only to follow the third line's start is drawn 15 months after its earliest day; the
        # schedule's days would have put the lines before it on one day)
        rigid = {root, *tail}
        if _days_say_more(schedule, level, last, rigid=rigid):
            continue
        points = [p for k, p in planned.items() if canon(k) not in level]
        first = min((max(p.day, p.window.hi) if p.window.hi < POS // 2 else p.day) for p in points)
        origin = planned[root].day if root in planned else None
        if origin is None:
            return None
        # each point of the stretch: its distance from the root, within what the case allows
        offset = {
            k: max(b.lo, min(b.hi, p.day - origin))
            for k, p in planned.items()
            if (b := tail.get(canon(k))) is not None
        }
        # (the zone's share is of the longer of the scale and the stretch after it: five years
        # after a proton therapy left a zone of three slots a few points wide)
        step = _step(first, last, head[root] + 1, max(offset.values(), default=0))
        at = last + (head[root] + 1) * step
        days = {k: last + (head[canon(k)] + 1) * step for k in planned if canon(k) in head}
        windows: dict[str, Bounds] = {}
        for k, d in offset.items():
            lo, hi = tail[canon(k)].lo, tail[canon(k)].hi
            days[k] = at + d
            windows[k] = Bounds(at + lo, at + hi if hi < POS // 2 else POS)
        return AfterZone(days, last + max(1, step // 8), at, root, windows)
    return None


def _starts_stacked(schedule: Schedule, planned: dict[str, Planned], level: dict[str, int]) -> bool:
    """Whether the schedule puts the starts of two therapies (or agents) of the sequence
    ``level`` that the case gives in order (in different slots) on the same day."""
    canon = schedule.chrono.canonical
    found: dict[int, int] = {}
    for e in schedule.chrono.case.events:
        if not e.is_span:
            continue
        items: list[Event | Exposure] = [e, *e.exposures] if isinstance(e, Regimen) else [e]
        for item in items:
            key = point_key(item, "start")
            p, n = planned.get(key), level.get(canon(key))
            if p is None or n is None:
                continue
            if found.setdefault(p.day, n) != n:
                return True
    return False


def _unordered(chrono: Chronology, key: str, points: Iterable[str]) -> bool:
    """Whether the case puts the point in no order with any of the other ``points`` (those
    of the zone before the root of a stretch to scale: the last follow-up, after every event,
    is in the stretch)."""
    return all(
        chrono.least(key, q) is None and chrono.least(q, key) is None for q in points if q != key
    )


def _unreported_ends(case: Case, canon: Callable[[str], str]) -> set[str]:
    """The ends, by canonical key, of therapies whose end the case writes ``unknown``."""
    out = set()
    for e in case.events:
        if e.is_span and e.end is not None and e.end.kind == "unknown":
            out.add(canon(point_key(e, "end")))
    return out


#: a stated distance between two points of a sequence past the scale that is drawn to scale
#: rather than in slots (days): "remained in remission for 14 months" is worth its length
_STATED_LENGTH = 28
#: a least distance between two points of such a sequence that is drawn to scale although
#: nothing bounds it from above (days): a course "for more than 5 years" is no slot's width
_LEAST_LENGTH = 365
#: on a scale of one day, the least stated distance among the points of a sequence that is
#: drawn to scale rather than in slots (a complete response "6 months" into a first line
#: known only to follow the diagnosis): a season, so that a month between two toxicities does
#: not draw every course after them at the least length of its cycles
_STATED_ON_ONE_DAY = 91


def _days_say_more(
    schedule: Schedule,
    level: dict[str, int],
    last: int,
    rigid: frozenset[str] | set[str] = frozenset(),
    from_scale: bool = True,
) -> bool:
    """Whether the schedule's days of the sequence ``level`` say more than slots would: a
    distance the case states from a point on the scale (unless ``from_scale`` is false: the
    scale is one day, and then only a distance of :data:`_STATED_ON_ONE_DAY` or more among the
    points of the sequence counts), or a calendar date, puts a point of the sequence after the
    scale's ``last`` day ("the last follow-up at least 8 years after the
    progression"), or two points of the sequence are a stated distance of a month or more
    apart, bounded both ways (pan2022: a PFS of 8 months on one line, then of 15 on the next).

    Least lengths alone along the sequence do not (three cycles of gemcitabine of unstated
    length, then "after five cycles" of atezolizumab, all after a progression known only by
    order): drawn to scale at the schedule's days, they would squeeze a course of months into
    the few weeks they add up to. Distances among the points ``rigid`` are left out: they are
    drawn to scale after the zone (:func:`_tail`)."""
    chrono = schedule.chrono
    canon = chrono.canonical
    lower = chrono.distance_graph()[0]  # key -> [(u, w)]: u - key <= w, so key >= u - w
    stated = {} if schedule.relative else _stated_calendar(chrono.case, canon)
    counted = _counted_in_cycles(chrono.case, canon)
    for key in level:
        if stated.get(key, NEG) > last:
            # a calendar date the case says the point comes after ("after 2012-05-15"), past
            # the end of the scale: on a calendar axis its day says more than a slot would
            return True
        for u, w in lower.get(key, ()):
            if not u:
                continue
            if canon(u) not in level:
                p = schedule.point(u)
                if (
                    from_scale
                    and p is not None
                    and p.day - w > last
                    # (the least time of cycles of unstated length is no distance: a partial
                    # response "after 6 courses" and a complete one "after 15" of an immune
                    # checkpoint inhibitor were drawn 5 and 14 weeks into it, a week a course)
                    and counted.get(key) != canon(u)
                ):
                    return True
            elif (
                -w >= (_STATED_LENGTH if from_scale else _STATED_ON_ONE_DAY)
                and not (key in rigid and canon(u) in rigid)
                and (-w >= _LEAST_LENGTH or any(v == key for v, _w in lower.get(u, ())))
            ):
                # key - u >= -w, and an edge bounds it from above as well; or a least distance
                # of a year or more ("effective for more than 5 years"), which slots would draw
                # as long as the weeks between two of them
                return True
    return False


def _counted_in_cycles(case: Case, canon: Callable[[str], str]) -> dict[str, str]:
    """The points each dated only as cycles of unstated length after another (``{from: X,
    offset: 6 cycles}``), by canonical key, with that other point's canonical key."""
    out: dict[str, str] = {}

    def put(key: str, spec: DateSpec | None) -> None:
        if spec is None or not spec.unstated_cycles or not spec.by_order_only:
            return
        anchor = spec.after
        if not isinstance(anchor, Anchor):
            return
        event = case.event(anchor.event)
        if event is not None:
            out[canon(key)] = canon(point_key(event, anchor.part or "start"))

    for e in case.events:
        put(point_key(e, "start"), e.start)
        if e.is_span:
            put(point_key(e, "end"), e.end)
    return out


def _stated_calendar(case: Case, canon: Callable[[str], str]) -> dict[str, int]:
    """The first day of the calendar date each point's own date says it comes after or in
    ({after: 2012-05-15}, {at: 2014, after: recurrence}), by canonical key: a bound the case
    states, not one the others propagate to it."""
    out: dict[str, int] = {}

    def put(key: str, spec: DateSpec | None) -> None:
        if spec is None:
            return
        for point in (spec.after, spec.on):
            if isinstance(point, CalendarDate):
                first = point.bounds()[0].toordinal()
                out[canon(key)] = max(out.get(canon(key), NEG), first)

    for e in case.events:
        put(point_key(e, "start"), e.start)
        if e.is_span:
            put(point_key(e, "end"), e.end)
    return out


def _zone(
    schedule: Schedule, after: bool
) -> tuple[Callable[[str], str], dict[str, Planned], tuple[dict[str, int], int, int, int] | None]:
    """The case's canonical keys, its planned points (the patient's age left out) and the
    slots of the zone before (``after``: after) the scale, None when there is none."""
    canon = schedule.chrono.canonical
    planned = {k: p for k, p in schedule.planned().items() if not k.startswith("patient.")}
    zone = _open_side(schedule, planned, after)
    return canon, planned, _slots(schedule, zone, planned, after) if zone else None


def _open_side(schedule: Schedule, planned: dict[str, Planned], after: bool) -> set[str]:
    """The points with no earliest day (``after``: no latest day): on the calendar, a window
    open on that side; in a relative case, nothing bounding how long before (after) the
    anchor they were."""
    chrono = schedule.chrono
    canon = chrono.canonical
    if after:
        open_side = {canon(k) for k, p in planned.items() if p.window.hi >= POS // 2}
    else:
        open_side = {canon(k) for k, p in planned.items() if p.window.lo <= NEG // 2}
    if not open_side:
        return set()
    if schedule.relative:
        anchor = schedule.anchor
        if anchor is None:
            return set()
        a = canon(anchor)
        if after:
            return {k for k in open_side if k != a and chrono.least(k, a) is None}
        zone = {k for k in open_side if k != a and chrono.least(a, k) is None}
        free = {k for k in zone if chrono.least(k, a) is None}
    elif after:
        return {k for k in open_side if chrono.bounds(k).hi >= POS // 2}
    else:
        zone = {k for k in open_side if chrono.bounds(k).lo <= NEG // 2}
        free = {k for k in zone if chrono.bounds(k).hi >= POS // 2}
    # points free on both sides alone (a radiotherapy written `start: unknown` that nothing
    # orders) are drawn in the zone after the scale: a zone before it of those alone was left
    # empty, with its ticks ("-0.5"); beside points bounded on the late side they stay in it
    return set() if zone == free else zone


def _slots(
    schedule: Schedule, zone: set[str], planned: dict[str, Planned], after: bool
) -> tuple[dict[str, int], int, int, int] | None:
    """The slot of every point of a zone of dates known only by order (point -> slot, 0 the
    earliest), how many slots, the days a slot takes, and the day of the scale's edge the zone
    lies beside (its first day for the zone before, its last for the zone after); None when
    no sequence is to be moved.

    Only a sequence is moved (at least two points, each ordered with another): a lone point
    stays at its closed side, drawn there with an arrow open to the outside, unless a sequence
    is moved beside it (it then goes with it, in the first slot). Points keep the
    order the case gives: each one slot further than the furthest of those that must come
    between it and the scale, so that points with no order between them share a slot (as do
    points on the same day). The zone is a quarter as wide as the span on the scale, wider
    with more slots (:data:`ZONE_SLOTS` or more: as wide as the scale)."""
    chrono = schedule.chrono
    canon = chrono.canonical
    # the order the case gives: an edge v - u <= w with w <= 0 puts v no later than u
    fwd, _back = chrono.distance_graph()
    before: dict[str, set[str]] = {k: set() for k in zone}
    for u, edges in fwd.items():
        cu = canon(u) if u else u
        if cu not in zone:
            continue
        for v, w in edges:
            cv = canon(v) if v else v
            if w <= 0 and cv in zone and cv != cu:
                before[cu].add(cv)
    _implied_order(fwd, canon, zone, before)
    # a point with no order among the others stays at its closed side, drawn there with an
    # arrow open to the outside: only a sequence is spread out
    chained = {k for k, ps in before.items() if ps} | {q for ps in before.values() for q in ps}
    lone = zone - chained
    zone = chained
    while True:
        # a point the case does not put beyond every point left on the scale stays on it (and
        # a point left alone by that is no sequence): each pass moves points out, never in
        kept = _known_beyond(schedule, planned, zone, after)
        links = {k: before[k] & kept for k in kept}
        kept = {k for k, ps in links.items() if ps} | {q for ps in links.values() for q in ps}
        if kept == zone:
            break
        zone = kept
    if zone and lone:
        # beside a sequence moved past the scale, a lone point known only to follow the same
        # dates goes there too, in the first slot the order allows: left at its closed side,
        # it would be drawn before the sequence, an order the case does not give (an operation
        # and a therapy both "after the recurrence")
        zone |= _known_beyond(schedule, planned, zone | lone, after) & lone
    before = {k: before[k] & zone for k in zone}
    # the scale runs from the earliest to the latest day any of its points can be
    scaled = [
        (max(p.day, p.window.hi) if p.window.hi < POS // 2 else p.day)
        if after
        else (min(p.day, p.window.lo) if p.window.lo > NEG // 2 else p.day)
        for k, p in planned.items()
        if canon(k) not in zone
    ]
    if len(zone) < 2 or not scaled:
        return None
    first, last = min(scaled), max(scaled)
    # ties: the plausible day, then the event's place in the file (its start before its end)
    rank: dict[str, tuple[int, int, int, int]] = {}
    for i, (k, p) in enumerate(planned.items()):
        event_id, _, part = k.partition(".")
        event = chrono.case.event(event_id)
        place = event.index if event is not None else len(planned) + i
        rank.setdefault(canon(k), (p.day, place, int(part == "end"), i))
    # points tied both ways ("the same day as") share a slot: the strongly connected parts
    parts = strong_components(sorted(zone, key=rank.__getitem__), lambda k: sorted(before[k]))
    part_of = {k: i for i, part in enumerate(parts) for k in part}
    first_rank = [min(rank[k] for k in part) for part in parts]
    preds = [{part_of[q] for k in part for q in before[k]} - {i} for i, part in enumerate(parts)]
    succs: list[list[int]] = [[] for _ in parts]
    for i, ps in enumerate(preds):
        for j in ps:
            succs[j].append(i)
    waiting = [len(ps) for ps in preds]
    ready = [(first_rank[i], i) for i, n in enumerate(waiting) if n == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        _r, i = heapq.heappop(ready)
        order.append(i)
        for j in succs[i]:
            waiting[j] -= 1
            if waiting[j] == 0:
                heapq.heappush(ready, (first_rank[j], j))
    # each part one slot after the latest of those that must come before it: points with no
    # order between them share a slot rather than be given an order the case does not give
    level = [0] * len(parts)
    for i in order:
        level[i] = max((level[j] + 1 for j in preds[i]), default=0)
    if after:
        # a point nothing in the case bounds from below, known only to precede others, is
        # drawn in the slot just before the first of them, not in the zone's first slot: a
        # PIK3CA test known only to precede alpelisib, in a case told in order, was drawn at
        # the first line's start (and shown in a deck's step before that line's result), as
        # a test before a calendar date is drawn at that date
        # (not one that precedes only the end of the case, as every event does: a test
        # written `date: unknown` stays in the first slot, not drawn just before the follow-up)
        ends = {
            canon(point_key(e, "start"))
            for e in chrono.case.events
            if isinstance(e, Death | FollowUp)
        }
        told = [[j for j in succs[i] if not set(parts[j]) <= ends] for i in range(len(parts))]
        free = [
            i
            for i, part in enumerate(parts)
            if not preds[i]
            and told[i]
            and not any(v and canon(v) not in part for k in part for v, _w in fwd.get(k, ()))
        ]
        for i in sorted(free, key=order.index, reverse=True):
            level[i] = max(level[i], min(level[j] for j in told[i]) - 1)
    slots = max(level) + 1
    step = _step(first, last, slots)
    return {k: level[i] for i in order for k in parts[i]}, slots, step, last if after else first


def _implied_order(
    fwd: dict[str, list[tuple[str, int]]],
    canon: Callable[[str], str],
    zone: set[str],
    before: dict[str, set[str]],
) -> None:
    """Add to ``before`` the order of two points of a zone that their distances from one
    point give, though no date relates them to each other: a progression 9 months and another
    17 months after the end of a first line (each written from that end) shared a slot under
    one label, as if at once."""
    # for each point u, how far after it each point of the zone lies: [least, most]
    spans: dict[str, dict[str, list[float]]] = {}
    for u, edges in fwd.items():
        cu = canon(u) if u else u
        for v, w in edges:  # v - u <= w
            cv = canon(v) if v else v
            if cv == cu:
                continue
            if cv in zone:
                span = spans.setdefault(cu, {}).setdefault(cv, [-math.inf, math.inf])
                span[1] = min(span[1], w)
            if cu in zone:  # so u - v >= -w: u is at least -w after v
                span = spans.setdefault(cv, {}).setdefault(cu, [-math.inf, math.inf])
                span[0] = max(span[0], -w)
    for around in spans.values():
        known = sorted((lo, hi, k) for k, (lo, hi) in around.items() if lo > -math.inf)
        most = sorted((hi, k) for k, (lo, hi) in around.items() if hi < math.inf)
        # b is after a when b's least distance exceeds a's most
        for lo, _hi, b in known:
            for hi, a in most:
                if hi >= lo:
                    break
                if a != b:
                    before[b].add(a)


def _known_beyond(
    schedule: Schedule, planned: dict[str, Planned], zone: set[str], after: bool
) -> set[str]:
    """The points of ``zone`` that may be drawn past the end of the scale (``after``; else
    before its start) without telling an order the case does not give.

    A bar from the scale into the zone is drawn across every day of the scale after its start:
    its end is kept in the zone only when each point the schedule puts later on the scale is
    known to come before it. The end of a course known only to follow its start, with a
    response three months after a radiotherapy on the scale, is not known to follow the
    response; drawn past it, the bar would tell that the course ran through the response (and
    that a toxicity that stopped it came after it), where ``show`` gives it weeks before. Such
    an end stays on the scale at its plausible day, its window open, and so does every point
    of the zone the case puts no later than a point left on the scale (the toxicity on the
    day of that end): drawn past the scale, it would come after it. So too a point that is no
    bar's end: drawn past the scale, it comes after every point of it, and stays on the scale
    unless each point the schedule puts later on it is known to come before it (sunitinib
    started at no stated time after nivolumab's end was drawn after a hepatitis dated 436 days
    on). Mirrored before the scale."""
    chrono = schedule.chrono
    canon = chrono.canonical
    scale: dict[str, int] = {}
    for k, p in planned.items():
        c = canon(k)
        if c not in zone:
            scale[c] = max(scale.get(c, p.day), p.day) if after else min(scale.get(c, p.day), p.day)
    first, last = min(scale.values(), default=0), max(scale.values(), default=0)
    kept = set()
    for k in zone:
        own = planned.get(k)
        if (
            own is not None
            and own.window.lo <= NEG // 2
            and own.window.hi >= POS // 2
            and first < own.day < last
        ):
            # open on both sides, at a plausible day among the scale's (the end of a course
            # known only to follow its start, which follows nothing dated): either zone would
            # tell an order the case does not give, the scale tells the schedule's
            continue
        ok = True
        for s, day in scale.items():
            # (a point the case puts on the far side of one on the scale would be drawn
            # beyond it)
            beyond = chrono.least(k, s) if after else chrono.least(s, k)
            if beyond is not None and beyond >= 0:
                ok = False
                break
            # (nor is any point: one the schedule puts before a point on the scale that the
            # case does not put before it would be drawn after it, an order the case does not
            # give: sunitinib started at no stated time after nivolumab's end was drawn after a
            # hepatitis dated 436 days on)
            if own is None or (day <= own.day if after else day >= own.day):
                continue
            least = chrono.least(s, k) if after else chrono.least(k, s)
            if least is None or least < 0:
                ok = False
                break
        if ok:
            kept.add(k)
    return kept


def _step(first: int, last: int, slots: int, beside: int = 0) -> int:
    """The days one slot of a zone takes, beside a scale from ``first`` to ``last`` (and a
    stretch to scale of ``beside`` days after the zone, when longer)."""
    # (when the scale proper is one day, the zone is all the figure has: it takes the axis)
    # (a zone of many slots is widened, up to the scale's own width: twelve dates in a quarter
    # of the axis stood too close to be read)
    share = max(ORDER_ZONE, min(1.0, slots / ZONE_SLOTS)) if last > first else 1.0
    width = max(last - first, MIN_AXIS_DAYS, beside) * share
    if last > first:
        # a scale shorter than the shortest axis leaves the rest of it to the zone, which
        # would otherwise stand crowded at the break with the axis empty beyond it
        width = max(width, (MIN_AXIS_DAYS - (last - first)) * 0.8)
    return max(1, round(width / slots))


def quiet_stretch(
    days: Iterable[int], order_until: int | None = None, order_from: int | None = None
) -> tuple[int, int] | None:
    """The longest stretch between two plausible days of the scale proper (``days``, those
    of a zone of dates known only by order left out) with none between them, when it is
    :data:`QUIET_DAYS` long at least and :data:`QUIET_SHARE` of the span of those days; else
    None, and None when it runs to the last of ``days`` (a remission of years to the last
    follow-up is the outcome the case reports). :func:`time_scale` leaves it out of the
    axis, but for a margin on each side, behind a break: a story of three months after a
    diagnosis known only as about 15 years before was drawn in the last 2 % of an axis of
    18 years, its toxicity, imaging and death one mark. A window that reaches into it is
    drawn across the break, and a bar across it is cut where the axis breaks, as at a zone
    of dates known only by order."""
    days = list(days)
    marks = sorted(
        {
            d
            for d in days
            if (order_until is None or d >= order_until) and (order_from is None or d <= order_from)
        }
    )
    if len(marks) < 2:
        return None
    size, a, b = max((b - a, a, b) for a, b in itertools.pairwise(marks))
    if size < QUIET_DAYS or size < QUIET_SHARE * (marks[-1] - marks[0]) or b == max(days):
        # (not one that runs to the last day: years of remission to a last follow-up are the
        # outcome the case reports, and drawn to scale)
        return None
    return a, b


def time_scale(
    schedule: Schedule,
    theme: Theme,
    order_until: int | None = None,
    order_from: int | None = None,
    after: AfterZone | None = None,
) -> TimeScale:
    """The axis for a case: from its earliest to its latest plausible day, with margins (and
    the zone of dates known only by order before ``order_until``, see :func:`order_only`, and
    the zone after ``order_from`` with the stretch to scale ``after`` says, see
    :func:`after_zone`)."""
    # (the day the patient's age is given at is drawn nowhere: an age "22 in April 2019",
    # ten months before the first imaging, began the axis with ten empty months)
    planned = [p for k, p in schedule.planned().items() if not k.startswith("patient.")]
    days = sorted(p.day for p in planned)
    if not days:
        days = [REFERENCE_DAY]
    lo, hi = days[0], days[-1]
    # a long stretch with nothing on it is left out (:func:`quiet_stretch`): the windows the
    # axis holds and its margins are measured on what is drawn to scale
    quiet = quiet_stretch(days, order_until, order_from)
    left_out = 0 if quiet is None else quiet[1] - quiet[0]
    # the axis also holds the windows of uncertain dates when that widens it by a quarter at
    # most on a side; a window that goes further is cut at the axis end, with an arrowhead
    reach = max(hi - lo - left_out, 90) * WINDOW_REACH
    bounds = [p.window for p in planned]
    early = min((w.lo for w in bounds if w.lo > NEG // 2), default=lo)
    late = max((w.hi for w in bounds if w.hi < POS // 2), default=hi)
    lo = early if lo - reach <= early < lo else lo
    hi = late if hi < late <= hi + reach else hi
    span = max(hi - lo - left_out, MIN_AXIS_DAYS)
    gap = None
    if quiet is not None:
        margin = max(30, span // 20)
        if quiet[1] - quiet[0] - 2 * margin >= QUIET_DAYS // 2:
            gap = (quiet[0] + margin, quiet[1] - margin)
    # (a case may place days anywhere; the axis stays on the calendar Python can name)
    t0 = max(1, lo - max(15, span // 40))
    t1 = min(3652059, max(hi, lo + MIN_AXIS_DAYS) + max(45, span // 25))
    if t1 - t0 < MIN_AXIS_DAYS:
        t0, t1 = max(1, t1 - MIN_AXIS_DAYS), min(3652059, t0 + MIN_AXIS_DAYS)
    calendar = not schedule.relative
    # a relative axis counts from the event the case's dates hang on, as `show` does
    anchored = schedule.point(schedule.anchor) if schedule.anchor else None
    anchor = anchored.day if anchored is not None else lo
    unit = "days" if schedule.in_days else "months"
    caption = f"{unit} from {anchor_name(schedule.chrono, schedule.anchor)}"
    if schedule.anchor and schedule.chrono.canonical(schedule.anchor) in inferred_dates(
        schedule.chrono.case, schedule.chrono.canonical, schedule.relative
    ):
        caption += INFERRED  # (the months rest on a date the file infers, as `show` says)
    if schedule.coarse is not None:
        # (a case dated by a year only, told in days from it: the year said once, here)
        key, window = schedule.coarse
        caption += (
            f" (dated {window.text()} only)"
            if key == schedule.anchor
            else f"; {anchor_name(schedule.chrono, key)} dated {window.text()} only"
        )
    if calendar:
        caption = ""
    x0 = theme.label_column + 8
    tail_from = after.tail_from if after is not None else None
    tail_caption = (
        f"{unit} from {anchor_name(schedule.chrono, after.tail_root)}"
        if after is not None and after.tail_root is not None
        else ""
    )
    return TimeScale(
        t0,
        t1,
        x0,
        theme.width - 10,
        calendar,
        anchor,
        caption,
        order_until,
        order_from,
        tail_from,
        tail_caption,
        after.tail_root if after is not None else None,
        schedule.in_days and not calendar,
        gap,
    )
