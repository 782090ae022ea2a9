"""Shared fixtures: real MkDocs builds of the shipped and the demo content (and a Zensical
build of the demo content's export), and a fake GitHub API (tests/fakegithub)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

pytest_plugins = ["fakegithub.pytest_plugin", "ingest_world"]

ROOT = Path(__file__).resolve().parent.parent
# A fixed build clock (1.11.2023 12.00 UTC): registration for 2023 is open, so every
# branch of the pages is exercised, and the output is reproducible.
BUILD_EPOCH = "1698840000"


def build_site(
    site_dir: Path, content_dir: Path | None = None, *, epoch: str = BUILD_EPOCH
) -> subprocess.CompletedProcess[str]:
    """A real `mkdocs build --strict` in a subprocess, as `make site` runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch}
    env.pop("TALKOOT_CONTENT_DIR", None)
    if content_dir is not None:
        env["TALKOOT_CONTENT_DIR"] = str(content_dir)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def build_zensical(
    export_dir: Path, content_dir: Path | None = None, *, epoch: str = BUILD_EPOCH
) -> subprocess.CompletedProcess[str]:
    """`talkoot export` of the project and a strict Zensical build of it, as
    `make site-zensical` runs them; the site is `export_dir / "site"`."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    env.pop("TALKOOT_CONTENT_DIR", None)
    if content_dir is not None:
        env["TALKOOT_CONTENT_DIR"] = str(content_dir)
    exported = subprocess.run(
        [sys.executable, "-m", "talkoot.cli", "export", str(export_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if exported.returncode != 0:
        return exported
    return subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict", "--clean"],
        cwd=export_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def broken_content(folder: Path) -> Path:
    """A copy of the shipped content with two mistakes in one workshop file (a missing
    name, an order that is not a number), for the tests of how a build fails."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    workshop = content / "workshops" / "2023" / "teollisuus.yml"
    workshop.write_text(
        workshop.read_text(encoding="utf-8")
        .replace("order: 6", "order: kuusi")
        .replace("name: Teollisuus\n", ""),
        encoding="utf-8",
    )
    return content


def run_talkoot(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The `talkoot` command line in a subprocess, as editors run it."""
    return subprocess.run(
        [sys.executable, "-m", "talkoot.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def demo_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from talkoot.content.demo import write_demo_content

    out = tmp_path_factory.mktemp("demo-content")
    write_demo_content(out, editions=3, proposals=40, seed=7)
    return out


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    site = tmp_path_factory.mktemp("shipped-site")
    result = build_site(site)
    assert result.returncode == 0, result.stderr
    # what the build said, for test_build_is_quiet
    (site.parent / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    yield site


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory, demo_content: Path) -> Iterator[Path]:
    site = tmp_path_factory.mktemp("demo-site")
    result = build_site(site, demo_content)
    assert result.returncode == 0, result.stderr
    yield site


@pytest.fixture(scope="session")
def zensical_demo_site(tmp_path_factory: pytest.TempPathFactory, demo_content: Path) -> Path:
    """The demo content exported and built with Zensical: the same content and clock as
    `demo_site`, built by the other engine."""
    export_dir = tmp_path_factory.mktemp("zensical") / "export"
    result = build_zensical(export_dir, demo_content)
    assert result.returncode == 0, result.stdout + result.stderr
    return export_dir / "site"
