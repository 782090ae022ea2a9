"""One definition of the characters that may reach an output (talkoot.characters)."""

from __future__ import annotations

import re

from talkoot import characters


def test_the_definition() -> None:
    kept = "\t\n\r\x85\u2028\u2029 aä😀\u00ad"
    assert characters.clean(kept) == kept
    assert characters.clean("a\x00\x08\x0b\x0c\x1b\x7f\x9bb") == "ab"
    assert characters.clean("a\ud800\udfff\ufffe\uffffb") == "ab"
    assert characters.clean("a\u202eb\u2066c\u200bd\u200de\u2060f\ufeffg\u061ch") == "abcdefgh"
    assert characters.one_line(" a\r\nb\x85c\u2028d\te\x0b ") == "a b c d e"
    assert characters.lines("a\r\nb\rc\x85d\u2028e\u2029f") == "a\nb\nc\nd\ne\nf"
    assert characters.first_forbidden("a\nb\tc\u202e", multiline=True) is None
    assert characters.first_forbidden("a\x0bb", multiline=True) == "\x0b"
    assert characters.first_forbidden("a\u2028b", multiline=False) == "\u2028"
    assert characters.first_forbidden("a\tb", multiline=False) == "\t"
    assert characters.first_forbidden("a\u202eb\u200b", multiline=False) is None
    pattern = re.compile(characters.schema_pattern(multiline=False))
    assert pattern.match("Teollisuus\n") and not pattern.match("Teollisuus\nja kauppa")
