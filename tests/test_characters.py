"""One definition of the characters that may reach an output
(talkoot.vocabulary.characters), and the
content model refusing the controls among them in every text field."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import ValidationError

from talkoot.content.model import KINDS, Proposal
from talkoot.vocabulary import characters


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


def _strings(schema: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every string schema (with where it is) in a JSON Schema."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(schema, dict):
        if schema.get("type") == "string":
            found.append((path, schema))
        for key, value in schema.items():
            found += _strings(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found += _strings(value, f"{path}/{index}")
    return found


@pytest.mark.parametrize("model", KINDS.values(), ids=KINDS.keys())
def test_every_text_field_refuses_controls(model: Any) -> None:
    """Every free-text string of the model carries a pattern: the characters' rule, or a
    format of its own (slugs, postal codes); dates, times and URLs have their own format."""
    for path, schema in _strings(model.model_json_schema()):
        if "format" in schema or "enum" in schema or "const" in schema:
            continue
        assert "pattern" in schema, f"{model.__name__}{path}"


def _proposal(**changes: Any) -> dict[str, Any]:
    return {
        "id": 12,
        "edition": 2023,
        "workshop": "teollisuus",
        "title": "Osaajien saatavuus",
        "challenge": "Osaajia on vaikea löytää.",
        "action": "Yhteinen rekrytointitapahtuma.",
        "city_role": "suora",
        "submitted": "2023-11-24",
        "history": [{"date": "2023-11-30", "status": "julkaistu"}],
        **changes,
    }


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("title", "Osaajien\nsaatavuus", "one_line"),
        ("title", "Osaajien\rsaatavuus", "one_line"),
        ("title", "Osaajien\u2028saatavuus", "one_line"),
        ("title", "Osaajien\x85saatavuus", "one_line"),
        ("title", "Osaajien\tsaatavuus", "tab"),
        ("title", "Osaajien\x0bsaatavuus", "control_character"),
        ("organisation", "Oy\x1b", "control_character"),
        ("challenge", "Haaste\x01", "control_character"),
        ("challenge", "Haaste\x9b", "control_character"),
        ("challenge", "Haaste\ud800", "string_unicode"),  # pydantic refuses it itself
        ("action", "Toimenpide\uffff", "invalid_character"),
    ],
)
def test_the_model_refuses(field: str, value: str, kind: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Proposal.model_validate(_proposal(**{field: value}))
    assert [(e["type"], e["loc"][0]) for e in raised.value.errors()] == [(kind, field)]


def test_the_model_accepts() -> None:
    proposal = Proposal.model_validate(
        _proposal(
            title=" Osaajien \u202esaatavuus\u200b\n",
            challenge="Rivi\r\nrivi\rrivi\x85rivi\u2028rivi\u2029rivi\tsarkain",
            organisation="Esimerkki\ufeff Oy",
        )
    )
    assert proposal.title == "Osaajien \u202esaatavuus\u200b"
    assert re.fullmatch(characters.schema_pattern(multiline=True), proposal.challenge)
