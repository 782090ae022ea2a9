"""The MkDocs edge: load content once per build, add the generated pages, set the nav.

Kept thin on purpose: the pages come from `talkoot.site`, which knows nothing of MkDocs,
loaded by `talkoot.site.source` as `talkoot export` loads them.
A content error is logged as bare Finnish lines and aborts `mkdocs build` without a
traceback. Under `mkdocs serve` it does not: the preview keeps running and shows every
problem in the browser (`talkoot.site.errorpage`) until the content is fixed.
"""

from __future__ import annotations

import logging
import signal
from pathlib import Path
from types import FrameType
from typing import Literal

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from talkoot.content.load import resolve_content_dir
from talkoot.exceptions import ContentError, Problem
from talkoot.site import errorpage
from talkoot.site.pages import Site
from talkoot.site.source import engine_settings, load_site, site_links, site_nav

log = logging.getLogger("mkdocs.plugins.talkoot")


class TalkootConfig(Config):
    content_dir = config_options.Type(str, default="content")


def _stop_like_ctrl_c(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


class TalkootPlugin(BasePlugin[TalkootConfig]):
    # Having on_startup keeps one instance across the preview's rebuilds.
    serving = False
    site: Site | None = None
    problems: list[Problem] | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        if self.serving:
            # `mkdocs serve` shuts down (and removes its temporary site) on Ctrl-C only; make
            # SIGTERM, which `make` passes on when it is stopped, do the same.
            signal.signal(signal.SIGTERM, _stop_like_ctrl_c)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path).parent
        directory = resolve_content_dir(self.config.content_dir, base)
        # mkdocs serve rebuilds when content changes, also after a failed build
        config.watch.append(str(directory))
        self.site, self.problems = None, None
        config.extra["links"] = site_links()
        try:
            self.site = load_site(directory, site_url=config.site_url, repo_url=config.repo_url)
        except ContentError as error:
            if not self.serving:
                for problem in error.problems:
                    log.error(str(problem))
                raise Abort(error.summary) from None
            # Logged below warning level: `strict` would otherwise stop the preview.
            for problem in error.problems:
                log.info(str(problem))
            log.info(f"{error.summary} Esikatselu näyttää virheet selaimessa.")
            self.problems = list(error.problems)
            return config
        # The site's own name, logo, favicon and colours come from content/site.yml
        engine = engine_settings(self.site)
        config.site_name = engine["site_name"]
        config.extra.update(engine["extra"])
        for key, value in engine["theme"].items():
            config.theme[key] = value
        config.extra_css.extend(engine["extra_css"])
        config.nav = site_nav(self.site, config.nav)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if self.problems is not None:
            # Only the error page: hand-written pages link to pages that are not built now.
            for hand_written in files.documentation_pages():
                files.remove(hand_written)
            return files
        assert self.site is not None
        for page in self.site.generate():
            # Reached from the nav's few entries and from other pages, not listed in the
            # nav one by one: MkDocs need not report each as "not included in the nav".
            files.append(
                File.generated(
                    config,
                    page.path,
                    content=page.content,
                    inclusion=InclusionLevel.NOT_IN_NAV,
                )
            )
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.problems is None:
            return
        page = errorpage.render(self.problems)
        site_dir = Path(config.site_dir)
        # index.html for the front page; 404.html is what the preview answers elsewhere.
        for name in ("index.html", "404.html"):
            (site_dir / name).write_text(page, encoding="utf-8")
