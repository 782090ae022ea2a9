"""`talkoot new-event YEAR`: scaffold the next edition from the latest one.

The core, `scaffold`, is pure: it takes the content and the files' text and returns the
files to write. The workshops are carried over; the edition and each session move to the
same ISO week and weekday of the new year (each by its own date, keeping its time of day),
their registration deadlines with them, and the dates are marked provisional for the
editors to confirm. A session keeps its place and online platform but not the meeting
link, and a cancelled or postponed status is dropped. Unfinished action packages are
carried forward with their history and a link back (the old ones become `siirretty`).
Past editions keep their files, so their URLs stay.

Files are changed in place with ruamel.yaml's round trip (`content.load.round_trip` and
`dump`), so the editors' comments, key order and layout are kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from talkoot.content.load import Content, dump, round_trip
from talkoot.content.model import (
    HELSINKI,
    UNFINISHED_PACKAGE_STATUSES,
    Event,
    PackageStatus,
    Registration,
    Workshop,
)
from talkoot.exceptions import TalkootError
from talkoot.vocabulary import names


def _same_week_and_weekday(day: dt.date, year: int) -> dt.date:
    week = min(day.isocalendar().week, dt.date(year, 12, 28).isocalendar().week)
    return dt.date.fromisocalendar(year, week, day.isoweekday())


def _shift(start: dt.datetime, year: int) -> dt.timedelta:
    """How far a session starting at `start` moves: to the same ISO week and weekday."""
    day = start.astimezone(HELSINKI).date()
    return _same_week_and_weekday(day, year) - day


def _moved(value: dt.datetime, shift: dt.timedelta) -> dt.datetime:
    # wall-clock arithmetic in Helsinki: 13.00 stays 13.00 across a change of DST
    return value.astimezone(HELSINKI) + shift


def _rename(text: str, old_year: int, new_year: int) -> str:
    return re.sub(rf"\b{old_year}\b", str(new_year), text)


def _set_after(data: Any, key: str, value: Any, after: str) -> None:
    """Set `key`, placed after `after` when it is new (the editors find it there)."""
    if key in data or after not in data:
        data[key] = value
    else:
        data.insert(list(data).index(after) + 1, key, value)


def _drop(data: Any, *keys: str) -> None:
    for key in keys:
        if key in data:
            del data[key]


def _registration(data: Any, registration: Registration, shift: dt.timedelta) -> None:
    """The deadline moves with its session; the note speaks of old dates, so it goes."""
    data["registration"]["deadline"] = registration.deadline + shift
    _drop(data["registration"], "note")


def _event(latest: Event, year: int, text: str) -> Any:
    shift = _shift(latest.start, year)
    data = round_trip(text)
    name = _rename(latest.name, latest.year, year)
    data["year"] = year
    data["name"] = name if name != latest.name else f"{latest.name} {year}"
    data["start"] = _moved(latest.start, shift)
    data["end"] = _moved(latest.end, shift)
    _set_after(data, "dates_confirmed", False, "end")
    for item, model in zip(data.get("programme") or [], latest.programme, strict=True):
        item["start"] = _moved(model.start, shift)
        if model.end is not None:
            item["end"] = _moved(model.end, shift)
    _registration(data, latest.registration, shift)
    if latest.results_event:
        results = data["results_event"]
        results["name"] = _rename(latest.results_event.name, latest.year + 1, year + 1)
        had_day = latest.results_event.month or latest.results_event.date
        _drop(results, "date", "month", "description", "url")
        if had_day:
            results["month"] = f"{year + 1}-01"
    _drop(data, "status", "changes")
    return data


def _workshop(workshop: Workshop, year: int, text: str) -> Any:
    data = round_trip(text)
    data["edition"] = year
    _drop(data, "facilitators", "outcomes", "status", "changes")
    if workshop.start is not None and workshop.end is not None:
        shift = _shift(workshop.start, year)
        data["start"] = _moved(workshop.start, shift)
        data["end"] = _moved(workshop.end, shift)
        if workshop.registration is not None:
            _registration(data, workshop.registration, shift)
    elif workshop.registration is not None:
        _drop(data, "registration")  # without a time of its own, it takes the edition's
    if "online" in data:
        _drop(data["online"], "url")  # a new meeting, a new link
    return data


def scaffold(content: Content, year: int, files: Mapping[str, str]) -> dict[str, str]:
    """Relative content path -> text of every file to write or rewrite. `files` holds the
    text of the content files (relative path -> text), for their comments and layout."""
    latest_year = content.current_year
    if year <= latest_year:
        raise TalkootError(f"Vuosi {year} ei ole uusi: uusin tapahtuma on vuodelta {latest_year}.")
    latest = content.events[latest_year]
    rel = names.event_file(year)
    written = {rel: dump(rel, _event(latest, year, files[content.source_of(latest)]))}
    for workshop in content.workshops.get(latest_year, []):
        rel = names.workshop_file(year, workshop.slug)
        written[rel] = dump(rel, _workshop(workshop, year, files[content.source_of(workshop)]))
    for package in content.packages.get(latest_year, []):
        if package.status not in UNFINISHED_PACKAGE_STATUSES:
            continue
        old = content.source_of(package)
        # publish_from stays: a package still under embargo must not surface through its copy
        carried = round_trip(files[old])
        carried["edition"] = year
        carried["carried_from"] = {"edition": package.edition, "slug": package.slug}
        written[names.package_file(year, package.slug)] = dump(
            names.package_file(year, package.slug), carried
        )
        previous = round_trip(files[old])
        previous["status"] = PackageStatus.CARRIED_FORWARD.value
        written[old] = dump(old, previous)
    return written
