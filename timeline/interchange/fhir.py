"""An HL7 FHIR R4 Bundle of one case, following mCODE (minimal Common Oncology Data Elements,
STU 4): the patient (CancerPatient), the primary cancer (PrimaryCancerCondition) with its TNM
observations and the distant metastases found with it (SecondaryCancerCondition), one MedicationAdministration per agent given (CancerRelatedMedicationAdministration,
with treatment intent and termination reason), surgery (CancerRelatedSurgicalProcedure),
radiotherapy (RadiotherapyCourseSummary), tumour markers and biomarkers (TumorMarkerTest), and
responses, recurrences and progressions (CancerDiseaseStatus).

Dates stay at the precision of the source: a date known to the month is ``YYYY-MM``. A date
known only within another window is given as its plausible day, and the window (with the days
from the diagnosis) goes in the extension ``date-window``; line numbers and declared resistance
go in extensions of their own. docs/interchange.md lists every extension and what is lost.

Built as plain JSON data; the tests read every resource back with the ``fhir.resources`` R4B
models.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from timeline.interchange.common import When, export_points, when_end, when_point, when_start
from timeline.model import (
    Biomarker,
    BiomarkerTest,
    Death,
    DiseaseEvent,
    Event,
    Exposure,
    Radiotherapy,
    Regimen,
    Resistance,
    Response,
    SecondPrimary,
    Surgery,
    Transplant,
)
from timeline.validate import Checked

__all__ = ["EXTENSIONS", "MCODE", "fhir_bundle", "fhir_json"]

MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/"
#: the project's own extensions (docs/interchange.md describes each)
EXTENSION_BASE = "urn:treatment-timeline:fhir:StructureDefinition:"
EXTENSIONS = {
    "date-window": EXTENSION_BASE + "date-window",
    "line-of-therapy": EXTENSION_BASE + "line-of-therapy",
    "regimen": EXTENSION_BASE + "regimen",
    "resistance": EXTENSION_BASE + "resistance",
}
_SNOMED = "http://snomed.info/sct"
_LOINC = "http://loinc.org"
_ATC = "http://www.whocc.no/atc"
_RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
_UCUM = "http://unitsofmeasure.org"
#: FHIR's own extension for a required value the source does not give
_ABSENT = {
    "url": "http://hl7.org/fhir/StructureDefinition/data-absent-reason",
    "valueCode": "unknown",
}
_NAMESPACE = uuid.UUID("6f0b3c5e-2f7e-5d0e-9a43-7c1d2e8b9a10")

#: CancerDiseaseStatus values (mCODE's condition status trend value set)
_STATUS = {
    "CR": ("550991000124107", "Malignant neoplasm in full remission (disorder)"),
    "PR": ("268910001", "Patient's condition improved (finding)"),
    "SD": ("359746009", "Patient's condition stable (finding)"),
    "PD": ("271299001", "Patient's condition worsened (finding)"),
    "NE": ("709137006", "Patient condition undetermined (finding)"),
}
#: treatment intent where the case's intent says it (mCODE's treatment intent value set)
_INTENT = {
    "neoadjuvant": ("373808002", "Curative - procedure intent (qualifier value)"),
    "adjuvant": ("373808002", "Curative - procedure intent (qualifier value)"),
    "definitive": ("373808002", "Curative - procedure intent (qualifier value)"),
    "supportive": ("363676003", "Palliative - procedure intent (qualifier value)"),
}
#: LOINC codes of the serum tumour markers the cases record
_MARKERS = {
    "cea": ("2039-6", "Carcinoembryonic Ag [Mass/volume] in Serum or Plasma"),
    "ca 15-3": ("6875-9", "Cancer Ag 15-3 [Units/volume] in Serum or Plasma"),
    "ca 19-9": ("24108-3", "Cancer Ag 19-9 [Units/volume] in Serum or Plasma"),
    "ca-125": ("10334-1", "Cancer Ag 125 [Units/volume] in Serum or Plasma"),
    "ca 125": ("10334-1", "Cancer Ag 125 [Units/volume] in Serum or Plasma"),
}
_UCUM_UNITS = {"ng/mL": "ng/mL", "U/mL": "U/mL", "%": "%", "U/L": "U/L"}
#: TNM observation codes: (clinical, pathological) LOINC
_TNM = {
    "stage": ("21908-9", "21902-2", "tnm-stage-group"),
    "t": ("21905-5", "21899-0", "tnm-primary-tumor-category"),
    "n": ("21906-3", "21900-6", "tnm-regional-nodes-category"),
    "m": ("21907-1", "21901-4", "tnm-distant-metastases-category"),
}
_GENDER = {"female": "female", "male": "male", "other": "other", "unknown": "unknown"}
_MED_STATUS = {
    "completed": "completed",
    "ongoing": "in-progress",
    "progression": "stopped",
    "no-response": "stopped",
    "toxicity": "stopped",
    "patient-choice": "stopped",
    "surgery": "stopped",
    "remission": "stopped",
    "cost": "stopped",
    "death": "stopped",
    "other": "stopped",
}


def _id(text: str) -> str:
    """A FHIR id (letters, digits, '-' and '.', at most 64) from an event id."""
    clean = re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-") or "x"
    if len(clean) > 64:
        clean = clean[:55] + "-" + uuid.uuid5(_NAMESPACE, text).hex[:8]
    return clean


def _concept(
    text: str, system: str | None = None, code: str | None = None, display: str | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {"text": text}
    if system and code:
        coding = {"system": system, "code": code}
        if display:
            coding["display"] = display
        out = {"coding": [coding], "text": text}
    return out


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None


class _Builder:
    def __init__(self, checked: Checked) -> None:
        self.checked = checked
        self.case = checked.case
        assert self.case is not None
        self.entries: list[dict[str, Any]] = []

    def url(self, kind: str, ident: str) -> str:
        return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{self.case.id}/{kind}/{ident}')}"  # type: ignore[union-attr]

    def add(self, resource: dict[str, Any]) -> str:
        full = self.url(resource["resourceType"], resource["id"])
        self.entries.append({"fullUrl": full, "resource": resource})
        return full

    # dates -----------------------------------------------------------------------------
    def date(self, w: When | None) -> str | None:
        """The date at the source's precision, else the plausible day (the window then goes
        in the date-window extension); None without a calendar."""
        if w is None or w.relative:
            return None
        return w.partial() or w.date

    def window(self, element: str, w: When | None) -> list[dict[str, Any]]:
        """The date-window extension of ``element``, where the date is not given at its own
        precision (an uncertain window, or a case without calendar dates)."""
        if w is None or (not w.relative and w.partial() is not None):
            return []
        parts: list[dict[str, Any]] = [{"url": "element", "valueString": element}]
        if w.date:
            parts.append({"url": "plausible", "valueDate": w.date})
        if w.earliest:
            parts.append({"url": "earliest", "valueDate": w.earliest})
        if w.latest:
            parts.append({"url": "latest", "valueDate": w.latest})
        parts.append({"url": "daysFromDiagnosis", "valueInteger": w.offset})
        if w.lo_offset is not None:
            parts.append({"url": "daysFromDiagnosisEarliest", "valueInteger": w.lo_offset})
        if w.hi_offset is not None:
            parts.append({"url": "daysFromDiagnosisLatest", "valueInteger": w.hi_offset})
        return [{"url": EXTENSIONS["date-window"], "extension": parts}]

    def period(
        self, start: When | None, end: When | None
    ) -> tuple[dict[str, str], list[dict[str, Any]]]:
        period = {}
        if (s := self.date(start)) is not None:
            period["start"] = s
        if (e := self.date(end)) is not None:
            period["end"] = e
        return period, self.window("start", start) + self.window("end", end)

    # resources -------------------------------------------------------------------------
    def build(self) -> dict[str, Any]:
        case = self.case
        assert case is not None
        patient: dict[str, Any] = {
            "resourceType": "Patient",
            "id": _id(case.id),
            "meta": {"profile": [MCODE + "mcode-cancer-patient"]},
            "identifier": [{"system": "urn:treatment-timeline:case", "value": case.id}],
        }
        if case.patient.sex:
            patient["gender"] = _GENDER.get(case.patient.sex, "unknown")
        death = next((e for e in case.events if isinstance(e, Death)), None)
        if death is not None:
            when = when_start(self.checked, death)
            day = self.date(when)
            if day is not None:
                patient["deceasedDateTime"] = day
            else:
                patient["deceasedBoolean"] = True
            patient.setdefault("extension", []).extend(self.window("deceased", when))
        self.patient = self.add(patient)
        self.condition = self.add(self.primary())
        for n, site in enumerate(case.diagnosis.metastases, 1):
            self.add(self.secondary(n, site))
        self.tnm()
        for b in case.diagnosis.biomarkers:
            self.marker(b, "diagnosis", when_point(self.checked, "diagnosis"), None)
        lines = {ln.regimen.id: ln for ln in self.checked.lines}
        for e in case.events:
            if isinstance(e, Regimen):
                line = lines.get(e.id)
                for exp in e.exposures:
                    self.medication(e, exp, None if line is None else line.known_number)
            elif isinstance(e, Surgery):
                self.surgery(e)
            elif isinstance(e, Transplant):
                self.transplant(e)
            elif isinstance(e, Radiotherapy):
                self.radiotherapy(e)
            elif isinstance(e, Response | DiseaseEvent):
                self.status(e)
                if isinstance(e, Response):
                    for m in e.markers:
                        self.serum_marker(e, m.name, m.value, m.unit, m.comparator, m.change)
            elif isinstance(e, BiomarkerTest):
                self.marker(e.biomarker, e.id, when_start(self.checked, e), e.specimen)
            elif isinstance(e, SecondPrimary):
                self.add(self.second_primary(e))
        return {
            "resourceType": "Bundle",
            "id": _id(case.id),
            "type": "collection",
            "entry": self.entries,
        }

    def cancer_condition(
        self,
        ident: str,
        words: str,
        site: str | None,
        when: When | None,
        notes: list[str],
        active: bool = False,
    ) -> dict[str, Any]:
        """A primary cancer condition (the case's, ``active``, or a second primary cancer,
        whose clinical status a case report rarely gives), in text: its words, body site,
        onset with its window, and notes."""
        condition: dict[str, Any] = {
            "resourceType": "Condition",
            "id": _id(ident),
            "meta": {"profile": [MCODE + "mcode-primary-cancer-condition"]},
        }
        if active:
            condition["clinicalStatus"] = _concept(
                "active", "http://terminology.hl7.org/CodeSystem/condition-clinical", "active"
            )
        condition |= {
            "verificationStatus": _concept(
                "confirmed",
                "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                "confirmed",
            ),
            "code": {"text": words},
            "subject": {"reference": self.patient},
        }
        if site:
            condition["bodySite"] = [{"text": site}]
        if (day := self.date(when)) is not None:
            condition["onsetDateTime"] = day
        if notes:
            condition["note"] = [{"text": x} for x in notes]
        ext = self.window("onset", when)
        if ext:
            condition["extension"] = ext
        return condition

    def primary(self) -> dict[str, Any]:
        case = self.case
        assert case is not None
        d = case.diagnosis
        words = " of the ".join(x for x in (d.histology or "cancer", d.site) if x)
        site = (
            " ".join(x for x in (d.laterality, d.site) if x and x != "not-applicable")
            if d.site
            else None
        )
        notes = [x for x in (d.grade and f"Grade: {d.grade}", d.note) if x]
        when = when_point(self.checked, "diagnosis")
        condition = self.cancer_condition(f"{case.id}-primary", words, site, when, notes, True)
        ext = condition.get("extension", []) + self.resistance()
        if ext:
            condition["extension"] = ext
        return condition

    def secondary(self, n: int, site: str) -> dict[str, Any]:
        """A distant metastasis found with the primary (SecondaryCancerCondition): coded as
        SNOMED CT's secondary malignant neoplastic disease, its site in text, onset the
        diagnosis's, tied to the primary by mCODE's related-primary extension."""
        case = self.case
        assert case is not None
        when = when_point(self.checked, "diagnosis")
        condition: dict[str, Any] = {
            "resourceType": "Condition",
            "id": _id(f"{case.id}-metastasis-{n}"),
            "meta": {"profile": [MCODE + "mcode-secondary-cancer-condition"]},
            "extension": [
                {
                    "url": MCODE + "mcode-related-primary-cancer-condition",
                    "valueReference": {"reference": self.condition},
                },
                *self.window("onset", when),
            ],
            "verificationStatus": _concept(
                "confirmed",
                "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                "confirmed",
            ),
            "code": _concept(
                f"metastasis to {site}",
                _SNOMED,
                "128462008",
                "Secondary malignant neoplastic disease (disorder)",
            ),
            "bodySite": [{"text": site}],
            "subject": {"reference": self.patient},
        }
        if (day := self.date(when)) is not None:
            condition["onsetDateTime"] = day
        return condition

    def second_primary(self, e: SecondPrimary) -> dict[str, Any]:
        """A second primary cancer: a primary cancer condition of its own, in text (its
        relation to the first cancer's treatment and its treatment as notes)."""
        relation = f", {e.relation}" if e.relation != "unknown" else ""
        treated = (
            "Not treated"
            if e.untreated
            else f"Treatment: {e.treatment}"
            if e.treatment
            else "Treatment not reported"
        )
        ident = f"{self.case.id if self.case else 'case'}-{e.id}"
        when = when_start(self.checked, e)
        return self.cancer_condition(
            ident, e.cancer, e.site, when, [f"Second primary cancer{relation}", treated]
        )

    def resistance(self) -> list[dict[str, Any]]:
        case = self.case
        assert case is not None
        out = []
        for e in case.events:
            if not isinstance(e, Resistance):
                continue
            w = when_start(self.checked, e)
            parts: list[dict[str, Any]] = [
                {"url": "agent" if e.agent or e.agents else "class", "valueString": e.target},
                {"url": "kind", "valueString": e.resistance_kind},
            ]
            if (day := self.date(w)) is not None:
                parts.append({"url": "date", "valueDateTime": day})
            if w is not None:
                parts.append({"url": "daysFromDiagnosis", "valueInteger": w.offset})
            if e.basis is not None:
                parts.append({"url": "basis", "valueString": e.basis.event})
            if e.mechanism:
                parts.append({"url": "mechanism", "valueString": e.mechanism})
            out.append({"url": EXTENSIONS["resistance"], "extension": parts})
        return out

    def tnm(self) -> None:
        case = self.case
        assert case is not None
        tnm = case.diagnosis.tnm
        if tnm is None:
            return
        when = when_point(self.checked, "diagnosis")
        members: list[str] = []
        for part in ("t", "n", "m", "stage"):
            value = getattr(tnm, part)
            if not value:
                continue
            pathological = value.lower().startswith(("p", "yp")) or (
                part == "stage" and any((x or "").lower().startswith("p") for x in (tnm.t, tnm.n))
            )
            clinical_code, path_code, profile = _TNM[part]
            code = path_code if pathological else clinical_code
            obs: dict[str, Any] = {
                "resourceType": "Observation",
                "id": _id(f"{case.id}-tnm-{part}"),
                "meta": {"profile": [MCODE + f"mcode-{profile}"]},
                "status": "final",
                "category": [
                    _concept(
                        "survey",
                        "http://terminology.hl7.org/CodeSystem/observation-category",
                        "survey",
                    )
                ],
                "code": _concept(
                    f"{'pathological' if pathological else 'clinical'} {profile.replace('-', ' ')}",
                    _LOINC,
                    code,
                ),
                "subject": {"reference": self.patient},
                "focus": [{"reference": self.condition}],
                "valueCodeableConcept": {"text": value},
            }
            if tnm.system:
                obs["method"] = {"text": tnm.system}
            if part == "stage" and not tnm.is_tnm:
                # a stage of another system (Ann Arbor, FIGO) is no TNM stage group: named in
                # text, with neither the TNM LOINC code nor mCODE's TNM profile
                del obs["meta"]
                obs["code"] = {"text": f"{tnm.system} stage"}
            if (day := self.date(when)) is not None:
                obs["effectiveDateTime"] = day
            ext = self.window("effective", when)
            if part == "stage":
                if members:
                    obs["hasMember"] = [{"reference": m} for m in members]
                if tnm.stage_inferred:
                    obs["note"] = [{"text": f"Stage inferred: {tnm.stage_inferred}"}]
            if ext:
                obs["extension"] = ext
            full = self.add(obs)
            if part != "stage":
                members.append(full)

    def medication(self, reg: Regimen, exp: Exposure, line: int | None) -> None:
        case = self.case
        assert case is not None
        start = when_start(self.checked, exp)
        end = (
            when_end(self.checked, exp) if exp.end_date is not None else when_end(self.checked, reg)
        )
        reason = exp.end_reason if exp.end_date is not None and exp.end_reason else reg.end_reason
        agent = exp.agent
        coding = []
        if agent.atc:
            coding.append({"system": _ATC, "code": agent.atc, "display": agent.name})
        if agent.rxnorm:
            coding.append({"system": _RXNORM, "code": agent.rxnorm, "display": agent.name})
        medication: dict[str, Any] = {"text": agent.name}
        if coding:
            medication["coding"] = coding
        period, ext = self.period(start, end)
        intent = _INTENT.get(reg.intent)
        if reg.intent != "unknown":  # (an intent the source does not give is not written)
            ext = [
                {
                    "url": MCODE + "mcode-procedure-intent",
                    "valueCodeableConcept": _concept(reg.intent, _SNOMED, *intent)
                    if intent
                    else {"text": reg.intent},
                },
                *ext,
            ]
        if reason and reason not in ("ongoing", "unknown"):
            ext.append(
                {
                    "url": MCODE + "mcode-treatment-termination-reason",
                    "valueCodeableConcept": {"text": reason.replace("-", " ")},
                }
            )
        if line is not None:
            ext.append({"url": EXTENSIONS["line-of-therapy"], "valueInteger": line})
        ext.append(
            {
                "url": EXTENSIONS["regimen"],
                "extension": [{"url": "id", "valueString": reg.id}]
                + ([{"url": "name", "valueString": reg.name}] if reg.name else []),
            }
        )
        resource: dict[str, Any] = {
            "resourceType": "MedicationAdministration",
            "id": _id(f"{case.id}-{exp.key}"),
            "meta": {"profile": [MCODE + "mcode-cancer-related-medication-administration"]},
            "extension": ext,
            "status": _MED_STATUS.get(reg.end_reason or "", "unknown")
            if exp.end_date is None
            else _MED_STATUS.get(reason or "", "unknown"),
            "medicationCodeableConcept": medication,
            "subject": {"reference": self.patient},
            "reasonReference": [{"reference": self.condition}],
        }
        if period:
            resource["effectivePeriod"] = period
        else:  # no calendar date: required, so marked absent (the days are in date-window)
            resource["effectivePeriod"] = {"extension": [_ABSENT]}
        dosage: dict[str, Any] = {}
        text = ", ".join(x for x in (str(exp.dose) if exp.dose else None, exp.schedule) if x)
        if text:
            dosage["text"] = text
        if exp.route:
            dosage["route"] = {"text": exp.route}
        if dosage:
            resource["dosage"] = dosage
        self.add(resource)

    def procedure(
        self, e: Surgery | Transplant, text: str, profile: str | None = None
    ) -> tuple[dict[str, Any], When | None]:
        """The Procedure of an operation or a transplant, up to its date (and when it was)."""
        case = self.case
        assert case is not None
        when = when_start(self.checked, e)
        resource: dict[str, Any] = {"resourceType": "Procedure", "id": _id(f"{case.id}-{e.id}")}
        if profile is not None:
            resource["meta"] = {"profile": [MCODE + profile]}
        resource.update(
            status="completed",
            code={"text": text},
            subject={"reference": self.patient},
            reasonReference=[{"reference": self.condition}],
        )
        if (day := self.date(when)) is not None:
            resource["performedDateTime"] = day
        return resource, when

    def performed(self, resource: dict[str, Any], when: When | None) -> None:
        """Add ``resource`` with the window of its date, when it is uncertain."""
        ext = self.window("performed", when)
        if ext:
            resource["extension"] = ext
        self.add(resource)

    def surgery(self, e: Surgery) -> None:
        resource, when = self.procedure(
            e,
            e.procedure or "surgery (procedure not stated)",
            "mcode-cancer-related-surgical-procedure",
        )
        if e.site:
            resource["bodySite"] = [{"text": " ".join(x for x in (e.laterality, e.site) if x)}]
        if e.curative is True:
            resource["outcome"] = {"text": "no evidence of disease after the resection"}
        notes = [x for x in (e.findings and f"Findings: {e.findings}", e.note) if x]
        if not e.oncologic:
            notes.append("Not a cancer treatment (an operation for another condition).")
        if notes:
            resource["note"] = [{"text": n} for n in notes]
        self.performed(resource, when)

    def transplant(self, e: Transplant) -> None:
        """A stem-cell transplant: a Procedure named in words (no code: the case gives none),
        its donor, graft, conditioning and the disease's state in its note."""
        resource, when = self.procedure(e, e.words())
        resource["note"] = [{"text": e.text()}, *([{"text": e.note}] if e.note else [])]
        self.performed(resource, when)

    def radiotherapy(self, e: Radiotherapy) -> None:
        case = self.case
        assert case is not None
        start, end = when_start(self.checked, e), when_end(self.checked, e)
        period, ext = self.period(start, end)
        resource: dict[str, Any] = {
            "resourceType": "Procedure",
            "id": _id(f"{case.id}-{e.id}"),
            "meta": {"profile": [MCODE + "mcode-radiotherapy-course-summary"]},
            "status": "completed" if e.end is not None else "unknown",
            "category": _concept(
                "Radiation oncology AND/OR radiotherapy (procedure)", _SNOMED, "108290001"
            ),
            "code": _concept(
                "Radiotherapy course of treatment (regime/therapy)", _SNOMED, "1217123003"
            ),
            "subject": {"reference": self.patient},
            "reasonReference": [{"reference": self.condition}],
        }
        if period:
            resource["performedPeriod"] = period
        if e.site:
            resource["bodySite"] = [{"text": " ".join(x for x in (e.laterality, e.site) if x)}]
        notes = []
        if e.technique:
            notes.append(f"Technique: {e.technique}")
        if e.dose:
            notes.append(
                f"Total dose {e.dose}" + (f" in {e.fractions} fractions" if e.fractions else "")
            )
        if e.intent:
            ext.insert(
                0,
                {
                    "url": MCODE + "mcode-procedure-intent",
                    "valueCodeableConcept": {"text": e.intent},
                },
            )
        if notes:
            resource["note"] = [{"text": n} for n in notes]
        if ext:
            resource["extension"] = ext
        self.add(resource)

    def status(self, e: Response | DiseaseEvent) -> None:
        case = self.case
        assert case is not None
        when = when_start(self.checked, e)
        if isinstance(e, Response):
            key = e.category if e.category in _STATUS else "NE"
            # (no response, SD or PD not told which: "undetermined", as NE, in SNOMED's codes;
            # its words say which)
            words = {
                "unknown": e.authors_term or "unknown",
                "NR": "no response (SD or PD)",
            }.get(e.category, e.category)
        else:
            key, words = "PD", e.type
        code, display = _STATUS[key]
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "id": _id(f"{case.id}-{e.id}"),
            "meta": {"profile": [MCODE + "mcode-cancer-disease-status"]},
            "status": "final",
            "category": [
                _concept(
                    "survey", "http://terminology.hl7.org/CodeSystem/observation-category", "survey"
                )
            ],
            "code": _concept("Cancer disease status", _LOINC, "97509-4"),
            "subject": {"reference": self.patient},
            "focus": [{"reference": self.condition}],
            "valueCodeableConcept": {
                "coding": [{"system": _SNOMED, "code": code, "display": display}],
                "text": words,
            },
        }
        if (day := self.date(when)) is not None:
            resource["effectiveDateTime"] = day
        method = getattr(e, "method", None)
        if method:
            resource["method"] = {"text": method}
        notes = []
        if isinstance(e, Response) and e.authors_term and e.category != "unknown":
            notes.append(f"The authors' words: {e.authors_term}")
        sites = "; ".join(e.sites)
        if sites:
            notes.append(f"Sites: {sites}")
        if isinstance(e, DiseaseEvent) and e.histology:
            notes.append(f"Histology: {e.histology}")
        if notes:
            resource["note"] = [{"text": n} for n in notes]
        ext = self.window("effective", when)
        if ext:
            resource["extension"] = ext
        self.add(resource)

    def _marker_resource(self, ident: str, name: str, when: When | None) -> dict[str, Any]:
        found = _MARKERS.get(name.lower())
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "id": _id(ident),
            "meta": {"profile": [MCODE + "mcode-tumor-marker-test"]},
            "status": "final",
            "category": [
                _concept(
                    "laboratory",
                    "http://terminology.hl7.org/CodeSystem/observation-category",
                    "laboratory",
                )
            ],
            "code": _concept(name, _LOINC, *found) if found else {"text": name},
            "subject": {"reference": self.patient},
            "focus": [{"reference": self.condition}],
        }
        if (day := self.date(when)) is not None:
            resource["effectiveDateTime"] = day
        ext = self.window("effective", when)
        if ext:
            resource["extension"] = ext
        return resource

    def serum_marker(
        self,
        e: Event,
        name: str,
        value: float | None,
        unit: str | None,
        comparator: str | None = None,
        change: str | None = None,
    ) -> None:
        case = self.case
        assert case is not None
        resource = self._marker_resource(
            f"{case.id}-{e.id}-{name}", name, when_start(self.checked, e)
        )
        if change:
            # (the direction the source gives, in words: "decreased")
            resource["interpretation"] = [{"text": change}]
        if value is None:
            resource["valueCodeableConcept"] = {"text": change or "not given"}
            self.add(resource)
            return
        quantity: dict[str, Any] = {"value": value}
        if comparator:  # FHIR Quantity.comparator: < | <= | >= | >
            quantity["comparator"] = {"≤": "<=", "≥": ">="}.get(comparator, comparator)
        if unit:
            quantity["unit"] = unit
            if unit in _UCUM_UNITS:
                quantity |= {"system": _UCUM, "code": _UCUM_UNITS[unit]}
        resource["valueQuantity"] = quantity
        self.add(resource)

    def marker(self, b: Biomarker, ident: str, when: When | None, specimen: str | None) -> None:
        case = self.case
        assert case is not None
        resource = self._marker_resource(f"{case.id}-{ident}-{b.name}", b.name, when)
        number = _number(b.value)
        if number is not None and not b.result:
            quantity: dict[str, Any] = {"value": number}
            if b.unit:
                quantity["unit"] = b.unit
                if b.unit in _UCUM_UNITS:
                    quantity |= {"system": _UCUM, "code": _UCUM_UNITS[b.unit]}
            resource["valueQuantity"] = quantity
        else:
            resource["valueCodeableConcept"] = {"text": b.text()}
        if b.method:
            resource["method"] = {"text": b.method}
        if specimen:
            resource["note"] = [{"text": f"Specimen: {specimen}"}]
        self.add(resource)


def fhir_bundle(checked: Checked) -> dict[str, Any]:
    """The Bundle (type collection) of one checked case, as JSON data."""
    export_points(checked)
    return _Builder(checked).build()


def fhir_json(checked: Checked) -> bytes:
    """The Bundle as JSON text (UTF-8, indented, stable: the same case gives the same bytes)."""
    return (json.dumps(fhir_bundle(checked), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
