"""Spot personal data (email addresses, phone numbers, personal identity codes) in free text.

Proposals and registrations are public, so their text should not carry anybody's email
address, phone number or henkilötunnus. This is a warning heuristic, tuned to Finnish
text: it finds plain and obfuscated addresses (`nimi@firma.fi`, `nimi＠firma.fi`,
`nimi (at) firma.fi`, `nimi[at]firma.fi`, `nimi(a)firma.fi`, `etunimi.sukunimi at
firma.fi`, `nimi@firma .fi`), Finnish or international phone numbers (also `040.123.4567`
and `040/1234567`) and henkilötunnus codes with a valid date and check character
(`talkoot.submissions.personalid`), and it leaves alone the numbers proposals are full of: years,
dates, times, money, percentages, postal codes, street numbers, business IDs, bank
account numbers and links.

It cannot tell a person's address from an organisation's (`info@firma.fi` is reported
too). An unbracketed `at` is taken for an `@` only after a dotted name (`etunimi.sukunimi
at firma.fi`), so that `look at firma.fi` stays text. All scanning is linear: addresses are
grown outwards from each `@` with bounded loops, and the phone patterns have a mandatory
separator between digit groups so they cannot backtrack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from talkoot.submissions.personalid import find_personal_ids

EMAIL: Final = "sähköpostiosoite"
PHONE: Final = "puhelinnumero"
PERSONAL_ID: Final = "henkilötunnus"

_LOCAL_MAX: Final = 64
_DOMAIN_MAX: Final = 253
# "@" (also full-width or small), an obfuscated one: (at) [at] {at} <at> (a) [a] (ät), up
# to two blanks inside, or a bare " at " between words.
_AT = re.compile(
    r"[@\uff20\ufe6b]"
    r"|[(\[{<][ \t]{0,2}(?:at|a|ät)[ \t]{0,2}[)\]}>]"
    r"|(?<=\S)[ \t]{1,2}at[ \t]{1,2}(?=\S)",
    re.IGNORECASE,
)
# The name before a bare "at": letters and digits joined by . _ + - (see `_dotted_name`).
_DOTTED_NAME = re.compile(r"[^\W_]+(?:[._+-][^\W_]+)*")
_DOTS: Final = ".\uff0e"  # full stop, full-width full stop
# An obfuscated dot in a domain: (dot) [piste] ..., or a bare " dot " / " piste ".
_DOT = re.compile(
    r"[ \t]{0,2}[(\[{<][ \t]{0,2}(?:dot|piste)[ \t]{0,2}[)\]}>][ \t]{0,2}"
    r"|[ \t]{1,2}(?:dot|piste)[ \t]{1,2}",
    re.IGNORECASE,
)
_LOCAL_PUNCTUATION: Final = frozenset("._%+-'")

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_BUSINESS_ID = re.compile(r"(?<![0-9])[0-9]{7}-[0-9](?![0-9])")
_IBAN = re.compile(r"\bFI[0-9]{2}(?: ?[0-9]{4}){3} ?[0-9]{2}\b")
_SEP: Final = r"(?: - |[ \u00a0\u202f-]|[ \u00a0]?\(0\)[ \u00a0]?)"
_PHONE = re.compile(
    # not inside a word, a path, a number or a sum with thousands separated by spaces
    r"(?<![\w/,+=&?#%@-])(?<![0-9][ \u00a0])"
    rf"(?:\+[ \u00a0]?[0-9]+(?:{_SEP}[0-9]+)*"  # +358 40 123 4567, +46 8 123 456 78
    rf"|\(0[0-9]{{1,4}}\)[ \u00a0-]?[0-9]+(?:{_SEP}[0-9]+)*"  # (05) 616 111
    rf"|0[0-9]*(?:{_SEP}[0-9]+)*)"  # 040 123 4567, 050-1234567, 05 6161 111
)
# National numbers written with dots or a slash: 040.123.4567, 09.123.45.67, 040/1234567,
# 040/123 4567. Dates and versions cannot match: the group after the first dot has three
# or four digits (a month has two), and the first group is a trunk prefix (0 and a digit).
_PHONE_PUNCTUATED = re.compile(
    r"(?<![\w/.,+=&?#%@-])"
    r"0[0-9]{1,3}(?:\.[0-9]{3,4}(?:\.[0-9]{2,4}){1,2}|/[0-9]{3,8}(?:[ \u00a0-][0-9]{2,4}){0,2})"
    r"(?![0-9]|[.,/][0-9])"
)
_GROUP = re.compile(r"[0-9]+")
_DATE_WITH_HYPHENS = re.compile(r"[0-9]{1,2}-[0-9]{1,2}-[0-9]{2,4}")
#: Words after a number that make it an amount, not a phone number.
_UNITS: Final = frozenset(
    {
        *("e", "eur", "€", "%", "prosenttia", "milj", "miljoonaa", "mrd", "miljardia"),
        *("t", "tonnia", "kpl", "m", "m2", "m²", "km", "km2", "km²", "ha", "kg"),
        *("kwh", "mwh", "gwh", "h", "hlö", "hlöä", "henkilöä", "asukasta", "työpaikkaa"),
    }
)


@dataclass(frozen=True)
class ContactMatch:
    """One finding: `kind` is the Finnish description (`EMAIL`, `PHONE`, `PERSONAL_ID`)."""

    kind: str
    start: int
    end: int
    text: str


def find_contact_data(text: str) -> list[str]:
    """The kinds of contact data in `text`, each once, in order of first appearance.

    The caller writes the sentence, e.g. "Tekstissä näyttää olevan puhelinnumero."; a
    henkilötunnus (`PERSONAL_ID`) deserves a sentence of its own.
    """
    kinds: list[str] = []
    for match in find_contact_matches(text):
        if match.kind not in kinds:
            kinds.append(match.kind)
    return kinds


def find_contact_matches(text: str) -> list[ContactMatch]:
    """Every email address, phone number and henkilötunnus found, in text order."""
    emails = list(_emails(text))
    personal_ids = [
        ContactMatch(PERSONAL_ID, start, end, text[start:end])
        for start, end in find_personal_ids(text)
    ]
    blanked = _blank(
        text,
        [(m.start, m.end) for m in emails + personal_ids]
        + [m.span() for pattern in (_URL, _BUSINESS_ID, _IBAN) for m in pattern.finditer(text)],
    )
    phones = list(_phones(blanked, text))
    return sorted(emails + personal_ids + phones, key=lambda m: m.start)


# --- email addresses -----------------------------------------------------------------------


def _emails(text: str) -> list[ContactMatch]:
    found: list[ContactMatch] = []
    last_end = 0
    for at in _AT.finditer(text):
        if at.start() < last_end:
            continue
        before = text[at.start() - 1] if at.start() else " "
        if not (before.isalnum() or before in _LOCAL_PUNCTUATION or before in " \t"):
            continue  # no name before it ("@@@@", "(@"): cheap, so hostile text stays fast
        bare = at.group().strip(" \t").lower() == "at"
        marker = at.group().strip("()[]{}<> \t").lower()
        # "(a)" only when written tight (nimi(a)firma.fi); a bare "at" has its blanks
        blanks = 0 if marker == "a" or bare else 2
        start = _local_start(text, at.start(), blanks)
        local = text[start : at.start()].strip(" \t")
        if not any(c.isalnum() for c in local) or (bare and not _dotted_name(local)):
            continue
        end, domain = _domain(text, at.end(), blanks)
        if _plausible(local, domain):
            found.append(ContactMatch(EMAIL, start, end, text[start:end]))
            last_end = end
    return found


def _local_start(text: str, at: int, blanks: int) -> int:
    i = at
    while blanks and i > 0 and text[i - 1] in " \t":
        i -= 1
        blanks -= 1
    limit = max(0, i - _LOCAL_MAX)
    while i > limit and (text[i - 1].isalnum() or text[i - 1] in _LOCAL_PUNCTUATION):
        i -= 1
    while i < at and text[i] in _LOCAL_PUNCTUATION:  # "(nimi" or "-nimi" starts after it
        i += 1
    return i


def _domain(text: str, start: int, blanks: int) -> tuple[int, str]:
    """Where the domain after an `@` ends, and the domain with obfuscated dots undone."""
    i = start
    while blanks and i < len(text) and text[i] in " \t":
        i += 1
        blanks -= 1
    parts: list[str] = []
    end = i
    limit = min(len(text), i + _DOMAIN_MAX)
    while i < limit:
        char = text[i]
        if char.isalnum() or char == "-":
            parts.append(char)
            i += 1
            end = i
            continue
        if char in _DOTS and i + 1 < len(text) and text[i + 1].isalnum():
            parts.append(".")
            i += 1
            continue
        spaced = _spaced_dot(text, i)  # "firma .fi": a blank or two before the dot
        if spaced is not None and parts:
            parts.append(".")
            i = spaced
            continue
        dot = _DOT.match(text, i)
        if dot is None or dot.end() >= len(text) or not text[dot.end()].isalnum():
            break
        parts.append(".")
        i = dot.end()
    return end, "".join(parts)


def _spaced_dot(text: str, i: int) -> int | None:
    """After `firma` in `firma .fi`: where the label after the dot starts, or None."""
    j = i
    while j < len(text) and j < i + 2 and text[j] in " \t":
        j += 1
    if j == i or j + 1 >= len(text) or text[j] not in _DOTS or not text[j + 1].isalnum():
        return None
    return j + 1


def _dotted_name(local: str) -> bool:
    """Whether the text before a bare `at` looks like `etunimi.sukunimi`, not a word: a dot
    or an underscore in it, and a letter in every part."""
    if _DOTTED_NAME.fullmatch(local) is None or not any(c in "._" for c in local):
        return False
    return all(any(c.isalpha() for c in part) for part in re.split(r"[._+-]", local))


def _plausible(local: str, domain: str) -> bool:
    if not any(c.isalnum() for c in local):
        return False
    labels = domain.strip("-").split(".")
    if len(labels) < 2 or not all(labels):
        return False
    tld = labels[-1]
    return len(tld) >= 2 and (tld.isalpha() or tld.lower().startswith("xn--"))


# --- phone numbers -------------------------------------------------------------------------


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the spans replaced by spaces (same length, so offsets stay valid)."""
    if not spans:
        return text
    parts: list[str] = []
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        parts.append(text[position:start])
        parts.append(" " * (end - start))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _phones(scanned: str, original: str) -> list[ContactMatch]:
    found: list[ContactMatch] = []
    spans: list[tuple[int, int]] = []
    for match in _PHONE_PUNCTUATED.finditer(scanned):
        end = _punctuated_end(scanned, match.start(), match.group())
        if end is not None:
            found.append(ContactMatch(PHONE, match.start(), end, original[match.start() : end]))
            spans.append((match.start(), end))
    scanned = _blank(scanned, spans)
    for match in _PHONE.finditer(scanned):
        end = _phone_end(scanned, match.start(), match.group())
        if end is not None:
            found.append(ContactMatch(PHONE, match.start(), end, original[match.start() : end]))
    return found


def _punctuated_end(text: str, start: int, candidate: str) -> int | None:
    """Where a phone number written with dots or a slash ends, or None if it is none: 7-12
    digits, at least five of them after a slash (so `0123/2023` stays a case number)."""
    groups = [(g.start(), g.end()) for g in _GROUP.finditer(candidate)]
    count = sum(b - a for a, b in groups)
    while count > 12 and len(groups) > 2 and "/" in candidate:
        a, b = groups.pop()  # a trailing group of another number
        count -= b - a
    end = start + groups[-1][1]
    after_slash = count - (groups[0][1] - groups[0][0])
    if not 7 <= count <= 12 or ("/" in candidate and after_slash < 5):
        return None
    if _glued(text, end) or _unit_follows(text, end):
        return None
    return end


def _glued(text: str, end: int) -> bool:
    """Whether a letter follows the digits directly: a code (`010150-123X`), no number."""
    return end < len(text) and text[end].isalpha()


def _phone_end(text: str, start: int, candidate: str) -> int | None:
    """Where the phone number in a pattern match ends, or None if it is no phone number.

    The pattern is greedy, so digit groups are dropped from the end while they belong to
    something else: a date or decimal (`23.11.2023`), a year (`2023`) or an amount with
    its unit (`15 %`).
    """
    international = candidate.startswith(("+", "00"))
    low, high = (8, 15) if candidate.startswith("+") else (10, 17) if international else (7, 12)
    groups = [(g.start(), g.end()) for g in _GROUP.finditer(candidate)]
    while len(groups) > 1 and _number_goes_on(text, start + groups[-1][1]):
        groups.pop()
    count = sum(b - a for a, b in groups)
    while count > high and len(groups) > 1:
        a, b = groups.pop()
        count -= b - a
    while True:
        end = start + groups[-1][1]
        digits = "".join(candidate[a:b] for a, b in groups)
        if count < low or count > high or digits.startswith("000"):
            return None
        if _number_goes_on(text, end) or _DATE_WITH_HYPHENS.fullmatch(text[start:end]):
            return None
        if _glued(text, end):
            return None
        if not _unit_follows(text, end):
            return end
        if len(groups) == 1:
            return None
        a, b = groups.pop()
        count -= b - a


def _number_goes_on(text: str, end: int) -> bool:
    """Whether the digits at `end` continue as a decimal or a date (`,5`, `.11.`)."""
    return end + 1 < len(text) and text[end] in ".," and text[end + 1].isdigit()


def _unit_follows(text: str, end: int) -> bool:
    """Whether the number is followed by a unit that makes it an amount (`000 euroa`)."""
    i = end
    while i < len(text) and i < end + 2 and text[i] in " \u00a0\u202f":
        i += 1
    word_end = i
    while word_end < len(text) and word_end < i + 20 and not text[word_end].isspace():
        word_end += 1
    word = text[i:word_end].lower().rstrip(".,;:!?)")
    return word in _UNITS or word.startswith(("euro", "€", "%", "milj", "prosent"))
