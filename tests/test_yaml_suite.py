"""The public yaml-test-suite inputs (hostile and unusual YAML): each gets a located answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED
from timeline import check_path

SUITE = (
    sorted((SHARED / "yaml-test-suite").glob("*")) if (SHARED / "yaml-test-suite").is_dir() else []
)


@pytest.mark.skipif(not SUITE, reason="shared/yaml-test-suite is not beside the project")
def test_suite_is_complete() -> None:
    assert len([p for p in SUITE if p.suffix == ".yaml"]) >= 400


@pytest.mark.parametrize("path", SUITE, ids=lambda p: p.name)
def test_every_input_gets_a_located_problem(path: Path) -> None:
    result = check_path(str(path))
    assert result.problems, "none of these inputs is a valid case"
    for problem in result.problems:
        # a reading (Y), structure (S) or key (K) problem: never a crash (Z999) nor a rule
        assert problem.code[0] in "YSK", problem.format()
        assert problem.location.path == str(path)
        assert problem.location.line >= 1 and problem.location.column >= 1
