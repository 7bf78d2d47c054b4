"""A stem-cell transplant: read, checked, counted as therapy, shown, drawn, told, exported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import check, codes
from timeline.interchange.cbioportal import import_timeline, timeline_rows
from timeline.interchange.fhir import fhir_bundle
from timeline.model import Transplant
from timeline.render import render_case
from timeline.summary import summary_data, summary_text
from timeline.teaching import teaching_steps

#: induction, a first CR, an allogeneic transplant in CR1, a relapse and a second line
AML: dict[str, Any] = {
    "format": 1,
    "id": "aml",
    "diagnosis": {"date": "2019-01", "histology": "acute myeloid leukaemia"},
    "events": [
        {
            "id": "induction",
            "type": "regimen",
            "intent": "advanced",
            "start": "2019-01",
            "end": "2019-02",
            "end_reason": "completed",
            "agents": ["cytarabine", "daunorubicin"],
        },
        {"id": "cr1", "type": "response", "date": "2019-03", "category": "CR"},
        {
            "id": "allo",
            "type": "transplant",
            "date": "2019-06",
            "donor": "allogeneic",
            "match": "matched unrelated",
            "graft": "peripheral blood stem cells",
            "conditioning": ["fludarabine", "busulfan"],
            "status": "first complete remission",
        },
        {"id": "relapse", "type": "recurrence", "date": "2020-05"},
        {
            "id": "gilt",
            "type": "regimen",
            "intent": "advanced",
            "start": "2020-06",
            "end_reason": "ongoing",
            "agents": ["gilteritinib"],
        },
        {"id": "fu", "type": "follow-up", "date": "2020-10", "status": "alive"},
    ],
}


def _aml(**changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(AML))
    allo = next(e for e in data["events"] if e["id"] == "allo")
    allo.update(changes)
    return data


def test_a_transplant_is_read_with_its_donor_and_conditioning() -> None:
    checked = check(AML)
    assert not checked.problems, checked.problems
    assert checked.case is not None
    tx = next(e for e in checked.case.events if isinstance(e, Transplant))
    assert (tx.donor, tx.match, tx.conditioning) == (
        "allogeneic",
        "matched unrelated",
        ("fludarabine", "busulfan"),
    )
    assert tx.location is not None and tx.location.line > 1


def test_a_transplant_needs_a_known_donor_and_known_conditioning_agents() -> None:
    missing = _aml()
    del next(e for e in missing["events"] if e["id"] == "allo")["donor"]
    assert "S002" in codes(check(missing))
    wrong = check(_aml(donor="sibling"))
    assert any(p.code == "S004" and "autologous" in p.message for p in wrong.problems)
    unknown = check(_aml(conditioning=["fludarabin"]))
    assert any(p.code == "A001" and "fludarabine" in p.message for p in unknown.problems)


def test_a_transplant_numbers_no_line_and_ends_the_time_off_therapy() -> None:
    checked = check(AML)
    assert [ln.label for ln in checked.lines] == ["L1", "L2"]
    tfis = [i for i in checked.intervals if i.name.startswith("TFI")]
    # induction end (Feb) → transplant (June) and transplant → gilteritinib (June 2020): two
    # gaps, not one of sixteen months over the transplant
    assert len(tfis) == 2, tfis
    assert all(i.days is not None and i.days[1] < 400 for i in tfis)


def test_show_lists_the_transplant_in_words_and_as_data() -> None:
    checked = check(AML)
    text = summary_text(checked)
    assert (
        "HSCT   allogeneic stem-cell transplant (matched unrelated); peripheral blood stem"
        " cells; conditioning fludarabine + busulfan; in first complete remission  [2019-06]"
    ) in text
    data = summary_data(checked)
    assert data["transplants"] == [
        {
            "id": "allo",
            "donor": "allogeneic",
            "match": "matched unrelated",
            "graft": "peripheral blood stem cells",
            "conditioning": ["fludarabine", "busulfan"],
            "status": "first complete remission",
            "date": data["transplants"][0]["date"],
            "later_therapy": None,
        }
    ]
    assert data["transplants"][0]["date"]["text"] == "2019-06"


def test_the_drawing_gives_a_transplant_a_lane_of_its_own() -> None:
    svg = render_case(check(AML), fmt="svg", backend="wasm").decode()
    assert ">Transplant<" in svg
    assert ">allogeneic SCT<" in svg
    assert "conditioning fludarabine + busulfan" in svg  # the tooltip says all of it


def test_a_haploidentical_transplant_is_named_so_on_the_drawing() -> None:
    """An AML transplanted from a matched donor, relapsing, then transplanted again from a
    haploidentical one: both were drawn "allogeneic SCT", the difference only in a tooltip."""
    import copy

    data = copy.deepcopy(AML)
    data["events"].append(
        {
            "id": "haplo",
            "type": "transplant",
            "date": "2021-03",
            "donor": "allogeneic",
            "match": "haploidentical (brother)",
        }
    )
    svg = render_case(check(data), fmt="svg", backend="wasm").decode()
    assert svg.count(">allogeneic SCT<") == 1
    assert ">haploidentical SCT<" in svg


def test_a_cord_blood_transplant_says_its_graft_on_the_drawing() -> None:
    """An upfront cord blood transplant was drawn "allogeneic SCT", as if of an adult donor's
    cells; a graft of peripheral blood, the usual one, is not said."""
    import copy

    data = copy.deepcopy(AML)
    for event in data["events"]:
        if event["id"] == "allo":
            event["graft"] = "cord blood"
    svg = render_case(check(data), fmt="svg", backend="wasm").decode()
    assert ">allogeneic SCT (cord blood)<" in svg
    usual = render_case(check(AML), fmt="svg", backend="wasm").decode()
    assert ">allogeneic SCT<" in usual and "peripheral" not in usual.split("<title>")[0]


def test_total_body_irradiation_is_part_of_the_conditioning() -> None:
    """Fludarabine, melphalan and total body irradiation: TBI was A001 (no agent), so it was
    written as a radiotherapy course apart, left out of "conditioning fludarabine + melphalan".
    It is part of the conditioning, with its dose when the source gives it; a misspelt agent is
    still A001."""
    import copy

    data = copy.deepcopy(AML)
    allo = next(e for e in data["events"] if e["id"] == "allo")
    allo["conditioning"] = ["fludarabine", "melphalan", "total body irradiation 2 Gy"]
    checked = check(data)
    assert not codes(checked), checked.problems
    assert checked.case is not None
    transplant = checked.case.event("allo")
    assert isinstance(transplant, Transplant)
    assert transplant.conditioning == ("fludarabine", "melphalan", "TBI 2 Gy")
    assert "conditioning fludarabine + melphalan + TBI 2 Gy" in summary_text(checked)
    allo["conditioning"] = ["fludarabine", "TBI", "melfalan"]
    checked = check(data)
    assert codes(checked) == {"A001"}, checked.problems


def test_a_toxicity_is_attributed_to_the_transplant() -> None:
    """Acute GVHD after a cord blood transplant had no attribution but a note: `regimen:`
    naming the transplant was R004. `transplant:` names it; R004 when it names no transplant,
    R007 when the toxicity is dated before it."""
    import copy

    data = copy.deepcopy(AML)
    gvhd = {
        "id": "gvhd",
        "type": "toxicity",
        "date": "2019-08",
        "term": "acute graft-versus-host disease",
        "grade": 2,
        "transplant": "allo",
    }
    data["events"].append(gvhd)
    checked = check(data)
    assert not codes(checked), checked.problems
    assert "attributed to allogeneic stem-cell transplant (matched unrelated)" in summary_text(
        checked
    )
    assert summary_data(checked)["toxicities"][0]["transplant"] == "allo"
    gvhd["transplant"] = "induction"
    checked = check(data)
    assert codes(checked) == {"R004"}, checked.problems
    assert "a regimen, not a transplant" in str(checked.problems)
    gvhd["transplant"] = "allo"
    gvhd["date"] = "2019-04"
    assert "R007" in codes(check(data))


def test_a_deck_tells_the_transplant_as_a_step() -> None:
    steps = teaching_steps(check(AML))
    told = [s.caption for s in steps]
    assert any("allogeneic stem-cell transplant" in t for t in told), told


def test_exports_carry_the_transplant_and_cbioportal_reads_it_back(tmp_path: Path) -> None:
    checked = check(AML)
    bundle = fhir_bundle(checked)
    procedures = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Procedure"
    ]
    assert [p["code"]["text"] for p in procedures] == [
        "allogeneic stem-cell transplant (matched unrelated)"
    ]
    rows = timeline_rows(checked)["TREATMENT"]
    (row,) = [r for r in rows if r["EVENT_ID"] == "allo"]
    assert (row["TREATMENT_TYPE"], row["SUBTYPE"], row["AGENT"]) == (
        "Stem Cell Transplant",
        "allogeneic",
        "fludarabine + busulfan",
    )
    head = list(row)
    table = tmp_path / "data_timeline_treatment.txt"
    table.write_text(
        "\t".join(head) + "\n" + "\t".join(row.get(k, "") for k in head) + "\n", encoding="utf-8"
    )
    texts = import_timeline([str(table)])
    back = check(texts["aml"])
    assert back.case is not None
    (tx,) = [e for e in back.case.events if isinstance(e, Transplant)]
    assert (tx.donor, tx.conditioning) == ("allogeneic", ("fludarabine", "busulfan"))


def test_a_transplant_with_no_line_before_it_follows_a_first_line_not_told() -> None:
    """durer2019: an allogeneic transplant with no therapy before it in the abstract, then
    blinatumomab for the relapse. The regimen numbered the transplant L1 of "unspecified
    systemic therapy"; a transplant numbering no line made blinatumomab "L1", though the
    induction that came before the transplant is only not told: it is "L≥2"."""
    data = _aml()
    data["events"] = [e for e in data["events"] if e["id"] != "induction"]
    data["events"] = [e for e in data["events"] if e["id"] != "cr1"]
    checked = check(data)
    assert [ln.label for ln in checked.lines] == ["L≥2"]
    assert "PFS L≥2" in {i.name for i in checked.intervals}


def test_a_transplant_after_primary_treatment_consolidates_it() -> None:
    """A medulloblastoma: surgery, adjuvant ICE, then busulfan-melphalan with an autologous
    rescue, relapse at 24 months, temozolomide. The transplant, with no numbered line before
    it, was read as the end of a first line not told, and temozolomide was "L≥2"; it
    consolidates the primary treatment the case records, and temozolomide is the first line.
    A transplant after a relapse that follows the primary treatment is still salvage after a
    line not told."""
    data = _aml()
    induction = data["events"][0]
    induction["intent"] = "adjuvant"
    checked = check(data)
    assert [ln.label for ln in checked.lines if ln.number] == ["L1"]
    assert "PFS L1" in {i.name for i in checked.intervals}
    data["events"].insert(2, {"id": "early", "type": "recurrence", "date": "2019-04"})
    salvage = check(data)
    assert [ln.label for ln in salvage.lines if ln.number] == ["L≥2"]


def test_a_transplant_after_regimens_of_unknown_intent_numbers_the_same_in_any_file_order() -> None:
    """Myeloma therapies of unknown intent, in no stated order, with an autologous transplant:
    the CAR-T after them was "L≥1" with the transplant written after them and "L≥2" with it
    written first. A transplant follows at least one line, whichever of them it was."""
    data = _aml()
    induction = data["events"][0]
    induction["intent"] = "unknown"
    for e in data["events"]:
        if e["id"] in ("induction", "allo"):
            e.pop("start", None)
            e.pop("end", None)
            e.pop("date", None)
    data["events"][0].update(
        start={"after": "diagnosis", "before": "relapse"}, end={"before": "relapse"}
    )
    allo = next(e for e in data["events"] if e["id"] == "allo")
    allo["date"] = {"after": "diagnosis", "before": "relapse"}
    data["events"] = [e for e in data["events"] if e["id"] != "cr1"]
    labels = []
    for order in (data["events"], [allo] + [e for e in data["events"] if e is not allo]):
        checked = check({**data, "events": order})
        assert checked.ok, [p.format() for p in checked.problems]
        labels.append([ln.label for ln in checked.lines if ln.number])
    assert labels == [["L≥2"], ["L≥2"]], labels


def test_a_response_at_the_restaging_after_a_transplant_is_on_it() -> None:
    """ "CR 3 months after ASCT": R001 read the 8 weeks of restaging after a drug's last cycle
    for a one-day transplant and asked for the line's own response to be marked follow-up."""
    data = _aml()
    cr2 = {"id": "cr2", "type": "response", "date": "2019-09", "category": "CR"}
    data["events"].insert(3, cr2)
    assert "R001" not in codes(check(data))
    cr2["date"] = "2019-12"  # six months on: not the transplant's restaging
    assert "R001" in codes(check(data))


def test_a_transplant_among_the_lines_not_recorded_numbers_none_and_leaves_no_gap() -> None:
    """A first autologous transplant in 2008 among "at least two" earlier lines, then Vd in
    2011: Vd read L≥4, and three years before it were counted off therapy."""
    text = (
        "format: 1\nid: mm\ndiagnosis: {date: 2004-06}\n"
        "prior_lines: {at_least: 2}\nevents:\n"
        "  - {id: asct1, type: transplant, date: 2008, donor: autologous}\n"
        "  - {id: vd, type: regimen, intent: advanced, start: 2011-07, end: 2011-10,"
        " end_reason: completed, agents: [bortezomib, dexamethasone]}\n"
        "  - {id: fu, type: follow-up, date: 2012-01, status: alive}\n"
    )
    checked = check(text)
    assert [ln.label for ln in checked.lines] == ["L≥3"]
    assert not [i for i in checked.intervals if i.name == "TFI 1" and not i.censored]


def test_a_deck_tells_the_transplant_as_the_decision_after_the_remission() -> None:
    """ "Allo-HCT was performed during the second complete remission": the deck read the
    remission and the transplant as two findings of one step ("complete response ·
    allogeneic stem-cell transplant")."""
    data = _aml(date="2019-04")
    captions = [s.caption for s in teaching_steps(check(data))]
    assert any("complete response → allogeneic stem-cell transplant" in c for c in captions), (
        captions
    )
