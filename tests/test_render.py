"""The diagrams: DOT golden files, the parsed SVG of every case, escaping, both engines."""

from __future__ import annotations

import copy
import itertools
import re
from pathlib import Path

import pendulum
import pytest
import yaml

from conftest import CASES, REFERENCE, RELATIVE_CASE, ROOT, check
from svgread import groups, text_boxes, with_class
from timeline import check_path
from timeline.render import case_dot, render_case
from timeline.render.engines import RenderUnavailable

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def reference_svg() -> bytes:
    return render_case(check_path(str(REFERENCE)), fmt="svg", backend="wasm")


# -- DOT: deterministic, and pinned to golden files ---------------------------------------------
#: the DOT of the seed cases is pinned; every case is checked for what it must show in
#: tests/test_drawings.py
SEED_CASES = [p for p in CASES if p.stem.startswith("cr0")]


@pytest.mark.parametrize("kind", ["swimlane", "states"])
@pytest.mark.parametrize("theme", ["slide", "print"])
@pytest.mark.parametrize("path", SEED_CASES, ids=lambda p: p.stem)
def test_dot_matches_golden(path: Path, kind: str, theme: str, update_golden: bool) -> None:
    source, _, _ = case_dot(check_path(str(path)), kind, theme)  # type: ignore[arg-type]
    again, _, _ = case_dot(check_path(str(path)), kind, theme)  # type: ignore[arg-type]
    assert source == again, "the DOT must be the same bytes for the same case"
    golden = GOLDEN / f"{path.stem}.{kind}.{theme}.dot"
    if update_golden or not golden.exists():
        golden.write_text(source, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{golden.name} was missing and has been written; check it in")
    assert source == golden.read_text(encoding="utf-8"), (
        f"the DOT differs from {golden.name}; if the change is intended, run pytest --update-golden"
    )


#: text a tooltip must never show: a word repeated in brackets ("adjuvant (adjuvant)"), an
#: ongoing or unknown reason as an ending, the state machine's trigger names, a raw status or an
#: unknown date, a Python null, a word twice in a row
MEANINGLESS = [
    (r"\b([\w-]+) \(\1\)", "a word repeated in brackets"),
    (r"ended: (ongoing|unknown)", "an ending that is not one"),
    (r"\b(surgery|response):\w", "a trigger's internal name"),
    (r": (alive ned|unknown)\b", "a raw status or date"),
    (r"\b(None|nan|null)\b", "a null"),
    (r"\b(\w+) \1\b", "a word twice"),
]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_tooltips_say_something(path: Path) -> None:
    """What a reader sees on hovering is words, not the model's tokens, and nothing twice
    (the golden files must not freeze such text either)."""
    import re

    checked = check_path(str(path))
    for kind in ("swimlane", "states"):
        source, _, _ = case_dot(checked, kind, "slide")  # type: ignore[arg-type]
        tips = set(re.findall(r'tooltip="((?:[^"\\]|\\.)*)"', source))
        assert tips
        for tip in tips:
            for pattern, what in MEANINGLESS:
                assert not re.search(pattern, tip), f"{what} in {kind}: {tip}"
            span = re.search(r"(?:^|; )([^;]+?) → ([^;]+?)(?:;|$)", tip)
            assert not (span and span[1] == span[2]), f"a span from a date to itself: {tip}"


# -- the reference case, read off its SVG -------------------------------------------------------
def _start_x(gs: list, agent: str, nth: int = 0) -> float:
    bars = sorted(with_class(gs, "therapy", agent), key=lambda g: g.x0)
    return bars[nth].x0


def test_reference_bars_in_order_and_proportional(reference_svg: bytes) -> None:
    gs = groups(reference_svg)
    order = [
        "cyclophosphamide",
        "anastrozole",
        "toremifene",
        "exemestane",
        "paclitaxel",
        "bevacizumab",
    ]
    xs = [_start_x(gs, a) for a in order]
    assert xs == sorted(xs), "the agents' bars are not in chronological order"
    assert _start_x(gs, "epirubicin") == _start_x(gs, "fluorouracil") == xs[0]
    # starts as the source dates them (toremifene 2007-08, exemestane 2009-04, paclitaxel
    # 2011-05, bevacizumab 2012-01), at their plausible days, to scale; anastrozole six 4-week
    # CEF cycles after CEF
    checked = check_path(str(REFERENCE))
    assert checked.schedule is not None and checked.chrono is not None
    starts = ["toremifene.start", "exemestane.start", "paclitaxel.start", "ptx-bev.start"]
    days = [checked.schedule.point(k).day for k in starts]  # type: ignore[union-attr]
    months = [(2007, 8), (2009, 4), (2011, 5), (2012, 1)]
    for key, day, (year, month) in zip(starts, days, months, strict=True):
        window = checked.chrono.bounds(key)
        first = pendulum.Date.fromordinal(window.lo)
        assert (first.year, first.month) == (year, month) and window.lo <= day <= window.hi
    scale = [(xs[i + 3] - xs[i + 2]) / (days[i + 1] - days[i]) for i in range(3)]
    for s in scale[1:]:
        assert s == pytest.approx(scale[0], rel=0.01)
    # anastrozole follows the six 4-week CEF cycles, within three months of their end
    cef_to_ana = (xs[1] - xs[0]) / scale[0]
    assert 24 * 7 - 2 <= cef_to_ana <= 24 * 7 + 92


def test_reference_bars_lie_in_their_lanes(reference_svg: bytes) -> None:
    gs = groups(reference_svg)
    for lane in ("chemotherapy", "endocrine", "targeted"):
        band = with_class(gs, "lane", lane)
        assert len(band) == 1, lane
        for bar in with_class(gs, "therapy", lane):
            assert band[0].y0 <= bar.y0 and bar.y1 <= band[0].y1, bar.id
    assert {g.classes[2] for g in with_class(gs, "therapy", "endocrine")} == {"endocrine"}
    agents = {g.classes[3] for g in with_class(gs, "therapy")}
    assert {
        "cyclophosphamide",
        "epirubicin",
        "fluorouracil",
        "anastrozole",
        "toremifene",
        "exemestane",
        "paclitaxel",
        "bevacizumab",
        "surgery",
        "radiotherapy",
    } <= agents


def test_reference_response_segments(reference_svg: bytes) -> None:
    gs = groups(reference_svg)
    segments = sorted(with_class(gs, "response"), key=lambda g: g.x0)
    # every recorded state, the April 2009 progression between the CR and the SD included
    assert [g.classes[2] for g in segments] == [
        "ned",
        "pd",
        "cr",
        "pd",
        "sd",
        "pd",
        "pr",
        "pd",
        "pr",
    ]
    # a progression followed by a new therapy turns "not yet assessed" at the therapy's start
    lane = sorted(segments + with_class(gs, "unassessed"), key=lambda g: g.x0)
    for a, b in itertools.pairwise(lane):
        assert a.x1 == pytest.approx(b.x0, abs=0.6), "segments run from one assessment to the next"
    # toremifene after the recurrence, exemestane, paclitaxel, paclitaxel + bevacizumab
    assert len(with_class(gs, "unassessed")) == 4


def test_reference_state_changes_dated_within_a_window_blend(reference_svg: bytes) -> None:
    """The SD is dated only within 2009-2011: the lane blends into it over that window instead
    of a sharp edge at a day the source does not give; a change dated to its month blends
    over that month only."""
    gs = {g.id: g for g in groups(reference_svg)}
    sd = next(g for g in with_class(list(gs.values()), "sd") if "response" in g.classes)
    blend = gs[f"blend-{sd.id}"]
    assert "status-blend" in blend.classes
    assert blend.x1 - blend.x0 > (sd.x1 - sd.x0) * 0.5, "most of the SD is the window"
    assert "dated only within this window" in blend.tooltip
    # the gradient is from the colour before (not yet assessed) into the SD's
    svg = reference_svg.decode()
    assert re.search(r"<linearGradient[^>]*>\s*<stop[^>]*#ededed", svg, re.I | re.S)
    # the NED from the operation, dated to its month, blends over that month only
    ned = next(g for g in with_class(list(gs.values()), "ned") if "response" in g.classes)
    month = (sd.x1 - sd.x0) / 20  # (the SD's segment is about 20 months)
    assert gs[f"blend-{ned.id}"].x1 - gs[f"blend-{ned.id}"].x0 < 2 * month
    # and the legend says what a blend means
    assert any(
        "a change of state dated only within that window" in t for g in gs.values() for t in g.texts
    )


def test_reference_progression_arrows_say_why(reference_svg: bytes) -> None:
    gs = groups(reference_svg)
    arrows = with_class(gs, "change")
    labels = [t for g in with_class(gs, "change-label") for t in g.texts]
    assert len(arrows) == 5
    assert labels == [
        "completed",
        "recurrence",
        "progression",
        "progression, resistance to endocrine therapy",
        "progression, resistance to paclitaxel",
    ]


def test_reference_events(reference_svg: bytes) -> None:
    gs = groups(reference_svg)
    kinds = [g.classes[2] for g in sorted(with_class(gs, "event"), key=lambda g: (g.x0, g.y0))]
    assert kinds == [
        "diagnosis",
        "recurrence",
        "progression",
        "progression",
        "resistance",
        "progression",
        "resistance",
        "follow-up",
    ]


def test_reference_ongoing_therapy_ends_in_an_arrow(reference_svg: bytes) -> None:
    gs = groups(reference_svg)
    ongoing = with_class(gs, "therapy", "ongoing")
    assert {g.classes[3] for g in ongoing} == {"paclitaxel", "bevacizumab"}
    # one for each bar, and one for the line in the Lines lane
    assert len(with_class(gs, "ongoing-arrow")) == 3


def test_reference_labels_do_not_overlap(reference_svg: bytes) -> None:
    boxes = text_boxes(reference_svg)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
            overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
            assert overlap_x <= 0.5 or overlap_y <= 0.5, f"{a.text!r} overlaps {b.text!r}"


def test_tooltips_carry_doses_and_schedules(reference_svg: bytes) -> None:
    text = reference_svg.decode()
    assert "paclitaxel 80 mg/m²; weekly, 3 weeks on and 1 week off" in text
    assert "bevacizumab 10 mg/kg; every 2 weeks" in text


# -- every case, both kinds, SVG and PNG --------------------------------------------------------
@pytest.mark.parametrize("kind", ["swimlane", "states"])
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_case_renders_in_process(path: Path, kind: str) -> None:
    checked = check_path(str(path))
    svg = render_case(checked, kind=kind, fmt="svg", backend="wasm")  # type: ignore[arg-type]
    assert svg.startswith(b"<?xml") and b"<script" not in svg
    png = render_case(checked, kind=kind, fmt="png", backend="wasm", theme="print")  # type: ignore[arg-type]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_relative_cases_get_a_months_axis() -> None:
    data = yaml.safe_load(RELATIVE_CASE)
    checked = check(data)
    assert checked.ok, [p.format() for p in checked.problems]
    svg = render_case(checked, backend="wasm")
    texts = [t.text for t in text_boxes(svg)]
    assert "months from the start of gemcitabine" in texts
    assert {"0", "12", "24", "36"} <= set(texts)


def test_states_diagram_overlays_the_path() -> None:
    svg = render_case(check_path(str(REFERENCE)), kind="states", backend="wasm")
    gs = groups(svg)
    taken = {g.id for g in with_class(gs, "transition", "taken")}
    assert taken == {
        "t-diagnosed-ned",
        "t-ned-pd",
        "t-pd-cr",
        "t-cr-pd",
        "t-pd-sd",
        "t-sd-pd",
        "t-pd-pr",
        "t-pr-pd",
    }
    assert with_class(gs, "state", "final")[0].id == "state-pr"


def test_pdf_without_system_graphviz_says_what_to_install() -> None:
    with pytest.raises(RenderUnavailable, match="apt-get install graphviz"):
        render_case(check_path(str(REFERENCE)), fmt="pdf", backend="wasm")


# -- escaping -------------------------------------------------------------------------------------
HOSTILE = '<script>alert(1)</script> "x" {y} \\N'


def test_case_strings_are_escaped_for_dot_and_svg() -> None:
    import xml.etree.ElementTree as ET

    data = yaml.safe_load(REFERENCE.read_text())
    data = copy.deepcopy(data)
    data["title"] = HOSTILE
    data["events"][1]["note"] = HOSTILE
    checked = check(data)
    assert checked.ok
    source, _, _ = case_dot(checked)
    assert "=<" not in source  # never an HTML-like label
    assert (
        '"<script>alert(1)</script> \\"x\\" {y} \\\\N' in source
    )  # quoted, quotes and backslash escaped
    svg = render_case(checked, backend="wasm")
    root = ET.fromstring(svg)  # well-formed XML
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
    assert any(t.text == HOSTILE for t in text_boxes(svg))
    assert b"&lt;script&gt;" in svg


# -- the two engines ------------------------------------------------------------------------------
@pytest.mark.system_graphviz
@pytest.mark.parametrize("kind", ["swimlane", "states"])
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_engines_give_the_same_structure(path: Path, kind: str) -> None:
    checked = check_path(str(path))
    system = groups(render_case(checked, kind=kind, backend="system"))  # type: ignore[arg-type]
    wasm = groups(render_case(checked, kind=kind, backend="wasm"))  # type: ignore[arg-type]
    assert [(g.id, g.classes, g.texts) for g in system] == [
        (g.id, g.classes, g.texts) for g in wasm
    ]
    if kind == "swimlane":  # pinned layout: the same geometry too
        for a, b in zip(system, wasm, strict=True):
            assert (a.x1 - a.x0) == pytest.approx(b.x1 - b.x0, abs=1.0), a.id


@pytest.mark.system_graphviz
def test_system_graphviz_makes_png_and_pdf() -> None:
    checked = check_path(str(REFERENCE))
    assert render_case(checked, fmt="png", backend="system")[:4] == b"\x89PNG"
    assert render_case(checked, fmt="pdf", backend="system")[:4] == b"%PDF"


def test_targeted_therapy_is_split_by_subclass_when_there_are_several() -> None:
    from conftest import case, event

    data = case()
    event(data, "line2")["agents"] = ["paclitaxel", "trastuzumab", "bevacizumab"]
    gs = groups(render_case(check(data), backend="wasm"))
    lanes = {g.id for g in with_class(gs, "lane", "targeted")}
    assert lanes == {"lane-targeted-anti-her2-antibody", "lane-targeted-anti-vegf-antibody"}
    words = " ".join(t for g in gs if g.id.startswith("lane-label-targeted") for t in g.texts)
    assert "Anti-HER2" in words and "Anti-VEGF" in words and "antibody" in words


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("targeted:mTOR inhibitor", "mTOR inhibitor"),
        ("targeted:PARP inhibitor", "PARP inhibitor"),
        ("targeted:anti-HER2 antibody", "Anti-HER2 antibody"),
        ("targeted:multikinase inhibitor", "Multikinase inhibitor"),
        ("chemotherapy", "Chemotherapy"),
        ("bone-targeted", "Bone-targeted"),
    ],
)
def test_a_lane_name_is_capitalised_unless_written_with_capitals(key: str, name: str) -> None:
    from timeline.render.bars import lane_name

    assert lane_name(key) == name


@pytest.mark.parametrize("anchor", ["start", "end"])
def test_text_is_justified_at_its_edge_whatever_the_font(anchor: str) -> None:
    """A label beside a mark starts (or ends) at the mark: the slack the layout reserves for
    wider fonts never shifts it away."""
    import xml.etree.ElementTree as ET

    from timeline.render.dot import ENGINE, scene_dot
    from timeline.render.engines import draw
    from timeline.render.scene import Scene, Text
    from timeline.render.style import THEMES

    scene = Scene(800, 100, (), THEMES["slide"])
    long = "pancreaticoduodenectomy after three years of chemotherapy"
    scene.add(Text("label-a", 400, 50, long, 16, anchor=anchor))
    dot = scene_dot(scene, "t")
    assert ("\\l" if anchor == "start" else "\\r") in dot
    root = ET.fromstring(draw(dot, ENGINE, "svg", "wasm"))
    (text,) = [
        e
        for e in root.iter("{http://www.w3.org/2000/svg}text")
        if e.text and "pancreatico" in e.text
    ]
    assert text.get("text-anchor") == anchor
    assert abs(float(text.get("x", "0")) - 400) < 1.5


def test_kept_results_are_the_results_and_new_each_time() -> None:
    """The measures, wrapped lines, slugs and escaped strings the drawing keeps are those it
    works out anew, for long texts (not kept) too; a caller may change the list it gets
    without changing the next one."""
    from timeline.render import dot, scene, style

    def width(text: str, size: float) -> float:  # Helvetica's widths, one character at a time
        total = 0.0
        for ch in text:
            total += (
                0.278
                if ch in "iljI.,:;|!'`()[] "
                else 0.889
                if ch in "mwMW@%"
                else 0.722
                if ch in "ABCDEFGHKNOQRSUVXYZ&"
                else 0.556
            )
        return total * size

    for text in ("Paclitaxel + bevacizumab", "W" * 300 + " i" * 400, "a&b\\l <x>\t " * 200):
        for _ in range(2):  # worked out, then (if short) kept
            assert style.text_width(text, 10) == width(text, 10)
            assert scene.slug(text) == scene._slug.__wrapped__(text)
            assert dot.dot_text(text) == dot._dot_text.__wrapped__(text)
            assert scene.wrap(text, 10, 200) == list(scene._wrapped.__wrapped__(text, 10, 200, 6))
        lines = scene.wrap(text, 10, 200)
        lines.append("changed")
        assert scene.wrap(text, 10, 200) == lines[:-1]


def test_a_lane_name_too_long_for_its_column_breaks_at_a_hyphen() -> None:
    """The print theme's column of lane names holds "Chemotherapy" but not "Immunotherapy",
    which was cut to "Immunothera…" in every figure of the theme that had the lane: it breaks
    after its first part now. A word with no such part is still cut, and one that fits whole
    is not broken."""
    from timeline.render import scene
    from timeline.render.style import THEMES

    print_theme = THEMES["print"]
    room = print_theme.label_column - 12
    assert scene.wrap("Immunotherapy", print_theme.font, room) == ["Immuno-", "therapy"]
    assert scene.wrap("Chemotherapy", print_theme.font, room) == ["Chemotherapy"]
    assert scene.wrap("Immunotherapy", 13, 200) == ["Immunotherapy"]
    assert scene.wrap("Pseudoprogressionless", 7, 40)[0].endswith("…")
    path = ROOT / "cases" / "li2017-nivolumab-pneumonitis-remission.yaml"
    svg = render_case(check_path(str(path)), theme="print", fmt="svg", backend="wasm").decode()
    assert "Immunothera…" not in svg and ">Immuno&#45;<" in svg


def test_the_state_diagram_says_what_its_marks_mean() -> None:
    """The thick border, the white boxes and the grey arrows were not explained."""
    from timeline import check_path
    from timeline.render import case_dot

    source, _engine, _classes = case_dot(check_path(str(REFERENCE)), kind="states")
    flat = " ".join(source.split())
    for words in ("thick border: the last", "did not reach", "thin grey arrows"):
        assert words in flat.replace("\\l", " ").replace("  ", " ")


def test_two_regimen_starts_on_one_day_are_ordered_by_day_alone() -> None:
    """The disease lane sorted the starts of new therapies together with their schedules; two
    starts on one day with different windows compared the schedules and failed (a mutant of
    abe2023 with two dates made unknown, drawn in its zone of dates known only by order)."""
    data = yaml.safe_load(
        (ROOT / "cases" / "abe2023-ovarian-bevacizumab-maintenance-mds-aml.yaml").read_text()
    )
    for e in data["events"]:
        if e.get("end") == {"before": "dox-bev.start"}:
            e["end"] = "unknown"
        if e.get("start") == {"after": "recurrence"}:
            e["start"] = "unknown"
    checked = check(data)
    assert checked.ok, [p.format() for p in checked.problems]
    assert b"<svg" in render_case(checked, fmt="svg", backend="wasm")


def test_a_cut_is_a_slanted_white_polygon_over_its_bar_in_the_dot() -> None:
    """The cut of a bar at a break of the axis (render.layout.cut_at_breaks) is written after
    the bar, as a pinned white four-sided polygon with slanted sides, as tall as the bar and a
    little more."""
    from timeline.render.dot import scene_dot
    from timeline.render.scene import Cut, Rect, Scene
    from timeline.render.style import THEMES

    scene = Scene(200, 100, (), THEMES["slide"])
    scene.add(Rect("bar-x", 10, 40, 190, 54, "#E69F00", ("therapy", "targeted")))
    scene.add(Cut("bar-x-cut", 100, 38.5, 55.5))
    dot = scene_dot(scene, "g")
    bar, cut = dot.index('\t"bar-x" ['), dot.index('\t"bar-x-cut" [')
    assert bar < cut
    line = dot[cut : dot.index("\n", cut)]
    for attr in ("shape=polygon", "sides=4", "skew=0.9", "fillcolor=white", 'pos="100,53!"'):
        assert attr in line, (attr, line)
    assert "height=0.24" in line  # 17 points (in inches, as _n writes numbers)


def test_a_position_that_is_not_a_number_is_refused_before_graphviz() -> None:
    """A layout that could not place something (an open window with nothing drawn beside it)
    wrote "-inf" into the DOT; Graphviz drew a figure "-2147483648pt" wide and the PNG was
    empty, with exit 0. Such a number is refused as it is written."""
    from timeline.render.dot import _n

    assert _n(12.5) == "12.5"
    for bad in (float("inf"), float("-inf"), float("nan")):
        with pytest.raises(ValueError, match="not a number"):
            _n(bad)


def test_two_fades_that_share_a_bar_meet_in_whole_points() -> None:
    """A letrozole bar 17 points wide, faded in and out over 8.5 points each: each fade
    rounded on its own left a point of full colour between them, a mark across the bar."""
    from timeline.render.dot import _rect
    from timeline.render.scene import Rect

    out: list[str] = []
    bar = Rect("bar-x", 100.0, 10.0, 117.0, 20.0, "#CC79A7", fades=(8.5, 8.5))
    _rect(out, bar, 100.0)
    widths = [
        float(re.search(r"width=([\d.]+)", line).group(1)) * 72  # type: ignore[union-attr]
        for line in out
        if "-windowed-" in line
    ]
    assert len(widths) == 2 and sum(widths) == pytest.approx(17, abs=0.01), widths
