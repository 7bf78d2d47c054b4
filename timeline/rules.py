"""The clinical rules, each a free function over a case, its resolved dates and the machine.

Every rule adds problems with a stable code (see :data:`timeline.problems.CODES` and
docs/rules.md). Dates are uncertain, so each rule asks whether a fact is *possible* or
*certain* under the bounds of the dates involved, and reports only what is certainly wrong
(errors) or worth a second look (warnings).

Choices made here, documented in docs/rules.md:

* A response belongs to a therapy that was active when it was assessed, or that ended at most
  :data:`RESPONSE_WINDOW_DAYS` before (restaging usually follows the last cycle by weeks).
* A regimen "ended for progression" when a progression or recurrence falls in the window of
  :func:`timeline.queries.ended_in_window` around its end.
* Events that the dates cannot order are replayed in file order.
"""

from __future__ import annotations

import datetime
import itertools
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import TypeVar

from attrs import define, field

from timeline.catalogue import Catalogue
from timeline.chronology import NEG, POS, Bounds, Chronology, dose_change_key
from timeline.dates import DAYS_PER_MONTH, Anchor, CalendarDate, DateSpec
from timeline.model import (
    NO_STATE,
    REGIONAL_ROUTES,
    BiomarkerTest,
    Case,
    Death,
    DiseaseEvent,
    Event,
    Exposure,
    FollowUp,
    Imaging,
    Pregnancy,
    Radiotherapy,
    Regimen,
    Resistance,
    Response,
    Surgery,
    Toxicity,
    Transplant,
)
from timeline.points import since
from timeline.problems import Location, Problems, suggest
from timeline.queries import (
    END_WINDOW_AFTER_DAYS,
    END_WINDOW_BEFORE_DAYS,
    RESPONSE_WINDOW_DAYS,
    TRANSPLANT_RESPONSE_DAYS,
    answered_by,
    answered_earlier,
    assessed_on,
    date_specs,
    end_key,
    in_order,
    in_plausible_order,
    point_key,
    progression_events,
    regimens_by_start,
    start_key,
    teaching_kind,
    therapies,
    timing_tells,
)
from timeline.schedule import Schedule, anchor_name, plan, stated_root
from timeline.states import INITIAL, REPORTED_STATE, STATES, Machine, compiled_machine
from timeline.values import value_repr
from timeline.wording import STATUS_WORDS

__all__ = [
    "RULES",
    "Context",
    "Step",
    "replay",
    "run_rules",
    "state_events",
]

_TARGET = {
    "surgery:curative": "ned",
    "recurrence": "pd",
    "progression": "pd",
    "response:PD": "pd",
    "response:CR": "cr",
    "response:PR": "pr",
    "response:SD": "sd",
    "death": "dead",
}


@define(repr=False)
class Step:
    """One move of the replay: the event, the trigger, and the states before and after."""

    __repr__ = value_repr

    event: Event
    trigger: str
    before: str
    after: str
    allowed: bool


_K = TypeVar("_K", bound=Event)


@define(repr=False)
class Context:
    """What every rule works on: the case, its resolved dates, the catalogue, the machine, the
    problems found so far, and the steps of the replay."""

    __repr__ = value_repr

    case: Case
    chrono: Chronology
    catalogue: Catalogue
    problems: Problems
    machine: Machine = field(factory=compiled_machine)
    steps: list[Step] = field(factory=list)
    _of: dict[type, list[Event]] = field(factory=dict, init=False)
    #: the plausible schedule, once asked (:meth:`schedule`): a list of none or one
    _plan: list[Schedule | None] = field(factory=list, init=False)

    def schedule(self) -> Schedule | None:
        """The plausible schedule of the case (:func:`~timeline.schedule.plan`), made when
        first asked; None when the dates contradict each other (their windows are not
        settled). The replay asks it only where an event's window reaches past the earliest
        day of a later one the case does not put after it; the result keeps it."""
        if not self._plan:
            self._plan.append(plan(self.chrono) if self.chrono.settled else None)
        return self._plan[0]

    @property
    def planned(self) -> Schedule | None:
        """The plausible schedule, if the replay has made it (:meth:`schedule`)."""
        return self._plan[0] if self._plan else None

    @cached_property
    def regimens(self) -> list[Regimen]:
        """The regimens of the case, in file order (read once for all the rules)."""
        return self.case.regimens()

    @cached_property
    def progressions(self) -> list[Event]:
        """The recurrences, progressions and PD responses, in file order
        (:func:`~timeline.queries.progression_events`, read once for all the rules)."""
        return progression_events(self.case)

    @cached_property
    def therapies(self) -> list[Regimen | Radiotherapy]:
        """The anti-cancer therapies (:func:`~timeline.queries.therapies`), read once."""
        return therapies(self.case)

    def of(self, kind: type[_K]) -> list[_K]:
        """The events of one type, in file order (each type looked for once for all the
        rules, which ask for resistances, toxicities or the follow-up many times a case)."""
        found = self._of.get(kind)
        if found is None:
            found = self._of[kind] = [e for e in self.case.events if isinstance(e, kind)]
        return found  # type: ignore[return-value]

    @cached_property
    def exposures(self) -> list[tuple[Regimen, Exposure]]:
        """Every exposure of the case with its regimen, in file order."""
        return [(r, e) for r in self.regimens for e in r.exposures]

    def where(self, event: Event | Exposure) -> Location:
        """Where to report a problem about an event (the case file when it has no line)."""
        return event.location or Location(self.case.path)

    def when(self, item: Event | Exposure, part: str = "start") -> str:
        """An event's date in words for a message (:meth:`Chronology.when`); where nothing
        links it to the diagnosis either, its distance from the point its own date is stated
        from, as `show` counts a case's months from it: a relapse "at almost 1 year" after CAR
        T cells, "≈ month 10.8" in `show`, was "(unknown)" in X001's message."""
        said = self.chrono.when(item, part)
        if said != "unknown":
            return said
        own = point_key(item, part)
        root = stated_root(self.chrono, own)
        if root is None or root == self.chrono.canonical(own):
            return said
        return self.chrono.distance_text(root, own, anchor_name(self.chrono, root))

    def lo(self, b: Bounds) -> int:
        """The earliest day of a point's bounds."""
        return b.lo

    def hi(self, b: Bounds) -> int:
        """The latest day of a point's bounds."""
        return b.hi


def trigger_of(event: Event) -> str | None:
    """The trigger with which an event moves the disease state (``surgery:curative``,
    ``recurrence``, ``progression``, ``response:XX``, ``death``), or None."""
    if isinstance(event, Surgery):
        return "surgery:curative" if event.curative and event.oncologic else None
    if isinstance(event, DiseaseEvent):
        return event.type
    if isinstance(event, Response):
        # NE, no response (SD or PD, not told which) and responses in the authors' own words
        # ('unknown') move no state
        return None if event.category in NO_STATE else f"response:{event.category}"
    if isinstance(event, Death):
        return "death"
    return None


def state_events(ctx: Context) -> list[Event]:
    """The events that move the disease state, in the order the drawing places them (the
    plausible schedule's, where the windows leave the order open: :func:`in_plausible_order`), unless
    the order of their earliest days takes fewer changes the state machine does not allow:
    a CR known only to come in 1981, placed at mid-year, after a PD of March and just before
    a PR of July, was replayed CR to PR, which the dates do not force (CR, PD, PR is as true
    to them)."""

    def days() -> Callable[[Event], int | None] | None:
        found = ctx.schedule()
        if found is None:
            return None
        return lambda e: None if (p := found.start(e)) is None else p.day

    events = [e for e in ctx.case.events if trigger_of(e)]
    told = in_plausible_order(ctx.chrono, events, days)
    if not ctx.planned:
        return told  # (no window overlapped: the order of the earliest days)
    earliest = in_order(ctx.chrono, events, stated=True)
    if earliest != told and _not_allowed(ctx, earliest) < _not_allowed(ctx, told):
        return earliest
    return told


def _not_allowed(ctx: Context, events: list[Event]) -> int:
    """How many changes of state along no edge of the machine a replay in this order makes."""
    state, count = INITIAL, 0
    for event in events:
        trigger = trigger_of(event)
        assert trigger is not None
        target = _TARGET[trigger]
        count += not ctx.machine.has_edge(state, target)
        state = target
    return count


class _Reach:
    """Items given as (earliest, latest) day pairs, asked whether one has an earliest day at
    most one day and a latest day at least another: the greatest latest day among the items
    whose earliest day is at most a given day, found by bisection (so that a rule that asks it
    of every event of a long case stays n log n)."""

    def __init__(self, pairs: Iterable[tuple[int, int]]) -> None:
        ordered = sorted((lo, hi, i) for i, (lo, hi) in enumerate(pairs))
        self._los = [lo for lo, _, _ in ordered]
        self._his = [hi for _, hi, _ in ordered]
        self._order = [i for _, _, i in ordered]
        self._most: list[int] = []
        most = NEG - 1
        for _, hi, _ in ordered:
            most = max(most, hi)
            self._most.append(most)

    def latest_from(self, at_most: int) -> int | None:
        """The greatest latest day of the items whose earliest day is at most ``at_most``
        (None when there is none)."""
        i = bisect_right(self._los, at_most)
        return self._most[i - 1] if i else None

    def any(self, earliest_at_most: int, latest_at_least: int) -> bool:
        """Whether an item has an earliest day at most the one and a latest day at least the
        other."""
        most = self.latest_from(earliest_at_most)
        return most is not None and most >= latest_at_least

    def which(self, earliest_at_most: int, latest_at_least: int) -> Iterator[int]:
        """The items (by their place in the pairs given) with an earliest day at most the one
        and a latest day at least the other, the latest earliest day first; it stops where no
        earlier item can have a late enough latest day."""
        i = bisect_right(self._los, earliest_at_most) - 1
        while i >= 0 and self._most[i] >= latest_at_least:
            if self._his[i] >= latest_at_least:
                yield self._order[i]
            i -= 1


# -- the rules ---------------------------------------------------------------------------------
def replay(ctx: Context) -> None:
    """T001/T002/T003: replay the state events through the machine's edges."""
    state = INITIAL
    last_pd: Event | None = None
    # a therapy started between a progression and a response (guard "new-therapy"): its start
    # can fall no earlier than the progression and no later than the response
    starts = _Reach((b.lo, b.hi) for b in (ctx.chrono.start(t) for t in ctx.therapies))
    for event in state_events(ctx):
        trigger = trigger_of(event)
        assert trigger is not None
        target = _TARGET[trigger]
        if not ctx.machine.has_edge(state, target):
            allowed = sorted({STATES[s][0] for s in ctx.machine.successors(state)}) or ["nothing"]
            fix = "Record the event in between, or correct the category"
            before = ctx.steps[-1].event if ctx.steps else None
            if (
                isinstance(before, Surgery)
                and isinstance(event, Response)
                and ctx.chrono.start(before) == ctx.chrono.start(event)
            ):
                # a response found on the resected specimen ("pathological complete
                # response") assesses the therapy before the operation: replayed first
                fix = (
                    f"If it was found on the specimen of '{before.label()}' (a pathological"
                    " response), list it before the operation in the file: events of one day"
                    " are replayed in file order"
                )
            if state == "ned" and isinstance(event, Response):
                # (a germ-cell tumour's "complete remission" after the resection of its
                # residual mass is what the operation left, not a new category; the only fix
                # offered, to list it before the operation, said it was found on the specimen)
                fix += (
                    "; if the source states the remission an operation left, the disease is"
                    " already NED: leave the response out, or keep the authors' words as a"
                    " response of 'category: unknown' with 'authors_term', or give the last"
                    " follow-up 'status: alive-ned'"
                )
            ctx.problems.add(
                "T001",
                ctx.where(event),
                f"'{event.label()}' ({ctx.when(event)}) moves the disease from {STATES[state][0]} to"
                f" {STATES[target][0]}, which the state machine does not allow; after"
                f" {STATES[state][0]} only {', '.join(allowed)} can follow. {fix}",
            )
            ctx.steps.append(Step(event, trigger, state, target, False))
        else:
            edge = ctx.machine.edges[state, target]
            if trigger not in edge["triggers"] and not _recurs_after_unknown_resection(
                ctx, state, trigger, event
            ):
                expected = " or ".join(
                    t.replace("response:", "a response ") for t in edge["triggers"]
                )
                fix = "use that type"
                if trigger == "recurrence":
                    # a recurrence says the disease had gone: an operation before it that the
                    # file does not call curative may be what the source means
                    ops = [
                        e
                        for e in ctx.case.events
                        if isinstance(e, Surgery)
                        and e.oncologic
                        and e.curative is not True
                        and (
                            gap := ctx.chrono.least(
                                point_key(e, "start"), point_key(event, "start")
                            )
                        )
                        is not None
                        and gap >= 0
                    ]
                    if ops:
                        fix += (
                            f", or, if the source says '{ops[-1].label()}' left no evidence of"
                            " disease, mark it 'curative: true'"
                        )
                    # (a leukaemia "relapsed" after a first course: the remission the word
                    # implies is not reported, and writing one would invent its category)
                    fix += (
                        "; if the source calls it a relapse after a remission it does not"
                        " report, keep the type and acknowledge this warning with that reason"
                    )
                ctx.problems.add(
                    "T003",
                    ctx.where(event),
                    f"'{event.label()}' is a {trigger.replace('response:', 'response ')} but it leaves"
                    f" {STATES[state][0]}, where this change is a {expected}; {fix}",
                )
            if (
                edge.get("guard") == "new-therapy"
                and last_pd is not None
                and not starts.any(ctx.chrono.start(event).hi, ctx.chrono.start(last_pd).lo)
            ):
                ctx.problems.add(
                    "T002",
                    ctx.where(event),
                    f"'{event.label()}' ({ctx.when(event)}) is a response after progression '{last_pd.label()}'"
                    f" ({ctx.when(last_pd)}) with no therapy started since; if the same"
                    " treatment went on beyond progression, say so in a note",
                )
            ctx.steps.append(Step(event, trigger, state, target, True))
        if target == "pd":
            last_pd = event
        state = target


def _recurs_after_unknown_resection(ctx: Context, state: str, trigger: str, event: Event) -> bool:
    """Whether a recurrence out of Diagnosed comes after a cancer operation the file marks
    ``curative: unknown``: the authors' word "recurrence" says they took the disease to be
    gone, which the file cannot assert; the warning would push the curator to invent either
    way (a different type, or a complete resection), so it is not raised. An operation marked
    not curative (``curative: false``, the default) still gets it. Nor is it raised in a case
    whose file records none of the therapy given before it (``prior_lines``): a
    neuroblastoma relapsing eleven years after a first treatment the abstract does not
    describe went into remission on it, which the file cannot record; nor after a regimen
    given with curative-intent radiotherapy (``definitive``)."""
    if trigger != "recurrence" or state != INITIAL:
        return False
    prior = ctx.case.prior_lines
    if prior.least > 0 or not prior.exact:
        return True
    # nor after chemotherapy of curative-intent radiotherapy (`definitive`): a cervical cancer
    # "recurring" after concurrent chemoradiation whose response the abstract does not give
    for reg in ctx.regimens:
        if reg.intent == "definitive":
            gap = ctx.chrono.least(start_key(reg), point_key(event, "start"))
            if gap is not None and gap >= 0:
                return True
    return _resection_of_unknown_outcome(ctx, before=event)


def _resection_of_unknown_outcome(
    ctx: Context, *, after: Event | None = None, before: Event | None = None
) -> bool:
    """Whether a cancer operation marked ``curative: unknown`` comes no earlier than ``after``
    or no later than ``before`` (the one given), by the case's dates."""
    for e in ctx.case.events:
        if isinstance(e, Surgery) and e.oncologic and e.curative is None:
            a, b = (after, e) if after is not None else (e, before)
            assert a is not None and b is not None
            gap = ctx.chrono.least(point_key(a, "start"), point_key(b, "start"))
            if gap is not None and gap >= 0:
                return True
    return False


def _assessment(r: Response) -> str:
    """ "a PR assessment", "an SD assessment", "a response in the authors' words", "an
    assessment of no response"."""
    if r.category == "unknown":
        return "a response in the authors' words"
    if r.category == "NR":
        return "an assessment of no response"
    article = "an" if r.category[:1] in "AEFHILMNORSX" else "a"
    return f"{article} {r.category} assessment"


def responses_need_therapy(ctx: Context) -> None:
    """R001: a response is assessed on a therapy, or in documented follow-up after one.

    Checked once the dates hold together: with a chronology error, the therapies' windows are
    not to be trusted, and the error itself is what to mend."""
    if any(p.code in ("C001", "C003", "C004") for p in ctx.problems.items):
        return
    treatments = ctx.therapies
    # (earliest start, latest end) of each therapy: one was active at a response when it can
    # have started by then and ended at most the window before; a transplant answers a
    # response up to its restaging about day +100 ("CR 3 months after ASCT")
    later = TRANSPLANT_RESPONSE_DAYS - RESPONSE_WINDOW_DAYS
    spans = _Reach(
        [(ctx.chrono.start(t).lo, ctx.chrono.end(t).hi) for t in treatments]
        + [
            (b.lo, b.hi + later)
            for t in ctx.case.events
            if isinstance(t, Transplant)
            for b in (ctx.chrono.start(t),)
        ]
    )
    treated = [point_key(t, "start") for t in treatments] + [
        point_key(t, "start") for t in ctx.case.events if isinstance(t, Transplant)
    ]
    for r in ctx.of(Response):
        rb = ctx.chrono.start(r)
        if r.setting == "follow-up":
            if spans.latest_from(rb.hi) is None:
                ctx.problems.add(
                    "R001",
                    ctx.where(r),
                    f"'{r.label()}' ({ctx.when(r)}) is marked as follow-up, but no therapy came before it;"
                    " add the therapy it follows",
                )
            continue
        # (or one the case puts before every therapy, whatever their windows: a "first
        # remission" known only to come between the diagnosis and a relapse treated with
        # radiotherapy and high-dose chemotherapy had no warning, its window overlapping
        # theirs, and the deck told "treatment so far: none" before it)
        first = point_key(r, "start")
        ahead = bool(treated) and all(ctx.chrono.puts_after(first, key) for key in treated)
        if ahead or not spans.any(rb.hi, rb.lo - RESPONSE_WINDOW_DAYS):
            ctx.problems.add(
                "R001",
                ctx.where(r),
                f"'{r.label()}' ({ctx.when(r)}) is {_assessment(r)}, but no therapy was active then"
                f" or within {RESPONSE_WINDOW_DAYS // 7} weeks before; add the therapy, or mark an"
                " off-treatment assessment with 'setting: follow-up'",
            )


def follow_up_during_therapy(ctx: Context) -> None:
    """R008: a response marked ``setting: follow-up`` (an assessment after therapy stopped)
    that the case dates while the last regimen begun before it is certainly still given: begun
    at least a day before it, and ended (by a reported end) at least a day after it, or still
    given at the last follow-up. Supportive care does not count, nor a regimen begun before the
    last one (androgen deprivation going on under docetaxel: a response after docetaxel
    stopped is follow-up after it)."""
    if ctx.problems.has_errors:
        return  # (dates in a circle or in contradiction order nothing)
    for r in ctx.of(Response):
        if r.setting != "follow-up":
            continue
        at = point_key(r, "start")
        begun = [
            reg
            for reg in ctx.regimens
            if reg.intent != "supportive" and _certainly_before(ctx, point_key(reg, "start"), at)
        ]
        if not begun:
            continue
        reg = max(begun, key=lambda g: (ctx.chrono.start(g).lo, g.index))
        if reg.ongoing or (reg.end_reported and _certainly_before(ctx, at, point_key(reg, "end"))):
            ctx.problems.add(
                "R008",
                ctx.where(r),
                f"'{r.label()}' ({ctx.when(r)}) is marked 'setting: follow-up', an"
                f" assessment after therapy stopped, but '{reg.label()}' is still given then"
                f" ({ctx.when(reg)} to"
                f" {'the last follow-up' if reg.ongoing else ctx.when(reg, 'end')});"
                " leave 'setting' out, or correct the dates",
            )


def response_past_an_unreported_end(ctx: Context) -> None:
    """R005: an on-treatment response, more than the response window after a regimen started,
    when that regimen (its end not reported) is the only therapy it can have been assessed on
    (:func:`timeline.queries.assessed_on`).

    A regimen whose end the case does not report has its length "not known", and is drawn
    fading out after the last response assessed on it; an assessment made on it a year later
    says it was still given (trifluridine/tipiracil taken for 27 months was drawn as a stub a
    month long). The file should say so: the end, ``end_reason: ongoing``, or ``setting:
    follow-up`` for an assessment made after the therapy had stopped."""
    if any(p.code in ("C001", "C003", "C004") for p in ctx.problems.items):
        return
    for regimen_id, responses in assessed_on(ctx.case, ctx.chrono).items():
        regimen = ctx.case.event(regimen_id)
        assert isinstance(regimen, Regimen)
        for r, gap in responses:
            if gap is None or gap <= RESPONSE_WINDOW_DAYS:
                continue
            ctx.problems.add(
                "R005",
                ctx.where(r),
                f"'{r.label()}' ({ctx.when(r)}) is {_assessment(r)} on treatment,"
                f" at least {gap // 7} weeks after '{regimen.label()}' started ({ctx.when(regimen)}),"
                f" and the case does not report when '{regimen.label()}' ended; give its end,"
                " 'end_reason: ongoing' if it was still given at the last follow-up, or mark an"
                " assessment made after it stopped 'setting: follow-up'; if the source does not"
                " say, acknowledge this warning with that reason",
            )


class _Given:
    """The exposures of a case, in file order, and by agent (so that a rule that looks for
    the exposures to one agent does not read them all for every resistance)."""

    def __init__(self, exposures: list[tuple[Regimen, Exposure]]) -> None:
        self.all = exposures
        self._by_agent: dict[str, list[int]] = {}
        for i, (_, exp) in enumerate(self.all):
            self._by_agent.setdefault(exp.agent.name, []).append(i)

    def matching(self, ctx: Context, res: Resistance) -> list[tuple[Regimen, Exposure]]:
        """The exposures (with their regimens) that ``res`` is about, in file order."""
        if res.agent is not None:
            found = self._by_agent.get(res.agent, [])
        elif res.agents:
            found = sorted(i for name in res.agents for i in self._by_agent.get(name, []))
        else:
            assert res.agent_class is not None
            names = ctx.catalogue.member_names(res.agent_class)
            found = sorted(i for name in names for i in self._by_agent.get(name, []))
        return [self.all[i] for i in found if _matches(ctx, res, self.all[i][1])]


def _matches(ctx: Context, res: Resistance, exp: Exposure) -> bool:
    if res.agent is not None:
        return exp.agent.name == res.agent and not exp.agent.unspecified
    if res.agents:
        return exp.agent.name in res.agents and not exp.agent.unspecified
    assert res.agent_class is not None
    return exp.agent.name in ctx.catalogue.member_names(res.agent_class)


def _possibly_on(
    ctx: Context, p: Event, exp: Exposure, window: int, regimen: Regimen | None = None
) -> bool:
    """Whether progression ``p`` can fall while ``exp`` was given, or within ``window`` days
    after it stopped, under some reading of the dates (the network's distances when the two
    are linked, their windows otherwise). A progression dated as the exposure's start is (the
    same month, say), written before its regimen and not put after the start, is the one the
    regimen answered, not one on it (a recurrence of January 2017 "on" the gefitinib started
    that January, which a resistance to gefitinib rested on)."""
    # the windows first: they must meet under any reading, and comparing them costs nothing
    pb = ctx.chrono.start(p)
    if regimen is not None and answered_by(ctx.chrono, p, regimen, exp):
        return False
    if not (ctx.chrono.start(exp).lo <= pb.hi and ctx.chrono.end(exp).hi + window >= pb.lo):
        return False
    start, end = point_key(exp, "start"), point_key(exp, "end")
    key = point_key(p, "start")
    # (by the fewest days between them, which a date known only by order still has)
    before_start = ctx.chrono.least(key, start)  # p certainly before the start
    if before_start is not None and before_start > 0:
        return False
    after_end = ctx.chrono.least(end, key)  # p certainly more than the window after the end
    return after_end is None or after_end <= window


def _contradicted(ctx: Context) -> bool:
    """Whether the case's dates are in contradiction or in a circle (C001, C003, C004): their
    error says it, and a rule asking the dates then reads windows that end before they
    begin."""
    return any(p.code in ("C001", "C003", "C004") for p in ctx.problems.items)


def resistance_needs_progression(ctx: Context) -> None:
    """X001: resistance rests on progression on (or within a window after) that agent or class,
    or, by its ``basis``, on a response that fell short (SD, NE, or one in the authors' words:
    "no major molecular response at 12 months", a failure by the ELN milestones in CML)."""
    if not ctx.of(Resistance) or _contradicted(ctx):
        return  # (dates in contradiction place nothing: "51 months to -1339 days after")
    pds = ctx.progressions
    progressions = {id(p) for p in pds}
    exposed = _Given(ctx.exposures)
    for res in ctx.of(Resistance):
        rb = ctx.chrono.start(res)
        window = res.window.days_range()[1] if res.window else 0
        candidates: Iterable[Event] = pds
        basis_named: Event | None = None
        if res.basis is not None:
            basis = ctx.case.event(res.basis.event)
            if basis is None:
                continue  # reported as S007 by the chronology
            short = isinstance(basis, Response) and basis.category not in ("CR", "PR")
            if id(basis) not in progressions and not short:
                ctx.problems.add(
                    "X001",
                    ctx.where(res),
                    f"'{res.label()}' rests on '{basis.label()}', which is a {basis.kind}"
                    + (f" ({basis.category})" if isinstance(basis, Response) else "")
                    + ", not a progression, a recurrence or a response that fell short (SD, NE,"
                    " no response, or in the authors' words); point 'basis' at the progression",
                )
                continue
            candidates = [basis]
            basis_named = basis
        pairs = exposed.matching(ctx, res)
        exposures = [e for _, e in pairs]
        if not exposures and "exposure" in ctx.case.unreadable_types:
            continue  # the exposure had an error of its own (a misspelt agent), reported
        found = False
        for p in candidates:
            after = ctx.chrono.least(res.id, point_key(p, "start"))  # p - res, at the fewest
            if after is not None and after > 0:
                continue  # the progression certainly comes after the resistance
            if after is None and ctx.chrono.start(p).lo > rb.hi:
                continue
            if any(_possibly_on(ctx, p, exp, window, reg) for reg, exp in pairs):
                found = True
                break  # one progression on the agent is enough
        if not found:
            target = res.agent or " + ".join(res.agents) or f"the class '{res.agent_class}'"
            given = (
                ", ".join(sorted({e.agent.name for e in exposures})) or "never given in this case"
            )
            if basis_named is not None:
                # (its basis named: "no progression is recorded" said nothing of the response
                # in the authors' words the file gives as the reason)
                said = (
                    f"'{res.label()}' ({ctx.when(res)}) declares resistance to {target}"
                    f" on '{basis_named.label()}', which is not recorded while it was given,"
                    f" nor before the resistance (exposures: {given}); check the dates of both,"
                    " or give a 'window' if it came after the agent was stopped"
                )
            else:
                said = (
                    f"'{res.label()}' ({ctx.when(res)}) declares resistance to {target},"
                    f" but no progression or recurrence is recorded on it before then (exposures:"
                    f" {given}); record the progression, or give a 'window' if it came after the"
                    " agent was stopped"
                )
            ctx.problems.add("X001", ctx.where(res), said)


def _conditioning(ctx: Context, regimen: Regimen, exp: Exposure) -> bool:
    """Whether an exposure is the dated conditioning of a stem-cell transplant: an agent of a
    `consolidation` regimen that a transplant the case puts no earlier than its end names
    among its conditioning agents (fludarabine and melphalan before a haploidentical
    transplant, after resistance to chemotherapy as a class, were warned of as a
    rechallenge: the case says why they were given)."""
    if regimen.intent != "consolidation":
        return False
    end = point_key(exp, "end")
    return any(
        exp.agent.name in t.conditioning
        and (least := ctx.chrono.least(end, point_key(t, "start"))) is not None
        and least >= 0
        for t in ctx.of(Transplant)
    )


def re_exposure_after_resistance(ctx: Context) -> None:
    """X002: an agent given again after resistance to it (beyond progression, or rechallenge).

    Only an exposure that certainly starts on or after the day resistance was declared counts:
    the exposure during which resistance emerged is not a re-exposure; and of a resistance to
    chemotherapy as a whole, only a cytotoxic given before the resistance."""
    if not ctx.of(Resistance) or _contradicted(ctx):
        return
    given = _Given(ctx.exposures)
    for res in ctx.of(Resistance):
        rb = ctx.chrono.start(res)
        found = []
        for regimen, exp in given.matching(ctx, res):
            sb = ctx.chrono.start(exp)
            gap = ctx.chrono.least(res.id, point_key(exp, "start"))  # start - res, at the fewest
            later = gap >= 0 if gap is not None else rb.lo > NEG // 2 and sb.lo >= rb.hi
            found.append((regimen, exp, later))
        # of chemotherapy as a whole, only an agent given before the resistance is given again:
        # methotrexate after a "chemorefractory" induction of unnamed drugs was warned of as a
        # rechallenge. Cytotoxic chemotherapy is no one mechanism, and salvage with other
        # cytotoxics is no rechallenge; another PD-1 inhibitor after resistance to
        # immunotherapy, or another endocrine agent after endocrine resistance, still is warned
        before = (
            {exp.agent.name for _r, exp, later in found if not later and not exp.agent.unspecified}
            if res.agent_class == "chemotherapy"
            else None
        )
        for regimen, exp, later in found:
            if before is not None and exp.agent.name not in before:
                continue
            if _conditioning(ctx, regimen, exp):
                continue
            if later:
                ctx.problems.add(
                    "X002",
                    ctx.where(exp),
                    f"{exp.agent.name} is given in '{regimen.label()}' ({since(ctx.when(exp))}) after"
                    f" resistance to {res.target_words} was declared ('{res.label()}', {ctx.when(res)}):"
                    " treatment beyond progression or rechallenge; make sure the case says why",
                )


def holds_in_order(ctx: Context) -> None:
    """X003: a drug resumed that the case holds at no time that can come before it, or held
    again after a hold, nothing resumed between that can come between them. A drug's holds
    and resumptions alternate (held at week 2, resumed, held at month 3, resumed at a lower
    dose); one out of that order tells another story, and was drawn as given where it was
    held."""
    for regimen, exp in ctx.exposures:
        changes = [
            (c.change, dose_change_key(exp, n), c)
            for n, c in enumerate(exp.dose_changes, 1)
            if c.change in ("held", "resumed")
        ]
        if not changes:
            continue
        helds = [key for what, key, _c in changes if what == "held"]
        resumes = [key for what, key, _c in changes if what == "resumed"]

        def before(a: str, b: str) -> bool:  # (the case puts b after a, not on its day)
            return ctx.chrono.puts_after(a, b)

        for what, key, change in changes:
            where = change.location or ctx.where(exp)
            if what == "resumed" and all(before(key, h) for h in helds):
                ctx.problems.add(
                    "X003",
                    where,
                    f"{exp.agent.name} in '{regimen.label()}' is resumed ({ctx.chrono.words(key)})"
                    " with no hold before it; add the hold, or correct the dates",
                )
            if what == "held":
                earlier = [h for h in helds if h != key and before(h, key)]
                if earlier and not any(
                    not before(r, h) and not before(key, r) for h in earlier for r in resumes
                ):
                    ctx.problems.add(
                        "X003",
                        where,
                        f"{exp.agent.name} in '{regimen.label()}' is held again"
                        f" ({ctx.chrono.words(key)}) with no resumption since it was held"
                        "; add the resumption between, or correct the dates",
                    )


def no_overlapping_exposures(ctx: Context) -> None:
    """L001: two exposures to the same agent cannot certainly overlap, unless one of them is
    given into one region (:data:`~timeline.model.REGIONAL_ROUTES`) and the other by another route."""
    seen: dict[str, list[tuple[Regimen, Exposure]]] = {}  # by agent, in file order
    for regimen, exp in ctx.exposures:
        s, e = ctx.chrono.start(exp), ctx.chrono.end(exp)
        same = seen.setdefault(exp.agent.name, [])
        for other_regimen, other in () if exp.agent.unspecified else same:
            if exp.route != other.route and {exp.route, other.route} & REGIONAL_ROUTES:
                continue
            os_, oe = ctx.chrono.start(other), ctx.chrono.end(other)
            if s.hi < oe.lo and os_.hi < e.lo and oe.earliest and e.earliest:
                ctx.problems.add(
                    "L001",
                    ctx.where(exp),
                    f"{exp.agent.name} in '{regimen.label()}' ({ctx.when(exp)} to {ctx.when(exp, 'end')}) overlaps"
                    f" {other.agent.name} in '{other_regimen.label()}' ({ctx.when(other)} to {ctx.when(other, 'end')});"
                    " end one exposure before the other starts, or record a dose change instead",
                )
        same.append((regimen, exp))


def regimen_end_reasons(ctx: Context) -> None:
    """L002/L003/L004: why each regimen ended."""
    if _contradicted(ctx):
        return  # (dates in contradiction order nothing: their error says it)
    pds = ctx.progressions
    has_follow_up = bool(ctx.of(FollowUp)) or (
        "follow-up" in ctx.case.unreadable_types  # its own error is reported
    )
    # a progression near a regimen's end: one can fall from the start of the window on and no
    # later than its end (queries.ended_in_window, asked of every progression at once)
    near_any = _Reach((b.lo, b.hi) for b in (ctx.chrono.start(p) for p in pds))
    by_start = regimens_by_start(ctx.chrono, ctx.regimens)

    def progressions_near(reg: Regimen, s: Bounds, e: Bounds) -> list[Event]:
        # ...and is not known to come before the regimen's start, by the order of the case
        # (the recurrence a regimen answered does not end it: the lines of therapy skip it too)
        found = []
        for i in near_any.which(
            e.hi + END_WINDOW_AFTER_DAYS, max(s.lo, e.lo - END_WINDOW_BEFORE_DAYS)
        ):
            before = ctx.chrono.least(point_key(pds[i], "start"), start_key(reg))
            if (before is None or before < 0) and not answered_earlier(
                ctx.chrono, pds[i], reg, by_start
            ):
                found.append(pds[i])
        return found

    for reg in ctx.regimens:
        if reg.intent == "supportive":
            continue
        if reg.ongoing:
            if not has_follow_up:
                ctx.problems.add(
                    "L004",
                    ctx.where(reg),
                    f"'{reg.label()}' is ongoing, but the case has no 'follow-up' event to say until when;"
                    " add the last follow-up",
                )
            continue
        if reg.end is None:
            continue
        s, e = ctx.chrono.start(reg), ctx.chrono.end(reg)
        found = progressions_near(reg, s, e) if reg.end_reason in (None, "progression") else []
        near = bool(found)
        if reg.end_reason is None:
            # (with no end reason, only a progression the dates put near the end says why it
            # ended: one an end known only by order may or may not be near says nothing)
            near = any(timing_tells(ctx.chrono, reg, p) for p in found)
        one_session = reg.intent == "locoregional" and ctx.chrono.difference(
            start_key(reg), end_key(reg)
        ) == (0, 0)  # a chemoembolisation ends as it is given: nothing to explain
        if reg.end_reason is None and not near and not one_session:
            ctx.problems.add(
                "L002",
                ctx.where(reg),
                f"'{reg.label()}' ends ({ctx.when(reg, 'end')}) with no progression its dates put around then and no 'end_reason';"
                " add end_reason: completed, no-response, toxicity, patient-choice, surgery,"
                " remission, cost, death, other or unknown",
            )
        elif reg.end_reason == "progression" and not near:
            ctx.problems.add(
                "L003",
                ctx.where(reg),
                f"'{reg.label()}' ended for progression ({ctx.when(reg, 'end')}), but no progression or recurrence is"
                " recorded around then; add it, or correct the end reason",
            )
        elif (
            reg.end_reason == "progression"
            and not ctx.problems.has_errors  # (dates in a circle or in contradiction)
            # (a start "before August 2011" and a recurrence in August 2011 are in order)
            and not any(_no_later(ctx, start_key(reg), point_key(pd, "start")) for pd in found)
        ):
            # the progression it ended for may come before it started, by the dates and the
            # order the case gives: the schedule may then draw the regimen after it (three
            # TKIs known only in order, the last ended by a blast phase 16 years on, were drawn
            # as slivers at the diagnosis)
            pd = found[-1]
            ctx.problems.add(
                "L010",
                ctx.where(reg),
                f"'{reg.label()}' ended for progression, but the case does not put its start"
                f" before the progression it ended for ('{pd.label()}'): by its dates it may start"
                f" after it, and the drawing and the intervals may place it so; if the"
                f" progression came on '{reg.id}', write it ('start: {{before: {pd.id}}}', with"
                " what else bounds the start), else acknowledge this warning",
            )
        elif (
            reg.end_reason == "progression"
            and not ctx.problems.has_errors
            and (unordered := _unordered_end(ctx, reg, found)) is not None
        ):
            # the end and the progression each known only by order, neither put before the
            # other: crizotinib "stopped for progression" was drawn fading out months before
            # the brain metastasis it stopped for
            ctx.problems.add(
                "L010",
                ctx.where(reg),
                f"'{reg.label()}' ended for progression, but the case puts its end neither"
                f" before nor after the progression it ended for ('{unordered.label()}'): the"
                " drawing may end it long before that progression; if it stopped at the"
                f" progression, write it ('end: {unordered.id}', or 'end: {{after:"
                f" {unordered.id}}}'), else acknowledge this warning",
            )


def _adjuvant_and_progressions(ctx: Context) -> tuple[list[Regimen], list[Event]]:
    """The adjuvant regimens and the recurrences and progressions L011 and L012 weigh them
    against (none when the dates are in a circle or in contradiction)."""
    if ctx.problems.has_errors:
        return [], []
    adjuvant = [r for r in ctx.regimens if r.intent == "adjuvant"]
    return adjuvant, (ctx.progressions if adjuvant else [])


def adjuvant_before_recurrence(ctx: Context) -> None:
    """L011: an adjuvant regimen whose start the case puts neither before nor after a
    recurrence or progression: by its dates it may start after the disease came back, and the
    schedule and a deck may place it so (adjuvant imatinib known only to follow the resection,
    and to end when its dose was raised for a recurrence years later, was told by a deck after
    the recurrence). Adjuvant therapy is given while there is no evidence of disease."""
    adjuvant, pds = _adjuvant_and_progressions(ctx)
    for reg in adjuvant:
        start = start_key(reg)
        for pd in pds:
            at = point_key(pd, "start")
            # (after the regimen's start, or before it — a recurrence, a resection and
            # adjuvant therapy again — give or take a month, is an order)
            if _no_later(ctx, start, at) or _no_later(ctx, at, start):
                continue
            ctx.problems.add(
                "L011",
                ctx.where(reg),
                f"'{reg.label()}' is adjuvant, but the case does not put its start before"
                f" '{pd.label()}' ({ctx.when(pd)}), nor after it: by its dates it may"
                " start after the disease came back, and the drawing and a deck may place it"
                f" so; if it was given before, write it ('start: {{after: ..., before:"
                f" {pd.id}}}'), else acknowledge this warning",
            )
            break


def adjuvant_past_recurrence(ctx: Context) -> None:
    """L012: an adjuvant regimen that the case keeps going more than a month after a
    recurrence or progression that came after its start (a glioblastoma's chemotherapy
    "maintained" after the re-resection of its recurrence stayed "adjuvant" across it).
    Adjuvant therapy is given while there is no evidence of disease: what goes on after the
    disease came back treats it, and is another regimen (a line)."""
    adjuvant, pds = _adjuvant_and_progressions(ctx)
    for reg in adjuvant:
        start, end = start_key(reg), point_key(reg, "end")
        for pd in pds:
            at = point_key(pd, "start")
            # (the windows first: most adjuvant therapy ends before any recurrence can come,
            # and then no search of the relations is needed)
            if ctx.chrono.bounds(end).hi - ctx.chrono.bounds(at).lo <= LINE_ORDER_SLACK_DAYS:
                continue
            after_start = ctx.chrono.least(start, at)
            if after_start is None or after_start < 0:
                continue  # (not certainly after its start: L011's question)
            past = ctx.chrono.least(at, end)
            if past is None or past <= LINE_ORDER_SLACK_DAYS:
                continue
            ctx.problems.add(
                "L012",
                ctx.where(reg),
                f"'{reg.label()}' is adjuvant, but the case keeps it going at least"
                f" {past // 30} months after '{pd.label()}' ({ctx.when(pd)}): adjuvant"
                " therapy is given while there is no evidence of disease; if it went on to"
                " treat the disease that came back, end this regimen at the recurrence and"
                " write what followed as a regimen of intent 'advanced', else correct its end"
                " or acknowledge this warning",
            )
            break


def stopped_for_surgery(ctx: Context) -> None:
    """L013: ``end_reason: surgery`` where the case puts the regimen's end at or before no
    operation begun after its start: by its dates it may end after the operation it stopped
    for (nivolumab "stopped for the conversion gastrectomy" was placed two weeks after it),
    or no operation is recorded."""
    surgeries = ctx.of(Surgery)
    for reg in ctx.case.regimens():
        if reg.end_reason != "surgery" or reg.end is None:
            continue
        start, end = start_key(reg), point_key(reg, "end")
        after_start = [
            op
            for op in surgeries
            if (least := ctx.chrono.least(start, point_key(op, "start"))) is not None and least >= 0
        ]
        if any(
            (least := ctx.chrono.least(end, point_key(op, "start"))) is not None and least >= 0
            for op in after_start
        ):
            continue
        if not after_start:
            said = (
                "the case records no operation after its start"
                if surgeries
                else "the case records no operation"
            )
            fix = "add the operation it stopped for, or correct the end reason"
        else:
            op = after_start[0]
            said = (
                f"the case does not put its end at or before an operation after its start: by"
                f" its dates it may end after '{op.label()}' ({ctx.when(op)})"
            )
            fix = (
                f"write its end as the operation ('end: {op.id}') or before it"
                f" ('end: {{before: {op.id}}}')"
            )
        ctx.problems.add(
            "L013",
            ctx.where(reg),
            f"'{reg.label()}' ended for surgery ({ctx.when(reg, 'end')}), but {said}; {fix}",
        )


def once_only(ctx: Context) -> None:
    """S009: one death, one last follow-up."""
    for kind, name in ((Death, "death"), (FollowUp, "follow-up")):
        found = ctx.of(kind)
        for extra in found[1:]:
            ctx.problems.add(
                "S009",
                ctx.where(extra),
                f"the case already has a {name} event ('{found[0].label()}'); keep only one",
            )


def nothing_before_diagnosis(ctx: Context) -> None:
    """C006: events dated certainly before the diagnosis (not an operation that is not cancer
    treatment, ``oncologic: false``: past history; not a pregnancy, which a cancer found
    during it or after it is told with; not the work-up of the diagnosis, imaging or a test
    of a biomarker within six months before it); C009 (an error) when the event is a
    progression, a recurrence or a response, which cannot precede the disease."""
    diag = ctx.chrono.diagnosis()
    for event in ctx.case.events:
        if (isinstance(event, Surgery) and not event.oncologic) or isinstance(event, Pregnancy):
            continue  # an operation that is not cancer treatment: past history, as it may be
        b = ctx.chrono.start(event)
        if (
            isinstance(event, Imaging | BiomarkerTest)
            and diag.lo > NEG
            and b.lo >= diag.lo - _WORK_UP_DAYS
        ):
            # the imaging that found the tumour, before the biopsy that dates the diagnosis:
            # an MRI in February, the biopsy in March, was warned of and acknowledged in
            # every such case
            continue
        if b.hi < diag.lo:
            disease = isinstance(event, DiseaseEvent | Response)
            ctx.problems.add(
                "C009" if disease else "C006",
                ctx.where(event),
                f"'{event.label()}' ({b.text()}) comes before the diagnosis ({diag.text()});"
                " check both dates",
            )


#: how long before the diagnosis its work-up (imaging, a biomarker test) comes without C006
_WORK_UP_DAYS = 183

#: the longest a pregnancy lasts by its dates before C012 says so (45 weeks)
_LONGEST_PREGNANCY_DAYS = 45 * 7


def gestation_fits_the_dates(ctx: Context) -> None:
    """C012: a pregnancy whose ``weeks`` (the gestational age at its end) do not fit the
    distance its dates put between its start and its end: "38 weeks" is 266 to 272 days from
    the last menstrual period, and a start written 20 weeks before the diagnosis with a
    delivery four months after it is not 38 weeks."""
    for event in ctx.of(Pregnancy):
        if event.end_date is None:
            continue
        found = ctx.chrono.difference(point_key(event, "start"), point_key(event, "end"))
        if found is None:
            continue
        least, most = found
        span = f"{least} days" if least == most else f"{least} to {most} days"
        allowed = event.days()
        if allowed is None:
            if least > _LONGEST_PREGNANCY_DAYS:
                ctx.problems.add(
                    "C012",
                    ctx.where(event),
                    f"'{event.label()}' lasts {span} by its dates, more than the 45 weeks a"
                    " pregnancy can; check its start and its end",
                )
            continue
        first, last = allowed
        if most >= first and least <= last:
            continue
        # ("35+4" weeks is one day: "249–249 days" said it as a range)
        days = f"{first} days" if first == last else f"{first}–{last} days"
        ctx.problems.add(
            "C012",
            ctx.where(event),
            f"'{event.label()}' ends at {event.weeks} weeks ({days} after its"
            f" start), but its dates put {span} between its start and its end; gestational"
            " age counts from the first day of the last menstrual period: check the start,"
            " the end or the weeks",
        )


def exposures_given_time(ctx: Context) -> None:
    """C013: an agent the case writes a start or an end of its own for, but whose dates leave
    it no time: its start and its end fall on the same day under every reading, within a
    regimen that lasts longer. Paclitaxel written to start at the end of AC, AC given no end
    of its own (so its regimen's), started on the regimen's last day: the figure drew ten
    months of AC and a one-pixel paclitaxel, and nothing warned. An agent written with the
    same day for both (one dose) is what the source says, and is not warned."""
    for reg in ctx.of(Regimen):
        whole = ctx.chrono.difference(point_key(reg, "start"), point_key(reg, "end"))
        if whole is None or whole[1] <= 0:
            continue
        for exp in reg.exposures:
            own = (exp.start_date is None) != (exp.end_date is None)
            if not own:
                continue  # (both its own, or both its regimen's)
            found = ctx.chrono.difference(point_key(exp, "start"), point_key(exp, "end"))
            if found != (0, 0):
                continue
            which = "end" if exp.end_date is None else "start"
            fix = (
                "give it an end of its own, or write the agent before it with an end before"
                " the regimen's"
                if which == "end"
                else "give it a start of its own"
            )
            ctx.problems.add(
                "C013",
                exp.location or ctx.where(reg),
                f"'{exp.agent.name}' in '{reg.label()}' is left no time: its dates put its"
                f" start and its end on one day under every reading (its {which} is the"
                f" regimen's); {fix}",
            )


def nothing_in_the_future(ctx: Context) -> None:
    """C010: a last follow-up or a death certainly after today."""
    today = datetime.date.today().toordinal()
    for event in ctx.case.events:
        if isinstance(event, FollowUp | Death):
            b = ctx.chrono.start(event)
            if b.lo > NEG // 2 and b.lo > today:
                ctx.problems.add(
                    "C010",
                    ctx.where(event),
                    f"'{event.label()}' ({b.text()}) is dated after today; check the date",
                )


def nothing_after_publication(ctx: Context) -> None:
    """C011: a date the case tells that certainly comes after its source was published (the
    source's ``published``): a typo in a year, or a date read from another source. Each event
    is reported once, at the first of its dates that does."""
    spec = ctx.case.source.published
    if spec is None or not isinstance(spec.on, CalendarDate):
        return
    last = spec.on.bounds()[1].toordinal()
    said = f"the source's publication ({spec.on})"

    def late(b: Bounds) -> bool:
        return last < b.lo < POS // 2

    diagnosis = ctx.chrono.diagnosis()
    if late(diagnosis):
        ctx.problems.add(
            "C011",
            ctx.case.diagnosis.date.location or Location(ctx.case.path),
            f"the diagnosis ({diagnosis.text()}) comes after {said}; check the date, or the"
            " source's 'published'",
        )
    for event in ctx.case.events:
        written: list[tuple[str, Event | Exposure, str, DateSpec | None]] = [
            ("start", event, f"'{event.label()}'", event.start)
        ]
        end = event.end if event.is_span else getattr(event, "end_date", None)
        if end is not None:
            written.append(("end", event, f"the end of '{event.label()}'", end))
        if isinstance(event, Regimen):
            for exp in event.exposures:
                name = f"{exp.agent.name} in '{event.label()}'"
                if exp.start_date is not None:
                    written.append(("start", exp, f"the start of {name}", exp.start_date))
                if exp.end_date is not None:
                    written.append(("end", exp, f"the end of {name}", exp.end_date))
        for part, item, what, date in written:
            b = ctx.chrono.start(item) if part == "start" else ctx.chrono.end(item)
            if late(b):
                where = (date.location if date is not None else None) or ctx.where(event)
                ctx.problems.add(
                    "C011",
                    where,
                    f"{what} ({b.text()}{_counted_from(ctx, point_key(item, part), date, b)})"
                    " comes"
                    f" after {said}; check the date, or the source's 'published'",
                )
                break


def _counted_from(ctx: Context, key: str, written: DateSpec | None, b: Bounds) -> str:
    """The calendar date the file writes that puts the point ``key`` at its earliest day, when
    that is another point's: ", counted from the diagnosis (2002, line 28)". A recurrence written
    18 years after a diagnosis given a wrong year was said to be "(2020)", the one year the
    file writes, at the diagnosis, named nowhere. Nothing for a date the file writes on the
    calendar itself, or bounds by one."""
    if written is None or any(
        isinstance(getattr(written, side, None), CalendarDate) for side in ("on", "after", "before")
    ):
        return ""
    found: tuple[int, str, CalendarDate, object] | None = None
    for other, spec in date_specs(ctx.case):
        on = getattr(spec, "on", None)
        if (
            getattr(spec, "kind", None) != "on"
            or not isinstance(on, CalendarDate)
            or ctx.chrono.canonical(other) == ctx.chrono.canonical(key)
        ):
            continue
        least = ctx.chrono.least(other, key)
        if least is not None and least > 0:
            # (the date that bounds it, within the days a distance in years or months may
            # differ from the calendar's: 18 years from 2002 is 6,573 days at least)
            reach = ctx.chrono.bounds(other).lo + least
            if abs(reach - b.lo) <= 3 and (found is None or reach > found[0]):
                found = (reach, other, on, spec)
    if found is None:
        return ""
    _reach, other, on, spec = found
    line = getattr(getattr(spec, "location", None), "line", None)
    return f", counted from {ctx.chrono.labels.get(other, other)} ({on}" + (
        f", line {line})" if line else ")"
    )


def neoadjuvant_needs_an_operation(ctx: Context) -> None:
    """L006: neoadjuvant therapy comes before the local treatment it prepares: an operation, or
    a radiotherapy (induction chemotherapy before chemoradiation, as head-and-neck reports call
    it neoadjuvant); warn when none can follow it before a recurrence or a progression certainly
    does (a neck dissection three years later, for a recurrence, treats that recurrence)."""
    if _contradicted(ctx):
        return  # (dates in contradiction order nothing: their error says it)
    local = [
        e
        for e in ctx.case.events
        if (isinstance(e, Surgery) and e.oncologic) or isinstance(e, Radiotherapy)
    ]
    pds = ctx.progressions
    least = ctx.chrono.least
    for reg in ctx.regimens:
        if reg.intent != "neoadjuvant":
            continue
        start = point_key(reg, "start")
        # the recurrences and progressions certainly after the regimen's start
        after = [p for p in pds if (d := least(start, point_key(p, "start"))) is not None and d > 0]
        later = False
        for treatment in local:
            at = point_key(treatment, "start")
            before = least(at, start)  # start - treatment, at the fewest
            if before is not None and before > 0:
                continue  # certainly before the start
            if any((d := least(point_key(p, "start"), at)) is not None and d > 0 for p in after):
                continue  # certainly after a recurrence that came after the regimen
            later = True
            break
        if not later:
            ctx.problems.add(
                "L006",
                ctx.where(reg),
                f"'{reg.label()}' is neoadjuvant, but no operation or radiotherapy comes after it"
                " (before a recurrence or a progression); record the local treatment, or give"
                " the regimen's real intent (adjuvant, definitive, advanced)",
            )


def supportive_agents_alone(ctx: Context) -> None:
    """L005: a regimen of bone-targeted agents only, given for advanced disease (or for what
    the source does not say), is supportive care, not a line of therapy."""
    for reg in ctx.regimens:
        classes = {e.agent.agent_class for e in reg.exposures}
        if reg.intent in ("advanced", "consolidation", "maintenance", "unknown") and classes == {
            "bone-targeted"
        }:
            ctx.problems.add(
                "L005",
                ctx.where(reg),
                f"'{reg.label()}' gives only bone-targeted agents"
                f" ({', '.join(reg.agent_names())}); that is supportive care, not a line of"
                " therapy: write 'intent: supportive' (it is then drawn in its own lane and not"
                " numbered)",
            )


def _attributed_ids(tox: Toxicity) -> tuple[tuple[str | None, type[Event]], ...]:
    """What a toxicity is attributed to by id, each with the kind of event its key names."""
    return ((tox.regimen, Regimen), (tox.radiotherapy, Radiotherapy), (tox.transplant, Transplant))


def _not_a_regimen(ctx: Context, ident: str) -> str:
    """What an id that should name a regimen names instead: "no event", "a recurrence, not a
    regimen"."""
    named = ctx.case.event(ident)
    kind = named.type if isinstance(named, DiseaseEvent) else getattr(named, "kind", "")
    return "no event" if named is None else f"a {kind}, not a regimen"


def part_of_names_a_regimen(ctx: Context) -> None:
    """S007: a course of radiotherapy or an operation said to be part of a line names a
    regimen of the case."""
    local: list[Radiotherapy | Surgery] = [*ctx.of(Radiotherapy), *ctx.of(Surgery)]
    for rt in local:
        if rt.part_of is None or isinstance(ctx.case.event(rt.part_of), Regimen):
            continue
        what = _not_a_regimen(ctx, rt.part_of)
        ctx.problems.add(
            "S007",
            ctx.where(rt),
            f"'{rt.label()}' is said to be part of '{rt.part_of}', which is {what}; name the id"
            f" of the regimen whose line it belongs to{suggest(rt.part_of, [r.id for r in ctx.regimens])}",
        )


def part_of_before_its_regimen(ctx: Context) -> None:
    """L014: a course of radiotherapy or an operation said to be part of a line that the case
    puts before the start of that line's regimen: the line's intervals count from the
    regimen's start, and leave it out (salvage whole-brain radiotherapy written `part_of` the
    rituximab-temozolomide that consolidated it gave a PFS of the line from the
    consolidation's start)."""
    if _contradicted(ctx):
        return  # (dates in contradiction order nothing: their error says it)
    courses: list[Radiotherapy | Surgery] = [*ctx.of(Radiotherapy), *ctx.of(Surgery)]
    for local in courses:
        regimen = ctx.case.event(local.part_of) if local.part_of else None
        if not isinstance(regimen, Regimen):
            continue  # (no part_of, or S007)
        start = point_key(regimen, "start")
        if not ctx.chrono.puts_after(point_key(local, "start"), start):
            continue
        ctx.problems.add(
            "L014",
            ctx.where(local),
            f"'{local.label()}' is said to be part of '{regimen.label()}', but the case puts"
            f" it before the start of '{regimen.label()}' ({ctx.when(regimen)}): the line's"
            " PFS and duration count from that start and leave it out; if the course began"
            " the line, acknowledge this warning saying so, else drop 'part_of'",
        )


def stopped_by_death(ctx: Context) -> None:
    """L015: ``end_reason: death`` where the case records no death, or does not put the death
    at or after the end: the therapy would be drawn stopped, for a death, while the patient
    was still alive."""
    deaths = ctx.of(Death)
    for reg in ctx.case.regimens():
        if reg.end_reason != "death":
            continue
        if not deaths:
            when = f" ({ctx.when(reg, 'end')})" if reg.end is not None else ""
            ctx.problems.add(
                "L015",
                ctx.where(reg),
                f"'{reg.label()}' ended for the patient's death{when}, but the case records no"
                " death;"
                " add the death (type: death), or correct the end reason",
            )
            continue
        death = deaths[0]
        if reg.end is None:
            continue  # (its end is not reported: the death says when it stopped at the latest)
        least = ctx.chrono.least(point_key(reg, "end"), point_key(death, "start"))
        if least is not None and least >= 0:
            continue
        ctx.problems.add(
            "L015",
            ctx.where(reg),
            f"'{reg.label()}' ended for the patient's death ({ctx.when(reg, 'end')}), but the"
            f" case does not put the death ({ctx.when(death)}) at or after its end; write its"
            f" end as the death ('end: {death.id}')",
        )


def bridging_to_a_line(ctx: Context) -> None:
    """L016: a bridging regimen that no numbered line of therapy begins after: bridging is
    part of the line it bridges to (a CAR T-cell therapy), not a line, and with none after it
    the therapy is in no line at all (brentuximab "bridging" to an allogeneic transplant, a
    transplant being no line, took the second line and its intervals away)."""
    numbered = [r for r in ctx.case.regimens() if r.intent == "advanced"]
    for reg in ctx.case.regimens():
        if reg.intent != "bridging":
            continue
        start = point_key(reg, "start")
        if any(
            (least := ctx.chrono.least(start, point_key(other, "start"))) is not None
            and least >= 0
            and other is not reg
            for other in numbered
        ):
            continue
        ctx.problems.add(
            "L016",
            ctx.where(reg),
            f"'{reg.label()}' is bridging, but no numbered line of therapy begins after it: it"
            " is part of no line, and no line's intervals count it; if it was given to hold"
            " the disease before a transplant, write it 'intent: advanced' (the transplant"
            " after it consolidates that line), else acknowledge this warning",
        )


def toxicity_attribution(ctx: Context) -> None:
    """R002: a grade-5 toxicity is a death; R004: a toxicity is attributed to what was given."""
    given = {e.agent.name for _, e in ctx.exposures}
    death = next(iter(ctx.of(Death)), None)
    follow = next(iter(ctx.of(FollowUp)), None)
    for tox in ctx.of(Toxicity):
        for agent in tox.agents:
            if agent not in given:
                ctx.problems.add(
                    "R004",
                    ctx.where(tox),
                    f"'{tox.label()}' is attributed to {agent}, which this case never gives; add"
                    " the regimen, or correct the agent",
                )
        if tox.action_on is not None and not isinstance(ctx.case.event(tox.action_on), Regimen):
            what = _not_a_regimen(ctx, tox.action_on)
            ctx.problems.add(
                "S007",
                ctx.where(tox),
                f"'{tox.label()}' says its action was taken on '{tox.action_on}', which is"
                f" {what}; name the id of the regimen that was {tox.action or 'changed'}"
                f"{suggest(tox.action_on, [r.id for r in ctx.regimens])}",
            )
        attributed = _attributed_ids(tox)
        for ident, kind in attributed:
            named = None if ident is None else ctx.case.event(ident)
            if ident is None or isinstance(named, kind):
                continue
            what = "no event" if named is None else f"a {named.kind}, not a {kind.kind}"
            # (an event of another attributable kind is named by its own key: "a radiotherapy
            # is named by 'radiotherapy:'")
            keyed = named is not None and any(isinstance(named, k) for _, k in attributed)
            hint = f" (a {named.kind} is named by '{named.kind}:')" if named and keyed else ""
            ctx.problems.add(
                "R004",
                ctx.where(tox),
                f"'{tox.label()}' is attributed to '{ident}', which is {what}; name the"
                f" {kind.kind}'s id{hint}",
            )
        if tox.grade == 5 and death is None:
            alive = (
                f"; the last follow-up ('{follow.label()}') says the patient is alive"
                if follow is not None and follow.status.startswith("alive")
                else ""
            )
            ctx.problems.add(
                "R002",
                ctx.where(tox),
                f"'{tox.label()}' is grade 5, which is death from the toxicity, but the case"
                f" has no death event{alive}; add the death, or correct the grade",
            )


def toxicity_before_its_cause(ctx: Context) -> None:
    """R007: a toxicity dated before the therapy it is attributed to was first given (a
    thrombocytopenia blamed on niraparib, dated three months before niraparib began): one of
    the two is wrong. Each thing it is attributed to is asked apart; an agent given in several
    regimens is asked of the first of them."""
    if ctx.problems.has_errors:
        return  # (dates in a circle or in contradiction order nothing)
    for tox in ctx.of(Toxicity):
        causes: list[tuple[str, list[str]]] = []  # (in words, the start keys of its courses)
        for agent in tox.agents:
            starts = [point_key(x, "start") for _, x in ctx.exposures if x.agent.name == agent]
            causes.append((agent, starts))
        for key, kind in _attributed_ids(tox):
            named = ctx.case.event(key) if key is not None else None
            if isinstance(named, kind):
                causes.append((f"'{named.label()}'", [point_key(named, "start")]))
        begun = point_key(tox, "start")
        for words, starts in causes:
            if not starts or not all(_certainly_before(ctx, begun, s) for s in starts):
                continue
            first = min(starts, key=lambda k: ctx.chrono.bounds(k).lo)
            ctx.problems.add(
                "R007",
                ctx.where(tox),
                f"'{tox.label()}' ({ctx.chrono.words(begun)}) is attributed to {words}, which"
                f" the case first gives later ({ctx.chrono.words(first)}); correct the date of"
                " one of them, or the attribution",
            )


def _certainly_before(ctx: Context, a: str, b: str) -> bool:
    """Whether the case puts point ``a`` at least a day before point ``b``: by their windows,
    else by the relations of the case."""
    if ctx.chrono.bounds(a).hi < ctx.chrono.bounds(b).lo:
        return True
    least = ctx.chrono.least(a, b)  # b - a, at the fewest
    return least is not None and least >= 1


def toxicity_within_what_it_stopped(ctx: Context) -> None:
    """R006: a toxicity that stopped a regimen ended for toxicity (``action: stopped``), which
    the case's dates let come more than a month after that regimen's end: the drawing may then
    put it after the therapy it stopped (a heart failure on gilteritinib, known only to precede
    an MRI months later, was drawn after the drug's end). Of the regimens it can have stopped
    (the one it names, else those ended for toxicity that give one of its agents), one that
    holds it is enough."""
    if ctx.problems.has_errors:
        return  # (dates in a circle or in contradiction order nothing)
    for tox in ctx.of(Toxicity):
        if tox.action != "stopped":
            continue
        # (the regimen the case says it was taken on, else the one it is attributed to)
        ident = tox.action_on or tox.regimen
        named = ctx.case.event(ident) if ident is not None else None
        if isinstance(named, Regimen):
            candidates = [named]
        else:
            candidates = [
                r
                for r in ctx.regimens
                if r.end_reason == "toxicity"
                and any(x.agent.name in tox.agents for x in r.exposures)
            ]
        t = ctx.chrono.start(tox)
        candidates = [r for r in candidates if r.end is not None and ctx.chrono.start(r).lo <= t.hi]
        if not candidates or any(
            _no_later(ctx, point_key(tox, "start"), end_key(r)) for r in candidates
        ):
            continue
        reg = candidates[-1]
        ctx.problems.add(
            "R006",
            ctx.where(tox),
            f"'{tox.label()}' stopped '{reg.label()}', but by the dates of the case it may come"
            f" more than a month after '{reg.id}' ended, and the drawing may place it so; write"
            f" the order ('before: {reg.id}.end' on its date, or '{reg.id}' ended on it: 'end:"
            f" {tox.id}'), or acknowledge this warning",
        )


def _unordered_end(ctx: Context, reg: Regimen, found: list[Event]) -> Event | None:
    """The progression of ``found`` a regimen ended for whose order with the regimen's end
    neither the windows nor the relations of the case give (None when one of them is
    ordered with it)."""
    end = end_key(reg)
    free = None
    for pd in found:
        at = point_key(pd, "start")
        after = ctx.chrono.least(end, at)
        if after is not None and after > END_WINDOW_AFTER_DAYS:
            # (one the case puts well after the end is not the one it ended for: in a case
            # dated by order, every progression's window reaches the end, and a recurrence
            # years later, ordered after it, kept UFT/LV's unordered regrowth from the warning)
            continue
        if _no_later(ctx, end, at) or _no_later(ctx, at, end):
            return None
        free = pd
    return free


def _no_later(ctx: Context, a: str, b: str) -> bool:
    """Whether the case puts point ``a`` no later than point ``b``, give or take a month: by
    their windows, else by the relations of the case."""
    if ctx.chrono.bounds(a).hi - ctx.chrono.bounds(b).lo <= LINE_ORDER_SLACK_DAYS:
        return True
    least = ctx.chrono.least(a, b)  # b - a, at the fewest
    return least is not None and least >= -LINE_ORDER_SLACK_DAYS


def teach_on_a_step(ctx: Context) -> None:
    """S012: a teaching question on an event that a deck never tells as a step of its own
    (imaging, a biomarker test, radiotherapy, supportive care): the deck would drop it."""
    for event in ctx.case.events:
        if event.teach is not None and teaching_kind(event) is None:
            ctx.problems.add(
                "S012",
                ctx.where(event),
                f"'{event.label()}' is {'an' if event.kind[0] in 'aeiou' else 'a'} {event.kind}"
                " event, which a deck shows in its figures"
                " but never asks about; move 'teach' to the regimen, operation or change of the"
                " disease it leads to",
            )


def advanced_while_free_of_disease(ctx: Context) -> None:
    """L007: an ``advanced`` regimen started while the disease is certainly NED — after a
    curative operation, with the next change of state known to come after the start — is
    adjuvant therapy by its timing; a line of therapy only if the source counts it so.

    Only the steps into NED are looked at, each against the regimens that can start before
    the next step (a long case of lines with no curative operation costs nothing)."""
    if ctx.problems.has_errors:
        return  # (dates in contradiction place nothing: a false L007 stood beside a C003)
    steps = [s for s in ctx.steps if s.allowed and s.after != "dead"]
    advanced = [r for r in ctx.regimens if r.intent == "advanced"]
    if not advanced:
        return
    for n, step in enumerate(steps):
        if step.after != "ned":
            continue
        key = point_key(step.event, "start")
        nxt = point_key(steps[n + 1].event, "start") if n + 1 < len(steps) else None
        lo = ctx.chrono.start(step.event).lo
        hi = ctx.chrono.start(steps[n + 1].event).hi if n + 1 < len(steps) else POS
        for reg in advanced:
            b = ctx.chrono.start(reg)
            if b.hi < lo or b.lo > hi:
                continue  # (its dates alone keep it out of this stretch)
            start = start_key(reg)
            after_ned = ctx.chrono.least(key, start)  # start - step, at the fewest
            if after_ned is None or after_ned < 0:
                continue
            if nxt is not None:
                # the next change known no earlier than the start ("before: X" read as before;
                # a line started on a recurrence's day answers it)
                gap = ctx.chrono.least(start, nxt)
                if gap is None or gap < 0 or ctx.chrono.least(nxt, start) == 0:
                    continue
            ctx.problems.add(
                "L007",
                ctx.where(reg),
                f"'{reg.label()}' is given as 'advanced' but starts while the disease is NED"
                f" (after '{step.event.label()}', with no recurrence or progression between"
                " them): by its timing it is adjuvant therapy; write 'intent: adjuvant', or"
                " acknowledge this warning if the source counts it as a line of therapy",
            )


def continuation_after_progression(ctx: Context) -> None:
    """L009: a ``maintenance`` or ``consolidation`` regimen continues the line before it, so it
    cannot follow a progression on that line: gemcitabine alone after cisplatin + gemcitabine
    stopped for enlarging lung metastases was one line, whose PFS ended at the progression
    while its duration ran on through the "maintenance". Raised when the line's regimen ended
    for progression, or a progression is known to come after its start and no later than the
    continuation's start; the authors' term goes in a note on a new line."""
    continuing = [r for r in ctx.regimens if r.intent in ("maintenance", "consolidation")]
    if not continuing or ctx.problems.has_errors:
        return
    chrono = ctx.chrono
    pds = ctx.progressions
    induction: Regimen | None = None
    before_it: Regimen | None = None  # (the regimen before, of any intent)
    for reg in in_order(chrono, [r for r in ctx.regimens if r.intent != "supportive"]):
        preceding, before_it = before_it, reg
        if reg.intent in ("advanced", "unknown"):
            induction = reg  # (a regimen of unknown intent may be the line continued)
            continue
        if reg.intent not in ("maintenance", "consolidation"):
            continue
        if induction is None:
            # no line before it to continue: after a progression or recurrence it is the
            # first line for that disease, counted in none (niraparib "maintenance" after a
            # resected brain relapse, following adjuvant chemotherapy: no line, no PFS)
            begins = start_key(reg)
            earlier = next(
                (
                    pd
                    for pd in pds
                    if (gap := chrono.least(point_key(pd, "start"), begins)) is not None
                    and gap >= 0
                ),
                None,
            )
            if earlier is not None:
                # (what the lines then make of it: after adjuvant therapy, a continuation of
                # it, in no line; with no regimen before it, "L1 maintenance", a first line
                # continuing none: the warning said "counted in no line" of one `show`
                # numbered L1, with a PFS)
                counted = (
                    "it is counted in no line and has no PFS"
                    if preceding is not None
                    else f"it is numbered 'L1 {reg.intent}', a first line that continues none"
                )
                ctx.problems.add(
                    "L009",
                    ctx.where(reg),
                    f"'{reg.label()}' is given as '{reg.intent}', but no line of therapy for"
                    f" advanced disease comes before it to continue, and it starts after"
                    f" '{earlier.label()}' ({chrono.when(earlier)}): {counted}; write 'intent:"
                    " advanced' (the authors' term in a note), or acknowledge this warning if"
                    " the source counts it otherwise",
                )
            continue
        first = start_key(induction)
        begins = start_key(reg)
        found = None
        for pd in pds:
            at = point_key(pd, "start")
            after = chrono.least(first, at)  # the progression after the line's start
            before = chrono.least(at, begins)  # and no later than the continuation's
            if after is not None and after > 0 and before is not None and before >= 0:
                found = pd
                break
        if found is None and induction.end_reason != "progression":
            continue
        why = (
            f"after '{found.label()}' ({chrono.when(found)})"
            if found is not None
            else f"after '{induction.label()}' ended for progression"
        )
        ctx.problems.add(
            "L009",
            ctx.where(reg),
            f"'{reg.label()}' is given as '{reg.intent}' of the line of '{induction.label()}',"
            f" but starts {why}: a regimen begun after a progression on a line starts the"
            " next line; write 'intent: advanced' (the authors' term in a note), or"
            " acknowledge this warning if the source counts it as the same line",
        )


#: how much earlier than the line numbered before it a line may start, by the case's dates,
#: before its number is one the case does not give (days): two lines dated to consecutive
#: months, or to the same month, are in the order of their months
LINE_ORDER_SLACK_DAYS = 31


def lines_in_a_stated_order(ctx: Context) -> None:
    """L008: two lines of therapy numbered one after the other that the case does not order:
    the later-numbered one may start more than a month before the other (goserelin "combined
    with" two periods of abiraterone, all within 63 months: numbered L3 after L2 by the
    plausible schedule alone). Their numbers, and the names of their intervals, then say an
    order the source may not give."""
    advanced = [r for r in ctx.regimens if r.intent == "advanced"]
    if len(advanced) < 2 or ctx.problems.has_errors:
        return  # (dates in a circle or in contradiction order nothing: their error says it)
    chrono = ctx.chrono
    ordered = in_order(chrono, advanced, stated=True)  # (numbered so: lines.derive_lines)
    for n, (a, b) in enumerate(itertools.pairwise(ordered), 2):
        if chrono.start(b).lo - chrono.start(a).hi >= -LINE_ORDER_SLACK_DAYS:
            continue  # (their windows alone order them: no search of the relations)
        least = chrono.least(start_key(a), start_key(b))  # b.start - a.start, at the fewest
        if least is not None and least >= -LINE_ORDER_SLACK_DAYS:
            continue
        how = (
            "at any time before"
            if least is None
            else f"up to {-least / DAYS_PER_MONTH:.0f} months before"
        )
        ctx.problems.add(
            "L008",
            ctx.where(b),
            f"'{b.label()}' is numbered as the line after '{a.label()}' (advanced regimens"
            f" {n - 1} and {n}) by the plausible schedule alone: by the dates of the case,"
            f" '{b.label()}' may start {how} '{a.label()}'; if the source gives their order,"
            f" write it on '{b.id}' ('start: {{after: {a.id}.end}}', or after its start), else"
            " acknowledge this warning: the line numbers and the names of their intervals"
            " follow the schedule, not the source",
        )


def response_between_lines(ctx: Context) -> None:
    """R009: a response written only as coming after the start of a line (``date: {after:
    l2.start}``) that the case puts neither before nor after the start of the next line: by
    its dates it may be either line's, and the drawing, the intervals and a deck give it to
    the line the plausible schedule puts it in (a partial response "after" futibatinib's
    start, tasurgratinib begun after futibatinib's progression, was drawn on futibatinib and
    counted for both lines). One search each way per such response: only the dates written
    that way are asked about."""
    if ctx.problems.has_errors:
        return
    advanced = [r for r in ctx.regimens if r.intent == "advanced"]
    if len(advanced) < 2:
        return
    ordered = in_order(ctx.chrono, advanced, stated=True)
    nxt = {a.id: b for a, b in itertools.pairwise(ordered)}
    for r in ctx.of(Response):
        spec = r.date
        if (
            r.category not in ("CR", "PR", "SD")
            or spec is None
            or spec.kind != "between"
            or spec.before is not None
            or spec.within is not None
            or spec.after_offset is not None
            or not isinstance(spec.after, Anchor)
            or spec.after.part != "start"
        ):
            continue
        b = nxt.get(spec.after.event)
        if b is None:
            continue
        at, begun = point_key(r, "start"), start_key(b)
        if _no_later(ctx, at, begun) or _no_later(ctx, begun, at):
            continue
        ctx.problems.add(
            "R009",
            ctx.where(r),
            f"'{r.label()}' comes after the start of '{spec.after.event}', but the case puts"
            f" it neither before nor after the start of the next line, '{b.label()}'"
            f" ({ctx.when(b)}): by its dates it may be a response to either, and the drawing"
            " and the intervals give it to the line the plausible schedule puts it in; write"
            f" its order ('date: {{after: {spec.after.event}.start, before: {b.id}.start}}',"
            f" or after '{b.id}.start'), else acknowledge this warning",
        )


def follow_up_status_fits(ctx: Context) -> None:
    """T004: the last follow-up's status against the state the recorded events leave the
    disease in: "alive, no evidence of disease" after a progression (or with disease still
    measurable), or "alive with disease" after NED or a CR, says that a change of state the
    file does not record happened before it. The drawing shows that change within its window;
    the warning asks for the event. Not raised for "no evidence of disease" after a cancer
    operation marked ``curative: unknown`` that follows the last change: the status is then
    the authors' word that it removed the disease, which the file cannot assert (as T003)."""
    if ctx.problems.has_errors:
        return  # (a replay cut short by an error leaves no state to hold it against)
    follow_up = next(iter(ctx.of(FollowUp)), None)
    if follow_up is None or follow_up.status not in REPORTED_STATE:
        return
    steps = [s for s in ctx.steps if s.allowed]
    last = steps[-1] if steps else None
    state = last.after if last is not None else INITIAL
    reported, contradicted = REPORTED_STATE[follow_up.status]
    if state not in contradicted:
        return
    if reported == "ned":
        if last is not None and _resection_of_unknown_outcome(ctx, after=last.event):
            return
        fix = (
            "record what removed it (a response, or 'curative: true' on an operation the source"
            " says left no disease)"
        )
    else:
        fix = "record the recurrence or progression the source reports"
    since_what = f" since '{last.event.label()}'" if last is not None else ""
    ctx.problems.add(
        "T004",
        ctx.where(follow_up),
        f"the last follow-up says '{STATUS_WORDS[follow_up.status]}', but the recorded"
        f" events leave the disease in {STATES[state][0]}{since_what}; {fix}, or correct the"
        " status (the drawing blends into the reported status over the stretch before it)",
    )


RULES: tuple[Callable[[Context], None], ...] = (
    once_only,
    teach_on_a_step,
    nothing_before_diagnosis,
    replay,
    responses_need_therapy,
    response_past_an_unreported_end,
    resistance_needs_progression,
    re_exposure_after_resistance,
    holds_in_order,
    no_overlapping_exposures,
    regimen_end_reasons,
    supportive_agents_alone,
    toxicity_attribution,
    part_of_names_a_regimen,
    part_of_before_its_regimen,
    toxicity_before_its_cause,
    follow_up_during_therapy,
    response_between_lines,
    toxicity_within_what_it_stopped,
    nothing_in_the_future,
    nothing_after_publication,
    gestation_fits_the_dates,
    exposures_given_time,
    neoadjuvant_needs_an_operation,
    advanced_while_free_of_disease,
    lines_in_a_stated_order,
    continuation_after_progression,
    follow_up_status_fits,
    adjuvant_before_recurrence,
    adjuvant_past_recurrence,
    stopped_for_surgery,
    stopped_by_death,
    bridging_to_a_line,
)


def run_rules(ctx: Context) -> None:
    """Apply every rule of :data:`RULES` to the case, in order."""
    for rule in RULES:
        rule(ctx)
