"""`timeline export --to swimmer-csv`: one row per bar or event, plausible day and window."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import CASES, REFERENCE, ROOT, Ran, case, check, run_cli
from timeline import check_path
from timeline.interchange.common import ExportError
from timeline.interchange.swimmer import COLUMNS, swimmer_csv, swimmer_rows


def run(*args: str) -> Ran:
    """``timeline export ARGS``, in this process, from the project's folder."""
    return run_cli("export", *args, cwd=ROOT)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_case_exports(path: Path) -> None:
    checked = check_path(str(path))
    rows = swimmer_rows(checked)
    assert len(rows) == len(checked.case.events)
    for row in rows:
        assert list(row) == list(COLUMNS)
        # (a day for every event but one the case leaves without any, said uncertain)
        assert row["start_day"] or row["uncertain"] == "true", row
        if row["uncertain"] == "false":
            assert row["start_day_earliest"] == row["start_day"] == row["start_day_latest"]
        if checked.schedule.relative:
            assert row["start"] == ""  # no calendar date is pretended
        lo, hi = row["start_day_earliest"], row["start_day_latest"]
        if lo:
            assert int(lo) <= int(row["start_day"])
        if hi:
            assert int(row["start_day"]) <= int(hi)


def test_reference_case_rows() -> None:
    rows = {r["event"]: r for r in swimmer_rows(check_path(str(REFERENCE)))}
    recurrence = rows["recurrence"]  # the source gives only the month: 2007-08
    assert recurrence["lane"] == "disease"
    assert (recurrence["start_earliest"], recurrence["start_latest"]) == (
        "2007-08-01",
        "2007-08-31",
    )
    assert recurrence["uncertain"] == "true"
    bar = rows["ptx-bev"]
    assert bar["lane"] == "therapy" and bar["kind"] == "regimen"
    assert bar["agents"] == "paclitaxel+bevacizumab" and bar["line"]
    assert bar["label"].startswith(f"L{bar['line']} ")
    assert rows["cef"]["line"] == "" and rows["cef"]["intent"] == "adjuvant"
    # CEF's dates are the file's reading (the report dates only the surgery); the
    # recurrence's month is the report's own
    assert rows["cef"]["inferred"] == "start+end" and rows["anastrozole"]["inferred"] == "start+end"
    assert recurrence["inferred"] == "" and bar["inferred"] == ""


def test_a_toxicity_that_lasted_is_a_bar() -> None:
    data = case()
    data["events"].append(
        {
            "id": "neuropathy",
            "type": "toxicity",
            "start": "2012-08-01",
            "end": {"from": "neuropathy", "offset": "14 weeks"},
            "term": "Peripheral sensory neuropathy",
            "grade": 2,
            "agent": "letrozole",
        }
    )
    checked = check(data)
    assert checked.ok, [p.format() for p in checked.problems]
    row = next(r for r in swimmer_rows(checked) if r["event"] == "neuropathy")
    assert (row["start"], row["end"]) == ("2012-08-01", "2012-11-07")
    assert row["lane"] == "toxicity" and row["label"].endswith("(grade 2)")


def test_table_parses_back() -> None:
    data = swimmer_csv([check_path(str(p)) for p in CASES])
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert {r["case"] for r in table} == {p.stem for p in CASES}


def test_case_with_errors_is_refused() -> None:
    broken = check({"format": 1, "id": "x", "diagnosis": {"date": "2011-13"}, "events": []})
    with pytest.raises(ExportError):
        swimmer_rows(broken)


def test_cli_writes_one_table(tmp_path: Path) -> None:
    out = run("cases/", "--to", "swimmer-csv", "-o", str(tmp_path / "t.csv"))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "t.csv").read_text().startswith("case,lane,label,")
    assert not list(tmp_path.glob(".timeline-*")), "no temporary file left"
    shown = run(str(REFERENCE), "--to", "swimmer-csv", "-o", "-")
    assert shown.returncode == 0 and shown.stdout.startswith("case,lane,")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--to", "swimmer-csv", "-o", "out/"], "ending in .csv"),
        (["--to", "cbioportal", "-o", "x.txt"], "give a folder"),
        (["--to", "fhir", "-o", "x.xml"], "is JSON"),
        (["--to", "pdf", "-o", "x"], "invalid choice"),
        (
            ["--to", "cbioportal", "-o", "study", "--study", "a b"],
            "cannot be a cBioPortal study id",
        ),
    ],
)
def test_cli_usage_errors(args: list[str], said: str) -> None:
    out = run(str(REFERENCE), *args)
    assert out.returncode == 2 and said in out.stderr, out.stderr


def test_cli_reports_a_missing_case(tmp_path: Path) -> None:
    bad = run(str(tmp_path / "missing.yaml"), "--to", "swimmer-csv", "-o", str(tmp_path / "t.csv"))
    assert bad.returncode == 1 and "Y009" in bad.stderr


def test_an_event_with_no_day_is_said_uncertain() -> None:
    """negrier2018's MET mutation has no day at all ({at: unknown}, no follow-up to bound it):
    its row had empty days and 'uncertain' false, as if its date were known."""
    checked = check_path(str(ROOT / "cases" / "negrier2018-rcc-brain-nivolumab-cabozantinib.yaml"))
    (row,) = [r for r in swimmer_rows(checked) if r["event"] == "met-mutation"]
    assert row["start_day"] == "" and row["uncertain"] == "true"


def test_an_ongoing_regimen_is_a_bar_to_the_last_follow_up() -> None:
    """S-1 given for four years and still given at the last follow-up had an empty end_day,
    so the documented recipe ("bars are the rows with an end_day") drew it as a point."""
    import yaml

    checked = check(
        yaml.safe_load(
            """
id: ongoing
diagnosis: {date: 2020-01}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2020-02, end_reason: ongoing,
     agents: [docetaxel]}
  - {id: fu, type: follow-up, date: 2023-02, status: alive}
"""
        )
    )
    rows = {r["event"]: r for r in swimmer_rows(checked)}
    assert rows["l1"]["ongoing"] == "true"
    assert rows["l1"]["end_day"] == rows["fu"]["start_day"] != ""
