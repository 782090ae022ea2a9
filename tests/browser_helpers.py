"""Helpers for the browser tests: serve a built site locally, open it in Debian's Chromium
and check each page (language, console errors, requests leaving the origin, axe-core).

Kept free of pytest so that it can also be used from a shell while fixing a violation:

    .venv/bin/python -c "import sys; sys.path.insert(0, 'tests'); import browser_helpers as b; ..."
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
# The pages link each other relatively, but MkDocs writes 404.html with absolute links
# under the path of `site_url` (https://lappeenranta.github.io/talkoot/), so the site is
# served under the same prefix as on GitHub Pages.
PREFIX = "/talkoot/"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A few best-practice rules on top of the WCAG tags: they catch what the theme gets wrong
# (the unnamed search dialog) and keep the landmarks and headings sound.
EXTRA_RULES = [
    "aria-dialog-name",
    "landmark-one-main",
    "landmark-unique",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "page-has-heading-one",
    "heading-order",
    "region",
]
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "rules": {rule: {"enabled": True} for rule in EXTRA_RULES},
    "resultTypes": ["violations"],
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site directory under PREFIX, and its 404.html with status 404 for
    anything missing, as GitHub Pages does."""

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if not url_path.startswith(PREFIX):
            return str(Path(self.directory) / "\0-outside-prefix")  # cannot exist
        return super().translate_path("/" + path[len(PREFIX) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or self.command != "GET" or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser drops connections it no longer needs (a page left mid-load)
        pass


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1 (a free port); yields the base URL ending in PREFIX."""
    handler = functools.partial(_Handler, directory=str(site_dir))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def page_paths(site_dir: Path) -> list[str]:
    """Every built HTML page as a URL path relative to the site root ('' is the home page)."""
    paths = sorted(
        "" if p.parent == site_dir else p.parent.relative_to(site_dir).as_posix() + "/"
        for p in site_dir.glob("**/index.html")
    )
    if (site_dir / "404.html").is_file():
        paths.append("404.html")
    return paths


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class PageLog:
    """What one browser context saw since the last `clear()`."""

    local_origin: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.console_errors.clear()
        self.foreign_requests.clear()
        self.failed_responses.clear()

    def attach(self, context: Any, page: Any) -> None:
        def route(r: Any) -> None:
            url = r.request.url
            if url.startswith(("data:", "blob:")) or origin(url) == self.local_origin:
                r.continue_()
            else:
                self.foreign_requests.append(url)
                r.abort()

        def console(message: Any) -> None:
            if message.type == "error":
                self.console_errors.append(f"{message.text} @ {message.location}")

        def response(resp: Any) -> None:
            if resp.status >= 400 and origin(resp.url) == self.local_origin:
                self.failed_responses.append(f"{resp.status} {resp.url}")

        context.route("**/*", route)
        page.on("console", console)
        page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))
        page.on("response", response)

    def problems(self, url: str) -> list[str]:
        out = [f"{url}: console error: {e}" for e in self.console_errors]
        out += [f"{url}: request leaves the site: {u}" for u in self.foreign_requests]
        out += [f"{url}: failed request: {u}" for u in self.failed_responses]
        return out


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core violations of WCAG 2.0/2.1 A and AA on the page as it is now.

    axe-playwright-python injects its bundled axe.min.js with `page.evaluate`: no network.
    """
    from axe_playwright_python.sync_playwright import Axe

    return list(Axe().run(page, options=AXE_OPTIONS).response["violations"])


def describe_violations(url: str, violations: list[dict[str, Any]]) -> list[str]:
    """One line per violated rule: the page, the rule, and the targets of its nodes."""
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n.get("target", []))) for n in v["nodes"]]
        shown = "; ".join(targets[:8]) + (f"; … (+{len(targets) - 8})" if len(targets) > 8 else "")
        summary = ""
        if v["nodes"]:
            summary = " — " + (v["nodes"][0].get("failureSummary") or "").replace("\n", " ")[:300]
        lines.append(f"{url}: [{v['id']}] ({v.get('impact')}) {v['help']}: {shown}{summary}")
    return lines
