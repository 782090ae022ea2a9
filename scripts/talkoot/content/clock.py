"""The build's notion of now: `SOURCE_DATE_EPOCH` when set, so builds are reproducible
and tests can build the site as of any day."""

from __future__ import annotations

import datetime as dt
import os

from talkoot.content.model import HELSINKI


def now() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).astimezone(HELSINKI)
    return dt.datetime.now(tz=HELSINKI)


def today() -> dt.date:
    return now().date()
