"""The date solver: windows, distances between points, and contradictions named where they lie.

Unit tests of the public pieces (:mod:`timeline.chronology`, :mod:`timeline.points`,
:mod:`timeline.solver`), the two case files of ``tests/data`` whose dates contradict each
other only through a chain, and three properties over generated networks: a network the
true days satisfy stays consistent with every true day in its window; a chain that cannot
hold is reported naming its links; the order of the events in the file changes nothing.
"""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import RELATIVE_CASE, case, check, event
from timeline import check_path, check_text, chronology
from timeline.chronology import NEG, POS, Bounds, Chronology, dose_change_key, point_key, resolve
from timeline.constraints import Constraint, _dependency_order, _may_be_close
from timeline.problems import Location, Problems
from timeline.solver import distance_graph, negative_cycle

DATA = Path(__file__).resolve().parent / "data"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def _chrono(data: dict[str, Any] | str) -> Chronology:
    checked = check(data)
    assert checked.chrono is not None
    return checked.chrono


# -- Bounds and point keys ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lo", "hi", "text"),
    [
        ("2012-06-01", "2012-06-01", "2012-06-01"),
        ("2012-06-01", "2012-06-30", "2012-06"),
        ("2012-01-01", "2012-12-31", "2012"),
        ("2012-06-03", "2012-08-10", "2012-06-03 – 2012-08-10"),
        ("2012-01-01", "2013-12-31", "2012-01-01 – 2013-12-31"),
    ],
)
def test_bounds_text_keeps_the_precision(lo: str, hi: str, text: str) -> None:
    assert Bounds(_day(lo), _day(hi)).text() == text


def test_bounds_open_on_a_side() -> None:
    day = _day("2012-06-01")
    assert Bounds(NEG, day).text() == "by 2012-06-01"
    # (a side at a month's edge is said as that month: the day is none the source gave)
    assert Bounds(day, POS).text() == "from 2012-06"
    assert Bounds(NEG, _day("2012-06-30")).text() == "by 2012-06"
    assert Bounds(_day("2012-06-02"), POS).text() == "from 2012-06-02"
    assert Bounds(NEG, POS).text() == "unknown"
    assert Bounds(NEG, day).earliest is None and str(Bounds(NEG, day).latest) == "2012-06-01"
    assert Bounds(day, POS).latest is None


def test_first_day_prefers_the_earliest() -> None:
    day = _day("2012-06-01")
    assert Bounds(day, day + 5).first_day == day
    assert Bounds(NEG, day).first_day == day
    assert Bounds(NEG, POS).first_day is None
    assert Bounds(day, POS).first_day == day


def test_point_keys() -> None:
    checked = check(case())
    assert checked.case is not None
    line1 = checked.case.event("line1")
    pr = checked.case.event("pr")
    assert line1 is not None and pr is not None
    assert point_key(line1, "start") == "line1.start"
    assert point_key(pr, "start") == point_key(pr, "end") == "pr"
    exp = line1.exposures[0]  # type: ignore[attr-defined]
    assert point_key(exp, "end") == f"{exp.key}.end"
    assert dose_change_key(exp, 2) == f"{exp.key}.dose2"


# -- Chronology look-ups -----------------------------------------------------------------------
def test_bounds_start_end_and_diagnosis() -> None:
    chrono = _chrono(case())
    assert chrono.case.event("line1") is not None
    line1 = chrono.case.event("line1")
    assert line1 is not None
    assert chrono.start(line1).text() == "2012-06"
    assert chrono.end(line1).text() == "2013-02"
    assert chrono.start(line1) is chrono.start(line1)  # kept, not recomputed
    # (no later than the curative surgery of 20 January: the diagnosis precedes its treatment)
    assert chrono.diagnosis().text() == "2010-01-01 – 2010-01-20"
    assert chrono.bounds("pr") == Bounds(_day("2012-09-01"), _day("2012-09-30"))
    assert chrono.bounds("no-such-point") == Bounds(NEG, POS)
    assert chrono.raw("pr") == (_day("2012-09-01"), _day("2012-09-30"))
    assert chrono.labels["line1.start"] == "the start of 'line1'"


def test_an_exposure_without_dates_is_held_under_its_regimen() -> None:
    chrono = _chrono(case())
    line1 = chrono.case.event("line1")
    assert line1 is not None
    exp = line1.exposures[0]  # type: ignore[attr-defined]
    assert chrono.canonical(f"{exp.key}.start") == "line1.start"
    assert chrono.start(exp) == chrono.start(line1)
    assert "line1.start" in chrono.windows() and f"{exp.key}.start" not in chrono.windows()


def test_difference_keeps_what_links_two_points() -> None:
    data = case()
    event(data, "pr")["date"] = {"from": "line1.start", "offset": "3 months"}
    chrono = _chrono(data)
    # the start is known to a month, yet the response is three months after it exactly
    lo, hi = chrono.difference("line1.start", "pr")  # type: ignore[misc]
    assert 88 <= lo <= hi <= 95 and hi - lo < 10
    assert chrono.least("line1.start", "pr") == lo
    # subtracting the two windows would lose that link and allow more
    assert chrono.bounds("pr").hi - chrono.bounds("line1.start").lo > hi


def test_difference_is_none_when_a_direction_is_unbounded() -> None:
    chrono = _chrono(RELATIVE_CASE)
    assert chrono.difference("chemo.start", "fu") is not None
    data = yaml.safe_load(RELATIVE_CASE)
    data["events"].append(
        {"id": "tox", "type": "toxicity", "term": "Fatigue", "date": {"before": "chemo.start"}}
    )
    chrono = _chrono(data)
    assert chrono.difference("tox", "chemo.start") is None  # no most: only "before"
    assert chrono.least("tox", "chemo.start") == 0
    assert chrono.least("chemo.start", "tox") is None


@pytest.mark.parametrize(
    ("date", "words"),
    [
        (
            "{after: {from: chemo.start, offset: 4 weeks}}",
            "comes at least 4 weeks after the start of 'chemo', but how long after",
        ),
        (
            "{before: {from: chemo.start, offset: -3 months}}",
            "comes at least 3 months before the start of 'chemo', but how long before",
        ),
        (  # (one unit, in the singular: "at least 1 years" was said)
            "{after: {from: chemo.start, offset: 1 year}}",
            "comes at least 1 year after the start of 'chemo', but how long after",
        ),
        (
            "{after: chemo.start}",
            "is known only by order, at no stated distance from the events it follows or precedes",
        ),
        (
            "{after: chemo.start, before: chemo.end}",
            "lies between 0 and 24 months after the start of 'chemo', a window of 24 months",
        ),
        (
            # (a least distance under two months in weeks: "after 4 cycles" of three weeks at
            # least was said "between 1 and 8 months", its 21 days rounded up to a month)
            "{after: {from: chemo.start, offset: 3 weeks}, before: chemo.end}",
            "lies between 3 weeks and 24 months after the start of 'chemo', a window of 24 months",
        ),
        (
            # a latest day on the calendar (a report's publication) is said, not "only by order"
            "{after: chemo.end, before: 2030-01}",
            "is known only by order, at no stated distance from the events it follows or precedes,"
            " and as no later than 2030-01-31",
        ),
        (
            # a least distance bounded the other way too ("18 years" read as 17.5 to 18.5) was
            # said to be "at least 17.5 years after, but how long after is not stated"
            "{after: {from: chemo.start, offset: 17.5 years},"
            " before: {from: chemo.start, offset: 18.5 years}}",
            "lies between 210 and 222 months after the start of 'chemo', a window of 12 months",
        ),
    ],
)
def test_a_one_sided_distance_is_said_as_the_case_states_it(date: str, words: str) -> None:
    """In a case without calendar dates, C008 says what a date does state: the least distance
    from the event it refers to ("after the 3rd dose": at least 4 weeks), not "no stated
    distance"; a date known only by its order is still said to be one."""
    text = f"""
id: one-sided
diagnosis: {{date: unknown}}
events:
  - {{id: chemo, type: regimen, intent: advanced, start: unknown, agents: [nivolumab],
     end: {{from: chemo.start, offset: 2 years}}, end_reason: completed}}
  - {{id: pr, type: response, category: PR, date: {date}}}
"""
    messages = [p.message for p in check(yaml.safe_load(text)).problems if p.code == "C008"]
    assert any(m.startswith("'pr' " + words) for m in messages), messages


def test_a_date_written_unknown_is_not_said_to_follow_or_precede_events() -> None:
    """A PD-L1 test written `date: unknown` in a case without calendar dates was "known only
    by order, at no stated distance from the events it follows or precedes": it follows and
    precedes none of its own; only the last follow-up bounds it."""
    text = """
id: unknown-test
diagnosis: {date: unknown}
events:
  - {id: pdl1, type: biomarker, date: unknown, name: PD-L1, result: negative}
  - {id: chemo, type: regimen, intent: advanced, start: unknown, agents: [nivolumab],
     end: {from: chemo.start, offset: 2 years}, end_reason: completed}
  - {id: fu, type: follow-up, date: {from: chemo.end, offset: 6 months}, status: alive}
"""
    messages = [p.message for p in check(yaml.safe_load(text)).problems if p.code == "C008"]
    assert any(
        m.startswith(
            "'pdl1' is not dated (written 'unknown'): nothing but the end of the case (the last"
            " follow-up or death) bounds it"
        )
        for m in messages
    ), messages
    assert not any("pdl1' is known only by order" in m for m in messages)
    # a date written against it bounds it: said as before
    data = yaml.safe_load(text)
    data["events"].append({"id": "ct", "type": "imaging", "date": {"after": "pdl1"}})
    messages = [p.message for p in check(data).problems if p.code == "C008"]
    assert not any("pdl1' is not dated" in m for m in messages), messages


def test_a_case_bounded_only_by_its_publication_is_warned_of_in_its_own_terms() -> None:
    """A case whose only calendar fact is a latest day (its publication) is shown in months
    from its diagnosis; C008 said "has no earliest day" of a relapse that 'show' put "from
    month 0". It now says what the date states, as in a case with no calendar date."""
    text = """
id: published
diagnosis: {date: {before: 2020-04-23}}
events:
  - {id: chemo, type: regimen, intent: advanced, start: {after: diagnosis}, agents: [nivolumab],
     end: {after: chemo.start}, end_reason: completed}
  - {id: pd, type: progression, date: {after: chemo.start}}
"""
    messages = [p.message for p in check(yaml.safe_load(text)).problems if p.code == "C008"]
    assert messages and not any("earliest day" in m for m in messages), messages
    assert any(m.startswith("'pd' is known only by order") for m in messages), messages


def test_distance_graph_back_reverses_fwd() -> None:
    chrono = _chrono(case())
    fwd, back = chrono.distance_graph()
    forward = {(u, v, w) for u, edges in fwd.items() for v, w in edges}
    backward = {(u, v, w) for v, edges in back.items() for u, w in edges}
    assert forward == backward and ("", "pr", _day("2012-09-30")) in forward


def test_resolve_warns_of_wide_windows_by_its_limit() -> None:
    data = case()
    event(data, "pr")["date"] = {"after": "line1.start", "before": "pd"}
    checked = check(data)
    assert checked.case is not None
    wide = Problems()
    resolve(checked.case, wide, wide_window=30)
    assert any(p.code == "C008" for p in wide.items)
    narrow = Problems()
    resolve(checked.case, narrow, wide_window=400)
    assert not any(p.code == "C008" for p in narrow.items)


# -- the solver's pieces -----------------------------------------------------------------------
def test_negative_cycle_of_a_small_graph() -> None:
    where = Location("x.yaml")
    a_b = Constraint("a", "b", 5, POS, "C003", where, "b at least 5 days after a")
    b_a = Constraint("b", "a", 0, POS, "C003", where, "a after b")
    edges = [("a", "b", 10, a_b), ("b", "a", -5, a_b), ("a", "b", 0, b_a)]
    cycle = negative_cycle(edges)
    assert sum(w for _u, _v, w, _what in cycle) < 0
    assert {id(what) for *_e, what in cycle} == {id(a_b), id(b_a)}
    assert negative_cycle(edges[:2]) == []
    assert negative_cycle([]) == []


def test_negative_cycle_gives_up_past_its_budget() -> None:
    n = 50
    edges = [(f"p{i}", f"p{i + 1}", -1, "x") for i in range(n)] + [(f"p{n}", "p0", n - 1, "x")]
    assert len(negative_cycle(edges)) == n + 1
    assert negative_cycle(edges, budget=3) == []


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), st.sets(st.sampled_from("abcdefghij"))))
def test_dependency_order_is_graphlibs(graph: dict[str, set[str]]) -> None:
    import graphlib

    try:
        expected: list[str] | None = list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError:
        expected = None
    assert _dependency_order(graph) == expected


def test_distance_graph_of_constraints_and_bounds() -> None:
    where = Location("x.yaml")
    c = Constraint("a", "b", 2, 9, "C003", where, "")
    graph = distance_graph([c], {"a": [10, 20], "b": [NEG, POS]})
    assert graph == {"a": [("b", 9), ("", -10)], "b": [("a", -2)], "": [("a", 20)]}


# -- contradictions ----------------------------------------------------------------------------
def _messages(checked: Any, code: str) -> list[str]:
    return [p.format() for p in checked.problems if p.code == code]


def test_a_chain_of_relative_dates_that_cannot_hold_is_reported() -> None:
    checked = check_path(str(DATA / "relative-contradiction.yaml"))
    (message,) = _messages(checked, "C003")
    # located at the first link of the chain in the file, and naming every link with its place
    assert message.startswith(f"{DATA / 'relative-contradiction.yaml'}:9:11: C003 error:")
    for claim in (
        "the end of 'chemo' is 9 months from the start of 'chemo' (line 9:11)",
        "'scan' comes after the end of 'chemo' (line 10:52)",
        "'pd' comes after 'scan' (line 11:39)",
        "'pd' comes before the day 3 months from the start of 'chemo' (line 11:39)",
    ):
        assert claim in message
    assert "must start before it ends" not in message
    # the bounds are no fixpoint: distances are searched in the graph as it stands
    assert checked.chrono is not None
    assert checked.chrono.difference("chemo.start", "chemo.end") is not None


def test_a_chain_through_open_dates_names_its_links_and_dates() -> None:
    checked = check_path(str(DATA / "chain-contradiction.yaml"))
    (message,) = _messages(checked, "C003")
    assert ":5:19: C003 error: these dates contradict each other:" in message
    for claim in (
        "the diagnosis is dated 2010-01 (line 5:19)",
        "'pd' is dated 2010-02 (line 10:39)",
        "'scan' comes before 'pd' (line 9:52)",
        "'scan' comes after the end of 'chemo' (line 9:52)",
        "'chemo' has 6 cycles of 3 weeks, so it lasts at least 105 days (line 7:5)",
        "the start of 'chemo' comes after the diagnosis (line 8:29)",
    ):
        assert claim in message
    assert "must start before it ends" not in message


def test_a_contradiction_that_needs_the_calendar_is_named_by_its_dates() -> None:
    # "1 month" is 28 to 31 days; only the calendar says that from 1 March it is 31
    data = case()
    event(data, "pr")["date"] = "2011-03-01"
    event(data, "pd")["date"] = {"from": "pr", "offset": "1 month"}
    data["events"] += [
        {
            "id": "rt",
            "type": "radiotherapy",
            "site": "liver",
            "start": {"after": "pd"},
            "end": "unknown",
        },
        {
            "id": "tox",
            "type": "toxicity",
            "term": "Fatigue",
            "date": {"after": "rt.end", "before": {"from": "pr", "offset": "30 days"}},
        },
    ]
    message = next(p.message for p in check(data).problems if p.code == "C003")
    assert message.startswith("these dates contradict each other:")
    assert "the start of 'rt' is dated from 2011-04" in message
    assert "'tox' comes after the end of 'rt'" in message


def test_a_pair_that_cannot_hold_names_both_dates() -> None:
    data = case()
    event(data, "pr")["date"] = "2015-01"
    message = next(p.message for p in check(data).problems if p.code == "C005")
    assert message == (
        "'pr' comes after the last follow-up ('fu'): 'pr' (2015-01) cannot be reconciled with"
        " 'fu' (2014-01); correct one of the two dates"
    )


def test_a_circle_of_definitions_is_c004() -> None:
    data = case()
    event(data, "pr")["date"] = {"from": "pd", "offset": "1 month"}
    event(data, "pd")["date"] = {"from": "pr", "offset": "1 month"}
    checked = check(data)
    assert "C004" in {p.code for p in checked.problems}
    message = next(p.message for p in checked.problems if p.code == "C004")
    assert "defined in a circle" in message and "'pr'" in message and "'pd'" in message


def test_a_date_placed_by_its_own_day_is_c014() -> None:
    """Axitinib's end written as nivolumab's start, and that start written after axitinib's
    end: after itself, which says nothing; it was accepted without a word, and the twelve
    months its window then spans were not warned of either."""
    text = """
format: 1
id: self
diagnosis: {date: 2019-01}
events:
  - {id: a, type: regimen, intent: advanced, start: 2019-02, end: b.start,
     end_reason: toxicity, agents: [axitinib]}
  - {id: b, type: regimen, intent: advanced, start: {after: a.end}, end: 2020-01,
     end_reason: progression, agents: [nivolumab]}
  - {id: pd, type: progression, date: 2020-01}
"""
    found = [p for p in check_text(text, "self.yaml").problems if p.code == "C014"]
    assert [(p.location.line, p.location.column) for p in found] == [(8, 53)]
    assert found[0].message.startswith(
        "the start of 'b' is dated after the end of 'a', which the case puts on its day: that"
        " places it nowhere; date it against another event"
    )
    alone = text.replace("start: {after: a.end}", "start: {before: b.start}")
    found = [p.message for p in check_text(alone, "self.yaml").problems if p.code == "C014"]
    assert found == [
        "the start of 'b' is dated before itself: that places it nowhere; date it against"
        " another event (the one before it) or the calendar"
    ]
    # (after the event before: placed, no warning)
    fine = text.replace("start: {after: a.end}", "start: {after: a.start}")
    assert not [p for p in check_text(fine, "self.yaml").problems if p.code == "C014"]
    # a toxicity's end written after the toxicity: after its own end
    tox = fine.replace(
        "  - {id: pd, type: progression, date: 2020-01}",
        "  - {id: pd, type: progression, date: 2020-01}\n"
        "  - {id: rash, type: toxicity, date: 2019-03, term: rash, regimen: a,\n"
        "     end: {after: rash, before: pd}}",
    )
    found = [p.message for p in check_text(tox, "self.yaml").problems if p.code == "C014"]
    assert len(found) == 1 and "write 'rash.start' for its start" in found[0], found


def test_dates_pushed_off_the_calendar() -> None:
    data = case()
    event(data, "pd")["date"] = {"from": "pr", "offset": "300 years"}
    message = next(p.message for p in check(data).problems if p.code == "C003")
    assert "beyond the calendar" in message


# -- properties --------------------------------------------------------------------------------
def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


@st.composite
def consistent_cases(draw: st.DrawFn) -> tuple[dict[str, Any], list[int]]:
    """A case of toxicities whose dates all hold on drawn true days (returned with them)."""
    n = draw(st.integers(2, 7))
    base = date(2005, 1, 1).toordinal() + draw(st.integers(0, 3000))
    true = [base + draw(st.integers(0, 600)) for _ in range(n)]
    events: list[dict[str, Any]] = []
    for i, day in enumerate(true):
        earlier = [j for j in range(n) if j != i and true[j] <= day]
        later = [j for j in range(n) if j != i and true[j] >= day]
        kinds = ["day", "month"] if i == 0 else ["day", "month", "after", "before", "from", "both"]
        kind = draw(st.sampled_from(kinds))
        if kind == "from":
            earlier = [j for j in earlier if j < i]  # a 'from' only to an earlier event: no circle
        spec: Any = _iso(day)
        if kind == "month":
            spec = _iso(day)[:7]
        elif kind == "after" and earlier:
            j = draw(st.sampled_from(earlier))
            gap = true[i] - true[j]
            spec = {"after": f"e{j}"}
            if draw(st.booleans()):
                spec = {"after": {"from": f"e{j}", "offset": f"{draw(st.integers(0, gap))} days"}}
            if draw(st.booleans()):
                spec["within"] = f"{gap + draw(st.integers(0, 60))} days"
        elif kind == "before" and later:
            spec = {"before": f"e{draw(st.sampled_from(later))}"}
        elif kind == "from" and earlier:
            j = draw(st.sampled_from(earlier))
            spec = {"from": f"e{j}", "offset": f"{true[i] - true[j]} days"}
        elif kind == "both" and earlier and later:
            spec = {
                "after": f"e{draw(st.sampled_from(earlier))}",
                "before": f"e{draw(st.sampled_from(later))}",
            }
        events.append({"id": f"e{i}", "type": "toxicity", "term": "Fatigue", "date": spec})
    data = {"format": 1, "id": "case", "diagnosis": {"date": _iso(min(true))}, "events": events}
    return data, true


@st.composite
def contradictions(draw: st.DrawFn) -> tuple[dict[str, Any], int, bool]:
    """A chain e0 → e1 → … → ek of at least ``d`` days per link, and 'z' after ek but within
    fewer days of e0 than the chain needs; with (or without) a calendar date for e0."""
    k = draw(st.integers(1, 5))
    gaps = [draw(st.integers(1, 200)) for _ in range(k)]
    calendar = draw(st.booleans())
    start: Any = _iso(date(2008, 1, 1).toordinal() + draw(st.integers(0, 2000)))
    events = [
        {
            "id": "e0",
            "type": "toxicity",
            "term": "Fatigue",
            "date": start if calendar else {"after": "diagnosis"},
        }
    ]
    for i, gap in enumerate(gaps, 1):
        exact = {"from": f"e{i - 1}", "offset": f"{gap} days"}
        spec = exact if draw(st.booleans()) else {"after": exact}
        events.append({"id": f"e{i}", "type": "toxicity", "term": "Fatigue", "date": spec})
    short = draw(st.integers(0, sum(gaps) - 1))
    events.append(
        {
            "id": "z",
            "type": "toxicity",
            "term": "Fatigue",
            "date": {"after": f"e{k}", "before": {"from": "e0", "offset": f"{short} days"}},
        }
    )
    diagnosis = start[:7] if calendar else "unknown"
    data = {"format": 1, "id": "case", "diagnosis": {"date": diagnosis}, "events": events}
    return data, k, calendar


_CHRONOLOGY_ERRORS = {"C001", "C002", "C003", "C004", "C005", "C009"}


@SETTINGS
@given(consistent_cases())
def test_a_network_the_true_days_satisfy_stays_consistent(drawn: Any) -> None:
    data, true = drawn
    checked = check(data)
    assert not {p.code for p in checked.problems} & _CHRONOLOGY_ERRORS, checked.problems
    assert checked.chrono is not None
    for i, day in enumerate(true):
        window = checked.chrono.bounds(f"e{i}")
        assert window.lo <= day <= window.hi, (f"e{i}", window.text(), _iso(day))


@SETTINGS
@given(contradictions())
def test_a_chain_that_cannot_hold_is_reported_naming_its_links(drawn: Any) -> None:
    data, k, calendar = drawn
    checked = check(data)
    errors = [p for p in checked.problems if p.code in _CHRONOLOGY_ERRORS]
    assert errors and {p.code for p in errors} == {"C003"}
    message = " ".join(p.message for p in errors)
    for name in ("'z'", f"'e{k}'", "'e0'"):
        assert name in message
    if not calendar:  # found as a circle: every link of the chain is named
        for i in range(1, k + 1):
            assert f"'e{i}' " in message
        assert "these dates contradict each other" in message


def _normal(message: str) -> str:
    """A message without the places it quotes, and a circle's links in a fixed order."""
    message = re.sub(r" \(line \d+:\d+\)", "", message)
    head = "these dates contradict each other: "
    if message.startswith(head):
        body, _, tail = message[len(head) :].partition("; they cannot all hold")
        message = head + "; ".join(sorted(body.split("; "))) + tail
    return message


def _result(data: dict[str, Any]) -> tuple[Any, ...]:
    checked = check(data)
    problems = sorted((p.code, _normal(p.message)) for p in checked.problems)
    has_errors = any(p.severity.value == "error" for p in checked.problems)
    assert checked.chrono is not None
    windows = None if has_errors else checked.chrono.windows()
    return problems, windows


@SETTINGS
@given(
    st.one_of(consistent_cases().map(lambda d: d[0]), contradictions().map(lambda d: d[0])),
    st.randoms(),
)
def test_the_order_of_the_events_changes_nothing(data: dict[str, Any], rnd: random.Random) -> None:
    shuffled = dict(data, events=list(data["events"]))
    rnd.shuffle(shuffled["events"])
    assert _result(shuffled) == _result(data)


def test_the_order_of_the_reference_case_changes_nothing() -> None:
    data = case()
    reordered = dict(data, events=list(reversed(data["events"])))
    assert _result(reordered) == _result(data)


def _brute_force(fwd: dict[str, list[tuple[str, int]]], source: str) -> dict[str, int]:
    """Bellman–Ford over the whole distance graph, day zero included."""
    dist = {source: 0}
    for _ in range(len(fwd) + 2):
        changed = False
        for u, edges in fwd.items():
            if u in dist:
                for v, w in edges:
                    if dist[u] + w < dist.get(v, POS):
                        dist[v] = dist[u] + w
                        changed = True
        if not changed:
            break
    return dist


def _sometimes_without_calendar(data: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    """Half the time, the case with its calendar dates taken out: only relations link its
    points (the diagnosis unknown, each calendar-dated event only after it)."""
    if rnd.random() < 0.5:
        data["diagnosis"]["date"] = "unknown"
        for e in data["events"]:
            if isinstance(e["date"], str):
                e["date"] = {"after": "diagnosis"}
    return data


@SETTINGS
@given(consistent_cases(), st.randoms(), st.booleans())
def test_difference_is_the_shortest_path_both_ways(
    drawn: Any, rnd: random.Random, ranked: bool
) -> None:
    data = _sometimes_without_calendar(drawn[0], rnd)
    chrono = _chrono(data)
    fwd, _back = chrono.distance_graph()
    keys = ["diagnosis"] + [e["id"] for e in data["events"]]
    pairs = [(a, b) for a in keys for b in keys]
    rnd.shuffle(pairs)  # in any order, whichever point's searches are kept
    small = chronology._UNRANKED_POINTS
    chronology._UNRANKED_POINTS = -1 if ranked else small  # every search ranked, as in a long case
    try:
        for a, b in pairs:
            there, back = _brute_force(fwd, a).get(b), _brute_force(fwd, b).get(a)
            expected = None if there is None or back is None else (-back, there)
            assert chrono.difference(a, b) == expected, (a, b)
            assert chrono.least(a, b) == (None if back is None else -back)
    finally:
        chronology._UNRANKED_POINTS = small


@SETTINGS
@given(consistent_cases(), st.randoms(), st.integers(0, 400))
def test_points_whose_windows_differ_by_more_than_a_limit_are_never_within_it(
    drawn: Any, rnd: random.Random, limit: int
) -> None:
    data = _sometimes_without_calendar(drawn[0], rnd)
    checked = check(data)
    assume(checked.ok)  # the windows are exact only where no error stopped the solver
    assert checked.chrono is not None
    chrono = checked.chrono
    keys = ["diagnosis"] + [e["id"] for e in data["events"]]
    for a in keys:
        for b in keys:
            if not _may_be_close(*chrono.raw(a), *chrono.raw(b), limit):
                found = chrono.difference(b, a)  # a - b
                assert found is None or found[1] - found[0] > limit, (a, b, found)


def test_c008_on_the_end_of_cycles_of_unstated_length_asks_for_their_length() -> None:
    """ "Eighteen courses" of FOLFOX, no course length, then the next line: what the source may
    give is the length of a cycle, which dates the end; the warning asks for it first."""
    text = """
id: cycles
diagnosis: {date: 2015-01}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2015-02, end: {after: l1.start, before: pd},
     end_reason: progression, cycles: 6, agents: [paclitaxel]}
  - {id: pd, type: progression, date: 2017-06}
  - {id: fu, type: follow-up, date: 2018-01, status: alive-with-disease}
"""
    messages = [p.message for p in check(yaml.safe_load(text)).problems if p.code == "C008"]
    assert any(
        m.startswith("the end of 'l1' ")
        and "if the source gives the length of its 6 cycles, write it ('cycle: 3 weeks')" in m
        for m in messages
    ), messages
    # (one cycle is one: "its 1 cycles" was said)
    one = text.replace("cycles: 6,", "cycles: 1,")
    messages = [p.message for p in check(yaml.safe_load(one)).problems if p.code == "C008"]
    assert any("if the source gives the length of its cycle, write it" in m for m in messages)
    stated = text.replace("cycles: 6,", "cycles: 6, cycle: 3 weeks,")
    messages = [p.message for p in check(yaml.safe_load(stated)).problems if p.code == "C008"]
    assert not any("length of its" in m for m in messages), messages


def test_c008_on_a_date_counted_in_cycles_of_unstated_length_asks_for_their_length() -> None:
    """A complete remission "after 2 cycles" of pembrolizumab, no cycle length given: C008
    said only "narrow it ('within: 3 months' ...)", where the length of the cycles is what
    the source may give."""
    text = """
id: in-cycles
diagnosis: {date: unknown}
events:
  - {id: rec, type: recurrence, date: {after: diagnosis}}
  - {id: rx, type: regimen, intent: advanced, start: {after: rec}, cycles: 10,
     end: {from: rx.start, offset: 10 cycles}, agents: [pembrolizumab], end_reason: other}
  - {id: cr, type: response, date: {from: rx.start, offset: 2 cycles, before: rx.end},
     category: CR}
"""
    messages = [p.message for p in check(yaml.safe_load(text)).problems if p.code == "C008"]
    said = [m for m in messages if m.startswith("'cr' ")]
    assert (
        said
        and "if the source gives the length of the cycles, write it on the regimen" in (said[0])
    ), messages


def test_no_c008_on_a_follow_up_to_date_written_as_the_format_says() -> None:
    """ "Still surviving" at the writing: `{before: 2019, within: 1 year}` is the form
    docs/case-format.md gives, and C008 warned of it, asking for 'within: 3 months'. A death
    so written, or a follow-up within a window from an earlier event, is still warned of."""
    text = """
id: to-date
diagnosis: {date: 2009}
events:
  - {id: rx, type: regimen, intent: advanced, start: 2009-03, end: 2010-01,
     agents: [trastuzumab], end_reason: completed}
  - {id: fu, type: follow-up, date: {before: 2019, within: 1 year, inferred: at the writing},
     status: alive}
"""
    assert not [p for p in check(yaml.safe_load(text)).problems if p.code == "C008"]
    wide = text.replace("{before: 2019, within: 1 year,", "{after: rx.end, before: 2019,")
    assert [p.code for p in check(yaml.safe_load(wide)).problems] == ["C008"]
    died = text.replace("type: follow-up", "type: death").replace(",\n     status: alive}", "}")
    assert [p.code for p in check(yaml.safe_load(died)).problems] == ["C008"]


def test_an_impossible_window_names_the_offset_that_makes_it_so() -> None:
    """C003 said "'fu' is dated after the start of 'rx' (2021-03-01), before 2022-07-26, but
    these cannot all hold": as written, both can; it is the 17 months it leaves out that
    cannot."""
    import yaml

    from conftest import check

    checked = check(
        yaml.safe_load(
            """
id: c003
diagnosis: {date: 2021-01}
events:
  - {id: rx, type: regimen, intent: advanced, start: 2021-03-01, end_reason: ongoing,
     agents: [nivolumab]}
  - {id: fu, type: follow-up, status: alive,
     date: {after: {from: rx.start, offset: 17 months}, before: 2022-07-26}}
"""
        )
    )
    found = [p.message for p in checked.problems if p.code == "C003"]
    assert found and "at least 17 months after the start of 'rx' (2021-03-01)" in found[0], found


def test_the_date_a_relative_case_hangs_on_is_not_warned_of_for_its_order() -> None:
    """Every date of a case without calendar dates is stated from the start of L1: written
    `start: unknown`, no C008; written `start: {after: diagnosis}`, which says more, C008 fired
    on it ("known only by order"), though it is what the case's months count from. The
    diagnosis is what is known only by order; a second group of dates, bounded among
    themselves but not from it, keeps the warning."""
    import yaml

    from conftest import check

    text = """
id: hung
diagnosis: {date: {before: l1.start}}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis}, end: pd,
     end_reason: progression, agents: [nivolumab]}
  - {id: pd, type: progression, date: {from: l1.start, offset: 6 months}}
  - {id: fu, type: follow-up, date: {from: l1.start, offset: 12 months}, status: alive}
"""
    checked = check(yaml.safe_load(text))
    assert not [p for p in checked.problems if p.code == "C008"], checked.problems
    two = text.replace(
        "  - {id: fu,",
        "  - {id: op, type: surgery, date: {after: diagnosis, before: l1.start}, curative: false}\n"
        "  - {id: rt, type: radiotherapy, start: {after: op, within: 1 month}, site: lung}\n"
        "  - {id: fu,",
    )
    checked = check(yaml.safe_load(two))
    assert [p for p in checked.problems if p.code == "C008"], checked.problems


def test_a_line_ended_on_the_next_ones_start_leaves_the_date_hung_on_unwarned() -> None:
    """Two lines, the first ended on the second's start (`end: l2.start`), before an
    operation the follow-up is "1 year after": C008 fired on the operation, the case's
    month 0, because the same-day end was read as a second group of dates bounded among
    themselves."""
    from timeline import check_text

    text = """
id: two-lines
diagnosis: {date: {before: l1.start}}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis}, end: l2.start,
     end_reason: progression, agents: [nivolumab]}
  - {id: pd, type: progression, date: l2.start}
  - {id: l2, type: regimen, intent: advanced, start: {after: l1.start},
     end: {after: l2.start, before: op}, end_reason: completed, agents: [pazopanib]}
  - {id: op, type: surgery, date: {after: l2.start}, procedure: nephrectomy, curative: true}
  - {id: fu, type: follow-up, date: {from: op, offset: 1 year}, status: alive-ned}
"""
    checked = check_text(text, "two-lines.yaml")
    warned = [p.message for p in checked.problems if p.code == "C008"]
    assert warned and not [m for m in warned if "'op'" in m], warned


def test_a_whole_number_of_months_after_a_propagated_bound_is_on_the_calendar() -> None:
    """Lapatinib "12 months" from a start known only to follow a progression from 2019-04-01:
    propagation counted the distance in its fewest days (365) and gave its end as "from
    2020-03-31", a day the source excludes; on the calendar it is from 2020-04-01."""
    from timeline import check_text

    text = """
id: anniversary
diagnosis: {date: 2017-07}
events:
  - {id: op, type: surgery, date: {after: diagnosis, before: a.start}, curative: false}
  - {id: a, type: regimen, intent: advanced, start: {after: op}, agents: [trastuzumab],
     end: pd1, end_reason: progression}
  - {id: pd1, type: progression, date: {from: a.start, offset: 21 months}}
  - {id: b, type: regimen, intent: advanced, start: {after: pd1}, agents: [lapatinib],
     end: {from: b.start, offset: 12 months}, end_reason: progression}
  - {id: pd2, type: progression, date: b.end}
"""
    checked = check_text(text, "anniversary.yaml")
    assert checked.chrono is not None
    assert checked.chrono.bounds("b.start").lo == date(2019, 4, 1).toordinal()
    assert checked.chrono.bounds("b.end").lo == date(2020, 4, 1).toordinal()


_COMBINED = """
format: 1
id: combined
diagnosis: {date: 2016-09}
events:
  - {id: p1, type: progression, date: P1}
  - {id: a, type: regimen, intent: advanced, end: p2, end_reason: progression, agents: [sorafenib],
     start: {from: p2, offset: about -25 months, ORDER}}
  - {id: p2, type: progression, date: 2021-02}
"""


def test_a_distance_may_carry_the_order_the_source_also_gives() -> None:
    """Anlotinib "after the progression of December 2018", with benefit for "nearly 25 months"
    before the progression of February 2021: the distance alone let the start fall in August
    2018, before the progression it answered; the order could not be written with it (S005)."""
    from timeline import check_text

    alone = check_text(_COMBINED.replace("P1", "2018-12").replace(", ORDER}", "}"), "alone.yaml")
    both = check_text(_COMBINED.replace("P1", "2018-12").replace("ORDER", "after: p1"), "b.yaml")
    assert alone.ok and both.ok, [p.format() for p in both.problems]
    assert alone.chrono is not None and both.chrono is not None
    assert alone.chrono.bounds("a.start").lo < date(2018, 12, 1).toordinal()
    start = both.chrono.bounds("a.start")
    assert start.lo == date(2018, 12, 1).toordinal()
    assert start.hi == alone.chrono.bounds("a.start").hi
    calendar = check_text(
        _COMBINED.replace("P1", "2018-12").replace("ORDER", "after: 2019-01"), "c"
    )
    assert calendar.ok and calendar.chrono is not None
    assert calendar.chrono.bounds("a.start").lo == date(2019, 1, 1).toordinal()


@pytest.mark.parametrize("order", ["after: p1", "after: 2020-01"])
def test_an_order_that_contradicts_the_distance_is_an_error(order: str) -> None:
    from timeline import check_text

    checked = check_text(_COMBINED.replace("P1", "2020-01").replace("ORDER", order), "x.yaml")
    assert [p.code for p in checked.problems if p.severity.name == "ERROR"] == ["C003"], [
        p.format() for p in checked.problems
    ]


def test_the_order_given_with_a_distance_may_carry_a_distance_of_its_own() -> None:
    """ "More than 50 months after the response" as the order of a date given as a distance
    ('after: {from: r, offset: 50 months}', as 'after' takes it everywhere else) was refused:
    "'after' of 'date' should be a date or an event id"."""
    from timeline import check_text

    # (p1 in December 2018: the start, about 25 months before February 2021, is at least 1
    # month after it only if the order's own distance is read)
    base = _COMBINED.replace("P1", "2018-12")
    near = check_text(base.replace("ORDER", "after: {from: p1, offset: 1 month}"), "n.yaml")
    assert near.ok, [p.format() for p in near.problems]
    assert near.chrono is not None
    assert near.chrono.bounds("a.start").lo == date(2019, 1, 1).toordinal()
    far = check_text(base.replace("ORDER", "after: {from: p1, offset: 3 years}"), "f.yaml")
    (c003,) = [p.message for p in far.problems if p.code == "C003"]
    assert "36 months" in c003 or "3 years" in c003, c003
    before = check_text(
        base.replace("ORDER", "after: p1, before: {from: p2, offset: -24 months}"), "b.yaml"
    )
    assert before.ok and before.chrono is not None
    assert before.chrono.bounds("a.start").hi == date(2019, 2, 28).toordinal()


def test_a_distance_may_carry_the_month_the_source_gives() -> None:
    """ "A partial response 1 month later, in March 2017": the distance and the month could not
    be written together (S005); now both hold, and a month they cannot share is C003."""
    from timeline import check_text

    text = (
        "format: 1\nid: month\ndiagnosis: {date: 2017-01}\nevents:\n"
        "  - {id: a, type: regimen, intent: advanced, start: 2017-02, end_reason: ongoing,"
        " agents: [paclitaxel]}\n"
        "  - {id: pr, type: response, category: PR,"
        " date: {from: a.start, offset: 1 month, at: MONTH}}\n"
        "  - {id: fu, type: follow-up, date: 2017-06, status: alive}\n"
    )
    both = check_text(text.replace("MONTH", "2017-03"), "m.yaml")
    assert both.ok and both.chrono is not None, [p.format() for p in both.problems]
    window = both.chrono.bounds("pr")
    assert (window.lo, window.hi) == (date(2017, 3, 1).toordinal(), date(2017, 3, 28).toordinal())
    wrong = check_text(text.replace("MONTH", "2017-05"), "w.yaml")
    (c003,) = [p.message for p in wrong.problems if p.code == "C003"]
    assert "in 2017-05" in c003, c003
    event = check_text(text.replace("MONTH", "a.start"), "e.yaml")
    assert "must be a calendar date" in " ".join(p.message for p in event.problems)


def test_within_still_needs_after_not_a_distance() -> None:
    from timeline import check_text

    checked = check_text(
        _COMBINED.replace("P1", "2018-12").replace("ORDER", "within: 2 months"), "w"
    )
    assert "S005" in {p.code for p in checked.problems}


def test_c008_says_where_a_date_with_no_latest_day_is_drawn() -> None:
    """A curative operation written only "after the diagnosis", a recurrence dated 8 years on:
    the drawing put the operation after the recurrence, and C008 said only that it had no
    latest day."""
    from timeline import check_text

    checked = check_text(
        "format: 1\nid: late\ndiagnosis: {date: 2010-01}\nevents:\n"
        "  - {id: op, type: surgery, date: {after: diagnosis}, curative: true}\n"
        "  - {id: rec, type: recurrence, date: {from: diagnosis, offset: 8 years}}\n",
        "late.yaml",
    )
    [c008] = [p.message for p in checked.problems if p.code == "C008"]
    assert "'op' has no latest day (no date bounds it from above)" in c008
    assert "so the drawing can place it only at its earliest day or by its order" in c008


@pytest.mark.parametrize(
    ("lo", "hi", "words"),
    [
        (None, None, "unknown"),
        (0, 0, "on the day of the diagnosis"),
        (91, 91, "3 months after the diagnosis"),
        (89, None, "at least 3 months after the diagnosis"),
        (7, None, "at least 7 days after the diagnosis"),
        (0, None, "not before the diagnosis"),
        (None, -14, "at least 2 weeks before the diagnosis"),
        (0, 30, "up to 4 weeks after the diagnosis"),
        (100, 130, "3.3 months to 4.3 months after the diagnosis"),
        (-10, 20, "between 10 days before and 3 weeks after the diagnosis"),
    ],
)
def test_a_distance_from_the_diagnosis_in_words(lo: int | None, hi: int | None, words: str) -> None:
    from timeline.points import distance_words

    assert distance_words(lo, hi, "the diagnosis") == words


_NEOADJUVANT_IN_THE_YEAR = """\
format: 1
id: diagnosed-in-2015
diagnosis: {date: 2015}
events:
  - id: ac
    type: regimen
    intent: neoadjuvant
    start: {before: mastectomy}
    end: {before: mastectomy}
    cycles: 6
    agents: [doxorubicin, cyclophosphamide]
  - {id: mastectomy, type: surgery, date: 2015-07, procedure: modified radical mastectomy}
  - {id: fu, type: follow-up, date: 2016-01, status: alive-ned}
"""


def test_the_diagnosis_comes_no_later_than_the_treatment_it_led_to() -> None:
    """A diagnosis "in 2015" and six cycles of neoadjuvant AC before a mastectomy in July 2015:
    the diagnosis was drawn in July, after the chemotherapy it led to began (in April), and no
    rule said so. Every case holds, unwritten, that its diagnosis comes no later than the start
    of each treatment its dates allow it before; a treatment its dates put before the diagnosis
    keeps them, and C006 says so."""
    from timeline import check_text

    checked = check_text(_NEOADJUVANT_IN_THE_YEAR, "year.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    chrono, plan = checked.chrono, checked.schedule
    assert chrono is not None and plan is not None
    assert chrono.bounds("diagnosis").hi <= chrono.bounds("ac.start").hi
    assert (chrono.least("diagnosis", "ac.start") or 0) >= 0
    assert plan.point("diagnosis").day <= plan.point("ac.start").day  # type: ignore[union-attr]
    assert not [p for p in checked.problems if p.code == "C006"]
    # supportive care and an operation that is not cancer treatment may come first
    earlier = _NEOADJUVANT_IN_THE_YEAR.replace(
        "  - {id: fu,",
        "  - {id: hernia, type: surgery, date: 2014-06, procedure: hernia repair, oncologic: false}\n"
        "  - {id: fu,",
    )
    assert check_text(earlier, "year.yaml").ok
    # a treatment dated certainly before the diagnosis is not moved: C006 warns of it
    before = _NEOADJUVANT_IN_THE_YEAR.replace("date: 2015}", "date: 2015-09}")
    found = check_text(before, "year.yaml")
    assert [p.code for p in found.problems if p.code == "C006"] == ["C006", "C006"]
    assert (
        found.chrono is not None
        and found.chrono.bounds("diagnosis").lo == date(2015, 9, 1).toordinal()
    )


def _solved_further_and_again(case: Any) -> tuple[bool, bool] | None:
    """The case solved, then the diagnosis related to its treatments two ways: propagated
    from the new constraints alone, and the whole network solved again from its settled
    bounds. (whether the two agree, whether the new constraints narrowed any bounds); None
    when the case needs no such relation."""
    from timeline.constraints import ConstraintBuilder
    from timeline.solver import solve, solve_further

    net = ConstraintBuilder(case, Problems())
    net.build()
    edges, settled, network = solve(net, Problems())
    assert settled
    first = chronology._diagnosis_first(
        case, Chronology(case, net.bounds, net.alias, net.labels, edges)
    )
    if not first:
        return None
    chronology._relate_to_diagnosis(net, first)
    settled_bounds = {k: list(v) for k, v in net.bounds.items()}
    further = solve_further(net, network, len(first), Problems())
    further_bounds = net.bounds
    net.bounds = {k: list(v) for k, v in settled_bounds.items()}
    again = solve(net, Problems())
    assert further[1] and again[1]
    same = further_bounds == net.bounds and further[0] == again[0]
    return same, further_bounds != settled_bounds


def test_solving_further_gives_what_solving_the_whole_network_again_gives() -> None:
    """The relation "the diagnosis precedes its treatment" is propagated from the new
    constraints alone (:func:`timeline.solver.solve_further`): on every library case that
    needs it, and on cases where it narrows the windows (a diagnosis "in 2015", whose
    treatment began in April and ended "3 months" before an operation), the same bounds and
    distance graph as solving the whole network again from its settled bounds."""
    from conftest import CASES
    from timeline import check_text
    from timeline.model import Case

    texts = [
        ("year.yaml", _NEOADJUVANT_IN_THE_YEAR),
        (
            "months.yaml",
            _NEOADJUVANT_IN_THE_YEAR.replace(
                "    end: {before: mastectomy}", "    end: {from: mastectomy, offset: -3 months}"
            ).replace("date: 2015-07,", "date: 2015-07-20,"),
        ),
    ]
    texts += [(path.name, path.read_text(encoding="utf-8")) for path in CASES]
    compared, narrowed = [], []
    for name, text in texts:
        checked = check_text(text, name)
        assert checked.ok, name
        if not isinstance(checked.case, Case):
            continue
        found = _solved_further_and_again(checked.case)
        if found is not None:
            assert found[0], name
            compared.append(name)
            if found[1]:
                narrowed.append(name)
    assert len(compared) >= 5
    assert {"year.yaml", "months.yaml"} <= set(narrowed)


def test_dates_counted_in_cycles_from_one_start_come_in_their_order() -> None:
    """A marrow "after cycle 4" and the delay of cycle 8, each written a number of cycles of
    unstated length from the start of azacitidine + venetoclax: each was bounded only from
    below, and the schedule put the delay of cycle 8 before the marrow after cycle 4. Dates
    from one start come in the order of their cycles, a week a cycle apart at least."""
    checked = check(
        """format: 1
id: cycles-order
diagnosis: {date: 2023-01}
events:
  - {id: av, type: regimen, intent: advanced, start: 2023-02, end: {before: fu},
     end_reason: toxicity, agents: [azacitidine, venetoclax]}
  - {id: cr4, type: response, date: {from: av.start, offset: 4 cycles, before: fu},
     category: CR}
  - {id: delay8, type: toxicity, date: {from: av.start, offset: 7 cycles, before: fu},
     term: Neutrophil count decreased, agents: [venetoclax], action: held}
  - {id: cr8, type: response, date: {from: av.start, offset: 8 cycles, before: fu},
     category: CR}
  - {id: fu, type: follow-up, date: 2024-03, status: alive}
"""
    )
    chrono = checked.chrono
    assert chrono is not None
    assert chrono.least("cr4", "delay8") == 21 and chrono.least("delay8", "cr8") == 7
    plan = checked.schedule
    assert plan is not None
    days = [plan.point(k).day for k in ("cr4", "delay8", "cr8")]  # type: ignore[union-attr]
    assert days == sorted(days), days


def test_the_cycles_of_an_ongoing_regimen_and_those_left_after_a_date_take_time() -> None:
    """Bevacizumab "for 101 cycles" to date, begun at no stated date, held "after 44 cycles": an ongoing
    regimen's cycles did not bound its length ("≥ 10 months" for 101 cycles, which take 100
    weeks at least), and a stable disease "after 44 cycles" (a hold, in the case) could fall in the last weeks before the follow-up, 57
    cycles later. Both are bounded now, a week a cycle at least."""
    from timeline import check_text

    text = """\
format: 1
id: many-cycles
diagnosis: {date: 2014-06}
events:
  - {id: bev, type: regimen, intent: advanced, start: {after: diagnosis},
     end_reason: ongoing, cycles: 101, agents: [bevacizumab]}
  - {id: sd, type: response, category: SD, date: {from: bev.start, offset: 44 cycles}}
  - {id: fu, type: follow-up, date: 2017-03, status: alive-progression-free}
"""
    checked = check_text(text, "cycles.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    ch = checked.chrono
    assert ch is not None
    assert ch.least("bev.start", "fu") == 100 * 7
    # the date after 44 cycles leaves 57, 56 weeks at least, before the follow-up
    assert ch.least("sd", "fu") == 56 * 7
    assert ch.bounds("sd").hi == date(2017, 3, 31).toordinal() - 56 * 7


def test_c008_names_the_undated_point_that_bounds_a_date_from_above() -> None:
    """The end of dabrafenib + trametinib written "before the operation", the operation itself
    dated only after a response: C008 said "no date bounds it from above", as if the
    `before:` had been lost; it names the operation, which has no latest day either."""
    from timeline import check_text

    checked = check_text(
        "format: 1\nid: late\ndiagnosis: {date: 2023-01}\nevents:\n"
        "  - {id: dt, type: regimen, intent: neoadjuvant, start: 2023-02,"
        " end: {after: pr, before: op}, end_reason: toxicity, agents: [dabrafenib]}\n"
        "  - {id: pr, type: response, date: 2023-07, category: PR}\n"
        "  - {id: op, type: surgery, date: {after: pr}, procedure: thyroidectomy}\n",
        "late.yaml",
    )
    said = [p.message for p in checked.problems if p.code == "C008"]
    end = next(m for m in said if m.startswith("the end of 'dt'"))
    assert "has no latest day ('op', which it comes before, has none either)" in end, end
    assert "no date bounds it from above" in next(m for m in said if m.startswith("'op'"))


def test_c008_of_cycles_of_unstated_length_names_the_undated_point_after_them() -> None:
    """A partial response "after six cycles" of pembrolizumab, before an operation dated only
    after it: C008 said "no date bounds it from above" of a date written with `before: op`."""
    from timeline import check_text

    checked = check_text(
        "format: 1\nid: cycles\ndiagnosis: {date: 2019-01}\nevents:\n"
        "  - {id: pembro, type: regimen, intent: advanced, start: 2019-03,"
        " agents: [pembrolizumab], end: op, end_reason: surgery}\n"
        "  - {id: pr, type: response, date: {from: pembro.start, offset: 6 cycles,"
        " before: op}, category: PR}\n"
        "  - {id: op, type: surgery, date: {after: pr}, procedure: resection}\n",
        "cycles.yaml",
    )
    said = next(p.message for p in checked.problems if p.code == "C008" and "'pr'" in p.message)
    assert "and 'op', which it comes before, has no latest day:" in said, said
    assert "no date bounds it from above" not in said, said


def test_c008_warns_of_two_dates_that_excuse_only_each_other() -> None:
    """A melanoma's iliac nodes resected "after" a recurrence of May 2016 and "before" a groin
    node found "3 months" after that resection: each date is close to the other, so neither
    was warned of, though neither has a latest day; `show` then listed the groin node after
    the toxicity of the therapy it led to. One of them is warned of."""
    from timeline import check_text

    text = (
        "format: 1\nid: loop\ndiagnosis: {date: 2014-05}\nevents:\n"
        "  - {id: rec, type: recurrence, date: 2016-05}\n"
        "  - {id: op, type: surgery, date: {after: rec, before: groin}, procedure: resection}\n"
        "  - {id: groin, type: progression, date: {from: op, offset: 3 months}}\n"
        "  - {id: ipi, type: regimen, intent: advanced, start: 2016-09, agents: [ipilimumab],"
        " end_reason: ongoing}\n"
        "  - {id: fu, type: follow-up, date: {after: ipi.start}, status: alive-with-disease}\n"
    )
    said = [p.message for p in check_text(text, "loop.yaml").problems if p.code == "C008"]
    assert any(m.startswith("'op' has no latest day") for m in said), said
    # bounded, the two are dated as closely as the source says: neither is warned of
    bounded = text.replace("before: groin}", "before: groin, within: 2 months}")
    said = [p.message for p in check_text(bounded, "bounded.yaml").problems if p.code == "C008"]
    assert not any(m.startswith(("'op'", "'groin'")) for m in said), said


def test_a_dose_change_or_a_toxicitys_end_after_the_last_follow_up_is_an_error() -> None:
    """A lung cancer report: durvalumab held for a pneumonitis and resumed after it had
    resolved, a month on; the last follow-up written ten days after the pneumonitis. Nothing
    said so: the figure drew the follow-up before the resumption. The end of a toxicity and a
    drug's held or resumed dose come no later than the last follow-up, as every event does."""
    from timeline import check_text

    text = """
format: 1
id: after-follow-up
diagnosis: {date: 2023-01}
events:
  - {id: durva, type: regimen, intent: consolidation, start: 2023-06-01, end_reason: ongoing,
     exposures: [{agent: durvalumab, dose_changes: [{date: DATE, change: CHANGE}]}]}
  - {id: pneu, type: toxicity, date: 2023-07-01, end: 2023-08-01, term: Pneumonitis,
     grade: 2, agents: [durvalumab], action: held}
  - {id: fu, type: follow-up, date: 2023-07-11, status: alive}
"""
    held = check_text(text.replace("DATE", "2023-07-01").replace("CHANGE", "held"), "a.yaml")
    assert any(
        p.code == "C005" and "the end of 'pneu' comes after the last follow-up" in p.message
        for p in held.errors
    ), [p.format() for p in held.problems]
    resumed = check_text(
        text.replace("DATE", "2023-08-02")
        .replace("CHANGE", "resumed")
        .replace("end: 2023-08-01", "end: 2023-07-05"),
        "b.yaml",
    )
    assert any("comes after the last follow-up" in p.message for p in resumed.errors), [
        p.format() for p in resumed.problems
    ]
