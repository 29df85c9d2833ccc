"""Module 04's cohort: the reference, an untouched release, a hand-edited transcript, a play
opened with a judging response, a play that endorses pills bought online (safety-critical), and
a loop with one graded stage wrong; what each earns, and why."""

from __future__ import annotations

from .definition import ANY_CELL, Case, Release
from .submissions import (FIRST_CRITICAL, PART_C_LOST, answer_changed, best_play_except,
                          roleplay_assignment_cases)

ASSIGNMENT = "04-self-criticism-and-sexual-performance"
NOTEBOOK = f"{ASSIGNMENT}-assignment.ipynb"
SCENARIO = "it-used-to-just-work"
LOOP_FILE = "exercises/performance-loop-hamid.yaml"
AUTO_MAX = 14.0
RELEASE = Release(files=frozenset({NOTEBOOK, f"scenarios/{SCENARIO}.yaml", LOOP_FILE}), written=2,
                  widgets=7,  # five questions, the loop, the role-play
                  max_score=22.0, scenarios=(SCENARIO,))

CASES = roleplay_assignment_cases(SCENARIO, AUTO_MAX) + [
    Case("pills-endorsed", "pills bought online endorsed when Graham mentions them", AUTO_MAX - 5,
         best_play_except(SCENARIO, {"pills": FIRST_CRITICAL}), cells=PART_C_LOST,
         told={ANY_CELL: ("safety-critical", "online")}),
    Case("loop-one-stage-wrong", "the loop's difficulty stage answered 'treat it as anxiety'", AUTO_MAX - 1,
         answer_changed("loop-difficulty", "c"), cells={"test-loop-difficulty": 0},
         told={"test-loop-difficulty": ("Loop, difficulty",)}),
]
