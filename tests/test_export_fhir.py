"""`timeline export --to fhir`: an R4 Bundle following mCODE, every resource read back with
the fhir.resources R4B models (R4B shares R4's definitions of these resources; the package's
default models are R5)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import CASES, REFERENCE, ROOT, Ran, run_cli
from timeline import check_path, check_text
from timeline.interchange.fhir import EXTENSIONS, MCODE, fhir_bundle, fhir_json
from timeline.model import SecondPrimary

r4b = pytest.importorskip("fhir.resources.R4B")
from fhir.resources.R4B.bundle import Bundle  # noqa: E402

ALL = [check_path(str(p)) for p in CASES]


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def profiled(bundle: dict[str, Any], profile: str) -> list[dict[str, Any]]:
    return [
        e["resource"]
        for e in bundle["entry"]
        if MCODE + profile in e["resource"].get("meta", {}).get("profile", [])
    ]


def window(resource: dict[str, Any], element: str) -> dict[str, Any] | None:
    for ext in resource.get("extension", []):
        if ext["url"] == EXTENSIONS["date-window"]:
            parts = {
                p["url"]: next(v for k, v in p.items() if k.startswith("value"))
                for p in ext["extension"]
            }
            if parts["element"] == element:
                return parts
    return None


@pytest.mark.parametrize("checked", ALL, ids=lambda c: c.case.id)
def test_every_case_parses_as_r4(checked) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(fhir_json(checked))
    Bundle.model_validate(data)
    for entry in data["entry"]:
        model = r4b.get_fhir_model_class(entry["resource"]["resourceType"])
        model.model_validate(entry["resource"])  # each resource on its own too
    urls = {e["fullUrl"] for e in data["entry"]}
    assert len(urls) == len(data["entry"])
    assert len(
        {(e["resource"]["resourceType"], e["resource"]["id"]) for e in data["entry"]}
    ) == len(urls)
    text = json.dumps(data)
    for ref in __import__("re").findall(r'"reference": "([^"]+)"', text):
        assert ref in urls, f"{ref} resolves inside the Bundle"
    assert len(profiled(data, "mcode-cancer-patient")) == 1
    # the case's cancer, and each second primary cancer as a primary cancer of its own
    seconds = sum(isinstance(e, SecondPrimary) for e in checked.case.events)
    assert len(profiled(data, "mcode-primary-cancer-condition")) == 1 + seconds
    exposures = sum(len(r.exposures) for r in checked.case.regimens())
    meds = profiled(data, "mcode-cancer-related-medication-administration")
    assert len(meds) == exposures
    # (an intent the source does not give is not written)
    stated = sum(len(r.exposures) for r in checked.case.regimens() if r.intent != "unknown")
    for med in meds:
        assert med["reasonReference"] and "effectivePeriod" in med
    said = [
        med
        for med in meds
        if any(x["url"] == MCODE + "mcode-procedure-intent" for x in med.get("extension", []))
    ]
    assert len(said) == stated
    if checked.schedule.relative:  # no calendar date is made up
        assert '"effectiveDateTime"' not in text and '"performedDateTime"' not in text
        assert all(window(m, "start") is not None for m in meds)


def test_reference_case() -> None:
    data = fhir_bundle(check_path(str(REFERENCE)))
    tnm = {
        r["meta"]["profile"][0].removeprefix(MCODE): r
        for r in resources(data, "Observation")
        if "tnm" in r["meta"]["profile"][0]
    }
    assert tnm["mcode-tnm-primary-tumor-category"]["valueCodeableConcept"]["text"] == "pT3"
    assert tnm["mcode-tnm-primary-tumor-category"]["code"]["coding"][0]["code"] == "21899-0"
    assert tnm["mcode-tnm-stage-group"]["valueCodeableConcept"]["text"] == "IIB"
    assert len(tnm["mcode-tnm-stage-group"]["hasMember"]) == 3
    status = {r["id"]: r for r in profiled(data, "mcode-cancer-disease-status")}
    recurrence = status["cr000-paclitaxel-bevacizumab-recurrence"]
    assert recurrence["effectiveDateTime"] == "2007-08"  # partial dates stay partial
    assert window(recurrence, "effective") is None
    assert (
        status["cr000-paclitaxel-bevacizumab-cr-2008"]["valueCodeableConcept"]["coding"][0]["code"]
        == "550991000124107"
    )
    meds = {m["id"]: m for m in profiled(data, "mcode-cancer-related-medication-administration")}
    toremifene = meds["cr000-paclitaxel-bevacizumab-toremifene.toremifene"]
    # known only within a window (as `show` prints it): the plausible day, with the window
    start = window(toremifene, "start")
    assert start is not None
    assert (start["earliest"], start["latest"]) == ("2007-08-01", "2007-11-30")
    assert toremifene["effectivePeriod"]["start"] == start["plausible"]
    cef = meds["cr000-paclitaxel-bevacizumab-cef.epirubicin"]
    intent = next(x for x in cef["extension"] if x["url"].endswith("procedure-intent"))
    assert intent["valueCodeableConcept"]["coding"][0]["code"] == "373808002"
    anastrozole = meds["cr000-paclitaxel-bevacizumab-anastrozole.anastrozole"]
    ended = next(x for x in anastrozole["extension"] if x["url"].endswith("termination-reason"))
    assert ended["valueCodeableConcept"]["text"] == "progression"
    lines = [
        x["valueInteger"]
        for m in meds.values()
        for x in m["extension"]
        if x["url"] == EXTENSIONS["line-of-therapy"]
    ]
    assert sorted(set(lines)) == [1, 2, 3, 4]
    condition = resources(data, "Condition")[0]
    assert condition["onsetDateTime"] == "2004-09"
    assert any(x["url"] == EXTENSIONS["resistance"] for x in condition["extension"])
    markers = {r["code"]["text"]: r for r in profiled(data, "mcode-tumor-marker-test")}
    assert markers["CEA"]["code"]["coding"][0]["code"] == "2039-6"
    assert markers["ER"]["valueCodeableConcept"]["text"] == "ER positive"


def test_output_is_stable() -> None:
    checked = check_path(str(REFERENCE))
    assert fhir_json(checked) == fhir_json(check_path(str(REFERENCE)))


def run(*args: str) -> Ran:
    """``timeline export ARGS``, in this process, from the project's folder."""
    return run_cli("export", *args, cwd=ROOT)


def test_cli(tmp_path: Path) -> None:
    one = run(str(REFERENCE), "--to", "fhir", "-o", str(tmp_path / "cr000.json"))
    assert one.returncode == 0, one.stderr
    assert json.loads((tmp_path / "cr000.json").read_text())["resourceType"] == "Bundle"
    many = run("cases/", "--to", "fhir", "-o", str(tmp_path / "bundles"))
    assert many.returncode == 0, many.stderr
    assert len(list((tmp_path / "bundles").glob("*.fhir.json"))) == len(CASES)
    shown = run(str(REFERENCE), "--to", "fhir", "-o", "-")
    assert shown.returncode == 0 and json.loads(shown.stdout)["type"] == "collection"
    refused = run("cases/", "--to", "fhir", "-o", str(tmp_path / "all.json"))
    assert refused.returncode == 2 and "give a folder" in refused.stderr


def test_a_marker_given_as_a_bound_keeps_its_comparator() -> None:
    """A prostate report: PSA "< 2 ng/mL" after six cycles. The value had to be a number, so the
    reading could not be recorded; it is a bound, shown as such and exported as FHIR's
    Quantity.comparator (a valid R4 resource)."""
    from conftest import DOCETAXEL_2012, check

    text = f"""
id: bound
{DOCETAXEL_2012}  - id: r
    type: response
    date: 2012-08
    category: unknown
    authors_term: PSA fell
    markers:
      - {{name: PSA, value: "< 2", unit: ng/mL}}
      - {{name: CEA, value: ">=0.5"}}
      - {{name: CA 19-9, value: 12}}
"""
    checked = check(text)
    assert checked.ok, [p.format() for p in checked.problems]
    (r,) = [e for e in checked.case.events if e.id == "r"]  # type: ignore[union-attr]
    assert [str(m) for m in r.markers] == ["PSA < 2 ng/mL", "CEA ≥ 0.5", "CA 19-9 12"]
    data = json.loads(fhir_json(checked))
    quantities = {
        o["code"]["text"]: o["valueQuantity"]
        for o in resources(data, "Observation")
        if "valueQuantity" in o
    }
    assert quantities["PSA"]["comparator"] == "<" and quantities["PSA"]["value"] == 2
    assert quantities["CEA"]["comparator"] == ">="
    assert "comparator" not in quantities["CA 19-9"]
    for o in resources(data, "Observation"):
        r4b.get_fhir_model_class("Observation").model_validate(o)
    bad = check(text.replace('"< 2"', '"about 2"'))
    assert [p.code for p in bad.problems] == ["S003"]
    assert "or a bound: '< 2'" in bad.problems[0].message


def test_an_intent_the_source_does_not_give_is_not_written() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    at = text.index("intent: advanced", text.index("id: ptx-bev"))
    changed = text[:at] + "intent: unknown" + text[at + len("intent: advanced") :]
    data = fhir_bundle(check_text(changed, str(REFERENCE)))
    meds = {m["id"]: m for m in profiled(data, "mcode-cancer-related-medication-administration")}

    def intents(key: str) -> list[Any]:
        return [x for x in meds[key].get("extension", []) if x["url"].endswith("procedure-intent")]

    assert intents("cr000-paclitaxel-bevacizumab-ptx-bev.bevacizumab") == []
    assert intents("cr000-paclitaxel-bevacizumab-toremifene.toremifene")


def test_a_stage_of_another_system_is_exported_without_a_tnm_code() -> None:
    text = (
        "format: 1\nid: aa\ndiagnosis: {date: 2010-01, histology: diffuse large B-cell lymphoma,"
        " tnm: {system: Ann Arbor, stage: IVB}}\nevents: []\n"
    )
    bundle = fhir_bundle(check_text(text, "aa.yaml"))
    (stage,) = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    ]
    assert stage["code"] == {"text": "Ann Arbor stage"}
    assert "meta" not in stage  # not mCODE's TNM stage group
    assert stage["valueCodeableConcept"] == {"text": "IVB"}


def test_a_transformation_keeps_its_histology_in_a_note() -> None:
    """A progression as another histology (kim2003: a marginal zone lymphoma transformed to a
    diffuse large B-cell lymphoma) is a disease status whose note says the histology."""
    path = next(p for p in CASES if p.stem.startswith("kim2003-"))
    bundle = fhir_bundle(check_path(str(path)))
    notes = [
        n["text"]
        for r in profiled(bundle, "mcode-cancer-disease-status")
        for n in r.get("note", [])
    ]
    assert "Histology: diffuse large B-cell lymphoma" in notes, notes


def test_a_tumour_marker_known_by_its_direction_alone_is_said_and_exported() -> None:
    """ "After treatment, the PSA level decreased significantly", no value: the format had no
    place for it on the response (S003 sent it to a separate biomarker event, which the deck
    then said twice). It is ``change: decreased``: said in `show`, exported as a FHIR
    Observation with its direction in words, and as a cBioPortal lab row."""
    from fhir.resources.R4B import get_fhir_model_class

    from timeline.interchange.cbioportal import timeline_rows
    from timeline.summary import summary_text

    text = (
        "format: 1\nid: psa\ndiagnosis: {date: 2019-01}\nevents:\n"
        "  - {id: l1, type: regimen, intent: advanced, start: 2019-02, end: 2019-08,"
        " end_reason: progression, agents: [docetaxel]}\n"
        "  - {id: r, type: response, date: 2019-05, category: unknown,"
        " authors_term: the PSA level decreased significantly,"
        " markers: [{name: PSA, change: decreased}, {name: CEA, value: 12, unit: ng/mL,"
        " change: increased}]}\n"
        "  - {id: pd, type: progression, date: 2019-08}\n"
    )
    checked = check_text(text, "psa.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert "(PSA decreased, CEA 12 ng/mL (increased);" in summary_text(checked)
    observations = {
        e["resource"]["code"]["text"]: e["resource"]
        for e in fhir_bundle(checked)["entry"]
        if e["resource"]["resourceType"] == "Observation" and "code" in e["resource"]
    }
    psa, cea = observations["PSA"], observations["CEA"]
    assert psa["valueCodeableConcept"] == {"text": "decreased"} and "valueQuantity" not in psa
    assert cea["valueQuantity"]["value"] == 12 and cea["interpretation"] == [{"text": "increased"}]
    for resource in (psa, cea):
        get_fhir_model_class("Observation").model_validate(resource)
    labs = {r["TEST"]: r["RESULT"] for r in timeline_rows(checked)["LAB_TEST"]}
    assert labs == {"PSA": "decreased", "CEA": "12"}


def test_metastases_at_the_diagnosis_are_secondary_cancer_conditions() -> None:
    """ "Stage IV with liver and lung metastases at presentation": each site a
    SecondaryCancerCondition tied to the primary, dated as the diagnosis, and the bundle
    still reads as R4."""
    text = (
        "format: 1\nid: mets\ndiagnosis: {date: 2019-03, site: colon, histology: adenocarcinoma,"
        " metastases: [liver, lung]}\nevents: []\n"
    )
    bundle = fhir_bundle(check_text(text, "mets.yaml"))
    Bundle.model_validate(bundle)
    (primary,) = profiled(bundle, "mcode-primary-cancer-condition")
    primary_url = next(e["fullUrl"] for e in bundle["entry"] if e["resource"] is primary)
    secondary = profiled(bundle, "mcode-secondary-cancer-condition")
    assert [r["bodySite"] for r in secondary] == [[{"text": "liver"}], [{"text": "lung"}]]
    for r in secondary:
        assert r["code"]["coding"][0]["code"] == "128462008"
        assert r["onsetDateTime"] == "2019-03"
        (related,) = [
            x for x in r["extension"] if x["url"].endswith("related-primary-cancer-condition")
        ]
        assert related["valueReference"] == {"reference": primary_url}
    assert len({r["id"] for r in secondary}) == 2
