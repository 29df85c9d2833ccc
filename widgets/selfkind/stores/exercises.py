"""Answers to experiential exercises: `exercises_dir()/<name>.json`, one file per exercise.

`{"format": "selfkind-exercise", "exercise": name, "saved_at": "...", "answers": {...}}`.
An exercise may give a pydantic model for its answers, so a file whose answers have the
wrong shape is treated as damaged (kept aside, the trainee told) before any view uses it.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Optional

from pydantic import BaseModel, ConfigDict, StrictStr

from .base import JsonFileStore, Reading
from .paths import exercises_dir
from .problem import DamagedFile
from .reading import Damage, validated

FORMAT = "selfkind-exercise"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")


class ExerciseFile(BaseModel):
    model_config = ConfigDict(extra="ignore")
    format: StrictStr
    answers: dict[StrictStr, Any]


def exercise_path(name: str) -> Path:
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(f"exercise name {name!r} should be lower-case letters, digits and hyphens")
    return exercises_dir() / f"{name}.json"


class ExerciseStore(JsonFileStore[dict]):
    what = "Your earlier answers"

    def __init__(self, name: str, answers_model: Optional[type[BaseModel]] = None):
        super().__init__(exercise_path(name))
        self.name, self.answers_model = name, answers_model

    def parse(self, data) -> dict:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise Damage("it does not hold this exercise's answers")
        answers = validated(ExerciseFile, data).answers
        if self.answers_model is not None:
            answers = validated(self.answers_model, answers).model_dump(mode="json", by_alias=True)
        return answers

    def save(self, answers: dict) -> Path:
        return self.update(lambda _old: answers)[0]

    def update(self, change: Callable[[Optional[dict]], dict]) -> tuple[Path, Reading]:
        """Read, change and write inside the lock; `change` gets the saved answers (None if none).
        Returns (path, what was on disk before: its `problem` says if a damaged file was kept aside)."""
        with self.editing() as reading:
            answers = change(reading.value)
            data = {"format": FORMAT, "exercise": self.name,
                    "saved_at": datetime.now().astimezone().isoformat(timespec="seconds"), "answers": answers}
            return self.write(data), reading


def load_answers(name: str, answers_model: Optional[type[BaseModel]] = None) -> Optional[dict]:
    """The saved answers (a dict), None if none yet; DamagedFile (kept aside, or left
    untouched where it cannot be moved: see its `problem`) if unusable."""
    reading = ExerciseStore(name, answers_model).open()
    if reading.problem is not None:
        raise DamagedFile.of(reading.problem)
    return reading.value


def save_answers(name: str, answers: dict) -> Path:
    """Save atomically inside the file's lock (a damaged file is kept aside first)."""
    return ExerciseStore(name).save(answers)
