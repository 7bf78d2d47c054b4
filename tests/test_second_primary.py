"""A second primary cancer: read, kept out of the first cancer's states and lines, cutting the
time off therapy and PFS where its undated treatment would fall, shown, drawn, told, exported."""

from __future__ import annotations

import json
from typing import Any

from conftest import check, codes
from timeline.interchange.fhir import fhir_bundle
from timeline.interchange.swimmer import swimmer_rows
from timeline.model import SecondPrimary
from timeline.render import case_dot, render_case
from timeline.summary import summary_data, summary_text
from timeline.teaching import teaching_steps

#: a Hodgkin lymphoma in CR after ABVD, a diffuse large B-cell lymphoma three years on
HL: dict[str, Any] = {
    "format": 1,
    "id": "hl",
    "diagnosis": {"date": "2010-01", "site": "lymph nodes", "histology": "Hodgkin lymphoma"},
    "events": [
        {
            "id": "abvd",
            "type": "regimen",
            "intent": "advanced",
            "start": "2010-02",
            "end": "2010-08",
            "end_reason": "completed",
            "agents": ["doxorubicin"],
        },
        {"id": "cr", "type": "response", "date": "2010-09", "category": "CR"},
        {
            "id": "dlbcl",
            "type": "second-primary",
            "date": "2013-03",
            "cancer": "diffuse large B-cell lymphoma",
            "site": "bone",
            "relation": "independent",
            "treatment": "R-CHOP, 6 cycles",
        },
        {"id": "fu", "type": "follow-up", "date": "2015-01", "status": "alive-ned"},
    ],
}


def _hl(**changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(HL))
    second = next(e for e in data["events"] if e["id"] == "dlbcl")
    second.update(changes)
    for key in [k for k, v in changes.items() if v is None]:
        del second[key]
    return data


def test_a_second_primary_is_read_and_moves_no_state() -> None:
    checked = check(HL)
    assert not checked.problems, checked.problems
    assert checked.case is not None
    (sp,) = [e for e in checked.case.events if isinstance(e, SecondPrimary)]
    assert (sp.cancer, sp.site, sp.relation, sp.treatment) == (
        "diffuse large B-cell lymphoma",
        "bone",
        "independent",
        "R-CHOP, 6 cycles",
    )
    assert sp.location is not None and sp.location.line > 1
    # CR, then the follow-up with no evidence of disease: the second cancer is not a
    # recurrence of the first (no T-rule asks for one)
    assert [s.after for s in checked.steps][-1] in ("cr", "ned")


def test_a_second_primary_needs_its_cancer_and_a_known_relation() -> None:
    assert "S002" in codes(check(_hl(cancer=None)))
    wrong = check(_hl(relation="secondary"))
    (problem,) = [p for p in wrong.problems if p.code == "S004"]
    assert "therapy-related" in problem.message and problem.location.line > 1
    assert check(_hl(relation=None)).case.events[2].relation == "unknown"  # type: ignore[union-attr,attr-defined]


def test_time_off_therapy_is_censored_at_a_treated_second_primary_and_not_counted_after() -> None:
    checked = check(HL)
    tfis = [i for i in checked.intervals if i.kind == "TFI"]
    (tfi,) = tfis
    # from the end of ABVD (2010-08) to the DLBCL (2013-03), at least that long: its
    # treatment began on a day the case does not give; nothing is counted after it
    assert tfi.censored and tfi.end_key == "dlbcl"
    assert tfi.days is not None and 900 < tfi.days[0] < 960


def test_an_untreated_second_primary_leaves_the_time_off_therapy_whole() -> None:
    checked = check(_hl(treatment="none"))
    (tfi,) = [i for i in checked.intervals if i.kind == "TFI"]
    assert tfi.end_key == "fu"
    (pfs,) = [i for i in checked.intervals if i.kind == "PFS"]
    assert pfs.end_key == "fu"


def test_pfs_is_censored_at_a_second_primary_after_the_line_ended() -> None:
    checked = check(HL)
    (pfs,) = [i for i in checked.intervals if i.kind == "PFS"]
    assert pfs.censored and pfs.end_key == "dlbcl"
    # a treatment not reported is not known to be none: censored there too
    (pfs,) = [i for i in check(_hl(treatment=None)).intervals if i.kind == "PFS"]
    assert pfs.end_key == "dlbcl"


def test_show_lists_the_second_primary_in_the_course() -> None:
    checked = check(HL)
    text = summary_text(checked)
    assert (
        "2013-03  second primary cancer: diffuse large B-cell lymphoma (bone), independent;"
        " treatment: R-CHOP, 6 cycles"
    ) in text
    (entry,) = [c for c in summary_data(checked)["course"] if c["event"] == "dlbcl"]
    assert entry["type"] == "second-primary"
    untold = summary_text(check(_hl(treatment=None, relation=None)))
    assert "diffuse large B-cell lymphoma (bone); treatment not reported" in untold
    assert "(bone), independent; not treated" in summary_text(check(_hl(treatment="none")))


def test_the_drawing_marks_the_second_primary_with_a_star_of_its_own() -> None:
    checked = check(HL)
    dot, _engine, _classes = case_dot(checked)
    assert "shape=star" in dot
    svg = render_case(checked, fmt="svg", backend="wasm").decode()
    assert "second primary: diffuse large B&#45;cell lymphoma (bone)" in svg
    assert ">second primary cancer<" in svg  # the legend
    assert "treatment: R&#45;CHOP, 6 cycles" in svg  # the tooltip


def test_a_deck_tells_the_second_primary_as_a_step() -> None:
    told = [s.caption for s in teaching_steps(check(HL))]
    assert any("second primary cancer: diffuse large B-cell lymphoma" in t for t in told), told


def test_exports_carry_the_second_primary() -> None:
    checked = check(HL)
    conditions = [
        e["resource"]
        for e in fhir_bundle(checked)["entry"]
        if e["resource"]["resourceType"] == "Condition"
    ]
    assert [c["code"]["text"] for c in conditions] == [
        "Hodgkin lymphoma of the lymph nodes",
        "diffuse large B-cell lymphoma",
    ]
    assert conditions[1]["onsetDateTime"] == "2013-03"
    assert {"text": "Treatment: R-CHOP, 6 cycles"} in conditions[1]["note"]
    rows = [r for r in swimmer_rows(checked) if r["event"] == "dlbcl"]
    assert [r["lane"] for r in rows] == ["second-primary"]
