"""The clinical model of one case: frozen value objects read from a case file.

Every object that comes from the file carries its :class:`~timeline.problems.Location`; the
location never takes part in equality, so two cases with the same content are equal wherever
they were written.
"""

from __future__ import annotations

from typing import ClassVar

from attrs import field, frozen

from timeline.catalogue import Agent
from timeline.dates import Anchor, DateSpec, Duration
from timeline.problems import Location

__all__ = [
    "CATEGORIES",
    "END_REASONS",
    "INTENTS",
    "TNM",
    "Acknowledgement",
    "Age",
    "Biomarker",
    "BiomarkerTest",
    "Case",
    "Death",
    "Diagnosis",
    "DiseaseEvent",
    "Dose",
    "DoseChange",
    "Event",
    "Exposure",
    "FollowUp",
    "Lesion",
    "Marker",
    "Patient",
    "Quantity",
    "Radiotherapy",
    "Regimen",
    "Resistance",
    "Response",
    "Source",
    "Surgery",
    "Toxicity",
]

INTENTS = ("neoadjuvant", "adjuvant", "advanced", "maintenance")
END_REASONS = (
    "progression",
    "toxicity",
    "completed",
    "patient-choice",
    "ongoing",
    "other",
    "unknown",
)
CATEGORIES = ("CR", "PR", "SD", "PD", "NE")
ROUTES = ("oral", "iv", "sc", "im", "intrathecal", "topical", "other")
FOLLOW_UP_STATUS = ("alive-ned", "alive-with-disease", "alive", "lost-to-follow-up")
RESISTANCE_KINDS = ("primary", "secondary", "unspecified")

_loc = field(default=None, eq=False, repr=False)


@frozen
class Quantity:
    value: float
    unit: str
    #: the number as the source wrote it ("2.0" stays "2.0"); not part of equality
    written: str | None = field(default=None, eq=False)

    def __str__(self) -> str:
        number = self.written or f"{self.value:g}"
        return f"AUC {number}" if self.unit == "AUC" else f"{number} {self.unit}"


Dose = Quantity


@frozen
class Source:
    citation: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    note: str | None = None


@frozen
class Age:
    years: int
    at: DateSpec | None = None
    note: str | None = None


@frozen
class Patient:
    sex: str | None = None
    age: Age | None = None
    menopause: str | None = None
    ethnicity: str | None = None
    history: str | None = None
    note: str | None = None
    location: Location | None = _loc


@frozen
class Biomarker:
    name: str
    result: str
    method: str | None = None
    value: str | None = None
    note: str | None = None
    location: Location | None = _loc


@frozen
class TNM:
    system: str | None = None
    t: str | None = None
    n: str | None = None
    m: str | None = None
    stage: str | None = None
    stage_inferred: str | None = None

    def __str__(self) -> str:
        parts = [x for x in (self.t, self.n, self.m) if x]
        tnm = ("" if all(" " not in x for x in parts) else " ").join(parts)
        stage = f"stage {self.stage}" if self.stage else ""
        if stage and self.stage_inferred:
            stage += " (inferred)"
        return " ".join(x for x in (tnm, stage) if x)


@frozen
class Diagnosis:
    date: DateSpec
    site: str | None = None
    laterality: str | None = None
    histology: str | None = None
    grade: str | None = None
    tnm: TNM | None = None
    nodes: str | None = None
    biomarkers: tuple[Biomarker, ...] = ()
    note: str | None = None
    location: Location | None = _loc

    def receptor_summary(self) -> str:
        short = {"er": "ER", "pgr": "PgR", "pr": "PgR", "her2": "HER2"}
        signs = {"positive": "+", "negative": "−"}
        parts = []
        for b in self.biomarkers:
            key = short.get(b.name.lower())
            if key:
                parts.append(f"{key}{signs.get(b.result.lower(), ' ' + b.result)}")
        return ", ".join(parts)


@frozen
class Lesion:
    site: str
    size: Quantity | None = None
    change: str | None = None
    note: str | None = None


@frozen
class Marker:
    name: str
    value: float
    unit: str | None = None
    written: str | None = field(default=None, eq=False)

    def __str__(self) -> str:
        number = self.written or f"{self.value:g}"
        return f"{self.name} {number}" + (f" {self.unit}" if self.unit else "")


@frozen
class DoseChange:
    date: DateSpec
    dose: Quantity
    reason: str | None = None
    location: Location | None = _loc


@frozen(kw_only=True)
class Event:
    """Something that happened to the patient, in file order (``index``)."""

    id: str
    index: int
    explicit_id: bool = True
    note: str | None = None
    location: Location | None = _loc

    kind: ClassVar[str] = "event"
    is_span: ClassVar[bool] = False

    @property
    def start(self) -> DateSpec | None:
        return getattr(self, "date", None)

    @property
    def end(self) -> DateSpec | None:
        return getattr(self, "date", None)

    def label(self) -> str:
        return (
            self.id
            if self.explicit_id
            else f"{self.kind} (line {self.location.line if self.location else '?'})"
        )


@frozen(kw_only=True)
class Surgery(Event):
    date: DateSpec
    procedure: str | None = None
    site: str | None = None
    laterality: str | None = None
    curative: bool = False
    findings: str | None = None
    kind: ClassVar[str] = "surgery"


@frozen(kw_only=True)
class Radiotherapy(Event):
    start_date: DateSpec
    end_date: DateSpec | None = None
    site: str | None = None
    laterality: str | None = None
    dose: Quantity | None = None
    fractions: int | None = None
    intent: str | None = None
    kind: ClassVar[str] = "radiotherapy"
    is_span: ClassVar[bool] = True

    @property
    def start(self) -> DateSpec:
        return self.start_date

    @property
    def end(self) -> DateSpec | None:
        return self.end_date


@frozen(kw_only=True)
class Exposure:
    """One agent given within a regimen, from its start to its end."""

    key: str
    agent: Agent
    written: str
    dose: Quantity | None = None
    loading_dose: Quantity | None = None
    schedule: str | None = None
    route: str | None = None
    cycles: int | None = None
    start_date: DateSpec | None = None
    end_date: DateSpec | None = None
    dose_changes: tuple[DoseChange, ...] = ()
    note: str | None = None
    location: Location | None = _loc


@frozen(kw_only=True)
class Regimen(Event):
    name: str | None = None
    intent: str
    start_date: DateSpec
    end_date: DateSpec | None = None
    end_reason: str | None = None
    cycles: int | None = None
    cycle_length: Duration | None = None
    exposures: tuple[Exposure, ...] = ()
    kind: ClassVar[str] = "regimen"
    is_span: ClassVar[bool] = True

    @property
    def start(self) -> DateSpec:
        return self.start_date

    @property
    def end(self) -> DateSpec | None:
        return self.end_date

    @property
    def ongoing(self) -> bool:
        return self.end_reason == "ongoing"

    def agent_names(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for e in self.exposures:
            seen[e.agent.name] = None
        return tuple(seen)

    def title(self) -> str:
        agents = " + ".join(self.agent_names())
        if self.name and self.name.lower() != agents.lower():
            return f"{self.name} ({agents})"
        return agents


@frozen(kw_only=True)
class DiseaseEvent(Event):
    """A recurrence after disease-free time, or progression of advanced disease."""

    type: str  # "recurrence" | "progression"
    date: DateSpec
    sites: tuple[str, ...] = ()
    new_sites: tuple[str, ...] = ()
    method: str | None = None
    kind: ClassVar[str] = "disease"


@frozen(kw_only=True)
class Response(Event):
    date: DateSpec
    category: str
    authors_term: str | None = None
    method: str | None = None
    sites: tuple[str, ...] = ()
    lesions: tuple[Lesion, ...] = ()
    markers: tuple[Marker, ...] = ()
    setting: str = "on-treatment"
    kind: ClassVar[str] = "response"


@frozen(kw_only=True)
class Toxicity(Event):
    date: DateSpec
    term: str
    grade: int | None = None
    agent: str | None = None
    kind: ClassVar[str] = "toxicity"


@frozen(kw_only=True)
class Resistance(Event):
    date: DateSpec
    agent: str | None = None
    agent_class: str | None = None
    resistance: str = "unspecified"
    basis: Anchor | None = None
    window: Duration | None = None
    kind: ClassVar[str] = "resistance"

    @property
    def target(self) -> str:
        return self.agent or self.agent_class or "?"


@frozen(kw_only=True)
class FollowUp(Event):
    date: DateSpec
    status: str
    kind: ClassVar[str] = "follow-up"


@frozen(kw_only=True)
class Death(Event):
    date: DateSpec
    cause: str | None = None
    kind: ClassVar[str] = "death"


@frozen(kw_only=True)
class BiomarkerTest(Event):
    date: DateSpec
    biomarker: Biomarker
    specimen: str | None = None
    kind: ClassVar[str] = "biomarker"


@frozen
class Acknowledgement:
    """A warning the curator has read and accepts, with the reason (``acknowledge`` in the file)."""

    code: str
    event: str | None
    reason: str
    location: Location | None = _loc


@frozen
class Case:
    id: str
    title: str | None
    source: Source
    patient: Patient
    diagnosis: Diagnosis
    events: tuple[Event, ...]
    declared_agents: tuple[Agent, ...] = ()
    notes: str | None = None
    path: str = field(default="", eq=False)
    acknowledgements: tuple[Acknowledgement, ...] = ()
    #: ids of events that had errors of their own and were left out
    unreadable_ids: frozenset[str] = field(default=frozenset(), eq=False)

    def regimens(self) -> list[Regimen]:
        return [e for e in self.events if isinstance(e, Regimen)]

    def of(self, kind: type[Event]) -> list[Event]:
        return [e for e in self.events if isinstance(e, kind)]

    def event(self, event_id: str) -> Event | None:
        for e in self.events:
            if e.id == event_id:
                return e
        return None
