"""Dates as precise as the source: day, month or year; approximate; bounded; relative.

A case report rarely gives a day. ``2011-05`` means "some day in May 2011"; ``2007`` means
"some day in 2007"; ``{after: surgery, before: cr-2008}`` means "unknown, but between those
two events"; ``{from: diagnosis, offset: 23 months}`` is the report's own "23 months after
diagnosis". Every form resolves (in :mod:`timeline.chronology`) to an earliest and a latest
calendar day, computed with pendulum so that month arithmetic follows the calendar.

Choices made here (documented in docs/case-format.md):

* ``approx: true`` widens a date by one unit of its precision on each side (±7 days for a day,
  ±1 month for a month, ±1 year for a year).
* In ``after: X`` a span event stands for its end; in ``before: X`` and ``from: X`` for its
  start; a plain reference ``X`` for its start (or its date). ``X.start`` and ``X.end`` say
  it explicitly.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Literal as L

import attrs
import pendulum
import yaml
from attrs import field, frozen

from timeline.problems import Location
from timeline.reading import Reader

__all__ = [
    "Anchor",
    "CalendarDate",
    "DateSpec",
    "Duration",
    "Part",
    "Precision",
    "parse_date",
    "parse_duration",
]

Precision = L["day", "month", "year"]
Part = L["start", "end"]

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_REF = re.compile(r"([A-Za-z][\w-]*)(?:\.(start|end))?")
_DURATION = re.compile(
    r"(-)?\s*(\d+)\s*(?:cycles?\s+of\s+(\d+)\s*)?(days?|weeks?|months?|years?)", re.IGNORECASE
)
_DATE_KEYS = frozenset({"at", "after", "before", "from", "offset", "approx", "inferred", "note"})


@frozen
class CalendarDate:
    """A date written in the file, to the precision the source gives."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        return "day" if self.day else "month" if self.month else "year"

    def bounds(self, approx: bool = False) -> tuple[pendulum.Date, pendulum.Date]:
        if self.day is not None and self.month is not None:
            lo = hi = pendulum.date(self.year, self.month, self.day)
            return (lo.subtract(days=7), hi.add(days=7)) if approx else (lo, hi)
        if self.month is not None:
            lo = pendulum.date(self.year, self.month, 1)
            if approx:
                lo = lo.subtract(months=1)
            hi = pendulum.date(self.year, self.month, 1).add(months=2 if approx else 1)
            return lo, hi.subtract(days=1)
        span = 1 if approx else 0
        return pendulum.date(self.year - span, 1, 1), pendulum.date(self.year + span, 12, 31)

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@frozen
class Anchor:
    """A reference to another event's date: ``id``, ``id.start`` or ``id.end``."""

    event: str
    part: Part | None = None
    location: Location | None = field(default=None, eq=False, repr=False)

    def __str__(self) -> str:
        return self.event + (f".{self.part}" if self.part else "")


@frozen
class Duration:
    amount: int
    unit: L["days", "weeks", "months", "years"]
    text: str

    def shift(self, date: pendulum.Date) -> pendulum.Date:
        return date.add(**{self.unit: self.amount})

    def days_range(self) -> tuple[int, int]:
        """The fewest and most days this duration can span wherever it starts.

        Calendar months and years vary in length: n months from any day lie within three days
        of n × 30.436875 (the Gregorian mean), n years within two days of n × 365.2425.
        """
        n = self.amount
        if self.unit == "days":
            return n, n
        if self.unit == "weeks":
            return 7 * n, 7 * n
        mean, slack = (30.436875, 3) if self.unit == "months" else (365.2425, 2)
        return math.floor(n * mean) - slack, math.ceil(n * mean) + slack


Point = CalendarDate | Anchor


@frozen
class DateSpec:
    """One date as the case file gives it. ``kind`` says which form was used."""

    kind: L["on", "between", "offset", "unknown"]
    on: Point | None = None
    after: Point | None = None
    before: Point | None = None
    origin: Point | None = None
    offset: Duration | None = None
    approx: bool = False
    inferred: str | None = None
    note: str | None = None
    location: Location | None = field(default=None, eq=False, repr=False)

    def anchors(self) -> list[Anchor]:
        return [p for p in (self.on, self.after, self.before, self.origin) if isinstance(p, Anchor)]


def parse_point(reader: Reader, node: yaml.Node, what: str) -> Point | None:
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
        reader.error(
            "S005", node, f"{what} should be a date (2011-05-14, 2011-05, 2011) or an event id"
        )
        return None
    raw = str(node.value).strip()
    if raw[:1].isdigit():
        m = _DATE.fullmatch(raw)
        if not m:
            reader.error(
                "S005", node, f"{what} '{raw}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"
            )
            return None
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        try:
            datetime.date(year, month or 1, day or 1)  # is it a real day? (the C check is cheap)
        except ValueError as exc:
            reader.error("S005", node, f"{what} '{raw}' does not exist ({exc}); check the source")
            return None
        if not 1800 <= year <= 2200:
            reader.error("S005", node, f"{what} '{raw}' has an implausible year; check the source")
            return None
        return CalendarDate(year, month, day)
    m = _REF.fullmatch(raw)
    if not m:
        reader.error(
            "S005",
            node,
            f"{what} '{raw}' is neither a date (YYYY-MM-DD, YYYY-MM, YYYY) nor an event id"
            " (such as 'surgery' or 'cef.end')",
        )
        return None
    part = m.group(2)
    return Anchor(m.group(1), part if part in ("start", "end") else None, reader.at(node))  # type: ignore[arg-type]


def parse_duration(reader: Reader, node: yaml.Node, what: str) -> Duration | None:
    raw = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
    m = _DURATION.fullmatch(raw)
    if not m:
        reader.error(
            "S008",
            node,
            f"{what} '{raw}' is not a duration; write e.g. '23 months', '-7 months', '3 weeks'"
            " or '6 cycles of 4 weeks'",
        )
        return None
    sign, count, length, unit = m.groups()
    amount = int(count) * (int(length) if length else 1) * (-1 if sign else 1)
    name = unit.lower().rstrip("s") + "s"
    return Duration(amount, name, raw)  # type: ignore[arg-type]


def parse_date(reader: Reader, node: yaml.Node, what: str) -> DateSpec | None:
    where = reader.at(node)
    if isinstance(node, yaml.ScalarNode):
        if str(node.value).strip().lower() == "unknown":
            return DateSpec("unknown", location=where)
        point = parse_point(reader, node, what)
        return None if point is None else DateSpec("on", on=point, location=where)
    fields = reader.fields(node, what, _DATE_KEYS)
    if fields is None:
        return None
    given = {k: fields.get(k) for k in ("at", "after", "before", "from", "offset")}
    points: dict[str, Point | None] = {}
    for key in ("at", "after", "before", "from"):
        sub = given[key]
        points[key] = None if sub is None else parse_point(reader, sub, f"'{key}' of {what}")
    flags = attrs.evolve(
        DateSpec("unknown"),
        approx=bool(fields.boolean("approx")),
        inferred=fields.text("inferred"),
        note=fields.text("note"),
        location=where,
    )
    has = {k for k, v in given.items() if v is not None}
    if has == {"at"}:
        return None if points["at"] is None else attrs.evolve(flags, kind="on", on=points["at"])
    if has and has <= {"after", "before"}:
        if (given["after"] and not points["after"]) or (given["before"] and not points["before"]):
            return None
        return attrs.evolve(flags, kind="between", after=points["after"], before=points["before"])
    if has == {"from", "offset"}:
        assert given["offset"] is not None
        offset = parse_duration(reader, given["offset"], f"'offset' of {what}")
        if offset is None or points["from"] is None:
            return None
        return attrs.evolve(flags, kind="offset", origin=points["from"], offset=offset)
    if not has and fields.values:
        return flags
    reader.error(
        "S005",
        node,
        f"{what} combines {', '.join(sorted(has)) or 'no date keys'}; use one form:"
        " {at: DATE}, {after: X, before: Y} (either or both), or {from: X, offset: '23 months'}",
    )
    return None
