"""A scene as DOT: every item pinned where the layout put it, every case string escaped.

The DOT is written directly, quoted as the DOT language requires (the bytes the ``graphviz``
package would write, at a fraction of its cost per attribute), and is deterministic: the same
case and theme give the same bytes (items in scene order, numbers with two decimals at most).
Positions are pinned (``pos="x,y!"`` with ``inputscale=72``, so in points) and laid out with
``neato``, which keeps them: this is what makes the time axis proportional. ``maxiter=0``: with
every node pinned there is nothing to iterate, and neato then skips its all-pairs distances
(quadratic in the nodes) for the same drawing. Only attributes that Graphviz 2.42 already had
are used; SVG classes are added afterwards from the node ids (:mod:`render.svg`), because 2.42
ignores the ``class`` attribute.
"""

from __future__ import annotations

import functools
import re

from timeline.render.scene import Glyph, Rect, Scene, Stroke, Text

__all__ = ["ENGINE", "classes_of", "dot_text", "scene_dot"]

#: The layout engine of the swimlane DOT.
ENGINE = "neato"


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


#: the longest string drawn or kept in a tooltip (a longer one ends in an ellipsis)
MAX_TEXT = 2000
# characters XML 1.0 cannot hold: controls other than tab and line breaks, surrogates,
# U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def dot_text(text: str) -> str:
    """A case string as a literal DOT string: no escapes, no HTML, one line, only characters
    XML can hold, and at most :data:`MAX_TEXT` characters."""
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
        "layout": ENGINE,
        "inputscale": "72",
        "notranslate": "true",
        # every node is pinned: nothing to iterate, and no all-pairs distances to compute
        "maxiter": "0",
        "splines": "line",
        "outputorder": "edgesfirst",
        "label": title,
        "labelloc": "t",
        "labeljust": "l",
        "fontname": t.font_family,
        "fontsize": _n(t.title_font or t.font),
        "pad": "0.15",
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


def _pos(x: float, y: float, h: float) -> str:
    return f"{_n(x)},{_n(h - y)}!"


def _rect(out: list[str], r: Rect, h: float) -> None:
    w, ht = r.x1 - r.x0, r.y1 - r.y0
    attrs = {
        "id": r.id,
        "shape": "box",
        "pos": _pos((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2, h),
        "width": _n(w / 72 + 0.00001),
        "height": _n(ht / 72 + 0.00001),
        "style": "filled,dashed" if r.dashed else "filled",
        "fillcolor": r.fill,
        "label": dot_text(r.label),
        "fontsize": _n(r.font),
        "fontcolor": r.font_colour,
    }
    if r.stroke != "none":
        attrs.update(color=r.stroke, penwidth="0.8")
    if r.tooltip:
        attrs["tooltip"] = dot_text(r.tooltip)
    _node(out, r.id, attrs)
    cap = min(10.0, w / 3)
    if cap < 2:
        return
    # an uncertain end fades to white over a short cap drawn on top of the bar
    for side, cx, colours in (
        ("start", r.x0 + cap / 2, f"white:{r.fill}"),
        ("end", r.x1 - cap / 2, f"{r.fill}:white"),
    ):
        if r.fade in (side, "both"):
            ident = f"{r.id}-fade-{side}"
            _node(
                out,
                ident,
                {
                    "id": ident,
                    "shape": "box",
                    "style": "filled",
                    "label": "",
                    "pos": _pos(cx, (r.y0 + r.y1) / 2, h),
                    "width": _n(cap / 72),
                    "height": _n(ht / 72),
                    "fillcolor": colours,
                    "gradientangle": "0",
                },
            )


def _text(out: list[str], t: Text, h: float) -> None:
    attrs = {
        "id": t.id,
        "shape": "plaintext",
        "fixedsize": "false",
        "pos": _pos(t.x, t.y, h),
        "label": dot_text(t.text),
        "fontsize": _n(t.font),
        "fontcolor": t.colour,
        "width": "0",
        "height": "0",
    }
    if t.anchor in ("start", "end"):
        # a node of the width the layout reserved, its text left-justified ("\l"): the text
        # starts at t.x whatever the renderer's font measures (centring it on an estimate
        # would shift a long line right when the font runs narrower)
        # (right-justified, "\r", for text that ends at t.x: a label left of its mark)
        reserved = t.width * 1.08
        start = t.x if t.anchor == "start" else t.x - reserved
        attrs.update(
            pos=_pos(start + reserved / 2, t.y, h),
            fixedsize="true",
            width=_n(reserved / 72),
            height=_n(t.font * 1.2 / 72),
            label=dot_text(t.text) + ("\\l" if t.anchor == "start" else "\\r"),
        )
    if t.bold:
        attrs["fontname"] = "Helvetica-Bold"
    if t.tooltip:
        attrs["tooltip"] = dot_text(t.tooltip)
    _node(out, t.id, attrs)


def _line(out: list[str], line: Stroke, h: float) -> None:
    a, b = f"{line.id}-a", f"{line.id}-b"
    for name, x, y in ((a, line.x0, line.y0), (b, line.x1, line.y1)):
        _node(
            out,
            name,
            {
                "id": name,
                "shape": "point",
                "width": "0",
                "height": "0",
                "style": "invis",
                "label": "",
                "pos": _pos(x, y, h),
            },
        )
    attrs = {
        "id": line.id,
        "color": line.colour,
        "penwidth": _n(line.width),
        "dir": "forward" if line.arrow else "none",
    }
    if line.dashed:
        attrs["style"] = "dashed"
    out.append(f"\t{_endpoint(a)} -> {_endpoint(b)}{_alist(attrs)}\n")


def _marker(out: list[str], m: Glyph, h: float) -> None:
    attrs = {
        "id": m.id,
        "shape": m.shape,
        "pos": _pos(m.x, m.y, h),
        "width": _n(m.size / 72),
        "height": _n(m.size / 72),
        "style": "filled",
        "fillcolor": m.fill,
        "color": "#000000",
        "penwidth": "0.8",
        "label": "",
    }
    if m.tooltip:
        attrs["tooltip"] = dot_text(m.tooltip)
    _node(out, m.id, attrs)
