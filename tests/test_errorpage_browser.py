"""The preview's error page in Debian's Chromium: accessible (axe-core, WCAG 2.1 A and AA),
no requests to other origins, content shown as text, and it reloads by itself when the
preview's answer changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import CHROMIUM, CHROMIUM_ARGS, PageLog, origin, run_axe, serve
from talkoot.exceptions import Problem
from talkoot.site import errorpage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"
    ),
]

PROBLEMS = [
    Problem("content/workshops/2024/teollisuus.yml", 3, "", "YAML-virhe: sarkain (tab)"),
    Problem(
        "content/workshops/2024/teollisuus.yml",
        14,
        "outcomes.goals[2].packages[1]",
        "tavoite '<b>Osaajat</b> & luvat': kokonaisuutta 'osaajt' ei ole vuonna 2024",
    ),
]


def test_error_page_is_accessible_and_reloads_itself(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    (tmp_path / "index.html").write_text(errorpage.render(PROBLEMS), encoding="utf-8")
    with serve(tmp_path) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale="fi-FI")
            page = context.new_page()
            page.set_default_timeout(15_000)
            log = PageLog(origin(base))
            log.attach(context, page)
            page.goto(base)
            items = page.locator("li").all_inner_texts()
            assert items == [str(problem) for problem in PROBLEMS]  # markup shown as text
            assert page.locator("h1").inner_text().startswith("Sisällössä on 2 virhettä")
            assert run_axe(page) == []

            # The content is fixed: the preview answers with the site, and the page follows.
            (tmp_path / "index.html").write_text(
                '<!doctype html><html lang="fi"><head><title>Sivusto</title></head>'
                "<body><main><h1>Sivusto</h1></main></body></html>",
                encoding="utf-8",
            )
            page.wait_for_function("document.title === 'Sivusto'", timeout=15_000)
            assert log.problems(base) == []
        finally:
            browser.close()
