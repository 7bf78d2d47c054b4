"""The lines lane: every regimen as a labelled box in time, the reason of each change at the
day it happened, and treatment-free intervals as dashed boxes.

A change is drawn where it happened: a short arrow down to the end of the regimen that stopped,
under the words of its cause ("progression, resistance to paclitaxel"). Labels that
do not fit their box go in rows beneath it; change labels stack in rows above. A label that
would need more rows than :data:`MAX_LABEL_ROWS` becomes a number, explained in the notes
under the figure, so that no text ever overlaps.
"""

from __future__ import annotations

import itertools

from timeline.constraints import WIDE_WINDOW_DAYS
from timeline.dates import DAYS_PER_MONTH
from timeline.lines import Cause, TherapyLine, agents_in_time, cycles_text, month_range
from timeline.model import DiseaseEvent, Regimen
from timeline.queries import point_key
from timeline.render.canvas import INFERRED_STAR, Canvas, RowEnds, is_note_number
from timeline.render.scene import FADE_CAP, Rect, Rows, Stroke, Text, leader_line, slug
from timeline.render.style import VAGUE_SHARE, mix, text_width

__all__ = ["MAX_LABEL_ROWS", "draw_lines_lane"]

MAX_LABEL_ROWS = 3
#: the words over a pale arrow (a change dated only within more than six months): grey, still
#: 5.7:1 against white, as text must be to be read
VAGUE_LABEL = "#666666"


#: how far past its start (points) an interval's box may move to clear a label or a footnote
#: number set just after the box before it, rather than be left out
_LABEL_PAST = 24.0


def _reason(cause: Cause) -> str:
    """A cause in words; a resistance to a class of drugs reads "resistance to X therapy"."""
    if cause.what == "other":  # alone over an arrow, "other" reads as a word left out
        return "other reason"
    return cause.text()


def _cause(c: Canvas, line: TherapyLine) -> str:
    # (in a figure cut at a step, not a resistance read from an event the step has not
    # reached: "progression, resistance to androgen deprivation therapy" stood over a first
    # line's end two steps before the biopsy that showed the resistance)
    said = [r for r in line.ended_by if r.event is None or _told(c, r.event)]
    if said:
        return ", ".join(_reason(r) for r in said)
    reason = line.regimen.end_reason
    if reason in (None, "unknown"):
        return "reason not reported"
    return reason.replace("-", " ")


def _arrow(ident: str, x: float, y: float, length: float, kind: str) -> Stroke:
    """The grey arrow at the end of a line's box: ``ongoing`` at the last follow-up, or
    ``continues``, still given at the step a figure is cut at."""
    return Stroke(
        ident, x, y, x + length, y, "#888888", 2.0, arrow=True, classes=(f"{kind}-arrow",)
    )


def _continues(c: Canvas, ln: TherapyLine, x1: float) -> bool:
    """Whether a line's box drawn to ``x1`` in a figure cut at a step runs to the cut and the
    line was still given there (:meth:`Canvas.given_past_cut`), not ongoing at the last
    follow-up (that arrow is its own)."""
    return (
        c.cut is not None
        and not ln.regimen.ongoing
        and x1 >= c.x(c.cut) - 0.5
        and c.given_past_cut(point_key(ln.regimen, "end"))
    )


def _ongoing_to_the_cut(c: Canvas, ln: TherapyLine) -> bool:
    """Whether a line ongoing at the last follow-up is drawn whole in a figure cut at or after
    that follow-up (the deck's last step), with its arrow, as its bars are: faded from the
    step's earliest day, its box ran white into the arrow beside solid bars."""
    end = c.day(ln.regimen, "end")
    return ln.regimen.ongoing and c.cut is not None and end is not None and end.day <= c.cut


def _ends_at_the_cut(c: Canvas, ln: TherapyLine) -> bool:
    """In a figure cut at a step: whether the line's last regimen ends no later than the cut
    (its end the step's own day), as a therapy's bar that is not cut there."""
    end = c.day(ln.regimen, "end")
    return end is not None and c.cut is not None and end.day <= c.cut and not ln.regimen.ongoing


def _told(c: Canvas, ident: str) -> bool:
    """Whether the figure tells the event ``ident`` (a figure cut at a step: not one after it)."""
    if c.cut is None:
        return True
    event = c.case.event(ident)
    found = c.day(event) if event is not None else None
    return found is not None and c.shown(found.day) and id(event) not in c.later


def _disease_between(c: Canvas, a: TherapyLine, b: TherapyLine) -> str | None:
    """The kind of the first recurrence or progression the case puts after line ``a`` ended
    (not certainly on its day) and no later than line ``b`` began, if any: not the one that
    ended ``a``. (A progression written `after:` the end of pazopanib, stopped for nausea,
    and before pembrolizumab read "L2 → L3: toxicity", as if the toxicity had led to the
    third line: only a progression at least a day after the end counted.)"""
    end, start = point_key(a.regimen, "end"), point_key(b.regimen, "start")
    ended = {x.found_by for x in a.ended_by}
    for e in c.case.events:
        if isinstance(e, DiseaseEvent) and e.id not in ended:
            before = c.chrono.least(e.id, start)
            if c.chrono.puts_after(end, e.id) and before is not None and before >= 0:
                return e.type
    return None


def draw_lines_lane(c: Canvas, y: float) -> float:
    """Draw the lines lane from ``y``: the regimens as boxes, the causes of each change, the
    treatment-free intervals; return the y below it."""
    t = c.theme
    small = t.small
    spans: list[tuple[TherapyLine, float, float, int, bool]] = []
    #: an end not given, drawn to a bound dated only within years: the last day certainly on it
    certain: dict[int, int | None] = {}
    #: an end known only by order in a zone of such dates: the stretch the box fades over
    zone_fade: dict[int, float] = {}
    for ln in c.checked.lines:
        s = c.day(ln.regimen)
        if s is None or not c.shown(s.day):
            continue
        e = c.day(ln.regimen, "end")
        x0 = c.x(s.day)
        if s.uncertain:
            # begun after a regimen whose end is not given: from where that one's box fades,
            # as the therapy bars are (:func:`timeline.render.bars._in_sequence`), not from
            # their shared plausible day, where the two read as given together
            start_key = point_key(ln.regimen, "start")
            x0 = max(
                [x0]
                + [
                    ax1
                    for a, _ax0, ax1, _ad, a_no_end in spans
                    if a_no_end
                    and ax1 > x0
                    and (least := c.chrono.least(point_key(a.regimen, "end"), start_key))
                    is not None
                    and least >= 0
                ]
            )
        no_end = not ln.regimen.ongoing and c.fades(ln.regimen, ln.regimen.end_reported)
        if e is None:
            x1 = x0 + 14
        elif no_end:  # fades out, not before what bounds its end from below (as the bars do)
            key = point_key(ln.regimen, "end")
            least = c.least_end(key, s.day)
            floor = c.past_floor(key, least) if least is not None else x0
            lasts = c.chrono.least(point_key(ln.regimen, "start"), key)
            if lasts and x0 > c.x(s.day) and not c.in_zone(s.day):
                # (drawn from where the box before it fades: its least length from there, as
                # its bars are; four cycles of R-CHOP were a box of 12 days. Not in a zone of
                # dates known only by order, whose slots are not to scale: ten cycles of EDP
                # there ran past the progression that ended them, as its bars did not)
                floor = max(floor, x0 + c.x(s.day + lasts) - c.x(s.day))
            x1 = max(x0 + 14, floor)
            if not c.in_zone(s.day):
                # (solid for what it is known to have lasted, the fade after it, as its bars)
                if floor > x0 + 14 - FADE_CAP and (least is None or least != c.assumed_end(key)):
                    x1 = max(x1, floor + FADE_CAP)
                # (and over a length the case states within a window, to its most)
                stated = c.stated_length(point_key(ln.regimen, "start"), key)
                if stated is not None:
                    x1 = max(x1, c.x(s.day + stated[1]))
                x1 = c.no_later_than_drawn(key, x1, max(floor, x0 + 3))
            certain[id(ln)] = c.certain_until(key, s.day, least)
            if (stated := c.stated_length(point_key(ln.regimen, "start"), key)) is not None:
                sure = s.day + stated[0]
                found = certain.get(id(ln))
                certain[id(ln)] = sure if found is None else min(found, sure)
            if (
                least is not None
                and not c.in_zone(s.day)
                and not c.in_zone(least)
                and c.pinned(key, least)
            ):
                # (between two points drawn on one day: faded after what it follows, as its
                # bars are)
                x1 = max(x1, c.x(least) + FADE_CAP)
            if not c.in_zone(s.day):
                # (not past a death the case puts after its end, as its bars are not)
                x1 = c.not_past_the_end(key, x1, max(floor, x0 + 3))
            if c.in_zone(s.day) and (marked := c.zone_marked_end(key)) is not None:
                # (an end an event is written on: up to that event's slot, as its bars are)
                x1 = max(x1, marked)
            elif c.in_zone(s.day) and (reach := c.zone_reach(key, x1)) is not None:
                # (faded over the stretch of the zone its end may lie in, as its bars are)
                zone_fade[id(ln)] = reach - x1
                x1 = reach
        else:
            x1 = max(c.x(e.day), x0 + 3)
        if c.cut is not None:
            x1 = min(x1, max(c.x(c.cut), x0 + 3))
            if (
                no_end
                and x1 >= c.x(c.cut) - 0.5
                and (
                    c.ends_past_cut(point_key(ln.regimen, "end"))
                    or c.lasts_to_cut_response(
                        c.least_end(point_key(ln.regimen, "end"), s.day) if e is not None else None
                    )
                )
            ):
                # (an end the case puts no earlier than the step's event: the line went on to
                # the cut, cut sharp there as its bars are, not faded as if it had stopped)
                no_end = False
                zone_fade.pop(id(ln), None)
                certain.pop(id(ln), None)
        spans.append((ln, x0, x1, s.day, no_end))
    spans.sort(key=lambda sp: (sp[3], sp[0].regimen.index))

    # the boxes, packed in rows when regimens overlap in time
    boxes = Rows()
    box_rows = []
    # (supportive care below the first row where a treatment-free interval lies: the interval
    # passes it over, and its dashed box goes in the first row; post-transplant
    # immunosuppression in that row, over 23 months to a relapse, left the interval no box)
    free_of_therapy = [
        (c.x(pa.day), c.x(pb.day))
        for i in c.checked.intervals
        if i.kind == "TFI"
        and (pa := c.plan.point(i.start_key)) is not None
        and (pb := c.plan.point(i.end_key)) is not None
    ]
    for ln, x0, x1, _d, _ne in spans:
        supportive_below = ln.regimen.intent == "supportive" and any(
            a < x1 and x0 < b for a, b in free_of_therapy
        )
        row = boxes.first_free(x0, x1 + 1, start=1 if supportive_below else 0)
        boxes.take(row, x0, x1 + 1)
        box_rows.append(row)

    # the changes: where each regimen that another follows stopped, for the reason the case
    # gives (the arrow points at the end of the regimen that stopped)
    # (over an end that fades, not dated, too: the arrow at the end of the fade, where the box
    # stops, the cause being the source's even when the day is not)
    changes: list[tuple[float, str, str, TherapyLine, bool]] = []
    rows_of = {id(sp[0]): r for sp, r in zip(spans, box_rows, strict=True)}

    def named(a: TherapyLine, x: float, cause: str) -> str:
        """The cause over the arrow, with the line's label where a box of a row above the
        line's own runs on across its end (androgen deprivation going on over a radioligand
        therapy stopped for toxicity: "toxicity" stood on the androgen deprivation, as if that
        had stopped)."""
        row = rows_of.get(id(a), 0)
        covered = any(rows_of.get(id(sp[0]), 0) < row and sp[1] + 1 < x < sp[2] - 1 for sp in spans)
        return f"{a.label}: {cause}" if covered else cause

    # (supportive care is no line, and changes none: a bone agent begun with the first line
    # stood between it and the second, and the mark of the change between them was lost)
    treating = [sp for sp in spans if sp[0].regimen.intent != "supportive"]
    for (a, _ax0, ax1, _ad, a_no_end), (b, bx0, _bx1, _bd, _bne) in itertools.pairwise(treating):
        cause = _cause(c, a)
        end = c.day(a.regimen, "end")
        if cause == "reason not reported" or bx0 < ax1 - 2:
            continue
        key = point_key(a.regimen, "end")
        if end is None or not c.shown(end.day) or c.told_later(key) or c.after_the_cut(key):
            continue
        if c.theme.labels:
            full = f"{a.label} → {b.label}: {cause}"
            # (a line ended by a progression, and the next begun after another, later one:
            # "L1 → L2: progression, resistance to vandetanib" credited the second line to the
            # progression two years before it, after which radiotherapy was given)
            disease = {"progression", "recurrence", "resistance"}
            by_disease = any(x.what in disease for x in a.ended_by)
            later = (
                None
                if by_disease and not all(x.found_by for x in a.ended_by if x.what != "resistance")
                else _disease_between(c, a, b)
            )
            if later is not None:
                # (the line's own end reason is not why the next began: "L2 → L3: completed"
                # for rescue chemotherapy completed before a transplant, the third line begun
                # years later for a CNS relapse)
                full = f"{_stopped(a.label, cause)}; {b.label} after the {later} that followed"
            changes.append((ax1, named(a, ax1, cause), full, a, a_no_end))
    if treating and c.theme.labels:
        # the last therapy's stop, when the case gives its end and why (nivolumab maintenance
        # stopped for immune hepatitis, no therapy after it): the reason was only in the tooltip
        a, _ax0, ax1, _ad, a_no_end = treating[-1]
        end = c.day(a.regimen, "end")
        cause = _cause(c, a)
        if (
            end is not None
            and c.shown(end.day)
            and a.regimen.end is not None
            and cause != "reason not reported"
            # (nor one at an event the cut has not told: "progression" over the first line's
            # end, the progression dated only by order after the response the cut is at)
            and not c.told_later(point_key(a.regimen, "end"))
            and not c.after_the_cut(point_key(a.regimen, "end"))
        ):
            changes.append((ax1, named(a, ax1, cause), _stopped(a.label, cause), a, a_no_end))
    above = Rows()
    change_rows = []
    stems = [x for x, _t, _f, _a, _ne in changes]
    for i, (x, text, full, a, no_end) in enumerate(changes):
        row, lx, text, _leader = c.place(above, x, text, full, MAX_LABEL_ROWS, stems[i + 1 :])
        change_rows.append((row, x, lx, text, full, a, no_end))

    label_h = small * 1.5
    box_h = t.row * 0.8
    band = (above.count * label_h + 6) if changes else 0
    box_top = y + t.gap / 2 + band
    box_bottom = box_top + max(boxes.count, 1) * box_h

    # labels that do not fit in their boxes go in rows beneath
    below = Rows()
    centres = [(x0 + x1) / 2 for _ln, x0, x1, _d, _ne in spans]
    row_ends = RowEnds((brow, sp[1], sp[2]) for sp, brow in zip(spans, box_rows, strict=True))
    for i, ((ln, x0, x1, _d, no_end), brow) in enumerate(zip(spans, box_rows, strict=True)):
        key = slug(ln.regimen.id)
        label = ln.label
        tip = f"{label}: {ln.regimen.title()}"
        if counted := cycles_text(ln.regimen):
            tip += f", {counted}"  # (the count the source gives, as `show` says it)
        lit = ln.regimen.id in c.highlight
        by0 = box_top + brow * box_h
        fill = "#DDDDDD" if ln.number is None else "#BBBBBB"
        edges = c.fading(
            point_key(ln.regimen, "start"),
            point_key(ln.regimen, "end"),
            c.day(ln.regimen),
            c.day(ln.regimen, "end"),
        )
        fades = (
            (0.0, 0.0)
            if edges is None
            else c.uncertain_edges_in_row(
                edges[0],
                None if no_end or ln.regimen.ongoing else edges[1],
                x0,
                x1,
                brow,
                row_ends,
            )
        )
        if not row_ends.starts_at(brow, x1) and (c.cut is None or x1 < c.x(c.cut) - 0.5):
            fades = c.fading_to(fades, x0, x1, certain.get(id(ln)))
            if id(ln) in zone_fade:
                fades = (fades[0], max(fades[1], zone_fade[id(ln)]))
        elif (
            c.cut is not None
            and x1 >= c.x(c.cut) - 0.5
            and not _ends_at_the_cut(c, ln)
            and not _ongoing_to_the_cut(c, ln)
        ):
            # (cut at a step dated only within more than six months: faded from its earliest;
            # not a line that ends at the cut, as its therapies' bars do not: a first line
            # ended by the progression the step is cut at faded out over its whole box, its
            # drugs solid up to that progression)
            fades = c.fading_to(fades, x0, x1, c.vague_cut())
        line_fade = "end" if no_end else ""
        c.items.append(
            Rect(
                f"line-{key}",
                x0,
                by0 + 1,
                x1,
                by0 + box_h - 1,
                fill,
                ("line", slug(label))
                + (("highlight",) if lit else ())
                + (("end-in-zone",) if id(ln) in zone_fade else ()),
                stroke="#000000" if lit else "#FFFFFF",
                tooltip=tip,
                fade=line_fade,
                fades=fades,
            )
        )
        end = c.day(ln.regimen, "end")
        if _continues(c, ln, x1):
            # (still given at the step, as its bars say: the arrow at the cut)
            c.items.append(_arrow(f"line-continues-{key}", x1, by0 + box_h / 2, 8, "continues"))
        if ln.regimen.ongoing and (
            c.cut is None or x1 < c.x(c.cut) - 0.5 or (end is not None and end.day <= c.cut)
        ):
            # ongoing at the last follow-up, as the therapy bars say it (a step on that day,
            # the deck's last, too: without it the line read as stopped there)
            c.items.append(_arrow(f"line-ongoing-{key}", x1, by0 + box_h / 2, 11, "ongoing"))
        # (an agent started within the regimen after the others said so: "gemcitabine +
        # cisplatin, then carboplatin", not a triplet)
        name = ln.regimen.name or agents_in_time(ln.regimen, c.plan)
        # "L2 maintenance" and a regimen named "maintenance nivolumab": the word once
        last = label.rsplit(" ", 1)[-1].lower()
        if name.lower().startswith(last + " "):
            name = name[len(last) + 1 :]
        elif last in ("maintenance", "consolidation") and name.lower().endswith(" " + last):
            # ("L1 maintenance serplulimab maintenance": the word once at the end too)
            name = name[: -len(last) - 1]
        cy = by0 + box_h / 2
        # a date of the line the file infers is starred, as its therapies' bars are (a line's
        # inferred end was drawn as certain beside "etoposide *")
        starred = any(c.inferred(point_key(ln.regimen, part)) for part in ("start", "end"))
        if starred:
            name += f" {INFERRED_STAR}"
        # ("intent unknown unspecified chemotherapy" read as one name: the intent is set off,
        # as the deck's caption sets it off)
        full = (
            f"{label}: {name}"
            if ln.regimen.intent == "unknown" and ln.number is None
            else (f"{label} {name}")
        )
        # (a deck's number alone keeps the star: "L1 *")
        short = f"{label} {INFERRED_STAR}" if starred else label
        # number and name inside the box, else both beneath it (the number alone inside would
        # leave the name nowhere in the figure); a deck, whose caption names the regimen,
        # writes the number alone when that is all that fits
        # (in the widest piece of a box a break of the axis cuts: layout.cut_at_breaks)
        ia, ib = c.widest_unbroken(x0, x1)
        for text in (full, short) if not c.theme.labels else (full,):
            if text_width(text, small) * 1.08 + 6 <= ib - ia:
                c.top.append(
                    Text(
                        f"line-label-{key}",
                        (ia + ib) / 2,
                        cy,
                        text,
                        small,
                        ("line-label",),
                        anchor="middle",
                    )
                )
                break
        else:
            # a deck writes the number alone beneath a box too narrow for it (its caption
            # names the regimen of a step; on the whole timeline the lines after the first
            # were slivers with nothing to tell them apart)
            stem = (x0 + x1) / 2
            if not c.theme.labels:
                # (one row at most: a deck's figure is placed at its own size, and a row more
                # of numbers must not push it past the slide)
                # centred under the box, else starting or ending just beside it
                # (the number alone: a starred number, wider, took the room of the next
                # line's number and left that line with none)
                # (a second row only when the first has no room: a number left out read as a
                # line that was never started, its consolidation labelled beside it)
                w = text_width(label, small) * 1.08
                # (kept within the axis, as every label is: "L≥3 maintenance" beside a box at
                # the axis's end ran off the slide)
                lo, hi = c.scale.x0 - 4, c.scale.x1 + 6 - w
                row, spot = next(
                    (
                        (r, lx0)
                        # (else beside the numbers already there: three lines stacked in one
                        # slot of a zone of dates known only by order left the third with
                        # none, read as a line never given)
                        for places in (
                            (stem - w / 2, stem - 6, stem - w + 6),
                            (stem + w / 2 + 7, stem + 3 * w / 2 + 13, stem - 3 * w / 2 - 7),
                        )
                        for r in (0, 1)
                        for lx0 in (min(max(a, lo), hi) for a in places)
                        if below.free(r, lx0 - 3, lx0 + w + 3)
                        # (a number set beside the others, off its box, is reached by an
                        # elbow that crosses nothing: "neoadjuvant" set a slot on, over
                        # "adjuvant", read as the name of the course after the operation)
                        and (
                            lx0 - 3 <= stem <= lx0 + w + 3
                            or (
                                below.free(r, min(stem, lx0) - 1.5, max(stem, lx0 + w) + 1.5)
                                and all(below.free(q, stem - 1.5, stem + 1.5) for q in range(r))
                            )
                        )
                    ),
                    (0, None),
                )
                if spot is None:
                    # no place for it beneath, and no elbow to one: a number beside its box,
                    # its line and regimen under the figure (left out, the line read as never
                    # given)
                    number = c.numbered(f"{label} {name}")
                    wn = text_width(number, small) * 1.08
                    right = x1 + (13 if ln.regimen.ongoing or _continues(c, ln, x1) else 2)
                    for lx, anchor, from_x, to_x in (
                        (right, "start", right, right + wn + 2),
                        (x0 - 2, "end", x0 - wn - 4, x0 - 2),
                    ):
                        if (
                            from_x >= c.scale.x0 - 4
                            and to_x <= c.scale.x1 + 6
                            and boxes.free(brow, from_x, to_x)
                        ):
                            boxes.take(brow, from_x, to_x)
                            c.top.append(
                                Text(
                                    f"line-label-{key}",
                                    lx,
                                    cy,
                                    number,
                                    small,
                                    ("line-label",),
                                    anchor=anchor,
                                    tooltip=tip,
                                )
                            )
                            break
                    continue
                ly = box_bottom + (row + 0.6) * label_h
                if not spot - 3 <= stem <= spot + w + 3:
                    # an elbow from the box down to the label's middle, then across to it
                    mid = ly - small * 0.35
                    edge = spot - 1.5 if spot > stem else spot + w + 1.5
                    below.take(row, min(stem, spot) - 1.5, max(stem, spot + w) + 1.5)
                    c.items.append(leader_line(f"line-leader-{key}", stem, by0 + box_h - 1, mid))
                    c.items.append(
                        Stroke(
                            f"line-leader-{key}-across",
                            stem,
                            mid,
                            edge,
                            mid,
                            "#888888",
                            0.6,
                            classes=("leader",),
                        )
                    )
                # (a leader from the box when it passes clear of the label above)
                elif row > 0 and below.free(0, stem - 1.5, stem + 1.5):
                    c.items.append(
                        leader_line(
                            f"line-leader-{key}",
                            stem,
                            by0 + box_h - 1,
                            box_bottom + (row + 0.6) * label_h - label_h / 2,
                        )
                    )
                below.take(row, spot - 3, spot + w + 3)
                c.top.append(
                    Text(
                        f"line-label-{key}",
                        spot + w / 2,
                        ly,
                        label,
                        small,
                        ("line-label",),
                        anchor="middle",
                        tooltip=tip,
                    )
                )
                continue
            row, lx, text, leader = c.place(
                below, stem, full, full, MAX_LABEL_ROWS, centres[i + 1 :]
            )
            ly = box_bottom + (row + 0.6) * label_h
            anchor = "middle"
            if not leader and is_note_number(text):
                # a number that found no row its leader could reach goes beside its box where
                # that is free: set under the box, below the label of the line before, a
                # third line's "(1)" read as the note of the second
                w = text_width(text, small) * 1.08
                beside = x1 + (13 if ln.regimen.ongoing or _continues(c, ln, x1) else 2)
                if boxes.free(brow, beside, beside + w + 2):
                    boxes.take(brow, beside, beside + w + 2)
                    lx, ly, anchor = beside, cy, "start"
            # a leader from the box itself, when the label is not right under it: in a lower
            # row of labels, or under a box of a row of boxes below it (hilal's lines drawn in
            # two rows left labels that could be either box's)
            own_bottom = by0 + box_h - 1
            # ...or when the label lies mostly to one side of it: a long name set to end at
            # its box's middle ran under the line before, read as that line's ("L3 R-DHAP
            # then R-DHOx …" under L2's box, its own months to the right)
            aside = abs(lx - stem) > text_width(text, small) * 1.08 / 4
            if leader and (row or own_bottom < box_bottom - 1 or aside):
                c.items.append(
                    leader_line(f"line-leader-{key}", stem, own_bottom, ly - label_h / 2)
                )
            c.top.append(
                Text(
                    f"line-label-{key}",
                    lx,
                    ly,
                    text,
                    small,
                    ("line-label",),
                    anchor=anchor,
                    tooltip=tip,
                )
            )

    # treatment-free intervals, where the first row of boxes leaves room
    placed: list[tuple[int, float, float, int, float, str, str, str]] = []
    for n, interval in enumerate(i for i in c.checked.intervals if i.kind == "TFI"):
        pa, pb = c.plan.point(interval.start_key), c.plan.point(interval.end_key)
        if pa is None or pb is None or not c.shown(pb.day):
            continue
        before = c.case.event(interval.start_key.split(".")[0])
        span = interval.months()
        if span is None and (interval.least is None or interval.least < 7):
            # nothing is known of its length ("not computable", `show` says): a box from a
            # radiotherapy whose end the case does not give, drawn at its start, told of no
            # therapy during a 79.2 Gy proton course, and of four years without therapy that
            # rested on nothing
            continue
        if (
            isinstance(before, Regimen)
            and not before.ongoing
            and c.fades(before, before.end_reported)
            and (span is None or span[1] - span[0] > (interval.plausible_months() or 0) / 2)
        ):
            # the therapy before it fades out, its end not dated, and the interval is known
            # only within more than half its length: a box from where the fade is drawn would
            # say when the therapy stopped ("no therapy ≈ 4 mo" after 4 cycles of unstated
            # length, 2 to 8 months in fact); `show` gives its range
            continue
        if (
            not interval.censored
            and pb.window.hi - pb.window.lo > WIDE_WINDOW_DAYS
            and span is not None
            and span[1] - span[0] > (interval.plausible_months() or 0) / 2
        ):
            # nor when the therapy after it begins on a day known only within more than six
            # months (its bar fading in over them), the interval known only within more than
            # half its length: "no therapy ≈ 30 mo" stood between a dated end and a line begun
            # at no stated time within four years, where the source said chemotherapy went on
            # (a censored one says only its least length, "≥ 7 mo", which holds)
            continue
        x0, x1 = c.x(pa.day) + 1, c.x(pb.day) - 1
        if before is not None:
            # (not over the therapy before it as drawn, its fade included: 5-FU-oxaliplatin,
            # its end not given and an 11-month interval stated from it, had "no therapy"
            # drawn from its start, over its own box and an ablation that day)
            x0 = max(x0, c.drawn_to(before) + 1)
        # (nor before a transplant or an operation it starts at, drawn after the stub of a
        # therapy it follows: the interval began 8 points before the transplant it follows)
        x0 = max(x0, c.not_before_pushed(interval.start_key, x0 - 1) + 1)
        # (the first row of boxes, or the first free below it: supportive care's box, post-
        # transplant immunosuppression over the 23 months to a relapse, took the first row,
        # and the interval, which passes it over, had no box at all)
        # (past the box of a therapy before it drawn wider than its days, at least three
        # points: BEAM ended by a transplant a week after its start left the ten months to
        # brentuximab vedotin with no box)
        free = None
        for r in range(max(boxes.count, 1)):
            start = x0
            for left, right in sorted(boxes.rows[r]) if r < len(boxes.rows) else ():
                if left < start + 4 and start < right <= start + _LABEL_PAST:
                    # (past a label or a footnote number set just after the box before: the
                    # adjuvant line's "(1)", a point right of its box, took the row, and the
                    # 24 months off therapy to the relapse, the point of the case, had no box)
                    start = right
            if boxes.free(r, start, x1):
                free, x0 = r, start
                break
        if x1 - x0 < 6 or free is None:
            continue
        months = interval.plausible_months() or 0
        open_window = interval.days is None  # (a date known only by order: no latest length)
        sign = "≥" if interval.censored or open_window else "≈"
        length = f"{months:.0f} mo"
        if span is not None and span[1] < 2 and interval.plausible is not None:
            # under two months in weeks, as `show` says it (18 days read "≈ 1 mo" beside
            # "3 weeks" in `show` and the tooltip); under a week in days
            length = (
                f"{round(interval.plausible / 7)} wk"
                if interval.plausible >= 7
                else f"{interval.plausible} d"
            )
        if (
            not (interval.censored or open_window)
            and span is not None
            and span[1] - span[0] > max(months, 1) / 2
            and span[1] >= 2
        ):
            # its range, where the range is wider than half the length: "no therapy ≈ 6 mo"
            # stood between a transplant and a relapse's salvage begun 3 to 9 months after it,
            # more certain than `show`'s range and read as a relapse left untreated for months
            low, high = month_range(*span)
            sign, length = "", f"{low}–{high} mo"
        elif interval.censored or open_window:
            # at least what is certain: the follow-up it is cut at may be known only within
            # months, or the next therapy only by order after the recurrence (the plausible
            # day would claim more), in whole months rounded down; weeks under two months,
            # as `show` says it ("≥ 4 weeks" read "≈ 2 mo"; a follow-up a week after the last
            # therapy read "≥ 0 mo")
            months = interval.least_months() or 0
            length = f"{months:.0f} mo"
            least = interval.least if open_window else max(0, interval.days[0])  # type: ignore[index]
            if least is None or least < 7:
                length = ""  # (nothing certain to say of its length: `show` says as much)
            elif least < 2 * DAYS_PER_MONTH:
                length = f"{least // 7} wk"
        # inset from the lines' boxes, but tall enough for its label (print's 6 pt label in a
        # 3.6 pt box had the dashes through its words)
        inset = max(0.0, min(3.0, (box_h - small * 1.15) / 2))
        row_top = box_top + free * box_h
        c.items.append(
            Rect(
                f"tfi-{n + 1}",
                x0,
                row_top + inset,
                x1,
                row_top + box_h - inset,
                "#FFFFFF",
                ("treatment-free",),
                stroke="#777777",
                dashed=True,
                tooltip=f"no anti-cancer therapy: {interval.text()}",
            )
        )
        boxes.take(free, x0, x1)
        said = " ".join(x for x in ("no therapy", sign, length) if x)
        placed.append((n, x0, x1, free, row_top, said, sign, length))
    # (labels once every box has its place: the first interval's label, set beside its box,
    # took the row the next one needed, and a tandem transplant's 25 months off therapy after
    # the second transplant had no box at all)
    for n, x0, x1, free, row_top, said, sign, length in placed:
        w = text_width(said, small) * 1.08
        # in the box, shortened if need be; else beside it, right or left, where the row is
        # free (a gap in a zone of dates known only in order is a few points wide, and its
        # length was in the tooltip alone)
        # (in the widest piece of the box a break of the axis leaves: a gap from the end of a
        # chemoradiotherapy on the scale to a line known only by order after it had its
        # length written across the break)
        u0, u1 = c.widest_unbroken(x0, x1)
        where = next(
            (
                (text, (u0 + u1) / 2, "middle")
                for text in (said, f"{sign} {length}".strip() if length else said)
                if text_width(text, small) * 1.08 + 6 <= u1 - u0
            ),
            None,
        )
        if where is None and x1 + 4 + w <= c.scale.x1 + 8 and boxes.free(free, x1 + 1, x1 + 4 + w):
            where = (said, x1 + 4, "start")
            boxes.take(free, x1 + 1, x1 + 4 + w)
        elif where is None and x0 - 4 - w >= c.scale.x0 and boxes.free(free, x0 - 4 - w, x0 - 1):
            where = (said, x0 - 4, "end")
            boxes.take(free, x0 - 4 - w, x0 - 1)
        if where is not None:
            text, lx, anchor = where
            c.top.append(
                Text(
                    f"tfi-label-{n + 1}",
                    lx,
                    row_top + box_h / 2,
                    text,
                    small,
                    ("tfi-label",),
                    anchor=anchor,
                    colour="#444444",
                )
            )

    for n, (row, x, lx, text, full, a, no_end) in enumerate(change_rows):
        ly = box_top - 6 - (row + 0.5) * label_h
        # the arrow stands at the plausible end; an end known only within a window has the
        # window's thin rule under the arrow's tip, as a marker has (a "completed" arrow at
        # 2013 read as a date, the end known only within 2010 to 2016)
        # (only an end known within more than six months, as a bar fades over such a stretch:
        # a month's rule under every arrow would be clutter; and not under an end that fades,
        # whose arrow stands where the fade ends, not at the plausible day the rule starts
        # from: the fade says the end is not dated, and the therapies' bars draw its window)
        end = c.day(a.regimen, "end")
        vague = end is not None and end.window.hi - end.window.lo > WIDE_WINDOW_DAYS
        if not no_end and vague:
            c.window(f"change-window-{n + 1}", end, box_top - 1.5, "#888888", ("change-window",))
        # (pale, as a marker of a date known only within more than six months is: a solid
        # "completed" arrow over an end known only within 38 months, the fade's, read as dated)
        c.items.append(
            Stroke(
                f"change-{n + 1}",
                x,
                ly + label_h * 0.45,
                x,
                box_top,
                mix("#333333", "#FFFFFF", VAGUE_SHARE) if vague else "#333333",
                1.0,
                arrow=True,
                classes=("change", "vague") if vague else ("change",),
            )
        )
        c.top.append(
            Text(
                f"change-label-{n + 1}",
                lx,
                ly,
                text,
                small,
                ("change-label", "vague") if vague else ("change-label",),
                anchor="middle",
                # (grey with its pale arrow: "completed" in black over an end known only
                # within seven months read as dated)
                colour=VAGUE_LABEL if vague else "#000000",
                tooltip=full,
            )
        )
    return box_bottom + below.count * label_h + t.gap / 2 + 2


def _stopped(label: str, cause: str) -> str:
    """Why a line stopped, in words: "L2 stopped: toxicity", but "L1 completed" (a CAR-T
    infusion "stopped: completed")."""
    return f"{label} completed" if cause == "completed" else f"{label} stopped: {cause}"
