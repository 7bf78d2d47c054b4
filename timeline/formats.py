"""The file kinds the project reads and writes, named once.

* :data:`CASE_SUFFIXES`: what a case file (or a trial file) may end in; folders are searched
  for these, and no output is ever written over one;
* :data:`DRAWING_FORMATS`: what ``timeline render`` writes (``--format`` and the suffix of
  ``--out``);
* :data:`DECK_FORMATS`: what ``timeline deck`` writes.
"""

from __future__ import annotations

__all__ = ["CASE_SUFFIXES", "DECK_FORMATS", "DRAWING_FORMATS"]

#: the suffixes of case files (YAML, or JSON, which YAML reads as well)
CASE_SUFFIXES = (".yaml", ".yml", ".json")
#: the formats of a drawing
DRAWING_FORMATS = ("svg", "png", "pdf")
#: the formats of a teaching deck
DECK_FORMATS = ("pptx", "html")
