"""The time axis, and the zone of dates a case gives only by their order."""

from __future__ import annotations

from conftest import ROOT, ZONE_BEFORE_LINE
from timeline import check_path, check_text
from timeline.points import POS
from timeline.render.layout import swimlane
from timeline.render.scene import Rect, Scene, Stroke, Text
from timeline.render.style import THEMES
from timeline.render.timescale import after_zone, order_after, order_only, time_scale

TANIGUCHI = ROOT / "cases" / "taniguchi2018-egfr-osimertinib-sclc.yaml"

#: a calendar case whose history before the first dated line is told only in order
HISTORY = """\
id: history
diagnosis: {date: {before: surgery.start}}
events:
  - {id: surgery, type: surgery, date: {before: first.start}, procedure: mastectomy}
  - {id: first, type: regimen, intent: adjuvant, start: {before: second.start},
     end: {before: second.start}, agents: [tamoxifen]}
  - {id: second, type: regimen, intent: advanced, start: 2010-03-01, end: 2011-01-10,
     end_reason: progression, agents: [letrozole]}
  - {id: pd, type: response, date: 2011-01-10, category: PD}
  - {id: fu, type: follow-up, date: 2012-05-01, status: alive-with-disease}
"""


def test_a_history_told_in_order_is_spread_before_the_scale_in_that_order() -> None:
    checked = check_path(str(TANIGUCHI))
    assert checked.schedule is not None
    apart, until = order_only(checked.schedule)
    assert until is not None
    starts = [apart[f"{e}.start"] for e in ("crt-chemo", "gefitinib", "cis-pem", "erlotinib")]
    assert starts == sorted(starts) and len(set(starts)) == 4
    assert apart["diagnosis"] < starts[0]
    # every point of the scale proper is after the break, and kept on its own day
    planned = checked.schedule.planned()
    assert all(p.day >= until for k, p in planned.items() if k not in apart)
    assert all(day < until for day in apart.values())


def test_the_zone_is_drawn_with_a_break_a_caption_and_no_ticks() -> None:
    checked = check_path(str(TANIGUCHI))
    scene = swimlane(checked, THEMES["slide"])
    ids = {i.id: i for i in scene.items}
    assert "order-break" in ids
    caption = ids["order-zone-caption"]
    assert isinstance(caption, Text) and caption.text == "in order only"
    brk = ids["order-break"].x0  # type: ignore[union-attr]
    ticks = [i for i in scene.items if i.id.startswith("tick-label-")]
    assert ticks and all(t.x >= brk for t in ticks)  # type: ignore[attr-defined]
    notes = " ".join(i.text for i in scene.items if isinstance(i, Text))
    assert "not to scale" in notes
    # the bars of the first three lines follow one another instead of being stacked
    bars = [i for i in scene.items if isinstance(i, Rect) and i.id.startswith("bar-")]
    x = {b.id: b.x0 for b in bars}
    assert x["bar-crt-chemo-cisplatin"] < x["bar-gefitinib-gefitinib"] < x["bar-cis-pem-cisplatin"]


def test_words_say_what_the_case_says_of_a_date_in_the_zone() -> None:
    """A bar moved into the zone says what the case says of its dates (no later than the
    end of erlotinib), neither the slot the drawing gave it nor the schedule's plausible day:
    "≈ month -2.8 (by month 0)" was said of each of the first three lines, as if all three had
    been given on one day, in a zone drawn by order alone."""
    checked = check_path(str(TANIGUCHI))
    scene = swimlane(checked, THEMES["slide"])
    bar = next(i for i in scene.items if i.id == "bar-gefitinib-gefitinib")
    assert isinstance(bar, Rect) and "start and end by month 0;" in bar.tooltip
    zone = [
        i.tooltip
        for i in scene.items
        if isinstance(i, Rect) and i.id.startswith(("bar-crt-", "bar-gefitinib-", "bar-cis-pem-"))
    ]
    assert zone and not any("≈" in tip for tip in zone)
    # a date on the scale keeps its plausible day with its window
    pd = next(i for i in scene.items if i.id == "event-2")
    assert "progression ≈ month -2.7 (-4 to 0)" in (getattr(pd, "tooltip", None) or "")


def test_a_calendar_history_is_ordered_and_a_lone_open_date_is_not_moved() -> None:
    checked = check_text(HISTORY, "history.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    apart, until = order_only(checked.schedule)
    assert until is not None
    order = [apart[k] for k in ("diagnosis", "surgery", "first.start", "first.end")]
    assert order == sorted(order) and len(set(order)) == 4
    # the same case with only the diagnosis left undated: one point, drawn where it was
    lone = HISTORY.replace("date: {before: first.start}", "date: 2009-06-01").replace(
        "start: {before: second.start},\n     end: {before: second.start}",
        "start: 2009-07-01,\n     end: 2010-01-01",
    )
    checked = check_text(lone, "lone.yaml")
    assert checked.ok and checked.schedule is not None
    assert order_only(checked.schedule) == ({}, None)


#: an operation and a therapy both known only to follow a recurrence, in no order between them
AFTER_RECURRENCE = """\
id: after-recurrence
diagnosis: {date: 2020-01}
events:
  - {id: op, type: surgery, date: 2020-01, procedure: resection, curative: true}
  - {id: rec, type: recurrence, date: 2022-01}
  - {id: drug, type: regimen, intent: advanced, start: {after: rec}, agents: [imatinib]}
  - {id: reop, type: surgery, date: {after: rec}, procedure: re-resection, curative: unknown}
"""


def test_a_lone_open_date_goes_with_a_sequence_moved_past_the_scale() -> None:
    """The therapy (start and end) goes past the scale; the re-resection, known only to
    follow the same recurrence, was left at the recurrence's day, drawn before the therapy:
    an order the case does not give. It shares the therapy's first slot."""
    checked = check_text(AFTER_RECURRENCE, "after-recurrence.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    zone = after_zone(checked.schedule)
    assert zone is not None
    assert zone.days["reop"] == zone.days["drug.start"] < zone.days["drug.end"]
    assert "rec" not in zone.days


def test_the_axis_holds_nearby_windows_and_marks_the_ones_that_go_beyond() -> None:
    # cr003's second patient: the diagnosis is known to the year; the axis now starts with it
    checked = check_path(str(ROOT / "cases" / "cr003-her2-liver-patient2.yaml"))
    assert checked.schedule is not None and checked.chrono is not None
    scene = swimlane(checked, THEMES["slide"])
    axis = next(i for i in scene.items if i.id == "axis")
    diagnosis = checked.chrono.bounds("diagnosis")
    scale = time_scale(checked.schedule, THEMES["slide"])
    assert scale.t0 <= diagnosis.lo and scale.x(diagnosis.lo) >= axis.x0  # type: ignore[attr-defined]
    assert not [i for i in scene.items if "window-beyond" in i.classes]
    # a window far wider than the case is cut at the axis, with an arrowhead there
    wide = HISTORY.replace(
        "diagnosis: {date: {before: surgery.start}}",
        "diagnosis: {date: {after: 1990-01-01, before: surgery.start}}",
    )
    wide = wide.replace(
        "date: {before: first.start}, procedure", "date: 2010-01-10, procedure"
    ).replace(
        "start: {before: second.start},\n     end: {before: second.start}",
        "start: 2010-01-20,\n     end: 2010-02-20",
    )
    checked = check_text(wide, "wide.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    scene = swimlane(checked, THEMES["slide"])
    axis = next(i for i in scene.items if i.id == "axis")
    beyond = [i for i in scene.items if "window-beyond" in i.classes]
    assert beyond and all(i.id.endswith("-beyond-lo") for i in beyond)
    assert all(i.x1 == axis.x0 for i in beyond)  # type: ignore[attr-defined]
    notes = " ".join(i.text for i in scene.items if isinstance(i, Text))
    assert "the window goes on beyond it" in notes


_AFTER = """
id: after
diagnosis: {date: 2012-01}
events:
  - {id: nephrectomy, type: surgery, date: 2012-01, procedure: nephrectomy, curative: unknown}
  - {id: pd, type: progression, date: 2015-01}
  - {id: sunitinib, type: regimen, intent: advanced, agents: [sunitinib], start: {after: pd},
     end: nivolumab.start, end_reason: unknown}
  - {id: nivolumab, type: regimen, intent: advanced, agents: [nivolumab],
     start: {after: sunitinib.start}, end: cabo.start, end_reason: unknown}
  - {id: cabo, type: regimen, intent: advanced, agents: [everolimus],
     start: {after: nivolumab.start}, end: unknown, end_reason: unknown}
  - {id: fu, type: follow-up, date: {after: cabo.start}, status: alive}
"""


def test_a_sequence_told_in_order_after_the_last_date_is_spread_after_the_scale() -> None:
    """A renal report: sunitinib, then nivolumab, then everolimus, after a progression of
    January 2015, with no date after it. The schedule put every start on the progression's
    month, drawn as three stacked slivers; they are drawn in order, right of a break."""
    checked = check_text(_AFTER, "after.yaml")
    assert checked.schedule is not None
    planned = checked.schedule.planned()
    same = {planned[k].day for k in ("sunitinib.start", "nivolumab.start", "cabo.start")}
    assert len(same) == 1  # the schedule: one instant
    apart, after = order_after(checked.schedule)
    assert after is not None
    starts = [apart[f"{e}.start"] for e in ("sunitinib", "nivolumab", "cabo")]
    assert starts == sorted(starts) and len(set(starts)) == 3 and apart["fu"] > starts[-1]
    assert all(p.day <= after for k, p in planned.items() if k not in apart)
    assert all(day > after for day in apart.values())
    scene = swimlane(checked, THEMES["slide"])
    ids = {i.id: i for i in scene.items}
    brk = ids["order-break-after"].x0  # type: ignore[union-attr]
    caption = ids["order-zone-after-caption"]
    assert isinstance(caption, Text) and caption.text == "in order only" and caption.x > brk
    ticks = [i for i in scene.items if i.id.startswith("tick-label-")]
    assert ticks and all(t.x <= brk for t in ticks)  # type: ignore[attr-defined]
    notes = " ".join(i.text for i in scene.items if isinstance(i, Text))
    assert "right of the break" in notes


def test_an_undated_therapy_past_the_break_is_said_to_be_undated() -> None:
    """A CAR-T known only between the diagnosis and a progression after a transplant "in
    2021" is drawn right of the break, whose legend said it came after the last date on the
    scale: the case does not put it after the transplant."""
    checked = check_text(
        """
format: 1
id: undated-after
diagnosis: {date: {before: bmt}}
prior_lines: {at_least: 1}
events:
  - {id: bmt, type: transplant, date: 2021, donor: unknown}
  - {id: cart, type: regimen, name: CAR-T, intent: advanced, start: {after: diagnosis,
     before: pd}, end: cart.start, end_reason: no-response, agents: [tisagenlecleucel]}
  - {id: pd, type: progression, date: {after: bmt}}
  - {id: talq, type: regimen, intent: advanced, start: {after: pd}, end_reason: unknown,
     agents: [talquetamab]}
""",
        "undated-after.yaml",
    )
    apart, after = order_after(checked.schedule)  # type: ignore[arg-type]
    assert after is not None and "cart.start" in apart and "talq.start" in apart
    notes = " ".join(
        i.text for i in swimlane(checked, THEMES["slide"]).items if isinstance(i, Text)
    )
    assert "CAR-T is known only by order and may lie on the scale as well" in notes, notes
    # (a therapy the case puts after the transplant is not said so)
    assert "talquetamab has" not in notes


def test_a_change_in_the_zone_that_may_lie_on_the_scale_blends_onto_it() -> None:
    """A recurrence known only to follow the start of adjuvant chemotherapy and to precede
    the first line, drawn at its slot in the zone before the scale: its segment ran solid
    across the months on the scale up to a second operation, a recurrence the source does not
    place there. It blends in from its slot instead."""
    checked = check_text(
        """
format: 1
id: zone-recurrence
diagnosis: {date: unknown, site: breast}
events:
  - {id: op, type: surgery, date: {after: diagnosis}, procedure: mastectomy, curative: true}
  - {id: adjuvant, type: regimen, intent: adjuvant, start: {after: op},
     end: {after: adjuvant.start, before: op2}, end_reason: completed, agents: [capecitabine]}
  - {id: op2, type: surgery, date: {from: adjuvant.end, offset: 4 months}, procedure: excision}
  - {id: recurrence, type: recurrence, date: {after: adjuvant.start, before: l1.start},
     sites: [chest wall]}
  - {id: l1, type: regimen, intent: advanced, start: {after: op2}, end_reason: unknown,
     agents: [paclitaxel]}
""",
        "zone-recurrence.yaml",
    )
    assert checked.ok, checked.problems
    scene = swimlane(checked, THEMES["slide"])
    ids = {i.id: i for i in scene.items}
    brk = ids["order-break"].x0  # type: ignore[union-attr]
    segment = next(
        i
        for i in scene.items
        if isinstance(i, Rect) and "recurrence" in i.tooltip and i.id.startswith("status-")
    )
    assert segment.x0 < brk < segment.x1  # (from its slot on to the scale)
    blend = ids.get(f"blend-{segment.id}")
    assert isinstance(blend, Rect) and blend.x0 == segment.x0 and blend.x1 > brk, blend


def test_a_sequence_with_a_stated_distance_past_the_scale_keeps_its_days() -> None:
    """li2017: the last follow-up is at least 20 months after a point of the scale; its day
    says more than a slot would, so nothing is moved."""
    stated = _AFTER.replace(
        "date: {after: cabo.start}, status: alive",
        "date: {after: {from: pd, offset: 8 years}}, status: alive",
    )
    checked = check_text(stated, "stated.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    assert order_after(checked.schedule) == ({}, None)
    pan = check_path(str(ROOT / "cases" / "pan2022-fes-pet-palbociclib-abemaciclib.yaml"))
    assert pan.schedule is not None and order_after(pan.schedule) == ({}, None)


_COURSES = """
id: courses
diagnosis: {date: 2015-06}
events:
  - {id: pd, type: progression, date: 2017-10-01}
  - {id: ici, type: regimen, intent: advanced, start: 2017-10-27,
     exposures: [{agent: immune checkpoint inhibitor}]}
  - {id: pr, type: response, category: PR, date: {from: ici.start, offset: 6 cycles, before: cr}}
  - {id: cr, type: response, category: CR, date: {from: ici.start, offset: 15 cycles}}
"""


def test_responses_after_courses_of_unstated_length_are_spread_in_order() -> None:
    """An oesophageal report: a partial response "after 6 courses" and a complete one "after
    15" of an immune checkpoint inhibitor from 27 October 2017, the courses' length not given,
    and no later date. The least time of the courses (a week each) counted as a stated
    distance from the start, so they were drawn 5 and 14 weeks into it, a complete response
    three months into the treatment; that least time is no distance: they go in order past
    the scale, as they do when written only in order."""
    checked = check_text(_COURSES, "courses.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    apart, after = order_after(checked.schedule)
    assert after is not None and {"pr", "cr"} <= set(apart), apart
    assert after < apart["pr"] < apart["cr"]
    # a distance the case states does keep its day
    stated = _COURSES.replace("offset: 15 cycles", "offset: 10 months")
    checked = check_text(stated, "stated.yaml")
    assert checked.schedule is not None and order_after(checked.schedule) == ({}, None)


_STACKED = """
id: stacked
source: {citation: a report, published: 2024-11-11}
diagnosis: {date: {before: systemic.start}, site: liver}
events:
  - {id: systemic, type: regimen, intent: advanced, start: {after: diagnosis}, end: unknown,
     end_reason: unknown, exposures: [{id: nivo, agent: nivolumab},
     {id: lenva, agent: lenvatinib, start: {after: systemic.start}}]}
  - {id: rash, type: toxicity, date: {after: systemic.start, before: systemic.end},
     term: rash, regimen: systemic, end: {after: rash.start, before: fu}}
  - {id: sbrt, type: radiotherapy, start: {after: systemic.end}, site: T9, technique: SBRT}
  - {id: fu, type: follow-up, status: alive,
     date: {after: {from: systemic.end, offset: 3 years}, before: 2024-11-11}}
"""


def test_therapies_given_in_order_on_a_scale_of_one_day_keep_their_order() -> None:
    """A liver report dated only by order after its diagnosis: nivolumab, lenvatinib added,
    radiotherapy after they stopped, and a follow-up "over three years" after that. The
    stated distance kept the schedule's days, which put all three therapies at month 0 as
    slivers, one over another; they are drawn in order past the scale. One therapy with a
    follow-up stated from its start (parker2023) keeps the schedule's days."""
    checked = check_text(_STACKED, "stacked.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    planned = checked.schedule.planned()
    starts = ("systemic.start", "lenva.start", "sbrt.start")
    assert len({planned[k].day for k in starts}) == 1  # the schedule: one instant
    apart, after = order_after(checked.schedule)
    assert after is not None, "the schedule's days were kept"
    assert apart["systemic.start"] < apart["lenva.start"] < apart["sbrt.start"] < apart["fu"]
    parker = check_path(
        str(ROOT / "cases" / "parker2023-mcrpc-177lu-psma-abiraterone-long-term-cr.yaml")
    )
    assert parker.schedule is not None and order_after(parker.schedule) == ({}, None)


def _with_tail() -> str:
    """:data:`_AFTER` with regorafenib after cabozantinib, and responses and a follow-up at
    stated distances from its discontinuation: a stretch to scale after a second break."""
    return _AFTER.replace(
        "  - {id: fu, type: follow-up, date: {after: cabo.start}, status: alive}",
        "  - {id: rego, type: regimen, intent: advanced, agents: [regorafenib], cycles: 21,\n"
        "     start: {after: cabo.start}, end: {after: rego.start}, end_reason: patient-choice}\n"
        "  - {id: pr1, type: response, category: PR, setting: follow-up,\n"
        "     date: {from: rego.end, offset: 1 month}}\n"
        "  - {id: cr9, type: response, category: CR, setting: follow-up,\n"
        "     date: {from: rego.end, offset: 9 months}}\n"
        "  - {id: fu, type: follow-up, date: {from: rego.end, offset: 18 months}, status: alive-ned}",
    ).replace("end: unknown, end_reason: unknown}", "end: rego.start, end_reason: unknown}")


def test_a_step_before_the_point_the_stretch_after_the_second_break_counts_from_does_not_name_it() -> (
    None
):
    """The stretch after the second break counts from the end of regorafenib; a figure cut at
    a step before regorafenib named it under the axis ("after the second break, months from
    the end of regorafenib"), the last line of the story before it was told."""
    checked = check_text(_with_tail(), "tail.yaml")
    assert checked.ok and checked.schedule is not None
    cut = checked.schedule.start(checked.case.event("cabo"))  # type: ignore[union-attr, arg-type]
    assert cut is not None

    def words(scene: Scene) -> str:
        return " ".join(i.text for i in scene.items if isinstance(i, Text))

    early = words(swimlane(checked, THEMES["slide"], until=cut.day, until_event="cabo"))
    assert "regorafenib" not in early, early
    assert "after the second break, months from an event told later" in early
    assert "months from the end of regorafenib" in words(swimlane(checked, THEMES["slide"]))


def test_stated_distances_from_the_last_point_of_a_sequence_are_drawn_to_scale_after_it() -> None:
    """A colon report: three lines given only as course counts of unstated length, after
    metastases dated on the scale, then responses "1 and 9 months after the discontinuation"
    of the last. At the schedule's days the lines stood at the least length their courses
    take, as if dated; now they take slots, and what hangs on the discontinuation is drawn
    to scale after a second break, ticked in months from it."""
    text = _with_tail()
    checked = check_text(text, "tail.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    zone = after_zone(checked.schedule)
    assert zone is not None and zone.tail_root == "rego.end" and zone.tail_from is not None
    days = zone.days
    starts = [days[f"{e}.start"] for e in ("sunitinib", "nivolumab", "cabo", "rego")]
    assert starts == sorted(starts) and len(set(starts)) == 4 and zone.last < starts[0]
    assert days["rego.end"] == zone.tail_from > starts[-1]
    # the stated distances, on the scale's own days, from the discontinuation
    for key, months in (("pr1", 1), ("cr9", 9), ("fu", 18)):
        assert abs(days[key] - zone.tail_from - months * 30.44) <= 4, key
        assert zone.windows[key].lo <= days[key] <= zone.windows[key].hi
    scene = swimlane(checked, THEMES["slide"])
    ids = {i.id: i for i in scene.items}
    after_brk = ids["order-break-after"].x0  # type: ignore[union-attr]
    tail_brk = ids["order-break-tail"].x0  # type: ignore[union-attr]
    assert after_brk < tail_brk
    caption = ids["order-zone-after-caption"]
    assert isinstance(caption, Text) and after_brk < caption.x < tail_brk
    ticks = [i for i in scene.items if isinstance(i, Text) and i.id.startswith("tick-label-")]
    tail_ticks = [t for t in ticks if t.text.startswith("+")]
    assert [t.text for t in tail_ticks] == ["+6", "+12", "+18"]  # as far apart as the scale's
    assert all(t.x > tail_brk for t in tail_ticks)
    assert all(t.x < after_brk for t in ticks if t not in tail_ticks)
    texts = " ".join(i.text for i in scene.items if isinstance(i, Text))
    assert "months from the end of regorafenib" in texts and "second break" in texts
    # without the stated distances, the whole sequence is in slots (no stretch to scale)
    plain = after_zone(check_text(_AFTER, "after.yaml").schedule)  # type: ignore[arg-type]
    assert plain is not None and plain.tail_from is None
    # a CT known only to come after the start of regorafenib may come after its end: drawn in
    # a slot it would stand before the stretch counted from the end. The stretch is counted
    # from the start instead: the end (21 courses of unstated length) at the least they take,
    # its window open, and the responses the stated months after it. The schedule's days
    # would have put the four lines on one day, the progression's
    loose = text.replace(
        "  - {id: pr1,",
        "  - {id: ct, type: imaging, method: CT, date: {after: rego.start}}\n  - {id: pr1,",
    )
    checked = check_text(loose, "loose.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    zone = after_zone(checked.schedule)
    assert zone is not None and zone.tail_from is not None
    assert zone.tail_root in ("rego.start", "cabo.end")  # (one point: everolimus ends at it)
    days = zone.days
    starts = [days[f"{e}.start"] for e in ("sunitinib", "nivolumab", "cabo")]
    assert starts == sorted(starts) and len(set(starts)) == 3 and zone.last < starts[0]
    assert starts[-1] < zone.tail_from <= days["rego.end"] < days["pr1"] < days["cr9"]
    assert abs(days["cr9"] - days["pr1"] - 8 * 30.44) <= 4
    assert zone.windows["rego.end"].hi >= POS // 2  # (its end drawn at its least, open)


def test_li2017_is_drawn_in_slots_up_to_nivolumab_then_from_its_start() -> None:
    """li2017: the recurrence, the first chemotherapy and two progressions are known only by
    order after the adjuvant treatment; the course on nivolumab is told from its start (a
    complete remission "by 3 months", 14 months of it, a TMB test within 17 months). The
    order-only part takes slots; what is known from the start of nivolumab keeps its
    distances from it, the TMB test with its window of 0 to 17 months."""
    li = check_path(str(ROOT / "cases" / "li2017-nivolumab-pneumonitis-remission.yaml"))
    assert li.schedule is not None
    zone = after_zone(li.schedule)
    assert zone is not None and zone.tail_root == "nivolumab.start" and zone.tail_from is not None
    assert zone.days["recurrence"] < zone.days["prior-chemo.start"] < zone.tail_from
    tmb = zone.windows["tmb-post"]
    assert tmb.lo == zone.tail_from and 16 * 30 < tmb.hi - zone.tail_from < 18 * 31


def test_least_lengths_along_a_sequence_past_the_scale_do_not_keep_its_days() -> None:
    """A urothelial report: gemcitabine-carboplatin "for three cycles", then atezolizumab with
    a partial response "after five cycles" (no cycle length), all after a progression known
    only by order. The least lengths add up to a few weeks; at the schedule's days the whole
    course stood to scale in them. They are minimums, not distances: drawn in the zone."""
    least = _AFTER.replace(
        "  - {id: fu, type: follow-up, date: {after: cabo.start}, status: alive}",
        "  - {id: pr, type: response, category: PR,\n"
        "     date: {after: {from: nivolumab.start, offset: 8 weeks}}}\n"
        "  - {id: fu, type: follow-up, date: {after: cabo.start}, status: alive}",
    )
    checked = check_text(least, "least.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    planned = checked.schedule.planned()
    assert planned["pr"].window.lo > planned["pd"].day  # past the scale, by a least length
    apart, after = order_after(checked.schedule)
    assert after is not None and apart["pr"] > apart["nivolumab.start"] > after


def test_a_teaching_step_draws_its_own_events_in_the_zone_after_the_scale() -> None:
    """taniguchi2018's last step ends at the death, in the zone after the scale: the step's
    cut is a day of the case's schedule, earlier than the day the zone draws the death on, so
    the step drew neither the death nor the sixth line."""
    from timeline.render.scene import Glyph
    from timeline.teaching import teaching_steps

    checked = check_path(str(TANIGUCHI))
    last = teaching_steps(checked)[-1]
    assert last.events[-1].id == "death"
    scene = swimlane(checked, THEMES["slide"], last.until, until_event="death")
    assert any(isinstance(i, Glyph) and "death" in i.classes for i in scene.items)
    assert any(i.id == "bar-cbdca-etoposide-carboplatin" for i in scene.items)


def test_a_short_scale_leaves_the_rest_of_the_axis_to_the_zone_after_it() -> None:
    """f1000research2020: the scale proper is the month from the operation to the CT that
    found the metastases, and the axis spans three months at least; the zone's six slots
    stood crowded at the break (a quarter of a short scale) with half the axis empty after
    them. The zone takes the rest of the shortest axis, and the scale, a case told in days,
    is ticked every week (no tick on the break)."""
    path = ROOT / "cases" / "f1000research2020-sarcomatoid-utuc-gemcarbo-atezolizumab.yaml"
    scene = swimlane(check_path(str(path)), THEMES["slide"])
    ids = {i.id: i for i in scene.items}
    brk = ids["order-break-after"].x0  # type: ignore[union-attr]
    axis = ids["axis"]
    assert isinstance(axis, Stroke)
    follow_up = next(
        i for i in scene.items if i.id.startswith("event-") and "follow-up" in i.classes
    )
    assert follow_up.x - brk > (axis.x1 - brk) / 3  # type: ignore[union-attr]
    ticks = [i.text for i in scene.items if isinstance(i, Text) and i.id.startswith("tick-label")]
    assert ticks == ["-14", "-7", "0", "7", "14", "21", "28"]
    assert any(
        i.text == "days from radical nephroureterectomy with bladder cuffing, left of the break"
        for i in scene.items
        if isinstance(i, Text)
    )


_LATER_BOUND = """
id: later-bound
diagnosis: {date: 2015-01}
events:
  - {id: l1, type: regimen, intent: advanced, agents: [regorafenib], start: {after: diagnosis},
     end: {after: l1.start}, end_reason: unknown, cycles: 21}
  - {id: pr, type: response, category: PR, date: {from: l1.end, offset: 1 months}}
  - {id: cr, type: response, category: CR, date: {from: l1.end, offset: 9 months}}
  - {id: fu, type: follow-up, date: {from: l1.end, offset: 18 months}, status: alive-ned}
"""


def test_in_a_zone_a_date_stated_after_an_end_does_not_stretch_the_bar_to_it() -> None:
    """A colon report: regorafenib for 21 courses, then a PR one month, a CR nine months and
    the last follow-up eighteen months after it was stopped, nothing on the calendar but the
    diagnosis. Drawn in the zone, the bar ran on to the follow-up: "18 months after the end"
    bounds the end from below by the follow-up less 18 months, which the zone's slots took
    as the follow-up's own slot. The bar ends before the first response after it."""
    checked = check_text(_LATER_BOUND, "later.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    scene = swimlane(checked, THEMES["slide"])
    ids = {i.id: i for i in scene.items}
    assert "order-break-after" in ids  # (a scale of one month: the rest is in the zone)
    bar = next(i for i in scene.items if isinstance(i, Rect) and i.id.startswith("bar-l1"))
    pr = ids["status-1"]
    assert isinstance(pr, Rect) and "pr" in pr.classes and bar.x1 < pr.x0


def test_a_zone_of_many_dates_is_wider_than_a_quarter_of_the_scale() -> None:
    """taniguchi2018's history before erlotinib (four lines, a radiotherapy, a diagnosis) had a
    quarter of the scale's width, its line names pushed into footnotes; with eight slots it
    takes two thirds of it."""
    scene = swimlane(check_path(str(TANIGUCHI)), THEMES["slide"])
    ids = {i.id: i for i in scene.items}
    brk, axis = ids["order-break"], ids["axis"]
    after = ids["order-break-after"]
    assert isinstance(brk, Stroke) and isinstance(axis, Stroke) and isinstance(after, Stroke)
    assert (brk.x0 - axis.x0) / (after.x0 - brk.x0) > 0.4


def test_a_date_stated_after_a_calendar_date_past_the_scale_keeps_the_days() -> None:
    """On a calendar axis, a follow-up "after 2019-06" of a sequence known only by order after
    a progression of January 2015 would have been drawn in a slot right after 2015: its own
    calendar bound says more, and the schedule's days are kept."""
    dated = _AFTER.replace(
        "date: {after: cabo.start}, status: alive", "date: {after: 2019-06}, status: alive"
    )
    checked = check_text(dated, "dated.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None and order_after(checked.schedule) == ({}, None)
    assert order_after(check_text(_AFTER, "after.yaml").schedule)[1] is not None  # type: ignore[arg-type]


#: a course whose end is known only to follow its start, with a radiotherapy during it and a
#: response dated three months after the radiotherapy (a sinonasal melanoma report)
_OPEN_END = """\
id: open-end
diagnosis: {date: unknown}
events:
  - {id: reg, type: regimen, intent: advanced, start: {after: diagnosis},
     end: {after: reg.start}, end_reason: toxicity, cycles: 2, agents: [nivolumab]}
  - {id: rt, type: radiotherapy, start: {after: reg.start, before: reg.end}, fractions: 5,
     dose: 50 Gy, site: liver}
  - {id: tox, type: toxicity, date: reg.end, term: Keratitis, agents: [nivolumab],
     action: stopped}
  - {id: resp, type: response, date: {from: rt.end, offset: 3 months}, category: CR}
  - {id: fu, type: follow-up, date: {after: resp}, status: alive}
"""


def test_an_end_not_known_to_follow_a_later_date_of_the_scale_stays_on_it() -> None:
    """The end of the course, and the toxicity that stopped it, were drawn past the break
    after the response: the bar ran across three months of the scale, through the response,
    while ``show`` gives the end weeks before it. They stay on the scale at their plausible
    day, as ``show`` gives it, and no zone is left (the follow-up alone is no sequence)."""
    checked = check_text(_OPEN_END, "open-end.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    assert order_after(checked.schedule) == ({}, None)
    assert order_only(checked.schedule)[0].get("reg.end") is None
    planned = checked.schedule.planned()
    assert planned["reg.end"].day < planned["resp"].day
    # known to follow the response: the follow-up and a second course after it may still
    # go past the scale
    later = _OPEN_END + (
        "  - {id: next, type: regimen, intent: advanced, start: {after: resp},\n"
        "     end: {after: next.start}, end_reason: unknown, agents: [ipilimumab]}\n"
    )
    checked = check_text(later.replace("date: {after: resp}", "date: {after: next.start}"), "x")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    apart, after = order_after(checked.schedule)
    assert after is not None and "reg.end" not in apart and "tox" not in apart
    assert {"next.start", "fu"} <= set(apart)


#: adjuvant chemotherapy within 3 months of a resection, then two lines and a test known only
#: in order, a complete response at no stated distance, and a follow-up 2 years after it; the
#: last line's end not reported at all (a cholangiocarcinoma report)
_ORDER_THEN_STATED = """\
id: order-then-stated
diagnosis: {date: 2020-01}
events:
  - {id: op, type: surgery, date: 2020-02, procedure: resection, curative: unknown}
  - {id: adj, type: regimen, intent: adjuvant, start: {after: op, within: 3 months},
     end: {after: adj.start, before: l1.start}, end_reason: unknown,
     agents: [gemcitabine, oxaliplatin]}
  - {id: l1, type: regimen, intent: advanced, start: {after: adj},
     end: {after: l1.start, before: l2.start}, end_reason: unknown, agents: [pembrolizumab]}
  - {id: ngs, type: biomarker, date: {after: l1.start, before: l2.start}, name: BRAF,
     result: V600E mutation}
  - {id: l2, type: regimen, intent: advanced, start: {after: ngs, within: 3 months},
     end: unknown, end_reason: unknown, agents: [dabrafenib, trametinib]}
  - {id: cr, type: response, date: {after: l2.start}, category: CR}
  - {id: fu, type: follow-up, date: {from: cr, offset: 2 years}, status: alive-ned}
"""


def test_lines_known_only_in_order_before_a_stated_distance_are_not_drawn_at_one_day() -> None:
    """The schedule put the adjuvant course's end and pembrolizumab's start on one day, drawn
    as two stubs one above the other (read as given together), because the follow-up's 2
    years from the response kept the schedule's days. The lines take slots in order, and
    what hangs on the response is drawn to scale after it; dabrafenib + trametinib's end,
    which the case does not report at all, does not stop that."""
    checked = check_text(_ORDER_THEN_STATED, "x.yaml")
    assert checked.schedule is not None
    planned = checked.schedule.planned()
    assert planned["adj.end"].day == planned["l1.start"].day  # the schedule: one day
    zone = after_zone(checked.schedule)
    assert zone is not None and zone.tail_root == "cr"
    days = zone.days
    assert days["l1.start"] < days["ngs"] < days["l2.start"] <= days["cr"] < days["fu"]
    assert days["fu"] - days["cr"] > 700  # 2 years, to scale


def test_the_zone_caption_keeps_clear_of_the_tick_labels() -> None:
    """In a deck's 18 pt figure, "in order only" ran into "2020-01", the first tick label
    just past the break ("in order only 2020-01")."""
    from timeline.render.style import text_width

    checked = check_text(ZONE_BEFORE_LINE, "caption.yaml")
    theme = THEMES["deck"]
    scene = swimlane(checked, theme)
    texts = [i for i in scene.items if isinstance(i, Text)]

    def extent(t: Text) -> tuple[float, float]:
        w = text_width(t.text, t.font) * 1.08
        return (t.x - w / 2, t.x + w / 2) if t.anchor == "middle" else (t.x, t.x + w)

    caption = next(t for t in texts if t.id == "order-zone-caption")
    a0, a1 = extent(caption)
    for tick in (t for t in texts if t.id.startswith("tick-label-")):
        b0, b1 = extent(tick)
        assert a1 <= b0 or a0 >= b1, (caption.text, tick.text, (a0, a1), (b0, b1))


def test_a_narrow_zone_between_two_breaks_keeps_its_caption() -> None:
    """A case without calendar dates: two lines known only by order after a progression at
    48 months, then 60 months counted from the second. In a deck's 18 pt figure the zone
    between the breaks was too narrow for "in order only", which was pushed past every tick
    label after the second break, to the end of the axis, as if it named that stretch."""
    from timeline.render.style import text_width

    text = """
format: 1
id: narrow-zone
diagnosis: {date: unknown}
events:
  - {id: pd, type: progression, date: {from: diagnosis, offset: 48 months}}
  - {id: a, type: regimen, intent: advanced, start: {after: pd},
     end: {after: a.start, before: b.start}, end_reason: completed, agents: [carboplatin]}
  - {id: b, type: regimen, intent: advanced, start: {after: a.end}, end_reason: ongoing,
     agents: [tamoxifen]}
  - {id: fu, type: follow-up, date: {from: b.start, offset: 60 months}, status: alive}
"""
    checked = check_text(text, "narrow-zone.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    scene = swimlane(checked, THEMES["deck"])
    ids = {i.id: i for i in scene.items}
    caption = ids["order-zone-after-caption"]
    first, second = ids["order-break-after"], ids["order-break-tail"]
    assert isinstance(caption, Text)
    half = text_width(caption.text, caption.font) * 1.08 / 2
    assert first.x0 < caption.x - half and caption.x + half < second.x0  # type: ignore[union-attr]


def test_a_stated_distance_between_points_open_after_the_root_keeps_the_zone() -> None:
    """An infant leukaemia: a relapse two months after the first line, then a second line, a
    second relapse and a third line known only by order, a remission after the third line's
    start and a last follow-up 15 months after the remission. The stated 15 months stand
    between two points whose distance from the third line is open; the drawing kept the
    schedule's days, and the second line, the second relapse, the third line and the
    remission stood on the first relapse's day. Now the lines take slots and the remission
    and the follow-up are drawn to scale from the third line's start."""
    text = (
        "format: 1\nid: chain\ndiagnosis: {date: 2020-01}\nevents:\n"
        "  - {id: a, type: regimen, intent: advanced, start: 2020-01, end: 2020-03,"
        " end_reason: completed, agents: [chemotherapy]}\n"
        "  - {id: cr1, type: response, category: CR, date: 2020-03}\n"
        "  - {id: r1, type: recurrence, date: {from: a.end, offset: 2 months}}\n"
        "  - {id: b, type: regimen, intent: advanced, start: {after: r1}, end: b.start,"
        " end_reason: completed, agents: [cyclophosphamide]}\n"
        "  - {id: r2, type: recurrence, date: {after: b}}\n"
        "  - {id: c, type: regimen, intent: advanced, start: {after: r2},"
        " end: {after: c.start}, end_reason: unknown, agents: [methotrexate]}\n"
        "  - {id: cr2, type: response, category: CR, date: {after: c.start, before: fu}}\n"
        "  - {id: fu, type: follow-up, status: alive-ned,"
        " date: {from: cr2, offset: 15 months}}\n"
    )
    checked = check_text(text, "chain.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    zone = after_zone(checked.schedule)
    assert zone is not None and zone.tail_root == "c.start" and zone.tail_from is not None
    days = zone.days
    order = [days["b.start"], days["r2"], days["c.start"]]
    assert order == sorted(order) and len(set(order)) == 3 and zone.last < order[0]
    assert days["c.start"] == zone.tail_from <= days["cr2"]
    assert 455 <= days["fu"] - days["cr2"] <= 458  # 15 months, to scale
    r1 = checked.schedule.point("r1")
    assert r1 is not None and r1.day <= zone.last  # the first relapse stays on the scale


def test_a_course_known_to_last_years_past_the_scale_is_drawn_to_scale() -> None:
    """Sorafenib stopped after a month for toxicity, then lenvatinib at no stated time after
    it, "markedly effective for more than 5 years": the zone after the scale put its start and
    its end in two slots 12 days apart, a stub as narrow as the month of sorafenib. A least
    distance of a year or more is worth its length: the schedule's days are kept, the course
    drawn five years long from its earliest start (its windows open, as the arrows say)."""
    text = """
format: 1
id: long-after
diagnosis: {date: 2015-01}
events:
  - {id: a, type: regimen, intent: advanced, start: 2015-02, end: 2015-03,
     end_reason: toxicity, agents: [sorafenib]}
  - {id: b, type: regimen, intent: advanced, start: {after: a},
     end: {after: {from: b.start, offset: 5 years}}, end_reason: unknown, agents: [lenvatinib]}
"""
    checked = check_text(text, "long.yaml")
    assert checked.schedule is not None
    assert after_zone(checked.schedule) is None
    scene = swimlane(checked, THEMES["print"])
    (soraf,) = [i for i in scene.items if isinstance(i, Rect) and i.id == "bar-a-sorafenib"]
    (lenva,) = [i for i in scene.items if isinstance(i, Rect) and i.id == "bar-b-lenvatinib"]
    assert lenva.x1 - lenva.x0 > 40 * (soraf.x1 - soraf.x0)
    # months of cycles of unstated length stay minimums in the zone (the test above)


_UNORDERED_AFTER = """
format: 1
id: unordered
diagnosis: {date: {before: a.start}}
events:
  - {id: a, type: regimen, intent: advanced, start: unknown,
     end: {from: a.start, offset: 14 months}, end_reason: toxicity, agents: [nivolumab]}
  - {id: b, type: regimen, intent: advanced, start: {after: a.end}, end_reason: unknown,
     agents: [sunitinib]}
  - {id: c, type: regimen, intent: advanced, start: {after: b.start}, end_reason: unknown,
     agents: [axitinib]}
  - {id: x, type: toxicity, date: {from: a.end, offset: 436 days}, term: Hepatitis,
     agents: [nivolumab]}
"""


def test_a_sequence_not_known_to_follow_a_later_date_of_the_scale_stays_on_it() -> None:
    """A renal report: two tyrosine-kinase inhibitor courses started at no stated time after
    nivolumab's end, and an immune-related hepatitis 436 days after that end. The courses were
    drawn past the break, after the hepatitis, under a caption saying the zone holds dates
    given in order after the last date on the scale: an order the source does not give (the
    hepatitis may well have come after them). They stay on the scale, their windows open; and
    the deck does not tell them as the decision the hepatitis led to."""
    from timeline.teaching import teaching_steps

    checked = check_text(_UNORDERED_AFTER, "unordered.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    apart, _after = order_after(checked.schedule)
    assert "b.start" not in apart and "c.start" not in apart
    captions = [s.caption for s in teaching_steps(checked)]
    assert not [c for c in captions if "Hepatitis" in c and "→" in c], captions
    # a sequence the case does put after the last date still goes past the break
    ordered = _UNORDERED_AFTER.replace(
        "start: {after: a.end}, end_reason", "start: {after: x}, end_reason"
    )
    checked = check_text(ordered, "ordered.yaml")
    assert checked.schedule is not None
    apart, _after = order_after(checked.schedule)
    assert "b.start" in apart and "c.start" in apart


def test_stated_distances_after_a_scale_of_one_day_are_drawn_to_scale() -> None:
    """A diagnosis known to the month, then a first line known only to follow it, a complete
    response "6 months" into it and a progression at "21 months", then a second line of "12
    months": every date past the diagnosis went into the zone, evenly spaced, the complete
    response of 15 months a hairline and the gap before the second line the widest stretch.
    The stated distances are drawn to scale (the schedule's days kept)."""
    text = """
format: 1
id: one-day-scale
diagnosis: {date: 2017-07}
events:
  - {id: a, type: regimen, intent: advanced, start: {after: diagnosis}, agents: [trastuzumab],
     end: {after: cr, before: b.start}, end_reason: unknown}
  - {id: cr, type: response, date: {from: a.start, offset: 6 months}, category: CR}
  - {id: pd1, type: progression, date: {from: a.start, offset: 21 months}}
  - {id: b, type: regimen, intent: advanced, start: {after: pd1}, agents: [lapatinib],
     end: {from: b.start, offset: 12 months}, end_reason: progression}
  - {id: pd2, type: progression, date: b.end}
  - {type: follow-up, date: pd2, status: alive-with-disease}
"""
    checked = check_text(text, "one-day-scale.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    assert after_zone(checked.schedule) is None
    scene = swimlane(checked, THEMES["slide"])
    assert "order-break-after" not in {i.id for i in scene.items}


def test_points_free_on_both_sides_alone_make_no_zone_before_the_scale() -> None:
    """A stereotactic radiotherapy written `start: unknown`, nothing ordering it, in a case
    without calendar dates: its start and end, free on both sides, made a zone before the
    scale, drawn empty (the radiotherapy is in the zone after it) with a tick "-0.5"."""
    text = (
        "format: 1\nid: free\ndiagnosis: {date: unknown}\nevents:\n"
        "  - {id: srt, type: radiotherapy, start: unknown}\n"
        "  - {id: a, type: regimen, intent: advanced, start: {after: diagnosis},"
        " end: {before: b.start}, end_reason: unknown, agents: [immunotherapy]}\n"
        "  - {id: b, type: regimen, intent: advanced, start: {after: a.start},"
        " agents: [targeted therapy]}\n"
    )
    checked = check_text(text, "free.yaml")
    assert order_only(checked.schedule) == ({}, None)
    assert "srt.start" in order_after(checked.schedule)[0]
    scene = swimlane(checked, THEMES["slide"])
    ticks = [i.text for i in scene.items if isinstance(i, Text) and i.id.startswith("tick")]
    assert not any(t.startswith("-") for t in ticks), ticks


def test_two_dates_at_stated_distances_from_one_point_are_in_their_order_in_the_zone() -> None:
    """A cervical cancer: progressions 9 and 17 months after the end of a first-line therapy
    known only by order, each written from that end and from nothing else. No date related the
    two, so they shared a slot under one label, drawn as if at once; their distances from the
    same end put them 8 months apart, in that order."""
    checked = check_text(
        """
format: 1
id: two-from-one
diagnosis: {date: unknown}
events:
  - {id: t1, type: regimen, intent: unknown, start: {after: diagnosis}, end: {after: t1.start, before: p1}, end_reason: completed, agents: [systemic therapy]}
  - {id: p1, type: progression, date: {from: t1.end, offset: 9 months}}
  - {id: p2, type: progression, date: {from: t1.end, offset: 17 months}}
  - {id: fu, type: follow-up, date: 2023-09, status: alive}
""",
        "two-from-one.yaml",
    )
    assert checked.ok and checked.schedule is not None
    slots, _zone = order_only(checked.schedule)
    assert slots["t1.end"] < slots["p1"] < slots["p2"], slots


def test_a_scale_of_one_day_beside_a_zone_says_its_zero_not_months() -> None:
    """praiss2022: only the diagnosis is on the scale, every other date known only in order;
    the one tick "0" stood over "months from the diagnosis" centred under the whole axis,
    which read as if the zone counted months. The caption says what 0 is, and that the rest is
    in order only; an axis with more ticks keeps its "months from"."""
    path = ROOT / "cases" / "praiss2022-vulvar-scc-rt-chemotherapy-pembrolizumab.yaml"
    scene = swimlane(check_path(str(path)), THEMES["slide"])
    captions = [i.text for i in scene.items if isinstance(i, Text) and "axis-caption" in i.classes]
    ticks = [i.text for i in scene.items if isinstance(i, Text) and i.id.startswith("tick-label")]
    assert ticks == ["0"], ticks
    assert captions == ["0: the diagnosis; the rest in order only"], captions
    other = ROOT / "cases" / "f1000research2020-sarcomatoid-utuc-gemcarbo-atezolizumab.yaml"
    scene = swimlane(check_path(str(other)), THEMES["slide"])
    captions = [i.text for i in scene.items if isinstance(i, Text) and "axis-caption" in i.classes]
    assert captions[0].startswith("days from "), captions


#: three lines known only by their order after an undated diagnosis, a test dated `unknown`,
#: and a follow-up "more than 12 months" into the third line (a urothelial report)
THIRD_LINE_TAIL = """\
format: 1
id: third-line-tail
diagnosis: {date: unknown}
events:
  - {id: pdl1, type: biomarker, date: unknown, name: PD-L1, result: negative}
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis},
     end: {before: l2.start}, end_reason: progression, agents: [carboplatin, gemcitabine]}
  - {id: l2, type: regimen, intent: advanced, start: {after: l1},
     end: {before: l3.start}, end_reason: progression, agents: [pembrolizumab]}
  - {id: l3, type: regimen, intent: advanced, start: {after: l2}, end_reason: unknown,
     agents: [enfortumab vedotin]}
  - {id: pr, type: response, date: {after: l3.start, before: cr}, category: PR}
  - {id: cr, type: response, date: {after: pr, before: fu}, category: CR}
  - {id: fu, type: follow-up, date: {after: {from: l3.start, offset: 12 months}},
     status: alive}
"""


def test_a_test_in_no_order_does_not_keep_three_lines_on_their_least_days() -> None:
    """A urothelial report gives three lines only in order and a follow-up more than 12 months
    into the third: the first two go in slots, the third line's year to scale from its start.
    A PD-L1 test written `date: unknown`, in no order with any date, may come after that start,
    and so kept the schedule's days for the whole case: three lines in the first two weeks of
    an axis of months, the complete response drawn from the second week. Its slot tells no
    order wherever it is."""
    checked = check_text(THIRD_LINE_TAIL, "tail.yaml")
    assert not [p for p in checked.problems if p.severity.value == "error"]
    zone = after_zone(checked.schedule)
    assert zone is not None and zone.tail_root == "l3.start"
    days = zone.days
    assert days["l1.start"] < days["l2.start"] < days["l3.start"] == zone.tail_from
    assert days["fu"] - zone.tail_from == 365  # its earliest: 12 months on
    # the responses at no stated distance: at the stretch's first day, their windows open
    assert days["cr"] == zone.tail_from and zone.windows["cr"].hi >= POS // 2
    # the same case with the test bounded by the diagnosis and the first line: the same zone
    ordered = THIRD_LINE_TAIL.replace("date: unknown, name", "date: {before: l1.start}, name")
    again = after_zone(check_text(ordered, "tail.yaml").schedule)
    assert again is not None and again.tail_root == "l3.start"


def test_a_response_at_no_stated_distance_in_the_stretch_after_the_zone_blends_in() -> None:
    """A complete response known only to come between the start of a line and a follow-up
    more than 12 months on is drawn at the stretch's first day (its earliest): the Disease lane
    drew it in full colour from that day, a complete response at once, where a change dated
    only within a window blends in over what is drawn of it, as it does on the scale."""
    checked = check_text(THIRD_LINE_TAIL, "tail.yaml")
    scene = swimlane(checked, THEMES["print"])
    (cr,) = [i for i in scene.items if isinstance(i, Rect) and i.classes == ("response", "cr")]
    blends = [i for i in scene.items if isinstance(i, Rect) and "status-blend" in i.classes]
    into_cr = [b for b in blends if b.x1 > cr.x0 and b.x0 < cr.x1]
    assert into_cr, "the complete response is drawn in full colour from its earliest day"
    (blend,) = into_cr
    # over most of what is drawn of the stretch before the follow-up
    assert blend.x1 - blend.x0 > (cr.x1 - cr.x0) / 2


def test_a_step_cut_in_the_zone_after_the_scale_leaves_out_what_is_drawn_after_its_slot() -> None:
    """Dates known only by order after a dated diagnosis: a checkpoint inhibitor's failure,
    listed first in the file, is drawn a slot after a hysterectomy known only to follow the
    diagnosis. A figure cut at the hysterectomy told the failure (by file order) and drew it
    past the cut; decks told it before the hysterectomy, beside a figure that drew it after."""
    from timeline.render.layout import told_after

    text = """
id: zone-slots
diagnosis: {date: 2020-01}
events:
  - {id: ici, type: regimen, intent: advanced, start: {after: diagnosis},
     end: {before: ti.start}, end_reason: unknown, agents: [pembrolizumab]}
  - {id: nr, type: response, category: NR, date: {after: ici.start, before: ti.start},
     authors_term: failed}
  - {id: op, type: surgery, date: {after: diagnosis, before: ti.start}, curative: unknown}
  - {id: pd, type: progression, date: {after: op, before: ti.start}}
  - {id: ti, type: regimen, intent: advanced, start: {after: pd}, end_reason: unknown,
     agents: [paclitaxel, ifosfamide]}
"""
    checked = check_text(text, "zone.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.case is not None and checked.schedule is not None
    zone = after_zone(checked.schedule)
    assert zone is not None and zone.days["nr"] > zone.days["op"]
    later = told_after(checked, "op")
    assert id(checked.case.event("nr")) in later
    scene = swimlane(
        checked,
        THEMES["slide"],
        until=checked.schedule.start(checked.case.event("op")).day,
        until_event="op",
    )  # type: ignore[arg-type, union-attr]
    tips = [getattr(i, "tooltip", "") or "" for i in scene.items]
    assert not any(t.startswith("no response") for t in tips), tips
    whole = swimlane(checked, THEMES["slide"])
    assert any((getattr(i, "tooltip", "") or "").startswith("no response") for i in whole.items)


def test_a_scale_in_days_of_the_diagnosis_alone_is_ticked_0_alone() -> None:
    """Urothelial cancer told only in order after its diagnosis: the scale before the break
    held the diagnosis alone, ticked "-14 -10 -6 0", a measured-looking fortnight before the
    diagnosis where the case has nothing. Ticked "0" alone, and captioned so; a scale that
    holds days before its anchor keeps its ticks."""
    from timeline.render.timescale import TimeScale

    anchor = 738000
    caption = "days from the diagnosis"
    alone = TimeScale(
        anchor - 15,
        anchor + 60,
        100.0,
        900.0,
        False,
        anchor,
        caption,
        None,
        anchor + 1,
        in_days=True,
    )
    assert alone.ticks() == [(anchor, "0")]
    before = TimeScale(
        anchor - 40,
        anchor + 60,
        100.0,
        900.0,
        False,
        anchor,
        caption,
        None,
        anchor + 1,
        in_days=True,
    )
    assert len(before.ticks()) > 1


def test_a_short_stretch_after_a_second_break_is_ticked() -> None:
    """A scale of 21 years, ticked every 36 months, then a stretch of 14 months to scale after a
    second break (a follow-up "14 months" after a resection): at the scale's step it had no
    tick, and the legend's "+3" explained nothing on the figure. It is ticked at the finest
    step that gives two ticks, or one."""
    from timeline.render.timescale import TimeScale

    anchor = 730000
    order_from = anchor + 21 * 365
    tail_from = order_from + 200

    def ticks(months: int) -> list[str]:
        scale = TimeScale(
            anchor,
            tail_from + round(months * 30.44),
            100.0,
            900.0,
            False,
            anchor,
            "months from the diagnosis",
            None,
            order_from,
            tail_from,
            in_days=False,
        )
        return [text for _day, text in scale.ticks() if text.startswith("+")]

    assert ticks(14) == ["+6", "+12"]
    assert ticks(26) == ["+12", "+24"]
    assert ticks(5) == ["+2", "+4"]
    assert ticks(60) == ["+24", "+48"]
    assert ticks(100) == ["+24", "+48", "+72", "+96"]  # (the scale's own step, where it fits)


def test_the_day_of_the_patients_age_does_not_stretch_the_axis() -> None:
    """An Ewing sarcoma in "a 22-year-old man", his age written at the April 2019 onset of
    pain, the first imaging in February 2020: the axis began in April 2019, ten empty months
    before anything it draws."""
    text = """\
format: 1
id: age-at
patient: {sex: male, age: {years: 22, at: 2019-04}}
diagnosis: {date: 2020-03}
events:
  - {id: mri, type: imaging, date: 2020-02, method: MRI, findings: femoral lesion}
  - {id: vdc, type: regimen, intent: neoadjuvant, start: 2020-04, end: 2020-06,
     end_reason: completed, agents: [vincristine, doxorubicin, cyclophosphamide]}
  - {id: fu, type: follow-up, date: 2021-03, status: alive-ned}
"""
    checked = check_text(text, "age.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None and checked.chrono is not None
    scale = time_scale(checked.schedule, THEMES["print"])
    first = checked.chrono.bounds("mri").lo
    assert first - 45 <= scale.t0 < first, (scale.t0, first)


def test_a_long_quiet_stretch_is_left_out_behind_a_break() -> None:
    """A story of three months after a diagnosis known only as about 15 years before: drawn to
    scale, the CAR-T, the ICANS on day 50 and the death on day 93 were one mark in the last
    2 % of an axis of 18 years. The years with nothing drawn are left out behind a break."""
    checked = check_text(
        """
format: 1
id: quiet-stretch
diagnosis: {date: {from: cart.start, offset: about -15 years}}
events:
  - {id: cart, type: regimen, intent: advanced, start: 2024-03-04, end: cart.start,
     end_reason: completed, agents: [ciltacabtagene autoleucel]}
  - {id: icans, type: toxicity, date: {from: cart.start, offset: 50 days},
     term: Immune effector cell-associated neurotoxicity syndrome, grade: 4,
     agents: [ciltacabtagene autoleucel]}
  - {id: death, type: death, date: {from: cart.start, offset: 93 days}, cause: toxicity}
""",
        "quiet.yaml",
    )
    assert checked.ok, checked.problems
    scene = swimlane(checked, THEMES["slide"])
    ids = {i.id: i for i in scene.items}
    scale = time_scale(checked.schedule, THEMES["slide"])  # type: ignore[arg-type]
    assert scale.gap is not None
    g0, g1 = scale.gap
    assert g1 - g0 > 13 * 365
    width = scale.x1 - scale.x0
    assert scale.x(g1) - scale.x(g0) <= 0.05 * width  # (a break, not years)
    cart = checked.schedule.point("cart.start")  # type: ignore[union-attr]
    death = checked.schedule.point("death")  # type: ignore[union-attr]
    assert cart is not None and death is not None
    assert scale.x(death.day) - scale.x(cart.day) > 0.4 * width  # (the story is readable)
    ticks = scale.ticks()
    assert not any(g0 < day < g1 for day, _label in ticks)
    assert any(day <= g0 for day, _label in ticks) and any(day >= g1 for day, _label in ticks)
    assert "order-break-gap" in ids
    caption = ids.get("gap-caption")
    assert isinstance(caption, Text) and caption.text.endswith("years"), caption
    notes = " ".join(i.text for i in scene.items if isinstance(i, Text))
    assert "with nothing recorded left out" in notes


def test_a_quiet_stretch_to_the_last_follow_up_is_drawn_to_scale() -> None:
    """Years of remission up to the last follow-up are the outcome the case reports: no
    stretch is left out there, nor one shorter than five years."""
    from timeline.render.timescale import quiet_stretch

    year = 365
    assert quiet_stretch([0, 30, 60, 60 + 12 * year]) is None  # (to the last day)
    assert quiet_stretch([0, 30, 60 + 4 * year, 90 + 4 * year]) is None  # (four years)
    assert quiet_stretch([0, 30, 60 + 12 * year, 90 + 12 * year]) == (30, 60 + 12 * year)
    # (within the scale proper: not across a zone of dates known only by order)
    assert quiet_stretch([0, 30, 60 + 12 * year, 90 + 12 * year], order_until=31) is None


def test_a_test_known_only_to_precede_a_line_is_drawn_in_the_slot_before_it() -> None:
    """A breast cancer told in order: chemotherapy, an aromatase inhibitor with ribociclib,
    alpelisib with fulvestrant, and a PIK3CA test known only to precede alpelisib. The test
    took the zone's first slot, at the first line's start (and a deck showed it in the step
    before that line's result); it is drawn in the slot just before alpelisib, as a test
    before a calendar date is drawn at that date. The legend says it is known only by order,
    not that it has no date at all."""
    text = """
format: 1
id: pik3ca-slot
diagnosis: {date: {before: chemo.start}, site: breast}
events:
  - {id: chemo, type: regimen, intent: advanced, start: {after: diagnosis},
     end: {after: chemo.start, before: cdk.start}, end_reason: unknown, agents: [paclitaxel]}
  - {id: cdk, type: regimen, intent: advanced, start: {after: chemo.end},
     end: {after: cdk.start, before: alp.start}, end_reason: unknown,
     agents: [letrozole, ribociclib]}
  - {id: pik3ca, type: biomarker, date: {before: alp.start}, name: PIK3CA, result: mutated}
  - {id: alp, type: regimen, intent: advanced, start: {after: cdk.end}, end_reason: unknown,
     agents: [alpelisib, fulvestrant]}
"""
    checked = check_text(text, "pik3ca.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    zone = after_zone(checked.schedule)  # type: ignore[arg-type]
    assert zone is not None
    days = zone.days
    assert days["chemo.start"] < days["pik3ca"] < days["alp.start"]
    assert days["cdk.end"] <= days["pik3ca"]
    notes = " ".join(
        i.text for i in swimlane(checked, THEMES["slide"]).items if isinstance(i, Text)
    )
    assert "PIK3CA test is known only by order" in notes, notes
    assert "no date at all" not in notes
