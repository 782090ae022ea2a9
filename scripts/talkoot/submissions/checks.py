"""Checking a submission against its form: every problem at once, in form order, each
naming the form's label in bold, never echoing what the sender typed."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any, Final, TypeVar

from talkoot.content import sessions
from talkoot.content.load import Content
from talkoot.content.model import (
    Workshop,
)
from talkoot.submissions.businessid import (
    business_id_problem,
    is_valid_business_id,
    normalize_business_id,
)
from talkoot.submissions.contactdata import PERSONAL_ID, find_contact_data
from talkoot.submissions.formproblems import STRUCTURAL, FormProblem, ProblemKind
from talkoot.submissions.forms import (
    CITY_ROLE_OPTIONS,
    ORGANISATION_MAX,
    PARTICIPANT_OPTIONS,
    PROPOSAL_FIELDS,
    REGISTRATION_FIELDS,
    SHOW_NAME_OPTIONS,
    TEXT_MAX,
    TITLE_MAX,
)
from talkoot.submissions.issueform import MAX_BODY_CHARS, Form, parse
from talkoot.submissions.values import Checked, IssueData, ProposalSubmission, RegistrationEntry
from talkoot.submissions.wording import _and, characters, code_span, people, problem
from talkoot.vocabulary import fi, words
from talkoot.vocabulary.characters import LINE_BREAKS, first_forbidden

T = TypeVar("T")

TITLE_LABEL: Final = "Otsikko"
TITLE_MIN: Final = 3


def _lenient(form: Form) -> Form:
    """The form without required fields: required answers are checked here, with messages
    in this module's style."""
    elements = tuple(
        dataclasses.replace(
            e,
            required=False,
            required_options=(),
            options=(*e.options, *words.earlier_texts(e.options)),
            # A workshop is matched by its name, with or without a day (`_Checker.workshop`):
            # an answer given before a session moved keeps being understood.
            type="input" if e.id == "workshop" and e.type == "dropdown" else e.type,
        )
        for e in form.elements
    )
    return dataclasses.replace(form, elements=elements)


_TICK_MESSAGES: Final = {
    "consent": "rastita julkaisulupa; ilman sitä ehdotusta ei voi julkaista sivustolla.",
    "privacy": "rastita, että olet lukenut tietosuojaselosteen.",
}


class _Checker:
    """Collects the problems of one submission in form order."""

    def __init__(self, form: Form, fields: Mapping[str, str], what: str) -> None:
        self.form = form
        self.fields = fields
        self.what = what  # "ehdotus" / "ilmoittautuminen", for the contact-data sentence
        self.problems: list[str] = []
        self.broken: set[str] = set()
        self.values: dict[str, Any] = {}

    def add(self, label: str, message: str) -> None:
        text = problem(label, message)
        if text not in self.problems:
            self.problems.append(text)

    def label(self, element_id: str) -> str:
        try:
            return self.form.element(element_id).label
        except KeyError:
            return self.fields.get(element_id, element_id)

    def required(self, element_id: str) -> bool:
        try:
            return self.form.element(element_id).required
        except KeyError:
            return False

    def parse(self, body: str | None) -> bool:
        """Parse the body; False if there is nothing to check field by field."""
        if body is not None and len(body) > MAX_BODY_CHARS:
            self.problems.append(
                f"Lomakkeen teksti on liian pitkä ({characters(len(body))}, enintään"
                f" {fi.number(MAX_BODY_CHARS)}). Lyhennä vastauksia."
            )
            return False
        headings = {section.heading for section in self.form.sections}
        if not any(line.rstrip() in headings for line in (body or "").splitlines()):
            self.problems.append(
                f"Tekstistä puuttuvat lomakkeen kohdat. Tee {self.what} lomakkeella tai palauta"
                " kohtien otsikot (###) ja vastaa niiden alle."
            )
            return False
        result = parse(body, _lenient(self.form))
        self.values = dict(result.values)
        self._structure(result.problems)
        return True

    def _structure(self, problems: Iterable[FormProblem]) -> None:
        """Problems of the body's structure, reworded so that no user text is echoed."""
        sections = {s.id: s for s in self.form.sections}
        for found in problems:
            section = sections.get(found.element_id)
            if section is None:
                if found.kind is ProblemKind.TEXT_BEFORE_SECTIONS:
                    self.problems.append(
                        "Tekstin alussa on jotakin, joka ei kuulu mihinkään lomakkeen kohtaan."
                        " Poista se tai siirrä se oikean kohdan alle."
                    )
                else:
                    self.problems.append(
                        "Lomakkeen rakenne on muuttunut. Säilytä kohtien otsikot (###)"
                        " ennallaan ja kirjoita vastaukset niiden alle."
                    )
                continue
            heading = code_span(section.heading)
            if found.kind in STRUCTURAL:
                self.broken.add(section.id)
            if found.kind is ProblemKind.SECTION_MISSING:
                message = f"kohta puuttuu. Palauta kohta otsikkoineen ({heading}) ja vastaa siihen."
            elif found.kind is ProblemKind.SECTION_MOVED:
                message = (
                    "kohta on eri paikassa kuin lomakkeella. Palauta kohdat lomakkeen"
                    " järjestykseen."
                )
            elif found.kind is ProblemKind.HEADING_REPEATED:
                message = (
                    f"otsikko {heading} on tekstissä useammin kuin kerran, joten vastauksen alkua"
                    " ei voi päätellä varmasti. Poista ylimääräinen otsikko."
                )
            elif section.type == "dropdown":
                continue  # the choice is checked against the options below
            elif section.type == "checkboxes":
                message = (
                    "valintaruutujen rivejä on muutettu. Palauta rivit sellaisiksi kuin ne olivat"
                    " lomakkeella."
                )
            else:
                message = "kohta ei vastaa lomaketta. Tarkista se."
            self.add(section.label, message)

    def contact_data(self, label: str, text: str) -> bool:
        found = find_contact_data(text)
        if PERSONAL_ID in found:
            self.add(
                label,
                f"tekstissä näyttää olevan henkilötunnus. Henkilötunnusta ei saa lähettää: poista"
                f" se heti, sillä {self.what} on julkinen. Poista sen jälkeen myös aiempi versio"
                " muokkaushistoriasta (tekstin yläpuolelta *edited*, valitse versio ja *Delete"
                " revision from history*).",
            )
        kinds = [kind for kind in found if kind != PERSONAL_ID]
        if kinds:
            pronoun = "se" if len(kinds) == 1 else "ne"
            self.add(
                label,
                f"tekstissä näyttää olevan {_and(kinds)}. Poista {pronoun}, sillä {self.what}"
                " on julkinen.",
            )
        return bool(found)

    def forbidden_characters(self, label: str, text: str, *, one_line: bool) -> bool:
        """Whether `text` holds a character the content model refuses (a control, or a tab
        or a line break in a one-line answer); if so, says so."""
        char = first_forbidden(text, multiline=not one_line)
        if char is None:
            return False
        if char in LINE_BREAKS:
            self.add(label, "vastauksen pitää olla yhdellä rivillä. Poista rivinvaihdot.")
        elif char == "\t":
            self.add(label, "vastauksessa on sarkainmerkki. Korvaa se välilyönnillä.")
        else:
            self.add(
                label,
                "tekstissä on näkymätön ohjausmerkki, jota ei voi julkaista. Kirjoita kohta"
                " uudelleen tai liitä teksti ilman muotoilua.",
            )
        return True

    def title(self, raw: str, *, bounded: bool) -> str | None:
        value = raw.strip()
        ok = True
        if bounded and len(value) < TITLE_MIN:
            self.add(
                TITLE_LABEL,
                f"otsikko on liian lyhyt ({characters(len(value))}, vähintään {TITLE_MIN})."
                " Kirjoita otsikoksi ehdotuksen nimi muutamalla sanalla.",
            )
            ok = False
        elif bounded and len(value) > TITLE_MAX:
            self.add(
                TITLE_LABEL,
                f"otsikko on liian pitkä ({characters(len(value))}, enintään"
                f" {fi.number(TITLE_MAX)}).",
            )
            ok = False
        if bounded and self.forbidden_characters(TITLE_LABEL, value, one_line=True):
            ok = False
        if self.contact_data(TITLE_LABEL, value):
            ok = False
        return value if ok else None

    def text(self, element_id: str, limit: int) -> str | None:
        if element_id in self.broken:
            return None
        raw = self.values.get(element_id)
        value = raw.strip() if isinstance(raw, str) else ""
        label = self.label(element_id)
        if not value:
            if self.required(element_id):
                self.add(label, "kohta on pakollinen, mutta siihen ei ole vastattu.")
            return None
        ok = True
        if len(value) > limit:
            self.add(
                label,
                f"teksti on liian pitkä ({characters(len(value))}, enintään {fi.number(limit)}).",
            )
            ok = False
        if self.forbidden_characters(label, value, one_line=self.one_line(element_id)):
            ok = False
        if self.contact_data(label, value):
            ok = False
        return value if ok else None

    def one_line(self, element_id: str) -> bool:
        try:
            return self.form.element(element_id).type == "input"
        except KeyError:
            return True

    def choice(self, element_id: str, options: Mapping[str, T]) -> T | None:
        if element_id in self.broken:
            return None
        raw = self.values.get(element_id)
        label = self.label(element_id)
        if not isinstance(raw, str) or not raw.strip():
            if self.required(element_id):
                self.add(label, "kohta on pakollinen, mutta siihen ei ole vastattu.")
            return None
        if raw not in options:
            today = [o for o in options if o not in words.EARLIER_OPTIONS]
            self.add(label, f"valitse jokin lomakkeen vaihtoehdoista ({', '.join(today)}).")
            return None
        return options[raw]

    def workshop(self, content: Content, year: int) -> Workshop | None:
        """The workshop named by the answer: today's option text, or the name with or
        without a day (earlier forms)."""
        if "workshop" in self.broken:
            return None
        raw = self.values.get("workshop")
        label = self.label("workshop")
        if not isinstance(raw, str) or not raw.strip():
            if self.required("workshop"):
                self.add(label, "kohta on pakollinen, mutta siihen ei ole vastattu.")
            return None
        found = sessions.match_option(raw, content.workshops.get(year, []))
        if found is None:
            try:
                today = list(self.form.element("workshop").options)
            except KeyError:
                today = [w.name for w in content.workshops.get(year, [])]
            self.add(label, f"valitse jokin lomakkeen vaihtoehdoista ({', '.join(today)}).")
        return found

    def business_id(self) -> str | None:
        if "business_id" in self.broken:
            return None
        raw = self.values.get("business_id")
        if not isinstance(raw, str) or not raw.strip():
            return None
        value = normalize_business_id(raw)
        if is_valid_business_id(value):
            return value
        self.add(self.label("business_id"), business_id_problem(value) or "tarkista Y-tunnus.")
        return None

    def ticked(self, element_id: str) -> None:
        if element_id in self.broken:
            return
        try:
            element = self.form.element(element_id)
        except KeyError:
            return
        chosen = self.values.get(element_id) or []
        if any(option not in chosen for option in element.required_options):
            message = _TICK_MESSAGES.get(element_id, "rastita pakollinen valintaruutu.")
            self.add(element.label, message)


def check_proposal(
    issue: IssueData, form: Form, content: Content, *, edition: int | None = None
) -> Checked[ProposalSubmission]:
    """Validate a proposal issue against the form and the edition's workshops."""
    year = edition or content.current_year
    c = _Checker(form, PROPOSAL_FIELDS, "ehdotus")
    title = c.title(issue.title, bounded=True)
    if not c.parse(issue.body):
        return Checked(None, tuple(c.problems))
    workshop = c.workshop(content, year)
    challenge = c.text("challenge", TEXT_MAX)
    action = c.text("action", TEXT_MAX)
    city_role = c.choice("city_role", CITY_ROLE_OPTIONS)
    impact = c.text("impact", TEXT_MAX)
    organisation = c.text("organisation", ORGANISATION_MAX)
    business_id = c.business_id()
    c.ticked("consent")
    c.ticked("privacy")
    if c.problems or None in (title, workshop, challenge, action, city_role):
        if not c.problems:  # a field the form does not have at all
            c.problems.append("Lomake ei vastaa ehdotuslomaketta. Tee ehdotus lomakkeella.")
        return Checked(None, tuple(c.problems))
    assert title is not None and workshop is not None and challenge is not None
    assert action is not None and city_role is not None
    submission = ProposalSubmission(
        number=issue.number,
        edition=year,
        workshop=workshop.slug,
        title=title,
        challenge=challenge,
        action=action,
        impact=impact,
        city_role=city_role,
        organisation=organisation,
        business_id=business_id,
        submitted=issue.created,
    )
    return Checked(submission, ())


def check_registration(
    issue: IssueData, form: Form, content: Content, *, edition: int | None = None
) -> Checked[RegistrationEntry]:
    """Validate a registration issue against the form and the edition's workshops."""
    year = edition or content.current_year
    c = _Checker(form, REGISTRATION_FIELDS, "ilmoittautuminen")
    c.title(issue.title, bounded=False)
    if not c.parse(issue.body):
        return Checked(None, tuple(c.problems))
    organisation = c.text("organisation", ORGANISATION_MAX)
    business_id = c.business_id()
    workshop = c.workshop(content, year)
    participants = c.choice("participants", {option: int(option) for option in PARTICIPANT_OPTIONS})
    limit = workshop.capacity if workshop is not None else None
    if participants is not None and limit is not None and participants > limit:
        c.add(c.label("participants"), f"työpajaan mahtuu enintään {people(limit)}.")
    show_name = c.choice("show_name", SHOW_NAME_OPTIONS)
    c.ticked("privacy")
    if c.problems or None in (organisation, workshop, participants, show_name):
        if not c.problems:
            c.problems.append("Lomake ei vastaa ilmoittautumislomaketta. Ilmoittaudu lomakkeella.")
        return Checked(None, tuple(c.problems))
    assert organisation is not None and workshop is not None
    assert participants is not None and show_name is not None
    entry = RegistrationEntry(
        number=issue.number,
        organisation=organisation,
        business_id=business_id,
        workshop=workshop.slug,
        participants=participants,
        show_name=show_name,
        created=issue.created,
    )
    return Checked(entry, ())
