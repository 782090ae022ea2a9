"""The one way any edge gets the site: content loaded, published view taken, `Site` built.

Both the MkDocs plugin and `talkoot export` call `load_site`, so a build with the plugin
and a build from an export render the same pages from the same content, with the same
notion of now (`SOURCE_DATE_EPOCH`) and the same errors (`ContentError`, every problem).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from talkoot.content import clock
from talkoot.content.load import load_dir
from talkoot.content.publication import published
from talkoot.site.context import SiteInfo
from talkoot.site.pages import Site
from talkoot.site.share import TITLES, ShareKind
from talkoot.vocabulary import names


def load_site(directory: Path, *, site_url: str | None, repo_url: str | None) -> Site:
    """The site of the content in `directory` (already resolved: `resolve_content_dir`).

    Raises `ContentError` with every problem when the content does not validate.
    """
    content = load_dir(directory)
    info = SiteInfo(
        site_url=(site_url or "/").rstrip("/") + "/",
        repo_url=repo_url,
        now=clock.now(),
    )
    # Everything is rendered from the published view: nothing under embargo reaches
    # a page, a feed, a data file, the search index or the sitemap.
    return Site(published(content, info.now.date()), info)


def site_nav(site: Site, configured: Sequence[Any] | None) -> list[Any]:
    """The navigation: the site's entries first, then any `nav` written in mkdocs.yml."""
    return site.nav() + list(configured or [])


def engine_settings(site: Site) -> dict[str, Any]:
    """What an engine's configuration takes from content (content/site.yml): the site's
    name, logo, favicon, colours and the sharing image of pages the core does not make.
    The MkDocs plugin sets these on its configuration; `talkoot export` writes them into
    the exported mkdocs.yml, so Zensical gets the same."""
    settings = site.content.settings
    return {
        "site_name": settings.name,
        "extra": {
            "short_name": settings.short_name,
            "theme_colour": settings.colours.primary,
            # pages that the core does not make (hand-written, 404) share the "other" image
            "share_image": names.share_image(ShareKind.OTHER),
            "share_image_alt": f"{TITLES[ShareKind.OTHER]} – {settings.name}",
            "links": site_links(),
        },
        "theme": {"logo": names.logo(), "favicon": names.favicon()},
        "extra_css": [names.brand_stylesheet()],
    }


def site_links() -> dict[str, str]:
    """The footer's and the 404 page's links (overrides/), by their one name: the theme's
    templates read them from `config.extra.links`. They need no content, so the preview's
    error page has them too."""
    return {
        key: names.url(path)
        for key, path in (
            ("accessibility", names.accessibility()),
            ("privacy", names.privacy()),
            ("contact", names.contact()),
            ("archive", names.archive()),
        )
    }
