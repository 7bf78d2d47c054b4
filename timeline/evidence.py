"""Trial evidence beside a case: the trial arms whose agents are a line's agents, and how the
trial's setting differs from the patient's.

A line matches an arm when its agents are the arm's agents (canonical names, in any order).
The match never hides the difference in setting: the line of therapy the trial enrolled and
this patient's, the receptor status it required and this patient's, the prior therapy it
required and what this patient had before. Trials are read from the ``trials`` folder beside
the case file, or from a folder given.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from attrs import frozen

from timeline.lines import Interval, TherapyLine
from timeline.trials import Arm, Comparison, Trial
from timeline.validate import Checked, check_path, collect_paths

__all__ = ["Match", "load_trials", "matches", "trials_beside"]

_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}


@frozen
class Match:
    """A line of the case beside a trial arm with the same agents: the other arms, the comparisons,
    how the trial's setting differs, and this patient's numbers."""

    line: TherapyLine
    trial: Trial
    arm: Arm
    #: the trial's other arms, for the comparison
    others: tuple[Arm, ...]
    comparisons: tuple[Comparison, ...]
    differences: tuple[str, ...]
    #: this patient's PFS and time on the line, as the summary gives them
    pfs: Interval | None
    duration: Interval | None


def load_trials(paths: Iterable[str]) -> list[Trial]:
    """Every valid trial file among the paths (files or folders); cases are left out."""
    files, _missing = collect_paths(list(paths))
    out = []
    for path in files:
        checked = check_path(path)
        if checked.trial is not None and checked.ok:
            out.append(checked.trial)
    return out


def trials_beside(case_path: str) -> list[Trial]:
    """The trials of the ``trials`` folder beside a case file (none when there is none)."""
    folder = os.path.join(os.path.dirname(os.path.abspath(case_path)), "trials")
    return load_trials([folder]) if os.path.isdir(folder) else []


def _ordinal(n: int) -> str:
    return _ORDINAL.get(n, f"{n}th")


def _differences(checked: Checked, line: TherapyLine, trial: Trial) -> tuple[str, ...]:
    case = checked.case
    assert case is not None
    out = []
    pop = trial.population
    if pop.disease and same_disease(trial, case.diagnosis.site) is None:
        out.append(
            f"the trial enrolled {pop.disease}; this case's primary site:"
            f" {case.diagnosis.site or 'not given'}"
        )
    # the setting of a numbered line is advanced disease; of a regimen not numbered, its intent
    intent = line.regimen.intent
    setting = "advanced" if line.number is not None else intent
    if intent == "unknown":
        trial_was = f"the trial was {pop.setting}; " if pop.setting else ""
        out.append(f"{trial_was}the source does not say for what this regimen was given")
    elif pop.setting and pop.setting != setting:
        given = f"line {line.label} for advanced disease" if line.number is not None else intent
        out.append(f"the trial was {pop.setting}; this is {given}")
    elif pop.line is not None and line.number is not None:
        known = line.known_number
        least = line.number + line.prior.least
        if known is not None and pop.line != known:
            out.append(
                f"the trial was {_ordinal(pop.line)} line; this patient's is the"
                f" {_ordinal(known)} line"
            )
        elif known is None and pop.line < least:
            out.append(
                f"the trial was {_ordinal(pop.line)} line; this patient's is the"
                f" {_ordinal(least)} line or later"
            )
        elif known is None:
            # (lines before the first recorded, in a number not known: which line this is)
            out.append(
                f"the trial was {_ordinal(pop.line)} line; this patient's line is not known"
                f" exactly (the {_ordinal(least)} or later)"
            )
    readings = {b.name.upper(): b.reading() for b in case.diagnosis.biomarkers}
    for name, wanted in pop.receptors:
        have = readings.get(name.upper(), "not reported")
        if wanted.lower() != "any" and have.lower() != wanted.lower():
            out.append(f"the trial enrolled {name} {wanted}; this patient: {name} {have}")
    if pop.prior_therapy:
        before = [
            f"{ln.label} {' + '.join(ln.regimen.agent_names())}"
            for ln in checked.lines
            if ln.regimen is not line.regimen
            and checked.chrono is not None
            and checked.chrono.start(ln.regimen).lo < checked.chrono.start(line.regimen).lo
        ]
        out.append(
            f"the trial's prior therapy: {pop.prior_therapy}; this patient before:"
            f" {', '.join(before) or 'none'}"
        )
    return tuple(out)


#: words of a trial's disease that name where the cancer is, and the words of a primary site
#: they cover (so "colorectal cancer" covers a "colon (ascending)" primary)
_ORGANS: dict[str, tuple[str, ...]] = {
    "breast": ("breast",),
    "lung": ("lung",),
    "colorectal": ("colon", "colorectal", "rectum", "rectal", "sigmoid", "caecum", "cecum"),
    "colon": ("colon",),
    "rectal": ("rectum", "rectal"),
    "gastric": ("stomach", "gastric", "gastro-oesophageal", "gastroesophageal"),
    "ovarian": ("ovary", "ovarian", "fallopian", "peritoneum", "peritoneal"),
    "pancreatic": ("pancreas", "pancreatic"),
    "prostate": ("prostate",),
    "renal": ("kidney", "renal"),
    "hepatocellular": ("liver", "hepatic"),
    "gist": ("stomach", "gastric", "small intestine", "intestine", "rectum", "oesophagus"),
    "melanoma": ("skin",),
}


def same_disease(trial: Trial, site: str | None) -> bool | None:
    """Whether the trial's disease is a cancer of this primary ``site``: True or False when the
    trial names an organ this module knows and the case gives its site, else None (unknown)."""
    disease = (trial.population.disease or "").lower()
    if not site or not disease:
        return None
    organs = [covered for word, covered in _ORGANS.items() if word in disease.split()]
    if not organs:
        return None
    where = site.lower()
    return any(any(w in where for w in covered) for covered in organs)


def matches(checked: Checked, trials: Iterable[Trial]) -> list[Match]:
    """The arms that match the lines of a checked case, in the order of its lines."""
    if checked.case is None:
        return []
    intervals = {i.name: i for i in checked.intervals}
    out = []
    trials = list(trials)
    for line in checked.lines:
        if line.regimen.intent in ("supportive", "locoregional"):
            continue  # a trial arm is systemic anti-cancer therapy
        agents = set(line.regimen.agent_names())
        for trial in trials:
            if same_disease(trial, checked.case.diagnosis.site) is False:
                continue  # a trial of another cancer is no evidence for this line
            for arm in trial.arms:
                if {a.agent for a in arm.agents} != agents:
                    continue
                name = line.prior.name(line.number) if line.number is not None else None
                out.append(
                    Match(
                        line,
                        trial,
                        arm,
                        tuple(a for a in trial.arms if a is not arm),
                        tuple(c for c in trial.comparisons if arm.id in c.arms),
                        _differences(checked, line, trial),
                        intervals.get(f"PFS {name}") if name else None,
                        intervals.get(f"duration {name}") if name else None,
                    )
                )
    return out
