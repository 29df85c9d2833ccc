"""Collected widget answers (answers.json beside each submitted notebook) as a tidy frame.

One row per trainee × assignment × answer id: trainee, assignment, answer, value (as text),
problem. A damaged or missing file becomes one row with `answer` empty and a `problem`.
Read through the answers store's read-only path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pandas as pd

from ..stores.answers import DEFAULT_NAME, AnswersFileStore
from ..stores.kept import newest_kept
from .assignments import AssignmentInfo, course_assignments
from .transcripts import submissions

COLUMNS = ["trainee", "assignment", "answer", "value", "problem"]


def load_answers(course: str | Path = "course", assignments: Optional[list[AssignmentInfo]] = None) -> pd.DataFrame:
    course = Path(course)
    assignments = course_assignments(course) if assignments is None else assignments
    rows = []
    for trainee, folder in submissions(course):
        for a in assignments:
            where = folder / a.name
            if not where.is_dir():
                continue
            path = where / DEFAULT_NAME
            reading = AnswersFileStore(path).read()
            if reading.problem is not None:
                rows.append((trainee, a.name, None, None, reading.problem.reason))
            elif reading.value is None:
                kept = newest_kept(path)
                why = f"kept aside as {kept.name}" if kept else "no answers file in the submission"
                rows.append((trainee, a.name, None, None, why))
            else:
                rows += [(trainee, a.name, key, str(value), None) for key, value in reading.value.items()]
    return pd.DataFrame(rows, columns=COLUMNS)
