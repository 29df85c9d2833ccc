"""Written answers graded by hand through nbgrader's own Gradebook API (cohorts/manual_grades.py),
as `make grade-demo` does for the dashboard's cohort: what formgrader and the exported grades show."""

import shutil

import pytest

from cohorts import assignment_01 as cohort
from cohorts.manual_grades import grade_by_hand, rubric_criteria
from cohorts.pipeline import nbgrader

pytestmark = pytest.mark.grading
A = cohort.ASSIGNMENT


@pytest.fixture(scope="module")
def hand_graded(graded, tmp_path_factory):
    """A copy of module 01's graded cohort (others read the original): the reference graded as
    meeting every criterion, `partial` none, `deleted-cells` not graded yet."""
    course = tmp_path_factory.mktemp("hand-graded") / "course"
    shutil.copytree(graded(cohort), course)
    chances = {c.student: 1.0 for c in cohort.CASES if c.student not in {"partial", "deleted-cells"}}
    count = grade_by_hand(course, {**chances, "partial": 0.0})
    nbgrader(course, "export", "--to", "grades.csv")
    return course, count


def grades_of(course, student):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        sub = gb.find_submission(A, student)
        nb = sub.notebooks[0]
        written = {g.name: (g.manual_score, g.needs_manual_grade) for g in nb.grades if g.cell.cell_type == "markdown"}
        comments = {c.name: c.manual_comment for c in nb.comments if c.name in written}
        return written, comments, sub.score, sub.needs_manual_grade


def test_the_rubric_criteria_are_read_from_the_mark_schemes(graded):
    criteria = rubric_criteria(graded(cohort) / "source" / A / cohort.NOTEBOOK)
    assert criteria["free-1"] == ["Both sides, without argument", "Evokes rather than explains",
                                  "Warmth toward the distress", "Rationale"]
    assert len(criteria["free-2"]) == 4


def test_meeting_every_criterion_earns_full_marks_with_a_comment_saying_so(hand_graded):
    course, _count = hand_graded
    written, comments, score, pending = grades_of(course, "reference")
    assert written == {"free-1": (4.0, False), "free-2": (4.0, False)}
    assert comments["free-1"].startswith("Every criterion met: both sides, without argument;")
    assert score == cohort.AUTO_MAX + 8 and not pending


def test_meeting_none_earns_zero_and_a_comment_naming_what_is_missing(hand_graded):
    course, _count = hand_graded
    written, comments, score, pending = grades_of(course, "partial")
    assert written["free-1"] == (0.0, False)  # the one written answer it has
    assert "Not there yet: both sides, without argument" in comments["free-1"]
    assert score == 3 and not pending


def test_a_trainee_left_out_still_waits_for_the_grader(hand_graded):
    course, count = hand_graded
    _written, _comments, _score, pending = grades_of(course, "deleted-cells")
    assert pending
    import pandas as pd

    exported = pd.read_csv(course / "grades.csv").set_index("student_id")
    assert exported.loc["reference", "score"] == 21.0  # hand-graded points reach the exported grades
    assert count > 0
