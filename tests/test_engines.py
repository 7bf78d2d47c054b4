"""The engines: the same bytes whatever was drawn before, the system Graphviz through the
graphviz package with clear errors, one engine run for every format, the DOT writer quoting
as the graphviz package does."""

from __future__ import annotations

import os
import re
import shutil
import warnings
from pathlib import Path

import graphviz
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CASES, REFERENCE
from timeline import check_path
from timeline.cli import available_cores, main
from timeline.render import case_dot, engines, render_case, render_formats
from timeline.render import dot as dotmod
from timeline.render.engines import RenderUnavailable

GRADIENT_CASES = [p for p in CASES if "bmccancer2017" in p.name or "sakaguchi2019" in p.name]


def test_the_same_case_gives_the_same_bytes_whatever_was_drawn_before() -> None:
    """Graphviz numbers gradients with a counter of its instance: each drawing has its own."""
    assert len(GRADIENT_CASES) == 2
    first, second = (check_path(str(p)) for p in GRADIENT_CASES)
    alone = render_case(second, backend="wasm")
    assert b"_l_0" in alone, "the case has gradients (the test would prove nothing)"
    render_case(first, backend="wasm")
    render_case(first, backend="wasm")
    assert render_case(second, backend="wasm") == alone


def test_a_batch_gives_the_same_bytes_whatever_the_workers(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in [*GRADIENT_CASES, REFERENCE]:
        shutil.copy(p, folder / p.name)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert (
            main(["render", str(folder), "-o", str(out), "--engine", "wasm", "--jobs", jobs]) == 0
        )
        outs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert len(outs[0]) == 3 and outs[0] == outs[1]


def test_svg_and_png_come_from_one_engine_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import timeline.render as render

    calls = []
    real = render.draw

    def counting(*args: object, **kw: object) -> bytes:
        calls.append(args[2])
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "draw", counting)
    drawn = render_formats(check_path(str(REFERENCE)), ("svg", "png"), backend="wasm")
    assert calls == ["svg"]
    assert drawn["png"].startswith(b"\x89PNG") and drawn["svg"].startswith(b"<?xml")
    assert drawn["svg"] == render_case(check_path(str(REFERENCE)), backend="wasm")


_COORD = re.compile(rb'(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)|\b(c?[xy][12]?)="(-?\d+(?:\.\d+)?)"')


def _placed(svg: bytes) -> tuple[bytes, bytes, list[tuple[float, float]]]:
    """(the header, the body with every coordinate taken out, the coordinates moved by the
    graph's translation): two drawings are the same when these agree."""
    head, body = svg.split(b'<g id="graph0"', 1)
    move = re.search(rb"translate\(([-0-9.]+) ([-0-9.]+)\)", body)
    assert move is not None
    tx, ty = float(move[1]), float(move[2])
    body = re.sub(rb'stroke-dasharray="[^"]*"', b"", body[move.end() :])
    found: list[tuple[float, float]] = []
    for m in _COORD.finditer(body):
        if m[1] is not None:
            found.append((float(m[1]) + tx, float(m[2]) + ty))
        else:
            axis = m[3].lstrip(b"c")[:1]
            found.append((float(m[4]) + (tx if axis == b"x" else ty), 0.0))
    return head, _COORD.sub(b"#", body), found


@pytest.mark.parametrize("path", [REFERENCE, *GRADIENT_CASES], ids=lambda p: p.stem)
def test_the_nop_layout_draws_what_neato_would_at_an_offset(path: Path) -> None:
    """The DOT asks for ``layout=nop``, which keeps every pinned position without neato's
    all-pairs distances (quadratic memory): the drawing is the one neato's own layout gives,
    every coordinate moved by the same offset."""
    source = case_dot(check_path(str(path)))[0]
    assert "layout=nop" in source and "maxiter" not in source
    as_neato = source.replace("layout=nop", "layout=neato maxiter=0")
    a, b = (engines.draw(s, dotmod.ENGINE, "svg", "wasm") for s in (source, as_neato))
    assert a != b  # (else the comparison below would prove nothing)
    (head_a, body_a, at_a), (head_b, body_b, at_b) = _placed(a), _placed(b)
    assert head_a == head_b and body_a == body_b and len(at_a) == len(at_b) > 100
    assert all(
        abs(p[0] - q[0]) <= 0.015 and abs(p[1] - q[1]) <= 0.015
        for p, q in zip(at_a, at_b, strict=True)
    )


def test_available_cores_follow_the_affinity() -> None:
    if hasattr(os, "sched_getaffinity"):
        assert available_cores() == len(os.sched_getaffinity(0))
    assert available_cores() >= 1


@pytest.mark.parametrize("bad", ["0", "-2", "two"])
def test_jobs_must_be_a_positive_number(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["render", str(REFERENCE), "-o", "x.svg", "--jobs", bad])
    assert exit_.value.code == 2
    assert "--jobs" in capsys.readouterr().err


# -- the system Graphviz, through the graphviz package -------------------------------------------
def test_a_missing_program_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(RenderUnavailable, match=r"not installed.*apt-get install graphviz"):
        engines._system("digraph { a }", "neato", "svg")


@pytest.mark.system_graphviz
def test_a_system_error_is_reported_with_graphviz_s_own_line() -> None:
    if not engines.has_system_graphviz():
        pytest.skip("no system Graphviz")
    with pytest.raises(RenderUnavailable, match=r"Graphviz could not render svg: .*syntax"):
        engines._system("digraph { a -> }", "dot", "svg")


@pytest.mark.system_graphviz
def test_the_system_png_is_drawn_at_the_zoom() -> None:
    if not engines.has_system_graphviz():
        pytest.skip("no system Graphviz")
    import struct

    dot = 'digraph g { graph [pad=0] a [shape=box width=1 height=1 fixedsize=true label=""] }'
    widths = []
    for zoom in (1.0, 2.0):
        png = engines.draw(dot, "dot", "png", "system", zoom)
        widths.append(struct.unpack(">I", png[16:20])[0])
    assert widths[1] == pytest.approx(2 * widths[0], abs=2)


# -- the DOT writer: the bytes the graphviz package would write -------------------------------
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from('\\"<>&:-_ '),
    max_size=30,
)


# the package warns of a string ending in a backslash, which its own quoting then handles
@pytest.mark.filterwarnings("ignore:expect syntax error scanning invalid quoted string")
@settings(max_examples=300, deadline=None)
@given(value=TEXT)
def test_quoting_matches_the_graphviz_package(value: str) -> None:
    with warnings.catch_warnings():  # the package warns of a value ending in a backslash
        warnings.simplefilter("ignore")
        expected = graphviz.quoting.quote(value)
    assert dotmod._q(value) == expected
    escaped = dotmod.dot_text(value)
    assert dotmod._q(escaped, html=False) == graphviz.quoting.quote(graphviz.nohtml(escaped))
    assert dotmod._endpoint(value) == graphviz.quoting.quote_edge(value)


@settings(max_examples=100, deadline=None)
@given(attrs=st.dictionaries(st.sampled_from(["id", "pos", "fillcolor", "tooltip"]), TEXT))
@pytest.mark.filterwarnings("ignore::graphviz.exceptions.DotSyntaxWarning")
def test_attribute_lists_match_the_graphviz_package(attrs: dict[str, str]) -> None:
    g = graphviz.Digraph()
    escaped = {k: (dotmod.dot_text(v) if k == "tooltip" else v) for k, v in attrs.items()}
    g.node(
        "n",
        label=graphviz.nohtml("x"),
        **{k: graphviz.nohtml(v) if k == "tooltip" else v for k, v in escaped.items()},
    )
    out: list[str] = []
    dotmod._node(out, "n", {"label": "x", **escaped})
    assert "".join(out) == g.body[0]


# -- the safety check of the SVG ---------------------------------------------------------------
_HEAD = b'<?xml version="1.0"?>\n'


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><g onload="alert(1)"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="urn:x"><g x:onclick="f()"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink">'
        b'<a l:href="&#106;avascript:alert(1)"/></svg>',
        b'<!DOCTYPE svg [<!ATTLIST g onload CDATA "alert(1)">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
    ],
    ids=["script", "handler", "prefixed-handler", "encoded-link", "declared-default", "foreign"],
)
def test_script_is_refused_however_written(svg: bytes) -> None:
    from timeline.render.svg import assert_inert

    for text in (svg, _HEAD + svg, (_HEAD + svg).decode().encode("utf-16")):
        with pytest.raises(ValueError, match="refusing"):
            assert_inert(text)


def test_text_about_onset_is_not_script_and_broken_xml_is_refused() -> None:
    from timeline.render.svg import assert_inert

    assert_inert(
        _HEAD + b'<svg xmlns="http://www.w3.org/2000/svg"><text>onset = 3 weeks</text></svg>'
    )
    assert_inert(_HEAD + b'<svg xmlns="http://www.w3.org/2000/svg"><text>fine</text></svg>')
    for broken in (_HEAD + b"<svg><g></svg>", b"<svg>&undefined;</svg>"):
        with pytest.raises(ValueError, match="not well-formed"):
            assert_inert(broken)


@pytest.mark.parametrize("before", [" ", "\t", "\r", "\n", "x:"])
def test_every_handler_name_sends_the_svg_to_the_full_check(before: str) -> None:
    """The quick look that spares well-formed drawings the element-by-element check must see
    a handler after any separator, in any case; "polygon" or "font" are not handlers."""
    from timeline.render.svg import _suspect

    assert _suspect(f'<svg{before}ONload ="x"/>'.encode())
    assert not _suspect(b'<svg><polygon points="0,0"/><text font-size="9">on, one</text></svg>')


def test_finish_classes_each_group_and_drops_its_title() -> None:
    from timeline.render.svg import finish

    svg = (
        _HEAD + b'<svg xmlns="http://www.w3.org/2000/svg">\n'
        b'<g id="bar&#45;x" class="node">\n<title>bar&#45;x</title>\n'
        b'<text font-family="Helvetica-Bold,sans-Serif">x</text>\n</g>\n'
        b'<g id="e" class="edge">\n<title>e&#45;a&#45;&gt;e&#45;b</title>\n</g>\n'
        b'<g id="a_bar&#45;x"><text font-family="Helvetica,sans-Serif">y</text></g>\n</svg>'
    )
    assert finish(svg, {"bar-x": ("therapy", "chemotherapy"), "a_bar-x": ("no",)}) == (
        _HEAD + b'<svg xmlns="http://www.w3.org/2000/svg">\n'
        b'<g id="bar&#45;x" class="node therapy chemotherapy">\n'
        b'<text font-family="Helvetica,Arial,Liberation Sans,DejaVu Sans,sans-serif"'
        b' font-weight="bold">x</text>\n</g>\n'
        b'<g id="e" class="edge">\n</g>\n'
        b'<g id="a_bar&#45;x"><text'
        b' font-family="Helvetica,Arial,Liberation Sans,DejaVu Sans,sans-serif">y</text></g>\n'
        b"</svg>"
    )


def test_no_worker_compiles_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch puts the compiled module in the cache before its workers start; a worker that
    compiled would write the entry anew (another file under the same name)."""
    from timeline.render import wasmcache

    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
    monkeypatch.setattr(engines, "_WASM", [])  # as a new process: nothing loaded yet
    engines.prepare("wasm")
    assert wasmcache.is_cached()
    (entry,) = (tmp_path / "cache").iterdir()
    inode = entry.stat().st_ino
    folder = tmp_path / "in"
    folder.mkdir()
    for p in [*GRADIENT_CASES, REFERENCE]:
        shutil.copy(p, folder / p.name)
    out = tmp_path / "out"
    assert main(["render", str(folder), "-o", str(out), "--engine", "wasm", "--jobs", "2"]) == 0
    assert [p.stat().st_ino for p in (tmp_path / "cache").iterdir()] == [inode]
