"""The content model: one definition of an edition, a workshop and a proposal.

Everything else derives from these classes: the JSON Schemas that editors' editors use,
validation of `content/`, the pages, and the files the Action writes.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic_core import PydanticCustomError
from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

HELSINKI = ZoneInfo("Europe/Helsinki")

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=6000)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Url = AnyHttpUrl


def _as_helsinki(value: dt.datetime) -> dt.datetime:
    """A time without an offset is Helsinki local time, never a floating time."""
    if value.tzinfo is None:
        return value.replace(tzinfo=HELSINKI)
    return value.astimezone(HELSINKI)


LocalDateTime = Annotated[dt.datetime, AfterValidator(_as_helsinki)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a field name must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Place(Strict):
    name: ShortText = Field(description="Paikan nimi, esim. Lappeenrannan kaupungintalo")
    street_address: ShortText = Field(description="Katuosoite")
    postal_code: Annotated[str, StringConstraints(pattern=r"^\d{5}$")] = Field(
        description="Postinumero"
    )
    locality: ShortText = Field(description="Postitoimipaikka")


class Organiser(Strict):
    name: ShortText
    unit: ShortText | None = None
    url: Url | None = None


class Contact(Strict):
    """A role and a shared mailbox, never a named person: the site is public."""

    role: ShortText = Field(description="Tehtävänimike, esim. yrityspalvelupäällikkö")
    organisation: ShortText
    email: Annotated[
        str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", max_length=120)
    ]
    url: Url | None = None


class ProgrammeItem(Strict):
    start: LocalDateTime
    end: LocalDateTime | None = None
    title: ShortText
    description: LongText | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> ProgrammeItem:
        if self.end is not None and self.end <= self.start:
            raise PydanticCustomError("end_before_start", "end_before_start")
        return self


class Registration(Strict):
    deadline: dt.date = Field(description="Viimeinen ilmoittautumispäivä (päivä mukaan lukien)")
    url: Url | None = Field(
        default=None,
        description="Ulkoinen ilmoittautumissivu; jos puuttuu, käytetään sivuston lomaketta",
    )
    note: LongText | None = None


class ResultsEvent(Strict):
    name: ShortText
    date: dt.date | None = None
    month: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")] | None = Field(
        default=None, description="Kuukausi (VVVV-KK), jos tarkkaa päivää ei tiedetä"
    )
    description: LongText | None = None
    url: Url | None = None


class Event(Strict):
    """One edition of the event: `content/events/<year>.yml`."""

    year: Annotated[int, Field(ge=2000, le=2100)]
    name: ShortText
    start: LocalDateTime
    end: LocalDateTime
    end_is_estimate: bool = Field(
        default=False, description="Päättymisaika on arvio, jota ei ole julkaistu"
    )
    place: Place
    organiser: Organiser
    contact: Contact
    audience: LongText
    description: LongText
    programme: list[ProgrammeItem] = Field(default_factory=list)
    registration: Registration
    results_event: ResultsEvent | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> Event:
        if self.end <= self.start:
            raise PydanticCustomError("end_before_start", "end_before_start")
        return self


class Workshop(Strict):
    """A sector workshop of an edition: `content/workshops/<year>/<slug>.yml`."""

    edition: Annotated[int, Field(ge=2000, le=2100)]
    name: ShortText = Field(description="Toimialan nimi, esim. Teollisuus")
    slug: Slug
    order: Annotated[int, Field(ge=1, le=99)] = Field(description="Järjestys sivulla")
    description: LongText
    questions: list[ShortText] = Field(min_length=1)
    facilitators: list[ShortText] = Field(default_factory=list)
    capacity: Annotated[int, Field(ge=1, le=1000)] | None = None


class CityRole(StrEnum):
    DIRECT = "suora"
    ADVOCACY = "edunvalvonta"
    UNKNOWN = "ei-tiedossa"


class ProposalStatus(StrEnum):
    RECEIVED = "vastaanotettu"
    PUBLISHED = "julkaistu"
    PRIORITISED = "priorisoitu"
    IN_PACKAGE = "toimenpidekokonaisuudessa"
    IN_PROGRESS = "toteutuksessa"
    DONE = "toteutettu"
    NOT_TAKEN_FORWARD = "ei-jatkoon"


class StatusChange(Strict):
    """One step of a proposal's lifecycle, with the editors' reasoning."""

    date: dt.date
    status: ProposalStatus
    note: LongText | None = Field(default=None, description="Toimittajien perustelu tai vastaus")


class Proposal(Strict):
    """An approved submission: `content/proposals/<year>/<id>-<slug>.yml`."""

    id: Annotated[int, Field(ge=1, description="Ehdotuksen GitHub-issuen numero")]
    edition: Annotated[int, Field(ge=2000, le=2100)]
    workshop: Slug
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=120)]
    challenge: LongText
    action: LongText
    impact: LongText | None = None
    city_role: CityRole
    organisation: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = (
        None
    )
    submitted: dt.date = Field(description="Päivä, jona ehdotus lähetettiin")
    history: list[StatusChange] = Field(
        min_length=1, description="Tilan muutokset vanhimmasta uusimpaan"
    )

    @model_validator(mode="after")
    def _history_in_order(self) -> Proposal:
        dates = [self.submitted, *(change.date for change in self.history)]
        if any(later < earlier for earlier, later in zip(dates, dates[1:], strict=False)):
            raise PydanticCustomError("history_order", "history_order")
        return self

    @property
    def status(self) -> ProposalStatus:
        return self.history[-1].status

    @property
    def updated(self) -> dt.date:
        return self.history[-1].date

    @property
    def answer(self) -> str | None:
        return next((c.note for c in reversed(self.history) if c.note), None)


class WorkshopRegistrations(Strict):
    workshop: Slug
    participants: Annotated[int, Field(ge=0, description="Vahvistetut paikat (henkilöä)")]
    waiting: Annotated[int, Field(ge=0, description="Jonossa (henkilöä)")] = 0
    organisations: list[ShortText] = Field(
        default_factory=list,
        description="Organisaatiot, jotka antoivat luvan näyttää nimensä (aakkosjärjestyksessä)",
    )


class Registrations(Strict):
    """An edition's registrations, reconciled from the registration issues by the Action:
    `content/registrations/<year>.yml`."""

    edition: Annotated[int, Field(ge=2000, le=2100)]
    updated: dt.date
    workshops: list[WorkshopRegistrations]


KINDS: dict[str, type[Strict]] = {
    "events": Event,
    "workshops": Workshop,
    "proposals": Proposal,
    "registrations": Registrations,
}
