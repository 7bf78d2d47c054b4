"""The drug catalogue: names are unique, classes known, ATC codes well formed."""

from __future__ import annotations

import os
import re

import pytest
import yaml

from timeline import catalogue
from timeline.catalogue import CLASSES, catalogue_rows, default_catalogue, normalise

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


def test_no_agent_lists_a_name_twice() -> None:
    for agent in default_catalogue().agents.values():
        keys = [normalise(n) for n in (agent.name, *agent.names)]
        assert len(keys) == len(set(keys)), f"{agent.name} lists a name twice: {agent.names}"


def test_regimen_names_map_to_one_regimen_each() -> None:
    seen: dict[str, str] = {}
    for regimen in default_catalogue().regimens.values():
        for name in (regimen.name, *regimen.names):
            key = normalise(name)
            assert seen.setdefault(key, regimen.name) == regimen.name, f"{name} is ambiguous"


def test_regimen_names_are_not_agent_names() -> None:
    cat = default_catalogue()
    for regimen in cat.regimens.values():
        for name in (regimen.name, *regimen.names):
            assert cat.agent(name) is None, name
        for agent in regimen.agents:
            assert cat.agent(agent) is not None, f"{regimen.name}: unknown agent {agent}"
            assert cat.agent(agent).name == agent, f"{regimen.name}: use the canonical {agent}"  # type: ignore[union-attr]
        for agent, _dose in regimen.doses:
            assert agent in regimen.agents, f"{regimen.name}: a dose for {agent}, not in it"


def test_ambiguous_regimens_have_a_message_and_no_agents() -> None:
    for regimen in default_catalogue().regimens.values():
        if regimen.ambiguous is not None:
            assert regimen.ambiguous.strip(), regimen.name
            assert regimen.agents == (), regimen.name
            assert regimen.doses == (), regimen.name
        else:
            assert regimen.agents, f"{regimen.name} has no agents and is not marked ambiguous"


def test_classes_and_atc_codes() -> None:
    for agent in default_catalogue().agents.values():
        assert agent.agent_class in CLASSES
        # WHO ATC, 5th level: anatomical group, 2 digits, 2 letters, 2 digits (L01EB04)
        assert agent.atc is None or re.fullmatch(
            r"[ABCDGHJLMNPRSV]\d{2}[A-Z]{2}\d{2}", agent.atc
        ), f"{agent.name}: {agent.atc}"


def test_rxnorm_codes_are_digits() -> None:
    for agent in default_catalogue().agents.values():
        assert agent.rxnorm is None or re.fullmatch(r"[1-9]\d*", agent.rxnorm), agent.name


def test_fixed_regimens() -> None:
    cat = default_catalogue()
    thp = cat.regimen("THP")
    assert thp is not None and set(thp.agents) == {"docetaxel", "trastuzumab", "pertuzumab"}
    gc = cat.regimen("GC")
    assert gc is not None and set(gc.agents) == {"gemcitabine", "cisplatin"}
    fec = cat.regimen("FEC 100")
    assert fec is not None
    assert set(fec.agents) == {"fluorouracil", "epirubicin", "cyclophosphamide"}
    assert dict(fec.doses) == {
        "fluorouracil": "500 mg/m2",
        "epirubicin": "100 mg/m2",
        "cyclophosphamide": "500 mg/m2",
    }


@pytest.mark.parametrize("name", ["TC", "tc", "TH", "CP", "PC"])
def test_ambiguous_regimen_names(name: str) -> None:
    regimen = default_catalogue().regimen(name)
    assert regimen is not None and regimen.ambiguous and regimen.agents == ()


def test_tc_says_what_it_may_mean() -> None:
    tc = default_catalogue().regimen("TC")
    assert tc is not None and tc.ambiguous is not None
    for agent in ("docetaxel", "cyclophosphamide", "paclitaxel", "carboplatin"):
        assert agent in tc.ambiguous


@pytest.mark.parametrize(
    ("name", "agents"),
    [
        ("AC-T", {"doxorubicin", "cyclophosphamide", "paclitaxel"}),
        ("EC-T", {"epirubicin", "cyclophosphamide", "paclitaxel"}),
        ("carboplatin + paclitaxel", {"carboplatin", "paclitaxel"}),
        ("pemetrexed-cisplatin", {"cisplatin", "pemetrexed"}),
        ("FOLFOX", {"fluorouracil", "leucovorin", "oxaliplatin"}),
        ("mFOLFOX6", {"fluorouracil", "leucovorin", "oxaliplatin"}),
        ("FOLFIRI", {"fluorouracil", "leucovorin", "irinotecan"}),
        ("XELOX", {"capecitabine", "oxaliplatin"}),
        ("CAPOX", {"capecitabine", "oxaliplatin"}),
        ("DCS", {"docetaxel", "cisplatin", "S-1"}),
        ("EDP", {"etoposide", "doxorubicin", "cisplatin"}),
        ("EDP-M", {"etoposide", "doxorubicin", "cisplatin", "mitotane"}),
        ("EDP + mitotane", {"etoposide", "doxorubicin", "cisplatin", "mitotane"}),
        ("RVD", {"bortezomib", "lenalidomide", "dexamethasone"}),
        ("KRd", {"carfilzomib", "lenalidomide", "dexamethasone"}),
        ("BEP", {"bleomycin", "etoposide", "cisplatin"}),
        ("ABVD", {"doxorubicin", "bleomycin", "vinblastine", "dacarbazine"}),
    ],
)
def test_regimen_agents(name: str, agents: set[str]) -> None:
    regimen = default_catalogue().regimen(name)
    assert regimen is not None and set(regimen.agents) == agents


NEW_AGENTS = {
    "gefitinib": ("targeted", "L01EB01"),
    "osimertinib": ("targeted", "L01EB04"),
    "alectinib": ("targeted", "L01ED03"),
    "sotorasib": ("targeted", "L01XX73"),
    "cetuximab": ("targeted", "L01FE01"),
    "imatinib": ("targeted", "L01EA01"),
    "Phesgo": ("targeted", "L01FY01"),
    "oxaliplatin": ("chemotherapy", "L01XA03"),
    "irinotecan": ("chemotherapy", "L01CE02"),
    "pemetrexed": ("chemotherapy", "L01BA04"),
    "TS-1": ("chemotherapy", "L01BC53"),
    "Lonsurf": ("chemotherapy", "L01BC59"),
    "folinic acid": ("other", "V03AF03"),
    "durvalumab": ("immunotherapy", "L01FF03"),
    "ipilimumab": ("immunotherapy", "L01FX04"),
    "buserelin": ("endocrine", "L02AE01"),
    # haematological malignancies
    "Sprycel": ("targeted", "L01EA02"),
    "ponatinib": ("targeted", "L01EA05"),
    "asciminib": ("targeted", "L01EA06"),
    "Velcade": ("targeted", "L01XG01"),
    "melphalan": ("chemotherapy", "L01AA03"),
    "Revlimid": ("other", "L04AX04"),
    "Leukeran": ("chemotherapy", "L01AA02"),
    "bendamustine": ("chemotherapy", None),  # its code not confirmed: none rather than a guess
    "Imbruvica": ("targeted", "L01EL01"),
    "Blincyto": ("immunotherapy", "L01FX07"),
    "BV": ("targeted", "L01FX05"),
    "DTIC": ("chemotherapy", "L01AX04"),
    # intravesical BCG for bladder cancer was A001 (an unknown agent)
    "bacillus Calmette-Guerin": ("immunotherapy", "L03AX03"),
    "BCG": ("immunotherapy", "L03AX03"),
    # myeloma and lymphoma agents after several lines: each had to be declared by the case
    "Ninlaro": ("targeted", "L01XG03"),
    "Gazyva": ("targeted", "L01FA03"),
    "Calquence": ("targeted", "L01EL02"),
    "Bavencio": ("immunotherapy", "L01FF04"),
    "cilta-cel": ("immunotherapy", None),
    "teclistamab": ("immunotherapy", None),
    # declared by the cases of the library that gave them, now the catalogue's
    "RAI": ("other", "V10XA01"),
    "anlotinib": ("targeted", None),
    "Elunate": ("targeted", "L01EK04"),
    "Intron A": ("immunotherapy", "L03AB05"),
    "tocilizumab": ("other", "L04AC07"),
    # acute myeloid leukaemia: decitabine was "unknown agent; did you mean 'gemcitabine'?"
    "decitabine": ("chemotherapy", "L01BC08"),
    "Dacogen": ("chemotherapy", "L01BC08"),
    "midostaurin": ("targeted", "L01EX10"),
    "quizartinib": ("targeted", None),
    "Idhifa": ("targeted", None),
    "glasdegib": ("targeted", None),
    "Mylotarg": ("targeted", "L01FX02"),
    "inotuzumab ozogamicin": ("targeted", None),
    # adrenocortical carcinoma
    "mitotane": ("other", "L01XX23"),
    "Lysodren": ("other", "L01XX23"),
}


@pytest.mark.parametrize("name", sorted(NEW_AGENTS))
def test_agents_of_other_cancers(name: str) -> None:
    agent = default_catalogue().agent(name)
    assert agent is not None
    assert (agent.agent_class, agent.atc) == NEW_AGENTS[name]


def test_phesgo_is_not_its_two_components() -> None:
    cat = default_catalogue()
    phesgo = cat.agent("Phesgo")
    assert phesgo is not None
    assert phesgo.name not in {"pertuzumab", "trastuzumab"}
    assert cat.agent("pertuzumab and trastuzumab (subcutaneous)") == phesgo


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


def test_the_precomputed_catalogue_is_current() -> None:
    here = os.path.dirname(catalogue.__file__)
    with open(os.path.join(here, "catalogue.yaml"), encoding="utf-8") as fh:
        source = fh.read()
    with open(os.path.join(here, catalogue.COMPILED), encoding="utf-8") as fh:
        compiled = fh.read()
    assert compiled == catalogue.compiled_text(source), (
        "catalogue.json is stale: run python -c"
        " 'from timeline.catalogue import write_compiled; write_compiled()'"
    )


def test_a_stale_precomputed_catalogue_is_not_trusted() -> None:
    here = os.path.dirname(catalogue.__file__)
    with open(os.path.join(here, "catalogue.yaml"), encoding="utf-8") as fh:
        source = fh.read()
    edited = source.replace("names: [PTX, PAC, Taxol]", "names: [PTX, PAC, Taxol, Paxene]")
    assert edited != source
    assert "Paxene" in catalogue_rows(edited)["agents"]["paclitaxel"]["names"]
    rows = catalogue_rows(source)
    assert list(rows["agents"].items()) == list(yaml.safe_load(source)["agents"].items())
    assert list(rows["regimens"].items()) == list(yaml.safe_load(source)["regimens"].items())


def test_anti_her2_therapy_of_no_stated_kind_is_an_agent_of_its_own() -> None:
    """ "Three lines of anti-HER2 therapy", the agents not named: no kind covered the three
    (antibody, conjugate, kinase inhibitor), and `targeted therapy` drew them under "Other
    targeted", away from what the source says they were."""
    from timeline.catalogue import default_catalogue

    cat = default_catalogue()
    for written in ("anti-HER2 therapy", "HER2-targeted therapy"):
        agent = cat.agent(written)
        assert agent is not None and agent.unspecified, written
        assert (agent.agent_class, agent.subclass) == ("targeted", "anti-HER2 therapy")


def test_an_immune_checkpoint_inhibitor_of_no_stated_target() -> None:
    """ "Switched to an immune checkpoint inhibitor", the drug not named: `anti-PD-1 antibody`
    would guess its target, and `immunotherapy` lost what the source says (A001 for the words
    themselves)."""
    from timeline.catalogue import default_catalogue

    cat = default_catalogue()
    for written in ("immune checkpoint inhibitor", "checkpoint inhibitor", "ICI"):
        agent = cat.agent(written)
        assert agent is not None and agent.unspecified, written
        assert agent.name == "unspecified immune checkpoint inhibitor"
        assert agent.agent_class == "immunotherapy"


def test_the_names_of_a_class_follow_the_agents_a_case_adds() -> None:
    """The names of a class's agents are kept for the rules that ask them of every resistance;
    a copy with a case's own agent added names it too, and the shared catalogue does not."""
    from timeline.catalogue import Agent

    base = default_catalogue()
    before = base.member_names("endocrine")
    assert "tamoxifen" in before and before == {a.name for a in base.members("endocrine")}
    extra = Agent("investigational SERD X", "endocrine", "SERD", declared_in_case=True)
    copy = base.with_agents([extra])
    assert "investigational SERD X" in copy.member_names("endocrine")
    assert "investigational SERD X" in copy.member_names("SERD")
    assert "investigational SERD X" not in base.member_names("endocrine")


def test_a_tyrosine_kinase_inhibitor_of_no_stated_target() -> None:
    """ "Two courses of tyrosine kinase inhibitor therapy" in a renal cell carcinoma, the drug
    not named: A001 suggested 'MET tyrosine kinase inhibitor', a lung cancer's kinase, and
    `targeted therapy` lost what the source says."""
    from timeline.catalogue import default_catalogue

    cat = default_catalogue()
    for written in ("tyrosine kinase inhibitor", "TKI", "tyrosine-kinase inhibitor"):
        agent = cat.agent(written)
        assert agent is not None and agent.unspecified, written
        assert agent.name == "unspecified tyrosine kinase inhibitor"
        assert (agent.agent_class, agent.subclass) == ("targeted", "tyrosine kinase inhibitor")


def test_an_unnamed_aromatase_inhibitor_is_an_agent() -> None:
    """ "An aromatase inhibitor + ribociclib", the drug not named: A001 offered "proteasome
    inhibitor", a myeloma drug, and the case could only say "endocrine therapy"."""
    from timeline import check_text

    text = """
format: 1
id: ai
diagnosis: {date: 2015-01, site: breast}
events:
  - {id: l1, type: regimen, intent: advanced, start: 2015-02, end_reason: ongoing,
     agents: [aromatase inhibitor, ribociclib]}
  - {id: fu, type: follow-up, date: 2016-01, status: alive}
"""
    checked = check_text(text, "ai.yaml")
    assert checked.ok, [p.format() for p in checked.problems]
    (reg,) = checked.case.regimens()  # type: ignore[union-attr]
    first = reg.exposures[0].agent
    assert first.name == "unspecified aromatase inhibitor" and first.unspecified
    assert first.agent_class == "endocrine"
