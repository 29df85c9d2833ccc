"""Shared test setup: trainee data never touches the real home folder."""

import asyncio
import importlib
import sys
import threading
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the demo and test cohorts (cohorts/) live outside the installed package
EXAMPLE = ROOT / "docs" / "examples" / "small-scenario.yaml"


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    home = tmp_path / "selfkind-home"
    monkeypatch.setenv("SELFKIND_HOME", str(home))
    return home


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def write(tmp_path):
    """Write a scenario text to a file and return its path."""

    def _write(text: str | bytes, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run, shared by every tier (browser, grading, hub): Playwright's
    sync API allows one running instance per thread, so a second `sync_playwright()` would fail."""
    from chromium import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is needed for the browser tests: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _run_as_kernel(notebook) -> None:
    """Run `notebook()` on its own event loop in a thread named "kernel", as a kernel runs
    cells (a thread of its own: a browser test's Playwright may hold this thread's loop)."""
    failure = []

    def target():
        try:
            asyncio.run(notebook())
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            failure.append(exc)

    thread = threading.Thread(target=target, name="kernel")
    thread.start()
    thread.join(30)
    if failure:
        raise failure[0]


@pytest.fixture
def preheated(monkeypatch):
    """selfkind.stores.page as in a kernel Voila preheated, reloaded fresh; `.ask()` is Voila's
    report that the page was asked for (a fake `wait_for_request` returns then)."""
    import selfkind.stores.page as page_module

    asked = threading.Event()
    fake = types.ModuleType("voila.utils")
    fake.wait_for_request = lambda url=None: asked.wait(10)
    monkeypatch.setitem(sys.modules, "voila.utils", fake)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    page = importlib.reload(page_module)
    page.ask = asked.set
    yield page
    monkeypatch.delenv("VOILA_PREHEAT")
    importlib.reload(page_module)


@pytest.fixture
def run_as_kernel():
    return _run_as_kernel
