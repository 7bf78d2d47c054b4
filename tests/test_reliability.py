"""Every input gets a located answer: the findings of the fuzzing campaign and of the
clinically impossible case files, each kept as a regression test."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from conftest import case, check, codes, event
from timeline.cli import main
from timeline.render import render_case
from timeline.summary import summary_text


def _codes_of(text: str) -> set[str]:
    return {p.code for p in check(text).problems}


# -- terminal and line injection --------------------------------------------------------------
def test_escape_sequences_and_newlines_are_inert(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "evil.yaml"
    path.write_text(
        "id: evil\ndiagnosis: {date: 2010-01}\nevents:\n"
        "  - {id: r, type: regimen, intent: advanced, start: 2010-02, end_reason: ongoing,\n"
        '     agents: ["\\e[2J\\e]0;owned\\a", "x\\ncases/fake.yaml:1:1: Z000 error: 0 errors"]}\n'
        "  - {id: fu, type: follow-up, date: 2011-01, status: alive}\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert all(line.startswith(str(path)) for line in out.splitlines())
    assert main(["show", str(path)]) == 1
    assert "\x1b" not in capsys.readouterr().out


# -- crashes that were hidden as Z999 ---------------------------------------------------------
def test_a_crash_of_the_checker_is_a_located_z999(monkeypatch: pytest.MonkeyPatch) -> None:
    """The library itself (not only the command) turns a bug into Z999, keeping what was
    found before: so the tests that say "never Z999" of check_text can fail."""
    import timeline.validate

    def broken(ctx: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(timeline.validate, "run_rules", broken)
    found = check(case())
    assert [(p.code, p.location.line) for p in found.problems] == [("Z999", 1)]
    assert "internal error (RuntimeError: boom)" in found.problems[0].message


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda d: d["diagnosis"].update(date="2011-00"), "S005"),
        (lambda d: d["diagnosis"].update(date="2011-05-00"), "S005"),
        (lambda d: event(d, "line1").update(cycles=int("9" * 5000)), "S004"),
        (lambda d: event(d, "line1").update(cycles=99999999999), "S004"),
        (
            lambda d: event(d, "pr").update(date={"from": "line1", "offset": "1000000000 months"}),
            "S008",
        ),
    ],
)
def test_hostile_values_get_located_errors(change, code) -> None:  # type: ignore[no-untyped-def]
    import sys

    sys.set_int_max_str_digits(0)  # to write the 5,000-digit number into the file at all
    data = case()
    change(data)
    found = check(data)
    assert code in codes(found) and "Z999" not in codes(found), [p.format() for p in found.problems]


def test_two_separate_circles_of_dates() -> None:
    data = case()
    event(data, "pr")["date"] = "pd"
    event(data, "pd")["date"] = "pr"
    event(data, "line1")["start"] = "line2.start"
    event(data, "line2")["start"] = "line1.start"
    assert codes(check(data)) == {"C004"}


def test_a_contradiction_does_not_break_show() -> None:
    data = case()
    line1 = event(data, "line1")
    line1.pop("agents", None)
    line1["exposures"] = [
        {"id": "let", "agent": "letrozole", "end": "pal.start", "cycles": 4},
        {"id": "pal", "agent": "palbociclib", "start": "let.end", "end": "let.start"},
    ]
    checked = check(data)
    assert codes(checked) == {"C004"}
    text = summary_text(checked)
    assert (
        "Problems (1 error, 0 warnings)" in text and "C004 error: these dates are defined" in text
    )


# -- drawing: bounded text, well-formed output ------------------------------------------------
def test_a_long_word_is_bounded_in_time_and_memory() -> None:
    data = case(title="字" * 100_000)
    start = time.perf_counter()
    png = render_case(check(data), fmt="png", backend="wasm")
    assert png[:4] == b"\x89PNG" and time.perf_counter() - start < 10


@pytest.mark.parametrize("text", ["&#1;", "\ufffe", "&#xD800;", "onset = 3 weeks", "A&B <b>"])
def test_free_text_never_breaks_the_svg(text: str) -> None:
    data = case()
    event(data, "surgery")["note"] = text
    event(data, "surgery")["procedure"] = text
    svg = render_case(check(data), fmt="svg", backend="wasm")
    ET.fromstring(svg)  # well-formed


# -- clinical checks ---------------------------------------------------------------------------
def _with(change: Any) -> set[str]:
    data = case()
    change(data)
    return codes(check(data))


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (
            lambda d: (
                event(d, "line1").update(exposures=[{"agent": "letrozole", "dose": "-2.5 mg"}])
                or event(d, "line1").pop("agents", None)
            ),
            "S008",
        ),
        (lambda d: d["diagnosis"].update(biomarkers=[{"name": "ER", "result": "maybe"}]), "S004"),
        (lambda d: d.update(patient={"age": 250}), "S004"),
        (lambda d: d.pop("events"), "S002"),
        (
            lambda d: d["events"].append(
                {"id": "rt", "type": "radiotherapy", "start": "2010-03", "dose": "6300 Gy"}
            ),
            "S008",
        ),
        (lambda d: d.update(patient={"sex": "male", "menopause": "premenopausal"}), "S004"),
        (lambda d: event(d, "fu").update(date="2199-05"), "C010"),
        (lambda d: event(d, "adjuvant").update(intent="neoadjuvant"), "L006"),
        (
            lambda d: d["events"].append(
                {
                    "id": "tox",
                    "type": "toxicity",
                    "date": "2012-08",
                    "term": "Rash",
                    "agent": "erlotinib",
                }
            ),
            "R004",
        ),
        (lambda d: event(d, "recurrence").update(date="2009-05"), "C009"),
    ],
)
def test_impossible_stories_are_reported(change, code) -> None:  # type: ignore[no-untyped-def]
    assert code in _with(change)


def test_a_regimen_ending_after_death() -> None:
    data = case()
    data["events"] = [e for e in data["events"] if e["id"] != "fu"]
    event(data, "line2").update(end="2014-06", end_reason="other")
    data["events"].append({"id": "death", "type": "death", "date": "2014-01"})
    assert "C002" in codes(check(data))


def test_a_change_without_reason_is_a_warning() -> None:
    data = case()
    event(data, "adjuvant")["end_reason"] = None
    event(data, "adjuvant").pop("end_reason")
    found = check(data)
    assert "L002" in codes(found) and found.ok


# -- no false extra errors ---------------------------------------------------------------------
def test_an_end_before_the_start_is_one_error() -> None:
    data = case()
    event(data, "line1")["end"] = "2012-01"
    found = codes(check(data))
    assert "C001" in found and "R001" not in found


def test_a_misspelt_agent_is_one_error() -> None:
    data = case()
    event(data, "line1")["exposures"] = [{"agent": "letrozol"}]
    event(data, "line1").pop("agents", None)
    found = codes(check(data))
    assert "A001" in found and "X001" not in found


def test_a_follow_up_too_early_blames_the_follow_up() -> None:
    data = case()
    event(data, "fu")["date"] = "2012-12"
    problems = [p for p in check(data).problems if p.code in ("C001", "C005")]
    assert problems and all("must start before it ends" not in p.message for p in problems)
    assert any("ongoing at the last follow-up" in p.message for p in problems)


def test_a_fifo_in_a_case_folder_is_skipped(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import os

    from conftest import REFERENCE

    (tmp_path / "case.yaml").write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.yaml")
    assert main(["validate", str(tmp_path)]) == 1  # said, and nothing blocks
    out = capsys.readouterr().out
    assert "pipe.yaml:1:1: Y009 error: not a regular file" in out


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="Linux /proc")
def test_workers_die_with_their_parent(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import signal
    import subprocess
    import sys

    from conftest import REFERENCE, ROOT

    folder = tmp_path / "cases"
    folder.mkdir()
    text = REFERENCE.read_text(encoding="utf-8")
    for n in range(8):
        (folder / f"c{n}.yaml").write_text(text.replace("id: cr000", f"id: c{n}-cr000"))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "timeline",
            "render",
            str(folder),
            "-o",
            str(tmp_path / "out"),
            "--format",
            "svg,png",
            "--engine",
            "wasm",
            "--jobs",
            "2",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # the first file written: the workers are running

    def children() -> set[int]:
        found = set()
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as fh:
                        if int(fh.read().rsplit(")", 1)[1].split()[1]) == proc.pid:
                            found.add(int(entry))
                except OSError:
                    continue
        return found

    workers = children()
    assert workers
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(os.path.exists(f"/proc/{p}") for p in workers):
        time.sleep(0.2)

    def running(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    alive = [p for p in workers if running(p)]
    assert not alive, "workers went on after their parent was killed"
