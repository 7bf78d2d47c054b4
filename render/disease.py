"""The disease lane (the state of the disease over time) and the events lane (diagnosis,
recurrences, progressions, resistance, toxicity, biomarkers, follow-up, death).

The disease lane is the path the state machine took: one segment per recorded change of
state, in the order the validator replayed them, so it never skips a recorded state (a
progression between a CR and an SD stays visible, at least as a sliver). An NE assessment
changes no state and is shown as an event. Uncertain dates get the same thin window rule as
the bars.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Hashable, Iterable, Sequence
from typing import Any, TypeVar

from attrs import evolve

from timeline.chronology import NEG, POS, WIDE_WINDOW_DAYS, Bounds
from timeline.model import (
    SAID,
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
    Radiotherapy,
    Regimen,
    Resistance,
    Response,
    SecondPrimary,
    Surgery,
    Toxicity,
)
from timeline.queries import RESPONSE_WINDOW_DAYS, point_key, test_words
from timeline.render.canvas import (
    INFERRED_STAR,
    OPEN_ARROW,
    REACH_DAYS,
    WIDEST_EVENT_LABEL,
    Canvas,
    is_note_number,
)
from timeline.render.scene import Glyph, Rect, Rows, Stroke, Text, leader_line
from timeline.render.style import (
    CATEGORY_COLOURS,
    EVENT_SHAPES,
    VAGUE_SHARE,
    mix,
    text_colour,
    text_width,
)
from timeline.schedule import Planned, at_text, length_open, since
from timeline.states import REPORTED_STATE, short_label
from timeline.wording import STATUS_WORDS, death_cause, found_by, quoted, toxicity_text

__all__ = ["WINDOW_RULE_STEP", "draw_events", "draw_status", "status_segments", "window_rows"]

#: a recorded state is drawn at least this wide (points), however short it lasted
MIN_SEGMENT = 4.0
#: rows of event labels before labels become numbered notes
MAX_EVENT_ROWS = 4


def _stops_at_its_end(
    c: Canvas,
    therapy: Event,
    upto: float,
    later: Iterable[float],
    assessment: Event | None,
) -> float | None:
    """Where "not yet assessed" after a new therapy stops short of ``upto`` because the case
    ends that therapy before it: the x of the end's latest day; None when it runs on (an end
    not reported, ongoing, or open late; another therapy begun before ``upto``, at the xs
    ``later``; or ``assessment``, the response that follows, when the case lets it fall
    within the weeks after that end that rule R001 allows an assessment of it: a CAR-T infusion of one day and its complete
    response a month on had the month between blank, "an outcome the source does not give",
    where it gives one)."""
    if not isinstance(therapy, Regimen) or therapy.ongoing:
        return None
    if not therapy.end_reported and not (
        # (an end given only after cycles of unstated length is not dated, unless the axis
        # counts from it: "seven months after finishing rituximab", four cycles of it, ran on
        # as a new therapy not yet assessed through the seven months off therapy)
        therapy.end_undated
        and c.plan.anchor is not None
        and c.chrono.canonical(c.plan.anchor) == c.chrono.canonical(point_key(therapy, "end"))
    ):
        return None
    done = c.day(therapy, "end")
    latest = None if done is None else done.window.hi
    if latest is not None and latest >= POS // 2:
        # an end open on its late side only because the start is (nivolumab for 19 weeks
        # from a start known only after a progression, the case told relative to itself): as
        # long after the start drawn as it can last (it ran on as "not yet assessed" through a
        # year off therapy to the CR)
        begun = c.day(therapy)
        span = c.chrono.difference(point_key(therapy, "start"), point_key(therapy, "end"))
        latest = None if begun is None or span is None else begun.day + span[1]
    if latest is None or latest >= POS // 2 or c.x(latest) >= upto - 1:
        return None
    if any(x < upto - 1 for x in later):
        return None  # (axitinib after sunitinib is new too)
    seen = None if assessment is None else c.plan.point(point_key(assessment, "start"))
    if seen is not None and seen.window.lo - latest <= RESPONSE_WINDOW_DAYS:
        return None
    return c.x(latest)


def _unassessed(when: str) -> str:
    """The tooltip of a stretch not yet assessed after a therapy began (``when``, its start in
    words): true whether the therapy goes on or is over ("on a new therapy", said of seven
    months off therapy after four cycles of rituximab, read as still given)."""
    return f"not yet assessed after the start of a new therapy ({when})"


def status_segments(c: Canvas) -> list[tuple[int, str, Event, Planned]]:
    """(day, state entered, event, its schedule) for every recorded change of state, in the
    order the state machine went through them."""
    seq: list[tuple[int, str, Event, Planned]] = []
    last = None
    for step in c.checked.steps:
        if step.after == "dead":
            continue
        planned = c.day(step.event)
        if planned is None or not c.shown(planned.day):
            continue
        if seq and seq[-1][1] == step.after and planned.day < seq[-1][0]:
            # two changes to one state the case does not order (two progressions, each known
            # only by order): the one drawn first opens the segment, as its marker is drawn
            # (the lane began PD at the second diamond, nothing under the first)
            floor = seq[-2][0] if len(seq) > 1 else planned.day
            prev = seq.pop()
            day = max(planned.day, floor)
            seq += [(day, step.after, step.event, planned), prev]
            continue
        day = planned.day if last is None else max(planned.day, last)
        last = day
        seq.append((day, step.after, step.event, planned))
    return seq


def _mixed(
    c: Canvas, seq: list[tuple[int, str, Event, Planned]]
) -> tuple[list[tuple[int, str, Event, Planned]], dict[int, list[tuple[str, Event]]]]:
    """The changes of state the lane draws, and for each (by its index) the states of the
    responses recorded on the same day just before it with another category (a PR of the
    primary and SD of a brain metastasis): drawn as bands of one segment, not as a sliver of
    the first followed by the other, which would read as one after the other.

    The same day is the case's: both dated alike, within one closed window (both "2019-05"),
    on one plausible day; not two dates a zone of dates known only by order draws in one slot
    ("1 month" and "9 months" after an end known only by order)."""
    words = c.words or c.plan
    out: list[tuple[int, str, Event, Planned]] = []
    mixed: dict[int, list[tuple[str, Event]]] = {}
    for entry in seq:
        _day, state, event, _planned = entry
        if out and isinstance(event, Response) and event.category:
            _d, last_state, last_event, _p = out[-1]
            group = mixed.get(len(out) - 1, [])
            here, there = words.point(event.id), words.point(last_event.id)
            if (
                isinstance(last_event, Response)
                and last_event.category
                and here is not None
                and there is not None
                and here.day == there.day
                and here.window == there.window
                and here.window.lo > NEG // 2
                and here.window.hi < POS // 2
                and state not in {last_state, *(st for st, _e in group)}
            ):
                mixed.pop(len(out) - 1, None)
                out[-1] = entry
                mixed[len(out) - 1] = [*group, (last_state, last_event)]
                continue
        out.append(entry)
    # a response in the authors' words at another site on the same day (the primary
    # "smaller" beside a "stable" metastasis) is a band of its own: the category is one site's
    said = [e for e in c.case.events if isinstance(e, Response) and e.category in SAID]
    for i, (_day, _state, event, _planned) in enumerate(out):
        if not isinstance(event, Response) or not event.sites:
            continue
        here = words.point(event.id)
        for other in said:
            there = words.point(other.id)
            if set(other.sites) == set(event.sites) or here is None or there is None:
                continue
            # the same day: the case says so ("date: ct3"), or both are dated alike
            same = c.chrono.difference(event.id, other.id) == (0, 0) or (
                here.day == there.day
                and here.window == there.window
                and here.window.lo > NEG // 2
                and here.window.hi < POS // 2
            )
            if same:
                kind = "no-response" if other.category == "NR" else "unstated"
                mixed[i] = [*mixed.get(i, []), (kind, other)]
    return out, mixed


#: an MRD result as the Disease lane writes it after the state ("CR MRD−")
_MRD_SIGNS = {"negative": "MRD−", "positive": "MRD+"}


def _band_label(state: str, event: Event | None = None) -> str:
    """A band's state as the lane writes it: its short name, "words" for a response in the
    authors' words, "recurrence" for the state a recurrence entered (disease found again after
    none was left: RECIST's PD is growth of disease measured on treatment, which a disease-free
    patient has none of)."""
    if state == "pd" and isinstance(event, DiseaseEvent) and event.type == "recurrence":
        return "recurrence"
    if state == "no-response":
        return "NR"  # (SD or PD, the source not saying which)
    return "words" if state == "unstated" else short_label(state)


def _state_tip(c: Canvas, state: str, event: Event) -> str:
    """A segment's tooltip: the state, from when, the event that entered it and the source's
    words."""
    sites = ""
    if isinstance(event, Response) and event.sites and state in ("cr", "pr", "sd"):
        sites = f" {', '.join(event.sites)}"  # (a CR of the brain alone is not the disease's)
    tip = f"{_band_label(state, event)}{sites} {since(c.when(event))} ('{event.label()}')"
    if isinstance(event, Response) and event.criteria:
        tip += f" by {event.criteria}"
    if isinstance(event, Response) and event.authors_term:
        tip += f": {event.authors_term}"
    if isinstance(event, Response) and event.markers:
        # (the marker the response was read on: a PSA of 7.6 at a partial response was in
        # `show` alone, and a PSA series after it read from nothing)
        tip += f" ({', '.join(str(m) for m in event.markers)})"
    if isinstance(event, Response) and event.mrd is not None:
        tip += f"; {event.mrd}"  # (a CR's measurable residual disease)
    return tip


def _began_before(c: Canvas, therapy: Event, pd: Event | None, earlier: list[Event]) -> bool:
    """Whether the case starts ``therapy`` before the progression ``pd``: no later than an
    assessment before it, or before the progression's own day — certainly, or at no time
    after it without being tied to its day (a progression "after" the start of nivolumab,
    both drawn on that day, is a progression on it; a line started on the day its
    progression was found is not)."""
    start = point_key(therapy, "start")
    gaps = [c.chrono.least(start, point_key(e, "start")) for e in earlier]
    if pd is not None:
        at = point_key(pd, "start")
        gap = c.chrono.least(start, at)
        if gap == 0 and (tied := c.chrono.least(at, start)) is not None and tied >= 0:
            gap = None  # (started on the progression's day: a new therapy)
        gaps.append(None if gap is None or gap < 0 else gap)
    return any(g is not None and g >= 0 for g in gaps)


def _last_segment(c: Canvas, first_item: int, stop: float) -> list[tuple[int, Rect]]:
    """The lane's last segment (the one that ends at ``stop``) with its bands (the lower half
    of no response, the bands of responses at different sites), each with its index in the
    items."""
    found = [
        (k, item)
        for k, item in enumerate(c.items[first_item:], first_item)
        if isinstance(item, Rect) and abs(item.x1 - stop) < 0.5 and item.y0 < item.y1
    ]
    if not found:
        return []
    last = max(item.x0 for _k, item in found)
    return [(k, item) for k, item in found if abs(item.x0 - last) < 0.01]


def _fade_to_vague_operations(c: Canvas, first_item: int) -> None:
    """Fade out each stretch of the lane that an operation of unknown completeness ends, when
    that operation is dated only within more than six months: over the part of its window the
    stretch draws, as a therapy's bar fades to an end so dated (brain metastases' PD stopped
    sharp at a resection known only within eight years, the lane blank after it, as if the
    operation's day were known)."""
    vague = {}
    for e in c.case.events:
        if isinstance(e, Surgery) and e.oncologic and e.curative is None:
            p = c.day(e)
            if (
                p is not None
                and p.window.lo > NEG // 2
                and p.window.hi - p.window.lo > WIDE_WINDOW_DAYS
                and not c.in_zone(p.day)
            ):
                vague[round(c.x(p.day), 2)] = p
    if not vague:
        return
    for k in range(first_item, len(c.items)):
        item = c.items[k]
        if not isinstance(item, Rect) or "ended-by-operation" not in item.classes:
            continue
        p = vague.get(round(item.x1, 2))
        if p is None:
            continue
        length = min(item.x1 - item.x0, item.x1 - c.x(p.window.lo))
        if length >= 2:
            c.items[k] = evolve(item, fades=(item.fades[0], max(item.fades[1], length)))


def _fade_last(c: Canvas, first_item: int, stop: float, end: Planned) -> None:
    """Fade out the lane's last segment (the one that ends at ``stop``) over the window of the
    date it runs to, or over a short cap when that date is not reported."""
    for k, last in _last_segment(c, first_item, stop):
        lo = end.window.lo
        if lo > NEG // 2 and end.window.hi - lo > WIDE_WINDOW_DAYS:
            length = min(last.x1 - last.x0, max(0.0, stop - c.x(lo)))
            c.items[k] = evolve(last, fades=(last.fades[0], length))
        else:
            c.items[k] = evolve(last, fade="end")


#: what a last follow-up may say that is not the state of the disease (docs/case-format.md)
_SILENT_STATUS = ("alive", "unknown", "lost-to-follow-up")
#: the states the lane fades out of after the last assessment, to such a follow-up: a response
#: or no evidence of disease may be lost without the case saying so (progressing or untreated
#: disease stays until a response the case would give)
_LOSABLE = ("ned", "cr", "pr", "sd", "unstated")


def _fade_after_last_assessment(
    c: Canvas, first_item: int, stop: float, end_event: Event | None
) -> None:
    """Fade out the lane's last segment from the last assessment of the disease to the last
    follow-up, when that follow-up says nothing of the disease (alive, unknown, lost to
    follow-up), or to a death of no stated cause, and no therapy goes on at it: a stable disease seen on CT in 2019 was drawn
    solid to a follow-up of March 2021 that said only "alive", eighteen months the source says
    nothing of. As a PFS is censored at that assessment (docs/rules.md); the assessment is the
    last response (not NE nor NR), imaging, progression or recurrence, or change of state."""
    # (and to a death whose cause the case does not give: a partial response after six
    # cycles of sunitinib, stopped as unaffordable, was drawn held through 37 months of
    # palliative care to the death, the source's last word on the disease being the response)
    silent = (isinstance(end_event, FollowUp) and end_event.status in _SILENT_STATUS) or (
        isinstance(end_event, Death) and not end_event.cause
    )
    if not silent or end_event is None:
        return
    end = c.day(end_event)
    if end is None or abs(stop - c.x(end.day)) >= 0.5:
        return  # (a figure cut before it, or a lane ended otherwise)
    if any(isinstance(r, Regimen) and r.ongoing for r in c.case.events):
        return  # (a line going on at the follow-up: its PFS runs to it)
    seen = [
        p.day
        for e in c.case.events
        if (
            isinstance(e, Imaging | DiseaseEvent)
            or (isinstance(e, Response) and e.category not in ("NE", "NR"))
            or any(step.event is e for step in c.checked.steps)
        )
        and (p := c.day(e)) is not None
        and p.day <= end.day
        and e is not end_event
    ]
    if not seen:
        return
    since = max(seen)
    if stop - c.x(since) < 2 or any(
        isinstance(item, Rect) and item.id.startswith("blend-status-") and item.x1 > stop - 0.5
        for item in c.items[first_item:]
    ):
        return  # (nor where a change blends in up to the lane's end: it says the state there)
    for k, last in _last_segment(c, first_item, stop):
        if last.blend or not set(_LOSABLE) & set(last.classes):
            continue
        fades = c.fading_to(last.fades, last.x0, last.x1, since)
        c.items[k] = evolve(last, fades=fades, classes=(*last.classes, "unassessed-tail"))


def _fade_from(c: Canvas, first_item: int, stop: float, lo: int) -> None:
    """Fade out the lane's last segment (the one that ends at ``stop``, the cut of a step
    dated only within more than six months) from ``lo``, that step's earliest day."""
    for k, last in _last_segment(c, first_item, stop):
        if last.blend and last.id.startswith("blend-status-"):
            # (a change blended over its window up to the cut, the step's own most often: the
            # blend says when it may have come; a fade laid over it, from the new state's
            # colour to white, read as the state undone)
            return
        fades = c.fading_to(last.fades, last.x0, last.x1, lo)
        c.items[k] = evolve(last, fades=fades)


def draw_status(c: Canvas, y: float) -> float:
    """Draw the disease lane from ``y``: one segment per state, coloured by state, from each step of
    the replay to the next; return the y below it."""
    t = c.theme
    small = t.small
    seq, mixed = _mixed(c, status_segments(c))
    operations = _unknown_operations(c)
    end_event = next((e for e in c.case.events if isinstance(e, Death | FollowUp)), None)
    end_plan = c.day(end_event) if end_event is not None else None
    end_day = end_plan.day if end_plan is not None else None
    y0, y1 = y + t.gap / 2, y + t.gap / 2 + t.row * 0.8
    xs: list[float] = []
    for day, _state, event, _planned in seq:
        x = c.x(day)
        if c.pushed and isinstance(event, Event):
            # (a partial response "after" carboplatin's start, both dated only by order and so
            # on one day, began left of the carboplatin bar drawn after the cisplatin it
            # replaced: a response before the drug it followed)
            x = c.not_before_pushed(point_key(event, "start"), x)
        xs.append(max(x, xs[-1] + MIN_SEGMENT) if xs else x)
    # the last date the lane runs to, when the case does not date it well (no follow-up, and
    # its last date an end known only within months or not reported): its last state fades
    # out as that therapy's bar does, rather than stop as if dated
    open_end: Planned | None = None
    drawn_stop: float | None = None
    if end_day is None:
        # no follow-up and no death: the case tells nothing after its last event, so no
        # state is drawn past it (the axis runs on a little, for room)
        told = [
            (p.day, e, part, p)
            for e in c.case.events
            for part in ("start", "end")
            if (p := c.day(e, part)) is not None and c.shown(p.day)
        ]
        beyond = c.cut is not None and any(
            p.day > c.cut
            for e in c.case.events
            for part in ("start", "end")
            if (p := c.day(e, part)) is not None
        )
        if beyond:
            # (a figure cut before the case's last event: the case goes on past the cut, and
            # the state told last runs to it; a medulloblastoma's NED stopped at the
            # chemotherapy begun before the cut, blank to the cut, as if nothing were known)
            end_day = c.cut
        elif told:
            end_day, last_event, last_part, last = max(told, key=lambda t: t[0])
            spec = last_event.end if last_part == "end" and last_event.is_span else None
            unreported = last_part == "end" and (spec is None or spec.kind == "unknown")
            if unreported or last.window.hi - last.window.lo > WIDE_WINDOW_DAYS:
                open_end = last
            if unreported and c.later and 0 < (drawn := c.drawn_to(last_event)) < c.x(end_day):
                # (in a step's figure, no further than that therapy is drawn: its end not
                # reported, its plausible day is where the follow-up a later step tells is
                # drawn, and the lane ran on to it, past the step)
                drawn_stop = drawn
    elif (
        end_plan is not None
        and end_plan.window.lo > NEG // 2
        and end_plan.window.hi - end_plan.window.lo > WIDE_WINDOW_DAYS
        and c.x(end_plan.day) - c.x(end_plan.window.lo) >= 2
    ):
        # (a last follow-up or a death known only within more than six months: the lane
        # fades out over the part of that window it draws, as a therapy's bar does; a CR
        # "lasting 4 years" stopped sharp at a follow-up known only within ten months)
        open_end = end_plan
    stop = c.x(end_day) if end_day is not None else c.scale.x1
    if drawn_stop is not None:
        stop = min(stop, drawn_stop)
    if c.cut is not None:
        stop = c.x(c.cut) if end_day is None or end_day > c.cut else stop
    # (radiotherapy too: salvage radiotherapy for a PSA recurrence, the next recurrence four
    # years on, was drawn as four years of PD)
    started = sorted(
        (
            (p.day, p, r)
            for r in c.case.events
            if (
                isinstance(r, Radiotherapy) or (isinstance(r, Regimen) and r.intent != "supportive")
            )
            and (p := c.day(r)) is not None
            and c.shown(p.day)
        ),
        key=lambda start: start[0],  # (two therapies on one day: in file order)
    )
    starts = [day for day, _p, _r in started]
    start_xs = [c.x(d) for d in starts]  # in order too: x grows with the day
    # before the first change of state (the disease as diagnosed, not drawn), a response in
    # the authors' words is still a response: the lane says so from its day
    first_item = len(c.items)
    first_x = xs[0] if xs else stop
    said_at = _Said(c)
    said = said_at.first(NEG_DAY, first_x)
    labels: list[tuple[int, float, float, str, str]] = []
    noted: dict[int, str] = {}  # the sites of a response whose label has no room for them
    #: each edge of a segment that is a dated change: (the segment, its date, the state's index)
    changes: list[tuple[str, Planned, int | None]] = []
    #: the point each change is the date of (its window drawn as its neighbours allow)
    keys: dict[str, str] = {}

    def unstated(ident: str, x0: float, x1: float, response: Response) -> None:
        # each later response in the authors' words drawn in the stretch starts a piece of its
        # own, a white rule between: two assessments judged failures and then a response, all
        # in words, read as one grey band
        pieces = [(x0, response)]
        while (later := said_at.following(pieces[-1][1], x1)) is not None:
            at = max(c.x(later[0]), pieces[-1][0] + MIN_SEGMENT)
            if at >= x1 - 1:
                break
            pieces.append((at, later[1]))
        for k, (a, said) in enumerate(pieces):
            b = pieces[k + 1][0] if k + 1 < len(pieces) else x1
            part = ident if k == 0 else f"{ident}-{k + 1}"
            # an operation whose completeness the source does not give ends what the words
            # said, the lane blank after it, as after a state (a glioma's "suppressed tumor
            # progression" on temozolomide ran on through a sixth operation to the death)
            ended: tuple[str, ...] = ()
            if (said_day := c.day(said)) is not None:
                operated = _unknown_operation(
                    c, operations, said_day.day, point_key(said, "start"), a + MIN_SEGMENT, b - 1
                )
                if operated is not None:
                    # (the legend says why the lane is blank after it: a GIST's "did not
                    # shrink" on sunitinib, ended by a hepatectomy, left five weeks of white
                    # to the relapse with no word)
                    b, ended = operated, ("ended-by-operation",)
            if said.category == "NR":
                # (no response ends with a new therapy begun after it, as a progression does:
                # from there the disease is not yet assessed on it; "SD or PD" ran on across
                # the trastuzumab a cancer that failed lapatinib then responded to)
                at = bisect.bisect_right(start_xs, a + 0.5)
                if at < len(start_xs) and start_xs[at] < b - 1:
                    therapy = started[at]
                    # (no further than that therapy, when the case ends it before and none
                    # follows it, nor a response its end allows to be its assessment:
                    # nivolumab stopped in March was "not yet assessed" on to a PET in
                    # September, beside the box of no therapy)
                    coming = pieces[k + 1][1] if k + 1 < len(pieces) else None
                    end_x = _stops_at_its_end(c, therapy[2], b, start_xs[at + 1 :], coming)
                    stop = b if end_x is None else max(end_x, start_xs[at] + MIN_SEGMENT)
                    c.items.append(
                        Rect(
                            f"unassessed-{part}",
                            start_xs[at],
                            y0,
                            stop,
                            y1,
                            CATEGORY_COLOURS["unassessed"],
                            ("unassessed", *(("ended-unrecorded",) if stop < b - 1 else ())),
                            tooltip=_unassessed(c.when(therapy[2])),
                        )
                    )
                    changes.append((f"unassessed-{part}", therapy[1], None))
                    keys[f"unassessed-{part}"] = point_key(therapy[2], "start")
                    b = start_xs[at]
            _unstated(c, part, a, b, y0, y1, said, ended)
            if k:
                # (a narrow white box: a line is drawn under the boxes of the lane)
                c.items.append(
                    Rect(f"sep-{part}", a - 0.75, y0, a + 0.75, y1, "#FFFFFF", ("separator",))
                )
            # (each piece's start blends over its window, as a change of state does, when it
            # changes what the lane shows: a "no response" dated only within six years after
            # a response in words stood sharp at its plausible day; two pieces of the same
            # grey keep the white rule between them, which a blend hid)
            same = k > 0 and pieces[k - 1][1].category == said.category
            if (first := c.day(said)) is not None and not same:
                changes.append((part, first, None))
                keys[part] = point_key(said, "start")

    first_event = seq[0][2] if seq else None
    _as_diagnosed(c, first_x, said, started, y0, y1, labels, changes, keys, first_event)
    if said is not None and c.x(said[0]) < first_x - 1:
        unstated("unstated-0", c.x(said[0]), first_x, said[1])
    for i, (day, state, event, planned) in enumerate(seq):
        x0 = xs[i]
        x1 = xs[i + 1] if i + 1 < len(seq) else max(stop, x0 + MIN_SEGMENT)
        # an operation whose completeness the source does not give, after this change and
        # before the next: the state ends there, the lane blank up to the next state, as it is
        # after the disease as diagnosed (a GIST's PD ran through its resection to the next
        # recurrence, read as progressing after the tumour was removed)
        operated = _unknown_operation(
            c, operations, day, point_key(event, "start"), x0 + MIN_SEGMENT, x1 - 1
        )
        ended_by_op = False
        full_x1 = x1  # (where the next state begins)
        if state == "pd" and operated is not None:
            at = bisect.bisect_left(start_xs, c.x(day))
            if at >= len(start_xs) or operated < start_xs[at]:
                # (before any new therapy: the PD itself ends at the operation)
                x1, ended_by_op, operated = operated, True, None
        elif operated is not None:
            x1, ended_by_op, operated = operated, True, None
        if state == "pd":
            # a new therapy after a progression (on its day too: a line started when it was
            # found): not yet assessed on it, until the next state; the progression itself
            # stays visible, at least MIN_SEGMENT wide
            at = bisect.bisect_left(start_xs, c.x(day))
            # (not a therapy the case starts before an assessment before the progression,
            # drawn at its day: paclitaxel going on through a progression, its start, the PR on
            # it and the progression known only in that order, all at their earliest day, was
            # drawn as three years of a new therapy not yet assessed)
            # (the last event of the lane before this one: searched back from it)
            earlier = next(
                ([seq[k][2]] for k in range(i - 1, -1, -1) if isinstance(seq[k][2], Event)), []
            )
            while at < len(started) and _began_before(c, started[at][2], event, earlier):
                at += 1
            nxt = starts[at] if at < len(starts) else None
            cut = max(c.x(nxt), x0 + MIN_SEGMENT) if nxt is not None else x1
            if nxt is not None and i + 1 == len(seq) and end_event is None and cut >= x1 - 1:
                # the case tells nothing after the new therapy's start (lorlatinib begun on
                # the progression, a response in the authors' words on it): the lane runs as
                # far as that therapy is drawn, so that its last word is not the progression
                # the therapy answered ("PD" ended the lane, the response a bare marker)
                x1 = max(x1, cut + 2 * MIN_SEGMENT, c.drawn_to(started[at][2]))
                stop = max(stop, x1)
            # a response in the authors' words (no category) after the progression and before
            # any new therapy (radiotherapy alone, say) ends the PD there
            # (before the next state, too: a "complete response" in words after that state's
            # resection drew the recurrence before it on over the resection and its NED, two
            # segments and their names one over the other)
            early = said_at.first(day + 1, min(cut, x1), event)
            if early is not None and max(c.x(early[0]), x0 + MIN_SEGMENT) < min(cut, x1) - 1:
                upto = max(c.x(early[0]), x0 + MIN_SEGMENT)
                unstated(f"unstated-{i + 1}", upto, x1, early[1])
                x1 = upto
            elif nxt is not None and cut < x1 - 1:
                # a response in the authors' words (no category) ends "not yet assessed": from
                # there the lane says only that a response was reported
                said = said_at.first(nxt, x1, event)
                said_x = None if said is None else max(c.x(said[0]), cut + MIN_SEGMENT)
                upto = x1 if said_x is None else said_x
                # (no further than the new therapy, when the case ends it before: sunitinib
                # stopped two months before the last follow-up was "new therapy, not yet
                # assessed" up to it, beside the box of no therapy; nothing is said after it)
                coming = seq[i + 1] if i + 1 < len(seq) else None
                assessment = (
                    said[1]
                    if said is not None
                    else coming[2]
                    if coming is not None
                    and coming[1] in ("cr", "pr", "sd")
                    and isinstance(coming[2], Response)
                    else None
                )
                end_x = _stops_at_its_end(
                    c, started[at][2], upto, (c.x(sd) for sd in starts[at + 1 :]), assessment
                )
                if end_x is not None:
                    upto = max(end_x, cut + MIN_SEGMENT)
                # (blank from the therapy's end to the next state: the legend says why, as
                # after an adjuvant therapy; a myeloma's lane was white from a CAR-T infusion
                # to the relapse after it, read as no disease)
                blank = ("ended-unrecorded",) if upto < (said_x or x1) - 1 else ()
                if operated is not None and cut < operated < upto:
                    # (not yet assessed up to the operation of unknown completeness on it)
                    upto, blank = operated, ("ended-by-operation",)
                c.items.append(
                    Rect(
                        f"unassessed-{i + 1}",
                        cut,
                        y0,
                        upto,
                        y1,
                        CATEGORY_COLOURS["unassessed"],
                        ("unassessed", *blank),
                        # (the therapy's date as the case gives it: in a zone of dates known
                        # only by order, the day drawn is a slot, "≈ month 2.4" said of nothing)
                        tooltip=_unassessed(c.when(started[at][2])),
                    )
                )
                changes.append((f"unassessed-{i + 1}", started[at][1], None))
                keys[f"unassessed-{i + 1}"] = point_key(started[at][2], "start")
                if said is not None and said_x is not None and said_x < x1:
                    unstated(f"unstated-{i + 1}", said_x, x1, said[1])
                x1 = cut
        elif state in ("cr", "pr", "sd"):
            # a later assessment in the authors' words only ("the mass was significantly
            # larger") ends what the last category said: the SD of one metastasis ran on through
            # a primary that grew and shrank, as if still stable
            later = said_at.first(day + 1, x1)
            if later is not None and max(c.x(later[0]), x0 + MIN_SEGMENT) < x1 - 1:
                upto = max(c.x(later[0]), x0 + MIN_SEGMENT)
                unstated(f"unstated-{i + 1}", upto, x1, later[1])
                x1 = upto
        if ended_by_op:
            # a response in the authors' words after the operation and before the next state
            # is said from its day, as after the disease as diagnosed, the lane blank only up
            # to it: a glioma's "unsuccessful" bevacizumab + lomustine after its third
            # operation, and the tumour treating fields after that, were left blank to the
            # next progression, read as no disease
            found = said_at.first(day + 1, full_x1, event)
            while found is not None and c.x(found[0]) < x1 + MIN_SEGMENT:
                found = said_at.first(found[0] + 1, full_x1, event)
            if found is not None:
                unstated(f"unstated-op-{i + 1}", c.x(found[0]), full_x1, found[1])
        colour = CATEGORY_COLOURS.get(state, "#CCCCCC")
        label = _band_label(state, event)
        if label == "recurrence" and text_width(label, small) * 1.08 + 4 > x1 - x0:
            label = "rec."  # (the legend reads "PD / recurrence"; "PD" would call it a progression)
        if isinstance(event, Response) and event.sites and state in ("cr", "pr", "sd"):
            # a response the case gives at some sites ("CR brain", the nodes not assessed): said
            # with its sites where they fit, not as the whole disease's
            sited = f"{label} {', '.join(event.sites)}"
            if text_width(sited, small) * 1.08 + 4 <= x1 - x0:
                label = sited
            elif c.theme.labels:
                # no room for them (a CR drawn in the zone of dates known only by order): the
                # sites under the figure, called from the label where that fits, not a bare
                # "CR" read as the whole disease's
                noted[i] = f"{label}: {', '.join(event.sites)}"
        if isinstance(event, Response) and event.mrd is not None and i not in mixed:
            # (its measurable residual disease where it fits: four complete remissions of an
            # ALL, three of them molecular, were four alike "CR" in the lane, the report's
            # point in tooltips alone)
            sign = _MRD_SIGNS.get(event.mrd.result.lower())
            if sign and text_width(f"{label} {sign}", small) * 1.08 + 4 <= x1 - x0:
                label = f"{label} {sign}"
            elif sign and c.theme.labels:  # (else under the figure, called from the label)
                noted[i] = f"{noted[i]}; {event.mrd}" if i in noted else f"{label}: {event.mrd}"
        tip = _state_tip(c, state, event)
        ended = ("ended-by-operation",) if ended_by_op else ()
        c.items.append(
            Rect(
                f"status-{i + 1}", x0, y0, x1, y1, colour, ("response", state, *ended), tooltip=tip
            )
        )
        if i in mixed:
            # responses at different sites on the same day (a PR of the primary, SD of a brain
            # metastasis): one band each, top down in the order recorded, the last one's being
            # the state the case goes on from
            others = mixed[i]
            band = (y1 - y0) / (len(others) + 1)
            for k, (other_state, other) in enumerate(others):
                c.items.append(
                    Rect(
                        f"status-{i + 1}-band-{k + 1}",
                        x0,
                        round(y0 + k * band, 2),
                        x1,
                        round(y0 + (k + 1) * band, 2),
                        CATEGORY_COLOURS.get(other_state, "#CCCCCC"),
                        ("response", other_state, "mixed"),
                        tooltip=_state_tip(c, other_state, other),
                    )
                )
            parts = [*others, (state, event)]
            label = "/".join(dict.fromkeys(_band_label(st, e) for st, e in parts))
            # with each site, when the segment holds it ("PR lung / SD brain")
            sited = " / ".join(
                f"{_band_label(st, e)} {', '.join(e.sites)}"
                if isinstance(e, Response) and e.sites
                else _band_label(st, e)
                for st, e in parts
            )
            if text_width(sited, small) * 1.08 + 4 <= x1 - x0:
                label = sited
            elif text_width(label, small) * 1.08 + 4 > x1 - x0:
                label = _band_label(state, event)  # the state the case goes on from, at least
        if isinstance(event, Response) and c.inferred(point_key(event, "start")):
            # (no other lane names a response: a complete remission the file infers from "the
            # second CR" was drawn as the stated one, the star nowhere in the figure; set close
            # where the space does not fit)
            label = next(
                (
                    starred
                    for starred in (f"{label} {INFERRED_STAR}", f"{label}{INFERRED_STAR}")
                    if text_width(starred, small) * 1.08 + 4 <= x1 - x0
                ),
                label,  # (too narrow for it: its tooltip says it)
            )
        by_step = event is not None and event.id in c.highlight  # (told by the step)
        c.window(f"window-status-{i + 1}", planned, y1 + 2.5, "#555555", ("status",), by_step)
        labels.append((i, x0, x1, label, colour))
        changes.append((f"status-{i + 1}", planned, i))
        if isinstance(event, Event):
            keys[f"status-{i + 1}"] = point_key(event, "start")
    observed = _observed_at_end(c, seq, end_event, end_plan, first_item, stop, y0, y1)
    if observed is not None:
        changes.append(observed)
    solid = _blend_changes(c, c.items[first_item:], changes, keys, y0, y1)
    _fade_to_vague_operations(c, first_item)
    if (
        open_end is not None
        and c.cut is None
        and (
            open_end is not end_plan
            or not any(
                isinstance(item, Rect)
                and item.id.startswith("blend-status-")
                and item.x1 > stop - 0.5
                for item in c.items[first_item:]
            )
        )
    ):
        # (not where a change blends in up to the lane's end: a response dated at the
        # follow-up, blended over its window, says the state there; a fade under it was
        # hidden, but for its edge. A change blended over a window that ends before the lane
        # does leaves the last segment its fade: a NED begun at a resection dated within 18
        # months stopped sharp at a follow-up dated within 18 months)
        _fade_last(c, first_item, stop, open_end)
    elif (vague := c.vague_cut()) is not None and abs(stop - c.x(c.cut or 0)) < 0.5:
        _fade_from(c, first_item, stop, vague)
    _fade_after_last_assessment(c, first_item, stop, end_event)
    last_label = labels[-1][0] if labels else None
    # where the lane's drawing ends (a state named past its end would name what follows it)
    # (the lane's own pieces: the window of its last change, drawn under it and open on its
    # late side, took the lane's end past every label, and a CR at the last follow-up went
    # unnamed, a sliver of colour)
    lane_end = max(
        (
            item.x1
            for item in c.items[first_item:]
            if isinstance(item, Rect) and item.y0 >= y0 - 0.01 and item.y1 <= y1 + 0.01
        ),
        default=0.0,
    )
    said_before = ""  # the label of the segment before (a second CR is not named again)
    before_end = -math.inf  # where that segment ends: not named again only right after it
    for i, x0, x1, label, colour in labels:
        if x0 - before_end > MIN_SEGMENT:
            # (another stretch between them, or a blank: a GIST's relapse five weeks after
            # an operation, the lane blank since, was a nameless sliver, as the PD named
            # before the sunitinib and the operation was "recurrence" too)
            said_before = ""
        before_end = x1
        # the label sits where the state is drawn in its own colour, if it fits there
        # (and in the widest piece of it a break of the axis leaves: layout.cut_at_breaks)
        width = text_width(label, small) * 1.08 + 4
        s0, s1 = c.widest_unbroken(*solid.get(i, (x0, x1)))
        whole = x1
        x0, x1 = c.widest_unbroken(x0, x1)
        if i in noted:
            # (called from the label where the call fits, inside or after the lane's end; a
            # bare "PR" where it does not, rather than no label: five short PR segments of the
            # lung lost their names)
            called = f"{label} {c.numbered(noted[i])}"
            room = text_width(called, small) * 1.08 + 4
            after = (
                i == last_label
                and c.cut is None
                and whole >= lane_end - 0.5
                and whole + 2.5 + room <= c.theme.width - 2
            )
            if room <= x1 - x0 or after:
                label, width = called, room
        if width <= s1 - s0:
            x0, x1 = s0, s1
        elif width > x1 - x0:
            if label == "rec.":  # (shortened to fit inside; outside it may fit whole)
                whole_width = text_width("recurrence", small) * 1.08 + 4
                if whole + 2.5 + whole_width <= c.theme.width - 2:
                    label, width = "recurrence", whole_width
            if (
                # (at a lane fading out too: sekiguchi2012's stringent CR, the last thing
                # told, was a green sliver without a name; and in a figure cut at a step,
                # where nothing of the lane is drawn after the cut: the progression a step
                # told was a sliver of vermillion)
                i == last_label
                and whole >= lane_end - 0.5
                and label.split()[0] != (said_before.split() or [""])[0]
                and whole + 2.5 + width <= c.theme.width - 2
            ):
                # the last state, too short for its name (a CR a few weeks before the last
                # follow-up): named just after the lane's end, where nothing else is drawn in
                # the lane, rather than left a sliver of colour to match in the legend
                c.top.append(
                    Text(
                        f"status-label-{i + 1}",
                        whole + 2.5,
                        (y0 + y1) / 2,
                        label,
                        small,
                        ("status-label", "status-label-after"),
                        anchor="start",
                    )
                )
            said_before = ""
            continue
        said_before = label
        c.top.append(
            Text(
                f"status-label-{i + 1}",
                (x0 + x1) / 2,
                (y0 + y1) / 2,
                label,
                small,
                ("status-label",),
                anchor="middle",
                colour=text_colour(colour),
            )
        )
    return y1 + 5 + t.gap / 2


def _unknown_operations(c: Canvas) -> list[tuple[int, float, str]]:
    """The plausible day, the x and the point key of each cancer operation whose completeness
    the source does not give (``curative`` unknown), in file order; not one whose specimen
    gives a response (dated on its day: "grade 3 histological response" at a conversion
    gastrectomy), which the lane says from there. Read once for the lane (each of its states
    asked anew, the operations of every state were read for each: 5,000 events drew in 4 s
    instead of 0.5)."""
    responses = [point_key(r, "start") for r in c.case.events if isinstance(r, Response)]
    found = []
    for e in c.case.events:
        if not (isinstance(e, Surgery) and e.oncologic and e.curative is None):
            continue
        key = point_key(e, "start")
        if (p := c.day(e)) is not None and not any(
            c.chrono.difference(key, r) == (0, 0) for r in responses
        ):
            found.append((p.day, c.x(p.day), key))
    return found


def _unknown_operation(
    c: Canvas,
    operations: list[tuple[int, float, str]],
    after: int,
    since: str,
    lo: float,
    hi: float,
) -> float | None:
    """The x of the first of ``operations`` (:func:`_unknown_operations`) dated after the day
    ``after`` of the change ``since`` (a point key) and drawn before ``hi``, no earlier than
    ``lo``; None when there is none. One placed on the change's own day counts when the case
    puts it no earlier than the change, drawn at ``lo`` (a re-resection dated only "after" the
    MRI that called a recurrence, placed on its day, left the PD solid through it to the next
    finding)."""
    found = [
        x if day > after else lo
        for day, x, key in operations
        if (day > after and lo < x < hi)
        or (
            day == after
            and x < hi
            and lo < hi
            and (least := c.chrono.least(since, key)) is not None
            and least >= 0
        )
    ]
    return min(found) if found else None


def _as_diagnosed(
    c: Canvas,
    first_x: float,
    said: tuple[int, Response] | None,
    started: Sequence[tuple[int, Planned, Event]],
    y0: float,
    y1: float,
    labels: list[tuple[int, float, float, str, str]],
    changes: list[tuple[str, Planned, int | None]],
    keys: dict[str, str],
    first_event: Event | None = None,
) -> None:
    """The disease as diagnosed, from the diagnosis to its first change of state (or the first
    response in the authors' words): present, not blank. A lymphoma watched without treatment
    for three and a half years, and a stage IV cancer up to its first assessment, left the lane
    empty, which read as nothing known or no disease. From the first therapy begun in that
    stretch (a regimen, or radiotherapy) it is a new therapy, not yet assessed, as after a
    progression. Nothing is drawn where the stretch is narrower than a segment's least width
    (the operation that made the diagnosis left no evidence of disease days later).

    The stretch ends at the first cancer operation that may have left no disease (curative,
    or its completeness not given; one that left disease, ``curative: false``, does not end
    it), whatever it left (a gastrectomy whose
    completeness the source does not give was drawn as disease as diagnosed up to the liver
    progression three months on); nothing is drawn for a case whose lines before the first
    recorded one are given only as a number (``prior_lines``: changes went unrecorded), and
    when the first change is a recurrence, which the disease reached only after a remission
    the case does not record, or the first therapy is adjuvant (after an operation the case
    does not record), the stretch stops at the first therapy or operation, with no "not yet
    assessed" after it (an osteosarcoma "diagnosed and treated" 21 years before its
    first recorded event, a lung relapse, was drawn as 21 years of disease as diagnosed)."""
    case = c.case
    if case.prior_lines.least or not case.prior_lines.exact:
        return
    diagnosed = c.plan.diagnosis()
    if diagnosed is None or not c.shown(diagnosed.day):
        return
    x0 = c.x(diagnosed.day)
    x1 = first_x
    if said is not None:
        x1 = min(x1, c.x(said[0]))
    #: what ends the stretch with nothing drawn after it (an operation; a therapy before a
    #: first recurrence): the segment fades out over the part of its window it draws
    ender: Planned | None = None
    #: the operation of unknown completeness that ends the stretch, when one does
    unknown_op: Surgery | None = None
    #: whether an operation, or a response in the authors' words, ends the stretch before its
    #: first change of state (the necrosis found at a resection after neoadjuvant therapy)
    operated = said is not None and c.x(said[0]) < first_x - 0.5
    for e in case.events:
        if (
            isinstance(e, Surgery)
            and e.oncologic
            # (an operation that left disease, `curative: false`, ends nothing: a palliative
            # thyroidectomy with lung and bone metastases left in place was followed by a
            # blank lane, read as no disease)
            and e.curative is not False
            and (p := c.day(e)) is not None
            and p.day >= diagnosed.day
            and c.x(p.day) < x1
        ):
            # (an operation that is the first change itself blends into its state instead)
            x1, ender = c.x(p.day), (p if c.x(p.day) < first_x - 0.5 else None)
            unknown_op = e if e.curative is None else None
            operated = True
    therapy = next(
        (
            (p, r)
            for day, p, r in started
            if day >= diagnosed.day and c.x(day) < x1 - MIN_SEGMENT / 2
        ),
        None,
    )
    steps = c.checked.steps
    #: the stretch stops at a therapy with nothing drawn after it (the state it led to is not
    #: recorded): the legend says so
    unrecorded = False
    if therapy is not None and isinstance(therapy[1], Regimen) and therapy[1].intent == "adjuvant":
        # (adjuvant therapy follows an operation that left no evidence of disease, which the
        # case does not record: "not yet assessed" ran from adjuvant doxorubicin to a death
        # four years on, as if the breast cancer had been there all along)
        x1, ender = c.x(therapy[0].day), therapy[0]
        therapy, unrecorded = None, True
    elif (
        steps
        and steps[0].before == "diagnosed"
        and steps[0].trigger == "recurrence"
        # (not a therapy before the operation that ends the stretch: the disease was there,
        # treated and not yet assessed, up to the operation; an Ewing sarcoma's lane was blank
        # through its neoadjuvant chemotherapy, "after a therapy whose outcome the source
        # does not give", the outcome told at the resection)
        and not (operated and therapy is not None)
    ):
        # (or one begun at the very end of the stretch: a step cut at the first therapy's
        # start drew no disease as diagnosed before it, where every later step did)
        at_end = next(
            (p for day, p, _r in started if day >= diagnosed.day and abs(c.x(day) - x1) <= 0.5),
            None,
        )
        if therapy is not None:
            x1, ender = c.x(therapy[0].day), therapy[0]
            therapy, unrecorded = None, True
        elif at_end is not None and c.cut is not None:
            ender, unrecorded = at_end, True
        elif x1 >= first_x - 0.5:
            return  # (no therapy nor operation recorded before it: its course is not known)
    if x1 - x0 < MIN_SEGMENT:
        return
    cut = x1 if therapy is None else max(x0, c.x(therapy[0].day))
    colour = CATEGORY_COLOURS["diagnosed"]
    fades = (0.0, 0.0)
    if therapy is None and ender is not None and not c.in_zone(ender.day):
        # (neoadjuvant therapy begun at no stated time within two years of the diagnosis, at
        # its plausible day five months on: the disease as diagnosed ended there sharp)
        lo = ender.window.lo
        sure = x0 if lo <= NEG // 2 else min(max(c.x(lo), x0), cut)
        if cut - sure >= MIN_BLEND:
            fades = (0.0, cut - sure)
    # (the lane left blank after an operation that may have left no disease, up to the next
    # state drawn: said by the legend, a blank with no word read as nothing known or no
    # disease at all)
    # (not where the stretch stopped at a therapy before that operation: neoadjuvant
    # chemotherapy six months before a hysterectomy of unknown completeness, the first change
    # a recurrence, left the lane blank from the chemotherapy, "after an operation")
    blank = (
        therapy is None
        and unknown_op is not None
        and not unrecorded
        and first_x - cut >= MIN_SEGMENT
    )
    # (and after a therapy whose outcome the case does not record: voneyben2016's lane was
    # blank for four years from the adjuvant androgen deprivation, after an operation that
    # left disease, to the recurrence, read as no disease, with no word of it)
    untold = unrecorded and not blank and first_x - cut >= MIN_SEGMENT
    if cut - x0 >= 1:
        c.items.append(
            Rect(
                "as-diagnosed",
                x0,
                y0,
                cut,
                y1,
                colour,
                ("diagnosed",)
                + (("ended-by-operation",) if blank else ())
                + (("ended-unrecorded",) if untold else ()),
                tooltip=f"disease as diagnosed {since(c.when_point('diagnosis'))}, before"
                " its first change of state, therapy or operation",
                fades=fades,
            )
        )
        labels.append((-1, x0, cut, "diagnosed", colour))
        changes.append(("as-diagnosed", diagnosed, -1))
        keys["as-diagnosed"] = "diagnosis"
    if therapy is not None and x1 - cut >= 1:
        planned, regimen = therapy
        # (no further than the therapy's end, when the case ends it before and nothing begins
        # after it: four cycles of rituximab, then seven months off therapy to a progression,
        # were "new therapy, not yet assessed" all along; blank after it, as after a
        # progression, the legend saying why)
        upto = x1
        after_it: tuple[str, ...] = ()
        # (the first change, when it comes within the weeks after the end that an assessment
        # of the therapy may: a line stopped for the progression that follows it is not
        # left blank between them)
        first_response = (
            said[1]
            if said is not None
            else first_event
            if isinstance(first_event, Response | DiseaseEvent)
            else None
        )
        end_x = _stops_at_its_end(
            c,
            regimen,
            x1,
            (c.x(d) for d, _p, e in started if e is not regimen and c.x(d) > cut + 0.5),
            first_response,
        )
        if end_x is not None and unknown_op is None:
            upto = max(end_x, cut + MIN_SEGMENT)
            after_it = ("ended-unrecorded",) if upto < x1 - 1 else ()
        c.items.append(
            Rect(
                "unassessed-0",
                cut,
                y0,
                upto,
                y1,
                CATEGORY_COLOURS["unassessed"],
                ("unassessed",)
                + after_it
                # (the lane blank after the operation that ends it, when its completeness is
                # not given: the legend says so)
                + (
                    ("ended-by-operation",)
                    if unknown_op is not None and first_x - x1 >= MIN_SEGMENT
                    else ()
                ),
                tooltip=_unassessed(c.when(regimen)),
            )
        )
        changes.append(("unassessed-0", planned, None))
        keys["unassessed-0"] = point_key(regimen, "start")


#: a change of state dated within a window narrower than this (points) is drawn as a sharp edge
MIN_BLEND = 3.0


def _observed_at_end(
    c: Canvas,
    seq: list[tuple[int, str, Event, Planned]],
    end_event: Event | None,
    end_plan: Planned | None,
    first_item: int,
    stop: float,
    y0: float,
    y1: float,
) -> tuple[str, Planned, int | None] | None:
    """The state a last follow-up reports, when the recorded changes do not lead to it (T004):
    the lane ends in it, blended from the last recorded change, since when it was reached is
    not in the case (drawn up to the follow-up as PD, "no evidence of disease" at that very
    follow-up was told against by the picture). Returns the change for the blend, or None."""
    if (
        not isinstance(end_event, FollowUp)
        or end_plan is None
        or end_event.status not in REPORTED_STATE
    ):
        return None
    if c.cut is not None and end_plan.day > c.cut:
        return None  # (a step before the follow-up has not told it)
    state, contradicted = REPORTED_STATE[end_event.status]
    diagnosed = c.plan.diagnosis()
    since_day = seq[-1][0] if seq else (diagnosed.day if diagnosed is not None else end_plan.day)
    # (not before a second cancer found before the follow-up: "no evidence of disease" after
    # a rectal cancer's treatment blended in from the breast cancer's mastectomy, as if the
    # patient had been free of disease when the second cancer was found)
    second = [
        p.day
        for e in c.case.events
        if isinstance(e, SecondPrimary)
        and (p := c.day(e)) is not None
        and since_day < p.day <= end_plan.day
    ]
    later_cancer = max(second, default=None)
    if (seq[-1][1] if seq else "diagnosed") not in contradicted:
        # (the changes lead to it, but an operation of unknown completeness after the last of
        # them left the lane blank, and the follow-up says what it is: a complete response, a
        # salvage resection of unknown completeness and "no evidence of disease" five years on
        # ended in a blank lane, the report's finding in no drawing)
        # (no evidence of disease only: "alive with disease" says disease, not its course,
        # and the lane's PD would say it progressed)
        after = [day for day, _x, _k in _unknown_operations(c) if since_day < day <= end_plan.day]
        if not after or state != "ned":
            return None
        since_day = max(after)
    if later_cancer is not None and state == "ned":
        since_day = max(since_day, later_cancer)
    at = max(stop - MIN_SEGMENT, c.x(since_day))
    lane = [
        (k, item)
        for k, item in enumerate(c.items[first_item:], first_item)
        if isinstance(item, Rect) and item.y0 >= y0 and item.y1 <= y1 and abs(item.x1 - stop) < 0.5
    ]
    for k, item in lane:
        if item.x0 < at:
            c.items[k] = evolve(item, x1=at)
    c.items.append(
        Rect(
            "reported-status",
            at,
            y0,
            max(stop, at + 1.0),
            y1,
            CATEGORY_COLOURS.get(state, "#CCCCCC"),
            ("response", state),
            tooltip=f"{STATUS_WORDS[end_event.status]} at the last follow-up"
            f" {since(c.when(end_event))}; the case records no change of state to it, so when"
            " it was reached is not known",
        )
    )
    window = Bounds(min(since_day, end_plan.day), end_plan.day)
    return "reported-status", Planned(end_plan.day, window), None


#: how near (days) to a response's plausible day the points drawn after it must hold it for
#: it to count as held there (a stated "15 months" after it spans a few days either side)
PINNED_DAYS = 7


def _onto_the_scale(
    c: Canvas, planned: Planned, key: str | None, here: Rect
) -> tuple[float, float] | None:
    """Where a change drawn in the zone before the scale blends into its state, when its
    segment runs on to the scale and the case does not put the change before the scale: from
    its slot to the first point drawn that the case puts it before (a locoregional recurrence
    known only to come after the start of adjuvant chemotherapy and before the first line,
    drawn at its slot during the adjuvant course, ran solid across the months on the scale
    between the adjuvant course and a second operation, a recurrence the source does not
    place there). None for any other change: the zone says its order, and slots are not
    days."""
    zone = c.scale.order_until
    if key is None or zone is None or planned.day >= zone or here.x1 <= c.x(zone) + 0.5:
        return None
    first = min((p.day for p in c.plan.planned().values() if p.day >= zone), default=zone)
    if planned.window.hi < POS // 2 and planned.window.hi <= first + REACH_DAYS:
        return None  # (known to come before the scale's first days)
    until = c.drawn_before(key)
    if until is not None and until < zone:
        return None  # (the case puts it before a point of the zone: its slot says so)
    x1 = here.x1 if until is None else min(here.x1, c.x(until))
    return (here.x0, x1) if x1 > here.x0 + MIN_SEGMENT else None


def _blend_changes(
    c: Canvas,
    pieces: Sequence[object],
    changes: list[tuple[str, Planned, int | None]],
    keys: dict[str, str],
    y0: float,
    y1: float,
) -> dict[int, tuple[float, float]]:
    """Where a segment of the lane begins with a change dated only within a window (a new
    state, or a new therapy not yet assessed), the lane blends from the colour before it into
    the segment's over the part of the window it draws, instead of a sharp edge at the
    plausible day that the source does not give. Returns, for each state whose segment was
    blended, the part of it left in its own colour."""
    rects = {r.id: r for r in pieces if isinstance(r, Rect) and r.y0 == y0 and r.y1 == y1}
    # the bands of a segment of responses at different sites on one day: each blends into
    # its own colour (one blend of the whole height, in the last one's, hid the others)
    bands: dict[str, list[Rect]] = {}
    for r in pieces:
        if isinstance(r, Rect) and "-band-" in r.id:
            bands.setdefault(r.id.partition("-band-")[0], []).append(r)
    # the segments by where they end, then by order drawn (found by bisection: a long case
    # has thousands of changes, each asked against every segment)
    by_end = sorted((r.x1, n, r) for n, r in enumerate(rects.values()))
    lane_end = by_end[-1][0] if by_end else 0.0
    ends = [x1 for x1, _n, _r in by_end]
    # each blend: [from, to, the segment it leads into, the one before it (or None), index]
    blends: list[list[Any]] = []
    diagnosis = c.plan.diagnosis()
    found = (
        c.x(diagnosis.day)
        if diagnosis is not None and c.shown(diagnosis.day) and not c.zoned(diagnosis)
        else None
    )
    for ident, planned, index in changes:
        extent = c.window_extent(planned)
        here = rects.get(ident)
        zoned = c.zoned(planned)
        if zoned and here is not None:
            # (a zone of dates known only by order says so itself, but for a change whose
            # segment runs on to the scale when the case does not put it before the scale)
            extent = _onto_the_scale(c, planned, keys.get(ident), here)
        if extent is None or here is None:
            continue
        # a window open on a side reaches as far as the dates drawn around it let it (the
        # segments before and after it at most): an oligoprogression known only to follow a PR
        # and precede a follow-up over 36 months on, drawn at its earliest day, was blended
        # over the open arrow's 24 pt and read as 36 months of progression; a line started 15
        # months before a progression drawn at its day is no less certain than that
        if zoned:
            pass  # (from its slot, as far as :func:`_onto_the_scale` says)
        elif planned.window.lo <= NEG // 2 or planned.window.hi >= POS // 2:
            near = c.drawn_window(keys[ident]) if ident in keys else (None, None)
            lo = -math.inf if near[0] is None else c.x(near[0])
            hi = math.inf if near[1] is None else c.x(near[1])
            if (
                planned.window.hi >= POS // 2
                and near[1] is not None
                and near[1] - planned.day <= PINNED_DAYS
                and ident.startswith("status-")
                and isinstance(c.case.event(keys.get(ident, "")), Response)
            ):
                # (a response known only to follow a date, held at its earliest day by a later
                # point that could as well be later with it, is not at that date: a complete
                # response after docetaxel's start, a follow-up "over five years" after it at
                # its earliest day, was drawn sharp at the start, an immediate CR. It blends in
                # over its open side's arrow)
                hi = extent[1]
            extent = (
                lo if planned.window.lo <= NEG // 2 else extent[0],
                hi if planned.window.hi >= POS // 2 else extent[1],
            )
        elif ident in keys:
            # a closed window, no further than the dates the case puts it after (or before)
            # are drawn: a progression known only to follow a CAR-T infusion dated to its year
            # blended in from January, six months before the infusion drawn in July, a change
            # drawn before the therapy it came after (a date written at a distance from
            # another moves with it, and is not pinned there: `ordered`)
            near = c.drawn_window(keys[ident], ordered=True)
            since_x = extent[0] if near[0] is None else max(extent[0], c.x(near[0]))
            until_x = extent[1] if near[1] is None else min(extent[1], c.x(near[1]))
            if since_x <= c.x(planned.day) <= until_x:
                extent = (since_x, until_x)
        # the first drawn of the segments that end where this one begins
        i, j = bisect.bisect_right(ends, here.x0 - 0.01), bisect.bisect_left(ends, here.x0 + 0.01)
        meeting = [(n, r) for _x1, n, r in by_end[i:j] if r is not here]
        before = min(meeting, key=lambda m: m[0])[1] if meeting else None
        # (with nothing drawn before it, from the start of its window: the lane was blank)
        k = bisect.bisect_right(ends, here.x0 + 0.01)
        # (a window open on its early side with nothing drawn before it: from the scale's
        # start, not from minus infinity, which took the whole figure with it)
        left = ends[k - 1] if k else max(extent[0], c.scale.x0)
        b0 = max(extent[0], before.x0) if before is not None else min(max(extent[0], left), here.x0)
        if before is None and found is not None and ident != "as-diagnosed":
            # (nor left of the diagnosis as drawn: a brain relapse sharing the diagnosis's
            # window faded in eight months left of its marker, a relapse before the disease was
            # found; every change comes after the diagnosis, C006)
            b0 = max(b0, min(found, here.x0))
        b1 = min(extent[1], here.x1)
        # a step's figure cut before the window ends: the blend is the whole window's, drawn up
        # to the cut (blended up to the cut alone, the lane was in the new state's full colour
        # at the step's day, a change "between 2020 and 2024" read as certain by mid-2022)
        # (and one whose window is open on its late side, as far as the dates drawn around it
        # let it reach: a complete response known only to come between the start of
        # abiraterone and a follow-up five years on, its step cut at its plausible day, the
        # start, was drawn in full colour there, an immediate CR)
        hi = planned.window.hi
        if (
            c.cut is None
            and here.x1 >= lane_end - 0.5
            and here.x1 <= max(here.x0, c.x(planned.day)) + MIN_SEGMENT + 0.5
            and hi < POS // 2
            and c.x(hi) > b1 + 0.5
        ):
            # (the lane ends at this change, the last event told, within its window: a relapse
            # known within months 9.6 to 12, drawn at 10.8, ended the lane in its full colour
            # there, certain before its window closed; the blend stops as far into the new
            # colour as it has come through the window. A change known to precede a later
            # event that ends the lane, a death, is complete by that event as drawn)
            reach = c.x(hi)
        elif c.cut is None or (
            ident in keys
            and not c.after_the_cut(keys[ident])
            and not _the_steps_own(c, keys[ident])
        ):
            # (or a change the case puts no later than one of the step's own events, not
            # itself one: it has come by the step, wherever its window runs; the start of high-dose ifosfamide,
            # known only to precede the response "without response" the step told, was
            # blended four tenths of the way from the recurrence's colour, the lane read as
            # PD through the line)
            reach = b1
        elif hi < POS // 2:
            reach = c.x(hi) if hi > c.cut else b1
        else:
            reach = extent[1] if math.isfinite(extent[1]) and extent[1] > b1 else b1
        if reach > here.x1:
            b1 = here.x1  # (the sliver a state is drawn at least as wide, blended on too)
            if (
                _the_steps_own(c, keys.get(ident))
                and here.x0 >= c.x(c.cut or 0) - 0.5
                and here.x0 - b0 >= MIN_BLEND
            ):
                # but not the sliver of the state a step's own event enters, drawn past the
                # cut, when its window began well before the cut: it is what the step tells (a
                # recurrence known within three years, its step cut at its plausible day,
                # blended a sixth of the way to PD over its sliver too, ended the lane in CR's
                # green beside the recurrence's marker). A window that begins at the cut keeps
                # the sliver blended: a response at its earliest day, the start of its therapy,
                # is barely begun there, not complete at once
                b1 = here.x0
        reach = max(reach, b1)
        blends.append([b0, b1, here, before, index, reach])
    # two blends on either side of one short segment would overlap, the later hiding the
    # earlier: they meet in the middle of that segment instead, unless one of them ends short
    # of it (a progression dated within a month, then a status reported years on: the second
    # blends over the years after the first, not over the second half alone)
    blends.sort(key=lambda b: b[2].x0)
    for a, b in itertools.pairwise(blends):
        if b[3] is a[2] and a[1] > b[0]:
            middle = (a[2].x0 + a[2].x1) / 2
            if a[1] <= middle:
                b[0] = a[1]
            elif b[0] >= middle:
                a[1] = b[0]
            else:
                a[1], b[0] = middle, middle
            a[5] = min(a[5], a[1])
    solid: dict[int, tuple[float, float]] = {}
    for b0, b1, here, before, index, reach in blends:
        if b1 - b0 < MIN_BLEND:
            continue
        start = before.fill[:7] if before is not None else "#FFFFFF"
        share = (b1 - b0) / (reach - b0) if reach > b1 else 1.0
        if c.cut is None and b0 >= here.x0 - 0.01 and here.x1 - here.x0 <= MIN_SEGMENT + 0.5:
            # (in the whole figure: a step's figure, cut at its own change, draws it barely
            # begun there, on purpose)
            # (a blend over no more than a state's least sliver ends at least most of the way
            # into its colour: a transformation to AML known within a month, the last change
            # of the lane, was blended 3 % of the way from CR's green over its sliver, and the
            # lane read as ending in remission)
            share = max(share, _SLIVER_SHARE)
        for part in (here, *bands.get(here.id, ())):
            c.items.append(
                Rect(
                    f"blend-{part.id}",
                    b0,
                    part.y0,
                    b1,
                    part.y1,
                    part.fill if share >= 1.0 else mix(start, part.fill, share),
                    ("status-blend",),
                    tooltip=f"{part.tooltip}; dated only within this window",
                    blend=start,
                )
            )
        # (the bands of the segment before blend from their own colours: the lower half of no
        # response, PD's, ran on under a blend from SD's yellow alone, a sliver of it left)
        for band in bands.get(before.id, ()) if before is not None else ():
            if band.y0 <= here.y0 + 0.01 and band.y1 >= here.y1 - 0.01:
                continue
            c.items.append(
                Rect(
                    f"blend-{here.id}-over-{band.id}",
                    b0,
                    band.y0,
                    b1,
                    band.y1,
                    here.fill if share >= 1.0 else mix(band.fill[:7], here.fill, share),
                    ("status-blend",),
                    tooltip=f"{here.tooltip}; dated only within this window",
                    blend=band.fill[:7],
                )
            )
        if index is not None:
            solid[index] = (max(here.x0, b1), solid.get(index, (here.x0, here.x1))[1])
        if before is not None and before.id.startswith("status-"):
            k = int(before.id.split("-")[1]) - 1
            s0, s1 = solid.get(k, (before.x0, before.x1))
            solid[k] = (s0, min(s1, b0))
    return solid


#: a day before every day a case can hold
NEG_DAY = -(10**9)

#: how far into its state's colour a blend over that state's least sliver alone ends, at least
_SLIVER_SHARE = 0.75


def _unstated(
    c: Canvas,
    ident: str,
    x0: float,
    x1: float,
    y0: float,
    y1: float,
    said: Response,
    ended: tuple[str, ...] = (),
) -> None:
    """A segment from a response in the authors' words (no category): what the lane can say of
    the disease from there is only that a response was reported. From an assessment of no
    response, the segment is split, SD's colour over PD's: stable or progressing, the source
    not saying which."""
    if said.category == "NR":
        words = f": {said.authors_term}" if said.authors_term else ""
        tip = (
            f"no response {since(c.when(said))} ('{said.label()}'): stable or progressing"
            f" disease, the source does not say which{words}"
        )
        # (SD's colour over the whole height, PD's as a band over its lower half: the lane's
        # blends and fades take a segment and its bands together)
        for part, top, state in ((ident, y0, "sd"), (f"{ident}-band-pd", (y0 + y1) / 2, "pd")):
            c.items.append(
                Rect(
                    part,
                    x0,
                    top,
                    x1,
                    y1,
                    CATEGORY_COLOURS[state],
                    ("no-response", *ended),
                    tooltip=tip,
                )
            )
        return
    words = said.authors_term or "a response"
    c.items.append(
        Rect(
            ident,
            x0,
            y0,
            x1,
            y1,
            CATEGORY_COLOURS["unstated"],
            ("unstated", *ended),
            tooltip=f"response in the authors' words {since(c.when(said))}"
            f" ('{said.label()}'), no category: {words}",
        )
    )


class _Said:
    """The responses in the authors' words (no category) that the figure shows, by plausible
    day (then file order), so that the first one in a stretch is found by bisection: every
    segment of the lane asks, and a long case has thousands."""

    def __init__(self, c: Canvas) -> None:
        found = []
        for e in c.case.events:
            if isinstance(e, Response) and e.category in SAID:
                p = c.day(e)
                if p is not None and c.shown(p.day):
                    found.append((p.day, e.index, e))
        found.sort(key=lambda f: (f[0], f[1]))
        self._days = [d for d, _i, _e in found]
        self._found = [(d, e) for d, _i, e in found]
        self._c = c

    def first(
        self, after: int, before_x: float, behind: Event | None = None
    ) -> tuple[int, Response] | None:
        """The first on or after day ``after`` and drawn before ``before_x``: (its plausible
        day, the response); with ``behind``, not one the case tells before that event (on the
        same day, or at no stated distance before it)."""
        c = self._c
        i = bisect.bisect_left(self._days, after)
        while i < len(self._found) and c.x(self._days[i]) < before_x:
            said = self._found[i][1]
            if behind is None or not self._before(said, behind):
                return self._found[i]
            i += 1
        return None

    def following(self, said: Response, before_x: float) -> tuple[int, Response] | None:
        """The one after ``said`` (a later day, or the same day and later in the file), if
        drawn before ``before_x``: "no tumour shrinkage" told after "resolution of
        hypoglycaemia", both on one day, was left out of the lane."""
        c = self._c
        when = c.day(said)
        if when is None:
            return None
        i = bisect.bisect_left(self._days, when.day)
        while i < len(self._found) and self._found[i][1] is not said:
            i += 1
        i += 1
        if i < len(self._found) and c.x(self._days[i]) < before_x:
            return self._found[i]
        return None

    def _before(self, said: Response, event: Event) -> bool:
        """Whether the case puts ``said`` no later than ``event`` and tells it first (a "major
        response" before a progression, both known only after the start of their regimen and
        drawn on its day, ran on as the state after the progression)."""
        c = self._c
        least = c.chrono.least(point_key(said, "start"), point_key(event, "start"))
        return least is not None and least >= 0 and c.plan.order(said) < c.plan.order(event)


def _found(c: Canvas) -> list[tuple[Planned, str, str, str, str]]:
    """(schedule, kind, label, tooltip, event id) of every event drawn as a marker."""
    out: list[tuple[Planned, str, str, str, str]] = []
    diagnosis = c.plan.diagnosis()
    if diagnosis is not None:
        # (as every other marker's tooltip and `show` say it: "diagnosis: by 2025-01-31" in a
        # case drawn in months from an event, where show said "by month 0 (inferred)")
        text = c.when_point("diagnosis")
        # (a window open on one side only is drawn so, by its arrow: "date unknown" would
        # deny the side the case gives, "by 2023-03-24")
        w = diagnosis.window
        unknown = w.lo <= NEG // 2 and w.hi >= POS // 2
        label = "diagnosis (date unknown)" if unknown else "diagnosis"
        label += f" {INFERRED_STAR}" if c.inferred("diagnosis") else ""
        text = "date not reported" if text == "unknown" else text
        out.append((diagnosis, "diagnosis", label, f"diagnosis: {text}", "diagnosis"))
    for e in c.case.events:
        planned = c.day(e)
        if planned is None:
            continue
        when = c.when(e)
        four: list[tuple[Planned, str, str, str]] = []
        if isinstance(e, DiseaseEvent):
            sites = e.sites_text()
            # (its new sites in the label when they are few words: a figure on paper has no
            # tooltip, and "progression" alone hid the leptomeningeal spread a case was about)
            new = ", ".join(e.new_sites)
            label = f"{e.type}: {new} (new)" if new and len(new) <= 24 else e.type
            # (how it was found, when an adjective says it: "molecular recurrence")
            named = found_by(e, e.type)
            named = named if named.endswith(f" {e.type}") else e.type
            tip = found_by(e, f"{e.type} {when}" + (f": {sites}" if sites else ""))
            others = [x for x in e.sites if x not in e.new_sites]
            if new and others and label != e.type:
                # (and the sites it progressed at that were not new: "progression: liver
                # (new)" read as a liver-only progression, the neck nodes in the tooltip only)
                whole = f"{', '.join(others)}, {new} (new)"
                if len(whole) <= 40:
                    label = f"{e.type}: {whole}"
                elif c.theme.labels:
                    label = f"{label} {c.numbered(tip)}"
            if not e.new_sites and 0 < len(", ".join(e.sites)) <= 24:
                # (where a recurrence came back, where a progression was: "recurrence" alone
                # left a local relapse and a distant one alike, the site in the tooltip only;
                # two progressions in the axilla read "progression" beside one "progression:
                # bone (new)")
                label = f"{e.type}: {', '.join(e.sites)}"
            if label == e.type and (new or e.sites) and c.theme.labels and not e.histology:
                # sites too long for the label: whole under the figure, numbered (two of five
                # recurrences labelled "recurrence" alone, their nodal sites in the tooltip
                # only, could not be told apart on paper)
                label = f"{e.type} {c.numbered(tip)}"
            if e.histology:
                # a transformation is what such a case is about: said before its new sites,
                # whole under the figure when it is long
                tip += f"; histology: {e.histology}"
                # (with the sites the label gave: "progression as neuroendocrine carcinoma"
                # left out the liver metastases, new, that the report turns on)
                where = label[len(e.type) + 2 :] if label.startswith(f"{e.type}: ") else ""
                if len(e.histology) <= 24:
                    label = f"{e.type} as {e.histology}" + (f": {where}" if where else "")
                elif c.theme.labels:
                    label = f"{e.type}, new histology {c.numbered(tip)}"
            if named != e.type and label.startswith(e.type):
                label = named + label[len(e.type) :]
            four.append((planned, e.type, label, tip))
        elif isinstance(e, Response) and e.category == "PD":
            sites = f": {', '.join(e.sites)}" if e.sites else ""
            four.append((planned, "progression", "PD", f"PD {when}{sites}"))
        elif isinstance(e, Response) and e.category == "NE":
            words = f" ({e.authors_term})" if e.authors_term else ""
            four.append((planned, "assessment", "NE", f"response not evaluable, {when}{words}"))
        elif isinstance(e, Response) and e.category == "NR":
            words = f" ({e.authors_term})" if e.authors_term else ""
            tip = f"no response (SD or PD, not said which), {when}{words}"
            four.append((planned, "no-response", "NR", tip))
        elif isinstance(e, Response) and e.category == "unknown":
            words = e.authors_term or "response"
            short = words if len(words) <= 28 else words[:27] + "…"
            tip = f"response in the authors' words, {when}: {words}"
            # (not quoted twice: a term the file writes in its own quotation marks)
            label = quoted(short) if short == words or short[:1] not in '"“' else short + '"'
            if short != words and c.theme.labels:
                # the quote whole under the figure: a PNG or a page has no tooltip
                label += f" {c.numbered(tip)}"
            four.append((planned, "assessment", label, tip))
        elif isinstance(e, Performance):
            tip = f"performance status {e.scale} {e.score}, {when}"
            four.append((planned, "performance", f"{e.scale} {e.score}", tip))
        elif isinstance(e, MenopauseChange):
            four.append((planned, "menopause", e.status, f"{e.status} {since(when)}"))
        elif isinstance(e, Imaging):
            label = e.method or "imaging"
            # (findings that end a sentence lose its full stop before the sites: "polyps.;")
            findings = (
                e.findings.rstrip().removesuffix(".") if e.sites and e.findings else e.findings
            )
            detail = "; ".join(x for x in (findings, ", ".join(e.sites)) if x)
            tip = f"{label}, {when}" + (f": {detail}" if detail else "")
            if e.findings and c.theme.labels:
                # what it found, under the figure: a PNG or a page has no tooltip ("imaging"
                # alone was the label of the study that found a hemangioma where the
                # haematoma had been, the cause of a sixth operation)
                label += f" {c.numbered(tip)}"
            four.append((planned, "imaging", label, tip))
        elif isinstance(e, Complication):
            grade = f" G{e.grade}" if e.grade else ""
            tip = f"complication: {e.term}{grade}, {when}"
            four.append((planned, "complication", f"{e.term}{grade}", tip))
        elif isinstance(e, Declined):
            tip = f"{e.words()}, {when}"
            four.append((planned, "declined", f"declined: {e.treatment}", tip))
        elif isinstance(e, SecondPrimary):
            # (its treatment in the tooltip: the source's words, with no dates to draw)
            four.append((planned, "second-primary", e.words(), f"{e.text()}, {when}"))
        elif isinstance(e, Resistance):
            target = e.target
            four.append(
                (
                    planned,
                    "resistance",
                    f"resistance: {target}{e.mechanism_words}",
                    f"resistance to {e.target_words} ({e.resistance_kind}){e.mechanism_words},"
                    f" {when}",
                )
            )
        elif isinstance(e, Toxicity):
            grade = f" G{e.grade}" if e.grade else ""
            # (a grade on another scale than CTCAE says its scale, as show does: "ICANS G4"
            # read as a CTCAE grade)
            if grade and e.grading and e.grading != "CTCAE":
                grade += f" ({e.grading})"
            # ("until a date from month 0.2": "until from month 0.2" for an end known only
            # to come after a day)
            until = (
                f" until {at_text(c.when_point(point_key(e, 'end')))}"
                if e.end_date is not None and e.end_date.kind != "unknown"
                # (an end the case does not report, as `show` says it: "until a date not
                # given" read as an end known but not dated)
                else ", end not reported"
                if e.end_date is not None
                else ""
            )
            four.append(
                (
                    planned,
                    "toxicity",
                    f"{e.term}{grade}",
                    f"{toxicity_text(e, c.case)}, {when}{until}",
                )
            )
        elif isinstance(e, BiomarkerTest):
            text = test_words(c.case, e)
            four.append((planned, "biomarker", text, f"{text}, {when}"))
        elif isinstance(e, FollowUp):
            from timeline.wording import STATUS_WORDS

            status = STATUS_WORDS.get(e.status, e.status.replace("-", " "))
            four.append(
                (planned, "follow-up", "last follow-up", f"last follow-up {when}: {status}")
            )
        elif isinstance(e, Death):
            cause = f": {death_cause(e)}" if e.cause else ""
            four.append((planned, "death", "death", f"death {when}{cause}"))
        star = c.inferred(point_key(e, "start")) or (e.is_span and c.inferred(point_key(e, "end")))
        out.extend(
            (p, kind, f"{label} {INFERRED_STAR}" if star else label, tip, e.id)
            for p, kind, label, tip in four
        )
    out = [f for f in out if c.shown(f[0].day)]
    # (events of one day in the case's order, as the replay takes them: a response to
    # ponatinib was stacked and named before the progression and the resistance that came
    # before it, "assessment" sorting before "progression")
    out.sort(key=lambda f: f[0].day)
    return out


K = TypeVar("K", bound=Hashable)

#: the distance between two rows of event windows under one row of markers
WINDOW_RULE_STEP = 3.2


def window_rows(
    c: Canvas, entries: Iterable[tuple[K, Planned | None, int]], rows: int
) -> tuple[dict[K, int], list[float]]:
    """For markers in ``rows`` rows, given (key, date, row of its marker): the row each
    window goes on under its marker's row, and the room each row of markers needs below it.
    Windows that would run into each other go on rows of their own, :data:`WINDOW_RULE_STEP`
    apart, so that each reads as its own marker's."""
    packed: dict[int, Rows] = {}
    where: dict[K, int] = {}
    for key, planned, row in entries:
        extent = c.window_extent(planned)
        if extent is not None:
            rows_of = packed.setdefault(row, Rows())
            where[key] = rows_of.first_free(extent[0] - 2, extent[1] + 2)
            rows_of.take(where[key], extent[0] - 2, extent[1] + 2)
    room = [(packed[r].count - 1) * WINDOW_RULE_STEP if r in packed else 0.0 for r in range(rows)]
    return where, room


def _drawn_x(c: Canvas, entry: tuple[Planned, str, str, str, str]) -> float:
    """Where an event's marker is drawn: at its plausible day, or no earlier than a therapy
    start or end drawn right of its own day that the event is known to follow
    (:meth:`Canvas.not_before_pushed`)."""
    x = c.x(entry[0].day)
    event = c.case.event(entry[4]) if c.pushed else None
    return x if event is None else c.not_before_pushed(point_key(event, "start"), x)


def _the_steps_own(c: Canvas, key: str | None) -> bool:
    """Whether the point ``key`` is the date of the event a step's figure is cut at."""
    if key is None or c.cut_event is None:
        return False
    event = c.case.event(c.cut_event)
    return event is not None and key in {point_key(event, "start"), point_key(event, "end")}


def _vague(planned: Planned) -> bool:
    """Whether a date is known only within more than six months (its marker drawn pale)."""
    return planned.window.hi - planned.window.lo > WIDE_WINDOW_DAYS


def _vague_window(planned: Planned) -> tuple[int, int] | None:
    """The window of a date known only within more than six months; None for another."""
    return (planned.window.lo, planned.window.hi) if _vague(planned) else None


def _leader_around(
    ident: str,
    x: float,
    y0: float,
    y1: float,
    lows: Sequence[tuple[float, int, float]],
    row_y: Sequence[float],
    markers: Rows,
    label: tuple[float, float],
) -> list[Stroke]:
    """The leader from ``(x, y0)`` down to ``(x, y1)``: straight, or, where it would run
    through markers (``lows``: x, row and half size of each), out to the side of them the
    rows they stand in leave free, and down past them: on to the label (``label``: its extent)
    when it lies under that side, else back to ``x`` (a straight one when neither side is
    free)."""
    hits = [
        (mx, mrow, h)
        for mx, mrow, h in lows
        if abs(mx - x) < h * 0.9 and row_y[mrow] - h < y1 and row_y[mrow] + h > y0 + 0.5
    ]
    if not hits:
        return [leader_line(ident, x, y0, y1)]
    top = min(row_y[r] - h for _x, r, h in hits)
    bottom = max(row_y[r] + h for _x, r, h in hits)
    rows = range(min(r for _x, r, _h in hits), max(r for _x, r, _h in hits) + 1)
    # (clear of the extent each marker takes in its row, 0.6 of its size either side)
    left = min(mx - h * 1.2 for mx, _r, h in hits) - 2
    right = max(mx + h * 1.2 for mx, _r, h in hits) + 2
    for side in sorted((left, right), key=lambda v: abs(v - x)):
        if not all(markers.free(r, side - 1.5, side + 1.5) for r in rows):
            continue
        if label[0] + 2 <= side <= label[1] - 2:
            return [
                leader_line(f"{ident}-out", x, y0, top - 0.5, to_x=side),
                leader_line(ident, side, top - 0.5, y1),
            ]
        back = min(bottom + 5, y1)
        parts = [
            leader_line(f"{ident}-out", x, y0, top - 0.5, to_x=side),
            leader_line(f"{ident}-by", side, top - 0.5, bottom + 1),
        ]
        if back < y1:
            parts.append(leader_line(f"{ident}-back", side, bottom + 1, back, to_x=x))
            parts.append(leader_line(ident, x, back, y1))
        else:
            parts.append(leader_line(ident, side, bottom + 1, y1, to_x=x))
        return parts
    return [leader_line(ident, x, y0, y1)]


def draw_events(c: Canvas, y: float) -> float:
    """Markers of the events, stacked where they share a day; one label per day, under them."""
    t = c.theme
    found = _found(c)
    labels = Rows()
    markers = Rows()  # events on (nearly) the same day stack instead of hiding each other
    size = t.row * 0.5
    step = size * 1.25 + 3
    # each marker's x: its plausible day's, or further right, after a therapy drawn after the
    # fading stub of one it followed that the event is known to come after (a transplant
    # dated "after" salvage chemotherapy of untold end, and the end of its conditioning, stood
    # before the conditioning's bar)
    at = {id(entry): _drawn_x(c, entry) for entry in found}
    groups: list[list[tuple[Planned, str, str, str, str]]] = []
    for entry in found:
        # (an event known only within more than six months shares a label only with one
        # known within the very same window: dewaide2023's "durable remission", known only to
        # lie between 1993 and 2017, read as found with the FISH result of 2005 beside its
        # plausible day)
        if (
            groups
            and abs(at[id(entry)] - at[id(groups[-1][0])]) <= size
            and _vague_window(entry[0]) == _vague_window(groups[-1][0][0])
        ):
            groups[-1].append(entry)
        else:
            groups.append([entry])
    stems = [at[id(group[0])] for group in groups]
    marks = []  # (n, kind, tip, planned, x, marker row)
    spans: dict[int, float] = {}  # a toxicity with an end: n -> the x of its plausible end
    # (those whose length the case leaves open: the span fades out, as a therapy's end not
    # dated does; a grade 4 neurotoxicity "resolved gradually", neither end dated, was a
    # solid bar of 2.7 months under a legend that read "as long as it lasted")
    open_spans: set[int] = set()
    # (n, x, lowest marker row, label row, centre, text, tooltip, leader, markers at other days)
    texts = []
    n = 0
    for g, group in enumerate(groups):
        x = at[id(group[0])]
        rows_here = []
        below = 0  # (the rows under the group's last marker hold its span already)
        lowest_x = x
        placed: list[tuple[float, int]] = []
        for entry in group:
            planned, kind, _label, tip, ident = entry
            n += 1
            # each marker at its own day, stacked under the others of its group: a toxicity
            # two days after a dose stood at the dose's day when drawn at the group's
            mx = at[id(entry)]
            # (a toxicity the case gives an end: a line on to it, in the marker's row, for
            # how long it lasted; a grade 3 ALT rise of 14 weeks was a day's triangle)
            reach = mx + size * 0.6
            event = c.case.event(ident) if kind == "toxicity" else None
            if isinstance(event, Toxicity) and event.end_date is not None:
                end = c.day(event, "end")
                if end is not None and c.x(c.clip(end.day)) - mx > size:
                    spans[n] = c.x(c.clip(end.day))
                    reach = max(reach, spans[n])
                    if length_open(c.chrono, event) and end.window.hi - end.window.lo > 31:
                        # (not an end the case dates itself, to its month or closer: a
                        # polyneuropathy gone "one year after the last infusion" of June
                        # 2014, its onset undated, faded out over June 2015 under "how long it
                        # lasted is not stated")
                        open_spans.add(n)
            mrow = markers.first_free(mx - size * 0.6, reach, below)
            markers.take(mrow, mx - size * 0.6, reach)
            below = mrow + 1
            marks.append((n, kind, tip, planned, mx, mrow, ident in c.highlight))
            rows_here.append(mrow)
            placed.append((mx, mrow))
            lowest_x = mx
        words = " · ".join(dict.fromkeys(label for _p, _k, label, _t, _i in group))
        # (the events of a group apart by " · ", as the label does: a toxicity's own "; action:
        # held" ran into the response told with it in a note under the figure)
        tips = " · ".join(tip for _p, _k, _l, tip, _i in group)
        if not c.theme.labels:
            continue  # the markers alone; a caption says what they are
        row, lx, text, leader = c.place(
            labels, x, words, tips, MAX_EVENT_ROWS, stems[g + 1 :], WIDEST_EVENT_LABEL
        )
        # (the markers of the group at another day than its lowest get a leader of their own
        # to the label they share)
        # (within half a marker of the lowest, its leader serves both)
        apart = [(mx, mrow) for mx, mrow in placed[:-1] if abs(mx - lowest_x) > size * 0.5]
        texts.append((n, lowest_x, max(rows_here), row, lx, text, tips, leader, apart))
    # (windows that would run into each other go on rows of their own; the rows of markers
    # below move down)
    n_rows = max(markers.count, 1)
    window_row, room = window_rows(c, ((m[0], m[3], m[5]) for m in marks), n_rows)
    row_y = [y + t.gap / 2 + size / 2 + 2]
    for r in range(n_rows - 1):
        row_y.append(row_y[-1] + step + room[r])
    labels_top = row_y[-1] + size / 2 + 6 + room[-1]
    label_h = t.small * 1.35
    for n, kind, tip, planned, x, mrow, lit in marks:
        shape, fill = EVENT_SHAPES.get(kind, ("circle", "#FFFFFF"))
        my = row_y[mrow]
        wy = my + size / 2 + 1.8 + window_row.get(n, 0) * WINDOW_RULE_STEP
        # "uncertain": drawn with its window (one of a few days at the scale of years is
        # narrower than the rule is thick, and said in the tooltip alone)
        shown = c.window(f"window-event-{n}", planned, wy, "#555555", ("event",), lit)
        classes = ("event", kind) + (("uncertain",) if shown else ())
        classes += ("highlight",) if lit else ()
        grown = size * 1.35 if lit else size
        # a date known only within more than six months (or open on a side): the marker pale,
        # its outline grey, as a bar fades over such a stretch (a transplant's relapse known
        # only to lie within four years stood as crisp as one dated to the day)
        vague = _vague(planned)
        if vague:
            fill = ":".join(mix(part, "#FFFFFF", VAGUE_SHARE) for part in fill.split(":"))
            classes += ("vague",)
        if n in spans:
            c.items.append(
                Rect(
                    f"event-span-{n}",
                    x,
                    my - 1.2,
                    spans[n],
                    my + 1.2,
                    fill,
                    ("event", kind, "event-span"),
                    stroke="#555555",
                    tooltip=tip,
                    fade="end" if n in open_spans else "",
                )
            )
        c.items.append(Glyph(f"event-{n}", x, my, shape, grown, fill, classes, tip, vague))
    #: by marker, whether its window's arrow runs right of it (open on its late side)
    open_late = {m[0]: m[3].window.hi >= POS // 2 for m in marks}
    # every leader's foot, by marker row: a number set beside its marker must not stand on
    # one coming down from a row above (report F's rash "(3)", past its dashed arrow, stood
    # under the hepatitis marker and on its leader, and read as its note)
    feet = [(x, mrow) for _n, x, mrow, _r, _lx, _t, _tp, leader, _a in texts if leader]
    feet += [foot for *_rest, apart in texts for foot in apart]
    # (id, from x, from y, to y, the label's extent) of each leader, drawn once every label
    # is set
    leaders: list[tuple[str, float, float, float, tuple[float, float]]] = []
    for n, x, mrow, row, lx, text, tips, leader, apart in texts:
        my = row_y[mrow]
        ly = labels_top + (row + 0.5) * label_h
        half_w = text_width(text, t.small) / 2
        extent = (lx - half_w, lx + half_w)
        for k, (ax, arow) in enumerate(apart, 1):
            foot = row_y[arow] + size / 2 + 3
            leaders.append((f"event-leader-{n}-{k}", ax, foot, ly - label_h / 2, extent))
        # (and to a label set beside its marker rather than centred on it: read with its
        # neighbour otherwise, as stefanska2014's ultrasonography was)
        if leader and (row or mrow < markers.count - 1 or abs(lx - x) > 8):
            foot = my + size / 2 + 3
            leaders.append((f"event-leader-{n}", x, foot, ly - label_h / 2, extent))
        anchor = "middle"
        if not leader and is_note_number(text):
            # a number that found no row its leader could reach goes beside its marker where
            # that is free: set under the marker, below the label of the events beside it, a
            # follow-up's "(2)" read as the note of two toxicities
            w = text_width(text, t.small) * 1.08
            right = x + size * 0.6 + 2
            if open_late.get(n, False) and x + OPEN_ARROW + 4 + w <= t.width - 2:
                # (past the dashed arrow of a date open on its late side, drawn just under
                # the marker: a last follow-up's "(1)" stood on its arrow)
                right = x + OPEN_ARROW + 2
            # (else before the marker, ending just short of it)
            for a, side in ((right, "start"), (x - size * 0.6 - 2, "end")):
                x0, x1 = (a, a + w + 2) if side == "start" else (a - w - 2, a)
                if x0 < c.scale.x0 - 4:
                    continue
                if markers.free(mrow, x0, x1) and not any(
                    frow < mrow and x0 - 1 <= fx <= x1 + 1 for fx, frow in feet
                ):
                    markers.take(mrow, x0, x1)
                    lx, ly, anchor = a, my + t.small * 0.35, side
                    break
        c.top.append(
            Text(
                f"event-label-{n}",
                lx,
                ly,
                text,
                t.small,
                ("event-label",),
                anchor=anchor,
                tooltip=tips,
            )
        )
    # a leader that would run through a marker of a row below (another event's, a week
    # later, stacked under it: kim2021's heart-failure label read as the cardiac MRI's) goes
    # around it, on a side that row leaves free
    half = {m[0]: (size * 1.35 if m[6] else size) / 2 for m in marks}
    lows = [(m[4], m[5], half[m[0]]) for m in marks]
    for ident, x, y0, y1, extent in leaders:
        c.items.extend(_leader_around(ident, x, y0, y1, lows, row_y, markers, extent))
    if not t.labels:  # no row of labels to keep room for
        return labels_top + t.gap
    return labels_top + max(labels.count, 1) * label_h + t.gap
