"""The case format: keys, types, choices, agents; every problem located, all at once."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import case, check, codes, event


def first(data: dict[str, Any] | str, code: str) -> str:
    result = check(data)
    found = [p for p in result.problems if p.code == code]
    assert found, [p.format() for p in result.problems]
    return found[0].format()


def test_unknown_key_suggests_the_nearest() -> None:
    data = case()
    event(data, "line1")["end_reasn"] = "progression"
    assert "unknown key 'end_reasn' in a regimen event; did you mean 'end_reason'?" in first(
        data, "S001"
    )


def test_a_comma_in_a_one_line_mapping_is_named_as_the_cause() -> None:
    """An unquoted comma in a one-line acknowledgement cut its reason there, and the rest was
    reported as an unknown key with no word of the comma."""
    from timeline import check_text

    text = (
        "format: 1\nid: comma\ndiagnosis: {date: 2020-01}\nevents:\n"
        "  - {id: l1, type: regimen, intent: advanced, start: 2020-02, agents: [letrozole]}\n"
        "acknowledge:\n"
        "  - {code: C008, event: l1, reason: given in order, after the diagnosis.}\n"
    )
    found = [p.format() for p in check_text(text, "comma.yaml").problems if p.code == "S001"]
    assert found and "a comma ends a value: quote the text" in found[0], found
    # (one word after the comma too: "given at presentation, undated." gave 'undated.' alone)
    one = text.replace("given in order, after the diagnosis.", "given at presentation, undated.")
    found = [p.format() for p in check_text(one, "comma.yaml").problems if p.code == "S001"]
    assert found and "'undated.'" in found[0] and "a comma ends a value" in found[0], found
    # (a misspelt key with its value in a one-line mapping is a misspelt key)
    typo = text.replace("reason: given", "reasn: given").replace(", after the diagnosis", "")
    found = [p.format() for p in check_text(typo, "comma.yaml").problems if p.code == "S001"]
    assert found and "did you mean 'reason'" in found[0] and "a comma ends" not in found[0], found
    # (a key misspelt in a block mapping says nothing of commas)
    data = case()
    event(data, "line1")["end_reasn"] = "progression"
    assert "comma" not in first(data, "S001")


def test_unknown_top_level_key() -> None:
    data = case(evnts=[])
    assert "did you mean 'events'?" in first(data, "S001")


def test_missing_required_key() -> None:
    data = case()
    del event(data, "line1")["intent"]
    assert "a regimen event needs 'intent'" in first(data, "S002")


def test_missing_type() -> None:
    data = case()
    del event(data, "pr")["type"]
    assert "needs a 'type'" in first(data, "S002")


def test_wrong_type() -> None:
    data = case()
    data["events"] = {"not": "a list"}
    assert "'events' should be a list" in first(data, "S003")


def test_bad_choice_suggests() -> None:
    data = case()
    event(data, "pr")["category"] = "PRR"
    assert (
        "'category' 'PRR' is not one of: CR, PR, SD, PD, NE, NR, unknown; did you mean 'PR'?"
        in first(data, "S004")
    )


def test_choices_ignore_case_and_separators() -> None:
    data = case()
    event(data, "line1")["end_reason"] = "Progression"
    event(data, "fu")["status"] = "alive with disease"
    assert check(data).problems == []


def test_duplicate_id() -> None:
    data = case()
    event(data, "pd")["id"] = "pr"
    message = first(data, "S006")
    assert "event id 'pr' is already used on line" in message


def test_bad_quantity() -> None:
    data = case()
    event(data, "line1")["exposures"][0]["dose"] = "2.5 furlongs"
    assert "'furlongs' is not a unit of 'dose'" in first(data, "S008")


@pytest.mark.parametrize(
    "dose", ["75 mg/m2", "75 mg/m²", "10 mg/kg", "AUC 5", "1 mg", "400 µg", "2.5mg"]
)
def test_dose_units(dose: str) -> None:
    data = case()
    event(data, "line1")["exposures"][0]["dose"] = dose
    assert "S008" not in codes(check(data))


def test_unsupported_format_version() -> None:
    assert "format 2 is not supported" in first(case(format=2), "S010")


def test_unknown_agent_suggests() -> None:
    data = case()
    event(data, "line2")["agents"] = ["paclitaxell"]
    assert "unknown agent 'paclitaxell'; did you mean 'paclitaxel'?" in first(data, "A001")


def test_an_unknown_agent_far_from_any_name_gets_no_suggestion() -> None:
    """'other' is not a misspelling of 'Taxotere' (difflib finds them 0.62 alike): no
    suggestion, and the message says how to write an agent the source does not name."""
    data = case()
    event(data, "line2")["agents"] = ["other"]
    message = first(data, "A001")
    assert "did you mean" not in message
    assert "write its class, such as 'chemotherapy'" in message


def test_an_agent_written_as_a_kind_of_drug_says_so_and_names_no_brand() -> None:
    """The word "platinum" for a platinum drug the source does not name: the suggestion was
    "did you mean 'Platinol'?", a brand of cisplatin the source does not give. The message
    says it is a kind of drug, names its members, and gives the kind's unnamed agent."""
    data = case()
    event(data, "line2")["agents"] = ["platinum"]
    message = first(data, "A001")
    assert "Platinol" not in message and "did you mean" not in message
    assert "the catalogue's 'platinum compound': carboplatin, cisplatin, oxaliplatin" in message
    assert "write 'platinum compound', an unnamed drug of that kind" in message


def test_a_kind_of_drug_is_an_unnamed_agent_of_that_kind() -> None:
    """A "maintenance with a PARP inhibitor", the drug not named, could be written only as
    "targeted therapy", which says less than the source: the kind's name is an unspecified
    agent of that subclass, drawn and shown as such."""
    data = case()
    event(data, "line2")["agents"] = ["PARP inhibitor"]
    checked = check(data)
    assert checked.ok, [p.format() for p in checked.problems]
    (exp,) = checked.case.event("line2").exposures  # type: ignore[union-attr]
    assert (exp.agent.name, exp.agent.agent_class, exp.agent.subclass, exp.agent.unspecified) == (
        "unspecified PARP inhibitor",
        "targeted",
        "PARP inhibitor",
        True,
    )


def test_a_duration_given_as_a_mapping_says_so() -> None:
    """``cycle: {length: 2 weeks, inferred: ...}`` was "'cycle' '' is not a duration"."""
    data = case()
    line1 = event(data, "line1")
    line1["cycles"] = 6
    line1["cycle"] = {"length": "2 weeks", "inferred": "the usual schedule"}
    message = first(data, "S003")
    assert "'cycle' should be a duration such as '3 weeks'" in message
    assert message.endswith("got a mapping")


def test_a_site_listed_as_new_is_written_once() -> None:
    from timeline.summary import summary_text

    data = case()
    recurrence = next(e for e in data["events"] if e["type"] == "recurrence")
    recurrence["sites"] = ["liver", "lung"]
    recurrence["new_sites"] = ["lung"]
    text = summary_text(check(data))
    assert "liver, lung (new)" in text and "lung, lung" not in text


def test_a_recurrence_as_another_histology_is_said_with_it() -> None:
    """``histology`` on a recurrence (a transformation) is read, said by ``show`` after the
    sites, and by a deck's step; a recurrence without it says nothing of histology."""
    from timeline.summary import summary_text
    from timeline.teaching import teaching_steps

    data = case()
    recurrence = next(e for e in data["events"] if e["type"] == "recurrence")
    assert "histology" not in summary_text(check(data))
    recurrence["histology"] = "small-cell carcinoma"
    checked = check(data)
    assert checked.ok, [p.format() for p in checked.problems]
    assert "recurrence: liver; histology: small-cell carcinoma" in summary_text(checked)
    steps = [s.caption for s in teaching_steps(checked)]
    assert any("recurrence (liver), as small-cell carcinoma → L1" in t for t in steps), steps


def test_regimen_name_is_not_an_agent() -> None:
    data = case()
    event(data, "line2")["agents"] = ["CEF"]
    assert "'CEF' is a regimen (cyclophosphamide + epirubicin + fluorouracil)" in first(
        data, "A002"
    )


def test_regimen_name_alone_expands_to_its_agents() -> None:
    data = case()
    adjuvant = event(data, "adjuvant")
    del adjuvant["agents"]
    adjuvant["name"] = "FEC 100"
    result = check(data)
    assert result.problems == []
    regimen = result.case.event("adjuvant")  # type: ignore[union-attr]
    assert regimen.agent_names() == ("fluorouracil", "epirubicin", "cyclophosphamide")  # type: ignore[attr-defined]
    epirubicin = regimen.exposures[1]  # type: ignore[attr-defined]
    assert str(epirubicin.dose) == "100 mg/m²"


def test_a_named_agent_listed_twice_is_a005() -> None:
    data = case()
    event(data, "adjuvant")["agents"] = ["fluorouracil", "epirubicin", "5-FU"]
    assert "'5-FU' is listed twice in regimen 'adjuvant'" in first(data, "A005")


def test_two_unnamed_drugs_of_one_class_are_two_exposures() -> None:
    """ "BRAF and MEK inhibitors", not named, written as 'targeted therapy' twice: the two had
    one key, were named once, drawn as one bar (with two elements of one id) and their
    window's warning said twice."""
    data = case()
    event(data, "adjuvant")["agents"] = ["targeted therapy", "targeted therapy"]
    result = check(data)
    assert result.problems == [], result.problems
    regimen = result.case.event("adjuvant")  # type: ignore[union-attr]
    keys = [e.key for e in regimen.exposures]  # type: ignore[attr-defined]
    assert len(set(keys)) == 2, keys
    names = regimen.agent_names()  # type: ignore[attr-defined]
    assert names == ("unspecified targeted therapy", "unspecified targeted therapy")


def test_one_agent_twice_in_exposures_keeps_both() -> None:
    """Fluorouracil at one dose and then at another, written as two exposures without ids:
    both kept, each under a key of its own (they had one, and the second's days were the
    first's)."""
    data = case()
    reg = event(data, "adjuvant")
    del reg["agents"]
    reg["exposures"] = [
        {"agent": "fluorouracil", "dose": "500 mg/m2", "end": "2010-05"},
        {"agent": "fluorouracil", "dose": "400 mg/m2", "start": "2010-06"},
    ]
    result = check(data)
    assert result.problems == [], result.problems
    regimen = result.case.event("adjuvant")  # type: ignore[union-attr]
    keys = [e.key for e in regimen.exposures]  # type: ignore[attr-defined]
    assert len(set(keys)) == 2, keys


def test_regimen_without_agents() -> None:
    data = case()
    del event(data, "adjuvant")["agents"]
    assert "needs 'agents', 'exposures' or a known regimen 'name'" in first(data, "A004")


@pytest.mark.parametrize(
    "name",
    ["PTX", "Taxol", "taxol", "Avastin", "Herceptin", "5-FU", "T-DM1", "Faslodex", "Afinitor"],
)
def test_synonyms_abbreviations_and_brands(name: str) -> None:
    data = case()
    event(data, "line2")["agents"] = [name]
    result = check(data)
    assert "A001" not in codes(result)


def test_case_declared_agent() -> None:
    data = case(
        agents=[{"name": "tazemetostat", "class": "targeted", "subclass": "EZH2 inhibitor"}]
    )
    event(data, "line2")["agents"] = ["tazemetostat"]
    assert codes(check(data)) == set()


def test_declared_agent_shadowing_the_catalogue_warns() -> None:
    data = case(agents=[{"name": "Taxol", "class": "chemotherapy"}])
    assert "already in the catalogue as 'paclitaxel'" in first(data, "A003")


def test_every_problem_at_once() -> None:
    data = case()
    event(data, "pr")["category"] = "XX"
    event(data, "line2")["agents"] = ["nonsense-drug"]
    event(data, "line1")["bogus"] = 1
    assert {"S004", "A001", "S001"} <= codes(check(data))


def test_ongoing_regimen_with_end_is_refused() -> None:
    data = case()
    event(data, "line2")["end"] = "2013-12"
    assert "an ongoing regimen has no 'end'" in first(data, "S004")


def test_problems_are_sorted_by_position() -> None:
    data = case()
    event(data, "fu")["status"] = "fine"
    event(data, "surgery")["curative"] = "maybe"
    lines = [p.location.line for p in check(data).problems]
    assert lines == sorted(lines)


def test_unspecified_agent_keeps_its_class() -> None:
    data = case()
    event(data, "adjuvant")["agents"] = ["chemotherapy"]
    result = check(data)
    assert result.problems == []
    exposure = result.case.event("adjuvant").exposures[0]  # type: ignore[union-attr]
    assert exposure.agent.unspecified and exposure.agent.agent_class == "chemotherapy"


def test_two_unreported_agents_are_not_one_agent() -> None:
    data = case()
    data["events"].append(
        {
            "id": "chemo2",
            "type": "regimen",
            "intent": "adjuvant",
            "start": "2010-04",
            "end": "2010-06",
            "end_reason": "completed",
            "agents": ["chemotherapy"],
        }
    )
    event(data, "adjuvant")["agents"] = ["chemotherapy"]
    assert "L001" not in codes(check(data))


def test_toxicity_and_biomarker_retest() -> None:
    data = case()
    data["events"].append(
        {
            "id": "tox",
            "type": "toxicity",
            "date": "2012-08",
            "term": "Neutropenia",
            "grade": 3,
            "agent": "Femara",
        }
    )
    data["events"].append(
        {
            "id": "her2",
            "type": "biomarker",
            "date": "2012-05",
            "name": "HER2",
            "result": "positive",
            "method": "IHC 3+",
            "specimen": "liver biopsy",
        }
    )
    result = check(data)
    assert result.problems == []
    assert result.case.event("tox").agent == "letrozole"  # type: ignore[union-attr]
    assert result.case.event("her2").biomarker.result == "positive"  # type: ignore[union-attr]
    data["events"][-2]["grade"] = 6
    assert "CTCAE grade 6 does not exist" in next(
        p.message for p in check(data).problems if p.code == "S004"
    )


def test_resistance_to_an_unreported_agent_asks_for_the_class() -> None:
    data = case()
    res = event(data, "ai-resistance")
    del res["class"]
    res["agent"] = "endocrine therapy"
    assert "declare the resistance to the class instead (class: endocrine)" in first(data, "S004")


def test_a_misspelt_type_is_reported_once_not_at_every_reference() -> None:
    """cr-2008 written as a 'respnse': its S004 is the one error; the references to cr-2008
    (a regimen's start 'before: cr-2008') are not reported again as naming no event."""
    from conftest import REFERENCE
    from timeline import check_text

    text = REFERENCE.read_text().replace(
        "  - id: cr-2008\n    type: response\n", "  - id: cr-2008\n    type: respnse\n", 1
    )
    assert "respnse" in text
    codes = [p.code for p in check_text(text, "typo.yaml").errors]
    assert codes == ["S004"]
    # a reference to an id no event has is still S007
    wrong = REFERENCE.read_text().replace("before: cr-2008", "before: cr-2009", 1)
    assert "S007" in [p.code for p in check_text(wrong, "wrong.yaml").errors]


def test_a_regimen_refused_for_one_value_keeps_the_ids_of_its_exposures() -> None:
    """A regimen refused for one bad value (an intent the format did not have) set off six
    S007 errors on the id of one of its exposures, which the file gives, and X001 "never
    given in this case": its S004 is the one error."""
    from timeline import check_text

    text = (
        "format: 1\nid: cart\ndiagnosis: {date: 2020-01}\nevents:\n"
        "  - id: car\n    type: regimen\n    intent: bridgin\n    start: 2020-03\n"
        "    end: car.start\n    end_reason: completed\n"
        "    exposures:\n      - {id: cells, agent: CAR T-cell therapy}\n"
        "  - {id: cr, type: response, date: {from: cells, offset: 1 month}, category: CR}\n"
        "  - {id: rel, type: recurrence, date: {from: cells, offset: 9 months}}\n"
        "  - {id: esc, type: resistance, date: rel, class: CAR T-cell therapy, basis: rel}\n"
    )
    codes = [p.code for p in check_text(text, "bad.yaml").errors]
    assert codes == ["S004"], codes
    # the exposure's id is still a reference once the regimen reads
    good = check_text(text.replace("bridgin", "advanced"), "good.yaml")
    assert "S007" not in [p.code for p in good.errors], good.errors


def test_a_refused_event_or_value_sets_off_no_course_rule() -> None:
    """Each intent, end reason, category and event type of the reference case misspelt in
    turn: a regimen or response so refused set off R001, R004, T002, T003, L002, L003 and X001,
    each reporting what the missing event says. The course rules wait for the error."""
    import re

    from conftest import REFERENCE
    from timeline import check_text

    text = REFERENCE.read_text(encoding="utf-8")
    base = {(x.code, x.location.line) for x in check_text(text, "cr000.yaml").problems}
    tried = 0
    for m in re.finditer(r"(?m)^    (?:intent|end_reason|category|type): ([\w-]+)$", text):
        bad = text[: m.start(1)] + "wrongvalue" + text[m.end(1) :]
        new = [
            x
            for x in check_text(bad, "cr000.yaml").problems
            if (x.code, x.location.line) not in base
        ]
        assert [x.code for x in new] == ["S004"], (m.group(0), new)
        tried += 1
    assert tried > 20


def test_a_refused_value_outside_the_course_holds_back_no_course_rule() -> None:
    """A misspelt 'sex' or 'menopause' says nothing of the course: the R001 of a response
    before any therapy, and its C009, were held back with the course rules until it was
    mended. A misspelt end reason of the same file still holds them back."""
    from conftest import REFERENCE
    from timeline import check_text

    text = REFERENCE.read_text(encoding="utf-8").replace(
        "events:\n",
        "events:\n  - {id: early, type: response, date: 2004-08, category: PR, method: clinical}\n",
        1,
    )

    def codes(t: str) -> list[str]:
        return sorted(p.code for p in check_text(t, "cr000.yaml").problems if p.code != "C008")

    assert codes(text) == ["C009", "R001"]
    for good, bad in (("sex: female", "sex: femal"), ("menopause: postm", "menopause: pstm")):
        assert good in text
        assert codes(text.replace(good, bad, 1)) == ["C009", "R001", "S004"], bad
    assert codes(text.replace("end_reason: completed", "end_reason: completd", 1)) == ["S004"]


def test_a_toxicity_says_how_it_was_treated() -> None:
    """ "nivolumab was stopped and oral prednisone 1 mg/kg was started": the action on the
    therapy and the treatment of the toxicity itself (there was no key for the latter)."""
    from timeline.summary import summary_data, summary_text

    data = case()
    data["events"].append(
        {
            "id": "hepatitis",
            "type": "toxicity",
            "date": "2013-01",
            "term": "Alanine aminotransferase increased",
            "grade": 4,
            "agents": ["letrozole"],
            "action": "stopped",
            "treatment": "oral prednisone 1 mg/kg",
        }
    )
    checked = check(data)
    assert checked.ok, [p.format() for p in checked.problems]
    assert "action: stopped; treated with oral prednisone 1 mg/kg" in summary_text(checked)
    (found,) = summary_data(checked)["toxicities"]
    assert found["treatment"] == "oral prednisone 1 mg/kg"


def test_an_infant_age_is_given_in_months() -> None:
    """An infant leukaemia report: a boy of four months. `age` took whole years only, and the
    heading read "0-year-old boy"."""
    from timeline.wording import patient_line

    data = case()
    data["patient"] = {"sex": "male", "age": {"months": 4}}
    checked = check(data)
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.case is not None and checked.case.patient.age is not None
    assert checked.case.patient.age.months == 4 and checked.case.patient.age.years == 0
    assert patient_line(checked.case).split(";")[0] == "4-month-old boy"
    data["patient"] = {"sex": "male", "age": {"months": 4, "years": 0}}
    codes = [p.code for p in check(data).problems]
    assert "S008" in codes


def test_a_warning_names_an_exposure_by_its_own_id() -> None:
    """Nivolumab given twice in one regimen (held, then resumed), each exposure with an id: the
    warning on the second's start named "the start of 'nivolumab' in 'rx'", never the id that
    an acknowledgement needs."""
    from timeline import check_text

    text = (
        "format: 1\nid: twice\ndiagnosis: {date: 2017-06}\nevents:\n"
        "  - id: rx\n    type: regimen\n    intent: advanced\n    start: 2017-07-01\n"
        "    end: tox\n    end_reason: toxicity\n    exposures:\n"
        "      - {id: nivo-a, agent: nivolumab, end: 2017-08-01}\n"
        "      - {id: nivo-b, agent: nivolumab, start: {after: nivo-a.end}}\n"
        "  - {id: tox, type: toxicity, date: {after: nivo-b.start}, term: Hepatitis,"
        " agents: [nivolumab], action: stopped}\n"
    )
    messages = [p.message for p in check_text(text, "twice.yaml").problems if p.code == "C008"]
    assert any("the start of 'nivolumab' ('nivo-b') in 'rx'" in m for m in messages), messages


def test_imwg_is_a_response_criteria() -> None:
    """A myeloma's VGPR "by IMWG criteria" was refused (S004): written PR with the term."""
    from conftest import case, check

    data = case()
    pr = next(e for e in data["events"] if e["id"] == "pr")
    pr.update(criteria="IMWG", authors_term="very good partial response")
    checked = check(data)
    assert not [p for p in checked.problems if p.code == "S004"]


@pytest.mark.parametrize(
    ("criteria", "term"),
    [
        ("ELN", "complete remission with incomplete haematological recovery (CRi)"),
        ("eln", "complete remission"),
        ("iwCLL", "complete remission"),
        ("IWG", "complete remission"),
    ],
)
def test_haematological_response_criteria(criteria: str, term: str) -> None:
    """An acute myeloid leukaemia's CRi "by ELN criteria" was refused (S004: not one of RECIST
    1.1, ..., IMWG): written CR with the authors' term, and the criteria kept as named."""
    from conftest import case, check

    data = case()
    cr = next(e for e in data["events"] if e["type"] == "response")
    cr.update(category="CR", criteria=criteria, authors_term=term)
    checked = check(data)
    assert not [p for p in checked.problems if p.code == "S004"], checked.problems
    assert checked.case is not None
    said = {e.criteria for e in checked.case.events if hasattr(e, "criteria")}
    assert criteria.upper() in {str(c).upper() for c in said}


def test_a_response_gives_its_measurable_residual_disease() -> None:
    """An AML's complete remission "MRD negative by flow cytometry" had no field: `mrd:`
    takes a result alone or with its method and sensitivity; show says it with the response
    (text and JSON), and the Disease lane's tooltip too."""
    from conftest import case, check
    from timeline.model import Mrd, Response
    from timeline.render.layout import swimlane
    from timeline.render.scene import Rect
    from timeline.render.style import THEMES
    from timeline.summary import summary_data, summary_text

    data = case()
    pr = next(e for e in data["events"] if e["id"] == "pr")
    pr.update(
        category="CR",
        mrd={"result": "negative", "method": "flow cytometry", "sensitivity": "10^-4"},
    )
    checked = check(data)
    assert checked.ok, checked.problems
    response = next(e for e in checked.case.events if e.id == "pr")  # type: ignore[union-attr]
    assert isinstance(response, Response)
    assert response.mrd == Mrd("negative", "flow cytometry", "10^-4")
    assert "response CR (MRD negative (flow cytometry, 10^-4))" in summary_text(checked)
    (said,) = [c for c in summary_data(checked)["course"] if c["event"] == "pr"]
    assert said["mrd"] == {
        "result": "negative",
        "method": "flow cytometry",
        "sensitivity": "10^-4",
    }
    tips = [i.tooltip for i in swimlane(checked, THEMES["slide"]).items if isinstance(i, Rect)]
    assert any("MRD negative (flow cytometry, 10^-4)" in t for t in tips)
    pr["mrd"] = "Positive"
    response = next(e for e in check(data).case.events if e.id == "pr")  # type: ignore[union-attr]
    assert isinstance(response, Response) and response.mrd == Mrd("positive")
    pr["mrd"] = "undetectable"
    problems = check(data).problems
    assert [p.code for p in problems] == ["S004"], problems
    assert "'mrd' 'undetectable' is not one of: negative, positive" in problems[0].message
    pr["mrd"] = {"method": "NGS"}
    assert [p.code for p in check(data).problems] == ["S002"]


def test_a_toxicity_grade_on_the_astct_scale_says_so() -> None:
    """A cytokine release syndrome "grade 2 by ASTCT consensus criteria" after CAR T cells
    read as a CTCAE grade 2: `grading` names the scale, and the text says it."""
    from conftest import case, check
    from timeline.model import Toxicity
    from timeline.summary import summary_text

    data = case()
    data["events"].append(
        {
            "id": "crs",
            "type": "toxicity",
            "date": "2013-03",
            "term": "Cytokine release syndrome",
            "grade": 2,
            "grading": "astct",
            "agents": ["paclitaxel"],
        }
    )
    checked = check(data)
    assert checked.ok, checked.problems
    crs = next(e for e in checked.case.events if e.id == "crs")  # type: ignore[union-attr]
    assert isinstance(crs, Toxicity) and crs.grading == "ASTCT"
    assert "Cytokine release syndrome grade 2 (ASTCT)" in summary_text(checked)
    # the drawing's label too ("G2" alone read as a CTCAE grade)
    from timeline.render.layout import swimlane
    from timeline.render.scene import Text
    from timeline.render.style import THEMES

    def labels(checked: object) -> str:
        scene = swimlane(checked, THEMES["print"])  # type: ignore[arg-type]
        return " ".join(i.text for i in scene.items if isinstance(i, Text))

    assert "Cytokine release syndrome G2 (ASTCT)" in labels(checked)
    data["events"][-1]["grading"] = "CTCAE"
    assert "Cytokine release syndrome grade 2;" in summary_text(check(data))
    assert "Cytokine release syndrome G2" in labels(check(data))
    assert "(ASTCT)" not in labels(check(data))
    data["events"][-1]["grading"] = "ICANS"
    assert [p.code for p in check(data).problems] == ["S004"]


def test_the_nodes_of_the_diagnosis_are_said() -> None:
    """The reference case's `nodes: 0/12` was read and said nowhere (not in `show`, the
    figure's title or the deck's): it is said with the diagnosis, after the TNM."""
    from conftest import REFERENCE
    from timeline import check_path
    from timeline.summary import summary_text
    from timeline.wording import patient_line

    checked = check_path(str(REFERENCE))
    assert checked.case is not None
    assert "pT3 pN0 M0 stage IIB, nodes: 0/12, ER+" in patient_line(checked.case)
    assert "nodes: 0/12" in summary_text(checked)


def test_a_toxicity_says_how_sure_its_attribution_is() -> None:
    """Foot and leg pain three months into ibrutinib, whose cause the manufacturer "could not
    exclude": `show` said "attributed to ibrutinib", surer than the source. `attribution`
    takes the NCI's scale and the text says it; it needs what the toxicity is blamed on."""
    from conftest import case, check
    from timeline.summary import summary_data, summary_text

    data = case()
    data["events"].append(
        {
            "id": "pain",
            "type": "toxicity",
            "date": "2013-03",
            "term": "Arthralgia",
            "agents": ["paclitaxel"],
            "attribution": "Possible",
        }
    )
    checked = check(data)
    assert checked.ok, checked.problems
    text = summary_text(checked)
    assert "Arthralgia; attribution to paclitaxel: possible" in text, text
    assert "attributed to paclitaxel" not in text
    (tox,) = summary_data(checked)["toxicities"]
    assert tox["attribution"] == "possible"
    data["events"][-1]["attribution"] = "likely"
    assert [p.code for p in check(data).problems] == ["S004"]
    del data["events"][-1]["agents"]
    data["events"][-1]["attribution"] = "probable"
    problems = check(data).problems
    assert [p.code for p in problems] == ["S002"], problems
    assert "name what it is attributed to" in problems[0].message


def test_a_regimen_given_in_a_clinical_trial_names_it() -> None:
    """BCMA CAR T cells given within NCT03196414: the registry number had no field but the
    regimen's name. `trial` holds it; show says it with the line (text and JSON)."""
    from conftest import case, check
    from timeline.render import render_case
    from timeline.summary import summary_data, summary_text

    data = case()
    next(e for e in data["events"] if e["id"] == "line2")["trial"] = "NCT03196414"
    checked = check(data)
    assert checked.ok, checked.problems
    assert "L2        paclitaxel (in trial NCT03196414)  [" in summary_text(checked)
    lines = {ln["regimen"]: ln for ln in summary_data(checked)["lines"]}
    assert lines["line2"]["trial"] == "NCT03196414" and lines["line1"]["trial"] is None
    svg = render_case(checked, fmt="svg", backend="wasm").decode()
    assert "in trial NCT03196414" in svg
    # "within the setting of a clinical trial", not named: `unnamed` said as such ("in trial
    # unnamed" read as a trial of that name)
    next(e for e in data["events"] if e["id"] == "line2")["trial"] = "unnamed"
    checked = check(data)
    said = "paclitaxel (in a clinical trial the source does not name)  ["
    assert said in summary_text(checked)
    svg = render_case(checked, fmt="svg", backend="wasm").decode()
    assert "in a clinical trial the source does not name" in svg and "trial unnamed" not in svg


def test_recist_with_no_version_is_a_criteria_of_its_own() -> None:
    """ "According to the Response Evaluation Criteria in Solid Tumors", no version: 'RECIST'
    was an error that suggested mRECIST, a liver-specific set."""
    from timeline.model import Response

    data = {
        "format": 1,
        "id": "recist",
        "diagnosis": {"date": "2020-01"},
        "events": [
            {
                "id": "a",
                "type": "regimen",
                "intent": "advanced",
                "start": "2020-02",
                "end_reason": "ongoing",
                "agents": ["oxaliplatin"],
            },
            {
                "id": "pr",
                "type": "response",
                "date": "2020-05",
                "category": "PR",
                "criteria": "RECIST",
            },
            {"id": "fu", "type": "follow-up", "date": "2020-08", "status": "alive"},
        ],
    }
    checked = check(data)
    assert not checked.problems, checked.problems
    assert checked.case is not None
    (pr,) = [e for e in checked.case.events if isinstance(e, Response)]
    assert pr.criteria == "RECIST"


def test_a_marker_value_in_words_says_where_a_result_in_words_goes() -> None:
    """ "CEA normal" on a complete response was "'value' (or a bound: '< 2') should be a number,
    got 'normal'", with no word of the field that does hold a result in words."""
    data = case()
    response = next(e for e in data["events"] if e["type"] == "response")
    response["markers"] = [{"name": "CEA", "value": "normal"}]
    message = first(data, "S003")
    assert "got 'normal'" in message
    assert "{type: biomarker, name: CEA, result: normal}" in message
    # a number written as text still reads as before
    response["markers"] = [{"name": "CEA", "value": "2 ng/mL"}]
    assert "should be a number, got" in first(data, "S003")


def test_a_wrong_curative_names_unknown_among_its_values() -> None:
    """`curative` written as a mapping: "should be true or false", though `unknown` is the
    value for a resection whose completeness the source does not give."""
    data = case()
    data["events"].append(
        {"id": "op", "type": "surgery", "date": "2012-05", "curative": {"r0": "yes"}}
    )
    assert "'curative' should be true, false or unknown, got" in first(data, "S003")
    data["events"][-1]["curative"] = "unknown"
    assert not [p for p in check(data).problems if p.code == "S003"]


def test_a_declined_treatment_is_read_said_and_drawn() -> None:
    """``type: declined``: what was declined is required; ``show`` lists it in the course with
    its reason, the drawing marks it in the Events lane, and it moves no state nor counts as
    a line."""
    from timeline.render.layout import swimlane
    from timeline.render.scene import Text
    from timeline.render.style import THEMES
    from timeline.summary import summary_text

    data = case()
    data["events"].insert(
        2,
        {
            "id": "no-rt",
            "type": "declined",
            "date": {"after": "surgery", "before": "adjuvant.start"},
            "treatment": "adjuvant radiotherapy",
            "reason": "the patient's wish",
        },
    )
    checked = check(data)
    assert checked.ok and not checked.problems, [p.format() for p in checked.problems]
    assert "declined: adjuvant radiotherapy (the patient's wish)" in summary_text(checked)
    assert [line.regimen.id for line in checked.lines] == [
        line.regimen.id for line in check(case()).lines
    ]
    texts = [i.text for i in swimlane(checked, THEMES["slide"]).items if isinstance(i, Text)]
    from timeline.teaching import teaching_steps

    captions = [s.caption for s in teaching_steps(checked)]
    assert any("declined: adjuvant radiotherapy (the patient's wish)" in c for c in captions)
    # (in its label, or in a note under the figure where the label finds no room)
    assert any(t.split(") ", 1)[-1].startswith("declined: adjuvant radio") for t in texts), texts
    del data["events"][2]["treatment"]
    assert "needs 'treatment'" in first(data, "S002")


def test_a_pregnancy_is_read_said_drawn_and_checked_against_its_weeks() -> None:
    """``type: pregnancy``: a span from its start (counted, as gestational age is, from the last
    menstrual period) to its end, with how it ended, the delivery, the weeks at the end and the
    newborn. It may start before the diagnosis (no C006); ``show`` lists it from start to end;
    the drawing gives it a lane of its own, its bar over the adjuvant therapy given through it;
    it moves no state and is no line. Weeks that do not fit its dates are C012; weeks that are
    no gestational age are S004."""
    from timeline.render.layout import swimlane
    from timeline.render.scene import Rect, Text
    from timeline.render.style import THEMES
    from timeline.summary import summary_text

    data = case()
    data["events"].insert(
        1,
        {
            "id": "pregnancy",
            "type": "pregnancy",
            "start": {"from": "diagnosis", "offset": "-12 weeks"},
            "end": "2010-07-05",
            "outcome": "live-birth",
            "delivery": "caesarean",
            "weeks": 36,
            "newborn": "a healthy boy",
        },
    )
    data["diagnosis"] = {"date": "2010-01-15"}
    checked = check(data)
    assert checked.ok and not checked.problems, [p.format() for p in checked.problems]
    text = summary_text(checked)
    assert (
        "2009-10-23 → 2010-07-05  pregnancy: caesarean delivery at 36 weeks, live birth"
        " (a healthy boy)"
    ) in text
    assert [line.regimen.id for line in checked.lines] == [
        line.regimen.id for line in check(case()).lines
    ]
    assert [s.event.id for s in checked.steps] == [s.event.id for s in check(case()).steps]
    scene = swimlane(checked, THEMES["slide"])
    rects = {i.id: i for i in scene.items if isinstance(i, Rect)}
    texts = [i.text for i in scene.items if isinstance(i, Text)]
    bar, adjuvant = rects["bar-pregnancy"], rects["bar-adjuvant-doxorubicin"]
    assert "Pregnancy" in texts and "pregnancy (36 weeks, caesarean)" in texts
    assert bar.x0 < adjuvant.x0 < bar.x1 < adjuvant.x1  # (given in its last months)
    assert "pregnancy" in bar.classes and "therapy" not in bar.classes
    # the weeks against the dates: 255 days is not 30 weeks
    data["events"][1]["weeks"] = 30
    assert "C012" in {p.code for p in check(data).problems}
    # weeks and days, as obstetrics writes them: 36+3 is 255 days; 36+5 is not
    data["events"][1]["weeks"] = "36+3"
    assert not check(data).problems
    assert "caesarean delivery at 36+3 weeks" in summary_text(check(data))
    data["events"][1]["weeks"] = "36+5"
    said = [p.message for p in check(data).problems if p.code == "C012"]
    # (one day, said as one: "(257 days after its start)", not "(257–257 days …)")
    assert said and "ends at 36+5 weeks (257 days after its start)" in said[0], said
    for wrong in (60, 34.5, "36+7"):
        data["events"][1]["weeks"] = wrong
        assert "is not a gestational age" in first(data, "S004")
    data["events"][1]["weeks"] = 36
    data["events"][1]["outcome"] = "ongoing"
    assert "'outcome' ongoing says" in first(data, "S004")
    # a figure cut before its end does not say how it ended (the deck's question would be
    # answered on its slide)
    assert checked.schedule is not None and checked.case is not None
    cut_day = checked.schedule.start(checked.case.event("adjuvant")).day
    cut = swimlane(checked, THEMES["slide"], until=cut_day, until_event="adjuvant")
    said = [i.text for i in cut.items if isinstance(i, Text)]
    assert "pregnancy" in said and not any("caesarean" in x for x in said), said
    tips = [i.tooltip or "" for i in cut.items if isinstance(i, Rect)]
    assert not any("caesarean" in x or "healthy" in x for x in tips)


def test_a_her2_mutation_is_told_to_be_written_as_the_gene() -> None:
    """A lung cancer's HER2 exon 20 insertion written `name: HER2, result: mutated`: S004 asked
    for an IHC score, which a mutation does not have. It says to write the gene, ERBB2, as
    it is then valid."""
    from timeline import check_text

    text = """\
format: 1
id: her2-mutation
diagnosis: {date: 2018-01, site: lung}
events:
  - {id: t, type: biomarker, date: 2018-02, name: HER2, result: mutated, value: exon 20 G776VinsC}
"""
    (problem,) = [p for p in check_text(text, "her2.yaml").problems if p.code == "S004"]
    assert "write it as 'name: ERBB2' with 'result: mutated'" in problem.message, problem.message
    assert check_text(text.replace("name: HER2", "name: ERBB2"), "her2.yaml").ok


def test_metastases_at_the_diagnosis_are_said() -> None:
    """ "Stage IV with liver and bone metastases at presentation" had no field: a case
    without the TNM read as a localised cancer in `show`, the figure's title and the deck.
    `metastases` lists the sites, said with the diagnosis; one text stands for a list of one."""
    from conftest import case, check
    from timeline.render import case_dot
    from timeline.render.deck import build_deck
    from timeline.summary import summary_text
    from timeline.wording import patient_line

    data = case()
    data["diagnosis"]["metastases"] = ["liver", "bone"]
    checked = check(data)
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.case is not None
    assert checked.case.diagnosis.metastases == ("liver", "bone")
    assert "metastases: liver, bone" in patient_line(checked.case)
    assert "metastases: liver, bone" in summary_text(checked)
    assert "metastases: liver, bone" in case_dot(checked)[0]
    deck = build_deck(checked, backend="wasm")
    assert any("metastases: liver, bone" in line for line in deck.slides[0].lines)
    data["diagnosis"]["metastases"] = "peritoneum"
    assert check(data).case.diagnosis.metastases == ("peritoneum",)  # type: ignore[union-attr]
    data["diagnosis"]["metastases"] = {"site": "liver"}
    assert [p.code for p in check(data).problems] == ["S003"]


def test_a_refused_choice_in_the_source_s_words_is_offered_the_format_s() -> None:
    """`end_reason: failed` was refused with no suggestion ("failed" is not near
    "no-response" in spelling); so were "palliative" for an intent and "adverse event"."""
    from timeline import check_text

    text = (
        "format: 1\nid: x\ndiagnosis: {date: 2010}\nevents:\n"
        "  - {id: a, type: regimen, intent: palliative, start: 2010-02, end: 2010-05,"
        " end_reason: failed, agents: [cisplatin]}\n"
        "  - {id: b, type: regimen, intent: advanced, start: 2010-06, end: 2010-07,"
        " end_reason: Adverse event, agents: [docetaxel]}\n"
    )
    messages = [p.message for p in check_text(text, "x.yaml").problems if p.code == "S004"]
    assert len(messages) == 3, messages
    assert messages[0].endswith("did you mean 'advanced'? (the format's word for 'palliative')")
    assert messages[1].endswith("did you mean 'no-response'? (the format's word for 'failed')")
    assert messages[2].endswith("did you mean 'toxicity'? (the format's word for 'Adverse event')")
    # (a pathological complete response was offered "PR", a partial one)
    pcr = text.replace("end_reason: failed", "end_reason: unknown").replace(
        "intent: palliative", "intent: advanced"
    ).replace("end_reason: Adverse event", "end_reason: unknown") + (
        "  - {id: r, type: response, date: 2010-08, category: pCR}\n"
    )
    (said,) = [p.message for p in check_text(pcr, "x.yaml").problems if p.code == "S004"]
    assert said.endswith("did you mean 'CR'? (the format's word for 'pCR')"), said
    fu = pcr + "  - {id: fu, type: follow-up, date: 2011-01, status: alive-pfs}\n"
    said = [p.message for p in check_text(fu, "x.yaml").problems if p.code == "S004"][-1]
    assert said.endswith(
        "did you mean 'alive-progression-free'? (the format's word for 'alive-pfs')"
    )


def test_a_misspelt_unit_of_a_duration_is_offered_the_right_one() -> None:
    """ "12 cylces" was refused (S008) with no suggestion, and its examples left out the bare
    "12 cycles" a date's own offset may be; an intrapleural route was offered
    "intraperitoneal", the wrong cavity."""
    from timeline import check_text

    text = (
        "format: 1\nid: x\ndiagnosis: {date: 2010}\nevents:\n"
        "  - {id: a, type: regimen, intent: advanced, start: 2010-02,"
        " end: {from: a.start, offset: 12 cylces}, end_reason: completed,"
        " exposures: [{agent: interferon alfa-2b, route: intrapleural}]}\n"
    )
    problems = check_text(text, "x.yaml").problems
    assert [p.code for p in problems] == ["S008"], [p.format() for p in problems]
    assert "(did you mean '12 cycles'?)" in problems[0].message
    assert "for a date's own offset '6 cycles'" in problems[0].message
