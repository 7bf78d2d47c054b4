"""The cohort figure: one swimmer lane per case, aligned, sorted, truthful about time."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CASES, REFERENCE, ROOT, case, check, event
from svgread import groups, text_boxes, with_class
from timeline import Checked, check_path
from timeline.render.cohort import cohort_dot, cohort_scene, render_cohort
from timeline.render.scene import Glyph, Rect, Stroke, slug
from timeline.validate import collect_paths


@pytest.fixture(scope="module")
def library() -> list[Checked]:
    files, _missing = collect_paths([str(ROOT / "cases")])
    return [check_path(f) for f in files]


@pytest.fixture(scope="module")
def svg(library: list[Checked]) -> bytes:
    return render_cohort(library, fmt="svg", backend="wasm")[0]


def _follow_up(checked: Checked) -> int | None:
    """The plausible follow-up from the diagnosis (None: the diagnosis has no day); a case
    without a last follow-up or death (pan2022: the source read ends early) runs to its latest
    date."""
    found = [i for i in checked.intervals if i.kind in ("follow-up", "OS")]
    if found:
        return found[0].plausible
    plan = checked.schedule
    assert plan is not None
    diagnosis = plan.diagnosis()
    return None if diagnosis is None else max(plan.days()) - diagnosis.day


def test_one_lane_per_case_longest_follow_up_first(library: list[Checked], svg: bytes) -> None:
    cases = [c for c in library if c.trial is None]
    assert len(cases) == len(CASES) and len(cases) < len(library)  # the trial files are skipped
    # a case whose diagnosis has no day cannot be aligned at it: it is named, not drawn
    undated = [c for c in cases if _follow_up(c) is None]
    words = " ".join(t for g in groups(svg) for t in g.texts)
    for c in undated:
        assert c.case is not None and c.case.id[:20] in words and "no diagnosis date" in words
    expected = [
        c.case.id  # type: ignore[union-attr]
        for c in sorted(
            (c for c in cases if c not in undated),
            key=lambda c: (-(_follow_up(c) or 0), c.case.id),  # type: ignore[union-attr]
        )
    ]
    lanes = sorted(with_class(groups(svg), "cohort-lane"), key=lambda g: g.y0)
    assert len(lanes) == len(expected)
    order = [next(k[5:] for k in g.classes if k.startswith("case-")) for g in lanes]
    assert order == [slug(i) for i in expected]
    for upper, lower in itertools.pairwise(lanes):
        assert upper.y1 <= lower.y0 + 0.5  # lanes never overlap


def test_every_item_stays_in_its_lane(svg: bytes) -> None:
    gs = groups(svg)
    lanes = {
        next(k for k in g.classes if k.startswith("case-")): g
        for g in with_class(gs, "cohort-lane")
    }
    for g in gs:
        tag = next((k for k in g.classes if k.startswith("case-")), None)
        if tag is None or "cohort-lane" in g.classes or g.x0 == g.x1 == 0:
            continue
        lane = lanes[tag]
        assert lane.y0 - 1 <= g.y0 and g.y1 <= lane.y1 + 1, (g.id, g.y0, g.y1, lane.y0, lane.y1)


def test_markers_responses_progressions_death_and_ongoing(
    svg: bytes, library: list[Checked]
) -> None:
    gs = groups(svg)
    reference = "case-" + slug("cr000-paclitaxel-bevacizumab")
    mine = with_class(gs, reference)
    for kind in ("cr", "pr", "sd", "pd", "diagnosis", "follow-up"):
        assert with_class(mine, "event", kind), kind
    assert with_class(mine, "ongoing-arrow")
    assert with_class(mine, "therapy", "paclitaxel")
    # each case that ends in death ends in the death marker, and only those
    died = {
        "case-" + slug(c.case.id)
        for c in library
        if c.case is not None and any(e.kind == "death" for e in c.case.events)
    }
    assert "case-" + slug("taniguchi2018-egfr-osimertinib-sclc") in died
    dead = with_class(gs, "event", "death")
    assert {next(k for k in g.classes if k.startswith("case-")) for g in dead} == died
    assert len(dead) == len(died)
    for tag in died:
        assert not with_class(with_class(gs, tag), "follow-up")


def test_therapy_coloured_as_in_the_swimlane(library: list[Checked]) -> None:
    from timeline.render.style import LANE_COLOURS

    scene = cohort_scene(library).scene
    bars = [i for i in scene.items if isinstance(i, Rect) and "therapy" in i.classes]
    assert bars
    for bar in bars:
        lane = bar.classes[1]
        assert bar.fill == LANE_COLOURS[lane], bar.id


def _zero(scene_items: list[object]) -> float:
    return next(i.x0 for i in scene_items if isinstance(i, Stroke) and "zero" in i.classes)  # type: ignore[attr-defined]


def test_alignment_moves_the_lanes(library: list[Checked]) -> None:
    by_diagnosis = cohort_scene(library, align="diagnosis").scene.items
    by_line = cohort_scene(library, align="first-advanced-line").scene.items

    def diagnoses(items: list[object]) -> dict[str, float]:
        return {
            i.classes[-1]: i.x  # type: ignore[attr-defined]
            for i in items
            if isinstance(i, Glyph) and "diagnosis" in i.classes and "event" in i.classes
        }

    zero_d, zero_l = _zero(by_diagnosis), _zero(by_line)
    at_diagnosis = diagnoses(by_diagnosis)
    assert at_diagnosis and all(abs(x - zero_d) < 0.01 for x in at_diagnosis.values())
    moved = diagnoses(by_line)
    tag = "case-" + slug("cr000-paclitaxel-bevacizumab")
    # diagnosed three years before the first advanced line: left of zero by what three years
    # take on a scale that holds the library's longest history (17 years before a recurrence)
    assert moved[tag] < zero_l - 30
    # aligned at the first advanced line, the reference case's L1 (toremifene) starts at 0
    toremifene = next(
        i for i in by_line if isinstance(i, Rect) and "toremifene" in i.classes and tag in i.classes
    )
    assert abs(toremifene.x0 - zero_l) < 0.01


def test_cases_without_the_alignment_point_are_named(library: list[Checked]) -> None:
    cohort = cohort_scene(library, align="first-advanced-line")
    left = dict(cohort.left_out)
    assert left["ishizuna2014-trastuzumab-hepatotoxicity"] == "no advanced line"
    assert "ishizuna2014-trastuzumab-hepatotoxicity" not in cohort.drawn
    notes = " ".join(
        i.text
        for i in cohort.scene.items
        if hasattr(i, "text") and "legend-text" in i.classes  # type: ignore[attr-defined]
    )
    assert "ishizuna2014-trastuzumab-hepatotoxicity (no advanced line)" in notes


def test_uncertain_dates_get_their_window() -> None:
    data = case()
    event(data, "line1")["start"] = {"after": "2012-05", "before": "2012-08"}
    checked = check(data)
    assert checked.ok, [p.format() for p in checked.problems]
    items = cohort_scene([checked]).scene.items
    bar = next(i for i in items if isinstance(i, Rect) and "letrozole" in i.classes)
    assert "uncertain-start" in bar.classes
    rule = next(
        i for i in items if isinstance(i, Rect) and i.id == "c1-window-line1-letrozole-start"
    )
    assert rule.x0 < bar.x0 < rule.x1  # the bar at its plausible day, inside its window


def test_legend_holds_only_what_is_used() -> None:
    checked = check(case())
    scene = cohort_scene([checked]).scene
    texts = {i.text for i in scene.items if hasattr(i, "text") and "legend-text" in i.classes}  # type: ignore[attr-defined]
    assert {"chemotherapy", "endocrine therapy", "PR", "PD / progression / recurrence"} <= texts
    assert not texts & {"immunotherapy", "targeted therapy", "death", "CR", "SD"}


def test_dot_is_deterministic_and_pinned(library: list[Checked]) -> None:
    first = cohort_dot(library)[0]
    assert first == cohort_dot(list(library))[0]
    assert "layout=nop" in first and "inputscale=72" in first


def test_no_text_overlaps(svg: bytes) -> None:
    boxes = [b for b in text_boxes(svg) if b.text.strip()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = (
                min(a.x1, b.x1) - max(a.x0, b.x0) > 1 and min(a.y1, b.y1) - max(a.y0, b.y0) > 1
            )
            assert not overlap, (a, b)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline", "render", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_cli_writes_the_figure(tmp_path: Path) -> None:
    out = run("cases/", "--kind", "cohort", "-o", str(tmp_path / "c.png"), "--engine", "wasm")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")
    out = run(
        "cases/", "--kind", "cohort", "-o", str(tmp_path), "--format", "svg",
        "--align", "first-advanced-line", "--engine", "wasm",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(tmp_path / "cohort.svg")
    assert "no advanced line" in out.stderr


def test_cli_usage_errors(tmp_path: Path) -> None:
    assert run("cases/", "--align", "diagnosis", "-o", str(tmp_path)).returncode == 2
    both = run("cases/", "--kind", "cohort", "-o", str(tmp_path / "c.png"), "--format", "svg")
    assert both.returncode == 2 and "c.png" in both.stderr
    cut = run("cases/", "--kind", "cohort", "-o", str(tmp_path), "--until", "2010")
    assert cut.returncode == 2


def test_cli_case_with_errors_is_left_out(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: bad\n")
    out = run(
        str(REFERENCE),
        str(bad),
        "--kind",
        "cohort",
        "-o",
        str(tmp_path / "c.svg"),
        "--engine",
        "wasm",
    )
    assert out.returncode == 1
    assert "bad.yaml" in out.stderr and (tmp_path / "c.svg").is_file()


def test_an_unreported_vital_status_is_not_drawn_as_alive(library: list[Checked]) -> None:
    """bmccancer2017, rcr2017, argentiero2020, crionm2017, kim2021, kim2023, cerbon2023, croitoru2019, leonetti2021, li2022, martins2025, miyauchi2021, okwundu2023, tian2023, wang2024, dewaide2023, guercio2016 and tani2023 do not
    record the vital status at the last follow-up: their lanes end in the grey 'status not reported' square, never the 'alive'
    one."""
    ends = {
        (i.tooltip or "").split(":")[0]: i.classes[1]
        for i in cohort_scene(library).scene.items
        if isinstance(i, Glyph) and i.classes[1:2] in (("follow-up",), ("follow-up-unknown",))
    }
    assert ends["bmccancer2017-crc-cetuximab-rechallenge"] == "follow-up-unknown"
    assert ends["cr000-paclitaxel-bevacizumab"] == "follow-up"  # alive with disease
    assert sorted(k for k, v in ends.items() if v == "follow-up-unknown") == [
        "argentiero2020-pdac-mfolfirinox-conversion",
        "bmccancer2017-crc-cetuximab-rechallenge",
        "cerbon2023-sinonasal-melanoma-nivolumab-relatlimab-sbrt-abscopal",
        "crionm2017-jejunal-gist-imatinib-escalation-reresection",
        "croitoru2019-pnec-lanreotide-capecitabine-temozolomide",
        "dewaide2023-cll-chlorambucil-ibrutinib-vf-cns",
        "guercio2016-acc-mitotane-edp-m-ep-m-capecitabine-gemcitabine",
        "kim2021-aml-relapse-gilteritinib-cardiotoxicity-mud-allo-sct",
        "kim2023-hcc-post-lt-sorafenib-regorafenib-rt-tace",
        "leonetti2021-egfr-osimertinib-sclc-platinum-etoposide",
        "li2022-nsmm-asct-isolated-cns-relapse-hdmtx-lenalidomide",
        "martins2025-her2-lobular-leptomeningeal-tdxd-first-line",
        "miyauchi2021-xp11-rcc-ipilimumab-nivolumab-myocarditis",
        "okwundu2023-gastric-net-cns-lutetium",
        "rcr2017-alk-crizotinib-ceritinib-alectinib-brain",
        "tani2023-mhspc-upfront-abiraterone-withdrawal",
        "tian2023-breast-bone-pseudoprogression-endocrine-rechallenge",
        "wang2024-es-sclc-serplulimab-chemo-cr-radiotherapy-maintenance",
    ]


@pytest.mark.parametrize("align", ["diagnosis", "first-advanced-line"])
def test_the_windows_of_a_lane_never_run_into_each_other(
    library: list[Checked], align: str
) -> None:
    """As in the swimlane: under a row of markers, windows that would overlap go on rows of
    their own (sakaguchi2019's lane had two as one rule)."""
    spans: dict[str, tuple[float, float, float]] = {}  # window -> (x0, x1, y)
    for item in cohort_scene(library, align=align).scene.items:  # type: ignore[arg-type]
        found = re.fullmatch(r"(c\d+-window-.+?)(-open-(?:lo|hi)|-beyond-(?:lo|hi))?", item.id)
        if found is None or found[1].endswith(("-start", "-end")):
            continue  # (the windows of bars have rows of their own)
        if isinstance(item, Rect):
            x0, x1, y = item.x0, item.x1, (item.y0 + item.y1) / 2
        elif isinstance(item, Stroke):
            x0, x1, y = min(item.x0, item.x1), max(item.x0, item.x1), item.y0
        else:
            continue
        a, b, _y = spans.get(found[1], (x0, x1, y))
        spans[found[1]] = (min(a, x0), max(b, x1), y)
    assert spans
    rules = sorted(spans.items(), key=lambda s: (s[0].split("-")[0], round(s[1][2], 1), s[1][0]))
    for (ka, (_a0, a1, ay)), (kb, (b0, _b1, by)) in itertools.pairwise(rules):
        if ka.split("-")[0] == kb.split("-")[0] and abs(ay - by) < 0.5:
            assert b0 >= a1 - 0.5, f"{ka} and {kb} overlap at y={ay:.1f}"


def test_a_bar_dated_only_within_years_fades_in_the_cohort_too(library: list[Checked]) -> None:
    """As in the swimlane: zarcospedrinaci2012's first chemotherapy, somewhere between two
    recurrences three years apart, fades in and out over its windows."""
    bar = next(
        i
        for i in cohort_scene(library).scene.items
        if isinstance(i, Rect) and i.id.endswith("bar-chemo-recurrence-1-unspecified-chemotherapy")
    )
    assert bar.fades[0] > 0 and bar.fades[1] > 0


def test_a_lane_aligned_at_a_diagnosis_with_no_earliest_day_says_so() -> None:
    """A case known only by order before its one dated line: the lane is aligned at the
    latest day its diagnosis can be, with three lines stacked on that day; the figure said
    nothing of it, and read as the line starting at diagnosis."""
    import yaml

    from timeline.render.scene import Text

    data = yaml.safe_load(
        """
id: open-diagnosis
diagnosis: {date: {before: l1.start}}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis},
     end: {after: l1.start, before: l2.start}, end_reason: unknown, agents: [capecitabine]}
  - {id: l2, type: regimen, intent: advanced, start: {after: l1.end}, end: pd,
     end_reason: progression, agents: [trastuzumab deruxtecan]}
  - {id: pd, type: progression, date: {from: l2.start, offset: 6 months}}
  - {id: fu, type: follow-up, date: {from: pd, offset: 1 month}, status: alive-with-disease}
"""
    )

    def notes(cases: list[Checked]) -> str:
        scene = cohort_scene(cases).scene
        return " ".join(
            i.text for i in scene.items if isinstance(i, Text) and i.id.startswith("legend-note")
        )

    assert "aligned at the latest day it can be" in notes([check(data)])
    assert "aligned at the latest day" not in notes([check_path(str(REFERENCE))])
