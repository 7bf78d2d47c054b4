"""The clinical model of one case: frozen value objects read from a case file.

Every object that comes from the file carries its :class:`~timeline.problems.Location`; the
location never takes part in equality, so two cases with the same content are equal wherever
they were written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from attrs import field, frozen

from timeline.catalogue import Agent, class_words
from timeline.dates import Anchor, DateSpec, Duration
from timeline.problems import Location
from timeline.values import value_repr

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "CATEGORIES",
    "END_REASONS",
    "INTENTS",
    "MRD_RESULTS",
    "NO_PRIOR_LINES",
    "NO_STATE",
    "REGIONAL_ROUTES",
    "SAID",
    "TNM",
    "TOXICITY_GRADINGS",
    "Acknowledgement",
    "Age",
    "Biomarker",
    "BiomarkerTest",
    "Case",
    "Complication",
    "Death",
    "Declined",
    "Diagnosis",
    "DiseaseEvent",
    "Dose",
    "DoseChange",
    "Event",
    "Exposure",
    "FollowUp",
    "Imaging",
    "Lab",
    "Lesion",
    "Marker",
    "MenopauseChange",
    "Mrd",
    "Patient",
    "Performance",
    "Pregnancy",
    "PriorLines",
    "Quantity",
    "Radiotherapy",
    "Regimen",
    "Resistance",
    "Response",
    "SecondPrimary",
    "Source",
    "SpanEvent",
    "Surgery",
    "Toxicity",
    "Transplant",
]

#: ``locoregional``: a drug given into the organ or region of the tumour (hepatic arterial
#: infusion, chemoembolisation, intraperitoneal or intravesical therapy): anti-cancer therapy,
#: drawn as local therapy and, like adjuvant therapy, not a numbered line; ``definitive``:
#: chemotherapy that is part of definitive (curative-intent) radiotherapy, given with it
#: (concurrent chemoradiation) or before it (induction): primary treatment, not a numbered line;
#: ``unknown``: the source does not say for what the regimen was given (an abstract that names
#: the drugs between an operation and a recurrence): anti-cancer therapy, not numbered, and
#: the lines after it are numbered "at least" (L≥2), since it may have been a line itself;
#: ``bridging``: therapy given to hold the disease while a planned cellular therapy or
#: transplant is prepared (between leukapheresis and the CAR T-cell infusion): part of the line
#: it bridges to, not a numbered line of its own (PFS after CAR T cells is counted from the
#: infusion: Pinnix et al., Blood Adv 2020;4:2871; Roddie et al., Blood Adv 2023;7:2872)
INTENTS = (
    "neoadjuvant",
    "adjuvant",
    "definitive",
    "advanced",
    "consolidation",
    "maintenance",
    "supportive",
    "locoregional",
    "bridging",
    "unknown",
)
#: ``no-response``: stopped because it did not work, with no progression recorded ("failed",
#: "refractory", "no response after three cycles"); ``surgery``: stopped for an operation (a
#: "perioperative withdrawal", a drug held before a resection), whether it was resumed or not
#: being another matter (a later regimen, or a `resumed` dose change); ``remission``: stopped
#: because the disease was in remission (a checkpoint inhibitor "placed on hold" once a PET
#: showed no disease), not at the end of a course planned from the start (``completed``);
#: ``cost``: stopped because it could not be paid for ("financial reasons", "not covered by
#: insurance"); ``death``: given until the patient died (the end is the death's day)
END_REASONS = (
    "progression",
    "no-response",
    "toxicity",
    "completed",
    "patient-choice",
    "surgery",
    "remission",
    "cost",
    "death",
    "ongoing",
    "other",
    "unknown",
)
CATEGORIES = ("CR", "PR", "SD", "PD", "NE", "NR", "unknown")
#: the categories that move no disease state: not evaluable; no response ("did not respond":
#: SD or PD by RECIST 1.1, the source not saying which); the authors' words with no category
NO_STATE = ("NE", "NR", "unknown")
#: the categories the Disease lane draws as a stretch of their own from their date, in place of
#: a state: what the lane can say from there is only what the authors said
SAID = ("NR", "unknown")
#: the response criteria a source may name; the categories keep their RECIST meaning for the
#: state machine (iRECIST's iCR/iPR/iSD map to CR/PR/SD; an unconfirmed iUPD is a PD here; the
#: IMWG's stringent CR is a CR, its very good partial response a PR; ELN's CRi a CR)
CRITERIA = (
    "RECIST 1.1",
    # RECIST named with no version ("according to the Response Evaluation Criteria in Solid
    # Tumors"): 'RECIST' was answered "did you mean 'mRECIST'?", a liver-specific set
    "RECIST",
    "iRECIST",
    "mRECIST",
    "irRC",
    "Choi",
    "PERCIST",
    "RANO",
    "Lugano",
    "IMWG",
    # acute myeloid leukaemia (European LeukemiaNet): a CR with incomplete haematological
    # recovery (CRi, CRh) is written CR with the authors' term; a morphologic leukaemia-free
    # state, which no category fits, `unknown` with its term
    "ELN",
    # chronic lymphocytic leukaemia (the iwCLL guidelines) and the International Working
    # Group's criteria (myelodysplastic syndromes, older lymphoma reports)
    "iwCLL",
    "IWG",
    "other",
)
ROUTES = (
    "oral",
    "iv",
    "sc",
    "im",
    "intrathecal",
    "topical",
    "intra-arterial",
    "intraperitoneal",
    "intrapleural",
    "intravesical",
    "other",
)
#: the routes that give a drug into one region of the body (intrathecal methotrexate beside
#: high-dose methotrexate given intravenously), said beside the agent where its regimen is told
REGIONAL_ROUTES = frozenset(
    ("intrathecal", "topical", "intra-arterial", "intraperitoneal", "intrapleural", "intravesical")
)
FOLLOW_UP_STATUS = (
    "alive-ned",
    "alive-with-disease",
    "alive-progression-free",
    "alive",
    "lost-to-follow-up",
    "unknown",
)
#: what the source says of anti-cancer therapy after the last one the case records, up to the
#: last follow-up or death: ``none`` (none was given) or ``not-reported`` (it does not say)
LATER_THERAPY = ("none", "not-reported")
TOXICITY_ACTIONS = ("dose-reduced", "held", "stopped", "none")
#: the scale a toxicity's grade is given on, when the source names one: CTCAE, the ASTCT
#: consensus grading of cytokine release syndrome and ICANS (Lee et al., Biol Blood Marrow
#: Transplant 2019;25:625-38), or another the note names
TOXICITY_GRADINGS = ("CTCAE", "ASTCT", "other")
#: how sure the source is that what a toxicity is attributed to caused it, on the attribution
#: scale of the NCI's adverse event reporting (CTCAE; the NCI's guidelines for expedited
#: adverse event reporting): "could not exclude" is possible, "most likely" probable; left out
#: when the source states the cause without saying how sure it is
TOXICITY_ATTRIBUTIONS = ("definite", "probable", "possible", "unlikely")
#: whose stem cells a transplant gave: the patient's own, a donor's, an identical twin's
DONORS = ("autologous", "allogeneic", "syngeneic", "unknown")
#: how the source relates a second primary cancer to the first one's treatment
SECOND_PRIMARY_RELATIONS = ("therapy-related", "independent", "unknown")
#: how a pregnancy ended (``outcome``)
PREGNANCY_OUTCOMES = ("live-birth", "stillbirth", "miscarriage", "termination", "ongoing")
#: how a child was delivered (``delivery``)
DELIVERY_MODES = ("vaginal", "caesarean")
DOSE_CHANGES = ("reduced", "increased", "held", "resumed")
PERFORMANCE_SCALES = ("ECOG", "Karnofsky")
MENOPAUSE_STATUS = ("premenopausal", "perimenopausal", "postmenopausal", "unknown")
RESISTANCE_KINDS = ("primary", "secondary", "unspecified")

_loc = field(default=None, eq=False, repr=False)


@frozen(repr=False)
class Quantity:
    """A number with its unit (a dose, a size), as the source wrote it."""

    __repr__ = value_repr

    value: float
    unit: str
    #: the number as the source wrote it ("2.0" stays "2.0"); not part of equality
    written: str | None = field(default=None, eq=False)

    def __str__(self) -> str:
        number = self.written or f"{self.value:g}"
        return f"AUC {number}" if self.unit == "AUC" else f"{number} {self.unit}"


Dose = Quantity


@frozen(repr=False)
class Source:
    """Where the case comes from: citation, DOI, PMID, URL, and when it was published (a
    calendar date as precise as the source gives it: every date the case tells comes before
    it, checked as C011)."""

    __repr__ = value_repr

    citation: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    note: str | None = None
    published: DateSpec | None = None

    def reference(self) -> str:
        """The citation with what finds the article: "CITATION (doi:…; PMID …; URL)", the
        address left out when it is the DOI's; "" when the case gives none. (A deck's title
        slide gave the citation alone, and a class had no way back to the paper.)"""
        found = [f"doi:{self.doi}"] if self.doi else []
        if self.pmid:
            found.append(f"PMID {self.pmid}")
        if self.url and not (self.doi and self.doi.lower() in self.url.lower()):
            found.append(self.url)
        words = " ".join((self.citation or "").split())
        if not found:
            return words
        ids = "; ".join(found)
        return f"{words} ({ids})" if words else ids


@frozen(repr=False)
class Age:
    """The patient's age in years (whole years: ``months // 12`` when the source gives months),
    and when; ``months`` when the source gives the age in months (an infant "4 months old")."""

    __repr__ = value_repr

    years: int
    at: DateSpec | None = None
    note: str | None = None
    months: int | None = None

    def words(self) -> str:
        """The age as a heading says it: "68-year-old", "4-month-old"."""
        if self.months is not None:
            return f"{self.months}-month-old"
        return f"{self.years}-year-old"


@frozen(repr=False)
class Patient:
    """The patient: sex, age, menopausal status, history, family history."""

    __repr__ = value_repr

    sex: str | None = None
    age: Age | None = None
    menopause: str | None = None
    ethnicity: str | None = None
    history: str | None = None
    #: the cancers of the patient's relatives as the source gives them (a mother's breast
    #: cancer at 60: what a hereditary syndrome is suspected on), apart from the patient's own
    #: medical history
    family_history: str | None = None
    note: str | None = None
    location: Location | None = _loc

    @property
    def history_text(self) -> str | None:
        """The history on one line, as `show` and the deck say it (a folded YAML text keeps
        its line breaks)."""
        return " ".join(self.history.split()) if self.history else None

    @property
    def ethnicity_text(self) -> str | None:
        """The ethnicity as the case gives it, on one line (stored, and said nowhere, before)."""
        return " ".join(self.ethnicity.split()) if self.ethnicity else None

    @property
    def family_history_text(self) -> str | None:
        """The family history on one line, as `show` and the deck say it."""
        return " ".join(self.family_history.split()) if self.family_history else None


@frozen(repr=False)
class Biomarker:
    """A biomarker result: ``ER positive``, ``Ki-67 60 %``, ``HER2 IHC 2+, ISH negative``."""

    __repr__ = value_repr

    name: str
    result: str | None
    method: str | None = None
    value: str | None = None
    note: str | None = None
    location: Location | None = _loc
    unit: str | None = None
    scale: str | None = None
    ish: str | None = None

    def reading(self) -> str:
        """The result as a reader says it; HER2 IHC 1+, or 2+ with a negative ISH, is HER2-low
        (Tarantino et al., ESMO expert consensus on HER2-low breast cancer, Ann Oncol 2023)."""
        if self.name.upper() == "HER2" and self.result in (None, "low"):
            score = (self.value or "").replace(" ", "").upper()
            if score in ("1+", "IHC1+") or (
                score in ("2+", "IHC2+") and (self.ish or "").lower() == "negative"
            ):
                return "low"
        if self.result:
            return self.result
        value = " ".join(x for x in (self.value_words, self.unit) if x)
        return " ".join(x for x in (self.scale, value) if x) or "?"

    @property
    def value_words(self) -> str | None:
        """The value as said: a comparator typed ``>=`` or ``<=`` written as the sign
        (PD-L1 "≥ 50 %", not ">= 50 %")."""
        if self.value is None:
            return None
        text = self.value.strip()
        for typed, sign in ((">=", "≥"), ("<=", "≤")):
            if text.startswith(typed):
                return f"{sign} {text[len(typed) :].strip()}"
        return self.value

    @property
    def is_receptor(self) -> bool:
        """Whether it is one of the receptors the heading names in short (ER, PgR, HR, HER2:
        :meth:`Diagnosis.receptor_summary`). Not "HR" read as homologous recombination, its
        result proficient or deficient: an ovarian cancer's "HR proficient" read "HR
        proficient" among the hormone receptors."""
        if self.name.lower() == "hr" and (self.result or "").lower() in _HRD_RESULTS:
            return False
        return self.name.lower() in _RECEPTORS

    def text(self) -> str:
        """The biomarker in words, as the source gives it."""
        reading = self.reading()
        if self.result is None or reading == "low":
            extra = (
                ""
                if reading != "low"
                else f" ({self.scale or 'IHC'} {self.value}"
                + (f", ISH {self.ish})" if self.ish else ")")
            )
            if reading == "low":
                return f"{self.name}-low{extra}"
            # (an ISH result beside a score: "HER2 IHC 2+, ISH equivocal"; it was dropped)
            return f"{self.name} {reading}" + (f", ISH {self.ish}" if self.ish else "")
        detail = ", ".join(
            x
            for x in (
                " ".join(y for y in (self.scale, self.value_words, self.unit) if y),
                f"ISH {self.ish}" if self.ish else "",
            )
            if x
        )
        return f"{self.name} {reading}" + (f" ({detail})" if detail else "")


#: the names of TNM staging systems (anything else named as ``system`` is another system's)
_TNM_SYSTEMS = ("UICC", "AJCC", "TNM", "OTHER")


@frozen(repr=False)
class TNM:
    """A TNM classification and stage (``stage_inferred``: why, when the stage is derived
    rather than stated by the source; ``b``: the blood class of the TNMB staging of mycosis
    fungoides and Sézary syndrome, ISCL/EORTC, Olsen et al. 2007)."""

    __repr__ = value_repr

    system: str | None = None
    t: str | None = None
    n: str | None = None
    m: str | None = None
    stage: str | None = None
    stage_inferred: str | None = None
    b: str | None = None

    def __str__(self) -> str:
        parts = [x for x in (self.t, self.n, self.m, self.b) if x]
        # "pT3N0M0" reads as one code; with a prefix after the first part ("pT3 pN0 M0") or a
        # space within one, the parts are spaced ("pT3pN0M0" ran them together)
        spaced = any(" " in x for x in parts) or any(x[:1].islower() for x in parts[1:])
        tnm = (" " if spaced else "").join(parts)
        stage = f"stage {self.stage}" if self.stage else ""
        if stage and not self.is_tnm:
            # a stage of another system reads differently: Ann Arbor IVB is not TNM's IVB
            stage += f" ({self.system})"
        if stage and self.stage_inferred:
            stage += " (inferred)"
        return " ".join(x for x in (tnm, stage) if x)

    @property
    def is_tnm(self) -> bool:
        """Whether the staging is TNM's (no system named, UICC, AJCC, or `other`, as the
        case format had it), not another system's (Ann Arbor, FIGO, ISS, BCLC)."""
        if not self.system:
            return True
        return self.system.strip().upper().startswith(_TNM_SYSTEMS)


@frozen(repr=False)
class Diagnosis:
    """The diagnosis: date, site, laterality, histology, grade, TNM, nodes, the sites of
    distant metastases found with it, and biomarkers."""

    __repr__ = value_repr

    date: DateSpec
    site: str | None = None
    laterality: str | None = None
    histology: str | None = None
    grade: str | None = None
    tnm: TNM | None = None
    nodes: str | None = None
    #: the sites of distant metastases at the diagnosis, as the source names them ("stage IV
    #: with liver and bone metastases": liver, bone)
    metastases: tuple[str, ...] = ()
    biomarkers: tuple[Biomarker, ...] = ()
    note: str | None = None
    location: Location | None = _loc

    def receptor_summary(self) -> str:
        """The receptors in short: "ER+, PgR−, HER2+" ("HR+" where the source gives the hormone
        receptors together)."""
        signs = {"positive": "+", "negative": "−"}
        parts = []
        for b in self.biomarkers:
            key = _RECEPTORS.get(b.name.lower()) if b.is_receptor else None
            if key:
                reading = b.reading()
                parts.append(
                    f"{key}{signs.get(reading.lower(), '-' + reading if reading == 'low' else ' ' + reading)}"
                )
        return ", ".join(parts)


#: the receptors the heading names in short, by their names in lower case
_RECEPTORS = {"er": "ER", "pgr": "PgR", "pr": "PgR", "hr": "HR", "her2": "HER2"}
#: the results of homologous recombination status, which "HR" names too
_HRD_RESULTS = frozenset({"proficient", "deficient"})


@frozen(repr=False)
class Lesion:
    """A lesion in a response assessment: its site, size and change."""

    __repr__ = value_repr

    site: str
    size: Quantity | None = None
    change: str | None = None
    note: str | None = None


@frozen(repr=False)
class Marker:
    """A tumour marker in a response assessment: its value (CA 15-3 35 U/mL), its direction
    ("PSA decreased"), or both."""

    __repr__ = value_repr

    name: str
    #: None when the source gives the direction alone (``change``)
    value: float | None
    unit: str | None = None
    written: str | None = field(default=None, eq=False)
    #: the value is a bound, as a laboratory reports a value beyond what it measures
    #: ("< 2 ng/mL"): one of ``<``, ``≤``, ``>``, ``≥``; None for the value itself
    comparator: str | None = None
    #: which way it moved, as the source says it (:data:`MARKER_CHANGES`), or None
    change: str | None = None

    def __str__(self) -> str:
        if self.value is None:
            return f"{self.name} {self.change or 'not given'}"
        number = self.written or f"{self.value:g}"
        if self.comparator and not number.startswith(self.comparator):
            number = f"{self.comparator} {number}"
        said = f"{self.name} {number}" + (f" {self.unit}" if self.unit else "")
        return f"{said} ({self.change})" if self.change else said


#: the directions a tumour marker's ``change`` may say: a source that gives "the PSA level
#: decreased significantly" without a value
MARKER_CHANGES = ("decreased", "increased", "normalised", "stable")


#: what a measurable residual disease test found
MRD_RESULTS = ("negative", "positive")


@frozen(repr=False)
class Mrd:
    """Measurable (minimal) residual disease at a response of a blood cancer: the result, the
    method and the sensitivity as the source gives them ("MRD negative by next-generation
    flow cytometry, 10^-5")."""

    __repr__ = value_repr

    result: str
    method: str | None = None
    #: the test's sensitivity as written ("10^-5", "1 in 100,000")
    sensitivity: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        how = ", ".join(x for x in (self.method, self.sensitivity) if x)
        return f"MRD {self.result}" + (f" ({how})" if how else "")


@frozen(repr=False)
class DoseChange:
    """A change of dose of an exposure: when, to what (or only which way, when the source
    gives no numbers: "controlled by dose reduction"), a new schedule, and why."""

    __repr__ = value_repr

    date: DateSpec
    dose: Quantity | None
    reason: str | None = None
    location: Location | None = _loc
    #: ``reduced`` or ``increased``, when the source says which way without a new dose;
    #: ``held`` (a temporary suspension) and ``resumed`` (given again after it, at ``dose``
    #: when the source gives it): an interruption within the exposure, not a new regimen
    change: str | None = None
    #: a new schedule ("5 days on, 2 days off"), as the source writes it
    schedule: str | None = None

    def text(self) -> str:
        """The change in words: "dose 500 mg", "dose reduced", "dose reduced; schedule 5 days
        on, 2 days off"."""
        parts = []
        if self.change in ("held", "resumed"):
            parts.append(self.change + (f" at {self.dose}" if self.dose is not None else ""))
        elif self.dose is not None:
            parts.append(f"dose {self.change + ' to ' if self.change else ''}{self.dose}")
        elif self.change:
            parts.append(f"dose {self.change}")
        if self.schedule:
            parts.append(f"schedule {self.schedule}")
        return "; ".join(parts)


@frozen(repr=False)
class Teach:
    """A question for the class before this event is revealed, and its answer (``teach``)."""

    __repr__ = value_repr

    question: str
    answer: str | None = None


@frozen(kw_only=True, repr=False)
class Event:
    """Something that happened to the patient, in file order (``index``)."""

    __repr__ = value_repr

    id: str
    index: int
    explicit_id: bool = True
    note: str | None = None
    location: Location | None = _loc
    teach: Teach | None = None

    kind: ClassVar[str] = "event"
    is_span: ClassVar[bool] = False

    @property
    def start(self) -> DateSpec | None:
        """The date the event starts (its date for a point event)."""
        return getattr(self, "date", None)

    @property
    def end(self) -> DateSpec | None:
        """The date the event ends (its date for a point event)."""
        return getattr(self, "date", None)

    def label(self) -> str:
        """How messages name the event: its id, or its type and line when the file gives no id."""
        return (
            self.id
            if self.explicit_id
            else f"{self.kind} (line {self.location.line if self.location else '?'})"
        )


@frozen(kw_only=True, repr=False)
class Surgery(Event):
    """An operation: procedure, site, whether it was curative and whether it was cancer
    treatment."""

    date: DateSpec
    procedure: str | None = None
    site: str | None = None
    laterality: str | None = None
    #: True when the resection left no evidence of disease; None when the source does not say
    curative: bool | None = False
    findings: str | None = None
    #: False for an operation that is not cancer treatment (benign disease, a cholecystectomy)
    oncologic: bool = True
    #: what the source says of anti-cancer therapy after this one, up to the next the case
    #: records: ``not-reported`` (it does not say: no time off therapy is drawn or counted
    #: after it, and the lines after it are numbered "at least"), or ``none``
    later_therapy: str | None = None
    #: the id of the regimen whose line this operation is part of, as the source plans it
    #: (the resection of a germ-cell tumour's residual mass after BEP): no new treatment
    #: that censors that line's PFS
    part_of: str | None = None
    kind: ClassVar[str] = "surgery"


@frozen(kw_only=True, repr=False)
class SpanEvent(Event):
    """An event with a start and, when the case gives one, an end (a regimen, a course of
    radiotherapy, a pregnancy)."""

    start_date: DateSpec
    end_date: DateSpec | None = None
    is_span: ClassVar[bool] = True

    @property
    def start(self) -> DateSpec:
        """The day it started."""
        return self.start_date

    @property
    def end(self) -> DateSpec | None:
        """The day it ended, if given."""
        return self.end_date


@frozen(kw_only=True, repr=False)
class Radiotherapy(SpanEvent):
    """A course of radiotherapy: start and end, site, dose, fractions, intent, technique."""

    site: str | None = None
    laterality: str | None = None
    dose: Quantity | None = None
    fractions: int | None = None
    intent: str | None = None
    #: how it was given, in the source's words (``SBRT``, ``Y-90 radioembolization``,
    #: ``brachytherapy``): named so in place of "radiotherapy"
    technique: str | None = None
    #: what the source says of anti-cancer therapy after this one, up to the next the case
    #: records: ``not-reported`` (it does not say: no time off therapy is drawn or counted
    #: after it, and the lines after it are numbered "at least"), or ``none``
    later_therapy: str | None = None
    #: the id of the regimen whose line this course is part of, as the source plans it
    #: (consolidation radiotherapy after induction chemotherapy): no new treatment that
    #: censors that line's PFS
    part_of: str | None = None
    kind: ClassVar[str] = "radiotherapy"

    def words(self, unnamed: str = "radiotherapy") -> str:
        """The course in a few words: its technique (else ``unnamed``), site and dose
        ("SBRT liver 50 Gy"; "total body irradiation 2 Gy")."""
        return " ".join(
            str(x) for x in (self.technique or unnamed, self.site_words(), self.dose) if x
        )

    def site_words(self) -> str | None:
        """The site as it is said beside the technique: left out when the technique already
        says it ("total body irradiation" at site "total body" read "total body irradiation
        total body"; "whole-brain radiotherapy" at site "whole brain", hyphen or not)."""

        def words(text: str) -> str:
            return " ".join(text.lower().replace("-", " ").split())

        if self.site and self.technique and words(self.site) in words(self.technique):
            return None
        return self.site


@frozen(kw_only=True, repr=False)
class Transplant(Event):
    """A haematopoietic stem-cell transplant, dated on the day of the infusion (day 0).

    Anti-cancer therapy at one day, like a cancer operation: it interrupts the time off
    therapy and numbers no line (a planned transplant after induction is part of that line:
    Rajkumar et al., Blood 2015;126:921). The conditioning is named by its agents; dated, it is
    a regimen of its own (intent ``consolidation``)."""

    date: DateSpec
    #: ``autologous``, ``allogeneic``, ``syngeneic`` or ``unknown``
    donor: str
    #: the donor as the source says it: "matched unrelated", "haploidentical sibling"
    match: str | None = None
    #: the cells given: "peripheral blood stem cells", "bone marrow", "cord blood"
    graft: str | None = None
    #: the conditioning's agents (catalogue names), when the source names them, and total body
    #: irradiation as "TBI" (or "TBI 2 Gy" with its total dose)
    conditioning: tuple[str, ...] = ()
    #: the disease's state at the transplant as the source says it: "second complete remission"
    status: str | None = None
    #: as for a surgery: ``not-reported`` or ``none``
    later_therapy: str | None = None
    kind: ClassVar[str] = "transplant"

    def words(self) -> str:
        """The transplant in a few words: "allogeneic stem-cell transplant (matched unrelated)"."""
        what = "stem-cell transplant"
        what = what if self.donor == "unknown" else f"{self.donor} {what}"
        return f"{what} ({self.match})" if self.match else what

    def text(self) -> str:
        """Everything the case says of it: "allogeneic stem-cell transplant (matched
        unrelated); peripheral blood stem cells; conditioning fludarabine + busulfan; in first
        complete remission"."""
        parts = [self.words()]
        if self.graft:
            parts.append(self.graft)
        if self.conditioning:
            parts.append("conditioning " + " + ".join(self.conditioning))
        if self.status:
            said = self.status.startswith(("in ", "at ", "after ", "with "))
            parts.append(self.status if said else f"in {self.status}")
        return "; ".join(parts)


@frozen(kw_only=True, repr=False)
class Exposure:
    """One agent given within a regimen, from its start to its end."""

    __repr__ = value_repr

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
    #: why this agent stopped, when it stopped before its regimen did (same values as a regimen's)
    end_reason: str | None = None
    note: str | None = None
    location: Location | None = _loc

    def end_reported(self, regimen: Regimen) -> bool:
        """Whether the case says when this agent stopped: its own end, else its regimen's (an
        end written ``unknown`` is not reported: it is bounded only by its neighbours; nor is
        an end given only by order after cycles of unstated length, which give only its least
        distance from the start)."""
        if self.end_date is not None:
            return self.end_date.kind != "unknown" and not (
                self.end_date.as_undated
                or (self.cycles and regimen.cycle_length is None and self.end_date.by_order_only)
            )
        return regimen.end_reported

    def end_undated(self, regimen: Regimen) -> bool:
        """Whether the case says this agent stopped but dates it only by order, after cycles of
        unstated length ("discontinued after 46 doses"): its end is not dated, rather than not
        reported."""
        if self.end_date is None:
            return regimen.end_undated
        return self.end_date.kind != "unknown" and not self.end_reported(regimen)


@frozen(kw_only=True, repr=False)
class Regimen(SpanEvent):
    """A systemic regimen: intent, dates, end reason, cycles, and the exposures to each agent."""

    name: str | None = None
    intent: str
    end_reason: str | None = None
    cycles: int | None = None
    cycle_length: Duration | None = None
    exposures: tuple[Exposure, ...] = ()
    #: what the source says of anti-cancer therapy after this one, up to the next the case
    #: records: ``not-reported`` (it does not say: no time off therapy is drawn or counted
    #: after it, and the lines after it are numbered "at least"), or ``none``
    later_therapy: str | None = None
    #: the clinical trial it was given in, as the source names it (a registry number,
    #: "NCT03196414", or the trial's name; ``unnamed`` when the source does not name it)
    trial: str | None = None
    kind: ClassVar[str] = "regimen"

    @property
    def trial_words(self) -> str | None:
        """The trial it was given in, in words ("in trial NCT03196414"; "in a clinical trial
        the source does not name" for ``trial: unnamed``), None when none."""
        if not self.trial:
            return None
        if self.trial.strip().lower() == "unnamed":
            return "in a clinical trial the source does not name"
        return f"in trial {self.trial}"

    @property
    def end_reported(self) -> bool:
        """Whether the case says when the regimen ended (a date, a window or a relation; an end
        written ``unknown`` is not reported: it is bounded only by its neighbours; nor is an end
        given only by order after cycles of unstated length, "six cycles", then the next line:
        the cycles give only its least distance from the start)."""
        end = self.end_date
        if end is None or end.kind == "unknown":
            return False
        return not (
            end.as_undated or (self.cycles and self.cycle_length is None and end.by_order_only)
        )

    @property
    def end_undated(self) -> bool:
        """Whether the case says the regimen ended but dates its end only by order, after
        cycles of unstated length ("discontinued after 46 doses"): not dated, rather than not
        reported."""
        end = self.end_date
        return end is not None and end.kind != "unknown" and not self.end_reported

    @property
    def ongoing(self) -> bool:
        """Whether the regimen is still given at the last follow-up."""
        return self.end_reason == "ongoing"

    def agent_names(
        self, exposures: Sequence[Exposure] | None = None, regional: bool = False
    ) -> tuple[str, ...]:
        """The canonical names of its agents (of ``exposures``, some of its own, when given), in
        order, each once; an agent known only by its class as often as it stands for one
        ("targeted therapy" twice: two unnamed drugs). ``regional``: an agent given into one
        region is named with its route, "methotrexate (intrathecal)", apart from the same
        agent given otherwise."""
        seen: set[str] = set()
        names: list[str] = []
        for e in self.exposures if exposures is None else exposures:
            name = e.agent.name
            if regional and e.route in REGIONAL_ROUTES:
                name += f" ({e.route})"
            ident = e.key if e.agent.unspecified else name
            if ident not in seen:
                seen.add(ident)
                names.append(name)
        return tuple(names)

    def title(self, exposures: Sequence[Exposure] | None = None) -> str:
        """The name and agents: "FEC (fluorouracil + epirubicin + cyclophosphamide)"; of
        ``exposures`` only, when given (those begun by a day)."""
        # (an agent given into one region is said so, as in the regimen's summary:
        # intrathecal methotrexate beside the high-dose one was left out of a deck's "treatment
        # so far", both read as "methotrexate")
        agents = " + ".join(self.agent_names(exposures, regional=True))
        if self.name and agents.lower() in self.name.lower():
            return self.name  # (a name that spells its agents out: they are not said twice)
        if self.name:
            return f"{self.name} ({agents})"
        return agents


@frozen(kw_only=True, repr=False)
class DiseaseEvent(Event):
    """A recurrence after disease-free time, or progression of advanced disease; ``histology``
    when the disease came back or grew as another histology than the diagnosis's (a
    histological transformation: small-cell carcinoma from an EGFR-mutant adenocarcinoma, a
    diffuse large B-cell lymphoma from an indolent one)."""

    type: str  # "recurrence" | "progression"
    date: DateSpec
    sites: tuple[str, ...] = ()
    new_sites: tuple[str, ...] = ()
    method: str | None = None
    histology: str | None = None
    kind: ClassVar[str] = "disease"

    def sites_text(self) -> str:
        """Its sites in words, new ones marked, each once ("liver, lung (new)": a site listed
        under both keys is new)."""
        new = set(self.new_sites)
        return ", ".join(
            (*(s for s in self.sites if s not in new), *(f"{s} (new)" for s in self.new_sites))
        )


@frozen(kw_only=True, repr=False)
class Response(Event):
    """A response assessment: category (CR, PR, SD, PD, NE or the authors' words), method, sites,
    lesions and markers."""

    date: DateSpec
    category: str
    authors_term: str | None = None
    method: str | None = None
    sites: tuple[str, ...] = ()
    lesions: tuple[Lesion, ...] = ()
    markers: tuple[Marker, ...] = ()
    setting: str = "on-treatment"
    #: the response criteria the source names (None: not named; RECIST 1.1 is assumed)
    criteria: str | None = None
    #: measurable residual disease, when the source gives a test of it with this response
    mrd: Mrd | None = None
    kind: ClassVar[str] = "response"


@frozen(repr=False)
class Lab:
    """A laboratory value of a toxicity: ``{name: ALT, value: 245, unit: U/L, grade: 3}``."""

    __repr__ = value_repr

    name: str
    value: float | None = None
    unit: str | None = None
    grade: int | None = None
    written: str | None = field(default=None, eq=False)

    def __str__(self) -> str:
        value = self.written or ("" if self.value is None else f"{self.value:g}")
        text = " ".join(x for x in (self.name, value, self.unit or "") if x)
        return text + (f" (grade {self.grade})" if self.grade else "")


@frozen(kw_only=True, repr=False)
class Toxicity(Event):
    """An adverse event (CTCAE term and grade), what it was attributed to and what was done."""

    date: DateSpec
    term: str
    grade: int | None = None
    #: the agents it was attributed to (canonical names)
    agents: tuple[str, ...] = ()
    #: the regimen it was attributed to, when the source blames the regimen as a whole
    regimen: str | None = None
    #: the radiotherapy it was attributed to (a radiation dermatitis, an oesophagitis)
    radiotherapy: str | None = None
    #: the stem-cell transplant it was attributed to (a graft-versus-host disease)
    transplant: str | None = None
    end_date: DateSpec | None = None
    labs: tuple[Lab, ...] = ()
    action: str | None = None
    #: the id of the regimen ``action`` was taken on, when that is not what the toxicity is
    #: attributed to (an infection from BCG instillations long over, pembrolizumab held)
    action_on: str | None = None
    #: how the toxicity itself was treated, in the source's words ("oral prednisone 1 mg/kg")
    treatment: str | None = None
    #: the scale of ``grade`` when the source names one other than CTCAE (ASTCT for CRS, ICANS)
    grading: str | None = None
    #: how sure the source is of the attribution (:data:`TOXICITY_ATTRIBUTIONS`), when it says
    attribution: str | None = None
    kind: ClassVar[str] = "toxicity"

    @property
    def agent(self) -> str | None:
        """The first agent the toxicity is attributed to, if any."""
        return self.agents[0] if self.agents else None


@frozen(kw_only=True, repr=False)
class Performance(Event):
    """Performance status at a date: ECOG 0–5 or Karnofsky 0–100."""

    date: DateSpec
    scale: str
    score: int
    kind: ClassVar[str] = "performance"


@frozen(kw_only=True, repr=False)
class MenopauseChange(Event):
    """The menopausal status from a date on (a surgical or chemotherapy-induced menopause)."""

    date: DateSpec
    status: str
    kind: ClassVar[str] = "menopause"


@frozen(kw_only=True, repr=False)
class Imaging(Event):
    """An imaging study and what it showed (not a response assessment)."""

    date: DateSpec
    method: str | None = None
    findings: str | None = None
    sites: tuple[str, ...] = ()
    lesions: tuple[Lesion, ...] = ()
    kind: ClassVar[str] = "imaging"


@frozen(kw_only=True, repr=False)
class Complication(Event):
    """A complication of the disease (a cord compression, a fracture), not of a treatment."""

    date: DateSpec
    term: str
    grade: int | None = None
    kind: ClassVar[str] = "complication"


@frozen(kw_only=True, repr=False)
class Declined(Event):
    """A treatment recommended or offered and declined ("the patient refused adjuvant
    chemoradiotherapy"): what was not given, and why when the source says. It moves no state
    and is no line of therapy; it tells why the course went as it did."""

    date: DateSpec
    treatment: str
    reason: str | None = None
    kind: ClassVar[str] = "declined"

    def words(self) -> str:
        """It in a few words: "declined: adjuvant chemoradiotherapy (requested proton therapy)"."""
        return f"declined: {self.treatment}" + (f" ({self.reason})" if self.reason else "")


@frozen(kw_only=True, repr=False)
class Pregnancy(SpanEvent):
    """A pregnancy during the course: from its start to its end (the delivery, or another end),
    with how it ended, how the child was delivered, the gestational age at the end in completed
    weeks as the source gives it, and the newborn in the source's words. Gestational age counts
    from the first day of the last menstrual period, so a pregnancy "at 20 weeks" on the day of
    the diagnosis starts 20 weeks before it. It moves no state and is no line of therapy; it
    tells what the therapies drawn beside it were given through."""

    outcome: str | None = None
    delivery: str | None = None
    #: the gestational age at the end as the source gives it: completed weeks ("34"), or
    #: weeks and days ("34+5")
    weeks: str | None = None
    newborn: str | None = None
    kind: ClassVar[str] = "pregnancy"

    def days(self) -> tuple[int, int] | None:
        """The days from its start to its end that ``weeks`` allows: "34" (completed weeks)
        is 238 to 244, "34+5" is 243."""
        if self.weeks is None:
            return None
        whole, _, extra = self.weeks.partition("+")
        first = int(whole) * 7 + int(extra or 0)
        return first, first + (0 if extra else 6)

    def words(self, outcome: bool = True, when: str = "") -> str:
        """It in a few words: "pregnancy: caesarean delivery at 35 weeks, live birth (a healthy
        girl)"; with ``outcome`` False, "pregnancy" alone (a figure cut before it ended). With
        ``when``, the end's date in words, said after how it ended ("caesarean delivery at
        35+6 weeks (month 8.2)"; "ended (month 8.2)" when the case says nothing of how)."""
        if not outcome:
            return "pregnancy"
        how = {"vaginal": "vaginal delivery", "caesarean": "caesarean delivery"}.get(
            self.delivery or "", ""
        )
        at = f"at {self.weeks} weeks" if self.weeks is not None else ""
        ended = " ".join(x for x in (how, at) if x)
        if not how and at:
            ended = f"ended {at}"
        if when:
            ended = f"{ended or 'ended'} ({when})"
        result = (self.outcome or "").replace("-", " ")
        if result == "ongoing":
            result = "ongoing at the last follow-up"
        parts = [x for x in (ended, result) if x]
        text = "pregnancy" + (f": {', '.join(parts)}" if parts else "")
        return text + (f" ({self.newborn})" if self.newborn else "")


@frozen(kw_only=True, repr=False)
class SecondPrimary(Event):
    """A second primary cancer: a new cancer of another kind, not a recurrence or progression
    of the case's own (a diffuse large B-cell lymphoma years after a Hodgkin lymphoma).

    It moves no state: the state machine follows the case's first cancer. Its treatment is
    told in the source's words (``treatment``), not as regimens, which would be numbered as
    lines of the first cancer; since when that treatment was given is not in the case, no time
    off therapy is counted across the second cancer unless the source says it was not treated
    (``treatment: none``)."""

    date: DateSpec
    #: the new cancer as the source names it: "diffuse large B-cell lymphoma"
    cancer: str
    site: str | None = None
    #: ``therapy-related``, ``independent`` or ``unknown`` (the source's reading, never guessed)
    relation: str = "unknown"
    #: its treatment in the source's words; ``none`` when the source says it was not treated;
    #: ``None`` when the source does not say
    treatment: str | None = None
    kind: ClassVar[str] = "second-primary"

    @property
    def untreated(self) -> bool:
        """Whether the source says the second cancer was not treated."""
        return self.treatment == "none"

    def words(self) -> str:
        """In a few words: "second primary: diffuse large B-cell lymphoma (bone)"."""
        where = f" ({self.site})" if self.site else ""
        return f"second primary: {self.cancer}{where}"

    def text(self) -> str:
        """Everything the case says of it: "second primary cancer: diffuse large B-cell
        lymphoma (bone), therapy-related; treatment: R-CHOP, 6 cycles"."""
        where = f" ({self.site})" if self.site else ""
        out = f"second primary cancer: {self.cancer}{where}"
        if self.relation != "unknown":
            out += f", {self.relation}"
        if self.treatment == "none":
            return out + "; not treated"
        return out + (
            f"; treatment: {self.treatment}" if self.treatment else "; treatment not reported"
        )


@frozen(kw_only=True, repr=False)
class Resistance(Event):
    """Resistance to an agent or a class, declared by the source, with the progression it rests on
    (``basis``)."""

    date: DateSpec
    agent: str | None = None
    #: the agents of a regimen the resistance is to, together ("CHOP-refractory"); () when
    #: it is to one agent or a class
    agents: tuple[str, ...] = ()
    agent_class: str | None = None
    #: the YAML ``kind``: primary, acquired or unspecified (``kind`` names the event type)
    resistance_kind: str = "unspecified"
    basis: Anchor | None = None
    window: Duration | None = None
    #: what the source names as its cause, in its words ("EGFR T790M", "small-cell
    #: transformation", "MET amplification")
    mechanism: str | None = None
    kind: ClassVar[str] = "resistance"

    @property
    def target(self) -> str:
        """The agent (or the agents, "cyclophosphamide + doxorubicin"), else the class, the
        resistance is to."""
        return self.agent or " + ".join(self.agents) or self.agent_class or "?"

    @property
    def target_words(self) -> str:
        """:attr:`target` as a noun: "endocrine therapy" for the class (``class: endocrine``)."""
        return self.agent or " + ".join(self.agents) or class_words(self.agent_class or "?")

    @property
    def mechanism_words(self) -> str:
        """The mechanism as said after the resistance (" (small-cell transformation)"), or ""."""
        return f" ({self.mechanism})" if self.mechanism else ""


@frozen(kw_only=True, repr=False)
class FollowUp(Event):
    """The last follow-up and the patient's status then."""

    date: DateSpec
    status: str
    #: what the source says of therapy after the last one recorded (:data:`LATER_THERAPY`);
    #: None: the case records all there was, as a case is read by default
    later_therapy: str | None = None
    kind: ClassVar[str] = "follow-up"


@frozen(kw_only=True, repr=False)
class Death(Event):
    """Death, with its cause when given."""

    date: DateSpec
    cause: str | None = None
    later_therapy: str | None = None
    kind: ClassVar[str] = "death"


@frozen(kw_only=True, repr=False)
class BiomarkerTest(Event):
    """A biomarker tested during the course (not at diagnosis), with the specimen."""

    date: DateSpec
    biomarker: Biomarker
    specimen: str | None = None
    kind: ClassVar[str] = "biomarker"


@frozen(repr=False)
class Acknowledgement:
    """A warning the curator has read and accepts, with the reason (``acknowledge`` in the file)."""

    __repr__ = value_repr

    code: str
    event: str | None
    reason: str
    location: Location | None = _loc


@frozen(kw_only=True, repr=False)
class PriorLines:
    """The lines of therapy for advanced disease given before the first one the file records,
    which the source mentions without detail ("after several previous lines"): ``least`` of
    them, exactly that many when ``exact``. The first line recorded is numbered after them."""

    __repr__ = value_repr

    least: int = 0
    exact: bool = True
    note: str | None = None
    location: Location | None = _loc

    def name(self, number: int) -> str:
        """The name of the ``number``-th line the file records: "L3", or "L≥3" when the lines
        before it are known only as at least so many."""
        return f"L{'' if self.exact else '≥'}{number + self.least}"

    def known(self, number: int) -> int | None:
        """The number of the ``number``-th line recorded; None when it is not known exactly."""
        return number + self.least if self.exact else None


#: no line before the first one recorded
NO_PRIOR_LINES = PriorLines()


@frozen(repr=False)
class Case:
    """One case: its id, source, patient, diagnosis and events in file order."""

    __repr__ = value_repr

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
    #: where the case's ``id`` is written (library checks name it)
    id_location: Location | None = field(default=None, eq=False)
    #: ids of events that had errors of their own and were left out
    unreadable_ids: frozenset[str] = field(default=frozenset(), eq=False)
    #: types of the events left out for errors of their own ("event" for an unreadable type;
    #: "choice" when a value not among its choices was refused: the course is incomplete)
    unreadable_types: frozenset[str] = field(default=frozenset(), eq=False)
    #: the lines given before the first one recorded (``prior_lines``)
    prior_lines: PriorLines = NO_PRIOR_LINES
    _by_id: dict[str, Event] = field(factory=dict, init=False, eq=False, repr=False)

    def regimens(self) -> list[Regimen]:
        """The systemic regimens, in file order."""
        return [e for e in self.events if isinstance(e, Regimen)]

    def of(self, kind: type[Event]) -> list[Event]:
        """The events of one type, in file order."""
        return [e for e in self.events if isinstance(e, kind)]

    def event(self, event_id: str) -> Event | None:
        """The event with this id (the first, if a file repeats one), or None."""
        index = self._by_id
        if not index and self.events:
            for e in reversed(self.events):
                index[e.id] = e
        return index.get(event_id)
