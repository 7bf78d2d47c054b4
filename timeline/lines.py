"""Derived facts: lines of therapy for advanced disease, and intervals in months.

Line numbering (docs/rules.md explains the choice):

* neoadjuvant and adjuvant regimens are not numbered;
* each ``advanced`` regimen starts the next line, in order of start. A change after
  progression is therefore a new line, also when a drug is only added (paclitaxel →
  paclitaxel + bevacizumab), since the case records it as a new regimen;
* a ``maintenance`` regimen continues the line of the advanced regimen before it (induction
  then maintenance is one line, as in seed case report 003).

Intervals, each with the uncertainty of its two dates (earliest end minus latest start up to
latest end minus earliest start), in months of 30.4375 days:

* DFS: curative surgery → first recurrence (censored at last follow-up);
* PFS of a line: line start → first progression, recurrence or death after it (censored);
* duration of a line: start → end (ongoing lines: → last follow-up, censored);
* duration of response: first CR/PR of a line → the line's progression (censored);
* follow-up / OS: diagnosis → death (or last follow-up, censored).
"""

from __future__ import annotations

from attrs import frozen

from timeline.chronology import Bounds, Chronology
from timeline.model import Case, Death, Event, FollowUp, Regimen, Resistance, Response, Surgery
from timeline.rules import END_WINDOW_AFTER_DAYS, END_WINDOW_BEFORE_DAYS, progression_events

__all__ = ["Interval", "Line", "derive_intervals", "derive_lines"]

_MONTH = 30.4375


@frozen
class Interval:
    """A span between two time points, with its shortest and longest length in days."""

    name: str
    start: Bounds
    end: Bounds
    days: tuple[int, int] | None
    censored: bool = False

    def months(self) -> tuple[float, float] | None:
        """(shortest, longest) in months of 30.4375 days, or None when unbounded."""
        if self.days is None:
            return None
        return max(0, self.days[0]) / _MONTH, max(0, self.days[1]) / _MONTH

    def text(self) -> str:
        m = self.months()
        if m is None:
            return "not computable (a date is open)"
        lo, hi = m
        sign = "≥ " if self.censored else ""
        if hi - lo < 1:
            return f"{sign}{(lo + hi) / 2:.0f} months"
        return f"{sign}{(lo + hi) / 2:.0f} months ({lo:.0f}–{hi:.0f})"

    def as_dict(self) -> dict[str, object]:
        m = self.months()
        return {
            "name": self.name,
            "months_min": None if m is None else round(m[0], 1),
            "months_max": None if m is None else round(m[1], 1),
            "censored": self.censored,
        }


def _point(e: Event | None) -> str:
    if e is None:
        return "diagnosis"
    return f"{e.id}.start" if e.is_span else e.id


def _interval(ch: Chronology, name: str, a: str, b: str, censored: bool = False) -> Interval:
    return Interval(name, ch.bounds(a), ch.bounds(b), ch.difference(a, b), censored)


@frozen
class Line:
    number: int | None
    regimen: Regimen
    start: Bounds
    end: Bounds
    ended_by: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        if self.number is None:
            return self.regimen.intent
        suffix = " maintenance" if self.regimen.intent == "maintenance" else ""
        return f"L{self.number}{suffix}"


def _key(ch: Chronology, e: Event) -> tuple[int, int, int]:
    lo, hi = ch.raw(f"{e.id}.start" if e.is_span else e.id)
    return lo, hi, e.index


def derive_lines(case: Case, ch: Chronology) -> list[Line]:
    regimens = sorted(case.regimens(), key=lambda r: _key(ch, r))
    pds = sorted(progression_events(case), key=lambda e: _key(ch, e))
    resistances = [e for e in case.events if isinstance(e, Resistance)]
    number = 0
    out: list[Line] = []
    for reg in regimens:
        n: int | None
        if reg.intent == "advanced":
            number += 1
            n = number
        elif reg.intent == "maintenance":
            if number == 0:
                number = 1
            n = number
        else:
            n = None
        start, end = ch.start(reg), ch.end(reg)
        out.append(Line(n, reg, start, end, _ended_by(case, ch, reg, pds, resistances)))
    return out


def _ended_by(
    case: Case, ch: Chronology, reg: Regimen, pds: list[Event], res: list[Resistance]
) -> tuple[str, ...]:
    """What caused the change away from this regimen, in the words of the case.

    A declared end reason other than progression is taken as it is; otherwise the first
    progression or recurrence around the end (the window of rule L002) names the cause, with
    any resistance declared with it.
    """
    if reg.ongoing or reg.end is None:
        return ()
    if reg.end_reason not in (None, "progression"):
        return (reg.end_reason.replace("-", " "),) if reg.end_reason != "unknown" else ()
    start_lo = ch.raw(f"{reg.id}.start")[0]
    end_lo, end_hi = ch.raw(f"{reg.id}.end")
    agents = set(reg.agent_names())
    for p in pds:
        plo, phi = ch.raw(p.id)
        if (
            phi >= max(start_lo, end_lo - END_WINDOW_BEFORE_DAYS)
            and plo <= end_hi + END_WINDOW_AFTER_DAYS
        ):
            reasons = ["recurrence" if getattr(p, "type", "") == "recurrence" else "progression"]
            for r in res:
                if r.basis is not None and r.basis.event != p.id:
                    continue
                if r.basis is None and abs(ch.raw(r.id)[0] - plo) > 62:
                    continue
                if r.agent in agents or (
                    r.agent_class
                    and any(
                        e.agent.agent_class == r.agent_class or e.agent.subclass == r.agent_class
                        for e in reg.exposures
                    )
                ):
                    reasons.append(f"resistance to {r.target}")
            return tuple(reasons)
    return ("progression",) if reg.end_reason == "progression" else ()


def derive_intervals(case: Case, ch: Chronology, lines: list[Line]) -> list[Interval]:
    out: list[Interval] = []
    pds = sorted(progression_events(case), key=lambda e: _key(ch, e))
    death = next((e for e in case.events if isinstance(e, Death)), None)
    follow = next((e for e in case.events if isinstance(e, FollowUp)), None)
    last_event = death or follow
    last = _point(last_event) if last_event else None

    surgeries = sorted(
        (e for e in case.events if isinstance(e, Surgery) and e.curative), key=lambda e: _key(ch, e)
    )
    if surgeries:
        curative = surgeries[0]
        s_lo = ch.raw(curative.id)[0]
        recurrence = next(
            (p for p in pds if getattr(p, "type", "") == "recurrence" and ch.raw(p.id)[1] >= s_lo),
            None,
        )
        if recurrence is not None:
            out.append(_interval(ch, "DFS", curative.id, recurrence.id))
        elif last is not None:
            out.append(_interval(ch, "DFS", curative.id, last, censored=True))

    numbered = [ln for ln in lines if ln.number is not None]
    for number in sorted({ln.number for ln in numbered if ln.number is not None}):
        group = [ln for ln in numbered if ln.number == number]
        first, final = group[0].regimen, group[-1].regimen
        start = f"{first.id}.start"
        s_lo = ch.raw(start)[0]
        after = [p for p in pds if ch.raw(p.id)[0] > s_lo]
        progression = after[0] if after else None
        name = f"L{number}"
        if progression is not None:
            out.append(_interval(ch, f"PFS {name}", start, progression.id))
        elif death is not None:
            out.append(_interval(ch, f"PFS {name}", start, death.id))
        elif last is not None:
            out.append(_interval(ch, f"PFS {name}", start, last, censored=True))
        if final.ongoing and last is not None:
            out.append(_interval(ch, f"duration {name}", start, last, censored=True))
        elif final.end is not None:
            out.append(_interval(ch, f"duration {name}", start, f"{final.id}.end"))
        responses = [
            r
            for r in case.events
            if isinstance(r, Response)
            and r.category in ("CR", "PR")
            and ch.raw(r.id)[0] >= s_lo
            and (progression is None or ch.raw(r.id)[0] <= ch.raw(progression.id)[1])
        ]
        if responses:
            first_response = min(responses, key=lambda r: _key(ch, r))
            if progression is not None:
                out.append(_interval(ch, f"response {name}", first_response.id, progression.id))
            elif last is not None:
                out.append(
                    _interval(ch, f"response {name}", first_response.id, last, censored=True)
                )
    if death is not None:
        out.append(_interval(ch, "OS", "diagnosis", death.id))
    elif last is not None:
        out.append(_interval(ch, "follow-up", "diagnosis", last, censored=True))
    return out
