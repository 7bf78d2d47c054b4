"""Quantities with a unit, read from one mapping."""

from __future__ import annotations

import pytest
import yaml

from timeline.model import Quantity
from timeline.problems import Problems
from timeline.quantities import DOSE_UNITS, RT_UNITS, SIZE_UNITS, fixed_dose, quantity
from timeline.reading import Fields, Reader


def _read(text: str, units: dict[str, str]) -> tuple[Quantity | None, list[str]]:
    problems = Problems()
    reader = Reader("q.yaml", problems)
    node = yaml.compose(f"dose: {text}\n", Loader=yaml.CSafeLoader)
    found = quantity(
        reader, Fields(reader, node, "a test", frozenset({"dose"})), "dose", units, "1 mg"
    )
    return found, [f"{p.code} {p.message}" for p in problems.items]


@pytest.mark.parametrize(
    ("text", "units", "value", "unit"),
    [
        ("80 mg/m2", DOSE_UNITS, 80.0, "mg/m²"),
        ("AUC 5", DOSE_UNITS, 5.0, "AUC"),
        ("4 MG/KG", DOSE_UNITS, 4.0, "mg/kg"),
        ("500 mcg", DOSE_UNITS, 500.0, "µg"),
        ("2.5 cm", SIZE_UNITS, 2.5, "cm"),
        ("63 Gy", RT_UNITS, 63.0, "Gy"),
    ],
)
def test_quantities_are_normalised(
    text: str, units: dict[str, str], value: float, unit: str
) -> None:
    assert _read(text, units) == (Quantity(value, unit), [])


def test_the_written_number_is_kept() -> None:
    found, _ = _read("2.0 cm", SIZE_UNITS)
    assert found is not None and str(found) == "2.0 cm"


@pytest.mark.parametrize("text", ["0 mg", "300 Gy"])
def test_impossible_quantities_are_s008(text: str) -> None:
    found, messages = _read(text, DOSE_UNITS if "mg" in text else RT_UNITS)
    assert found is None and messages[0].startswith("S008 'dose'") and "cannot be" in messages[0]


@pytest.mark.parametrize("text", ["eighty", "80", "80 furlongs", "[80, mg]"])
def test_what_is_not_a_quantity_is_s008(text: str) -> None:
    found, messages = _read(text, DOSE_UNITS)
    assert found is None and "is not a quantity with a unit; write e.g. '1 mg'" in messages[0]


def test_a_catalogue_dose() -> None:
    assert fixed_dose("175 mg/m2") == Quantity(175.0, "mg/m²")
    assert fixed_dose(None) is None
