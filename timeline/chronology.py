"""Resolving every date of a case into earliest/latest calendar days, and asking about them.

:func:`resolve` builds the case's time points and the constraints between them
(:mod:`timeline.constraints`), solves them (:mod:`timeline.solver`: checked, propagated,
contradictions reported) and returns a :class:`Chronology`, which answers for each point its
window (:class:`~timeline.points.Bounds`) and, for two points, the fewest and most days
between them under every constraint. After a successful resolution, dates the case leaves
uncertain over more than six months are warned of (C008).

:class:`Bounds`, :func:`point_key`, :func:`dose_change_key`, :data:`NEG` and :data:`POS`
live in :mod:`timeline.points` and are re-exported here.
"""

from __future__ import annotations

from collections import OrderedDict, deque

from timeline.constraints import WIDE_WINDOW_DAYS, ConstraintBuilder
from timeline.model import Case, Event, Exposure, Radiotherapy, Regimen, Surgery, Transplant
from timeline.points import NEG, POS, Bounds, distance_words, dose_change_key, point_key
from timeline.problems import Problems
from timeline.solver import DistanceGraph, solve, solve_further, strong_components

__all__ = [
    "NEG",
    "POS",
    "WIDE_WINDOW_DAYS",
    "Bounds",
    "Chronology",
    "dose_change_key",
    "point_key",
    "resolve",
    "resolve_as_stated",
]


#: a point with no bounds held
_OPEN = (NEG, POS)
_NONE: list[str] = []
#: how many points keep the searches of their relations (two distance maps each)
_KEPT_SEARCHES = 256
#: up to this many points, a search of one pair goes without ranks, and what the first
#: point reaches is kept (:meth:`Chronology._along`)
_UNRANKED_POINTS = 64
#: how many questions about a point are answered by searches of one pair each, before the
#: point gets searches of all it reaches
_SEARCHES_BEFORE_SPREAD = 8


def _spread(
    graph: DistanceGraph, source: str, lo: int, far: dict[str, int], sign: int
) -> dict[str, int]:
    """Shortest distances from ``source`` along ``graph``, never through day zero (``""``),
    to the points they could reach sooner than the way through day zero does.

    Searching forward, ``lo`` is the source's earliest day and ``far`` every point's latest
    (``sign`` 1); backward, the source's latest day and every point's earliest, both negated
    (``sign`` -1). A point ``v`` reached in ``d`` days with ``d >= far[v] - lo`` is dropped:
    the bounds are a fixpoint, so no path through ``v`` beats day zero either, while a path
    that does beat it beats it at every point on the way, and is found whole.
    """
    bounded = (lo > NEG) if sign > 0 else (lo > -POS)
    dist = {source: 0}
    queue = deque([source])
    queued = {source}
    while queue:
        u = queue.popleft()
        queued.discard(u)
        du = dist[u]
        for v, w in graph.get(u, ()):
            if not v:
                continue
            d = du + w
            if d >= dist.get(v, POS) or (bounded and d >= far.get(v, POS) - lo):
                continue
            dist[v] = d
            if v not in queued:
                queue.append(v)
                queued.add(v)
    return dist


def _ranks(graph: DistanceGraph) -> dict[str, int]:
    """The rank of each point's strongly connected component along the relations (day zero
    left out), such that an edge u → v never climbs: ``rank[v] <= rank[u]``.

    So a path from ``a`` to ``b`` exists only when ``rank[b] <= rank[a]``, and every point on
    it has a rank between the two: a search for one pair need not look elsewhere. Tarjan's
    algorithm, without recursion, numbers the components in the order it closes them, each
    after every component it reaches.
    """
    # every point's successors, day zero left out (each point reached is a key of ``after``)
    after = {u: [v for v, _w in edges if v] for u, edges in graph.items() if u}
    parts = strong_components(after, lambda u: after.get(u) or _NONE)
    return {x: n for n, part in enumerate(parts) for x in part}


class Chronology:
    """The resolved dates of one case: a window per time point, and the distance between
    any two points under every constraint.

    Made by :func:`resolve` from the solved network: the bounds of every point held (as
    ``[lo, hi]`` ordinals), the points held under another's key, the points in words, and
    the distance graph of the constraints.
    """

    def __init__(
        self,
        case: Case,
        bounds: dict[str, list[int]],
        alias: dict[str, str],
        labels: dict[str, str],
        edges: DistanceGraph,
        settled: bool = True,
    ) -> None:
        self.case = case
        self._bounds = bounds
        self._alias = alias
        self._edges = edges
        #: the bounds are the fixpoint of the constraints (no contradiction stopped them)
        self._settled = settled
        self._back: DistanceGraph | None = None
        self._searches: OrderedDict[str, tuple[dict[str, int], dict[str, int]]] = OrderedDict()
        self._asked_count: dict[str, int] = {}
        self._latest: dict[str, int] = {}
        self._earliest: dict[str, int] = {}  # negated
        self._rank: dict[str, int] | None = None
        #: in a small graph, what each point asked about reaches (:meth:`_along`)
        self._reached: dict[str, dict[str, int]] = {}
        self._pairs: dict[tuple[str, str], tuple[int | None, int | None]] = {}
        #: shortest paths asked one way (:meth:`_shortest`)
        self._one: dict[tuple[str, str], int | None] = {}
        self._cache: dict[str, Bounds] = {}
        self._starts: dict[int, Bounds] = {}  # by identity of the (immutable) event
        self._ends: dict[int, Bounds] = {}
        #: every point in words ("the start of 'FOLFOX'")
        self.labels = labels

    # -- public look-ups -------------------------------------------------------------------
    def bounds(self, key: str) -> Bounds:
        """The window of the point ``key`` (fully open for a point the case does not hold)."""
        found = self._cache.get(key)
        if found is None:
            lo, hi = self._bounds.get(self._alias.get(key, key), (NEG, POS))
            found = self._cache[key] = Bounds(lo, hi)
        return found

    def start(self, item: Event | Exposure) -> Bounds:
        """The window of the start of an event or exposure (of the event, for a point)."""
        found = self._starts.get(id(item))
        if found is None:
            found = self._starts[id(item)] = self.bounds(point_key(item, "start"))
        return found

    def end(self, item: Event | Exposure) -> Bounds:
        """The window of the end of an event or exposure (of the event, for a point)."""
        found = self._ends.get(id(item))
        if found is None:
            found = self._ends[id(item)] = self.bounds(point_key(item, "end"))
        return found

    def when(self, item: Event | Exposure, part: str = "start") -> str:
        """The window of an event's start (or ``part``) in words, for a message: as
        :meth:`Bounds.text` says it; in a case dated without the calendar, where that is
        "unknown", its distance from the diagnosis ("at least 12 weeks after the diagnosis")."""
        return self.words(point_key(item, part))

    def words(self, key: str) -> str:
        """The window of the point ``key`` in words (see :meth:`when`)."""
        text = self.bounds(key).text()
        ref, own = self.canonical("diagnosis"), self.canonical(key)
        if text != "unknown" or own == ref or ref not in self._bounds:
            return text
        return self.distance_text(ref, own, "the diagnosis")

    def distance_text(self, ref: str, key: str, ref_words: str) -> str:
        """How far the point ``key`` is from the point ``ref`` (said ``ref_words``), in words:
        "3 months after the diagnosis"; "unknown" when nothing links them."""
        longest, back = self._paths(self._alias.get(ref, ref), self._alias.get(key, key))
        return distance_words(None if back is None else -back, longest, ref_words)

    def diagnosis(self) -> Bounds:
        """The window of the diagnosis."""
        return self.bounds("diagnosis")

    def difference(self, a: str, b: str) -> tuple[int, int] | None:
        """The fewest and most days from point ``a`` to point ``b`` under every constraint.

        Unlike subtracting the two points' bounds, this keeps what links them: an end defined
        as "50 months from the start" is 50 months after it however uncertain the start. It is
        the shortest-path reading of a simple temporal network (Dechter, Meiri and Pearl
        1991): max(b − a) is the shortest path a → b, min(b − a) minus the one b → a.
        ``None`` when either direction is unbounded.
        """
        longest, back = self._paths(self._alias.get(a, a), self._alias.get(b, b))
        if longest is None or back is None:
            return None
        return -back, longest

    def rests_on_inference(self, stated: Chronology, a: str, b: str) -> bool:
        """Whether the length from point ``a`` to point ``b`` rests on a date the file infers:
        its range is not the one ``stated`` (:func:`resolve_as_stated`) gives. A progression
        stated "10 months" after a start whose month is inferred is 10 months on either (not
        marked); one stated 3 months after a response whose distance from the line's start is
        the file's reading ("after 9 cycles" of unstated length) makes a PFS of the file's."""
        return (self.least(a, b), self.least(b, a)) != (stated.least(a, b), stated.least(b, a))

    def puts_after(self, a: str, b: str) -> bool:
        """Whether the case puts point ``b`` after point ``a``: no earlier, and not certainly
        on its day (a point is not after itself)."""
        if self._alias.get(a, a) == self._alias.get(b, b):
            return False
        least = self.least(a, b)
        return least is not None and least >= 0 and self.least(b, a) != 0

    def least(self, a: str, b: str) -> int | None:
        """The fewest days from point ``a`` to point ``b`` (``None`` when unbounded), also when
        the most is unbounded: a therapy with an open end still lasts at least its cycles."""
        back = self._shortest(self._alias.get(b, b), self._alias.get(a, a))
        return None if back is None else -back

    def _shortest(self, a: str, b: str) -> int | None:
        """The shortest path a → b of the distance graph (``None`` where there is none): one
        direction of :meth:`_paths`, which searches from ``a`` alone where nothing is kept."""
        if not self._settled or not a or not b:
            return self._search(a, b)
        pairs = self._pairs
        found = pairs.get((a, b))
        if found is not None:
            return found[0]
        found = pairs.get((b, a))
        if found is not None:
            return found[1]
        if (a, b) in self._one:
            return self._one[a, b]
        searches = self._searches
        if a in searches:
            along = self._relations(a)[0].get(b)
        elif b in searches or self._asked(b):
            along = self._relations(b)[1].get(a)
        elif self._asked(a):
            along = self._relations(a)[0].get(b)
        else:
            along = self._along(a, b)
        one = self._one[a, b] = self._via_day_zero(a, b, along)
        return one

    def _paths(self, a: str, b: str) -> tuple[int | None, int | None]:
        """The shortest paths a → b and b → a of the distance graph (``None`` where none).

        A shortest path passes day zero at most once, and through it costs the propagated
        bounds: from ``a`` to day zero ``-lo(a)``, on to ``b`` ``hi(b)``. So each direction is
        the lesser of ``hi(b) - lo(a)`` and the shortest path along the relations alone. A
        pair is searched alone (:meth:`_along`) until one of its points has been asked about
        :data:`_SEARCHES_BEFORE_SPREAD` times; that point then gets two searches of all it
        reaches (:meth:`_relations`), kept for the next questions. After a contradiction the
        bounds are not a fixpoint, and the whole graph is searched as it stands.
        """
        if not self._settled or not a or not b:
            return self._search(a, b), self._search(b, a)
        found = self._pairs.get((a, b))
        if found is not None:
            return found
        if b in self._searches and a not in self._searches:
            from_b, to_b = self._relations(b)
            along_ab, along_ba = to_b.get(a), from_b.get(a)
        elif a in self._searches or self._asked(a) or self._asked(b):
            from_a, to_a = self._relations(a)
            along_ab, along_ba = from_a.get(b), to_a.get(b)
        else:
            along_ab, along_ba = self._along(a, b), self._along(b, a)
        found = self._pairs[a, b] = (
            self._via_day_zero(a, b, along_ab),
            self._via_day_zero(b, a, along_ba),
        )
        return found

    def _asked(self, key: str) -> bool:
        """Count a question about ``key``; whether it has been asked about often enough to be
        searched whole."""
        n = self._asked_count[key] = self._asked_count.get(key, 0) + 1
        return n > _SEARCHES_BEFORE_SPREAD

    def _via_day_zero(self, a: str, b: str, along: int | None) -> int | None:
        """The shortest path a → b: ``along`` the relations, or through day zero."""
        lo = self._bounds.get(a, _OPEN)[0]
        hi = self._bounds.get(b, _OPEN)[1]
        if lo > NEG and hi < POS:
            return hi - lo if along is None else min(along, hi - lo)
        return along

    def _relations(self, key: str) -> tuple[dict[str, int], dict[str, int]]:
        """The shortest paths from ``key`` and to ``key`` along the relations (without day
        zero) that could beat the way through day zero, for the most recently asked points."""
        found = self._searches.get(key)
        if found is not None:
            self._searches.move_to_end(key)
            return found
        if self._back is None:
            self._back = {}
            for u, edges in self._edges.items():
                for v, w in edges:
                    if u and v:
                        self._back.setdefault(v, []).append((u, w))
            self._latest = {k: b[1] for k, b in self._bounds.items()}
            self._earliest = {k: -b[0] for k, b in self._bounds.items()}
        lo, hi = self._bounds.get(key, _OPEN)
        found = self._searches[key] = (
            _spread(self._edges, key, lo, self._latest, 1),
            _spread(self._back, key, -hi, self._earliest, -1),
        )
        if len(self._searches) > _KEPT_SEARCHES:
            self._searches.popitem(last=False)
        return found

    def _along(self, a: str, b: str) -> int | None:
        """The shortest path from ``a`` to ``b`` along the relations (without day zero), or
        ``None`` when there is none or when it cannot be shorter than the way through day zero.

        The search keeps to the points whose rank lies between the two (:func:`_ranks`), and
        drops a point as :func:`_spread` does when it cannot beat day zero. In a graph of at
        most :data:`_UNRANKED_POINTS` points, the search goes without ranks (by that cut alone
        from a point with an earliest day, which keeps it near ``a``; to all ``a`` reaches from
        one without, as in a case dated only relative to itself), and what it reaches is kept
        for the next question from ``a``: in a small graph that costs less than ranking the
        points and searching each pair. Either way the distance is the same.
        """
        if a == b:
            return 0
        bounds, edges = self._bounds, self._edges
        lo = bounds.get(a, _OPEN)[0]
        if len(edges) <= _UNRANKED_POINTS:
            reached = self._reached.get(a)
            if reached is None:
                if not self._latest:
                    self._latest = {k: v[1] for k, v in bounds.items()}
                reached = self._reached[a] = _spread(edges, a, lo, self._latest, 1)
            return reached.get(b)
        if self._rank is None:
            self._rank = _ranks(edges)
        rank = self._rank
        ra, rb = rank.get(a), rank.get(b)
        if ra is None or rb is None or rb > ra:
            return None
        dist = {a: 0}
        queue = deque([a])
        queued = {a}
        while queue:
            u = queue.popleft()
            queued.discard(u)
            du = dist[u]
            for v, w in edges.get(u, ()):
                if not v or rank[v] < rb:
                    continue
                d = du + w
                if d >= dist.get(v, POS) or (lo > NEG and d >= bounds.get(v, _OPEN)[1] - lo):
                    continue
                dist[v] = d
                if v not in queued:
                    queue.append(v)
                    queued.add(v)
        return dist.get(b)

    def _search(self, source: str, target: str) -> int | None:
        """The shortest path from ``source`` to ``target`` in the whole graph as it stands."""
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
                if dist.get(v, POS) > du + w:
                    dist[v] = du + w
                    if v not in queued:
                        queue.append(v)
                        queued.add(v)
        return dist.get(target)

    @property
    def settled(self) -> bool:
        """Whether the windows are the fixpoint of the constraints (no contradiction stopped
        their propagation): only then is a plausible schedule drawn from them."""
        return self._settled

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
        """The earliest and latest day of a point as ordinals (the sentinels where open)."""
        lo, hi = self._bounds.get(self._alias.get(key, key), [NEG, POS])
        return lo, hi


def _treats(event: Event) -> bool:
    """Whether ``event`` is a treatment of the cancer, which its diagnosis precedes: a
    regimen other than supportive care, radiotherapy, a transplant, or a cancer operation."""
    if isinstance(event, Regimen):
        return event.intent != "supportive"
    if isinstance(event, Surgery):
        return event.oncologic
    return isinstance(event, (Radiotherapy, Transplant))


def _diagnosis_first(case: Case, chrono: Chronology) -> list[Event]:
    """The treatments whose start the case's dates allow before the diagnosis, but do not put
    there: the diagnosis precedes the treatment it led to, which the dates alone did not say
    (a diagnosis "in 2015" drawn in July, after the neoadjuvant chemotherapy begun in April
    that preceded the mastectomy of July 2015). A treatment the dates put certainly before the
    diagnosis is left to C006. Only a diagnosis dated on the calendar on both sides is so
    related: one the case does not date, or dates only by order, stays as the case gives it
    (drawn at the side it is bounded on, and left out of a cohort aligned at the diagnosis)."""
    diagnosis = chrono.bounds("diagnosis")
    if diagnosis.lo <= NEG // 2 or diagnosis.hi >= POS // 2:
        return []
    out = []
    for event in case.events:
        if not _treats(event) or event.start is None:
            continue
        key = point_key(event, "start")
        start = chrono.bounds(key)
        if start.lo >= diagnosis.hi or start.hi < diagnosis.lo:
            continue  # (after it, or certainly before it, by their windows alone)
        least = chrono.least("diagnosis", key)
        if least is not None and least >= 0:
            continue  # (already after it)
        back = chrono.least(key, "diagnosis")
        if back is not None and back > 0:
            continue  # (certainly before it: said by C006)
        out.append(event)
    return out


def _relate_to_diagnosis(net: ConstraintBuilder, treatments: list[Event]) -> None:
    """The diagnosis no later than the start of each of ``treatments``: constraints added to
    ``net`` (each reported, if it could not hold, as the C006 it would be)."""
    for event in treatments:
        net.order(
            "diagnosis",
            point_key(event, "start"),
            "C006",
            event,
            f"'{event.label()}' comes before the diagnosis",
        )


def _solved(
    case: Case, problems: Problems, as_stated: bool = False
) -> tuple[ConstraintBuilder, Chronology]:
    """The network of ``case`` built and solved, with the relation every case holds without
    writing it: its diagnosis no later than the start of each treatment (:func:`_treats`)
    whose dates allow it. That relation is added only where the dates leave it open, and it
    never contradicts them: a treatment before the diagnosis by its own dates keeps them (a
    simple cycle of the network passes the diagnosis once, so relations that each hold alone
    hold together)."""
    net = ConstraintBuilder(case, problems, as_stated=as_stated)
    net.build()
    edges, settled, network = solve(net, problems)
    chrono = Chronology(case, net.bounds, net.alias, net.labels, edges, settled)
    if not settled or problems.has_errors:
        return net, chrono
    first = _diagnosis_first(case, chrono)
    if not first:
        return net, chrono
    # (propagated further from the windows found and from the new relations alone, which
    # only narrow: a fixpoint of the case's own constraints is a sound start; rebuilding the
    # network cost a seventh of a check, solving it whole again a sixteenth)
    scratch = Problems()
    saved = (
        {k: (v[0], v[1]) for k, v in net.bounds.items()},
        len(net.constraints),
        len(network.live),
    )
    _relate_to_diagnosis(net, first)
    net.problems = scratch
    edges, settled = solve_further(net, network, len(first), scratch)
    net.problems = problems
    if not settled or scratch.has_errors:
        # (cannot be: each relation holds alone; kept safe all the same)
        for k, (lo, hi) in saved[0].items():
            net.bounds[k][0], net.bounds[k][1] = lo, hi
        del net.constraints[saved[1] :]
        del network.live[saved[2] :]
        return net, chrono
    return net, Chronology(case, net.bounds, net.alias, net.labels, edges, settled)


def resolve_as_stated(case: Case) -> Chronology:
    """The dates of ``case`` as its source states them: resolved with every date the file
    infers (``inferred:``) left unknown, so that what rests on an inference can be told from
    what does not (:meth:`Chronology.rests_on_inference`). Problems are not kept: the case has
    been checked whole."""
    return _solved(case, Problems(), as_stated=True)[1]


def resolve(case: Case, problems: Problems, wide_window: int = WIDE_WINDOW_DAYS) -> Chronology:
    """Resolve every date of ``case``; problems found on the way go to ``problems``. A date
    known only within a window wider than ``wide_window`` days gets a warning (C008)."""
    net, chrono = _solved(case, problems)
    if not problems.has_errors:
        net.forced_onto_one_day(chrono)
        net.wide_windows(chrono, wide_window, chrono.settled)
    return chrono
