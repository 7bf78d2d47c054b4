"""A case as a story told one decision at a time: the steps of a teaching deck.

A step is a moment of the case a class can stop at: a line change, a response assessment, a
progression or recurrence, a resistance, a toxicity or a complication of the disease, a
curative operation, the end of the story. Events a few days apart are one step; a new
regimen started soon after what caused it joins that step, so the step reads "April 2009 —
progression … → exemestane", and a question (``teach:`` on one of its events) is asked on a
slide before it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from attrs import evolve, frozen

from timeline.chronology import NEG, POS, Chronology
from timeline.constraints import WIDE_WINDOW_DAYS
from timeline.dates import Anchor
from timeline.lines import agents_begun_after, regimen_summary
from timeline.model import (
    NO_STATE,
    BiomarkerTest,
    Case,
    Complication,
    Death,
    Declined,
    DiseaseEvent,
    Event,
    FollowUp,
    Imaging,
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
from timeline.queries import inferred_dates, point_key, teaching_kind, test_words
from timeline.schedule import (
    NOT_GIVEN,
    REFERENCE_DAY,
    Planned,
    Schedule,
    anchor_name,
    bound_text,
    days_window,
    from_month,
    months_text,
    stated_distance,
    whole_month,
)
from timeline.validate import Checked
from timeline.wording import (
    STATUS_WORDS,
    age_when,
    death_cause,
    found_by,
    labelled,
    quoted,
    toxicity_text,
)

__all__ = ["TeachingStep", "age_told_later", "teaching_steps"]

#: events this close (days) are one step
SAME_STEP_DAYS = 14
#: a new regimen started this soon (days) after a progression, a response or a toxicity is the
#: decision of that step
DECISION_DAYS = 62
#: a finding known only within more than this many days (or on one side) that the case puts
#: after one of a step's events starts a step of its own
WIDE_DAYS = 31

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@frozen
class TeachingStep:
    """One step: its day on the plausible schedule, the events it reveals, its caption."""

    day: int
    events: tuple[Event, ...]
    caption: str
    notes: str
    question: str | None = None
    answer: str | None = None
    #: the last day of the step (its decision's start): its figure is cut here
    until: int = 0
    #: how many of the step's first events (its findings, before its decision) the question
    #: slide shows, and the day its figure is cut at: the finding its question tells, without
    #: the decision it asks for (0: the figure as it stood before the step)
    shown_first: int = 0
    shown_until: int = 0
    #: the courses of radiotherapy its caption tells with its regimens (", and radiotherapy"),
    #: which its figure shows too
    also: tuple[Event, ...] = ()
    #: the ids of the lines whose end the step tells (in words, or by the progression and the
    #: new line it tells)
    stops: tuple[str, ...] = ()
    #: a question on one of the step's findings, asked before that finding when the step's
    #: decision carries a question of its own: its words, its answer, how many of the step's
    #: first events its figure shows, and the day that figure is cut at
    early_question: str | None = None
    early_answer: str | None = None
    early_first: int = 0
    early_until: int = 0

    @property
    def ids(self) -> frozenset[str]:
        """The ids of the events the step tells."""
        return frozenset(e.id for e in self.events)


def _alongside(checked: Checked, reg: Regimen) -> str:
    """The courses of radiotherapy begun on the day a regimen was, said with it (", with
    radiotherapy (neck)"): radiotherapy is no step of its own, and palliative radiotherapy begun
    with pembrolizumab was on no slide but as a bar."""
    if "radi" in (reg.name or "").lower():
        return ""  # (its name says so: "chemoradiotherapy", "capecitabine with pelvic radiation")
    courses = [
        (e.technique or "radiotherapy") + (f" ({e.site})" if e.site else "")
        for e in _begun_with(checked, reg)
    ]
    return f", with {' and '.join(courses)}" if courses else ""


def _begun_with(checked: Checked, reg: Regimen) -> list[Radiotherapy]:
    """The courses of radiotherapy the case begins on the day it begins ``reg``."""
    ch, case = checked.chrono, checked.case
    assert ch is not None and case is not None
    start = point_key(reg, "start")
    return [
        e
        for e in case.events
        if isinstance(e, Radiotherapy) and ch.difference(start, point_key(e, "start")) == (0, 0)
    ]


def _and_radiotherapy(checked: Checked, e: Event) -> str:
    """ ", and radiotherapy (whole brain)": the courses given for what a regimen answers
    (:func:`_given_for_the_same`), said after the regimen and its date."""
    if not isinstance(e, Regimen) or "radi" in (e.name or "").lower():
        return ""
    # (by its technique where the case names one: "Gamma Knife radiosurgery", which the
    # figure, `show` and the tooltips say, was "radiotherapy" here)
    # (one the case puts after the regimen's end is said to follow it: "DHAP …, and
    # radiotherapy" read as given together, the course begun after the two cycles)
    ch = checked.chrono
    assert ch is not None
    end, start = point_key(e, "end"), point_key(e, "start")
    also: list[str] = []
    then: list[str] = []
    first: list[str] = []
    for r in _given_for_the_same(checked, e):
        least = ch.least(end, point_key(r, "start"))
        # (one the case ends before the regimen's start is said to come first: "L1: lapatinib
        # + capecitabine, and whole-brain radiotherapy" of radiotherapy "followed by" them)
        ahead = ch.least(point_key(r, "end"), start)
        technique = r.technique or "radiotherapy"
        # (not a site the technique names already: "whole-brain radiotherapy (brain)")
        shown = r.site and r.site.lower() not in technique.lower()
        words = technique + (f" ({r.site})" if shown else "")
        if least is not None and least >= 0:
            then.append(words)
        elif ahead is not None and ahead >= 0 and ch.difference(start, end) != (0, 0):
            first.append(words)
        else:
            also.append(words)
    said = f", after {' and '.join(first)}" if first else ""
    said += f", and {' and '.join(also)}" if also else ""
    return said + (f", then {' and '.join(then)}" if then else "")


def _own_date(
    checked: Checked, rt: Radiotherapy, day: int, when: str, beside: Sequence[Event] = ()
) -> str:
    """ " (from month 32.3)": the date of a course of radiotherapy told with a step, where its
    plausible day is more than :data:`SAME_STEP_DAYS` from the step's and its date in words
    differs from the step's; else "", and "" for a course the case starts with one of the
    step's therapies (``beside``), whose date the step's order says (radiotherapy begun "along
    with" BRAF + MEK inhibitors was "(start not dated)", the inhibitors not)."""
    plan, ch = checked.schedule, checked.chrono
    assert plan is not None and ch is not None
    at = plan.start(rt)
    if at is None or abs(at.day - day) <= SAME_STEP_DAYS:
        return ""
    start = point_key(rt, "start")
    if any(
        isinstance(e, _DECISIONS) and ch.difference(start, point_key(e, "start")) == (0, 0)
        for e in beside
    ):
        return ""
    own = when_words(checked, at.day, (at.window.lo, at.window.hi))
    if own == when:
        return ""
    # (marked as `show` marks it: a radiotherapy "during the 9th and 10th cycles", its start
    # inferred from them, was "(from month 32.3)" as if the source gave it)
    assert checked.case is not None
    inferred = ch.canonical(start) in inferred_dates(
        checked.case, ch.canonical, plan.relative, plan.anchor
    )
    return f" ({_inline(own)}{', inferred' if inferred else ''})"


def _no_earlier(ch: Chronology, a: str, b: str) -> bool:
    """Whether the case puts point ``b`` no earlier than point ``a``."""
    least = ch.least(a, b)
    return least is not None and least >= 0


def _after_end(checked: Checked, e: Event, courses: list[tuple[int, Radiotherapy]]) -> bool:
    """Whether the case puts the start of every course after the end of therapy ``e``."""
    ch = checked.chrono
    assert ch is not None
    end = point_key(e, "end")
    return all(_no_earlier(ch, end, point_key(r, "start")) for _d, r in courses)


def _stated(checked: Checked, e: Event) -> str:
    """The distance the case states a response's or a progression's date from another event,
    where its window hides it (:func:`timeline.schedule.stated_distance`), in a deck's words:
    a partial response "8 months" into bicalutamide, begun at no stated time, was told
    "Between month 15 and month 37.2 — partial response" alone."""
    plan, ch = checked.schedule, checked.chrono
    if plan is None or ch is None or not isinstance(e, Response | DiseaseEvent):
        # (the response or progression a step turns on: a toxicity's or a follow-up's
        # distance, said too, pushed captions onto a third line and shrank the figures)
        return ""
    return stated_distance(plan, ch, e, lambda key: anchor_name(ch, key))


def _before_step(
    checked: Checked, rt: Radiotherapy, group: list[tuple[int, Event, tuple[int, int]]]
) -> bool:
    """Whether the case puts the start of every event of a step after the course ``rt``
    began (not certainly on its day)."""
    ch = checked.chrono
    assert ch is not None
    start = point_key(rt, "start")
    return all(ch.puts_after(start, point_key(e, "start")) for _d, e, _w in group)


def _given_for_the_same(checked: Checked, reg: Regimen) -> list[Radiotherapy]:
    """The courses of radiotherapy given for the progression or recurrence ``reg`` answers,
    not on its day and not told as a step of their own (:func:`_radiotherapy_told`): the last
    such change the case puts before each is the same, ``reg`` is the first therapy the case
    starts after it, and no response comes between ``reg``'s start and the course's. Whole-brain
    radiotherapy and paclitaxel-carboplatin for a cerebellar relapse, both known only to follow
    it, read "→ L1: paclitaxel-carboplatin", and the radiotherapy was on no slide but as a bar."""
    ch, case, plan = checked.chrono, checked.case, checked.schedule
    assert ch is not None and case is not None and plan is not None

    def no_later(a: Event, b: Event) -> bool:
        least = ch.least(point_key(a, "start"), point_key(b, "start"))
        return least is not None and least >= 0

    def day(e: Event) -> int:
        found = plan.start(e)
        return found.day if found is not None else 0

    worse = [e for e in case.events if isinstance(e, DiseaseEvent) and e.type in _WORSE]

    def answers(e: Event) -> Event | None:
        found = [w for w in worse if no_later(w, e)]
        return max(found, key=lambda w: (day(w), w.index)) if found else None

    cause = answers(reg)
    if cause is None:
        return []
    therapies = [
        e
        for e in case.events
        if (isinstance(e, Regimen) and e.intent != "supportive")
        or (isinstance(e, Surgery) and e.oncologic)
        or isinstance(e, Transplant)
    ]
    first = min(
        (t for t in therapies if answers(t) is cause), key=lambda t: (day(t), t.index), default=None
    )
    if first is not reg:
        return []
    told = {id(r) for r in _radiotherapy_told(checked)}
    # (nor a course the case puts weeks into the line, or after an operation on it: an Ewing
    # relapse irradiated "during the 9th and 10th cycles", after its resection, was told at
    # the relapse, before the operation)
    # (nor one the case puts after a toxicity or a complication on the line, a step of its
    # own: radiotherapy for a tracheal stenosis, after the encephalopathy that stopped
    # sorafenib, was told "sorafenib, then radiotherapy" a step before that toxicity)
    between = [
        e
        for e in case.events
        if isinstance(e, Response | Toxicity | Complication)
        or (isinstance(e, Surgery) and e.oncologic and e is not reg)
    ]
    start = point_key(reg, "start")

    def apart(rt: Radiotherapy) -> bool:
        least = ch.least(start, point_key(rt, "start"))
        if least is not None and least > _ALONGSIDE_DAYS:
            return True
        # (nor one the case puts months before it: sacral radiotherapy of April 2013, for a
        # bone progression, was told "L≥13: exemestane + everolimus, and radiotherapy" of May
        # 2014, without its date)
        before = ch.least(point_key(rt, "start"), start)
        return before is not None and before > _ALONGSIDE_DAYS

    return [
        rt
        for rt in case.events
        if isinstance(rt, Radiotherapy)
        and id(rt) not in told
        and ch.difference(start, point_key(rt, "start")) != (0, 0)
        and answers(rt) is cause
        and not apart(rt)
        and not any(no_later(reg, r) and no_later(r, rt) for r in between)
        # (nor a course the case says is part of another line: the radiotherapy of PRaG,
        # begun with it, was told "sintilimab + …, then radiotherapy" a step before PRaG)
        and (rt.part_of is None or rt.part_of == reg.id)
    ]


#: the most days after a line's start the case may put a course of radiotherapy for it to be
#: told with the line ("→ L1: …, and radiotherapy"): later, it is a step of its own
_ALONGSIDE_DAYS = 28


def _line_label(checked: Checked, reg: Regimen) -> str:
    """The label of a regimen's line ("L2", "adjuvant")."""
    return next((ln.label for ln in checked.lines if ln.regimen is reg), reg.intent)


def _agents_begun_later(
    checked: Checked, groups: list[list[tuple[int, Event, tuple[int, int]]]]
) -> dict[int, list[tuple[Regimen, int, str, str]]]:
    """The agents of each regimen a step begins that start on or after the next step's day
    (its caption tells what is known before then), by the step that tells them: the first
    step not dated before the agent's start, else the last ("then paclitaxel (from …)" after
    dose-dense AC was on no slide; told at the step before its start, it read as told early)."""
    plan = checked.schedule
    assert plan is not None and checked.case is not None and checked.chrono is not None
    ch = checked.chrono
    held = inferred_dates(checked.case, ch.canonical, plan.relative, plan.anchor)
    out: dict[int, list[tuple[Regimen, int, str, str]]] = {}
    for at, group in enumerate(groups):
        for _d, e, _w in group:
            begun = plan.start(e) if isinstance(e, Regimen) else None
            if not isinstance(e, Regimen) or begun is None:
                continue
            if at + 1 >= len(groups):
                continue  # (the last step tells them all)
            known_by = max(begun.day, groups[at + 1][0][0] - 1)
            for day, key, words in agents_begun_after(e, plan, known_by, held):
                target = next(
                    (k for k in range(at + 1, len(groups)) if groups[k][0][0] >= day),
                    len(groups) - 1,
                )
                # (not before a step the case puts it after: regorafenib "resumed" after the
                # wound infection was controlled, both on one plausible day, was told a step
                # before the control)
                target = max(
                    [target]
                    + [
                        k
                        for k in range(target + 1, len(groups))
                        for _d, x, _w in groups[k]
                        if ch.puts_after(point_key(x, "start"), key)
                    ]
                )
                if ".dose" in key and target - 1 > at:
                    # a change of dose nearer the step before than its own (vandetanib resumed
                    # two weeks after the hold its step of June 2014 told was told at the
                    # progression of January 2017, after the question on it): told there, with
                    # its own date, unless the case puts it after an event of the later step
                    prev = groups[target - 1]
                    last_day = max(d for d, _x, _w in prev)
                    if (
                        last_day <= day
                        and day - last_day < groups[target][0][0] - day
                        and not any(
                            ch.puts_after(point_key(x, "start"), key)
                            for _d, x, _w in groups[target]
                        )
                    ):
                        target -= 1
                out.setdefault(target, []).append((e, day, words, key))
    return out


def _what(checked: Checked, e: Event, known_by: int | None = None) -> str:
    """An event in a step's words; a regimen with what is known of it by the day
    ``known_by`` (by default, the day it begins)."""
    plan = checked.schedule
    assert plan is not None
    if isinstance(e, Regimen):
        line = _line_label(checked, e)
        # (what is known before the next step: that step, or a later one, tells the rest)
        begun = plan.start(e)
        held = (
            inferred_dates(checked.case, checked.chrono.canonical, plan.relative, plan.anchor)
            if checked.case is not None and checked.chrono is not None
            else {}
        )
        if begun is not None:
            known_by = begun.day if known_by is None else max(known_by, begun.day)
        said = labelled(line, regimen_summary(e, plan, known_by, held))
        return said + _alongside(checked, e)
    if isinstance(e, Surgery):
        return e.procedure or "surgery"
    if isinstance(e, Transplant):
        return e.text()
    if isinstance(e, Radiotherapy):
        said = " ".join(str(x) for x in (e.site_words(), e.dose) if x)
        named = e.technique or "radiotherapy"
        return f"{named} ({said})" if said else named
    if isinstance(e, DiseaseEvent):
        # (its sites in parentheses, the new ones after "new:", not "(tongue (new))"; how it
        # was found after the word, not before it as a site reads: "clinical: progression")
        new = set(e.new_sites)
        old = [s for s in e.sites if s not in new]
        parts = [", ".join(old)] if old else []
        parts += [f"new: {', '.join(e.new_sites)}"] if e.new_sites else []
        said = found_by(e, e.type + (f" ({'; '.join(parts)})" if parts else ""))
        return f"{said}, as {e.histology}" if e.histology else said
    if isinstance(e, Response):
        what = e.authors_term if e.category in NO_STATE and e.authors_term else None
        name = {
            "CR": "complete response",
            "PR": "partial response",
            "SD": "stable disease",
            "PD": "progressive disease",
            "NE": "response not evaluable",
            "NR": "no response",
        }.get(e.category)
        text = what or name or "response"
        # (the sites left out when the authors' words already say them: "some PCL cells
        # remained in the bone marrow (bone marrow)")
        told = [
            site
            for site in e.sites
            if not re.search(rf"\b{re.escape(site)}s?\b", text, re.IGNORECASE)
        ]
        sites = f" ({', '.join(told)})" if told else ""
        # (and its measurable residual disease: an ALL's three molecular remissions, the
        # report's point, were told as "complete response" alike)
        mrd = f", {e.mrd}" if e.mrd is not None else ""
        return f"{e.method + ': ' if e.method else ''}{text}{sites}{mrd}"
    if isinstance(e, Resistance):
        target = e.target
        if e.agent_class and target in ("endocrine", "targeted", "bone-targeted"):
            target += " therapy"
        # (as `show` says it: "declared resistant to enzalutamide" read as the authors' words
        # where the file's resistance event records the change of line the source tells)
        kind = f"{e.resistance_kind} " if e.resistance_kind != "unspecified" else ""
        return f"{kind}resistance to {target}{e.mechanism_words}"
    if isinstance(e, Toxicity):
        return f"toxicity: {toxicity_text(e, checked.case)}"
    if isinstance(e, Complication):
        return f"complication: {e.term}" + (f" grade {e.grade}" if e.grade else "")
    if isinstance(e, SecondPrimary):
        return e.text()
    if isinstance(e, Declined):
        return e.words()
    if isinstance(e, Death):
        return "death" + (f" ({death_cause(e)})" if e.cause else "")
    if isinstance(e, FollowUp):
        return "last follow-up: " + STATUS_WORDS.get(e.status, e.status)
    if isinstance(e, BiomarkerTest):
        return test_words(checked.case, e) if checked.case is not None else e.biomarker.text()
    return e.kind


def _one_side(d: int) -> str:
    return f"month {bound_text(d - REFERENCE_DAY)}"


def when_words(checked: Checked, day: int, window: tuple[int, int] | None) -> str:
    """A step's date in words: "April 2009", "Between April and June 2009" when the case
    leaves it wider than a month, "By April 2009" or "From April 2009" when it is open on one
    side, "Date not known" on both; in a case without calendar dates the same with months from
    the event it counts from ("Month 12", "≈ Month 0.9" within a month, "Between month 0 and
    month 3", "By month -0.5": a bound to one decimal, as `show` gives it, since a lower bound
    rounded up says more than the case)."""
    plan = checked.schedule
    assert plan is not None

    def month(d: int) -> str:
        """The calendar month of a day ("April 2009")."""
        import pendulum

        date = pendulum.Date.fromordinal(d)
        return f"{_MONTHS[date.month - 1]} {date.year}"

    if plan.in_days:
        # (a case told within about four months, in days, as `show` says it: "Day 7",
        # "Between day 0 and day 35", "From day 42")
        if window is None or window[0] == window[1]:
            return f"Day {day - REFERENCE_DAY}"
        text = days_window(*window)
        if text == NOT_GIVEN:
            return "Date not given"
        if text == "window open":
            return "Date not known"
        if " to " in text:
            first, last = text.removeprefix("day ").split(" to ")
            return f"Between day {first} and day {last}"
        return text[0].upper() + text[1:]
    width = 0 if window is None else window[1] - window[0]
    if window is not None and (window[0] <= NEG // 2 or window[1] >= POS // 2):
        # open on a side: the side the case gives, never "≈" a day it does not
        if window[0] <= NEG // 2 and window[1] >= POS // 2:
            return "Date not known"
        # (the bound as `show` gives it: "from month 0.5", never rounded to the month before,
        # and "from month 31" within a few days of a whole month, not "from month 30.9")
        bound = month if not plan.relative else _one_side
        if plan.relative and window[1] >= POS // 2 and from_month(window[0]) == NOT_GIVEN:
            return "Date not given"  # (its order alone: "From month 0" read as at the diagnosis)
        text = f"by {bound(window[1])}" if window[0] <= NEG // 2 else f"from {bound(window[0])}"
        return text[0].upper() + text[1:]
    if window is not None and (
        width > 31 or (not plan.relative and width and month(window[0]) != month(window[1]))
    ):
        # (any window wider than a month is said as one: a progression known only between a
        # January start and a March operation was "≈ February 2007", and a recurrence within
        # three months of an operation "≈ Month 2", which the source does not say; so is one
        # of weeks across two months: a CT between 23 July and 13 August was "August 2020")
        bound = month if not plan.relative else _one_side
        first, last = bound(window[0]), bound(window[1])
        if not plan.relative and first[-4:] == last[-4:]:
            first = first[:-5]  # "Between January and March 2007"
        return f"Between {first} and {last}"
    if plan.relative and width <= 31:
        # as `show` says a date of a month or less: a day to the tenth ("Month 0.9", not "Month
        # 1" beside `show`'s "month 0.9"), a stated whole month as such, and the schedule's day
        # in a window "≈" ("Month -0.3" was said of a date known within 27 days)
        at = months_text(day - REFERENCE_DAY)
        if width == 0:
            return f"Month {at}"
        if window is not None and (whole := whole_month(*window)) is not None:
            return f"Month {whole}"
        return f"≈ Month {at}"
    return month(day)  # (on the calendar, within a month)


def _follows(checked: Checked, before: Event, after: Event) -> bool:
    """Whether the case puts ``after`` no earlier than ``before`` (by a relation, not by the
    plausible schedule's choice)."""
    ch = checked.chrono
    if ch is None:
        return False
    least = ch.least(point_key(before, "start"), point_key(after, "start"))
    return least is not None and least >= 0


def _inline(when: str) -> str:
    """A step's date in words as said inside a caption: "from month 5.9", "April 2020"."""
    for word in ("By ", "From ", "Between ", "Month ", "Day ", "Date "):
        if when.startswith(word):
            return word.lower() + when[len(word) :]
    return when.replace("≈ Month ", "≈ month ")


#: what a step tells as the decision taken (after "→"): a line of therapy, a stem-cell
#: transplant ("second complete remission → allogeneic stem-cell transplant"), and
#: radiotherapy when it is told as a step of its own (:func:`_radiotherapy_told`)
_DECISIONS = (Regimen, Radiotherapy, Transplant)
#: the changes of the disease a course of radiotherapy may answer as a step of its own
_WORSE = ("progression", "recurrence")


def _lead(
    group: list[tuple[int, Event, tuple[int, int]]], openers: set[str]
) -> tuple[int, Event, tuple[int, int]]:
    """A step's first event other than a test that opened it (:func:`_opening`): what the
    step is dated by."""
    return next((x for x in group if x[1].id not in openers), group[0])


def _dated_by(test: BiomarkerTest, decision: Event) -> bool:
    """Whether the date of ``test`` is written against ``decision``'s start alone (``{before:
    tdxd2.start, within: 4 weeks}``): the work-up of that decision."""
    date = test.date
    return (
        date is not None
        and isinstance(date.before, Anchor)
        and date.before.event == decision.id
        and date.before.part in (None, "start")
        and not isinstance(date.after, Anchor)
    )


def _dates_said_once(dated: list[tuple[str, str]]) -> list[str]:
    """Findings with the dates of their own (``""`` where a finding has none), each run of
    tests of one date said with it once: "IGH/BCL2 positive · IGH/MYC positive (each from month
    97, inferred)" (four tests of one day each repeated "(from month 97, inferred)")."""
    out: list[str] = []
    at = 0
    while at < len(dated):
        what, date = dated[at]
        end = at + 1
        while date and end < len(dated) and dated[end][1] == date:
            end += 1
        if end - at > 1:
            out.append(" · ".join(w for w, _d in dated[at:end]) + f" (each {date})")
        else:
            out.append(f"{what} ({date})" if date else what)
        at = end
    return out


def _shared_said_once(findings: list[str]) -> list[str]:
    """Toxicities told one after another with the same words after their names ("; attributed
    to trabectedin; action: dose reduced"), said once for all of them: "toxicities: Fatigue,
    Nausea grade 3; attributed to trabectedin; action: dose reduced" (five toxicities of one
    step repeated those words five times over five lines of caption)."""
    out: list[str] = []
    run: list[tuple[str, str]] = []

    def close() -> None:
        if len(run) > 1:
            out.append(f"toxicities: {', '.join(h for h, _t in run)}; {run[0][1]}")
        else:
            out.extend(f"toxicity: {h}; {t}" for h, t in run)
        run.clear()

    for f in findings:
        head, sep, tail = f.removeprefix("toxicity: ").partition("; ")
        if f.startswith("toxicity: ") and sep and (not run or run[0][1] == tail):
            run.append((head, tail))
            continue
        close()
        if f.startswith("toxicity: ") and sep:
            run.append((head, tail))
        else:
            out.append(f)
    close()
    return out


def _pregnancy_end_words(p: Pregnancy, when: str = "") -> str:
    """A pregnancy's end in a caption: "pregnancy: ended at 35+5 weeks, live birth (a female
    infant)"; "end of a pregnancy (its outcome not given)" when the case gives nothing of it
    ("pregnancy" alone, told at its end, read as begun then). ``when``: its date in words,
    where the step's differs ("caesarean delivery at 35+6 weeks (month 8.2)")."""
    if p.words() == "pregnancy":
        return f"end of a pregnancy ({when + '; ' if when else ''}its outcome not given)"
    return p.words(when=when)


def _pregnancy_ends(
    checked: Checked, groups: list[list[tuple[int, Event, tuple[int, int]]]]
) -> dict[int, list[tuple[Planned, Pregnancy, bool]]]:
    """The end of each pregnancy the case gives an end (the delivery, or another end), with its
    plausible day and window, by the step that tells it: the first with an event the case puts
    after it (the line begun "after childbirth"), told before that step's findings; else the
    last whose first day is no later than it, told after them."""
    case, plan, ch = checked.case, checked.schedule, checked.chrono
    assert case is not None and plan is not None and ch is not None
    out: dict[int, list[tuple[Planned, Pregnancy, bool]]] = {}
    for p in case.events:
        if not isinstance(p, Pregnancy) or p.end_date is None or not groups:
            continue
        ended = plan.end(p)
        if ended is None:
            continue
        key = point_key(p, "end")
        at = next(
            (
                i
                for i, group in enumerate(groups)
                if any(ch.puts_after(key, point_key(e, "start")) for _d, e, _w in group)
            ),
            None,
        )
        first = at is not None
        if at is None:
            at = max((i for i, group in enumerate(groups) if group[0][0] <= ended.day), default=0)
        out.setdefault(at, []).append((ended, p, first))
    return out


def _untold_radiotherapy(
    checked: Checked,
    groups: list[list[tuple[int, Event, tuple[int, int]]]],
    told: list[Radiotherapy],
) -> dict[int, list[tuple[int, Radiotherapy]]]:
    """The courses of radiotherapy no step tells, neither as a step of its own (``told``) nor
    with a line (:func:`_given_for_the_same`), each with its plausible day, by the step it
    begins in: the last whose first day is no later than its start, before the first step
    with an event the case puts after it (the first step, for one before every step). A
    palliative radiotherapy known only to come between a progression and a resection, all
    on one plausible day, was told with the last follow-up."""
    case, plan, ch = checked.case, checked.schedule, checked.chrono
    assert case is not None and plan is not None and ch is not None

    def later(rt: Radiotherapy, e: Event) -> bool:
        """Whether the case puts ``e`` after ``rt`` began (not certainly on its day)."""
        return ch.puts_after(point_key(rt, "start"), point_key(e, "start"))

    said = {id(r) for r in told}
    for reg in case.regimens():
        # (said with it, or by its name: "chemoradiotherapy")
        said |= {id(r) for r in _begun_with(checked, reg)}
        said |= {id(r) for r in _given_for_the_same(checked, reg)}
    firsts = [group[0][0] for group in groups]
    out: dict[int, list[tuple[int, Radiotherapy]]] = {}
    for rt in case.events:
        if not isinstance(rt, Radiotherapy) or id(rt) in said or not groups:
            continue
        begun = plan.start(rt)
        if begun is None:
            continue
        at = 0
        for i, first in enumerate(firsts):
            if any(later(rt, e) for _d, e, _w in groups[i]):
                # (a step with an event the case puts before the course, too, is the one it
                # falls in: radiotherapy "on the residual disease" after a cytoreduction, told
                # with the line after it, was told a step before the operation)
                if any(
                    ch.puts_after(point_key(e, "start"), point_key(rt, "start"))
                    for _d, e, _w in groups[i]
                ):
                    at = i
                break
            if first <= begun.day:
                at = i
        out.setdefault(at, []).append((begun.day, rt))
    return out


def _radiotherapy_told(checked: Checked) -> list[Radiotherapy]:
    """The courses of radiotherapy a deck tells as a step of their own: the only therapy the
    case starts after a progression or recurrence and before the next response (head and chest
    radiotherapy given for new lesions on maintenance, then a complete response: the deck went
    from the progression to the response with no treatment told). Other radiotherapy is shown
    in the figure of the step it falls in, not told."""
    case, ch = checked.case, checked.chrono
    plan = checked.schedule
    assert case is not None and ch is not None and plan is not None

    def day(found: Planned | None) -> int:
        return found.day if found is not None else 0

    def no_later(a: Event, b: Event) -> bool:
        return _no_earlier(ch, point_key(a, "start"), point_key(b, "start"))

    worse = [e for e in case.events if isinstance(e, DiseaseEvent) and e.type in _WORSE]
    answers = [e for e in case.events if isinstance(e, Response)]
    others = [
        e
        for e in case.events
        if (isinstance(e, Regimen) and e.intent != "supportive")
        or (isinstance(e, Surgery) and e.oncologic)
        or isinstance(e, Transplant)
    ]
    # (or the end of a line stopped for no response or progression: Y-90 radioembolization
    # after capecitabine + everolimus "failed", the case giving no progression, was told
    # "L1: capecitabine + everolimus, then Y-90" a step before that failure)
    failed = [
        r
        for r in case.regimens()
        if r.intent != "supportive" and r.end_reason in ("no-response", "progression")
    ]

    told: list[Radiotherapy] = []
    for rt in (e for e in case.events if isinstance(e, Radiotherapy)):
        begun = point_key(rt, "start")
        found = [
            (day(plan.start(w)), w.index, point_key(w, "start")) for w in worse if no_later(w, rt)
        ]
        found += [
            (day(plan.end(r)), r.index, point_key(r, "end"))
            for r in failed
            if _no_earlier(ch, point_key(r, "end"), begun)
        ]
        if not found:
            continue
        # (the progression it answers, or the failure: the last before it)
        last = max(found)[2]
        answer = min(
            (r for r in answers if no_later(rt, r)),
            key=lambda r: (day(plan.start(r)), r.index),
            default=None,
        )
        if not any(
            _no_earlier(ch, last, point_key(t, "start")) and (answer is None or no_later(t, answer))
            for t in others
        ):
            told.append(rt)
    return told


def teaching_steps(
    checked: Checked, order: Callable[[Event], tuple[bool, int, int, int]] | None = None
) -> list[TeachingStep]:
    """The steps of the case in time order (the case must have been read): ``order`` is the
    sort key of an item (by default :meth:`Schedule.order`; a deck gives the order its
    figures draw in)."""
    plan = checked.schedule
    assert checked.case is not None and plan is not None
    dated: list[tuple[int, Event, tuple[int, int]]] = []
    told = _radiotherapy_told(checked)
    for e in checked.case.events:
        if teaching_kind(e) is None and e not in told:
            continue
        found = plan.start(e)
        if found is not None:
            dated.append((found.day, e, (found.window.lo, found.window.hi)))
    told_in = order if order is not None else plan.order
    dated.sort(key=lambda x: told_in(x[1]))
    ch = checked.chrono
    assert ch is not None

    def after(a: Event, b: Event) -> bool:
        """Whether the case puts ``b`` after ``a`` (no earlier, and not certainly on its day)."""
        return ch.puts_after(point_key(a, "start"), point_key(b, "start"))

    def not_before(a: Event, b: Event) -> bool:
        """Whether the case puts ``b`` no earlier than ``a``."""
        least = ch.least(point_key(a, "start"), point_key(b, "start"))
        return least is not None and least >= 0

    # a date the file infers is said so, as `show` says it: "Month 21 (inferred) — recurrence"
    guessed = inferred_dates(checked.case, ch.canonical, plan.relative, plan.anchor)

    def inferred(e: Event, when: str) -> str:
        # (a date not given is marked too, as `show` marks it: a first line the file infers
        # from "relapsed", and its remission, read as told by the source)
        return f"{when} (inferred)" if ch.canonical(point_key(e, "start")) in guessed else when

    groups: list[list[tuple[int, Event, tuple[int, int]]]] = []
    for item in dated:
        day, event, (lo, hi) = item
        if groups:
            first_day = groups[-1][0][0]
            decides = (
                isinstance(event, _DECISIONS)
                and day - first_day <= DECISION_DAYS
                and any(not isinstance(x[1], _DECISIONS) for x in groups[-1])
            )
            # and a therapy with no latest day that the case does not put after the step's
            # finding is not the decision it led to: sunitinib started at no stated time after
            # nivolumab's end, placed after a hepatitis dated 436 days on, read "hepatitis →
            # L2: sunitinib", an order and a cause the source does not give
            # (nor a therapy after findings the case does not put before it that it dates
            # only within more than the step's span, or not before their earliest day: three
            # toxicities known only to come between a first radiotherapy and the last
            # follow-up, drawn at their plausible day, read "toxicity … → radiotherapy", as
            # if the radiotherapy of a later recurrence answered them)
            unordered = isinstance(event, _DECISIONS) and any(
                not isinstance(x[1], _DECISIONS)
                and not not_before(x[1], event)
                and (hi >= POS // 2 or x[2][1] - x[2][0] > WIDE_DAYS)
                for x in groups[-1]
            )
            finding = not isinstance(event, _DECISIONS)
            # a finding after a therapy was started is what came of it, a step of its own (a
            # toxicity two weeks into maintenance is not what the maintenance answered), by
            # its day or by the case's order (a response "after" the salvage line's start,
            # on its day in the schedule, was told before the line it came of)
            follows = finding and any(
                isinstance(x[1], _DECISIONS) and (x[0] < day or after(x[1], event))
                for x in groups[-1]
            )
            # and a finding the case puts after one of the step's, known only within months
            # or on one side, is not known to be near it: the step's date would say it is (a
            # complete response "after" a PR of September 2023 read "September 2023")
            loose = (
                finding and (hi - lo > WIDE_DAYS) and any(after(x[1], event) for x in groups[-1])
            )
            # and a therapy the case puts after one of the step's therapies is the next
            # decision, not the same one (three lines told only in order, on one plausible
            # day, read "L1: …; L2: …; L3: …", as if started together)
            next_line = not finding and any(
                isinstance(x[1], _DECISIONS) and after(x[1], event) for x in groups[-1]
            )
            # and an item with no latest day, told after the items that have one (see
            # Schedule.order), is not known to be near them: its earliest day may be theirs
            open_late = finding and hi >= POS // 2 and groups[-1][-1][2][1] < POS // 2
            # and a finding known only within more than the step's span, or with no latest
            # day, is not what a therapy of the step answered unless the case puts that therapy
            # after it (a nausea known only to come between a first radiotherapy and the last
            # follow-up read "toxicity: Nausea → radiotherapy" of a later recurrence's course)
            unrelated = (
                finding
                and (hi >= POS // 2 or hi - lo > WIDE_DAYS)
                and any(
                    isinstance(x[1], _DECISIONS) and not not_before(event, x[1]) for x in groups[-1]
                )
            )
            if (day - groups[-1][-1][0] <= SAME_STEP_DAYS or decides) and not (
                follows or loose or next_line or open_late or unordered or unrelated
            ):
                groups[-1].append(item)
                continue
        groups.append([item])
    openers = _told_within(checked, groups, after)
    untold = _untold_radiotherapy(checked, groups, told)
    later_agents = _agents_begun_later(checked, groups)
    ends = _pregnancy_ends(checked, groups)
    steps: list[TeachingStep] = []
    imaged: set[str] = set()  # (the imaging said "also on the figure" so far)
    # the step before: the first day its date reads as (its plausible day when said "≈", else
    # the first day of the month or day it names), and its date in words
    previous: tuple[int, str] | None = None
    stops_told: set[str] = set()  # the lines whose end a step has told (:func:`_stops`)
    #: the notes of ends after the step that begins them: (the end's plausible day, the words)
    deferred: list[tuple[int, str, str]] = []
    for at, group in enumerate(groups):
        events = tuple(e for _d, e, _w in group)
        # (the step is dated by its first event other than a test that opened it, which is
        # said with its own date: a remission "between 1993 and 2017" was dated 2005 by the
        # test told before it)
        lead = _lead(group, openers)
        # (a biomarker test told in the step says its own date where it differs, as a
        # decision does: "progression · histology … (February 2021) → L2: …")
        told_dates = [
            (
                _what(checked, e) + _stated(checked, e),
                f"{_inline(own.removesuffix(' (inferred)'))}"
                + (", inferred" if own.endswith(" (inferred)") else "")
                if isinstance(e, BiomarkerTest)
                and not (w[0] <= NEG // 2 and w[1] >= POS // 2)  # (dated by its place alone)
                and (own := inferred(e, when_words(checked, d, w)))
                != inferred(lead[1], when_words(checked, lead[0], lead[2]))
                else "",
            )
            for d, e, w in _narrated(group)
            if not isinstance(e, _DECISIONS)
        ]
        findings = _shared_said_once(_dates_said_once(told_dates))
        # (a regimen's agents as known before the next step: one begun within it, after the
        # regimen, is no step's news, and the step after would not tell it)
        upto = groups[at + 1][0][0] - 1 if at + 1 < len(groups) else None
        decisions = [_what(checked, e, upto) for e in events if isinstance(e, _DECISIONS)]
        day = lead[0]
        when = inferred(lead[1], when_words(checked, day, lead[2]))
        # a date known only from a day before the day the step before was dated to (a point,
        # not a window): the deck's order says what the date does not ("≈ Month 31 —
        # recurrence", then "From month 30.6 — resection" read as going back)
        # (and one known only from the earliest day of the window the step before was dated
        # to, or before it, that the case puts after that step: "Between month 172.8 and
        # month 259.2 — recurrence", then "From month 172.8 — partial response")
        # (a date the file infers is the same window: "By month 0 (inferred)" after "By month 0"
        # was not said to be in no stated order with it)
        bare = when.removesuffix(" (inferred)")
        back = (
            previous is not None
            and when.startswith("From ")
            and (
                lead[2][0] < previous[0]
                if not previous[1].startswith(("From ", "Between ", "By "))
                else (
                    lead[2][0] <= previous[0]
                    and bare != previous[1]
                    and bool(steps)
                    and _follows(checked, steps[-1].events[-1], events[0])
                )
            )
        )
        # the same window as the step before (an AML's relapse, salvage, remission and second
        # transplant, each "Between month 0 and month 48.6"): said as following it, "Then,
        # between …", since the deck's order is all the case gives
        # (and a step with no date at all after one with a date: "Month 0 — debulking surgery
        # → L1: chemotherapy", then "Date not given — initially responded", no "Then," though
        # the case puts the response after the chemotherapy's start)
        again = (
            previous is not None
            and (bare == previous[1] or when.startswith("Date "))
            and when.startswith(("From ", "Between ", "By ", "Date "))
            and bool(steps)
            and _follows(checked, steps[-1].events[-1], events[0])
        )
        # a window (not a day) in no order with the step before that the case gives (a
        # surgery and a high-dose chemotherapy of a relapse, each from the relapse on, in no
        # stated order; a lymph-node dissection and adjuvant chemotherapy, both only after the
        # orchiectomy): said so, as the deck's order would otherwise say one came first
        apart = (
            previous is not None
            and not again
            and when.startswith(("From ", "Between ", "By ", "Date "))
            and bool(steps)
            and not any(
                _follows(checked, a, b) or _follows(checked, b, a)
                for a in steps[-1].events
                for b in events
            )
        )
        # (and not "Then," of a step the case does not put after the one before: "Then, from
        # month 5 — toxicity" read as following the step the schedule alone put first)
        back = back and not apart
        previous = (day if when.startswith("≈") else lead[2][0], bare)
        # a decision dated otherwise than the step's first finding says its own date ("March
        # 2020 — progression → L2: docetaxel (April 2020)": it started on 28 April)
        # (but one started at no stated time after the finding, from the finding's earliest
        # day, its date not inferred, says that: "Month 38 — progression → L2: everolimus
        # (from month 37.9)" read as started before the progression it followed, and with no
        # date at all, "June 2021 — recurrence → L1: oxaliplatin" as started in June 2021)
        # (the date said after the regimen's own words, before the radiotherapy begun with
        # it: "BRAF + MEK inhibitors, with radiotherapy (start not dated)" read as said of
        # the radiotherapy alone)
        dated_decisions = []
        for (d, e, w), what in zip(
            [x for x in group if isinstance(x[1], _DECISIONS)], decisions, strict=True
        ):
            other = inferred(e, when_words(checked, d, w))
            # (with no finding, the step is dated by its first decision; another dated
            # otherwise says its own date: a CAR-T known only between the diagnosis and a
            # progression, in a step with a transplant "in 2021", read as given in 2021)
            if other == when or (not findings and e is lead[1]):
                dated_decisions.append(what)
                continue
            own = (
                " (start not dated)"
                if w[1] >= POS // 2 and w[0] == lead[2][0] and not other.endswith("(inferred)")
                else f" ({_inline(other.removesuffix(' (inferred)'))}"
                + (", inferred)" if other.endswith(" (inferred)") else ")")
            )
            with_rt = _alongside(checked, e) if isinstance(e, Regimen) else ""
            if with_rt and what.endswith(with_rt):
                dated_decisions.append(what.removesuffix(with_rt) + own + with_rt)
            else:
                dated_decisions.append(what + own)
        decisions = dated_decisions
        decisions = [
            what + _and_radiotherapy(checked, e)
            for (_d, e, _w), what in zip(
                [x for x in group if isinstance(x[1], _DECISIONS)], decisions, strict=True
            )
        ]
        # a line that ends within the step, for a reason the case gives, with no new line
        # begun in it (which "→" would tell): said, as the Lines lane's arrow says it.
        # Pembrolizumab stopped for a toxicity on the day of its partial response was told by
        # no step ("From day 42 — partial response")
        # radiotherapy no step tells otherwise, begun within this one: with its decision
        # ("→ adjuvant: targeted therapy, and radiotherapy (left breast)"), else after its
        # findings; craniospinal radiotherapy after a medulloblastoma's resection, and a
        # breast's after its conserving surgery, were on no slide but as a bar
        # a pregnancy's end (the delivery), told before the step's findings: a deck of a breast
        # cancer treated during pregnancy read as an ordinary neoadjuvant course, the birth
        # told nowhere
        ended = ends.get(at, [])
        if ended:
            # (with its own date where the step's differs: a caesarean at month 8.2, told with
            # the last follow-up at month 15.2 as the first event after it, read as at 15.2)
            births = [
                _pregnancy_end_words(
                    p,
                    _inline(own)
                    if (own := when_words(checked, e.day, (e.window.lo, e.window.hi))) != when
                    else "",
                )
                for e, p, _first in ended
            ]
            before = [(e.day, w) for w, (e, _p, first) in zip(births, ended, strict=True) if first]
            findings += [w for w, (_e, _p, first) in zip(births, ended, strict=True) if not first]
            events = tuple(p for _d, p, _first in ended) + events
        else:
            before = []
        # (an agent's change within a line of an earlier step, dated before this step's first
        # day, told first, in order of day with a birth told first: doxorubicin "held" for a
        # caesarean and "resumed" after it were told after the mastectomy that followed)
        changed = later_agents.get(at, [])
        earlier = [
            (d, f"{_line_label(checked, reg)}: {words}")
            for reg, d, words, _key in changed
            if d < group[0][0]
        ]
        told_first = [w for _d, w in sorted(before + earlier, key=lambda x: x[0])]
        findings[:0] = told_first
        births_first = len(told_first)  # (the stops are told after them)
        courses = untold.get(at, [])
        if any(isinstance(e, Regimen) and "radi" in (e.name or "").lower() for e in events):
            courses = []  # (the line's name says it: "chemoradiotherapy (cisplatin + …)")
        if courses:
            # (each with its own date where the step's differs, as a test's is: a
            # radiotherapy "during the 9th and 10th cycles", told with the resection after
            # the 4th, read as given with it)
            def said_of(
                which: list[tuple[int, Radiotherapy]],
                day: int = day,
                when: str = when,
                beside: tuple[Event, ...] = events,
            ) -> str:
                return " and ".join(
                    _what(checked, rt) + _own_date(checked, rt, day, when, beside)
                    for _d, rt in which
                )

            if decisions:
                # (one the case puts before every event of the step, told first: brain
                # radiotherapy before the progression of the metastases it treated read
                # "progression → L1: sotorasib, and radiotherapy (March 2021)", after it)
                ahead = [c for c in courses if _before_step(checked, c[1], group)]
                # (one it puts before every therapy of the step, after its findings: "cyto-
                # reductive surgery · radiotherapy (residual disease) → L2: …", not "→ L2: …,
                # and radiotherapy")
                treated = [x for x in group if isinstance(x[1], _DECISIONS)]
                between = [
                    c for c in courses if c not in ahead and _before_step(checked, c[1], treated)
                ]
                rest = [c for c in courses if c not in ahead and c not in between]
                if ahead:
                    findings.insert(0, said_of(ahead))
                if between:
                    findings.append(said_of(between))
                if rest:
                    # (", then" when the case puts every course after the end of the step's
                    # last therapy: teletherapy after adjuvant AC that ended after a delivery
                    # was "AC, and teletherapy", as if given with it)
                    last = [e for e in events if isinstance(e, _DECISIONS)][-1]
                    decisions[-1] += (
                        f", {'then' if _after_end(checked, last, rest) else 'and'} {said_of(rest)}"
                    )
            elif all(d < day for d, _rt in courses):
                # (before the step's own events, told first: the radiotherapy that had
                # "successfully managed" brain metastases was told after that response)
                findings.insert(0, said_of(courses))
            else:
                findings.append(said_of(courses))
            events += tuple(rt for _d, rt in courses)
        for reg, d, words, key in changed:
            if d < group[0][0]:
                continue
            # (before the first finding the case puts after it: mitotane raised to 10 g a day,
            # then poorly tolerated, was told after the intolerance it caused)
            after_it = [
                _what(checked, e)
                for _d, e, _w in group
                if not isinstance(e, _DECISIONS) and ch.puts_after(key, point_key(e, "start"))
            ]
            place = next(
                (
                    k
                    for k in range(births_first, len(findings))
                    if any(w and w in findings[k] for w in after_it)
                ),
                len(findings),
            )
            findings.insert(place, f"{_line_label(checked, reg)}: {words}")
        # (and a line that ended after the step before, at no event a step tells: docetaxel +
        # abiraterone stopped at an imaging between two steps was told by none; said first,
        # with its own date, as it came before the step's events)
        since = max(d for d, _e, _w in groups[at - 1]) + 1 if at else None
        before_it = [e for _d, e, _w in groups[at - 1]] if at else []
        told_before = set(stops_told)
        if not decisions:
            stopped = _stops(checked, group, stops_told, since=since, previous=before_it)
        else:
            # (a line the case ends before a therapy of the step begins is told here, not in a
            # later step without a therapy: "L1 platinum/gemcitabine completed" was told with
            # the complete response on the line after the next, all known only by order)
            begun = [e for e in events if isinstance(e, _DECISIONS)]
            stopped = _stops(checked, group, stops_told, begun, since=since, previous=before_it)
        # (one whose own date reads as the step's says none; after a birth the step tells
        # first, which has its own)
        same = _inline(when.removesuffix(" (inferred)"))
        findings[births_first:births_first] = [
            words.removesuffix(f" ({own})") if own == same else words
            for words, own in stopped
            if own
        ]
        findings += [words for words, own in stopped if not own]
        # (events apart by " · ", as the figure's labels are: a toxicity's own "; attributed
        # to nivolumab; action: held" ran into the response told with it)
        text = " · ".join(findings)
        if decisions:
            text = (text + " → " if text else "") + " · ".join(decisions)
        caption = f"{'Then, ' + _inline(when) if back or again else when} — {text}"
        if apart:
            caption += " (in no stated order with the step before)"
        notes = []
        # (the notes of ends deferred to this step, the first whose days reach them)
        last_day = max(d for d, _e, _w in group)
        # (nor to a step whose every event the case puts before the end: an end known only
        # by order, on the day of the line's start and of its stable disease, was told at the
        # start, "discontinued due to relevant side effects" before the response)
        # (but with the step that tells its line stopped: megestrol "stopped" in 2002, its note
        # six years on)
        waiting = [
            (d, words, key)
            for d, words, key in deferred
            if (d > last_day or all(ch.puts_after(point_key(g, "start"), key) for g in events))
            and key.removesuffix(".end") not in stops_told
        ]
        notes += [words for d, words, key in deferred if (d, words, key) not in waiting]
        deferred = waiting
        # the questions of the step's events, all asked on its question slide (two events of
        # one step may each carry one: a finding and the decision it led to)
        teach = [e.teach for e in events if e.teach is not None]
        question = "\n".join(t.question for t in teach) or None
        answer = "\n".join(t.answer for t in teach if t.answer) or None
        for e in events:
            # (by its name, as the captions say it: "cart: Anti-BCMA CAR T cells" gave the
            # file's id to a class)
            named = _note_name(checked, e)
            if isinstance(e, Surgery) and e.findings:
                # (what it found: a re-resection's "reactive and necrotic tissue only", the
                # pseudoprogression the report is about, was on no slide)
                notes.append(f"{named}, found: {e.findings}")
            if e.note:
                notes.append(f"{named}: {e.note}")
            # (what the file says of the event's dates: "the sentence puts it with the
            # November 2007 finding" was said nowhere)
            for which, spec in (("start" if e.is_span else "date", e.start), ("end", e.end)):
                noted = getattr(spec, "note", None) if which != "end" or e.is_span else None
                if not noted:
                    continue
                its_end = plan.end(e) if which == "end" else None
                end_at = point_key(e, "end")
                if its_end is not None and (
                    its_end.day > last_day
                    or all(ch.puts_after(point_key(g, "start"), end_at) for g in events)
                ):
                    # (told with the step its end falls in: "continued until October 2018,
                    # when restaging showed progression" was in the notes of the step of
                    # March 2017, before the question on that progression)
                    deferred.append((its_end.day, f"{named}, its end: {noted}", end_at))
                else:
                    notes.append(f"{named}, its {which}: {noted}")
            authors = getattr(e, "authors_term", None)
            if authors:
                notes.append(f"In the authors' words: {quoted(authors)}.")
        if answer:
            notes.insert(0, f"Answer: {answer}")
        # (never before the cut of the step before: an item with no latest day is told after
        # the items that have one, though its earliest day may come before theirs; cut at
        # that day, its step's figure dropped the lines told before it)
        # (with the courses of radiotherapy told with a line: two Gamma Knife sessions told
        # with bevacizumab were left out of the step's figure, which showed them steps later)
        given = [
            rt for e in events if isinstance(e, Regimen) for rt in _given_for_the_same(checked, e)
        ]
        with_lines = [p.day for rt in given if (p := plan.start(rt)) is not None]
        # (those the caption tells: given for the same change, or begun on the line's day)
        also = tuple(
            dict.fromkeys(
                rt
                for e in events
                if isinstance(e, Regimen) and "radi" not in (e.name or "").lower()
                for rt in (*_given_for_the_same(checked, e), *_begun_with(checked, e))
            )
        )
        until = max(
            [d for d, _e, _w in group]
            + [d for d, _rt in courses]
            + [e.day for e, _p, _f in ended]
            + with_lines
        )
        # (and the agents its captions tell as begun after a regimen of the step, or of one
        # before: the figure shows what the caption says)
        until = max(
            [until, *(d for _reg, d, _w, _k in later_agents.get(at, []))]
            + [
                p.day
                for e in events
                if isinstance(e, Regimen)
                for x in e.exposures
                if (p := plan.start(x)) is not None and (upto is None or p.day <= upto)
            ]
        )
        if steps:
            until = max(until, steps[-1].until)
        # (the imaging the step's figure shows first, which no caption tells: said in the
        # notes, where a teacher reads it; a whole-body scan showing no uptake of radioiodine,
        # which made a thyroid cancer refractory, was a symbol with its words in a tooltip)
        step_told = max(told_in(x) for x in (*events, *also))[:3]
        # (by day and the event it is told with, not its own place in the file: an imaging
        # dated as the step's event is told with it)
        notes += _imaging_notes(
            checked, imaged, until, functools.partial(_told_past, told_in, step_told)
        )
        # the findings told before the step's decision, which its question names ("the node
        # has grown again … endocrine therapy again, or chemotherapy now?"): the question slide
        # shows them, and not the decision it asks for
        # (a step of findings alone, its decisions told by later steps, shows them all: a
        # question on an extramedullary relapse showed the remission before it, not the relapse)
        # (an operation the question is asked on is the decision it asks for: "What operation
        # now?" was asked over a figure showing the lymphadenectomy and the NED after it)
        first = next(
            (
                i
                for i, e in enumerate(events)
                if isinstance(e, _DECISIONS) or (isinstance(e, Surgery) and e.teach is not None)
            ),
            len(events),
        )
        # (and what the case dates on that operation, its specimen's response, listed before
        # it for the replay: a pathological complete response stood on the question's figure)
        if first < len(events) and isinstance(events[first], Surgery):
            op = point_key(events[first], "start")
            first = min(
                [first]
                + [
                    i
                    for i, e in enumerate(events[:first])
                    if ch.difference(point_key(e, "start"), op) == (0, 0)
                ]
            )
        # (a test the case dates by the decision itself, "immediately before the rechallenge",
        # is the work-up of the decision the question asks for: shown with it, not before; a
        # question "what would you check first?" showed the HER2 re-biopsy that answers it)
        if first == len(events):
            # (a step of findings alone asks its question before the finding it is asked on,
            # as `teach` says: "what will the marrow show?" was asked over a figure showing the
            # marrow relapse, and "what happened next?" over the response outside the field)
            first = next((i for i, e in enumerate(events) if e.teach is not None), first)
        while 0 < first < len(events):
            workup = events[first - 1]
            if not (isinstance(workup, BiomarkerTest) and _dated_by(workup, events[first])):
                break
            first -= 1
        shown_until = max([d for d, _e, _w in group[:first]] or [0])
        if steps and first:
            shown_until = max(shown_until, steps[-1].until)
        # a question on a finding of the step and one on its decision are asked apart, the
        # first before that finding: asked on one slide, "multiple brain metastases … what
        # now?" answered "what does the MRI show?" over a figure showing the metastases
        early: tuple[str | None, str | None, int, int] = (None, None, 0, 0)
        on_findings = [i for i, e in enumerate(events[:first]) if e.teach is not None]
        decided = [e for e in events[first:] if e.teach is not None]
        if on_findings and decided:
            on = on_findings[0]
            early_until = max([d for d, _e, _w in group[:on]] or [0])
            if steps and on:
                early_until = max(early_until, steps[-1].until)
            asked = [events[i].teach for i in on_findings]
            early = (
                "\n".join(t.question for t in asked if t is not None),
                "\n".join(t.answer for t in asked if t is not None and t.answer) or None,
                on,
                early_until,
            )
            question = "\n".join(e.teach.question for e in decided if e.teach is not None)
            answer = (
                "\n".join(e.teach.answer for e in decided if e.teach and e.teach.answer) or None
            )
        steps.append(
            TeachingStep(
                day,
                events,
                caption,
                "\n".join(notes),
                question,
                answer,
                until,
                first,
                shown_until,
                also,
                tuple(sorted(stops_told - told_before)),
                *early,
            )
        )
    if steps and deferred:
        # (an end after the last step's days: told with the last step)
        closing = steps[-1]
        words = "\n".join(w for _d, w, _k in deferred)
        steps[-1] = evolve(closing, notes=(closing.notes + "\n" if closing.notes else "") + words)
    told_ids = {e.id for step in steps for e in step.events}
    undated = _undated_tests(checked, told_ids)
    if steps and undated:
        # (a test the case relates to no event is told by no step: a PD-L1 score written
        # `date: unknown` was on a slide only as a marker's tooltip; the teacher's notes of the
        # first step say it, as the source gives it)
        opening = steps[0]
        said = "; ".join(undated)
        with_tests = (opening.notes + "\n" if opening.notes else "") + (
            f"Not dated, so told in no step: {said}."
        )
        steps[0] = evolve(opening, notes=with_tests)
    return steps


def _note_name(checked: Checked, e: Event) -> str:
    """An event as a step's notes name it: as the messages of the case name its dates ("The
    progression (lung)", "Cilta-cel"), with a capital."""
    ch = checked.chrono
    assert ch is not None
    named = anchor_name(ch, point_key(e, "start")).removeprefix("the start of ")
    return named[:1].upper() + named[1:]


def _undated_tests(checked: Checked, told: set[str]) -> list[str]:
    """The biomarker tests no step tells (not in ``told``) that the case does not date: written
    `unknown`, or neither dated nor put before or after any other event (:func:`_related`),
    in words."""
    plan, case = checked.schedule, checked.case
    assert plan is not None and case is not None
    out = []
    for e in case.events:
        if not isinstance(e, BiomarkerTest) or e.id in told:
            continue
        found = plan.start(e)
        if found is None:
            continue
        if (e.start is not None and e.start.kind == "unknown") or _unplaced(checked, e, found):
            out.append(_what(checked, e))
    return out


def _told_past(
    told_in: Callable[[Event], tuple[bool, int, int, int]],
    last: tuple[bool, int, int],
    e: Event,
) -> bool:
    """Whether ``e`` is told after ``last`` (its day and the event it is told with)."""
    return told_in(e)[:3] > last


def _imaging_notes(
    checked: Checked,
    noted: set[str],
    until: int,
    told_after: Callable[[Event], bool] = lambda _e: False,
) -> list[str]:
    """ "Also on the figure: imaging (whole-body scan) between July 2004 and July 2015: no
    uptake": the imaging studies with findings whose plausible day is no later than ``until``,
    that the figure does not leave out as told after the step (``told_after``: a pneumonia on
    imaging dated as the cytokine release syndrome of the next step was said "also on the
    figure" a step early, and was not on it), and that no step before said (``noted``, the
    ids said so far, to which these are added)."""
    plan, case = checked.schedule, checked.case
    assert plan is not None and case is not None
    out = []
    guessed: dict[str, str] | None = None
    for e in case.events:
        if not isinstance(e, Imaging) or not (e.findings or e.sites):
            continue
        at = plan.start(e)
        if at is None or at.day > until or e.id in noted or told_after(e):
            continue
        noted.add(e.id)
        what = "imaging" + (f" ({e.method})" if e.method else "")
        when = _inline(when_words(checked, at.day, (at.window.lo, at.window.hi)))
        if guessed is None:
            assert checked.chrono is not None
            guessed = inferred_dates(case, checked.chrono.canonical, plan.relative, plan.anchor)
        if checked.chrono is not None and checked.chrono.canonical(e.id) in guessed:
            # (marked as `show` and the figure mark it: "imaging, from month 24" of a date
            # dated as an inferred recurrence)
            when += " (inferred)"
        # (a finding's own full stop before the sites read "…findings.; brain")
        findings = (e.findings or "").strip().rstrip(".") if e.sites else (e.findings or "").strip()
        found = "; ".join(x for x in (findings, ", ".join(e.sites)) if x)
        out.append(f"Also on the figure: {what}, {when}: {found}")
    return out


def _stops(
    checked: Checked,
    group: list[tuple[int, Event, tuple[int, int]]],
    told: set[str],
    begun: Sequence[Event] | None = None,
    since: int | None = None,
    previous: Sequence[Event] = (),
) -> list[tuple[str, str]]:
    """The lines that end within a step's days, begun before them, for a reason the case
    gives (not a death, which the step tells): "L1 pembrolizumab stopped: toxicity", "L1
    CEF completed". Each line once (``told``: the regimens already said); none in a step
    that tells a death, nor one stopped for a toxicity the step says stopped it. ``begun``:
    the therapies the step begins, when it begins any: then only a line the case ends no
    later than one of them begins, and not one stopped for a progression (or the resistance
    it shows) that the step tells, which with its "→ L2" says so. ``since``: the first day
    after the step before; a line that ended from it on, before the step's first day, is
    told too, with its own date (each item is the words and that date, or ""), if the case
    puts its end no earlier than an event of that step (``previous``): told after it, an end
    in no stated order with it would read as coming after it."""
    plan = checked.schedule
    ch = checked.chrono
    assert plan is not None and ch is not None and checked.case is not None
    worse = any(
        (isinstance(e, DiseaseEvent) and e.type in _WORSE)
        or (isinstance(e, Response) and e.category == "PD")
        for _d, e, _w in group
    )
    days = [d for d, _e, _w in group]
    lo, hi = min(days), max(days)
    if any(isinstance(e, Death) for _d, e, _w in group):
        return []  # (a death ends every therapy: "death · L3 daratumumab stopped: other")
    out = []
    for ln in checked.lines:
        reg = ln.regimen
        if reg.id in told or reg.ongoing:
            continue
        causes = [c for c in ln.causes() if c != "death"]
        start, end = plan.start(reg), plan.end(reg)
        # (and one stopped on a day the case gives, for no reason it gives: nivolumab "between
        # July 2017 and March 2018", a complete response on PET in September, was told as if
        # still given)
        dated_stop = (
            not causes
            and reg.end_reason == "unknown"
            and reg.end_reported
            and end is not None
            and end.window.hi - end.window.lo <= 31
        )
        if (not ln.ended_by and not dated_stop) or start is None or end is None:
            continue
        if not causes and not dated_stop:
            continue
        end_at = point_key(reg, "end")
        # (or an end the schedule puts on the day of the step before, which the case puts
        # after every event of that step and before one of this: docetaxel + gemcitabine
        # "discontinued due to relevant side effects" after its stable disease and before the
        # progression that followed, all known only by order, was told by no step)
        between = (
            since is not None
            and end.day < since
            and bool(previous)
            and all(ch.puts_after(point_key(g, "start"), end_at) for g in previous)
            and any(ch.puts_after(end_at, point_key(g, "start")) for _d, g, _w in group)
        )
        # (or in the very window of an event of the step, the case not putting it after them
        # all: megestrol stopped after a recurrence of 2002, on a day of 2002 the schedule put
        # after the resection of that recurrence, was told by no step)
        same = (
            end.day > hi
            and any(w == (end.window.lo, end.window.hi) for _d, _g, w in group)
            and end.window.hi - end.window.lo < POS // 2
            and not all(ch.puts_after(point_key(g, "start"), end_at) for _d, g, _w in group)
        )
        if (
            not between
            and not same
            and not (lo if since is None else min(lo, since)) <= end.day <= hi
        ):
            continue
        if any(e is reg for _d, e, _w in group) or (
            start.day >= lo
            # (on the step's day, a line the case puts before an event of the step was not
            # begun within it: three lines of a history told in order, each stopped for no
            # response, all on one plausible day, said none of their stops)
            and not (
                start.day == lo
                and any(
                    ch.puts_after(point_key(reg, "start"), point_key(g, "start"))
                    for _d, g, _w in group
                )
            )
            # (nor one the case puts before any event of it: of two lines in no stated order,
            # each ended by a progression of the step, the second, in no order with the first
            # progression, was told stopped after the next line had begun and answered)
        ):
            continue  # (begun within the step: told as the step's decision)
        end_key = point_key(reg, "end")
        on = getattr(reg.end, "on", None)
        if (
            isinstance(on, Anchor)
            and on.event not in {g.id for _d, g, _w in group}
            and all(ch.puts_after(point_key(g, "start"), end_key) for _d, g, _w in group)
        ):
            # (dated as an event of a later step, after every event of this one: that step
            # tells it; ibrutinib, ended at a cardiotoxicity known only to follow a Richter
            # transformation, was "stopped: toxicity" in the transformation's step, then again)
            continue
        if (
            end.day == lo == hi
            and all(w[1] - w[0] > WIDE_WINDOW_DAYS for _d, _g, w in group)
            and all(ch.puts_after(point_key(g, "start"), end_key) for _d, g, _w in group)
        ):
            # (on the step's one plausible day, dated only within wide windows, an end the case
            # puts after every event of the step is a later step's: vemurafenib "stopped:
            # progression" was told with the response before that progression, all dated only
            # by order)
            continue
        if begun is not None:
            if not any(
                (least := ch.least(point_key(reg, "end"), point_key(b, "start"))) is not None
                and least >= 0
                for b in begun
            ):
                continue
            if worse and all(c in _WORSE or c.startswith("resistance") for c in causes):
                # (the step's progression and its "→ L3" say it: told, not said again)
                told.add(reg.id)
                continue
        agents = set(reg.agent_names())
        gap = end.day < lo  # (ended after the step before, before this step's first day)
        if causes == ["toxicity"] and any(
            isinstance(e, Toxicity)
            and e.action == "stopped"
            and (agents & set(e.agents) or reg.id in (e.regimen, e.action_on))
            for e in (checked.case.events if gap else (e for _d, e, _w in group))
        ):
            # (the step's toxicity says it: "attributed to nivolumab; action: stopped"; told,
            # not said again by a later step of the same plausible day; and one ended between
            # steps, by a toxicity a step of its own tells: nivolumab "stopped: toxicity" a
            # year after the step of the toxicities that stopped it)
            told.add(reg.id)
            continue
        if gap and (
            (end.window.lo <= NEG // 2 and end.window.hi >= POS // 2)
            # (supportive care is no step of the story: the end of a post-transplant
            # immunosuppression in 2019 read as news of the relapse of 2021)
            or reg.intent == "supportive"
            or (
                worse
                and all(
                    c in _WORSE or c.startswith("resistance") or c == "no response" for c in causes
                )
                # (the step's own change: megestrol, stopped after the recurrence of 2002, was
                # passed over at the recurrence of 2008, and its stop told by no step)
                and any(
                    x.found_by in {g.id for _d, g, _w in group} or x.found_by is None
                    for x in ln.ended_by
                )
            )
            # (nor one in no stated order with the step before, which its place after that
            # step would put it after: five chemotherapies "stopped: no response" read as
            # after four operations the case does not order with them)
            or not any(
                (least := ch.least(point_key(e, "start"), end_key)) is not None and least >= 0
                for e in previous
            )
        ):
            # (an end with no date at all is on no day a step could tell it by; and the
            # step's progression tells one stopped for a progression: "L3 stopped: progression
            # (month 4) · progression" said it twice)
            continue
        told.add(reg.id)
        # (its name, or its agents: the caption already told what it was when it began)
        what = reg.name or " + ".join(reg.agent_names())
        # (not "intent unknown", no word to set before a name: "intent unknown concurrent
        # chemoradiotherapy completed" read as one phrase)
        plain = what.lower().startswith(ln.label.lower()) or (
            ln.number is None and reg.intent == "unknown"
        )
        name = what if plain else f"{ln.label} {what}"
        cause = ", ".join(causes)
        # (an agent the step's new line goes on with was not stopped: "L≥3 ponatinib stopped:
        # recurrence → L≥4: blinatumomab + ponatinib" said ponatinib had been stopped)
        # (one the new line begins no later than this one ends: alemtuzumab begun again at no
        # stated time after a course stopped for no response was "went on", and dexamethasone
        # of a chemotherapy begun after a splenectomy)
        # (nor an agent the source does not name: two lines of "unspecified systemic
        # therapy", stopped for no response, read "(unspecified systemic therapy went on)")
        named = {x.agent.name for x in reg.exposures if not x.agent.unspecified}
        kept = [
            a
            for a in reg.agent_names()
            if a in named
            and any(
                isinstance(b, Regimen)
                and a in b.agent_names()
                and (least := ch.least(point_key(b, "start"), end_key)) is not None
                and least >= 0
                for b in begun or ()
            )
        ]
        own = _inline(when_words(checked, end.day, (end.window.lo, end.window.hi))) if gap else ""
        dated = f" ({own})" if own else ""
        if own and ch.canonical(end_key) in inferred_dates(
            checked.case, ch.canonical, plan.relative, plan.anchor
        ):
            # (as the step's own date says it: "L2 mogamulizumab completed (month 0.2)" of an
            # end the file infers, which `show` and the figure mark)
            dated = f" ({own}, inferred)"
        if not cause:
            out.append((f"{name} stopped{dated}", own))
        elif cause == "completed":
            out.append((f"{name} completed{dated}", own))
        elif kept:
            out.append((f"{name} changed: {cause} ({' + '.join(kept)} went on){dated}", own))
        else:
            out.append((f"{name} stopped: {cause}{dated}", own))
    return out


def _narrated(
    group: list[tuple[int, Event, tuple[int, int]]],
) -> list[tuple[int, Event, tuple[int, int]]]:
    """A step's items in the order its caption tells them: a response dated as an operation of
    the step (found on its specimen: `date: mastectomy`) after that operation, though the file
    lists it first so that the replay reads the response before the operation's own change
    (docs/rules.md, T001). "pathology: complete response · modified radical mastectomy" told
    the finding before the operation that gave it."""
    out = list(group)
    for item in group:
        e = item[1]
        if not isinstance(e, Response) or e.date.kind != "on" or not isinstance(e.date.on, Anchor):
            continue
        at = next((k for k, x in enumerate(out) if x[1].id == e.date.on.event), None)
        here = out.index(item)
        if at is not None and at > here and isinstance(out[at][1], Surgery):
            out.insert(at, out.pop(here))  # (after the operation, which moved up by one)
    return out


def _told_within(
    checked: Checked,
    groups: list[list[tuple[int, Event, tuple[int, int]]]],
    after: Callable[[Event, Event], bool],
) -> set[str]:
    """Tell each biomarker test within the step it falls in, among its findings, before its
    decision: a re-biopsy showing small-cell transformation between a progression and the
    platinum + etoposide it led to was on no slide (a test is no step of its own: a series of
    PSA values would be as many steps). A test falls in a step when its plausible day lies from
    the step's first event to its decision (to its last event, with none), and the case puts it
    neither before that first event nor after that decision. A test that falls after a step's
    decision and before the next step's first event, which the case puts neither before that
    decision nor after that event, opens the next step (:func:`_opening`): the tests that
    changed a diagnosis, done after an induction was begun and before its complete response,
    were on no slide. A test the case relates to no event (written `unknown`, before the last
    follow-up only) is in none. Returns the ids of the tests that open a step, which is still
    dated by its own first event."""
    openers: set[str] = set()
    plan = checked.schedule
    chrono = checked.chrono
    assert checked.case is not None and plan is not None and chrono is not None
    for e in checked.case.events:
        if not isinstance(e, BiomarkerTest):
            continue
        found = plan.start(e)
        if found is None or _unplaced(checked, e, found):
            continue  # (a test the case does not date is in no step)
        item = (found.day, e, (found.window.lo, found.window.hi))
        chosen: tuple[list[tuple[int, Event, tuple[int, int]]], int] | None = _workup_step(
            e, groups
        )
        # (not in a step before one the case puts it after: a sequencing of "resected tumor
        # tissue", the resection undated, was told on the first slide, five before the
        # resection's)
        follows = max(
            (n for n, group in enumerate(groups) for x in group if after(x[1], e)), default=-1
        )
        for n, group in enumerate(groups if chosen is None else ()):
            if n < follows:
                continue
            lead = _lead(group, openers)
            first = lead[1]
            decision = next((x for x in group if isinstance(x[1], _DECISIONS)), None)
            last = decision[0] if decision is not None else group[-1][0]
            if not lead[0] <= found.day <= last:
                continue
            if after(e, first) or (decision is not None and after(decision[1], e)):
                continue
            if chosen is not None and not after(chosen[0][-1][1], e):
                break
            # (and a later step of the same plausible day where the case puts the test after
            # every event of this one: a rapid autopsy's sequencing, dated at the death, was
            # told with the first response of a case dated only by order, and that step's
            # figure showed the whole course)
            chosen = group, group.index(decision) if decision is not None else len(group)
        if chosen is None:
            found_place = _opening(groups, item, after, openers)
            if found_place is not None:
                chosen, opens = found_place
                if opens:
                    openers.add(e.id)
        if chosen is not None:
            group, at = chosen
            # (a test dated as one of the step's events, `date: progression`, is told right
            # after it: an AFP "increased" at a progression was told after the transplant
            # that progression led to)
            on = e.date.on if e.date.kind == "on" else None
            if isinstance(on, Anchor) and on.part in (None, "start"):
                j = next((n for n, x in enumerate(group) if x[1].id == on.event), None)
                if j is not None and j + 1 < at:
                    at = j + 1
                    # (after the tests dated on it already told, in the file's order: ER,
                    # PgR and HER2 of one biopsy were told HER2, PgR, ER)
                    while at < len(group) and _dated_on(group[at][1], on.event):
                        at += 1
            # (and before the last follow-up or a death that closes the step: a follow-up
            # dated as the biopsy that ends a case was told before it)
            closing = next(
                (n for n, x in enumerate(group) if isinstance(x[1], FollowUp | Death)), None
            )
            if closing is not None and closing < at:
                at = closing
            group.insert(at, item)
    return openers


def _dated_on(e: Event, event_id: str) -> bool:
    """Whether ``e`` is a biomarker test dated as the event ``event_id`` (`date: biopsy`)."""
    on = e.date.on if isinstance(e, BiomarkerTest) and e.date.kind == "on" else None
    return isinstance(on, Anchor) and on.part in (None, "start") and on.event == event_id


def _workup_step(
    test: BiomarkerTest, groups: list[list[tuple[int, Event, tuple[int, int]]]]
) -> tuple[list[tuple[int, Event, tuple[int, int]]], int] | None:
    """The step whose decision a test dated only by order before it is the work-up of (``{after:
    diagnosis, before: olaparib.start}``: after nothing but the diagnosis), and where in the
    step it goes: before that decision. A somatic BRCA1 result known only to precede olaparib
    was told on the first slide, with the diagnosis and the first line, by the day the
    plausible schedule gave it, and the olaparib step did not say why olaparib. None for a
    test dated otherwise."""
    date = test.date
    before, since = date.before, date.after
    if (
        not date.by_order_only
        or not isinstance(before, Anchor)
        or before.part not in (None, "start")
        or (isinstance(since, Anchor) and since.event != "diagnosis")
        or (since is not None and not isinstance(since, Anchor))
    ):
        return None
    for group in groups:
        for at, (_d, e, _w) in enumerate(group):
            if isinstance(e, _DECISIONS) and e.id == before.event:
                return group, at
    return None


def _opening(
    groups: list[list[tuple[int, Event, tuple[int, int]]]],
    item: tuple[int, Event, tuple[int, int]],
    after: Callable[[Event, Event], bool],
    openers: set[str],
) -> tuple[tuple[list[tuple[int, Event, tuple[int, int]]], int], bool] | None:
    """Where a test in no step's span is told: in the first step it does not come after (by
    the case's order or windows, or by the plausible schedule where the case does not put it
    before that step's end), when the case puts it after an event of an earlier step, and
    before that step's first event or its decision (by their order or their windows). Before
    the first event it opens the step (after the tests that opened it before, in the file's
    order; the second value True), else it is told before the decision. None when there is
    none: a test known only to follow the diagnosis, wherever the plausible schedule spreads
    it, is in no step."""
    day, test, (lo, hi) = item

    def before(x: tuple[int, Event, tuple[int, int]]) -> bool:
        return after(test, x[1]) or hi < x[2][0]

    def since(x: tuple[int, Event, tuple[int, int]]) -> bool:
        return after(x[1], test) or lo > x[2][1]

    for at, group in enumerate(groups):
        decision = next((x for x in group if isinstance(x[1], _DECISIONS)), None)
        # (past a step the case puts it after, or the plausible schedule does, where the case
        # does not put it before that step's end: its decision, or its last event)
        end = decision if decision is not None else group[-1]
        if since(end) or (day > end[0] and not before(end)):
            continue
        if not any(since(x) for earlier in groups[:at] for x in earlier):
            return None
        lead = _lead(group, openers)
        if before(lead):
            return (group, group.index(lead)), True
        if decision is not None and before(decision):
            return (group, group.index(decision)), False
        if decision is None:
            # (a step of findings alone, which the case puts it neither before nor after:
            # told after them, with its own date; a kinase-domain mutation known only between
            # imatinib's start and dasatinib's, spread before the loss of response, was on no
            # slide)
            return (group, len(group)), False
        return None
    return None


def _unplaced(checked: Checked, test: BiomarkerTest, found: Planned) -> bool:
    """Whether the case neither dates ``test`` (planned at ``found``) nor puts it before or
    after another event: no step tells it."""
    return (
        found.window.lo <= NEG // 2 and found.window.hi >= POS // 2 and not _related(checked, test)
    )


def _related(checked: Checked, test: BiomarkerTest) -> bool:
    """Whether the case puts ``test`` before or after an event other than the last follow-up
    or death (which every event precedes) and the diagnosis: dated by order, where its window
    is open both ways (in a case told in distances, counted from an event it is at no stated
    distance from)."""
    chrono = checked.chrono
    assert checked.case is not None and chrono is not None
    key = point_key(test, "start")
    for other in checked.case.events:
        if other is test or isinstance(other, (FollowUp, Death)):
            continue
        there = point_key(other, "start")
        if chrono.least(there, key) is not None or chrono.least(key, there) is not None:
            return True
    return False


def age_told_later(case: Case, plan: Schedule | None = None) -> bool:
    """Whether the age the case gives is the patient's at a later turn of the story: at a
    change of the disease, a response or the death, or at a toxicity or a complication the
    schedule puts after the first treatment begins ("74-year-old man (age at the autoimmune
    hemolytic anemia)" over the first step of a deck told of an event two decades on; not the
    presenting complication); so is an age at a therapy or an operation after the first
    treatment, or at one a question asks for ("22-year-old woman (age at the transplant)" on
    the title slide of a deck whose question asks what to do after seven failed therapies).
    An age at the first treatment is not."""
    age = case.patient.age
    at = age.at if age is not None else None
    if at is None or at.kind != "on" or not isinstance(at.on, Anchor) or not age_when(case):
        return False
    e = case.event(at.on.event)
    if isinstance(e, DiseaseEvent | Response | Death | SecondPrimary):
        return True
    if isinstance(e, Regimen | Radiotherapy | Surgery | Transplant) and e.teach is not None:
        return True
    if not isinstance(e, Toxicity | Complication | Regimen | Radiotherapy | Surgery | Transplant):
        return False
    if plan is None:
        return False
    found = plan.start(e)
    therapies = [
        x for x in case.events if isinstance(x, Regimen | Radiotherapy | Surgery | Transplant)
    ]
    starts = [p.day for x in therapies if (p := plan.start(x)) is not None]
    if found is None or not starts or found.day <= min(starts):
        return False
    # (nor one the case puts before the first therapy: a presenting dyspnoea, the diagnosis
    # after it and the first line after that, all on one plausible day; not a later one: a
    # carcinoid heart disease ten years on, before its octreotide, stood on the title slide)
    at_e = point_key(e, "start")
    first = min(starts)
    return not any(
        (least := plan.chrono.least(at_e, point_key(x, "start"))) is not None
        and least >= 0
        and (p := plan.start(x)) is not None
        and p.day == first
        for x in therapies
    )
