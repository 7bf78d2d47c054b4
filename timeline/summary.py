"""A readable summary of a checked case (``timeline show``), as text or as JSON data."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from timeline.chronology import (
    NEG,
    POS,
    WIDE_WINDOW_DAYS,
    Bounds,
    Chronology,
    dose_change_key,
    point_key,
    resolve_as_stated,
)
from timeline.cycles import paused
from timeline.dates import DAYS_PER_MONTH
from timeline.lines import cycles_text, regimen_summary
from timeline.model import (
    NO_PRIOR_LINES,
    Biomarker,
    BiomarkerTest,
    Case,
    Complication,
    Death,
    Declined,
    DiseaseEvent,
    Event,
    Exposure,
    FollowUp,
    Imaging,
    Lesion,
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
from timeline.points import OPEN_HI, OPEN_LO
from timeline.problems import inert
from timeline.queries import INFERRED, date_specs, inferred_dates, test_words
from timeline.schedule import (
    NOT_GIVEN,
    REFERENCE_DAY,
    Planned,
    Schedule,
    anchor_name,
    at_text,
    end_by_order,
    fraction_words,
    length_open,
    length_unstated,
    since,
    stated_distance,
    when_text,
    window_text,
)
from timeline.trials import Arm
from timeline.validate import Checked
from timeline.wording import (
    STATUS_WORDS,
    death_cause,
    found_by,
    p_text,
    patient_line,
    quoted,
    toxicity_text,
)

if TYPE_CHECKING:
    from timeline.evidence import Match

__all__ = [
    "diagnosis_words",
    "event_words",
    "rests_on_inference",
    "show_text",
    "summary_data",
    "summary_text",
    "when_text",
]


def diagnosis_words(checked: Checked, when: str) -> str:
    """The diagnosis's date ``when`` (as :func:`when_text` says it) as `show` and a deck's title
    say it: a diagnosis written `unknown` that a case without calendar dates counts from is
    "not dated (month 0, …)" ("diagnosis  month 0" read as a date the source gives)."""
    case, plan = checked.case, checked.schedule
    if (
        case is not None
        and plan is not None
        and case.diagnosis.date.kind == "unknown"
        and plan.relative
        and plan.anchor == "diagnosis"
    ):
        return f"not dated ({when}, the day the case's dates count from)"
    return when


#: after a therapy marked ``later_therapy: not-reported`` (the lines after it are "L≥")
_UNSAID = "  (what followed it is not reported)"


def _not_dated(window: str, said: str = "dated") -> str:
    """An end the case does not date (or report), with the window it lies in when that says
    more than its order ("end not dated (from month 0.2)")."""
    return f"end not {said}" if window == NOT_GIVEN else f"end not {said} ({window})"


def _days_later(span: tuple[int, int]) -> str:
    """ "0–28 days later", "1–3 months later": the bounds of a length in days the case gives,
    in days up to two months, else in whole months (rounded outwards)."""
    lo, hi = span
    if hi <= 61:
        return f"{lo}–{hi} days later" if lo != hi else f"{lo} days later"
    low, high = int(lo / DAYS_PER_MONTH), -int(-hi // DAYS_PER_MONTH)
    return f"{low}–{high} months later" if low != high else f"{low} months later"


def _length_unstated(ch: Chronology, item: Regimen | Radiotherapy, end: Planned | None) -> bool:
    """Whether the case leaves both the end of a therapy and its length open: the end's window
    is wider than a month, and its length open (:func:`~timeline.schedule.length_open`). The
    plausible day of such an end, when it is its start's, reads as no length at all."""
    return end is not None and end.window.hi - end.window.lo > 31 and length_open(ch, item)


def _drawn_on_its_start(plan: Schedule, reg: Regimen) -> bool:
    """Whether the plausible day of a regimen's end is that of its start."""
    start, end = plan.start(reg), plan.end(reg)
    return start is not None and end is not None and end.day <= start.day


def _b(
    bounds: Bounds | None,
    planned: Planned | None = None,
    inferred: str | None = None,
    undated: bool = False,
    note: str | None = None,
) -> dict[str, Any] | None:
    """A date as data: its window, its plausible day on the schedule, the text shown, and why
    the file infers it when it does (the curator's reading, not the source's words). In a
    case without calendar dates the plausible day and window are months from the event the
    case counts from (``month``, ``month_earliest``, ``month_latest``, to a tenth) and days
    from it (``day``, ``day_earliest``, ``day_latest``), and ``plausible`` is null: the
    schedule's reference day is no date. ``undated``: an end the text and the drawing give as
    not dated (:func:`~timeline.schedule.end_by_order`), whose plausible day, the middle of
    its window, is not given either."""
    if bounds is None:
        return None
    # a window open on a side: its plausible day is the schedule's choice, not the source's,
    # and is not given, as the text gives only the side it has (an irradiation known only to
    # precede a CAR T infusion was "day": 0, the infusion's own day)
    unplaced = undated or (
        planned is not None and (planned.window.lo <= NEG // 2 or planned.window.hi >= POS // 2)
    )
    relative = planned is not None and planned.relative_to is not None
    day: int | None = None
    day_lo: int | None = None
    day_hi: int | None = None
    if relative and planned is not None:
        w = planned.window
        day = planned.day - REFERENCE_DAY
        day_lo = None if w.lo <= NEG // 2 else w.lo - REFERENCE_DAY
        day_hi = None if w.hi >= POS // 2 else w.hi - REFERENCE_DAY

    def months(days: int | None) -> float | None:
        return None if days is None else round(days / DAYS_PER_MONTH, 1)

    return {
        "earliest": str(bounds.earliest) if bounds.earliest else None,
        "latest": str(bounds.latest) if bounds.latest else None,
        "plausible": None if planned is None or relative or unplaced else str(planned.date),
        "month": None if unplaced else months(day),
        "month_earliest": months(day_lo),
        "month_latest": months(day_hi),
        # (the same in whole days: a case told in days says "day 7", which 0.2 months is not)
        "day": None if unplaced else day,
        "day_earliest": day_lo,
        "day_latest": day_hi,
        "text": _not_dated(window_text(bounds, planned)) if undated else when_text(bounds, planned),
        "inferred": inferred,
        "note": note,
    }


def rests_on_inference(checked: Checked) -> Callable[[str, str], bool]:
    """Whether the length between two points rests on a date the file infers (said
    "(inferred)" by `show` and the deck): its range is not the one the dates as stated give
    (:meth:`Chronology.rests_on_inference`). Resolved once, and only for a case that infers a
    date."""
    ch = checked.chrono
    if checked.case is None or ch is None or not inferred_dates(checked.case, ch.canonical):
        return lambda _a, _b: False
    stated = resolve_as_stated(checked.case)
    return lambda a, b: ch.rests_on_inference(stated, a, b)


@paused
def summary_data(checked: Checked) -> dict[str, Any]:
    """The summary as JSON data (``timeline show --format json``; described by
    docs/show.schema.json)."""
    case, ch, plan = checked.case, checked.chrono, checked.schedule
    data: dict[str, Any] = {
        "path": checked.path,
        "problems": [p.as_dict() for p in checked.problems],
        "acknowledged": [p.as_dict() | {"reason": ack.reason} for p, ack in checked.acknowledged],
    }
    if case is None or ch is None or plan is None:
        return data
    held = inferred_dates(case, ch.canonical, plan.relative, plan.anchor)
    rests = rests_on_inference(checked)

    def inf(key: str) -> str | None:
        return held.get(ch.canonical(key))  # an exposure's start may be held as its regimen's

    # what the file says of a date (``note:`` on it), by the point's own key
    notes = {
        k: str(getattr(d, "note", None)) for k, d in date_specs(case) if getattr(d, "note", None)
    }

    def said(key: str) -> str | None:
        return notes.get(key)

    def when(item: Event | Exposure, part: str = "start", undated: bool = False) -> Any:
        """The start (or end) of an event or exposure as data (:func:`_b`)."""
        key = point_key(item, part)
        if part == "start":
            return _b(ch.start(item), plan.start(item), inf(key), undated, note=said(key))
        return _b(ch.end(item), plan.end(item), inf(key), undated, note=said(key))

    data.update(
        id=case.id,
        title=case.title,
        # (where the case comes from, with what finds it; null when the case gives none)
        source=case.source.reference() or None,
        patient=patient_line(case),
        # (the patient's medical history as the case gives it, or null: a diabetes before an
        # antibody-drug conjugate's hyperglycaemia was said nowhere)
        history=case.patient.history_text,
        # (a family history apart from it: a mother's and a sister's breast cancers, what a
        # hereditary syndrome was suspected on, had to be written as medical history)
        family_history=case.patient.family_history_text,
        # (as the case gives it, or null: written in a fifth of the cases, it was said nowhere)
        ethnicity=case.patient.ethnicity_text,
        diagnosis=_b(ch.diagnosis(), plan.diagnosis(), inf("diagnosis"), note=said("diagnosis")),
        relative_dates=plan.relative,
        # (what the months and days of a relative case count from, and which it is told in)
        counted_from=None
        if not plan.relative
        else {
            "point": plan.anchor,
            "text": anchor_name(ch, plan.anchor),
            "inferred": inf(plan.anchor) if plan.anchor else None,
            # (a coarsely dated case: the point whose calendar date is given only coarsely,
            # and that date, "2020"; null when no date of the case is on the calendar)
            "calendar": None
            if plan.coarse is None
            else {
                "point": plan.coarse[0],
                "text": anchor_name(ch, plan.coarse[0]),
                "date": plan.coarse[1].text(),
            },
        },
        told_in=None if not plan.relative else "days" if plan.in_days else "months",
        lines=[
            {
                "number": ln.known_number,
                "recorded_number": ln.number,
                "label": ln.label,
                "intent": ln.regimen.intent,
                "regimen": ln.regimen.id,
                "name": ln.regimen.name,
                "trial": ln.regimen.trial,
                "agents": list(ln.regimen.agent_names()),
                "summary": regimen_summary(ln.regimen, plan, None, held),
                "cycles": ln.regimen.cycles,
                "exposures": [
                    {
                        "key": x.key,
                        "agent": x.agent.name,
                        "class": x.agent.agent_class,
                        "dose": str(x.dose) if x.dose else None,
                        "schedule": x.schedule,
                        "route": x.route,
                        "cycles": x.cycles,
                        "start": when(x),
                        "end": when(x, "end", end_by_order(ch, plan, x, ln.regimen)),
                        "end_reported": x.end_reported(ln.regimen),
                        "end_reason": x.end_reason,
                    }
                    for x in ln.regimen.exposures
                ],
                "start": _b(
                    ln.start,
                    plan.start(ln.regimen),
                    inf(point_key(ln.regimen, "start")),
                    note=said(point_key(ln.regimen, "start")),
                ),
                "end": None
                if ln.regimen.ongoing
                else _b(
                    ln.end,
                    plan.end(ln.regimen),
                    inf(point_key(ln.regimen, "end")),
                    end_by_order(ch, plan, ln.regimen),
                    note=said(point_key(ln.regimen, "end")),
                ),
                "end_reported": ln.regimen.end_reported,
                "ongoing": ln.regimen.ongoing,
                "end_reason": ln.regimen.end_reason,
                "changed_because": list(ln.causes()),
                "later_therapy": ln.regimen.later_therapy,
            }
            for ln in checked.lines
        ],
        intervals=[
            i.as_dict()
            | {
                "text": i.text(),
                "inferred": rests(i.start_key, i.end_key),
            }
            for i in (checked.intervals if checked.ok else ())  # (as the text: none on errors)
        ],
        course=[
            {
                "event": e.id,
                "type": e.kind,
                "date": when(e),
                # (the end of what the course lists as a span: a pregnancy, a toxicity that
                # lasted)
                **({"end": when(e, "end")} if _course_span(e) else {}),
                # (with the distance it is stated from another event, as the text says it)
                "text": line + _stated_from(checked, e),
                **(
                    {
                        "mrd": {
                            "result": e.mrd.result,
                            "method": e.mrd.method,
                            "sensitivity": e.mrd.sensitivity,
                        }
                    }
                    if isinstance(e, Response) and e.mrd is not None
                    else {}
                ),
            }
            # (in the text's order: in the file's, a hold of June 2014 came before a stable
            # disease of February 2014)
            for e in sorted(case.events, key=plan.order)
            if (line := _course_line(e, case))
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
                "kind": e.resistance_kind,
                "mechanism": e.mechanism,
                "date": when(e),
            }
            for e in case.events
            if isinstance(e, Resistance)
        ],
        local=[
            {
                "id": e.id,
                "type": e.kind,
                "what": e.procedure if isinstance(e, Surgery) else e.site,
                "curative": e.curative if isinstance(e, Surgery) else None,
                "findings": e.findings if isinstance(e, Surgery) else None,
                "oncologic": e.oncologic if isinstance(e, Surgery) else True,
                "dose": str(e.dose) if isinstance(e, Radiotherapy) and e.dose else None,
                # (a radiotherapy's technique, fractions, laterality and intent, as the text
                # says them: "subtotal lymphoid irradiation … (bridging to CAR T cells)" was
                # only "what": "lymph nodes and bone marrow" here)
                "technique": e.technique if isinstance(e, Radiotherapy) else None,
                "fractions": e.fractions if isinstance(e, Radiotherapy) else None,
                "laterality": e.laterality,
                "intent": e.intent if isinstance(e, Radiotherapy) else None,
                "part_of": e.part_of if isinstance(e, Radiotherapy | Surgery) else None,
                "start": when(e),
                "end": when(e, "end")
                if isinstance(e, Radiotherapy) and e.end is not None
                else None,
                "later_therapy": e.later_therapy,
            }
            for e in case.events
            if isinstance(e, Surgery | Radiotherapy)
        ],
        transplants=[
            {
                "id": e.id,
                "donor": e.donor,
                "match": e.match,
                "graft": e.graft,
                "conditioning": list(e.conditioning),
                "status": e.status,
                "date": when(e),
                "later_therapy": e.later_therapy,
            }
            for e in case.events
            if isinstance(e, Transplant)
        ],
        biomarkers=[_biomarker(b, None, None, None) for b in case.diagnosis.biomarkers]
        + [
            _biomarker(
                e.biomarker,
                e.id,
                when(e),
                e.specimen,
            )
            for e in case.events
            if isinstance(e, BiomarkerTest)
        ],
        toxicities=[
            {
                "id": e.id,
                "term": e.term,
                "grade": e.grade,
                "agents": list(e.agents),
                "regimen": e.regimen,
                "radiotherapy": e.radiotherapy,
                "transplant": e.transplant,
                "attribution": e.attribution,
                "labs": [
                    {"name": x.name, "value": x.value, "unit": x.unit, "grade": x.grade}
                    for x in e.labs
                ],
                "action": e.action,
                "action_on": e.action_on,
                "treatment": e.treatment,
                "start": when(e),
                "end": when(e, "end") if e.end_date is not None else None,
            }
            for e in case.events
            if isinstance(e, Toxicity)
        ],
        dose_changes=[
            {
                "exposure": exp.key,
                "agent": exp.agent.name,
                "from": str(exp.dose) if exp.dose else None,
                "to": str(change.dose) if change.dose is not None else None,
                "change": change.change,
                "schedule": change.schedule,
                "reason": change.reason,
                "date": _b(
                    ch.bounds(dose_change_key(exp, n)),
                    plan.point(dose_change_key(exp, n)),
                    inf(dose_change_key(exp, n)),
                    note=said(dose_change_key(exp, n)),
                ),
            }
            for reg in case.regimens()
            for exp in reg.exposures
            for n, change in enumerate(exp.dose_changes, 1)
        ],
    )
    return data


def _biomarker(
    b: Biomarker, event: str | None, date: dict[str, Any] | None, specimen: str | None
) -> dict[str, Any]:
    return {
        "event": event,
        "name": b.name,
        "result": b.result,
        "reading": b.reading(),
        "value": b.value,
        "unit": b.unit,
        "scale": b.scale,
        "ish": b.ish,
        "method": b.method,
        "specimen": specimen,
        "date": date,
        "text": b.text(),
    }


@paused
def summary_text(checked: Checked) -> str:
    """The summary as text (``timeline show``): the patient, the treatment by line, the course,
    the intervals and the problems, with case text made safe to print."""
    case, ch, plan = checked.case, checked.chrono, checked.schedule
    out: list[str] = []
    if case is None or ch is None or plan is None:
        out.append(f"{checked.path}: the case could not be read")
    else:
        inferred = inferred_dates(case, ch.canonical, plan.relative, plan.anchor)

        def mark(key: str, text: str) -> str:
            return text + INFERRED if ch.canonical(key) in inferred else text

        out.append(f"{case.id}: {case.title or '(untitled)'}")
        if reference := case.source.reference():
            # (where the case comes from: a curator checking it, or a class, goes back to it)
            out.append(f"  source     {reference}")
        out.append(f"  patient    {patient_line(case)}")
        if case.patient.ethnicity_text:
            out.append(f"  ethnicity  {case.patient.ethnicity_text}")
        if case.patient.history_text:
            out.append(f"  history    {case.patient.history_text}")
        if case.patient.family_history_text:
            out.append(f"  family     {case.patient.family_history_text}")
        diagnosed = diagnosis_words(
            checked, mark("diagnosis", when_text(ch.diagnosis(), plan.diagnosis()))
        )
        out.append(f"  diagnosis  {diagnosed}")
        # every biomarker of the diagnosis (the heading names the breast receptors only: an
        # AML's defining FLT3 mutation was said nowhere)
        others = [b for b in case.diagnosis.biomarkers if not b.is_receptor]
        if others:
            out.append(f"  biomarkers {'; '.join(b.text() for b in others)}")
        prior = case.prior_lines
        if prior != NO_PRIOR_LINES:
            # lines the source mentions but does not detail: the first recorded is numbered
            # after them, "L≥3" when their number is not known exactly
            count = (
                f"{prior.least}"
                if prior.exact
                else f"at least {prior.least}"
                if prior.least
                # (`at_least: 0`: the source leaves open whether there were any; "a number not
                # given" read as some)
                else "not known whether any"
            )
            said = f" ({prior.note})" if prior.note else ""
            out.append(f"  earlier lines  {count}, none recorded in the file{said}")
        if plan.relative:
            # (a date may still be bounded on one side by the calendar: "before 2018-04-17",
            # the date the report was received)
            one_side = any(b.lo > OPEN_LO or b.hi < OPEN_HI for b in map(ch.bounds, plan.planned()))
            where = (
                "on the calendar, only bounded by it on one side" if one_side else "on the calendar"
            )
            # (an anchor whose date the file infers: the months of the case rest on it)
            anchor = mark(plan.anchor, anchor_name(ch, plan.anchor)) if plan.anchor else None
            # (a case told within about four months is said in days: "day 7")
            unit = "day" if plan.in_days else "month"
            coarse = plan.coarse_text()
            if coarse is not None and plan.coarse is not None and plan.coarse[0] == plan.anchor:
                # (a case dated only by a year, told in days from it: the year is said once,
                # and the course in the distances the source gives)
                out.append(
                    f"  ({coarse}; '{unit} N' counts from it, as the source tells the course)"
                )
            elif coarse is not None:
                out.append(
                    f"  ({coarse}; '{unit} N' counts from {anchor or anchor_name(ch, None)},"
                    " as the source tells the course)"
                )
            else:
                out.append(
                    f"  (no date of the case is {where}: '{unit} N' counts from"
                    f" {anchor or anchor_name(ch, None)})"
                )
        retests = [e for e in case.events if isinstance(e, BiomarkerTest)]
        if retests:
            # the receptors with their values, beside the tests (the others are said above:
            # said again here, an EGFR mutation was listed twice)
            receptors = [b for b in case.diagnosis.biomarkers if b.is_receptor]
            # ("none recorded" not said above a test the case dates on the diagnosis's day: a
            # PSA of 29.99 ng/mL written `date: diagnosis` was listed under it)
            at_diagnosis = any(
                ch.difference("diagnosis", point_key(e, "start")) == (0, 0) for e in retests
            )
            if receptors or not (case.diagnosis.biomarkers or at_diagnosis):
                out.append(
                    "  biomarkers at diagnosis: "
                    + (", ".join(b.text() for b in receptors) or "none recorded")
                )
            # a biomarker tested again is a re-test; one first tested during the course (ROS1
            # after EGFR, KRAS and ALK at the diagnosis; a KIT mutation when nothing was
            # recorded at the diagnosis) was said "re-test" as well
            tested = {b.name.casefold() for b in case.diagnosis.biomarkers}
            for e in sorted(retests, key=lambda e: ch.start(e).lo):  # (stable: file order)
                name = e.biomarker.name.casefold()
                word = "re-test" if name in tested else "test"
                tested.add(name)
                out.append(
                    f"  {word:<11}{mark(point_key(e, 'start'), when_text(ch.start(e), plan.start(e)))}:"
                    f" {test_words(case, e)}"
                )
        out.append("")
        out.append("  Treatment")
        width = max((len(ln.label) for ln in checked.lines), default=len("local"))
        width = max(width, len("local"))
        # (the last therapy stopped, nothing after it: "→ changed: other" read as a switch to
        # another therapy, of pembrolizumab put on hold in complete response)
        # (by the schedule's days: a line begun before the last start of a therapy that is
        # not supportive care is followed; one on that day, if another of that day comes
        # after it; read in one pass, a case of thousands of lines asks no pair)
        starts = [
            (p.day, ln)
            for ln in checked.lines
            if ln.regimen.intent != "supportive" and (p := plan.start(ln.regimen)) is not None
        ]
        last_day = max((d for d, _ln in starts), default=None)
        last = [ln for d, ln in starts if d == last_day]
        followed = {
            id(ln)
            for ln in checked.lines
            if last_day is not None
            and (
                ((p := plan.start(ln.regimen)) is not None and p.day < last_day)
                or any(
                    other is not ln
                    and ch.puts_after(
                        point_key(ln.regimen, "start"), point_key(other.regimen, "start")
                    )
                    for other in last
                )
            )
        }
        rows: list[tuple[Event, list[str]]] = []
        for ln in checked.lines:
            reg = ln.regimen
            if reg.ongoing:
                # (the last follow-up's day: inferred when it is, as the drawing stars it)
                end = mark(
                    point_key(reg, "end"),
                    f"ongoing at {at_text(when_text(ch.end(reg), plan.end(reg)))}",
                )
            elif not reg.end_reported:  # its day would be a guess: only the window is said
                said = "dated" if reg.end_undated else "reported"
                e_at, s_at = plan.end(reg), plan.start(reg)
                if (
                    e_at is not None
                    and s_at is not None
                    and e_at.window.hi >= POS // 2
                    and e_at.window.lo <= s_at.window.lo
                ):
                    # (a window that says only "after the start": "[≈ month 33 (24 to 42) → end
                    # not reported (from month 24)]" read as ending before it began)
                    end = _not_dated(NOT_GIVEN, said)
                else:
                    end = _not_dated(window_text(ln.end, e_at), said)
            elif end_by_order(ch, plan, reg):
                # (only by order, over years: its plausible day, the window's middle, is not
                # the source's, and the drawing draws the end as not dated)
                end = mark(point_key(reg, "end"), _not_dated(window_text(ln.end, plan.end(reg))))
            elif _drawn_on_its_start(plan, reg) and (
                length_unstated(ch, plan.end(reg), reg) or _length_unstated(ch, reg, plan.end(reg))
            ):
                # its plausible day, its start's, would read as no length at all: "≈ month
                # 216 → ≈ month 216" for a regimen whose length the case does not state
                end = mark(point_key(reg, "end"), _not_dated(window_text(ln.end, plan.end(reg))))
            else:
                said_end = when_text(ln.end, plan.end(reg))
                s_at, e_at = plan.start(reg), plan.end(reg)
                said_start = when_text(ln.start, s_at)
                if (
                    (
                        said_end.startswith(("from ", NOT_GIVEN))
                        and s_at is not None
                        and e_at is not None
                        and e_at.window.lo <= s_at.window.lo
                        and length_unstated(ch, e_at, reg)
                    )
                    or (
                        # "[by month 0 → by month 0]": both known only to come before a day, the
                        # length not stated either
                        said_end.startswith("by ")
                        and said_end == said_start
                        and ch.difference(point_key(reg, "start"), point_key(reg, "end")) is None
                    )
                    or (
                        # open on both sides, its length unstated: "≈ month 17 (window open)" was
                        # a day the schedule chose, said as if the source gave it
                        e_at is not None
                        and e_at.window.lo <= NEG // 2
                        and e_at.window.hi >= POS // 2
                        and length_open(ch, reg)
                    )
                ):
                    # an end known only to come after the start, at no stated length: "[from
                    # month 0 → from month 0]" read as a regimen of no length, and "[≈ month
                    # 3.1 (0 to 6.2) → from month 0]" as one that ended before it began
                    said_end = _not_dated(window_text(ln.end, e_at))
                end = mark(point_key(reg, "end"), said_end)
            start = mark(point_key(reg, "start"), when_text(ln.start, plan.start(reg)))
            verb = "changed" if id(ln) in followed else "stopped"
            causes = ", ".join(ln.causes())
            # (a course given in full is completed, not "changed: completed")
            why = (
                ""
                if not ln.ended_by
                else "  → completed"
                if causes == "completed"
                else f"  → {verb}: {causes}"
            )
            why += _UNSAID if reg.later_therapy == "not-reported" else ""
            # (the trial it was given in, as the source names it)
            trial = f" ({reg.trial_words})" if reg.trial_words else ""
            # (the cycles the source counts: "after 4 cycles of R-CHOP")
            cycles = f", {counted}" if (counted := cycles_text(reg)) else ""
            rows.append((reg, []))
            rows[-1][1].append(
                f"  {ln.label:<{width}}  {regimen_summary(reg, plan, None, inferred)}{trial}"
                f"{cycles}  [{start} → {end}]{why}"
            )
            for exp in reg.exposures:
                # (the dose and schedule given before each change: "1 g → 10 g; schedule
                # daily" of mitotane 1 g four times daily read as a tenfold rise, and a second
                # change was said from the first dose, not from the one it changed)
                dose, schedule = exp.dose, exp.schedule
                for n, change in enumerate(exp.dose_changes, 1):
                    key = dose_change_key(exp, n)
                    when = mark(key, when_text(ch.bounds(key), plan.point(key)))
                    reason = f" ({change.reason})" if change.reason else ""
                    paused = change.change in ("held", "resumed")
                    what = (
                        f"{dose or '?'} → {change.dose}"
                        if change.dose is not None and not paused
                        else change.text()
                    )
                    if change.dose is not None and change.schedule and not paused:
                        what = (
                            f"{dose or '?'} ({schedule}) → {change.dose} ({change.schedule})"
                            if schedule
                            else f"{what}; schedule {change.schedule}"
                        )
                    if not paused:
                        dose = change.dose if change.dose is not None else dose
                        schedule = change.schedule or schedule
                    # ("interruption: nivolumab held from May 2020", not a change of dose)
                    kind = "interruption" if paused else "dose change"
                    rows[-1][1].append(
                        f"  {'':<{width}}    {kind}: {exp.agent.name} {what} {since(when)}{reason}"
                    )
        for local in case.events:
            if isinstance(local, Surgery) and local.oncologic:
                what = local.procedure or "surgery"
                if local.findings:
                    # (what the operation found: "reactive and necrotic tissue only" of a
                    # re-resection for a recurrence by RANO, the report's point, was in no
                    # output but a tooltip)
                    what += f" (found: {local.findings})"
            elif isinstance(local, Radiotherapy):
                what = event_words(local)
                if local.fractions and local.end is not None and local.end.kind != "unknown":
                    # (with an end given, the fractions were said nowhere: "55 Gy in 20
                    # fractions" read "55 Gy")
                    n = local.fractions
                    what += f" in {n} fraction{'s' if n != 1 else ''}"
                what += f" ({local.intent})" if local.intent else ""
            elif isinstance(local, Transplant):
                what = local.text()
            else:
                continue
            if isinstance(local, Surgery | Radiotherapy) and local.part_of:
                planned_in = next(
                    (ln for ln in checked.lines if ln.regimen.id == local.part_of), None
                )
                if planned_in is not None:
                    # (planned as part of a line: it does not cut that line's PFS; a line
                    # with no number by its name: "part of intent unknown" read as the
                    # course's own intent)
                    reg = planned_in.regimen
                    named = reg.name or " + ".join(reg.agent_names())
                    part = planned_in.label if planned_in.number is not None else named
                    what += f", part of {part}"
            when = mark(point_key(local, "start"), when_text(ch.start(local), plan.start(local)))
            if (
                isinstance(local, Radiotherapy)
                and local.end is not None
                and local.end.kind == "unknown"
            ):
                # an end the case writes `unknown`: not reported, as a regimen's is said (its
                # plausible day read as a date: "→ ≈ 2015-03-16", a course of two weeks)
                said = (
                    fraction_words(local.fractions)
                    if local.fractions
                    else window_text(ch.end(local), plan.end(local))
                )
                when = f"{when} → {_not_dated(said, 'reported')}"
            elif isinstance(local, Radiotherapy) and local.end is not None:
                # (a course of radiotherapy has an end of its own: it was left out)
                s_at, e_at = plan.start(local), plan.end(local)
                if (
                    s_at is not None
                    and e_at is not None
                    and e_at.day <= s_at.day
                    and e_at.window.lo != e_at.window.hi
                    and (
                        ch.difference(point_key(local, "start"), point_key(local, "end")) is None
                        or _length_unstated(ch, local, e_at)
                    )
                ):
                    # drawn on its start's day with no length stated: its window alone (the
                    # same plausible day twice read as a course of one day)
                    end = _not_dated(window_text(ch.end(local), e_at))
                else:
                    end = when_text(ch.end(local), e_at)
                end = mark(point_key(local, "end"), end)
                span = ch.difference(point_key(local, "start"), point_key(local, "end"))
                if end == when and span is not None and span != (0, 0):
                    # (an end said as its start is, "from month 34.3": not a course of one
                    # day, and not left out, but its length as the case bounds it)
                    end = mark(point_key(local, "end"), f"end {_days_later(span)}")
                when = when if end == when else f"{when} → {end}"
            elif isinstance(local, Radiotherapy) and local.fractions:
                # no end given, but a length follows from the fractions (drawn so)
                when = f"{when} → end not reported ({fraction_words(local.fractions)})"
            elif isinstance(local, Radiotherapy):
                # no end and no fractions: a course of unknown length, drawn fading from its
                # start (said as its start alone, it read as a treatment of one day)
                when = f"{when} → end not reported"
            unsaid = _UNSAID if local.later_therapy == "not-reported" else ""
            name = "HSCT" if isinstance(local, Transplant) else "local"
            rows.append((local, [f"  {name:<{width}}  {what}  [{when}]{unsaid}"]))
        # in time order, as the course is (the systemic lines first, then the operations and
        # radiotherapy, put a mastectomy of 2004 after a line of 2012)
        for _e, row_lines in sorted(rows, key=lambda row: plan.order(row[0])):
            out.extend(row_lines)
        out.append("")
        out.append("  Course")

        def course_when(e: Any) -> str:
            said = mark(point_key(e, "start"), when_text(ch.start(e), plan.start(e)))
            if _course_span(e):
                # a toxicity the case gives an end: how long it lasted, as a span is said
                # (one that began and whose end is not reported: "→ from month 15.5" read as
                # a second start)
                # (and one given only by order, "before the last follow-up", its window alone:
                # "≈ month 22.9 (16 to 34)" gave the window's middle as if a date)
                end = (
                    "end not reported"
                    if e.end_date.kind == "unknown"
                    else mark(
                        point_key(e, "end"),
                        _not_dated(window_text(ch.end(e), plan.end(e)))
                        if e.end_date.by_order_only
                        and (w := ch.end(e)).hi - w.lo > WIDE_WINDOW_DAYS
                        else when_text(ch.end(e), plan.end(e)),
                    )
                )
                said = f"{said} → {end}"
            return said

        course = [
            (course_when(e), line + _stated_from(checked, e))
            for e in sorted(case.events, key=plan.order)
            if (line := _course_line(e, case))
        ]
        column = max((len(w) for w, _ in course), default=0)
        out.extend(f"  {w:<{column}}  {line}" for w, line in course)
        if inferred:
            out.append(
                "  (inferred): a date the file infers from the source; its reason is in the"
                " file and in --format json"
            )
        if any(w.startswith(("from ", "by ")) for w, _ in course):
            # ("from 2011-11-01" below "≈ 2012-12-08" read as the earlier of the two: each is
            # listed where the case's order puts it, and a bound is not its day)
            # (a date with no latest day is listed after those that have one, which the case
            # may not put it after: "listed in the case's order" was said of a progression
            # listed after the toxicity of the therapy it led to)
            out.append(
                "  from/by a date: known only to be no earlier (no later) than that date; the"
                " course is listed by the plausible schedule, dates with no latest day after"
                " those with one, not by these bounds"
            )
        out.append("")
        out.append("  Intervals")
        if not checked.ok:
            # (lengths measured on dates that contradict each other, or on a case read in part,
            # looked as sure as any: "PFS censored at ≈ 47 months" above a C003 error)
            out.append(
                "  not given: the case has errors (below), and its dates cannot be relied on"
            )
        elif not checked.intervals:
            # (a heading over nothing read as a summary cut short)
            out.append(
                "  none: nothing in the case to measure one from and to (DFS runs from an"
                " operation that left no disease to a recurrence; PFS and a duration from a"
                " numbered line of therapy, which neoadjuvant and adjuvant therapy are not;"
                " OS and follow-up from the diagnosis to a death or the last follow-up; time"
                " off therapy from the end of one therapy to the next)"
            )
        column = max((len(i.name) for i in checked.intervals), default=0)
        rests = rests_on_inference(checked)
        for i in checked.intervals if checked.ok else ():
            marked = i.measured and rests(i.start_key, i.end_key)
            between = ""
            if i.kind in ("TFI", "DFS") and checked.chrono is not None:
                # (which gap: they are numbered as found, and one that cannot be established
                # is not, so "TFI 1" may follow the second line)
                between = (
                    f"; from {_point_words(checked.chrono, i.start_key)}"
                    f" to {_point_words(checked.chrono, i.end_key)}"
                )
            out.append(f"  {i.name:<{column}}  {i.text()}{INFERRED if marked else ''}{between}")
    out.append("")
    if checked.acknowledged:
        out.append(f"  Acknowledged ({len(checked.acknowledged)})")
        seen: set[int] = set()
        for problem, ack in checked.acknowledged:
            out.append(f"  {problem.format()}")
            if id(ack) in seen:
                # (one entry covers every further warning of its code and event: said, so that
                # a reason written for a regimen's start is not read as the end's own)
                line = f" (line {ack.location.line})" if ack.location else ""
                out.append(
                    f"      acknowledged by the same entry{line} as a warning before: {ack.reason}"
                )
            else:
                out.append(f"      acknowledged: {ack.reason}")
            seen.add(id(ack))
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
    # text from the case reaches a terminal: escape sequences and line breaks are made inert
    return "\n".join(inert(line) for line in out)


def _stated_from(checked: Checked, e: Event) -> str:
    """:func:`timeline.schedule.stated_distance`, the event it is stated from named as
    validation names it."""
    if checked.schedule is None or checked.chrono is None:
        return ""
    return stated_distance(checked.schedule, checked.chrono, e)


def _point_words(chrono: Chronology, key: str) -> str:
    """A point in words ("the end of 'l2'"); an agent's end that is its regimen's own, as
    that regimen's: a time off therapy "from the end of 'etoposide'" named one of five drugs
    ended together."""
    words = chrono.labels
    event, _, rest = key.partition(".")
    part = rest.rpartition(".")[2]
    if rest.count(".") == 1 and part in ("start", "end"):
        whole = f"{event}.{part}"
        if chrono.difference(key, whole) == (0, 0):
            return words.get(whole, whole)
    return words.get(key, key)


def show_text(checked: Checked, found: list[Match], trials: int) -> str:
    """What ``timeline show`` prints: :func:`summary_text`, with the trial arms the lines match
    (:func:`evidence_lines`) before the problems, when the case is valid."""
    text = summary_text(checked)
    if checked.case is None or not checked.ok:
        return text
    head, sep, tail = text.partition("\n\n  No problems.")
    if not sep:
        head, sep, tail = text.partition("\n\n  Acknowledged")
        sep = sep and "\n\n  Acknowledged"
    evidence = "\n".join(inert(x) for x in evidence_lines(found, trials))
    return f"{head}\n\n{evidence}{sep}{tail}" if sep else f"{text}\n\n{evidence}"


def _course_span(e: object) -> bool:
    """Whether the course says ``e`` from its start to its end: a toxicity the case gives an
    end, a pregnancy that ended."""
    return (isinstance(e, Toxicity) and e.end_date is not None) or (
        isinstance(e, Pregnancy) and e.end_date is not None
    )


def _lesions_text(lesions: Iterable[Lesion]) -> str:
    """Lesions in words, each its site, size and change, and its note: "liver 3.2 cm
    enlarged"; "mediastinum 3.5 cm [residual mass, PET-negative]" (the size of a CR's residual
    mass read as disease without its note)."""
    return ", ".join(
        " ".join(str(x) for x in (lesion.site, lesion.size, lesion.change) if x)
        + (f" [{lesion.note}]" if lesion.note else "")
        for lesion in lesions
    )


def _course_line(e: object, case: Case | None = None) -> str | None:
    """One line of the course of the disease for an event, or None for therapies."""
    if isinstance(e, DiseaseEvent):
        sites = e.sites_text()
        said = found_by(e, f"{e.type}: {sites}" if sites else e.type)
        return f"{said}; histology: {e.histology}" if e.histology else said
    if isinstance(e, Response):
        extra = "; ".join(
            x
            for x in (
                ", ".join(str(m) for m in e.markers),
                _lesions_text(e.lesions),
                e.authors_term and quoted(e.authors_term),
                e.mrd and str(e.mrd),
            )
            if x
        )
        what = {
            "unknown": "response (authors' words)",
            "NR": "no response (SD or PD)",
        }.get(e.category, f"response {e.category}")
        if e.criteria:
            what += f" by {e.criteria}"
        # the sites it was assessed at, when its lesions do not name them (a PR of the lung and
        # SD in the brain on one day read as two responses of the same disease)
        named = {x.site for x in e.lesions}
        unnamed = [site for site in e.sites if site not in named]
        if unnamed:
            what += f": {', '.join(unnamed)}"
        return what + (f" ({extra})" if extra else "")
    if isinstance(e, Resistance):
        return f"resistance to {e.target_words} ({e.resistance_kind})" + (
            f": {e.mechanism}" if e.mechanism else ""
        )
    if isinstance(e, Toxicity):
        return "toxicity: " + toxicity_text(e, case)
    later = {
        "none": "; no therapy after the last one recorded",
        "not-reported": "; therapy after the last one recorded not reported",
    }.get(getattr(e, "later_therapy", None) or "", "")
    if isinstance(e, FollowUp):
        return f"last follow-up: {STATUS_WORDS.get(e.status, e.status)}{later}"
    if isinstance(e, Death):
        return "death" + (f" ({death_cause(e)})" if e.cause else "") + later
    if isinstance(e, BiomarkerTest):
        return f"biomarker: {e.biomarker.text()}" + (f" ({e.specimen})" if e.specimen else "")
    if isinstance(e, Performance):
        return f"performance status: {e.scale} {e.score}"
    if isinstance(e, MenopauseChange):
        return f"menopausal status: {e.status}"
    if isinstance(e, Imaging):
        what = " ".join(x for x in ("imaging", e.method) if x)
        # (its lesions, with their sizes, which were read and never said; the sites its
        # lesions do not name; a sentence's full stop not left before the semicolon)
        named = {x.site for x in e.lesions}
        detail = "; ".join(
            x
            for x in (
                (e.findings or "").strip().removesuffix("."),
                _lesions_text(e.lesions),
                ", ".join(site for site in e.sites if site not in named),
            )
            if x
        )
        return what + (f": {detail}" if detail else "")
    if isinstance(e, Complication):
        return f"complication: {e.term}" + (f" grade {e.grade}" if e.grade else "")
    if isinstance(e, SecondPrimary):
        return e.text()
    if isinstance(e, Declined | Pregnancy):
        return e.words()
    if isinstance(e, Surgery) and not e.oncologic:
        return f"other surgery: {e.procedure or 'operation'} (not cancer treatment)"
    return None


def event_words(e: Event) -> str:
    """An event in a few words, as `show` lists it ("biomarker: MET mutated", "nephrectomy")."""
    if isinstance(e, Regimen):
        return e.title()
    if isinstance(e, Radiotherapy):
        return e.words()
    if isinstance(e, Surgery) and e.oncologic:
        return e.procedure or "surgery"
    if isinstance(e, Transplant):
        return e.words()
    return _course_line(e) or e.id


#: the endpoints the text shows (every endpoint is in the JSON)
_HEADLINE = ("PFS", "TTP", "OS")


def evidence_lines(found: list[Match], trials: int) -> list[str]:
    """The Evidence section of the summary: each matched line beside the trial's arms."""
    out = ["  Evidence"]
    if not trials:
        out.append("  no trial files beside this case (a trials folder, or --trials)")
        return out
    if not found:
        out.append(
            f"  no line of this case matches an arm of the {trials} trial(s) (the same agents,"
            " in a trial of the same cancer)"
        )
        return out
    for m in found:
        out.append(
            f"  {m.line.label} {' + '.join(m.line.regimen.agent_names())} ~ {m.trial.name},"
            f" arm {m.arm.name}"
        )
        mine = [f"{i.name.split()[0]} {i.text()}" for i in (m.pfs, m.duration) if i is not None]
        out.append(f"      this patient: {'; '.join(mine) or 'no interval'}")
        for arm in (m.arm, *m.others):
            medians = [
                f"{e.name} {e.median_months:g} months"
                + (f" (95% CI {e.ci[0]:g}–{e.ci[1]:g})" if e.ci else "")
                + (f", {e.assessment} review" if e.assessment not in (None, "not-reported") else "")
                for e in arm.endpoints
                if e.median_months is not None and e.name in _HEADLINE
            ]
            rates = [
                f"{e.name} {e.percent:g} %"
                for e in arm.endpoints
                if e.percent is not None and e.name == "response rate"
            ]
            out.append(f"      {m.trial.name} {arm.name}: {'; '.join(medians + rates) or '—'}")
        for c in m.comparisons:
            if c.endpoint not in _HEADLINE or c.hr is None:
                continue
            ci = f" (95% CI {c.ci[0]:g}–{c.ci[1]:g})" if c.ci else ""
            p = f", {p_text(c.p)}" if c.p else ""
            who = f", {c.assessment} review" if c.assessment not in (None, "not-reported") else ""
            out.append(f"      {c.endpoint}: HR {c.hr:g}{ci}{p}{who}")
        for d in m.differences:
            out.append(f"      differs: {d}")
    return out


def evidence_data(found: list[Match]) -> list[dict[str, Any]]:
    """The Evidence section as data."""

    def arm(a: Arm) -> dict[str, Any]:
        return {
            "id": a.id,
            "name": a.name,
            "agents": [x.agent for x in a.agents],
            "endpoints": [
                {
                    "name": e.name,
                    "median_months": e.median_months,
                    "ci": list(e.ci) if e.ci else None,
                    "percent": e.percent,
                    "assessment": e.assessment,
                }
                for e in a.endpoints
            ],
        }

    return [
        {
            "line": m.line.label,
            "regimen": m.line.regimen.id,
            "trial": m.trial.id,
            "trial_name": m.trial.name,
            "arm": arm(m.arm),
            "other_arms": [arm(a) for a in m.others],
            "comparisons": [
                {
                    "endpoint": c.endpoint,
                    "arms": list(c.arms),
                    "hr": c.hr,
                    "ci": list(c.ci) if c.ci else None,
                    "p": c.p,
                    "assessment": c.assessment,
                }
                for c in m.comparisons
            ],
            "patient": {
                i.kind: i.as_dict() | {"text": i.text()}
                for i in (m.pfs, m.duration)
                if i is not None
            },
            "differences": list(m.differences),
        }
        for m in found
    ]
