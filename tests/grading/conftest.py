"""One real nbgrader run per test session: a throwaway course, the whole demo cohort, one batch."""

import shutil
from pathlib import Path

import pytest

from selfkind import grading_demo as demo

REAL_GRADEBOOK = demo.ROOT / "course" / "gradebook.db"


def _stamp(path: Path):
    return path.stat().st_mtime_ns if path.exists() else None


@pytest.fixture(scope="session")
def graded_course(tmp_path_factory) -> Path:
    before = _stamp(REAL_GRADEBOOK)
    course = demo.copy_course(tmp_path_factory.mktemp("grading") / "course")
    demo.build_cohort(course)
    # Kept for inspection before grading changes nothing in submitted/.
    shutil.copytree(course / "submitted", course.parent / "submitted-as-placed")
    demo.grade(course)
    assert _stamp(REAL_GRADEBOOK) == before, "the tests touched the real course/gradebook.db"
    return course


@pytest.fixture(scope="session")
def table(graded_course):
    return demo.grade_table(graded_course).set_index("trainee")
