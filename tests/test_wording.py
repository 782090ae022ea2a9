"""What companies and the public read: natural Finnish, no sentence twice on a page, and
who handles proposals in words a company understands ("toimittajat" is journalists or
suppliers to a company)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.build


class _ArticleText(HTMLParser):
    """The text of the page's <article>, block by block, without scripts, SVG titles and
    code examples (the guide's YAML files share their first lines on purpose)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.blocks: list[str] = [""]
        self.heading = False  # headings repeat by design (the same status in each workshop)
        self.headings: set[int] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in ("script", "svg", "style", "pre"):
            self.skip += 1
        if tag in ("p", "li", "dd", "td", "div"):
            self.blocks.append("")
        elif tag in ("h1", "h2", "h3", "dt", "th", "caption"):
            self.blocks.append("")
            self.heading = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        elif self.depth and tag in ("script", "svg", "style", "pre"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.blocks[-1] += data
            if self.heading:
                self.headings.add(len(self.blocks) - 1)
                self.heading = False


def sentences(html: str, *, shortest: int = 20) -> list[str]:
    """The article's sentences of at least `shortest` characters, headings left out."""
    parser = _ArticleText()
    parser.feed(html)
    out = []
    for index, block in enumerate(parser.blocks):
        if index in parser.headings:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(block.split())):
            # sentences only: labels and counts ("Edistyminen 40 %") repeat by design
            if len(sentence) >= shortest and sentence.endswith((".", "!", "?")):
                out.append(sentence)
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.glob("**/index.html"))


@pytest.mark.parametrize("site_fixture", ["shipped_site", "demo_site"])
def test_no_sentence_twice_on_a_page(site_fixture: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    problems = []
    for page in _pages(site):
        counts = Counter(sentences(page.read_text(encoding="utf-8")))
        problems += [f"{page.relative_to(site)}: {n}× {s!r}" for s, n in counts.items() if n > 1]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("site_fixture", ["shipped_site", "demo_site"])
def test_no_toimittajat_and_no_zero_counts(
    site_fixture: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    problems = []
    for page in _pages(site):
        if page.parent.name == "toimittajan-opas":
            continue  # the editors' own guide
        text = " ".join(sentences(page.read_text(encoding="utf-8")))
        if re.search(r"\b[Tt]oimittaj", text):
            problems.append(f"{page.relative_to(site)}: says 'toimittaja'")
        if re.search(r"\bon 0\b", text):
            problems.append(f"{page.relative_to(site)}: a count of zero: 'on 0'")
    assert not problems, "\n".join(problems)


def test_registration_page_says_free_once(shipped_site: Path) -> None:
    html = (shipped_site / "2023" / "ilmoittautuminen" / "index.html").read_text(encoding="utf-8")
    assert sentences(html, shortest=1).count("Osallistuminen on maksutonta.") == 1
