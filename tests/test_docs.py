"""The documentation describes what the code does: examples are real output, and every key
and code is documented."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from timeline.parse import KEYS
from timeline.problems import CODES

README = (ROOT / "README.md").read_text(encoding="utf-8")
FORMAT = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8")
RULES = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def console_blocks(text: str) -> list[tuple[str, str]]:
    """(command, shown output) of every ```console block."""
    blocks = re.findall(r"```console\n\$ (.*?)\n(.*?)```", text, re.S)
    return [(cmd, out) for cmd, out in blocks]


@pytest.mark.parametrize("command,shown", console_blocks(README), ids=lambda x: str(x)[:40])
def test_readme_console_examples_are_real(command: str, shown: str) -> None:
    args = command.split()
    assert args[0] == "timeline"
    out = run_cli(*args[1:])
    produced = (out.stdout + out.stderr).splitlines()
    for line in shown.splitlines():
        if line.strip() in ("...", ""):
            continue
        assert line in produced, f"README shows a line the command does not print: {line!r}"


@pytest.mark.parametrize("place", sorted(KEYS))
def test_every_key_is_documented(place: str) -> None:
    for key in KEYS[place]:
        assert documented(key), f"{place}.{key} is not in docs/case-format.md"


def documented(key: str) -> bool:
    """``key`` appears whole in the format guide: as `key` or as a YAML ``key:`` (so "tart" is
    not found in "start:", nor "ate" in "`date`")."""
    word = re.escape(key)
    return re.search(rf"`{word}`|(?<![\w.-]){word}:", FORMAT) is not None


def test_a_key_is_matched_whole() -> None:
    assert documented("start") and documented("end_reason")
    assert not documented("tart") and not documented("ate") and not documented("nd_reason")


def test_every_code_is_documented() -> None:
    for code in CODES:
        assert f"| {code} |" in RULES, code


def test_changelog_has_unreleased_section() -> None:
    assert "## [Unreleased]" in CHANGELOG


def test_readme_two_commands() -> None:
    assert "make demo" in README and "make test" in README
    assert "docs/case-format.md" in README


def test_format_guide_example_blocks_parse() -> None:
    import yaml

    for block in re.findall(r"```yaml\n(.*?)```", FORMAT, re.S):
        if "..." in block:
            continue
        yaml.safe_load(block)


def sh_blocks(text: str) -> list[list[str]]:
    """The `timeline ...` lines of each ```sh block, without their trailing comments."""
    blocks = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        lines = [
            re.sub(r"\s+#.*$", "", line)
            for line in block.splitlines()
            if line.startswith("timeline ")
        ]
        if lines:
            blocks.append(lines)
    return blocks


def readme_library(into: Path) -> None:
    """A small library in ``into/cases``: the trial files and the cases the README and the
    Makefile name (commands and figures), with the same layout as the project's. Every case of the
    project is drawn, decked and put on the site by tests of their own (tests/test_render_cli.py,
    tests/test_pptx_deck.py, tests/test_site.py); here the commands themselves are tested, and
    over the whole library the decks alone took four minutes."""
    named = sorted(
        set(
            re.findall(
                r"(?:cases|images)/([a-z0-9][\w-]*?)(?:\.states)?\.(?:yaml|png)", README + MAKEFILE
            )
        )
    )
    assert len(named) >= 4, named
    shutil.copytree(ROOT / "cases" / "trials", into / "cases" / "trials")
    for name in named:
        source = ROOT / "cases" / f"{name}.yaml"
        if source.exists():
            shutil.copyfile(source, into / "cases" / source.name)
    assert len(list((into / "cases").glob("*.yaml"))) >= 4


@pytest.mark.parametrize("block", sh_blocks(README), ids=lambda x: x[0][:50])
def test_readme_commands_run_as_written(block: list[str], tmp_path: Path) -> None:
    """Each command the README shows runs, exactly as written, in a copy of the cases it
    names (so whatever it writes lands in a temporary folder); the commands of one block run
    in order in one folder, as a reader would type them (an import reads what the export
    above it wrote)."""
    readme_library(tmp_path)
    for command in block:
        args = shlex.split(command)
        target = None
        if ">" in args:
            at = args.index(">")
            args, target = args[:at], tmp_path / args[at + 1]
        out = run_cli(*args[1:], cwd=tmp_path)
        assert out.returncode == 0, f"{command}: {out.stderr[-2000:]}"
        if target is not None:
            target.write_bytes(out.stdout_bytes)
            assert target.stat().st_size > 0


def test_the_python_api_guide_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/python-api.md from start to figure: every block, in order, in one namespace."""
    guide = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", guide, re.S)
    assert len(blocks) >= 8
    readme_library(tmp_path)  # (the site of the whole library is tested in tests/test_site.py)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "docs/python-api.md", "exec"), namespace)
    assert (tmp_path / "figure.svg").read_bytes().startswith(b"<?xml")
    assert (tmp_path / "deck.pptx").read_bytes()[:2] == b"PK"
