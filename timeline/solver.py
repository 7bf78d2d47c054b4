"""Solving the date constraints of a case: checking them, narrowing every window, and
naming the constraints at fault when they cannot all hold.

The constraints (:class:`timeline.constraints.Constraint`, ``lo <= b - a <= hi`` in days)
form a simple temporal network (Dechter, Meiri and Pearl, "Temporal constraint networks",
Artificial Intelligence 49, 1991). The solver

* checks each constraint against the first bounds of its two points: one that cannot hold
  under any reading of the uncertain dates is reported with its own code, naming both events;
* propagates the others, narrowing the bounds of the points they join (an unknown start gets
  a latest day from the events that must come after it), with a worklist that looks at a
  constraint again only when a bound it joins has moved, until nothing changes;
* reports a network that cannot hold (a window emptied, or bounds that keep moving round a
  circle of relations, or — among points no calendar date reaches — a circle of relative
  dates that contradict each other) as C003, naming the constraints of one negative cycle of
  its distance graph, the set that cannot hold together, each with its place in the file;
* reports dates pushed off the calendar (before 1800 or after 2200), C003 too;
* returns the distance graph, from which :class:`timeline.chronology.Chronology` answers
  questions about the distance between two points.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence

from timeline.constraints import Constraint, ConstraintBuilder
from timeline.dates import CalendarDate
from timeline.points import FIRST_DAY, LAST_DAY, NEG, OPEN_HI, OPEN_LO, POS, Bounds
from timeline.problems import Location, Problems

__all__ = [
    "DistanceGraph",
    "Network",
    "distance_graph",
    "negative_cycle",
    "solve",
    "solve_further",
    "strong_components",
]

#: ``graph[u]`` holds ``(v, w)`` for each constraint ``v - u <= w``; the node ``""`` is day zero
DistanceGraph = dict[str, list[tuple[str, int]]]

#: an edge of the distance graph, with what states it: a constraint, or a point's written date
_Edge = tuple[str, str, int, "Constraint | str"]


class Network:
    """The constraints of a case that hold (rewritten onto the keys their points are held
    under), and which of them join each point (made when first asked)."""

    __slots__ = ("_touching", "live")

    def __init__(self, live: list[Constraint]) -> None:
        self.live = live
        self._touching: dict[str, list[int]] | None = None

    @property
    def touching(self) -> dict[str, list[int]]:
        """Point -> the indices of the constraints that join it."""
        if self._touching is None:
            self._touching = {}
            self._index(0)
        return self._touching

    def extend(self, more: list[Constraint]) -> None:
        """Add constraints (kept in the index when it is made)."""
        start = len(self.live)
        self.live.extend(more)
        if self._touching is not None:
            self._index(start)

    def _index(self, start: int) -> None:
        touching = self._touching
        assert touching is not None
        for i in range(start, len(self.live)):
            c = self.live[i]
            touching.setdefault(c.a, []).append(i)
            touching.setdefault(c.b, []).append(i)


def solve(net: ConstraintBuilder, problems: Problems) -> tuple[DistanceGraph, bool, Network]:
    """Check and propagate the constraints of ``net`` (its bounds are narrowed in place);
    problems go to ``problems``. Returns the distance graph of the constraints that hold,
    whether the bounds are their fixpoint (no contradiction among them), and those
    constraints (for :func:`solve_further`)."""
    first = {k: (v[0], v[1]) for k, v in net.bounds.items()}
    network = Network(_check_pairs(net, problems))
    settled = _propagate(net, network, problems, first)
    if settled:
        _calendar(net, network)
        settled = _relative_circles(net, network.live, problems)
        _settle(net, problems)
    return distance_graph(network.live, net.bounds), settled, network


def solve_further(
    net: ConstraintBuilder, network: Network, added: int, problems: Problems
) -> tuple[DistanceGraph, bool]:
    """Add the last ``added`` constraints of ``net`` to a network :func:`solve` settled
    (``network``, its constraints that hold; extended in place) and propagate from them alone:
    the bounds were a fixpoint of the others, so only what the new ones move can move again.
    The same bounds as solving the whole network anew from its settled bounds (the greatest
    fixpoint of the constraints is one, whatever order they are looked at in), at a fraction
    of the cost. Returns what :func:`solve` does, but for the constraints."""
    first = {k: (v[0], v[1]) for k, v in net.bounds.items()}
    live = network.live
    before, reported = len(live), len(problems.items)
    network.extend(_check_pairs(net, problems, net.constraints[len(net.constraints) - added :]))
    if len(problems.items) > reported:
        return distance_graph(live, net.bounds), False  # (one cannot hold: reported)
    at = _narrow(net.bounds, live, network.touching, range(before, len(live)))
    if at is not None:
        _report_conflict(net, live, problems, first, live[at])
        return distance_graph(live, net.bounds), False
    _calendar(net, network)
    open_ = {k for k, (lo, hi) in net.bounds.items() if lo <= OPEN_LO and hi >= OPEN_HI}
    settled = True
    if any(c.a in open_ and c.b in open_ for c in live[before:]):
        # (a circle of relative dates the new constraints close: points still open both ways
        # are a subset of those open before, whose relations held no circle)
        settled = _relative_circles(net, live, problems)
    _settle(net, problems)
    return distance_graph(live, net.bounds), settled


def _describe(net: ConstraintBuilder, key: str) -> str:
    lo, hi = net.raw(key)
    return f"{net.name(key)} ({Bounds(lo, hi).text()})"


def _check_pairs(
    net: ConstraintBuilder, problems: Problems, constraints: list[Constraint] | None = None
) -> list[Constraint]:
    """The constraints (of ``net``, or those given) that can hold against the bounds of their
    two points (the others are reported); each is rewritten onto the keys its points are held
    under."""
    alias, bounds = net.alias, net.bounds
    live: list[Constraint] = []
    for c in net.constraints if constraints is None else constraints:
        c.a, c.b = alias.get(c.a, c.a), alias.get(c.b, c.b)
        if c.a == c.b or c.a not in bounds or c.b not in bounds:
            continue
        (alo, ahi), (blo, bhi) = bounds[c.a], bounds[c.b]
        too_late = alo > OPEN_LO and bhi < OPEN_HI and alo + c.lo > bhi
        too_far = c.hi < POS and ahi < OPEN_HI and blo > OPEN_LO and ahi + c.hi < blo
        if too_late or too_far:
            problems.add(
                c.code,
                c.location,
                f"{c.why}: {_describe(net, c.a)} cannot be reconciled with {_describe(net, c.b)};"
                " correct one of the two dates",
            )
            continue
        live.append(c)
    return live


def _propagate(
    net: ConstraintBuilder,
    network: Network,
    problems: Problems,
    first: dict[str, tuple[int, int]],
) -> bool:
    """Narrow the bounds until nothing changes; ``False`` (reported) when they cannot hold."""
    if not any(lo > OPEN_LO or hi < OPEN_HI for lo, hi in net.bounds.values()):
        return True  # only closed bounds move others: in a case without any, nothing moves
    live = network.live
    at = _narrow(net.bounds, live, network.touching, range(len(live)))
    if at is None:
        return True
    _report_conflict(net, live, problems, first, live[at])
    return False


def _narrow(
    bounds: dict[str, list[int]],
    live: list[Constraint],
    touching: dict[str, list[int]],
    start: Iterable[int],
) -> int | None:
    """Propagate the constraints over ``bounds`` (in place), beginning with those of
    ``start``; the index of the constraint where they showed they cannot hold, else None.

    A worklist: a constraint is looked at again only when a bound it joins has moved, so a
    chain of n dates settles in about n steps (not n rounds over every constraint). Only
    closed bounds move others: an open end stays on its sentinel (or drifts near it).
    """
    queue = deque(start)
    queued = set(queue)
    visits: dict[int, int] = {}
    limit = len(bounds) + 2
    while queue:
        i = queue.popleft()
        queued.discard(i)
        c = live[i]
        a, b = bounds[c.a], bounds[c.b]
        moved: list[str] = []
        if a[0] > OPEN_LO and a[0] + c.lo > b[0]:
            b[0] = a[0] + c.lo
            moved.append(c.b)
        if b[1] < OPEN_HI and b[1] - c.lo < a[1]:
            a[1] = b[1] - c.lo
            moved.append(c.a)
        if c.hi < POS:
            if a[1] < OPEN_HI and a[1] + c.hi < b[1]:
                b[1] = a[1] + c.hi
                moved.append(c.b)
            if b[0] > OPEN_LO and b[0] - c.hi > a[0]:
                a[0] = b[0] - c.hi
                moved.append(c.a)
        if not moved:
            continue
        visits[i] = visits.get(i, 0) + 1
        # a window emptied, or bounds still moving round a circle of relations
        if a[0] > a[1] or b[0] > b[1] or visits[i] > limit:
            return i
        for key in moved:
            for j in touching[key]:
                if j not in queued:
                    queue.append(j)
                    queued.add(j)
    return None


def _relative_circles(net: ConstraintBuilder, live: list[Constraint], problems: Problems) -> bool:
    """Find a contradiction among points that no calendar date reaches (their bounds stay
    open both ways, so propagation cannot see it): a negative cycle of their relations.
    ``False`` (reported) when there is one."""
    open_ = {k for k, (lo, hi) in net.bounds.items() if lo <= OPEN_LO and hi >= OPEN_HI}
    if len(open_) < 2:
        return True  # a circle needs two points (a constraint never joins a point to itself)
    edges = _edges([c for c in live if c.a in open_ and c.b in open_], {})
    cycle = negative_cycle(edges) if edges else []
    if cycle:
        _report_cycle(net, problems, cycle)
    return not cycle


def _edges(live: list[Constraint], bounds: dict[str, tuple[int, int]]) -> list[_Edge]:
    """The labelled edges of the distance graph: each constraint, and each point's bounds
    (as edges from and to day zero, labelled with the point's key)."""
    out: list[_Edge] = []
    for c in live:
        if c.hi < POS:
            out.append((c.a, c.b, c.hi, c))
        out.append((c.b, c.a, -c.lo, c))
    for key, (lo, hi) in bounds.items():
        if hi < OPEN_HI:
            out.append(("", key, hi, key))
        if lo > OPEN_LO:
            out.append((key, "", -lo, key))
    return out


def negative_cycle(edges: list[_Edge], budget: int | None = None) -> list[_Edge]:
    """The edges of one negative cycle of a weighted graph (``[]`` when there is none, or
    when ``budget`` relaxations do not settle the question).

    A cycle lies within one strongly connected component, so each is searched on its own
    (a point every other one must precede, like the last follow-up, is a component of its
    own and does not make every search sweep the whole case): Bellman–Ford on a FIFO
    worklist, from each node not yet reached in turn. A node whose path has as many edges
    as there are nodes lies behind a cycle of predecessors, and every such cycle is
    negative.
    """
    out: dict[str, list[_Edge]] = {}
    for e in edges:
        out.setdefault(e[0], []).append(e)
        out.setdefault(e[1], [])
    steps = [budget if budget is not None else POS]
    for part in _components(out):
        if len(part) > 1:
            inside = {u: [e for e in out[u] if e[1] in part] for u in part}
            cycle = _cycle_in(inside, steps)
            if cycle or steps[0] < 0:
                return cycle
    return []


def _components(out: dict[str, list[_Edge]]) -> list[set[str]]:
    """The strongly connected components of the constraint graph."""
    return strong_components(out, lambda u: [e[1] for e in out[u]])


def strong_components(
    nodes: Iterable[str], successors: Callable[[str], Sequence[str]]
) -> list[set[str]]:
    """The strongly connected components of a graph, each listed after every component it
    reaches (Tarjan's algorithm, without recursion); ``successors(u)`` gives the points an
    edge from ``u`` leads to."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    parts: list[set[str]] = []
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int, Sequence[str]]] = [(root, 0, successors(root))]
        while work:
            u, i, edges = work.pop()
            if i == 0:
                index[u] = low[u] = len(index)
                stack.append(u)
                on_stack.add(u)
            n = len(edges)
            while i < n:
                v = edges[i]
                i += 1
                if v not in index:
                    work.append((u, i, edges))
                    work.append((v, 0, successors(v)))
                    break
                if v in on_stack and index[v] < low[u]:
                    low[u] = index[v]
            else:
                if low[u] == index[u]:
                    part = set()
                    while True:
                        x = stack.pop()
                        on_stack.discard(x)
                        part.add(x)
                        if x == u:
                            break
                    parts.append(part)
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[u])
    return parts


def _cycle_in(out: dict[str, list[_Edge]], steps: list[int]) -> list[_Edge]:
    """A negative cycle of one strongly connected graph, within ``steps[0]`` relaxations
    (counted down in place)."""
    n = len(out)
    dist: dict[str, int] = {}
    length: dict[str, int] = {}
    pred: dict[str, _Edge] = {}
    for root in out:
        if root in dist:
            continue
        dist[root] = length[root] = 0
        queue = deque([root])
        queued = {root}
        while queue:
            u = queue.popleft()
            queued.discard(u)
            du = dist[u]
            for e in out[u]:
                v, w = e[1], e[2]
                if v in dist and du + w >= dist[v]:
                    continue
                steps[0] -= 1
                if steps[0] < 0:
                    return []
                dist[v] = du + w
                pred[v] = e
                length[v] = length[u] + 1
                if length[v] >= n:
                    cycle = _cycle_behind(pred, v)
                    if cycle:
                        return cycle
                    length[v] = 0  # the walk ended at a root: keep searching
                if v not in queued:
                    queue.append(v)
                    queued.add(v)
    return []


def _cycle_behind(pred: dict[str, _Edge], node: str) -> list[_Edge]:
    """The cycle of predecessor edges reached by walking back from ``node``, in path order
    (``[]`` if the walk ends at a root of the search)."""
    seen: dict[str, int] = {}
    walk: list[_Edge] = []
    while node not in seen:
        seen[node] = len(walk)
        e = pred.get(node)
        if e is None:
            return []
        walk.append(e)
        node = e[0]
    cycle = walk[seen[node] :]
    cycle.reverse()
    return cycle


def _report_conflict(
    net: ConstraintBuilder,
    live: list[Constraint],
    problems: Problems,
    first: dict[str, tuple[int, int]],
    at: Constraint,
) -> None:
    """Report a network that cannot hold, naming the constraints of one negative cycle: first
    with only the dates the file writes as calendar dates, then, if that finds none, with the
    first bounds of every point (an offset from a date is tighter in calendar arithmetic)."""
    written = {k: b for k, b in first.items() if _written(net, k)}
    for bounds in (written, first):
        cycle = negative_cycle(_edges(live, bounds), budget=200 * (len(live) + len(first) + 10))
        if cycle:
            _report_cycle(net, problems, cycle, first)
            return
    problems.add(  # not found within the budget: name the constraint where it showed
        "C003",
        at.location,
        f"{at.why}, but the dates around {net.name(at.a)} and {net.name(at.b)} cannot all hold"
        " together; check the chain of dates that links them",
    )


def _written(net: ConstraintBuilder, key: str) -> bool:
    """Whether the date of a point, as written, holds a calendar date."""
    spec = net.specs.get(key)
    if spec is None:
        return False
    d = spec[0]
    return any(isinstance(p, CalendarDate) for p in (d.on, d.after, d.before, d.origin))


def _report_cycle(
    net: ConstraintBuilder,
    problems: Problems,
    cycle: list[_Edge],
    first: dict[str, tuple[int, int]] | None = None,
) -> None:
    """One C003 naming every constraint (and date) of the cycle with its place in the file,
    located at the first of them in the file."""
    parts: list[tuple[Location, str]] = []
    seen: set[int | str] = set()
    for _u, _v, _w, what in cycle:
        ident: int | str = id(what) if isinstance(what, Constraint) else what
        if ident in seen:
            continue
        seen.add(ident)
        if isinstance(what, Constraint):
            parts.append((what.location, what.claim or what.why))
        else:
            lo, hi = (first or {}).get(what, (NEG, POS))
            parts.append((_where(net, what), f"{net.name(what)} is dated {Bounds(lo, hi).text()}"))
    start = min(range(len(parts)), key=lambda i: (parts[i][0].line, parts[i][0].column))
    parts = parts[start:] + parts[:start]
    listed = "; ".join(f"{text} (line {w.line}:{w.column})" for w, text in parts)
    problems.add(
        "C003",
        parts[0][0],
        f"these dates contradict each other: {listed}; they cannot all hold, correct one of them",
    )


def _where(net: ConstraintBuilder, key: str) -> Location:
    spec = net.specs.get(key)
    return (spec[0].location if spec else None) or Location(net.path)


def _calendar(net: ConstraintBuilder, network: Network) -> None:
    """Narrow the propagated bounds by calendar arithmetic where a date is a whole number of
    months or years from another (:meth:`ConstraintBuilder.calendar_bounds`), and propagate
    again, until nothing moves.

    The constraints count such a distance in the days it can span anywhere (12 months: 365 or
    366 days), so a bound that propagation moved was counted from the fewest of them: lapatinib
    ended "12 months" after a start from 2019-04-01 was "from 2020-03-31", a day that cannot
    be. A narrowing that the other dates cannot hold is not kept (the bounds stay as the days
    left them)."""
    for _round in range(8):
        moved = net.calendar_bounds()
        if not moved:
            return
        live, touching = network.live, network.touching
        before = {k: list(v) for k, v in net.bounds.items()}
        for key, (lo, hi) in moved.items():
            net.bounds[key][0], net.bounds[key][1] = lo, hi
        start = sorted({i for key in moved for i in touching.get(key, ())})
        if _narrow(net.bounds, live, touching, start) is not None:
            net.bounds.clear()
            net.bounds.update(before)
            return


def _settle(net: ConstraintBuilder, problems: Problems) -> None:
    """Put drifted open ends back on the sentinels; report dates pushed off the calendar."""
    bounds = net.bounds
    beyond = []
    for key, pair in bounds.items():
        if pair[0] <= OPEN_LO:
            pair[0] = NEG
        if pair[1] >= OPEN_HI:
            pair[1] = POS
        if (pair[0] > NEG and pair[0] > LAST_DAY) or (pair[1] < POS and pair[1] < FIRST_DAY):
            beyond.append(key)
    if beyond:
        key = beyond[0]
        problems.add(
            "C003",
            _where(net, key),
            f"the dates of the case push {net.name(key)} beyond the calendar (before 1800 or"
            " after 2200); check the offsets and cycle counts that lead to it",
        )
        for pair in bounds.values():
            if not FIRST_DAY <= pair[0] <= LAST_DAY:
                pair[0] = NEG
            if not FIRST_DAY <= pair[1] <= LAST_DAY:
                pair[1] = POS


def distance_graph(live: list[Constraint], bounds: dict[str, list[int]]) -> DistanceGraph:
    """The distance graph of the constraints (``b - a <= w`` is an edge a → b of weight w);
    the node ``""`` is day zero, tying each point to its absolute bounds."""
    edges: DistanceGraph = {}
    for c in live:
        if c.hi < POS:
            edges.setdefault(c.a, []).append((c.b, c.hi))
        edges.setdefault(c.b, []).append((c.a, -c.lo))
    for key, (lo, hi) in bounds.items():
        if hi < POS:
            edges.setdefault("", []).append((key, hi))
        if lo > NEG:
            edges.setdefault(key, []).append(("", -lo))
    return edges
