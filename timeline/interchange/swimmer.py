"""The swimmer-plot table: one row per bar or event of a case, for R (swimplot, ggswim) or
pandas and plotly. Every row gives the plausible day and the window it was chosen from, as
calendar dates and as days from the diagnosis."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from timeline.interchange.common import When, export_points, when_end, when_point, when_start
from timeline.model import (
    BiomarkerTest,
    Complication,
    Death,
    Declined,
    DiseaseEvent,
    Event,
    FollowUp,
    Imaging,
    MenopauseChange,
    Performance,
    Pregnancy,
    Radiotherapy,
    Regimen,
    Resistance,
    Response,
    SecondPrimary,
    Surgery,
    Toxicity,
    Transplant,
)
from timeline.queries import inferred_dates, point_key
from timeline.validate import Checked

__all__ = ["COLUMNS", "swimmer_csv", "swimmer_rows"]

#: the columns, in order (docs/interchange.md describes each)
COLUMNS = (
    "case",
    "lane",
    "label",
    "kind",
    "event",
    "start",
    "end",
    "start_day",
    "end_day",
    "start_earliest",
    "start_latest",
    "end_earliest",
    "end_latest",
    "start_day_earliest",
    "start_day_latest",
    "end_day_earliest",
    "end_day_latest",
    "uncertain",
    "inferred",
    "ongoing",
    "line",
    "intent",
    "agents",
    "category",
    "end_reason",
)


def _lane_label(e: Event, line: str) -> tuple[str, str]:
    if isinstance(e, Regimen):
        agents = " + ".join(e.agent_names())
        lane = e.intent if e.intent in ("supportive", "locoregional") else "therapy"
        return lane, " ".join(x for x in (line, e.name or agents) if x)
    if isinstance(e, Radiotherapy):
        return "radiotherapy", e.words()
    if isinstance(e, Surgery):
        return "surgery", e.procedure or e.site or "surgery"
    if isinstance(e, Transplant):
        return "transplant", e.words()
    if isinstance(e, Response):
        return "response", e.category if e.category != "unknown" else (e.authors_term or "?")
    if isinstance(e, DiseaseEvent):
        return "disease", e.type
    if isinstance(e, Resistance):
        return "resistance", f"{e.resistance_kind} resistance to {e.target}{e.mechanism_words}"
    if isinstance(e, Toxicity):
        return "toxicity", e.term + (f" (grade {e.grade})" if e.grade else "")
    if isinstance(e, BiomarkerTest):
        return "biomarker", e.biomarker.text()
    if isinstance(e, Imaging):
        return "imaging", e.method or "imaging"
    if isinstance(e, Death):
        return "outcome", "death"
    if isinstance(e, FollowUp):
        return "outcome", f"last follow-up: {e.status}"
    if isinstance(e, Performance):
        return "patient", f"{e.scale} {e.score}"
    if isinstance(e, MenopauseChange):
        return "patient", e.status
    if isinstance(e, Complication):
        return "complication", e.term
    if isinstance(e, Declined):
        return "declined", e.treatment
    if isinstance(e, Pregnancy):
        return "pregnancy", e.words()
    if isinstance(e, SecondPrimary):
        return "second-primary", e.words()
    return e.kind, e.id


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


def _point_columns(prefix: str, w: When | None) -> dict[str, str]:
    if w is None:
        return {}
    return {
        prefix: w.date or "",
        f"{prefix}_day": str(w.offset),
        f"{prefix}_earliest": w.earliest or "",
        f"{prefix}_latest": w.latest or "",
        f"{prefix}_day_earliest": _num(w.lo_offset),
        f"{prefix}_day_latest": _num(w.hi_offset),
    }


def swimmer_rows(checked: Checked) -> list[dict[str, str]]:
    """The rows of one case: its bars (regimens, radiotherapy, toxicities with an end) and its
    events, in the case's order."""
    export_points(checked)
    case = checked.case
    assert case is not None
    lines = {ln.regimen.id: ln for ln in checked.lines}
    assert checked.chrono is not None
    canonical = checked.chrono.canonical
    plan = checked.schedule
    inferred = inferred_dates(
        case,
        canonical,
        plan is not None and plan.relative,
        plan.anchor if plan is not None else None,
    )
    rows = []
    for e in case.events:
        line = lines.get(e.id) if isinstance(e, Regimen) else None
        label_line = line.label if line is not None and line.number is not None else ""
        lane, label = _lane_label(e, label_line)
        start = when_start(checked, e)
        end = when_end(checked, e) if e.is_span else None
        if end is None and isinstance(e, Regimen) and e.ongoing:
            # still given at the last follow-up: a bar to it (`ongoing` says it goes on), as
            # the cBioPortal timeline has it; with no end it read as a mark
            end = when_point(checked, f"{e.id}.end")
        if isinstance(e, Toxicity) and e.end_date is not None:  # a toxicity that lasted
            end = when_point(checked, f"{e.id}.end")
        row = dict.fromkeys(COLUMNS, "")
        row.update(case=case.id, lane=lane, label=label, kind=e.kind, event=e.id)
        row.update(_point_columns("start", start))
        row.update(_point_columns("end", end))
        # (an event with no day at all, "{at: unknown}" that nothing bounds, is uncertain too)
        row["uncertain"] = str(
            start is None or any(w is not None and w.uncertain for w in (start, end))
        ).lower()
        # which of its dates the file infers (its reasons are in the file and in show's JSON)
        row["inferred"] = "+".join(
            part
            for part in (("start", "end") if e.is_span else ("start",))
            if canonical(point_key(e, part)) in inferred
        )
        if isinstance(e, Regimen):
            row["ongoing"] = str(e.ongoing).lower()
            row["line"] = (
                "" if line is None or line.known_number is None else str(line.known_number)
            )
            row["intent"] = e.intent
            row["agents"] = "+".join(e.agent_names())
            row["end_reason"] = e.end_reason or ""
        elif isinstance(e, Response):
            row["category"] = e.category
        elif isinstance(e, Radiotherapy):
            row["intent"] = e.intent or ""
        rows.append(row)
    return rows


def swimmer_csv(checked_cases: Iterable[Checked]) -> bytes:
    """The table of every case given, as CSV (UTF-8, a header row, ``\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for checked in checked_cases:
        writer.writerows(swimmer_rows(checked))
    return out.getvalue().encode("utf-8")
