"""Module 01's demo through the real nbgrader pipeline: the grade table `make grade-demo` prints.

The cohort (cohorts/assignment_01.py) is autograded once, in one batch (conftest.graded), and
shared with test_assignments.py, which checks what every assignment's cohort checks. Here: the
demo's table and its reasons for the grader, restored cells, and answers the autograder keeps.
"""

import json

import nbformat
import pytest

from cohorts import assignment_01 as cohort
from cohorts.module_01_demo import reasons

pytestmark = pytest.mark.grading

A = cohort.ASSIGNMENT
EXPECTED = {case.student: case.expected_auto for case in cohort.CASES}


def test_the_release_holds_no_model_answer(graded_course):
    nb = nbformat.read(graded_course / "release" / A / cohort.NOTEBOOK, as_version=4)
    text = "\n".join(cell.source for cell in nb.cells)
    for secret in ["You take such care", "easing off would mean"]:
        assert secret not in text, secret


# --- the demo's grade table ---------------------------------------------------------------------

def test_the_reference_solutions_score_full_autograded_marks(table):
    assert table.loc["reference", "autograded"] == cohort.AUTO_MAX
    assert table.loc["reference", "reasons"] == "-"
    assert table.loc["reference", "manual pending"]  # the written answers wait for a grader


def test_an_untouched_release_scores_zero_without_error(table):
    row = table.loc["blank"]
    assert row["autograded"] == 0 and row["csv score"] == 0
    assert not row["manual pending"]  # unchanged answer cells are 0 automatically
    assert "No answers file" in row["reasons"] and "No saved role-play" in row["reasons"]


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_every_submission_gets_its_expected_grade(table, student):
    assert table.loc[student, "autograded"] == EXPECTED[student], table.loc[student, "reasons"]


@pytest.mark.parametrize("student, reason", [
    ("partial", "Question 3: your answer (a) is not the best one"),
    ("partial", "the play is not finished (3 turns so far)"),
    ("no-answers-file", "No answers file (answers.json) was found beside the notebook"),
    ("corrupt-answers", "could not be read (it is not valid JSON"),
    ("tampered-transcript", "could not be replayed: step 3: the recorded state or score does not match"),
    ("deleted-cells", "test-q1: the cell had been deleted; nbgrader put it back"),
    ("deleted-cells", "free-2: the cell had been deleted; nbgrader put it back"),
    ("enormous-text", "free-1: 360,000 words, over the 300-word limit"),
    ("hindering-play", "Role-play (quality): your play used a hindering response coded judge"),
])
def test_broken_submissions_get_a_reason(graded_course, student, reason):
    assert any(reason in found for found in reasons(graded_course, student))


def test_an_edited_locked_cell_is_restored_before_grading(graded_course, table):
    nb = nbformat.read(graded_course / "autograded" / "edited-locked" / A / cohort.NOTEBOOK, as_version=4)
    cells = {c.metadata.nbgrader["grade_id"]: c for c in nb.cells if "grade_id" in c.metadata.get("nbgrader", {})}
    assert "require_roleplay" in cells["test-roleplay-quality"].source
    assert "ChoiceQuestion" in cells["widget-q1"].source
    assert table.loc["edited-locked", "autograded"] == cohort.AUTO_MAX


def test_the_autograder_does_not_wipe_answers(graded_course):
    placed = graded_course.parent / "submitted-as-placed" / "reference" / A
    graded = graded_course / "autograded" / "reference" / A
    assert json.loads((graded / "answers.json").read_text()) == json.loads((placed / "answers.json").read_text())
    assert (graded / cohort.TRANSCRIPT).read_bytes() == (placed / cohort.TRANSCRIPT).read_bytes()
