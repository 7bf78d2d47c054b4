"""The cohort figure: one swimmer lane per case, all on one axis of months.

Every case of a library becomes a lane, aligned at its diagnosis or at the start of its first
advanced line (the first numbered line: not adjuvant, not neoadjuvant), longest follow-up on
top. A lane holds the case's therapies as bars coloured by class exactly as in the swimlane
(:data:`timeline.render.style.LANE_COLOURS`), stacked where they overlap; above them its
responses, progressions and recurrences as markers; at its end a death or the last follow-up.

Time is as truthful as in the swimlane: every date is drawn at its day on the case's plausible
schedule (:mod:`timeline.schedule`), and a date the source does not give exactly gets the same
thin rule spanning its window (:meth:`timeline.render.canvas.Canvas.window`). An alignment
point that is itself uncertain carries its rule too, so a lane never looks more precisely
aligned than its case allows. Therapy whose end is not given fades out; therapy ongoing at the
last follow-up ends in an arrow.

The figure is a :class:`~timeline.render.scene.Scene` turned into DOT by
:func:`timeline.render.dot.scene_dot` (every node pinned, ``neato``), so the system and the
in-process Graphviz both draw it, as SVG, PNG or PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs
from attrs import frozen

from timeline.dates import DAYS_PER_MONTH
from timeline.model import Death, DiseaseEvent, Event, FollowUp, Response
from timeline.points import NEG
from timeline.render.bars import Bar, bar_extent, lane_order, therapy_bars
from timeline.render.canvas import WINDOW_ALPHA, Canvas
from timeline.render.disease import WINDOW_RULE_STEP, window_rows
from timeline.render.dot import ENGINE, classes_of, scene_dot
from timeline.render.scene import Glyph, Item, Rect, Rows, Scene, Stroke, Text, slug, wrap
from timeline.render.style import (
    CATEGORY_COLOURS,
    EVENT_SHAPES,
    LANE_COLOURS,
    THEMES,
    WINDOWED_NOTE,
    text_width,
)
from timeline.render.timescale import TimeScale
from timeline.schedule import when_text
from timeline.validate import Checked
from timeline.wording import patient_line

__all__ = ["ALIGNS", "Cohort", "cohort_dot", "cohort_scene", "render_cohort"]

ALIGNS = ("diagnosis", "first-advanced-line")
Align = Literal["diagnosis", "first-advanced-line"]

#: month steps between ticks, tried from the finest until the axis holds at most 12 ticks
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 36, 60, 120, 240)

#: marker kind -> (Graphviz shape, fill, legend text); responses differ in shape or in the
#: lightness of their fill as well as in colour (CR, a filled circle, from the smaller white
#: one of diagnosis), and a PD response is drawn as the progression it is
MARKERS: dict[str, tuple[str, str, str]] = {
    "diagnosis": (EVENT_SHAPES["diagnosis"][0], EVENT_SHAPES["diagnosis"][1], "diagnosis"),
    "cr": ("circle", CATEGORY_COLOURS["cr"], "CR"),
    # shapes the swimlane does not use for its events (there a triangle is resistance, a
    # hexagon a biomarker), so the two figures never give one shape two meanings
    "pr": ("pentagon", CATEGORY_COLOURS["pr"], "PR"),
    "sd": ("octagon", CATEGORY_COLOURS["sd"], "SD"),
    "pd": (
        EVENT_SHAPES["progression"][0],
        EVENT_SHAPES["progression"][1],
        "PD / progression / recurrence",
    ),
    "death": (EVENT_SHAPES["death"][0], EVENT_SHAPES["death"][1], "death"),
    "follow-up": (
        EVENT_SHAPES["follow-up"][0],
        EVENT_SHAPES["follow-up"][1],
        "last follow-up, alive",
    ),
    # the source does not say whether the patient was alive: never drawn as "alive"
    "follow-up-unknown": (
        EVENT_SHAPES["follow-up"][0],
        "#BBBBBB",
        "last follow-up, vital status not reported",
    ),
}
_MARKER_ORDER = tuple(MARKERS)
#: lanes of the swimlane that are not anti-cancer therapy, left out of the cohort figure
_NOT_THERAPY = ("supportive", "procedure")


@frozen
class Cohort:
    """The cohort figure's scene, the cases it draws (in lane order) and those it leaves out,
    each with why."""

    scene: Scene
    drawn: tuple[str, ...]
    left_out: tuple[tuple[str, str], ...]


def _align_day(checked: Checked, align: str) -> int | None:
    plan = checked.schedule
    assert plan is not None
    if align == "diagnosis":
        found = plan.diagnosis()
        return None if found is None else found.day
    starts = [
        p.day
        for ln in checked.lines
        if ln.number is not None and (p := plan.start(ln.regimen)) is not None
    ]
    return min(starts) if starts else None


def _end(checked: Checked) -> tuple[int, Event | None]:
    """The last day of a case (its death or last follow-up, else its latest date) and the
    event that ends it."""
    plan = checked.schedule
    assert plan is not None and checked.case is not None
    ends = [
        (p.day, e)
        for e in checked.case.events
        if isinstance(e, Death | FollowUp) and (p := plan.start(e)) is not None
    ]
    if ends:
        day, event = max(ends, key=lambda t: (t[0], isinstance(t[1], Death)))
        return day, event
    return max(plan.days()), None


def _class_name(key: str) -> str:
    if key == "local":
        return "local therapy"
    if key == "other":
        return "other agents"
    if key in ("endocrine", "targeted", "bone-targeted"):
        return f"{key} therapy"
    return key


def _months(days: float) -> float:
    return days / DAYS_PER_MONTH


@frozen
class _Lane:
    checked: Checked
    align: int
    end: int
    end_event: Event | None
    first: int  # first day drawn

    @property
    def follow_up(self) -> int:
        return self.end - self.align


def _merged(bars: list[Bar]) -> list[Bar]:
    """The bars of one class, those drawn exactly alike (same class, same days and windows:
    cisplatin and etoposide given together) made one, its tooltip naming every agent."""
    groups: dict[tuple[object, ...], list[Bar]] = {}
    for bar in bars:
        key = (bar.lane.split(":")[0], bar.start, bar.end, bar.ongoing, bar.point)
        groups.setdefault(key, []).append(bar)
    out = []
    for same in groups.values():
        first = same[0]
        if len(same) == 1:
            out.append(first)
            continue
        classes = list(first.classes)
        for other in same[1:]:
            classes.extend(k for k in other.classes if k not in classes)
        out.append(
            attrs.evolve(
                first,
                label=" + ".join(b.label for b in same),
                classes=tuple(classes),
                tooltip=" | ".join(b.tooltip for b in same),
            )
        )
    return out


def _markers(c: Canvas) -> list[tuple[str, Event]]:
    out: list[tuple[str, Event]] = []
    for e in c.case.events:
        if isinstance(e, Response) and e.category in ("CR", "PR", "SD", "PD"):
            out.append((e.category.lower(), e))
        elif isinstance(e, DiseaseEvent):
            out.append(("pd", e))
    return out


def cohort_scene(
    checked: Sequence[Checked], theme: str = "slide", align: Align = "diagnosis"
) -> Cohort:
    """The cohort figure of the cases among ``checked`` that were read without errors (trial
    files and cases with errors are left out, as are cases without the alignment point)."""
    if align not in ALIGNS:
        raise ValueError(f"unknown alignment {align!r} (must be one of {', '.join(ALIGNS)})")
    t = THEMES[theme]
    left_out: list[tuple[str, str]] = []
    lanes: list[_Lane] = []
    for ch in checked:
        if ch.trial is not None:
            continue
        if not ch.ok or ch.case is None or ch.schedule is None:
            left_out.append((ch.case.id if ch.case else ch.path, "the case has errors"))
            continue
        day = _align_day(ch, align)
        if day is None:
            why = "no diagnosis date" if align == "diagnosis" else "no advanced line"
            left_out.append((ch.case.id, why))
            continue
        end, end_event = _end(ch)
        first = min(min(ch.schedule.days()), end)
        lanes.append(_Lane(ch, day, end, end_event, first))
    lanes.sort(key=lambda ln: (-ln.follow_up, ln.checked.case.id))  # type: ignore[union-attr]

    small = t.small
    ids = [ln.checked.case.id for ln in lanes]  # type: ignore[union-attr]
    longest = max((text_width(i, small) * 1.08 for i in ids), default=0.0)
    label_column = min(max(t.label_column, longest + 16), t.width * 0.4)
    x0, x1 = label_column + 8, t.width - 24  # room on the right for ongoing arrows
    lo = min((ln.first - ln.align for ln in lanes), default=0)
    hi = max((ln.end - ln.align for ln in lanes), default=365)
    lo, hi = min(lo, 0), max(hi, 30)
    margin = max(10, (hi - lo) // 40)
    lo, hi = lo - margin, hi + margin

    items: list[Item] = []
    top: list[Item] = []
    used_classes: set[str] = set()
    used_markers: set[str] = set()
    size = small * 0.95
    mark_pitch = size + 4.5  # a marker and the rule of its window
    bar_h = t.row * 0.42
    bar_pitch = bar_h + 5.0  # a bar and the rule of its window
    y = 0.0
    for n, lane in enumerate(lanes, 1):
        case = lane.checked.case
        assert case is not None and lane.checked.chrono is not None
        plan = lane.checked.schedule
        assert plan is not None
        scale = TimeScale(lane.align + lo, lane.align + hi, x0, x1, False, lane.align, "")
        c = Canvas(lane.checked, case, lane.checked.chrono, plan, t, scale)
        tag = f"case-{slug(case.id)}"
        prefix = f"c{n}-"
        # therapy bars, packed into rows where they overlap
        bars = therapy_bars(c)
        bar_rows = Rows()
        placed: list[tuple[Bar, int, float, float]] = []
        for key in lane_order(bars):
            if key.split(":")[0] in _NOT_THERAPY:
                continue
            for bar in _merged(bars[key]):
                bx0, bx1 = bar_extent(c, bar, stub=10, thinnest=2.5)
                tail = bx1 + (12 if bar.ongoing else 0)
                row = bar_rows.first_free(bx0 - 1, tail + 1)
                bar_rows.take(row, bx0 - 1, tail + 1)
                placed.append((bar, row, bx0, bx1))
        # markers, packed into rows where they would touch
        mark_rows = Rows()
        marks: list[tuple[str, Event, int, float]] = []
        diag = plan.diagnosis()
        if diag is not None:  # first, in the first row: other markers keep clear of it
            dx = c.x(diag.day)
            mark_rows.take(0, dx - size / 2 - 1, dx + size / 2 + 1)
        found = _markers(c)
        if lane.end_event is not None:
            last = lane.end_event
            if isinstance(last, Death):
                kind = "death"
            elif isinstance(last, FollowUp) and last.status.startswith("alive"):
                kind = "follow-up"
            else:
                kind = "follow-up-unknown"
            found.append((kind, last))
        for kind, event in sorted(
            found,
            key=lambda m: (plan.start(m[1]).day, m[1].index),  # type: ignore[union-attr]
        ):
            planned = plan.start(event)
            assert planned is not None
            mx = c.x(planned.day)
            row = mark_rows.first_free(mx - size / 2 - 1, mx + size / 2 + 1)
            mark_rows.take(row, mx - size / 2 - 1, mx + size / 2 + 1)
            marks.append((kind, event, row, mx))
        n_marks = max(mark_rows.count, 1)
        n_bars = max(bar_rows.count, 1)
        # windows that would run into each other under a row of markers go on rows of their
        # own (as in the swimlane), the rows below moving down
        entries = [(event.id, plan.start(event), row) for _k, event, row, _x in marks]
        window_row, extra = window_rows(c, [("", diag, 0)] * (diag is not None) + entries, n_marks)
        y_marks = y + 4
        row_y = [y_marks + r * mark_pitch + sum(extra[:r]) + size / 2 for r in range(n_marks)]
        y_bars = y_marks + n_marks * mark_pitch + sum(extra) + 1
        bottom = y_bars + n_bars * bar_pitch + 3
        label_lines = wrap(case.id, small, label_column - 12, most=2)
        bottom = max(bottom, y + len(label_lines) * small * 1.2 + 6)
        items.append(
            Rect(
                f"{prefix}lane",
                4,
                y,
                t.width - 4,
                bottom,
                "#0000000A" if n % 2 else "#FFFFFF00",
                ("cohort-lane", tag),
                tooltip=f"{case.title or case.id}; {patient_line(case)}",
            )
        )
        for i, text in enumerate(label_lines):
            top.append(
                Text(
                    f"{prefix}label" + (f"-{i + 1}" if i else ""),
                    8,
                    (y + bottom) / 2 + (i - (len(label_lines) - 1) / 2) * small * 1.2,
                    text,
                    small,
                    ("lane-label", tag),
                    bold=False,
                    tooltip=case.title or "",
                )
            )
        # the lane's course: from its first date to its death or last follow-up
        base_y = y_bars + bar_pitch / 2 - 2
        items.append(
            Stroke(
                f"{prefix}course",
                c.x(lane.first),
                base_y,
                c.x(lane.end),
                base_y,
                "#888888",
                1.0,
                classes=("course", tag),
            )
        )
        for bar, row, bx0, bx1 in placed:
            cy = y_bars + row * bar_pitch + bar_h / 2
            base = bar.lane.split(":")[0]
            used_classes.add(base)
            ident = f"{prefix}bar-{bar.key}"
            items.append(
                Rect(
                    ident,
                    bx0,
                    cy - bar_h / 2,
                    bx1,
                    cy + bar_h / 2,
                    bar.colour,
                    (*bar.classes, tag),
                    tooltip=f"{case.id}: {bar.tooltip}",
                    fade="end" if bar.end is None and not bar.point else "",
                    fades=(0.0, 0.0)
                    if bar.point
                    else c.uncertain_edges(bar.start, None if bar.ongoing else bar.end, bx0, bx1),
                )
            )
            rule_y = cy + bar_h / 2 + 1.8
            c.window(f"{prefix}window-{bar.key}-start", bar.start, rule_y, bar.colour, ("start",))
            if not bar.ongoing and not bar.point:
                c.window(f"{prefix}window-{bar.key}-end", bar.end, rule_y, bar.colour, ("end",))
            if bar.ongoing:
                c.items.append(
                    Stroke(
                        f"{prefix}ongoing-{bar.key}",
                        bx1,
                        cy,
                        bx1 + 10,
                        cy,
                        bar.colour,
                        2.0,
                        arrow=True,
                        classes=("ongoing-arrow", tag),
                    )
                )
        for kind, event, row, mx in marks:
            shape, fill, _text = MARKERS[kind]
            used_markers.add(kind)
            my = row_y[row]
            planned = plan.start(event)
            what = _text if kind not in ("cr", "pr", "sd") else kind.upper()
            if isinstance(event, DiseaseEvent):
                what = event.type
            elif isinstance(event, Response) and kind == "pd":
                what = "PD"
            top.append(
                Glyph(
                    f"{prefix}{slug(kind)}-{slug(event.id)}",
                    mx,
                    my,
                    shape,
                    size * (1.15 if shape in ("triangle", "diamond") else 1.0),
                    fill,
                    ("event", kind, tag),
                    tooltip=f"{case.id}: {what}, {c.when(event)}",
                )
            )
            c.window(
                f"{prefix}window-{slug(event.id)}",
                planned,
                my + size / 2 + 2 + window_row.get(event.id, 0) * WINDOW_RULE_STEP,
                "#555555",
                ("event",),
            )
        # the alignment point: a diagnosis marker at 0 (with the window of its date), or the
        # start of the first advanced line, whose bar already carries its window
        if diag is not None:
            used_markers.add("diagnosis")
            dy = row_y[0]
            top.append(
                Glyph(
                    f"{prefix}diagnosis",
                    c.x(diag.day),
                    dy,
                    MARKERS["diagnosis"][0],
                    size * 0.8,
                    MARKERS["diagnosis"][1],
                    ("event", "diagnosis", tag),
                    tooltip=f"{case.id}: diagnosis, {when_text(c.chrono.diagnosis(), diag)}",
                )
            )
            wy = dy + size / 2 + 2 + window_row.get("", 0) * WINDOW_RULE_STEP
            c.window(f"{prefix}window-diagnosis", diag, wy, "#555555", ("event",))
        items.extend(c.items)
        y = bottom
    drawn = tuple(ln.checked.case.id for ln in lanes)  # type: ignore[union-attr]
    y = _axis(items, top, t, lo, hi, x0, x1, y + 2, align)
    # a lane aligned at a diagnosis the case gives no earliest day for is aligned at the latest
    # day it can be: said under the figure, so that its month 0 is not read as the diagnosis
    open_aligned = align == "diagnosis" and any(
        (d := ln.checked.schedule.diagnosis()) is not None  # type: ignore[union-attr]
        and d.window.lo <= NEG // 2
        for ln in lanes
    )
    y = _legend(items, top, t, x0, x1, y + 4, used_classes, used_markers, left_out, open_aligned)
    title = (
        (
            f"{len(lanes)} case{'s' * (len(lanes) != 1)}, aligned at "
            + ("diagnosis" if align == "diagnosis" else "the start of the first advanced line")
            + "; longest follow-up on top",
        )
        if t.title_font
        else ()
    )
    scene = Scene(t.width, round(y + 6, 2), title, t)
    scene.items.extend(items)
    scene.items.extend(top)
    return Cohort(scene, drawn, tuple(left_out))


def _axis(
    items: list[Item],
    top: list[Item],
    t: object,
    lo: int,
    hi: int,
    x0: float,
    x1: float,
    y: float,
    align: str,
) -> float:
    from timeline.render.style import Theme

    assert isinstance(t, Theme)

    def x(day: float) -> float:
        return round(x0 + (day - lo) * (x1 - x0) / (hi - lo), 2)

    span = _months(hi - lo)
    step = next((s for s in _MONTH_STEPS if span / s <= 11), _MONTH_STEPS[-1])
    first = -int(_months(-lo) // step) * step
    items.append(Stroke("axis", x0, y, x1, y, "#000000", 0.8, classes=("axis",)))
    m = first
    while m * DAYS_PER_MONTH <= hi:
        if m * DAYS_PER_MONTH >= lo:
            tx = x(m * DAYS_PER_MONTH)
            zero = m == 0
            items.append(
                Stroke(
                    f"grid-{m}",
                    tx,
                    0,
                    tx,
                    y,
                    "#666666" if zero else "#D0D0D0",
                    1.0 if zero else 0.6,
                    dashed=not zero,
                    classes=("gridline", "zero") if zero else ("gridline",),
                )
            )
            items.append(Stroke(f"tick-{m}", tx, y, tx, y + 4, "#000000", 0.8, classes=("tick",)))
            top.append(
                Text(
                    f"tick-label-{m}",
                    tx,
                    y + 5 + t.small * 0.7,
                    str(m),
                    t.small,
                    ("tick-label",),
                    anchor="middle",
                )
            )
        m += step
    caption = "months from " + (
        "diagnosis" if align == "diagnosis" else "the start of the first advanced line"
    )
    y_end = y + 5 + t.small * 1.6
    top.append(
        Text(
            "axis-caption",
            (x0 + x1) / 2,
            y_end + t.small * 0.6,
            caption,
            t.small,
            ("axis-caption",),
            anchor="middle",
        )
    )
    return y_end + t.small * 1.5


def _legend(
    items: list[Item],
    top: list[Item],
    t: object,
    x0: float,
    x1: float,
    y: float,
    classes: set[str],
    markers: set[str],
    left_out: list[tuple[str, str]],
    open_aligned: bool = False,
) -> float:
    from timeline.render.style import Theme

    assert isinstance(t, Theme)
    if not t.legend:
        return y
    small = t.small
    order = lane_order({k: [] for k in classes})
    entries: list[tuple[str, str, str]] = [("swatch", k, _class_name(k)) for k in order]
    entries += [("marker", k, MARKERS[k][2]) for k in _MARKER_ORDER if k in markers]
    x = x0
    row_y = y + small
    sw = small * 1.4
    for what, key, name in entries:
        w = sw + 4 + text_width(name, small) * 1.15 + 14
        if x + w > x1:
            x = x0
            row_y += small * 1.8
        ident = f"legend-{slug(key)}"
        if what == "swatch":
            items.append(
                Rect(
                    ident,
                    x,
                    row_y - small * 0.5,
                    x + sw,
                    row_y + small * 0.5,
                    LANE_COLOURS.get(key, LANE_COLOURS["other"]),
                    ("legend-swatch",),
                )
            )
        else:
            shape, fill, _ = MARKERS[key]
            top.append(
                Glyph(ident, x + sw / 2, row_y, shape, small * 0.95, fill, ("legend-marker",))
            )
        top.append(Text(f"{ident}-text", x + sw + 4, row_y, name, small, ("legend-text",)))
        x += w
    every = [*items, *top]
    notes = []
    if any("window" in i.classes for i in every):
        notes.append(
            "thin rule under a bar or marker: the window an uncertain date lies in"
            " (drawn at its plausible day; a dashed arrow: open on that side)"
        )
    if any(isinstance(i, Stroke) and "ongoing-arrow" in i.classes for i in every):
        notes.append("→ ongoing at the last follow-up")
    if any(isinstance(i, Rect) and i.fade for i in every):
        notes.append("fading end: end not reported, or not dated")
    if any(isinstance(i, Rect) and max(i.fades) > 0 for i in every):
        notes.append(WINDOWED_NOTE)
    if open_aligned:
        notes.append(
            "a diagnosis with a dashed arrow to the left: known only to come before what"
            " follows it; its lane is aligned at the latest day it can be, and dates given only"
            " in order after it are drawn at their earliest, not at any distance the case states"
        )
    if left_out:
        notes.append("not drawn: " + ", ".join(f"{ident} ({why})" for ident, why in left_out))
    for i, line in enumerate(wrap(";   ".join(notes), small, (x1 - x0) / 1.08, most=12)):
        row_y += small * 1.8 if i == 0 else small * 1.5
        if i == 0 and notes and notes[0].startswith("thin rule"):
            items.append(
                Rect(
                    "legend-window",
                    x0 - 16,
                    row_y - 0.9,
                    x0 - 4,
                    row_y + 0.9,
                    "#555555" + WINDOW_ALPHA,
                    ("legend-swatch",),
                )
            )
        top.append(Text(f"legend-note-{i + 1}", x0, row_y, line, small, ("legend-text",)))
    return row_y + small * 1.5


def cohort_dot(
    checked: Sequence[Checked], theme: str = "slide", align: Align = "diagnosis"
) -> tuple[str, str, dict[str, tuple[str, ...]], Cohort]:
    """(DOT source, layout engine, SVG classes by element id, the cohort) of the figure."""
    cohort = cohort_scene(checked, theme, align)
    return scene_dot(cohort.scene, "cohort"), ENGINE, classes_of(cohort.scene), cohort


def render_cohort(
    checked: Sequence[Checked],
    *,
    align: Align = "diagnosis",
    theme: str = "slide",
    fmt: str = "svg",
    backend: str = "auto",
) -> tuple[bytes, Cohort]:
    """The cohort figure as bytes of ``fmt`` (svg, png or pdf), drawn as
    :func:`timeline.render.render_case` draws a case, and the cohort it drew."""
    from timeline.render.engines import backend_for, draw, rasterise
    from timeline.render.svg import finish

    source, engine, classes, cohort = cohort_dot(checked, theme, align)
    which = backend_for(backend)  # type: ignore[arg-type]
    zoom = THEMES[theme].zoom
    if fmt != "svg" and which == "system":
        return draw(source, engine, fmt, which, zoom), cohort
    if fmt not in ("svg", "png"):
        return draw(source, engine, fmt, which, zoom), cohort  # raises: says what to install
    svg = finish(draw(source, engine, "svg", which), classes)
    return (svg if fmt == "svg" else rasterise(svg, zoom)), cohort
