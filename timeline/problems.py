"""Problems found in a case file: where, which rule, how bad, and what to do.

Every problem is printed as ``path:line:col: CODE severity: message``. Codes are stable: a
code, once published, keeps its meaning, so users can look it up (``timeline codes``) and
silence it (``--ignore CODE``).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from attrs import field, frozen

from timeline.values import value_repr

__all__ = [
    "CODES",
    "Code",
    "Location",
    "Problem",
    "Problems",
    "Severity",
    "inert",
    "suggest",
]


class Severity(StrEnum):
    """How bad a problem is: an error makes the check fail, a warning asks for a second look."""

    ERROR = "error"
    WARNING = "warning"


@frozen(repr=False)
class Code:
    """A problem code with its fixed severity and its meaning."""

    __repr__ = value_repr

    code: str
    severity: Severity
    title: str


def _codes(*rows: tuple[str, Severity, str]) -> dict[str, Code]:
    return {c: Code(c, s, t) for c, s, t in rows}


E, W = Severity.ERROR, Severity.WARNING

#: Every code the validator can emit. Y: the file and its YAML; S: the case format;
#: A: agents; C: chronology; T: disease-state transitions; R: responses; X: resistance;
#: L: regimens and lines of therapy.
CODES: dict[str, Code] = _codes(
    ("Y001", E, "the file is not well-formed YAML or JSON"),
    ("Y002", E, "a key appears twice in one mapping"),
    ("Y003", E, "anchors, aliases and merge keys are not allowed in case files"),
    ("Y004", E, "a YAML tag other than the plain types (str, int, float, bool, null)"),
    ("Y005", E, "the file is larger than a case file can be"),
    ("Y006", E, "the file is not UTF-8 text"),
    ("Y007", E, "the file is empty"),
    ("Y008", E, "the file is nested more deeply than a case file can be"),
    ("Y009", E, "the file cannot be read"),
    ("K001", E, "two files of a library have the same id"),
    ("K002", W, "a file's id differs from its file name"),
    ("K003", E, "a file that is not a case (nor a trial) where cases are read"),
    ("S001", E, "unknown key"),
    ("S002", E, "a required key is missing"),
    ("S003", E, "a value has the wrong type"),
    ("S004", E, "a value is not one of the allowed choices"),
    ("S005", E, "a date cannot be read or does not exist"),
    ("S006", E, "two events share one id"),
    ("S007", E, "a reference names no event"),
    ("S008", E, "a dose, quantity or duration cannot be read"),
    ("S009", E, "the case has more than one of an event that can happen once"),
    ("S010", E, "the case format version is not supported"),
    ("S011", W, "an acknowledgement that matches no warning"),
    ("S012", W, "a teaching question on an event a deck never tells as a step"),
    ("A001", E, "unknown agent"),
    ("A002", E, "a regimen name was used where one agent is expected"),
    ("A003", W, "a case-declared agent shadows one in the catalogue"),
    ("A004", E, "a regimen has no agents"),
    ("A005", E, "an agent is listed twice in one regimen"),
    ("C001", E, "an end comes before its start"),
    ("C002", E, "an event after death"),
    ("C003", E, "dates that cannot all hold at once"),
    ("C004", E, "dates defined in a circle"),
    ("C005", E, "an event after the last follow-up"),
    ("C006", W, "an event before the diagnosis"),
    ("C007", W, "a date after (or from the end of) a span whose end is not given"),
    ("C008", W, "a date known only within a wide window"),
    ("C009", E, "a progression, recurrence or response before the diagnosis"),
    ("C010", E, "a last follow-up or death dated in the future"),
    ("C011", E, "a date after the source was published"),
    ("C012", W, "a pregnancy whose weeks do not fit its dates"),
    ("C013", W, "an agent whose dates leave it no time within its regimen"),
    ("C014", W, "a date written after, before or from its own day"),
    ("C015", W, "a date written after or before another that the case puts on its very day"),
    ("T001", E, "a disease-state change that the state machine does not allow"),
    ("T002", W, "a response after progression with no new therapy started since"),
    ("T003", W, "an event kind that does not fit the state it leaves"),
    ("T004", W, "a last follow-up whose status the recorded states do not lead to"),
    ("R001", E, "a response assessed while no therapy was active"),
    ("R002", E, "a grade-5 toxicity without a death"),
    ("R005", W, "an on-treatment response long after a regimen whose end is not reported"),
    ("R006", W, "a toxicity that stopped a regimen may come after its end"),
    ("R007", W, "a toxicity dated before the therapy it is attributed to was first given"),
    ("R008", W, "a response marked as follow-up while a regimen is still given"),
    (
        "R009",
        W,
        "a response the case puts after a line's start but in no order with the next line's",
    ),
    (
        "R004",
        E,
        "a toxicity attributed to an agent, regimen, radiotherapy or transplant the case does not give",
    ),
    ("X001", E, "resistance declared without progression on that agent or class"),
    ("X002", W, "an agent given again after resistance to it was declared"),
    ("X003", W, "a drug resumed with no hold before it, or held again with no resumption"),
    ("L001", E, "two exposures to one agent overlap"),
    ("L002", W, "a regimen ended without progression and without an end reason"),
    ("L003", W, "a regimen ended for progression but no progression is recorded"),
    ("L004", E, "a regimen is ongoing but the case has no last follow-up"),
    ("L005", W, "bone-targeted agents alone given as a line of therapy (supportive care)"),
    ("L006", W, "neoadjuvant therapy with no operation after it"),
    ("L007", W, "an advanced regimen started while the disease is NED after curative surgery"),
    ("L008", W, "two lines of therapy numbered in an order the case does not give"),
    ("L009", W, "a maintenance or consolidation regimen started after a progression on its line"),
    (
        "L010",
        W,
        "a regimen ended for progression the case does not start before it, or end after it",
    ),
    ("L011", W, "an adjuvant regimen the case does not start before a recurrence or after it"),
    ("L012", W, "an adjuvant regimen the case keeps going after a recurrence"),
    ("L013", W, "a regimen ended for surgery at or before no operation after its start"),
    ("L014", W, "a course or operation part of a line the case puts before that line's regimen"),
    (
        "L015",
        W,
        "a regimen ended for the patient's death, which the case does not put at or after its end",
    ),
    ("L016", W, "a bridging regimen that no numbered line of therapy begins after"),
    ("Z999", E, "an internal error of the validator (please report it with the file)"),
)


@frozen(order=True, repr=False)
class Location:
    """A place in a source file; line and column count from 1."""

    __repr__ = value_repr

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def inert(text: str) -> str:
    """``text`` made safe for a terminal, one line: control and format characters (escape
    sequences, newlines, bidirectional overrides) written as ``\\xNN`` / ``\\uNNNN``."""
    import unicodedata

    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        elif unicodedata.category(ch) in ("Zs",):
            out.append(" ")
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return "".join(out)


@frozen(order=True, repr=False)
class Problem:
    """One problem: where, which code, how bad, and the message (what is wrong and what to do)."""

    __repr__ = value_repr

    location: Location
    code: str
    severity: Severity = field(order=False)
    message: str = field(order=False)

    def format(self) -> str:
        """``path:line:col: CODE severity: message`` on one line, safe to print: control
        characters of the file (an escape sequence, a newline) are shown escaped."""
        return inert(f"{self.location}: {self.code} {self.severity.value}: {self.message}")

    def as_dict(self) -> dict[str, object]:
        """The problem as plain data (the JSON and SARIF outputs)."""
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }


class Problems:
    """Collects every problem of one file; nothing stops at the first."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, code: str, location: Location, message: str) -> None:
        """Report a problem with ``code`` (its severity comes from the code table)."""
        self.items.append(Problem(location, code, CODES[code].severity, message))

    def extend(self, problems: Iterable[Problem]) -> None:
        """Add problems found elsewhere."""
        self.items.extend(problems)

    @property
    def has_errors(self) -> bool:
        """Whether any problem is an error."""
        return any(p.severity is Severity.ERROR for p in self.items)

    def sorted(self) -> list[Problem]:
        """Every problem once, in file order (plain keys: attrs' hashing and ordering are slow
        at scale)."""
        unique: dict[tuple[object, ...], Problem] = {}
        for p in self.items:  # the first of equal problems, as dict.fromkeys keeps it
            where = p.location
            unique.setdefault(
                (where.path, where.line, where.column, p.code, p.severity, p.message), p
            )
        return sorted(
            unique.values(),
            key=lambda p: (p.location.path, p.location.line, p.location.column, p.code, p.message),
        )


def suggest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """``"; did you mean 'x'?"`` for the nearest choice (at least ``cutoff`` alike, as
    difflib measures), or an empty string."""
    import difflib  # only a problem needs it

    pool = list(choices)
    low = {c.lower(): c for c in pool}
    close = difflib.get_close_matches(word.lower(), list(low), n=1, cutoff=cutoff)
    return f"; did you mean '{low[close[0]]}'?" if close else ""
