"""Building the date constraints of a case: its time points, their first bounds and the
relations between them.

Each event contributes time points (a point event one, a span a start and an end; each
exposure of a regimen its own start and end; each dose change one). A date written in the
file gives a point its first bounds: its precision, or the bounds of the events it refers to,
shifted by an offset with pendulum's calendar arithmetic. The points are read in dependency
order (the order of :mod:`graphlib`), so a date may refer to any other wherever it stands in
the file; a circle of references is an error (C004).

Every ordering fact becomes a :class:`Constraint`, a difference ``lo <= b - a <= hi`` in
days remembering where the file states it: a span starts before it ends, its cycles take
time, ``after``/``before``/``from`` hold, an exposure lies within its regimen, nothing follows
death or the last follow-up. A reference to no event is S007; ``after:`` a span whose end
is not given is a warning (C007). Solving the constraints is :mod:`timeline.solver`'s job;
once solved, :meth:`ConstraintBuilder.wide_windows` warns of dates left too uncertain (C008).
"""

from __future__ import annotations

import datetime
import itertools
import math
from typing import Protocol

from attrs import define

from timeline.dates import DAYS_PER_MONTH, Anchor, CalendarDate, DateSpec, Duration, Point
from timeline.model import Case, Death, Event, Exposure, FollowUp, Regimen, Resistance, Toxicity
from timeline.points import MAX_ORDINAL, NEG, OPEN_HI, OPEN_LO, POS, Bounds, dose_change_key
from timeline.problems import Location, Problems, suggest
from timeline.values import value_repr


class Distances(Protocol):
    """What the checks after solving ask of the resolved dates (a
    :class:`timeline.chronology.Chronology`): the fewest and most days between two points."""

    def difference(self, a: str, b: str) -> tuple[int, int] | None:
        """(fewest, most) days from point ``a`` to point ``b``, or None when unlinked."""
        ...


__all__ = ["WIDE_WINDOW_DAYS", "Constraint", "ConstraintBuilder"]

#: C008 warns of a date whose window is wider than this, in days (six months), by default
WIDE_WINDOW_DAYS = 183
#: calendar months differ in length: "within 6 months" may span a few days more than 183
_SLACK = 7
#: up to this many dates, C008 measures a date's distance to the events it refers to through
#: the whole network; beyond, only through the relations the date itself states
_EXACT_POINTS = 300


@define(repr=False)
class Constraint:
    """``lo <= b - a <= hi`` days between the points ``a`` and ``b`` (``hi`` may be
    :data:`POS`, no most), with the code and the place that state it.

    ``why`` says it in the words of the owner's date (used when the constraint cannot hold
    against the bounds of its two points); ``claim`` names both points (used when a chain of
    constraints contradicts itself).
    """

    __repr__ = value_repr

    a: str
    b: str
    lo: int
    hi: int
    code: str
    location: Location
    why: str
    claim: str = ""


def _shift(day: int, duration: Duration | None, least: bool = False) -> int:
    """``day`` moved by ``duration`` in calendar arithmetic (an approximate duration by the
    least or the most it can be); an open bound stays open."""
    if duration is None or day <= OPEN_LO or day >= OPEN_HI:
        return day
    if duration.approx or not 1 <= day <= MAX_ORDINAL:
        lo, hi = duration.days_range()
        return day + (lo if least else hi)
    try:
        return duration.shift(datetime.date.fromordinal(day)).toordinal()
    except (ValueError, OverflowError):  # off the calendar: C003 reports it after propagation
        return day + duration.days_range()[0 if least else 1]


def _add(day: int, days: int) -> int:
    """``day`` moved by ``days``; an open bound stays open."""
    return day if day <= OPEN_LO or day >= OPEN_HI else day + days


def _ordinal_bounds(date: CalendarDate, approx: bool) -> list[int]:
    """The first and last day a calendar date can be, as ordinals (a new list: the solver
    narrows bounds in place)."""
    key = (date.year, date.month, date.day, approx)
    found = _ORDINALS.get(key)
    if found is None:
        lo, hi = date.bounds(approx)
        if len(_ORDINALS) >= _ORDINALS_MAX:
            _ORDINALS.clear()
        found = _ORDINALS[key] = (lo.toordinal(), hi.toordinal())
    return [found[0], found[1]]


#: the bounds of a point with no bounds held
_OPEN = (NEG, POS)
#: the ordinal bounds of the calendar dates met so far (the same few recur in every case);
#: bounded, for runs over thousands of files
_ORDINALS: dict[tuple[int, int | None, int | None, bool], tuple[int, int]] = {}
_ORDINALS_MAX = 50_000


def _as_precise(width: int, points: tuple[Point | None, ...]) -> bool:
    """Whether a window of ``width`` days is no wider than one of the calendar dates among
    ``points`` (the source's own date)."""
    for p in points:
        if isinstance(p, CalendarDate):
            lo, hi = _ordinal_bounds(p, False)
            if width <= hi - lo:
                return True
    return False


def _may_be_close(lo: int, hi: int, other_lo: int, other_hi: int, limit: int) -> bool:
    """Whether a point with the window ``lo``..``hi`` can lie within ``limit`` days of another
    with its own window, when both windows are exact (the fixpoint of the constraints).

    Every day ``p`` can be is ``q + (p - q)`` for a day ``q`` the other can be, so ``hi`` is at
    most ``other_hi`` plus the most ``p - q`` can be, and ``lo`` at least ``other_lo`` plus
    the least: the spread of ``p - q`` is at least ``(hi - other_hi) + (other_lo - lo)``, and
    has no most (or no least) where the point's window is open and the other's is not.
    """
    if (hi >= OPEN_HI and other_hi < OPEN_HI) or (lo <= OPEN_LO and other_lo > OPEN_LO):
        return False
    if hi >= OPEN_HI or other_hi >= OPEN_HI or lo <= OPEN_LO or other_lo <= OPEN_LO:
        return True
    return (hi - other_hi) + (other_lo - lo) <= limit


def _excused_by_each_other(
    excused: dict[str, tuple[str, tuple[str, Location, str, int] | None]],
    warned: set[str],
    links: dict[str, set[str]],
) -> list[tuple[str, Location, str, int]]:
    """The warnings of wide points excused only by one another (C008): each excused by the
    point it is written close to, around a loop that reaches no point warned of or dated
    narrowly (a resection "after" a recurrence and "before" a progression written "3 months"
    after that resection: each close to the other, neither warned of, the two with no latest
    day). One warning a loop, at the one of its points whose key comes first; none for
    a loop written against a point warned of (``links``: the points each date is written
    against), whose window that warning explains."""
    out: list[tuple[str, Location, str, int]] = []
    done: set[str] = set()
    for start in excused:
        if start in done:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        key = start
        while key in excused and key not in on_path and key not in done:
            path.append(key)
            on_path.add(key)
            key = excused[key][0]
        done.update(path)
        if key not in on_path:
            continue  # (it reaches a point warned of, or one dated narrowly: that says it)
        loop = path[path.index(key) :]
        if any(k in warned or links.get(k, set()) & warned for k in loop):
            continue
        candidates = [w for k in loop if (w := excused[k][1]) is not None]
        if candidates:
            # (the one whose key comes first, not the first in the file: two events each
            # "before" the other were warned of at whichever the file gave first, and the
            # order of the events changed what the check said)
            out.append(min(candidates, key=lambda w: w[0]))
    return out


def _dependency_order(graph: dict[str, set[str]]) -> list[str] | None:
    """The points of ``graph`` (point -> the points it depends on) in dependency order, the
    very order of ``graphlib.TopologicalSorter(graph).static_order()``; ``None`` when the
    graph has a circle (:meth:`ConstraintBuilder.order_without_circles` then names it).

    Kahn's algorithm as graphlib runs it: the points are met in the order the graph names
    them, and every round passes out all the points that are ready, in the order they
    became ready.
    """
    waiting: dict[str, int] = {}
    after: dict[str, list[str]] = {}
    for node, before in graph.items():
        if node not in waiting:
            waiting[node] = 0
            after[node] = []
        waiting[node] += len(before)
        for pred in before:
            if pred not in waiting:
                waiting[pred] = 0
                after[pred] = []
            after[pred].append(node)
    ready = [node for node, n in waiting.items() if n == 0]
    out: list[str] = []
    while ready:
        out += ready
        passed, ready = ready, []
        for node in passed:
            for succ in after[node]:
                n = waiting[succ] = waiting[succ] - 1
                if n == 0:
                    ready.append(succ)
    return out if len(out) == len(waiting) else None


def _bound_words(side: str, offset: Duration | None, at: str) -> str:
    """One side of ``{after: …, before: …}`` in words, with its offset: "at least 17 months
    after the start of 'rx' (2021-03-01)", "before 2022-07-26"."""
    if offset is None:
        return f"{side} {at}"
    amount = offset.text.lstrip("-")
    if side == "after":
        return (
            f"at least {amount} after {at}"
            if offset.amount >= 0
            else f"no earlier than {amount} before {at}"
        )
    return (
        f"no later than {amount} after {at}"
        if offset.amount >= 0
        else f"at least {amount} before {at}"
    )


def _from_day(name: str, offset: Duration | None) -> str:
    """The point an order counts from, in words: the event, or "the day 2 years from" it."""
    return name if offset is None else f"the day {offset.text} from {name}"


def _calendar_shift(day: int, offset: Duration) -> int:
    """``day`` moved by ``offset`` on the calendar (off it, by its typical length in days:
    reported after propagation)."""
    if not 1 <= day <= MAX_ORDINAL:
        return day + offset.typical_days()
    try:
        return offset.shift(datetime.date.fromordinal(day)).toordinal()
    except (ValueError, OverflowError):
        return day + offset.typical_days()


def _amount(days: int, up: bool) -> str:
    """A number of days in words, never narrower than it is: in days or weeks under two
    months, else in whole months rounded away from the window's inside (``up`` for its far
    end). Four cycles of three weeks at least were said "between 1 and 8 months" after their
    start, their least 21 days rounded up to a month."""
    days = abs(days)
    if days < 8 * 7:
        if days % 7:
            return f"{days} day" if days == 1 else f"{days} days"
        return f"{days // 7} week" if days == 7 else f"{days // 7} weeks"
    n = days / DAYS_PER_MONTH
    # (within a tenth of a month of a whole one, that one: 24 months of days are 23.98)
    whole = math.ceil(n - 0.1) if up else math.floor(n + 0.1)
    return f"{whole} months"


def _between(lo: int, hi: int) -> str:
    """``lo`` and ``hi`` days (both the same side, ``lo`` the nearer) in words: "3 and 24
    months", "21 days and 8 months", "0 and 2 weeks"."""
    near, far = _amount(lo, False), _amount(hi, True)
    if lo == 0:
        near = "0" if far.endswith("months") or far.endswith("weeks") else "0 days"
    elif near.endswith(" months") and far.endswith(" months"):
        near = near.removesuffix(" months")
    return f"{near} and {far}"


class ConstraintBuilder:
    """The time points of one case, their first bounds and the constraints between them.

    :meth:`build` fills :attr:`bounds` (point -> ``[lo, hi]``, the first bounds, which the
    solver then narrows in place), :attr:`alias` (a point held under another's key: an
    exposure's start that is its regimen's), :attr:`labels` (points in words) and
    :attr:`constraints`; problems found on the way (S007, C003 for a date whose own parts
    exclude each other, C004, C007) go to ``problems``.
    """

    def __init__(self, case: Case, problems: Problems, as_stated: bool = False) -> None:
        self.case = case
        self.problems = problems
        #: every date the file infers (``inferred:``) left unknown: the dates as the source
        #: states them (:func:`timeline.chronology.resolve_as_stated`)
        self.as_stated = as_stated
        self.bounds: dict[str, list[int]] = {}
        self.alias: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.links: dict[str, dict[str, str | None]] = {}
        self.specs: dict[str, tuple[DateSpec, str]] = {}  # point key -> (spec, owner label)
        self.constraints: list[Constraint] = []
        self.targets: dict[str, tuple[str, str, str]] = {}  # id -> (start key, end key, label)
        self.direct: dict[str, int] = {}  # point -> width of its tightest written relation
        self.evaluating = ""  # the point whose date is being read
        self.path = case.path

    # -- building the points ---------------------------------------------------------------
    def build(self) -> None:
        """Register every point, read every date in dependency order and state every
        ordering fact as a constraint."""
        self.register()
        hard, soft = self.dependencies()
        # order also by 'after'/'before' where it can, so that first bounds are tight
        order = _dependency_order({k: hard[k] | soft[k] for k in hard})
        if order is None:
            order = self.order_without_circles(hard)
        for key in order:
            if key in self.specs and key not in self.bounds:
                self.evaluate(key)
        bounds, alias = self.bounds, self.alias
        for key in self.specs:
            if key not in bounds:
                bounds[key] = [NEG, POS]
        for s, e, _label in self.targets.values():  # ends the file leaves open are points too
            for key in (alias.get(s, s), alias.get(e, e)):
                if key not in bounds:
                    bounds[key] = [NEG, POS]
        self.general_constraints()

    def raw(self, key: str) -> tuple[int, int]:
        """The bounds of a point as far as they are known (first bounds until solved)."""
        lo, hi = self.bounds.get(self.alias.get(key, key), _OPEN)
        return lo, hi

    # -- building the points ---------------------------------------------------------------
    def register(self) -> None:
        """A point for the diagnosis, each event (two for a span), each exposure and dose
        change, and the date of the patient's age; the constraints that come with them."""
        self.targets["diagnosis"] = ("diagnosis", "diagnosis", "the diagnosis")
        self.specs["diagnosis"] = (self.case.diagnosis.date, "the diagnosis")
        self.labels["diagnosis"] = "the diagnosis"
        follow_up = next((e for e in self.case.events if isinstance(e, FollowUp)), None)
        for event in self.case.events:
            label = f"'{event.label()}'"
            if event.is_span:
                s, e = f"{event.id}.start", f"{event.id}.end"
                self.targets[event.id] = (s, e, label)
                self.labels[s], self.labels[e] = f"the start of {label}", f"the end of {label}"
                assert event.start is not None
                self.specs[s] = (event.start, label)
                if event.end is not None:
                    self.specs[e] = (event.end, label)
                elif isinstance(event, Regimen) and event.ongoing and follow_up is not None:
                    self.alias[e] = follow_up.id
                if self.alias.get(e) == getattr(follow_up, "id", None) and follow_up is not None:
                    # an ongoing regimen runs until the last follow-up: say so when they clash
                    self.order(
                        s,
                        e,
                        "C005",
                        event,
                        f"{label} is ongoing at the last follow-up ('{follow_up.label()}'), which"
                        " comes before it starts",
                        follow_up.location,
                    )
                else:
                    self.order(s, e, "C001", event, f"{label} must start before it ends")
                if (
                    isinstance(event, Regimen)
                    and event.cycles
                    and (not event.ongoing or e in self.alias)
                ):
                    # (an ongoing regimen's cycles are those given by the last follow-up, where
                    # it runs to: 101 cycles of bevacizumab "to date" were said to last 10
                    # months at least, and the day "after 44 cycles" placed 57 cycles before
                    # the follow-up in under five months)
                    self.cycles_take_time(
                        s, e, event.cycles, event.cycle_length, event, label, event.location
                    )
            elif isinstance(event, Toxicity) and event.end_date is not None:
                # a toxicity with an end: the event is its start, "id.end" its end
                e = f"{event.id}.end"
                self.targets[event.id] = (event.id, e, label)
                self.labels[event.id], self.labels[e] = label, f"the end of {label}"
                self.specs[event.id] = (event.start, label)  # type: ignore[assignment]
                self.specs[e] = (event.end_date, label)
                self.order(event.id, e, "C001", event, f"{label} must start before it ends")
            else:
                self.targets[event.id] = (event.id, event.id, label)
                self.labels[event.id] = label
                assert event.start is not None
                self.specs[event.id] = (event.start, label)
            if isinstance(event, Regimen):
                for exp in event.exposures:
                    self.exposure(event, exp)
        age = self.case.patient.age
        if age is not None and age.at is not None:
            self.specs["patient.age"] = (age.at, "the patient's age")
            self.labels["patient.age"] = "the date of the patient's age"
        if self.as_stated:
            for key, (spec, label) in list(self.specs.items()):
                if spec.inferred:
                    self.specs[key] = (DateSpec("unknown", location=spec.location), label)

    def exposure(self, regimen: Regimen, exp: Exposure) -> None:
        """The points of one exposure (held as its regimen's where it gives no date of its
        own), within its regimen, with its cycles and dose changes."""
        # (an exposure with an id of its own is named by it too: the id an acknowledgement or a
        # reference takes, where the regimen gives the same agent twice)
        own = "" if exp.key == f"{regimen.id}.{exp.agent.name}" else f" ('{exp.key}')"
        label = f"'{exp.agent.name}'{own} in '{regimen.label()}'"
        s, e = f"{exp.key}.start", f"{exp.key}.end"
        self.targets[exp.key] = (s, e, label)
        self.labels[s], self.labels[e] = (
            f"the start of {label}",
            f"the end of {label}",
        )
        rs, re_ = f"{regimen.id}.start", f"{regimen.id}.end"
        if exp.start_date is None:
            self.alias[s] = rs
        else:
            self.specs[s] = (exp.start_date, label)
            self.order(
                rs, s, "C003", regimen, f"{label} must start within its regimen", exp.location
            )
        if exp.end_date is None:
            self.alias[e] = self.alias.get(re_, re_)
        else:
            self.specs[e] = (exp.end_date, label)
            self.order(
                e, re_, "C003", regimen, f"{label} must end within its regimen", exp.location
            )
        if exp.start_date is not None or exp.end_date is not None:
            self.order(s, e, "C001", regimen, f"{label} must start before it ends", exp.location)
        if exp.cycles and not (
            regimen.ongoing and exp.end_date is None and self.alias.get(e) == re_
        ):
            self.cycles_take_time(
                s, e, exp.cycles, regimen.cycle_length, regimen, label, exp.location
            )
        for n, change in enumerate(exp.dose_changes, 1):
            key = dose_change_key(exp, n)
            what = f"the dose change ({change.text()}) of {label}"
            self.labels[key] = what
            self.specs[key] = (change.date, what)
            where = change.location or exp.location
            self.order(s, key, "C003", regimen, f"{what} must come after the start", where)
            self.order(key, e, "C003", regimen, f"{what} must come before the end", where)

    def cycles_take_time(
        self,
        s: str,
        e: str,
        cycles: int,
        length: Duration | None,
        owner: Event,
        label: str,
        location: Location | None,
    ) -> None:
        """N cycles last at least N - 1 cycle lengths, or N - 1 weeks when the length is not
        given (cycles are at least a week apart): the last cycle starts that long after the first."""
        if cycles < 2:
            return
        per = length.days_range()[0] if length is not None else 7
        days = (cycles - 1) * per
        what = f"{cycles} cycles" + (
            f" of {length.text}" if length is not None else " (cycles are at least a week apart)"
        )
        self.order(
            s,
            e,
            "C003",
            owner,
            f"{label} has {what}, so it lasts at least {days} days",
            location,
            lo=days,
        )

    def order(
        self,
        a: str,
        b: str,
        code: str,
        owner: Event,
        why: str,
        location: Location | None = None,
        lo: int = 0,
        hi: int = POS,
    ) -> None:
        """The constraint ``lo <= b - a <= hi`` of an ordering fact, reported with ``code``
        where it is stated (``location``, else its owner's)."""
        where = location or owner.location or Location(self.path)
        self.constraints.append(Constraint(a, b, lo, hi, code, where, why, why))

    # -- resolving references --------------------------------------------------------------
    def anchor_key(self, anchor: Anchor, default: str) -> str | None:
        """The point a reference names (its ``default`` part when it names none); ``None``
        (reported, S007) when it names no event."""
        target = self.targets.get(anchor.event)
        if target is None and anchor.event in self.case.unreadable_ids:
            return None  # that event had its own error; do not report it twice
        if target is None:
            self.problems.add(
                "S007",
                anchor.location or Location(self.path),
                f"'{anchor.event}' is not the id of any event{suggest(anchor.event, self.targets)}"
                " (give that event an 'id', or correct the reference)",
            )
            return None
        part = anchor.part or default
        return target[0] if part == "start" else target[1]

    def dependencies(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """What each point's first bounds are computed from: ``hard`` for dates defined by
        another (``X``, ``from: X``), ``soft`` for order (``after``, ``before``), which the
        propagation enforces anyway and which may therefore run both ways between two events."""
        hard: dict[str, set[str]] = {}
        soft: dict[str, set[str]] = {}
        self.links = {}
        alias = self.alias
        for key, (spec, label) in self.specs.items():
            links: dict[str, str | None] = {}
            if not (
                isinstance(spec.on, Anchor)
                or isinstance(spec.after, Anchor)
                or isinstance(spec.before, Anchor)
                or isinstance(spec.origin, Anchor)
            ):  # a date that refers to no other (a calendar date, unknown)
                self.links[key] = links
                hard[key] = set()
                soft[key] = set()
                continue
            for role, point, default in (
                ("on", spec.on, "start"),
                ("after", spec.after, "end"),
                ("before", spec.before, "start"),
                ("from", spec.origin, "start"),
            ):
                if isinstance(point, Anchor):
                    links[role] = self.anchor_key(point, default)
                    if role == "after" and point.part is None:
                        self.open_end_warning(point, label)
                    elif point.part == "end":
                        self.open_end_warning(point, label, role)
            self.links[key] = links
            hard[key] = {alias.get(k, k) for r, k in links.items() if k and r in ("on", "from")}
            soft[key] = {
                alias.get(k, k) for r, k in links.items() if k and r in ("after", "before")
            }
        self._dated_by_itself()
        return hard, soft

    def _dated_by_itself(self) -> None:
        """C014 for a date written after, before or from its own point, itself or one the case
        puts on its day (axitinib's end written as nivolumab's start, and that start written
        after axitinib's end: after itself, so it said nothing, and the twelve months its
        window then spanned were not warned of; a toxicity's end written `after:` the
        toxicity, which is after its end)."""
        day: dict[str, str] = {}

        def find(key: str) -> str:
            key = self.alias.get(key, key)
            while key in day:
                key = day[key]
            return key

        for key, links in self.links.items():
            on = links.get("on")
            if on and find(on) != find(key):
                day[find(key)] = find(on)
        for key, links in self.links.items():
            for role in ("after", "before", "from"):
                other = links.get(role)
                if not other or find(other) != find(key):
                    continue
                spec = self.specs[key][0]
                itself = self.alias.get(other, other) == self.alias.get(key, key)
                which = (
                    "itself" if itself else f"{self.name(other)}, which the case puts on its day"
                )
                hint = (
                    f" ('{other[: -len('.end')]}' alone, after a span, is after its end: write"
                    f" '{other[: -len('.end')]}.start' for its start)"
                    if itself and role == "after" and other.endswith(".end")
                    else ""
                )
                self.problems.add(
                    "C014",
                    spec.location or Location(self.path),
                    f"{self.name(key)} is dated {role} {which}: that places it nowhere{hint};"
                    " date it against another event (the one before it) or the calendar",
                )

    def open_end_warning(self, anchor: Anchor, label: str, role: str = "") -> None:
        """``after: X`` where X is a span whose end the file does not give, or a date written
        from, on or before ``X.end`` (``role``) (C007): the end it names is its start."""
        event = self.case.event(anchor.event)
        if (
            event is None
            or not event.is_span
            or event.end is not None
            or (isinstance(event, Regimen) and event.ongoing)
        ):
            return
        if role:
            # ("20 months post-radiation", `from: rt.end`, of a radiotherapy with no end: the
            # 20 months were counted from its first day, without a word)
            self.problems.add(
                "C007",
                anchor.location or Location(self.path),
                f"{label} is dated {'from' if role == 'from' else role} the end of"
                f" '{anchor.event}', whose end the file does not give: it is counted from its"
                f" start; give '{anchor.event}' an end (or 'unknown' bounds), or write"
                f" '{anchor.event}.start' to say so",
            )
            return
        self.problems.add(
            "C007",
            anchor.location or Location(self.path),
            f"{label} is dated after '{anchor.event}', whose end is not given, so it is only"
            f" known to follow its start; give '{anchor.event}' an end (or 'unknown' bounds), or"
            f" write '{anchor.event}.start' to say so",
        )

    def order_without_circles(self, deps: dict[str, set[str]]) -> list[str]:
        """The points in dependency order; every circle of references is reported (C004) and
        its points left unresolved, however many circles there are."""
        broken: set[str] = set()
        while True:
            graph = {k: v - broken for k, v in deps.items() if k not in broken}
            order = _dependency_order(graph)
            if order is not None:
                return order
            import graphlib  # only a circle needs it, to name one

            try:
                graphlib.TopologicalSorter(graph).prepare()
            except graphlib.CycleError as exc:
                cycle = exc.args[1]
                names = " → ".join(self.labels.get(k, k) for k in cycle)
                spec = self.specs.get(cycle[0])
                where = spec[0].location if spec and spec[0].location else Location(self.path)
                self.problems.add(
                    "C004",
                    where,
                    f"these dates are defined in a circle: {names}; anchor one of them to a date",
                )
                broken |= set(cycle)
                for k in cycle:
                    self.bounds[k] = [NEG, POS]

    def point(self, key: str | None, fallback: Point | None, approx: bool) -> list[int]:
        """The bounds of what a date refers to: a calendar date as written, else the point."""
        if isinstance(fallback, CalendarDate):
            return _ordinal_bounds(fallback, approx)
        if key is None:
            return [NEG, POS]
        return list(self.raw(key))

    def name(self, key: str) -> str:
        """A point in words (its key when it has no label)."""
        return self.labels.get(key, key)

    def link(self, a: str, b: str, lo: int, hi: int, where: Location, why: str, claim: str) -> None:
        """The constraint a date states between its own point and one it refers to."""
        self.constraints.append(Constraint(a, b, lo, hi, "C003", where, why, claim))
        # the tightest distance a date keeps to an event it is written from (for C008)
        own = self.evaluating
        if hi < POS and own in (a, b):
            self.direct[own] = min(self.direct.get(own, POS), hi - lo)

    def evaluate(self, key: str) -> None:
        """First bounds of one point from its date as written (references already resolved)."""
        self.evaluating = key
        spec, label = self.specs[key]
        links = self.links[key]
        where = spec.location or Location(self.path)
        on, after, before, origin = (
            links.get("on"),
            links.get("after"),
            links.get("before"),
            links.get("from"),
        )
        b = [NEG, POS]
        if spec.kind == "on":
            b = self.point(on, spec.on, spec.approx)
            if on:
                self.link(
                    on,
                    key,
                    0,
                    0,
                    where,
                    f"{label} is the same day",
                    f"{self.name(key)} is the same day as {self.name(on)}",
                )
        elif spec.kind == "between":
            found = self.between(key, spec, label, where, after, before)
            if found is None:
                self.bounds[key] = [NEG, POS]
                return
            b = found
        elif spec.kind == "offset" and spec.offset is not None:
            start = self.point(origin, spec.origin, False)
            dlo, dhi = spec.offset.days_range()
            if spec.offset.approx:
                b = [_add(start[0], dlo), _add(start[1], dhi)]
            else:
                b = [self.shift(start[0], spec), self.shift(start[1], spec)]
            if origin:
                self.link(
                    origin,
                    key,
                    dlo,
                    dhi,
                    where,
                    f"{label} is {spec.offset.text} from it",
                    f"{self.name(key)} is {spec.offset.text} from {self.name(origin)}",
                )
            # the order the source also gives ("about 25 months before February 2021", after
            # the progression of December 2018)
            bounds = list(b)
            if spec.after is not None:
                a_lo = self.point(after, spec.after, False)[0]
                b[0] = max(b[0], _shift(a_lo, spec.after_offset, least=True))
                if after:
                    amin = spec.after_offset.days_range()[0] if spec.after_offset else 0
                    since = _from_day(self.name(after), spec.after_offset)
                    self.link(
                        after,
                        key,
                        amin,
                        POS,
                        where,
                        f"{label} comes {_bound_words('after', spec.after_offset, 'it')}",
                        f"{self.name(key)} comes after {since}",
                    )
            if spec.before is not None:
                b_hi = self.point(before, spec.before, False)[1]
                b[1] = min(b[1], _shift(b_hi, spec.before_offset))
                if before:
                    bmax = spec.before_offset.days_range()[1] if spec.before_offset else 0
                    until = _from_day(self.name(before), spec.before_offset)
                    self.link(
                        key,
                        before,
                        -bmax,
                        POS,
                        where,
                        f"{label} comes {_bound_words('before', spec.before_offset, 'it')}",
                        f"{self.name(key)} comes before {until}",
                    )
            # and the month or year it lies in ("1 month later, in March 2017")
            if isinstance(spec.on, CalendarDate):
                clo, chi = _ordinal_bounds(spec.on, spec.approx)
                b = [max(b[0], clo), min(b[1], chi)]
            # (an order that contradicts the distance is reported by the propagation, with
            # every date it rests on, when it is an event's; the first bounds keep the distance
            # alone)
            if b[0] > b[1]:
                if not (spec.after is not None and after) and not (
                    spec.before is not None and before
                ):
                    sides = [f"in {spec.on}"] if isinstance(spec.on, CalendarDate) else []
                    sides += [
                        _bound_words(side, off, str(point))
                        for side, point, off in (
                            ("after", spec.after, spec.after_offset),
                            ("before", spec.before, spec.before_offset),
                        )
                        if point is not None
                    ]
                    self.problems.add(
                        "C003",
                        where,
                        f"{label} is dated {spec.offset.text} from"
                        f" {self.name(origin) if origin else spec.origin} and"
                        f" {' and '.join(sides)}, but these cannot all hold; correct one of them",
                    )
                b = bounds
        self.bounds[key] = b

    def between(
        self,
        key: str,
        spec: DateSpec,
        label: str,
        where: Location,
        after: str | None,
        before: str | None,
    ) -> list[int] | None:
        """First bounds of ``{after: X, before: Y}`` with its offsets, ``within`` and ``at``;
        ``None`` (reported) when they exclude each other."""
        a_lo, a_hi = self.point(after, spec.after, False) if spec.after else (NEG, POS)
        b_lo, b_hi = self.point(before, spec.before, False) if spec.before else (NEG, POS)
        amin, amax = spec.after_offset.days_range() if spec.after_offset else (0, 0)
        bmin, bmax = spec.before_offset.days_range() if spec.before_offset else (0, 0)
        wmax = spec.within.days_range()[1] if spec.within else None
        lo = _shift(a_lo, spec.after_offset, least=True) if spec.after else NEG
        hi = _shift(b_hi, spec.before_offset) if spec.before else POS
        if spec.within is not None and spec.after:
            hi = min(hi, _shift(_shift(a_hi, spec.after_offset), spec.within))
        elif spec.within is not None:
            within = spec.within
            back = Duration(-within.amount, within.unit, within.text, within.approx)
            lo = max(lo, _shift(_shift(b_lo, spec.before_offset, least=True), back, least=True))
        if isinstance(spec.on, CalendarDate):
            clo, chi = _ordinal_bounds(spec.on, spec.approx)
            lo, hi = max(lo, clo), min(hi, chi)
        if lo > hi:
            parts = []
            if isinstance(spec.on, CalendarDate):
                parts.append(f"in {spec.on}")
            # (an offset says how far after or before: "at least 17 months after the start
            # of 'rx' (2021-03-01)", which is what cannot hold, not "after" it)
            for side, ref, point, off in (
                ("after", after, spec.after, spec.after_offset),
                ("before", before, spec.before, spec.before_offset),
            ):
                if point:
                    at = self.describe(ref) if ref else str(point)
                    parts.append(_bound_words(side, off, at))
            if spec.within:
                parts.append(f"within {spec.within.text}")
            self.problems.add(
                "C003",
                where,
                f"{label} is dated {', '.join(parts)}, but these cannot all hold; correct one"
                " of them",
            )
            return None
        if after:
            top = amax + wmax if wmax is not None else POS
            why = f"{label} comes after it" + (
                f", within {spec.within.text}" if spec.within else ""
            )
            since = _from_day(self.name(after), spec.after_offset)
            claim = f"{self.name(key)} comes after {since}" + (
                f", within {spec.within.text}" if spec.within else ""
            )
            self.link(after, key, amin, top, where, why, claim)
        if before:
            top = wmax - bmin if wmax is not None and not spec.after else POS
            why = f"{label} comes before it" + (
                f", within {spec.within.text}" if spec.within and not spec.after else ""
            )
            until = _from_day(self.name(before), spec.before_offset)
            claim = f"{self.name(key)} comes before {until}" + (
                f", within {spec.within.text}" if spec.within and not spec.after else ""
            )
            self.link(key, before, -bmax, top, where, why, claim)
        return [lo, hi]

    def calendar_bounds(self) -> dict[str, tuple[int, int]]:
        """The points whose bounds calendar arithmetic narrows, with the narrower bounds: a
        date a whole number of months or years from another (``{from: X, offset: 12 months}``,
        or at least that long after or at most that long before it) lies no earlier than that
        distance from X's earliest day, and no later than it from X's latest, on the calendar.
        (The constraints count such a distance in the days it can span anywhere.)"""
        out: dict[str, tuple[int, int]] = {}
        for key, (spec, _label) in self.specs.items():
            links = self.links.get(key)
            k = self.alias.get(key, key)
            if not links or k not in self.bounds:
                continue
            # (points held under one key narrow it in turn)
            lo, hi = out.get(k) or self.bounds[k]
            new_lo, new_hi = lo, hi
            for side, point, offset in (
                ("from", links.get("from"), spec.offset if spec.kind == "offset" else None),
                ("after", links.get("after"), spec.after_offset),
                ("before", links.get("before"), spec.before_offset),
            ):
                if (
                    point is None
                    or offset is None
                    or offset.approx
                    or offset.unit not in ("months", "years")
                ):
                    continue
                plo, phi = self.raw(point)
                if side in ("from", "after") and plo > OPEN_LO:
                    new_lo = max(new_lo, _calendar_shift(plo, offset))
                if side in ("from", "before") and phi < OPEN_HI:
                    new_hi = min(new_hi, _calendar_shift(phi, offset))
            if (new_lo, new_hi) != (lo, hi) and new_lo <= new_hi:
                out[k] = (new_lo, new_hi)
        return out

    @staticmethod
    def shift(day: int, spec: DateSpec) -> int:
        """``day`` moved by the offset of ``spec`` in calendar arithmetic (an open bound
        stays open; off the calendar, by its typical length in days)."""
        if day <= OPEN_LO or day >= OPEN_HI:
            return day
        assert spec.offset is not None
        return _calendar_shift(day, spec.offset)

    def general_constraints(self) -> None:
        """What holds for every event: nothing after death (C002) nor after the last
        follow-up (C005), and a resistance after the progression it rests on (C003)."""
        death = next((e for e in self.case.events if isinstance(e, Death)), None)
        follow = next((e for e in self.case.events if isinstance(e, FollowUp)), None)
        for event in self.case.events:
            s = f"{event.id}.start" if event.is_span else event.id
            label = f"'{event.label()}'"
            if death is not None and event is not death:
                self.order(
                    s,
                    death.id,
                    "C002",
                    event,
                    f"{label} is recorded after death ('{death.label()}')",
                )
                if event.is_span and event.end is not None:
                    self.order(
                        f"{event.id}.end",
                        death.id,
                        "C002",
                        event,
                        f"the end of {label} comes after death ('{death.label()}')",
                    )
            if follow is not None and event is not follow and not isinstance(event, Death):
                self.order(
                    s,
                    follow.id,
                    "C005",
                    event,
                    f"{label} comes after the last follow-up ('{follow.label()}')",
                )
                if (
                    event.is_span
                    and not (isinstance(event, Regimen) and event.ongoing)
                    and event.end is not None
                ):
                    self.order(
                        f"{event.id}.end",
                        follow.id,
                        "C005",
                        event,
                        f"the end of {label} comes after the last follow-up ('{follow.label()}')",
                    )
            # (and the end of a toxicity, and a drug's held, resumed or changed dose: a
            # durvalumab resumed after a pneumonitis that ended after the last follow-up, the
            # follow-up drawn before the resumption, had no error)
            later: list[tuple[str, str]] = []
            if (
                isinstance(event, Toxicity)
                and event.end_date is not None
                and event.end_date.kind != "unknown"  # (not reported: no end to bound)
            ):
                later.append((f"{event.id}.end", f"the end of {label}"))
            if isinstance(event, Regimen):
                later += [
                    (key, self.labels.get(key, key))
                    for exp in event.exposures
                    for n, change in enumerate(exp.dose_changes, 1)
                    if (key := dose_change_key(exp, n)) in self.specs
                    and change.date.kind != "unknown"
                ]
            for key, what in later:
                if death is not None:
                    self.order(
                        key,
                        death.id,
                        "C002",
                        event,
                        f"{what} comes after death ('{death.label()}')",
                    )
                if follow is not None:
                    self.order(
                        key,
                        follow.id,
                        "C005",
                        event,
                        f"{what} comes after the last follow-up ('{follow.label()}')",
                    )
            if isinstance(event, Resistance) and event.basis is not None:
                basis = self.anchor_key(event.basis, "end")
                if basis:
                    self.order(
                        basis,
                        event.id,
                        "C003",
                        event,
                        f"{label} is declared before the progression it rests on",
                    )
        self.cycles_in_order()

    def cycles_in_order(self) -> None:
        """Dates written a number of cycles of unstated length from one point (``{from:
        aza.start, offset: 4 cycles}``, ``… 7 cycles``) come in the order of their cycles, a
        week a cycle apart at least: one regimen's cycles are of one length. Each was bounded
        only from below, and the schedule drew the delay of the 8th cycle before the marrow
        after the 4th."""
        by_anchor: dict[str, list[tuple[int, str, Location | None]]] = {}
        for key, (spec, _label) in self.specs.items():
            if spec.unstated_cycles and isinstance(spec.after, Anchor):
                anchor = self.anchor_key(spec.after, "start")
                if anchor:
                    found = by_anchor.setdefault(self.alias.get(anchor, anchor), [])
                    found.append((spec.unstated_cycles, key, spec.location))
        for anchor, points in by_anchor.items():
            points.sort(key=lambda p: p[0])
            self.cycles_left(anchor, points)
            for (a, first, _w), (b, then, where) in itertools.pairwise(points):
                if b <= a:
                    continue
                owner = self.case.event(then.split(".")[0]) or self.case.events[0]
                self.order(
                    first,
                    then,
                    "C003",
                    owner,
                    f"{self.labels.get(then, then)} ({b} cycles) comes before"
                    f" {self.labels.get(first, first)} ({a} cycles) from the same start",
                    where,
                    lo=(b - a) * 7,
                )

    def cycles_left(self, anchor: str, points: list[tuple[int, str, Location | None]]) -> None:
        """A date N cycles of unstated length after the start of a regimen that gives its
        cycles (``cycles: 101``) leaves the rest of them before the regimen's end (or the last
        follow-up, where an ongoing one runs to), a week a cycle at least: a hold "after 44
        cycles" of 101 was placed in the last five months before the follow-up."""
        regimen = self.case.event(anchor.split(".")[0]) if anchor.endswith(".start") else None
        if not isinstance(regimen, Regimen) or not regimen.cycles:
            return
        end = f"{regimen.id}.end"
        if end not in self.specs and end not in self.alias:
            return
        for k, key, where in points:
            left = regimen.cycles - k - 1
            if left < 1:
                continue
            self.order(
                key,
                end,
                "C003",
                regimen,
                f"{self.labels.get(key, key)} ({k} cycles) leaves {regimen.cycles - k} of the"
                f" {regimen.cycles} cycles of '{regimen.label()}', a week apart at least, before"
                " its end",
                where,
                lo=left * 7,
            )

    def fmt(self, lo: int, hi: int) -> str:
        """A window in words."""
        return Bounds(lo, hi).text()

    def describe(self, key: str) -> str:
        """A point in words with its window: ``'pd' (2013-01)``."""
        lo, hi = self.raw(key)
        return f"{self.labels.get(key, key)} ({self.fmt(lo, hi)})"

    def _hung_on(self, chrono: Distances) -> str | None:
        """The date a case with no calendar date hangs on, when its own date states an order
        (`{after: diagnosis}`): the one date other dates are stated a distance from that is not
        itself a stated distance from another, when every date written at a bounded distance
        from another is within a bounded distance of it. None when there is no such date, or
        two (each is known only by order from the other), or a second group of dates bounded
        among themselves ("within 3 months" of an operation, at no stated distance from a
        response two years before the last follow-up), or the case is large."""
        alias, links = self.alias, self.links
        origins = {alias.get(k, k) for found in links.values() if (k := found.get("from"))}
        origins = {
            k
            for k in origins
            if not links.get(k, {}).get("from") and not links.get(k, {}).get("on")
        }
        if len(origins) != 1 or len(self.bounds) > _EXACT_POINTS:
            return None
        (only,) = origins
        for k, width in self.direct.items():
            spec = self.specs.get(k, (None,))[0]
            if spec is not None and spec.kind == "on" and isinstance(spec.on, Anchor):
                # the same day as another point ("end: l2.start"): one point, no distance
                # of its own (two lines before an operation the case counts from warned it)
                continue
            if width < POS // 2 and k != only and chrono.difference(only, k) is None:
                return None
        return only

    def _anchor_words(self, anchor: Anchor) -> str:
        """The point a date is written against, in words ("the start of 'dt'", "'surgery'")."""
        key = f"{anchor.event}.{anchor.part}" if anchor.part else anchor.event
        return self.labels.get(key) or self.labels.get(anchor.event) or f"'{anchor.event}'"

    def close_to_anchor(
        self, chrono: Distances, key: str, limit: int, settled: bool = False
    ) -> str | None:
        """The point an event is dated within ``limit`` days of, among those its date refers
        to (``{after: cef, within: 3 months}``: its window is wide only because that event's
        is; the point itself where its own date is that narrow), else None. Read off the
        relations the point's own date sets, so the check costs nothing per point.

        ``settled``: the bounds are the fixpoint of the constraints, so each is the very window
        of its point, and the distance between two points is at least as uncertain as their
        windows differ: such a pair is not searched."""
        if self.direct.get(key, POS) <= limit + _SLACK:
            return key
        if len(self.bounds) > _EXACT_POINTS:
            return None  # a large case: only what the date itself states (searches cost n²)
        lo, hi = self.raw(key)
        for other in self.links.get(key, {}).values():
            if other is None:
                continue
            if settled and not _may_be_close(lo, hi, *self.raw(other), limit + _SLACK):
                continue
            found = chrono.difference(other, key)
            if found is not None and found[1] - found[0] <= limit + _SLACK:
                return other
        return None

    def _only_by_order(self, key: str, chrono: Distances | None = None) -> str:
        """How a point known only by order is, in words: one written `unknown`, against no
        other date, follows or precedes no event of its own ("known only by order, at no
        stated distance from the events it follows or precedes" was said of a PD-L1 test
        written `date: unknown`)."""
        written = self.specs.get(key)
        alias = self.alias
        if (
            written is not None
            and written[0].kind == "unknown"
            and not any(self.links.get(key, {}).values())
            # (nor is any date written against it: a gastrectomy written `unknown` that the
            # diagnosis precedes and a recurrence follows "3 months" on is bounded by them)
            and not any(
                alias.get(v, v) == key for found in self.links.values() for v in found.values() if v
            )
        ):
            return (
                "is not dated (written 'unknown'): nothing but the end of the case (the last"
                " follow-up or death) bounds it, and the drawing places it by the case's order"
                " alone"
            )
        # (one a stated distance ties to another date, itself known only by order: a
        # leptomeningeal spread 3 months before the death was said to be at no stated
        # distance from the events around it)
        # (not the same day, which is no distance: a resistance written on the day of a no
        # response; and one the file infers is said so)
        tied = (
            sorted(
                other
                for other in {
                    *(v for v in self.links.get(key, {}).values() if v),
                    *(k for k, found in self.links.items() if key in found.values()),
                }
                if other != key
                and (gap := chrono.difference(key, other)) is not None
                and gap[1] - gap[0] <= 31
                and gap != (0, 0)
            )
            if chrono is not None
            else []
        )
        if tied:
            other = tied[0]
            inferred = any(
                (written := self.specs.get(x)) is not None and written[0].inferred
                for x in (key, other)
            )
            how = "a distance the file infers" if inferred else "a stated distance"
            return (
                f"is known only by order: {how} ties it to"
                f" {self.labels.get(other, repr(other))}, itself known only by order"
            )
        return (
            "is known only by order, at no stated distance from the events it follows or precedes"
        )

    def _one_sided(self, chrono: Distances, key: str) -> str | None:
        """A point of a relative case whose date states a least distance from an event it
        refers to, in the case's own words ("comes at least 4 weeks after the start of
        'nivolumab', but how long after is not stated"); None when it states none, or when the
        distance is bounded the other way too (``after:`` and ``before:`` the diagnosis plus
        17.5 and 18.5 years: :meth:`_relative_window` says that window)."""
        written = self.specs.get(key)
        if written is None:
            return None
        spec, links = written[0], self.links.get(key, {})
        for side, offset in (("after", spec.after_offset), ("before", spec.before_offset)):
            other = links.get(side)
            if offset is None or not other or chrono.difference(other, key) is not None:
                continue
            sign = 1 if side == "after" else -1
            if offset.amount * sign > 0:
                n = abs(offset.amount)
                amount = f"{n:g} {offset.unit.removesuffix('s') if n == 1 else offset.unit}"
                about = "about " if offset.approx else ""
                return (
                    f"comes at least {about}{amount} {side} {self.labels.get(other, other)},"
                    f" but how long {side} is not stated"
                )
        return None

    def _relative_window(self, chrono: Distances, key: str) -> str | None:
        """A point of a relative case bounded on both sides by an event it refers to, in words
        ("lies between 0 and 9 months after the start of 'trabectedin'"); None when no event
        it refers to bounds it both ways."""
        best: tuple[int, int, str] | None = None
        for other in self.links.get(key, {}).values():
            if not other:
                continue
            found = chrono.difference(other, key)
            if found is not None and (best is None or found[1] - found[0] < best[1] - best[0]):
                best = (found[0], found[1], other)
        if best is None:
            return None
        lo, hi, other = best
        name = self.labels.get(other, other)

        if lo >= 0:
            where = f"between {_between(lo, hi)} after {name}"
        elif hi <= 0:
            where = f"between {_between(-hi, -lo)} before {name}"
        else:
            where = f"between {_amount(-lo, True)} before and {_amount(hi, True)} after {name}"
        width = _amount(hi - lo, True)
        if (lo >= 0 or hi <= 0) and width.endswith(" months"):
            # (the width of the bounds as said, each rounded away from the window's inside:
            # "between 1 and 15 months …, a window of 13 months" did not add up)
            near, far = sorted((abs(lo), abs(hi)))
            said = _amount(far, True), _amount(near, False)
            if all(x.endswith(" months") for x in said):
                width = f"{int(said[0].split()[0]) - int(said[1].split()[0])} months"
        return f"lies {where}, a window of {width}"

    def forced_onto_one_day(self, chrono: Distances) -> None:
        """C015 for a date written after or before another point (``after: X``) that the
        rest of the case puts on that point's very day: the order written allows the same
        day, so an end written before its own start, or a salvage written to start after a
        recurrence and to end before it, passed, drawn as one day ("duration L1 a single
        day"). Each pair once; not a point written on another's day (C014's, if after it)."""
        alias, seen = self.alias, set()
        # (in the order of the keys, not the file's: two dates each written before the other
        # are warned of at the same one whichever the file lists first)
        for key, links in sorted(self.links.items()):
            for role in ("after", "before"):
                other = links.get(role)
                if not other:
                    continue
                a, b = alias.get(key, key), alias.get(other, other)
                if a == b or (a, b) in seen:
                    continue
                # (two points forced onto one day share their window: most pairs are told
                # apart by it without a search)
                if self.bounds.get(a) != self.bounds.get(b) or chrono.difference(b, a) != (0, 0):
                    continue
                seen |= {(a, b), (b, a)}
                spec = self.specs[key][0]
                self.problems.add(
                    "C015",
                    spec.location or Location(self.path),
                    f"{self.name(key)} is written {role} {self.name(other)}, but the case's other"
                    f" dates put it on that very day: the two are drawn as one day; check the"
                    f" order of the dates they rest on (an end written before its own start, a"
                    f" therapy written to start after an event and to end before it), or, if"
                    f" the source puts them on the same day, write the date as '{other}'",
                )

    def wide_windows(self, chrono: Distances, limit: int, settled: bool = False) -> None:
        """Warn of dates the case leaves uncertain over more than ``limit`` days (C008), where
        the file could say more: not a calendar date as the source gives it, not a point that
        is the same day as another (that one is warned), not an exposure that follows its
        regimen. ``settled``: the bounds are the fixpoint of the constraints."""
        alias, specs, bounds = self.alias, self.specs, self.bounds
        calendar_case = any(lo > OPEN_LO or hi < OPEN_HI for lo, hi in bounds.values())
        # a point known within a calendar window on both sides: else the case is drawn and
        # shown relative to one of its events (timeline.schedule)
        closed_case = any(lo > OPEN_LO and hi < OPEN_HI for lo, hi in bounds.values())
        narrow = limit + _SLACK
        # (only a case with no calendar date hangs on one of its own dates)
        hung_on = None if calendar_case else self._hung_on(chrono)
        seen: set[str] = set()
        wide: list[tuple[str, Location, str, int]] = []
        unplaced: set[str] = set()
        # the points some relation of the case holds (every event is before the last
        # follow-up): asked only of a point with no date of its own in a relative case
        related: set[str] | None = None
        # the points some date is written against (`after: op`, `from: op`)
        linked_to = {
            alias.get(k, k) for written in self.links.values() for k in written.values() if k
        }
        # the wide points excused by the point they are written close to: that point, and the
        # warning each would have had (None: a date written as a distance from it)
        excused: dict[str, tuple[str, tuple[str, Location, str, int] | None]] = {}
        for s, e, label in self.targets.values():
            for key in (s,) if s == e else (s, e):
                # a point held under another's key is that one's; each point once
                if (
                    (key in alias and alias[key] != key)
                    or key in seen
                    or (key == "diagnosis" and not calendar_case)
                ):
                    continue
                seen.add(key)
                written = specs.get(key)
                if written is None:
                    continue
                spec = written[0]
                if spec.kind == "offset" or (
                    spec.kind == "on" and not isinstance(spec.on, CalendarDate)
                ):
                    # (as wide as the point it is written from: excused by it)
                    source = self.links.get(key, {})
                    anchor = source.get("from") or source.get("on")
                    if anchor:
                        excused[key] = (alias.get(anchor, anchor), None)
                    continue
                if (
                    spec.kind == "between"
                    and spec.after is None
                    and isinstance(spec.before, CalendarDate)
                    and spec.within is not None
                    and isinstance(self.case.event(key.partition(".")[0]), FollowUp)
                ):
                    # a last follow-up "to date", at the writing: within a stated time before
                    # the publication, as the format says to write it; the source says no more
                    # (the form docs/case-format.md gives was warned of, asking for 3 months)
                    continue
                if spec.kind == "unknown" and key == e != s:
                    # an end written `unknown` is not reported, as one left out is: no warning
                    # for either (avelumab's `end: unknown` was warned of, bounded by the
                    # report's publication, and the same end left out was not)
                    continue
                lo, hi = bounds.get(key, _OPEN)
                if lo > OPEN_LO and hi < OPEN_HI and hi - lo <= narrow:
                    continue
                if key == "diagnosis" and (lo <= OPEN_LO or hi >= OPEN_HI):
                    # (a diagnosis the source does not date, before the first date it gives,
                    # is drawn at that side with its arrow; one known within a closed window,
                    # "between the presentation in December 2016 and 2018", is drawn at a day
                    # in its middle and warned as any other date is)
                    continue
                if _as_precise(hi - lo, (spec.on, spec.after, spec.before)):
                    continue  # as precise as the source's own date
                near = self.close_to_anchor(chrono, key, limit, settled)
                if near is not None:
                    if near != key:
                        event = self.case.event(key.split(".")[0])
                        where = spec.location or (event.location if event is not None else None)
                        excused[key] = (
                            alias.get(near, near),
                            (key, where or Location(self.path), label, hi - lo),
                        )
                    continue
                if not calendar_case and lo <= OPEN_LO and hi >= OPEN_HI:
                    links = [k for k in self.links.get(key, {}).values() if k]
                    if key == hung_on or (not links and (key in linked_to or "." in key)):
                        # the point a relative case hangs on: none of its own, or the one
                        # other dates are a stated distance from (written `{after: diagnosis}`,
                        # it is the diagnosis that is known only by order)
                        continue
                    if related is None:
                        related = {
                            alias.get(k, k) for c in self.constraints for k in (c.a, c.b) if k
                        }
                    if not links and key not in related:
                        # no date, and no event is dated against it: nothing places it (an
                        # operation written `date: unknown` in a case without a calendar date
                        # was left out of the drawing without a word); the start or end of a
                        # span is held by its other end; one held only by the case's own
                        # order (no later than the last follow-up) is placed by it, and drawn
                        # ("nothing places it" was said of one drawn before the follow-up)
                        unplaced.add(key)
                event = self.case.event(key.split(".")[0])
                where = spec.location or (event.location if event is not None else None)
                wide.append((key, where or Location(self.path), label, hi - lo))
        if closed_case:
            # (a loop open on a side, in a case with a date on the calendar on both sides: in
            # a case told in distances every window is open, and its points are warned of
            # as they are placed, against the point it hangs on)
            written_against = {
                k: {alias.get(v, v) for v in found.values() if v} for k, found in self.links.items()
            }
            wide += [
                w
                for w in _excused_by_each_other(excused, {w[0] for w in wide}, written_against)
                if self.raw(w[0])[0] <= OPEN_LO or self.raw(w[0])[1] >= OPEN_HI
            ]
        for canon, where, _label, days in wide:
            name = self.labels.get(canon, canon)
            lo, hi = self.raw(canon)
            written = specs.get(canon)
            # (a date "N cycles" of unstated length after another: placed at two weeks a
            # cycle, which "only at its earliest day" did not say)
            unstated = written[0].unstated_cycles if written is not None else None
            if unstated and lo > OPEN_LO and hi >= OPEN_HI:
                after = written[0].after if written is not None else None
                from_ = (
                    self.labels.get(f"{after.event}.{after.part or 'start'}", f"'{after.event}'")
                    if isinstance(after, Anchor)
                    else "the date it follows"
                )
                counted = "1 cycle" if unstated == 1 else f"{unstated} cycles"
                before = written[0].before if written is not None else None
                # (a response "6 cycles" after pembrolizumab's start, before an undated
                # operation: "no date bounds it from above" read as if the 'before:' was lost)
                unbounded = (
                    f"{self._anchor_words(before)}, which it comes before, has no latest day"
                    if isinstance(before, Anchor)
                    else "no date bounds it from above"
                )
                self.problems.add(
                    "C008",
                    where,
                    f"{name} comes {counted} of unstated length after {from_}, and {unbounded}:"
                    " the drawing places it at two weeks a cycle, or by its order alone where"
                    " nothing dated after it bounds that length, neither of which the source"
                    " gives; if the source gives the length of the"
                    " cycles, write it on the regimen ('cycle: 3 weeks'); else if it says"
                    " more, narrow the date ('within: 3 months', a 'before:', or the year with"
                    " 'at:')",
                )
                continue
            if lo <= OPEN_LO or hi >= OPEN_HI:
                before = written[0].before if written is not None else None
                # (an end written "before the operation", itself undated: "no date bounds it
                # from above" read as if the 'before:' had been lost)
                bounded_by = (
                    f"{self._anchor_words(before)}, which it comes before, has none either"
                    if isinstance(before, Anchor)
                    else "no date bounds it from above"
                )
                span = (
                    "has no earliest day"
                    if lo <= OPEN_LO
                    # (said so: a curative operation written only "after the diagnosis", with
                    # a recurrence dated 8 years on, was drawn after the recurrence; it is now
                    # drawn at its earliest day, and only a date the case puts after every
                    # later one goes past the scale)
                    else f"has no latest day ({bounded_by}), so the drawing can place it only"
                    " at its earliest day or by its order, not when it was"
                )
                if canon in unplaced:
                    span = (
                        "has no date, and no other date of the case is written against it nor"
                        " it against one: nothing places it in time, and the drawing leaves it"
                        " out (it says so under the figure)"
                    )
                elif not closed_case:
                    # no date of the case is on the calendar (at most a latest day, such as the
                    # publication): it is drawn and shown in months from an event, and said so
                    span = (
                        self._one_sided(chrono, canon)
                        or self._relative_window(chrono, canon)
                        or self._only_by_order(canon, chrono) + _calendar_side(lo, hi)
                    )
                elif lo <= OPEN_LO and hi >= OPEN_HI:
                    span = (
                        "is not tied to any dated event"
                        if calendar_case
                        else self._one_sided(chrono, canon)
                        or self._relative_window(chrono, canon)
                        or self._only_by_order(canon, chrono) + _calendar_side(lo, hi)
                    )
                what = f"{name} {span}"
            else:
                what = (
                    f"{name} is known only within {Bounds(lo, hi).text()}"
                    f" ({days / DAYS_PER_MONTH:.0f} months)"
                )
            event = self.case.event(canon.partition(".")[0])
            cycles = (
                event.cycles
                if isinstance(event, Regimen)
                and canon.endswith(".end")
                and event.cycle_length is None
                else None
            )
            length = (
                # its length is what the source may give: "6 cycles" of how many weeks
                (
                    "if the source gives the length of its cycle, write it"
                    if cycles == 1
                    else f"if the source gives the length of its {cycles} cycles, write it"
                )
                + " ('cycle: 3 weeks'); else "
                if cycles
                else ""
            )
            if not length and written is not None and written[0].unstated_cycles:
                # (a date "after 2 cycles" of unstated length: the length of the cycles is
                # what would date it, and the hint left it out)
                length = (
                    "if the source gives the length of the cycles, write it on the regimen"
                    " ('cycle: 3 weeks'); else "
                )
            self.problems.add(
                "C008",
                where,
                f"{what}; {length}if the source says more, narrow it ('within: 3 months' with"
                " 'after:' for \"soon after\", a 'before:', or the year with 'at:')",
            )


def _calendar_side(lo: int, hi: int) -> str:
    """The one calendar side a point known otherwise only by order has, in words (", and as
    no later than 2007-12-31"), or nothing: such a date is not "only" by order."""
    if hi < OPEN_HI and lo <= OPEN_LO:
        return f", and as no later than {datetime.date.fromordinal(hi).isoformat()}"
    if lo > OPEN_LO and hi >= OPEN_HI:
        return f", and as no earlier than {datetime.date.fromordinal(lo).isoformat()}"
    return ""
