"""One pydantic error in an exercise data file, as the loaders turn it into a FILE:LINE problem.

Every loader (quick checks, soothing map, practices, exercise wording) names the place the
same way (`checks[2].options`) and says the same for a missing or unknown key; what else an
error means, and how to fix it, is each loader's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..authoring.problems import Problem


def dotted_path(path: tuple) -> str:
    """A place in a data file as an author reads it: `steps[2].options`, or "the file"."""
    out = ""
    for step in path:
        out += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "the file"


@dataclass(frozen=True)
class FieldError:
    file: str
    line: Optional[int]
    path: tuple
    kind: str  # pydantic's error type: "missing", "extra_forbidden", "string_type", ...
    msg: str
    input: Any

    @classmethod
    def of(cls, err: dict, source) -> "FieldError":
        path = tuple(err["loc"])
        return cls(source.file, source.line(path), path, err["type"], err["msg"], err.get("input"))

    @property
    def name(self) -> str:
        return dotted_path(self.path)

    def problem(self, message: str, fix: str) -> Problem:
        return Problem(self.file, self.line, message, fix)

    def missing_or_unknown(self, keys: str, shape: str = "") -> Optional[Problem]:
        """The problem for a missing or an unknown key (None for any other error). `keys` says
        which keys the file's parts have; `shape`, if given, follows the fix for a missing key."""
        field = self.path[-1] if self.path else ""
        where = dotted_path(self.path[:-1]) if self.path else "the file"
        if self.kind == "missing":
            return self.problem(f"`{field}` is missing in {where}", f"add `{field}:`" + (f"; {shape}" if shape else ""))
        if self.kind == "extra_forbidden":
            return self.problem(f"unknown key `{field}` in {where}", f"check its spelling or remove it; {keys}")
        return None
