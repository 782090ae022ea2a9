"""Where the project's parts are: read once from `mkdocs.yml`, the one settings file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from talkoot.content.load import Content, load_dir, resolve_content_dir
from talkoot.exceptions import TalkootError


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the settings used here: `!ENV [NAME, default]`
    is resolved; other tags (`!!python/name:` …) are not needed and read as None."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        *names, default = loader.construct_sequence(node)  # type: ignore[arg-type]
    return next((os.environ[str(n)] for n in names if os.environ.get(str(n))), default)


_MkDocsLoader.add_constructor("!ENV", _env)
_MkDocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    root: Path
    content_dir: Path
    site_url: str
    repo_url: str | None

    @property
    def forms_dir(self) -> Path:
        return self.root / ".github" / "ISSUE_TEMPLATE"

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    def load_content(self) -> Content:
        return load_dir(self.content_dir)


def find_project(start: Path | None = None) -> Project:
    """The nearest `mkdocs.yml` at or above `start` (the current directory by default)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        config_file = folder / "mkdocs.yml"
        if config_file.is_file():
            return _read(config_file)
    raise TalkootError("mkdocs.yml-tiedostoa ei löydy: aja komento projektin kansiossa.")


def read_settings(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as a mapping, `!ENV` resolved (see `_MkDocsLoader`)."""
    text = config_file.read_text(encoding="utf-8")
    settings: dict[str, Any] = yaml.load(text, Loader=_MkDocsLoader) or {}  # noqa: S506
    return settings


def _read(config_file: Path) -> Project:
    config = read_settings(config_file)
    configured = "content"
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "talkoot" in plugin:
            configured = (plugin["talkoot"] or {}).get("content_dir", configured)
    root = config_file.parent
    site_url = str(config.get("site_url") or "").rstrip("/") + "/"
    return Project(
        root=root,
        content_dir=resolve_content_dir(configured, root),
        site_url=site_url,
        repo_url=config.get("repo_url"),
    )
