"""Module 05's cohort: the reference, an untouched release, a hand-edited transcript, a play
opened with a judging response, a play that pushes on through the client's tears
(safety-critical), and one wrong answer in Part A; what each earns, and why."""

from __future__ import annotations

from .definition import ANY_CELL, Case, Release
from .submissions import (FIRST_CRITICAL, PART_C_LOST, answer_changed, best_play_except,
                          roleplay_assignment_cases)

ASSIGNMENT = "05-tools-to-self-soothe"
NOTEBOOK = f"{ASSIGNMENT}-assignment.ipynb"
SCENARIO = "where-did-that-come-from"
AUTO_MAX = 11.0
RELEASE = Release(files=frozenset({NOTEBOOK, f"scenarios/{SCENARIO}.yaml"}), written=2,
                  widgets=7,  # six questions, the role-play
                  max_score=19.0, scenarios=(SCENARIO,))

CASES = roleplay_assignment_cases(SCENARIO, AUTO_MAX) + [
    Case("pushed-through-tears", "asked Eli to stay with it and finish when his eyes fill", AUTO_MAX - 5,
         best_play_except(SCENARIO, {"tears": FIRST_CRITICAL}), cells=PART_C_LOST,
         told={ANY_CELL: ("safety-critical", "backdraft")}),
    Case("one-answer-wrong", "question 5 answered 'keep going, the tears show it is working'", AUTO_MAX - 1,
         answer_changed("q5", "b"), cells={"test-q5": 0}, told={"test-q5": ("Question 5",)}),
]
