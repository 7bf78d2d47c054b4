"""What the benchmarks share: timing in alternation, and the ratio lines `make bench` collects.

Every benchmark measures its baseline in the same run, so that its ratios mean the same on a
slow or a fast machine, and prints each ratio it checks as one line::

    RATIO <TAB> what <TAB> value <TAB> target

(the ratio passes when value <= target); ``bench/table.py`` runs them all and prints one table.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: the environment of the commands timed as new processes: bytecode written, as an installed
#: package has it (installing compiles it; the baselines come from installed packages). A
#: checkout run with ``PYTHONDONTWRITEBYTECODE`` would otherwise compile the project's
#: modules in every start-up.
INSTALLED = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def ratio(what: str, value: float, target: float) -> None:
    """Print one checked ratio for the table (``value`` must be at most ``target``)."""
    print(f"RATIO\t{what}\t{value:.3f}\t{target:g}", flush=True)


def _calibrate(fn: Callable[[], object], min_time: float, clock: Callable[[], float]) -> int:
    n = 1
    while True:
        t0 = clock()
        for _ in range(n):
            fn()
        if clock() - t0 >= min_time:
            return n
        n *= 2


def interleaved(
    fns: Sequence[Callable[[], object]],
    rounds: int = 15,
    min_time: float = 0.05,
    clock: Callable[[], float] = time.perf_counter,
) -> list[float]:
    """Best mean time per call of each function, measured in alternating rounds so that
    whatever else the machine does weighs on all of them alike (``clock``: wall time by
    default, ``time.process_time`` for CPU time)."""
    counts = [_calibrate(fn, min_time, clock) for fn in fns]
    best = [float("inf")] * len(fns)
    for _ in range(rounds):
        for i, (fn, n) in enumerate(zip(fns, counts, strict=True)):
            t0 = clock()
            for _ in range(n):
                fn()
            best[i] = min(best[i], (clock() - t0) / n)
    return best


def process_times(commands: Sequence[Sequence[str]], runs: int = 11) -> list[float]:
    """Median wall time of each command, run in alternation (each must succeed), in the
    :data:`INSTALLED` environment (run each once first, to write the bytecode)."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for i, args in enumerate(commands):
            t0 = time.perf_counter()
            subprocess.run(args, check=True, capture_output=True, cwd=ROOT, env=INSTALLED)
            times[i].append(time.perf_counter() - t0)
    return [statistics.median(t) for t in times]
