"""The problems of a file: each reported once, in file order."""

from __future__ import annotations

from timeline.problems import Location, Problem, Problems, Severity


def test_sorted_gives_each_problem_once_in_file_order() -> None:
    problems = Problems()
    problems.add("C008", Location("b.yaml", 3, 1), "wide")
    problems.add("S001", Location("a.yaml", 9, 4), "unknown key")
    problems.add("C008", Location("b.yaml", 3, 1), "wide")  # the same problem again
    problems.add("A001", Location("a.yaml", 9, 4), "unknown agent")
    problems.add("S001", Location("a.yaml", 2, 7), "unknown key")
    problems.add("C008", Location("b.yaml", 3, 1), "also wide")
    assert [(str(p.location), p.code, p.message) for p in problems.sorted()] == [
        ("a.yaml:2:7", "S001", "unknown key"),
        ("a.yaml:9:4", "A001", "unknown agent"),
        ("a.yaml:9:4", "S001", "unknown key"),
        ("b.yaml:3:1", "C008", "also wide"),
        ("b.yaml:3:1", "C008", "wide"),
    ]


def test_problems_that_differ_only_in_severity_are_both_kept_in_their_order() -> None:
    where = Location("a.yaml", 1, 1)
    warning = Problem(where, "X001", Severity.WARNING, "same")
    error = Problem(where, "X001", Severity.ERROR, "same")
    problems = Problems()
    problems.extend([warning, error, warning])
    assert problems.sorted() == [warning, error]
