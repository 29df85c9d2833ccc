"""jupyterhub-idle-culler stops a server nobody uses; the trainee's files stay. A hub of its own
with a 20-second idle limit (the cohort's hub uses an hour)."""

from __future__ import annotations

import os
import pwd
import time
from pathlib import Path

import pytest
from conftest import ROOT

TRAINEE = "sk-cull-01"


def test_an_idle_server_is_stopped_and_the_trainee_s_files_stay():
    if os.geteuid() != 0:
        pytest.skip("the hub tier runs as root")
    from hubkit.accounts import processes_of
    from hubkit.cohort import temporary_cohort
    from hubkit.play import play_roleplay

    with temporary_cohort("sk-cull-instructor", [TRAINEE], log_copy=ROOT / "artifacts" / "hub-cull.log",
                          cull_timeout=20, cull_every=5) as cohort:
        session = cohort.signed_in(TRAINEE)
        play_roleplay(session)
        transcript = Path(pwd.getpwnam(TRAINEE).pw_dir) / ".selfkind" / "transcripts" / "of-course-i-have-it.json"
        assert transcript.exists()
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            server = session.hub_api("GET", f"/users/{TRAINEE}").json().get("servers", {})
            if not server:
                break
            time.sleep(2)
        assert server == {}, f"still running after 180 s: {server}"
        assert "idle-culler" in cohort.hub.log_tail(200_000) and f"DELETE /hub/api/users/{TRAINEE}/server" in \
            cohort.hub.log_tail(200_000)
        time.sleep(2)
        assert not [p for p in processes_of(TRAINEE)], "the server's processes are still running"
        assert transcript.exists()
        session.start_server()  # the trainee comes back: a new server, the same files
        assert session.server("GET", "/api/contents/selfkind").status_code == 200
