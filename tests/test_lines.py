"""Line numbering and intervals."""

from __future__ import annotations

import copy
import math
import re
from typing import Any

import pytest
import yaml

from conftest import ABLATION_BETWEEN_LINES, case, check, event, many_lines_case
from timeline import check_text
from timeline.summary import summary_text


def test_adjuvant_is_not_numbered_and_advanced_lines_count_up() -> None:
    result = check(case())
    assert [(ln.number, ln.label) for ln in result.lines] == [
        (None, "adjuvant"),
        (1, "L1"),
        (2, "L2"),
    ]


def test_maintenance_continues_the_line() -> None:
    data = case()
    line2 = event(data, "line2")
    line2["intent"] = "maintenance"
    result = check(data)
    assert [ln.label for ln in result.lines] == ["adjuvant", "L1", "L1 maintenance"]


def test_maintenance_straight_after_primary_treatment_is_not_a_line() -> None:
    """Olaparib after adjuvant carboplatin + paclitaxel (first-line maintenance in ovarian
    cancer) was numbered "L1 maintenance", and the first treatment of the recurrence "L2": a
    maintenance continues the line before it, and adjuvant therapy is none."""
    data = case()
    data["events"].insert(
        2,
        {
            "id": "olaparib",
            "type": "regimen",
            "intent": "maintenance",
            "start": "2010-09",
            "end": "2012-05",
            "end_reason": "progression",
            "agents": ["olaparib"],
        },
    )
    result = check(data)
    assert [ln.label for ln in result.lines] == ["adjuvant", "maintenance", "L1", "L2"]
    names = {i.name for i in result.intervals}
    assert "PFS L1" in names and "PFS L2" in names and "PFS L3" not in names
    # after an advanced line, maintenance still continues it
    event(data, "line2")["intent"] = "maintenance"
    assert [ln.label for ln in check(data).lines] == [
        "adjuvant",
        "maintenance",
        "L1",
        "L1 maintenance",
    ]


def test_consolidation_continues_the_line_and_a_later_advanced_regimen_starts_the_next() -> None:
    # induction, a planned transplant and maintenance are one line (Rajkumar 2015, docs/rules.md)
    data = case()
    line2 = event(data, "line2")
    line2.update(
        intent="consolidation", name="consolidation", end="2013-03", end_reason="completed"
    )
    third = dict(line2, id="line3", intent="maintenance", start="2013-04", agents=["capecitabine"])
    third.update(name="maintenance", end_reason="ongoing")
    del third["end"]
    data["events"].append(third)
    result = check(data)
    assert result.ok, [p.format() for p in result.problems]
    assert [(ln.number, ln.label) for ln in result.lines] == [
        (None, "adjuvant"),
        (1, "L1"),
        (1, "L1 consolidation"),
        (1, "L1 maintenance"),
    ]
    assert "L1 consolidation" in summary_text(result)


def test_adding_a_drug_after_progression_is_a_new_line() -> None:
    data = case()
    event(data, "line2")["agents"] = ["letrozole", "palbociclib"]
    result = check(data)
    assert result.lines[-1].number == 2
    assert result.lines[-1].regimen.agent_names() == ("letrozole", "palbociclib")


def test_intervals_are_censored_at_follow_up() -> None:
    result = check(case())
    names = {i.name: i for i in result.intervals}
    assert not names["PFS L1"].censored
    assert names["PFS L2"].censored
    assert names["follow-up"].censored
    dfs = names["DFS"].months()
    assert dfs is not None and 26 <= dfs[0] <= dfs[1] <= 29


def test_death_gives_overall_survival() -> None:
    data = case()
    data["events"] = [e for e in data["events"] if e["id"] != "fu"]
    event(data, "line2")["end"] = "2013-10"
    event(data, "line2")["end_reason"] = "other"
    data["events"].append(
        {"id": "death", "type": "death", "date": "2013-11-02", "cause": "breast cancer"}
    )
    result = check(data)
    assert result.ok, [p.format() for p in result.problems]
    names = {i.name: i for i in result.intervals}
    assert "OS" in names and not names["OS"].censored
    assert [s.after for s in result.steps][-1] == "dead"


def _intervals(data: dict) -> dict:  # type: ignore[type-arg]
    result = check(data)
    assert result.ok, [p.format() for p in result.problems]
    return {i.name: i for i in result.intervals}


def test_pfs_is_censored_at_the_next_line_when_no_progression_comes_first() -> None:
    data = case()
    data["events"] = [e for e in data["events"] if e["id"] not in ("pd", "ai-resistance")]
    event(data, "line1")["end_reason"] = "toxicity"
    names = _intervals(data)
    pfs = names["PFS L1"]
    assert pfs.censored and pfs.end_key == "line2.start"
    months = pfs.months()
    assert months is not None and months[1] <= 9.5  # never longer than the line itself


def test_a_progression_dated_only_after_the_start_counts() -> None:
    data = case()
    event(data, "pd")["date"] = {"after": "line1.start", "before": "line2.start"}
    names = _intervals(data)
    assert not names["PFS L1"].censored and names["PFS L1"].end_key == "pd"


def test_no_response_interval_without_a_cr_or_pr() -> None:
    data = case()
    event(data, "pr")["category"] = "SD"
    names = _intervals(data)
    assert "response L1" not in names and "response L2" not in names


def test_response_interval_belongs_to_its_own_line() -> None:
    names = _intervals(case())
    assert names["response L1"].start_key == "pr"
    assert "response L2" not in names  # the PR on L1 is not L2's


def test_a_response_the_case_puts_after_the_next_line_is_not_this_lines() -> None:
    """A HER2 report: trastuzumab-pertuzumab-docetaxel, then trastuzumab deruxtecan, then a
    complete response "after six cycles" of it, no date for any: the schedule puts the two
    starts and the response on one day, and the response was counted as the first line's. It
    is the second line's, as the case says; a response on the next line's very day (the
    restaging at the switch) stays with the line it ends."""
    data = case()
    data["events"] = [
        e for e in data["events"] if e["id"] not in ("pd", "ai-resistance", "adjuvant")
    ]
    event(data, "line1").update(
        start={"after": "recurrence"}, end="line2.start", end_reason="unknown"
    )
    event(data, "line2")["start"] = {"after": "line1.start"}
    event(data, "pr")["date"] = {"after": "line2.start"}
    event(data, "fu")["date"] = {"after": "pr"}
    names = _intervals(data)
    assert "response L1" not in names
    assert names["response L2"].start_key == "pr"
    event(data, "pr")["date"] = "line2.start"  # on the day of the switch: the first line's
    names = _intervals(data)
    assert names["response L1"].start_key == "pr"


def test_a_response_the_case_puts_before_the_lines_start_is_not_this_lines() -> None:
    """A Hodgkin report: a PR on the line, then a progression, then the next line, none dated
    but by order: the schedule puts the three on one day, and the next line's response was
    counted from the PR that came before it. That PR is the first line's; the second line's
    response is the one after its start."""
    data = case()
    data["events"] = [e for e in data["events"] if e["id"] not in ("ai-resistance",)]
    event(data, "line1").update(end="pd", end_reason="progression")
    event(data, "pr")["date"] = {"after": "line1.start"}
    event(data, "pd")["date"] = {"after": "pr"}
    event(data, "line2")["start"] = {"after": "pd"}
    data["events"].insert(
        len(data["events"]) - 1,
        {"id": "cr", "type": "response", "date": {"after": "line2.start"}, "category": "CR"},
    )
    event(data, "fu")["date"] = {"after": "cr"}
    names = _intervals(data)
    assert names["response L1"].start_key == "pr"
    assert names["response L2"].start_key == "cr"


def test_a_response_after_an_undated_end_is_still_the_lines() -> None:
    """A small-cell report: four cycles of carboplatin and etoposide, a partial response, a
    time to progression of nine months; neither the end nor the response dated. The end was
    placed at its least length (four cycles of unstated length: a few weeks), the response
    between the start and the progression, and the line's response left out. The end bounds
    the line by the latest day it can be, and restaging follows the last cycle by weeks."""
    data = case()
    data["events"] = [e for e in data["events"] if e["id"] not in ("ai-resistance",)]
    event(data, "pd").update(date={"from": "line1.start", "offset": "9 months"})
    event(data, "line1").update(
        start="2012-06-01",
        end={"after": "line1.start", "before": "pd"},
        cycles=4,
        end_reason="completed",
    )
    event(data, "pr")["date"] = {"after": "line1.start", "before": "pd"}
    event(data, "line2")["start"] = {"after": "pd", "within": "1 month"}
    event(data, "fu")["date"] = "2014-01"
    names = _intervals(data)
    assert names["response L1"].start_key == "pr"
    # an end dated on the calendar bounds it with the weeks of restaging after it
    event(data, "line1")["end"] = "2012-07-01"
    event(data, "pr")["date"] = "2012-08-10"  # six weeks after the last cycle
    assert _intervals(data)["response L1"].start_key == "pr"


def test_treatment_free_intervals() -> None:
    data = case()
    # stop letrozole in 2013-01, start line 2 in 2013-07: a break of about six months
    event(data, "line1")["end"] = "2013-01"
    event(data, "line2")["start"] = "2013-07"
    names = _intervals(data)
    tfis = [i for i in names.values() if i.kind == "TFI"]
    # after adjuvant therapy to line 1 (2010-08 → 2012-06), and between the lines
    assert [i.name for i in tfis] == ["TFI 1", "TFI 2"]
    gap = tfis[1].months()
    assert gap is not None and 4.9 <= gap[0] <= gap[1] <= 7.1
    assert "two weeks" in tfis[1].definition


def test_the_time_off_therapy_ended_by_death_is_a_length_not_a_least_one() -> None:
    """A transplant 58 days before death, the last therapy: "≥ 8 weeks" read as censored, as
    if the time off therapy could have gone on; death ended it. Cut at a follow-up, it is
    censored."""

    def last_tfi(final: dict[str, Any]) -> Any:
        data = case()
        line2 = event(data, "line2")
        line2["end"], line2["end_reason"] = "2013-06-10", "completed"
        data["events"][-1] = final
        return [i for i in _intervals(data).values() if i.kind == "TFI"][-1]

    died = last_tfi({"id": "death", "type": "death", "date": "2013-08-07"})
    assert not died.censored and died.end_key == "death"
    assert died.text() == "8 weeks" and "to death" in died.definition
    followed = last_tfi(
        {"id": "fu", "type": "follow-up", "date": "2013-08-07", "status": "alive-with-disease"}
    )
    assert followed.censored and followed.text() == "≥ 8 weeks"


def test_a_break_the_dates_do_not_prove_is_not_a_treatment_free_interval() -> None:
    data = case()
    event(data, "line2")["start"] = {"after": "line1", "within": "1 month"}
    names = _intervals(data)
    starts = [i.start_key for i in names.values() if i.kind == "TFI"]
    assert len(starts) == 1 and starts[0].startswith("adjuvant.")  # only adjuvant → line 1


def test_a_therapy_that_may_still_be_going_on_leaves_no_treatment_free_interval() -> None:
    """Line 1 gives letrozole an end and goserelin none: goserelin may have gone on past the
    start of line 2, so the break after letrozole is not certain."""

    def gaps(goserelin_end: str | None) -> list[str]:
        data = case()
        line1 = event(data, "line1")
        del line1["end"]
        line1["end_reason"] = "progression"
        goserelin: dict[str, Any] = {"agent": "goserelin"}
        if goserelin_end:
            goserelin["end"] = goserelin_end
        line1["exposures"] = [
            {"agent": "letrozole", "dose": "2.5 mg", "schedule": "daily", "end": "2013-01"},
            goserelin,
        ]
        event(data, "line2")["start"] = "2013-07"
        result = check(data)
        assert result.ok, [p.format() for p in result.errors]
        return [i.start_key for i in result.intervals if i.kind == "TFI"]

    # both ends given, on one day: the break holds, from the end listed last
    assert gaps("2013-01")[1:] == ["line1.goserelin.end"]
    assert gaps(None)[1:] == []  # goserelin's end not given: no break claimed


def test_a_metastasectomy_gives_a_second_disease_free_interval() -> None:
    data = case()
    data["events"].append(
        {"id": "liver-resection", "type": "surgery", "date": "2013-03", "curative": True}
    )
    event(data, "line2")["intent"] = "adjuvant"
    event(data, "line2")["start"] = "2013-04"
    event(data, "line2")["end"] = "2013-09"
    event(data, "line2")["end_reason"] = "completed"
    names = _intervals(data)
    assert "DFS" in names and "DFI after liver-resection" in names
    assert names["DFI after liver-resection"].censored


def _disease_free(last: dict[str, Any]) -> dict[str, Any]:
    """Curative surgery and adjuvant therapy, then no recurrence up to ``last``."""
    data = case()
    keep = ("surgery", "adjuvant")
    data["events"] = [e for e in data["events"] if e["id"] in keep] + [last]
    return data


def test_dfs_without_recurrence_is_censored_at_the_last_follow_up() -> None:
    fu = {"id": "fu", "type": "follow-up", "date": "2015-01-20", "status": "alive-ned"}
    result = check(_disease_free(fu))
    assert result.errors == [], [p.format() for p in result.errors]
    dfs = {i.name: i for i in result.intervals}["DFS"]
    assert dfs.censored and (dfs.start_key, dfs.end_key) == ("surgery", "fu")
    assert dfs.days == (1826, 1826)  # 2010-01-20 to 2015-01-20
    assert dfs.text().startswith("≥ 60 months")
    assert re.search(r"^  DFS +≥ 60 months; from 'surgery' to 'fu'$", summary_text(result), re.M)


def test_dfs_without_recurrence_ends_at_death_as_an_event() -> None:
    """Death from any cause ends DFS (FDA 2018 endpoints guidance), uncensored."""
    death = {"id": "death", "type": "death", "date": "2013-07"}
    result = check(_disease_free(death))
    assert result.errors == [], [p.format() for p in result.errors]
    names = {i.name: i for i in result.intervals}
    assert not names["DFS"].censored and names["DFS"].end_key == "death"
    assert not names["DFS"].text().startswith("≥")
    assert not names["OS"].censored and "follow-up" not in names


def test_a_dfi_after_a_metastasectomy_is_censored_too() -> None:
    data = case()
    data["events"] = [e for e in data["events"] if e["id"] in ("surgery", "adjuvant", "recurrence")]
    data["events"] += [
        {"id": "hepatectomy", "type": "surgery", "date": "2012-07", "curative": True},
        {"id": "fu", "type": "follow-up", "date": "2016-07", "status": "alive-ned"},
    ]
    result = check(data)
    assert result.errors == [], [p.format() for p in result.errors]
    names = {i.name: i for i in result.intervals}
    assert not names["DFS"].censored and names["DFS"].end_key == "recurrence"
    dfi = names["DFI after hepatectomy"]
    assert dfi.censored and (dfi.start_key, dfi.end_key) == ("hepatectomy", "fu")
    assert dfi.text() == "censored at ≈ 48 months (range 47–49)"


def test_a_dfi_is_censored_at_death() -> None:
    """A DFI counts recurrences only: death after a metastasectomy censors it."""
    data = case()
    data["events"] = [e for e in data["events"] if e["id"] in ("surgery", "adjuvant", "recurrence")]
    data["events"] += [
        {"id": "hepatectomy", "type": "surgery", "date": "2012-07", "curative": True},
        {"id": "death", "type": "death", "date": "2014-02"},
    ]
    result = check(data)
    assert result.errors == [], [p.format() for p in result.errors]
    dfi = {i.name: i for i in result.intervals}["DFI after hepatectomy"]
    assert dfi.censored and dfi.end_key == "death"


def test_each_of_many_lines_is_ended_by_its_own_progression_and_resistance() -> None:
    for wide in (False, True):
        result = check(many_lines_case(40, wide))
        assert result.ok, [p.format() for p in result.problems]
        assert [ln.number for ln in result.lines] == list(range(1, 41))
        for i, ln in enumerate(result.lines):
            assert ln.causes() == ("progression", f"resistance to drug {i}")
        names = {iv.name: iv for iv in result.intervals}
        assert all(f"PFS L{n}" in names and f"response L{n}" in names for n in range(1, 41))


def test_a_locoregional_regimen_is_local_therapy_not_a_line() -> None:
    """Hepatic arterial infusion of cisplatin between the recurrence and the first line: not
    numbered (the first systemic line stays L1), drawn in the Local lane under its procedure's
    name, exported as its own swimmer lane, and matched to no trial arm."""
    from conftest import ROOT, case, check
    from svgread import groups, with_class
    from timeline.evidence import load_trials, matches
    from timeline.interchange.swimmer import swimmer_rows
    from timeline.render import render_case

    data = case()
    data["events"].insert(
        3,
        {
            "id": "haic",
            "type": "regimen",
            "name": "HAIC",
            "intent": "locoregional",
            "start": "2012-05-20",
            "end": "2012-05-30",
            "end_reason": "completed",
            "exposures": [{"agent": "paclitaxel", "route": "intra-arterial"}],
        },
    )
    checked = check(data)
    assert checked.ok, [p.format() for p in checked.problems]
    labels = {ln.regimen.id: ln.label for ln in checked.lines}
    assert labels["haic"] == "locoregional" and labels["line1"] == "L1" and labels["line2"] == "L2"
    gs = groups(render_case(checked, backend="wasm"))
    local = with_class(gs, "therapy", "local")
    assert [g.id for g in local] == ["bar-surgery", "bar-haic-paclitaxel"]
    assert any(
        "HAIC: paclitaxel" in t for g in gs if g.id == "label-haic-paclitaxel" for t in g.texts
    )
    rows = [r for r in swimmer_rows(checked) if r["event"] == "haic"]
    assert rows and rows[0]["lane"] == "locoregional"
    trials = load_trials(sorted(str(p) for p in (ROOT / "cases" / "trials").glob("*.yaml")))
    found = matches(checked, trials)
    assert any(m.line.regimen.id == "line2" for m in found)  # paclitaxel alone: E2100's arm
    assert all(m.line.regimen.id != "haic" for m in found)


def test_the_duration_of_a_line_whose_end_is_not_reported_is_its_least_length() -> None:
    """A regimen whose end the case writes ``unknown`` (bounded by the last follow-up) has no
    duration to give but its least length: the plausible end would be a guess."""
    from conftest import case, check, event

    data = case()
    line1 = event(data, "line1")
    line1["end"] = "unknown"
    line1["end_reason"] = "unknown"
    found = {i.name: i for i in check(data).intervals}
    duration = found["duration L1"]
    assert not duration.end_reported
    assert duration.text() == "not known (the end is not reported)"
    assert duration.as_dict()["months"] is None and duration.as_dict()["months_max"] is None
    line1["end"] = "2013-02"
    assert check(data).intervals and next(
        i for i in check(data).intervals if i.name == "duration L1"
    ).text().startswith("≈ 8 months")


def test_a_recurrence_known_only_to_precede_the_line_is_not_what_ended_it() -> None:
    """In a case dated only relative to itself, a recurrence placed by order before an
    operation that precedes the line has no most distance to the line's start, only a least:
    that is enough to know it came first, so the line is ended by its own progression."""
    text = """
format: 1
id: order-only
title: a recurrence known only by order
diagnosis: {date: unknown, site: thyroid}
events:
  - {id: op, type: surgery, date: unknown, procedure: thyroidectomy, curative: unknown}
  - {id: relapse, type: recurrence, date: {before: op2}, sites: [neck]}
  - {id: op2, type: surgery, date: {after: op}, procedure: neck dissection, curative: unknown}
  - id: mets
    type: progression
    date: {from: op2, offset: about 1 year}
    new_sites: [lung]
  - id: l1
    type: regimen
    intent: advanced
    start: {after: mets, within: 3 months}
    end: {after: pd, within: 1 month}
    end_reason: progression
    exposures: [{agent: sorafenib}]
  - {id: pd, type: progression, date: {from: l1.start, offset: 6 months}, sites: [neck]}
"""
    result = check(text)
    assert result.ok, [p.format() for p in result.problems]
    (line,) = result.lines
    assert line.causes() == ("progression",)


def test_show_says_an_end_written_unknown_is_not_reported() -> None:
    """``show`` gives only the window of an end the case does not report (its plausible day
    would be a guess, and was printed as "≈ day"), and the JSON says so."""
    from timeline.summary import summary_data

    data = case()
    line1 = event(data, "line1")
    line1["end"] = "unknown"
    line1["end_reason"] = "unknown"
    result = check(data)
    (row,) = [ln for ln in summary_text(result).splitlines() if ln.startswith("  L1 ")]
    assert re.search(r"→ end not reported \(\d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d\)\]$", row), row
    lines = summary_data(result)["lines"]
    first = next(ln for ln in lines if ln["label"] == "L1")
    assert first["end_reported"] is False
    assert all(x["end_reported"] is False for x in first["exposures"])
    assert all(ln["end_reported"] for ln in lines if ln["label"] != "L1" and not ln["ongoing"])


def test_a_least_length_is_rounded_down_and_a_range_outwards() -> None:
    """At least 145 days (4.8 months) is "≥ 4 months": "≥ 5" would claim more than the source
    says. A range is rounded outwards for the same reason."""
    text = """
format: 1
id: rounded
title: rounding of bounds
diagnosis: {date: 2015-03, site: eye}
events:
  - {id: op, type: surgery, date: 2015-04, procedure: enucleation, curative: true}
  - {id: mets, type: recurrence, date: 2015-10-01, sites: [liver]}
  - id: combo
    type: regimen
    intent: advanced
    start: 2015-11-02
    end: {from: combo.start, offset: 4 cycles of 3 weeks}
    end_reason: completed
    exposures: [{agent: ipilimumab}, {agent: nivolumab}]
  - {id: pd, type: progression, date: {after: 2016-02-20, before: 2016-04-20}}
  - {id: fu, type: follow-up, date: {after: {from: combo.end, offset: 145 days}}, status: alive}
"""
    result = check(text)
    found = {i.name: i for i in result.intervals}
    tfi = next(i for name, i in found.items() if name.startswith("TFI"))
    assert tfi.text() == "censored at ≥ 4 months ('fu' has no latest day)"
    pfs = next(i for name, i in found.items() if name.startswith("PFS"))
    lo, hi = pfs.months()  # type: ignore[misc]
    assert pfs.text().endswith(f"(range {int(lo)}–{int(hi) + 1})"), (pfs.text(), lo, hi)


def test_an_interval_open_on_its_far_side_gives_its_least_length() -> None:
    """ "A durable response more than 22 months after the last dose": the time off therapy has
    no most, but at least 22 months; it was "not computable"."""
    text = """
format: 1
id: more-than
title: more than 22 months off therapy
diagnosis: {date: 2015-03, site: eye}
events:
  - {id: op, type: surgery, date: 2015-04, procedure: enucleation, curative: true}
  - {id: mets, type: recurrence, date: 2015-10, sites: [liver]}
  - id: combo
    type: regimen
    intent: advanced
    start: 2015-11
    end: {from: combo.start, offset: 4 cycles of 3 weeks}
    end_reason: completed
    exposures: [{agent: ipilimumab}, {agent: nivolumab}]
  - {id: fu, type: follow-up, date: {after: {from: combo.end, offset: 22 months}}, status: alive}
"""
    result = check(text)
    assert result.ok, [p.format() for p in result.problems]
    found = {i.name: i for i in result.intervals}
    tfi = next(i for name, i in found.items() if name.startswith("TFI"))
    assert tfi.days is None and tfi.text() == "censored at ≥ 22 months ('fu' has no latest day)"
    record = tfi.as_dict()
    assert record["months"] is None and record["months_max"] is None
    assert 21.5 < record["months_min"] < 22.5  # type: ignore[operator]


#: a case without calendar dates whose metastases come three years after the diagnosis
_METASTASES_AT_3_YEARS = """
format: 1
id: relative
title: metastases three years after the diagnosis, then lines dated from them
diagnosis: {date: unknown, site: breast}
events:
  - {id: mets, type: progression, date: {from: diagnosis, offset: 3 years}, new_sites: [lung]}"""


def _advanced_line(ident: str, start: str, end: str, *agents: str) -> str:
    """A regimen of ``agents`` for advanced disease, ended by progression, as case text."""
    exposures = ", ".join(f"{{agent: {a}}}" for a in agents)
    return f"""
  - id: {ident}
    type: regimen
    intent: advanced
    start: {start}
    end: {end}
    end_reason: progression
    exposures: [{exposures}]"""


def test_pfs_does_not_end_at_the_progression_the_line_answered() -> None:
    """Each line starts "after" the progression before it, with no interval: the schedule puts
    the start on that progression's day, and PFS ended there ("not computable"); it ends at
    the line's own progression, 8 and 15 months on, as the source says."""
    text = (
        _METASTASES_AT_3_YEARS
        + _advanced_line("l1", "{after: mets}", "{at: pd1}", "palbociclib", "letrozole")
        + "\n  - {id: pd1, type: progression, date: {from: l1.start, offset: 8 months}}"
        + _advanced_line("l2", "{after: pd1}", "{at: pd2}", "abemaciclib", "fulvestrant")
        + "\n  - {id: pd2, type: progression, date: {from: l2.start, offset: 15 months}}\n"
    )
    result = check(text)
    assert result.ok, [p.format() for p in result.problems]
    found = {i.name: i for i in result.intervals}
    assert found["PFS L1"].end_key == "pd1" and found["PFS L1"].text() == "8 months"
    assert found["PFS L2"].end_key == "pd2" and found["PFS L2"].text() == "15 months"


def test_the_json_of_a_relative_case_counts_months_not_year_5000() -> None:
    """A case without calendar dates: its dates in JSON are months from the event it counts
    from, with their window; ``plausible`` was a date in the year 5000 (the reference day)."""
    from timeline.summary import summary_data

    text = (
        _METASTASES_AT_3_YEARS
        + _advanced_line(
            "l1",
            "{after: mets, within: 2 months}",
            "{from: l1.start, offset: 8 months}",
            "letrozole",
        )
        + "\n"
    )
    data = summary_data(check(text))
    assert data["relative_dates"] is True
    start = data["lines"][0]["start"]
    assert start["plausible"] is None and start["earliest"] is None
    assert start["month_earliest"] is not None and 35 < start["month_earliest"] < 37
    assert 37 < start["month_latest"] < 39 and start["month_earliest"] <= start["month"]
    # whole days beside the months, and what both count from
    assert start["day_earliest"] is not None and start["day_latest"] is not None
    assert start["day_earliest"] <= start["day"] <= start["day_latest"]
    assert round(start["day"] / 30.4375, 1) == start["month"]
    assert data["told_in"] == "months"
    assert data["counted_from"] is not None and data["counted_from"]["text"]


def test_show_json_of_a_case_told_in_days_gives_the_days_and_what_they_count_from() -> None:
    """A case told in days ("day 7" in `show`) gave only months in its JSON, to a tenth
    (0.2 months for day 7), and nowhere said which event month 0 was."""
    import json

    import jsonschema

    from conftest import ROOT
    from timeline import check_path
    from timeline.summary import summary_data, summary_text

    path = ROOT / "cases" / "miyauchi2021-xp11-rcc-ipilimumab-nivolumab-myocarditis.yaml"
    checked = check_path(str(path))
    data = summary_data(checked)
    assert data["relative_dates"] is True and data["told_in"] == "days"
    assert data["counted_from"] == {
        "point": "ipi-nivo.end",
        "text": "the end of ipilimumab + nivolumab (induction)",
        "inferred": data["counted_from"]["inferred"],
        "calendar": None,  # (no date of it is on the calendar, not even a year)
    }
    assert data["counted_from"]["inferred"]  # the file infers the day of that end
    assert "counts from the end of ipilimumab + nivolumab (induction)" in summary_text(checked)
    myocarditis = next(c for c in data["course"] if "Myocarditis" in c["text"])
    date = myocarditis["date"]
    assert date["text"] == "day 7" and date["day"] == 7
    assert (date["day_earliest"], date["day_latest"]) == (7, 7)
    assert data["diagnosis"]["text"] == "by day -7"
    assert data["diagnosis"]["day_earliest"] is None and data["diagnosis"]["day_latest"] == -7
    schema = json.loads((ROOT / "docs" / "show.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(data)), schema)


def test_show_json_gives_no_plausible_day_for_a_date_known_only_from_one_side() -> None:
    """A bridging irradiation known only to precede a CAR T infusion printed "by month 0" in
    `show`, but its JSON gave "day": 0 and "month": 0.0, the infusion's day: a plausible day
    the schedule chose, given as if the source did. A calendar date "from 2020-03" likewise."""
    from timeline import check_text
    from timeline.summary import summary_data

    text = (
        "format: 1\nid: open\ndiagnosis: {date: unknown}\nevents:\n"
        "  - {id: rt, type: radiotherapy, start: {before: car.start}, end: {before: car.start},"
        " site: lymph nodes, technique: total marrow irradiation, intent: bridging to CAR T}\n"
        "  - {id: car, type: regimen, intent: advanced, start: {after: rt.end}, end: car.start,"
        " end_reason: completed, agents: [CAR T-cell therapy]}\n"
        "  - {id: cr, type: response, date: {from: car.start, offset: 1 month}, category: CR}\n"
    )
    data = summary_data(check_text(text, "open.yaml"))
    (rt,) = data["local"]
    assert rt["start"]["text"] in ("by month 0", "by day 0"), rt["start"]
    assert rt["start"]["day"] is None and rt["start"]["month"] is None, rt["start"]
    assert rt["start"]["day_latest"] == 0 and rt["start"]["day_earliest"] is None
    # (and its technique and intent, which the text gives: the JSON had only its site)
    assert (rt["technique"], rt["intent"]) == ("total marrow irradiation", "bridging to CAR T")
    cr = next(c for c in data["course"] if c["event"] == "cr")
    assert cr["date"]["day"] is not None  # (a closed window keeps its plausible day)
    dated = (
        text.replace("diagnosis: {date: unknown}", "diagnosis: {date: 2020-01}")
        .replace("{from: car.start, offset: 1 month}", "{after: 2020-03}")
        .replace("start: {after: rt.end}", "start: 2020-02-10")
    )
    data = summary_data(check_text(dated, "dated.yaml"))
    cr = next(c for c in data["course"] if c["event"] == "cr")
    assert cr["date"]["text"].startswith("from ") and cr["date"]["plausible"] is None, cr


def test_show_json_of_a_calendar_case_has_no_days_from_an_event() -> None:
    from conftest import REFERENCE
    from timeline import check_path
    from timeline.summary import summary_data

    data = summary_data(check_path(str(REFERENCE)))
    assert data["counted_from"] is None and data["told_in"] is None
    assert data["diagnosis"]["day"] is None and data["diagnosis"]["plausible"] is not None


def test_a_line_ended_only_by_order_after_counted_doses_lasts_at_least_what_they_take() -> None:
    """An oropharyngeal report: nivolumab "discontinued after 46 doses", neither its start nor
    its end dated. The duration read "not known (the end is not reported)": the end is
    reported (only not dated), and 46 doses take 45 weeks at the least."""
    from conftest import ROOT
    from timeline import check_path

    checked = check_path(
        str(ROOT / "cases" / "stoth2023-oropharynx-nivolumab-discontinuation-cr.yaml")
    )
    found = {i.name: i for i in checked.intervals}
    duration = found["duration L2"]
    assert not duration.end_reported and duration.end_undated
    assert duration.text() == "≥ 10 months (the end is not dated)"


#: a case told only in order: scans, chemotherapy, a growing mass, its resection, two years free
ORDER_ONLY = """
id: order-only
diagnosis: {date: unknown}
events:
  - {id: ct1, type: imaging, method: CT, date: {after: diagnosis}}
  - {id: ct2, type: imaging, method: CT, date: {after: ct1}}
  - {id: ct3, type: imaging, method: CT, date: {after: ct2}}
  - {id: ct4, type: imaging, method: CT, date: {after: ct3}}
  - {id: ct5, type: imaging, method: CT, date: {after: ct4}}
  - {id: ct6, type: imaging, method: CT, date: {after: ct5}}
  - {id: tip, type: regimen, intent: advanced, start: {after: ct6}, agents: [cisplatin],
     end: {after: tip.start, before: growth}, end_reason: completed}
  - {id: growth, type: progression, date: {after: tip.start}}
  - {id: ct, type: imaging, method: CT, date: {after: growth}}
  - {id: resection, type: surgery, date: {after: ct, before: 2008-01}, curative: true}
  - {id: fu, type: follow-up, date: {from: resection, offset: 24 months}, status: alive-ned}
"""


def test_the_time_off_therapy_starts_at_the_operation_the_order_puts_last() -> None:
    """Every date of a case told only in order falls on one plausible day; the gap after the
    last therapy was taken from the chemotherapy (its key sorted after the operation's), and
    drawn as a box around the operation."""
    result = check(ORDER_ONLY)
    assert result.ok, [p.format() for p in result.problems]
    (tfi,) = [i for i in result.intervals if i.kind == "TFI"]
    assert (tfi.start_key, tfi.end_key) == ("resection", "fu")
    assert tfi.text().startswith("≥ 24 months")


SPLENECTOMY_THEN_CHEMOTHERAPY = """
format: 1
id: splenectomy-then-chemotherapy
diagnosis: {date: 2015-01}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2015-02, end: 2015-08,
     end_reason: completed, agents: [carboplatin, paclitaxel]}
  - {id: rec, type: recurrence, date: 2016-01}
  - {id: op, type: surgery, date: {after: rec}, procedure: splenectomy, curative: unknown}
  - {id: adj, type: regimen, intent: adjuvant, start: {after: op}, end: {after: adj.start},
     end_reason: completed, agents: [carboplatin, nab-paclitaxel]}
  - {id: fu, type: follow-up, date: {from: adj.end, offset: 11 months}, status: alive}
acknowledge:
  - {code: C008, event: op, reason: known only by order}
  - {code: C008, event: adj, reason: known only by order}
  - {code: C008, event: adj, reason: known only by order}
"""


def test_the_time_off_therapy_ends_at_the_operation_listed_before_the_chemotherapy() -> None:
    """A splenectomy and the chemotherapy after it, both known only in order after the
    recurrence, share a plausible day: the chemotherapy's key sorted first, and the time off
    therapy after the first line ran past the operation to the chemotherapy ("no therapy"
    drawn across the splenectomy)."""
    result = check(SPLENECTOMY_THEN_CHEMOTHERAPY)
    assert result.ok, [p.format() for p in result.problems]
    first = next(i for i in result.intervals if i.name == "TFI 1")
    assert (first.start_key, first.end_key) == ("l1.paclitaxel.end", "op")


def test_pfs_is_censored_at_an_operation_after_the_line_stopped() -> None:
    """A line stopped for toxicity, then a salvage operation, no progression recorded: PFS
    ran on to the last follow-up ("≥ 18 months" for ten cycles of pembrolizumab); new
    anti-cancer treatment before a progression censors it (FDA 2018, docs/rules.md)."""
    data = case()
    event(data, "line2").update(end="2013-06", end_reason="toxicity")
    data["events"].append(
        {"id": "salvage", "type": "surgery", "date": "2013-08-01", "curative": True}
    )
    result = check(data)
    assert result.ok, [p.format() for p in result.problems]
    pfs = next(i for i in result.intervals if i.name == "PFS L2")
    assert pfs.censored and pfs.end_key == "salvage"
    # an operation while the line goes on does not
    event(data, "line2").pop("end")
    event(data, "line2")["end_reason"] = "ongoing"
    pfs = next(i for i in check(data).intervals if i.name == "PFS L2")
    assert pfs.end_key == "fu"


def test_no_time_off_therapy_after_the_last_when_the_source_does_not_say() -> None:
    """A resection "achieving a cure", then "tumor-free for over 34 months": the source does
    not say whether anything was given after the operation, yet the case drew "no therapy
    ≥ 34 mo". 'later_therapy: not-reported' on the last follow-up says so."""
    data = case()
    event(data, "line2").update(end="2013-06", end_reason="completed")

    def trailing(result: Any) -> list[Any]:
        return [i for i in result.intervals if i.kind == "TFI" and i.end_key == "fu"]

    assert trailing(check(data))
    event(data, "fu")["later_therapy"] = "not-reported"
    result = check(data)
    assert result.ok, [p.format() for p in result.problems]
    assert not trailing(result)
    assert (
        "last follow-up: alive with disease; therapy after the last one recorded not reported"
        in (summary_text(result))
    )
    # (the gaps between the therapies it records stand)
    assert [i for i in result.intervals if i.kind == "TFI"]
    # "none" is the source saying so: the time off therapy stands
    event(data, "fu")["later_therapy"] = "none"
    assert trailing(check(data))


def test_pfs_with_no_follow_up_is_censored_at_the_last_assessment() -> None:
    """A renal pelvis report ends at a response to its last line, with no follow-up: the line
    had no PFS row at all. It is censored at the last response or imaging on the line."""
    data = case()
    data["events"] = [e for e in data["events"] if e["id"] not in ("fu",)]
    event(data, "line2").update(end="2013-08", end_reason="toxicity")
    data["events"].append({"id": "pr2", "type": "response", "date": "2013-07", "category": "PR"})
    names = _intervals(data)
    pfs = names["PFS L2"]
    assert pfs.censored and pfs.end_key == "pr2"


@pytest.mark.parametrize("category", ["NR", "NE"])
def test_pfs_is_not_censored_at_an_assessment_of_no_response(category: str) -> None:
    """ "Did not respond" (NR: stable or progressing, the source not saying which) and a
    response not evaluable do not say the disease had not progressed by then: a PFS censored
    at them would. The last assessment that says so is the one before."""
    data = case()
    data["events"] = [e for e in data["events"] if e["id"] not in ("fu",)]
    event(data, "line2").update(end="2013-09", end_reason="toxicity")
    data["events"].append({"id": "pr2", "type": "response", "date": "2013-07", "category": "PR"})
    data["events"].append(
        {"id": "nr2", "type": "response", "date": "2013-08", "category": category}
    )
    names = _intervals(data)
    pfs = names["PFS L2"]
    assert pfs.censored and pfs.end_key == "pr2"


def test_a_length_known_within_a_month_keeps_its_tenth() -> None:
    """A progression 5.6 months after the start: the PFS read "6 months" (or "5", depending on
    the schedule's day), whole months with no "≈", so the source's 5.6 was lost. A length whose
    range holds a whole number (a stated 15 months) is still said in whole months."""
    import yaml

    text = """
id: tenth
diagnosis: {date: 2020-01-06}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2020-01-06, end: pd,
     end_reason: progression, agents: [docetaxel]}
  - {id: pd, type: progression, date: {from: l1.start, offset: 5.6 months}}
  - {id: fu, type: follow-up, date: {from: l1.start, offset: 15 months}, status: alive}
"""
    rows = summary_text(check(yaml.safe_load(text))).splitlines()
    pfs = next(r for r in rows if r.startswith("  PFS L1 "))
    assert pfs.endswith(" 5.6 months"), pfs
    follow = next(r for r in rows if r.startswith("  follow-up "))
    assert follow.endswith(" 15 months"), follow


def test_chemotherapy_of_definitive_chemoradiation_is_not_a_numbered_line() -> None:
    """A nasopharyngeal report: induction chemotherapy, then cisplatin with curative
    radiotherapy, a complete response, a recurrence three years on and first-line gemcitabine
    + cisplatin. The format had no intent for the first two (written `neoadjuvant`, L006 asked
    for an operation; `advanced`, they were numbered L1 and L2 of a disease not yet
    advanced). `definitive` is primary treatment: not numbered, and the new treatment a
    line's PFS can be censored at."""
    text = (
        "format: 1\nid: npc\ndiagnosis: {date: 2010-01}\nevents:\n"
        "  - {id: ind, type: regimen, intent: definitive, start: 2010-02, end: 2010-04,"
        " end_reason: completed, agents: [cisplatin, docetaxel]}\n"
        "  - {id: crt, type: radiotherapy, start: 2010-05-03, end: 2010-06-18,"
        " site: nasopharynx, dose: 70 Gy, fractions: 35}\n"
        "  - {id: conc, type: regimen, intent: definitive, start: crt.start, end: crt.end,"
        " end_reason: completed, agents: [cisplatin]}\n"
        "  - {id: cr, type: response, date: 2010-09, category: CR, setting: follow-up}\n"
        "  - {id: rec, type: recurrence, date: 2013-03, sites: [neck]}\n"
        "  - {id: l1, type: regimen, intent: advanced, start: 2013-04, end: 2013-09,"
        " end_reason: completed, agents: [gemcitabine, cisplatin]}\n"
        "  - {id: fu, type: follow-up, date: 2014-01, status: alive-with-disease}\n"
    )
    checked = check_text(text, "npc.yaml")
    assert checked.ok and not checked.problems, [p.format() for p in checked.problems]
    assert [(ln.label, ln.number) for ln in checked.lines] == [
        ("definitive", None),
        ("definitive", None),
        ("L1", 1),
    ]


def test_a_recurrence_of_the_month_a_line_starts_is_what_the_line_answered() -> None:
    """A lung report: a recurrence in January 2017, written before gefitinib started in
    January 2017, with no order between them. The recurrence, on the start's plausible day,
    was taken as the line's own progression: "PFS L1 ≈ 0 weeks (range 0–5)". Written before
    the line and not put after its start, it is the one the line answered."""
    text = (
        "format: 1\nid: same\ndiagnosis: {date: 2013-03}\nevents:\n"
        "  - {id: op, type: surgery, date: 2013-04-08, curative: true}\n"
        "  - {id: rec, type: recurrence, date: 2017-01}\n"
        "  - {id: l1, type: regimen, intent: advanced, start: 2017-01, agents: [gefitinib]}\n"
        "  - {type: follow-up, date: 2018-01, status: alive-with-disease}\n"
    )
    checked = check_text(text, "same.yaml")
    pfs = next(i for i in checked.intervals if i.name == "PFS L1")
    assert pfs.censored and pfs.text().startswith("censored at ≈ 12 months"), pfs.text()
    # written after the line, the same month's progression is the line's own
    after = text.replace("  - {id: rec, type: recurrence, date: 2017-01}\n", "").replace(
        "  - {type: follow-up",
        "  - {id: pd, type: progression, date: 2017-01}\n  - {type: follow-up",
    )
    pfs = next(i for i in check_text(after, "after.yaml").intervals if i.name == "PFS L1")
    assert not pfs.censored, pfs.text()


def test_one_week_is_said_in_the_singular() -> None:
    """Apatinib stopped after one week for hand-foot syndrome: "duration L1  1 weeks"."""
    checked = check_text(
        "format: 1\nid: w\ndiagnosis: {date: 2017-01}\nevents:\n"
        "  - {id: apa, type: regimen, intent: advanced, start: 2017-10-01,"
        " end: {from: apa.start, offset: 1 week}, end_reason: toxicity, agents: [sorafenib]}\n",
        "w.yaml",
    )
    text = summary_text(checked)
    assert "duration L1  1 week\n" in text + "\n", text
    assert "1 weeks" not in text


def test_a_course_of_days_is_said_in_days() -> None:
    """Four daily doses of gilteritinib, stopped for heart failure: "duration L1  0 weeks"
    read as no treatment given."""
    checked = check_text(
        "format: 1\nid: d\ndiagnosis: {date: 2020-01}\nevents:\n"
        "  - {id: g, type: regimen, intent: advanced, start: 2020-02-10, end: 2020-02-13,"
        " end_reason: toxicity, agents: [sorafenib]}\n",
        "d.yaml",
    )
    assert "duration L1  3 days\n" in summary_text(checked) + "\n"


_ORDER_ONLY_NEXT = """
format: 1
id: next
diagnosis: {date: 2020-01}
events:
  - {id: a, type: regimen, intent: advanced, start: 2020-02, end: 2020-06, end_reason: toxicity,
     agents: [oxaliplatin]}
  - {id: b, type: regimen, intent: advanced, start: {after: 2021-06}, end: {after: b.start},
     end_reason: progression, agents: [irinotecan]}
  - {id: pd, type: progression, date: b.end}
  - {id: fu, type: follow-up, date: {after: pd}, status: alive-with-disease}
"""


def test_the_next_lines_progression_known_only_by_order_is_not_this_ones() -> None:
    """Oxaliplatin stopped for toxicity, irinotecan from after June 2021 to a progression at
    its end, known only by order: the progression and irinotecan's start shared one plausible
    day, and oxaliplatin's PFS ran to irinotecan's progression, uncensored."""
    checked = check_text(_ORDER_ONLY_NEXT, "next.yaml")
    (pfs,) = [i for i in checked.intervals if i.name == "PFS L1"]
    assert pfs.censored and pfs.end_key == "b.start", pfs
    assert pfs.text() == "censored at ≥ 15 months (the start of 'b' has no latest day)"
    # the progression that made the next line begin, on its day, stays the line's own
    tied = _ORDER_ONLY_NEXT.replace("date: b.end}", "date: b.start}")
    (pfs,) = [i for i in check_text(tied, "tied.yaml").intervals if i.name == "PFS L1"]
    assert not pfs.censored and pfs.end_key == "pd", pfs


def test_a_range_wider_than_the_plausible_length_leads() -> None:
    """Docetaxel "after the progression in 2006", the follow-up in 2017: 'show' said "PFS L2
    censored at ≈ 68 months (range 3–132)", a figure the schedule made leading a range the
    dates allow; the range leads, the drawn length follows."""
    text = """
format: 1
id: wide
diagnosis: {date: 2005-01}
events:
  - {id: a, type: regimen, intent: advanced, start: 2005-02, end: 2005-08, end_reason: completed,
     agents: [cisplatin]}
  - {id: pd, type: progression, date: 2006}
  - {id: b, type: regimen, intent: advanced, start: {after: pd, before: fu}, end_reason: ongoing,
     agents: [docetaxel]}
  - {id: fu, type: follow-up, date: 2017-09, status: alive}
"""
    checked = check_text(text, "wide.yaml")
    (pfs,) = [i for i in checked.intervals if i.name == "PFS L2"]
    said = pfs.text()
    # (the length as drawn with its unit: "(≈ 7 as drawn)" beside "2 weeks to 36 months")
    assert re.fullmatch(r"censored at \d+–\d+ months \(≈ \d+ months? as drawn\)", said), said
    narrow = text.replace("{after: pd, before: fu}", "2006-03").replace(
        "date: 2006}", "date: 2006-01}"
    )
    (pfs,) = [i for i in check_text(narrow, "narrow.yaml").intervals if i.name == "PFS L2"]
    assert pfs.text().startswith("censored at ≈ "), pfs.text()


def test_a_regimen_name_that_spells_its_agents_out_is_not_followed_by_them() -> None:
    """'name: EXTREME (cetuximab + fluorouracil + cisplatin)': 'show' said the agents twice,
    "EXTREME (cetuximab + fluorouracil + cisplatin) (cetuximab + fluorouracil + cisplatin)"."""
    text = """
format: 1
id: spelled
diagnosis: {date: 2020-01, site: oral cavity}
events:
  - {id: l1, type: regimen, name: EXTREME (cetuximab + fluorouracil + cisplatin),
     intent: advanced, start: 2020-02, end: 2020-06, end_reason: completed,
     exposures: [{agent: cetuximab}, {agent: fluorouracil}, {agent: cisplatin}]}
"""
    checked = check_text(text, "spelled.yaml")
    said = summary_text(checked)
    assert "EXTREME (cetuximab + fluorouracil + cisplatin)  [" in said, said
    assert checked.case is not None
    reg = checked.case.event("l1")
    assert reg.title() == "EXTREME (cetuximab + fluorouracil + cisplatin)"  # type: ignore[union-attr]


_PRIOR = """
format: 1
id: prior
diagnosis: {date: 2015-01, site: breast}
PRIOR
events:
  - {id: a, type: regimen, intent: advanced, start: 2019-02, end: 2019-09,
     end_reason: progression, agents: [eribulin]}
  - {id: pd, type: progression, date: 2019-09}
  - {id: b, type: regimen, intent: advanced, start: 2019-10, end_reason: ongoing,
     agents: [trastuzumab deruxtecan]}
  - {id: fu, type: follow-up, date: 2020-06, status: alive}
"""


@pytest.mark.parametrize(
    ("prior", "labels", "known"),
    [
        ("", ["L1", "L2"], [1, 2]),
        ("prior_lines: 2", ["L3", "L4"], [3, 4]),
        ("prior_lines: {at_least: 2, note: several previous lines}", ["L≥3", "L≥4"], [None] * 2),
        ("prior_lines: unknown", ["L≥1", "L≥2"], [None, None]),
    ],
)
def test_lines_before_the_first_recorded_number_it(
    prior: str, labels: list[str], known: list[int | None]
) -> None:
    """Trastuzumab deruxtecan "after several previous lines": the first line the file records
    was L1, a line number the source does not give (and T-DXd is seldom a first line)."""
    checked = check_text(_PRIOR.replace("PRIOR", prior), "prior.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert [ln.label for ln in checked.lines] == labels
    assert [ln.known_number for ln in checked.lines] == known
    names = [i.name for i in checked.intervals if i.kind == "PFS"]
    assert names == [f"PFS {label}" for label in labels]
    said = summary_text(checked)
    assert ("earlier lines" in said) is bool(prior), said
    if prior == "prior_lines: unknown":
        # (whether there were any is open: "a number not given" read as some)
        assert "earlier lines  not known whether any, none recorded in the file" in said, said


def test_prior_lines_that_cannot_be_read_are_located() -> None:
    for bad, code in (("prior_lines: several", "S003"), ("prior_lines: {at_most: 2}", "S001")):
        checked = check_text(_PRIOR.replace("PRIOR", bad), "bad.yaml")
        assert code in {p.code for p in checked.problems}, [p.format() for p in checked.problems]
        assert all(p.location.line == 5 for p in checked.problems if p.code == code)


def test_a_length_the_source_states_from_an_inferred_start_is_not_inferred() -> None:
    """Apatinib from February 2017 ("then", the month inferred), progression-free for 10
    months as stated: 'show' said "PFS L1 10 months (inferred)", less certain than the source;
    the length is the source's whatever the start. A calendar end beside the inferred start
    still rests on it."""
    text = """
format: 1
id: stated
diagnosis: {date: 2017-01}
events:
  - {id: pd0, type: progression, date: 2017-02}
  - {id: a, type: regimen, intent: advanced, start: {at: 2017-02, after: pd0, inferred: then},
     end_reason: progression, end: pd1, agents: [paclitaxel]}
  - {id: pd1, type: progression, date: {from: a.start, offset: 10 months}}
  - {id: fu, type: follow-up, date: 2018-06, status: alive}
"""
    said = summary_text(check_text(text, "stated.yaml"))
    assert "PFS L1       10 months\n" in said and "duration L1  10 months\n" in said, said
    dated = text.replace("date: {from: a.start, offset: 10 months}", "date: 2017-12")
    said = summary_text(check_text(dated, "dated.yaml"))
    assert re.search(r"PFS L1 .*\(inferred\)", said), said


def test_show_names_every_biomarker_of_the_diagnosis() -> None:
    """An AML defined by an FLT3-TKD mutation: the heading names breast receptors only, and the
    mutation was said nowhere; a HER2 score's ISH result was dropped ("HER2 IHC 2+")."""
    text = """
format: 1
id: markers
diagnosis:
  date: 2020-01
  histology: acute myeloid leukaemia
  biomarkers:
    - {name: FLT3-TKD, result: positive}
    - {name: NPM1, result: negative}
    - {name: HER2, scale: IHC, value: 2+, ish: equivocal}
events:
  - {id: ind, type: regimen, intent: advanced, start: 2020-02, end: 2020-03,
     end_reason: completed, agents: [chemotherapy]}
  - {id: fu, type: follow-up, date: 2020-06, status: alive}
"""
    said = summary_text(check_text(text, "markers.yaml"))
    assert "  biomarkers FLT3-TKD positive; NPM1 negative\n" in said, said
    checked = check_text(text, "markers.yaml")
    assert checked.case is not None
    her2 = checked.case.diagnosis.biomarkers[2]
    assert her2.text() == "HER2 IHC 2+, ISH equivocal", her2.text()


_UNSAID_GAP = """
format: 1
id: gap
diagnosis: {date: 2015-01}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2015-02, end: 2015-08, agents: [docetaxel] L1}
  - {id: pd1, type: progression, date: 2015-08}
  - LOCAL
  - {id: l2, type: regimen, intent: advanced, start: 2017-06, end: 2018-01, agents: [pemetrexed]}
  - {id: pd2, type: progression, date: 2018-01}
  - {id: l3, type: regimen, intent: advanced, start: 2018-02, agents: [gemcitabine],
     end_reason: ongoing}
  - {id: fu, type: follow-up, date: 2018-06, status: alive-with-disease}
"""


def _gap(l1: str = "", local: str = "{id: n, type: imaging, date: 2016-01}") -> Any:
    checked = check_text(_UNSAID_GAP.replace(" L1", l1).replace("LOCAL", local), "gap.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    return checked


def test_after_a_therapy_the_source_does_not_say_what_followed_there_is_no_time_off() -> None:
    """Nearly two years between two lines, and the source says nothing of what was given in
    them (a salvage regimen left out): the file took them as time off all therapy, a TFI and a
    dashed box "no anti-cancer therapy"; and numbered the next line L2 for certain."""
    told = _gap()
    assert [i.name for i in told.intervals if i.kind == "TFI"] == ["TFI 1"]
    assert [ln.label for ln in told.lines] == ["L1", "L2", "L3"]
    unsaid = _gap(", later_therapy: not-reported")
    assert [i.name for i in unsaid.intervals if i.kind == "TFI"] == []
    assert [ln.label for ln in unsaid.lines] == ["L1", "L≥2", "L≥3"]
    assert [ln.known_number for ln in unsaid.lines] == [1, None, None]
    names = {i.name for i in unsaid.intervals}
    assert {"PFS L1", "PFS L≥2", "duration L≥3"} <= names and "PFS L2" not in names
    text = summary_text(unsaid)
    assert re.search(r"L1 +docetaxel .*\(what followed it is not reported\)", text)
    assert re.search(r"L≥2 +pemetrexed", text)
    # `none` says what the default reads
    assert [ln.label for ln in _gap(", later_therapy: none").lines] == ["L1", "L2", "L3"]


def test_a_local_therapy_the_source_does_not_say_what_followed_numbers_the_lines_after_it() -> None:
    rt = "{id: rt, type: radiotherapy, start: 2015-10, end: 2015-11, site: brain LATER}"
    told = _gap(local=rt.replace(" LATER", ""))
    assert [i.end_key for i in told.intervals if i.kind == "TFI"] == [
        "rt.start",
        "l2.pemetrexed.start",
    ]
    unsaid = _gap(local=rt.replace(" LATER", ", later_therapy: not-reported"))
    assert [ln.label for ln in unsaid.lines] == ["L1", "L≥2", "L≥3"]
    # (the time before the radiotherapy is still off therapy; after it, not said)
    assert [i.end_key for i in unsaid.intervals if i.kind == "TFI"] == ["rt.start"]
    assert "brain" in summary_text(unsaid) and "(what followed it is not reported)" in summary_text(
        unsaid
    )


def test_later_therapy_of_a_regimen_is_a_choice() -> None:
    checked = check_text(
        _UNSAID_GAP.replace(" L1", ", later_therapy: unreported").replace(
            "LOCAL", "{id: n, type: imaging, date: 2016-01}"
        ),
        "gap.yaml",
    )
    (problem,) = [p for p in checked.problems if p.code == "S004"]
    assert "not-reported" in problem.message and problem.location.line == 6


def test_a_length_not_known_is_not_said_to_rest_on_an_inferred_date() -> None:
    """ "duration L1  not known (the end is not reported) (inferred)": nothing is inferred in
    a length that is not given."""
    text = """
format: 1
id: unknown-length
diagnosis: {date: 2010-01}
events:
  - {id: a, type: regimen, intent: advanced, agents: [goserelin],
     start: {from: diagnosis, offset: 4 years, inferred: the year of the operation}}
"""
    checked = check_text(text, "u.yaml")
    (duration,) = [i for i in checked.intervals if i.name == "duration L1"]
    assert not duration.measured
    said = summary_text(checked)
    assert "duration L1  not known (the end is not reported)\n" in said, said


def test_dfs_ends_at_the_first_recurrence_even_one_known_only_by_order() -> None:
    """A PSA recurrence known only to follow the prostatectomy and precede salvage
    radiotherapy, then a local recurrence 4 years after the radiotherapy: DFS was measured to
    the second ("≥ 48 months"), as if the first had not happened; the two shared a plausible
    day with the operation in the zone of dates known only by order."""
    text = """
format: 1
id: dfs-order
diagnosis: {date: {before: op}}
events:
  - {id: op, type: surgery, date: {after: diagnosis}, procedure: prostatectomy, curative: true}
  - {id: rec1, type: recurrence, date: {after: op, before: rt}}
  - {id: rt, type: radiotherapy, start: {after: rec1}}
  - {id: rec2, type: recurrence, date: {from: rt.start, offset: 4 years}}
"""
    checked = check_text(text, "d.yaml")
    (dfs,) = [i for i in checked.intervals if i.kind == "DFS"]
    assert dfs.end_key == "rec1", dfs
    assert "48" not in dfs.text()


def test_a_progression_after_the_next_therapy_began_did_not_end_the_regimen_before_it() -> None:
    """A TACE, then a planned resection, then a progression a year on, all in one window of
    two years: `show` said "TACE → changed: progression" and the drawing marked it at the
    TACE, a reason neither the file nor the source gives. A line begun on the day of the
    progression (`start: pd`) still answered it."""
    text = """
format: 1
id: tace-then-op
diagnosis: {date: 2022}
events:
  - {id: tace, type: regimen, name: TACE, intent: locoregional, start: {after: diagnosis,
     before: op}, end: tace.start, exposures: [{agent: chemotherapy}]}
  - {id: op, type: surgery, date: {after: tace, before: pd}, procedure: resection,
     curative: unknown}
  - {id: pd, type: progression, date: 2023}
"""
    checked = check_text(text, "t.yaml")
    assert [ln.causes() for ln in checked.lines] == [()]
    answered = """
format: 1
id: answered
diagnosis: {date: 2020-01}
events:
  - {id: a, type: regimen, intent: advanced, start: 2020-02, end: pd.start, agents: [docetaxel]}
  - {id: pd, type: progression, date: 2020-09}
  - {id: b, type: regimen, intent: advanced, start: pd, end: 2021-03, agents: [pemetrexed]}
"""
    checked = check_text(answered, "a.yaml")
    assert checked.lines[0].causes() == ("progression",)


def test_the_progression_a_regimen_ends_on_is_its_cause_not_the_recurrence_it_answered() -> None:
    """Gefitinib started in January 2017 for a recurrence of that month, and ended on an
    on-treatment progression (`end: pd`, known only to come after the start): `show` said
    "changed: recurrence", the event that began the line."""
    text = """
format: 1
id: answered-recurrence
diagnosis: {date: 2013-03}
events:
  - {id: op, type: surgery, date: 2013-04-08, curative: true}
  - {id: rec, type: recurrence, date: 2017-01}
  - {id: tki, type: regimen, intent: advanced, start: 2017-01, end: pd,
     end_reason: progression, agents: [gefitinib]}
  - {id: pd, type: progression, date: {after: tki.start}}
"""
    checked = check_text(text, "t.yaml")
    assert checked.lines[0].causes() == ("progression",)
    # (the last therapy: "stopped", no other came after it)
    assert "→ stopped: progression" in summary_text(checked)
    assert ": recurrence" not in summary_text(checked)


def test_show_says_a_therapy_with_nothing_after_it_stopped_not_changed() -> None:
    """Pembrolizumab put on hold in complete response, nothing given after it: `show` said
    "→ changed: other", as if switched to another therapy; the figure's tooltip said
    "stopped". A line another follows still "changed"."""
    text = """
format: 1
id: stopped
diagnosis: {date: 2013-03}
events:
  - {id: chemo, type: regimen, intent: advanced, start: 2014-01, end: 2015-06,
     end_reason: progression, agents: [oxaliplatin]}
  - {id: pd, type: progression, date: 2015-06}
  - {id: pembro, type: regimen, intent: advanced, start: 2015-10, end: 2018-07,
     end_reason: other, agents: [pembrolizumab]}
"""
    said = summary_text(check_text(text, "t.yaml"))
    assert "→ changed: progression" in said and "→ stopped: other" in said, said


_SWITCH = """
format: 1
id: switch
diagnosis: {date: 2020-01}
events:
  - id: l1
    type: regimen
    intent: advanced
    start: 2020-02
    end: {after: l1.start}
    end_reason: unknown
    exposures:
      - {agent: gemcitabine}
      - {agent: cisplatin, end: carbo.start, end_reason: toxicity}
      - {agent: carboplatin, id: carbo, start: {after: l1.start}}
  - {id: last, type: follow-up, date: {after: l1.end}, status: unknown}
"""


def test_an_agent_switched_within_a_regimen_by_order_alone_is_not_a_triplet() -> None:
    """Gemcitabine with cisplatin, switched to carboplatin for renal toxicity, every date
    known only by order: `show`, the deck and the drawing said "gemcitabine + cisplatin +
    carboplatin", a triplet the source does not give."""
    from timeline.lines import agents_in_time, regimen_summary

    checked = check_text(_SWITCH, "switch.yaml")
    assert checked.schedule is not None
    reg = checked.case.regimens()[0]
    said = regimen_summary(reg, checked.schedule)
    assert said.startswith("gemcitabine + cisplatin (until ") and ", then carboplatin" in said
    assert "toxicity" in said
    assert agents_in_time(reg, checked.schedule) == (
        "gemcitabine + cisplatin, then gemcitabine + carboplatin"
    )
    assert "gemcitabine + cisplatin + carboplatin" not in summary_text(checked)


def test_agents_that_stop_or_start_together_are_dated_once() -> None:
    """FEC then docetaxel + trastuzumab within one regimen (cr003, patient 2): `show` said
    "fluorouracil (until ≈ D (A – B)) + epirubicin (until ≈ D (A – B)) + cyclophosphamide
    (until ≈ D (A – B)), then docetaxel from ≈ D (A – B), then trastuzumab from ≈ D (A – B)",
    each date five times and as if one followed the other."""
    from timeline.lines import regimen_summary

    text = """
format: 1
id: together
diagnosis: {date: 2008-01}
events:
  - id: l1
    type: regimen
    intent: adjuvant
    start: 2008-02
    end: 2008-12
    end_reason: completed
    exposures:
      - {agent: fluorouracil, id: fu, end: 2008-06}
      - {agent: epirubicin, end: fu.end}
      - {agent: cyclophosphamide, end: fu.end, end_reason: toxicity}
      - {agent: docetaxel, id: doc, start: fu.end}
      - {agent: trastuzumab, start: doc.start}
"""
    checked = check_text(text, "together.yaml")
    assert checked.schedule is not None
    said = regimen_summary(checked.case.regimens()[0], checked.schedule)
    # cyclophosphamide stopped for toxicity, the other two with no reason: not one group
    assert said == (
        "fluorouracil + epirubicin (both until 2008-06); cyclophosphamide (until 2008-06,"
        " toxicity), then docetaxel + trastuzumab from 2008-06"
    ), said


def test_agents_dated_like_their_regimen_start_and_end_with_it() -> None:
    """Two agents each given "2016 to 2018", as their regimen is: each was placed a few
    months into the year after the regimen's start and said "(no agent at the start), then
    bicalutamide ..., then abiraterone ...", a sequence the source does not give."""
    from timeline.lines import agents_in_time, regimen_summary

    text = """
format: 1
id: together
diagnosis: {date: 2015}
events:
  - id: adt
    type: regimen
    intent: advanced
    start: 2016
    end: 2018
    end_reason: unknown
    exposures:
      - {agent: bicalutamide, start: 2016, end: 2018}
      - {agent: abiraterone, start: 2016, end: 2018}
"""
    checked = check_text(text, "together.yaml")
    assert checked.schedule is not None
    plan = checked.schedule
    reg = checked.case.regimens()[0]
    for exp in reg.exposures:
        assert plan.start(exp) == plan.start(reg) and plan.end(exp) == plan.end(reg)
    assert regimen_summary(reg, plan) == "bicalutamide + abiraterone"
    assert agents_in_time(reg, plan) == "bicalutamide + abiraterone"


def test_an_agent_added_within_a_regimen_is_named_with_those_it_joined() -> None:
    """Trastuzumab added at the second cycle of paclitaxel (ishizuna2014): the line's name
    says the combination from there, not that one followed the other; an agent given again
    after a break is not named twice."""
    from timeline.lines import agents_in_time

    text = (
        _SWITCH.replace("      - {agent: cisplatin, end: carbo.start, end_reason: toxicity}\n", "")
        .replace("gemcitabine}", "paclitaxel}")
        .replace("carboplatin, id: carbo", "trastuzumab")
    )
    checked = check_text(text, "added.yaml")
    assert checked.schedule is not None
    reg = checked.case.regimens()[0]
    assert agents_in_time(reg, checked.schedule) == "paclitaxel, then paclitaxel + trastuzumab"
    gist = check_path_of("medicine2019-gist-imatinib-interruptions")
    assert gist.schedule is not None
    adjuvant = next(r for r in gist.case.regimens() if r.intent == "adjuvant")
    assert agents_in_time(adjuvant, gist.schedule) == "imatinib"


def check_path_of(stem: str) -> Any:
    from pathlib import Path

    from timeline import check_path

    return check_path(str(Path(__file__).resolve().parent.parent / "cases" / f"{stem}.yaml"))


def test_a_response_with_nothing_reported_after_it_has_no_length() -> None:
    """durer2019: the last follow-up is dated as the MRD-negative remission itself; the
    duration of response read "≥ 0 weeks", a bound that says nothing."""
    result = check_path_of("durer2019-mpal-allo-hsct-relapse-blinatumomab-dli")
    # (the transplant, with no therapy before it in the case, follows a first line not told)
    response = next(i for i in result.intervals if i.name == "response L≥2")
    assert response.censored
    # (after the response, not the line's start, which the response follows: a PR on
    # sacituzumab read "response L2 not known (nothing reported after its start)")
    assert response.text() == "not known (nothing reported after the response)"
    assert "≥ 0" not in summary_text(result)
    # (nor a length of 0 months in JSON: "months": 0.0 read as measured)
    record = response.as_dict()
    assert record["months"] is None and record["months_max"] is None, record


def test_a_least_length_of_weeks_is_not_said_as_zero_months() -> None:
    """A small cell lung report: four cycles, then a progression known only to come before the
    end of the year. `show` said "PFS L1 ≈ 6 months (range 0–12)", a PFS that may have been
    nil, beside "duration L1 ≥ 3 weeks". The least length is said in weeks."""
    text = (
        "format: 1\nid: pfs\ndiagnosis: {date: {before: l1.start}}\nevents:\n"
        "  - {id: l1, type: regimen, intent: advanced, start: 2020-01-01,"
        " end: {after: l1.start, before: 2020-12-31}, end_reason: completed, cycles: 4,"
        " agents: [carboplatin, etoposide]}\n"
        "  - {id: pd, type: progression, date: {after: l1.end, before: 2020-12-31}}\n"
        "  - {id: fu, type: follow-up, date: 2021-01-15, status: alive}\n"
    )
    shown = summary_text(check_text(text, "pfs.yaml"))
    row = next(r for r in shown.splitlines() if r.strip().startswith("PFS L1"))
    assert "(range 3 weeks to 12 months)" in row, row
    assert "range 0" not in shown


def test_a_regimen_of_unknown_intent_is_not_numbered_and_the_lines_after_it_are_at_least() -> None:
    """An abstract names CMF between adjuvant therapy and letrozole + abemaciclib without saying
    for what it was given: ``intent: unknown`` rather than a guess. It is therapy, but not a
    line; and since it may have been one, the line after it is "L≥1", its number unknown."""
    data = case()
    event(data, "line1")["intent"] = "unknown"
    result = check(data)
    assert result.ok, [p.format() for p in result.problems]
    assert [(ln.number, ln.label) for ln in result.lines] == [
        (None, "adjuvant"),
        (None, "intent unknown"),
        (1, "L≥1"),
    ]
    assert result.lines[-1].known_number is None
    names = {i.name for i in result.intervals}
    assert "duration L≥1" in names and not any(n.endswith(" L1") for n in names)
    text = summary_text(result)
    assert re.search(r"intent unknown +letrozole", text) and re.search(r"L≥1 +paclitaxel", text)


def test_a_maintenance_may_continue_a_regimen_of_unknown_intent() -> None:
    data = case()
    event(data, "line1").update(intent="unknown", end_reason="completed")
    for gone in ("pd", "ai-resistance"):
        data["events"].remove(event(data, gone))
    event(data, "line2")["intent"] = "maintenance"
    result = check(data)
    assert result.ok and "L009" not in {p.code for p in result.problems}
    assert [ln.label for ln in result.lines][1:] == ["intent unknown", "L≥1 maintenance"]


def test_a_least_length_between_calendar_days_is_counted_in_calendar_months() -> None:
    """Nivolumab from 1 January 2020, its end known only to come after 27 November: "≥ 11
    months" (10.9 mean months, rounded to the month within days), though 1 January to 28
    November is 10 months and 27 days. A length the case states in months keeps its month
    ("11 months" from a start in January, counted at its fewest days)."""
    text = (
        "format: 1\nid: least\ndiagnosis: {date: 2020-01-01}\nevents:\n"
        "  - {id: drug, type: regimen, intent: advanced, start: 2020-01-01, END,"
        " end_reason: other, agents: [nivolumab]}\n"
    )
    found = check_text(text.replace("END", "end: {after: 2020-11-27}"), "least.yaml")
    (duration,) = [i for i in found.intervals if i.kind == "duration"]
    assert duration.text().startswith("≥ 10 months"), duration.text()
    assert duration.least_months() == 10
    stated = check_text(
        text.replace("END", "end: {after: {from: drug.start, offset: 11 months}}"), "least.yaml"
    )
    (duration,) = [i for i in stated.intervals if i.kind == "duration"]
    assert duration.text().startswith("≥ 11 months"), duration.text()
    # (from a start known to its month: 11 months at their fewest days, not Jan 31 to Dec 1)
    month = check_text(
        text.replace("2020-01-01, END", "2020-01, END").replace(
            "END", "end: {after: {from: drug.start, offset: 11 months}}"
        ),
        "least.yaml",
    )
    (duration,) = [i for i in month.intervals if i.kind == "duration"]
    assert duration.text().startswith("≥ 11 months"), duration.text()


def test_a_line_the_case_puts_before_another_is_numbered_first_without_calendar_dates() -> None:
    """Androgen deprivation "before and during" radium-223, in a case without a date: written
    `start: {before: ra223.start}`, it was numbered L2 after radium (file order, their windows
    alike), and rule L008 asked for the reverse order ('start: {after: ra223.end}')."""
    text = (
        "format: 1\nid: order\ndiagnosis: {date: unknown}\nevents:\n"
        "  - {id: ra223, type: regimen, intent: advanced, start: unknown, agents: [radium-223]}\n"
        "  - {id: adt, type: regimen, intent: advanced, start: {before: ra223.start},"
        " end: {after: ra223.start}, end_reason: other, agents: [leuprorelin]}\n"
    )
    checked = check_text(text, "order.yaml")
    assert [(ln.label, ln.regimen.id) for ln in checked.lines] == [("L1", "adt"), ("L2", "ra223")]
    assert "L008" not in {p.code for p in checked.problems}


_AFTER_RADIOTHERAPY = """\
format: 1
id: rt-no-end
diagnosis: {date: 2011-07}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2011-08, end: 2011-12, end_reason: completed, agents: [cyclophosphamide]}
  - {id: cr1, type: response, date: 2012-01, category: CR}
  - {id: relapse1, type: recurrence, date: 2012-05}
  - {id: salvage, type: regimen, intent: advanced, start: 2012-06, end: 2012-08, end_reason: completed, agents: [cisplatin]}
  - {id: rt, type: radiotherapy, start: START, site: mediastinum, dose: 30 Gy}
  - {id: asct, type: transplant, date: 2012-09, donor: autologous}
  - {id: cr2, type: response, date: 2012-12, category: CR, setting: follow-up}
  - {id: relapse2, type: recurrence, date: 2013-06}
  - {id: l3, type: regimen, intent: advanced, start: 2013-07, end: 2014-06, end_reason: unknown, agents: [doxorubicin]}
  - {id: fu, type: follow-up, date: 2015-01, status: alive}
"""


@pytest.mark.parametrize("start", ["2012-07-02", "{after: relapse1, before: cr2}"])
def test_a_radiotherapy_with_no_end_leaves_the_time_off_therapy_after_it(start: str) -> None:
    """A mediastinal radiotherapy in 2012 whose end the source does not give (a lymphoma
    report: four years in remission after the last therapy) took every later time off therapy
    with it: its end could be any day after its start. A course lasts at most the longest there
    is (40 fractions and four weeks of breaks: 12 weeks)."""
    result = check_text(_AFTER_RADIOTHERAPY.replace("START", start), "rt.yaml")
    names = [i.name for i in result.intervals if i.kind == "TFI"]
    assert names == ["TFI 1", "TFI 2", "TFI 3"], names


def test_death_with_no_progression_ends_the_response_as_it_ends_the_pfs() -> None:
    """A partial response, then death with no progression recorded: the response was said to
    go on, censored, until the death; it ends there, as the PFS does."""
    data = {
        "format": 1,
        "id": "dor-death",
        "diagnosis": {"date": "2020-01"},
        "events": [
            {
                "id": "a",
                "type": "regimen",
                "intent": "advanced",
                "start": "2020-02",
                "end": "2020-06",
                "end_reason": "other",
                "agents": ["dabrafenib"],
            },
            {"id": "pr", "type": "response", "date": "2020-04", "category": "PR"},
            {"id": "death", "type": "death", "date": "2020-11"},
        ],
    }
    checked = check(data)
    (response,) = [i for i in checked.intervals if i.kind == "response"]
    assert (response.end_key, response.censored) == ("death", False)
    # (said to run to the death, as the PFS is: "≥ 37 months" of a partial response read as
    # held to a death after months of palliative care the source says nothing of)
    assert (
        response.text()
        == "≈ 7 months (range 6–8) (to the death; no progression reported before it)"
    )
    # a next line before the death still censors it there
    data["events"].insert(
        2,
        {
            "id": "b",
            "type": "regimen",
            "intent": "advanced",
            "start": "2020-08",
            "end_reason": "unknown",
            "end": "2020-10",
            "agents": ["trametinib"],
        },
    )
    (first, *_rest) = [i for i in check(data).intervals if i.kind == "response"]
    assert (first.end_key, first.censored) == ("b.start", True)


_OVARIAN = """\
id: pfi
diagnosis: {date: 2014-01, site: ovary, histology: high-grade serous carcinoma}
events:
  - {id: tc, type: regimen, intent: adjuvant, start: 2014-02-01, end: 2014-06-01,
     end_reason: completed, agents: [carboplatin, paclitaxel]}
  - {id: r1, type: recurrence, date: 2014-10-01}
  - {id: l1, type: regimen, intent: advanced, start: 2014-10-15, end: 2015-02-15,
     end_reason: completed, agents: [carboplatin, pegylated liposomal doxorubicin]}
  - {id: pd1, type: progression, date: 2016-06-15}
  - {id: l2, type: regimen, intent: advanced, start: 2016-07-01, end: pd2,
     end_reason: progression, agents: [paclitaxel]}
  - {id: pd2, type: progression, date: 2016-10-01}
  - {id: fu, type: follow-up, date: 2017-01-01, status: alive-with-disease}
"""


def _pfi(text: str) -> dict[str, str]:
    checked = check_text(text, "pfi.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    return {i.name: i.text() for i in checked.intervals if i.kind == "PFI"}


def test_the_platinum_free_interval_of_an_ovarian_cancer_and_its_sensitivity() -> None:
    """From the end of each platinum course to the progression after it, with the platinum
    sensitivity of recurrent ovarian cancer; the weekly paclitaxel that is no platinum has
    none."""
    found = _pfi(_OVARIAN)
    assert found == {
        "PFI 1": "4 months; platinum-resistant (under 6 months)",
        "PFI 2": "16 months; platinum-sensitive (over 12 months)",
    }, found
    text = summary_text(check_text(_OVARIAN, "pfi.yaml"))
    assert "PFI 1        4 months; platinum-resistant (under 6 months)" in text, text


def test_no_platinum_free_interval_where_the_disease_grew_on_platinum() -> None:
    found = _pfi(
        _OVARIAN.replace("date: 2014-10-01}", "date: 2014-05-01}").replace(
            "start: 2014-10-15", "start: 2014-06-15"
        )
    )
    assert "PFI 1" in found and "PFI 2" not in found  # (the second course's interval only)
    assert found["PFI 1"].startswith("16 months"), found


def test_a_platinum_switch_for_toxicity_counts_from_the_second_course() -> None:
    """Carboplatin + paclitaxel changed after one cycle to cisplatin + docetaxel for a rash:
    one platinum treatment, whose interval runs from the second course's end."""
    text = _OVARIAN.replace(
        "  - {id: tc, type: regimen, intent: adjuvant, start: 2014-02-01, end: 2014-06-01,\n",
        "  - {id: tc0, type: regimen, intent: adjuvant, start: 2014-01-10, end: tc.start,\n"
        "     end_reason: toxicity, agents: [carboplatin, paclitaxel]}\n"
        "  - {id: tc, type: regimen, intent: adjuvant, start: 2014-02-01, end: 2014-06-01,\n",
    )
    checked = check_text(text, "pfi.yaml")
    (first,) = [i for i in checked.intervals if i.name == "PFI 1"]
    assert first.start_key == "tc.end"


def test_other_cancers_get_the_interval_without_a_category() -> None:
    """The sensitivity cut-offs are those of ovarian cancer; a lung cancer's interval is the
    length alone."""
    found = _pfi(_OVARIAN.replace("site: ovary", "site: lung"))
    assert found["PFI 1"] == "4 months", found


@pytest.mark.parametrize(
    ("months", "said"),
    [
        ((4.0, 5.0), "platinum-resistant (under 6 months)"),
        ((6.0, 12.0), "partially platinum-sensitive (6–12 months)"),
        ((12.5, 20.0), "platinum-sensitive (over 12 months)"),
        (
            (5.0, 7.0),
            "platinum-resistant or partially platinum-sensitive (the range crosses 6 months)",
        ),
        (
            (4.0, 14.0),
            "platinum-resistant, partially platinum-sensitive or platinum-sensitive"
            " (the range crosses 6 and 12 months)",
        ),
        ((13.0, math.inf), "platinum-sensitive (over 12 months)"),
    ],
)
def test_platinum_categories(months: tuple[float, float], said: str) -> None:
    from timeline.lines import platinum_category

    assert platinum_category(months) == said


def test_no_platinum_sensitivity_without_a_relapse() -> None:
    """An ovarian cancer free of progression 18 months after platinum: the interval is
    censored, and no sensitivity is said (it is that of a relapse)."""
    text = _OVARIAN.split("  - {id: r1,")[0] + (
        "  - {id: fu, type: follow-up, date: 2015-12-01, status: alive-ned}\n"
    )
    found = _pfi(text)
    assert found == {"PFI 1": "≥ 18 months"}, found


@pytest.mark.parametrize("written", ["one regimen", "maintenance"])
def test_bevacizumab_after_platinum_counts_in_the_platinum_free_interval(written: str) -> None:
    """Carboplatin + paclitaxel + bevacizumab, bevacizumab going on alone to a progression 14
    months after the platinum stopped: as one regimen that ended for progression the course was
    taken to have progressed on platinum (no interval); written as maintenance, its start cut
    the interval as if a new line had begun."""
    if written == "one regimen":
        events = """\
  - {id: l1, type: regimen, intent: advanced, start: 2014-01-01, end: pd, end_reason: progression,
     exposures: [{agent: carboplatin, end: 2014-06-01, end_reason: completed},
                 {agent: paclitaxel, end: 2014-06-01, end_reason: completed},
                 {agent: bevacizumab}]}
"""
    else:
        events = """\
  - {id: l1, type: regimen, intent: advanced, start: 2014-01-01, end: 2014-06-01,
     end_reason: completed, agents: [carboplatin, paclitaxel, bevacizumab]}
  - {id: m1, type: regimen, intent: maintenance, start: 2014-06-15, end: pd,
     end_reason: progression, agents: [bevacizumab]}
"""
    text = (
        "id: pfi-bev\ndiagnosis: {date: 2013-12, site: ovary}\nevents:\n"
        + events
        + "  - {id: pd, type: progression, date: 2015-08-01}\n"
        "  - {id: fu, type: follow-up, date: 2016-01-01, status: alive-with-disease}\n"
    )
    assert _pfi(text) == {"PFI 1": "14 months; platinum-sensitive (over 12 months)"}


def test_a_platinum_course_ended_only_by_its_order_gives_no_interval() -> None:
    """Adjuvant FOLFOX whose end the source gives only as before the recurrence read "PFI 1
    0–34 months": a guess, as from an end not reported, which gives none. Its end written
    as a date gives the interval."""
    text = (
        "id: pfi-order\ndiagnosis: {date: 2009-05, site: colon}\nevents:\n"
        "  - {id: op, type: surgery, date: 2009-05, curative: true}\n"
        "  - {id: adj, type: regimen, intent: adjuvant, start: 2009-06, END,"
        " end_reason: unknown, agents: [fluorouracil, oxaliplatin]}\n"
        "  - {id: rec, type: recurrence, date: 2012-03}\n"
        "  - {id: fu, type: follow-up, date: 2012-06, status: alive-with-disease}\n"
    )
    ordered = text.replace("END", "end: {after: adj.start, before: rec}")
    ordered += "acknowledge:\n  - {code: C008, event: adj, reason: the source gives no end}\n"
    assert _pfi(ordered) == {}
    # "4 cycles" of a length the source does not give say no more than the order: a lung
    # report's adjuvant gemcitabine + carboplatin so written read "PFI 1 0–24 months"
    cycles = text.replace("END", "end: {from: adj.start, offset: 4 cycles, before: rec}, cycles: 4")
    cycles += "acknowledge:\n  - {code: C008, event: adj, reason: the source gives no end}\n"
    assert _pfi(cycles) == {}
    assert _pfi(text.replace("END", "end: 2009-12")) == {"PFI 1": "≈ 27 months (range 26–28)"}


def test_a_platinum_course_that_may_have_run_into_the_progression_gives_no_interval() -> None:
    """A gastric report: SOX for at least 6 months, its end known only to come before the
    second line, the progression 21 months after the start: "PFI 1 0–15 months", though the
    oxaliplatin may have been given up to the progression. The end written before the
    progression gives the interval."""
    text = (
        "id: pfi-open\ndiagnosis: {date: 2017-07, site: stomach}\nevents:\n"
        "  - {id: l1, type: regimen, intent: advanced, start: 2018-01,"
        " end: {after: {from: l1.start, offset: 6 months}, before: BEFORE},"
        " end_reason: unknown, agents: [S-1, oxaliplatin]}\n"
        "  - {id: pd, type: progression, date: {from: l1.start, offset: 21 months}}\n"
        "  - {id: l2, type: regimen, intent: advanced, start: {after: pd, within: 1 month},"
        " end_reason: ongoing, agents: [irinotecan]}\n"
        "  - {id: fu, type: follow-up, date: 2021-06, status: alive-with-disease}\n"
        "acknowledge:\n  - {code: C008, event: l1, reason: the source gives no end}\n"
    )
    assert _pfi(text.replace("BEFORE", "l2.start")) == {}
    found = _pfi(text.replace("BEFORE", "pd"))
    assert list(found) == ["PFI 1"] and "0–15 months" in found["PFI 1"]


def test_a_platinum_course_ended_where_an_order_only_date_lies_gives_no_interval() -> None:
    """EDP + mitotane ended where mitotane maintenance began, that start known only to follow
    the induction's: "PFI 1 censored at 0–23 months", the end given by order through the point
    it was written as. Written as a dated point, it gives the interval."""
    text = (
        "id: pfi-order\ndiagnosis: {date: 2009-05, site: adrenal gland}\nevents:\n"
        "  - {id: edp, type: regimen, intent: advanced, start: 2009-06, end: maint.start,"
        " end_reason: completed, agents: [etoposide, doxorubicin, cisplatin]}\n"
        "  - {id: maint, type: regimen, intent: maintenance, start: START,"
        " end_reason: progression, agents: [mitotane]}\n"
        "  - {id: rec, type: progression, date: 2012-03}\n"
        "  - {id: fu, type: follow-up, date: 2012-06, status: alive-with-disease}\n"
    )
    ordered = text.replace("START", "{after: edp.start, before: rec}")
    ordered += "acknowledge:\n  - {code: C008, event: maint, reason: the source gives no date}\n"
    assert _pfi(ordered) == {}
    assert _pfi(text.replace("START", "2009-12")) == {"PFI 1": "≈ 27 months (range 26–28)"}


def test_a_platinum_course_the_disease_grew_on_still_ends_the_interval_before_it() -> None:
    """Carboplatin + paclitaxel completed, then definitive cisplatin with radiotherapy that the
    disease grew on: the first course's interval ran on to that progression, through the
    cisplatin, because a course with no interval of its own was left out of the reckoning."""
    text = (
        "id: pfi-grew\ndiagnosis: {date: 2014-01, site: ovary}\nevents:\n"
        "  - {id: tc, type: regimen, intent: adjuvant, start: 2014-02-01, end: 2014-06-01,"
        " end_reason: completed, agents: [carboplatin, paclitaxel]}\n"
        "  - {id: cis, type: regimen, intent: definitive, start: 2014-10-01, end: pd,"
        " end_reason: progression, agents: [cisplatin]}\n"
        "  - {id: rt, type: radiotherapy, start: 2014-10-01, site: pelvis}\n"
        "  - {id: pd, type: progression, date: 2015-01-15}\n"
        "  - {id: fu, type: follow-up, date: 2015-06-01, status: alive-with-disease}\n"
    )
    assert _pfi(text) == {}


def test_dates_that_contradict_each_other_give_a_platinum_free_interval_no_category() -> None:
    """A case whose dates contradict each other (C003) is still summarised as far as it can
    be: abe2023 with its first platinum course moved after the recurrence gave an interval
    whose range came out inverted (longest under shortest), and reading a platinum category
    from it raised an IndexError (found by the mutation suite)."""
    from conftest import ROOT

    path = ROOT / "cases" / "abe2023-ovarian-bevacizumab-maintenance-mds-aml.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    start: {after: diagnosis}\n    end: {before: interval-surgery}\n",
        "    start: {after: recurrence, within: 2 months}\n"
        "    end: {after: gem-bev, within: 2 months}\n",
        1,
    )
    checked = check_text(text, "abe2023.yaml")
    assert "C003" in {p.code for p in checked.problems}
    summary = summary_text(checked)
    assert "C003 error" in summary and "Z999" not in summary
    inverted = [
        i
        for i in checked.intervals
        if i.kind == "PFI" and (m := i.months()) is not None and m[0] > m[1]
    ]
    assert inverted and not any(i.category for i in inverted)


def test_a_date_written_as_an_inferred_diagnosis_or_exposure_start_is_inferred() -> None:
    """An operation written on the diagnosis's day (``date: diagnosis``) whose month is the
    file's reading, and a toxicity written on carboplatin's inferred start, were said as the
    source's dates; and the regimen's summary said the switch to carboplatin as the source's."""
    text = """
format: 1
id: inf
diagnosis:
  date: {at: 2019-01, inferred: the month of the work-up}
events:
  - {id: tur, type: surgery, date: diagnosis, procedure: TURBT, curative: unknown}
  - id: a
    type: regimen
    intent: advanced
    start: 2019-02
    end: 2019-12
    end_reason: completed
    exposures:
      - {agent: gemcitabine}
      - {id: cis, agent: cisplatin, end: carbo.start, end_reason: toxicity}
      - {id: carbo, agent: carboplatin, start: {at: 2019-05, inferred: read from a figure}}
  - {id: tox, type: toxicity, date: carbo.start, term: renal decline}
  - {id: fu, type: follow-up, date: 2020-06, status: alive}
"""
    checked = check_text(text, "inf.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    lines = summary_text(checked).splitlines()
    assert any("TURBT  [2019-01 (inferred)]" in x for x in lines), lines
    assert any("(inferred)  toxicity: renal decline" in x for x in lines), lines
    l1 = next(x for x in lines if x.strip().startswith("L1"))
    assert "cisplatin (until 2019-05 (inferred), toxicity)" in l1, l1
    assert "then carboplatin from 2019-05 (inferred)" in l1, l1


def test_a_response_after_an_end_not_dated_is_reached_on_the_schedules_own_days() -> None:
    """In a case dated relative to itself, an end not dated was bounded by its calendar bound
    (the publication day, a day of another scale than the schedule's): cerbon2023's complete
    metabolic response 3 months after SBRT begun during the third course, which ended after
    two cycles of unstated length, had no "response L3". daverede2014's end of docetaxel, the
    day the case counts from, bounds its line: the complete response 5 months after the last
    dose, on androgen deprivation alone, is not docetaxel's."""
    from conftest import ROOT
    from timeline import check_path

    def names(stem: str) -> set[str]:
        checked = check_path(str(ROOT / "cases" / f"{stem}.yaml"))
        return {i.name for i in checked.intervals}

    assert "response L3" in names(
        "cerbon2023-sinonasal-melanoma-nivolumab-relatlimab-sbrt-abscopal"
    )
    assert "response L2" not in names("daverede2014-mcrpc-docetaxel-late-cr")


_ANSWERED_IN_THE_MONTH = """
format: 1
id: answered-in-the-month
title: hepatic metastases answered by trastuzumab and paclitaxel, lapatinib some time after
diagnosis: {date: 1994-03, site: breast}
events:
  - {id: op, type: surgery, date: 1994-03, procedure: mastectomy, curative: true}
  - {id: liver, type: recurrence, date: 2004-04, new_sites: [liver]}
  - {id: tp, type: regimen, intent: advanced, agents: [trastuzumab, paclitaxel], start: 2004-04,
     end: {after: tp.start, before: lap.start}, end_reason: unknown}
  - {id: lap, type: regimen, intent: advanced, agents: [lapatinib], start: {after: tp.start},
     end: again.start, end_reason: progression}
  - {id: again, type: regimen, intent: advanced, agents: [trastuzumab], start: {after: lap.start},
     end_reason: ongoing}
  - {id: fu, type: follow-up, date: 2010-04, status: alive}
"""


def test_a_recurrence_an_earlier_regimen_answered_did_not_end_a_later_one() -> None:
    """Hepatic metastases of April 2004, answered by trastuzumab and paclitaxel begun that
    April, were named what ended lapatinib, given after them ("changed: recurrence"), and
    L010 said lapatinib might start after them: the month let the metastases fall after
    lapatinib's start. Read as before the regimen that answered them, they came before every
    regimen the case starts no earlier: lapatinib's stated progression is not recorded (L003)."""
    result = check_text(_ANSWERED_IN_THE_MONTH, "answered.yaml")
    assert result.ok, [p.format() for p in result.problems]
    codes = {p.code for p in result.problems}
    assert "L010" not in codes and "L003" in codes, [p.format() for p in result.problems]
    (lap,) = [ln for ln in result.lines if ln.regimen.id == "lap"]
    assert "recurrence" not in lap.causes() and "progression" in lap.causes()
    # the recurrence still ends a regimen it can have arisen on
    before = _ANSWERED_IN_THE_MONTH.replace("start: 2004-04,", "start: 2003-01,", 1).replace(
        "end: {after: tp.start, before: lap.start}, end_reason: unknown",
        "end: liver, end_reason: progression",
    )
    result = check_text(before, "answered.yaml")
    (tp,) = [ln for ln in result.lines if ln.regimen.id == "tp"]
    assert "recurrence" in tp.causes(), [p.format() for p in result.problems]


def test_a_short_plausible_length_with_a_long_range_is_said_in_weeks() -> None:
    """A first line given for a week, its PFS censored at a next line known only within five
    months: "≈ 0 months (range 0–5)" read as nil; it is said in weeks (or days), its range in
    months."""
    from timeline.lines import Interval
    from timeline.points import Bounds

    b = Bounds(0, 0)
    week = Interval("PFS L1", b, b, (7, 150), censored=True, plausible=8)
    assert week.text() == "censored at ≈ 1 week (range 1 week to 5 months)", week.text()
    days = Interval("PFS L1", b, b, (0, 150), plausible=4)
    assert days.text() == "≈ 4 days (range 0–5 months)", days.text()
    month = Interval("PFS L1", b, b, (0, 150), plausible=20)
    assert month.text().startswith("≈ 1 month (range"), month.text()


def test_an_interval_not_computable_names_the_date_not_given() -> None:
    """Time off therapy from a radiotherapy whose end the case does not give to a rechallenge,
    in a case told without calendar dates: "not computable ('nivolumab-rechallenge' has no
    earliest day)" blamed a date bounded by every distance of the case, on a calendar the case
    does not use. The date not given at all is named."""
    text = """
format: 1
id: tfi-open
diagnosis: {date: {note: not dated}}
events:
  - {id: nivo, type: regimen, intent: advanced, start: {from: diagnosis, offset: 1 month},
     end: {from: nivo.start, offset: 6 months}, end_reason: toxicity, agents: [nivolumab]}
  - {id: rec, type: recurrence, date: {from: nivo.end, offset: 14 months}, sites: [mediastinum]}
  - {id: rt, type: radiotherapy, start: {after: rec, within: 1 month}, site: mediastinum}
  - {id: rec2, type: recurrence, date: {from: rec, offset: 1 year}, sites: [lung]}
  - {id: re, type: regimen, intent: advanced, start: {after: rec2, within: 1 month},
     end: unknown, agents: [nivolumab]}
  - {id: fu, type: follow-up, date: {from: diagnosis, offset: 5 years, before: 2019-12-31},
     status: alive}
acknowledge:
  - {code: R005, event: re, reason: the source does not say whether it was still given}
"""
    checked = check_text(text, "tfi.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    out = summary_text(checked)
    tfi = [
        line
        for line in out.splitlines()
        if line.strip().startswith("TFI") and "rt" in line.split("; from ")[0]
    ]
    assert tfi, out
    assert "not computable (the end of 'rt' has no latest day)" in tfi[0], tfi


def test_an_open_length_in_a_case_without_calendar_dates_names_the_open_date() -> None:
    """A synovial sarcoma told only in distances, counted from the lung metastases: OS read
    "≥ 33 months ('death' has no latest day)", though the death is stated exactly (19 months
    after the metastases); it is the diagnosis that has no earliest day. On the calendar,
    which the case does not use, every date is open; the windows counted from the event the
    case counts from say which."""
    from conftest import DISTANCES_ONLY

    checked = check_text(DISTANCES_ONLY, "rel.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    os_ = next(i for i in checked.intervals if i.name == "OS")
    assert os_.text().endswith("('diagnosis' has no earliest day)"), os_.text()
    dfs = next(i for i in checked.intervals if i.name == "DFS")
    assert dfs.text().endswith("('op' has no earliest day)"), dfs.text()


def test_a_follow_up_from_a_diagnosis_not_dated_blames_the_diagnosis() -> None:
    """A lung cancer report told in distances from a leptomeningeal progression, its diagnosis
    not dated at all: `show` said "follow-up not computable ('last-follow-up' is not dated)",
    of a follow-up five months after the start of lorlatinib. The diagnosis, which the drawing
    leaves out for want of a date, has no window counted from the progression either: it is
    the date that is missing (two library cases said the same)."""
    text = """
format: 1
id: undated-diagnosis
diagnosis: {date: unknown}
events:
  - {id: pd, type: progression, date: {at: unknown, note: not dated}}
  - {id: rx, type: regimen, intent: advanced, start: {after: pd, within: 2 weeks},
     end_reason: ongoing, agents: [lorlatinib]}
  - {id: fu, type: follow-up, date: {from: rx.start, offset: 5 months}, status: alive}
"""
    checked = check_text(text, "undated.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    follow_up = next(i for i in checked.intervals if i.name == "follow-up")
    assert follow_up.text() == "not computable ('diagnosis' is not dated)", follow_up.text()


def test_a_time_off_therapy_from_an_end_known_only_by_order_says_which_end() -> None:
    """A pancreatic report: adjuvant gemcitabine "completed", its end given only by order, a
    recurrence two months after it, then a first line. `show` said "TFI 1 2–5 months (the end
    is known only by order)", where the interval's end, the first line's start, is dated
    within three months of the recurrence: it is the end of the therapy before it that is
    known only by order."""
    text = """
format: 1
id: tfi-by-order
diagnosis: {date: 2018-01}
events:
  - {id: op, type: surgery, date: 2018-02, procedure: resection, curative: true}
  - {id: adj, type: regimen, intent: adjuvant, start: {after: op, within: 3 months},
     end: {after: adj.start, before: 2021-01}, end_reason: completed, agents: [gemcitabine]}
  - {id: rec, type: recurrence, date: {from: adj.end, offset: 2 months}}
  - {id: l1, type: regimen, intent: advanced, start: {after: rec, within: 3 months},
     end: pd, end_reason: progression, agents: [gemcitabine, nab-paclitaxel]}
  - {id: pd, type: progression, date: {from: l1.start, offset: 64 days}}
  - {id: fu, type: follow-up, date: {from: pd, offset: 12 months}, status: alive}
"""
    rows = summary_text(check_text(text, "tfi.yaml", ignore=["C008"])).splitlines()
    tfi = next(r for r in rows if r.startswith("  TFI 1 "))
    assert tfi.split("; from ")[0].endswith("(the end before it is known only by order)"), tfi


def test_a_radiotherapy_end_said_as_its_start_is_given_as_its_length() -> None:
    """An Ewing relapse irradiated "during the 9th and 10th cycles", in a case without calendar
    dates: the course's start and end both read "from month 34.3", and `show` left the end
    out, a course of one day. It gives the end's distance from the start."""
    text = """
format: 1
id: rt-end
diagnosis: {date: unknown}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis},
     end_reason: unknown, agents: [irinotecan, temozolomide]}
  - id: rt
    type: radiotherapy
    start:
      after: {from: l1.start, offset: 16 weeks}
      before: {from: l1.start, offset: 20 weeks}
    end:
      after: rt.start
      before: {from: l1.start, offset: 20 weeks}
    site: rib
  - {id: fu, type: follow-up, date: {from: l1.start, offset: 6 months}, status: alive}
"""
    rows = summary_text(check_text(text, "rt.yaml", ignore=["C008"])).splitlines()
    row = next(r for r in rows if "radiotherapy" in r and r.startswith("  local"))
    assert "→ end 0–28 days later" in row, row


def test_a_regimen_stopped_because_it_did_not_work_says_so() -> None:
    """An immune checkpoint inhibitor that "failed", with no progression recorded: `end_reason`
    had no value for it (`progression` set off L003 and claimed a progression the source does
    not give; `other` was drawn as "other reason"). `no-response` is said as the cause, and
    the line's PFS is not ended by it."""
    text = (
        "format: 1\nid: failed\ndiagnosis: {date: 2020-01}\nevents:\n"
        "  - {id: ici, type: regimen, intent: advanced, start: 2020-02, end: 2020-06,"
        " end_reason: no-response, agents: [pembrolizumab]}\n"
        "  - {id: nr, type: response, category: NR, date: 2020-05, authors_term: failed}\n"
        "  - {id: chemo, type: regimen, intent: advanced, start: 2020-07, end_reason: ongoing,"
        " agents: [paclitaxel]}\n"
        "  - {id: fu, type: follow-up, date: 2020-12, status: alive-with-disease}\n"
    )
    checked = check_text(text, "failed.yaml")
    assert not checked.problems, [p.format() for p in checked.problems]
    first = checked.lines[0]
    assert first.causes() == ("no response",)
    assert "→ changed: no response" in summary_text(checked)
    pfs = next(i for i in checked.intervals if i.name == "PFS L1")
    assert pfs.censored


def test_a_drug_given_into_one_region_is_said_with_its_route() -> None:
    """Ten intrathecal injections beside R-DHAP were said as more systemic chemotherapy
    ("… + cisplatin + unspecified chemotherapy"), and `show --format json` gave no route."""
    from timeline.summary import summary_data

    text = (
        "format: 1\nid: it\ndiagnosis: {date: 2020-01}\nevents:\n"
        "  - id: salvage\n    type: regimen\n    intent: advanced\n    start: 2020-02\n"
        "    end: 2020-05\n    end_reason: completed\n    exposures:\n"
        "      - {agent: cytarabine}\n"
        "      - {agent: methotrexate, route: intrathecal}\n"
        "      - {agent: chlorambucil, route: oral}\n"
        "  - {id: fu, type: follow-up, date: 2020-12, status: alive}\n"
    )
    checked = check_text(text, "it.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    said = summary_text(checked)
    assert "cytarabine + methotrexate (intrathecal) + chlorambucil" in said, said
    exposures = summary_data(checked)["lines"][0]["exposures"]
    assert [x["route"] for x in exposures] == [None, "intrathecal", "oral"]


def test_a_time_off_therapy_lasts_no_longer_than_the_therapies_begun_before_it_allow() -> None:
    """Radioiodine known only to lie between a thyroidectomy of 2007 and a CT of March 2018,
    three operations for regrowth in 2011, 2013 and 2014, sorafenib in October 2018: the time
    off therapy from the radioiodine to sorafenib was "6-142 months", counting through the
    operations. It has no therapy begun within it, so it began after the 2014 operation."""
    text = (
        "format: 1\nid: rai\ndiagnosis: {date: 2007}\nevents:\n"
        "  - {id: tx, type: surgery, date: 2007, curative: unknown}\n"
        "  - {id: op1, type: surgery, date: 2011, curative: unknown}\n"
        "  - {id: op2, type: surgery, date: 2013, curative: unknown}\n"
        "  - {id: op3, type: surgery, date: 2014, curative: unknown}\n"
        "  - {id: rai, type: regimen, intent: unknown, agents: [iodine-131],"
        " start: {after: tx, before: ct}, end: {after: rai.start, before: ct},"
        " end_reason: unknown}\n"
        "  - {id: ct, type: imaging, date: 2018-03}\n"
        "  - {id: pd, type: progression, date: 2018-09}\n"
        "  - {id: sora, type: regimen, intent: advanced, start: 2018-10, end_reason: ongoing,"
        " agents: [sorafenib]}\n"
        "  - {id: fu, type: follow-up, date: 2019-01, status: alive-with-disease}\n"
    )
    checked = check_text(text, "rai.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    tfi = next(i for i in checked.intervals if i.name == "TFI 1")
    assert tfi.days is not None
    # (from the earliest day of the 2014 operation to the last of October 2018)
    assert tfi.days[1] <= (2018 - 2014) * 365 + 305, tfi.text()
    assert tfi.days[0] <= tfi.days[1]


def test_an_open_length_says_which_distance_is_missing_when_the_calendar_bounds_the_date() -> None:
    """A case told in distances from its diagnosis, its last follow-up known only to come
    after the therapy and before the report's publication: `show` said "'fu' has no latest
    day", though the file gives it one (2019-12-31, which `validate` says too). What is
    missing is how long after the line's start (or the diagnosis) it comes."""
    text = """\
format: 1
id: rel-bounded
diagnosis: {date: unknown}
events:
  - {id: chemo, type: regimen, intent: advanced, start: {from: diagnosis, offset: 1 month},
     agents: [gemcitabine], end: {from: chemo.start, offset: 9 months}, end_reason: completed}
  - {id: fu, type: follow-up, date: {after: chemo.end, before: 2019-12-31}, status: alive-progression-free}
"""
    checked = check_text(text, "bounded.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    said = {i.name: i.text() for i in checked.intervals}
    assert said["PFS L1"] == (
        "censored at ≥ 9 months ('fu' is no later than 2019-12-31, but nothing bounds how long"
        " after the start of 'chemo' it comes)"
    ), said
    assert said["follow-up"].endswith("but nothing bounds how long after the diagnosis it comes)")
    assert "no latest day" not in " ".join(said.values())


def test_pfs_is_censored_at_an_operation_the_case_puts_before_the_progression_on_its_day() -> None:
    """A line, then an ablation, then a progression, then the next line, all known only by
    order: the schedule puts the last three on one day, and the ablation, on the next line's
    day, was not counted as new treatment; the PFS ended at the progression."""
    text = ABLATION_BETWEEN_LINES
    checked = check_text(text, "tie.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    pfs = next(i for i in checked.intervals if i.name == "PFS L1")
    assert pfs.censored, pfs
    assert "PFS L1       censored at ≥ 5 weeks ('rfa' is" in summary_text(checked)
    # (an operation the case puts after the progression does not censor it)
    later = text.replace("date: {after: l1.end}}", "date: {after: pd, before: l2.start}}")
    later = later.replace("before: rfa}", "before: pd}")
    later = later.replace("date: {after: rfa}", "date: {after: l1.end}")
    again = check_text(later, "tie.yaml")
    assert again.ok, [p.format() for p in again.problems]
    pfs = next(i for i in again.intervals if i.name == "PFS L1")
    assert not pfs.censored, pfs


def test_a_regimen_stopped_for_an_operation_says_so() -> None:
    """Sunitinib withdrawn for a hepatectomy ("the perioperative withdrawal of sunitinib"): the
    only reasons were `other` ("other reason" over the change) or an invented one. `surgery`
    says it, in `show` and over the change in the figure, and ends no PFS."""
    from timeline.render.layout import swimlane
    from timeline.render.scene import Text
    from timeline.render.style import THEMES

    checked = check(
        """format: 1
id: periop
diagnosis: {date: 2010-01}
events:
  - {id: pd, type: recurrence, date: 2011-01, sites: [liver]}
  - {id: suni, type: regimen, intent: advanced, start: 2011-02, end: 2011-08-15,
     end_reason: surgery, agents: [sunitinib]}
  - {id: op, type: surgery, date: 2011-09-01, procedure: hepatectomy, curative: true}
  - {id: rel, type: recurrence, date: {from: op, offset: 5 weeks}}
  - {id: ima, type: regimen, intent: advanced, start: 2011-11, end: 2012-06,
     end_reason: progression, agents: [imatinib]}
  - {id: pd2, type: progression, date: 2012-06}
"""
    )
    assert "→ changed: surgery" in summary_text(checked)
    texts = [i.text for i in swimlane(checked, THEMES["slide"]).items if isinstance(i, Text)]
    assert "surgery" in texts, texts
    (l1,) = [i for i in checked.intervals if i.kind == "PFS" and i.name.endswith("L1")]
    assert l1.censored


def test_a_regimen_stopped_in_remission_says_so() -> None:
    """Pembrolizumab "placed on hold" once a PET showed no disease: `other` read "other
    reason"; `completed` would say a course planned from the start. `remission` says it."""
    checked = check(
        """format: 1
id: hold-in-cr
diagnosis: {date: 2014-01}
events:
  - {id: pd, type: progression, date: 2015-08, sites: [liver, lung]}
  - {id: pembro, type: regimen, intent: advanced, start: 2015-10, end: 2018-07,
     end_reason: remission, agents: [pembrolizumab]}
  - {id: pet, type: response, date: 2018-07, category: CR, method: PET}
"""
    )
    assert "→ stopped: remission" in summary_text(checked)
    (pfs,) = [i for i in checked.intervals if i.kind == "PFS"]
    assert pfs.censored


def test_show_says_which_gap_each_time_off_therapy_is() -> None:
    """TFIs are numbered as they are found, and a gap that cannot be established is not: "TFI
    1" after the second line read as the first line's. `show` says the two points each is
    measured between."""
    from timeline.summary import summary_text

    text = """
id: which-gap
diagnosis: {date: 2015-01}
events:
  - {id: l1, type: regimen, intent: advanced, agents: [cisplatin], start: 2015-02,
     end: 2015-12-28, end_reason: progression}
  - {id: l2, type: regimen, intent: advanced, agents: [docetaxel], start: 2016-01,
     end: 2016-04, end_reason: completed}
  - {id: l3, type: regimen, intent: advanced, agents: [gemcitabine], start: 2016-10,
     end: 2017-01, end_reason: completed}
  - {id: fu, type: follow-up, date: 2017-02, status: alive}
"""
    lines = [x for x in summary_text(check(text)).splitlines() if x.strip().startswith("TFI")]
    assert len(lines) == 1, lines
    assert lines[0].strip().startswith("TFI 1"), lines
    # (an agent's end that is its regimen's own, as the regimen's: "from the end of
    # 'etoposide'" named one of five drugs ended together)
    assert lines[0].endswith("; from the end of 'l2' to the start of 'l3'"), lines
    # (and the DFS, from the first curative operation the case records: a secondary
    # cytoreduction's 14 months read as the source's "18 years of disease-free survival")
    operated = text.replace(
        "  - {id: fu,",
        "  - {id: op, type: surgery, date: 2017-01-20, curative: true}\n  - {id: fu,",
    ).replace("status: alive}", "status: alive-ned}")
    dfs = [x for x in summary_text(check(operated)).splitlines() if x.strip().startswith("DFS")]
    assert len(dfs) == 1 and dfs[0].endswith("; from 'op' to 'fu'"), dfs


def test_no_platinum_free_interval_from_an_agents_end_known_only_by_order() -> None:
    """A Hodgkin lymphoma report: cisplatin of ESHAP written to stop with ESHAP's etoposide,
    itself known only to come before BEACOPP (``end: eshap-etoposide.end``). The point it is
    written as is an agent's, by its id, which the reading of "known only by order" did not
    follow: `show` said "PFI 1 censored at ≥ 10 months", from a day the case does not give."""
    text = """
format: 1
id: pfi-by-order
diagnosis: {date: 2019-06}
events:
  - {id: l2, type: regimen, intent: advanced, start: 2020-01, end: {after: 2020-02, before: 2020-09},
     end_reason: no-response, exposures: [
       {id: eshap-eto, agent: etoposide, end: {before: beacopp-eto.start}},
       {agent: cisplatin, end: eshap-eto.end},
       {id: beacopp-eto, agent: etoposide, start: {after: eshap-eto.end}}]}
  - {id: fu, type: follow-up, date: 2021-06, status: alive}
"""
    checked = check_text(text, "pfi.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert not [i for i in checked.intervals if i.kind == "PFI"], [
        (i.name, i.text()) for i in checked.intervals
    ]


def test_a_platinum_free_interval_stops_at_a_line_the_case_puts_after_the_platinum() -> None:
    """Brentuximab begun at no stated time after cisplatin stopped, on the plausible day the
    platinum stopped: the next line was looked for only on later days, and the interval ran
    on past it to the progression ten months into brentuximab ("PFI ≥ 10 months")."""
    text = """
format: 1
id: pfi-same-day
diagnosis: {date: 2019-06}
events:
  - {id: l2, type: regimen, intent: advanced, start: 2020-01, end: 2020-03,
     end_reason: no-response, agents: [cisplatin, cytarabine]}
  - {id: l3, type: regimen, intent: advanced, start: {after: l2.end}, end: pd,
     end_reason: progression, agents: [brentuximab vedotin]}
  - {id: pd, type: progression, date: {from: l3.start, offset: 10 months}}
"""
    checked = check_text(text, "pfi.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    pfi = next(i for i in checked.intervals if i.kind == "PFI")
    assert pfi.end_key == "l3.start", (pfi.end_key, pfi.text())


_SILENT_FOLLOW_UP = """\
format: 1
id: silent-follow-up
diagnosis: {date: 2020-01-10}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2020-02-01, agents: [cemiplimab],
     end_reason: STATUS_END}
  - {id: ct, type: imaging, method: CT, date: 2020-05-04, findings: stable}
  - {id: pr, type: response, category: PR, method: CT, date: 2020-04-01}
  - {id: fu, type: follow-up, date: 2021-06-15, status: STATUS}
"""


@pytest.mark.parametrize(
    ("status", "end", "pfs", "dor"),
    [
        # the follow-up says nothing of the disease: censored at the last assessment, the CT
        ("unknown", "unknown", "≥ 3 months", "≥ 4 weeks"),
        ("alive", "unknown", "≥ 3 months", "≥ 4 weeks"),
        # it says the state of the disease, or the line goes on at it: censored there
        ("alive-progression-free", "unknown", "≥ 16 months", "≥ 14 months"),
        ("alive-with-disease", "unknown", "≥ 16 months", "≥ 14 months"),
        ("alive", "ongoing", "≥ 16 months", "≥ 14 months"),
    ],
)
def test_a_line_is_censored_where_the_disease_was_last_known(
    status: str, end: str, pfs: str, dor: str
) -> None:
    """A PFS with no progression, death or next line was censored at the last follow-up
    whatever it said: a follow-up of status `unknown` 13 months after the last CT made a PFS
    of "≥ 16 months" that the source never gives. It is censored there only when the
    follow-up says the state of the disease or the line goes on at it; else at the last
    assessment (the FDA's rule); and so is the duration of response."""
    text = _SILENT_FOLLOW_UP.replace("STATUS_END", end).replace("STATUS", status)
    checked = check_text(text, "silent.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    said = {i.name: i for i in checked.intervals}
    assert said["PFS L1"].censored and said["response L1"].censored
    assert said["PFS L1"].text().endswith(pfs), said["PFS L1"].text()
    assert said["response L1"].text().endswith(dor), said["response L1"].text()
    last = "fu" if pfs.startswith("≥ 16") else "ct"
    assert said["PFS L1"].end_key == last


def test_a_line_with_no_assessment_before_a_silent_follow_up_is_not_known() -> None:
    """No response nor imaging after the line's start, and a follow-up that says nothing of
    the disease: no time free of progression is known ("PFS L1 ≥ 16 months" was said); the
    FDA's rule censors such a patient at the start."""
    text = _SILENT_FOLLOW_UP.replace("STATUS_END", "unknown").replace("STATUS", "alive")
    text = "\n".join(x for x in text.splitlines() if "id: ct," not in x and "id: pr," not in x)
    checked = check_text(text, "silent.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    said = {i.name: i.text() for i in checked.intervals}
    assert said["PFS L1"] == "not known (nothing reported after its start)", said
    assert said["follow-up"] == "≥ 17 months", said


def test_a_censored_length_is_at_least_what_its_fewest_days_hold() -> None:
    """A PFS cut at a follow-up known within 5.8 to 6.8 months of the line's start was
    "≥ 6 months": at least is its fewest days, 177, 5 whole months. Months the source states
    stay whole ("50 months" on a drug and "30 months" after: "≥ 80 months")."""
    text = """\
format: 1
id: least-months
diagnosis: {date: 2019-12-10}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2020-02-06, agents: [cemiplimab],
     end_reason: ongoing}
  - {id: fu, type: follow-up, date: 2020-08, status: alive-with-disease}
"""
    checked = check_text(text, "least.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    said = {i.name: i for i in checked.intervals}
    assert said["PFS L1"].days == (177, 207)
    assert said["PFS L1"].text() == "≥ 5 months", said["PFS L1"].text()
    stated = text.replace("date: 2020-08,", "date: {from: l1.start, offset: 6 months},")
    said = {i.name: i.text() for i in check_text(stated, "stated.yaml").intervals}
    assert said["PFS L1"] == "≥ 6 months", said


def test_a_censored_length_in_no_whole_month_is_not_rounded_up() -> None:
    """A cemiplimab response after seven cycles of three weeks, nothing reported after it:
    its PFS, 21 weeks (4.8 months), was "≥ 5 months", more than the dates hold. It is said to
    the tenth, rounded down."""
    text = """\
format: 1
id: seven-cycles
diagnosis: {date: 2019-01}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis}, cycles: 7,
     cycle: 3 weeks, agents: [cemiplimab]}
  - {id: cr, type: response, date: {from: l1.start, offset: 7 cycles of 3 weeks}, category: CR}
"""
    checked = check_text(text, "seven.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    said = {i.name: i.text() for i in checked.intervals}
    assert said["PFS L1"].startswith("≥ 4.8 months"), said


def test_an_open_length_blames_the_side_that_leaves_it_open() -> None:
    """Five cycles of FOLFOX known only to follow the diagnosis, an operation after them and
    encorafenib after a progression: its PFS, censored at the operation, was "≥ 4 weeks
    ('surgery' has no earliest day)", though what leaves the length open is the start of
    FOLFOX, which has none; the operation's missing earliest day bounds nothing above."""
    text = """\
format: 1
id: open-side
diagnosis: {date: unknown}
events:
  - {id: folfox, type: regimen, intent: advanced, start: {after: diagnosis}, cycles: 5,
     end: {from: folfox.start, offset: 5 cycles, before: op}, end_reason: unknown,
     agents: [oxaliplatin]}
  - {id: op, type: surgery, procedure: hemicolectomy, curative: unknown,
     date: {after: folfox.end, before: pd}}
  - {id: pd, type: progression, date: {after: op, before: enco.start}}
  - {id: enco, type: regimen, intent: advanced, start: 2024-03-01, agents: [encorafenib]}
  - {id: fu, type: follow-up, date: {from: enco.start, offset: 4 months}, status: alive}
"""
    checked = check_text(text, "open-side.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    said = {i.name: i.text() for i in checked.intervals}
    assert said["PFS L1"] == (
        "censored at ≥ 4 weeks (the start of 'folfox' has no earliest day)"
    ), said


def test_radiotherapy_part_of_a_line_does_not_censor_its_pfs() -> None:
    """A primary CNS lymphoma: methotrexate, then whole-brain radiotherapy, both first-line
    treatment, and a relapse years later. The radiotherapy, after the chemotherapy ended,
    censored the line's PFS as new treatment ("censored at 0–20 months"); said `part_of` the
    line, it does not, and `show` says so. A `part_of` that names no regimen is S007."""
    text = """\
format: 1
id: part-of
diagnosis: {date: 2010-03}
events:
  - {id: mtx, type: regimen, intent: advanced, start: 2010-03, end: 2010-08,
     end_reason: completed, agents: [methotrexate]}
  - {id: wbrt, type: radiotherapy, start: 2010-09, end: 2010-10, site: whole brain,
     intent: consolidationPART}
  - {id: relapse, type: recurrence, date: 2014-03}
  - {type: follow-up, date: 2015-01, status: alive-with-disease}
"""
    plain = check_text(text.replace("PART", ""), "plain.yaml")
    assert plain.ok, [p.format() for p in plain.problems]
    said = {i.name: i for i in plain.intervals}
    assert said["PFS L1"].censored and said["PFS L1"].end_key == "wbrt.start"
    part = check_text(text.replace("PART", ", part_of: mtx"), "part.yaml")
    assert part.ok, [p.format() for p in part.problems]
    said = {i.name: i for i in part.intervals}
    assert not said["PFS L1"].censored and said["PFS L1"].end_key == "relapse"
    assert "radiotherapy whole brain (consolidation), part of L1" in summary_text(part)
    # (a line with no number, by its name: "part of intent unknown" read as the course's own)
    unnumbered = check_text(
        text.replace("PART", ", part_of: mtx").replace(
            "intent: advanced, start: 2010-03", "name: HD-MTX, intent: unknown, start: 2010-03"
        ),
        "unnumbered.yaml",
    )
    assert "part of HD-MTX" in summary_text(unnumbered), summary_text(unnumbered)
    wrong = check_text(text.replace("PART", ", part_of: relapse"), "wrong.yaml")
    (problem,) = [p for p in wrong.problems if p.code == "S007"]
    assert "'relapse', which is a recurrence, not a regimen" in problem.message


def test_an_agent_end_whose_reason_is_not_given_says_no_reason() -> None:
    """Leuprorelin with enzalutamide, leuprorelin's end known only to follow a progression and
    its reason `unknown`: `show` said "(until ≈ 2021-04-08 (2021-01-01 – 2021-06-30),
    unknown)", the reason read as a word of the date."""
    checked = check_text(
        """\
format: 1
id: agent-end
diagnosis: {date: 2020-01}
events:
  - {id: adt, type: regimen, intent: advanced, start: 2020-01, end: 2021-06,
     end_reason: progression,
     exposures: [{agent: leuprorelin, end: {after: pd}, end_reason: unknown},
                 {agent: enzalutamide}]}
  - {id: pd, type: progression, date: 2021-01}
  - {type: follow-up, date: 2021-09, status: alive-with-disease}
""",
        "agent-end.yaml",
    )
    assert checked.ok, [p.format() for p in checked.problems]
    line = next(x for x in summary_text(checked).splitlines() if "leuprorelin" in x)
    assert "leuprorelin (until ≈ 2021-04-08 (2021-01-01 – 2021-06-30)) +" in line, line


_REFRACTORY = """\
format: 1
id: refractory
diagnosis: {date: 2020-01-10}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2020-02-01, end: 2020-06-01,
     agents: [cemiplimab], end_reason: END}
  - RESPONSE
  - {id: died, type: death, date: 2021-12-01}
"""


@pytest.mark.parametrize(
    ("end", "response", "said"),
    [
        # a no response on the line: it may have been the progression
        (
            "unknown",
            "{id: nr, type: response, category: NR, date: 2020-05-01}",
            "≤ 22 months (to the death: the no response 'nr' may have been a progression)",
        ),
        # stopped because it did not work
        (
            "no-response",
            "{id: ct, type: imaging, method: CT, date: 2020-05-01}",
            "≤ 22 months (to the death: it stopped for no response, perhaps a progression)",
        ),
    ],
)
def test_a_pfs_run_to_death_after_a_no_response_gives_only_its_longest_length(
    end: str, response: str, said: str
) -> None:
    """A line the source calls refractory, no progression recorded, the patient dead 18
    months after it stopped: its PFS was "≈ 22 months" to the death, as if the disease had
    been held that long; the no response may have been the progression."""
    text = _REFRACTORY.replace("END", end).replace("RESPONSE", response)
    checked = check_text(text, "refractory.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    pfs = next(i for i in checked.intervals if i.name == "PFS L1")
    assert pfs.text() == said
    record = pfs.as_dict()
    assert record["months"] is None and record["months_min"] == 0.0
    assert record["months_max"] == pytest.approx(22.0, abs=0.1)
    # a line that responded keeps its PFS to the death
    held = _REFRACTORY.replace("END", "completed").replace("RESPONSE", response)
    held_check = check_text(held.replace("category: NR", "category: SD"), "held.yaml")
    (kept,) = [i for i in held_check.intervals if i.name == "PFS L1"]
    # (and says that its event is the death: "PFS L2 10 months" hid that the source reports
    # no progression on nivolumab, only the death)
    assert kept.text() == "22 months (to the death; no progression reported before it)"


def test_a_pfs_to_a_progression_the_case_does_not_order_after_the_start_is_not_known() -> None:
    """Medullary thyroid cancer known in part: a bone recurrence between 2001 and 2017, and
    selpercatinib begun at no stated time between 2001 and 2024. The schedule put the
    recurrence after selpercatinib's start, and its PFS was "0–198 months", as if the line
    had progressed. A progression the case orders after the start keeps its length."""
    text = """\
format: 1
id: unordered
diagnosis: {date: 2001}
events:
  - {id: first, type: regimen, intent: advanced, start: 2002-01, end: 2003-01,
     agents: [vandetanib], end_reason: toxicity}
  - {id: pd, type: progression, date: {after: 2010-01, before: 2017-06}, sites: [bone]}
  - {id: selp, type: regimen, intent: advanced, agents: [selpercatinib],
     start: {after: first.end, before: 2015-12}}
  - {id: fu, type: follow-up, date: 2024, status: alive}
acknowledge:
  - {code: C008, reason: neither is dated}
"""
    checked = check_text(text, "unordered.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    (pfs,) = [i for i in checked.intervals if i.name == "PFS L2"]
    said = pfs.text()
    assert said.startswith(
        "not known (the case does not say whether 'pd' came after the start of 'selp'; ≈ "
    ), said
    assert said.endswith(" as drawn, if it did)"), said
    record = pfs.as_dict()
    assert record["months"] is None and record["months_min"] is None
    assert record["months_max"] is None
    ordered = check_text(
        text.replace("{after: 2010-01, before: 2017-06}", "{after: selp.start, before: 2017-06}"),
        "ordered.yaml",
    )
    assert ordered.ok, [p.format() for p in ordered.problems]
    (kept,) = [i for i in ordered.intervals if i.name == "PFS L2"]
    assert "not known" not in kept.text(), kept.text()
    assert kept.as_dict()["months_max"] is not None


def test_the_change_is_named_by_the_progression_the_case_puts_on_the_regimen() -> None:
    """A hepatocellular carcinoma known in part: a lung metastasis known only to follow the
    resection, and a progression the case puts on sorafenib. Sorafenib's end was said
    "changed: recurrence", by the metastasis the plausible schedule put near it."""
    text = """\
format: 1
id: named
diagnosis: {date: 2015-09}
source: {published: 2020-09-26}
events:
  - {id: op, type: surgery, date: 2015-09, procedure: liver resection, curative: unknown}
  - {id: lung, type: recurrence, date: {after: op, before: pd}, new_sites: [lung]}
  - {id: sor, type: regimen, intent: advanced, start: {after: op, before: rego.start},
     end: rego.start, end_reason: progression, agents: [sorafenib]}
  - {id: pd, type: progression, date: {after: sor.start, before: rego.start}}
  - {id: rego, type: regimen, intent: advanced, start: {after: sor.start, before: 2020-09-26},
     agents: [regorafenib]}
acknowledge:
  - {code: C008, reason: nothing is dated}
"""
    checked = check_text(text, "named.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    (line,) = [ln for ln in checked.lines if ln.regimen.id == "sor"]
    assert line.causes() == ("progression",), line.causes()
    assert line.ended_by[0].found_by == "pd"


def test_an_operation_part_of_a_line_does_not_censor_its_pfs() -> None:
    """A testicular non-seminoma: BEP, then the resection of the residual retroperitoneal mass
    (mature teratoma), both first-line treatment, and a late relapse 200 months on. The
    resection, after the chemotherapy ended, censored the line's PFS as new treatment
    ("censored at 0–15 months"); said `part_of` the line, it does not, and `show` says so. A
    `part_of` that names no regimen is S007, as for radiotherapy."""
    text = """\
format: 1
id: part-of-op
diagnosis: {date: 1988}
events:
  - {id: bep, type: regimen, intent: advanced, start: 1988, end: 1988,
     end_reason: completed, agents: [bleomycin, etoposide, cisplatin]}
  - {id: rplnd, type: surgery, date: 1989, procedure: residual mass resectionPART}
  - {id: relapse, type: recurrence, date: 2005-11}
  - {type: follow-up, date: 2006-06, status: alive-ned}
acknowledge:
  - {code: C008, reason: the source gives years}
"""
    plain = check_text(text.replace("PART", ""), "plain.yaml")
    assert plain.ok, [p.format() for p in plain.problems]
    said = {i.name: i for i in plain.intervals}
    assert said["PFS L1"].censored and said["PFS L1"].end_key == "rplnd", said["PFS L1"]
    part = check_text(text.replace("PART", ", part_of: bep"), "part.yaml")
    assert part.ok, [p.format() for p in part.problems]
    said = {i.name: i for i in part.intervals}
    assert not said["PFS L1"].censored and said["PFS L1"].end_key == "relapse"
    assert "residual mass resection, part of L1" in summary_text(part)
    wrong = check_text(text.replace("PART", ", part_of: relapse"), "wrong.yaml")
    (problem,) = [p for p in wrong.problems if p.code == "S007"]
    assert "'relapse', which is a recurrence, not a regimen" in problem.message


def test_a_platinum_free_interval_is_censored_at_the_last_assessment_as_a_pfs_is() -> None:
    """Carboplatin + paclitaxel switched to dabrafenib + trametinib, a response after, an
    operation and a last follow-up of status `unknown` months later: the PFI was censored at
    that follow-up ("censored at ≥ 8 weeks"), months free of progression nothing reported,
    where a PFS is censored at the last assessment. It is censored there too; at a follow-up
    that says the state of the disease, at that follow-up."""
    text = """\
format: 1
id: pfi-censor
diagnosis: {date: 2023-01}
events:
  - {id: cp, type: regimen, intent: advanced, start: 2023-02-01, end: 2023-03-01,
     end_reason: no-response, agents: [carboplatin, paclitaxel]}
  - {id: dt, type: regimen, intent: neoadjuvant, start: 2023-03-01, end: 2023-07-01,
     end_reason: completed, agents: [dabrafenib, trametinib]}
  - {id: pr, type: response, date: 2023-06-01, category: PR}
  - {id: op, type: surgery, date: 2023-07-15, procedure: thyroidectomy, curative: unknown}
  - {id: fu, type: follow-up, date: 2023-12-01, status: STATUS}
"""
    vague = check_text(text.replace("STATUS", "unknown"), "pfi.yaml")
    assert vague.ok, [p.format() for p in vague.problems]
    (pfi,) = [i for i in vague.intervals if i.kind == "PFI"]
    assert pfi.censored and pfi.end_key == "pr", pfi
    told = check_text(text.replace("STATUS", "alive-with-disease"), "pfi.yaml")
    (pfi,) = [i for i in told.intervals if i.kind == "PFI"]
    assert pfi.censored and pfi.end_key == "fu", pfi


def test_a_pfs_past_a_line_whose_sequel_is_not_reported_gives_its_longest_length() -> None:
    """A DLBCL after CHOP, the source saying nothing of what followed it (`later_therapy:
    not-reported`), a relapse years later: "PFS L1 ≈ 40 months" said the line held the disease
    that long, where a therapy the source leaves out may have come first (the PFS censored at
    it). Its longest length alone is given, as for a death after no response; a progression
    within the restaging after the line's end (or one before it) is the line's."""
    text = """\
format: 1
id: sequel
diagnosis: {date: 2010-01}
events:
  - {id: chop, type: regimen, intent: advanced, start: 2010-02, end: 2010-07,
     end_reason: completed, later_therapy: not-reported, agents: [cyclophosphamide]}
  - {id: rel, type: recurrence, date: 2013-06}
  - {type: follow-up, date: 2014-01, status: alive-with-disease}
"""
    checked = check_text(text, "sequel.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    pfs = next(i for i in checked.intervals if i.name == "PFS L1")
    assert pfs.text().startswith("≤ 41 months (what followed 'chop' is not reported"), pfs.text()
    assert pfs.as_dict()["months"] is None
    near = check_text(text.replace("2013-06", "2010-08"), "near.yaml")
    pfs = next(i for i in near.intervals if i.name == "PFS L1")
    assert not pfs.at_most, pfs.text()
    told = check_text(text.replace(", later_therapy: not-reported", ""), "told.yaml")
    pfs = next(i for i in told.intervals if i.name == "PFS L1")
    assert not pfs.at_most and pfs.text().startswith("≈ 40 months"), pfs.text()


def test_a_line_with_no_end_written_says_the_reason_the_case_gives() -> None:
    """Infliximab stopped for the progression "during" it, its end not written: `show` said
    "end not reported" and nothing of why, where the figure labelled the progression. The
    reason the case gives is said, as for a line whose end it dates."""
    text = """\
format: 1
id: no-end-reason
diagnosis: {date: 2019-01}
events:
  - {id: inflix, type: regimen, intent: advanced, start: 2019-03, end_reason: progression,
     agents: [imatinib]}
  - {id: pd, type: progression, date: {after: inflix.start}, sites: [skin]}
  - {id: tram, type: regimen, intent: advanced, start: {after: pd}, end_reason: ongoing,
     agents: [trametinib]}
  - {id: fu, type: follow-up, date: {after: tram.start}, status: alive}
acknowledge:
  - {code: C008, reason: the abstract gives the order only}
"""
    checked = check_text(text, "reason.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    (first, _second) = checked.lines
    assert list(first.causes()) == ["progression"], first.causes()
    assert "→ changed: progression" in summary_text(checked)


def test_dfs_is_censored_as_a_pfs_is_at_a_follow_up_that_says_nothing_of_the_disease() -> None:
    """A conversion gastrectomy, a complete pathological response on its day, then a last
    follow-up whose status the source does not give: DFS ran to that follow-up ("≈ 5 months as drawn"),
    months free of disease the source does not report. It is censored at the last assessment
    after the operation, as a PFS is; at the follow-up when the follow-up says the state."""
    from timeline import check_text

    text = """\
format: 1
id: dfs-cut
diagnosis: {date: 2018-09}
events:
  - {id: op, type: surgery, date: 2020-03-10, curative: true, procedure: distal gastrectomy}
  - {id: ct, type: imaging, date: 2020-05-12, findings: no recurrence}
  - {id: fu, type: follow-up, date: 2020-09, status: unknown}
"""
    checked = check_text(text, "dfs-cut.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    (dfs,) = [i for i in checked.intervals if i.kind == "DFS"]
    assert dfs.censored and dfs.text().startswith("≥ 2 months"), dfs.text()
    bare = text.replace(
        "  - {id: ct, type: imaging, date: 2020-05-12, findings: no recurrence}\n", ""
    )
    (dfs,) = [i for i in check_text(bare, "bare.yaml").intervals if i.kind == "DFS"]
    assert dfs.text() == "not known (nothing reported after its start)", dfs.text()
    told = check_text(text.replace("status: unknown", "status: alive-ned"), "dfs-told.yaml")
    (dfs,) = [i for i in told.intervals if i.kind == "DFS"]
    assert dfs.censored and dfs.text().startswith("≥ 5 months"), dfs.text()


def test_a_short_censored_length_of_no_whole_week_says_its_range_alone() -> None:
    """An AL amyloidosis treated for a week before a liver transplant: "PFS L1 censored at ≈ 0
    weeks (range 0–3)", a plausible length of no whole week said as if measured."""
    from timeline.chronology import Bounds
    from timeline.lines import Interval

    day = Bounds(738000, 738021)
    cut = Interval("PFS L1", day, day, (0, 21), censored=True, plausible=2, kind="PFS")
    assert cut.text() == "censored at 0–3 weeks", cut.text()
    held = Interval("PFS L1", day, day, (0, 21), censored=True, plausible=14, kind="PFS")
    assert held.text() == "censored at ≈ 2 weeks (range 0–3)", held.text()


def test_cycles_of_agents_given_one_after_another_are_not_said_as_one_count() -> None:
    """AC then docetaxel, four courses of each, the docetaxel begun at the end of AC: `show`
    said "4 cycles" of eight courses. Agents begun with the regimen with the same count are
    said together, one begun later on its own."""
    data = yaml.safe_load(
        """
format: 1
id: ac-then-docetaxel
diagnosis: {date: 2019-01-10}
events:
  - id: l1
    type: regimen
    name: AC followed by docetaxel
    intent: neoadjuvant
    start: 2019-02-01
    end: 2019-07-20
    end_reason: completed
    exposures:
      - {id: dox, agent: doxorubicin, cycles: 4, end: 2019-04-20}
      - {id: cyc, agent: cyclophosphamide, cycles: 4, end: dox.end}
      - {id: doc, agent: docetaxel, cycles: 4, start: dox.end}
  - {id: op, type: surgery, date: 2019-08-10, procedure: mastectomy, curative: true}
"""
    )
    text = summary_text(check(data))
    line = next(row for row in text.splitlines() if "AC followed by docetaxel" in row)
    assert "doxorubicin + cyclophosphamide 4 cycles, docetaxel 4 cycles" in line, line
    # (given together, one count: as before)
    together = copy.deepcopy(data)
    for x in together["events"][0]["exposures"]:
        x.pop("start", None)
        x.pop("end", None)
    line = next(
        row for row in summary_text(check(together)).splitlines() if "AC followed by" in row
    )
    assert ", 4 cycles" in line and "docetaxel 4 cycles" not in line, line


def test_a_therapy_given_on_one_day_lasts_a_single_day_not_zero_weeks() -> None:
    """A CAR-T infusion, its start and end one day: its duration read "0 weeks", as if it had
    not been given."""
    data = yaml.safe_load(
        """
format: 1
id: one-infusion
diagnosis: {date: 2010-01-10}
prior_lines: 3
events:
  - {id: cart, type: regimen, intent: advanced, start: 2024-03-01, end: 2024-03-01,
     end_reason: completed, agents: [ciltacabtagene autoleucel]}
  - {id: cr, type: response, date: 2024-06-01, category: CR, setting: follow-up}
  - {id: fu, type: follow-up, date: 2024-09-01, status: alive-ned}
"""
    )
    text = summary_text(check(data))
    row = next(r for r in text.splitlines() if r.strip().startswith("duration"))
    assert row.endswith("a single day"), row


def test_a_maintenance_with_nothing_before_it_is_warned_as_the_first_line_it_is() -> None:
    """Sunitinib written `maintenance` after a recurrence, no regimen before it: L009 said "it
    is counted in no line and has no PFS", and `show` numbered it "L1 maintenance" with a PFS.
    The warning says what the lines make of it."""
    text = """\
format: 1
id: first-maintenance
diagnosis: {date: 2015-01, site: kidney}
events:
  - {id: neph, type: surgery, date: 2015-02, procedure: nephrectomy, curative: true}
  - {id: rec, type: recurrence, date: 2018-01}
  - {id: suni, type: regimen, intent: maintenance, start: 2018-02, end: 2019-01,
     end_reason: progression, agents: [sunitinib]}
  - {id: pd, type: progression, date: 2019-01}
"""
    checked = check_text(text, "first.yaml")
    (l009,) = [p for p in checked.problems if p.code == "L009"]
    (line,) = checked.lines
    assert line.label == "L1 maintenance" and "'L1 maintenance'" in l009.message, l009.message
    assert "counted in no line" not in l009.message


def test_a_line_whose_end_is_not_reported_lasts_the_cycles_the_case_dates_after_it() -> None:
    """An oesophageal cancer report: a checkpoint inhibitor from 27 October 2017, a partial
    response "after 6 courses" and a complete response "after 15", its end not reported.
    `show` gave "duration L2 not known (the end is not reported)", where the fifteen courses
    given say how long it went on at least."""
    text = """\
format: 1
id: courses
diagnosis: {date: 2017-01}
events:
  - {id: rec, type: recurrence, date: 2017-09}
  - {id: ici, type: regimen, intent: advanced, start: 2017-10-27,
     exposures: [{agent: immune checkpoint inhibitor}]}
  - {id: pr, type: response, category: PR, date: {from: ici.start, offset: 6 cycles}}
  - {id: cr, type: response, category: CR, date: {from: ici.start, offset: 15 cycles}}
"""
    checked = check_text(text, "courses.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    (duration,) = [i for i in checked.intervals if i.name.startswith("duration")]
    assert duration.text().startswith("≥ 3 months"), duration.text()
    assert "(the end is not reported)" in duration.text()


NO_RESPONSE_THEN_NEXT = """
format: 1
id: nr-then-next
diagnosis: {date: 2020-01}
events:
  - {id: resection, type: surgery, date: 2020-02, procedure: thymectomy, curative: true}
  - {id: recurrence, type: recurrence, date: 2022-07}
  - {id: chemo, type: regimen, intent: advanced, start: 2022-08, end: 2023-01,
     end_reason: no-response, agents: [carboplatin, paclitaxel]}
  - {id: nr, type: response, date: 2022-12, category: NR, authors_term: showed resistance}
  - {id: suni, type: regimen, intent: advanced, start: 2023-03, end_reason: ongoing, agents: [sunitinib]}
  - {id: fu, type: follow-up, date: 2023-09, status: alive}
"""


def test_a_pfs_of_no_response_is_censored_at_its_last_assessment_not_the_next_line() -> None:
    """A thymoma's chemotherapy "to which the tumor showed resistance" (no response: stable or
    progressing, the source not saying which), then sunitinib: its PFS, censored at sunitinib's
    start, read "censored at ≈ 6 months", months without progression the source does not give.
    Censored at the last adequate assessment before the next line (FDA, 2018), none here: not
    known."""
    text = summary_text(check_text(NO_RESPONSE_THEN_NEXT, "nr.yaml"))
    line = next(x for x in text.splitlines() if x.strip().startswith("PFS L1"))
    assert "not known (no response" in line, line
    # (an assessment before the next line, a PET of stable disease, is where it is censored)
    more = NO_RESPONSE_THEN_NEXT.replace(
        "  - {id: suni,", "  - {id: pet, type: imaging, date: 2022-10, method: PET}\n  - {id: suni,"
    )
    line = next(
        x
        for x in summary_text(check_text(more, "nr2.yaml")).splitlines()
        if x.strip().startswith("PFS L1")
    )
    assert "censored at ≈ 2 months" in line, line


def test_no_platinum_free_interval_of_a_course_given_up_to_the_death() -> None:
    """Carboplatin + gemcitabine, stopped after its fourth cycle and before the death: the
    listing gave "PFI 1 not known (nothing reported after its start)", an interval of a course
    that may have run until the death."""
    text = """
format: 1
id: pfi-to-death
diagnosis: {date: 2019-01}
events:
  - {id: gc, type: regimen, intent: advanced, start: 2019-02, end: death, end_reason: other,
     agents: [carboplatin, gemcitabine]}
  - {id: death, type: death, date: 2019-06}
"""
    checked = check_text(text, "pfi.yaml")
    assert not [i for i in checked.intervals if i.kind == "PFI"], checked.intervals


def test_a_pfs_of_no_response_is_not_censored_at_a_response_of_the_next_line() -> None:
    """Ipilimumab of no response, then nivolumab with a partial response known only to follow
    its start: the first line's PFS read "censored at ≥ 2 months", censored at the second
    line's response, which the schedule put on that line's first day."""
    more = NO_RESPONSE_THEN_NEXT.replace(
        "  - {id: fu,",
        "  - {id: pr2, type: response, date: {after: suni.start}, category: PR}\n  - {id: fu,",
    )
    line = next(
        x
        for x in summary_text(check_text(more, "nr3.yaml", ignore=["C008"])).splitlines()
        if x.strip().startswith("PFS L1")
    )
    assert "not known (no response" in line, line


def test_a_transplant_after_a_line_that_failed_ends_its_pfs() -> None:
    """Cladribine "failed", then an allogeneic transplant and three years in remission: the
    PFS of cladribine, the last line, read "censored at ≈ 119 months", from the transplant's
    remission. A transplant after a line that stopped for no response is the next treatment;
    after a line that worked it consolidates the line, whose PFS runs on through it."""
    text = """
format: 1
id: nr-then-bmt
diagnosis: {date: 2010-01}
events:
  - {id: clad, type: regimen, intent: advanced, start: 2010-03, end: 2010-06,
     end_reason: no-response, agents: [cladribine]}
  - {id: bmt, type: transplant, date: 2010-09, donor: allogeneic}
  - {id: cr, type: response, date: 2011-01, category: CR}
  - {id: fu, type: follow-up, date: 2013-09, status: alive-ned}
"""

    def pfs(text: str) -> str:
        return next(
            x
            for x in summary_text(check_text(text, "nr-bmt.yaml")).splitlines()
            if x.strip().startswith("PFS L1")
        )

    assert "not known (no response" in pfs(text), pfs(text)
    worked = text.replace("end_reason: no-response", "end_reason: completed").replace(
        "  - {id: bmt,", "  - {id: pr, type: response, date: 2010-06, category: PR}\n  - {id: bmt,"
    )
    assert "censored at" in pfs(worked) and "months" in pfs(worked), pfs(worked)


def test_a_single_dose_begun_later_is_said_once() -> None:
    """A donor lymphocyte infusion during azacitidine, its end its start: `show` read
    "then donor lymphocyte infusion (until a date from month 2 (inferred)) from month 2
    (inferred)", a course of it; "on the first day only" of one given with the start."""
    from timeline.lines import regimen_summary

    text = """
format: 1
id: dli
diagnosis: {date: 2020-01}
agents:
  - {name: donor lymphocyte infusion, class: immunotherapy}
events:
  - id: aza
    type: regimen
    intent: advanced
    start: 2020-03-01
    end_reason: unknown
    exposures:
      - {agent: azacitidine}
      - {id: dli, agent: donor lymphocyte infusion, start: {after: aza.start, before: 2020-06-01}, end: dli.start}
      - {id: mmc, agent: mitomycin, end: aza.start}
  - {id: fu, type: follow-up, date: 2020-09, status: alive}
"""
    checked = check_text(text, "dli.yaml", ignore=["R005"])
    assert checked.ok, [p.format() for p in checked.problems]
    said = regimen_summary(checked.case.event("aza"), checked.schedule)  # type: ignore[arg-type, union-attr]
    assert "then donor lymphocyte infusion (once) from" in said, said
    assert "mitomycin (on the first day only)" in said, said
