"""A readable summary of a checked case (``timeline show``), as text or as JSON data."""

from __future__ import annotations

from typing import Any

from timeline.chronology import Bounds
from timeline.model import (
    Case,
    Death,
    DiseaseEvent,
    FollowUp,
    Radiotherapy,
    Resistance,
    Response,
    Surgery,
    Toxicity,
)
from timeline.schedule import Planned, when_text
from timeline.validate import Checked

__all__ = ["patient_line", "summary_data", "summary_text", "when_text"]


def patient_line(case: Case) -> str:
    p, d = case.patient, case.diagnosis
    bits = []
    if p.age is not None:
        bits.append(f"{p.age.years}-year-old")
    if p.menopause and p.menopause != "unknown":
        bits.append(p.menopause)
    if p.sex:
        bits.append("woman" if p.sex == "female" else "man" if p.sex == "male" else p.sex)
    first = " ".join(bits) or "patient"
    disease = ", ".join(
        x
        for x in (
            " ".join(x for x in (d.laterality, d.site) if x and x != "not-applicable"),
            d.histology,
            str(d.tnm) if d.tnm else None,
            d.receptor_summary(),
        )
        if x
    )
    return f"{first}; {disease}" if disease else first


def _b(bounds: Bounds | None, planned: Planned | None = None) -> dict[str, Any] | None:
    """A date as data: its window, its plausible day on the schedule, and the text shown."""
    if bounds is None:
        return None
    return {
        "earliest": str(bounds.earliest) if bounds.earliest else None,
        "latest": str(bounds.latest) if bounds.latest else None,
        "plausible": None if planned is None else str(planned.date),
        "text": when_text(bounds, planned),
    }


def summary_data(checked: Checked) -> dict[str, Any]:
    case, ch, plan = checked.case, checked.chrono, checked.schedule
    data: dict[str, Any] = {
        "path": checked.path,
        "problems": [p.as_dict() for p in checked.problems],
        "acknowledged": [p.as_dict() | {"reason": ack.reason} for p, ack in checked.acknowledged],
    }
    if case is None or ch is None or plan is None:
        return data
    data.update(
        id=case.id,
        title=case.title,
        patient=patient_line(case),
        diagnosis=_b(ch.diagnosis(), plan.diagnosis()),
        relative_dates=plan.relative,
        lines=[
            {
                "number": ln.number,
                "label": ln.label,
                "intent": ln.regimen.intent,
                "regimen": ln.regimen.id,
                "name": ln.regimen.name,
                "agents": list(ln.regimen.agent_names()),
                "start": _b(ln.start, plan.start(ln.regimen)),
                "end": None if ln.regimen.ongoing else _b(ln.end, plan.end(ln.regimen)),
                "ongoing": ln.regimen.ongoing,
                "end_reason": ln.regimen.end_reason,
                "changed_because": list(ln.ended_by),
            }
            for ln in checked.lines
        ],
        intervals=[i.as_dict() | {"text": i.text()} for i in checked.intervals],
        course=[
            {"event": e.id, "type": e.kind, "date": _b(ch.start(e), plan.start(e)), "text": line}
            for e in case.events
            if (line := _course_line(e))
        ],
        states=[
            {
                "event": s.event.id,
                "trigger": s.trigger,
                "from": s.before,
                "to": s.after,
                "allowed": s.allowed,
            }
            for s in checked.steps
        ],
        resistance=[
            {
                "id": e.id,
                "to": e.target,
                "kind": e.resistance,
                "date": _b(ch.start(e), plan.start(e)),
            }
            for e in case.events
            if isinstance(e, Resistance)
        ],
    )
    return data


def summary_text(checked: Checked) -> str:
    case, ch, plan = checked.case, checked.chrono, checked.schedule
    out: list[str] = []
    if case is None or ch is None or plan is None:
        out.append(f"{checked.path}: the case could not be read")
    else:
        out.append(f"{case.id}: {case.title or '(untitled)'}")
        out.append(f"  patient    {patient_line(case)}")
        out.append(f"  diagnosis  {when_text(ch.diagnosis(), plan.diagnosis())}")
        if plan.relative:
            out.append("  (no date of the case is on the calendar: dates are relative)")
        out.append("")
        out.append("  Treatment")
        width = max((len(ln.label) for ln in checked.lines), default=0)
        for ln in checked.lines:
            reg = ln.regimen
            end = (
                f"ongoing at {when_text(ch.end(reg), plan.end(reg))}"
                if reg.ongoing
                else when_text(ln.end, plan.end(reg))
            )
            start = when_text(ln.start, plan.start(reg))
            why = f"  → changed: {', '.join(ln.ended_by)}" if ln.ended_by else ""
            out.append(f"  {ln.label:<{width}}  {reg.title()}  [{start} → {end}]{why}")
        for local in case.events:
            if isinstance(local, Surgery):
                what = local.procedure or "surgery"
            elif isinstance(local, Radiotherapy):
                what = " ".join(str(x) for x in ("radiotherapy", local.site, local.dose) if x)
            else:
                continue
            out.append(
                f"  {'local':<{width}}  {what}  [{when_text(ch.start(local), plan.start(local))}]"
            )
        out.append("")
        out.append("  Course")

        def order(e: Any) -> tuple[int, int]:
            found = plan.start(e)
            return (found.day if found is not None else 0, e.index)

        course = [
            (when_text(ch.start(e), plan.start(e)), line)
            for e in sorted(case.events, key=order)
            if (line := _course_line(e))
        ]
        column = max((len(w) for w, _ in course), default=0)
        out.extend(f"  {w:<{column}}  {line}" for w, line in course)
        out.append("")
        out.append("  Intervals")
        for i in checked.intervals:
            out.append(f"  {i.name:<14} {i.text()}")
    out.append("")
    if checked.acknowledged:
        out.append(f"  Acknowledged ({len(checked.acknowledged)})")
        for problem, ack in checked.acknowledged:
            out.append(f"  {problem.format()}")
            out.append(f"      acknowledged: {ack.reason}")
        out.append("")
    if checked.problems:
        n_err = len(checked.errors)
        n_warn = len(checked.problems) - n_err
        out.append(
            f"  Problems ({n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)})"
        )
        out.extend(f"  {p.format()}" for p in checked.problems)
    else:
        out.append("  No problems.")
    return "\n".join(out)


_STATUS = {
    "alive-ned": "alive, no evidence of disease",
    "alive-with-disease": "alive with disease",
    "alive": "alive",
    "lost-to-follow-up": "lost to follow-up",
}


def _course_line(e: object) -> str | None:
    if isinstance(e, DiseaseEvent):
        sites = ", ".join((*e.sites, *(f"{s} (new)" for s in e.new_sites)))
        return f"{e.type}: {sites}" if sites else e.type
    if isinstance(e, Response):
        extra = "; ".join(
            x
            for x in (
                ", ".join(str(m) for m in e.markers),
                e.authors_term and f'"{e.authors_term}"',
            )
            if x
        )
        return f"response {e.category}" + (f" ({extra})" if extra else "")
    if isinstance(e, Resistance):
        return f"resistance to {e.target} ({e.resistance})"
    if isinstance(e, Toxicity):
        return f"toxicity: {e.term}" + (f" grade {e.grade}" if e.grade else "")
    if isinstance(e, FollowUp):
        return f"last follow-up: {_STATUS.get(e.status, e.status)}"
    if isinstance(e, Death):
        return "death" + (f" ({e.cause})" if e.cause else "")
    return None
