"""Every output of every case, written to a folder, to show that a change altered none of them.

    python bench/snapshot.py write before/       # before the change
    python bench/snapshot.py write after/        # after it
    python bench/snapshot.py compare before/ after/

For each case and trial file in ``cases/`` (and the examples in ``docs/examples/``) it writes the
problems as ``validate`` prints them, ``show`` as text and as JSON, the DOT of the swimlane and
state diagrams, and their SVG from the in-process Graphviz. ``compare`` lists every file that
differs or is missing and exits 1 if any does. A speed or refactoring change must leave the
comparison empty.
"""

from __future__ import annotations

import argparse
import filecmp
import io
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _inputs() -> list[Path]:
    found = sorted((ROOT / "cases").rglob("*.yaml"))
    found += sorted((ROOT / "docs" / "examples").glob("*.yaml"))
    return found


def _run(argv: list[str]) -> str:
    from timeline.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(argv)
    return f"exit {status}\n--- stdout\n{out.getvalue()}--- stderr\n{err.getvalue()}"


def write(folder: Path) -> int:
    from timeline import check_path
    from timeline.render import case_dot, render_case

    folder.mkdir(parents=True, exist_ok=True)
    for path in _inputs():
        rel = path.relative_to(ROOT)
        stem = "__".join(rel.with_suffix("").parts)
        (folder / f"{stem}.validate.txt").write_text(_run(["validate", str(rel)]))
        (folder / f"{stem}.show.txt").write_text(_run(["show", str(rel)]))
        (folder / f"{stem}.show.json").write_text(_run(["show", str(rel), "--format", "json"]))
        checked = check_path(str(rel))
        if not checked.ok or checked.case is None:
            continue
        for kind in ("swimlane", "states"):
            try:
                dot, _engine, _classes = case_dot(checked, kind=kind)
                svg = render_case(checked, kind=kind, fmt="svg", backend="wasm")
            except Exception as exc:  # a trial file has no state diagram
                (folder / f"{stem}.{kind}.error.txt").write_text(f"{type(exc).__name__}: {exc}\n")
                continue
            (folder / f"{stem}.{kind}.dot").write_text(dot)
            (folder / f"{stem}.{kind}.svg").write_bytes(svg)
    print(f"{len(list(folder.iterdir()))} files written to {folder}")
    return 0


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    differing = []
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            differing.append(f"{name}: only in {'after' if b.exists() else 'before'}")
        elif not filecmp.cmp(a, b, shallow=False):
            differing.append(f"{name}: differs")
    for line in differing:
        print(line)
    print(f"{len(names)} files compared, {len(differing)} differ")
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write every output into FOLDER")
    w.add_argument("folder", type=Path)
    c = sub.add_parser("compare", help="list the outputs that differ between two folders")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        folder = args.folder.resolve()
        os.chdir(ROOT)  # messages name files relative to the project
        return write(folder)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
