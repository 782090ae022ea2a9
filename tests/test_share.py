"""Sharing: every page kind has Open Graph and Twitter card metadata with absolute URLs, and
its image is a 1200×630 PNG made at build time."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from talkoot.content.model import SiteSettings
from talkoot.site.share import HEIGHT, TITLES, WIDTH, ShareKind, image

SITE_URL = "https://lappeenranta.github.io/talkoot/"


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = dict(attrs)
            key = a.get("property") or a.get("name")
            if key and a.get("content") is not None:
                self.values[key] = a["content"] or ""


def meta_of(html_file: Path) -> dict[str, str]:
    parser = _Meta()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser.values


def test_every_kind_is_a_1200x630_png_and_reproducible() -> None:
    settings = SiteSettings()
    for kind in ShareKind:
        data = image(settings, kind)
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.format == "PNG" and picture.size == (WIDTH, HEIGHT) == (1200, 630)
        assert image(settings, kind) == data
    assert image(settings, ShareKind.HOME) != image(settings, ShareKind.RESULTS)


def _page(site: Path, pattern: str) -> Path:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return found[0]


@pytest.mark.build
@pytest.mark.parametrize(
    ("pattern", "kind"),
    [
        ("index.html", ShareKind.HOME),
        ("2024/index.html", ShareKind.EDITION),
        ("2024/tyopajat/*/index.html", ShareKind.WORKSHOP),
        ("2024/ehdotukset/*/index.html", ShareKind.PROPOSAL),
        ("2024/toimenpiteet/*/index.html", ShareKind.PACKAGE),
        ("2024/tulokset/index.html", ShareKind.RESULTS),
        ("arkisto/index.html", ShareKind.OTHER),
        ("tietosuojaseloste/index.html", ShareKind.OTHER),
    ],
)
def test_share_metadata_on_every_page_kind(demo_site: Path, pattern: str, kind: ShareKind) -> None:
    page = _page(demo_site, pattern)
    meta = meta_of(page)
    for key in ("og:title", "og:description", "twitter:title", "twitter:description"):
        assert meta.get(key, "").strip(), f"{page}: {key}"
    assert meta["twitter:card"] == "summary_large_image"
    relative = page.parent.relative_to(demo_site).as_posix()
    assert meta["og:url"] == SITE_URL + ("" if relative == "." else relative + "/")
    assert meta["og:image"] == meta["twitter:image"]
    assert meta["og:image"].startswith(SITE_URL)
    image_file = demo_site / meta["og:image"].removeprefix(SITE_URL)
    assert image_file.name == f"jako-{kind.value}.png"
    with Image.open(image_file) as picture:
        assert picture.format == "PNG" and picture.size == (1200, 630)
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    # the image's text, for those who do not see it
    assert meta["og:image:alt"] == f"{TITLES[kind]} – Tulevaisuuden suunnittelutalkoot"
