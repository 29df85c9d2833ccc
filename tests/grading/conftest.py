"""One real nbgrader run per assignment per test session: a throwaway course, the assignment's
whole cohort (cohorts/assignment_NN.py), one batch. Tests that read the same assignment share it."""

from pathlib import Path

import pytest

from cohorts import assignment_01
from cohorts.module_01_demo import grade_table
from cohorts.pipeline import ROOT, run_cohort

REAL_GRADEBOOK = ROOT / "course" / "gradebook.db"


def _stamp(path: Path):
    return path.stat().st_mtime_ns if path.exists() else None


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """graded(cohort) -> the graded course of a cohort definition, built on first use.
    The submissions as placed are kept beside it in submitted-as-placed/."""
    courses = {}

    def course_of(cohort) -> Path:
        if cohort.ASSIGNMENT not in courses:
            before = _stamp(REAL_GRADEBOOK)
            courses[cohort.ASSIGNMENT] = run_cohort(tmp_path_factory.mktemp(f"grading-{cohort.ASSIGNMENT[:2]}"), cohort)
            assert _stamp(REAL_GRADEBOOK) == before, "the tests touched the real course/gradebook.db"
        return courses[cohort.ASSIGNMENT]
    return course_of


@pytest.fixture(scope="session")
def graded_course(graded) -> Path:
    return graded(assignment_01)


@pytest.fixture(scope="session")
def table(graded_course):
    return grade_table(graded_course).set_index("trainee")
