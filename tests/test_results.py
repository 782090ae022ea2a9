"""Results of an edition: embargo, feeds, open data, and the yearly cycle, on real builds."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import jsonschema
import pytest

from conftest import ROOT, build_site, run_talkoot
from talkoot.content.demo import embargo_day
from talkoot.content.load import load_dir

pytestmark = pytest.mark.build

EMBARGOED = "Salainen kokonaisuus"


def _epoch(day: dt.date) -> str:
    return str(int(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC).timestamp()))


def _all_text(site: Path) -> str:
    """Every file of the built site as text: pages, feeds, data, search index, sitemaps."""
    parts = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        parts.append(raw.decode("utf-8", errors="ignore"))
    return "\n".join(parts)


def test_embargo_holds_until_publish_from(tmp_path: Path, demo_content: Path) -> None:
    day = embargo_day(2025)
    assert EMBARGOED in (demo_content / "packages" / "2025" / "tapahtumat.yml").read_text()
    before = tmp_path / "before"
    after = tmp_path / "after"
    assert (
        build_site(before, demo_content, epoch=_epoch(day - dt.timedelta(days=1))).returncode == 0
    )
    assert build_site(after, demo_content, epoch=_epoch(day)).returncode == 0

    text_before = _all_text(before)
    assert EMBARGOED not in text_before
    assert not (before / "2025" / "toimenpiteet" / "tapahtumat").exists()
    # the decisions that put proposals into the package wait for it too
    proposals = json.loads((before / "data" / "ehdotukset.json").read_text())["items"]
    packaged = [p for p in proposals if "2025/tapahtumat" in p["packages"]]
    assert packaged == []

    text_after = _all_text(after)
    assert EMBARGOED in text_after
    assert (after / "2025" / "toimenpiteet" / "tapahtumat" / "index.html").is_file()
    search = json.loads((after / "search" / "search_index.json").read_text())
    assert any(EMBARGOED in doc["title"] for doc in search["docs"])


def test_feeds_parse_and_follow_the_content(demo_site: Path, demo_content: Path) -> None:
    content = load_dir(demo_content)
    public = [p for p in content.proposals if p.status.value != "vastaanotettu"]
    feed = feedparser.parse((demo_site / "syotteet" / "ehdotukset.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.language == "fi"
    assert len(feed.entries) == len(public)
    assert all(e.link.startswith("https://lappeenranta.github.io/talkoot/") for e in feed.entries)
    assert {e.title for e in feed.entries} == {p.title for p in public}

    changes = feedparser.parse((demo_site / "syotteet" / "tilamuutokset.xml").read_bytes())
    assert changes.bozo == 0
    assert changes.entries and all(": " in e.title for e in changes.entries)

    workshop = feedparser.parse(
        (demo_site / "2024" / "tyopajat" / "teollisuus-ehdotukset.xml").read_bytes()
    )
    assert workshop.bozo == 0
    mine = [p for p in public if p.edition == 2024 and p.workshop == "teollisuus"]
    assert len(workshop.entries) == len(mine)


def test_open_data_matches_its_schemas(demo_site: Path) -> None:
    for name in ("ehdotukset", "toimenpidekokonaisuudet"):
        data = json.loads((demo_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
        schema = json.loads((demo_site / "data" / f"{name}.schema.json").read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
        assert data["licence"] == "CC BY 4.0"
        assert data["items"]
        rows = list(
            csv.DictReader(
                io.StringIO((demo_site / "data" / f"{name}.csv").read_bytes().decode("utf-8"))
            )
        )
        assert len(rows) == len(data["items"])
        assert list(rows[0]) == list(data["items"][0])


def test_results_page_has_charts_with_text_alternatives(demo_site: Path) -> None:
    html = (demo_site / "2024" / "tulokset" / "index.html").read_text(encoding="utf-8")
    assert html.count('role="img"') == 2
    assert "<desc" in html and "<table>" in html
    assert "<script" not in html.split("<figure", 1)[1].split("</figure>", 1)[0]


def test_workshop_calendar_and_package_links(demo_site: Path) -> None:
    import icalendar

    raw = (demo_site / "2024" / "tyopajat" / "teollisuus.ics").read_bytes()
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["uid"]).startswith("talkoot-2024-teollisuus@")
    carried = (demo_site / "2025" / "toimenpiteet" / "osaaminen" / "index.html").read_text()
    assert "2024/toimenpiteet/osaaminen/" in carried


def test_new_event_scaffold_validates_and_builds(tmp_path: Path, demo_content: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "schemas", ".github"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    shutil.copytree(demo_content, project / "content")

    def talkoot(*args: str) -> subprocess.CompletedProcess[str]:
        return run_talkoot(*args, cwd=project)

    result = talkoot("new-event", "2026")
    assert result.returncode == 0, result.stderr
    assert talkoot("validate").returncode == 0
    assert talkoot("new-event", "2026").returncode == 1  # not new any more
    content = load_dir(project / "content")
    assert content.current_year == 2026
    assert not content.current.dates_confirmed
    assert [w.slug for w in content.workshops[2026]] == [w.slug for w in content.workshops[2025]]
    carried = content.package(2026, "osaaminen")
    assert carried is not None and carried.carried_from is not None
    assert content.package(2025, "osaaminen").status.value == "siirretty"  # type: ignore[union-attr]
    assert content.package(2026, "tapahtumat").publish_from == embargo_day(2025)  # type: ignore[union-attr]
    forms = (project / ".github" / "ISSUE_TEMPLATE" / "ehdotus.yml").read_text(encoding="utf-8")
    assert "2026" in forms
    env_site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(env_site)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={
            **{k: v for k, v in os.environ.items() if k != "TALKOOT_CONTENT_DIR"},
            "NO_MKDOCS_2_WARNING": "1",
        },
    )
    assert result.returncode == 0, result.stderr
    assert (env_site / "2025" / "index.html").is_file()  # past editions keep their URLs
    assert "Alustavasti" in (env_site / "index.html").read_text(encoding="utf-8")


def test_chart_labels_wrap_within_the_chart() -> None:
    """A long workshop name wraps onto lines that fit the chart's width instead of being cut
    off at the right edge, and the rows below move down to make room."""
    import xml.etree.ElementTree as ET

    from talkoot.site import charts

    long_name = "Kauppa, matkailu, ravintola-ala ja vapaa-ajan palvelut"
    figure = charts.stacked_bars(
        "t",
        [(long_name, [1, 2]), ("Teollisuus", [3, 0])],
        [charts.Series("A", "#00507a"), charts.Series("B", "#2e7d32")],
        title="t",
        description="d",
        caption="c",
    )
    svg = ET.fromstring(figure).find("{http://www.w3.org/2000/svg}svg")
    assert svg is not None
    texts = svg.findall("{http://www.w3.org/2000/svg}text")
    spans = texts[0].findall("{http://www.w3.org/2000/svg}tspan")
    assert " ".join(s.text or "" for s in spans) == long_name
    assert len(spans) == 2 and all(len(s.text or "") <= charts.LABEL_CHARACTERS for s in spans)
    second_label = next(t for t in texts if t.text == "Teollisuus")
    assert float(second_label.get("y", 0)) == 4 + charts.LINE_HEIGHT + charts.ROW_HEIGHT + 15
