"""Where everything goes: a checked case becomes a scene of rectangles, texts, lines and markers.

Pure geometry in points (origin top left, y downwards); nothing here knows Graphviz.

* Time runs left to right, **proportional to real time** (:mod:`render.timescale`).
* Every date is drawn at its day on the case's **plausible schedule**
  (:mod:`timeline.schedule`): one day per date, chosen so that together they satisfy every
  relation of the case. A date the source does not give exactly gets a thin rule spanning the
  window it must lie in, so the drawing never looks more certain than the case.
* The lanes, top to bottom: lines of therapy (:mod:`render.lineslane`), local therapy and one
  lane per class of agent (:mod:`render.bars`), the disease and the events
  (:mod:`render.disease`), then the axis, the legend and any numbered notes.
* No text overlaps another: labels are packed in rows, leaders never cross a label, and a
  label that would need too many rows becomes a number explained under the figure.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Literal

from attrs import evolve

from timeline.chronology import NEG, WIDE_WINDOW_DAYS
from timeline.dates import DAYS_PER_MONTH, Anchor
from timeline.model import Event, Regimen, Surgery
from timeline.queries import point_key, therapies
from timeline.render.bars import draw_bars, lane_name, lane_order, therapy_bars
from timeline.render.canvas import INFERRED_STAR, WINDOW_ALPHA, Canvas
from timeline.render.disease import draw_events, draw_status, status_segments
from timeline.render.evidence_lane import draw_evidence
from timeline.render.lineslane import draw_lines_lane
from timeline.render.scene import Cut, Glyph, Item, Rect, Scene, Stroke, Text, slug, wrap
from timeline.render.style import (
    CATEGORY_COLOURS,
    EVENT_NAMES,
    EVENT_SHAPES,
    LANE_COLOURS,
    VAGUE_BAR_NOTE,
    VAGUE_NOTE,
    WINDOWED_NOTE,
    Theme,
    text_width,
)
from timeline.render.timescale import AfterZone, after_zone, drawn_order, order_only, time_scale
from timeline.schedule import anchor_name
from timeline.teaching import age_told_later
from timeline.validate import Checked
from timeline.wording import patient_line

if TYPE_CHECKING:
    from timeline.evidence import Match
    from timeline.schedule import Schedule

__all__ = ["Glyph", "Item", "Rect", "Scene", "Stroke", "Text", "slug", "swimlane"]

#: a drawn name starred as inferred (alone, or among the names of one day's events; set
#: close in a narrow band of the Disease lane, "CR*")
_STARRED = re.compile(rf"\S ?{re.escape(INFERRED_STAR)}( ·|$)")


def _class_label(agent_class: str) -> str:
    return (
        f"{agent_class} therapy"
        if agent_class in ("endocrine", "targeted", "bone-targeted")
        else agent_class
    )


def _lane(
    c: Canvas, key: str, name: str, shade: bool, draw: Callable[[float], float], y: float
) -> float:
    """Draw a lane's content from ``y`` with ``draw``, then put its band and name beneath it."""
    start = len(c.items)
    bottom = draw(y)
    content = c.items[start:]
    del c.items[start:]
    lines = wrap(name, c.theme.font, c.theme.label_column - 12)
    bottom = max(bottom, y + len(lines) * c.theme.font * 1.2 + c.theme.gap)
    # translucent, so that the gridlines drawn beneath show through
    c.items.append(
        Rect(
            f"lane-{slug(key)}",
            4,
            y,
            c.theme.width - 4,
            bottom,
            "#0000000A" if shade else "#FFFFFF00",
            ("lane", slug(key.split(":")[0])),
        )
    )
    for i, text in enumerate(lines):
        c.items.append(
            Text(
                f"lane-label-{slug(key)}" + (f"-{i + 1}" if i else ""),
                8,
                (y + bottom) / 2 + (i - (len(lines) - 1) / 2) * c.theme.font * 1.2,
                text,
                c.theme.font,
                ("lane-label",),
                bold=True,
            )
        )
    c.items.extend(content)
    return bottom


def _drawn_treatments(c: Canvas) -> list[Event]:
    """The therapies and the cancer operations of the case, each drawn from its start (an
    operation as a tick): an operation and a radiotherapy in no stated order, on one day,
    read as done together, and the legend said nothing."""
    treated = {id(t) for t in therapies(c.case)}
    return [
        e for e in c.case.events if id(e) in treated or (isinstance(e, Surgery) and e.oncologic)
    ]


def _unordered_at_one_slot(c: Canvas) -> bool:
    """Whether two therapies or cancer operations start at one slot of a zone of dates known
    only by order without the case putting them on one day: radiotherapy and chemotherapy
    given "before" a progression, in no stated order, read as concurrent chemoradiation (a
    nephrectomy and a metastasectomy, as done together)."""
    slots: dict[int, list[str]] = {}
    for therapy in _drawn_treatments(c):
        planned = c.day(therapy)
        if planned is not None and c.in_zone(planned.day) and c.shown(planned.day):
            slots.setdefault(planned.day, []).append(point_key(therapy, "start"))
    return any(
        c.chrono.difference(a, b) != (0, 0)
        for keys in slots.values()
        for a, b in itertools.combinations(keys, 2)
    )


def _wide_starts_by_day(c: Canvas) -> dict[int, list[str]]:
    """The starts of the therapies drawn on the scale that are each known only within more
    than six months, by their plausible day."""
    days: dict[int, list[str]] = {}
    for therapy in _drawn_treatments(c):
        planned = c.day(therapy)
        if (
            planned is not None
            and not c.in_zone(planned.day)
            and c.shown(planned.day)
            and planned.window.hi - planned.window.lo > WIDE_WINDOW_DAYS
        ):
            days.setdefault(planned.day, []).append(point_key(therapy, "start"))
    return days


def _unordered_on_one_day(c: Canvas) -> bool:
    """Whether two therapies start on one plausible day of the scale, each known only within
    more than six months, in no order the case gives: a neck dissection, bone radiotherapy and
    a re-irradiation "listed without dates or order" stood on one day of a chemotherapy, read
    as given together."""
    days = _wide_starts_by_day(c)

    def unordered(a: str, b: str) -> bool:
        ab, ba = c.chrono.least(a, b), c.chrono.least(b, a)
        return (ab is None or ab < 0) and (ba is None or ba < 0)

    return any(
        unordered(a, b) for keys in days.values() for a, b in itertools.combinations(keys, 2)
    )


def _ordered_on_one_day(c: Canvas) -> bool:
    """Whether two of the therapies :func:`_unordered_on_one_day` finds on one plausible day
    are in an order the case gives: the legend's "the source gives no order between them" was
    read of a mastectomy and the radiotherapy and tamoxifen the case puts after it, drawn on
    the mastectomy's day with the two in no order between them."""
    days = _wide_starts_by_day(c)
    return any(
        c.chrono.puts_after(a, b) or c.chrono.puts_after(b, a)
        for keys in days.values()
        for a, b in itertools.combinations(keys, 2)
    )


def _axis(c: Canvas, y_top: float, y: float) -> float:
    t = c.theme
    small = t.small
    c.items.append(Stroke("axis", c.scale.x0, y, c.scale.x1, y, "#000000", 0.8, classes=("axis",)))
    taken: list[tuple[float, float]] = []
    ticks = c.scale.ticks()
    placed: dict[int, float] = {}  # tick -> the centre of its label
    # which labels fit: the day the axis counts from first ("0" was left out between "-1" and
    # "1", the diagnosis drawn on it), then the others left to right
    for n in sorted(range(len(ticks)), key=lambda n: ticks[n][1] != "0"):
        day, text = ticks[n]
        x = c.scale.x(day)
        w = text_width(text, small) * 1.08
        # centred on its tick, but never past the page's edge (the axis may end at the edge),
        # a quarter of an em clear of the label before, counting the 8 % the estimate keeps to
        # spare (2 pt on top of it dropped one of a deck's evenly spaced quarters, "2017-04",
        # by a hundredth of a point, while single digits need the margin)
        clear = max(0.0, 0.25 * small - (w - w / 1.08))
        cx = min(x, t.width - 2 - w / 2)
        if any(not (cx + w / 2 + clear <= a or cx - w / 2 - clear >= b) for a, b in taken):
            continue
        taken.append((cx - w / 2, cx + w / 2))
        placed[n] = cx
    for n, (day, text) in enumerate(ticks):
        x = c.scale.x(day)
        # (an id token: "+6", months after the start of the stretch after the zone, is "plus6")
        key = text.replace("+", "plus")
        c.items.append(
            Stroke(
                f"grid-{key}", x, y_top, x, y, "#D0D0D0", 0.6, dashed=True, classes=("gridline",)
            )
        )
        c.items.append(Stroke(f"tick-{key}", x, y, x, y + 4, "#000000", 0.8, classes=("tick",)))
        if n not in placed:
            continue
        cx = placed[n]
        c.top.append(
            Text(
                f"tick-label-{key}",
                cx,
                y + 5 + small * 0.7,
                text,
                small,
                ("tick-label",),
                anchor="middle",
            )
        )
    if c.scale.order_until is not None:
        _order_break(c, y_top, y, c.scale.order_until, "", taken)
    if c.scale.order_from is not None:
        _order_break(c, y_top, y, c.scale.order_from, "-after", taken)
    if c.scale.tail_from is not None:
        _order_break(c, y_top, y, c.scale.tail_from, "-tail", taken)
    gap = c.scale.gap_day()
    if gap is not None:
        _order_break(c, y_top, y, gap, "-gap", taken)
        _gap_caption(c, y, taken)
    y_end = y + 5 + small * 1.6
    # wrapped within the figure, with room to spare: a renderer's own font may set the words
    # wider than the estimate, and a caption past the edge would widen the figure
    room = 0.75 * (c.theme.width - 20)
    caption = _unspoiled(c, c.scale.caption)
    ticks = c.scale.ticks()
    zone = c.scale.order_until is not None or c.scale.order_from is not None
    if caption and zone and [label for _d, label in ticks] == ["0"]:
        # a scale of one day beside a zone of dates known only by order: "months from the
        # diagnosis" under the whole axis read as if the zone counted months
        caption = re.sub(r"^(months|days) from ", "0: ", caption) + "; the rest in order only"
    elif caption and zone:
        # which part of the axis counts, where the caption, centred under the whole axis,
        # stands under a zone: "days from the diagnosis" stood under four lines known only by
        # order, beside a scale that held the diagnosis alone (the lines read as days)
        lo = c.scale.x(c.scale.order_until) if c.scale.order_until is not None else -math.inf
        hi = c.scale.x(c.scale.order_from) if c.scale.order_from is not None else math.inf
        # (beside a stretch to scale after a second break, the caption parts them already)
        if not lo <= (c.scale.x0 + c.scale.x1) / 2 <= hi and c.scale.tail_from is None:
            # (beside the break of a stretch left out, the one of the zone: "left of the
            # break" read as said of the stretch left out)
            which = " of the zones in order only" if c.scale.gap is not None else ""
            if c.scale.order_until is not None and c.scale.order_from is not None:
                caption += f", between the breaks{which}"
            elif c.scale.order_until is not None:
                caption += f", right of the break{which.replace('zones', 'zone')}"
            else:
                caption += f", left of the break{which.replace('zones', 'zone')}"
    if c.scale.tail_from is not None and c.scale.tail_caption:
        # (what the stretch after the zone after the scale counts from, said with it)
        tail = f"after the second break, {c.scale.tail_caption}"
        if not _told_yet(c, c.scale.tail_root):
            # (a step before the regimen it counts from: "months from the end of carboplatin
            # + nab-paclitaxel" named the last course of a case at its first recurrence)
            unit = c.scale.tail_caption.split(" ", 1)[0]
            tail = f"after the second break, {unit} from an event told later"
        caption = f"{caption}; {tail}" if caption else tail
    if caption:
        for i, line in enumerate(wrap(caption, small, room, most=3)):
            c.top.append(
                Text(
                    "axis-caption" + (f"-{i + 1}" if i else ""),
                    (c.scale.x0 + c.scale.x1) / 2,
                    y_end + small * 0.6,
                    line,
                    small,
                    ("axis-caption",),
                    anchor="middle",
                )
            )
            y_end += small * 1.5
    return y_end


#: the rectangles a break of the axis cuts: therapy bars, the boxes of the Lines lane and the
#: disease lane's segments (not the lanes' bands, the thin windows, nor the legend)
_CUT_KINDS = frozenset(
    {
        "therapy",
        "line",
        "response",
        "status-blend",
        "unassessed",
        "unstated",
        "no-response",
        "diagnosed",
        "treatment-free",
        "pregnancy",
    }
)


def cut_at_breaks(c: Canvas) -> None:
    """Cut every bar that runs across a break of the axis with a slanted white band, as the axis
    itself is cut: past the break, days are slots in order, and a bar that went on across it
    must not read as a length to scale."""
    cuts: list[Item] = []
    for item in c.items:
        if isinstance(item, Rect) and item.classes and item.classes[0] in _CUT_KINDS:
            for i, x in enumerate(c.breaks_within(item.x0, item.x1)):
                ident = f"{item.id}-cut" + (f"-{i + 1}" if i else "")
                cuts.append(Cut(ident, x, item.y0 - 1.5, item.y1 + 1.5))
    c.items.extend(cuts)


def _gap_caption(c: Canvas, y: float, taken: list[tuple[float, float]]) -> None:
    """Under the break of a stretch left out, how long it is ("13 years"), where the tick
    labels leave room for it (the legend says it anyway)."""
    assert c.scale.gap is not None
    text = _gap_words(c.scale.gap)
    size = c.theme.small
    half = text_width(text, size) * 1.08 / 2
    cx = c.scale.x(c.scale.gap_day() or 0)
    if any(not (cx + half + 2 <= a or cx - half - 2 >= b) for a, b in taken):
        return
    taken.append((cx - half, cx + half))
    c.top.append(
        Text("gap-caption", cx, y + 5 + size * 0.7, text, size, ("gap-caption",), anchor="middle")
    )


def _gap_words(gap: tuple[int, int]) -> str:
    """How long a stretch left out is, in words: "13 years", "40 months"."""
    months = (gap[1] - gap[0]) / DAYS_PER_MONTH
    if months >= 36:
        return f"{months / 12:.0f} years"
    return f"{months:.0f} months"


def _order_break(
    c: Canvas,
    y_top: float,
    y: float,
    day: int,
    suffix: str,
    taken: list[tuple[float, float]] | None = None,
) -> None:
    """The break between a zone of dates known only by order and the scale (before it, or
    with ``suffix`` "-after" after it, or "-tail" between that zone and the stretch to scale
    after it): a dotted line down the lanes, the axis cut by two slanted strokes, and the
    zone's caption under it."""
    t = c.theme
    xb = c.scale.x(day)
    c.items.append(
        Stroke(
            f"order-break{suffix}",
            xb,
            y_top,
            xb,
            y,
            "#707070",
            0.8,
            dashed=True,
            classes=("order-break",),
        )
    )
    for i, dx in enumerate((-2.5, 2.5)):
        c.items.append(
            Stroke(
                f"order-break{suffix}-{i + 1}",
                xb + dx - 2.5,
                y + 4,
                xb + dx + 2.5,
                y - 4,
                "#000000",
                1.0,
                classes=("order-break",),
            )
        )
    if suffix in ("-tail", "-gap"):
        return  # (the stretch after it is ticked, and captioned with the axis)
    # centred under the zone, but kept on its side of the break (a narrow zone beside a
    # wide one: the caption would run under the scale's first tick label)
    size = t.small
    half = text_width("in order only", size) * 1.08 / 2
    if suffix:
        end = c.scale.x1 if c.scale.tail_from is None else c.scale.x(c.scale.tail_from)
        cx = max((xb + end) / 2, xb + 8 + half)
        if c.scale.tail_from is not None and 2 * half > end - xb - 8:
            # between two breaks too narrow for it: smaller, so that it stays between them (a
            # deck's caption was pushed past every tick label of the stretch after the second
            # break, to the end of the axis, as if it named that stretch)
            size = max(t.small * (end - xb - 8) / (2 * half), t.small * 0.6)
            half = text_width("in order only", size) * 1.08 / 2
            cx = (xb + end) / 2
    else:
        cx = min((c.scale.x0 + xb) / 2, xb - 8 - half)
    # and clear of the tick labels beside the break (a deck's 18 pt "2020-01", centred on its
    # tick just past the break, ran into "in order only")
    for a, b in sorted(taken or (), reverse=not suffix):
        if not (cx + half + 4 <= a or cx - half - 4 >= b):
            cx = b + 4 + half if suffix else a - 4 - half
    right = c.theme.width - 2
    if suffix and c.scale.tail_from is not None:
        # (between two breaks: the second is as far as it may run)
        right = min(right, c.scale.x(c.scale.tail_from) - 4)
    if suffix and cx + half > right:
        # and on the page: a zone after the break near the figure's right edge pushed a deck's
        # caption 30 pt past it, and the figure, 981 pt wide, was shrunk on every slide
        # (between the break, or a tick label that runs past it, and the page's edge)
        left = max([xb + 4, *(b + 4 for a, b in taken or () if b > xb and a < right)])
        room = right - left
        if 2 * half > room:
            size = max(size * room / (2 * half), t.small * 0.6)
            half = text_width("in order only", size) * 1.08 / 2
        cx = right - half
    c.top.append(
        Text(
            f"order-zone{suffix}-caption",
            cx,
            y + 5 + t.small * 0.7,
            "in order only",
            size,
            ("order-zone",),
            anchor="middle",
        )
    )


def _legend_markers(c: Canvas, x: float, row_y: float, sw: float) -> float:
    """The event markers the drawing uses, each with what it means, after the colour swatches
    (from ``x`` on their last row); returns the y of the last row."""
    t = c.theme
    drawn = {i.classes[1] for i in c.items if isinstance(i, Glyph) and "event" in i.classes}
    seen: set[str] = set()
    for kind, (shape, fill) in EVENT_SHAPES.items():
        name = EVENT_NAMES.get(kind)
        if kind not in drawn or name is None or name in seen:
            continue
        seen.add(name)
        w = sw + 4 + text_width(name, t.small) * 1.15 + 14
        if x + w > c.scale.x1:
            x = c.scale.x0
            row_y += t.small * 1.8
        size = t.small * 1.1
        c.items.append(
            Glyph(f"legend-{slug(kind)}", x + sw / 2, row_y, shape, size, fill, ("legend-marker",))
        )
        c.top.append(
            Text(f"legend-{slug(kind)}-text", x + sw + 4, row_y, name, t.small, ("legend-text",))
        )
        x += w
    return row_y


def _legend(c: Canvas, y: float, lanes: Iterable[str], states: Iterable[str]) -> float:
    t = c.theme
    small = t.small
    entries: list[tuple[str, tuple[str, ...], str]] = []
    seen: set[str] = set()
    for key in lanes:
        base = key.split(":")[0]
        if base not in seen:
            seen.add(base)
            entries.append(
                (
                    f"legend-{slug(base)}",
                    (LANE_COLOURS.get(base, LANE_COLOURS["other"]),),
                    "local therapy" if base == "local" else _class_label(base),
                )
            )
    names = {
        "diagnosed": "diagnosed, before the first change",
        "ned": "NED",
        "cr": "CR",
        "pr": "PR",
        "sd": "SD",
        "pd": "PD / recurrence",
        "unassessed": "new therapy, not yet assessed",
        "unstated": "response in the authors' words, no category",
        "no-response": "no response: SD or PD, the source not saying which",
    }
    # what the drawing holds that the legend must explain (one look at every item)
    unassessed = unstated = windows = ongoing = fading = treatment_free = beyond = False
    diagnosed = no_response = False
    blended = windowed = lasting = lasting_open = vague = False
    for item in c.items:
        classes = item.classes
        vague = vague or "vague" in classes
        unassessed = unassessed or "unassessed" in classes
        diagnosed = diagnosed or "diagnosed" in classes
        blended = blended or "status-blend" in classes
        unstated = unstated or "unstated" in classes
        # (the lane's stretch, not the marker: a response on the lane's last day has none)
        no_response = no_response or ("no-response" in classes and "event" not in classes)
        windows = windows or "window" in classes
        if isinstance(item, Stroke):
            ongoing = ongoing or "ongoing-arrow" in classes
            beyond = beyond or "window-beyond" in classes
        elif isinstance(item, Rect):
            # (the short fade of an end not reported is drawn only on a side that does not
            # fade over a stretch already: the legend says the one drawn)
            sides = {"start": (0,), "end": (1,), "both": (0, 1)}.get(item.fade, ())
            # (a side not reported fades however long its fade: from the last day the therapy
            # was certainly given, it is that, not a window of six months; a step figure
            # whose bars faded so said "dated only within more than six months (the thin
            # rule)", with no rule drawn, and nothing of an end not reported)
            fading = fading or bool(sides)
            if "end-in-zone" in classes:
                # (an end given only by order, fading across the slots of the zone it may lie
                # in: not dated, as the short fade says; no window of six months is drawn)
                fading = True
                windowed = windowed or item.fades[0] > 0
            else:
                windowed = windowed or any(
                    f > 0 for i, f in enumerate(item.fades) if i not in sides
                )
            treatment_free = treatment_free or "treatment-free" in classes
            if "event-span" in classes:
                lasting = lasting or not item.fade
                lasting_open = lasting_open or bool(item.fade)
    if unassessed:
        states = {*states, "unassessed"}
    if diagnosed:
        states = {*states, "diagnosed"}
    if unstated:
        states = {*states, "unstated"}
    if no_response:
        states = {*states, "no-response"}
    for state in ("diagnosed", "ned", "cr", "pr", "sd", "pd", "unassessed", "unstated"):
        if state in states:
            entries.append((f"legend-{state}", (CATEGORY_COLOURS[state],), names[state]))
    if "no-response" in states:
        # (split as the lane draws it: SD's colour over PD's)
        split = (CATEGORY_COLOURS["sd"], CATEGORY_COLOURS["pd"])
        entries.append(("legend-no-response-state", split, names["no-response"]))
    x = c.scale.x0
    row_y = y + small
    sw = small * 1.4
    if not t.legend:
        entries = []
        row_y -= small * 1.8
    for ident, colours, name in entries:
        w = sw + 4 + text_width(name, small) * 1.15 + 14
        if x + w > c.scale.x1:
            x = c.scale.x0
            row_y += small * 1.8
        step = small / len(colours)
        for k, colour in enumerate(colours):
            c.items.append(
                Rect(
                    ident if k == 0 else f"{ident}-{k + 1}",
                    x,
                    row_y - small * 0.5 + k * step,
                    x + sw,
                    row_y - small * 0.5 + (k + 1) * step,
                    colour,
                    ("legend-swatch",),
                )
            )
        c.top.append(Text(f"{ident}-text", x + sw + 4, row_y, name, small, ("legend-text",)))
        x += w
    row_y = _legend_markers(c, x, row_y, sw) if entries else row_y
    notes = []
    if windows:
        notes.append(
            "thin rule under a bar or marker: the window an uncertain date lies in"
            " (drawn at its plausible day; a dashed arrow: open on that side)"
        )
    if blended:
        notes.append(
            "Disease: a colour blending into the next, a change of state dated only within"
            " that window"
        )
    if _blank_after(c, "ended-by-operation"):
        notes.append(
            "Disease: blank after an operation whose completeness the source does not give,"
            " up to the next state it records"
        )
    if c.cut is None and _disease_blank(c):
        notes.append("Disease: blank, the source records no state of the disease")
    elif _blank_before_first_state(c):
        # (lines before the first one recorded: the disease as diagnosed is not drawn, and
        # the lane was blank under the first line with no word of why, read as no disease)
        notes.append(
            "Disease: blank up to the first state the source records (lines before the first"
            " one recorded)"
        )
    if _blank_after(c, "ended-unrecorded"):
        notes.append(
            "Disease: blank after a therapy whose outcome the source does not give, up to the"
            " next state it records, if any"
        )
    if any(isinstance(i, Rect) and "unassessed-tail" in i.classes for i in c.items):
        notes.append("Disease: fading out after the source's last word on it")
    if any(isinstance(i, Rect) and "mixed" in i.classes for i in c.items):
        notes.append(
            "Disease: a segment in bands, responses of different categories (or a category"
            " and the authors' words) on one day at different sites, top down in the order"
            " recorded"
        )
    if beyond:
        notes.append("an arrowhead at the end of the axis: the window goes on beyond it")
    if c.scale.order_until is not None:
        notes.append(
            "left of the break: dates the source gives only in order (no earliest day),"
            " evenly spaced, not to scale"
        )
    if c.scale.order_from is not None and c.scale.tail_from is not None:
        notes.append(
            # (not "on the right": left of them the scale may hold the diagnosis alone)
            "between the two breaks: dates the source gives only in order after the"
            " last date on the scale (no latest day), evenly spaced, not to scale; after the"
            " second break, dates known to come after the last of them, to scale from it"
            " ('+3': 3 months after it; one at no stated distance at its earliest)"
        )
    elif c.scale.order_from is not None:
        notes.append(
            "right of the break: dates the source gives only in order after the last date on"
            " the scale (no latest day), evenly spaced, not to scale"
            + _undated_in_after_zone_words(c)
        )
    if _unordered_at_one_slot(c):
        notes.append(
            "bars or ticks starting at one place in a zone of dates known only by order: the source"
            " gives no order between them (not that they were given together)"
        )
    if _unordered_on_one_day(c):
        notes.append(
            "bars or ticks starting on one day, each dated only within more than six months:"
            + (
                " the source gives their order at most, for some not even that (not that they"
                " were given together)"
                if _ordered_on_one_day(c)
                else " the source gives no order between them (not that they were given together)"
            )
        )
    if c.scale.gap is not None:
        # (in a figure cut before the stretch's end, not what it holds: "14 years with
        # nothing recorded" under a first line told a class of the remission to come)
        # (nor "nothing recorded" of years a therapy was given through: megestrol's fifteen
        # years, its bar cut at the break)
        at = c.x(c.scale.gap_day() or c.scale.gap[0])
        through = any(
            isinstance(i, Cut) and i.id.startswith("bar-") and abs(i.x - at) < 1 for i in c.items
        )
        what = (
            "of the axis"
            if c.cut is not None and c.cut < c.scale.gap[1]
            else "with no event recorded"
            if through
            else "with nothing recorded"
        )
        notes.append(
            f"// between two dates of the scale: {_gap_words(c.scale.gap)} {what} left out"
        )
    if any(isinstance(i, Cut) for i in c.items):
        notes.append("a bar cut where the axis breaks: its length past the cut is not to scale")
    if ongoing:
        notes.append("→ ongoing at the last follow-up")
    if any(isinstance(i, Stroke) and "continues-arrow" in i.classes for i in c.items):
        notes.append("→ at the figure's end: still given at this step")
    if c.cut is not None and any(
        isinstance(i, Rect) and "highlight" in i.classes and (i.fade or i.fades != (0.0, 0.0))
        for i in c.items
    ):
        # (the outline of what a step tells, round a bar or box whose ends fade: its edges
        # read as dated ones, a moxetumomab known only within months as a sharp box)
        notes.append("black outline: what this step tells (not how well it is dated)")
    if c.vague_cut() is not None and any(
        isinstance(i, Rect) and i.fades[1] > 0 and abs(i.x1 - c.x(c.cut or 0)) < 1 for i in c.items
    ):
        # (what runs to the cut fades from the step's earliest day: "dated only within more
        # than six months" was said of a pembrolizumab dated to its months, faded from its
        # start in the figure cut at a CEA fall known only within its three years)
        notes.append(
            "fading to the figure's end: this step's own date is known only within more than"
            " six months, and what runs to it fades from its earliest day"
        )
    if fading:
        notes.append("fading end: end not reported, or not dated")
    if any(isinstance(i, Rect) and "held" in i.classes for i in c.items):
        notes.append("white stretch within a bar: the drug held, then resumed")
        if any(isinstance(i, Rect) and "held-window" in i.classes for i in c.items):
            notes.append(
                "a bar blending into (out of) its white stretch: the hold began (the drug was"
                " resumed) on a day known only within that stretch"
            )
    elif any(isinstance(i, Rect) and "hold-change" in i.classes for i in c.items):
        # (a hold whose resumption is not drawn: a step's figure cut at the hold)
        notes.append("white mark across a bar: the drug held (or resumed) that day")
    if any(isinstance(i, Rect) and "dose-change" in i.classes for i in c.items):
        # (kato2018's mark for abiraterone reduced to 500 mg was explained nowhere: read as
        # a cut of the axis, or nothing)
        notes.append("white mark across a bar: the dose changed that day (its tooltip says how)")
    if any(isinstance(i, Rect) and "line-change" in i.classes for i in c.items):
        notes.append("white seam across a bar: the same drug going on into a new line")
    if windowed:
        # (pale where no day of it is sure: said with the fade, not on a line of its own,
        # which made a deck's whole timeline too tall for its slide)
        pale = any(isinstance(i, Rect) and "no-sure-day" in i.classes for i in c.items)
        notes.append(
            WINDOWED_NOTE.replace(" (the thin rule)", "; pale: no day of it sure")
            if pale
            else WINDOWED_NOTE
        )
    if vague:
        bars = any(isinstance(i, Rect) and "vague-bar" in i.classes for i in c.items)
        notes.append(VAGUE_BAR_NOTE if bars else VAGUE_NOTE)
    if any(isinstance(i, Stroke) and {"change", "vague"} <= set(i.classes) for i in c.items):
        notes.append(
            "a pale arrow (grey words) over the Lines lane: the change is dated only within more"
            " than six months"
        )
    if treatment_free:
        notes.append("dashed box: no anti-cancer therapy")
    if lasting:
        notes.append("a bar from a toxicity's marker: as long as it lasted")
    if lasting_open:
        # (not "it ended": one whose end is not reported may have lasted past the follow-up)
        notes.append("a bar fading out from a toxicity's marker: how long it lasted is not stated")
    line_fills = {i.fill for i in c.items if isinstance(i, Rect) and "line" in i.classes}
    if "#DDDDDD" in line_fills:
        # (pale boxes alone, with no numbered line beside them, said nothing of what they were:
        # they read as the Disease lane's "not yet assessed")
        notes.append(
            "Lines: pale grey, therapy that is not a numbered line (neoadjuvant, adjuvant,"
            " definitive, supportive, locoregional"
            + (", bridging" if "bridging" in _pale_intents(c) else "")
            + "".join(f", {w} after these" for w in _pale_continuations(c))
            + (", or of unknown intent" if _unknown_intent(c) else "")
            + ")"
            + ("; darker, a numbered line" if "#BBBBBB" in line_fills else "")
        )
    prior = c.case.prior_lines
    # (how lines are numbered, only where a numbered line is drawn: a figure cut before the
    # first one explained an "L≥" it did not show)
    numbered = "#BBBBBB" in line_fills
    if numbered and (prior.least or not prior.exact):
        # (the first line recorded is not the patient's first: say how it is numbered)
        notes.append(
            f"Lines: numbered after {prior.least} earlier lines the file does not record"
            if prior.exact
            else f"L≥: numbered after earlier lines the file does not record, at least {prior.least}"
            if prior.least
            else "L≥: numbered after earlier lines the file does not record, how many not given"
        )
    if (
        numbered
        and prior.exact
        and any(ln.number is not None and not ln.prior.exact for ln in c.checked.lines)
    ):
        # (a therapy marked `later_therapy: not-reported`: a line may have gone unrecorded; a
        # regimen of unknown intent may have been a line)
        why = []
        if any(getattr(e, "later_therapy", None) == "not-reported" for e in c.case.events):
            why.append("the source does not say what therapy followed an earlier one")
        if _unknown_intent(c):
            why.append(
                "an earlier regimen, of an intent the source does not give, may have been one"
            )
        notes.append(f"L≥: at least that line ({'; '.join(why)})")
    if any(isinstance(i, Text) and _STARRED.search(i.text) for i in (*c.items, *c.top)) or any(
        _STARRED.search(n) for n in c.notes
    ):
        notes.append(
            # (the tooltip says "(inferred)" only: the legend said the reason was there too)
            f"{INFERRED_STAR} after a name: a date the file infers from the source (its reason is"
            " in the case file and in 'timeline show --format json')"
        )
    # events nothing places in time (no date, and no date written against them, nor them
    # against one) are not drawn: the figure says so rather than leave them out unsaid (a MET
    # mutation "not dated in the abstract" was missing from its figure)
    left_out = [e for e in c.case.events if c.plan.start(e) is None]
    if c.plan.diagnosis() is None:
        # (a diagnosis the case writes `unknown` is not dated, but not "in no order": it came
        # before the treatment of the disease, or with the operation whose pathology made it;
        # "no order against another event" was read as a claim that it might have come after)
        notes.append("not drawn: the diagnosis, which the case does not date")
    if left_out:
        # (the summary's words, imported only for such a case: not on every drawing's start-up)
        from timeline.summary import event_words

        notes.append(
            "not drawn, as nothing in the case places them in time (no date, and no order"
            f" against another event): {'; '.join(event_words(e) for e in left_out)}"
        )
    room = c.scale.x1 - c.scale.x0
    if not t.legend:
        notes = []
    # (never cut short: what the legend leaves out, the drawing does not say)
    for i, line in enumerate(wrap(";   ".join(notes), small, room / 1.08, most=40)):
        row_y += small * 1.8
        if i == 0 and notes[0].startswith("thin rule"):
            c.items.append(
                Rect(
                    "legend-window",
                    c.scale.x0 - 16,
                    row_y - 0.9,
                    c.scale.x0 - 4,
                    row_y + 0.9,
                    "#555555" + WINDOW_ALPHA,
                    ("legend-swatch",),
                )
            )
        c.top.append(Text(f"legend-note-{i + 1}", c.scale.x0, row_y, line, small, ("legend-text",)))
    for i, note in enumerate(c.notes):
        for j, line in enumerate(wrap(f"({i + 1}) {note}", small, room / 1.08, most=40)):
            row_y += small * 1.5
            c.top.append(Text(f"note-{i + 1}-{j + 1}", c.scale.x0, row_y, line, small, ("note",)))
    return row_y + small * 1.5


def _title(checked: Checked, theme: Theme, cut: bool = False) -> tuple[str, ...]:
    """The lines over the figure: the case's title, the patient and the findings at diagnosis.
    A figure cut at a step (``cut``) leaves the title out, as a deck's step figure does: it
    tells the whole course that the cut hides ("… no recurrence, 7 years 10 months of
    survival"), and so does a case's id, most often ("…-sorafenib-long-term-cr")."""
    case = checked.case
    assert case is not None
    room = (theme.width - 24) / 1.12  # room for fonts wider than Helvetica
    lines: list[str] = []
    # the biomarkers of the diagnosis other than the receptors the patient line gives: a figure
    # on paper has no tooltip, and a KRAS G12C lung cancer's mutation was drawn only on the
    # marker of the autopsy that found it again
    others = [b.text() for b in case.diagnosis.biomarkers if not b.is_receptor]
    found = f"at diagnosis: {'; '.join(others)}" if others else ""
    patient = patient_line(case)
    if cut and age_told_later(case, checked.schedule):
        # (nor an age given at a later turn of the story: "74-year-old man (age at the
        # autoimmune hemolytic anemia)" over a figure cut at the first line)
        patient = patient_line(evolve(case, patient=evolve(case.patient, age=None)))
    for text in ("" if cut else case.title or case.id, patient, found):
        if text:
            lines.extend(wrap(text, theme.title_font, room))
    return tuple(lines)


def told_after(
    checked: Checked,
    event_id: str | None,
    zone: AfterZone | Literal["compute"] | None = "compute",
    inclusive: bool = False,
) -> frozenset[int]:
    """The ids of the events (with a regimen's exposures) told after ``event_id`` in the order
    the drawing tells them (:func:`drawn_order`; ``zone``: the zone after the scale when the
    caller has it already), and that event itself with what is tied to it when ``inclusive``
    (a figure as it stood before it); none without an event."""
    case, plan = checked.case, checked.schedule
    last = case.event(event_id) if case is not None and event_id else None
    if last is None or plan is None or case is None:
        return frozenset()
    order = drawn_order(plan, zone)
    limit = order(last)

    # (an event dated as the very point of the last one told is told with it: a radiotherapy
    # starting on the chemotherapy's day, written `start: chemo.start`, a complication dated
    # `date: recurrence`)
    def tied(e: Event) -> bool:
        return e.start is not None and e.start.on_start_of(last.id)

    out: set[int] = set()
    for e in case.events:
        if (order(e) > limit and not tied(e)) or (inclusive and (e is last or tied(e))):
            out.add(id(e))
            if isinstance(e, Regimen):
                out.update(id(x) for x in e.exposures)
    # supportive care the case dates by the start of a therapy told later, and puts before it
    # (premedication "before teclistamab, within a week"), is given for that therapy: told
    # with it (a question asking what premedication to give showed the premedication)
    told_later = {e.id for e in case.events if id(e) in out}
    chrono = checked.chrono
    for e in case.events:
        if (
            id(e) in out
            or not isinstance(e, Regimen)
            or e.intent != "supportive"
            or e.start is None
            or chrono is None
        ):
            continue
        start = point_key(e, "start")
        for anchor in e.start.anchors():
            if anchor.event in told_later and anchor.part != "end":
                ref = case.event(anchor.event)
                least = None if ref is None else chrono.least(start, point_key(ref, "start"))
                if least is not None and least >= 0:
                    out.add(id(e))
                    out.update(id(x) for x in e.exposures)
                    break
    return frozenset(out)


def _put_after(checked: Checked, first: str, key: str) -> bool:
    """Whether the case puts the point ``key`` no earlier than ``first`` and is not that
    point itself (written "after" it: drawn after it, in a zone of dates known only by
    order)."""
    chrono = checked.chrono
    assert chrono is not None
    return chrono.puts_after(first, key)


def _cut_in_zone(
    checked: Checked,
    drawn: Schedule,
    until: int,
    later: frozenset[int],
    order_until: int,
    cut_point: str | None = None,
) -> int:
    """Where a step told within the zone before the scale is cut: after the last point it
    tells (``until``, a day of the case's schedule, where no point is told after it). The
    schedule puts every point of the zone on the day the scale starts, so a cut at that day
    drew L1 whole, its end (the progression of the next step) included. Nor is a point the
    case puts after the cut's own event (``cut_point``) told: a figure cut at a recurrence
    "during adjuvant imatinib" drew the imatinib on past it, to the end the case puts after
    the recurrence, as stopped there."""
    case, plan, chrono = checked.case, checked.schedule, checked.chrono
    assert case is not None and plan is not None and chrono is not None
    canon = chrono.canonical
    hidden_ids = {e.id for e in case.events if id(e) in later}
    hidden = {
        canon(point_key(e, part))
        for e in case.events
        if id(e) in later
        for part in (("start", "end") if e.is_span else ("start",))
    }

    def dated_by_later(e: Event, part: str) -> bool:
        # (an end written as a later event, `end: pd`, is that event's day)
        spec = e.start if part == "start" else getattr(e, "end", None)
        on = getattr(spec, "on", None)
        return isinstance(on, Anchor) and on.event in hidden_ids

    told = [
        drawn_point.day
        for e in case.events
        if id(e) not in later
        for part in (("start", "end") if e.is_span else ("start",))
        if (key := point_key(e, part)) is not None
        and canon(key) not in hidden
        and not dated_by_later(e, part)
        and (p := plan.point(key)) is not None
        and p.day <= until
        and (drawn_point := drawn.point(key)) is not None
        and not (cut_point is not None and chrono.puts_after(cut_point, key))
    ]
    # (and the diagnosis, which is no event: a question before the first step, told nothing
    # else, drew the disease as diagnosed on to the day after the zone)
    found, shown = plan.point("diagnosis"), drawn.point("diagnosis")
    if found is not None and shown is not None and found.day <= until:
        told.append(shown.day)
    return max(told) if told and max(told) < order_until else until


def _disease_blank(c: Canvas) -> bool:
    """Whether nothing at all is drawn in the Disease lane: a metastatic kidney cancer with no
    response, progression or recurrence told, and lines before the first one it records (so
    no disease as diagnosed either), had a Disease lane left empty with no word of why, read
    as no disease."""
    lane = next((i for i in c.items if isinstance(i, Rect) and i.id == "lane-status"), None)
    if lane is None:
        return False
    return not any(
        isinstance(i, Rect)
        and i is not lane
        and not i.id.startswith("window-")
        and lane.y0 <= i.y0
        and i.y1 <= lane.y1
        and lane.x0 < i.x0 < lane.x1
        for i in c.items
    )


def _blank_before_first_state(c: Canvas) -> bool:
    """Whether the Disease lane is blank from the first therapy drawn to the first state it
    draws, in a case of lines before the first one it records (``prior_lines``), where the
    disease as diagnosed is not drawn."""
    prior = c.case.prior_lines
    if not (prior.least or not prior.exact):
        return False
    lane = next((i for i in c.items if isinstance(i, Rect) and i.id == "lane-status"), None)
    if lane is None:
        return False
    drawn = [
        i.x0
        for i in c.items
        if isinstance(i, Rect)
        and i is not lane
        and not i.id.startswith("window-")
        and lane.y0 <= i.y0
        and i.y1 <= lane.y1
        and lane.x0 < i.x0 < lane.x1
    ]
    starts = [
        i.x0
        for i in c.items
        if isinstance(i, Rect) and i.id.startswith("line-") and lane.x0 <= i.x0 < lane.x1
    ]
    return bool(drawn) and bool(starts) and min(drawn) - min(starts) > 4


def _blank_after(c: Canvas, how: str) -> bool:
    """Whether the Disease lane is left blank after a segment ended as its class ``how``
    says: the disease as diagnosed, by an operation whose completeness the source does not
    give ("ended-by-operation"); it, or a new therapy not yet assessed, by a therapy whose
    outcome the source does not record ("ended-unrecorded"); nothing drawn (no state, no
    blend into one) just after it."""
    ended = [i for i in c.items if isinstance(i, Rect) and how in i.classes]
    return any(
        not any(
            isinstance(i, Rect)
            and i is not segment
            and i.y0 == segment.y0
            and i.y1 == segment.y1
            and i.x0 <= segment.x1 + 1.5 < i.x1
            for i in c.items
        )
        for segment in ended
    )


def _pale_continuations(c: Canvas) -> list[str]:
    """The intents that continue a line drawn pale because the therapy before them was not a
    numbered line (niraparib maintenance after adjuvant chemotherapy): the legend's list of
    pale therapy left maintenance out."""
    pale = {ln.regimen.intent for ln in c.checked.lines if ln.number is None}
    return [i for i in ("consolidation", "maintenance") if i in pale]


def _pale_intents(c: Canvas) -> set[str]:
    """The intents of the regimens drawn as therapy that is not a numbered line."""
    return {ln.regimen.intent for ln in c.checked.lines if ln.number is None}


def _told_yet(c: Canvas, key: str | None) -> bool:
    """Whether a figure tells the point ``key`` (an axis counts from it): always, unless it is
    cut at a step before that point, or the point's event is told after the step's."""
    if c.cut is None or key is None:
        return True
    event = c.case.event(key.split(".")[0])
    found = c.plan.point(key)
    if event is None or found is None:
        return True
    return id(event) not in c.later and found.day <= c.cut


def _unspoiled(c: Canvas, caption: str) -> str:
    """The caption of a relative axis in a figure cut at a step: one that names an event the
    step has not reached says only that it counts from an event told later (the first step of a
    synovial sarcoma read "months from the recurrence (lung (bilateral))", the ending before
    its excision)."""
    if not caption or _told_yet(c, c.plan.anchor):
        return caption
    unit = caption.split(" ", 1)[0]
    # (not "months from month 0, an event told later": month 0 read as defined by itself)
    return f"{unit} from an event told later"


def _unknown_intent(c: Canvas) -> bool:
    """Whether the case has a regimen whose intent the source does not give."""
    return any(isinstance(e, Regimen) and e.intent == "unknown" for e in c.case.events)


def swimlane(
    checked: Checked,
    theme: Theme,
    until: int | None = None,
    highlight: frozenset[str] = frozenset(),
    evidence: list[Match] | None = None,
    until_event: str | None = None,
    before_event: str | None = None,
    untold: frozenset[str] = frozenset(),
) -> Scene:
    """The swimlane scene of a checked case (its case must have been read).

    ``until`` (a day ordinal) draws only what happened up to that day — nothing after it, so
    that a teaching step can ask "what next?" — on the time axis of the whole case;
    ``until_event`` (an event id) also leaves out what is told after that event though the
    dates put it on the same day, or in the zone of dates known only by order (by the
    schedule's order: plausible day, then place in the file); ``before_event`` leaves out that
    event too, with what is tied to its day (a question before a case's first step: nothing
    is told before it); ``untold`` names events left out as well, whatever their place (a
    deck's figure leaves out what a later step tells: a complete response known only to
    follow the start of ACVBP, drawn before the radiotherapy its step tells with ACVBP, was
    shown a step before it was told); ``highlight`` names the events and regimens to draw
    highlighted."""
    assert checked.case is not None and checked.chrono is not None
    plan = checked.schedule
    assert plan is not None
    apart, order_until = order_only(plan)
    after = after_zone(plan)
    later_apart = after.days if after is not None else {}
    order_from = after.last if after is not None else None
    apart = {**apart, **later_apart}
    drawn = plan.moved(apart, after.windows if after is not None else None) if apart else plan
    scale = time_scale(drawn, theme, order_until, order_from, after)
    # (the zone computed once)
    later = (
        told_after(checked, before_event, after, inclusive=True)
        if before_event
        else told_after(checked, until_event, after)
    )
    if untold:
        hidden = set(later)
        for e in checked.case.events:
            if e.id in untold:
                hidden.add(id(e))
                if isinstance(e, Regimen):
                    hidden.update(id(x) for x in e.exposures)
        later = frozenset(hidden)
    if until is not None and order_until is not None:
        cut_event = checked.case.event(until_event) if until_event else None
        until = _cut_in_zone(
            checked,
            drawn,
            until,
            later,
            order_until,
            point_key(cut_event, "start") if cut_event is not None else None,
        )
    if until is not None and later_apart:
        # the cut is a day of the case's schedule; the zone after the scale draws its points
        # later than that day: those the case puts on or before the cut stay in (what is told
        # after the cut's event is left out by ``until_event``)
        days = plan.planned()
        case = checked.case

        def told(key: str) -> bool:
            # (not a point of an event told after the step's: the last follow-up of a case
            # told only by order, on its earliest day in the schedule, drew the response and
            # the line before it out to its slot a step early)
            event = case.event(key.split(".")[0])
            if event is not None and id(event) in later:
                return False
            # (nor a point the case puts after the step's event: vandetanib stopped "after"
            # the progression the step is cut at, its end in the zone after the scale, took
            # the cut and the progression's PD out into that zone)
            return not (cut_point is not None and _put_after(checked, cut_point, key))

        cut_event = case.event(until_event) if until_event else None
        cut_point = point_key(cut_event, "start") if cut_event is not None else None
        moved = [
            d for k, d in later_apart.items() if k in days and days[k].day <= until and told(k)
        ]
        until = max([until, *moved])
    c = Canvas(
        checked,
        checked.case,
        checked.chrono,
        drawn,
        theme,
        scale,
        cut=until,
        highlight=highlight,
        words=plan if apart else None,
        later=later,
        cut_event=until_event if until is not None else None,
    )
    lanes = {
        key: shown
        for key, bars in therapy_bars(c).items()
        if (shown := [b for b in bars if c.shown(b.start.day)])
    }
    y = _lane(c, "lines", "Lines", False, functools.partial(draw_lines_lane, c), 0.0)
    if evidence:
        draw = functools.partial(draw_evidence, c, evidence)
        y = _lane(c, "evidence", "Trial medians", True, draw, y)
    for i, key in enumerate(lane_order(lanes)):
        draw = functools.partial(draw_bars, c, key, lanes[key])
        y = _lane(c, key, lane_name(key), i % 2 == 0, draw, y)
    y = _lane(c, "status", "Disease", False, functools.partial(draw_status, c), y)
    y = _lane(c, "events", "Events", True, functools.partial(draw_events, c), y)
    cut_at_breaks(c)
    # gridlines are edges, which Graphviz draws beneath every node (outputorder=edgesfirst)
    y = _axis(c, 0.0, y + 2)
    _clear_breaks(c)
    states = {s for _, s, _, _ in status_segments(c)}
    # (and the state a last follow-up reports that no recorded change leads to)
    states |= {i.classes[1] for i in c.items if isinstance(i, Rect) and i.id == "reported-status"}
    c.prune_notes()
    y = _legend(c, y + 4, lanes.keys(), states)
    title = _title(checked, theme, cut=until is not None) if theme.title_font else ()
    scene = Scene(theme.width, round(y + 6, 2), title, theme)
    scene.items.extend(c.items)
    scene.items.extend(c.top)
    return scene


def _undated_in_after_zone_words(c: Canvas) -> str:
    """What the legend adds about the events of the zone after the scale that the case does
    not put after the scale at all (:func:`_undated_in_after_zone`): "; the CAR-T is known
    only by its order and may lie on the scale as well"; "has no date at all" is said only of
    one the case relates to no other event (a PIK3CA test known to precede alpelisib was said
    to have no date at all)."""
    names = _undated_in_after_zone(c)
    if not names:
        return ""
    fwd, back = c.chrono.distance_graph()
    canon = c.chrono.canonical
    related = {
        name
        for name, key in names.items()
        if any(v and canon(v) != key for graph in (fwd, back) for v, _w in graph.get(key, ()))
    }
    parts = [
        f"{' and '.join(group)} {said(len(group))}"
        for group, said in (
            (
                [n for n in names if n in related],
                lambda n: f"{'is' if n == 1 else 'are'} known only by order",
            ),
            (
                [n for n in names if n not in related],
                lambda n: f"{'has' if n == 1 else 'have'} no date at all",
            ),
        )
        if group
    ]
    if len(parts) > 1:
        return f"; {parts[0]}, {parts[1]}; each may lie on the scale as well"
    return f"; {parts[0]} and may lie on the scale as well"


def _undated_in_after_zone(c: Canvas) -> dict[str, str]:
    """The events drawn right of the break before the zone after the scale that the case
    does not put after the scale at all, in words (with their start's point key): with no
    earliest day (a CAR-T known only between a diagnosis and a progression, beside a
    transplant "in 2021", was drawn past the break as if known to follow the transplant)."""
    if c.scale.order_from is None:
        return {}
    chrono, anchor = c.chrono, c.plan.anchor
    names: dict[str, str] = {}
    for event in c.case.events:
        key = point_key(event, "start")
        drawn = c.plan.point(key)
        if drawn is None or c.zone_of(drawn.day) != "after":
            continue
        if c.cut is not None and (
            id(event) in c.later or drawn.day > c.cut or not c.shown(drawn.day)
        ):
            continue  # (not one a figure cut at a step has not told: it names the outcome)
        if c.plan.relative:
            earliest_unknown = anchor is not None and chrono.least(anchor, key) is None
        else:
            earliest_unknown = chrono.bounds(key).lo <= NEG // 2
        if earliest_unknown and (name := anchor_name(chrono, event.id)) not in names:
            names[name] = chrono.canonical(key)
    return names


def _clear_breaks(c: Canvas) -> None:
    """The dashed line of each break of the axis, left out where a text crosses it: the
    break struck through the words of a label that runs across it ("pemetrexed" of a
    maintenance drawn at the break, "laparoscopic biopsy", an event's label), which read as
    belonging to the other side of the break."""
    # (the width as estimated, and a little more: a renderer's own font may set the words
    # wider, and "laparoscopic biopsy", estimated to end 7 pt short of a break, ran into it)
    boxes = [
        (b[0] - 0.06 * (b[2] - b[0]) - 1, b[1], b[2] + 0.06 * (b[2] - b[0]) + 1, b[3])
        for b in (i.box for i in (*c.items, *c.top) if isinstance(i, Text))
    ]
    out: list[Item] = []
    for item in c.items:
        if not (
            isinstance(item, Stroke)
            and item.dashed
            and "order-break" in item.classes
            and item.x0 == item.x1
        ):
            out.append(item)
            continue
        x, top, bottom = item.x0, min(item.y0, item.y1), max(item.y0, item.y1)
        gaps = sorted(
            (b[1] - 1.0, b[3] + 1.0)
            for b in boxes
            if b[0] < x - 0.5 and b[2] > x + 0.5 and b[3] > top and b[1] < bottom
        )
        pieces, at = [], top
        for g0, g1 in gaps:
            if g0 > at + 0.5:
                pieces.append((at, g0))
            at = max(at, g1)
        if bottom > at + 0.5:
            pieces.append((at, bottom))
        for k, (a, b) in enumerate(pieces):
            name = item.id if k == 0 else f"{item.id}-piece-{k + 1}"
            out.append(evolve(item, id=name, y0=round(a, 2), y1=round(b, 2)))
    c.items[:] = out


def _moved(item: Item, dx: float, dy: float) -> Item:
    """An item of a scene moved ``dx`` points right and ``dy`` down."""
    if isinstance(item, (Rect, Stroke)):
        return evolve(
            item,
            x0=round(item.x0 + dx, 2),
            x1=round(item.x1 + dx, 2),
            y0=round(item.y0 + dy, 2),
            y1=round(item.y1 + dy, 2),
        )
    if isinstance(item, Cut):
        return evolve(
            item, x=round(item.x + dx, 2), y0=round(item.y0 + dy, 2), y1=round(item.y1 + dy, 2)
        )
    return evolve(item, x=round(item.x + dx, 2), y=round(item.y + dy, 2))


#: the classes of what a legend is drawn of (swatches, markers, their words, the notes)
_KEY_CLASSES = frozenset({"legend-swatch", "legend-text", "legend-marker", "note"})


def key_scene(checked: Checked, theme: Theme) -> Scene:
    """The legend of the whole case's figure in ``theme`` alone, at that theme's type: a
    deck's figures have no legend of their own, and the whole timeline's fading bars, window
    rules, axis break, "L≥" and "*" were explained on no slide. It is the legend the figure
    would have, drawn from what the figure holds."""
    # (the whole width: drawn wider by the column of lane names, which it has none of, and
    # moved left over it)
    dx = 4 - theme.label_column
    keyed = evolve(theme, legend=True, width=theme.width - dx - 4)
    whole = swimlane(checked, keyed)
    items = [i for i in whole.items if _KEY_CLASSES & set(i.classes)]
    if not items:
        return Scene(theme.width, 0.0, (), keyed, [])

    def extent(i: Item) -> tuple[float, float]:
        if isinstance(i, (Rect, Stroke, Cut)):
            return min(i.y0, i.y1), max(i.y0, i.y1)
        half = i.size / 2 if isinstance(i, Glyph) else i.font * 0.7
        return i.y - half, i.y + half

    # the lines of the notes closer than under a figure (a paragraph, not rows to match
    # against swatches): a long key fits a slide at 18 pt
    rows = sorted({i.y for i in items if isinstance(i, Text) and _is_note(i)})
    if len(rows) > 1:
        step = keyed.small * 1.2
        closer = {y: round(rows[0] + k * step, 2) for k, y in enumerate(rows)}
        items = [
            evolve(i, y=closer[i.y]) if isinstance(i, Text) and _is_note(i) else i for i in items
        ]
    top = min(extent(i)[0] for i in items)
    bottom = max(extent(i)[1] for i in items)
    dy = 4 - top
    moved = [_moved(i, dx, dy) for i in items]
    return Scene(
        theme.width, round(bottom - top + 10, 2), (), evolve(keyed, width=theme.width), moved
    )


def _is_note(item: Text) -> bool:
    """Whether a text of the legend is a line of its notes (not a swatch's or marker's name)."""
    return item.id.startswith(("legend-note", "note-"))
