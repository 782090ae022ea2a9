"""YAML slips read the same whether PyYAML runs with libyaml or in pure Python (whose
English messages differ): the Finnish explanation must not depend on which is installed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from talkoot.content import yamlsyntax

CASES = Path(__file__).parent / "content_cases"


def _slip_texts() -> list[tuple[str, str]]:
    found = []
    for case_file in sorted(CASES.glob("*.yml")):
        case: dict[str, Any] = yaml.safe_load(case_file.read_text(encoding="utf-8"))
        if case_file.name.startswith("_") or not case.get("errors"):
            continue
        for text in case["files"].values():
            if text and yamlsyntax.parse(text)[1]:
                found.append((case_file.stem, text))
    return found


SLIPS = _slip_texts()


def test_every_slip_has_a_case() -> None:
    assert len(SLIPS) >= 8


@pytest.mark.parametrize(("case", "text"), SLIPS, ids=[case for case, _ in SLIPS])
def test_pure_python_loader_gives_the_same_explanation(
    case: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_libyaml = yamlsyntax.parse(text)
    monkeypatch.setattr(yamlsyntax, "SafeLoader", yaml.SafeLoader)
    assert yamlsyntax.parse(text) == with_libyaml


# Slips beyond the golden cases: (text, line, message), the same with either loader.
MORE = [
    ('name: "Teo" lisuus\n', 1, "arvo jatkuu lainausmerkkien jälkeen sarakkeessa 13"),
    ("title: - hanke\n", 1, "arvo ei voi alkaa merkillä -: laita arvo lainausmerkkeihin"),
    ("title: @hanke\n", 1, "arvo ei voi alkaa merkillä @: laita arvo lainausmerkkeihin"),
    ('name: "Teollisuus\nslug: "x"\n', 1, 'lainausmerkki " sarakkeessa 7 jää sulkematta'),
    ("a: {b: 1\nc: 2\n", 1, "sulku { sarakkeessa 4 jää sulkematta"),
    ("q:\n  - a\n - b\n", 3, "sisennys ei täsmää edelliseen riviin"),
    ("a: 1\na: 2\n", 2, "kenttä a on jo rivillä 1"),
    ("a: # arvo\n", 1, "merkin # (sarake 4) jälkeen teksti luetaan kommentiksi"),
]


@pytest.mark.parametrize("pure_python", [False, True])
@pytest.mark.parametrize(("text", "line", "message"), MORE)
def test_more_slips(
    text: str, line: int, message: str, pure_python: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if pure_python:
        monkeypatch.setattr(yamlsyntax, "SafeLoader", yaml.SafeLoader)
    data, slips = yamlsyntax.parse(text)
    assert data is None
    assert [slip.line for slip in slips] == [line]
    assert message in slips[0].message


def test_comments_and_quoted_text_are_fine() -> None:
    text = "# kommentti\na: 'x # y'\nb: x#y\nc: 40 # arvio\nd: true # ok\n"
    assert yamlsyntax.parse(text) == ({"a": "x # y", "b": "x#y", "c": 40, "d": True}, [])
