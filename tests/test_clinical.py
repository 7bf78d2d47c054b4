"""What real case reports say and the format now holds: supportive care, changes within a line,
dose changes, toxicity, responses in the authors' words, the patient over time, biomarkers."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import case, check, codes, event
from timeline.render.layout import swimlane
from timeline.render.scene import Rect, Text
from timeline.render.style import THEMES
from timeline.summary import summary_data, summary_text


def _ok(data: dict[str, Any]):  # type: ignore[no-untyped-def]
    result = check(data)
    assert result.ok, [p.format() for p in result.problems]
    return result


def _first(data: dict[str, Any], code: str) -> str:
    problem = next((p for p in check(data).problems if p.code == code), None)
    assert problem is not None, [p.format() for p in check(data).problems]
    assert problem.location.line > 1
    return problem.message


# -- supportive care --------------------------------------------------------------------------
def _with_denosumab(intent: str = "supportive") -> dict[str, Any]:
    data = case()
    data["events"].append(
        {
            "id": "denosumab",
            "type": "regimen",
            "intent": intent,
            "start": "2012-06",
            "end_reason": "ongoing",
            "exposures": [{"agent": "denosumab", "dose": "120 mg", "schedule": "every 4 weeks"}],
        }
    )
    return data


def test_supportive_care_is_not_a_line() -> None:
    result = _ok(_with_denosumab())
    assert [(ln.number, ln.label) for ln in result.lines if ln.regimen.id == "denosumab"] == [
        (None, "supportive")
    ]
    assert [ln.number for ln in result.lines if ln.number] == [1, 2]
    assert not any("denosumab" in i.start_key for i in result.intervals)


def test_supportive_care_has_its_own_lane() -> None:
    scene = swimlane(_ok(_with_denosumab()), THEMES["slide"])
    names = {i.text for i in scene.items if isinstance(i, Text) and i.id.startswith("lane-label")}
    assert "Supportive care" in names


def test_a_bone_agent_alone_as_a_line_suggests_supportive() -> None:
    assert "intent: supportive" in _first(_with_denosumab("advanced"), "L005")


# -- changes within a line --------------------------------------------------------------------
def _swap() -> dict[str, Any]:
    data = case()
    line1 = event(data, "line1")
    line1["exposures"] = [
        {"agent": "letrozole", "dose": "2.5 mg"},
        {
            "id": "ribociclib",
            "agent": "ribociclib",
            "end": "2012-09",
            "end_reason": "toxicity",
            "dose_changes": [{"date": "2012-08", "dose": "400 mg", "reason": "neutropenia"}],
            "dose": "600 mg",
        },
        {"agent": "palbociclib", "start": {"after": "ribociclib.end", "within": "1 month"}},
    ]
    return data


def test_a_swap_within_a_line_reads_in_order() -> None:
    result = _ok(_swap())
    text = summary_text(result)
    assert "letrozole + ribociclib (until 2012-09, toxicity), then palbociclib from ≈" in text


def test_an_exposure_end_reason_is_in_its_tooltip() -> None:
    scene = swimlane(_ok(_swap()), THEMES["slide"])
    bar = next(i for i in scene.items if isinstance(i, Rect) and i.id == "bar-ribociclib")
    assert "ended: toxicity" in bar.tooltip and "ongoing" not in bar.tooltip


def test_dose_changes_are_shown_and_drawn() -> None:
    result = _ok(_swap())
    assert "dose change: ribociclib 600 mg → 400 mg from 2012-08 (neutropenia)" in summary_text(
        result
    )
    data = summary_data(result)
    assert data["dose_changes"][0]["to"] == "400 mg"
    scene = swimlane(result, THEMES["slide"])
    assert any(isinstance(i, Rect) and "dose-change" in i.classes for i in scene.items)


def test_dose_changes_in_the_svg_and_the_command(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two dose changes, one by date and one relative to the exposure's start, drawn on the
    bar where they fall (with their tooltips) and listed by `show --format json`."""
    import json

    import yaml

    from conftest import run_cli
    from svgread import groups
    from timeline.render import render_case

    data = _swap()
    ribociclib = event(data, "line1")["exposures"][1]
    ribociclib["end"] = "2012-12"
    ribociclib["dose_changes"].append(
        {"date": {"from": "ribociclib.start", "offset": "5 months"}, "dose": "200 mg"}
    )
    result = _ok(data)
    gs = {g.id: g for g in groups(render_case(result, fmt="svg", backend="wasm"))}
    bar = gs["bar-ribociclib"]
    marks = sorted((g for g in gs.values() if "dose-change" in g.classes), key=lambda g: g.x0)
    assert [g.tooltip for g in marks] == [
        "ribociclib: dose 400 mg from 2012-08 (neutropenia)",
        "ribociclib: dose 200 mg from 2012-11",
    ]
    assert all(bar.x0 < g.x0 and g.x1 < bar.x1 for g in marks), "a mark off its bar"
    assert "dose 400 mg from 2012-08 (neutropenia); dose 200 mg from 2012-11" in bar.tooltip
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = run_cli("show", "--format", "json", str(path))
    assert out.returncode == 0, out.stdout
    changes = json.loads(out.stdout)["dose_changes"]
    assert [(c["to"], c["reason"]) for c in changes] == [
        ("400 mg", "neutropenia"),
        ("200 mg", None),
    ]


def test_a_dose_change_without_numbers_says_which_way_and_a_new_schedule() -> None:
    """ "Controlled by dose reduction and drug holidays (5 days on, 2 days off)": no dose is
    given, so the change says which way it went and the new schedule; dated only within the
    months of its exposure, it is not pinned to a day of the bar (the tooltip and 'show' say
    it), while a dated change keeps its mark."""
    data = _swap()
    ribociclib = event(data, "line1")["exposures"][1]
    ribociclib["end"] = "2013-02"  # eight months of ribociclib, the change somewhere in them
    ribociclib["dose_changes"] = [
        {
            "date": {"after": "ribociclib.start", "before": "ribociclib.end"},
            "change": "reduced",
            "schedule": "5 days on, 2 days off",
            "reason": "neutropenia",
        }
    ]
    result = _ok(data)
    text = summary_text(result)
    assert "dose change: ribociclib dose reduced; schedule 5 days on, 2 days off from" in text
    change = summary_data(result)["dose_changes"][0]
    assert change["to"] is None and change["change"] == "reduced"
    assert change["schedule"] == "5 days on, 2 days off"
    scene = swimlane(result, THEMES["slide"])
    bar = next(i for i in scene.items if isinstance(i, Rect) and i.id == "bar-ribociclib")
    assert "dose reduced; schedule 5 days on, 2 days off" in bar.tooltip
    wide = [i for i in scene.items if isinstance(i, Rect) and "dose-change" in i.classes]
    ribociclib["end"] = "2012-09"  # four months of it, the change within them
    narrow = swimlane(_ok(data), THEMES["slide"])
    pinned = [i for i in narrow.items if isinstance(i, Rect) and "dose-change" in i.classes]
    assert (len(wide), len(pinned)) == (0, 1)


@pytest.mark.parametrize(
    ("change", "code"),
    [({}, "S002"), ({"change": "halved"}, "S004"), ({"dose": "lots"}, "S008")],
)
def test_a_dose_change_needs_a_dose_a_direction_or_a_schedule(
    change: dict[str, str], code: str
) -> None:
    data = _swap()
    event(data, "line1")["exposures"][1]["dose_changes"] = [{"date": "2012-08", **change}]
    assert code in codes(check(data)), [p.format() for p in check(data).problems]


def test_a_dose_change_outside_its_exposure_is_located() -> None:
    data = _swap()
    event(data, "line1")["exposures"][1]["dose_changes"][0]["date"] = "1990"
    assert "C003" in codes(check(data))


def test_a_dose_change_naming_no_event_is_located() -> None:
    data = _swap()
    event(data, "line1")["exposures"][1]["dose_changes"][0]["date"] = {"after": "nowhere"}
    assert "is not the id of any event" in _first(data, "S007")


def test_age_at_is_resolved() -> None:
    data = case()
    data["patient"] = {"age": {"years": 60, "at": "nowhere"}}
    assert "S007" in codes(check(data))


# -- toxicity ---------------------------------------------------------------------------------
def test_a_toxicity_with_everything() -> None:
    data = case()
    data["events"].append(
        {
            "id": "hepatitis",
            "type": "toxicity",
            "start": "2012-08",
            "end": {"from": "hepatitis", "offset": "14 weeks"},
            "term": "Alanine aminotransferase increased",
            "grade": 3,
            "agents": ["letrozole"],
            "labs": [{"name": "ALT", "value": 245, "unit": "U/L", "grade": 3}],
            "action": "held",
        }
    )
    result = _ok(data)
    text = summary_text(result)
    assert (
        "Alanine aminotransferase increased grade 3; attributed to letrozole; ALT 245 U/L"
        " (grade 3); action: held" in text
    )
    tox = summary_data(result)["toxicities"][0]
    assert tox["labs"][0]["value"] == 245
    # the end is its own point, 14 weeks after the start (not the start again)
    assert (tox["start"]["earliest"], tox["end"]["earliest"]) == ("2012-08-01", "2012-11-07")
    assert tox["end"]["latest"] == "2012-12-07"


def test_grade_five_needs_a_death() -> None:
    data = case()
    data["events"].append(
        {"id": "tox", "type": "toxicity", "date": "2013-03", "term": "Pneumonitis", "grade": 5}
    )
    assert "says the patient is alive" in _first(data, "R002")


def test_a_toxicity_of_an_agent_never_given() -> None:
    data = case()
    data["events"].append(
        {
            "id": "tox",
            "type": "toxicity",
            "date": "2013-03",
            "term": "Rash",
            "agents": ["erlotinib"],
        }
    )
    assert "never gives" in _first(data, "R004")


def _irradiated() -> dict[str, Any]:
    """The base case with a radiotherapy course after its recurrence."""
    data = case()
    data["events"].append(
        {"id": "rt", "type": "radiotherapy", "start": "2013-03", "site": "thoracic wall"}
    )
    return data


def test_a_toxicity_attributed_to_a_regimen_names_it_as_a_reader_knows_it() -> None:
    """A hand rash attributed to the regimen 'systemic' was said "attributed to regimen
    'systemic'" in show, the deck and the figure's notes: the file's id, not the regimen."""
    data = _irradiated()
    regimen = next(e for e in data["events"] if e.get("type") == "regimen")
    data["events"].append(
        {
            "id": "rash",
            "type": "toxicity",
            "date": "2013-04",
            "term": "rash",
            "regimen": regimen["id"],
        }
    )
    checked = check(data)
    text = summary_text(checked)
    line = next(ln for ln in text.splitlines() if "toxicity: rash" in ln)
    assert f"regimen '{regimen['id']}'" not in line, line
    assert "attributed to " + checked.case.event(regimen["id"]).title() in line, line


def test_a_toxicity_attributed_to_a_radiotherapy() -> None:
    """A radiation dermatitis after chemoradiotherapy: blamed on the radiotherapy (and, where the
    source says so, on the drug given with it); `regimen:` takes regimens only."""
    data = _irradiated()
    tox = {
        "id": "derm",
        "type": "toxicity",
        "date": "2013-04",
        "term": "Dermatitis radiation",
        "grade": 2,
        "radiotherapy": "rt",
    }
    data["events"].append(tox)
    assert not [p for p in check(data).problems if p.code == "R004"]
    text = summary_text(check(data))
    # (named as a reader knows it, not by the file's id 'rt')
    assert "Dermatitis radiation grade 2; attributed to radiotherapy thoracic wall" in text, text
    tox["agents"] = ["paclitaxel"]
    assert "attributed to paclitaxel and radiotherapy thoracic wall" in summary_text(check(data))
    (row,) = summary_data(check(data))["toxicities"]
    assert row["radiotherapy"] == "rt" and row["agents"] == ["paclitaxel"]
    # a radiotherapy named as a regimen is refused, with the key to use
    del tox["radiotherapy"], tox["agents"]
    tox["regimen"] = "rt"
    assert "a radiotherapy, not a regimen" in _first(data, "R004")
    assert "named by 'radiotherapy:'" in _first(data, "R004")
    # and the radiotherapy named must be one
    del tox["regimen"]
    tox["radiotherapy"] = "nowhere"
    assert "'nowhere', which is no event" in _first(data, "R004")
    tox["radiotherapy"] = "line2"
    assert "a regimen, not a radiotherapy" in _first(data, "R004")


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [("action", "paused", "S004"), ("grade", 6, "S004"), ("labs", [{"value": 3}], "S002")],
)
def test_toxicity_misuse_is_located(field: str, value: Any, code: str) -> None:
    data = case()
    data["events"].append(
        {"id": "tox", "type": "toxicity", "date": "2013-03", "term": "Rash", field: value}
    )
    assert code in codes(check(data))


# -- responses in the authors' words ----------------------------------------------------------
def test_a_response_in_the_authors_words() -> None:
    data = case()
    data["events"].append(
        {
            "id": "mixed",
            "type": "response",
            "date": "2013-09",
            "category": "unknown",
            "authors_term": "mixed response",
        }
    )
    result = _ok(data)
    assert "mixed" not in {s.event.id for s in result.steps}  # moves no state
    assert "response (authors' words)" in summary_text(result)
    scene = swimlane(result, THEMES["slide"])
    assert any(isinstance(i, Text) and i.text == '"mixed response"' for i in scene.items)
    assert not any(isinstance(i, Rect) and "ne" in i.classes for i in scene.items)


def test_unknown_category_needs_the_authors_words() -> None:
    data = case()
    event(data, "pr")["category"] = "unknown"
    assert "authors_term" in _first(data, "S002")


# -- the patient over time --------------------------------------------------------------------
def test_new_event_types() -> None:
    data = case()
    data["events"] += [
        {"id": "ps", "type": "performance", "date": "2013-03", "scale": "ECOG", "score": 2},
        {"id": "meno", "type": "menopause", "date": "2010-02", "status": "postmenopausal"},
        {
            "id": "ct",
            "type": "imaging",
            "date": "2012-05",
            "method": "CT",
            "findings": "liver nodules",
        },
        {
            "id": "mscc",
            "type": "complication",
            "date": "2013-04",
            "term": "Spinal cord compression",
            "grade": 4,
        },
    ]
    result = _ok(data)
    text = summary_text(result)
    for words in (
        "performance status: ECOG 2",
        "menopausal status: postmenopausal",
        "imaging CT: liver nodules",
        "complication: Spinal cord compression grade 4",
    ):
        assert words in text


def test_an_imaging_study_says_its_lesions() -> None:
    """A cranial MRI's lesion, written with its size under `lesions`, was read and never said:
    `show` gave the findings and the site only; and a findings sentence's full stop stood
    before the semicolon ("for lymphoma".; left frontal lobe)."""
    data = case()
    data["events"].append(
        {
            "id": "mri",
            "type": "imaging",
            "date": "2012-05",
            "method": "cranial MRI",
            "findings": "a lesion with central contrast enhancement.",
            "sites": ["left frontal lobe", "cerebellum"],
            "lesions": [{"site": "left frontal lobe", "size": "70 x 65 x 62 mm"}],
        }
    )
    text = summary_text(_ok(data))
    assert (
        "imaging cranial MRI: a lesion with central contrast enhancement;"
        " left frontal lobe 70 × 65 × 62 mm; cerebellum"
    ) in text, text


def test_a_performance_score_out_of_its_scale() -> None:
    data = case()
    data["events"].append(
        {"id": "ps", "type": "performance", "date": "2013-03", "scale": "ECOG", "score": 7}
    )
    assert "ECOG scores run from 0 to 5" in _first(data, "S004")


def test_a_non_cancer_operation_is_apart() -> None:
    data = case()
    data["events"].append(
        {
            "id": "hyst",
            "type": "surgery",
            "date": "2011-05",
            "procedure": "hysterectomy",
            "oncologic": False,
            "curative": True,
        }
    )
    result = _ok(data)
    assert "hyst" not in {s.event.id for s in result.steps}  # no NED from a benign operation
    scene = swimlane(result, THEMES["slide"])
    bar = next(i for i in scene.items if isinstance(i, Rect) and i.id == "bar-hyst")
    assert "procedure" in bar.classes


def test_a_resection_of_unknown_completeness_moves_no_state() -> None:
    data = case()
    event(data, "surgery")["curative"] = "unknown"
    result = check(data)
    assert result.case is not None
    assert result.case.event("surgery").curative is None  # type: ignore[union-attr]
    assert "surgery" not in {s.event.id for s in result.steps}


def test_vital_status_unknown() -> None:
    data = case()
    event(data, "fu")["status"] = "unknown"
    assert "vital status not reported" in summary_text(_ok(data))


# -- biomarkers -------------------------------------------------------------------------------
def test_biomarker_values_and_her2_low() -> None:
    data = case()
    data["diagnosis"]["biomarkers"] = [
        {"name": "ER", "result": "positive", "scale": "Allred", "value": "8"},
        {"name": "HER2", "scale": "IHC", "value": "2+", "ish": "negative"},
    ]
    data["events"].append(
        {
            "id": "ki67",
            "type": "biomarker",
            "date": "2012-05",
            "name": "Ki-67",
            "value": "60",
            "unit": "%",
        }
    )
    data["events"].append(
        {
            "id": "er-again",
            "type": "biomarker",
            "date": "2012-06",
            "name": "ER",
            "result": "negative",
        }
    )
    result = _ok(data)
    text = summary_text(result)
    assert "HER2-low (IHC 2+, ISH negative)" in text
    # Ki-67 was not tested at the diagnosis: a first test, not a re-test; ER was
    lines = text.splitlines()
    assert any(ln.split()[:1] == ["test"] and "Ki-67 60 %" in ln for ln in lines), text
    assert any(ln.split()[:1] == ["re-test"] and "ER negative" in ln for ln in lines), text
    readings = [(b["name"], b["reading"]) for b in summary_data(result)["biomarkers"]]
    assert readings == [
        ("ER", "positive"),
        ("HER2", "low"),
        ("Ki-67", "60 %"),
        ("ER", "negative"),
    ]


def test_a_biomarker_without_result_or_value() -> None:
    data = case()
    data["diagnosis"]["biomarkers"] = [{"name": "ER"}]
    assert "S002" in codes(check(data))


# -- rules that misfired ----------------------------------------------------------------------
def test_no_x002_for_resistance_within_the_only_exposure() -> None:
    data = case()
    event(data, "ai-resistance")["date"] = {"after": "pd", "before": "line1.end"}
    assert "X002" not in codes(check(data))


def test_declared_agents_count_in_their_class() -> None:
    data = case(
        agents=[{"name": "trabectedin", "class": "chemotherapy", "subclass": "alkylating agent"}]
    )
    event(data, "line1")["agents"] = ["trabectedin"]
    event(data, "line1").pop("exposures")
    event(data, "ai-resistance").pop("class")
    event(data, "ai-resistance")["class"] = "alkylating agent"
    assert "X001" not in codes(check(data))


def test_changed_because_names_what_ended_the_line() -> None:
    data = case()
    event(data, "line1")["start"] = {"after": "recurrence", "within": "1 month"}
    event(data, "recurrence")["date"] = "2012-05"
    result = _ok(data)
    line1 = next(ln for ln in result.lines if ln.regimen.id == "line1")
    assert line1.causes()[0] == "progression"


def test_l004_is_quiet_when_the_follow_up_has_its_own_error() -> None:
    data = case()
    event(data, "fu")["status"] = "alivee"
    found = codes(check(data))
    assert "S004" in found and "L004" not in found


def test_ambiguous_regimen_names_ask_for_agents() -> None:
    data = case()
    line2 = event(data, "line2")
    line2.pop("agents")
    line2["name"] = "TC"
    assert "ambiguous" in _first(data, "A004")


# -- the JSON of show, against its documented schema -----------------------------------------
@pytest.mark.parametrize("path", __import__("conftest").CASES, ids=lambda p: p.stem)
def test_show_json_follows_its_schema(path) -> None:  # type: ignore[no-untyped-def]
    import json

    import jsonschema

    from conftest import ROOT
    from timeline import check_path

    schema = json.loads((ROOT / "docs" / "show.schema.json").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(summary_data(check_path(str(path))), ensure_ascii=False))
    jsonschema.validate(data, schema)


def test_the_patients_history_is_said_by_show_and_the_deck() -> None:
    """``patient.history`` was read and then said nowhere: a type 2 diabetes before an
    antibody-drug conjugate's hyperglycaemia, in neither ``show`` nor the deck."""
    from conftest import case, check
    from timeline.render.deck import build_deck
    from timeline.summary import summary_text

    data = case()
    data["patient"] = {"sex": "male", "history": "type 2 diabetes,\n  hypertension"}
    checked = check(data)
    assert "  history    type 2 diabetes, hypertension\n" in summary_text(checked)
    assert summary_data(checked)["history"] == "type 2 diabetes, hypertension"
    title = build_deck(checked, backend="wasm").slides[0]
    assert "History: type 2 diabetes, hypertension" in title.lines
    data["patient"] = {"sex": "male"}
    checked = check(data)
    assert "history" not in summary_text(checked)
    assert summary_data(checked)["history"] is None


def test_the_family_history_has_a_field_of_its_own() -> None:
    """A mother's breast cancer at 60 and a sister's at 46, "suspicious for hereditary breast
    and ovarian cancer syndrome": the only place for them was the medical history, said as
    "History: ...". ``patient.family_history`` is said apart, in ``show``, its JSON and the
    deck."""
    import json

    import jsonschema

    from conftest import ROOT, case, check
    from timeline.render.deck import build_deck
    from timeline.summary import summary_text

    data = case()
    words = "mother, breast cancer at 60; sister, breast cancer at 46"
    data["patient"] = {"sex": "female", "family_history": words}
    checked = check(data)
    assert checked.ok, checked.problems
    assert f"  family     {words}\n" in summary_text(checked)
    shown = summary_data(checked)
    assert shown["family_history"] == words and shown["history"] is None
    schema = json.loads((ROOT / "docs" / "show.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(shown)), schema)
    title = build_deck(checked, backend="wasm").slides[0]
    assert f"Family history: {words}" in title.lines
    assert not any(x.startswith("History:") for x in title.lines)


def test_the_ethnicity_is_said_where_the_history_is() -> None:
    """``patient.ethnicity`` ("Latina", "Caucasian") was read and stored, and said by no
    output: not by ``show``, its JSON nor the deck's title slide."""
    import json

    import jsonschema

    from conftest import ROOT, case, check
    from timeline.render.deck import build_deck
    from timeline.summary import summary_text

    data = case()
    data["patient"] = {"sex": "female", "ethnicity": "Latina"}
    checked = check(data)
    assert checked.ok, checked.problems
    assert "  ethnicity  Latina\n" in summary_text(checked)
    shown = summary_data(checked)
    assert shown["ethnicity"] == "Latina"
    schema = json.loads((ROOT / "docs" / "show.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(shown)), schema)
    assert "Ethnicity: Latina" in build_deck(checked, backend="wasm").slides[0].lines
    del data["patient"]["ethnicity"]
    assert summary_data(check(data))["ethnicity"] is None


def test_show_marks_what_the_file_infers_and_says_why() -> None:
    """A date written with ``inferred:`` is the curator's reading, not the source's words:
    ``show`` follows it with "(inferred)", as it does an interval that starts or ends on one,
    and the JSON carries the reason; a date the source gives carries none."""
    from conftest import REFERENCE
    from timeline import check_path
    from timeline.summary import summary_text

    checked = check_path(str(REFERENCE))
    text = summary_text(checked)
    assert "  diagnosis  2004-09 (inferred)" in text
    assert "L3        paclitaxel  [2011-05 → 2012-01]" in text  # dated by the source
    assert "PFS L1       ≈ 18 months (range 16–21) (inferred)" in text
    assert "(inferred): a date the file infers from the source" in text
    data = summary_data(checked)
    assert data["diagnosis"]["inferred"] and "diagnos" in data["diagnosis"]["inferred"].lower()
    l3 = next(ln for ln in data["lines"] if ln["label"] == "L3")
    assert l3["start"]["inferred"] is None and l3["end"]["inferred"] is None
    pfs = {i["name"]: i["inferred"] for i in data["intervals"]}
    assert pfs["PFS L1"] is True and pfs["PFS L3"] is False


def test_the_schema_is_strict_about_unknown_keys() -> None:
    import json

    import jsonschema

    from conftest import ROOT

    schema = json.loads((ROOT / "docs" / "show.schema.json").read_text(encoding="utf-8"))
    data = summary_data(_ok(case()))
    data["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


@pytest.mark.parametrize("when", ["2012-08-20", "2012-10"])
def test_a_dose_change_mark_never_cuts_through_the_name_of_its_bar(when: str) -> None:
    """A dose change 2.5 months into letrozole's eight: its name moves to the longer side of
    the mark; halfway through: neither side holds the name, which goes beside the bar."""
    from timeline.render.style import text_width

    data = case()
    line1 = event(data, "line1")
    line1["exposures"] = [
        {
            "agent": "letrozole",
            "dose": "2.5 mg",
            "dose_changes": [{"date": when, "dose": "1.25 mg"}],
        }
    ]
    scene = swimlane(_ok(data), THEMES["slide"])
    mark = next(i for i in scene.items if isinstance(i, Rect) and "dose-change" in i.classes)
    bar = next(i for i in scene.items if isinstance(i, Rect) and i.id == "bar-line1-letrozole")
    label = next(i for i in scene.items if isinstance(i, Text) and i.id == "label-line1-letrozole")
    width = text_width(label.text, label.font)
    left = {"middle": label.x - width / 2, "start": label.x, "end": label.x - width}[label.anchor]
    x = (mark.x0 + mark.x1) / 2
    assert bar.x0 < x < bar.x1
    assert not left - 2 < x < left + width + 2, "the mark cuts through the name"
    inside = bar.x0 < left and left + width < bar.x1
    assert inside == (when == "2012-08-20")


def test_a_response_names_its_criteria() -> None:
    """mRECIST's "viable tumour disappeared" is a CR by mRECIST, not by RECIST 1.1: the
    criteria the source names are kept, said by 'show' and in the disease lane's tooltip; an
    unknown name is S004 with the nearest."""
    data = case()
    event(data, "pr")["criteria"] = "mRECIST"
    result = _ok(data)
    assert "response PR by mRECIST" in summary_text(result)
    scene = swimlane(result, THEMES["slide"])
    assert any(isinstance(i, Rect) and "by mRECIST" in i.tooltip for i in scene.items)
    event(data, "pr")["criteria"] = "RECIST1.1"
    assert "did you mean 'RECIST 1.1'" in _first(data, "S004")


@pytest.mark.parametrize("written", ["RECIST 1.1", "recist 1.1", "RECIST_1.1", "RECIST-1.1"])
def test_a_choice_written_with_a_space_is_taken(written: str) -> None:
    """'criteria: RECIST 1.1', as the format documents it, was refused with "is not one of:
    RECIST 1.1 ...; did you mean 'RECIST 1.1'?": the choices were looked up with spaces as
    "-", and kept with their space."""
    data = case()
    event(data, "pr")["criteria"] = written
    assert "response PR by RECIST 1.1" in summary_text(_ok(data))


def test_the_drawing_says_what_the_file_infers() -> None:
    """The reference case infers CEF's dates (the report dates only the surgery): the bar's
    tooltip says "(inferred)" after them; paclitaxel's dates are the report's own."""
    from conftest import REFERENCE
    from timeline import check_path

    scene = swimlane(check_path(str(REFERENCE)), THEMES["slide"])
    bars = {i.id: i for i in scene.items if isinstance(i, Rect) and i.id.startswith("bar-")}
    cef = next(b for k, b in bars.items() if k.startswith("bar-cef"))
    assert "(2004-09-01 – 2004-12-30) (inferred)" in cef.tooltip
    paclitaxel = next(b for k, b in bars.items() if k.startswith("bar-paclitaxel"))
    assert "(inferred)" not in paclitaxel.tooltip


def test_the_json_show_prints_follows_its_schema_with_the_evidence() -> None:
    """The schema was checked against the summary alone; 'timeline show --format json' adds the
    evidence of the trials beside the case, and every case failed the schema ("'evidence' was
    unexpected")."""
    import json

    import jsonschema

    from conftest import REFERENCE, ROOT, run_cli

    schema = json.loads((ROOT / "docs" / "show.schema.json").read_text(encoding="utf-8"))
    out = run_cli("show", str(REFERENCE), "--format", "json")
    data = json.loads(out.stdout)
    assert data["evidence"], "the reference case has trials beside it"
    jsonschema.validate(data, schema)


def test_a_lesion_measured_in_two_dimensions_is_recorded_and_shown() -> None:
    """Case reports give masses as "103×82mm"; the size field refused them (S008), so the
    measurement could only go in a note."""
    data = case()
    event(data, "pd")["lesions"] = [{"site": "left lung", "size": "103x82mm", "change": "enlarged"}]
    result = check(data)
    assert result.ok, [p.format() for p in result.problems]
    assert "left lung 103 × 82 mm enlarged" in summary_text(result)


def test_the_show_schema_names_every_intent() -> None:
    """The schema of 'show --format json' lists the intents by hand; a new one
    (consolidation) made every case using it fail the schema."""
    import json

    from conftest import ROOT
    from timeline.model import INTENTS

    schema = (ROOT / "docs" / "show.schema.json").read_text(encoding="utf-8")
    found = json.loads(schema)["$defs"]["line"]["properties"]["intent"]["enum"]
    assert tuple(found) == INTENTS


def test_an_inferred_end_of_a_toxicity_is_said_so() -> None:
    """A cytokine release syndrome's end read as "at least day +7" from the tocilizumab given
    then: its `inferred:` reason was dropped (no "(inferred)" in show, null in the JSON)."""
    data = case()
    data["events"].append(
        {
            "id": "crs",
            "type": "toxicity",
            "start": "2013-03-02",
            "end": {"from": "crs", "offset": "6 days", "inferred": "tocilizumab given on day +7"},
            "term": "Cytokine release syndrome",
            "grade": 1,
            "agents": ["paclitaxel"],
        }
    )
    checked = check(data)
    assert checked.ok, checked.problems
    text = summary_text(checked)
    assert "2013-03-02 → 2013-03-08 (inferred)  toxicity: Cytokine release syndrome" in text
    (said,) = [c for c in summary_data(checked)["course"] if c["event"] == "crs"]
    assert said["end"]["inferred"] == "tocilizumab given on day +7"
    assert said["date"]["inferred"] is None


def test_a_date_written_as_an_inferred_date_is_inferred_too() -> None:
    """L1's end written `b.start`, L2's start inferred ("rapidly" read as within 2 months):
    L2's start was said "(inferred)", L1's end on the same day, and L1's duration, as
    certain. A date at a stated distance from an inferred one rests on it: its day is the
    file's reading too (a progression "3 months" after that start was said "2016-07" as if
    the source gave the month)."""
    from timeline import check_text

    checked = check_text(
        """
format: 1
id: same-inferred
diagnosis: {date: 2016}
events:
  - {id: a, type: regimen, intent: advanced, start: 2016-03, end: b.start, end_reason: other,
     agents: [bortezomib]}
  - {id: b, type: regimen, intent: advanced, agents: [daratumumab],
     start: {after: a.start, within: 2 months, inferred: "'rapidly' read as within 2 months"}}
  - {id: pd, type: progression, date: {from: b.start, offset: 3 months}}
  - {type: follow-up, date: 2017-01, status: alive}
""",
        "same.yaml",
    )
    text = summary_text(checked)
    line = next(x for x in text.splitlines() if "bortezomib" in x)
    assert line.count("(inferred)") == 1 and line.rstrip().endswith("(inferred)]  → changed: other")
    assert "duration L1  ≈ 1 month (range 0–2) (inferred)" in text
    data = summary_data(checked)
    l1 = next(ln for ln in data["lines"] if ln["label"] == "L1")
    assert "rapidly" in l1["end"]["inferred"]
    (pd,) = [x for x in text.splitlines() if "progression" in x]
    assert "(inferred)  progression (3 months after the start of 'b')" in pd, text
    (said,) = [c for c in data["course"] if c["event"] == "pd"]
    assert said["date"]["inferred"] == (
        "dated from an inferred date ('rapidly' read as within 2 months)"
    )


def test_a_line_ongoing_at_an_inferred_follow_up_says_so() -> None:
    """Nivolumab ongoing at a last follow-up inferred as "22 months" from its start: the
    drawing starred the line for its inferred end, while `show` said "ongoing at 2022-01" as
    certain."""
    from timeline import check_text

    checked = check_text(
        """
format: 1
id: ongoing-inferred
diagnosis: {date: 2020-01}
events:
  - {id: b, type: regimen, intent: advanced, start: 2020-03, end_reason: ongoing,
     agents: [nivolumab]}
  - {id: fu, type: follow-up, status: alive-with-disease,
     date: {from: b.start, offset: 22 months, inferred: "reading of '22 months'"}}
""",
        "ongoing.yaml",
    )
    line = next(x for x in summary_text(checked).splitlines() if "nivolumab" in x)
    assert "[2020-03 → ongoing at 2022-01 (inferred)]" in line, line


def test_a_length_resting_on_an_inferred_distance_says_so() -> None:
    """A progression stated 3 months after a response the file dates "at least 8 weeks" after
    the line's start (its reading of "after 9 cycles"): neither end of the PFS is inferred, and
    "PFS ≥ 4 months" was said as certain, though 2 of its months are the file's. A length whose
    range is the same without the file's inferences is not marked."""
    from conftest import ANCHOR_INFERRED
    from timeline import check_text

    checked = check_text(ANCHOR_INFERRED, "inferred-distance.yaml")
    said = summary_text(checked)
    assert "PFS L1       ≥ 4 months (the start of 'r' has no earliest day) (inferred)" in said, said
    pfs = next(i for i in summary_data(checked)["intervals"] if i["name"] == "PFS L1")
    assert pfs["inferred"] is True
    # the response stated at 8 weeks: the same length, nothing inferred
    stated = check_text(
        ANCHOR_INFERRED.replace(', inferred: "after 9 cycles of unstated length"', ""), "s"
    )
    assert "(inferred)" not in summary_text(stated)


def test_months_counted_from_an_inferred_date_say_so() -> None:
    """A case without calendar dates counted from a response the file dates by its own reading
    ("after 9 cycles"): `show` and the axis said "months from the response" as if stated."""
    from conftest import ANCHOR_INFERRED
    from timeline import check_text
    from timeline.render.style import THEMES
    from timeline.render.timescale import time_scale

    checked = check_text(ANCHOR_INFERRED, "anchor.yaml")
    assert "'month N' counts from the response (inferred))" in summary_text(checked)
    assert checked.schedule is not None
    assert time_scale(checked.schedule, THEMES["slide"]).caption == (
        "months from the response (inferred)"
    )


def test_a_diagnosis_biomarker_is_said_once_beside_a_later_test() -> None:
    """An EGFR mutation at the diagnosis and a histology re-biopsy later: `show` said the
    mutation under "biomarkers" and again under "biomarkers at diagnosis"."""
    data = case()
    data["diagnosis"]["biomarkers"] = [{"name": "EGFR exon 21 L858R", "result": "positive"}]
    data["events"].append(
        {
            "id": "rebiopsy",
            "type": "biomarker",
            "date": "2012-05",
            "name": "histology",
            "result": "small-cell carcinoma",
        }
    )
    text = summary_text(_ok(data))
    assert text.count("EGFR exon 21 L858R positive") == 1, text


def test_a_lesion_says_its_note() -> None:
    """A complete metabolic remission with a residual mediastinal mass of 3.5 cm, PET-negative:
    `show` said "response CR (mediastinum 3.5 cm; …)", which reads as 3.5 cm of disease; the
    lesion's note says what it is."""
    data = case()
    data["events"].append(
        {
            "id": "cmr",
            "type": "response",
            "date": "2012-05",
            "category": "unknown",
            "authors_term": "complete metabolic remission",
            "setting": "follow-up",
            "lesions": [
                {"site": "mediastinum", "size": "3.5 cm", "note": "residual mass, PET-negative"}
            ],
        }
    )
    text = summary_text(_ok(data))
    assert "mediastinum 3.5 cm [residual mass, PET-negative]" in text, text


def test_a_chain_of_dates_from_an_inferred_one_is_inferred_along_it() -> None:
    """A CT two weeks after an end the file infers from six cycles of two weeks, and a
    response on the CT's day: both were said on their days as if the source gave them, in
    `show`, its JSON and the drawing's tooltips. The response, written as the CT's date, is
    dated from the inferred end too; a date with no link to it is not marked."""
    from timeline import check_text
    from timeline.render import case_dot

    checked = check_text(
        """
format: 1
id: chain-inferred
diagnosis: {date: 2015-03}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2015-04-10, end_reason: completed,
     agents: [oxaliplatin], cycles: 6,
     end: {from: l1.start, offset: 6 cycles of 2 weeks, inferred: six two-week cycles}}
  - {id: ct, type: imaging, method: CT, date: {from: l1.end, offset: 2 weeks}}
  - {id: r1, type: response, category: PR, method: CT, date: ct}
  - {id: fu, type: follow-up, date: 2016-01, status: alive-with-disease}
""",
        "chain.yaml",
    )
    text = summary_text(checked)
    assert "2015-07-17 (inferred)  imaging CT" in text, text
    assert "2015-07-17 (inferred)  response PR" in text, text
    assert "2016-01                last follow-up" in text, text
    course = {c["event"]: c["date"]["inferred"] for c in summary_data(checked)["course"]}
    assert course == {
        "ct": "dated from an inferred date (six two-week cycles)",
        "r1": "dated from an inferred date (six two-week cycles)",
        "fu": None,
    }
    dot = case_dot(checked)[0]
    assert "PR from 2015-07-17 (inferred)" in dot and "CT, 2015-07-17 (inferred)" in dot


def test_a_year_the_case_narrows_is_said_as_the_year_with_its_window() -> None:
    """A diagnosis the source dates "2015", before an operation of 10 March 2015: `show` said
    "≈ 2015-01-22 (2015-01-01 – 2015-03-10)", a day no source gives. It says the year, with
    the window the case leaves it; a date known only by order keeps its plausible day."""
    from timeline import check_text

    checked = check_text(
        """
format: 1
id: narrowed-year
diagnosis: {date: 2015}
events:
  - {id: ct, type: imaging, method: CT, date: {at: 2015-03, before: op}}
  - {id: op, type: surgery, date: 2015-03-10, curative: true, procedure: mastectomy}
  - {id: pet, type: imaging, method: PET, date: {after: diagnosis, before: op}}
  - {type: follow-up, date: 2016-01, status: alive-ned}
""",
        "narrowed.yaml",
    )
    assert checked.ok, [p.format() for p in checked.problems]
    text = summary_text(checked)
    assert "  diagnosis  2015 (2015-01-01 – 2015-03-10)" in text, text
    assert "2015-03 (2015-03-01 – 2015-03-10)       imaging CT" in text, text
    assert "≈ 2015-" in next(x for x in text.splitlines() if "imaging PET" in x), text
    (ct,) = [c for c in summary_data(checked)["course"] if c["event"] == "ct"]
    assert ct["date"]["text"] == "2015-03 (2015-03-01 – 2015-03-10)"


def test_a_distance_from_the_point_a_case_counts_from_is_not_inferred() -> None:
    """A case without calendar dates counted from a response the file dates by its own
    reading: a progression the source puts 3 months after that response is "month 3" as the
    source gives it (the months count from the response), not "month 3 (inferred)"; the
    follow-up a month after the progression neither."""
    from conftest import ANCHOR_INFERRED
    from timeline import check_text

    checked = check_text(ANCHOR_INFERRED, "anchor.yaml")
    text = summary_text(checked)
    assert "month 0 (inferred)      response (authors' words)" in text, text
    assert "month 3                 progression" in text, text
    assert "≈ month 3.9 (3.8 to 4)  last follow-up" in text, text


def test_a_course_of_radiotherapy_with_an_end_says_its_fractions() -> None:
    """Chemoradiotherapy "55 Gy in 20 fractions" completed in November 2021: `show` said
    "radiotherapy 55 Gy" once the end was given, the fractions said nowhere."""
    from timeline import check_text

    checked = check_text(
        """
format: 1
id: fractions
diagnosis: {date: 2021-07}
events:
  - {id: rt, type: radiotherapy, start: 2021-10, end: 2021-11, dose: 55 Gy, fractions: 20}
  - {type: follow-up, date: 2022-06, status: alive-ned}
""",
        "fractions.yaml",
    )
    assert checked.ok, [p.format() for p in checked.problems]
    assert "radiotherapy 55 Gy in 20 fractions  [2021-10 → 2021-11]" in summary_text(checked)


def test_no_biomarker_at_diagnosis_is_not_said_above_a_test_on_its_day() -> None:
    """A PSA of 29.99 ng/mL written on the diagnosis's day, no biomarker under the diagnosis:
    `show` said "biomarkers at diagnosis: none recorded" and then the PSA at the diagnosis."""
    from timeline import check_text

    text = """
format: 1
id: psa-at-diagnosis
diagnosis: {date: 2019-05}
events:
  - {id: psa, type: biomarker, date: DATE, name: PSA, value: 29.99, unit: ng/mL}
  - {type: follow-up, date: 2020-01, status: alive-with-disease}
"""
    said = summary_text(check_text(text.replace("DATE", "diagnosis"), "psa.yaml"))
    assert "none recorded" not in said and "test       2019-05: PSA 29.99 ng/mL" in said, said
    later = summary_text(check_text(text.replace("DATE", "2019-09"), "later.yaml"))
    assert "biomarkers at diagnosis: none recorded" in later, later


def test_what_an_operation_found_is_said() -> None:
    """A glioblastoma re-resected for a recurrence by RANO, the tissue reactive and necrotic
    only (pseudoprogression): the operation's findings, the report's point, were in no output
    but a tooltip. `show` says them (text and JSON), and so do the deck's notes of its step."""
    from timeline import check_text
    from timeline.teaching import teaching_steps

    text = """
format: 1
id: found
diagnosis: {date: 2016-01, site: brain}
events:
  - {id: rt, type: radiotherapy, start: 2016-02, end: 2016-03, site: brain}
  - {id: mri, type: response, date: 2016-11, category: PD, setting: follow-up}
  - {id: op, type: surgery, date: 2016-12, procedure: re-resection, curative: unknown,
     findings: reactive and necrotic tissue only}
"""
    checked = check_text(text, "found.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    assert "re-resection (found: reactive and necrotic tissue only)" in summary_text(checked)
    (local,) = [x for x in summary_data(checked)["local"] if x["id"] == "op"]
    assert local["findings"] == "reactive and necrotic tissue only"
    (step,) = [s for s in teaching_steps(checked) if any(e.id == "op" for e in s.events)]
    assert "found: reactive and necrotic tissue only" in step.notes


def test_a_date_at_least_a_stated_distance_after_another_says_that_distance() -> None:
    """A lymphoma "in remission more than 3 years after transplantation": the last follow-up,
    written `after: {from: hsct, offset: 3 years}`, was said "from month 36" alone, the
    source's one interval lost. `show` says the distance, as for one written `within`."""
    from timeline import check_text

    text = """
format: 1
id: more-than
diagnosis: {date: 2015-01, site: lymph node}
events:
  - {id: hsct, type: transplant, date: {after: diagnosis, before: 2017-01}, donor: unknown}
  - {id: fu, type: follow-up, date: {after: {from: hsct, offset: 3 years}}, status: alive-ned}
"""
    checked = check_text(text, "more.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    assert "(at least 3 years after 'hsct')" in summary_text(checked)


def test_a_date_some_cycles_of_unstated_length_after_another_says_them() -> None:
    """ "A partial response after three cycles" of atezolizumab + carboplatin + etoposide,
    whose cycle length the report does not give: the response was said "≈ month 36.4 (35.2 to
    39.7)" alone, the report's "three cycles" lost. `show` says them."""
    from timeline import check_text

    text = """
format: 1
id: cycles-said
diagnosis: {date: 2017-01, site: lung}
events:
  - {id: ce, type: regimen, intent: advanced, start: 2019-12, cycles: 4,
     end: {after: ce.start, before: 2020-06}, end_reason: completed,
     agents: [atezolizumab, carboplatin, etoposide]}
  - {id: pr, type: response, date: {from: ce.start, offset: 3 cycles, before: ce.end},
     category: PR}
"""
    checked = check_text(text, "cycles.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    assert "(3 cycles after the start of 'ce')" in summary_text(checked)
