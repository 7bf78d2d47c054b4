"""The state machine as a networkx graph, and the compiled adjacency the validator reads."""

from __future__ import annotations

import networkx as nx
import pytest

from conftest import AFTER_A_WIDE_RECURRENCE, BASE, CASES, check
from timeline import check_path, check_text
from timeline.states import INITIAL, STATES, TRANSITIONS, compiled_machine, state_graph


def test_graph_holds_every_state_and_transition() -> None:
    g = state_graph()
    assert isinstance(g, nx.DiGraph)
    assert set(g.nodes) == set(STATES)
    assert g.number_of_edges() == len(TRANSITIONS)
    assert g.graph["initial"] == INITIAL


def test_dead_is_absorbing_and_reachable_from_everywhere() -> None:
    g = state_graph()
    assert g.out_degree("dead") == 0
    for state in STATES:
        assert nx.has_path(g, state, "dead")


def test_recist_after_cr_only_cr_progression_death_or_resection() -> None:
    g = state_graph()
    assert set(g.successors("cr")) == {"cr", "pd", "dead", "ned"}
    assert not g.has_edge("ned", "cr")
    assert g.edges["ned", "pd"]["triggers"] == ("recurrence",)
    assert g.edges["pd", "pr"]["guard"] == "new-therapy"


def test_compiled_machine_matches_graph() -> None:
    g, c = state_graph(), compiled_machine()
    for u in STATES:
        assert sorted(c.successors(u)) == sorted(g.successors(u))
        for v in STATES:
            assert c.has_edge(u, v) == g.has_edge(u, v)
            if g.has_edge(u, v):
                assert c.edges[u, v] == g.edges[u, v]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_replay_is_the_same_through_the_networkx_graph(path: object) -> None:
    default = check_path(str(path))
    through_graph = check_path(str(path), machine=state_graph())
    assert [p.format() for p in default.problems] == [p.format() for p in through_graph.problems]
    assert [(s.before, s.after) for s in default.steps] == [
        (s.before, s.after) for s in through_graph.steps
    ]


def test_a_stricter_machine_changes_the_verdict() -> None:
    g = state_graph()
    g.remove_edge("pd", "sd")  # a stricter reading: no stable disease straight after progression
    import yaml

    from timeline import check_text

    text = yaml.safe_dump(BASE)
    assert check_text(text).ok
    data = dict(BASE)
    events = [dict(e) for e in BASE["events"]]
    events.append({"id": "sd", "type": "response", "date": "2013-06", "category": "SD"})
    data["events"] = events
    assert check(data).ok
    assert "T001" in {p.code for p in check_text(yaml.safe_dump(data), machine=g).problems}


def test_networkx_is_not_imported_by_validation() -> None:
    import subprocess
    import sys

    from conftest import REFERENCE

    code = (
        "import sys; from timeline import check_path; "
        f"check_path({str(REFERENCE)!r}); print('networkx' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_path_key_marks_an_inferred_date_as_show_does() -> None:
    """argentiero2020's response is dated "after 10 cycles", read as the end of the tenth cycle
    (inferred): the key to the numbered arrows says so, as ``show`` does."""
    from conftest import ROOT
    from timeline.render.statefig import path_steps

    steps = path_steps(
        check_path(str(ROOT / "cases" / "argentiero2020-pdac-mfolfirinox-conversion.yaml"))
    )
    assert steps[0].startswith("1. ≈ month 6.1 (2 to 37) (inferred): response PR")
    assert "(inferred)" not in steps[1]  # the operation's date is the source's order


def test_the_key_names_which_of_two_operations_made_the_change() -> None:
    """An occult tubal cancer found on a hysterectomy for benign disease, then a staging
    laparotomy: the key said "1. month 0 curative surgery → NED", not which operation; a case
    with one operation keeps the short words."""
    from timeline import check_text
    from timeline.render.statefig import path_steps

    text = """
format: 1
id: two-operations
diagnosis: {date: 2020-03}
events:
  - {id: hyst, type: surgery, date: 2020-03, procedure: hysterectomy (benign indication)}
  - {id: staging, type: surgery, date: 2020-05, procedure: staging laparotomy (nodes), curative: true}
  - {id: last, type: follow-up, date: 2021-05, status: alive-ned}
"""
    steps = path_steps(check_text(text, "two.yaml"))
    assert steps[0].endswith("curative surgery (staging laparotomy) → NED"), steps
    one = text.replace(
        "  - {id: hyst, type: surgery, date: 2020-03, procedure: hysterectomy (benign indication)}\n",
        "",
    )
    steps = path_steps(check_text(one, "one.yaml"))
    assert steps[0].endswith(": curative surgery → NED"), steps


def test_the_key_names_the_sites_of_a_response_at_some_sites() -> None:
    """A complete intracranial response was keyed "response CR → CR", with a thick-bordered
    final CR, as the whole disease's; the key says where ("response CR (brain) → CR")."""
    from timeline import check_text
    from timeline.render.statefig import path_steps

    text = """
format: 1
id: brain-cr
diagnosis: {date: 2020-03}
events:
  - {id: a, type: regimen, intent: advanced, start: 2020-04, end_reason: ongoing, agents: [olaparib]}
  - {id: cr, type: response, date: 2020-09, category: CR, sites: [brain]}
"""
    steps = path_steps(check_text(text, "brain.yaml"))
    assert steps[-1].endswith("response CR (brain) → CR"), steps


def test_a_long_step_of_the_key_is_wrapped_within_the_figure() -> None:
    """namikawa2018's first step names a long operation: it ran past the right edge."""
    from conftest import ROOT
    from timeline.render.statefig import states_dot
    from timeline.render.style import THEMES, text_width

    theme = THEMES["print"]

    checked = check_path(
        str(ROOT / "cases" / "namikawa2018-gastric-sox-ramucirumab-nivolumab-cr.yaml")
    )
    dot, _classes = states_dot(checked, theme)
    label = dot.split('label="', 1)[1].split('"', 1)[0]
    steps = [line for line in label.split(r"\l") if "curative surgery" in line]
    assert steps and all(
        text_width(line, theme.font) <= min(theme.width * 0.6, 560) / 1.12 + 1 for line in steps
    ), steps
    assert "lymph node dissection) → NED" in label


def test_the_key_says_the_responses_in_words_after_the_last_change() -> None:
    """A lymphoma improving on CHOP after its transformation: the path ended at the
    progression, as if progressing still, the improvement (in the authors' words, no category)
    moving no state. The key says it after the steps; a response in words before the last
    change is not repeated there."""
    from conftest import ROOT
    from timeline.render.statefig import said_after

    checked = check_path(
        str(ROOT / "cases" / "kim2003-nodal-mzl-observation-dlbcl-transformation-chop.yaml")
    )
    assert said_after(checked) == (
        "then, in the authors' words (no change of state): 'clinical improvement' (from month 42)"
    )
    reference = check_path(str(ROOT / "cases" / "cr000-paclitaxel-bevacizumab.yaml"))
    assert said_after(reference) is None


def test_the_last_state_is_not_drawn_as_where_the_case_stands_when_words_follow_it() -> None:
    """kim2003's last change is a progression (a transformation), the improvement on CHOP
    after it in the authors' words: the progression had the thick border of the state the case
    ends in. It is dashed, and the key says why; the reference case's last state is solid."""
    from conftest import ROOT
    from timeline.render.statefig import SAID_AFTER_KEY, said_after, states_dot
    from timeline.render.style import THEMES

    checked = check_path(
        str(ROOT / "cases" / "kim2003-nodal-mzl-observation-dlbcl-transformation-chop.yaml")
    )
    dot, _classes = states_dot(checked, THEMES["print"])
    final = next(line for line in dot.splitlines() if "penwidth=2.2" in line)
    assert "state-pd" in final and "dashed" in final, final
    words = SAID_AFTER_KEY.split()
    assert " ".join(words[:4]) in " ".join(dot.replace("\\l", " ").split())
    reference = check_path(str(ROOT / "cases" / "cr000-paclitaxel-bevacizumab.yaml"))
    dot, _classes = states_dot(reference, THEMES["print"])
    final = next(line for line in dot.splitlines() if "penwidth=2.2" in line)
    assert "dashed" not in final and "Dashed thick border" not in dot
    # (and the deck's caption of the path says the words after it)
    from timeline.render.deck import build_deck

    slide = next(s for s in build_deck(checked, backend="wasm").slides if s.kind == "states")
    assert slide.caption.endswith("; " + (said_after(checked) or "?")), slide.caption


def test_the_words_after_the_last_change_are_in_the_picture_itself() -> None:
    """An ALK-positive lymphoma "in durable remission" on alectinib after a CNS relapse: the
    path ended on a thick PD, its remission said only in the heading, which a deck's slide
    does not draw. A dashed note, tied to the last state, says the last words after it; a
    deck's figure has none (its slide's caption says them: the note made it too tall), nor
    does a path whose last state is where the case stands."""
    from conftest import ROOT
    from timeline.render.statefig import states_dot
    from timeline.render.style import THEMES

    checked = check_path(
        str(ROOT / "cases" / "kim2003-nodal-mzl-observation-dlbcl-transformation-chop.yaml")
    )
    for theme in ("print", "slide"):
        dot, classes = states_dot(checked, THEMES[theme])
        (note,) = [x for x in dot.splitlines() if x.strip().startswith('"said-after" ')]
        assert "shape=note" in note and "'clinical improvement'" in note, note
        said = note.split('label="')[1].split('"')[0].replace("\\l", " ")
        assert said.startswith("last, in the authors' words: 'clinical"), said
        assert '"state-pd" -> "said-after"' in dot
        assert classes["said-after"] == ("said-after-note",)
        # as wide as its words set in a face wider than Helvetica, the one Graphviz measures
        # ("clinical" ran out of the note, over its folded corner, in a PNG)
        from timeline.render.style import text_width

        width = float(note.split(" width=")[1].split()[0].strip('"]'))
        widest = max(
            text_width(x, THEMES[theme].small)
            for x in note.split('label="')[1].split('"')[0].split("\\l")
        )
        assert width * 72 >= widest * 1.15, (width * 72, widest)
    reference = check_path(str(ROOT / "cases" / "cr000-paclitaxel-bevacizumab.yaml"))
    dot, _classes = states_dot(reference, THEMES["print"])
    assert "said-after" not in dot


def test_a_response_in_words_told_before_the_last_change_is_not_said_after_it() -> None:
    """A "brief success" of chemotherapy, then a progression and death, all known only by
    order: the three share one plausible day, and the key said the success "then", after the
    death. The case's order decides."""
    from timeline import check_text
    from timeline.render.statefig import said_after

    text = """
format: 1
id: tied
diagnosis: {date: 2015-01}
events:
  - {id: rx, type: regimen, intent: advanced, start: 2015-02, end: pd, end_reason: progression,
     agents: [gefitinib]}
  - {id: pd, type: progression, date: 2016-02}
  - {id: chemo, type: regimen, intent: advanced, start: {after: pd}, agents: [pemetrexed]}
  - {id: benefit, type: response, date: {after: chemo.start}, category: unknown,
     authors_term: brief success}
  - {id: pd2, type: progression, date: {after: benefit}}
  - {id: death, type: death, date: {after: pd2}}
"""
    checked = check_text(text, "tied.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    assert said_after(checked) is None
    calm = (
        "  - {id: calm, type: response, date: {after: pd2}, category: unknown,"
        " authors_term: stable}\n"
    )
    # (one told after the last change is said after it; not after a death, which the case
    # puts after every event)
    alive = text.replace("  - {id: death, type: death, date: {after: pd2}}\n", "")
    later = check_text(alive + calm, "t2.yaml")
    assert "'stable'" in (said_after(later) or ""), said_after(later)


def test_the_key_tells_responses_in_the_authors_words_between_changes() -> None:
    """A lung cancer that "initially responded" to two lines, both in the authors' words, then
    progressed: the key read "1. progression → PD; 2. progression → PD; 3. death", as if it
    never responded. Each such response is told before the change it preceded."""
    from timeline import check_text
    from timeline.render.statefig import states_dot
    from timeline.render.style import THEMES

    text = """
format: 1
id: words
diagnosis: {date: 2019-01}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2019-02, end: pd1,
     end_reason: progression, agents: [carboplatin, pemetrexed]}
  - {id: r1, type: response, date: 2019-05, category: unknown, authors_term: initially responded}
  - {id: pd1, type: progression, date: 2019-09}
  - {id: l2, type: regimen, intent: advanced, start: 2019-10, agents: [sotorasib],
     end_reason: unknown, end: death}
  - {id: r2, type: response, date: 2019-12, category: unknown, authors_term: responded again}
  - {id: pd2, type: progression, date: 2020-03}
  - {id: death, type: death, date: 2020-05}
"""
    dot, _classes = states_dot(check_text(text, "words.yaml"), THEMES["slide"])
    key = dot.replace("\\l", "\n").replace("\n", " ")
    first = key.index("'initially responded'")
    assert (
        first < key.index("1. 2019-09") < key.index("'responded again'") < key.index("2. 2020-03")
    )


def test_the_state_the_last_follow_up_reports_ends_the_path_as_the_swimlane_ends() -> None:
    """A rectal GIST resected three times (completeness not given), "no recurrence" at the last
    follow-up: the swimlane ended the Disease lane in NED, while the states figure gave PD the
    thick border of the last state and the deck's alt text said "PD, PD, PD". The figure draws
    the reported state at the end of the path, dashed and unnumbered, and says so."""
    from conftest import NED_AT_FOLLOW_UP as text
    from timeline import check_text
    from timeline.render.deck import _alt
    from timeline.render.statefig import states_dot
    from timeline.render.style import THEMES

    checked = check_text(text, "nedfu.yaml")
    dot, classes = states_dot(checked, THEMES["slide"])
    assert classes["t-reported"] == ("transition", "reported")
    assert "final" in classes["state-ned"] and "final" not in classes["state-pd"]
    assert "then, at the last follow-up (2022-03): alive, no evidence of disease" in dot
    assert '"state-pd" -> "state-ned"' in dot and "style=dashed" in dot
    assert "NED (at the last follow-up" in _alt(checked, None, None)
    # a status the path already leads to: nothing added
    same = check_text(text.replace("alive-ned", "alive-with-disease"), "w.yaml")
    dot, classes = states_dot(same, THEMES["slide"])
    assert "t-reported" not in classes and "final" in classes["state-pd"]


def test_the_deck_states_slide_ends_its_path_in_the_state_the_last_follow_up_reports() -> None:
    """The deck's slide of the states figure: its caption "1 PD" and its key ended the path in
    progression while its figure drew the follow-up's "alive, no evidence of disease" after
    it (an ovarian cancer "in remission" after its third recurrence)."""
    from conftest import NED_AT_FOLLOW_UP as text
    from timeline import check_text
    from timeline.render.deck import build_deck

    checked = check_text(text, "nedfu.yaml")
    slide = next(s for s in build_deck(checked, backend="wasm").slides if s.kind == "states")
    assert slide.caption == "1 PD → NED (at the last follow-up, no recorded change to it)"
    assert slide.notes.splitlines()[-1].startswith(
        "then, at the last follow-up (2022-03): alive, no evidence of disease → NED"
    )
    same = check_text(text.replace("alive-ned", "alive-with-disease"), "w.yaml")
    slide = next(s for s in build_deck(same, backend="wasm").slides if s.kind == "states")
    # (the resection of unknown completeness after the PD is said, as the key says it)
    assert slide.caption == (
        "1 PD; then (no change of state recorded): operation (resection), its completeness"
        " not given (2020-08)"
    )


def test_the_key_says_a_recurrence_came_back_as_another_histology() -> None:
    """A follicular lymphoma relapsing, then coming back as a lymphoblastic lymphoma: the key
    said "recurrence → PD / recurrence" of both, and lost the transformation the case is
    about; it says it as the swimlane's label does ("recurrence as …"), or that there is a
    new histology when the words are long."""
    from timeline import check_text
    from timeline.render.statefig import path_steps

    text = """
format: 1
id: transformed
diagnosis: {date: 2010-03, histology: follicular lymphoma}
events:
  - {id: rchop, type: regimen, intent: advanced, start: 2010-04, end: 2010-08,
     end_reason: completed, agents: [rituximab, cyclophosphamide, doxorubicin, vincristine,
     prednisone]}
  - {id: cr, type: response, date: 2010-09, category: CR}
  - {id: rel, type: recurrence, date: 2013-09, sites: [neck]}
  - {id: fu, type: follow-up, date: 2014-01, status: alive-with-disease}
"""
    steps = path_steps(check_text(text, "plain.yaml"))
    assert steps[-1].endswith(": recurrence → PD / recurrence"), steps
    transformed = text.replace(
        "sites: [neck]}", "sites: [neck], histology: lymphoblastic lymphoma}"
    )
    steps = path_steps(check_text(transformed, "t.yaml"))
    assert steps[-1].endswith(": recurrence as lymphoblastic lymphoma → PD / recurrence"), steps
    long = text.replace(
        "sites: [neck]}",
        "sites: [neck], histology: lymphoblasts of acute lymphoblastic leukaemia morphology}",
    )
    steps = path_steps(check_text(long, "l.yaml"))
    assert steps[-1].endswith(": recurrence, new histology → PD / recurrence"), steps


def test_the_states_key_says_an_operation_of_unknown_completeness_between_changes() -> None:
    """A GIST's PD, its metastases resected (completeness not given), and a relapse five weeks
    later: the states figure drew PD → PD with nothing between, a disease that grew on through
    the operation, where the swimlane leaves the lane blank after it. The key says the
    operation between the two changes, and one before the first change too (a thyroid
    cancer's path went from Diagnosed to a recurrence, its thyroidectomy said nowhere: a
    recurrence of a cancer never treated)."""
    from timeline.render.statefig import states_dot
    from timeline.render.style import THEMES

    checked = check(
        """format: 1
id: op-between
diagnosis: {date: 2010-01}
events:
  - {id: first, type: surgery, date: 2010-02, procedure: gastrectomy, curative: unknown}
  - {id: pd, type: recurrence, date: 2011-01, sites: [liver]}
  - {id: suni, type: regimen, intent: advanced, start: 2011-02, end: {before: op},
     end_reason: other, agents: [sunitinib]}
  - {id: op, type: surgery, date: 2011-09-01, procedure: hepatectomy, curative: unknown}
  - {id: rel, type: recurrence, date: {from: op, offset: 5 weeks}}
"""
    )
    dot = states_dot(checked, THEMES["slide"])[0]
    assert "operation (hepatectomy), its completeness not given" in dot
    key = " ".join(dot.replace("\\l", " ").split())
    assert key.index("operation (gastrectomy), its completeness not given") < key.index("1. ")


def test_an_operation_after_the_last_change_dashes_the_last_state() -> None:
    """Brain metastases (PD), then their resection of unknown completeness and gamma knife,
    the patient alive eight years on: the path ended on PD with the thick solid border of
    where the case stands, and the key said nothing of the operation after it."""
    from timeline.render.statefig import OPERATED_AFTER_KEY, states_dot
    from timeline.render.style import THEMES

    checked = check(
        """format: 1
id: op-after
diagnosis: {date: 2009-01}
events:
  - {id: pd, type: progression, date: 2011-01, sites: [brain]}
  - {id: op, type: surgery, date: 2011-03, procedure: resection of brain metastases,
     curative: unknown}
  - {id: fu, type: follow-up, date: 2019-01, status: alive}
"""
    )
    dot = states_dot(checked, THEMES["slide"])[0]
    text = " ".join(dot.replace("\\l", " ").split())
    assert "operation (resection of brain metastases), its completeness not given" in text
    assert " ".join(OPERATED_AFTER_KEY.split()) in text
    assert "dashed" in dot


def test_the_key_names_both_when_words_and_an_operation_follow_the_last_change() -> None:
    """A phaeochromocytoma: stable disease, then MIBG uptake "similar" in the authors' words,
    then a kyphoplasty of unknown completeness. The key said the dashed note held "the
    authors' words"; it held the kyphoplasty."""
    from timeline.render.statefig import BOTH_AFTER_KEY, SAID_AFTER_KEY, states_dot
    from timeline.render.style import THEMES

    checked = check(
        """format: 1
id: both-after
diagnosis: {date: 1992}
events:
  - {id: rec, type: recurrence, date: 2010-04, sites: [bone]}
  - {id: rt, type: radiotherapy, start: 2010-09, site: D10 vertebra}
  - {id: sd, type: response, date: 2010-12, category: SD}
  - {id: said, type: response, date: 2011-05, category: unknown,
     authors_term: similar degree of activity}
  - {id: op, type: surgery, date: 2011-06, procedure: kyphoplasty, curative: unknown}
  - {id: fu, type: follow-up, date: 2011-09, status: alive}
"""
    )
    text = " ".join(states_dot(checked, THEMES["slide"])[0].replace("\\l", " ").split())
    assert " ".join(BOTH_AFTER_KEY.split()) in text, text
    assert " ".join(SAID_AFTER_KEY.split()) not in text


def test_the_key_says_a_change_known_only_to_follow_the_one_before_comes_then() -> None:
    """A recurrence known within eight years (said at its plausible day), then a response and
    an operation known only to follow it: "2. from month 168: response PR" after "1. ≈ month
    216 (168 to 264): recurrence" read as years before it. Said "then, from"; a date later
    than the change before is said as it is."""
    from timeline.render.statefig import path_steps

    relative = AFTER_A_WIDE_RECURRENCE
    text = relative.replace("diagnosis: {date: unknown}", "diagnosis: {date: 2000-01}")
    for case in (text, relative):
        steps = path_steps(check(case))
        assert steps[0].startswith("1. ≈"), steps
        assert steps[1].startswith("2. then, from "), steps
        assert steps[2].startswith("3. then, from "), steps
    dated = text.replace("date: {after: pr}", "date: 2022-06-01")
    steps = path_steps(check(dated))
    assert steps[2].startswith("3. 2022-06-01"), steps


def test_what_follows_the_last_change_is_said_in_the_cases_order() -> None:
    """An ovarian cancer report: a brain metastasis resected (its completeness not given),
    then niraparib, then a "good treatment response". The state figure's caption said the
    response first and the operation after it: responses in the authors' words were all said
    before operations, whatever the case's order."""
    from conftest import check
    from timeline.render.statefig import said_after

    checked = check(
        """
format: 1
id: after-the-last
diagnosis: {date: 2019-01}
events:
  - {id: op, type: surgery, date: 2019-01, procedure: debulking, curative: true}
  - {id: rec, type: recurrence, date: {from: op, offset: 21 months}}
  - {id: brain, type: surgery, date: {after: rec}, procedure: brain resection, site: brain,
     curative: unknown}
  - {id: parp, type: regimen, intent: advanced, start: {after: brain}, end_reason: ongoing,
     agents: [niraparib]}
  - {id: good, type: response, date: {after: parp.start, before: fu}, category: unknown,
     authors_term: good treatment response}
  - {id: fu, type: follow-up, date: {from: parp.start, offset: 29 months}, status: alive}
"""
    )
    said = said_after(checked)
    assert said is not None
    assert said.index("brain resection") < said.index("good treatment response"), said


def test_the_key_gives_the_cause_of_a_death() -> None:
    """A MALT lymphoma progressing in the lungs, then a second lymphoma (DLBCL) the patient
    died of: the key read "2. …: death → Dead" after "1. …: progression → PD", as if he died of
    the first. It gives the cause, as `show` does."""
    from timeline import check_text
    from timeline.render.statefig import path_steps

    text = """
format: 1
id: death-of-a-second-cancer
diagnosis: {date: 2001-03}
events:
  - {id: pd, type: progression, date: 2013-03, sites: [lung]}
  - {id: dlbcl, type: second-primary, date: 2016-02, cancer: diffuse large B-cell lymphoma}
  - {id: death, type: death, date: 2016-09, cause: diffuse large B-cell lymphoma}
"""
    steps = path_steps(check_text(text, "death.yaml"))
    assert steps[-1].endswith(": death (diffuse large B-cell lymphoma) → Dead"), steps


def test_a_no_response_after_the_last_change_is_not_called_the_authors_words() -> None:
    """A thymoma's chemotherapy "to which the tumor showed resistance", written as a no
    response (NR: SD or PD, not said which) after the recurrence: the diagram said "then, in
    the authors' words (no change of state): no response, SD or PD: …", and its key called
    the words after the last state "in no category", though the file gave this one a
    category."""
    from timeline.render.statefig import SAID_AFTER_KEY, said_after

    text = """
format: 1
id: nr-after
diagnosis: {date: 2020-01}
events:
  - {id: op, type: surgery, date: 2020-02, procedure: thymectomy, curative: true}
  - {id: rec, type: recurrence, date: 2022-07}
  - {id: chemo, type: regimen, intent: advanced, start: 2022-08, end: 2023-01,
     end_reason: no-response, agents: [carboplatin, paclitaxel]}
  - {id: nr, type: response, date: 2022-12, category: NR, authors_term: showed resistance}
"""
    checked = check_text(text, "nr.yaml")
    said = said_after(checked)
    assert said is not None and said.startswith("then, no response, SD or PD (no change"), said
    assert "authors' words" not in said, said
    assert "no response, SD or PD" in SAID_AFTER_KEY
