"""How validate, show and render grow with the case: each measured at 500 and 5,000 events on
two long cases, and the ratio of the two times.

* the many-lines case: one line of therapy after another, each a block of four events (the
  regimen, dated to the day; a partial response after its start; the progression that ends
  it, before the next line; resistance to its drug, resting on that progression), with one
  drug declared by the case per line so that no resistance is to a drug given again;
* the chain of ``bench/chain_speed.py``: each event dated only after the one before, bounded
  only at its end, so that every window spans the whole case.

``validate`` is :func:`timeline.check_text`; ``show`` is the check and the summary text
(the plausible schedule and the intervals); ``render`` is the check and
:func:`timeline.render.render_case` to SVG with the in-process Graphviz. Times are the CPU
time of this process (the best of three runs at 500 events, of two at 5,000), both sizes measured
in the same run, so only their ratios are printed.

Target: from 500 to 5,000 events (10 times), each at most 15 times the time (linear, or
n log n, with room for the machine).

Usage: python bench/growth.py [SMALL LARGE]
"""

from __future__ import annotations

import datetime
import gc
import sys
import time
from collections.abc import Callable

from chain_speed import chain
from timing import ratio

from timeline import check_text
from timeline.render import render_case
from timeline.summary import summary_text

#: the growth allowed from the smaller case to the larger (for 10 times the events)
TARGET = 15.0


def many_lines(n: int) -> str:
    """A case of about ``n`` events: n / 4 lines of therapy, 30 days apart (module text)."""
    first = datetime.date(1900, 1, 1)
    lines = n // 4
    out = ["id: many-lines", f"diagnosis: {{date: {first}}}", "agents:"]
    out += [f"  - {{name: drug {i}, class: chemotherapy}}" for i in range(lines)]
    out.append("events:")
    for i in range(lines):
        start = first + datetime.timedelta(days=30 + 30 * i)
        then = f"l{i + 1}.start" if i + 1 < lines else "fu"
        out += [
            f"  - {{id: l{i}, type: regimen, intent: advanced, start: {start}, end: pd{i},"
            f" end_reason: progression, agents: [drug {i}]}}",
            f"  - {{id: pr{i}, type: response, date: {{after: l{i}.start}}, category: PR}}",
            f"  - {{id: pd{i}, type: response, date: {{after: pr{i}, before: {then}}},"
            " category: PD}",
            f"  - {{id: r{i}, type: resistance, date: pd{i}, agent: drug {i}, basis: pd{i}}}",
        ]
    last = first + datetime.timedelta(days=60 + 30 * lines)
    out.append(f"  - {{id: fu, type: follow-up, date: {last}, status: alive-with-disease}}")
    return "\n".join(out) + "\n"


def validate(text: str) -> object:
    """The whole check."""
    return check_text(text, "case.yaml")


def show(text: str) -> object:
    """The check and the summary (``timeline show``)."""
    return summary_text(check_text(text, "case.yaml"))


def render(text: str) -> object:
    """The check and the swimlane as SVG, with the in-process Graphviz."""
    return render_case(check_text(text, "case.yaml"), fmt="svg", backend="wasm")


def cpu(command: Callable[[str], object], text: str, runs: int) -> float:
    """The least CPU time of ``runs`` calls of ``command`` on ``text``."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        t0 = time.process_time()
        command(text)
        best = min(best, time.process_time() - t0)
    return best


def main(argv: list[str]) -> int:
    small, large = (int(a) for a in argv) if argv else (500, 5000)
    render(many_lines(20))  # the engine loaded and compiled
    print(f"{'case':<11}  {'command':<8}  {f'{small} ev. s':>9}  {f'{large} ev. s':>9}  growth")
    for name, make in (("many lines", many_lines), ("chain", chain)):
        texts = {n: make(n) for n in (small, large)}
        for command in (validate, show, render):
            # best of several runs at each size: on a shared machine one slow run of the small
            # case alone moved the ratio by a quarter
            a = cpu(command, texts[small], 7)
            b = cpu(command, texts[large], 3)
            what = command.__name__
            print(f"{name:<11}  {what:<8}  {a:>9.3f}  {b:>9.3f}  x{b / a:.1f}", flush=True)
            ratio(f"{what} time, {name}, {large} / {small} events", b / a, TARGET)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
