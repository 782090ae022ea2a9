"""Sessions: what a workshop's own time, place, link, registration and status resolve to.

An edition is one afternoon with its workshops side by side (2023), or separate sessions
on days of their own, some elsewhere, some online (2021, 2024). A workshop may carry its
own `start`/`end`, `place`, `online`, `registration` and `status`; whatever it leaves out
is the edition's. `Session` is the one place that resolves them: pages, calendars,
JSON-LD, the forms and the reconciliation of registrations all ask it.

`problems` checks the sessions against their edition (pure; `load` adds file and line).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from talkoot.content.model import (
    HELSINKI,
    Attendance,
    Event,
    EventStatus,
    Online,
    Place,
    Registration,
    Strict,
    Workshop,
)
from talkoot.vocabulary import fi


def deadline_end(registration: Registration) -> dt.datetime:
    """The moment registration closes: the end of the deadline day, Helsinki time."""
    day = registration.deadline + dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=HELSINKI)


@dataclass(frozen=True)
class Session:
    """A workshop of an edition with its effective values (own or inherited)."""

    event: Event
    workshop: Workshop

    @property
    def own_time(self) -> bool:
        return self.workshop.start is not None and self.workshop.end is not None

    @property
    def start(self) -> dt.datetime:
        return self.workshop.start if self.workshop.start is not None else self.event.start

    @property
    def end(self) -> dt.datetime:
        return self.workshop.end if self.workshop.end is not None else self.event.end

    @property
    def place(self) -> Place | None:
        """None for a session that is online only."""
        if self.workshop.place is not None:
            return self.workshop.place
        return None if self.workshop.online is not None else self.event.place

    @property
    def online(self) -> Online | None:
        return self.workshop.online

    @property
    def attendance(self) -> Attendance:
        if self.online is None:
            return Attendance.OFFLINE
        return Attendance.ONLINE if self.place is None else Attendance.MIXED

    @property
    def registration(self) -> Registration:
        return self.workshop.registration or self.event.registration

    @property
    def status(self) -> EventStatus | None:
        """Cancelled if the session or its edition is, else postponed if either is."""
        statuses = {self.event.status, self.workshop.status}
        for status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
            if status in statuses:
                return status
        return None

    @property
    def cancelled(self) -> bool:
        return self.status is EventStatus.CANCELLED

    @property
    def held(self) -> bool:
        """Going ahead as planned (neither cancelled nor postponed)."""
        return self.status is None

    @property
    def sequence(self) -> int:
        """The iCalendar SEQUENCE: the recorded changes of the session and its edition.

        Both lists only grow (editors add a line for every change of time, place or
        status), so the number increases whenever the session changes."""
        return len(self.workshop.changes) + len(self.event.changes)

    def registration_open(self, today: dt.date) -> bool:
        return self.held and today <= self.registration.deadline

    @property
    def option(self) -> str:
        """The session's text in the registration form: the name, and its own day."""
        if not self.own_time:
            return self.workshop.name
        return f"{self.workshop.name} ({_weekday_date(self.start)})"


def _weekday_date(value: dt.datetime) -> str:
    return fi.weekday_date(value.astimezone(HELSINKI).date())


def sessions(event: Event, workshops: Sequence[Workshop]) -> list[Session]:
    """The edition's sessions in display order: by time when they have days of their own,
    otherwise in the workshops' order."""
    resolved = [Session(event, w) for w in workshops]
    if any(s.own_time for s in resolved):
        resolved.sort(key=lambda s: (s.start, s.workshop.order, s.workshop.slug))
    return resolved


def own_days(resolved: Iterable[Session]) -> bool:
    return any(s.own_time for s in resolved)


def attendance(resolved: Sequence[Session]) -> Attendance:
    """The edition's attendance mode from its sessions."""
    modes = {s.attendance for s in resolved}
    if not modes or modes == {Attendance.OFFLINE}:
        return Attendance.OFFLINE
    if modes == {Attendance.ONLINE}:
        return Attendance.ONLINE
    return Attendance.MIXED


def match_option(answer: str, workshops: Sequence[Workshop]) -> Workshop | None:
    """The workshop an answer names: the name alone, or with a day in parentheses (so an
    answer given with an earlier form, before or after a date change, is understood)."""
    by_name = {w.name: w for w in workshops}
    text = answer.strip()
    if text in by_name:
        return by_name[text]
    if text.endswith(")") and " (" in text:
        return by_name.get(text[: text.rindex(" (")])
    return None


# -- checks ---------------------------------------------------------------------------------

#: (the item, its field as a dotted path, Finnish message)
Found = tuple[Strict, str, str]


def _when(value: dt.datetime) -> str:
    return f"{fi.date(value.astimezone(HELSINKI).date())} klo {fi.time(value)}"


def problems(event: Event, workshops: Sequence[Workshop]) -> Iterable[Found]:
    """Every problem of an edition's sessions, in workshop order."""
    timed = [w for w in workshops if w.start is not None or w.end is not None]
    span = fi.when(event.start, event.end)
    # Sessions with days of their own are checked one by one; otherwise they all start
    # when the edition does.
    if not timed and deadline_end(event.registration) > event.start:
        yield (
            event,
            "registration.deadline",
            f"ilmoittautuminen päättyy {fi.date(event.registration.deadline)}, vasta tapahtuman"
            f" alettua ({_when(event.start)})",
        )
    for w in workshops:
        if w.start is not None and w.end is None:
            yield w, "start", "alkamisajalle tarvitaan myös päättymisaika (end)"
        elif w.end is not None and w.start is None:
            yield w, "end", "päättymisajalle tarvitaan myös alkamisaika (start)"
        elif timed and w not in timed:
            yield (
                w,
                "edition",
                f"vuoden {w.edition} muilla työpajoilla on oma aika (start ja end): anna aika"
                " kaikille työpajoille tai ei yhdellekään",
            )
        if w.start is not None and w.end is not None:
            if w.end <= w.start:
                yield w, "end", "päättyy ennen alkamistaan"
            elif w.start < event.start or w.end > event.end:
                yield (
                    w,
                    "start",
                    f"tilaisuus on tapahtuman ajan ulkopuolella ({span}); muuta tilaisuuden"
                    " aikaa tai tapahtuman start- ja end-kenttiä",
                )
        if w.registration is not None:
            session = Session(event, w)
            if deadline_end(w.registration) > session.start:
                yield (
                    w,
                    "registration.deadline",
                    f"ilmoittautuminen päättyy {fi.date(w.registration.deadline)}, vasta"
                    f" tilaisuuden alettua ({_when(session.start)})",
                )
        elif w.start is not None and deadline_end(event.registration) > w.start:
            yield (
                w,
                "start",
                f"tapahtuman ilmoittautuminen päättyy {fi.date(event.registration.deadline)},"
                f" vasta tilaisuuden alettua ({_when(w.start)}); anna tilaisuudelle oma"
                " registration.deadline",
            )
