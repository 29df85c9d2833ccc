"""Grading: the checks assignments call (checks.py) and the nbgrader preprocessors.

Assignment notebooks import the checks from here (`from selfkind.grading import
require_choice`); those names are kept, since released assignments in a gradebook use them.
"""

from .checks import (Verdict, answer_status, check_carried_opening, check_choice, check_rating, check_roleplay,
                     graded_attempt, load_answers, read_attempts, replay_transcript, require, require_carried_opening,
                     require_choice, require_rating, require_roleplay, roleplay_status)

__all__ = [
    "Verdict", "answer_status", "check_carried_opening", "check_choice", "check_rating", "check_roleplay",
    "graded_attempt", "load_answers", "read_attempts", "replay_transcript", "require", "require_carried_opening",
    "require_choice", "require_rating", "require_roleplay", "roleplay_status",
]
