"""Spotting email addresses, phone numbers and personal identity codes without flagging the
numbers proposals need."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talkoot.submissions.contactdata import (
    EMAIL,
    PERSONAL_ID,
    PHONE,
    find_contact_data,
    find_contact_matches,
)
from talkoot.submissions.personalid import check_character, is_valid_personal_id

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
    # a bare "at" after a dotted name, in either case
    ("matti.meikalainen at firma.fi", "matti.meikalainen at firma.fi"),
    ("Sähköposti: Matti.Meikalainen AT firma.fi.", "Matti.Meikalainen AT firma.fi"),
    ("anna-liisa.virtanen at lut.fi", "anna-liisa.virtanen at lut.fi"),
    ("matti_m at firma.fi", "matti_m at firma.fi"),
    ("matti.meikalainen at firma dot fi", "matti.meikalainen at firma dot fi"),
    ("nimi@firma piste fi kiitos", "nimi@firma piste fi"),
    # full-width and small commercial at, full-width full stop
    ("matti＠firma.fi", "matti＠firma.fi"),
    ("matti﹫firma.fi", "matti﹫firma.fi"),
    ("matti@firma．fi", "matti@firma．fi"),
    # a blank or two before the dot of the domain
    ("matti@firma .fi", "matti@firma .fi"),
    ("Kirjoita: matti@firma  .fi!", "matti@firma  .fi"),
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
    # dots or a slash between the groups
    ("040.123.4567", "040.123.4567"),
    ("puh. 09.123.45.67.", "09.123.45.67"),
    ("050.123.456", "050.123.456"),
    ("040/1234567", "040/1234567"),
    ("puh 040/123 4567, kiitos", "040/123 4567"),
]
#: Valid codes with every century sign: + (1800s), - Y X W V U (1900s), A B C D E F (2000s).
PERSONAL_IDS = [
    "131052-308T",
    "190485+559E",
    "120352-620K",
    "210861Y596Y",
    "200277X015V",
    "090890W566R",
    "070499V7361",
    "180830U858F",
    "160901A4080",
    "281110B156J",
    "210415C157P",
    "130923D7614",
    "220105E7970",
    "060219F778F",
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
    # business IDs, dates, money, years, postal codes, times, versions
    "1234567-8",
    "0162126-1",
    "Y-tunnus: 0162126-1",
    "2023-11-23",
    "to 23.11.2023 klo 13.00",
    "1 250,00 €",
    "hinta 1 250,00 € (alv 0 %)",
    "vuonna 2024",
    "53100",
    "klo 13.00–16.00",
    "versio 2.10.3",
    "v2.1 at github.com",
    "Python 3.11 at python.org",
    "1.2.3.4",
    "10.000 euroa",
    "010.123.4567 euroa",
    "Dnro 0123/2023",
    "0123/2023 12 kpl",
    "01.02.2023",
    "040/1234567/2023",
    # "at" in ordinary text
    "Look at firma.fi",
    "Meet us at lappeenranta.fi",
    "e.g. at firma.fi",
    "info at firma.fi",
    "Hackathon-tapahtuma at lut.fi",
    "Tapaaminen at 13.00",
    "12.10.2023 at 10.00",
    "Best regards, Matti at Firma Oy",
    "nimi@firma. Seuraava lause",
    # henkilötunnus-shaped, but the check character or the date is wrong
    "131052-308A",
    "131052-308",
    "310289-123K",
    "290201A123X",
    "131052-308TT",
    "x131052-308T",
    "131052Z308T",
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


@pytest.mark.parametrize("code", PERSONAL_IDS)
def test_finds_personal_identity_codes(code: str) -> None:
    for text in (code, f"Hetu: {code}.", f"({code})", code.lower()):
        matches = find_contact_matches(text)
        assert [(m.kind, m.text.upper()) for m in matches] == [(PERSONAL_ID, code)]
        assert find_contact_data(text) == ["henkilötunnus"]


def test_a_typographic_dash_is_the_1900s_sign() -> None:
    assert find_contact_data("131052–308T") == ["henkilötunnus"]


def test_personal_id_rules() -> None:
    assert check_character("131052308") == "T"
    assert all(is_valid_personal_id(code) for code in PERSONAL_IDS)
    assert not is_valid_personal_id("131052-308A")  # check character
    assert not is_valid_personal_id("290223A002A")  # 29.2.2023 does not exist
    assert is_valid_personal_id("290224A002K")  # 29.2.2024 does
    assert not is_valid_personal_id("010101-001R")  # individual numbers start at 002
    assert not is_valid_personal_id("010101G123N")  # no such century sign
    with pytest.raises(ValueError):
        check_character("12345678")


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
    "bare ats": "a at " * 13_000,
    "dotted names at": "a.b at " * 9_000,
    "spaced dots": "a@b " + " .b" * 20_000,
    "dotted phones": "040.123.4567." * 5_000,
    "slashes": "040/" * 16_000,
    "personal ids": "131052-308T " * 5_000,
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
    assert find_contact_data("".join(before) + "hetu 131052-308T " + "".join(after)) == [
        "henkilötunnus"
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_spans_are_exact(text: str) -> None:
    for match in find_contact_matches(text):
        assert text[match.start : match.end] == match.text
        assert match.kind in (EMAIL, PHONE, PERSONAL_ID)


# Written here from the rules rather than imported, so that the tests check the module.
_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_SIGNS = {18: "+", 19: "-YXWVU", 20: "ABCDEF"}


@st.composite
def _personal_id(draw: st.DrawFn, *, correct: bool = True) -> str:
    day = draw(st.dates(dt.date(1800, 1, 1), dt.date(2099, 12, 31)))
    sign = draw(st.sampled_from(_SIGNS[day.year // 100]))
    digits = f"{day:%d%m}{day.year % 100:02d}{draw(st.integers(2, 999)):03d}"
    check = _CHECK[int(digits) % 31]
    if not correct:
        check = draw(st.sampled_from(_CHECK.replace(check, "")))
    return f"{digits[:6]}{sign}{digits[6:]}{check}"


_SEPARATOR = st.sampled_from([" ", "\n", "\r\n", "(", ": ", ", ", "\t", " – "])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), _SEPARATOR, _personal_id(), _SEPARATOR, st.text(max_size=80))
def test_a_valid_personal_id_is_always_found(
    before: str, left: str, code: str, right: str, after: str
) -> None:
    text = before + left + code + right + after
    assert PERSONAL_ID in find_contact_data(text)
    found = [m for m in find_contact_matches(text) if m.kind == PERSONAL_ID]
    start = len(before + left)
    assert any((m.start, m.end, m.text) == (start, start + len(code), code) for m in found)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_filler, max_size=5),
    _SEPARATOR,
    _personal_id(correct=False),
    _SEPARATOR,
    st.lists(_filler, max_size=5),
)
def test_a_wrong_check_character_is_no_personal_id(
    before: list[str], left: str, code: str, right: str, after: list[str]
) -> None:
    text = "".join(before) + left + code + right + "".join(after)
    assert PERSONAL_ID not in find_contact_data(text)
    # alone it is nothing, or a phone number when it has that shape too (010150-1230)
    assert find_contact_data(f"Tunnus {code}") in ([], [PHONE])
