"""`timeline render` as a user runs it, and how outputs are written."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import REFERENCE, RELATIVE_CASE, ROOT, Ran, run_cli
from timeline.render.output import OutputError, target_path, write_atomic


def run(*args: str) -> Ran:
    return run_cli("render", *args)


def test_folder_in_two_formats(tmp_path: Path) -> None:
    # a folder of the library's shapes: the reference case, one told in distances from its
    # diagnosis, one with many short courses, and the trials in a subfolder (every case of
    # the library is drawn in both formats by test_render.py)
    folder = tmp_path / "cases"
    (folder / "trials").mkdir(parents=True)
    sample = [REFERENCE, *(ROOT / "cases").glob("abe2023-*.yaml")]
    sample += (ROOT / "cases").glob("kusumoto2018-*.yaml")
    for path in sample:
        (folder / path.name).write_bytes(path.read_bytes())
    trials = sorted((ROOT / "cases" / "trials").glob("*.yaml"))  # drawn as trial figures
    for trial in trials:
        (folder / "trials" / trial.name).write_bytes(trial.read_bytes())
    out_dir = tmp_path / "out"
    out = run(str(folder), "-o", str(out_dir), "--format", "svg,png", "--engine", "wasm")
    assert out.returncode == 0, out.stderr
    written = [line for line in out.stdout.splitlines() if line.startswith(str(out_dir))]
    assert len(sample) == 3 and len(trials) >= 3
    assert len(written) == 2 * (len(sample) + len(trials))
    assert {Path(p).name for p in written} >= {"e2100.svg", "e2100.png", f"{REFERENCE.stem}.png"}
    for path in written:
        data = Path(path).read_bytes()
        assert data.startswith(b"<?xml") if path.endswith(".svg") else data[:4] == b"\x89PNG"
    assert not [p for p in os.listdir(out_dir) if p.startswith(".timeline-")], (
        "no temporary files left"
    )


def test_single_file_takes_its_format_from_the_name(tmp_path: Path) -> None:
    target = tmp_path / "figure.png"
    out = run(
        str(REFERENCE),
        "-o",
        str(target),
        "--theme",
        "print",
        "--kind",
        "states",
        "--engine",
        "wasm",
    )
    assert out.returncode == 0, out.stderr
    assert target.read_bytes()[:4] == b"\x89PNG"
    assert out.stdout.splitlines()[-1] == str(target)


def test_pdf_without_system_graphviz(tmp_path: Path) -> None:
    out = run(str(REFERENCE), "-o", str(tmp_path / "x.pdf"), "--engine", "wasm")
    assert out.returncode == 1
    assert (
        "PDF needs the system Graphviz" in out.stderr and "apt-get install graphviz" in out.stderr
    )
    assert not (tmp_path / "x.pdf").exists()


def test_file_name_for_many_outputs_is_a_usage_error(tmp_path: Path) -> None:
    out = run("cases/", "-o", str(tmp_path / "all.svg"))
    assert out.returncode == 2 and "give a folder" in out.stderr


def test_existing_file_as_folder_is_refused(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_bytes(REFERENCE.read_bytes())
    out = run(str(case), "-o", str(case))
    assert out.returncode == 2 and "existing file" in out.stderr
    assert case.read_bytes() == REFERENCE.read_bytes()


def test_case_with_errors_is_reported_and_not_drawn(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: bad\ndiagnosis: {date: 2010}\nevents:\n  - {type: response, date: 2009, category: CR}\n"
    )
    out = run(str(bad), "-o", str(tmp_path / "out"))
    assert out.returncode == 1
    assert "T001" in out.stderr or "R001" in out.stderr  # problems go to standard error
    assert out.stdout == ""
    assert "not drawn, the file has errors" in out.stderr
    assert not (tmp_path / "out").exists()


def test_target_paths() -> None:
    assert target_path("out", "case-1", "swimlane", "svg", single=False) == os.path.join(
        "out", "case-1.svg"
    )
    assert target_path("out", "case-1", "states", "png", single=False) == os.path.join(
        "out", "case-1.states.png"
    )
    assert target_path("fig.png", "case-1", "swimlane", "png", single=True) == "fig.png"


def test_write_atomic_never_over_an_input(tmp_path: Path) -> None:
    source = tmp_path / "case.yaml"
    source.write_text("id: x\n")
    with pytest.raises(OutputError):
        write_atomic(str(source), b"<svg/>", [str(source)])
    other = tmp_path / "fig.svg"
    with pytest.raises(OutputError):
        write_atomic(str(other), b"<svg/>", [str(other)])
    write_atomic(str(tmp_path / "ok" / "fig.svg"), b"<svg/>", [str(source)])
    assert (tmp_path / "ok" / "fig.svg").read_bytes() == b"<svg/>"
    assert source.read_text() == "id: x\n"
    mode = (tmp_path / "ok" / "fig.svg").stat().st_mode & 0o777
    assert mode & 0o044, "outputs are readable by others, as any new file under the usual umask"


def test_a_calendar_cut_of_a_case_without_calendar_dates_is_refused(tmp_path: Path) -> None:
    """A case told only in distances and order: every '--until DATE' drew an empty figure and
    exited 0. A date is refused (the case counts from an event, named); a point of an event,
    written as dates write it, is a cut."""
    case = tmp_path / "relative.yaml"
    case.write_text("format: 1\n" + RELATIVE_CASE.lstrip())
    out = tmp_path / "cut.svg"
    ran = run_cli("render", str(case), "--until", "2014-01", "-o", str(out))
    assert ran.returncode == 1, ran.stderr
    assert "is a calendar date, but the case has none" in ran.stderr and "give an event id" in (
        ran.stderr
    )
    assert not out.exists()
    ran = run_cli("render", str(case), "--until", "chemo.end", "-o", str(out))
    assert ran.returncode == 0, ran.stderr
    whole = run_cli("render", str(case), "-o", str(tmp_path / "whole.svg"))
    assert whole.returncode == 0 and "last follow&#45;up" in (tmp_path / "whole.svg").read_text()
    assert "last follow&#45;up" not in out.read_text()  # (30 months after the cut)


def test_a_cut_at_an_agents_own_end_is_taken(tmp_path: Path) -> None:
    """'--until docetaxel.end', an agent given its own id and end within a regimen (written so
    in the case's dates), was refused as an unknown event."""
    case = tmp_path / "agent.yaml"
    case.write_text(
        "format: 1\nid: agent\ndiagnosis: {date: 2015-01}\nevents:\n"
        "  - id: trial\n    type: regimen\n    intent: advanced\n    start: 2015-02\n"
        "    end: 2016-06\n    end_reason: progression\n    exposures:\n"
        "      - {id: docetaxel, agent: docetaxel, end: 2015-08}\n"
        "      - {agent: abiraterone}\n"
        "  - {id: pd, type: progression, date: 2016-06}\n"
    )
    out = tmp_path / "cut.svg"
    ran = run_cli("render", str(case), "--until", "docetaxel.end", "-o", str(out))
    assert ran.returncode == 0, ran.stderr
    assert "recurrence / progression" not in out.read_text()  # (its marker: ten months on)
    ran = run_cli("render", str(case), "--until", "nothing.end", "-o", str(out))
    assert ran.returncode == 1 and "nor a point of one" in ran.stderr


def test_a_cut_at_the_start_of_an_event_with_a_start_and_an_end_is_taken(
    tmp_path: Path,
) -> None:
    """'--until hlh.start' of a toxicity written with a start and an end (as the case's own
    dates may write it) was refused, while 'hlh.end' was taken."""
    case = tmp_path / "span.yaml"
    case.write_text(
        "format: 1\nid: span\ndiagnosis: {date: 2015-01}\nevents:\n"
        "  - {id: l1, type: regimen, intent: advanced, start: 2015-02, end: 2015-09,\n"
        "     end_reason: toxicity, agents: [docetaxel]}\n"
        "  - {id: hlh, type: toxicity, term: neutropenia, grade: 3, start: 2015-06,\n"
        "     end: 2015-07, agent: docetaxel}\n"
        "  - {id: fu, type: follow-up, date: 2016-01, status: alive}\n"
    )
    for point in ("hlh.start", "hlh.end", "hlh"):
        out = tmp_path / f"{point}.svg"
        ran = run_cli("render", str(case), "--until", point, "-o", str(out))
        assert ran.returncode == 0, (point, ran.stderr)
        assert "last follow&#45;up" not in out.read_text()


def test_a_cut_figure_does_not_give_away_the_course_in_its_title(tmp_path: Path) -> None:
    """Every '--until' figure carried the case's title ("… no recurrence, 7 years 10 months of
    survival"), telling what the cut hides; a deck's step figure has none. The patient line
    stays; the title and the id go."""
    whole, cut = tmp_path / "whole.svg", tmp_path / "cut.svg"
    assert run_cli("render", str(REFERENCE), "-o", str(whole)).returncode == 0
    ran = run_cli("render", str(REFERENCE), "--until", "progression-2009", "-o", str(cut))
    assert ran.returncode == 0, ran.stderr
    assert "partial response after bevacizumab" in whole.read_text()
    text = cut.read_text()
    assert "partial response after bevacizumab" not in text
    assert "68&#45;year&#45;old" in text or "68-year-old" in text
    drawn = re.findall(r"<text[^>]*>([^<]*)</text>", text)
    assert drawn and not any("cr000" in t for t in drawn)


def test_a_cut_at_a_point_tells_what_the_case_puts_before_its_event(tmp_path: Path) -> None:
    """'--until relapse-rt.start' of an Ewing relapse irradiated weeks into its second line:
    the adjuvant line's "completed", its end known only from the diagnosis through an open
    chain, was left out, while '--until relapse-rt' showed it. A point of an event cuts as the
    event does: what the case puts before the event is told."""
    case = tmp_path / "ewing.yaml"
    case.write_text(EWING_POINT_CUT)
    for point in ("relapse-rt", "relapse-rt.start"):
        out = tmp_path / f"{point}.svg"
        ran = run_cli("render", str(case), "--until", point, "-o", str(out), "--ignore", "C008")
        assert ran.returncode == 0, (point, ran.stderr)
        assert out.read_text().count(">completed<") == 2, point


EWING_POINT_CUT = """format: 1
id: ewing
diagnosis: {date: unknown}
events:
  - {id: neo, type: regimen, intent: neoadjuvant, start: {from: diagnosis, offset: 1 week},
     end: {from: neo.start, offset: 6 cycles of 2 weeks}, end_reason: completed, cycles: 6,
     cycle: 2 weeks, agents: [vincristine]}
  - {id: op, type: surgery, date: {after: neo.end}, procedure: rib resection, curative: unknown}
  - {id: adj, type: regimen, intent: adjuvant, start: {after: op},
     end: {from: adj.start, offset: 8 cycles of 2 weeks}, end_reason: completed, cycles: 8,
     cycle: 2 weeks, agents: [vincristine]}
  - {id: relapse, type: recurrence, date: {from: adj.end, offset: 24 months}}
  - {id: it, type: regimen, intent: advanced, start: {after: relapse, within: 2 weeks},
     end: {after: {from: it.start, offset: 10 cycles of 2 weeks}}, end_reason: unknown,
     cycle: 2 weeks, agents: [irinotecan]}
  - id: relapse-rt
    type: radiotherapy
    start:
      after: {from: it.start, offset: 8 cycles of 2 weeks}
      before: {from: it.start, offset: 10 cycles of 2 weeks}
    end:
      after: relapse-rt.start
      before: {from: it.start, offset: 10 cycles of 2 weeks}
  - {id: fu, type: follow-up, date: {after: it.end}, status: alive}
"""


def test_a_cut_before_anything_the_case_tells_is_refused(tmp_path: Path) -> None:
    """'--until 2019-01' before a case of 2020 drew an empty figure and exited 0."""
    out = tmp_path / "cut.png"
    ran = run_cli("render", str(REFERENCE), "--until", "2003-01", "-o", str(out))
    assert ran.returncode == 1 and "comes before anything the case tells" in ran.stderr
    assert not out.exists()


def test_a_cut_at_the_end_of_a_span_keeps_what_was_given_during_it(tmp_path: Path) -> None:
    """'--until pregnancy.end' of a breast cancer treated during pregnancy: the cycle of AC
    given before the delivery was left out of the figure (what the case tells after the
    pregnancy's start was left out), which then said nothing was given in pregnancy. What the
    case puts after the delivery (THP) is left out, what it puts before is kept."""
    case = tmp_path / "pregnancy.yaml"
    case.write_text(
        "format: 1\nid: pregnancy\n"
        "patient: {sex: female}\n"
        "diagnosis: {date: 2020-05-10, site: breast}\n"
        "events:\n"
        "  - {id: pregnancy, type: pregnancy, start: 2019-10-10, end: 2020-06-20,\n"
        "     outcome: live-birth}\n"
        "  - {id: ac, type: regimen, intent: neoadjuvant, agents: [doxorubicin, cyclophosphamide],\n"
        "     start: {after: diagnosis, before: pregnancy.end}, end: {after: ac.start, before: thp.start},\n"
        "     end_reason: completed, cycles: 1}\n"
        "  - {id: thp, type: regimen, intent: neoadjuvant, agents: [docetaxel, trastuzumab],\n"
        "     start: {after: pregnancy.end, within: 1 month}, end: {from: thp.start, offset: 15 weeks},\n"
        "     end_reason: completed}\n"
        "  - {id: fu, type: follow-up, date: 2021-03, status: alive}\n"
    )
    out = tmp_path / "cut.svg"
    ran = run_cli("render", str(case), "--until", "pregnancy.end", "-o", str(out))
    assert ran.returncode == 0, ran.stderr
    drawn = out.read_text()
    assert "doxorubicin" in drawn
    assert "trastuzumab" not in drawn
