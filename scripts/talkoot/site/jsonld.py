"""schema.org JSON-LD of an edition and its sessions, as data (`render.json_ld` writes
it into a page). `absolute` turns a page path (`vocabulary.names`) into its URL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from talkoot.content import sessions
from talkoot.content.model import Attendance, Event, EventStatus, Place
from talkoot.vocabulary import names

_EVENT_STATUS: dict[EventStatus | None, str] = {
    None: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
}

_ATTENDANCE: dict[Attendance, str] = {
    Attendance.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    Attendance.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Attendance.MIXED: "https://schema.org/MixedEventAttendanceMode",
}


def place_json_ld(place: Place) -> dict[str, Any]:
    return {
        "@type": "Place",
        "name": place.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": place.street_address,
            "postalCode": place.postal_code,
            "addressLocality": place.locality,
            "addressCountry": "FI",
        },
    }


def event_json_ld(
    event: Event, resolved: list[sessions.Session], absolute: Callable[[str], str]
) -> dict[str, Any]:
    """schema.org `Event` of an edition, with a `subEvent` per session of its own."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.name,
        "description": event.description,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": _EVENT_STATUS[event.status],
        "eventAttendanceMode": _ATTENDANCE[sessions.attendance(resolved)],
        "inLanguage": "fi",
        "isAccessibleForFree": True,
        "url": absolute(names.edition(event.year)),
        "location": place_json_ld(event.place),
        "organizer": {"@type": "Organization", "name": event.organiser.name},
    }
    if event.organiser.url:
        data["organizer"]["url"] = str(event.organiser.url)
    # Sessions that differ from the edition in time, place or status are events of
    # their own; an afternoon of parallel workshops is described by the edition.
    if any(s.own_time or s.place != event.place or s.online or s.workshop.status for s in resolved):
        data["subEvent"] = [session_json_ld(s, absolute) for s in resolved]
    return data


def session_json_ld(session: sessions.Session, absolute: Callable[[str], str]) -> dict[str, Any]:
    locations: list[dict[str, Any]] = []
    if session.place is not None:
        locations.append(place_json_ld(session.place))
    if session.online is not None:
        virtual: dict[str, Any] = {"@type": "VirtualLocation", "name": session.online.platform}
        if session.online.url:
            virtual["url"] = str(session.online.url)
        locations.append(virtual)
    event = session.event
    return {
        "@type": "Event",
        "name": f"{session.workshop.name} – {event.name}",
        "startDate": session.start.isoformat(),
        "endDate": session.end.isoformat(),
        "eventStatus": _EVENT_STATUS[session.status],
        "eventAttendanceMode": _ATTENDANCE[session.attendance],
        "location": locations[0] if len(locations) == 1 else locations,
        "url": absolute(names.workshop(event.year, session.workshop.slug)),
    }
