"""Resolving every date of a case into earliest/latest calendar days, and checking them.

Each event contributes time points (a point event one, a span a start and an end; each
exposure of a regimen its own start and end). A date written in the file gives a point its
first bounds: its precision, or the bounds of the events it refers to, shifted by an offset
with pendulum's calendar arithmetic. The points are resolved in dependency order
(:mod:`graphlib`), so a date may refer to any other wherever it stands in the file; a circle
of references is an error (C004).

Then the ordering facts are checked and propagated, as difference constraints
``lo <= b - a <= hi`` in days: a span starts before it ends, ``after``/``before``/``from``
hold, an exposure lies within its regimen, nothing follows death or the last follow-up. A
constraint that cannot hold under any reading of the uncertain dates is reported naming both
events; the others narrow the bounds of the points they join (an unknown start gets a latest
day from the events that must come after it). Propagation repeats until nothing changes,
as in Bellman–Ford; a system still changing after as many rounds as there are points holds a
contradiction that runs through several events (C003).
"""

from __future__ import annotations

import graphlib
from collections import deque

import attrs
import pendulum
from attrs import define, frozen

from timeline.dates import DAYS_PER_MONTH, Anchor, CalendarDate, DateSpec, Duration, Point
from timeline.model import (
    Case,
    Death,
    Event,
    Exposure,
    FollowUp,
    Regimen,
    Resistance,
    Toxicity,
)
from timeline.problems import Location, Problems, suggest
from timeline.queries import point_key

__all__ = ["NEG", "POS", "Bounds", "Chronology", "dose_change_key", "resolve"]

_NEG, _POS = -(10**9), 10**9
#: the sentinels of an open window (a bound beyond ±10⁸ is open)
NEG, POS = _NEG, _POS
#: the last day Python's calendar holds (9999-12-31)
_MAX_ORDINAL = 3652059
#: the calendar a case can lie in (ordinals of 1800-01-01 and 2200-12-31)
_FIRST_DAY, _LAST_DAY = 657072, 803533
_OPEN_LO, _OPEN_HI = _NEG // 2, _POS // 2  # beyond these a bound is open


@frozen
class Bounds:
    """The earliest and latest day a time point can be (open ends allowed).

    Held as proleptic Gregorian ordinals, so that rules compare integers; ``earliest`` and
    ``latest`` give pendulum dates (``None`` where open) for reading.
    """

    lo: int
    hi: int

    @property
    def first_day(self) -> int | None:
        """The earliest day as an ordinal, else the latest, else ``None`` (fully open)."""
        if self.lo > _OPEN_LO:
            return self.lo
        return self.hi if self.hi < _OPEN_HI else None

    @property
    def earliest(self) -> pendulum.Date | None:
        """The earliest day, or None where open (or, after a contradiction, off the calendar)."""
        return pendulum.Date.fromordinal(self.lo) if 1 <= self.lo <= _MAX_ORDINAL else None

    @property
    def latest(self) -> pendulum.Date | None:
        return pendulum.Date.fromordinal(self.hi) if 1 <= self.hi <= _MAX_ORDINAL else None

    def text(self) -> str:
        lo, hi = self.earliest, self.latest
        if lo is None and hi is None:
            return "unknown"
        if lo is None:
            return f"by {hi}"
        if hi is None:
            return f"from {lo}"
        if lo == hi:
            return str(lo)
        if lo.day == 1 and hi == lo.end_of("month"):
            return f"{lo.year:04d}-{lo.month:02d}"
        if lo.day == 1 and lo.month == 1 and hi.month == 12 and hi.day == 31 and hi.year == lo.year:
            return str(lo.year)
        return f"{lo} – {hi}"


@define
class _Constraint:
    a: str
    b: str
    lo: int
    hi: int
    code: str
    location: Location
    why: str


class Chronology:
    """The resolved dates of one case."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self._bounds: dict[str, list[int]] = {}
        self._alias: dict[str, str] = {}
        self._edges: dict[str, list[tuple[str, int]]] = {}
        self._cache: dict[str, Bounds] = {}  # filled once resolution is complete
        self._starts: dict[int, Bounds] = {}  # by identity of the (immutable) event
        self._ends: dict[int, Bounds] = {}
        self.labels: dict[str, str] = {}

    # -- public look-ups -------------------------------------------------------------------
    def bounds(self, key: str) -> Bounds:
        found = self._cache.get(key)
        if found is None:
            lo, hi = self._bounds.get(self._alias.get(key, key), (_NEG, _POS))
            found = self._cache[key] = Bounds(lo, hi)
        return found

    def start(self, item: Event | Exposure) -> Bounds:
        found = self._starts.get(id(item))
        if found is None:
            found = self._starts[id(item)] = self.bounds(point_key(item, "start"))
        return found

    def end(self, item: Event | Exposure) -> Bounds:
        found = self._ends.get(id(item))
        if found is None:
            found = self._ends[id(item)] = self.bounds(point_key(item, "end"))
        return found

    def diagnosis(self) -> Bounds:
        return self.bounds("diagnosis")

    def difference(self, a: str, b: str) -> tuple[int, int] | None:
        """The fewest and most days from point ``a`` to point ``b`` under every constraint.

        Unlike subtracting the two points' bounds, this keeps what links them: an end defined
        as "50 months from the start" is 50 months after it however uncertain the start. It is
        the shortest-path reading of a simple temporal network (Dechter, Meiri and Pearl
        1991): max(b − a) is the shortest path a → b, min(b − a) minus the one b → a.
        ``None`` when either direction is unbounded.
        """
        a, b = self._alias.get(a, a), self._alias.get(b, b)
        longest = self._shortest(a, b)
        shortest = self._shortest(b, a)
        if longest is None or shortest is None:
            return None
        return -shortest, longest

    def least(self, a: str, b: str) -> int | None:
        """The fewest days from point ``a`` to point ``b`` (``None`` when unbounded), also when
        the most is unbounded: a therapy with an open end still lasts at least its cycles."""
        a, b = self._alias.get(a, a), self._alias.get(b, b)
        back = self._shortest(b, a)
        return None if back is None else -back

    def _shortest(self, source: str, target: str) -> int | None:
        dist = {source: 0}
        queue = deque([source])
        queued = {source}
        limit = 4 * (len(self._edges) + 2) ** 2
        while queue and limit:
            limit -= 1
            u = queue.popleft()
            queued.discard(u)
            du = dist[u]
            for v, w in self._edges.get(u, ()):
                if dist.get(v, _POS) > du + w:
                    dist[v] = du + w
                    if v not in queued:
                        queue.append(v)
                        queued.add(v)
        return dist.get(target)

    def canonical(self, key: str) -> str:
        """The key under which a point is held (an exposure's start may be its regimen's)."""
        return self._alias.get(key, key)

    def windows(self) -> dict[str, tuple[int, int]]:
        """Every point held, with its propagated earliest and latest day (ordinals)."""
        return {k: (v[0], v[1]) for k, v in self._bounds.items()}

    def distance_graph(
        self,
    ) -> tuple[dict[str, list[tuple[str, int]]], dict[str, list[tuple[str, int]]]]:
        """The constraints as a distance graph: ``fwd[u]`` holds ``(v, w)`` for ``v - u <= w``,
        ``back[v]`` the same edges reversed as ``(u, w)``. The node ``""`` is day zero."""
        back: dict[str, list[tuple[str, int]]] = {}
        for u, edges in self._edges.items():
            for v, w in edges:
                back.setdefault(v, []).append((u, w))
        return self._edges, back

    def raw(self, key: str) -> tuple[int, int]:
        lo, hi = self._bounds.get(self._alias.get(key, key), [_NEG, _POS])
        return lo, hi


def dose_change_key(exp: Exposure, n: int) -> str:
    """The key of the ``n``-th dose change (from 1) of an exposure."""
    return f"{exp.key}.dose{n}"


def _shift(day: int, duration: Duration | None, least: bool = False) -> int:
    """``day`` moved by ``duration`` in calendar arithmetic (an approximate duration by the
    least or the most it can be); an open bound stays open."""
    if duration is None or day <= _OPEN_LO or day >= _OPEN_HI:
        return day
    if duration.approx or not 1 <= day <= _MAX_ORDINAL:
        lo, hi = duration.days_range()
        return day + (lo if least else hi)
    try:
        return duration.shift(pendulum.Date.fromordinal(day)).toordinal()
    except (ValueError, OverflowError):  # off the calendar: C003 reports it after propagation
        return day + duration.days_range()[0 if least else 1]


def _add(day: int, days: int) -> int:
    """``day`` moved by ``days``; an open bound stays open."""
    return day if day <= _OPEN_LO or day >= _OPEN_HI else day + days


def _ordinal_bounds(date: CalendarDate, approx: bool) -> list[int]:
    lo, hi = date.bounds(approx)
    return [lo.toordinal(), hi.toordinal()]


class _Resolver:
    def __init__(self, case: Case, problems: Problems) -> None:
        self.case = case
        self.problems = problems
        self.chrono = Chronology(case)
        self.specs: dict[str, tuple[DateSpec, str]] = {}  # point key -> (spec, owner label)
        self.constraints: list[_Constraint] = []
        self.targets: dict[str, tuple[str, str, str]] = {}  # id -> (start key, end key, label)
        self.direct: dict[str, int] = {}  # point -> width of its tightest written relation
        self.evaluating = ""  # the point whose date is being read
        self.path = case.path

    # -- building the points ---------------------------------------------------------------
    def register(self) -> None:
        ch = self.chrono
        self.targets["diagnosis"] = ("diagnosis", "diagnosis", "the diagnosis")
        self.specs["diagnosis"] = (self.case.diagnosis.date, "the diagnosis")
        ch.labels["diagnosis"] = "the diagnosis"
        follow_up = next((e for e in self.case.events if isinstance(e, FollowUp)), None)
        for event in self.case.events:
            label = f"'{event.label()}'"
            if event.is_span:
                s, e = f"{event.id}.start", f"{event.id}.end"
                self.targets[event.id] = (s, e, label)
                ch.labels[s], ch.labels[e] = f"the start of {label}", f"the end of {label}"
                assert event.start is not None
                self.specs[s] = (event.start, label)
                if event.end is not None:
                    self.specs[e] = (event.end, label)
                elif isinstance(event, Regimen) and event.ongoing and follow_up is not None:
                    ch._alias[e] = follow_up.id
                if ch._alias.get(e) == getattr(follow_up, "id", None) and follow_up is not None:
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
                if isinstance(event, Regimen) and event.cycles and not event.ongoing:
                    self.cycles_take_time(
                        s, e, event.cycles, event.cycle_length, event, label, event.location
                    )
            elif isinstance(event, Toxicity) and event.end_date is not None:
                # a toxicity with an end: the event is its start, "id.end" its end
                e = f"{event.id}.end"
                self.targets[event.id] = (event.id, e, label)
                ch.labels[event.id], ch.labels[e] = label, f"the end of {label}"
                self.specs[event.id] = (event.start, label)  # type: ignore[assignment]
                self.specs[e] = (event.end_date, label)
                self.order(event.id, e, "C001", event, f"{label} must start before it ends")
            else:
                self.targets[event.id] = (event.id, event.id, label)
                ch.labels[event.id] = label
                assert event.start is not None
                self.specs[event.id] = (event.start, label)
            if isinstance(event, Regimen):
                for exp in event.exposures:
                    self.exposure(event, exp)
        age = self.case.patient.age
        if age is not None and age.at is not None:
            self.specs["patient.age"] = (age.at, "the patient's age")
            ch.labels["patient.age"] = "the date of the patient's age"

    def exposure(self, regimen: Regimen, exp: Exposure) -> None:
        label = f"'{exp.agent.name}' in '{regimen.label()}'"
        s, e = f"{exp.key}.start", f"{exp.key}.end"
        self.targets[exp.key] = (s, e, label)
        self.chrono.labels[s], self.chrono.labels[e] = (
            f"the start of {label}",
            f"the end of {label}",
        )
        rs, re_ = f"{regimen.id}.start", f"{regimen.id}.end"
        if exp.start_date is None:
            self.chrono._alias[s] = rs
        else:
            self.specs[s] = (exp.start_date, label)
            self.order(
                rs, s, "C003", regimen, f"{label} must start within its regimen", exp.location
            )
        if exp.end_date is None:
            self.chrono._alias[e] = self.chrono._alias.get(re_, re_)
        else:
            self.specs[e] = (exp.end_date, label)
            self.order(
                e, re_, "C003", regimen, f"{label} must end within its regimen", exp.location
            )
        if exp.start_date is not None or exp.end_date is not None:
            self.order(s, e, "C001", regimen, f"{label} must start before it ends", exp.location)
        if exp.cycles and not (regimen.ongoing and exp.end_date is None):
            self.cycles_take_time(
                s, e, exp.cycles, regimen.cycle_length, regimen, label, exp.location
            )
        for n, change in enumerate(exp.dose_changes, 1):
            key = dose_change_key(exp, n)
            what = f"the dose change to {change.dose} of {label}"
            self.chrono.labels[key] = what
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
        hi: int = _POS,
    ) -> None:
        where = location or owner.location or Location(self.path)
        self.constraints.append(_Constraint(a, b, lo, hi, code, where, why))

    # -- resolving references --------------------------------------------------------------
    def anchor_key(self, anchor: Anchor, default: str) -> str | None:
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
        self.links: dict[str, dict[str, str | None]] = {}
        alias = self.chrono._alias
        for key, (spec, label) in self.specs.items():
            links: dict[str, str | None] = {}
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
            self.links[key] = links
            hard[key] = {alias.get(k, k) for r, k in links.items() if k and r in ("on", "from")}
            soft[key] = {
                alias.get(k, k) for r, k in links.items() if k and r in ("after", "before")
            }
        return hard, soft

    def open_end_warning(self, anchor: Anchor, label: str) -> None:
        """``after: X`` where X is a span whose end the file does not give (C007)."""
        event = self.case.event(anchor.event)
        if (
            event is None
            or not event.is_span
            or event.end is not None
            or (isinstance(event, Regimen) and event.ongoing)
        ):
            return
        self.problems.add(
            "C007",
            anchor.location or Location(self.path),
            f"{label} is dated after '{anchor.event}', whose end is not given, so it is only"
            f" known to follow its start; give '{anchor.event}' an end (or 'unknown' bounds), or"
            f" write '{anchor.event}.start' to say so",
        )

    def resolve(self) -> Chronology:
        self._live: list[_Constraint] = []
        self.register()
        hard, soft = self.dependencies()
        try:  # order also by 'after'/'before' where it can, so that first bounds are tight
            both = {k: hard[k] | soft[k] for k in hard}
            order = list(graphlib.TopologicalSorter(both).static_order())
        except graphlib.CycleError:
            order = self.order_without_circles(hard)
        for key in order:
            if key in self.specs and key not in self.chrono._bounds:
                self.evaluate(key)
        for key in self.specs:
            self.chrono._bounds.setdefault(key, [_NEG, _POS])
        for s, e, _label in self.targets.values():  # ends the file leaves open are points too
            for key in (s, e):
                self.chrono._bounds.setdefault(self.chrono._alias.get(key, key), [_NEG, _POS])
        self.general_constraints()
        self.check_and_propagate()
        _network(self.chrono, self._live)
        return self.chrono

    def close_to_anchor(self, key: str, limit: int) -> bool:
        """Whether the point is dated within ``limit`` days of an event it refers to (``{after:
        cef, within: 3 months}``: its window is wide only because that event's is). Read off
        the relations the point's own date sets, so the check costs nothing per point."""
        if self.direct.get(key, _POS) <= limit + _SLACK:
            return True
        if len(self.chrono._bounds) > _EXACT_POINTS:
            return False  # a large case: only what the date itself states (searches cost n²)
        for other in getattr(self, "links", {}).get(key, {}).values():
            if other is None:
                continue
            found = self.chrono.difference(other, key)
            if found is not None and found[1] - found[0] <= limit + _SLACK:
                return True
        return False

    def wide_windows(self, limit: int) -> None:
        """Warn of dates the case leaves uncertain over more than ``limit`` days (C008), where
        the file could say more: not a calendar date as the source gives it, not a point that
        is the same day as another (that one is warned), not an exposure that follows its
        regimen."""
        alias = self.chrono._alias
        calendar_case = any(
            lo > _OPEN_LO or hi < _OPEN_HI for lo, hi in self.chrono._bounds.values()
        )
        seen: set[str] = set()
        wide: list[tuple[str, Location, str, int]] = []
        for s, e, label in self.targets.values():
            for key in dict.fromkeys((s, e)):
                canon = alias.get(key, key)
                if canon != key or canon in seen or canon == "diagnosis":
                    continue
                seen.add(canon)
                spec = self.specs.get(key, (None, ""))[0]
                if spec is None or (
                    (spec.kind == "on" and not isinstance(spec.on, CalendarDate))
                    or spec.kind == "offset"
                ):
                    continue
                lo, hi = self.chrono.raw(canon)
                if lo > _OPEN_LO and hi < _OPEN_HI and hi - lo <= limit + _SLACK:
                    continue
                calendar = (
                    [p for p in (spec.on, spec.after, spec.before) if isinstance(p, CalendarDate)]
                    if spec is not None
                    else []
                )
                if any(hi - lo <= (b := _ordinal_bounds(p, False))[1] - b[0] for p in calendar):
                    continue  # as precise as the source's own date
                if self.close_to_anchor(key, limit):
                    continue
                if not calendar_case and lo <= _OPEN_LO and hi >= _OPEN_HI:
                    links = [k for k in getattr(self, "links", {}).get(key, {}).values() if k]
                    if not links:
                        continue  # the point a relative case hangs on
                event = self.case.event(key.split(".")[0])
                where = (spec.location if spec is not None else None) or (
                    event.location if event is not None else None
                )
                wide.append((canon, where or Location(self.path), label, hi - lo))
        for canon, where, _label, days in wide:
            name = self.chrono.labels.get(canon, canon)
            lo, hi = self.chrono.raw(canon)
            if lo <= _OPEN_LO or hi >= _OPEN_HI:
                span = "has no earliest day" if lo <= _OPEN_LO else "has no latest day"
                if lo <= _OPEN_LO and hi >= _OPEN_HI:
                    span = (
                        "is not tied to any dated event"
                        if calendar_case
                        else "is known only by order, at no stated distance from any other event"
                    )
                what = f"{name} {span}"
            else:
                what = (
                    f"{name} is known only within {Bounds(lo, hi).text()}"
                    f" ({days / DAYS_PER_MONTH:.0f} months)"
                )
            self.problems.add(
                "C008",
                where,
                f"{what}; if the source says more, narrow it ('within: 3 months' with 'after:'"
                " for \"soon after\", a 'before:', or the year with 'at:')",
            )

    def order_without_circles(self, deps: dict[str, set[str]]) -> list[str]:
        """The points in dependency order; every circle of references is reported (C004) and
        its points left unresolved, however many circles there are."""
        broken: set[str] = set()
        while True:
            graph = {k: v - broken for k, v in deps.items() if k not in broken}
            try:
                return list(graphlib.TopologicalSorter(graph).static_order())
            except graphlib.CycleError as exc:
                cycle = exc.args[1]
                names = " → ".join(self.chrono.labels.get(k, k) for k in cycle)
                spec = self.specs.get(cycle[0])
                where = spec[0].location if spec and spec[0].location else Location(self.path)
                self.problems.add(
                    "C004",
                    where,
                    f"these dates are defined in a circle: {names}; anchor one of them to a date",
                )
                broken |= set(cycle)
                for k in cycle:
                    self.chrono._bounds[k] = [_NEG, _POS]

    def point(self, key: str | None, fallback: Point | None, approx: bool) -> list[int]:
        if isinstance(fallback, CalendarDate):
            return _ordinal_bounds(fallback, approx)
        if key is None:
            return [_NEG, _POS]
        return list(self.chrono.raw(key))

    def link(self, a: str, b: str, lo: int, hi: int, where: Location, why: str) -> None:
        self.constraints.append(_Constraint(a, b, lo, hi, "C003", where, why))
        # the tightest distance a date keeps to an event it is written from (for C008)
        own = self.evaluating
        if hi < _POS and own in (a, b):
            self.direct[own] = min(self.direct.get(own, _POS), hi - lo)

    def evaluate(self, key: str) -> None:
        """First bounds of one point from its date as written (references already resolved)."""
        self.evaluating = key
        spec, label = self.specs[key]
        links = self.links[key]
        where = spec.location or Location(self.path)
        on, after, before, origin = (links.get(r) for r in ("on", "after", "before", "from"))
        b = [_NEG, _POS]
        if spec.kind == "on":
            b = self.point(on, spec.on, spec.approx)
            if on:
                self.link(on, key, 0, 0, where, f"{label} is the same day")
        elif spec.kind == "between":
            found = self.between(key, spec, label, where, after, before)
            if found is None:
                self.chrono._bounds[key] = [_NEG, _POS]
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
                self.link(origin, key, dlo, dhi, where, f"{label} is {spec.offset.text} from it")
        self.chrono._bounds[key] = b

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
        a_lo, a_hi = self.point(after, spec.after, False) if spec.after else (_NEG, _POS)
        b_lo, b_hi = self.point(before, spec.before, False) if spec.before else (_NEG, _POS)
        amin, amax = spec.after_offset.days_range() if spec.after_offset else (0, 0)
        bmin, bmax = spec.before_offset.days_range() if spec.before_offset else (0, 0)
        wmax = spec.within.days_range()[1] if spec.within else None
        lo = _shift(a_lo, spec.after_offset, least=True) if spec.after else _NEG
        hi = _shift(b_hi, spec.before_offset) if spec.before else _POS
        if spec.within is not None and spec.after:
            hi = min(hi, _shift(_shift(a_hi, spec.after_offset), spec.within))
        elif spec.within is not None:
            back = attrs.evolve(spec.within, amount=-spec.within.amount)
            lo = max(lo, _shift(_shift(b_lo, spec.before_offset, least=True), back, least=True))
        if isinstance(spec.on, CalendarDate):
            clo, chi = _ordinal_bounds(spec.on, spec.approx)
            lo, hi = max(lo, clo), min(hi, chi)
        if lo > hi:
            parts = []
            if isinstance(spec.on, CalendarDate):
                parts.append(f"in {spec.on}")
            if spec.after:
                parts.append(f"after {self.describe(after) if after else spec.after}")
            if spec.before:
                parts.append(f"before {self.describe(before) if before else spec.before}")
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
            top = amax + wmax if wmax is not None else _POS
            why = f"{label} comes after it" + (
                f", within {spec.within.text}" if spec.within else ""
            )
            self.link(after, key, amin, top, where, why)
        if before:
            top = wmax - bmin if wmax is not None and not spec.after else _POS
            why = f"{label} comes before it" + (
                f", within {spec.within.text}" if spec.within and not spec.after else ""
            )
            self.link(key, before, -bmax, top, where, why)
        return [lo, hi]

    @staticmethod
    def shift(day: int, spec: DateSpec) -> int:
        if day <= _OPEN_LO or day >= _OPEN_HI:
            return day
        assert spec.offset is not None
        if not 1 <= day <= _MAX_ORDINAL:
            return day + spec.offset.typical_days()
        try:
            return spec.offset.shift(pendulum.Date.fromordinal(day)).toordinal()
        except (ValueError, OverflowError):  # off the calendar: reported after propagation
            return day + spec.offset.typical_days()

    def general_constraints(self) -> None:
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

    # -- checking --------------------------------------------------------------------------
    def fmt(self, lo: int, hi: int) -> str:
        return Bounds(lo, hi).text()

    def describe(self, key: str) -> str:
        lo, hi = self.chrono.raw(key)
        return f"{self.chrono.labels.get(key, key)} ({self.fmt(lo, hi)})"

    def check_and_propagate(self) -> None:
        alias = self.chrono._alias
        bounds = self.chrono._bounds
        live: list[_Constraint] = []
        for c in self.constraints:
            c.a, c.b = alias.get(c.a, c.a), alias.get(c.b, c.b)
            if c.a == c.b or c.a not in bounds or c.b not in bounds:
                continue
            (alo, ahi), (blo, bhi) = bounds[c.a], bounds[c.b]
            too_late = alo > _OPEN_LO and bhi < _OPEN_HI and alo + c.lo > bhi
            too_far = c.hi < _POS and ahi < _OPEN_HI and blo > _OPEN_LO and ahi + c.hi < blo
            if too_late or too_far:
                self.problems.add(
                    c.code,
                    c.location,
                    f"{c.why}: {self.describe(c.a)} cannot be reconciled with {self.describe(c.b)};"
                    " correct one of the two dates",
                )
                continue
            live.append(c)
        self._live = live
        # A worklist: a constraint is looked at again only when a bound it joins has moved, so a
        # chain of n dates settles in about n steps (not n rounds over every constraint). Only
        # closed bounds move others: an open end stays on its sentinel.
        touching: dict[str, list[int]] = {}
        for i, c in enumerate(live):
            touching.setdefault(c.a, []).append(i)
            touching.setdefault(c.b, []).append(i)
        queue = deque(range(len(live)))
        queued = set(queue)
        visits = [0] * len(live)
        limit = len(bounds) + 2
        while queue:
            i = queue.popleft()
            queued.discard(i)
            c = live[i]
            a, b = bounds[c.a], bounds[c.b]
            moved: list[str] = []
            if a[0] > _OPEN_LO and a[0] + c.lo > b[0]:
                b[0] = a[0] + c.lo
                moved.append(c.b)
            if b[1] < _OPEN_HI and b[1] - c.lo < a[1]:
                a[1] = b[1] - c.lo
                moved.append(c.a)
            if c.hi < _POS:
                if a[1] < _OPEN_HI and a[1] + c.hi < b[1]:
                    b[1] = a[1] + c.hi
                    moved.append(c.b)
                if b[0] > _OPEN_LO and b[0] - c.hi > a[0]:
                    a[0] = b[0] - c.hi
                    moved.append(c.a)
            if not moved:
                continue
            if a[0] > a[1] or b[0] > b[1]:
                self.problems.add(
                    "C003",
                    c.location,
                    f"{c.why}, but the dates around {self.chrono.labels.get(c.a, c.a)} and"
                    f" {self.chrono.labels.get(c.b, c.b)} cannot all hold together; check the chain"
                    " of dates that links them",
                )
                return
            visits[i] += 1
            if visits[i] > limit:  # still moving: a circle of relations that cannot all hold
                self.problems.add(
                    "C003",
                    c.location,
                    f"{c.why}: the dates that link these events contradict each other",
                )
                return
            for key in moved:
                for j in touching[key]:
                    if j not in queued:
                        queue.append(j)
                        queued.add(j)
        beyond = []
        for key, pair in bounds.items():  # settle drifted open ends back on the sentinels
            if pair[0] <= _OPEN_LO:
                pair[0] = _NEG
            if pair[1] >= _OPEN_HI:
                pair[1] = _POS
            if (pair[0] > _NEG and pair[0] > _LAST_DAY) or (
                pair[1] < _POS and pair[1] < _FIRST_DAY
            ):
                beyond.append(key)
        if beyond:
            key = beyond[0]
            spec = self.specs.get(key)
            where = (spec[0].location if spec else None) or Location(self.path)
            self.problems.add(
                "C003",
                where,
                f"the dates of the case push {self.chrono.labels.get(key, key)} beyond the"
                " calendar (before 1800 or after 2200); check the offsets and cycle counts that"
                " lead to it",
            )
            for pair in bounds.values():
                if not _FIRST_DAY <= pair[0] <= _LAST_DAY:
                    pair[0] = _NEG
                if not _FIRST_DAY <= pair[1] <= _LAST_DAY:
                    pair[1] = _POS


def _network(chrono: Chronology, live: list[_Constraint]) -> None:
    """The distance graph of the constraints (``b - a <= w`` is an edge a → b of weight w);
    the node ``""`` is day zero, tying each point to its absolute bounds."""
    edges: dict[str, list[tuple[str, int]]] = {}
    for c in live:
        if c.hi < _POS:
            edges.setdefault(c.a, []).append((c.b, c.hi))
        edges.setdefault(c.b, []).append((c.a, -c.lo))
    for key, (lo, hi) in chrono._bounds.items():
        if hi < _POS:
            edges.setdefault("", []).append((key, hi))
        if lo > _NEG:
            edges.setdefault(key, []).append(("", -lo))
    chrono._edges = edges


#: C008 warns of a date whose window is wider than this, in days (six months), by default
WIDE_WINDOW_DAYS = 183
#: calendar months differ in length: "within 6 months" may span a few days more than 183
_SLACK = 7
#: up to this many dates, C008 measures a date's distance to the events it refers to through
#: the whole network; beyond, only through the relations the date itself states
_EXACT_POINTS = 300


def resolve(case: Case, problems: Problems, wide_window: int = WIDE_WINDOW_DAYS) -> Chronology:
    """Resolve every date of ``case``; problems found on the way go to ``problems``. A date
    known only within a window wider than ``wide_window`` days gets a warning (C008)."""
    resolver = _Resolver(case, problems)
    chrono = resolver.resolve()
    if not problems.has_errors:
        resolver.wide_windows(wide_window)
    return chrono
