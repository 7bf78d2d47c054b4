"""One plausible day for every time point of a case, consistent with every relation.

The chronology gives each point a window (earliest and latest day). Drawing and summaries
need one day per point, and choosing each point's day on its own can break the relations
between points (two midpoints may put a radiotherapy before its surgery). The schedule is
therefore chosen by *dispatching* the case's simple temporal network (Dechter, Meiri and Pearl,
"Temporal constraint networks", Artificial Intelligence 49, 1991; Muscettola, Morris and
Tsamardinos, "Reformulating temporal plans for efficient execution", KR 1998): the points are
taken in time order, each is fixed at a central value of its *current* window, and the
consequences are propagated before the next is chosen. In a propagated (minimal) network any
value inside a point's window extends to a full solution, so the schedule always satisfies
every relation of the case, whatever values were chosen.

The central value (docs/rules.md, "The plausible schedule"):

* the end of a therapy whose length is stated (cycles × cycle length; radiotherapy fractions
  at five a week) is placed that long after its start, clamped to its window;
* a point that shares its window with later points that must follow it (consecutive lines
  given one span for both) takes an even share: with *k* such points after it, it is placed
  1/(k + 2) of the way through its window, so *k* + 1 switches split the window evenly;
* the start of primary treatment known only by order (neoadjuvant, adjuvant or definitive
  therapy, an operation or radiotherapy written only as after the diagnosis) no later than
  :data:`PRIMARY_SOON_DAYS` after its earliest day;
* the end of a therapy whose length is not given is placed at its earliest day, after its
  start (once that start's window is closed), and a point before it no later than that end,
  so placed, allows through a distance the case states;
* any other point with a closed window is placed at its middle;
* a window open on one side (a diagnosis known only to precede the first treatment) is placed
  at its closed side and flagged ``open``, so that drawings show it as open-ended; a diagnosis
  so placed after a therapy's start goes to the first therapy's day;
* a group of points tied only to each other (a case whose dates are all relative and whose
  diagnosis date is unknown) is anchored by fixing its first point on a reference day; such a
  schedule is ``relative``: its days have no calendar meaning, only distances.

Points linked by "the same day" are scheduled as one.
"""

from __future__ import annotations

import datetime
import heapq
import re
from collections.abc import Callable, Iterable, Iterator
from graphlib import CycleError, TopologicalSorter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pendulum
from attrs import evolve, frozen

from timeline.chronology import NEG, POS, WIDE_WINDOW_DAYS, Bounds, Chronology
from timeline.dates import DAYS_PER_MONTH, MONTH_SLACK, Anchor, CalendarDate, DateSpec, Duration
from timeline.model import (
    BiomarkerTest,
    Complication,
    Death,
    Declined,
    DiseaseEvent,
    Event,
    Exposure,
    FollowUp,
    Imaging,
    Radiotherapy,
    Regimen,
    Response,
    SecondPrimary,
    Surgery,
    Toxicity,
    Transplant,
)
from timeline.points import since
from timeline.queries import date_specs, point_key, therapies
from timeline.values import value_repr

__all__ = [
    "NOT_GIVEN",
    "REFERENCE_DAY",
    "Planned",
    "Schedule",
    "after_cycles",
    "anchor_name",
    "at_text",
    "bound_text",
    "distances_stated_from",
    "fraction_days",
    "fraction_words",
    "from_month",
    "months_text",
    "plan",
    "since",
    "stated_distance",
    "when_text",
    "whole_month",
    "window_text",
]

#: the day a free-floating (relative-only) group of points is anchored on
REFERENCE_DAY = datetime.date(5000, 1, 1).toordinal()  # mid-calendar: ±5,000 years of room
#: how many later points are looked at when sharing a window evenly
_SHARE_LOOKAHEAD = 64


@frozen(repr=False)
class Planned:
    """The plausible day of one time point, and the window it was chosen from."""

    __repr__ = value_repr

    day: int
    window: Bounds
    #: the window is open on one side; ``day`` is its closed side
    open: bool = False
    #: in a relative schedule, the event its days count from (in words); else None
    relative_to: str | None = None
    #: in a relative schedule told within about four months (:data:`DAYS_SCALE`), the
    #: distances are said in days ("≈ day 8"), not months ("≈ month 0.3")
    in_days: bool = False
    #: the year or month the file gives for this date ("2015") when the case narrows it to a
    #: part of that year or month; said with the window instead of a plausible day
    stated: str | None = None

    @property
    def uncertain(self) -> bool:
        """Whether the window holds more than one day."""
        return self.window.lo != self.window.hi

    @property
    def date(self) -> pendulum.Date:
        """The plausible day as a date (kept within Python's calendar)."""
        import pendulum

        return pendulum.Date.fromordinal(_on_calendar(self.day))


def _on_calendar(day: int) -> int:
    """A day kept within Python's calendar (1 January of year 1 to 31 December 9999)."""
    return min(max(day, 1), 3652059)


class Schedule:
    """Plausible days of every point of one case (see the module docstring)."""

    def __init__(
        self,
        chrono: Chronology,
        days: dict[str, Planned],
        relative: bool,
        anchor: str | None,
        coarse: tuple[str, Bounds] | None = None,
        assumed: frozenset[str] = frozenset(),
    ) -> None:
        self.chrono = chrono
        self._days = days
        #: True when no point of the case has a calendar date, or when every calendar date is
        #: coarse and the course is told in distances from one (``coarse``): days are only
        #: distances
        self.relative = relative
        #: the point a relative schedule is anchored on
        self.anchor = anchor
        #: in a coarsely dated case, the point whose coarse calendar date the course hangs on,
        #: and that date's window (a year); None otherwise (:func:`_coarse_calendar`)
        self.coarse = coarse
        #: the ends (canonical keys) of courses given in cycles of unstated length, placed at
        #: the length assumed for their cycles (:data:`ASSUMED_CYCLE_DAYS`)
        self.assumed = assumed
        #: by event id, the place in the file it is told at among those on its plausible day,
        #: in the order the case's relations give them (:meth:`_told_in_order`)
        self._told: dict[str, int] | None = None

    def coarse_text(self) -> str | None:
        """In a coarsely dated case, its calendar date in words: "the start of
        'tisagenlecleucel' is dated 2020 only"; None otherwise."""
        if self.coarse is None:
            return None
        key, window = self.coarse
        return f"{anchor_name(self.chrono, key)} is dated {window.text()} only"

    def point(self, key: str) -> Planned | None:
        """The plausible day of the point ``key`` (None when nothing places it)."""
        return self._days.get(self.chrono.canonical(key))

    def start(self, item: Event | Exposure) -> Planned | None:
        """The plausible day of the start of an event or exposure."""
        return self.point(point_key(item, "start"))

    def end(self, item: Event | Exposure) -> Planned | None:
        """The plausible day of the end of an event or exposure."""
        return self.point(point_key(item, "end"))

    def order(self, item: Event) -> tuple[bool, int, int, int]:
        """The sort key of an item on the schedule: after every item whose start has a latest
        day, the items whose start has none; then its plausible start day (0 when it has none),
        then its place in the file (a date written as an earlier event's is told with that
        event: :meth:`_told_with`).

        A start with no latest day ("after the progression", nothing after it) is put at its
        earliest day, but no item with a latest day can be bound to come after it, and a
        drawing mostly tells it after them, in the zone after the scale. A drawing that keeps
        it on the scale, at its earliest day, tells it there: decks and figures cut at a step
        sort by ``timeline.render.timescale.drawn_order``, which says which."""
        found = self.start(item)
        if found is None:
            return (False, 0, self._told_with(item), item.index)
        told = self._told_in_order().get(item.id, self._told_with(item))
        return (found.window.hi >= POS // 2, found.day, told, item.index)

    def _told_in_order(self) -> dict[str, int]:
        """The place in the file each event is told at (:meth:`_told_with`), those the schedule
        puts on one day given their places in the order the case's relations put them in (a
        recurrence, the therapy after it and the operation after that, all known only by order
        and on one plausible day, were told in the order of the file, which the relations do
        not follow: written last to first, the operation came before the recurrence it
        treated). Only among a few on one day: the relations are asked of every pair."""
        if self._told is not None:
            return self._told
        told: dict[str, int] = {}
        groups: dict[tuple[bool, int], list[Event]] = {}
        for e in self.chrono.case.events:
            found = self.start(e)
            if found is not None:
                groups.setdefault((found.window.hi >= POS // 2, found.day), []).append(e)
        after = self.chrono.puts_after
        for group in groups.values():
            if len(group) < 2 or len(group) > _ORDERED_TIES:
                continue
            keys = [point_key(e, "start") for e in group]
            places = sorted(self._told_with(e) for e in group)
            before = {
                i: {j for j in range(len(group)) if j != i and after(keys[j], keys[i])}
                for i in range(len(group))
            }
            # the group in the order the relations give, ties in the file's (Kahn's, least
            # place first)
            left = sorted(range(len(group)), key=lambda i: (self._told_with(group[i]), i))
            done: list[int] = []
            while left:
                ready = next((i for i in left if not before[i] - set(done)), left[0])
                left.remove(ready)
                done.append(ready)
            for place, i in zip(places, done, strict=True):
                told[group[i].id] = place
        self._told = told
        return told

    def _told_with(self, item: Event) -> int:
        """The place in the file an item is told at: its own, or, for a date written as an
        earlier event's (`date: pd-a`, with no distance), that event's, so that a resistance
        dated as its progression is told with it, not after events the file lists between
        them."""
        seen = {item.index}
        while True:
            spec = item.start
            on = spec.on if spec is not None and spec.kind == "on" else None
            target = (
                self.chrono.case.event(on.event)
                if isinstance(on, Anchor) and on.part != "end"
                else None
            )
            if target is None or target.index >= item.index or target.index in seen:
                return item.index
            seen.add(target.index)
            item = target

    def diagnosis(self) -> Planned | None:
        """The plausible day of the diagnosis."""
        return self.point("diagnosis")

    @property
    def in_days(self) -> bool:
        """Whether the case is told within about four months, without calendar dates: said in
        days from its anchor, and drawn on an axis of days (:data:`DAYS_SCALE`)."""
        return any(p.in_days for p in self._days.values())

    def days(self) -> Iterable[int]:
        """Every plausible day of the schedule, as ordinals."""
        return (p.day for p in self._days.values())

    def planned(self) -> dict[str, Planned]:
        """Every point's plausible day, by point key (a copy)."""
        return dict(self._days)

    def moved(self, days: dict[str, int], windows: dict[str, Bounds] | None = None) -> Schedule:
        """The same schedule with some points placed on other days (windows and flags kept,
        but for the points given a window in ``windows``: closed, on the drawing's days): a
        drawing's own placement of points the case gives only in order."""
        windows = windows or {}
        out = {
            k: (
                evolve(p, day=days[k], window=windows[k], open=windows[k].hi >= POS // 2)
                if k in windows
                else evolve(p, day=days[k])
                if k in days
                else p
            )
            for k, p in self._days.items()
        }
        return Schedule(self.chrono, out, self.relative, self.anchor, self.coarse, self.assumed)


#: The length a cycle is drawn with when the case gives its number but not its length and
#: does not report when the course ended: two weeks, the shortest cycle in common use
#: (FOLFOX, FOLFIRI and FOLFIRINOX, nivolumab, the dose-dense regimens), so that the course
#: errs short. It places the course's end on the plausible schedule only, within what the
#: case allows (:func:`_assumed_lengths`); the bar is solid for the least time the cycles
#: take and fades over the rest (docs/rendering.md).
ASSUMED_CYCLE_DAYS = 14


def _nominal_lengths(chrono: Chronology) -> dict[str, tuple[str, int]]:
    """End point -> (start point, stated length in days) for therapies whose length is known."""
    out: dict[str, tuple[str, int]] = {}
    canon = chrono.canonical

    def note(item: Event | Exposure, days: int) -> None:
        s, e = canon(point_key(item, "start")), canon(point_key(item, "end"))
        if s != e and days > 0:
            out.setdefault(e, (s, days))

    for event in chrono.case.events:
        if isinstance(event, Regimen):
            if event.cycles and event.cycle_length is not None:
                note(event, event.cycles * round(sum(event.cycle_length.days_range()) / 2))
            for exp in event.exposures:
                if exp.cycles and event.cycle_length is not None:
                    note(exp, exp.cycles * round(sum(event.cycle_length.days_range()) / 2))
        elif isinstance(event, Radiotherapy) and event.fractions:
            note(event, fraction_days(event.fractions))
    return out


def _regimen_ends(chrono: Chronology) -> dict[str, str]:
    """The start and the end an agent dates on the calendar alone, by canonical key, with its
    regimen's start or end: two agents of one regimen both given "2016 to 2018" start with it
    and end with it, rather than a few months into it, as if it had begun with no agent. (A
    date written from other dates, "after the start of paclitaxel", keeps the schedule's day
    between them: trastuzumab added at the second cycle is not drawn from the first.)"""
    canon = chrono.canonical
    out: dict[str, str] = {}
    for reg in chrono.case.regimens():
        for exp in reg.exposures:
            for part, spec in (("start", exp.start_date), ("end", exp.end_date)):
                if spec is None or spec.anchors():
                    continue
                own, its = canon(point_key(exp, part)), canon(point_key(reg, part))
                if own != its:
                    out[own] = its
    return out


def fraction_days(fractions: int) -> int:
    """The days a course of ``fractions`` fractions takes at five a week, Monday to Friday
    (the conventional schedule): n fractions span (n - 1) // 5 weeks and the rest in days, so
    25 fractions take 33 days. A nominal length, not a bound: hypofractionated courses are
    often given every other day, and some twice a day."""
    n = max(fractions, 1)
    return (n - 1) // 5 * 7 + (n - 1) % 5 + 1


def fraction_words(fractions: int) -> str:
    """The nominal length of a course given in fractions, in words: "25 fractions: ≈ 5 weeks
    at five a week"."""
    days = fraction_days(fractions)
    length = f"{days} day{'s' if days != 1 else ''}" if days < 14 else f"{round(days / 7)} weeks"
    return f"{fractions} fraction{'s' if fractions != 1 else ''}: ≈ {length} at five a week"


def _unstated_cycles(chrono: Chronology) -> Iterator[tuple[Event | Exposure, int]]:
    """The regimens and agents given in cycles of unstated length whose end is not reported
    (ended only by order, or not at all), each with its number of cycles."""
    for event in chrono.case.events:
        if isinstance(event, Regimen) and not event.ongoing:
            if event.cycles and not event.end_reported and event.end_date is not None:
                yield event, event.cycles
            for exp in event.exposures:
                if exp.cycles and exp.end_date is not None and not exp.end_reported(event):
                    yield exp, exp.cycles


def _undated_ends(chrono: Chronology) -> dict[str, str]:
    """Ends of therapies whose length the case does not give, each with its start: radiotherapy
    courses without fractions or a dated end, and regimens (or agents) given in cycles of
    unstated length whose end is not reported. They are placed at their earliest day (for
    cycles, the least time they take, or the length :func:`_assumed_lengths` gives them) and
    drawn as an end not reported, rather than stretched over a window that says nothing of
    how long the course was."""
    canon = chrono.canonical
    # (``end_reported`` is false: the bar fades out)
    out = {
        canon(point_key(x, "end")): canon(point_key(x, "start"))
        for x, _ in _unstated_cycles(chrono)
    }
    for event in chrono.case.events:
        if (
            isinstance(event, Radiotherapy)
            and not event.fractions
            and (event.end is None or event.end.kind in ("between", "unknown"))
        ):
            out[canon(point_key(event, "end"))] = canon(point_key(event, "start"))
        # (and a regimen's, or an agent's, end written only as at least some time after its
        # start, "{after: {from: ld.start, offset: 4 weeks}, before: alleviated}": a least
        # length and an order, no more; placed in the middle of its window, 14 doses of
        # liposomal doxorubicin were drawn as eight months of it)
        if isinstance(event, Regimen):
            items: list[Regimen | Exposure] = [event, *event.exposures]
            for item in items:
                spec = item.end_date if isinstance(item, Exposure) else item.end
                if (
                    spec is not None
                    and spec.kind == "between"
                    and spec.on is None
                    and spec.within is None
                    and spec.before_offset is None
                    and spec.after_offset is not None
                    and not spec.unstated_cycles
                    and isinstance(spec.after, Anchor)
                    and spec.after.event == event.id
                    and spec.after.part in (None, "start")
                ):
                    out[canon(point_key(item, "end"))] = canon(point_key(item, "start"))
    return out


#: the most (early ends × points) :func:`_early_reach` searches; a larger case goes without
_EARLY_REACH_BUDGET = 200_000


def _early_reach(
    fwd: dict[str, list[tuple[str, int]]], early: set[str]
) -> dict[str, dict[str, int]]:
    """For each end placed at its least length (``early``), the points it bounds from above
    at some days after it (through a distance the case states: a relapse "6 months after"
    it, and what must precede that relapse): point -> the fewest days after the end it can
    be. Points it bounds only at or before its own day are left out: they come before the
    end, whose day follows from theirs."""
    if not early or len(early) * (len(fwd) + 1) > _EARLY_REACH_BUDGET:
        return {}
    out: dict[str, dict[str, int]] = {}
    for e in early:
        dist = {e: 0}
        queue = [e]
        budget = 50 * (len(fwd) + 10)  # (a consistent network has no negative cycle)
        while queue and budget:
            budget -= 1
            u = queue.pop()
            du = dist[u]
            for v, w in fwd.get(u, ()):  # v - u <= w
                if v and du + w < dist.get(v, POS):
                    dist[v] = du + w
                    queue.append(v)
        reach = {v: d for v, d in dist.items() if d > 0}
        if reach:
            out[e] = reach
    return out


def _assumed_lengths(chrono: Chronology) -> dict[str, tuple[str, int]]:
    """End point -> (start point, days) of the courses given in cycles of unstated length whose
    end is not reported (:func:`_undated_ends`) and whose length the case bounds (their end
    no later than a dated event, or a stated distance after the start): their cycles at
    :data:`ASSUMED_CYCLE_DAYS`, within the fewest and most days the case allows."""
    out: dict[str, tuple[str, int]] = {}
    canon = chrono.canonical
    ends: set[str] = set()  # (the courses' ends: one that nothing bounds is drawn at its least)
    # (the points other dates are a number of such cycles after)
    counted = list(after_cycles(chrono))
    counted_from = {origin for _key, origin, _n in counted}
    courses: list[tuple[Event | Exposure, int, bool]] = [
        (item, n, False) for item, n in _unstated_cycles(chrono)
    ]
    # (and a course of such cycles whose end the case does not write at all, when dates are
    # counted in its cycles)
    unwritten = (
        [
            (e, e.cycles, True)
            for e in chrono.case.events
            if isinstance(e, Regimen)
            and e.cycles
            and e.cycle_length is None
            and e.end_date is None
            and not e.ongoing
            and canon(point_key(e, "start")) in counted_from
        ]
        if counted_from
        else []
    )
    for item, cycles, unwritten_end in courses + unwritten:
        start, end = canon(point_key(item, "start")), canon(point_key(item, "end"))
        ends.add(end)
        if start == end or end in out:
            continue
        found = chrono.difference(start, end)
        if found is None:
            # (nothing bounds how long the course was: its end is drawn by its order,
            # at the least its cycles take, as the points known only by order are; but
            # where dates are counted in its cycles, at the length a cycle is assumed for
            # them: an urticaria "after the 7th" of 12 cycles, at two weeks a cycle, stood
            # after the course drawn at one week a cycle)
            least = chrono.least(start, end) if unwritten_end else None
            if least is not None:
                out[end] = (start, max(cycles * ASSUMED_CYCLE_DAYS, least))
            continue
        # (no more than half the room the case leaves it: the points after the course,
        # pushed to the latest days their windows allow, read as dated there)
        most = (found[0] + found[1]) // 2
        out[end] = (start, max(min(cycles * ASSUMED_CYCLE_DAYS, most), found[0]))
    # and a point dated a number of cycles of unstated length after another ("{from: X,
    # offset: 4 cycles}"), at the same length a cycle: at the least time its cycles take, a
    # resection "after the 4th cycle" of a salvage course stood four weeks into it, and the
    # radiotherapy "during the 9th and 10th cycles" in the same step of a deck
    for key, origin, cycles in counted:
        if key == origin or key in out or key in ends:
            continue
        found = chrono.difference(origin, key)
        if found is None:
            least = chrono.least(origin, key)
            if least is None:
                continue
            out[key] = (origin, max(cycles * ASSUMED_CYCLE_DAYS, least))
            continue
        most = (found[0] + found[1]) // 2
        out[key] = (origin, max(min(cycles * ASSUMED_CYCLE_DAYS, most), found[0]))
    return out


def after_cycles(chrono: Chronology) -> Iterator[tuple[str, str, int]]:
    """(point, the point it is dated from, cycles) of each date written as a number of cycles
    of unstated length after another (``{from: X, offset: 4 cycles}``), as canonical keys."""
    canon = chrono.canonical
    case = chrono.case
    for event in case.events:
        parts = (
            (("start", event.start), ("end", event.end))
            if event.is_span
            else (("start", event.start),)
        )
        items: list[tuple[str, DateSpec | None]] = [
            (point_key(event, part), spec) for part, spec in parts
        ]
        if isinstance(event, Regimen):
            items += [
                (point_key(x, part), spec)
                for x in event.exposures
                for part, spec in (("start", x.start_date), ("end", x.end_date))
            ]
        for key, spec in items:
            if spec is None or not spec.unstated_cycles or not isinstance(spec.after, Anchor):
                continue
            other = case.event(spec.after.event)
            if other is None:
                continue
            origin = point_key(other, spec.after.part or "start")
            yield canon(key), canon(origin), spec.unstated_cycles


#: how soon after what it follows (the diagnosis, the operation) primary treatment known only
#: by order is placed: adjuvant chemotherapy mostly begins four to eight weeks after the
#: operation, outcomes worse beyond twelve (Lohrisch et al., J Clin Oncol 2006;24:4888-94;
#: Biagi et al., JAMA 2011;305:2335-42), and surgery a few weeks after the diagnosis (Bleicher
#: et al., JAMA Oncol 2016;2:330-9)
PRIMARY_SOON_DAYS = 42

#: the intents of primary treatment
_PRIMARY_INTENTS = ("neoadjuvant", "adjuvant", "definitive")


def _primary_starts(chrono: Chronology, rep: dict[str, str]) -> set[str]:
    """The starts of primary treatment a case gives only by order, which the schedule places
    soon after what they follow (:data:`PRIMARY_SOON_DAYS`, no later than the even share of
    their window): a regimen or radiotherapy given as neoadjuvant, adjuvant or definitive, and
    an operation or radiotherapy written only as after the diagnosis. In the middle of their
    windows, a mastectomy "after" a diagnosis of 1982 and the adjuvant CMF and radiotherapy
    "after" it, all before a recurrence in 2004, were drawn in 1988 and 1996, an operation six
    years after its diagnosis and adjuvant therapy nine after its operation."""
    found: set[str] = set()

    def is_primary(intent: object) -> bool:
        return isinstance(intent, str) and any(
            intent.lower().startswith(word) for word in _PRIMARY_INTENTS
        )

    # (a course begun with a primary regimen is primary too, whatever its own intent's words:
    # radiotherapy "postoperative" with adjuvant temozolomide begun on its day, known only to
    # follow a craniotomy, was drawn eight months after it)
    with_primary = {
        rep.get(k, k)
        for e in chrono.case.regimens()
        if is_primary(e.intent)
        for k in (chrono.canonical(point_key(e, "start")),)
    }
    for event in chrono.case.events:
        intent = getattr(event, "intent", None)
        spec = event.start
        own = chrono.canonical(point_key(event, "start"))
        primary = is_primary(intent) or (
            isinstance(event, Radiotherapy) and rep.get(own, own) in with_primary
        )
        after = getattr(spec, "after", None)
        # (an operation or a course of radiotherapy after the diagnosis, not a line of
        # therapy: nivolumab "after" a diagnosis and four lines the case does not record came
        # years after it)
        operated = (
            isinstance(event, Surgery | Radiotherapy)
            and isinstance(after, Anchor)
            and after.event == "diagnosis"
        )
        # (and an operation or a course planned as part of a line, known only to follow it:
        # whole-brain radiotherapy, part of a first line of methotrexate, "after" its start
        # and before a second cancer four years on, was drawn two years into the remission)
        planned = (
            isinstance(event, Surgery | Radiotherapy)
            and event.part_of is not None
            and isinstance(after, Anchor)
            and after.event == event.part_of
        )
        if not (isinstance(event, Regimen | Radiotherapy) and primary) and not (
            operated or planned
        ):
            continue
        if spec is None or spec.kind != "between" or spec.within is not None:
            continue  # (a date the case states, or a stated distance, places it)
        key = chrono.canonical(point_key(event, "start"))
        found.add(rep.get(key, key))
    return found


def _lower_latest(
    fwd: dict[str, list[tuple[str, int]]],
    lo: dict[str, int],
    hi: dict[str, int],
    key: str,
    day: int,
    earliest: Callable[[str], int] | None = None,
    bounded: bool = False,
) -> None:
    """Make ``day`` the latest day of ``key`` and of what must precede it, through the
    relations of ``fwd``, where every point keeps a day: else nothing changes. (Lowered on
    ``key`` alone, a salvage course's start, set four assumed cycles before the progression
    that ended it, left the relapse before it, and the remission "5 months" before that,
    placed later than the relation allows: 143 days apart.) ``earliest``: each point's earliest
    day (by default its ``lo``); ``bounded``: nothing changes where a point it would lower has
    no latest day yet."""
    first = earliest if earliest is not None else (lambda v: lo.get(v, NEG))
    if day < first(key):
        return
    changed = {key: day}
    queue = [key]
    budget = 50 * (len(hi) + 10)  # (a consistent network has no cycle that lowers a bound)
    while queue and budget:
        budget -= 1
        u = queue.pop()
        for v, w in fwd.get(u, ()):  # v - u <= w
            if v and changed[u] + w < changed.get(v, hi.get(v, POS)):
                if changed[u] + w < first(v) or (bounded and hi.get(v, POS) >= POS // 2):
                    return  # (no day left for ``v``: the assumption gives way to the case)
                changed[v] = changed[u] + w
                queue.append(v)
    if not queue:
        hi.update(changed)


def plan(chrono: Chronology) -> Schedule:
    """Dispatch the network of ``chrono`` into one plausible day per point.

    A course given in cycles of unstated length, its end not reported, is drawn at
    :data:`ASSUMED_CYCLE_DAYS` a cycle where the case bounds its length
    (:func:`_assumed_lengths`): a preference of the drawing, never a relation of the case,
    so every day stays within its window and every relation of the case holds."""
    raw_fwd, _raw_back = chrono.distance_graph()
    rep = _same_day_groups(raw_fwd)
    lo: dict[str, int] = {}
    hi: dict[str, int] = {}
    for key, (a, b) in chrono.windows().items():
        r = rep.get(key, key)
        lo[r], hi[r] = max(a, lo.get(r, NEG)), min(b, hi.get(r, POS))
    if (
        not any(lo[k] > NEG // 2 and hi[k] < POS // 2 for k in lo)
        and any(lo[k] <= NEG // 2 and hi[k] >= POS // 2 for k in lo)
        and any(lo[k] > NEG // 2 or hi[k] < POS // 2 for k in lo)
    ):
        # No date is on the calendar on both sides, some are free on both, and some have one
        # calendar side only (a diagnosis "before" the report's publication): the schedule
        # counts from a free point, and a calendar day placed in the same days would be read
        # as months from it (a diagnosis at "month -35756"). The calendar sides are left out;
        # the order and distances alone place the points.
        lo = dict.fromkeys(lo, NEG)
        hi = dict.fromkeys(hi, POS)
    coarse = _coarse_calendar(chrono, lo, hi, rep)
    if coarse is not None:
        # Every calendar date of the case is coarse (a year), and what happened is told in
        # exact distances from one of them ("in 2020 … day +2 … day +47"): on the calendar,
        # each point would be drawn at a guessed day with a year's window, the infusion "in
        # July 2020", and the days between them lost. The case is scheduled as a relative
        # one; the calendar window of the date it hangs on is said beside the axis.
        lo = dict.fromkeys(lo, NEG)
        hi = dict.fromkeys(hi, POS)
    fwd: dict[str, list[tuple[str, int]]] = {}
    back: dict[str, list[tuple[str, int]]] = {}
    for u, edges in raw_fwd.items():
        ru = rep.get(u, u)
        for v, w in edges:
            rv = rep.get(v, v)
            if ru != rv:
                fwd.setdefault(ru, []).append((rv, w))
                back.setdefault(rv, []).append((ru, w))
    lengths = _assumed_lengths(chrono)
    for e, (s_, d) in lengths.items():
        re_, rs = rep.get(e, e), rep.get(s_, s_)
        if re_ != rs and d > 0:  # (end - start >= d: start - end <= -d, where the case allows)
            fwd.setdefault(re_, []).append((rs, -d))
            back.setdefault(rs, []).append((re_, -d))
    nominal = {rep.get(e, e): (rep.get(s, s), d) for e, (s, d) in _nominal_lengths(chrono).items()}
    # a date "about" a distance from another is placed at that distance where the case allows
    # it, once that other is placed: "about 4 years" after a diagnosis, with a paclitaxel of
    # three years and two short lines before it known only by order, was drawn at 4.7 years,
    # the lines spread first over its whole window (the points before it are held to it)
    about: dict[str, list[tuple[str, int]]] = {}
    for key, spec in date_specs(chrono.case):
        offset = getattr(spec, "offset", None)
        origin = getattr(spec, "origin", None)
        if getattr(spec, "kind", None) != "offset" or not getattr(offset, "approx", False):
            continue
        if not isinstance(origin, Anchor) or offset is None:
            continue
        target = chrono.case.event(origin.event) or next(
            (x for r in chrono.case.regimens() for x in r.exposures if x.key == origin.event),
            None,
        )
        if origin.event != "diagnosis" and target is None:
            continue
        v = rep.get(chrono.canonical(key), chrono.canonical(key))
        o = chrono.canonical(
            "diagnosis" if target is None else point_key(target, origin.part or "start")
        )
        o = rep.get(o, o)
        if v != o and v not in nominal:
            d = round(sum(offset.days_range()) / 2)
            nominal[v] = (o, d)
            about.setdefault(o, []).append((v, d))
    undated = {rep.get(e, e): rep.get(b, b) for e, b in _undated_ends(chrono).items()}
    early = set(undated)
    # a point dated a number of cycles of unstated length after another is placed, as such an
    # end is, at the length assumed for them: in the middle of its window, a remission
    # "following two cycles", bounded only by a progression 16 months on, was drawn at 8.6
    early |= {
        rep.get(k, k) for k, origin, _n in after_cycles(chrono) if k in lengths and k != origin
    }
    # an agent's own start or end, by its regimen's: placed on the regimen's day when its
    # window holds it (a regimen begins with an agent and ends with one)
    with_regimen = {rep.get(a, a): rep.get(b, b) for a, b in _regimen_ends(chrono).items()}

    caps = _early_reach(fwd, early)
    # (the points the case puts no later than an end placed early, each with the days it may
    # come after that end: a toxicity "during" five cycles of unstated length, placed in the
    # middle of its window of years, drew doxorubicin over three and a half years)
    # (not a therapy's start: the course's own, or one the case begins before that end, whose
    # place is the schedule's to choose as before)
    within_early: dict[str, list[tuple[str, int]]] = {}
    for e in early:
        for v, w in fwd.get(e, ()):  # v - e <= w
            if v and v != e and not v.endswith(".start") and "." not in v:
                within_early.setdefault(v, []).append((e, w))
    soon = _primary_starts(chrono, rep)

    # later points that must follow each point (b - a >= 0 is the edge b -> a of weight <= 0)
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}  # the points each point must follow
    for u, edges in fwd.items():
        for v, w in edges:
            if w <= 0 and u and v:
                after.setdefault(v, []).append(u)
                before.setdefault(u, []).append(v)
    metric = {u for u, edges in fwd.items() if u for v, w in edges if v and w > 0}
    metric |= {v for u, edges in fwd.items() if u for v, w in edges if v and w > 0}
    linked = {u for u, edges in fwd.items() if u and any(v for v, _ in edges)}
    linked |= {v for u, edges in fwd.items() if u for v, _ in edges if v}
    rank = {key: i for i, key in enumerate(lo)}
    depths: dict[str, int] = {}
    # the follow-ups and deaths the file dates on the calendar by an inference alone (a last
    # follow-up "to date", within a year before the publication): such a window does not put
    # a case with no other date closed on the calendar onto it
    outcome = {
        rep.get(k, k)
        for e in chrono.case.events
        if isinstance(e, FollowUp | Death) and getattr(e.start, "inferred", None)
        for k in (chrono.canonical(point_key(e, "start")),)
    }

    def depth(key: str) -> int:
        """A point's place in an order in which every point comes after those it must follow
        (then in the file): a point deferred to its earliest day comes after the points it
        follows that share that day. Computed once, when first asked."""
        if not depths:
            try:
                ordered = list(TopologicalSorter(before).static_order())
            except CycleError:  # (a case that contradicts itself: the file's order)
                ordered = []
            depths.update({k: i for i, k in enumerate(ordered)})
            depths.update({k: len(ordered) + rank[k] for k in rank if k not in depths})
        return depths.get(key, rank.get(key, 0))

    def closed(key: str) -> bool:
        return low(key) > NEG // 2 and hi[key] < POS // 2

    def priority(key: str) -> tuple[int, int, int, int]:
        # points held only by order and open on a side wait until the rest is placed
        floating = not closed(key) and key not in metric
        return (int(floating), low(key), hi[key], rank[key])

    # Latest days (``hi``) are propagated as soon as a point is fixed: points are fixed in time
    # order, so a fixed point lowers the latest day of points before it, which are mostly fixed
    # already, and the propagation stops at once. Earliest days (``lo``) flow the other way, to
    # every later point, and propagating them eagerly costs the length of the case per point
    # fixed (quadratic on a long chain of relative dates). They are therefore computed when
    # read, from the points already fixed: ``low`` relaxes the region of unfixed points that
    # can raise the point read (a longest-path closure; a consistent network has no cycle that
    # raises a bound), which gives the same value as an eager propagation would have.
    cache: dict[str, int] = {}

    def low(key: str) -> int:
        if key in fixed:
            return fixed[key]
        known = cache.get(key)
        if known is not None:
            return known
        value_ = lo[key]
        for y, w in fwd.get(key, ()):  # key - y <= w, so key >= y - w
            if not y:
                continue
            base = fixed.get(y)
            if base is None:
                base = cache.get(y)
                if base is None:
                    break  # an unfixed point not yet computed: relax the region below
            if base > NEG // 2 and base - w > value_:
                value_ = base - w
        else:
            lo[key] = cache[key] = value_
            return value_
        region = [key]
        inside = {key}
        for x in region:
            for y, _w in fwd.get(x, ()):
                if y and y not in inside and y not in fixed and y not in cache:
                    inside.add(y)
                    region.append(y)
        value = {x: lo[x] for x in region}
        for x in region:
            for y, w in fwd.get(x, ()):  # x - y <= w, so x >= y - w
                if y and y not in inside:
                    base = fixed[y] if y in fixed else cache[y]
                    if base > NEG // 2 and base - w > value[x]:
                        value[x] = base - w
        queue = list(region)
        budget = 50 * (len(region) + 10)  # as in ``propagate``: an inconsistent case stops
        while queue and budget:
            budget -= 1
            u = queue.pop()
            if value[u] <= NEG // 2:
                continue
            for v, w in back.get(u, ()):  # u - v <= w, so v >= u - w
                if v in inside and value[u] - w > value[v]:
                    value[v] = value[u] - w
                    queue.append(v)
        for x, day in value.items():
            lo[x] = cache[x] = day
        return value[key]

    def propagate(start: str) -> None:
        cache.clear()
        queue = [start]
        budget = 50 * (len(lo) + 10)
        closing = []
        while queue and budget:
            budget -= 1
            u = queue.pop()
            for v, w in fwd.get(u, ()):  # v - u <= w
                if v and hi[u] < POS // 2 and hi[u] + w < hi[v]:
                    if hi[v] >= POS // 2 and v in waiting:
                        closing.append(v)
                    hi[v] = hi[u] + w
                    queue.append(v)
        # Earliest days that stop being unbounded: each point turns finite once, so this walk
        # costs the size of the network over the whole schedule.
        finite.add(start)
        queue = [start]
        while queue:
            u = queue.pop()
            for v, _w in back.get(u, ()):
                if v and v not in finite:
                    finite.add(v)
                    queue.append(v)
                    if v in waiting:
                        closing.append(v)
        # A point is placed at the least priority it ever had (its older entry pops first),
        # unless the propagation closes the window of a floating point: it is then queued
        # again, with the priority of its window closed.
        for v in closing:
            if v in waiting and v not in fixed and closed(v):
                waiting.discard(v)
                least[v] = priority(v)
                heapq.heappush(heap, (least[v], v))

    def share(key: str) -> int:
        """How many unfixed later points compete for the same window."""
        start = low(key)
        width = hi[key] - start
        seen = {key}
        stack = list(after.get(key, ()))
        count = 0
        while stack and len(seen) < _SHARE_LOOKAHEAD:
            y = stack.pop()
            if y in seen or y in fixed:
                continue
            seen.add(y)
            # a later point competes if it ends no later and its earliest day is no later than
            # both its own middle and the middle of this window; the stored earliest day is a
            # lower bound, so the exact one is computed only when the stored one passes
            limit = min(hi[y] - width / 2, start + width / 2)
            if hi[y] <= hi[key] and lo[y] <= limit and low(y) <= limit:
                count += 1
                stack.extend(after.get(y, ()))
        return count

    def choose(key: str) -> tuple[int, bool]:
        a, b = low(key), hi[key]
        joined = fixed.get(with_regimen.get(key, ""))
        if joined is not None and a <= joined <= b:
            return joined, a <= NEG // 2 or b >= POS // 2
        if a <= NEG // 2 and b >= POS // 2:
            # (in a case on the calendar, among the days placed so far, at the latest: an
            # imaging written `unknown` took the day the relative cases count from, in the
            # year 5000, and a follow-up after it stretched the axis over 3,000 years)
            if not relative and fixed:
                return max(fixed.values()), False
            return REFERENCE_DAY, False
        if a <= NEG // 2:
            return b, True
        if b >= POS // 2:
            s = nominal.get(key)
            if s is not None and s[0] in fixed:
                return max(a, fixed[s[0]] + s[1]), True
            return a, True
        s = nominal.get(key)
        if s is not None and s[0] in fixed:
            return min(max(fixed[s[0]] + s[1], a), b), False
        if key in early:
            return a, False
        # no later than an end placed at its least length lets it be, through a distance the
        # case states: a response before a relapse "6 months after" six cycles of unstated
        # length, placed in the middle of twelve years, pushed the end years on, and the
        # cycles were drawn as years of chemotherapy
        for e, reach in caps.items():
            d = reach.get(key)
            if d is not None and e not in fixed and e != key:
                cap = low(e) + d
                if a <= cap < b:
                    b = cap
        for e, w in within_early.get(key, ()):
            if e not in fixed:
                cap = low(e) + w
                if a <= cap < b:
                    b = cap
        if key in soon:
            # primary treatment, known only to follow what it follows, soon after it
            # (:func:`_primary_starts`)
            return min(a + (b - a) // (share(key) + 2), a + PRIMARY_SOON_DAYS), False
        return a + (b - a) // (share(key) + 2), False

    windows = {key: Bounds(lo[key], hi[key]) for key in lo}
    for e, (s_, d) in lengths.items():
        # (the start of a course of assumed length no later than that length before the
        # latest day of its end: placed later, it left the end no room but its latest day)
        re_, rs = rep.get(e, e), rep.get(s_, s_)
        if re_ in hi and rs in hi and hi[re_] < POS // 2 and hi[re_] - d < hi[rs]:
            _lower_latest(fwd, lo, hi, rs, hi[re_] - d)
    fixed: dict[str, int] = {}
    days: dict[str, Planned] = {}
    least = {k: priority(k) for k in lo}
    waiting = {k for k, p in least.items() if p[0]}  # floating points not yet queued again
    finite = {k for k in lo if lo[k] > NEG // 2}  # points whose earliest day is bounded
    heap = [(p, k) for k, p in least.items()]
    heapq.heapify(heap)
    relative = not any(closed(k) for k in lo if k not in outcome)
    anchor: str | None = None
    deferred: set[str] = set()
    refreshed: dict[str, int] = {}
    waited: dict[str, int] = {}  # (how often an end has let its start go first)
    while heap:
        _p, key = heapq.heappop(heap)
        if key in fixed:
            continue
        if key not in linked and not closed(key):
            continue  # nothing places it: left out of the schedule
        if key in deferred and _p[3] >= 0 and low(key) > _p[1] and refreshed.get(key, 0) < 3:
            # (a point waiting at its earliest day, which has risen since: queued again at
            # it, so that what it follows, now as early, comes first; a few times at most)
            refreshed[key] = refreshed.get(key, 0) + 1
            heapq.heappush(heap, ((_p[0], low(key), _p[2], _p[3]), key))
            continue
        if (
            hi[key] >= POS // 2
            and key not in deferred
            and any(v not in fixed for v in before.get(key, ()))
            and low(key) > NEG // 2
        ):
            # a point open on its late side is placed at its earliest day, which is what the
            # points it follows allow: placed before them, it took their earliest days, and
            # held them there ("about 18 years" after an operation, followed by a second one
            # known only by order, was drawn at 14.4 years). It waits for them, once.
            deferred.add(key)
            # (behind the points it follows that share its earliest day: taken by its place
            # in the file, a therapy begun "after" a progression dated "about 2 years" on was
            # placed first, at that earliest day, and pinned the progression to it, not to
            # the middle of its window)
            heapq.heappush(heap, ((least[key][0], low(key), hi[key], depth(key)), key))
            continue
        start = undated.get(key)
        if (
            start is not None
            and start not in fixed
            and start != key
            and closed(start)
            and waited.get(key, 0) < 3
        ):
            # an end placed at its least length after its start comes after that start: placed
            # first, at the least length after the start's earliest day, it pinned the start
            # there (nivolumab known only to follow a diagnosis and four unrecorded lines, its
            # ten cycles tied by distances to the later course, was drawn on the diagnosis
            # day, not in its window's middle)
            # (the start strictly first, and a few times at most: two courses of unstated
            # cycles, the second begun at the first's end, took the first's end and its start
            # in turn as equals, forever, the queue doubling, until memory ran out)
            waited[key] = waited.get(key, 0) + 1
            heapq.heappush(heap, (_p, key))
            heapq.heappush(heap, ((_p[0], _p[1], _p[2], min(_p[3], 0) - 1), start))
            continue
        day, open_ = choose(key)
        if low(key) <= NEG // 2 and hi[key] >= POS // 2 and anchor is None:
            anchor = key
        day = min(max(day, low(key)), hi[key]) if closed(key) else day
        fixed[key] = day
        lo[key] = hi[key] = day
        days[key] = Planned(day, windows[key] if not relative else Bounds(day, day), open_)
        propagate(key)
        for v, d in about.get(key, ()):
            if v not in fixed and day + d < hi[v] < POS // 2:
                # (the dates before it held before that day, each where the points fixed so
                # far leave it a day)
                _lower_latest(fwd, lo, hi, v, day + d, low, bounded=True)
    _diagnosis_first(chrono, days, rep, fwd)
    if relative and anchor is None and days:
        # No point is free on both sides: every one is bounded on one side by the calendar
        # ("before 2023-07", a publication date) and placed against that bound, not on a day
        # the case gives. The schedule still counts months from its first point, which is
        # moved to the reference day with every other day (the distances kept).
        anchor = _first_origin(chrono, days, rep, rank)
        shift = REFERENCE_DAY - days[anchor].day
        days = {k: Planned(p.day + shift, p.window, p.open) for k, p in days.items()}
    if relative:
        if anchor is not None and rep.get(anchor, anchor) == rep.get("diagnosis", "diagnosis"):
            anchor = "diagnosis"  # on its day: "months from the diagnosis", not the imaging's
        # the windows of a relative schedule are its propagated ranges around the anchor
        anchor = _own_dated(chrono, _event_point(chrono, anchor, rep), rep)
        root = _hung_on(chrono, anchor)
        if root is not None and root != anchor and rep.get(root, root) in days:
            # (the months count from the point the anchor's own date is a stated distance
            # from; the distances between the days are kept)
            shift = REFERENCE_DAY - days[rep.get(root, root)].day
            days = {k: Planned(p.day + shift, p.window, p.open) for k, p in days.items()}
            anchor = root
        if (
            coarse is not None
            and anchor is not None
            and rep.get(anchor, anchor) == rep.get(coarse[0], coarse[0])
        ):
            anchor = coarse[0]  # "days from the start of 'tisagenlecleucel'", dated 2020
        name = anchor_name(chrono, anchor)
        days = {
            k: Planned(p.day, _relative_window(chrono, anchor, k, p.day), p.open, name)
            for k, p in days.items()
        }
        if _told_in_days(days.values()):
            days = {k: evolve(p, in_days=True) for k, p in days.items()}
    if not relative:
        _stated_units(chrono, days)
    for key, r in rep.items():
        if r in days and key != r:
            days[key] = days[r]
    return Schedule(chrono, days, relative, anchor, coarse, frozenset(lengths))


def _stated_units(chrono: Chronology, days: dict[str, Planned]) -> None:
    """Mark each point the file dates by a year or a month that the case narrows to a part of
    it (a diagnosis "2015" before a mastectomy in July after six cycles: 2015-01-01 –
    2015-06-26), so that it is said as the source gives it, with that window, not as a
    plausible day the source does not give ("≈ 2015-01-22")."""
    for key, spec in date_specs(chrono.case):
        on = getattr(spec, "on", None)
        if not isinstance(on, CalendarDate) or on.day is not None:
            continue
        if getattr(spec, "approx", False) or getattr(spec, "kind", None) not in ("on", "between"):
            continue
        k = chrono.canonical(key)
        p = days.get(k)
        if p is None or p.stated is not None or p.window.lo == p.window.hi:
            continue
        first, last = (d.toordinal() for d in on.bounds())
        if (
            first <= p.window.lo
            and p.window.hi <= last
            and (first, last)
            != (
                p.window.lo,
                p.window.hi,
            )
        ):
            days[k] = evolve(p, stated=str(on))


#: a case whose every calendar window is wider than this many days is "coarsely dated"
#: (:func:`_coarse_calendar`): six months, the width C008 warns of
COARSE_DAYS = WIDE_WINDOW_DAYS
#: ... and is told relative to its coarse date when every point the calendar bounds lies
#: within a window this many times narrower from that date
_COARSE_RATIO = 4


def _coarse_calendar(
    chrono: Chronology, lo: dict[str, int], hi: dict[str, int], rep: dict[str, str]
) -> tuple[str, Bounds] | None:
    """The point a coarsely dated case hangs on, and its calendar window; None for any other.

    A case is coarsely dated when the narrowest calendar window of its points is wider than
    :data:`COARSE_DAYS` (the source gives a year, not a month or a day) and every point the
    calendar bounds on both sides lies within a window at least :data:`_COARSE_RATIO` times
    narrower than that from one of those points (the source tells its course in days or
    weeks from it: "day +11", "day +47"; at least one point besides it). The point is the
    first, in the case's order, of those with the narrowest calendar window from which that
    holds. A case with two coarse
    dates far apart ("in 2015 … in 2018 …") is not coarsely dated: its years are its story.
    """
    closed = [k for k in lo if lo[k] > NEG // 2 and hi[k] < POS // 2]
    if len(closed) < 2:
        # (one date alone, "diagnosed in 2018", the rest known only by order: no course is
        # told in distances from it, and the calendar says the year as well as anything)
        return None
    narrowest = min(hi[k] - lo[k] for k in closed)
    if narrowest <= COARSE_DAYS:
        return None
    limit = narrowest // _COARSE_RATIO
    for key in closed:
        if hi[key] - lo[key] != narrowest:
            continue
        for other in closed:
            found = chrono.difference(key, other) if other != key else (0, 0)
            if found is None or found[1] - found[0] > limit:
                break
        else:
            # of the points on its day, the one whose own date is the calendar's ("start:
            # 2020"), not the end of the line that ends on it
            group = sorted(k for k, r in rep.items() if r == key)
            own = next((k for k in group if _calendar_dated(chrono, k)), key)
            return own, Bounds(lo[key], hi[key])
    return None


def _calendar_dated(chrono: Chronology, key: str) -> bool:
    """Whether the point's own date is a calendar date ("start: 2020"), an event's or an
    agent's within its regimen."""
    for event in chrono.case.events:
        items: list[Event | Exposure] = [event]
        if isinstance(event, Regimen):
            items.extend(event.exposures)
        for item in items:
            for part in ("start", "end"):
                if point_key(item, part) != key:
                    continue
                if isinstance(item, Exposure):
                    spec = item.start_date if part == "start" else item.end_date
                else:
                    spec = item.start if part == "start" else item.end
                if spec is not None and spec.kind == "on" and isinstance(spec.on, CalendarDate):
                    return True
    return False


def _diagnosis_first(
    chrono: Chronology,
    days: dict[str, Planned],
    rep: dict[str, str],
    fwd: dict[str, list[tuple[str, int]]],
) -> None:
    """A diagnosis known only to precede an event (open on its early side) is placed at its
    closed side, unless a therapy comes first on the schedule: then on the first therapy's day,
    as far as the points dated from the diagnosis allow. Conditioning radiotherapy begun up to
    two weeks before a transplant the diagnosis was "before" was drawn before the diagnosis."""
    key = rep.get("diagnosis", "diagnosis")
    found = days.get(key)
    if found is None or not found.open:
        return  # (placed within a closed window; one open late is at its earliest day already)
    operations = [
        e
        for e in chrono.case.events
        if (isinstance(e, Surgery) and e.oncologic) or isinstance(e, Transplant)
    ]
    starts = (
        rep.get(k, k)
        for e in (*therapies(chrono.case), *operations)
        if (k := point_key(e, "start"))
    )
    firsts = [p.day for k in starts if (p := days.get(k)) is not None]
    if not firsts or min(firsts) >= found.day:
        return
    # (v - diagnosis <= w: a point dated at most w days after the diagnosis keeps it)
    floor = max((days[v].day - w for v, w in fwd.get(key, ()) if v and v in days), default=NEG)
    day = max(min(firsts), floor)
    if day < found.day:
        days[key] = evolve(found, day=day)


def _same_day_groups(fwd: dict[str, list[tuple[str, int]]]) -> dict[str, str]:
    """Point -> the representative of the points it must share its day with."""
    zero = {(u, v) for u, edges in fwd.items() for v, w in edges if w == 0 and u and v}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x] = parent.get(parent[x], parent[x])
        return x

    for u, v in sorted(zero):
        if (v, u) in zero:
            a, b = find(u), find(v)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {k: find(k) for k in parent}


def _event_point(chrono: Chronology, anchor: str | None, rep: dict[str, str]) -> str | None:
    """The point to count a relative schedule from: the anchor, or when it is no event's (the
    date of the patient's age) an event's point that falls on the same day ("age 78 at the
    recurrence" counts from the recurrence); the windows around either are the same. The
    diagnosis is kept: "months from the diagnosis", not from an imaging on its day."""
    if anchor in (None, "diagnosis") or chrono.case.event(anchor.partition(".")[0]) is not None:
        return anchor
    group = rep.get(anchor, anchor)
    for key in sorted(rep):
        if rep[key] == group and chrono.case.event(key.partition(".")[0]) is not None:
            return key
    return anchor


def _own_dated(chrono: Chronology, anchor: str | None, rep: dict[str, str]) -> str | None:
    """Of the points on the anchor's day, one whose own date is not another event's: a
    relative case counts "from the myocarditis", not from the complete heart block dated
    ``start: myocarditis`` on its day."""
    if anchor is None or anchor == "diagnosis" or not _dated_as_another(chrono, anchor):
        return anchor
    group = rep.get(anchor, anchor)
    for key in sorted({group, *(k for k, g in rep.items() if g == group)}):
        if chrono.case.event(key.partition(".")[0]) is not None and not _dated_as_another(
            chrono, key
        ):
            return key
    return anchor


def _hung_on(chrono: Chronology, anchor: str | None) -> str | None:
    """The point the anchor's own date hangs on by a stated distance, followed to the point
    that hangs on none: an ultrasound "18 years before the recurrence" that happens to come
    first is no point to count a case's months from, when every date of its treatment is
    stated from the recurrence (each would carry the year of slack of the "18 years"). Only
    a distance counts (``from: X, offset: …``, or ``after:`` and ``before:`` the same event
    with offsets): a date known only to follow another is not stated from it."""
    if anchor is None or anchor == "diagnosis":
        return anchor
    seen = {anchor}
    key = anchor
    while True:
        found = _stated_from(chrono, key)
        if found is None or found in seen:
            return key
        seen.add(found)
        key = found


def stated_root(chrono: Chronology, key: str) -> str | None:
    """The point (canonical key) the date of ``key`` hangs on by stated distances, followed to
    the point that hangs on none (:func:`_hung_on`); ``key`` itself when its date states no
    distance. A date written as another event's (a resistance dated ``rel``, the relapse it
    rests on) is followed to that event's point first."""
    key = chrono.canonical(key)
    seen = {key}
    while True:
        event_id, _, part = key.partition(".")
        event = chrono.case.event(event_id)
        spec = None if event is None else (event.end if part == "end" else event.start)
        if spec is None or spec.kind != "on" or not isinstance(spec.on, Anchor):
            break
        other = chrono.case.event(spec.on.event)
        if other is None:
            break
        found = chrono.canonical(point_key(other, spec.on.part or "start"))
        if found in seen:
            break
        seen.add(found)
        key = found
    return _hung_on(chrono, key)


def _stated_from(chrono: Chronology, key: str) -> str | None:
    """The point (canonical key) the point's own date is stated a distance from (``from: X,
    offset: …``, or ``after:`` and ``before:`` the same event with offsets); None when its
    date states none."""
    event_id, _, part = key.partition(".")
    event = chrono.case.event(event_id)
    spec = None if event is None else (event.end if part == "end" else event.start)
    target: tuple[Anchor, str] | None = None
    if spec is not None and spec.kind == "offset" and isinstance(spec.origin, Anchor):
        target = spec.origin, "start"
    elif (
        spec is not None
        and spec.kind == "between"
        and isinstance(spec.after, Anchor)
        and spec.after == spec.before
        and spec.after_offset is not None
        and spec.before_offset is not None
    ):
        target = spec.after, "end"
    if target is None:
        return None
    if target[0].event == "diagnosis":
        # (the diagnosis is no event of the list, but a date stated from it hangs on it: a
        # hypoglycaemia "6 years" before it, first in time, was the point a case's months
        # counted from, the diagnosis "month 72")
        return chrono.canonical("diagnosis")
    other = chrono.case.event(target[0].event)
    if other is None:
        return None
    return chrono.canonical(point_key(other, target[0].part or target[1]))


def distances_stated_from(chrono: Chronology) -> frozenset[str]:
    """The points (canonical keys) some date of the case is stated a distance from: ``from: X,
    offset: …``, or ``after:``/``before:`` X with an offset or a ``within`` ("6 months after
    nivolumab was stopped"). A date given by order alone after X counts nothing from it."""
    case = chrono.case
    found: set[str] = set()

    def add(anchor: Anchor | None, default: str) -> None:
        other = None if anchor is None else case.event(anchor.event)
        if anchor is not None and other is not None:
            found.add(chrono.canonical(point_key(other, anchor.part or default)))

    specs = [
        spec
        for event in case.events
        for spec in ((event.start, event.end) if event.is_span else (event.start,))
    ]
    specs += [s for r in case.regimens() for x in r.exposures for s in (x.start_date, x.end_date)]
    for spec in specs:
        if spec is None:
            continue
        if spec.kind == "offset" and isinstance(spec.origin, Anchor):
            add(spec.origin, "start")
        elif spec.kind == "between":
            if isinstance(spec.after, Anchor) and (spec.after_offset or spec.within):
                add(spec.after, "end")
            if isinstance(spec.before, Anchor) and (
                spec.before_offset or (spec.within and spec.after is None)
            ):
                add(spec.before, "start")
    return frozenset(found)


def _first_origin(
    chrono: Chronology, days: dict[str, Planned], rep: dict[str, str], rank: dict[str, int]
) -> str:
    """The point to count a relative schedule from when every point is bounded by the calendar
    on one side: the one point other dates are stated a distance from, followed back to one
    stated from none, when the last date of the case is one of them ("about 2 years" from the
    start of sorafenib + imatinib to the last follow-up, after three lines known only by order
    and a diagnosis known only to precede them); else, of the points on its earliest day, one
    that a distance is stated from, before the others, else the first in the file's order."""
    origins = set()
    roots: dict[str, str] = {}  # point -> the point its own date hangs on, followed back
    for event in chrono.case.events:
        for part in ("start", "end") if event.is_span else ("start",):
            key = chrono.canonical(point_key(event, part))
            if _stated_from(chrono, key) is not None:
                root = _hung_on(chrono, key) or key
                roots[rep.get(key, key)] = rep.get(root, root)
                origins.add(rep.get(root, root))
    origins &= days.keys()
    last = max(days, key=lambda k: (days[k].day, -rank.get(k, len(rank))))
    if len(origins) == 1 and roots.get(last) in origins:
        return next(iter(origins))
    first = min(p.day for p in days.values())
    return min(
        (k for k, p in days.items() if p.day == first),
        key=lambda k: (k not in origins, rank.get(k, len(rank))),
    )


def _dated_as_another(chrono: Chronology, key: str) -> bool:
    """Whether the point's own date is another event's ("start: myocarditis")."""
    event_id, _, part = key.partition(".")
    event = chrono.case.event(event_id)
    if event is None:
        return False
    spec = event.end if part == "end" else event.start
    return spec is not None and spec.kind == "on" and not isinstance(spec.on, CalendarDate)


def _relative_window(chrono: Chronology, anchor: str | None, key: str, day: int) -> Bounds:
    """The window of a point of a relative schedule: its distance range from the anchor."""
    if anchor is None:
        return Bounds(day, day)
    found = chrono.difference(anchor, key)
    if found is not None:
        return Bounds(REFERENCE_DAY + found[0], REFERENCE_DAY + found[1])
    # open on a side: the other may still be bounded ("before the anchor", "after it")
    fewest, most_back = chrono.least(anchor, key), chrono.least(key, anchor)
    return Bounds(
        NEG if fewest is None else REFERENCE_DAY + fewest,
        POS if most_back is None else REFERENCE_DAY - most_back,
    )


_QUOTED = re.compile(r"'([^']*)'")


def anchor_name(chrono: Chronology, key: str | None) -> str:
    """The event a relative schedule counts from, in words."""
    if key is None:
        return "the first dated event"
    event_id, _, part = key.partition(".")
    event = chrono.case.event(event_id)
    if event is None:
        for regimen in chrono.case.regimens():
            for exposure in regimen.exposures:
                if exposure.key == event_id and not exposure.agent.unspecified:
                    # (an agent's own start: "the start of tisagenlecleucel", not "… (tisacel)
                    # in cart", the ids the labels of messages carry)
                    return f"the {'end' if part == 'end' else 'start'} of {exposure.agent.name}"
        # (the quotes around a name dropped: "the date of the patient's age" keeps its own)
        return _QUOTED.sub(r"\1", chrono.labels.get(key, "the first dated event"))
    if isinstance(event, Regimen):
        what = event.name or " + ".join(event.agent_names())
    elif isinstance(event, DiseaseEvent):  # "the progression (lung)", not "disease"
        sites = event.sites or event.new_sites
        what = f"the {_nth(chrono, event)}{event.type}" + (
            f" ({', '.join(sites)})" if sites else ""
        )
    elif isinstance(event, Response) and event.category in _HELD:
        nth, again = _nth_held(chrono, event)
        what = f"the {nth}{_RESPONSE_WORDS[event.category]}" + (
            f" (maintained, assessment {again})" if again else ""
        )
    elif isinstance(event, Response):
        what = f"the {_nth(chrono, event)}{_RESPONSE_WORDS.get(event.category, 'response')}"
    elif isinstance(event, Transplant):
        # (which of two: "months from the transplant" of a T-ALL with a second one, its
        # relapses read as after the second)
        what = f"the {_nth(chrono, event)}transplant"
    elif isinstance(event, (Toxicity, Complication)):
        what = event.term
    elif isinstance(event, BiomarkerTest):
        what = f"the {event.biomarker.name} test"
    elif isinstance(event, Declined):  # "the declined adjuvant chemoradiotherapy"
        what = f"the declined {event.treatment}"
    elif isinstance(event, SecondPrimary):  # "the diffuse large B-cell lymphoma"
        what = f"the {event.cancer}"
    elif isinstance(event, Imaging):  # "the CT (brain)"
        # (not where the method names its own sites: "the colonoscopy (small and large
        # intestine) (small intestine, large intestine)")
        what = f"the {event.method or 'imaging'}" + (
            f" ({', '.join(event.sites)})"
            if event.sites and "(" not in (event.method or "")
            else ""
        )
    elif isinstance(event, Radiotherapy):
        what = f"the {event.technique or 'radiotherapy'}"  # "the SBRT (liver)"
        others = [e for e in chrono.case.events if isinstance(e, Radiotherapy)]
        site = (event.site or "").split(" (")[0].strip()
        if site and len(others) > 1:  # "the radiotherapy (liver)": which of them
            what += f" ({site})"
        # (two of one technique at one site by their order: two Gamma Knife sessions to the
        # posterior fossa were each "the Gamma Knife radiosurgery (posterior fossa)")
        same = [
            e
            for e in others
            if e.technique == event.technique and (e.site or "").split(" (")[0].strip() == site
        ]
        if len(same) > 1:
            same.sort(key=lambda e: (chrono.start(e).lo, e.index))
            n = next(k for k, e in enumerate(same) if e is event)
            nth = _ORDINALS[n] if n < len(_ORDINALS) else f"{n + 1}th"
            what = f"the {nth} {what.removeprefix('the ')}"
    else:
        what = getattr(event, "procedure", None) or f"the {event.kind}"
    if part == "end" and not event.is_span:
        # (a toxicity the case gives an end: "months from neurological complications" counted
        # from the day they resolved)
        return f"the end of {what}"
    return f"the {'end' if part == 'end' else 'start'} of {what}" if event.is_span else what


#: a response the axis counts from, in words ("months from the CR response" said it twice)
_RESPONSE_WORDS = {
    "CR": "complete response",
    "PR": "partial response",
    "SD": "assessment of stable disease",
    "PD": "assessment of progression",
    "NR": "assessment of no response",
}
#: the most events on one plausible day put in the order of the relations between them
_ORDERED_TIES = 40
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


#: the responses a later assessment of the same category maintains, not a new one (stable
#: disease is named by its assessments already: "the second assessment of stable disease")
_HELD = ("CR", "PR")


def _nth_held(chrono: Chronology, event: Response) -> tuple[str, int]:
    """ "second " and, when ``event`` (a CR or PR) maintains the one before, which assessment
    of it it is (2 for the first that maintains it; 0: a response of its own): the responses
    of its category counted as the episodes they are, an assessment of the same category with
    no other change of the disease between it and the one before continuing that one. "The CR
    was maintained during consolidation" was "the fourth complete response" of a case with
    three."""
    moving = [
        e
        for e in chrono.case.events
        if isinstance(e, DiseaseEvent) or (isinstance(e, Response) and e.category in (*_HELD, "PD"))
    ]
    moving.sort(key=lambda e: (chrono.start(e).lo, e.index))
    n, mine, again, k, before = 0, 0, 0, 0, None
    for e in moving:
        if isinstance(e, Response) and e.category == event.category:
            continues = isinstance(before, Response) and before.category == event.category
            n, k = (n, k + 1) if continues else (n + 1, 1)
            if e is event:
                mine, again = n, (k if continues else 0)
        before = e
    if n < 2:
        return "", again
    return (f"{_ORDINALS[mine - 1]} " if mine <= len(_ORDINALS) else f"{mine}th "), again


def _nth(chrono: Chronology, event: Event) -> str:
    """ "second " when the case has more than one event of this kind (a recurrence; a response
    of this category), by the order of their earliest days (then the file's): with two complete
    responses, "months from the complete response" did not say which; "" otherwise."""
    same: list[Event]
    if isinstance(event, Response):
        # (a response in the authors' words, named "the response", among every response: "the
        # second response" of the fourth assessment, a partial response and a stable disease
        # between, read as the case's second)
        same = [
            e
            for e in chrono.case.events
            if isinstance(e, Response)
            and (e.category == event.category or event.category == "unknown")
        ]
    elif isinstance(event, DiseaseEvent):
        same = [
            e for e in chrono.case.events if isinstance(e, DiseaseEvent) and e.type == event.type
        ]
    elif isinstance(event, Transplant):
        same = [e for e in chrono.case.events if isinstance(e, Transplant)]
    else:
        return ""
    if len(same) < 2:
        return ""
    order = sorted(range(len(same)), key=lambda i: (chrono.start(same[i]).lo, i))
    n = next(k for k, i in enumerate(order) if same[i] is event)
    return f"{_ORDINALS[n]} " if n < len(_ORDINALS) else f"{n + 1}th "


#: a case without calendar dates whose every bound lies within this many days of the others
#: (about four months: a CAR T course to a remission "at 4 months") is said in days and drawn
#: on an axis of days: a myocarditis a week after the second infusion was "month 0.2" on an
#: axis of months 0, 1, 2 that the case never reached
DAYS_SCALE = 125


def _told_in_days(planned: Iterable[Planned]) -> bool:
    """Whether every day the case bounds a date by (each side of a window it gives; the open
    side of one known only by order gives none) lies within :data:`DAYS_SCALE` days, a date
    known on both sides among them: a case told in days. One date "14 months" on, even known
    on one side only, makes it a case told in months ("from day 426" read worse)."""
    sides = [
        side for p in planned for side in (p.window.lo, p.window.hi) if NEG // 2 < side < POS // 2
    ]
    closed = any(NEG // 2 < p.window.lo <= p.window.hi < POS // 2 for p in planned)
    return closed and 0 < max(sides) - min(sides) <= DAYS_SCALE


def day_text(days: int) -> str:
    """Days from the anchor: "day 8", "day -3" (the day the case counts from is day 0)."""
    return f"day {days}"


def months_text(days: float) -> str:
    """Days as months to one decimal, without a trailing ".0" and never "-0" (a day or two
    before the anchor is month 0, as the axis ticks it)."""
    text = f"{days / DAYS_PER_MONTH:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def bound_text(days: int) -> str:
    """The one side of a window open on the other, in months: a whole month when within a few
    days of one, as a stated "14 months" is said ("month 14"; its earliest day, 13.9, read
    as the start of a therapy "after" it coming before it)."""
    months = days / DAYS_PER_MONTH
    whole = round(months)
    return str(whole) if abs(months - whole) <= MONTH_SLACK else months_text(days)


#: a date of a case without calendar dates known only to come after the day the case counts
#: from: its order alone ("from month 0" read as "at month 0", the diagnosis)
NOT_GIVEN = "date not given"


def from_month(lo: int) -> str:
    """A window open on its late side in a case without calendar dates: "from month 14.9", or
    :data:`NOT_GIVEN` when its earliest day is the day the case counts from (its order alone:
    every event of a case told only in order read "from month 0")."""
    return NOT_GIVEN if lo == REFERENCE_DAY else f"from month {bound_text(lo - REFERENCE_DAY)}"


def whole_month(lo: int, hi: int) -> int | None:
    """The whole month a closed window of days from the anchor lies within a few days of on
    both sides ("6 months after": 181 to 184 days, 5.95 to 6.05 months), else None."""
    first, last = (lo - REFERENCE_DAY) / DAYS_PER_MONTH, (hi - REFERENCE_DAY) / DAYS_PER_MONTH
    whole = round((first + last) / 2)
    if abs(first - whole) <= MONTH_SLACK and abs(last - whole) <= MONTH_SLACK:
        return whole
    return None


def length_unstated(chrono: Chronology, end: Planned | None, item: Event | Exposure) -> bool:
    """Whether a therapy whose end is reported has an end known only as coming some time after
    its start: the end's window is open on its late side, and the case does not state how long
    the therapy lasted (an end "4 cycles of 3 weeks" after a start known only by order is that
    long after it: a length known within a month, or within a quarter of itself, is stated).
    Its plausible day is then the earliest the relations allow, which says nothing of its
    length: the drawing fades it out, and ``show`` gives its window alone."""
    if end is None or end.window.hi < POS // 2:
        return False
    return length_open(chrono, item)


def end_by_order(
    chrono: Chronology, plan: Schedule, item: Event | Exposure, regimen: Event | None = None
) -> bool:
    """Whether a therapy's end is given only by its order (``{before: recurrence}``,
    ``{after: cmf.start, before: letrozole.start}``: :attr:`DateSpec.by_order_only`), at no
    stated distance from its start, within a window more than six months wider than its
    start's. Its plausible day, the window's middle, is no more the source's than any other
    day of it: the drawing draws it as an end not dated (adjuvant CMF ended at no stated time
    before a recurrence eleven years on was drawn for five and a half years), and ``show``
    gives the length's range without a length "as drawn". ``regimen``: an exposure's, whose
    end it shares when it has none of its own."""
    spec = getattr(item, "end_date", None)
    if spec is None and regimen is not None:
        spec = getattr(regimen, "end_date", None)
    if spec is None or not spec.by_order_only:
        return False
    end, start = plan.end(item), plan.start(item)
    if end is None or start is None:
        return False
    # (not where the start is known only within a window as wide: each edge fades over its
    # own window, and the bar between says when it may have been given)
    wider = (end.window.hi - end.window.lo) - (start.window.hi - start.window.lo)
    return wider > WIDE_WINDOW_DAYS and length_open(chrono, item)


def length_open(chrono: Chronology, item: Event | Exposure) -> bool:
    """Whether the case leaves the length of a therapy open: its end's distance from its start
    is unbounded, or known only within more than a month and more than a quarter of itself."""
    length = chrono.difference(point_key(item, "start"), point_key(item, "end"))
    return length is None or length[1] - length[0] > max(31, length[1] // 4)


def _one_side_days(days: int) -> str:
    """One side of a window open on the other, in days: a whole month of two or more within a
    few days of one as such ("from month 3": a blinatumomab given "3 months after" a transplant
    was "from day 89")."""
    months = days / DAYS_PER_MONTH
    whole = round(months)
    if abs(whole) >= 2 and abs(months - whole) <= MONTH_SLACK:
        return f"month {whole}"
    return day_text(days)


def days_window(lo: int, hi: int) -> str:
    """A window of days from the anchor in words, as :func:`window_text` says one in months: a
    stated whole month as such ("month 4": the source said "4 months later")."""
    if lo <= NEG // 2 and hi >= POS // 2:
        return "window open"
    if lo <= NEG // 2:
        return f"by {_one_side_days(hi - REFERENCE_DAY)}"
    if hi >= POS // 2:
        return NOT_GIVEN if lo == REFERENCE_DAY else f"from {_one_side_days(lo - REFERENCE_DAY)}"
    if lo == hi:
        return day_text(lo - REFERENCE_DAY)
    if (whole := whole_month(lo, hi)) is not None:
        return f"month {whole}"
    return f"{day_text(lo - REFERENCE_DAY)} to {hi - REFERENCE_DAY}"


def window_text(bounds: Bounds, planned: Planned | None) -> str:
    """Only the window of a date, as :func:`when_text` words it, without the plausible day:
    for a date the case does not report (an end written ``unknown``), whose day would be a
    guess."""
    if planned is not None and planned.relative_to is not None:
        lo, hi = planned.window.lo, planned.window.hi
        if planned.in_days:
            return days_window(lo, hi)
        if lo <= NEG // 2 and hi >= POS // 2:
            return "window open"
        if lo <= NEG // 2:
            return f"by month {bound_text(hi - REFERENCE_DAY)}"
        if hi >= POS // 2:
            return from_month(lo)
        # (each side as a one-sided bound is said: a whole month within a few days of one,
        # so that "(0 to 14.1)" does not end after a progression said at "month 14")
        first, last = bound_text(lo - REFERENCE_DAY), bound_text(hi - REFERENCE_DAY)
        if lo == hi or first == last:
            return f"month {first}"
        if (whole := whole_month(lo, hi)) is not None:
            return f"month {whole}"  # (a stated "6 months later": 181 to 184 days)
        return f"month {first} to {last}"
    return bounds.text()


def when_text(bounds: Bounds, planned: Planned | None) -> str:
    """A date as the summary prints it: the source's own precision when the window is a day, a
    month or a year; the plausible day with the window it was chosen from when the window is
    closed on both sides; only the one side a window open on the other has ("by 2010-03",
    "from month 14.9"). In a case without calendar dates, months from the event its dates
    count from.

    A window open on one side gives the schedule nothing to place the date by but order: its
    plausible day is the schedule's own choice (earlier lines of a history told only in order
    all fall on the day their window closes), and "≈ month -2.8 (by month 0)" said of each of
    them would read as a date the source gives.

    A window whose earliest day comes after its latest (the dates contradict each other,
    C003) gives no date at all: "≈ month 10112 (10112 to -9800)" was printed for a file with
    that error."""
    if planned is not None and planned.window.lo > planned.window.hi:
        return "contradictory dates"
    if bounds.lo > bounds.hi:
        return "contradictory dates"
    if planned is not None and planned.relative_to is not None:
        lo, hi = planned.window.lo, planned.window.hi
        if planned.in_days:
            if lo > NEG // 2 and hi < POS // 2 and lo < hi and whole_month(lo, hi) is None:
                return f"≈ {day_text(planned.day - REFERENCE_DAY)} ({lo - REFERENCE_DAY} to {hi - REFERENCE_DAY})"
            return days_window(lo, hi)
        at = f"month {months_text(planned.day - REFERENCE_DAY)}"
        if lo == hi:
            return at
        if lo <= NEG // 2 and hi >= POS // 2:
            # (its day is the schedule's choice alone: "≈ month 1.9 (window open)" read as a
            # date the source gives, for a toxicity "during the treatment period")
            return "window open"
        if lo <= NEG // 2:  # known only to be no later than a day: said as the source says it
            return f"by month {bound_text(hi - REFERENCE_DAY)}"
        if hi >= POS // 2:
            return from_month(lo)
        first, last = bound_text(lo - REFERENCE_DAY), bound_text(hi - REFERENCE_DAY)
        if (whole := whole_month(lo, hi)) is not None:
            # "6 months later" is 181 to 184 days: month 6, as the source says it (it read
            # "≈ month 6 (5.9 to 6)", less certain than the source)
            return f"month {whole}"
        if first == last:  # a window of a day or two ("24 months", 730 or 731 days)
            return f"≈ {at}"
        # (the plausible day within its window as said: "≈ month 35.1 (34.7 to 35)", the
        # window's side said as a whole month and the day, on it, to the tenth)
        said = float(at.removeprefix("month "))
        if said > float(last):
            at = f"month {last}"
        elif said < float(first):
            at = f"month {first}"
        return f"≈ {at} ({first} to {last})"
    text = bounds.text()
    exact = bounds.lo == bounds.hi or (" – " not in text and not text.startswith(("by", "from")))
    if exact or planned is None or text == "unknown" or text.startswith(("by", "from")):
        return text
    if planned.stated is not None:
        # a year or a month the source gives, narrowed by the case: said so, with the window
        return f"{planned.stated} ({text})"
    # (the same words as planned.date, without importing pendulum for a line of text)
    return f"≈ {datetime.date.fromordinal(_on_calendar(planned.day))} ({text})"


def at_text(when: str) -> str:
    """A date in words after "at" or "until": "a date by 2010-03" for a bound (never "ongoing
    at by 2010-03")."""
    if when == NOT_GIVEN:
        return "a date not given"
    return f"a date {when}" if when.startswith(("from ", "by ")) else when


def stated_distance(
    plan: Schedule, ch: Chronology, e: Event, named: Callable[[str], str] | None = None
) -> str:
    """ " (5 weeks after the start of 'nivolumab')": the distance a date is stated from another
    event, where its window is wider than a month, which the window alone hides (a Karnofsky
    score "5 weeks" into nivolumab, itself known only within three years, was said "≈ month
    18.6 (1 to 36)" and nothing more); else "". ``named``: the words for the point it is
    stated from (by its key), as a deck names it ("the start of bicalutamide": a deck's step
    "Between month 15 and month 37.2 — partial response" hid the "8 months" of the source)."""
    spec = getattr(e, "date", None) or getattr(e, "start", None)
    if not isinstance(spec, DateSpec):
        return ""
    if (
        spec.kind == "offset"
        and isinstance(spec.origin, Anchor)
        and spec.offset is not None
        and spec.offset.amount != 0
    ):
        origin = spec.origin
        how = f"{_length_words(spec.offset)} {'before' if spec.offset.amount < 0 else 'after'}"
    elif (
        spec.kind == "between"
        and isinstance(spec.after, Anchor)
        and spec.within is not None
        and spec.before is None
        and spec.after_offset is None
    ):
        # ("within 4 months" of the start of nivolumab: "≈ month 19.4 (0 to 36)" alone)
        origin, how = spec.after, f"within {_length_words(spec.within)} after"
    elif spec.kind == "between" and isinstance(spec.after, Anchor) and spec.unstated_cycles:
        # ("a partial response after three cycles" of atezolizumab + CE, their length not
        # given: "≈ month 36.4 (35.2 to 39.7)" alone)
        n = spec.unstated_cycles
        origin, how = spec.after, f"{n} cycle{'s' if n != 1 else ''} after"
    elif (
        spec.kind == "between"
        and isinstance(spec.after, Anchor)
        and spec.after_offset is not None
        and spec.after_offset.amount > 0
        and spec.within is None
        and spec.before is None
    ):
        # ("more than 3 years after transplantation": "from month 36" alone, counted from the
        # diagnosis, lost the source's one distance)
        origin, how = spec.after, f"at least {_length_words(spec.after_offset)} after"
    else:
        return ""
    at = plan.start(e)
    if at is None or at.window.hi - at.window.lo <= 31:
        return ""
    key = f"{origin.event}.{origin.part}" if origin.part else origin.event
    if named is not None:
        found = ch.case.event(origin.event)
        if (
            origin.part in (None, "start")
            and isinstance(found, Regimen)
            # (only while the regimen may still be given: one whose end the case reports
            # before the date is not "into" it; a response "5 months" from the start of
            # carboplatin + paclitaxel, switched to dabrafenib + trametinib before then, was
            # said "5 months into carboplatin + paclitaxel")
            and (
                found.ongoing
                or (
                    found.end_reported
                    and (least := ch.least(point_key(e, "start"), point_key(found, "end")))
                    is not None
                    and least >= 0
                )
            )
        ):
            # (a deck's words, short: "8 months into bicalutamide")
            what = found.name or " + ".join(found.agent_names())
            if spec.kind == "offset" and how.endswith(" after"):
                return f" ({how.removesuffix(' after')} into {what})"
            if spec.kind == "between" and spec.within is not None:
                return f" (in the first {_length_words(spec.within)} of {what})"
        return f" ({how} {named(key)})"
    name = ch.labels.get(key) or ch.labels.get(origin.event) or f"'{origin.event}'"
    return f" ({how} {name})"


def _length_words(length: Duration) -> str:
    """ "5 weeks", "1 day", "about 2 years": a stated length in words, without its sign."""
    amount = abs(length.amount)
    unit = length.unit.removesuffix("s") if amount == 1 else length.unit
    return f"{'about ' if length.approx else ''}{amount:g} {unit}"
