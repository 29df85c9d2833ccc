"""Module 01's cohort: the reference, blank, partial and broken submissions, and what each earns.

`make grade-demo` grades it and prints the table (module_01_demo.py); the grading tests check
every score and reason (tests/grading/test_assignments.py, test_nbgrader_pipeline.py), and the
adversarial tests build their attackers on `partial`.
"""

from __future__ import annotations

import json
from pathlib import Path

from .definition import Case, Release
from .submissions import (edit_notebook, find_cell, last_attempt, model_answers, reference, roleplay_assignment_cases,
                          write_free_text)

ASSIGNMENT = "01-what-self-compassion-is"
NOTEBOOK = f"{ASSIGNMENT}-assignment.ipynb"
SCENARIO = "of-course-i-have-it"
TRANSCRIPT = f"transcripts/{SCENARIO}.json"
AUTO_MAX = 13.0
RELEASE = Release(files=frozenset({NOTEBOOK, f"scenarios/{SCENARIO}.yaml"}), written=2,
                  widgets=9,  # six choices, two ratings, the role-play
                  max_score=21.0, scenarios=(SCENARIO,))


def partial(folder: Path, solutions: Path) -> None:
    """Two questions right, one wrong, one rating, half a role-play, one written response."""
    answers = {"format": "selfkind-answers", "version": 1, "answers": {"q1": "b", "q2": "c", "q3": "a", "r1": 4}}
    (folder / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    data = json.loads((solutions / TRANSCRIPT).read_text(encoding="utf-8"))
    play = last_attempt(data)
    play["steps"] = play["steps"][:3]
    play["node"], play["ending"] = _node_after(solutions, 3), None
    play["state"] = play["steps"][-1]["state_after"]
    (folder / "transcripts").mkdir()
    (folder / TRANSCRIPT).write_text(json.dumps(data, indent=2), encoding="utf-8")
    write_free_text(folder, {"free-1": model_answers(solutions)["free-1"]})


def _node_after(solutions: Path, n: int) -> str:
    steps = last_attempt(json.loads((solutions / TRANSCRIPT).read_text(encoding="utf-8")))["steps"]
    return steps[n]["node"]


def no_answers_file(folder: Path, solutions: Path) -> None:
    reference(folder, solutions)
    (folder / "answers.json").unlink()


def corrupt_answers(folder: Path, solutions: Path) -> None:
    reference(folder, solutions)
    (folder / "answers.json").write_text('{"format": "selfkind-answers", "answers": {"q1": "b",', encoding="utf-8")


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


CASES = roleplay_assignment_cases(SCENARIO, AUTO_MAX, "could not be replayed: step 3") + [
    Case("partial", "some answers, half a role-play", 3, partial,
         feedback=("Question 3: your answer (a) is not the best one",)),
    Case("no-answers-file", "answers.json missing", 5, no_answers_file),
    Case("corrupt-answers", "answers.json cut off mid-write", 5, corrupt_answers),
    Case("deleted-cells", "a test cell and an answer cell deleted", AUTO_MAX, deleted_cells),
    Case("edited-locked", "read-only cells edited", AUTO_MAX, edited_locked_cells),
    Case("enormous-text", "a written answer of 360,000 words", AUTO_MAX, enormous_free_text),
]
