"""iCalendar files ("Lisää kalenteriin") written with the icalendar library.

The library escapes text values but writes controls as they are and cannot write a line
break into a name or a parameter, so every text goes through `talkoot.vocabulary.characters` first:
names, places and parameters on one line, the description with its line breaks.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import icalendar

from talkoot.vocabulary import words
from talkoot.content.model import Event
from talkoot.vocabulary.characters import lines, one_line

PRODID = f"-//talkoot//{words.SITE_NAME}//FI"


def _location(event: Event) -> str:
    p = event.place
    return one_line(f"{p.name}, {p.street_address}, {p.postal_code} {p.locality}")


def _calendar(event: Event, *, uid: str, summary: str, url: str, stamp: dt.datetime) -> bytes:
    """One VEVENT in Europe/Helsinki with its VTIMEZONE, never a floating time."""
    summary = one_line(summary)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", summary)
    vevent = icalendar.Event()
    host = urlsplit(url).hostname or "talkoot.invalid"
    vevent.add("uid", f"{uid}@{host}")
    vevent.add("dtstamp", stamp.astimezone(dt.UTC))
    vevent.add("dtstart", event.start)
    vevent.add("dtend", event.end)
    vevent.add("summary", summary)
    vevent.add("location", _location(event))
    vevent.add("description", lines(f"{event.description}\n\n{url}"))
    vevent.add("url", url)
    organiser = one_line(event.organiser.name)
    vevent.add("organizer", f"mailto:{event.contact.email}", parameters={"cn": organiser})
    calendar.add_component(vevent)
    calendar.add_missing_timezones(
        first_date=event.start.date() - dt.timedelta(days=366),
        last_date=event.end.date() + dt.timedelta(days=366),
    )
    return bytes(calendar.to_ical())


def edition_calendar(event: Event, *, url: str, stamp: dt.datetime) -> bytes:
    return _calendar(event, uid=f"talkoot-{event.year}", summary=event.name, url=url, stamp=stamp)


def workshop_calendar(event: Event, name: str, slug: str, *, url: str, stamp: dt.datetime) -> bytes:
    return _calendar(
        event,
        uid=f"talkoot-{event.year}-{slug}",
        summary=f"Työpaja: {name} – {event.name}",
        url=url,
        stamp=stamp,
    )
