"""The ``timeline`` command: a thin layer over the library.

Exit codes: 0 when no file has an error (warnings allowed), 1 when any has, 2 for a usage
error. No input, however broken, ends in a traceback: a failure inside the validator is
reported as a located ``Z999`` problem of that file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from timeline import __version__
from timeline.problems import CODES, Location, Problem, Severity
from timeline.validate import Checked, check_path, collect_paths

__all__ = ["build_parser", "main"]

EPILOG_VALIDATE = """\
examples:
  timeline validate cases/
  timeline validate cases/cr000-paclitaxel-bevacizumab.yaml --format json
  timeline validate new-case.yaml --ignore X002

Each problem is printed as  path:line:col: CODE severity: message
Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.
"""

EPILOG_SHOW = """\
example:
  timeline show cases/cr000-paclitaxel-bevacizumab.yaml
  timeline show cases/cr000-paclitaxel-bevacizumab.yaml --format json
"""

EPILOG_CODES = """\
example:
  timeline codes          every code with its severity and meaning
"""


def _codes_arg(text: str) -> list[str]:
    codes = [c.strip().upper() for c in text.split(",") if c.strip()]
    unknown = [c for c in codes if c not in CODES]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown code {', '.join(unknown)} (see 'timeline codes' for the list)"
        )
    return codes


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Check oncology case files (dated treatment timelines) and summarise them.",
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    v = sub.add_parser(
        "validate",
        help="check case files and report every problem at once",
        description="Check case files (or every .yaml/.yml/.json file in the folders given) and"
        " report every problem, one per line.",
        epilog=EPILOG_VALIDATE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    v.add_argument("paths", nargs="+", metavar="PATH", help="case files or folders of case files")
    v.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    v.add_argument(
        "--ignore",
        type=_codes_arg,
        action="append",
        default=[],
        metavar="CODES",
        help="comma-separated codes to silence, e.g. X002 (repeatable)",
    )

    s = sub.add_parser(
        "show",
        help="summarise one case: patient, lines of therapy, course, intervals, problems",
        description="Summarise one case: the patient, every line of therapy with its agents and"
        " dates, the course of the disease, the derived intervals and any problems.",
        epilog=EPILOG_SHOW,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument("case", metavar="CASE", help="one case file")
    s.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )

    sub.add_parser(
        "codes",
        help="list every problem code with its severity and meaning",
        description="List every problem code the validator can report.",
        epilog=EPILOG_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _check(path: str, ignore: Sequence[str] = ()) -> Checked:
    try:
        return check_path(path, ignore=ignore)
    except Exception as exc:  # a bug must still answer with a located line, not a traceback
        problem = Problem(
            Location(path),
            "Z999",
            Severity.ERROR,
            f"internal error ({type(exc).__name__}: {exc}); please report it with this file",
        )
        return Checked(path, [problem])


def cmd_validate(args: argparse.Namespace) -> int:
    ignore = [c for group in args.ignore for c in group]
    files, missing = collect_paths(args.paths)
    results = [
        Checked(p, [Problem(Location(p), "Y009", Severity.ERROR, "no such file or folder")])
        for p in missing
    ]
    results.extend(_check(f, ignore) for f in files)
    if not results:
        print(
            f"timeline: no case files (.yaml, .yml, .json) in {', '.join(args.paths)}",
            file=sys.stderr,
        )
        return 1
    problems = [p for r in results for p in r.problems]
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False))
    else:
        for p in problems:
            print(p.format())
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    bad = sum(1 for r in results if not r.ok)
    print(
        f"{len(results)} file{'s' * (len(results) != 1)} checked: {errors} error{'s' * (errors != 1)},"
        f" {warnings} warning{'s' * (warnings != 1)}; {len(results) - bad} valid",
        file=sys.stderr,
    )
    return 1 if errors else 0


def cmd_show(args: argparse.Namespace) -> int:
    from timeline.summary import summary_data, summary_text

    checked = _check(args.case)
    if args.format == "json":
        print(json.dumps(summary_data(checked), indent=2, ensure_ascii=False))
    else:
        print(summary_text(checked))
    return 0 if checked.ok else 1


def cmd_codes(args: argparse.Namespace) -> int:
    for code in CODES.values():
        print(f"{code.code}  {code.severity.value:<7}  {code.title}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = {"validate": cmd_validate, "show": cmd_show, "codes": cmd_codes}[args.command]
    try:
        return handler(args)
    except BrokenPipeError:  # e.g. piped into head
        return 0
    except KeyboardInterrupt:
        return 130
