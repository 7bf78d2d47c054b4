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

from collections import deque

from timeline.constraints import WIDE_WINDOW_DAYS, ConstraintBuilder
from timeline.model import Case, Event, Exposure
from timeline.points import NEG, POS, Bounds, dose_change_key, point_key
from timeline.problems import Problems
from timeline.solver import DistanceGraph, solve

__all__ = [
    "NEG",
    "POS",
    "WIDE_WINDOW_DAYS",
    "Bounds",
    "Chronology",
    "dose_change_key",
    "point_key",
    "resolve",
]


class Chronology:
    """The resolved dates of one case."""

    def __init__(
        self,
        case: Case,
        bounds: dict[str, list[int]],
        alias: dict[str, str],
        labels: dict[str, str],
        edges: DistanceGraph,
    ) -> None:
        self.case = case
        self._bounds = bounds
        self._alias = alias
        self._edges = edges
        self._cache: dict[str, Bounds] = {}
        self._starts: dict[int, Bounds] = {}  # by identity of the (immutable) event
        self._ends: dict[int, Bounds] = {}
        #: every point in words ("the start of 'FOLFOX'")
        self.labels = labels

    # -- public look-ups -------------------------------------------------------------------
    def bounds(self, key: str) -> Bounds:
        found = self._cache.get(key)
        if found is None:
            lo, hi = self._bounds.get(self._alias.get(key, key), (NEG, POS))
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
                if dist.get(v, POS) > du + w:
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
        lo, hi = self._bounds.get(self._alias.get(key, key), [NEG, POS])
        return lo, hi


def resolve(case: Case, problems: Problems, wide_window: int = WIDE_WINDOW_DAYS) -> Chronology:
    """Resolve every date of ``case``; problems found on the way go to ``problems``. A date
    known only within a window wider than ``wide_window`` days gets a warning (C008)."""
    net = ConstraintBuilder(case, problems)
    net.build()
    edges = solve(net, problems)
    chrono = Chronology(case, net.bounds, net.alias, net.labels, edges)
    if not problems.has_errors:
        net.wide_windows(chrono, wide_window)
    return chrono
