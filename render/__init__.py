"""Diagrams of checked cases: the swimlane timeline and the disease-state machine.

    from timeline import check_path
    from timeline.render import render_case

    svg = render_case(check_path("cases/cr000-paclitaxel-bevacizumab.yaml"), fmt="svg")

Layout (:mod:`render.layout`) is apart from styling (:mod:`render.style`), from DOT
(:mod:`render.dot`, :mod:`render.statefig`), from the engines (:mod:`render.engines`) and from
writing files (:mod:`render.output`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from timeline.render.dot import ENGINE, classes_of, scene_dot
from timeline.render.engines import Backend, RenderUnavailable, backend_for, draw, rasterise
from timeline.render.layout import swimlane
from timeline.render.style import THEMES
from timeline.render.svg import finish
from timeline.validate import Checked

if TYPE_CHECKING:
    # (the trial evidence, and the state diagram with the graphviz package and networkx, are
    # imported only by the drawings that need them)
    from timeline.evidence import Match

__all__ = [
    "KINDS",
    "THEMES",
    "RenderUnavailable",
    "case_dot",
    "render_case",
    "render_formats",
    "render_key",
]

KINDS = ("swimlane", "states")
Kind = Literal["swimlane", "states"]


def case_dot(
    checked: Checked,
    kind: Kind = "swimlane",
    theme: str = "slide",
    until: int | None = None,
    highlight: frozenset[str] = frozenset(),
    evidence: list[Match] | None = None,
    until_event: str | None = None,
    before_event: str | None = None,
    untold: frozenset[str] = frozenset(),
) -> tuple[str, str, dict[str, tuple[str, ...]]]:
    """(DOT source, layout engine, SVG classes by element id) of one diagram; ``until``,
    ``until_event``, ``before_event``, ``untold`` and ``highlight`` as in
    :func:`timeline.render.layout.swimlane`."""
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
        from timeline.render.statefig import STATE_ENGINE, states_dot

        source, classes = states_dot(checked, style)
        return source, STATE_ENGINE, classes
    scene = swimlane(checked, style, until, highlight, evidence, until_event, before_event, untold)
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
    until_event: str | None = None,
    before_event: str | None = None,
    untold: frozenset[str] = frozenset(),
) -> bytes:
    """The diagram as bytes of ``fmt`` (svg, png or pdf).

    SVG always comes through :mod:`render.svg` (classes, portable fonts, no script). PNG and
    PDF are drawn by the system Graphviz when it is used; in-process, PNG is the rasterised SVG.
    """
    return render_formats(
        checked,
        (fmt,),
        kind=kind,
        theme=theme,
        backend=backend,
        until=until,
        highlight=highlight,
        evidence=evidence,
        until_event=until_event,
        before_event=before_event,
        untold=untold,
    )[fmt]


def render_key(
    checked: Checked, *, theme: str = "deck", backend: Backend = "auto"
) -> tuple[bytes, str]:
    """The legend of the case's whole figure in ``theme``, drawn alone as SVG
    (:func:`timeline.render.layout.key_scene`), and its words: the key slide of a deck, whose
    figures have no legend of their own."""
    from timeline.render.layout import key_scene
    from timeline.render.scene import Text

    assert checked.case is not None
    scene = key_scene(checked, THEMES[theme])
    source = scene_dot(scene, f"{checked.case.id}-key")
    svg = finish(draw(source, ENGINE, "svg", backend_for(backend)), classes_of(scene))
    texts = [i for i in scene.items if isinstance(i, Text)]
    names = [t.text for t in texts if not t.id.startswith(("legend-note", "note-"))]
    # (the notes are wrapped over lines: said whole)
    notes = " ".join(t.text for t in texts if t.id.startswith(("legend-note", "note-")))
    return svg, "; ".join([*names, notes] if notes else names)


def render_formats(
    checked: Checked,
    formats: Sequence[str],
    *,
    kind: Kind = "swimlane",
    theme: str = "slide",
    backend: Backend = "auto",
    until: int | None = None,
    highlight: frozenset[str] = frozenset(),
    evidence: list[Match] | None = None,
    until_event: str | None = None,
    before_event: str | None = None,
    untold: frozenset[str] = frozenset(),
) -> dict[str, bytes]:
    """The diagram in each of ``formats``, as :func:`render_case` draws it, from one DOT and
    (in-process) one run of Graphviz: the PNG is the SVG already drawn, rasterised."""
    source, engine, classes = case_dot(
        checked, kind, theme, until, highlight, evidence, until_event, before_event, untold
    )
    which = backend_for(backend)
    zoom = THEMES[theme].zoom
    out: dict[str, bytes] = {}
    svg: bytes | None = None
    for fmt in formats:
        if fmt == "svg" or (fmt == "png" and which == "wasm"):
            if svg is None:
                svg = finish(draw(source, engine, "svg", which), classes)
            out[fmt] = svg if fmt == "svg" else rasterise(svg, zoom)
        else:  # the system Graphviz's own PNG and PDF, or a message saying what to install
            out[fmt] = draw(source, engine, fmt, which, zoom)
    return out
