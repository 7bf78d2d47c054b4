"""What a drawing is made of: rectangles, texts, lines and markers placed in points, and the
row packing that keeps labels apart.

Pure geometry (origin top left, y downwards); nothing here knows Graphviz or a case.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator

from attrs import define, field, frozen

from timeline.render.style import Theme, text_width
from timeline.values import value_repr

__all__ = [
    "Cut",
    "Glyph",
    "Item",
    "Rect",
    "Rows",
    "RuledRows",
    "Scene",
    "Stroke",
    "Text",
    "bounded",
    "slug",
    "wrap",
]

#: the longest text whose slug (or wrapped lines) is kept for the next time it is asked for
_KEPT = 1000


def slug(text: str) -> str:
    """A class or id token: lower case, letters, digits and hyphens."""
    return _slug(text) if len(text) <= _KEPT else _slug.__wrapped__(text)


#: the length of the fade that ends a bar whose end the case does not give (points; shorter
#: on a bar less than three times as long)
FADE_CAP = 10.0


@functools.lru_cache(maxsize=1024)
def _slug(text: str) -> str:
    out = []
    for ch in text.lower():
        out.append(ch if ch.isalnum() else "-")
    return "-".join(p for p in "".join(out).split("-") if p) or "x"


@frozen(repr=False)
class Rect:
    """A rectangle in points, with its fill, classes, optional label and tooltip."""

    __repr__ = value_repr

    id: str
    x0: float
    y0: float
    x1: float
    y1: float
    fill: str
    classes: tuple[str, ...] = ()
    label: str = ""
    font: float = 10.0
    font_colour: str = "#000000"
    stroke: str = "none"
    tooltip: str = ""
    fade: str = ""  # "", "start", "end", "both": an end that fades out (an end not given)
    dashed: bool = False
    #: a colour the fill blends from, left to right (a change of state dated only within a
    #: window: the lane does not say where in it the change came)
    blend: str = ""
    #: how far (points) the fill fades in from white at the start and out at the end: a start
    #: or end dated only within a wide window (0: none, or ``fade``'s short cap)
    fades: tuple[float, float] = (0.0, 0.0)


#: the longest text drawn in one piece, and the longest word (the tooltip keeps the whole)
MAX_LABEL, MAX_WORD = 240, 40


def bounded(text: str) -> str:
    """A label no longer than :data:`MAX_LABEL` characters, no word longer than
    :data:`MAX_WORD` (a title in a script without spaces is one "word"), with an ellipsis
    where it was cut: drawing and rasterising cost grows with the text."""
    if len(text) <= MAX_WORD:  # (most labels: nothing to cut)
        return text
    words = [w if len(w) <= MAX_WORD else w[: MAX_WORD - 1] + "…" for w in text.split(" ")]
    out = " ".join(words)
    return out if len(out) <= MAX_LABEL else out[: MAX_LABEL - 1] + "…"


@frozen(repr=False)
class Text:
    """A text placed in points: its anchor point, font size, colour and weight."""

    __repr__ = value_repr

    id: str
    x: float  # left edge (anchor "start"), centre ("middle") or right edge ("end")
    y: float  # centre line
    text: str = field(converter=bounded)
    font: float
    classes: tuple[str, ...] = ()
    anchor: str = "start"
    colour: str = "#000000"
    bold: bool = False
    tooltip: str = ""

    @property
    def width(self) -> float:
        """The estimated width of the text in points."""
        return text_width(self.text, self.font) * (1.08 if self.bold else 1.0)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """The text's box (x0, y0, x1, y1) in points, from its anchor and estimated width."""
        x0 = {"start": self.x, "end": self.x - self.width}.get(self.anchor, self.x - self.width / 2)
        return (x0, self.y - self.font * 0.6, x0 + self.width, self.y + self.font * 0.6)


@frozen(repr=False)
class Stroke:
    """A straight line in points (an axis, a tick, a leader, a bracket), solid or dashed, with or
    without an arrow head."""

    __repr__ = value_repr

    id: str
    x0: float
    y0: float
    x1: float
    y1: float
    colour: str = "#000000"
    width: float = 1.0
    arrow: bool = False
    dashed: bool = False
    classes: tuple[str, ...] = ()


def leader_line(ident: str, x: float, y0: float, y1: float, to_x: float | None = None) -> Stroke:
    """The thin grey line from a mark down to its label: vertical, or to ``to_x`` (a stretch
    of a leader that goes around another mark)."""
    return Stroke(
        ident, x, y0, x if to_x is None else to_x, y1, "#888888", 0.6, classes=("leader",)
    )


@frozen(repr=False)
class Glyph:
    """A marker shape of an event (circle, triangle, diamond, ...) centred on a point, with its
    size, fill and tooltip."""

    __repr__ = value_repr

    id: str
    x: float
    y: float
    shape: str
    size: float
    fill: str
    classes: tuple[str, ...] = ()
    tooltip: str = ""
    #: drawn with a grey outline: a date known only within a wide window
    faint: bool = False


@frozen(repr=False)
class Cut:
    """Where a break of the time axis crosses a bar: a slanted white band from ``y0`` to ``y1``
    centred on ``x``, so that the bar reads as interrupted there, as the axis is (its length
    past the break is not to scale)."""

    __repr__ = value_repr

    id: str
    x: float
    y0: float
    y1: float
    classes: tuple[str, ...] = ("axis-cut",)


Item = Rect | Text | Stroke | Glyph | Cut


@define(repr=False)
class Scene:
    """A whole drawing: its size in points, the title lines, the theme, and the items in drawing
    order."""

    __repr__ = value_repr

    width: float
    height: float
    title: tuple[str, ...]
    theme: Theme
    items: list[Item] = field(factory=list)

    def add(self, item: Item) -> None:
        """Append an item (drawn over the items before it)."""
        self.items.append(item)


class Rows:
    """Occupied horizontal extents of stacked rows, to find free places for bars and labels.

    Each row keeps its spans sorted by their left end, with the widest span's width, so a
    question looks only at the spans that could reach the asked-for extent (a long case's
    thousands of labels are placed in n log n, not n²)."""

    def __init__(self) -> None:
        self.rows: list[list[tuple[float, float]]] = []
        self._starts: list[list[float]] = []
        self._ends: list[list[float]] = []  # (in the order of the starts)
        self._widest: list[float] = []

    def _grow(self, row: int) -> None:
        while len(self.rows) <= row:
            self.rows.append([])
            self._starts.append([])
            self._ends.append([])
            self._widest.append(0.0)

    def free(self, row: int, x0: float, x1: float) -> bool:
        """Whether the span x0..x1 is free in ``row`` (rows are added as needed)."""
        if row >= len(self.rows):
            self._grow(row)
            return True
        starts = self._starts[row]
        # a span overlaps when it starts before x1 and ends after x0; one that starts before
        # x0 - widest ends before x0
        lo = bisect.bisect_left(starts, x0 - self._widest[row])
        hi = bisect.bisect_left(starts, x1)
        return all(map(operator.le, self._ends[row][lo:hi], itertools.repeat(x0)))

    def take(self, row: int, x0: float, x1: float) -> None:
        """Mark the span x0..x1 of ``row`` as taken."""
        self._grow(row)
        at = bisect.bisect_right(self._starts[row], x0)
        self._starts[row].insert(at, x0)
        self._ends[row].insert(at, x1)
        self.rows[row].insert(at, (x0, x1))
        self._widest[row] = max(self._widest[row], x1 - x0)

    def first_free(self, x0: float, x1: float, start: int = 0) -> int:
        """The first row from ``start`` in which the span x0..x1 is free."""
        row = start
        while not self.free(row, x0, x1):
            row += 1
        return row

    def fits_with_stem(self, row: int, x0: float, x1: float, stem: float) -> bool:
        """Whether ``[x0, x1]`` is free in ``row`` and a vertical stem at ``stem`` down from
        the rows above it crosses nothing already placed (a leader line to its label)."""
        return self.free(row, x0, x1) and all(
            self.free(r, stem - 1.5, stem + 1.5) for r in range(row)
        )

    def take_with_stem(self, row: int, x0: float, x1: float, stem: float) -> None:
        """Take the span x0..x1 of ``row`` and a thin stem at ``stem`` in every row below it (the
        leader to the label)."""
        self.take(row, x0, x1)
        for r in range(row):
            self.take(r, stem - 1.5, stem + 1.5)

    @property
    def count(self) -> int:
        """Rows that hold something."""
        return max((i + 1 for i, row in enumerate(self.rows) if row), default=0)


Span = tuple[float, float]


def _meet(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same(a: Span, b: Span) -> bool:
    return abs(a[0] - b[0]) < 0.5 and abs(a[1] - b[1]) < 0.5


class RuledRows:
    """Rows of bars, each bar with the rules of its uncertain dates' windows drawn under it.

    A bar fits a row where its extent (the bar and its name) is free, where no rule of the
    row runs under it, and where its own rules run under no other bar and meet no other rule:
    two windows in one row run into one rule, which reads as one window (a thymoma's first
    line, its start known within 0-45 months, and its fourth, within 23-64 months, read as
    one window of the whole case). A rule of the very same extent may be shared: it is the
    window of both bars (two drugs of regimens whose dates are known only within the same
    years). Extents of bars without rules are asked of :class:`Rows`, in n log n; only the
    ruled bars of a row are looked at one by one.
    """

    def __init__(self, rows: Rows) -> None:
        #: every extent taken (bars and their names)
        self.rows = rows
        #: the extents of the bars without rules (which a rule may not run under)
        self._plain = Rows()
        #: per row, each ruled bar's extent and its rules
        self._ruled: dict[int, list[tuple[Span, tuple[Span, ...]]]] = {}

    def fits(self, row: int, extent: Span, rules: tuple[Span, ...] = ()) -> bool:
        """Whether the bar of ``extent``, with ``rules`` under it, fits ``row``."""
        if not self.rows.free(row, *extent):
            return False
        if any(not self._plain.free(row, *w) for w in rules):
            return False
        for other, drawn in self._ruled.get(row, ()):
            for v in drawn:
                if any(_meet(w, v) and not _same(w, v) for w in rules):
                    return False
                if _meet(extent, v) and not any(_same(v, w) for w in rules):
                    return False
            for w in rules:
                if _meet(w, other) and not any(_same(w, v) for v in drawn):
                    return False
        return True

    def first_free(self, extent: Span, rules: tuple[Span, ...] = ()) -> int:
        """The first row the bar fits (see :meth:`fits`)."""
        row = 0
        while not self.fits(row, extent, rules):
            row += 1
        return row

    def take(self, row: int, extent: Span, rules: tuple[Span, ...] = ()) -> None:
        """Place the bar of ``extent``, with ``rules`` under it, in ``row``."""
        self.rows.take(row, *extent)
        if rules:
            self._ruled.setdefault(row, []).append((extent, rules))
        else:
            self._plain.take(row, *extent)


def wrap(text: str, font: float, room: float, most: int = 6) -> list[str]:
    """Greedy word wrap to ``room`` points, at most ``most`` lines (the last ends in an
    ellipsis if the text goes on); a word longer than a line is cut with an ellipsis."""
    if len(text) > _KEPT:  # (a long text is wrapped anew each time, not kept)
        return list(_wrapped.__wrapped__(text, font, room, most))
    return list(_wrapped(text, font, room, most))


#: where a word too long for a line may break, after these first parts, with a hyphen: a
#: lane "Immunotherapy" was cut to "Immunothera…" in every figure of the print theme
_WORD_PARTS = ("immuno", "chemo", "radio", "cortico")


def _hyphenated(word: str, font: float, room: float) -> tuple[str, ...]:
    """``word``, or its first part with a hyphen and the rest, where the word is too long
    for ``room`` and the first part is one of :data:`_WORD_PARTS` that fits."""
    lower = word.lower()
    for part in _WORD_PARTS:
        n = len(part)
        if (
            lower.startswith(part)
            and len(word) > n + 2
            and word[n].isalpha()
            and text_width(word, font) > room
            and text_width(word[:n] + "-", font) <= room
        ):
            return (word[:n] + "-", word[n:])
    return (word,)


@functools.lru_cache(maxsize=1024)
def _wrapped(text: str, font: float, room: float, most: int) -> tuple[str, ...]:
    """:func:`wrap`, kept: a deck wraps the same title, lane names and notes at every step."""
    lines: list[str] = []
    current = ""
    words = [w[:200] for w in text.split()[:400]]  # (no line holds more; searches kept short)
    for word in (part for w in words for part in _hyphenated(w, font, room)):
        while text_width(word, font) > room and len(word) > 1:
            cut = len(word)
            while cut > 1 and text_width(word[:cut] + "…", font) > room:
                cut -= 1
            word = word[:cut] + "…"
        trial = f"{current} {word}".strip()
        if current and text_width(trial, font) > room:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1].rstrip("…") + "…"
    return tuple(lines)
