"""The loader answers every broken input with a located problem, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline import check_path, check_text
from timeline.loader import MAX_BYTES, MAX_DEPTH


def first(text: str, path: str = "bad.yaml") -> str:
    result = check_text(text, path)
    assert result.problems, "expected a problem"
    return result.problems[0].format()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: x\ndiagnosis: [unclosed\n", "bad.yaml:2:12: Y001 error: "),
        ("id: x\n  bad: indent\n", "bad.yaml:2:6: Y001 error: mapping values are not allowed"),
        (
            "id: a\nid: b\ndiagnosis: {date: 2010}\n",
            "bad.yaml:2:1: Y002 error: key 'id' already appears on line 1",
        ),
        ("id: a\nx: &a 1\ny: *a\n", "bad.yaml:3:4: Y003 error: this is an alias"),
        ("id: a\n<<: {b: 1}\n", "bad.yaml:2:1: Y003 error: merge keys ('<<') are not allowed"),
        (
            "id: !!python/object:os.system x\n",
            "bad.yaml:1:5: Y004 error: tag 'tag:yaml.org,2002:python/object:os.system' is not allowed",
        ),
        ("", "bad.yaml:1:1: Y007 error: the file is empty"),
        ("# only a comment\n", "bad.yaml:1:1: Y007 error: the file is empty"),
        ("- a\n- b\n", "bad.yaml:1:1: S003 error: the file holds a list"),
        ("just text\n", "bad.yaml:1:1: S003 error: the file holds a single value"),
        ("id: a\n---\nid: b\n", "bad.yaml:2:1: Y001 error: but found another document"),
        (
            "id: a\x07\n",
            "bad.yaml:1:6: Y001 error: character '\\x07' (U+0007) is not allowed in YAML",
        ),
        (
            "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
            f"bad.yaml:1:{MAX_DEPTH + 1}: Y008 error: nested more than {MAX_DEPTH} levels",
        ),
        ("{? [a]: 1}\n", "bad.yaml:1:4: S003 error: a key must be plain text"),
    ],
)
def test_error_lines(text: str, expected: str) -> None:
    assert first(text).startswith(expected)


def test_json_errors_use_json_positions() -> None:
    assert first('{"id": "x",\n "diagnosis": }\n', "bad.json").startswith(
        "bad.json:2:15: Y001 error: Expecting value"
    )


def test_json_case_is_read_like_yaml(tmp_path: Path) -> None:
    import json

    import yaml

    from conftest import REFERENCE

    data = yaml.safe_load(REFERENCE.read_text())
    data = json.loads(json.dumps(data, default=str))
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data, indent=2))
    result = check_path(str(path))
    assert result.problems == []
    assert sorted(p.code for p, _ in result.acknowledged) == ["C008", "C008", "C008", "X002"]
    assert result.acknowledged[0][0].location.path.endswith("case.json")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"id: x\ntitle: caf\xe9\n")
    problem = check_path(str(path)).problems[0]
    assert problem.format().endswith("Y006 error: byte 0xe9 is not UTF-8; save the file as UTF-8")
    assert (problem.location.line, problem.location.column) == (2, 11)


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("# x\n" * (MAX_BYTES // 4 + 10))
    assert check_path(str(path)).problems[0].code == "Y005"


def test_a_file_past_the_first_read_is_read_whole(tmp_path: Path) -> None:
    # a case padded past the first read (64 KiB) is read to its end: the error on its last line
    path = tmp_path / "long.yaml"
    path.write_text("# x\n" * 40_000 + "id: [unclosed\n")
    problem = check_path(str(path)).problems[0]
    assert (problem.code, problem.location.line) == ("Y001", 40_001)


def test_missing_file() -> None:
    assert check_path("/nonexistent/case.yaml").problems[0].code == "Y009"


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    result = check_text("\n".join(lines) + "\n", "bomb.yaml")
    assert {p.code for p in result.problems} == {"Y003"}


def test_deep_nesting_does_not_crash_the_interpreter() -> None:
    depth = 200_000  # libyaml's composer would overflow the C stack
    result = check_text("[" * depth + "]" * depth, "deep.yaml")
    assert result.problems[0].code == "Y008"


def _depth(text: str) -> int:
    import yaml

    depth = most = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            most = max(most, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return most


PROSE = 'note: "' + "a long sentence of the source, quoted: with a colon - and a dash " * 5 + '"'


@pytest.mark.parametrize(
    "text",
    [
        # block nesting, one indicator a line, under a long line of prose
        PROSE + "\n" + "".join(" " * i + f"k{i}:\n" for i in range(210)) + " " * 210 + "v\n",
        # the same nesting on a line of its own among many long lines
        (PROSE + "\n") * 20 + "x:\n" + "- " * 205 + "v\n",
        # a flow sequence as deep as the brackets, with long lines
        PROSE + "\n" + "y: " + "[" * 150 + "]" * 150 + "\n" + "z:\n" + "- " * 60 + "w\n",
        # brackets on short lines of their own, deep in a block
        PROSE
        + "\n"
        + "".join(" " * i + f"k{i}:\n" for i in range(45))
        + (" " * 46 + "[\n") * 150
        + (" " * 46 + "]\n") * 150,
    ],
    ids=["indented", "indicators", "brackets-and-indicators", "brackets-on-short-lines"],
)
def test_depth_bound_is_never_below_the_depth(text: str) -> None:
    from timeline.loader import _depth_bound

    assert _depth_bound(text) >= _depth(text) > 60
    if _depth(text) > MAX_DEPTH:
        assert check_text(text, "deep.yaml").problems[0].code == "Y008"


def test_bom_is_accepted() -> None:
    from conftest import REFERENCE

    result = check_text("\ufeff" + REFERENCE.read_text(), "bom.yaml")
    assert result.problems == [] and len(result.acknowledged) == 4


def test_memoised_resolver_gives_pyyaml_tags_and_marks() -> None:
    import yaml

    from conftest import REFERENCE
    from timeline.loader import _CaseLoader

    def walk(node: yaml.Node) -> list[tuple[object, ...]]:
        out: list[tuple[object, ...]] = [
            (type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column)
        ]
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                out += walk(key) + walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                out += walk(item)
        else:
            out.append((node.value, node.style))
        return out

    tricky = (
        "a: 1\nb: '1'\nc: \"true\"\nd: true\ne: ~\nf: null\ng: 2001-01-01\nh: 1.5\ni: .inf\n"
        "j: 0x1F\nk: |\n  12\nl: !!str 3\nm: [1, '2', {x: y}, yes, No, NULL, =, <<, '', 1e3]\n"
    )
    for text in (tricky, REFERENCE.read_text()):
        for _ in range(2):  # the second time from the memo
            composed = yaml.compose(text, Loader=_CaseLoader)
            assert walk(composed) == walk(yaml.compose(text, Loader=yaml.CSafeLoader))


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ('id: x\ntitle: "unclosed\ndiagnosis: {date: 2012}\nevents: []\n', "2:8", "quoted scalar"),
        ("id: x\nevents: [a, b\ndiagnosis: {date: 2012}\n", "2:9", "flow sequence"),
    ],
)
def test_a_construct_left_open_is_placed_where_it_starts(text: str, where: str, words: str) -> None:
    """An unclosed quote on line 2 was reported at the end of the file ("found unexpected end
    of stream", 5:1), where nothing is to be fixed; the error now points at the quote and
    says where the parser noticed."""
    from timeline import check_text

    problem = check_text(text, "bad.yaml").problems[0]
    assert problem.format().startswith(f"bad.yaml:{where}: Y001 error: ")
    assert (
        f"{words} that starts here, left open" in problem.message and " at line " in problem.message
    )
