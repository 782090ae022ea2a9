"""The lock files in requirements/ cover pyproject.toml, carry hashes and agree with each
other; every install in the Makefile and the workflows goes through them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCKS = ROOT / "requirements"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def locked(name: str) -> dict[str, list[Requirement]]:
    """Pins of a lock file by canonical name; a name may be pinned once per marker."""
    text = (LOCKS / name).read_text(encoding="utf-8")
    pins: dict[str, list[Requirement]] = {}
    for entry in re.sub(r"\\\n\s*", " ", text).splitlines():
        entry = entry.split(" #", 1)[0].strip()
        if not entry or entry.startswith("#"):
            continue
        spec, *hashes = re.split(r"\s+--hash=", entry)
        assert hashes, f"{name}: no hash for {spec}"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), entry
        requirement = Requirement(spec)
        assert re.fullmatch(r"==[^,*]+", str(requirement.specifier)), f"not pinned: {spec}"
        pins.setdefault(canonicalize_name(requirement.name), []).append(requirement)
    return pins


def direct(*, dev: bool) -> list[Requirement]:
    project = PYPROJECT["project"]
    specs = [*project["dependencies"], *PYPROJECT["build-system"]["requires"]]
    if dev:
        specs += project["optional-dependencies"]["dev"]
    return [Requirement(spec) for spec in specs]


@pytest.mark.parametrize(("lock", "dev"), [("site.txt", False), ("dev.txt", True)])
def test_lock_covers_pyproject(lock: str, dev: bool) -> None:
    """Run `make lock` after changing the dependencies in pyproject.toml."""
    pins = locked(lock)
    for requirement in direct(dev=dev):
        found = pins.get(canonicalize_name(requirement.name))
        assert found, f"{lock}: {requirement.name} is not locked; run `make lock`"
        for pin in found:
            version = str(pin.specifier).removeprefix("==")
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{lock}: {pin} does not meet {requirement}; run `make lock`"
            )


def test_site_lock_agrees_with_dev_lock() -> None:
    site, dev = locked("site.txt"), locked("dev.txt")
    assert set(site) <= set(dev)
    for name, pins in site.items():
        assert {str(p) for p in pins} <= {str(p) for p in dev[name]}, name


def test_build_backend_is_locked_as_pyproject_asks() -> None:
    tools = (LOCKS / "tools.in").read_text(encoding="utf-8")
    wanted = {line.split("#", 1)[0].strip() for line in tools.splitlines() if line.split("#", 1)[0]}
    assert set(PYPROJECT["build-system"]["requires"]) <= wanted


def pip_installs(text: str) -> list[str]:
    joined = re.sub(r"\\\n\s*", " ", text)
    return [m.group(0) for m in re.finditer(r"pip install[^\n]*", joined)]


@pytest.mark.parametrize(
    "path",
    [ROOT / "Makefile", *sorted((ROOT / ".github" / "workflows").glob("*.yml"))],
    ids=lambda p: p.name,
)
def test_every_install_is_locked(path: Path) -> None:
    for command in pip_installs(path.read_text(encoding="utf-8")):
        assert re.search(
            r"--require-hashes -r (\$\(\w+_LOCK\)|requirements/\w+\.txt)", command
        ) or ("--no-deps" in command and "--no-build-isolation" in command), (
            f"{path.name}: {command}"
        )
