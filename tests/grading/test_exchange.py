"""The JupyterHub round trip through nbgrader's exchange, on one machine: the instructor
releases, a trainee fetches, works and submits, the instructor collects, grades and releases
feedback, and the trainee fetches it. The shared folder is what a hub's users would share."""

import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cohorts import assignment_01 as cohort
from cohorts.pipeline import ROOT, copy_course, nbgrader
from cohorts.submissions import reference

pytestmark = pytest.mark.grading
# nbgrader's exchange knows a trainee by their login; on one machine that is whoever runs this.
TRAINEE = pwd.getpwuid(os.getuid()).pw_name


def trainee_nbgrader(workdir: Path, exchange: Path, *args: str) -> subprocess.CompletedProcess:
    """nbgrader as the trainee runs it: in their own folder, as their own user name."""
    bindir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ['PATH']}")
    env.pop("JUPYTERHUB_USER", None)
    done = subprocess.run([str(bindir / "nbgrader"), *args, "--course=selfkind", f"--Exchange.root={exchange}"],
                          cwd=workdir, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return done


def test_release_fetch_submit_collect_grade_and_return_feedback(tmp_path, monkeypatch):
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    monkeypatch.setenv("SELFKIND_EXCHANGE", str(exchange))  # read by course/nbgrader_config.py
    monkeypatch.delenv("SELFKIND_COURSE_ID", raising=False)
    course = copy_course(tmp_path / "course")
    home = tmp_path / "trainee-home"
    home.mkdir()
    a = cohort.ASSIGNMENT

    nbgrader(course, "db", "student", "add", TRAINEE)
    nbgrader(course, "generate_assignment", a)
    nbgrader(course, "release_assignment", a)

    trainee_nbgrader(home, exchange, "fetch_assignment", a)
    work = home / a
    assert (work / cohort.NOTEBOOK).exists() and list((work / "scenarios").glob("*.yaml"))
    reference(work, ROOT / "solutions" / a)  # the trainee's answers, as the widgets save them
    trainee_nbgrader(home, exchange, "submit", a)

    nbgrader(course, "collect", a)
    collected = course / "submitted" / TRAINEE / a
    assert (collected / "answers.json").exists() and (collected / "transcripts").is_dir()
    nbgrader(course, "autograde", a)
    nbgrader(course, "generate_feedback", a)
    nbgrader(course, "release_feedback", a)
    grades = (course / "grades.csv")
    nbgrader(course, "export", "--to", str(grades))
    assert f"{TRAINEE}," in grades.read_text() and ",13.0," in grades.read_text()
    trainee_nbgrader(home, exchange, "fetch_feedback", a)
    [feedback] = (work / "feedback").glob("*/*.html")
    assert "Role-play" in feedback.read_text()
    shutil.rmtree(exchange)
