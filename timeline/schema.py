"""A JSON Schema (draft 2020-12) of the case format, generated from the parser's own
declaration of the keys each place allows (:data:`timeline.parse.KEYS`).

The schema is for editors: it names every key a place allows (so a misspelt key is marked as
you type), how places nest, and the choices of the enumerated fields (offered as completions).
It deliberately accepts every value the validator accepts — choices are read without regard
to case, spaces or underscores, ages are a number or a mapping, a date is a string, a year or a
mapping — so it never marks a valid case; the validator (``timeline validate``) checks the
values, the dates and the clinical rules.
"""

from __future__ import annotations

from typing import Any

from timeline.catalogue import CLASSES
from timeline.dates import DATE_KEYS
from timeline.model import (
    CATEGORIES,
    CRITERIA,
    DELIVERY_MODES,
    DONORS,
    DOSE_CHANGES,
    END_REASONS,
    FOLLOW_UP_STATUS,
    INTENTS,
    LATER_THERAPY,
    MARKER_CHANGES,
    MENOPAUSE_STATUS,
    MRD_RESULTS,
    PERFORMANCE_SCALES,
    PREGNANCY_OUTCOMES,
    RESISTANCE_KINDS,
    ROUTES,
    SECOND_PRIMARY_RELATIONS,
    TOXICITY_ACTIONS,
    TOXICITY_ATTRIBUTIONS,
    TOXICITY_GRADINGS,
)
from timeline.parse import EVENT_TYPES, KEYS

__all__ = ["SCHEMA_ID", "case_schema"]

SCHEMA_ID = "https://treatment-timeline.invalid/schema/case-1.json"

_LATERALITY = ("left", "right", "bilateral", "not-applicable")
#: the choices of enumerated keys, by (place, key); "*" is every place
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("patient", "sex"): ("female", "male", "other", "unknown"),
    ("patient", "menopause"): MENOPAUSE_STATUS,
    ("diagnosis", "laterality"): _LATERALITY,
    ("surgery", "laterality"): _LATERALITY,
    ("radiotherapy", "laterality"): _LATERALITY,
    ("biomarker", "ish"): ("positive", "negative", "equivocal", "not-done"),
    ("biomarker-test", "ish"): ("positive", "negative", "equivocal", "not-done"),
    ("agent", "class"): CLASSES,
    ("regimen", "intent"): INTENTS,
    ("regimen", "end_reason"): END_REASONS,
    ("exposure", "end_reason"): END_REASONS,
    ("exposure", "route"): ROUTES,
    ("response", "category"): CATEGORIES,
    ("response", "criteria"): CRITERIA,
    ("response", "setting"): ("on-treatment", "follow-up"),
    ("mrd", "result"): MRD_RESULTS,
    ("marker", "change"): MARKER_CHANGES,
    ("toxicity", "action"): TOXICITY_ACTIONS,
    ("toxicity", "grading"): TOXICITY_GRADINGS,
    ("toxicity", "attribution"): TOXICITY_ATTRIBUTIONS,
    ("dose_change", "change"): DOSE_CHANGES,
    ("performance", "scale"): PERFORMANCE_SCALES,
    ("menopause", "status"): MENOPAUSE_STATUS,
    ("resistance", "kind"): RESISTANCE_KINDS,
    ("follow-up", "status"): FOLLOW_UP_STATUS,
    ("follow-up", "later_therapy"): LATER_THERAPY,
    ("regimen", "later_therapy"): LATER_THERAPY,
    ("radiotherapy", "later_therapy"): LATER_THERAPY,
    ("surgery", "later_therapy"): LATER_THERAPY,
    ("transplant", "later_therapy"): LATER_THERAPY,
    ("transplant", "donor"): DONORS,
    ("second-primary", "relation"): SECOND_PRIMARY_RELATIONS,
    ("pregnancy", "outcome"): PREGNANCY_OUTCOMES,
    ("pregnancy", "delivery"): DELIVERY_MODES,
    ("death", "later_therapy"): LATER_THERAPY,
}
#: keys whose value is a mapping (or a list of mappings) of another place
NESTED: dict[tuple[str, str], str] = {
    ("case", "source"): "source",
    ("case", "patient"): "patient",
    ("case", "diagnosis"): "diagnosis",
    ("case", "agents"): "agent",
    ("case", "events"): "event",
    ("case", "acknowledge"): "acknowledgement",
    ("case", "prior_lines"): "prior_lines",
    ("patient", "age"): "age",
    ("diagnosis", "tnm"): "tnm",
    ("diagnosis", "biomarkers"): "biomarker",
    ("regimen", "exposures"): "exposure",
    ("exposure", "dose_changes"): "dose_change",
    ("response", "lesions"): "lesion",
    ("imaging", "lesions"): "lesion",
    ("response", "markers"): "marker",
    ("response", "mrd"): "mrd",
    ("toxicity", "labs"): "lab",
}
_DATES = {"date", "start", "end", "at"}


def _place(values: Any) -> dict[str, Any]:
    """A value that, when it is a mapping (or a list of mappings), is checked as ``values``."""
    return {
        "if": {"type": "object"},
        "then": values,
        "else": {
            "if": {"type": "array"},
            "then": {"items": {"if": {"type": "object"}, "then": values}},
        },
    }


def _value(place: str, key: str) -> dict[str, Any]:
    choices = CHOICES.get((place, key))
    if choices is not None:
        # offered as completions; any string is let through (the validator reads the choice
        # without regard to case, and suggests the nearest)
        return {"anyOf": [{"enum": list(choices)}, {"type": "string"}]}
    nested = NESTED.get((place, key))
    if nested is not None:
        return _place({"$ref": f"#/$defs/{nested}"})
    if key == "teach":
        return _place({"$ref": "#/$defs/teach"})
    if key in _DATES:
        return {"$ref": "#/$defs/date"}
    if (place, key) == ("source", "published"):
        return {
            "description": "the day, month or year the source was published: 2020-11-05,"
            " 2020-11 or 2020 (checked by the validator)",
            "not": {"type": ["object", "array"]},
        }
    return {}


def _object(place: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {key: _value(place, key) for key in KEYS[place]},
        "additionalProperties": False,
    }


def case_schema() -> dict[str, Any]:
    """The JSON Schema of a case file (a YAML case is checked as the JSON it reads as)."""
    defs: dict[str, Any] = {
        place: _object(place) for place in KEYS if place not in ("case", "biomarker-test")
    }
    defs["date"] = {
        "description": "2011-05-14, 2011-05, 2011, 'unknown', an event id, or a mapping of"
        f" {', '.join(sorted(DATE_KEYS))}",
        "if": {"type": "object"},
        "then": {
            "type": "object",
            "properties": {k: {} for k in sorted(DATE_KEYS)},
            "additionalProperties": False,
        },
    }
    defs["event"] = {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"anyOf": [{"enum": list(EVENT_TYPES)}, {"type": "string"}]}},
        "allOf": [
            {
                "if": {"properties": {"type": {"const": etype}}, "required": ["type"]},
                "then": {"$ref": f"#/$defs/{'biomarker-test' if etype == 'biomarker' else etype}"},
            }
            for etype in EVENT_TYPES
        ],
    }
    defs["biomarker-test"] = _object("biomarker-test")
    top = _object("case")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "treatment-timeline case file, format 1",
        "description": "Generated from the keys the case parser allows. Structure only: the"
        " values, dates and clinical rules are checked by 'timeline validate'.",
        **top,
        "required": ["id"],
        "$defs": defs,
    }
