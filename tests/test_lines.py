"""Line numbering and intervals."""

from __future__ import annotations

from conftest import case, check, event


def test_adjuvant_is_not_numbered_and_advanced_lines_count_up() -> None:
    result = check(case())
    assert [(ln.number, ln.label) for ln in result.lines] == [
        (None, "adjuvant"),
        (1, "L1"),
        (2, "L2"),
    ]


def test_maintenance_continues_the_line() -> None:
    data = case()
    line2 = event(data, "line2")
    line2["intent"] = "maintenance"
    result = check(data)
    assert [ln.label for ln in result.lines] == ["adjuvant", "L1", "L1 maintenance"]


def test_adding_a_drug_after_progression_is_a_new_line() -> None:
    data = case()
    event(data, "line2")["agents"] = ["letrozole", "palbociclib"]
    result = check(data)
    assert result.lines[-1].number == 2
    assert result.lines[-1].regimen.agent_names() == ("letrozole", "palbociclib")


def test_intervals_are_censored_at_follow_up() -> None:
    result = check(case())
    names = {i.name: i for i in result.intervals}
    assert not names["PFS L1"].censored
    assert names["PFS L2"].censored
    assert names["follow-up"].censored
    dfs = names["DFS"].months()
    assert dfs is not None and 26 <= dfs[0] <= dfs[1] <= 29


def test_death_gives_overall_survival() -> None:
    data = case()
    data["events"] = [e for e in data["events"] if e["id"] != "fu"]
    event(data, "line2")["end"] = "2013-10"
    event(data, "line2")["end_reason"] = "other"
    data["events"].append(
        {"id": "death", "type": "death", "date": "2013-11-02", "cause": "breast cancer"}
    )
    result = check(data)
    assert result.ok, [p.format() for p in result.problems]
    names = {i.name: i for i in result.intervals}
    assert "OS" in names and not names["OS"].censored
    assert [s.after for s in result.steps][-1] == "dead"
