"""Trainees and an instructor log in to the hub with their own passwords; each gets a server
running as their own OS account, with the course in JupyterLab and the modules as Voila apps."""

from __future__ import annotations

import json
import pwd
import threading
from pathlib import Path

import pytest
from conftest import INSTRUCTOR, TRAINEES


def test_a_wrong_password_is_refused(cohort):
    session = cohort.session(TRAINEES[0], password="not-the-password")
    answer = session.login()
    assert answer.status_code == 403 and "Invalid username or password" in answer.text
    assert session.hub_api("GET", f"/users/{TRAINEES[0]}").status_code == 403


def test_each_server_runs_as_its_own_user_and_opens_the_course_in_jupyterlab(cohort):
    for name in [INSTRUCTOR, TRAINEES[0]]:
        session = cohort.signed_in(name)
        lab = session.server("GET", "/lab/tree/selfkind/index.ipynb")
        assert lab.status_code == 200 and "JupyterLab" in lab.text
        listing = session.server("GET", "/api/contents/selfkind").json()
        assert {"index.ipynb", "01-what-self-compassion-is"} <= {item["name"] for item in listing["content"]}
        pids = [p for p in Path("/proc").iterdir() if p.name.isdigit()
                and p.stat().st_uid == pwd.getpwnam(name).pw_uid]
        commands = [(p / "cmdline").read_bytes().decode(errors="replace") for p in pids]
        assert any("jupyterhub-singleuser" in c for c in commands), f"no server of {name} runs as {name}"


def test_a_trainee_logs_in_and_plays_to_the_debrief_in_chromium(cohort, browser):
    """As a person does it: the hub's login page, then the module's Voila app, clicking choices."""
    from hubkit.browser_play import play_in_chromium

    played = play_in_chromium(cohort.session(TRAINEES[2]), browser=browser)
    assert "Debrief" in played.debrief and "Score:" in played.debrief and len(played.click_s) >= 3
    assert played.outside_requests == []  # nothing is loaded from outside the hub
    saved = Path(pwd.getpwnam(TRAINEES[2]).pw_dir) / ".selfkind" / "transcripts" / "of-course-i-have-it.json"
    assert saved.exists()


def test_trainees_play_a_role_play_to_its_debrief_in_their_own_voila_at_once(cohort):
    from hubkit.play import play_roleplay

    results, errors = {}, []

    def one(name):
        try:
            results[name] = play_roleplay(cohort.signed_in(name))
        except Exception as exc:  # reported below with the trainee's name
            errors.append(f"{name}: {exc!r}")

    threads = [threading.Thread(target=one, args=(name,)) for name in TRAINEES]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not errors, errors
    for name in TRAINEES:
        played = results[name]
        assert "Debrief" in played.debrief and "Score:" in played.debrief
        saved = Path(pwd.getpwnam(name).pw_dir) / ".selfkind" / "transcripts" / "of-course-i-have-it.json"
        assert saved.stat().st_uid == pwd.getpwnam(name).pw_uid, "the transcript is not the trainee's own file"
        data = json.loads(saved.read_text())
        attempt = data["attempts"][-1] if "attempts" in data else data["play"]
        assert attempt["ending"] and len(attempt["steps"]) == len(played.click_s)
        assert not list(saved.parent.glob("*.kept-*")), "a transcript was kept aside as damaged"


def test_trainees_have_no_formgrader_the_instructor_has(cohort):
    trainee, instructor = cohort.signed_in(TRAINEES[1]), cohort.signed_in(INSTRUCTOR)
    assert trainee.server("GET", "/formgrader").status_code == 404
    formgrader = instructor.server("GET", "/formgrader")
    assert formgrader.status_code == 200 and "Manage Assignments" in formgrader.text
    assert instructor.http.get(f"{cohort.hub.url}/hub/admin").status_code == 200


@pytest.mark.parametrize("who", ["trainee", "instructor"])
def test_homes_are_private(cohort, who):
    name = TRAINEES[2] if who == "trainee" else INSTRUCTOR
    home = Path(pwd.getpwnam(name).pw_dir)
    assert home.stat().st_mode & 0o777 == 0o700 and home.stat().st_uid == pwd.getpwnam(name).pw_uid
