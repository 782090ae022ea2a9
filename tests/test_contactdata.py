"""Spotting email addresses and phone numbers without flagging the numbers proposals need."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talkoot.submissions.contactdata import EMAIL, PHONE, find_contact_data, find_contact_matches

EMAILS = [
    ("nimi@firma.fi", "nimi@firma.fi"),
    ("Lisätietoja: matti.meikalainen@lappeenranta.fi.", "matti.meikalainen@lappeenranta.fi"),
    ("mailto:info@example.com", "info@example.com"),
    ("nimi (at) firma.fi", "nimi (at) firma.fi"),
    ("nimi(at)firma.fi", "nimi(at)firma.fi"),
    ("nimi[at]firma.fi", "nimi[at]firma.fi"),
    ("nimi [ at ] firma.fi", "nimi [ at ] firma.fi"),
    ("nimi{AT}firma.fi", "nimi{AT}firma.fi"),
    ("etunimi.sukunimi(a)lappeenranta.fi", "etunimi.sukunimi(a)lappeenranta.fi"),
    ("nimi (at) firma (piste) fi", "nimi (at) firma (piste) fi"),
    ("nimi[at]firma[dot]fi", "nimi[at]firma[dot]fi"),
    ("maija.meikäläinen@yritys.fi", "maija.meikäläinen@yritys.fi"),
    ("<nimi+tag@sub.firma.co.uk>", "nimi+tag@sub.firma.co.uk"),
    ("nimi @ firma.fi", "nimi @ firma.fi"),
]
PHONES = [
    ("Soita 040 123 4567.", "040 123 4567"),
    ("puh. +358 40 1234567", "+358 40 1234567"),
    ("050-1234567", "050-1234567"),
    ("vaihde (05) 616 111", "(05) 616 111"),
    ("05 6161 111", "05 6161 111"),
    ("09 310 1691", "09 310 1691"),
    ("0401234567", "0401234567"),
    ("+358401234567", "+358401234567"),
    ("+358 (0)40 123 4567", "+358 (0)40 123 4567"),
    ("00358 40 123 4567", "00358 40 123 4567"),
    ("+46 8 123 456 78", "+46 8 123 456 78"),
    ("+1 555 123 4567", "+1 555 123 4567"),
    ("+44 20 7946 0958", "+44 20 7946 0958"),
    ("puh.0401234567", "0401234567"),
    ("puh:040 123 4567", "040 123 4567"),
    ("0800 123 456", "0800 123 456"),
    ("040\u00a0123\u00a04567", "040\u00a0123\u00a04567"),
    ("045 - 123 4567", "045 - 123 4567"),
    # a year right after the number is cut off, not a reason to miss it
    ("040 123 4567 2023", "040 123 4567"),
    ("puh. 040 123 4567 23.11.2023 asti", "040 123 4567"),
    ("puh. 040 123 4567 15 % ajasta", "040 123 4567"),
]
NOT_CONTACT = [
    "2023",
    "23.11.2023",
    "1.1.2024–31.12.2024",
    "01.02.2023-31.12.2023",
    "2023–2024",
    "vuosina 2020-2023 kasvua 15 %",
    "klo 13.00–16.00",
    "klo 08:00-16:00",
    "Y-tunnus 0186553-2, perustettu 2001",
    "0186553-2",
    "1 500 000 euroa",
    "1 000 000 000 €",
    "2 000 000 000.",
    "+1 500 000 000 euroa",
    "budjetti 0 500 000 euroa",
    "12 %",
    "0,5 %",
    "53100 Lappeenranta",
    "00100 Helsinki",
    "Villimiehenkatu 1",
    "Valtakatu 35 A 12",
    "https://www.lappeenranta.fi/fi/0401234567",
    "https://example.com/?p=0401234567",
    "www.lappeenranta.fi",
    "@kayttaja kiitos",
    "FI21 1234 5600 0007 85",
    "FI4950009420028730",
    "vaihtoehto (a) tai (b)",
    "kohta (a) www.firma.fi",
    "LPR/1234/00.01.02/2023",
    "Dnro 0123/2023",
    "sivu 12, kohta 3",
    "0800 ilmaiseksi",
    "020 123",
    "versio 1.0.2",
    "0 – 100 henkilöä",
    "+12 345 678 euroa",
    "0,5 milj. euroa",
    "09/2023",
    "nimi@firma",
    "ks. sivu 0-3",
    "",
]


@pytest.mark.parametrize(("text", "found"), EMAILS)
def test_finds_emails(text: str, found: str) -> None:
    matches = find_contact_matches(text)
    assert [(m.kind, m.text) for m in matches] == [(EMAIL, found)]
    assert find_contact_data(text) == ["sähköpostiosoite"]
    assert text[matches[0].start : matches[0].end] == found


@pytest.mark.parametrize(("text", "found"), PHONES)
def test_finds_phone_numbers(text: str, found: str) -> None:
    matches = find_contact_matches(text)
    assert [(m.kind, m.text) for m in matches] == [(PHONE, found)]
    assert find_contact_data(text) == ["puhelinnumero"]
    assert text[matches[0].start : matches[0].end] == found


@pytest.mark.parametrize("text", NOT_CONTACT)
def test_leaves_other_numbers_alone(text: str) -> None:
    assert find_contact_matches(text) == []
    assert find_contact_data(text) == []


def test_kinds_once_in_order_of_appearance() -> None:
    text = (
        "Soita 040 123 4567 tai 050-7654321, tai kirjoita nimi@firma.fi.\r\n"
        "Vuonna 2023 liikevaihto oli 1 500 000 euroa (Y-tunnus 0186553-2)."
    )
    assert find_contact_data(text) == ["puhelinnumero", "sähköpostiosoite"]
    assert [m.text for m in find_contact_matches(text)] == [
        "040 123 4567",
        "050-7654321",
        "nimi@firma.fi",
    ]


def test_digits_in_an_email_are_not_a_phone_number() -> None:
    assert find_contact_data("0401234567@sms.example.fi") == ["sähköpostiosoite"]


HOSTILE = {
    "letters": "a" * 65_536,
    "at signs": "@" * 65_536,
    "a@ pairs": "a@" * 32_768,
    "dotted domain": "a@" + "a." * 32_000,
    "obfuscated ats": "(at)" * 16_384,
    "spaced ats": "a  (  at  )  " * 5_000,
    "zeros and spaces": "0 " * 32_768,
    "zeros and hyphens": "0-" * 32_768,
    "digits": "0" * 65_536,
    "plus groups": "+0 " * 21_000,
    "trunk groups": "+1 (0)" * 10_000,
    "urls": "www." * 16_384,
    "whitespace": " " * 65_536,
    "many phones": "040 123 4567, " * 4_600,
}


@pytest.mark.parametrize("name", HOSTILE)
def test_linear_on_hostile_text(name: str) -> None:
    started = time.perf_counter()
    find_contact_matches(HOSTILE[name])
    assert time.perf_counter() - started < 1.5


_filler = st.sampled_from(
    [
        "Ehdotamme ",
        "vuonna 2024 ",
        "1 500 000 euroa ",
        "klo 13.00–16.00 ",
        "Y-tunnus 0186553-2 ",
        "53100 Lappeenranta ",
        "23.11.2023 ",
        "15 % ",
        "https://www.lappeenranta.fi/ ",
        "Villimiehenkatu 1 ",
        "\r\n",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_filler, max_size=10), st.lists(_filler, max_size=10))
def test_found_among_harmless_numbers(before: list[str], after: list[str]) -> None:
    harmless = "".join(before) + "".join(after)
    assert find_contact_data(harmless) == []
    assert find_contact_data("".join(before) + "puh. 040 123 4567 " + "".join(after)) == [
        "puhelinnumero"
    ]
    assert find_contact_data("".join(before) + "nimi(at)firma.fi " + "".join(after)) == [
        "sähköpostiosoite"
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_spans_are_exact(text: str) -> None:
    for match in find_contact_matches(text):
        assert text[match.start : match.end] == match.text
        assert match.kind in (EMAIL, PHONE)
