"""Reading dates from the YAML of a case: the syntax of docs/case-format.md ("Dates") turned
into the value types of :mod:`timeline.dates`, every mistake reported as an S005 or S008
problem at its line.

The value types know nothing of YAML; this module is the bridge, used by the parser.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import yaml

from timeline.dates import DATE_KEYS, Anchor, CalendarDate, DateSpec, Duration, Point
from timeline.reading import Reader, describe

__all__ = ["parse_date", "parse_duration", "parse_point"]

#: the keys of a bound written as a mapping (``{from: X, offset: D}``)
_BOUND_KEYS = frozenset({"from", "offset"})
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_REF = re.compile(r"([A-Za-z][\w-]*)(?:\.(start|end))?")
_DURATION = re.compile(
    r"(about\s+|~\s*)?(-)?\s*(\d+(?:\.\d+)?)\s*(?:cycles?\s+of\s+(\d+(?:\.\d+)?)\s*)?"
    r"(days?|weeks?|months?|years?)",
    re.IGNORECASE,
)

#: the calendar dates read so far, by their text (a date is a value: one object serves every
#: place that writes the same text); bounded, for runs over thousands of files
_CALENDAR: dict[str, CalendarDate] = {}
_CALENDAR_MAX = 50_000
#: the keys that give a date's form, and the forms they make
_FORMS = frozenset({"at", "after", "before", "from", "offset", "within"})
_AT, _OFFSET, _WITHIN = frozenset({"at"}), frozenset({"from", "offset"}), frozenset({"within"})
_BETWEEN = frozenset({"at", "after", "before", "within"})
_BOUNDS = frozenset({"after", "before"})
#: the event references read so far, by their text: (event id, part)
_REFS: dict[str, tuple[str, str | None]] = {}
#: the durations read so far, by their text (values too), bounded the same way
_DURATIONS: dict[str, Duration] = {}
_SCALAR = yaml.ScalarNode
_NULL = "tag:yaml.org,2002:null"


def parse_point(reader: Reader, node: yaml.Node, what: str) -> Point | None:
    """A point written in a date: a calendar date (2011-05-14, 2011-05, 2011) or an event
    reference (``surgery``, ``cef.end``); None, with an S005 problem, when it is neither."""
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
        reader.error(
            "S005", node, f"{what} should be a date (2011-05-14, 2011-05, 2011) or an event id"
        )
        return None
    raw = str(node.value).strip()
    known = _CALENDAR.get(raw)
    if known is not None:
        return known
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
        if len(_CALENDAR) >= _CALENDAR_MAX:
            _CALENDAR.clear()
        date = _CALENDAR[raw] = CalendarDate(year, month, day)
        return date
    ref = _REFS.get(raw)
    if ref is None:
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
        if len(_REFS) >= _CALENDAR_MAX:
            _REFS.clear()
        ref = _REFS[raw] = (m.group(1), part if part in ("start", "end") else None)
    return Anchor(ref[0], ref[1], reader.at(node))  # type: ignore[arg-type]


_MISSPELT_UNIT = re.compile(r"(?P<head>(?:about\s+)?-?[\d.]+\s*)(?P<unit>[A-Za-z]+)(?P<tail>.*)")
_UNIT_WORDS = (
    "days",
    "weeks",
    "months",
    "years",
    "cycles",
    "day",
    "week",
    "month",
    "year",
    "cycle",
)


def _unit_meant(raw: str) -> str:
    """ " (did you mean '12 cycles'?)" for a duration whose unit is misspelt ("12 cylces"), or
    ""."""
    found = _MISSPELT_UNIT.fullmatch(raw)
    if found is None or found["unit"].lower() in _UNIT_WORDS:
        return ""
    import difflib  # only a problem needs it

    close = difflib.get_close_matches(found["unit"].lower(), _UNIT_WORDS, n=1, cutoff=0.6)
    return f" (did you mean '{found['head']}{close[0]}{found['tail']}'?)" if close else ""


def parse_duration(reader: Reader, node: yaml.Node, what: str) -> Duration | None:
    """A duration ("23 months", "about 3 years", "6 cycles of 4 weeks"); None, with an S008
    problem, when its text is not one (S003 when it is no text at all)."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
        # a mapping ({length: 2 weeks, inferred: ...}) or a list: said as such, not as ''
        reader.error(
            "S003",
            node,
            f"{what} should be a duration such as '3 weeks' or '6 cycles of 4 weeks', got"
            f" {describe(node)}",
        )
        return None
    raw = str(node.value).strip()
    known = _DURATIONS.get(raw)
    if known is not None:
        return known
    m = _DURATION.fullmatch(raw)
    if not m:
        unstated = _UNSTATED_CYCLES.fullmatch(raw)
        if unstated is not None:
            # cycles of unstated length are a date's own offset only, never a bound's: say
            # where they go ("'6 cycles' is not a duration" left the form to be found)
            n = unstated.group(1)
            reader.error(
                "S008",
                node,
                f"{what} '{raw}' gives no length for the cycles, so it is no duration here;"
                f" write the cycle's length ('{n} cycles of 3 weeks'), or, when the source"
                f" gives none, the date itself as {{from: X, offset: {n} cycles}} (with"
                " 'before:' to bound it): at least the time the cycles take after X",
            )
            return None
        reader.error(
            "S008",
            node,
            f"{what} '{raw}' is not a duration{_unit_meant(raw)}; write e.g. '23 months',"
            " '1.5 months', '-7 months', 'about 3 years', '3 weeks', '6 cycles of 4 weeks', or"
            " for a date's own offset '6 cycles'",
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
    if len(_DURATIONS) >= _CALENDAR_MAX:
        _DURATIONS.clear()
    duration = _DURATIONS[raw] = Duration(amount, name, raw, approx=bool(about))  # type: ignore[arg-type]
    return duration


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
    if isinstance(point, Anchor) and point.part is None:
        # (`from:` counts from a start, in a bound too: "after: {from: maculopathy, offset: 5
        # years}" counted from the end of a toxicity given one, as a plain `after:` does)
        point = Anchor(point.event, "start", point.location)
    duration = parse_duration(reader, offset, f"'offset' of {what}")
    return point, duration, point is not None and duration is not None


def _calendar_at(reader: Reader, node: yaml.Node, what: str, combined: str) -> CalendarDate | None:
    """The ``at`` of a date written with other keys: a calendar month or year (S005, None, for
    anything else)."""
    at = parse_point(reader, node, f"'at' of {what}")
    if at is not None and not isinstance(at, CalendarDate):
        reader.error(
            "S005",
            node,
            f"'at' of {what} combined with {combined} must be a calendar date (2014, 2014-05):"
            " it says in which month or year the point lies",
        )
        return None
    return at


#: "after 3 cycles" of a length the source does not give
_UNSTATED_CYCLES = re.compile(r"(\d+)\s*cycles?", re.IGNORECASE)


def _unstated_cycles(node: yaml.Node) -> int | None:
    """The number of cycles of an offset written ``N cycles`` with no length ("CT after 3
    courses"); None for any other offset."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
        return None
    m = _UNSTATED_CYCLES.fullmatch(str(node.value).strip())
    return int(m.group(1)) if m else None


def _after_cycles(
    reader: Reader,
    given: dict[str, yaml.Node],
    has: set[str] | frozenset[str],
    cycles: int,
    what: str,
    common: dict[str, Any],
) -> DateSpec | None:
    """``{from: X, offset: N cycles}``, the cycles' length not given: at least the time N
    cycles take, a week a cycle from the start of the first to the start of the last (N - 1
    weeks, as a regimen's ``cycles:`` of unstated length), and no latest day but what the case
    gives (a ``before:``). It is the date ``{after: {from: X, offset: N - 1 weeks}}``, X being a
    span's start, as in any ``from:``."""
    if "after" in has:
        reader.error(
            "S005",
            given["offset"],
            f"'offset' of {what}, '{cycles} cycles' without their length, gives only a least"
            " distance from 'from', an 'after' of its own; it takes no other 'after' (a"
            " 'before' may bound it: {from: X, offset: 3 cycles, before: Y})",
        )
        return None
    origin = parse_point(reader, given["from"], f"'from' of {what}")
    if origin is None:
        return None
    if isinstance(origin, Anchor) and origin.part is None:
        origin = Anchor(origin.event, "start", origin.location)  # (`from:` counts from a start)
    before, before_offset, ok = (None, None, True)
    if "before" in has:
        before, before_offset, ok = _parse_bound(reader, given["before"], f"'before' of {what}")
    month = None
    if "at" in has:
        month = _calendar_at(reader, given["at"], what, "'from' and 'offset'")
        ok = ok and month is not None
    if not ok:
        return None
    least = Duration(cycles - 1, "weeks", f"{cycles} cycles of unstated length")
    return DateSpec(
        "between",
        on=month,
        after=origin,
        after_offset=least,
        before=before,
        before_offset=before_offset,
        unstated_cycles=cycles,
        **common,
    )


def parse_date(reader: Reader, node: yaml.Node, what: str) -> DateSpec | None:
    """A date in any of its forms (plain, ``unknown``, ``{at}``, ``{after, before, within}``,
    ``{from, offset}``); None, with a problem, when it cannot be read."""
    where = reader.at(node)
    if isinstance(node, yaml.ScalarNode):
        if node.__class__ is _SCALAR and node.tag != _NULL:  # the usual date: one look-up
            known = _CALENDAR.get(node.value.strip())
            if known is not None:
                return DateSpec("on", on=known, location=where)
        if str(node.value).strip().lower() == "unknown":
            return DateSpec("unknown", location=where)
        point = parse_point(reader, node, what)
        return None if point is None else DateSpec("on", on=point, location=where)
    fields = reader.fields(node, what, DATE_KEYS)
    if fields is None:
        return None
    given = fields.values  # (a YAML value is never None: a key is given when it is there)
    has = given.keys() & _FORMS
    approx = bool(fields.boolean("approx"))
    common = {
        "approx": approx,
        "inferred": fields.text("inferred"),
        "note": fields.text("note"),
        "location": where,
    }
    if has == _AT:
        node_at = given["at"]
        if isinstance(node_at, yaml.ScalarNode) and str(node_at.value).strip().lower() == "unknown":
            # ({at: unknown, note: ...}: the unknown date, with what the file says of it)
            return DateSpec("unknown", **common)  # type: ignore[arg-type]
        at = parse_point(reader, node_at, f"'at' of {what}")
        return None if at is None else DateSpec("on", on=at, **common)  # type: ignore[arg-type]
    if has and has <= _BETWEEN and has & _BOUNDS:
        ok = True
        at = None
        if "at" in has:
            at = _calendar_at(reader, given["at"], what, "'after' or 'before'")
            ok = at is not None
        bounds: dict[str, tuple[Point | None, Duration | None]] = {}
        for key in ("after", "before"):
            sub = given.get(key)
            if sub is not None:
                point, shift, fine = _parse_bound(reader, sub, f"'{key}' of {what}")
                ok = ok and fine
                bounds[key] = (point, shift)
        within = None
        if "within" in has:
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
    if _OFFSET <= has <= _OFFSET | _BOUNDS | _AT and (cycles := _unstated_cycles(given["offset"])):
        return _after_cycles(reader, given, has, cycles, what, common)
    if _OFFSET <= has <= _OFFSET | _BOUNDS | _AT:
        offset = parse_duration(reader, given["offset"], f"'offset' of {what}")
        origin = parse_point(reader, given["from"], f"'from' of {what}")
        # ("1 month later, in March 2017": the distance and the month the source gives)
        month = None
        if "at" in has:
            month = _calendar_at(reader, given["at"], what, "'from' and 'offset'")
            if month is None:
                return None
        # ("about 25 months before the progression of 2021", and after that of 2018: the
        # distance and the order the source gives, both kept; an order may carry a distance of
        # its own, "more than 50 months after the response", as in {after, before})
        sides: dict[str, tuple[Point | None, Duration | None, bool]] = {
            key: _parse_bound(reader, given[key], f"'{key}' of {what}")
            for key in ("after", "before")
            if key in has
        }
        after, after_offset, _ = sides.get("after", (None, None, True))
        before, before_offset, _ = sides.get("before", (None, None, True))
        if offset is None or origin is None or not all(ok for _p, _d, ok in sides.values()):
            return None
        if approx and not offset.approx:
            offset = Duration(offset.amount, offset.unit, offset.text, approx=True)
        return DateSpec(
            "offset",
            on=month,
            origin=origin,
            offset=offset,
            after=after,
            before=before,
            after_offset=after_offset,
            before_offset=before_offset,
            **common,  # type: ignore[arg-type]
        )
    if not has and fields.values:
        return DateSpec("unknown", **common)  # type: ignore[arg-type]
    if has == _WITHIN:
        hint = "'within' needs 'after' (or 'before'): {after: mastectomy, within: 3 months}"
    else:
        hint = (
            "use one form: {at: DATE}, {after: X, before: Y} (either or both; with 'within' for"
            " \"soon after\", or 'at: 2014' for the year it lies in), or"
            " {from: X, offset: '23 months'} (with 'after' or 'before' if the source also gives"
            " the order, 'at: 2017-03' the month)"
        )
    reader.error(
        "S005", node, f"{what} combines {', '.join(sorted(has)) or 'no date keys'}; {hint}"
    )
    return None
