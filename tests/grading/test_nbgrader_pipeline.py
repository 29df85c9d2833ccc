"""The real nbgrader pipeline on a throwaway copy of course/: release, autograde, feedback, export.

The cohort (selfkind.grading_demo.CASES) is autograded once, in one batch; each test reads
what an instructor or a trainee would see: the release, the gradebook, the CSV, the feedback.
"""

import json

import nbformat
import pandas as pd
import pytest

from selfkind import grading_demo as demo

pytestmark = pytest.mark.grading

A = demo.ASSIGNMENT
EXPECTED = {case.student: case.expected_auto for case in demo.CASES}


def release_notebook(course):
    return nbformat.read(course / "release" / A / demo.NOTEBOOK, as_version=4)


def feedback_html(course, student):
    files = list((course / "feedback" / student / A).glob("*.html"))
    assert len(files) == 1, f"no feedback for {student}"
    return files[0].read_text(encoding="utf-8")


# --- the release ------------------------------------------------------------------------------

def test_the_release_holds_no_solution_hidden_test_rubric_or_instructor_cell(graded_course):
    nb = release_notebook(graded_course)
    text = "\n".join(cell.source for cell in nb.cells)
    for secret in ["BEGIN HIDDEN TESTS", "require_choice", "require_roleplay", "min_share",  # hidden tests
                   "BEGIN MARK SCHEME", "Rubric for graders",  # rubrics
                   "BEGIN SOLUTION", "You take such care", "easing off would mean",  # model answers
                   "Instructor notes"]:  # instructor cells
        assert secret not in text, secret
    assert not [c for c in nb.cells if "instructor" in c.metadata.get("tags", [])]
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    answers = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert [c.source for c in answers] == ["YOUR ANSWER HERE", "YOUR ANSWER HERE"]
    files = {p.relative_to(graded_course / "release" / A).as_posix()
             for p in (graded_course / "release" / A).rglob("*") if p.is_file()}
    assert files == {demo.NOTEBOOK, "scenarios/of-course-i-have-it.yaml"}  # no answers, transcripts, solutions


def test_the_release_carries_real_copies_of_the_modules_scenarios(graded_course):
    released = graded_course / "release" / A / "scenarios" / "of-course-i-have-it.yaml"
    module = demo.ROOT / "modules" / A / "scenarios" / "of-course-i-have-it.yaml"
    assert not released.is_symlink() and released.read_bytes() == module.read_bytes()


def test_graded_work_is_widgets_and_markdown_not_code(graded_course):
    nb = release_notebook(graded_course)
    editable_code = [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("editable", True)]
    assert not editable_code, "every code cell in the release is read-only"
    graded_answers = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert {c.cell_type for c in graded_answers} == {"markdown"}


# --- marks ----------------------------------------------------------------------------------

def test_the_reference_solutions_score_full_autograded_marks(table):
    assert table.loc["reference", "autograded"] == demo.AUTO_MAX
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
    assert any(reason in found for found in demo.reasons(graded_course, student))


def test_an_edited_locked_cell_is_restored_before_grading(graded_course, table):
    nb = nbformat.read(graded_course / "autograded" / "edited-locked" / A / demo.NOTEBOOK, as_version=4)
    cells = {c.metadata.nbgrader["grade_id"]: c for c in nb.cells if "grade_id" in c.metadata.get("nbgrader", {})}
    assert "require_roleplay" in cells["test-roleplay-quality"].source
    assert "ChoiceQuestion" in cells["widget-q1"].source
    assert table.loc["edited-locked", "autograded"] == demo.AUTO_MAX


def test_the_autograder_does_not_wipe_answers(graded_course):
    placed = graded_course.parent / "submitted-as-placed" / "reference" / A
    graded = graded_course / "autograded" / "reference" / A
    assert json.loads((graded / "answers.json").read_text()) == json.loads((placed / "answers.json").read_text())
    assert (graded / demo.TRANSCRIPT).read_bytes() == (placed / demo.TRANSCRIPT).read_bytes()


def test_graders_see_the_rubric_in_the_autograded_notebook(graded_course):
    nb = nbformat.read(graded_course / "autograded" / "reference" / A / demo.NOTEBOOK, as_version=4)
    prompts = [c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-prompt")]
    assert len(prompts) == 2 and all("Rubric for graders" in p for p in prompts)


# --- feedback and export ---------------------------------------------------------------------

def test_every_trainee_gets_feedback_with_reasons_but_no_secrets(graded_course):
    for student in EXPECTED:
        html = feedback_html(graded_course, student)
        for secret in ["HIDDEN TESTS", "require_", "min_share", "Rubric for graders", "Instructor notes"]:
            assert secret not in html, f"{secret} shows in {student}'s feedback"
    assert "could not be replayed: step 3" in feedback_html(graded_course, "tampered-transcript")
    assert "Question 3: your answer (a) is not the best one" in feedback_html(graded_course, "partial")


def test_the_csv_export_lists_every_trainee(graded_course):
    grades = pd.read_csv(graded_course / "grades.csv")
    assert sorted(grades.student_id) == sorted(EXPECTED)
    assert set(grades.assignment) == {A} and set(grades.max_score) == {21.0}


# --- the trainee's side -------------------------------------------------------------------------

def test_the_release_runs_for_a_trainee_and_writes_nothing_until_they_answer(graded_course, tmp_path):
    folder = tmp_path / A
    nb = demo.run_as_trainee(graded_course / "release" / A, folder, demo.NOTEBOOK)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error" or o.get("name") == "stderr"], cell.source
    shown = [c for c in nb.cells if c.cell_type == "code" and ("Question(" in c.source or "RolePlay.from_file" in c.source)]
    assert len(shown) == 9  # six choices, two ratings, the role-play
    assert all(any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in c.outputs) for c in shown)
    assert sorted(p.name for p in folder.iterdir()) == [demo.NOTEBOOK, "scenarios"]
