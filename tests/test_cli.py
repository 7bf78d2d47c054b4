"""The command line: exact output, exit codes, help for every command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CASES, REFERENCE, ROOT, Ran, run_cli
from timeline.cli import build_parser, main
from timeline.problems import Location, Problem, Severity
from timeline.validate import Checked


def run(*args: str) -> Ran:
    return run_cli(*args)


def test_a_real_process_answers_with_the_exit_codes() -> None:
    """``python -m timeline`` as a shell sees it: 0 valid, 1 problems, 2 usage."""

    def real(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "timeline", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )

    assert real("validate", str(REFERENCE)).returncode == 0
    missing = real("validate", "no/such/file.yaml")
    assert missing.returncode == 1 and "Y009 error" in missing.stdout
    assert real("frobnicate").returncode == 2


def test_validate_imports_only_what_checking_needs() -> None:
    """A check started by a commit hook or an editor pays for every module it imports: none
    for drawing, the state graph, calendars, or the terminal's width (argparse would import
    shutil and the compression modules for that)."""
    code = (
        "import sys; from timeline.cli import main\n"
        "try:\n"
        f"    main(['validate', {str(REFERENCE)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({'shutil', 'networkx', 'pendulum', 'graphviz', 'timeline.render'}"
        " & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("columns", ["", "0", "x", "100"])
def test_help_is_as_wide_as_the_terminal(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from timeline.cli import _columns

    monkeypatch.setenv("COLUMNS", columns)
    assert _columns() == shutil.get_terminal_size().columns


@pytest.mark.parametrize(
    "args",
    [
        ("show", "cases/taniguchi2018-egfr-osimertinib-sclc.yaml"),
        ("show", "--format", "json", "cases/li2017-nivolumab-pneumonitis-remission.yaml"),
        ("export", "--to", "fhir", str(REFERENCE), "-o", "-"),
        ("render", str(REFERENCE), "-o", "-"),
    ],
)
def test_a_reader_that_stops_early_is_not_an_internal_error(args: tuple[str, ...]) -> None:
    """``timeline show case.yaml | head``: the pipe closed before the output is written ends
    the program quietly (status 0, as before), not with a Z999 report."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "timeline", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before anything is written
    err = proc.stderr.read().decode()
    assert proc.wait() == 0, err
    assert "Z999" not in err and "Traceback" not in err and "Broken pipe" not in err


def test_a_misspelt_option_gets_the_option_meant() -> None:
    out = run("validate", "--strcit", "cases/")
    assert out.returncode == 2
    assert "unrecognized arguments: --strcit; did you mean '--strict'?" in out.stderr
    out = run("render", str(REFERENCE), "-o", "x.svg", "--formt", "svg")
    assert out.returncode == 2 and "did you mean '--format'?" in out.stderr
    # only the options of the command given are offered
    out = run("show", "--jsn", str(REFERENCE))
    assert out.returncode == 2 and "did you mean" not in out.stderr


def test_validate_cases_folder() -> None:
    from timeline import collect_paths

    files, _missing = collect_paths([str(ROOT / "cases")])  # the cases and the trials beside
    assert len(files) >= len(CASES)
    out = run("validate", "--strict", "cases/")
    assert out.returncode == 0, out.stdout
    assert out.stdout == ""
    assert out.stderr.startswith(f"{len(files)} files checked: 0 errors, 0 warnings (")
    assert f"entries); {len(files)} valid (strict: warnings count)" in out.stderr


_TEST_PID = [0]


def _checked_with_pid(path: str, ignore: object, wide_window: float) -> Checked:
    """A stand-in check whose one problem says which process ran it (taking a few
    milliseconds, as a check does: instant, one worker could take every chunk before the other
    had started, on a loaded machine)."""
    time.sleep(0.005)
    return Checked(path, [Problem(Location(path), "Z999", Severity.ERROR, f"pid {os.getpid()}")])


def _dies_in_a_worker(path: str, ignore: object, wide_window: float) -> Checked:
    if os.getpid() != _TEST_PID[0]:
        os._exit(3)  # a worker killed mid-run (out of memory, a signal)
    raise AssertionError("checked in the test's own process")


def test_validate_folder_on_several_cores_reports_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder of many files is checked over worker processes; the report (every problem, its
    order, the summary, the exit code) is the one of a check in a single process."""
    import shutil

    import timeline.cli as cli

    library = tmp_path / "library"
    shutil.copytree(ROOT / "cases", library)
    text = REFERENCE.read_text(encoding="utf-8")
    (library / "broken.yaml").write_text(text.replace("date: 2009-", "date: 2009-13-", 1))
    (library / "copy.yaml").write_text(text)  # the same id twice: a library problem
    monkeypatch.setattr(cli, "FILES_PER_WORKER", 4)
    one = run("validate", "--jobs", "1", str(library))
    two = run("validate", "--jobs", "2", str(library))
    assert one.returncode == two.returncode == 1
    assert "S005 error" in one.stdout and "K001 error" in one.stdout
    assert (one.stdout, one.stderr) == (two.stdout, two.stderr)

    monkeypatch.setattr(cli, "_check_reported", _checked_with_pid)

    def pids(jobs: str) -> set[str]:
        out = run("validate", "--jobs", jobs, str(library)).stdout
        return {line.rsplit("pid ", 1)[1] for line in out.splitlines() if "Z999" in line}

    assert len(pids("2")) == 2 and str(os.getpid()) not in pids("2")
    assert pids("1") == {str(os.getpid())}


def test_validate_says_so_when_a_worker_dies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import timeline.cli as cli

    for i in range(8):
        (tmp_path / f"c{i}.yaml").write_text(REFERENCE.read_text(encoding="utf-8"))
    monkeypatch.setattr(cli, "FILES_PER_WORKER", 2)
    monkeypatch.setattr(cli, "_check_reported", _dies_in_a_worker)
    _TEST_PID[0] = os.getpid()
    out = run("validate", str(tmp_path))
    assert out.returncode == 1
    assert "a validation worker stopped" in out.stderr and "--jobs 1" in out.stderr
    assert "Traceback" not in out.stderr


def test_validate_counts_warnings_covered_by_a_shared_acknowledgement(tmp_path: Path) -> None:
    """One acknowledgement of C008 on a regimen covered the warning on its start and the one on
    its end: `validate` said "2 acknowledged" and `show` gave the start's reason as the end's
    own. The summary counts such warnings; `show` says which entry covers them."""
    case = tmp_path / "case.yaml"
    case.write_text(
        "format: 1\nid: shared\ndiagnosis: {date: {before: a.start}}\nevents:\n"
        "  - {id: a, type: regimen, intent: advanced, start: {after: diagnosis},"
        " end: {after: a.start, before: r}, end_reason: completed, cycles: 6,"
        " agents: [paclitaxel]}\n"
        "  - {id: r, type: response, date: {after: a.start}, category: PR}\n"
        "  - {id: p, type: progression, date: {from: r, offset: 3 months}}\n"
        "  - {id: fu, type: follow-up, date: p, status: alive}\n"
        "acknowledge:\n  - {code: C008, event: a, reason: the start of a is not dated}\n"
    )
    out = run("validate", str(case))
    assert "(2 acknowledged by 1 entry)" in out.stderr, out.stderr
    shown = run("show", str(case)).stdout
    assert "acknowledged by the same entry (line 10) as a warning before" in shown, shown


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    text = REFERENCE.read_text().split("\nacknowledge:")[0] + "\n"
    case = tmp_path / "case.yaml"
    case.write_text(text)
    assert run("validate", str(case)).returncode == 0
    strict = run("validate", "--strict", str(case))
    assert strict.returncode == 1 and "X002 warning" in strict.stdout


def test_validate_errors_exit_1_and_list_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: bad\ndiagnosis: {date: 2011-13}\nevents:\n  - {type: response, date: 2012, category: XR}\n"
    )
    out = run("validate", str(bad))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert (
        lines[0]
        == f"{bad}:2:19: S005 error: 'date' of the diagnosis '2011-13' does not exist (month must be in 1..12); check the source"
    )
    assert lines[1].startswith(f"{bad}:4:44: S004 error: 'category' 'XR' is not one of")
    assert "2 errors" in out.stderr


def test_validate_json(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(REFERENCE.read_text().split("\nacknowledge:")[0] + "\n")
    out = run("validate", "--format", "json", str(case))
    data = json.loads(out.stdout)
    assert out.returncode == 0
    x002 = [d for d in data if d["code"] == "X002"]
    # the paclitaxel exposure of 'ptx-bev', whose item starts at column 9
    line = 1 + case.read_text().splitlines().index(
        '      - {agent: paclitaxel, dose: 90 mg/m2, schedule: "weekly, 3 weeks on and 1 week off"}'
    )
    assert x002 == [
        {
            "path": str(case),
            "line": line,
            "column": 9,
            "code": "X002",
            "severity": "warning",
            "message": "paclitaxel is given in 'ptx-bev' (from 2012-01) after resistance to"
            " paclitaxel was declared ('paclitaxel-resistance', 2011-12): treatment beyond"
            " progression or rechallenge; make sure the case says why",
        }
    ]
    assert [d["code"] for d in data] == ["C008", "C008", "C008", "X002"]


def test_validate_ignore(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(REFERENCE.read_text().split("\nacknowledge:")[0] + "\n")
    out = run("validate", "--ignore", "X002,C008", str(case))
    assert out.returncode == 0 and out.stdout == ""


def test_usage_errors_exit_2() -> None:
    assert run("validate").returncode == 2
    assert run("validate", "--ignore", "Q123", "cases").returncode == 2
    assert run("frobnicate").returncode == 2
    bare = run()  # no arguments: the help, not an error
    assert bare.returncode == 0 and bare.stdout.startswith("usage: timeline")


def test_missing_path_is_a_located_error() -> None:
    out = run("validate", "no/such/file.yaml")
    assert out.returncode == 1
    assert out.stdout.strip() == "no/such/file.yaml:1:1: Y009 error: no such file or folder"


def test_empty_folder(tmp_path: Path) -> None:
    out = run("validate", str(tmp_path))
    assert out.returncode == 1 and "no case files" in out.stderr


def test_show_reference() -> None:
    out = run("show", str(REFERENCE))
    assert out.returncode == 0
    text = out.stdout
    assert (
        "68-year-old postmenopausal woman; right breast, papillotubular carcinoma, nuclear grade 1, pT3 pN0 M0 stage IIB, nodes: 0/12, ER+, PgR−, HER2−"
        in text
    )
    for label, agents in [
        ("L1", "toremifene"),
        ("L2", "exemestane"),
        ("L3", "paclitaxel"),
        ("L4", "paclitaxel + bevacizumab"),
    ]:
        assert f"  {label}        {agents}  [" in text
    assert "adjuvant  CEF (cyclophosphamide + epirubicin + fluorouracil)" in text
    assert "resistance to paclitaxel (unspecified)" in text


def test_show_json_lines() -> None:
    out = run("show", "--format", "json", str(REFERENCE))
    data = json.loads(out.stdout)
    numbered = [(ln["number"], ln["intent"], ln["agents"]) for ln in data["lines"]]
    assert numbered[2:] == [
        (1, "advanced", ["toremifene"]),
        (2, "advanced", ["exemestane"]),
        (3, "advanced", ["paclitaxel"]),
        (4, "advanced", ["paclitaxel", "bevacizumab"]),
    ]
    for line in data["lines"]:
        assert {"number", "intent", "agents", "start", "end"} <= set(line)


def test_show_of_a_broken_file_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text("[")
    out = run("show", str(bad))
    assert out.returncode == 1 and "Y001 error" in out.stdout and "Traceback" not in out.stderr


def test_show_gives_no_intervals_for_a_case_with_errors(tmp_path: Path) -> None:
    """A follow-up dated 36 months after one date and more than 50 after another that cannot
    both hold (C003): 'show' printed "PFS L1 censored at ≈ 47 months" above the error, as sure
    as any interval. Text and JSON give none then, and say why."""
    bad = tmp_path / "x.yaml"
    bad.write_text(
        "format: 1\nid: x\ndiagnosis: {date: 2020-01}\nevents:\n"
        "  - {id: a, type: regimen, intent: advanced, start: 2020-02, end: 2021-01,"
        " end_reason: toxicity, agents: [trastuzumab deruxtecan]}\n"
        "  - {id: r, type: response, date: 2020-04, category: PR}\n"
        "  - {id: fu, type: follow-up, status: alive,"
        " date: {from: a.end, offset: 36 months, after: {from: r, offset: 50 months}}}\n"
    )
    out = run("show", str(bad))
    assert out.returncode == 1 and "C003 error" in out.stdout, out.stdout
    assert "not given: the case has errors" in out.stdout
    assert "PFS" not in out.stdout and "censored" not in out.stdout, out.stdout
    data = json.loads(run("show", "--format", "json", str(bad)).stdout)
    assert data["intervals"] == []
    good = bad.read_text().replace("50 months", "30 months")
    bad.write_text(good)
    assert "PFS L1" in run("show", str(bad)).stdout


def test_show_says_when_there_is_no_interval_to_give(tmp_path: Path) -> None:
    """A glioblastoma resected, given adjuvant chemotherapy, recurring, no follow-up: 'show'
    printed the "Intervals" heading over nothing, read as a summary cut short."""
    case = tmp_path / "gbm.yaml"
    case.write_text(
        "format: 1\nid: gbm\ndiagnosis: {date: op}\nevents:\n"
        "  - {id: op, type: surgery, date: 2020-01, procedure: resection, curative: unknown}\n"
        "  - {id: rec, type: recurrence, date: 2021-03}\n"
    )
    out = run("show", str(case)).stdout
    heading = out.index("  Intervals\n")
    said = out[heading:].splitlines()[1]
    assert said.startswith("  none: nothing in the case to measure"), out
    # (each interval from what it runs from: "from ... the diagnosis to a recurrence" was read
    # as an interval this case, diagnosed and recurring, should have had)
    assert "the diagnosis to a recurrence" not in said, said
    assert "DFS runs from an operation that left no disease to a recurrence" in said, said


def test_codes_lists_every_code() -> None:
    from timeline.problems import CODES

    out = run("codes")
    assert out.returncode == 0
    assert [line.split()[0] for line in out.stdout.splitlines()] == list(CODES)


@pytest.mark.parametrize("command", sorted(build_parser()._subparsers._group_actions[0].choices))  # type: ignore[union-attr]
def test_every_command_has_help_and_an_example(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert "example" in text and f"timeline {command}" in text


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"timeline {name}" in readme


def test_a_process_writes_whole_files_and_leaves_its_objects_to_the_exit(tmp_path: Path) -> None:
    """``entry`` hides what is alive at the end from the shutdown's collections; the files a
    command wrote are whole (they are closed before), and the process still exits as told."""
    svg, deck = tmp_path / "case.svg", tmp_path / "deck.html"
    code = (
        "import gc, sys; from timeline.cli import entry\n"
        f"sys.argv = ['timeline', 'render', {str(REFERENCE)!r}, '-o', {str(svg)!r}]\n"
        "code = entry()\n"
        "assert gc.get_freeze_count() > 0\n"
        f"sys.argv = ['timeline', 'slides', {str(REFERENCE)!r}, '-o', {str(deck)!r}]\n"
        "raise SystemExit(entry())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert svg.read_bytes().rstrip().endswith(b"</svg>")
    assert deck.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_entry_point_script() -> None:
    exe = Path(sys.executable).with_name("timeline")
    if not exe.exists():
        pytest.skip("no console script in this environment")
    out = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and out.stdout.startswith("timeline ")


def test_errors_cannot_be_ignored(tmp_path: Path) -> None:
    """'--ignore A001' on a misspelt agent made the case valid, and show and render went on
    without the agent; only warnings can be silenced."""
    out = run("validate", "--ignore", "A001", "cases")
    assert out.returncode == 2 and "A001 is an error: only warnings can be ignored" in out.stderr
    from timeline import check_text

    text = (ROOT / "cases" / "cr000-paclitaxel-bevacizumab.yaml").read_text(encoding="utf-8")
    broken = text.replace("agent: exemestane", "agent: exemestan", 1)
    assert broken != text
    checked = check_text(broken, "broken.yaml", ignore=["A001"])
    assert "A001" in {p.code for p in checked.errors}


def test_show_says_a_bound_in_the_course_is_not_a_day() -> None:
    """sekiguchi2012: a CR "from 2011-11-01" (no latest day) listed after a PR "≈ 2012-12-08"
    read as the earlier of the two; the course says how its bounds read."""
    from timeline import check_path
    from timeline.summary import summary_text

    text = summary_text(
        check_path(
            str(
                ROOT / "cases" / "sekiguchi2012-myeloma-orbit-salvage-second-asct-lenalidomide.yaml"
            )
        )
    )
    course = text.split("  Course\n")[1].split("\n\n")[0]
    assert "from 2011-11" in course
    assert course.splitlines()[-1].startswith("  from/by a date: known only to be no earlier")
    plain = summary_text(check_path(str(ROOT / "cases" / "cr000-paclitaxel-bevacizumab.yaml")))
    assert "from/by a date" not in plain


def _with_fork_hook(hook: str, argv: list[str]) -> subprocess.CompletedProcess[bytes]:
    """The command run with ``argv`` in a process group of its own, ``hook`` (the arguments of
    :func:`os.register_at_fork`) run at every fork: a signal sent as each worker starts."""
    script = (
        "import os, signal, sys\n"
        "from timeline.cli import main\n"
        f"os.register_at_fork({hook})\n"
        f"sys.exit(main({argv!r}))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        start_new_session=True,
        cwd=ROOT,
        timeout=120,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
def test_an_interrupt_while_the_workers_start_is_an_interrupt(tmp_path: Path) -> None:
    """A SIGINT to the whole group at the moment a worker is forked (here sent from an at-fork
    hook, at every fork): the command's interrupt was raised inside the hook, which ignores
    it, and the new worker died of it before it could ignore it, so that the command said a
    worker had stopped (out of memory?) and ended with status 1. The interrupt is now held
    while the workers start: the command ends with 130, "interrupted", and no traceback."""
    text = REFERENCE.read_bytes()
    for i in range(2 * 200):  # enough files for two workers
        (tmp_path / f"c{i:04d}.yaml").write_bytes(text)
    ran = _with_fork_hook(
        "after_in_parent=lambda: os.killpg(0, signal.SIGINT)",
        ["validate", "--jobs", "2", str(tmp_path)],
    )
    assert ran.returncode == 130, ran.stderr
    assert b"interrupted" in ran.stderr and b"Traceback" not in ran.stderr, ran.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and at-fork hooks are POSIX")
@pytest.mark.parametrize(
    ("hook", "status", "said"),
    [
        ("after_in_parent=lambda: os.killpg(0, signal.SIGINT)", 130, b"interrupted;"),
        ("after_in_child=lambda: os.kill(os.getpid(), signal.SIGKILL)", 1, b"out of memory?"),
    ],
    ids=["interrupt", "worker-killed"],
)
def test_a_folder_render_stopped_while_its_workers_start(
    tmp_path: Path, hook: str, status: int, said: bytes
) -> None:
    """`render` of a folder over workers, with a SIGINT to the whole group as each worker is
    forked, or each worker killed as it starts: both ended in a traceback of a broken process
    pool. An interrupt now ends with 130 and the files written so far; a dead worker with a
    message and status 1; neither with a traceback."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = REFERENCE.read_text(encoding="utf-8")
    for name in ("a", "b", "c"):
        (folder / f"{name}.yaml").write_text(
            text.replace("id: cr000-paclitaxel-bevacizumab", f"id: case-{name}"), encoding="utf-8"
        )
    ran = _with_fork_hook(hook, ["render", "--jobs", "2", str(folder), "-o", str(tmp_path / "out")])
    assert ran.returncode == status, ran.stderr
    assert said in ran.stderr and b"Traceback" not in ran.stderr, ran.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
def test_an_interrupt_stops_a_folder_check_and_its_workers(tmp_path: Path) -> None:
    """`timeout -s INT` (SIGINT to the command, then at once to its whole process group; or
    Ctrl-C pressed twice) during a check of 3,000 files over worker processes: in about one
    run in five the command printed "interrupted" and then waited for ever on its pool, the
    second interrupt landing in the pool's shutdown. The workers now leave SIGINT to the
    command, which takes one interrupt only, drops the files not yet begun and waits for the
    few the workers hold: it ends at once with status 130 and leaves no process running.
    Tried at several moments of the run, and with one SIGINT to the command alone."""
    import signal
    import time

    text = REFERENCE.read_bytes()
    for i in range(3000):
        (tmp_path / f"c{i:04d}.yaml").write_bytes(text)
    command = [sys.executable, "-m", "timeline", "validate", str(tmp_path)]
    for delay, group in (
        (0.5, True),
        (0.6, True),
        (0.7, True),
        (0.8, True),
        (0.9, True),
        (1.0, True),
        (0.8, False),
    ):
        ran = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
            cwd=ROOT,
        )
        time.sleep(delay)  # within the check (about 2.5 s on two cores)
        os.kill(ran.pid, signal.SIGINT)
        if group:  # then the whole group, as `timeout -s INT` does: a second SIGINT at once
            os.killpg(ran.pid, signal.SIGINT)
        try:
            _out, err = ran.communicate(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover - the failure this test is for
            os.killpg(ran.pid, signal.SIGKILL)
            ran.communicate()
            raise AssertionError(f"no end after SIGINT at {delay} s") from None
        if ran.returncode != 130:  # (a machine fast enough to finish first checked it all)
            assert ran.returncode == 1 and b"3000 files checked" in err, err
        else:
            assert b"interrupted" in err and b"Traceback" not in err, err
        for _ in range(20):  # no process of its group is left
            try:
                os.killpg(ran.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            os.killpg(ran.pid, signal.SIGKILL)
            raise AssertionError(f"workers left running after SIGINT at {delay} s")


def test_show_says_the_distance_a_loose_date_is_stated_from() -> None:
    """A mesothelioma report: a Karnofsky score "5 weeks" after nivolumab began, nivolumab
    itself known only within three years, was said "≈ month 18.6 (1 to 36)" and nothing more;
    the source's own distance, its most exact fact, was lost. A date dated exactly says none."""
    from conftest import check
    from timeline.summary import summary_text

    text = """
format: 1
id: stated-from
diagnosis: {date: 2016-01}
events:
  - {id: op, type: surgery, date: {after: diagnosis}, procedure: pleurectomy, curative: false}
  - {id: nivo, type: regimen, intent: advanced, start: {after: op}, end_reason: ongoing,
     agents: [nivolumab]}
  - {id: kps, type: performance, date: {from: nivo.start, offset: 5 weeks}, scale: Karnofsky,
     score: 80}
  - {id: kps2, type: performance, date: {after: nivo.start, within: 4 months},
     scale: Karnofsky, score: 90}
  - {id: fu, type: follow-up, date: {from: diagnosis, offset: 36 months}, status: alive}
"""
    course = summary_text(check(text)).split("  Course\n")[1].split("\n\n")[0]
    assert "Karnofsky 80 (5 weeks after the start of 'nivo')" in course, course
    assert "Karnofsky 90 (within 4 months after the start of 'nivo')" in course, course
    dated = text.replace("start: {after: op}", "start: 2016-03-01")
    course = summary_text(check(dated)).split("  Course\n")[1].split("\n\n")[0]
    assert "Karnofsky 80\n" in course, course


def test_an_interrupt_while_the_command_loads_ends_it_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C (or `timeout -s INT`) in the fifth of a second the command takes to load, longer
    on a busy machine, printed the traceback of the import it landed in (the interrupt test
    above failed so on a loaded machine, its first interrupt at 0.5 s): the command now takes
    an interrupt while loading and exits with status 130, as once running."""
    import signal
    import types

    from timeline import start

    class Loading(types.ModuleType):
        def __getattr__(self, name: str) -> object:
            raise KeyboardInterrupt  # (as if Ctrl-C landed in the import)

    monkeypatch.setitem(sys.modules, "timeline.cli", Loading("timeline.cli"))
    before = signal.getsignal(signal.SIGINT)
    try:
        assert start.entry() == 130
    finally:
        signal.signal(signal.SIGINT, before)
    assert capsys.readouterr().err == "timeline: interrupted\n"


def test_the_package_loads_its_api_when_asked() -> None:
    """`import timeline` no longer loads the whole checker (the command loads it with
    interrupts taken); every name of the API is still there, and an unknown one is an
    AttributeError."""
    code = (
        "import sys, timeline; assert 'timeline.validate' not in sys.modules;"
        " from timeline import check_path, CODES, state_graph, Checked;"
        " assert 'timeline.validate' in sys.modules\n"
        "try:\n timeline.nothing\nexcept AttributeError: pass\nelse: raise SystemExit(1)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
