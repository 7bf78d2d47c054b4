"""Reading a case file into a tree of YAML nodes that remember their line and column.

Loading is safe by construction: the file is only *composed* by libyaml (PyYAML's C
binding), never constructed into Python objects, and every node is checked against the
plain YAML types before the case format reads it. Whatever is wrong with the bytes, the
answer is a located problem, never an exception.

JSON files go through :mod:`json` first (for JSON's own error messages) and are then
composed the same way, since JSON is YAML.
"""

from __future__ import annotations

import os
from typing import Any, TypeAlias

import yaml
from attrs import frozen

from timeline.problems import Location, Problems
from timeline.values import value_repr

try:  # the C loader is in every PyYAML wheel; the fallback keeps source installs working
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only on PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "Document",
    "Node",
    "load_path",
    "load_text",
    "loc",
]

Node: TypeAlias = yaml.Node

#: A case file is a few kilobytes; anything past this is refused before it is parsed.
MAX_BYTES = 2 * 1024 * 1024
#: libyaml's composer recurses in C and crashes the interpreter somewhere past 20,000 levels
#: of nesting, so depth is checked before composing. A case file is about six levels deep.
MAX_DEPTH = 200
#: how much of a file is read at first (a case file is a few kilobytes)
_FIRST_READ = 64 * 1024

_PLAIN = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _PLAIN + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


class _CaseLoader(_Loader):
    """libyaml's composer with a memoised tag resolver.

    The C composer asks the Python resolver for the tag of every node, and the resolver tries
    its regular expressions one by one; a case file repeats the same keys and values (``type``,
    ``date``, ``regimen``) a great many times. Plain YAML has no path resolvers, so the tag of a
    quoted scalar is always ``str`` and that of a plain scalar depends only on its text: the
    answers are kept.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        # The C composer calls these two around every node for path resolvers, which plain
        # YAML has none of: they do nothing, as C functions, which cost less than a Python
        # method that does nothing (``get`` answers ``index``, and the answer is ignored).
        self.descend_resolver = _EMPTY.get  # type: ignore[method-assign,assignment]
        self.ascend_resolver = _EMPTY.clear  # type: ignore[method-assign]

    def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
        """The tag of a node (the same answer as PyYAML's, from the memo when it was asked)."""
        if kind is _SCALAR:
            if not implicit[0]:
                return _STR_TAG  # quoted or block text: a string, whatever it reads
            tag = _TAGS.get(value)
            if tag is None:
                if len(_TAGS) >= _TAGS_MAX:
                    _TAGS.clear()
                tag = _TAGS[value] = super().resolve(kind, value, implicit)
            return tag
        return _MAP_TAG if kind is _MAPPING else _SEQ_TAG


_EMPTY: dict[object, object] = {}  # stays empty
_SCALAR, _MAPPING = yaml.ScalarNode, yaml.MappingNode
_MAP_TAG = _Loader.DEFAULT_MAPPING_TAG
_SEQ_TAG = _Loader.DEFAULT_SEQUENCE_TAG
_STR_TAG = _Loader.DEFAULT_SCALAR_TAG
#: the tags of the plain scalars met so far, by their text; bounded, so that a run over
#: thousands of different files does not grow it without end
_TAGS: dict[str | None, str] = {}
_TAGS_MAX = 50_000
assert not _Loader.yaml_path_resolvers, "the memo assumes no path resolvers"


@frozen(repr=False)
class Document:
    __repr__ = value_repr

    path: str
    root: yaml.MappingNode


def loc(path: str, node: Node) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def load_path(path: str, problems: Problems) -> Document | None:
    """Read and compose ``path``; on any failure add a problem and return ``None``."""
    try:
        with open(path, "rb") as fh:
            # a first read of what a case file usually is, then the rest up to the limit:
            # asking for the limit at once allocates 2 MiB for every file of a folder
            data = fh.read(_FIRST_READ)
            if len(data) == _FIRST_READ:
                data += fh.read(MAX_BYTES + 1 - _FIRST_READ)
            # (the size asked of the open file only when it is too large: one system call
            # fewer for every file of a folder)
            size = len(data)
            if size > MAX_BYTES:  # (a device may say it holds nothing, and give without end)
                size = max(size, os.fstat(fh.fileno()).st_size)
        if size > MAX_BYTES:
            problems.add(
                "Y005",
                Location(path),
                f"the file is {size:,} bytes; a case file may be at most {MAX_BYTES:,} bytes."
                " Split it into one file per case",
            )
            return None
    except OSError as exc:
        problems.add("Y009", Location(path), f"cannot read the file: {exc.strerror or exc}")
        return None
    return load_bytes(data, path, problems)


def load_bytes(data: bytes, path: str, problems: Problems) -> Document | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.add(
            "Y006",
            Location(path, line, column),
            f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8",
        )
        return None
    return load_text(text, path, problems)


def load_text(text: str, path: str, problems: Problems) -> Document | None:
    if not text or text.isspace():  # (not text.strip(), without copying the text)
        problems.add("Y007", Location(path), "the file is empty; a case needs at least 'id'")
        return None
    if path.lower().endswith(".json") and not _json_ok(text, path, problems):
        return None
    if not _depth_ok(text, path, problems):
        return None
    try:
        root = yaml.compose(text, Loader=_CaseLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "cannot be parsed"
        if exc.context and exc.problem:
            what = f"{exc.problem} ({exc.context})"
        start = exc.context_mark
        opened = exc.context and any(w in exc.context for w in _LEFT_OPEN)
        if opened and exc.problem and start and mark and start.line < mark.line:
            # noticed lines later (an unclosed quote at the end of the file): the construct
            # left open is where the fix goes
            what = (
                f"{exc.problem} at line {mark.line + 1}, column {mark.column + 1}"
                f" ({exc.context} that starts here, left open)"
            )
            mark = start
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problems.add("Y001", where, f"{what}; fix the YAML syntax here")
        return None
    except yaml.reader.ReaderError as exc:  # before MarkedYAMLError: it carries no mark
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = chr(exc.character) if isinstance(exc.character, int) else exc.character
        problems.add(
            "Y001",
            Location(path, line, column),
            f"character {char!r} (U+{ord(char):04X}) is not allowed in YAML; remove it",
        )
        return None
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError) as exc:
        problems.add("Y001", Location(path), f"cannot be parsed: {exc}")
        return None
    if root is None:
        problems.add(
            "Y007",
            Location(path),
            "the file is empty (only comments or blank lines); a case needs 'id'",
        )
        return None
    if not _nodes_ok(root, path, text, problems):
        return None
    if not isinstance(root, yaml.MappingNode):
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        problems.add(
            "S003",
            loc(path, root),
            f"the file holds {kind}; a case file is a mapping with keys such as 'id' and 'events'",
        )
        return None
    return Document(path, root)


def _json_ok(text: str, path: str, problems: Problems) -> bool:
    import json  # only JSON files need it

    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add("Y001", Location(path, exc.lineno, exc.colno), f"{exc.msg}; fix the JSON here")
        return False
    except RecursionError:
        problems.add("Y008", Location(path), f"nested more than {MAX_DEPTH} levels deep")
        return False
    return True


def _depth_bound(text: str) -> int:
    """An upper bound of the nesting depth, cheap to compute.

    Every level needs an opening bracket, one more column of indentation, or a ``- ``,
    ``? `` or ``: `` indicator on the line that opens it.
    """
    brackets = text.count("[") + text.count("{")
    room = MAX_DEPTH - brackets - 1
    per_line = 0
    if room > 0:  # (else no bound with the longest line can be within it)
        # a line's indentation and indicators are no more than its length: only the lines
        # longer than the room left need counting (a case file's long lines are its prose);
        # the lines between newlines are no shorter than those of any other line break
        long = [line for line in text.split("\n") if len(line) > room]
        if not long:
            return MAX_DEPTH
        if len(long) * 4 < text.count("\n"):
            # the other lines are within the room; the long ones split at every line break
            lines = [part for line in long for part in line.splitlines()]
            per_line = room
        else:
            lines = text.splitlines()
    else:
        lines = text.splitlines()
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        per_line = max(per_line, indent + line.count("- ") + line.count(": ") + line.count("? "))
    return brackets + per_line + 1


def _depth_ok(text: str, path: str, problems: Problems) -> bool:
    if _depth_bound(text) <= MAX_DEPTH:
        return True
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    where = (
                        Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
                    )
                    problems.add(
                        "Y008",
                        where,
                        f"nested more than {MAX_DEPTH} levels deep; a case file needs fewer than ten",
                    )
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml 0.2.5+ stops at its own depth limit while scanning ahead
        if "nesting depth" not in str(exc.problem):
            return True  # compose reports the syntax error with its own location
        mark = exc.problem_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problems.add(
            "Y008",
            where,
            f"nested more than {MAX_DEPTH} levels deep; a case file needs fewer than ten",
        )
        return False
    except yaml.YAMLError:
        return True  # compose reports the syntax error with its own location
    return True


def _alias_marks(text: str) -> list[Location]:
    return [
        Location("", e.start_mark.line + 1, e.start_mark.column + 1)
        for e in yaml.parse(text, Loader=_Loader)
        if isinstance(e, yaml.AliasEvent) and e.start_mark
    ]


#: the constructs a syntax error can leave open, noticed only lines later: the error is
#: placed where they start
_LEFT_OPEN = ("quoted scalar", "flow sequence", "flow mapping")

#: what a text must hold for a node to have a tag other than the plain ones: a tag ('!'), an
#: alias ('*'), or a plain scalar the resolver reads as a merge key ('<<'), a value ('=') or
#: YAML itself ('!', '&', '*')
_TAGGING = ("!", "&", "*", "<<", "=")


def _keys_ok(root: Node) -> bool:
    """Whether every key of every mapping is a plain scalar, once in its mapping: all that can
    be wrong with a text that holds none of :data:`_TAGGING`."""
    mapping, sequence, scalar = yaml.MappingNode, yaml.SequenceNode, yaml.ScalarNode
    stack = [root]
    while stack:
        node = stack.pop()
        cls = node.__class__
        if cls is mapping:
            pairs = node.value
            names = set()
            for key, value in pairs:
                if key.__class__ is not scalar:
                    return False
                names.add(key.value)
                if value.__class__ is not scalar:
                    stack.append(value)
            if len(names) != len(pairs):
                return False
        elif cls is sequence:
            stack.extend(item for item in node.value if item.__class__ is not scalar)
    return True


def _nodes_ok(root: Node, path: str, text: str, problems: Problems) -> bool:
    """Refuse aliases, merge keys, duplicate keys, complex keys and foreign tags.

    This walk runs on every file, so it is written for speed: class identity instead of
    isinstance, scalars checked where they are met instead of being stacked; and a text that
    cannot hold a foreign tag nor an alias has only its keys checked.
    """
    if not any(mark in text for mark in _TAGGING) and _keys_ok(root):
        return True
    mapping, sequence, scalar = yaml.MappingNode, yaml.SequenceNode, yaml.ScalarNode
    allowed = _ALLOWED_TAGS
    # an alias is written '*name': in a text without a '*' no node can be met twice, and the
    # walk leaves out the bookkeeping that finds one
    track = "*" in text
    seen: set[int] = set()
    aliases = 0
    bad: list[tuple[str, Node, str]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if track:
            if id(node) in seen:
                aliases += 1  # composed aliases are the anchored node itself: located below
                continue
            seen.add(id(node))
        if node.tag not in allowed:
            bad.append(("Y004", node, ""))
            continue
        cls = node.__class__
        if cls is mapping:
            keys: dict[str, Node] = {}
            for key, value in node.value:
                if key.__class__ is not scalar:
                    bad.append(("S003", key, ""))
                    continue
                if key.tag not in allowed:
                    bad.append(("Y003" if key.tag == _PLAIN + "merge" else "Y004", key, ""))
                    continue
                name = key.value
                if name in keys:
                    bad.append(("Y002", key, str(keys[name].start_mark.line + 1)))
                keys[name] = key
                if track:
                    if id(key) in seen:
                        aliases += 1
                    seen.add(id(key))
                if value.__class__ is scalar:
                    if track:
                        if id(value) in seen:
                            aliases += 1
                            continue
                        seen.add(id(value))
                    if value.tag not in allowed:
                        bad.append(("Y004", value, ""))
                else:
                    stack.append(value)
        elif cls is sequence:
            stack.extend(node.value)
    for code, node, extra in bad:
        if code == "Y004":
            message = (
                f"tag '{node.tag}' is not allowed; remove it (case files hold plain text,"
                " numbers, lists and mappings)"
            )
        elif code == "Y003":
            message = "merge keys ('<<') are not allowed; write the keys out"
        elif code == "Y002":
            message = f"key '{node.value}' already appears on line {extra}; keep one of them"
        else:
            message = "a key must be plain text, not a list or mapping"
        problems.add(code, loc(path, node), message)
    if aliases:
        for where in _alias_marks(text)[:20]:
            problems.add(
                "Y003",
                Location(path, where.line, where.column),
                "this is an alias ('*name') of an anchored value; write the value out",
            )
    return not bad and not aliases
