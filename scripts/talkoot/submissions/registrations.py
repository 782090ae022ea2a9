"""The registration queue: an edition's registrations recomputed from all its issues
(deadlines, capacities, the waiting list, duplicates, cancelled sessions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from talkoot.content import sessions
from talkoot.content.load import Content, dump
from talkoot.content.model import (
    HELSINKI,
    Event,
    Registrations,
    WorkshopRegistrations,
)
from talkoot.submissions.checks import check_registration
from talkoot.submissions.duplicates import Counted
from talkoot.submissions.issueform import Form
from talkoot.submissions.values import IssueData, RegistrationEntry, local_date
from talkoot.vocabulary import fi, names


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
