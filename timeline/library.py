"""Checks across the files of a case library: ids must be unique, and each file is named
after its id (``cases/<id>.yaml``), so a figure's file name leads back to its case."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

import yaml

from timeline.loader import load_path
from timeline.problems import CODES, Location, Problem, Problems, Severity
from timeline.validate import Checked

__all__ = ["declared_id", "library_problems"]


def _identity(checked: Checked) -> tuple[str, Location] | None:
    item = checked.trial if checked.trial is not None else checked.case
    if item is None:
        return None
    return item.id, item.id_location or Location(checked.path)


def library_problems(results: Sequence[Checked], ignore: Iterable[str] = ()) -> None:
    """Add K001 (duplicate id, on every file after the first) and K002 (id is not the file
    name) to the problems of ``results``, in place."""
    silenced = set(ignore)
    first: dict[str, Location] = {}
    for checked in results:
        found = _identity(checked)
        if found is None:
            continue
        ident, where = found
        added: list[Problem] = []
        if ident in first:
            added.append(
                Problem(
                    where,
                    "K001",
                    CODES["K001"].severity,
                    f"case id '{ident}' is already used by {first[ident]}; give each case its"
                    " own id (and file)",
                )
            )
        else:
            first[ident] = where
        stem = os.path.splitext(os.path.basename(checked.path))[0]
        if stem != ident:
            added.append(
                Problem(
                    where,
                    "K002",
                    CODES["K002"].severity,
                    f"id '{ident}' differs from the file name '{os.path.basename(checked.path)}';"
                    f" rename the file to {ident}{os.path.splitext(checked.path)[1]}",
                )
            )
        checked.problems.extend(
            p for p in added if p.code not in silenced or p.severity is Severity.ERROR
        )


def declared_id(path: str) -> str | None:
    """The ``id`` a case or trial file declares, read without checking the rest (``None`` when
    the file cannot be read or has no plain id)."""
    doc = load_path(path, Problems())
    if doc is None:
        return None
    for key, value in doc.root.value:
        if key.value == "id" and isinstance(value, yaml.ScalarNode):
            return str(value.value)
    return None
