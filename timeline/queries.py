"""Questions about a case that several modules ask, answered in one place.

* the key of a time point (``id`` for a point event, ``id.start``/``id.end`` for a span, the
  exposure's key for an agent within a regimen), the names the date solver and the schedule
  use for the points they place;
* the order of events when their dates are uncertain (earliest day, then latest day, then
  file order);
* which events are a progression (a recurrence, a progression, or a PD response);
* the window in which a progression means a regimen "ended for progression" (rules L002/L003
  and the causes given to each line of therapy; docs/rules.md explains the choice).

The module sits just above the model: it knows events and exposures, and reads resolved
dates through anything that has ``start(item)`` returning earliest/latest days (a
:class:`timeline.chronology.Chronology`), so that the solver itself can use the point keys.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol, TypeVar

from timeline.dates import Anchor, CalendarDate
from timeline.model import (
    BiomarkerTest,
    Case,
    Complication,
    Death,
    Declined,
    DiseaseEvent,
    Event,
    Exposure,
    FollowUp,
    Radiotherapy,
    Regimen,
    Resistance,
    Response,
    SecondPrimary,
    Surgery,
    Toxicity,
    Transplant,
)

__all__ = [
    "END_WINDOW_AFTER_DAYS",
    "END_WINDOW_BEFORE_DAYS",
    "INFERRED",
    "RADIOTHERAPY_LONGEST_DAYS",
    "RESISTANCE_NEAR_DAYS",
    "RESPONSE_WINDOW_DAYS",
    "TRANSPLANT_RESPONSE_DAYS",
    "answered_by",
    "answered_earlier",
    "assessed_on",
    "date_specs",
    "dose_change_key",
    "end_key",
    "end_untold",
    "ended_in_window",
    "event_order",
    "in_order",
    "in_plausible_order",
    "inferred_dates",
    "point_key",
    "progression_events",
    "regimens_by_start",
    "start_key",
    "teaching_kind",
    "test_words",
    "therapies",
    "timing_tells",
]

#: a progression this many days before a regimen's end (at most) ended it...
END_WINDOW_BEFORE_DAYS = 92
#: ...or this many days after it (restaging follows the last cycle)
END_WINDOW_AFTER_DAYS = 31


#: a resistance with no ``basis`` belongs to a progression at most this many days from it
RESISTANCE_NEAR_DAYS = 62
#: a response belongs to a therapy active when it was assessed or ended at most this many days
#: before (restaging commonly follows the last cycle by 6–8 weeks)
RESPONSE_WINDOW_DAYS = 56
#: a response belongs to a stem-cell transplant assessed up to this many days after it (the
#: usual restaging at about day +100, with a few weeks' slack)
TRANSPLANT_RESPONSE_DAYS = 120
#: the longest a course of radiotherapy lasts, for a course whose end the case does not give:
#: 40 fractions at five a week (8 weeks, the longest conventional course) and four weeks of
#: interruptions; used where the rules and the time off therapy ask whether it had certainly
#: ended (never drawn, nor shown as its end)
RADIOTHERAPY_LONGEST_DAYS = 84
#: a day before every day a case can hold
NEG_DAY = -(10**12)

_E = TypeVar("_E", bound=Event)


class DayRange(Protocol):
    """The earliest and latest day a point can be (a :class:`timeline.chronology.Bounds`)."""

    @property
    def lo(self) -> int:
        """The earliest day (an ordinal)."""
        ...

    @property
    def hi(self) -> int:
        """The latest day (an ordinal)."""
        ...


class Dated(Protocol):
    """Resolved dates: the bounds of an item's start (a :class:`timeline.chronology.Chronology`)."""

    def start(self, item: Event | Exposure) -> DayRange:
        """The earliest and latest day of ``item``'s start."""
        ...


def dose_change_key(exp: Exposure, n: int) -> str:
    """The key of the ``n``-th dose change (from 1) of an exposure."""
    return f"{exp.key}.dose{n}"


def point_key(item: Event | Exposure, part: str) -> str:
    """The key of a time point: ``id`` for a point event, ``id.start``/``id.end`` for a span,
    ``key.start``/``key.end`` for an exposure (``part`` is ``"start"`` or ``"end"``)."""
    if isinstance(item, Exposure):
        return f"{item.key}.{part}"
    if isinstance(item, Toxicity) and item.end_date is not None:
        # a toxicity that lasted: the event is its start, "id.end" its end
        return f"{item.id}.end" if part == "end" else item.id
    return f"{item.id}.{part}" if item.is_span else item.id


def start_key(item: Event | Exposure) -> str:
    """The key of the point where ``item`` starts (the event itself for a point event)."""
    return point_key(item, "start")


def end_key(item: Event | Exposure) -> str:
    """The key of the point where ``item`` ends (the event itself for a point event)."""
    return point_key(item, "end")


def event_order(dates: Dated, event: Event) -> tuple[int, int, int]:
    """The sort key of an event: its earliest start, its latest start, its place in the file."""
    b = dates.start(event)
    return b.lo, b.hi, event.index


def in_order(dates: Dated, events: Iterable[_E], stated: bool = False) -> list[_E]:
    """``events`` in the order the dates allow (file order where they cannot tell). With
    ``stated``, events whose windows are the same are put in the order the case states of them
    (``{after: r2}``: r2 first) before file order (dates that can answer ``least`` are asked):
    the disease states are replayed so."""
    found = sorted(events, key=lambda e: event_order(dates, e))
    least = getattr(dates, "least", None)
    if not stated or least is None or len(found) < 2:
        return found
    out: list[_E] = []
    i = 0
    while i < len(found):
        j = i + 1
        window = event_order(dates, found[i])[:2]
        while j < len(found) and event_order(dates, found[j])[:2] == window:
            j += 1
        out.extend(_by_relation(found[i:j], least) if j - i > 1 else found[i:j])
        i = j
    return out


def in_plausible_order(
    dates: _Related,
    events: Iterable[_E],
    plausible: Callable[[], Callable[[_E], int | None] | None],
) -> list[_E]:
    """``events`` in the order of their plausible days, as a drawing places them: the order
    of :func:`in_order` (``stated``) wherever the windows settle it (:func:`_unsettled`), and
    otherwise the day ``plausible()`` gives each start (asked only then; None when it has
    none: the earliest day is kept), events of one day in the order the case states of them.

    The earliest day alone misorders windows of different widths: progressions known only
    to follow an operation of 2014 (windows opening in 2014, closing in 2020) were replayed
    before a progression dated January 2015, and drawn after it."""
    found = in_order(dates, events, stated=True)
    spans = [dates.start(e) for e in found]
    if not _unsettled(dates, found, spans):
        return found
    day_of = plausible()
    if day_of is None:
        return found
    days = [d if (d := day_of(e)) is not None else s.lo for e, s in zip(found, spans, strict=True)]
    ranked = sorted(range(len(found)), key=days.__getitem__)  # (stable: ties kept in order)
    out: list[_E] = []
    i = 0
    while i < len(ranked):
        j = i + 1
        while j < len(ranked) and days[ranked[j]] == days[ranked[i]]:
            j += 1
        group = [found[k] for k in ranked[i:j]]
        out.extend(_by_relation(group, dates.least) if j - i > 1 else group)
        i = j
    return out


def _unsettled(dates: _Related, found: Sequence[_E], spans: Sequence[DayRange]) -> bool:
    """Whether the plausible days may order ``found`` (in the order of their earliest days)
    otherwise: an event whose window reaches past the earliest day of a later one, which the
    case does not put before it. (Windows that only touch, or an order the case states, keep
    the order whatever days are chosen.)"""
    reaching: list[int] = []  # the earlier events whose window reaches past this one's start
    for j, b in enumerate(spans):
        reaching = [i for i in reaching if spans[i].hi > b.lo]
        for i in reaching:
            least = dates.least(point_key(found[i], "start"), point_key(found[j], "start"))
            if least is None or least < 0:
                return True
        reaching.append(j)
    return False


def _by_relation(group: list[_E], least: Callable[[str, str], int | None]) -> list[_E]:
    """Events of one window in file order, each moved after those it certainly follows."""
    keys = [point_key(e, "start") for e in group]

    def follows(a: int, b: int) -> bool:  # a certainly no earlier than b, b not so of a
        ab, ba = least(keys[b], keys[a]), least(keys[a], keys[b])
        return ab is not None and ab >= 0 and not (ba is not None and ba >= 0)

    placed: list[int] = []
    for n in range(len(group)):
        # after the last event already placed that it certainly follows...
        after = max((k + 1 for k, m in enumerate(placed) if follows(n, m)), default=0)
        # ...and before the first one after that which certainly follows it; else last
        at = next((k for k, m in enumerate(placed) if k >= after and follows(m, n)), len(placed))
        placed.insert(at, n)
    return [group[n] for n in placed]


class _Related(Dated, Protocol):
    """Resolved dates that also give the fewest days between two points."""

    def least(self, a: str, b: str) -> int | None:
        """The fewest days from point ``a`` to point ``b`` (None when unbounded)."""
        ...


def answered_by(
    dates: _Related, progression: Event, regimen: Regimen, start: Event | Exposure
) -> bool:
    """Whether ``progression`` is the one ``regimen`` answered rather than one on it: dated as
    the regimen's (or its exposure's) ``start`` is (the same month, say), written before the
    regimen, and not put after that start (a recurrence of January 2017, then gefitinib from
    January 2017: no PFS of "≈ 0 weeks", no resistance to gefitinib resting on it)."""
    if progression.index >= regimen.index:
        return False
    if dates.start(progression) != dates.start(start):
        return False
    later = dates.least(start_key(start), start_key(progression))
    return not (later is not None and later > 0)


def regimens_by_start(dates: _Related, regimens: Iterable[Regimen]) -> dict[object, list[Regimen]]:
    """The regimens by the window of their start, for :func:`answered_earlier` (which asks, of
    every progression near every regimen's end, only those started in its own window: asked of
    every regimen, a case of 1,250 lines took 4.7 million questions)."""
    out: dict[object, list[Regimen]] = {}
    for r in regimens:
        out.setdefault(dates.start(r), []).append(r)
    return out


def answered_earlier(
    dates: _Related,
    progression: Event,
    regimen: Regimen,
    by_start: Mapping[object, Sequence[Regimen]],
) -> bool:
    """Whether ``progression`` is one another regimen answered (:func:`answered_by`) that the
    case starts no later than ``regimen``: read as coming before that start, it came before
    ``regimen`` began, and neither ended it nor arose on it (hepatic metastases of April 2004
    answered by trastuzumab and paclitaxel from that April were named what ended lapatinib,
    given "after" them, because the month let the metastases fall after lapatinib's start)."""
    # (only a regimen dated as the progression is can have answered it: answered_by)
    for other in by_start.get(dates.start(progression), ()):
        if other is regimen or not answered_by(dates, progression, other, other):
            continue
        later = dates.least(start_key(other), start_key(regimen))
        if later is not None and later >= 0:
            return True
    return False


class _Measured(Protocol):
    """Resolved dates that give the windows of ends and the days between two points."""

    def end(self, item: Event | Exposure) -> DayRange:
        """The earliest and latest day of ``item``'s end."""
        ...

    def difference(self, a: str, b: str) -> tuple[int, int] | None:
        """The fewest and most days from point ``a`` to point ``b`` (None when unbounded)."""
        ...


def timing_tells(ch: _Measured, reg: Regimen, p: Event) -> bool:
    """Whether the dates can say that progression ``p``, which may fall in the window around
    the end of ``reg``, ended it, when the case gives no end reason: the distance between the
    two is known within that window under every reading, or the end itself is dated within
    the window's width. An end known only by order ("before the progression", across six
    months and a response) says nothing of what ended it: "stopped for progression" was told
    of a chemoradiotherapy that shrank the tumour months before it progressed."""
    found = ch.difference(end_key(reg), point_key(p, "start"))
    if (
        found is not None
        and found[0] >= -END_WINDOW_BEFORE_DAYS
        and found[1] <= END_WINDOW_AFTER_DAYS
    ):
        return True
    end = ch.end(reg)
    return end.hi - end.lo <= END_WINDOW_BEFORE_DAYS


class _Spanned(_Related, Protocol):
    """Resolved dates that also give the bounds of an item's end."""

    def end(self, item: Event | Exposure) -> DayRange:
        """The earliest and latest day of ``item``'s end."""
        ...


def test_words(case: Case, test: BiomarkerTest) -> str:
    """A biomarker test's result, with its specimen when another test of the same biomarker in
    the case was on another one: IGH/MYC positive in the blasts and negative in the archived
    primary sample, said alike, read as the blasts turning negative on the same day."""
    text = test.biomarker.text()
    name = test.biomarker.name.casefold()
    if test.specimen and any(
        isinstance(e, BiomarkerTest)
        and e is not test
        and e.biomarker.name.casefold() == name
        and e.specimen != test.specimen
        for e in case.events
    ):
        return f"{text} ({test.specimen})"
    return text


def therapies(case: Case) -> list[Regimen | Radiotherapy]:
    """Anti-cancer therapies: every regimen but supportive care, and radiotherapy."""
    return [
        e
        for e in case.events
        if isinstance(e, Radiotherapy) or (isinstance(e, Regimen) and e.intent != "supportive")
    ]


def _latest_end(dates: _Spanned, t: Regimen | Radiotherapy) -> int:
    """The latest day a therapy's end can be; for a course of radiotherapy whose end the case
    does not give, no later than the longest course after its start (an adjuvant radiotherapy
    years before kept rule R005 from reading a response as on the only regimen it can be on)."""
    hi = dates.end(t).hi
    if isinstance(t, Radiotherapy) and t.end is None:
        hi = min(hi, dates.start(t).hi + RADIOTHERAPY_LONGEST_DAYS)
    return hi


def end_untold(regimen: Regimen) -> bool:
    """Whether the case gives no end for a regimen (nor says it was still given at the last
    follow-up): drawn fading out soon after its start, its length "not known"."""
    return not (regimen.end_reported or regimen.end_undated or regimen.ongoing) and any(
        not e.end_reported(regimen) for e in regimen.exposures
    )


def assessed_on(case: Case, dates: _Spanned) -> dict[str, list[tuple[Response, int | None]]]:
    """The on-treatment responses that can have been assessed on one therapy only, a regimen
    whose end the case does not give (:func:`end_untold`), by that regimen's id, each with the
    fewest days it comes after the regimen's start (None: only by order): the regimen was
    still given then. A response is assessed on a therapy that can have started by its day
    and not certainly ended :data:`RESPONSE_WINDOW_DAYS` before it (as rule R001 reads it)."""
    # the therapies by earliest start, and for each prefix of them the two latest ends (and
    # whose the latest is): the therapies a response can be on are a prefix (started by its
    # day) less those that ended too early, so one bisection tells whether exactly one is left
    # (a long case has thousands of responses and therapies: n log n, not n²)
    every = therapies(case)
    untold = {id(t) for t in every if isinstance(t, Regimen) and end_untold(t)}
    if not untold:
        return {}  # (what is asked is which regimen of untold end a response was on)
    # (an adjuvant regimen of untold end is given while there is no evidence of disease: not
    # past the first recurrence or progression after its start, by their windows; tamoxifen
    # after a mastectomy of 1993 kept rule R005 from reading a response of 2014 as on the only
    # regimen it can be on, as if still given 18 years on)
    relapses = [
        (b.lo, b.hi) for e in case.events if isinstance(e, DiseaseEvent) for b in (dates.start(e),)
    ]

    def end_by(t: Regimen | Radiotherapy) -> int:
        hi = _latest_end(dates, t)
        if isinstance(t, Regimen) and t.intent == "adjuvant" and id(t) in untold:
            begun = dates.start(t).lo
            hi = min([hi, *(h for lo, h in relapses if lo > begun)])
        return hi

    spans = sorted(
        ((dates.start(t).lo, end_by(t), i, t) for i, t in enumerate(every)),
        key=lambda x: (x[0], x[2]),
    )
    los = [lo for lo, _hi, _i, _t in spans]
    top: list[tuple[int, int, Regimen | Radiotherapy | None]] = []  # (latest, second, whose)
    first, second, whose = NEG_DAY, NEG_DAY, None
    for _lo, hi, _i, t in spans:
        if hi > first:
            first, second, whose = hi, first, t
        elif hi > second:
            second = hi
        top.append((first, second, whose))
    out: dict[str, list[tuple[Response, int | None]]] = {}
    transplants = [e for e in case.events if isinstance(e, Transplant)]
    for r in case.events:
        if not isinstance(r, Response) or r.setting == "follow-up":
            continue
        rb = dates.start(r)
        k = bisect.bisect_right(los, rb.hi)
        if not k:
            continue
        latest, runner_up, only = top[k - 1]
        floor = rb.lo - RESPONSE_WINDOW_DAYS
        if latest < floor:
            continue  # none
        if runner_up >= floor:
            # more than one by their windows; the relations between the dates may still rule
            # out all but one (nivolumab to the start of pembrolizumab, a CR 45 weeks after
            # that start: nivolumab's end, known only by order, is far from the CR)
            if len(spans) > _RELATED or not any(
                hi >= floor and id(t) in untold for _lo, hi, _i, t in spans[:k]
            ):
                continue  # (the one it was on would have to be a regimen of untold end)
            only = _only_one_on(spans[:k], floor, r, dates)
            if only is None:
                continue
        if only is None or id(only) not in untold:
            continue
        on = [only]
        gap = dates.least(start_key(on[0]), r.id)
        if gap is None or gap < 0:
            continue  # (not put after the start: it may be what the regimen answered)
        held = dates.least(r.id, end_key(only))
        if held is not None and held >= 0:
            continue  # the end is dated no earlier than the response ("at" its end): drawn so
        if any(
            (a := dates.least(start_key(only), t.id)) is not None
            and a >= 0
            and (b := dates.least(t.id, r.id)) is not None
            and b >= 0
            for t in transplants
        ):
            # (a transplant the case puts between the two: the response is the transplant's,
            # not the regimen's; a response after a salvage transplant drew the CAR-T before
            # it, its end not reported, as given through the relapse and the transplant)
            continue
        out.setdefault(on[0].id, []).append((r, gap))
    return out


#: up to this many therapies, :func:`assessed_on` asks the relations between the dates which
#: of several therapies a response can be on (a search each; a long case reads the windows)
_RELATED = 64


def _only_one_on(
    spans: list[tuple[int, int, int, Regimen | Radiotherapy]],
    floor: int,
    response: Response,
    dates: _Spanned,
) -> Regimen | Radiotherapy | None:
    """The one therapy of ``spans`` (those that can have started by the response's day) that
    the response can be on, when the relations between the dates rule out every other: one
    started after it, or one ended at least :data:`RESPONSE_WINDOW_DAYS` before it that is
    not the later of the two (a PET "two months after" radioisotope therapy, begun on a
    somatostatin analogue of unreported end, reads the radioisotope therapy: the analogue is
    not drawn as given to the PET on that count)."""
    found = None
    ended: list[Regimen | Radiotherapy] = []
    for _lo, hi, _i, t in spans:
        if hi < floor:
            continue
        late = dates.least(response.id, start_key(t))
        if late is not None and late >= 0:
            continue  # (begun on the response's day at the earliest: what it led to)
        gone = dates.least(end_key(t), response.id)
        if isinstance(t, Radiotherapy) and t.end is None:
            # (a course whose end the case does not give lasted no longer than the longest)
            via = dates.least(start_key(t), response.id)
            if via is not None:
                via -= RADIOTHERAPY_LONGEST_DAYS
                gone = via if gone is None else max(gone, via)
        if gone is not None and gone >= RESPONSE_WINDOW_DAYS:
            ended.append(t)
            continue
        if found is not None:
            return None
        found = t
    if found is None:
        return None
    for t in ended:
        before = dates.least(start_key(t), start_key(found))
        if before is None or before < 0:
            return None  # a therapy begun after it (or in no known order) came between
    return found


def progression_events(case: Case) -> list[Event]:
    """The recurrences, progressions and PD responses of a case, in file order."""
    return [
        e
        for e in case.events
        if isinstance(e, DiseaseEvent) or (isinstance(e, Response) and e.category == "PD")
    ]


def ended_in_window(start: DayRange, end: DayRange, point: DayRange) -> bool:
    """Whether a progression at ``point`` can fall in the window that says a regimen from
    ``start`` to ``end`` ended for it: from :data:`END_WINDOW_BEFORE_DAYS` before the end
    (never before the start) to :data:`END_WINDOW_AFTER_DAYS` after it."""
    return (
        point.hi >= max(start.lo, end.lo - END_WINDOW_BEFORE_DAYS)
        and point.lo <= end.hi + END_WINDOW_AFTER_DAYS
    )


#: after a date that the file infers, wherever a date is said (its reason is in the file, and
#: in the JSON of ``show``)
INFERRED = " (inferred)"


def _calendar_only(spec: object) -> bool:
    """Whether a date is bounded by calendar dates alone ("before: 2023-07-27"), with no event
    it is written against."""
    if getattr(spec, "kind", None) == "offset":
        return False
    refs = [getattr(spec, side, None) for side in ("on", "after", "before")]
    refs = [r for r in refs if r is not None]
    return bool(refs) and all(isinstance(r, CalendarDate) for r in refs)


def date_specs(case: Case) -> list[tuple[str, object]]:
    """Every date the file writes, as (point key, its date as written): the diagnosis's, each
    event's start (or date) and end, a toxicity's end, each exposure's start and end and the
    dates of its dose changes. A date the file leaves out is there as ``None``."""
    specs: list[tuple[str, object]] = [("diagnosis", case.diagnosis.date)]
    for e in case.events:
        specs.append((point_key(e, "start"), e.start))
        if e.is_span:
            specs.append((point_key(e, "end"), e.end))
        elif isinstance(e, Toxicity) and e.end_date is not None:
            # (a toxicity's end, "resolved by day +7" inferred from a later dose: its reason was
            # said nowhere)
            specs.append((point_key(e, "end"), e.end_date))
        if isinstance(e, Regimen):
            for x in e.exposures:
                specs.append((point_key(x, "start"), x.start_date))
                specs.append((point_key(x, "end"), x.end_date))
                for n, change in enumerate(x.dose_changes, 1):
                    specs.append((dose_change_key(x, n), change.date))
    return specs


def _point_of_anchor(
    case: Case, on: Anchor, held: Callable[[str], str], exposures: dict[str, Exposure]
) -> str | None:
    """The point key (as held) a date written against ``on`` refers to, or None."""
    if on.event == "diagnosis":
        return held("diagnosis")
    target = case.event(on.event) or exposures.get(on.event)
    return None if target is None else held(point_key(target, on.part or "start"))


def inferred_dates(
    case: Case,
    held: Callable[[str], str] = lambda key: key,
    relative: bool = False,
    origin: str | None = None,
) -> dict[str, str]:
    """Every date the file marks ``inferred:``, by its point key, with the reason given.
    ``held``: the key each point is held under (a chronology's ``canonical``: an exposure's
    start may be its regimen's), so that a look-up by any key of the point finds it.
    ``relative``: the case is scheduled relative to itself, its calendar bounds left out, so a
    date whose only inference is a calendar bound is not inferred as it is told (a diagnosis
    "before 2023-07-27", inferred from the report's publication, was "month 0 (inferred)",
    and every month of the case was said to count from an inferred date). ``origin``: in such
    a case, the point its months count from: a date a stated distance from it is that
    distance from it as the source gives it ("month 15", 15 months after an inferred start
    of osimertinib the axis counts from), not a day resting on the inference."""
    out: dict[str, str] = {}

    def put(key: str, spec: object) -> None:
        reason = getattr(spec, "inferred", None)
        if reason and not (relative and _calendar_only(spec)):
            out[held(key)] = " ".join(str(reason).split())

    specs = date_specs(case)
    for key, spec in specs:
        put(key, spec)
    # a date written as another point, with no distance ("end: b.start"), is that point: as
    # inferred as it is (L1's end, on the day of an inferred start of L2, was said as certain);
    # one written at a distance from it ("{from: l1.end, offset: 1 months}") rests on it (a CT
    # a month after an end inferred from six cycles of a length the source does not give was
    # said on its day as if the source gave it)
    same: dict[str, tuple[str, bool]] = {}  # key -> (the point it is dated from, at a distance)
    exposures = {x.key: x for r in case.regimens() for x in r.exposures}
    counted_from = held(origin) if relative and origin is not None else None
    for key, spec in specs:
        kind = getattr(spec, "kind", None)
        distant = kind == "offset"
        on = getattr(spec, "origin" if distant else "on", None)
        if not isinstance(on, Anchor) or (not distant and getattr(spec, "offset", None)):
            continue
        # (the diagnosis too: an operation written on its day, its month inferred, was said
        # "[2019-09]" as if the source gave it; and an exposure's own id: a toxicity written on
        # carboplatin's inferred start)
        to = _point_of_anchor(case, on, held, exposures)
        if to is not None and not (distant and to == counted_from):
            same.setdefault(held(key), (to, distant))
    plain: set[str] = set()  # keys whose chain reaches no inferred date
    derived: dict[str, tuple[str, bool]] = {}  # key -> (the reason it rests on, at a distance)
    for key in same:
        # (each chain of such dates walked once: what it reaches is kept for the next key)
        path: list[tuple[str, bool]] = []  # each date of the chain, and whether at a distance
        seen: set[str] = set()
        at = key
        while at not in out and at not in plain and at in same and at not in seen:
            seen.add(at)
            path.append((at, same[at][1]))
            at = same[at][0]
        if at not in out:
            plain.update(k for k, _far in path)
            continue
        # walked back from the inferred date: a date at a distance from it, and every date
        # written as or from that one, is "dated from" it (a chain that reaches a date found
        # so before goes on to that date's own inferred date)
        root, far = derived.get(at, (out[at], False))
        for k, distant in reversed(path):
            far = far or distant
            derived[k] = (root, far)
            out.setdefault(k, f"dated {'from' if far else 'as'} an inferred date ({root})")
    return out


def teaching_kind(e: Event) -> str | None:
    """What a teaching deck tells of an event as a step of its own (a regimen, an operation, a
    change of the disease, a toxicity or a complication of the disease, a second primary
    cancer, a treatment declined, the outcome), or None for what a step's figure shows without telling (imaging, biomarkers,
    radiotherapy, supportive care, a pregnancy)."""
    if isinstance(e, Regimen):
        return None if e.intent == "supportive" else "regimen"
    if isinstance(e, Surgery):
        return "surgery" if e.oncologic else None
    if isinstance(e, Transplant):
        return "transplant"
    if isinstance(
        e,
        DiseaseEvent
        | Response
        | Resistance
        | Toxicity
        | Complication
        | Death
        | FollowUp
        | SecondPrimary
        | Declined,
    ):
        return e.kind
    return None
