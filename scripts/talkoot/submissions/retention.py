"""How long registrations are kept (the privacy notice says the same, in Finnish).

An edition's registration issues may be deleted once its results have been reported:
from the first day of the month after its results event (`results_event.date`, or its
`month` when the day is not known), or, when there is none, from the start of the year
after the following one (kept until the end of the following year). Pure: the event
in, the first moment of deletion (Helsinki time) out.
"""

from __future__ import annotations

import datetime as dt

from talkoot.content.model import HELSINKI, Event


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def retention_end(event: Event) -> dt.datetime:
    """The first moment the edition's registrations may be deleted."""
    results = event.results_event
    day = None
    if results is not None:
        day = results.date or results.month_date
    first = _next_month(day) if day is not None else dt.date(event.year + 2, 1, 1)
    return dt.datetime.combine(first, dt.time(0, 0), tzinfo=HELSINKI)
