"""The MkDocs edge: load content once per build, add the generated pages, set the nav.

Kept thin on purpose: the pages come from `talkoot.pages`, which knows nothing of MkDocs,
loaded by `talkoot.sitesource` as `talkoot export` loads them.
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

from .content import resolve_content_dir
from .exceptions import ContentError
from .pages import Site
from .sitesource import load_site, site_nav

log = logging.getLogger("mkdocs.plugins.talkoot")


class TalkootConfig(Config):
    content_dir = config_options.Type(str, default="content")


class TalkootPlugin(BasePlugin[TalkootConfig]):
    site: Site | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path).parent
        directory = resolve_content_dir(self.config.content_dir, base)
        try:
            self.site = load_site(directory, site_url=config.site_url, repo_url=config.repo_url)
        except ContentError as error:
            for problem in error.problems:
                log.error(str(problem))
            raise Abort(error.summary) from None
        config.nav = site_nav(self.site, config.nav)
        # mkdocs serve rebuilds when content changes
        config.watch.append(str(directory))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        for page in self.site.generate():
            files.append(File.generated(config, page.path, content=page.content))
        return files
