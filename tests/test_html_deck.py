"""The HTML deck: one offline file, read as text, then driven in a real headless Chromium."""

from __future__ import annotations

import importlib.util
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    CASES,
    IBRUTINIB_HOLD,
    REFERENCE,
    SHRUNK_DECKS,
    SHRUNK_IN_PPTX_ONLY,
    case,
    check,
)
from timeline import check_path, check_text
from timeline.render.deck import Deck, build_deck
from timeline.render.html_deck import MIN_PX, deck_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
NO_BROWSER = (
    "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
)
#: namespace names, which identify and are never fetched
NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1999/xlink",
}
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def deck() -> Deck:
    return build_deck(check_path(str(REFERENCE)), backend="wasm")


@pytest.fixture(scope="module")
def page(deck: Deck) -> bytes:
    return deck_html(deck)


class Outline(HTMLParser):
    """The parts of the page the tests look at: sections, SVG roots and their first children."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[dict[str, str | None]] = []
        self.svgs: list[dict[str, Any]] = []
        self.tables: list[int] = []  # the section number of every table
        self.paragraphs: list[tuple[int, str]] = []  # (section number, text) of every <p>
        self.tags: set[str] = set()
        self._svg: dict[str, Any] | None = None
        self._depth = 0
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if self._svg is not None:
            if self._depth == 0:
                self._svg["children"].append(tag)
                if tag in ("title", "desc"):
                    self._svg["ids"][tag] = dict(attrs).get("id")
                    self._text = []
            self._depth += 1
            return
        if tag == "section":
            self.sections.append(dict(attrs))
        elif tag == "svg":
            self._svg = {"attrs": dict(attrs), "children": [], "ids": {}, "text": {}}
            self._svg["section"] = len(self.sections)
            self._depth = 0
        elif tag == "table":
            self.tables.append(len(self.sections))
        elif tag == "p":
            self._text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if self._svg is not None and self._depth == 0:
            self._svg["children"].append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._svg is not None:
            if self._depth == 0 and tag == "svg":
                self.svgs.append(self._svg)
                self._svg = None
                return
            self._depth -= 1
            if self._depth == 0 and tag in ("title", "desc") and self._text is not None:
                self._svg["text"][tag] = "".join(self._text)
                self._text = None
        elif tag == "p" and self._text is not None:
            self.paragraphs.append((len(self.sections), "".join(self._text)))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def outline(page: bytes) -> Outline:
    parser = Outline()
    parser.feed(page.decode("utf-8"))
    parser.close()
    return parser


def test_nothing_is_fetched(page: bytes) -> None:
    text = page.decode("utf-8")
    assert set(re.findall(r"https?://[^\s\"'<>)]+", text)) <= NAMESPACES
    assert not re.search(r"\ssrc=|@import|url\((?!#)|<link\b", text)
    assert not outline(page).tags & {"img", "iframe", "object", "embed", "link", "video", "audio"}
    assert "default-src 'none'" in text  # the policy forbids any fetch
    assert text.count("<script") == 1


def test_one_section_per_slide_in_order(deck: Deck, page: bytes) -> None:
    parsed = outline(page)
    assert len(parsed.sections) == len(deck.slides)
    for n, (section, slide) in enumerate(zip(parsed.sections, deck.slides, strict=True), 1):
        assert section["data-kind"] == slide.kind
        assert section.get("data-step") == (None if slide.step is None else str(slide.step))
        assert section["id"] == f"slide-{n}"
        assert (n, f"{n} / {len(deck.slides)}") in parsed.paragraphs  # the counter
    intervals = [n for n, s in enumerate(deck.slides, 1) if s.kind == "intervals"]
    assert parsed.tables == intervals
    title = [text for n, text in parsed.paragraphs if n == 1]
    assert all(line in title for line in deck.slides[0].lines)


def test_every_figure_is_titled_described_and_well_formed(deck: Deck, page: bytes) -> None:
    parsed = outline(page)
    figures = [(n, s) for n, s in enumerate(deck.slides, 1) if s.figure is not None]
    assert [svg["section"] for svg in parsed.svgs] == [n for n, _ in figures]
    for svg, (_, slide) in zip(parsed.svgs, figures, strict=True):
        assert svg["attrs"]["role"] == "img"
        assert svg["children"][:2] == ["title", "desc"]
        assert svg["attrs"]["aria-labelledby"].split() == [svg["ids"]["title"], svg["ids"]["desc"]]
        assert svg["text"] == {"title": slide.title, "desc": slide.alt}
    ids = re.findall(r'\sid="([^"]*)"', page.decode("utf-8"))
    assert len(ids) == len(set(ids)), "ids must be unique in the page"
    for element in re.findall(r"<svg\b.*?</svg>", page.decode("utf-8"), re.S):
        root = ET.fromstring(element)  # well-formed XML, with its namespace
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert "<?xml" not in element and "<!DOCTYPE" not in element


def test_no_figure_is_titled_with_the_case_id(deck: Deck, page: bytes) -> None:
    """Graphviz titles a drawing with its graph's name, the case id, which a browser shows on
    hover: an id that names the course ("…-paclitaxel-bevacizumab") was on every step's
    figure, the first included, though the title slide keeps the case's title off it."""
    case_id = REFERENCE.stem  # (the reference case's id, as its file's name)
    text = page.decode("utf-8").replace("&#45;", "-")
    assert f"<title>{case_id}" not in text
    figures = re.findall(r"<svg\b.*?</svg>", text, re.S)
    assert figures and all(case_id not in re.sub(r'\sid="[^"]*"', "", f) for f in figures[:3])


def test_step_figures_keep_the_swimlane_classes(deck: Deck, page: bytes) -> None:
    sections = page.decode("utf-8").split("<section ")[1:]
    for slide, section in zip(deck.slides, sections, strict=True):
        if slide.kind == "step":
            assert re.search(r'<g id="[^"]*" class="node therapy\b', section)


def test_no_type_under_the_floor(page: bytes) -> None:
    style = page.decode("utf-8").split("<style>")[1].split("</style>")[0]
    sizes = [int(px) for px in re.findall(r"font-size:(\d+)px", style)]
    assert sizes and min(sizes) >= MIN_PX


def test_same_deck_same_bytes(deck: Deck, page: bytes) -> None:
    assert deck_html(deck) == page


def test_case_text_is_escaped() -> None:
    hostile = '<script>alert(1)</script> & "quoted" <b>bold</b>'
    checked = check(case(title=hostile))
    assert checked.ok, [p.format() for p in checked.problems]
    text = deck_html(build_deck(checked, backend="wasm")).decode("utf-8")
    assert "<script>alert(1)" not in text and "<b>" not in text
    assert text.count("<script") == 1  # the deck's own
    escaped = (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;"
    )
    # (the case's title, which tells the outcome, is on the last slides, not the first)
    assert "<title>A teaching case</title>" in text
    assert '<h1 id="s1-h">A teaching case</h1>' in text
    assert escaped in text
    assert outline(text.encode("utf-8")).sections[0]["data-kind"] == "title"


# --- in a real browser -----------------------------------------------------------------------

#: the state of the page: the slides shown, the therapy bars drawn in them, the smallest type
#: outside the figures, the scale of the figure, and what was fetched
STATE = """
const shown = [...document.querySelectorAll("section.slide")]
  .filter((s) => s.getClientRects().length > 0);
const current = shown[0];
let smallest = Infinity;
for (const el of current ? current.querySelectorAll("*") : []) {
  if (el.closest("svg") || !el.getClientRects().length) continue;
  const own = [...el.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
  if (own) smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
}
const bars = current ? [...current.querySelectorAll("svg g.therapy")]
  .filter((g) => { const r = g.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
  : [];
const stage = document.getElementById("stage").getBoundingClientRect();
// the figure's scale at the design size (1: drawn at its own size, its 18 pt type 18 px)
const svg = current ? current.querySelector(".figure svg") : null;
let figureScale = null;
if (svg) {
  const box = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal, k = stage.width / 960;
  figureScale = Math.min(box.width / k / vb.width, box.height / k / vb.height);
}
return {
  figureScale: figureScale,
  shown: shown.map((s) => s.id),
  bars: bars.length,
  smallest: smallest,
  fetched: performance.getEntriesByType("resource").length,
  stage: [stage.width, stage.height],
  notes: document.getElementById("notes").getClientRects().length > 0,
  notesText: document.getElementById("notes").innerText,
};
"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
        pytest.skip(NO_BROWSER)
    if importlib.util.find_spec("selenium") is None:
        pytest.skip(NO_BROWSER + "; the selenium package is missing (pip install -e '.[dev]')")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,720",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # the driver is named, so Selenium Manager never looks for (or downloads) one
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def url(page: bytes, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("deck") / "deck.html"
    path.write_bytes(page)
    return path.as_uri()


def _state(driver: Any) -> dict[str, Any]:
    return dict(driver.execute_script(STATE))


def _slide_number(driver: Any) -> str:
    return str(driver.current_url).partition("#")[2]


def _wait_for(driver: Any, n: int) -> dict[str, Any]:
    deadline = time.monotonic() + 5
    while True:
        state = _state(driver)
        if state["shown"] == [f"slide-{n}"] and _slide_number(driver) == str(n):
            return state
        if time.monotonic() > deadline:
            raise AssertionError(f"slide {n} not shown: {state['shown']}, url {driver.current_url}")
        time.sleep(0.05)


def _quiet_log(driver: Any) -> None:
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe


def test_browser_steps_through_the_deck(
    browser: Any, url: str, deck: Deck, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    shots = tmp_path_factory.mktemp("screenshots")
    browser.get(url)
    body = browser.find_element(By.TAG_NAME, "body")
    steps = [n for n, s in enumerate(deck.slides, 1) if s.kind == "step"]
    previous: int | None = None
    rises = 0
    for n, slide in enumerate(deck.slides, 1):
        if n > 1:
            body.send_keys(Keys.ARROW_RIGHT)
        state = _wait_for(browser, n)
        assert state["fetched"] == 0
        assert state["smallest"] >= MIN_PX, (n, state["smallest"])
        if slide.figure is not None:  # never shrunk below its own size
            assert state["figureScale"] >= 0.999, (n, slide.kind, state["figureScale"])
        assert abs(state["stage"][0] / state["stage"][1] - 16 / 9) < 0.01
        if slide.kind == "step":
            assert state["bars"] >= 1
            if previous is not None:
                assert state["bars"] >= previous, f"slide {n} draws fewer therapy bars"
                rises += state["bars"] > previous
            previous = state["bars"]
        if n in (steps[0], steps[-1]):
            shot = shots / f"step-{slide.step}.png"
            assert browser.save_screenshot(str(shot))
            data = shot.read_bytes()
            assert data.startswith(PNG) and len(data) > 1000
    assert rises >= 3, "the therapy bars should grow as the case goes on"
    body.send_keys(Keys.ARROW_RIGHT)  # past the end: stays on the last slide
    _wait_for(browser, len(deck.slides))
    _quiet_log(browser)


def test_browser_keys_hash_and_notes(browser: Any, url: str, deck: Deck) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    total = len(deck.slides)
    browser.get(url + "#5")
    _wait_for(browser, 5)
    body = browser.find_element(By.TAG_NAME, "body")
    for key, n in (
        (Keys.ARROW_LEFT, 4),
        (Keys.PAGE_DOWN, 5),
        (Keys.SPACE, 6),
        (Keys.PAGE_UP, 5),
        (Keys.BACKSPACE, 4),
        (Keys.END, total),
        (Keys.HOME, 1),
    ):
        body.send_keys(key)
        _wait_for(browser, n)
    browser.execute_script("location.hash = '#3'")
    _wait_for(browser, 3)
    browser.find_element(By.ID, "stage").click()
    _wait_for(browser, 4)

    with_notes = next(n for n, s in enumerate(deck.slides, 1) if s.kind == "step" and s.notes)
    browser.execute_script(f"location.hash = '#{with_notes}'")
    assert not _wait_for(browser, with_notes)["notes"]
    body.send_keys("n")
    state = _state(browser)
    assert state["notes"]
    first = deck.slides[with_notes - 1].notes.splitlines()[0]
    assert first in state["notesText"]
    body.send_keys(Keys.ARROW_RIGHT)  # the panel follows the slide
    following = deck.slides[with_notes].notes.splitlines()
    state = _wait_for(browser, with_notes + 1)
    assert state["notes"] and (not following or following[0] in state["notesText"])
    body.send_keys("n")
    assert not _state(browser)["notes"]
    _quiet_log(browser)


#: every slide's figure, all slides shown at once: its scale at the design size of the stage
SCALES = """
const stage = document.getElementById("stage").getBoundingClientRect(), k = stage.width / 960;
const out = [];
for (const s of document.querySelectorAll("section.slide")) s.hidden = false;
for (const s of document.querySelectorAll("section.slide")) {
  const svg = s.querySelector(".figure svg");
  if (!svg) continue;
  const box = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
  out.push([s.id, Math.min(box.width / k / vb.width, box.height / k / vb.height)]);
}
return out;
"""


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_browser_draws_every_figure_of_every_deck_at_its_own_size(
    browser: Any, path: Path, tmp_path: Path
) -> None:
    """No figure is shrunk, so the deck theme's 18 pt type is 18 px on the stage."""
    page = tmp_path / "deck.html"
    page.write_bytes(deck_html(build_deck(check_path(str(path)), backend="wasm")))
    browser.get(page.as_uri())
    scales = browser.execute_script(SCALES)
    # (a case known to be too tall is shrunk no further than it was when listed)
    least = SHRUNK_DECKS.get(path.stem, 0.999)
    assert scales and all(scale >= least for _id, scale in scales), scales
    if path.stem in SHRUNK_DECKS and path.stem not in SHRUNK_IN_PPTX_ONLY:  # (listed while it is)
        assert any(scale < 0.999 for _id, scale in scales), scales


def test_a_steps_description_tells_only_what_its_figure_draws() -> None:
    """A case known only by order: the first step's figure draws L1 alone, but its
    description (the SVG's desc, the PPTX picture's alt text) said "Treatment so far: L1 …;
    L2 …. Disease states in order: PD, NED", the rest of the case, because it picked what to
    tell by the plausible day alone, which every date of such a case shares."""
    import yaml

    data = yaml.safe_load(
        """
id: alt
diagnosis: {date: {before: l1.start}}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis}, end: {before: p1},
     end_reason: completed, agents: [cisplatin, etoposide]}
  - {id: p1, type: progression, date: {after: l1}}
  - {id: l2, type: regimen, intent: advanced, start: {after: p1}, end: {before: op},
     end_reason: progression, agents: [ifosfamide]}
  - {id: op, type: surgery, date: {after: l2}, curative: true}
  - {id: fu, type: follow-up, date: {from: op, offset: 31 months}, status: alive-ned}
agents:
  - {name: ifosfamide, class: chemotherapy}
"""
    )
    deck = build_deck(check(data), backend="wasm")
    steps = [s for s in deck.slides if s.kind == "step"]
    assert "Treatment so far: L1 cisplatin + etoposide." in steps[0].alt
    assert "Disease states in order: none recorded." in steps[0].alt
    assert "L2 ifosfamide" in steps[1].alt and "PD." in steps[1].alt and "NED" not in steps[1].alt
    assert "PD, NED." in steps[-1].alt


def test_a_steps_description_says_the_authors_words_after_the_last_change() -> None:
    """An AML relapse re-treated with venetoclax, then a "sustained response" in the authors'
    words: every step's description said "Disease states in order: RECURRENCE", to the
    response's own step, as if the disease had stayed in relapse. The words after the last
    change are said, as the state figure's caption says them, from the step that tells them."""
    import yaml

    data = yaml.safe_load(
        """
id: alt-said
diagnosis: {date: 2020-01}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2020-02, end: 2020-08,
     end_reason: completed, agents: [venetoclax, cytarabine]}
  - {id: cr, type: response, date: 2020-06, category: CR}
  - {id: rel, type: recurrence, date: 2021-03}
  - {id: l2, type: regimen, intent: advanced, start: 2021-04, end: 2021-10,
     end_reason: completed, agents: [venetoclax, cytarabine]}
  - {id: resp, type: response, date: 2022-01, category: unknown, setting: follow-up,
     authors_term: sustained response}
  - {id: fu, type: follow-up, date: 2022-06, status: alive}
"""
    )
    deck = build_deck(check(data), backend="wasm")
    steps = [s for s in deck.slides if s.kind == "step"]
    said = "then, in the authors' words (no change of state): 'sustained response'"
    assert said in steps[-1].alt, steps[-1].alt
    assert said not in steps[0].alt
    # (the recurrence a word, as the swimlane writes it, beside the abbreviations)
    assert "Disease states in order: CR, recurrence; then" in steps[-1].alt, steps[-1].alt


def test_the_intervals_slide_marks_an_interval_resting_on_an_inferred_date() -> None:
    """`show` gives "PFS L1 6 months (inferred)"; the deck's table said "6 months", more
    certain than the file and than `show`."""
    import yaml

    data = yaml.safe_load(
        """
id: inferred-interval
diagnosis: {date: 2020-01}
events:
  - {id: rx, type: regimen, intent: advanced, start: 2020-02-01, end: rx.start,
     end_reason: completed, agents: [nivolumab]}
  - {id: pd, type: progression, date: {from: rx.start, offset: 6 months,
     inferred: "'after six months', read as from the infusion"}}
  - {id: fu, type: follow-up, status: alive, date: 2021-01}
"""
    )
    deck = build_deck(check(data), backend="wasm")
    table = next(s for s in deck.slides if s.kind == "intervals")
    rows = dict(table.table)
    assert rows["PFS L1"].endswith(" (inferred)"), rows
    assert "(inferred): it rests on a date the file infers" in table.caption
    assert not rows["duration L1"].endswith("(inferred)")


def test_a_step_figure_shows_every_event_its_caption_tells() -> None:
    """A CAR-T report: a step told HLH on day 11, a progression on day 20 and a CAR-T cell
    count on day 14, the count last in its caption. The figure was cut after the count, the
    last event of the step as the caption lists them, so the progression its caption told was
    not drawn. It is cut after the event the drawing tells last."""
    from timeline import check_text

    text = """
format: 1
id: step-order
diagnosis: {date: 2020-01-10}
events:
  - {id: cart, type: regimen, intent: advanced, start: 2020-03-01, end: cart.start,
     end_reason: completed, agents: [tisagenlecleucel]}
  - {id: hlh, type: toxicity, term: HLH, grade: 4, date: {from: cart.start, offset: 11 days},
     agents: [tisagenlecleucel]}
  - {id: progression, type: progression, date: {from: cart.start, offset: 20 days}}
  - {id: cells, type: biomarker, date: {from: cart.start, offset: 14 days},
     name: CAR-T cells, value: 4141, unit: /mL}
  - {id: death, type: death, date: {from: cart.start, offset: 47 days}}
"""
    deck = build_deck(check_text(text, "step.yaml"), backend="wasm")
    step = next(s for s in deck.slides if s.kind == "step" and "progression" in s.caption)
    assert step.caption.index("CAR-T cells") > step.caption.index("progression")
    svg = step.figure.decode()
    assert 'class="node event progression' in svg, "the progression the caption tells"
    assert "progression" in step.alt


def test_a_steps_description_names_only_the_agents_begun_by_then() -> None:
    """Azacitidine + venetoclax, gilteritinib added from the second cycle: the descriptions of
    the steps before it said "Treatment so far: L1 azacitidine + venetoclax + gilteritinib",
    a drug two steps before the deck told it."""
    import yaml

    data = yaml.safe_load(
        """
id: later-agent
diagnosis: {date: 2023-01-05}
events:
  - id: av
    type: regimen
    intent: advanced
    start: 2023-01-10
    end: 2023-09-01
    end_reason: toxicity
    exposures:
      - {agent: azacitidine}
      - {agent: venetoclax}
      - {agent: gilteritinib, start: 2023-03-01}
  - {id: marrow, type: response, date: 2023-02-10, category: unknown,
     authors_term: 50% blasts}
  - {id: cr, type: response, date: 2023-06-01, category: CR}
"""
    )
    deck = build_deck(check(data), backend="wasm")
    alts = [s.alt for s in deck.slides if s.kind == "step"]
    first = next(a for a in alts if "Treatment so far: L1" in a)
    assert "gilteritinib" not in first, first
    assert "gilteritinib" in alts[-1], alts[-1]


def test_a_steps_description_says_which_treatment_has_stopped_or_is_held() -> None:
    """ "Treatment so far" listed a line that had ended as it listed one still given, and a
    drug held at the step (ibrutinib, during the break the neurological symptoms came in) as
    if it were given."""
    # (held at the last step: the resumption left out)
    text = IBRUTINIB_HOLD.replace("          - {date: 2021-12-15, change: resumed}\n", "")
    deck = build_deck(check_text(text, "standing.yaml"), backend="wasm")
    alts = [s.alt for s in deck.slides if s.kind == "step"]
    assert "Treatment so far: L1 bendamustine + rituximab. " in alts[0], alts[0]
    # ("stopped" read as cut short, of a course the source calls completed)
    assert "L1 bendamustine + rituximab (completed); L2 ibrutinib. " in alts[1], alts[1]
    assert "L2 ibrutinib (ibrutinib held). " in alts[-1], alts[-1]
    (whole,) = [s.alt for s in deck.slides if s.kind == "whole"]
    assert "L2 ibrutinib (ibrutinib held; end not reported). " in whole, whole


def test_the_whole_slide_says_an_end_given_by_its_cycles_alone_is_not_dated() -> None:
    """Pembrolizumab "stopped after 10 cycles" of unstated length: the whole timeline's slide
    said "(end not reported)", where `show` says "end not dated"."""
    text = """
format: 1
id: ten-cycles
diagnosis: {date: 2019-01}
events:
  - {id: pembro, type: regimen, intent: advanced, start: 2019-02, cycles: 10,
     end: {from: pembro.start, offset: 10 cycles}, end_reason: other, agents: [pembrolizumab]}
  - {id: fu, type: follow-up, date: 2021-01, status: alive}
acknowledge:
  - {code: C008, reason: the cycles' length is not given}
"""
    deck = build_deck(check_text(text, "ten.yaml"), backend="wasm")
    (whole,) = [s.alt for s in deck.slides if s.kind == "whole"]
    assert "L1 pembrolizumab (end not dated). " in whole, whole


def test_the_title_slides_notes_keep_each_note_apart() -> None:
    """The case's note (about a second patient of the report, not encoded) and the diagnosis's
    quote ran together in the title slide's notes, the quote read as the end of the sentence
    about the other patient."""
    data = case()
    data["notes"] = "Case 2 of the report (a man alive 13 years on) is not encoded here."
    data["diagnosis"]["note"] = '"presented with a mass in the right breast"'
    deck = build_deck(check(data), backend="wasm")
    title = next(s for s in deck.slides if s.kind == "title")
    lines = title.notes.splitlines()
    assert lines[0].startswith("Title: ") and lines[1].startswith("Case: Case 2"), lines
    assert lines[2].startswith("Diagnosis: "), lines
