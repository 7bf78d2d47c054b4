"""Property tests: generated valid cases validate; arbitrary bytes never break the reader.
(Mutants of real case files are the fuzz suite's, in test_fuzz.py.)"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import check_text
from timeline.catalogue import default_catalogue

CATALOGUE = default_catalogue()
AGENTS = sorted(CATALOGUE.agents)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _fmt(day: date, precision: str) -> str:
    return day.strftime("%Y-%m") if precision == "month" else day.isoformat()


@st.composite
def valid_cases(draw: st.DrawFn) -> dict[str, Any]:
    """A case that breaks no rule: curative surgery or not, then lines of therapy, each with a
    response and a progression, resistance declared on progression, and a last follow-up.
    Consecutive events are at least 62 days apart, so month precision never reorders them."""
    day = date(2000, 1, 1) + timedelta(days=draw(st.integers(0, 6000)))
    gap = st.integers(62, 400)
    precision = st.sampled_from(["day", "month"])

    def step() -> date:
        nonlocal day
        day = day + timedelta(days=draw(gap))
        return day

    events: list[dict[str, Any]] = []
    diagnosis = day
    curative = draw(st.booleans())
    if curative:
        events.append(
            {"id": "surgery", "type": "surgery", "date": _fmt(step(), "day"), "curative": True}
        )
        events.append(
            {"id": "recurrence", "type": "recurrence", "date": _fmt(step(), draw(precision))}
        )
    n_lines = draw(st.integers(1, 5))
    previous: str | None = None
    for i in range(1, n_lines + 1):
        start = step()
        agents = draw(st.lists(st.sampled_from(AGENTS), min_size=1, max_size=3, unique=True))
        line: dict[str, Any] = {
            "id": f"line{i}",
            "type": "regimen",
            "intent": "advanced",
            "start": _fmt(start, "day"),
            "agents": agents,
        }
        if previous is not None:
            events_by_id = {e["id"]: e for e in events}
            events_by_id[previous]["end"] = f"line{i}.start"
        events.append(line)
        category = draw(st.sampled_from(["CR", "PR", "SD"]))
        events.append(
            {
                "id": f"r{i}",
                "type": "response",
                "date": _fmt(step(), draw(precision)),
                "category": category,
            }
        )
        last = i == n_lines
        if not last or draw(st.booleans()):
            events.append(
                {
                    "id": f"pd{i}",
                    "type": "response",
                    "date": _fmt(step(), draw(precision)),
                    "category": "PD",
                }
            )
            line["end_reason"] = "progression"
            if draw(st.booleans()):
                first = CATALOGUE.agent(agents[0])
                assert first is not None
                # an agent the source does not name can only be resisted as its class
                target = {"class": first.agent_class} if first.unspecified else {"agent": agents[0]}
                events.append(
                    {
                        "id": f"res{i}",
                        "type": "resistance",
                        "date": f"pd{i}",
                        "basis": f"pd{i}",
                        **target,
                    }
                )
            if last:
                line["end"] = _fmt(step(), "day")
        else:
            line["end_reason"] = "ongoing"
        previous = f"line{i}"
    events.append(
        {
            "id": "fu",
            "type": "follow-up",
            "date": _fmt(step(), "day"),
            "status": "alive-with-disease",
        }
    )
    order = draw(st.permutations(range(len(events))))
    return {
        "format": 1,
        "id": "generated",
        "diagnosis": {"date": _fmt(diagnosis, draw(precision))},
        "events": [events[k] for k in order],  # file order does not matter
    }


@SETTINGS
@given(valid_cases())
def test_generated_valid_cases_have_no_errors(data: dict[str, Any]) -> None:
    result = check_text(yaml.safe_dump(data, sort_keys=False), "gen.yaml")
    assert result.errors == [], [p.format() for p in result.errors]
    numbered = [ln.number for ln in result.lines]
    assert numbered == list(range(1, len(numbered) + 1))


@SETTINGS
@given(valid_cases())
def test_json_reads_like_yaml(data: dict[str, Any]) -> None:
    from_yaml = check_text(yaml.safe_dump(data), "gen.yaml")
    from_json = check_text(json.dumps(data, indent=1), "gen.json")
    assert [p.code for p in from_yaml.problems] == [p.code for p in from_json.problems]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    from timeline.loader import load_bytes
    from timeline.problems import Problems

    problems = Problems()
    document = load_bytes(data, "bytes.yaml", problems)
    # only the reader's own: not UTF-8, empty, not YAML, a duplicate key, an anchor, a tag,
    # too deep; or a document that is not a mapping (S003)
    reader = {"Y001", "Y002", "Y003", "Y004", "Y006", "Y007", "Y008", "S003"}
    assert {p.code for p in problems.items} <= reader
    if document is None:
        assert problems.has_errors
