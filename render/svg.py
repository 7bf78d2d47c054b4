"""The SVG after Graphviz: classes for styling and tests, and nothing executable.

Graphviz 2.42 ignores the DOT ``class`` attribute, so classes are added here, from the ids
the DOT gave each element: every therapy bar gets ``therapy``, its lane key and its agent;
every response segment ``response`` and its category; every event ``event`` and its kind.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

__all__ = ["add_classes", "assert_inert", "finish", "portable_fonts"]

_GROUP = re.compile(r'<g id="([^"]+)" class="(node|edge)"')
_FAMILY = re.compile(r'font-family="Helvetica(-Bold)?,sans-Serif"')
_FALLBACKS = "Helvetica,Arial,Liberation Sans,DejaVu Sans,sans-serif"
# both rewrites in one pass over the text
_EITHER = re.compile(_GROUP.pattern + "|" + _FAMILY.pattern.replace("(-Bold)", "(?P<bold>-Bold)"))


def finish(svg: bytes, classes: Mapping[str, tuple[str, ...]]) -> bytes:
    """The SVG as written: :func:`add_classes` and :func:`portable_fonts` in one pass, then
    :func:`assert_inert`."""

    def repl(m: re.Match[str]) -> str:
        ident = m.group(1)
        if ident is None:  # a font family
            bold = ' font-weight="bold"' if m.group("bold") else ""
            return f'font-family="{_FALLBACKS}"{bold}'
        extra = classes.get(html.unescape(ident) if "&" in ident else ident)
        if not extra:
            return m.group(0)
        return f'<g id="{ident}" class="{m.group(2)} {" ".join(extra)}"'

    out = _EITHER.sub(repl, svg.decode("utf-8")).encode("utf-8")
    assert_inert(out)
    return out


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
    """Refuse an SVG that is not well-formed XML, or that holds script: a ``script`` element,
    an event-handler attribute (``onload``...), or a ``javascript:`` link. The check reads the
    parsed elements and attributes, never the text, so a note saying "onset = 3 weeks" is
    drawn like any other."""
    from xml.parsers import expat

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = name[name.rfind("}") + 1 :].lower()  # names come as "namespace}local"
        if tag in ("script", "foreignobject"):
            raise ValueError(f"the SVG holds a {tag} element; refusing to write it")
        for key, value in attrs.items():
            local = key[key.rfind("}") + 1 :].lower()
            if local.startswith("on") or (
                local == "href" and value.strip().lower().startswith(("javascript:", "data:"))
            ):
                raise ValueError(f"the SVG holds script ({local}); refusing to write it")

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    try:
        parser.Parse(svg, True)
    except expat.ExpatError as exc:
        raise ValueError(f"the SVG is not well-formed XML ({exc}); refusing to write it") from exc
