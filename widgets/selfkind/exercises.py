"""Answers to experiential exercises: the old functions, over selfkind.stores.exercises."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import BaseModel

from .stores.exercises import FORMAT, ExerciseStore, exercise_path
from .stores.problem import DamagedFile

__all__ = ["FORMAT", "ExerciseStore", "exercise_path", "load_answers", "save_answers"]


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
