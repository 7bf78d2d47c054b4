"""The ``timeline`` command's first steps: an interrupt while the program is still loading
ends it quietly.

Loading the command takes a fifth of a second, more on a busy machine; Ctrl-C then (or
``timeout -s INT``, which interrupts the command and then its whole process group) printed
the traceback of whatever import it landed in. Here the command takes one interrupt while it
loads, ignores any that follow at once, and exits with status 130, as it does once running.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType


def _once(_signum: int, _frame: FrameType | None) -> None:
    """An interrupt while loading: stop, and ignore the next (the process group's)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def entry() -> int:
    """The ``timeline`` command (:func:`timeline.cli.entry`), loaded with interrupts taken."""
    previous = signal.signal(signal.SIGINT, _once)
    try:
        from timeline.cli import entry as run

        signal.signal(signal.SIGINT, previous)
    except KeyboardInterrupt:
        sys.stderr.write("timeline: interrupted\n")
        return 130
    return run()
