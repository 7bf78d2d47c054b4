"""The SVG after Graphviz: classes for styling and tests, and nothing executable.

Graphviz 2.42 ignores the DOT ``class`` attribute, so classes are added here, from the ids
the DOT gave each element: every therapy bar gets ``therapy``, its lane key and its agent;
every response segment ``response`` and its category; every event ``event`` and its kind.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

__all__ = ["add_classes", "assert_inert", "finish", "portable_fonts"]

_GROUP = re.compile(r'<g id="([^"]+)" class="(node|edge)"')
_FAMILY = re.compile(r'font-family="Helvetica(-Bold)?,sans-Serif"')
_FALLBACKS = "Helvetica,Arial,Liberation Sans,DejaVu Sans,sans-serif"
# what the text must hold for the parsed SVG to hold script (see assert_inert): the name of a
# script element or of a link, a declaration that could add attributes, or an attribute whose
# name (after a space, or a namespace prefix) starts with "on"
_SUSPECT = (b"script", b"foreignobject", b"href", b"<!attlist", b"<!entity")
# (the regular expression starts with the letters, so that it is searched for as fast as a
# plain string; what comes before them is looked at only where they stand)
_ON_ATTRIBUTE = re.compile(rb"""on(?<=[ \t\r\n:]on)[^\s=<>"']*\s*=""")


def _suspect(svg: bytes) -> bool:
    low = svg.lower()
    return any(word in low for word in _SUSPECT) or _ON_ATTRIBUTE.search(low) is not None


# Graphviz gives every node and edge a <title> holding its DOT id ("window-ptx-bev-start",
# "grid-2005-a->grid-2005-b"), which browsers show on hover; the tooltips a reader needs are
# the links' titles, so the element's own title is dropped: each group opens with
# <g id="ID" class="node|edge">\n<title>TITLE</title>
_OPEN = b'<g id="'
_KINDS = {b'" class="node">\n<title>': b"node", b'" class="edge">\n<title>': b"edge"}
_HEAD = len(next(iter(_KINDS)))
_FONT, _BOLD_FONT = (
    b'font-family="Helvetica,sans-Serif"',
    b'font-family="Helvetica-Bold,sans-Serif"',
)
_FONT_FALLBACKS = f'font-family="{_FALLBACKS}"'.encode()
_BOLD_FALLBACKS = _FONT_FALLBACKS + b' font-weight="bold"'


@functools.lru_cache(maxsize=1024)
def _dot_id(ident: bytes) -> str:
    """The DOT id of an element, from its SVG id as Graphviz writes it ("-" as "&#45;")."""
    key = ident.decode("utf-8").replace("&#45;", "-")
    if "&" not in key:
        return key
    import html  # (only for an id holding another character reference: rare)

    return html.unescape(key)


@functools.lru_cache(maxsize=1024)
def _class(kind: bytes, extra: tuple[str, ...] | None) -> bytes:
    """What follows a node's or an edge's id: its class attribute, with the extra classes."""
    names = b"%s %s" % (kind, " ".join(extra).encode()) if extra else kind
    return b'" class="%s">' % names


def finish(svg: bytes, classes: Mapping[str, tuple[str, ...]]) -> bytes:
    """The SVG as written: :func:`add_classes` and :func:`portable_fonts` in one pass, with
    the DOT ids Graphviz writes as each element's hover title dropped, then
    :func:`assert_inert`.

    The bytes are rewritten as they are, without decoding them: the two font names are
    replaced as they stand (no id or title holds one: Graphviz writes the quotes in them as
    character references), then the text is cut at every ``<g id="``, so that each piece
    starts with an element's id, class and title."""
    text = svg.replace(_BOLD_FONT, _BOLD_FALLBACKS).replace(_FONT, _FONT_FALLBACKS)
    pieces = text.split(_OPEN)
    out = [pieces[0]]
    for piece in pieces[1:]:
        quote = piece.find(b'"')
        kind = _KINDS.get(piece[quote : quote + _HEAD]) if quote > 0 else None
        if kind is not None:
            end = piece.find(b"<", quote + _HEAD)
            if end >= 0 and piece.startswith(b"</title>", end):
                ident = piece[:quote]
                extra = classes.get(_dot_id(ident))
                out += (_OPEN, ident, _class(kind, extra), piece[end + 8 :])
                continue
        out += (_OPEN, piece)
    result = b"".join(out)
    assert_inert(result)
    return result


def portable_fonts(svg: bytes) -> bytes:
    """Name fonts most machines have after Helvetica (Graphviz names only Helvetica and a
    capitalised generic ``sans-Serif``, which some renderers, resvg among them, do not match)."""

    def repl(m: re.Match[str]) -> str:
        bold = ' font-weight="bold"' if m.group(1) else ""
        return f'font-family="{_FALLBACKS}"{bold}'

    return _FAMILY.sub(repl, svg.decode("utf-8")).encode("utf-8")


def add_classes(svg: bytes, classes: Mapping[str, tuple[str, ...]]) -> bytes:
    import html

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

    parser = expat.ParserCreate(namespace_separator="}")
    if svg[:1] == b"<" and svg[1:2] != b"\0" and not _suspect(svg):
        # no name that could be a script element, a handler or a link, and no declaration
        # that could add one: only well-formedness is left to check (names cannot be
        # written with character references, so the parsed document has none either; the
        # text is read as bytes of ASCII-compatible XML, which UTF-16 is not)
        try:
            parser.Parse(svg, True)
        except expat.ExpatError as exc:
            raise ValueError(
                f"the SVG is not well-formed XML ({exc}); refusing to write it"
            ) from exc
        return
    parser = expat.ParserCreate(namespace_separator="}")

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

    parser.StartElementHandler = start
    try:
        parser.Parse(svg, True)
    except expat.ExpatError as exc:
        raise ValueError(f"the SVG is not well-formed XML ({exc}); refusing to write it") from exc
