"""Shared helpers: a small valid case to start from, and one-call checking of a dict."""

from __future__ import annotations

import contextlib
import copy
import datetime
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline import Checked, check_text

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "cases").glob("*.yaml"))
#: cases whose deck figures are too tall for a slide even with closer rows, and are shrunk
#: (said by `timeline slides`; README, Known shortfalls): five courses of radiotherapy and three
#: of chemotherapy in one year, each named beside its short bar on a row of its own
SHRUNK_DECKS = {
    "kusumoto2018-endometrial-serous-tc-dp-repeated-ccrt": 0.83,
    "doerschner2019-cd8-fmf-rt-ifn-mtx-arac-hdct-asct-ifn-maintenance": 0.99,
}
#: of those, the decks shrunk in the PPTX only (a slide's caption leaves the figure less room
#: than the HTML stage does): doerschner2019's last figure, by under 1 %
SHRUNK_IN_PPTX_ONLY = frozenset(
    {"doerschner2019-cd8-fmf-rt-ifn-mtx-arac-hdct-asct-ifn-maintenance"}
)
REFERENCE = ROOT / "cases" / "cr000-paclitaxel-bevacizumab.yaml"
SHARED = ROOT.parent / "shared"

#: A small case that breaks no rule: curative surgery, adjuvant therapy, recurrence, a first
#: line with a response, progression, a second line, last follow-up.
BASE: dict[str, Any] = {
    "format": 1,
    "id": "base",
    "diagnosis": {"date": "2010-01"},
    "events": [
        {"id": "surgery", "type": "surgery", "date": "2010-01-20", "curative": True},
        {
            "id": "adjuvant",
            "type": "regimen",
            "intent": "adjuvant",
            "start": "2010-03",
            "end": "2010-08",
            "end_reason": "completed",
            "agents": ["doxorubicin", "cyclophosphamide"],
        },
        {"id": "recurrence", "type": "recurrence", "date": "2012-05", "sites": ["liver"]},
        {
            "id": "line1",
            "type": "regimen",
            "intent": "advanced",
            "start": "2012-06",
            "end": "2013-02",
            "end_reason": "progression",
            "exposures": [{"agent": "letrozole", "dose": "2.5 mg", "schedule": "daily"}],
        },
        {"id": "pr", "type": "response", "date": "2012-09", "category": "PR"},
        {"id": "pd", "type": "response", "date": "2013-01", "category": "PD"},
        {
            "id": "ai-resistance",
            "type": "resistance",
            "date": "2013-01",
            "class": "endocrine",
            "basis": "pd",
        },
        {
            "id": "line2",
            "type": "regimen",
            "intent": "advanced",
            "start": "2013-02",
            "end_reason": "ongoing",
            "agents": ["paclitaxel"],
        },
        {"id": "fu", "type": "follow-up", "date": "2014-01", "status": "alive-with-disease"},
    ],
}


#: A case told only by order and stated distances: vandetanib stopped after a progression two
#: months into it and before a radiotherapy; a progression "about 2 years" after that
#: radiotherapy; selpercatinib stopped after a progression "about 1 year" into it.
ABOUT_TWO_YEARS = """\
format: 1
id: about-two-years
diagnosis: {date: {before: surgery-1}}
events:
  - {id: surgery-1, type: surgery, date: {after: diagnosis}, procedure: neck surgery, curative: false}
  - {id: surgery-2, type: surgery, date: {after: surgery-1}, procedure: neck surgery, curative: false}
  - {id: remnants, type: imaging, date: {from: surgery-2, offset: 1 months}, findings: remnants}
  - id: vandetanib
    type: regimen
    intent: advanced
    start: {after: remnants}
    end: {after: pd1, before: rt.start}
    end_reason: progression
    agents: [vandetanib]
  - {id: pd1, type: progression, date: {from: vandetanib.start, offset: 2 months}}
  - {id: rt, type: radiotherapy, start: {after: vandetanib.end}, site: neck}
  - {id: pd2, type: progression, date: {from: rt.start, offset: about 2 years}}
  - id: selpercatinib
    type: regimen
    intent: advanced
    start: {after: pd2}
    end: {after: pd3, before: cabozantinib.start}
    end_reason: progression
    agents: [selpercatinib]
  - {id: pd3, type: progression, date: {from: selpercatinib.start, offset: about 1 year}}
  - {id: cabozantinib, type: regimen, intent: advanced, start: {after: selpercatinib.end},
     end_reason: no-response, agents: [cabozantinib]}
"""


def case(**changes: Any) -> dict[str, Any]:
    """A deep copy of BASE with top-level keys replaced."""
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def event(data: dict[str, Any], event_id: str) -> dict[str, Any]:
    return next(e for e in data["events"] if e.get("id") == event_id)


def check(data: dict[str, Any] | str, path: str = "case.yaml") -> Checked:
    text = (
        data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    )
    return check_text(text, path)


def codes(checked: Checked) -> set[str]:
    return {p.code for p in checked.problems}


@pytest.fixture
def base() -> dict[str, Any]:
    return case()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files under tests/golden from the current output",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    import shutil

    if shutil.which("dot") and shutil.which("neato"):
        return
    skip = pytest.mark.skip(
        reason="Graphviz's own programs are not installed (the in-process engine is tested)"
    )
    for item in items:
        if "system_graphviz" in item.keywords:
            item.add_marker(skip)


#: L1 known only by order (its end the progression) before a dated L2: a zone before the scale
#: a grade 3 ALT rise "for 14 weeks" after ribociclib: a toxicity the case gives an end
#: a progression, an operation whose completeness the source does not give, and a last
#: follow-up "alive, no evidence of disease" that no recorded change leads to
NED_AT_FOLLOW_UP = (
    "format: 1\nid: nedfu\ndiagnosis: {date: 2020-01}\nevents:\n"
    "  - {id: chemo, type: regimen, intent: advanced, start: 2020-02, end: 2020-06,"
    " end_reason: progression, agents: [cisplatin]}\n"
    "  - {id: pd, type: progression, date: 2020-06}\n"
    "  - {id: op, type: surgery, date: 2020-08, procedure: resection, curative: unknown}\n"
    "  - {id: fu, type: follow-up, date: 2022-03, status: alive-ned}\n"
)

#: a relapsed Hodgkin lymphoma's salvage: DHAP of two cycles of unstated length after the
#: relapse, ended before what ``NEXT`` names (replace it), the opening of cases that go on to
#: radiotherapy, BEAM and a transplant
DHAP_SALVAGE = """format: 1
id: salvage
diagnosis: {date: 2011-06}
events:
  - {id: relapse, type: recurrence, date: 2012-05}
  - {id: dhap, type: regimen, intent: advanced, start: {after: relapse},
     end: {after: dhap.start, before: NEXT}, end_reason: completed, cycles: 2,
     agents: [cisplatin, cytarabine]}
"""

TOXICITY_LASTING = (
    "format: 1\nid: tox\ndiagnosis: {date: 2018-01}\nevents:\n"
    "  - {id: reg, type: regimen, intent: advanced, start: 2018-01, end: 2018-03,"
    " end_reason: toxicity, agents: [ribociclib]}\n"
    "  - {id: tox, type: toxicity, start: 2018-03, end: {from: tox, offset: 14 weeks},"
    " term: Alanine aminotransferase increased, grade: 3, agents: [ribociclib],"
    " action: stopped}\n"
    "  - {id: fu, type: follow-up, date: 2018-12, status: alive}\n"
)

#: an Ewing sarcoma operated on at an undated diagnosis and relapsing 16 years later: the
#: opening of cases whose relapse treatments come in no stated order
#: a salvage course of 12 cycles of unstated length, a resection after the 4th and
#: radiotherapy during the 9th and 10th (a Ewing sarcoma's relapse, in a report's words)
SALVAGE_CYCLES = """
id: after-cycles
diagnosis: {date: unknown}
events:
  - {id: rec, type: recurrence, date: {after: diagnosis}}
  - {id: it, type: regimen, intent: advanced, agents: [irinotecan, temozolomide],
     start: {after: rec}, cycles: 12}
  - {id: op, type: surgery, date: {from: it.start, offset: 4 cycles, before: rt.start},
     procedure: resection, curative: true}
  - {id: rt, type: radiotherapy, start: {from: it.start, offset: 8 cycles},
     end: {from: it.start, offset: 10 cycles}}
"""

#: a recurrence known within eight years, then a line, its response and an operation known
#: only by order after it, and a follow-up 14 months on
AFTER_A_WIDE_RECURRENCE = """
id: after-a-wide-recurrence
diagnosis: {date: unknown}
events:
  - {id: rec, type: recurrence, date: {after: {from: diagnosis, offset: 14 years},
     before: {from: diagnosis, offset: 22 years}}}
  - {id: chemo, type: regimen, intent: advanced, agents: [carboplatin], start: {after: rec},
     end: {before: op}, end_reason: unknown}
  - {id: pr, type: response, date: {after: chemo.start, before: op}, category: PR}
  - {id: op, type: surgery, date: {after: pr}, procedure: resection, curative: true}
  - {id: fu, type: follow-up, date: {from: op, offset: 14 months}, status: alive-ned}
"""

EWING_RELAPSE = """\
format: 1
id: ewing-relapse
diagnosis: {date: unknown}
events:
  - {id: op, type: surgery, date: {after: diagnosis}, procedure: resection, curative: true}
  - {id: relapse, type: recurrence, date: {from: op, offset: 16 years}, sites: [nose]}
"""

ZONE_BEFORE_LINE = """\
id: zone-before-line
diagnosis: {date: unknown}
events:
  - {id: l1, type: regimen, intent: advanced, start: {after: diagnosis}, end: pd,
     end_reason: progression, agents: [imatinib]}
  - {id: pd, type: progression, date: {after: l1.start, before: l2.start}}
  - {id: l2, type: regimen, intent: advanced, start: 2020-01, end_reason: ongoing,
     agents: [sunitinib]}
  - {id: fu, type: follow-up, date: 2020-07, status: alive}
"""


#: a case with no calendar date: every date is relative to the start of its one regimen
#: a synovial sarcoma told only in distances, counted from its lung metastases: the
#: diagnosis and the excision are known only by order before them
DISTANCES_ONLY = """
format: 1
id: open-rel
diagnosis: {date: {note: not dated}}
events:
  - {id: op, type: surgery, date: {after: diagnosis}, procedure: excision, curative: true}
  - {id: mets, type: recurrence, date: {after: {from: op, offset: 14 months}}, sites: [lung]}
  - {id: death, type: death, date: {from: mets, offset: 19 months}, cause: disease}
acknowledge:
  - {code: C008, event: op, reason: not dated in the source}
"""

RELATIVE_CASE = """
id: relative
diagnosis: {date: unknown}
events:
  - {id: chemo, type: regimen, intent: advanced, start: unknown, agents: [gemcitabine],
     end: {from: chemo.start, offset: 9 months}, end_reason: completed}
  - {id: fu, type: follow-up, date: {from: chemo.end, offset: 30 months}, status: alive}
"""


@dataclass
class Ran:
    """What one in-process run of the command printed, and its exit code."""

    returncode: int
    stdout: str
    stderr: str
    stdout_bytes: bytes


def run_cli(*args: str, cwd: Path | str = ROOT, stdin: bytes = b"") -> Ran:
    """``timeline ARGS`` run in this process (``timeline.cli.main``), from ``cwd``, with its
    output captured as a subprocess's would be: the same exit code, standard output and error.
    The few tests of a real process (the console script, ``python -m``) start one themselves."""
    from timeline.cli import main

    out = io.BytesIO()
    text_out = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    err = io.StringIO()
    text_in = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = text_in, text_out, err
    try:
        with contextlib.chdir(cwd):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's usage errors and --help
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        text_out.flush()
        sys.stdin, sys.stdout, sys.stderr = saved
    data = out.getvalue()
    return Ran(int(code or 0), data.decode("utf-8", "replace"), err.getvalue(), data)


def many_lines_case(lines: int, wide: bool) -> str:
    """Lines of therapy one after another, each ended by its progression with resistance to
    its drug; dated to the day, or (``wide``) each only after the one before."""
    out = ["id: many", "diagnosis: {date: 2000-01-01}", "agents:"]
    out += [f"  - {{name: drug {i}, class: chemotherapy}}" for i in range(lines)]
    out.append("events:")
    for i in range(lines):
        day = datetime.date(2000, 1, 1) + datetime.timedelta(days=30 * i)
        start = f"{{after: pd{i - 1}}}" if wide and i else str(day)
        then = f"l{i + 1}.start" if i + 1 < lines else "fu"
        out += [
            f"  - {{id: l{i}, type: regimen, intent: advanced, start: {start}, end: pd{i},"
            f" end_reason: progression, agents: [drug {i}]}}",
            f"  - {{id: pr{i}, type: response, date: {{after: l{i}.start}}, category: PR}}",
            f"  - {{id: pd{i}, type: response, date: {{after: pr{i}, before: {then}}},"
            " category: PD}",
            f"  - {{id: r{i}, type: resistance, date: pd{i}, agent: drug {i}, basis: pd{i}}}",
        ]
    out.append("  - {id: fu, type: follow-up, date: 2004-01, status: alive-with-disease}")
    return "\n".join(out) + "\n"


#: the opening of a small case (a diagnosis and one docetaxel regimen) that tests go on from
DOCETAXEL_2012 = """diagnosis: {date: 2012-04}
events:
  - {id: chemo, type: regimen, intent: advanced, agents: [docetaxel], start: 2012-05,
     end: 2012-09, end_reason: completed}
"""


#: a case without calendar dates counted from a response the file dates by its own reading
ANCHOR_INFERRED = """\
format: 1
id: anchor-inferred
diagnosis: {date: {before: r.start}}
events:
  - {id: r, type: regimen, intent: advanced, start: {after: diagnosis}, end: pd, end_reason: progression, agents: [pembrolizumab]}
  - {id: rt, type: radiotherapy, start: r.start, site: neck}
  - id: resp
    type: response
    date: {after: {from: r.start, offset: 8 weeks}, inferred: "after 9 cycles of unstated length"}
    category: unknown
    authors_term: almost in complete remission
  - {id: pd, type: progression, date: {from: resp, offset: 3 months}}
  - {id: fu, type: follow-up, date: {from: pd, offset: 1 month}, status: alive-with-disease}
"""


#: a consolidation giving methotrexate intravenously and intrathecally at once (L001, and the
#: bars' names)
TWO_ROUTES = """
id: routes
diagnosis: {date: 2019-02, site: bone marrow}
events:
  - {id: cons, type: regimen, intent: consolidation, start: 2019-05-01, end: 2019-07-01,
     end_reason: completed, exposures: [{agent: methotrexate},
     {agent: methotrexate, route: intrathecal}, {agent: cytarabine}]}
  - {id: fu, type: follow-up, date: 2019-12-01, status: alive}
"""


#: a line, an ablation, a progression and the next line, all known only by order after a
#: recurrence dated from an operation (test_drawings, test_lines)
ABLATION_BETWEEN_LINES = """
format: 1
id: seam
diagnosis: {date: {before: l1.start}}
events:
  - {id: op, type: surgery, procedure: hepatectomy, date: {after: diagnosis}, curative: true}
  - {id: rec, type: recurrence, date: {from: op, offset: 7 months}, sites: [liver]}
  - {id: l1, type: regimen, intent: advanced, start: {after: rec},
     end: {from: l1.start, offset: 6 cycles, before: rfa}, end_reason: completed, cycles: 6,
     agents: [fluorouracil, leucovorin, irinotecan]}
  - {id: rfa, type: surgery, procedure: radiofrequency ablation, date: {after: l1.end}}
  - {id: pd, type: progression, date: {after: rfa}, sites: [lung]}
  - {id: l2, type: regimen, intent: advanced, start: {after: pd}, end_reason: unknown,
     agents: [fluorouracil, leucovorin, oxaliplatin]}
  - {id: fu, type: follow-up, status: alive,
     date: {after: {from: diagnosis, offset: 5 years}, before: 2015-12-31}}
acknowledge:
  - {code: C008, reason: known only by order}
"""


#: bendamustine-rituximab, a progression, then ibrutinib held for arthralgia and resumed, a
#: complication during the break (the decks' holds and "Treatment so far")
IBRUTINIB_HOLD = """\
format: 1
id: hold
diagnosis: {date: 2020-01-05}
events:
  - {id: br, type: regimen, intent: advanced, start: 2020-02-01, end: 2020-08-01,
     end_reason: completed, agents: [bendamustine, rituximab]}
  - {id: pd, type: progression, date: 2021-06-01}
  - id: ibr
    type: regimen
    intent: advanced
    start: 2021-07-01
    end_reason: unknown
    exposures:
      - agent: ibrutinib
        dose_changes:
          - {date: 2021-10-01, change: held, reason: arthralgia}
          - {date: 2021-12-15, change: resumed}
  - {id: neuro, type: complication, date: 2021-11-01, term: neurological symptoms}
"""
