"""Hub tier: a real JupyterHub on loopback with real OS accounts (PAM logins, one server per
user running as that user), nbgrader's exchange in a shared folder and the gradebook on a
throwaway PostgreSQL cluster. Needs root (CI runs as root); everything it creates, it removes."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
INSTRUCTOR = "sk-test-instructor"
TRAINEES = ["sk-test-01", "sk-test-02", "sk-test-03"]
ASSIGNMENT = "01-what-self-compassion-is"


def pytest_configure(config):
    config.addinivalue_line("markers", "hub: starts a real JupyterHub with OS users, PostgreSQL and the exchange (root)")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/hub" in str(item.fspath):
            item.add_marker(pytest.mark.hub)


@dataclass
class Cohort:
    prefix: Path
    hub: object
    cluster: object
    course: object
    people: dict  # name -> Account

    def session(self, name: str, password: str | None = None):
        from hubkit.running import HubSession
        return HubSession(self.hub, name, password or self.people[name].password)

    def signed_in(self, name: str):
        """A logged-in session with the user's server running."""
        s = self.session(name)
        assert s.login().status_code == 302
        s.start_server()
        return s


@pytest.fixture(scope="session")
def cohort(tmp_path_factory):
    if os.geteuid() != 0:
        pytest.skip("the hub tier creates OS accounts and runs the hub as root (CI does)")
    import sys
    sys.path.insert(0, str(DEPLOY))
    from hubkit import accounts, layout, postgres
    from hubkit.grading import Course
    from hubkit.running import Hub

    layout.build_singleuser_env()
    prefix = Path(tempfile.mkdtemp(prefix="sk-hub-"))
    prefix.chmod(0o755)
    names = [INSTRUCTOR, *TRAINEES]
    for name in names:  # a previous run that was killed may have left them
        accounts.remove_account(name)
    people = {INSTRUCTOR: accounts.ensure_account(INSTRUCTOR, "instructor")}
    people |= {name: accounts.ensure_account(name, "trainee") for name in TRAINEES}
    cluster = hub = None
    try:
        cluster = postgres.Cluster(prefix / "postgres", port=postgres.free_port()).start()
        layout.lay_out(prefix, [INSTRUCTOR], TRAINEES, cluster.url)
        course = Course(prefix, INSTRUCTOR, cluster.url)
        course.add_trainees(TRAINEES)
        hub = Hub(prefix).start()
        yield Cohort(prefix, hub, cluster, course, people)
    finally:
        if hub:
            log = hub.log_tail(20000)
            (ROOT / "artifacts").mkdir(exist_ok=True)
            (ROOT / "artifacts" / "hub-test.log").write_text(log)
            hub.stop(names)
        for name in names:
            accounts.remove_account(name)
        if cluster:
            cluster.remove()
        shutil.rmtree(prefix, ignore_errors=True)


@pytest.fixture(scope="session")
def released(cohort):
    """The instructor has generated module 01's assignment and released it to the exchange."""
    cohort.course.nbgrader("generate_assignment", ASSIGNMENT, "--force")
    cohort.course.nbgrader("release_assignment", ASSIGNMENT, "--force")
    return ASSIGNMENT
