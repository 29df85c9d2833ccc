"""Hub tier: a real JupyterHub on loopback with real OS accounts (PAM logins, one server per
user running as that user), nbgrader's exchange in a shared folder and the gradebook on a
throwaway PostgreSQL cluster. Needs root (CI runs as root); everything it creates, it removes
(deploy/hubkit/cohort.py)."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))
INSTRUCTOR = "sk-test-instructor"
TRAINEES = ["sk-test-01", "sk-test-02", "sk-test-03"]
ASSIGNMENT = "01-what-self-compassion-is"


def pytest_configure(config):
    config.addinivalue_line("markers", "hub: starts a real JupyterHub with OS users, PostgreSQL and the exchange (root)")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/hub" in str(item.fspath):
            item.add_marker(pytest.mark.hub)


# The hub, its servers and the database stop as soon as the last hub test has run, not at the
# end of the whole session (the other tiers run after this one).
_RUNNING = contextlib.ExitStack()


def _in_hub_tier(item) -> bool:
    return item is not None and "tests/hub" in str(item.fspath)


def pytest_runtest_teardown(item, nextitem):
    if _in_hub_tier(item) and not _in_hub_tier(nextitem):
        _RUNNING.close()


@pytest.fixture(scope="session")
def cohort():
    if os.geteuid() != 0:
        pytest.skip("the hub tier creates OS accounts and runs the hub as root (CI does)")
    from hubkit.cohort import temporary_cohort

    with _RUNNING:
        yield _RUNNING.enter_context(temporary_cohort(INSTRUCTOR, TRAINEES,
                                                      log_copy=ROOT / "artifacts" / "hub-test.log"))


@pytest.fixture(scope="session")
def released(cohort):
    """The instructor has generated module 01's assignment and released it to the exchange."""
    cohort.course.nbgrader("generate_assignment", ASSIGNMENT, "--force")
    cohort.course.nbgrader("release_assignment", ASSIGNMENT, "--force")
    return ASSIGNMENT
