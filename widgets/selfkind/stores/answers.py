"""answers.json: a trainee's graded widget answers, beside the assignment notebook.

`{"format": "selfkind-answers", "version": 1, "saved_at": "...", "answers": {id: value}}`.
`set` saves one answer at once, merged with what is on disk inside the file's lock, so
two widgets or two kernels never undo each other. Reading never writes; the grader reads
with `read_answers`.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, StrictStr

from .base import JsonFileStore
from .kept import Why
from .problem import FileProblem
from .reading import Damage, validated, whole_number

FORMAT = "selfkind-answers"
VERSION = 1
DEFAULT_NAME = "answers.json"


class AnswersError(ValueError):
    """Answers JSON that is not a Selfkind answers file; the message says why."""


class AnswersFile(BaseModel):
    model_config = ConfigDict(extra="ignore")
    format: StrictStr
    version: int
    saved_at: Optional[StrictStr] = None
    answers: dict[StrictStr, Any]


def parse(data) -> dict[str, Any]:
    """The answers in parsed answers-file JSON; Damage saying what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Damage("it is not a Selfkind answers file")
    version = whole_number(data.get("version"), "version")
    if version > VERSION:
        raise Damage(f"it was written by a newer Selfkind (answers file version {version}; this one reads "
                     f"version {VERSION})", Why.NEWER)
    if version != VERSION:
        raise Damage(f"answers file version {version} is not supported (expected {VERSION})")
    return dict(validated(AnswersFile, data).answers)


class AnswersFileStore(JsonFileStore[dict]):
    what = "Your saved answers"

    def parse(self, data) -> dict:
        return parse(data)


def read_answers(path: str | Path) -> dict[str, Any]:
    """Read-only: the answers in `path`. FileNotFoundError, or AnswersError with a reason."""
    reading = AnswersFileStore(path).read()
    if reading.problem is not None:
        raise AnswersError(reading.problem.reason)
    if reading.value is None:
        raise FileNotFoundError(str(path))
    return reading.value


class AnswerStore:
    """The answers saved in one file; `set` saves at once, reading never writes.

    `problem` is set (plain words; views escape it) when a damaged file was met and kept aside.
    """

    def __init__(self, path: str | Path = DEFAULT_NAME):
        self.file = AnswersFileStore(path)
        self.path = self.file.path
        self.problem: Optional[str] = None
        self.problem_detail: Optional[FileProblem] = None
        self._answers: dict[str, Any] = {}
        self.reload()

    def reload(self) -> None:
        self._answers = self._take(self.file.open())

    def get(self, answer_id: str, default=None):
        return self._answers.get(answer_id, default)

    @property
    def answers(self) -> dict[str, Any]:
        return dict(self._answers)

    def set(self, answer_id: str, value) -> Path:
        """Save one answer at once: atomic, inside the lock, merged with what is on disk."""
        with self.file.editing() as reading:
            on_disk = self._take(reading)
            on_disk[answer_id] = value
            path = self.file.write({
                "format": FORMAT,
                "version": VERSION,
                "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "answers": on_disk,
            })
        self._answers = on_disk
        return path

    def _take(self, reading) -> dict[str, Any]:
        if reading.problem is not None:
            self.problem_detail = reading.problem
            fresh = " Answers you give now are saved in a new file." if reading.problem.kept else ""
            self.problem = reading.problem.words() + fresh
        return dict(reading.value or {})


_STORES: dict[Path, AnswerStore] = {}


def store_for(path: str | Path = DEFAULT_NAME) -> AnswerStore:
    """The one AnswerStore per file in this kernel, shared by every widget bound to it."""
    key = Path(path).absolute()
    if key not in _STORES:
        _STORES[key] = AnswerStore(key)
    return _STORES[key]
