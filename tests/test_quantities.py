"""Quantities with a unit, read from one mapping."""

from __future__ import annotations

import pytest
import yaml

from timeline.model import Quantity
from timeline.problems import Problems
from timeline.quantities import DOSE_UNITS, RT_UNITS, SIZE_UNITS, fixed_dose, quantity
from timeline.reading import Fields, Reader


def _read(
    text: str, units: dict[str, str], dimensions: bool = False
) -> tuple[Quantity | None, list[str]]:
    problems = Problems()
    reader = Reader("q.yaml", problems)
    node = yaml.compose(f"dose: {text}\n", Loader=yaml.CSafeLoader)
    fields = Fields(reader, node, "a test", frozenset({"dose"}))
    found = quantity(reader, fields, "dose", units, "1 mg", dimensions=dimensions)
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
        # the activity of a radiopharmaceutical: 177Lu-DOTATATE's 7.4 GBq was S008
        ("7.4 GBq", DOSE_UNITS, 7.4, "GBq"),
        ("200 mCi", DOSE_UNITS, 200.0, "mCi"),
        ("7400 MBq", DOSE_UNITS, 7400.0, "MBq"),
        # by body weight: radium-223's 55 kBq/kg was kept in the schedule's words
        ("55 kBq/kg", DOSE_UNITS, 55.0, "kBq/kg"),
        ("18 mCi/kg", DOSE_UNITS, 18.0, "mCi/kg"),
        ("666 MBq/kg", DOSE_UNITS, 666.0, "MBq/kg"),
    ],
)
def test_quantities_are_normalised(
    text: str, units: dict[str, str], value: float, unit: str
) -> None:
    assert _read(text, units) == (Quantity(value, unit), [])


def test_the_written_number_is_kept() -> None:
    found, _ = _read("2.0 cm", SIZE_UNITS)
    assert found is not None and str(found) == "2.0 cm"


@pytest.mark.parametrize("text", ["0 mg", "300 Gy", "740 GBq", "5500 kBq/kg"])
def test_impossible_quantities_are_s008(text: str) -> None:
    found, messages = _read(text, RT_UNITS if "Gy" in text else DOSE_UNITS)
    assert found is None and messages[0].startswith("S008 'dose'") and "cannot be" in messages[0]


@pytest.mark.parametrize("text", ["eighty", "80", "[80, mg]"])
def test_what_is_not_a_quantity_is_s008(text: str) -> None:
    found, messages = _read(text, DOSE_UNITS)
    assert found is None and "is not a quantity with a unit" in messages[0]
    assert "write e.g. '1 mg'" in messages[0]


@pytest.mark.parametrize(("text", "units"), [("80 furlongs", DOSE_UNITS), ("100 mCi", RT_UNITS)])
def test_a_unit_the_field_does_not_take_is_named(text: str, units: dict[str, str]) -> None:
    """Radioiodine "100 mCi" as a radiotherapy dose was "not a quantity with a unit"."""
    found, messages = _read(text, units)
    unit = text.split()[1]
    assert found is None and f"'{unit}' is not a unit of 'dose'" in messages[0], messages


def test_a_catalogue_dose() -> None:
    assert fixed_dose("175 mg/m2") == Quantity(175.0, "mg/m²")
    assert fixed_dose(None) is None


@pytest.mark.parametrize(
    ("text", "value", "shown"),
    [
        ("103 x 82 mm", 103.0, "103 × 82 mm"),
        ("12×13 cm", 13.0, "12 × 13 cm"),
        ("12 cm × 13 cm", 13.0, "12 × 13 cm"),
        ("4.2 X 3 X 2.5 CM", 4.2, "4.2 × 3 × 2.5 cm"),
    ],
)
def test_a_size_in_two_or_three_dimensions_is_its_longest_with_every_one_shown(
    text: str, value: float, shown: str
) -> None:
    found, messages = _read(text, SIZE_UNITS, dimensions=True)
    assert messages == [] and found is not None
    assert (found.value, found.unit, str(found)) == (value, "cm" if "cm" in shown else "mm", shown)


@pytest.mark.parametrize("text", ["12 cm x 13 mm", "12 x 13", "12 x 13 x 14 x 15 cm", "x 13 cm"])
def test_sizes_that_do_not_agree_are_s008(text: str) -> None:
    found, messages = _read(text, SIZE_UNITS, dimensions=True)
    assert found is None and messages and messages[0].startswith("S008")


def test_only_a_size_reads_dimensions() -> None:
    found, messages = _read("12 x 13 mg", DOSE_UNITS)
    assert found is None and messages[0].startswith("S008")


def test_a_dimension_too_large_is_s008() -> None:
    found, messages = _read("12 x 130 cm", SIZE_UNITS, dimensions=True)
    assert found is None and "cannot be" in messages[0] and "'12 x 130 cm'" in messages[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("3 million units", 3.0, "MIU"),
        ("3 MIU", 3.0, "MIU"),
        ("3000000 IU", 3e6, "IU"),
        ("720000 IU/kg", 720000.0, "IU/kg"),
        ("20 MIU/m2", 20.0, "MIU/m²"),
    ],
)
def test_doses_in_units_of_millions_are_read(text: str, value: float, unit: str) -> None:
    """Alpha interferon "3 million units" three times a week: "million units" was no unit of
    a dose, and 3,000,000 IU was over the limit of a million."""
    found, problems = _read(text, DOSE_UNITS)
    assert not problems, problems
    assert found is not None and (found.value, found.unit) == (value, unit)
