"""The real nbgrader pipeline on a throwaway copy of course/, and what it leaves behind.

Shared by the grading tests (tests/grading/), `make grade-demo` and benchmarks/bench_grading.py.
The real course/gradebook.db is never touched: every run works in a copy, and a demo never
writes to a database named by SELFKIND_GRADEBOOK_URL.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from .definition import Case

ROOT = Path(__file__).resolve().parents[1]


def nbgrader(course: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real `nbgrader` command in `course` (its bin folder first on PATH: it calls alembic)."""
    bindir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    env.setdefault("SELFKIND_HOME", str(course / ".selfkind-home"))
    env.pop("SELFKIND_GRADEBOOK_URL", None)  # a demo never writes to a real database
    done = subprocess.run([str(bindir / "nbgrader"), *args], cwd=course, env=env, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr[-4000:]}")
    return done


def copy_course(target: Path) -> Path:
    """A fresh copy of course/ (sources only, symlinks resolved) at `target`."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / "course", target, ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "gradebook.db", ".nbgrader.log", "grades.csv",
        ".ipynb_checkpoints", "__pycache__"))
    return target


def build_cohort(course: Path, assignment: str, cases: list[Case]) -> None:
    """Add the cases' trainees, release `assignment`, and place each case's submission."""
    roster = course / "students.csv"
    roster.write_text("id,first_name,last_name,email\n" + "".join(
        f"{c.student},{c.what.replace(',', ';')},Demo,\n" for c in cases), encoding="utf-8")
    nbgrader(course, "db", "student", "import", str(roster))
    nbgrader(course, "generate_assignment", assignment, "--force")
    for case in cases:
        folder = course / "submitted" / case.student / assignment
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(course / "release" / assignment, folder)
        case.build(folder, ROOT / "solutions" / assignment)


def grade(course: Path, assignment: str = "*") -> Path:
    """Autograde every submission in one batch, generate feedback, export grades.csv."""
    nbgrader(course, "autograde", assignment, "--force")
    nbgrader(course, "generate_feedback", assignment, "--force")
    nbgrader(course, "export", "--to", "grades.csv")
    return course / "grades.csv"


def run_cohort(folder: Path, cohort) -> Path:
    """A cohort definition (an assignment_NN module) graded in a fresh course copy under `folder`.
    The submissions as placed are kept beside it (submitted-as-placed/), grading changes nothing there."""
    course = copy_course(folder / "course")
    build_cohort(course, cohort.ASSIGNMENT, cohort.CASES)
    placed = folder / "submitted-as-placed"
    shutil.rmtree(placed, ignore_errors=True)
    shutil.copytree(course / "submitted", placed)
    grade(course, cohort.ASSIGNMENT)
    return course


# --- reading the results -------------------------------------------------------------------------

def gradebook_scores(course: Path) -> dict[tuple[str, str], tuple]:
    """{(trainee, cell id): (autograded score, manual score)} for every grade in the course's gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {(sub.student.id, grade.name): (grade.auto_score, grade.manual_score)
                for assignment in gb.assignments for sub in assignment.submissions
                for nb in sub.notebooks for grade in nb.grades}


def submission_scores(course: Path, assignment: str, students) -> dict[str, dict]:
    """{trainee: {"cells": {cell id: autograded score}, "manual pending": bool}} from the gradebook."""
    from nbgrader.api import Gradebook

    found = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in students:
            sub = gb.find_submission(assignment, student)
            found[student] = {"cells": {g.name: g.auto_score for nb in sub.notebooks for g in nb.grades},
                              "manual pending": sub.needs_manual_grade}
    return found


def autograded_notebook(course: Path, assignment: str, student: str) -> nbformat.NotebookNode:
    return nbformat.read(course / "autograded" / student / assignment / f"{assignment}-assignment.ipynb",
                         as_version=4)


def failures(course: Path, assignment: str, student: str) -> dict[str, list[str]]:
    """{cell id: what it printed to stderr, or its error} for the graded cells of the autograded notebook."""
    found: dict[str, list[str]] = {}
    for cell in autograded_notebook(course, assignment, student).cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    found.setdefault(meta["grade_id"], []).append(f"{out.get('ename')}: {out.get('evalue')}")
                elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                    found.setdefault(meta["grade_id"], []).append(out.get("text", ""))
    return found


def feedback_html(course: Path, assignment: str, student: str) -> str:
    files = list((course / "feedback" / student / assignment).glob("*.html"))
    if len(files) != 1:
        raise AssertionError(f"no feedback for {student}: {files}")
    return files[0].read_text(encoding="utf-8")


def run_as_trainee(release: Path, workdir: Path, notebook: str) -> nbformat.NotebookNode:
    """Copy a release to `workdir` and execute its notebook there, as a trainee opening it would."""
    from nbclient import NotebookClient

    shutil.copytree(release, workdir)
    nb = nbformat.read(workdir / notebook, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    return nb
