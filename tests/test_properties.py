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


#: a name no catalogue knows, declared by the generated case itself
DECLARED = {"name": "declaratinib", "class": "targeted", "subclass": "kinase inhibitor"}


class _Dates:
    """Writes the true day of each event in one of the forms of docs/case-format.md, each of
    which holds that day: a day, a month, a year with an order, an approximate month, a date
    relative to an earlier event (in days, or about so many months), an order with `within`,
    a bound on both sides ("more than so long after" as one), or the same day as an event."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.days: dict[str, date] = {}  # the true day of every point an event may refer to
        self.exact: set[str] = set()  # points written to the day

    def point(self, key: str, day: date, forms: tuple[str, ...] = ("day", "month")) -> Any:
        self.days[key] = day
        form = self.draw(st.sampled_from(forms))
        # orders and offsets start from the latest point before: a window from further back
        # could put the event before one that came first (a PD before the CR it ends)
        latest = max((k for k, d in self.days.items() if d < day), key=self.days.get, default="")
        exact = latest in self.exact
        if form == "day":
            self.exact.add(key)
            return day.isoformat()
        if form == "month":
            return day.strftime("%Y-%m")
        if form == "approx":
            return {"at": day.strftime("%Y-%m"), "approx": True}
        if form == "relative" and exact:
            self.exact.add(key)
            return {"from": latest, "offset": f"{(day - self.days[latest]).days} days"}
        if form == "within" and exact:
            slack = self.draw(st.integers(1, 30))
            return {"after": latest, "within": f"{(day - self.days[latest]).days + slack} days"}
        if form == "bounded" and latest:
            return {"after": latest, "before": (day + timedelta(days=20)).isoformat()}
        if form == "more-than-after" and latest:
            least = (day - self.days[latest]).days - self.draw(st.integers(0, 30))
            after = {"from": latest, "offset": f"{max(0, least)} days"}
            return {"after": after, "before": (day + timedelta(days=20)).isoformat()}
        if form == "year-after" and latest:
            return {"at": day.year, "after": latest}
        if form == "about":
            origin = "diagnosis"
            months = round((day - self.days[origin]).days / 30.436875)
            if months >= 60 and "diagnosis" in self.exact:
                # "about N months" is ±20 %: only the last event of all is written so
                return {"from": origin, "offset": f"about {months} months"}
        self.exact.add(key)
        return day.isoformat()


EVENT_FORMS = (
    "day",
    "month",
    "approx",
    "relative",
    "within",
    "bounded",
    "more-than-after",
    "year-after",
)


@st.composite
def valid_cases(draw: st.DrawFn) -> dict[str, Any]:
    """A case that breaks no rule, drawing on every event type and date form of the format:
    curative surgery with adjuvant therapy and radiotherapy, or not; then lines of therapy
    (agents or exposures with doses and dose changes, an agent the case declares), each with a
    response and a progression, resistance declared on progression; toxicities, biomarkers,
    performance, menopause, imaging and complications along the way, some of unknown date; and
    a last follow-up or death. Consecutive events are at least 62 days apart."""
    dates = _Dates(draw)
    # (a case spans up to about 27 years: started by 1996, it ends well before today, which
    # rule C010 requires of a last follow-up whatever the day the tests run)
    day = date(1980, 1, 1) + timedelta(days=draw(st.integers(0, 6000)))
    gap = st.integers(62, 400)

    def step(least: int = 0) -> date:
        nonlocal day
        day = day + timedelta(days=least + draw(gap))
        return day

    diagnosis = day
    dates.days["diagnosis"] = diagnosis
    written = draw(st.sampled_from(["day", "month", "approx"]))
    if written == "day":
        dates.exact.add("diagnosis")
    diagnosis_date: Any = {
        "day": diagnosis.isoformat(),
        "month": diagnosis.strftime("%Y-%m"),
        "approx": {"at": diagnosis.strftime("%Y-%m"), "approx": True},
    }[written]
    events: list[dict[str, Any]] = []
    declared = draw(st.booleans())
    pool = [*AGENTS, DECLARED["name"]] if declared else AGENTS
    if draw(st.booleans()):  # curative surgery, adjuvant therapy and radiotherapy, recurrence
        events.append(
            {
                "id": "surgery",
                "type": "surgery",
                "date": dates.point("surgery", step(), ("day", "month", "relative")),
                "curative": True,
            }
        )
        if draw(st.booleans()):
            start = step()
            cycles = draw(st.integers(2, 6))
            events.append(
                {
                    "id": "adjuvant",
                    "type": "regimen",
                    "intent": "adjuvant",
                    "start": dates.point("adjuvant.start", start, ("day", "within")),
                    "end": {"from": "adjuvant.start", "offset": f"{cycles} cycles of 3 weeks"},
                    "end_reason": "completed",
                    "cycles": cycles,
                    "cycle": "3 weeks",
                    "agents": draw(
                        st.lists(st.sampled_from(AGENTS), min_size=1, max_size=2, unique=True)
                    ),
                }
            )
            dates.days["adjuvant.end"] = start + timedelta(weeks=3 * cycles)
            day = dates.days["adjuvant.end"]
        if draw(st.booleans()):
            start = step()
            weeks = draw(st.integers(1, 7))
            events.append(
                {
                    "id": "rt",
                    "type": "radiotherapy",
                    "start": dates.point("rt.start", start, ("day", "relative")),
                    "end": {"from": "rt.start", "offset": f"{weeks} weeks"},
                    "site": "chest wall",
                    "dose": f"{2 * 5 * weeks} Gy",
                    "fractions": 5 * weeks,
                }
            )
            dates.days["rt.end"] = start + timedelta(weeks=weeks)
            day = dates.days["rt.end"]
        events.append(
            {
                "id": "recurrence",
                "type": "recurrence",
                "date": dates.point("recurrence", step(), EVENT_FORMS),
                "sites": ["liver"],
            }
        )
    n_lines = draw(st.integers(1, 4))
    previous: str | None = None
    ended = True
    for i in range(1, n_lines + 1):
        start = step()
        agents = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
        line: dict[str, Any] = {"id": f"line{i}", "type": "regimen", "intent": "advanced"}
        if previous is not None:
            events_by_id = {e["id"]: e for e in events}
            events_by_id[previous]["end"] = f"line{i}.start"
            line["start"] = dates.point(f"line{i}.start", start, ("day",))
        else:
            line["start"] = dates.point(f"line{i}.start", start, ("day", "month", "relative"))
        if draw(st.booleans()):
            line["agents"] = agents
        else:
            line["exposures"] = [{"agent": a, "dose": "100 mg"} for a in agents]
            if draw(st.booleans()):
                line["exposures"][0]["dose_changes"] = [
                    {
                        "date": {"from": f"line{i}.start", "offset": "1 months"},
                        "dose": "75 mg",
                        "reason": "neutropenia",
                    }
                ]
        events.append(line)
        if draw(st.booleans()):
            events.append(
                {
                    "id": f"tox{i}",
                    "type": "toxicity",
                    "date": {"from": f"line{i}.start", "offset": "3 weeks"},
                    "term": "Neutropenia",
                    "grade": draw(st.integers(1, 3)),
                    "agents": [agents[0]],
                }
            )
        category = draw(st.sampled_from(["CR", "PR", "SD", "NE", "unknown"]))
        response: dict[str, Any] = {
            "id": f"r{i}",
            "type": "response",
            "date": dates.point(f"r{i}", step(), EVENT_FORMS),
            "category": category,
        }
        if category == "unknown":
            response["authors_term"] = "responded"
        events.append(response)
        last = i == n_lines
        ended = not last or draw(st.booleans())
        if ended:
            pd = draw(st.sampled_from(["response", "progression"]))
            events.append(
                {"id": f"pd{i}", "type": pd, "date": dates.point(f"pd{i}", step(), EVENT_FORMS)}
                | ({"category": "PD"} if pd == "response" else {"sites": ["lung"]})
            )
            line["end_reason"] = "progression"
            if draw(st.booleans()):
                first = CATALOGUE.agent(agents[0])
                # an agent the source does not name can only be resisted as its class
                target = (
                    {"agent": agents[0]}
                    if first is None or not first.unspecified
                    else {"class": first.agent_class}
                )
                events.append(
                    {
                        "id": f"res{i}",
                        "type": "resistance",
                        "date": f"pd{i}",
                        "basis": f"pd{i}",
                        "kind": draw(st.sampled_from(["primary", "secondary", "unspecified"])),
                        **target,
                    }
                )
            if last:
                line["end"] = dates.point(f"line{i}.end", step(), ("day", "month"))
        else:
            line["end_reason"] = "ongoing"
        previous = f"line{i}"
    # the patient over time: some of these dates are unknown, bounded only by the others
    side = [
        {"type": "biomarker", "name": "Ki-67", "value": "20", "unit": "%"},
        {"type": "performance", "scale": "ECOG", "score": draw(st.integers(0, 2))},
        {"type": "menopause", "status": "postmenopausal"},
        {"type": "imaging", "method": "CT", "findings": "stable liver lesions"},
        {"type": "complication", "term": "Pleural effusion", "grade": 2},
    ]
    for n, extra in enumerate(draw(st.lists(st.sampled_from(side), max_size=3)), 1):
        when = draw(st.sampled_from(["unknown", "year", "relative"]))
        if when == "unknown":
            extra = extra | {"date": "unknown"}
        elif when == "year":
            year = diagnosis.year + draw(st.integers(0, max(0, day.year - diagnosis.year)))
            extra = extra | {"date": year}
        else:
            offset = draw(st.integers(1, max(1, (day - diagnosis).days)))
            extra = extra | {"date": {"from": "diagnosis", "offset": f"{offset} days"}}
        events.append({"id": f"x{n}", **extra})
    if ended and draw(st.booleans()):
        end_day = step()
        events.append(
            {
                "id": "death",
                "type": "death",
                "date": dates.point("death", end_day, ("day", "about")),
            }
        )
    else:
        status = draw(st.sampled_from(["alive-with-disease", "alive", "unknown"]))
        end_day = step()
        events.append(
            {
                "id": "fu",
                "type": "follow-up",
                "date": dates.point("fu", end_day, ("day", "month", "about")),
                "status": status,
            }
        )
    order = draw(st.permutations(range(len(events))))
    data: dict[str, Any] = {
        "format": 1,
        "id": "generated",
        "diagnosis": {"date": diagnosis_date},
        "events": [events[k] for k in order],  # file order does not matter
    }
    if declared:
        data["agents"] = [DECLARED]
    return data


@SETTINGS
@given(valid_cases())
def test_generated_valid_cases_have_no_errors(data: dict[str, Any]) -> None:
    result = check_text(yaml.safe_dump(data, sort_keys=False), "gen.yaml")
    assert result.errors == [], [p.format() for p in result.errors]
    numbered = [ln.number for ln in result.lines if ln.number is not None]
    advanced = [e for e in data["events"] if e.get("intent") == "advanced"]
    assert numbered == list(range(1, len(advanced) + 1))
    assert len(result.lines) == len(advanced) + ("adjuvant" in {e["id"] for e in data["events"]})


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
