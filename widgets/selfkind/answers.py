"""AnswerStore: a trainee's widget answers in one JSON file beside the notebook.

Graded work is done in widgets, not code. Each answer widget is bound to an answer id
and saves to `answers.json` in the kernel's working folder (the assignment folder) as
soon as the trainee changes it. Reading never writes, so re-executing the notebook (as
nbgrader's autograder does) never wipes answers. Writes are atomic and merge with what
is on disk, so two widgets, or two open copies of the notebook, do not undo each other.
A damaged file is kept aside (never deleted) and reported in `problem`.

Never imports ipywidgets: the grader reads the same file with `read_answers`.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from .storage import DamagedFile, move_aside, read_json_or_keep_aside, write_json_atomic

FORMAT = "selfkind-answers"
VERSION = 1
DEFAULT_NAME = "answers.json"


class AnswersError(ValueError):
    """Answers JSON that is not a Selfkind answers file; the message says why."""


def parse(data) -> dict[str, object]:
    """The answers in parsed answers-file JSON, or AnswersError saying what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise AnswersError("it is not a Selfkind answers file")
    if data.get("version") != VERSION:
        raise AnswersError(f"answers file version {data.get('version')!r} is not supported (expected {VERSION})")
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise AnswersError("its 'answers' entry is missing or not a mapping")
    return dict(answers)


def read_answers(path: str | Path) -> dict[str, object]:
    """Read-only: the answers in `path`. FileNotFoundError, or AnswersError with a reason."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise AnswersError(f"it is not text ({exc.reason})") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise AnswersError(f"it is not valid JSON: {exc}") from None
    return parse(data)


class AnswerStore:
    """The answers saved in one file; `set` saves at once, reading never writes."""

    def __init__(self, path: str | Path = DEFAULT_NAME):
        self.path = Path(path).absolute()
        self.problem: Optional[str] = None  # set when a damaged file was kept aside
        self._answers: dict[str, object] = {}
        self.reload()

    def reload(self) -> None:
        self._answers = self._read_or_keep_aside()

    def get(self, answer_id: str, default=None):
        return self._answers.get(answer_id, default)

    @property
    def answers(self) -> dict[str, object]:
        return dict(self._answers)

    def set(self, answer_id: str, value) -> Path:
        """Save one answer at once (atomic write, merged with what is on disk)."""
        on_disk = self._read_or_keep_aside()
        on_disk[answer_id] = value
        self._answers = on_disk
        return write_json_atomic(self.path, {
            "format": FORMAT,
            "version": VERSION,
            "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "answers": on_disk,
        })

    def _read_or_keep_aside(self) -> dict[str, object]:
        try:
            data = read_json_or_keep_aside(self.path)
        except DamagedFile as exc:
            self.problem = (f"Your saved answers could not be read ({exc.reason}). The file was kept as "
                            f"{exc.kept.name}; answers you give now are saved in a new file.")
            return {}
        if data is None:
            return {}
        try:
            return parse(data)
        except AnswersError as exc:
            kept = move_aside(self.path, "damaged")
            self.problem = (f"Your saved answers could not be read ({exc}). The file was kept as "
                            f"{kept.name}; answers you give now are saved in a new file.")
            return {}


_STORES: dict[Path, AnswerStore] = {}


def store_for(path: str | Path = DEFAULT_NAME) -> AnswerStore:
    """The one AnswerStore per file in this kernel, shared by every widget bound to it."""
    key = Path(path).absolute()
    if key not in _STORES:
        _STORES[key] = AnswerStore(key)
    return _STORES[key]
