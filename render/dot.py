"""A scene as DOT: every item pinned where the layout put it, every case string escaped.

The DOT is written directly, quoted as the DOT language requires (the bytes the ``graphviz``
package would write, at a fraction of its cost per attribute), and is deterministic: the same
case and theme give the same bytes (items in scene order, numbers with two decimals at most).
Positions are pinned (``pos="x,y!"`` with ``inputscale=72``, so in points) and the graph asks
for Graphviz's ``nop`` layout (part of the ``neato`` program), which takes every position as
given and only draws the edges: this is what makes the time axis proportional. (``neato``'s own
layout keeps pinned nodes too, but first builds a matrix of distances between every pair of
nodes even with ``maxiter=0``: 220 MB for a chain of 5,000 events, for the same drawing moved
by a constant offset.) Only attributes that Graphviz 2.42 already had are used; SVG classes
are added afterwards from the node ids (:mod:`render.svg`), because 2.42 ignores the ``class``
attribute.
"""

from __future__ import annotations

import functools
import math
import re

from timeline.render.scene import FADE_CAP, Cut, Glyph, Rect, Scene, Stroke, Text

__all__ = ["ENGINE", "classes_of", "dot_text", "scene_dot"]

#: The Graphviz program that draws the swimlane DOT (whose ``layout=nop`` graph attribute picks
#: the layout of that program that keeps every pinned position).
ENGINE = "neato"
LAYOUT = "nop"


# kept: a drawing writes the same few hundred numbers (sizes, rows, days) about a thousand
# times
@functools.lru_cache(maxsize=1024)
def _n(value: float) -> str:
    if not math.isfinite(value):
        # a position the layout could not place (an open window with nothing drawn beside
        # it): Graphviz drew a figure "-2147483648pt" wide, and its PNG was empty
        raise ValueError(f"a drawing position that is not a number ({value})")
    text = f"{value:.2f}"
    if text[-1] != "0":  # two significant decimals (most positions): nothing to trim
        return text
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


#: the longest string drawn or kept in a tooltip (a longer one ends in an ellipsis)
MAX_TEXT = 2000
# characters XML 1.0 cannot hold: controls other than tab and line breaks, surrogates,
# U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


#: the longest case string whose escaped form is kept for the next time it is written
_KEPT = 1000


def dot_text(text: str) -> str:
    """A case string as a literal DOT string: no escapes, no HTML, one line, only characters
    XML can hold, and at most :data:`MAX_TEXT` characters."""
    # kept unless long: a bar's tooltip is written on the bar and on its label, and a deck
    # draws the same case at every step
    return _dot_text(text) if len(text) <= _KEPT else _dot_text.__wrapped__(text)


@functools.lru_cache(maxsize=1024)
def _dot_text(text: str) -> str:
    clean = " ".join(_NOT_XML.sub("\ufffd", text).split())
    if len(clean) > MAX_TEXT:
        clean = clean[: MAX_TEXT - 1] + "…"
    # Graphviz reads "&#1;" as a character reference: an ampersand stays an ampersand;
    # a backslash is a backslash, not an escape (a case's "\\l" must not end a line)
    return clean.replace("&", "&amp;").replace("\\", "\\\\")


def classes_of(scene: Scene) -> dict[str, tuple[str, ...]]:
    """SVG element id -> the classes it should carry."""
    out: dict[str, tuple[str, ...]] = {}
    for item in scene.items:
        if item.classes:
            out[item.id] = item.classes
    return out


# DOT's plain identifiers: a name or a numeral; anything else is written in double quotes
_ID = re.compile(r"(?:[A-Za-z_][A-Za-z0-9_]*|-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?))$")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
# a double quote not already escaped by an odd run of backslashes gets one
_BARE_QUOTE = re.compile(r'((?:\\\\)*)\\?"')
_HTML = re.compile(r"<.*>$", re.DOTALL)


@functools.lru_cache(maxsize=8192)
def _q(value: str, html: bool = True) -> str:
    """``value`` as a DOT identifier: bare when DOT allows it, else quoted. A ``<...>`` value
    is an HTML label unless ``html`` is false (text from a case, escaped by :func:`dot_text`)."""
    if html and value[:1] == "<" and _HTML.match(value):
        return value
    if _ID.match(value) and value.lower() not in _KEYWORDS:
        return value
    if '"' in value:
        value = _BARE_QUOTE.sub(r'\1\\"', value)
    return f'"{value}"'


def _alist(attrs: dict[str, str], label: str | None = None) -> str:
    """`` [k=v ...]``: the label first, then the other attributes by name."""
    parts = [] if label is None else [f"label={_q(label, False)}"]
    parts += [f"{k}={_q(attrs[k], k not in _TEXT)}" for k in sorted(attrs)]
    return f" [{' '.join(parts)}]" if parts else ""


# attributes that hold text from the case (escaped, never HTML)
_TEXT = frozenset({"label", "tooltip"})


def scene_dot(scene: Scene, name: str) -> str:
    """The DOT of ``scene``: the graph named ``name``, every item pinned in points."""
    t = scene.theme
    h = scene.height
    title = "".join(dot_text(line) + r"\l" for line in scene.title)
    graph = {
        # every node is pinned: no layout to compute, no all-pairs distances (see above)
        "layout": LAYOUT,
        "inputscale": "72",
        "notranslate": "true",
        "splines": "line",
        "outputorder": "edgesfirst",
        "label": title,
        "labelloc": "t",
        "labeljust": "l",
        "fontname": t.font_family,
        "fontsize": _n(t.title_font or t.font),
        "pad": f"{t.pad:g}",
        "bgcolor": "white",
    }
    node = {"fontname": t.font_family, "fixedsize": "true", "margin": "0", "penwidth": "0"}
    out = [
        f"digraph {_q(dot_text(name), False)} {{\n",
        f"\tgraph{_alist(graph)}\n",
        f"\tnode{_alist(node)}\n",
        "\tedge [arrowsize=0.6]\n",
    ]
    for item in scene.items:
        if isinstance(item, Rect):
            _rect(out, item, h)
        elif isinstance(item, Text):
            _text(out, item, h)
        elif isinstance(item, Stroke):
            _line(out, item, h)
        elif isinstance(item, Cut):
            _cut(out, item, h)
        else:
            _marker(out, item, h)
    out.append("}\n")
    return "".join(out)


def _node(out: list[str], ident: str, attrs: dict[str, str]) -> None:
    label = attrs.pop("label", None)
    out.append(f"\t{_q(ident)}{_alist(attrs, label)}\n")


def _endpoint(ident: str) -> str:
    """An edge end as DOT reads it: ``node[:port[:compass]]``."""
    node, _, rest = ident.partition(":")
    if not rest:
        return _q(node)
    port, _, compass = rest.partition(":")
    return ":".join([_q(node), _q(port), *([compass] if compass else [])])


# The items are written below as :func:`_node` would write them (the label first, then the
# other attributes by name), each line in one formatted string: a number from :func:`_n`
# is always a plain DOT numeral, a position ("x,y!") is always quoted and holds no quote,
# and every other value goes through :func:`_q` (text from the case escaped first).
_DASHED, _BOLD, _LEFT, _RIGHT = '"filled,dashed"', ' fontname="Helvetica-Bold"', r"\l", r"\r"


def _rect(out: list[str], r: Rect, h: float) -> None:
    n, q = _n, _q
    w, ht = r.x1 - r.x0, r.y1 - r.y0
    cy = (r.y0 + r.y1) / 2
    stroke = f"color={q(r.stroke)} " if r.stroke != "none" else ""
    fill = q(f"{r.blend}:{r.fill}") + " gradientangle=0" if r.blend else q(r.fill)
    ident = q(r.id)
    cap = min(FADE_CAP, w / 3)
    # an end not reported fades to white over a short cap drawn on top of the bar; a start or
    # end dated only within a wide window, over the part of the bar the window covers
    lengths = [
        r.fades[i] if r.fades[i] > 0 else (cap if r.fade in (side, "both") else 0.0)
        for i, side in enumerate(("start", "end"))
    ]
    faded = max(lengths) >= 2
    out.append(
        f"\t{ident} [label={_q(dot_text(r.label), False)} {stroke}fillcolor={fill}"
        f" fontcolor={q(r.font_colour)} fontsize={n(r.font)} height={n(ht / 72 + 0.00001)}"
        f" id={ident}{' penwidth=0.8' if stroke else ''}"
        f' pos="{n((r.x0 + r.x1) / 2)},{n(h - cy)}!"'
        f" shape=box style={_DASHED if r.dashed else 'filled'}"
        f"{f' tooltip={_q(dot_text(r.tooltip), False)}' if r.tooltip else ''}"
        # (a bar with fades in whole points, as they are placed against it)
        f" width={_inches(_whole(w)) if faded else n(w / 72 + 0.00001)}]\n"
    )
    if not faded:
        return
    y = n(h - cy)
    height = n(ht / 72 + 0.01)  # (a hair taller: no edge of the bar shows along the fade)
    # the fades are placed against the edges of the bar as Graphviz draws it: widths in whole
    # points, as the system's Graphviz draws a box, written precisely enough that the
    # in-process one draws them so too (a width written to the hundredth of an inch, drawn as
    # written by one engine and rounded to whole points by the other, left the fade of an end
    # not reported a third of a point short of its bar: a sliver of full colour at the very
    # end, read as a known stop)
    mid, half = (r.x0 + r.x1) / 2, _whole(w) / 2
    wholes = [_whole(length) for length in lengths]
    if min(lengths) >= 2 and abs(sum(lengths) - w) <= 1:
        # (two fades that share the bar meet: each rounded on its own, 8.5 and 8.5 points of a
        # 17-point bar left a point of full colour between them, a mark across the bar)
        wholes[1] = max(1, _whole(w) - wholes[0])
    for side, length, whole, cx, colours in (
        ("start", lengths[0], wholes[0], mid - half + wholes[0] / 2, f"white:{r.fill}"),
        ("end", lengths[1], wholes[1], mid + half - wholes[1] / 2, f"{r.fill}:white"),
    ):
        if length >= 2:
            # (an end given only by order, faded across the zone it may lie in, is a fading
            # end, as the legend says: no window is drawn)
            # (nor the side of an end not reported, faded from the last day it was certainly
            # given: the legend says "fading end", however long the fade)
            windowed = (
                r.fades[side == "end"] > 0
                and not (side == "end" and "end-in-zone" in r.classes)
                and r.fade not in (side, "both")
            )
            ident = q(f"{r.id}-{'windowed' if windowed else 'fade'}-{side}")
            out.append(
                f'\t{ident} [label="" fillcolor={q(colours)} gradientangle=0 height={height}'
                f' id={ident} pos="{n(cx)},{y}!" shape=box style=filled'
                f" width={_inches(whole)}]\n"
            )


def _whole(points: float) -> int:
    """A width in whole points (at least one), rounded half up, as the system's Graphviz
    draws a box."""
    return max(1, math.floor(points + 0.5))


def _inches(points: int) -> str:
    """A width of whole points in inches, precisely enough for either engine to draw it so."""
    return f"{points / 72:.5f}"


def _text(out: list[str], t: Text, h: float) -> None:
    n = _n
    label = dot_text(t.text)
    if t.anchor in ("start", "end"):
        # a node of the width the layout reserved, its text left-justified ("\l"): the text
        # starts at t.x whatever the renderer's font measures (centring it on an estimate
        # would shift a long line right when the font runs narrower)
        # (right-justified, "\r", for text that ends at t.x: a label left of its mark)
        reserved = t.width * 1.08
        start = t.x if t.anchor == "start" else t.x - reserved
        label += _LEFT if t.anchor == "start" else _RIGHT
        x, fixed = start + reserved / 2, "true"
        width, height = n(reserved / 72), n(t.font * 1.2 / 72)
    else:
        x, fixed, width, height = t.x, "false", "0", "0"
    ident = _q(t.id)
    out.append(
        f"\t{ident} [label={_q(label, False)} fixedsize={fixed} fontcolor={_q(t.colour)}"
        f"{_BOLD if t.bold else ''} fontsize={n(t.font)}"
        f' height={height} id={ident} pos="{n(x)},{n(h - t.y)}!" shape=plaintext'
        f"{f' tooltip={_q(dot_text(t.tooltip), False)}' if t.tooltip else ''} width={width}]\n"
    )


def _line(out: list[str], line: Stroke, h: float) -> None:
    n, q = _n, _q
    a, b = f"{line.id}-a", f"{line.id}-b"
    qa, qb = q(a), q(b)
    out.append(
        f'\t{qa} [label="" height=0 id={qa} pos="{n(line.x0)},{n(h - line.y0)}!"'
        " shape=point style=invis width=0]\n"
    )
    out.append(
        f'\t{qb} [label="" height=0 id={qb} pos="{n(line.x1)},{n(h - line.y1)}!"'
        " shape=point style=invis width=0]\n"
    )
    out.append(
        f"\t{_endpoint(a)} -> {_endpoint(b)} [color={q(line.colour)}"
        f" dir={'forward' if line.arrow else 'none'} id={q(line.id)} penwidth={n(line.width)}"
        f"{' style=dashed' if line.dashed else ''}]\n"
    )


#: the width of a break's cut across a bar (points) and the slant of its sides (Graphviz's
#: polygon ``skew``: the top edge shifted right, the bottom left, by this share of the width)
CUT_WIDTH, CUT_SKEW = 5.0, 0.9


def _cut(out: list[str], cut: Cut, h: float) -> None:
    n = _n
    ident = _q(cut.id)
    out.append(
        f'\t{ident} [label="" color="#707070" fillcolor=white'
        f" height={n((cut.y1 - cut.y0) / 72)} id={ident} penwidth=0.8"
        f' pos="{n(cut.x)},{n(h - (cut.y0 + cut.y1) / 2)}!" shape=polygon sides=4'
        f" skew={CUT_SKEW:g} style=filled width={n(CUT_WIDTH / 72)}]\n"
    )


def _marker(out: list[str], m: Glyph, h: float) -> None:
    n = _n
    size = n(m.size / 72)
    ident = _q(m.id)
    outline = "#8C8C8C" if m.faint else "#000000"
    out.append(
        f'\t{ident} [label="" color="{outline}" fillcolor={_q(m.fill)} height={size} id={ident}'
        f' penwidth=0.8 pos="{n(m.x)},{n(h - m.y)}!" shape={_q(m.shape)}'
        # (two colours: a circle in two halves, as no response, "SD or PD", is drawn)
        f" style={'wedged' if ':' in m.fill else 'filled'}"
        f"{f' tooltip={_q(dot_text(m.tooltip), False)}' if m.tooltip else ''} width={size}]\n"
    )
