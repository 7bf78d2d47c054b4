"""Memory of one drawing: the peak resident size of a process that checks and draws one case
(in-process Graphviz, SVG), less that of the same process after its imports (the baseline,
measured in the same run). Cases: the reference case, and generated cases of 100, 300 and
1,000 dated events (one regimen, a response every week).

Each size runs in a fresh process, so one drawing's peak does not hide the next."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from timing import ratio

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "cases" / "cr000-paclitaxel-bevacizumab.yaml"


def generated(n: int) -> str:
    import datetime

    lines = [
        "id: many",
        "diagnosis: {date: 2000-01-03, site: breast}",
        "events:",
        "  - {id: l1, type: regimen, name: paclitaxel, intent: advanced, start: 2000-01-10,"
        " exposures: [{agent: paclitaxel}]}",
    ]
    day = datetime.date(2000, 2, 1)
    for i in range(n):
        category = "SD" if i % 2 else "PR"
        lines.append(f"  - {{id: r{i}, type: response, date: {day}, category: {category}}}")
        day += datetime.timedelta(weeks=1)
    lines.append(f"  - {{id: fu, type: follow-up, date: {day}, status: alive-with-disease}}")
    return "\n".join(lines) + "\n"


_CHILD = """
import resource, sys
from timeline import check_text
from timeline.render import render_case
text = sys.stdin.read()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
checked = check_text(text, "case.yaml")
assert checked.ok, [p.format() for p in checked.errors][:3]
render_case(checked, fmt="svg", backend="wasm")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(base, peak)
"""


def measure(text: str) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD], input=text, capture_output=True, text=True, check=True
    )
    base, peak = (int(v) / 1024 for v in out.stdout.split())  # kB on Linux
    return base, peak


def main() -> int:
    cases = [("reference case", REFERENCE.read_text(encoding="utf-8"))]
    cases += [(f"{n} events", generated(n)) for n in (100, 300, 1000)]
    print(f"{'case':<16}  {'after imports MB':>16}  {'peak MB':>8}  {'drawing MB':>10}  ratio")
    peaks = []
    for name, text in cases:
        base, peak = measure(text)
        peaks.append(peak)
        print(f"{name:<16}  {base:>16.0f}  {peak:>8.0f}  {peak - base:>10.0f}  {peak / base:.2f}")
    # bounded: a case of 1,000 events needs little more than the reference case
    ratio("peak memory drawing 1,000 events / the reference case", peaks[-1] / peaks[0], 1.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
