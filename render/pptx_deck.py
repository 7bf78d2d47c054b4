"""A teaching deck as a PowerPoint file (python-pptx): editable text, pictures with alt text.

Every slide uses one layout on an exact 16:9 page (13.333 × 7.5 in, 960 × 540 pt): a title
and a caption as real text boxes at the top, the figure below as a PNG rendered at twice the
slide's resolution, with alt text that says in words what it shows. No text run is under
18 pt. Speaker notes carry each step's notes, the source's words and a question's answer.
"""

from __future__ import annotations

import io

from timeline.render.deck import (
    MARGIN,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    Deck,
    Slide,
    caption_lines,
    figure_scale,
    figure_size,
    figure_top,
)
from timeline.render.engines import rasterise

__all__ = ["MIN_PT", "deck_pptx", "figure_scale"]

#: the smallest type on any slide, in points (the usual floor for projection)
MIN_PT = 18
_EMU_PER_PT = 12700


def deck_pptx(deck: Deck) -> bytes:
    """The deck as the bytes of a .pptx file."""
    from pptx import Presentation
    from pptx.util import Emu, Pt

    prs = Presentation()
    prs.slide_width = Emu(int(SLIDE_WIDTH * _EMU_PER_PT))
    prs.slide_height = Emu(int(SLIDE_HEIGHT * _EMU_PER_PT))
    blank = prs.slide_layouts[6]

    def pt(value: float) -> Emu:
        return Emu(int(value * _EMU_PER_PT))

    def text(slide, x: float, y: float, w: float, h: float, lines, size: int, bold=False):
        box = slide.shapes.add_textbox(pt(x), pt(y), pt(w), pt(h))
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = para.add_run()
            run.text = line
            run.font.size = Pt(max(size, MIN_PT))
            run.font.bold = bold
        return box

    def picture(slide, s: Slide) -> None:
        assert s.figure is not None
        width, height = figure_size(s.figure)
        scale = figure_scale(s)
        png = rasterise(s.figure, 2.0)  # twice the slide's resolution
        w, h = width * scale, height * scale
        pic = slide.shapes.add_picture(
            io.BytesIO(png), pt((SLIDE_WIDTH - w) / 2), pt(figure_top(s)), pt(w), pt(h)
        )
        pic._element.nvPicPr.cNvPr.set("descr", s.alt)
        pic.name = "figure"

    def notes(slide, words: str) -> None:
        slide.notes_slide.notes_text_frame.text = words or " "

    for s in deck.slides:
        slide = prs.slides.add_slide(blank)
        _fill(slide, s, text, picture)
        notes(slide, s.notes)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _fill(slide, s: Slide, text, picture) -> None:
    width = SLIDE_WIDTH - 2 * MARGIN
    if s.kind == "title":
        text(slide, MARGIN, 120, width, 120, [s.title], 32, bold=True)
        text(slide, MARGIN, 260, width, 240, list(s.lines), 20)
        return
    text(slide, MARGIN, 10, width, 34, [s.title], 24, bold=True)
    if s.kind == "question":
        height = caption_lines(s.caption, 24, width) * 30 + 8
        text(slide, MARGIN, 48, width, height, s.caption.split("\n"), 24, bold=True)
        if s.figure is not None:
            picture(slide, s)
        return
    if s.kind in ("intervals", "evidence"):
        text(slide, MARGIN, 48, width, 30, [s.caption], MIN_PT)
        rows = len(s.table) + 1
        shape = slide.shapes.add_table(
            rows, 2, *(_emu(v) for v in (MARGIN, 90, width, min(420, 40 * rows)))
        )
        table = shape.table
        for r, (name, value) in enumerate((s.header, *s.table)):
            for col, words in enumerate((name, value)):
                cell = table.cell(r, col)
                cell.text = words
                for para in cell.text_frame.paragraphs:
                    for run in para.runs:
                        from pptx.util import Pt

                        run.font.size = Pt(MIN_PT)
                        run.font.bold = r == 0
        return
    height = caption_lines(s.caption, 20, width) * 25 + 6
    text(slide, MARGIN, 44, width, height, [s.caption], 20)
    if s.figure is not None:
        picture(slide, s)


def _emu(points: float) -> int:
    return int(points * _EMU_PER_PT)
