"""The cycle collector paused around a check: safe, because a check leaves no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from conftest import CASES, many_lines_case
from timeline import check_path, check_text
from timeline.cycles import paused
from timeline.summary import summary_data, summary_text


@pytest.fixture
def saving_cycles() -> Iterator[None]:
    """Collector off, and whatever it finds kept in gc.garbage to be counted."""
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()


def test_the_collector_is_off_during_the_work_and_back_on_after() -> None:
    seen = []
    assert gc.isenabled()
    paused(lambda: seen.append(gc.isenabled()))()
    assert seen == [False] and gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        paused(lambda: None)()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_back_on_after_an_exception() -> None:
    def fails() -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError):
        paused(fails)()
    assert gc.isenabled()


def _cyclic_garbage() -> int:
    found = gc.collect()
    gc.garbage.clear()
    return found


@pytest.mark.usefixtures("saving_cycles")
def test_checks_schedules_and_intervals_leave_no_cycles() -> None:
    """What the pause rests on: everything built while the collector is off is freed by
    reference counting alone (a collection afterwards finds nothing)."""
    for path in CASES:
        checked = check_path(str(path))
        summary_text(checked)  # the schedule, the lines and the intervals
        summary_data(checked)  # (both run with the collector paused too)
        del checked
    for wide in (False, True):
        checked = check_text(many_lines_case(40, wide), "long.yaml")
        assert checked.ok and len(checked.intervals) > 80
        summary_text(checked)
        del checked
    assert _cyclic_garbage() == 0


@pytest.mark.usefixtures("saving_cycles")
def test_the_check_of_cycles_finds_one() -> None:
    """(The test above can fail: a cycle made here is found.)"""
    a: list[object] = []
    a.append(a)
    del a
    assert _cyclic_garbage() == 1


def test_c008_says_a_date_after_cycles_of_unstated_length_is_drawn_at_two_weeks_a_cycle() -> None:
    """A gastric cancer report: a response "after 5 cycles" of trastuzumab deruxtecan, begun in
    August 2020, nothing after it. C008 said the drawing could place it "only at its earliest
    day", where the drawing places it at two weeks a cycle (late October), a length the source
    does not give; it says so now, and where the length would go."""
    text = """
format: 1
id: after-cycles
diagnosis: {date: 2019-01}
events:
  - {id: rx, type: regimen, intent: advanced, start: 2020-08, end_reason: unknown,
     agents: [trastuzumab deruxtecan]}
  - {id: resp, type: response, date: {from: rx.start, offset: 5 cycles}, category: PR}
"""
    checked = check_text(text, "cycles.yaml")
    said = [p.message for p in checked.problems if p.code == "C008" and "'resp'" in p.message]
    assert said, [p.format() for p in checked.problems]
    assert "two weeks a cycle" in said[0] and "cycle: 3 weeks" in said[0], said[0]
    assert "only at its earliest day" not in said[0]
    # (and where nothing dated after it bounds that length, a case told in order draws it by
    # its order alone: a remission "1 cycle" into venetoclax was drawn past the axis break,
    # which "at two weeks a cycle" alone did not say)
    assert "or by its order alone" in said[0], said[0]
