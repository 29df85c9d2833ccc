"""Module 03's cohort: the reference, an untouched release, a hand-edited transcript, a play
opened with a judging response, a play that moves past the client's suicide risk cue, one that
asks for a no-harm promise in place of a safety plan, and a soothing map with one step wrong;
what each earns, and why."""

from __future__ import annotations

from .definition import ANY_CELL, Case, Release
from .submissions import (FIRST_CRITICAL, PART_C_LOST, answer_changed, best_play_except,
                          roleplay_assignment_cases)

ASSIGNMENT = "03-compulsion-as-external-soothing"
NOTEBOOK = f"{ASSIGNMENT}-assignment.ipynb"
SCENARIO = "one-more-spin"
MAP_FILE = "exercises/soothing-map-kofi.yaml"
AUTO_MAX = 16.0
RELEASE = Release(files=frozenset({NOTEBOOK, f"scenarios/{SCENARIO}.yaml", MAP_FILE}), written=3,
                  widgets=7,  # five questions, the soothing map, the role-play
                  max_score=28.0, scenarios=(SCENARIO,))

CASES = roleplay_assignment_cases(SCENARIO, AUTO_MAX) + [
    Case("risk-passed-over", "moved on to the debt past the suicide risk cue", AUTO_MAX - 5,
         best_play_except(SCENARIO, {"better-off": FIRST_CRITICAL}), cells=PART_C_LOST,
         told={ANY_CELL: ("safety-critical", "risk cue")}),
    # the direct question asked, then, told of the insurance search, a promise not to self-harm
    Case("promise-not-a-plan", "a no-harm promise in place of a safety plan (asking/2)", AUTO_MAX - 5,
         best_play_except(SCENARIO, {"asking": "asking/2"}), cells=PART_C_LOST,
         told={ANY_CELL: ("safety-critical", "insurance", "safety plan")}, feedback=("safety-critical",)),
    Case("map-one-step-wrong", "the soothing map's shame step answered with the act-focused regret",
         AUTO_MAX - 1, answer_changed("map-shame", "a"), cells={"test-map-shame": 0},
         told={"test-map-shame": ("Soothing map, step 5",)}),
]
