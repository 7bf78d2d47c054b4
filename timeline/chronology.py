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

import pendulum
from attrs import define, frozen

from timeline.dates import Anchor, CalendarDate, DateSpec, Duration, Point
from timeline.model import Case, Death, Event, Exposure, FollowUp, Regimen, Resistance
from timeline.problems import Location, Problems, suggest

__all__ = ["Bounds", "Chronology", "resolve"]

_NEG, _POS = -(10**9), 10**9
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
        return None if self.lo <= _NEG else pendulum.Date.fromordinal(self.lo)

    @property
    def latest(self) -> pendulum.Date | None:
        return None if self.hi >= _POS else pendulum.Date.fromordinal(self.hi)

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
            found = self._starts[id(item)] = self.bounds(_key(item, "start"))
        return found

    def end(self, item: Event | Exposure) -> Bounds:
        found = self._ends.get(id(item))
        if found is None:
            found = self._ends[id(item)] = self.bounds(_key(item, "end"))
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

    def raw(self, key: str) -> tuple[int, int]:
        lo, hi = self._bounds.get(self._alias.get(key, key), [_NEG, _POS])
        return lo, hi


def _key(item: Event | Exposure, part: str) -> str:
    if isinstance(item, Exposure):
        return f"{item.key}.{part}"
    return f"{item.id}.{part}" if item.is_span else item.id


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
                self.order(s, e, "C001", event, f"{label} must start before it ends")
                if isinstance(event, Regimen) and event.cycles and not event.ongoing:
                    self.cycles_take_time(
                        s, e, event.cycles, event.cycle_length, event, label, event.location
                    )
            else:
                self.targets[event.id] = (event.id, event.id, label)
                ch.labels[event.id] = label
                assert event.start is not None
                self.specs[event.id] = (event.start, label)
            if isinstance(event, Regimen):
                for exp in event.exposures:
                    self.exposure(event, exp)

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

    def dependencies(self) -> dict[str, set[str]]:
        deps: dict[str, set[str]] = {}
        self.links: dict[str, dict[str, str | None]] = {}
        for key, (spec, _label) in self.specs.items():
            links: dict[str, str | None] = {}
            for role, point, default in (
                ("on", spec.on, "start"),
                ("after", spec.after, "end"),
                ("before", spec.before, "start"),
                ("from", spec.origin, "start"),
            ):
                if isinstance(point, Anchor):
                    links[role] = self.anchor_key(point, default)
            self.links[key] = links
            deps[key] = {self.chrono._alias.get(k, k) for k in links.values() if k}
        return deps

    def resolve(self) -> Chronology:
        self._live: list[_Constraint] = []
        self.register()
        deps = self.dependencies()
        sorter = graphlib.TopologicalSorter(deps)
        try:
            order = list(sorter.static_order())
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
            broken = set(cycle)
            order = [
                k
                for k in graphlib.TopologicalSorter(
                    {k: v - broken for k, v in deps.items() if k not in broken}
                ).static_order()
            ]
            for k in broken:
                self.chrono._bounds[k] = [_NEG, _POS]
        for key in order:
            if key in self.specs and key not in self.chrono._bounds:
                self.evaluate(key)
        for key in self.specs:
            self.chrono._bounds.setdefault(key, [_NEG, _POS])
        self.general_constraints()
        self.check_and_propagate()
        _network(self.chrono, self._live)
        return self.chrono

    def point(self, key: str | None, fallback: Point | None, approx: bool) -> list[int]:
        if isinstance(fallback, CalendarDate):
            return _ordinal_bounds(fallback, approx)
        if key is None:
            return [_NEG, _POS]
        return list(self.chrono.raw(key))

    def link(self, a: str, b: str, lo: int, hi: int, where: Location, why: str) -> None:
        self.constraints.append(_Constraint(a, b, lo, hi, "C003", where, why))

    def evaluate(self, key: str) -> None:
        """First bounds of one point from its date as written (references already resolved)."""
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
            lo = self.point(after, spec.after, False)[0] if spec.after else _NEG
            hi = self.point(before, spec.before, False)[1] if spec.before else _POS
            if lo > hi:
                first = self.describe(after) if after else f"{spec.after}"
                second = self.describe(before) if before else f"{spec.before}"
                self.problems.add(
                    "C003",
                    where,
                    f"{label} is dated after {first} and before {second}, but the first comes"
                    " later; correct one of the two",
                )
                self.chrono._bounds[key] = [_NEG, _POS]
                return
            b = [lo, hi]
            if after:
                self.link(after, key, 0, _POS, where, f"{label} comes after it")
            if before:
                self.link(key, before, 0, _POS, where, f"{label} comes before it")
        elif spec.kind == "offset" and spec.offset is not None:
            start = self.point(origin, spec.origin, False)
            widen = 1 if spec.approx else 0
            b = [self.shift(start[0], spec, -widen), self.shift(start[1], spec, widen)]
            if origin:
                dlo, dhi = spec.offset.days_range()
                self.link(origin, key, dlo, dhi, where, f"{label} is {spec.offset.text} from it")
        self.chrono._bounds[key] = b

    @staticmethod
    def shift(day: int, spec: DateSpec, widen: int) -> int:
        if day <= _NEG or day >= _POS:
            return day
        assert spec.offset is not None
        date = spec.offset.shift(pendulum.Date.fromordinal(day))
        if widen:
            unit = spec.offset.unit
            date = date.add(**{unit: widen})
        return date.toordinal()

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
        # Bounds move by plain addition: an open end (±10⁹) stays far beyond any real day
        # (ordinals near 7.4 × 10⁵) after the few shifts of one case, so no clamping is needed.
        rows = [(bounds[c.a], bounds[c.b], c.lo, c.hi, c) for c in live]
        for _round in range(len(bounds) + 1):
            changed = None
            for a, b, lo, hi, c in rows:
                if a[0] + lo > b[0]:
                    b[0] = a[0] + lo
                    changed = c
                if b[1] - lo < a[1]:
                    a[1] = b[1] - lo
                    changed = c
                if hi < _POS:
                    if a[1] + hi < b[1]:
                        b[1] = a[1] + hi
                        changed = c
                    if b[0] - hi > a[0]:
                        a[0] = b[0] - hi
                        changed = c
            if changed is None:
                break
            for a, b, _lo, _hi, c in rows:
                if a[0] > a[1] or b[0] > b[1]:
                    self.problems.add(
                        "C003",
                        c.location,
                        f"{c.why}, but the dates around {self.chrono.labels.get(c.a, c.a)} and"
                        f" {self.chrono.labels.get(c.b, c.b)} cannot all hold together; check the chain"
                        " of dates that links them",
                    )
                    return
        else:
            assert changed is not None
            self.problems.add(
                "C003",
                changed.location,
                f"{changed.why}: the dates that link these events contradict each other",
            )
            return
        for pair in bounds.values():  # settle drifted open ends back on the sentinels
            if pair[0] <= _OPEN_LO:
                pair[0] = _NEG
            if pair[1] >= _OPEN_HI:
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


def resolve(case: Case, problems: Problems) -> Chronology:
    """Resolve every date of ``case``; problems found on the way go to ``problems``."""
    return _Resolver(case, problems).resolve()
