"""A static site of a library of cases: one folder of pages that works offline.

    timeline site cases/ -o site/

* ``index.html``: the cohort figure (:mod:`timeline.render.cohort`) and a table of the cases
  (id, title, tumour and subtype, lines, follow-up, validation status with its problems);
* ``cases/<id>.html``: a case's swimlane (inline SVG, with its tooltips), what ``timeline
  show`` prints, and links to its teaching deck and to its case file;
* ``decks/<id>.html``: the HTML teaching deck (:mod:`timeline.render.html_deck`);
* ``files/``: the case files themselves, ``cohort.svg``: the figure on its own.

Every link is relative and every resource is in the folder (no CDN, no script), so the site
opens from the disk as well as from any web server. The site is written to a temporary folder
beside the target and moved into place only when whole: an interrupted run never leaves half a
site, and a site already there is replaced in one move.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from attrs import frozen

from timeline.problems import Severity
from timeline.summary import show_text
from timeline.validate import Checked
from timeline.wording import patient_line

if TYPE_CHECKING:
    from timeline.evidence import Match

__all__ = ["MARKER", "SiteError", "build_site", "write_site"]

#: the file that marks a folder as a site this module wrote (and may therefore replace)
MARKER = ".timeline-site"

_CSS = """
body { font-family: Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
  margin: 1.5em auto; max-width: 72em; padding: 0 1em; color: #111; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
nav a, p.links a { margin-right: 1.2em; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { text-align: left; vertical-align: top; padding: .35em .5em; border-bottom: 1px solid #ddd; }
th { background: #f3f3f3; }
td.num { text-align: right; white-space: nowrap; }
.ok { color: #006b4f; } .warn { color: #8a5a00; } .error { color: #b02a00; font-weight: bold; }
ul.problems { margin: .3em 0 0 0; padding-left: 1.1em; font-size: .9em; }
ul.problems li { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85em; }
figure { margin: 1em 0; overflow-x: auto; } figure svg { max-width: 100%; height: auto; }
pre { background: #f7f7f7; padding: 1em; white-space: pre-wrap; font-size: .85em; line-height: 1.35; }
.muted { color: #555; }
"""


class SiteError(Exception):
    """The site cannot be written where asked; the message says why."""


@frozen
class Entry:
    """One file of the library as the site shows it."""

    checked: Checked
    page: str | None  # the case page, relative to the site ("cases/<id>.html"); None: no case
    file: str  # the copy of the case file, relative to the site
    deck: str | None  # the HTML deck, relative to the site; None: not made


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _name(ident: str, taken: set[str]) -> str:
    """A file name for a case id: the id when it is a plain name, unique in the site."""
    base = ident if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,100}", ident) else "case"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name.lower())
    return name


def _inline(svg: bytes) -> str:
    """An SVG file's text to put inside an HTML page: without its XML declaration and
    doctype, which only a stand-alone file may have."""
    text = svg.decode("utf-8")
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def _page(title: str, body: str, up: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + (f'<nav><a href="{up}index.html">← the library</a></nav>\n' if up else "")
        + body
        + "\n</body>\n</html>\n"
    )


def _status(checked: Checked) -> tuple[str, str]:
    """(CSS class, words) of a file's validation status."""
    errors = len(checked.errors)
    warnings = len(checked.problems) - errors
    acknowledged = len(checked.acknowledged)
    ack = f" ({acknowledged} acknowledged)" if acknowledged else ""
    if errors:
        return "error", f"{errors} error{'s' * (errors != 1)}" + (
            f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
        )
    if warnings:
        return "warn", f"valid, {warnings} warning{'s' * (warnings != 1)}{ack}"
    return "ok", f"valid{ack}"


def _problems(checked: Checked) -> str:
    if not checked.problems:
        return ""
    items = "".join(
        f'<li class="{"error" if p.severity is Severity.ERROR else "warn"}">{_e(p.format())}</li>'
        for p in checked.problems
    )
    return f'<ul class="problems">{items}</ul>'


def _tumour(checked: Checked) -> tuple[str, str]:
    case = checked.case
    if case is None:
        return "", ""
    d = case.diagnosis
    tumour = ", ".join(
        x
        for x in (
            " ".join(x for x in (d.laterality, d.site) if x and x != "not-applicable"),
            d.histology,
        )
        if x
    )
    subtype = d.receptor_summary() or ", ".join(b.text() for b in d.biomarkers[:4])
    return tumour, subtype


def _follow_up(checked: Checked) -> str:
    for interval in checked.intervals if checked.case is not None and checked.ok else ():
        if interval.kind in ("follow-up", "OS"):
            text = interval.text()
            return f"{text} (to death)" if interval.kind == "OS" else text
    return ""


def _lines(checked: Checked) -> str:
    numbers = {ln.number for ln in checked.lines if ln.number is not None}
    if checked.case is None:
        return ""
    prior = checked.case.prior_lines
    # (lines before the first recorded count too: "≥ 3" when their number is not known)
    return f"{'' if prior.exact else '≥ '}{len(numbers) + prior.least}"


def _index(
    entries: Sequence[Entry],
    cohort_svg: bytes | None,
    skipped: Sequence[str],
    left_out: Sequence[tuple[str, str]] = (),
) -> str:
    rows = []
    for entry in entries:
        checked, case = entry.checked, entry.checked.case
        ident = case.id if case is not None else os.path.basename(checked.path)
        link = f'<a href="{_e(entry.page)}">{_e(ident)}</a>' if entry.page else _e(ident)
        tumour, subtype = _tumour(checked)
        css, words = _status(checked)
        rows.append(
            "<tr>"
            f"<td>{link}</td>"
            f"<td>{_e(case.title or '') if case else ''}</td>"
            f"<td>{_e(tumour)}</td><td>{_e(subtype)}</td>"
            f'<td class="num">{_e(_lines(checked))}</td>'
            f"<td>{_e(_follow_up(checked))}</td>"
            f'<td><span class="{css}">{_e(words)}</span>{_problems(checked)}'
            f'<div class="muted"><a href="{_e(entry.file)}">case file</a></div></td>'
            "</tr>"
        )
    valid = sum(1 for e in entries if e.checked.ok)
    head = (
        "<h1>Case library</h1>\n"
        f'<p class="muted">{len(entries)} case file{"s" * (len(entries) != 1)}, {valid} valid.'
        " Lines: lines of therapy for advanced disease (adjuvant and neoadjuvant therapy are not"
        " lines). Follow-up: from diagnosis to the last follow-up (≥: alive then) or to death.</p>\n"
    )
    figure = ""
    if cohort_svg is not None:
        # the count under the heading and the figure's lanes differ by what it cannot draw:
        # said here, next to the count, not only in the figure's legend
        missing = "".join(
            f" Not in the figure: {_e(ident)} ({_e(why)})." for ident, why in left_out
        )
        figure = (
            "<h2>The cohort</h2>\n"
            '<p class="muted">One lane per case, aligned at diagnosis, longest follow-up on top;'
            f" hover for details.{missing}"
            ' <a href="cohort.svg">The figure on its own</a>.</p>\n'
            f"<figure>{_inline(cohort_svg)}</figure>\n"
        )
    table = (
        "<h2>The cases</h2>\n<table>\n<thead><tr><th>id</th><th>title</th><th>tumour</th>"
        "<th>subtype</th><th>lines</th><th>follow-up</th><th>status</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n"
    )
    extra = ""
    if skipped:
        extra = (
            '<p class="muted">Not cases (trial files): '
            + ", ".join(_e(os.path.basename(p)) for p in skipped)
            + ".</p>\n"
        )
    return _page("Case library", head + figure + table + extra)


def _case_page(entry: Entry, svg: bytes | None, text: str) -> str:
    checked, case = entry.checked, entry.checked.case
    assert case is not None
    css, words = _status(checked)
    links = [f'<a href="../{_e(entry.file)}">case file</a>']
    if entry.deck:
        links.insert(0, f'<a href="../{_e(entry.deck)}">teaching deck</a>')
    body = (
        f"<h1>{_e(case.title or case.id)}</h1>\n"
        f'<p class="muted">{_e(case.id)} · {_e(patient_line(case))} ·'
        f' <span class="{css}">{_e(words)}</span></p>\n'
        f'<p class="links">{" ".join(links)}</p>\n'
    )
    if svg is not None:
        body += f"<h2>Timeline</h2>\n<figure>{_inline(svg)}</figure>\n"
    else:
        body += '<p class="error">Not drawn: the case has errors (below).</p>\n'
    body += f"<h2>Summary</h2>\n<pre>{_e(text)}</pre>\n"
    return _page(case.id, body, up="../")


Progress = Callable[[str], None]


def build_site(
    checked: Sequence[Checked],
    folder: str,
    *,
    backend: str = "auto",
    inputs: Sequence[str] = (),
    progress: Progress | None = None,
) -> list[str]:
    """Write the site of ``checked`` (trial files are listed, not shown) into ``folder``, which
    must exist and be empty; returns the files written, relative to it. Cases with errors get
    a row and a page with their problems, but no drawing and no deck."""
    from timeline.evidence import matches, trials_beside
    from timeline.render import render_case
    from timeline.render.cohort import render_cohort
    from timeline.render.deck import build_deck
    from timeline.render.html_deck import deck_html
    from timeline.render.output import write_atomic

    written: list[str] = []

    def put(rel: str, data: bytes) -> None:
        write_atomic(os.path.join(folder, *rel.split("/")), data, inputs)
        written.append(rel)
        if progress:
            progress(rel)

    taken: set[str] = set()
    files_taken: set[str] = set()
    entries: list[Entry] = []
    skipped: list[str] = []
    for result in checked:
        if result.trial is not None and result.ok:
            skipped.append(result.path)
            continue
        base, suffix = os.path.splitext(os.path.basename(result.path))
        file_name = _name(base, files_taken) + suffix.lower()
        page = deck = None
        if result.case is not None:
            name = _name(result.case.id, taken)
            page = f"cases/{name}.html"
            deck = f"decks/{name}.html" if result.ok else None
        entries.append(Entry(result, page, f"files/{file_name}", deck))
    for entry in entries:
        result = entry.checked
        # a copy of the case file (write_atomic refuses case suffixes; "x": the folder is new,
        # so this never replaces a file)
        target = os.path.join(folder, *entry.file.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(result.path, "rb") as src, open(target, "xb") as dst:
            shutil.copyfileobj(src, dst)
        written.append(entry.file)
        if entry.page is None:
            continue
        svg = None
        found: list[Match] = []
        trials = 0
        if result.ok:
            library = trials_beside(result.path)
            trials = len(library)
            found = matches(result, library)
            svg = render_case(result, fmt="svg", backend=backend)  # type: ignore[arg-type]
            slides = build_deck(result, backend=backend, trials=library)  # type: ignore[arg-type]
            assert entry.deck is not None
            put(entry.deck, deck_html(slides))
        text = show_text(result, found, trials)
        put(entry.page, _case_page(entry, svg, text).encode("utf-8"))
    cohort_svg = None
    if any(e.checked.ok and e.checked.case is not None for e in entries):
        cohort_svg, cohort = render_cohort(
            [e.checked for e in entries],
            fmt="svg",
            backend=backend,
        )
        put("cohort.svg", cohort_svg)
        left_out = cohort.left_out
    else:
        left_out = ()
    put("index.html", _index(entries, cohort_svg, skipped, left_out).encode("utf-8"))
    put(MARKER, b"written by timeline site; the folder is replaced whole on the next run\n")
    return written


def write_site(
    checked: Sequence[Checked],
    out: str,
    *,
    backend: str = "auto",
    inputs: Sequence[str] = (),
    progress: Progress | None = None,
) -> list[str]:
    """Build the site in a temporary folder beside ``out``, then move it into place.

    ``out`` may be missing, an empty folder, or a site written before (it holds
    :data:`MARKER`), which is replaced; anything else is refused with :class:`SiteError`, as
    is a folder holding one of the ``inputs``."""
    out = os.path.normpath(out)
    real = os.path.realpath(out)
    if os.path.exists(out):
        if not os.path.isdir(out):
            raise SiteError(f"{out} is an existing file, not a folder")
        if os.listdir(out) and not os.path.isfile(os.path.join(out, MARKER)):
            raise SiteError(
                f"{out} is a folder that holds other files and no site written before; give a"
                " new or empty folder"
            )
    for path in inputs:
        inside = os.path.realpath(path)
        if inside == real or inside.startswith(real + os.sep):
            raise SiteError(f"{out} holds the input {path}; give a folder outside the library")
    parent = os.path.dirname(os.path.abspath(out))
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".timeline-site-", dir=parent)
    try:
        os.chmod(tmp, 0o777 & ~_umask())
        written = build_site(checked, tmp, backend=backend, inputs=inputs, progress=progress)
        old = None
        if os.path.exists(out):
            old = tempfile.mkdtemp(prefix=".timeline-old-site-", dir=parent)
            os.rename(out, os.path.join(old, "site"))
        try:
            os.rename(tmp, out)
        except OSError:
            if old is not None:  # put the old site back
                os.rename(os.path.join(old, "site"), out)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
        raise
    return written


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
