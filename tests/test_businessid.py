"""The Y-tunnus check digit, and how typing variations are normalised."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talkoot.submissions.businessid import (
    business_id_problem,
    check_digit,
    is_valid_business_id,
    normalize_business_id,
)

VALID = ["0186553-2", "1474763-1", "2077474-0", "0000000-0", "0112038-9", "1572860-0"]
INVALID = [
    "2077474-1",  # wrong check digit
    "1234567-8",
    "1000008-0",  # sum mod 11 is 1: no check digit works for these digits
    "1000008-1",
    "0186553-3",
    "",
    "0186553",
    "01865532",
    "0186553-",
    "0186553-22",
    "186553-2",  # old six-digit form: normalize first
    " 0186553-2",
    "0186553-2 ",
    "0186553–2",  # en dash
    "018655a-2",
    "0186553-x",
    "०१८६५५३-२",  # Devanagari digits are digits to str.isdigit, not to us
    "FI01865532",
]


@pytest.mark.parametrize("text", VALID)
def test_valid(text: str) -> None:
    assert is_valid_business_id(text)
    assert business_id_problem(text) is None


@pytest.mark.parametrize("text", INVALID)
def test_invalid(text: str) -> None:
    assert not is_valid_business_id(text)
    assert business_id_problem(text) is not None


def test_check_digit() -> None:
    assert check_digit("0186553") == 2
    assert check_digit("2077474") == 0
    assert check_digit("1234567") == 1  # 7+18+30+20+40+24+14 = 153, 153 % 11 = 10
    assert check_digit("1000008") is None  # 7 + 16 = 23, 23 % 11 = 1
    with pytest.raises(ValueError):
        check_digit("123456")
    with pytest.raises(ValueError):
        check_digit("12345a7")


def test_problem_messages_say_what_is_wrong() -> None:
    assert business_id_problem("12345678") == (
        "Y-tunnuksen muoto on 1234567-8: seitsemän numeroa, väliviiva ja tarkistusnumero."
    )
    assert business_id_problem("2077474-1") == (
        "Y-tunnuksen tarkistusnumero ei täsmää. Tarkista, että tunnus on kirjoitettu oikein."
    )


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        (" 0186553-2\n", "0186553-2"),
        ("0186553–2", "0186553-2"),  # en dash
        ("0186553‑2", "0186553-2"),  # non-breaking hyphen
        ("186553-2", "0186553-2"),  # old six-digit ID
        ("12345-6", "12345-6"),  # too short even for that: left alone
        ("abc", "abc"),
    ],
)
def test_normalize(typed: str, normal: str) -> None:
    assert normalize_business_id(typed) == normal


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[0-9]{7}", fullmatch=True))
def test_exactly_one_check_digit_or_none(digits: str) -> None:
    valid = [c for c in "0123456789" if is_valid_business_id(f"{digits}-{c}")]
    expected = check_digit(digits)
    assert valid == ([] if expected is None else [str(expected)])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12))
def test_never_raises(text: str) -> None:
    assert is_valid_business_id(text) == (business_id_problem(text) is None)
    normalize_business_id(text)
