"""cBioPortal's clinical files: the timeline data files (one per event type, each with its
meta file) and the clinical patient file with overall and disease-free survival, as the
cBioPortal file-formats page describes them (docs/interchange.md cites it); and timeline files
read back as cases whose dates count in days from the diagnosis, with the patient's sex and age
from the clinical patient file beside them.

Days count from the plausible day of the diagnosis (``START_DATE`` 0). An uncertain date is
given as its plausible day, with the window in the extra columns ``START_DATE_EARLIEST``,
``START_DATE_LATEST``, ``STOP_DATE_EARLIEST`` and ``STOP_DATE_LATEST`` (blank on an open side).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

import yaml

from timeline.catalogue import default_catalogue
from timeline.dates import DAYS_PER_MONTH
from timeline.interchange.common import (
    ExportError,
    When,
    export_points,
    when_end,
    when_point,
    when_start,
)
from timeline.model import (
    BiomarkerTest,
    Death,
    DiseaseEvent,
    FollowUp,
    Imaging,
    Radiotherapy,
    Regimen,
    Response,
    Surgery,
    Transplant,
)
from timeline.validate import Checked
from timeline.wording import age_when

__all__ = [
    "EVENT_TYPES",
    "ImportError_",
    "cbioportal_files",
    "import_timeline",
    "left_out",
    "patient_rows",
    "read_patients",
    "read_timeline",
    "timeline_rows",
]

#: the timeline event types written, each to data_timeline_<type>.txt, and their columns
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "TREATMENT": (
        "TREATMENT_TYPE",
        "SUBTYPE",
        "AGENT",
        "AGENT_CLASS",
        "REGIMEN",
        "REGIMEN_NAME",
        "LINE",
        "INTENT",
        "END_REASON",
        "REGIMEN_END_REASON",
        "DOSE",
        "SITE",
        "FRACTIONS",
    ),
    "STATUS": ("STATUS", "EVENT_KIND", "DETAIL", "SITES", "SOURCE"),
    "LAB_TEST": ("TEST", "RESULT", "UNIT"),
    "IMAGING": ("DIAGNOSTIC_TYPE", "RESULT", "SITES"),
    "SURGERY": ("PROCEDURE", "SITE", "CURATIVE"),
}
_HEAD = ("PATIENT_ID", "START_DATE", "STOP_DATE", "EVENT_TYPE")
_WINDOW = ("START_DATE_EARLIEST", "START_DATE_LATEST", "STOP_DATE_EARLIEST", "STOP_DATE_LATEST")
_TAIL = ("EVENT_ID", *_WINDOW)

_SUBTYPES = {
    "chemotherapy": "Chemotherapy",
    "endocrine": "Hormone Therapy",
    "targeted": "Targeted Therapy",
    "immunotherapy": "Immunotherapy",
    "bone-targeted": "Bone-Targeted Therapy",
    "other": "Other",
}
_CLASSES = {v: k for k, v in _SUBTYPES.items()}
_RECEPTOR_RESULTS = ("positive", "negative", "low", "equivocal", "unknown")
_MEDICAL, _RADIATION = "Medical Therapy", "Radiation Therapy"
#: a stem-cell transplant's TREATMENT_TYPE (SUBTYPE: its donor; AGENT: its conditioning)
_TRANSPLANT = "Stem Cell Transplant"


class ImportError_(Exception):
    """A timeline file that cannot be read as cases: located as ``path:line``."""


def columns(event_type: str) -> tuple[str, ...]:
    """The columns of one timeline data file, in order."""
    return (*_HEAD, *EVENT_TYPES[event_type], *_TAIL)


def _n(value: int | None) -> str:
    return "" if value is None else str(value)


def _row(
    patient: str, kind: str, start: When | None, stop: When | None, event_id: str
) -> dict[str, str]:
    row = dict.fromkeys(columns(kind), "")
    row.update(PATIENT_ID=patient, EVENT_TYPE=kind, EVENT_ID=event_id)
    if start is not None:
        row.update(
            START_DATE=str(start.offset),
            START_DATE_EARLIEST=_n(start.lo_offset),
            START_DATE_LATEST=_n(start.hi_offset),
        )
    if stop is not None:
        row.update(
            STOP_DATE=str(stop.offset),
            STOP_DATE_EARLIEST=_n(stop.lo_offset),
            STOP_DATE_LATEST=_n(stop.hi_offset),
        )
    return row


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def left_out(checked: Checked) -> list[str]:
    """The events (and agents) of a case that have no day on its schedule — a date the source
    does not give and nothing bounds (``{at: unknown}``) — so no row: cBioPortal requires a
    START_DATE, and inventing one would say more than the source."""
    export_points(checked)
    case = checked.case
    assert case is not None
    out = []
    for e in case.events:
        if isinstance(e, Regimen):
            out += [f"'{x.key}'" for x in e.exposures if when_start(checked, x) is None]
        elif when_start(checked, e) is None:
            out.append(f"'{e.label()}'")
    return out


def timeline_rows(checked: Checked) -> dict[str, list[dict[str, str]]]:
    """The timeline rows of one case by event type (docs/interchange.md gives the mapping)."""
    export_points(checked)
    case = checked.case
    assert case is not None
    pid = case.id
    lines = {ln.regimen.id: ln for ln in checked.lines}
    out: dict[str, list[dict[str, str]]] = {k: [] for k in EVENT_TYPES}
    for e in case.events:
        start = when_start(checked, e)
        if start is None and not isinstance(e, Regimen):
            continue  # no day to give it (cBioPortal requires START_DATE): see left_out()
        if isinstance(e, Regimen):
            line = lines.get(e.id)
            reg_end = when_end(checked, e)
            if reg_end is None and e.ongoing:  # runs until the last follow-up
                reg_end = when_point(checked, f"{e.id}.end")
            for exp in e.exposures:
                if when_start(checked, exp) is None:
                    continue
                stop = when_end(checked, exp) if exp.end_date is not None else reg_end
                row = _row(pid, "TREATMENT", when_start(checked, exp), stop, exp.key)
                row.update(
                    TREATMENT_TYPE=_MEDICAL,
                    SUBTYPE=_SUBTYPES.get(exp.agent.agent_class, "Other"),
                    AGENT=exp.agent.name,
                    AGENT_CLASS=exp.agent.subclass or "",
                    REGIMEN=e.id,
                    REGIMEN_NAME=e.name or "",
                    LINE=""
                    if line is None or line.known_number is None
                    else str(line.known_number),
                    INTENT=e.intent,
                    END_REASON=(exp.end_reason or e.end_reason or "")
                    if exp.end_date is not None or e.end is not None or e.ongoing
                    else "",
                    REGIMEN_END_REASON=e.end_reason or "",
                    DOSE=str(exp.dose) if exp.dose else "",
                )
                out["TREATMENT"].append(row)
        elif isinstance(e, Radiotherapy):
            row = _row(pid, "TREATMENT", start, when_end(checked, e), e.id)
            row.update(
                TREATMENT_TYPE=_RADIATION,
                SUBTYPE=e.technique or "Radiotherapy",
                AGENT=str(e.dose) if e.dose else "",
                INTENT=e.intent or "",
                SITE=e.site or "",
                FRACTIONS=_n(e.fractions),
            )
            out["TREATMENT"].append(row)
        elif isinstance(e, Transplant):
            row = _row(pid, "TREATMENT", start, None, e.id)
            row.update(
                TREATMENT_TYPE=_TRANSPLANT,
                SUBTYPE=e.donor,
                AGENT=" + ".join(e.conditioning),
                INTENT="",
            )
            out["TREATMENT"].append(row)
        elif isinstance(e, DiseaseEvent):
            row = _row(pid, "STATUS", start, None, e.id)
            row.update(
                STATUS=e.type.capitalize(),
                EVENT_KIND=e.type,
                SITES="; ".join(e.sites),
                SOURCE=e.method or "",
                DETAIL=f"histology: {e.histology}" if e.histology else "",
            )
            out["STATUS"].append(row)
        elif isinstance(e, Response):
            row = _row(pid, "STATUS", start, None, e.id)
            row.update(
                STATUS=e.category if e.category != "unknown" else (e.authors_term or "unknown"),
                EVENT_KIND="response",
                DETAIL=e.authors_term or "" if e.category != "unknown" else "",
                SITES="; ".join(e.sites),
                SOURCE=e.method or "",
            )
            out["STATUS"].append(row)
            for m in e.markers:
                lab = _row(pid, "LAB_TEST", start, None, f"{e.id}-{_slug(m.name)}")
                said = m.written or (f"{m.value:g}" if m.value is not None else m.change or "")
                lab.update(TEST=m.name, RESULT=said, UNIT=m.unit or "")
                out["LAB_TEST"].append(lab)
        elif isinstance(e, Death):
            row = _row(pid, "STATUS", start, None, e.id)
            row.update(STATUS="Death", EVENT_KIND="death", DETAIL=e.cause or "")
            out["STATUS"].append(row)
        elif isinstance(e, FollowUp):
            row = _row(pid, "STATUS", start, None, e.id)
            row.update(STATUS="Last follow-up", EVENT_KIND="follow-up", DETAIL=e.status)
            out["STATUS"].append(row)
        elif isinstance(e, BiomarkerTest):
            b = e.biomarker
            row = _row(pid, "LAB_TEST", start, None, e.id)
            row.update(TEST=b.name, RESULT=b.value or b.result or "", UNIT=b.unit or "")
            out["LAB_TEST"].append(row)
        elif isinstance(e, Imaging):
            row = _row(pid, "IMAGING", start, None, e.id)
            row.update(
                DIAGNOSTIC_TYPE=e.method or "", RESULT=e.findings or "", SITES="; ".join(e.sites)
            )
            out["IMAGING"].append(row)
        elif isinstance(e, Surgery):
            row = _row(pid, "SURGERY", start, None, e.id)
            curative = {True: "yes", False: "no", None: "unknown"}[e.curative]
            row.update(PROCEDURE=e.procedure or "", SITE=e.site or "", CURATIVE=curative)
            out["SURGERY"].append(row)
    return out


#: the clinical patient file's attributes: (column, display name, description, datatype)
_PATIENT = (
    ("PATIENT_ID", "Patient Identifier", "Patient identifier (the case id)", "STRING"),
    ("OS_STATUS", "Overall Survival Status", "Overall survival status", "STRING"),
    (
        "OS_MONTHS",
        "Overall Survival (Months)",
        "Overall survival in months since diagnosis",
        "NUMBER",
    ),
    ("DFS_STATUS", "Disease Free Status", "Disease free status", "STRING"),
    (
        "DFS_MONTHS",
        "Disease Free (Months)",
        "Disease free in months from the curative surgery to the first recurrence",
        "NUMBER",
    ),
    ("SEX", "Sex", "Sex of the patient", "STRING"),
    ("AGE", "Age", "Age in years as the case report gives it", "NUMBER"),
)


def patient_rows(checked: Checked) -> dict[str, str]:
    """The clinical patient row of one case: OS from the diagnosis to death or the last
    follow-up, DFS from the curative surgery to the first recurrence, on the plausible
    schedule. ``NA`` where the source does not say: a vital status not reported (never
    "living"), a length whose window is open (``show``'s "not computable"), no disease-free
    period."""
    export_points(checked)
    case = checked.case
    assert case is not None
    by_name = {i.name: i for i in checked.intervals}
    row = dict.fromkeys((c for c, *_ in _PATIENT), "NA")
    row["PATIENT_ID"] = case.id
    os_interval = by_name.get("OS") or by_name.get("follow-up")
    death = next((e for e in case.events if isinstance(e, Death)), None)
    follow = next((e for e in case.events if isinstance(e, FollowUp)), None)
    if death is not None:
        row["OS_STATUS"] = "1:DECEASED"
    elif follow is not None and follow.status.startswith("alive"):
        row["OS_STATUS"] = "0:LIVING"
    # else: the source does not say (unknown, lost to follow-up): NA, never "living"
    os_months = os_interval.plausible_months() if os_interval is not None else None
    if os_interval is not None and os_interval.months() is not None and os_months is not None:
        # a length only when the tool can bound it; an open window gives NA, as show says
        # "not computable"
        row["OS_MONTHS"] = f"{os_months:.2f}"
    dfs = by_name.get("DFS")
    if dfs is not None and dfs.months() is not None and dfs.plausible is not None:
        # cBioPortal's two statuses name a recurrence; a DFS ended by death without one
        # (an event in docs/rules.md) is given as disease-free up to that day
        recurred = not dfs.censored and (death is None or dfs.end_key != death.id)
        row["DFS_STATUS"] = "1:Recurred/Progressed" if recurred else "0:DiseaseFree"
        row["DFS_MONTHS"] = f"{max(0, dfs.plausible) / DAYS_PER_MONTH:.2f}"
    if case.patient.sex:
        row["SEX"] = case.patient.sex.capitalize()
    if case.patient.age is not None and not age_when(case):
        # (cBioPortal reads AGE as the age at diagnosis: an age the case gives at a later
        # event, 35 at a relapse 21 years on, is not exported as one)
        row["AGE"] = str(case.patient.age.years)
    return row


def _tsv(header: Sequence[str], rows: Iterable[dict[str, str]]) -> str:
    def clean(value: str) -> str:  # a tab or a line end inside a value would break the table
        return " ".join(value.split())

    lines = ["\t".join(header)]
    lines += ["\t".join(clean(r.get(c, "")) for c in header) for r in rows]
    return "\n".join(lines) + "\n"


def _meta(fields: Sequence[tuple[str, str]]) -> bytes:
    return "".join(f"{k}: {v}\n" for k, v in fields).encode("utf-8")


def cbioportal_files(checked_cases: Sequence[Checked], study: str) -> dict[str, bytes]:
    """The files of a cBioPortal study of these cases, by file name: meta_study.txt, the
    clinical patient file and its meta file, and for each event type with rows its timeline
    data file and meta file."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", study):
        raise ExportError(f"'{study}' cannot be a cBioPortal study id (letters, digits, _ . -)")
    files: dict[str, bytes] = {}
    files["meta_study.txt"] = _meta(
        (
            ("type_of_cancer", "mixed"),
            ("cancer_study_identifier", study),
            ("name", f"Case reports ({study})"),
            ("description", "Treatment timelines of published case reports"),
            ("short_name", study),
        )
    )
    patients = [patient_rows(c) for c in checked_cases]
    header = [
        "#" + "\t".join(display for _, display, _, _ in _PATIENT),
        "#" + "\t".join(desc for _, _, desc, _ in _PATIENT),
        "#" + "\t".join(kind for _, _, _, kind in _PATIENT),
        "#" + "\t".join("1" for _ in _PATIENT),
    ]
    files["data_clinical_patient.txt"] = (
        "\n".join(header) + "\n" + _tsv([c for c, *_ in _PATIENT], patients)
    ).encode("utf-8")
    files["meta_clinical_patient.txt"] = _meta(
        (
            ("cancer_study_identifier", study),
            ("genetic_alteration_type", "CLINICAL"),
            ("datatype", "PATIENT_ATTRIBUTES"),
            ("data_filename", "data_clinical_patient.txt"),
        )
    )
    by_type: dict[str, list[dict[str, str]]] = {k: [] for k in EVENT_TYPES}
    for checked in checked_cases:
        for kind, rows in timeline_rows(checked).items():
            by_type[kind].extend(rows)
    for kind, rows in by_type.items():
        if not rows:
            continue
        name = f"data_timeline_{kind.lower()}.txt"
        files[name] = _tsv(columns(kind), rows).encode("utf-8")
        files[f"meta_timeline_{kind.lower()}.txt"] = _meta(
            (
                ("cancer_study_identifier", study),
                ("genetic_alteration_type", "CLINICAL"),
                ("datatype", "TIMELINE"),
                ("data_filename", name),
            )
        )
    return files


# ---------------------------------------------------------------------------------------
# import


#: the clinical patient file of a study folder (cBioPortal's name for it)
PATIENT_FILE = "data_clinical_patient.txt"


def _is_patient_file(path: str) -> bool:
    return os.path.basename(path).startswith("data_clinical_patient")


def _read_table(
    path: str, what: str, needed: Sequence[str]
) -> list[tuple[int, dict[str, str]]] | None:
    """The rows of a tab-separated cBioPortal file, each with its line (``#`` lines skipped; the
    first other line names the columns), or None when it has no header row; ImportError_ when
    it cannot be read, lacks a ``needed`` column or has a row longer than its header."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportError_(f"{path}:1: cannot read: {exc}") from exc
    lines = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip()]
    lines = [(n, ln) for n, ln in lines if not ln.startswith("#")]
    if not lines:
        return None
    n0, head = lines[0]
    header = head.split("\t")
    missing = [c for c in needed if c not in header]
    if missing:
        raise ImportError_(f"{path}:{n0}: not a {what}: no column {', '.join(missing)}")
    rows = []
    for n, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > len(header):
            raise ImportError_(
                f"{path}:{n}: {len(cells)} cells, but the header has {len(header)} columns"
            )
        rows.append((n, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))))
    return rows


def read_patients(paths: Iterable[str]) -> dict[str, dict[str, str]]:
    """The clinical patient rows (by PATIENT_ID) of the patient files among ``paths``: a
    folder's ``data_clinical_patient.txt`` if it has one, or a file so named. The four ``#``
    header lines cBioPortal puts before the column names are skipped."""
    files = []
    for path in paths:
        if os.path.isdir(path):
            if os.path.isfile(candidate := os.path.join(path, PATIENT_FILE)):
                files.append(candidate)
        elif _is_patient_file(path):
            files.append(path)
    out: dict[str, dict[str, str]] = {}
    for path in files:
        table = _read_table(path, "clinical patient file", ("PATIENT_ID",))
        if table is not None:
            for _n, row in table:
                out[row["PATIENT_ID"]] = row
    return out


def _patient(row: dict[str, str] | None) -> dict[str, object] | None:
    """The case's ``patient`` mapping from a clinical patient row: the sex (female, male,
    other or unknown, as the export writes them) and a whole age in years, when the file gives
    them; other values are not guessed at."""
    if row is None:
        return None
    out: dict[str, object] = {}
    sex = row.get("SEX", "").strip().lower()
    if sex in ("female", "male", "other", "unknown"):
        out["sex"] = sex
    age = row.get("AGE", "").strip()
    if re.fullmatch(r"\d{1,3}", age):
        out["age"] = {"years": int(age), "note": "as the clinical patient file gives it"}
    return out or None


def read_timeline(paths: Iterable[str]) -> list[tuple[str, int, dict[str, str]]]:
    """The rows of timeline data files, each with its file and line; a folder stands for its
    data_timeline_*.txt files (a clinical patient file among ``paths`` is left to
    :func:`read_patients`)."""
    files: list[str] = []
    for path in paths:
        if not os.path.isdir(path) and _is_patient_file(path):
            continue
        if os.path.isdir(path):
            found = sorted(
                os.path.join(path, n)
                for n in os.listdir(path)
                if n.startswith("data_timeline") and n.endswith((".txt", ".tsv"))
            )
            if not found:
                raise ImportError_(f"{path}: no data_timeline_*.txt file in this folder")
            files += found
        else:
            files.append(path)
    out = []
    for path in files:
        table = _read_table(path, "cBioPortal timeline file", _HEAD)
        if table is None:
            raise ImportError_(f"{path}:1: empty: no header row")
        for n, row in table:
            for key in ("START_DATE", "STOP_DATE"):
                value = row.get(key, "").strip()
                if value and not re.fullmatch(r"-?\d+", value):
                    raise ImportError_(f"{path}:{n}: {key} '{value}' is not a whole number of days")
            if not row.get("START_DATE", "").strip():
                raise ImportError_(f"{path}:{n}: START_DATE is empty")
            if not re.fullmatch(r"[A-Za-z][\w-]*", row["PATIENT_ID"], flags=re.ASCII):
                raise ImportError_(
                    f"{path}:{n}: PATIENT_ID '{row['PATIENT_ID']}' cannot be a case id"
                    " (letters, digits, '-' and '_', starting with a letter)"
                )
            out.append((path, n, row))
    return out


def _note(ev: dict[str, object], row: dict[str, str]) -> None:
    note = _window_note(row)
    if note:
        ev["note"] = note


def _date(days: str) -> dict[str, str]:
    return {"from": "diagnosis", "offset": f"{int(days)} days"}


def _window_note(row: dict[str, str]) -> str | None:
    """The window of an uncertain date, which an imported case gives as its plausible day."""
    parts = []
    for what, lo, hi in (("start", *_WINDOW[:2]), ("stop", *_WINDOW[2:])):
        a, b = row.get(lo, "").strip(), row.get(hi, "").strip()
        day = row.get("START_DATE" if what == "start" else "STOP_DATE", "").strip()
        if (a or b) and not a == b == day:
            parts.append(f"{what} between day {a or '?'} and day {b or '?'}")
    if not parts:
        return None
    return "Uncertain in the exported source: " + "; ".join(parts) + " from the diagnosis."


def _sites(text: str) -> list[str]:
    return [s.strip() for s in text.split(";") if s.strip()]


def _case(
    patient: str,
    rows: list[tuple[str, int, dict[str, str]]],
    clinical: dict[str, str] | None = None,
) -> dict[str, object]:
    catalogue = default_catalogue()
    events: list[dict[str, object]] = []
    declared: dict[str, dict[str, str]] = {}
    used: set[str] = set()

    def ident(wanted: str, fallback: str) -> str:
        base = wanted if re.fullmatch(r"[A-Za-z][\w.-]*", wanted or "") else fallback
        name, k = base, 1
        while name in used or name == "diagnosis":
            k += 1
            name = f"{base}-{k}"
        used.add(name)
        return name

    regimens: dict[str, dict[str, object]] = {}
    for path, n, row in rows:
        kind = row.get("EVENT_TYPE", "").upper()
        event_id = row.get("EVENT_ID", "")
        start = row["START_DATE"].strip()
        stop = row.get("STOP_DATE", "").strip()
        where = f"{os.path.basename(path)} line {n}"
        if kind == "TREATMENT" and row.get("TREATMENT_TYPE") == _RADIATION:
            ev: dict[str, object] = {"id": ident(event_id, f"radiotherapy-{n}")}
            ev.update(type="radiotherapy", start=_date(start))
            if stop:
                ev["end"] = _date(stop)
            for key, col in (("site", "SITE"), ("dose", "AGENT"), ("intent", "INTENT")):
                if row.get(col):
                    ev[key] = row[col]
            if row.get("FRACTIONS", "").isdigit():
                ev["fractions"] = int(row["FRACTIONS"])
            # (a SUBTYPE other than the plain "Radiotherapy" is the course's technique)
            technique = row.get("SUBTYPE", "").strip()
            if technique and technique != "Radiotherapy":
                ev["technique"] = technique
            _note(ev, row)
            events.append(ev)
        elif kind == "TREATMENT" and row.get("TREATMENT_TYPE") == _TRANSPLANT:
            ev = {"id": ident(event_id, f"transplant-{n}")}
            donor = row.get("SUBTYPE", "").strip().lower()
            ev.update(type="transplant", date=_date(start), donor=donor or "unknown")
            agents = [a.strip() for a in row.get("AGENT", "").split(" + ") if a.strip()]
            if agents:
                ev["conditioning"] = agents
            _note(ev, row)
            events.append(ev)
        elif kind == "TREATMENT":
            agent = row.get("AGENT", "").strip()
            if not agent:
                raise ImportError_(f"{path}:{n}: a TREATMENT row without AGENT")
            if catalogue.agent(agent) is None and agent not in declared:
                declared[agent] = {
                    "name": agent,
                    "class": _CLASSES.get(row.get("SUBTYPE", ""), "other"),
                }
                if row.get("AGENT_CLASS"):
                    declared[agent]["subclass"] = row["AGENT_CLASS"]
            key = row.get("REGIMEN") or f"regimen-{n}"
            reg = regimens.get(key)
            if reg is None:
                reg = {
                    "id": ident(key, f"regimen-{n}"),
                    "type": "regimen",
                    # (a numbered line is therapy for advanced disease; a row with neither
                    # says nothing of what it was given for)
                    "intent": row.get("INTENT")
                    or ("advanced" if row.get("LINE", "").isdigit() else "unknown"),
                    "_rows": [],
                }
                if row.get("REGIMEN_NAME"):
                    reg["name"] = row["REGIMEN_NAME"]
                if row.get("LINE", "").isdigit():
                    reg["_line"] = int(row["LINE"])
                regimens[key] = reg
                events.append(reg)
            reg["_rows"].append((row, start, stop))  # type: ignore[attr-defined]
        elif kind == "STATUS":
            what = row.get("EVENT_KIND") or row.get("STATUS", "").lower()
            ev = {"id": ident(event_id, f"{_slug(what)}-{n}")}
            if what in ("recurrence", "progression"):
                ev.update(type=what, date=_date(start))
                if row.get("SITES"):
                    ev["sites"] = _sites(row["SITES"])
                if row.get("SOURCE"):
                    ev["method"] = row["SOURCE"]
                detail = row.get("DETAIL", "").strip()
                if detail.startswith("histology: ") and detail[11:].strip():
                    ev["histology"] = detail[11:].strip()
            elif what == "death":
                ev.update(type="death", date=_date(start))
                if row.get("DETAIL"):
                    ev["cause"] = row["DETAIL"]
            elif what == "follow-up":
                ev.update(
                    type="follow-up", date=_date(start), status=row.get("DETAIL") or "unknown"
                )
            else:  # a response, in RECIST words or the authors' own
                status = row.get("STATUS", "").strip()
                if not status:
                    raise ImportError_(f"{path}:{n}: a STATUS row without STATUS")
                category = (
                    status.upper()
                    if status.upper() in ("CR", "PR", "SD", "PD", "NE", "NR")
                    else "unknown"
                )
                ev.update(type="response", date=_date(start), category=category)
                term = row.get("DETAIL") if category != "unknown" else status
                if term:
                    ev["authors_term"] = term
                if row.get("SITES"):
                    ev["sites"] = _sites(row["SITES"])
                if row.get("SOURCE"):
                    ev["method"] = row["SOURCE"]
            _note(ev, row)
            events.append(ev)
        elif kind == "LAB_TEST":
            ev = {"id": ident(event_id, f"lab-{n}"), "type": "biomarker", "date": _date(start)}
            ev["name"] = row.get("TEST") or "unnamed test"
            result = row.get("RESULT", "").strip()
            if result.lower() in _RECEPTOR_RESULTS:
                ev["result"] = result
            else:
                ev["value"] = result or "not given"
            if row.get("UNIT"):
                ev["unit"] = row["UNIT"]
            _note(ev, row)
            events.append(ev)
        elif kind == "IMAGING":
            ev = {"id": ident(event_id, f"imaging-{n}"), "type": "imaging", "date": _date(start)}
            if row.get("DIAGNOSTIC_TYPE"):
                ev["method"] = row["DIAGNOSTIC_TYPE"]
            if row.get("RESULT"):
                ev["findings"] = row["RESULT"]
            if row.get("SITES"):
                ev["sites"] = _sites(row["SITES"])
            _note(ev, row)
            events.append(ev)
        elif kind == "SURGERY":
            ev = {"id": ident(event_id, f"surgery-{n}"), "type": "surgery", "date": _date(start)}
            for key, col in (("procedure", "PROCEDURE"), ("site", "SITE")):
                if row.get(col):
                    ev[key] = row[col]
            ev["curative"] = {"yes": True, "no": False}.get(row.get("CURATIVE", ""), "unknown")
            _note(ev, row)
            events.append(ev)
        else:
            raise ImportError_(
                f"{path}:{n}: EVENT_TYPE '{kind}' ({where}) is not one this import reads"
                f" ({', '.join(EVENT_TYPES)})"
            )
    for reg in regimens.values():
        got: list[tuple[dict[str, str], str, str]] = reg.pop("_rows")  # type: ignore[assignment]
        starts = [int(s) for _, s, _ in got]
        stops = [int(s) for _, _, s in got if s]
        reasons = {r.get("REGIMEN_END_REASON", "") for r, _, _ in got}
        reg_start = min(starts)
        reg["start"] = _date(str(reg_start))
        # (the regimen ends only when every agent's row gives a stop: an agent exported with
        # none is one whose end the case does not report, and so is the regimen's; androgen
        # deprivation beside a bicalutamide stopped at day 227 came back ended that day)
        reg_stop = max(stops) if stops and len(stops) == len(got) else None
        ongoing = "ongoing" in reasons
        if reg_stop is not None and not ongoing:
            reg["end"] = _date(str(reg_stop))
        reg_reason = next(iter(reasons - {""}), None)
        if reg_reason:
            reg["end_reason"] = reg_reason
        exposures = []
        for row, s, e in got:
            exp: dict[str, object] = {"agent": row["AGENT"]}
            # an exposure's own id (a key with a dot is the regimen's, made again on reading)
            if re.fullmatch(r"[A-Za-z][\w-]*", row.get("EVENT_ID", "")):
                exp["id"] = row["EVENT_ID"]
            if row.get("DOSE"):
                exp["dose"] = row["DOSE"]
            if int(s) != reg_start:
                exp["start"] = _date(s)
            own_reason = row.get("END_REASON") and row["END_REASON"] != reg_reason
            if e and (int(e) != reg_stop or own_reason):
                exp["end"] = _date(e)
                if own_reason:
                    exp["end_reason"] = row["END_REASON"]
            exposures.append(exp)
        reg["exposures"] = exposures
        notes = dict.fromkeys(text for r, _, _ in got if (text := _window_note(r)))
        if notes:
            reg["note"] = " ".join(notes)
    # in order of day (the state machine reads events in order where the windows are open,
    # as they are here: the diagnosis has no date); on one day, treatment before assessments
    rank = {"surgery": 0, "regimen": 1, "radiotherapy": 1, "imaging": 2, "biomarker": 3}
    rank |= {"death": 9, "follow-up": 8}

    def day(ev: dict[str, object]) -> int:
        when = ev.get("date") or ev.get("start")
        return int(str(when["offset"]).split()[0])  # type: ignore[index]

    def place(ev: dict[str, object]) -> int:
        # a response found on the specimen (method: pathology) assesses the therapy before the
        # operation of its day: it comes first (a pCR after the operation's NED broke T001)
        if ev["type"] == "response" and "patholog" in str(ev.get("method", "")).lower():
            return -1
        return rank.get(str(ev["type"]), 5)

    events.sort(key=lambda ev: (day(ev), place(ev)))
    # lines of therapy are numbered in file order where dates have no calendar: the regimens
    # keep their places among the events, but take them in the order of their LINE
    slots = [i for i, ev in enumerate(events) if ev.get("_line") is not None]
    numbered = sorted((events[i] for i in slots), key=lambda ev: ev["_line"])  # type: ignore[arg-type,return-value]
    for i, ev in zip(slots, numbered, strict=True):
        events[i] = ev
    # the lines before the first one the files give (a LINE that starts above 1), or lines
    # given with no LINE at all: their number was not known exactly (prior_lines)
    numbers = [int(str(ev["_line"])) for ev in events if ev.get("_line") is not None]
    unnumbered = False
    for n, ev in enumerate(events):
        if not (
            ev.get("type") == "regimen"
            and ev.get("_line") is None
            and ev.get("intent") == "advanced"
        ):
            continue
        if not any(e.get("_line") is not None for e in events[:n]):
            unnumbered = True
            continue
        # a line after numbered ones, with no number of its own, is one after therapy the
        # source does not report ("L≥2" after a transplant, exported with no LINE): the
        # therapy before it says so, as the case it came from did (the first line lost its
        # number to prior_lines: unknown)
        before = next(
            (
                e
                for e in reversed(events[:n])
                if e.get("type") in ("regimen", "radiotherapy", "surgery")
            ),
            None,
        )
        if before is not None:
            before.setdefault("later_therapy", "not-reported")
    prior: object = "unknown" if unnumbered else (min(numbers) - 1 if numbers else 0)
    for ev in events:
        ev.pop("_line", None)
    case: dict[str, object] = {
        "format": 1,
        "id": patient,
        "title": f"{patient}, imported from cBioPortal timeline files",
        "source": {
            "note": "Imported from cBioPortal timeline data; days count from the diagnosis."
        },
    }
    person = _patient(clinical)
    if person is not None:
        case["patient"] = person
    case |= {
        "diagnosis": {
            "date": "unknown",
            "note": "The timeline files give days from the diagnosis, not its date.",
        },
    }
    if prior:
        case["prior_lines"] = prior
    if declared:
        case["agents"] = list(declared.values())
    case["events"] = events
    return case


def import_timeline(paths: Iterable[str]) -> dict[str, str]:
    """Case files (YAML text by case id) from cBioPortal timeline files: one case per
    PATIENT_ID, every date ``{from: diagnosis, offset: N days}``, with the patient's sex and age
    from the clinical patient file when there is one (ImportError_ on a file that cannot be
    read)."""
    paths = list(paths)
    clinical = read_patients(paths)
    by_patient: dict[str, list[tuple[str, int, dict[str, str]]]] = {}
    for path, n, row in read_timeline(paths):
        by_patient.setdefault(row["PATIENT_ID"], []).append((path, n, row))
    out = {}
    for patient, rows in by_patient.items():
        data = _case(patient, rows, clinical.get(patient))
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        out[patient] = "# Imported from cBioPortal timeline files by 'timeline import'.\n" + text
    return out
