"""Grades out of the course: a plain CSV, and files an LMS gradebook imports.

Canvas (Grades → Import): columns `Student` ("Last, First"), `ID` (the Canvas user id:
nbgrader's `lms_user_id`, blank when not set), `SIS User ID` (the nbgrader trainee id),
`SIS Login ID` (the e-mail address), `Section`, then one column per assignment. Canvas
matches a trainee by ID, SIS User ID or SIS Login ID, and an assignment by the Canvas id in
parentheses at the end of its header, `Assignment name (1234)`; pass `canvas_ids` to use
existing assignments. A header without an id makes Canvas create a new assignment on import.
The second row is `Points Possible` with each assignment's maximum.

Moodle (Grades → Import → CSV file): `Email address` (map "Identify user by" to it),
`ID number` (the nbgrader trainee id), `First name`, `Last name`, then one column per grade
item titled by the assignment; on import each column is mapped to a grade item.

In every file a grade not yet there (not submitted) is left blank, so an import changes
nothing for it; scores are points, as nbgrader holds them (manual grades included). A text
cell that a spreadsheet would run as a formula (starting with =, +, -, @) gets a leading '.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Optional

import pandas as pd


def _wide(grades: pd.DataFrame) -> pd.DataFrame:
    people = grades.drop_duplicates("trainee").set_index("trainee")[["first_name", "last_name", "email",
                                                                       "lms_user_id"]]
    scores = grades.pivot_table(index="trainee", columns="assignment", values="score", aggfunc="first", dropna=False)
    return people.join(scores).sort_index()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(value):
    """A text cell a spreadsheet will not run as a formula (names are the trainees' own)."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and value.strip() != "Points Possible":
        return "'" + value
    return value


def _csv(frame: pd.DataFrame) -> str:
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(_text_cell)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", float_format="%g")
    return buffer.getvalue()


def _assignments(grades: pd.DataFrame) -> list[str]:
    return sorted(grades["assignment"].unique())


def grades_csv(grades: pd.DataFrame) -> str:
    """trainee, names, email, one score column per assignment (by id), total, max_total."""
    if grades.empty:
        return "trainee,first_name,last_name,email\n"
    wide = _wide(grades).reset_index()
    names = _assignments(grades)
    maxima = grades.groupby("assignment")["max_score"].max()
    wide["total"] = wide[names].sum(axis=1, min_count=1)
    wide["max_total"] = float(maxima.sum())
    return _csv(wide[["trainee", "first_name", "last_name", "email", *names, "total", "max_total"]])


def canvas_header(title: str, canvas_id: Optional[str]) -> str:
    return f"{title} ({canvas_id})" if canvas_id else title


def canvas_csv(grades: pd.DataFrame, titles: Optional[dict[str, str]] = None,
               canvas_ids: Optional[dict[str, str]] = None, section: str = "") -> str:
    titles, canvas_ids = titles or {}, canvas_ids or {}
    fixed = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    if grades.empty:
        return ",".join(fixed) + "\n"
    names = _assignments(grades)
    headers = {a: canvas_header(titles.get(a, a), canvas_ids.get(a)) for a in names}
    wide = _wide(grades)
    rows = pd.DataFrame({
        "Student": [f"{last}, {first}".strip(", ") or trainee
                    for trainee, first, last in zip(wide.index, wide["first_name"], wide["last_name"])],
        "ID": wide["lms_user_id"].to_numpy(), "SIS User ID": wide.index.to_numpy(),
        "SIS Login ID": wide["email"].to_numpy(), "Section": section,
        **{headers[a]: wide[a].to_numpy() for a in names}})
    maxima = grades.groupby("assignment")["max_score"].max()
    points = pd.DataFrame([{"Student": "    Points Possible", "ID": "", "SIS User ID": "", "SIS Login ID": "",
                            "Section": "", **{headers[a]: maxima[a] for a in names}}])
    return _csv(pd.concat([points, rows], ignore_index=True)[fixed + list(headers.values())])


def moodle_csv(grades: pd.DataFrame, titles: Optional[dict[str, str]] = None) -> str:
    titles = titles or {}
    fixed = ["Email address", "ID number", "First name", "Last name"]
    if grades.empty:
        return ",".join(fixed) + "\n"
    names = _assignments(grades)
    wide = _wide(grades)
    frame = pd.DataFrame({"Email address": wide["email"].to_numpy(), "ID number": wide.index.to_numpy(),
                          "First name": wide["first_name"].to_numpy(), "Last name": wide["last_name"].to_numpy(),
                          **{titles.get(a, a): wide[a].to_numpy() for a in names}})
    return _csv(frame)


EXPORTS = {"grades.csv": "all grades (CSV)", "canvas-gradebook.csv": "Canvas gradebook import",
           "moodle-grades.csv": "Moodle grade import"}


def write_exports(grades: pd.DataFrame, folder: Path, titles: Optional[dict[str, str]] = None,
                  canvas_ids: Optional[dict[str, str]] = None) -> dict[str, Path]:
    """Write the three files into `folder` (created if needed); {file name: path}."""
    from ..stores.atomic import write_text_atomic

    folder.mkdir(parents=True, exist_ok=True)
    texts = {"grades.csv": grades_csv(grades), "canvas-gradebook.csv": canvas_csv(grades, titles, canvas_ids),
             "moodle-grades.csv": moodle_csv(grades, titles)}
    return {name: write_text_atomic(folder / name, text) for name, text in texts.items()}
