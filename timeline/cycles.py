"""The cycle collector paused while the library builds a large result that holds no cycles.

Checking a case allocates objects by the hundred thousand (the YAML nodes, the model, every
date's window and the distance graph between them) and keeps many of them; Python's cycle
collector runs each time a few hundred more are alive, and its full collections walk every
object of the process. On a case of 5,000 events that walking was a quarter of the time of
``timeline show``, and it grows faster than the case does. A check, the plausible schedule,
the intervals and the summary of ``show`` create no reference cycles (the test suite proves it on every case of the
library and on long generated cases: a collection afterwards finds nothing), so all that
walking frees nothing: reference counting frees every object as soon as it is dropped.

:func:`paused` runs them with the collector off, and turns it back on afterwards, only if it
was on before (a caller that turned it off keeps it off; a caller on another thread at worst
sees it collect). Nothing else of the process's collector settings is touched.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["paused"]

P = ParamSpec("P")
R = TypeVar("R")


def paused(work: Callable[P, R]) -> Callable[P, R]:
    """``work`` run with the cycle collector paused (see the module docstring)."""

    @functools.wraps(work)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return work(*args, **kwargs)
        gc.disable()
        try:
            return work(*args, **kwargs)
        finally:
            gc.enable()

    return run
