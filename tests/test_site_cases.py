"""Golden tests of the site core without MkDocs: content in, `Site` pages out.

Each file in tests/site_cases/ is one case: small content inline (`files`, added to
`_base.yml`; a file set to null is removed), one or more `runs` (each a fixed `now`, the
build's clock), what to `look` at, and the `expected` outputs of every run. The test loads
the content with `talkoot.content.load.load`, takes the published view for the run's day
(`talkoot.content.publication.published`), builds `talkoot.site.pages.Site` and compares:

* `pages`: the path of every page and file the site makes;
* `front_matter`: the YAML front matter of the pages listed (null: no such page);
* `markdown`: for each page listed, its lines that contain any of the given fragments;
* `feeds`: the entries of Atom feeds (id, title, link, updated, summary);
* `calendars`: the events of .ics files, read with icalendar;
* `data`: open-data files, CSV as rows and JSON as parsed;
* `charts`: how many SVG charts and tables a page holds.

A run may also list strings that must be `absent` from every output (the embargo) or
`present` in some output; those are written by hand and never regenerated.

Regenerate the expected outputs after an intended change with

    TALKOOT_UPDATE_GOLDENS=1 .venv/bin/python -m pytest -q tests/test_site_cases.py

which rewrites everything from the `expected:` line on (it must be the last key of a case)
and keeps the rest of the file as written. Review the diff before committing it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import icalendar
import pytest
import yaml

from talkoot.content.load import load
from talkoot.content.publication import published
from talkoot.site.context import SiteInfo
from talkoot.site.pages import Site
from talkoot.site.render import Page

CASES = Path(__file__).parent / "site_cases"
BASE: dict[str, str] = yaml.safe_load((CASES / "_base.yml").read_text(encoding="utf-8"))
UPDATE = os.environ.get("TALKOOT_UPDATE_GOLDENS") == "1"
SITE_URL = "https://talkoot.example/"
REPO_URL = "https://github.com/kaupunki/talkoot"
ATOM = "{http://www.w3.org/2005/Atom}"
CASE_KEYS = {"description", "files", "site_url", "repo_url", "runs", "look", "expected"}
LOOK_KEYS = {"front_matter", "markdown", "feeds", "calendars", "data", "charts"}
RUN_KEYS = {"now", "absent", "present"}


def _cases() -> list[Path]:
    return sorted(p for p in CASES.glob("*.yml") if not p.name.startswith("_"))


def build(case: Mapping[str, Any], now: dt.datetime) -> dict[str, Page]:
    files = {**BASE, **case.get("files", {})}
    content = load({path: text for path, text in files.items() if text is not None})
    info = SiteInfo(
        site_url=case.get("site_url", SITE_URL), repo_url=case.get("repo_url", REPO_URL), now=now
    )
    site = Site(published(content, now.date()), info)
    pages: dict[str, Page] = {}
    for page in site.generate():
        assert page.path not in pages, f"two pages at {page.path}"
        pages[page.path] = page
    return pages


def _text(page: Page) -> str:
    content = page.content
    return content.decode("utf-8") if isinstance(content, bytes) else content


def _front_matter(page: Page) -> Any:
    text = _text(page)
    assert text.startswith("---\n"), page.path
    head, _, _ = text[4:].partition("\n---\n")
    return yaml.safe_load(head)


def _lines(page: Page, fragments: list[str]) -> list[str]:
    return [line for line in _text(page).splitlines() if any(f in line for f in fragments)]


def _feed(page: Page) -> list[dict[str, str]]:
    root = ET.fromstring(page.content)
    return [
        {
            "id": entry.findtext(f"{ATOM}id", ""),
            "title": entry.findtext(f"{ATOM}title", ""),
            "link": entry.find(f"{ATOM}link").get("href", ""),
            "updated": entry.findtext(f"{ATOM}updated", ""),
            "summary": entry.findtext(f"{ATOM}summary", ""),
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


def _calendar(page: Page) -> list[dict[str, str]]:
    calendar = icalendar.Calendar.from_ical(page.content)
    events = []
    for event in calendar.walk("VEVENT"):
        fields = {}
        for key in ("UID", "SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "LOCATION", "URL"):
            value = event.get(key)
            if value is None:
                continue
            decoded = event.decoded(key) if key.startswith("DT") else str(value)
            fields[key.lower()] = (
                decoded.isoformat() if isinstance(decoded, dt.date) else str(decoded)
            )
        events.append(fields)
    return events


def _data(page: Page) -> Any:
    if page.path.endswith(".csv"):
        return list(csv.DictReader(io.StringIO(_text(page))))
    return json.loads(page.content)


def _charts(page: Page) -> dict[str, int]:
    text = _text(page)
    return {"svg": text.count("<svg"), "table": text.count("<table")}


def outputs(pages: Mapping[str, Page], look: Mapping[str, Any]) -> dict[str, Any]:
    """What a run is compared on; see the module docstring."""

    def each(key: str, read: Any) -> dict[str, Any]:
        return {path: read(pages[path]) if path in pages else None for path in look.get(key, [])}

    got: dict[str, Any] = {"pages": sorted(pages)}
    if "front_matter" in look:
        got["front_matter"] = each("front_matter", _front_matter)
    if "markdown" in look:
        got["markdown"] = {
            path: _lines(pages[path], fragments) if path in pages else None
            for path, fragments in look["markdown"].items()
        }
    for key, read in (
        ("feeds", _feed),
        ("calendars", _calendar),
        ("data", _data),
        ("charts", _charts),
    ):
        if key in look:
            got[key] = each(key, read)
    return got


def _write_expected(path: Path, expected: dict[str, Any]) -> None:
    text = path.read_text(encoding="utf-8")
    head, marker, _ = text.partition("\nexpected:")
    assert marker or "\nexpected:" not in text
    dumped = yaml.safe_dump({"expected": expected}, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(head.rstrip("\n") + "\n" + dumped, encoding="utf-8")


def test_cases_exist_and_are_well_formed() -> None:
    assert len(_cases()) >= 4
    for path in _cases():
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(case) <= CASE_KEYS, path.name
        assert case["description"].strip(), path.name
        assert set(case.get("look", {})) <= LOOK_KEYS, path.name
        assert case["runs"], path.name
        for run in case["runs"].values():
            assert set(run) <= RUN_KEYS, path.name
            assert isinstance(run["now"], dt.datetime) and run["now"].tzinfo, path.name
        assert list(case)[-1] == "expected" or UPDATE, f"{path.name}: expected must come last"


@pytest.mark.parametrize("path", _cases(), ids=lambda p: p.stem)
def test_site_case(path: Path) -> None:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    got: dict[str, Any] = {}
    for name, run in case["runs"].items():
        pages = build(case, run["now"])
        # Every text output; the sharing images are pictures (tests/test_share.py).
        every_output = "\n".join(
            _text(page) for page in pages.values() if not page.path.endswith(".png")
        )
        for text in run.get("absent", []):
            assert text not in every_output, f"{name}: {text!r} is published"
        for text in run.get("present", []):
            assert text in every_output, f"{name}: {text!r} is not published"
        got[name] = outputs(pages, case.get("look", {}))
    if UPDATE:
        _write_expected(path, got)
        return
    assert "expected" in case, f"{path.name}: run with TALKOOT_UPDATE_GOLDENS=1 first"
    expected = case["expected"]
    assert list(got) == list(expected)
    for name in got:
        for key in got[name]:
            assert got[name][key] == expected[name][key], f"{name}: {key}"
