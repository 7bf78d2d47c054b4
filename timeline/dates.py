"""Dates as precise as the source: day, month or year; approximate; bounded; relative.

A case report rarely gives a day. ``2011-05`` means "some day in May 2011"; ``2007`` means
"some day in 2007"; ``{after: surgery, before: cr-2008}`` means "unknown, but between those
two events"; ``{from: diagnosis, offset: 23 months}`` is the report's own "23 months after
diagnosis". Every form resolves (in :mod:`timeline.chronology`) to an earliest and a latest
calendar day, computed with pendulum so that month arithmetic follows the calendar.

Choices made here (documented in docs/case-format.md):

* ``approx: true`` widens a date by one unit of its precision on each side (±7 days for a day,
  ±1 month for a month, ±1 year for a year); on a relative date, or an offset written
  ``about 3 years``, it allows ±20 % of the offset (at least ±3 days).
* ``within: 3 months`` with ``after: X`` says "no later than 3 months after X" (the source's
  "soon after"); with ``before: X`` alone, "no earlier than 3 months before X".
* ``after`` and ``before`` may be an event plus an offset (``{from: X, offset: 2 years}``:
  "more than two years after X"), and may be combined with a calendar date (``at: 2014``).
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
    "DATE_KEYS",
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
    r"(about\s+|~\s*)?(-)?\s*(\d+(?:\.\d+)?)\s*(?:cycles?\s+of\s+(\d+(?:\.\d+)?)\s*)?"
    r"(days?|weeks?|months?|years?)",
    re.IGNORECASE,
)
#: the keys a date written as a mapping may have
DATE_KEYS = _DATE_KEYS = frozenset(
    {"at", "after", "before", "from", "offset", "within", "approx", "inferred", "note"}
)
_BOUND_KEYS = frozenset({"from", "offset"})
#: mean lengths in days of the calendar units (Gregorian: 146,097 days in 400 years)
DAYS_PER_YEAR = 365.2425
DAYS_PER_MONTH = DAYS_PER_YEAR / 12  # 30.436875
#: the share of an approximate offset allowed on either side ("about 3 years": 2.4–3.6 years)
APPROX_SHARE = 0.2
_UNIT_DAYS = {"days": 1.0, "weeks": 7.0, "months": DAYS_PER_MONTH, "years": DAYS_PER_YEAR}


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
    """A length of time as the source writes it: ``23 months``, ``1.5 months``, ``about 3 years``,
    ``6 cycles of 4 weeks``."""

    amount: float
    unit: L["days", "weeks", "months", "years"]
    text: str
    approx: bool = False

    def shift(self, date: pendulum.Date) -> pendulum.Date:
        """``date`` moved by this duration with calendar arithmetic (fractions of a month or a
        year are added as days of the mean month or year)."""
        whole = int(self.amount)
        rest = self.amount - whole
        moved = date.add(**{self.unit: whole})
        if rest:
            moved = moved.add(days=round(rest * _UNIT_DAYS[self.unit]))
        return moved

    def days_range(self) -> tuple[int, int]:
        """The fewest and most days this duration can span wherever it starts.

        Calendar months and years vary in length: n months from any day lie within three days
        of n × 30.436875 (the Gregorian mean), n years within two days of n × 365.2425. An
        approximate duration allows ±20 % (at least ±3 days) on top.
        """
        n = self.amount
        mean = n * _UNIT_DAYS[self.unit]
        slack = 3 if self.unit == "months" else 2 if self.unit == "years" else 0
        lo, hi = math.floor(mean) - slack, math.ceil(mean) + slack
        if self.approx:
            spread = max(3, math.ceil(abs(mean) * APPROX_SHARE))
            lo, hi = lo - spread, hi + spread
        return lo, hi

    def typical_days(self) -> int:
        """The length in days of the mean calendar (the middle of :meth:`days_range`)."""
        return round(self.amount * _UNIT_DAYS[self.unit])


Point = CalendarDate | Anchor


@frozen
class DateSpec:
    """One date as the case file gives it. ``kind`` says which form was used.

    ``between`` may also carry ``on`` (a calendar date the point lies in), offsets on its
    bounds (``after_offset``: the point is at least that long after ``after``;
    ``before_offset``: at most that long after ``before``, usually negative) and ``within``
    (at most that long after ``after``, or before ``before`` when there is no ``after``).
    """

    kind: L["on", "between", "offset", "unknown"]
    on: Point | None = None
    after: Point | None = None
    before: Point | None = None
    origin: Point | None = None
    offset: Duration | None = None
    approx: bool = False
    inferred: str | None = None
    note: str | None = None
    within: Duration | None = None
    after_offset: Duration | None = None
    before_offset: Duration | None = None
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
            # is it a real day? (month or day 00 is not; the C check is cheap)
            datetime.date(year, 1 if month is None else month, 1 if day is None else day)
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
            f"{what} '{raw}' is not a duration; write e.g. '23 months', '1.5 months', '-7 months',"
            " 'about 3 years', '3 weeks' or '6 cycles of 4 weeks'",
        )
        return None
    about, sign, count, length, unit = m.groups()
    amount = float(count) * (float(length) if length else 1.0) * (-1 if sign else 1)
    if amount.is_integer():
        amount = int(amount)
    name = unit.lower().rstrip("s") + "s"
    limit = {"days": 150_000, "weeks": 21_000, "months": 5_000, "years": 400}[name]
    if abs(amount) > limit:
        reader.error(
            "S008",
            node,
            f"{what} '{raw}' is longer than any case can span ({limit:,} {name} at most);"
            " check the source",
        )
        return None
    return Duration(amount, name, raw, approx=bool(about))  # type: ignore[arg-type]


def _parse_bound(
    reader: Reader, node: yaml.Node, what: str
) -> tuple[Point | None, Duration | None, bool]:
    """A bound of a ``between`` date: a date, an event, or ``{from: X, offset: D}``.
    Returns (point, offset, ok)."""
    if not isinstance(node, yaml.MappingNode):
        point = parse_point(reader, node, what)
        return point, None, point is not None
    fields = reader.fields(node, what, _BOUND_KEYS)
    if fields is None:
        return None, None, False
    origin, offset = fields.get("from"), fields.get("offset")
    if origin is None or offset is None:
        reader.error(
            "S005",
            node,
            f"{what} as a mapping needs both 'from' and 'offset':"
            ' {from: tamoxifen.start, offset: 2 years} ("more than two years after")',
        )
        return None, None, False
    point = parse_point(reader, origin, f"'from' of {what}")
    duration = parse_duration(reader, offset, f"'offset' of {what}")
    return point, duration, point is not None and duration is not None


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
    given = {k: fields.get(k) for k in ("at", "after", "before", "from", "offset", "within")}
    has = {k for k, v in given.items() if v is not None}
    approx = bool(fields.boolean("approx"))
    common = {
        "approx": approx,
        "inferred": fields.text("inferred"),
        "note": fields.text("note"),
        "location": where,
    }
    if has == {"at"}:
        at = parse_point(reader, given["at"], f"'at' of {what}")  # type: ignore[arg-type]
        return None if at is None else DateSpec("on", on=at, **common)  # type: ignore[arg-type]
    if has and has <= {"at", "after", "before", "within"} and has & {"after", "before"}:
        ok = True
        at = None
        if given["at"] is not None:
            at = parse_point(reader, given["at"], f"'at' of {what}")
            if at is not None and not isinstance(at, CalendarDate):
                reader.error(
                    "S005",
                    given["at"],
                    f"'at' of {what} combined with 'after' or 'before' must be a calendar date"
                    " (2014, 2014-05): it says in which month or year the point lies",
                )
                at = None
            ok = at is not None
        bounds: dict[str, tuple[Point | None, Duration | None]] = {}
        for key in ("after", "before"):
            sub = given[key]
            if sub is not None:
                point, shift, fine = _parse_bound(reader, sub, f"'{key}' of {what}")
                ok = ok and fine
                bounds[key] = (point, shift)
        within = None
        if given["within"] is not None:
            within = parse_duration(reader, given["within"], f"'within' of {what}")
            if within is not None and within.amount <= 0:
                reader.error(
                    "S008", given["within"], f"'within' of {what} must be a positive duration"
                )
                within = None
            ok = ok and within is not None
        if not ok:
            return None
        after, after_offset = bounds.get("after", (None, None))
        before, before_offset = bounds.get("before", (None, None))
        return DateSpec(
            "between",
            on=at,
            after=after,
            before=before,
            after_offset=after_offset,
            before_offset=before_offset,
            within=within,
            **common,  # type: ignore[arg-type]
        )
    if has == {"from", "offset"}:
        assert given["offset"] is not None and given["from"] is not None
        offset = parse_duration(reader, given["offset"], f"'offset' of {what}")
        origin = parse_point(reader, given["from"], f"'from' of {what}")
        if offset is None or origin is None:
            return None
        if approx and not offset.approx:
            offset = attrs.evolve(offset, approx=True)
        return DateSpec("offset", origin=origin, offset=offset, **common)  # type: ignore[arg-type]
    if not has and fields.values:
        return DateSpec("unknown", **common)  # type: ignore[arg-type]
    if has == {"within"}:
        hint = "'within' needs 'after' (or 'before'): {after: mastectomy, within: 3 months}"
    else:
        hint = (
            "use one form: {at: DATE}, {after: X, before: Y} (either or both; with 'within' for"
            " \"soon after\", or 'at: 2014' for the year it lies in), or"
            " {from: X, offset: '23 months'}"
        )
    reader.error(
        "S005", node, f"{what} combines {', '.join(sorted(has)) or 'no date keys'}; {hint}"
    )
    return None
