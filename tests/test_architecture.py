"""The architecture of docs/architecture.md, checked: the layers (an import-linter contract in
pyproject.toml) and no import of another module's private names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: the packages' own folders (timeline/render is a link to render/: each file once)
SOURCES = sorted((ROOT / "timeline").glob("*.py")) + sorted((ROOT / "render").glob("*.py"))


def _module_of(path: Path) -> str:
    package = "timeline.render" if path.parent.name == "render" else "timeline"
    return package if path.stem == "__init__" else f"{package}.{path.stem}"


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(path: Path) -> list[str]:
    """Every import in ``path`` of a private name, or of a private module, of the project."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = _module_of(path)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = here.split(".")
                if path.stem != "__init__":
                    base = base[:-1]
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            if module.split(".")[0] != "timeline":
                continue
            if any(_private(part) for part in module.split(".")):
                found.append(f"{path.name}:{node.lineno}: from {module}")
            found.extend(
                f"{path.name}:{node.lineno}: {alias.name} from {module}"
                for alias in node.names
                if _private(alias.name)
            )
        elif isinstance(node, ast.Import):
            found.extend(
                f"{path.name}:{node.lineno}: import {alias.name}"
                for alias in node.names
                if alias.name.split(".")[0] == "timeline"
                and any(_private(part) for part in alias.name.split("."))
            )
    return found


def test_the_layers_have_no_backward_import() -> None:
    lint = pytest.importorskip("importlinter.cli")
    code = lint.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    assert code == 0, "a module imports from a layer above its own (see the report above)"


def test_no_module_imports_another_modules_private_names() -> None:
    found = [hit for path in SOURCES for hit in private_imports(path)]
    assert not found, "private names imported across modules:\n" + "\n".join(found)


def test_the_private_import_check_finds_one(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from timeline.render.dot import _n, scene_dot\n"
        "from timeline.dates import Anchor as _Anchor\n"
        "import timeline._hidden\n"
        "from os import _exit\n",
        encoding="utf-8",
    )
    found = private_imports(sample)
    assert found == [
        "sample.py:1: _n from timeline.render.dot",
        "sample.py:3: import timeline._hidden",
    ]


def test_every_module_is_described_in_the_architecture() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [
        _module_of(path)
        for path in SOURCES
        if path.stem != "__init__" and f"`{_module_of(path)}`" not in text
    ]
    assert not missing, f"docs/architecture.md has no paragraph for {', '.join(missing)}"
