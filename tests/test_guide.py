"""The editors' guide: every YAML example in it is a valid content file, read by the real
loader as the file it names, so an editor who copies one gets no errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from talkoot.content.load import load
from talkoot.content.model import KINDS, PACKAGE_STATUSES_AS_WRITTEN, ProposalStatus

GUIDE = ROOT / "docs" / "toimittajan-opas.md"
FILE_COMMENT = re.compile(r"^# Tiedosto: content/(\S+\.yml)$", re.MULTILINE)


def _examples() -> list[tuple[str, str]]:
    """(path under content/, text) of every ```yaml block, in the guide's order."""
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)
    examples = []
    for block in blocks:
        named = FILE_COMMENT.search(block)
        assert named, f"a YAML example without '# Tiedosto: content/…':\n{block}"
        examples.append((named.group(1), block))
    return examples


EXAMPLES = _examples()


def test_the_guide_has_an_example_of_every_kind_an_editor_writes() -> None:
    kinds = {Path(path).parts[0] for path, _ in EXAMPLES}
    assert kinds == set(KINDS) - {"registrations"}  # registrations are the Action's
    assert any("outcomes:" in text for path, text in EXAMPLES if path.startswith("workshops/"))


@pytest.mark.parametrize(("path", "example"), EXAMPLES, ids=[p for p, _ in EXAMPLES])
def test_example_loads_as_the_file_it_names(path: str, example: str) -> None:
    # The examples refer to each other (a proposal to its workshop, a package to its
    # proposal), so each is loaded with the others; the one under test wins its path.
    files = {other_path: text for other_path, text in EXAMPLES if other_path != path}
    files[path] = example
    content = load(files)
    assert path in content.sources.values()


def test_the_guide_lists_every_status_as_editors_write_it() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    for status in [*PACKAGE_STATUSES_AS_WRITTEN, *(s.value for s in ProposalStatus)]:
        assert f"`{status}`" in guide, status
