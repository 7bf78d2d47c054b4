"""How drawing grows with the case: the chain of bench/chain_speed.py drawn at 500 and 5,000
events (each event dated only after the one before).

For each size, in a new process (so that one size's peak memory does not hide the next):
the time of ``render_case`` to SVG (layout, DOT, Graphviz, finishing), the time of the part
after the layout (DOT, Graphviz, finishing), and the memory of the drawing: the peak resident
size while it is drawn less the resident size just before (the process after its imports,
the check and one small drawing). On Linux the peak is reset just before the drawing
(``/proc/self/clear_refs``), so an earlier, freed peak (the in-process Graphviz of the small
drawing) is not taken for part of the baseline; elsewhere the peak of the process is used,
which understates a small drawing.

Targets: from 500 to 5,000 events (10 times), the time at most 15 times and the drawing's
memory at most 10 times (linear at most).

Usage: python bench/render_growth.py [SMALL LARGE]
"""

from __future__ import annotations

import json
import subprocess
import sys

from chain_speed import chain
from timing import ROOT, ratio

_CHILD = """
import json, resource, sys, time
from timeline import check_text
from timeline.render import case_dot, render_case
from timeline.render.dot import scene_dot
from timeline.render.engines import draw
from timeline.render.svg import finish
checked = check_text(sys.stdin.read(), "chain.yaml")
assert checked.ok
render_case(checked, fmt="svg", backend="wasm", kind="states")  # the module loaded
def status(key):  # kB, from /proc/self/status (Linux); None elsewhere
    try:
        with open("/proc/self/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith(key + ":"))
    except (OSError, StopIteration):
        return None
try:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # the peak resident size starts again from the resident size now
    base = status("VmRSS")
except OSError:
    base = None
if base is None:
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
render_case(checked, fmt="svg", backend="wasm")
whole = time.perf_counter() - t0
peak = status("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from timeline.render.layout import swimlane
from timeline.render.style import THEMES
scene = swimlane(checked, THEMES["slide"], None, frozenset(), None)
t0 = time.perf_counter()
source = scene_dot(scene, "chain")
finish(draw(source, "neato", "svg", "wasm"), {})
after_layout = time.perf_counter() - t0
print(json.dumps({"whole": whole, "after_layout": after_layout, "mb": (peak - base) / 1024}))
"""


def measure(n: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=chain(n),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str]) -> int:
    small, large = (int(a) for a in argv) if argv else (500, 5000)
    results = {n: measure(n) for n in (small, large)}
    print(f"{'events':>7}  {'render_case s':>13}  {'after layout s':>14}  {'drawing MB':>10}")
    for n, r in results.items():
        print(f"{n:>7}  {r['whole']:>13.2f}  {r['after_layout']:>14.2f}  {r['mb']:>10.0f}")
    a, b = results[small], results[large]
    growth = large / small
    print(
        f"x{growth:g} events: render_case x{b['whole'] / a['whole']:.1f},"
        f" after layout x{b['after_layout'] / a['after_layout']:.1f},"
        f" memory x{b['mb'] / max(a['mb'], 1):.1f}"
    )
    ratio(f"render_case time, {large} / {small} events", b["whole"] / a["whole"], 1.5 * growth)
    ratio(
        f"DOT + Graphviz + finishing time, {large} / {small} events",
        b["after_layout"] / a["after_layout"],
        1.5 * growth,
    )
    ratio(f"drawing memory, {large} / {small} events", b["mb"] / max(a["mb"], 1), growth)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
