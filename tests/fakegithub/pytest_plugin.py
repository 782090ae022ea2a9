"""pytest fixture ``fake_github``: a running :class:`fakegithub.FakeGitHub`.

Register with ``pytest_plugins = ["fakegithub.pytest_plugin"]`` in ``tests/conftest.py``.
Options go through a marker, e.g.::

    @pytest.mark.fakegithub(owner="lappeenranta", repo="talkoot", non_collaborator=404)
    def test_something(fake_github): ...
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import FakeGitHub


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fakegithub(**options): keyword arguments for FakeGitHub used by the fake_github fixture",
    )


@pytest.fixture
def fake_github(request: pytest.FixtureRequest) -> Iterator[FakeGitHub]:
    """A fake GitHub REST API on 127.0.0.1, stopped after the test."""
    marker = request.node.get_closest_marker("fakegithub")
    options = dict(marker.kwargs) if marker is not None else {}
    with FakeGitHub(**options) as fake:
        yield fake
