"""Module 04's own exercise through the real nbgrader pipeline: the performance loop reaches the
trainee without its answers. Everything module 04 shares with the other assignments (release,
marks, reasons, feedback, export) is checked in test_assignments.py, on the same graded cohort."""

import pytest

from cohorts import assignment_04 as cohort

pytestmark = pytest.mark.grading


def test_the_released_loop_holds_no_answers(graded):
    from selfkind.exercises.loop import load_loop

    released_loop = load_loop(graded(cohort) / "release" / cohort.ASSIGNMENT / cohort.LOOP_FILE)
    # its answers are only in the hidden tests
    options = [o for s in released_loop.stages for o in s.options] + list(released_loop.first_move.options)
    assert released_loop.answers_hidden and not any(o.best or o.feedback or o.verdict for o in options)
