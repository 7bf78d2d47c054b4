"""`timeline export --to cbioportal`: timeline data and meta files per event type, and the
clinical patient file with its four header lines, as cBioPortal's file formats describe them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CASES, REFERENCE, ROOT
from timeline import check_path
from timeline.interchange.cbioportal import EVENT_TYPES, cbioportal_files, columns, timeline_rows
from timeline.interchange.common import ExportError

ALL = [check_path(str(p)) for p in CASES]


def table(data: bytes) -> list[dict[str, str]]:
    lines = [line for line in data.decode("utf-8").split("\n") if line]
    body = [line for line in lines if not line.startswith("#")]
    header = body[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in body[1:]]
    return rows


@pytest.mark.parametrize("checked", ALL, ids=lambda c: c.case.id)
def test_every_case_exports(checked) -> None:  # type: ignore[no-untyped-def]
    rows = timeline_rows(checked)
    assert rows["TREATMENT"], "every case has a treatment"
    for kind, found in rows.items():
        for row in found:
            assert list(row) == list(columns(kind))
            assert row["PATIENT_ID"] == checked.case.id and row["EVENT_TYPE"] == kind
            int(row["START_DATE"])
            if kind != "TREATMENT":
                assert row["STOP_DATE"] == "", "a time point has a blank STOP_DATE"
            for lo, hi, day in (
                ("START_DATE_EARLIEST", "START_DATE_LATEST", "START_DATE"),
                ("STOP_DATE_EARLIEST", "STOP_DATE_LATEST", "STOP_DATE"),
            ):
                if row[lo] and row[day]:
                    assert int(row[lo]) <= int(row[day])
                if row[hi] and row[day]:
                    assert int(row[day]) <= int(row[hi])


def test_study_files() -> None:
    files = cbioportal_files(ALL, "case_reports")
    assert {"meta_study.txt", "data_clinical_patient.txt", "meta_clinical_patient.txt"} <= set(
        files
    )
    for kind in EVENT_TYPES:
        data, meta = f"data_timeline_{kind.lower()}.txt", f"meta_timeline_{kind.lower()}.txt"
        assert data in files and meta in files
        assert files[meta].decode().splitlines() == [
            "cancer_study_identifier: case_reports",
            "genetic_alteration_type: CLINICAL",
            "datatype: TIMELINE",
            f"data_filename: {data}",
        ]
        header = files[data].decode().split("\n")[0].split("\t")
        assert header[:4] == ["PATIENT_ID", "START_DATE", "STOP_DATE", "EVENT_TYPE"]
        assert {r["EVENT_TYPE"] for r in table(files[data])} == {kind}


def test_clinical_patient_file() -> None:
    files = cbioportal_files(ALL, "case_reports")
    lines = files["data_clinical_patient.txt"].decode().split("\n")
    assert all(line.startswith("#") for line in lines[:4])
    assert lines[2] == "#STRING\tSTRING\tNUMBER\tSTRING\tNUMBER\tSTRING\tNUMBER"
    assert lines[4].split("\t")[:5] == [
        "PATIENT_ID",
        "OS_STATUS",
        "OS_MONTHS",
        "DFS_STATUS",
        "DFS_MONTHS",
    ]
    rows = {r["PATIENT_ID"]: r for r in table(files["data_clinical_patient.txt"])}
    assert set(rows) == {c.case.id for c in ALL}
    ref = rows["cr000-paclitaxel-bevacizumab"]
    assert ref["OS_STATUS"] == "0:LIVING" and ref["DFS_STATUS"] == "1:Recurred/Progressed"
    assert 34 < float(ref["DFS_MONTHS"]) < 36  # mastectomy 2004-09 to recurrence 2007-08
    dead = rows["taniguchi2018-egfr-osimertinib-sclc"]
    # died, but the diagnosis date has an open window: show says "not computable", so NA
    assert dead["OS_STATUS"] == "1:DECEASED" and dead["OS_MONTHS"] == "NA"
    # the vital status was not recorded: never exported as living
    unknown = rows["bmccancer2017-crc-cetuximab-rechallenge"]
    assert unknown["OS_STATUS"] == "NA"
    # AGE is the age at diagnosis in cBioPortal: an age the case gives at a recurrence 17
    # years on is not one
    assert (
        ref["AGE"] == "68"
        and rows["kim2009-granulosa-cell-tumor-paclitaxel-carboplatin-leuprorelin"]["AGE"] == "NA"
    )
    assert {r["OS_STATUS"] for r in rows.values()} <= {"0:LIVING", "1:DECEASED", "NA"}
    assert {r["DFS_STATUS"] for r in rows.values()} <= {
        "0:DiseaseFree",
        "1:Recurred/Progressed",
        "NA",
    }
    assert files["meta_clinical_patient.txt"].decode().splitlines()[1:3] == [
        "genetic_alteration_type: CLINICAL",
        "datatype: PATIENT_ATTRIBUTES",
    ]


def test_reference_case_rows() -> None:
    rows = timeline_rows(check_path(str(REFERENCE)))
    status = {r["EVENT_ID"]: r for r in rows["STATUS"]}
    assert status["recurrence"]["STATUS"] == "Recurrence"
    assert status["cr-2008"]["STATUS"] == "CR"
    agents = {(r["REGIMEN"], r["AGENT"]): r for r in rows["TREATMENT"]}
    ptx = agents[("ptx-bev", "bevacizumab")]
    assert ptx["TREATMENT_TYPE"] == "Medical Therapy" and ptx["SUBTYPE"] == "Targeted Therapy"
    assert agents[("anastrozole", "anastrozole")]["SUBTYPE"] == "Hormone Therapy"
    assert {r["TEST"] for r in rows["LAB_TEST"]} == {"CEA", "CA 15-3"}
    # the recurrence is known to the month: its window is in the extra columns
    rec = status["recurrence"]
    assert int(rec["START_DATE_LATEST"]) - int(rec["START_DATE_EARLIEST"]) == 30


def test_bad_study_id() -> None:
    with pytest.raises(ExportError):
        cbioportal_files(ALL[:1], "no spaces allowed")


def test_cli_writes_the_study(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "timeline", "export", "cases/", "--to", "cbioportal", "-o",
         str(tmp_path / "study"), "--study", "reports"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert (
        (tmp_path / "study" / "meta_timeline_status.txt")
        .read_text()
        .startswith("cancer_study_identifier: reports\n")
    )
    assert not list((tmp_path / "study").glob(".timeline-*"))


def test_an_event_with_no_date_is_left_out_and_said() -> None:
    """negrier2018: a MET mutation found "on sequencing", undated ({at: unknown}) in a case
    with no follow-up to bound it, was written with an empty START_DATE, which cBioPortal (and
    this project's import) refuses."""
    from timeline.interchange.cbioportal import left_out

    checked = check_path(str(ROOT / "cases" / "negrier2018-rcc-brain-nivolumab-cabozantinib.yaml"))
    assert left_out(checked) == ["'met-mutation'"]
    rows = [r for rows in timeline_rows(checked).values() for r in rows]
    assert rows and all(r["START_DATE"].strip() for r in rows)
    assert not any(r["EVENT_ID"] == "met-mutation" for r in rows)
