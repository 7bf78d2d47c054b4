"""Trial files: a clinical trial's design, population, arms and endpoints as data, beside the
cases (``cases/trials/*.yaml``), each number with the sentence of its source it comes from.

A trial file is a mapping with ``kind: trial`` (docs/trials.md). It is read with the same
located readers as a case: an unknown key, a missing number's source, an unknown agent or an
arm that a comparison names but the file lacks is a problem with its line and column.
"""

from __future__ import annotations

import re

import yaml
from attrs import field, frozen

from timeline.catalogue import Catalogue
from timeline.loader import Document
from timeline.problems import Location
from timeline.reading import Fields, Reader

__all__ = [
    "KEYS",
    "Arm",
    "Comparison",
    "Design",
    "Endpoint",
    "Population",
    "Trial",
    "TrialAgent",
    "is_trial",
    "parse_trial",
]

KEYS: dict[str, tuple[str, ...]] = {
    "trial": (
        "format",
        "kind",
        "id",
        "name",
        "title",
        "citation",
        "seed",
        "design",
        "population",
        "arms",
        "comparisons",
        "note",
    ),
    "design": ("phase", "randomised", "blinding", "n", "source_text", "note"),
    "population": (
        "disease",
        "setting",
        "line",
        "receptors",
        "prior_therapy",
        "source_text",
        "note",
    ),
    "arm": ("id", "name", "n", "agents", "source_text", "endpoints", "note"),
    "trial-agent": ("agent", "dose", "schedule", "route", "note"),
    "endpoint": (
        "name",
        "median_months",
        "ci",
        "percent",
        "assessment",
        "source_text",
        "note",
    ),
    "comparison": ("endpoint", "arms", "hr", "ci", "p", "assessment", "source_text", "note"),
}
_ID = re.compile(r"[A-Za-z][\w-]*")
BLINDING = ("open-label", "single-blind", "double-blind", "not-reported")
SETTINGS = ("advanced", "adjuvant", "neoadjuvant")


@frozen
class TrialAgent:
    """An agent of a trial arm: its canonical name, dose and schedule."""

    agent: str  # canonical name
    dose: str | None = None
    schedule: str | None = None


@frozen
class Endpoint:
    """An endpoint of an arm (PFS, TTP, OS, ...): its median in months with its CI, or a
    percentage, with the source sentence."""

    name: str
    median_months: float | None = None
    ci: tuple[float, float] | None = None
    percent: float | None = None
    assessment: str | None = None
    source_text: str = ""
    location: Location | None = None


@frozen
class Arm:
    """A trial arm: its agents, its endpoints and its size, with the source sentence."""

    id: str
    name: str
    agents: tuple[TrialAgent, ...]
    endpoints: tuple[Endpoint, ...]
    n: int | None = None
    source_text: str = ""

    def median(self, endpoint: str) -> Endpoint | None:
        """The first endpoint of that name with a median (PFS, TTP, OS)."""
        return next(
            (e for e in self.endpoints if e.name == endpoint and e.median_months is not None),
            None,
        )


@frozen
class Comparison:
    """A comparison of arms on an endpoint: hazard ratio, CI and p value, with the source
    sentence."""

    endpoint: str
    arms: tuple[str, ...]
    hr: float | None = None
    ci: tuple[float, float] | None = None
    p: str | None = None
    assessment: str | None = None
    source_text: str = ""


@frozen
class Design:
    """The design of a trial: phase, randomisation, blinding, size."""

    phase: str | None = None
    randomised: bool | None = None
    blinding: str | None = None
    n: int | None = None
    source_text: str = ""


@frozen
class Population:
    """Who a trial enrolled: disease, setting, line, receptors, prior therapy."""

    disease: str | None = None
    setting: str | None = None
    line: int | None = None
    receptors: tuple[tuple[str, str], ...] = ()
    prior_therapy: str | None = None
    source_text: str = ""


@frozen
class Trial:
    """A trial file: design, population, arms and comparisons, each number with its source."""

    id: str
    name: str
    title: str | None
    citation: str | None
    seed: str | None
    design: Design
    population: Population
    arms: tuple[Arm, ...]
    comparisons: tuple[Comparison, ...]
    note: str | None = None
    path: str = ""
    #: where the trial's ``id`` is written (library checks name it)
    id_location: Location | None = field(default=None, eq=False)

    def arm(self, arm_id: str) -> Arm | None:
        """The arm with that id, or None."""
        return next((a for a in self.arms if a.id == arm_id), None)

    def quotes(self) -> list[str]:
        """Every ``source_text`` of the file (what a test traces to the seed)."""
        out = [self.design.source_text, self.population.source_text]
        for arm in self.arms:
            out.append(arm.source_text)
            out.extend(e.source_text for e in arm.endpoints)
        out.extend(c.source_text for c in self.comparisons)
        return [q for q in out if q]


def is_trial(doc: Document) -> bool:
    """Whether a loaded file is a trial file (``kind: trial`` at its top)."""
    root = doc.root
    if not isinstance(root, yaml.MappingNode):
        return False
    return any(
        isinstance(k, yaml.ScalarNode) and k.value == "kind" and getattr(v, "value", "") == "trial"
        for k, v in root.value
    )


class _TrialParser:
    def __init__(self, doc: Document, reader: Reader, catalogue: Catalogue) -> None:
        self.doc, self.r, self.catalogue = doc, reader, catalogue

    def ci(self, f: Fields) -> tuple[float, float] | None:
        node = f.get("ci")
        if node is None:
            return None
        items = self.r.sequence(node, "'ci'")
        values = [self.r.number(i, "each bound of 'ci'") for i in items]
        if len(values) != 2 or None in values:
            self.r.error("S003", node, "'ci' is the two bounds of the 95 % interval: [10.5, 13.3]")
            return None
        lo, hi = values
        assert lo is not None and hi is not None
        if lo > hi:
            self.r.error("S004", node, f"'ci' [{lo:g}, {hi:g}]: the lower bound comes first")
            return None
        return lo, hi

    def quote(self, f: Fields, what: str) -> str:
        text = f.text("source_text")
        if text is None:
            f.require(
                "source_text",
                f" (the sentence of the source that gives {what}, quoted exactly)",
            )
            return ""
        return " ".join(text.split())

    def endpoint(self, f: Fields) -> Endpoint | None:
        name = f.text("name", required=True)
        median = f.number("median_months")
        percent = f.number("percent")
        if median is not None and median <= 0:
            node = f.get("median_months")
            assert node is not None
            self.r.error("S004", node, "'median_months' must be more than 0")
            median = None
        if percent is not None and not 0 <= percent <= 100:
            node = f.get("percent")
            assert node is not None
            self.r.error("S004", node, "'percent' runs from 0 to 100")
            percent = None
        ci = self.ci(f)
        quote = self.quote(f, "this endpoint")
        if name is None:
            return None
        return Endpoint(name, median, ci, percent, f.text("assessment"), quote, f.location)

    def agent(self, f: Fields) -> TrialAgent | None:
        node = f.require("agent")
        written = f.text("agent")
        if node is None or written is None:
            return None
        found = self.catalogue.agent(written)
        if found is None:
            from timeline.problems import suggest

            self.r.error(
                "A001",
                node,
                f"unknown agent '{written}'{suggest(written, self.catalogue.all_names())}",
            )
            return None
        return TrialAgent(found.name, f.text("dose"), f.text("schedule"))

    def arm(self, f: Fields) -> Arm | None:
        arm_id = f.text("id", required=True)
        name = f.text("name", required=True)
        agents: list[TrialAgent] = []
        node = f.require("agents")
        for item in self.r.sequence(node, "'agents'") if node is not None else []:
            sub = self.r.fields(item, "an agent", KEYS["trial-agent"])
            agent = None if sub is None else self.agent(sub)
            if agent is not None:
                agents.append(agent)
        endpoints: list[Endpoint] = []
        node = f.get("endpoints")
        for item in self.r.sequence(node, "'endpoints'") if node is not None else []:
            sub = self.r.fields(item, "an endpoint", KEYS["endpoint"])
            endpoint = None if sub is None else self.endpoint(sub)
            if endpoint is not None:
                endpoints.append(endpoint)
        quote = self.quote(f, "the arm's treatment")
        if arm_id is None or name is None:
            return None
        return Arm(arm_id, name, tuple(agents), tuple(endpoints), f.integer("n", 1), quote)

    def comparison(self, f: Fields, arm_ids: set[str]) -> Comparison | None:
        endpoint = f.text("endpoint", required=True)
        node = f.require("arms")
        arms = f.texts("arms") if node is not None else ()
        for arm_id in arms:
            if arm_id not in arm_ids:
                from timeline.problems import suggest

                assert node is not None
                self.r.error(
                    "S007",
                    node,
                    f"'{arm_id}' is not the id of an arm of this trial{suggest(arm_id, arm_ids)}",
                )
        hr = f.number("hr")
        if hr is not None and hr <= 0:
            hr_node = f.get("hr")
            assert hr_node is not None
            self.r.error("S004", hr_node, "'hr' (a hazard ratio) must be more than 0")
            hr = None
        ci = self.ci(f)
        quote = self.quote(f, "this comparison")
        if endpoint is None:
            return None
        return Comparison(endpoint, arms, hr, ci, f.text("p"), f.text("assessment"), quote)

    def trial(self) -> Trial | None:
        root = Fields(self.r, self.doc.root, "the trial", frozenset(KEYS["trial"]))
        trial_id = root.text("id", required=True)
        if trial_id and not _ID.fullmatch(trial_id):
            node = root.get("id")
            assert node is not None
            self.r.error("S004", node, f"trial id '{trial_id}' should be letters, digits, '-', '_'")
        name = root.text("name", required=True)
        design = Design()
        node = root.get("design")
        df = None if node is None else self.r.fields(node, "'design'", KEYS["design"])
        if df is not None:
            design = Design(
                df.text("phase"),
                df.boolean("randomised"),
                df.choice("blinding", BLINDING),
                df.integer("n", 1),
                self.quote(df, "the design"),
            )
        population = Population()
        node = root.get("population")
        pf = None if node is None else self.r.fields(node, "'population'", KEYS["population"])
        if pf is not None:
            receptors: list[tuple[str, str]] = []
            rnode = pf.get("receptors")
            if isinstance(rnode, yaml.MappingNode):
                for k, v in rnode.value:
                    value = self.r.text(v, f"receptor {k.value}")
                    if value:
                        receptors.append((str(k.value), value))
            population = Population(
                pf.text("disease"),
                pf.choice("setting", SETTINGS),
                pf.integer("line", 1, 20),
                tuple(receptors),
                pf.text("prior_therapy"),
                self.quote(pf, "the population"),
            )
        arms: list[Arm] = []
        anode = root.require("arms")
        for item in self.r.sequence(anode, "'arms'") if anode is not None else []:
            sub = self.r.fields(item, "an arm", KEYS["arm"])
            arm = None if sub is None else self.arm(sub)
            if arm is not None:
                arms.append(arm)
        ids = {a.id for a in arms}
        comparisons: list[Comparison] = []
        cnode = root.get("comparisons")
        for item in self.r.sequence(cnode, "'comparisons'") if cnode is not None else []:
            sub = self.r.fields(item, "a comparison", KEYS["comparison"])
            comparison = None if sub is None else self.comparison(sub, ids)
            if comparison is not None:
                comparisons.append(comparison)
        if trial_id is None or name is None:
            return None
        return Trial(
            trial_id,
            name,
            root.text("title"),
            root.text("citation"),
            root.text("seed"),
            design,
            population,
            tuple(arms),
            tuple(comparisons),
            root.text("note"),
            self.doc.path,
            root.located("id"),
        )


def parse_trial(doc: Document, reader: Reader, catalogue: Catalogue) -> Trial | None:
    """The trial of a loaded trial file; its problems go to ``reader``."""
    return _TrialParser(doc, reader, catalogue).trial()
