"""Reading a case file into a tree of YAML nodes that remember their line and column.

Loading is safe by construction: the file is only *composed* by libyaml (PyYAML's C
binding), never constructed into Python objects, and every node is checked against the
plain YAML types before the case format reads it. Whatever is wrong with the bytes, the
answer is a located problem, never an exception.

JSON files go through :mod:`json` first (for JSON's own error messages) and are then
composed the same way, since JSON is YAML.
"""

from __future__ import annotations

import json
import os
from typing import TypeAlias

import yaml
from attrs import frozen

from timeline.problems import Location, Problems

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
#: A case file is about six levels deep; libyaml's composer recurses in C, so depth is
#: checked before composing (it crashes the interpreter at some tens of thousands).
MAX_DEPTH = 64

_PLAIN = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _PLAIN + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


@frozen
class Document:
    path: str
    root: yaml.MappingNode


def loc(path: str, node: Node) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def load_path(path: str, problems: Problems) -> Document | None:
    """Read and compose ``path``; on any failure add a problem and return ``None``."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            problems.add(
                "Y005",
                Location(path),
                f"the file is {size:,} bytes; a case file may be at most {MAX_BYTES:,} bytes."
                " Split it into one file per case",
            )
            return None
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
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
    if not text.strip():
        problems.add("Y007", Location(path), "the file is empty; a case needs at least 'id'")
        return None
    if path.lower().endswith(".json") and not _json_ok(text, path, problems):
        return None
    if not _depth_ok(text, path, problems):
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        what = exc.problem or exc.context or "cannot be parsed"
        if exc.context and exc.problem:
            what = f"{exc.problem} ({exc.context})"
        problems.add("Y001", where, f"{what}; fix the YAML syntax here")
        return None
    except yaml.reader.ReaderError as exc:  # before MarkedYAMLError: it carries no mark
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        problems.add(
            "Y001",
            Location(path, line, column),
            f"character {exc.character!r} is not allowed in YAML; remove it",
        )
        return None
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError) as exc:
        problems.add("Y001", Location(path), f"cannot be parsed: {exc}")
        return None
    if root is None:
        problems.add("Y007", Location(path), "the file holds no document; a case needs 'id'")
        return None
    if not _nodes_ok(root, path, problems):
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
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add("Y001", Location(path, exc.lineno, exc.colno), f"{exc.msg}; fix the JSON here")
        return False
    except RecursionError:
        problems.add("Y008", Location(path), f"nested more than {MAX_DEPTH} levels deep")
        return False
    return True


def _depth_ok(text: str, path: str, problems: Problems) -> bool:
    # Every level of nesting needs an opening bracket or one more column of indentation
    # (or a compact "- " on the same line), so brackets plus the longest line bound the depth.
    bound = text.count("[") + text.count("{") + max(map(len, text.splitlines()), default=0)
    if bound <= MAX_DEPTH:
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
    except yaml.YAMLError:
        return True  # compose reports the syntax error with its own location
    return True


def _nodes_ok(root: Node, path: str, problems: Problems) -> bool:
    """Refuse aliases, merge keys, duplicate keys, complex keys and foreign tags."""
    seen: set[int] = set()
    ok = True
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            problems.add(
                "Y003",
                loc(path, node),
                "this value is an alias ('*name') of an anchored one; write the value out",
            )
            ok = False
            continue
        seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            problems.add(
                "Y004",
                loc(path, node),
                f"tag '{node.tag}' is not allowed; remove it (case files hold plain text,"
                " numbers, lists and mappings)",
            )
            ok = False
            continue
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, Node] = {}
            for key, value in node.value:
                if key.tag == _PLAIN + "merge":
                    problems.add("Y003", loc(path, key), "merge keys ('<<') are not allowed")
                    ok = False
                    continue
                if not isinstance(key, yaml.ScalarNode):
                    problems.add(
                        "S003", loc(path, key), "a key must be plain text, not a list or mapping"
                    )
                    ok = False
                    continue
                if key.value in keys:
                    first = keys[key.value].start_mark.line + 1
                    problems.add(
                        "Y002",
                        loc(path, key),
                        f"key '{key.value}' already appears on line {first}; keep one of them",
                    )
                    ok = False
                keys[key.value] = key
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return ok
