"""Problems found in a scenario file, phrased for the clinician who wrote it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in a scenario file.

    `message` says what is wrong; `fix` says what to do about it.
    """

    file: str
    line: int | None
    message: str
    fix: str
    severity: str = "error"  # "error" fails the check; "warning" does not

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}: {label}{self.message}; {self.fix}"


class ScenarioError(Exception):
    """A scenario that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
