"""Module 01's cohort through the real nbgrader pipeline: `make grade-demo`, part 1.

    python -m cohorts.module_01_demo [--out artifacts/grade-demo]

Copies course/ to a throwaway folder (the real gradebook is never touched), adds the trainees,
releases module 01's assignment, places one submission per case of assignment_01.CASES
(reference, blank, partial and broken ones), then runs autograde, generate_feedback and export,
and prints the grade table with the reason for every lost point.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from . import assignment_01 as cohort
from .pipeline import ROOT, run_cohort

A = cohort.ASSIGNMENT
WORD_LIMIT = 300
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def reasons(course: Path, student: str) -> list[str]:
    """Why points were lost (the failing checks' messages), and notes for the grader."""
    path = course / "autograded" / student / A / cohort.NOTEBOOK
    if not path.exists():
        return ["not autograded"]
    found = []
    for cell in nbformat.read(path, as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.source.lstrip("# ").startswith("This cell (id:"):
            found.append(f"{meta['grade_id']}: the cell had been deleted; nbgrader put it back")
        if cell.cell_type == "code" and meta.get("grade"):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    found.append(f"{meta['grade_id']}: {out.get('ename')}: {_ANSI.sub('', str(out.get('evalue')))}")
                elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                    found += [line.lstrip("✘ ") for line in out.get("text", "").splitlines() if line.strip()]
        elif meta.get("solution") and meta.get("grade"):
            words = len(cell.source.split())
            if words > WORD_LIMIT:
                found.append(f"{meta['grade_id']}: {words:,} words, over the {WORD_LIMIT}-word limit "
                             f"(the rubric grades the first {WORD_LIMIT})")
    return found


def grouped(found: list[str]) -> str:
    """Reasons shared by several checks said once: 'Question 1, Question 2: why'."""
    groups: dict[str, list[str]] = {}
    for reason in found:
        label, _, why = reason.partition(": ")
        groups.setdefault(why or label, []).append(label if why else "")
    return " | ".join(f"{', '.join(l for l in labels if l)}: {why}" if any(labels) else why
                      for why, labels in groups.items())


def grade_table(course: Path, cases=cohort.CASES):
    """One row per trainee: autograded points, manual grading pending, total, reasons."""
    import pandas as pd
    from nbgrader.api import Gradebook

    grades = pd.read_csv(course / "grades.csv")
    rows = []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for case in cases:
            sub = gb.find_submission(A, case.student)
            auto = sum(g.auto_score or 0 for nb in sub.notebooks for g in nb.grades if g.auto_score is not None)
            rows.append({
                "trainee": case.student, "submission": case.what,
                "autograded": auto, "expected": case.expected_auto, "of": cohort.AUTO_MAX,
                "manual pending": sub.needs_manual_grade,
                "reasons": grouped(reasons(course, case.student)) or "-",
            })
    table = pd.DataFrame(rows)
    exported = grades[grades.assignment == A].set_index("student_id")
    table["csv score"] = table.trainee.map(exported["score"])
    table["csv max"] = table.trainee.map(exported["max_score"])
    return table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "artifacts" / "grade-demo"), help="throwaway folder")
    args = parser.parse_args(argv)
    import pandas as pd

    print(f"Copying course/ to {Path(args.out).absolute() / 'course'}; releasing {A}; "
          f"{len(cohort.CASES)} submissions autograded in one batch…")
    course = run_cohort(Path(args.out).absolute(), cohort)
    table = grade_table(course)
    with pd.option_context("display.max_colwidth", 90, "display.width", 250, "display.max_columns", 20):
        print(table.drop(columns=["reasons"]).to_string(index=False))
        print("\nWhy points were lost:")
        for row in table.itertuples():
            print(f"  {row.trainee:20} {row.reasons}")
    feedback = sorted((course / "feedback").glob(f"*/{A}/*.html"))
    print(f"\nFeedback: {len(feedback)} HTML files under {course / 'feedback'}")
    print(f"Grades:   {course / 'grades.csv'}")
    wrong = table[table.autograded != table.expected]
    if len(wrong):
        print(f"\nUNEXPECTED autograded scores for: {', '.join(wrong.trainee)}")
        return 1
    print("\nEvery autograded score is as expected.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
