"""A small cohort, built by hand, for the analytics, dashboard and export tests.

Five trainees, two assignments (01-demo, role-play `tiny`, 10 points; 02-other, 5 points),
grades written with nbgrader's own Gradebook API, transcripts made by playing the tiny
scenario (tests/data/analytics-tiny.yaml) through the engine:

| trainee | 01-demo | 02-other | transcript (tiny: six decision points n1..n6; trust starts at 4) |
| ana     | 8       | 5        | every best option (n1/1 ... n6/1): finished, 12 of 12 points   |
| ben     | 4       | -        | attempt 1: n1/2 judge, n2/2 fix+dismiss, then best: finished;  |
|         |         |          | attempt 2: n1/2 judge: unfinished                              |
| cai     | 6       | 2        | cut off mid-write (not valid JSON)                             |
| dee     | -       | -        | (no submission at all)                                          |
| eve     | 3       | -        | n1/3 safety-critical (fix), then best: finished                 |

Names are untrusted: Eve's first name carries markup, which must be shown as text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "data" / "analytics-tiny.yaml"

STUDENTS = [("ana", "Ana", "Alves", "ana@example.org"), ("ben", "Ben", "Brook", "ben@example.org"),
            ("cai", "Cai", "Chen", "cai@example.org"), ("dee", "Dee", "Diaz", "dee@example.org"),
            ("eve", "<b>Eve</b>", "Evans", "eve@example.org")]
SCORES = {("ana", "01-demo"): 8, ("ben", "01-demo"): 4, ("cai", "01-demo"): 6, ("eve", "01-demo"): 3,
          ("ana", "02-other"): 5, ("cai", "02-other"): 2}
MAX = {"01-demo": 10, "02-other": 5}
GOOD = ["n3/1", "n4/1", "n5/1", "n6/1"]
PLAYS = {"ana": [["n1/1", "n2/1", *GOOD]], "ben": [["n1/2", "n2/2", *GOOD], ["n1/2"]],
         "eve": [["n1/3", "n2/1", *GOOD]]}


def notebook(title: str, roleplay: bool) -> dict:
    code = 'require_roleplay("transcripts/tiny.json", "scenarios/tiny.yaml")' if roleplay else "print('no role-play')"
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
            "cells": [{"cell_type": "markdown", "metadata": {}, "source": f"# {title}\n\nText."},
                      {"cell_type": "code", "metadata": {}, "source": code, "outputs": [], "execution_count": None}]}


def play(scenario, choices):
    from selfkind.engine import start, step

    p = start(scenario)
    for choice in choices:
        p, _ = step(scenario, p, choice)
    return p


def build(course: Path, gradebook: bool = True) -> Path:
    from selfkind.authoring import load_scenario
    from selfkind.engine.transcript import to_json

    for name, title, roleplay in [("01-demo", "Demo assignment one", True), ("02-other", "Other assignment", False)]:
        folder = course / "source" / name
        (folder / "scenarios").mkdir(parents=True)
        (folder / f"{name}-assignment.ipynb").write_text(json.dumps(notebook(title, roleplay)), encoding="utf-8")
        if roleplay:
            shutil.copy(TINY, folder / "scenarios" / "tiny.yaml")
    scenario = load_scenario(TINY)
    for (trainee, assignment) in SCORES:
        (course / "submitted" / trainee / assignment).mkdir(parents=True, exist_ok=True)
    for trainee, attempts in PLAYS.items():
        path = course / "submitted" / trainee / "01-demo" / "transcripts" / "tiny.json"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(to_json(scenario, [play(scenario, a) for a in attempts])), encoding="utf-8")
    broken = course / "submitted" / "cai" / "01-demo" / "transcripts" / "tiny.json"
    broken.parent.mkdir(parents=True)
    broken.write_text('{"format": "selfkind-transcript", "version": 2, "attem', encoding="utf-8")
    if gradebook:
        write_gradebook(course)
    return course


def write_gradebook(course: Path) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="selfkind") as gb:
        for sid, first, last, email in STUDENTS:
            gb.add_student(sid, first_name=first, last_name=last, email=email)
        for name, top in MAX.items():
            gb.add_assignment(name)
            gb.add_notebook("nb", name)
            gb.add_grade_cell("points", "nb", name, max_score=top, cell_type="code")
            gb.add_source_cell("points", "nb", name, cell_type="code", source="", checksum="x", locked=True)
        for (trainee, assignment), score in SCORES.items():
            gb.add_submission(assignment, trainee)
            grade = gb.find_grade("points", "nb", assignment, trainee)
            grade.auto_score = score
            gb.db.commit()
