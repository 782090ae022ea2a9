"""The Finnish personal identity code (henkilötunnus): finding one in free text.

A henkilötunnus is `DDMMYYCZZZQ`: the date of birth, a century sign, an individual
number and a check character. The century signs are `+` (1800s), `-` and, since 2023,
`Y X W V U` (1900s), and `A` and, since 2023, `B C D E F` (2000s). The individual number
is 002-899 (900-999 for temporary codes). The check character is the nine digits
DDMMYYZZZ as one number mod 31, indexed into `0123456789ABCDEFHJKLMNPRSTUVWXY`.

Only codes whose date exists and whose check character is right are found, so the
numbers that proposals are full of (dates, business IDs, case numbers) are left alone:
a random string of the right shape passes the check one time in 31.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Final

CHECK_CHARACTERS: Final = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURIES: Final = {
    "+": 1800,
    **dict.fromkeys("-YXWVU", 1900),
    **dict.fromkeys("ABCDEF", 2000),
}
#: Dashes a word processor puts in place of the hyphen-minus (the 1900s sign).
_DASHES: Final = "\u2010\u2011\u2012\u2013\u2212"

_CANDIDATE = re.compile(
    r"(?<!\w)"
    r"([0-3][0-9][01][0-9][0-9]{2})"  # DDMMYY
    rf"([+\-{_DASHES}ABCDEFYXWVU])"  # century sign
    r"([0-9]{3})"  # individual number
    r"([0-9A-Y])"  # check character
    r"(?!\w)",
    re.IGNORECASE,
)


def check_character(digits: str) -> str:
    """The check character of the nine digits DDMMYYZZZ."""
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        raise ValueError("expected nine digits 0-9")
    return CHECK_CHARACTERS[int(digits) % 31]


def is_valid_personal_id(code: str) -> bool:
    """Whether `code` is a henkilötunnus with a real date and the right check character
    (letters in either case, a typographic dash as the 1900s sign)."""
    match = _CANDIDATE.fullmatch(code)
    return match is not None and _valid(match)


def find_personal_ids(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the valid henkilötunnus codes in `text`, not inside a longer word or
    number."""
    for match in _CANDIDATE.finditer(text):
        if _valid(match):
            yield match.span()


def _valid(match: re.Match[str]) -> bool:
    date, sign, individual, check = match.groups()
    sign = "-" if sign in _DASHES else sign.upper()
    if int(individual) < 2:
        return False
    try:
        dt.date(CENTURIES[sign] + int(date[4:]), int(date[2:4]), int(date[:2]))
    except ValueError:
        return False
    return check_character(date + individual) == check.upper()
