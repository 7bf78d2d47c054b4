"""Every case file in cases/ validates; the reference case reads as the source tells it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CASES, REFERENCE, TOXICITY_LASTING
from timeline import check_path, check_text
from timeline.summary import summary_data

#: every warning of a case in cases/ is either fixed or acknowledged in the case with a reason
EXPECTED_WARNINGS: dict[str, list[str]] = {}


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_validates(path: Path) -> None:
    result = check_path(str(path))
    assert result.errors == [], [p.format() for p in result.errors]
    assert [p.code for p in result.problems] == EXPECTED_WARNINGS.get(path.stem, []), [
        p.format() for p in result.problems
    ]


def test_reference_case_acknowledges_its_rechallenge() -> None:
    result = check_path(str(REFERENCE))
    codes = {(p.code, ack.event) for p, ack in result.acknowledged}
    assert ("X002", "ptx-bev") in codes


def test_an_unrelated_error_does_not_call_acknowledgements_unused() -> None:
    """A typo in one key stops the checks whose warnings the case acknowledges; the curated
    acknowledgements must not then be reported as matching nothing (S011)."""
    from timeline import check_text

    text = REFERENCE.read_text().replace("menopause: ", "menapause: ", 1)
    result = check_text(text, "typo.yaml")
    assert sorted({p.code for p in result.problems}) == ["S001"], [
        p.format() for p in result.problems
    ]
    clean = check_text(REFERENCE.read_text() + "  - {code: T002, reason: none}\n", "extra.yaml")
    assert "S011" in {p.code for p in clean.problems}  # a valid case still hears of it


def test_two_warnings_of_one_event_each_take_their_own_acknowledgement() -> None:
    """An AML report's regimen has its start and its end each known only widely (two C008 on
    one event), acknowledged with a reason each: the first acknowledgement took both warnings,
    the second was said to acknowledge nothing (S011), and `show` gave the start's reason for
    the end. Each takes the next warning it fits; one acknowledgement still covers several."""
    from timeline import check_text

    text = """format: 1
id: two
diagnosis: {date: 2020-01}
events:
  - {id: c, type: regimen, intent: advanced, start: {after: diagnosis, before: p},
     end: {after: p}, end_reason: unknown, agents: [chemotherapy]}
  - {id: p, type: progression, date: 2023-01}
acknowledge:
  - {code: C008, event: c, reason: the start is not dated}
  - {code: C008, event: c, reason: the end is not dated}
"""
    result = check_text(text, "two.yaml")
    assert result.problems == [], [p.format() for p in result.problems]
    reasons = [ack.reason for _p, ack in result.acknowledged]
    assert reasons == ["the start is not dated", "the end is not dated"]
    one = check_text(text.rsplit("  - {code", 1)[0], "one.yaml")
    assert one.problems == [] and len(one.acknowledged) == 2


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_id_matches_file_name(path: Path) -> None:
    result = check_path(str(path))
    assert result.case is not None and result.case.id == path.stem


def test_reference_lines() -> None:
    data = summary_data(check_path(str(REFERENCE)))
    lines = [(ln["number"], ln["intent"], ln["agents"]) for ln in data["lines"]]
    assert lines == [
        (None, "adjuvant", ["cyclophosphamide", "epirubicin", "fluorouracil"]),
        (None, "adjuvant", ["anastrozole"]),
        (1, "advanced", ["toremifene"]),
        (2, "advanced", ["exemestane"]),
        (3, "advanced", ["paclitaxel"]),
        (4, "advanced", ["paclitaxel", "bevacizumab"]),
    ]
    assert data["lines"][2]["start"]["earliest"] == "2007-08-01"
    assert data["lines"][4]["start"]["text"] == "2011-05"
    assert data["lines"][5]["ongoing"] is True


def test_reference_changes_were_driven_by_what_the_source_says() -> None:
    data = summary_data(check_path(str(REFERENCE)))
    why = {ln["regimen"]: ln["changed_because"] for ln in data["lines"]}
    assert why["cef"] == ["completed"]
    assert why["anastrozole"] == ["recurrence"]
    assert why["toremifene"] == ["progression"]
    assert why["exemestane"] == ["progression", "resistance to endocrine therapy"]
    assert why["paclitaxel"] == ["progression", "resistance to paclitaxel"]
    assert why["ptx-bev"] == []


def test_reference_disease_path() -> None:
    result = check_path(str(REFERENCE))
    path = [s.after for s in result.steps]
    assert path == ["ned", "pd", "cr", "pd", "sd", "pd", "pr", "pd", "pr"]
    assert all(s.allowed for s in result.steps)


@pytest.mark.parametrize(
    ("patient", "path"),
    [
        # the mastectomy of stage IV disease is not curative: no NED; the liver responds
        (
            "cr003-her2-liver-patient1",
            [("diagnosed", "cr", "cr-liver"), ("cr", "cr", "cr-off-treatment")],
        ),
        (
            "cr003-her2-liver-patient2",
            [
                ("diagnosed", "pr", "pr-at-surgery"),
                ("pr", "cr", "cr-liver"),
                ("cr", "cr", "cr-off-treatment"),
            ],
        ),
    ],
)
def test_seed_003_disease_paths(patient: str, path: list[tuple[str, str, str]]) -> None:
    result = check_path(str(REFERENCE.parent / f"{patient}.yaml"))
    assert [(s.before, s.after, s.event.id) for s in result.steps] == path
    assert all(s.allowed for s in result.steps)


def test_reference_intervals() -> None:
    result = check_path(str(REFERENCE))
    months = {i.name: i.months() for i in result.intervals}
    dfs = months["DFS"]
    assert dfs is not None and 33 <= dfs[0] <= dfs[1] <= 36  # 2004-09 to 2007-08
    l3 = months["PFS L3"]
    assert l3 is not None and 6 <= l3[0] <= l3[1] < 8.1  # 2011-05 to 2011-12
    l4 = next(i for i in result.intervals if i.name == "PFS L4")
    assert l4.censored and l4.text() == "censored at ≈ 12 months (range 11–13)"


def test_seed_003_relative_dates_keep_the_reports_arithmetic() -> None:
    p1 = check_path(str(REFERENCE.parent / "cr003-her2-liver-patient1.yaml"))
    by_name = {i.name: i for i in p1.intervals}
    assert by_name["duration L1"].text() == "50 months"  # "after 50 months of treatment"
    assert by_name["PFS L1"].text() == "≥ 80 months"  # 50 months on trastuzumab + 30 after
    p2 = check_path(str(REFERENCE.parent / "cr003-her2-liver-patient2.yaml"))
    assert {i.name: i for i in p2.intervals}[
        "follow-up"
    ].text() == "≥ 71 months"  # 12 − 7 + 24 + 42
    assert [ln.label for ln in p2.lines] == ["L1", "L1 maintenance"]


def test_a_warning_belongs_to_the_event_whose_entry_holds_its_line() -> None:
    from types import SimpleNamespace

    from timeline.problems import Location
    from timeline.validate import _EventAt

    def event(ident: str, line: int | None) -> SimpleNamespace:
        return SimpleNamespace(id=ident, location=None if line is None else Location("c", line))

    # two events on one line (a flow list), one without a place, one later
    events = [event("a", 5), event("b", 5), event("x", None), event("c", 9)]
    case = SimpleNamespace(events=events, diagnosis=SimpleNamespace(location=None))
    at = _EventAt(case)  # type: ignore[arg-type]
    assert [at(line) for line in (1, 4, 5, 8, 9, 40)] == [None, None, "a", "a", "c", "c"]
    # the diagnosis's entry is "diagnosis" (its date's C008 is acknowledged so)
    case.diagnosis = SimpleNamespace(location=Location("c", 2))
    at = _EventAt(case)  # type: ignore[arg-type]
    assert [at(line) for line in (1, 2, 4, 5)] == [None, "diagnosis", "diagnosis", "a"]


def test_an_acknowledgement_may_name_an_exposure_for_its_regimen() -> None:
    """A C008 on palbociclib's start, written in its regimen's entry: acknowledged with the
    exposure's own id, the warning stayed and the acknowledgement was said to cover nothing
    (S011). The exposure's id stands for its regimen."""
    text = (
        "format: 1\nid: ack\ndiagnosis: {date: 2017}\nevents:\n"
        "  - id: reg\n    type: regimen\n    intent: advanced\n    start: 2017-03\n"
        "    exposures:\n      - {agent: letrozole}\n"
        "      - {id: palbo, agent: palbociclib, start: {after: reg.start}}\n"
        "acknowledge:\n  - {code: C008, event: palbo, reason: not dated in the source}\n"
    )
    checked = check_text(text, "ack.yaml")
    assert not checked.problems, [p.format() for p in checked.problems]
    assert [p.code for p, _ack in checked.acknowledged] == ["C008"]
    wrong = check_text(text.replace("event: palbo", "event: letro"), "ack.yaml")
    assert sorted(p.code for p in wrong.problems) == ["C008", "S011"]


def test_an_exposures_own_acknowledgement_takes_its_own_warning() -> None:
    """C008 on a regimen's start and on docetaxel's end, each acknowledged with its reason,
    docetaxel's first: the regimen's start took docetaxel's reason ("its end is unknown") and
    docetaxel's end the regimen's, in the order of the file."""
    text = """
format: 1
id: ack-exposure
diagnosis: {date: 2020-01}
events:
  - {id: pd, type: progression, date: 2020-02}
  - id: a
    type: regimen
    intent: advanced
    start: {after: pd}
    end: 2021-06
    end_reason: unknown
    exposures:
      - {id: a-doc, agent: docetaxel, end: {after: a.start, before: a.end}}
      - {agent: cetuximab}
  - {type: follow-up, date: 2021-07, status: alive-with-disease}
acknowledge:
  - {code: C008, event: a-doc, reason: docetaxel's end is not given}
  - {code: C008, event: a, reason: no interval before the start}
"""
    checked = check_text(text, "ack.yaml")
    assert not checked.problems, [p.format() for p in checked.problems]
    said = {p.message.split(" is known")[0]: ack.reason for p, ack in checked.acknowledged}
    assert said == {
        "the start of 'a'": "no interval before the start",
        "the end of 'docetaxel' ('a-doc') in 'a'": "docetaxel's end is not given",
    }, said


def test_a_regimens_warnings_do_not_spend_its_exposures_acknowledgement() -> None:
    """C008 on a regimen's start and end (one entry for both) and on carboplatin's start (an
    entry of its own): the regimen's end, its entry spent on the start, took carboplatin's,
    which then shared the regimen's: two warnings each with the other's reason."""
    text = """
format: 1
id: ack-switch
diagnosis: {date: 2020-01}
events:
  - {id: pd, type: progression, date: 2020-02}
  - id: a
    type: regimen
    intent: advanced
    start: {after: pd}
    end: {before: fu}
    end_reason: unknown
    exposures:
      - {agent: gemcitabine}
      - {id: cis, agent: cisplatin, end: carbo.start, end_reason: toxicity}
      - {id: carbo, agent: carboplatin, start: {after: a.start}}
  - {id: fu, type: follow-up, date: 2021-07, status: alive-with-disease}
acknowledge:
  - {code: C008, event: a, reason: the line is not dated}
  - {code: C008, event: carbo, reason: the switch is not dated}
"""
    checked = check_text(text, "ack.yaml")
    assert not checked.problems, [p.format() for p in checked.problems]
    said = {p.message.split(" is known")[0]: ack.reason for p, ack in checked.acknowledged}
    assert said == {
        "the start of 'a'": "the line is not dated",
        "the end of 'a'": "the line is not dated",
        "the start of 'carboplatin' ('carbo') in 'a'": "the switch is not dated",
    }, said


def test_a_toxicity_with_an_end_says_how_long_it_lasted() -> None:
    """A grade 3 ALT rise "for 14 weeks": `show` gave its start alone, and the drawing's tooltip
    too. Both say until when it lasted."""
    from timeline.render.layout import swimlane
    from timeline.render.style import THEMES
    from timeline.summary import summary_text

    text = TOXICITY_LASTING
    checked = check_text(text, "tox.yaml")
    line = next(x for x in summary_text(checked).splitlines() if "Alanine" in x)
    assert line.strip().startswith("2018-03 → ≈ 2018-06"), line
    items = swimlane(checked, THEMES["print"]).items
    tips = [t for i in items if "Alanine" in (t := getattr(i, "tooltip", "") or "")]
    assert tips and all("until ≈ 2018-06" in t for t in tips), tips


def test_a_radiotherapy_whose_end_is_unknown_is_said_not_reported() -> None:
    """`end: unknown` on a course of radiotherapy: `show` gave its plausible end ("→ ≈ 2015-03-16
    (2015-03-01 – 2016-01-31)"), a course of two weeks to read; a regimen's is "end not
    reported". So is a radiotherapy's now, with its window (or its fractions)."""
    from timeline.summary import summary_text

    text = (
        "format: 1\nid: rt\ndiagnosis: {date: 2015-01}\nevents:\n"
        "  - {id: rt, type: radiotherapy, start: 2015-03, end: unknown, site: nasopharynx,"
        " dose: 70 Gy}\n"
        "  - {id: fu, type: follow-up, date: 2016-01, status: alive}\n"
    )
    line = next(x for x in summary_text(check_text(text, "rt.yaml")).splitlines() if "70 Gy" in x)
    assert "[2015-03 → end not reported (2015-03-01 – 2016-01-31)]" in line, line
    text = text.replace("dose: 70 Gy}", "dose: 70 Gy, fractions: 35}")
    line = next(x for x in summary_text(check_text(text, "rt.yaml")).splitlines() if "70 Gy" in x)
    assert "end not reported (35 fractions" in line, line
    # no end at all, nor fractions: its start alone read as a treatment of one day
    text = text.replace(" end: unknown,", "").replace(", fractions: 35}", "}")
    line = next(x for x in summary_text(check_text(text, "rt.yaml")).splitlines() if "70 Gy" in x)
    assert line.rstrip().endswith("[2015-03 → end not reported]"), line


def test_the_readme_says_how_many_cases_give_their_publication() -> None:
    """The README's count of the files that give `published` is the library's, and each of
    them is bounded by it: moving a case's last date past its publication is a located C011."""
    import re

    from timeline.model import FollowUp

    given = []
    for path in CASES:
        result = check_path(str(path))
        if result.case is not None and result.case.source.published is not None:
            given.append((path, result.case))
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    said = re.search(r"(\d+) of the (\d+) cases in `cases/` give it", readme)
    assert said and (int(said[1]), int(said[2])) == (len(given), len(CASES))
    path, case = next((p, c) for p, c in given if any(isinstance(e, FollowUp) for e in c.events))
    spec = case.source.published
    assert spec is not None and spec.location is not None
    text = path.read_text(encoding="utf-8").splitlines()
    line = spec.location.line - 1
    text[line] = text[line].replace(str(spec.on), "1990")
    result = check_text("\n".join(text), str(path))
    assert "C011" in {p.code for p in result.errors}


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_json_course_is_in_the_order_of_the_text(path: Path) -> None:
    """`show --format json` gave the course in the file's order, the text in the schedule's: a
    hold of June 2014 written before a stable disease of February 2014 came first in the JSON
    alone. Both give it in the same order."""
    from timeline.summary import summary_text

    checked = check_path(str(path))
    if not checked.ok or checked.case is None:
        pytest.skip("not a case")
    data = summary_data(checked)
    text = summary_text(checked)
    course = text[text.index("  Course\n") :].split("\n\n")[0].splitlines()[1:]
    at = -1
    for c in data["course"]:  # type: ignore[union-attr]
        # each line of the JSON's course is a line of the text's after the one before it
        said = "  " + c["text"]  # type: ignore[index]
        nxt = next((i for i in range(at + 1, len(course)) if course[i].endswith(said)), None)
        assert nxt is not None, (said, course[at + 1 :])
        at = nxt


def test_a_toxicity_end_given_only_by_order_is_said_as_its_window() -> None:
    """A pneumonitis resolved at no stated time before the last follow-up 18 months on: `show`
    gave "≈ month 22.9 (16 to 34)", the window's middle as if a date. Its window alone is
    said, as a therapy's end given only by order is."""
    from timeline.summary import summary_text

    text = """
id: tox-order
diagnosis: {date: unknown}
events:
  - {id: nivo, type: regimen, intent: advanced, agents: [nivolumab], start: {after: diagnosis},
     end: {from: nivo.start, offset: 16 months}, end_reason: toxicity}
  - {id: tox, type: toxicity, start: nivo.end, end: {after: tox.start, before: fu},
     term: Pneumonitis, grade: 3, agent: nivolumab, action: stopped}
  - {id: fu, type: follow-up, date: {from: nivo.end, offset: 18 months}, status: alive}
"""
    checked = check_text(text, "tox.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    line = next(x for x in summary_text(checked).splitlines() if "Pneumonitis" in x)
    assert "→ end not dated (month 16 to 34)" in line, line
    assert "≈ month" not in line.split("Pneumonitis")[0], line


MITOTANE = """
format: 1
id: mitotane-doses
diagnosis: {date: 2002}
events:
  - {id: op, type: surgery, date: 2002-03, procedure: adrenalectomy, curative: false}
  - id: mitotane
    type: regimen
    intent: advanced
    start: 2002-04
    end_reason: ongoing
    exposures:
      - agent: mitotane
        dose: 1 g
        schedule: 4 times daily
        dose_changes:
          - {date: {after: mitotane.start, before: tox}, dose: 10 g, schedule: daily}
          - {date: {after: tox}, change: reduced, schedule: 6-8 g daily, reason: poorly tolerated}
  - {id: tox, type: toxicity, date: {after: mitotane.start, before: fu}, term: intolerance,
     agents: [mitotane], action: dose-reduced}
  - {id: fu, type: follow-up, date: 2003-06, status: alive}
"""


def test_show_says_a_dose_change_from_the_dose_and_schedule_before_it() -> None:
    """Mitotane 1 g four times daily raised to 10 g daily: `show` said "1 g → 10 g; schedule
    daily", a tenfold rise; the dose before a change is said with its schedule when the change
    gives one."""
    from timeline.summary import summary_text

    checked = check_text(MITOTANE, "mitotane.yaml", ignore=["C008"])
    assert checked.ok, [p.format() for p in checked.problems]
    lines = [x for x in summary_text(checked).splitlines() if "dose change" in x]
    assert "mitotane 1 g (4 times daily) → 10 g (daily)" in lines[0], lines
    assert "dose reduced; schedule 6-8 g daily" in lines[1], lines


def test_show_says_how_a_recurrence_was_found() -> None:
    """A molecular relapse of an ALL, `method: molecular`, was listed as "recurrence", as the
    two relapses of the marrow before it were: the deck alone said "molecular recurrence"."""
    from timeline.summary import summary_text

    text = """
format: 1
id: molecular-relapse
diagnosis: {date: 2020-01}
events:
  - {id: ind, type: regimen, intent: advanced, start: 2020-02, end: 2020-08, end_reason: completed,
     agents: [imatinib]}
  - {id: cr, type: response, date: 2020-04, category: CR}
  - {id: relapse, type: recurrence, date: 2021-03, method: molecular}
  - {id: fu, type: follow-up, date: 2021-06, status: alive}
"""
    said = summary_text(check_text(text, "mol.yaml"))
    assert "molecular recurrence" in said, said


def test_show_gives_no_window_of_contradictory_dates() -> None:
    """An operation put on the day of a progression years after the dates it comes before
    (C003): `show` printed "≈ month 10112 (10112 to -9800)", a window whose earliest day is
    after its latest; it says the dates contradict each other."""
    from timeline.summary import summary_text

    text = """
format: 1
id: contradiction
diagnosis: {date: unknown}
events:
  - {id: op, type: surgery, date: pd2, procedure: splenectomy, curative: true}
  - {id: rec, type: recurrence, date: {from: op, offset: 3 years}}
  - {id: l1, type: regimen, intent: advanced, start: {after: rec, within: 3 months},
     end: {from: l1.start, offset: 6 months}, end_reason: completed, agents: [doxorubicin]}
  - {id: pd2, type: progression, date: {after: l1.end}}
"""
    checked = check_text(text, "c.yaml")
    assert "C003" in {p.code for p in checked.problems}
    said = summary_text(checked)
    assert "contradictory dates" in said, said
    assert not re.search(r"\((-?\d+(?:\.\d+)?) to (-\d+(?:\.\d+)?)\)", said), said


def test_an_age_on_a_day_is_said_on_it() -> None:
    """A 60-year-old admitted on 21 November 2018: "age in 2018-11-21"."""
    from timeline.wording import age_when

    text = """
format: 1
id: age-on-a-day
patient: {sex: male, age: {years: 60, at: 2018-11-21}}
diagnosis: {date: 2018-12}
events:
  - {id: fu, type: follow-up, date: 2019-06, status: alive}
"""
    checked = check_text(text, "age.yaml")
    assert checked.case is not None
    assert age_when(checked.case) == "age on 2018-11-21"
