"""iCalendar files ("Lisää kalenteriin") written with the icalendar library.

Every session is one VEVENT with its own time, place or online link and status. Its UID
never changes (`talkoot-<year>-<slug>`); its SEQUENCE is the number of changes recorded
for the session and its edition (`Session.sequence`), so a calendar that imported it
updates the entry when the session moves, goes online or is cancelled.

The library escapes text values but writes controls as they are and cannot write a line
break into a name or a parameter, so every text goes through `talkoot.vocabulary.characters`
first: names, places and parameters on one line, the description with its line breaks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

import icalendar

from talkoot.content.model import Event, EventStatus, Place
from talkoot.content.sessions import Session, own_days
from talkoot.vocabulary import words
from talkoot.vocabulary.characters import lines, one_line

PRODID = f"-//talkoot//{words.SITE_NAME}//FI"
# RFC 5545 has no "postponed": the entry stays, marked tentative until a new time is set.
_STATUS = {EventStatus.CANCELLED: "CANCELLED", EventStatus.POSTPONED: "TENTATIVE"}


def _address(place: Place) -> str:
    return one_line(f"{place.name}, {place.street_address}, {place.postal_code} {place.locality}")


def _location(session: Session) -> str:
    """The address, the online link (or platform), or both for a hybrid session."""
    parts = [_address(session.place)] if session.place else []
    if session.online is not None:
        online = session.online
        parts.append(
            str(online.url)
            if online.url and session.place is None
            else f"{online.platform}: {online.url}"
            if online.url
            else f"{online.platform} (linkki kerrotaan ilmoittautuneille)"
        )
    return one_line("; ".join(parts))


def _vevent(
    event: Event,
    *,
    uid: str,
    summary: str,
    url: str,
    stamp: dt.datetime,
    start: dt.datetime,
    end: dt.datetime,
    location: str,
    status: EventStatus | None,
    sequence: int,
    online_url: str | None = None,
    platform: str | None = None,
) -> icalendar.Event:
    vevent = icalendar.Event()
    host = urlsplit(url).hostname or "talkoot.invalid"
    vevent.add("uid", f"{uid}@{host}")
    vevent.add("dtstamp", stamp.astimezone(dt.UTC))
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    vevent.add("summary", one_line(summary))
    if online_url:
        vevent.add("location", location, parameters={"altrep": online_url})
    else:
        vevent.add("location", location)
    vevent.add("description", lines(f"{event.description}\n\n{url}"))
    vevent.add("url", url)
    vevent.add(
        "organizer",
        f"mailto:{event.contact.email}",
        parameters={"cn": one_line(event.organiser.name)},
    )
    if online_url:
        # RFC 7986: the meeting link as a conference a calendar can offer to join
        vevent.add(
            "conference",
            online_url,
            parameters={"value": "URI", "feature": "VIDEO", "label": one_line(platform or "")},
        )
    if status is not None:
        vevent.add("status", _STATUS[status])
    if sequence:  # 0 is the default; leaving it out keeps unchanged files as they were
        vevent.add("sequence", sequence)
    return vevent


def _session_vevent(session: Session, *, url: str, stamp: dt.datetime) -> icalendar.Event:
    event, workshop = session.event, session.workshop
    online = session.online
    return _vevent(
        event,
        uid=f"talkoot-{event.year}-{workshop.slug}",
        summary=f"Työpaja: {workshop.name} – {event.name}",
        url=url,
        stamp=stamp,
        start=session.start,
        end=session.end,
        location=_location(session),
        status=session.status,
        sequence=session.sequence,
        online_url=str(online.url) if online and online.url else None,
        platform=online.platform if online else None,
    )


def _calendar(name: str, vevents: Sequence[icalendar.Event]) -> bytes:
    """VEVENTs in Europe/Helsinki with their VTIMEZONE, never a floating time."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", one_line(name))
    for vevent in vevents:
        calendar.add_component(vevent)
    starts = [v.decoded("dtstart") for v in vevents]
    ends = [v.decoded("dtend") for v in vevents]
    calendar.add_missing_timezones(
        first_date=min(starts).date() - dt.timedelta(days=366),
        last_date=max(ends).date() + dt.timedelta(days=366),
    )
    return bytes(calendar.to_ical())


def edition_calendar(
    event: Event,
    sessions: Sequence[Session] = (),
    *,
    url: str,
    stamp: dt.datetime,
    session_urls: Mapping[str, str] | None = None,
) -> bytes:
    """The edition: one event for an afternoon of parallel workshops, or one event per
    session when the sessions have days of their own."""
    if own_days(sessions):
        urls = session_urls or {}
        return _calendar(
            event.name,
            [_session_vevent(s, url=urls.get(s.workshop.slug, url), stamp=stamp) for s in sessions],
        )
    vevent = _vevent(
        event,
        uid=f"talkoot-{event.year}",
        summary=event.name,
        url=url,
        stamp=stamp,
        start=event.start,
        end=event.end,
        location=_address(event.place),
        status=event.status,
        sequence=len(event.changes),
    )
    return _calendar(event.name, [vevent])


def session_calendar(session: Session, *, url: str, stamp: dt.datetime) -> bytes:
    vevent = _session_vevent(session, url=url, stamp=stamp)
    return _calendar(str(vevent["summary"]), [vevent])
