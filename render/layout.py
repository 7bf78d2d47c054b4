"""Where everything goes: a checked case becomes a scene of rectangles, texts, lines and markers.

Pure geometry in points (origin top left, y downwards); nothing here knows Graphviz.

* Time runs left to right, **proportional to real time**: one day is the same width
  everywhere (no compression, so no axis break is needed). Cases written in calendar dates
  get a calendar axis with year gridlines; cases whose dates are all relative to the
  diagnosis (seed case report 003) get an axis in months from the diagnosis.
* Every date is drawn at the earliest day it can be: a month or a year at its first day, a
  therapy that starts "after" an event right after it (a switch follows the event that caused
  it). Together these days satisfy every relation of the case, so the drawing never shows an
  order the case rules out. Whatever is uncertain is drawn faded at that end, and its tooltip
  gives the window.
* Labels never overlap: a bar too short for its name gets the name beside it, in a free
  place of its row or on a row of its own; event and change labels stack when they would
  collide.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable

import pendulum
from attrs import define, field, frozen

from render.style import (
    CATEGORY_COLOURS,
    EVENT_SHAPES,
    LANE_COLOURS,
    Theme,
    text_colour,
    text_width,
)
from timeline.catalogue import CLASSES
from timeline.dates import CalendarDate
from timeline.model import (
    BiomarkerTest,
    Death,
    DiseaseEvent,
    Event,
    Exposure,
    FollowUp,
    Radiotherapy,
    Resistance,
    Response,
    Surgery,
    Toxicity,
)
from timeline.summary import patient_line
from timeline.validate import Checked

__all__ = ["Line", "Marker", "Rect", "Scene", "Text", "slug", "swimlane"]


def slug(text: str) -> str:
    """A class or id token: lower case, letters, digits and hyphens."""
    out = []
    for ch in text.lower():
        out.append(ch if ch.isalnum() else "-")
    return "-".join(p for p in "".join(out).split("-") if p) or "x"


# -- the scene ---------------------------------------------------------------------------------
@frozen
class Rect:
    id: str
    x0: float
    y0: float
    x1: float
    y1: float
    fill: str
    classes: tuple[str, ...] = ()
    label: str = ""
    font: float = 10.0
    font_colour: str = "#000000"
    stroke: str = "none"
    tooltip: str = ""
    fade: str = ""  # "", "start", "end", "both": faded ends for uncertain dates


@frozen
class Text:
    id: str
    x: float  # left edge (anchor "start") or centre (anchor "middle")
    y: float  # centre line
    text: str
    font: float
    classes: tuple[str, ...] = ()
    anchor: str = "start"
    colour: str = "#000000"
    bold: bool = False
    tooltip: str = ""

    @property
    def width(self) -> float:
        return text_width(self.text, self.font) * (1.08 if self.bold else 1.0)

    @property
    def box(self) -> tuple[float, float, float, float]:
        x0 = self.x if self.anchor == "start" else self.x - self.width / 2
        return (x0, self.y - self.font * 0.6, x0 + self.width, self.y + self.font * 0.6)


@frozen
class Line:
    id: str
    x0: float
    y0: float
    x1: float
    y1: float
    colour: str = "#000000"
    width: float = 1.0
    arrow: bool = False
    dashed: bool = False
    classes: tuple[str, ...] = ()


@frozen
class Marker:
    id: str
    x: float
    y: float
    shape: str
    size: float
    fill: str
    classes: tuple[str, ...] = ()
    tooltip: str = ""


Item = Rect | Text | Line | Marker


@define
class Scene:
    width: float
    height: float
    title: tuple[str, ...]
    theme: Theme
    items: list[Item] = field(factory=list)

    def add(self, item: Item) -> None:
        self.items.append(item)


# -- helpers -----------------------------------------------------------------------------------
class _Rows:
    """Occupied horizontal extents of one row, to find free places for labels."""

    def __init__(self) -> None:
        self.rows: list[list[tuple[float, float]]] = []

    def free(self, row: int, x0: float, x1: float) -> bool:
        while len(self.rows) <= row:
            self.rows.append([])
        return all(x1 <= a or x0 >= b for a, b in self.rows[row])

    def take(self, row: int, x0: float, x1: float) -> None:
        self.free(row, x0, x1)
        self.rows[row].append((x0, x1))

    def first_free(self, x0: float, x1: float, start: int = 0) -> int:
        row = start
        while not self.free(row, x0, x1):
            row += 1
        return row

    @property
    def count(self) -> int:
        return len(self.rows)


@frozen
class _Bar:
    key: str
    lane: str
    label: str
    start: int
    end: int
    start_uncertain: bool
    end_uncertain: bool
    ongoing: bool
    classes: tuple[str, ...]
    tooltip: str
    colour: str


def _spec_is_calendar(event: Event) -> bool:
    for spec in (event.start, event.end):
        if (
            spec is not None
            and spec.kind == "on"
            and isinstance(spec.on, CalendarDate)
            and spec.on.precision in ("day", "month")
        ):
            return True
    return False


def _lane_name(key: str) -> str:
    if ":" in key:  # targeted therapy split by subclass
        return key.split(":")[1][:1].upper() + key.split(":")[1][1:]
    return {"local": "Local"}.get(key, key[:1].upper() + key[1:])


def _class_label(agent_class: str) -> str:
    return (
        f"{agent_class} therapy"
        if agent_class in ("endocrine", "targeted", "bone-targeted")
        else agent_class
    )


# -- the swimlane diagram ----------------------------------------------------------------------
class _Builder:
    def __init__(self, checked: Checked, theme: Theme) -> None:
        assert checked.case is not None and checked.chrono is not None
        self.checked = checked
        self.case = checked.case
        self.ch = checked.chrono
        self.t = theme
        self.items: list[Item] = []
        self.top_items: list[Item] = []  # drawn last (labels over everything)

    # time ---------------------------------------------------------------------------------
    def when(self, item: Event | Exposure, part: str = "start") -> tuple[int | None, bool]:
        """Display day of a start or end, and whether it is uncertain.

        Every date is drawn at the earliest day it can be. The earliest days of all points
        together always satisfy every relation of the case (they are a solution of its
        simple temporal network), so the drawing never shows an order the case rules out.
        """
        b = self.ch.start(item) if part == "start" else self.ch.end(item)
        return b.first_day, b.lo != b.hi

    def setup_time(self) -> None:
        days: list[int] = []
        diag = self.ch.diagnosis().first_day
        if diag is not None:
            days.append(diag)
        for e in self.case.events:
            for part in ("start", "end"):
                d, _ = self.when(e, part)
                if d is not None:
                    days.append(d)
        follow = next((e for e in self.case.events if isinstance(e, FollowUp | Death)), None)
        if follow is not None:
            d, _ = self.when(follow)
            if d is not None:
                days.append(d)
        lo, hi = min(days), max(days)
        span = max(hi - lo, 60)
        self.t0 = lo - max(15, span // 40)
        self.t1 = hi + max(45, span // 25)
        self.x0 = self.t.label_column + 8
        self.x1 = self.t.width - 10
        self.k = (self.x1 - self.x0) / (self.t1 - self.t0)
        self.calendar = any(_spec_is_calendar(e) for e in self.case.events)
        self.anchor = diag if diag is not None else lo

    def x(self, day: int) -> float:
        return round(self.x0 + (day - self.t0) * self.k, 2)

    # lanes --------------------------------------------------------------------------------
    def therapy_bars(self) -> dict[str, list[_Bar]]:
        lanes: dict[str, list[_Bar]] = {}
        for e in self.case.events:
            if isinstance(e, Surgery):
                d, unc = self.when(e)
                if d is None:
                    continue
                tip = "; ".join(
                    x
                    for x in (e.procedure, e.findings, f"date: {self.ch.start(e).text()}", e.note)
                    if x
                )
                lanes.setdefault("local", []).append(
                    _Bar(
                        e.id,
                        "local",
                        e.procedure or "surgery",
                        d,
                        d + 1,
                        unc,
                        unc,
                        False,
                        ("therapy", "local", "surgery"),
                        tip,
                        LANE_COLOURS["local"],
                    )
                )
            elif isinstance(e, Radiotherapy):
                s, su = self.when(e)
                if s is None:
                    continue
                end, eu = self.when(e, "end")
                if e.end is None:
                    end, eu = s + 1, True
                label = " ".join(str(x) for x in ("RT", e.site, e.dose) if x)
                tip = "; ".join(
                    x
                    for x in (
                        label,
                        f"{e.fractions} fractions" if e.fractions else "",
                        f"{self.ch.start(e).text()} → {self.ch.end(e).text() if e.end else 'end not reported'}",
                        e.note,
                    )
                    if x
                )
                lanes.setdefault("local", []).append(
                    _Bar(
                        e.id,
                        "local",
                        label,
                        s,
                        max(end or s + 1, s + 1),
                        su,
                        eu,
                        False,
                        ("therapy", "local", "radiotherapy"),
                        tip,
                        LANE_COLOURS["local"],
                    )
                )
        split = self._targeted_split()
        for line in self.checked.lines:
            reg = line.regimen
            for exp in reg.exposures:
                s, su = self.when(exp)
                end, eu = self.when(exp, "end")
                if s is None:
                    continue
                ongoing = reg.ongoing and exp.end_date is None
                if end is None:
                    end = s + 1
                lane = exp.agent.agent_class
                if lane == "targeted" and split:
                    lane = f"targeted:{exp.agent.subclass or 'other'}"
                dose = f" {exp.dose}" if exp.dose else ""
                when = f"{self.ch.start(exp).text()} → {'ongoing at ' + self.ch.end(exp).text() if ongoing else self.ch.end(exp).text()}"
                tip = "; ".join(
                    x
                    for x in (
                        f"{exp.agent.name}{dose}",
                        f"loading dose {exp.loading_dose}" if exp.loading_dose else "",
                        exp.schedule or "",
                        f"{exp.cycles} cycles" if exp.cycles else "",
                        exp.route or "",
                        f"{line.label} ({reg.intent})",
                        when,
                        f"ended: {reg.end_reason.replace('-', ' ')}" if reg.end_reason else "",
                        exp.note or "",
                        reg.note or "",
                    )
                    if x
                )
                classes = ["therapy", lane.split(":")[0], slug(exp.agent.name)]
                if su:
                    classes.append("uncertain-start")
                if eu and not ongoing:
                    classes.append("uncertain-end")
                if ongoing:
                    classes.append("ongoing")
                lanes.setdefault(lane, []).append(
                    _Bar(
                        slug(exp.key),
                        lane,
                        exp.agent.name,
                        s,
                        max(end, s + 1),
                        su,
                        eu and not ongoing,
                        ongoing,
                        tuple(classes),
                        tip,
                        LANE_COLOURS.get(lane.split(":")[0], LANE_COLOURS["other"]),
                    )
                )
        return lanes

    def _targeted_split(self) -> bool:
        subs = {
            exp.agent.subclass
            for r in self.case.regimens()
            for exp in r.exposures
            if exp.agent.agent_class == "targeted"
        }
        return len(subs) > 1

    def lane_order(self, lanes: dict[str, list[_Bar]]) -> list[str]:
        order = ["local", *CLASSES]

        def rank(key: str) -> tuple[int, str]:
            base = key.split(":")[0]
            return (order.index(base) if base in order else len(order), key)

        return sorted(lanes, key=rank)

    # drawing ------------------------------------------------------------------------------
    def lane_band(self, key: str, name: str, y0: float, y1: float, shade: bool) -> None:
        # translucent, so that the year gridlines drawn beneath show through
        self.items.append(
            Rect(
                f"lane-{slug(key)}",
                4,
                y0,
                self.t.width - 4,
                y1,
                "#0000000A" if shade else "#FFFFFF00",
                ("lane", slug(key.split(":")[0])),
            )
        )
        self.items.append(
            Text(
                f"lane-label-{slug(key)}",
                8,
                (y0 + y1) / 2,
                name,
                self.t.font,
                ("lane-label",),
                bold=True,
            )
        )

    def draw_bars(self, key: str, bars: list[_Bar], y: float) -> float:
        """Draw one lane's bars from ``y``; returns the lane's bottom.

        A bar's row is chosen together with its label: a name that does not fit inside the
        bar goes right of it (left when the page ends first), and the row must be free for
        both, so every label sits next to its own bar.
        """
        t = self.t
        rows = _Rows()
        placed: list[tuple[_Bar, int, float, float, float, bool]] = []
        for bar in sorted(bars, key=lambda b: (b.start, b.end, b.key)):
            x0, x1 = self.x(bar.start), max(self.x(bar.end), self.x(bar.start) + 3)
            tail = x1 + (12 if bar.ongoing else 0)
            w = text_width(bar.label, t.font) * 1.08  # room for fonts a little wider than Helvetica
            if w + 8 <= x1 - x0:
                extent, lx, inside = (x0, tail), (x0 + x1) / 2, True
            elif tail + 4 + w <= self.x1 + 8:
                extent, lx, inside = (x0, tail + 4 + w + 4), tail + 4, False
            else:
                extent, lx, inside = (x0 - 4 - w - 4, tail), x0 - 4 - w, False
            row = rows.first_free(*extent)
            rows.take(row, *extent)
            placed.append((bar, row, x0, x1, lx, inside))
        top = y + t.gap / 2
        for bar, row, x0, x1, lx, inside in placed:
            cy = top + row * t.row + t.row / 2
            h = t.row * 0.62
            fade = (
                "both"
                if bar.start_uncertain and bar.end_uncertain
                else "start"
                if bar.start_uncertain
                else "end"
                if bar.end_uncertain
                else ""
            )
            self.items.append(
                Rect(
                    f"bar-{bar.key}",
                    x0,
                    cy - h / 2,
                    x1,
                    cy + h / 2,
                    bar.colour,
                    bar.classes,
                    tooltip=bar.tooltip,
                    fade=fade,
                )
            )
            if bar.ongoing:
                self.items.append(
                    Line(
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
            self.top_items.append(
                Text(
                    f"label-{bar.key}",
                    lx,
                    cy,
                    bar.label,
                    t.font,
                    ("label", "inside") if inside else ("label",),
                    anchor="middle" if inside else "start",
                    colour=text_colour(bar.colour) if inside else "#000000",
                    tooltip=bar.tooltip,
                )
            )
        return top + max(rows.count, 1) * t.row + t.gap / 2

    def draw_lines_lane(self, y: float) -> float:
        """Lines of therapy as labelled spans, and arrows that say why each one changed."""
        t = self.t
        regimens = [ln for ln in self.checked.lines]
        spans = []
        for ln in regimens:
            s, _ = self.when(ln.regimen)
            e, _ = self.when(ln.regimen, "end")
            if s is None:
                continue
            spans.append((ln, self.x(s), max(self.x(e if e is not None else s + 1), self.x(s) + 3)))
        changes = _Rows()
        change_items: list[tuple[int, float, float, float, str]] = []
        for (a, ax0, ax1), (_b, bx0, bx1) in itertools.pairwise(spans):
            reasons = ", ".join(_reason(r) for r in a.ended_by) or "change"
            ca, cb = (ax0 + ax1) / 2, (bx0 + bx1) / 2
            w = text_width(reasons, t.small)
            mid = (ca + cb) / 2
            lx0 = max(self.x0, min(mid - w / 2, self.x1 - w))
            row = changes.first_free(lx0 - 3, lx0 + w + 3)
            changes.take(row, lx0 - 3, lx0 + w + 3)
            change_items.append((row, ca, cb, lx0 + w / 2, reasons))
        label_h = t.small * 1.5
        band = max(changes.count, 1) * label_h + 6
        box_y0 = y + t.gap / 2 + band
        box_y1 = box_y0 + t.row * 0.8
        for ln, x0, x1 in spans:
            label = ln.label if ln.number is not None else ln.regimen.intent
            fill = "#DDDDDD" if ln.number is None else "#BBBBBB"
            key = slug(ln.regimen.id)
            name = ln.regimen.name or " + ".join(ln.regimen.agent_names())
            self.items.append(
                Rect(
                    f"line-{key}",
                    x0,
                    box_y0,
                    x1,
                    box_y1,
                    fill,
                    ("line", slug(label)),
                    stroke="#FFFFFF",
                    tooltip=f"{label}: {ln.regimen.title()}",
                )
            )
            cy = (box_y0 + box_y1) / 2
            for text in (f"{label} {name}", label):
                if text_width(text, t.small) + 6 <= x1 - x0:
                    self.top_items.append(
                        Text(
                            f"line-label-{key}",
                            (x0 + x1) / 2,
                            cy,
                            text,
                            t.small,
                            ("line-label",),
                            anchor="middle",
                        )
                    )
                    break
            else:
                self.top_items.append(
                    Text(
                        f"line-label-{key}",
                        x0,
                        box_y1 + t.small * 0.8,
                        f"{label} {name}",
                        t.small * 0.9,
                        ("line-label",),
                    )
                )
        for n, (row, ca, cb, lx, text) in enumerate(change_items):
            ay = box_y0 - 3 - row * label_h
            self.items.append(
                Line(
                    f"change-{n + 1}",
                    ca,
                    ay,
                    cb,
                    ay,
                    "#333333",
                    1.2,
                    arrow=True,
                    classes=("change",),
                )
            )
            self.top_items.append(
                Text(
                    f"change-label-{n + 1}",
                    lx,
                    ay - t.small * 0.65,
                    text,
                    t.small,
                    ("change-label",),
                    anchor="middle",
                )
            )
        return box_y1 + t.small * 1.6 + t.gap / 2

    def status_segments(self) -> list[tuple[int, str, Event, bool]]:
        seq: list[tuple[int, str, Event, bool]] = []
        for step in self.checked.steps:
            if step.after == "dead":
                continue
            d, unc = self.when(step.event)
            if d is not None:
                seq.append((d, step.after, step.event, unc))
        for e in self.case.events:
            if isinstance(e, Response) and e.category == "NE":
                d, unc = self.when(e)
                if d is not None:
                    seq.append((d, "ne", e, unc))
        seq.sort(key=lambda s: (s[0], s[2].index))
        return seq

    def draw_status(self, y: float) -> float:
        t = self.t
        seq = self.status_segments()
        end_event = next((e for e in self.case.events if isinstance(e, Death | FollowUp)), None)
        end_day = self.when(end_event)[0] if end_event else None
        y0, y1 = y + t.gap / 2, y + t.gap / 2 + t.row
        for i, (day, state, event, unc) in enumerate(seq):
            nxt = (
                seq[i + 1][0] if i + 1 < len(seq) else (end_day if end_day is not None else self.t1)
            )
            if nxt <= day:
                continue
            x0, x1 = self.x(day), self.x(nxt)
            colour = CATEGORY_COLOURS[state]
            label = state.upper()
            tip = f"{label} from {self.ch.start(event).text()} ('{event.label()}')"
            if isinstance(event, Response) and event.authors_term:
                tip += f": {event.authors_term}"
            self.items.append(
                Rect(
                    f"status-{i + 1}",
                    x0,
                    y0,
                    x1,
                    y1,
                    colour,
                    ("response", state),
                    tooltip=tip,
                    fade="start" if unc else "",
                )
            )
            if text_width(label, t.small) + 4 <= x1 - x0:
                self.top_items.append(
                    Text(
                        f"status-label-{i + 1}",
                        (x0 + x1) / 2,
                        (y0 + y1) / 2,
                        label,
                        t.small,
                        ("status-label",),
                        anchor="middle",
                        colour=text_colour(colour),
                    )
                )
        return y1 + t.gap / 2

    def draw_events(self, y: float) -> float:
        t = self.t
        found: list[tuple[int, str, str, str, bool]] = []
        diag = self.ch.diagnosis().first_day
        if diag is not None:
            found.append(
                (
                    diag,
                    "diagnosis",
                    "diagnosis",
                    f"diagnosis: {self.ch.diagnosis().text()}",
                    self.ch.diagnosis().lo != self.ch.diagnosis().hi,
                )
            )
        for e in self.case.events:
            d, unc = self.when(e)
            if d is None:
                continue
            when = self.ch.start(e).text()
            if isinstance(e, DiseaseEvent):
                sites = ", ".join((*e.sites, *(f"{s} (new)" for s in e.new_sites)))
                found.append((d, e.type, e.type, f"{e.type} {when}: {sites}", unc))
            elif isinstance(e, Response) and e.category == "PD":
                found.append(
                    (
                        d,
                        "progression",
                        "PD",
                        f"PD {when}" + (f": {', '.join(e.sites)}" if e.sites else ""),
                        unc,
                    )
                )
            elif isinstance(e, Resistance):
                found.append(
                    (
                        d,
                        "resistance",
                        f"resistance: {_target(e)}",
                        f"resistance to {_target(e)} ({e.resistance}), {when}",
                        unc,
                    )
                )
            elif isinstance(e, Toxicity):
                found.append(
                    (d, "toxicity", e.term, f"{e.term} grade {e.grade or '?'} {when}", unc)
                )
            elif isinstance(e, BiomarkerTest):
                found.append(
                    (
                        d,
                        "biomarker",
                        f"{e.biomarker.name} {e.biomarker.result}",
                        f"{e.biomarker.name} {e.biomarker.result}, {when}",
                        unc,
                    )
                )
            elif isinstance(e, FollowUp):
                found.append(
                    (
                        d,
                        "follow-up",
                        "last follow-up",
                        f"last follow-up {when}: {e.status.replace('-', ' ')}",
                        unc,
                    )
                )
            elif isinstance(e, Death):
                found.append(
                    (
                        d,
                        "death",
                        "death",
                        f"death {when}" + (f": {e.cause}" if e.cause else ""),
                        unc,
                    )
                )
        found.sort(key=lambda f: (f[0], f[1]))
        rows = _Rows()
        markers = _Rows()  # events on (nearly) the same day stack instead of hiding each other
        size = t.row * 0.5
        step = size * 1.25
        placements = []
        for n, (day, kind, label, tip, unc) in enumerate(found):
            x = self.x(day)
            mrow = markers.first_free(x - size * 0.6, x + size * 0.6)
            markers.take(mrow, x - size * 0.6, x + size * 0.6)
            w = text_width(label, t.small)
            lx0 = max(self.x0 - 4, min(x - w / 2, self.x1 + 6 - w))
            row = rows.first_free(lx0 - 3, lx0 + w + 3)
            rows.take(row, lx0 - 3, lx0 + w + 3)
            placements.append((n, kind, label, tip, unc, x, mrow, row, lx0 + w / 2))
        first_y = y + t.gap / 2 + size / 2 + 2
        labels_top = first_y + (max(markers.count, 1) - 1) * step + size / 2 + 3
        label_h = t.small * 1.35
        for n, kind, label, tip, unc, x, mrow, row, lx in placements:
            shape, fill = EVENT_SHAPES.get(kind, ("circle", "#FFFFFF"))
            classes = ("event", kind) + (("uncertain",) if unc else ())
            my = first_y + mrow * step
            self.items.append(Marker(f"event-{n + 1}", x, my, shape, size, fill, classes, tip))
            ly = labels_top + (row + 0.5) * label_h
            if row or mrow < markers.count - 1:
                self.items.append(
                    Line(
                        f"event-leader-{n + 1}",
                        x,
                        my + size / 2,
                        x,
                        ly - label_h / 2,
                        "#888888",
                        0.6,
                        classes=("leader",),
                    )
                )
            self.top_items.append(
                Text(
                    f"event-label-{n + 1}",
                    lx,
                    ly,
                    label,
                    t.small,
                    ("event-label",),
                    anchor="middle",
                    tooltip=tip,
                )
            )
        return labels_top + max(rows.count, 1) * label_h + t.gap

    def draw_axis(self, y_top: float, y: float) -> float:
        t = self.t
        lo_date = pendulum.Date.fromordinal(self.t0)
        hi_date = pendulum.Date.fromordinal(self.t1)
        self.items.append(Line("axis", self.x0, y, self.x1, y, "#000000", 0.8, classes=("axis",)))
        ticks: list[tuple[int, str]] = []
        if self.calendar:
            span_years = hi_date.year - lo_date.year
            step = 1 if span_years <= 14 else 2 if span_years <= 28 else 5
            for year in range(lo_date.year + 1, hi_date.year + 1):
                if (year - lo_date.year - 1) % step == 0:
                    ticks.append((pendulum.date(year, 1, 1).toordinal(), str(year)))
            caption = ""
        else:
            anchor = pendulum.Date.fromordinal(self.anchor)
            months_total = (self.t1 - self.anchor) / 30.4375
            step = 6 if months_total <= 36 else 12 if months_total <= 120 else 24
            m = 0
            while True:
                day = anchor.add(months=m).toordinal()
                if day > self.t1:
                    break
                if day >= self.t0:
                    ticks.append((day, str(m)))
                m += step
            caption = f"months from diagnosis ({self.ch.diagnosis().text()})"
        for day, text in ticks:
            x = self.x(day)
            self.items.append(
                Line(
                    f"grid-{text}",
                    x,
                    y_top,
                    x,
                    y,
                    "#D0D0D0",
                    0.6,
                    dashed=True,
                    classes=("gridline",),
                )
            )
            self.items.append(
                Line(f"tick-{text}", x, y, x, y + 4, "#000000", 0.8, classes=("tick",))
            )
            self.top_items.append(
                Text(
                    f"tick-label-{text}",
                    x,
                    y + 5 + t.small * 0.7,
                    text,
                    t.small,
                    ("tick-label",),
                    anchor="middle",
                )
            )
        y_end = y + 5 + t.small * 1.6
        if caption:
            self.top_items.append(
                Text(
                    "axis-caption",
                    (self.x0 + self.x1) / 2,
                    y_end + t.small * 0.6,
                    caption,
                    t.small,
                    ("axis-caption",),
                    anchor="middle",
                )
            )
            y_end += t.small * 1.5
        return y_end

    def draw_legend(self, y: float, lanes: Iterable[str], states: Iterable[str]) -> float:
        t = self.t
        entries: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for key in lanes:
            base = key.split(":")[0]
            if base not in seen:
                seen.add(base)
                entries.append(
                    (
                        f"legend-{slug(base)}",
                        LANE_COLOURS.get(base, LANE_COLOURS["other"]),
                        "local therapy" if base == "local" else _class_label(base),
                    )
                )
        names = {
            "ned": "NED",
            "cr": "CR",
            "pr": "PR",
            "sd": "SD",
            "pd": "PD / recurrence",
            "ne": "NE",
        }
        for state in ("ned", "cr", "pr", "sd", "pd", "ne"):
            if state in states:
                entries.append((f"legend-{state}", CATEGORY_COLOURS[state], names[state]))
        x = self.x0
        row_y = y + t.small
        sw = t.small * 1.4
        for ident, colour, name in entries:
            w = sw + 4 + text_width(name, t.small) * 1.15 + 14
            if x + w > self.x1:
                x = self.x0
                row_y += t.small * 1.8
            self.items.append(
                Rect(
                    ident,
                    x,
                    row_y - t.small * 0.5,
                    x + sw,
                    row_y + t.small * 0.5,
                    colour,
                    ("legend-swatch",),
                )
            )
            self.top_items.append(
                Text(f"{ident}-text", x + sw + 4, row_y, name, t.small, ("legend-text",))
            )
            x += w
        note = "faded end: date uncertain (hover for the window)   → ongoing at last follow-up"
        row_y += t.small * 1.8
        self.top_items.append(Text("legend-note", self.x0, row_y, note, t.small, ("legend-text",)))
        return row_y + t.small * 1.5

    def lane(
        self, key: str, name: str, shade: bool, draw: Callable[[float], float], y: float
    ) -> float:
        """Draw a lane's content from ``y`` with ``draw``, then put its band and name beneath it."""
        start = len(self.items)
        bottom = draw(y)
        content = self.items[start:]
        del self.items[start:]
        self.lane_band(key, name, y, bottom, shade)
        self.items.extend(content)
        return bottom

    def build(self) -> Scene:
        t = self.t
        self.setup_time()
        lanes = self.therapy_bars()
        y = self.lane("lines", "Lines", False, self.draw_lines_lane, 0.0)
        for i, key in enumerate(self.lane_order(lanes)):
            draw = functools.partial(self.draw_bars, key, lanes[key])
            y = self.lane(key, _lane_name(key), i % 2 == 0, draw, y)
        y = self.lane("status", "Disease", False, self.draw_status, y)
        y = self.lane("events", "Events", True, self.draw_events, y)
        # gridlines are edges, which Graphviz draws beneath every node (outputorder=edgesfirst)
        y = self.draw_axis(0.0, y + 2)
        states = {s for _, s, _, _ in self.status_segments()}
        y = self.draw_legend(y + 4, lanes.keys(), states)
        scene = Scene(t.width, round(y + 6, 2), self.title(), t)
        scene.items.extend(self.items)
        scene.items.extend(self.top_items)
        return scene

    def title(self) -> tuple[str, ...]:
        case = self.case
        room = (self.t.width - 24) / 1.12  # room for fonts wider than Helvetica
        lines: list[str] = []
        for text in (case.title or case.id, patient_line(case)):
            lines.extend(_wrap(text, self.t.title_font, room))
        return tuple(lines)


def _wrap(text: str, font: float, room: float) -> list[str]:
    """Greedy word wrap to ``room`` points."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and text_width(trial, font) > room:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def _target(e: Resistance) -> str:
    return _class_label(e.agent_class) if e.agent_class else (e.agent or "?")


def _reason(text: str) -> str:
    if text.startswith("resistance to "):
        target = text[len("resistance to ") :]
        return "resistance to " + (_class_label(target) if target in CLASSES else target)
    return text


def swimlane(checked: Checked, theme: Theme) -> Scene:
    """The swimlane scene of a checked case (its case must have been read)."""
    return _Builder(checked, theme).build()
