"""The therapy lanes: local therapy, then one lane per class of agent, each agent a bar.

A bar runs from the plausible start to the plausible end of its exposure; an uncertain start
or end gets a thin rule under the bar spanning the window it lies in. A bar is never shorter
than the length the case fixes (the schedule keeps every relation), and a therapy whose end is
not given fades out instead of ending. A name that does not fit in its bar goes beside it, in
a row of the lane where it collides with nothing.
"""

from __future__ import annotations

import itertools

from attrs import evolve, frozen

from timeline.catalogue import CLASSES
from timeline.chronology import NEG, POS, WIDE_WINDOW_DAYS, Bounds, dose_change_key
from timeline.model import (
    Exposure,
    Pregnancy,
    Radiotherapy,
    Regimen,
    Surgery,
    Transplant,
)
from timeline.queries import point_key
from timeline.render.canvas import INFERRED_STAR, MEETS_DAYS, OPEN_ARROW, Canvas, RowEnds
from timeline.render.scene import FADE_CAP, Rect, Rows, RuledRows, Stroke, Text, slug, wrap
from timeline.render.style import LANE_COLOURS, THEMES, VAGUE_SHARE, mix, text_colour, text_width
from timeline.schedule import Planned, at_text, fraction_words, since
from timeline.values import value_repr

__all__ = ["Bar", "bar_extent", "draw_bars", "lane_name", "lane_order", "therapy_bars"]

#: a bar cut at a step shorter than this (points) is drawn without its fade, as a tick is
_STUB = 8.0


@frozen(repr=False)
class Bar:
    """One therapy bar: its lane, label, plausible start and end (no end: the bar fades out), and
    its SVG classes and tooltip."""

    __repr__ = value_repr

    key: str
    lane: str
    label: str
    start: Planned
    end: Planned | None  # None: the end is not given (the bar fades out)
    ongoing: bool
    classes: tuple[str, ...]
    tooltip: str
    colour: str
    point: bool = False  # a surgery: one day
    #: dose changes: when, what the dose became, and the change (``held``, ``resumed``, ...)
    changes: tuple[tuple[Planned, str, str], ...] = ()
    #: the stretches the agent was held (``change: held`` to the ``resumed`` after it, or to
    #: the bar's end), with what the case says of the hold
    held: tuple[tuple[Planned, Planned | None, str], ...] = ()
    #: the point keys of its start and end
    start_key: str = ""
    end_key: str = ""
    #: an end not given: the earliest day it can be with the points that bound it from below
    #: at their plausible days, or None
    least_end: int | None = None
    #: its start or end is a date the file infers from the source (its name is starred)
    inferred: bool = False
    #: a placeholder agent ("unspecified chemotherapy"): one such bar does not continue another,
    #: since nothing says they were the same drugs
    unspecified: bool = False
    #: a fading end the case does give, with a window open on its late side ("still given in
    #: December 2021": ``{after: 2021-12}``) or wider than a month ("after the oxaliplatin
    #: stop, before the resection"): its window is drawn under the fade (with the dashed arrow
    #: of an open side), so that the fade does not read as a stop on its first day
    open_end: Planned | None = None
    #: an end not given, bounded from below by a date known only within more than six months:
    #: the last day the therapy was certainly given (the bar fades from there to its end)
    sure_until: int | None = None
    #: the number of the line of therapy the bar's regimen is (None: not a numbered line)
    line: int | None = None
    #: a therapy whose end is not given and which this one's start is known to follow
    #: (carboplatin in place of cisplatin stopped at no stated date): this bar is drawn from
    #: where that one's fading stub ends, not from their shared plausible day, where the two
    #: read as given together
    follows: Bar | None = None

    @property
    def shown(self) -> str:
        """The name as drawn: starred when a date of the bar is inferred."""
        return f"{self.label} {INFERRED_STAR}" if self.inferred else self.label


#: the height of a bar, as a multiple of the size of the name written in it: the common sans
#: fonts draw their glyphs within about 1.05 em from the top of an 'l' to the foot of a 'p'
BAR_TEXT_HEIGHT = 1.05


#: a transplant's name on the drawing: the donor in the short words of the field
_TRANSPLANT_LABELS = {
    "autologous": "autologous SCT",
    "allogeneic": "allogeneic SCT",
    "syngeneic": "syngeneic SCT",
    "unknown": "stem-cell transplant",
}


def _transplant_label(e: Transplant) -> str:
    """A transplant's name on the drawing; a haploidentical one named so ("allogeneic SCT"
    twice did not tell a first matched transplant from a later haploidentical one), and a
    graft other than peripheral blood said after it ("allogeneic SCT (cord blood)": a cord
    blood transplant was drawn as "allogeneic SCT", as if of an adult donor's cells)."""
    if e.donor in ("allogeneic", "unknown") and e.match and "haplo" in e.match.lower():
        name = "haploidentical SCT"
    else:
        name = _TRANSPLANT_LABELS[e.donor]
    if e.graft and "peripheral" not in e.graft.lower():
        name += f" ({e.graft})"
    return name


#: the widest window of a fading end not drawn under it (a month: the fade says that much)
_FADE_WINDOW_DAYS = 31


def _targeted_split(case_regimens: list[Regimen]) -> bool:
    subs = {
        exp.agent.subclass
        for r in case_regimens
        for exp in r.exposures
        if exp.agent.agent_class == "targeted"
    }
    return len(subs) > 1


def _other_named(c: Canvas) -> str | None:
    """The subclass every agent in the lane of class other shares (a corticosteroid, a
    radioligand therapy), to name the lane by; None when they differ, when one has none, or
    when its name would be cut to fit the column of lane names, or take more than two lines
    there, in any theme ("Other" then says what the lane holds: dexamethasone beside
    lenalidomide)."""
    subs = {
        exp.agent.subclass
        for r in c.case.regimens()
        if r.intent not in ("supportive", "locoregional")
        for exp in r.exposures
        if exp.agent.agent_class == "other"
    }
    sub = next(iter(subs)) if len(subs) == 1 else None
    if not sub:
        return None
    # (in every theme, so that a case's figure and its deck name the lane alike: "Folate
    # analogue / modulator" took three lines of a deck's lane, which then outgrew its slide)
    name = lane_name(f"other:{sub}")
    for theme in (*THEMES.values(), c.theme):
        named = wrap(name, theme.font, theme.label_column - 12)
        if len(named) > 2 or any(line.endswith("…") for line in named):
            return None
    return sub


def therapy_bars(c: Canvas) -> dict[str, list[Bar]]:
    """Every therapy of the case as bars, by lane key (local therapy, then a class of agent, split
    by subclass where the class needs it)."""
    lanes: dict[str, list[Bar]] = {}
    for e in c.case.events:
        if isinstance(e, Surgery):
            start = c.day(e)
            if start is None:
                continue
            lane = "local" if e.oncologic else "procedure"
            extra = "" if e.oncologic else "not cancer treatment"
            tip = "; ".join(
                x
                for x in (e.procedure, extra, e.findings, f"date: {c.when(e)}", c.note(e.note))
                if x
            )
            lanes.setdefault(lane, []).append(
                Bar(
                    e.id,
                    lane,
                    e.procedure or "surgery",
                    start,
                    start,
                    False,
                    ("therapy", lane, "surgery"),
                    tip,
                    LANE_COLOURS[lane],
                    point=True,
                )
            )
        elif isinstance(e, Transplant):
            start = c.day(e)
            if start is None:
                continue
            tip = "; ".join(x for x in (e.text(), f"date: {c.when(e)}", c.note(e.note)) if x)
            lanes.setdefault("transplant", []).append(
                Bar(
                    e.id,
                    "transplant",
                    _transplant_label(e),
                    start,
                    start,
                    False,
                    ("therapy", "transplant", "transplant"),
                    tip,
                    LANE_COLOURS["transplant"],
                    point=True,
                )
            )
        elif isinstance(e, Pregnancy):
            start = c.day(e)
            if start is None:
                continue
            end = c.day(e, "end") if e.end is not None else None
            # (how it ended on the bar when it is a few words; the rest in the tooltip; not in
            # a figure cut before it ended, whose question it would answer)
            ended = end is not None and c.shown(end.day) and not c.told_later(f"{e.id}.end")
            how = [f"{e.weeks} weeks"] if e.weeks is not None and ended else []
            how += [e.delivery] if e.delivery and ended else []
            label = "pregnancy" + (f" ({', '.join(how)})" if how else "")
            if ended or end is None:
                ends = c.when(e, "end") if ended else "end not reported"
                dates = span_words(c.when(e), ends)
            else:
                dates = f"from {c.when(e)}"
            tip = "; ".join(
                x for x in (e.words(ended), dates, c.note(e.note) if ended else "") if x
            )
            lanes.setdefault("pregnancy", []).append(
                Bar(
                    e.id,
                    "pregnancy",
                    label,
                    start,
                    end,
                    e.outcome == "ongoing" and end is None,
                    ("pregnancy",),
                    tip,
                    LANE_COLOURS["pregnancy"],
                )
            )
        elif isinstance(e, Radiotherapy):
            start = c.day(e)
            if start is None:
                continue
            end = c.day(e, "end") if e.end is not None else None
            least = None
            stop = "end not reported"
            if end is not None and end.day <= start.day and not e.fractions and end.uncertain:
                end = None  # a course whose length the case does not give
                # (its end given by order only, "before the tumour-treating fields": not
                # dated, as `show` says, rather than not reported)
                stop = "end not dated"
            elif end is not None and not e.fractions and c.fades(e, True):
                # an end known only to come some time after the start, at no stated length:
                # fading from the start, as a regimen's is (a salvage radiotherapy and a
                # high-dose chemotherapy dated alike after a relapse were a solid bar a slot
                # long beside a fading stub)
                least = c.least_end(point_key(e, "end"), start.day)
                end, stop = None, "end not dated"
            if e.end is None and e.fractions:
                # no end given, but the fractions say about how long the course took (five a
                # week): drawn for that long, then fading, as a regimen of counted cycles is
                nominal = c.day(e, "end")
                stop = f"end not reported ({fraction_words(e.fractions)})"
                if nominal is not None and not c.fades(e, False):
                    end, stop = nominal, c.when(e, "end")  # the end the axis counts from
                elif nominal is not None and nominal.day > start.day:
                    least = nominal.day
            # (named by its technique when the case gives one: Y-90 radioembolization drawn
            # as "RT liver" read as external-beam radiotherapy)
            label = e.words("RT")
            tip = "; ".join(
                x
                for x in (
                    label,
                    f"{e.fractions} fractions" if e.fractions and least is None else "",
                    # an end the drawing does not show (no length known) is not told either
                    span_words(c.when(e), c.when(e, "end") if end is not None else stop),
                    c.note(e.note),
                )
                if x
            )
            lanes.setdefault("local", []).append(
                Bar(
                    e.id,
                    "local",
                    label,
                    start,
                    end,
                    False,
                    ("therapy", "local", "radiotherapy"),
                    tip,
                    LANE_COLOURS["local"],
                    least_end=least,
                )
            )
    split = c.theme.split_targeted and _targeted_split(c.case.regimens())
    other = _other_named(c)
    exposures: list[Bar] = []
    for line in c.checked.lines:
        reg = line.regimen
        for exp in reg.exposures:
            bar = _exposure_bar(c, reg, exp, line.label, split, other)
            if bar is not None:
                exposures.append(evolve(bar, line=line.number))
    for bar in _pushed(c, _in_sequence(c, exposures)):
        lanes.setdefault(bar.lane, []).append(bar)
    return {lane: [_starred(c, b) for b in found] for lane, found in lanes.items()}


def _pushed(c: Canvas, bars: list[Bar]) -> list[Bar]:
    """``bars``, with the x of each start drawn after the fading stub it follows noted in
    :attr:`Canvas.pushed` before any lane is drawn (and of its end, and of the stub's end):
    what the case dates after them is drawn no earlier, in every lane. An autologous
    transplant dated "after" salvage chemotherapy of untold end, and as the end of its
    conditioning, stood at the chemotherapy's start, before the conditioning's bar."""
    for bar in bars:
        if bar.follows is None or not bar.start_key:
            continue
        x0, x1 = bar_extent(c, bar)
        if x0 <= c.x(bar.start.day) + 0.05:
            continue
        marks = [(bar.start_key, x0)]
        if bar.follows.end_key:
            marks.append((bar.follows.end_key, x0))
        if bar.end_key and (bar.end is None or x1 > c.x(bar.end.day) + 0.05):
            marks.append((bar.end_key, x1))  # (a stub of its own: where its fade ends)
        for key, x in marks:
            c.pushed[key] = max(x, c.pushed.get(key, x))
    return bars


def _in_sequence(c: Canvas, bars: list[Bar]) -> list[Bar]:
    """The therapy bars, each whose start the case puts after the end of another whose end is
    not given tied to that one (:attr:`Bar.follows`), in the order given.

    Both dates known only by their order, the two share a plausible day, the earliest each can
    be (the schedule invents no length), and were drawn from it together: gemcitabine +
    cisplatin changed to gemcitabine + carboplatin after a decline in renal function read as a
    three-drug regimen. Only a bar whose start is uncertain is asked about, and only of a bar
    that fades out from a start no later than its own (a case dated to the day asks nothing)."""
    stubs = [b for b in bars if b.end is None and not b.ongoing and b.start_key and b.end_key]
    if not stubs:
        return bars
    done: dict[str, Bar] = {}
    reached: dict[str, float] = {}

    def reach(a: Bar) -> float:
        """The x a stub's fading end reaches, as drawn: from where it is drawn once it is
        tied to the stub before it (four cycles of R-CHOP after a stub of rituximab reach
        three weeks past where the rituximab's fade ends; measured from their own day, they
        ended before bendamustine, which was then drawn before their end)."""
        found = reached.get(a.key)
        if found is None:
            found = bar_extent(c, done.get(a.key, a))[1]
            if a.key in done:
                reached[a.key] = found
        return found

    # (bars sharing a plausible start day in the order the case puts their starts: carboplatin
    # known only to follow cyclophosphamide, then doxorubicin known only to follow it, were
    # taken the other way round by their windows and drawn from one day, the third line
    # before the second)
    rank: dict[str, int] = {}
    same_day: dict[int, list[Bar]] = {}
    for b in bars:
        if b.start.uncertain and b.start_key:
            same_day.setdefault(b.start.day, []).append(b)
    for group in same_day.values():
        for b in group if len(group) > 1 else ():
            rank[b.key] = sum(
                1 for a in group if a is not b and c.chrono.puts_after(a.start_key, b.start_key)
            )

    def placed(b: Bar) -> tuple[int, int]:
        return b.start.day, rank.get(b.key, 0)

    for bar in sorted(bars, key=lambda b: (*placed(b), b.start.window.hi)):
        if bar.start.uncertain and bar.start_key:
            x0 = c.x(bar.start.day)
            # (not a bar drawn whole, which moves with its start, after a stub begun weeks
            # before it, that ends where it begins (:meth:`Canvas.meets_whole`): pushed past
            # that stub's fade, selitrectinib's stated two months were cut to a sliver)
            whole = c.rigid(bar.start_key, bar.end_key)
            before = [
                a
                for a in stubs
                if a is not bar
                and a.start.day <= bar.start.day
                and not (
                    whole
                    and a.start.day + MEETS_DAYS <= bar.start.day
                    and c.chrono.difference(a.end_key, bar.start_key) == (0, 0)
                )
                and reach(a) > x0  # (a stub ended before this start changes nothing)
                and (least := c.chrono.least(a.end_key, bar.start_key)) is not None
                and least >= 0
            ]
            if before:
                # the latest to start of those it follows (the last of a chain), as drawn
                last = max(before, key=lambda a: (*placed(a), a.key))
                bar = evolve(bar, follows=done.get(last.key, last))
        done[bar.key] = bar
    return [done[b.key] for b in bars]


def _starred(c: Canvas, bar: Bar) -> Bar:
    """The bar, starred when its start or end is a date the file infers."""
    keys: tuple[str, ...]
    if bar.start_key:
        keys = (bar.start_key, bar.end_key)
    else:  # an operation or a radiotherapy course: the event's own points
        event = c.case.event(bar.key)
        keys = (point_key(event, "start"), point_key(event, "end")) if event else ()
    return evolve(bar, inferred=True) if any(k and c.inferred(k) for k in keys) else bar


def _exposure_bar(
    c: Canvas, reg: Regimen, exp: Exposure, line_label: str, split: bool, other: str | None
) -> Bar | None:
    start = c.day(exp)
    if start is None:
        return None
    ongoing = reg.ongoing and exp.end_date is None
    end = c.day(exp, "end")
    least_end = None
    open_end = None
    sure_until = None
    if not ongoing and c.fades(exp, exp.end_reported(reg)):
        if (
            (exp.end_reported(reg) or exp.end_undated(reg))
            and end is not None
            and end.window.hi - end.window.lo > _FADE_WINDOW_DAYS
            and not c.in_zone(end.day)  # (a zone of dates known only by order says it)
        ):
            # (fluorouracil going on after oxaliplatin's stop, its end known only before a
            # resection 20 months later, faded out on the stop's day with no window: read as
            # stopped with it)
            open_end = end
        # the case does not say when it ended, nor anything that bounds it: the bar fades out,
        # but not before what it must have lasted to (a line that led to a response lasts at
        # least until that response, at the response's plausible day)
        least_end = c.least_end(point_key(exp, "end"), start.day)
        # ... and, when what bounds it is itself dated only within more than six months,
        # given for certain only to the earliest day that can be: the bar fades from there
        sure_until = c.certain_until(point_key(exp, "end"), start.day, least_end)
        stated = c.stated_length(point_key(exp, "start"), point_key(exp, "end"))
        if stated is not None:  # (certain for the least of a stated length, fading after it)
            sure = start.day + stated[0]
            sure_until = sure if sure_until is None else min(sure_until, sure)
        end = None
    lane = {"supportive": "supportive", "locoregional": "local"}.get(
        reg.intent, exp.agent.agent_class
    )
    if lane == "targeted" and split:
        lane = f"targeted:{exp.agent.subclass or 'other'}"
    elif lane == "other" and other:
        lane = f"other:{other}"
    dose = f" {exp.dose}" if exp.dose else ""
    stop = (
        f"ongoing at {at_text(c.when(exp, 'end'))}"
        if ongoing
        else (
            c.when(exp, "end")
            if end is not None
            else "end not dated"
            if exp.end_undated(reg) or exp.end_reported(reg)
            else "end not reported"
        )
    )
    reason = reg.end_reason if exp.end_date is None else exp.end_reason
    if c.cut is not None and not ongoing:
        # a step's figure does not say how a therapy ended before the step tells it (the
        # tooltip of vandetanib, in the figure cut at its start, said "ended: progression")
        planned_end = c.plan.point(point_key(exp, "end"))
        if (
            planned_end is None
            or planned_end.day > c.cut
            or c.told_later(point_key(exp, "end"))
            or c.ends_past_cut(point_key(exp, "end"))
        ):
            stop, reason = "still given at this step", None
    changes = tuple(
        (
            planned,
            f"{ch.text()} {since(c.when_point(key))}" + (f" ({ch.reason})" if ch.reason else ""),
            ch.change or "",
        )
        for n, ch in enumerate(exp.dose_changes, 1)
        if (planned := _from_start(c, exp, start, key := dose_change_key(exp, n))) is not None
        # (not one a cut figure has not told yet: a hold for a reaction told after the step
        # showed the hold with no cause)
        and not c.told_later(key)
    )
    held = []
    for n, ch in enumerate(exp.dose_changes, 1):
        if ch.change != "held":
            continue
        begun = _from_start(c, exp, start, dose_change_key(exp, n))
        if c.told_later(dose_change_key(exp, n)):
            continue
        again = next(
            (
                (m, later)
                for m, later in enumerate(exp.dose_changes[n:], n + 1)
                if later.change == "resumed"
            ),
            None,
        )
        until = (
            None if again is None else _from_start(c, exp, start, dose_change_key(exp, again[0]))
        )
        if again is not None and until is not None and c.told_later(dose_change_key(exp, again[0])):
            # (resumed after what a cut figure tells: held up to the cut, as if after it)
            until = evolve(until, day=max(until.day, (c.cut or until.day) + 1))
        if begun is not None:
            said = f"held {since(c.when_point(dose_change_key(exp, n)))}"
            said += f" ({ch.reason})" if ch.reason else ""
            said += (
                f", resumed {since(c.when_point(dose_change_key(exp, again[0])))}"
                if again is not None and until is not None and c.shown(until.day)
                else ""
            )
            held.append((begun, until, said))
    # "adjuvant", "L1 maintenance": a label that already names the intent does not repeat it
    intent = "" if reg.intent in line_label.split() else f" ({reg.intent})"
    tip = "; ".join(
        x
        for x in (
            f"{exp.agent.name}{dose}",
            f"loading dose {exp.loading_dose}" if exp.loading_dose else "",
            exp.schedule or "",
            f"{exp.cycles} cycle{'s' if exp.cycles != 1 else ''}"
            if exp.cycles
            # (the regimen's count: "6 cycles" of CEF was in no tooltip)
            else f"{reg.cycles} cycle{'s' if reg.cycles != 1 else ''}"
            + (" of the regimen" if len(reg.exposures) > 1 else "")
            if reg.cycles
            else "",
            exp.route or "",
            f"{line_label}{intent}",
            reg.trial_words or "",
            span_words(c.when(exp), stop),
            # an ongoing therapy says so above; an unknown reason is not a reason
            f"ended: {reason.replace('-', ' ')}"
            if reason and reason not in ("ongoing", "unknown")
            else "",
            *(text for p, text, _change in changes if c.shown(p.day)),
            c.note(exp.note),
            c.note(reg.note),
        )
        if x
    )
    classes = ["therapy", lane.split(":")[0], slug(exp.agent.name)]
    # a drug given into the tumour's region is drawn with the local therapy, named by its
    # procedure ("HAIC: cisplatin")
    name = f"{reg.name}: {exp.agent.name}" if lane == "local" and reg.name else exp.agent.name
    if lane == "local" and reg.name and exp.agent.name.lower() in reg.name.lower().split():
        # (a procedure named by its one drug: "intravesical BCG: BCG" said it twice)
        name = reg.name
    if exp.route and sum(x.agent.name == exp.agent.name for x in reg.exposures) > 1:
        # one drug twice in a regimen, by two routes: said by its route ("methotrexate
        # (intrathecal)" beside high-dose intravenous methotrexate read as one drug twice)
        name += f" ({exp.route})"
    if exp.agent.unspecified and lane != "local":
        # a placeholder name says which line it is ("unspecified chemotherapy (L4)"): six bars
        # of "unspecified chemotherapy", their labels left or right of them, could not be told
        # apart without tracing each up to the lines lane
        line = next((ln.label for ln in c.checked.lines if ln.regimen is reg), None)
        name += f" ({line})" if line else ""
    if start.uncertain:
        classes.append("uncertain-start")
    if end is not None and end.uncertain and not ongoing:
        classes.append("uncertain-end")
    if ongoing:
        classes.append("ongoing")
    return Bar(
        slug(exp.key),
        lane,
        name,
        start,
        end,
        ongoing,
        tuple(classes),
        tip,
        LANE_COLOURS.get(lane.split(":")[0], LANE_COLOURS["other"]),
        changes=changes,
        held=tuple(held),
        start_key=point_key(exp, "start"),
        end_key=point_key(exp, "end"),
        least_end=least_end,
        unspecified=exp.agent.unspecified,
        open_end=open_end,
        sure_until=sure_until,
    )


def span_words(start: str, end: str) -> str:
    """A therapy's dates in words, "start → end"; said once when the two read the same (both
    known only as "by month 0"), rather than as a span from a date to itself."""
    return f"{start} → {end}" if start != end else f"start and end {start}"


def lane_order(lanes: dict[str, list[Bar]]) -> list[str]:
    """The lane keys in drawing order: local therapy, the classes of agents in catalogue order,
    supportive care, other surgery, pregnancy."""
    order = ["local", *CLASSES, "transplant", "supportive", "procedure", "pregnancy"]

    def rank(key: str) -> tuple[int, str]:
        base = key.split(":")[0]
        return (order.index(base) if base in order else len(order), key)

    return sorted(lanes, key=rank)


def lane_name(key: str) -> str:
    """The name written on a lane: its class capitalised, its subclass for a split lane (and
    for the lane of class other when its agents share one)."""
    if ":" in key:  # targeted therapy split by subclass; class other named by its one subclass
        sub = key.split(":")[1]
        # (an agent of no subclass, "targeted therapy" unnamed: not the lane of class other)
        return "Other targeted" if sub == "other" else _capitalised(sub)
    names = {
        "local": "Local",
        "transplant": "Transplant",
        "supportive": "Supportive care",
        "procedure": "Other surgery",
        "pregnancy": "Pregnancy",
    }
    return names.get(key, _capitalised(key))


def _capitalised(name: str) -> str:
    """``name`` with a capital first letter, unless its first word is written with capitals
    of its own ("mTOR inhibitor", "PARP inhibitor", "HER2-targeted" stay as they are; "anti-HER2
    antibody" becomes "Anti-HER2 antibody")."""
    first = name.split(" ", 1)[0].split("-", 1)[0]
    return name if first != first.lower() else name[:1].upper() + name[1:]


#: how thin a bar is drawn at least (a course of one day), in points
THINNEST = 3.0


def bar_extent(
    c: Canvas, bar: Bar, stub: float = 14, thinnest: float = THINNEST
) -> tuple[float, float]:
    """Where ``bar`` is drawn, in points: from its start to its end, at least ``thinnest``
    wide; an end not given fades out after a short stub of ``stub`` points, never shorter
    than the case allows nor ending before what bounds its end from below."""
    x0 = c.x(bar.start.day)
    if bar.follows is not None:
        x0 = max(x0, bar_extent(c, bar.follows, stub, thinnest)[1])
    elif bar.point and c.pushed:
        # (an operation or a transplant: its key is its event's; no earlier than a therapy
        # drawn right of its day that it is known to follow)
        x0 = c.not_before_pushed(bar.key, x0)
    if bar.end is None and c.in_zone(bar.start.day):
        # in a zone of dates known only by order, days are not to scale: the stub, or up to
        # what bounds the end from below (itself a slot of the zone), then fading up to the
        # slot of what bounds it from above (:meth:`Canvas.zone_reach`)
        solid, reach = zone_span(c, bar, x0, stub)
        return x0, reach if reach is not None else solid
    if bar.end is None:
        least = c.chrono.least(bar.start_key, bar.end_key) if bar.start_key else None
        # (its least length from where it is drawn: four cycles of R-CHOP, drawn from where
        # the stub of the line before it ends, were cut to 12 days on the slide theme and 4 on
        # the print theme's, short of the three weeks they last at least)
        floor = x0 + c.x(bar.start.day + least) - c.x(bar.start.day) if least else x0
        if bar.least_end is not None:
            floor = max(floor, c.past_floor(bar.end_key, bar.least_end))
        # (the stub's length is no fact: it ends no later than the end can be as drawn; what
        # bounds the end from below is, and it keeps that)
        # (and what it is known to have lasted is drawn solid, the fade after it: sorafenib
        # given "18 months" to a complete response faded out over the days before that
        # response, as if stopped before it)
        # (not the length assumed for cycles of unstated length, which is no fact: certain
        # for their least time, the course fades over the rest of it)
        assumed = bar.least_end is not None and bar.least_end == c.assumed_end(_end_point(bar))
        fade_after = floor + FADE_CAP if floor > x0 + stub - FADE_CAP and not assumed else floor
        # (a length the case states within a window fades out over it, to its most: ATRA
        # "about 2 years", solid for 19 months, faded out a few days later)
        if (stated := c.stated_length(bar.start_key, bar.end_key)) is not None:
            fade_after = max(fade_after, x0 + c.x(bar.start.day + stated[1]) - c.x(bar.start.day))
        x1 = c.no_later_than_drawn(
            _end_point(bar),
            max(x0 + stub, fade_after),
            max(floor, x0 + thinnest),
            pushes="radiotherapy" not in bar.classes,
            since=bar.start.day,
        )
        if (
            bar.least_end is not None
            and not c.in_zone(bar.least_end)
            and c.pinned(bar.end_key, bar.least_end)
        ):
            # (an end drawn between what it follows and what it precedes, both on one day:
            # its fade comes after what it follows, not over the days before it — vandetanib,
            # stopped after a progression and before a radiotherapy drawn on its day, faded
            # over the weeks before the progression, read as stopped before it)
            x1 = max(x1, c.x(bar.least_end) + FADE_CAP)
        return x0, c.not_past_the_end(_end_point(bar), x1, max(floor, x0 + thinnest))
    return x0, max(c.x(bar.end.day), x0 + thinnest)


def zone_span(c: Canvas, bar: Bar, x0: float, stub: float = 14) -> tuple[float, float | None]:
    """Of a bar whose end is not given, starting in a zone of dates known only by order: how
    far it is drawn solid (the stub, or up to what bounds its end from below) and how far it
    then fades out to (:meth:`Canvas.zone_reach`; None: it fades at the solid end)."""
    floor = c.past_floor(bar.end_key, bar.least_end) if bar.least_end is not None else x0
    solid = max(x0 + stub, floor)
    end_key = _end_point(bar)
    if end_key and (marked := c.zone_marked_end(end_key)) is not None:
        # (its end is an event's slot: it ends there, not up to the next)
        return max(solid, marked), None
    return solid, c.zone_reach(end_key, solid) if end_key else None


def _continues(c: Canvas, bar: Bar, x1: float) -> bool:
    """Whether a bar drawn to ``x1`` in a figure cut at a step runs to the cut and was still
    given there (:meth:`Canvas.given_past_cut`): an arrow at its end says so."""
    return (
        c.cut is not None
        and not bar.point
        and not bar.ongoing
        and x1 >= c.x(c.cut) - 0.5
        and c.given_past_cut(_end_point(bar))
    )


def _end_point(bar: Bar) -> str:
    """The key of the point a bar ends at ("" for an operation's or a transplant's tick): a
    radiotherapy's bar, keyed by its event, names none of its own; its end is the event's."""
    return bar.end_key or ("" if bar.point else f"{bar.key}.end")


def _end_window(c: Canvas, bar: Bar, x0: float, x1: float) -> Planned | None:
    """The end whose window is drawn under a bar drawn from ``x0`` to ``x1``: its end, or for
    one that fades out, the end the case gives by order or as open on its late side
    (:attr:`Bar.open_end`), under the fade: not where the bar is not, as when the bar is a
    stub among dates known only by order and the end's plausible day lies on the scale, a lone
    dashed arrow months from any bar."""
    if bar.end is not None or bar.open_end is None:
        return bar.end
    reach = c.window_extent(bar.open_end, reach_cut=True)
    if reach is not None and reach[0] <= x1 + OPEN_ARROW and reach[1] >= x0:
        return bar.open_end
    return None


def _keys_and_days(bar: Bar) -> tuple[str, str, Planned | None, Planned | None]:
    """A bar's start and end keys and plausible days, as :meth:`Canvas.fading` takes them."""
    return bar.start_key, bar.end_key, bar.start, bar.end


def _inside_label_x(c: Canvas, bar: Bar, x0: float, x1: float, w: float) -> float | None:
    """The centre of a name written inside its bar (None: it goes beside the bar): the bar's
    middle, unless a dose change's mark or a break of the axis would cut through the name there;
    then the middle of the widest stretch between them, when the name fits in it."""
    fading = None if bar.point else c.fading(*_keys_and_days(bar))
    fade_in, fade_out = (0.0, 0.0) if fading is None else c.uncertain_edges(*fading, x0, x1)
    # (and from the day it was certainly given until, as the bar is drawn: gemcitabine,
    # fading from its start to a complete response, had its name in white over the fade)
    fade_in, fade_out = c.fading_to((fade_in, fade_out), x0, x1, bar.sure_until)
    if bar.end is None and not bar.point and c.in_zone(bar.start.day):
        solid, reach = zone_span(c, bar, x0)
        if reach is not None:
            fade_out = max(fade_out, x1 - solid)  # (faded over the stretch of the zone)
    x0, x1 = x0 + fade_in, x1 - fade_out  # (a white name on a bar fading to white is lost)
    if w + 8 > x1 - x0:
        return None
    middle = (x0 + x1) / 2
    marks = sorted(
        [
            *(
                x
                for planned, _what, _change in bar.changes
                if c.shown(planned.day) and x0 < (x := c.x(planned.day)) < x1
            ),
            *c.breaks_within(x0, x1),  # (the bar is cut there: :func:`layout.cut_at_breaks`)
        ]
    )
    # (nor over a stretch the drug was held, drawn white: durvalumab's name, white, stood in
    # its hold after a pneumonitis, and the bar had no name to be seen)
    held = [
        (c.x(begun.day), c.x(until.day))
        for begun, until, _words in bar.held
        if until is not None and c.x(until.day) > x0 and c.x(begun.day) < x1
    ]
    if not held and not any(abs(x - middle) <= w / 2 + 3 for x in marks):
        return middle
    pieces: list[tuple[float, float]] = []
    for a, b in itertools.pairwise([x0, *marks, x1]):
        for h0, h1 in sorted(held):
            if h0 > a:
                pieces.append((a, min(b, h0)))
            a = max(a, h1)
        if b > a:
            pieces.append((a, b))
    if not pieces:
        return None
    a, b = max(pieces, key=lambda ab: ab[1] - ab[0])
    return (a + b) / 2 if w + 8 <= b - a else None


#: the least room (points) between two bars of one row: capecitabine ending where oxaliplatin
#: began, in one row of one colour, read as one bar (one agent given on from one regimen into
#: the next is one run, drawn as one: see :func:`_runs`)
BAR_GAP = 3.0


def draw_bars(c: Canvas, key: str, bars: list[Bar], y: float) -> float:
    """Draw one lane's bars from ``y``; returns the lane's bottom.

    A bar's row is chosen together with its label: a name that does not fit inside the bar goes
    right of it (left when the page ends first), and the row must be free for both, so every
    label sits next to its own bar.
    """
    t = c.theme
    rows = Rows()
    ruled = RuledRows(rows)
    # inside: True in the bar, False right of it, None left of it
    placed: list[tuple[Bar, str | None, int, float, float, float, bool | None]] = []
    # the name beside a bar stays between the lane's own name and the page's right edge
    named = wrap(lane_name(key), t.font, t.label_column - 12)
    room_left = 8 + max(text_width(line, t.font) for line in named) * 1.12 + 8
    room_right = c.scale.x1 + 8
    # a lane with a window reaching across a break of the axis keeps every window of its bars
    # clear of the others in its row: that long rule would read as another bar's
    # (and so does a lane with a bar drawn across a break: temozolomide from the zone before
    # the scale into it, its end's window meeting irinotecan's start window in one row, read as
    # one rule; not in a deck, whose figures keep 18 pt type in the slide's height)
    windows = any(
        c.across_break(p) is not None
        for bar in bars
        for p in (bar.start, bar.end)
        if p is not None and c.shown(p.day)
    ) or (c.theme.labels and any(c.breaks_within(*bar_extent(c, bar)) for bar in bars))
    # (and so, in a figure, does every lane: bergonzi2011's first and fourth lines, one row,
    # their windows of 0-45 and 23-64 months met in one rule that read as one window of the
    # whole case; see RuledRows)
    windows = windows or c.theme.labels
    runs = _runs(c, bars)
    for run in runs:
        if len(run) == 1:
            bar, x0, x1 = run[0]
            placed.append(_place_one(c, ruled, bar, x0, x1, room_left, room_right, windows))
            continue
        # one agent given on across regimens (bevacizumab from the induction into its
        # maintenance): one row, its name inside the bars it fits in, or once beside the run
        inside_at = [
            _inside_label_x(c, bar, x0, x1, text_width(bar.shown, t.font) * 1.08)
            if not bar.point
            else None
            for bar, x0, x1 in run
        ]
        first, last = run[0], run[-1]
        tail = last[2] + (12 if last[0].ongoing or _continues(c, last[0], last[2]) else 0)
        start = first[1]
        labels: list[tuple[str, float, bool | None] | None]
        if any(x is not None for x in inside_at):
            extent = (start, tail)
            labels = [
                (b.shown, x, True) if x is not None else None
                for (b, _a, _z), x in zip(run, inside_at, strict=True)
            ]
        else:
            name = first[0].shown
            w = text_width(name, t.font) * 1.08
            if tail + 4 + w > room_right and (
                start - 8 - w < room_left or _across(c, first[0], start - 4 - w, start - 4)
            ):
                name = c.numbered(name)
                w = text_width(name, t.font) * 1.08
            if tail + 4 + w <= room_right:
                extent = (start, tail + 4 + w + 4)
                labels = [None] * (len(run) - 1) + [(name, tail + 4, False)]
            else:
                extent = (start - 4 - w - 4, tail)
                labels = [(name, start - 4, None)] + [None] * (len(run) - 1)
        row = ruled.first_free((extent[0], extent[1] + BAR_GAP))
        ruled.take(row, (extent[0], extent[1] + BAR_GAP))
        for (bar, x0, x1), said in zip(run, labels, strict=True):
            if said is None:
                placed.append((bar, None, row, x0, x1, 0.0, False))
            else:
                placed.append((bar, said[0], row, x0, x1, said[1], said[2]))
    top = y + t.gap / 2
    row_ends = RowEnds((row, x0, x1) for _b, _l, row, x0, x1, _lx, _i in placed)
    # where one agent goes on into a regimen of another line (rituximab alone, then R-CHOP
    # after a progression), its two bars meet in one row: a white seam says the line changed
    # (with none, the run read as one course; induction into its maintenance, one line, has
    # none)
    seams = {
        bar.key: prev
        for run in runs
        for (prev, _p0, _p1), (bar, _x0, _x1) in itertools.pairwise(run)
        if prev.line != bar.line
    }
    for bar, label, row, x0, x1, lx, inside in placed:
        cy = top + row * t.row + t.row * 0.45
        # at least as tall as the name written in it, descenders and ascenders included (the
        # names are white: a glyph past the bar's edge vanished on the white page)
        h = max(t.row * 0.56, t.font * BAR_TEXT_HEIGHT)
        # cut where the step ends: only a bar that reaches that day (a course whose end is not
        # reported, drawn fading weeks before it, still fades: cut, it read as ended there),
        # and, when its end is not given, only one known to go on past it (vemurafenib given
        # again "for at least 5 weeks", to a progression at 5 weeks, ended sharp at that
        # progression's step while its line faded: at the step's day it may have stopped)
        # (an ongoing therapy is drawn to the last follow-up: a step on that day, the deck's
        # last, shows it whole, with the arrow that says it goes on; cut there, it read as
        # stopped on that day)
        cut = (
            c.cut is not None
            and (
                (bar.ongoing and bar.end is None)
                or (bar.end.day > c.cut if bar.end is not None else (bar.least_end or NEG) > c.cut)
                # (or an end the case puts no earlier than the cut's own event, on its day in
                # a stretch dated only by order: avelumab stopped "after" the progression it
                # was cut at faded out as if it may have stopped before it)
                or (bar.end is None and not bar.point and c.ends_past_cut(bar.end_key))
                # (or given at least up to a response the figure is cut at)
                or (bar.end is None and c.lasts_to_cut_response(bar.least_end))
            )
            and x1 >= c.x(c.cut) - 0.5
        )
        # (not where the same agent goes on in the next regimen, in the same row: induction
        # into maintenance; the fade read as a break in the agent the source does not have)
        self_fade = (
            "end"
            if bar.end is None and not bar.point and not cut and not row_ends.starts_at(row, x1)
            else ""
        )
        classes = (*bar.classes, "highlight") if bar.key in c.highlight else bar.classes
        edges = None if bar.point else c.fading(*_keys_and_days(bar))
        fades = (
            (0.0, 0.0)
            if edges is None
            else c.uncertain_edges_in_row(
                edges[0], None if cut or bar.ongoing else edges[1], x0, x1, row, row_ends
            )
        )
        if not cut and not row_ends.starts_at(row, x1):
            fades = c.fading_to(fades, x0, x1, bar.sure_until)
            if bar.end is None and not bar.point and c.in_zone(bar.start.day):
                # (faded over the stretch of the zone its end may lie in)
                solid, reach = zone_span(c, bar, x0)
                if reach is not None and x1 > solid:
                    fades = (fades[0], max(fades[1], x1 - solid))
                    classes = (*classes, "end-in-zone")
        elif cut:
            # (cut at a step dated only within more than six months: faded from its earliest)
            fades = c.fading_to(fades, x0, x1, c.vague_cut())
        fill = bar.colour
        if c.no_sure_day(edges, fades, x0, x1):
            fill = mix(fill, "#FFFFFF", VAGUE_SHARE)  # (its peak pale, not full colour)
            classes = (*classes, "no-sure-day")
        # (a course drawn as a tick, as short as a bar is drawn at all: a TACE of one day,
        # high-dose chemotherapy days before its transplant)
        tick = bar.point or (bar.end is not None and x1 - x0 <= THINNEST + 0.01)
        if tick and bar.start.window.hi - bar.start.window.lo > WIDE_WINDOW_DAYS:
            # a tick (an operation, a transplant) dated only within more than six months:
            # pale, as an event's marker is (two transplants within four years of unknown
            # placing stood as sharp as dated ones; a TACE known only within 38 months was a
            # dark tick beside the pale one of the transplant it followed)
            fill = mix(fill, "#FFFFFF", VAGUE_SHARE)
            classes = (*classes, "vague")
        elif (
            (edges is None or (edges[0] is not None and edges[0].window != bar.start.window))
            and not bar.point
            and bar.start.window.hi - bar.start.window.lo > WIDE_WINDOW_DAYS
            and not c.in_zone(bar.start.day)
        ):
            # a bar drawn whole because the case states its length (:meth:`Canvas.rigid`),
            # its start known only within more than six months, or only to come after a day:
            # every day of it moves with the start, none sure; pale, as a tick or a marker of
            # such a date is (niraparib begun at no stated time after an operation, "PFS 29
            # months", stood in full colour from the operation's day, as if begun then); so is
            # a bar whose start moves with a point drawn before it (:meth:`Canvas._moves_with`)
            fill = mix(fill, "#FFFFFF", VAGUE_SHARE)
            classes = (*classes, "vague", "vague-bar")
        if cut and edges is not None and edges[0] is not None and fades[0] > 0:
            # a step cut within the stretch the start fades in over: only as dark as the fade
            # is there (a start known only between 2014 and 2022, the step at its plausible day
            # in 2018, was a sharp tick of the full colour)
            hi = edges[0].window.hi
            reach = c.scale.x1 if hi >= POS // 2 else c.x(hi)
            if reach > x1 + 0.5:
                # (never paler than a pale bar, and a stub no fade: enfortumab vedotin and
                # pembrolizumab, begun at the step at no stated day, were stubs of three points
                # as white as the slide, the step's own therapy unseen but for its name)
                share = max((x1 - x0) / (reach - x0), 1 - VAGUE_SHARE)
                fill = mix("#FFFFFF", bar.colour, share)
                if x1 - x0 < _STUB:
                    fades = (0.0, fades[1])
        c.items.append(
            Rect(
                f"bar-{bar.key}",
                x0,
                cy - h / 2,
                x1,
                cy + h / 2,
                fill,
                classes,
                tooltip=bar.tooltip,
                fade=self_fade,
                fades=fades,
                stroke="#000000" if bar.key in c.highlight else "none",
            )
        )
        if bar.key in seams:
            before = seams[bar.key]
            c.items.append(
                Rect(
                    f"seam-{bar.key}",
                    x0 - 1.0,
                    cy - h / 2,
                    x0 + 1.0,
                    cy + h / 2,
                    "#FFFFFF",
                    ("line-change",),
                    tooltip=f"{bar.label}: {_line_name(before.line)} ends, {_line_name(bar.line)}"
                    " starts",
                )
            )
        for n, (begun, until, held_words) in enumerate(bar.held, 1):
            # a stretch the drug was held is drawn white within the bar's outline: a solid bar
            # through a suspension said the drug was given then
            # (only with the bar drawn again after it: a resumption the bar's drawn length does
            # not reach, in a zone of dates known only by order, left a bar white to its end,
            # read as a drug never given again)
            if until is None:
                continue
            hx0 = max(x0, c.x(begun.day))
            hx1 = min(x1, c.x(until.day))
            # (a step's figure cut before the resumption: held up to the cut, as the step
            # knows it; the bar drawn on solid after the hold's mark said the drug was given)
            pending = c.cut is not None and not c.shown(until.day)
            if hx1 - hx0 > 0.5 and (hx1 < x1 - 2 or pending) and c.shown(begun.day):
                tip = f"{bar.label}: {held_words}"
                ys = (cy - h / 2 + 1, cy + h / 2 - 1)
                c.items.extend(_hold_pieces(c, bar, n, (begun, until), (x0, x1), ys, tip))
        for n, (planned, what, change) in enumerate(bar.changes, 1):
            if not c.shown(planned.day) or planned.window.hi - planned.window.lo > WIDE_WINDOW_DAYS:
                # a change the case dates only within months is not pinned to one day of the
                # bar: it is said in the bar's tooltip and by 'show'
                continue
            x = c.x(planned.day)
            c.items.append(
                Rect(
                    f"dose-{bar.key}-{n}",
                    x - 1.2,
                    cy - h / 2 - 2,
                    x + 1.2,
                    cy + h / 2 + 2,
                    "#FFFFFF",
                    # (a hold or a resumption is no change of dose: a figure cut at a hold,
                    # its resumption not yet told, explained the mark as "the dose changed")
                    ("hold-change" if change in ("held", "resumed") else "dose-change",),
                    stroke="#000000",
                    tooltip=f"{bar.label}: {what}",
                )
            )
        # (no lower than clears the next row's bar: in the compact deck theme, rows 21 pt
        # apart with bars 18.9 pt tall, cyclophosphamide's window rule and its arrowhead lay on
        # the doxorubicin bar below, read as doxorubicin's)
        rule_y = min(cy + h / 2 + max(1.6, t.row * 0.1), cy + t.row / 2)
        # (an operation a step tells: its window runs on past the cut, as the step's caption
        # gives it, as an event's does)
        told = bar.point and bar.key in c.highlight
        c.window(f"window-{bar.key}-start", bar.start, rule_y, bar.colour, ("start",), told)
        end_window = _end_window(c, bar, x0, x1)
        if not bar.ongoing and not bar.point and not cut:
            c.window(
                f"window-{bar.key}-end", end_window, rule_y, bar.colour, ("end",), reach_cut=True
            )
        if cut and _continues(c, bar, x1):
            # (still given at the step: the arrow says it goes on past the cut, where the
            # figure stops; sharp there, it read as stopped on the step's day)
            c.items.append(
                Stroke(
                    f"continues-{bar.key}",
                    x1,
                    cy,
                    x1 + 8,
                    cy,
                    bar.colour,
                    2.0,
                    arrow=True,
                    classes=("continues-arrow",),
                )
            )
        if bar.ongoing and not cut:
            c.items.append(
                Stroke(
                    f"ongoing-{bar.key}",
                    x1,
                    cy,
                    x1 + 11,
                    cy,
                    bar.colour,
                    2.0,
                    arrow=True,
                    classes=("ongoing-arrow",),
                )
            )
        if label is None:
            continue  # named by the label of the run it continues
        c.top.append(
            Text(
                f"label-{bar.key}",
                lx,
                cy,
                label,
                t.font,
                ("label", "inside") if inside else ("label",),
                anchor="middle" if inside else "start" if inside is False else "end",
                # (on the colour the bar is drawn in: white on a pale bar could hardly be read)
                colour=text_colour(fill) if inside else "#000000",
                tooltip=bar.tooltip,
            )
        )
    return top + max(rows.count, 1) * t.row + t.gap / 2


def _from_start(c: Canvas, exp: Exposure, start: Planned, key: str) -> Planned | None:
    """The plausible day of a hold or a resumption ``key``, its window narrowed to the days its
    stated distance from the bar's drawn start allows: a hold "2 weeks" into ibrutinib, begun
    itself at no stated time after a relapse, was blended over the months the start's window
    spans, and the holds of diarrhoea at 2 weeks and bleeding at 3 months overlapped into no
    order, where the bar drawn from its plausible start holds each at its day."""
    planned = c.plan.point(key)
    if planned is None:
        return None
    span = c.chrono.difference(point_key(exp, "start"), key)
    if span is None:
        return planned
    window = planned.window
    lo, hi = max(window.lo, start.day + span[0]), min(window.hi, start.day + span[1])
    if lo > hi or (lo, hi) == (window.lo, window.hi) or not lo <= planned.day <= hi:
        return planned
    return evolve(planned, window=Bounds(lo, hi))


def _hold_pieces(
    c: Canvas,
    bar: Bar,
    n: int,
    days: tuple[Planned, Planned],
    bar_x: tuple[float, float],
    y: tuple[float, float],
    tip: str,
) -> list[Rect]:
    """The white stretch of a hold within a bar (``held-KEY-N``), and, where the hold begins
    or the drug is resumed on a day known only within more than a month, the bar's colour
    blending into white over that window (``held-KEY-N-in``) or out of it (``-out``): a
    resumption known only to lie between a December and the next December ended the white
    sharp at its plausible day, four months the source does not give. A zone of dates known
    only by order says its own uncertainty, and is not blended."""
    lo, hi = bar_x
    edges, raw_end = [], hi
    for planned in days:
        window = planned.window
        x = min(hi, max(lo, c.x(planned.day)))
        if window.hi - window.lo > _FADE_WINDOW_DAYS and not c.in_zone(planned.day):
            raw_end = c.x(window.hi)
            edges.append((min(hi, max(lo, c.x(window.lo))), min(hi, raw_end)))
        else:
            edges.append((x, x))
    (b0, b1), (u0, u1) = edges
    if b1 > u0:
        # (windows that overlap meet in the middle of the days both allow: a hold begun on a
        # known day and resumed within a window that opens before it blends out from that day)
        m = (max(b0, u0) + min(b1, u1)) / 2
        b1, u0 = m, m
    pieces = []
    white, colour = "#FFFFFF", bar.colour
    if b1 - b0 > 0.5:
        pieces.append(
            Rect(
                f"held-{bar.key}-{n}-in",
                b0,
                y[0],
                b1,
                y[1],
                white,
                ("held", "held-window"),
                stroke=colour,
                tooltip=tip,
                blend=colour,
            )
        )
    if u0 - b1 > 0.5:
        pieces.append(
            Rect(
                f"held-{bar.key}-{n}",
                b1,
                y[0],
                u0,
                y[1],
                white,
                ("held",),
                stroke=colour,
                tooltip=tip,
            )
        )
    if u1 - u0 > 0.5:
        # (cut by the bar's end or a step's cut before the window closes: the blend stops as
        # far from white as it has come, not in the full colour of a resumption certain there)
        share = 1.0 if raw_end <= u1 + 0.5 else (u1 - u0) / (raw_end - u0)
        pieces.append(
            Rect(
                f"held-{bar.key}-{n}-out",
                u0,
                y[0],
                u1,
                y[1],
                mix(white, colour, share),
                ("held", "held-window"),
                stroke=colour,
                tooltip=tip,
                blend=white,
            )
        )
    return pieces


def _line_name(number: int | None) -> str:
    return "a therapy outside the numbered lines" if number is None else f"line {number}"


def _runs(c: Canvas, bars: list[Bar]) -> list[list[tuple[Bar, float, float]]]:
    """The lane's bars in order of start, each with its extent, grouped into runs: a bar of the
    same name that starts where another ends (within a point and a half) continues it, unless
    the name is a placeholder ("unspecified chemotherapy" in two regimens in a row)."""
    runs: list[list[tuple[Bar, float, float]]] = []
    for bar in sorted(
        bars, key=lambda b: (b.start.day, _depth(b), b.end.day if b.end else 0, b.key)
    ):
        x0, x1 = bar_extent(c, bar)
        if bar.follows is not None and bar.start_key and x0 > c.x(bar.start.day) + 0.05:
            c.pushed[bar.start_key] = max(x0, c.pushed.get(bar.start_key, x0))
        if c.cut is not None:
            x1 = min(x1, max(c.x(c.cut), x0 + 3))
        joined = None
        if not bar.point and not bar.unspecified:
            for run in runs:
                prev, _p0, p1 = run[-1]
                if (
                    prev.label == bar.label
                    and not prev.point
                    and not prev.ongoing
                    and abs(x0 - p1) <= 1.5
                    and not _event_between(c, prev, bar)
                    and _goes_straight_on(c, prev, bar)
                ):
                    joined = run
                    break
        if joined is not None:
            joined.append((bar, x0, x1))
        else:
            runs.append([(bar, x0, x1)])
    return runs


#: the most days from one course's end to the next course's start of the same drug that the
#: case may leave for them to be drawn as one, going on into the next line: the same month
_STRAIGHT_ON_DAYS = 31


def _goes_straight_on(c: Canvas, prev: Bar, bar: Bar) -> bool:
    """Whether the case puts the start of ``bar`` no more than a month after the end of
    ``prev`` (the same drug): only then is it drawn going on into the next line. Bevacizumab
    of a second line, then bevacizumab + irinotecan, both known only by order, met where the
    schedule placed them and were drawn as one course with the seam of a new line, which the
    source does not say."""
    if not prev.end_key or not bar.start_key:
        return True
    found = c.chrono.difference(prev.end_key, bar.start_key)
    return found is not None and found[1] <= _STRAIGHT_ON_DAYS


def _event_between(c: Canvas, prev: Bar, bar: Bar) -> bool:
    """Whether the case puts an event after the end of ``prev`` and before the start of
    ``bar``: then the drug did not go on from one into the other, however close their bars
    are drawn (fluorouracil of a third and a fourth line, dated only by order, met in adjacent
    slots and were drawn as one course, with an ablation, two progressions and a radiotherapy
    between them)."""
    if not prev.end_key or not bar.start_key:
        return False
    after = c.chrono.puts_after
    own = {prev.start_key.split(".")[0], bar.start_key.split(".")[0]}
    for event in c.case.events:
        key = point_key(event, "start")
        if event.id in own:
            continue
        if after(prev.end_key, key) and after(key, bar.start_key):
            return True
    return False


def _depth(bar: Bar) -> int:
    """How many bars ``bar`` follows (:attr:`Bar.follows`): of bars sharing a plausible start,
    one given after another is placed after it."""
    n, at = 0, bar.follows
    while at is not None:
        n, at = n + 1, at.follows
    return n


def _across(c: Canvas, bar: Bar, x0: float, x1: float) -> bool:
    """Whether the name of a bar drawn in a zone of dates known only by order, set from ``x0``
    to ``x1``, would stand across a break of the axis, over the scale's days. (A bar on the
    scale whose name reaches into a zone keeps it: its days are the bar's. Nor in a deck: its
    figures keep 18 pt type, a note under the figure would take the room, and the caption
    says what the step shows.) So too a bar in the stretch to scale after such a zone: an
    operation there had its long name written back across both breaks."""
    tail = c.scale.tail_from
    beyond = c.in_zone(bar.start.day) or (tail is not None and bar.start.day > tail)
    return c.theme.labels and beyond and bool(c.breaks_within(x0, x1))


def _place_one(
    c: Canvas,
    rows: RuledRows,
    bar: Bar,
    x0: float,
    x1: float,
    room_left: float,
    room_right: float,
    windows: bool = False,
) -> tuple[Bar, str | None, int, float, float, float, bool | None]:
    """One bar and its name: inside it, right of it, left of it, or numbered; with
    ``windows``, the row must be free for the bar's windows too (:class:`RuledRows`)."""
    t = c.theme
    tail = x1 + (12 if bar.ongoing or _continues(c, bar, x1) else 0)
    label = bar.shown
    w = text_width(label, t.font) * 1.08  # room for fonts a little wider than Helvetica
    centre = _inside_label_x(c, bar, x0, x1, w) if not bar.point else None
    if (
        centre is None
        and tail + 4 + w > room_right
        and (x0 - 8 - w < room_left or _across(c, bar, x0 - 4 - w, x0 - 4))
    ):
        # the name fits on neither side (or, left of the bar, would stand across a break of
        # the axis, over days it does not belong to): a number beside the bar, the name
        # under the figure
        label = c.numbered(bar.shown)
        w = text_width(label, t.font) * 1.08
    if centre is not None:
        extent, lx, inside = (x0, tail), centre, True
    elif tail + 4 + w <= room_right:
        extent, lx, inside = (x0, tail + 4 + w + 4), tail + 4, False
    else:
        extent, lx, inside = (x0 - 4 - w - 4, tail), x0 - 4, None  # ends at the bar
    rules: list[tuple[float, float]] = []
    for planned in (bar.start, _end_window(c, bar, x0, x1)) if windows else ():
        # a window runs under the row: no other bar of the row, nor another window, may
        # stand on it (a window reaching out of a zone of dates known only by order across
        # the break, too)
        reach = c.window_extent(planned) if planned is not None else None
        if reach is not None:
            rules.append((reach[0], reach[1] + BAR_GAP))
    span = (extent[0], extent[1] + BAR_GAP)
    row = rows.first_free(span, tuple(rules))
    rows.take(row, span, tuple(rules))
    return bar, label, row, x0, x1, lx, inside
