"""The Finnish words for values and fields, defined once.

Pages, issue forms, the bot's comments and open data all ask here, so a status or a
role reads the same everywhere. A form option that is reworded keeps being understood:
its earlier text stays in `EARLIER_OPTIONS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, TypeVar

from talkoot.content.model import (
    Attendance,
    CityRole,
    EventStatus,
    PackageStatus,
    ProposalStatus,
    SiteSettings,
)

T = TypeVar("T")

#: The default site name; a site's own is `name` in content/site.yml (`Content.settings`).
SITE_NAME: Final[str] = SiteSettings.model_fields["name"].default
#: Who handles proposals by default; a site's own is `handler` in content/site.yml.
HANDLER: Final[str] = SiteSettings.model_fields["handler"].default

PROPOSAL_STATUS: Final[Mapping[ProposalStatus, str]] = MappingProxyType(
    {
        ProposalStatus.RECEIVED: "Vastaanotettu",
        ProposalStatus.PUBLISHED: "Julkaistu",
        ProposalStatus.PRIORITISED: "Priorisoitu",
        ProposalStatus.IN_PACKAGE: "Osa toimenpidekokonaisuutta",
        ProposalStatus.IN_PROGRESS: "Toteutuksessa",
        ProposalStatus.DONE: "Toteutettu",
        ProposalStatus.NOT_TAKEN_FORWARD: "Ei viety eteenpäin",
    }
)
PACKAGE_STATUS: Final[Mapping[PackageStatus, str]] = MappingProxyType(
    {
        PackageStatus.PLANNED: "Suunnitteilla",
        PackageStatus.IN_PROGRESS: "Käynnissä",
        PackageStatus.DONE: "Valmis",
        PackageStatus.STOPPED: "Keskeytetty",
        PackageStatus.CARRIED_FORWARD: "Siirretty seuraavalle vuodelle",
    }
)
CITY_ROLE: Final[Mapping[CityRole, str]] = MappingProxyType(
    {
        CityRole.DIRECT: "Kaupunki voi toimia suoraan",
        CityRole.ADVOCACY: "Kaupunki voi toimia edunvalvojana",
        CityRole.UNKNOWN: "Ei vielä tiedossa",
    }
)
EVENT_STATUS: Final[Mapping[EventStatus, str]] = MappingProxyType(
    {EventStatus.CANCELLED: "Peruttu", EventStatus.POSTPONED: "Lykätty"}
)
ATTENDANCE: Final[Mapping[Attendance, str]] = MappingProxyType(
    {
        Attendance.OFFLINE: "paikan päällä",
        Attendance.ONLINE: "verkossa",
        Attendance.MIXED: "paikan päällä ja verkossa",
    }
)
YES_NO: Final[Mapping[bool, str]] = MappingProxyType({True: "Kyllä", False: "Ei"})

#: Option texts of earlier forms -> the value they meant. Issues opened with an older
#: form keep their text, and they are still understood.
EARLIER_OPTIONS: Final[Mapping[str, object]] = MappingProxyType(
    {
        "En osaa sanoa": CityRole.UNKNOWN,
        "Kaupunki toimii edunvalvojana": CityRole.ADVOCACY,
    }
)

#: Form element id -> its label (the `### ` heading in the issue body), in form order.
PROPOSAL_FIELDS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "workshop": "Työpaja",
        "challenge": "Haaste tai pullonkaula",
        "action": "Ehdotettu toimenpide",
        "city_role": "Kaupungin rooli",
        "impact": "Odotettu vaikutus",
        "organisation": "Ehdottava organisaatio",
        "business_id": "Y-tunnus",
        "consent": "Julkaisulupa",
        "privacy": "Tietosuoja",
    }
)
REGISTRATION_FIELDS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "organisation": "Organisaatio",
        "business_id": "Y-tunnus",
        "workshop": "Työpaja",
        "participants": "Osallistujamäärä",
        "show_name": "Saako organisaation nimen näyttää sivustolla?",
        "privacy": "Tietosuoja",
    }
)


def options(labels: Mapping[T, str]) -> Mapping[str, T]:
    """Option text -> value for a form: today's texts in order, then earlier texts of the
    same values (a form lists only today's; a parser understands both)."""
    current = {text: value for value, text in labels.items()}
    earlier = {
        text: value
        for text, value in EARLIER_OPTIONS.items()
        if value in labels and text not in current
    }
    return MappingProxyType({**current, **earlier})  # type: ignore[dict-item]


def current_options(labels: Mapping[T, str]) -> list[str]:
    """The option texts a form shows today, in order."""
    return list(labels.values())


def earlier_texts(options: list[str] | tuple[str, ...]) -> list[str]:
    """The earlier option texts that mean one of today's `options` (for parsing old issues)."""
    today = {text: value for labels in (CITY_ROLE,) for value, text in labels.items()}
    meant = {today[o] for o in options if o in today}
    return [text for text, value in EARLIER_OPTIONS.items() if value in meant]
