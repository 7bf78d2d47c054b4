"""Building a regimen event: its exposures (agents by name, with doses, or a named regimen of
the catalogue) and their dose changes."""

from __future__ import annotations

from typing import Any

from attrs import evolve

from timeline.agents import lookup
from timeline.datefields import parse_duration
from timeline.dates import Anchor, DateSpec
from timeline.model import (
    DOSE_CHANGES,
    END_REASONS,
    INTENTS,
    LATER_THERAPY,
    ROUTES,
    DoseChange,
    Event,
    Exposure,
    Regimen,
)
from timeline.parsing import ParseState
from timeline.problems import Location, suggest
from timeline.quantities import DOSE_UNITS, fixed_dose, quantity
from timeline.reading import Fields

__all__ = ["build_regimen", "read_dose_change", "read_exposure", "read_exposures", "undated_alike"]


def build_regimen(p: ParseState, f: Fields, c: dict[str, Any]) -> Event | None:
    """A regimen (a line of therapy or part of one) with its exposures."""
    start = p.date(f, "start", required=True)
    end = p.date(f, "end")
    intent = f.choice("intent", INTENTS, required=True)
    end_reason = f.choice("end_reason", END_REASONS)
    cycle_node = f.get("cycle")
    cycle = None if cycle_node is None else parse_duration(p.reader, cycle_node, "'cycle'")
    name = f.text("name")
    exposures = read_exposures(p, f, c["id"], name)
    if end is not None and end_reason == "ongoing":
        node = f.get("end")
        assert node is not None
        p.reader.error(
            "S004",
            node,
            "an ongoing regimen has no 'end'; remove 'end' or give the real end reason",
        )
    if start is None or intent is None:
        return None
    return Regimen(
        name=name,
        intent=intent,
        start_date=start,
        end_date=end,
        end_reason=end_reason,
        cycles=f.integer("cycles", 1, 1000),
        cycle_length=cycle,
        exposures=exposures,
        later_therapy=f.choice("later_therapy", LATER_THERAPY),
        trial=f.text("trial"),
        **c,
    )


def read_exposures(
    p: ParseState, f: Fields, regimen_id: str, name: str | None
) -> tuple[Exposure, ...]:
    """The exposures of a regimen: its ``agents`` by name, its ``exposures`` with doses,
    or the agents of a regimen the catalogue knows by ``name`` (A004 when none is given)."""
    out: list[Exposure] = []
    agents_node = f.get("agents")
    exposures_node = f.get("exposures")
    if agents_node is not None and exposures_node is not None:
        p.reader.error(
            "S004",
            agents_node,
            "give either 'agents' (names only) or 'exposures' (with doses), not both",
        )
    if agents_node is not None:
        for item in p.reader.sequence(agents_node, "'agents'"):
            written = p.reader.text(item, "each agent")
            agent = written and lookup(p, item, written)
            if not agent:
                p.unreadable_types.add("exposure")
            if agent and written:
                out.append(
                    Exposure(
                        key=f"{regimen_id}.{agent.name}",
                        agent=agent,
                        written=written,
                        location=p.reader.at(item),
                    )
                )
    elif exposures_node is not None:
        out.extend(
            p.items(
                f,
                "exposures",
                "an exposure",
                "exposure",
                lambda ef: read_exposure(p, ef, regimen_id),
            )
        )
    elif name is not None:
        named = p.catalogue.regimen(name)
        if named is None:
            p.reader.problems.add(
                "A004",
                f.location,
                f"regimen '{name}' lists no agents and is not a known regimen name"
                f"{suggest(name, p.catalogue.regimens)} (add 'agents' or 'exposures')",
            )
        elif named.ambiguous:
            node = f.get("name")
            p.reader.problems.add(
                "A004",
                p.reader.at(node) if node is not None else f.location,
                f"regimen name '{name}' is ambiguous: {named.ambiguous}"
                " (add 'agents' or 'exposures')",
            )
        else:
            doses = dict(named.doses)
            for agent_name in named.agents:
                agent = p.catalogue.agent(agent_name)
                assert agent is not None
                dose = fixed_dose(doses.get(agent_name))
                out.append(
                    Exposure(
                        key=f"{regimen_id}.{agent.name}",
                        agent=agent,
                        written=named.name,
                        dose=dose,
                        location=f.location,
                    )
                )
    else:
        p.reader.problems.add(
            "A004",
            f.location,
            "the regimen needs 'agents', 'exposures' or a known regimen 'name'",
        )
    return _once_each(p, out, regimen_id, names_only=agents_node is not None)


def _once_each(
    p: ParseState, out: list[Exposure], regimen_id: str, names_only: bool
) -> tuple[Exposure, ...]:
    """The exposures, each under a key of its own. Two of one agent had one key, and were drawn
    and shown as one: an agent known only by its class ("targeted therapy") may stand for two
    unnamed drugs ("BRAF and MEK inhibitors"), and an agent given twice in 'exposures' may
    differ in dose or days; the second gets a key of its own. A named agent twice in a list of
    names says nothing more the second time: A005."""
    if len({e.key for e in out}) == len(out):
        return tuple(out)
    kept: list[Exposure] = []
    count: dict[str, int] = {}
    for exp in out:
        n = count[exp.key] = count.get(exp.key, 0) + 1
        if n == 1:
            kept.append(exp)
        elif exp.agent.unspecified or not names_only:
            kept.append(evolve(exp, key=f"{exp.key} ({n})"))
        else:
            p.reader.problems.add(
                "A005",
                exp.location or Location(p.reader.path),
                f"'{exp.written}' is listed twice in regimen '{regimen_id}'; give each agent"
                " once (a new dose or schedule is a 'dose_changes' entry, a new course a"
                " regimen of its own)",
            )
    return tuple(kept)


def read_exposure(p: ParseState, f: Fields, regimen_id: str) -> Exposure | None:
    """One exposure written out: the agent, doses, dose changes, route and days."""
    node = f.require("agent")
    written = f.text("agent")
    agent = None if node is None or written is None else lookup(p, node, written)
    dose = quantity(p.reader, f, "dose", DOSE_UNITS, "80 mg/m2")
    loading = quantity(p.reader, f, "loading_dose", DOSE_UNITS, "4 mg/kg")
    changes = p.items(
        f, "dose_changes", "a dose change", "dose_change", lambda sub: read_dose_change(p, sub)
    )
    start, end = p.date(f, "start"), p.date(f, "end")
    route = f.choice("route", ROUTES)
    own_id = f.text("id")
    if agent is None or written is None:
        p.unreadable_types.add("exposure")
        return None
    if own_id:
        id_node = f.get("id")
        assert id_node is not None
        if own_id in p.ids:
            p.reader.error("S006", id_node, f"id '{own_id}' is already used; ids must be unique")
        p.ids.setdefault(own_id, id_node)
    return Exposure(
        key=own_id or f"{regimen_id}.{agent.name}",
        agent=agent,
        written=written,
        dose=dose,
        loading_dose=loading,
        schedule=f.text("schedule"),
        route=route,
        cycles=f.integer("cycles", 1, 1000),
        start_date=start,
        end_date=end,
        dose_changes=changes,
        end_reason=f.choice("end_reason", END_REASONS),
        note=f.text("note"),
        location=f.location,
    )


def read_dose_change(p: ParseState, f: Fields) -> DoseChange | None:
    """One dose change of an exposure: its day and its new dose, or which way it went
    (``change: reduced``) and any new schedule when the source gives no numbers."""
    date = p.date(f, "date", required=True)
    dose = quantity(p.reader, f, "dose", DOSE_UNITS, "90 mg/m2")
    change = f.choice("change", DOSE_CHANGES)
    schedule = f.text("schedule")
    given = f.get("dose") is not None or f.get("change") is not None or schedule is not None
    if not given:
        f.require("dose")  # the usual case; 'change' and 'schedule' are named in the docs
    if date is None or (f.get("dose") is not None and dose is None) or not given:
        return None
    if f.get("change") is not None and change is None:
        return None
    return DoseChange(date, dose, f.text("reason"), f.location, change=change, schedule=schedule)


def undated_alike(events: tuple[Event, ...]) -> tuple[Event, ...]:
    """The events with each therapy's end that is written as another's end, itself given only
    by order after cycles of unstated length (``end: doxorubicin.end``, doxorubicin's end ``{from:
    ac.start, offset: 4 cycles, before: surgery}``), marked as no more dated than that one
    (:attr:`DateSpec.as_undated`): one day, drawn and said alike. (Cyclophosphamide, written
    to stop with doxorubicin, was drawn solid to a day the case does not give, beside
    doxorubicin fading out.) The events themselves when no end is written so."""
    regimens = [e for e in events if isinstance(e, Regimen)]
    # every therapy an end can be written against: a regimen by its id, an agent by its key
    owner: dict[str, tuple[Regimen | Exposure, Regimen]] = {}
    for reg in regimens:
        owner.setdefault(reg.id, (reg, reg))
        for exp in reg.exposures:
            owner.setdefault(exp.key, (exp, reg))

    def alike(item: Regimen | Exposure, reg: Regimen) -> DateSpec | None:
        spec = item.end_date
        if (
            spec is None
            or spec.kind != "on"
            or not isinstance(spec.on, Anchor)
            or spec.on.part != "end"
            or spec.offset
            or not _undated(owner, item, reg)
        ):
            return None
        return evolve(spec, as_undated=True)

    items: list[tuple[Regimen | Exposure, Regimen]] = []
    for reg in regimens:
        items += [(reg, reg), *((x, reg) for x in reg.exposures)]
    if not any(alike(x, reg) for x, reg in items):
        return events
    out: list[Event] = []
    for e in events:
        if isinstance(e, Regimen):
            exposures = tuple(
                x if (spec := alike(x, e)) is None else evolve(x, end_date=spec)
                for x in e.exposures
            )
            spec = alike(e, e)
            if spec is not None or exposures != e.exposures:
                e = evolve(e, exposures=exposures, end_date=spec or e.end_date)
        out.append(e)
    return tuple(out)


def _undated(
    owner: dict[str, tuple[Regimen | Exposure, Regimen]],
    item: Regimen | Exposure,
    reg: Regimen,
    depth: int = 0,
) -> bool:
    """Whether the end of ``item`` (of regimen ``reg``) is given only by order after cycles of
    unstated length, itself or through the end it is written as (``owner``: every therapy by
    the id an end can name). A function of the module: nested, its recursion would be a
    reference cycle, which a check must not leave (:mod:`timeline.cycles`)."""
    spec = item.end_date
    if isinstance(item, Exposure) and spec is None:
        item, spec = reg, reg.end_date
    if spec is None or depth > 16:  # (a chain of ends written as ends; a cycle is an error)
        return False
    on = spec.on
    if spec.kind == "on" and isinstance(on, Anchor) and on.part == "end" and not spec.offset:
        found = owner.get(on.event)
        return found is not None and _undated(owner, *found, depth + 1)
    if isinstance(item, Exposure):
        return item.end_undated(reg)
    return item.end_undated
