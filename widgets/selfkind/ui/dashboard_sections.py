"""The dashboard's sections as HTML: each a heading, a plot where one helps, and a table.

Every value that reaches HTML is escaped (trainee names and files are untrusted). Tables
carry captions and <th scope> headers; an empty section says plainly why it is empty.
"""

from __future__ import annotations

import math

import pandas as pd

from ..engine.codes import HINDERING
from .dashboard_plots import completion_figure, figure_html, heatmap_figure
from .style import esc


def clean(value, empty: str = "") -> str:
    """A cell's value as text; a missing value (None, NaN, pandas' NA) as `empty`."""
    try:
        missing = value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        missing = False
    return empty if missing else str(value)


def pct(value) -> str:
    return "–" if clean(value) == "" else f"{round(value * 100)}%"


def num(value) -> str:
    if clean(value) == "":
        return "–"
    return f"{value:g}" if isinstance(value, float) else str(value)


def empty_note(text: str) -> str:
    return f'<p class="sk-note" role="status">{esc(text)}</p>'


def table(caption: str, headers: list[str], rows: list[list[str]], row_header: bool = True) -> str:
    """`rows` hold HTML already escaped; the first cell of a row is its header."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(
        (f'<th scope="row">{cell}</th>' if i == 0 and row_header else f"<td>{cell}</td>") for i, cell in enumerate(r))
        + "</tr>" for r in rows)
    return f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def completion_section(frame: pd.DataFrame) -> str:
    out = ["<h2>Completion and scores per assignment</h2>"]
    if frame.empty:
        return "".join(out) + empty_note("No grades yet: the gradebook has no trainees or no assignments.")
    alt = "; ".join(f"{t}: {pct(c)} submitted" for t, c in zip(frame["title"], frame["completion"]))
    out.append(figure_html(completion_figure(frame), f"Bar chart. {alt}.",
                           "Share of trainees who submitted each assignment; the table below gives every figure.",
                           "sk-completion"))
    rows = [[esc(r.title), f"{r.submitted} of {r.trainees}", pct(r.completion), num(r.mean_score),
             num(r.median_score), num(r.max_score), str(r.needs_manual_grade)] for r in frame.itertuples()]
    out.append(table("Completion and scores (scores of those who submitted)",
                     ["Assignment", "Submitted", "Completion", "Mean score", "Median score", "Out of",
                      "Waiting for manual grading"], rows))
    return "".join(out)


def profile_section(profile: pd.DataFrame) -> str:
    out = ["<h2>Each trainee's response codes across all role-plays</h2>"]
    if profile.empty:
        return "".join(out) + empty_note("No role-play has been played in the submissions shown.")
    codes = [c for c in profile.columns if profile[c].sum() > 0]
    out.append(figure_html(heatmap_figure(profile), "Heatmap of response codes by trainee; darker means more often. "
                           "Every count is in the table below.",
                           "How often each trainee's responses carried each code (every attempt counted). "
                           f"Hindering codes: {', '.join(HINDERING)}.", "sk-profile"))
    rows = [[esc(trainee)] + [str(int(profile.loc[trainee, c])) for c in codes] for trainee in profile.index]
    out.append(table("Response codes per trainee (counts)", ["Trainee", *codes], rows))
    return "".join(out)


def where_wrong_section(frame: pd.DataFrame, limit: int = 15) -> str:
    out = ["<h2>Where the cohort goes wrong</h2>",
           "<p>Per decision point: of the trainees who reached it, the share who chose a hindering or "
           "safety-critical option there (in any attempt). Worst first.</p>"]
    if frame.empty:
        return "".join(out) + empty_note("No hindering or safety-critical option has been chosen in the plays shown.")
    rows = []
    for r in frame.head(limit).itertuples():
        option = f"“{esc(r.option)}” <em>({esc(r.codes)})</em>"
        if r.critical:
            option = "<strong>Safety-critical:</strong> " + option
        rows.append([f"{esc(r.scenario)} · {esc(r.node)}", f"{pct(r.share)} ({r.went_wrong} of {r.reached})",
                     option, str(r.chosen_by), esc(r.feedback)])
    more = f"<p>{len(frame) - limit} more options are not shown.</p>" if len(frame) > limit else ""
    return "".join(out) + table("Hindering and safety-critical choices, worst decision point first",
                                ["Decision point", "Went wrong", "Option chosen", "Trainees who chose it",
                                 "Feedback the trainee saw"], rows) + more


def conversation_section(frame: pd.DataFrame, names: dict[str, str]) -> str:
    out = ["<h2>Trainees who may need a conversation</h2>",
           "<p>A safety-critical choice, judging responses two or more times, or unfinished work.</p>"]
    if frame.empty:
        return "".join(out) + empty_note("No trainee shown here has a safety-critical choice, repeated judging "
                                         "or unfinished work.")
    rows = [[esc(names.get(r.trainee, r.trainee)), str(r.critical), str(r.judging), str(r.unfinished),
             esc(r.reasons)] for r in frame.itertuples()]
    return "".join(out) + table("Trainees who may need a conversation, most pressing first",
                                ["Trainee", "Safety-critical choices", "Judging responses", "Unfinished items",
                                 "Why"], rows)


def trainee_section(trainee: str, name: str, grades: pd.DataFrame, plays: pd.DataFrame,
                    titles: dict[str, str]) -> str:
    out = [f"<h2>{esc(name)}: grades and role-plays</h2>"]
    if grades.empty and plays.empty:
        return "".join(out) + empty_note(f"{name} has no submissions yet.")
    if not grades.empty and not grades["submitted"].any() and plays.empty:
        out.append(empty_note(f"{name} has no submissions yet."))
    if not grades.empty:
        rows = [[esc(titles.get(r.assignment, r.assignment)), "yes" if r.submitted else "not submitted",
                 f"{num(r.score)} of {num(r.max_score)}" if r.submitted else "–"] for r in grades.itertuples()]
        out.append(table(f"Assignments of {name}", ["Assignment", "Submitted", "Score"], rows))
    if plays.empty:
        out.append(empty_note(f"{name} has no role-play transcripts in the submissions shown."))
    else:
        rows = [[esc(r.scenario), clean(r.attempt, "–"), esc(r.status), esc(clean(r.ending, "–")), pct(r.share),
                 str(r.critical), "yes" if r.graded else "", esc(clean(r.problem))] for r in plays.itertuples()]
        out.append(table(f"Role-plays of {name}", ["Role-play", "Attempt", "Status", "Ending", "Share of best points",
                                                     "Safety-critical", "Graded", "Problem"], rows))
    return "".join(out)
