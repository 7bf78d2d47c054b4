"""Date resolution at scale: a chain of n events, each dated only "after" the one before and
bounded only at its end, validated for n = 1,000, 10,000 and 30,000.

Prints, for each n, the time of the whole validation and of libyaml composing the same file
(the baseline, measured in the same run), their ratio, and the growth from one size to the
next (linear growth multiplies the time by the growth of n)."""

from __future__ import annotations

import sys
import time

import yaml
from timing import ratio

from timeline import check_text


def chain(n: int) -> str:
    lines = [
        "id: chain",
        "diagnosis: {date: 2000-01}",
        "events:",
        "  - {id: e0, type: surgery, date: {after: diagnosis}, curative: true}",
    ]
    for i in range(1, n):
        lines.append(f"  - {{id: e{i}, type: toxicity, term: Fatigue, date: {{after: e{i - 1}}}}}")
    lines.append("  - {id: fu, type: follow-up, date: 2020-01, status: alive}")
    return "\n".join(lines) + "\n"


def best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    sizes = [int(x) for x in sys.argv[1:]] or [1000, 10000, 30000]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    print(f"{'events':>8}  {'validate s':>10}  {'compose s':>9}  {'ratio':>6}  growth")
    previous = None
    last_growth = 0.0
    for n in sizes:
        text = chain(n)
        compose = best(lambda text=text: yaml.compose(text, Loader=loader))
        validate = best(lambda text=text: check_text(text, "chain.yaml"), 1 if n > 10000 else 3)
        growth = (
            ""
            if previous is None
            else f"x{validate / previous[1]:.1f} for x{n / previous[0]:.0f} events"
        )
        print(f"{n:>8}  {validate:>10.2f}  {compose:>9.3f}  {validate / compose:>6.1f}  {growth}")
        if previous is not None:
            # linear growth: the time grows as the events do (1.0); quadratic would be x n
            last_growth = (validate / previous[1]) / (n / previous[0])
        previous = (n, validate)
    if len(sizes) > 1:
        ratio(
            f"chain validation, time growth / event growth ({sizes[-2]} to {sizes[-1]})",
            last_growth,
            1.5,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
