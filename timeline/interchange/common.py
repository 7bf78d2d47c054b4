"""What every exchange format shares: a time point as exported (the plausible day of the
schedule, with the window it was chosen from), and writing files that never replace an input
and never appear half-written."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable

import pendulum
from attrs import frozen

from timeline.chronology import NEG, POS
from timeline.model import Event, Exposure
from timeline.queries import point_key
from timeline.schedule import Planned
from timeline.validate import Checked

__all__ = [
    "ExportError",
    "When",
    "export_points",
    "when_end",
    "when_point",
    "when_start",
    "write_new",
    "write_output",
]

_OPEN_LO, _OPEN_HI = NEG // 2, POS // 2
_MAX_ORDINAL = 3652059
_CASE_SUFFIXES = (".yaml", ".yml")


class ExportError(Exception):
    """A case that cannot be exported (it has errors), or an output that cannot be written."""


@frozen
class When:
    """One time point as exported: its plausible day on the schedule, its window (every day
    the case allows, ``None`` on an open side) and, for day offsets, the plausible day of the
    diagnosis."""

    day: int
    lo: int | None
    hi: int | None
    #: the day of the diagnosis on the same schedule (offsets count from it)
    zero: int
    #: the case has no calendar date: only the offsets mean something
    relative: bool

    @property
    def uncertain(self) -> bool:
        return self.lo is None or self.hi is None or self.lo != self.hi

    @property
    def offset(self) -> int:
        """Days from the diagnosis to the plausible day."""
        return self.day - self.zero

    @property
    def lo_offset(self) -> int | None:
        return None if self.lo is None else self.lo - self.zero

    @property
    def hi_offset(self) -> int | None:
        return None if self.hi is None else self.hi - self.zero

    def _iso(self, day: int | None) -> str | None:
        if day is None or self.relative or not 1 <= day <= _MAX_ORDINAL:
            return None
        return pendulum.Date.fromordinal(day).isoformat()

    @property
    def date(self) -> str | None:
        """The plausible day as YYYY-MM-DD (``None`` in a case without calendar dates)."""
        return self._iso(self.day)

    @property
    def earliest(self) -> str | None:
        return self._iso(self.lo)

    @property
    def latest(self) -> str | None:
        return self._iso(self.hi)

    def partial(self) -> str | None:
        """The date at the precision the window allows: YYYY-MM-DD when it is one day,
        YYYY-MM when it is exactly a calendar month, YYYY when a calendar year; else ``None``."""
        if self.relative or self.lo is None or self.hi is None:
            return None
        if self.lo == self.hi:
            return self._iso(self.lo)
        lo, hi = pendulum.Date.fromordinal(self.lo), pendulum.Date.fromordinal(self.hi)
        if lo.day == 1 and hi == lo.end_of("month"):
            return f"{lo.year:04d}-{lo.month:02d}"
        if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
            return f"{lo.year:04d}"
        return None


def _when(checked: Checked, key: str, planned: Planned | None) -> When | None:
    if planned is None:
        return None
    zero, relative = _zero(checked)
    if relative and checked.chrono is not None:
        # no calendar: the window is how far from the diagnosis the point can be
        chrono = checked.chrono
        after = chrono.least("diagnosis", key)
        before = chrono.least(key, "diagnosis")
        return When(
            planned.day,
            None if after is None else zero + after,
            None if before is None else zero - before,
            zero,
            True,
        )
    # every day the case allows (as 'show' gives it), not only the part of it left when the
    # schedule chose this day
    bounds = checked.chrono.bounds(key) if checked.chrono is not None else planned.window
    lo, hi = bounds.lo, bounds.hi
    return When(
        planned.day,
        None if lo <= _OPEN_LO else lo,
        None if hi >= _OPEN_HI else hi,
        zero,
        relative,
    )


def _zero(checked: Checked) -> tuple[int, bool]:
    plan = checked.schedule
    if plan is None:
        raise ExportError(f"{checked.path}: no schedule, the case has errors")
    diagnosis = plan.diagnosis()
    days = list(plan.days())
    zero = diagnosis.day if diagnosis is not None else (min(days) if days else 0)
    return zero, plan.relative


def when_point(checked: Checked, key: str) -> When | None:
    """The time point ``key`` (``diagnosis``, ``x``, ``x.start``, ``x.end``) of a checked case."""
    return _when(checked, key, checked.schedule.point(key))  # type: ignore[union-attr]


def when_start(checked: Checked, item: Event | Exposure) -> When | None:
    key = point_key(item, "start")
    return _when(checked, key, checked.schedule.point(key))  # type: ignore[union-attr]


def when_end(checked: Checked, item: Event | Exposure) -> When | None:
    """The end of a span (``None`` for a span with no end: an ongoing regimen)."""
    if isinstance(item, Event) and item.is_span and item.end is None:
        return None
    if isinstance(item, Exposure) and item.end_date is None:
        return None
    key = point_key(item, "end")
    return _when(checked, key, checked.schedule.point(key))  # type: ignore[union-attr]


def export_points(checked: Checked) -> Checked:
    """``checked`` itself when it can be exported (a case without errors), else ExportError."""
    if checked.trial is not None:
        raise ExportError(f"{checked.path}: a trial file, not a case; not exported")
    if not checked.ok or checked.case is None or checked.schedule is None:
        raise ExportError(f"{checked.path}: not exported, the case has errors (see above)")
    return checked


def write_output(path: str, data: bytes, inputs: Iterable[str]) -> None:
    """Write ``data`` to ``path`` whole or not at all, never over one of ``inputs`` nor over a
    YAML case file (a FHIR Bundle is JSON, so JSON is allowed here)."""
    from timeline.render.output import OutputError, write_atomic

    try:
        write_atomic(path, data, inputs, refuse=_CASE_SUFFIXES)
    except OutputError as exc:
        raise ExportError(str(exc)) from None


def write_new(path: str, data: bytes) -> None:
    """Write a new file whole or not at all; a file already at ``path`` is never replaced
    (FileExistsError)."""
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, f".timeline-{os.urandom(6).hex()}.tmp")
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # a hard link appears whole or not at all, and never replaces a file already there
        os.link(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
