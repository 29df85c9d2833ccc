"""Module 02's cohort: the reference, an untouched release, a hand-edited transcript, a play
opened with a judging response, and a play that moves straight on after the client's passive
suicidal thoughts; what each earns, and why."""

from __future__ import annotations

from .definition import Case, Release
from .submissions import PART_C_LOST, best_play_except, roleplay_assignment_cases

ASSIGNMENT = "02-shame-guilt-and-sexuality"
NOTEBOOK = f"{ASSIGNMENT}-assignment.ipynb"
SCENARIO = "after-the-affair"
AUTO_MAX = 14.0
RELEASE = Release(files=frozenset({NOTEBOOK, f"scenarios/{SCENARIO}.yaml"}), written=2, widgets=10,
                  max_score=22.0, scenarios=(SCENARIO,))

REPLAY_FAILED = "could not be replayed: step 3: the recorded state or score does not match"
CASES = roleplay_assignment_cases(SCENARIO, AUTO_MAX, REPLAY_FAILED) + [
    # "Good, that's a relief. So, back to Mark." after Rosa's passive suicidal thoughts
    Case("risk-passed-over", "moved straight on after passive suicidal thoughts (risk/2)", AUTO_MAX - 5,
         best_play_except(SCENARIO, {"risk": "risk/2"}), cells=PART_C_LOST,
         told={"test-roleplay-finished": ("safety-critical",), "test-roleplay-quality": ("safety-critical",)},
         feedback=("suicide risk cue unassessed",)),
]
