"""What the tests read from a built page: language, title, description, links, JSON-LD."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class PageFacts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.description: str | None = None
        self.title = ""
        self.links: list[str] = []
        self.json_ld: list[str] = []
        self._in_title = False
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")
        elif tag == "title":
            self._in_title = True
        elif tag in ("a", "link") and a.get("href"):
            self.links.append(a["href"] or "")
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"
        self._in_ld = self._in_ld and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._in_ld:
            self.json_ld[-1] += data


def facts(page: Path) -> PageFacts:
    parsed = PageFacts()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed
