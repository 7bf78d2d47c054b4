"""The one repr of the value classes: the text attrs writes, for every class of the package."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import attrs
import pytest
from test_model import _attrs_repr

import timeline
from timeline import check_path
from timeline.render.layout import swimlane
from timeline.render.style import THEMES
from timeline.values import value_repr

CASES = Path(__file__).resolve().parent.parent / "cases"


def _classes() -> list[type]:
    """Every attrs class the package and its drawing modules declare."""
    names = ["timeline"] + [
        m.name
        for m in pkgutil.walk_packages(timeline.__path__, "timeline.")
        if "__main__" not in m.name
    ]
    found = []
    for name in names:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == name:
                found.append(value)
    return found


def test_every_value_class_has_a_repr_of_its_own() -> None:
    """A class declared ``repr=False`` that forgot ``value_repr`` would print as
    ``<timeline.problems.Location object at 0x…>``."""
    classes = _classes()
    assert len(classes) > 60
    bare = [c.__qualname__ for c in classes if c.__repr__ is object.__repr__]
    assert bare == []
    shared = [c for c in classes if c.__repr__ is value_repr]
    assert len(shared) > 50, "the classes a drawing imports share the one repr"


def _values(root: object) -> list[object]:
    """Every attrs value reachable from ``root`` (through fields, tuples, lists and dicts)."""
    seen: set[int] = set()
    out: list[object] = []
    stack = [root]
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if attrs.has(type(value)):
            out.append(value)
            stack.extend(getattr(value, a.name) for a in attrs.fields(type(value)))
        elif isinstance(value, (tuple, list, frozenset, set)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
    return out


@pytest.mark.parametrize("name", ["cr000-paclitaxel-bevacizumab.yaml"])
def test_the_repr_is_the_attrs_repr_for_a_case_its_problems_and_its_drawing(name: str) -> None:
    checked = check_path(str(CASES / name))
    scene = swimlane(checked, THEMES["slide"])
    values = _values((checked.case, tuple(checked.problems), scene))
    kinds = {type(v).__qualname__ for v in values if type(v).__repr__ is value_repr}
    assert {"Case", "Location", "DateSpec", "Scene", "Rect", "Text"} <= kinds
    for value in values:
        if type(value).__repr__ is value_repr:
            assert repr(value) == _attrs_repr(value)
