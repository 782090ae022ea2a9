"""Hostile input end to end: typed into issue forms, taken in by `talkoot ingest`, approved
and merged, built by a real `mkdocs build --strict`, and opened in Debian's Chromium.

Every value must reach the page as the text the sender typed: no script runs, no dialog
opens, no element or attribute from a submission appears, no link to `javascript:`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_helpers import CHROMIUM, CHROMIUM_ARGS, PageLog, origin, serve
from conftest import build_site
from hostile_corpus import HOSTILE_VALUES, as_input, as_title
from ingest_world import EPOCH, World

pytestmark = [pytest.mark.browser, pytest.mark.build]

# Characters the renderer drops on purpose: bidi overrides and isolates, zero widths.
DROPPED = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _visible(value: str) -> str:
    """What a reader should see of `value`: the same text, whitespace collapsed."""
    return " ".join(DROPPED.sub("", value).split())


@pytest.fixture
def hostile_site(world: World, tmp_path: Path) -> Iterator[tuple[Path, dict[int, dict[str, str]]]]:
    """Every hostile value sent as a proposal, approved by an editor and merged."""
    fake = world.fake
    sent: dict[int, dict[str, str]] = {}
    for index, value in enumerate(HOSTILE_VALUES):
        fields = {
            "title": as_title(value) or f"Vihamielinen syöte {index}",
            "challenge": value,
            "action": f"Toimenpide: {value}",
            "impact": value,
            "organisation": as_input(value) or "Esimerkki Oy",
        }
        number = world.propose(**fields)
        assert world.event("opened", number) == 0
        assert world.label(number, "hyväksytty") == 0
        sent[number] = fields
    for pull in fake.pulls():
        fake.merge_pull(pull["number"])
    content = tmp_path / "content"
    for path, data in fake.files("main").items():
        if path.startswith("content/"):
            target = content / path.removeprefix("content/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    assert len(list((content / "proposals").rglob("*.yml"))) == len(HOSTILE_VALUES)
    site = tmp_path / "site"
    result = build_site(site, content, epoch=str(EPOCH))
    assert result.returncode == 0, result.stderr
    yield site, sent


def test_hostile_input_is_shown_as_text(
    hostile_site: tuple[Path, dict[int, dict[str, str]]],
) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    site, sent = hostile_site
    problems: list[str] = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        log = PageLog(origin(base))
        log.attach(context, page)
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        urls = [f"{base}2025/ehdotukset/{number}/" for number in sent]
        urls += [f"{base}2025/ehdotukset/", f"{base}2025/tyopajat/teollisuus/", base]
        for url in urls:
            log.clear()
            page.goto(url, wait_until="load")
            problems += log.problems(url)
            found: dict[str, Any] = page.evaluate(
                """() => {
                  const content = document.querySelector('.md-content');
                  const all = [...content.querySelectorAll('*')];
                  return {
                    scripts: [...content.querySelectorAll('script')]
                      .filter(s => s.type !== 'application/ld+json').length,
                    handlers: all.filter(e => [...e.attributes]
                      .some(a => a.name.startsWith('on'))).map(e => e.outerHTML.slice(0, 80)),
                    jsLinks: all.filter(e => /^\\s*javascript:/i
                      .test(e.getAttribute('href') || e.getAttribute('src') || '')).length,
                    imgs: content.querySelectorAll('img').length,
                    text: content.innerText,
                    h1: (content.querySelector('h1') || {}).innerText || '',
                  };
                }"""
            )
            if found["scripts"] or found["handlers"] or found["jsLinks"] or found["imgs"]:
                problems.append(f"{url}: markup from a submission was interpreted: {found}")
            number = next((n for n in sent if url.endswith(f"/ehdotukset/{n}/")), None)
            if number is None:
                continue
            shown = " ".join(found["text"].split())
            fields = sent[number]
            if _visible(fields["title"]) != " ".join(found["h1"].split()):
                problems.append(f"{url}: title shown as {found['h1']!r}, sent {fields['title']!r}")
            for name in ("challenge", "action", "impact", "organisation"):
                if _visible(fields[name]) not in shown:
                    problems.append(f"{url}: {name} {fields[name]!r} is not shown as text")
        browser.close()
    assert dialogs == []
    assert problems == []
