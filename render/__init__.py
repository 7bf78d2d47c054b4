"""Diagrams of checked cases: the swimlane timeline and the disease-state machine.

    from timeline import check_path
    from timeline.render import render_case

    svg = render_case(check_path("cases/cr000-paclitaxel-bevacizumab.yaml"), fmt="svg")

Layout (:mod:`render.layout`) is apart from styling (:mod:`render.style`), from DOT
(:mod:`render.dot`, :mod:`render.statefig`), from the engines (:mod:`render.engines`) and from
writing files (:mod:`render.output`).
"""

from __future__ import annotations

from typing import Literal

from timeline.evidence import Match
from timeline.render.dot import ENGINE, classes_of, scene_dot
from timeline.render.engines import Backend, RenderUnavailable, backend_for, draw, rasterise
from timeline.render.layout import swimlane
from timeline.render.statefig import STATE_ENGINE, states_dot
from timeline.render.style import THEMES
from timeline.render.svg import add_classes, assert_inert, portable_fonts
from timeline.validate import Checked

__all__ = ["KINDS", "THEMES", "RenderUnavailable", "case_dot", "render_case"]

KINDS = ("swimlane", "states")
Kind = Literal["swimlane", "states"]


def case_dot(
    checked: Checked,
    kind: Kind = "swimlane",
    theme: str = "slide",
    until: int | None = None,
    highlight: frozenset[str] = frozenset(),
    evidence: list[Match] | None = None,
) -> tuple[str, str, dict[str, tuple[str, ...]]]:
    """(DOT source, layout engine, SVG classes by element id) of one diagram; ``until`` and
    ``highlight`` as in :func:`timeline.render.layout.swimlane`."""
    if checked.trial is not None:
        from timeline.render.trialfig import trial_scene

        scene = trial_scene(checked.trial, THEMES[theme])
        return scene_dot(scene, checked.trial.id), ENGINE, classes_of(scene)
    if checked.case is None:
        raise ValueError(
            f"{checked.path}: the case could not be read; run 'timeline validate' on it"
        )
    style = THEMES[theme]
    if kind == "states":
        source, classes = states_dot(checked, style)
        return source, STATE_ENGINE, classes
    scene = swimlane(checked, style, until, highlight, evidence)
    return scene_dot(scene, checked.case.id), ENGINE, classes_of(scene)


def render_case(
    checked: Checked,
    *,
    kind: Kind = "swimlane",
    theme: str = "slide",
    fmt: str = "svg",
    backend: Backend = "auto",
    until: int | None = None,
    highlight: frozenset[str] = frozenset(),
    evidence: list[Match] | None = None,
) -> bytes:
    """The diagram as bytes of ``fmt`` (svg, png or pdf).

    SVG always comes through :mod:`render.svg` (classes, portable fonts, no script). PNG and
    PDF are drawn by the system Graphviz when it is used; in-process, PNG is the rasterised SVG.
    """
    source, engine, classes = case_dot(checked, kind, theme, until, highlight, evidence)
    which = backend_for(backend)
    zoom = THEMES[theme].zoom
    if fmt != "svg" and which == "system":
        return draw(source, engine, fmt, which, zoom)
    if fmt not in ("svg", "png"):
        return draw(source, engine, fmt, which, zoom)  # raises: says what to install
    svg = portable_fonts(add_classes(draw(source, engine, "svg", which), classes))
    assert_inert(svg)
    return svg if fmt == "svg" else rasterise(svg, zoom)
