"""The JSON Schema of the case format: generated from the parser's keys, valid draft 2020-12,
passed by every case, and marking the misspellings the validator refuses."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import CASES, REFERENCE
from timeline import check_text
from timeline.cli import main
from timeline.parse import KEYS
from timeline.schema import case_schema


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = case_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(validator: jsonschema.Draft202012Validator, text: str) -> list[str]:
    return [e.message for e in validator.iter_errors(yaml.safe_load(text))]


def test_the_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(case_schema()))
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_place_has_exactly_the_parser_keys() -> None:
    schema: dict[str, Any] = case_schema()
    assert set(schema["properties"]) == set(KEYS["case"])
    for place, keys in KEYS.items():
        if place == "case":
            continue
        assert set(schema["$defs"][place]["properties"]) == set(keys), place
        assert schema["$defs"][place]["additionalProperties"] is False


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_case_passes(validator: jsonschema.Draft202012Validator, path: Any) -> None:
    assert errors(validator, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        ("\nsource:", "\nsorce:"),  # the top level
        ("    end_reason: completed", "    end_reasn: completed"),  # an event
        ("agent: cyclophosphamide, dose:", "agent: cyclophosphamide, dse:"),  # an exposure
        ("    procedure:", "    procedur:"),  # a surgery
        ("      within: 3 months", "      withn: 3 months"),  # a date mapping
        ("  tnm: {system:", "  tnm: {sytem:"),  # the diagnosis' TNM
    ],
)
def test_a_misspelt_key_is_marked_as_the_validator_marks_it(
    validator: jsonschema.Draft202012Validator, right: str, wrong: str
) -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    assert right in text
    broken = text.replace(right, wrong, 1)
    found = errors(validator, broken)
    assert found and any("Additional properties" in m for m in found), found
    assert any(p.code == "S001" for p in check_text(broken, "case.yaml").problems)


def test_what_the_validator_accepts_the_schema_accepts(
    validator: jsonschema.Draft202012Validator,
) -> None:
    text = (
        REFERENCE.read_text(encoding="utf-8")
        .replace("category: PR", "category: pr")
        .replace(
            "  age: {years: 68, note: the report does not say at which point of the history}",
            "  age: 68",
        )
    )
    assert check_text(text, "case.yaml").ok
    assert errors(validator, text) == []
