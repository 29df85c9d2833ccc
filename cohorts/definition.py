"""What a cohort definition says: who hands in what, what each should score, and why.

Each assignment_NN.py holds one: its ASSIGNMENT name, AUTO_MAX (autograded points), the
RELEASE a trainee receives and the CASES. The grading tests check every fact here against
what nbgrader leaves; the demos print the same cohort's grades.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

# (submission folder, the assignment's solutions folder): leaves a trainee's work in the folder.
Builder = Callable[[Path, Path], None]

ANY_CELL = "*"  # in Case.told: the phrase may come from any graded cell


@dataclass(frozen=True)
class Case:
    student: str
    what: str  # the submission, in words (it becomes the trainee's first name in the demo)
    expected_auto: float  # autograded points it earns
    build: Builder
    cells: Mapping[str, float] = field(default_factory=dict)  # autograded points of named test cells
    told: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # cell id (or ANY_CELL): phrases the trainee is told there
    feedback: tuple[str, ...] = ()  # phrases the trainee's feedback page shows


@dataclass(frozen=True)
class Release:
    files: frozenset[str]  # every file a trainee receives, relative to the assignment folder
    written: int  # written answers (graded by hand), each with a rubric for graders
    widgets: int  # questions, exercises and role-plays shown as widgets
    max_score: float  # autograded and hand-graded points, as grades.csv shows them
    scenarios: tuple[str, ...]  # scenario stems, each a byte-for-byte copy of the module's
