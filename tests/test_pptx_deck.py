"""Teaching decks as PowerPoint files, read back as a teacher's software would read them."""

from __future__ import annotations

import io
import re
from functools import cache
from typing import Any

import pytest

from conftest import CASES, REFERENCE, ROOT, SHRUNK_DECKS
from timeline import check_path
from timeline.render.deck import build_deck
from timeline.render.pptx_deck import MIN_PT, deck_pptx
from timeline.summary import summary_text
from timeline.teaching import teaching_steps

pptx = pytest.importorskip("pptx")


@cache
def _deck(path: str):  # type: ignore[no-untyped-def]
    checked = check_path(path)
    deck = build_deck(checked, backend="wasm")
    return checked, deck, pptx.Presentation(io.BytesIO(deck_pptx(deck)))


def _deck_placed(path: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The deck with each figure read as XML and placed as a one-pixel PNG: for the tests of
    where figures go and how large the type is, which read no pixel (the reference deck's
    pictures are rasterised and measured below; rasterising every figure of every deck was
    four fifths of these tests' time)."""
    from xml.etree import ElementTree

    from timeline.render import pptx_deck
    from timeline.render.engines import rasterise

    dot = rasterise(b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', 1.0)

    def placed(svg: bytes, zoom: float) -> bytes:
        assert ElementTree.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"
        return dot

    monkeypatch.setattr(pptx_deck, "rasterise", placed)
    checked = check_path(path)
    deck = build_deck(checked, backend="wasm")
    return checked, deck, pptx.Presentation(io.BytesIO(deck_pptx(deck)))


def test_reference_deck_is_16_9_with_every_step() -> None:
    checked, deck, prs = _deck(str(REFERENCE))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 13.333 × 7.5 in
    steps = teaching_steps(checked)
    questions = sum(1 for s in steps if s.question)
    assert questions == 3
    intervals = -(-len(checked.intervals) // 9)
    assert len(prs.slides) == 1 + questions + len(steps) + 2 + intervals + 1  # (whole, key)
    kinds = [s.kind for s in deck.slides]
    assert kinds[0] == "title" and kinds[-1] == "states"
    # the story runs from the mastectomy to the partial response on paclitaxel + bevacizumab
    captions = [s.caption for s in deck.slides if s.kind == "step"]
    assert "mastectomy" in captions[0]
    assert any("paclitaxel + bevacizumab" in c for c in captions)
    assert "partial response" in captions[-2] and "last follow-up" in captions[-1]
    # each figure a PNG at twice its size in points (the slide's resolution twice over)
    figures = [s.figure for s in deck.slides if s.figure is not None]
    pictures = [sh for slide in prs.slides for sh in slide.shapes if sh.shape_type == 13]
    assert len(pictures) == len(figures) > 10
    for figure, picture in zip(figures, pictures, strict=True):
        width, height = (float(v) for v in _SIZE.search(figure).groups())  # type: ignore[union-attr]
        assert picture.image.content_type == "image/png"
        px_w, px_h = picture.image.size
        assert abs(px_w - 2 * width) <= 1 and abs(px_h - 2 * height) <= 1, (px_w, width)


def test_question_slides_come_before_their_step_with_the_answer_in_its_notes() -> None:
    _checked, deck, prs = _deck(str(REFERENCE))
    for i, slide in enumerate(deck.slides):
        if slide.kind == "question":
            step = deck.slides[i + 1]
            assert step.kind == "step" and step.step == slide.step
            assert step.notes.startswith("Answer: ")
            notes = prs.slides[i + 1].notes_slide.notes_text_frame.text
            assert notes.startswith("Answer: ")
    assert any("what could" in s.caption.lower() or "added" in s.caption for s in deck.slides)


_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_deck_is_legible_and_described(path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _checked, deck, prs = _deck_placed(str(path), monkeypatch)
    for n, slide in enumerate(prs.slides):
        for shape in slide.shapes:
            if shape.shape_type == 13:  # a picture
                descr = shape._element.nvPicPr.cNvPr.get("descr")
                assert (descr and "Swimlane" in descr) or "state machine" in descr, n
                # placed at the figure's own size, never shrunk: its 18 pt type stays 18 pt (a
                # case known to be too tall: shrunk no further than when it was listed, and
                # evenly)
                figure = deck.slides[n].figure
                width, height = (float(v) for v in _SIZE.search(figure).groups())
                scale = min(1.0, shape.width / (width * 12700))
                assert shape.width >= (SHRUNK_DECKS.get(path.stem, 1.0) * width - 1) * 12700, n
                assert abs(shape.width - scale * width * 12700) <= 12700, (n, shape.width, width)
                assert abs(shape.height - scale * height * 12700) <= 12700, n
                assert shape.top + shape.height <= prs.slide_height, n
            if shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    for run in para.runs:
                        assert run.font.size is not None and run.font.size.pt >= MIN_PT
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        for para in cell.text_frame.paragraphs:
                            for run in para.runs:
                                assert run.font.size.pt >= MIN_PT
        if deck.slides[n].kind == "step":
            assert slide.has_notes_slide


def test_the_figure_of_a_step_shows_nothing_after_it() -> None:
    from svgread import groups, with_class

    _checked, deck, _prs = _deck(str(REFERENCE))
    steps = [s for s in deck.slides if s.kind == "step"]
    counts = [len(with_class(groups(s.figure), "therapy")) for s in steps if s.figure]
    assert counts == sorted(counts) and counts[0] < counts[-1]
    assert not with_class(groups(steps[0].figure), "endocrine")  # anastrozole comes later
    lit = with_class(groups(steps[2].figure), "highlight")
    assert lit, "the step's own events are highlighted"


def test_the_deck_figures_use_no_type_under_18_pt() -> None:
    _checked, deck, _prs = _deck(str(REFERENCE))
    for slide in deck.slides:
        if slide.figure is None:
            continue
        sizes = [float(x) for x in re.findall(rb'font-size="([\d.]+)"', slide.figure)]
        assert sizes and min(sizes) >= MIN_PT


def test_slides_command_writes_both_kinds(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from timeline.cli import main

    assert main(["slides", str(REFERENCE), "-o", str(tmp_path / "deck.pptx")]) == 0
    assert (tmp_path / "deck.pptx").read_bytes()[:2] == b"PK"
    assert main(["slides", str(REFERENCE), "-o", str(tmp_path / "deck.odp")]) == 2
    case = ROOT / "docs" / "examples" / "broken-case.yaml"
    assert main(["slides", str(case), "-o", str(tmp_path / "broken.pptx")]) == 1
    assert not (tmp_path / "broken.pptx").exists()


def test_render_until_cuts_the_figure(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from svgread import groups, with_class
    from timeline.cli import main

    whole, cut = tmp_path / "whole.svg", tmp_path / "cut.svg"
    assert main(["render", str(REFERENCE), "-o", str(whole), "--engine", "wasm"]) == 0
    assert (
        main(["render", str(REFERENCE), "-o", str(cut), "--engine", "wasm", "--until", "2009-04"])
        == 0
    )
    bars = len(with_class(groups(whole.read_bytes()), "therapy"))
    assert len(with_class(groups(cut.read_bytes()), "therapy")) < bars
    by_event = tmp_path / "event.svg"
    args = ["render", str(REFERENCE), "-o", str(by_event), "--engine", "wasm"]
    assert main([*args, "--until", "progression-2009"]) == 0
    assert main([*args, "--until", "progresion-2009"]) == 1  # a typo: said, nothing written


def test_a_figure_too_tall_for_the_slide_is_said(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Twelve regimens at once need twelve rows of bars: the figure cannot keep 18 pt type on
    a slide, and `timeline slides` says which slides are shrunk."""
    from timeline.cli import main

    lines = ["id: crowded", "diagnosis: {date: 2010-01-04}", "events:"]
    drugs = ["paclitaxel", "docetaxel", "cisplatin", "carboplatin", "gemcitabine", "vinorelbine",
             "capecitabine", "doxorubicin", "epirubicin", "cyclophosphamide", "etoposide",
             "irinotecan"]  # fmt: skip
    for i, drug in enumerate(drugs):
        lines.append(
            f"  - {{id: r{i}, type: regimen, intent: advanced, start: 2010-02-{i + 1:02d},"
            f" end: 2010-06-30, end_reason: completed, agents: [{drug}]}}"
        )
    lines.append("  - {id: fu, type: follow-up, date: 2011-01-10, status: alive-with-disease}")
    case = tmp_path / "crowded.yaml"
    case.write_text("\n".join(lines) + "\n", encoding="utf-8")
    checked = check_path(str(case))
    assert checked.ok, [p.format() for p in checked.problems]
    assert main(["slides", str(case), "-o", str(tmp_path / "deck.pptx")]) == 0
    err = capsys.readouterr().err
    assert "is too tall for the slide and is shrunk to fit" in err and "under 18 pt" in err
    assert main(["slides", str(REFERENCE), "-o", str(tmp_path / "ref.pptx")]) == 0
    assert "shrunk" not in capsys.readouterr().err


@pytest.mark.parametrize("engine", ["wasm", "system"])
def test_a_long_axis_caption_keeps_the_figure_on_the_slide(engine: str) -> None:
    """An axis that counts months from a long event name (li2017's, with its diagnosis put
    before the resection rather than on its day: "months from complete surgical resection of
    the right axillary mass and regional lymph nodes"): wrapped, it stays inside the figure
    whatever font the engine sets it in (the system Graphviz's is wider than the estimate)."""
    from timeline import check_text
    from timeline.render.engines import has_system_graphviz
    from timeline.render.pptx_deck import figure_scale

    if engine == "system" and not has_system_graphviz():
        pytest.skip("the system Graphviz is not installed")
    path = next(p for p in CASES if p.name.startswith("li2017"))
    text = path.read_text(encoding="utf-8").replace(
        "    at: axilla-resection", "    before: axilla-resection", 1
    )
    checked = check_text(text, str(path))
    assert checked.schedule is not None and checked.schedule.anchor == "axilla-resection"
    deck = build_deck(checked, backend=engine)  # type: ignore[arg-type]
    figures = [s for s in deck.slides if s.figure is not None]
    assert figures and all(figure_scale(s) == 1.0 for s in figures)
    assert all(b"axis&#45;caption&#45;2" in s.figure for s in figures if s.kind == "step")


def test_two_questions_of_one_step_are_asked_apart() -> None:
    """A finding and the decision it led to fall in one step; each carries a question. Asked
    on one slide over the finding, the second answered the first ("multiple brain metastases
    … what now?" under "what does the MRI show?"): each is asked on a slide of its own, the
    finding's first over the figure before the finding, then the decision's with the finding
    shown; the step's notes give both answers."""
    import yaml

    from conftest import case, check, event

    data = case()
    event(data, "recurrence")["teach"] = {"question": "Where did it recur?", "answer": "Liver."}
    event(data, "line1")["teach"] = {"question": "What now?", "answer": "Letrozole."}
    checked = check(yaml.safe_dump(data))
    step = next(s for s in teaching_steps(checked) if "recurrence" in s.ids)
    assert "line1" in step.ids, "the recurrence and the letrozole it led to are one step"
    assert (step.early_question, step.early_answer) == ("Where did it recur?", "Liver.")
    assert (step.question, step.answer) == ("What now?", "Letrozole.")
    assert step.notes.startswith("Answer: Liver.\nLetrozole.")
    deck = build_deck(checked, backend="wasm")
    first, second = [s for s in deck.slides if s.kind == "question"][:2]
    assert (first.caption, second.caption) == ("Where did it recur?", "What now?")
    assert "Answer: Liver." in first.notes and "Answer: Letrozole." in second.notes
    assert b"recurrence" not in (first.figure or b"").split(b"</title>", 1)[1]
    assert re.search(rb'class="node event recurrence', second.figure or b"")
    prs = pptx.Presentation(io.BytesIO(deck_pptx(deck)))
    slide = prs.slides[deck.slides.index(first)]
    paragraphs = [
        p.text for sh in slide.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs
    ]
    assert "Where did it recur?" in paragraphs and "What now?" not in paragraphs


def test_a_finding_after_a_therapy_started_is_a_step_of_its_own() -> None:
    """jitc2018: grade 4 hepatitis two weeks into maintenance nivolumab was one step with it,
    captioned "toxicity … → L2 maintenance: nivolumab", as if the maintenance answered the
    hepatitis; the maintenance is a step, and the hepatitis the next one."""
    checked = check_path(str(ROOT / "cases" / "jitc2018-uveal-melanoma-ipi-nivo-hepatitis.yaml"))
    captions = [s.caption for s in teaching_steps(checked)]
    maintenance = next(i for i, c in enumerate(captions) if "L2 maintenance" in c)
    assert "toxicity" not in captions[maintenance]
    assert "toxicity: Alanine aminotransferase increased" in captions[maintenance + 1]


def test_a_finding_known_only_to_follow_is_not_told_in_the_step_before_it() -> None:
    """A Hodgkin report: a PR in September 2023, then a complete response, the relapse, the
    salvage line and a response to it, each known only to follow the one before. The
    schedule puts them all on one day, and the steps read "September 2023 — partial
    response; complete response" and "recurrence; metabolic response → salvage", a response
    told before the line it came of. Each finding the case puts after another, at no stated
    distance, is a step of its own; a response after a line's start comes after the line."""
    import yaml

    from conftest import case, check, event

    data = case()
    data["events"] = [e for e in data["events"] if e["id"] not in ("ai-resistance",)]
    event(data, "pr")["date"] = "2012-09"
    cr = {"id": "cr", "type": "response", "date": {"after": "pr"}, "category": "CR"}
    data["events"].insert(data["events"].index(event(data, "pd")), cr)
    event(data, "pd")["date"] = {"after": "cr"}
    event(data, "line1")["end"] = "pd"
    event(data, "line2")["start"] = {"after": "pd"}
    event(data, "fu")["date"] = {"after": "line2.start"}
    data["events"].insert(
        len(data["events"]) - 1,
        {"id": "pr2", "type": "response", "date": {"after": "line2.start"}, "category": "PR"},
    )
    checked = check(yaml.safe_dump(data))
    assert checked.ok, [p.format() for p in checked.problems]
    steps = teaching_steps(checked)
    where = {e.id: n for n, s in enumerate(steps) for e in s.events}
    assert where["pr"] < where["cr"] < where["line2"] < where["pr2"], [s.caption for s in steps]
    assert where["pd"] == where["line2"]  # the progression and the line it led to: one step
    assert "September 2012" in steps[where["pr"]].caption
    assert steps[where["cr"]].caption.startswith("From September 2012")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_no_step_figure_shows_a_line_of_a_later_step(path) -> None:  # type: ignore[no-untyped-def]
    """A step's figure is cut after its last event in the schedule's order, so a line told in a
    later step is not drawn though the dates put it on the same day or in the zone of dates
    known only by order (xu2022-like cases showed every line of the zone from the first step)."""
    from timeline.model import Regimen
    from timeline.render.layout import swimlane
    from timeline.render.scene import slug
    from timeline.render.style import THEMES
    from timeline.render.timescale import drawn_order

    checked = check_path(str(path))
    if not checked.ok or checked.case is None or checked.schedule is None:
        pytest.skip("not a case")
    steps = teaching_steps(checked, drawn_order(checked.schedule))  # (as the deck tells them)
    for n, step in enumerate(steps):
        told = {e.id for s in steps[: n + 1] for e in s.events}
        later = {e.id for s in steps[n + 1 :] for e in s.events if isinstance(e, Regimen)} - told
        scene = swimlane(checked, THEMES["deck"], step.until, step.ids, None, step.events[-1].id)
        ids = {i.id for i in scene.items}
        drawn = {r for r in later if f"line-{slug(r)}" in ids}
        assert not drawn, (n + 1, step.caption, drawn)


def test_the_title_slide_dates_the_diagnosis_as_show_does() -> None:
    """jitc2018 has no calendar date: its diagnosis is "by month 0", not "unknown" (inferred,
    as `show` says it)."""
    checked = check_path(str(ROOT / "cases" / "jitc2018-uveal-melanoma-ipi-nivo-hepatitis.yaml"))
    title = build_deck(checked, backend="wasm").slides[0]
    assert "Diagnosis: by month 0 (inferred)" in title.lines
    # a diagnosis the file dates by inference says so, as `show` does
    shi = check_path(
        str(ROOT / "cases" / "shi2025-pdac-folfirinox-5fu-lv-resection-remission.yaml")
    )
    title = build_deck(shi, backend="wasm").slides[0]
    assert "Diagnosis: ≈ 2020-04-03 (2020-02-15 – 2020-08-27) (inferred)" in title.lines


def test_a_steps_bound_is_said_as_show_says_it() -> None:
    """A CML report's progression is known only to come at least 24 months after its MMR (24
    calendar months: 730 days at the least). A bound is said as `show` gives it: a whole month
    within a few days of one, else to one decimal, never a whole month rounded up further."""
    checked = check_path(
        str(
            ROOT / "cases" / "aksu2020-paediatric-cml-imatinib-dasatinib-ponatinib-blast-phase.yaml"
        )
    )
    captions = [s.caption for s in teaching_steps(checked)]
    assert any(c.startswith("From month 24 (inferred) — progression") for c in captions), captions
    shown = summary_text(checked)
    assert "from month 24 (inferred)  progression" in shown
    # a bound of 720 days (23.65 months) is "from month 23.7", never rounded up to 24
    import yaml

    from conftest import check

    data = yaml.safe_load(
        """
id: bound
diagnosis: {date: unknown}
events:
  - {id: l1, type: regimen, intent: advanced, start: unknown, end_reason: ongoing,
     agents: [imatinib]}
  - {id: pd, type: progression, date: {after: {from: l1.start, offset: 728 days}}}
"""
    )
    checked = check(data)
    captions = [s.caption for s in teaching_steps(checked)]
    # (within a few days of a whole month, as `show` says it: "from month 24")
    assert any(c.startswith("From month 24 — progression") for c in captions), captions
    assert "from month 24  progression" in summary_text(checked)
    data["events"][1]["date"] = {"after": {"from": "l1.start", "offset": "720 days"}}
    captions = [s.caption for s in teaching_steps(check(data))]
    assert any(c.startswith("From month 23.7 — progression") for c in captions), captions


def test_a_question_slide_shows_the_finding_it_tells_and_not_the_decision_it_asks_for() -> None:
    """The reference case's first question tells the recurrence of the axillary node and asks
    what to offer: its figure showed the timeline as it stood before the recurrence, the
    finding the question names missing from it. It shows the recurrence, highlighted, and not
    toremifene, the answer; a question on a step with no finding before its decision still
    shows the timeline before the step."""
    checked, deck, _prs = _deck(str(REFERENCE))
    slides = deck.slides
    first = next(i for i, s in enumerate(slides) if s.kind == "question")
    figure, step = slides[first].figure, slides[first + 1].figure
    assert figure is not None and step is not None
    assert re.search(rb'class="node event recurrence [^"]*highlight"', figure)
    assert b"therapy endocrine toremifene" not in figure
    assert b"therapy endocrine toremifene" in step
    steps = teaching_steps(checked)
    asked = next(s for s in steps if s.question)
    assert asked.shown_first == 1 and "recurrence" in asked.caption
    ogata = check_path(str(ROOT / "cases" / "ogata2022-gej-her2-tdxd-rechallenge.yaml"))
    assert [s.shown_first for s in teaching_steps(ogata) if s.question] == [0, 0]


def _first_question(text: str, path: str) -> tuple[Any, bytes, bytes]:
    """The first question slide of the deck of a case given as text, its figure and the
    figure of the step it asks about."""
    from timeline import check_text

    checked = check_text(text, path)
    assert checked.ok, [p.format() for p in checked.problems]
    slides = build_deck(checked, backend="wasm").slides
    first = next(i for i, s in enumerate(slides) if s.kind == "question")
    figure, step = slides[first].figure, slides[first + 1].figure
    assert figure is not None and step is not None
    return slides[first], figure, step


_PREMEDICATED = """\
format: 1
id: premedication-asked-for
diagnosis: {date: 2010-03}
events:
  - id: relapse
    type: recurrence
    date: 2018-06-15
  - id: premedication
    type: regimen
    intent: supportive
    start: {before: bispecific.start, within: 1 week}
    agents: [dexamethasone, tocilizumab]
  - id: bispecific
    type: regimen
    intent: advanced
    start: {after: relapse}
    agents: [teclistamab]
    teach:
      question: What premedication would you give before teclistamab?
      answer: Fluids, steroids and tocilizumab.
"""


def test_a_question_on_a_therapy_does_not_show_the_premedication_given_for_it() -> None:
    """A question asking what premedication to give before a bispecific antibody showed the
    steroid and tocilizumab bars: dated "before the bispecific, within a week", the bispecific
    begun on no stated day after the relapse, they were drawn a week before the relapse the
    question's figure is cut at. Supportive care the case dates by a therapy told later is told with
    it: the question's figure leaves it out, the step's figure draws it."""
    _slide, figure, step = _first_question(_PREMEDICATED, "premedication.yaml")
    assert b"tocilizumab" not in figure and b"dexamethasone" not in figure
    assert b"tocilizumab" in step and b"teclistamab" in step


_FIRST_ASKED = """\
format: 1
id: first-line-asked-for
diagnosis: {date: {before: first.start}}
events:
  - id: first
    type: regimen
    intent: advanced
    start: {after: diagnosis}
    end: {after: pd, before: second.start}
    end_reason: progression
    agents: [alectinib]
    teach:
      question: What is the first treatment?
      answer: Alectinib.
  - id: pd
    type: progression
    date: {after: first.start, before: second.start}
  - id: second
    type: regimen
    intent: advanced
    start: {after: 2021-05-28, before: 2022-06-10}
    agents: [sotorasib]
"""


def test_a_question_on_the_first_step_shows_nothing_told_after_the_diagnosis() -> None:
    """A first line and its progression known only by order, before a therapy dated within a
    year: the question asking for the first treatment was cut the day before its plausible
    day, after the zone they are drawn in, and showed alectinib, its progression and the
    disease as diagnosed running on to that day. Nothing told is before the first step: the
    figure is cut at it, and shows the diagnosis alone."""
    slide, figure, step = _first_question(_FIRST_ASKED, "first.yaml")
    assert b"alectinib" not in figure and b"progression" not in figure
    assert b"as-diagnosed" not in figure  # (no disease drawn on to a cut after the zone)
    assert b"alectinib" in step
    assert "Treatment so far: none" in slide.alt


_RELAPSE_ASKED = """\
format: 1
id: relapse-asked-about
diagnosis: {date: 2012-01}
events:
  - {id: first, type: regimen, intent: advanced, start: 2012-02, end: 2012-08, agents: [idarubicin]}
  - {id: cr, type: response, date: 2012-09, category: CR}
  - id: relapse
    type: recurrence
    date: 2019-09-10
    teach:
      question: A paravertebral mass compresses the cord. What should be done?
      answer: Excision, then radiotherapy.
  - {id: excision, type: surgery, date: {after: relapse}, procedure: excision of the mass}
  - {id: fu, type: follow-up, date: {after: excision}, status: alive-ned}
"""


def test_a_question_on_a_step_of_findings_alone_is_asked_before_its_finding() -> None:
    """A relapse told by a step of its own, the excision after it known only by order and
    told by the next step. A question is asked before the event it is written on is revealed
    (`teach`), a finding too: a step of findings alone was shown whole by its question, and
    "what will the marrow show?" was asked over the marrow relapse, "what happens to the
    immunotherapy?" over the hepatitis and the immunotherapy stopped at it. The question
    text says what the class is told; the figure stands before the finding."""
    from timeline import check_text

    asked = next(s for s in teaching_steps(check_text(_RELAPSE_ASKED, "r.yaml")) if s.question)
    assert [e.id for e in asked.events] == ["relapse"] and asked.shown_first == 0
    _slide, figure, _step = _first_question(_RELAPSE_ASKED, "relapse.yaml")
    assert not re.search(rb'class="node event recurrence', figure)
    assert b"excision" not in figure
