"""A throwaway cohort for tests and the load script: OS accounts, a deployment folder in /tmp,
a PostgreSQL gradebook, the hub. Everything it made is removed on exit, every process ended."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import accounts, layout, postgres
from .grading import Course
from .running import Hub, HubSession


@dataclass
class Cohort:
    prefix: Path
    hub: Hub
    cluster: postgres.Cluster
    course: Course
    people: dict[str, accounts.Account]

    def session(self, name: str, password: str | None = None) -> HubSession:
        return HubSession(self.hub, name, password or self.people[name].password)

    def signed_in(self, name: str) -> HubSession:
        """A logged-in session with the user's server running."""
        s = self.session(name)
        answer = s.login()
        if answer.status_code != 302:
            raise RuntimeError(f"{name}: login answered {answer.status_code}")
        s.start_server()
        return s


@contextlib.contextmanager
def temporary_cohort(instructor: str, trainees: list[str], log_copy: Path | None = None, **hub_options):
    layout.build_singleuser_env()
    prefix = Path(tempfile.mkdtemp(prefix="sk-hub-"))
    prefix.chmod(0o755)
    names = [instructor, *trainees]
    for name in names:  # a run that was killed may have left them
        accounts.remove_account(name)
    cluster = hub = None
    try:
        people = {instructor: accounts.ensure_account(instructor, "instructor")}
        people |= {name: accounts.ensure_account(name, "trainee") for name in trainees}
        cluster = postgres.Cluster(prefix / "postgres", port=postgres.free_port()).start()
        layout.lay_out(prefix, [instructor], trainees, cluster.url)
        course = Course(prefix, instructor, cluster.url)
        course.add_trainees(trainees)
        hub = Hub(prefix, **hub_options).start()
        yield Cohort(prefix, hub, cluster, course, people)
    finally:
        if hub:
            if log_copy:
                log_copy.parent.mkdir(parents=True, exist_ok=True)
                log_copy.write_text(hub.log_tail(200_000))
            hub.stop(names)
        for name in names:
            accounts.remove_account(name)
        if cluster:
            cluster.remove()
        shutil.rmtree(prefix, ignore_errors=True)
