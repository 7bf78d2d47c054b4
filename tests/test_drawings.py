"""What every drawing of every case in cases/ must show: no overlapping text, no therapy
shorter than the case allows, every recorded change of disease state, a labelled axis."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from conftest import CASES
from svgread import text_boxes
from timeline import Checked, check_path
from timeline.queries import point_key
from timeline.render import render_case
from timeline.render.layout import swimlane
from timeline.render.scene import Rect, Scene, Text
from timeline.render.style import THEMES


@cache
def _checked(path: Path) -> Checked:
    return check_path(str(path))


@cache
def _svg(path: Path, theme: str) -> bytes:
    return render_case(_checked(path), theme=theme, fmt="svg", backend="wasm")


def _scene(path: Path, theme: str = "slide") -> Scene:
    return swimlane(_checked(path), THEMES[theme])


@pytest.mark.parametrize("theme", ["slide", "print"])
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_no_text_overlaps_another(path: Path, theme: str) -> None:
    boxes = text_boxes(_svg(path, theme))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
            overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
            assert overlap_x <= 0.5 or overlap_y <= 0.5, f"{a.text!r} overlaps {b.text!r}"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_no_therapy_is_drawn_shorter_than_the_case_allows(path: Path) -> None:
    checked = _checked(path)
    scene = _scene(path)
    assert checked.case is not None and checked.chrono is not None
    bars = {i.id: i for i in scene.items if isinstance(i, Rect) and i.id.startswith("bar-")}
    axis = next(i for i in scene.items if i.id == "axis")
    ticks = [
        i for i in scene.items if i.id.startswith("tick-") and not i.id.startswith("tick-label")
    ]
    assert ticks
    plan = checked.schedule
    assert plan is not None
    # points per day, from two scheduled points far apart
    from timeline.render.timescale import time_scale

    scale = time_scale(plan, THEMES["slide"])
    per_day = (scale.x1 - scale.x0) / (scale.t1 - scale.t0)
    assert axis is not None
    from timeline.render.scene import slug

    for regimen in checked.case.regimens():
        for exp in regimen.exposures:
            bar = bars.get(f"bar-{slug(exp.key)}")
            if bar is None or regimen.ongoing:
                continue
            least = checked.chrono.least(point_key(exp, "start"), point_key(exp, "end"))
            if least is None:
                continue
            assert bar.x1 - bar.x0 >= least * per_day - 0.6, (
                f"{exp.key} is drawn {bar.x1 - bar.x0:.1f} pt wide, shorter than its {least} days"
            )


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_recorded_state_is_in_the_disease_lane(path: Path) -> None:
    checked = _checked(path)
    scene = _scene(path)
    drawn = [
        i.classes[1]
        for i in sorted(
            (i for i in scene.items if isinstance(i, Rect) and i.id.startswith("status-")),
            key=lambda r: int(r.id.split("-")[1]),
        )
    ]
    recorded = [s.after for s in checked.steps if s.after != "dead"]
    assert drawn == recorded
    segments = sorted(
        (i for i in scene.items if isinstance(i, Rect) and i.id.startswith("status-")),
        key=lambda r: r.x0,
    )
    for segment in segments:
        assert segment.x1 - segment.x0 >= 3.9, f"{segment.id} is too thin to be seen"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_axis_has_at_least_three_labelled_ticks(path: Path) -> None:
    scene = _scene(path)
    labels = [i for i in scene.items if isinstance(i, Text) and i.id.startswith("tick-label")]
    assert len(labels) >= 3


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_everything_is_on_the_page(path: Path) -> None:
    scene = _scene(path)
    for item in scene.items:
        if isinstance(item, Text):
            x0, _y0, x1, _y1 = item.box
            assert x0 >= -1 and x1 <= scene.width + 1, f"{item.id} {item.text!r} leaves the page"
