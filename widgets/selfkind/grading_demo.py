"""A demo cohort through the real nbgrader pipeline: `make grade-demo`.

    python -m selfkind.grading_demo [--out artifacts/grade-demo]

Copies course/ to a throwaway folder (the real gradebook is never touched), adds the
trainees, releases module 01's assignment, places one submission per case below
(reference, blank, partial and broken ones), then runs autograde, generate_feedback
and export, and prints the grade table with the reason for every lost point.
The grading tests build the same cohort (tests/grading/).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import nbformat

ROOT = Path(__file__).resolve().parents[2]
ASSIGNMENT = "01-what-self-compassion-is"
NOTEBOOK = f"{ASSIGNMENT}-assignment.ipynb"
TRANSCRIPT = "transcripts/of-course-i-have-it.json"
WORD_LIMIT = 300
AUTO_MAX = 13.0


@dataclass(frozen=True)
class Case:
    student: str
    what: str
    expected_auto: float  # autograded points out of AUTO_MAX
    build: Callable[[Path, Path], None]  # (submission folder, solutions folder)


# --- editing a submission ------------------------------------------------------------------------

def edit_notebook(folder: Path, change: Callable[[nbformat.NotebookNode], None]) -> None:
    path = folder / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)


def find_cell(nb, grade_id: str):
    """The cell of `nb` with nbgrader id `grade_id`."""
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def model_answers(solutions: Path) -> dict[str, str]:
    """The model written responses in free-text.md, by answer cell id."""
    text = (solutions / "free-text.md").read_text(encoding="utf-8")
    found = re.findall(r"^## [^\n]*\(`([\w-]+)`\)$.*?^### Model answer\n(.*?)(?=^### )", text, re.M | re.S)
    return {cell_id: body.strip() for cell_id, body in found}


def write_free_text(folder: Path, answers: dict[str, str]) -> None:
    def change(nb):
        for cell_id, text in answers.items():
            find_cell(nb, cell_id).source = text
    edit_notebook(folder, change)


def reference(folder: Path, solutions: Path) -> None:
    shutil.copy(solutions / "answers.json", folder / "answers.json")
    shutil.copytree(solutions / "transcripts", folder / "transcripts")
    write_free_text(folder, model_answers(solutions))


def blank(folder: Path, solutions: Path) -> None:
    """The release, untouched."""


def partial(folder: Path, solutions: Path) -> None:
    """Two questions right, one wrong, one rating, half a role-play, one written response."""
    answers = {"format": "selfkind-answers", "version": 1, "answers": {"q1": "b", "q2": "c", "q3": "a", "r1": 4}}
    (folder / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    data = json.loads((solutions / TRANSCRIPT).read_text(encoding="utf-8"))
    play = _last_attempt(data)
    play["steps"] = play["steps"][:3]
    play["node"], play["ending"] = _node_after(solutions, 3), None
    play["state"] = play["steps"][-1]["state_after"]
    (folder / "transcripts").mkdir()
    (folder / TRANSCRIPT).write_text(json.dumps(data, indent=2), encoding="utf-8")
    write_free_text(folder, {"free-1": model_answers(solutions)["free-1"]})


def _node_after(solutions: Path, n: int) -> str:
    steps = _last_attempt(json.loads((solutions / TRANSCRIPT).read_text(encoding="utf-8")))["steps"]
    return steps[n]["node"]


def _last_attempt(transcript: dict) -> dict:
    """The play recorded last in a transcript (version 2 keeps every attempt; version 1 one play)."""
    return transcript["attempts"][-1] if "attempts" in transcript else transcript["play"]


def no_answers_file(folder: Path, solutions: Path) -> None:
    reference(folder, solutions)
    (folder / "answers.json").unlink()


def corrupt_answers(folder: Path, solutions: Path) -> None:
    reference(folder, solutions)
    (folder / "answers.json").write_text('{"format": "selfkind-answers", "answers": {"q1": "b",', encoding="utf-8")


def tampered_transcript(folder: Path, solutions: Path) -> None:
    """The reference play with the client's trust raised by hand at step 3."""
    reference(folder, solutions)
    data = json.loads((folder / TRANSCRIPT).read_text(encoding="utf-8"))
    _last_attempt(data)["steps"][2]["state_after"]["trust"] = 10
    (folder / TRANSCRIPT).write_text(json.dumps(data, indent=2), encoding="utf-8")


def deleted_cells(folder: Path, solutions: Path) -> None:
    """The reference work with a test cell and a written-answer cell deleted."""
    reference(folder, solutions)
    edit_notebook(folder, lambda nb: setattr(nb, "cells", [
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in {"test-q1", "free-2"}]))


def edited_locked_cells(folder: Path, solutions: Path) -> None:
    """The reference work with read-only cells edited: a test made to pass, a widget replaced."""
    reference(folder, solutions)

    def change(nb):
        find_cell(nb, "test-roleplay-quality").source = "print('full marks, please')"
        find_cell(nb, "widget-q1").source = "print('no widget here')"
    edit_notebook(folder, change)


def enormous_free_text(folder: Path, solutions: Path) -> None:
    reference(folder, solutions)
    write_free_text(folder, {"free-1": "I would reflect both sides of what she said. " * 40_000})


def judging_opening(scenario_path: Path, transcript_path: Path) -> None:
    """Save a finished play that opens with a response coded `judge`, then takes the best choices."""
    from .scenario import load_scenario, offered, save_transcript, start, step

    scenario = load_scenario(scenario_path)
    play = start(scenario)
    judging = next(cid for cid, c in offered(scenario, play) if "judge" in c.codes)
    play, _ = step(scenario, play, judging)
    while not play.finished:
        cid, _c = max(offered(scenario, play), key=lambda item: item[1].score)
        play, _ = step(scenario, play, cid)
    save_transcript(transcript_path, scenario, play)


def run_as_trainee(release: Path, workdir: Path, notebook: str) -> nbformat.NotebookNode:
    """Copy a release to `workdir` and execute its notebook there, as a trainee opening it would."""
    from nbclient import NotebookClient

    shutil.copytree(release, workdir)
    nb = nbformat.read(workdir / notebook, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    return nb


def hindering_play(folder: Path, solutions: Path) -> None:
    """A finished play that opens with a response coded `judge`."""
    reference(folder, solutions)
    judging_opening(folder / "scenarios" / "of-course-i-have-it.yaml", folder / TRANSCRIPT)


CASES = [
    Case("reference", "the reference solutions", 13, reference),
    Case("blank", "the release, untouched", 0, blank),
    Case("partial", "some answers, half a role-play", 3, partial),
    Case("no-answers-file", "answers.json missing", 5, no_answers_file),
    Case("corrupt-answers", "answers.json cut off mid-write", 5, corrupt_answers),
    Case("tampered-transcript", "transcript edited by hand", 8, tampered_transcript),
    Case("deleted-cells", "a test cell and an answer cell deleted", 13, deleted_cells),
    Case("edited-locked", "read-only cells edited", 13, edited_locked_cells),
    Case("enormous-text", "a written answer of 360,000 words", 13, enormous_free_text),
    Case("hindering-play", "role-play opened with a judging response", 10, hindering_play),
]


# --- running nbgrader --------------------------------------------------------------------------

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


def build_cohort(course: Path, cases=CASES, solutions: Path = ROOT / "solutions" / ASSIGNMENT) -> None:
    """Add the trainees, release the assignment, and place each case's submission."""
    roster = course / "students.csv"
    roster.write_text("id,first_name,last_name,email\n" + "".join(
        f"{c.student},{c.what.replace(',', ';')},Demo,\n" for c in cases), encoding="utf-8")
    nbgrader(course, "db", "student", "import", str(roster))
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    release = course / "release" / ASSIGNMENT
    for case in cases:
        folder = course / "submitted" / case.student / ASSIGNMENT
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(release, folder)
        case.build(folder, solutions)


def grade(course: Path) -> Path:
    """Autograde the whole cohort in one batch, generate feedback, export grades.csv."""
    nbgrader(course, "autograde", ASSIGNMENT, "--force")
    nbgrader(course, "generate_feedback", ASSIGNMENT, "--force")
    nbgrader(course, "export", "--to", "grades.csv")
    return course / "grades.csv"


# --- reading the results -----------------------------------------------------------------------

def reasons(course: Path, student: str) -> list[str]:
    """Why points were lost (the failing checks' messages), and notes for the grader."""
    path = course / "autograded" / student / ASSIGNMENT / NOTEBOOK
    if not path.exists():
        return ["not autograded"]
    found = []
    for cell in nbformat.read(path, as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.source.lstrip("# ").startswith("This cell (id:"):
            found.append(f"{meta['grade_id']}: the cell had been deleted; nbgrader put it back")
        if cell.cell_type == "code" and meta.get("grade"):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    found.append(f"{meta['grade_id']}: {out.get('ename')}: {_ANSI.sub('', str(out.get('evalue')))}")
                elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                    found += [line.lstrip("✘ ") for line in out.get("text", "").splitlines() if line.strip()]
        elif meta.get("solution") and meta.get("grade"):
            words = len(cell.source.split())
            if words > WORD_LIMIT:
                found.append(f"{meta['grade_id']}: {words:,} words, over the {WORD_LIMIT}-word limit "
                             f"(the rubric grades the first {WORD_LIMIT})")
    return found


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def grouped(found: list[str]) -> str:
    """Reasons shared by several checks said once: 'Question 1, Question 2: why'."""
    groups: dict[str, list[str]] = {}
    for reason in found:
        label, _, why = reason.partition(": ")
        groups.setdefault(why or label, []).append(label if why else "")
    return " | ".join(f"{', '.join(l for l in labels if l)}: {why}" if any(labels) else why
                      for why, labels in groups.items())


def gradebook_scores(course: Path) -> dict[tuple[str, str], tuple]:
    """{(trainee, cell id): (autograded score, manual score)} for every grade in the course's gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {(sub.student.id, grade.name): (grade.auto_score, grade.manual_score)
                for assignment in gb.assignments for sub in assignment.submissions
                for nb in sub.notebooks for grade in nb.grades}


def grade_table(course: Path, cases=CASES):
    """One row per trainee: autograded points, manual grading pending, total, reasons."""
    import pandas as pd
    from nbgrader.api import Gradebook

    grades = pd.read_csv(course / "grades.csv")
    rows = []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for case in cases:
            sub = gb.find_submission(ASSIGNMENT, case.student)
            auto = sum(g.auto_score or 0 for nb in sub.notebooks for g in nb.grades if g.auto_score is not None)
            rows.append({
                "trainee": case.student, "submission": case.what,
                "autograded": auto, "expected": case.expected_auto, "of": AUTO_MAX,
                "manual pending": sub.needs_manual_grade,
                "reasons": grouped(reasons(course, case.student)) or "-",
            })
    table = pd.DataFrame(rows)
    exported = grades[grades.assignment == ASSIGNMENT].set_index("student_id")
    table["csv score"] = table.trainee.map(exported["score"])
    table["csv max"] = table.trainee.map(exported["max_score"])
    return table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "artifacts" / "grade-demo"), help="throwaway folder")
    args = parser.parse_args(argv)
    import pandas as pd

    course = copy_course(Path(args.out).absolute() / "course")
    print(f"Course copied to {course}")
    build_cohort(course)
    print(f"Released {ASSIGNMENT}; {len(CASES)} submissions placed; autograding in one batch…")
    grade(course)
    table = grade_table(course)
    with pd.option_context("display.max_colwidth", 90, "display.width", 250, "display.max_columns", 20):
        print(table.drop(columns=["reasons"]).to_string(index=False))
        print("\nWhy points were lost:")
        for row in table.itertuples():
            print(f"  {row.trainee:20} {row.reasons}")
    feedback = sorted((course / "feedback").glob(f"*/{ASSIGNMENT}/*.html"))
    print(f"\nFeedback: {len(feedback)} HTML files under {course / 'feedback'}")
    print(f"Grades:   {course / 'grades.csv'}")
    wrong = table[table.autograded != table.expected]
    if len(wrong):
        print(f"\nUNEXPECTED autograded scores for: {', '.join(wrong.trainee)}")
        return 1
    print("\nEvery autograded score is as expected.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
