"""The key table of the case format: which keys each place of a case file allows.

The parser checks every mapping against it, :mod:`timeline.schema` writes it out as a JSON
schema, and the format guide (docs/case-format.md) documents every key it names.
"""

from __future__ import annotations

__all__ = ["ALLOWED", "COMMON", "EVENT_ALLOWED", "EVENT_KEYS", "EVENT_TYPES", "KEYS"]

#: The keys every event allows.
COMMON = ("id", "type", "note", "teach")
#: The keys each place in a case file allows (the format guide documents every one).
KEYS: dict[str, tuple[str, ...]] = {
    "case": (
        "format",
        "id",
        "title",
        "source",
        "patient",
        "diagnosis",
        "prior_lines",
        "agents",
        "events",
        "notes",
        "acknowledge",
    ),
    "acknowledgement": ("code", "event", "reason"),
    "prior_lines": ("at_least", "note"),
    "teach": ("question", "answer"),
    "source": ("citation", "doi", "pmid", "url", "note"),
    "patient": ("sex", "age", "menopause", "ethnicity", "history", "note"),
    "age": ("years", "months", "at", "note"),
    "diagnosis": (
        "date",
        "site",
        "laterality",
        "histology",
        "grade",
        "tnm",
        "nodes",
        "biomarkers",
        "note",
    ),
    "tnm": ("system", "t", "n", "m", "stage", "stage_inferred"),
    "biomarker": ("name", "result", "method", "value", "unit", "scale", "ish", "note"),
    "agent": ("name", "class", "subclass", "atc", "rxnorm", "names"),
    "surgery": (
        *COMMON,
        "date",
        "procedure",
        "site",
        "laterality",
        "curative",
        "oncologic",
        "findings",
    ),
    "radiotherapy": (*COMMON, "start", "end", "site", "laterality", "dose", "fractions", "intent"),
    "regimen": (
        *COMMON,
        "name",
        "intent",
        "start",
        "end",
        "end_reason",
        "cycles",
        "cycle",
        "agents",
        "exposures",
    ),
    "exposure": (
        "id",
        "agent",
        "dose",
        "loading_dose",
        "schedule",
        "route",
        "cycles",
        "start",
        "end",
        "dose_changes",
        "end_reason",
        "note",
    ),
    "dose_change": ("date", "dose", "change", "schedule", "reason"),
    "recurrence": (*COMMON, "date", "sites", "new_sites", "method"),
    "progression": (*COMMON, "date", "sites", "new_sites", "method"),
    "response": (
        *COMMON,
        "date",
        "category",
        "authors_term",
        "method",
        "sites",
        "lesions",
        "markers",
        "setting",
        "criteria",
    ),
    "lesion": ("site", "size", "change", "note"),
    "marker": ("name", "value", "unit"),
    "toxicity": (
        *COMMON,
        "date",
        "start",
        "end",
        "term",
        "grade",
        "agent",
        "agents",
        "regimen",
        "labs",
        "action",
        "treatment",
    ),
    "lab": ("name", "value", "unit", "grade"),
    "performance": (*COMMON, "date", "scale", "score"),
    "menopause": (*COMMON, "date", "status"),
    "imaging": (*COMMON, "date", "method", "findings", "sites", "lesions"),
    "complication": (*COMMON, "date", "term", "grade"),
    "resistance": (*COMMON, "date", "agent", "class", "kind", "basis", "window"),
    "follow-up": (*COMMON, "date", "status", "later_therapy"),
    "death": (*COMMON, "date", "cause", "later_therapy"),
    "biomarker-test": (
        *COMMON,
        "date",
        "name",
        "result",
        "method",
        "value",
        "unit",
        "scale",
        "ish",
        "specimen",
    ),
}
#: The values of an event's 'type', in the order the format guide gives them.
EVENT_TYPES = (
    "surgery",
    "radiotherapy",
    "regimen",
    "recurrence",
    "progression",
    "response",
    "toxicity",
    "resistance",
    "follow-up",
    "death",
    "biomarker",
    "performance",
    "menopause",
    "imaging",
    "complication",
)
#: The keys each event type allows (a biomarker event is a re-test: 'biomarker-test').
EVENT_KEYS = {t: KEYS["biomarker-test" if t == "biomarker" else t] for t in EVENT_TYPES}
#: :data:`KEYS` as sets, for checking a mapping's keys without building a set per mapping.
ALLOWED: dict[str, frozenset[str]] = {place: frozenset(keys) for place, keys in KEYS.items()}
#: :data:`EVENT_KEYS` as sets.
EVENT_ALLOWED: dict[str, frozenset[str]] = {t: frozenset(k) for t, k in EVENT_KEYS.items()}
