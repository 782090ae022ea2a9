"""The layers keep to what their docstrings say they may import.

The contracts in pyproject.toml ([tool.importlinter]) are checked by `lint-imports` (in
`make lint`, and here, so that a bare `pytest` sees a broken layer too). This module adds
the rule a forbidden contract cannot state: of talkoot, the vocabulary uses only the
content model (for the enumerations it names), directly or through anything else.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "scripts" / "talkoot"
LAYERS = ("vocabulary", "content", "site", "submissions", "github", "mkdocs", "cli")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("talkoot")


def test_vocabulary_uses_only_the_content_model(graph: grimp.ImportGraph) -> None:
    used = graph.find_upstream_modules("talkoot.vocabulary", as_package=True)
    of_talkoot = {m for m in used if m.startswith("talkoot.")}
    assert of_talkoot == {"talkoot.content.model", "talkoot.content.contrast"}


def test_the_content_model_uses_only_characters_and_contrast(graph: grimp.ImportGraph) -> None:
    """The model refuses the characters no output may carry and colours without enough
    contrast: one definition of each, which itself uses nothing of talkoot."""
    used = graph.find_upstream_modules("talkoot.content.model")
    allowed = {"talkoot.vocabulary.characters", "talkoot.content.contrast"}
    assert {m for m in used if m.startswith("talkoot.")} == allowed
    for module in allowed:
        used = graph.find_upstream_modules(module)
        assert not {m for m in used if m.startswith("talkoot.")}


@pytest.mark.parametrize("layer", LAYERS)
def test_every_layer_is_a_package_that_says_what_it_may_import(layer: str) -> None:
    init = PACKAGE / layer / "__init__.py"
    assert init.is_file(), f"{layer} needs an __init__.py (a namespace package is not packaged)"
    assert "May import" in init.read_text(encoding="utf-8")


def test_the_import_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports is not None
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
