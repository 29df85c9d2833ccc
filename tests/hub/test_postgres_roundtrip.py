"""A whole assignment through the hub with the gradebook on PostgreSQL: the instructor releases,
each trainee fetches and submits from their own server (the Assignment List's calls, their
answers saved through JupyterLab), the instructor collects, autogrades, releases feedback and
exports grades; the trainees fetch their feedback."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from conftest import ASSIGNMENT, ROOT, TRAINEES

from cohorts.assignment_01 import AUTO_MAX

SOLUTIONS = ROOT / "solutions" / ASSIGNMENT
REFERENCE, ALSO_REFERENCE, BLANK = TRAINEES


def hand_in(session, answers: bool) -> None:
    listed = session.assignments("fetch", ASSIGNMENT)
    assert any(a["assignment_id"] == ASSIGNMENT and a["status"] == "fetched" for a in listed), listed
    if answers:  # what the assignment's widgets save beside the notebook
        session.put_file(f"{ASSIGNMENT}/answers.json", (SOLUTIONS / "answers.json").read_text())
        session.put_folder(f"{ASSIGNMENT}/transcripts")
        for transcript in (SOLUTIONS / "transcripts").glob("*.json"):
            session.put_file(f"{ASSIGNMENT}/transcripts/{transcript.name}", transcript.read_text())
    listed = session.assignments("submit", ASSIGNMENT)
    assert any(a["assignment_id"] == ASSIGNMENT and a["status"] == "submitted" for a in listed), listed


def test_release_submit_grade_and_feedback_with_a_postgresql_gradebook(cohort, released):
    from nbgrader.api import Gradebook

    sessions = {name: cohort.signed_in(name) for name in TRAINEES}
    for name, session in sessions.items():
        hand_in(session, answers=name != BLANK)

    course = cohort.course
    course.nbgrader("collect", ASSIGNMENT)
    assert sorted(p.name for p in (course.root / "submitted").iterdir()) == sorted(TRAINEES)
    course.nbgrader("autograde", ASSIGNMENT, "--force")
    course.nbgrader("generate_feedback", ASSIGNMENT, "--force")
    course.nbgrader("release_feedback", ASSIGNMENT)
    course.nbgrader("export", "--to", "grades.csv")

    # The gradebook is the PostgreSQL database, not a file in the course directory.
    assert not (course.root / "gradebook.db").exists()
    with Gradebook(cohort.cluster.url, "selfkind") as gb:
        auto = {name: sum(g.auto_score or 0 for nb in gb.find_submission(ASSIGNMENT, name).notebooks
                          for g in nb.grades) for name in TRAINEES}
    full = AUTO_MAX  # module 01's autograded points, all earned by the reference answers
    assert auto == {REFERENCE: full, ALSO_REFERENCE: full, BLANK: 0.0}
    exported = {row["student_id"]: row for row in csv.DictReader(io.StringIO((course.root / "grades.csv").read_text()))
                if row["assignment"] == ASSIGNMENT}
    assert float(exported[REFERENCE]["score"]) == full and float(exported[BLANK]["score"]) == 0.0

    for name, session in sessions.items():
        session.assignments("fetch_feedback", ASSIGNMENT)
        folder = session.server("GET", f"/api/contents/{ASSIGNMENT}/feedback").json()["content"]
        [stamp] = [item["name"] for item in folder]
        page = session.server("GET", f"/api/contents/{ASSIGNMENT}/feedback/{stamp}/{ASSIGNMENT}-assignment.html").json()
        assert "Role-play" in page["content"] and "BEGIN HIDDEN TESTS" not in page["content"]
    Path(course.root / "grades.csv").unlink()
