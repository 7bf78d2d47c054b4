"""Reading the case format (docs/case-format.md) from a composed YAML document.

The parser reports every problem it finds and goes on; it returns a :class:`Case` whenever
the file has the few things a case cannot do without (an ``id`` and a ``diagnosis`` date),
so that later rules can still look at what was readable.

The top of the case is read here; the pieces live beside it: the key table in
:mod:`timeline.keys`, quantities and units in :mod:`timeline.quantities`, agent names in
:mod:`timeline.agents`, the events in :mod:`timeline.events` (regimens in
:mod:`timeline.regimens`), and the state they share in :mod:`timeline.parsing`.
"""

from __future__ import annotations

import yaml

from timeline.agents import declared_agents
from timeline.catalogue import Catalogue, default_catalogue
from timeline.datefields import parse_point
from timeline.dates import CalendarDate, DateSpec
from timeline.events import ID, biomarker, read_events
from timeline.keys import ALLOWED, EVENT_TYPES, KEYS
from timeline.loader import Document
from timeline.model import (
    NO_PRIOR_LINES,
    TNM,
    Acknowledgement,
    Age,
    Case,
    Diagnosis,
    Patient,
    PriorLines,
    Source,
)
from timeline.parsing import ParseState
from timeline.problems import CODES, Severity, suggest
from timeline.reading import Fields, Reader
from timeline.regimens import undated_alike

__all__ = ["EVENT_TYPES", "FORMAT_VERSION", "KEYS", "parse_case"]

#: The version of the case format this version reads.
FORMAT_VERSION = 1


def parse_case(doc: Document, reader: Reader, catalogue: Catalogue | None = None) -> Case | None:
    """The case ``doc`` holds, its problems added to ``reader``'s; ``None`` when it has no
    readable ``id`` or ``diagnosis`` date (or is not a case file at all)."""
    p = ParseState(reader, catalogue or default_catalogue())
    keys = [k.value for k, _ in doc.root.value if isinstance(k, yaml.ScalarNode)]
    if keys and not set(keys) & {"id", "events", "diagnosis", "patient", "format"}:
        # a file of something else (a CI workflow, a config) in a case folder: one line
        p.reader.error(
            "K003",
            doc.root,
            f"not a case file: it has none of a case's keys (id, diagnosis, events; it has"
            f" {', '.join(repr(k) for k in keys[:4])}{', ...' if len(keys) > 4 else ''});"
            " keep only case files in a case folder, or give the cases' files by name",
        )
        return None
    root = Fields(p.reader, doc.root, "the case", ALLOWED["case"])
    version = root.integer("format", minimum=1)
    if version is not None and version != FORMAT_VERSION:
        node = root.get("format")
        assert node is not None
        p.reader.error(
            "S010",
            node,
            f"format {version} is not supported; this version reads format {FORMAT_VERSION}",
        )
    case_id = root.text("id", required=True)
    if case_id and not ID.fullmatch(case_id):
        node = root.get("id")
        assert node is not None
        p.reader.error(
            "S004",
            node,
            f"case id '{case_id}' should be letters, digits, '-' and '_', starting with a letter",
        )
    declared = declared_agents(p, root)
    if declared:
        p.catalogue = p.catalogue.with_agents(declared)
    source = _source(p, root)
    patient = _patient(p, root)
    diagnosis = _diagnosis(p, root)
    # only a value of the course refused holds back the course rules (validate.py): a
    # misspelt 'sex' or 'menopause' hid an R001 and a C009 until it was mended
    p.reader.refused_choice = False
    events = undated_alike(read_events(p, root))
    refused_in_course = p.reader.refused_choice
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
        acknowledgements=_acknowledgements(p, root),
        path=doc.path,
        id_location=root.located("id"),
        unreadable_ids=frozenset(p.unreadable),
        unreadable_types=frozenset(
            p.unreadable_types | ({"choice"} if refused_in_course else set())
        ),
        prior_lines=_prior_lines(p, root),
    )


def _prior_lines(p: ParseState, root: Fields) -> PriorLines:
    """``prior_lines``: how many lines came before the first one recorded: a number, ``unknown``
    ("several previous lines"), or ``{at_least: 2}``."""
    node = root.get("prior_lines")
    if node is None:
        return NO_PRIOR_LINES
    where = p.reader.at(node)
    if isinstance(node, yaml.ScalarNode) and str(node.value).strip().lower() == "unknown":
        return PriorLines(least=0, exact=False, location=where)
    if isinstance(node, yaml.MappingNode):
        f = p.reader.fields(node, "'prior_lines'", ALLOWED["prior_lines"])
        if f is None:
            return NO_PRIOR_LINES
        least = f.integer("at_least", 0, 100)
        if least is None:
            f.require("at_least")
            return NO_PRIOR_LINES
        return PriorLines(least=least, exact=False, note=f.text("note"), location=where)
    count = p.reader.integer(node, "'prior_lines' (a number, 'unknown' or {at_least: N})", 0, 100)
    return NO_PRIOR_LINES if count is None else PriorLines(least=count, location=where)


def _source(p: ParseState, root: Fields) -> Source:
    node = root.get("source")
    f = None if node is None else p.reader.fields(node, "'source'", ALLOWED["source"])
    if f is None:
        return Source()
    return Source(
        f.text("citation"),
        f.text("doi"),
        f.text("pmid"),
        f.text("url"),
        f.text("note"),
        published=_published(p, f),
    )


def _published(p: ParseState, f: Fields) -> DateSpec | None:
    """``published``: the day, month or year the source was published, on the calendar."""
    node = f.get("published")
    if node is None:
        return None
    point = parse_point(p.reader, node, "'published' of 'source'")
    if point is None:
        return None
    if not isinstance(point, CalendarDate):
        p.reader.error(
            "S005",
            node,
            f"'published' of 'source' should be a calendar date (2020-11-05, 2020-11 or 2020),"
            f" not '{node.value}': the day, month or year the source appeared",
        )
        return None
    return DateSpec("on", on=point, location=p.reader.at(node))


def _patient(p: ParseState, root: Fields) -> Patient:
    node = root.get("patient")
    f = None if node is None else p.reader.fields(node, "'patient'", ALLOWED["patient"])
    if f is None:
        return Patient()
    age = None
    age_node = f.get("age")
    if age_node is not None:
        if isinstance(age_node, yaml.MappingNode):
            af = p.reader.fields(age_node, "'age'", ALLOWED["age"])
            if af is not None:
                months_node = af.get("months")
                if months_node is not None and af.get("years") is not None:
                    p.reader.error(
                        "S008",
                        months_node,
                        "'age' gives both 'years' and 'months'; give one: 'months' for a child"
                        " whose age the source gives in months (4 months old: {months: 4})",
                    )
                elif months_node is not None:
                    months = p.reader.integer(months_node, "'months'", 0, 120 * 12)
                    if months is not None:
                        at = p.date(af, "at", what=" of 'age'")
                        age = Age(months // 12, at, af.text("note"), months=months)
                else:
                    years_node = af.require("years", " (or 'months' for an infant: {months: 4})")
                    years = (
                        None
                        if years_node is None
                        else p.reader.integer(years_node, "'years'", 0, 120)
                    )
                    if years is not None:
                        age = Age(years, p.date(af, "at", what=" of 'age'"), af.text("note"))
        else:
            years = p.reader.integer(age_node, "'age'", 0, 120)
            age = None if years is None else Age(years)
    sex = f.choice("sex", ("female", "male", "other", "unknown"))
    menopause = f.choice(
        "menopause", ("premenopausal", "perimenopausal", "postmenopausal", "unknown")
    )
    if sex == "male" and menopause not in (None, "unknown"):
        node = f.get("menopause")
        assert node is not None
        p.reader.error(
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
        family_history=f.text("family_history"),
        note=f.text("note"),
        location=f.location,
    )


def _diagnosis(p: ParseState, root: Fields) -> Diagnosis | None:
    node = root.require("diagnosis", " (at least its 'date')")
    f = None if node is None else p.reader.fields(node, "'diagnosis'", ALLOWED["diagnosis"])
    if f is None:
        return None
    date = p.date(f, "date", required=True, what=" of the diagnosis")
    if date is None and f.get("date") is not None:
        date = DateSpec("unknown", location=f.location)  # reported; the rules still run
    tnm = None
    tnm_node = f.get("tnm")
    if tnm_node is not None:
        tf = p.reader.fields(tnm_node, "'tnm'", ALLOWED["tnm"])
        if tf is not None:
            tnm = TNM(
                tf.text("system"),
                tf.text("t"),
                tf.text("n"),
                tf.text("m"),
                tf.text("stage"),
                tf.text("stage_inferred"),
                b=tf.text("b"),
            )
    biomarkers = p.items(f, "biomarkers", "a biomarker", "biomarker", lambda sub: biomarker(p, sub))
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
        metastases=f.texts("metastases"),
        biomarkers=biomarkers,
        note=f.text("note"),
        location=f.location,
    )


def _acknowledgements(p: ParseState, root: Fields) -> tuple[Acknowledgement, ...]:
    def build(f: Fields) -> Acknowledgement | None:
        code = f.text("code", required=True)
        reason = f.text("reason", required=True)
        if code is None or reason is None:
            return None
        node = f.get("code")
        assert node is not None
        if code not in CODES:
            p.reader.error("S004", node, f"'{code}' is not a problem code{suggest(code, CODES)}")
            return None
        if CODES[code].severity is not Severity.WARNING:
            p.reader.error(
                "S004",
                node,
                f"{code} is an error; only warnings can be acknowledged (correct the case)",
            )
            return None
        return Acknowledgement(code, f.text("event"), reason, f.location)

    return p.items(root, "acknowledge", "an acknowledgement", "acknowledgement", build)
