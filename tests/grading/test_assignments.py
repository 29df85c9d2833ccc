"""Every assignment through the real nbgrader pipeline, on throwaway copies of course/.

Each assignment's cohort (cohorts/assignment_NN.py: the reference solutions, an untouched
release, and the broken, hindering and safety-critical work that assignment must catch) is
released, autograded in one batch and given feedback (conftest.graded). Each test reads what an
instructor or a trainee would see; what every submission should earn, and the reasons it must
be given, are the cohort definition's. Checks of one assignment's own exercises are in
test_assignment_NN.py; module 01's demo table and grader notes in test_nbgrader_pipeline.py.
"""

import nbformat
import pandas as pd
import pytest

from cohorts import assignment_01, assignment_02, assignment_03, assignment_04, assignment_05, assignment_06
from cohorts.definition import ANY_CELL
from cohorts.pipeline import ROOT, failures, feedback_html, run_as_trainee, submission_scores
from cohorts.submissions import model_answers

pytestmark = pytest.mark.grading

COHORTS = [assignment_01, assignment_02, assignment_03, assignment_04, assignment_05, assignment_06]
CASES = [(cohort, case) for cohort in COHORTS for case in cohort.CASES]
by_assignment = pytest.mark.parametrize("cohort", COHORTS, ids=[c.ASSIGNMENT[:2] for c in COHORTS])
by_case = pytest.mark.parametrize("cohort, case", CASES, ids=[f"{c.ASSIGNMENT[:2]}-{k.student}" for c, k in CASES])

# Nothing a trainee must not see: hidden tests, rubrics, solutions, instructor notes.
RELEASE_SECRETS = ["BEGIN HIDDEN TESTS", "require_choice", "require_rating", "require_roleplay",
                   "require_carried_opening", "min_share", "forbidden_codes", "BEGIN MARK SCHEME",
                   "Rubric for graders", "BEGIN SOLUTION", "Instructor notes"]
FEEDBACK_SECRETS = ["HIDDEN TESTS", "require_", "min_share", "forbidden_codes", "Rubric for graders",
                    "Instructor notes"]
_scores = {}


def scores(graded, cohort):
    """{trainee: {"cells": {cell id: autograded points}, "manual pending": bool}}, read once."""
    if cohort.ASSIGNMENT not in _scores:
        _scores[cohort.ASSIGNMENT] = submission_scores(graded(cohort), cohort.ASSIGNMENT,
                                                       [c.student for c in cohort.CASES])
    return _scores[cohort.ASSIGNMENT]


def auto_total(found, student):
    return sum(s or 0 for s in found[student]["cells"].values())


def cells_where(nb, **wanted):
    return [c for c in nb.cells if all(c.metadata.get("nbgrader", {}).get(k) == v for k, v in wanted.items())]


# --- the release ---------------------------------------------------------------------------------

@by_assignment
def test_the_release_holds_no_solution_hidden_test_rubric_or_instructor_cell(graded, cohort):
    A = cohort.ASSIGNMENT
    release = graded(cohort) / "release" / A
    nb = nbformat.read(release / cohort.NOTEBOOK, as_version=4)
    text = "\n".join(cell.source for cell in nb.cells)
    models = model_answers(ROOT / "solutions" / A)
    for secret in [*RELEASE_SECRETS, *[m.splitlines()[0] for m in models.values()]]:
        assert secret not in text, secret
    assert not [c for c in nb.cells if "instructor" in c.metadata.get("tags", [])]
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    answers = cells_where(nb, solution=True)
    assert [c.source for c in answers] == ["YOUR ANSWER HERE"] * cohort.RELEASE.written
    assert {c.cell_type for c in answers} == {"markdown"}  # graded work is widgets and markdown, not code
    assert not [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("editable", True)]
    files = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    assert files == cohort.RELEASE.files  # no answers, transcripts or solutions


@by_assignment
def test_the_release_carries_real_copies_of_the_modules_scenarios(graded, cohort):
    for stem in cohort.RELEASE.scenarios:
        released = graded(cohort) / "release" / cohort.ASSIGNMENT / "scenarios" / f"{stem}.yaml"
        module = ROOT / "modules" / cohort.ASSIGNMENT / "scenarios" / f"{stem}.yaml"
        assert not released.is_symlink() and released.read_bytes() == module.read_bytes()


@by_assignment
def test_graders_see_the_rubrics_in_the_autograded_notebook(graded, cohort):
    nb = nbformat.read(graded(cohort) / "autograded" / "reference" / cohort.ASSIGNMENT / cohort.NOTEBOOK, as_version=4)
    prompts = [c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-prompt")]
    assert len(prompts) == cohort.RELEASE.written and all("Rubric for graders" in p for p in prompts)


# --- marks --------------------------------------------------------------------------------------

@by_assignment
def test_the_reference_solutions_score_full_autograded_marks(graded, cohort):
    found = scores(graded, cohort)
    assert failures(graded(cohort), cohort.ASSIGNMENT, "reference") == {}
    assert auto_total(found, "reference") == cohort.AUTO_MAX
    assert found["reference"]["manual pending"]  # the written answers wait for a grader


@by_assignment
def test_an_untouched_release_scores_zero_without_error(graded, cohort):
    found = scores(graded, cohort)
    assert auto_total(found, "blank") == 0
    assert not found["blank"]["manual pending"]  # unchanged answer cells are 0 automatically
    text = "\n".join(sum(failures(graded(cohort), cohort.ASSIGNMENT, "blank").values(), []))
    assert "No answers file" in text and "No saved role-play" in text
    nb = nbformat.read(graded(cohort) / "autograded" / "blank" / cohort.ASSIGNMENT / cohort.NOTEBOOK, as_version=4)
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


@by_case
def test_every_submission_earns_what_its_cohort_definition_says(graded, cohort, case):
    cells = scores(graded, cohort)[case.student]["cells"]
    assert {c: cells[c] for c in case.cells} == dict(case.cells)
    assert auto_total(scores(graded, cohort), case.student) == case.expected_auto


@by_case
def test_every_submission_is_told_why_it_lost_points(graded, cohort, case):
    found = failures(graded(cohort), cohort.ASSIGNMENT, case.student)
    for cell, phrases in case.told.items():
        said = "".join(sum(found.values(), [])) if cell == ANY_CELL else "".join(found.get(cell, []))
        for phrase in phrases:
            assert phrase in said, (cell, found)
    html = feedback_html(graded(cohort), cohort.ASSIGNMENT, case.student)
    for phrase in case.feedback:
        assert phrase in html, phrase


# --- feedback and export ---------------------------------------------------------------------------

@by_assignment
def test_feedback_shows_reasons_but_no_secrets(graded, cohort):
    for case in cohort.CASES:
        html = feedback_html(graded(cohort), cohort.ASSIGNMENT, case.student)
        for secret in FEEDBACK_SECRETS:
            assert secret not in html, f"{secret} shows in {case.student}'s feedback"


@by_assignment
def test_the_csv_export_lists_every_trainee_with_the_assignments_maximum(graded, cohort):
    grades = pd.read_csv(graded(cohort) / "grades.csv")
    assert set(grades.assignment) == {cohort.ASSIGNMENT}
    assert sorted(grades.student_id) == sorted(c.student for c in cohort.CASES)
    assert set(grades.max_score) == {cohort.RELEASE.max_score}


# --- the trainee's side ---------------------------------------------------------------------------

@by_assignment
def test_the_release_runs_for_a_trainee_and_writes_nothing_until_they_answer(graded, cohort, tmp_path):
    folder = tmp_path / cohort.ASSIGNMENT
    nb = run_as_trainee(graded(cohort) / "release" / cohort.ASSIGNMENT, folder, cohort.NOTEBOOK)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error" or o.get("name") == "stderr"], cell.source
    shown = [c for c in nb.cells if c.cell_type == "code" and ("Question(" in c.source or ".from_file" in c.source)]
    assert len(shown) == cohort.RELEASE.widgets
    assert all(any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in c.outputs) for c in shown)
    assert sorted(p.name for p in folder.iterdir()) == sorted({f.split("/")[0] for f in cohort.RELEASE.files})
