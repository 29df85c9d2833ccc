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

from ..paths import exercises_dir
from .base import JsonFileStore, Reading
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
