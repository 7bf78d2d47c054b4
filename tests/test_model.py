"""The model's value objects: the repr they share is the one attrs writes."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from conftest import case, check, event
from timeline import check_path, check_text
from timeline.dates import CalendarDate, DateSpec
from timeline.model import TNM, Case, Quantity, Surgery

CASES = Path(__file__).resolve().parent.parent / "cases"


def _attrs_repr(value: object) -> str:
    """What attrs's own generated repr writes (fields with ``repr=True``, in order)."""
    if not attrs.has(type(value)):
        return repr(value)
    shown = ", ".join(
        f"{a.name}={_attrs_repr(getattr(value, a.name))}"
        for a in attrs.fields(type(value))
        if a.repr
    )
    return f"{type(value).__qualname__}({shown})"


def test_repr_is_the_attrs_repr() -> None:
    assert repr(Quantity(5.0, "mg")) == _attrs_repr(Quantity(5.0, "mg"))
    surgery = Surgery(id="s", index=0, date=DateSpec("on", on=CalendarDate(2011, 5)))
    assert repr(surgery).startswith("Surgery(id='s', index=0, ")
    assert "location" not in repr(surgery)
    assert repr(surgery) == _attrs_repr(surgery)


def test_repr_of_a_whole_case() -> None:
    case = check_path(str(CASES / "cr000-paclitaxel-bevacizumab.yaml")).case
    assert isinstance(case, Case)
    assert repr(case).startswith("Case(id='cr000")
    assert repr(case.events[0]) == _attrs_repr(case.events[0])


def test_hormone_receptors_given_together_are_summarised() -> None:
    """ "HR+/HER2-": a source that does not split ER and PgR (the patient line read "HER2−"
    alone, losing HR+)."""
    from conftest import case, check

    data = case()
    data["diagnosis"]["biomarkers"] = [
        {"name": "HR", "result": "positive"},
        {"name": "HER2", "result": "negative"},
    ]
    checked = check(data)
    assert checked.case is not None
    assert checked.case.diagnosis.receptor_summary() == "HR+, HER2−"


@pytest.mark.parametrize(
    ("sex", "years", "said"),
    [
        ("male", 9, "9-year-old boy"),
        ("female", 17, "17-year-old girl"),
        ("male", 18, "18-year-old man"),
        ("female", 52, "52-year-old woman"),
        # a sex not reported, or another, is no noun ("82-year-old unknown" was printed)
        ("unknown", 82, "82-year-old patient"),
        ("unknown", 9, "9-year-old child"),
        ("other", 40, "40-year-old patient (sex: other)"),
    ],
)
def test_a_child_is_a_boy_or_a_girl(sex: str, years: int, said: str) -> None:
    """A paediatric leukaemia report's header read "9-year-old man"."""
    from timeline.model import Age, Patient
    from timeline.wording import patient_line

    base = check(case())
    assert base.case is not None
    patient = Patient(sex=sex, age=Age(years))
    line = patient_line(attrs.evolve(base.case, patient=patient))
    assert line.split(";")[0] == said, line


def test_a_menopausal_status_a_later_change_ends_is_said_at_diagnosis() -> None:
    """A premenopausal woman made postmenopausal by an oophorectomy years later: the header
    read "56-year-old premenopausal woman" over a figure marking her postmenopausal. A status
    nothing changes is said as before."""
    from timeline.wording import patient_line

    data = case()
    data["patient"] = {"sex": "female", "age": 56, "menopause": "premenopausal"}
    checked = check(data)
    assert checked.case is not None
    assert patient_line(checked.case).split(";")[0] == "56-year-old premenopausal woman"
    data["events"].append(
        {
            "id": "bso",
            "type": "menopause",
            "date": {"after": "diagnosis"},
            "status": "postmenopausal",
        }
    )
    checked = check(data)
    assert checked.case is not None, checked.problems
    assert patient_line(checked.case).split(";")[0] == (
        "56-year-old woman (premenopausal at diagnosis)"
    )


def test_an_age_at_a_window_of_the_calendar_says_the_window() -> None:
    """A patient "72" as the report was written, after her presentation in March 2010 and
    before the report of 2018: the header said "age at a date other than the diagnosis",
    which did not say which."""
    from timeline.wording import patient_line

    data = case()
    data["patient"] = {
        "sex": "female",
        "age": {"years": 72, "at": {"after": "2010-03", "before": "2018-09"}},
    }
    checked = check(data)
    assert checked.case is not None, checked.problems
    assert patient_line(checked.case).split(";")[0] == (
        "72-year-old woman (age at a date between 2010-03 and 2018-09)"
    )


def test_an_age_given_at_a_later_event_says_so() -> None:
    """An osteosarcoma with a lung metastasis 21 years on, the patient "35" at the metastasis:
    "35-year-old man; bone, osteosarcoma" beside the diagnosis read as 35 at the diagnosis.
    An age at the operation that made the diagnosis, on its day, says nothing more."""
    data = case()
    data["patient"] = {"sex": "male", "age": {"years": 35, "at": "relapse"}}
    data["events"] = [
        {"id": "op", "type": "surgery", "date": data["diagnosis"]["date"], "procedure": "x"},
        {
            "id": "relapse",
            "type": "recurrence",
            "date": {"from": "diagnosis", "offset": "21 years"},
        },
        {"id": "last", "type": "follow-up", "date": {"after": "relapse"}, "status": "alive"},
    ]
    checked = check(data)
    assert checked.case is not None, checked.problems
    from timeline.wording import patient_line

    assert patient_line(checked.case).startswith("35-year-old man (age at the recurrence)")
    data["patient"]["age"]["at"] = "op"
    checked = check(data)
    assert checked.case is not None
    assert patient_line(checked.case).split(";")[0] == "35-year-old man"
    data["patient"]["age"]["at"] = "2030-05"
    checked = check(data)
    assert checked.case is not None
    assert "(age in 2030-05)" in patient_line(checked.case)
    # (a report that does not say when: not "a date other than the diagnosis")
    data["patient"]["age"]["at"] = "unknown"
    checked = check(data)
    assert checked.case is not None
    assert "(age at a time the source does not give)" in patient_line(checked.case)


def test_an_age_at_a_complication_an_imaging_or_one_of_two_progressions_names_it() -> None:
    """ "(age at the complication)" for a pulmonary embolism at presentation, "(age at the
    imaging)" for a CT, and "(age at the progression)" in a case with two: each named."""
    from timeline.wording import patient_line

    data = case()
    data["events"].append(
        {"id": "pe", "type": "complication", "date": "2012-04", "term": "Pulmonary embolism"}
    )
    data["events"].append(
        {"id": "ct", "type": "imaging", "date": "2012-04", "method": "CT", "sites": ["lung"]}
    )
    data["events"].append({"id": "pd1", "type": "progression", "date": "2013-01"})
    data["events"].append(
        {"id": "pd2", "type": "progression", "date": "2013-06", "sites": ["brain", "bone"]}
    )
    said = {}
    for at in ("pe", "ct", "pd2"):
        data["patient"] = {"sex": "male", "age": {"years": 60, "at": at}}
        checked = check(data)
        assert checked.case is not None, checked.problems
        said[at] = patient_line(checked.case).split(";")[0]
    assert said == {
        "pe": "60-year-old man (age at the pulmonary embolism)",
        "ct": "60-year-old man (age at the CT)",
        "pd2": "60-year-old man (age at the progression: brain, bone)",
    }


def test_an_age_at_one_of_two_complications_with_long_terms_says_which() -> None:
    """60 at a seizure, months after symptoms taken for dementia, both complications: the
    seizure's term, "generalized convulsion (first seizure)", was over 32 characters and the
    line said "(age at the complication)", which could be either. Its parenthesis is left
    out; a term still long is cut at a word when the case has another of its kind."""
    from timeline.wording import patient_line

    data = case()
    data["events"].append(
        {
            "id": "dementia",
            "type": "complication",
            "date": "2012-01",
            "term": "cognitive, depressive and behavioural symptoms taken for dementia",
        }
    )
    data["events"].append(
        {
            "id": "seizure",
            "type": "complication",
            "date": "2012-04",
            "term": "generalized convulsion (first seizure)",
        }
    )
    said = {}
    for at in ("seizure", "dementia"):
        data["patient"] = {"sex": "male", "age": {"years": 60, "at": at}}
        checked = check(data)
        assert checked.case is not None, checked.problems
        said[at] = patient_line(checked.case).split(";")[0]
    assert said == {
        "seizure": "60-year-old man (age at the generalized convulsion)",
        "dementia": "60-year-old man (age at the cognitive, depressive and…)",
    }
    # alone of its kind, a long term is "the complication": nothing to tell apart
    data["events"] = [e for e in data["events"] if e["id"] != "seizure"]
    checked = check(data)
    assert checked.case is not None
    assert patient_line(checked.case).startswith("60-year-old man (age at the complication)")


def test_an_age_at_one_of_two_operations_names_it() -> None:
    """72 at a hysterectomy that found an occult tubal cancer, then a staging laparotomy:
    "(age at the surgery)" did not say which; and an age at the event the diagnosis is
    written at is the age at the diagnosis."""
    from timeline.wording import patient_line

    data = case()
    data["patient"] = {"sex": "female", "age": {"years": 72, "at": "hyst"}}
    data["events"] = [
        {
            "id": "hyst",
            "type": "surgery",
            "date": {"after": "diagnosis"},
            "procedure": "hysterectomy",
        },
        {"id": "staging", "type": "surgery", "date": {"after": "hyst"}, "procedure": "staging"},
        {"id": "last", "type": "follow-up", "date": {"after": "staging"}, "status": "alive"},
    ]
    checked = check(data)
    assert checked.case is not None, checked.problems
    assert patient_line(checked.case).startswith("72-year-old woman (age at the hysterectomy)")
    data["events"] = data["events"][:1] + data["events"][2:]
    data["events"][1]["date"] = {"after": "hyst"}
    checked = check(data)
    assert checked.case is not None, checked.problems
    assert patient_line(checked.case).startswith("72-year-old woman (age at the surgery)")
    data["diagnosis"]["date"] = {"at": "hyst"}
    data["events"][0]["date"] = "2020-03"
    checked = check(data)
    assert checked.case is not None, checked.problems
    assert patient_line(checked.case).split(";")[0] == "72-year-old woman"


def test_a_sex_not_reported_and_no_age_read_as_neither_given() -> None:
    """ "patient; skin, melanoma": a leading noun alone read as a word left out."""
    from timeline.model import Age, Patient
    from timeline.wording import patient_line

    base = check(case())
    assert base.case is not None
    line = patient_line(attrs.evolve(base.case, patient=Patient(sex="unknown")))
    assert line.split(";")[0] == "patient (age and sex not reported)", line
    aged = patient_line(attrs.evolve(base.case, patient=Patient(sex="unknown", age=Age(52))))
    assert aged.split(";")[0] == "52-year-old patient", aged


def test_the_side_is_not_said_twice_when_the_site_names_it() -> None:
    """An anaplastic xanthoastrocytoma of the "right parietal lobe", laterality right: the
    heading read "right brain (right parietal lobe)"."""
    from timeline import check_text
    from timeline.wording import patient_line

    text = (
        "format: 1\nid: side\ndiagnosis: {date: 2012-02, site: brain (right parietal lobe),"
        " laterality: right}\nevents:\n  - {type: follow-up, date: 2013-01, status: alive}\n"
    )
    checked = check_text(text, "side.yaml")
    assert checked.case is not None
    line = patient_line(checked.case)
    assert "brain (right parietal lobe)" in line and "right brain" not in line
    left = check_text(
        text.replace("brain (right parietal lobe), laterality: right", "breast, laterality: left"),
        "l.yaml",
    )
    assert left.case is not None and "left breast" in patient_line(left.case)


def test_a_stage_of_another_system_than_tnm_is_said_with_its_system() -> None:
    """Ann Arbor IVB is not a TNM stage IVB: the system named beside the stage; TNM's own
    systems (or none named) keep the stage alone."""
    assert str(TNM(system="Ann Arbor", stage="IVB")) == "stage IVB (Ann Arbor)"
    assert str(TNM(system="FIGO", stage="IIIC2")) == "stage IIIC2 (FIGO)"
    assert str(TNM(system="UICC", t="pT3", n="pN0", m="M0", stage="IIB")) == "pT3 pN0 M0 stage IIB"
    assert str(TNM(system="AJCC 8th", stage="IV")) == "stage IV"
    assert str(TNM(stage="IV")) == "stage IV"


def test_the_blood_class_of_tnmb_staging_is_read_and_said() -> None:
    """Mycosis fungoides is staged T, N, M and B (the blood, ISCL/EORTC): "T3N0M0B0, stage IIB"
    had nowhere to put B0 ('b' was an unknown key)."""
    from timeline.wording import patient_line

    assert str(TNM(system="ISCL/EORTC", t="T3", n="N0", m="M0", b="B0", stage="IIB")) == (
        "T3N0M0B0 stage IIB (ISCL/EORTC)"
    )
    text = (
        "format: 1\nid: mf\n"
        "diagnosis: {date: 2015-03, site: skin, histology: mycosis fungoides,\n"
        "  tnm: {system: ISCL/EORTC, t: T3, n: N0, m: M0, b: B0, stage: IIB}}\n"
        "events:\n  - {id: fu, type: follow-up, date: 2016-01, status: alive}\n"
    )
    checked = check_text(text, "mf.yaml")
    assert checked.ok and not checked.problems, [p.format() for p in checked.problems]
    assert checked.case is not None and checked.case.diagnosis.tnm is not None
    assert checked.case.diagnosis.tnm.b == "B0"
    assert "T3N0M0B0 stage IIB (ISCL/EORTC)" in patient_line(checked.case)


def test_a_biomarker_value_typed_with_a_comparator_is_said_with_its_sign() -> None:
    """PD-L1 written `value: ">= 50"` was said "(>= 50 %)" by show, the tooltips and the deck."""
    from timeline.model import Biomarker

    assert Biomarker("PD-L1", "positive", value=">= 50", unit="%").text() == (
        "PD-L1 positive (≥ 50 %)"
    )
    assert Biomarker("PD-L1", None, value="<=1", unit="%").text() == "PD-L1 ≤ 1 %"
    assert Biomarker("PD-L1", None, value="≥ 50", unit="%").text() == "PD-L1 ≥ 50 %"
    assert Biomarker("Ki-67", "high", value="60", unit="%").text() == "Ki-67 high (60 %)"


def test_the_source_is_said_with_what_finds_it() -> None:
    """A deck's title slide gave the citation alone, and `show` no source at all: a class, or
    a curator checking the case, had no way back to the article."""
    from timeline.model import Source
    from timeline.summary import summary_data, summary_text

    found = Source(
        citation="A case report.  Case Rep Oncol 2024.",
        doi="10.1159/000536351",
        pmid="38357684",
        url="https://doi.org/10.1159/000536351",
    )
    assert (
        found.reference()
        == "A case report. Case Rep Oncol 2024. (doi:10.1159/000536351; PMID 38357684)"
    )
    assert Source(url="https://example.org/a").reference() == "https://example.org/a"
    assert Source().reference() == ""
    data = case()
    data["source"] = {"citation": "A case report.", "doi": "10.1/x"}
    checked = check(data)
    assert "  source     A case report. (doi:10.1/x)" in summary_text(checked).splitlines()
    assert summary_data(checked)["source"] == "A case report. (doi:10.1/x)"
    assert summary_data(check(case()))["source"] is None


def test_an_age_at_one_of_two_recurrences_does_not_name_one_site_as_the_only_one() -> None:
    """84 at a recurrence of two lesions, in a case with an earlier one: the line said "(age
    at the recurrence: left retroauricular skin)", the other lesion dropped, as if the only
    one. Sites too long to list are cut with "…"."""
    from timeline.wording import patient_line

    data = case()
    data["events"].append({"id": "rec1", "type": "recurrence", "date": "2013-01"})
    data["events"].append(
        {
            "id": "rec2",
            "type": "recurrence",
            "date": "2013-06",
            "sites": ["left retroauricular skin", "right nasolabial skin"],
        }
    )
    data["patient"] = {"sex": "male", "age": {"years": 84, "at": "rec2"}}
    checked = check(data)
    assert checked.case is not None, checked.problems
    said = patient_line(checked.case).split(";")[0]
    assert said == "84-year-old man (age at the recurrence: left retroauricular skin, …)", said
    # (without what a site's own parentheses add: cut inside them, the aside's own
    # parenthesis was lost)
    event(data, "rec2")["sites"] = ["right orbit (intraconal, next to the sclera)"]
    checked = check(data)
    assert checked.case is not None, checked.problems
    said = patient_line(checked.case).split(";")[0]
    assert said == "84-year-old man (age at the recurrence: right orbit)", said


def test_an_age_at_the_start_of_a_regimen_nests_no_parentheses() -> None:
    """61 at the start of cilta-cel: "61-year-old woman (age at the start of cilta-cel
    (ciltacabtagene autoleucel))", the agents the regimen's title spells out nested in the
    aside. The regimen is named without them."""
    from timeline.wording import patient_line

    data = case()
    event(data, "line1")["name"] = "cilta-cel"
    event(data, "line1")["exposures"] = [{"agent": "ciltacabtagene autoleucel"}]
    data["patient"] = {"sex": "female", "age": {"years": 61, "at": "line1.start"}}
    checked = check(data)
    assert checked.case is not None, checked.problems
    assert patient_line(checked.case).startswith(
        "61-year-old woman (age at the start of cilta-cel)"
    )


def test_an_age_at_a_transformation_names_what_it_became() -> None:
    """42 at a myeloma's progression as plasma-cell leukaemia, a case with two progressions:
    "(age at the progression: peripheral blood)" read as a disease named "peripheral blood".
    The progression is named by its histology."""
    from timeline.wording import patient_line

    data = case()
    data["events"].append({"id": "pd1", "type": "progression", "date": "2013-01"})
    data["events"].append(
        {
            "id": "pcl",
            "type": "progression",
            "date": "2013-06",
            "sites": ["peripheral blood"],
            "histology": "plasma-cell leukaemia",
        }
    )
    data["patient"] = {"sex": "male", "age": {"years": 42, "at": "pcl"}}
    checked = check(data)
    assert checked.case is not None, checked.problems
    said = patient_line(checked.case).split(";")[0]
    assert said == "42-year-old man (age at the progression as plasma-cell leukaemia)", said


def test_hr_proficient_is_homologous_recombination_not_a_hormone_receptor() -> None:
    """An ovarian cancer's `{name: HR, result: proficient}` was said among the hormone
    receptors ("HR proficient" beside ER and PgR); read as homologous recombination, it is
    said with the other biomarkers of the diagnosis."""
    from timeline import check_text
    from timeline.wording import patient_line

    text = (
        "format: 1\nid: hrd\ndiagnosis: {date: 2020-01, site: ovary, biomarkers:"
        " [{name: BRCA1, result: wild-type}, {name: HR, result: proficient}]}\nevents: []\n"
    )
    checked = check_text(text, "hrd.yaml")
    assert checked.case is not None
    (hr,) = [b for b in checked.case.diagnosis.biomarkers if b.name == "HR"]
    assert not hr.is_receptor
    assert "HR" not in checked.case.diagnosis.receptor_summary()
    assert "HR proficient" not in patient_line(checked.case)
    breast = text.replace("result: proficient", "result: positive")
    assert check_text(breast, "hr.yaml").case.diagnosis.receptor_summary() == "HR+"  # type: ignore[union-attr]
