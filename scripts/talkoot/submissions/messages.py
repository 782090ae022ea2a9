"""The bot's Finnish comments on proposals and registrations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from talkoot.content import sessions
from talkoot.content.load import Content
from talkoot.content.model import (
    Event,
)
from talkoot.submissions.duplicates import duplicate_comment
from talkoot.submissions.registrations import Outcome, RegistrationResult
from talkoot.submissions.wording import people
from talkoot.vocabulary import fi, names

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
        "2. Jos ehdotus hyväksytään, se julkaistaan tapahtuman sivustolla, kun toinen"
        " käsittelijä on vielä tarkistanut sen. Tämä viesti kertoo, kun niin on tehty.\n\n"
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
        "Kiitos ehdotuksestasi ja vaivannäöstäsi! Ehdotus on käsitelty, eikä sitä tällä"
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
            else "linkki kerrotaan tässä keskustelussa ennen tilaisuutta"
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
            "Kiitos ilmoittautumisesta! **Ilmoittautumisesi on vahvistettu**:"
            f" {people(entry.participants)} työpajaan {workshop}.\n\n"
            f"Tervetuloa! {when}.\n\n{change_help}"
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
        contact = site_url.rstrip("/") + "/" + names.url(names.contact())
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
