"""Where an edition is in its year, as of the build's now: what its pages put first.

The phase is a typed value computed from content and `SiteInfo.now`; the templates only
choose by it. The event's dates reach the phase through `milestones()` alone, so a change
in how an event is dated (per-session dates, several days) is made in that one function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from talkoot.content.model import Event
from talkoot.content.sessions import Session


class Phase(StrEnum):
    REGISTRATION_OPEN = "ilmoittautuminen-auki"
    """Before the registration deadline (the deadline day included)."""
    REGISTRATION_CLOSED = "ilmoittautuminen-paattynyt"
    """After the deadline, until the event has ended."""
    EVENT_OVER = "tapahtuma-ohi"
    """The event has ended; its results are not published yet."""
    RESULTS_PUBLISHED = "tulokset-julkaistu"
    """The event has ended and its results (action packages) are published."""


@dataclass(frozen=True)
class Milestones:
    """The moments that change an edition's phase."""

    deadline: dt.date  # the last day of registration, included
    start: dt.datetime
    end: dt.datetime
    provisional: bool = False  # dates not confirmed yet: the event is still ahead


def milestones(event: Event, sessions: Sequence[Session] = ()) -> Milestones:
    """The one place that reads an event's dates for the phase. With sessions of their
    own, registration is open while any session that goes ahead takes registrations, and
    the event is over when its last session has ended."""
    held = [s for s in sessions if s.held]
    return Milestones(
        deadline=max((s.registration.deadline for s in held), default=event.registration.deadline),
        start=min((s.start for s in held), default=event.start),
        end=max((s.end for s in held), default=event.end),
        provisional=not event.dates_confirmed,
    )


def phase_at(moments: Milestones, now: dt.datetime, *, results_published: bool) -> Phase:
    if now >= moments.end and not moments.provisional:
        return Phase.RESULTS_PUBLISHED if results_published else Phase.EVENT_OVER
    if now.astimezone(moments.start.tzinfo).date() <= moments.deadline:
        return Phase.REGISTRATION_OPEN
    return Phase.REGISTRATION_CLOSED


def phase_of(
    event: Event,
    now: dt.datetime,
    *,
    results_published: bool,
    sessions: Sequence[Session] = (),
) -> Phase:
    """The edition's phase at `now` (an aware time, e.g. `SiteInfo.now`)."""
    return phase_at(milestones(event, sessions), now, results_published=results_published)
