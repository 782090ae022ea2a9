"""Finnish wording shared by the checks and the messages, and user text made inert:
`plain` and `code_span` drop control and format characters and keep Markdown, HTML and
@mentions inert wherever a submission's text must be shown (titles, pull requests)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Final

from talkoot.vocabulary import fi

#: Longest user text shown in a pull request's title or body.
EXCERPT_MAX: Final = 80


def characters(count: int) -> str:
    return fi.count(count, "merkki", "merkkiä")


def people(count: int) -> str:
    return fi.count(count, "henkilö", "henkilöä")


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " ja " + items[-1]


def problem(label: str, message: str) -> str:
    return f"**{label}**: {message}"


_INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})


def plain(text: str, limit: int = EXCERPT_MAX) -> str:
    """One line of user text without control, format (bidi, zero-width) or private-use
    characters, whitespace collapsed, at most `limit` characters."""
    kept = "".join(
        " " if unicodedata.category(c) in ("Zl", "Zp") or c in "\t\r\n" else c
        for c in text
        if unicodedata.category(c) not in _INVISIBLE or c in "\t\r\n\u2028\u2029"
    )
    flat = " ".join(kept.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def code_span(text: str, limit: int = EXCERPT_MAX) -> str:
    """User text as inline code: Markdown, HTML, #refs and @mentions stay inert."""
    flat = plain(text, limit)
    if not flat:
        return "(tyhjä)"
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
