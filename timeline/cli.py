"""The ``timeline`` command: a thin layer over the library.

Exit codes: 0 when no file has an error (warnings allowed), 1 when any has, 2 for a usage
error. No input, however broken, ends in a traceback: a failure inside the validator is
reported as a located ``Z999`` problem of that file.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterable, Sequence
from typing import NoReturn

from timeline import __version__
from timeline.dates import DateSpec
from timeline.formats import DECK_FORMATS, DRAWING_FORMATS
from timeline.model import Case, Diagnosis, Patient, Source
from timeline.problems import CODES, Location, Problem, Severity, inert
from timeline.validate import Checked, check_path, collect_paths, missing_message

__all__ = ["build_parser", "main"]

_NO_SOURCE, _NO_PATIENT = Source(), Patient()
_NO_DIAGNOSIS = Diagnosis(DateSpec("unknown"))

EPILOG_MAIN = """\
examples:
  timeline validate cases/
  timeline show cases/cr000-paclitaxel-bevacizumab.yaml
  timeline render cases/ -o out/ --format svg,png

'timeline COMMAND --help' gives each command's options and examples; 'timeline docs' lists
the guides installed with the package.
"""

EPILOG_VALIDATE = """\
examples:
  timeline validate cases/
  timeline validate cases/cr000-paclitaxel-bevacizumab.yaml --format json
  timeline validate new-case.yaml --ignore X002
  timeline validate library/ --jobs 1

A folder of many files is checked on every core this process may use (--jobs sets how many);
the report is the same, in the same order, whatever the number.

Each problem is printed as  path:line:col: CODE severity: message
Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.
"""

EPILOG_SHOW = """\
example:
  timeline show cases/cr000-paclitaxel-bevacizumab.yaml
  timeline show cases/cr000-paclitaxel-bevacizumab.yaml --format json
"""

EPILOG_SLIDES = """\
examples:
  timeline slides cases/cr000-paclitaxel-bevacizumab.yaml -o deck.pptx
  timeline slides cases/cr000-paclitaxel-bevacizumab.yaml -o deck.html
  timeline slides cases/ -o decks/ --format pptx,html

The suffix of OUT picks the kind; a folder gets <case id>.pptx and <case id>.html. Questions
come from 'teach: {question, answer}' on an event (docs/case-format.md). The HTML deck is one
file that works offline: space or the arrow keys move, N shows the speaker notes. Figures keep
their 18 pt type; one too tall for its slide (many rows of bars at once) is shrunk to fit, and
the command names each such slide.
"""

EPILOG_RENDER = """\
examples:
  timeline render cases/cr000-paclitaxel-bevacizumab.yaml -o out/
  timeline render cases/ -o out/ --format svg,png
  timeline render cases/cr000-paclitaxel-bevacizumab.yaml -o figure.png --theme print
  timeline render cases/cr000-paclitaxel-bevacizumab.yaml -o out/ --kind states
  timeline render cases/ --kind cohort -o cohort.png --align first-advanced-line

OUT is a folder (one file per case and format: <case id>.svg, <case id>.states.png, ...),
or a file name when one case is drawn in one format. --kind cohort draws every case of the
folders given in one figure (a swimmer lane per case): OUT is its file, or a folder that gets
cohort.svg, cohort.png, ... Without a system Graphviz, SVG and PNG
are drawn in-process; PDF needs Graphviz installed.
"""

EPILOG_SITE = """\
examples:
  timeline site cases/ -o site/
      then open site/index.html in a browser (no server needed)

The site is one folder: index.html (the cohort figure and a table of the cases), a page per
case (its timeline, its summary, links to its teaching deck and case file), the decks and the
case files. It is built beside OUT and moved into place whole; OUT must be new, empty, or a
site written before (which is replaced).
"""

EPILOG_EXPORT = """\
examples:
  timeline export cases/ --to swimmer-csv -o timelines.csv
  timeline export cases/ --to cbioportal -o study/ --study case_reports
  timeline export cases/cr000-paclitaxel-bevacizumab.yaml --to fhir -o cr000.json
  timeline export cases/ --to fhir -o bundles/

swimmer-csv writes one table (OUT.csv, or '-' for standard output); cbioportal writes the
timeline, meta and clinical patient files into the folder OUT; fhir writes one R4 Bundle
(mCODE) per case: OUT.json for one case, else OUT/<case id>.fhir.json. Uncertain dates are
given as their plausible day with the window beside it (docs/interchange.md).
Exit status: 0 all exported, 1 a case had errors or a file could not be written, 2 usage error.
"""

EPILOG_IMPORT = """\
example:
  timeline import cbioportal study/data_timeline_treatment.txt study/data_timeline_status.txt -o cases/
  timeline import cbioportal study/ -o cases/

Writes one case per PATIENT_ID, cases/<PATIENT_ID>.yaml, with every date counted in days from
the diagnosis ({from: diagnosis, offset: N days}); a folder stands for its data_timeline_*
files and its data_clinical_patient.txt (the patient's sex and age), which may also be named.
An existing case is never replaced.
Exit status: 0 imported, 1 a file could not be read or written (or exists), 2 usage error.
"""

EPILOG_NEW = """\
examples:
  timeline new smith2021-her2-gastric -o cases/
      writes cases/smith2021-her2-gastric.yaml; fill it in, then
  timeline validate cases/smith2021-her2-gastric.yaml
"""

EPILOG_SCHEMA = """\
example:
  timeline schema > case.schema.json
      then begin a case file with the line
      # yaml-language-server: $schema=case.schema.json
"""

EPILOG_DOCS = """\
examples:
  timeline docs                 the guides, with where they are
  timeline docs case-format     the case format guide, printed
"""

EPILOG_CODES = """\
example:
  timeline codes          every code with its severity and meaning
"""


def _formats_arg(text: str) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in DRAWING_FORMATS]
    if bad or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(bad) or repr(text)} (must be svg, png or pdf)"
        )
    return list(dict.fromkeys(formats))


def _jobs_arg(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return jobs


def _codes_arg(text: str) -> list[str]:
    codes = [c.strip().upper() for c in text.split(",") if c.strip()]
    unknown = [c for c in codes if c not in CODES]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown code {', '.join(unknown)} (see 'timeline codes' for the list)"
        )
    errors = [c for c in codes if CODES[c].severity is Severity.ERROR]
    if errors:
        raise argparse.ArgumentTypeError(
            f"{', '.join(errors)} {'is an error' if len(errors) == 1 else 'are errors'}: only"
            " warnings can be ignored; correct the file (see 'timeline codes')"
        )
    return codes


def _months_arg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1200:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of months between 0 and 1200")
    return value


def _ignore_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--ignore",
        type=_codes_arg,
        action="append",
        default=[],
        metavar="CODES",
        help="comma-separated warning codes to silence, e.g. X002 (repeatable); errors cannot"
        " be ignored",
    )


def _engine_and_ignore_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--engine",
        choices=("auto", "system", "wasm"),
        default="auto",
        help="system Graphviz, in-process Graphviz, or the first available (default: auto)",
    )
    _ignore_option(p)


def _ignored(args: argparse.Namespace) -> list[str]:
    return [c for group in args.ignore for c in group]


def _wide_window_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--wide-window",
        type=_months_arg,
        default=6.0,
        metavar="MONTHS",
        help="warn (C008) of dates known only within a wider window than this (default: 6)",
    )


def _print_json(data: object) -> None:
    """Print ``data`` as indented JSON, characters as they are (:mod:`json` imported here:
    most runs print text)."""
    import json

    print(json.dumps(data, indent=2, ensure_ascii=False))


def _columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` gives it: ``COLUMNS``, else
    the terminal of standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Help(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter for texts laid out by hand, told the terminal's width: left to
    itself it imports :mod:`shutil` to ask, and with it the compression modules, which a
    ``validate`` started by a commit hook or an editor would load for nothing."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(
            prog, indent_increment, max_help_position, _columns() - 2 if width is None else width
        )


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose "unrecognized arguments" error names the option meant when an
    unknown one is a near miss of a known one (``--strcit``: did you mean ``--strict``?)."""

    #: the subcommand being parsed (set by :func:`main`), whose options are the candidates
    command: str | None = None

    def error(self, message: str) -> NoReturn:
        prefix = "unrecognized arguments: "
        if message.startswith(prefix):
            import difflib

            known = set(self._option_string_actions)
            for action in self._actions:  # the subcommand's options (its extras end up here)
                if isinstance(action, argparse._SubParsersAction):
                    for name, sub in action.choices.items():
                        if name == self.command:
                            known |= set(sub._option_string_actions)
            hints = []
            for word in message[len(prefix) :].split():
                name = word.split("=", 1)[0]
                if name.startswith("--"):
                    near = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
                    if near:
                        hints.append(f"'{near[0]}'")
            if hints:
                message += f"; did you mean {' and '.join(hints)}?"
        super().error(message)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``timeline`` command and its subcommands (``only="validate"``:
    with that subcommand alone, the same for it, built in a fraction of the time; the checks
    of a commit hook or an editor start it often)."""
    parser = _Parser(
        prog="timeline",
        description="Check oncology case files (dated treatment timelines) and summarise them.",
        epilog=EPILOG_MAIN,
        formatter_class=_Help,
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    v = sub.add_parser(
        "validate",
        help="check case files and report every problem at once",
        description="Check case files (or every .yaml/.yml/.json file in the folders given) and"
        " report every problem, one per line.",
        epilog=EPILOG_VALIDATE,
        formatter_class=_Help,
    )
    v.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="case files or folders of case files ('-' reads one case from standard input)",
    )
    v.add_argument(
        "--format",
        choices=("text", "json", "github", "sarif"),
        default="text",
        help="text; json; github (workflow annotations for a CI job); or sarif (SARIF 2.1.0, for"
        " code-scanning tools) (default: text)",
    )
    _ignore_option(v)
    v.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) on warnings too; acknowledged warnings do not count",
    )
    _wide_window_option(v)
    v.add_argument(
        "--jobs",
        type=_jobs_arg,
        default=None,
        metavar="N",
        help="processes that check files at once (default: the cores this process may use;"
        f" a run of fewer than {2 * FILES_PER_WORKER} files is checked in this one process)",
    )
    if only == "validate":
        return parser

    s = sub.add_parser(
        "show",
        help="summarise one case: patient, lines of therapy, course, intervals, problems",
        description="Summarise one case: the patient, every line of therapy with its agents and"
        " dates, the course of the disease, the derived intervals and any problems.",
        epilog=EPILOG_SHOW,
        formatter_class=_Help,
    )
    s.add_argument("case", metavar="CASE", help="one case file")
    s.add_argument(
        "--trials",
        action="append",
        default=None,
        metavar="PATH",
        help="trial files or folders to match the lines against (default: the 'trials' folder"
        " beside the case)",
    )
    s.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    _ignore_option(s)
    _wide_window_option(s)

    r = sub.add_parser(
        "render",
        help="draw cases as swimlane timelines or state diagrams (SVG, PNG, PDF)",
        description="Draw each case as a swimlane timeline (or, with --kind states, its path"
        " through the disease-state machine). Cases with errors are reported and not drawn.",
        epilog=EPILOG_RENDER,
        formatter_class=_Help,
    )
    r.add_argument("paths", nargs="+", metavar="CASE", help="case files or folders of case files")
    r.add_argument(
        "-o",
        "--out",
        required=True,
        metavar="OUT",
        help="output folder, or file for a single diagram",
    )
    r.add_argument(
        "--format",
        type=_formats_arg,
        default=None,
        metavar="FORMATS",
        help="svg, png or pdf; several separated by commas (default: the suffix of OUT, else svg)",
    )
    r.add_argument(
        "--theme",
        choices=("slide", "print"),
        default="slide",
        help="slide: 16:9, large type; print: journal page width, small type (default: slide)",
    )
    r.add_argument(
        "--kind",
        choices=("swimlane", "states", "cohort"),
        default="swimlane",
        help="which diagram: one per case (swimlane, states), or one of all the cases (cohort)"
        " (default: swimlane)",
    )
    r.add_argument(
        "--align",
        choices=("diagnosis", "first-advanced-line"),
        default=None,
        help="--kind cohort: line the cases up at diagnosis or at the start of the first"
        " advanced line (default: diagnosis)",
    )
    _engine_and_ignore_options(r)
    r.add_argument(
        "--evidence",
        action="store_true",
        help="mark, from the start of each line that matches a trial arm, the arms' median PFS"
        " (trials from the 'trials' folder beside the case)",
    )
    r.add_argument(
        "--jobs",
        type=_jobs_arg,
        default=None,
        metavar="N",
        help="cases drawn at once for a folder (default: the cores this process may use)",
    )
    r.add_argument(
        "--until",
        metavar="DATE|EVENT",
        default=None,
        help="draw only what happened up to a date (2009-04, 2009-04-20), an event id or its"
        " start or end (paclitaxel.end), nothing after it (a teaching step's figure)",
    )

    d = sub.add_parser(
        "slides",
        help="a teaching deck of a case, one decision at a time (PPTX or HTML)",
        description="Make a teaching deck of each case: a title slide, one slide per step of"
        " the case (the timeline cut at that day, the step highlighted, a caption, speaker"
        " notes), question slides from the case's 'teach:' entries, then the whole timeline,"
        " the intervals and the path through the state machine.",
        epilog=EPILOG_SLIDES,
        formatter_class=_Help,
    )
    d.add_argument("paths", nargs="+", metavar="CASE", help="case files or folders of case files")
    d.add_argument(
        "-o",
        "--out",
        required=True,
        metavar="OUT",
        help="deck.pptx or deck.html for one case, or a folder (a deck per case and format)",
    )
    d.add_argument(
        "--format",
        default=None,
        metavar="FORMATS",
        help="pptx, html or both (pptx,html) when OUT is a folder (default: both)",
    )
    _engine_and_ignore_options(d)

    w = sub.add_parser(
        "site",
        help="a static web site of a library: cohort figure, case pages, decks (offline)",
        description="Write a static site of the cases in the folders given: an index with the"
        " cohort figure and a table of the cases with their validation status, and a page per"
        " case with its timeline, its summary and its teaching deck. Cases with errors are"
        " listed with their problems and not drawn.",
        epilog=EPILOG_SITE,
        formatter_class=_Help,
    )
    w.add_argument("paths", nargs="+", metavar="CASE", help="case files or folders of case files")
    w.add_argument("-o", "--out", required=True, metavar="FOLDER", help="the site's folder")
    _engine_and_ignore_options(w)

    x = sub.add_parser(
        "export",
        help="export cases as a swimmer-plot table, cBioPortal timeline files or FHIR (mCODE)",
        description="Export cases for other tools: a long table of bars and events for swimmer"
        " plots (swimmer-csv), cBioPortal timeline and clinical patient files (cbioportal), or"
        " an HL7 FHIR R4 Bundle following mCODE (fhir). Cases with errors are reported and not"
        " exported.",
        epilog=EPILOG_EXPORT,
        formatter_class=_Help,
    )
    x.add_argument("paths", nargs="+", metavar="CASE", help="case files or folders of case files")
    x.add_argument(
        "--to",
        required=True,
        choices=("swimmer-csv", "cbioportal", "fhir"),
        help="the format to write",
    )
    x.add_argument(
        "-o",
        "--out",
        required=True,
        metavar="OUT",
        help="a .csv file (swimmer-csv), a folder (cbioportal), a .json file or a folder (fhir);"
        " '-' writes swimmer-csv, or one case's FHIR Bundle, to standard output",
    )
    x.add_argument(
        "--study",
        default="case_reports",
        metavar="ID",
        help="cbioportal: the cancer_study_identifier (default: case_reports)",
    )
    _ignore_option(x)

    m = sub.add_parser(
        "import",
        help="read cBioPortal timeline files back as case files",
        description="Read cBioPortal timeline data files and write one case file per patient,"
        " its dates counted in days from the diagnosis.",
        epilog=EPILOG_IMPORT,
        formatter_class=_Help,
    )
    m.add_argument("source", choices=("cbioportal",), help="the format read")
    m.add_argument(
        "paths", nargs="+", metavar="TIMELINE", help="timeline data files (TSV) or their folder"
    )
    m.add_argument(
        "-o", "--out", required=True, metavar="FOLDER", help="the folder to write the cases in"
    )

    n = sub.add_parser(
        "new",
        help="write a commented template case to fill in from a case report",
        description="Write ID.yaml, a commented template case that validates and draws: the"
        " keys a case needs, with the common optional ones commented out. Fill it in from the"
        " source, then run 'timeline validate' on it.",
        epilog=EPILOG_NEW,
        formatter_class=_Help,
    )
    n.add_argument(
        "id", metavar="ID", help="the case id, also the file name (letters, digits, - and _)"
    )
    n.add_argument(
        "-o",
        "--out",
        default=".",
        metavar="PATH",
        help="the folder to write ID.yaml in (default: the current folder), or the file to"
        " write, a name ending in .yaml or .yml",
    )

    sub.add_parser(
        "schema",
        help="print the JSON Schema of the case format (for editors)",
        description="Print the JSON Schema (draft 2020-12) of a case file, generated from the"
        " keys the parser allows. Save it beside a library and point the YAML language server"
        " at it; it marks unknown keys and offers the choices of enumerated fields.",
        epilog=EPILOG_SCHEMA,
        formatter_class=_Help,
    )

    g = sub.add_parser(
        "docs",
        help="list the guides that come with timeline, or print one",
        description="List the guides installed with timeline (the case format, the rules and"
        " codes, the drawings, teaching decks, trials), or print one of them.",
        epilog=EPILOG_DOCS,
        formatter_class=_Help,
    )
    g.add_argument("name", nargs="?", metavar="NAME", help="a guide's name, e.g. case-format")

    sub.add_parser(
        "codes",
        help="list every problem code with its severity and meaning",
        description="List every problem code the validator can report.",
        epilog=EPILOG_CODES,
        formatter_class=_Help,
    )
    return parser


def _collect(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """The case files among ``paths`` (folders searched) and the paths that do not exist, each
    of those reported (Y009); says so when the folders hold no case file."""
    files, missing = collect_paths(paths)
    for p in missing:
        print(f"{p}:1:1: Y009 error: {missing_message(p)}", file=sys.stderr)
    if not files and not missing:
        print(
            f"timeline: no case files (.yaml, .yml, .json) in {', '.join(paths)}", file=sys.stderr
        )
    return files, missing


def _check(path: str, ignore: Sequence[str] = (), wide_window: float = 6.0) -> Checked:
    try:
        return check_path(path, ignore=ignore, wide_window_months=wide_window)
    except Exception as exc:  # a bug must still answer with a located line, not a traceback
        problem = Problem(
            Location(path),
            "Z999",
            Severity.ERROR,
            f"internal error ({type(exc).__name__}: {exc}); please report it with this file",
        )
        return Checked(path, [problem])


def _reported(checked: Checked) -> Checked:
    """What the report of ``validate`` reads of one file's result: its problems, the warnings
    it acknowledges, and the id that the library check compares. The rest (the events, the
    diagnosis, the chronology, the lines) is let go as soon as the file is done, so that a
    folder of thousands of files does not grow the heap that every full garbage collection
    walks."""
    case = checked.case
    slim = Checked(checked.path, checked.problems, acknowledged=checked.acknowledged)
    slim.trial = checked.trial
    if case is not None:
        slim.case = Case(
            id=case.id,
            title=None,
            source=_NO_SOURCE,
            patient=_NO_PATIENT,
            diagnosis=_NO_DIAGNOSIS,
            events=(),
            path=case.path,
            id_location=case.id_location,
        )
    return slim


#: The fewest files a validation worker is started for: below it, starting the worker costs
#: more than it saves (a check is about a millisecond or two a file; a worker tens of
#: milliseconds to start where processes are spawned rather than forked).
FILES_PER_WORKER = 200


def _check_reported(path: str, ignore: Sequence[str], wide_window: float) -> Checked:
    return _reported(_check(path, ignore, wide_window))


def _check_all(
    files: list[str], ignore: Sequence[str], wide_window: float, jobs: int | None
) -> list[Checked] | None:
    """Each file's reported result, in the order of ``files``: in this process, or over
    ``jobs`` worker processes (default: the cores available) when there are enough files to
    be worth it. None when a worker died (the message is printed)."""
    workers = min(jobs or available_cores(), len(files) // FILES_PER_WORKER)
    if workers <= 1:
        return [_check_reported(f, ignore, wide_window) for f in files]
    import signal
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from itertools import repeat

    # a few chunks a worker, so that one slow file does not leave the others idle, and small
    # enough that an interrupt waits for little: the chunks begun are finished (a worker
    # stopped while it hands back a result leaves the pool waiting for ever), the rest dropped
    chunk = max(1, min(64, len(files) // (workers * 8)))
    # SIGINT is held while the workers are started: one landing in a fork was lost in the
    # command (raised in an at-fork hook, which ignores it) and killed the worker before it
    # could ignore it, so that the command reported a broken pool instead of an interrupt.
    # The workers begin with it held and ignore it before they let it through; the command
    # takes it once they are all started and the files handed out.
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_validation_worker)
    _hold_interrupts(True)
    # one interrupt only: a second (Ctrl-C pressed twice; `timeout -s INT` signals the
    # command, then its group) landing in the pool's shutdown left it waiting for ever
    previous = signal.signal(signal.SIGINT, _interrupt_once)
    try:
        try:
            results = pool.map(
                _check_reported, files, repeat(ignore), repeat(wide_window), chunksize=chunk
            )
        finally:
            _hold_interrupts(False)  # an interrupt that came meanwhile is raised here
        return list(results)
    except BrokenProcessPool:
        print(
            "timeline: a validation worker stopped before it finished (out of memory?);"
            " run again with --jobs 1 to check the files in this one process",
            file=sys.stderr,
        )
        return None
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # (nor into the shutdown of a full run)
        pool.shutdown(wait=True, cancel_futures=True)
        signal.signal(signal.SIGINT, previous)


def _hold_interrupts(held: bool) -> None:
    """Hold SIGINT back from this thread (and the processes and threads it starts), or let it
    through again, delivering one that came meanwhile (POSIX; elsewhere nothing is held)."""
    import signal

    if hasattr(signal, "pthread_sigmask"):
        how = signal.SIG_BLOCK if held else signal.SIG_UNBLOCK
        signal.pthread_sigmask(how, {signal.SIGINT})


def _interrupt_once(signum: int, frame: object) -> None:
    """SIGINT while workers run: a KeyboardInterrupt, and every later SIGINT ignored."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _stdin_checked(ignore: Sequence[str], wide_window: float) -> Checked:
    from timeline.validate import check_text

    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem = Problem(
            Location("<stdin>"), "Y006", Severity.ERROR, "standard input is not UTF-8 text"
        )
        return Checked("<stdin>", [problem])
    try:
        return check_text(text, "<stdin>", ignore=ignore, wide_window_months=wide_window)
    except Exception as exc:  # a bug must still answer with a located line, not a traceback
        problem = Problem(
            Location("<stdin>"),
            "Z999",
            Severity.ERROR,
            f"internal error ({type(exc).__name__}: {exc}); please report it with this file",
        )
        return Checked("<stdin>", [problem])


def _github(problem: Problem) -> str:
    """One GitHub Actions workflow command (an annotation on the file and line)."""

    def data(text: str) -> str:
        return inert(text).replace("%", "%25")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    where = problem.location
    return (
        f"::{problem.severity.value} file={prop(where.path)},line={where.line},col={where.column},"
        f"title={prop(problem.code)}::{data(problem.message)}"
    )


def _sarif(problems: list[Problem]) -> dict[str, object]:
    """The problems as one SARIF 2.1.0 log, every code a rule of the tool."""
    import pathlib
    from urllib.parse import quote

    rules = list(CODES.values())
    index = {c.code: i for i, c in enumerate(rules)}

    def uri(path: str) -> str:
        if os.path.isabs(path):
            return pathlib.Path(path).as_uri()
        return quote(path.replace(os.sep, "/"))

    results = [
        {
            "ruleId": p.code,
            "ruleIndex": index[p.code],
            "level": p.severity.value,
            "message": {"text": p.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(p.location.path)},
                        "region": {"startLine": p.location.line, "startColumn": p.location.column},
                    }
                }
            ],
        }
        for p in problems
    ]
    driver = {
        "name": "timeline",
        "version": __version__,
        "rules": [
            {
                "id": c.code,
                "shortDescription": {"text": c.title},
                "defaultConfiguration": {"level": c.severity.value},
            }
            for c in rules
        ],
    }
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }


def cmd_validate(args: argparse.Namespace) -> int:
    """``timeline validate``: check case files and folders and print the problems; the exit code is
    1 when any has an error (or a warning, with --strict)."""
    import os

    from timeline.library import library_problems

    ignore = _ignored(args)
    stdin = "-" in args.paths
    files, missing = collect_paths([p for p in args.paths if p != "-"])
    results = [
        Checked(p, [Problem(Location(p), "Y009", Severity.ERROR, missing_message(p))])
        for p in missing
    ]
    if stdin:
        results.append(_stdin_checked(ignore, args.wide_window))
    try:
        checked = _check_all(files, ignore, args.wide_window, args.jobs)
    except KeyboardInterrupt:
        print("timeline: interrupted; nothing reported", file=sys.stderr)
        return 130
    if checked is None:
        return 1
    results.extend(checked)
    if any(os.path.isdir(p) for p in args.paths):
        # a folder is a library: its ids are unique and name their files
        library_problems([r for r in results if r.path != "<stdin>"], ignore)
    if not results:
        print(
            f"timeline: no case files (.yaml, .yml, .json) in {', '.join(args.paths)}",
            file=sys.stderr,
        )
        return 1
    problems = [p for r in results for p in r.problems]
    if args.format == "json":
        _print_json([p.as_dict() for p in problems])
    elif args.format == "github":
        for p in problems:
            print(_github(p))
    elif args.format == "sarif":
        _print_json(_sarif(problems))
    else:
        for p in problems:
            print(p.format())
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    acknowledged = sum(len(r.acknowledged) for r in results)
    bad = sum(1 for r in results if not r.ok or (args.strict and r.problems))
    # (an entry may cover several warnings, a regimen's start and end: the count of entries
    # says so; "4 by an entry shared with another" read as a fault to write out)
    entries = sum(len({id(a) for _p, a in r.acknowledged}) for r in results)
    ack = f" ({acknowledged} acknowledged" if acknowledged else ""
    if ack:
        ack += (
            f" by {entries} entr{'y' if entries == 1 else 'ies'})"
            if entries != acknowledged
            else ")"
        )
    print(
        f"{len(results)} file{'s' * (len(results) != 1)} checked: {errors} error{'s' * (errors != 1)},"
        f" {warnings} warning{'s' * (warnings != 1)}{ack}; {len(results) - bad} valid"
        + (" (strict: warnings count)" if args.strict else ""),
        file=sys.stderr,
    )
    return 1 if errors or (args.strict and warnings) else 0


def cmd_show(args: argparse.Namespace) -> int:
    """``timeline show``: the summary of one case, as text or JSON (with trial evidence when
    asked)."""
    from timeline.summary import evidence_data, show_text, summary_data

    checked = _check(args.case, _ignored(args), wide_window=args.wide_window)
    try:
        if checked.trial is not None:
            print(f"{checked.path}: a trial file ({checked.trial.name}); 'show' a case beside it")
            return 0 if checked.ok else 1
        found, trials = [], 0
        if checked.case is not None and checked.ok:
            from timeline.evidence import load_trials, matches, trials_beside

            library = load_trials(args.trials) if args.trials else trials_beside(args.case)
            trials = len(library)
            found = matches(checked, library)
        if args.format == "json":
            data = summary_data(checked)
            if checked.case is not None:
                data["evidence"] = evidence_data(found)
            _print_json(data)
        else:
            print(show_text(checked, found, trials))
    except BrokenPipeError:
        raise  # the reader stopped early: main() ends quietly
    except Exception as exc:  # a bug must still answer with a located line, not a traceback
        for problem in checked.problems:
            print(problem.format(), file=sys.stderr)
        print(
            f"{args.case}:1:1: Z999 error: internal error while summarising"
            f" ({type(exc).__name__}: {exc}); please report it with this file",
            file=sys.stderr,
        )
        return 1
    return 0 if checked.ok else 1


def _render_one(
    path: str,
    out: str,
    formats: list[str],
    kind: str,
    theme: str,
    engine: str,
    single: bool,
    inputs: list[str] | None,
    until: str | None = None,
    evidence: bool = False,
    ignore: Sequence[str] = (),
) -> tuple[list[str], list[str], str | None]:
    """Check and draw one case: (written paths, problem lines, error). Runs in a worker."""
    refused: Iterable[str] = _INPUTS[0] if inputs is None else inputs
    from timeline.render import RenderUnavailable, render_formats
    from timeline.render.output import OutputError, target_path, write_atomic

    checked = _check(path, ignore)
    problems = [p.format() for p in checked.problems]
    if checked.trial is not None and checked.ok and kind == "states":
        return [], [f"{path}: a trial file has no state diagram; skipped"], None
    if not checked.ok or (checked.case is None and checked.trial is None):
        return [], problems, f"{path}: not drawn, the file has errors (see above)"
    cut = None
    if until is not None and checked.case is not None:
        cut, error = resolve_until(checked, until)
        if error:
            return [], problems, f"{path}: {error}"
    told = _until_event(checked, until) if cut is not None else None
    # (at an end, "pregnancy.end", what the case tells after the event's start is not left
    # out: the cycle of chemotherapy given during a pregnancy was cut out of a figure cut at
    # the delivery; what is left out is what the case puts after that end)
    last = (
        _told_last_by(checked, until, cut)
        if until is not None
        and cut is not None
        and until.endswith(".end")
        and checked.case is not None
        and checked.case.event(until) is None
        else told
    )
    found = None
    if evidence and checked.case is not None:
        from timeline.evidence import matches, trials_beside

        found = matches(checked, trials_beside(path))
    written = []
    try:
        drawn = render_formats(
            checked,
            formats,
            kind=kind,  # type: ignore[arg-type]
            theme=theme,
            backend=engine,  # type: ignore[arg-type]
            until=cut,
            highlight=frozenset({told}) if told and cut is not None else frozenset(),
            evidence=found,
            # an event's id: what is told after it is left out, even on its day (and the
            # event a point names, "relapse-rt.start": the adjuvant line's "completed" before
            # it was left out of the figure, as if not yet told)
            until_event=last,
        )
        for fmt in formats:
            data = drawn[fmt]
            if out == "-":  # standard output: the drawing itself, no path printed
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
                continue
            name = checked.trial.id if checked.trial is not None else checked.case.id  # type: ignore[union-attr]
            target = target_path(out, name, kind, fmt, single)
            write_atomic(target, data, refused)
            written.append(target)
    except BrokenPipeError:
        raise  # the reader stopped early: main() ends quietly
    except (RenderUnavailable, OutputError, OSError) as exc:
        return written, problems, f"{path}: {exc}"
    except Exception as exc:  # a bug must still answer with a line, not a traceback
        return (
            written,
            problems,
            f"{path}: internal error while drawing ({type(exc).__name__}: {exc}); please report it",
        )
    return written, problems, None


def cmd_render(args: argparse.Namespace) -> int:
    """``timeline render``: draw cases (swimlane or state figure) or trials as SVG, PNG or PDF."""
    import os

    files, missing = _collect(args.paths)
    if not files:
        return 1
    suffix = os.path.splitext(args.out)[1].lower().lstrip(".")
    names_file = suffix in DRAWING_FORMATS
    if args.align is not None and args.kind != "cohort":
        print("timeline: --align is for --kind cohort", file=sys.stderr)
        return 2
    if args.format is None:
        args.format = [suffix] if names_file else ["svg"]
    if args.kind == "cohort":
        return _render_cohort(args, files, bool(missing), suffix if names_file else "")
    if args.out == "-":
        if len(files) != 1 or len(args.format) != 1:
            print(
                "timeline: '-o -' writes one drawing to standard output; give one case and at"
                " most one format",
                file=sys.stderr,
            )
            return 2
        _worker_start(files)
        _written, problems, error = _render_one(
            files[0],
            "-",
            args.format,
            args.kind,
            args.theme,
            args.engine,
            True,
            None,
            args.until,
            args.evidence,
            _ignored(args),
        )
        for line in problems:
            print(line, file=sys.stderr)
        if error:
            print(f"timeline: {error}", file=sys.stderr)
        return 1 if error or missing else 0
    if not names_file and os.path.isfile(args.out):
        print(
            f"timeline: {args.out} is an existing file, not a folder; give a folder, or a file name"
            " ending in .svg, .png or .pdf",
            file=sys.stderr,
        )
        return 2
    if suffix and not names_file and not os.path.isdir(args.out):
        print(
            f"timeline: cannot write .{suffix}; give a file ending in .svg, .png or .pdf, a"
            " folder (a new folder's name has no suffix), or '-' for standard output",
            file=sys.stderr,
        )
        return 2
    single = len(files) == 1 and len(args.format) == 1
    if names_file and not (single and args.format == [suffix]):
        what = f"{len(files)} file(s) in {', '.join(args.format)}"
        print(
            f"timeline: {args.out} names one {suffix.upper()} file, but {what} is asked for;"
            " give a folder, or one case and --format matching the file name",
            file=sys.stderr,
        )
        return 2
    clash = _same_targets(files, args.out, args.format, args.kind, single)
    if clash:
        for line in clash:
            print(line, file=sys.stderr)
        return 1
    # each job carries its own case; the inputs every write must never replace are given to
    # each worker once, when it starts
    jobs = [
        (
            f,
            args.out,
            args.format,
            args.kind,
            args.theme,
            args.engine,
            single,
            None,
            args.until,
            args.evidence,
            _ignored(args),
        )
        for f in files
    ]
    failed = bool(missing)
    progress = _Progress(len(jobs)) if len(jobs) > 1 and sys.stderr.isatty() else None
    written_so_far: list[str] = []

    def report(outcome: tuple[list[str], list[str], str | None]) -> None:
        nonlocal failed
        written, problems, error = outcome
        if progress:
            progress.clear()
        for line in problems:
            print(line, file=sys.stderr)
        for target in written:
            print(target, flush=True)  # streamed: a case's files as soon as it is drawn
            written_so_far.append(target)
        if error:
            print(f"timeline: {error}", file=sys.stderr)
            failed = True
        if progress:
            progress.step()

    if len(jobs) == 1:
        _worker_start(files)
        report(_render_one(*jobs[0]))
        return 1 if failed else 0
    import signal
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from timeline.render.engines import prepare

    # the in-process Graphviz compiled (and cached) once here, so no worker compiles it
    prepare(args.engine)
    workers = args.jobs or available_cores()
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)), initializer=_render_worker, initargs=(files,)
    )
    # as for `validate` (see _check_all): SIGINT held while the workers start, then the
    # command's alone and taken once; the cases begun are finished, the rest dropped
    futures: list[Future[tuple[list[str], list[str], str | None]]] = []
    reported = 0
    _hold_interrupts(True)
    previous = signal.signal(signal.SIGINT, _interrupt_once)
    try:
        try:
            futures = [pool.submit(_render_one, *job) for job in jobs]
        finally:
            _hold_interrupts(False)  # an interrupt that came meanwhile is raised here
        for future in futures:
            report(future.result())
            reported += 1
    except (KeyboardInterrupt, BrokenProcessPool) as stop:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        pool.shutdown(wait=True, cancel_futures=True)
        for future in futures[reported:]:  # the cases the workers finished meanwhile
            if future.done() and not future.cancelled() and future.exception() is None:
                written_so_far.extend(future.result()[0])
        if progress:
            progress.clear()
        what = (
            "interrupted"
            if isinstance(stop, KeyboardInterrupt)
            else "a render worker stopped before it finished (out of memory?); run again with"
            " --jobs 1 to draw the cases in this one process"
        )
        print(
            f"timeline: {what}; {len(written_so_far)} file(s) written"
            + (":" if written_so_far else "")
            + "".join(f"\n  {t}" for t in written_so_far),
            file=sys.stderr,
        )
        return 130 if isinstance(stop, KeyboardInterrupt) else 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # (nor into the shutdown of a full run)
        pool.shutdown(wait=True, cancel_futures=True)
        signal.signal(signal.SIGINT, previous)
    if progress:
        progress.done()
    return 1 if failed else 0


def _render_cohort(args: argparse.Namespace, files: list[str], missing: bool, suffix: str) -> int:
    """``render --kind cohort``: one figure of every case given (docs/rendering.md)."""
    from timeline.render import RenderUnavailable
    from timeline.render.cohort import render_cohort
    from timeline.render.output import OutputError, write_atomic

    if args.until is not None or args.evidence:
        print(
            "timeline: --until and --evidence are for one case's drawing, not --kind cohort",
            file=sys.stderr,
        )
        return 2
    if suffix and args.format != [suffix]:
        print(
            f"timeline: {args.out} names one {suffix.upper()} file, but {', '.join(args.format)}"
            " is asked for; give a folder, or --format matching the file name",
            file=sys.stderr,
        )
        return 2
    if args.out == "-" and len(args.format) != 1:
        print(
            "timeline: '-o -' writes one drawing to standard output; give one format",
            file=sys.stderr,
        )
        return 2
    if not suffix and args.out != "-" and os.path.isfile(args.out):
        print(
            f"timeline: {args.out} is an existing file, not a folder; give a folder, or a file name"
            " ending in .svg, .png or .pdf",
            file=sys.stderr,
        )
        return 2
    ignore = _ignored(args)
    checked = [_check(f, ignore) for f in files]
    failed = missing
    for result in checked:
        for problem in result.problems:
            print(problem.format(), file=sys.stderr)
        if not result.ok:
            print(
                f"timeline: {result.path}: not drawn, the file has errors (see above)",
                file=sys.stderr,
            )
            failed = True
    align = args.align or "diagnosis"
    try:
        for fmt in args.format:
            data, cohort = render_cohort(
                checked,
                align=align,  # type: ignore[arg-type]
                theme=args.theme,
                fmt=fmt,
                backend=args.engine,
            )
            if not cohort.drawn:
                print(
                    f"timeline: no case to draw in the cohort figure (aligned at {align})",
                    file=sys.stderr,
                )
                return 1
            if args.out == "-":
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
                continue
            target = args.out if suffix else os.path.join(args.out, f"cohort.{fmt}")
            write_atomic(target, data, files)
            print(target)
    except (RenderUnavailable, OutputError, OSError) as exc:
        print(f"timeline: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug must still answer with a line, not a traceback
        print(
            f"timeline: internal error while drawing the cohort ({type(exc).__name__}: {exc});"
            " please report it",
            file=sys.stderr,
        )
        return 1
    for ident, why in cohort.left_out:
        if why != "the case has errors":
            print(f"timeline: {ident}: not in the cohort figure ({why})", file=sys.stderr)
    return 1 if failed else 0


def _same_targets(
    files: list[str], out: str, formats: list[str], kind: str, single: bool
) -> list[str]:
    """Lines naming every pair of files that would write the same output (nothing is drawn
    then: one drawing must not silently replace another)."""
    if len(files) < 2:
        return []  # (one file cannot clash with itself: it is not read twice)
    from timeline.library import declared_id
    from timeline.render.output import target_path

    first: dict[str, str] = {}
    lines = []
    for path in files:
        ident = declared_id(path)
        if ident is None:
            continue  # checked, and reported, when drawn
        target = os.path.normpath(target_path(out, ident, kind, formats[0], single))
        if target in first:
            lines.append(
                f"{path}:1:1: K001 error: would write {target}, as {first[target]} does (both"
                f" have id '{inert(ident)}'); give each case its own id"
            )
        else:
            first[target] = path
    return lines


_INPUTS: list[frozenset[str]] = [frozenset()]


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    count = getattr(os, "process_cpu_count", None)  # Python 3.13
    if count is not None:
        return count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _worker_start(inputs: list[str]) -> None:
    """A render worker: it knows the inputs never to overwrite (resolved once), and it dies
    with its parent (Linux), so that a killed `timeline render` leaves no worker writing on."""
    _INPUTS[0] = frozenset(os.path.realpath(p) for p in inputs)
    _die_with_parent()


def _render_worker(inputs: list[str]) -> None:
    """A render worker: as a validation worker, Ctrl-C is the command's to answer (the worker
    finishes the case it draws), and as every worker it knows the inputs never to overwrite."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _hold_interrupts(False)  # (held while the command started it: see cmd_render)
    _worker_start(inputs)


def _validation_worker() -> None:
    """A validation worker: Ctrl-C is the command's to answer (the workers finish the files
    they were given and stop), and the worker dies with its parent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _hold_interrupts(False)  # (held while the command started it: see _check_all)
    _die_with_parent()


def _die_with_parent() -> None:
    """A worker process ends with its parent (Linux): a killed command leaves none running."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:  # pragma: no cover - not glibc
            pass


class _Progress:
    def __init__(self, total: int) -> None:
        self.total, self.count = total, 0
        self.show()

    def show(self) -> None:
        filled = int(30 * self.count / self.total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.count}/{self.total} drawn")
        sys.stderr.flush()

    def step(self) -> None:
        self.count += 1
        self.show()

    def clear(self) -> None:
        sys.stderr.write("\r" + " " * 60 + "\r")

    def done(self) -> None:
        sys.stderr.write("\n")


def resolve_until(checked: Checked, until: str) -> tuple[int | None, str | None]:
    """The day a cut names: the last day of a date (2009-04 → 30 April 2009), or an event's
    plausible day; (None, why) when it names neither."""
    import re

    import pendulum

    from timeline.schedule import anchor_name

    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", until.strip())
    if m:
        year, month, day = (int(g) if g else None for g in m.groups())
        try:
            if day is not None:
                cut = pendulum.date(year, month, day).toordinal()  # type: ignore[arg-type]
            elif month is not None:
                cut = pendulum.date(year, month, 1).end_of("month").toordinal()  # type: ignore[arg-type]
            else:
                cut = pendulum.date(year, 12, 31).toordinal()  # type: ignore[arg-type]
        except ValueError as exc:
            return None, f"--until {until!r} is not a date ({exc})"
        plan = checked.schedule
        if plan is not None and plan.relative:
            # (a case told without calendar dates has no day to cut at: every date drew an
            # empty figure, and the command succeeded)
            return None, (
                f"--until {until!r} is a calendar date, but the case has none (its dates count"
                f" from {anchor_name(plan.chrono, plan.anchor)}); give an event id"
            )
        days = list(plan.days()) if plan is not None else []
        if days and cut < min(days):
            import datetime

            first = datetime.date.fromordinal(min(days))
            return None, (
                f"--until {until!r} comes before anything the case tells (from about {first});"
                " nothing would be drawn: give a later date or an event id"
            )
        return cut, None
    plan = checked.schedule
    assert checked.case is not None and plan is not None
    event = checked.case.event(until)
    found = plan.start(event) if event is not None else None
    _ident, _, part = until.rpartition(".")
    if found is None and part in ("start", "end"):
        # (a point written as in dates, "trabectedin.end", an exposure's as well as an
        # event's, "docetaxel.end": that point's plausible day)
        found = plan.point(until)
        owner = checked.case.event(_ident)
        if found is None and owner is not None:
            # (an event's own start or end as the case writes it, "hlh.start" of a toxicity
            # with a start and an end, whose start point carries the event's id alone)
            from timeline.queries import point_key

            found = plan.point(point_key(owner, part))
    if found is None:
        ids = [e.id for e in checked.case.events if e.explicit_id]
        from timeline.problems import suggest

        return None, (
            f"--until {until!r} is neither a date, an event id nor a point of one (ID.start,"
            f" ID.end){suggest(until, ids)}"
        )
    return found.day, None


def _told_last_by(checked: Checked, point: str, cut: int) -> str | None:
    """Of the events begun by the day ``cut`` that the case does not put after ``point``
    (an event's end, "pregnancy.end"), the one the schedule tells last: a figure cut there
    leaves out what is told after it (the neoadjuvant line begun after the delivery) and
    keeps what was given before (the cycle of chemotherapy given during the pregnancy)."""
    case, chrono, plan = checked.case, checked.chrono, checked.schedule
    if case is None or chrono is None or plan is None:
        return None
    from timeline.queries import point_key

    ident, _, _part = point.rpartition(".")
    owner = case.event(ident)
    key = chrono.canonical(point_key(owner, "end")) if owner is not None else point
    kept = []
    for e in case.events:
        if chrono.puts_after(key, point_key(e, "start")):
            continue  # (the case puts it after the end)
        found = plan.start(e)
        if found is not None and found.day <= cut:
            kept.append(e)
    return max(kept, key=plan.order).id if kept else None


def _until_event(checked: Checked, until: str | None) -> str | None:
    """The event ``--until`` names, by its id or a point of it ("relapse-rt.start"; an
    agent's own end, "docetaxel.end", names its regimen), or None for a date."""
    case = checked.case
    if not until or case is None:
        return None
    if case.event(until) is not None:
        return until
    ident, _, part = until.rpartition(".")
    if part not in ("start", "end") or not ident:
        return None
    if case.event(ident) is not None:
        return ident
    regimen = ident.partition(".")[0]
    if case.event(regimen) is not None:
        return regimen
    owner = next(
        (e.id for e in case.regimens() for x in e.exposures if x.key.endswith(f".{ident}")), None
    )
    return owner


def cmd_slides(args: argparse.Namespace) -> int:
    """``timeline slides``: the teaching deck of each case, as PowerPoint or HTML."""
    import os

    from timeline.render.output import OutputError, write_atomic

    files, missing = collect_paths(args.paths)
    for p in missing:
        print(f"{p}:1:1: Y009 error: {missing_message(p)}", file=sys.stderr)
    suffix = os.path.splitext(args.out)[1].lower().lstrip(".")
    if suffix in DECK_FORMATS:
        if len(files) != 1:
            print(
                f"timeline: {args.out} names one deck, but {len(files)} files are given; give a"
                " folder",
                file=sys.stderr,
            )
            return 2
        kinds = [suffix]
    elif suffix:
        print(
            f"timeline: cannot write a deck as .{suffix}; give deck.pptx, deck.html or a folder",
            file=sys.stderr,
        )
        return 2
    else:
        kinds = [k.strip() for k in (args.format or "pptx,html").split(",") if k.strip()]
        if not kinds or any(k not in ("pptx", "html") for k in kinds):
            print(
                f"timeline: --format takes pptx, html or both, not {args.format!r}", file=sys.stderr
            )
            return 2
    failed = bool(missing)
    for path in files:
        checked = _check(path, _ignored(args))
        for problem in checked.problems:
            print(problem.format(), file=sys.stderr)
        if checked.trial is not None and checked.ok:
            print(f"timeline: {path}: a trial file, no deck; skipped", file=sys.stderr)
            continue
        if not checked.ok or checked.case is None:
            print(f"timeline: {path}: no deck, the case has errors (see above)", file=sys.stderr)
            failed = True
            continue
        try:
            from timeline.evidence import trials_beside
            from timeline.render.deck import build_deck

            deck = build_deck(checked, backend=args.engine, trials=trials_beside(path))
            from timeline.render.deck import figure_overflow
            from timeline.render.pptx_deck import MIN_PT, figure_scale

            for n, slide in enumerate(deck.slides, start=1):
                scale = figure_scale(slide)
                if scale < 0.999:  # said, not hidden: a teacher may want to cut the case
                    # (which way: a figure 981 pt wide was said to be "too tall")
                    print(
                        f"timeline: {path}: note: slide {n}'s figure is"
                        f" {figure_overflow(slide)} for the slide and is shrunk to fit (its type"
                        f" {MIN_PT * scale:.1f} pt, under {MIN_PT} pt)",
                        file=sys.stderr,
                    )
            for kind in kinds:
                if kind == "pptx":
                    from timeline.render.pptx_deck import deck_pptx

                    data = deck_pptx(deck)
                else:
                    from timeline.render.html_deck import deck_html

                    data = deck_html(deck)
                target = args.out if suffix else os.path.join(args.out, f"{checked.case.id}.{kind}")
                write_atomic(target, data, files)
                print(target)
        except (OutputError, OSError) as exc:
            print(f"timeline: {path}: {exc}", file=sys.stderr)
            failed = True
        except Exception as exc:  # a bug must still answer with a line, not a traceback
            print(
                f"timeline: {path}: internal error while making the deck"
                f" ({type(exc).__name__}: {exc}); please report it",
                file=sys.stderr,
            )
            failed = True
    return 1 if failed else 0


def cmd_site(args: argparse.Namespace) -> int:
    from timeline.library import library_problems
    from timeline.render import RenderUnavailable
    from timeline.render.output import OutputError
    from timeline.site import SiteError, write_site

    files, missing = _collect(args.paths)
    if not files:
        return 1
    if os.path.splitext(args.out)[1] or os.path.isfile(args.out):
        print(f"timeline: {args.out}: give a folder for the site, not a file", file=sys.stderr)
        return 2
    ignore = _ignored(args)
    checked = [_check(f, ignore) for f in files]
    if any(os.path.isdir(p) for p in args.paths):
        library_problems(checked, ignore)  # a folder is a library, as 'validate' checks it
    for result in checked:
        for problem in result.problems:
            print(problem.format(), file=sys.stderr)
    try:
        write_site(checked, args.out, backend=args.engine, inputs=files)
    except SiteError as exc:
        print(f"timeline: {exc}", file=sys.stderr)
        return 2
    except (RenderUnavailable, OutputError, OSError) as exc:
        print(f"timeline: {exc}; no site written", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug must still answer with a line, not a traceback
        print(
            f"timeline: internal error while writing the site ({type(exc).__name__}: {exc});"
            " please report it; no site written",
            file=sys.stderr,
        )
        return 1
    print(os.path.join(args.out, "index.html"))
    bad = sum(1 for r in checked if not r.ok)
    if bad:
        print(
            f"timeline: {bad} file{'s' * (bad != 1)} with errors, listed on the index and not drawn",
            file=sys.stderr,
        )
    return 1 if bad or missing else 0


def cmd_export(args: argparse.Namespace) -> int:
    from timeline.interchange.common import ExportError, write_output

    files, missing = _collect(args.paths)
    if not files:
        return 1
    suffix = os.path.splitext(args.out)[1].lower()
    if args.to == "swimmer-csv" and args.out != "-" and suffix != ".csv":
        print(
            f"timeline: swimmer-csv writes one table; give a file ending in .csv or '-', not"
            f" {args.out}",
            file=sys.stderr,
        )
        return 2
    if args.to == "cbioportal" and (args.out == "-" or suffix or os.path.isfile(args.out)):
        print(
            f"timeline: cbioportal writes several files; give a folder (no suffix), not {args.out}",
            file=sys.stderr,
        )
        return 2
    if args.to == "cbioportal":
        import re

        if not re.fullmatch(r"[A-Za-z0-9_.-]+", args.study):
            print(
                f"timeline: '{inert(args.study)}' cannot be a cBioPortal study id; use letters,"
                " digits, '_', '.' and '-'",
                file=sys.stderr,
            )
            return 2
    if args.to == "fhir":
        if (args.out == "-" or suffix == ".json") and len(files) != 1:
            print(
                f"timeline: {args.out} takes one case's Bundle, but {len(files)} files are given;"
                " give a folder",
                file=sys.stderr,
            )
            return 2
        if args.out != "-" and suffix not in ("", ".json"):
            print(
                f"timeline: a FHIR Bundle is JSON; give a file ending in .json, a folder or '-',"
                f" not {args.out}",
                file=sys.stderr,
            )
            return 2
    failed = bool(missing)
    good: list[Checked] = []
    for path in files:
        checked = _check(path, _ignored(args))
        for problem in checked.problems:
            print(problem.format(), file=sys.stderr)
        if checked.trial is not None and checked.ok:
            print(f"timeline: {path}: a trial file, not a case; skipped", file=sys.stderr)
            continue
        if not checked.ok or checked.case is None:
            print(
                f"timeline: {path}: not exported, the case has errors (see above)", file=sys.stderr
            )
            failed = True
            continue
        good.append(checked)
    outputs: list[tuple[str, bytes]] = []
    try:
        if args.to == "swimmer-csv":
            from timeline.interchange.swimmer import swimmer_csv

            outputs.append((args.out, swimmer_csv(good)))
        elif args.to == "cbioportal":
            from timeline.interchange.cbioportal import cbioportal_files, left_out

            for checked in good:
                undated = left_out(checked)
                if undated:
                    print(
                        f"timeline: {checked.path}: note: {', '.join(undated)} left out of the"
                        " timeline files: no date, and nothing bounds one (cBioPortal requires"
                        " a START_DATE)",
                        file=sys.stderr,
                    )
            if good:
                for name, data in cbioportal_files(good, args.study).items():
                    outputs.append((os.path.join(args.out, name), data))
        else:
            from timeline.interchange.fhir import fhir_json

            for checked in good:
                target = (
                    args.out
                    if args.out == "-" or suffix == ".json"
                    else os.path.join(args.out, f"{checked.case.id}.fhir.json")  # type: ignore[union-attr]
                )
                outputs.append((target, fhir_json(checked)))
        for target, data in outputs:
            if target == "-":
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
                continue
            write_output(target, data, files)
            print(target)
    except BrokenPipeError:
        raise  # the reader stopped early: main() ends quietly
    except (ExportError, OSError) as exc:
        print(f"timeline: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug must still answer with a line, not a traceback
        print(
            f"timeline: internal error while exporting ({type(exc).__name__}: {exc}); please"
            " report it",
            file=sys.stderr,
        )
        return 1
    return 1 if failed else 0


def cmd_import(args: argparse.Namespace) -> int:
    from timeline.interchange.cbioportal import ImportError_, import_timeline
    from timeline.interchange.common import write_new
    from timeline.validate import check_text

    missing = [p for p in args.paths if not os.path.exists(p)]
    for p in missing:
        print(f"{p}:1:1: Y009 error: {missing_message(p)}", file=sys.stderr)
    if missing:
        return 1
    try:
        cases = import_timeline(args.paths)
    except ImportError_ as exc:
        print(f"{exc}", file=sys.stderr)
        return 1
    failed = False
    for case_id, text in cases.items():
        target = os.path.join(args.out, f"{case_id}.yaml")
        for problem in check_text(text, target).problems:
            if problem.severity is Severity.ERROR:
                print(problem.format(), file=sys.stderr)
                failed = True
        try:
            write_new(target, text.encode("utf-8"))
        except FileExistsError:
            print(f"timeline: {target} exists; not replaced", file=sys.stderr)
            failed = True
            continue
        except OSError as exc:
            print(f"timeline: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
            failed = True
            continue
        print(target)
    return 1 if failed else 0


def cmd_new(args: argparse.Namespace) -> int:
    """``timeline new``: a new case file from the template, with the given id."""
    import re
    from importlib.resources import files

    if not re.fullmatch(r"[A-Za-z][\w-]*", args.id, flags=re.ASCII):
        print(
            f"timeline: '{inert(args.id)}' cannot be a case id; use letters, digits, '-' and '_',"
            " starting with a letter",
            file=sys.stderr,
        )
        return 2
    # (a file name is the file: "-o template.yaml" made a folder of that name)
    if args.out.lower().endswith((".yaml", ".yml")) and not os.path.isdir(args.out):
        folder, target = os.path.dirname(args.out) or ".", args.out
    else:
        folder = args.out
        target = os.path.join(folder, f"{args.id}.yaml")
    text = files("timeline").joinpath("template.yaml").read_text(encoding="utf-8")
    tmp = os.path.join(folder, f".timeline-{os.getpid()}-{args.id}.tmp")
    try:
        os.makedirs(folder, exist_ok=True)
        with open(tmp, "x", encoding="utf-8") as fh:
            fh.write(text.replace("__ID__", args.id))
        # a hard link appears whole or not at all, and never replaces a case already there
        os.link(tmp, target)
    except FileExistsError:
        print(f"timeline: {target} exists; not replaced", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"timeline: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    print(target)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """``timeline schema``: print the JSON Schema of the case format."""
    from timeline.schema import case_schema

    _print_json(case_schema())
    return 0


def _guides() -> dict[str, str]:
    """The guides by name: installed inside the package, or the source tree's docs/."""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    for folder in (here / "docs", here.parent / "docs"):
        if folder.is_dir():
            return {p.stem: str(p) for p in sorted(folder.glob("*.md"))}
    return {}


def cmd_docs(args: argparse.Namespace) -> int:
    """``timeline docs``: list the guides installed with the package, or print one."""
    guides = _guides()
    if not guides:
        print("timeline: the guides are not installed with this copy", file=sys.stderr)
        return 1
    if args.name is None:
        for name, path in guides.items():
            with open(path, encoding="utf-8") as fh:
                title = fh.readline().lstrip("# ").strip()
            print(f"{name:<12}  {title}\n{'':<12}  {path}")
        return 0
    if args.name not in guides:
        import difflib

        near = difflib.get_close_matches(args.name, list(guides), n=1)
        hint = f"; did you mean '{near[0]}'?" if near else f" (guides: {', '.join(guides)})"
        print(f"timeline: no guide '{inert(args.name)}'{hint}", file=sys.stderr)
        return 2
    with open(guides[args.name], encoding="utf-8") as fh:
        sys.stdout.write(fh.read())
    return 0


def cmd_codes(args: argparse.Namespace) -> int:
    """``timeline codes``: every problem code with its severity and meaning."""
    for code in CODES.values():
        print(f"{code.code}  {code.severity.value:<7}  {code.title}")
    return 0


def entry() -> int:
    """The ``timeline`` program (the console script and ``python -m timeline``): :func:`main`
    in a process of its own, whose garbage collector runs less often. A command builds many
    small objects and drops them at exit, so the default thresholds spend about a tenth of a
    folder's check collecting young objects that would live to the end anyway; a library
    caller of :func:`main` keeps its own settings.

    When the command is done, every object still alive is moved out of the collector's sight
    (:func:`gc.freeze`): the interpreter's shutdown would otherwise walk them all in its last
    collections, a twentieth of the instructions of a ``timeline validate FILE``, to free
    memory the end of the process returns anyway. Files are written and closed by then, and
    the standard streams are flushed by the shutdown itself."""
    import gc

    gc.set_threshold(100_000, 50, 100)
    code = main()
    gc.freeze()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``timeline`` command with ``argv`` (default: the process's arguments); return the
    exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser("validate" if argv[:1] == ["validate"] else None)
    if not argv:
        parser.print_help()
        return 0
    commands = (
        "validate",
        "show",
        "render",
        "slides",
        "site",
        "export",
        "import",
        "new",
        "schema",
        "docs",
        "codes",
    )
    if not argv[0].startswith("-") and argv[0] not in commands:
        import difflib

        near = difflib.get_close_matches(argv[0], commands, n=1, cutoff=0.6)
        hint = f"; did you mean '{near[0]}'?" if near else f" (commands: {', '.join(commands)})"
        print(f"timeline: unknown command '{inert(argv[0])}'{hint}", file=sys.stderr)
        return 2
    if isinstance(parser, _Parser):
        parser.command = argv[0]
    args = parser.parse_args(argv)
    handler = {
        "validate": cmd_validate,
        "show": cmd_show,
        "render": cmd_render,
        "slides": cmd_slides,
        "site": cmd_site,
        "export": cmd_export,
        "import": cmd_import,
        "new": cmd_new,
        "schema": cmd_schema,
        "docs": cmd_docs,
        "codes": cmd_codes,
    }[args.command]
    try:
        return handler(args)
    except BrokenPipeError:  # e.g. piped into head: stop quietly, as other tools do
        # the interpreter flushes standard output at exit: let that flush go nowhere (unless
        # standard output is not a real file, as with a caller's buffer)
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
