"""Real `mkdocs build --strict` runs of the shipped and the demo content."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import icalendar
import pytest

from conftest import broken_content, build_site
from html_facts import facts as _facts

pytestmark = pytest.mark.build


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("site_fixture", ["shipped_site", "demo_site"])
def test_every_page_is_finnish_described_and_linked(
    site_fixture: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    pages = _pages(site)
    assert len(pages) > 10
    broken = []
    for page in pages:
        facts = _facts(page)
        assert facts.lang == "fi", page
        assert facts.description, f"{page}: no meta description"
        assert facts.title.strip(), page
        base = "http://site/" + page.relative_to(site).as_posix()
        for href in facts.links:
            url = urlsplit(urljoin(base, href))
            if url.scheme not in ("http", "https") or url.netloc != "site":
                continue
            # 404.html links from the site's root path, which is /talkoot/ in mkdocs.yml
            target = site / url.path.removeprefix("/talkoot/").lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert broken == []


def test_shipped_site_has_the_2023_edition(shipped_site: Path) -> None:
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert "to 23.11.2023 klo 13.00–16.00" in home
    assert "Villimiehenkatu 1" in home
    for slug in (
        "kauppa-matkailu-ravintola-ala-ja-vapaa-ajan-palvelut",
        "liike-elaman-palvelut",
        "kulttuuri-ja-luovat-alat",
        "rakentaminen",
        "sote-ala",
        "teollisuus",
    ):
        assert (shipped_site / "2023" / "tyopajat" / slug / "index.html").is_file()
    for page in ("saavutettavuusseloste", "tietosuojaseloste", "yhteystiedot", "arkisto"):
        assert f'href="{page}/"' in home, page


def test_event_json_ld_carries_offsets(shipped_site: Path) -> None:
    facts = _facts(shipped_site / "2023" / "index.html")
    (raw,) = facts.json_ld
    data = json.loads(raw)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2023-11-23T13:00:00+02:00"
    assert data["endDate"] == "2023-11-23T16:00:00+02:00"
    assert data["location"]["address"]["postalCode"] == "53100"


def test_calendar_file_round_trips(shipped_site: Path) -> None:
    raw = (shipped_site / "2023" / "talkoot-2023.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.tzinfo is not None and start.utcoffset().total_seconds() == 7200
    assert start.astimezone(__import__("datetime").UTC).hour == 11
    assert event["dtstart"].params["TZID"] == "Europe/Helsinki"
    assert str(event["uid"]) == "talkoot-2023@lappeenranta.github.io"
    assert "Villimiehenkatu 1" in str(event["location"])
    assert str(event["url"]).endswith("/2023/")
    assert event.get("dtstamp") is not None
    assert calendar.walk("VTIMEZONE"), "the time zone travels with the file"


def test_demo_site_has_archive_and_proposals(demo_site: Path) -> None:
    archive = (demo_site / "arkisto" / "index.html").read_text(encoding="utf-8")
    for year in (2023, 2024, 2025):
        assert f'href="../{year}/"' in archive
    proposals = sorted((demo_site / "2025" / "ehdotukset").glob("*/index.html"))
    assert proposals
    # received (not yet approved) proposals stay off the site
    assert not list((demo_site / "2023" / "ehdotukset").glob("7/index.html"))


def test_build_is_quiet(shipped_site: Path) -> None:
    """Generated pages are not reported one by one as missing from the nav; what the
    build says beyond its progress lines is a real problem."""
    log = (shipped_site.parent / "build.log").read_text(encoding="utf-8")
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in log.splitlines()]
    said = [
        line
        for line in lines
        if not re.match(
            r"INFO\s+-\s+(Cleaning site|Building documentation|Documentation built)", line
        )
    ]
    assert said == []


def test_invalid_content_fails_the_build_in_finnish(tmp_path: Path) -> None:
    content = broken_content(tmp_path)
    result = build_site(tmp_path / "site", content)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.stderr + result.stdout)
    assert "workshops/2023/teollisuus.yml:2: name: puuttuu" in output
    assert "workshops/2023/teollisuus.yml:4: order: pitää olla kokonaisluku" in output
    assert "Sisällössä on 2 virhettä." in output
