"""What a submission is: the issue as data, a checked value with its problems, the
labels the forms and the Action use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

from talkoot.content.model import (
    HELSINKI,
    CityRole,
)
from talkoot.vocabulary import names

T = TypeVar("T")


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
