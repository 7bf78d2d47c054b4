"""Quantities with a unit (a dose, a lesion's size, a radiotherapy dose) and the units each
place accepts, written as the case file writes them and normalised for reading."""

from __future__ import annotations

import re

import yaml

from timeline.model import Quantity
from timeline.reading import Fields, Reader

__all__ = ["DOSE_UNITS", "LIMITS", "RT_UNITS", "SIZE_UNITS", "fixed_dose", "quantity"]

_QUANTITY = re.compile(r"(?:(AUC)\s*)?([-+]?\d+(?:\.\d+)?)\s*([^\d\s].*)?", re.IGNORECASE)
#: The units of a dose, as written (lower case, no spaces) and as read.
DOSE_UNITS = {
    "mg/m2": "mg/m²",
    "mg/m²": "mg/m²",
    "mg/kg": "mg/kg",
    "mg": "mg",
    "g": "g",
    "g/m2": "g/m²",
    "g/m²": "g/m²",
    "mcg": "µg",
    "µg": "µg",
    "ug": "µg",
    "iu": "IU",
    # (interferon and interleukin-2 are dosed in millions of units, by weight or area: "alpha
    # interferon 3 million units" could not be written, 3,000,000 IU over the limit)
    "miu": "MIU",
    "millionunits": "MIU",
    "millioniu": "MIU",
    "iu/kg": "IU/kg",
    "iu/m2": "IU/m²",
    "iu/m²": "IU/m²",
    "miu/m2": "MIU/m²",
    "miu/m²": "MIU/m²",
    "auc": "AUC",
    # the activity of a radiopharmaceutical (177Lu-DOTATATE 7.4 GBq, radioiodine 100 mCi)
    "gbq": "GBq",
    "mbq": "MBq",
    "mci": "mCi",
    # by body weight (radium-223 55 kBq/kg, 131I-MIBG 18 mCi/kg or 666 MBq/kg)
    "kbq/kg": "kBq/kg",
    "mbq/kg": "MBq/kg",
    "mci/kg": "mCi/kg",
}
#: The units of a lesion's size.
SIZE_UNITS = {"mm": "mm", "cm": "cm"}
#: the largest value a quantity can have in each unit (a total radiotherapy dose above 200 Gy,
#: a dose above 100 g/m², a lesion above 100 cm, an activity above 100 GBq are errors of the
#: file, not of the patient)
LIMITS = {
    "Gy": 200.0,
    "cm": 100.0,
    "mm": 1000.0,
    "g": 1000.0,
    "g/m²": 100.0,
    "mg": 100_000.0,
    # (100 GBq, 2,700 mCi: far above any one administration of a radiopharmaceutical)
    "GBq": 100.0,
    "MBq": 100_000.0,
    "mCi": 2700.0,
    # (ten times the largest weight-based activities in use: radium-223 55 kBq/kg, high-dose
    # MIBG 18 mCi/kg, 666 MBq/kg)
    "kBq/kg": 1000.0,
    "MBq/kg": 10_000.0,
    "mCi/kg": 200.0,
    # (aldesleukin 720,000 IU/kg, interferon alfa up to 20 MIU/m²: ten times and more)
    "IU": 1e9,
    "MIU": 1000.0,
    "IU/kg": 1e7,
    "IU/m²": 1e9,
    "MIU/m²": 1000.0,
}
#: The unit of a radiotherapy dose.
RT_UNITS = {"gy": "Gy"}


#: the unit tables above whose quantities are kept by their text once read (a quantity is a
#: value: one object serves every place that writes the same text); bounded
_TABLES = (DOSE_UNITS, SIZE_UNITS, RT_UNITS)
_SEEN: dict[int, dict[str, Quantity]] = {id(table): {} for table in _TABLES}
_SEEN_MAX = 50_000


#: one dimension of a lesion measured in two or three ("12 × 13 cm", "12 cm x 13 cm")
_DIMENSION = re.compile(r"(\d+(?:\.\d+)?)\s*([a-zA-Z]+)?")
_TIMES = re.compile(r"\s*[x×*]\s*", re.IGNORECASE)


def _dimensions(raw: str, units: dict[str, str]) -> tuple[str, str, str] | None:
    """A size written in two or three dimensions, as (largest number, unit, the numbers as
    written joined by ×), when every part is a number and the units given agree; else None."""
    parts = _TIMES.split(raw)
    if not 2 <= len(parts) <= 3:
        return None
    found = [_DIMENSION.fullmatch(part) for part in parts]
    if any(m is None for m in found):
        return None
    numbers = [m[1] for m in found if m is not None]
    given = {units.get(m[2].lower()) for m in found if m is not None and m[2]}
    last = found[-1]
    if last is None or not last[2] or len(given) != 1 or None in given:
        return None
    if any(float(n) == 0 for n in numbers):
        return None
    largest = max(numbers, key=float)
    return largest, str(last[2]), " × ".join(numbers)


def quantity(
    reader: Reader,
    f: Fields,
    key: str,
    units: dict[str, str],
    example: str,
    dimensions: bool = False,
) -> Quantity | None:
    """The quantity under ``key`` in one of ``units`` (``None``, reported, when it is not one;
    ``example`` shows the form in the message). With ``dimensions``, a size measured in two or
    three dimensions ("103 × 82 mm") is read too: its value is the largest (the longest
    diameter, which RECIST 1.1 measures), its text every one."""
    node = f.get(key)
    if node is None:
        return None
    raw = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
    seen = _SEEN.get(id(units))  # (the tables live as long as the module: ids are theirs)
    if seen is not None:
        found = seen.get(raw)
        if found is not None:
            return found
    written = None
    if dimensions and (dims := _dimensions(raw, units)) is not None:
        largest, unit_written, written = dims
        raw_one = f"{largest} {unit_written}"
    else:
        raw_one = raw
    m = _QUANTITY.fullmatch(raw_one)
    if m:
        auc, number, unit = m.groups()
        unit = "AUC" if auc else (unit or "").strip()
        norm = units.get(unit.lower().replace(" ", ""))
        value = float(number)
        top = LIMITS.get(norm or "", 1e6)
        if norm and not 0 < value <= top:
            reader.error(
                "S008",
                node,
                f"'{key}' '{raw}' cannot be: a {key.replace('_', ' ')} is more than 0 and at"
                f" most {top:g} {norm}; check the source",
            )
            return None
        if norm:
            found = Quantity(value, norm, written or number)
            if seen is not None:
                if len(seen) >= _SEEN_MAX:
                    seen.clear()
                seen[raw] = found
            return found
    accepted = ", ".join(sorted(set(units.values())))
    if m and (unit := (m.group(3) or "").strip()):
        # a number and a unit this field does not take ("100 mCi" of radioiodine as a
        # radiotherapy dose): say which unit, not that there is none
        why = f"'{unit}' is not a unit of '{key}' (units: {accepted})"
        fix = "write the dose in one of them, or put the source's words in the event's note"
    else:
        why = f"is not a quantity with a unit (units: {accepted})"
        fix = f"write e.g. '{example}'"
    reader.error("S008", node, f"'{key}' '{raw}': {why}; {fix}")
    return None


def fixed_dose(text: str | None) -> Quantity | None:
    """A dose as the catalogue writes it for a named regimen (``"175 mg/m2"``)."""
    if not text:
        return None
    number, unit = text.split()
    return Quantity(float(number), DOSE_UNITS[unit.lower()])
