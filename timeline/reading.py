"""Typed access to YAML nodes: each reader returns a value or ``None`` and reports why.

The case parser is written with these few functions, so that every wrong type, unknown key
and bad choice is reported the same way, at the node that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import yaml

from timeline.loader import Node
from timeline.problems import Location, Problems, suggest

__all__ = ["Fields", "Reader", "describe"]

_SCALAR = yaml.ScalarNode
_CHOICE_MAPS: dict[tuple[str, ...], dict[str, str]] = {}


#: words a source uses for a choice the format names otherwise, offered when refused (an
#: `end_reason: failed` got no suggestion: "failed" is not near "no-response" in spelling)
_MEANT = {
    "failed": "no-response",
    "failure": "no-response",
    "refractory": "no-response",
    "resistance": "progression",
    "resistant": "progression",
    "pd": "progression",
    "progressive-disease": "progression",
    "relapse": "progression",
    "adverse-event": "toxicity",
    "adverse-events": "toxicity",
    "intolerance": "toxicity",
    "side-effects": "toxicity",
    "complete": "completed",
    "finished": "completed",
    "died": "death",
    "financial": "cost",
    "financial-reasons": "cost",
    "refused": "patient-choice",
    "patient-refusal": "patient-choice",
    "patient-decision": "patient-choice",
    "continuing": "ongoing",
    "palliative": "advanced",
    "metastatic": "advanced",
    "salvage": "advanced",
    "curative": "definitive",
    "pcr": "CR",
    "pathological-complete-response": "CR",
    "complete-remission": "CR",
    "cri": "CR",
    "scr": "CR",
    "partial-remission": "PR",
    "vgpr": "PR",
    "stable-disease": "SD",
    "stable": "SD",
    "mixed-response": "unknown",
    "alive-pfs": "alive-progression-free",
    "alive-progression-free-survival": "alive-progression-free",
    "alive-in-remission": "alive-ned",
    "alive-disease-free": "alive-ned",
    "alive-with-progression": "alive-with-disease",
}


def _choice_key(value: str) -> str:
    """A choice as it is compared: lower case, with "_" and spaces as "-"."""
    return value.lower().replace("_", "-").replace(" ", "-")


def _choice_map(choices: tuple[str, ...]) -> dict[str, str]:
    found = _CHOICE_MAPS.get(choices)
    if found is None:
        # keyed as a value is looked up: case, "_" and spaces forgiven on both sides (a
        # choice written with a space, "RECIST 1.1", was never found)
        found = _CHOICE_MAPS[choices] = {_choice_key(c): c for c in choices}
    return found


_DIGITS = re.compile(r"\d+")
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
_NULL = "tag:yaml.org,2002:null"


def describe(node: Node) -> str:
    """What a node is, in a message: "a mapping", "a list", "nothing (null)" or its text."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing (null)"
    return f"'{node.value}'"


class Reader:
    """Reads one file's nodes, collecting problems for that file."""

    def __init__(self, path: str, problems: Problems) -> None:
        self.path = path
        self.problems = problems
        #: a value not among its choices was refused (an intent, an end reason, a category):
        #: what it would have said of the course is missing
        self.refused_choice = False

    def at(self, node: Node) -> Location:
        """The location of a node in the file."""
        mark = node.start_mark  # loc(), without its frame: the parser asks for every node
        return Location(self.path, mark.line + 1, mark.column + 1)

    def error(self, code: str, node: Node, message: str) -> None:
        """Report a problem with ``code`` at a node."""
        self.problems.add(code, self.at(node), message)

    # -- scalars ---------------------------------------------------------------------------
    def text(self, node: Node, what: str) -> str | None:
        """A non-empty text, or None with an S003 problem."""
        if isinstance(node, yaml.ScalarNode) and node.tag != _NULL:
            value = str(node.value).strip()
            if value:
                return value
        self.error("S003", node, f"{what} should be text, got {describe(node)}")
        return None

    def integer(
        self, node: Node, what: str, minimum: int = 0, maximum: int = 1_000_000
    ) -> int | None:
        """A whole number within ``minimum``..``maximum``, or None with a problem."""
        raw = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if not _DIGITS.fullmatch(raw):
            self.error(
                "S003", node, f"{what} should be a whole number ≥ {minimum}, got {describe(node)}"
            )
            return None
        value = int(raw) if len(raw) <= 9 else None  # (no 4,300-digit integers)
        if value is None or value > maximum:
            shown = raw if len(raw) <= 12 else raw[:12] + "…"
            self.error(
                "S004",
                node,
                f"{what} {shown} is more than any case can hold (at most"
                f" {maximum:,}); check the source",
            )
            return None
        if value < minimum:
            self.error("S003", node, f"{what} should be a whole number ≥ {minimum}, got {value}")
            return None
        return value

    def number(self, node: Node, what: str) -> float | None:
        """A number, or None with an S003 problem."""
        if isinstance(node, yaml.ScalarNode) and _NUMBER.fullmatch(str(node.value)):
            return float(node.value)
        self.error("S003", node, f"{what} should be a number, got {describe(node)}")
        return None

    def boolean(self, node: Node, what: str, or_unknown: bool = False) -> bool | None:
        """``true`` or ``false``, or None with an S003 problem (which names ``unknown`` too
        where the key takes it)."""
        if isinstance(node, yaml.ScalarNode) and str(node.value).lower() in ("true", "false"):
            return str(node.value).lower() == "true"
        allowed = "true, false or unknown" if or_unknown else "true or false"
        self.error("S003", node, f"{what} should be {allowed}, got {describe(node)}")
        return None

    def choice(self, node: Node, what: str, choices: Iterable[str]) -> str | None:
        """One of ``choices`` (case, ``_`` and spaces forgiven), or None with a problem that
        suggests the nearest."""
        options = tuple(choices)
        value = self.text(node, what)
        if value is None:
            return None
        found = _choice_map(options).get(_choice_key(value))
        if found is not None:
            return found
        self.refused_choice = True
        meant = _MEANT.get(_choice_key(value))
        hint = (
            f"; did you mean '{meant}'? (the format's word for '{value}')"
            if meant in options
            else suggest(value, options)
        )
        self.error("S004", node, f"{what} '{value}' is not one of: {', '.join(options)}{hint}")
        return None

    # -- collections -----------------------------------------------------------------------
    def sequence(self, node: Node, what: str) -> list[Node]:
        """The items of a list, or no items with an S003 problem."""
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self.error(
            "S003",
            node,
            f"{what} should be a list (items starting with '- '), got {describe(node)}",
        )
        return []

    def texts(self, node: Node, what: str) -> tuple[str, ...]:
        """A list of text, or one text standing for a list of one."""
        if isinstance(node, yaml.ScalarNode) and node.tag != _NULL:
            one = self.text(node, what)
            return (one,) if one else ()
        out = []
        for item in self.sequence(node, what):
            value = self.text(item, f"each item of {what}")
            if value:
                out.append(value)
        return tuple(out)

    def fields(self, node: Node, what: str, allowed: Iterable[str]) -> Fields | None:
        """The keys of a mapping, read through :class:`Fields` (only ``allowed`` keys), or None with
        an S003 problem."""
        if not isinstance(node, yaml.MappingNode):
            self.error(
                "S003",
                node,
                f"{what} should be a mapping of 'key: value' lines, got {describe(node)}",
            )
            return None
        return Fields(self, node, what, frozenset(allowed))


class Fields:
    """The keys of one mapping, checked against the keys its place allows."""

    def __init__(
        self,
        reader: Reader,
        node: yaml.MappingNode,
        what: str,
        allowed: frozenset[str],
        values: dict[str, Node] | None = None,
    ):
        self.reader = reader
        self.node = node
        self.what = what
        #: the values by key (``values``: made by the caller, who looked at them first)
        self.values: dict[str, Node] = (
            {key.value: value for key, value in node.value} if values is None else values
        )
        self.get = self.values.get  # the hot path of the parser: no extra frame per look-up
        if not self.values.keys() <= allowed:
            for key, value in node.value:
                name = str(key.value)
                if name not in allowed:
                    del self.values[name]
                    # (a text with a comma in a one-line {…} mapping is cut there, the rest
                    # read as a key with no value: "reason: given after the diagnosis, not
                    # dated" gave the key 'not dated' with no word of the comma, and "…,
                    # undated." the key 'undated.')
                    rest = " " in name.strip() or (
                        # (a key with no colon: its empty value starts where the key ends)
                        isinstance(value, _SCALAR)
                        and value.value == ""
                        and value.start_mark.index == key.end_mark.index
                    )
                    cut = (
                        "; in a one-line {…} mapping a comma ends a value: quote the text"
                        " that holds one"
                        if getattr(node, "flow_style", False) and rest
                        else ""
                    )
                    reader.error(
                        "S001",
                        key,
                        f"unknown key '{name}' in {what}{suggest(name, allowed)}"
                        f" (allowed: {', '.join(sorted(allowed))}){cut}",
                    )

    @property
    def location(self) -> Location:
        """Where the mapping is in the file."""
        return self.reader.at(self.node)

    def located(self, name: str) -> Location | None:
        """Where the value of ``name`` is written (``None`` when it is not)."""
        value = self.values.get(name)
        return None if value is None else self.reader.at(value)

    def require(self, name: str, hint: str = "") -> Node | None:
        """The node of a required key, or None with an S002 problem."""
        value = self.values.get(name)
        if value is None:
            self.reader.error("S002", self.node, f"{self.what} needs '{name}'{hint}")
        return value

    def text(self, name: str, required: bool = False) -> str | None:
        """The text of a key (None when absent; a problem when required or not text)."""
        node = self.require(name) if required else self.values.get(name)
        if node is None:
            return None
        if node.__class__ is _SCALAR and node.tag != _NULL:  # the usual case, without a message
            value = node.value.strip()
            if value:
                return value
        return self.reader.text(node, f"'{name}'")

    def choice(self, name: str, choices: tuple[str, ...], required: bool = False) -> str | None:
        """One of ``choices`` for a key (None when absent; a problem when required or not a
        choice)."""
        if required and name not in self.values:
            self.require(name, f" (one of {', '.join(choices)})")
            return None
        node = self.values.get(name)
        if node is None:
            return None
        if node.__class__ is _SCALAR:
            found = _choice_map(choices).get(_choice_key(node.value.strip()))
            if found:
                return found
        return self.reader.choice(node, f"'{name}'", choices)

    def integer(self, name: str, minimum: int = 0, maximum: int = 1_000_000) -> int | None:
        """The whole number of a key, if present."""
        node = self.get(name)
        return None if node is None else self.reader.integer(node, f"'{name}'", minimum, maximum)

    def number(self, name: str) -> float | None:
        """The number of a key, if present."""
        node = self.get(name)
        return None if node is None else self.reader.number(node, f"'{name}'")

    def boolean(self, name: str, or_unknown: bool = False) -> bool | None:
        """The boolean of a key, if present (``or_unknown``: the key takes ``unknown`` too,
        which the caller reads before)."""
        node = self.get(name)
        return None if node is None else self.reader.boolean(node, f"'{name}'", or_unknown)

    def texts(self, name: str) -> tuple[str, ...]:
        """The texts of a key (a list, or one text), if present."""
        node = self.get(name)
        return () if node is None else self.reader.texts(node, f"'{name}'")
