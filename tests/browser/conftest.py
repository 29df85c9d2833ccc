"""Browser tier: the course served by Voila exactly as `make run` serves it, driven by
Playwright in Debian's Chromium (Playwright cannot download its own browser here)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402,F401 (also imported from here by tests)

SHOTS = ROOT / "artifacts" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Course:
    """The running course: its address and the trainee's private data folder."""

    def __init__(self, url: str, home: Path):
        self.url, self.home = url, home

    def module_url(self, module: str) -> str:
        return f"{self.url}voila/render/{module}/{module}.ipynb"

    def forget_trainee_data(self) -> None:
        """Start a test as a new trainee (each page load runs the notebook afresh)."""
        shutil.rmtree(self.home, ignore_errors=True)
        self.home.mkdir(parents=True)


@contextmanager
def voila(args: list[str], *, cwd: Path, env: dict, log_path: Path, probe: Optional[str] = ""):
    """Serve `voila ARGS` on 127.0.0.1 at a free port; yield (url, process, log) once it
    answers a GET of `probe` (None: once the port listens, where a GET would render a
    one-notebook app), and stop it afterwards."""
    port = _free_port()
    log = open(log_path, "w+")
    proc = subprocess.Popen([str(Path(sys.executable).parent / "voila"), *args, "--no-browser",
                             "--Voila.ip=127.0.0.1", f"--port={port}"],
                            cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while True:
        try:
            if probe is None:
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
            else:
                urllib.request.urlopen(url + probe, timeout=30)
            break
        except urllib.error.HTTPError:
            break  # the server answers
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                proc.kill()
                pytest.fail(f"Voila did not start:\n{log.read()[-3000:]}")
            time.sleep(0.3)
    try:
        yield url, proc, log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def course_env(home: Path, **extra: str) -> dict:
    """The environment `make run` gives Voila, with the trainee's data in `home`."""
    return {**os.environ, "SELFKIND_HOME": str(home), "JUPYTER_PATH": str(ROOT / "share" / "jupyter"), **extra}


@pytest.fixture(scope="session")
def course(tmp_path_factory):
    home = tmp_path_factory.mktemp("trainee-home")
    with voila(["modules"], cwd=ROOT, env=course_env(home),
               log_path=tmp_path_factory.mktemp("voila") / "voila.log") as (url, _proc, _log):
        yield Course(url, home)


@pytest.fixture
def page(browser, course, request):
    """A fresh page as a new trainee; records requests that leave the course's server."""
    course.forget_trainee_data()
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.outside_requests = []
    page.on("request", lambda r: None if r.url.startswith((course.url, "data:", "blob:"))
            else page.outside_requests.append(r.url))
    yield page
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(SHOTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()
