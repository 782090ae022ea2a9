"""The preview (`mkdocs serve`, `make serve`) keeps answering while content is broken.

Each test starts a real server on a free port of 127.0.0.1 with a temporary copy of the
content, and every wait is bounded.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, ROOT

pytestmark = pytest.mark.build

WAIT = 90  # seconds for a build to show up; builds share two cores with other work
WORKSHOP = Path("workshops") / "2023" / "teollisuus.yml"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _wait_for(what: str, check: Callable[[], bool], server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the preview exited while waiting for {what}"
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"no {what} within {WAIT} s")


def _problem_lines(page: str) -> list[str]:
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", page)]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def _break(content: Path, old: str, new: str) -> None:
    path = content / WORKSHOP
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _env(content: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": BUILD_EPOCH,
        "TALKOOT_CONTENT_DIR": str(content),
        "TALKOOT_SITE_URL": f"http://127.0.0.1:{port}/",
    }


@pytest.fixture
def preview(content: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str, Path]]:
    """`mkdocs serve` of the copy, started with a broken workshop file."""
    _break(content, "order: 6", "order: kuusi")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=_env(content, port),
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        yield server, f"http://127.0.0.1:{port}/", log
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(10)


def test_preview_shows_problems_and_recovers(
    preview: tuple[subprocess.Popen[str], str, Path], content: Path
) -> None:
    server, url, log = preview
    problem = f"{content}/{WORKSHOP.as_posix()}:5: order: pitää olla kokonaisluku"

    # The first build failed, yet the server answers with the problems, in Finnish.
    _wait_for("error page", lambda: _get(url)[0] == 200, server)
    status, page = _get(url)
    assert _problem_lines(page) == [problem]
    assert '<html lang="fi">' in page
    assert "Sisällössä on 1 virhe" in page
    assert "livereload" in page  # MkDocs' reload script is injected into served pages
    # Any other address answers with the same list (and its own reload poller).
    status, elsewhere = _get(url + "2023/tyopajat/teollisuus/")
    assert status == 404
    assert _problem_lines(elsewhere) == [problem]
    assert "location.reload()" in elsewhere
    assert "Traceback" not in log.read_text(encoding="utf-8")

    # Fixed: the real site is served.
    _break(content, "order: kuusi", "order: 6")
    _wait_for("the site", lambda: "talkoot-problems" not in _get(url)[1], server)
    status, workshop = _get(url + "2023/tyopajat/teollisuus/")
    assert status == 200
    assert "Teollisuus" in workshop

    # A rebuild that fails shows the new problems instead of hanging.
    _break(content, "name: Teollisuus\n", "nimi: Teollisuus\n")
    _wait_for("the second error page", lambda: "talkoot-problems" in _get(url)[1], server)
    assert _problem_lines(_get(url)[1]) == [
        f"{content}/{WORKSHOP.as_posix()}:2: name: puuttuu",
        f"{content}/{WORKSHOP.as_posix()}:3: nimi: tuntematon kenttä (kirjoitusvirhe?)",
    ]

    # SIGTERM stops it as Ctrl-C does: cleanly, removing its temporary site.
    server.send_signal(signal.SIGTERM)
    assert server.wait(30) == 0
    assert "Shutting down" in log.read_text(encoding="utf-8")


def test_make_serve_leaves_nothing_running(content: Path, tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path / "make.log"
    with log.open("w") as output:
        # -o: the venv is there already; never reinstall it from a test
        make = subprocess.Popen(
            ["make", "-o", ".venv/.site-installed", "serve", f"SERVE_ADDR=127.0.0.1:{port}"],
            cwd=ROOT,
            env=_env(content, port),
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
    children: list[int] = []
    try:
        _wait_for("the site", lambda: _get(url)[0] == 200, make)
        children_file = Path(f"/proc/{make.pid}/task/{make.pid}/children")
        if children_file.exists():  # to clean up after a failure
            children = [int(pid) for pid in children_file.read_text().split()]
        make.send_signal(signal.SIGTERM)
        make.wait(30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
            except OSError:
                break
            time.sleep(0.3)
        else:
            raise AssertionError("the preview still answers after make was stopped")
        assert "Shutting down" in log.read_text(encoding="utf-8")
    finally:
        if make.poll() is None:
            make.kill()
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
