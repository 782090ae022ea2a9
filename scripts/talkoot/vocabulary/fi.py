"""Finnish conventions: dates, weekdays and times from CLDR (babel), collation from the
Unicode Collation Algorithm (pyuca) with Finnish tailoring, and slugs (python-slugify)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from typing import TypeVar

import pyuca
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from slugify import slugify as _slugify

from talkoot.content.model import HELSINKI

LOCALE = Locale.parse("fi")
T = TypeVar("T")


def _local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(HELSINKI)


@cache  # the same few dates recur on thousands of pages
def date(value: dt.date) -> str:
    """`23.11.2023`: no leading zeros."""
    return _babel_date(value, "d.M.yyyy", locale=LOCALE)


@cache  # the same few dates recur on thousands of pages
def weekday_date(value: dt.date) -> str:
    """`to 23.11.2023`: CLDR's abbreviated weekday, lower case without a period."""
    return _babel_date(value, "EEE d.M.yyyy", locale=LOCALE)


@cache  # the same few dates recur on thousands of pages
def long_date(value: dt.date) -> str:
    """`torstaina 23. marraskuuta 2023` for running text."""
    return _babel_date(value, "EEEE d. MMMM yyyy", locale=LOCALE)


@cache  # the same few dates recur on thousands of pages
def month(value: dt.date) -> str:
    """`tammikuu 2024` (stand-alone month name)."""
    return _babel_date(value, "LLLL yyyy", locale=LOCALE)


def time(value: dt.datetime) -> str:
    """`13.00`"""
    return _babel_time(_local(value), "H.mm", locale=LOCALE)


def time_range(start: dt.datetime, end: dt.datetime | None) -> str:
    """`klo 13.00–16.00` with an en dash."""
    if end is None:
        return f"klo {time(start)}"
    return f"klo {time(start)}–{time(end)}"


def when(start: dt.datetime, end: dt.datetime | None = None) -> str:
    """`to 23.11.2023 klo 13.00–16.00`, or both dates when the range spans days."""
    start = _local(start)
    if end is None or _local(end).date() == start.date():
        return f"{weekday_date(start)} {time_range(start, end)}"
    end = _local(end)
    return f"{weekday_date(start)} klo {time(start)} – {weekday_date(end)} klo {time(end)}"


def span(start: dt.datetime, end: dt.datetime) -> str:
    """The days of a range: `26.11.–10.12.2024`, `26.–28.11.2024`, or one day `to 28.11.2024`."""
    first, last = _local(start).date(), _local(end).date()
    if first == last:
        return weekday_date(first)
    if first.year != last.year:
        return f"{date(first)}–{date(last)}"
    if first.month != last.month:
        return f"{first.day}.{first.month}.–{date(last)}"
    return f"{first.day}.–{date(last)}"


@cache
def _collator() -> pyuca.Collator:
    """UCA with the CLDR Finnish tailoring `&Z < å <<< Å < ä <<< Ä < ö <<< Ö`: the
    default table would sort these letters among a and o."""
    collator = pyuca.Collator()
    z_elements = collator.table.find_prefix([ord("z")])[1]
    primary = z_elements[0][0]
    for offset, letters in enumerate(("åÅ", "äÄ", "öÖ"), start=1):
        for tertiary, letter in ((0x0002, letters[0]), (0x0008, letters[1])):
            # pyuca looks up the NFD form, so tailor the decomposed sequence
            decomposed = [ord(c) for c in unicodedata.normalize("NFD", letter)]
            collator.table.add(decomposed, [(primary + offset, 0x0020, tertiary)])
    return collator


def sort_key(text: str) -> tuple[int, ...]:
    key: tuple[int, ...] = _collator().sort_key(text)
    return key


def sorted_fi(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    return sorted(items, key=lambda item: sort_key(key(item)))


def slug(text: str, max_length: int = 60) -> str:
    """ASCII letters, digits and hyphens only: ä→a, ö→o, å→a."""
    return _slugify(text, max_length=max_length, word_boundary=True) or "x"


def number(value: int) -> str:
    """`4 210`, `65 536`: thousands grouped with a no-break space."""
    return f"{value:,}".replace(",", "\u00a0")


def count(value: int, one: str, many: str) -> str:
    """`1 tapahtuma`, `0 ehdotusta`, `2 200 merkkiä`: the singular after one, else the
    partitive, as Finnish counts."""
    return f"{number(value)} {one if value == 1 else many}"
