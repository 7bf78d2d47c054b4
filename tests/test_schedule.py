"""The plausible schedule: one day per date, satisfying every relation of the case."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ABOUT_TWO_YEARS, CASES, RELATIVE_CASE, ROOT, SALVAGE_CYCLES, case, check, event
from timeline import check_path, check_text
from timeline.schedule import ASSUMED_CYCLE_DAYS, REFERENCE_DAY, plan
from timeline.summary import summary_text


def _holds(checked) -> None:  # type: ignore[no-untyped-def]
    chrono = checked.chrono
    schedule = checked.schedule
    fwd, _back = chrono.distance_graph()

    def day(key: str) -> int:
        if key == "":
            return 0
        found = schedule.point(key)
        assert found is not None, key
        return found.day

    for u, edges in fwd.items():
        for v, w in edges:
            if (schedule.point(u) is None and u) or (schedule.point(v) is None and v):
                continue
            if schedule.relative and not (u and v):
                # a relative schedule's days are distances from its first point, moved off the
                # calendar: a calendar bound ("before 2023-07", day zero's edges) is not a
                # relation between its days (the chronology keeps it)
                continue
            assert day(v) - day(u) <= w, f"{v} - {u} = {day(v) - day(u)} > {w}"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_relation_holds_on_the_schedule(path: Path) -> None:
    checked = check_path(str(path))
    assert checked.ok
    _holds(checked)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_day_lies_in_its_window(path: Path) -> None:
    checked = check_path(str(path))
    assert checked.chrono is not None and checked.schedule is not None
    for key in checked.chrono.windows():
        planned = checked.schedule.point(key)
        if planned is None or checked.schedule.relative:
            continue
        assert planned.window.lo <= planned.day <= planned.window.hi, key


def test_the_schedule_is_deterministic() -> None:
    a = check_path(str(CASES[0])).schedule
    b = check_path(str(CASES[0])).schedule
    assert a is not None and b is not None
    assert sorted(a.days()) == sorted(b.days())


def test_two_lines_sharing_one_window_split_it_evenly() -> None:
    data = case()
    # line1 from 2012-06 to some day before line2's end; line2 starts when line1 ends
    event(data, "line1")["end"] = "line2.start"
    event(data, "line2")["start"] = {"after": "line1.start", "before": "fu"}
    event(data, "line2")["end"] = "2013-12"
    event(data, "line2")["end_reason"] = "progression"
    data["events"] = [e for e in data["events"] if e.get("id") not in ("pd", "ai-resistance")]
    event(data, "pr")["date"] = {"after": "line1.start", "before": "line1.end"}
    data["events"].append({"id": "pd2", "type": "progression", "date": "2013-12"})
    checked = check(data)
    assert checked.ok, [p.format() for p in checked.problems]
    s = checked.schedule
    assert s is not None and checked.case is not None
    line1, line2 = checked.case.event("line1"), checked.case.event("line2")
    start, switch, end = s.start(line1), s.start(line2), s.end(line2)
    assert start and switch and end
    first, second = switch.day - start.day, end.day - switch.day
    assert abs(first - second) <= 20, (first, second)


def test_stated_cycles_give_the_length() -> None:
    data = case()
    adjuvant = event(data, "adjuvant")
    adjuvant.update(start={"after": "surgery", "within": "2 months"}, cycles=6, cycle="3 weeks")
    adjuvant["end"] = {"after": "adjuvant.start", "before": "recurrence"}
    checked = check(data)
    assert checked.ok, [p.format() for p in checked.problems]
    s = checked.schedule
    reg = checked.case.event("adjuvant")  # type: ignore[union-attr]
    assert s is not None and reg is not None
    assert s.end(reg).day - s.start(reg).day == 6 * 21  # type: ignore[union-attr]


def test_a_start_known_only_by_order_is_not_pinned_by_its_undated_end() -> None:
    """Nivolumab known only to follow a diagnosis (and four lines the file does not record),
    its ten cycles of unstated length tied by stated distances to the later course, the whole
    case counted from an undated diagnosis: its end, placed at the least time of its cycles
    before its start was placed, took the least time after the start's earliest day, and so
    pinned the start to the diagnosis day. The start is placed first, within its window."""
    text = """
format: 1
id: pinned
diagnosis: {date: {note: not dated}}
prior_lines: 4
events:
  - {id: nivo, type: regimen, intent: advanced, start: {after: diagnosis},
     end: {from: nivo.start, offset: 10 cycles}, end_reason: toxicity, cycles: 10,
     agents: [nivolumab]}
  - {id: rec, type: recurrence, date: {from: nivo.end, offset: 14 months}}
  - {id: fu, type: follow-up, date: {from: diagnosis, offset: 5.5 years, before: 2019-12-31},
     status: alive}
acknowledge:
  - {code: C008, event: nivo, reason: not dated in the source}
"""
    checked = check_text(text, "pinned.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    s = checked.schedule
    assert s is not None and checked.case is not None
    nivo = checked.case.event("nivo")
    start, diagnosis = s.start(nivo), s.point("diagnosis")  # type: ignore[arg-type]
    assert start is not None and diagnosis is not None
    lo, hi = start.window.lo, start.window.hi
    assert hi - lo > 365  # (a window of years: the test is about where in it)
    assert lo < start.day < hi, "placed at an end of its window"
    end = s.end(nivo)  # type: ignore[arg-type]
    # (near the middle of what its window leaves it before the ten cycles at the length
    # assumed for a cycle of unstated length, which its end is placed after)
    assert end is not None and end.day - start.day == 10 * ASSUMED_CYCLE_DAYS
    assert abs(start.day - (lo + hi - 10 * ASSUMED_CYCLE_DAYS) / 2) <= 31, "the middle"
    assert end.day - start.day > end.window.lo - lo  # (more than the least they take)


def test_a_relative_case_is_anchored_on_its_first_point() -> None:
    data = yaml.safe_load(RELATIVE_CASE)
    checked = check(data)
    s = checked.schedule
    assert s is not None and s.relative
    chemo = checked.case.event("chemo")  # type: ignore[union-attr]
    assert s.start(chemo).day == REFERENCE_DAY  # type: ignore[union-attr]
    fu = s.point("fu")
    assert fu is not None and 38 * 30 <= fu.day - REFERENCE_DAY <= 40 * 31


@pytest.mark.parametrize(
    ("first", "name"),
    [
        ("{id: pd, type: progression, date: unknown, new_sites: [lung]}", "the progression (lung)"),
        ("{id: pd, type: recurrence, date: unknown}", "the recurrence"),
        ("{id: pd, type: response, date: unknown, category: PR}", "the partial response"),
        (
            "{id: pd, type: response, date: unknown, category: unknown, authors_term: shrank}",
            "the response",
        ),
        (
            "{id: pd, type: toxicity, date: unknown, term: Diarrhea, agents: [gemcitabine]}",
            "Diarrhea",
        ),
        ("{id: pd, type: imaging, date: unknown, method: CT, sites: [brain]}", "the CT (brain)"),
        ("{id: pd, type: imaging, date: unknown}", "the imaging"),
        # (a method that names its own sites: not said twice)
        (
            "{id: pd, type: imaging, date: unknown, method: colonoscopy (small and large"
            " intestine), sites: [small intestine, large intestine]}",
            "the colonoscopy (small and large intestine)",
        ),
    ],
)
def test_a_relative_case_names_the_event_it_counts_from(first: str, name: str) -> None:
    """Months are counted from an event named in words a reader knows: a progression is not
    "disease" (its kind in the model), a response says its category."""
    from timeline.schedule import anchor_name

    text = f"""
id: relative
diagnosis: {{date: unknown}}
events:
  - {first}
  - {{id: chemo, type: regimen, intent: advanced, agents: [gemcitabine], end_reason: completed,
     start: {{from: pd, offset: 1 month}}, end: {{from: chemo.start, offset: 9 months}}}}
  - {{id: fu, type: follow-up, date: {{from: chemo.end, offset: 30 months}}, status: alive}}
"""
    checked = check(yaml.safe_load(text))
    s = checked.schedule
    assert s is not None and s.relative and checked.chrono is not None
    assert anchor_name(checked.chrono, s.anchor) == name


def test_a_relative_case_counts_from_the_event_the_age_is_given_at() -> None:
    """The date of the patient's age is a point of its own, on the day of the event it is
    given at; months count from that event, named as such ("the patients age" was shown)."""
    from timeline.schedule import anchor_name

    text = """
id: relative
patient: {sex: male, age: {years: 78, at: relapse}}
diagnosis: {date: unknown}
events:
  - {id: relapse, type: recurrence, date: unknown, sites: [right neck]}
  - {id: chemo, type: regimen, intent: advanced, agents: [gemcitabine], end_reason: completed,
     start: {from: relapse, offset: 1 month}, end: {from: chemo.start, offset: 9 months}}
"""
    checked = check(yaml.safe_load(text))
    s = checked.schedule
    assert s is not None and s.relative and checked.chrono is not None
    assert s.anchor == "relapse"
    assert anchor_name(checked.chrono, s.anchor) == "the recurrence (right neck)"


def test_a_relative_case_counting_from_the_end_of_a_toxicity_says_so() -> None:
    """A CAR-T report whose dates hang on the day a neurotoxicity resolved: the axis read
    "months from neurological complications", its month 0 the end of them."""
    from timeline.schedule import anchor_name

    text = """
id: relative
diagnosis: {date: unknown}
events:
  - {id: cart, type: regimen, intent: advanced, agents: [idecabtagene vicleucel],
     start: unknown, end: cart.start, end_reason: completed}
  - {id: tox, type: toxicity, start: {after: cart.start}, end: {after: tox.start},
     term: neurotoxicity, grade: 4, agents: [idecabtagene vicleucel]}
  - {id: il6, type: biomarker, date: {from: tox.end, offset: 3 days}, name: IL-6,
     result: elevated}
"""
    checked = check(yaml.safe_load(text))
    s = checked.schedule
    assert s is not None and s.relative and checked.chrono is not None
    assert s.anchor == "tox.end"
    assert anchor_name(checked.chrono, s.anchor) == "the end of neurotoxicity"
    assert anchor_name(checked.chrono, "tox") == "neurotoxicity"


def test_a_relative_case_says_which_radiotherapy_it_counts_from() -> None:
    """A sinonasal report: adjuvant radiotherapy to the tumour bed, then SBRT to the liver,
    and a response "3 months after SBRT". Months counted from "the end of the radiotherapy"
    left the reader to guess which; with two, the site says it."""
    from timeline.schedule import anchor_name

    text = """
id: relative
diagnosis: {date: unknown}
events:
  - {id: bed, type: radiotherapy, start: unknown, site: sinonasal (tumour bed)}
  - {id: sbrt, type: radiotherapy, start: {after: bed.start}, fractions: 5, dose: 50 Gy,
     site: liver (largest tumour only)}
  - {id: cmr, type: response, date: {from: sbrt.end, offset: 3 months}, category: CR}
"""
    checked = check(yaml.safe_load(text))
    s = checked.schedule
    assert s is not None and s.relative and checked.chrono is not None
    assert anchor_name(checked.chrono, s.anchor) == "the end of the radiotherapy (liver)"
    alone = text.replace(
        "  - {id: bed, type: radiotherapy, start: unknown, site: sinonasal (tumour bed)}\n", ""
    )
    alone = alone.replace("start: {after: bed.start}", "start: unknown")
    checked = check(yaml.safe_load(alone))
    assert checked.chrono is not None and checked.schedule is not None
    assert anchor_name(checked.chrono, checked.schedule.anchor) == "the end of the radiotherapy"


def test_a_relative_case_counts_from_the_event_its_first_date_is_stated_from() -> None:
    """An ovarian report: an ultrasound "18 years ago" (17.5 to 18.5 years before the
    recurrence), the operation after it, then the recurrence and the treatment, each after
    the one before. The months counted from the ultrasound, so the whole treatment carried the
    year of slack of the "18 years" ("recurrence ≈ month 216 (209.9 to 222.1)"); they count
    from the recurrence the ultrasound is stated from, and the ultrasound is the one date
    with a window."""

    text = """
id: relative
diagnosis: {date: surgery}
events:
  - {id: scan, type: imaging, method: ultrasound,
     date: {after: {from: relapse, offset: -18.5 years}, before: {from: relapse, offset: -17.5 years}}}
  - {id: surgery, type: surgery, curative: true,
     date: {after: scan, before: {from: relapse, offset: -17.5 years}}}
  - {id: relapse, type: recurrence, date: unknown, sites: [liver]}
  - {id: chemo, type: regimen, intent: advanced, agents: [carboplatin], end_reason: completed,
     start: {after: relapse, before: pr}, end: {after: chemo.start, before: resection}}
  - {id: pr, type: response, category: PR, date: {after: chemo.start, before: resection}}
  - {id: resection, type: surgery, curative: true, date: {from: pr, offset: 10 months}}
  - {id: fu, type: follow-up, date: {from: resection, offset: 14 months}, status: alive-ned}
"""
    checked = check(yaml.safe_load(text))
    s = checked.schedule
    assert s is not None and s.relative
    assert s.anchor == "relapse"
    shown = summary_text(checked)
    assert "counts from the recurrence (liver)" in shown
    assert "≈ month -216 (-222 to -210)" in shown  # the ultrasound
    row = next(r for r in shown.splitlines() if r.endswith("recurrence: liver"))
    assert row.strip().startswith("month 0 "), row
    # a regimen whose start and end the case gives only as following the recurrence, with no
    # length: its end is not dated ("[from month 0 → from month 0]" read as no length at all),
    # and neither date is given, only their order ("from month 0" read as at the recurrence)
    row = next(r for r in shown.splitlines() if r.startswith("  L1 "))
    assert "[date not given → end not dated]" in row, row


def test_a_case_bounded_only_by_a_latest_calendar_day_counts_months_from_its_first_point() -> None:
    """Every date only "before 2023-07" (a publication date) and otherwise by order: no point
    has an earliest day, so the schedule is relative, but nothing is free on both sides either.
    Months count from the first point (they were counted from the reference day: "month
    -35722"); of the points on the first day, from the one a stated distance hangs on (the
    start of the six months of gemcitabine: counted from the diagnosis, known only to precede
    it, the six months were drawn in the slots of dates known only by order)."""

    text = """
id: relative
diagnosis: {date: {before: 2023-07-27}}
events:
  - {id: chemo, type: regimen, intent: advanced, agents: [gemcitabine], end_reason: completed,
     start: {after: diagnosis}, end: {from: chemo.start, offset: 6 months}}
  - {id: death, type: death, date: {after: chemo.end, before: 2023-07-27}}
"""
    checked = check(yaml.safe_load(text))
    s = checked.schedule
    assert s is not None and s.relative and s.anchor == "chemo.start"
    assert s.diagnosis().day == REFERENCE_DAY  # type: ignore[union-attr]
    chemo = checked.case.event("chemo")  # type: ignore[union-attr]
    assert s.start(chemo).day == REFERENCE_DAY  # type: ignore[union-attr]
    assert 178 <= s.end(chemo).day - s.start(chemo).day <= 185  # type: ignore[union-attr]
    text = summary_text(checked)
    assert "diagnosis  by month 0" in text and "counts from the start of gemcitabine" in text
    assert "month -" not in text


def test_a_calendar_side_on_one_date_of_a_relative_case_does_not_place_it() -> None:
    """Only the diagnosis bounded by the calendar ("before" the publication), the rest told in
    order and counted from the maintenance: the diagnosis was placed at its calendar day among
    days counted from the maintenance, and shown at "month -35756", with the lines spread
    between the two."""

    text = """
id: relative
diagnosis: {date: {before: 2020-04-23}}
events:
  - {id: induction, type: regimen, intent: advanced, agents: [gemcitabine], end_reason: completed,
     start: {after: diagnosis}, end: {after: induction.start, before: maintenance}}
  - {id: maintenance, type: regimen, intent: maintenance, agents: [capecitabine],
     start: {after: induction.end}, end_reason: ongoing}
  - {id: fu, type: follow-up, date: {from: maintenance.start, offset: 3 years}, status: alive}
"""
    checked = check(yaml.safe_load(text))
    s = checked.schedule
    assert s is not None and s.relative
    for key in ("diagnosis", "induction.start", "induction.end", "maintenance.start", "fu"):
        day = s.point(key).day  # type: ignore[union-attr]
        assert abs(day - REFERENCE_DAY) < 5 * 366, (key, day)
    said = summary_text(checked)
    assert "diagnosis  by month" in said and "month -3" not in said


def test_an_open_window_is_placed_at_its_closed_side_and_flagged() -> None:
    data = case()
    data["diagnosis"]["date"] = {"before": "surgery"}
    checked = check(data)
    diagnosis = checked.schedule.diagnosis()  # type: ignore[union-attr]
    assert diagnosis is not None and diagnosis.open


def test_plan_is_what_checked_uses() -> None:
    checked = check(case())
    assert checked.chrono is not None
    fresh = plan(checked.chrono)
    assert sorted(fresh.days()) == sorted(checked.schedule.days())  # type: ignore[union-attr]


def test_cycles_of_unstated_length_ended_only_by_order_are_not_a_reported_end() -> None:
    """ "Six cycles", then the next line, with neither dated: the cycles give only the least
    time the regimen took (five weeks at a week a cycle), which `show` says, with the end
    printed as not dated; the drawing places the end at two weeks a cycle (twelve weeks,
    :data:`ASSUMED_CYCLE_DAYS`), faded from the least time (it was placed in the middle of a
    window of years, a first line drawn sixteen months long; then at its least time, six
    cycles drawn as five weeks)."""

    data = case()
    line1 = event(data, "line1")
    line1["start"] = "2008"
    line1["end"] = {"after": "line1.start", "before": "line2.start"}
    line1["cycles"] = 6
    event(data, "line2")["start"] = {"after": "pd", "within": "3 months"}
    for e in data["events"]:
        if e["id"] in ("pr", "pd"):
            e["date"] = {"after": "line1.start", "before": "line2.start"}
    checked = check(data)
    assert checked.case is not None and checked.schedule is not None, checked.problems
    reg = checked.case.event("line1")
    assert not reg.end_reported
    s = checked.schedule
    start, end = s.start(reg), s.end(reg)
    assert start is not None and end is not None
    assert end.day - start.day == 6 * ASSUMED_CYCLE_DAYS  # (the least: 5 weeks)
    text = summary_text(checked)
    # (the case says the line ended, only not when: not dated, rather than not reported)
    assert re.search(r"^  L1 .*→ end not dated \(", text, re.M), text
    assert re.search(r"^  duration L1 +≥ 5 weeks \(the end is not dated\)", text, re.M), text
    line1["cycle"] = "3 weeks"  # a stated length: the end is the length after the start
    again = check(data)
    assert again.case is not None and again.schedule is not None
    reg = again.case.event("line1")
    assert reg.end_reported
    assert again.schedule.end(reg).day - again.schedule.start(reg).day == 6 * 21
    # the same end written as its cycles from the start, their length not given: no more
    # than the order (it was printed "≈ 2012-08-10" with its window, and gave a PFI)
    del line1["cycle"]
    line1["end"] = {"from": "line1.start", "offset": "6 cycles", "before": "line2.start"}
    third = check(data)
    assert third.case is not None and third.schedule is not None, third.problems
    reg = third.case.event("line1")
    assert not reg.end_reported and reg.end_undated
    assert third.schedule.end(reg).day - third.schedule.start(reg).day == 6 * ASSUMED_CYCLE_DAYS
    assert re.search(r"^  L1 .*→ end not dated \(", summary_text(third), re.M)


def test_show_gives_an_end_drawn_on_its_start_as_its_window_alone() -> None:
    """taniguchi2018's sixth line, carboplatin and etoposide, ended some time after it began
    (the case does not say how long it lasted): the schedule puts its end on its start's day,
    and `show` printed "≈ month 15 → ≈ month 15", a regimen of no length. Such an end is
    given by its window alone; an end with a plausible day after its start keeps that day."""

    checked = check_path(str(ROOT / "cases" / "taniguchi2018-egfr-osimertinib-sclc.yaml"))
    text = summary_text(checked)
    row = next(r for r in text.splitlines() if r.startswith("  L6 "))
    assert re.search(r"\[from month 15 → end not dated \(from month 15\)\]", row), row
    row = next(r for r in text.splitlines() if r.startswith("  L5 "))
    assert "end not dated" not in row, row


def test_a_relative_case_counts_from_the_diagnosis_on_its_anchors_day() -> None:
    """li2017's diagnosis is dated at the resection its specimen came from: the months count
    from the diagnosis, not from "complete surgical resection of the right axillary mass and
    regional lymph nodes"."""
    checked = check_path(str(ROOT / "cases" / "li2017-nivolumab-pneumonitis-remission.yaml"))
    assert checked.schedule is not None and checked.schedule.anchor == "diagnosis"


def test_show_says_when_the_calendar_bounds_a_relative_case_on_one_side() -> None:
    """abe2023 is dated only relative to its diagnosis, but its death comes before the report's
    publication day: `show` said "no date of the case is on the calendar"."""
    from conftest import ROOT
    from timeline import check_path

    text = summary_text(
        check_path(str(ROOT / "cases" / "abe2023-ovarian-bevacizumab-maintenance-mds-aml.yaml"))
    )
    assert "(no date of the case is on the calendar, only bounded by it on one side:" in text
    text = summary_text(
        check_path(str(ROOT / "cases" / "pan2022-fes-pet-palbociclib-abemaciclib.yaml"))
    )
    assert "(no date of the case is on the calendar: 'month N' counts from" in text


_DATED_AS_ANOTHER = """
id: anchor-name
diagnosis: {date: {before: nivo.start}, site: bladder}
events:
  - {id: nivo, type: regimen, intent: advanced, agents: [pembrolizumab],
     start: unknown, end: {from: myocarditis, offset: -4 days}, end_reason: unknown}
  - {id: block, type: toxicity, term: Atrioventricular block complete, date: myocarditis,
     agents: [pembrolizumab]}
  - {id: myocarditis, type: toxicity, term: Myocarditis, date: {at: unknown, note: admission},
     agents: [pembrolizumab]}
  - {id: fu, type: follow-up, date: {after: myocarditis}, status: alive}
"""


def test_a_relative_case_counts_from_the_event_whose_own_date_the_others_share() -> None:
    """A myocarditis report dates the heart block "myocarditis": the case counted its months
    "from Atrioventricular block complete", the event listed first on that day, though its
    date is the myocarditis's. taniguchi2018 counts from the start of osimertinib, which the
    end of erlotinib is dated as."""
    from conftest import ROOT
    from timeline import check_path

    text = summary_text(check(_DATED_AS_ANOTHER))
    # (a case told within days: "day N")
    assert "'day N' counts from Myocarditis)" in text, text
    taniguchi = ROOT / "cases" / "taniguchi2018-egfr-osimertinib-sclc.yaml"
    # (its start inferred, as the months that count from it are said)
    assert "counts from the start of osimertinib (inferred))" in summary_text(
        check_path(str(taniguchi))
    )


def test_a_window_open_on_one_side_is_said_by_its_other_side_alone() -> None:
    """With nothing but order to place it, a date's plausible day inside a window open on one
    side is the schedule's choice: "≈ 2008-07-29 (by 2012-05-31)" read as a date the source
    gives. Only the side the window has is said; a closed window keeps its plausible day."""
    import datetime

    from timeline.points import NEG, POS, Bounds
    from timeline.schedule import Planned, at_text, when_text

    day = datetime.date(2008, 7, 29).toordinal()
    latest = datetime.date(2012, 5, 31).toordinal()
    earliest = datetime.date(2008, 2, 16).toordinal()
    by = Bounds(NEG, latest)
    assert when_text(by, Planned(day, by)) == "by 2012-05"
    after = Bounds(earliest, POS)
    assert when_text(after, Planned(day, after)) == "from 2008-02-16"
    closed = Bounds(earliest, latest)
    assert when_text(closed, Planned(day, closed)).startswith("≈ 2008-07-29 (")
    # in months from an anchor
    rel = Bounds(REFERENCE_DAY + 20, POS)
    assert when_text(rel, Planned(REFERENCE_DAY + 300, rel, relative_to="x")) == "from month 0.7"
    assert at_text("from month 0.7") == "a date from month 0.7"
    # within a few days of a whole month, as a stated "14 months" (423 to 427 days): that month
    # (13.9 read as a therapy started "after" a stop at "month 14" coming before it)
    rel = Bounds(REFERENCE_DAY + 423, POS)
    assert when_text(rel, Planned(REFERENCE_DAY + 500, rel, relative_to="x")) == "from month 14"
    rel = Bounds(NEG, REFERENCE_DAY + 423)
    assert when_text(rel, Planned(REFERENCE_DAY + 400, rel, relative_to="x")) == "by month 14"
    both = Bounds(NEG, POS)
    assert when_text(both, Planned(REFERENCE_DAY + 60, both, relative_to="x")) == "window open"
    assert at_text("2012-05") == "2012-05"


def test_a_day_or_two_before_the_anchor_is_month_0_not_minus_0() -> None:
    """A diagnosis half a day's rounding before the anchor printed "≈ month -0 (-0.9 to 0)"."""
    from timeline.schedule import months_text

    assert months_text(-0.5) == "0"
    assert months_text(0) == "0"
    assert months_text(-3.1) == "-0.1"
    assert months_text(30.44 * 12) == "12"


def test_an_end_known_only_to_follow_its_start_is_not_said_before_it() -> None:
    """A cholangiocarcinoma report: adjuvant GEMOX within three months of the operation, its
    end known only to come after its start and before the next line. `show` printed
    "[≈ 2020-04-02 (2020-02-01 – 2020-05-29) → from 2020-02-01]", an end that reads as before
    the start; it is an end not dated, with its window."""

    text = """
id: gemox
diagnosis: {date: 2020-01}
events:
  - {id: op, type: surgery, date: 2020-02, procedure: resection, curative: unknown}
  - {id: adj, type: regimen, intent: adjuvant, start: {after: op, within: 3 months},
     end: {after: adj.start, before: l1.start}, end_reason: unknown, agents: [gemcitabine]}
  - {id: l1, type: regimen, intent: advanced, start: {after: adj}, end: unknown,
     end_reason: unknown, agents: [pembrolizumab]}
"""
    shown = summary_text(check(yaml.safe_load(text)))
    row = next(r for r in shown.splitlines() if r.startswith("  adjuvant "))
    assert "→ end not dated (from 2020-02)]" in row, row


def test_show_gives_a_radiotherapys_end() -> None:
    """An Ewing sarcoma report: radiotherapy with a start and an end; `show` printed only the
    start ("[2020-03-02]"), though the end is in the JSON. A course given on one day, or
    whose end the case ties only to its start's day, is not printed twice."""

    text = """
id: rt
diagnosis: {date: 2020-01}
events:
  - {id: op, type: surgery, date: 2020-02, procedure: resection, curative: true}
  - {id: rt, type: radiotherapy, start: 2020-03-02, end: 2020-04-10, site: chest wall}
  - {id: one, type: radiotherapy, start: 2020-05-04, end: 2020-05-04, site: bone}
"""
    shown = summary_text(check(yaml.safe_load(text)))
    rows = [r for r in shown.splitlines() if r.startswith("  local") and "radiotherapy" in r]
    assert rows[0].endswith("[2020-03-02 → 2020-04-10]"), rows
    assert rows[1].endswith("[2020-05-04]"), rows


def test_a_radiotherapy_given_in_fractions_is_as_long_as_they_take() -> None:
    """A course of 25 fractions with no end given was drawn as a week's stub that faded, and
    `show` gave only its start, though 25 fractions at five a week take about five weeks. It
    is drawn solid for that long, then fading (the end is still not reported), and `show` and
    the tooltip say so."""
    from timeline.render.layout import swimlane
    from timeline.render.scene import Rect
    from timeline.render.style import THEMES
    from timeline.schedule import fraction_days, fraction_words

    assert fraction_days(25) == 33 and fraction_days(5) == 5 and fraction_days(1) == 1
    assert fraction_words(25) == "25 fractions: ≈ 5 weeks at five a week"
    assert fraction_words(5) == "5 fractions: ≈ 5 days at five a week"
    text = """
id: rt
diagnosis: {date: 2020-01}
events:
  - {id: op, type: surgery, date: 2020-02, procedure: resection, curative: true}
  - {id: rt, type: radiotherapy, start: 2020-03-02, fractions: 25, site: chest wall}
  - {id: fu, type: follow-up, date: 2020-09, status: alive-ned}
"""
    checked = check(yaml.safe_load(text))
    row = next(r for r in summary_text(checked).splitlines() if "radiotherapy" in r)
    assert row.endswith(
        "[2020-03-02 → end not reported (25 fractions: ≈ 5 weeks at five a week)]"
    ), row
    scene = swimlane(checked, THEMES["slide"])
    bar = next(i for i in scene.items if i.id == "bar-rt")
    assert isinstance(bar, Rect) and bar.fade == "end"
    ticks = {
        i.text: i.x  # type: ignore[attr-defined]
        for i in scene.items
        if i.id.startswith("tick-label-")
    }
    month = ticks["2020-05"] - ticks["2020-04"]
    # solid from 2 March for about 33 days (past 1 April), then fading
    assert bar.x1 > ticks["2020-04"] and bar.x1 - bar.x0 > 0.9 * month, (bar, ticks)
    assert "25 fractions: ≈ 5 weeks at five a week" in (bar.tooltip or "")


def test_a_line_known_only_to_come_before_a_day_has_its_end_not_dated() -> None:
    """taniguchi2018's earlier lines are told only in order, before osimertinib: each read
    "[by month 0 → by month 0]", a regimen of no length. The end is not dated."""

    checked = check_path(str(ROOT / "cases" / "taniguchi2018-egfr-osimertinib-sclc.yaml"))
    row = next(r for r in summary_text(checked).splitlines() if r.startswith("  L2 "))
    assert "[by month 0 → end not dated (by month 0)]" in row, row


def test_a_relative_case_bounded_only_by_publication_counts_from_the_point_a_distance_hangs_on() -> (
    None
):
    """A GIST report: sunitinib, then sorafenib "for close to two years" to the last follow-up,
    every date bounded only by the submission of the report. With sorafenib `ongoing`, its end
    is the follow-up's day, no point is open on both sides, and the case counted from its first
    point in file order, the diagnosis: every date read "from month 0" and the two years were
    drawn in slots. With `end_reason: unknown` it counted from the start of sorafenib. It now
    does so either way: that is the point the stated distance hangs on."""
    text = (
        "format: 1\nid: gist\ndiagnosis: {date: {before: 2013-11-09}}\nevents:\n"
        "  - {id: a, type: regimen, intent: advanced, start: {after: diagnosis}, end: b.start,"
        " end_reason: unknown, agents: [sunitinib]}\n"
        "  - {id: b, type: regimen, intent: advanced, start: {after: a.start, before: 2013-11-09},"
        " end_reason: ongoing, agents: [sorafenib]}\n"
        "  - {id: fu, type: follow-up, status: alive-with-disease,"
        " date: {from: b.start, offset: about 2 years}}\n"
    )
    for reason in ("ongoing", "unknown"):
        checked = check_text(text.replace("end_reason: ongoing", f"end_reason: {reason}"), "g.yaml")
        plan = checked.schedule
        assert plan is not None and plan.relative
        assert plan.anchor == "b.start", (reason, plan.anchor)
        fu = plan.point("fu")
        assert fu is not None and abs(fu.day - plan.point("b.start").day - 730) <= 2  # type: ignore[union-attr]


_GIST = (
    "format: 1\nid: gist\ndiagnosis: {date: {before: 2013-11-09}}\nevents:\n"
    "  - {id: ima, type: regimen, intent: advanced, start: {after: diagnosis}, end: suni.start,"
    " end_reason: unknown, agents: [imatinib]}\n"
    "  - {id: suni, type: regimen, intent: advanced, start: {after: ima.start}, end: sora.start,"
    " end_reason: unknown, agents: [sunitinib]}\n"
    "  - {id: sora, type: regimen, intent: advanced,"
    " start: {after: suni.start, before: 2013-02-25}, end: combo.start,"
    " end_reason: progression, agents: [sorafenib]}\n"
    "  - {id: combo, type: regimen, intent: advanced, start: {after: sora.start, before: 2013-11-09},"
    " end_reason: ongoing, agents: [sorafenib, imatinib]}\n"
    "  - {id: fu, type: follow-up, status: alive-with-disease,"
    " date: {from: combo.start, offset: about 2 years}}\n"
)


def test_a_case_bounded_by_the_calendar_counts_from_the_point_its_last_date_hangs_on() -> None:
    """A GIST report: imatinib, sunitinib and sorafenib known only in order (sorafenib before
    regorafenib's approval), then sorafenib + imatinib "for close to two years" to the last
    follow-up, all before the report's submission. Counted from the diagnosis, every date read
    "from month 0" and the two years were one slot in the zone after the scale; the last date
    hangs on the combination's start, and the months count from it. Where the last date is
    known only by order (a CT "1 month" after the start of sorafenib, the follow-up only after
    the combination), the case counts from its first day: from the point of it a distance is
    stated from."""
    checked = check_text(_GIST, "gist.yaml")
    plan = checked.schedule
    assert plan is not None and plan.relative and plan.anchor == "combo.start"
    fu, combo = plan.point("fu"), plan.point("combo.start")
    assert fu is not None and combo is not None and 700 <= fu.day - combo.day <= 760
    order_only = check_text(
        _GIST.replace(
            "date: {from: combo.start, offset: about 2 years}}",
            "date: {after: combo.start, before: 2013-11-09}}\n"
            "  - {id: ct, type: imaging, method: CT, date: {from: sora.start, offset: 1 month}}",
        ),
        "gist.yaml",
    )
    assert order_only.schedule is not None and order_only.schedule.anchor == "sora.start"


def test_a_stated_whole_number_of_months_reads_as_that_month() -> None:
    """Capecitabine ended "6 months" after its start, the case dated only from it: 'show' said
    "≈ month 6 (5.9 to 6)", as if the source were unsure by a tenth; 6 calendar months are 181
    to 184 days, and the source says month 6."""
    from timeline import check_text

    text = (
        "format: 1\nid: six\ndiagnosis: {date: {before: a.start}}\nevents:\n"
        "  - {id: a, type: regimen, intent: advanced, start: {after: diagnosis},"
        " end: {from: a.start, offset: 6 months}, end_reason: progression, agents: [capecitabine]}\n"
        "  - {id: pd, type: progression, date: a.end}\n"
        "  - {id: fu, type: follow-up, date: {from: a.start, offset: 9.5 months}, status: alive}\n"
        "acknowledge:\n  - {code: C008, reason: order only}\n"
    )
    said = summary_text(check_text(text, "six.yaml"))
    assert "[month 0 → month 6]" in said, said
    assert "(5.9 to 6)" not in said
    assert "month 9.5" in said, said  # (a half month is not a whole one)


def test_a_stated_distance_is_drawn_at_its_value_before_a_date_known_only_by_order() -> None:
    """A recurrence "about 18 years" after the operation, a second operation known only to
    follow it and a follow-up 14 months after that: the second operation, open on its late
    side, was placed first at its earliest day (the recurrence's), and held the recurrence
    there, at 14.4 years (`show`, the drawing and DFS). It waits for the points it follows."""
    text = """
format: 1
id: about-18
diagnosis: {date: {before: op}}
events:
  - {id: op, type: surgery, date: {after: diagnosis}, curative: true}
  - {id: rec, type: recurrence, date: {from: op, offset: about 18 years}}
  - {id: op2, type: surgery, date: {after: rec}, curative: true}
  - {id: fu, type: follow-up, date: {from: op2, offset: 14 months}, status: alive-ned}
"""
    checked = check_text(text, "a.yaml")
    schedule = plan(checked.chrono)
    op, rec, op2 = (schedule.point(k) for k in ("op", "rec", "op2"))
    assert op is not None and rec is not None and op2 is not None
    years = (rec.day - op.day) / 365.25
    assert 17.9 <= years <= 18.1, years
    assert op2.day >= rec.day
    (dfs,) = [i for i in checked.intervals if i.kind == "DFS"]
    assert dfs.text().startswith("≈ 216 months"), dfs.text()


def test_a_radiotherapy_known_only_within_years_is_not_said_as_a_course_of_no_length() -> None:
    """A radiotherapy between the diagnosis and a follow-up 18 months on, its end only after
    its start: `show` gave one plausible day, "[≈ 2014-07-22 (2014-01-01 – 2015-07-31)]", a
    course of no length (and "≈ X → ≈ X" when the days were printed apart). Its end is said as
    not dated, with its window; an end the case dates stays a date."""
    text = """
format: 1
id: rt-window
diagnosis: {date: 2014-01}
events:
  - {id: rt, type: radiotherapy, start: {after: diagnosis, before: fu},
     end: {after: rt.start, before: fu}}
  - {id: fu, type: follow-up, date: 2015-07, status: alive}
"""
    said = summary_text(check_text(text, "rt.yaml"))
    (row,) = [ln for ln in said.splitlines() if "radiotherapy" in ln]
    assert "→ end not dated (2014-01-01 – 2015-07-31)" in row, row
    dated = text.replace("end: {after: rt.start, before: fu}", "end: 2014-09-30")
    (row,) = [
        ln for ln in summary_text(check_text(dated, "d.yaml")).splitlines() if "radioth" in ln
    ]
    assert "end not dated" not in row and "→ 2014-09-30" in row, row


_TWO_CRS = """
format: 1
id: two-crs
diagnosis: {date: unknown}
events:
  - {id: a, type: regimen, intent: advanced, start: {after: diagnosis}, end: {after: a.start},
     end_reason: completed, agents: [cisplatin]}
  - {id: cr1, type: response, date: {after: a.start}, category: CR}
  - {id: r1, type: recurrence, date: {from: cr1, offset: 25 months}}
  - {id: rt, type: radiotherapy, start: {after: r1}}
  - {id: cr2, type: response, date: {after: rt.start}, category: CR}
  - {type: follow-up, date: {from: cr2, offset: 9 months}, status: alive}
"""


def test_a_relative_case_says_which_of_two_complete_responses_it_counts_from() -> None:
    """An anal cancer with two complete responses, months counted from the first: "months
    from the CR response" said neither which nor anything but CR twice."""
    from timeline.schedule import anchor_name

    checked = check_text(_TWO_CRS, "two.yaml")
    s = checked.schedule
    assert s is not None and s.relative and checked.chrono is not None
    assert s.anchor == "cr1"
    assert anchor_name(checked.chrono, "cr1") == "the first complete response"
    assert anchor_name(checked.chrono, "cr2") == "the second complete response"
    # (a complete response assessed again with no change between is the same one, maintained:
    # "the CR was maintained during consolidation" was "the fourth complete response" of a
    # case with three)
    again = check_text(
        _TWO_CRS.replace(
            "  - {type: follow-up,",
            "  - {id: cr3, type: response, date: {from: cr2, offset: 6 months}, category: CR}\n"
            "  - {type: follow-up,",
        ),
        "again.yaml",
    )
    assert anchor_name(again.chrono, "cr2") == "the second complete response"
    assert (
        anchor_name(again.chrono, "cr3")
        == "the second complete response (maintained, assessment 2)"
    )


def test_an_end_open_on_both_sides_is_not_given_a_day() -> None:
    """Cisplatin's end known only to follow its start, in a case counted from a response after
    it: `show` said "≈ month 17 (window open)", a day of the schedule's choosing, and the
    drawing put the end's window, two dashed arrows, at month 17, months from the bar (a stub
    among the dates known only by order)."""
    from timeline.render.layout import swimlane
    from timeline.render.scene import Rect, Stroke
    from timeline.render.style import THEMES
    from timeline.summary import summary_text

    checked = check_text(_TWO_CRS, "two.yaml")
    row = next(line for line in summary_text(checked).splitlines() if line.startswith("  L1"))
    assert "→ end not dated (window open)]" in row, row
    scene = swimlane(checked, THEMES["slide"])
    assert not [
        i
        for i in scene.items
        if isinstance(i, Rect | Stroke) and i.id.startswith("window-a-") and "-end" in i.id
    ]


def test_each_side_of_a_closed_window_is_said_as_a_bound_is() -> None:
    """A thymoma's later lines, known only to fall between an exploration and a death 64 months
    after the diagnosis: "(23 to 64.1)" ended after the death said at "month 64"."""
    from timeline import check_path
    from timeline.summary import summary_text

    text = summary_text(
        check_path(
            str(ROOT / "cases" / "bergonzi2011-thymoma-six-chemotherapy-lines-cardiotoxicity.yaml")
        )
    )
    assert "(23 to 64)" in text and "64.1" not in text, text


def test_a_diagnosis_known_only_before_a_transplant_is_not_after_its_conditioning() -> None:
    """Total body irradiation begun up to two weeks before a transplant, the diagnosis known
    only to precede the transplant: the diagnosis was placed on the transplant's day, after
    the radiotherapy had begun. It goes to the radiotherapy's day, still open before."""
    text = """
format: 1
id: conditioning
diagnosis: {date: {before: hsct}}
events:
  - {id: tbi, type: radiotherapy, start: {before: hsct, within: 2 weeks}, site: total body}
  - {id: hsct, type: regimen, intent: advanced, start: 2018-06-15, end: hsct.start,
     end_reason: completed, agents: [systemic therapy]}
  - {id: fu, type: follow-up, date: 2018-09, status: alive}
"""
    checked = check_text(text, "conditioning.yaml")
    assert checked.ok and not checked.problems, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    diagnosis, tbi = checked.schedule.point("diagnosis"), checked.schedule.point("tbi.start")
    assert diagnosis is not None and tbi is not None
    assert diagnosis.day == tbi.day < checked.schedule.point("hsct.start").day  # type: ignore[union-attr]
    assert diagnosis.open
    # (said as the source gives it)
    assert "diagnosis  by 2018-06-15" in summary_text(checked)


def test_the_same_with_no_calendar_date() -> None:
    """durer2019's shape: nothing on the calendar, the relapse 3 months after the transplant;
    the diagnosis was drawn a week into the conditioning radiotherapy the axis counts from."""
    text = """
format: 1
id: conditioning-relative
diagnosis: {date: {before: hsct}}
events:
  - {id: tbi, type: radiotherapy, start: {before: hsct, within: 2 weeks}, site: total body}
  - {id: hsct, type: regimen, intent: advanced, start: {before: relapse}, end: hsct.start,
     end_reason: completed, agents: [systemic therapy]}
  - {id: relapse, type: recurrence, date: {from: hsct, offset: 3 months}}
"""
    checked = check_text(text, "conditioning.yaml", ignore=["T003"])
    assert checked.ok and not checked.problems, [p.format() for p in checked.problems]
    assert checked.schedule is not None and checked.schedule.relative
    diagnosis, tbi = checked.schedule.point("diagnosis"), checked.schedule.point("tbi.start")
    assert diagnosis is not None and tbi is not None
    assert diagnosis.day <= tbi.day


@pytest.mark.parametrize(
    ("date", "found"),
    [
        ("{from: rx.end, offset: 6 months}", {"rx.end"}),
        ("{after: rx, within: 3 months}", {"rx.end"}),
        ("{after: {from: rx, offset: 1 year}}", {"rx.start"}),  # (`from:` counts from a start)
        ("{before: rx.start, within: 1 month}", {"rx.start"}),
        ("{from: rx, offset: 2 weeks}", {"rx.start"}),
        ("{after: rx}", set()),  # order alone counts nothing from it
        ("{after: rx, before: 2020-06}", set()),
    ],
)
def test_the_points_dates_are_stated_a_distance_from(date: str, found: set[str]) -> None:
    """Where the axis counts from the end of a course, that end is drawn where the axis puts it
    only when the case itself counts from it (``distances_stated_from``)."""
    from timeline.schedule import distances_stated_from

    text = f"""
format: 1
id: distances
diagnosis: {{date: 2019-01-01}}
events:
  - {{id: rx, type: regimen, intent: advanced, start: 2019-02-01, end: {{after: rx.start}},
     end_reason: completed, agents: [nivolumab]}}
  - {{id: fu, type: follow-up, date: {date}, status: alive}}
"""
    checked = check(yaml.safe_load(text))
    assert checked.ok, [p.format() for p in checked.problems]
    assert distances_stated_from(checked.chrono) == found


def test_a_date_before_an_end_of_unstated_length_leaves_that_end_at_its_assumed_length() -> None:
    """Six cycles of CHOP of unstated length, a CR "after" their start and before a relapse
    6 months after their end, a last follow-up twelve years on: the CR was placed in the
    middle of the twelve years, the relapse at or after it, and the CHOP end 6 months before
    that: four years of chemotherapy drawn solid."""
    text = """
format: 1
id: chop
diagnosis: {date: 2000}
events:
  - id: chop
    type: regimen
    intent: advanced
    start: {after: diagnosis, within: 3 months}
    end: {after: chop.start, before: relapse}
    end_reason: completed
    cycles: 6
    agents: [cyclophosphamide, doxorubicin, vincristine, prednisone]
  - {id: cr, type: response, date: {after: chop.start, before: relapse}, category: CR}
  - {id: relapse, type: recurrence, date: {from: chop.end, offset: 6 months}}
  - {id: fu, type: follow-up, date: 2012-07, status: alive}
acknowledge:
  - {code: C008, reason: dated by order}
"""
    checked = check_text(text, "chop.yaml")
    plan_ = checked.schedule
    assert plan_ is not None and checked.case is not None
    chop, cr, relapse = (checked.case.event(i) for i in ("chop", "cr", "relapse"))
    start, end = plan_.start(chop), plan_.end(chop)  # type: ignore[arg-type]
    assert start is not None and end is not None
    # the end at two weeks a cycle (the least time six cycles take is five weeks), the
    # relapse 6 months on
    assert end.day - start.day == 6 * ASSUMED_CYCLE_DAYS
    assert 181 <= plan_.start(relapse).day - end.day <= 184  # type: ignore[arg-type,union-attr]
    # and the CR between the start and the relapse, not on the relapse's day
    assert start.day < plan_.start(cr).day < plan_.start(relapse).day  # type: ignore[arg-type,union-attr]


def test_a_relative_case_told_within_three_months_is_said_in_days() -> None:
    """A myocarditis a week after the second infusion was "month 0.2" on an axis of months
    that the case never reached: a case without calendar dates whose bounds all lie within
    about four months is said in days ("day 7", "≈ day 8 (6 to 10)", "by day 0", "from day 42"),
    a stated whole month still as such ("month 4"). One bound 14 months on keeps it in
    months: "from day 426" read worse than "from month 14"."""
    from timeline.points import NEG, POS, Bounds
    from timeline.schedule import DAYS_SCALE, NOT_GIVEN, Planned, when_text

    ref = REFERENCE_DAY

    def said(lo: int, hi: int, day: int) -> str:
        window = Bounds(lo, hi)
        return when_text(window, Planned(day, window, False, "x", True))

    assert said(ref + 7, ref + 7, ref + 7) == "day 7"
    assert said(ref + 6, ref + 10, ref + 8) == "≈ day 8 (6 to 10)"
    assert said(NEG, ref, ref) == "by day 0"
    assert said(ref + 42, POS, ref + 42) == "from day 42"
    assert said(ref, POS, ref) == NOT_GIVEN
    assert said(ref + 120, ref + 123, ref + 121) == "month 4"  # (a stated "4 months")
    # (a one-sided bound of two months or more near a whole month: "3 months after")
    assert said(ref + 89, POS, ref + 89) == "from month 3"
    assert said(ref + 30, POS, ref + 30) == "from day 30"
    days = """
format: 1
id: days
diagnosis: {date: {before: l1.start}}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis}, end: {from: l1.start,
     offset: 3 weeks}, end_reason: toxicity, agents: [nivolumab]}
  - {id: tox, type: toxicity, date: {from: l1.start, offset: 2 weeks}, term: Colitis, grade: 3,
     agents: [nivolumab]}
"""
    checked = check(days)
    assert checked.ok, checked.errors
    assert checked.schedule is not None and checked.schedule.in_days
    assert "'day N' counts from" in summary_text(checked)
    months = days.replace("offset: 3 weeks", "offset: 14 months")
    later = check(months)
    assert later.schedule is not None and not later.schedule.in_days
    assert DAYS_SCALE < 14 * 30
    assert later.chrono is not None and plan(later.chrono).in_days is False


_YEAR_AND_DAYS = """
id: year-and-days
diagnosis: {date: {before: cart.start}, site: bone marrow}
events:
  - {id: cart, type: regimen, intent: advanced, agents: [tisagenlecleucel], start: %s,
     end: cart.start, end_reason: completed}
  - {id: crs, type: toxicity, term: Cytokine release syndrome, grade: 2,
     date: {from: cart.start, offset: 2 days}, agents: [tisagenlecleucel]}
  - {id: pd, type: progression, sites: [bone marrow], date: {from: cart.start, offset: 30 days}}
  - {id: death, type: death, date: {from: cart.start, offset: 47 days}}
"""


def test_a_case_dated_by_a_year_and_told_in_days_from_it_is_drawn_in_those_days() -> None:
    """A CAR-T report dated by the year of the infusion alone ("in 2020"), every later event
    "day +N" from it: on the calendar each was drawn at a guessed day with a year's window
    (the infusion in July 2020, the death "≈ 2020-08-17 (2020-02-17 – 2021-02-16)"), and the
    days between them were lost. It is told in days from the infusion, the year said once."""
    checked = check(_YEAR_AND_DAYS % "2020")
    assert checked.ok, [p.format() for p in checked.problems]
    s = checked.schedule
    assert s is not None and s.relative and s.in_days
    assert s.anchor == "cart.start"
    assert s.coarse is not None and s.coarse[0] == "cart.start"
    assert s.coarse[1].text() == "2020"
    shown = summary_text(checked)
    assert "(the start of tisagenlecleucel is dated 2020 only; 'day N' counts from it" in shown
    row = next(r for r in shown.splitlines() if "death" in r and r.startswith("  day"))
    assert row.strip().startswith("day 47 "), row
    assert "2020-" not in shown.split("Course", 1)[1]

    from timeline.render import case_dot

    dot = case_dot(checked)[0]
    assert "days from the start of tisagenlecleucel (dated 2020 only)" in dot


@pytest.mark.parametrize(
    "start",
    [
        "2020-07",  # a month: the calendar tells it as the source does
        "{after: 2015-01-01, before: 2020-12-31}",  # wider still, but …
    ],
)
def test_a_case_dated_by_a_month_stays_on_the_calendar(start: str) -> None:
    checked = check(_YEAR_AND_DAYS % start)
    s = checked.schedule
    assert s is not None
    if start == "2020-07":
        assert not s.relative and s.coarse is None
    else:  # … one coarse date: still told in days from it
        assert s.relative and s.coarse is not None


def test_a_case_with_two_coarse_years_far_apart_stays_on_the_calendar() -> None:
    """ "In 2015 … in 2018, day +2 …": the years are the story; neither is an anchor the
    rest lies within days of."""
    text = (_YEAR_AND_DAYS % "2018").replace(
        "diagnosis: {date: {before: cart.start}, site: bone marrow}",
        "diagnosis: {date: 2015, site: bone marrow}",
    )
    checked = check(text)
    s = checked.schedule
    assert s is not None and not s.relative and s.coarse is None


def test_a_calendar_bound_a_relative_case_leaves_out_makes_no_date_inferred() -> None:
    """abe2023's diagnosis is written "before 2023-07-27", inferred from the report's
    publication; the case is told in months from it, its calendar bounds left out: `show` said
    "diagnosis month 0 (inferred)" and that every month counted "from the diagnosis
    (inferred)", the axis too, though nothing of month 0 rests on that inference."""
    from timeline.render import case_dot
    from timeline.summary import summary_data

    checked = check_path(
        str(ROOT / "cases" / "abe2023-ovarian-bevacizumab-maintenance-mds-aml.yaml")
    )
    text = summary_text(checked)
    assert "  diagnosis  month 0\n" in text, text[:600]
    assert "counts from the diagnosis)" in text
    assert "(inferred)" not in text.split("Treatment", 1)[0]
    assert summary_data(checked)["counted_from"]["inferred"] is None
    dot = case_dot(checked)[0]
    # (the axis caption and the diagnosis's label: "0: the diagnosis (inferred); …",
    # "diagnosis *")
    assert 'label="0: the diagnosis; the rest in order only"' in dot
    assert "(inferred)" not in dot and 'label="diagnosis *"' not in dot
    # (a calendar case keeps it: cr000's diagnosis month is the file's reading)
    reference = summary_text(check_path(str(ROOT / "cases" / "cr000-paclitaxel-bevacizumab.yaml")))
    assert "diagnosis  2004-09 (inferred)" in reference


def test_an_end_not_reported_is_not_given_a_bound_that_says_only_after_the_start() -> None:
    """A relapse treated at no stated time within 18 months: `show` printed "[≈ month 33 (24 to
    42) → end not reported (from month 24)]", an end that reads as bounded before the start
    it follows. A window that says no more than "after the start" is left out; one that
    says more (a bound before a later event) is kept."""
    text = """
id: unreported
diagnosis: {date: 2020-01}
events:
  - {id: pd1, type: recurrence, date: 2022-01}
  - {id: l1, type: regimen, intent: advanced, start: {after: pd1, before: pd2},
     agents: [paclitaxel]}
  - {id: pd2, type: recurrence, date: 2023-07}
  - {id: l2, type: regimen, intent: advanced, start: {after: pd2, before: fu},
     end: unknown, end_reason: unknown, agents: [gemcitabine]}
  - {id: fu, type: follow-up, date: 2024-06, status: alive-ned}
"""
    shown = summary_text(check(yaml.safe_load(text)))
    rows = [r for r in shown.splitlines() if r.startswith(("  L1 ", "  L2 "))]
    assert rows[0].endswith("→ end not reported]"), rows[0]
    assert "→ end not reported (2023-07-01 – 2024-06-30)]" in rows[1], rows[1]


def test_about_two_years_is_drawn_as_two_years_when_a_therapy_follows_it() -> None:
    """A progression "about 2 years" after a radiotherapy, and a therapy begun "after" it: the
    therapy, waiting for its earliest day, was queued at a day computed before an earlier point
    was placed, one day before the progression's, placed first, and held the progression to
    the earliest edge of its window (19 months), while "about 1 year" later on was drawn as
    12 months. A point waiting at its earliest day is queued again when that day rises, behind
    the points it follows."""

    checked = check_text(ABOUT_TWO_YEARS, "about.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    plan = checked.schedule
    assert plan is not None
    rt, pd = plan.point("rt.start"), plan.point("pd2")
    assert rt is not None and pd is not None
    assert 720 <= pd.day - rt.day <= 740, pd.day - rt.day
    start, pd3 = plan.point("selpercatinib.start"), plan.point("pd3")
    assert start is not None and pd3 is not None and 360 <= pd3.day - start.day <= 370


def test_months_count_from_the_diagnosis_a_date_before_it_is_stated_from() -> None:
    """A diagnosis bounded only by the publication, symptoms "6 years" before it, the rest
    stated from it: the symptoms, first in time, were the point the months counted from
    ("months from Hypoglycemia", the diagnosis at "month 72"). A date stated from the
    diagnosis hangs on it, as on any event."""
    text = """
id: from-the-diagnosis
diagnosis: {date: {before: 2014-10-24}, site: jejunum}
events:
  - {id: hypo, type: complication, date: {from: diagnosis, offset: -6 years}, term: Hypoglycemia}
  - {id: evero, type: regimen, intent: advanced, agents: [everolimus], start: {after: diagnosis},
     end_reason: ongoing}
  - {id: fu, type: follow-up, date: {from: diagnosis, offset: 3 years}, status: alive}
"""
    checked = check(text)
    assert checked.ok, [p.format() for p in checked.problems]
    plan = checked.schedule
    assert plan is not None and plan.relative and plan.anchor == "diagnosis", plan.anchor
    hypo = plan.start(checked.case.event("hypo"))
    assert hypo is not None and abs(hypo.day - REFERENCE_DAY + 6 * 365.25) <= 3, hypo


def test_a_point_dated_cycles_of_unstated_length_after_a_start_is_drawn_two_weeks_a_cycle() -> None:
    """Salvage irinotecan-temozolomide of unstated cycle length, a resection "after the 4th
    cycle" and radiotherapy "during the 9th and 10th": at the least time their cycles take
    (a week each), the resection stood four weeks into the course and the radiotherapy in
    the same step of the deck. They are drawn at the length assumed for a cycle, as a
    course's end is, within their windows."""
    from timeline.schedule import ASSUMED_CYCLE_DAYS

    text = SALVAGE_CYCLES
    checked = check(text)
    assert checked.ok, [p.format() for p in checked.problems]
    plan = checked.schedule
    assert plan is not None
    begun = plan.point("it.start")
    op, rt = plan.point("op"), plan.point("rt.start")
    assert begun is not None and op is not None and rt is not None
    assert op.day - begun.day == 4 * ASSUMED_CYCLE_DAYS, op.day - begun.day
    assert rt.day - begun.day == 8 * ASSUMED_CYCLE_DAYS, rt.day - begun.day
    # (within their windows: the least time of their cycles stays their earliest day)
    assert op.window.lo <= op.day and rt.window.lo <= rt.day


def test_a_plausible_month_is_said_within_its_window_as_said() -> None:
    """A line begun at its window's latest day, 35.05 months from the day the case counts
    from: "≈ month 35.1 (34.7 to 35)" put the plausible month outside its own window, whose
    side is said as the whole month it is within days of."""
    from timeline.chronology import Bounds
    from timeline.schedule import REFERENCE_DAY, Planned, when_text

    lo, hi = REFERENCE_DAY + 1056, REFERENCE_DAY + 1067  # 34.7 and 35.05 months
    planned = Planned(hi, Bounds(lo, hi), relative_to="the diagnosis")
    assert when_text(Bounds(lo, hi), planned) == "≈ month 35 (34.7 to 35)"
    inside = Planned(lo + 5, Bounds(lo, hi), relative_to="the diagnosis")
    assert when_text(Bounds(lo, hi), inside) == "≈ month 34.9 (34.7 to 35)"


def test_a_date_some_cycles_after_a_start_is_placed_at_their_assumed_length() -> None:
    """A remission "following two cycles" of sacituzumab govitecan, their length not given,
    bounded only by a progression 16.3 months after the start: placed in the middle of that
    window, it was drawn at month 8.6, a late response the source does not give. It is placed
    at the length assumed for cycles of unstated length, as the end of such a course is."""
    checked = check_text(
        """\
format: 1
id: two-cycles
diagnosis: {date: 2020-01}
events:
  - {id: sg, type: regimen, intent: advanced, start: 2020-03-01, end_reason: unknown,
     agents: [sacituzumab govitecan]}
  - {id: remission, type: response, category: PR, date: {from: sg.start, offset: 2 cycles,
     before: pd}}
  - {id: pd, type: progression, date: {from: sg.start, offset: 16.3 months}}
""",
        "two-cycles.yaml",
    )
    plan = checked.schedule
    assert plan is not None
    start, remission = plan.point("sg.start"), plan.point("remission")
    assert start is not None and remission is not None
    assert remission.day - start.day == 2 * ASSUMED_CYCLE_DAYS
    # its window is still the whole room the case leaves it
    assert remission.window.lo - start.day == 7
    assert remission.window.hi - start.day > 16 * 30


def test_a_diagnosis_written_unknown_that_the_months_count_from_is_said_not_dated() -> None:
    """An abstract with no date: `show` said "diagnosis  month 0", which read as a date the
    source gives; month 0 is only where the case's months count from."""
    text = """
id: undated
diagnosis: {date: unknown}
events:
  - {id: pd, type: progression, date: {after: diagnosis}}
  - {id: rx, type: regimen, intent: advanced, agents: [sotorasib], start: {after: pd}}
acknowledge:
  - {code: C008, reason: the abstract dates nothing}
"""
    checked = check(yaml.safe_load(text))
    said = summary_text(checked)
    assert "  diagnosis  not dated (month 0, the day the case's dates count from)\n" in said, said
    # (and a deck's title slide, which said "Diagnosis: month 0")
    from timeline.render.deck import build_deck

    (title,) = [s for s in build_deck(checked, backend="wasm").slides if s.kind == "title"]
    assert "Diagnosis: not dated (month 0, the day the case's dates count from)" in title.lines


def test_a_course_with_no_end_is_as_long_as_the_cycles_dated_in_it_assume() -> None:
    """Twelve cycles of mFOLFOX4 of unstated length, no end written, an urticaria "after the
    7th": the urticaria was placed at two weeks a cycle (14 weeks in) and the course's end at
    its least (a week a cycle, 11 weeks in): the drawing faded the chemotherapy out before the
    reaction to it. Where dates are counted in its cycles, the course's end is placed at the
    same assumed length, and fades out to it."""
    text = """
format: 1
id: cycles-no-end
diagnosis: {date: 2005-12}
events:
  - {id: chemo, type: regimen, intent: adjuvant, start: 2006-01-10, cycles: 12,
     agents: [oxaliplatin, fluorouracil]}
  - {id: hives, type: toxicity, date: {from: chemo.start, offset: 7 cycles}, term: Urticaria,
     regimen: chemo}
acknowledge:
  - {code: C008, reason: the abstract gives cycles only}
"""
    checked = check_text(text, "cycles.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    plan = checked.schedule
    assert plan is not None
    end, hives = plan.point("chemo.end"), plan.point("hives")
    assert end is not None and hives is not None
    assert end.day >= hives.day, (end, hives)
    assert "chemo.end" in {checked.chrono.canonical(k) for k in plan.assumed}  # type: ignore[union-attr]


def test_a_course_of_assumed_length_keeps_the_stated_distances_before_it() -> None:
    """A salvage course of four cycles of unstated length, ended by a progression dated before
    camrelizumab's start, was given its start four assumed cycles before that day; the
    relapse before it, "5 months" after an undated remission, then sat only 143 days after
    that remission. The assumed length lowers what must precede the course too."""
    text = """\
format: 1
id: assumed-before
diagnosis: {date: {after: 2017-04, before: induction.start}}
events:
  - {id: induction, type: regimen, intent: advanced, start: {after: diagnosis}, cycles: 2,
     end: {from: induction.start, offset: 2 cycles, before: perforation},
     end_reason: unknown, agents: [etoposide]}
  - {id: perforation, type: complication, date: {after: induction.end, before: hdaci.start},
     term: Intestinal perforation}
  - {id: hdaci, type: regimen, intent: advanced, start: {after: perforation},
     end: {after: hdaci.start, before: salvage.start}, end_reason: unknown, agents: [vorinostat]}
  - {id: cr, type: response, date: {after: hdaci.start, before: relapse}, category: CR}
  - {id: relapse, type: recurrence, date: {from: cr, offset: 5 months}}
  - {id: salvage, type: regimen, intent: advanced, start: {after: relapse}, cycles: 4,
     agents: [gemcitabine], end: pd, end_reason: progression}
  - {id: pd, type: progression, date: {from: salvage.start, offset: 4 cycles, before: pd1.start}}
  - {id: pd1, type: regimen, intent: advanced, start: 2018-05-29, agents: [pembrolizumab]}
  - {id: pr, type: response, date: {from: pd1.start, offset: 2 months}, category: PR}
  - {id: pd2, type: progression, date: 2021-03}
"""
    checked = check_text(text, "assumed-before.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    schedule = checked.schedule
    assert schedule is not None
    cr, relapse = (
        schedule.start(checked.case.event("cr")),
        schedule.start(checked.case.event("relapse")),
    )
    assert cr is not None and relapse is not None
    assert 150 <= relapse.day - cr.day <= 153, (cr, relapse)
    salvage = schedule.start(checked.case.event("salvage"))
    assert salvage is not None and relapse.day <= salvage.day


_TWO_UNSTATED_COURSES = """\
format: 1
id: two-courses-of-unstated-cycles
diagnosis: {date: {before: adjuvant.start}}
events:
  - {id: adjuvant, type: regimen, intent: adjuvant, start: {after: diagnosis},
     agents: [capecitabine], end: {after: adjuvant.start, before: recurrence},
     end_reason: completed}
  - {id: recurrence, type: recurrence, date: {from: adjuvant.end, offset: 1 months}}
  - {id: first, type: regimen, intent: advanced, start: {after: recurrence}, cycles: 6,
     end: {from: first.start, offset: 6 cycles}, end_reason: completed, agents: [cisplatin]}
  - {id: second, type: regimen, intent: maintenance, start: first.end, cycles: 4,
     end: {from: second.start, offset: 4 cycles}, end_reason: completed,
     agents: [nab-paclitaxel]}
  - {id: third, type: regimen, intent: maintenance,
     start: {after: second.end, within: 1 months}, end: 2023-10, end_reason: completed,
     agents: [sintilimab]}
  - {id: cr, type: response, date: 2021-09, category: CR}
"""


def test_two_courses_of_unstated_cycles_end_to_start_are_scheduled(tmp_path: Path) -> None:
    """A gallbladder cancer's six cycles of unstated length, then four more begun at their
    end: `validate` ran for minutes and took gigabytes. The second course's end let the first
    course's end go first, which let its own start go first, both queued as equals, the
    queue doubling forever. Run apart, with a time limit, so that a relapse fails here
    rather than hangs the suite."""
    import subprocess
    import sys

    path = tmp_path / "two.yaml"
    path.write_text(_TWO_UNSTATED_COURSES, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "timeline", "show", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    checked = check_text(_TWO_UNSTATED_COURSES, "two.yaml")
    schedule = checked.schedule
    assert schedule is not None
    first = schedule.end(checked.case.event("first"))
    second = schedule.start(checked.case.event("second"))
    assert first is not None and second is not None and first.day == second.day


def test_a_date_about_a_distance_from_another_is_placed_at_that_distance() -> None:
    """A visit "with a 4-year history" (about 4 years after the diagnosis), after paclitaxel
    for three years, docetaxel for two months and pazopanib for one, each known only to follow
    the one before: the lines were spread first over the visit's whole window, and the visit
    drawn at 4.7 years beside the words "about 4 years". It is placed at 4 years, the lines
    held before it; its window is the same."""
    text = """
format: 1
id: about-four-years
diagnosis: {date: unknown}
events:
  - {id: ptx, type: regimen, intent: advanced, start: {after: diagnosis},
     end: {from: ptx.start, offset: 3 years}, end_reason: no-response, agents: [paclitaxel]}
  - {id: dtx, type: regimen, intent: advanced, start: {after: ptx.end},
     end: {from: dtx.start, offset: 2 months}, end_reason: no-response, agents: [docetaxel]}
  - {id: paz, type: regimen, intent: advanced, start: {after: dtx.end},
     end: {from: paz.start, offset: 1 months}, end_reason: toxicity, agents: [pazopanib]}
  - id: visit
    type: progression
    date: {from: diagnosis, offset: about 4 years, after: paz.end}
  - {id: fu, type: follow-up, date: {from: visit, offset: 1 years}, status: alive}
"""
    checked = check_text(text, "about.yaml")
    assert checked.ok, checked.errors
    plan = checked.schedule
    assert plan is not None
    visit, diagnosis = plan.point("visit"), plan.point("diagnosis")
    assert visit is not None and diagnosis is not None
    years = (visit.day - diagnosis.day) / 365.25
    assert abs(years - 4) < 0.05, years
    # its window is the case's, not the day it is placed at
    assert visit.window.hi - visit.window.lo > 300, visit.window
    # and the lines before it keep their order and lengths
    ptx_end, paz_end = plan.end(checked.case.event("ptx")), plan.end(checked.case.event("paz"))
    assert ptx_end is not None and paz_end is not None and paz_end.day <= visit.day


def test_primary_treatment_known_only_by_order_is_placed_soon_after_what_it_follows() -> None:
    """A mastectomy "after" a diagnosis of 1982, and adjuvant CMF and radiotherapy "after" it,
    all before a recurrence in 2004: placed in the middle of their windows, the operation came
    six years after the diagnosis and the adjuvant therapy nine years after the operation. A
    line of therapy written only after the diagnosis keeps its share of the window."""
    from timeline.schedule import PRIMARY_SOON_DAYS

    checked = check_text(
        """
format: 1
id: soon
diagnosis: {date: 1982, site: breast}
events:
  - {id: op, type: surgery, date: {after: diagnosis, before: rec}, procedure: mastectomy}
  - {id: rt, type: radiotherapy, start: {after: op, before: rec}, site: chest wall,
     intent: adjuvant}
  - {id: cmf, type: regimen, intent: adjuvant, start: {after: op, before: rec},
     end_reason: unknown, agents: [cyclophosphamide, methotrexate, fluorouracil]}
  - {id: rec, type: recurrence, date: 2004, sites: [axilla]}
  - {id: l1, type: regimen, intent: advanced, start: {after: rec, before: fu},
     end_reason: unknown, agents: [letrozole]}
  - {id: fu, type: follow-up, date: 2012, status: alive}
""",
        "soon.yaml",
    )
    s = checked.schedule
    assert s is not None and checked.case is not None
    diagnosis, op = s.point("diagnosis"), s.point("op")
    rt, cmf = s.point("rt.start"), s.point("cmf.start")
    assert diagnosis and op and rt and cmf
    assert 0 < op.day - diagnosis.day <= PRIMARY_SOON_DAYS
    assert 0 < rt.day - op.day <= PRIMARY_SOON_DAYS and 0 < cmf.day - op.day <= PRIMARY_SOON_DAYS
    assert op.window.hi - op.window.lo > 20 * 365  # (its window is unchanged)
    l1, rec = s.point("l1.start"), s.point("rec")
    assert l1 and rec and l1.day - rec.day > 365  # (a line keeps its share)


def test_a_case_dated_only_by_its_follow_up_to_date_counts_from_its_diagnosis() -> None:
    """A pancreatic cancer report with no calendar date: FOLFIRINOX, a rise 16 months after
    it, FOLFIRI, olaparib, and the last follow-up "to date", written as the format advises
    (`{before: 2020, within: 1 year}`), its one calendar date. Every other date had no
    earliest day, and the drawing put them all in the zone of dates known only by order,
    the 16 months a few points wide, and olaparib, drawn from the zone's edge to the
    follow-up, two years long in full colour where the source gives six cycles. A window
    on the calendar held only by the case's outcome does not make the case one dated on
    the calendar: it is told in months from its diagnosis, as it is without that window."""
    from timeline.render.timescale import order_only

    text = """
format: 1
id: to-date
diagnosis: {date: {before: a.start, within: 3 months}}
events:
  - {id: a, type: regimen, intent: advanced, start: unknown, end: {from: a.start, offset: 6 months},
     end_reason: toxicity, agents: [oxaliplatin]}
  - {id: rise, type: progression, date: {from: a.end, offset: 16 months}}
  - {id: b, type: regimen, intent: advanced, start: {after: rise, within: 1 month},
     end: {from: b.start, offset: 4 months}, end_reason: progression, agents: [irinotecan]}
  - {id: pd, type: progression, date: b.end}
  - {id: c, type: regimen, intent: advanced, start: {after: pd, within: 1 month},
     end_reason: ongoing, agents: [olaparib]}
  - {id: r, type: response, date: {from: c.start, offset: 3 months}, category: unknown,
     authors_term: significant response}
  - {id: fu, type: follow-up, date: {before: 2020, within: 1 year, inferred: to date},
     status: alive-with-disease}
"""
    checked = check_text(text, "to-date.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    plan = checked.schedule
    assert plan is not None and plan.relative
    assert order_only(plan) == ({}, None)
    a_end, b_start = plan.point("a.end"), plan.point("b.start")
    assert a_end is not None and b_start is not None
    assert 16 * 30 <= b_start.day - a_end.day <= 17 * 31
    # (a window the calendar closes on an event of the story keeps the case on the calendar)
    dated = check_text(
        text.replace("start: unknown", "start: {after: 2018-01, within: 1 month}"), "d.yaml"
    )
    assert dated.schedule is not None and not dated.schedule.relative
    # (nor does a follow-up the source dates on the calendar, not inferred)
    stated = check_text(
        text.replace("{before: 2020, within: 1 year, inferred: to date}", "2020-06"), "s.yaml"
    )
    assert stated.schedule is not None and not stated.schedule.relative


def test_a_course_part_of_a_line_known_only_to_follow_it_is_placed_soon_after_it() -> None:
    """A CNS lymphoma report: methotrexate-based chemotherapy and whole-brain radiotherapy as
    one first treatment, the radiotherapy written `part_of` the chemotherapy, after its start
    and before a second cancer four years on. Placed in the middle of its window, the course
    was drawn two years into the remission; it is placed soon after the line's start."""
    text = """
format: 1
id: part-soon
diagnosis: {date: 2010-03}
events:
  - {id: mtx, type: regimen, intent: advanced, start: 2010-04, end_reason: completed,
     end: {after: mtx.start, before: cr}, agents: [methotrexate]}
  - {id: wbrt, type: radiotherapy, part_of: mtx, site: whole brain,
     start: {after: mtx.start, before: second}, end: unknown}
  - {id: cr, type: response, category: CR, date: {after: mtx.start, before: second}}
  - {id: second, type: second-primary, date: 2014-06, site: endometrium,
     cancer: endometrial carcinoma}
  - {id: fu, type: follow-up, date: 2015-01, status: alive-ned}
"""
    checked = check_text(text, "part-soon.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    plan = checked.schedule
    assert plan is not None
    start, wbrt = plan.point("mtx.start"), plan.point("wbrt.start")
    assert start is not None and wbrt is not None
    assert 0 <= wbrt.day - start.day <= 60, wbrt.day - start.day


def test_radiotherapy_begun_with_a_primary_regimen_is_placed_soon_after_what_it_follows() -> None:
    """A glioblastoma report: radiotherapy "postoperative (with concomitant temozolomide)",
    known only to follow the craniotomy, and adjuvant temozolomide begun on its day. The six
    weeks of primary treatment applied only when the radiotherapy's own intent read
    "adjuvant": this one was drawn eight months after the operation."""
    text = """
format: 1
id: with-primary
diagnosis: {date: 2018-05}
events:
  - {id: op, type: surgery, date: 2018-05, procedure: craniotomy, curative: true}
  - {id: rt, type: radiotherapy, site: brain, intent: postoperative,
     start: {after: op, before: rec}, end: {after: rt.start, before: rec}}
  - {id: tmz, type: regimen, intent: adjuvant, start: rt.start, end: rt.end,
     end_reason: completed, agents: [temozolomide]}
  - {id: rec, type: recurrence, date: {before: 2020-12-31}}
  - {id: fu, type: follow-up, date: 2021-06, status: alive-with-disease}
"""
    checked = check_text(text, "with-primary.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    plan = checked.schedule
    assert plan is not None
    op, rt = plan.point("op"), plan.point("rt.start")
    assert op is not None and rt is not None
    assert 0 <= rt.day - op.day <= 62, rt.day - op.day


def test_an_end_written_as_at_least_some_weeks_after_the_start_is_placed_at_them() -> None:
    """Liposomal doxorubicin, fourteen doses at three a week, its end written as more than four
    weeks after its start and before the response: placed in the middle of a window of years,
    it was drawn as eight months of therapy."""
    text = """
format: 1
id: least-end
diagnosis: {date: 2018-11}
events:
  - {id: ld, type: regimen, intent: advanced, start: 2018-12,
     end: {after: {from: ld.start, offset: 4 weeks}, before: cr}, end_reason: completed,
     agents: [doxorubicin]}
  - {id: cr, type: response, date: {after: ld.start, before: 2023-06}, category: CR}
"""
    checked = check_text(text, "least.yaml", ignore=["C008"])
    assert checked.ok and checked.schedule is not None, [p.format() for p in checked.problems]
    start, end = checked.schedule.point("ld.start"), checked.schedule.point("ld.end")
    assert start is not None and end is not None
    assert 28 <= end.day - start.day <= 35, (start, end)


def test_an_unknown_date_in_a_case_on_the_calendar_stays_among_its_dates() -> None:
    """An imaging written `date: unknown`, a progression "1 year" after a start known only to
    follow the diagnosis of December 2013, and a follow-up after it: the imaging took the day
    relative cases count from, in the year 5000, the follow-up after it, and the axis ran from
    1940 to 5040."""
    text = """
format: 1
id: unknown-on-the-calendar
diagnosis: {date: 2013-12}
events:
  - {id: rx, type: regimen, intent: advanced, start: {after: diagnosis}, end: pd,
     end_reason: progression, agents: [dabrafenib]}
  - {id: pd, type: progression, date: {from: rx.start, offset: 1 years}}
  - {id: img, type: imaging, date: unknown, method: CT}
  - {id: fu, type: follow-up, date: {after: pd}, status: unknown}
"""
    checked = check_text(text, "unknown.yaml", ignore=["C008"])
    assert checked.schedule is not None
    days = [p.day for p in checked.schedule.planned().values()]
    assert max(days) - min(days) < 2 * 366, (min(days), max(days))


def test_a_response_in_the_authors_words_is_numbered_among_every_response() -> None:
    """An objective response in the authors' words, then a partial response and stable disease,
    then a second response in the authors' words: named "the second response", read as the
    case's second response of any kind, the fourth."""
    from timeline.schedule import anchor_name

    text = """
format: 1
id: nth-words
diagnosis: {date: 2014-06}
events:
  - {id: gc1, type: regimen, intent: advanced, start: 2015-01, end: 2015-05, end_reason: completed,
     agents: [gemcitabine, carboplatin]}
  - {id: r1, type: response, date: 2015-04, category: unknown, authors_term: objective response}
  - {id: gc2, type: regimen, intent: advanced, start: 2015-09, end: 2016-02, end_reason: completed,
     agents: [gemcitabine, carboplatin]}
  - {id: pr, type: response, date: 2015-11, category: PR}
  - {id: sd, type: response, date: 2016-02, category: SD}
  - {id: r2, type: response, date: 2016-09, category: unknown, authors_term: confirmed response,
     setting: follow-up}
"""
    checked = check_text(text, "nth.yaml")
    assert checked.chrono is not None
    assert anchor_name(checked.chrono, "r2") == "the fourth response"


def test_the_transplant_a_case_counts_from_is_named_with_its_rank() -> None:
    """A T-ALL's relapses on day +100 and +266 after a first transplant, and a second
    transplant: the axis and `show` counted months "from the transplant"."""
    from timeline.schedule import anchor_name

    text = """
format: 1
id: two-transplants
diagnosis: {date: unknown}
events:
  - {id: sct1, type: transplant, date: {after: diagnosis}, donor: allogeneic}
  - {id: rel1, type: recurrence, date: {from: sct1, offset: 100 days}}
  - {id: sct2, type: transplant, date: {after: rel1}, donor: allogeneic}
"""
    checked = check_text(text, "sct.yaml", ignore=["C008"])
    assert checked.chrono is not None
    assert anchor_name(checked.chrono, "sct1") == "the first transplant"


def test_a_point_within_a_course_of_unstated_length_does_not_stretch_it() -> None:
    """A poor tolerance of doxorubicin dated only between the start and the end of five cycles
    of unstated length, the end known only to come before a presentation ten years on: placed
    in the middle of its window of years, the toxicity drew the course over 3.5 years; the
    course keeps the length assumed for its cycles, the toxicity within it."""
    text = """
format: 1
id: within-cycles
diagnosis: {date: 2000}
events:
  - {id: dox, type: regimen, intent: advanced, start: {at: 2000, after: diagnosis}, cycles: 5,
     end: {from: dox.start, offset: 5 cycles, before: hf}, end_reason: patient-choice,
     agents: [doxorubicin]}
  - {id: tox, type: toxicity, date: {after: dox.start, before: dox.end}, term: poor tolerance,
     agents: [doxorubicin], action: stopped}
  - {id: hf, type: complication, date: 2010, term: right-sided heart failure}
"""
    checked = check_text(text, "within.yaml", ignore=["C008"])
    assert checked.ok and checked.schedule is not None, [p.format() for p in checked.problems]
    start, end = checked.schedule.point("dox.start"), checked.schedule.point("dox.end")
    assert start is not None and end is not None
    assert end.day - start.day <= 5 * ASSUMED_CYCLE_DAYS + 7, (start, end)


def test_events_on_one_plausible_day_are_told_in_the_order_of_their_relations() -> None:
    """A recurrence, the oxaliplatin after it and the operation after that, all known only by
    order and placed on one day, were told in the order of the file: written last to first,
    a deck told the operation before the recurrence it treated. The file's order breaks ties
    the relations leave."""
    events = [
        "  - {id: rec, type: recurrence, date: {after: {from: op1, offset: 1 years}, before: ox.start}}",
        "  - {id: ox, type: regimen, intent: advanced, start: {after: rec},"
        " end: {after: ox.start, before: op2}, end_reason: completed, agents: [oxaliplatin]}",
        "  - {id: op2, type: surgery, date: {after: ox.end}, procedure: resection}",
        "  - {id: rec2, type: recurrence, date: {from: op2, offset: 1 years}}",
    ]
    head = (
        "format: 1\nid: ties\ndiagnosis: {date: unknown}\nevents:\n"
        "  - {id: op1, type: surgery, date: {after: diagnosis}, procedure: resection,"
        " curative: true}\n"
    )
    for body in (events, events[::-1]):
        checked = check_text(head + "\n".join(body) + "\n", "ties.yaml", ignore=["C008"])
        assert checked.ok, [p.format() for p in checked.problems]
        told = sorted(checked.case.events, key=checked.schedule.order)  # type: ignore[union-attr]
        assert [e.id for e in told] == ["op1", "rec", "ox", "op2", "rec2"], [e.id for e in told]


def test_two_courses_of_one_technique_at_one_site_are_named_by_their_order() -> None:
    """Two Gamma Knife sessions to the posterior fossa, a response after each: the deck said
    both were "within 1 month after the start of the Gamma Knife radiosurgery (posterior
    fossa)", the two sessions indistinguishable."""
    from timeline.schedule import anchor_name

    text = """
format: 1
id: two-sessions
diagnosis: {date: 2013-01}
events:
  - {id: gk1, type: radiotherapy, start: 2013-03-01, site: posterior fossa,
     technique: Gamma Knife radiosurgery}
  - {id: gk2, type: radiotherapy, start: 2013-04-01, site: posterior fossa,
     technique: Gamma Knife radiosurgery}
  - {id: wbrt, type: radiotherapy, start: 2013-06-01, site: brain}
"""
    checked = check_text(text, "gk.yaml")
    assert checked.chrono is not None
    assert anchor_name(checked.chrono, "gk1.start") == (
        "the start of the first Gamma Knife radiosurgery (posterior fossa)"
    )
    assert anchor_name(checked.chrono, "gk2").endswith(
        "the second Gamma Knife radiosurgery (posterior fossa)"
    )
    assert anchor_name(checked.chrono, "wbrt.start") == "the start of the radiotherapy (brain)"
