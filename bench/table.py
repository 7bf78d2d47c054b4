"""Every benchmark, and one table of their ratios with targets: ``make bench``.

Runs each script of bench/ in its own process, collects the ratios it prints (see
``bench/timing.py``), and prints them with their targets and whether each is met. Each
script can be run alone for its details. Exits 0 whatever the ratios (a benchmark reports; the
tests decide).

Usage: python bench/table.py [--show]   (--show: print each script's own output too)
"""

from __future__ import annotations

import subprocess
import sys
import time

from timing import ROOT

SCRIPTS = [
    ["validate_speed.py"],
    ["chain_speed.py"],
    ["render_memory.py"],
    ["render_speed.py"],
    ["first_png.py"],
    ["render_growth.py"],
    ["growth.py"],
]


def main(argv: list[str]) -> int:
    show = "--show" in argv
    rows: list[tuple[str, float, float]] = []
    failed: list[str] = []
    for script in SCRIPTS:
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(ROOT / "bench" / script[0]), *script[1:]],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        took = time.perf_counter() - t0
        print(f"  {script[0]}: {took:.0f} s", file=sys.stderr, flush=True)
        if show:
            print(done.stdout.replace("RATIO\t", "  ratio: "))
        if done.returncode != 0:
            failed.append(f"{script[0]}: exit {done.returncode}: {done.stderr.strip()[-300:]}")
        for line in done.stdout.splitlines():
            if line.startswith("RATIO\t"):
                _, what, value, target = line.split("\t")
                rows.append((what, float(value), float(target)))
    width = max((len(r[0]) for r in rows), default=10)
    print(f"{'ratio':<{width}}  {'measured':>8}  {'target':>7}  result")
    for what, value, target in rows:
        verdict = "pass" if value <= target else "FAIL"
        print(f"{what:<{width}}  {value:>8.2f}  {'<= ' + format(target, 'g'):>7}  {verdict}")
    passed = sum(1 for _, v, t in rows if v <= t)
    print(f"{passed} of {len(rows)} ratios within target")
    for line in failed:
        print(f"not measured: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
