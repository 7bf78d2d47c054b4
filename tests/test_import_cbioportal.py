"""`timeline import cbioportal`: timeline files back to cases, dates in days from the
diagnosis; export, import and export again gives the same rows for every case."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CASES, ROOT
from timeline import Severity, check_path, check_text
from timeline.interchange.cbioportal import (
    _WINDOW,
    ImportError_,
    cbioportal_files,
    import_timeline,
    timeline_rows,
)
from timeline.wording import age_when

ALL = [check_path(str(p)) for p in CASES]


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("study")
    for name, data in cbioportal_files(ALL, "case_reports").items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def imported(study: Path) -> dict[str, str]:
    """Every case of the study read back, once for the module (a read of the whole study
    takes most of a second)."""
    return import_timeline([str(study)])


def rows(checked, windows: bool) -> dict[str, list[tuple[tuple[str, str], ...]]]:  # type: ignore[no-untyped-def]
    out = {}
    for kind, found in timeline_rows(checked).items():
        out[kind] = sorted(
            tuple((k, v) for k, v in r.items() if windows or k not in _WINDOW) for r in found
        )
    return out


def _numbered_as_drawn(checked) -> bool:  # type: ignore[no-untyped-def]
    """Whether the numbered lines of a case start in the order of their numbers on its
    plausible schedule."""
    plan = checked.schedule
    days = [plan.start(ln.regimen).day for ln in checked.lines if ln.number is not None]
    return days == sorted(days)


def _unnumbered(found):  # type: ignore[no-untyped-def]
    """The rows without their line numbers."""
    return {k: sorted(tuple(x for x in r if x[0] != "LINE") for r in v) for k, v in found.items()}


@pytest.mark.parametrize("original", ALL, ids=lambda c: c.case.id)
def test_round_trip(original, imported: dict[str, str], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = imported[original.case.id]
    again = check_text(text, f"{original.case.id}.yaml")
    assert not [p.format() for p in again.problems if p.severity is Severity.ERROR]
    assert again.schedule.relative  # days from a diagnosis whose date is not given
    if _numbered_as_drawn(original):
        assert rows(again, windows=False) == rows(original, windows=False)
    else:
        # lines the dates do not order, numbered in the file's order (hilal: L008
        # acknowledged), come back numbered in the order of the days exported, which the
        # imported file states; all else is the same
        assert _unnumbered(rows(again, windows=False)) == _unnumbered(rows(original, windows=False))
        plan = again.schedule
        days = [plan.start(ln.regimen).day for ln in again.lines if ln.number is not None]  # type: ignore[union-attr]
        assert days == sorted(days)
    # a second round trip is exact, windows included (the import gives exact days)
    second = tmp_path / "second"
    second.mkdir()
    for name, data in cbioportal_files([again], "case_reports").items():
        (second / name).write_bytes(data)
    text2 = import_timeline([str(second)])[original.case.id]
    assert rows(check_text(text2, "x.yaml"), windows=True) == rows(again, windows=True)


def test_the_patient_file_gives_sex_and_age(
    study: Path, imported: dict[str, str], tmp_path: Path
) -> None:
    by_folder = imported
    for original in ALL:
        again = check_text(by_folder[original.case.id], "x.yaml")
        assert again.case is not None
        assert again.case.patient.sex == original.case.patient.sex
        age = original.case.patient.age
        # (an age the case gives at a later event than the diagnosis is no AGE: none comes back)
        at_diagnosis = age is not None and not age_when(original.case)
        assert (again.case.patient.age.years if again.case.patient.age else None) == (
            age.years if at_diagnosis and age is not None else None
        )
    # named among the files, the patient file is read as one, not as a timeline file
    files = sorted(str(p) for p in study.glob("data_*.txt"))
    assert import_timeline(files) == by_folder
    # without it, no patient is guessed
    bare = import_timeline([p for p in files if "clinical_patient" not in p])
    assert "patient:" not in bare["cr000-paclitaxel-bevacizumab"]
    # a patient file without the column it needs is a located error
    bad = tmp_path / "data_clinical_patient.txt"
    bad.write_text("#a\n#b\n#c\n#d\nSEX\tAGE\nFemale\t50\n")
    with pytest.raises(ImportError_, match=r"data_clinical_patient.txt:5: not a clinical patient"):
        import_timeline([*files[:1], str(bad)])


def test_windows_are_kept_in_notes(imported: dict[str, str]) -> None:
    text = imported["cr000-paclitaxel-bevacizumab"]
    assert "Uncertain in the exported source: start between day 1055 and day 1085" in text


def test_dates_are_offsets_from_the_diagnosis(tmp_path: Path) -> None:
    tsv = tmp_path / "t.txt"
    tsv.write_text(
        "PATIENT_ID\tSTART_DATE\tSTOP_DATE\tEVENT_TYPE\tTREATMENT_TYPE\tAGENT\tSTATUS\n"
        "P-1\t30\t120\tTREATMENT\tMedical Therapy\tpaclitaxel\t\n"
        "P-1\t60\t\tSTATUS\t\t\tPR\n"
        "P-1\t120\t\tSTATUS\t\t\tProgression\n"
    )
    text = import_timeline([str(tsv)])["P-1"]
    checked = check_text(text, "P-1.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert "offset: 30 days" in text and "offset: 120 days" in text
    reg = checked.case.regimens()[0]
    # (no INTENT and no LINE: what it was given for is not said)
    assert reg.agent_names() == ("paclitaxel",) and reg.intent == "unknown"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("A\tB\n1\t2\n", "no column PATIENT_ID"),
        ("PATIENT_ID\tSTART_DATE\tSTOP_DATE\tEVENT_TYPE\nP\tsoon\t\tSTATUS\n", ":2: START_DATE"),
        ("PATIENT_ID\tSTART_DATE\tSTOP_DATE\tEVENT_TYPE\n1x\t3\t\tSTATUS\n", "cannot be a case id"),
        (
            "PATIENT_ID\tSTART_DATE\tSTOP_DATE\tEVENT_TYPE\nP\t3\t\tSPECIMEN\n",
            "EVENT_TYPE 'SPECIMEN'",
        ),
        ("PATIENT_ID\tSTART_DATE\tSTOP_DATE\tEVENT_TYPE\nP\t3\t\tSTATUS\n", ":2: a STATUS row"),
        ("", "empty"),
    ],
)
def test_located_errors(tmp_path: Path, text: str, said: str) -> None:
    tsv = tmp_path / "t.txt"
    tsv.write_text(text)
    with pytest.raises(ImportError_) as info:
        import_timeline([str(tsv)])
    assert said in str(info.value) and str(tsv) in str(info.value)


def test_cli_imports_and_never_replaces(study: Path, tmp_path: Path) -> None:
    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "timeline", "import", "cbioportal", str(study), "-o",
             str(tmp_path / "cases")],
            capture_output=True, text=True, cwd=ROOT, check=False,
        )  # fmt: skip

    first = run()
    assert first.returncode == 0, first.stderr
    assert len(list((tmp_path / "cases").glob("*.yaml"))) == len(CASES)
    before = (tmp_path / "cases" / "cr000-paclitaxel-bevacizumab.yaml").read_bytes()
    second = run()
    assert second.returncode == 1 and "exists; not replaced" in second.stderr
    assert (tmp_path / "cases" / "cr000-paclitaxel-bevacizumab.yaml").read_bytes() == before
    missing = subprocess.run(
        [sys.executable, "-m", "timeline", "import", "cbioportal", "nowhere.txt", "-o", "x"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert missing.returncode == 1 and "Y009" in missing.stderr


@pytest.mark.parametrize(
    ("prior", "lines", "back"),
    [("prior_lines: 2", ["3", "4"], 2), ("prior_lines: {at_least: 2}", ["", ""], "unknown")],
)
def test_lines_before_the_first_recorded_go_and_come_back(
    prior: str, lines: list[str], back: object, tmp_path: Path
) -> None:
    """A LINE is written only when it is known exactly, and read back as the lines before
    the first one the files give (a LINE of 3 first: two before it; none: not known)."""
    import yaml

    text = (
        f"format: 1\nid: prior\ndiagnosis: {{date: 2015-01}}\n{prior}\nevents:\n"
        "  - {id: a, type: regimen, intent: advanced, start: 2019-02, end: 2019-09,"
        " end_reason: progression, agents: [eribulin]}\n"
        "  - {id: pd, type: progression, date: 2019-09}\n"
        "  - {id: b, type: regimen, intent: advanced, start: 2019-10, end_reason: ongoing,"
        " agents: [trastuzumab deruxtecan]}\n"
        "  - {id: fu, type: follow-up, date: 2020-06, status: alive}\n"
    )
    checked = check_text(text, "prior.yaml")
    found = [r["LINE"] for r in timeline_rows(checked)["TREATMENT"]]
    assert sorted(found) == sorted(lines), found
    for name, data in cbioportal_files([checked], "case_reports").items():
        (tmp_path / name).write_bytes(data)
    again = yaml.safe_load(import_timeline([str(tmp_path)])["prior"])
    assert again["prior_lines"] == back
    assert check_text(import_timeline([str(tmp_path)])["prior"], "again.yaml").ok


def test_a_treatment_row_with_neither_intent_nor_line_is_of_unknown_intent(tmp_path: Path) -> None:
    """A numbered line is therapy for advanced disease; a row that gives neither its intent nor
    its line says nothing of what the drug was given for, and is not read as a line."""
    tsv = tmp_path / "t.txt"
    tsv.write_text(
        "PATIENT_ID\tSTART_DATE\tSTOP_DATE\tEVENT_TYPE\tTREATMENT_TYPE\tAGENT\tLINE\tSTATUS\n"
        "P-1\t30\t120\tTREATMENT\tMedical Therapy\tpaclitaxel\t\t\n"
        "P-1\t150\t300\tTREATMENT\tMedical Therapy\tcapecitabine\t2\t\n"
        "P-1\t320\t\tSTATUS\t\t\t\tProgression\n"
    )
    checked = check_text(import_timeline([str(tsv)])["P-1"], "P-1.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert [r.intent for r in checked.case.regimens()] == ["unknown", "advanced"]
    assert [ln.label for ln in checked.lines] == ["intent unknown", "L≥2"]
