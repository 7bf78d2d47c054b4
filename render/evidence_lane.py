"""The evidence lane (``timeline render --evidence``): for each line that matches a trial arm,
that arm's median PFS (or TTP) from the day the line started, as a thin dashed bracket.

Only the arm the line matches is drawn: a bracket from the day the line began reads as "what
this patient could expect", which the other arms are not (the patient did not get them). The
other arms' medians are in the label's tooltip, for the comparison. The brackets are grey,
dashed and labelled with the trial's name, in a lane of their own named "Trial medians", so
that they are never mistaken for the patient's own data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.dates import DAYS_PER_MONTH
from timeline.render.canvas import Canvas
from timeline.render.scene import Rows, Stroke, Text
from timeline.render.style import text_width

if TYPE_CHECKING:
    from timeline.evidence import Match

__all__ = ["draw_evidence"]

_GREY = "#666666"


def draw_evidence(c: Canvas, found: list[Match], y: float) -> float:
    """Draw the evidence lane from ``y``: for each line matched to a trial arm, that arm's median
    PFS (or TTP) from the line's start as a dashed bracket; return the y below it."""
    t = c.theme
    rows = Rows()
    placed = []
    seen: set[tuple[str, str]] = set()
    for m in found:
        start = c.day(m.line.regimen)
        if start is None or (m.trial.id, m.line.regimen.id) in seen:
            continue
        seen.add((m.trial.id, m.line.regimen.id))
        for arm in (m.arm,):
            endpoint = arm.median("PFS") or arm.median("TTP")
            if endpoint is None or endpoint.median_months is None:
                continue
            end = start.day + round(endpoint.median_months * DAYS_PER_MONTH)
            x0, x1 = c.x(start.day), c.x(end)
            label = (
                f"{m.trial.name} median {endpoint.name} {endpoint.median_months:g} mo ({arm.name})"
            )
            w = text_width(label, t.small) * 1.08
            lx = min(x0, c.scale.x1 + 8 - w)  # the label starts at the bracket, or ends at the page
            extent = (min(x0, lx) - 2, max(x1, lx + w) + 4)
            row = rows.first_free(*extent)
            rows.take(row, *extent)
            placed.append((row, x0, x1, lx, label, m, arm))
    top = y + t.gap / 2
    h = t.small * 2.4
    for n, (row, x0, x1, lx, label, m, arm) in enumerate(placed, 1):
        ly = top + row * h + t.small * 0.7
        by = ly + t.small * 0.9
        tags = ("evidence", "trial-median")
        others = "; ".join(
            f"{o.name}: {e.median_months:g} mo"
            for o in m.others
            if (e := o.median("PFS") or o.median("TTP")) is not None and e.median_months is not None
        )
        tip = f"{m.trial.name}, arm {arm.name}: not this patient's data; {label}" + (
            f"; the trial's other arms, which this line did not get: {others}" if others else ""
        )
        c.items.append(
            Stroke(f"evidence-{n}", x0, by, x1, by, _GREY, 1.0, dashed=True, classes=tags)
        )
        for side, x in (("a", x0), ("b", x1)):
            c.items.append(
                Stroke(f"evidence-{n}-{side}", x, by - 3, x, by + 3, _GREY, 1.0, classes=tags)
            )
        c.top.append(
            Text(
                f"evidence-label-{n}",
                lx,
                ly,
                label,
                t.small,
                ("evidence-label",),
                colour=_GREY,
                tooltip=tip,
            )
        )
    return top + max(rows.count, 1) * h + t.gap / 2
