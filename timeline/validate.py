"""The whole check of one case file: load, read, resolve dates, apply the rules, derive.

This is the library entry point; the CLI is a thin layer over :func:`check_path`.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from attrs import define, field

from timeline.catalogue import Catalogue, default_catalogue
from timeline.chronology import Chronology, resolve
from timeline.cycles import paused
from timeline.dates import DAYS_PER_MONTH
from timeline.formats import CASE_SUFFIXES
from timeline.lines import Interval, TherapyLine, derive_intervals, derive_lines
from timeline.loader import Document, load_path, load_text
from timeline.model import Acknowledgement, Case
from timeline.parse import parse_case
from timeline.problems import Location, Problem, Problems, Severity
from timeline.reading import Reader
from timeline.rules import Context, Step, run_rules
from timeline.schedule import Schedule, plan
from timeline.states import Machine, compiled_machine
from timeline.values import value_repr

if TYPE_CHECKING:
    from timeline.trials import Trial

__all__ = [
    "CASE_SUFFIXES",
    "Checked",
    "check_path",
    "check_text",
    "collect_paths",
    "missing_message",
]


@define(slots=False, repr=False)
class Checked:
    """Everything known about one case file after checking it."""

    __repr__ = value_repr

    path: str
    problems: list[Problem]
    case: Case | None = None
    chrono: Chronology | None = None
    steps: list[Step] = field(factory=list)
    #: warnings the case acknowledges, each with the acknowledgement that covers it
    acknowledged: list[tuple[Problem, Acknowledgement]] = field(factory=list)
    #: the trial, when the file is a trial file (``kind: trial``) rather than a case
    trial: Trial | None = None

    @cached_property
    def schedule(self) -> Schedule | None:
        """One plausible day for every date of the case (computed on demand)."""
        if self.case is None or self.chrono is None:
            return None
        return paused(plan)(self.chrono)

    @cached_property
    def lines(self) -> list[TherapyLine]:
        """The lines of therapy (computed on demand: validation does not need them)."""
        if self.case is None or self.chrono is None:
            return []
        return paused(derive_lines)(self.case, self.chrono)

    @cached_property
    def intervals(self) -> list[Interval]:
        """DFS and DFIs, PFS, line durations, response durations, treatment-free intervals and
        follow-up, on the plausible schedule (computed on demand)."""
        if self.case is None or self.chrono is None or self.schedule is None:
            return []
        return paused(derive_intervals)(self.case, self.chrono, self.lines, self.schedule)

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        """Whether the case has no error."""
        return not self.errors


def _finish(
    path: str,
    problems: Problems,
    case: Case | None,
    catalogue: Catalogue,
    machine: Machine | None,
    ignore: Iterable[str],
    wide_window_months: float = 6.0,
) -> Checked:
    result = Checked(path, [], case)
    # an event the parse refused (its type, or a value its builder needs) leaves the course
    # incomplete: the course rules wait for it to be mended (an agent the catalogue does not
    # know drops only that exposure, which the rules that read exposures allow for)
    refused = case is not None and bool(case.unreadable_types - {"exposure"})
    if case is not None:
        try:
            chrono = resolve(case, problems, round(wide_window_months * DAYS_PER_MONTH))
            # the agents the case declares belong to their classes in the rules too
            if case.declared_agents:
                catalogue = catalogue.with_agents(case.declared_agents)
            ctx = Context(case, chrono, catalogue, problems, machine or compiled_machine())
            if not refused:
                # (a file with an event refused is checked for its dates, but the course
                # rules wait for it to be mended: a regimen refused for a misspelt intent set
                # off R001, R004, T002, T003 and X001, each reporting what the missing
                # regimen says)
                run_rules(ctx)
            result.chrono = chrono
            result.steps = ctx.steps
            if (planned := ctx.planned) is not None:
                # (the replay asked for the plausible schedule: it is the one the case keeps)
                result.__dict__["schedule"] = planned
        except Exception as exc:  # a bug: said, added to what was found, never a traceback
            internal_error(problems, path, exc)
            result.case = None
    skip = set(ignore)
    # only warnings can be ignored: an error stops the checks that depend on it, and a case
    # with one silenced would be shown and drawn without what it got wrong
    found = [p for p in problems.sorted() if p.code not in skip or p.severity is Severity.ERROR]
    if case is not None and case.acknowledgements:
        found, result.acknowledged = _acknowledge(case, found)
    result.problems = found
    return result


class _EventAt:
    """The id of the event whose entry holds a line of the file ("diagnosis" for the
    diagnosis's): the last event to start on or before it (the first of those that start on the
    same line), found by bisection."""

    def __init__(self, case: Case) -> None:
        first: dict[int, str] = {}
        for event in case.events:
            here = event.location
            if here is not None and here.line not in first:
                first[here.line] = event.id
        # (and the diagnosis's entry: its date's C008 is acknowledged with `event: diagnosis`)
        here = case.diagnosis.location
        if here is not None and here.line not in first:
            first[here.line] = "diagnosis"
        self._lines = sorted(first)
        self._ids = [first[line] for line in self._lines]

    def __call__(self, line: int) -> str | None:
        i = bisect_right(self._lines, line)
        return self._ids[i - 1] if i else None


class _ExposureAt:
    """The key of the exposure whose entry holds a line of a regimen's entry: the last of its
    exposures to start on or before the line (None: the regimen's own lines)."""

    def __init__(self, case: Case) -> None:
        self._starts: dict[str, list[tuple[int, str]]] = {
            r.id: sorted((x.location.line, x.key) for x in r.exposures if x.location is not None)
            for r in case.regimens()
        }

    def __call__(self, event: str | None, line: int) -> str | None:
        found = None
        for start, key in self._starts.get(event or "", ()):
            if start > line:
                break
            found = key
        return found


def _acknowledge(
    case: Case, found: list[Problem]
) -> tuple[list[Problem], list[tuple[Problem, Acknowledgement]]]:
    """Set aside the warnings the case acknowledges; an acknowledgement that covers nothing
    is itself a warning (S011) — but only in a case without errors: an error stops the checks
    that would have raised the acknowledged warning, and advice to delete a curated
    acknowledgement because of an unrelated typo would be wrong."""
    kept: list[Problem] = []
    covered: list[tuple[Problem, Acknowledgement]] = []
    used: set[int] = set()
    event_at = _EventAt(case)
    # an exposure's id stands for its regimen, whose entry holds the exposure's lines; a
    # warning on an exposure's own lines is first the exposure's (its reason may differ from
    # the regimen's: "no interval before the start" is not why docetaxel's end is unknown)
    regimen_of = {exp.key: r.id for r in case.regimens() for exp in r.exposures}
    exposure_at = _ExposureAt(case)
    for problem in found:
        match = None
        if problem.severity is Severity.WARNING:
            event = event_at(problem.location.line)
            own = exposure_at(event, problem.location.line)
            named = [
                (i, ack)
                for i, ack in enumerate(case.acknowledgements)
                if ack.code == problem.code
                and (ack.event is None or regimen_of.get(ack.event, ack.event) == event)
            ]
            # the exposure's own acknowledgements, else those of its regimen (or of none),
            # else those of its regimen's other exposures: the first of these tiers that has
            # any. Within it, each acknowledgement covers the next warning it fits, in order,
            # and the last one those after it: the start and the end of one regimen may each
            # have their reason (the first took both, and the second was said to cover
            # nothing). A tier is not left for a worse one because its entries are spent: the
            # end of a regimen took the entry written for its carboplatin's start, which was
            # then covered by the regimen's, each warning with the other's reason.
            tiers: list[list[tuple[int, Acknowledgement]]] = [[], [], []]
            for fit in named:
                event_ = fit[1].event
                own_entry = own is not None and event_ == own
                tiers[0 if own_entry else 1 if event_ not in regimen_of else 2].append(fit)
            fits = next((tier for tier in tiers if tier), [])
            match = next(((i, ack) for i, ack in fits if i not in used), fits[-1] if fits else None)
        if match is None:
            kept.append(problem)
        else:
            used.add(match[0])
            covered.append((problem, match[1]))
    extra = Problems()
    erroneous = any(p.severity is Severity.ERROR for p in found)
    for i, ack in enumerate(case.acknowledgements):
        if i not in used and not erroneous:
            where = ack.location or Location(case.path)
            on = f" on '{ack.event}'" if ack.event else ""
            extra.add(
                "S011",
                where,
                f"no {ack.code} warning{on} to acknowledge; remove this acknowledgement or"
                " correct its code or event",
            )
    return sorted(kept + extra.items), covered


def internal_error(problems: Problems, path: str, exc: BaseException) -> None:
    """Z999, added to the problems already found (which are kept)."""
    problems.add(
        "Z999",
        Location(path),
        f"internal error ({type(exc).__name__}: {exc}); please report it with this file",
    )


def _read(
    load: Callable[[], Document | None], path: str, problems: Problems, catalogue: Catalogue
) -> Case | Trial | None:
    try:
        doc = load()
        if doc is None:
            return None
        if any(getattr(key, "value", None) == "kind" for key, _ in doc.root.value):
            # only a file with a 'kind' can be a trial file: the trial reader is imported then
            from timeline.trials import is_trial, parse_trial

            if is_trial(doc):
                return parse_trial(doc, Reader(path, problems), catalogue)
        return parse_case(doc, Reader(path, problems), catalogue)
    except Exception as exc:  # a bug: said, added to what was found
        internal_error(problems, path, exc)
    return None


def _trial_checked(path: str, problems: Problems, trial: Trial, ignore: Iterable[str]) -> Checked:
    skip = set(ignore)
    kept = [p for p in problems.sorted() if p.code not in skip or p.severity is Severity.ERROR]
    return Checked(path, kept, trial=trial)


@paused
def check_path(
    path: str,
    *,
    ignore: Iterable[str] = (),
    machine: Machine | None = None,
    catalogue: Catalogue | None = None,
    wide_window_months: float = 6.0,
) -> Checked:
    """Check one case file. ``machine`` may be any networkx DiGraph shaped like
    :func:`timeline.states.state_graph`; by default the built-in machine is used."""
    problems = Problems()
    catalogue = catalogue or default_catalogue()
    case = _read(lambda: load_path(path, problems), path, problems, catalogue)
    if case is not None and not isinstance(case, Case):
        return _trial_checked(path, problems, case, ignore)
    return _finish(path, problems, case, catalogue, machine, ignore, wide_window_months)


@paused
def check_text(
    text: str,
    path: str = "<text>",
    *,
    ignore: Iterable[str] = (),
    machine: Machine | None = None,
    catalogue: Catalogue | None = None,
    wide_window_months: float = 6.0,
) -> Checked:
    """Check a case given as text (``path`` names it in messages; a ``.json`` suffix
    reads it as JSON)."""
    problems = Problems()
    catalogue = catalogue or default_catalogue()
    case = _read(lambda: load_text(text, path, problems), path, problems, catalogue)
    if case is not None and not isinstance(case, Case):
        return _trial_checked(path, problems, case, ignore)
    return _finish(path, problems, case, catalogue, machine, ignore, wide_window_months)


def collect_paths(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """Expand folders into their case files (sorted); return (files, paths that do not exist)."""
    files: list[str] = []
    missing: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in sorted(names):
                    if not n.lower().endswith(CASE_SUFFIXES):
                        continue
                    full = os.path.join(root, n)
                    # a FIFO or a device named *.yaml would block the reader: left out
                    (files if os.path.isfile(full) else missing).append(full)
        elif os.path.isfile(p):
            files.append(p)
        else:
            missing.append(p)
    return files, missing


def missing_message(path: str) -> str:
    """Why a path given or found is not checked."""
    if os.path.exists(path) and not os.path.isdir(path):
        return "not a regular file (a pipe, a device?); skipped"
    return "no such file or folder"
