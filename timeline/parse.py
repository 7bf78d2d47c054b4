"""Reading the case format (docs/case-format.md) from a composed YAML document.

The parser reports every problem it finds and goes on; it returns a :class:`Case` whenever
the file has the few things a case cannot do without (an ``id`` and a ``diagnosis`` date),
so that later rules can still look at what was readable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from timeline.catalogue import CLASSES, Agent, Catalogue, default_catalogue
from timeline.datefields import parse_date, parse_duration, parse_point
from timeline.dates import Anchor as _Anchor
from timeline.dates import DateSpec
from timeline.loader import Document
from timeline.model import (
    CATEGORIES,
    END_REASONS,
    FOLLOW_UP_STATUS,
    INTENTS,
    MENOPAUSE_STATUS,
    PERFORMANCE_SCALES,
    RESISTANCE_KINDS,
    ROUTES,
    TNM,
    TOXICITY_ACTIONS,
    Acknowledgement,
    Age,
    Biomarker,
    BiomarkerTest,
    Case,
    Complication,
    Death,
    Diagnosis,
    DiseaseEvent,
    DoseChange,
    Event,
    Exposure,
    FollowUp,
    Imaging,
    Lab,
    Lesion,
    Marker,
    MenopauseChange,
    Patient,
    Performance,
    Quantity,
    Radiotherapy,
    Regimen,
    Resistance,
    Response,
    Source,
    Surgery,
    Teach,
    Toxicity,
)
from timeline.problems import CODES, Severity, suggest
from timeline.reading import Fields, Reader

__all__ = ["EVENT_TYPES", "FORMAT_VERSION", "KEYS", "parse_case"]

FORMAT_VERSION = 1

_COMMON = ("id", "type", "note", "teach")
#: The keys each place in a case file allows (the format guide documents every one).
KEYS: dict[str, tuple[str, ...]] = {
    "case": (
        "format",
        "id",
        "title",
        "source",
        "patient",
        "diagnosis",
        "agents",
        "events",
        "notes",
        "acknowledge",
    ),
    "acknowledgement": ("code", "event", "reason"),
    "teach": ("question", "answer"),
    "source": ("citation", "doi", "pmid", "url", "note"),
    "patient": ("sex", "age", "menopause", "ethnicity", "history", "note"),
    "age": ("years", "at", "note"),
    "diagnosis": (
        "date",
        "site",
        "laterality",
        "histology",
        "grade",
        "tnm",
        "nodes",
        "biomarkers",
        "note",
    ),
    "tnm": ("system", "t", "n", "m", "stage", "stage_inferred"),
    "biomarker": ("name", "result", "method", "value", "unit", "scale", "ish", "note"),
    "agent": ("name", "class", "subclass", "atc", "rxnorm", "names"),
    "surgery": (
        *_COMMON,
        "date",
        "procedure",
        "site",
        "laterality",
        "curative",
        "oncologic",
        "findings",
    ),
    "radiotherapy": (*_COMMON, "start", "end", "site", "laterality", "dose", "fractions", "intent"),
    "regimen": (
        *_COMMON,
        "name",
        "intent",
        "start",
        "end",
        "end_reason",
        "cycles",
        "cycle",
        "agents",
        "exposures",
    ),
    "exposure": (
        "id",
        "agent",
        "dose",
        "loading_dose",
        "schedule",
        "route",
        "cycles",
        "start",
        "end",
        "dose_changes",
        "end_reason",
        "note",
    ),
    "dose_change": ("date", "dose", "reason"),
    "recurrence": (*_COMMON, "date", "sites", "new_sites", "method"),
    "progression": (*_COMMON, "date", "sites", "new_sites", "method"),
    "response": (
        *_COMMON,
        "date",
        "category",
        "authors_term",
        "method",
        "sites",
        "lesions",
        "markers",
        "setting",
    ),
    "lesion": ("site", "size", "change", "note"),
    "marker": ("name", "value", "unit"),
    "toxicity": (
        *_COMMON,
        "date",
        "start",
        "end",
        "term",
        "grade",
        "agent",
        "agents",
        "regimen",
        "labs",
        "action",
    ),
    "lab": ("name", "value", "unit", "grade"),
    "performance": (*_COMMON, "date", "scale", "score"),
    "menopause": (*_COMMON, "date", "status"),
    "imaging": (*_COMMON, "date", "method", "findings", "sites", "lesions"),
    "complication": (*_COMMON, "date", "term", "grade"),
    "resistance": (*_COMMON, "date", "agent", "class", "kind", "basis", "window"),
    "follow-up": (*_COMMON, "date", "status"),
    "death": (*_COMMON, "date", "cause"),
    "biomarker-test": (
        *_COMMON,
        "date",
        "name",
        "result",
        "method",
        "value",
        "unit",
        "scale",
        "ish",
        "specimen",
    ),
}
EVENT_TYPES = (
    "surgery",
    "radiotherapy",
    "regimen",
    "recurrence",
    "progression",
    "response",
    "toxicity",
    "resistance",
    "follow-up",
    "death",
    "biomarker",
    "performance",
    "menopause",
    "imaging",
    "complication",
)
_EVENT_KEYS = {t: KEYS["biomarker-test" if t == "biomarker" else t] for t in EVENT_TYPES}

_QUANTITY = re.compile(r"(?:(AUC)\s*)?([-+]?\d+(?:\.\d+)?)\s*([^\d\s].*)?", re.IGNORECASE)
_DOSE_UNITS = {
    "mg/m2": "mg/m²",
    "mg/m²": "mg/m²",
    "mg/kg": "mg/kg",
    "mg": "mg",
    "g": "g",
    "g/m2": "g/m²",
    "g/m²": "g/m²",
    "mcg": "µg",
    "µg": "µg",
    "ug": "µg",
    "iu": "IU",
    "auc": "AUC",
}
_SIZE_UNITS = {"mm": "mm", "cm": "cm"}
#: the largest value a quantity can have in each unit (a total radiotherapy dose above 200 Gy,
#: a dose above 100 g/m², a lesion above 100 cm are errors of the file, not of the patient)
_LIMITS = {"Gy": 200.0, "cm": 100.0, "mm": 1000.0, "g": 1000.0, "g/m²": 100.0, "mg": 100_000.0}
_RT_UNITS = {"gy": "Gy"}
_ID = re.compile(r"[A-Za-z][\w-]*")
_RECEPTORS = {"er", "pgr", "pr", "her2", "ar"}
_RECEPTOR_RESULTS = ("positive", "negative", "low", "equivocal", "unknown")


class _CaseParser:
    def __init__(self, doc: Document, reader: Reader, catalogue: Catalogue) -> None:
        self.doc = doc
        self.r = reader
        self.catalogue = catalogue
        self.ids: dict[str, yaml.Node] = {}
        self.unreadable: set[str] = set()
        self.unreadable_types: set[str] = set()

    # -- small pieces ----------------------------------------------------------------------
    def date(self, f: Fields, key: str, required: bool = False, what: str = "") -> DateSpec | None:
        node = f.require(key) if required else f.get(key)
        return None if node is None else parse_date(self.r, node, f"'{key}'{what}")

    def quantity(self, f: Fields, key: str, units: dict[str, str], example: str) -> Quantity | None:
        node = f.get(key)
        if node is None:
            return None
        raw = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        m = _QUANTITY.fullmatch(raw)
        if m:
            auc, number, unit = m.groups()
            unit = "AUC" if auc else (unit or "").strip()
            norm = units.get(unit.lower().replace(" ", ""))
            value = float(number)
            top = _LIMITS.get(norm or "", 1e6)
            if norm and not 0 < value <= top:
                self.r.error(
                    "S008",
                    node,
                    f"'{key}' '{raw}' cannot be: a {key.replace('_', ' ')} is more than 0 and at"
                    f" most {top:g} {norm}; check the source",
                )
                return None
            if norm:
                return Quantity(value, norm, number)
        self.r.error(
            "S008",
            node,
            f"'{key}' '{raw}' is not a quantity with a unit; write e.g. '{example}'"
            f" (units: {', '.join(sorted(set(units.values())))})",
        )
        return None

    def items(
        self, f: Fields, key: str, what: str, place: str, build: Callable[[Fields], Any]
    ) -> tuple:
        node = f.get(key)
        if node is None:
            return ()
        out = []
        for item in self.r.sequence(node, f"'{key}'"):
            sub = self.r.fields(item, what, KEYS[place])
            if sub is not None:
                built = build(sub)
                if built is not None:
                    out.append(built)
        return tuple(out)

    # -- top level -------------------------------------------------------------------------
    def case(self) -> Case | None:
        keys = [k.value for k, _ in self.doc.root.value if isinstance(k, yaml.ScalarNode)]
        if keys and not set(keys) & {"id", "events", "diagnosis", "patient", "format"}:
            # a file of something else (a CI workflow, a config) in a case folder: one line
            self.r.error(
                "K003",
                self.doc.root,
                f"not a case file: it has none of a case's keys (id, diagnosis, events; it has"
                f" {', '.join(repr(k) for k in keys[:4])}{', ...' if len(keys) > 4 else ''});"
                " keep only case files in a case folder, or give the cases' files by name",
            )
            return None
        root = Fields(self.r, self.doc.root, "the case", frozenset(KEYS["case"]))
        version = root.integer("format", minimum=1)
        if version is not None and version != FORMAT_VERSION:
            node = root.get("format")
            assert node is not None
            self.r.error(
                "S010",
                node,
                f"format {version} is not supported; this version reads format {FORMAT_VERSION}",
            )
        case_id = root.text("id", required=True)
        if case_id and not _ID.fullmatch(case_id):
            node = root.get("id")
            assert node is not None
            self.r.error(
                "S004",
                node,
                f"case id '{case_id}' should be letters, digits, '-' and '_', starting with a letter",
            )
        declared = self.declared_agents(root)
        if declared:
            self.catalogue = self.catalogue.with_agents(declared)
        source = self.source(root)
        patient = self.patient(root)
        diagnosis = self.diagnosis(root)
        events = self.events(root)
        if case_id is None or diagnosis is None:
            return None
        return Case(
            id=case_id,
            title=root.text("title"),
            source=source,
            patient=patient,
            diagnosis=diagnosis,
            events=events,
            declared_agents=tuple(declared),
            notes=root.text("notes"),
            acknowledgements=self.acknowledgements(root),
            path=self.doc.path,
            id_location=root.located("id"),
            unreadable_ids=frozenset(self.unreadable),
            unreadable_types=frozenset(self.unreadable_types),
        )

    def source(self, root: Fields) -> Source:
        node = root.get("source")
        f = None if node is None else self.r.fields(node, "'source'", KEYS["source"])
        if f is None:
            return Source()
        return Source(
            f.text("citation"), f.text("doi"), f.text("pmid"), f.text("url"), f.text("note")
        )

    def patient(self, root: Fields) -> Patient:
        node = root.get("patient")
        f = None if node is None else self.r.fields(node, "'patient'", KEYS["patient"])
        if f is None:
            return Patient()
        age = None
        age_node = f.get("age")
        if age_node is not None:
            if isinstance(age_node, yaml.MappingNode):
                af = self.r.fields(age_node, "'age'", KEYS["age"])
                if af is not None:
                    years_node = af.require("years")
                    years = (
                        None
                        if years_node is None
                        else self.r.integer(years_node, "'years'", 0, 120)
                    )
                    if years is not None:
                        age = Age(years, self.date(af, "at", what=" of 'age'"), af.text("note"))
            else:
                years = self.r.integer(age_node, "'age'", 0, 120)
                age = None if years is None else Age(years)
        sex = f.choice("sex", ("female", "male", "other", "unknown"))
        menopause = f.choice(
            "menopause", ("premenopausal", "perimenopausal", "postmenopausal", "unknown")
        )
        if sex == "male" and menopause not in (None, "unknown"):
            node = f.get("menopause")
            assert node is not None
            self.r.error(
                "S004",
                node,
                f"a male patient has no menopausal status ('{menopause}'); correct"
                " the sex or remove 'menopause'",
            )
        return Patient(
            sex=sex,
            age=age,
            menopause=menopause,
            ethnicity=f.text("ethnicity"),
            history=f.text("history"),
            note=f.text("note"),
            location=f.location,
        )

    def diagnosis(self, root: Fields) -> Diagnosis | None:
        node = root.require("diagnosis", " (at least its 'date')")
        f = None if node is None else self.r.fields(node, "'diagnosis'", KEYS["diagnosis"])
        if f is None:
            return None
        date = self.date(f, "date", required=True, what=" of the diagnosis")
        if date is None and f.get("date") is not None:
            date = DateSpec("unknown", location=f.location)  # reported; the rules still run
        tnm = None
        tnm_node = f.get("tnm")
        if tnm_node is not None:
            tf = self.r.fields(tnm_node, "'tnm'", KEYS["tnm"])
            if tf is not None:
                tnm = TNM(
                    tf.text("system"),
                    tf.text("t"),
                    tf.text("n"),
                    tf.text("m"),
                    tf.text("stage"),
                    tf.text("stage_inferred"),
                )
        biomarkers = self.items(f, "biomarkers", "a biomarker", "biomarker", self.biomarker)
        if date is None:
            return None
        return Diagnosis(
            date=date,
            site=f.text("site"),
            laterality=f.choice("laterality", ("left", "right", "bilateral", "not-applicable")),
            histology=f.text("histology"),
            grade=f.text("grade"),
            tnm=tnm,
            nodes=f.text("nodes"),
            biomarkers=biomarkers,
            note=f.text("note"),
            location=f.location,
        )

    def biomarker(self, f: Fields) -> Biomarker | None:
        """A biomarker at diagnosis or as a re-test."""
        name = f.text("name", required=True)
        value = f.text("value")
        # a result may be left out when a value says it (Ki-67 60 %, Allred 8, IHC 2+)
        result = f.text("result", required=value is None)
        if name is None or (result is None and value is None):
            return None
        if (
            result is not None
            and name.lower() in _RECEPTORS
            and result.lower() not in _RECEPTOR_RESULTS
        ):
            node = f.get("result")
            assert node is not None
            self.r.error(
                "S004",
                node,
                f"{name} result '{result}' is not one of: {', '.join(_RECEPTOR_RESULTS)};"
                " give the value (an IHC score, a percentage) in 'value'",
            )
            result = None
            if value is None:
                return None
        return Biomarker(
            name,
            result,
            f.text("method"),
            value,
            f.text("note"),
            f.location,
            unit=f.text("unit"),
            scale=f.text("scale"),
            ish=f.choice("ish", ("positive", "negative", "equivocal", "not-done")),
        )

    def acknowledgements(self, root: Fields) -> tuple[Acknowledgement, ...]:
        def build(f: Fields) -> Acknowledgement | None:
            code = f.text("code", required=True)
            reason = f.text("reason", required=True)
            if code is None or reason is None:
                return None
            node = f.get("code")
            assert node is not None
            if code not in CODES:
                self.r.error("S004", node, f"'{code}' is not a problem code{suggest(code, CODES)}")
                return None
            if CODES[code].severity is not Severity.WARNING:
                self.r.error(
                    "S004",
                    node,
                    f"{code} is an error; only warnings can be acknowledged (correct the case)",
                )
                return None
            return Acknowledgement(code, f.text("event"), reason, f.location)

        return self.items(root, "acknowledge", "an acknowledgement", "acknowledgement", build)

    def declared_agents(self, root: Fields) -> list[Agent]:
        def build(f: Fields) -> Agent | None:
            name = f.text("name", required=True)
            cls = f.choice("class", CLASSES, required=True)
            if name is None or cls is None:
                return None
            known = self.catalogue.agent(name)
            if known is not None:
                self.r.problems.add(
                    "A003",
                    f.location,
                    f"agent '{name}' is already in the catalogue as '{known.name}'"
                    f" ({known.agent_class}); remove this declaration unless you mean to replace it",
                )
            return Agent(
                name,
                cls,
                f.text("subclass"),
                f.text("atc"),
                f.texts("names"),
                declared_in_case=True,
                rxnorm=f.text("rxnorm"),
            )

        return list(self.items(root, "agents", "an agent", "agent", build))

    # -- events ----------------------------------------------------------------------------
    def events(self, root: Fields) -> tuple[Event, ...]:
        node = root.get("events")
        if node is None:
            self.r.problems.add(
                "S002", root.location, "the case has no 'events'; a case tells at least one"
            )
            return ()
        out: list[Event] = []
        for index, item in enumerate(self.r.sequence(node, "'events'")):
            event = self.event(item, index)
            if event is not None:
                out.append(event)
        return tuple(out)

    def event(self, node: yaml.Node, index: int) -> Event | None:
        if not isinstance(node, yaml.MappingNode):
            self.r.error("S003", node, "each event should be a mapping with a 'type'")
            return None
        type_node = next((v for k, v in node.value if k.value == "type"), None)
        if type_node is None:
            self.r.error(
                "S002", node, f"the event needs a 'type' (one of: {', '.join(EVENT_TYPES)})"
            )
            return None
        etype = self.r.choice(type_node, "event 'type'", EVENT_TYPES)
        if etype is None:
            return None
        f = Fields(self.r, node, f"a {etype} event", frozenset(_EVENT_KEYS[etype]))
        id_node = f.get("id")
        raw_id = f.text("id")
        if raw_id is not None and not _ID.fullmatch(raw_id):
            assert id_node is not None
            self.r.error(
                "S004",
                id_node,
                f"event id '{raw_id}' should be letters, digits, '-' and '_', starting with a letter",
            )
            raw_id = None
        if raw_id is not None and id_node is not None:
            if raw_id in self.ids or raw_id == "diagnosis":
                first = self.ids.get(raw_id)
                where = (
                    f" on line {first.start_mark.line + 1}"
                    if first is not None
                    else " (it names the diagnosis)"
                )
                self.r.error(
                    "S006",
                    id_node,
                    f"event id '{raw_id}' is already used{where}; ids must be unique",
                )
            self.ids.setdefault(raw_id, id_node)
        common: dict[str, Any] = dict(
            id=raw_id or f"{etype}#{index + 1}",
            index=index,
            explicit_id=raw_id is not None,
            note=f.text("note"),
            location=f.location,
            teach=self.teach(f),
        )
        build = getattr(self, "ev_" + etype.replace("-", "_"))
        result: Event | None = build(f, common)
        if result is None:
            self.unreadable_types.add(etype)
            if raw_id is not None:
                self.unreadable.add(raw_id)
        return result

    def teach(self, f: Fields) -> Teach | None:
        """``teach: {question, answer}``: a question slide before this event in a deck."""
        node = f.get("teach")
        sub = None if node is None else self.r.fields(node, "'teach'", KEYS["teach"])
        if sub is None:
            return None
        question = sub.text("question", required=True)
        return None if question is None else Teach(question, sub.text("answer"))

    def _point(self, f: Fields, common: dict[str, Any]) -> DateSpec | None:
        return self.date(f, "date", required=True)

    def ev_surgery(self, f: Fields, c: dict[str, Any]) -> Event | None:
        date = self._point(f, c)
        node = f.get("curative")
        curative: bool | None
        if node is not None and str(getattr(node, "value", "")).lower() == "unknown":
            curative = None  # the source does not say whether the resection was complete
        else:
            curative = bool(f.boolean("curative"))
        oncologic = f.boolean("oncologic")
        laterality = f.choice("laterality", ("left", "right", "bilateral", "not-applicable"))
        if date is None:
            return None
        return Surgery(
            date=date,
            procedure=f.text("procedure"),
            site=f.text("site"),
            laterality=laterality,
            curative=curative if oncologic is not False else False,
            findings=f.text("findings"),
            oncologic=oncologic is not False,
            **c,
        )

    def ev_radiotherapy(self, f: Fields, c: dict[str, Any]) -> Event | None:
        start = self.date(f, "start", required=True)
        end = self.date(f, "end")
        dose = self.quantity(f, "dose", _RT_UNITS, "63 Gy")
        laterality = f.choice("laterality", ("left", "right", "bilateral", "not-applicable"))
        if start is None:
            return None
        return Radiotherapy(
            start_date=start,
            end_date=end,
            site=f.text("site"),
            laterality=laterality,
            dose=dose,
            fractions=f.integer("fractions", 1, 200),
            intent=f.text("intent"),
            **c,
        )

    def ev_regimen(self, f: Fields, c: dict[str, Any]) -> Event | None:
        start = self.date(f, "start", required=True)
        end = self.date(f, "end")
        intent = f.choice("intent", INTENTS, required=True)
        end_reason = f.choice("end_reason", END_REASONS)
        cycle_node = f.get("cycle")
        cycle = None if cycle_node is None else parse_duration(self.r, cycle_node, "'cycle'")
        name = f.text("name")
        exposures = self.exposures(f, c["id"], name)
        if end is not None and end_reason == "ongoing":
            node = f.get("end")
            assert node is not None
            self.r.error(
                "S004",
                node,
                "an ongoing regimen has no 'end'; remove 'end' or give the real end reason",
            )
        if start is None or intent is None:
            return None
        return Regimen(
            name=name,
            intent=intent,
            start_date=start,
            end_date=end,
            end_reason=end_reason,
            cycles=f.integer("cycles", 1, 1000),
            cycle_length=cycle,
            exposures=exposures,
            **c,
        )

    def exposures(self, f: Fields, regimen_id: str, name: str | None) -> tuple[Exposure, ...]:
        out: list[Exposure] = []
        agents_node = f.get("agents")
        exposures_node = f.get("exposures")
        if agents_node is not None and exposures_node is not None:
            self.r.error(
                "S004",
                agents_node,
                "give either 'agents' (names only) or 'exposures' (with doses), not both",
            )
        if agents_node is not None:
            for item in self.r.sequence(agents_node, "'agents'"):
                written = self.r.text(item, "each agent")
                agent = written and self.lookup(item, written)
                if not agent:
                    self.unreadable_types.add("exposure")
                if agent and written:
                    out.append(
                        Exposure(
                            key=f"{regimen_id}.{agent.name}",
                            agent=agent,
                            written=written,
                            location=self.r.at(item),
                        )
                    )
        elif exposures_node is not None:
            out.extend(
                self.items(
                    f,
                    "exposures",
                    "an exposure",
                    "exposure",
                    lambda ef: self.exposure(ef, regimen_id),
                )
            )
        elif name is not None:
            named = self.catalogue.regimen(name)
            if named is None:
                self.r.problems.add(
                    "A004",
                    f.location,
                    f"regimen '{name}' lists no agents and is not a known regimen name"
                    f"{suggest(name, self.catalogue.regimens)} (add 'agents' or 'exposures')",
                )
            elif named.ambiguous:
                node = f.get("name")
                self.r.problems.add(
                    "A004",
                    self.r.at(node) if node is not None else f.location,
                    f"regimen name '{name}' is ambiguous: {named.ambiguous}"
                    " (add 'agents' or 'exposures')",
                )
            else:
                doses = dict(named.doses)
                for agent_name in named.agents:
                    agent = self.catalogue.agent(agent_name)
                    assert agent is not None
                    dose = _parse_fixed_dose(doses.get(agent_name))
                    out.append(
                        Exposure(
                            key=f"{regimen_id}.{agent.name}",
                            agent=agent,
                            written=named.name,
                            dose=dose,
                            location=f.location,
                        )
                    )
        else:
            self.r.problems.add(
                "A004",
                f.location,
                "the regimen needs 'agents', 'exposures' or a known regimen 'name'",
            )
        return tuple(out)

    def lookup(self, node: yaml.Node, written: str) -> Agent | None:
        agent = self.catalogue.agent(written)
        if agent is not None:
            return agent
        regimen = self.catalogue.regimen(written)
        if regimen is not None:
            what = (
                f"an ambiguous regimen name ({regimen.ambiguous})"
                if regimen.ambiguous
                else f"a regimen ({' + '.join(regimen.agents)})"
            )
            self.r.error(
                "A002",
                node,
                f"'{written}' is {what}, not one agent; list the agents it stands for",
            )
            return None
        self.r.error(
            "A001",
            node,
            f"unknown agent '{written}'{suggest(written, self.catalogue.all_names())}"
            " (if the name is right, declare the agent under 'agents' at the top of the case)",
        )
        return None

    def exposure(self, f: Fields, regimen_id: str) -> Exposure | None:
        node = f.require("agent")
        written = f.text("agent")
        agent = None if node is None or written is None else self.lookup(node, written)
        dose = self.quantity(f, "dose", _DOSE_UNITS, "80 mg/m2")
        loading = self.quantity(f, "loading_dose", _DOSE_UNITS, "4 mg/kg")
        changes = self.items(f, "dose_changes", "a dose change", "dose_change", self.dose_change)
        start, end = self.date(f, "start"), self.date(f, "end")
        route = f.choice("route", ROUTES)
        own_id = f.text("id")
        if agent is None or written is None:
            self.unreadable_types.add("exposure")
            return None
        if own_id:
            id_node = f.get("id")
            assert id_node is not None
            if own_id in self.ids:
                self.r.error("S006", id_node, f"id '{own_id}' is already used; ids must be unique")
            self.ids.setdefault(own_id, id_node)
        return Exposure(
            key=own_id or f"{regimen_id}.{agent.name}",
            agent=agent,
            written=written,
            dose=dose,
            loading_dose=loading,
            schedule=f.text("schedule"),
            route=route,
            cycles=f.integer("cycles", 1, 1000),
            start_date=start,
            end_date=end,
            dose_changes=changes,
            end_reason=f.choice("end_reason", END_REASONS),
            note=f.text("note"),
            location=f.location,
        )

    def dose_change(self, f: Fields) -> DoseChange | None:
        date = self.date(f, "date", required=True)
        dose = self.quantity(f, "dose", _DOSE_UNITS, "90 mg/m2")
        if f.get("dose") is None:
            f.require("dose")
        if date is None or dose is None:
            return None
        return DoseChange(date, dose, f.text("reason"), f.location)

    def _disease(self, f: Fields, c: dict[str, Any], kind: str) -> Event | None:
        date = self._point(f, c)
        if date is None:
            return None
        return DiseaseEvent(
            type=kind,
            date=date,
            sites=f.texts("sites"),
            new_sites=f.texts("new_sites"),
            method=f.text("method"),
            **c,
        )

    def ev_recurrence(self, f: Fields, c: dict[str, Any]) -> Event | None:
        return self._disease(f, c, "recurrence")

    def ev_progression(self, f: Fields, c: dict[str, Any]) -> Event | None:
        return self._disease(f, c, "progression")

    def ev_response(self, f: Fields, c: dict[str, Any]) -> Event | None:
        date = self._point(f, c)
        category = f.choice("category", CATEGORIES, required=True)
        lesions = self.items(f, "lesions", "a lesion", "lesion", self.lesion)
        markers = self.items(f, "markers", "a tumour marker", "marker", self.marker)
        setting = f.choice("setting", ("on-treatment", "follow-up")) or "on-treatment"
        if category == "unknown" and f.get("authors_term") is None:
            f.require(
                "authors_term",
                " (a response of category 'unknown' keeps the authors' own words, such as"
                ' "mixed response")',
            )
            category = None
        if date is None or category is None:
            return None
        return Response(
            date=date,
            category=category,
            authors_term=f.text("authors_term"),
            method=f.text("method"),
            sites=f.texts("sites"),
            lesions=lesions,
            markers=markers,
            setting=setting,
            **c,
        )

    def lesion(self, f: Fields) -> Lesion | None:
        site = f.text("site", required=True)
        size = self.quantity(f, "size", _SIZE_UNITS, "2.5 cm")
        if site is None:
            return None
        return Lesion(site, size, f.text("change"), f.text("note"))

    def marker(self, f: Fields) -> Marker | None:
        name = f.text("name", required=True)
        value_node = f.require("value")
        value = None if value_node is None else self.r.number(value_node, "'value'")
        if name is None or value is None:
            return None
        assert value_node is not None
        return Marker(name, value, f.text("unit"), str(value_node.value))

    def grade(self, f: Fields, what: str = "CTCAE grade") -> int | None:
        grade = f.integer("grade", 1)
        if grade is not None and grade > 5:
            node = f.get("grade")
            assert node is not None
            self.r.error("S004", node, f"{what} {grade} does not exist; grades run from 1 to 5")
            return None
        return grade

    def ev_toxicity(self, f: Fields, c: dict[str, Any]) -> Event | None:
        date_node, start_node = f.get("date"), f.get("start")
        if date_node is not None and start_node is not None:
            self.r.error(
                "S005", start_node, "a toxicity has either 'date' or 'start' (with 'end'), not both"
            )
        date = self.date(f, "start") if start_node is not None else self._point(f, c)
        end = self.date(f, "end")
        term = f.text("term", required=True)
        grade = self.grade(f)
        agents: list[str] = []
        for key in ("agent", "agents"):
            node = f.get(key)
            if node is None:
                continue
            names = (f.text(key),) if key == "agent" else f.texts(key)
            items = [node] if key == "agent" else list(getattr(node, "value", [node]))
            for written, item in zip(names, items, strict=False):
                if written is None:
                    continue
                agent = self.lookup(item if isinstance(item, yaml.Node) else node, written)
                if agent is not None:
                    agents.append(agent.name)
        labs = self.items(f, "labs", "a laboratory value", "lab", self.lab)
        if date is None or term is None:
            return None
        return Toxicity(
            date=date,
            term=term,
            grade=grade,
            agents=tuple(dict.fromkeys(agents)),
            regimen=f.text("regimen"),
            end_date=end,
            labs=labs,
            action=f.choice("action", TOXICITY_ACTIONS),
            **c,
        )

    def lab(self, f: Fields) -> Lab | None:
        name = f.text("name", required=True)
        node = f.get("value")
        value = None if node is None else self.r.number(node, "'value'")
        if name is None:
            return None
        written = str(node.value) if isinstance(node, yaml.ScalarNode) else None
        return Lab(name, value, f.text("unit"), self.grade(f, "lab grade"), written)

    def ev_performance(self, f: Fields, c: dict[str, Any]) -> Event | None:
        date = self._point(f, c)
        scale = f.choice("scale", PERFORMANCE_SCALES, required=True)
        score = f.integer("score", 0)
        if f.get("score") is None:
            f.require("score")
        top = 5 if scale == "ECOG" else 100
        if score is not None and scale is not None and score > top:
            node = f.get("score")
            assert node is not None
            self.r.error("S004", node, f"{scale} scores run from 0 to {top}, not {score}")
            score = None
        if date is None or scale is None or score is None:
            return None
        return Performance(date=date, scale=scale, score=score, **c)

    def ev_menopause(self, f: Fields, c: dict[str, Any]) -> Event | None:
        date = self._point(f, c)
        status = f.choice("status", MENOPAUSE_STATUS, required=True)
        if date is None or status is None:
            return None
        return MenopauseChange(date=date, status=status, **c)

    def ev_imaging(self, f: Fields, c: dict[str, Any]) -> Event | None:
        date = self._point(f, c)
        lesions = self.items(f, "lesions", "a lesion", "lesion", self.lesion)
        if date is None:
            return None
        return Imaging(
            date=date,
            method=f.text("method"),
            findings=f.text("findings"),
            sites=f.texts("sites"),
            lesions=lesions,
            **c,
        )

    def ev_complication(self, f: Fields, c: dict[str, Any]) -> Event | None:
        date = self._point(f, c)
        term = f.text("term", required=True)
        grade = self.grade(f)
        if date is None or term is None:
            return None
        return Complication(date=date, term=term, grade=grade, **c)

    def ev_resistance(self, f: Fields, c: dict[str, Any]) -> Event | None:
        date = self._point(f, c)
        agent_node, class_node = f.get("agent"), f.get("class")
        agent_name = class_name = None
        if (agent_node is None) == (class_node is None):
            self.r.error("S002", f.node, "a resistance names exactly one of 'agent' or 'class'")
        elif agent_node is not None:
            written = f.text("agent")
            agent = None if written is None else self.lookup(agent_node, written)
            if agent is not None and agent.unspecified:
                self.r.error(
                    "S004",
                    agent_node,
                    f"'{written}' names no agent; declare the resistance to the class instead"
                    f" (class: {agent.agent_class})",
                )
                agent = None
            agent_name = agent.name if agent else None
        else:
            written = f.text("class")
            options = self.catalogue.class_names()
            if written is not None and not self.catalogue.members(written):
                assert class_node is not None
                self.r.error(
                    "S004",
                    class_node,
                    f"class '{written}' is not a class of the catalogue{suggest(written, options)}",
                )
            else:
                class_name = written
        kind = f.choice("kind", RESISTANCE_KINDS) or "unspecified"
        basis_node = f.get("basis")
        basis = None if basis_node is None else parse_point(self.r, basis_node, "'basis'")
        if basis is not None and not isinstance(basis, _Anchor):
            assert basis_node is not None
            self.r.error("S004", basis_node, "'basis' names the progression event's id, not a date")
            basis = None
        window_node = f.get("window")
        window = None if window_node is None else parse_duration(self.r, window_node, "'window'")
        if date is None or (agent_name is None and class_name is None):
            return None
        return Resistance(
            date=date,
            agent=agent_name,
            agent_class=class_name,
            resistance_kind=kind,
            basis=basis,
            window=window,
            **c,
        )

    def ev_follow_up(self, f: Fields, c: dict[str, Any]) -> Event | None:
        date = self._point(f, c)
        status = f.choice("status", FOLLOW_UP_STATUS, required=True)
        if date is None or status is None:
            return None
        return FollowUp(date=date, status=status, **c)

    def ev_death(self, f: Fields, c: dict[str, Any]) -> Event | None:
        date = self._point(f, c)
        return None if date is None else Death(date=date, cause=f.text("cause"), **c)

    def ev_biomarker(self, f: Fields, c: dict[str, Any]) -> Event | None:
        date = self._point(f, c)
        marker = self.biomarker(f)
        if date is None or marker is None:
            return None
        return BiomarkerTest(date=date, biomarker=marker, specimen=f.text("specimen"), **c)


def _parse_fixed_dose(text: str | None) -> Quantity | None:
    if not text:
        return None
    number, unit = text.split()
    return Quantity(float(number), _DOSE_UNITS[unit.lower()])


def parse_case(doc: Document, reader: Reader, catalogue: Catalogue | None = None) -> Case | None:
    return _CaseParser(doc, reader, catalogue or default_catalogue()).case()
