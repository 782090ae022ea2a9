"""The content model: one definition of an edition, a workshop and a proposal.

Everything else derives from these classes: the JSON Schemas that editors' editors use,
validation of `content/`, the pages, and the files the Action writes.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from talkoot.content import contrast
from talkoot.vocabulary import characters

HELSINKI = ZoneInfo("Europe/Helsinki")

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _refuse_forbidden(value: str, *, multiline: bool) -> str:
    """`value`, or an error naming the first character content may not hold."""
    char = characters.first_forbidden(value, multiline=multiline)
    if char is None:
        return value
    if char in characters.LINE_BREAKS:
        raise PydanticCustomError("one_line", "one_line")
    if char == "\t":
        raise PydanticCustomError("tab", "tab")
    code = {"code": f"U+{ord(char):04X}"}
    if unicodedata.category(char) == "Cc":
        raise PydanticCustomError("control_character", "control_character", code)
    raise PydanticCustomError("invalid_character", "invalid_character", code)


@dataclass(frozen=True)
class Characters:
    """Text refuses the characters `talkoot.vocabulary.characters` forbids in content: controls, and
    in one-line text (`multiline=False`) tabs and line breaks too. The JSON Schemas get the
    rule as a pattern."""

    multiline: bool

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema.setdefault("pattern", characters.schema_pattern(multiline=self.multiline))
        return json_schema

    def _check(self, value: str) -> str:
        return _refuse_forbidden(value, multiline=self.multiline)


ONE_LINE = Characters(multiline=False)
MULTILINE = Characters(multiline=True)


def _one_line_url(value: Any) -> Any:
    # The URL parser would silently drop tabs and line breaks and percent-encode controls.
    return _refuse_forbidden(value.strip(), multiline=False) if isinstance(value, str) else value


#: A name the theme writes into every page's HTML as it is (Material treats `site_name` as
#: trusted settings): no character that markup would read.
NO_MARKUP_PATTERN = r'^[^<>"]*$'
#: A mailbox and nothing more: no `?` query that would add recipients to a mailto: link.
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,}$"

ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), ONE_LINE
]
LongText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=6000), MULTILINE
]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Url = Annotated[AnyHttpUrl, BeforeValidator(_one_line_url)]


def _as_helsinki(value: dt.datetime) -> dt.datetime:
    """A time without an offset is Helsinki local time, never a floating time."""
    if value.tzinfo is None:
        return value.replace(tzinfo=HELSINKI)
    return value.astimezone(HELSINKI)


LocalDateTime = Annotated[dt.datetime, AfterValidator(_as_helsinki)]

_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", " ": "-"})


def as_written(value: object) -> object:
    """An enum value as editors write it: any case, with ä/ö/å and spaces (`Käynnissä`,
    `ei jatkoon`), is read as the stored ASCII value (`kaynnissa`, `ei-jatkoon`)."""
    return value.strip().lower().translate(_FOLD) if isinstance(value, str) else value


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a field name must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Attendance(StrEnum):
    """How people take part (the words are `vocabulary.words.ATTENDANCE`)."""

    OFFLINE = "offline"
    ONLINE = "online"
    MIXED = "mixed"


class EventStatus(StrEnum):
    """An edition or a session that does not go ahead as planned (absent: as planned)."""

    CANCELLED = "peruttu"
    POSTPONED = "lykätty"


def _https_only(value: AnyHttpUrl) -> AnyHttpUrl:
    if value.scheme != "https":
        raise PydanticCustomError("not_https", "not_https")
    return value


HttpsUrl = Annotated[AnyHttpUrl, BeforeValidator(_one_line_url), AfterValidator(_https_only)]


class Online(Strict):
    """Taking part online: the platform, and the meeting link once it is known."""

    platform: ShortText = Field(description="Verkkoalusta, esim. Microsoft Teams")
    url: HttpsUrl | None = Field(
        default=None,
        description="Osallistumislinkki (https://); jos puuttuu, linkki kerrotaan "
        "ilmoittautuneille",
    )


class Change(Strict):
    """A recorded change of time, place or status; calendars count them (SEQUENCE)."""

    date: dt.date
    note: ShortText = Field(description="Mitä muuttui, esim. Siirretty Teamsiin")


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
        str,
        StringConstraints(pattern=EMAIL_PATTERN, max_length=120),
        ONE_LINE,
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

    @property
    def month_date(self) -> dt.date | None:
        if self.month is None:
            return None
        year, month = self.month.split("-")
        return dt.date(int(year), int(month), 1)


class Event(Strict):
    """One edition of the event: `content/events/<year>.yml`."""

    year: Annotated[int, Field(ge=2000, le=2100)]
    name: ShortText
    start: LocalDateTime
    end: LocalDateTime
    dates_confirmed: bool = Field(
        default=True, description="false, kun ajankohta on vielä alustava (uusi vuosi)"
    )
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
    status: EventStatus | None = Field(
        default=None, description="peruttu tai lykätty; puuttuu, kun tapahtuma pidetään"
    )
    changes: list[Change] = Field(
        default_factory=list,
        description="Ajan, paikan tai tilan muutokset; lisää rivi jokaisesta muutoksesta",
    )

    @model_validator(mode="after")
    def _end_after_start(self) -> Event:
        if self.end <= self.start:
            raise PydanticCustomError("end_before_start", "end_before_start")
        return self


class Goal(Strict):
    """A shared goal agreed in a workshop, and what carries it forward."""

    title: ShortText
    description: LongText | None = None
    proposals: list[Annotated[int, Field(ge=1)]] = Field(default_factory=list)
    packages: list[Slug] = Field(default_factory=list)


class Outcomes(Strict):
    """What a workshop produced, filled in by editors after the day."""

    strengths: list[ShortText] = Field(default_factory=list, description="Vahvuudet")
    prerequisites: list[ShortText] = Field(default_factory=list, description="Edellytykset")
    bottlenecks: list[ShortText] = Field(default_factory=list, description="Pullonkaulat")
    goals: list[Goal] = Field(default_factory=list, description="Yhteiset tavoitteet")


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
    outcomes: Outcomes | None = None
    # A session of its own (each optional; absent: the edition's). Checked against the
    # edition in `talkoot.content.sessions`, which also resolves the effective values.
    start: LocalDateTime | None = Field(default=None, description="Oma alkamisaika")
    end: LocalDateTime | None = Field(default=None, description="Oma päättymisaika")
    place: Place | None = Field(
        default=None, description="Oma paikka; jos puuttuu, tapahtuman paikka (ellei vain verkossa)"
    )
    online: Online | None = Field(
        default=None, description="Verkossa; ilman paikkaa vain verkossa, paikan kanssa hybridi"
    )
    registration: Registration | None = Field(
        default=None, description="Oma ilmoittautuminen; jos puuttuu, tapahtuman"
    )
    status: EventStatus | None = Field(
        default=None, description="peruttu tai lykätty; puuttuu, kun tilaisuus pidetään"
    )
    changes: list[Change] = Field(
        default_factory=list,
        description="Ajan, paikan tai tilan muutokset; lisää rivi jokaisesta muutoksesta",
    )


class CityRole(StrEnum):
    DIRECT = "suora"
    ADVOCACY = "edunvalvonta"
    UNKNOWN = "ei-tiedossa"


CityRoleAsWritten = Annotated[CityRole, BeforeValidator(as_written)]


class ProposalStatus(StrEnum):
    RECEIVED = "vastaanotettu"
    PUBLISHED = "julkaistu"
    PRIORITISED = "priorisoitu"
    IN_PACKAGE = "toimenpidekokonaisuudessa"
    IN_PROGRESS = "toteutuksessa"
    DONE = "toteutettu"
    NOT_TAKEN_FORWARD = "ei-jatkoon"


ProposalStatusAsWritten = Annotated[ProposalStatus, BeforeValidator(as_written)]


class StatusChange(Strict):
    """One step of a proposal's lifecycle, with the editors' reasoning."""

    date: dt.date
    status: ProposalStatusAsWritten
    note: LongText | None = Field(default=None, description="Toimittajien perustelu tai vastaus")
    publish_from: dt.date | None = Field(
        default=None,
        description="Päätös julkaistaan vasta tänä päivänä (esim. tammikuun tilaisuus)",
    )


# Which status may follow which: forward through the lifecycle, or out of it.
TRANSITIONS: dict[ProposalStatus, frozenset[ProposalStatus]] = {
    ProposalStatus.RECEIVED: frozenset(
        {ProposalStatus.PUBLISHED, ProposalStatus.NOT_TAKEN_FORWARD}
    ),
    ProposalStatus.PUBLISHED: frozenset(
        {ProposalStatus.PRIORITISED, ProposalStatus.IN_PACKAGE, ProposalStatus.NOT_TAKEN_FORWARD}
    ),
    ProposalStatus.PRIORITISED: frozenset(
        {ProposalStatus.IN_PACKAGE, ProposalStatus.NOT_TAKEN_FORWARD}
    ),
    ProposalStatus.IN_PACKAGE: frozenset(
        {ProposalStatus.IN_PROGRESS, ProposalStatus.DONE, ProposalStatus.NOT_TAKEN_FORWARD}
    ),
    ProposalStatus.IN_PROGRESS: frozenset({ProposalStatus.DONE, ProposalStatus.NOT_TAKEN_FORWARD}),
    ProposalStatus.DONE: frozenset(),
    ProposalStatus.NOT_TAKEN_FORWARD: frozenset(),
}
FIRST_STATUSES = frozenset({ProposalStatus.RECEIVED, ProposalStatus.PUBLISHED})


class Proposal(Strict):
    """An approved submission: `content/proposals/<year>/<id>-<slug>.yml`."""

    id: Annotated[int, Field(ge=1, description="Ehdotuksen GitHub-issuen numero")]
    edition: Annotated[int, Field(ge=2000, le=2100)]
    workshop: Slug
    title: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=3, max_length=120), ONE_LINE
    ]
    challenge: LongText
    action: LongText
    impact: LongText | None = None
    city_role: CityRoleAsWritten
    organisation: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=120), ONE_LINE] | None
    ) = None
    submitted: dt.date = Field(description="Päivä, jona ehdotus lähetettiin")
    history: list[StatusChange] = Field(
        min_length=1, description="Tilan muutokset vanhimmasta uusimpaan"
    )

    @model_validator(mode="after")
    def _history_in_order(self) -> Proposal:
        dates = [self.submitted, *(change.date for change in self.history)]
        if any(later < earlier for earlier, later in pairwise(dates)):
            raise PydanticCustomError("history_order", "history_order")
        statuses = [change.status for change in self.history]
        if statuses[0] not in FIRST_STATUSES:
            raise PydanticCustomError("history_first", "history_first")
        for index, (before, after) in enumerate(pairwise(statuses), 1):
            if after not in TRANSITIONS[before]:
                raise PydanticCustomError(
                    "history_transition",
                    "history_transition",
                    {"index": index, "before": before.value, "after": after.value},
                )
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


class PackageStatus(StrEnum):
    PLANNED = "suunnitteilla"
    IN_PROGRESS = "kaynnissa"
    DONE = "valmis"
    STOPPED = "keskeytetty"
    CARRIED_FORWARD = "siirretty"


UNFINISHED_PACKAGE_STATUSES = frozenset({PackageStatus.PLANNED, PackageStatus.IN_PROGRESS})

#: How editors write a package status where the stored value (kept stable for open data)
#: lacks its Finnish letters. Both spellings are accepted; the schema offers these first.
PACKAGE_STATUS_SPELLINGS: dict[PackageStatus, str] = {PackageStatus.IN_PROGRESS: "käynnissä"}
PACKAGE_STATUSES_AS_WRITTEN = [PACKAGE_STATUS_SPELLINGS.get(s, s.value) for s in PackageStatus]

PackageStatusAsWritten = Annotated[
    PackageStatus,
    BeforeValidator(as_written),
    WithJsonSchema(
        {
            "type": "string",
            "enum": [*PACKAGE_STATUSES_AS_WRITTEN, *(s.value for s in PACKAGE_STATUS_SPELLINGS)],
            "description": "Tila: " + ", ".join(PACKAGE_STATUSES_AS_WRITTEN),
        },
        mode="validation",
    ),
]


class Milestone(Strict):
    title: ShortText
    due: dt.date | None = Field(default=None, description="Tavoitepäivä")
    done: dt.date | None = Field(default=None, description="Toteutumispäivä")


class PackageUpdate(Strict):
    date: dt.date
    text: LongText
    publish_from: dt.date | None = None


class CarriedFrom(Strict):
    edition: Annotated[int, Field(ge=2000, le=2100)]
    slug: Slug


class Package(Strict):
    """An action package (toimenpidekokonaisuus): `content/packages/<year>/<slug>.yml`."""

    edition: Annotated[int, Field(ge=2000, le=2100)]
    slug: Slug
    title: ShortText
    description: LongText
    workshops: list[Slug] = Field(min_length=1)
    proposals: list[Annotated[int, Field(ge=1)]] = Field(default_factory=list)
    city_role: Annotated[
        Literal[CityRole.DIRECT, CityRole.ADVOCACY], BeforeValidator(as_written)
    ] = Field(description="suora = kaupunki toimii itse, edunvalvonta = kaupunki edunvalvojana")
    responsible_unit: ShortText = Field(description="Vastuuyksikkö")
    status: PackageStatusAsWritten
    progress: Annotated[int, Field(ge=0, le=100, description="Edistyminen prosentteina")]
    completed: dt.date | None = Field(default=None, description="Valmistumispäivä")
    milestones: list[Milestone] = Field(default_factory=list)
    updates: list[PackageUpdate] = Field(default_factory=list)
    publish_from: dt.date | None = Field(
        default=None, description="Julkaistaan vasta tänä päivänä (esim. tammikuun tilaisuus)"
    )
    carried_from: CarriedFrom | None = None

    @model_validator(mode="after")
    def _done_has_date(self) -> Package:
        if self.status == PackageStatus.DONE and self.completed is None:
            raise PydanticCustomError("done_without_date", "done_without_date")
        if self.status == PackageStatus.DONE and self.progress != 100:
            raise PydanticCustomError("done_not_complete", "done_not_complete")
        return self


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


HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Colours(Strict):
    """Brand colours. Each carries white text (header, buttons) or is text on white (links),
    so each must have a contrast of at least 4.5:1 with white (WCAG 2.1 AA)."""

    primary: HexColour = Field(default="#00507a", description="Yläpalkki ja painikkeet")
    primary_dark: HexColour = Field(default="#003a59", description="Painikkeen tumma sävy")
    accent: HexColour = Field(default="#8a3b00", description="Korostus (osoitin linkin päällä)")
    link: HexColour = Field(default="#005a8c", description="Linkit tekstissä")

    @model_validator(mode="after")
    def _readable_on_white(self) -> Colours:
        for name in type(self).model_fields:
            value = contrast.ratio(getattr(self, name), contrast.WHITE)
            if value < contrast.TEXT_AA:
                raise PydanticCustomError(
                    "low_contrast", "low_contrast", {"field": name, "ratio": f"{value:.1f}"}
                )
        return self


class SiteSettings(Strict):
    """The site's own settings, one file: `content/site.yml`. Another city sets its own."""

    name: Annotated[ShortText, StringConstraints(pattern=NO_MARKUP_PATTERN)] = Field(
        default="Tulevaisuuden suunnittelutalkoot", description="Sivuston ja tapahtuman nimi"
    )
    short_name: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=22, pattern=NO_MARKUP_PATTERN
        ),
        ONE_LINE,
    ] = Field(
        default="Suunnittelutalkoot",
        description="Lyhyt nimi yläpalkkiin; mahtuu puhelimen näytölle (enintään 22 merkkiä)",
    )
    mark: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=3, pattern=NO_MARKUP_PATTERN
        ),
        ONE_LINE,
    ] = Field(default="ST", description="Logon kirjaimet (1–3 merkkiä)")
    handler: ShortText = Field(
        default="kaupungin elinkeinopalvelut",
        description="Kuka käsittelee yritysten ehdotukset ja ilmoittautumiset, yrityksen "
        "ymmärtämin sanoin (perusmuodossa), esim. kaupungin elinkeinopalvelut",
    )
    colours: Colours = Field(default_factory=Colours)


KINDS: dict[str, type[Strict]] = {
    "events": Event,
    "workshops": Workshop,
    "proposals": Proposal,
    "registrations": Registrations,
    "packages": Package,
}
