"""The first PNG of a new process, against a matplotlib swimmer chart of the same case.

Both run as new processes, in alternation, and the medians are compared:

* ``timeline render CASE -o x.png --engine wasm`` (the in-process Graphviz, its compiled
  module loaded from the cache, which the first run fills);
* ``python bench/swimmer_mpl.py CASE x.png``: matplotlib drawing as many bars, markers, texts
  and lines, at the same size in pixels (the baseline).

Both with their modules' bytecode written, as installed packages have it.

Target: at most 0.5 times the matplotlib chart.

Usage: python bench/first_png.py [CASE] [RUNS]
"""

from __future__ import annotations

import os
import sys
import tempfile

from timing import ROOT, process_times, ratio


def main(argv: list[str]) -> int:
    case = argv[0] if argv else str(ROOT / "cases" / "cr000-paclitaxel-bevacizumab.yaml")
    runs = int(argv[1]) if len(argv) > 1 else 7
    exe = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        ours = [exe, "-m", "timeline", "render", case, "-o", os.path.join(tmp, "t.png")]
        ours += ["--engine", "wasm"]
        theirs = [exe, str(ROOT / "bench" / "swimmer_mpl.py"), case, os.path.join(tmp, "m.png")]
        process_times([ours, theirs], runs=1)  # the cache filled, bytecode written, files read
        timeline, matplotlib = process_times([ours, theirs], runs=runs)
    print(f"case: {os.path.basename(case)}")
    print(f"timeline render -o x.png (new process):  {timeline * 1e3:7.0f} ms")
    print(f"matplotlib swimmer chart (new process):  {matplotlib * 1e3:7.0f} ms")
    print(f"ratio: {timeline / matplotlib:.2f} (target <= 0.5)")
    ratio("first PNG of a new process / matplotlib swimmer chart", timeline / matplotlib, 0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
