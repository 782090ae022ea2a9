"""The MkDocs edge: load content once per build, add the generated pages, set the nav.

Kept thin on purpose: the pages come from `talkoot.site`, which knows nothing of MkDocs.
A content error is logged as bare Finnish lines and aborts the build without a traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from talkoot.content import clock
from talkoot.content.load import load_dir, resolve_content_dir
from talkoot.content.publication import published
from talkoot.exceptions import ContentError
from talkoot.site.pages import Site, SiteInfo
from talkoot.site.share import TITLES, ShareKind
from talkoot.vocabulary import names

log = logging.getLogger("mkdocs.plugins.talkoot")


class TalkootConfig(Config):
    content_dir = config_options.Type(str, default="content")


class TalkootPlugin(BasePlugin[TalkootConfig]):
    site: Site | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path).parent
        directory = resolve_content_dir(self.config.content_dir, base)
        try:
            content = load_dir(directory)
        except ContentError as error:
            for problem in error.problems:
                log.error(str(problem))
            raise Abort(error.summary) from None
        info = SiteInfo(
            site_url=(config.site_url or "/").rstrip("/") + "/",
            repo_url=config.repo_url,
            now=clock.now(),
        )
        # Everything is rendered from the published view: nothing under embargo reaches
        # a page, a feed, a data file, the search index or the sitemap.
        self.site = Site(published(content, info.now.date()), info)
        # The site's own name, logo, favicon and colours come from content/site.yml
        settings = content.settings
        config.site_name = settings.name
        config.extra["short_name"] = settings.short_name
        config.extra["theme_colour"] = settings.colours.primary
        # pages that the core does not make (hand-written, 404) share the "other" image
        config.extra["share_image"] = names.share_image(ShareKind.OTHER)
        config.extra["share_image_alt"] = f"{TITLES[ShareKind.OTHER]} – {settings.name}"
        config.theme["logo"] = names.logo()
        config.theme["favicon"] = names.favicon()
        config.extra_css.append(names.brand_stylesheet())
        config.nav = self.site.nav() + list(config.nav or [])
        # mkdocs serve rebuilds when content changes
        config.watch.append(str(directory))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        for page in self.site.generate():
            files.append(File.generated(config, page.path, content=page.content))
        return files
