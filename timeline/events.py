"""Building the events of a case: one builder per event type, and the part every event
shares (its id, note, teaching question and where it is written).

A builder takes the fields of one event and the shared part, reports what is wrong, and
returns the event, or ``None`` when the event cannot be read (the case still goes on).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from timeline.agents import lookup
from timeline.datefields import parse_duration, parse_point
from timeline.dates import Anchor as _Anchor
from timeline.dates import DateSpec
from timeline.keys import ALLOWED, EVENT_ALLOWED, EVENT_TYPES
from timeline.model import (
    CATEGORIES,
    CRITERIA,
    DELIVERY_MODES,
    DONORS,
    FOLLOW_UP_STATUS,
    LATER_THERAPY,
    MARKER_CHANGES,
    MENOPAUSE_STATUS,
    MRD_RESULTS,
    PERFORMANCE_SCALES,
    PREGNANCY_OUTCOMES,
    RESISTANCE_KINDS,
    SECOND_PRIMARY_RELATIONS,
    TOXICITY_ACTIONS,
    TOXICITY_ATTRIBUTIONS,
    TOXICITY_GRADINGS,
    Biomarker,
    BiomarkerTest,
    Complication,
    Death,
    Declined,
    DiseaseEvent,
    Event,
    FollowUp,
    Imaging,
    Lab,
    Lesion,
    Marker,
    MenopauseChange,
    Mrd,
    Performance,
    Pregnancy,
    Radiotherapy,
    Resistance,
    Response,
    SecondPrimary,
    Surgery,
    Teach,
    Toxicity,
    Transplant,
)
from timeline.parsing import ParseState
from timeline.problems import suggest
from timeline.quantities import RT_UNITS, SIZE_UNITS, quantity
from timeline.reading import Fields
from timeline.regimens import build_regimen

__all__ = ["BUILDERS", "ID", "biomarker", "read_event", "read_events"]

#: What an id (of the case, an event or an exposure) may be.
ID = re.compile(r"[A-Za-z][\w-]*")
#: Receptors whose result is one of :data:`RECEPTOR_RESULTS`.
RECEPTORS = {"er", "pgr", "pr", "her2", "ar"}
RECEPTOR_RESULTS = ("positive", "negative", "low", "equivocal", "unknown")

_SCALAR = yaml.ScalarNode
_NULL = "tag:yaml.org,2002:null"
#: each event type by its lower-case spelling (as the reader's choices match it)
_TYPES = {t.lower(): t for t in EVENT_TYPES}

#: Builds one event from its fields and the part every event shares.
EventBuilder = Callable[[ParseState, Fields, dict[str, Any]], Event | None]


def read_events(p: ParseState, root: Fields) -> tuple[Event, ...]:
    """The events of the case, in file order; an event that cannot be read is left out."""
    node = root.get("events")
    if node is None:
        p.reader.problems.add(
            "S002", root.location, "the case has no 'events'; a case tells at least one"
        )
        return ()
    out: list[Event] = []
    for index, item in enumerate(p.reader.sequence(node, "'events'")):
        event = read_event(p, item, index)
        if event is not None:
            out.append(event)
    return tuple(out)


def read_event(p: ParseState, node: yaml.Node, index: int) -> Event | None:
    """One event: its type picks the builder; the id, note, teaching question and
    location every event has are read here (S003, S002, S004, S006)."""
    if not isinstance(node, yaml.MappingNode):
        p.reader.error("S003", node, "each event should be a mapping with a 'type'")
        return None
    # the keys of a loaded mapping are distinct plain scalars (the loader refuses others)
    values = {k.value: v for k, v in node.value}
    type_node = values.get("type")
    if type_node is None:
        p.reader.error("S002", node, f"the event needs a 'type' (one of: {', '.join(EVENT_TYPES)})")
        _unreadable(p, values)
        return None
    etype = None
    if type_node.__class__ is _SCALAR and type_node.tag != _NULL:  # a known type, at once
        etype = _TYPES.get(type_node.value.strip().lower().replace("_", "-").replace(" ", "-"))
    if etype is None:
        etype = p.reader.choice(type_node, "event 'type'", EVENT_TYPES)
        if etype is None:
            _unreadable(p, values)
            return None
    f = Fields(p.reader, node, f"a {etype} event", EVENT_ALLOWED[etype], values)
    id_node = f.get("id")
    raw_id = f.text("id")
    if raw_id is not None and not ID.fullmatch(raw_id):
        assert id_node is not None
        p.reader.error(
            "S004",
            id_node,
            f"event id '{raw_id}' should be letters, digits, '-' and '_', starting with a letter",
        )
        raw_id = None
    if raw_id is not None and id_node is not None:
        if raw_id in p.ids or raw_id == "diagnosis":
            first = p.ids.get(raw_id)
            where = (
                f" on line {first.start_mark.line + 1}"
                if first is not None
                else " (it names the diagnosis)"
            )
            p.reader.error(
                "S006",
                id_node,
                f"event id '{raw_id}' is already used{where}; ids must be unique",
            )
        p.ids.setdefault(raw_id, id_node)
    common: dict[str, Any] = dict(
        id=raw_id or f"{etype}#{index + 1}",
        index=index,
        explicit_id=raw_id is not None,
        note=f.text("note"),
        location=f.location,
        teach=teach(p, f),
    )
    build = BUILDERS[etype]
    result: Event | None = build(p, f, common)
    if result is None:
        p.unreadable_types.add(etype)
        if raw_id is not None:
            p.unreadable.add(raw_id)
        _unreadable_exposures(p, values)
    return result


def _unreadable(p: ParseState, values: dict[str, yaml.Node]) -> None:
    """An event whose type could not be read keeps its id, so that references to it are not
    reported again as naming no event (S007): its own error is the one to mend."""
    p.unreadable_types.add("event")
    id_node = values.get("id")
    if id_node is not None and id_node.__class__ is _SCALAR and ID.fullmatch(id_node.value):
        p.unreadable.add(id_node.value)
    _unreadable_exposures(p, values)


def _unreadable_exposures(p: ParseState, values: dict[str, yaml.Node]) -> None:
    """The ids of the exposures of an event that could not be read: a regimen refused for one
    bad value (an intent the format did not have) set off six S007 errors on its exposure's
    id, each false."""
    exposures = values.get("exposures")
    if not isinstance(exposures, yaml.SequenceNode):
        return
    for item in exposures.value:
        if isinstance(item, yaml.MappingNode):
            id_node = next((v for k, v in item.value if k.value == "id"), None)
            if id_node is not None and id_node.__class__ is _SCALAR and ID.fullmatch(id_node.value):
                p.unreadable.add(id_node.value)


def teach(p: ParseState, f: Fields) -> Teach | None:
    """``teach: {question, answer}``: a question slide before this event in a deck."""
    node = f.get("teach")
    sub = None if node is None else p.reader.fields(node, "'teach'", ALLOWED["teach"])
    if sub is None:
        return None
    question = sub.text("question", required=True)
    return None if question is None else Teach(question, sub.text("answer"))


def biomarker(p: ParseState, f: Fields) -> Biomarker | None:
    """A biomarker at diagnosis or as a re-test."""
    name = f.text("name", required=True)
    value = f.text("value")
    # a result may be left out when a value says it (Ki-67 60 %, Allred 8, IHC 2+)
    result = f.text("result", required=value is None)
    if name is None or (result is None and value is None):
        return None
    if result is not None and name.lower() in RECEPTORS and result.lower() not in RECEPTOR_RESULTS:
        node = f.get("result")
        assert node is not None
        said = result.lower()
        fix = "give the value (an IHC score, a percentage) in 'value'"
        if name.lower() == "her2" and ("mut" in said or "insertion" in said):
            # (a lung cancer's ERBB2 exon 20 insertion: the receptor's words did not fit it,
            # and the message asked for an IHC score it does not have)
            fix = (
                "a HER2 mutation is a change of the gene, not the receptor's status: write it"
                " as 'name: ERBB2' with 'result: mutated' and the variant in 'value'"
            )
        elif name.lower() == "her2" and "amplif" in said:
            fix = "amplified by ISH is HER2 'positive': write 'result: positive, method: ISH'"
        p.reader.error(
            "S004",
            node,
            f"{name} result '{result}' is not one of: {', '.join(RECEPTOR_RESULTS)}; {fix}",
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


def build_surgery(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A surgery (``curative: unknown`` when the source does not say)."""
    date = p.date(f, "date", required=True)
    node = f.get("curative")
    curative: bool | None
    if node is not None and str(getattr(node, "value", "")).lower() == "unknown":
        curative = None  # the source does not say whether the resection was complete
    else:
        curative = bool(f.boolean("curative", or_unknown=True))
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
        later_therapy=f.choice("later_therapy", LATER_THERAPY),
        part_of=f.text("part_of"),
        **c,
    )


#: total body irradiation among a conditioning's agents, with its total dose when given:
#: "TBI", "total body irradiation", "TBI 2 Gy", "total-body irradiation 12 Gy"
_TBI = re.compile(r"(?:tbi|total[- ]body irradiation)(?:\s+(\d+(?:\.\d+)?)\s*gy)?", re.IGNORECASE)


def build_transplant(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A stem-cell transplant on its day 0, with the agents of its conditioning by name, and
    total body irradiation ("TBI", with its dose when given) among them."""
    date = p.date(f, "date", required=True)
    donor = f.choice("donor", DONORS, required=True)
    conditioning: list[str] = []
    node = f.get("conditioning")
    if node is not None:
        for item in p.reader.sequence(node, "'conditioning'"):
            written = p.reader.text(item, "each agent of the conditioning")
            tbi = _TBI.fullmatch(written) if written else None
            if tbi is not None:  # (no agent: Flu/Mel/TBI was A001 on its TBI)
                name = f"TBI {tbi.group(1)} Gy" if tbi.group(1) else "TBI"
                if name not in conditioning:
                    conditioning.append(name)
                continue
            agent = written and lookup(p, item, written)
            if agent and agent.name not in conditioning:
                conditioning.append(agent.name)
    if date is None or donor is None:
        return None
    return Transplant(
        date=date,
        donor=donor,
        match=f.text("match"),
        graft=f.text("graft"),
        conditioning=tuple(conditioning),
        status=f.text("status"),
        later_therapy=f.choice("later_therapy", LATER_THERAPY),
        **c,
    )


def build_radiotherapy(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A course of radiotherapy, with its total dose in Gy."""
    start = p.date(f, "start", required=True)
    end = p.date(f, "end")
    dose = quantity(p.reader, f, "dose", RT_UNITS, "63 Gy")
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
        technique=f.text("technique"),
        later_therapy=f.choice("later_therapy", LATER_THERAPY),
        part_of=f.text("part_of"),
        **c,
    )


def _disease(p: ParseState, f: Fields, c: dict[str, Any], kind: str) -> Event | None:
    """A recurrence or a progression."""
    date = p.date(f, "date", required=True)
    if date is None:
        return None
    return DiseaseEvent(
        type=kind,
        date=date,
        sites=f.texts("sites"),
        new_sites=f.texts("new_sites"),
        method=f.text("method"),
        histology=f.text("histology"),
        **c,
    )


def build_recurrence(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A recurrence after a disease-free interval."""
    return _disease(p, f, c, "recurrence")


def build_progression(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A progression of the disease."""
    return _disease(p, f, c, "progression")


def build_response(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A response assessment (CR, PR, SD, PD, ...), with its lesions and markers."""
    date = p.date(f, "date", required=True)
    category = f.choice("category", CATEGORIES, required=True)
    lesions = p.items(f, "lesions", "a lesion", "lesion", lambda sub: lesion(p, sub))
    markers = p.items(f, "markers", "a tumour marker", "marker", lambda sub: marker(p, sub))
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
        criteria=f.choice("criteria", CRITERIA),
        mrd=_mrd(p, f),
        **c,
    )


def _mrd(p: ParseState, f: Fields) -> Mrd | None:
    """A response's measurable residual disease: ``negative`` or ``positive``, or
    ``{result, method, sensitivity, note}``."""
    node = f.get("mrd")
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        result = p.reader.choice(node, "'mrd'", MRD_RESULTS)
        return None if result is None else Mrd(result)
    sub = p.reader.fields(node, "'mrd'", ALLOWED["mrd"])
    if sub is None:
        return None
    result = sub.choice("result", MRD_RESULTS, required=True)
    if result is None:
        return None
    return Mrd(result, sub.text("method"), sub.text("sensitivity"), sub.text("note"))


def lesion(p: ParseState, f: Fields) -> Lesion | None:
    """One lesion of a response or an imaging study."""
    site = f.text("site", required=True)
    size = quantity(p.reader, f, "size", SIZE_UNITS, "2.5 cm", dimensions=True)
    if site is None:
        return None
    return Lesion(site, size, f.text("change"), f.text("note"))


def marker(p: ParseState, f: Fields) -> Marker | None:
    """One tumour marker of a response: its value, its direction (``change``), or both."""
    name = f.text("name", required=True)
    change = f.choice("change", MARKER_CHANGES)
    if "change" in f.values and "value" not in f.values:
        # (the direction alone: "the PSA level decreased significantly", no value given)
        return None if name is None or change is None else Marker(name, None, None, change=change)
    value_node = f.require("value", " (or 'change': decreased, increased, normalised, stable)")
    bound = None if value_node is None else _BOUND.fullmatch(str(value_node.value).strip())
    if bound is not None and isinstance(value_node, yaml.ScalarNode):
        # a value beyond what the laboratory measures: "< 2", "<= 0.1", "> 1000"
        comparator = _COMPARATORS[bound[1]]
        if name is None:
            return None
        return Marker(
            name, float(bound[2]), f.text("unit"), f"{comparator} {bound[2]}", comparator, change
        )
    if isinstance(value_node, yaml.ScalarNode) and re.fullmatch(
        r"[A-Za-z][A-Za-z -]*", str(value_node.value).strip()
    ):
        # a result in words ("normal", "rising"): a direction is ``change``; any other
        # result in words is a biomarker's
        p.reader.error(
            "S003",
            value_node,
            f"'value' should be a number or a bound ('< 2'), got '{value_node.value}'; a"
            " direction with no value is 'change: decreased' (or increased, normalised,"
            f" stable); another result in words is a biomarker event: {{type: biomarker,"
            f" name: {name or 'CEA'}, result: {value_node.value}}} dated as the response",
        )
        return None
    value = (
        None if value_node is None else p.reader.number(value_node, "'value' (or a bound: '< 2')")
    )
    if name is None or value is None:
        return None
    assert value_node is not None
    return Marker(name, value, f.text("unit"), str(value_node.value), change=change)


#: a marker value given as a bound: the comparator, then a number
_BOUND = re.compile(r"(<=|>=|≤|≥|<|>)\s*([0-9]+(?:\.[0-9]+)?)")
_COMPARATORS = {"<": "<", "<=": "≤", "≤": "≤", ">": ">", ">=": "≥", "≥": "≥"}


def read_grade(p: ParseState, f: Fields, what: str = "CTCAE grade") -> int | None:
    """A grade from 1 to 5 (``what`` names it in a message)."""
    grade = f.integer("grade", 1)
    if grade is not None and grade > 5:
        node = f.get("grade")
        assert node is not None
        p.reader.error("S004", node, f"{what} {grade} does not exist; grades run from 1 to 5")
        return None
    return grade


def build_toxicity(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A toxicity: a day or a span, its grade and the agents blamed for it."""
    date_node, start_node = f.get("date"), f.get("start")
    if date_node is not None and start_node is not None:
        p.reader.error(
            "S005", start_node, "a toxicity has either 'date' or 'start' (with 'end'), not both"
        )
    date = p.date(f, "start") if start_node is not None else p.date(f, "date", required=True)
    end = p.date(f, "end")
    if end is None and start_node is not None and f.get("end") is None:
        # 'start' alone: it began then, and its end is not reported ("persistent
        # thrombocytopenia"): a span, as with `end: unknown`; a point is written `date:`
        end = DateSpec("unknown", location=p.reader.at(start_node))
    term = f.text("term", required=True)
    grade = read_grade(p, f)
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
            agent = lookup(p, item if isinstance(item, yaml.Node) else node, written)
            if agent is not None:
                agents.append(agent.name)
    labs = p.items(f, "labs", "a laboratory value", "lab", lambda sub: lab(p, sub))
    action = f.choice("action", TOXICITY_ACTIONS)
    action_on = f.text("action_on")
    on_node = f.get("action_on")
    if on_node is not None and f.get("action") is None:
        p.reader.error(
            "S002",
            on_node,
            "'action_on' names the regimen an action was taken on: give the 'action' too"
            f" (one of {', '.join(TOXICITY_ACTIONS[:-1])})",
        )
    elif on_node is not None and action == "none":
        p.reader.error(
            "S004",
            on_node,
            "'action: none' was taken on no regimen: remove 'action_on', or give the action",
        )
    attribution = f.choice("attribution", TOXICITY_ATTRIBUTIONS)
    node = f.get("attribution")
    if node is not None and not (
        agents or f.get("regimen") or f.get("radiotherapy") or f.get("transplant")
    ):
        p.reader.error(
            "S002",
            node,
            "'attribution' says how sure the source is of what caused the toxicity: name what"
            " it is attributed to ('agents', 'regimen', 'radiotherapy' or 'transplant')",
        )
    if date is None or term is None:
        return None
    return Toxicity(
        date=date,
        term=term,
        grade=grade,
        agents=tuple(dict.fromkeys(agents)),
        regimen=f.text("regimen"),
        radiotherapy=f.text("radiotherapy"),
        transplant=f.text("transplant"),
        end_date=end,
        labs=labs,
        action=action,
        action_on=action_on,
        treatment=f.text("treatment"),
        grading=f.choice("grading", TOXICITY_GRADINGS),
        attribution=attribution,
        **c,
    )


def lab(p: ParseState, f: Fields) -> Lab | None:
    """One laboratory value of a toxicity."""
    name = f.text("name", required=True)
    node = f.get("value")
    value = None if node is None else p.reader.number(node, "'value'")
    if name is None:
        return None
    written = str(node.value) if isinstance(node, yaml.ScalarNode) else None
    return Lab(name, value, f.text("unit"), read_grade(p, f, "lab grade"), written)


def build_performance(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A performance status (ECOG 0-5, Karnofsky 0-100)."""
    date = p.date(f, "date", required=True)
    scale = f.choice("scale", PERFORMANCE_SCALES, required=True)
    score = f.integer("score", 0)
    if f.get("score") is None:
        f.require("score")
    top = 5 if scale == "ECOG" else 100
    if score is not None and scale is not None and score > top:
        node = f.get("score")
        assert node is not None
        p.reader.error("S004", node, f"{scale} scores run from 0 to {top}, not {score}")
        score = None
    if date is None or scale is None or score is None:
        return None
    return Performance(date=date, scale=scale, score=score, **c)


def build_menopause(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A change of menopausal status."""
    date = p.date(f, "date", required=True)
    status = f.choice("status", MENOPAUSE_STATUS, required=True)
    if date is None or status is None:
        return None
    return MenopauseChange(date=date, status=status, **c)


def build_imaging(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """An imaging study that is not a response assessment."""
    date = p.date(f, "date", required=True)
    lesions = p.items(f, "lesions", "a lesion", "lesion", lambda sub: lesion(p, sub))
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


def build_complication(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A complication of the disease or of a procedure."""
    date = p.date(f, "date", required=True)
    term = f.text("term", required=True)
    grade = read_grade(p, f)
    if date is None or term is None:
        return None
    return Complication(date=date, term=term, grade=grade, **c)


def build_declined(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A treatment recommended and declined."""
    date = p.date(f, "date", required=True)
    treatment = f.text("treatment", required=True)
    if date is None or treatment is None:
        return None
    return Declined(date=date, treatment=treatment, reason=f.text("reason"), **c)


#: a gestational age: completed weeks, and days beyond them ("34+5")
_GESTATION = re.compile(r"(\d{1,2})(?:\+([0-6]))?")


def build_pregnancy(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A pregnancy: its start (by the gestational age) and end, how it ended and how the child
    was delivered, the weeks at its end, and the newborn in the source's words."""
    start = p.date(f, "start", required=True)
    end = p.date(f, "end")
    outcome = f.choice("outcome", PREGNANCY_OUTCOMES)
    delivery = f.choice("delivery", DELIVERY_MODES)
    weeks = f.text("weeks")
    if weeks is not None:
        found = _GESTATION.fullmatch(weeks.replace(" ", ""))
        node = f.get("weeks")
        assert node is not None
        if found is None or not 0 < int(found[1]) <= 45:
            p.reader.error(
                "S004",
                node,
                f"'weeks' {weeks} is not a gestational age: completed weeks (1 to 45) as"
                " the source gives them, '34', or weeks and days, '34+5' (34 weeks and 5"
                " days)",
            )
            weeks = None
        else:
            weeks = found[1] + (f"+{found[2]}" if found[2] else "")
    if outcome == "ongoing" and end is not None:
        node = f.get("outcome")
        assert node is not None
        p.reader.error(
            "S004",
            node,
            "'outcome' ongoing says the pregnancy had not ended at the last follow-up, but"
            " 'end' dates its end; remove one of them",
        )
    if start is None:
        return None
    return Pregnancy(
        start_date=start,
        end_date=end,
        outcome=outcome,
        delivery=delivery,
        weeks=weeks,
        newborn=f.text("newborn"),
        **c,
    )


def build_second_primary(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A second primary cancer, with how the source relates it to the first one's treatment."""
    date = p.date(f, "date", required=True)
    cancer = f.text("cancer", required=True)
    relation = f.choice("relation", SECOND_PRIMARY_RELATIONS) or "unknown"
    if date is None or cancer is None:
        return None
    return SecondPrimary(
        date=date,
        cancer=cancer,
        site=f.text("site"),
        relation=relation,
        treatment=f.text("treatment"),
        **c,
    )


def build_resistance(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A resistance to one agent, to the agents of a regimen together, or to one class, with
    what it rests on."""
    date = p.date(f, "date", required=True)
    agent_node, class_node, agents_node = f.get("agent"), f.get("class"), f.get("agents")
    agent_name = class_name = None
    names: list[str] = []
    if sum(n is not None for n in (agent_node, class_node, agents_node)) != 1:
        p.reader.error(
            "S002", f.node, "a resistance names exactly one of 'agent', 'agents' or 'class'"
        )
    elif agents_node is not None:
        # (the agents of a regimen the disease was refractory to, together: "CHOP-refractory"
        # could only be written as resistance to chemotherapy, a class)
        for item in p.reader.sequence(agents_node, "'agents'"):
            written = p.reader.text(item, "each agent")
            agent = written and lookup(p, item, written)
            if agent and agent.name not in names:
                names.append(agent.name)
        if not names:
            return None
    elif agent_node is not None:
        written = f.text("agent")
        agent = None if written is None else lookup(p, agent_node, written)
        if agent is not None and agent.unspecified:
            p.reader.error(
                "S004",
                agent_node,
                f"'{written}' names no agent; declare the resistance to the class instead"
                f" (class: {agent.agent_class})",
            )
            agent = None
        agent_name = agent.name if agent else None
    else:
        written = f.text("class")
        if written is not None and not p.catalogue.members(written):
            assert class_node is not None
            options = p.catalogue.class_names()  # only a message needs them
            p.reader.error(
                "S004",
                class_node,
                f"class '{written}' is not a class of the catalogue{suggest(written, options)}",
            )
        else:
            class_name = written
    kind = f.choice("kind", RESISTANCE_KINDS) or "unspecified"
    basis_node = f.get("basis")
    basis = None if basis_node is None else parse_point(p.reader, basis_node, "'basis'")
    if basis is not None and not isinstance(basis, _Anchor):
        assert basis_node is not None
        p.reader.error("S004", basis_node, "'basis' names the progression event's id, not a date")
        basis = None
    window_node = f.get("window")
    window = None if window_node is None else parse_duration(p.reader, window_node, "'window'")
    if date is None or (agent_name is None and class_name is None and not names):
        return None
    if len(names) == 1:
        agent_name, names = names[0], []
    return Resistance(
        date=date,
        agent=agent_name,
        agents=tuple(names),
        agent_class=class_name,
        resistance_kind=kind,
        basis=basis,
        window=window,
        mechanism=f.text("mechanism"),
        **c,
    )


def build_follow_up(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """The last follow-up, with the patient's status."""
    date = p.date(f, "date", required=True)
    status = f.choice("status", FOLLOW_UP_STATUS, required=True)
    later = f.choice("later_therapy", LATER_THERAPY)
    if date is None or status is None:
        return None
    return FollowUp(date=date, status=status, later_therapy=later, **c)


def build_death(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """The patient's death."""
    date = p.date(f, "date", required=True)
    later = f.choice("later_therapy", LATER_THERAPY)
    return (
        None if date is None else Death(date=date, cause=f.text("cause"), later_therapy=later, **c)
    )


def build_biomarker(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A biomarker re-tested during the course."""
    date = p.date(f, "date", required=True)
    marker = biomarker(p, f)
    if date is None or marker is None:
        return None
    return BiomarkerTest(date=date, biomarker=marker, specimen=f.text("specimen"), **c)


#: The builder of each event type.
BUILDERS: dict[str, EventBuilder] = {
    "surgery": build_surgery,
    "radiotherapy": build_radiotherapy,
    "regimen": build_regimen,
    "transplant": build_transplant,
    "recurrence": build_recurrence,
    "progression": build_progression,
    "response": build_response,
    "toxicity": build_toxicity,
    "resistance": build_resistance,
    "follow-up": build_follow_up,
    "death": build_death,
    "biomarker": build_biomarker,
    "performance": build_performance,
    "menopause": build_menopause,
    "imaging": build_imaging,
    "complication": build_complication,
    "second-primary": build_second_primary,
    "declined": build_declined,
    "pregnancy": build_pregnancy,
}
assert BUILDERS.keys() == set(EVENT_TYPES)
