"""Everything the dashboard reads about one course folder, loaded once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pandas as pd

from .answers import load_answers
from .assignments import AssignmentInfo, course_assignments
from .gradebook import GradebookFrames, load_gradebook
from .transcripts import TranscriptFrames, load_transcripts


@dataclass(frozen=True)
class Cohort:
    course: Path
    assignments: list[AssignmentInfo]
    gradebook: GradebookFrames
    answers: pd.DataFrame
    transcripts: TranscriptFrames
    notes: list[str] = field(default_factory=list)  # what could not be read, in words

    @property
    def grades(self) -> pd.DataFrame:
        return self.gradebook.grades

    @property
    def plays(self) -> pd.DataFrame:
        return self.transcripts.plays

    @property
    def steps(self) -> pd.DataFrame:
        return self.transcripts.steps

    @property
    def titles(self) -> dict[str, str]:
        return {a.name: a.title for a in self.assignments}

    @property
    def empty(self) -> bool:
        return self.gradebook.students.empty and self.plays.empty


def load_cohort(course: str | Path = "course", db_url: Optional[str] = None) -> Cohort:
    course = Path(course)
    assignments = course_assignments(course)
    gradebook = load_gradebook(course, db_url)
    notes = [gradebook.note] if gradebook.note else []
    if not assignments:
        notes.append(f"No assignments were found in {course / 'source'}.")
    return Cohort(course, assignments, gradebook, load_answers(course, assignments),
                  load_transcripts(course, assignments), notes)
