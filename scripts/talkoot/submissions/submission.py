"""Submissions from issue forms: validation, content files and the bot's Finnish answers.

Everything here is pure: issue data, a parsed form and the `Content` in; a validated
submission or Finnish problems, YAML text and comment text out. `talkoot.ingest` does the
I/O around it.

Rules that shape the texts:

* Every problem names the form's label in bold, e.g. ``**Haaste tai pullonkaula**: teksti
  on liian pitkä (4 210 merkkiä, enintään 3 000).``
* Nothing the sender typed is echoed into a comment: problems describe the spot by the
  form's own labels. User text that must appear elsewhere (a pull request's title or
  body) goes through `plain` or `code_span`, which drop control and format characters
  and keep Markdown, HTML and @mentions inert.
* Content files are written by a YAML emitter (a `yaml.SafeDumper` that writes multi-line
  text as literal blocks), never by string formatting, and re-validated with the model.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, Generic, TypeVar

import yaml
from pydantic import ValidationError

from talkoot.content import sessions
from talkoot.content.load import Content, dump
from talkoot.content.model import (
    HELSINKI,
    SLUG_PATTERN,
    CityRole,
    Event,
    Proposal,
    ProposalStatus,
    Registrations,
    StatusChange,
    Workshop,
    WorkshopRegistrations,
)
from talkoot.submissions.businessid import (
    business_id_problem,
    is_valid_business_id,
    normalize_business_id,
)
from talkoot.submissions.contactdata import PERSONAL_ID, find_contact_data
from talkoot.submissions.duplicates import Counted, duplicate_comment
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
from talkoot.vocabulary import fi, names, words
from talkoot.vocabulary.characters import LINE_BREAKS, first_forbidden

T = TypeVar("T")

TITLE_LABEL: Final = "Otsikko"
TITLE_MIN: Final = 3
#: Longest user text shown in a pull request's title or body.
EXCERPT_MAX: Final = 80


@dataclass(frozen=True)
class LabelSpec:
    name: str
    color: str
    description: str


#: The repository's labels (`talkoot labels` creates them); descriptions ≤ 100 characters.
LABELS: Final = (
    LabelSpec(names.PROPOSAL_LABEL, "1d76db", "Kehittämisehdotus lomakkeelta"),
    LabelSpec(names.REGISTRATION_LABEL, "5319e7", "Ilmoittautuminen työpajaan lomakkeelta"),
    LabelSpec(names.NEEDS_FIX_LABEL, "d93f0b", "Lomakkeessa on korjattavaa; lähettäjä voi muokata"),
    LabelSpec(names.APPROVED_LABEL, "0e8a16", "Ehdotus on hyväksytty julkaistavaksi"),
    LabelSpec(names.REJECTED_LABEL, "b60205", "Ehdotusta ei julkaista"),
)


# --- issues ------------------------------------------------------------------------------


def local_date(value: dt.datetime) -> dt.date:
    """The Helsinki calendar day of a GitHub timestamp (naive means UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(HELSINKI).date()


def parse_timestamp(value: str) -> dt.datetime:
    """GitHub's `2025-03-01T09:00:00Z`."""
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


@dataclass(frozen=True)
class IssueData:
    """What the checks need of an issue, however it was fetched."""

    number: int
    title: str
    body: str | None
    created_at: dt.datetime
    state: str = "open"
    state_reason: str | None = None
    closed_at: dt.datetime | None = None
    labels: tuple[str, ...] = ()
    #: The login that opened the issue ("" when unknown).
    author: str = ""

    @property
    def created(self) -> dt.date:
        return local_date(self.created_at)

    @property
    def cancelled(self) -> bool:
        """Closed as not planned (or as a duplicate): the sender withdrew it."""
        return self.state == "closed" and self.state_reason in ("not_planned", "duplicate")


@dataclass(frozen=True)
class Checked(Generic[T]):
    """A validated value, or None and the Finnish problems (form order)."""

    value: T | None
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.value is not None and not self.problems


@dataclass(frozen=True)
class ProposalSubmission:
    number: int
    edition: int
    workshop: str
    title: str
    challenge: str
    action: str
    impact: str | None
    city_role: CityRole
    organisation: str | None
    business_id: str | None
    submitted: dt.date


@dataclass(frozen=True)
class RegistrationEntry:
    number: int
    organisation: str
    business_id: str | None
    workshop: str
    participants: int
    show_name: bool
    created: dt.date


# --- Finnish wording ---------------------------------------------------------------------


def number_fi(value: int) -> str:
    """`4 210`, `3 000`: thousands grouped with a no-break space."""
    return f"{value:,}".replace(",", "\u00a0")


def characters(count: int) -> str:
    return f"{number_fi(count)} {'merkki' if count == 1 else 'merkkiä'}"


def people(count: int) -> str:
    return f"{count} {'henkilö' if count == 1 else 'henkilöä'}"


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " ja " + items[-1]


def problem(label: str, message: str) -> str:
    return f"**{label}**: {message}"


_INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})


def plain(text: str, limit: int = EXCERPT_MAX) -> str:
    """One line of user text without control, format (bidi, zero-width) or private-use
    characters, whitespace collapsed, at most `limit` characters."""
    kept = "".join(
        " " if unicodedata.category(c) in ("Zl", "Zp") or c in "\t\r\n" else c
        for c in text
        if unicodedata.category(c) not in _INVISIBLE or c in "\t\r\n\u2028\u2029"
    )
    flat = " ".join(kept.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def code_span(text: str, limit: int = EXCERPT_MAX) -> str:
    """User text as inline code: Markdown, HTML, #refs and @mentions stay inert."""
    flat = plain(text, limit)
    if not flat:
        return "(tyhjä)"
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


# --- checking a form ---------------------------------------------------------------------


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
                f" {number_fi(MAX_BODY_CHARS)}). Lyhennä vastauksia."
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
                f" {number_fi(TITLE_MAX)}).",
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
                f"teksti on liian pitkä ({characters(len(value))}, enintään {number_fi(limit)}).",
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


# --- proposals as content ------------------------------------------------------------------


def proposal_slug(title: str) -> str:
    """ASCII letters, digits and hyphens from the title (never user text otherwise)."""
    slug = fi.slug(title, max_length=40)
    return slug if re.fullmatch(SLUG_PATTERN, slug) else ""


def new_proposal_name(number: int, title: str) -> str:
    return posixpath.basename(names.proposal_file(0, number, proposal_slug(title)))


def existing_proposal_name(number: int, names: Iterable[str]) -> str | None:
    """The file of proposal `number` among a directory's names (`12-otsikko.yml`)."""
    pattern = re.compile(rf"{number}(?:-[a-z0-9]+(?:-[a-z0-9]+)*)?\.yml")
    return next((name for name in sorted(names) if pattern.fullmatch(name)), None)


def _base_proposal(text: str | None) -> Proposal | None:
    if text is None:
        return None
    try:
        return Proposal.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError, TypeError):
        return None


def _change_data(change: StatusChange) -> dict[str, Any]:
    data: dict[str, Any] = {"date": change.date, "status": change.status.value}
    if change.note is not None:
        data["note"] = change.note
    return data


def proposal_text(
    submission: ProposalSubmission, rel: str, *, approved: dt.date, base: str | None = None
) -> str:
    """The content file of an approved proposal.

    Without `base` the history is one `julkaistu` entry dated `approved`. With `base` (the
    file as it is on the branch or the default branch) its id, edition, submission date
    and history are kept, since editors may have added statuses, and only the submitted
    answers are replaced; if they are unchanged, `base` is returned as it is.
    """
    old = _base_proposal(base)
    history = (
        list(old.history)
        if old is not None
        else [
            StatusChange(date=max(approved, submission.submitted), status=ProposalStatus.PUBLISHED)
        ]
    )
    data: dict[str, Any] = {
        "id": old.id if old else submission.number,
        "edition": old.edition if old else submission.edition,
        "workshop": submission.workshop,
        "title": submission.title,
        "challenge": submission.challenge,
        "action": submission.action,
    }
    if submission.impact is not None:
        data["impact"] = submission.impact
    data["city_role"] = submission.city_role.value
    if submission.organisation is not None:
        data["organisation"] = submission.organisation
    data["submitted"] = old.submitted if old else submission.submitted
    data["history"] = [_change_data(change) for change in history]
    model = Proposal.model_validate(data)  # a file the loader would refuse is never written
    if old is not None and base is not None and model == old:
        return base
    return dump(rel, data)


def proposal_page_url(site_url: str, edition: int, number: int) -> str:
    return site_url.rstrip("/") + "/" + names.url(names.proposal(edition, number))


def proposal_pull_title(number: int, title: str) -> str:
    """`Ehdotus #12: `otsikko``: the title as inline code, so that a `@mention` or `#1` in
    it stays text (GitHub renders code spans in pull request titles)."""
    return f"Ehdotus #{number}: {code_span(title)}"


# --- registrations -------------------------------------------------------------------------


class Outcome(StrEnum):
    CONFIRMED = "paikka vahvistettu"
    WAITING = "jonossa"
    LATE = "myöhässä"
    CANCELLED = "peruttu"
    INVALID = "tarvitsee korjausta"
    #: The session itself is cancelled or postponed: the registration counts nowhere.
    SESSION_CANCELLED = "tilaisuus peruttu"
    SESSION_POSTPONED = "tilaisuus lykätty"
    #: A second registration of one account for the same workshop: not counted.
    DUPLICATE = "kaksoisilmoittautuminen"


@dataclass(frozen=True)
class RegistrationResult:
    number: int
    outcome: Outcome
    #: The validated registration (also for cancelled and late ones when valid).
    entry: RegistrationEntry | None = None
    #: Place in the workshop's waiting list (1 = next), for `Outcome.WAITING`.
    position: int | None = None
    problems: tuple[str, ...] = ()
    #: The account's counted registration, for `Outcome.DUPLICATE`.
    original: int | None = None


@dataclass(frozen=True)
class Reconciliation:
    year: int
    #: The edition's registrations file, or None when the edition has no registrations.
    registrations: Registrations | None
    #: Issue number -> result, in queue order (created_at, then number).
    results: dict[int, RegistrationResult]


def edition_of(created: dt.date, content: Content) -> int:
    """The edition an issue created on `created` belongs to: the first whose event had
    not ended yet, or the current one."""
    for year in sorted(content.events):
        if created <= content.events[year].end.astimezone(HELSINKI).date():
            return year
    return content.current_year


def edition_issues(issues: Iterable[IssueData], content: Content, year: int) -> list[IssueData]:
    """The issues of edition `year` in queue order: created_at, then number."""
    return sorted(
        (issue for issue in issues if edition_of(issue.created, content) == year),
        key=lambda issue: (issue.created_at, issue.number),
    )


def reconcile_registrations(
    issues: Iterable[IssueData],
    form: Form,
    content: Content,
    *,
    year: int | None = None,
    unlimited: Collection[str] = (),
) -> Reconciliation:
    """Compute the edition's registrations from all its registration issues.

    In queue order: an issue closed as not planned is cancelled; one for a session that is
    cancelled or postponed counts nowhere; one created after its session's deadline day
    (Helsinki time, the deadline itself included; an invalid one, after the last
    session's) is late; an invalid one needs fixing; the rest count. A workshop with a
    capacity takes registrations while the people fit; after that everyone queues,
    strictly in order (a smaller later registration does not pass a larger earlier one).
    Since everything is recomputed from the issues, a cancellation or a registration that
    becomes invalid frees its places and the queue moves up. An account counts once per
    workshop: its later valid registrations for the same workshop are duplicates, except
    for the logins in `unlimited` (editors registering companies on their behalf).
    """
    year = year or content.current_year
    event: Event = content.events[year]
    ordered = edition_issues(issues, content, year)
    workshops = content.workshops.get(year, [])
    session_of = {s.workshop.slug: s for s in sessions.sessions(event, workshops)}
    last_deadline = max(
        (s.registration.deadline for s in session_of.values()),
        default=event.registration.deadline,
    )
    capacity = {w.slug: w.capacity for w in workshops}
    confirmed: dict[str, int] = {w.slug: 0 for w in workshops}
    queue: dict[str, list[RegistrationEntry]] = {w.slug: [] for w in workshops}
    names: dict[str, list[str]] = {w.slug: [] for w in workshops}
    results: dict[int, RegistrationResult] = {}
    changes: list[dt.date] = []
    counted = Counted(unlimited)
    for issue in ordered:
        checked = check_registration(issue, form, content, edition=year)
        entry = checked.value
        if issue.cancelled:
            results[issue.number] = RegistrationResult(issue.number, Outcome.CANCELLED, entry)
            if issue.closed_at is not None:
                changes.append(local_date(issue.closed_at))
            continue
        session = session_of.get(entry.workshop) if entry is not None else None
        if session is not None and not session.held:
            outcome = Outcome.SESSION_CANCELLED if session.cancelled else Outcome.SESSION_POSTPONED
            results[issue.number] = RegistrationResult(issue.number, outcome, entry)
            continue
        deadline = session.registration.deadline if session is not None else last_deadline
        if issue.created > deadline:
            results[issue.number] = RegistrationResult(issue.number, Outcome.LATE, entry)
            continue
        if entry is None:
            results[issue.number] = RegistrationResult(
                issue.number, Outcome.INVALID, problems=checked.problems
            )
            continue
        original = counted.first(issue.author, entry)
        if original is not None:
            results[issue.number] = RegistrationResult(
                issue.number, Outcome.DUPLICATE, entry, original=original
            )
            continue
        changes.append(entry.created)
        slug = entry.workshop
        limit = capacity.get(slug)
        if queue[slug] or (limit is not None and confirmed[slug] + entry.participants > limit):
            queue[slug].append(entry)
            results[issue.number] = RegistrationResult(
                issue.number, Outcome.WAITING, entry, position=len(queue[slug])
            )
            continue
        confirmed[slug] += entry.participants
        if entry.show_name and entry.organisation not in names[slug]:
            names[slug].append(entry.organisation)
        results[issue.number] = RegistrationResult(issue.number, Outcome.CONFIRMED, entry)
    if not ordered:
        return Reconciliation(year, None, results)
    updated = max(changes) if changes else max(issue.created for issue in ordered)
    registrations = Registrations(
        edition=year,
        updated=updated,
        workshops=[
            WorkshopRegistrations(
                workshop=w.slug,
                participants=confirmed[w.slug],
                waiting=sum(entry.participants for entry in queue[w.slug]),
                organisations=fi.sorted_fi(names[w.slug], key=lambda name: name),
            )
            for w in workshops
        ],
    )
    return Reconciliation(year, registrations, results)


def registrations_text(registrations: Registrations) -> str:
    data: dict[str, Any] = {
        "edition": registrations.edition,
        "updated": registrations.updated,
        "workshops": [
            {
                "workshop": w.workshop,
                "participants": w.participants,
                "waiting": w.waiting,
                "organisations": list(w.organisations),
            }
            for w in registrations.workshops
        ],
    }
    Registrations.model_validate(data)
    return dump(names.registrations_file(registrations.edition), data)


def registrations_pull_title(year: int) -> str:
    return f"Ilmoittautumiset {year}"


# --- the bot's comments --------------------------------------------------------------------

_EDIT_HELP = (
    "Korjaa {what} muokkaamalla tätä issueta: valitse issuen tekstin oikeasta yläkulmasta"
    " kolmen pisteen valikko (**···**) ja **Edit**, tee muutokset ja tallenna ne."
)


def _bullets(problems: Iterable[str]) -> str:
    return "\n".join(f"- {p}" for p in problems)


def _with_note(note: str | None, text: str) -> str:
    return f"{note}\n\n{text}" if note else text


def refused_note(label: str, handler: str) -> str:
    """`handler`: who handles proposals (`SiteSettings.handler`), in words a company knows."""
    return (
        f"Merkinnän **{label}** voi lisätä vain ehdotusten käsittelijä ({handler}), joten se"
        " poistettiin."
    )


def proposal_needs_fixing_comment(
    problems: Sequence[str], *, approved: bool = False, note: str | None = None
) -> str:
    if approved:
        intro = (
            "Ehdotus on hyväksytty, mutta siinä on vielä korjattavaa, joten sitä ei voi vielä"
            " lisätä sivustolle:"
        )
        outro = "Kun ehdotus on kunnossa, se lisätään sivustolle automaattisesti."
    else:
        intro = (
            "Kiitos ehdotuksestasi! Siinä on vielä korjattavaa, ennen kuin se voidaan käsitellä:"
        )
        outro = "Ehdotus tarkistetaan automaattisesti uudelleen, ja tämä viesti päivittyy."
    help_text = _EDIT_HELP.format(what="ehdotus")
    return _with_note(note, f"{intro}\n\n{_bullets(problems)}\n\n{help_text} {outro}")


def proposal_received_comment(handler: str, note: str | None = None) -> str:
    return _with_note(
        note,
        "Kiitos ehdotuksestasi! Ehdotuksessa on kaikki tarvittavat tiedot, ja se odottaa nyt"
        f" käsittelyä. Ehdotuksesi käsittelijä on {handler}.\n\n"
        "**Mitä seuraavaksi tapahtuu?**\n\n"
        "1. Ehdotus luetaan. Tarkennuksia voidaan kysyä tässä keskustelussa.\n"
        "2. Jos ehdotus hyväksytään, siitä tehdään pull request, joka lisää sen tapahtuman"
        " sivustolle. Ehdotus julkaistaan, kun pull request on tarkistettu ja yhdistetty.\n\n"
        "Voit vielä muokata ehdotusta. Muutokset tarkistetaan automaattisesti, ja tämä viesti"
        " päivittyy, kun ehdotuksen tila muuttuu.",
    )


def proposal_pull_comment(
    pull_number: int, pull_url: str, page_url: str, *, change: bool, note: str | None = None
) -> str:
    if change:
        text = (
            f"Muokkasit jo julkaistua ehdotusta. Pull request #{pull_number} päivittää muutokset"
            f" sivustolle, kun ne on tarkistettu: {pull_url}"
        )
    else:
        text = (
            "Ehdotus on hyväksytty julkaistavaksi – kiitos!"
            f" Pull request #{pull_number} lisää sen tapahtuman sivustolle: {pull_url}\n\n"
            "Ehdotus julkaistaan, kun pull request on yhdistetty; sen jälkeen"
            f" se näkyy osoitteessa {page_url}. Jos muokkaat ehdotusta sitä ennen, muutokset"
            " päivittyvät samaan pull requestiin."
        )
    return _with_note(note, text)


def proposal_published_comment(page_url: str, note: str | None = None) -> str:
    return _with_note(
        note,
        f"Ehdotus on julkaistu tapahtuman sivustolla – kiitos! Se näkyy osoitteessa {page_url}\n\n"
        "Jos muokkaat ehdotusta, muutokset tarkistetaan ennen kuin ne päivittyvät sivustolle.",
    )


def proposal_pull_closed_comment(pull_number: int, pull_url: str, note: str | None = None) -> str:
    return _with_note(
        note,
        f"Ehdotus on hyväksytty, mutta sen pull request #{pull_number} ({pull_url})"
        " suljettiin yhdistämättä, joten ehdotusta ei ole julkaistu. Lisätietoja kerrotaan"
        " tarvittaessa tässä keskustelussa.",
    )


def proposal_rejected_comment(note: str | None = None) -> str:
    return _with_note(
        note,
        "Kiitos ehdotuksestasi ja vaivannäöstäsi! Ehdotus on käsitelty, ja sitä ei tällä"
        " kertaa julkaista tapahtuman sivustolla. Siksi tämä issue suljetaan.\n\n"
        "Jos haluat kysyä päätöksestä, voit kommentoida tätä keskustelua. Otamme mielellämme"
        " vastaan myös uusia ehdotuksia.",
    )


def _where(session: sessions.Session) -> str:
    parts = []
    if session.place is not None:
        parts.append(
            f"{session.place.name} ({session.place.street_address}, {session.place.locality})"
        )
    if session.online is not None:
        link = (
            str(session.online.url)
            if session.online.url
            else "linkki lähetetään ilmoittautuneille ennen tilaisuutta"
        )
        parts.append(f"verkossa, {session.online.platform}: {link}")
    return "; ".join(parts)


def _session_when(session: sessions.Session) -> str:
    return f"{session.workshop.name} {fi.when(session.start, session.end)}, {_where(session)}"


def _edition_when(event: Event) -> str:
    place = event.place
    return (
        f"{event.name} {fi.when(event.start, event.end)}, {place.name}"
        f" ({place.street_address}, {place.locality})"
    )


def registration_comment(
    result: RegistrationResult, content: Content, year: int, site_url: str
) -> str:
    event = content.events[year]
    workshops = content.workshops.get(year, [])
    session_of = {s.workshop.slug: s for s in sessions.sessions(event, workshops)}
    entry = result.entry
    session = session_of.get(entry.workshop) if entry else None
    workshop = session.workshop.name if session else (entry.workshop if entry else "")
    when = _session_when(session) if session and session.own_time else _edition_when(event)
    if session is not None and not session.own_time and session.place != event.place:
        when = f"{event.name} {fi.when(event.start, event.end)}, {_where(session)}"
    change_help = (
        "Jos suunnitelmat muuttuvat, voit muuttaa osallistujamäärää muokkaamalla tätä issueta"
        " tai perua ilmoittautumisen sulkemalla issuen valinnalla **Close as not planned**."
    )
    if result.outcome is Outcome.CONFIRMED and entry is not None:
        return (
            f"Kiitos ilmoittautumisesta! **Paikka on vahvistettu**: {people(entry.participants)}"
            f" työpajaan {workshop}.\n\nTervetuloa! {when}.\n\n{change_help}"
        )
    if result.outcome is Outcome.WAITING and entry is not None:
        return (
            f"Kiitos ilmoittautumisesta! Työpaja {workshop} on tällä hetkellä täynnä, joten"
            f" ilmoittautumisesi ({people(entry.participants)}) on **jonossa sijalla"
            f" {result.position}**. Jos paikkoja vapautuu, jonossa siirrytään eteenpäin"
            " ilmoittautumisjärjestyksessä, ja tämä viesti päivittyy, kun paikka vahvistuu.\n\n"
            f"{change_help}"
        )
    if result.outcome is Outcome.LATE:
        contact = f"{site_url.rstrip('/')}/yhteystiedot/"
        deadline = (
            session.registration.deadline
            if session is not None
            else max(
                (s.registration.deadline for s in session_of.values()),
                default=event.registration.deadline,
            )
        )
        whose = f"työpajan {workshop} " if session is not None and session.own_time else ""
        return (
            "Kiitos ilmoittautumisesta! Valitettavasti **ilmoittautuminen saapui määräajan"
            f" jälkeen**: {whose}ilmoittautumisaika päättyi {fi.date(deadline)},"
            " joten ilmoittautumista ei voitu ottaa mukaan. Jos haluat silti osallistua, ota"
            f" yhteyttä järjestäjään: {contact}"
        )
    if result.outcome is Outcome.SESSION_CANCELLED:
        return (
            f"Kiitos ilmoittautumisesta! Valitettavasti **työpaja {workshop} on peruttu**,"
            " joten ilmoittautumista ei oteta mukaan eikä sille ole varattu paikkaa."
            f" Muut tilaisuudet ovat sivustolla: {site_url}"
        )
    if result.outcome is Outcome.SESSION_POSTPONED:
        return (
            f"Kiitos ilmoittautumisesta! **Työpaja {workshop} on lykätty**, eikä siihen"
            " oteta ilmoittautumisia ennen kuin uusi ajankohta on tiedossa. Ilmoittautumisesi"
            " on tallessa tässä issuessa, ja tämä viesti päivittyy, kun ajankohta vahvistuu."
        )
    if result.outcome is Outcome.DUPLICATE and entry is not None:
        return duplicate_comment(workshop, result.original)
    if result.outcome is Outcome.CANCELLED:
        return (
            "Ilmoittautuminen on **peruttu**, ja sen paikat on vapautettu muille. Kiitos, että"
            " ilmoitit! Jos haluat sittenkin osallistua, tee uusi ilmoittautuminen."
        )
    help_text = _EDIT_HELP.format(what="ilmoittautuminen")
    return (
        "Kiitos ilmoittautumisesta! Ilmoittautumisessa on vielä korjattavaa, joten sitä ei ole"
        f" vielä otettu mukaan:\n\n{_bullets(result.problems)}\n\n{help_text}"
        " Ilmoittautuminen tarkistetaan automaattisesti uudelleen, ja tämä viesti päivittyy."
    )
