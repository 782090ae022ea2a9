"""One site, two engines: MkDocs with the talkoot plugin, and Zensical (which runs no MkDocs
plugins) building what `talkoot export` wrote, from the same content and clock."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import BUILD_EPOCH, ROOT, broken_content, build_site
from html_facts import facts
from talkoot.vocabulary import names

pytestmark = pytest.mark.build

# What each engine adds of its own: its theme's scripts, styles and images, its search
# index and its sitemap. Everything else is the site and must be the same.
ENGINE_FILES = re.compile(
    r"^(assets/(javascripts|stylesheets|images)/|search/|search\.json$|sitemap\.xml(\.gz)?$)"
)


def _outputs(site: Path) -> set[str]:
    return {
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and not ENGINE_FILES.match(path.relative_to(site).as_posix())
    }


def _export(target: Path, content: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    env.pop("TALKOOT_CONTENT_DIR", None)
    if content is not None:
        env["TALKOOT_CONTENT_DIR"] = str(content)
    return subprocess.run(
        [sys.executable, "-m", "talkoot.cli", "export", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_same_pages_and_files(demo_site: Path, zensical_demo_site: Path) -> None:
    """Every page and file of the MkDocs build is in the Zensical build and nothing more;
    calendars, feeds and open data are byte for byte the same."""
    mkdocs, zensical = _outputs(demo_site), _outputs(zensical_demo_site)
    assert sum(p.endswith("index.html") for p in mkdocs) > 50
    assert sorted(mkdocs - zensical) == [] and sorted(zensical - mkdocs) == []
    differing = [
        path
        for path in sorted(mkdocs)
        if not path.endswith(".html")
        and (demo_site / path).read_bytes() != (zensical_demo_site / path).read_bytes()
    ]
    assert differing == []


def test_same_titles_descriptions_and_json_ld(demo_site: Path, zensical_demo_site: Path) -> None:
    pages = sorted(p for p in _outputs(demo_site) if p.endswith(".html"))
    mismatches = []
    with_json_ld = 0
    for path in pages:
        ours, theirs = facts(demo_site / path), facts(zensical_demo_site / path)
        assert ours.title.strip() and ours.description, path
        with_json_ld += bool(ours.json_ld)
        for what, a, b in (
            ("lang", ours.lang, theirs.lang),
            ("title", ours.title.strip(), theirs.title.strip()),
            ("description", ours.description, theirs.description),
            ("JSON-LD", list(map(json.loads, ours.json_ld)), list(map(json.loads, theirs.json_ld))),
        ):
            if a != b:
                mismatches.append(f"{path}: {what}: {a!r} (MkDocs) != {b!r} (Zensical)")
    assert mismatches == [], "\n".join(mismatches)
    assert with_json_ld >= 3  # the editions' Event data at least


def test_same_search_scope(demo_site: Path, zensical_demo_site: Path) -> None:
    """Both indexes leave out the proposal pages (`search: exclude`) and hold the rest."""

    def pages(docs: list[dict[str, str]]) -> set[str]:
        return {doc["location"].split("#")[0] for doc in docs}

    mkdocs = json.loads((demo_site / "search" / "search_index.json").read_text("utf-8"))
    zensical = json.loads((zensical_demo_site / "search.json").read_text("utf-8"))
    assert pages(mkdocs["docs"]) == pages(zensical["items"])
    assert not any("/ehdotukset/" in p and p.count("/") > 2 for p in pages(zensical["items"]))


def test_export_is_a_plain_mkdocs_project(tmp_path: Path) -> None:
    """The shipped content's export: hand-written and generated pages side by side, the
    overrides, and a mkdocs.yml without the plugin that MkDocs itself builds."""
    target = tmp_path / "export"
    result = _export(target)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs"
    assert config["theme"]["custom_dir"] == "overrides"
    # What the plugin sets from content/site.yml is written in, for engines without it.
    assert config["extra_css"] == ["assets/talkoot.css", names.brand_stylesheet()]
    assert config["site_name"] == "Tulevaisuuden suunnittelutalkoot"
    assert config["theme"]["logo"] == names.logo()
    assert config["theme"]["favicon"] == names.favicon()
    assert (target / "docs" / names.logo()).is_file()
    assert [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]] == ["search"]
    assert {"Etusivu": "index.md"} in config["nav"]
    for path in ("index.md", "2023/talkoot-2023.ics", "saavutettavuusseloste.md"):
        assert (target / "docs" / path).is_file(), path
    assert (target / "docs" / "assets" / "talkoot.css").is_file()
    assert (target / "overrides" / "main.html").is_file()

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    home = (target / "site" / "index.html").read_text(encoding="utf-8")
    assert "to 23.11.2023 klo 13.00–16.00" in home

    # Exported again over itself: replaced whole, so nothing stale survives
    (target / "docs" / "vanha-sivu.md").write_text("# Vanha\n", encoding="utf-8")
    assert _export(target).returncode == 0
    assert not (target / "docs" / "vanha-sivu.md").exists()
    assert not (target / "site").exists()


def test_export_fails_on_invalid_content_as_the_build_does(tmp_path: Path) -> None:
    """The same Finnish lines as `mkdocs build` logs, exit 1, and nothing written."""
    content = broken_content(tmp_path)
    result = _export(tmp_path / "export", content)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    *problems, summary = result.stderr.splitlines()
    assert summary == "Sisällössä on 2 virhettä."
    assert [p.split("teollisuus.yml:")[1] for p in problems] == [
        "2: name: puuttuu",
        "4: order: pitää olla kokonaisluku",
    ]
    built = build_site(tmp_path / "site", content)
    logged = re.sub(r"\x1b\[[0-9;]*m", "", built.stderr + built.stdout)
    assert built.returncode == 1
    assert all(problem in logged for problem in problems)
    assert summary in logged
    assert not (tmp_path / "export").exists()


@pytest.mark.parametrize("where", ["other", "project", "docs"])
def test_export_never_overwrites_other_folders(tmp_path: Path, where: str) -> None:
    target = {"other": tmp_path / "other", "project": ROOT, "docs": ROOT / "docs" / "x"}[where]
    if where == "other":
        target.mkdir()
        (target / "tärkeä.txt").write_text("älä poista", encoding="utf-8")
    result = _export(target)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "vientikansio" in result.stderr or "ei ole tyhjä" in result.stderr
    if where == "other":
        assert (target / "tärkeä.txt").read_text(encoding="utf-8") == "älä poista"
    assert not (ROOT / "docs" / "x").exists()


def test_engine_config_leaves_out_only_the_plugin() -> None:
    from talkoot.cli.export import engine_config

    nav = [{"Etusivu": "index.md"}]
    settings = {
        "site_name": "x",
        "site_dir": "elsewhere",
        "theme": {"name": "material", "custom_dir": "theme/overrides"},
        "plugins": ["search", {"talkoot": {"content_dir": "c"}}, {"tags": None}, "talkoot"],
    }
    config = engine_config(settings, nav, Path("/project/theme/overrides"))
    assert config["plugins"] == ["search", {"tags": None}]
    assert config["theme"] == {"name": "material", "custom_dir": "overrides"}
    assert config["docs_dir"] == "docs" and config["nav"] == nav and "site_dir" not in config
    assert settings["site_dir"] == "elsewhere"  # the project's settings are left alone
    mapping = engine_config({"theme": "mkdocs", "plugins": {"talkoot": {}, "search": {}}}, [], None)
    assert mapping["plugins"] == [{"search": {}}] and mapping["theme"] == "mkdocs"
