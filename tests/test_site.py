"""`timeline site`: one offline folder, every link inside it, written whole or not at all."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from test_html_deck import NAMESPACES, _quiet_log, browser  # noqa: F401 (a fixture)

from conftest import REFERENCE, ROOT
from timeline import Checked, check_path
from timeline.site import MARKER, SiteError, write_site
from timeline.summary import show_text
from timeline.validate import collect_paths


@pytest.fixture(scope="module")
def library() -> list[Checked]:
    files, _missing = collect_paths([str(ROOT / "cases")])
    return [check_path(f) for f in files]


@pytest.fixture(scope="module")
def site(library: list[Checked], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    write_site(library, str(out), inputs=[c.path for c in library])
    return out


class Links(HTMLParser):
    """Every URL a page links to or loads (href, src), and its inline SVGs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.svgs = 0
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.svgs += tag == "svg"
        for name, value in attrs:
            if name in ("href", "src", "xlink:href") and value and value not in NAMESPACES:
                self.urls.append(value)


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _links(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_the_folder(site: Path, library: list[Checked]) -> None:
    cases = [c for c in library if c.trial is None]
    assert (site / "index.html").is_file() and (site / "cohort.svg").is_file()
    assert (site / MARKER).is_file()
    assert len(list((site / "cases").glob("*.html"))) == len(cases)
    assert len(list((site / "decks").glob("*.html"))) == len(cases)
    assert len(list((site / "files").glob("*.yaml"))) == len(cases)
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".timeline-")]


def test_every_link_stays_in_the_folder_and_resolves(site: Path) -> None:
    for page in _pages(site):
        for url in _links(page).urls:
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc, (page, url)  # nothing from outside
            if not parts.path:
                continue  # a link within the page
            assert not parts.path.startswith("/"), (page, url)
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_relative_to(site.resolve()), (page, url)
            assert target.exists(), (page, url)


def test_no_script_in_the_pages(site: Path) -> None:
    for page in _pages(site):
        if page.parent.name == "decks":
            continue  # the deck has its own (tests/test_html_deck.py)
        assert "script" not in _links(page).tags, page


def test_index_lists_every_case_with_its_status(site: Path, library: list[Checked]) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    links = _links(site / "index.html")
    assert links.svgs == 1  # the cohort figure, inline
    for checked in library:
        if checked.trial is not None:
            assert os.path.basename(checked.path) in text  # named as not a case
            continue
        assert checked.case is not None
        assert f'href="cases/{checked.case.id}.html"' in text
    assert "valid" in text and "Case library" in text


def test_the_index_says_which_valid_case_the_figure_leaves_out(site: Path) -> None:
    """The header counted every valid file above a figure with one lane fewer, and only the
    figure's own legend said why: roj2021 gives no diagnosis date."""
    text = (site / "index.html").read_text(encoding="utf-8")
    caption = text.split("<h2>The cohort</h2>", 1)[1].split("<figure>", 1)[0]
    assert "Not in the figure: roj2021-braf-melanoma-brain-srs-dabrafenib-nivolumab" in caption
    assert "no diagnosis date" in caption


def test_case_page_has_the_swimlane_summary_and_links(site: Path) -> None:
    reference = check_path(str(REFERENCE))
    assert reference.case is not None
    page = site / "cases" / f"{reference.case.id}.html"
    text = page.read_text(encoding="utf-8")
    links = _links(page)
    assert links.svgs == 1
    assert 'class="node therapy' in text and "<title>" in text  # classes and tooltips kept
    assert f"../decks/{reference.case.id}.html" in links.urls
    assert f"../files/{REFERENCE.name}" in links.urls
    from timeline.evidence import matches, trials_beside

    library = trials_beside(str(REFERENCE))
    import html

    summary = show_text(reference, matches(reference, library), len(library))
    assert html.escape(summary) in text


def test_case_with_errors_is_listed_not_drawn(tmp_path: Path) -> None:
    bad = tmp_path / "in" / "bad.yaml"
    bad.parent.mkdir()
    bad.write_text(
        "format: 1\nid: bad\ndiagnosis: {date: 2010}\n"
        "events: [{id: r, type: response, date: 2011, category: XX}]\n"
    )
    out = tmp_path / "site"
    checked = [check_path(str(REFERENCE)), check_path(str(bad))]
    assert not checked[1].ok
    write_site(checked, str(out), backend="wasm")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "error" in index and "bad" in index
    page = (out / "cases" / "bad.html").read_text(encoding="utf-8")
    assert "Not drawn" in page and not (out / "decks" / "bad.html").exists()


def test_never_a_partial_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import timeline.site as site_module

    checked = [check_path(str(REFERENCE))]
    out = tmp_path / "site"
    write_site(checked, str(out), backend="wasm")
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def broken(*args: Any, **kwargs: Any) -> list[str]:
        folder = args[1]
        (Path(folder) / "index.html").write_text("half")
        raise OSError("disk full")

    monkeypatch.setattr(site_module, "build_site", broken)
    with pytest.raises(OSError):
        write_site(checked, str(out), backend="wasm")
    # the old site is whole, and no temporary folder is left
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert "half" not in (out / "index.html").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_site_is_replaced_other_folders_are_not(tmp_path: Path) -> None:
    checked = [check_path(str(REFERENCE))]
    out = tmp_path / "site"
    write_site(checked, str(out), backend="wasm")
    (out / "stale.html").write_text("old")
    write_site(checked, str(out), backend="wasm")
    assert not (out / "stale.html").exists()
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep")
    with pytest.raises(SiteError):
        write_site(checked, str(other), backend="wasm")
    assert (other / "notes.txt").read_text() == "keep"
    with pytest.raises(SiteError):
        write_site(checked, str(ROOT / "cases"), inputs=[str(REFERENCE)])


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline", "site", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_cli(tmp_path: Path) -> None:
    out = run(str(REFERENCE), "-o", str(tmp_path / "s"), "--engine", "wasm")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(tmp_path / "s" / "index.html")
    assert run(str(REFERENCE), "-o", str(tmp_path / "s.html")).returncode == 2
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "x.txt").write_text("x")
    refused = run(str(REFERENCE), "-o", str(tmp_path / "mine"))
    assert refused.returncode == 2 and "mine" in refused.stderr
    assert run(str(tmp_path / "nothing"), "-o", str(tmp_path / "t")).returncode == 1


LINKS = "return Array.from(document.querySelectorAll('a[href]')).map(a => a.href);"
LOADED = "return [document.readyState, document.querySelectorAll('svg').length];"


def test_every_page_loads_in_a_browser(
    browser: Any,  # noqa: F811 (the fixture)
    site: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    shots = tmp_path_factory.mktemp("site-screenshots")
    browser.get_log("browser")  # start from a clean log
    for page in _pages(site):
        browser.get(page.as_uri())
        # (a large deck page on a busy machine can still be loading when the driver returns)
        deadline = time.monotonic() + 60
        state, svgs = browser.execute_script(LOADED)
        while state != "complete" and time.monotonic() < deadline:
            time.sleep(0.1)
            state, svgs = browser.execute_script(LOADED)
        assert state == "complete", page
        if page.parent.name in ("cases",) or page.name == "index.html":
            assert svgs >= 1, page
        _quiet_log(browser)
        for href in browser.execute_script(LINKS):
            parts = urlsplit(href)
            assert parts.scheme == "file", (page, href)
            target = Path(unquote(parts.path))
            assert target.exists() and target.is_relative_to(site), (page, href)
        if page.name == "index.html" or page.name.startswith("cr000"):
            browser.save_screenshot(str(shots / f"{page.parent.name}-{page.stem}.png"))
