"""What the builders of one case file share while they read it: the reader that collects
its problems, the catalogue (with the agents the case declares), the ids met so far, and
which events could not be read (so that the rules do not report their absence again)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from timeline.catalogue import Catalogue
from timeline.datefields import parse_date
from timeline.dates import DateSpec
from timeline.keys import ALLOWED
from timeline.reading import Fields, Reader

__all__ = ["Builder", "ParseState"]

#: Builds one value from the fields of one mapping (``None`` when it cannot be built).
Builder = Callable[[Fields], Any]


class ParseState:
    """The state one file's parse shares between its builders."""

    def __init__(self, reader: Reader, catalogue: Catalogue) -> None:
        self.reader = reader
        self.catalogue = catalogue
        #: every id given so far (events and exposures), with the node that gives it first
        self.ids: dict[str, yaml.Node] = {}
        #: the ids of the events that could not be read
        self.unreadable: set[str] = set()
        #: the types of the events (``"event"`` for one whose type could not be read, and
        #: ``"exposure"``) that could not be read
        self.unreadable_types: set[str] = set()

    def date(self, f: Fields, key: str, required: bool = False, what: str = "") -> DateSpec | None:
        """The date under ``key`` (``what`` says whose it is in a message)."""
        node = f.require(key) if required else f.get(key)
        return None if node is None else parse_date(self.reader, node, f"'{key}'{what}")

    def items(self, f: Fields, key: str, what: str, place: str, build: Builder) -> tuple:
        """The values built from the list of mappings under ``key``, each checked against the
        keys of ``place``; an item that cannot be built is left out (and was reported)."""
        node = f.get(key)
        if node is None:
            return ()
        out = []
        allowed = ALLOWED[place]
        for item in self.reader.sequence(node, f"'{key}'"):
            sub = self.reader.fields(item, what, allowed)
            if sub is not None:
                built = build(sub)
                if built is not None:
                    out.append(built)
        return tuple(out)
