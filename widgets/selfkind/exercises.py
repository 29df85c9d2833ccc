"""Answers to experiential exercises, one JSON file per exercise on the trainee's machine.

`exercises_dir()/<name>.json`; written atomically, a damaged file kept aside.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Optional

from .paths import exercises_dir
from .storage import DamagedFile, move_aside, read_json_or_keep_aside, write_json_atomic

FORMAT = "selfkind-exercise"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def exercise_path(name: str) -> Path:
    if not _NAME.match(name):
        raise ValueError(f"exercise name {name!r} should be lower-case letters, digits and hyphens")
    return exercises_dir() / f"{name}.json"


def load_answers(name: str) -> Optional[dict]:
    """The saved answers (a dict), None if none yet; DamagedFile (kept aside) if unusable."""
    path = exercise_path(name)
    data = read_json_or_keep_aside(path)
    if data is None:
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("answers"), dict):
        kept = move_aside(path, "damaged")
        raise DamagedFile(path, kept, "it does not hold this exercise's answers")
    return data["answers"]


def save_answers(name: str, answers: dict) -> Path:
    data = {"format": FORMAT, "exercise": name,
            "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"), "answers": answers}
    return write_json_atomic(exercise_path(name), data)
