"""Module 03's own exercise through the real nbgrader pipeline: the soothing map reaches the
trainee without its answers. Everything module 03 shares with the other assignments (release,
marks, reasons, feedback, export) is checked in test_assignments.py, on the same graded cohort."""

import pytest

from cohorts import assignment_03 as cohort

pytestmark = pytest.mark.grading


def test_the_released_soothing_map_holds_no_answers(graded):
    from selfkind.exercises.soothing_map import load_map

    released_map = load_map(graded(cohort) / "release" / cohort.ASSIGNMENT / cohort.MAP_FILE)
    # its answers are only in the hidden tests
    assert not released_map.marked and not any(o.feedback for s in released_map.steps for o in s.options)
