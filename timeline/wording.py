"""The words for parts of a case that the text summary, the drawings and the teaching steps
all show: the patient line, a toxicity, the vital status at the last follow-up.

One home, so that ``timeline show``, the swimlane and the deck say the same thing the same way.
"""

from __future__ import annotations

import re

from timeline.dates import Anchor, CalendarDate, DateSpec
from timeline.model import (
    Case,
    Complication,
    Death,
    DiseaseEvent,
    Event,
    Imaging,
    MenopauseChange,
    Radiotherapy,
    Regimen,
    Toxicity,
    Transplant,
)

__all__ = [
    "STATUS_WORDS",
    "age_when",
    "death_cause",
    "found_by",
    "labelled",
    "p_text",
    "patient_line",
    "toxicity_text",
    "which_one",
]

#: the ``status`` of a follow-up event in words
STATUS_WORDS = {
    "alive-ned": "alive, no evidence of disease",
    "alive-with-disease": "alive with disease",
    "alive-progression-free": "alive, free of progression",
    "alive": "alive",
    "lost-to-follow-up": "lost to follow-up",
    "unknown": "vital status not reported",
}


def patient_line(case: Case) -> str:
    """The patient and the disease in one line: "52-year-old postmenopausal woman; left breast,
    invasive ductal carcinoma, ..." (the heading of the summary, the drawing and the deck)."""
    p, d = case.patient, case.diagnosis
    bits = []
    if p.age is not None:
        bits.append(p.age.words())
    # a status that a later change of it ends is said as the diagnosis's: "56-year-old
    # premenopausal woman" stood over a figure marking her postmenopausal from an oophorectomy
    changed = p.menopause and any(
        isinstance(e, MenopauseChange) and e.status != p.menopause for e in case.events
    )
    if p.menopause and p.menopause != "unknown" and not changed:
        bits.append(p.menopause)
    if p.sex:
        # (under 18, the age of majority most reports count a child by)
        child = p.age is not None and p.age.years < 18
        words = {"female": ("woman", "girl"), "male": ("man", "boy")}.get(p.sex)
        # (a sex not reported, or another, is no noun: "82-year-old unknown" was printed)
        # (with no age, no noun of an age: a child whose age the abstract does not give was
        # "man", under a title saying "paediatric")
        if p.age is None:
            bits.append(f"{p.sex} patient" if words else "patient")
        else:
            bits.append(words[child] if words else ("child" if child else "patient"))
        if p.sex == "other":
            bits.append("(sex: other)")
    if bits == ["patient"]:  # sex written `unknown`, no age: said as when neither is given
        bits = []
    first = " ".join(bits) or "patient (age and sex not reported)"
    when = "; ".join(
        x
        for x in (f"{p.menopause} at diagnosis" if changed else "", age_when(case))
        if x and x != "unknown at diagnosis"
    )
    if when:
        first += f" ({when})"
    disease = ", ".join(
        x
        for x in (
            _sided(d.laterality, d.site),
            d.histology,
            # (the grade as written: "nuclear grade 1", "Gleason score 9 (5 + 4)"; left out, a
            # T1 bladder tumour read without its G3, which sets its risk group)
            d.grade,
            str(d.tnm) if d.tnm else None,
            # (the nodes as written: cr000's "0/12" was read and said nowhere)
            None if not d.nodes else d.nodes if "node" in d.nodes.lower() else f"nodes: {d.nodes}",
            # (distant metastases found with the primary: a stage IV at presentation read as a
            # localised cancer where the TNM was not given)
            f"metastases: {', '.join(d.metastases)}" if d.metastases else None,
            d.receptor_summary(),
        )
        if x
    )
    return f"{first}; {disease}" if disease else first


def found_by(e: DiseaseEvent, said: str) -> str:
    """``said`` (a change of the disease in words) with how it was found: a method said by an
    adjective before the word ("molecular recurrence", not "recurrence, on molecular"), one
    said by a noun after it ("progression, on MRI"). The words alone left a molecular relapse
    drawn and listed as the two relapses of the marrow before it."""
    if not e.method:
        return said
    word = e.method.strip()
    low = word.lower()
    if " " not in word and low.endswith(("al", "ic", "ar", "ally")):
        return f"{low.removesuffix('ly') if low.endswith('ally') else word} {said}"
    first, _, rest = word.partition(" ")
    if rest.startswith("(") and first.lower().endswith(("al", "ic", "ar")):
        # (an adjective with what showed it: "clinical progression (increasing anaemia)", not
        # "progression, on clinical (increasing anaemia)")
        return f"{first} {said} {rest}"
    return f"{said}, on {e.method}"


def age_when(case: Case) -> str:
    """When the age the case gives was the patient's, in words, when not at the diagnosis
    ("age at the recurrence", "age in 2017"); "" for an age at the diagnosis or one the case
    does not date. A "35-year-old man" of a lung metastasis 21 years after an osteosarcoma
    read as 35 at the diagnosis (the patient line stands beside the diagnosis)."""
    age = case.patient.age
    at = age.at if age is not None else None
    if at is None:
        return ""
    if at.kind == "on" and isinstance(at.on, Anchor):
        if at.on.event == "diagnosis":
            return ""
        e = case.event(at.on.event)
        if e is not None and at.on.part != "end" and _diagnosed_on(case, e):
            # (the operation that made the diagnosis, on its day; or the diagnosis written as
            # that event's day: the same age)
            return ""
        if isinstance(e, DiseaseEvent):
            # (of two progressions, "age at the progression" did not say which: its sites)
            twice = sum(isinstance(x, DiseaseEvent) and x.type == e.type for x in case.events) > 1
            # (without what a site's own parentheses add: "right orbit (intraconal, contiguous
            # with the sclera)" was cut inside them, and the aside's own parenthesis lost)
            sites = [s.split(" (")[0] for s in e.sites or e.new_sites]
            # (after a colon, as an event's label gives its sites: "(age at the progression
            # (brain))" read as nested asides)
            # (all of them when they are a few words, else the first and "…": the first alone
            # read as the only one, "recurrence: left retroauricular skin" of two lesions)
            named = ", ".join(sites)
            if len(sites) > 1 and len(named) > 40:
                named = f"{sites[0]}, …"
            where = f": {named}" if twice and sites else ""
            if twice and e.histology and len(e.histology) <= 40:
                # (a transformation by what it became: "age at the progression: peripheral
                # blood" of a myeloma become a plasma-cell leukaemia read as a disease named
                # "peripheral blood")
                where = f" as {e.histology}"
            return f"age at the {e.type}{where}"
        if isinstance(e, (Toxicity, Complication)):
            # ("age at the complication" for a pulmonary embolism at presentation: its term,
            # when it is a few words, without what its parentheses add at the end; else its
            # first words, when the case has another of its kind: "age at the complication" of
            # a case with a seizure and a misdiagnosed dementia did not say which)
            term = re.sub(r"\s*\([^()]*\)$", "", e.term.strip()) or e.term
            if len(term) > 32:
                if sum(x.kind == e.kind for x in case.events) < 2:
                    return f"age at the {e.kind.replace('-', ' ')}"
                term = term[:31].rsplit(" ", 1)[0].rstrip(",;:") + "…"
            term = term if term[1:2].isupper() else term[:1].lower() + term[1:]
            return f"age at the {term}"
        if isinstance(e, Imaging) and e.method:
            return f"age at the {e.method}"  # ("age at the imaging": the CT)
        if isinstance(e, Regimen):
            # (without the agents its title spells out at its end, which nested the asides:
            # "(age at the start of cilta-cel (ciltacabtagene autoleucel))")
            title = re.sub(r"\s*\([^()]*\)$", "", e.title()) or e.title()
            return f"age at the {'end' if at.on.part == 'end' else 'start'} of {title}"
        if e is not None:
            # (of two operations, "age at the surgery" did not say which: the one named)
            return f"age at the {which_one(case, e) or e.kind.replace('-', ' ')}"
        return ""
    if at.kind == "on" and isinstance(at.on, CalendarDate):
        diagnosis = case.diagnosis.date
        if diagnosis is not None and diagnosis.kind == "on" and diagnosis.on == at.on:
            return ""
        # (on a day, not in it: "age in 2018-11-21")
        return f"age {'on' if at.on.precision == 'day' else 'in'} {at.on}"
    if at.kind == "unknown":
        # (`at: unknown`: "a 70-year-old man, diagnosed in 1999", the report not saying when
        # he was 70, was said to be 70 at "a date other than the diagnosis")
        return "age at a time the source does not give"
    after, before = at.after, at.before
    if at.kind == "between" and at.on is None and not (at.within or at.after_offset):
        # (its window, where the calendar gives it: "age at a date other than the diagnosis"
        # did not say which, of an age "as the report is written", after the presentation
        # in March 2010 and before the report of 2018)
        if isinstance(after, CalendarDate) and isinstance(before, CalendarDate):
            return f"age at a date between {after} and {before}"
        if isinstance(before, CalendarDate) and after is None:
            return f"age at a date by {before}"
    return "age at a date other than the diagnosis"


def which_one(case: Case, e: Event) -> str | None:
    """The procedure of an operation (of any event with a ``procedure``) when the case has
    more than one event of its kind: "the surgery" of a case with a
    hysterectomy and a staging laparotomy did not say which. Without what the procedure's own
    parentheses add at its end ("resection of the primary tumour (close margin)")."""
    named = getattr(e, "procedure", None)
    if not named or sum(x.kind == e.kind for x in case.events) < 2:
        return None
    return re.sub(r"\s*\([^()]*\)$", "", str(named).strip()) or None


def _on_diagnosis_day(case: Case, spec: DateSpec | None) -> bool:
    """Whether a date is written as the diagnosis's own: the same calendar date, or the
    diagnosis itself with no distance."""
    if spec is None or spec.kind != "on":
        return False
    if isinstance(spec.on, Anchor):
        return spec.on.event == "diagnosis"
    diagnosis = case.diagnosis.date
    return diagnosis is not None and diagnosis.kind == "on" and diagnosis.on == spec.on


def _diagnosed_on(case: Case, e: Event) -> bool:
    """Whether an event's start and the diagnosis are written as one day, from either side:
    the event's date the diagnosis's own (:func:`_on_diagnosis_day`), or the diagnosis's date
    that event's start."""
    if _on_diagnosis_day(case, e.start):
        return True
    made = case.diagnosis.date
    return made is not None and made.on_start_of(e.id)


def _sided(laterality: str | None, site: str | None) -> str:
    """The site with its side before it, unless the site already names that side ("brain
    (right parietal lobe)" was "right brain (right parietal lobe)")."""
    side = laterality if laterality and laterality != "not-applicable" else None
    if side and site and re.search(rf"\b{re.escape(side)}\b", site, re.IGNORECASE):
        side = None
    return " ".join(x for x in (side, site) if x)


def death_cause(e: Death) -> str:
    """A death's cause as written, or "cause not reported" when the file writes it as unknown
    (a bare "unknown" after "death" read as the death being uncertain)."""
    cause = (e.cause or "").strip()
    if cause.lower() in ("", "unknown", "not reported", "not stated"):
        return "cause not reported"
    return cause


def toxicity_text(e: Toxicity, case: Case | None = None) -> str:
    """A toxicity in words: term, grade, attribution, labs, action and its own treatment. With
    the ``case``, what it is attributed to is named as a reader knows it (the regimen's name
    and agents, the radiotherapy's or the transplant's words), not by the file's id
    ("attributed to regimen 'systemic'")."""
    # (the scale when the source names one other than CTCAE: "Cytokine release syndrome grade 2
    # (ASTCT)")
    scale = f" ({e.grading})" if e.grade and e.grading and e.grading != "CTCAE" else ""
    parts = [e.term + (f" grade {e.grade}{scale}" if e.grade else "")]

    def named(kind: str, ident: str) -> str:
        found = case.event(ident) if case is not None else None
        if isinstance(found, Regimen):
            return found.title()
        if isinstance(found, Radiotherapy | Transplant):
            return found.words()
        return f"{kind} '{ident}'"

    blamed = ", ".join(e.agents) or (named("regimen", e.regimen) if e.regimen else "")
    if e.radiotherapy:
        rt = named("radiotherapy", e.radiotherapy)
        blamed = f"{blamed} and {rt}" if blamed else rt
    if e.transplant:
        graft = named("transplant", e.transplant)
        blamed = f"{blamed} and {graft}" if blamed else graft
    if blamed and e.attribution:
        # (how sure the source is, on the NCI's attribution scale: "attributed to ibrutinib"
        # was said of an arthralgia whose cause the manufacturer "could not exclude")
        parts.append(f"attribution to {blamed}: {e.attribution}")
    elif blamed:
        parts.append(f"attributed to {blamed}")
    if e.labs:
        parts.append(", ".join(str(lab) for lab in e.labs))
    if e.action:
        done = e.action.replace("-", " ")
        if e.action_on:
            # (on a therapy other than the one it is attributed to: "attributed to BCG;
            # action: held" read as BCG held, long after its instillations were over)
            on = case.event(e.action_on) if case is not None else None
            what = on.title() if isinstance(on, Regimen) else f"regimen '{e.action_on}'"
            parts.append(f"action: {what} {done}")
        else:
            parts.append(f"action: {done}")
    if e.treatment:
        parts.append(f"treated with {e.treatment}")
    return "; ".join(parts)


_SUPERSCRIPT = str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")


def p_text(p: str) -> str:
    """A p-value as written in a trial file, in words: ``p = 1.4 × 10⁻¹⁵`` for
    ``1.4 × 10^-15``, ``p < 0.0001`` for ``<0.0001``."""
    value = p.strip()
    value = re.sub(r"10\^([-+]?\d+)", lambda m: "10" + m.group(1).translate(_SUPERSCRIPT), value)
    if value[:1] in "<>≤≥":
        return f"p {value[0]} {value[1:].strip()}"
    return f"p = {value}"


def quoted(words: str, mark: str = '"') -> str:
    """The authors' words in quotation marks, unless the file already quotes them: a term
    written with its own quotes ("'alleviated'; 'cured'" as two quotations) read
    `""The patient's disease was …"`."""
    if words[:1] in "\"'“‘" and words[-1:] in "\"'”’":
        return words
    return f"{mark}{words}{mark}"


def labelled(label: str, text: str, sep: str = ": ") -> str:
    """A line's label and its regimen in words, the label's last word said once: "adjuvant"
    with "adjuvant chemotherapy" is "adjuvant chemotherapy", "L1 maintenance" with
    "maintenance therapy (…)" is "L1: maintenance therapy (…)" ("adjuvant: adjuvant
    chemotherapy", "L1 maintenance: maintenance therapy" said the intent twice); run into
    words (``sep`` a space), a line of unknown intent is its regimen alone."""
    if label == "intent unknown" and not sep.strip():
        # (no word to set before a name: "intent unknown cisplatin + pemetrexed" read as one)
        return text
    head, _, last = label.rpartition(" ")
    first = text.split(" ", 1)[0].lower()
    if last and first == last.lower():
        return f"{head}{sep}{text}" if head else text
    return f"{label}{sep}{text}"
