"""The edition's phase from its dates and the build's now."""

from __future__ import annotations

import datetime as dt

import pytest

from talkoot.content.model import HELSINKI, Event
from talkoot.site.phase import Milestones, Phase, milestones, phase_at, phase_of

START = dt.datetime(2023, 11, 23, 13, 0, tzinfo=HELSINKI)
END = dt.datetime(2023, 11, 23, 16, 0, tzinfo=HELSINKI)
MOMENTS = Milestones(deadline=dt.date(2023, 11, 20), start=START, end=END)


def at(day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(2023, 11, day, hour, minute, tzinfo=HELSINKI)


@pytest.mark.parametrize(
    ("now", "results", "expected"),
    [
        (at(1), False, Phase.REGISTRATION_OPEN),
        (at(20, 23, 59), False, Phase.REGISTRATION_OPEN),  # the deadline day is included
        (at(21, 0, 0), False, Phase.REGISTRATION_CLOSED),
        (at(23, 13, 30), False, Phase.REGISTRATION_CLOSED),  # during the event
        (at(23, 16, 0), False, Phase.EVENT_OVER),
        (at(30), False, Phase.EVENT_OVER),
        (at(30), True, Phase.RESULTS_PUBLISHED),
        # packages made before the event do not make it over
        (at(1), True, Phase.REGISTRATION_OPEN),
        (at(22), True, Phase.REGISTRATION_CLOSED),
    ],
)
def test_phase_at(now: dt.datetime, results: bool, expected: Phase) -> None:
    assert phase_at(MOMENTS, now, results_published=results) is expected


def test_provisional_dates_are_still_ahead() -> None:
    provisional = Milestones(MOMENTS.deadline, START, END, provisional=True)
    assert phase_at(provisional, at(30), results_published=True) is Phase.REGISTRATION_CLOSED


def test_deadline_day_is_helsinki_day() -> None:
    # 22.30 UTC on 20.11. is already 21.11. (00.30) in Helsinki: past the deadline
    late_utc = dt.datetime(2023, 11, 20, 22, 30, tzinfo=dt.UTC)
    assert phase_at(MOMENTS, late_utc, results_published=False) is Phase.REGISTRATION_CLOSED


def test_milestones_and_phase_of_read_the_event() -> None:
    event = Event.model_validate(
        {
            "year": 2023,
            "name": "Talkoot 2023",
            "start": "2023-11-23T13:00:00",
            "end": "2023-11-23T16:00:00",
            "place": {
                "name": "Kaupungintalo",
                "street_address": "Katu 1",
                "postal_code": "53100",
                "locality": "Lappeenranta",
            },
            "organiser": {"name": "Kaupunki"},
            "contact": {"role": "r", "organisation": "o", "email": "a@b.fi"},
            "audience": "Yritykset",
            "description": "Kuvaus",
            "registration": {"deadline": "2023-11-20"},
        }
    )
    assert milestones(event) == MOMENTS
    assert phase_of(event, at(24), results_published=False) is Phase.EVENT_OVER
