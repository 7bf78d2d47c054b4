"""How fast is validation, relative to what the machine can do anyway?

Prints ratios measured in this one process (or this one command), so they mean the same on a
slow or a fast machine. In-process figures are CPU time of this process, so that other work on a
shared machine weighs on them as little as it can:

* validate / compose: the whole check of a case (load, read, resolve dates, rules, lines)
  against libyaml (PyYAML's C loader) only composing the same text with line marks.
  Target: about 2 or less.
* pure-Python compose / libyaml compose: for scale; a pure-Python YAML loader would not do.
* folder: ``timeline validate --jobs 1 FOLDER`` (in this process, its output thrown away) over
  a folder of copies of the reference case, against reading and composing the same files with
  libyaml, both in CPU time. Target: 2 or less. Then the same folder checked on every core
  (the command's default), in wall time against the compose's wall time on one core: what a
  user waits, not the work done (the CPU of all its processes is printed beside it).
  ``--copies N`` sets how many (default 2,000; 0 leaves it out).
* start-up: ``timeline validate FILE`` as a new process, against ``python -c pass`` and
  against ``python -c "import yaml"``. Target: under 150 ms on the machine it runs on.

Usage: python bench/validate_speed.py [--copies N] [CASE ...]   (default: every file in cases/)
"""

from __future__ import annotations

import contextlib
import io
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import timing
import yaml
from timing import ratio

from timeline import check_text
from timeline.cli import available_cores

ROOT = Path(__file__).resolve().parent.parent


def interleaved(fns: list[Callable[[], object]]) -> list[float]:
    """Best CPU time per call of each function, in alternating rounds (bench/timing.py)."""
    return timing.interleaved(fns, clock=time.process_time)


def process_times(commands: list[list[str]], runs: int = 11) -> list[tuple[float, float]]:
    """Median wall time and median CPU time of each command, run in alternation, with compiled
    bytecode as an installed package has it (each command runs once first to write it)."""
    env = timing.INSTALLED
    wall: list[list[float]] = [[] for _ in commands]
    cpu: list[list[float]] = [[] for _ in commands]
    for args in commands:
        subprocess.run(args, check=False, capture_output=True, cwd=ROOT, env=env)
    for _ in range(runs):
        for i, args in enumerate(commands):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(args, check=False, capture_output=True, cwd=ROOT, env=env)
            wall[i].append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[i].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(wall, cpu, strict=True)]


REFERENCE = ROOT / "cases" / "cr000-paclitaxel-bevacizumab.yaml"


def folder_times(copies: int, rounds: int = 3) -> dict[str, float]:
    """Best times of ``timeline validate FOLDER`` over ``copies`` copies of the reference case
    and of reading and composing the same files with libyaml, in alternating rounds: CPU time
    of the compose and of the check in this one process (``--jobs 1``); wall time of the
    compose and of the check on every core (the default), with the CPU time of all its
    processes (this one and its workers)."""
    from timeline.cli import main as cli

    folder = Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    try:
        for i in range(copies):
            shutil.copyfile(REFERENCE, folder / f"c{i:05d}.yaml")
        names = sorted(str(p) for p in folder.iterdir())

        def compose_all() -> None:
            for name in names:
                with open(name, "rb") as fh:
                    yaml.compose(fh.read().decode("utf-8-sig"), Loader=yaml.CSafeLoader)

        def validate_all(*options: str) -> Callable[[], None]:
            def run() -> None:
                with (
                    contextlib.redirect_stdout(io.StringIO()),
                    contextlib.redirect_stderr(io.StringIO()),
                ):
                    cli(["validate", *options, str(folder)])

            return run

        def children() -> float:
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            return used.ru_utime + used.ru_stime

        best: dict[str, float] = {}
        runs = {
            "compose": compose_all,
            "one process": validate_all("--jobs", "1"),
            "every core": validate_all(),
        }
        for _ in range(rounds):
            for what, fn in runs.items():
                c0, w0, k0 = time.process_time(), time.perf_counter(), children()
                fn()
                cpu = time.process_time() - c0 + children() - k0
                wall = time.perf_counter() - w0
                for key, value in ((f"{what} cpu", cpu), (f"{what} wall", wall)):
                    best[key] = min(best.get(key, float("inf")), value)
        return best
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    copies = 2000
    if argv[:1] == ["--copies"]:
        copies, argv = int(argv[1]), argv[2:]
    paths = argv
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

    if copies:
        t = folder_times(copies)
        compose, validate = t["compose cpu"], t["one process cpu"]
        print(
            f"'timeline validate --jobs 1' over {copies:,} copies of {REFERENCE.name}:"
            f" {validate:.2f} s of CPU, libyaml composing them {compose:.2f} s:"
            f" {validate / compose:.2f}x (target ≤ 2)"
        )
        ratio(
            f"timeline validate FOLDER of {copies:,} cases, one process / libyaml compose",
            validate / compose,
            2,
        )
        cores = available_cores()
        print(
            f"'timeline validate' on {cores} core(s): {t['every core wall']:.2f} s of wall time"
            f" ({t['every core cpu']:.2f} s of CPU in all its processes), libyaml composing on"
            f" one core {t['compose wall']:.2f} s: {t['every core wall'] / t['compose wall']:.2f}x"
        )
        ratio(
            f"timeline validate FOLDER on {cores} cores, wall / libyaml compose on one",
            t["every core wall"] / t["compose wall"],
            2,
        )

    exe = sys.executable
    target = str(files[0])
    bare, import_yaml, cli = process_times(
        [
            [exe, "-c", "pass"],
            [exe, "-c", "import yaml"],
            [exe, "-m", "timeline", "validate", target],
        ]
    )
    for what, i in (("wall", 0), ("CPU", 1)):
        print(
            f"start-up of 'timeline validate {files[0].name}', {what}: {cli[i] * 1e3:.0f} ms"
            f" ({cli[i] / bare[i]:.1f}x a bare interpreter at {bare[i] * 1e3:.0f} ms,"
            f" {cli[i] / import_yaml[i]:.1f}x 'import yaml'; target ≤ 150 ms)"
        )
    ratio("start-up of timeline validate, CPU / 150 ms", cli[1] / 0.15, 1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
