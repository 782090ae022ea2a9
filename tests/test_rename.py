"""Renaming a page folder is a one-line change in `talkoot.vocabulary.names`.

The test renames the proposals' and the workshops' folders and runs a real strict
`mkdocs build` of the demo content in this process (`mkdocs.commands.build`), so that the
monkeypatched names reach the plugin and the templates, which read them at call time.
Every page and file must then live under the new folders, every internal link must
resolve, and no old path may be left in any output file (pages, feeds, calendars, data,
search index, sitemap).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import BUILD_EPOCH, ROOT
from talkoot.content import clock
from talkoot.content.load import load_dir
from talkoot.content.publication import published
from talkoot.site.context import SiteInfo
from talkoot.site.pages import Site
from talkoot.vocabulary import names

pytestmark = pytest.mark.build

OLD = (names.PROPOSALS, names.WORKSHOPS)
NEW_PROPOSALS = "aloitteet"
NEW_WORKSHOPS = "toimialat"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") if tag in ("a", "link") else None
        if href:
            self.links.append(href)


def _outputs(site: Path) -> Iterator[tuple[Path, str]]:
    """Every file of the built site as text (sitemap.xml.gz unpacked)."""
    for path in sorted(site.rglob("*")):
        if path.is_file():
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            yield path, raw.decode("utf-8", errors="ignore")


def _output_path(page_path: str) -> str:
    """Where MkDocs (directory URLs) writes a generated page or file."""
    url = names.url(page_path)
    return url + "index.html" if page_path.endswith(".md") else url


@pytest.fixture(scope="module")
def renamed_site(
    tmp_path_factory: pytest.TempPathFactory, demo_content: Path
) -> Iterator[tuple[Path, set[str]]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(names, "PROPOSALS", NEW_PROPOSALS)
        patch.setattr(names, "WORKSHOPS", NEW_WORKSHOPS)
        patch.setenv("TALKOOT_CONTENT_DIR", str(demo_content))
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.chdir(ROOT)
        site = tmp_path_factory.mktemp("renamed-site")
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True)
        build(config)  # raises Abort on any warning: strict, like `make site`
        now = clock.now()
        pages = Site(
            published(load_dir(demo_content), now.date()),
            SiteInfo(site_url=str(config.site_url), repo_url=config.repo_url, now=now),
        ).generate()
        generated = {_output_path(page.path) for page in pages}
    yield site, generated


def test_the_names_are_back_after_the_build(renamed_site: tuple[Path, set[str]]) -> None:
    assert (names.PROPOSALS, names.WORKSHOPS) == OLD
    assert names.proposal(2025, 4) == f"2025/{OLD[0]}/4.md"


def test_every_page_and_file_is_under_the_new_folders(
    renamed_site: tuple[Path, set[str]],
) -> None:
    site, generated = renamed_site
    missing = sorted(path for path in generated if not (site / path).is_file())
    assert missing == []
    proposals = {p for p in generated if f"/{NEW_PROPOSALS}/" in p}
    workshops = {p for p in generated if f"/{NEW_WORKSHOPS}/" in p}
    assert len(proposals) > 10 and len(workshops) > 10
    assert any(p.endswith(".ics") for p in workshops)
    assert any(p.endswith(".xml") for p in workshops)
    folders = {part for path in site.rglob("*") for part in path.relative_to(site).parts[:-1]}
    assert not folders & set(OLD)
    assert {NEW_PROPOSALS, NEW_WORKSHOPS} <= folders


def test_internal_links_resolve(renamed_site: tuple[Path, set[str]]) -> None:
    site, _ = renamed_site
    broken = []
    for page, text in _outputs(site):
        if page.suffix != ".html":
            continue
        parser = _Links()
        parser.feed(text)
        base = "http://site/" + page.relative_to(site).as_posix()
        for href in parser.links:
            url = urlsplit(urljoin(base, href))
            if url.scheme not in ("http", "https") or url.netloc != "site":
                continue
            # 404.html links from the site's root path, which is /talkoot/ in mkdocs.yml
            target = site / url.path.removeprefix("/talkoot/").lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert broken == []


def test_no_old_path_in_any_output(renamed_site: tuple[Path, set[str]]) -> None:
    site, _ = renamed_site
    stale = [
        f"{path.relative_to(site)}: /{old}/"
        for path, text in _outputs(site)
        for old in OLD
        if f"/{old}/" in text
    ]
    assert stale == []
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/{NEW_PROPOSALS}/" in sitemap and f"/{NEW_WORKSHOPS}/" in sitemap
