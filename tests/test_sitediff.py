"""`talkoot site-diff` on two real builds: what a content change does to the site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_site, run_talkoot
from talkoot.cli.sitediff import compare, page_view, summary

pytestmark = pytest.mark.build

PROPOSAL = """\
# yaml-language-server: $schema=../../../schemas/proposal.schema.json
id: 42
edition: 2023
workshop: teollisuus
title: "Osaajien saatavuus `@kaikki` <img src=x onerror=alert(1)>"
challenge: Alan yrityksillä on pulaa osaajista.
action: Yhteinen rekrytointitapahtuma.
impact: Lisää osaajia alueelle.
city_role: suora
organisation: Esimerkki Oy
submitted: 2023-11-20
history:
  - status: julkaistu
    date: 2023-11-25
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("diff")
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    old = base / "old"
    assert build_site(old, content).returncode == 0
    (content / "proposals" / "2023").mkdir(parents=True, exist_ok=True)
    (content / "proposals" / "2023" / "42-osaajien-saatavuus.yml").write_text(PROPOSAL)
    new = base / "new"
    result = build_site(new, content, epoch="1700000000")  # a later build clock too
    assert result.returncode == 0, result.stderr
    return old, new


def test_a_new_proposal_is_one_new_page_and_the_pages_that_list_it(
    sites: tuple[Path, Path],
) -> None:
    result = run_talkoot("site-diff", str(sites[0]), str(sites[1]))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("## Mitä muutos tekee sivustolle")
    assert "### Uudet sivut (1)" in text
    assert "`/2023/ehdotukset/42/`" in text
    assert "### Muuttuvat sivut" in text
    assert "`/2023/ehdotukset/`" in text  # the proposals index lists it
    assert "Poistuvat sivut" not in text
    # The data and the feeds changed; calendars only by their build stamp, so not listed.
    assert "`data/ehdotukset.csv` (muuttunut)" in text
    assert "`syotteet/ehdotukset.xml` (muuttunut)" in text
    assert ".ics" not in text
    # The hostile title stays inert: inside a code span, never as live markup or mention.
    line = next(x for x in text.splitlines() if "/2023/ehdotukset/42/" in x)
    assert line.startswith("- `")
    assert "<img" not in line.split("`")[0]


def test_the_same_content_built_later_changes_nothing(sites: tuple[Path, Path]) -> None:
    old = sites[0]
    result = run_talkoot("site-diff", str(old), str(old))
    assert result.stdout.endswith("Sivuston näkyvä sisältö ei muutu.\n")


def test_timestamps_alone_are_no_change() -> None:
    old = {
        "index.html": b"<html><title>A</title><article><p>Sama</p></article>"
        b"<footer>Koottu 1.1.</footer></html>",
        "data/x.json": b'{"updated": "2023-11-01", "items": [1]}',
        "a.ics": b"BEGIN:VEVENT\nDTSTAMP:20231101T000000Z\nEND:VEVENT\n",
    }
    new = {
        "index.html": b"<html><title>A</title><article><p>Sama</p></article>"
        b"<footer>Koottu 2.1.</footer></html>",
        "data/x.json": b'{"updated": "2023-11-02", "items": [1]}',
        "a.ics": b"BEGIN:VEVENT\nDTSTAMP:20231102T000000Z\nEND:VEVENT\n",
    }
    assert compare(old, new).empty
    new["data/x.json"] = b'{"updated": "2023-11-02", "items": [2]}'
    assert compare(old, new).files == [("data/x.json", "muuttunut")]


def test_the_page_view_ignores_scripts_and_reads_the_article() -> None:
    view = page_view(
        b"<html><head><title>Otsikko</title><script>var x = 1;</script></head><body>"
        b"<nav>Valikko</nav><article><h1>Otsikko</h1><p>Teksti&nbsp;t\xc3\xa4ss\xc3\xa4</p>"
        b"</article></body></html>"
    )
    assert view.title == "Otsikko"
    assert view.text == "Otsikko Teksti tässä"


def test_long_lists_are_cut() -> None:
    new = {f"{n}/index.html": b"<title>T</title><article>x</article>" for n in range(100)}
    text = summary(compare({}, new))
    assert "### Uudet sivut (100)" in text
    assert "- … ja 60 muuta" in text
