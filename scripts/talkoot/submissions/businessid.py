"""The Finnish business ID (Y-tunnus): format and check digit.

A Y-tunnus is seven digits, a hyphen and a check digit: `NNNNNNN-C`. The digits are
weighted 7, 9, 10, 5, 8, 4, 2; with r = sum mod 11, C is 0 when r = 0, r = 1 never
occurs in a valid ID, and otherwise C = 11 - r. Checking it catches most typing errors
in a form field without asking any register.
"""

from __future__ import annotations

from typing import Final

WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2)
_DIGITS: Final = frozenset("0123456789")
#: Dashes people type instead of the hyphen-minus.
_DASHES: Final = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


def check_digit(digits: str) -> int | None:
    """The check digit for seven digits, or None if no valid ID has these digits (r = 1)."""
    if len(digits) != 7 or not set(digits) <= _DIGITS:
        raise ValueError("expected seven digits 0-9")
    remainder = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def is_valid_business_id(text: str) -> bool:
    """Whether `text` is exactly `NNNNNNN-C` (ASCII digits) with the right check digit.

    No whitespace or other leniency: pass user input through `normalize_business_id`.
    """
    if len(text) != 9 or text[7] != "-":
        return False
    digits, check = text[:7], text[8]
    if not set(digits) <= _DIGITS or check not in _DIGITS:
        return False
    return check_digit(digits) == int(check)


def normalize_business_id(text: str) -> str:
    """Undo harmless typing variations: surrounding whitespace, a typographic dash, and
    the leading zero left out of an old six-digit ID (`123456-7` -> `0123456-7`).

    The result still has to pass `is_valid_business_id`.
    """
    value = text.strip().translate(_DASHES)
    if len(value) == 8 and value[6] == "-" and set(value[:6] + value[7]) <= _DIGITS:
        value = "0" + value
    return value


def business_id_problem(text: str) -> str | None:
    """A Finnish explanation of what is wrong with a Y-tunnus, or None if it is valid.

    `text` is taken as given; normalize it first if the caller accepts variations.
    """
    if is_valid_business_id(text):
        return None
    shaped = len(text) == 9 and text[7] == "-" and set(text[:7]) <= _DIGITS and text[8] in _DIGITS
    if not shaped:
        return "Y-tunnuksen muoto on 1234567-8: seitsemän numeroa, väliviiva ja tarkistusnumero."
    return "Y-tunnuksen tarkistusnumero ei täsmää. Tarkista, että tunnus on kirjoitettu oikein."
