"""Trial files, their numbers traced to the seed sentences, and the evidence beside a case."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REFERENCE, ROOT, SHARED
from timeline import check_path, check_text
from timeline.evidence import matches, trials_beside

TRIALS = sorted((ROOT / "cases" / "trials").glob("*.yaml"))


@pytest.mark.parametrize("path", TRIALS, ids=lambda p: p.stem)
def test_trial_files_validate(path: Path) -> None:
    checked = check_path(str(path))
    assert checked.ok and checked.trial is not None, [p.format() for p in checked.problems]
    assert checked.trial.id == path.stem
    assert checked.trial.arms and checked.trial.quotes()


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("path", TRIALS, ids=lambda p: p.stem)
def test_every_number_is_traced_to_its_seed_sentence(path: Path) -> None:
    trial = check_path(str(path)).trial
    assert trial is not None and trial.seed
    seed = SHARED / "seeds" / trial.seed
    if not seed.exists():
        pytest.skip(f"the seed {trial.seed} is not beside the project")
    source = _squash(seed.read_text(encoding="utf-8"))
    for quote in trial.quotes():
        assert _squash(quote) in source, f"not in {trial.seed}: {quote!r}"
    for arm in trial.arms:
        for e in arm.endpoints:
            number = e.median_months if e.median_months is not None else e.percent
            if number is not None:
                assert f"{number:g}" in e.source_text, (arm.id, e.name, number)


def test_the_reference_case_beside_e2100_and_bolero_2() -> None:
    checked = check_path(str(REFERENCE))
    found = matches(checked, trials_beside(str(REFERENCE)))
    by_line = {(m.line.label, m.trial.name) for m in found}
    l4 = next(m for m in found if m.line.label == "L4")
    assert "E2100" in l4.trial.name
    medians = {
        a.name: a.median("PFS").median_months for a in (l4.arm, *l4.others) if a.median("PFS")
    }  # type: ignore[union-attr]
    assert sorted(medians.values()) == [5.9, 11.8]
    assert any("first line" in d and "fourth line" in d for d in l4.differences)
    assert any(label == "L2" and "BOLERO" in name.upper() for label, name in by_line)


def test_show_prints_the_evidence(tmp_path: Path) -> None:
    from conftest import run_cli

    out = run_cli("show", str(REFERENCE)).stdout
    section = out[out.index("  Evidence") :]
    assert "L4 paclitaxel + bevacizumab ~ E2100" in section and "11.8 months" in section
    assert "5.9 months" in section and "fourth line" in section
    data = json.loads(run_cli("show", "--format", "json", str(REFERENCE)).stdout)
    assert {e["line"] for e in data["evidence"]} >= {"L2", "L4"}


def test_a_trial_of_another_cancer_is_not_evidence() -> None:
    """hilal2016 is ovarian cancer: its exemestane line has BOLERO-2's comparator agents, but
    BOLERO-2 enrolled breast cancer, so nothing matches."""
    path = ROOT / "cases" / "hilal-ovarian-long-term-survivor.yaml"
    checked = check_path(str(path))
    trials = trials_beside(str(path))
    assert any(
        {a.agent for a in arm.agents} == set(line.regimen.agent_names())
        for line in checked.lines
        for t in trials
        for arm in t.arms
    ), "the case still has a line with a trial arm's agents"
    assert matches(checked, trials) == []


@pytest.mark.parametrize("patient", ["cr003-her2-liver-patient1", "cr003-her2-liver-patient2"])
def test_seed_003_matches_no_seed_trial(patient: str) -> None:
    path = ROOT / "cases" / f"{patient}.yaml"
    assert matches(check_path(str(path)), trials_beside(str(path))) == []


def test_render_evidence_marks_the_medians(tmp_path: Path) -> None:
    from svgread import groups, text_boxes, with_class
    from timeline.cli import main

    out = tmp_path / "evidence.svg"
    assert main(["render", str(REFERENCE), "-o", str(out), "--engine", "wasm", "--evidence"]) == 0
    svg = out.read_bytes()
    assert len(with_class(groups(svg), "trial-median")) >= 2
    labels = [t.text for t in text_boxes(svg) if "median" in t.text]
    assert any("11.8" in t for t in labels) and any("5.9" in t for t in labels)
    # only the arm each line matches: L2 exemestane is BOLERO-2's placebo arm, not everolimus
    assert any("placebo + exemestane" in t for t in labels)
    assert not any("everolimus + exemestane" in t for t in labels)
    assert b"other arms, which this line did not get: everolimus + exemestane" in svg
    assert "Trial medians" in " ".join(t.text for t in text_boxes(svg))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("kind: trial\nid: t\nname: T\nbogus: 1\narms: []\n", "S001"),
        (
            "kind: trial\nid: t\nname: T\narms:\n  - {id: a, name: A, agents: [{agent: paclitaxel}],"
            " source_text: x}\ncomparisons:\n  - {endpoint: PFS, arms: [a, b], hr: 0.6, source_text: y}\n",
            "S007",
        ),
        (
            "kind: trial\nid: t\nname: T\narms:\n  - {id: a, name: A, agents: [{agent: paclitaxel}]}\n",
            "S002",
        ),
        (
            "kind: trial\nid: t\nname: T\narms:\n  - {id: a, name: A, agents: [{agent: paclitaxell}], source_text: x}\n",
            "A001",
        ),
    ],
)
def test_trial_misuse_is_located(text: str, code: str) -> None:
    checked = check_text(text, "trial.yaml")
    problem = next((p for p in checked.problems if p.code == code), None)
    assert problem is not None, [p.format() for p in checked.problems]
    assert problem.location.line > 1


def test_a_trial_draws_its_medians(tmp_path: Path) -> None:
    from svgread import groups, text_boxes, with_class
    from timeline.cli import main

    out = tmp_path / "e2100.svg"
    assert main(["render", str(ROOT / "cases" / "trials" / "e2100.yaml"), "-o", str(out)]) == 0
    svg = out.read_bytes()
    texts = [t.text for t in text_boxes(svg)]
    assert "11.8 mo" in texts and "5.9 mo" in texts and "median PFS" in texts
    assert len(with_class(groups(svg), "median")) >= 4


def test_the_deck_ends_with_the_evidence() -> None:
    from timeline.render.deck import build_deck

    checked = check_path(str(REFERENCE))
    deck = build_deck(checked, backend="wasm", trials=trials_beside(str(REFERENCE)))
    evidence = [s for s in deck.slides if s.kind == "evidence"]
    assert len(evidence) == 1 and deck.slides[-2].kind == "evidence"
    rows = dict(evidence[0].table)
    assert "11.8 mo" in rows["L4 ~ E2100"] and "5.9 mo" in rows["L4 ~ E2100"]
    assert "fourth line" in evidence[0].notes
    assert evidence[0].header[0] == "Line ~ trial", "not the intervals table's heads"
    from timeline.render.html_deck import deck_html

    page = deck_html(deck).decode("utf-8")
    assert '<th scope="col">Line ~ trial</th>' in page


@pytest.mark.parametrize(
    "written,shown",
    [
        ("1.4 × 10^-15", "p = 1.4 × 10⁻¹⁵"),
        ("<0.0001", "p < 0.0001"),
        ("0.03", "p = 0.03"),
        ("≤ 0.05", "p ≤ 0.05"),
    ],
)
def test_p_values_in_words(written: str, shown: str) -> None:
    from timeline.wording import p_text

    assert p_text(written) == shown


def test_an_arm_matched_to_a_regimen_of_unknown_intent_says_so() -> None:
    """The reference case's last line given as of unknown intent still matches E2100's arm by
    its agents, and the evidence says the setting is not known instead of a line number."""
    text = REFERENCE.read_text(encoding="utf-8")
    start = text.index("id: ptx-bev")
    at = text.index("intent: advanced", start)
    changed = text[:at] + "intent: unknown" + text[at + len("intent: advanced") :]
    checked = check_text(changed, str(REFERENCE))
    assert checked.ok, [p.format() for p in checked.problems]
    found = [
        m for m in matches(checked, trials_beside(str(REFERENCE))) if m.line.regimen.id == "ptx-bev"
    ]
    assert found and found[0].line.label == "intent unknown"
    assert any("does not say for what this regimen was given" in d for d in found[0].differences)
    assert not any("line" in d and "fourth" in d for d in found[0].differences)


def test_an_arm_of_another_setting_than_an_unnumbered_regimen_says_so() -> None:
    """The reference case's paclitaxel + bevacizumab given as adjuvant therapy matches E2100's
    arm by its agents, but E2100 enrolled advanced disease: said, where a regimen not numbered
    was compared with nothing."""
    text = REFERENCE.read_text(encoding="utf-8")
    at = text.index("intent: advanced", text.index("id: ptx-bev"))
    changed = text[:at] + "intent: adjuvant" + text[at + len("intent: advanced") :]
    checked = check_text(changed, str(REFERENCE))
    found = [
        m for m in matches(checked, trials_beside(str(REFERENCE))) if m.line.regimen.id == "ptx-bev"
    ]
    assert found and "the trial was advanced; this is adjuvant" in found[0].differences
