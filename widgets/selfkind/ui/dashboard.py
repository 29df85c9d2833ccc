"""The instructor's dashboard: the cohort at a glance (never served to trainees).

    from .dashboard import Dashboard
    Dashboard.from_course("course")

Filters by assignment and by trainee redraw every section; exports offer the grades as
CSV, and as files Canvas and Moodle gradebooks import, as download links (data: URIs, so
nothing leaves the server) and, on a click, written into the course's exports/ folder.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Optional

from ipywidgets import Dropdown, HBox, Layout, VBox

from .lean import HTML, Button
from ..analytics import Cohort, load_cohort
from ..analytics.assignments import load_scenario_cached
from ..analytics.export import EXPORTS, canvas_csv, grades_csv, moodle_csv, write_exports
from ..analytics.summaries import code_profile, completion, needs_conversation, where_wrong
from .dashboard_sections import (completion_section, conversation_section, empty_note, profile_section,
                                 trainee_section, where_wrong_section)
from .style import esc, note, style_widget

ALL = ""
ROOT = Path(__file__).resolve().parents[3]
DEMO_COURSE = ROOT / "artifacts" / "grade-demo" / "cohort" / "course"
COURSE_ENV = "SELFKIND_DASHBOARD_COURSE"


def default_course() -> Path:
    """$SELFKIND_DASHBOARD_COURSE, else the demo cohort of `make grade-demo` if it was run, else course/."""
    import os

    if os.environ.get(COURSE_ENV):
        return Path(os.environ[COURSE_ENV]).absolute()
    return DEMO_COURSE if (DEMO_COURSE / "gradebook.db").exists() else ROOT / "course"


def show_dashboard(course: Optional[str | Path] = None) -> "Dashboard":
    """The dashboard for `course` (default: default_course()), displayed."""
    from IPython.display import display

    dashboard = Dashboard.from_course(course or default_course())
    display(dashboard)
    return dashboard


def _names(cohort: Cohort) -> dict[str, str]:
    s = cohort.gradebook.students
    names = {r.trainee: (f"{r.first_name} {r.last_name}".strip() or r.trainee) + f" ({r.trainee})"
             for r in s.itertuples()}
    for trainee in cohort.plays["trainee"].unique() if not cohort.plays.empty else []:
        names.setdefault(trainee, trainee)
    return names


def _scenarios(cohort: Cohort) -> dict:
    found = {}
    for a in cohort.assignments:
        for path in a.scenarios.values():
            try:
                scenario = load_scenario_cached(path)
            except Exception:
                continue
            found[scenario.id] = scenario
    return found


class Dashboard(VBox):
    def __init__(self, cohort: Cohort, export_dir: Optional[Path] = None):
        super().__init__()
        self.cohort = cohort
        self.export_dir = Path(export_dir) if export_dir else cohort.course / "exports"
        self.names = _names(cohort)
        self.scenarios = _scenarios(cohort)
        titles = cohort.titles
        assignments = sorted(set(cohort.grades["assignment"]) | set(titles))
        self.assignment = Dropdown(description="Assignment", style={"description_width": "initial"},
                                   options=[("All assignments", ALL)] + [(titles.get(a, a), a) for a in assignments])
        self.trainee = Dropdown(description="Trainee", style={"description_width": "initial"},
                                options=[("All trainees", ALL)] + [(n, t) for t, n in sorted(self.names.items())])
        self.header = HTML(self._header())
        self.sections = HTML()
        self.export_button = Button(description="Write grade files to the course folder", icon="",
                                    layout=Layout(width="auto"))
        self.export_button.add_class("sk-choice")
        self.export_result = HTML()
        self.downloads = HTML(self._downloads())
        self.assignment.observe(self._redraw, names="value")
        self.trainee.observe(self._redraw, names="value")
        self.export_button.on_click(self._write_exports)
        self.add_class("selfkind")
        self.children = (style_widget(), self.header,
                         HBox([self.assignment, self.trainee], layout=Layout(flex_flow="row wrap", gap="12px")),
                         self.sections, self.downloads, self.export_button, self.export_result)
        self._redraw()

    @classmethod
    def from_course(cls, course: str | Path = "course", export_dir: Optional[Path] = None) -> "Dashboard":
        return cls(load_cohort(course), export_dir)

    def _header(self) -> str:
        c = self.cohort
        parts = [f"<p>Course folder: <code>{esc(c.course)}</code>. "
                 f"{len(c.gradebook.students)} trainees on the roster, {len(c.assignments)} assignments.</p>"]
        parts += [note(esc(n), warn=True) for n in c.notes]
        if c.empty:
            parts.append(empty_note("This cohort is empty: no trainees on the roster and no submissions collected. "
                                    "Import the roster and collect submissions (course/README.md), or run "
                                    "`make grade-demo` to see the dashboard with a demo cohort."))
        return "".join(parts)

    def frames(self):
        """The grades, plays and steps the filters select."""
        g, p, s = self.cohort.grades, self.cohort.plays, self.cohort.steps
        if self.assignment.value:
            g, p, s = (f[f["assignment"] == self.assignment.value] for f in (g, p, s))
        if self.trainee.value:
            g, p, s = (f[f["trainee"] == self.trainee.value] for f in (g, p, s))
        return g, p, s

    def _redraw(self, change=None) -> None:
        g, p, s = self.frames()
        titles = self.cohort.titles
        parts = []
        if self.trainee.value:
            parts.append(trainee_section(self.trainee.value, self.names.get(self.trainee.value, self.trainee.value),
                                         g, p, titles))
        parts.append(completion_section(completion(g, titles)))
        parts.append(profile_section(code_profile(s)))
        parts.append(where_wrong_section(where_wrong(s, self.scenarios)))
        parts.append(conversation_section(needs_conversation(g, p, s, titles), self.names))
        self.sections.value = "".join(parts)

    def _texts(self) -> dict[str, str]:
        g, titles = self.cohort.grades, self.cohort.titles
        return {"grades.csv": grades_csv(g), "canvas-gradebook.csv": canvas_csv(g, titles),
                "moodle-grades.csv": moodle_csv(g, titles)}

    def _downloads(self) -> str:
        if self.cohort.grades.empty:
            return "<h2>Grades for your LMS</h2>" + empty_note("No grades to export yet.")
        links = "".join(
            f'<li><a download="{name}" href="data:text/csv;charset=utf-8;base64,'
            f'{base64.b64encode(text.encode("utf-8")).decode("ascii")}">{esc(EXPORTS[name])}: {name}</a></li>'
            for name, text in self._texts().items())
        return ("<h2>Grades for your LMS</h2><p>Every trainee and assignment, whatever the filters. A grade not "
                "yet there is left blank, so an import changes nothing for it.</p>"
                f"<ul>{links}</ul>")

    def _write_exports(self, _button=None) -> None:
        try:
            written = write_exports(self.cohort.grades, self.export_dir, self.cohort.titles)
        except OSError as exc:
            self.export_result.value = note(f"The files could not be written to {esc(self.export_dir)} "
                                            f"({esc(exc.strerror or type(exc).__name__)}).", warn=True)
            return
        items = "".join(f"<li><code>{esc(path)}</code></li>" for path in written.values())
        self.export_result.value = note(f"Written:<ul>{items}</ul>")
