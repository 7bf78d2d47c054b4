"""The fuzz suite: mutants of every case in cases/ and of the YAML test suite's inputs, at the
byte, token and value level, through validate, show and render.

A mutant fails the suite when anything raises, when validation answers with an internal error
(Z999), when the summary or the drawing cannot be made from a valid case, when the SVG is not
well-formed XML, or when one mutant takes longer than its time budget. In ``make test`` a
bounded number of mutants run, always the same ones (seeded); ``make fuzz`` runs ten thousand
and more (``FUZZ_EXAMPLES``) and draws every valid mutant through Graphviz too.
"""

from __future__ import annotations

import os
import random
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CASES, SHARED
from timeline import check_text
from timeline.render.dot import scene_dot
from timeline.render.layout import swimlane
from timeline.render.style import THEMES
from timeline.summary import summary_data, summary_text

#: mutants per test in `make test` (FUZZ_EXAMPLES overrides; `make fuzz` sets it high)
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
#: draw valid mutants through Graphviz as well (slow: `make fuzz` sets FUZZ_DRAW=1)
DRAW = os.environ.get("FUZZ_DRAW") == "1"
#: seconds one mutant may take, all steps together
BUDGET = float(os.environ.get("FUZZ_BUDGET", "10"))

SOURCES = [p.read_text(encoding="utf-8") for p in CASES]
_SUITE = SHARED / "yaml-test-suite"
SUITE = (
    sorted(p.read_bytes() for p in _SUITE.rglob("*") if p.is_file())[:400]
    if _SUITE.is_dir()
    else []
)

# values a curator or an attacker may write where a scalar stands
HOSTILE = [
    "2011-00",
    "2011-13-01",
    "0000",
    "99999",
    "unknown",
    "-1",
    "0",
    "1e309",
    "nan",
    "9" * 50,
    "~",
    "null",
    "true",
    "[]",
    "{}",
    "'",
    '"',
    "&a",
    "*a",
    "!!python/object:os.system",
    "\x1b[2J",
    "\u202e",
    "\ufffe",
    "&#1;",
    "<script>",
    "字" * 300,
    "a" * 5000,
    "{after: nowhere}",
    "{from: diagnosis, offset: 99999 years}",
    "1.5 months",
    "{after: diagnosis, within: -3 months}",
    "{at: 2011, after: diagnosis}",
]


def _run(text: str, path: str = "mutant.yaml") -> None:
    start = time.perf_counter()
    checked = check_text(text, path)
    internal = [p.format() for p in checked.problems if p.code == "Z999"]
    assert not internal, internal
    lines = len(text.splitlines()) or 1
    for problem in checked.problems:
        line = problem.format()
        assert "\n" not in line and "\x1b" not in line
        # a line the file has (or the one just past its end) and a column
        assert 1 <= problem.location.line <= lines + 1 and problem.location.column >= 1, line
    summary_text(checked)
    summary_data(checked)
    if checked.ok and checked.case is not None:
        scene = swimlane(checked, THEMES["slide"])
        scene_dot(scene, checked.case.id)
        if DRAW:
            from timeline.render import render_case

            ET.fromstring(render_case(checked, fmt="svg", backend="wasm"))
    assert time.perf_counter() - start < BUDGET, "over the time budget"


def _mutate_bytes(data: bytes, rnd: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        op = rnd.randrange(4)
        at = rnd.randrange(len(buf) + 1)
        if op == 0 and buf:
            del buf[min(at, len(buf) - 1)]
        elif op == 1:
            buf[at:at] = bytes([rnd.randrange(256)])
        elif op == 2 and buf:
            buf[min(at, len(buf) - 1)] = rnd.choice(b":-{}[],#&*!|>'\"\n \t0123456789")
        else:
            buf[at:at] = rnd.choice([b"\n  - ", b": ", b"{", b"]", b"\x00", b"\xff", b"\xe2\x80"])
    return bytes(buf)


def _mutate_tokens(text: str, rnd: random.Random) -> str:
    """Replace a few scalars of the file by hostile or borrowed values."""
    lines = text.splitlines()
    for _ in range(rnd.randint(1, 6)):
        i = rnd.randrange(len(lines))
        line = lines[i]
        if ": " in line:
            key, _, _value = line.partition(": ")
            lines[i] = f"{key}: {rnd.choice(HOSTILE)}"
        else:
            lines.insert(i, lines[rnd.randrange(len(lines))])
    return "\n".join(lines) + "\n"


def _mutate_values(text: str, rnd: random.Random) -> str:
    """Change the parsed case: drop, duplicate or rewire events and fields."""
    data = yaml.safe_load(text)
    events = data.get("events") or []
    ids = [e.get("id") for e in events if isinstance(e, dict) and e.get("id")] or ["x"]
    for _ in range(rnd.randint(1, 5)):
        if not events:
            break
        e = rnd.choice(events)
        if not isinstance(e, dict):
            continue
        op = rnd.randrange(6)
        if op == 0:
            events.remove(e)
        elif op == 1:
            events.append(dict(e))
        elif op == 2:
            key = rnd.choice(list(e))
            e[key] = rnd.choice([*HOSTILE, rnd.choice(ids), f"{rnd.choice(ids)}.end"])
        elif op == 3:
            for key in ("date", "start", "end"):
                if key in e:
                    e[key] = rnd.choice(
                        [
                            f"{rnd.choice(ids)}.start",
                            {"after": rnd.choice(ids), "within": "2 months"},
                            {"from": rnd.choice(ids), "offset": f"{rnd.randint(-60, 60)} months"},
                            {"before": rnd.choice(ids)},
                            "unknown",
                        ]
                    )
        elif (op == 4 and "cycles" in e) or op == 4:
            e["cycles"] = rnd.choice([0, 1, 4, 10**9, -3, "many"])
        else:
            e["type"] = rnd.choice(
                ["surgery", "regimen", "response", "progression", "death", "follow-up", "nope"]
            )
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)


@_SETTINGS
@given(st.integers(0, 2**32), st.integers(0, len(SOURCES) - 1))
def test_byte_mutants(seed: int, which: int) -> None:
    rnd = random.Random(seed)
    data = _mutate_bytes(SOURCES[which].encode("utf-8"), rnd)
    _run(data.decode("utf-8", errors="replace"))


@_SETTINGS
@given(st.integers(0, 2**32), st.integers(0, len(SOURCES) - 1))
def test_token_mutants(seed: int, which: int) -> None:
    _run(_mutate_tokens(SOURCES[which], random.Random(seed)))


@_SETTINGS
@given(st.integers(0, 2**32), st.integers(0, len(SOURCES) - 1))
def test_value_mutants(seed: int, which: int) -> None:
    _run(_mutate_values(SOURCES[which], random.Random(seed)))


@pytest.mark.skipif(not SUITE, reason="the YAML test suite is not beside the project")
@_SETTINGS
@given(st.integers(0, 2**32), st.integers(0, 10**6))
def test_yaml_suite_mutants(seed: int, which: int) -> None:
    rnd = random.Random(seed)
    data = SUITE[which % len(SUITE)]
    _run(_mutate_bytes(data, rnd).decode("utf-8", errors="replace"))


def test_the_json_form_of_a_mutant_too(tmp_path: Path) -> None:
    import json

    rnd = random.Random(7)
    for source in SOURCES:
        data = yaml.safe_load(_mutate_values(source, rnd))
        text = json.dumps(data, default=str)
        _run(text, "mutant.json")
