"""Derived facts: lines of therapy for advanced disease, and intervals in months.

Line numbering (docs/rules.md explains the choice):

* neoadjuvant and adjuvant regimens are not numbered;
* each ``advanced`` regimen starts the next line, in order of start. A change after
  progression is therefore a new line, also when a drug is only added (paclitaxel →
  paclitaxel + bevacizumab), since the case records it as a new regimen;
* a ``consolidation`` or ``maintenance`` regimen continues the line of the advanced regimen
  before it (induction then maintenance is one line, as in seed case report 003; induction,
  high-dose therapy with stem-cell transplant, consolidation and maintenance planned in
  sequence are one line, as the International Myeloma Workshop counts lines).

Intervals (each defined in docs/rules.md, "Intervals") are measured on the plausible schedule
(:mod:`timeline.schedule`), with the range every reading of the dates allows: the shortest and
longest distance between the two points in the case's temporal network. Months are mean
Gregorian months of 30.436875 days.

* DFS: curative surgery → first recurrence or death (censored at the last follow-up if it says
  the state of the disease, else at the last assessment); a DFI for every later disease-free
  period (after a metastasectomy);
* PFS of a line: line start → first progression, recurrence or death on or after it; censored
  at the start of the next line when none comes first, else at the last follow-up;
* duration of a line: start → end (ongoing lines: → last follow-up, censored);
* duration of response: first CR/PR during the line → the line's progression (censored);
* treatment-free intervals: time off all anti-cancer therapy, between therapies and after the
  last one;
* follow-up / OS: diagnosis → death (or last follow-up, censored).
"""

from __future__ import annotations

import datetime
import heapq
import itertools
import math
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence

from attrs import evolve, field, frozen

from timeline.catalogue import class_words
from timeline.chronology import NEG, POS, Bounds, Chronology, dose_change_key
from timeline.constraints import WIDE_WINDOW_DAYS
from timeline.dates import (
    DAYS_PER_MONTH,
    MONTH_SLACK,
    Anchor,
    DateSpec,
    calendar_months,
    month_span,
)
from timeline.model import (
    NO_PRIOR_LINES,
    REGIONAL_ROUTES,
    Case,
    Death,
    Event,
    Exposure,
    FollowUp,
    Imaging,
    PriorLines,
    Radiotherapy,
    Regimen,
    Resistance,
    Response,
    SecondPrimary,
    Surgery,
    Transplant,
)
from timeline.queries import (
    END_WINDOW_AFTER_DAYS,
    END_WINDOW_BEFORE_DAYS,
    INFERRED,
    RADIOTHERAPY_LONGEST_DAYS,
    RESISTANCE_NEAR_DAYS,
    RESPONSE_WINDOW_DAYS,
    answered_by,
    answered_earlier,
    end_key,
    ended_in_window,
    in_order,
    point_key,
    progression_events,
    regimens_by_start,
    start_key,
    timing_tells,
)
from timeline.schedule import Schedule, after_cycles, at_text, end_by_order, since, when_text
from timeline.values import value_repr

__all__ = [
    "DEFINITIONS",
    "MIN_TREATMENT_FREE_DAYS",
    "Cause",
    "Interval",
    "TherapyLine",
    "agents_begun_after",
    "agents_in_time",
    "cycles_text",
    "derive_intervals",
    "derive_lines",
    "regimen_summary",
]


#: intents that continue the line of the regimen before them rather than start one
_CONTINUING = ("consolidation", "maintenance")
#: primary treatment: not a line, and a maintenance straight after it continues it
_PRIMARY = ("neoadjuvant", "adjuvant", "definitive")


#: a range of months wider than this, and than the plausible length, leads the text
_WIDE_RANGE_MONTHS = 12


def _weeks(n: object) -> str:
    """ "1 week", "3 weeks", "0 weeks": a number of weeks in words."""
    return f"{n} week" if str(n) == "1" else f"{n} weeks"


def _point_name(key: str) -> str:
    """A point in words, by its event: "the start of 'folfox'", "'last-follow-up'" (an agent's
    own date, "regimen.agent.start", is named by its regimen)."""
    event, part = key.partition(".")[0], key.rpartition(".")[2]
    return f"the {part} of '{event}'" if part in ("start", "end") else f"'{event}'"


def _down(x: float, slack: float = 1e-9) -> int:
    """A least length in whole units, rounded down: "≥ 4 months" for 4.8, never "≥ 5"."""
    return math.floor(x + slack)


def _up(x: float, slack: float = 1e-9) -> int:
    """A greatest length in whole units, rounded up, so a range never looks narrower."""
    return math.ceil(x - slack)


def month_range(lo: float, hi: float) -> tuple[int, int]:
    """A range of months in whole months, widened outward (rounded down, then up with
    :data:`~timeline.dates.MONTH_SLACK`), as an interval's text says it."""
    return _down(lo, MONTH_SLACK), _up(hi, MONTH_SLACK)


#: the window of a point with no date at all
_UNBOUNDED = Bounds(NEG, POS)

#: the intervals measured from the end of a therapy (its first point is that end)
_FROM_AN_END = frozenset({"TFI", "PFI"})


@frozen(repr=False)
class Interval:
    """A span between two time points: its plausible length and its shortest and longest
    length in days, and what it measures."""

    __repr__ = value_repr

    name: str
    start: Bounds
    end: Bounds
    days: tuple[int, int] | None
    censored: bool = False
    #: the length on the plausible schedule, in days
    plausible: int | None = None
    #: what the interval measures, in words (docs/rules.md gives each definition)
    definition: str = ""
    kind: str = ""
    #: the keys of the two points it is measured between
    start_key: str = ""
    end_key: str = ""
    #: False for a line whose end the case does not report: only its least length is known
    end_reported: bool = True
    #: with ``end_reported`` False: the case says the line ended, but dates its end only by
    #: order after cycles of unstated length (not dated, rather than not reported)
    end_undated: bool = False
    #: an end the case gives only by order over years, drawn as not dated
    #: (:func:`~timeline.schedule.end_by_order`): its range is said, with no length as drawn
    by_order: bool = False
    #: in a case told without calendar dates, the windows of its two points counted from the
    #: event the case counts from (the calendar's say nothing there): what names the date
    #: that is open when the length cannot be given
    relative: tuple[Bounds, Bounds] | None = None
    #: the fewest days between the two points when ``days`` is None (an open window on one
    #: side still leaves a least length: "more than 22 months"), else None
    least: int | None = None
    #: the whole calendar months from the latest day of its start to the earliest of its end,
    #: when those two calendar days alone give its least length (None otherwise): 1 January to
    #: after 27 November is 10 months, not the 11 that 10.9 mean months round to (a least
    #: length from months the case states, counted at their fewest days, is rounded to the
    #: month within about four days: "6 months, then 5" is 11)
    calendar_least: int | None = None
    #: what the length makes of the case where the literature names it (a platinum-free
    #: interval of an ovarian cancer: "platinum-resistant (under 6 months)"), else ""
    category: str = ""
    #: why the event that ends it may have come sooner than its end (else ""): a PFS run to
    #: a death after a "no response", which may have been a progression the source does not
    #: date; only its longest length is known
    at_most: str = ""
    #: why the event that ends it may not be on its line at all (else ""): the case does not
    #: put it after the start, and allows it more than six months before; only the length
    #: as drawn is said, as a reading of the plausible schedule
    unordered: str = ""
    #: a PFS run to a death, no progression recorded before it: said so ("PFS L2 10 months"
    #: hid that the source reports no progression on nivolumab, only the death)
    to_death: bool = False
    #: why a length censored on its first day is not known, when something was reported
    #: after that day that does not bound it (else "": "nothing reported after its start")
    unknown_why: str = ""

    def _open(self) -> str:
        """Which of its two dates has an open window, in words: "'last-follow-up' has no
        latest day" ("a date has an open window" named none: a censored PFS "not computable"
        left the curator to find that the last follow-up had no upper bound)."""
        end, start = (self.end, self.start) if self.relative is None else self.relative[::-1]
        sides = ((self.end_key, end), (self.start_key, start))
        # (a date open both ways first: in a case told without calendar dates every date has
        # no earliest day on the calendar, and "'nivolumab-rechallenge' has no earliest day"
        # was said where the end of the radiotherapy before it was not given at all)
        both = [(k, b) for k, b in sides if b.hi >= POS // 2 and b.lo <= NEG // 2]
        for key, b in both or sides:
            late, early = b.hi >= POS // 2, b.lo <= NEG // 2
            if not both and self.least is not None:
                # with a least length, what is open is how long it may last: the end's latest
                # day or the start's earliest ("'surgery' has no earliest day" was said of a
                # PFS whose start, FOLFOX "after the diagnosis", had none)
                late, early = (late, False) if key == self.end_key else (False, early)
            if not key or not (late or early):
                continue
            name = _point_name(key)
            calendar = self.end if key == self.end_key else self.start
            if self.relative is not None and not (late and early):
                # (counted from the event the case counts from, the side is open; on the
                # calendar it may not be: "'last-follow-up' has no latest day" was said of a
                # follow-up before the report's publication, where what is missing is how far
                # it comes from the start of the line)
                bound = calendar.hi if late else calendar.lo
                if NEG // 2 < bound < POS // 2:
                    other_key = self.start_key if key == self.end_key else self.end_key
                    other = "the diagnosis" if other_key == "diagnosis" else _point_name(other_key)
                    said = datetime.date.fromordinal(bound).isoformat()
                    # (with a least length, the far side is the open one)
                    how = (
                        f"how long {'after' if key == self.end_key else 'before'} {other} it comes"
                        if self.least is not None
                        else f"its distance from {other}"
                    )
                    return (
                        f"{name} is no {'later' if late else 'earlier'} than {said}, but nothing"
                        f" bounds {how}"
                    )
            # (open both ways on the calendar, but with a least length from the other date: it
            # is dated, against that date, with no latest day; "'last-follow-up' is not dated"
            # was said of a follow-up 14 months after a resection known only by order)
            side = (
                "is not dated"
                if late and early and self.least is None
                else f"has no {'latest' if late else 'earliest'} day"
            )
            return f"{name} {side}"
        return "a date has an open window"

    def _least_months(self, days: int) -> int:
        """A least length of ``days`` in whole months, as "≥ N months" says it."""
        if self.calendar_least is not None:
            return self.calendar_least
        return _down(max(0, days) / DAYS_PER_MONTH, MONTH_SLACK)

    def months(self) -> tuple[float, float] | None:
        """(shortest, longest) in months of 30.436875 days, or None when unbounded."""
        if self.days is None:
            return None
        return max(0, self.days[0]) / DAYS_PER_MONTH, max(0, self.days[1]) / DAYS_PER_MONTH

    def least_months(self) -> int | None:
        """The whole months it certainly lasts, rounded down (None when nothing bounds it): what
        "≥ N months" may say of a censored interval, whose cut-off may be known only within
        months."""
        value = self.plausible_months()
        if self.days is not None:
            least = self._least_months(self.days[0])
        elif self.least is not None:  # (open on its far side: its least length)
            least = self._least_months(self.least)
        else:
            return None
        return least if value is None else min(least, _down(value, MONTH_SLACK))

    def plausible_months(self) -> float | None:
        """The length on the plausible schedule in months, or None when it has no date."""
        return None if self.plausible is None else max(0, self.plausible) / DAYS_PER_MONTH

    @property
    def measured(self) -> bool:
        """Whether :meth:`text` gives a length at all ("not known (the end is not reported)"
        gives none: nothing in it rests on a date the file infers)."""
        return not self.text().startswith("not ")

    def text(self) -> str:
        """The length in words: "≈ 14 months (range 13–15)", weeks when short; and its
        category, where it has one."""
        said = self._length()
        if self.to_death and not self.at_most and not self.unordered:
            said += " (to the death; no progression reported before it)"
        return f"{said}; {self.category}" if self.category else said

    def _length(self) -> str:
        m = self.months()
        value = self.plausible_months()
        if self.unordered:
            # (a progression of 2001–2017 read as the PFS of a line begun at no stated time
            # in 2001–2024: "0–198 months", as if the line had progressed)
            drawn = (
                ""
                if value is None
                else f"; ≈ {round(value)} month{'' if round(value) == 1 else 's'} as drawn,"
                " if it did"
            )
            return f"not known ({self.unordered}{drawn})"
        if self.at_most:
            # the event may have come on any day before its end: the longest length alone
            if m is None:
                return f"not computable ({self._open()}; {self.at_most})"
            if m[1] < 2:  # (in weeks when short, as the other lengths are said)
                return f"≤ {_weeks(_up(max(0, self.days[1]) / 7))} ({self.at_most})"  # type: ignore[index]
            return f"≤ {_up(m[1], MONTH_SLACK)} months ({self.at_most})"
        if not self.end_reported:
            # the plausible end would only be a guess: the least length is what is known
            said = "dated" if self.end_undated else "reported"
            # (an open window still leaves the least length: 46 cycles take 45 weeks at least)
            least = max(0, self.days[0]) if self.days is not None else max(0, self.least or 0)
            if least < 7:
                return f"not known (the end is not {said})"
            if least < 2 * DAYS_PER_MONTH:
                return f"≥ {_weeks(_down(least / 7))} (the end is not {said})"
            return f"≥ {self._least_months(least)} months (the end is not {said})"
        if m is None:
            # a schedule value inside an open range would only be a guess; the least length
            # is known when the open side is the far one
            if self.least is not None and self.least >= 7:
                # (censored: no event was seen, and it says so as the other lengths do)
                cut = "censored at " if self.censored else ""
                if self.least < 2 * DAYS_PER_MONTH:
                    return f"{cut}≥ {_weeks(_down(self.least / 7))} ({self._open()})"
                return f"{cut}≥ {self._least_months(self.least)} months ({self._open()})"
            return f"not computable ({self._open()})"
        # censored: the length is at least the day it was cut at, which is itself uncertain
        # ("censored at ≈ 8 months (range 0–38)": at least 0 is all that is certain)
        sign = "censored at ≈ " if self.censored else "≈ "
        lo, hi = m
        if value is None:
            value = (lo + hi) / 2
        if hi < 2:  # short intervals read better in weeks
            weeks = (self.plausible if self.plausible is not None else 0) / 7
            dlo, dhi = max(0, self.days[0]), max(0, self.days[1])  # type: ignore[index]
            if self.censored and dhi == 0:
                # cut on its first day: a last follow-up dated as the response itself ("≥ 0
                # weeks" said nothing)
                # (of a response's duration: after the response, not the line's start,
                # which the line's response itself follows)
                after = "the response" if self.kind == "response" else "its start"
                return f"not known ({self.unknown_why or f'nothing reported after {after}'})"
            if dhi == 0 and not self.censored:
                # (a single infusion of CAR-T cells read "duration 0 weeks", as if not given)
                return "a single day" if self.kind == "duration" else "0 days"
            if 0 < dhi < 7:  # and under a week, in days (four doses were "0 weeks")
                said = f"{dlo}" if dlo == dhi or self.censored else f"{dlo}–{dhi}"
                unit = "day" if said == "1" else "days"
                return f"{'≥ ' if self.censored else ''}{said} {unit}"
            wlo, whi = dlo / 7, dhi / 7
            if whi - wlo < 1:
                return f"≥ {_weeks(_down(wlo))}" if self.censored else _weeks(f"{weeks:.0f}")
            if f"{weeks:.0f}" == "0":
                # (its range alone: "censored at ≈ 0 weeks (range 0–3)" said of a line whose
                # only assessment may have come on any of its first three weeks)
                cut = "censored at " if self.censored else ""
                return f"{cut}{_down(wlo)}–{_up(whi)} weeks"
            return f"{sign}{_weeks(f'{weeks:.0f}')} (range {_down(wlo)}–{_up(whi)})"
        unit = "month" if round(value) == 1 else "months"
        if hi - lo < 1:  # (the cut-off of a censored one is known within a month)
            # a whole number of months when the range holds one (a stated "14 months"), else
            # to the tenth (a stated "5.6 months" read "6", or "5" by the schedule's day)
            first, last = math.ceil(round(lo, 1)), math.floor(round(hi, 1))
            whole = min(max(round(value), first), last)
            said = f"{whole}" if first <= last else f"{value:.1f}"
            if self.censored:
                # at least the whole calendar months its least length holds at their fewest
                # days, within the slack of months counted apart: a PFS cut at a follow-up of
                # 5.5–6.2 months was "≥ 6 months" (50 stated months and 30 more, 2,430 days at
                # the fewest, are still "≥ 80")
                fewest = max(0, self.days[0]) if self.days is not None else 0
                n = max(first, 0)
                while n > 0 and month_span(n)[0] > fewest + MONTH_SLACK * DAYS_PER_MONTH:
                    n -= 1
                if self.calendar_least is not None:
                    # (between two days of the calendar: the whole months between them, 6
                    # February to 1 August being 5)
                    n = min(n, self.calendar_least)
                said = f"{n}"
                if first > last and n > lo:
                    # (a range that holds no whole month, to the tenth, rounded down: 21
                    # weeks, seven cycles of three weeks, were "≥ 5 months")
                    said = f"{math.floor(round(lo, 3) * 10) / 10:.1f}"
            unit = "month" if said == "1" else "months"
            return f"{'≥ ' if self.censored else ''}{said} {unit}"
        low, high = month_range(lo, hi)
        span = f"{low}–{high} months"
        least_days = self.days[0] if self.days is not None else 0
        if low == 0 and least_days >= 7:
            # a least length of weeks is said in weeks: "0–24 months" read as a PFS that may
            # have been nil, after four cycles that take three weeks at least
            span = f"{_weeks(_down(least_days / 7))} to {high} months"
        if self.by_order:
            # its plausible end, the window's middle, is not the source's and is not drawn
            cut = "censored at " if self.censored else ""
            # (the therapy's end that a time off therapy starts from, or the line's own end:
            # "the end" of a TFI read as the next therapy's start)
            which = "the end before it" if self.kind in _FROM_AN_END else "the end"
            return f"{cut}{span} ({which} is known only by order)"
        if hi - lo > max(value, _WIDE_RANGE_MONTHS):
            # a range wider than the plausible length itself: that length is where the dates
            # known only by order put it, not what the source says ("censored at ≈ 68 months
            # (range 3–132)" led with a figure the schedule made), so the range leads
            cut = "censored at " if self.censored else ""
            # (with its unit: "2 weeks to 36 months (≈ 7 as drawn)" left it to be guessed)
            months = "month" if f"{value:.0f}" == "1" else "months"
            return f"{cut}{span} (≈ {value:.0f} {months} as drawn)"
        if round(value) == 0:
            # a plausible length under a fortnight is said in weeks or days, its range in
            # months ("≈ 0 months (range 1 week to 5 months)" for a line given a week)
            days = round(value * DAYS_PER_MONTH)
            lead = (
                _weeks(round(days / 7)) if days >= 7 else f"{days} day" + ("" if days == 1 else "s")
            )
            return f"{sign}{lead} (range {span})"
        said = span if low == 0 and least_days >= 7 else span.removesuffix(" months")
        return f"{sign}{value:.0f} {unit} (range {said})"

    def as_dict(self) -> dict[str, object]:
        """The interval as plain data (the ``show --format json`` record)."""
        m = self.months()
        # (none for an end given only by order over years, as the text gives its range alone)
        value = self.plausible_months() if self.end_reported and not self.by_order else None
        if self.at_most:
            value, m = None, None if m is None else (0.0, m[1])
        if self.unordered:
            return {
                "name": self.name,
                "kind": self.kind,
                "months": None,
                "months_min": None,
                "months_max": None,
                "censored": self.censored,
                "definition": self.definition,
                "category": self.category or None,
            }
        if m is not None:
            least: float | None = round(m[0], 1)
        else:  # open on its far side: the least length, when there is one
            least = None if self.least is None else round(max(0, self.least) / DAYS_PER_MONTH, 1)
        if self.censored and self.days is not None and self.days[1] <= 0:
            # cut on its first day, nothing reported after it: "not known", not a length of
            # 0 months (a duration of response "0.0" read as measured)
            value, m = None, None
        return {
            "name": self.name,
            "kind": self.kind,
            "months": None if value is None or m is None else round(value, 1),
            "months_min": least,
            "months_max": None if m is None or not self.end_reported else round(m[1], 1),
            "censored": self.censored,
            "definition": self.definition,
            "category": self.category or None,
        }


def _runs(items: Iterable[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """Names next to each other that share their words (an end, a start), in order, with
    those words: [("a", "x"), ("b", "x"), ("c", "")] → [("x", ["a", "b"]), ("", ["c"])]."""
    runs: list[tuple[str, list[str]]] = []
    for name, words in items:
        if runs and runs[-1][0] == words:
            runs[-1][1].append(name)
        else:
            runs.append((words, [name]))
    return runs


_HOW_MANY = {2: "both ", 3: "all three ", 4: "all four ", 5: "all five ", 6: "all six "}


def _together(n: int) -> str:
    """ "both " or "all three " before what several agents share; nothing for one."""
    return "" if n < 2 else _HOW_MANY.get(n, "all ")


def _cycles(n: int) -> str:
    return f"{n} cycle{'s' if n != 1 else ''}"


def cycles_text(reg: Regimen) -> str:
    """The cycles the case gives a regimen, in words: "6 cycles" (the regimen's, or its
    agents' when each has the same and all begin with it); each agent's when they differ ("paclitaxel 6 cycles,
    bevacizumab 10 cycles"); "" when none is given. The count is the source's ("after 4 cycles
    of R-CHOP"), and was said nowhere but in the length it bounds."""
    if reg.cycles:
        return _cycles(reg.cycles)
    own = [(x.agent.name, x.cycles, x.start_date is None) for x in reg.exposures if x.cycles]
    if not own:
        return ""
    counts = {n for _, n, _ in own}
    if len(own) == len(reg.exposures) and len(counts) == 1 and all(w for *_, w in own):
        return _cycles(own[0][1])
    # (agents begun with the regimen and given the same count are said together, one begun
    # later on its own: AC then docetaxel, four courses each, was "4 cycles", of eight)
    together = [name for name, n, w in own if w and n == own[0][1]] if own[0][2] else []
    said = [f"{' + '.join(together)} {_cycles(own[0][1])}"] if len(together) > 1 else []
    return ", ".join(
        said
        + [
            f"{name} {_cycles(n)}"
            for name, n, _ in own
            if len(together) < 2 or name not in together
        ]
    )


def _spelt_out(reg: Regimen, text: str) -> bool:
    """Whether the regimen's name names each of its agents, by any name the catalogue gives
    it, and ``text`` (its agents in time) says nothing more than their names: "chemoradiation
    (mitomycin C + capecitabine)" needs no "(mitomycin + capecitabine)" after it."""
    name = (reg.name or "").lower()
    agents = {x.agent.name: x.agent for x in reg.exposures}
    plain = " + ".join(agents)
    return text == plain and all(
        any(n.lower() in name for n in (a.name, *a.names)) for a in agents.values()
    )


def regimen_summary(
    reg: Regimen,
    plan: Schedule,
    known_by: int | None = None,
    inferred: Collection[str] = frozenset(),
) -> str:
    """The agents of a regimen as given in time: "letrozole + ribociclib, then palbociclib (from
    ≈ 2018-03-20)" when an agent starts later or stops early within it. ``known_by`` (a day):
    only what is known on that day, as a teaching step tells it (an agent started later, or
    stopped early after it, is not told: "nivolumab (until 2017-09-01, toxicity), then
    nivolumab from 2017-10-01" gave away the step that follows). ``inferred``: the points
    (by the chronology's canonical key) whose dates the file infers, said "(inferred)" (the
    switch to carboplatin, its month read from a figure, was said as the source's)."""

    def mark(exp: Exposure, part: str, text: str) -> str:
        key = plan.chrono.canonical(point_key(exp, part))
        return text + INFERRED if inferred and key in inferred else text

    # (an agent known only by its class is named as often as it stands for a drug)
    first: dict[str, tuple[str, str]] = {}  # each agent given from the start: (name, until)
    later: list[tuple[str, str]] = []  # each agent started later: (name, from when)
    for exp in reg.exposures:
        s, e = plan.start(exp), plan.end(exp)
        if known_by is not None and s is not None and s.day > known_by:
            continue
        # later or earlier by the plausible days, or by the file's own order where the days
        # are one (cisplatin stopped for toxicity at carboplatin's start, "after" the
        # regimen's, every date known only by order: read as a triplet)
        late = _starts_later(reg, exp, plan)
        early = _ends_earlier(reg, exp, plan)
        early = early and (known_by is None or (e is not None and e.day <= known_by))
        name = exp.agent.name
        if sum(x.agent.name == exp.agent.name for x in reg.exposures) > 1 and exp.dose:
            name += f" {exp.dose}"  # the same agent again: say what changed
        if exp.route in REGIONAL_ROUTES:
            # (given into one region: ten intrathecal injections beside R-DHAP read as more
            # systemic chemotherapy, "unspecified chemotherapy")
            name += f" ({exp.route})"
        until = ""
        one_day = early and plan.chrono.difference(
            point_key(exp, "start"), point_key(exp, "end")
        ) == (0, 0)
        if one_day and not late:
            # (a single dose with the regimen's start: "mitomycin (until ≈ 2014-04-29)" read
            # as a course of it)
            until = "on the first day only"
        elif one_day:
            # (and one later: "donor lymphocyte infusion (until a date from month 2) from
            # month 2" for a single infusion)
            until = "once"
        elif early:
            until = f"until {mark(exp, 'end', at_text(when_text(plan.chrono.end(exp), e)))}" + (
                # (a reason not given is not said: "until a date from month 12, unknown" read
                # as a word of the date)
                f", {exp.end_reason.replace('-', ' ')}"
                if exp.end_reason and exp.end_reason != "unknown"
                else ""
            )
        if late:
            named = f"{name} ({until})" if until else name
            later.append((named, mark(exp, "start", since(when_text(plan.chrono.start(exp), s)))))
        else:
            first.setdefault(exp.key if exp.agent.unspecified else f"{name}|{until}", (name, until))
    # agents side by side that stop together, or start together, are said so once:
    # "fluorouracil + epirubicin + cyclophosphamide (all three until ≈ 2008-09-28, …)", not
    # the same date and reason after each of them; a group that stops together is set apart
    # from the agents beside it ("fluorouracil + leucovorin; oxaliplatin + irinotecan (both
    # until …)": with '+' between them, "both" would not say which two)
    runs = _runs(first.values())
    grouped = len(runs) > 1 and any(until and len(names) > 1 for until, names in runs)
    head = ("; " if grouped else " + ").join(
        " + ".join(names) + (f" ({_together(len(names))}{until})" if until else "")
        for until, names in runs
    ) or "(no agent at the start)"
    tail = "".join(f", then {' + '.join(names)} {when}" for when, names in _runs(later))
    text = head + tail
    if reg.name and (text.lower() in reg.name.lower() or _spelt_out(reg, text)):
        return reg.name  # (a name that spells its agents out: they are not said twice)
    if reg.name and reg.name.lower() not in text.lower():
        return f"{reg.name} ({text})"
    return text


def agents_begun_after(
    reg: Regimen, plan: Schedule, known_by: int, inferred: Collection[str] = frozenset()
) -> list[tuple[int, str, str]]:
    """The agents of a regimen begun after the day ``known_by`` (what :func:`regimen_summary`
    leaves out when told that day), each with its plausible start day, its point key and in
    words: "then
    paclitaxel (from ≈ 2011-06-16)". A teaching step after the regimen's tells them; none did,
    and paclitaxel after dose-dense AC, or oxaliplatin after one course of R-DHAP, was on no
    slide. And each hold and resumption of an agent after the regimen's start ("then ibrutinib
    held (arthralgia) from 2021-10-01"), and each change to a dose the source gives ("then
    imatinib dose increased to 200 mg (recurrence) from month 1.8"), which the regimen's own
    step does not tell. (Not told
    for a regimen begun at a deck's last step, whose caption says it as begun.)"""
    out = []
    for exp in reg.exposures:
        s = plan.start(exp)
        if s is None or s.day <= known_by:
            continue
        when = since(when_text(plan.chrono.start(exp), s))
        if inferred and plan.chrono.canonical(point_key(exp, "start")) in inferred:
            when += INFERRED
        name = exp.agent.name + (f" ({exp.route})" if exp.route in REGIONAL_ROUTES else "")
        # (the same agent given before within the regimen: resumed after a hold)
        again = any(
            x is not exp
            and x.agent.name == exp.agent.name
            and (b := plan.start(x)) is not None
            and b.day < s.day
            for x in reg.exposures
        )
        out.append(
            (s.day, point_key(exp, "start"), f"then {name}{' again' if again else ''} {when}")
        )
    # and each hold and resumption after that day ("then ibrutinib held (arthralgia) from …",
    # "then nivolumab resumed …"): a deck told a drug held, if at all, as a toxicity's action,
    # and never that it was given again
    # (from the regimen's start: its own step's words do not tell them)
    begun = plan.start(reg)
    since_start = begun.day if begun is not None else known_by
    # (agents held or resumed together, on one day for one reason, said once: AC held for a
    # caesarean read "then doxorubicin held (delivery) … · then cyclophosphamide held
    # (delivery) …")
    together: dict[tuple[int, str, str, str], list[tuple[str, str]]] = {}
    for exp in reg.exposures:
        name = exp.agent.name
        for n, change in enumerate(exp.dose_changes, 1):
            if (
                change.change not in ("held", "resumed")
                and change.dose is None
                and not change.schedule
            ):
                # (a change of dose is told when the source gives the dose: imatinib raised
                # from 100 to 200 mg a day at a recurrence, the case's decision, was on no
                # slide; a "reduced" with no dose says less than the toxicity that caused it,
                # but one with its new schedule says what was given: "6-8 g daily")
                continue
            key = dose_change_key(exp, n)
            at = plan.point(key)
            if at is None or at.day < since_start:
                continue
            when = since(when_text(plan.chrono.bounds(key), at))
            if inferred and plan.chrono.canonical(key) in inferred:
                when += INFERRED
            why = (
                f" ({change.reason})" if change.reason and change.change not in ("resumed",) else ""
            )
            # (resumed at the dose the source gives: ibrutinib "resumed" said nothing of its
            # restart at 280 mg, which `show` gives)
            what = change.change if change.change == "held" else change.text()
            together.setdefault((at.day, what, why, when), []).append((name, key))
    for (day, what, why, when), named in together.items():
        names = list(dict.fromkeys(name for name, _key in named))
        said = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        out.append((day, named[0][1], f"then {said} {what}{why} {when}"))
    return sorted(out, key=lambda x: x[0])


def agents_in_time(reg: Regimen, plan: Schedule) -> str:
    """The agents of a regimen as given in time, without dates (the name of its line in the
    drawing; :func:`regimen_summary` says when): the agents it began with, then, at each agent
    started within it, the agents given from there: "gemcitabine + cisplatin, then gemcitabine
    + carboplatin" (cisplatin stopped at carboplatin's start), "paclitaxel, then paclitaxel +
    trastuzumab" (trastuzumab added at the second cycle)."""
    later = [exp for exp in reg.exposures if _starts_later(reg, exp, plan)]
    if not later:
        return " + ".join(reg.agent_names())

    def day(exp: Exposure) -> int:
        found = plan.start(exp)
        return found.day if found is not None else 0

    given = [exp for exp in reg.exposures if not any(exp is x for x in later)]
    phases = [given]
    for exp in sorted(later, key=day):  # (stable: file order on one day)
        given = [g for g in given if not _stopped_by(g, exp, plan)] + [exp]
        phases.append(given)

    def names(exps: list[Exposure]) -> str:
        return " + ".join(reg.agent_names(exps)) or "(no agent at the start)"

    # (an agent given again after a break is the same combination: "lenvatinib, then
    # lenvatinib" said nothing the bars do not)
    said = [names(p) for p in phases]
    return ", then ".join(x for i, x in enumerate(said) if i == 0 or x != said[i - 1])


def _ends_earlier(reg: Regimen, exp: Exposure, plan: Schedule) -> bool:
    """Whether an agent with an end of its own stopped before its regimen did: on an earlier
    plausible day, or before it by the file's own order (:func:`_starts_later`'s mirror)."""
    if exp.end_date is None:
        return False
    e, end = plan.end(exp), plan.end(reg)
    if e is not None and end is not None and e.day < end.day:
        return True
    # (by order only when the end is written from another date: every agent's end comes no
    # later than its regimen's, and one dated "2018" like its regimen's is not earlier)
    return bool(exp.end_date.anchors()) and _in_order(
        plan.chrono, point_key(exp, "end"), point_key(reg, "end")
    )


def _stopped_by(given: Exposure, new: Exposure, plan: Schedule) -> bool:
    """Whether an agent given within a regimen stopped no later than another one started."""
    if given.end_date is None:
        return False
    e, s = plan.end(given), plan.start(new)
    if e is not None and s is not None and e.day < s.day:
        return True
    least = plan.chrono.least(point_key(given, "end"), point_key(new, "start"))
    return least is not None and least >= 0


def _starts_later(reg: Regimen, exp: Exposure, plan: Schedule) -> bool:
    """Whether an agent started after its regimen did: on a later plausible day, or after it
    by the file's own order where the days are one (carboplatin started "after" the regimen's
    start, every date known only by order: "gemcitabine + cisplatin + carboplatin" read as a
    triplet)."""
    s, start = plan.start(exp), plan.start(reg)
    if s is not None and start is not None and s.day > start.day:
        return True
    # (by order only when the start is written from another date: two agents given "2016 to
    # 2018" like their regimen were "(no agent at the start), then bicalutamide, then
    # abiraterone")
    return (
        exp.start_date is not None
        and bool(exp.start_date.anchors())
        and _in_order(plan.chrono, point_key(reg, "start"), point_key(exp, "start"))
    )


def _in_order(chrono: Chronology, a: str, b: str) -> bool:
    """Whether point ``b`` comes no earlier than ``a`` by the case's constraints, and is not
    the same day as it (a distance that may be more than none)."""
    least = chrono.least(a, b)
    if least is None or least < 0:
        return False
    found = chrono.difference(a, b)
    return found is None or found[1] > 0


@frozen(repr=False)
class Cause:
    """One reason a regimen gave way: ``what`` is ``progression``, ``recurrence``,
    ``resistance`` (with the agent or class in ``target``) or a declared end reason in words."""

    __repr__ = value_repr

    what: str
    target: str | None = None
    #: the id of the event it was read from (a resistance's), when there is one: a figure cut
    #: before that event does not name it (not part of the cause's value)
    event: str | None = field(default=None, eq=False)
    #: the progression or recurrence it names, when it is one (not part of the cause's value):
    #: another one after the regimen's end is not what ended it
    found_by: str | None = field(default=None, eq=False)

    def text(self) -> str:
        """The cause in words: "progression", "resistance to paclitaxel", "toxicity"."""
        if self.what == "resistance":
            return f"resistance to {class_words(self.target or '?')}"
        return self.what

    def __str__(self) -> str:
        return self.text()


@frozen(repr=False)
class TherapyLine:
    """A regimen with its line number (None for neoadjuvant, adjuvant and supportive care),
    its dates, and the causes of the change away from it."""

    __repr__ = value_repr

    number: int | None
    regimen: Regimen
    start: Bounds
    end: Bounds
    ended_by: tuple[Cause, ...] = ()
    #: the lines before the first one the case records (its ``prior_lines``)
    prior: PriorLines = NO_PRIOR_LINES

    @property
    def known_number(self) -> int | None:
        """The line's number counted from the first line the patient had; None when it is not
        numbered, or the lines before the first recorded are not known exactly."""
        return None if self.number is None else self.prior.known(self.number)

    def causes(self) -> tuple[str, ...]:
        """The causes in words, in order."""
        return tuple(c.text() for c in self.ended_by)

    @property
    def label(self) -> str:
        """ "L2", "L1 maintenance", "L1 consolidation", or the intent of an unnumbered
        regimen."""
        if self.number is None:
            return "intent unknown" if self.regimen.intent == "unknown" else self.regimen.intent
        suffix = f" {self.regimen.intent}" if self.regimen.intent in _CONTINUING else ""
        return f"{self.prior.name(self.number)}{suffix}"


def derive_lines(case: Case, ch: Chronology) -> list[TherapyLine]:
    """Every regimen as a line of therapy, in order of start (numbering in the module text)."""
    # every regimen and local therapy in order: a therapy after which the source does not say
    # what was given (``later_therapy: not-reported``) may hide an unrecorded line, so the
    # lines that start after it are numbered "at least" (L≥3); and a progression after the
    # therapy that followed a regimen began was not what ended that regimen (a TACE before a
    # planned resection was said to have ended for a progression a year after the operation)
    items = in_order(  # (tied windows in the order the case states: `before: ra223.start`)
        ch,
        [
            e
            for e in case.events
            if isinstance(e, (Regimen, Radiotherapy, Transplant))
            or (isinstance(e, Surgery) and e.oncologic)
        ],
        stated=True,
    )
    therapies = [e for e in items if not (isinstance(e, Regimen) and e.intent == "supportive")]
    following = {id(a): b for a, b in itertools.pairwise(therapies)}
    pds = _Progressions(ch, in_order(ch, progression_events(case)))
    by_start = regimens_by_start(ch, case.regimens())
    resistances = _Resistances([e for e in case.events if isinstance(e, Resistance)])
    number = 0
    prior = case.prior_lines
    out: list[TherapyLine] = []
    primary = False  # the therapy before is primary treatment (adjuvant, definitive, ...)
    began: Regimen | None = None  # the first regimen of that primary treatment
    for reg in items:
        if not isinstance(reg, Regimen):
            consolidates = (
                isinstance(reg, Transplant)
                and primary
                and began is not None
                and not _relapse_between(ch, pds.pds, start_key(began), start_key(reg))
            )
            if (
                isinstance(reg, Transplant)
                and number == 0
                and prior.least == 0
                and not consolidates
            ):
                # a transplant follows therapy that brought the disease under control; with no
                # line before it in the case, that therapy is not recorded: the transplant is
                # part of a first line not told, and the lines after it are "at least" (L≥2)
                # (so too after regimens of unknown intent, one of which may have been that
                # line: in an unordered history the number followed the file's order, "L≥1"
                # with the transplant written after them and "L≥2" with it written first)
                # (not after primary treatment with no relapse between: adjuvant ICE, then
                # busulfan-melphalan and an autologous rescue, consolidates that treatment,
                # and the temozolomide given at relapse is the first line, not "L≥2")
                number = 1
                prior = evolve(prior, exact=False)
            if reg.later_therapy == "not-reported":
                prior = evolve(prior, exact=False)
            if isinstance(reg, Transplant) and not consolidates:
                primary = False
            continue
        n: int | None
        if reg.intent == "advanced":
            number += 1
            n = number
        elif reg.intent in _CONTINUING and number == 0 and primary:
            # maintenance after adjuvant or definitive therapy (olaparib after adjuvant
            # carboplatin + paclitaxel; durvalumab after chemoradiation) continues primary
            # treatment, which is not a line
            n = None
        elif reg.intent in _CONTINUING:
            if number == 0:
                number = 1
            n = number
        else:
            # neoadjuvant, adjuvant, definitive and supportive care are not lines, nor is
            # bridging to a cellular therapy (part of the line it bridges to); nor is a
            # regimen of unknown intent numbered, though it may have been one
            n = None
        start, end = ch.start(reg), ch.end(reg)
        causes = _ended_by(ch, reg, pds, resistances, following.get(id(reg)), by_start)
        out.append(TherapyLine(n, reg, start, end, causes, prior))
        if reg.later_therapy == "not-reported" or reg.intent == "unknown":
            prior = evolve(prior, exact=False)
        if reg.intent != "supportive":
            was = primary
            primary = n is None and reg.intent in (*_PRIMARY, *_CONTINUING)
            if primary and not was:
                began = reg
    return out


def _relapse_between(ch: Chronology, pds: Sequence[Event], a: str, b: str) -> bool:
    """Whether the case puts a progression or recurrence after point ``a`` and before point
    ``b`` (a transplant after a relapse is salvage, not the primary treatment's end)."""
    for p in pds:
        key = start_key(p)
        after, before = ch.least(a, key), ch.least(key, b)
        if after is not None and after >= 0 and before is not None and before >= 0:
            return True
    return False


class _Resistances:
    """The resistances of a case, in file order, found by the progression they rest on."""

    def __init__(self, found: list[Resistance]) -> None:
        self._unbased = [i for i, r in enumerate(found) if r.basis is None]
        self._by_basis: dict[str, list[int]] = {}
        for i, r in enumerate(found):
            if r.basis is not None:
                self._by_basis.setdefault(r.basis.event, []).append(i)
        self._all = found

    def of(self, p: Event) -> list[Resistance]:
        """The resistances that may go with progression ``p``: those that rest on it, and
        those that rest on none, in file order."""
        based = self._by_basis.get(p.id, [])
        if not self._unbased:
            return [self._all[i] for i in based]
        return [self._all[i] for i in sorted(based + self._unbased)]


class _Progressions:
    """The progressions and recurrences of a case in the order of their dates (earliest day,
    latest day, file order), and which of them can fall in the window around a regimen's end
    (:func:`~timeline.queries.ended_in_window`): the earliest days are sorted, and a tree of
    the greatest latest day of each stretch finds the next one late enough in log n."""

    def __init__(self, ch: Chronology, pds: list[Event]) -> None:
        self.pds = pds
        self.ch = ch
        self._los = [ch.start(p).lo for p in pds]
        size = 1
        while size < len(pds):
            size *= 2
        self._size = size
        self._most = [NEG - 1] * (2 * size)
        for i, p in enumerate(pds):
            self._most[size + i] = ch.start(p).hi
        for k in range(size - 1, 0, -1):
            self._most[k] = max(self._most[2 * k], self._most[2 * k + 1])

    def _first(self, i: int, stop: int, at_least: int) -> int | None:
        """The first index from ``i`` (before ``stop``) whose latest day is ``at_least``."""
        k = self._size + i
        if i >= stop:
            return None
        # climb while the stretch to the right of k holds nothing late enough
        while self._most[k] < at_least:
            while k & 1:  # a right child: go up until it is a left child
                k >>= 1
                if k == 0:
                    return None
            k += 1  # the next stretch to the right
        while k < self._size:  # go down to its first leaf late enough
            k = 2 * k if self._most[2 * k] >= at_least else 2 * k + 1
        found = k - self._size
        return found if found < stop else None

    def near(self, start: Bounds, end: Bounds) -> Iterator[Event]:
        """The progressions that can fall in the window around the end of a regimen from
        ``start`` to ``end``, in order."""
        stop = bisect_right(self._los, end.hi + END_WINDOW_AFTER_DAYS)
        at_least = max(start.lo, end.lo - END_WINDOW_BEFORE_DAYS)
        i = self._first(0, stop, at_least)
        while i is not None:
            p = self.pds[i]
            if ended_in_window(start, end, self.ch.start(p)):
                yield p
            i = self._first(i + 1, stop, at_least)


def _ended_by(
    ch: Chronology,
    reg: Regimen,
    pds: _Progressions,
    res: _Resistances,
    following: Event | None = None,
    by_start: Mapping[object, Sequence[Regimen]] | None = None,
) -> tuple[Cause, ...]:
    """What caused the change away from this regimen, in the words of the case.

    A declared end reason other than progression is taken as it is; otherwise the progression
    the end is dated on (``end: pd``), else the first progression or recurrence around the end
    (the window of rule L002), names the cause, with
    any resistance declared with it, unless the relations put it after the start of the
    therapy that ``following`` the regimen began once it had ended: the change came before it.
    """
    if reg.ongoing:
        return ()
    if reg.end is None:
        # (no end written, a reason given: the reason alone, as the case says it; infliximab
        # stopped for the progression "during" it said nothing of why in `show`)
        if reg.end_reason in (None, "unknown", "ongoing"):
            return ()
        return (Cause(reg.end_reason.replace("-", " ")),)
    if reg.end_reason not in (None, "progression"):
        return (Cause(reg.end_reason.replace("-", " ")),) if reg.end_reason != "unknown" else ()
    start, end = ch.start(reg), ch.end(reg)
    near = list(pds.near(start, end))
    # the progression the end is written as (`end: pd`: on its very day) is the cause, before
    # any other near the end (a recurrence in the month the regimen began, answered by it)
    ends = end_key(reg)
    begins = start_key(reg)

    def on_it(p: Event) -> bool:
        """Whether the case puts ``p`` after the regimen's start: on it, not in no stated
        order with it (a lung metastasis known only to follow a resection named sorafenib's
        end "recurrence", beside the progression the case puts on sorafenib)."""
        least = ch.least(begins, point_key(p, "start"))
        return least is not None and least >= 0

    near.sort(key=lambda p: (ch.difference(ends, point_key(p, "start")) != (0, 0), not on_it(p)))
    for p in near:
        # (by the fewest days from p to the start: a point known only by order has no most)
        before = ch.least(point_key(p, "start"), start_key(reg))
        if before is not None and before >= 0:
            continue  # the event that came before the regimen (often the one it answered)
        if by_start is not None and answered_earlier(ch, p, reg, by_start):
            continue  # (the one a regimen started no later answered: before this one too)
        if following is not None and _after_the_next(ch, reg, p, following):
            continue
        if reg.end_reason is None and not timing_tells(ch, reg, p):
            continue  # (rule L002 asks why it ended)
        what = "recurrence" if getattr(p, "type", "") == "recurrence" else "progression"
        return (Cause(what, found_by=p.id), *_resistances(ch, reg, p, res))
    return (Cause("progression"),) if reg.end_reason == "progression" else ()


def _after_the_next(ch: Chronology, reg: Regimen, p: Event, following: Event) -> bool:
    """Whether progression ``p`` certainly comes no earlier than the start of ``following``
    (and may come later), a therapy certainly begun once ``reg`` had ended (by the fewest days
    between them)."""
    begun = ch.least(end_key(reg), start_key(following))
    if begun is None or begun < 0:
        return False
    # (no earlier than that start, and not on its very day: a line begun the day of the
    # progression, `start: pd`, still answered it)
    later = ch.least(start_key(following), point_key(p, "start"))
    same = ch.least(point_key(p, "start"), start_key(following))
    return later is not None and later >= 0 and (same is None or same < 0)


def _resistances(ch: Chronology, reg: Regimen, p: Event, res: _Resistances) -> list[Cause]:
    """The resistances declared with progression ``p`` (by ``basis``, else within
    :data:`~timeline.queries.RESISTANCE_NEAR_DAYS` of it) to an agent or class of ``reg``."""
    agents = set(reg.agent_names())
    plo = ch.start(p).lo
    out: list[Cause] = []
    for r in res.of(p):
        if r.basis is not None and r.basis.event != p.id:
            continue
        if r.basis is None and abs(ch.start(r).lo - plo) > RESISTANCE_NEAR_DAYS:
            continue
        if (
            r.agent in agents
            or any(a in agents for a in r.agents)
            or (
                r.agent_class
                and any(
                    r.agent_class in (e.agent.agent_class, e.agent.subclass, e.agent.group)
                    for e in reg.exposures
                )
            )
        ):
            out.append(Cause("resistance", r.target, r.id))
    return out


#: gaps between therapies shorter than this are not reported as treatment-free intervals
MIN_TREATMENT_FREE_DAYS = 14

DEFINITIONS = {
    "DFS": "curative surgery to the first recurrence or death from any cause (censored at the"
    " last follow-up if it says the state of the disease, else at the last assessment)",
    "DFI": "a later curative surgery to the next recurrence (censored at death, or at the last"
    " follow-up if it says the state of the disease, else at the last assessment)",
    "PFS": "start of the line to the first progression, recurrence or death on or after it;"
    " censored at the start of new anti-cancer treatment (the next line, or an operation,"
    " radiotherapy, other regimen or a second primary cancer not said to be untreated, after"
    " the line ended), or, when none comes first, at the last follow-up if it says the state of"
    " the disease or the line goes on at it, else at the last response or imaging on or after"
    " the line's start (at the start when there is none); a line of no response (or ended"
    " for no response) is censored at its last response or imaging before the next line, not"
    " at that line's start; run to a death after a no response"
    " on the line (or its end for no response), only its longest length is known; not known"
    " when the case does not put the progression after the line's start",
    "duration": "start to end of the line (ongoing: to the last follow-up, censored)",
    "response": "first CR or PR during the line to the line's progression, or death before"
    " the next line (censored at the next line, or at the last follow-up if it says the state"
    " of the disease or the line goes on at it, else at the last assessment)",
    "TFI": "time off all anti-cancer therapy (every agent, radiotherapy, cancer surgery), from the"
    " end of one to the start of the next, or to death, or to the last follow-up (censored), or"
    " to a second"
    " primary cancer, whose treatment is not dated (censored); only a gap that"
    " lasts at least two weeks under every reading of the dates, and not the time from an"
    " operation to the therapy that follows it",
    "PFI": "platinum-free interval: from the end of a course of a platinum compound (cisplatin,"
    " carboplatin, oxaliplatin) to the first progression or recurrence after it; censored at the"
    " start of the next numbered line when that comes first, or at the last follow-up when it"
    " says the state of the disease (else at the last assessment after the course), or death"
    " (maintenance continues its line and counts in it); none for a course followed by another"
    " platinum course before that progression, for one the disease progressed during, or for"
    " one whose end the case does not report or gives only by its order (before the recurrence),"
    " unless its distance to the progression is stated or the dates hold the interval within a"
    " month",
    "follow-up": "diagnosis to the last follow-up (censored)",
    "OS": "diagnosis to death",
}

#: the primary sites whose platinum-free interval is read as platinum sensitivity: epithelial
#: ovarian, fallopian-tube and primary peritoneal cancer, treated as one disease
_PLATINUM_CATEGORY_SITES = ("ovar", "fallopian", "peritone")


def platinum_category(months: tuple[float, float]) -> str:
    """The platinum sensitivity a platinum-free interval of ``months`` (least, most) that ends
    at a progression or recurrence gives: under 6 months resistant, 6 to 12 partially
    sensitive, over 12 sensitive (the cut-offs reviewed by Davis, Tinker and Friedlander,
    Gynecol Oncol 2014;133:624-31). Every category its range allows, with the cut-off it
    crosses."""
    lo, hi = months
    found = []
    if lo < 6.0:
        found.append(("platinum-resistant", "under 6 months"))
    if hi >= 6.0 and lo <= 12.0:
        found.append(("partially platinum-sensitive", "6–12 months"))
    if hi > 12.0:
        found.append(("platinum-sensitive", "over 12 months"))
    if len(found) == 1:
        return f"{found[0][0]} ({found[0][1]})"
    crossed = " and ".join(c for c, at in (("6", 6.0), ("12", 12.0)) if lo < at <= hi)
    names = [name for name, _ in found]
    return f"{', '.join(names[:-1])} or {names[-1]} (the range crosses {crossed} months)"


def _point_of(e: Event | None) -> str:
    """The key of an event's (start) point; no event stands for the diagnosis."""
    return "diagnosis" if e is None else start_key(e)


def derive_intervals(
    case: Case, ch: Chronology, lines: list[TherapyLine], plan: Schedule
) -> list[Interval]:
    """Every interval of the case, measured on the plausible schedule ``plan``."""
    return _Intervals(case, ch, lines, plan).all()


class _Intervals:
    def __init__(
        self, case: Case, ch: Chronology, lines: list[TherapyLine], plan: Schedule
    ) -> None:
        self.case, self.ch, self.lines, self.plan = case, ch, lines, plan
        #: the agents written with an id of their own (a key without "."), by it
        #: (:meth:`_by_order_only`)
        self._exposures = {
            x.key: x for r in case.regimens() for x in r.exposures if "." not in x.key
        }
        #: the ends given only by order over years (:meth:`_from_end`), when asked
        self._by_order_ends: set[str] | None = None
        #: the points dated cycles of unstated length after another (:meth:`_cycles_given`)
        self._cycle_points: list[tuple[str, str, int]] | None = None
        self.death = next((e for e in case.events if isinstance(e, Death)), None)
        follow = next((e for e in case.events if isinstance(e, FollowUp)), None)
        last_event = self.death or follow
        self.last = _point_of(last_event) if last_event else None
        #: whether the last follow-up says the state of the disease (with disease, none, or
        #: free of progression)
        self.follow_tells = follow is not None and follow.status in (
            "alive-ned",
            "alive-with-disease",
            "alive-progression-free",
        )
        self.pds = sorted(
            (p for p in progression_events(case) if self.day(_point_of(p)) is not None),
            key=self.plan.order,
        )
        #: the plausible day of each of ``pds``, in the same order
        self.pd_days = [self.day(_point_of(p)) or 0 for p in self.pds]
        #: the CR and PR responses on the schedule, by (day, place in the file)
        self.responses = sorted(
            (d, r.index, r)
            for r in case.events
            if isinstance(r, Response)
            and r.category in ("CR", "PR")
            and (d := self.day(r.id)) is not None
        )
        self.response_days = [d for d, _, _ in self.responses]
        #: anti-cancer treatments that are not numbered lines (an operation, radiotherapy, a
        #: regimen of another intent), by (plausible day of the start, start key): the new
        #: treatment a line's PFS is censored at when it comes after the line ended
        self.other_treatments = sorted(
            (d, start_key(e))
            for e in case.events
            if (
                # (not a course or an operation the source plans as part of a line:
                # consolidation radiotherapy after a lymphoma's methotrexate cut its PFS at
                # 0–20 months, the resection of a germ-cell tumour's residual mass after BEP
                # at 0–15)
                (
                    isinstance(e, Surgery)
                    and e.oncologic
                    and not isinstance(case.event(e.part_of or ""), Regimen)
                )
                or (
                    isinstance(e, Radiotherapy)
                    and not isinstance(case.event(e.part_of or ""), Regimen)
                )
                or (
                    isinstance(e, Regimen)
                    and e.intent
                    in (
                        "neoadjuvant",
                        "adjuvant",
                        "definitive",
                        "locoregional",
                        "bridging",
                        "unknown",
                    )
                )
                # a second cancer not said to have gone untreated: its treatment, undated,
                # followed its diagnosis
                or (isinstance(e, SecondPrimary) and not e.untreated)
            )
            and (d := self.day(start_key(e))) is not None
        )
        self.other_days = [d for d, _ in self.other_treatments]
        #: transplants, by (plausible day, start key): the new treatment after a line that
        #: stopped for no response (a transplant after a line that worked consolidates it)
        self.transplants = sorted(
            (d, start_key(e))
            for e in case.events
            if isinstance(e, Transplant) and (d := self.day(start_key(e))) is not None
        )
        # the lines of each number, and the first line (in order) numbered above each
        self.numbered: dict[int, list[TherapyLine]] = {}
        first_at: dict[int, int] = {}
        for i, ln in enumerate(lines):
            if ln.number is not None:
                self.numbered.setdefault(ln.number, []).append(ln)
                first_at.setdefault(ln.number, i)
        self.next_line: dict[int, TherapyLine] = {}
        soonest: int | None = None
        for number in sorted(first_at, reverse=True):
            if soonest is not None:
                self.next_line[number] = lines[soonest]
            soonest = first_at[number] if soonest is None else min(soonest, first_at[number])

    def day(self, key: str) -> int | None:
        found = self.plan.point(key)
        return None if found is None else found.day

    def _by_order_only(self, spec: DateSpec | None) -> bool:
        """Whether a date is given only by its order, itself or through the point it is written
        as (``end: maintenance.start``, that start known only to follow the induction's): an
        EDP course ending where order-only maintenance began had a "PFI 0–23 months")."""
        for _ in range(16):  # (a chain of points written as points; a cycle is an error)
            if spec is None:
                return False
            if spec.by_order_only:
                return True
            on = spec.on
            if spec.kind != "on" or not isinstance(on, Anchor) or spec.offset is not None:
                return False
            event = self.case.event(on.event)
            if event is None:
                # (or an agent's own point, by its id: cisplatin "until the end of ESHAP's
                # etoposide", itself known only to come before BEACOPP, had a "PFI ≥ 10
                # months" from a day the case does not give)
                exposure = self._exposures.get(on.event)
                if exposure is None:
                    return False
                spec = exposure.end_date if on.part == "end" else exposure.start_date
                continue
            spec = event.end if on.part == "end" and event.is_span else event.start
        return False

    def interval(
        self,
        name: str,
        kind: str,
        a: str,
        b: str,
        censored: bool = False,
        most: int | None = None,
    ) -> Interval:
        """The interval from point ``a`` to point ``b``; ``most``: the most days it can last
        under what it says of the case (a time off therapy has no therapy begun within it)."""
        da, db = self.day(a), self.day(b)
        plausible = None if da is None or db is None else db - da
        days = self.ch.difference(a, b)
        if days is not None and most is not None:
            days = (days[0], max(days[0], min(days[1], most)))
        least = self.ch.least(a, b) if days is None else None
        start, end = self.ch.bounds(a), self.ch.bounds(b)
        fewest = days[0] if days is not None else least
        calendar = None
        if (
            not self.plan.relative
            and fewest is not None
            and start.hi < POS // 2
            and end.lo > NEG // 2
            and fewest == end.lo - start.hi
        ):
            # (the least length is the span between two days of the calendar)
            calendar = calendar_months(start.hi, end.lo)
        relative = None
        if self.plan.relative:
            pa, pb = self.plan.point(a), self.plan.point(b)
            if pa is not None or pb is not None:
                # (a point with no plausible day, such as a diagnosis the case does not date,
                # is open both ways: "'last-follow-up' is not dated" was said of a follow-up
                # five months after a start, where it was the diagnosis that had no date)
                relative = (
                    pa.window if pa is not None else _UNBOUNDED,
                    pb.window if pb is not None else _UNBOUNDED,
                )
        return Interval(
            name,
            start,
            end,
            days,
            censored,
            plausible,
            DEFINITIONS[kind],
            kind,
            a,
            b,
            least=least,
            calendar_least=calendar,
            relative=relative,
        )

    def all(self) -> list[Interval]:
        out = self.disease_free()
        for number in sorted(self.numbered):
            out.extend(self.line(number))
        out.extend(self.treatment_free())
        out.extend(self.platinum_free())
        if self.death is not None:
            out.append(self.interval("OS", "OS", "diagnosis", self.death.id))
        elif self.last is not None:
            out.append(self.interval("follow-up", "follow-up", "diagnosis", self.last, True))
        return out

    def disease_free(self) -> list[Interval]:
        """DFS after the first curative surgery (to a recurrence, a progression or death), a
        DFI after every later one that came after a recurrence (a metastasectomy; to the next
        recurrence, death censoring it)."""
        out: list[Interval] = []
        surgeries = sorted(
            (e for e in self.case.events if isinstance(e, Surgery) and e.curative and e.oncologic),
            key=self.plan.order,
        )
        previous_end: int | None = None
        for surgery in surgeries:
            day = self.day(surgery.id)
            if day is None or (previous_end is not None and day < previous_end):
                continue  # a second operation within the same disease-free period
            recurrence = next(
                (
                    p
                    for p in self.pds
                    if getattr(p, "type", "") in ("recurrence", "progression")
                    and self._after(p.id, surgery.id, day)
                ),
                None,
            )
            kind = "DFS" if not out else "DFI"
            name = "DFS" if not out else f"DFI after {surgery.label()}"
            death_day = self.day(self.death.id) if self.death is not None else None
            if recurrence is not None:
                out.append(self.interval(name, kind, surgery.id, recurrence.id))
                previous_end = self.day(recurrence.id)
            elif kind == "DFS" and self.death is not None and (death_day or 0) > day:
                # DFS counts death from any cause as an event; a DFI counts recurrences only
                out.append(self.interval(name, kind, surgery.id, self.death.id))
                break
            elif self.last is not None:
                # censored as a PFS is (:meth:`_censored_at`): at a last follow-up that says
                # the state of the disease, else at the last assessment after the operation,
                # else at the operation ("DFS ≈ 5 months" ran to a follow-up whose status was
                # not reported, after a complete pathological response on the operation day)
                cut = (
                    self.last
                    if self.follow_tells or self.death is not None
                    else self._assessed_after(surgery.id, day) or surgery.id
                )
                out.append(self.interval(name, kind, surgery.id, cut, True))
                break
            else:
                break
        return out

    def _after(self, key: str, since: str, day: int) -> bool:
        """Whether the point ``key`` comes after ``since`` (plausible on ``day``): on a later
        plausible day, or on the same one and put after it by the relations (a recurrence
        known only to follow an operation, both in the zone of dates known only by order,
        shares its day: DFS was measured to the next recurrence, years on)."""
        at = self.day(key) or 0
        if at != day:
            return at > day
        least = self.ch.least(since, key)
        return least is not None and least >= 0 and self.ch.least(key, since) != 0

    def line(self, number: int) -> list[Interval]:
        """PFS, duration and duration of response of line ``number``."""
        group = self.numbered[number]
        later = [self.next_line[number]] if number in self.next_line else []
        span = _LineSpan(self, group[0].regimen, group[-1].regimen, later)
        if span.s_day is None:
            return []
        name = group[0].prior.name(number)
        found = [self.pfs(span, name), self.duration(span, name), self.response(span, name)]
        return [i for i in found if i is not None]

    def pfs(self, span: _LineSpan, name: str) -> Interval | None:
        """Line start to the first progression or death before the next line, else censored
        at the next line's start or the last follow-up."""
        if span.progressed():
            assert span.progression is not None
            found = self.interval(f"PFS {name}", "PFS", span.start, span.progression.id)
            fewest = found.days[0] if found.days is not None else found.least
            if fewest is not None and fewest < -WIDE_WINDOW_DAYS:
                # the case does not put the progression after the line's start, and allows it
                # months before: the schedule's order alone made it this line's
                return evolve(
                    found,
                    unordered=f"the case does not say whether {span.progression.id!r} came"
                    f" after the start of {span.first.id!r}",
                )
            final = span.final
            pd_key, end = _point_of(span.progression), end_key(final)
            if (
                final.later_therapy == "not-reported"
                # (a line that ended: one whose end the case does not report may have gone on
                # to the progression, "on axitinib")
                and (final.end_reported or final.end_undated)
                # (the fewest days the case puts the progression after the line's end; where
                # it relates them neither way, the case does not say)
                and (
                    (
                        (past := self.ch.least(end, pd_key)) is not None
                        and past > END_WINDOW_AFTER_DAYS
                    )
                    or (past is None and self.ch.least(pd_key, end) is None)
                )
            ):
                # what followed the line is not reported, and the progression may come more
                # than the restaging after its end: a therapy the source leaves out may have
                # come first, and the PFS been censored there ("PFS L1 ≥ 5 weeks" to a
                # relapse known only by order after R-CHOP, the source saying nothing between
                # them)
                return evolve(
                    found,
                    at_most=f"what followed {final.id!r} is not reported: another therapy may"
                    f" have come before {span.progression.id!r}",
                )
            return found
        if self.death is not None and (
            span.n_day is None or (self.day(self.death.id) or 0) <= span.n_day
        ):
            found = self.interval(f"PFS {name}", "PFS", span.start, self.death.id)
            doubt = self._may_have_progressed(span)
            return evolve(found, at_most=doubt) if doubt else evolve(found, to_death=True)
        if span.next_start is not None:
            if self._may_have_progressed(span, span.n_day):
                # a line the source says did not respond (stable or progressing, it does not
                # say which) is censored at its last assessment of the disease before the next
                # line, not at that line's start: "censored at ≈ 6 months" of a chemotherapy
                # "to which the tumor showed resistance" claimed months without progression
                # (FDA, 2018: censored at the last adequate assessment)
                seen = (
                    self._assessed_after(span.start, span.s_day, span.n_day, span.next_start)
                    or span.start
                )
                found = self.interval(f"PFS {name}", "PFS", span.start, seen, censored=True)
                return evolve(
                    found,
                    unknown_why="no response: stable or progressing, the source not saying"
                    " which, and no assessment before it",
                )
            return self.interval(f"PFS {name}", "PFS", span.start, span.next_start, censored=True)
        cut = self._censored_at(span)
        if cut is None:
            return None
        return self.interval(f"PFS {name}", "PFS", span.start, cut, censored=True)

    def _may_have_progressed(self, span: _LineSpan, until: int | None = None) -> str:
        """Why a line with no progression recorded may still have progressed before the
        death its PFS is run to ("" when nothing says so): a response of no response (SD or
        PD, the source not saying which) on it, or its end for no response. A PFS "≈ 23
        months" to the death was said of a line the source called refractory, as if the
        disease had been held for those months."""
        death_day = self.day(self.death.id) if self.death is not None else None
        if until is not None:  # (or before the next line's start, that day)
            death_day = until
        for e in self.case.events:
            if not (isinstance(e, Response) and e.category == "NR"):
                continue
            day = self.day(e.id)
            if day is None or span.s_day is None or day < span.s_day:
                continue
            if death_day is not None and day > death_day:
                continue
            if self._known_before(e.id, span.start):
                continue
            return f"to the death: the no response {e.id!r} may have been a progression"
        if span.final.end_reason == "no-response":
            return "to the death: it stopped for no response, perhaps a progression"
        return ""

    def _censored_at(self, span: _LineSpan) -> str | None:
        """Where a line with no progression, death or next line is censored: at the last
        follow-up when it says the state of the disease (alive with disease, or with none) or
        the line goes on at it; else at the last assessment of the disease on or after the
        line's start (a response, not NE nor NR, or imaging); else, after a follow-up that
        says nothing of the disease, at the line's start ("not known (nothing reported after
        its start)"). The FDA's rule for a patient without progression: censored at the last
        adequate assessment, at the start when there is none (*Clinical Trial Endpoints for
        the Approval of Cancer Drugs and Biologics*, 2018). A PFS censored at a follow-up
        whose status was `unknown`, months after the last word of the disease, claimed those
        months free of progression. None: no follow-up and no assessment."""
        if self.last is not None and (self.follow_tells or span.final.ongoing):
            return self.last
        seen = self._last_assessment(span)
        if seen is not None:
            return seen
        return span.start if self.last is not None else None

    def _last_assessment(self, span: _LineSpan) -> str | None:
        """The last response or imaging the schedule puts on or after the line's start and
        the case does not put before it (None: none). Not an assessment that could not be
        evaluated (NE) nor one of no response (NR: stable or progressing): neither says the
        disease had not progressed by then, as a PFS censored there would."""
        return None if span.s_day is None else self._assessed_after(span.start, span.s_day)

    def _assessed_after(
        self, key: str, day: int | None, until: int | None = None, next_key: str | None = None
    ) -> str | None:
        """The last response (not NE nor NR) or imaging the schedule puts on or after
        ``day`` (and no later than ``until``) and the case does not put before the point
        ``key``, nor at or after the point ``next_key`` (None: none): a partial response
        known only to follow the next line's start, on its day in the schedule, was taken
        for the last assessment of the line before it."""
        if day is None:
            return None
        found: tuple[int, int, str] | None = None
        for e in self.case.events:
            if not isinstance(e, Response | Imaging) or (
                isinstance(e, Response) and e.category in ("NE", "NR")
            ):
                continue
            at = point_key(e, "start")
            seen = self.day(at)
            if seen is None or seen < day or self._known_before(at, key):
                continue
            if until is not None and seen > until:
                continue
            if next_key is not None and (
                (gap := self.ch.least(next_key, at)) is not None and gap >= 0
            ):
                continue
            if found is None or (seen, e.index) > found[:2]:
                found = (seen, e.index, at)
        return None if found is None else found[2]

    def duration(self, span: _LineSpan, name: str) -> Interval | None:
        """Start to end of the line; an ongoing line to the last follow-up, censored."""
        final = span.final
        if final.ongoing and self.last is not None:
            return self.interval(f"duration {name}", "duration", span.start, self.last, True)
        if final.end is not None or self.day(end_key(final)) is not None:
            found = self.interval(f"duration {name}", "duration", span.start, end_key(final))
            if not final.end_reported:
                found = evolve(found, end_reported=False, end_undated=final.end_undated)
                # (at least as long as the cycles the case dates an event after: a complete
                # response "after 15 courses" of a checkpoint inhibitor whose end is not
                # reported said "not known", the fifteen courses given said nowhere)
                given = self._cycles_given(span.start)
                if given is not None and found.days is not None and given[0] > found.days[0]:
                    found = evolve(
                        found, days=(given[0], max(given[0], found.days[1])), calendar_least=None
                    )
                elif given is not None and found.days is None and given[0] > (found.least or 0):
                    found = evolve(found, least=given[0], calendar_least=None)
                return found
            if end_by_order(self.ch, self.plan, final):
                # (drawn as an end not dated: its plausible length is no length "as drawn")
                return evolve(found, by_order=True)
            return found
        given = self._cycles_given(span.start)
        if given is not None and not final.ongoing:
            # (no end written at all: its least length is what those cycles take)
            found = self.interval(f"duration {name}", "duration", span.start, given[1])
            return evolve(found, end_reported=False)
        return None

    def _cycles_given(self, start: str) -> tuple[int, str] | None:
        """The fewest days from a line's start to the last point the case dates cycles of
        unstated length after it (:func:`~timeline.schedule.after_cycles`), and that point:
        cycles counted are cycles given. None when the case dates none so."""
        if self._cycle_points is None:
            self._cycle_points = list(after_cycles(self.ch))
        own = self.ch.canonical(start)
        found = [
            (least, key)
            for key, origin, _n in self._cycle_points
            if origin == own and key != own and (least := self.ch.least(start, key)) is not None
        ]
        return max(found) if found else None

    def response(self, span: _LineSpan, name: str) -> Interval | None:
        """The first CR or PR during the line to the line's progression, else censored at the
        next line's start or the last follow-up."""
        assert span.s_day is not None
        # during the line: to its end and the restaging after it (RESPONSE_WINDOW_DAYS, as the
        # rules have it), its progression or the next line; an end the case does not date is
        # placed at its least length, and bounds the line by the latest day it can be
        known = [
            d for d in (self._response_reach(span.final), span.n_day, span.p_day) if d is not None
        ]
        stop = min(known) if known else None
        i = bisect_left(self.response_days, span.s_day)
        # a response the case puts after the next line's start (not on its day) is the next
        # line's, though the schedule puts both on one day ("{after: 'T-DXd'}")
        # (only those on or before the line's last day are asked about: the rest are not its
        # own anyway, and asking about each would cost every line the whole rest of the case)
        # and one the case puts before the line's start is an earlier line's, though the
        # schedule puts it on the start's day (a PR, a CR and the relapse after them, each
        # known only to follow the one before, all on the day the salvage line began)
        while (
            i < len(self.responses)
            and (stop is None or self.responses[i][0] <= stop)
            and (
                self._after_next(span, self.responses[i][2].id)
                or self._known_before(self.responses[i][2].id, span.start)
            )
        ):
            i += 1
        if i == len(self.responses) or (stop is not None and self.responses[i][0] > stop):
            return None
        first = self.responses[i][2]  # the first on the schedule from the start on
        title = f"response {name}"
        if span.progressed():
            assert span.progression is not None
            return self.interval(title, "response", first.id, span.progression.id)
        if self.death is not None and (
            span.n_day is None or (self.day(self.death.id) or 0) <= span.n_day
        ):
            # death with no progression recorded ends the response, as it ends the PFS (a
            # response "not maintained" before death was said to go on, censored, until it);
            # said so, as the PFS is ("≥ 37 months" read as a response held to the death)
            found = self.interval(title, "response", first.id, self.death.id)
            return evolve(found, to_death=True) if found is not None else None
        if span.next_start is not None:
            return self.interval(title, "response", first.id, span.next_start, True)
        cut = self._censored_at(span)
        if cut is None or cut == span.start:
            # (the response itself is the last word of the disease)
            cut = first.id
        return self.interval(title, "response", first.id, cut, True)

    def _response_reach(self, final: Regimen) -> int | None:
        """The last day a response can be assessed on and still be the line's, as far as its
        end goes (None: its end does not bound it)."""
        end = end_key(final)
        day = self.day(end)
        if day is None:
            return None
        if not final.ongoing and not final.end_reported:
            # (the schedule's window: in a case dated only relative to itself, the distance
            # range from its anchor, the chronology's calendar bounds being open there)
            planned = self.plan.point(end) if self.plan.relative else None
            hi = self.ch.bounds(end).hi if planned is None else planned.window.hi
            if hi >= POS // 2:
                return None
            day = max(day, hi)
        return day + RESPONSE_WINDOW_DAYS

    def _after_next(self, span: _LineSpan, key: str) -> bool:
        """Whether the case puts the point ``key`` at or after the start of the line after
        ``span``, and not certainly on that day."""
        return span.next_start is not None and self._known_before(span.next_start, key)

    def _known_before(self, a: str, b: str) -> bool:
        """Whether the case's order puts point ``a`` before point ``b`` (not on its day)."""
        least = self.ch.least(a, b)
        return least is not None and least >= 0 and self.ch.least(b, a) != 0

    def therapy_spans(self) -> list[tuple[int, int, str, str]]:
        """(start day, end day, start key, end key) of every anti-cancer therapy: each agent
        of each regimen (so that a break inside a regimen counts), and each radiotherapy."""
        items: list[tuple[Event | Exposure, bool]] = []
        for e in self.case.events:
            if isinstance(e, Regimen) and e.intent != "supportive":
                items.extend((x, e.ongoing and x.end_date is None) for x in e.exposures)
            elif (
                isinstance(e, Radiotherapy | Transplant)
                or (isinstance(e, Surgery) and e.oncologic)
                # (the treatment of a second cancer, in words: a therapy of unknown length
                # from its diagnosis, unless the source says there was none)
                or (isinstance(e, SecondPrimary) and not e.untreated)
            ):
                items.append((e, False))
        spans = []
        for n, (item, ongoing) in enumerate(items):
            s, en = point_key(item, "start"), point_key(item, "end")
            sd, ed = self.day(s), self.day(en)
            if sd is None:
                continue
            if ongoing and self.last is not None:
                en, ed = self.last, self.day(self.last)
            spans.append((sd, n, ed if ed is not None else sd, s, en))
        # by start, then as the file lists them: therapies known only in order share a plausible
        # day, and a splenectomy before the chemotherapy that followed it sorted after it by
        # its name, so that the time off therapy ran past the operation to the chemotherapy
        return [(sd, ed, s, en) for sd, _n, ed, s, en in sorted(spans)]

    def platinum_free(self) -> list[Interval]:
        """The platinum-free intervals (see :data:`DEFINITIONS`), in the order of the courses
        they follow; for an ovarian, fallopian-tube or peritoneal cancer each with the platinum
        sensitivity its length gives (:func:`platinum_category`)."""
        # (start day, end day, end key, whether the case reports the end, whether an interval
        # can follow it: a course the disease grew on, or still given, has none, but still
        # stands between an earlier course and the progression)
        courses: list[tuple[int, int, str, bool, bool]] = []
        for reg in self.case.regimens():
            given = [x for x in reg.exposures if x.agent.subclass == "platinum compound"]
            if not given:
                continue
            starts = [self.day(point_key(x, "start")) for x in given]
            # (an agent with no end of its own stops with its regimen, at the regimen's end)
            keys = [point_key(x, "end") if x.end_date is not None else end_key(reg) for x in given]
            ends = [(self.day(k), k) for k in keys]
            # (the disease grew on it: the platinum stopped for progression, by its own end or,
            # given to the regimen's end, by the regimen's; bevacizumab going on to a
            # progression after carboplatin stopped leaves the carboplatin's end as it was)
            grew = all(
                (x.end_reason if x.end_date is not None else reg.end_reason) == "progression"
                for x in given
            )
            if any(d is None for d in starts) or any(d is None for d, _ in ends):
                continue
            first = min(d for d in starts if d is not None)
            last_day, last_key = max((d, k) for d, k in ends if d is not None)
            # (an end given only by its order, "before the recurrence", says no more of when
            # the platinum stopped than no end at all: a PFI of "0–34 months" from it is a
            # guess, as from an end not reported)
            reported = all(
                x.end_reported(reg) and not self._by_order_only(x.end_date or reg.end_date)
                for x in given
            )
            courses.append((first, last_day, last_key, reported, not (reg.ongoing or grew)))
        courses.sort()
        # the start of each numbered line: a new line is mostly given for a progression the
        # case may not record (ten years between platinum and a recurrence the case gives, with
        # six lines between them, is no platinum-free interval)
        # (maintenance and consolidation continue their line, and count in the interval)
        line_starts = sorted(
            (d, start_key(ln.regimen))
            for ln in self.lines
            if ln.number is not None
            and ln.regimen.intent not in _CONTINUING
            and (d := self.day(start_key(ln.regimen))) is not None
        )
        site = (self.case.diagnosis.site or "").lower() if self.case.diagnosis else ""
        categorised = any(word in site for word in _PLATINUM_CATEGORY_SITES)
        out: list[Interval] = []
        for i, (start, end, key, reported, follows) in enumerate(courses):
            if not follows:
                continue
            # the first progression or recurrence after the course began
            at = bisect_right(self.pd_days, start)
            pd = self.pds[at] if at < len(self.pds) else None
            pd_day = self.pd_days[at] if pd is not None else None
            if pd_day is not None and pd_day <= end:
                continue  # progressed during the platinum: no interval free of it
            before_pd = None if pd is None else self.ch.least(key, _point_of(pd))
            if pd is not None and (before_pd is None or before_pd < 0):
                # nor one the case does not put after the platinum's end: "at least 6 months
                # after the start, before the second line", with the progression 21 months
                # after the start, may have run into it ("PFI 0-15 months" said it had not)
                continue
            later = [c[0] for c in courses[i + 1 :] if c[0] > end]
            if any(pd_day is None or s <= pd_day for s in later) or any(
                c[0] <= end < c[1] for c in courses[i + 1 :]
            ):
                continue  # another platinum course before the progression: its own interval
            # (a line on the plausible day the platinum stopped, which the case puts after
            # it: brentuximab after ESHAP, every date known only by order, was passed over,
            # and the interval ran on past two lines to the last follow-up)
            next_line = next(
                (
                    (d, k)
                    for d, k in line_starts
                    if d > end
                    or (
                        d == end
                        and (least := self.ch.least(key, k)) is not None
                        and least >= 0
                        and self.ch.puts_after(key, k)
                    )
                ),
                None,
            )
            if next_line is not None and (pd_day is None or next_line[0] < pd_day):
                found = self.interval(f"PFI {len(out) + 1}", "PFI", key, next_line[1], True)
            elif pd is not None:
                found = self.interval(f"PFI {len(out) + 1}", "PFI", key, _point_of(pd))
            elif self.last is not None:
                # censored as a PFS is: at a last follow-up that says the state of the
                # disease, else at the last assessment after the platinum (a follow-up of
                # status `unknown`, two months after an operation, gave "PFI censored at
                # ≥ 8 weeks" free of progression that nothing reported)
                # (a death ends the follow-up whatever it says: censored there, as before)
                told = self.follow_tells or self.death is not None
                cut = self.last if told else self._assessed_after(key, end)
                if cut is None:
                    continue  # (nothing reported after it: no interval to give)
                if (
                    self.death is not None
                    and cut == self.last
                    and (gap := self.ch.least(key, self.death.id)) is not None
                    and gap < 1
                ):
                    # (nor to a death the platinum may have been given up to: carboplatin +
                    # gemcitabine, stopped after its fourth cycle and before the death, had a
                    # "PFI not known (nothing reported after its start)")
                    continue
                found = self.interval(f"PFI {len(out) + 1}", "PFI", key, cut, True)
            else:
                continue
            if not reported and (
                found.days is None or found.days[1] - found.days[0] > DAYS_PER_MONTH
            ):
                # (from an end the case does not report, only a guess of a length, unless the
                # case states the distance: "5 months after the initial treatment")
                continue
            # (the sensitivity is that of a relapse: none for an interval no progression ends,
            # a patient free of disease 18 months after platinum is not "platinum-sensitive")
            months = found.months()
            if months is None and found.least is not None:
                months = (max(0, found.least) / DAYS_PER_MONTH, math.inf)
            # (dates that contradict each other, C003, give no range to read a category from)
            if categorised and months is not None and not found.censored and months[0] <= months[1]:
                found = evolve(found, category=platinum_category(months))
            out.append(found)
        return out

    def treatment_free(self) -> list[Interval]:
        """Gaps between therapies that the dates say certainly exist (at least two weeks under
        every reading), and the time after the last therapy, censored at the last follow-up.

        A gap is measured from the therapy that ends last on the plausible schedule, and holds
        only if every therapy before it certainly ended two weeks before it closes: a therapy
        whose end the source does not give (it may still have been going on) leaves no gap
        after it, whatever its plausible end."""
        out: list[Interval] = []
        spans = self.therapy_spans()
        if not spans:
            return out
        ch = self.ch
        closes = [s for _sd, _ed, s, _en in spans[1:]]
        if self.last is not None:
            closes.append(self.last)
        # the earliest day any gap from here on can close: an end certainly that far before it
        # is before every later gap, and is not asked about again
        floor = [ch.bounds(k).lo for k in closes]
        for i in range(len(floor) - 2, -1, -1):
            floor[i] = min(floor[i], floor[i + 1])
        pending: list[tuple[int, str]] = []  # (the latest day an end can be, its key), a heap
        # a course of radiotherapy whose end the case does not give ended within the longest
        # course there is (:data:`RADIOTHERAPY_LONGEST_DAYS` from its start): its end, open,
        # kept every later time off therapy from being counted (four years in remission after
        # brentuximab, because of a mediastinal radiotherapy years before)
        capped = {
            point_key(e, "end"): point_key(e, "start")
            for e in self.case.events
            if isinstance(e, Radiotherapy) and e.end is None
        }

        def least_after(end: str, key: str) -> int | None:
            """The fewest days from the end ``end`` to ``key``."""
            least = ch.least(end, key)
            start = capped.get(end)
            if start is not None and (via := ch.least(start, key)) is not None:
                via -= RADIOTHERAPY_LONGEST_DAYS
                least = via if least is None else max(least, via)
            return least

        def latest(end: str) -> int:
            hi = ch.bounds(end).hi
            start = capped.get(end)
            if start is not None:
                hi = min(hi, ch.bounds(start).hi + RADIOTHERAPY_LONGEST_DAYS)
            return hi

        def after_every_end(i: int, key: str) -> bool:
            while pending and pending[0][0] + MIN_TREATMENT_FREE_DAYS <= floor[i]:
                heapq.heappop(pending)
            return all(
                (least := least_after(end, key)) is not None and least >= MIN_TREATMENT_FREE_DAYS
                for _hi, end in pending
            )

        def ended(key: str) -> None:
            heapq.heappush(pending, (latest(key), key))

        reach, reach_key = spans[0][1], spans[0][3]
        ended(reach_key)
        surgeries = {e.id for e in self.case.events if isinstance(e, Surgery)}
        # (no time off therapy after one the source does not say what followed: the box would
        # say "no therapy" where the source says nothing)
        unsaid = {
            point_key(x, "end")
            for e in self.case.events
            if isinstance(e, (Regimen, Radiotherapy, Surgery, Transplant))
            and e.later_therapy == "not-reported"
            for x in (e.exposures if isinstance(e, Regimen) else (e,))
        }
        # a second cancer's treatment is not dated: the time off therapy up to its diagnosis is
        # censored there, and none is counted after it
        second = {
            point_key(e, "start")
            for e in self.case.events
            if isinstance(e, SecondPrimary) and not e.untreated
        }
        unsaid |= second
        prior = self.case.prior_lines
        first = next((ln for ln in self.lines if ln.number is not None), None)
        if first is not None and (prior.least or not prior.exact):
            # lines the case does not record came before its first line: a therapy it records
            # before that line (a first transplant among "at least two" earlier lines) may
            # have been followed by them, so no time off therapy is counted after it
            begins = self.day(start_key(first.regimen))
            unsaid |= {en for sd, _ed, _s, en in spans if begins is not None and sd < begins}
        # the earliest day the last of the therapies begun so far can have begun: a time off
        # therapy up to the next has none begun within it, so it began after them all (a
        # radioiodine course known only between 2007 and 2018, sorafenib in 2018: "6-142
        # months" off therapy counted through operations in 2011, 2013 and 2014)
        begun = ch.bounds(spans[0][2]).lo
        for i, (sd, ed, s, en) in enumerate(spans[1:]):
            # (the time from an operation to the therapy after it is recovery, not a break)
            if (
                sd - reach >= MIN_TREATMENT_FREE_DAYS
                and reach_key not in surgeries
                and reach_key not in unsaid
            ):
                gap = least_after(reach_key, s)
                if gap is not None and gap >= MIN_TREATMENT_FREE_DAYS and after_every_end(i, s):
                    # (up to a second cancer, whose treatment began on a day not given: at
                    # least that long, censored there)
                    closes_by = ch.bounds(s).hi
                    most = closes_by - begun if closes_by < POS // 2 and begun > NEG // 2 else None
                    out.append(
                        self._from_end(
                            self.interval(
                                f"TFI {len(out) + 1}", "TFI", reach_key, s, s in second, most
                            )
                        )
                    )
            ended(en)
            begun = max(begun, ch.bounds(s).lo)
            # (on the same plausible day, the end the case's order puts later: a case told
            # only in order has every date on one day, and an operation after the last
            # chemotherapy ended the time on therapy, not the chemotherapy, whose key sorts
            # after it)
            if ed > reach or (ed == reach and not self._known_before(en, reach_key)):
                reach, reach_key = ed, en
        # (no time off therapy after the last one the case records when the source does not
        # say what followed it: the box would say "no therapy" where the source says nothing)
        said = self.death or next((e for e in self.case.events if isinstance(e, FollowUp)), None)
        unreported = said is not None and said.later_therapy == "not-reported"
        if (
            self.last is not None
            and reach_key != self.last
            and not unreported
            and reach_key not in unsaid
        ):
            last_day = self.day(self.last)
            gap = least_after(reach_key, self.last)
            if (
                last_day is not None
                and last_day - reach >= MIN_TREATMENT_FREE_DAYS
                and gap is not None
                and gap >= MIN_TREATMENT_FREE_DAYS
                and after_every_end(len(closes) - 1, self.last)
            ):
                # (ended by death, the time off therapy could not have gone on: a length, not
                # a least one; "≥ 8 weeks" was said of 58 days from a transplant to a death)
                cut = self.death is None
                out.append(
                    self._from_end(
                        self.interval(f"TFI {len(out) + 1}", "TFI", reach_key, self.last, cut)
                    )
                )
        return out

    def _from_end(self, found: Interval) -> Interval:
        """A time off therapy from an end the case gives only by order over years, marked so
        (:attr:`Interval.by_order`): the drawing draws that end as not dated, so the length
        on the plausible schedule is no length as drawn."""
        if self._by_order_ends is None:
            items: list[tuple[Event | Exposure, Regimen]] = []
            for r in self.case.regimens():
                items += [(r, r), *((x, r) for x in r.exposures)]
            self._by_order_ends = {
                self.ch.canonical(point_key(x, "end"))
                for x, r in items
                if end_by_order(self.ch, self.plan, x, r)
            }
        if self.ch.canonical(found.start_key) in self._by_order_ends:
            return evolve(found, by_order=True)
        return found


class _LineSpan:
    """The points that bound the intervals of one line: its start, the next line's start,
    and the first progression on or after the start."""

    def __init__(
        self, iv: _Intervals, first: Regimen, final: Regimen, later: list[TherapyLine]
    ) -> None:
        self.first, self.final = first, final
        self.start = start_key(first)
        self.s_day = iv.day(self.start)
        self.next_start = start_key(later[0].regimen) if later else None
        self.n_day = iv.day(self.next_start) if self.next_start else None
        # ...or another anti-cancer treatment the case puts after the line ended, if sooner
        # (an operation after a line stopped for toxicity: PFS is censored at new treatment)
        if not final.ongoing and final.end is not None:
            end = end_key(final)
            e_day = iv.day(end)
            j = bisect_left(iv.other_days, e_day) if e_day is not None else len(iv.other_days)
            for at in range(j, len(iv.other_treatments)):
                day, key = iv.other_treatments[at]
                if self.n_day is not None and day >= self.n_day:
                    # (on the next line's day, one the case puts before that line still comes
                    # first: an ablation, then a progression, then the next line, all known
                    # only by order and on one plausible day, gave a PFS ended by the
                    # progression, not censored at the ablation)
                    if day > self.n_day:
                        break
                    if not (self.next_start and iv.ch.puts_after(key, self.next_start)):
                        continue
                after = iv.ch.least(end, key)
                if after is not None and after >= 0:
                    self.next_start, self.n_day = key, day
                    break
            if final.end_reason == "no-response":
                # a transplant after a line that failed is the next treatment, not the line's
                # consolidation: a PFS "censored at ≈ 119 months" was said of cladribine, which
                # failed, from the remission of the transplant that followed it
                for day, key in iv.transplants:
                    if e_day is None or day < e_day:
                        continue
                    if self.n_day is not None and day >= self.n_day:
                        break
                    after = iv.ch.least(end, key)
                    if after is not None and after >= 0:
                        self.next_start, self.n_day = key, day
                        break
        i = bisect_left(iv.pd_days, self.s_day or 0)
        # a progression the dates put on the start's day but certainly no later than it is
        # the one the line answered, not its own ("{after: X}" places the start on X's day);
        # so is one dated as the start is that the case writes before the line
        # (queries.answered_by: a PFS of "≈ 0 weeks" from a recurrence of the start's month)
        while i < len(iv.pds) and (
            ((before := iv.ch.least(_point_of(iv.pds[i]), self.start)) is not None and before >= 0)
            or answered_by(iv.ch, iv.pds[i], first, first)
        ):
            i += 1
        self.progression = iv.pds[i] if i < len(iv.pds) else None
        self.p_day = iv.day(self.progression.id) if self.progression is not None else None
        self._ch = iv.ch

    def progressed(self) -> bool:
        """Whether a progression came before the next line (or there is none): by the
        plausible days, unless the dates put it after the next line's start (dated as the end
        of the next line, known only by order, both had one plausible day, and the next line's
        progression was counted as this one's)."""
        if self.progression is None:
            return False
        if self.n_day is None or self.next_start is None:
            return True
        if (self.p_day or 0) != self.n_day:
            # (the schedule keeps every relation: only a tie can hide one that puts the
            # progression after the next start, and only a tie is searched)
            return (self.p_day or 0) < self.n_day
        point = _point_of(self.progression)
        after = self._ch.least(self.next_start, point)
        same = self._ch.least(point, self.next_start)
        return not (after is not None and after >= 0 and not (same is not None and same >= 0))
