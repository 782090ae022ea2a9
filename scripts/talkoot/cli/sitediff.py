"""`talkoot site-diff OLD_SITE NEW_SITE`: what a change does to the built site, in Finnish.

Compares two built sites (any engine's output with directory URLs) and writes a short
Markdown summary for a pull request's job summary: pages added, removed and changed, and
changed data files, feeds and calendars. "Changed" means what a reader sees: a page's
title or the text of its main content; a data file's records, not the build's date.

`compare` is pure (path -> bytes in, a summary out); `main` reads the folders.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from talkoot.submissions.wording import code_span

#: At most this many rows a list; the rest are counted.
LIST_MAX = 40
_DATA_SUFFIXES = (".json", ".csv", ".ics", ".xml")
_SKIPPED = ("sitemap.xml", "search/", "assets/")
# Lines that change with every build, not with the content.
_BUILD_STAMPS = re.compile(rb"^DTSTAMP:.*$", re.M)
_FEED_UPDATED = re.compile(rb"(<feed[^>]*>.*?)<updated>[^<]*</updated>", re.S)


class _Visible(HTMLParser):
    """The heading and the main content's text of a page (Material's and Zensical's
    `<article>`, else `<main>`, else the body), without scripts and styles. The title is
    the first `<h1>`, else the document's `<title>` (which engines suffix with the site's
    name); a chart's SVG `<title>` is not the page's."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.heading = ""
        self._h1_done = False
        self.article: list[str] = []
        self.body: list[str] = []
        self._stack: list[str] = []
        self._article_depth: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "meta", "link", "input", "hr", "source", "wbr"):
            return
        self._stack.append(tag)
        if self._article_depth is None and tag in ("article", "main"):
            self._article_depth = len(self._stack)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._stack:
            return
        if tag == "h1" and self.heading:
            self._h1_done = True
        while self._stack:
            closed = self._stack.pop()
            if self._article_depth is not None and len(self._stack) < self._article_depth:
                self._article_depth = -1  # the first article has ended
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._stack or self._stack[-1] in ("script", "style", "template"):
            return
        if self._stack[-1] == "title" and "head" in self._stack:
            self.title += data
            return
        if "h1" in self._stack and not self._h1_done:
            self.heading += data
        words = data.split()
        if not words:
            return
        self.body.extend(words)
        if self._article_depth is not None and self._article_depth > 0:
            self.article.extend(words)


@dataclass(frozen=True)
class PageView:
    title: str
    text: str


def page_view(html: bytes) -> PageView:
    parser = _Visible()
    parser.feed(html.decode("utf-8", errors="replace"))
    parser.close()
    title = parser.heading if parser.heading.strip() else parser.title
    return PageView(" ".join(title.split()), " ".join(parser.article or parser.body))


def _data_view(path: str, data: bytes) -> bytes:
    """A data file without what each build stamps anew."""
    if path.endswith(".ics"):
        return _BUILD_STAMPS.sub(b"", data)
    if path.endswith(".xml"):
        return _FEED_UPDATED.sub(rb"\1", data, count=1)
    if path.endswith(".json"):
        try:
            parsed = json.loads(data)
        except ValueError:
            return data
        if isinstance(parsed, dict):
            parsed.pop("updated", None)
        return json.dumps(parsed, sort_keys=True).encode()
    return data


def _page_url(path: str) -> str | None:
    if path == "index.html":
        return "/"
    if path.endswith("/index.html"):
        return "/" + path.removesuffix("index.html")
    return None


@dataclass(frozen=True)
class SiteDiff:
    added: list[tuple[str, str]]  # (url, title)
    removed: list[tuple[str, str]]
    changed: list[tuple[str, str]]
    files: list[tuple[str, str]]  # (path, "lisätty" | "poistettu" | "muuttunut")

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.files)


def compare(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> SiteDiff:
    """Both sites as relative POSIX path -> bytes."""
    added, removed, changed, files = [], [], [], []
    for path in sorted(set(old) | set(new)):
        if path.startswith(_SKIPPED):
            continue
        url = _page_url(path)
        before, after = old.get(path), new.get(path)
        if url is not None:
            if before is None and after is not None:
                added.append((url, page_view(after).title))
            elif after is None and before is not None:
                removed.append((url, page_view(before).title))
            elif before is not None and after is not None and before != after:
                view = page_view(after)
                if view != page_view(before):
                    changed.append((url, view.title))
        elif path.endswith(_DATA_SUFFIXES):
            if before is None:
                files.append((path, "lisätty"))
            elif after is None:
                files.append((path, "poistettu"))
            elif _data_view(path, before) != _data_view(path, after):
                files.append((path, "muuttunut"))
    return SiteDiff(added, removed, changed, files)


def _section(heading: str, rows: Sequence[str]) -> list[str]:
    if not rows:
        return []
    lines = [f"### {heading} ({len(rows)})", "", *rows[:LIST_MAX]]
    if len(rows) > LIST_MAX:
        lines.append(f"- … ja {len(rows) - LIST_MAX} muuta")
    return [*lines, ""]


def _pages(items: Sequence[tuple[str, str]]) -> list[str]:
    # Titles come from content and so from submissions: code spans keep them inert.
    return [
        f"- {code_span(title or '(ei otsikkoa)', 120)} – {code_span(url, 200)}"
        for url, title in items
    ]


def summary(diff: SiteDiff) -> str:
    lines = ["## Mitä muutos tekee sivustolle", ""]
    if diff.empty:
        return "\n".join([*lines, "Sivuston näkyvä sisältö ei muutu.", ""])
    lines += _section("Uudet sivut", _pages(diff.added))
    lines += _section("Poistuvat sivut", _pages(diff.removed))
    lines += _section("Muuttuvat sivut", _pages(diff.changed))
    lines += _section(
        "Data, syötteet ja kalenterit",
        [f"- {code_span(path, 200)} ({state})" for path, state in diff.files],
    )
    return "\n".join(lines)


def read_site(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def main(old: str, new: str) -> int:
    folders = [Path(old), Path(new)]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        print(f"virhe: kansiota ei ole: {', '.join(missing)}", file=sys.stderr)
        return 1
    sys.stdout.write(summary(compare(read_site(folders[0]), read_site(folders[1]))))
    return 0
