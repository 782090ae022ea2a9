"""Golden-file tests of loading and validating content: one YAML per case in
tests/content_cases/, holding the files, the expected content and the exact errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from talkoot.content.load import load
from talkoot.exceptions import ContentError

CASES = Path(__file__).parent / "content_cases"
BASE: dict[str, str] = yaml.safe_load((CASES / "_base.yml").read_text(encoding="utf-8"))


def _cases() -> list[Path]:
    return sorted(p for p in CASES.glob("*.yml") if not p.name.startswith("_"))


@pytest.mark.parametrize("case_file", _cases(), ids=lambda p: p.stem)
def test_content_case(case_file: Path) -> None:
    case: dict[str, Any] = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    files = {**BASE, **case["files"]}
    files = {path: text for path, text in files.items() if text is not None}
    if case["errors"]:
        with pytest.raises(ContentError) as raised:
            load(files)
        assert [str(p) for p in raised.value.problems] == case["errors"]
        return
    content = load(files)
    expected = case["expected"]
    assert sorted(content.events) == expected["events"]
    assert {y: [w.slug for w in ws] for y, ws in content.workshops.items()} == expected["workshops"]
    assert [p.id for p in content.proposals] == expected["proposals"]
    assert content.current.start.isoformat() == expected["start"]
    if "package_statuses" in expected:
        statuses = {p.slug: p.status.value for ps in content.packages.values() for p in ps}
        assert statuses == expected["package_statuses"]


def test_shipped_content_is_valid() -> None:
    from talkoot.content.load import load_dir

    root = Path(__file__).resolve().parent.parent
    content = load_dir(root / "content")
    assert content.current_year == 2023
    assert len(content.workshops[2023]) == 6
    assert content.current.start.utcoffset() is not None


def test_demo_content_is_valid_and_covers_every_status(demo_content: Path) -> None:
    from talkoot.content.load import load_dir
    from talkoot.content.model import ProposalStatus

    content = load_dir(demo_content)
    assert len(content.events) == 3
    assert {p.status for p in content.proposals} == set(ProposalStatus)
