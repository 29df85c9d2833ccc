"""The gradebook as tidy frames, read through nbgrader's own API.

Any database URL nbgrader accepts works (SQLite by default, or a server such as
PostgreSQL). A SQLite gradebook is opened read-only, so the dashboard never changes it
(nbgrader's Gradebook would otherwise create tables or a course row on open). A missing
or unreadable gradebook gives empty frames and a note in words, never an exception.

`grades`: one row per trainee × assignment, submitted or not:
    trainee, first_name, last_name, email, lms_user_id, assignment, submitted, timestamp,
    score, max_score, share (score / max_score; NaN when not submitted), needs_manual_grade
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pandas as pd

GRADE_COLUMNS = ["trainee", "first_name", "last_name", "email", "lms_user_id", "assignment", "submitted",
                 "timestamp", "score", "max_score", "share", "needs_manual_grade"]
STUDENT_COLUMNS = ["trainee", "first_name", "last_name", "email", "lms_user_id"]
ASSIGNMENT_COLUMNS = ["assignment", "max_score", "duedate"]


@dataclass(frozen=True)
class GradebookFrames:
    grades: pd.DataFrame
    students: pd.DataFrame
    assignments: pd.DataFrame
    note: Optional[str] = None  # why the gradebook could not be read, in words


def empty(note: Optional[str] = None) -> GradebookFrames:
    return GradebookFrames(pd.DataFrame(columns=GRADE_COLUMNS), pd.DataFrame(columns=STUDENT_COLUMNS),
                           pd.DataFrame(columns=ASSIGNMENT_COLUMNS), note)


def default_url(course: Path) -> str:
    """What nbgrader_config.py uses: $SELFKIND_GRADEBOOK_URL, else course/gradebook.db."""
    return os.environ.get("SELFKIND_GRADEBOOK_URL") or f"sqlite:///{Path(course).absolute() / 'gradebook.db'}"


def read_only(url: str) -> tuple[str, Optional[str]]:
    """(URL to open, note): a SQLite file opened read-only; a missing one is not created."""
    if not url.startswith("sqlite:///"):
        return url, None
    path = Path(url[len("sqlite:///"):])
    if not path.is_file():
        return "", f"There is no gradebook yet ({path.name} not found): no assignment has been graded here."
    return f"sqlite:///file:{path.absolute()}?mode=ro&uri=true", None


def load_gradebook(course: str | Path = "course", db_url: Optional[str] = None,
                   course_id: Optional[str] = None) -> GradebookFrames:
    url, note = read_only(db_url or default_url(Path(course)))
    if not url:
        return empty(note)
    course_id = course_id or os.environ.get("SELFKIND_COURSE_ID", "selfkind")
    try:
        return _read(url, course_id)
    except Exception as exc:  # a locked, foreign or damaged database must not stop the dashboard
        return empty(f"The gradebook could not be read ({type(exc).__name__}: {str(exc).splitlines()[0][:200]}).")


def _read(url: str, course_id: str) -> GradebookFrames:
    from nbgrader.api import Gradebook

    with Gradebook(url, course_id=course_id) as gb:
        students = pd.DataFrame(
            [{"trainee": s.id, "first_name": s.first_name or "", "last_name": s.last_name or "",
              "email": s.email or "", "lms_user_id": s.lms_user_id or ""} for s in gb.students],
            columns=STUDENT_COLUMNS)
        assignments = pd.DataFrame(
            [{"assignment": a.name, "max_score": float(a.max_score or 0), "duedate": a.duedate}
             for a in gb.assignments], columns=ASSIGNMENT_COLUMNS).sort_values("assignment", ignore_index=True)
        subs = [dict(d, assignment=a) for a in assignments.assignment for d in gb.submission_dicts(a)]
    return GradebookFrames(grades_frame(students, assignments, subs), students, assignments)


def grades_frame(students: pd.DataFrame, assignments: pd.DataFrame, submissions: list[dict]) -> pd.DataFrame:
    """Every trainee × every assignment, with the submission's score where there is one."""
    if students.empty or assignments.empty:
        return pd.DataFrame(columns=GRADE_COLUMNS)
    grid = students.merge(assignments[["assignment", "max_score"]], how="cross")
    subs = pd.DataFrame(submissions, columns=["student", "assignment", "timestamp", "score", "needs_manual_grade"])
    subs = subs.rename(columns={"student": "trainee"})
    grid = grid.merge(subs, on=["trainee", "assignment"], how="left")
    grid["submitted"] = grid["timestamp"].notna() | grid["score"].notna()
    grid["score"] = grid["score"].astype(float)
    grid["share"] = (grid["score"] / grid["max_score"]).where(grid["submitted"] & (grid["max_score"] > 0))
    grid["needs_manual_grade"] = grid["needs_manual_grade"].astype("boolean").fillna(False).astype(bool)
    return grid[GRADE_COLUMNS].sort_values(["trainee", "assignment"], ignore_index=True)
