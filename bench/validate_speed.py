"""How fast is validation, relative to what the machine can do anyway?

Prints ratios measured in this one process (or this one command), so they mean the same on a
slow or a fast machine:

* validate / compose: the whole check of a case (load, read, resolve dates, rules, lines)
  against libyaml (PyYAML's C loader) only composing the same text with line marks.
  Target: about 2 or less.
* pure-Python compose / libyaml compose: for scale; a pure-Python YAML loader would not do.
* start-up: ``timeline validate FILE`` as a new process, against ``python -c pass`` and
  against ``python -c "import yaml"``. Target: under 300 ms on the machine it runs on.

Usage: python bench/validate_speed.py [CASE ...]   (default: every file in cases/)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from timing import ratio

from timeline import check_text

ROOT = Path(__file__).resolve().parent.parent


def _calibrate(fn: Callable[[], object], min_time: float) -> int:
    n = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        if time.perf_counter() - t0 >= min_time:
            return n
        n *= 2


def interleaved(
    fns: list[Callable[[], object]], rounds: int = 15, min_time: float = 0.05
) -> list[float]:
    """Best mean time per call of each function, measured in alternating rounds so that
    whatever else the machine does weighs on all of them alike."""
    counts = [_calibrate(fn, min_time) for fn in fns]
    best = [float("inf")] * len(fns)
    for _ in range(rounds):
        for i, (fn, n) in enumerate(zip(fns, counts, strict=True)):
            t0 = time.perf_counter()
            for _ in range(n):
                fn()
            best[i] = min(best[i], (time.perf_counter() - t0) / n)
    return best


def process_times(commands: list[list[str]], runs: int = 11) -> list[float]:
    """Median wall time of each command, run in alternation."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for i, args in enumerate(commands):
            t0 = time.perf_counter()
            subprocess.run(args, check=False, capture_output=True, cwd=ROOT)
            times[i].append(time.perf_counter() - t0)
    return [statistics.median(t) for t in times]


def main(paths: list[str]) -> int:
    files = [Path(p) for p in paths] or sorted((ROOT / "cases").glob("*.yaml"))
    print(f"{'case':<40} {'size':>7} {'compose':>9} {'validate':>9} {'ratio':>6} {'pure-py':>8}")
    ratios = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        name = str(path)
        check_text(text, name)  # warm the catalogue cache, as any real run has
        compose, validate, pure = interleaved(
            [
                lambda text=text: yaml.compose(text, Loader=yaml.CSafeLoader),
                lambda text=text, name=name: check_text(text, name),
                lambda text=text: yaml.compose(text, Loader=yaml.SafeLoader),
            ]
        )
        ratios.append(validate / compose)
        print(
            f"{path.name:<40} {len(text.encode()):>6}B {compose * 1e3:>7.3f}ms {validate * 1e3:>7.3f}ms"
            f" {validate / compose:>5.2f}x {pure / compose:>7.1f}x"
        )
    print(
        f"validate / libyaml compose: worst {max(ratios):.2f}x, median {statistics.median(ratios):.2f}x (target ≤ about 2)"
    )
    ratio("validate / libyaml compose (median of the cases)", statistics.median(ratios), 2)

    exe = sys.executable
    target = str(files[0])
    bare, import_yaml, cli = process_times(
        [
            [exe, "-c", "pass"],
            [exe, "-c", "import yaml"],
            [exe, "-m", "timeline", "validate", target],
        ]
    )
    print(
        f"start-up of 'timeline validate {files[0].name}': {cli * 1e3:.0f} ms"
        f" ({cli / bare:.1f}x a bare interpreter at {bare * 1e3:.0f} ms,"
        f" {cli / import_yaml:.1f}x 'import yaml'; target < 300 ms)"
    )
    ratio("start-up of timeline validate / 300 ms", cli / 0.3, 1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
