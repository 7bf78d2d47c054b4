"""A trial on its own (``timeline render TRIAL.yaml``): each median endpoint, one bar per arm
from 0 to its median in months, its 95 % CI as a whisker where the source gives one, and the
hazard ratio of the comparison beside it."""

from __future__ import annotations

from timeline.render.scene import Rect, Scene, Stroke, Text, slug, wrap
from timeline.render.style import LANE_COLOURS, Theme, text_width
from timeline.trials import Trial
from timeline.wording import p_text

__all__ = ["trial_scene"]

_COLOURS = (LANE_COLOURS["chemotherapy"], LANE_COLOURS["targeted"], LANE_COLOURS["endocrine"])


def trial_scene(trial: Trial, theme: Theme) -> Scene:
    """The figure of a trial: each median endpoint of each arm as a bar from 0 to the median in
    months, the 95 % CI as a whisker, the hazard ratio beside each group."""
    t = theme
    rows: list[tuple[str, str, float, tuple[float, float] | None, str]] = []
    groups: list[tuple[str, str]] = []  # (group label, HR text)
    for endpoint_name in ("PFS", "TTP", "OS"):
        seen_assessments = []
        for arm in trial.arms:
            for e in arm.endpoints:
                if (
                    e.name == endpoint_name
                    and e.median_months is not None
                    and e.assessment not in seen_assessments
                ):
                    seen_assessments.append(e.assessment)
        for assessment in seen_assessments:
            who = f" ({assessment} review)" if assessment not in (None, "not-reported") else ""
            label = f"median {endpoint_name}{who}"
            hr = next(
                (
                    c
                    for c in trial.comparisons
                    if c.endpoint == endpoint_name and c.assessment == assessment and c.hr
                ),
                None,
            )
            hr_text = ""
            if hr is not None and hr.hr is not None:
                ci = f" (95% CI {hr.ci[0]:g}–{hr.ci[1]:g})" if hr.ci else ""
                hr_text = f"HR {hr.hr:g}{ci}" + (f", {p_text(hr.p)}" if hr.p else "")
            groups.append((label, hr_text))
            for i, arm in enumerate(trial.arms):
                for e in arm.endpoints:
                    if (
                        e.name == endpoint_name
                        and e.assessment == assessment
                        and e.median_months is not None
                    ):
                        colour = _COLOURS[i % len(_COLOURS)]
                        rows.append((label, arm.name, e.median_months, e.ci, colour))
    longest = max([r[2] for r in rows] + [r[3][1] for r in rows if r[3]] + [1.0])
    x0, x1 = t.label_column + 120, t.width - 20
    k = (x1 - x0) / (longest * 1.1)
    items: list[Rect | Text | Stroke] = []
    y = 10.0
    for gi, (label, hr_text) in enumerate(groups):
        items.append(
            Text(f"group-{gi}", 10, y + t.font * 0.6, label, t.font, ("group",), bold=True)
        )
        if hr_text:
            items.append(
                Text(
                    f"hr-{gi}",
                    x1 - text_width(hr_text, t.small) * 1.08,
                    y + t.font * 0.6,
                    hr_text,
                    t.small,
                    ("hr",),
                )
            )
        y += t.font * 1.6
        for n, (group, arm_name, median, band, colour) in enumerate(
            r for r in rows if r[0] == label
        ):
            key = f"{gi}-{n}-{slug(arm_name)}"
            cy = y + t.row / 2
            items.append(Text(f"arm-{key}", 18, cy, arm_name, t.small, ("arm",)))
            items.append(
                Rect(
                    f"median-{key}",
                    x0,
                    cy - t.row * 0.3,
                    x0 + median * k,
                    cy + t.row * 0.3,
                    colour,
                    ("median",),
                    tooltip=f"{arm_name}: {group} {median:g} months",
                )
            )
            end: float = median
            value = f"{median:g} mo"
            if band:
                # the whisker is drawn over the bar (as nodes: Graphviz puts lines beneath
                # them), with a cap at each end, so that its lower half is not hidden
                lo, hi = x0 + band[0] * k, x0 + band[1] * k
                tip = f"{arm_name}: {group} {median:g} months, 95% CI {band[0]:g}–{band[1]:g}"
                items.append(
                    Rect(f"ci-{key}", lo, cy - 0.6, hi, cy + 0.6, "#000000", ("ci",), tooltip=tip)
                )
                for side, x in (("lo", lo), ("hi", hi)):
                    items.append(
                        Rect(
                            f"ci-{key}-{side}",
                            x - 0.6,
                            cy - t.row * 0.2,
                            x + 0.6,
                            cy + t.row * 0.2,
                            "#000000",
                            ("ci",),
                            tooltip=tip,
                        )
                    )
                end = band[1]
                value += f" (95% CI {band[0]:g}–{band[1]:g})"
            items.append(Text(f"value-{key}", x0 + end * k + 4, cy, value, t.small, ("value",)))
            y += t.row
        y += t.gap
    axis_y = y + 4
    items.append(Stroke("axis", x0, axis_y, x1, axis_y, "#000000", 0.8, classes=("axis",)))
    step = 3 if longest <= 18 else 6 if longest <= 40 else 12
    m = 0
    while m <= longest * 1.1:
        x = x0 + m * k
        items.append(
            Stroke(f"tick-{m}", x, axis_y, x, axis_y + 4, "#000000", 0.8, classes=("tick",))
        )
        items.append(
            Text(
                f"tick-label-{m}",
                x,
                axis_y + 5 + t.small * 0.7,
                str(m),
                t.small,
                ("tick-label",),
                anchor="middle",
            )
        )
        m += step
    items.append(
        Text(
            "axis-caption",
            (x0 + x1) / 2,
            axis_y + 5 + t.small * 2,
            "months",
            t.small,
            ("axis-caption",),
            anchor="middle",
        )
    )
    title = [trial.name + (f": {trial.title}" if trial.title else "")]
    design = trial.design
    bits = [
        x
        for x in (
            f"phase {design.phase}" if design.phase else "",
            "randomised" if design.randomised else "",
            f"n = {design.n}" if design.n else "",
        )
        if x
    ]
    if bits:
        title.append(", ".join(bits))
    lines: list[str] = []
    for text in title:
        lines.extend(wrap(text, t.title_font, (t.width - 24) / 1.12))
    scene = Scene(t.width, round(axis_y + 5 + t.small * 3, 2), tuple(lines), t)
    scene.items.extend(items)
    return scene
