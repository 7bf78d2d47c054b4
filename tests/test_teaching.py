"""The steps a teaching deck tells a case in (timeline.teaching)."""

from __future__ import annotations

import re

import yaml

from conftest import (
    AFTER_A_WIDE_RECURRENCE,
    ANCHOR_INFERRED,
    DHAP_SALVAGE,
    EWING_RELAPSE,
    IBRUTINIB_HOLD,
    ROOT,
    SALVAGE_CYCLES,
    check,
)
from timeline import check_path, check_text
from timeline.summary import summary_text
from timeline.teaching import teaching_steps


def test_lines_the_case_puts_in_order_are_steps_of_their_own() -> None:
    """Three lines told only in order share one plausible day: the deck told them as one
    step, "By month 0 — L1: paclitaxel; L2: capecitabine; L3: eribulin", as if started
    together. Each is the decision after the one before."""
    data = yaml.safe_load(
        """
id: ordered-lines
diagnosis: {date: {before: l1.start}}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis},
     end: {before: l2.start}, end_reason: unknown, agents: [paclitaxel]}
  - {id: l2, type: regimen, intent: advanced, start: {after: l1},
     end: {before: l3.start}, end_reason: unknown, agents: [capecitabine]}
  - {id: l3, type: regimen, intent: advanced, start: {after: l2},
     end: {from: l3.start, offset: 6 months}, end_reason: completed, agents: [eribulin]}
  - {id: fu, type: follow-up, date: {from: l3.end, offset: 1 months}, status: alive}
"""
    )
    steps = teaching_steps(check(data))
    assert [[e.id for e in s.events] for s in steps] == [["l1"], ["l2"], ["l3"], ["fu"]]
    # two therapies the case starts on one day stay one step
    taniguchi = check_path(str(ROOT / "cases" / "taniguchi2018-egfr-osimertinib-sclc.yaml"))
    captions = [s.caption for s in teaching_steps(taniguchi)]
    assert any(c.startswith("Then, by month 0 — L2: gefitinib") for c in captions), captions


def test_a_decision_dated_otherwise_than_its_finding_says_its_own_date() -> None:
    """A progression on 1 March, docetaxel from 28 April: the step read "March 2020 —
    progression → L2: docetaxel", docetaxel dated a month before it started."""
    data = yaml.safe_load(
        """
id: decision-date
diagnosis: {date: 2020-01-10}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2020-01-15, end: l2.start,
     end_reason: progression, agents: [cisplatin]}
  - {id: pd, type: progression, date: 2020-03-01}
  - {id: l2, type: regimen, intent: advanced, start: 2020-04-28, end_reason: ongoing,
     agents: [docetaxel]}
  - {id: fu, type: follow-up, date: 2020-08, status: alive}
"""
    )
    captions = [s.caption for s in teaching_steps(check(data))]
    assert "March 2020 — progression → L2: docetaxel (April 2020)" in captions, captions
    # on the finding's own month, nothing is added
    same = yaml.safe_dump(data).replace("2020-04-28", "2020-03-20")
    captions = [s.caption for s in teaching_steps(check(yaml.safe_load(same)))]
    assert "March 2020 — progression → L2: docetaxel" in captions, captions


def test_a_step_known_within_a_month_is_dated_to_the_tenth() -> None:
    """mcdonald2018: "substantial improvement" six weeks into ipilimumab + nivolumab was
    captioned "Month 1", beside `show`'s "month 1.4"; a case told within four months is now
    said in days, by both ("day 42")."""
    checked = check_path(
        str(ROOT / "cases" / "mcdonald2018-melanoma-ipilimumab-nivolumab-brain-unmasking.yaml")
    )
    captions = [s.caption for s in teaching_steps(checked)]
    assert any(c.startswith("Day 42 — ") and "· substantial improvement" in c for c in captions), (
        captions
    )
    assert captions[0].startswith("By day 0 — progression"), captions


def test_a_complication_of_the_disease_is_a_step() -> None:
    """mcdonald2018 is about a brain metastasis unmasked by immunotherapy: the headache a week
    into ipilimumab + nivolumab and the intracranial haemorrhage at six weeks were drawn in
    the figures and told by no caption (a toxicity was a step; a complication of the disease
    was not). Each is a step, or told with the step of its day."""
    checked = check_path(
        str(ROOT / "cases" / "mcdonald2018-melanoma-ipilimumab-nivolumab-brain-unmasking.yaml")
    )
    captions = [s.caption for s in teaching_steps(checked)]
    assert "Day 7 — complication: Headache" in captions, captions
    assert any(c.startswith("Day 42 — complication: Intracranial hemorrhage") for c in captions)


def test_a_deck_numbers_the_lines_too_narrow_for_their_boxes() -> None:
    """An infant leukaemia's whole-timeline slide: the lines after the first (transplants of a
    day, a cycle of blinatumomab) were slivers in the Lines lane with nothing to tell them
    apart, since a deck wrote no label beneath a box. Their numbers now stand beneath them, in
    one row at most."""
    from timeline.render.layout import swimlane
    from timeline.render.scene import Text
    from timeline.render.style import THEMES

    checked = check_path(
        str(ROOT / "cases" / "zhumatayev2024-infant-kmt2a-all-msd-haplo-hsct-blinatumomab.yaml")
    )
    scene = swimlane(checked, THEMES["deck"])
    labels = {
        i.text: i.y for i in scene.items if isinstance(i, Text) and i.id.startswith("line-label-")
    }
    assert {"L1", "L2", "L3"} <= labels.keys(), labels
    assert len({y for t, y in labels.items() if t != "L1"}) == 1  # one row beneath the boxes


def test_a_steps_caption_tells_only_what_is_known_when_its_regimen_starts() -> None:
    """Nivolumab held for a rash in September and resumed in October: the step that starts it
    read "L1: nivolumab (until 2017-09-01, toxicity), then nivolumab from 2017-10-01", giving
    away the rash the next step asks about. It tells what is known when the regimen starts."""
    text = (
        "format: 1\nid: held\ndiagnosis: {date: 2017-06}\nevents:\n"
        "  - {id: pd, type: progression, date: 2017-06}\n"
        "  - id: rx\n    type: regimen\n    intent: advanced\n    start: 2017-07-01\n"
        "    end: 2017-12-01\n    end_reason: toxicity\n    exposures:\n"
        "      - {id: nivo-a, agent: nivolumab, end: rash, end_reason: toxicity}\n"
        "      - {id: nivo-b, agent: nivolumab, start: 2017-10-01}\n"
        "  - {id: rash, type: toxicity, date: 2017-09-01, term: Rash maculo-papular,"
        " agents: [nivolumab], action: held}\n"
        "  - {type: follow-up, date: 2018-01, status: alive}\n"
    )
    steps = teaching_steps(check_text(text, "held.yaml"))
    first = next(s for s in steps if any(e.id == "rx" for e in s.events))
    assert "L1: nivolumab" in first.caption
    assert "until" not in first.caption and "then" not in first.caption, first.caption


def test_a_step_known_only_from_before_the_step_before_does_not_read_as_going_back() -> None:
    """An Ewing sarcoma report: a recurrence at ≈ month 31, then a resection known only to come
    at least 3 weeks into the line that followed it: "≈ Month 31 — recurrence", then "From
    month 30.6 — resection" read as going back in time. The second says it comes after."""
    text = (
        "format: 1\nid: back\ndiagnosis: {date: unknown}\nevents:\n"
        "  - {id: c1, type: regimen, intent: neoadjuvant, start: diagnosis,"
        " end: {from: diagnosis, offset: 6 months}, end_reason: completed, agents: [doxorubicin]}\n"
        "  - {id: op, type: surgery, date: {after: c1, within: 2 months}, procedure: resection,"
        " curative: true}\n"
        "  - {id: rel, type: recurrence, date: {from: op, offset: 24 months}}\n"
        "  - {id: l1, type: regimen, intent: advanced, start: {after: rel, within: 2 weeks},"
        " end: {after: {from: l1.start, offset: 11 weeks}}, end_reason: completed, cycles: 12,"
        " agents: [irinotecan]}\n"
        "  - {id: op2, type: surgery, date: {after: {from: l1.start, offset: 3 weeks},"
        " before: l1.end}, procedure: resection of the recurrence, curative: unknown}\n"
    )
    captions = [s.caption for s in teaching_steps(check_text(text, "back.yaml"))]
    # (a window of two months is said whole, and the date after it no longer reads as before it)
    assert captions[-2].startswith("Between month 30 and month 32 — recurrence"), captions
    assert captions[-1].startswith("From month 30.6 — resection"), captions


_OPEN_LATE = """
format: 1
id: open-late
diagnosis: {date: 2012}
events:
  - {id: p, type: progression, date: 2016}
  - {id: v, type: regimen, intent: advanced, start: {at: 2016, after: p}, end: d.start,
     end_reason: other, agents: [bortezomib]}
  - {id: d, type: regimen, intent: advanced, start: {after: v.start, within: 2 months},
     agents: [daratumumab]}
  - {id: skin, type: progression, date: {after: p}, new_sites: [skin]}
"""


def test_an_event_with_no_latest_day_is_told_where_its_figure_draws_it() -> None:
    """A skin progression "after" the relapse of 2016, nothing after it, drawn at the relapse
    with its window open (a lone point stays on the scale): grouped with a line, it would read
    as what the line answered, so it is a step of its own; told last (as it once was), after
    two lines dated within months of 2016, its step's figure drew it back at the relapse. It is
    told where the figure draws it, and no step's figure draws it before its step."""
    from timeline.render.layout import swimlane
    from timeline.render.style import THEMES
    from timeline.render.timescale import drawn_order

    checked = check_text(_OPEN_LATE, "open-late.yaml")
    assert checked.schedule is not None
    steps = teaching_steps(checked, drawn_order(checked.schedule))
    ids = [[e.id for e in s.events] for s in steps]
    assert ids == [["p"], ["skin"], ["v"], ["d"]], ids
    assert [s.until for s in steps] == sorted(s.until for s in steps)  # cuts never go back
    for n, step in enumerate(steps):
        items = swimlane(
            checked, THEMES["deck"], until=step.until, until_event=step.events[-1].id
        ).items
        assert any(i.id.startswith("bar-d-") for i in items) is (n >= 3)
        skin = any("skin" in (getattr(i, "tooltip", "") or "") for i in items)
        assert skin is (n >= 1), step.caption


def test_a_step_dated_by_an_inferred_date_says_so() -> None:
    """ "after 21 months" read as counted from the surgery: `show` said "≈ month 21 (21 to
    21.1) (inferred)", the deck "Month 21 — recurrence (brain)", as certain."""
    checked = check_text(
        """
format: 1
id: deck-inferred
diagnosis: {date: {before: op}}
events:
  - {id: op, type: surgery, date: {after: diagnosis}, procedure: cytoreductive surgery,
     curative: unknown}
  - id: rec
    type: recurrence
    date: {from: op, offset: 21 months, inferred: "'after 21 months' read as from the surgery"}
    sites: [brain]
  - {id: l1, type: regimen, intent: advanced, start: rec.start, agents: [niraparib],
     end_reason: ongoing}
  - {id: fu, type: follow-up, date: {from: op, offset: 30 months}, status: alive}
""",
        "deck-inferred.yaml",
    )
    captions = [s.caption for s in teaching_steps(checked)]
    assert captions[0] == "Month 0 — cytoreductive surgery", captions
    assert captions[1].startswith("Month 21 (inferred) — recurrence (brain) → L1: niraparib")
    assert captions[2] == "Month 30 — last follow-up: alive", captions


def test_an_event_dated_as_an_earlier_one_is_told_with_it() -> None:
    """A resistance dated `pd-a` (its basis), listed after another progression: it was told
    with that other progression, a step later than its own."""
    checked = check_text(
        """
format: 1
id: tied
diagnosis: {date: unknown}
events:
  - {id: a, type: regimen, intent: advanced, start: {after: diagnosis}, end: {before: c.start},
     end_reason: progression, agents: [brigatinib]}
  - {id: pd-a, type: progression, date: {after: a.start, before: a.end}}
  - {id: b, type: regimen, intent: advanced, start: {after: diagnosis}, end: {before: c.start},
     end_reason: progression, agents: [alectinib]}
  - {id: pd-b, type: progression, date: {after: b.start, before: b.end}}
  - {id: res-a, type: resistance, date: pd-a, agent: brigatinib, basis: pd-a}
  - {id: c, type: regimen, intent: advanced, start: {after: diagnosis}, end_reason: ongoing,
     agents: [lorlatinib]}
""",
        "tied.yaml",
    )
    steps = [[e.id for e in s.events] for s in teaching_steps(checked)]
    with_pd = next(s for s in steps if "pd-a" in s)
    assert "res-a" in with_pd, steps


def test_a_decision_started_after_its_finding_is_not_dated_before_it() -> None:
    """A progression 38 months after sunitinib's start, everolimus "after" it: the step read
    "Month 38 — progression → L2: everolimus (from month 37.9)", the bound rounded down, as if
    everolimus began before the progression it followed."""
    checked = check_text(
        """
format: 1
id: after-finding
diagnosis: {date: {before: a.start}}
events:
  - {id: a, type: regimen, intent: advanced, start: {after: diagnosis}, end: pd,
     end_reason: progression, agents: [sunitinib]}
  - {id: pd, type: progression, date: {from: a.start, offset: 38 months}}
  - {id: b, type: regimen, intent: advanced, start: {after: pd}, end_reason: ongoing,
     agents: [everolimus]}
  - {id: fu, type: follow-up, date: {from: b.start, offset: 15 months}, status: alive}
""",
        "after-finding.yaml",
    )
    captions = [s.caption for s in teaching_steps(checked)]
    assert "Month 38 — progression → L2: everolimus (start not dated)" in captions, captions


def test_a_second_decision_of_a_step_says_its_own_date() -> None:
    """A transplant "in 2021" and a CAR-T known only between the diagnosis and a later
    progression, drawn on one day: the step read "Between January and December 2021 —
    stem-cell transplant · L≥2: CAR-T", as if the CAR-T too was given in 2021."""
    checked = check_text(
        """
format: 1
id: two-decisions
diagnosis: {date: {before: bmt}}
prior_lines: {at_least: 1}
events:
  - {id: bmt, type: transplant, date: 2021, donor: unknown}
  - {id: cart, type: regimen, intent: advanced, start: {after: diagnosis, before: pd},
     end: cart.start, end_reason: no-response, agents: [tisagenlecleucel]}
  - {id: pd, type: progression, date: {after: bmt}}
""",
        "two-decisions.yaml",
    )
    first = teaching_steps(checked)[0]
    assert [e.id for e in first.events] == ["bmt", "cart"], first
    assert first.caption.startswith("Between January and December 2021 — "), first.caption
    assert first.caption.endswith("(date not known)"), first.caption


def test_an_inferred_end_told_between_steps_is_said_inferred() -> None:
    """Two doses of mogamulizumab "weekly", the end inferred a week after the start: the step
    after read "L2 mogamulizumab completed (month 0.2)" with no mark, where `show` and the
    figure mark the end inferred."""
    checked = check_text(
        """
format: 1
id: inferred-end
diagnosis: {date: 2020-01}
events:
  - {id: mog, type: regimen, intent: advanced, start: 2020-02-03,
     end: {from: mog.start, offset: 1 weeks, inferred: two doses a week apart},
     end_reason: completed, agents: [mogamulizumab]}
  - {id: better, type: response, date: 2020-04, category: PR}
""",
        "inferred-end.yaml",
    )
    captions = [s.caption for s in teaching_steps(checked)]
    assert any("mogamulizumab completed (February 2020, inferred)" in c for c in captions), captions


def test_a_decision_with_no_date_of_its_own_does_not_take_its_findings() -> None:
    """A lung recurrence of June 2021, oxaliplatin "after" it with no date: the step read "June
    2021 — recurrence (lung) → L1: oxaliplatin", as if oxaliplatin began in June 2021."""
    checked = check_text(
        """
format: 1
id: undated-start
diagnosis: {date: 2020-01, site: colon}
events:
  - {id: op, type: surgery, date: 2020-02, procedure: colectomy, curative: true}
  - {id: mets, type: recurrence, date: 2021-06, sites: [lung]}
  - {id: l1, type: regimen, intent: advanced, start: {after: mets}, end: {after: l1.start},
     end_reason: unknown, agents: [oxaliplatin]}
""",
        "undated.yaml",
    )
    captions = [s.caption for s in teaching_steps(checked)]
    assert "June 2021 — recurrence (lung) → L1: oxaliplatin (start not dated)" in captions
    dated = check_text(
        """
format: 1
id: dated-start
diagnosis: {date: 2020-01, site: colon}
events:
  - {id: op, type: surgery, date: 2020-02, procedure: colectomy, curative: true}
  - {id: mets, type: recurrence, date: 2021-06, sites: [lung]}
  - {id: l1, type: regimen, intent: advanced, start: 2021-06, end: 2021-12,
     end_reason: completed, agents: [oxaliplatin]}
""",
        "dated.yaml",
    )
    captions = [s.caption for s in teaching_steps(dated)]
    assert "June 2021 — recurrence (lung) → L1: oxaliplatin" in captions, captions


def test_a_step_of_an_order_only_case_does_not_draw_to_the_follow_up_before_it_is_told() -> None:
    """A PR, then pembrolizumab, then a last follow-up, all known only by order: the step of
    pembrolizumab drew its bar and the PR out to the follow-up's slot, a step early."""
    from timeline.render.layout import swimlane
    from timeline.render.scene import Rect
    from timeline.render.style import THEMES

    checked = check_text(
        """
format: 1
id: order-deck
diagnosis: {date: 2020-01, site: kidney}
events:
  - {id: tx, type: regimen, intent: advanced, start: {after: diagnosis}, end: {before: r2},
     end_reason: completed, agents: [axitinib]}
  - {id: r, type: response, date: {after: tx.start, before: r2}, category: PR}
  - {id: r2, type: regimen, intent: advanced, start: {after: r}, end_reason: ongoing,
     agents: [pembrolizumab]}
  - {id: fu, type: follow-up, date: {after: r2.start}, status: unknown}
""",
        "order-deck.yaml",
    )
    steps = teaching_steps(checked)
    step = next(s for s in steps if "r2" in {e.id for e in s.events})
    assert "fu" not in {e.id for e in step.events}
    scene = swimlane(checked, THEMES["deck"], until=step.until, until_event=step.events[-1].id)
    whole = swimlane(checked, THEMES["deck"]).items
    bar = next(i for i in scene.items if i.id == "bar-r2-pembrolizumab")
    full = next(i for i in whole if i.id == "bar-r2-pembrolizumab")
    assert isinstance(bar, Rect) and isinstance(full, Rect)
    assert bar.x1 - bar.x0 < (full.x1 - full.x0) / 2, (bar, full)


def test_a_step_open_on_one_side_gives_its_bound_as_show_does() -> None:
    """Progressions 21 and then 10 months apart, and one more known only to follow: `show`
    said "from month 31", the step's heading "From month 30.9" (the same bound, read as going
    back after "Month 31")."""
    text = """
format: 1
id: whole-month
diagnosis: {date: {before: a.start}}
events:
  - {id: a, type: regimen, intent: advanced, start: {after: diagnosis}, end: pd2,
     end_reason: progression, agents: [docetaxel]}
  - {id: pd1, type: progression, date: {from: a.start, offset: 21 months}}
  - {id: pd2, type: progression, date: {from: pd1, offset: 10 months}}
  - {id: b, type: regimen, intent: advanced, start: {after: pd2}, end_reason: ongoing,
     agents: [nivolumab]}
  - {id: pd3, type: progression, date: {after: b.start}}
  - {id: fu, type: follow-up, date: {after: pd3}, status: alive}
"""
    from timeline.summary import summary_text

    checked = check_text(text, "whole-month.yaml")
    captions = [s.caption for s in teaching_steps(checked)]
    assert any(c.startswith("From month 31 — progression") for c in captions), captions
    assert not any("30.9" in c for c in captions), captions
    assert "from month 31" in summary_text(checked)


def test_radiotherapy_begun_with_a_line_is_said_with_it() -> None:
    """Palliative radiotherapy begun along with pembrolizumab: radiotherapy is no step of its
    own, and the deck told the line alone, the radiotherapy only a bar of the figure. A
    regimen whose name says it ("chemoradiotherapy") is not told it twice."""
    checked = check_text(ANCHOR_INFERRED, "anchor.yaml")
    captions = [s.caption for s in teaching_steps(checked)]
    assert captions[0] == "By month -1.8 — L1: pembrolizumab, with radiotherapy (neck)", captions
    named = ANCHOR_INFERRED.replace(
        "agents: [pembrolizumab]}", "name: chemoradiotherapy, agents: [pembrolizumab]}"
    )
    captions = [s.caption for s in teaching_steps(check_text(named, "named.yaml"))]
    assert "with radiotherapy" not in captions[0], captions


def test_a_response_s_sites_are_not_said_again_after_the_authors_words() -> None:
    """ "some PCL cells remained in the bone marrow (bone marrow)": the sites are said after
    the authors' words only when those words do not say them already."""
    text = """
format: 1
id: sites-said
diagnosis: {date: 2020-01}
events:
  - {id: vrd, type: regimen, intent: advanced, start: 2020-01, end: 2020-03,
     end_reason: other, agents: [bortezomib, lenalidomide, dexamethasone]}
  - {id: marrow, type: response, date: 2020-03, category: unknown,
     authors_term: some PCL cells remained in the bone marrow, sites: [bone marrow]}
  - {id: lungs, type: response, date: 2020-05, category: unknown,
     authors_term: the nodules shrank, sites: [lung]}
"""
    captions = [s.caption for s in teaching_steps(check_text(text, "sites-said.yaml"))]
    said = " | ".join(captions)
    assert "some PCL cells remained in the bone marrow" in said, captions
    assert "(bone marrow)" not in said, captions
    assert "the nodules shrank (lung)" in said, captions


def test_a_step_within_a_month_says_its_date_as_show_does() -> None:
    """Skin lesions "over the prior three weeks" before a consultation, and a death "four weeks
    after" the admission: the steps read "Month -0.3" (a day the schedule chose in a window of
    27 days) and "Month 1" beside `show`'s "month 0.9". A case told within four months is said
    in days, as `show` says it: the window of the progression, and the death on day 28."""
    text = """
format: 1
id: within-a-month
diagnosis: {date: {before: admission}}
events:
  - {id: admission, type: complication, date: unknown, term: Uremic encephalopathy}
  - {id: consult, type: imaging, date: {after: admission, within: 1 week},
     method: clinical examination}
  - {id: skin, type: progression, date: {before: consult, within: 3 weeks}, new_sites: [skin]}
  - {id: dara, type: regimen, intent: advanced, start: {after: consult, before: death},
     end: death, end_reason: other, agents: [daratumumab]}
  - {id: death, type: death, date: {from: admission, offset: 4 weeks}}
"""
    captions = [s.caption for s in teaching_steps(check_text(text, "within-a-month.yaml"))]
    assert captions[0].startswith("Between day -21 and day 7 — progression"), captions
    assert captions[-1] == "Day 28 — death", captions
    shown = summary_text(check_text(text, "within-a-month.yaml"))
    assert "day 28" in shown and "'day N' counts from" in shown, shown


def test_a_step_dated_within_months_on_the_calendar_says_its_window() -> None:
    """A synovial sarcoma report: a progression known only to come between the start of
    chemotherapy in January 2007 and a pneumonectomy in March 2007. Its step read "≈ February
    2007 — progression", a month the source does not give (`show` gives the window). It says
    the window; a date of one month stays that month."""
    text = (
        "format: 1\nid: window\ndiagnosis: {date: 2006-06}\nevents:\n"
        "  - {id: chemo, type: regimen, intent: advanced, start: 2007-01, end: op,"
        " end_reason: progression, agents: [ifosfamide]}\n"
        "  - {id: pd, type: progression, date: {after: chemo.start, before: op}}\n"
        "  - {id: op, type: surgery, date: 2007-03, procedure: pneumonectomy, curative: false}\n"
    )
    captions = [s.caption for s in teaching_steps(check_text(text, "window.yaml"))]
    step = next(c for c in captions if "progression" in c and "L" not in c.split("—")[0])
    assert step.startswith("Between January and March 2007 — progression"), captions
    assert any(c.startswith("January 2007") for c in captions), captions


def test_radiotherapy_that_answers_a_progression_is_the_decision_of_its_step() -> None:
    """A small cell lung report: new head lesions on maintenance, head radiotherapy, then a
    complete response of the head. The deck went from "progression" to "complete response"
    with no treatment told: radiotherapy was never a step. The only therapy started after a
    progression and before the next response is its step's decision; radiotherapy alongside
    a new line is not."""
    text = (
        "format: 1\nid: rt\ndiagnosis: {date: 2020-01-01}\nevents:\n"
        "  - {id: l1, type: regimen, intent: advanced, start: 2020-01-10, end_reason: ongoing,"
        " agents: [nivolumab]}\n"
        "  - {id: pd, type: progression, date: 2020-06-01, new_sites: [brain]}\n"
        "  - {id: rt, type: radiotherapy, start: 2020-06-20, end: 2020-07-01, site: brain}\n"
        "  - {id: cr, type: response, category: CR, date: 2020-10-01, sites: [brain]}\n"
        "  - {id: fu, type: follow-up, date: 2021-01-01, status: alive}\n"
    )
    captions = [s.caption for s in teaching_steps(check_text(text, "rt.yaml"))]
    assert any("progression" in c and "→ radiotherapy (brain)" in c for c in captions), captions
    with_line = text.replace(
        "  - {id: cr,",
        "  - {id: l2, type: regimen, intent: advanced, start: 2020-06-20, end_reason: ongoing,"
        " agents: [ipilimumab]}\n  - {id: cr,",
    )
    captions = [s.caption for s in teaching_steps(check_text(with_line, "rt2.yaml"))]
    assert not any("radiotherapy (brain)" in c and "L2" not in c for c in captions), captions


def test_the_events_of_one_step_are_set_apart() -> None:
    """A toxicity ("...; attributed to nivolumab; action: held") and a response told in one
    step were joined by "; " too, and the response read as part of the toxicity."""
    text = (
        "format: 1\nid: joined\ndiagnosis: {date: 2020-01}\nevents:\n"
        "  - {id: nivo, type: regimen, intent: advanced, start: 2020-02-01, agents: [nivolumab]}\n"
        "  - {id: tox, type: toxicity, date: {after: nivo.start}, term: Acute kidney injury,"
        " agents: [nivolumab], action: held}\n"
        "  - {id: resp, type: response, date: {after: nivo.start}, category: unknown,"
        " authors_term: durable response}\n"
    )
    captions = [s.caption for s in teaching_steps(check_text(text, "joined.yaml"))]
    assert captions[-1].endswith("action: held · durable response"), captions


_REBIOPSY = """
format: 1
id: rebiopsy
diagnosis: {date: 2020-01}
events:
  - {id: tki, type: regimen, intent: advanced, start: 2020-02, end: 2021-01,
     end_reason: progression, agents: [crizotinib]}
  - {id: pd, type: progression, date: 2021-01}
  - {id: rebiopsy, type: biomarker, date: 2021-02, name: histology,
     result: small-cell lung carcinoma (transformation)}
  - {id: tmb, type: biomarker, date: {after: diagnosis}, name: TMB, result: high}
  - {id: ce, type: regimen, intent: advanced, start: 2021-03, end: 2021-06,
     end_reason: completed, agents: [carboplatin, etoposide]}
  - {id: late, type: biomarker, date: 2021-08, name: histology, result: unchanged}
  - {type: follow-up, date: 2021-09, status: alive-with-disease}
"""


def test_a_biomarker_test_within_a_step_is_told_with_its_findings() -> None:
    """A re-biopsy showing small-cell transformation between a progression and the platinum +
    etoposide it led to was on no slide: the deck went from "progression → L2" to the last
    follow-up, and its figures draw the test's marker without a label. A test is told in the
    step it falls in, before the decision, with its own date; one after a step's decision and
    before the next step (a test a month before the last follow-up) opens that step, with its
    own date; one the case does not put in a step (TMB, known only to follow the diagnosis,
    wherever the plausible schedule spreads it) is not told: a test is no step of its own."""
    steps = teaching_steps(check_text(_REBIOPSY, "rebiopsy.yaml"))
    captions = [s.caption for s in steps]
    assert captions[1] == (
        "January 2021 — progression · histology small-cell lung carcinoma (transformation)"
        " (February 2021) → L2: carboplatin + etoposide (March 2021)"
    ), captions
    assert [e.id for e in steps[1].events] == ["pd", "rebiopsy", "ce"]
    assert not any("TMB" in c for c in captions), captions
    assert captions[2] == (
        "September 2021 — L2 carboplatin + etoposide completed (June 2021) · histology unchanged"
        " (August 2021) · last follow-up: alive with disease"
    ), captions
    assert len(steps) == 3


def test_a_response_found_on_an_operation_is_told_after_it() -> None:
    """A pathological complete response dated as the mastectomy that showed it, listed before
    the operation (so that the replay reads it before the operation's own change): the step
    told "pathology: complete response (breast) · modified radical mastectomy", the finding
    before the operation that gave it."""
    from conftest import CASES

    path = next(p for p in CASES if p.stem.startswith("lee2018-"))
    captions = [s.caption for s in teaching_steps(check_path(str(path)))]
    told = next(c for c in captions if "mastectomy" in c)
    assert told.index("modified radical mastectomy") < told.index("pathology: complete response")


def test_a_test_on_the_autopsy_is_told_with_the_death_in_a_case_dated_by_order() -> None:
    """A rapid-autopsy report dated only by order: the sequencing of the autopsy tissue, dated
    at the death, shares the plausible day of every event and was told with the first response,
    whose step's figure then showed the whole course (the second line, both progressions, the
    death). It is told with the death, the first step the case does not put it after."""
    text = """
format: 1
id: autopsy
diagnosis: {date: unknown, site: lung, histology: adenocarcinoma}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis}, end: pd1,
     end_reason: progression, agents: [carboplatin, pemetrexed]}
  - {id: r1, type: response, date: {after: l1.start, before: pd1}, category: PR}
  - {id: pd1, type: progression, date: {after: l1.start}}
  - {id: l2, type: regimen, intent: advanced, start: {after: pd1}, end: {after: pd2},
     end_reason: unknown, agents: [sotorasib]}
  - {id: pd2, type: progression, date: {after: l2.start}}
  - {id: death, type: death, date: {after: pd2}}
  - {id: autopsy, type: biomarker, date: death, name: KRAS G12C, result: positive,
     specimen: autopsy tissue}
"""
    checked = check_text(text, "autopsy.yaml", ignore=["C008"])
    assert checked.ok and not checked.problems, [p.format() for p in checked.problems]
    steps = {e.id: n for n, s in enumerate(teaching_steps(checked)) for e in s.events}
    assert steps["autopsy"] == steps["death"] > steps["pd2"] > steps["r1"]


def test_steps_of_one_window_in_the_case_s_order_say_then() -> None:
    """An AML's relapse, salvage, remission and second transplant were each "Between month 0
    and month 48.6": six slides with one heading. A step the case puts after the step before,
    in the same window, says so; two in the same window in no stated order do not."""
    text = """
id: order
diagnosis: {date: unknown}
events:
  - {id: allo, type: transplant, date: {after: diagnosis, before: rel}, donor: allogeneic}
  - {id: rel, type: recurrence, date: {after: allo, before: salvage.start}}
  - {id: salvage, type: regimen, intent: advanced, start: {after: rel},
     end: {after: salvage.start, before: fu}, end_reason: completed,
     agents: [azacitidine, venetoclax]}
  - {id: fu, type: follow-up, date: {from: diagnosis, offset: 48 months}, status: alive}
acknowledge:
  - {code: C008, event: allo, reason: order only}
  - {code: C008, event: rel, reason: order only}
  - {code: C008, event: salvage, reason: order only}
"""
    checked = check(yaml.safe_load(text))
    assert checked.ok, checked.problems
    captions = [s.caption for s in teaching_steps(checked)]
    assert captions[0].startswith("Between month 0 and month 48 — "), captions
    assert captions[1].startswith("Then, between month 0 and month 48 — recurrence"), captions
    unordered = text.replace("before: rel}", "before: fu}").replace(
        "{after: allo, before: salvage.start}", "{after: diagnosis, before: salvage.start}"
    )
    captions = [s.caption for s in teaching_steps(check(yaml.safe_load(unordered)))]
    assert not any(c.startswith("Then, between") and "recurrence" in c for c in captions), captions


def test_the_title_slide_tells_a_test_dated_before_the_first_step() -> None:
    """A PD-L1 of 50 % or more, tested before the first line it was chosen on, was told by no
    slide: a test is told within the step it falls in, and none comes before the first."""
    from timeline.render.deck import build_deck

    text = """\
format: 1
id: tested-first
diagnosis: {date: 2019-01}
events:
  - {id: pdl1, type: biomarker, date: 2019-02, name: PD-L1, result: positive, value: ">= 50",
     unit: "%"}
  - {id: l1, type: regimen, intent: advanced, start: 2019-03, end: 2019-09,
     end_reason: progression, agents: [pembrolizumab]}
  - {id: pd, type: progression, date: 2019-09}
  - {id: ret, type: biomarker, date: 2019-09, name: RET, result: rearrangement}
  - {id: l2, type: regimen, intent: advanced, start: 2019-10, end_reason: ongoing,
     agents: [selpercatinib]}
  - {id: fu, type: follow-up, date: 2020-06, status: alive}
"""
    checked = check_text(text, "t.yaml")
    assert checked.ok, checked.problems
    title = build_deck(checked, backend="wasm").slides[0]
    (said,) = [x for x in title.lines if x.startswith("Tested before the first step:")]
    assert "PD-L1 positive (≥ 50 %) (2019-02)" in said
    assert "RET" not in said  # told in the progression's step
    steps = teaching_steps(checked)
    assert any(e.id == "ret" for s in steps for e in s.events)
    assert not any(e.id == "pdl1" for s in steps for e in s.events)


def test_a_step_in_no_stated_order_with_the_one_before_says_so() -> None:
    """An Ewing sarcoma's relapse treated by surgery and high-dose chemotherapy in no stated
    order, each from the relapse on: two steps, "From month 192 — surgery" then "From month
    192 — L≥1: high-dose chemotherapy", whose order the deck told and the source does not."""
    text = (
        EWING_RELAPSE
        + """\
  - {id: salvage-op, type: surgery, date: {after: relapse}, procedure: salvage resection}
  - {id: hdct, type: regimen, intent: advanced, start: {after: AFTER}, end_reason: unknown,
     agents: [chemotherapy]}
  - {id: fu, type: follow-up, date: {after: hdct.start}, status: unknown}
acknowledge:
  - {code: C008, event: salvage-op, reason: not dated}
  - {code: C008, event: hdct, reason: not dated}
  - {code: C008, event: fu, reason: not dated}
"""
    )
    checked = check_text(text.replace("AFTER", "relapse"), "t.yaml")
    assert checked.ok, checked.problems
    captions = [s.caption for s in teaching_steps(checked)]
    (hdct,) = [c for c in captions if "high-dose" in c or "L≥1" in c or "L1" in c]
    assert hdct.endswith("(in no stated order with the step before)"), captions
    (op,) = [c for c in captions if "salvage resection" in c]
    assert "no stated order" not in op
    # written after the operation: the deck's order is the case's, and said so ("Then, …")
    ordered = check_text(text.replace("AFTER", "salvage-op"), "t.yaml")
    assert ordered.ok, ordered.problems
    assert not any("no stated order" in s.caption for s in teaching_steps(ordered))


def test_the_title_slide_gives_the_biomarkers_of_the_diagnosis() -> None:
    """A BRCA-mutant ovarian cancer treated with olaparib: the deck's title slide gave the
    patient line alone, which names receptors but not a BRCA or BRAF result, and no figure of
    the deck names them either (the PNG's header says "at diagnosis: BRCA mutated")."""
    from timeline.render.deck import build_deck

    text = """\
format: 1
id: brca
diagnosis:
  date: 2017-03
  site: ovary
  biomarkers: [{name: BRCA, result: mutated}, {name: ER, result: positive}]
events:
  - {id: o, type: regimen, intent: advanced, start: 2018-01, end_reason: ongoing,
     agents: [olaparib]}
  - {id: fu, type: follow-up, date: 2019-06, status: alive}
"""
    checked = check_text(text, "brca.yaml")
    assert checked.ok, checked.problems
    title = build_deck(checked, backend="wasm").slides[0]
    assert "At diagnosis: BRCA mutated" in title.lines, title.lines
    assert sum("ER" in x for x in title.lines) == 1  # (the receptor once, in the patient line)


def test_the_deck_has_a_key_to_its_figures_after_the_whole_timeline() -> None:
    """The whole-timeline slide showed unlabelled markers, fading bars, window rules, an axis
    break and "*" with no key (the deck's figures have no legend): inferred and window-only
    dates read as plain ones. A key slide after it holds the legend that figure would have."""
    from conftest import REFERENCE
    from timeline.render.deck import build_deck, figure_scale

    deck = build_deck(check_path(str(REFERENCE)), backend="wasm")
    kinds = [s.kind for s in deck.slides]
    assert kinds.index("key") == kinds.index("whole") + 1, kinds
    key = deck.slides[kinds.index("key")]
    assert key.figure is not None and figure_scale(key) > 0.98
    for words in ("thin rule under a bar or marker", "recurrence / progression", "resistance"):
        assert words in key.alt, key.alt
    assert b"thin rule under a bar or marker" in key.figure
    # the same legend the slide theme draws under the figure, as far as its words go
    from timeline.render.layout import swimlane
    from timeline.render.scene import Text
    from timeline.render.style import THEMES

    slide = swimlane(check_path(str(REFERENCE)), THEMES["slide"])
    names = {i.text for i in slide.items if isinstance(i, Text) and i.id.endswith("-text")}
    assert names and all(n in key.alt for n in names), names


def test_a_deck_tells_an_item_open_late_where_its_figure_draws_it() -> None:
    """A diarrhoea known only to come during vandetanib, whose end (after the progression of
    2017, before a trial drug begun at no stated time) has no latest day: the figure draws it
    at vandetanib's start, its window open, but the deck told it after the progression, "Then,
    from April 2013", with a figure to 2017. The deck tells it in the figure's order; what
    the figure draws after the scale is still told last."""
    from timeline.render.deck import build_deck
    from timeline.render.timescale import drawn_order

    text = """
format: 1
id: open-late
diagnosis: {date: 2012-06}
events:
  - {id: v, type: regimen, intent: advanced, start: 2013-04, end: {after: pd, before: n.start},
     end_reason: progression, agents: [vandetanib]}
  - {id: diarrhoea, type: toxicity, date: {after: v.start, before: v.end}, term: diarrhoea,
     agents: [vandetanib]}
  - {id: sd, type: response, date: 2014-02, category: SD}
  - {id: pd, type: progression, date: 2017-01}
  - {id: n, type: regimen, intent: advanced, start: {after: v.end}, end_reason: unknown,
     agents: [nintedanib]}
  - {id: pd2, type: progression, date: {after: n.start}}
acknowledge:
  - {code: C008, event: diarrhoea, reason: not dated in the source}
"""
    checked = check_text(text, "late.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert checked.schedule is not None
    steps = teaching_steps(checked, drawn_order(checked.schedule))
    ids = [[e.id for e in s.events] for s in steps]
    at = {i: n for n, group in enumerate(ids) for i in group}
    assert at["v"] <= at["diarrhoea"] < at["sd"] < at["pd"], ids
    assert at["n"] < at["pd2"] and at["pd"] <= at["n"], ids  # (the zone after the scale: last)
    # and so does the deck itself
    deck = build_deck(checked, backend="wasm")
    captions = [s.caption for s in deck.slides if s.kind == "step"]
    first = next(i for i, c in enumerate(captions) if "diarrhoea" in c)
    assert first < next(i for i, c in enumerate(captions) if "stable disease" in c), captions


def test_findings_of_a_wide_window_are_not_what_a_therapy_beside_them_answered() -> None:
    """Toxicities known only to come between a first radiotherapy and the last follow-up,
    drawn at their plausible day beside the radiotherapy of a later recurrence, made one step
    with it: "toxicity … → radiotherapy", as if the radiotherapy answered them. A therapy the
    case does not put after such findings is a step of its own."""
    text = """
format: 1
id: wide-finding
diagnosis: {date: 2015-01}
events:
  - {id: rt1, type: radiotherapy, start: 2015-03, end: 2015-04, site: pelvis}
  - {id: rec, type: recurrence, date: 2016-06, sites: [duodenum]}
  - {id: rt2, type: radiotherapy, start: {after: rec, before: rec2}, site: duodenum}
  - {id: rec2, type: recurrence, date: 2017-03, sites: [vagina]}
  - {id: nausea, type: toxicity, date: {after: rt1.start, before: fu}, term: Nausea, grade: 2}
  - {id: fu, type: follow-up, date: 2018-06, status: alive}
acknowledge:
  - {code: C008, event: nausea, reason: the source does not say after which course}
  - {code: C008, event: rt2, reason: not dated in the source}
"""
    checked = check_text(text, "wide.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    for step in teaching_steps(checked):
        ids = {e.id for e in step.events}
        assert not ({"nausea"} <= ids and "rt2" in ids), step.caption


def test_radiotherapy_given_for_what_a_line_answers_is_said_with_it() -> None:
    """Whole-brain radiotherapy and paclitaxel-carboplatin for a cerebellar relapse, each known
    only to follow it within three months: the step read "recurrence (cerebellum) → L1:
    paclitaxel-carboplatin", and the radiotherapy was on no slide but as a bar. It is said
    after the line and its date; radiotherapy given after a response to the line is not."""
    text = """
format: 1
id: wbrt
diagnosis: {date: 2015-01}
events:
  - {id: op, type: surgery, date: 2015-03, procedure: hysterectomy, curative: true}
  - {id: rel, type: recurrence, date: 2017-01, sites: [cerebellum]}
  - {id: wbrt, type: radiotherapy, start: {after: rel, within: 3 months}, site: whole brain}
  - {id: tc, type: regimen, intent: advanced, start: {after: rel, within: 3 months},
     end: 2017-09, end_reason: completed, agents: [paclitaxel, carboplatin]}
  - {id: pr, type: response, date: 2017-10, category: PR}
  - {id: rt2, type: radiotherapy, start: 2017-11, site: pelvis}
  - {id: fu, type: follow-up, date: 2018-06, status: alive}
"""
    checked = check_text(text, "wbrt.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    captions = [s.caption for s in teaching_steps(checked)]
    (line,) = [c for c in captions if "L1:" in c]
    assert line.endswith(", and radiotherapy (whole brain)"), captions
    assert not any("pelvis" in c for c in captions if "L1:" in c), captions


def test_a_line_completed_before_the_next_therapy_is_told_in_that_therapy_s_step() -> None:
    """Urothelial cancer told only in order: platinum/gemcitabine completed before avelumab
    maintenance, a progression, enfortumab vedotin, a complete response. "L1
    platinum/gemcitabine completed" was told with the complete response, two regimens later
    (a stop was told only in a step that begins no therapy). It is told where the therapy
    it came before begins; a line stopped by the progression a step tells is not said again."""
    text = """
format: 1
id: uc
diagnosis: {date: 2021-03}
events:
  - {id: pg, type: regimen, intent: advanced, start: {after: diagnosis},
     end: {after: pg.start, before: av.start}, end_reason: completed, cycles: 6,
     agents: [cisplatin, gemcitabine]}
  - {id: av, type: regimen, intent: maintenance, start: {after: pg.end},
     end: {after: pd, before: ev.start}, end_reason: progression, agents: [avelumab]}
  - {id: pd, type: response, date: {after: av.start, before: ev.start}, category: PD}
  - {id: ev, type: regimen, intent: advanced, start: {after: pd}, end_reason: unknown,
     agents: [enfortumab vedotin]}
  - {id: cr, type: response, date: {after: ev.start}, category: CR}
"""
    checked = check_text(text, "uc.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    captions = [s.caption for s in teaching_steps(checked)]
    (maintenance,) = [c for c in captions if "L1 maintenance:" in c]
    assert "cisplatin + gemcitabine completed → L1 maintenance" in maintenance, captions
    assert not any("completed" in c for c in captions if "complete response" in c), captions
    (switch,) = [c for c in captions if "L2:" in c]
    assert "stopped" not in switch, captions  # (the progression and "→ L2" say it)


def test_an_agent_begun_within_a_regimen_is_told_by_a_step() -> None:
    """Dose-dense AC followed by paclitaxel: the step of the regimen said "(doxorubicin +
    cyclophosphamide)", what was known on its first day, and no later step told paclitaxel.
    An agent begun before the next step is said with its regimen; one begun later, at the
    first step not dated before it (an agent given again after a hold: "again")."""
    text = """
format: 1
id: acp
diagnosis: {date: 2009-01}
events:
  - {id: rec, type: recurrence, date: 2009-11}
  - id: acp
    type: regimen
    intent: advanced
    start: 2009-12
    end: 2010-12
    end_reason: completed
    exposures:
      - {id: ac-dox, agent: doxorubicin, end: 2010-05}
      - {agent: cyclophosphamide, end: ac-dox.end}
      - {agent: paclitaxel, start: ac-dox.end}
  - {id: pd, type: progression, date: 2012-03}
  - id: cape
    type: regimen
    intent: advanced
    start: 2012-04
    end_reason: ongoing
    exposures:
      - {id: cape-1, agent: capecitabine, end: 2012-06}
      - {agent: capecitabine, start: 2013-01}
  - {id: pr, type: response, date: 2012-10, category: PR}
  - {id: fu, type: follow-up, date: 2013-06, status: alive-with-disease}
"""
    checked = check_text(text, "acp.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    steps = teaching_steps(checked)
    captions = [s.caption for s in steps]
    (first,) = [c for c in captions if "L1:" in c]
    assert "then paclitaxel from 2010-05" in first, captions
    (told,) = [s for s in steps if "L1:" in s.caption]
    assert told.until >= checked.schedule.point("acp.paclitaxel.start").day  # (drawn too)
    (fu,) = [c for c in captions if "last follow-up" in c]
    assert "L2: then capecitabine again from 2013-01" in fu, captions
    assert not any("again" in c for c in captions if "partial response" in c), captions


def test_radiotherapy_weeks_into_a_line_or_after_an_operation_is_not_said_with_it() -> None:
    """An Ewing relapse: irinotecan + temozolomide, the relapse resected after the 4th cycle,
    and radiotherapy "during the 9th and 10th cycles". The relapse's step read "→ L1:
    irinotecan + temozolomide, and radiotherapy", months before the course, and before the
    operation the next step told."""
    text = """
format: 1
id: ewing
diagnosis: {date: 2015-01}
events:
  - {id: rel, type: recurrence, date: 2017-01, sites: [rib]}
  - {id: it, type: regimen, intent: advanced, start: {after: rel, within: 2 weeks},
     end: {from: it.start, offset: 24 weeks}, end_reason: completed,
     agents: [irinotecan, temozolomide]}
  - {id: op, type: surgery, date: {from: it.start, offset: 8 weeks}, procedure: resection,
     curative: unknown}
  - id: rt
    type: radiotherapy
    start: {after: {from: it.start, offset: 16 weeks}, before: {from: it.start, offset: 20 weeks}}
    site: rib
  - {id: fu, type: follow-up, date: 2018-06, status: alive}
"""
    checked = check_text(text, "ewing.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    captions = [s.caption for s in teaching_steps(checked)]
    (line,) = [c for c in captions if "L1:" in c]
    assert "radiotherapy" not in line, captions


def test_toxicities_of_one_step_with_the_same_words_say_them_once() -> None:
    """Five toxicities of trabectedin, each with "; attributed to trabectedin; action: dose
    reduced", filled five lines of one step's caption with the same words. Said once."""
    text = """
format: 1
id: tox
diagnosis: {date: 2015-01}
events:
  - {id: t, type: regimen, intent: advanced, start: 2015-02, end: 2015-12,
     end_reason: progression, agents: [trabectedin]}
  - {id: a, type: toxicity, date: 2015-05, term: Fatigue, agents: [trabectedin],
     action: dose-reduced}
  - {id: b, type: toxicity, date: 2015-05, term: Nausea, grade: 3, agents: [trabectedin],
     action: dose-reduced}
  - {id: c, type: toxicity, date: 2015-05, term: Vomiting, grade: 3, agents: [trabectedin],
     action: dose-reduced}
  - {id: pd, type: progression, date: 2015-12}
"""
    checked = check_text(text, "tox.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    (step,) = [s for s in teaching_steps(checked) if "Fatigue" in s.caption]
    assert step.caption.count("attributed to trabectedin") == 1, step.caption
    assert "toxicities: Fatigue, Nausea grade 3, Vomiting grade 3; attributed to" in step.caption


_STOPPED_AT_A_RESPONSE = """
id: stop-told
diagnosis: {date: 2020-01, site: bladder}
events:
  - {id: pembro, type: regimen, intent: advanced, agents: [pembrolizumab], start: 2020-02-01,
     end: 2020-06-01, end_reason: toxicity}
  - {id: arthritis, type: toxicity, term: Arthritis, grade: 3, date: 2020-04-15,
     agents: [pembrolizumab]%s}
  - {id: pr, type: response, category: PR, date: 2020-06-01}
  - {id: fu, type: follow-up, date: 2020-12-01, status: alive}
"""


def test_a_line_stopped_with_no_new_line_is_told_by_the_step_it_ends_in() -> None:
    """Pembrolizumab interrupted for a toxicity on the day its partial response was found, no
    line after it: no step said so ("From day 42 — partial response"), though the Lines lane
    draws the change. The step it ends in tells it, as the lane's arrow does."""
    captions = [s.caption for s in teaching_steps(check(_STOPPED_AT_A_RESPONSE % ""))]
    step = next(c for c in captions if "partial response" in c)
    assert step.endswith("partial response · L1 pembrolizumab stopped: toxicity"), captions
    assert sum("stopped: toxicity" in c for c in captions) == 1, captions


def test_a_stop_the_steps_toxicity_says_is_not_said_twice() -> None:
    text = (_STOPPED_AT_A_RESPONSE % ", action: stopped").replace(
        "date: 2020-04-15", "date: 2020-06-01"
    )
    captions = [s.caption for s in teaching_steps(check(text))]
    assert not any("pembrolizumab stopped" in c for c in captions), captions
    assert any("action: stopped" in c for c in captions), captions


_RT_AFTER_AN_OPERATION = """
id: rt-told
diagnosis: {date: 2010-11, site: posterior fossa}
events:
  - {id: op, type: surgery, procedure: craniotomy, curative: true, date: 2010-12}
  - {id: csi, type: radiotherapy, technique: craniospinal irradiation, site: craniospinal axis,
     start: 2011-01-10, end: 2011-02-20}
  - {id: chemo, type: regimen, intent: adjuvant, agents: [cisplatin], start: 2011-03,
     end: 2011-09, end_reason: completed}
  - {id: rec, type: recurrence, sites: [posterior fossa], date: 2013-11}
  - {id: gk, type: radiotherapy, technique: Gamma Knife radiosurgery, site: posterior fossa,
     start: {after: rec, within: 1 month}, end: gk.start}
  - {id: bev, type: regimen, intent: advanced, agents: [bevacizumab], start: gk.start,
     end: 2014-03, end_reason: completed}
  - {id: fu, type: follow-up, date: 2014-06, status: alive}
"""


def test_radiotherapy_no_step_tells_is_told_with_the_step_it_begins_in() -> None:
    """Craniospinal radiotherapy after a medulloblastoma's resection, and a breast's after its
    conserving surgery, were on no slide but as a bar: radiotherapy was told only as a step of
    its own (the one therapy after a progression) or with a line given for the same
    progression. It is told with the step it begins in, by its technique."""
    captions = [s.caption for s in teaching_steps(check(_RT_AFTER_AN_OPERATION))]
    told = [c for c in captions if "craniospinal irradiation" in c]
    assert len(told) == 1 and "craniotomy" in told[0], captions
    # (given with a line, by its technique: "Gamma Knife radiosurgery", not "radiotherapy")
    gk = [c for c in captions if "Gamma Knife radiosurgery" in c]
    assert len(gk) == 1 and "bevacizumab" in gk[0], captions
    assert not any(", with radiotherapy" in c for c in captions), captions


def test_radiotherapy_known_only_by_order_is_told_before_what_follows_it() -> None:
    """A palliative radiotherapy known only to come between a progression and a resection,
    every date known only by order, was told with the last follow-up."""
    text = """
id: rt-order
diagnosis: {date: 2018-01, site: tongue}
events:
  - {id: nivo, type: regimen, intent: advanced, agents: [nivolumab], start: 2018-02,
     end: {after: pd}, end_reason: progression}
  - {id: pd, type: progression, date: {after: nivo.start}}
  - {id: rt, type: radiotherapy, intent: palliative, start: {after: pd, before: op}}
  - {id: op, type: surgery, procedure: resection, curative: true, date: {after: rt.start}}
  - {id: fu, type: follow-up, date: {after: op}, status: alive-ned}
"""
    captions = [s.caption for s in teaching_steps(check(text))]
    told = [c for c in captions if "radiotherapy" in c]
    assert len(told) == 1 and "progression" in told[0], captions
    assert "last follow-up" not in told[0], captions


#: a breast cancer treated during pregnancy: AC during it, docetaxel + trastuzumab after the
#: delivery
PREGNANCY_TOLD = """
id: pregnancy-told
patient: {sex: female}
diagnosis: {date: 2020-05-10, site: breast}
events:
  - {id: pregnancy, type: pregnancy, start: 2019-10-10, end: 2020-06-20, outcome: live-birth,
     weeks: "36+2", newborn: a girl}
  - {id: ac, type: regimen, intent: neoadjuvant, agents: [doxorubicin, cyclophosphamide],
     start: 2020-05-25, end: {after: ac.start, before: thp.start}, end_reason: completed}
  - {id: thp, type: regimen, intent: neoadjuvant, agents: [docetaxel, trastuzumab],
     start: {after: pregnancy.end, within: 1 month}, end: {from: thp.start, offset: 15 weeks},
     end_reason: completed}
  - {id: fu, type: follow-up, date: 2021-03, status: alive}
"""


def test_a_deck_tells_the_end_of_a_pregnancy() -> None:
    """A breast cancer treated during pregnancy: the deck read as an ordinary neoadjuvant
    course, the birth told nowhere. The delivery is told before the line begun after it;
    a pregnancy whose outcome the case does not give is told as ending, not as "pregnancy"
    alone (read as begun then)."""
    text = PREGNANCY_TOLD
    checked = check(text)
    assert checked.ok, [p.format() for p in checked.problems]
    captions = [s.caption for s in teaching_steps(checked)]
    told = [c for c in captions if "pregnancy" in c]
    assert len(told) == 1, captions
    # (with its own date: the step is dated by docetaxel's start, within a month of the
    # delivery: June or July, not the month of its plausible day alone)
    assert told[0].startswith(
        "Between June and July 2020 — pregnancy: ended at 36+2 weeks (June 2020), live"
    ), told
    # (and the line the delivery came between, ended before the next began, says so)
    assert (
        "live birth (a girl) · neoadjuvant doxorubicin + cyclophosphamide completed (between May"
        " and July 2020) → neoadjuvant: docetaxel" in told[0]
    ), told
    quiet = text.replace(', outcome: live-birth,\n     weeks: "36+2", newborn: a girl}', "}")
    captions = [s.caption for s in teaching_steps(check(quiet))]
    assert any("end of a pregnancy (June 2020; its outcome not given)" in c for c in captions), (
        captions
    )


def test_a_deck_draws_the_pregnancy_under_the_steps_before_its_end() -> None:
    """A cancer treated during pregnancy: the steps before the delivery drew no Pregnancy
    lane (the deck's figures leave out what a later step tells, and the delivery's step
    tells the pregnancy), so chemotherapy given during it was drawn as if she were not
    pregnant. The lane runs under every step from its start."""
    from timeline.render.deck import build_deck

    checked = check(PREGNANCY_TOLD)
    assert checked.ok, [p.format() for p in checked.problems]
    steps = [s for s in build_deck(checked, backend="wasm").slides if s.kind == "step"]
    first = steps[0]
    assert "doxorubicin" in first.caption and "pregnancy" not in first.caption
    assert first.figure is not None and b'id="bar&#45;pregnancy"' in first.figure


def test_a_pregnancy_end_told_with_a_later_step_says_its_own_date() -> None:
    """Adjuvant AC begun in pregnancy and ended after the delivery, then radiotherapy: the
    delivery, told with the last follow-up (the first step the case puts after it), was
    dated by the follow-up ("≈ Month 15.2 — pregnancy: caesarean delivery …", at month 8.2);
    and the radiotherapy begun after AC ended was told as given with it ("AC, and
    teletherapy")."""
    text = """
id: pregnancy-later-step
patient: {sex: female}
diagnosis: {date: {after: pregnancy.start, before: {from: pregnancy.start, offset: 97 days}}}
events:
  - {id: pregnancy, type: pregnancy, start: unknown, end: {from: pregnancy.start, offset: 251 days},
     outcome: live-birth, delivery: caesarean, weeks: "35+6"}
  - {id: op, type: surgery, date: {from: pregnancy.start, offset: 109 days},
     procedure: mastectomy, curative: unknown}
  - {id: ac, type: regimen, intent: adjuvant, agents: [doxorubicin, cyclophosphamide],
     start: {from: pregnancy.start, offset: 164 days}, end: {after: pregnancy.end},
     end_reason: completed}
  - {id: rt, type: radiotherapy, intent: adjuvant, start: {after: ac.end}}
  - {id: fu, type: follow-up, date: {from: pregnancy.end, offset: 7 months}, status: alive}
"""
    captions = [s.caption for s in teaching_steps(check(text))]
    told = [c for c in captions if "caesarean" in c]
    assert len(told) == 1 and "last follow-up" in told[0], captions
    assert "caesarean delivery at 35+6 weeks (month 8.2), live birth" in told[0], told
    assert any("(month 5.4), then radiotherapy (between month 8.2" in c for c in captions), captions
    assert not any(", and radiotherapy" in c for c in captions), captions


_TEST_BY_ITS_PLACE = """\
format: 1
id: dated-by-place
diagnosis: {date: {before: op1}}
events:
  - {id: op1, type: surgery, date: {after: diagnosis}, procedure: hemithyroidectomy, curative: false}
  - {id: op2, type: surgery, date: {after: op1}, procedure: completion thyroidectomy, curative: false}
  - {id: ret, type: biomarker, date: {after: op1, before: tki.start}, name: RET, result: mutated}
  - {id: remnants, type: imaging, date: {from: op2, offset: 1 month}, method: CT, findings: remnants}
  - {id: tki, type: regimen, intent: advanced, start: {after: remnants}, agents: [vandetanib],
     end: unknown, end_reason: unknown}
  - {id: fu, type: follow-up, date: {from: tki.start, offset: 12 months}, status: alive-with-disease}
"""


def test_a_test_dated_only_by_its_place_is_told_in_its_step() -> None:
    """A medullary thyroid cancer told in distances, its RET test known only to come after the
    first operation and before vandetanib: in such a case the test's window counted from the
    case's own event is open both ways, and the deck read it as undated and told it nowhere,
    though it is why the drug was given. It is told among the step's findings, without a date
    of its own ("date not known" would say less than its place does)."""
    checked = check_text(_TEST_BY_ITS_PLACE, "place.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    first = teaching_steps(checked)[0]
    assert first.caption.endswith(
        "completion thyroidectomy · RET mutated → L1: vandetanib (from month 1)"
    ), first.caption


def test_a_test_after_a_decision_opens_the_next_step() -> None:
    """The tests that changed a diagnosis (IGH/BCL2 and IGH/MYC in the blasts), done after the
    induction began and before its complete response: no step told them (each step takes the
    tests from its first event to its decision). They open the step of the response, in the
    file's order, and the step keeps the response's date."""
    text = """\
format: 1
id: opens-a-step
diagnosis: {date: 2020-01-10, histology: acute lymphoblastic leukaemia}
events:
  - {id: induction, type: regimen, intent: advanced, start: 2020-01-20, cycles: 1,
     agents: [vincristine, daunorubicin], end: {after: induction.start, before: cr},
     end_reason: completed}
  - {id: bcl2, type: biomarker, date: {after: induction.start, before: cr}, name: IGH/BCL2,
     result: positive}
  - {id: myc, type: biomarker, date: bcl2, name: IGH/MYC, result: positive}
  - {id: cr, type: response, date: {after: induction.start, before: 2020-04-30}, category: CR}
  - {id: fu, type: follow-up, date: 2020-06, status: alive-ned}
"""
    checked = check_text(text, "opens.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    captions = [s.caption for s in teaching_steps(checked)]
    # (the induction, ended before the response, is said to have ended first)
    assert (
        "Between January and April 2020 — L1 vincristine + daunorubicin completed · IGH/BCL2"
        " positive · IGH/MYC positive · complete response" in captions
    ), captions


def test_tests_of_one_date_say_it_once() -> None:
    """Four tests of one day, each told with "(from month 97, inferred)", filled a caption with
    the same words: a run of tests of one date says it once, after them."""
    from timeline.teaching import _dates_said_once

    told = [
        ("IGH/BCL2 positive (blasts)", "from month 97, inferred"),
        ("IGH/MYC positive (blasts)", "from month 97, inferred"),
        ("complete response", ""),
        ("CEA increased", "month 98"),
        ("CA19-9 increased", "month 99"),
    ]
    assert _dates_said_once(told) == [
        "IGH/BCL2 positive (blasts) · IGH/MYC positive (blasts) (each from month 97, inferred)",
        "complete response",
        "CEA increased (month 98)",
        "CA19-9 increased (month 99)",
    ]


def test_a_progression_says_its_new_sites_and_how_it_was_found_in_words() -> None:
    """An oral cancer's progression found clinically, and a new lesion of the tongue: the
    steps read "clinical: progression" (the method read as a site) and "progression (tongue
    (new))"."""
    checked = check_text(
        """
format: 1
id: said
diagnosis: {date: 2020-01, site: oral cavity}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2020-02, end: 2020-06,
     end_reason: progression, agents: [cetuximab]}
  - {id: pd, type: progression, date: 2020-06, method: clinical}
  - {id: l2, type: regimen, intent: advanced, start: 2020-07, end: 2021-01,
     end_reason: progression, agents: [nivolumab]}
  - {id: pd2, type: progression, date: 2021-01, sites: [neck], new_sites: [tongue],
     method: CT}
""",
        "said.yaml",
    )
    captions = " | ".join(s.caption for s in teaching_steps(checked))
    assert "clinical progression" in captions and "clinical:" not in captions, captions
    assert "progression (neck; new: tongue), on CT" in captions, captions


def test_a_method_said_by_an_adjective_goes_before_the_word() -> None:
    """A Ph+ ALL's relapse found by its transcript, `method: molecular`: the step read
    "recurrence, on molecular"; it reads "molecular recurrence", as "clinical progression"."""
    checked = check_text(
        """
format: 1
id: molecular
diagnosis: {date: 2014-01}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2014-02, end: 2014-08,
     end_reason: completed, agents: [imatinib]}
  - {id: cr, type: response, date: 2014-06, category: CR}
  - {id: rel, type: recurrence, date: 2015-03, method: molecular}
""",
        "molecular.yaml",
    )
    captions = " | ".join(s.caption for s in teaching_steps(checked))
    assert "molecular recurrence" in captions and "on molecular" not in captions, captions
    # (an adjective with what showed it: "progression, on clinical (increasing anaemia)")
    shown = check_text(
        """
format: 1
id: clinical
diagnosis: {date: 2014-01}
events:
  - {id: rel, type: recurrence, date: 2015-03, method: clinical (increasing anaemia)}
""",
        "clinical.yaml",
    )
    said = summary_text(shown)
    assert "clinical recurrence (increasing anaemia)" in said, said


def test_radiotherapy_after_the_line_it_is_told_with_is_said_to_follow_it() -> None:
    """Salvage DHAP for a Hodgkin relapse, then radiotherapy of the residual mediastinal mass
    after it, before BEAM: the step read "→ L2: DHAP (…), and radiotherapy (mediastinum)", as
    if given together, the figure cut at DHAP's start showing no radiotherapy."""
    checked = check_text(
        DHAP_SALVAGE.replace("NEXT", "rt.start")
        + """  - {id: rt, type: radiotherapy, start: {after: dhap, before: 2012-09}, site: mediastinum}
  - {id: cr, type: response, date: 2012-12, category: CR}
""",
        "then.yaml",
    )
    assert checked.ok, [p.format() for p in checked.problems]
    (line,) = [s.caption for s in teaching_steps(checked) if "L1:" in s.caption]
    assert line.endswith(", then radiotherapy (mediastinum)"), line


def test_a_line_ended_at_a_later_steps_event_is_not_said_stopped_before_it() -> None:
    """Ibrutinib ended at a cardiotoxicity known only to follow a Richter transformation: the
    transformation's step said "L1 … stopped: toxicity", as if stopped then, and the next step
    told the stop again with the toxicity."""
    checked = check_text(
        """
format: 1
id: later-stop
diagnosis: {date: 2019-06}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2020-01, end: tox,
     end_reason: toxicity, agents: [rituximab, ibrutinib]}
  - {id: rt, type: progression, date: {from: l1.start, offset: 3 months},
     histology: Hodgkin lymphoma}
  - {id: tox, type: toxicity, date: {after: rt}, term: cardiotoxicity,
     agents: [ibrutinib], action: stopped}
""",
        "later.yaml",
    )
    assert checked.ok, [p.format() for p in checked.problems]
    captions = [s.caption for s in teaching_steps(checked)]
    (rt,) = [c for c in captions if "Hodgkin" in c]
    assert "stopped" not in rt, captions
    assert any("cardiotoxicity" in c and "action: stopped" in c for c in captions), captions


def test_a_step_known_only_from_the_window_of_the_step_before_follows_it() -> None:
    """A recurrence between months 168 and 264, then a response known only to follow the
    line begun after it: "From month 168 — partial response" after "Between month 168 and
    month 264 — recurrence" read as going back; it is said "Then, from"."""
    text = AFTER_A_WIDE_RECURRENCE
    captions = [s.caption for s in teaching_steps(check(text))]
    assert captions[0].startswith("Between month 168 and month 264 — recurrence"), captions
    response = next(c for c in captions if "partial response" in c)
    assert response.startswith("Then, from month 168 — "), captions


def test_a_test_in_no_order_with_a_step_of_findings_is_told_in_it() -> None:
    """A kinase-domain mutation known only between imatinib's start and dasatinib's, spread
    to a day between the response and its loss: no step's span held it, the step of the loss
    did not come after it, and it was on no slide. It is told after that step's findings,
    with its own date."""
    text = """
id: told-after-findings
diagnosis: {date: 2006-01}
events:
  - {id: ima, type: regimen, intent: advanced, agents: [imatinib], start: {after: diagnosis,
     before: 2013-12}, end: dasa.start, end_reason: other}
  - {id: mmr, type: response, date: {after: ima.start, before: loss}, category: CR,
     authors_term: major molecular response}
  - {id: loss, type: progression, date: 2013-12}
  - {id: kd, type: biomarker, date: {after: ima.start, before: dasa.start},
     name: ABL1 kinase domain mutation, result: positive, value: E355G}
  - {id: dasa, type: regimen, intent: advanced, agents: [dasatinib], start: {after: loss,
     before: 2017-01}, end_reason: ongoing}
  - {id: fu, type: follow-up, date: 2017-06, status: alive}
"""
    checked = check(text)
    assert checked.ok, [p.format() for p in checked.problems]
    captions = [s.caption for s in teaching_steps(checked)]
    told = [c for c in captions if "E355G" in c]
    assert len(told) == 1, captions
    assert told[0].index("progression") < told[0].index("E355G"), told
    assert "(between " in told[0].split("E355G", 1)[1], told


def test_a_radiotherapy_told_with_a_later_step_says_its_own_date() -> None:
    """A resection after the 4th cycle of a salvage course and radiotherapy during its 9th
    and 10th: the radiotherapy, no step of its own, was told with the resection under its
    date alone ("From month 31.3 — resection · radiotherapy"), as if given with it. It says
    its own date where it is drawn more than two weeks from the step's."""
    text = SALVAGE_CYCLES
    captions = [s.caption for s in teaching_steps(check(text))]
    told = [c for c in captions if "radiotherapy" in c]
    assert len(told) == 1 and "resection" in told[0], captions
    assert re.search(r"radiotherapy \(from (day|month) [\d.]+\)$", told[0]), told


_THYROID_TKIS = """
format: 1
id: thyroid-tkis
diagnosis: {date: 1998-06}
events:
  - {id: op, type: surgery, date: 1998-07, procedure: total thyroidectomy, curative: true}
  - {id: wbs, type: imaging, date: {after: op, before: pd}, method: whole-body scan,
     findings: no uptake of radioiodine}
  - {id: pd, type: progression, date: {after: 2014-07, before: 2015-07}, new_sites: [lung]}
  - {id: sor, type: regimen, intent: advanced, start: {after: pd, before: 2015-07},
     end: {from: sor.start, offset: 2 weeks}, end_reason: toxicity, agents: [sorafenib]}
  - {id: rpls, type: toxicity, date: sor.end, term: encephalopathy, agents: [sorafenib],
     action: stopped}
  - {id: rt, type: radiotherapy, start: {after: rpls, before: 2015-07}, site: trachea}
  - {id: len, type: regimen, intent: advanced, start: {after: 2015-09, before: 2016-03},
     end_reason: ongoing, agents: [lenvatinib]}
  - {id: fu, type: follow-up, date: 2021-01, status: alive}
"""


def test_radiotherapy_after_a_toxicity_of_the_line_is_told_after_that_toxicity() -> None:
    """A thyroid cancer report: radiotherapy to a tracheal stenosis after the encephalopathy
    that stopped sorafenib. The deck told "L1: sorafenib, then radiotherapy (trachea)" a step
    before the toxicity, and the step's figure did not show the course it told."""
    checked = check(_THYROID_TKIS)
    steps = teaching_steps(checked)
    with_line = next(s for s in steps if "sorafenib" in s.caption and "L1" in s.caption)
    assert "radiotherapy" not in with_line.caption, with_line.caption
    toxicity = next(i for i, s in enumerate(steps) if "encephalopathy" in s.caption)
    told = next(i for i, s in enumerate(steps) if "radiotherapy (trachea)" in s.caption)
    assert told >= toxicity, [s.caption for s in steps]


def test_an_imaging_finding_no_caption_tells_is_in_the_notes_of_its_first_step() -> None:
    """The same report: the whole-body scan that showed no uptake of radioiodine, the finding
    that made the cancer refractory, was a symbol on the figures with its words in a tooltip
    only; no caption or note said it. The step whose figure shows it first says it in its
    notes, once."""
    checked = check(_THYROID_TKIS)
    steps = teaching_steps(checked)
    said = [i for i, s in enumerate(steps) if "no uptake of radioiodine" in s.notes]
    assert len(said) == 1, [s.notes for s in steps]
    plan = checked.schedule
    assert plan is not None
    scan = plan.start(checked.case.event("wbs"))
    assert scan is not None
    step = steps[said[0]]
    assert scan.day <= step.until
    assert said[0] == 0 or scan.day > steps[said[0] - 1].until


def test_radiosurgery_told_with_a_line_is_on_that_steps_figure() -> None:
    """A medulloblastoma relapse: bevacizumab with two Gamma Knife sessions known only to come
    within its course. The step told "L1: bevacizumab …, and Gamma Knife radiosurgery … and
    Gamma Knife radiosurgery …", and its figure, cut before them, showed neither."""
    checked = check(
        """
format: 1
id: gk-with-bev
diagnosis: {date: 2010-11}
events:
  - {id: op, type: surgery, date: 2010-11, procedure: resection, curative: true}
  - {id: rel, type: recurrence, date: 2013-11}
  - {id: bev, type: regimen, intent: advanced, start: {after: rel},
     end: {from: bev.start, offset: 3 months}, end_reason: completed, agents: [bevacizumab]}
  - {id: gk1, type: radiotherapy, start: {after: bev.start, before: bev.end}, end: gk1.start,
     technique: Gamma Knife radiosurgery, site: lesion 1}
  - {id: gk2, type: radiotherapy, start: {after: gk1, before: bev.end}, end: gk2.start,
     technique: Gamma Knife radiosurgery, site: lesion 2}
"""
    )
    steps = teaching_steps(checked)
    step = next(s for s in steps if "bevacizumab" in s.caption)
    assert "lesion 1" in step.caption and "lesion 2" in step.caption, step.caption
    plan = checked.schedule
    assert plan is not None
    for rt in ("gk1", "gk2"):
        at = plan.start(checked.case.event(rt))
        assert at is not None and at.day <= step.until, (rt, at, step.until)


def test_radiotherapy_before_a_steps_findings_is_told_before_them() -> None:
    """A lung cancer report: brain metastases "successfully managed" by whole-brain
    radiotherapy a year before and radiosurgery three months before a leptomeningeal
    progression. The first step told the response, then the radiotherapy that led to it."""
    checked = check(
        """
format: 1
id: managed
diagnosis: {date: unknown}
events:
  - {id: wbrt, type: radiotherapy, start: {from: lm, offset: -1 year}, site: whole brain}
  - {id: srs, type: radiotherapy, start: {from: lm, offset: -3 months}, site: brain}
  - {id: managed, type: response, date: {after: srs.start, before: lm}, category: unknown,
     authors_term: successfully managed}
  - {id: lm, type: progression, date: {at: unknown, note: not dated}}
  - {id: rx, type: regimen, intent: advanced, start: {after: lm, within: 2 weeks},
     end_reason: ongoing, agents: [lorlatinib]}
  - {id: fu, type: follow-up, date: {from: rx.start, offset: 5 months}, status: alive}
"""
    )
    first = teaching_steps(checked)[0]
    assert "successfully managed" in first.caption, first.caption
    assert first.caption.index("radiotherapy") < first.caption.index("successfully managed"), (
        first.caption
    )


def test_radiotherapy_before_a_steps_decision_is_told_before_its_findings() -> None:
    """An abstract of a KRAS G12C lung cancer: brain metastases that progressed after
    radiotherapy, then sotorasib. The first step read "progression (brain) → L≥1: sotorasib,
    and radiotherapy (March 2021)": the course told after the progression it came before, as
    if given with the new line."""
    text = """
format: 1
id: kras
diagnosis: {date: unknown}
events:
  - {id: rt, type: radiotherapy, start: 2021-03, site: brain}
  - {id: pd, type: progression, date: 2021-09, sites: [brain]}
  - {id: soto, type: regimen, intent: advanced, start: {after: pd}, agents: [sotorasib]}
  - {id: resp, type: response, date: {after: soto.start}, category: unknown,
     authors_term: responded}
acknowledge:
  - {code: C008, reason: the abstract dates nothing after the progression}
"""
    first = teaching_steps(check(text))[0].caption
    assert first.index("radiotherapy") < first.index("progression") < first.index("sotorasib"), (
        first
    )
    assert "(March 2021)" in first and ", and radiotherapy" not in first, first


def test_a_step_in_no_stated_order_with_the_one_before_says_so_whatever_its_window() -> None:
    """A toxicity known only to follow the start of carboplatin, after a partial response in
    June: its step came after the response's with nothing to say that the case does not put
    it there (only a step of the very same window said so)."""
    text = """
format: 1
id: apart
diagnosis: {date: 2019-01}
events:
  - {id: chemo, type: regimen, intent: advanced, start: 2019-02, agents: [carboplatin],
     end_reason: ongoing}
  - {id: resp, type: response, date: 2019-06-15, category: PR}
  - {id: tox, type: toxicity, date: {after: chemo.start}, term: Nausea, agents: [carboplatin]}
  - {id: fu, type: follow-up, date: 2020-01, status: alive}
acknowledge:
  - {code: C008, reason: the toxicity is not dated}
"""
    captions = [s.caption for s in teaching_steps(check(text))]
    nausea = next(c for c in captions if "Nausea" in c)
    assert nausea.endswith("(in no stated order with the step before)"), captions
    # (one the case puts after the response is not)
    ordered = text.replace("date: {after: chemo.start}", "date: {after: resp}")
    captions = [s.caption for s in teaching_steps(check(ordered))]
    assert not any("no stated order" in c for c in captions), captions


def test_a_test_known_only_to_precede_a_therapy_is_told_as_its_work_up() -> None:
    """A neuroendocrine prostate cancer: a somatic BRCA1 result known only to come before
    olaparib was told on the first slide, with enzalutamide, by the day the plausible schedule
    gave it; the olaparib step did not say why olaparib."""
    text = """
format: 1
id: workup
diagnosis: {date: 2018-01}
events:
  - {id: enza, type: regimen, intent: advanced, start: 2018-02, end: 2019-02,
     agents: [enzalutamide], end_reason: progression}
  - {id: pd, type: progression, date: 2019-02, sites: [liver]}
  - {id: brca, type: biomarker, date: {after: diagnosis, before: ola.start}, name: BRCA1,
     result: mutated}
  - {id: ola, type: regimen, intent: advanced, start: {after: pd, within: 1 month},
     agents: [olaparib], end_reason: ongoing}
  - {id: fu, type: follow-up, date: 2020-01, status: alive}
acknowledge:
  - {code: C008, reason: the test is not dated}
"""
    captions = [s.caption for s in teaching_steps(check(text))]
    first = captions[0]
    olaparib = next(c for c in captions if "olaparib" in c)
    assert "BRCA1" not in first, captions
    assert olaparib.index("BRCA1") < olaparib.index("olaparib"), olaparib


def test_lines_told_only_in_order_say_why_each_stopped() -> None:
    """A GIST's three lines before ripretinib, each "unsuccessful", dated only by order: all on
    one plausible day, no step said why a line stopped (the first line's "no response" was
    in `show` alone). Nor is a line's stop told with a response the case puts before the
    progression that stopped it."""
    text = """
format: 1
id: in-order
diagnosis: {date: unknown}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis}, end: l2.start,
     end_reason: no-response, agents: [imatinib]}
  - {id: l2, type: regimen, intent: advanced, start: {after: l1.start}, end: l3.start,
     end_reason: no-response, agents: [sunitinib]}
  - {id: l3, type: regimen, intent: advanced, start: {after: l2.start}, end: {after: pd},
     end_reason: progression, agents: [regorafenib]}
  - {id: r3, type: response, date: {after: l3.start, before: pd}, category: unknown,
     authors_term: responded at first}
  - {id: pd, type: progression, date: {after: l3.start, before: l4.start}}
  - {id: l4, type: regimen, intent: advanced, start: {after: l3.end}, agents: [ripretinib]}
acknowledge:
  - {code: C008, reason: the abstract dates nothing}
"""
    captions = [s.caption for s in teaching_steps(check(text))]
    second = next(c for c in captions if "→ L2" in c)
    third = next(c for c in captions if "→ L3" in c)
    assert "L1 imatinib stopped: no response" in second, captions
    assert "L2 sunitinib stopped: no response" in third, captions
    said = next(c for c in captions if "responded at first" in c)
    assert "regorafenib stopped" not in said, captions


def test_a_step_says_the_distance_the_case_states_its_event_from() -> None:
    """A salivary duct carcinoma: a partial response "8 months" into bicalutamide, begun at no
    stated time after the lung metastases. The step said "Between month 15 and month 37.2 —
    partial response" and nothing of the 8 months, which `show` gives."""
    text = """
format: 1
id: stated
diagnosis: {date: unknown}
events:
  - {id: op, type: surgery, date: {after: diagnosis}, procedure: parotidectomy, curative: unknown}
  - {id: rec, type: recurrence, date: {from: op, offset: 7 months}, new_sites: [lung]}
  - {id: bical, type: regimen, intent: advanced, start: {after: rec}, agents: [bicalutamide]}
  - {id: pr, type: response, date: {from: bical.start, offset: 8 months}, category: PR}
acknowledge:
  - {code: C008, reason: the abstract gives intervals only}
"""
    captions = [s.caption for s in teaching_steps(check(text))]
    pr = next(c for c in captions if "partial response" in c)
    # (bicalutamide's end is not reported: "into" would say it was still given)
    assert pr.endswith("partial response (8 months after the start of bicalutamide)"), captions
    going = text.replace(
        "agents: [bicalutamide]}", "agents: [bicalutamide], end_reason: ongoing}"
    ).replace(
        "acknowledge:",
        "  - {id: fu, type: follow-up, date: {from: pr, offset: 2 months}, status: alive}\n"
        "acknowledge:",
    )
    checked = check(going)
    assert checked.ok, [p.format() for p in checked.problems]
    captions = [s.caption for s in teaching_steps(checked)]
    pr = next(c for c in captions if "partial response" in c)
    assert pr.endswith("partial response (8 months into bicalutamide)"), captions


def test_a_window_the_file_infers_is_the_same_window_for_the_order_of_steps() -> None:
    """A hairy cell leukaemia report known only in order: a splenectomy, and a first course of
    cladribine the file infers from "retreatment", both before the fludarabine, in no stated
    order. "By month 0 — splenectomy", then "By month 0 (inferred) — L1: cladribine" said
    nothing of that, though without the inference the deck said "(in no stated order with the
    step before)": the "(inferred)" made the two windows read as different."""
    checked = check(
        """
format: 1
id: hcl
diagnosis: {date: unknown}
events:
  - {id: op, type: surgery, date: {after: diagnosis, before: fr.start}, procedure: splenectomy,
     curative: unknown}
  - {id: c1, type: regimen, intent: advanced,
     start: {after: diagnosis, before: rel, inferred: "'retreatment' implies a first course"},
     end_reason: unknown, agents: [cladribine]}
  - {id: rel, type: recurrence, date: {after: c1.start, before: fr.start}}
  - {id: fr, type: regimen, intent: advanced, start: {after: rel}, end_reason: unknown,
     agents: [fludarabine, rituximab]}
  - {id: cr, type: response, date: {after: fr.start}, category: CR}
  - {id: fu, type: follow-up, date: {from: cr, offset: 35 months}, status: alive}
"""
    )
    steps = teaching_steps(checked)
    first = next(i for i, s in enumerate(steps) if "splenectomy" in s.caption)
    second = steps[first + 1]
    assert "cladribine" in second.caption and "(inferred)" in second.caption, second.caption
    assert second.caption.endswith("(in no stated order with the step before)"), second.caption


def test_a_line_whose_name_says_its_intent_is_not_said_twice() -> None:
    """An ovarian cancer report: "adjuvant chemotherapy" after a reduction surgery was told
    "adjuvant: adjuvant chemotherapy", and a neuroblastoma's maintenance "L1 maintenance:
    maintenance therapy"."""
    from timeline.wording import labelled

    checked = check(
        """
format: 1
id: twice
diagnosis: {date: 2019-01}
events:
  - {id: op, type: surgery, date: 2019-01, procedure: reduction surgery, curative: true}
  - {id: adj, type: regimen, name: adjuvant chemotherapy, intent: adjuvant, start: 2019-02,
     end: 2019-07, end_reason: completed, agents: [chemotherapy]}
  - {id: fu, type: follow-up, date: 2020-01, status: alive-ned}
"""
    )
    step = next(s for s in teaching_steps(checked) if "chemotherapy" in s.caption)
    assert "adjuvant: adjuvant" not in step.caption and "adjuvant chemotherapy" in step.caption
    assert labelled("L1 maintenance", "maintenance therapy (x)") == "L1: maintenance therapy (x)"
    assert labelled("L2", "paclitaxel") == "L2: paclitaxel"
    assert labelled("adjuvant", "CEF (x)", " ") == "adjuvant CEF (x)"


def test_what_the_file_says_of_a_date_is_in_the_notes_and_the_json() -> None:
    """A resection dated only by order, with a note on its date ("the sentence puts it with
    the November 2007 finding"): the note was in no output. The step's notes and `show`'s
    JSON give it."""
    from timeline.summary import summary_data

    checked = check(
        """
format: 1
id: date-note
diagnosis: {date: 2005-02}
events:
  - {id: met, type: recurrence, date: 2007-11, sites: [chest wall]}
  - {id: op, type: surgery, procedure: chest wall resection, curative: true,
     date: {after: met, before: axilla, note: 'put with the November 2007 finding'}}
  - {id: axilla, type: recurrence, date: 2008-05, sites: [axilla]}
  - {type: follow-up, date: 2009-01, status: alive-with-disease}
"""
    )
    (step,) = [s for s in teaching_steps(checked) if any(e.id == "op" for e in s.events)]
    assert "Chest wall resection, its date: put with the November 2007 finding" in step.notes, (
        step.notes
    )
    (op,) = [x for x in summary_data(checked)["local"] if x["id"] == "op"]
    assert op["start"]["note"] == "put with the November 2007 finding"
    assert summary_data(checked)["diagnosis"]["note"] is None


def test_radiotherapy_a_step_tells_with_its_line_is_on_its_figure_when_drawn_after_it() -> None:
    """An APL's CNS relapse: intrathecal chemotherapy with ATRA, and radiation known only to
    fall between the relapse and the next remission. The step read "→ L2: … , and
    radiotherapy", but its figure (and its description) stopped at the line, which the drawing
    tells before the course; the course came into the next step's figure."""
    from timeline.render.deck import build_deck

    checked = check(
        """
format: 1
id: apl-rt
diagnosis: {date: unknown}
events:
  - {id: ind, type: regimen, intent: advanced, start: {after: diagnosis}, end: {after: ind.start},
     end_reason: completed, agents: [tretinoin, daunorubicin]}
  - {id: cr1, type: response, category: CR, date: {after: ind.start}}
  - {id: rel, type: recurrence, sites: [central nervous system],
     date: {after: cr1, within: 6 months}}
  - {id: it, type: regimen, intent: advanced, start: {after: rel}, agents: [tretinoin]}
  - {id: rt, type: radiotherapy, start: {after: rel, before: cr2}}
  - {id: cr2, type: response, category: CR, date: {after: it.start}}
  - {id: fu, type: follow-up, date: {from: cr2, offset: 3 months}, status: alive-ned}
"""
    )
    steps = teaching_steps(checked)
    (step,) = [s for s in steps if "and radiotherapy" in s.caption]
    assert [e.id for e in step.also] == ["rt"], step.also
    slides = [s for s in build_deck(checked, backend="wasm").slides if s.kind == "step"]
    told = next(s for s in slides if s.caption == step.caption)
    assert "; radiotherapy. Disease states" in told.alt, told.alt


def test_a_drug_held_and_resumed_is_told_at_the_step_it_falls_in() -> None:
    """Ibrutinib held for arthralgia, then given again: the deck told the hold, if at all,
    as a toxicity's action, and never that the drug was resumed (nor a hold with no toxicity:
    "neurological symptoms arose during a break in treatment")."""
    checked = check_text(IBRUTINIB_HOLD, "hold.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    captions = [s.caption for s in teaching_steps(checked)]
    assert "held" not in captions[1], captions
    assert "L2: then ibrutinib held (arthralgia) from 2021-10-01" in captions[-1], captions
    assert "L2: then ibrutinib resumed from 2021-12-15" in captions[-1], captions
    # (at the dose the source gives, as `show` says it: "resumed" said nothing of a restart
    # at a lower dose)
    lower = IBRUTINIB_HOLD.replace(
        "{date: 2021-12-15, change: resumed}", "{date: 2021-12-15, change: resumed, dose: 280 mg}"
    )
    assert lower != IBRUTINIB_HOLD
    said = teaching_steps(check_text(lower, "hold.yaml"))[-1].caption
    assert "L2: then ibrutinib resumed at 280 mg from 2021-12-15" in said, said


def test_a_resistance_is_told_as_show_tells_it() -> None:
    """The reference case's steps said "declared resistant to paclitaxel", which read as the
    authors' words where the file's resistance event records why the line changed; `show`
    says "resistance to paclitaxel", and so do the steps, with its kind when the file gives one."""
    from conftest import REFERENCE

    captions = " ".join(s.caption for s in teaching_steps(check_path(str(REFERENCE))))
    assert "resistance to paclitaxel" in captions and "declared" not in captions
    assert "resistance to endocrine therapy" in captions
    text = REFERENCE.read_text(encoding="utf-8").replace("kind: unspecified", "kind: secondary")
    again = " ".join(s.caption for s in teaching_steps(check_text(text, "ref.yaml")))
    assert "secondary resistance to paclitaxel" in again, again


def test_a_distance_from_a_regimen_the_case_ends_before_is_not_said_into_it() -> None:
    """An anaplastic thyroid cancer: a response "after 5 months" counted from the start of
    carboplatin + paclitaxel, which had been switched to dabrafenib + trametinib before then.
    The step said "5 months into carboplatin + paclitaxel", a chemotherapy already stopped."""
    text = """
format: 1
id: into
diagnosis: {date: 2020}
events:
  - {id: atc, type: progression, date: {from: diagnosis, offset: 3 years}}
  - {id: cp, type: regimen, intent: neoadjuvant, start: {after: atc, within: 2 weeks},
     end: dt.start, end_reason: no-response, agents: [carboplatin, paclitaxel]}
  - {id: dt, type: regimen, intent: neoadjuvant,
     start: {after: cp.start, before: {from: cp.start, offset: 5 months}},
     end: {after: r5}, end_reason: toxicity, agents: [dabrafenib, trametinib]}
  - {id: r5, type: response, date: {from: cp.start, offset: 5 months}, category: PR}
acknowledge:
  - {code: C008, reason: the abstract gives intervals only}
"""
    captions = [s.caption for s in teaching_steps(check(text))]
    pr = next(c for c in captions if "partial response" in c)
    assert "into carboplatin" not in pr, captions
    assert "(5 months after the start of carboplatin + paclitaxel)" in pr, captions


def test_a_test_is_not_told_before_the_event_the_case_puts_it_after() -> None:
    """An osteosarcoma: the sequencing of "resected tumor tissue", dated only after an undated
    resection, fell in the first step's span by its plausible day and was told on the first
    slide, five steps before the resection it was done on. It is told with the resection."""
    text = """
format: 1
id: after-undated
diagnosis: {date: unknown}
events:
  - {id: chemo, type: regimen, intent: unknown, start: {after: diagnosis}, end: {before: pd},
     end_reason: unknown, agents: [doxorubicin]}
  - {id: resection, type: surgery, date: unknown, procedure: resection of tumour, curative: unknown}
  - {id: ngs, type: biomarker, date: {after: resection}, name: NOTCH1, result: p.G472E}
  - {id: pd, type: progression, date: {after: chemo.start}, sites: [lung]}
  - {id: rego, type: regimen, intent: advanced, start: {after: pd}, end_reason: ongoing,
     agents: [regorafenib]}
  - {id: pr, type: response, date: {from: rego.start, offset: 6 months}, category: PR}
acknowledge:
  - {code: C008, reason: the abstract gives the order only}
"""
    steps = teaching_steps(check(text))
    told = [[e.id for e in s.events] for s in steps]
    at = {e: n for n, ids in enumerate(told) for e in ids}
    assert at["ngs"] >= at["resection"], told


def test_a_resumption_is_not_told_before_the_event_the_case_puts_it_after() -> None:
    """Regorafenib held for an infection 15 months in, resumed after the wound was controlled,
    every date after the hold known only by order, all on one plausible day: the deck told
    "then regorafenib resumed" with the infection, a step before the control it followed."""
    text = """
format: 1
id: resumed-after
diagnosis: {date: 2019-06}
events:
  - id: rego
    type: regimen
    intent: advanced
    start: 2020-01
    end_reason: ongoing
    exposures:
      - agent: regorafenib
        dose_changes:
          - {date: infection, change: held, reason: infection}
          - {date: {after: control}, change: resumed}
  - {id: infection, type: complication, date: {from: rego.start, offset: 15 months},
     term: recurrent tumour infection}
  - {id: control, type: complication, date: {after: infection}, term: infection controlled}
  - {id: pmr, type: response, date: {after: control}, category: PR}
acknowledge:
  - {code: C008, reason: the abstract gives the order only}
"""
    steps = teaching_steps(check(text))
    resumed = next(n for n, s in enumerate(steps) if "regorafenib resumed" in s.caption)
    control = next(n for n, s in enumerate(steps) if "infection controlled" in s.caption)
    assert resumed >= control, [s.caption for s in steps]


def test_a_line_whose_agent_goes_on_in_the_next_is_not_said_stopped() -> None:
    """Ponatinib alone, then blinatumomab added to it at a marrow relapse: the step said "L≥3
    ponatinib stopped: recurrence → L≥4: blinatumomab + ponatinib", where the source says
    ponatinib went on. It says the line changed and the agent went on."""
    text = """
format: 1
id: went-on
diagnosis: {date: 2014-01}
events:
  - {id: pon, type: regimen, intent: advanced, start: 2017-03, end: bp.start,
     end_reason: progression, agents: [ponatinib]}
  - {id: rel, type: recurrence, date: 2022-02, sites: [bone marrow]}
  - {id: bp, type: regimen, intent: advanced, start: 2022-07, end_reason: ongoing,
     agents: [blinatumomab, ponatinib]}
"""
    captions = [s.caption for s in teaching_steps(check(text))]
    said = next(c for c in captions if "blinatumomab + ponatinib" in c)
    assert "ponatinib stopped" not in said, captions
    assert "L1 ponatinib changed: progression (ponatinib went on)" in said, captions
    # begun again at no stated time after the line ended, it did not go on: alemtuzumab
    # stopped for no response and given again was "alemtuzumab went on"
    gap = text.replace(
        "start: 2022-07, end_reason: ongoing", "start: {after: pon.end}, end_reason: ongoing"
    ).replace(
        "end: bp.start,\n     end_reason: progression", "end: 2022-03,\n     end_reason: toxicity"
    )
    captions = [s.caption for s in teaching_steps(check(gap))]
    assert not any("went on" in c for c in captions), captions
    assert any("L1 ponatinib stopped: toxicity" in c for c in captions), captions


def test_a_course_part_of_a_later_line_is_not_told_with_the_line_before() -> None:
    """A cervical cancer: sintilimab + chemotherapy after a progression, then PRaG (GM-CSF,
    sintilimab and lung radiotherapy, written `part_of` it), every start known only by order.
    The step of the first line said "…, then radiotherapy (lung metastases)", the course of
    the line after it, which its own step said again."""
    text = """
format: 1
id: part-of-later
diagnosis: {date: 2022-09}
events:
  - {id: pd, type: progression, date: 2023}
  - {id: sint, type: regimen, intent: advanced, start: {after: pd}, end: {before: prag.start},
     end_reason: unknown, agents: [sintilimab, cisplatin]}
  - {id: prag, type: regimen, name: PRaG therapy, intent: advanced,
     start: {after: sint.start, before: 2025-10-30}, end_reason: unknown, agents: [sintilimab]}
  - {id: prag-rt, type: radiotherapy, start: prag.start, site: lung metastases, part_of: prag}
acknowledge:
  - {code: C008, reason: the abstract gives the order only}
  - {code: L002, reason: the abstract gives the order only}
"""
    captions = [s.caption for s in teaching_steps(check(text))]
    first = next(c for c in captions if "L1: sintilimab" in c)
    assert "radiotherapy" not in first, captions
    assert any("PRaG therapy" in c and "radiotherapy (lung metastases)" in c for c in captions)


def test_a_test_dated_as_an_event_of_its_step_is_told_right_after_it() -> None:
    """A hepatoblastoma's progression with its AFP "increased" (the test written `date:
    progression`), then an urgent liver transplant the same days: the step told "progression ·
    transplant · AFP increased", the marker after the operation the progression led to."""
    text = """
format: 1
id: afp
diagnosis: {date: 2020-01}
events:
  - {id: chemo, type: regimen, intent: advanced, start: 2020-01-10, end: pd,
     end_reason: progression, agents: [cisplatin]}
  - {id: pd, type: progression, date: 2020-03-10, sites: [liver]}
  - {id: ldlt, type: surgery, date: 2020-03-14, procedure: living donor liver transplant,
     curative: true}
  - {id: afp, type: biomarker, date: pd, name: AFP, result: increased}
"""
    steps = teaching_steps(check(text))
    step = next(s for s in steps if any(e.id == "ldlt" for e in s.events))
    ids = [e.id for e in step.events]
    assert ids.index("afp") < ids.index("ldlt"), (ids, step.caption)


def test_a_test_is_told_before_the_last_follow_up_of_its_step() -> None:
    """A prostate cancer ending at a liver biopsy that showed neuroendocrine carcinoma, the last
    follow-up written as the biopsy's day: the step read "last follow-up · histology
    neuroendocrine prostate cancer", the case ending before its last finding."""
    text = """
format: 1
id: closing
diagnosis: {date: 2010-01}
events:
  - {id: abi, type: regimen, intent: advanced, start: 2013-01, end: 2014-01,
     end_reason: progression, agents: [abiraterone]}
  - {id: pd, type: progression, date: 2014-01, new_sites: [liver]}
  - {id: nepc, type: biomarker, date: {after: pd, before: 2014-10-19}, name: histology,
     result: neuroendocrine prostate cancer}
  - {id: last, type: follow-up, date: nepc, status: unknown}
acknowledge:
  - {code: C008, reason: the text read does not date the biopsy}
"""
    steps = teaching_steps(check(text))
    step = next(s for s in steps if any(e.id == "last" for e in s.events))
    ids = [e.id for e in step.events]
    assert "nepc" in ids and ids.index("nepc") < ids.index("last"), (ids, step.caption)


def test_a_line_ended_between_two_steps_is_told_by_the_next_with_its_own_date() -> None:
    """Docetaxel + abiraterone ended "for other" at an imaging dated between two steps: no
    step told it, the deck went from the PSA progression to the biopsy, and its summary said
    the line "(ended)". The step after says it first, with its own date."""
    data = yaml.safe_load(
        """
id: ended-between-steps
diagnosis: {date: 2019-01-10}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2019-02-01, end: scan,
     end_reason: other, agents: [docetaxel]}
  - {id: pr, type: response, date: 2019-05-02, category: PR}
  - {id: scan, type: imaging, date: 2019-09-15, findings: nodes slightly larger}
  - {id: pd, type: progression, date: 2020-01-20, sites: [liver]}
  - {id: fu, type: follow-up, date: 2020-02-01, status: alive}
"""
    )
    captions = [s.caption for s in teaching_steps(check(data))]
    told = [c for c in captions if "stopped" in c]
    assert told == [
        "January 2020 — L1 docetaxel stopped: other (September 2019) · progression (liver)"
        " · last follow-up: alive"
    ], captions
    # nor supportive care, no step of the story (a post-transplant immunosuppression ended in
    # 2019 was told with the relapse of 2021)
    supportive = {
        "id": "zol",
        "type": "regimen",
        "intent": "supportive",
        "start": "2019-02-01",
        "end": "2019-10-01",
        "end_reason": "completed",
        "agents": ["zoledronic acid"],
    }
    with_care = {**data, "events": [*data["events"], supportive]}
    captions = [s.caption for s in teaching_steps(check(with_care))]
    assert not any("zoledronic acid completed" in c for c in captions), captions
    # a toxicity that a step of its own says stopped the line is not said again
    data["events"][0]["end"] = "tox"
    data["events"][0]["end_reason"] = "toxicity"
    data["events"][2] = {
        "id": "tox",
        "type": "toxicity",
        "date": {"after": "pr", "before": "pd"},
        "term": "Pneumonitis",
        "agents": ["docetaxel"],
        "action": "stopped",
    }
    captions = [s.caption for s in teaching_steps(check(data))]
    assert sum("stopped" in c for c in captions) == 1, captions
    assert not any("L1 docetaxel stopped" in c for c in captions), captions
    # nor one stopped for progression, which the step's progression tells
    data["events"][0]["end"] = {"after": "pr", "before": "pd"}
    data["events"][0]["end_reason"] = "progression"
    del data["events"][2]
    captions = [s.caption for s in teaching_steps(check(data))]
    assert not any("stopped" in c for c in captions), captions


def test_a_test_the_case_does_not_date_is_in_the_first_steps_notes() -> None:
    """A penile cancer's PD-L1 score, written `date: unknown` (a post hoc analysis): no step
    told it, and the deck showed it only as a marker's tooltip. The first step's notes say it
    for the teacher."""
    data = yaml.safe_load(
        """
id: undated-test
diagnosis: {date: 2019-01-10}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2019-02-01, agents: [pembrolizumab],
     end_reason: ongoing}
  - {id: pr, type: response, date: 2019-05-02, category: PR}
  - {id: pdl1, type: biomarker, date: unknown, name: PD-L1, value: "10", unit: "%"}
  - {id: fu, type: follow-up, date: 2020-02-01, status: alive}
"""
    )
    steps = teaching_steps(check(data))
    assert not any("PD-L1" in s.caption for s in steps), [s.caption for s in steps]
    assert "Not dated, so told in no step: PD-L1" in steps[0].notes, steps[0].notes
    assert not any("Not dated" in s.notes for s in steps[1:])


def test_a_line_ended_in_no_stated_order_with_the_step_before_is_not_told_after_it() -> None:
    """Five chemotherapies, their end known only to come before a progression, and four
    operations the case does not order with that end: the step after the operations said
    "Then, … — L1 … stopped · progression", after them."""
    text = """\
format: 1
id: unordered-stop
diagnosis: {date: 2010-01}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis, before: 2010-06},
     end: {after: l1.start, before: pd}, end_reason: completed, agents: [carboplatin]}
  - {id: op, type: surgery, date: {after: l1.start, before: 2011-01}, procedure: debulking}
  - {id: pd, type: progression, date: 2018-05}
  - {id: fu, type: follow-up, date: 2018-09, status: alive-with-disease}
acknowledge:
  - {code: C008, reason: order only}
"""
    checked = check_text(text, "unordered-stop.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    captions = [s.caption for s in teaching_steps(checked)]
    assert not any("completed" in c for c in captions), captions
    # put after the operation, it is told
    ordered = text.replace("end: {after: l1.start, before: pd}", "end: {after: op, before: pd}")
    captions = [s.caption for s in teaching_steps(check_text(ordered, "ordered-stop.yaml"))]
    assert any("L1 carboplatin completed" in c for c in captions), captions


def test_radiotherapy_after_an_operation_is_told_in_the_operations_step() -> None:
    """Cytoreductive surgery after a progression, then radiotherapy "on the residual disease",
    then doxorubicin + olaratumab, all known only by order: the radiotherapy was told a step
    before the operation ("progression · radiotherapy", then "surgery → L2"). It is told in the
    operation's step, after it and before the line it preceded."""
    data = yaml.safe_load(
        """
id: rt-after-surgery
diagnosis: {date: {before: l1.start}}
events:
  - {id: l1, type: regimen, intent: advanced, start: {from: pd.start, offset: -40 months},
     end: pd, end_reason: progression, agents: [everolimus]}
  - {id: pd, type: progression, date: {before: surgery}}
  - {id: surgery, type: surgery, date: {after: pd}, procedure: cytoreductive surgery,
     curative: false}
  - {id: rt, type: radiotherapy, start: {after: surgery, before: l2.start},
     end: {after: rt.start, before: l2.start}, site: residual disease}
  - {id: l2, type: regimen, intent: advanced, start: {after: rt}, end: 2019-09,
     end_reason: completed, agents: [doxorubicin]}
  - {id: fu, type: follow-up, date: {from: l2.end, offset: 3 months}, status: alive}
"""
    )
    steps = teaching_steps(check(data))
    told = {e.id: n for n, s in enumerate(steps) for e in s.events}
    assert told["rt"] == told["surgery"] == told["l2"], [s.caption for s in steps]
    caption = steps[told["rt"]].caption
    assert (
        caption.index("cytoreductive surgery")
        < caption.index("radiotherapy")
        < caption.index("→ L2")
    ), caption


def test_a_change_within_a_line_before_the_step_is_told_first() -> None:
    """AC held for a caesarean and resumed after it, then docetaxel and a mastectomy: the
    hold and the resumption, at months 7.8 and 8, were told after the mastectomy of month
    10.8 in the step that tells them. A change dated before the step's first day is told
    first, in order of day with the birth."""
    data = yaml.safe_load(
        """
id: hold-for-delivery
diagnosis: {date: {from: pregnancy.start, offset: 25 weeks}}
events:
  - id: pregnancy
    type: pregnancy
    start: unknown
    end: {from: pregnancy.start, offset: 35 weeks}
    outcome: live-birth
    delivery: caesarean
  - id: ac
    type: regimen
    intent: neoadjuvant
    start: {from: pregnancy.start, offset: 27 weeks}
    end: {before: mastectomy}
    end_reason: completed
    exposures:
      - id: dox
        agent: doxorubicin
        end: {from: pregnancy.end, offset: 6 weeks}
        dose_changes:
          - {date: {from: pregnancy.start, offset: 33 weeks}, change: held, reason: delivery}
          - {date: {from: pregnancy.end, offset: 1 weeks}, change: resumed}
      - {id: doc, agent: docetaxel, start: dox.end, end: {from: doc.start, offset: 9 weeks}}
  - {id: mastectomy, type: surgery, date: {from: ac.end, offset: 4 weeks},
     procedure: mastectomy, curative: unknown}
  - {id: fu, type: follow-up, date: {from: mastectomy, offset: 12 months}, status: alive}
"""
    )
    steps = teaching_steps(check(data))
    caption = next(s.caption for s in steps if any(e.id == "mastectomy" for e in s.events))
    assert "held" in caption and "resumed" in caption, [s.caption for s in steps]
    assert (
        caption.index("held")
        < caption.index("caesarean")
        < caption.index("resumed")
        < caption.index("mastectomy")
    ), caption


def test_notes_name_events_as_the_deck_does_not_by_their_ids() -> None:
    """A step's notes began "cart: Anti-BCMA CAR T cells", the file's id before the note: they
    name the event as the messages of the case do ("Cilta-cel: …", "The death: …")."""
    data = yaml.safe_load(
        """
id: notes-by-name
diagnosis: {date: 2020-01-10}
events:
  - {id: cart, type: regimen, name: cilta-cel, intent: advanced, start: 2024-03-01,
     end: 2024-03-01, end_reason: completed, agents: [ciltacabtagene autoleucel],
     note: Anti-BCMA CAR T cells.}
  - {id: death, type: death, date: 2024-06-02, note: Ninety-three days after the infusion.}
"""
    )
    notes = "\n".join(s.notes for s in teaching_steps(check(data)))
    assert "Cilta-cel: Anti-BCMA CAR T cells." in notes, notes
    assert "The death: Ninety-three days" in notes, notes
    assert not any(line.startswith(("cart:", "death:")) for line in notes.splitlines()), notes


def test_agents_held_together_are_told_once() -> None:
    """Doxorubicin and cyclophosphamide held together for a caesarean, and resumed together:
    each was told apart ("then doxorubicin held (delivery) from … · then cyclophosphamide
    held (delivery) from …"). Held on one day for one reason, they are told once."""
    data = yaml.safe_load(
        """
id: held-together
diagnosis: {date: 2020-01-10}
events:
  - id: ac
    type: regimen
    intent: neoadjuvant
    start: 2020-02-01
    end: 2020-06-20
    end_reason: completed
    exposures:
      - id: dox
        agent: doxorubicin
        dose_changes:
          - {date: 2020-03-01, change: held, reason: delivery}
          - {date: 2020-03-20, change: resumed}
      - id: cyc
        agent: cyclophosphamide
        dose_changes:
          - {date: 2020-03-01, change: held, reason: delivery}
          - {date: 2020-03-20, change: resumed}
  - {id: op, type: surgery, date: 2020-07-10, procedure: mastectomy, curative: unknown}
  - {id: fu, type: follow-up, date: 2021-07-01, status: alive}
"""
    )
    captions = " ".join(s.caption for s in teaching_steps(check(data)))
    assert "then doxorubicin and cyclophosphamide held (delivery)" in captions, captions
    assert "then doxorubicin and cyclophosphamide resumed" in captions, captions
    assert "then cyclophosphamide held" not in captions, captions


def test_a_step_figure_leaves_out_what_a_later_step_tells_and_keeps_what_an_earlier_told() -> None:
    """A transformed lymphoma told in order: ACVBP "followed by radiation", and a complete
    response known only to follow the start of ACVBP. The deck tells the radiotherapy with
    ACVBP and the response in the next step; the drawing places the response before the
    radiotherapy, so ACVBP's figure, cut at the radiotherapy, drew the response a step early,
    and the response's figure, cut at it, left out the radiotherapy told the step before."""
    from timeline.render.deck import build_deck

    text = """
format: 1
id: acvbp-rt
diagnosis: {date: unknown, site: lymph node}
events:
  - {id: pd, type: progression, date: {after: diagnosis}}
  - {id: acvbp, type: regimen, name: ACVBP, intent: advanced, start: {after: pd},
     end: {after: acvbp.start, before: rt.start}, end_reason: unknown,
     agents: [doxorubicin, cyclophosphamide]}
  - {id: rt, type: radiotherapy, start: {after: acvbp}}
  - {id: cr, type: response, date: {after: acvbp.start}, category: CR}
"""
    checked = check_text(text, "acvbp.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    steps = teaching_steps(checked)
    at = {e.id: n for n, s in enumerate(steps, 1) for e in (*s.events, *s.also)}
    assert at["rt"] == at["acvbp"] < at["cr"]
    slides = {s.step: s for s in build_deck(checked, backend="wasm").slides if s.kind == "step"}
    told_with_acvbp, told_with_cr = slides[at["acvbp"]], slides[at["cr"]]
    assert "CR" not in told_with_acvbp.alt.split("Disease states in order:")[1].split(".")[0]
    assert "radiotherapy" in told_with_cr.alt.split("Treatment so far:")[1].split(".")[0]


def test_a_line_whose_end_the_case_leaves_open_is_not_said_ended_at_a_later_step() -> None:
    """A prostate cancer: leuprorelin with bicalutamide from 2004, a PSA progression in October
    2006, its end known only to follow that progression, a complete response to radiotherapy
    in 2008 and a recurrence in 2012. Drawn ended at its earliest day, the combined blockade
    was said "(ended)" in the words of every step from 2008 on, which the case does not say
    (the report calls the 2012 recurrence castration-resistant)."""
    from timeline.render.deck import build_deck

    text = """
format: 1
id: cab-open-end
diagnosis: {date: 1995-02, site: prostate}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2000-08, end: l2.start,
     end_reason: progression, agents: [leuprorelin]}
  - {id: pd-2004, type: progression, date: 2004-01}
  - {id: l2, type: regimen, intent: advanced, start: 2004-01, end: {after: pd-2006},
     end_reason: progression, agents: [leuprorelin, bicalutamide]}
  - {id: pd-2006, type: progression, date: 2006-10}
  - {id: rt, type: radiotherapy, start: {after: pd-2006, before: cr}, site: prostatic bed}
  - {id: cr, type: response, date: 2008-05, category: CR, setting: follow-up}
  - {id: rec, type: progression, date: 2012-04}
  - {id: fu, type: follow-up, date: 2015-05, status: alive}
"""
    checked = check_text(text, "cab.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    slides = [s for s in build_deck(checked, backend="wasm").slides if s.kind == "step"]
    (at_rec,) = [s for s in slides if s.caption.startswith("April 2012")]
    so_far = at_rec.alt.split("Treatment so far:")[1].split(".")[0]
    assert "leuprorelin + bicalutamide (may have ended)" in so_far, so_far
    # (the whole timeline, up to the last follow-up, draws it ended: said so)
    whole = next(s for s in build_deck(checked, backend="wasm").slides if s.kind == "whole")
    assert "leuprorelin + bicalutamide (ended)" in whole.alt


def test_a_resumption_weeks_after_a_hold_is_told_with_the_hold_not_years_later() -> None:
    """A medullary thyroid cancer: vandetanib from April 2013, held in June 2014 for two
    weeks (a toxicity's step tells the hold), a progression in January 2017. The resumption
    was told at the progression's step, "January 2017 — then vandetanib resumed from
    ≈ 2014-06-29", after the question on that progression; it is told with the hold."""
    text = """
format: 1
id: hold-resume
diagnosis: {date: 2005, site: thyroid}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2013-04, end: {after: pd},
     end_reason: progression,
     exposures: [{agent: vandetanib, dose_changes: [
       {date: 2014-06, change: held, reason: low mood},
       {date: {from: tox, offset: 2 weeks}, change: resumed}]}]}
  - {id: tox, type: toxicity, date: 2014-06, term: low mood, action_on: l1,
     action: held}
  - {id: pd, type: progression, date: 2017-01}
"""
    checked = check_text(text, "hold.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    steps = teaching_steps(checked)
    (held,) = [s for s in steps if any(e.id == "tox" for e in s.events)]
    (pd,) = [s for s in steps if any(e.id == "pd" for e in s.events)]
    assert "vandetanib resumed" in held.caption, held.caption
    assert "resumed" not in pd.caption, pd.caption


def test_tests_dated_as_one_biopsy_are_told_in_the_files_order() -> None:
    """ER, PgR and HER2 of the biopsy of a recurrence, each dated as the recurrence: the deck
    told them HER2, PgR, ER, the reverse of the file, `show` and the figure."""
    text = """
format: 1
id: receptors
diagnosis: {date: 2005-02, site: breast}
events:
  - {id: rec, type: progression, date: 2008-05, sites: [left axilla]}
  - {id: er, type: biomarker, date: rec, name: ER, result: negative}
  - {id: pgr, type: biomarker, date: rec, name: PgR, result: negative}
  - {id: her2, type: biomarker, date: rec, name: HER2, result: negative}
  - {id: l1, type: regimen, intent: advanced, start: 2008-06, end_reason: unknown,
     agents: [paclitaxel, bevacizumab]}
"""
    checked = check_text(text, "receptors.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    (step,) = [s for s in teaching_steps(checked) if any(e.id == "rec" for e in s.events)]
    caption = step.caption
    assert caption.index("ER negative") < caption.index("PgR negative") < caption.index("HER2"), (
        caption
    )


def test_the_title_slide_does_not_tell_the_outcome() -> None:
    """The reference case's title slide read "…partial response after bevacizumab was added
    to paclitaxel", and the citation the article's own title, before a question asking what
    to add to paclitaxel. Both are in the title slide's speaker notes and on the last slides;
    the slide says the patient and the diagnosis."""
    from timeline.render.deck import NEUTRAL_TITLE, build_deck

    checked = check_path(str(ROOT / "cases" / "cr000-paclitaxel-bevacizumab.yaml"))
    deck = build_deck(checked, backend="wasm")
    title = deck.slides[0]
    assert title.kind == "title" and title.title == NEUTRAL_TITLE
    shown = " ".join((title.title, *title.lines))
    assert "bevacizumab" not in shown and "Source:" not in shown, shown
    assert f"Title: {checked.case.title}" in title.notes  # type: ignore[union-attr]
    assert "Source: " in title.notes
    whole = next(s for s in deck.slides if s.kind == "whole")
    assert whole.caption == checked.case.title and "Source: " in whole.notes  # type: ignore[union-attr]


def test_the_title_slide_does_not_tell_an_age_given_at_a_later_event() -> None:
    """A pseudomyxoma report gives the age only at the recurrence, four years on; the title
    slide said "47-year-old woman (age at the recurrence)" before step 1, the first
    operation. The age is in the slide's notes; one given at the first operation stays on it,
    one at a later operation (the second cytoreduction, after the recurrence) goes to the notes
    too, and so does one at a transplant a question asks for ("22-year-old woman (age at the
    transplant)" over a question on what to do after seven failed therapies)."""
    from timeline.render.deck import build_deck

    text = """
format: 1
id: age-later
patient: {sex: female, age: {years: 47, at: rec}}
diagnosis: {date: 2015-01}
events:
  - {id: crs, type: surgery, date: 2015-02, procedure: cytoreductive surgery, curative: true}
  - {id: rec, type: recurrence, date: 2019-02}
  - {id: crs2, type: surgery, date: 2019-04, procedure: cytoreductive surgery, curative: true}
  - {id: fu, type: follow-up, date: 2020-12, status: alive-ned}
"""
    checked = check_text(text, "age.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    title = build_deck(checked, backend="wasm").slides[0]
    assert not any("recurrence" in line for line in title.lines), title.lines
    assert "Age: 47-year-old (age at the recurrence)" in title.notes, title.notes
    kept = check_text(text.replace("at: rec}", "at: crs}"), "age2.yaml")
    lines = build_deck(kept, backend="wasm").slides[0].lines
    assert any("47-year-old" in line for line in lines), lines
    later = check_text(text.replace("at: rec}", "at: crs2}"), "age3.yaml")
    lines = build_deck(later, backend="wasm").slides[0].lines
    assert not any("47-year-old" in line for line in lines), lines
    asked = """
format: 1
id: age-at-asked
patient: {sex: female, age: {years: 22, at: bmt}}
diagnosis: {date: 1986}
events:
  - {id: clad, type: regimen, intent: advanced, start: {after: diagnosis, before: bmt},
     end: {after: clad.start, before: bmt}, end_reason: no-response, agents: [cladribine]}
  - {id: bmt, type: transplant, date: 1996-08, donor: allogeneic,
     teach: {question: What now?, answer: An allogeneic transplant.}}
  - {id: fu, type: follow-up, date: 1999-08, status: alive-ned}
"""
    checked = check_text(asked, "asked.yaml", ignore=["C008"])
    assert checked.ok, [p.format() for p in checked.problems]
    title = build_deck(checked, backend="wasm").slides[0]
    assert not any("22-year-old" in line for line in title.lines), title.lines
    assert "22-year-old (age at the transplant)" in title.notes, title.notes


def test_imaging_dated_as_a_later_steps_event_is_noted_at_that_step() -> None:
    """A pneumonia on imaging dated as the cytokine release syndrome of the next step: the
    step before said "Also on the figure: imaging … pneumonia", a step early, and its figure
    did not draw it. It is noted at the step that tells the syndrome, once."""
    text = """
format: 1
id: imaging-later
diagnosis: {date: 2015-01, site: bone marrow}
events:
  - {id: rec, type: progression, date: 2023-01}
  - {id: tec, type: regimen, intent: advanced, start: {after: rec}, end_reason: toxicity,
     end: {after: crs}, agents: [teclistamab]}
  - {id: crs, type: toxicity, date: {after: tec.start}, term: Cytokine release syndrome,
     grade: 3, agents: [teclistamab], action: stopped}
  - {id: ct, type: imaging, date: crs, method: CT, findings: pneumonia}
"""
    checked = check_text(text, "imaging.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    steps = teaching_steps(checked)
    said = [s for s in steps if "pneumonia" in s.notes]
    assert len(said) == 1 and any(e.id == "crs" for e in said[0].events), [
        (s.caption, s.notes) for s in steps
    ]


def test_the_intervals_slide_leaves_the_files_ids_to_the_notes() -> None:
    """A deck's intervals slide said "not computable ('last-follow-up' is no later than
    2009-08-05, but nothing bounds how long after the start of 'ato-atra' it comes)": the
    file's ids and a calendar day, before a class, in a deck that speaks in months. The slide
    says the length; the notes say why it is open."""
    from timeline.render.deck import build_deck

    text = """
format: 1
id: open-reason
diagnosis: {date: unknown, site: bone marrow}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis}, end_reason: unknown,
     agents: [tretinoin]}
  - {id: fu, type: follow-up, date: {after: l1.start, before: 2009-08-05}, status: alive}
"""
    checked = check_text(text, "open.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    (slide,) = [s for s in build_deck(checked, backend="wasm").slides if s.kind == "intervals"]
    shown = " ".join(v for _n, v in slide.table)
    assert "'" not in shown and "2009" not in shown, slide.table
    assert "Here: " in slide.notes and "'fu'" in slide.notes, slide.notes


def test_a_note_on_a_lines_end_is_told_at_the_step_its_end_falls_in() -> None:
    """A gastric cancer report: trastuzumab maintenance from March 2017, its end written with
    the source's words, "continued until October 2018, when restaging showed progression".
    The note was in the notes of the March 2017 step, before the question on that
    progression. It is told at the step of October 2018, once."""
    text = """
format: 1
id: end-note
diagnosis: {date: 2016-01}
events:
  - {id: op, type: surgery, date: 2016-02, procedure: gastrectomy, curative: true}
  - {id: rec, type: recurrence, date: 2016-09}
  - {id: mt, type: regimen, intent: maintenance, start: 2017-03, agents: [trastuzumab],
     end: {at: 2018-10, note: "continued until October 2018, when restaging showed progression"},
     end_reason: progression}
  - {id: pd, type: progression, date: 2018-10}
  - {id: fu, type: follow-up, date: 2019-03, status: alive-with-disease}
"""
    checked = check_text(text, "end-note.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    steps = teaching_steps(checked)
    said = [s for s in steps if "continued until October 2018" in s.notes]
    assert len(said) == 1, [(s.caption, s.notes) for s in steps]
    assert any(e.id == "pd" for e in said[0].events), said[0].caption
    assert not any(
        "continued until" in s.notes for s in steps if any(e.id == "mt" for e in s.events)
    )


def test_two_lines_in_no_order_ended_by_the_steps_progressions_are_not_told_later() -> None:
    """An ALK report: brigatinib and alectinib, in no stated order, each ended by a
    progression, then lorlatinib. The step of the progressions and "→ L≥3: lorlatinib" said
    both; the next step, of lorlatinib's response, said "L≥2 alectinib stopped: progression",
    after lorlatinib had begun and answered."""
    text = """
format: 1
id: unordered
diagnosis: {date: unknown}
prior_lines: unknown
events:
  - {id: a, type: regimen, intent: advanced, start: {after: diagnosis},
     end: {after: pa, before: c.start}, end_reason: progression, agents: [brigatinib]}
  - {id: pa, type: progression, date: {after: a.start, before: c.start}}
  - {id: b, type: regimen, intent: advanced, start: {after: diagnosis},
     end: {after: pb, before: c.start}, end_reason: progression, agents: [alectinib]}
  - {id: pb, type: progression, date: {after: b.start, before: c.start}}
  - {id: c, type: regimen, intent: advanced, start: {after: diagnosis}, end_reason: unknown,
     agents: [lorlatinib]}
  - {id: r, type: response, date: {after: c.start}, category: unknown, authors_term: long-term response}
"""
    checked = check_text(text, "unordered.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    steps = teaching_steps(checked)
    after = [s for s in steps if any(e.id == "r" for e in s.events)]
    assert after and not any("stopped" in s.caption for s in after), [s.caption for s in steps]


def test_a_radiotherapys_own_date_told_with_a_step_is_marked_inferred() -> None:
    """A Ewing sarcoma report: radiotherapy "during the 9th and 10th cycles", its start
    inferred from them, told with the resection after the 4th cycle. `show` said "from month
    32.3 (inferred)", the deck "(from month 32.3)", as if the source gave it."""
    text = """
format: 1
id: rt-inferred
diagnosis: {date: 2019-01}
events:
  - {id: rel, type: recurrence, date: 2021-01}
  - {id: rx, type: regimen, intent: advanced, start: {after: rel, within: 1 month},
     end_reason: unknown, cycles: 12, cycle: 2 weeks, agents: [irinotecan]}
  - {id: op, type: surgery, date: {from: rx.start, offset: 8 weeks}, procedure: resection,
     curative: unknown, part_of: rx}
  - {id: rt, type: radiotherapy, part_of: rx, site: rib,
     start: {from: rx.start, offset: 16 weeks, inferred: "during the 9th and 10th cycles"},
     end: {from: rx.start, offset: 20 weeks}}
  - {id: fu, type: follow-up, date: 2022-06, status: alive}
"""
    checked = check_text(text, "rt.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    steps = teaching_steps(checked)
    said = [s.caption for s in steps if "radiotherapy" in s.caption]
    assert said and all(", inferred)" in c for c in said), [s.caption for s in steps]


def test_radiotherapy_after_a_line_that_failed_is_told_after_that_failure() -> None:
    """An insulinoma report: capecitabine + everolimus "failed to respond", then repeated Y-90
    radioembolization, the case giving no progression. The deck said "L1: capecitabine +
    everolimus, then Y-90" a step before "L1 … stopped: no response": the later treatment
    before the failure that led to it. The course is the decision of the step that tells the
    failure."""
    text = """
format: 1
id: after-failure
diagnosis: {date: 2008-01}
events:
  - {id: op, type: surgery, date: 2008-02, procedure: distal pancreatectomy, curative: unknown}
  - {id: ce, type: regimen, intent: advanced, start: {after: op}, end: {after: ce.start,
     before: y90}, end_reason: no-response, agents: [capecitabine, everolimus]}
  - {id: y90, type: radiotherapy, technique: Y-90 radioembolization, site: liver,
     start: {after: ce.end}, end: {after: y90.start, before: fu}}
  - {id: r, type: response, date: {after: y90.start, before: fu}, category: unknown,
     authors_term: resolution of hypoglycaemia}
  - {id: fu, type: follow-up, date: {after: y90.start, before: 2010}, status: alive-with-disease}
"""
    checked = check_text(text, "after-failure.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    captions = [s.caption for s in teaching_steps(checked)]
    told = [i for i, c in enumerate(captions) if "Y-90" in c]
    stopped = [i for i, c in enumerate(captions) if "stopped: no response" in c]
    assert told and stopped and told[0] >= stopped[0], captions
    assert "→ Y-90" in captions[told[0]], captions


def test_a_line_of_unknown_intent_is_told_stopped_by_its_name() -> None:
    """An oesophageal cancer report: chemoradiotherapy of no stated intent after a node's
    resection, completed, then a recurrence. The deck said "intent unknown concurrent
    chemoradiotherapy completed", one phrase; the label is no word to set before a name."""
    text = """
format: 1
id: unknown-intent
diagnosis: {date: 2015-06}
events:
  - {id: op, type: surgery, date: 2015-06-28, procedure: oesophagectomy, curative: true}
  - {id: rec, type: recurrence, date: 2017-02}
  - {id: ccrt, type: regimen, name: concurrent chemoradiotherapy, intent: unknown,
     start: 2017-03, end: 2017-06, end_reason: completed, agents: [cisplatin]}
  - {id: rec2, type: recurrence, date: 2017-08}
  - {id: fu, type: follow-up, date: 2018-01, status: alive-with-disease}
"""
    checked = check_text(text, "unknown-intent.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    captions = " ".join(s.caption for s in teaching_steps(checked))
    assert "concurrent chemoradiotherapy completed" in captions, captions
    assert "intent unknown concurrent" not in captions, captions
    # (nor in the figures' words, "Treatment so far: …")
    from timeline.wording import labelled

    assert labelled("intent unknown", "cisplatin", " ") == "cisplatin"
    assert labelled("intent unknown", "cisplatin") == "intent unknown: cisplatin"


def test_a_step_with_no_date_after_a_dated_one_it_follows_says_then() -> None:
    """A germ-cell tumour report: "Month 0 — debulking surgery → L1: chemotherapy", then
    "Date not given — initially responded to chemotherapy", with no "Then," though the case
    puts the response after the chemotherapy's start, as every later step, all undated,
    said."""
    text = """
format: 1
id: then-undated
diagnosis: {date: unknown}
events:
  - {id: op, type: surgery, date: diagnosis, procedure: debulking surgery, curative: false}
  - {id: ct, type: regimen, intent: advanced, start: {after: op}, end_reason: progression,
     end: {after: r, before: pd}, agents: [cisplatin]}
  - {id: r, type: response, date: {after: ct.start}, category: unknown,
     authors_term: initially responded}
  - {id: pd, type: progression, date: {after: r}}
"""
    checked = check_text(text, "then.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    captions = [s.caption for s in teaching_steps(checked)]
    said = [c for c in captions if "initially responded" in c]
    assert said and said[0].startswith("Then, date not given"), captions


def test_an_agent_the_source_does_not_name_is_not_said_to_go_on() -> None:
    """A GIST report: three lines before ripretinib, their drugs not named, each stopped as
    unsuccessful. The deck said "L1 unspecified systemic therapy changed: no response
    (unspecified systemic therapy went on) → L2: …": two unnamed drugs are not one drug."""
    text = """
format: 1
id: unnamed
diagnosis: {date: 2019-01}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2019-02, end: l2.start,
     end_reason: no-response, agents: [systemic therapy]}
  - {id: l2, type: regimen, intent: advanced, start: 2019-09, end: l3.start,
     end_reason: no-response, agents: [systemic therapy]}
  - {id: l3, type: regimen, intent: advanced, start: 2020-04, end_reason: ongoing,
     agents: [ripretinib]}
  - {id: fu, type: follow-up, date: 2020-12, status: alive-with-disease}
"""
    checked = check_text(text, "unnamed.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    captions = " ".join(s.caption for s in teaching_steps(checked))
    assert "went on" not in captions, captions
    assert "L1 unspecified systemic therapy stopped: no response" in captions, captions


def test_imaging_noted_on_the_figure_says_its_date_is_inferred() -> None:
    """A breast cancer report: choroidal metastases on imaging dated as a recurrence "several
    years" after surgery, read as more than two years (inferred). `show` and the figure said
    "from month 24 (inferred)", the step's notes "imaging, from month 24"."""
    text = """
format: 1
id: imaging-inferred
diagnosis: {date: unknown}
events:
  - {id: op, type: surgery, date: {after: diagnosis}, procedure: partial mastectomy, curative: true}
  - {id: rec, type: recurrence, date: {after: {from: op, offset: 2 years},
     inferred: "several years later"}}
  - {id: eye, type: imaging, date: rec, method: MRI, findings: choroidal metastases}
  - {id: sg, type: regimen, intent: advanced, start: {after: rec}, end_reason: unknown,
     agents: [sacituzumab govitecan]}
"""
    checked = check_text(text, "imaging-inferred.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    said = [
        line
        for s in teaching_steps(checked)
        for line in s.notes.splitlines()
        if line.startswith("Also on the figure: imaging")
    ]
    assert said and all("(inferred)" in line for line in said), said


def test_a_line_is_not_said_ended_then_may_have_ended() -> None:
    """A kidney cancer report: sunitinib's end known only to come after a progression and
    before axitinib. The figures' words said "L1 sunitinib (ended)" at the metastasectomy
    after the progression, whose step does not tell its stop, then "(may have ended)", then
    "(ended)" again. A line is said ended only where the case or a step says so."""
    from timeline.render.deck import build_deck

    text = """
format: 1
id: ended-flip
diagnosis: {date: 2010-01}
events:
  - {id: rec, type: recurrence, date: 2011-06}
  - {id: sun, type: regimen, intent: advanced, start: {after: rec, within: 1 month},
     end: {after: pd1, before: axi.start}, end_reason: unknown, agents: [sunitinib]}
  - {id: pd1, type: progression, date: {from: sun.start, offset: 4 years},
     new_sites: [psoas muscle]}
  - {id: op, type: surgery, date: {after: pd1}, procedure: metastasectomy, curative: unknown}
  - {id: r, type: response, date: {after: op, before: pd2}, category: unknown,
     authors_term: no evidence of progression, setting: follow-up}
  - {id: pd2, type: progression, date: {from: op, offset: 2 years}, new_sites: [bone]}
  - {id: axi, type: regimen, intent: advanced, start: {after: pd2, before: death},
     end: {after: axi.start, before: death}, end_reason: unknown, agents: [axitinib]}
  - {id: death, type: death, date: {after: axi.start}}
"""
    checked = check_text(text, "flip.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]  # (warnings: C008)
    said = []
    for s in build_deck(checked, backend="wasm").slides:
        if s.kind not in ("step", "question"):
            continue
        said.append(
            "ended"
            if "sunitinib (ended)" in s.alt
            else "may"
            if "sunitinib (may have ended)" in s.alt
            else ""
        )
    assert "may" in said, said
    assert "ended" not in said[: said.index("may")], said


def test_imaging_noted_on_the_figure_has_no_stop_before_its_sites() -> None:
    """A glioblastoma report's MRI, its findings ending with a full stop, noted "Also on the
    figure: imaging (MRI), …: the caption gives no findings.; brain"."""
    text = """
format: 1
id: stop-sites
diagnosis: {date: 2018-05}
events:
  - {id: mri, type: imaging, date: 2018-05, method: MRI, sites: [brain],
     findings: the caption gives no findings.}
  - {id: op, type: surgery, date: 2018-06, procedure: craniotomy, curative: true}
  - {id: fu, type: follow-up, date: 2019-01, status: alive-ned}
"""
    checked = check_text(text, "stop.yaml")
    assert not checked.errors, [p.format() for p in checked.problems]
    notes = "\n".join(s.notes for s in teaching_steps(checked))
    assert "Also on the figure" in notes, notes
    assert ".;" not in notes, notes


def test_a_deck_keeps_an_age_given_at_a_toxicity_for_the_notes() -> None:
    """A hairy cell leukaemia's "74-year-old man (age at the autoimmune hemolytic anemia)", a
    toxicity two decades after the first line, stood on the title slide and over every step's
    figure, the last event of the case told before the first."""
    from timeline.render.deck import build_deck
    from timeline.render.layout import swimlane
    from timeline.render.style import THEMES

    text = """
format: 1
id: age-at-toxicity
patient: {sex: male, age: {years: 74, at: aiha}}
diagnosis: {date: 2000-01}
events:
  - {id: cla, type: regimen, intent: advanced, start: 2000-02, end: 2000-03,
     end_reason: completed, agents: [cladribine]}
  - {id: cr, type: response, date: 2000-04, category: CR}
  - {id: rel, type: recurrence, date: 2015-01}
  - {id: dt, type: regimen, intent: advanced, start: 2015-02, end_reason: ongoing,
     agents: [dabrafenib, trametinib]}
  - {id: aiha, type: toxicity, date: 2020-06, term: Autoimmune hemolytic anemia, agents: [dabrafenib]}
  - {id: fu, type: follow-up, date: 2020-07, status: alive}
"""
    checked = check_text(text, "aiha.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    deck = build_deck(checked, backend="wasm")
    assert not any("74" in line for line in deck.slides[0].lines), deck.slides[0].lines
    assert "Age: 74-year-old" in deck.slides[0].notes, deck.slides[0].notes
    step = teaching_steps(checked)[0]
    cut = swimlane(checked, THEMES["slide"], until=step.until, until_event=step.events[-1].id)
    assert cut.title and not any("74" in t for t in cut.title), cut.title
    whole = swimlane(checked, THEMES["slide"])
    assert any("74-year-old" in t for t in whole.title), whole.title


def test_a_deck_tells_supportive_care_with_the_step_it_begins_in() -> None:
    """Bisphosphonates begun with palliative radiotherapy for bone metastases, in the same
    window, were first drawn a step after the radiotherapy; written as begun on the
    recurrence's day, they stood on the question's figure, part of the answer shown before the
    question was asked."""
    from timeline.render.deck import build_deck

    text = """
format: 1
id: supportive-with-rt
diagnosis: {date: 2010-01}
events:
  - {id: op, type: surgery, date: 2010-02, procedure: splenectomy, curative: true}
  - id: rec
    type: recurrence
    date: 2013-02
    sites: [bone]
    teach: {question: Bone-only metastases three years on. What would you offer?}
  - {id: rt, type: radiotherapy, start: {after: rec, within: 3 months}, site: bone, intent: palliative}
  - {id: bp, type: regimen, intent: supportive, start: BONE, agents: [zoledronic acid]}
  - {id: fu, type: follow-up, date: 2015-01, status: alive}
"""
    for start in ("{after: rec, within: 3 months}", "rec"):
        checked = check_text(text.replace("BONE", start), "bp.yaml", ignore=["C008"])
        assert checked.ok, [p.format() for p in checked.problems]
        slides = build_deck(checked, backend="wasm").slides
        question = next(s for s in slides if s.kind == "question")
        assert "zoledronic acid" not in question.alt, question.alt
        step = next(s for s in slides if s.kind == "step" and "radiotherapy" in s.caption)
        assert "zoledronic acid" in step.alt, (start, step.alt)


def test_a_deck_says_the_measurable_residual_disease_of_a_response() -> None:
    """Three molecular remissions of a Ph+ ALL, the report's point, were told "complete
    response" like the first, the MRD in tooltips alone."""
    text = """
format: 1
id: mrd-words
diagnosis: {date: 2020-01}
events:
  - {id: ind, type: regimen, intent: advanced, start: 2020-02, end: 2020-08, end_reason: completed,
     agents: [imatinib]}
  - {id: cr, type: response, date: 2020-04, category: CR, mrd: {result: negative}}
  - {id: fu, type: follow-up, date: 2021-06, status: alive}
"""
    checked = check_text(text, "mrd.yaml")
    captions = " ".join(s.caption for s in teaching_steps(checked))
    assert "complete response, MRD negative" in captions, captions


def test_a_deck_marks_a_date_not_given_that_the_file_infers() -> None:
    """A first line and its remission, implied by "relapsed" and marked inferred: `show` said
    "date not given (inferred)", the deck's headings "Date not given", as if the source told
    them."""
    text = """
format: 1
id: inferred-undated
diagnosis: {date: unknown}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis, inferred: implied by the relapse},
     end: {before: rel}, end_reason: unknown, agents: [systemic therapy]}
  - {id: rel, type: recurrence, date: {after: l1.start}}
  - {id: l2, type: regimen, intent: advanced, start: {after: rel}, agents: [blinatumomab]}
"""
    checked = check_text(text, "inf.yaml", ignore=["C008"])
    assert checked.ok, [p.format() for p in checked.problems]
    first = teaching_steps(checked)[0]
    assert first.caption.startswith("Date not given (inferred) — "), first.caption


def test_a_deck_tells_a_dose_change_before_the_toxicity_it_caused() -> None:
    """Mitotane raised to 10 g a day, then poorly tolerated, then reduced to 6-8 g a day: the
    step told the intolerance first and the rise after it, and the reduction (a new schedule, no
    dose) not at all."""
    from test_cases import MITOTANE

    checked = check_text(MITOTANE, "mitotane.yaml", ignore=["C008"])
    caption = " | ".join(s.caption for s in teaching_steps(checked))
    rise, tox = caption.index("dose 10 g"), caption.index("toxicity: intolerance")
    assert rise < tox, caption
    assert caption.index("dose reduced; schedule 6-8 g daily") > tox, caption


def test_radiotherapy_months_before_a_line_is_not_told_with_it() -> None:
    """Sacral radiotherapy of April 2013 for a bone progression, then exemestane + everolimus
    in May 2014: the deck told "L≥13: exemestane + everolimus, and radiotherapy (sacral
    spine)", 13 months late, without its date; it is told with its progression."""
    text = """
format: 1
id: rt-months-before
diagnosis: {date: 1993-01}
events:
  - {id: op, type: surgery, date: 1993-02, procedure: mastectomy, curative: true}
  - {id: rec, type: recurrence, date: 1996-05, sites: [lung]}
  - {id: tam, type: regimen, intent: advanced, start: 1996-06, end: 2013-03,
     end_reason: progression, agents: [tamoxifen]}
  - {id: pd, type: progression, date: 2013-04, sites: [bone]}
  - {id: rt, type: radiotherapy, start: {at: 2013-04, after: pd}, site: sacral spine,
     intent: palliative}
  - {id: evexe, type: regimen, intent: advanced, start: {after: 2014-05}, end_reason: ongoing,
     agents: [exemestane, everolimus]}
  - {id: fu, type: follow-up, date: 2014-09, status: alive}
"""
    checked = check_text(text, "rt.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    captions = [s.caption for s in teaching_steps(checked)]
    line = next(c for c in captions if "exemestane" in c)
    assert "radiotherapy" not in line, captions
    assert any("sacral spine" in c and "April 2013" in c for c in captions), captions


def test_a_line_stopped_between_two_steps_is_told_with_its_note() -> None:
    """Docetaxel + gemcitabine "discontinued due to relevant side effects" after its stable
    disease and before the progression that followed, all known only by order: no step told
    the stop, and the note on its end was in the notes of the step that began it, before the
    stable disease."""
    text = """
format: 1
id: stop-between
diagnosis: {date: 2004-01}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2004-02, end: 2004-06, end_reason: progression,
     agents: [doxorubicin]}
  - {id: pd1, type: progression, date: 2004-06}
  - {id: l2, type: regimen, intent: advanced, start: 2005-02,
     end: {after: sd, before: pd2, note: discontinued for side effects},
     end_reason: toxicity, agents: [docetaxel, gemcitabine]}
  - {id: sd, type: response, date: {after: l2.start, before: pd2}, category: SD}
  - {id: pd2, type: progression, date: {after: l2.end}}
  - {id: l3, type: regimen, intent: advanced, start: {after: pd2}, agents: [trabectedin]}
"""
    checked = check_text(text, "stop.yaml", ignore=["C008"])
    assert checked.ok, [p.format() for p in checked.problems]
    steps = teaching_steps(checked)
    told = next(s for s in steps if "stopped: toxicity" in s.caption)
    assert any(e.id == "pd2" for e in told.events), [s.caption for s in steps]
    begun = next(s for s in steps if any(e.id == "l2" for e in s.events))
    assert "discontinued for side effects" not in begun.notes, begun.notes
    assert "discontinued for side effects" in told.notes, told.notes


def test_a_line_stopped_in_the_year_of_its_recurrence_is_told_that_year() -> None:
    """Megestrol given 15 years after an operation, stopped after an abdominal recurrence of
    2002 that was resected that year, in no stated order with the resection: no step told the
    stop, passed over at the recurrence of 2008 as if that recurrence ended it, and the note on
    its end was told in 2008."""
    text = """
format: 1
id: stopped-that-year
diagnosis: {date: 1987}
events:
  - {id: op, type: surgery, date: 1987, procedure: hysterectomy, curative: true}
  - {id: meg, type: regimen, intent: adjuvant, start: {after: op},
     end: {from: meg.start, offset: 15 years, at: 2002, after: rec1, note: megestrol was stopped},
     end_reason: progression,
     agents: [megestrol]}
  - {id: rec1, type: recurrence, date: 2002, sites: [abdomen]}
  - {id: res, type: surgery, date: {at: 2002, after: rec1}, procedure: resection, curative: true}
  - {id: rec2, type: recurrence, date: 2008, sites: [pelvis]}
  - {id: let, type: regimen, intent: advanced, start: {at: 2008, after: rec2}, end_reason: ongoing,
     agents: [letrozole]}
  - {id: fu, type: follow-up, date: 2010, status: alive-ned}
"""
    checked = check_text(text, "meg.yaml", ignore=["C008", "T004"])
    assert checked.ok, [p.format() for p in checked.problems]
    steps = teaching_steps(checked)
    told = [s for s in steps if "megestrol stopped" in s.caption]
    assert told and "2002" in told[0].caption, [s.caption for s in steps]
    assert "megestrol was stopped" in told[0].notes, told[0].notes


def test_a_line_stopped_on_a_given_day_for_no_given_reason_is_told_stopped() -> None:
    """Nivolumab given "between July 2017 and March 2018", then a complete response on PET in
    September 2018 and remission without therapy: no step said nivolumab stopped, its reason
    not given, and the response read as on treatment."""
    text = """
format: 1
id: stopped-no-reason
diagnosis: {date: 2016-01}
events:
  - {id: chemo, type: regimen, intent: advanced, start: 2016-09, end: 2017-06,
     end_reason: no-response, agents: [carboplatin, paclitaxel]}
  - {id: nivo, type: regimen, intent: advanced, start: 2017-07, end: 2018-03,
     end_reason: unknown, agents: [nivolumab]}
  - {id: cr, type: response, date: 2018-09, category: CR, setting: follow-up}
  - {id: fu, type: follow-up, date: 2019-06, status: alive-ned}
"""
    checked = check_text(text, "nivo.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    step = next(s for s in teaching_steps(checked) if any(e.id == "cr" for e in s.events))
    assert "nivolumab stopped (March 2018)" in step.caption, step.caption


def test_a_question_on_an_operation_does_not_show_it_or_its_specimen() -> None:
    """A penile cancer's neoadjuvant TIP, then "What operation now?" on the lymphadenectomy:
    the question's figure showed the lymphadenectomy and the pathological complete response
    dated on it, the answer drawn before the question was asked."""
    from timeline.render.deck import build_deck

    text = """
format: 1
id: question-on-surgery
diagnosis: {date: 2020-01}
events:
  - {id: tip, type: regimen, intent: neoadjuvant, start: 2020-02, end: 2020-05,
     end_reason: completed, agents: [paclitaxel, ifosfamide, cisplatin]}
  - {id: reduced, type: response, date: 2020-05, category: unknown, authors_term: markedly reduced}
  - {id: pcr, type: response, date: lnd, category: CR, method: pathology}
  - id: lnd
    type: surgery
    date: {after: reduced}
    procedure: bilateral inguinal and pelvic lymphadenectomy
    curative: true
    teach: {question: What operation now?, answer: lymphadenectomy}
  - {id: fu, type: follow-up, date: {from: lnd, offset: 8 months}, status: alive-ned}
"""
    checked = check_text(text, "q.yaml", ignore=["C008"])
    assert checked.ok, [p.format() for p in checked.problems]
    question = next(s for s in build_deck(checked, backend="wasm").slides if s.kind == "question")
    assert "lymphadenectomy" not in question.alt, question.alt
    assert "CR" not in question.alt.split("Disease states in order:")[1], question.alt


def test_an_age_at_a_complication_before_a_later_therapy_is_still_told_later() -> None:
    """A neuroendocrine carcinoma's doxorubicin, then carcinoid heart disease ten years on and
    octreotide for it, the age given at the heart failure: it stood on the title slide, since
    the case puts the heart failure before a therapy (the octreotide), not before the first."""
    from timeline.render.deck import build_deck

    text = """
format: 1
id: age-ten-years-on
patient: {sex: male, age: {years: 35, at: hf}}
diagnosis: {date: 2000}
events:
  - {id: dox, type: regimen, intent: advanced, start: 2000-06, end: 2000-10, end_reason: patient-choice,
     agents: [doxorubicin]}
  - {id: hf, type: complication, date: 2010-05, term: right-sided heart failure}
  - {id: oct, type: regimen, intent: advanced, start: {after: hf}, end_reason: ongoing,
     agents: [octreotide]}
  - {id: fu, type: follow-up, date: 2012-01, status: alive}
"""
    checked = check_text(text, "age.yaml", ignore=["C008"])
    assert checked.ok, [p.format() for p in checked.problems]
    title = build_deck(checked, backend="wasm").slides[0]
    assert not any("35" in line for line in title.lines), title.lines


def test_the_title_slide_says_what_month_0_is_when_the_first_step_tells_it() -> None:
    """A case without calendar dates counted from a transplant: the title slide read
    "Diagnosis: by day 0", day 0 said nowhere. It names the point when the first step tells
    it, else says the months count from an event told later (not giving it away)."""
    from timeline.render.deck import build_deck

    text = """
format: 1
id: day-zero
diagnosis: {date: {before: bmt}}
events:
  - {id: bmt, type: transplant, date: unknown, donor: allogeneic}
  - {id: rel, type: recurrence, date: {from: bmt, offset: 60 days}}
  - {id: aza, type: regimen, intent: advanced, start: {after: rel}, end_reason: ongoing,
     agents: [azacitidine]}
  - {id: fu, type: follow-up, date: {from: bmt, offset: 90 days}, status: alive}
"""
    checked = check_text(text, "zero.yaml", ignore=["C008"])
    assert checked.ok, [p.format() for p in checked.problems]
    lines = build_deck(checked, backend="wasm").slides[0].lines
    assert "Day 0: the transplant" in lines, lines
    # (a sinonasal melanoma counted from a liver SBRT five steps on: not named)
    from conftest import CASES

    path = next(p for p in CASES if p.stem.startswith("cerbon2023-"))
    lines = build_deck(check_path(str(path)), backend="wasm").slides[0].lines
    assert "Days count from an event told later" in lines, lines
    assert not any("SBRT" in line for line in lines), lines


def test_radiotherapy_before_the_line_it_is_told_with_is_said_to_come_first() -> None:
    """Whole-brain radiotherapy "followed by lapatinib and capecitabine", both after a brain
    relapse: the step read "→ L1: lapatinib + capecitabine, and whole-brain radiotherapy
    (brain)", as if given together, the site said twice."""
    text = """
format: 1
id: wbrt-first
diagnosis: {date: 2012-01}
events:
  - {id: rel, type: recurrence, date: 2013-05, new_sites: [brain]}
  - {id: wbrt, type: radiotherapy, start: {after: rel}, end: {after: wbrt.start, before: lc.start},
     site: brain, technique: whole-brain radiotherapy}
  - {id: lc, type: regimen, intent: advanced, start: {after: wbrt, before: 2013-08},
     end_reason: ongoing, agents: [lapatinib, capecitabine]}
  - {id: fu, type: follow-up, date: 2013-12, status: alive}
"""
    checked = check_text(text, "wbrt.yaml", ignore=["C008"])
    assert checked.ok, [p.format() for p in checked.problems]
    (line,) = [s.caption for s in teaching_steps(checked) if "L1:" in s.caption]
    assert line.endswith("L1: lapatinib + capecitabine, after whole-brain radiotherapy"), line
