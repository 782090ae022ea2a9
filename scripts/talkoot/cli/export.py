"""`talkoot export DIR`: the whole site as a plain MkDocs project, for any engine.

The export is what an engine needs and nothing of talkoot: the hand-written pages of
`docs/` with their assets, every page `Site.generate()` makes (Markdown, calendars, feeds,
open data) written as files beside them, the theme overrides, and a `mkdocs.yml` derived
from the project's own: the `talkoot` plugin left out, the navigation written in, the
folders pointed at the export. MkDocs builds it without the plugin and Zensical, which runs
no MkDocs plugins, builds it as it is:

    DIR/mkdocs.yml   generated; `site_url` resolved, as the pages were rendered with it
    DIR/docs/        docs_dir
    DIR/overrides/   theme.custom_dir

The content is loaded exactly as the plugin loads it (`talkoot.sitesource`), so
`TALKOOT_CONTENT_DIR` and `SOURCE_DATE_EPOCH` mean the same, and invalid content fails
with the same messages before anything is written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from talkoot.content.project import find_project, read_settings
from talkoot.exceptions import TalkootError
from talkoot.site.source import engine_settings, load_site, site_nav

PLUGIN = "talkoot"
DOCS = "docs"
OVERRIDES = "overrides"
CONFIG = "mkdocs.yml"
# Marks a folder written by `export`: only such a folder (or an empty one) is replaced.
MARKER = ".talkoot-export"
HEADER = (
    "# Written by `talkoot export` from the project's mkdocs.yml and content: do not edit,\n"
    "# export again. Builds with MkDocs (`mkdocs build`) or Zensical (`zensical build`).\n"
)


@dataclass(frozen=True)
class Export:
    root: Path
    generated: int  # files from Site.generate()
    copied: int  # hand-written files from docs/


def export(target: Path, start: Path | None = None) -> Export:
    """Write the export of the project at or above `start` into `target`.

    `target` must not exist, be empty, or hold an earlier export, which is replaced
    whole (a page that is no longer generated must not live on in it).
    """
    project = find_project(start)
    settings = read_settings(project.root / CONFIG)
    docs_dir = (project.root / str(settings.get("docs_dir") or DOCS)).resolve()
    custom_dir = _custom_dir(settings, project.root)
    target = target.resolve()
    _check_target(target, project.root, [docs_dir, project.content_dir, custom_dir])

    # Every content error is raised here, before anything is written.
    site = load_site(project.content_dir, site_url=project.site_url, repo_url=project.repo_url)

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        copied = _copy_tree(docs_dir, staging / DOCS)
        generated = 0
        for page in site.generate():
            path = staging / DOCS / page.path
            if path.exists():
                raise TalkootError(
                    f"{docs_dir.name}/{page.path}: sama polku on sekä kirjoitettu että "
                    "sisällöstä tehty sivu; poista toinen."
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            data = page.content if isinstance(page.content, bytes) else page.content.encode()
            path.write_bytes(data)
            generated += 1
        if custom_dir is not None:
            _copy_tree(custom_dir, staging / OVERRIDES)
        config = engine_config(
            settings, site_nav(site, settings.get("nav")), custom_dir, engine_settings(site)
        )
        (staging / CONFIG).write_text(HEADER + _dump(config), encoding="utf-8")
        (staging / MARKER).write_text("", encoding="utf-8")
        staging.chmod(0o755)  # mkdtemp makes it private
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Export(target, generated, copied)


def engine_config(
    settings: Mapping[str, Any],
    nav: list[Any],
    custom_dir: Path | None,
    from_content: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The project's settings for a build of the export, with no talkoot plugin, and what
    the plugin would have set from content (`talkoot.site.source.engine_settings`)."""
    config = dict(settings)
    extra = from_content or {}
    if "site_name" in extra:
        config["site_name"] = extra["site_name"]
    config["extra"] = {**(config.get("extra") or {}), **extra.get("extra", {})}
    config["extra_css"] = [*(config.get("extra_css") or []), *extra.get("extra_css", [])]
    config["docs_dir"] = DOCS
    # The engine's default, `site` inside the export: Zensical only writes inside the
    # folder of its configuration file.
    config.pop("site_dir", None)
    # Paths the plugin watched for `serve`; nothing to watch in an export.
    config.pop("watch", None)
    config["nav"] = nav
    theme = config.get("theme")
    if isinstance(theme, Mapping):
        config["theme"] = {**theme, **extra.get("theme", {})}
        if custom_dir is not None:
            config["theme"]["custom_dir"] = OVERRIDES
    config["plugins"] = list(_without_plugin(settings.get("plugins")))
    return config


def _without_plugin(plugins: Any) -> Iterable[Any]:
    if isinstance(plugins, Mapping):
        yield from ({name: value} for name, value in plugins.items() if name != PLUGIN)
        return
    for entry in plugins or []:
        if entry == PLUGIN or (isinstance(entry, Mapping) and PLUGIN in entry):
            continue
        yield entry


def _custom_dir(settings: Mapping[str, Any], root: Path) -> Path | None:
    theme = settings.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, Mapping) else None
    return (root / str(custom)).resolve() if custom else None


def _check_target(target: Path, root: Path, sources: list[Path | None]) -> None:
    for source in sources:
        if source is not None and (target == source or target.is_relative_to(source)):
            raise TalkootError(f"{target}: vientikansio ei voi olla kansiossa {source}.")
    if root.is_relative_to(target):
        raise TalkootError(f"{target}: vientikansio ei voi olla projektin kansio.")
    if not target.exists():
        return
    if not target.is_dir():
        raise TalkootError(f"{target}: ei ole kansio.")
    if (target / MARKER).is_file() or not any(target.iterdir()):
        return
    raise TalkootError(
        f"{target}: kansio ei ole tyhjä eikä aiempi vienti; valitse uusi tai tyhjä kansio."
    )


def _copy_tree(source: Path, destination: Path) -> int:
    shutil.copytree(source, destination, dirs_exist_ok=True)
    return sum(len(files) for _, _, files in os.walk(destination))


def _dump(config: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(config), allow_unicode=True, sort_keys=False, width=100)
