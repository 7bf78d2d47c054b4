"""The drug catalogue: names are unique, classes known, ATC codes well formed."""

from __future__ import annotations

import re

import pytest

from timeline.catalogue import CLASSES, default_catalogue, normalise

SEED_AGENTS = {
    "cyclophosphamide": ("chemotherapy", "L01AA01"),
    "epirubicin": ("chemotherapy", "L01DB03"),
    "fluorouracil": ("chemotherapy", "L01BC02"),
    "paclitaxel": ("chemotherapy", "L01CD01"),
    "docetaxel": ("chemotherapy", "L01CD02"),
    "anastrozole": ("endocrine", "L02BG03"),
    "letrozole": ("endocrine", "L02BG04"),
    "exemestane": ("endocrine", "L02BG06"),
    "tamoxifen": ("endocrine", "L02BA01"),
    "toremifene": ("endocrine", "L02BA02"),
    "fulvestrant": ("endocrine", "L02BA03"),
    "megestrol": ("endocrine", "L02AB01"),
    "trastuzumab": ("targeted", "L01FD01"),
    "bevacizumab": ("targeted", "L01FG01"),
    "everolimus": ("targeted", "L01EG02"),
}


@pytest.mark.parametrize("name", sorted(SEED_AGENTS))
def test_every_seed_agent(name: str) -> None:
    agent = default_catalogue().agent(name)
    assert agent is not None
    assert (agent.agent_class, agent.atc) == SEED_AGENTS[name]


def test_names_map_to_one_agent_each() -> None:
    seen: dict[str, str] = {}
    for agent in default_catalogue().agents.values():
        for name in (agent.name, *agent.names):
            key = normalise(name)
            assert seen.setdefault(key, agent.name) == agent.name, f"{name} is ambiguous"


def test_regimen_names_are_not_agent_names() -> None:
    cat = default_catalogue()
    for regimen in cat.regimens.values():
        assert cat.agent(regimen.name) is None
        for agent in regimen.agents:
            assert cat.agent(agent) is not None


def test_classes_and_atc_codes() -> None:
    for agent in default_catalogue().agents.values():
        assert agent.agent_class in CLASSES
        assert agent.atc is None or re.fullmatch(r"[A-V]\d\d[A-Z][A-Z]\d\d", agent.atc)


def test_breast_cancer_families_are_present() -> None:
    cat = default_catalogue()
    for family in [
        "taxane",
        "anthracycline",
        "SERM",
        "SERD",
        "GnRH agonist",
        "CDK4/6 inhibitor",
        "PARP inhibitor",
        "mTOR inhibitor",
        "anti-HER2 antibody-drug conjugate",
        "HER2 tyrosine kinase inhibitor",
        "bisphosphonate",
        "platinum compound",
    ]:
        assert cat.members(family), family
    for name in [
        "capecitabine",
        "eribulin",
        "vinorelbine",
        "pembrolizumab",
        "denosumab",
        "alpelisib",
    ]:
        assert cat.agent(name)


def test_lookup_ignores_case_spaces_and_hyphens() -> None:
    cat = default_catalogue()
    assert cat.agent("5 FU").name == "fluorouracil"  # type: ignore[union-attr]
    assert cat.agent("t-dxd").name == "trastuzumab deruxtecan"  # type: ignore[union-attr]
    assert cat.regimen("fec100").name == "FEC 100"  # type: ignore[union-attr]
