"""Shared test setup: trainee data never touches the real home folder."""

import sys
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
