"""Short Finnish notices for a change that the person must hear about.

The bot's summary comment is edited in place, and GitHub notifies nobody of an edit; a
new comment notifies everyone subscribed to the issue, its author included. So a change
that matters to the sender - a place confirmed from the waiting list, a decision on a
proposal - also gets one of these. Pure: the states before and after in, text or None.

States are short ASCII words that the summary comment carries in a hidden marker
(`talkoot.github.answers`).
"""

from __future__ import annotations

from typing import Final

from talkoot.submissions.registrations import Outcome, RegistrationResult
from talkoot.submissions.wording import people

#: Proposal states (`Action.proposal`).
NEEDS_FIX: Final = "korjattavaa"
RECEIVED: Final = "vastaanotettu"
APPROVED_NEEDS_FIX: Final = "hyvaksytty-korjattavaa"
PULL: Final = "hyvaksytty"
CHANGE: Final = "muutos"
PULL_CLOSED: Final = "pr-suljettu"
PUBLISHED: Final = "julkaistu"
REJECTED: Final = "hylatty"
#: States in which the editors have approved the proposal.
APPROVED_STATES: Final = frozenset({APPROVED_NEEDS_FIX, PULL, CHANGE, PULL_CLOSED, PUBLISHED})

#: Registration states by outcome.
REGISTRATION_STATES: Final = {
    Outcome.CONFIRMED: "vahvistettu",
    Outcome.WAITING: "jonossa",
    Outcome.LATE: "myohassa",
    Outcome.CANCELLED: "peruttu",
    Outcome.INVALID: "korjattavaa",
    Outcome.DUPLICATE: "kaksoiskappale",
}


def registration_state(result: RegistrationResult) -> str:
    return REGISTRATION_STATES.get(result.outcome, result.outcome.name.lower())


def registration_notice(
    old: str | None, result: RegistrationResult, workshop_names: dict[str, str]
) -> str | None:
    """A place confirmed for a registration that was on the waiting list."""
    entry = result.entry
    if old != REGISTRATION_STATES[Outcome.WAITING] or result.outcome is not Outcome.CONFIRMED:
        return None
    if entry is None:
        return None
    workshop = workshop_names.get(entry.workshop, entry.workshop)
    return (
        f"Hyviä uutisia! Työpajaan {workshop} vapautui tilaa, ja **paikkasi on nyt"
        f" vahvistettu** ({people(entry.participants)}). Tapahtuman tiedot ovat ylempänä"
        " olevassa viestissä."
    )


def proposal_notice(old: str | None, new: str, page_url: str) -> str | None:
    """A decision: approved (a pull request or waiting for a fix), published, rejected."""
    if old is None or old == new:
        return None
    if new in (PULL, APPROVED_NEEDS_FIX) and old not in APPROVED_STATES:
        return (
            "**Ehdotuksesi on hyväksytty** julkaistavaksi – kiitos! Ylempänä olevassa"
            " viestissä kerrotaan, mitä seuraavaksi tapahtuu."
        )
    if new == PUBLISHED and old not in (PUBLISHED, CHANGE):
        return f"Ehdotuksesi on nyt **julkaistu** tapahtuman sivustolla: {page_url}"
    if new == REJECTED:
        return (
            "Ehdotuksesi on käsitelty, eikä sitä tällä kertaa julkaista. Ylempänä olevassa"
            " viestissä on lisätietoja."
        )
    return None
