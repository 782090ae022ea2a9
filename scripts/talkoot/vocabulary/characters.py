"""The characters that may reach any output, defined once.

Every writer (pages and their charts, Atom feeds, iCalendar files, open data) drops the
same characters from text taken from content, and the content model refuses the controls
among them, so an editor hears about a stray control character instead of seeing it
vanish:

* C0 controls other than tab, LF and CR, DEL, and C1 controls other than NEL: they are
  invisible, forbidden in XML 1.0 (C0) or discouraged in it (C1), and terminals act on them;
* lone surrogates and the noncharacters U+FFFE and U+FFFF: XML 1.0 forbids them and they
  cannot be written as UTF-8;
* characters that could reorder or hide text: bidi marks, embeddings, overrides and
  isolates, zero widths, word joiners and invisible operators, and the byte-order mark.

Tab and the line breaks LF, CR, NEL (U+0085), LS (U+2028) and PS (U+2029) are kept:
multi-line text needs them. One-line outputs (a calendar's name) use `one_line`, and
one-line content fields refuse them (`first_forbidden`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final


def _span(first: int, last: int) -> range:
    return range(first, last + 1)


def _class(codes: Iterable[int]) -> str:
    """A character class of `codes` as ranges of `\\uXXXX` escapes (Python and ECMAScript)."""
    ordered = sorted(set(codes))
    ranges: list[tuple[int, int]] = []
    for code in ordered:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    parts = (
        f"\\u{first:04x}" if first == last else f"\\u{first:04x}-\\u{last:04x}"
        for first, last in ranges
    )
    return f"[{''.join(parts)}]"


#: Line breaks that multi-line text may hold and one-line text may not.
LINE_BREAKS: Final = frozenset("\n\r\x85\u2028\u2029")

#: Control characters (Unicode category Cc) other than tab and the line breaks.
_CONTROLS: Final = frozenset(
    code
    for code in (*_span(0x00, 0x1F), *_span(0x7F, 0x9F))
    if chr(code) not in LINE_BREAKS and code != 0x09
)
#: Lone surrogates and the noncharacters U+FFFE, U+FFFF: not XML 1.0 characters.
_NOT_XML: Final = frozenset((*_span(0xD800, 0xDFFF), 0xFFFE, 0xFFFF))
#: Invisible characters that reorder or hide text.
_INVISIBLE: Final = frozenset(
    (
        0x061C,  # Arabic letter mark
        0x180E,  # Mongolian vowel separator
        *_span(0x200B, 0x200F),  # zero widths, left-to-right and right-to-left marks
        *_span(0x202A, 0x202E),  # bidi embeddings and overrides
        *_span(0x2060, 0x2064),  # word joiner, invisible operators
        *_span(0x2066, 0x206F),  # bidi isolates, deprecated format characters
        0xFEFF,  # byte-order mark, zero-width no-break space
    )
)

#: Every code point dropped from output.
DROPPED: Final = _CONTROLS | _NOT_XML | _INVISIBLE
#: A `str.translate` table that drops them; writers extend it with their own escapes.
DROP_TABLE: Final[dict[int, str | None]] = dict.fromkeys(DROPPED)

_ONE_LINE_CONTROLS: Final = _CONTROLS | {ord(char) for char in LINE_BREAKS} | {0x09}
_FORBIDDEN_IN_CONTENT: Final = re.compile(_class(_CONTROLS | _NOT_XML))
_FORBIDDEN_IN_ONE_LINE: Final = re.compile(_class(_ONE_LINE_CONTROLS | _NOT_XML))


def clean(value: str) -> str:
    """`value` without the characters no output may carry (tab and line breaks kept)."""
    return value.translate(DROP_TABLE)


def clean_data(value: Any) -> Any:
    """JSON-like data (dicts, lists, scalars) with `clean` applied to every string in it,
    keys included; numbers, booleans and None stay as they are."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_data(key): clean_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_data(item) for item in value]
    return value


def one_line(value: str) -> str:
    """`clean(value)` on one line: tabs and line breaks become spaces, runs of whitespace
    one space, no whitespace at either end."""
    return " ".join(clean(value).split())


_LINE_BREAK = re.compile("\r\n|[\r\x85\u2028\u2029]")


def lines(value: str) -> str:
    """`clean(value)` with every line break as LF, for outputs that know no other."""
    return _LINE_BREAK.sub("\n", clean(value))


def first_forbidden(value: str, *, multiline: bool) -> str | None:
    """The first character that content text may not hold, or None.

    Content may not hold controls (other than tab and line breaks in multi-line text),
    lone surrogates or U+FFFE/U+FFFF; one-line text holds no tab or line break either.
    Bidi controls and zero widths are allowed (a sender may paste them in good faith):
    the writers drop them.
    """
    forbidden = _FORBIDDEN_IN_CONTENT if multiline else _FORBIDDEN_IN_ONE_LINE
    found = forbidden.search(value)
    return found.group() if found else None


def schema_pattern(*, multiline: bool) -> str:
    """`first_forbidden` as a JSON Schema pattern (an ECMAScript regular expression), so
    that editors' editors flag the controls while typing. Whitespace at either end is
    allowed, as the model strips it; lone surrogates and noncharacters are left to the
    model, since no editor types them."""
    controls = _class(_CONTROLS if multiline else _ONE_LINE_CONTROLS)
    return f"^\\s*{controls.replace('[', '[^', 1)}*\\s*$"
