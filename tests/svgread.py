"""Reading rendered SVGs in tests: groups by class, their boxes, and the texts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

NS = {"svg": "http://www.w3.org/2000/svg"}
_TITLE = "{http://www.w3.org/1999/xlink}title"
_NUM = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass
class Group:
    id: str
    classes: tuple[str, ...]
    x0: float
    x1: float
    y0: float
    y1: float
    texts: tuple[str, ...]
    #: what the reader sees on hovering (Graphviz writes it as the link's title)
    tooltip: str = ""


def groups(svg: bytes) -> list[Group]:
    root = ET.fromstring(svg)
    out = []
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        gid, cls = g.get("id"), g.get("class", "")
        if not gid or cls.split()[0:1] not in (["node"], ["edge"]):
            continue
        xs: list[float] = []
        ys: list[float] = []
        for shape in g.iter():
            points = shape.get("points")
            if points:
                nums = [float(n) for n in _NUM.findall(points)]
                xs.extend(nums[0::2])
                ys.extend(nums[1::2])
            for attr in ("cx", "x"):
                if shape.get(attr) is not None and shape.tag.endswith(("ellipse", "text")):
                    xs.append(float(shape.get(attr)))  # type: ignore[arg-type]
            for attr in ("cy", "y"):
                if shape.get(attr) is not None and shape.tag.endswith(("ellipse", "text")):
                    ys.append(float(shape.get(attr)))  # type: ignore[arg-type]
        texts = tuple("".join(t.itertext()) for t in g.iter("{http://www.w3.org/2000/svg}text"))
        tip = next(
            (a.get(_TITLE, "") for a in g.iter("{http://www.w3.org/2000/svg}a") if a.get(_TITLE)),
            "",
        )
        if xs:
            out.append(
                Group(gid, tuple(cls.split()), min(xs), max(xs), min(ys), max(ys), texts, tip)
            )
        else:
            out.append(Group(gid, tuple(cls.split()), 0, 0, 0, 0, texts, tip))
    return out


def with_class(gs: list[Group], *classes: str) -> list[Group]:
    return [g for g in gs if all(c in g.classes for c in classes)]


@dataclass
class TextBox:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float


def text_boxes(svg: bytes) -> list[TextBox]:
    """Every text with its box, estimated the way the layout estimates widths."""
    from timeline.render.style import text_width

    root = ET.fromstring(svg)
    out = []
    for t in root.iter("{http://www.w3.org/2000/svg}text"):
        text = "".join(t.itertext())
        size = float(t.get("font-size", "14"))
        x, y = float(t.get("x", "0")), float(t.get("y", "0"))
        w = text_width(text, size)
        anchor = t.get("text-anchor", "start")
        x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
        out.append(TextBox(text, x0, x0 + w, y - size * 0.75, y + size * 0.2))
    return out
