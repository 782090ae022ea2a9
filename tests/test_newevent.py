"""`talkoot new-event`: sessions move by the edition's rule, and the files it writes keep the
editors' comments and layout (golden files in tests/newevent_cases/, byte for byte)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from conftest import run_talkoot
from talkoot.content.load import Content, load, read_content_dir
from talkoot.content.model import HELSINKI, EventStatus
from talkoot.content.newevent import scaffold
from talkoot.vocabulary import names

TESTS = Path(__file__).parent
SESSIONS = TESTS / "sessions_content"
EXPECTED = TESTS / "newevent_cases" / "expected"


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return read_content_dir(SESSIONS)


@pytest.fixture(scope="module")
def written(files: dict[str, str]) -> dict[str, str]:
    return scaffold(load(files), 2025, files)


@pytest.fixture(scope="module")
def after(files: dict[str, str], written: dict[str, str]) -> Content:
    return load({**files, **written})


def test_the_written_files_match_the_golden_files_byte_for_byte(written: dict[str, str]) -> None:
    expected = read_content_dir(EXPECTED)
    assert sorted(written) == sorted(expected)
    for rel, text in written.items():
        assert text == expected[rel], rel


def test_comments_and_layout_are_kept(written: dict[str, str]) -> None:
    culture = written["workshops/2025/kulttuuri-ja-luovat-alat.yml"]
    assert "\n# Tilaisuus pidetään kirjastossa.\nstart: 2025-11-27T13:00:00\n" in culture
    assert '  postal_code: "53100"\n' in culture  # the editor's quotes
    assert "description: >-\n" in culture  # the editor's folded block
    event = written["events/2025.yml"]
    assert "# Ensimmäinen tilaisuus alkaa ja viimeinen päättyy.\nstart:" in event
    assert "end: 2025-12-09T11:00:00\ndates_confirmed: false\n" in event
    old_package = written["packages/2024/osaaminen.yml"]
    assert "# Tila päivitetään kuukausittain.\nstatus: siirretty\n" in old_package


def test_only_new_files_and_the_carried_package_are_written(written: dict[str, str]) -> None:
    assert [rel for rel in written if "2024" in rel] == ["packages/2024/osaaminen.yml"]


def test_each_session_moves_to_the_same_iso_week_and_weekday(
    files: dict[str, str], after: Content
) -> None:
    before = load(files)
    for old, new in zip(before.workshops[2024], after.workshops[2025], strict=True):
        assert old.start is not None and new.start is not None and new.end is not None
        old_day, new_day = old.start.date(), new.start.date()
        assert new_day.isocalendar()[1:] == old_day.isocalendar()[1:], old.slug
        assert new.start.timetz() == old.start.timetz()
        assert new.end - new.start == old.end - old.start  # type: ignore[operator]
        assert old.place == new.place
    culture = after.workshop(2025, "kulttuuri-ja-luovat-alat")
    assert culture is not None and culture.registration is not None
    assert culture.start == dt.datetime(2025, 11, 27, 13, 0, tzinfo=HELSINKI)
    assert culture.registration.deadline == dt.date(2025, 11, 20)  # a week before, as in 2024
    assert culture.registration.note is None  # it spoke of the old dates


def test_the_platform_stays_but_not_the_link_nor_a_cancellation(after: Content) -> None:
    hybrid = after.workshop(2025, "rakentaminen")
    assert hybrid is not None and hybrid.online is not None and hybrid.place is not None
    assert (hybrid.online.platform, hybrid.online.url) == ("Microsoft Teams", None)
    cancelled = after.workshop(2025, "sote-ala")
    assert cancelled is not None
    assert (cancelled.status, cancelled.changes) == (None, [])
    assert EventStatus.CANCELLED not in {w.status for w in after.workshops[2025]}
    assert not after.events[2025].dates_confirmed


def test_the_command_writes_the_golden_files_and_leaves_the_rest(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(SESSIONS, project / "content", ignore=shutil.ignore_patterns("*.md"))
    (project / "mkdocs.yml").write_text(
        "site_name: Talkoot\nsite_url: https://example.test/talkoot/\nplugins:\n"
        "  - talkoot:\n      content_dir: content\n",
        encoding="utf-8",
    )
    past = 1_600_000_000
    for path in (project / "content").rglob("*.yml"):
        os.utime(path, (past, past))
    result = run_talkoot("new-event", "2025", cwd=project)
    assert result.returncode == 0, result.stderr
    content = project / "content"
    for rel, text in read_content_dir(EXPECTED).items():
        assert (content / rel).read_bytes() == text.encode("utf-8"), rel
    earlier = {p.relative_to(content).as_posix(): p for p in content.rglob("*.yml")}
    changed = {rel for rel, p in earlier.items() if "2025" not in rel and p.stat().st_mtime != past}
    assert changed == {"packages/2024/osaaminen.yml"}
    assert "Teollisuus (ti 9.12.2025)" in (
        project / names.FORMS_DIR / names.REGISTRATION_FORM
    ).read_text(encoding="utf-8")
