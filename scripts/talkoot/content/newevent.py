"""`talkoot new-event YEAR`: scaffold the next edition from the latest one.

The core, `scaffold`, is pure: it takes the content and returns the files to write. The
workshops are carried over, the dates are moved to the same week and weekday of the new
year and marked provisional for the editors to confirm, and unfinished action packages are
carried forward with their history and a link back (the old ones become `siirretty`).
Past editions keep their files, so their URLs stay.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from talkoot.content.load import Content, dump
from talkoot.content.model import UNFINISHED_PACKAGE_STATUSES, Event, PackageStatus
from talkoot.exceptions import TalkootError
from talkoot.vocabulary import names


def _same_week_and_weekday(day: dt.date, year: int) -> dt.date:
    week = min(day.isocalendar().week, dt.date(year, 12, 28).isocalendar().week)
    return dt.date.fromisocalendar(year, week, day.isoweekday())


def _rename(text: str, old_year: int, new_year: int) -> str:
    return re.sub(rf"\b{old_year}\b", str(new_year), text)


def _event(latest: Event, year: int) -> dict[str, Any]:
    shift = _same_week_and_weekday(latest.start.date(), year) - latest.start.date()
    data: dict[str, Any] = latest.model_dump(mode="json", exclude_defaults=True)
    name = _rename(latest.name, latest.year, year)
    data.update(
        year=year,
        name=name if name != latest.name else f"{latest.name} {year}",
        start=(latest.start + shift).isoformat(),
        end=(latest.end + shift).isoformat(),
        dates_confirmed=False,
        programme=[
            {
                **item.model_dump(mode="json", exclude_defaults=True),
                "start": (item.start + shift).isoformat(),
                **({"end": (item.end + shift).isoformat()} if item.end else {}),
            }
            for item in latest.programme
        ],
        registration={
            **({"url": str(latest.registration.url)} if latest.registration.url else {}),
            "deadline": (latest.registration.deadline + shift).isoformat(),
        },
    )
    if latest.results_event:
        results: dict[str, Any] = {
            "name": _rename(latest.results_event.name, latest.year + 1, year + 1)
        }
        if latest.results_event.month or latest.results_event.date:
            results["month"] = f"{year + 1}-01"
        data["results_event"] = results
    return data


def scaffold(content: Content, year: int) -> dict[str, str]:
    """Relative content path -> text of every file to write or rewrite."""
    latest_year = content.current_year
    if year <= latest_year:
        raise TalkootError(f"Vuosi {year} ei ole uusi: uusin tapahtuma on vuodelta {latest_year}.")
    latest = content.events[latest_year]
    files = {names.event_file(year): dump(names.event_file(year), _event(latest, year))}
    for workshop in content.workshops.get(latest_year, []):
        rel = names.workshop_file(year, workshop.slug)
        files[rel] = dump(
            rel, workshop.model_copy(update={"edition": year, "facilitators": [], "outcomes": None})
        )
    for package in content.packages.get(latest_year, []):
        if package.status not in UNFINISHED_PACKAGE_STATUSES:
            continue
        rel = names.package_file(year, package.slug)
        # publish_from stays: a package still under embargo must not surface through its copy
        carried = package.model_dump(mode="json", exclude_defaults=True)
        carried.update(
            edition=year, carried_from={"edition": package.edition, "slug": package.slug}
        )
        files[rel] = dump(rel, carried)
        old = content.source_of(package)
        files[old] = dump(old, package.model_copy(update={"status": PackageStatus.CARRIED_FORWARD}))
    return files
