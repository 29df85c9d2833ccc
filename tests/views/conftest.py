"""View tests: widgets built and driven headless, as a trainee would use them."""

from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "small-scenario.yaml"


@pytest.fixture(autouse=True)
def trainee_home(tmp_path, monkeypatch) -> Path:
    """Every view test writes trainee data under a throwaway folder, never the real home."""
    home = tmp_path / "trainee-home"
    monkeypatch.setenv("SELFKIND_HOME", str(home))
    return home
