"""What every lane draws with: the checked case, its schedule, the time axis, the theme, and
the items placed so far (labels on a list of their own, drawn over everything)."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Sequence

from attrs import define, evolve, field

from timeline.chronology import NEG, POS, WIDE_WINDOW_DAYS, Bounds, Chronology
from timeline.dates import Anchor, DateSpec
from timeline.model import (
    Case,
    Death,
    DiseaseEvent,
    Event,
    Exposure,
    FollowUp,
    Radiotherapy,
    Regimen,
    Resistance,
    Response,
    Surgery,
    Toxicity,
    Transplant,
)
from timeline.queries import (
    INFERRED,
    RESPONSE_WINDOW_DAYS,
    assessed_on,
    dose_change_key,
    end_untold,
    inferred_dates,
    point_key,
    therapies,
)
from timeline.render.scene import FADE_CAP, Item, Rect, Rows, Stroke, Text, slug
from timeline.render.style import Theme, text_width
from timeline.render.timescale import TimeScale
from timeline.schedule import (
    Planned,
    Schedule,
    distances_stated_from,
    end_by_order,
    length_unstated,
    when_text,
    window_text,
)
from timeline.validate import Checked
from timeline.values import value_repr

#: the fewest days a therapy runs, as the schedule places it, before the start of a therapy
#: drawn whole that ends it, for it to end there rather than fade (:meth:`Canvas.meets_whole`)
MEETS_DAYS = 14

#: after the name of a bar or an event whose date the file infers from the source
INFERRED_STAR = "*"

__all__ = ["INFERRED_STAR", "MEETS_DAYS", "WINDOW_ALPHA", "Canvas", "is_note_number"]

#: opacity (hex) of the rule that shows an uncertain date's window
WINDOW_ALPHA = "80"
#: length (points) of the arrow that shows a window open on one side
OPEN_ARROW = 24.0
#: length (points) of the arrowhead at the axis end of a window that goes on past it
CONTINUES_ARROW = 7.0

# a date in words is a pure function of its window and its plausible day (frozen values),
# written many times over in a drawing's tooltips and again at every step of a deck
_when_text = functools.lru_cache(maxsize=512)(when_text)
_window_text = functools.lru_cache(maxsize=512)(window_text)


#: how far (days) into the scale the window of a date in a zone of dates known only by order
#: must reach to be drawn (before the scale's first plausible day, or after its last): a date
#: known only to follow the last date on the scale may be as early as that date, which a rule
#: back to it would say at every slot of the zone
REACH_DAYS = 31


#: how far (points) a name inside a bar keeps from a break of the axis: half the slanted band
#: drawn there (its width and skew, ``render.dot.CUT_WIDTH`` and ``CUT_SKEW``), and a little
BREAK_CLEAR = 4.5

#: how a label calls a note under the figure: "(3)"
_NOTE_CALL = re.compile(r"\((\d+)\)")


def is_note_number(text: str) -> bool:
    """Whether a label is only the number of a note under the figure ("(3)")."""
    return _NOTE_CALL.fullmatch(text) is not None


#: what a toxicity did to a therapy that says the therapy was being given when it came (and
#: "none": nothing done to it, so it went on; a rash three weeks into enfortumab vedotin, the
#: drug not stopped, stood beside a stub of a few days)
_ON_THERAPY_ACTIONS = frozenset({"stopped", "held", "dose-reduced", "none"})


#: the subclasses of agents given as a course of a few cycles, as chemotherapy is, not until
#: progression
_COURSES = frozenset({"radioligand therapy", "radiopharmaceutical"})
#: the widest share of the plot the label of a group of events may take before it becomes a
#: number explained under the figure (set where it fits, one of 125 characters began under
#: the diagnosis, two years before its marker)
WIDEST_EVENT_LABEL = 0.5
#: how far short of the slot that bounds it an end known only by order in a zone of dates
#: known only by order fades out (points): clear of what stands in that slot
ZONE_CEILING_GAP = 4.0


def _cycles_from(spec: DateSpec | None) -> Anchor | None:
    """The start a date is written a number of cycles after ("{from: ven.start, offset: 3
    cycles}", of a stated length or not), or None."""
    if spec is None:
        return None
    if spec.kind == "between" and spec.unstated_cycles and isinstance(spec.after, Anchor):
        origin = spec.after
    elif (
        spec.kind == "offset"
        and spec.offset is not None
        and "cycle" in spec.offset.text
        and isinstance(spec.origin, Anchor)
    ):
        origin = spec.origin
    else:
        return None
    return origin if origin.part != "end" else None


@define(repr=False)
class Canvas:
    """The state of one drawing: the checked case, its dates and schedule, the theme, the time
    scale, and the items placed so far (``top`` holds the labels, drawn last)."""

    __repr__ = value_repr

    checked: Checked
    case: Case
    chrono: Chronology
    plan: Schedule
    theme: Theme
    scale: TimeScale
    items: list[Item] = field(factory=list)
    top: list[Item] = field(factory=list)  # labels, drawn last
    notes: list[str] = field(factory=list)  # labels moved under the figure, numbered
    #: draw nothing after this day (a teaching step); None: the whole case
    cut: int | None = None
    #: ids of the events (and regimens) the step reveals, drawn highlighted
    highlight: frozenset[str] = frozenset()
    #: the case's own schedule, for dates in words, when ``plan`` places some points apart
    #: (dates known only by order, see ``timescale.order_only``); None: ``plan`` itself
    words: Schedule | None = None
    #: ids of the items (events, regimens, their exposures) told after the cut's own event,
    #: though the dates may put them on its day or before it (an order-only zone): not drawn
    later: frozenset[int] = frozenset()
    #: the id of the event a step's figure is cut at (the last it tells), when one is
    cut_event: str | None = None
    #: the x a therapy's start is drawn at, by the key of that start, when its bar is drawn
    #: after another bar starting on its day (carboplatin after the cisplatin it replaced, both
    #: dated only by order): what the case dates after that start is drawn no earlier
    pushed: dict[str, float] = field(factory=dict, init=False, repr=False)
    _lower: dict[str, list[tuple[str, int]]] | None = field(default=None, init=False, repr=False)
    _upper: dict[str, list[tuple[str, int]]] | None = field(default=None, init=False, repr=False)
    #: by canonical key, how far an end known only by order may lie in its zone
    #: (:meth:`zone_ceiling`)
    _ceilings: dict[str, int | None] = field(factory=dict, init=False, repr=False)
    _marked: dict[str, bool] = field(factory=dict, init=False, repr=False)
    #: the starts of every therapy and drug, by canonical key (:meth:`no_later_than_drawn`)
    _therapy_starts: frozenset[str] | None = field(default=None, init=False, repr=False)
    #: the death and the last follow-up, by key, and their plausible days
    #: (:meth:`not_past_the_end`)
    _case_ends: list[tuple[str, int]] | None = field(default=None, init=False, repr=False)
    #: the x of every day asked for so far (a day's marker, window and label share it)
    _xs: dict[int, float] = field(factory=dict, init=False, repr=False)
    #: the plausible day of every item's start and end asked for so far
    _days: dict[tuple[int, str], Planned | None] = field(factory=dict, init=False, repr=False)
    #: the points whose dates the file infers (said "(inferred)" wherever a date is said), by
    #: the key each is held under (an exposure's start may be its regimen's)
    _inferred: frozenset[str] | None = field(default=None, init=False, repr=False)
    #: the first day of the scale proper, after the zone before it (:meth:`across_break`)
    _first: int | None = field(default=None, init=False, repr=False)
    #: the last plausible day of the scale proper, before the zone after it (:meth:`across_break`)
    _last: int | None = field(default=None, init=False, repr=False)
    #: the latest day the windows of the step's own dates reach (:meth:`_told_reach`)
    _reach: int | None = field(default=None, init=False, repr=False)
    #: the starts (by the key each is held under) of the therapies drawn whole (:meth:`rigid`)
    _rigid_starts: frozenset[str] | None = field(default=None, init=False, repr=False)
    #: by regimen id, the last plausible day of a response assessed on it alone (:meth:`earliest`)
    _assessed: dict[str, int] | None = field(default=None, init=False, repr=False)
    #: by regimen id, the plausible day of the last on-treatment response assessed on it alone
    #: whose own date is known within six months (:meth:`assessed_until`)
    _assessed_sure: dict[str, int] = field(factory=dict, init=False, repr=False)
    #: by regimen id, the day of a progression the case dates as a distance from its start,
    #: which it is drawn to, and the day of the last assessment on it before (None: none)
    _to_progression: dict[str, tuple[int, int | None]] = field(factory=dict, init=False, repr=False)
    #: the points some date of the case is stated a distance from (:meth:`fades`)
    _stated: frozenset[str] | None = field(default=None, init=False, repr=False)
    #: the regimen of each exposure named by an id of its own (:meth:`_owner`)
    _exposure_owner: dict[str, str] | None = field(default=None, init=False, repr=False)
    #: the events by the plausible day of their start (:meth:`_ends_at_a_start_in_zone`)
    _starts_by_day: dict[int, list[Event]] | None = field(default=None, init=False, repr=False)

    def _mark(self, key: str, text: str) -> str:
        return text + INFERRED if self.inferred(key) else text

    def inferred(self, key: str) -> bool:
        """Whether the point ``key`` is a date the file infers from the source (``inferred:``);
        its name is starred in the drawing (:data:`INFERRED_STAR`)."""
        if self._inferred is None:
            self._inferred = frozenset(
                inferred_dates(
                    self.case, self.chrono.canonical, self.plan.relative, self.plan.anchor
                )
            )
        return self.chrono.canonical(key) in self._inferred

    def fades(self, item: Event | Exposure, reported: bool) -> bool:
        """Whether a therapy's end is drawn fading out: the case does not report it, or its
        window is open on its late side and the case does not state how long the therapy
        lasted (an end "4 cycles of 3 weeks" after a start known only by order is that long
        after the start, and is drawn so: a length known within a month, or within a quarter
        of itself, is stated); except an end the axis counts from."""
        if (
            reported
            and not length_unstated(self.chrono, self.day(item, "end"), item)
            and not self.end_by_order(item)
        ):
            return False
        if reported and self._ends_at_a_start_in_zone(item):
            return False
        if reported and self.meets_whole(point_key(item, "end"), item):
            # (the start of a therapy drawn whole, which moves with its start: larotrectinib
            # ended when selitrectinib, given "2 months", began at no stated day within three
            # months of a progression; faded over that window, it pushed selitrectinib past
            # its fade, a sliver of days. The two meet where that start is drawn, its window
            # said by its rule)
            return False
        # (but not an end the axis counts from, when it does: drawn on the axis's day 0, it
        # is exactly where the axis puts it, though the case dates it only by order after
        # cycles of unstated length: "6 months after nivolumab was stopped, after 46 doses";
        # only when the case counts from it too: an end the axis counts from because two
        # operations after it come in no stated order was drawn solid across the zone of
        # dates known only by order, to the break, after "two cycles")
        end = self.chrono.canonical(point_key(item, "end"))
        if self._stated is None:
            self._stated = distances_stated_from(self.chrono)
        counted_from = {self.scale.tail_root} & self._stated
        if self.plan.relative and self.plan.anchor:
            counted_from.add(self.chrono.canonical(self.plan.anchor))
        return end not in counted_from

    def _ends_at_a_start_in_zone(self, item: Event | Exposure) -> bool:
        """Whether a therapy's end, in a zone of dates known only by order, is the date of
        another event of the case (``end: pd``) or the start of another regimen (``end:
        edp.start``): it is drawn at that point's slot, not faded over the slot after it
        (pemigatinib, ended at a progression, faded on past the progression's slot to the next
        line's, and the progression read as coming halfway through it; mitotane, ended when
        EDP began, made EDP's bars, drawn from where it faded, begin a slot after the Disease
        lane's "not yet assessed")."""
        end = self.day(item, "end")
        if end is None or not self.in_zone(end.day):
            return False
        key = point_key(item, "end")
        own = self.case.event(self._owner(item.key)) if isinstance(item, Exposure) else item
        if self._starts_by_day is None:
            # (the events by the plausible day of their start, found once: asked of every bar)
            self._starts_by_day = {}
            for e in self.case.events:
                if (start := self.plan.point(point_key(e, "start"))) is not None:
                    self._starts_by_day.setdefault(start.day, []).append(e)
        return any(
            e is not own and self.chrono.difference(key, point_key(e, "start")) == (0, 0)
            for e in self._starts_by_day.get(end.day, ())
        )

    def end_by_order(self, item: Event | Exposure) -> bool:
        """Whether a therapy's end is drawn as one not dated because the case gives it only by
        its order over a window far wider than its start's (:func:`end_by_order`): a stub that
        fades, not before what bounds the end from below, the window under the fade. Not in a
        zone of dates known only by order, which has fades of its own: temozolomide, begun
        there with radiotherapy and ended before a recurrence on the scale, runs across the
        break, fading over its end's window."""
        start = self.day(item)
        if start is None or self.day(item, "end") is None or self.in_zone(start.day):
            return False
        regimen = self.case.event(self._owner(item.key)) if isinstance(item, Exposure) else None
        return end_by_order(self.chrono, self.plan, item, regimen)

    def earliest(self, key: str) -> int | None:
        """The earliest day the point ``key`` can be with every point that bounds it from below
        at its plausible day (``None``: nothing bounds it from below but day zero): where a
        therapy whose end is not given must still be going on, when the case says that it
        ended after something (a response it led to)."""
        if self._lower is None:
            self._lower = self.chrono.distance_graph()[0]  # u - key <= w: key >= u - w
        # (in a zone of dates known only by order, days are slots, not to scale: a point there
        # bounds from below by its order alone, not by a distance counted in days)
        # (and only a point certainly no later than it: "1 month after the end" bounds the end
        # from below by that point less a month, which in slots is nothing)
        # (but the point the stretch to scale after the zone counts from is on that scale: a
        # maintenance "for over a year" from it was a stub at the break, beside a follow-up
        # drawn two years on)
        tail = self.scale.tail_from

        def slot(day: int) -> bool:
            return self.in_zone(day) and day != tail

        found = [
            p.day if slot(p.day) else p.day - w
            for u, w in self._lower.get(self.chrono.canonical(key), ())
            if u and (p := self.plan.point(u)) is not None and (w <= 0 or not slot(p.day))
        ]
        # and its own earliest day, when the calendar gives one ("after 31 May 2020": the line
        # of exemestane was a stub at its 2017 start, beside its bar drawn to May 2020)
        lo = self.bounds_as_drawn(key).lo
        if lo > NEG // 2 and not self.in_zone(lo):
            found.append(lo)
        # and a regimen whose end the case does not give lasts to the last response assessed on
        # it alone, on treatment (a CR "after" sorafenib's start was drawn months after a stub a
        # week long, as if reached off treatment)
        part = key.partition(".")[2]
        owner = self._owner(key)
        if part == "end" or part.endswith(".end"):
            assessed = self.assessed_until().get(owner)
            if assessed is not None:
                found.append(assessed)
        return max(found) if found else None

    def drawn_before(self, key: str) -> int | None:
        """The earliest drawn day of the points the case puts the point ``key`` no later
        than by a relation of its own (``before:`` one), in a zone of dates known only by
        order or not; None when there is none."""
        if self._upper is None:
            self._upper = self.chrono.distance_graph()[1]  # key - u <= w: key <= u + w
        days = [
            p.day
            for u, w in self._upper.get(self.chrono.canonical(key), ())
            if u and w <= 0 and (p := self.plan.point(u)) is not None
        ]
        return min(days, default=None)

    def bounds_as_drawn(self, key: str) -> Bounds:
        """The window of the point ``key`` on the days the drawing counts: the case's own
        bounds, or in a case dated relative to itself, the schedule's window counted from its
        anchor (the case's bounds there are the calendar's, at most a publication day: on
        another scale than the days drawn)."""
        if self.plan.relative:
            planned = self.plan.point(key)
            return Bounds(NEG, POS) if planned is None else planned.window
        return self.chrono.bounds(key)

    def stated_length(self, start_key: str, end_key: str) -> tuple[int, int] | None:
        """The fewest and most days a therapy lasted, when the case states its length only
        within a window (ATRA "about 2 years": 19 to 29 months, drawn as an end not dated):
        its bar is certain for the fewest and fades out over the rest, up to the most, not a
        stub's length past the fewest. None when the length is not so stated (an end given
        only by order, at no least distance; a window wider than the length itself)."""
        if not start_key or not end_key:
            return None
        span = self.chrono.difference(start_key, end_key)
        if span is None or span[0] <= 0 or span[1] - span[0] <= 31 or span[1] > 2 * span[0]:
            return None
        return span

    def least_end(self, key: str, start: int) -> int | None:
        """What a therapy whose end ``key`` the case leaves open must at least have lasted to:
        :meth:`earliest` of that end, when it is after the therapy's ``start`` (None: nothing
        but the start bounds it, and the bar fades from there)."""
        floor = self.earliest(key)
        assumed = self.assumed_end(key)
        if assumed is not None and not self.in_zone(start) and (floor is None or assumed > floor):
            # (a course of cycles of unstated length: faded out up to the end the schedule
            # gives it at an assumed cycle, as the points after it are placed)
            floor = assumed
        return floor if floor is not None and floor > start else None

    def assumed_end(self, key: str) -> int | None:
        """The plausible day of the end ``key`` of a course given in cycles of unstated
        length, its end not reported, when the schedule places it at the length assumed for
        its cycles (:data:`timeline.schedule.ASSUMED_CYCLE_DAYS`); else None."""
        if self.chrono.canonical(key) not in self.plan.assumed:
            return None
        found = self.plan.point(key)
        return found.day if found is not None else None

    def certain_until(self, key: str, start: int, least_end: int | None) -> int | None:
        """The last day a therapy whose end ``key`` the case does not give was certainly still
        given, when the point it is drawn to (``least_end``, what bounds the end from below at
        its plausible day) is itself dated only within more than six months: the earliest day
        that end can be. None when the bar can be solid to its drawn end (a bound within six
        months, or none; in a zone of dates known only by order, days are slots). A "durable
        remission" known only before 2005 drew chlorambucil solid to its plausible day in
        2000, years the source does not give."""
        if least_end is None or self.in_zone(least_end):
            return None
        if key.endswith(".end") and least_end == self.assumed_end(key):
            # (its cycles of unstated length: certain for the least time they take, faded
            # over the rest of the length assumed)
            lasts = self.chrono.least(key[: -len(".end")] + ".start", key)
            return start + max(lasts or 0, 0)
        sure = self.chrono.bounds(key).lo
        planned = self.plan.point(key)
        if (
            sure <= NEG // 2
            and self.plan.relative
            and planned is not None
            and planned.window.lo > start
        ):
            # (a case dated relative to itself, the end bounded from below after the start by
            # a distance the case states: its earliest day as the schedule counts them, from
            # the anchor — erlotinib ended after a progression stated 7.7 months after its
            # start, and was drawn fading from that start)
            sure = planned.window.lo
        if key.endswith(".end"):
            # (and no earlier than the least length its dates give it after its start, as
            # drawn: selpercatinib ended after a progression "about 1 year" after its start,
            # which opened a window from month 22, and faded from there, five months after its
            # drawn start, before the progression it went on to)
            stated = self.chrono.least(key[: -len(".end")] + ".start", key)
            if stated is not None and stated > 0:
                sure = max(sure, start + stated)
        if NEG // 2 < sure < least_end - WIDE_WINDOW_DAYS:
            return max(sure, start)
        # (not when a response assessed on it alone, dated within six months, is drawn there:
        # a CT "after 1 month" of lenvatinib + pembrolizumab, the operation after it known only
        # by order on its day, drew both drugs fading from their start)
        self.assessed_until()
        owner = self._owner(key)
        to_pd = self._to_progression.get(owner)
        if to_pd is not None and least_end <= to_pd[0] and to_pd[1] != least_end:
            # (drawn to a progression dated from its start, its end not given: certain to its
            # last assessment before it, or its start, fading over the rest)
            return max(start, to_pd[1] or start)
        given = self._assessed_sure.get(owner)
        if given is not None and given >= least_end:
            return None
        if sure <= NEG // 2 and start < least_end and self._wide_at(least_end):
            # (a case without calendar dates has no earliest day on the calendar: the bar is
            # certain from its drawn start only, when what it is drawn to is itself dated only
            # within more than six months — a PSA fall known only to follow the start of
            # androgen deprivation drew it solid for four and a half months)
            return start
        return None

    def _wide_at(self, day: int) -> bool:
        """Whether a date drawn on ``day`` is known only within more than six months (or is
        open): what bounds a therapy's end from below there says little of when it was."""
        for e in self.case.events:
            p = self.plan.start(e)
            if p is not None and p.day == day and p.window.hi - p.window.lo > WIDE_WINDOW_DAYS:
                return True
        return False

    @staticmethod
    def no_sure_day(
        edges: tuple[Planned | None, Planned | None] | None,
        fades: tuple[float, float],
        x0: float,
        x1: float,
    ) -> bool:
        """Whether a bar from ``x0`` to ``x1`` fades in and out over all of it (``fades``)
        with no day the therapy was certainly given: its start (``edges``) may come as late as
        its end may come early. Its peak is drawn pale, not in full colour (neoadjuvant
        chemotherapy known only to lie in the two years before a hysterectomy, begun and ended
        at no stated time, peaked in full colour at its plausible middle, as if given then)."""
        return (
            edges is not None
            and edges[0] is not None
            and edges[1] is not None
            and edges[0].window.hi >= edges[1].window.lo
            and min(fades) > 0
            and sum(fades) >= x1 - x0 - 1
        )

    def fading_to(
        self, fades: tuple[float, float], x0: float, x1: float, certain: int | None
    ) -> tuple[float, float]:
        """``fades`` with the end fading from the day a therapy was certainly given until
        (:meth:`certain_until`) to the bar's drawn end ``x1``."""
        if certain is None:
            return fades
        fade_in, fade_out = fades[0], max(fades[1], x1 - max(x0, self.x(certain)))
        if fade_in + fade_out > x1 - x0 > 0:
            # both cover the bar: they share it, as two wide windows do (a start open on its
            # late side faded in over the whole bar, and the end, given only to come after the
            # start, had no fade left: full colour at its drawn end, stopped sharp there)
            share = (x1 - x0) / (fade_in + fade_out)
            fade_in, fade_out = fade_in * share, fade_out * share
        return fade_in, fade_out

    def drawn_window(self, key: str, ordered: bool = False) -> tuple[int | None, int | None]:
        """The earliest and latest day the point ``key`` can be with every point it is related
        to at its plausible day (None: unbounded on that side): its window as the rest of the
        drawing leaves it. Points in a zone of dates known only by order (slots, not days)
        bound nothing. With ``ordered``, only the points it is related to on one side (it comes
        after one, or before one, with no bound on the other side): a point written at a
        distance from another ("within 3 months" of it) moves with it, and is not pinned to
        where that one is drawn."""
        if self._lower is None:
            self._lower = self.chrono.distance_graph()[0]  # u - key <= w: key >= u - w
        if self._upper is None:
            self._upper = self.chrono.distance_graph()[1]  # key - u <= w: key <= u + w
        own = self.chrono.canonical(key)
        planned = self.plan.point(own)
        lo: list[int] = []
        hi: list[int] = []
        if planned is not None:
            if planned.window.lo > NEG // 2:
                lo.append(planned.window.lo)
            if planned.window.hi < POS // 2:
                hi.append(planned.window.hi)
        both: set[str] = set()
        if ordered:
            both = {u for u, _w in self._lower.get(own, ())} & {
                u for u, _w in self._upper.get(own, ())
            }
        for edges, found, sign in ((self._lower, lo, -1), (self._upper, hi, 1)):
            for u, w in edges.get(own, ()):
                if u in both:
                    continue
                p = self.plan.point(u) if u else None
                if p is not None and not self.in_zone(p.day):
                    found.append(p.day + sign * w)
        return (max(lo) if lo else None), (min(hi) if hi else None)

    def past_floor(self, key: str, floor: int) -> float:
        """Where a bar whose end (point ``key``) the case does not give stops fading, ``floor``
        being the earliest day the end can be: when that is the last response assessed on the
        therapy alone, or the point the end's own date puts it after, the fade comes after it,
        up to the end's latest day (a regimen that led to a response faded out over the week
        before it, and read as stopped at it, where the source says it was still given then;
        nivolumab given "before and after" a resection, its end written after it, faded out
        at the resection), or the last resumption of one of its drugs (nivolumab held for
        renal failure and resumed, its end not given, faded out at the resumption, its hold
        not drawn: read as never given again); else at ``floor``."""
        x = self.x(floor)
        owner = self._owner(key)
        if (
            self.assessed_until().get(owner) != floor
            and self._written_after(owner, key) != floor
            and self._resumed_last(owner) != floor
        ):
            return x
        hi = self.bounds_as_drawn(key).hi
        limit = min(x + FADE_CAP, self.x(hi) if hi < POS // 2 else x + FADE_CAP)
        # (nor past what the end must precede, at its plausible day: docetaxel's fade, its end
        # written before sorafenib's start, ran 10 pt into sorafenib, read as given with it)
        drawn_hi = self.drawn_window(key)[1]
        if drawn_hi is not None:
            limit = min(limit, self.x(drawn_hi))
        return max(x, limit)

    def _owner(self, key: str) -> str:
        """The id of the event a point's key belongs to: its own, or its regimen's for an
        exposure named by an id of its own (docetaxel given `id: dtx` in 'adt-docetaxel': its
        end, the regimen's, faded out after a stub, not where the regimen's did)."""
        head = key.partition(".")[0]
        if self._exposure_owner is None:
            # (an exposure's own id has no ".": its key is the id; else "regimen.agent")
            self._exposure_owner = {
                x.key: r.id for r in self.case.regimens() for x in r.exposures if "." not in x.key
            }
        return self._exposure_owner.get(head, head)

    def drawn_to(self, therapy: Event) -> float:
        """How far right a therapy is drawn so far, its fade included: its box in the Lines
        lane, its own bar (a radiotherapy) or its drugs' bars; 0 when none is."""
        own = {f"line-{slug(therapy.id)}", f"bar-{slug(therapy.id)}"}
        if isinstance(therapy, Regimen):
            own.update(f"bar-{slug(x.key)}" for x in therapy.exposures)
        return max(
            (item.x1 for item in self.items if isinstance(item, Rect) and item.id in own),
            default=0.0,
        )

    def _resumed_last(self, owner: str) -> int | None:
        """The plausible day of the last resumption of a drug of regimen ``owner`` after a
        hold (a dose change ``resumed``), or None."""
        regimen = self.case.event(owner)
        if not isinstance(regimen, Regimen):
            return None
        days = [
            p.day
            for exp in regimen.exposures
            for n, ch in enumerate(exp.dose_changes, 1)
            if ch.change == "resumed"
            and (p := self.plan.point(dose_change_key(exp, n))) is not None
        ]
        return max(days) if days else None

    def _written_after(self, owner: str, key: str) -> int | None:
        """The plausible day of the point the end ``key`` of regimen ``owner`` is written
        after (``end: {after: resection}``), or None."""
        regimen = self.case.event(owner)
        if not isinstance(regimen, Regimen):
            return None
        spec = regimen.end_date
        for exp in regimen.exposures:
            if exp.end_date is not None and point_key(exp, "end") == key:
                spec = exp.end_date
        after = None if spec is None else spec.after
        if not isinstance(after, Anchor) or spec is None or spec.after_offset is not None:
            return None
        event = self.case.event(after.event)
        if event is None:
            return None
        found = self.plan.point(point_key(event, after.part or "end"))
        return None if found is None else found.day

    def assessed_until(self) -> dict[str, int]:
        """By regimen id, the plausible day of the last on-treatment response that can have
        been assessed on that regimen alone, its end not given
        (:func:`timeline.queries.assessed_on`), or of the last toxicity that stopped, held or
        reduced it (naming it or one of its agents), given then: capmatinib stopped for
        pneumonitis, its end not given, was drawn as a stub in March beside the pneumonitis
        in November, as if it had come months after the drug."""
        if self._assessed is None:
            self._assessed = {}
            for regimen, responses in assessed_on(self.case, self.chrono).items():
                days = [p.day for r, _gap in responses if (p := self.plan.start(r)) is not None]
                if days:
                    self._assessed[regimen] = max(days)
                sure = [
                    p.day
                    for r, _gap in responses
                    if (p := self.plan.start(r)) is not None
                    and p.window.hi - p.window.lo <= WIDE_WINDOW_DAYS
                ]
                if sure:
                    self._assessed_sure[regimen] = max(sure)
            untold = [r for r in self.case.regimens() if end_untold(r)]
            by_agent: dict[str, list[Regimen]] = {}
            for reg in untold:
                for x in reg.exposures:
                    by_agent.setdefault(x.agent.name, []).append(reg)
            by_id = {reg.id: reg for reg in untold}
            for tox in self.case.events:
                if not isinstance(tox, Toxicity) or tox.action not in _ON_THERAPY_ACTIONS:
                    continue
                at = self.plan.start(tox)
                if at is None:
                    continue
                if tox.regimen is not None:
                    named = by_id.get(tox.regimen)
                    blamed = [named] if named is not None else []
                else:
                    blamed = [r for a in tox.agents for r in by_agent.get(a, ())]
                for reg in blamed:
                    begun = self.plan.start(reg)
                    if begun is not None and begun.day <= at.day:
                        self._assessed[reg.id] = max(self._assessed.get(reg.id, at.day), at.day)
            # and a progression the case dates as a distance from its start ("progressed 3
            # months later"): the line's progression-free time, which `show` counts to it
            # (trastuzumab + pertuzumab, "progression 3 months later", was a stub of ten days
            # and two and a half months off treatment before the progression)
            before_pd = dict(self._assessed)
            for pd in self.case.events:
                spec = pd.start
                # (or "after 12 cycles" of unstated length: enfortumab vedotin faded out before
                # the partial response on it and the progression twelve cycles on)
                origin = (
                    spec.origin
                    if spec is not None and spec.kind == "offset"
                    else _cycles_from(spec)
                )
                if (
                    not isinstance(pd, DiseaseEvent)
                    or pd.type != "progression"
                    or not isinstance(origin, Anchor)
                    or origin.part == "end"
                    or origin.event not in by_id
                    or (at := self.plan.start(pd)) is None
                ):
                    continue
                reg_id = origin.event
                self._assessed[reg_id] = max(self._assessed.get(reg_id, at.day), at.day)
                # (a chemotherapy is given for certain only to what was assessed on it before:
                # drawn solid to the progression, etoposide + cisplatin read as 7.7 months of
                # chemotherapy, given for a number of cycles; not endocrine, targeted or
                # immune therapy, mostly given until progression: abiraterone to its
                # castration resistance at 15 months)
                # (nor radioligand therapy, given in a few cycles: PRRT was drawn solid for the
                # 18 months to its progression)
                if any(
                    x.agent.agent_class == "chemotherapy" or x.agent.subclass in _COURSES
                    for x in by_id[reg_id].exposures
                ):
                    # (to its last assessment only when that is dated within six months:
                    # bendamustine + rituximab was solid for ten months to a response known
                    # only to lie in the twenty before the progression)
                    seen = before_pd.get(reg_id)
                    narrow = seen if seen is not None and not self._wide_at(seen) else None
                    self._to_progression[reg_id] = (at.day, narrow)
            # and an operation or a course the case gives as part of the line: the line goes
            # on to it (CAPOX + bevacizumab, given with four metastasectomies over five
            # years, its end not given, was a box of one month before the first of them)
            for part in self.case.events:
                if (
                    isinstance(part, Surgery | Radiotherapy)
                    and part.part_of in by_id
                    and (at := self.plan.start(part)) is not None
                ):
                    reg_id = part.part_of
                    self._assessed[reg_id] = max(self._assessed.get(reg_id, at.day), at.day)
            # and the progression a resistance to its drug rests on, which the case puts after
            # its start: the drug was given to it (vemurafenib, its end not given, faded out
            # months before the progression and the resistance to it)
            for res in self.case.events:
                if not isinstance(res, Resistance) or res.basis is None:
                    continue
                basis = self.case.event(res.basis.event)
                drugs = {a for a in (res.agent, *res.agents) if a}
                if basis is None or (at := self.plan.start(basis)) is None or not drugs:
                    continue
                for given in untold:
                    if not drugs & {x.agent.name for x in given.exposures}:
                        continue
                    after = self.chrono.least(point_key(given, "start"), point_key(basis, "start"))
                    if after is not None and after >= 0:
                        self._assessed[given.id] = max(self._assessed.get(given.id, at.day), at.day)
            # and an event the case dates a number of the regimen's cycles after its start
            # ("after the third course"): that many were given by then (venetoclax + arubicin +
            # cytarabine faded out at the marrow test after its first course, the CSF cleared
            # "after the third" drawn off treatment)
            for e in self.case.events:
                origin = _cycles_from(e.start)
                if (
                    origin is not None
                    and origin.event in by_id
                    and (at := self.plan.start(e)) is not None
                ):
                    self._assessed[origin.event] = max(
                        self._assessed.get(origin.event, at.day), at.day
                    )
            self._assessed_as_drawn(untold, self._assessed)
        return self._assessed

    def _assessed_as_drawn(self, untold: list[Regimen], found: dict[str, int]) -> None:
        """Extend :meth:`assessed_until` by the plausible days: an on-treatment response the
        schedule puts after the drawn start of a regimen of untold end, when no other therapy
        is drawn within the response window of it and the dates do not put it before that
        start. Lenvatinib, begun at no stated time in three years, drawn from 2022, under a
        complete response "maintained" on it until July 2023: a stub in January 2022 read as
        stopped a year and a half before the response (the dates alone could put the response
        before the start, so :func:`timeline.queries.assessed_on` does not tie them)."""
        if not untold:
            return
        untold_ids = {id(reg) for reg in untold}
        spans = []  # (start day, end day, the therapy) as drawn, every anti-cancer therapy
        for t in therapies(self.case):
            a, b = self.plan.start(t), self.plan.end(t)
            if a is not None:
                spans.append((a.day, b.day if b is not None else a.day, t))
        grafts = [
            p.day
            for e in self.case.events
            if isinstance(e, Transplant) and (p := self.plan.start(e))
        ]
        for r in self.case.events:
            if not isinstance(r, Response) or r.setting == "follow-up":
                continue
            at = self.plan.start(r)
            if at is None:
                continue
            begun = [(a, t) for a, _b, t in spans if a <= at.day]
            if not begun:
                continue
            begun_day, last = max(begun, key=lambda x: x[0])
            # (other than that regimen itself: a stub of pembrolizumab, drawn within eight
            # weeks of the complete response "within 2 months" of its start, counted as another
            # therapy the response could have been on, and faded out before it)
            # (in a zone of dates known only by order, a slot's day is no day: eight weeks of
            # them mean nothing, and only a therapy drawn on at the response's slot is near it.
            # Sorafenib, ended at the progression before nivolumab, was counted near a complete
            # response "on nivolumab" two slots on, and nivolumab's stub faded out before it)
            weeks = 0 if self.in_zone(at.day) else RESPONSE_WINDOW_DAYS
            near = [t for a, b, t in spans if t is not last and a <= at.day and b >= at.day - weeks]
            if near:
                continue
            if not isinstance(last, Regimen) or id(last) not in untold_ids:
                continue
            if any(begun_day <= d <= at.day for d in grafts):
                # (a transplant drawn between the regimen's start and the response: the
                # response is the transplant's; anti-BCMA CAR-T, its end not reported, was
                # drawn given through a relapse and a haploidentical transplant to the
                # "successful" outcome after it)
                continue
            before = self.chrono.least(point_key(r, "start"), point_key(last, "start"))
            if before is not None and before > 0:
                continue  # (the dates put the response before the start)
            found[last.id] = max(found.get(last.id, at.day), at.day)

    def note(self, text: str | None) -> str:
        """A file's note for a tooltip: none in a figure cut at a step, whose notes the step
        tells in its own words (a note says what came of a therapy: "stopped when the
        recurrence led to toremifene" was in the anastrozole bar's tooltip on the question
        slide that asks what to do at that recurrence)."""
        return "" if self.cut is not None or not text else text

    def shown(self, day: int) -> bool:
        """Whether something on ``day`` is drawn (it is not after the cut)."""
        return self.cut is None or day <= self.cut

    def clip(self, day: int) -> int:
        """``day``, or the cut if it comes first."""
        return day if self.cut is None else min(day, self.cut)

    def day(self, item: Event | Exposure, part: str = "start") -> Planned | None:
        """The plausible day of an item's start (or of its end, ``part="end"``), or None (also
        for an item told after the cut's own event: :attr:`later`)."""
        key = (id(item), part)  # (the case, and every item in it, outlives the drawing)
        try:
            return self._days[key]
        except KeyError:
            if id(item) in self.later:
                found = self._days[key] = None
            else:
                found = self._days[key] = (
                    self.plan.start(item) if part == "start" else self.plan.end(item)
                )
            return found

    def told_later(self, key: str) -> bool:
        """Whether the case puts the point ``key`` no earlier than an event told after the
        cut's own event (:attr:`later`): a line's end at a progression the step has not told
        yet, both on the cut's plausible day in a case dated only by order."""
        if not self.later:
            return False
        return any(
            (least := self.chrono.least(point_key(e, "start"), key)) is not None and least >= 0
            for e in self.case.events
            if id(e) in self.later
        )

    def ends_past_cut(self, key: str) -> bool:
        """In a figure cut at a step told by a finding (a response, a progression: not a
        therapy begun there, which every end of its own follows): whether the case puts the
        point ``key`` (an end) no earlier than that finding, and no day of its window before
        the cut, so that what runs to it went on at least to the cut."""
        if self.cut is None or self.cut_event is None:
            return False
        event = self.case.event(self.cut_event)
        if event is None or isinstance(event, (Regimen, Radiotherapy, Surgery, Transplant)):
            return False
        least = self.chrono.least(point_key(event, "start"), key)
        return least is not None and least >= 0

    def lasts_to_cut_response(self, least: int | None) -> bool:
        """In a figure cut at a response: whether a therapy whose end is not given lasts, by
        what bounds its end from below (``least``: :meth:`least_end`, the response it led to),
        at least to the cut. It is drawn to the cut, not faded before it: tasurgratinib, faded
        out before its partial response, the step's own news, read as a response after the
        drug had stopped."""
        if least is None or self.cut is None or least < self.cut:
            return False
        return isinstance(self.case.event(self.cut_event or ""), Response)

    def given_past_cut(self, key: str) -> bool:
        """In a figure cut at a step: whether a therapy whose end is the point ``key`` was
        certainly still given at the cut: its end no earlier than the cut's day
        (its whole window after it), or put by the case no earlier than the step's own
        finding (:meth:`ends_past_cut`). Such a bar, drawn to the cut, gets an arrow there:
        sharp at the cut, it read as stopped on the step's day (three decks of unseen reports:
        an adjuvant imatinib at its recurrence, ibrutinib at a Richter transformation,
        tebentafusp at its progression)."""
        if self.cut is None:
            return False
        event = self.case.event(self.cut_event or "")
        if (
            key
            and event is not None
            and self.chrono.difference(point_key(event, "start"), key)
            == (
                0,
                0,
            )
        ):
            # (not one the case ends at the step's own event: gemcitabine + cisplatin ended at
            # the progression its step tells ran on with the arrow of a therapy still given,
            # under a heading that said it stopped)
            return False
        if self.ends_past_cut(key) or self.told_later(key):
            return True
        found = self.plan.point(key) if key else None
        return found is not None and found.window.lo > self.cut

    def vague_cut(self) -> int | None:
        """In a figure cut at a step whose own event is dated only within more than six
        months (the cut at its plausible day), the earliest day that event can be: what runs
        to the cut fades out from there, rather than stop sharp at a day the source does not
        give (a fourth recurrence known only between months 45 and 98, the step cut at month
        76, ended the Disease lane and the bars there as if dated). None otherwise."""
        if self.cut is None or self.cut_event is None:
            return None
        event = self.case.event(self.cut_event)
        if event is None:
            return None
        for part in ("start", "end") if event.is_span else ("start",):
            p = self.plan.point(point_key(event, part))
            if (
                p is not None
                and p.day == self.cut
                and p.window.lo > NEG // 2
                and p.window.hi - p.window.lo > WIDE_WINDOW_DAYS
                and not self.in_zone(p.day)
            ):
                return p.window.lo
        return None

    def after_the_cut(self, key: str) -> bool:
        """In a figure cut at a step: whether the point ``key`` may come after it, its window
        reaching past the cut and the case putting it no later than none of the step's own
        events (an induction "completed" at no stated day before a maintenance told later: its
        arrow stood over a step a week into it)."""
        if self.cut is None:
            return False
        p = self.plan.point(key)
        if p is None or p.window.hi <= self.cut:
            return False
        for ident in self.highlight:
            item = self.case.event(ident)
            if item is not None:
                least = self.chrono.least(key, point_key(item, "start"))
                if least is not None and least >= 0:
                    return False
        return True

    def not_before_pushed(self, key: str, x: float) -> float:
        """``x``, or further right: the x of each therapy start drawn after another bar of its
        day (:attr:`pushed`) that the point ``key`` is known to be no earlier than."""
        for start, at in self.pushed.items():
            if at > x:
                least = self.chrono.least(start, key)
                if least is not None and least >= 0:
                    x = at
        return x

    def bounds(self, item: Event | Exposure, part: str = "start") -> Bounds:
        """The earliest and latest day of an item's start (or of its end, ``part="end"``)."""
        return self.chrono.start(item) if part == "start" else self.chrono.end(item)

    def when(self, item: Event | Exposure, part: str = "start") -> str:
        """A date as tooltips and captions give it (the source's precision, or ≈ and window;
        only the window for a date drawn in a zone of dates known only by order)."""
        drawn = self.day(item, part)
        if self.words is None:
            planned = drawn
        else:
            planned = self.words.start(item) if part == "start" else self.words.end(item)
        return self._mark(
            point_key(item, part), self._said(self.bounds(item, part), planned, drawn)
        )

    def _said(self, bounds: Bounds, planned: Planned | None, drawn: Planned | None) -> str:
        """A date in words: in a zone of dates known only by order the figure places it by
        its order, not at its plausible day, and words giving that day ("≈ month 0.2 (from
        month 0)") would be more precise than the figure and the source: only the window."""
        if drawn is not None and self.in_zone(drawn.day):
            return _window_text(bounds, planned)
        return _when_text(bounds, planned)

    def numbered(self, text: str) -> str:
        """A label moved to the notes under the figure; returns its number as drawn (the same
        words numbered twice keep one note: a quote shortened in its label, whose label then
        found no row either, was noted twice)."""
        if text in self.notes:
            return f"({self.notes.index(text) + 1})"
        self.notes.append(text)
        return f"({len(self.notes)})"

    def prune_notes(self) -> None:
        """Drop the notes that no drawn text calls, and number the rest in order: a quote
        shortened in its label gets a note, and when the group's label then finds no row it
        becomes a number of its own whose note holds the quote too (suyanto2019's regression
        at both sites was note (5), called nowhere, beside note (6))."""
        texts = [i for i in (*self.items, *self.top) if isinstance(i, Text)]
        called = {int(m) for t in texts for m in _NOTE_CALL.findall(t.text)}
        keep = [k for k in range(1, len(self.notes) + 1) if k in called]
        if len(keep) == len(self.notes):
            return
        number = {old: new for new, old in enumerate(keep, 1)}

        def renumber(m: re.Match[str]) -> str:
            k = int(m[1])
            return f"({number[k]})" if k in number else m[0]

        for items in (self.items, self.top):
            for n, item in enumerate(items):
                if isinstance(item, Text) and _NOTE_CALL.search(item.text):
                    items[n] = evolve(item, text=_NOTE_CALL.sub(renumber, item.text))
        self.notes[:] = [self.notes[k - 1] for k in keep]

    def place(
        self,
        rows: Rows,
        x: float,
        text: str,
        full: str,
        limit: int,
        avoid: Sequence[float] = (),
        widest: float = 1.0,
    ) -> tuple[int, float, str, bool]:
        """A label for something at ``x``, in the first of ``rows`` where it overlaps no other
        label and its leader from ``x`` crosses none: (row, centre, text, with leader).

        The label is centred on ``x``, or starts or ends just beside it; positions that would
        cover another leader still to come (``avoid``) are taken only when nothing else fits.
        A label that finds no row within ``limit`` becomes a number (explained under the
        figure); a number that finds none is set without a leader, right under ``x``. Within
        a row, a position clear of the breaks of the axis is taken first (their marker ran
        through the "L" of a line's label beside the zone after the scale); a break never sends
        a label to a lower row."""
        font = self.theme.small
        attempt = text
        lo, hi = self.scale.x0 - 4, self.scale.x1 + 6
        others = [a for a in avoid if abs(a - x) > 3]
        breaks = [a for a in self.break_xs() if abs(a - x) > 3]
        for numbered in (False, True):
            if numbered:
                attempt = self.numbered(full)
                limit += 6
            w = text_width(attempt, font) * 1.08
            if not numbered and w > (hi - lo) * widest:
                # wider than the plot: it would run into the lane names and read as the
                # label of every marker it passes (three events of one day, 140 characters);
                # or than half of it: set where it fits, it began under the diagnosis, two
                # years before the three events of its marker (125 characters)
                continue
            starts = [min(max(a, lo), hi - w) for a in (x - w / 2, x - 6, x - w + 6)]
            spans = [(lx0, lx0 - 3, lx0 + w + 3) for lx0 in starts]
            # the spans that would cover a leader still to come (the same in every row)
            clear = [(lx0, a, b) for lx0, a, b in spans if not any(a <= o <= b for o in others)]
            if not numbered:
                # a label more than half across a break from its marker reads as the label of
                # what lies there: a number takes its place (an order-only progression's
                # label ran over the scale's months 0-4, above the notes of what was there)
                spans = [s for s in spans if not _astray(x, s[1], s[2], breaks)]
                clear = [s for s in clear if not _astray(x, s[1], s[2], breaks)]
            # (the same order, those clear of the breaks first)
            spans = sorted(spans, key=lambda s: any(s[1] <= o <= s[2] for o in breaks))
            clear = sorted(clear, key=lambda s: any(s[1] <= o <= s[2] for o in breaks))
            for careful in (True, False):
                # a label in a row needs its leader from x to cross nothing in the rows before
                # it: once one of those is taken at x, no later row is open either
                for row in range(limit):
                    if row and not rows.free(row - 1, x - 1.5, x + 1.5):
                        break
                    for lx0, a, b in clear if careful else spans:
                        if rows.free(row, a, b):
                            rows.take_with_stem(row, a, b, x)
                            return row, lx0 + w / 2, attempt, True
        lx0 = starts[0]
        row = rows.first_free(lx0 - 3, lx0 + w + 3)
        rows.take(row, lx0 - 3, lx0 + w + 3)
        return row, lx0 + w / 2, attempt, False

    def when_point(self, key: str) -> str:
        """A point's date by its key, as :meth:`when` gives it."""
        return self._mark(
            key,
            self._said(
                self.chrono.bounds(key), (self.words or self.plan).point(key), self.plan.point(key)
            ),
        )

    def x(self, day: int) -> float:
        """The x of a day, clamped to the drawn time span."""
        found = self._xs.get(day)
        if found is None:
            found = self._xs[day] = self.scale.x(self.scale.clamp(day))
        return found

    def pinned(self, key: str, least: int) -> bool:
        """Whether the end ``key`` of a therapy, not given, can be no later as drawn than
        ``least``, what it is known to follow: it lies between two points the schedule puts
        on one day (vandetanib stopped after a progression and before a radiotherapy drawn on
        the progression's day), and fades just after the first, not over the days before."""
        if self._upper is None:
            self._upper = self.chrono.distance_graph()[1]  # key - u <= w: key <= u + w
        his = [
            p.day + w
            for u, w in self._upper.get(self.chrono.canonical(key), ())
            if u and (p := self.plan.point(u)) is not None
        ]
        return bool(his) and min(his) <= least

    def no_later_than_drawn(
        self, key: str, x1: float, least: float, pushes: bool = True, since: int | None = None
    ) -> float:
        """``x1``, where a bar whose end (point ``key``) is not given stops, but no later than
        the latest day the end can be as the points it must precede are drawn (but the starts
        of therapies), nor short of ``least``: the stub of docetaxel and cisplatin, ended at
        no stated day before the partial response of May 2004, ran weeks past that response
        (two weeks of a 14-point stub on the slide theme, three months on the print theme's).
        ``pushes``: a therapy begun after the bar is drawn from where its stub ends (a drug's
        bar); a radiotherapy's stub pushes nothing, and the starts after it bound it too (a
        mediastinal radiotherapy ended before BEAM ran past BEAM and the transplant); but not
        a start known only by order on the bar's own start day (``since``), which is drawn
        after the stub instead (:func:`timeline.render.bars._in_sequence`): tumour-treating
        fields begun at no stated day after a chemoradiotherapy made its radiotherapy a tick
        on the day it began."""
        if not key:
            return x1
        if self._upper is None:
            self._upper = self.chrono.distance_graph()[1]  # key - u <= w: key <= u + w
        if self._therapy_starts is None:
            self._therapy_starts = frozenset(
                self.chrono.canonical(point_key(x, "start"))
                for t in therapies(self.case)
                for x in (t, *(t.exposures if isinstance(t, Regimen) else ()))
            )
        # (not a therapy's start: a therapy begun after it is drawn from where its stub ends,
        # :func:`timeline.render.bars._pushed`; capped there, ramucirumab and paclitaxel,
        # ended at no stated day before nivolumab, were a sliver of a point)
        his = [
            p.day + w
            for u, w in self._upper.get(self.chrono.canonical(key), ())
            if u
            and (p := self.plan.point(u)) is not None
            and (not pushes or self.chrono.canonical(u) not in self._therapy_starts)
            and not (
                not pushes
                and since is not None
                and self.chrono.canonical(u) in self._therapy_starts
                and p.uncertain
                and p.day <= since
            )
            and not self.in_zone(p.day)
            # (nor the same point under another name: temozolomide ended with the
            # radiotherapy it was given with, "end: crt-rt.end", and each capped the other's
            # stub at the day both began)
            and (w != 0 or self.chrono.difference(key, u) != (0, 0))
        ]
        if not his:
            return x1
        return max(least, min(x1, self.x(min(his))))

    def not_past_the_end(self, key: str, x1: float, least: float) -> float:
        """``x1``, where a bar whose end (point ``key``) fades out stops, but not past a death
        or a last follow-up the case puts no earlier than that end, as drawn (nor short of
        ``least``): brentuximab vedotin, ended "after two cycles" before the death, both on
        one day, faded out past the death marker, given after the patient died."""
        if not key:
            return x1
        if self._case_ends is None:
            # (read once for the figure: asked for every bar whose end fades, the events of a
            # case of 5,000 were read for each)
            self._case_ends = [
                (k, p.day)
                for e in self.case.events
                if isinstance(e, Death | FollowUp)
                and (p := self.plan.point(k := point_key(e, "start"))) is not None
                and not self.in_zone(p.day)
            ]
        for end, day in self._case_ends:
            after = self.chrono.least(key, end)
            if after is not None and after >= 0:
                x1 = min(x1, max(least, self.x(day)))
        return x1

    def zone_reach(self, key: str, solid: float) -> float | None:
        """Where a bar whose end (point ``key``) the case gives only by order, in a zone of
        dates known only by order, fades out to, when that is past ``solid`` (where it is
        drawn solid to): just short of the first slot after the end that holds a point of
        the same zone the case puts no earlier than it, where the end may lie up to
        (cisplatin and pemetrexed, ended at no stated time before alectinib, faded out a
        stub's length from their start, and the renal dysfunction and the progression on
        them, a slot on, read as after they stopped). None: nothing in the zone bounds the
        end, or not beyond ``solid``."""
        ceiling = self.zone_ceiling(key)
        if ceiling is None:
            return self._reach_on_scale(key, solid)
        reach = self.x(ceiling) - ZONE_CEILING_GAP
        return reach if reach > solid + 1 else None

    def _reach_on_scale(self, key: str, solid: float) -> float | None:
        """Where a bar begun in the zone before the scale, whose end (point ``key``) nothing
        in the zone bounds, fades out to when the schedule places that end on the scale past
        ``solid``: its plausible day (52 cycles of pembrolizumab, begun at no stated day before
        a response dated from nothing, which the axis counts from, last into that response;
        a stub in the zone stopped before the response it gave), when the case puts it a least
        distance after its start. None otherwise."""
        if self.scale.order_until is None or not key.endswith(".end"):
            return None
        # (only an end at a stated least distance from the start: one the case gives only by
        # order has no day of its own on the scale, the schedule's choice alone)
        lasts = self.chrono.least(key.removesuffix(".end") + ".start", key)
        if not lasts or lasts <= 0:
            return None
        end = self.plan.point(key)
        if end is None or self.in_zone(end.day):
            return None
        reach = self.x(end.day)
        return reach if reach > solid + 1 else None

    def zone_marked_end(self, key: str) -> float | None:
        """The x of the end ``key`` where an event of the case is written on it (a
        progression dated as the line's end, ``date: folfiri.end``) and drawn in a zone of
        dates known only by order: the end is that event's slot. FOLFIRI, ended by its
        progression, faded on past the progression's marker to the next slot, read as given
        after it. None otherwise."""
        own = self.chrono.canonical(key)
        at = self.plan.point(own)
        if at is None or not self.in_zone(at.day):
            return None
        if own not in self._marked:
            # (an event on its very day: the same point, or one the case ties to it both ways)
            self._marked[own] = any(
                (k := self.chrono.canonical(point_key(e, "start"))) == own
                or (
                    (p := self.plan.point(k)) is not None
                    and p.day == at.day
                    and self.chrono.least(own, k) == 0
                    and self.chrono.least(k, own) == 0
                )
                for e in self.case.events
                if not isinstance(e, Regimen | Radiotherapy)
            )
        return self.x(at.day) if self._marked[own] else None

    def zone_ceiling(self, key: str) -> int | None:
        """In a zone of dates known only by order, the day of the first slot after the point
        ``key`` (an end the case gives only by order) that holds a point of the same zone the
        case puts no earlier than it: how far the end may lie. None when none bounds it (the
        last follow-up or a death does not: a therapy fading out to it read as given until
        then; nor does a point across the scale, in the zone on its other side)."""
        own = self.chrono.canonical(key)
        if own in self._ceilings:
            return self._ceilings[own]
        at = self.plan.point(own)
        zone = self.zone_of(at.day) if at is not None else None
        found = None
        if at is not None and zone is not None:
            last = {e.id for e in self.case.events if isinstance(e, FollowUp | Death)}
            found = min(
                (
                    p.day
                    for k, p in self.plan.planned().items()
                    if k != own
                    and p.day > at.day
                    and k.partition(".")[0] not in last
                    and self.zone_of(p.day) == zone
                    and (d := self.chrono.least(own, k)) is not None
                    and d >= 0
                ),
                default=None,
            )
        self._ceilings[own] = found
        return found

    def zone_of(self, day: int) -> str | None:
        """Which zone of dates known only by order ``day`` is drawn in ("before" or "after"
        the scale), or None (on the scale)."""
        zone, after, tail = self.scale.order_until, self.scale.order_from, self.scale.tail_from
        if zone is not None and day < zone:
            return "before"
        if after is not None and day > after and (tail is None or day <= tail):
            return "after"
        return None

    def in_zone(self, day: int) -> bool:
        """Whether ``day`` is drawn in a zone of dates known only by order (not to scale; the
        stretch after the zone after the scale, to scale from its first point, is not)."""
        return self.zone_of(day) is not None

    def zoned(self, planned: Planned) -> bool:
        """Whether a point is drawn in a zone of dates known only by order: :meth:`in_zone` of
        its day, but for a point of the stretch to scale after that zone drawn on the
        stretch's first day (at no stated distance from its first point: at its earliest),
        whose window lies on the stretch and is drawn, and blended, as one on the scale (a
        complete response before a follow-up 12 months on was a full-colour CR from the
        first day)."""
        tail = self.scale.tail_from
        if tail is not None and planned.day == tail and planned.window.lo >= tail:
            return False
        return self.in_zone(planned.day)

    def break_xs(self) -> list[float]:
        """The x of each break of the axis."""
        scale = self.scale
        days = (scale.order_until, scale.order_from, scale.tail_from, scale.gap_day())
        return [scale.x(day) for day in days if day is not None]

    def breaks_within(self, x0: float, x1: float) -> list[float]:
        """The x of each break of the axis (between a zone of dates known only by order and
        the scale, or the stretch to scale after it) that lies inside ``x0``–``x1`` by more
        than a hair: where a bar so drawn is cut (:func:`timeline.render.layout.cut_at_breaks`),
        and no name inside it may go."""
        return [x for x in self.break_xs() if x0 + 1 < x < x1 - 1]

    def widest_unbroken(self, x0: float, x1: float) -> tuple[float, float]:
        """The widest stretch of ``x0``–``x1`` that no break of the axis cuts (where a name
        inside a bar or a box may go), clear of the slanted band drawn at each break: a name
        ending at the break itself ran into the band ("diagnosed" touching it)."""
        breaks = self.breaks_within(x0, x1)
        if not breaks:
            return x0, x1
        edges = [x0, *breaks, x1]
        pieces = [
            (a + (BREAK_CLEAR if k else 0.0), b - (BREAK_CLEAR if k + 1 < len(edges) - 1 else 0.0))
            for k, (a, b) in enumerate(itertools.pairwise(edges))
        ]
        return max(pieces, key=lambda ab: ab[1] - ab[0])

    def uncertain_edges_in_row(
        self,
        start: Planned | None,
        end: Planned | None,
        x0: float,
        x1: float,
        row: int,
        rows: RowEnds,
    ) -> tuple[float, float]:
        """:meth:`uncertain_edges` of a bar among the bars of a lane (``rows``: where the bars
        of each row start and end): where two bars of one row meet (one agent given on from one
        regimen into the next), the therapy went on, and neither fades at the meeting point,
        or the row would show a gap."""
        if rows.ends_at(row, x0):
            start = None
        if rows.starts_at(row, x1):
            end = None
        return self.uncertain_edges(start, end, x0, x1)

    def rigid(self, start_key: str, end_key: str) -> bool:
        """Whether a therapy's start or end has a window open on the far side while the
        case states how long it lasted, within less than six months (a line started at no
        stated time after a progression, a follow-up "17 months" after its start), or states
        a least length that is all but six months of the bar as drawn: fading in
        over the open window, the whole bar, would say the therapy could have begun near its
        end; the whole bar moves with its start instead, said by the start's dashed arrow."""
        start, end = self.plan.point(start_key), self.plan.point(end_key)
        if start is None or end is None:
            return False
        if start.window.hi < POS // 2 and end.window.lo > NEG // 2:
            return False  # (closed windows: each edge fades over its own)
        found = self.chrono.difference(start_key, end_key)
        if found is not None and found[1] - found[0] <= WIDE_WINDOW_DAYS:
            return True
        # (or its least length is stated and is all but six months of the bar as drawn: a line
        # started at no stated time after a progression, on it "for more than 27 months" at the
        # last follow-up, faded in over 27 months, palest where it was certainly given)
        # (and at least half of it: four cycles, three weeks at least, of a course drawn five
        # months long to the middle of its end's window, drew that end sharp, as if dated)
        least = self.chrono.least(start_key, end_key)
        drawn = end.day - start.day
        return (
            least is not None
            and least > 0
            and least >= drawn - WIDE_WINDOW_DAYS
            and 2 * least >= drawn
        )

    def fading(
        self, start_key: str, end_key: str, start: Planned | None, end: Planned | None
    ) -> tuple[Planned | None, Planned | None] | None:
        """The edges of a therapy's bar that may fade over their windows
        (:meth:`uncertain_edges`): None for a bar drawn whole (:meth:`rigid`); no start for one
        that began with a bar drawn whole (:meth:`starts_whole`)."""
        if not start_key:
            return start, end
        if self.rigid(start_key, end_key):
            return None
        if (
            end_key
            and start is not None
            and end is not None
            and end.day - start.day >= MEETS_DAYS
            and self.meets_whole(end_key)
        ):
            end = None  # (it ends where a therapy drawn whole begins: see :meth:`fades`)
        if self.starts_whole(start_key):
            return None, end
        return self._moves_with(start_key, start), end

    def _moves_with(self, key: str, start: Planned | None) -> Planned | None:
        """``start`` itself, or, when its window is open on its late side but the case puts it
        within six months after a point drawn at its plausible day, that window as the drawing
        leaves it (:meth:`drawn_window`): the start moves with that point, whose marker and
        dashed arrow say so. Irinotecan begun "immediately" after a relapse known only to
        come at least 24 months after the first course faded in over its whole length, the
        resection after its fourth cycle in the palest part, as if little had been given."""
        if start is None or start.window.hi < POS // 2:
            return start
        lo, hi = self.drawn_window(key, ordered=False)
        if lo is None or hi is None or hi - lo > WIDE_WINDOW_DAYS:
            return start
        return evolve(start, window=Bounds(max(lo, start.window.lo), max(hi, start.day)))

    def starts_whole(self, start_key: str) -> bool:
        """Whether a therapy starting at ``start_key`` is drawn from a sharp start because a
        therapy that began with it is drawn whole (:meth:`rigid`): letrozole fading in over
        the open window beside ribociclib drawn whole ("for 16 weeks") read as begun after
        ribociclib had stopped. Therapies that began together begin together in the drawing,
        at their start's plausible day, with its window's rule; an end of their own still
        fades."""
        return self.chrono.canonical(start_key) in self._whole_starts()

    def _whole_starts(self) -> frozenset[str]:
        """The starts, by canonical key, of the therapies drawn whole (:meth:`rigid`)."""
        if self._rigid_starts is None:
            items: list[Event | Exposure] = []
            for regimen in self.case.regimens():
                items += [regimen, *regimen.exposures]
            spans = [(point_key(item, "start"), point_key(item, "end")) for item in items]
            self._rigid_starts = frozenset(
                self.chrono.canonical(a) for a, b in spans if self.rigid(a, b)
            )
        return self._rigid_starts

    def meets_whole(self, end_key: str, item: Event | Exposure | None = None) -> bool:
        """Whether a therapy's end at ``end_key`` is, on the case's word, the start of a
        therapy drawn whole (:meth:`rigid`), which is drawn sharp at its plausible day: the
        end is drawn there too, the window said by that start's rule. With ``item``, only for
        a therapy begun :data:`MEETS_DAYS` or more before that day: one that shares its
        plausible start (both known only by order) fades out, and the next is drawn after it."""
        if item is not None:
            begun, ended = self.day(item), self.day(item, "end")
            if begun is None or ended is None or ended.day - begun.day < MEETS_DAYS:
                return False
        return any(self.chrono.difference(end_key, s) == (0, 0) for s in self._whole_starts())

    def uncertain_edges(
        self, start: Planned | None, end: Planned | None, x0: float, x1: float
    ) -> tuple[float, float]:
        """How far (in points) a bar drawn from ``x0`` to ``x1`` fades in at its start and out
        at its end: over the part of the bar that a window of more than six months (the width
        C008 warns of) covers, so that a therapy which began or stopped somewhere in years is
        not drawn with a sharp edge at a day the source does not give. Dates in the zones of
        dates known only by order are left alone (not to scale, said by the zone)."""

        def wide(p: Planned | None) -> bool:
            return (
                p is not None
                and p.window.hi - p.window.lo > WIDE_WINDOW_DAYS
                and self.shown(p.day)
                and not self.in_zone(p.day)
            )

        fade_in = fade_out = 0.0
        if wide(start):
            assert start is not None
            hi = start.window.hi
            # (not clipped to a step's cut: a bar cut within the stretch it fades in over
            # fades over all of what is drawn, as dark at the cut as the fade is there)
            fade_in = (x1 if hi >= POS // 2 else min(x1, self.x(hi))) - x0
        if wide(end):
            assert end is not None
            lo = end.window.lo
            fade_out = x1 - (x0 if lo <= NEG // 2 else max(x0, self.x(self.clip(lo))))
        fade_in, fade_out = max(0.0, fade_in), max(0.0, fade_out)
        if fade_in + fade_out > x1 - x0:  # both windows cover the bar: they share it
            share = (x1 - x0) / (fade_in + fade_out)
            fade_in, fade_out = fade_in * share, fade_out * share
        return fade_in, fade_out

    def _reaches_cut(self, planned: Planned) -> bool:
        """Whether the window of a date whose plausible day lies past the cut opens before the
        cut, on the scale (not in a zone of dates known only by order): drawn up to the cut
        where ``reach_cut`` asks it (:meth:`window`)."""
        lo = planned.window.lo
        return lo > NEG // 2 and self.shown(lo) and not self.zoned(planned)

    def window_extent(
        self, planned: Planned | None, reach_cut: bool = False
    ) -> tuple[float, float] | None:
        """From where to where :meth:`window` draws the window of ``planned`` (an open side:
        its dashed arrow), or None when it draws nothing (``reach_cut`` as there)."""
        if planned is None:
            return None
        lo, hi = planned.window.lo, planned.window.hi
        if lo == hi:
            return None
        if not self.shown(planned.day):
            if not (reach_cut and self._reaches_cut(planned)):
                return None
            assert self.cut is not None
            x0, x1 = self.x(lo), self.x(self.cut)
            return None if x1 - x0 < 2 else (x0, x1)
        x = self.x(planned.day)
        if self.zoned(planned):
            # (a date known only by order: its window is drawn only where it reaches into
            # the scale, with the arrows of its open sides; a TACE open after its slot kept
            # the whole row to the zone's left end free of the bars after it)
            x0 = x - OPEN_ARROW if lo <= NEG // 2 else x
            x1 = x + OPEN_ARROW if hi >= POS // 2 else x
            across = self.across_break(planned)
            if across is not None:
                x0, x1 = min(x0, across[0]), max(x1, across[1])
            return None if x0 == x1 else (x0, x1)
        x0 = x - OPEN_ARROW if lo <= NEG // 2 else self.x(self.clip(lo))
        x1 = x + OPEN_ARROW if hi >= POS // 2 else self.x(self.clip(hi))
        x0, x1 = self._across_gap(lo, hi, x0, x1)
        if x1 - x0 < 2:
            return None  # (a window of a few days at the scale of years is not drawn)
        return x0, x1

    def _across_gap(self, lo: int, hi: int, x0: float, x1: float) -> tuple[float, float]:
        """A window's rule from ``x0`` to ``x1``, a side that lies within the stretch left
        out of the axis (:func:`timeline.render.timescale.quiet_stretch`) reaching its break
        at least: days there are not to scale (a complete response known only within 29
        months of the diagnosis, the stretch left out from month 18, stopped short of the
        break and read as "within 18 months"; a recurrence from month 180, as "from 189")."""
        gap = self.scale.gap
        day = self.scale.gap_day()
        if gap is None or day is None:
            return x0, x1
        middle = self.x(day)
        if gap[0] < self.clip(hi) < gap[1]:
            x1 = max(x1, middle)
        if gap[0] < lo < gap[1]:
            x0 = min(x0, middle)
        return x0, x1

    def across_break(self, planned: Planned) -> tuple[float, float] | None:
        """The rule of a date in a zone of dates known only by order whose window reaches
        across the break into the scale: from the date's slot to the day on the scale it may
        be as late as (the zone before the scale: andaloussisaghir2011's temozolomide, given
        with radiotherapy, its end known only to come before the recurrence nine months on),
        or from the day on the scale it may be as early as (the zone after it: tamoxifen
        known only to follow an operation dated to a year, which may have begun in that
        year's January, not after the year the scale ends with). None for any other date, or
        one that reaches no further than :data:`REACH_DAYS` into the scale (before its first
        plausible day, or after its last): in a zone, days are slots, and a window within it
        would be a length to scale; and a date after the scale may always be as early as the
        last date on it, which a rule back to it would say at every slot."""
        lo, hi = planned.window.lo, planned.window.hi
        zone, after = self.scale.order_until, self.scale.order_from
        if zone is not None and planned.day < zone:
            if hi >= POS // 2:
                return None
            if self._first is None:  # the first day of the scale proper
                self._first = min(
                    (p.day for p in self.plan.planned().values() if p.day >= zone), default=zone
                )
            if hi <= self._first + REACH_DAYS:
                return None
            return self.x(planned.day), self.x(self.clip(hi))
        if after is None or planned.day <= after or lo <= NEG // 2 or not self.in_zone(planned.day):
            return None
        if self._last is None:  # the last plausible day of the scale proper
            self._last = max(
                (p.day for p in self.plan.planned().values() if p.day <= after), default=after
            )
        if lo >= self._last - REACH_DAYS:
            return None
        return self.x(self.clip(lo)), self.x(planned.day)

    def window(
        self,
        ident: str,
        planned: Planned | None,
        y: float,
        colour: str,
        classes: tuple[str, ...],
        whole: bool = False,
        reach_cut: bool = False,
    ) -> bool:
        """A thin rule at ``y`` from the earliest to the latest day an uncertain date can be. A
        side the window leaves open gets a short dashed arrow instead, pointing the way it is
        open, so that it does not run across the page like a divider. Whether anything was
        drawn (a window of a few days at the scale of years is not).

        ``whole``: in a step's figure, the window of a date the step tells runs on past the
        cut, as its caption gives it (cut there, a progression "between February 2020 and
        December 2024" read as bounded by the step's day); another date's stops at the cut
        with an arrowhead.

        ``reach_cut``: in a step's figure, a window that opens before the cut is drawn up to
        it (with that arrowhead) though its plausible day lies after it: the end of a bar the
        figure draws (lenalidomide's end, known only to come before a relapse years on, had
        no rule in the figures cut before its plausible day, and the bar, fading out after a
        few weeks, read as stopped then)."""
        if planned is None:
            return False
        lo, hi = planned.window.lo, planned.window.hi
        if lo == hi:  # (a day known exactly has no window)
            return False
        past = not self.shown(planned.day)
        if past and not (reach_cut and self._reaches_cut(planned)):
            return False
        h = max(1.6, self.theme.row * 0.1)
        tags = ("window", *[f"{c}-window" for c in classes])
        x = self.x(planned.day)
        if lo <= NEG // 2:
            x0 = x
            self._open_arrow(f"{ident}-open-lo", x, x - OPEN_ARROW, y, colour, tags)
        else:
            x0 = self.x(self.clip(lo))
            if lo < self.scale.t0 and self.shown(lo):  # the window goes on past the axis
                edge = self.scale.x0
                self._beyond(f"{ident}-beyond-lo", edge + CONTINUES_ARROW, edge, y, colour, tags)
        if hi >= POS // 2 and past:
            # (open on its late side, its plausible day past the cut: up to the cut, and on)
            assert self.cut is not None
            x1 = self.x(self.cut)
            self._beyond(f"{ident}-beyond-cut", x1 - CONTINUES_ARROW, x1, y, colour, tags)
        elif hi >= POS // 2:
            x1 = x
            self._open_arrow(f"{ident}-open-hi", x, x + OPEN_ARROW, y, colour, tags)
        else:
            # (a window that ends within what the step's own dates reach, drawn whole, runs on
            # no further than they do: a response known only to precede the step's progression
            # was cut at its plausible day with an arrowhead, beside that progression's whole
            # window, and read as open, not as the bounded window every other view draws)
            whole = whole or (self.cut is not None and hi <= self._told_reach())
            x1 = self.x(hi if whole else self.clip(hi))
            if hi > self.scale.t1 and (whole or self.shown(self.scale.t1)):
                edge = self.scale.x1
                self._beyond(f"{ident}-beyond-hi", edge - CONTINUES_ARROW, edge, y, colour, tags)
            elif self.cut is not None and hi > self.cut and not whole and not self.zoned(planned):
                # a step's figure is cut at its day, the window goes on past it: the same
                # arrowhead, at the cut (the rule alone, cut there, read as a window that ends
                # with the step; the caption gives it whole)
                self._beyond(f"{ident}-beyond-cut", x1 - CONTINUES_ARROW, x1, y, colour, tags)
        arrows = lo <= NEG // 2 or hi >= POS // 2  # (an open side has its arrow)
        arrows = arrows or (lo < self.scale.t0 and self.shown(lo))  # (or one past the axis)
        arrows = arrows or (hi > self.scale.t1 and (whole or self.shown(self.scale.t1)))
        if self.zoned(planned):
            # (a date known only by order: its window is not drawn across the zone's slots,
            # only where it reaches into the scale)
            across = self.across_break(planned)
            if across is None:
                return arrows
            x0, x1 = across
        else:
            x0, x1 = self._across_gap(lo, hi, x0, x1)
        if x1 - x0 < 2:
            return arrows
        self.items.append(Rect(ident, x0, y - h / 2, x1, y + h / 2, colour + WINDOW_ALPHA, tags))
        return True

    def _told_reach(self) -> int:
        """The latest day the windows of the step's own dates reach (drawn whole): the step's
        figure shows the time up to there."""
        if self._reach is None:
            reach = self.cut if self.cut is not None else NEG
            for ident in self.highlight:
                item = self.case.event(ident)
                if item is None:
                    continue
                for part in ("start", "end"):
                    p = self.day(item, part)
                    if p is not None and p.window.hi < POS // 2:
                        reach = max(reach, p.window.hi)
            self._reach = reach
        return self._reach

    def _beyond(
        self, ident: str, x: float, tip: float, y: float, colour: str, tags: tuple[str, ...]
    ) -> None:
        """The arrowhead at the end of the axis of a window that goes on past it."""
        self.items.append(
            Stroke(ident, x, y, tip, y, colour, 1.0, arrow=True, classes=(*tags, "window-beyond"))
        )

    def _open_arrow(
        self, ident: str, x: float, tip: float, y: float, colour: str, tags: tuple[str, ...]
    ) -> None:
        """The short dashed arrow of a window open on one side, from ``x`` to ``tip``."""
        self.items.append(
            Stroke(
                ident,
                x,
                y,
                tip,
                y,
                colour,
                1.0,
                arrow=True,
                dashed=True,
                classes=(*tags, "open-window"),
            )
        )


class RowEnds:
    """Where the bars of each row of a lane start and end (row, x0, x1 of each), sorted once,
    so that a bar asks whether another meets it by bisection: a lane of thousands of bars
    asked each bar of every other."""

    def __init__(self, spans: Iterable[tuple[int, float, float]]) -> None:
        self._starts: dict[int, list[float]] = {}
        self._ends: dict[int, list[float]] = {}
        for row, x0, x1 in spans:
            self._starts.setdefault(row, []).append(x0)
            self._ends.setdefault(row, []).append(x1)
        for values in (*self._starts.values(), *self._ends.values()):
            values.sort()

    def ends_at(self, row: int, x: float) -> bool:
        """Whether a bar of ``row`` ends within 0.05 point of ``x``."""
        return _near(self._ends.get(row, ()), x)

    def starts_at(self, row: int, x: float) -> bool:
        """Whether a bar of ``row`` starts within 0.05 point of ``x``."""
        return _near(self._starts.get(row, ()), x)


def _near(values: Sequence[float], x: float, within: float = 0.05) -> bool:
    """Whether a value of the sorted ``values`` lies less than ``within`` from ``x``."""
    i = bisect.bisect_right(values, x - within)
    return i < len(values) and values[i] < x + within


def _astray(x: float, a: float, b: float, breaks: Sequence[float]) -> bool:
    """Whether a label spanning ``a``-``b`` for something at ``x`` lies more than half on the
    far side of a break of the axis from ``x``."""
    return any(a < o < b and (b - o if o > x else o - a) > (b - a) / 2 for o in breaks)
