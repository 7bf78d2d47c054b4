"""The baseline of the drawing benchmarks: a matplotlib swimmer chart of the same case.

    python bench/swimmer_mpl.py CASE OUT.png

It draws what ``timeline render CASE -o OUT.png`` draws, item for item: every bar (therapy,
line, response, lane band) as a rectangle, every event as a marker of its shape, every label
as a text, every leader and rule as a line, on a figure of the same size in pixels. It reads the
case and takes the positions from the same layout (so matplotlib is spared the layout work: the
comparison favours the baseline). It prints how many bars, markers, texts and lines it drew, so
that a reader can check they are as many as the diagram has.

Needs matplotlib (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import sys

_SHAPES = {"circle": "o", "diamond": "D", "triangle": "^", "invtriangle": "v", "square": "s"}


def _colour(value: str) -> str:
    """A Graphviz colour as matplotlib takes it (``#RRGGBBAA`` is fine; a gradient
    ``a:b`` is drawn in its first colour)."""
    value = value.split(":")[0]
    return "none" if value in ("none", "transparent") else value


def draw(case: str, out: str) -> dict[str, int]:
    """Draw the swimmer chart of ``case`` into ``out`` (PNG); the counts of what was drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    from timeline import check_path
    from timeline.render.layout import swimlane
    from timeline.render.scene import Glyph, Rect, Stroke, Text
    from timeline.render.style import THEMES

    checked = check_path(case)
    theme = THEMES["slide"]
    scene = swimlane(checked, theme, None, frozenset(), None)
    dpi = 72 * theme.zoom
    fig = plt.figure(figsize=(scene.width / 72, scene.height / 72), dpi=dpi)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, scene.width)
    ax.set_ylim(scene.height, 0)  # y downwards, as the layout
    ax.axis("off")
    rects = [i for i in scene.items if isinstance(i, Rect)]
    markers = [i for i in scene.items if isinstance(i, Glyph)]
    texts = [i for i in scene.items if isinstance(i, Text)]
    lines = [i for i in scene.items if isinstance(i, Stroke)]
    # the bars in one call, as a swimmer-plot script would
    ax.barh(
        [(r.y0 + r.y1) / 2 for r in rects],
        [r.x1 - r.x0 for r in rects],
        left=[r.x0 for r in rects],
        height=[r.y1 - r.y0 for r in rects],
        color=[_colour(r.fill) for r in rects],
        edgecolor=[_colour(r.stroke) for r in rects],
        linewidth=0.8,
    )
    for r in rects:
        if r.label:
            ax.text(
                (r.x0 + r.x1) / 2,
                (r.y0 + r.y1) / 2,
                r.label,
                fontsize=r.font,
                ha="center",
                va="center",
            )
    # the markers, one scatter per shape
    by_shape: dict[str, list[Glyph]] = {}
    for m in markers:
        by_shape.setdefault(_SHAPES.get(m.shape, "o"), []).append(m)
    for shape, group in by_shape.items():
        ax.scatter(
            [m.x for m in group],
            [m.y for m in group],
            s=[m.size**2 for m in group],
            marker=shape,
            c=[_colour(m.fill) for m in group],
            edgecolors="black",
            linewidths=0.8,
        )
    for t in texts:
        ha = {"start": "left", "end": "right"}.get(t.anchor, "center")
        ax.text(
            t.x,
            t.y,
            t.text,
            fontsize=t.font,
            color=_colour(t.colour),
            ha=ha,
            va="center",
            fontweight="bold" if t.bold else "normal",
        )
    ax.add_collection(
        LineCollection(
            [((ln.x0, ln.y0), (ln.x1, ln.y1)) for ln in lines],
            colors=[_colour(ln.colour) for ln in lines],
            linewidths=[ln.width for ln in lines],
        )
    )
    fig.savefig(out, dpi=dpi, facecolor="white")
    plt.close(fig)
    return {
        "bars": len(rects),
        "markers": len(markers),
        "texts": len(texts) + sum(1 for r in rects if r.label),
        "lines": len(lines),
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    counts = draw(argv[0], argv[1])
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
