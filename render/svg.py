"""The SVG after Graphviz: classes for styling and tests, and nothing executable.

Graphviz 2.42 ignores the DOT ``class`` attribute, so classes are added here, from the ids
the DOT gave each element: every therapy bar gets ``therapy``, its lane key and its agent;
every response segment ``response`` and its category; every event ``event`` and its kind.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

__all__ = ["add_classes", "assert_inert", "portable_fonts"]

_GROUP = re.compile(r'<g id="([^"]+)" class="(node|edge)"')
_FAMILY = re.compile(r'font-family="Helvetica(-Bold)?,sans-Serif"')
_FALLBACKS = "Helvetica,Arial,Liberation Sans,DejaVu Sans,sans-serif"


def portable_fonts(svg: bytes) -> bytes:
    """Name fonts most machines have after Helvetica (Graphviz names only Helvetica and a
    capitalised generic ``sans-Serif``, which some renderers, resvg among them, do not match)."""

    def repl(m: re.Match[str]) -> str:
        bold = ' font-weight="bold"' if m.group(1) else ""
        return f'font-family="{_FALLBACKS}"{bold}'

    return _FAMILY.sub(repl, svg.decode("utf-8")).encode("utf-8")


def add_classes(svg: bytes, classes: Mapping[str, tuple[str, ...]]) -> bytes:
    text = svg.decode("utf-8")

    def repl(m: re.Match[str]) -> str:
        extra = classes.get(html.unescape(m.group(1)))  # Graphviz writes "-" as "&#45;"
        if not extra:
            return m.group(0)
        return f'<g id="{m.group(1)}" class="{m.group(2)} {" ".join(extra)}"'

    return _GROUP.sub(repl, text).encode("utf-8")


def assert_inert(svg: bytes) -> None:
    """Refuse an SVG with script or event-handler attributes (none should ever get here)."""
    text = svg.decode("utf-8").lower()
    if "<script" in text or re.search(r"\son[a-z]+\s*=", text):
        raise ValueError("the SVG holds script; refusing to write it")
