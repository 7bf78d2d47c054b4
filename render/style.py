"""Colours, type and page sizes: everything about how a diagram looks, apart from where.

The palette is Okabe and Ito's (2008), chosen to stay distinguishable for readers with the
common colour-vision deficiencies. Colour is never the only cue: response segments carry their
category as text, lanes carry their names, event markers differ in shape, and the fills differ
in lightness so that a greyscale print keeps them apart.
"""

from __future__ import annotations

import functools

from attrs import evolve, frozen

from timeline.values import value_repr

__all__ = [
    "CATEGORY_COLOURS",
    "EVENT_NAMES",
    "EVENT_SHAPES",
    "LANE_COLOURS",
    "THEMES",
    "Theme",
    "mix",
    "text_colour",
    "text_width",
]

# Okabe & Ito, "Color Universal Design" (2008)
_BLACK = "#000000"
_ORANGE = "#E69F00"
_SKY = "#56B4E9"
_GREEN = "#009E73"
_YELLOW = "#F0E442"
_BLUE = "#0072B2"
_VERMILLION = "#D55E00"
_PURPLE = "#CC79A7"
_GREY = "#999999"
# the eight colours above are all taken; immunotherapy gets Paul Tol's indigo (also safe for
# the common colour-vision deficiencies) so that it is never the green of a complete response
_INDIGO = "#332288"

#: Lane key -> fill of its bars.
LANE_COLOURS: dict[str, str] = {
    "local": "#555555",
    "chemotherapy": _BLUE,
    "endocrine": _PURPLE,
    "targeted": _ORANGE,
    "immunotherapy": _INDIGO,
    "bone-targeted": _GREY,
    # a transplant: a dark teal, apart from every class's colour and the states' green
    "transplant": "#1B5E57",
    "supportive": "#B8B8B8",
    "procedure": "#A0A0A0",
    "other": "#777777",
    # a pregnancy: a pale rose, apart from every class's colour and every state's
    "pregnancy": "#F1C6D3",
}

#: Disease state -> fill of its segment in the status lane (lightness falls from CR to PD).
CATEGORY_COLOURS: dict[str, str] = {
    "ned": "#BFE6DA",
    "cr": _GREEN,
    "pr": _SKY,
    "sd": _YELLOW,
    "pd": _VERMILLION,
    "ne": "#CCCCCC",
    "unassessed": "#EDEDED",
    # the disease as diagnosed, before its first change of state: present, neither a response
    # nor a progression (a pale sand, apart from NED's green, the greys and PD's vermillion)
    "diagnosed": "#E9DCBC",
    # assessed on the new therapy, in the authors' words only (no category): the fill of the
    # "response in the authors' words" marker, never a category's colour
    "unstated": "#CCCCCC",
    "dead": _BLACK,
}

#: Event kind -> (Graphviz shape, fill).
EVENT_SHAPES: dict[str, tuple[str, str]] = {
    "diagnosis": ("circle", "#FFFFFF"),
    "recurrence": ("diamond", _VERMILLION),
    "progression": ("diamond", _VERMILLION),
    "resistance": ("triangle", _BLACK),
    "toxicity": ("invtriangle", _YELLOW),
    "biomarker": ("hexagon", "#FFFFFF"),
    "follow-up": ("square", "#FFFFFF"),
    "death": ("square", _BLACK),
    "assessment": ("circle", "#CCCCCC"),
    # no response, SD or PD not told which: halves of their two colours, as the Disease lane
    "no-response": ("circle", f"{_YELLOW}:{_VERMILLION}"),
    "performance": ("octagon", "#FFFFFF"),
    "menopause": ("box", "#EEEEEE"),
    "imaging": ("pentagon", "#FFFFFF"),
    "complication": ("invtriangle", _VERMILLION),
    "second-primary": ("star", _PURPLE),
    "declined": ("invhouse", "#FFFFFF"),
}


#: Event kind -> what its marker means, as the swimlane legend says it (kinds with one marker
#: share a name).
EVENT_NAMES: dict[str, str] = {
    "diagnosis": "diagnosis",
    "recurrence": "recurrence / progression",
    "progression": "recurrence / progression",
    "resistance": "resistance",
    "toxicity": "toxicity",
    "complication": "complication",
    "second-primary": "second primary cancer",
    "declined": "treatment declined",
    "biomarker": "biomarker",
    "imaging": "imaging",
    "assessment": "response in the authors' words",
    "no-response": "no response (NR)",
    "performance": "performance status",
    "menopause": "menopause",
    "follow-up": "last follow-up",
    "death": "death",
}


def mix(start: str, end: str, share: float) -> str:
    """The colour ``share`` of the way from ``start`` to ``end`` (``#RRGGBB``; an alpha that
    ``end`` carries is kept): where a linear gradient between the two stands at that share."""
    a = [int(start[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(end[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = (round(x + (y - x) * share) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{v:02X}" for v in mixed) + end[7:]


@functools.lru_cache(maxsize=256)
def text_colour(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (WCAG relative luminance)."""
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return "#000000" if luminance > 0.22 else "#FFFFFF"


# Advance widths of Helvetica (Adobe AFM, per 1000 em), grouped; Graphviz estimates text
# the same way when it has no font files, so labels placed with this fit what it draws.
_NARROW = set("iljI.,:;|!'`()[] ")
_WIDE = set("mwMW@%")
_CAPS = set("ABCDEFGHKNOQRSUVXYZ&")
#: every other character (digits, lower case, the rest of Unicode) is 0.556 em wide
_OTHER = 0.556
_EM: dict[str, float] = {
    **dict.fromkeys(_CAPS, 0.722),
    **dict.fromkeys(_WIDE, 0.889),
    **dict.fromkeys(_NARROW, 0.278),
}


@functools.lru_cache(maxsize=2048)
def _ems(text: str) -> float:
    """The width of ``text`` in em, summed character by character from the left (a pure
    function of the text, so kept, unless long: a drawing measures the same names and dates
    many times)."""
    total = 0.0
    get = _EM.get
    for ch in text:
        total += get(ch, _OTHER)
    return total


def text_width(text: str, size: float) -> float:
    """Estimated width in points of ``text`` set in Helvetica at ``size`` points."""
    return (_ems(text) if len(text) <= 400 else _ems.__wrapped__(text)) * size


@frozen(repr=False)
class Theme:
    """Page and type sizes of one kind of output."""

    __repr__ = value_repr

    name: str
    width: float  # points, the whole drawing
    font: float  # points, the body text
    title_font: float
    row: float  # height of one bar row
    gap: float  # space between lanes
    label_column: float  # width of the lane names on the left
    zoom: float = 2.0  # PNG pixels per point
    font_family: str = "Helvetica"
    #: the smallest type of the theme (labels, ticks, legend)
    minimum: float = 6.0
    #: draw the legend under the figure
    legend: bool = True
    #: label events and line changes (a deck's caption says them instead)
    labels: bool = True
    #: the white margin Graphviz adds around the figure, in inches (a slide has its own)
    pad: float = 0.15
    #: targeted therapy in a lane per subclass when a case has several (a deck keeps one
    #: lane: at 18 pt a subclass's name takes two or three lines, and the lanes no longer fit)
    split_targeted: bool = True

    @property
    def small(self) -> float:
        """The small font size (80 % of the body, never below the theme's minimum)."""
        return max(self.minimum, self.font * 0.8)


# a projected 16:9 slide (960 × 540 pt): nothing under 18 pt; the deck puts the title and a
# caption above the figure, so the figure has no title and no legend of its own
_DECK = Theme(
    "deck",
    width=960.0,
    font=18.0,
    title_font=0.0,
    row=24.0,
    gap=4.0,
    label_column=150.0,
    minimum=18.0,
    legend=False,
    labels=False,
    pad=0.0,
    split_targeted=False,
)

#: ``slide``: a 16:9 slide (13.33 × 7.5 in) with type large enough for the back of a room;
#: ``print``: the full text width of a two-column journal page (174 mm), 7–9 pt type, PNG at
#: 300 dpi.
THEMES: dict[str, Theme] = {
    "slide": Theme(
        "slide", width=960.0, font=13.0, title_font=18.0, row=22.0, gap=8.0, label_column=118.0
    ),
    "deck": _DECK,
    # ``deck`` with bar rows and lane gaps as tight as 18 pt names allow: a step's figure
    # drawn in ``deck`` that is too tall for its slide is drawn again in this before it is
    # shrunk (and its type with it) to fit
    "deck-compact": evolve(_DECK, name="deck-compact", row=21.0, gap=2.0),
    "print": Theme(
        "print",
        width=493.0,
        font=7.0,
        title_font=9.0,
        row=12.0,
        gap=4.0,
        label_column=64.0,
        zoom=300 / 72,
    ),
}


#: how far toward white a marker or a tick is drawn whose date is known only within more than
#: six months (or open on a side)
VAGUE_SHARE = 0.55

#: the legend's words for such a marker or tick
VAGUE_NOTE = (
    "a pale marker with a grey outline, or a pale tick: its date is known only within more"
    " than six months (the thin rule)"
)
#: the same, where a bar drawn whole from such a start is pale too (swimlane)
VAGUE_BAR_NOTE = VAGUE_NOTE.replace("or a pale tick:", "a pale tick, or a pale bar:")

#: the legend's words for a bar fading over the window of its start or end (swimlane, cohort)
WINDOWED_NOTE = (
    "a bar fading over a stretch: its start or end is dated only within more than six months"
    " (the thin rule)"
)
