"""A teaching deck of one case, as data: the slides, their figures, captions and notes.

The deck walks a class through the case one step at a time (:mod:`timeline.teaching`): a title
slide, then for every step the swimlane **cut at that day** — what happened up to it and
nothing after it — with the step's events highlighted and a one-line caption; a question slide
before a step whose events carry ``teach:``; then the whole timeline, the derived intervals as
a table, and the path through the disease-state machine. The figures are drawn in the ``deck``
theme: an exact 16:9 width (960 pt) with no type under 18 pt, and no legend of their own.

The deck is written as PPTX by :mod:`render.pptx_deck` and as one HTML file by
:mod:`render.html_deck`.
"""

from __future__ import annotations

import re

from attrs import evolve, frozen

from timeline.chronology import NEG, POS, dose_change_key
from timeline.model import (
    BiomarkerTest,
    Exposure,
    Pregnancy,
    Radiotherapy,
    Regimen,
    Response,
    Surgery,
    Transplant,
)
from timeline.queries import INFERRED, end_key, inferred_dates, start_key
from timeline.render import render_case, render_key
from timeline.render.engines import Backend
from timeline.render.layout import told_after
from timeline.render.statefig import path_steps, reported_at_end, reported_text, said_after
from timeline.render.timescale import drawn_order
from timeline.rules import Step
from timeline.schedule import Schedule, anchor_name, when_text
from timeline.summary import diagnosis_words, event_words, rests_on_inference
from timeline.teaching import TeachingStep, age_told_later, teaching_steps
from timeline.trials import Trial
from timeline.validate import Checked
from timeline.wording import age_when, labelled, patient_line, quoted

__all__ = [
    "MARGIN",
    "Deck",
    "Slide",
    "build_deck",
    "caption_lines",
    "figure_scale",
    "figure_size",
    "figure_top",
]

#: the slide: 16:9, in points
SLIDE_WIDTH, SLIDE_HEIGHT = 960.0, 540.0
#: rows of the intervals table on one slide
TABLE_ROWS = 9


@frozen
class Slide:
    """One slide. ``figure`` is SVG (drawn in the deck theme), or None."""

    kind: str  # title, question, step, whole, intervals, states
    title: str
    caption: str = ""
    figure: bytes | None = None
    alt: str = ""
    notes: str = ""
    lines: tuple[str, ...] = ()  # the title slide's text
    table: tuple[tuple[str, str], ...] = ()  # the intervals slide's rows
    header: tuple[str, str] = ("Interval", "Length")  # the table's column heads
    step: int | None = None  # 1-based number of the step it shows


@frozen
class Deck:
    """A teaching deck: the case it tells, its title, and its slides in order."""

    case_id: str
    title: str
    slides: tuple[Slide, ...]


#: a length's reason in parentheses that names the file's ids or calendar days
_FILE_REASON = re.compile(r"^(?P<shown>.*?) \((?P<why>[^()]*(?:'|\d{4}-\d{2})[^()]*)\)$")


def _slide_words(text: str) -> tuple[str, str]:
    """An interval's words on a slide, and the reason set aside for the notes: the reason of
    an open length when it names the file's ids or calendar days ("not computable ('fu' is no
    later than 2009-08-05, …)"), else the words whole."""
    found = _FILE_REASON.match(text)
    if found is None:
        return text, ""
    return found["shown"], found["why"]


def _how_it_stands(
    reg: Regimen, plan: Schedule, upto: int | None, begun: list[Exposure], stopped: bool
) -> str:
    """How a regimen stands at day ``upto`` (the whole case: None), in words after its name:
    " (completed)" or " (ended)" when the figure draws its end (``stopped``): "stopped" said of a
    course the source calls completed, or ended for a reason it does not give, read as one cut
    short; " (end not reported)" when the
    case never gives it (" (end not dated)" when it gives it only by cycles of unstated length), " (ibrutinib held)" when an agent's hold is drawn and its
    resumption is not; nothing for a regimen still given. "Treatment so far" listed a line
    that had ended as it listed one still given."""
    if stopped:
        return " (completed)" if reg.end_reason == "completed" else " (ended)"
    held = []
    for exp in begun:
        state = ""
        for n, change in enumerate(exp.dose_changes, 1):
            at = plan.point(dose_change_key(exp, n))
            if at is None or (upto is not None and at.day > upto):
                continue
            if change.change in ("held", "resumed"):
                state = change.change
        if state == "held":
            held.append(exp.agent.name)
    said = [f"{' + '.join(held)} held"] if held else []
    if not reg.ongoing and not reg.end_reported and upto is None:
        # (an end the case gives only by its cycles of unstated length is not dated, as `show`
        # says: "end not reported" was said of pembrolizumab "stopped after 10 cycles")
        said.append("end not dated" if reg.end_undated else "end not reported")
    return f" ({'; '.join(said)})" if said else ""


def _state_word(step: Step) -> str:
    """The state a change of the replay led to, as a deck's words name it: "PD", "CR"; a
    recurrence "recurrence" (the swimlane's word, not "PD": progressive disease is growth of
    disease on treatment, which a patient without evidence of disease has none of), a word
    among abbreviations, written as one ("SD, RECURRENCE" read as two kinds of name)."""
    if step.after == "pd" and step.trigger == "recurrence":
        return "recurrence"
    return step.after.upper()


def _alt(
    checked: Checked,
    upto: int | None,
    step: TeachingStep | None,
    until_event: str | None = None,
    before_event: str | None = None,
    untold: frozenset[str] = frozenset(),
    stops_said: frozenset[str] = frozenset(),
) -> str:
    """What a figure shows, in words (the alt text of its picture): what the figure draws, cut
    as it is cut (up to the day ``upto``, and nothing told after ``until_event``, or from
    ``before_event`` on, nor the events ``untold``). ``stops_said``: the lines whose stop a
    step has told so far."""
    plan = checked.schedule
    assert plan is not None
    later = (
        told_after(checked, before_event, inclusive=True)
        if before_event
        else told_after(checked, until_event)
    )
    if untold:
        assert checked.case is not None
        later = later | {id(e) for e in checked.case.events if e.id in untold}

    def told(event: object, day: int | None) -> bool:
        if id(event) in later:
            return False
        return upto is None or (day is not None and day <= upto)

    assert checked.case is not None and checked.chrono is not None
    ch, case = checked.chrono, checked.case
    cut = case.event(until_event) if until_event and upto is not None else None
    after = [e for e in case.events if id(e) in later] + ([cut] if cut is not None else [])

    def ended(reg: Regimen) -> bool:
        """Whether the figure draws the regimen's end: reported, on or before the cut, and
        not put by the case at or after an event the cut has not told, nor after the step's
        own event (a line's end follows the start its step tells; in a case known only by
        order every end shares the cut's day); a line ended at the progression the step tells
        ended there."""
        end = plan.end(reg)
        if reg.ongoing or not reg.end_reported or end is None:
            return False
        if upto is None:
            return True
        if end.day > upto:
            return False
        key = end_key(reg)
        # (a line the case ends at the step's own event, its progression, ended there: the
        # step's heading says "stopped: progression", and the figure ends it at the cut)
        return not any(
            (least := ch.least(start_key(e), key)) is not None
            and least >= 0
            and not (e is cut and ch.difference(start_key(e), key) == (0, 0))
            for e in after
        )

    shown_events = [
        e
        for e in case.events
        if id(e) not in later and (at := plan.start(e)) is not None and told(e, at.day)
    ]

    def surely_ended(reg: Regimen) -> bool:
        """Whether the case puts the regimen's end no later than the figure's cut: its latest
        day by then, or no later than an event the figure tells (an end known only to follow
        a progression of 2006, drawn at its earliest, was said "ended" at a step of 2012 that
        the case leaves it open to)."""
        end = plan.end(reg)
        # (within a month of the cut: at the resolution of the dates, a course "completed"
        # in September told at a step of September)
        if upto is None or end is None or end.window.hi <= upto + _SAME_MONTH:
            return True
        if reg.id in stops_said:
            # (a step so far told it stopped: "L4 crizotinib stopped"; not one whose end
            # merely falls in the step's days: sunitinib, its end known only to come after a
            # progression, was "ended" at a metastasectomy, then "may have ended", then
            # "ended" again)
            return True
        key = end_key(reg)
        return any(
            e is not reg and (least := ch.least(key, start_key(e))) is not None and least >= 0
            for e in shown_events
        )

    # every treatment the figure draws, in the order of its start: the lines, and the
    # operations, radiotherapy and transplants ("Treatment so far: none" was said of a figure
    # that drew a glioma's excision, its 66 Gy and a partial resection)
    treatments: list[tuple[int, int, str]] = []
    for ln in checked.lines:
        start = plan.start(ln.regimen)
        if told(ln.regimen, start.day if start is not None else None):
            day = start.day if start is not None else 0
            # (its agents begun by the step: gilteritinib, begun with the second cycle, was
            # in the "treatment so far" of the steps before it)
            begun = [
                x
                for x in ln.regimen.exposures
                if upto is None or (p := plan.start(x)) is None or p.day <= upto
            ]
            title = ln.regimen.title(begun or None)
            stopped = ended(ln.regimen)
            standing = _how_it_stands(ln.regimen, plan, upto, begun, stopped)
            if stopped and not surely_ended(ln.regimen):
                # (drawn ended at its plausible day, which the case does not put before the
                # cut: a combined androgen blockade known only to end after a progression of
                # 2006 was said "ended" at a recurrence of 2012)
                done = "been completed" if ln.regimen.end_reason == "completed" else "ended"
                standing = f" (may have {done})"
            treatments.append((day, ln.regimen.index, labelled(ln.label, title, " ") + standing))
    for e in checked.case.events:
        if isinstance(e, Radiotherapy | Transplant) or (isinstance(e, Surgery) and e.oncologic):
            start = plan.start(e)
            if start is not None and told(e, start.day):
                treatments.append((start.day, e.index, event_words(e)))
    shown = [text for _day, _index, text in sorted(treatments)]
    told_steps = [
        s
        for s in checked.steps
        if s.after != "dead"
        and told(s.event, p.day if (p := plan.start(s.event)) is not None else None)
    ]
    states = [_state_word(s) for s in told_steps]
    # the responses in the authors' words told after the last change of state, which move no
    # state: "Disease states in order: recurrence" was said of every step up to a "sustained
    # response" on re-treatment, as if the disease had stayed in relapse
    last = plan.order(told_steps[-1].event) if told_steps else None
    said = [
        quoted(e.authors_term, "'") if e.authors_term else "'a response'"
        for e in sorted(checked.case.events, key=plan.order)
        if isinstance(e, Response)
        and e.category == "unknown"
        and (at := plan.start(e)) is not None
        and told(e, at.day)
        and (last is None or plan.order(e) > last)
    ]
    reported = reported_at_end(checked)
    seen = plan.start(reported[1]) if reported is not None else None
    if reported is not None and told(reported[1], seen.day if seen is not None else None):
        # (the state the last follow-up reports, which the lane ends in: "PD, PD, PD" said the
        # patient ended with progressive disease where the follow-up says no evidence of it)
        states.append(f"{reported[0].upper()} (at the last follow-up, no recorded change to it)")
    parts = [
        "Swimlane timeline of the case"
        + ("" if upto is None else " up to this step, nothing after it")
        + ".",
        "Treatment so far: " + ("; ".join(shown) or "none") + ".",
        "Disease states in order: "
        + (", ".join(states) or "none recorded")
        + (f"; then, in the authors' words (no change of state): {', '.join(said)}" if said else "")
        + ".",
    ]
    if step is not None:
        parts.append(f"This step, highlighted: {step.caption}.")
    return " ".join(parts)


#: how far past a figure's cut the latest day of a regimen's end may be for the figure's
#: words to say it ended (the dates of a month)
_SAME_MONTH = 31

#: the title slide's heading: the case's own title tells its outcome, and is told last
NEUTRAL_TITLE = "A teaching case"

#: the margin of a slide's text boxes, in points
MARGIN = 24.0
_SVG_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"')


def figure_size(svg: bytes) -> tuple[float, float]:
    """The width and height (points) of an SVG figure as Graphviz wrote them."""
    m = _SVG_SIZE.search(svg[:2000])
    if not m:
        return SLIDE_WIDTH, SLIDE_HEIGHT / 2
    return float(m.group(1)), float(m.group(2))


def figure_top(s: Slide) -> float:
    """Where the figure of a slide starts: under its title and caption."""
    width = SLIDE_WIDTH - 2 * MARGIN
    if s.kind == "question":
        return 52 + caption_lines(s.caption, 24, width) * 30 + 8
    return 48 + caption_lines(s.caption, 20, width) * 25 + 6


def figure_scale(s: Slide) -> float:
    """How much the slide's figure is shrunk to fit under its caption (1: drawn at its own
    size, its type at the deck theme's 18 pt; the HTML deck gives a figure at least as much
    room)."""
    if s.figure is None:
        return 1.0
    width, height = figure_size(s.figure)
    room_h = SLIDE_HEIGHT - figure_top(s) - 6
    return min(SLIDE_WIDTH / width, room_h / height, 1.0)


def figure_overflow(s: Slide) -> str:
    """Which way the slide's figure does not fit (:func:`figure_scale` below 1): "too wide",
    "too tall", or "too wide and too tall"."""
    if s.figure is None:
        return "within"
    width, height = figure_size(s.figure)
    wide = width > SLIDE_WIDTH
    tall = height > SLIDE_HEIGHT - figure_top(s) - 6
    return " and ".join(w for w, on in (("too wide", wide), ("too tall", tall)) if on) or "within"


def _age_told_later(checked: Checked) -> str:
    """The age, in words, when the case gives it at a later turn of the story
    (:func:`timeline.wording.age_told_later`: "47-year-old (age at the recurrence)"), which the
    title slide would tell before the story does; else ""."""
    case = checked.case
    assert case is not None
    age = case.patient.age
    if age is None or not age_told_later(case, checked.schedule):
        return ""
    return f"{age.words()} ({age_when(case)})"


def _counted_from(checked: Checked, steps: list[TeachingStep]) -> str:
    """What the months (or days) of a case without calendar dates count from, for the title
    slide: "Day 0: the transplant" when the first step tells that point (or it is the
    diagnosis's, dated), else that it is an event told later; "" for a calendar case, or one
    whose day 0 is the diagnosis, which the slide says."""
    plan, case, chrono = checked.schedule, checked.case, checked.chrono
    if plan is None or case is None or chrono is None or not plan.relative or not plan.anchor:
        return ""
    unit = "Day" if plan.in_days else "Month"
    event = case.event(plan.anchor.split(".")[0])
    if event is None:
        return "" if plan.anchor == "diagnosis" else f"{unit}s count from an event told later"
    # (not a therapy's end, which the first step does not tell: "Month 0: the end of
    # FOLFIRINOX" over its start)
    if steps and not plan.anchor.endswith(".end") and any(e is event for e in steps[0].events):
        return f"{unit} 0: {anchor_name(chrono, plan.anchor)}"
    return f"{unit}s count from an event told later"


def caption_lines(words: str, size: float, width: float) -> int:
    """How many lines ``words`` take at ``size`` points in a box ``width`` points wide (a line
    break of the text starts a new line)."""
    from timeline.render.scene import wrap

    return sum(max(1, len(wrap(part, size * 1.1, width - 14))) for part in words.split("\n"))


def _figure(checked: Checked, backend: Backend, **kw: object) -> bytes:
    return render_case(checked, theme="deck", fmt="svg", backend=backend, **kw)  # type: ignore[arg-type]


def _fitted(slide: Slide, checked: Checked, backend: Backend, **kw: object) -> Slide:
    """The slide, its figure drawn again tighter (``deck-compact``: closer bar rows, or closer
    states in the state machine) when it is too tall for the slide in the deck theme:
    shrinking it would take its type under 18 pt."""
    if slide.figure is None or figure_scale(slide) >= 0.999:
        return slide
    tighter = evolve(
        slide,
        figure=render_case(checked, theme="deck-compact", fmt="svg", backend=backend, **kw),  # type: ignore[arg-type]
    )
    return tighter if figure_scale(tighter) > figure_scale(slide) else slide


def _tests_before(checked: Checked, steps: list[TeachingStep]) -> list[str]:
    """The biomarker tests no step tells that the plausible schedule puts before the first
    step's first event, in words with their dates as `show` gives them."""
    case, plan, chrono = checked.case, checked.schedule, checked.chrono
    assert case is not None and plan is not None and chrono is not None
    if not steps:
        return []
    told = {e.id for step in steps for e in step.events}
    held = inferred_dates(case, chrono.canonical, plan.relative, plan.anchor)
    out = []
    order = drawn_order(plan)
    for e in sorted(case.events, key=order):
        if not isinstance(e, BiomarkerTest) or e.id in told:
            continue
        found = plan.start(e)
        # (before the first step's day, or on it in the schedule's order: a case dated only
        # by order puts both on one day)
        if found is None or order(e) >= order(steps[0].events[0]):
            continue
        when = when_text(chrono.start(e), found)
        if chrono.canonical(e.id) in held:
            when += INFERRED
        out.append(f"{e.biomarker.text()} ({when})")
    return out


def build_deck(
    checked: Checked, backend: Backend = "auto", trials: list[Trial] | None = None
) -> Deck:
    """The deck of a checked case without errors; with ``trials``, an evidence slide for the
    lines that match a trial arm."""
    case = checked.case
    assert case is not None and checked.ok, "a case with errors makes no deck"
    title = case.title or case.id
    slides: list[Slide] = []
    source = case.source.reference()
    lines = [patient_line(case)]
    aged = _age_told_later(checked)
    if aged:
        # (an age the source gives at a later turn of the story is said in the notes: "47-year-
        # old woman (age at the recurrence)" told the class of a recurrence before step 1)
        lines = [patient_line(evolve(case, patient=evolve(case.patient, age=None)))]
    if case.patient.ethnicity_text:
        lines.append(f"Ethnicity: {case.patient.ethnicity_text}")
    if case.patient.history_text:
        # (the history the case gives, as `show` says it: a comorbidity that bears on a
        # toxicity taught later in the deck was in no slide)
        lines.append(f"History: {case.patient.history_text}")
    if case.patient.family_history_text:
        lines.append(f"Family history: {case.patient.family_history_text}")
    # dated as show dates it (months from the event a case without calendar dates counts from)
    diagnosis = (
        when_text(checked.chrono.diagnosis(), checked.schedule.diagnosis())
        if checked.chrono is not None and checked.schedule is not None
        else "unknown"
    )
    if (
        checked.chrono is not None
        and checked.schedule is not None
        and "diagnosis" in inferred_dates(case, checked.chrono.canonical, checked.schedule.relative)
    ):
        diagnosis += INFERRED  # (as `show` says it)
    lines.append(f"Diagnosis: {diagnosis_words(checked, diagnosis)}")
    # the biomarkers of the diagnosis other than the receptors the patient line gives, as the
    # figure's header says them (a BRCA-mutant ovarian cancer treated with olaparib said its
    # BRCA result on no slide)
    others = [b.text() for b in case.diagnosis.biomarkers if not b.is_receptor]
    if others:
        lines.append(f"At diagnosis: {'; '.join(others)}")
    plan = checked.schedule
    assert plan is not None
    order = drawn_order(plan)  # (the order the figures draw in)
    steps = teaching_steps(checked, order)
    before = _tests_before(checked, steps)
    zero = _counted_from(checked, steps)
    if zero:
        # (what month or day 0 is, in a case without calendar dates: "Diagnosis: by day 0"
        # told the class nothing; not an event a later step tells, which it would give away)
        lines.insert(lines.index(f"Diagnosis: {diagnosis_words(checked, diagnosis)}") + 1, zero)
    if before:
        # (a test the case dates before the first step is told in none: a PD-L1 of 50 % or
        # more that the first line was chosen on was on no slide)
        lines.append(f"Tested before the first step: {'; '.join(before)}")
    cited = f"Source: {' '.join(source.split())}" if source else ""
    # (each note under its heading, one to a paragraph: run together, the diagnosis's quote
    # read as the end of the case's note about another patient)
    # the case's title and its source, which tell the outcome (a title says how the case
    # ended, "partial response after bevacizumab was added to paclitaxel", and so does an
    # article's), are in the speaker notes of the title slide, and on the last slides: shown
    # first, they answered the deck's questions before the first one was asked
    notes = "\n".join(
        f"{head}: {x}"
        for head, x in (
            ("Title", title),
            ("Case", case.notes),
            ("Diagnosis", case.diagnosis.note),
            ("Patient", case.patient.note),
            ("Age", aged),
        )
        if x
    ) + (f"\n{cited}" if cited else "")
    slides.append(Slide("title", NEUTRAL_TITLE, lines=tuple(lines), notes=notes))
    previous: int | None = None
    stops_told: set[str] = set()  # (the lines whose stop a step has told so far)
    # every event in the schedule's order: a figure is cut after the last event told so far,
    # so that what the dates put on the same day, or in the zone of dates known only by order,
    # is not told early
    in_order = sorted(case.events, key=order)
    # the step each event is first told in: a figure leaves out what a later step tells,
    # wherever the drawing places it (a complete response known only to follow the start of
    # ACVBP, drawn before the radiotherapy told with ACVBP, was shown a step before its own)
    # (not a pregnancy, which a step tells by its end: the lane runs under what is given
    # through it up to each step's cut, the bar's end and outcome left to that step)
    told_in: dict[str, int] = {}
    for n, step in enumerate(steps, 1):
        for event in (*step.events, *step.also):
            if not isinstance(event, Pregnancy):
                told_in.setdefault(event.id, n)
    # (supportive care, no step of its own, is told with the first step that reaches its
    # start: bisphosphonates begun with palliative radiotherapy, in the same window, were drawn
    # a step after it; begun on the recurrence's day, on the question's figure, part of the
    # answer shown before the question was asked)
    supportive: set[str] = set()
    chrono = checked.chrono
    assert chrono is not None
    for reg in case.regimens():
        begun = plan.start(reg)
        if reg.intent != "supportive" or reg.id in told_in or begun is None:
            continue
        # (the first step with an event on or after its start's day that the case does not
        # put before it, in a case dated only by order every day being one, and that the
        # figures draw no earlier than it)
        reach = [
            n
            for n, step in enumerate(steps, 1)
            if any(
                (p := plan.start(e)) is not None
                and p.day >= begun.day
                and not chrono.puts_after(start_key(e), start_key(reg))
                # (or begun in the very window of one of them: bisphosphonates given "with"
                # palliative radiotherapy, both within three months of the recurrence)
                and (
                    order(e) >= order(reg)
                    or (
                        p.window == begun.window
                        and NEG // 2 < begun.window.lo <= begun.window.hi < POS // 2
                    )
                )
                for e in step.events
            )
        ]
        if reach:
            told_in[reg.id] = reach[0]
            supportive.add(reg.id)
    asked = 0
    for n, step in enumerate(steps, 1):
        untold = frozenset(k for k, m in told_in.items() if m > n)
        # (a question on a finding first, when the decision carries one of its own, each over
        # the figure as it stood before what it asks for)
        asking = [
            (q, a, k, u)
            for q, a, k, u in (
                (step.early_question, step.early_answer, step.early_first, step.early_until),
                (step.question, step.answer, step.shown_first, step.shown_until),
            )
            if q
        ]
        for question, answer, shown_first, shown_until in asking:
            asked += 1
            lit: frozenset[str] = frozenset()
            told: str | None
            first_told: str | None = None
            if shown_first:
                # the findings before the step's decision, highlighted: what its question tells
                cut, told = shown_until, step.events[shown_first - 1].id
                lit = frozenset(e.id for e in step.events[:shown_first])
            else:
                cut = previous if previous is not None else step.day - 1
                at = in_order.index(step.events[0])
                told = in_order[at - 1].id if at > 0 else None
                if told is None:
                    # (nothing told before it: cut on its day, itself left out, in a zone of
                    # dates known only by order too; cut the day before its plausible day,
                    # after the zone, a first line known only by order was drawn whole, with
                    # the progression after it)
                    first_told, cut = step.events[0].id, step.day
            # (nor the supportive care the step goes on to tell, begun with its decision, nor
            # the step's own events from its decision on: a pathological complete response
            # dated as the lymphadenectomy a question asks for stood on its figure)
            held = (
                untold
                | {k for k in supportive if told_in[k] == n}
                | {e.id for e in step.events[shown_first:]}
            )
            cuts = {
                "until": cut,
                "until_event": told,
                "before_event": first_told,
                "untold": held,
            }
            figure = _figure(checked, backend, highlight=lit, **cuts)
            slides.append(
                _fitted(
                    Slide(
                        "question",
                        f"Question {asked}",
                        caption=question,
                        figure=figure,
                        alt=_alt(checked, cut, None, told, first_told, held, frozenset(stops_told)),
                        notes="Ask before revealing the next step."
                        + (f"\nAnswer: {answer}" if answer else ""),
                        step=n,
                    ),
                    checked,
                    backend,
                    highlight=lit,
                    **cuts,
                )
            )
        # (cut after the step's event the drawing tells last: its caption may name them in
        # another order, a test after the findings of its day, and a cut at that test hid a
        # progression and a complication the caption tells with it)
        # (and after the radiotherapy the caption tells with the step's line: "→ L2 …, and
        # radiotherapy" stood over a figure without it, the course drawn after the line)
        # (and after what an earlier step told that the drawing places later: a radiotherapy
        # told with ACVBP, drawn after the complete response the next step tells, was left
        # out of that step's figure)
        last = max(
            (e for e in case.events if told_in.get(e.id, n + 1) <= n),
            key=order,
            default=max((*step.events, *step.also), key=order),
        ).id
        shown = {
            "until": step.until,
            "highlight": step.ids,
            "until_event": last,
            "untold": untold,
        }
        slides.append(
            _fitted(
                Slide(
                    "step",
                    f"Step {n} of {len(steps)}",
                    caption=step.caption,
                    figure=_figure(checked, backend, **shown),
                    alt=_alt(
                        checked,
                        step.until,
                        step,
                        last,
                        untold=untold,
                        stops_said=frozenset(stops_told.union(step.stops)),
                    ),
                    notes=step.notes,
                    step=n,
                ),
                checked,
                backend,
                **shown,
            )
        )
        previous = step.until
        stops_told.update(step.stops)
    slides.append(
        _fitted(
            Slide(
                "whole",
                "The whole timeline",
                caption=title,
                figure=_figure(checked, backend),
                alt=_alt(checked, None, None),
                notes="Every line, response and event of the case, on one axis."
                + (f"\n{cited}" if cited else ""),
            ),
            checked,
            backend,
        )
    )
    # what the figures' colours and marks mean: a deck's figures have no legend of their own,
    # and the whole timeline's fading bars, window rules, axis break, "L≥" and "*" were
    # explained on no slide
    key_svg, key_words = render_key(checked, backend=backend)
    slides.append(
        Slide(
            "key",
            "Key to the figures",
            caption="What the colours and marks of this case's figures mean.",
            figure=key_svg,
            alt=f"Swimlane legend of the whole timeline: {key_words}",
            notes="The legend the whole timeline would have under it, drawn alone.",
        )
    )
    # an interval resting on a date the file infers says so, as `show` does
    rests = rests_on_inference(checked)
    # (the reason a length is open, in the file's ids and calendar days, is the teacher's: in
    # the notes, not on the slide: "not computable ('last-follow-up' is no later than
    # 2009-08-05, …)" stood before a class, in a deck that speaks in months and words)
    said = [_slide_words(i.text()) for i in checked.intervals]
    rows = [
        (i.name, shown + (INFERRED if i.measured and rests(i.start_key, i.end_key) else ""))
        for i, (shown, _why) in zip(checked.intervals, said, strict=True)
    ]
    for part in range(0, len(rows), TABLE_ROWS):
        chunk = rows[part : part + TABLE_ROWS]
        more = f" ({part // TABLE_ROWS + 1})" if len(rows) > TABLE_ROWS else ""
        definitions = "\n".join(
            f"{i.name}: {i.definition}" + (f" Here: {why}." if why else "")
            for i, (_shown, why) in zip(
                checked.intervals[part : part + TABLE_ROWS],
                said[part : part + TABLE_ROWS],
                strict=True,
            )
        )
        slides.append(
            Slide(
                "intervals",
                f"Intervals{more}",
                caption="≈ the plausible value; the range every reading of the dates allows"
                + (
                    "; (inferred): it rests on a date the file infers from the source"
                    if any(text.endswith(INFERRED) for _n, text in chunk)
                    else ""
                ),
                table=tuple(chunk),
                notes=definitions,
            )
        )
    if trials:
        from timeline.evidence import matches

        found = matches(checked, trials)
        rows_e = []
        for m in found:
            arms = "; ".join(
                f"{a.name} {e.median_months:g} mo"
                for a in (m.arm, *m.others)
                if (e := a.median("PFS") or a.median("TTP")) is not None and e.median_months
            )
            mine = m.pfs.text() if m.pfs is not None else "—"
            rows_e.append((f"{m.line.label} ~ {m.trial.name}", f"this patient {mine}; {arms}"))
        if rows_e:
            slides.append(
                Slide(
                    "evidence",
                    "The evidence beside the case",
                    caption="median PFS of the trial arms whose agents are a line's agents",
                    table=tuple(rows_e[:TABLE_ROWS]),
                    header=("Line ~ trial", "Median PFS: this patient; the trial's arms"),
                    notes="\n".join(
                        f"{m.line.label} ~ {m.trial.name}: " + "; ".join(m.differences)
                        for m in found
                    ),
                )
            )
    # the figure is the graph alone, at the deck's type size; the caption is the key to its
    # numbered arrows (arrow n leads to the state after n), the notes date each step
    states = render_case(checked, kind="states", theme="deck", fmt="svg", backend=backend)
    moves = [f"{n} {_state_word(s)}" for n, s in enumerate(checked.steps, start=1)]
    keys = path_steps(checked)
    reported = reported_at_end(checked)
    if reported is not None:
        # (the state the last follow-up reports, as the figure draws it: "1 PD → 2 PD → 3 PD"
        # ended a patient "in remission" at the last follow-up in progression)
        moves.append(f"{reported[0].upper()} (at the last follow-up, no recorded change to it)")
        keys.append(reported_text(checked, *reported))
    path = " → ".join(moves) or "no change of state recorded"
    if reported is None and (after := said_after(checked)) is not None:
        # (the words after the last change, as the figure's dashed border says: "1 PD → 2 PD
        # → 3 PD" ended a melanoma "in remission" in progression)
        path = f"{path}; {after}"
    key = "\n".join(keys)
    slides.append(
        _fitted(
            Slide(
                "states",
                "The path through the disease-state machine",
                caption=path,
                figure=states,
                alt=f"The disease-state machine, with this case's path numbered in order: {path}.",
                notes="Each arrow taken is numbered in the order the case took it; the number"
                " before each state in the caption is the arrow that led to it."
                + (f"\n{key}" if key else ""),
            ),
            checked,
            backend,
            kind="states",
        )
    )
    return Deck(case.id, title, tuple(slides))  # (the file's own title: the case's)
