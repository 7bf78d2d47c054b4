"""Agent resolution: the names a case writes (``paclitaxel``, ``Taxol``, an agent of its own)
found in the catalogue, and the agents a case declares for itself."""

from __future__ import annotations

import yaml

from timeline.catalogue import CLASSES, Agent, normalise
from timeline.parsing import ParseState
from timeline.problems import suggest
from timeline.reading import Fields

__all__ = ["declared_agents", "lookup"]


def lookup(p: ParseState, node: yaml.Node, written: str) -> Agent | None:
    """The agent ``written`` names; a regimen name or an unknown name is reported at ``node``
    (A002, A001) and gives ``None``."""
    agent = p.catalogue.agent(written)
    if agent is not None:
        return agent
    regimen = p.catalogue.regimen(written)
    if regimen is not None:
        what = (
            f"an ambiguous regimen name ({regimen.ambiguous})"
            if regimen.ambiguous
            else f"a regimen ({' + '.join(regimen.agents)})"
        )
        p.reader.error(
            "A002",
            node,
            f"'{written}' is {what}, not one agent; list the agents it stands for",
        )
        return None
    kind = _kind_named(p, written)
    if kind is not None:
        # "platinum" for an unnamed platinum drug: a spelling suggestion gave a brand name of
        # one of them ('Platinol', cisplatin), which the source does not give
        members = [a for a in p.catalogue.members(kind) if not a.unspecified]
        named = ", ".join(sorted(a.name for a in members)[:4])
        p.reader.error(
            "A001",
            node,
            f"unknown agent '{written}': it names a kind of drug (the catalogue's '{kind}':"
            f" {named}), not one; if the source names none of them, write '{kind}', an"
            " unnamed drug of that kind",
        )
        return None
    p.reader.error(
        "A001",
        node,
        # (a near miss of a drug name is a misspelling; 'other' is not 'Taxotere')
        f"unknown agent '{written}'{suggest(written, p.catalogue.all_names(), 0.75)}"
        " (if the name is right, declare the agent under 'agents' at the top of the case; if"
        " the source names none, write its class, such as 'chemotherapy')",
    )
    return None


def _kind_named(p: ParseState, written: str) -> str | None:
    """The catalogue's subclass ``written`` names ("platinum": "platinum compound"; "PARP
    inhibitor"), if it names one and no agent; None otherwise."""
    words = written.casefold().replace("-", " ").split()
    if not words or normalise(written) in (normalise(c) for c in CLASSES):
        return None
    for kind in p.catalogue.class_names():
        if kind.casefold().replace("-", " ").split()[: len(words)] == words and (
            p.catalogue.members(kind)
        ):
            return kind
    return None


def declared_agents(p: ParseState, root: Fields) -> list[Agent]:
    """The agents the case declares under 'agents' (A003 for one the catalogue already has)."""

    def build(f: Fields) -> Agent | None:
        name = f.text("name", required=True)
        cls = f.choice("class", CLASSES, required=True)
        if name is None or cls is None:
            return None
        known = p.catalogue.agent(name)
        if known is not None:
            p.reader.problems.add(
                "A003",
                f.location,
                f"agent '{name}' is already in the catalogue as '{known.name}'"
                f" ({known.agent_class}); remove this declaration unless you mean to replace it",
            )
        return Agent(
            name,
            cls,
            f.text("subclass"),
            f.text("atc"),
            f.texts("names"),
            declared_in_case=True,
            rxnorm=f.text("rxnorm"),
            group=f.text("group"),
        )

    return list(p.items(root, "agents", "an agent", "agent", build))
