"""Written answers graded by hand, as an instructor grading in formgrader would leave them.

Each rubric in the assignment's question cells gives one whole point per criterion met ("Score
each criterion 1 or 0; no half points"). A grader's score is the number of criteria met, and
the comment names those met and those not yet. Written through nbgrader's own Gradebook API,
with the fields formgrader's handlers set (manual_score, needs_manual_grade, manual_comment).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import nbformat

CRITERION = re.compile(r"^\d+\. \*(.+?)\.?\*", re.M)  # "1. *Receives the disclosure.* The response ..."


def rubric_criteria(notebook: Path) -> dict[str, list[str]]:
    """{answer cell id: the criterion names of its rubric}, read from the prompt cells' mark schemes."""
    found = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("-prompt"):
            found[grade_id.removesuffix("-prompt")] = CRITERION.findall(cell.source)
    return found


def comment(names: list[str], met: list[bool]) -> str:
    """What a grader writes beside the score: the criteria met, and what is missing."""
    done = [n.lower() for n, ok in zip(names, met) if ok]
    missing = [n.lower() for n, ok in zip(names, met) if not ok]
    if not missing:
        return f"Every criterion met: {'; '.join(done)}. Well done."
    if not done:
        return (f"Not there yet: {'; '.join(missing)}. Let's talk it through in supervision; "
                "the model answer in the module notes may help.")
    return f"Met: {'; '.join(done)}. Not yet: {'; '.join(missing)}."


def grade_by_hand(course: Path, chances: dict[str, float | None], seed: int = 7) -> int:
    """Score every written answer awaiting a grade, criterion by criterion: each met with the
    trainee's chance in `chances` (None, or absent: not graded yet). Returns how many were graded."""
    from nbgrader.api import Gradebook

    rng = random.Random(seed)
    graded = 0
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for assignment in sorted(gb.assignments, key=lambda a: a.name):
            rubrics = {nb.name: rubric_criteria(course / "source" / assignment.name / f"{nb.name}.ipynb")
                       for nb in assignment.notebooks}
            for sub in sorted(assignment.submissions, key=lambda s: s.student.id):
                chance = chances.get(sub.student.id)
                if chance is None:
                    continue
                for nb in sub.notebooks:
                    for grade in sorted(nb.grades, key=lambda g: g.name):
                        if not grade.needs_manual_grade or grade.cell.cell_type != "markdown":
                            continue
                        names = rubrics[nb.name].get(grade.name) or [
                            f"criterion {i + 1}" for i in range(int(grade.max_score))]
                        met = [rng.random() < chance for _ in names]
                        grade.manual_score = float(min(sum(met), grade.max_score))
                        grade.needs_manual_grade = False
                        gb.find_comment(grade.name, nb.name, assignment.name, sub.student.id).manual_comment = (
                            comment(names, met))
                        graded += 1
        gb.db.commit()
    return graded
