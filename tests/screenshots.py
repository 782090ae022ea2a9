"""Screenshots of the first screen at each phase, on a phone (390×844) and a desktop
(1280×800), for looking at the site as a visitor would. Not committed, not a test:

    make screenshots            # or: .venv/bin/python tests/screenshots.py OUT_DIR

Builds the shipped content before the deadline, after it and after the event, and the demo
content with results published, serves each build on 127.0.0.1 and saves a PNG of each
page in `SHOTS` to OUT_DIR (default `screenshots/`, ignored by git).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_helpers import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
VIEWPORTS = {"puhelin": (390, 844), "tyopoyta": (1280, 800)}
SHOTS = ["", "{year}/", "{year}/ilmoittautuminen/", "{year}/ehdotukset/", "{year}/tulokset/"]


def _epoch(*when: int) -> str:
    return str(int(dt.datetime(*when, tzinfo=dt.UTC).timestamp()))


def _build(site: Path, content: Path | None, epoch: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch}
    env.pop("TALKOOT_CONTENT_DIR", None)
    if content is not None:
        env["TALKOOT_CONTENT_DIR"] = str(content)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    from talkoot.content.demo import write_demo_content

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo-content"
        write_demo_content(demo, editions=3, proposals=40, seed=7)
        builds = {
            "1-ilmoittautuminen-auki": (None, _epoch(2023, 11, 1, 10)),
            "2-ilmoittautuminen-paattynyt": (None, _epoch(2023, 11, 22, 10)),
            "3-tapahtuma-ohi": (None, _epoch(2023, 12, 1, 10)),
            "4-tulokset-julkaistu": (demo, _epoch(2026, 2, 1, 10)),
        }
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for name, (content, epoch) in builds.items():
                site = Path(tmp) / name
                _build(site, content, epoch)
                year = max(int(d.name) for d in site.iterdir() if d.name.isdigit())
                with serve(site) as base:
                    for device, (width, height) in VIEWPORTS.items():
                        page = browser.new_page(viewport={"width": width, "height": height})
                        for shot in SHOTS:
                            path = shot.format(year=year)
                            page.goto(base + path, wait_until="load")
                            slug = path.strip("/").replace("/", "-") or "etusivu"
                            target = out / f"{name}-{slug}-{device}.png"
                            page.screenshot(path=str(target))
                            print(target)
                        page.close()
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots")
