"""What went wrong with a trainee file, in words a trainee can read.

A FileProblem says which file, why it could not be used, and what was done about it:
kept aside under a new name (nothing deleted), or left untouched where it could not be
moved. `words()` is plain text; views escape it like any other text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from .kept import Why


@dataclass(frozen=True)
class FileProblem:
    path: Path
    what: str  # e.g. "Your saved answers"
    reason: str  # e.g. "it is not valid JSON: ..."
    why: Optional[Why]  # None: the file could not even be opened, so it is not kept aside
    kept: Optional[Path] = None  # where it was kept aside
    untouched: Optional[str] = None  # why it could not be moved, if it could not

    def words(self, shown: Callable[[Path], str] = str) -> str:
        text = f"{self.what} could not be read ({self.reason})."
        if self.kept is not None:
            return text + f" Nothing was deleted: the file was kept as {shown(self.kept)}."
        if self.untouched is not None:
            return text + (f" Nothing was deleted or changed: the file was left as it is at {shown(self.path)}, "
                           f"because it could not be moved aside ({self.untouched}). New work cannot be saved "
                           "there until that is sorted out; please tell your instructor.")
        return text + " Nothing was deleted."


class DamagedFile(Exception):
    """A trainee file that could not be used; `problem` says what happened to it."""

    def __init__(self, path: Path, kept: Optional[Path], reason: str, problem: Optional[FileProblem] = None):
        self.path, self.kept, self.reason = path, kept, reason
        self.problem = problem or FileProblem(Path(path), "This file", reason, Why.DAMAGED, kept=kept)
        super().__init__(self.problem.words())

    @classmethod
    def of(cls, problem: FileProblem) -> "DamagedFile":
        return cls(problem.path, problem.kept, problem.reason, problem)


class KeepAsideFailed(OSError):
    """A damaged file could not be kept aside, so nothing was written over it."""

    def __init__(self, problem: FileProblem):
        self.problem = problem
        super().__init__(problem.words())
