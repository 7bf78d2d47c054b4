"""How fast is drawing, against Graphviz itself on the same DOT?

For each case in ``cases/`` (or those given), in this one process and in alternating rounds:

* ``render_case`` to SVG (layout, DOT, Graphviz, classes and fonts, the safety check)
  against the in-process Graphviz alone drawing the same DOT (the baseline). Target: at most
  1.2 times, median over the cases (the worst case is printed too).

Usage: python bench/render_speed.py [CASE ...]
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from timing import ROOT, interleaved, ratio

from timeline import check_path
from timeline.render import case_dot, render_case
from timeline.render.engines import draw


def main(paths: list[str]) -> int:
    files = [Path(p) for p in paths] or sorted((ROOT / "cases").glob("*.yaml"))
    print(f"{'case':<48} {'engine ms':>9} {'render ms':>9} {'ratio':>6}")
    ratios = []
    for path in files:
        checked = check_path(str(path))
        if not checked.ok or checked.case is None:
            continue
        source, engine, _classes = case_dot(checked)
        render_case(checked, backend="wasm")  # the compiled module loaded, as in any real run
        raw, whole = interleaved(
            [
                lambda source=source, engine=engine: draw(source, engine, "svg", "wasm"),
                lambda checked=checked: render_case(checked, backend="wasm"),
            ],
            rounds=7,
        )
        ratios.append(whole / raw)
        print(f"{path.name:<48} {raw * 1e3:>9.2f} {whole * 1e3:>9.2f} {whole / raw:>5.2f}x")
    print(
        f"render_case / Graphviz on the same DOT: median {statistics.median(ratios):.2f}x,"
        f" worst {max(ratios):.2f}x (target: median <= 1.2)"
    )
    ratio(
        "render_case SVG / in-process Graphviz on the same DOT (median of the cases)",
        statistics.median(ratios),
        1.2,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
