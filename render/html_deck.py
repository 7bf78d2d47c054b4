"""A teaching deck as one HTML file that works offline: inline SVG, inline CSS and JavaScript.

Every slide is a ``<section>`` on a 16:9 stage designed at 960 × 540 CSS pixels (one pixel of
the stage stands for one point of the slide, as in :mod:`render.pptx_deck`) and scaled to the
window. Only the current slide is shown. The title and caption are real text, never under
18 px at the design size; the figure below them is the slide's SVG, inlined and scaled to fit,
with ``role="img"``, a ``<title>`` and a ``<desc>`` (the slide's alt text). The intervals are a
real ``<table>``; the title slide's lines are paragraphs.

Keys: Space, →, Page Down or a click go forward; ←, Page Up or Backspace go back; Home and End
go to the first and last slide; N shows or hides the speaker notes. The slide's number is the
URL's fragment (``#3``), so a link can open the deck at a slide.

The file fetches nothing: there are no external fonts, scripts, images or links, and its
Content-Security-Policy forbids any fetch and any script but its own. Everything taken from the
case is escaped. The same deck always gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape

from timeline.render.deck import SLIDE_HEIGHT, SLIDE_WIDTH, Deck, Slide

__all__ = ["MIN_PX", "deck_html"]

#: the smallest type on the stage, in CSS pixels at the design size (18 pt on a 960 pt slide)
MIN_PX = 18
_W, _H = int(SLIDE_WIDTH), int(SLIDE_HEIGHT)

_CSS = f"""\
*{{box-sizing:border-box}}
html,body{{margin:0;padding:0}}
body{{background:#2b2b2b;color:#111;font-family:"Helvetica Neue",Helvetica,Arial,\
"Liberation Sans","DejaVu Sans",sans-serif;font-size:{MIN_PX}px;line-height:1.25}}
#stage{{width:{_W}px;margin:0 auto}}
.slide{{position:relative;width:{_W}px;height:{_H}px;margin:16px 0;background:#fff;\
overflow:hidden;display:flex;flex-direction:column;padding:12px 24px 6px}}
.slide[hidden]{{display:none}}
.slide h1{{font-size:32px;margin:0 0 24px}}
.slide h2{{font-size:24px;margin:0;padding-right:96px}}
.slide p{{margin:0}}
.caption{{font-size:20px;margin-top:4px}}
.slide[data-kind="title"]{{justify-content:center;padding:24px 48px 48px}}
.slide[data-kind="title"] .lines p{{font-size:20px;margin:0 0 12px}}
.slide[data-kind="question"] .caption{{font-size:24px;font-weight:bold;margin-top:8px;white-space:pre-line}}
.figure{{flex:1 1 auto;min-height:0;margin:2px -24px 0;display:flex;align-items:center;\
justify-content:center}}
.figure svg{{display:block;width:100%;height:100%}}
table{{border-collapse:collapse;margin-top:16px;font-size:{MIN_PX}px}}
th,td{{text-align:left;padding:4px 24px 4px 8px;border-bottom:1px solid #bbb}}
thead th{{border-bottom:2px solid #333}}
tbody th{{font-weight:normal}}
.counter{{position:absolute;right:24px;top:14px;margin:0;font-size:{MIN_PX}px;color:#444}}
.notes[hidden],#notes[hidden]{{display:none}}
#notes{{position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;margin:0;\
padding:12px 24px;background:#111;color:#f2f2f2;font-size:{MIN_PX}px;line-height:1.4;\
border-top:3px solid #e0a030}}
#notes h2{{font-size:{MIN_PX}px;margin:0 0 6px;color:#e0a030}}
#notes p{{margin:0 0 6px}}
.sr-only{{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);\
white-space:nowrap}}
html.js,html.js body{{height:100%;overflow:hidden}}
html.js #stage{{position:absolute;left:0;top:0;height:{_H}px;margin:0;transform-origin:0 0}}
html.js .slide{{position:absolute;left:0;top:0;margin:0}}
@media print{{
@page{{size:{_W}px {_H}px;margin:0}}
html.js,html.js body{{height:auto;overflow:visible}}
body{{background:#fff}}
#stage,html.js #stage{{position:static;transform:none!important;height:auto}}
.slide,html.js .slide,.slide[hidden]{{display:flex;position:relative;margin:0;\
break-after:page}}
#notes,#notes[hidden]{{display:none}}
}}
"""

_JS = f"""\
(function () {{
  "use strict";
  var W = {_W}, H = {_H};
  document.documentElement.classList.add("js");
  var stage = document.getElementById("stage");
  var slides = Array.prototype.slice.call(stage.querySelectorAll("section.slide"));
  var panel = document.getElementById("notes");
  var panelBody = document.getElementById("notes-body");
  var panelHead = document.getElementById("notes-head");
  var live = document.getElementById("live");
  var total = slides.length;
  var current = 0;
  if (!total) return;

  function fromHash() {{
    var m = /^#(\\d+)$/.exec(window.location.hash);
    return m ? parseInt(m[1], 10) : null;
  }}
  function fit() {{
    var w = window.innerWidth;
    var h = Math.max(window.innerHeight - (panel.hidden ? 0 : panel.offsetHeight), 1);
    var s = Math.min(w / W, h / H);
    stage.style.transform = "translate(" + (w - W * s) / 2 + "px," + (h - H * s) / 2 +
      "px) scale(" + s + ")";
  }}
  function fillNotes() {{
    var slide = slides[current - 1];
    var copy = slide.querySelector(".notes").cloneNode(true);
    copy.hidden = false;
    while (panelBody.firstChild) panelBody.removeChild(panelBody.firstChild);
    panelBody.appendChild(copy);
    panelHead.textContent = "Notes, slide " + current + " / " + total;
  }}
  function show(n) {{
    n = Math.min(Math.max(n, 1), total);
    if (n !== current) {{
      for (var i = 0; i < total; i++) slides[i].hidden = i !== n - 1;
      current = n;
      var heading = slides[n - 1].querySelector("h1, h2");
      live.textContent = "Slide " + n + " of " + total + ": " +
        (heading ? heading.textContent : "");
      fillNotes();
    }}
    if (window.location.hash !== "#" + n) {{
      try {{
        window.history.replaceState(null, "", "#" + n);
      }} catch (e) {{
        window.location.replace("#" + n);
      }}
    }}
  }}
  function go(by) {{
    show(current + by);
  }}
  function toggleNotes() {{
    panel.hidden = !panel.hidden;
    fit();
  }}
  document.addEventListener("keydown", function (e) {{
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    switch (e.key) {{
      case " ":
      case "Spacebar":
        go(e.shiftKey ? -1 : 1);
        break;
      case "ArrowRight":
      case "PageDown":
        go(1);
        break;
      case "ArrowLeft":
      case "PageUp":
      case "Backspace":
        go(-1);
        break;
      case "Home":
        show(1);
        break;
      case "End":
        show(total);
        break;
      case "n":
      case "N":
        toggleNotes();
        break;
      default:
        return;
    }}
    e.preventDefault();
  }});
  stage.addEventListener("click", function (e) {{
    if (e.button !== 0) return;
    var selection = window.getSelection ? String(window.getSelection()) : "";
    if (!selection) go(1);
  }});
  window.addEventListener("hashchange", function () {{
    var n = fromHash();
    if (n !== null) show(n);
  }});
  window.addEventListener("resize", fit);
  show(fromHash() || 1);
  fit();
}})();
"""

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_JS.encode("utf-8")).digest()).decode("ascii")
#: nothing may be fetched; only the deck's own script may run
_CSP = (
    f"default-src 'none'; script-src 'sha256-{_SCRIPT_HASH}'; style-src 'unsafe-inline';"
    " base-uri 'none'; form-action 'none'"
)

_ROOT = re.compile(r"<svg\b[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[A-Za-z][^>]*>")
_ID = re.compile(r'(\sid=")([^"]*")')
_REF = re.compile(r'(url\(#|href="#)')
_SIZE = re.compile(r'\s(width|height)="([\d.]+)(pt|px)?"')
_VIEWBOX = re.compile(r"\sviewBox=")
_GRAPH_TITLE = re.compile(r'(<g id="graph0" class="graph"[^>]*>)\s*<title>[^<]*</title>')


def _inline_svg(svg: bytes, prefix: str, title: str, desc: str) -> str:
    """The SVG as an element to put in HTML, titled and described, with its ids made unique."""
    text = svg.decode("utf-8")
    root = _ROOT.search(text)
    if root is None:
        raise ValueError("the figure is not SVG")
    text = _COMMENT.sub("", text[root.start() :]).strip()  # no XML prolog, DOCTYPE or comments
    # (nor the graph's own title, the case id, which a browser shows on hover: an id that
    # names the course, "…-eribulin-tucatinib", was on every step's figure from the first)
    text = _GRAPH_TITLE.sub(r"\g<1>", text, count=1)
    text = _TAG.sub(
        lambda m: _REF.sub(rf"\g<1>{prefix}-", _ID.sub(rf"\g<1>{prefix}-\g<2>", m.group(0))),
        text,
    )
    root = _ROOT.match(text)
    assert root is not None
    open_tag = root.group(0)
    sizes = {}
    for name, value, unit in _SIZE.findall(open_tag):
        # a stage pixel is a slide point; Graphviz gives points
        sizes[name] = float(value) * (0.75 if unit in ("px", "") else 1.0)
    attrs = _SIZE.sub("", open_tag[len("<svg") : -1])
    if "width" in sizes and "height" in sizes:
        if not _VIEWBOX.search(attrs):
            attrs += f' viewBox="0 0 {sizes["width"]:g} {sizes["height"]:g}"'
        attrs += f' style="max-width:{sizes["width"]:g}px;max-height:{sizes["height"]:g}px"'
    ids = f"{prefix}-title {prefix}-desc"
    head = (
        f'<svg{attrs} role="img" aria-labelledby="{ids}">'
        f'<title id="{prefix}-title">{escape(title)}</title>'
        f'<desc id="{prefix}-desc">{escape(desc)}</desc>'
    )
    return head + text[root.end() :]


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def _slide(s: Slide, n: int, total: int) -> str:
    prefix = f"s{n}"
    attrs = f'class="slide" id="slide-{n}" data-kind="{escape(s.kind)}"'
    if s.step is not None:
        attrs += f' data-step="{s.step}"'
    out = [f'<section {attrs} aria-roledescription="slide" aria-labelledby="{prefix}-h">']
    if s.kind == "title":
        out.append(f'<h1 id="{prefix}-h">{escape(s.title)}</h1>')
        out.append(f'<div class="lines">{_paragraphs(chr(10).join(s.lines))}</div>')
    else:
        out.append(f'<h2 id="{prefix}-h">{escape(s.title)}</h2>')
    if s.caption:
        out.append(f'<p class="caption">{escape(s.caption)}</p>')
    if s.kind in ("intervals", "evidence"):
        out.append(
            "<table><thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in s.header)
        )
        out.append("</tr></thead><tbody>")
        out.extend(
            f'<tr><th scope="row">{escape(name)}</th><td>{escape(value)}</td></tr>'
            for name, value in s.table
        )
        out.append("</tbody></table>")
    if s.figure is not None:
        figure = _inline_svg(s.figure, prefix, s.title, s.alt or s.caption or s.title)
        out.append(f'<div class="figure">{figure}</div>')
    notes = _paragraphs(s.notes) or "<p>No notes for this slide.</p>"
    out.append(f'<div class="notes" hidden>{notes}</div>')
    out.append(f'<p class="counter">{n} / {total}</p>')
    out.append("</section>")
    return "\n".join(out)


def deck_html(deck: Deck) -> bytes:
    """The deck as the bytes of one self-contained HTML file (UTF-8)."""
    total = len(deck.slides)
    slides = "\n".join(_slide(s, n, total) for n, s in enumerate(deck.slides, 1))
    page = f"""\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(deck.slides[0].title if deck.slides else deck.title)}</title>
<style>
{_CSS}</style>
</head>
<body>
<main id="stage" data-case="{escape(deck.case_id)}">
{slides}
</main>
<aside id="notes" hidden aria-label="Speaker notes">
<h2 id="notes-head">Notes</h2>
<div id="notes-body"></div>
</aside>
<div id="live" class="sr-only" aria-live="polite" aria-atomic="true"></div>
<script>{_JS}</script>
</body>
</html>
"""
    return page.encode("utf-8")
