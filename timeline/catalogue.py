"""The drug catalogue: every name a case may use for an agent, resolved to one canonical agent.

The data lives in ``catalogue.yaml`` beside this module. A case file may declare agents of
its own (``agents:``), so that cases of other cancers are not locked out; those are merged in
front of the catalogue for that case only.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterable
from functools import cache

import yaml
from attrs import field, frozen

from timeline.values import value_repr

__all__ = [
    "CLASSES",
    "COMPILED",
    "Agent",
    "Catalogue",
    "RegimenName",
    "catalogue_rows",
    "class_words",
    "compiled_text",
    "default_catalogue",
    "normalise",
    "write_compiled",
]

#: The agent classes; they are also the treatment swimlanes of the diagrams.
CLASSES = ("chemotherapy", "endocrine", "targeted", "immunotherapy", "bone-targeted", "other")


def class_words(name: str) -> str:
    """A class of agents as a noun: "endocrine therapy", "targeted therapy" ("resistance to
    endocrine" was said); a class that is a noun already ("chemotherapy"), a subclass
    ("taxane") or an agent, as it is."""
    return f"{name} therapy" if name in ("endocrine", "targeted", "bone-targeted") else name


_FOLD = re.compile(r"[\s\-_.·®™]+")


def normalise(name: str) -> str:
    """The matching key of a name: case, spaces, hyphens and dots do not count."""
    key = _KEYS.get(name)
    if key is None:
        if len(_KEYS) >= _KEYS_MAX:
            _KEYS.clear()
        key = _KEYS[name] = _FOLD.sub("", name.casefold())
    return key


#: the matching keys of the names met so far (a case names the same agents again and again);
#: bounded, for runs over thousands of files
_KEYS: dict[str, str] = {}
_KEYS_MAX = 50_000


@frozen(repr=False)
class Agent:
    """A canonical agent: its name, class and subclass, ATC code and the other names it goes by
    (``unspecified``: only the class is known)."""

    __repr__ = value_repr

    name: str
    agent_class: str
    subclass: str | None = None
    atc: str | None = None
    names: tuple[str, ...] = ()
    declared_in_case: bool = field(default=False, eq=False)
    #: the source gives only the class ("chemotherapy, agent not reported")
    unspecified: bool = False
    #: the RxNorm ingredient concept (RxCUI), where it was confirmed; last, so that the
    #: positional fields above keep their places
    rxnorm: str | None = None
    #: a wider kind the agent belongs to across subclasses, which a resistance may name
    #: ("androgen deprivation therapy": the GnRH agonists, against which a prostate cancer
    #: becomes castration-resistant, not abiraterone nor enzalutamide given after it)
    group: str | None = None


@frozen(repr=False)
class RegimenName:
    """A named regimen (FOLFOX, AC): its agents and doses, the names it goes by, or why the name is
    ambiguous."""

    __repr__ = value_repr

    name: str
    agents: tuple[str, ...]
    doses: tuple[tuple[str, str], ...] = ()
    names: tuple[str, ...] = ()
    #: the name stands for different combinations in different settings: why, and what to do
    #: (such a name has no agents; the case must list them)
    ambiguous: str | None = None


class Catalogue:
    """Name look-up over agents and regimen names."""

    def __init__(self, agents: Iterable[Agent], regimens: Iterable[RegimenName]) -> None:
        self.agents: dict[str, Agent] = {}
        self.regimens: dict[str, RegimenName] = {}
        self._agent_keys: dict[str, str] = {}
        self._regimen_keys: dict[str, str] = {}
        self._members: dict[str, list[Agent]] = {}
        self._member_names: dict[str, frozenset[str]] = {}
        #: this catalogue as ``Catalogue(self.agents.values(), self.regimens.values())`` would
        #: build it, kept for :meth:`with_agents` (forgotten when an agent is added)
        self._rebuilt: Catalogue | None = None
        for agent in agents:
            self.add_agent(agent)
        for regimen in regimens:
            self.regimens[regimen.name] = regimen
            for n in (regimen.name, *regimen.names):
                self._regimen_keys[normalise(n)] = regimen.name

    def add_agent(self, agent: Agent) -> None:
        """Add an agent (a case may declare its own), reachable by each of its names."""
        self._members.clear()
        self._member_names.clear()
        self._rebuilt = None
        self.agents[agent.name] = agent
        for n in (agent.name, *agent.names):
            self._agent_keys[normalise(n)] = agent.name

    def with_agents(self, extra: Iterable[Agent]) -> Catalogue:
        """A copy with a case's own agents added (they win over the catalogue's)."""
        # every case that declares an agent asks this of the shared catalogue: its look-up
        # tables are built once and copied, not built again from every name
        base = self._rebuilt
        if base is None:
            base = self._rebuilt = Catalogue(self.agents.values(), self.regimens.values())
        copy = Catalogue((), ())
        copy.agents = base.agents.copy()
        copy.regimens = base.regimens.copy()
        copy._agent_keys = base._agent_keys.copy()
        copy._regimen_keys = base._regimen_keys.copy()
        for agent in extra:
            copy.add_agent(agent)
        return copy

    def agent(self, name: str) -> Agent | None:
        """The agent a name stands for (any spelling the catalogue knows), or None."""
        key = self._agent_keys.get(normalise(name))
        return self.agents[key] if key else None

    def regimen(self, name: str) -> RegimenName | None:
        """The named regimen a name stands for, or None."""
        key = self._regimen_keys.get(normalise(name))
        return self.regimens[key] if key else None

    def all_names(self) -> list[str]:
        """Every agent name and synonym (for suggestions)."""
        out = []
        for agent in self.agents.values():
            out.append(agent.name)
            out.extend(agent.names)
        return out

    def members(self, agent_class: str) -> list[Agent]:
        """Agents of a class, subclass or group (``endocrine``, ``taxane``, ``SERM``,
        ``androgen deprivation therapy`` ...)."""
        if not self._members:
            for a in self.agents.values():
                self._members.setdefault(normalise(a.agent_class), []).append(a)
                if a.subclass:
                    self._members.setdefault(normalise(a.subclass), []).append(a)
                if a.group and a.group != a.subclass:
                    self._members.setdefault(normalise(a.group), []).append(a)
        return self._members.get(normalise(agent_class), [])

    def member_names(self, agent_class: str) -> frozenset[str]:
        """The names of the agents of a class or subclass (:meth:`members`), kept: a rule asks
        it of every resistance to a class, for every exposure it may be about."""
        found = self._member_names.get(agent_class)
        if found is None:
            found = self._member_names[agent_class] = frozenset(
                a.name for a in self.members(agent_class)
            )
        return found

    def class_names(self) -> list[str]:
        """Every class and subclass name, sorted."""
        names = set(CLASSES)
        names.update(a.subclass for a in self.agents.values() if a.subclass)
        names.update(a.group for a in self.agents.values() if a.group)
        return sorted(names)


#: the catalogue as JSON beside the YAML, with the length and CRC-32 of the YAML text it was
#: made from: a start-up reads it in a fraction of a millisecond, where building the rows
#: with PyYAML's constructor costs about ten. A stale or missing file is never trusted.
COMPILED = "catalogue.json"


def _here(name: str) -> str:
    # read beside the module (importlib.resources would cost more start-up than the whole check)
    return os.path.join(os.path.dirname(__file__), name)


def _signature(text: str) -> str:
    data = text.encode("utf-8")
    return f"{len(data)}:{zlib.crc32(data):08x}"


def _rows(text: str) -> dict:
    """The agents and regimens of the catalogue's YAML text, as plain rows."""
    try:
        loader: type = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover
        loader = yaml.SafeLoader
    data = yaml.load(text, Loader=loader)
    return {"agents": data["agents"], "regimens": data["regimens"]}


def compiled_text(text: str) -> str:
    """The precomputed form (``catalogue.json``) of the catalogue's YAML ``text``."""
    import json

    rows = {"source": _signature(text), **_rows(text)}
    return json.dumps(rows, ensure_ascii=False, indent=0) + "\n"


def catalogue_rows(text: str) -> dict:
    """The rows of ``text``, from the precomputed form when it was made from this very text."""
    try:
        with open(_here(COMPILED), encoding="utf-8") as fh:
            compiled = fh.read()
    except OSError:
        return _rows(text)
    if f'"source": "{_signature(text)}"' in compiled:
        import json

        return json.loads(compiled)
    return _rows(text)


@cache
def default_catalogue() -> Catalogue:
    """The catalogue shipped with the package (catalogue.yaml), read once and shared."""
    with open(_here("catalogue.yaml"), encoding="utf-8") as fh:
        text = fh.read()
    data = catalogue_rows(text)
    agents = [
        Agent(
            name=name,
            agent_class=row["class"],
            subclass=row.get("subclass"),
            atc=row.get("atc"),
            names=tuple(row.get("names", ())),
            unspecified=bool(row.get("unspecified", False)),
            rxnorm=None if row.get("rxnorm") is None else str(row["rxnorm"]),
            group=row.get("group"),
        )
        for name, row in data["agents"].items()
    ]
    agents.extend(_unnamed_of_each_kind(agents))
    regimens = [
        RegimenName(
            name=name,
            agents=tuple(row.get("agents", ())),
            doses=tuple(sorted(row.get("doses", {}).items())),
            names=tuple(row.get("names", ())),
            ambiguous=row.get("ambiguous"),
        )
        for name, row in data["regimens"].items()
    ]
    return Catalogue(agents, regimens)


def _unnamed_of_each_kind(agents: list[Agent]) -> list[Agent]:
    """An unspecified agent for each subclass of the catalogue, reachable by the subclass's
    name: a source that names the kind of drug and not the drug ("a PARP inhibitor", "a
    platinum compound") is written so, and drawn in the kind's lane ("unspecified PARP
    inhibitor"), where the class alone ("targeted therapy") said less than the source."""
    taken = {normalise(n) for a in agents for n in (a.name, *a.names)}
    kinds: dict[str, str] = {}
    for a in agents:
        if a.subclass and not a.unspecified:
            kinds.setdefault(a.subclass, a.agent_class)
    return [
        Agent(f"unspecified {kind}", cls, kind, names=(kind,), unspecified=True)
        for kind, cls in sorted(kinds.items())
        if normalise(kind) not in taken and normalise(f"unspecified {kind}") not in taken
    ]


def write_compiled() -> None:
    """Rewrite ``catalogue.json`` from ``catalogue.yaml`` (after editing the catalogue)."""
    with open(_here("catalogue.yaml"), encoding="utf-8") as src:
        source = src.read()
    with open(_here(COMPILED), "w", encoding="utf-8") as out:
        out.write(compiled_text(source))
