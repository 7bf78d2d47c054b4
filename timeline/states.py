"""The disease-state machine: which states a patient's disease can be in, and how it moves.

The machine is declared once, below, as states and transitions with the events that trigger
them. :func:`state_graph` returns it as a networkx ``DiGraph`` — the form to inspect, draw,
extend or pass to the validator (``validate(..., machine=graph)``). Because importing
networkx costs more than the whole rest of ``timeline validate`` (about 150 ms), the
validator's default replay reads a frozen adjacency compiled from the same declaration;
``tests/test_states.py`` checks that both give the same verdict on every case.

States (after RECIST 1.1, with the pre-treatment and curative settings added):

* ``diagnosed``: disease present, before any assessment;
* ``ned``: no evidence of disease after curative-intent local treatment;
* ``cr``, ``pr``, ``sd``, ``pd``: RECIST categories of measurable disease (``pd`` also holds
  a recurrence after NED or CR);
* ``dead``: absorbing.

Transitions follow RECIST 1.1: after a CR only CR, progression (any reappearance is PD) or
death; from NED only recurrence, a further curative resection or death. Leaving PD for a
response carries a guard: a new therapy should have started since the progression (else it
is treatment beyond progression, which is legal but worth a warning: T002).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "INITIAL",
    "REPORTED_STATE",
    "STATES",
    "STATE_ORDER",
    "TRANSITIONS",
    "Machine",
    "compiled_machine",
    "short_label",
    "state_graph",
]

INITIAL = "diagnosed"

#: state -> (label, description)
STATES: dict[str, tuple[str, str]] = {
    "diagnosed": ("Diagnosed", "disease present, not yet assessed on treatment"),
    "ned": ("NED", "no evidence of disease after curative treatment"),
    "cr": ("CR", "complete response"),
    "pr": ("PR", "partial response"),
    "sd": ("SD", "stable disease"),
    "pd": ("PD / recurrence", "progressive disease, or recurrence after NED or CR"),
    "dead": ("Dead", "death from any cause"),
}

#: the states in order, from diagnosis to death (the order of the state figure's nodes)
STATE_ORDER: tuple[str, ...] = tuple(STATES)

#: a last follow-up's status -> the state it reports, and the states it contradicts when the
#: replay of the recorded events ends in them: "no evidence of disease" after a progression or
#: with disease still measured; "alive with disease" after NED or a CR (any disease after them
#: is a recurrence: PD). Rule T004 warns of it; the drawing ends the Disease lane in that state.
REPORTED_STATE: dict[str, tuple[str, tuple[str, ...]]] = {
    "alive-ned": ("ned", ("diagnosed", "pd", "sd", "pr")),
    "alive-with-disease": ("pd", ("ned", "cr")),
}


def short_label(state: str) -> str:
    """The short name of a state, as the status lane writes it: "PD" for "PD / recurrence"."""
    return STATES[state][0].split(" /")[0] if state in STATES else state.upper()


_RESPONSES = ("response:CR", "response:PR", "response:SD")
_WORSE = ("progression", "response:PD")

#: (from, to, triggers, guard). A trigger is the event that causes the move:
#: ``surgery:curative``, ``recurrence``, ``progression``, ``response:XX``, ``death``.
TRANSITIONS: tuple[tuple[str, str, tuple[str, ...], str | None], ...] = (
    ("diagnosed", "ned", ("surgery:curative",), None),
    ("diagnosed", "cr", ("response:CR",), None),
    ("diagnosed", "pr", ("response:PR",), None),
    ("diagnosed", "sd", ("response:SD",), None),
    ("diagnosed", "pd", _WORSE, None),
    ("ned", "ned", ("surgery:curative",), None),
    ("ned", "pd", ("recurrence",), None),
    ("cr", "cr", ("response:CR",), None),
    ("cr", "pd", ("recurrence", *_WORSE), None),
    ("cr", "ned", ("surgery:curative",), None),
    ("pr", "pr", ("response:PR",), None),
    ("pr", "cr", ("response:CR",), None),
    ("pr", "sd", ("response:SD",), None),
    ("pr", "pd", _WORSE, None),
    ("pr", "ned", ("surgery:curative",), None),
    ("sd", "sd", ("response:SD",), None),
    ("sd", "cr", ("response:CR",), None),
    ("sd", "pr", ("response:PR",), None),
    ("sd", "pd", _WORSE, None),
    ("sd", "ned", ("surgery:curative",), None),
    ("pd", "pd", ("recurrence", *_WORSE), None),
    ("pd", "cr", ("response:CR",), "new-therapy"),
    ("pd", "pr", ("response:PR",), "new-therapy"),
    ("pd", "sd", ("response:SD",), "new-therapy"),
    ("pd", "ned", ("surgery:curative",), None),
    *((s, "dead", ("death",), None) for s in ("diagnosed", "ned", "cr", "pr", "sd", "pd")),
)


class Machine(Protocol):
    """What the replay needs of a machine; a networkx DiGraph has exactly this."""

    def has_edge(self, u: str, v: str) -> bool:
        """Whether the machine allows the move from ``u`` to ``v``."""
        ...

    def successors(self, n: str) -> Any:
        """The states reachable from ``n`` in one move."""
        ...

    @property
    def edges(self) -> Any:
        """The transitions, with their ``triggers`` and ``guard`` as edge data."""
        ...


class _Edges:
    def __init__(self, data: Mapping[tuple[str, str], dict[str, Any]]) -> None:
        self._data = data

    def __getitem__(self, uv: tuple[str, str]) -> dict[str, Any]:
        return self._data[uv]


class _Compiled:
    """A read-only adjacency with the slice of the DiGraph API that the replay uses."""

    def __init__(self) -> None:
        self._edges: dict[tuple[str, str], dict[str, Any]] = {}
        self._succ: dict[str, list[str]] = {s: [] for s in STATES}
        for u, v, triggers, guard in TRANSITIONS:
            self._edges[(u, v)] = {"triggers": triggers, "guard": guard}
            self._succ[u].append(v)

    def has_edge(self, u: str, v: str) -> bool:
        return (u, v) in self._edges

    def successors(self, n: str) -> list[str]:
        return list(self._succ.get(n, ()))

    @property
    def edges(self) -> _Edges:
        return _Edges(self._edges)


@cache
def compiled_machine() -> _Compiled:
    """The state machine as plain dictionaries: the same states and transitions as
    :func:`state_graph`, without importing networkx."""
    return _Compiled()


def state_graph() -> nx.DiGraph:
    """The state machine as a fresh networkx DiGraph (nodes: states; edges: transitions)."""
    import networkx as nx

    graph = nx.DiGraph(name="disease states", initial=INITIAL)
    for state, (label, description) in STATES.items():
        graph.add_node(state, label=label, description=description, absorbing=state == "dead")
    for u, v, triggers, guard in TRANSITIONS:
        graph.add_edge(u, v, triggers=triggers, guard=guard)
    return graph
