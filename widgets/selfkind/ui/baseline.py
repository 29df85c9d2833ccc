"""BaselineSelfCheck: an optional, private SCS-SF self-check, scored on the trainee's machine.

Responses are entered by item number (the course does not reproduce the items). Scores are
shown only to the trainee; each saved check is added to a private history so that a later
check (module 06) can show change. Nothing is sent anywhere.

    BaselineSelfCheck()   # the module's exercises/baseline-self-check.yaml
    BaselineSelfCheck.from_file("exercises/baseline-self-check.yaml")

Every word the check says is in module 00's exercises/baseline-self-check.yaml (selfkind.exercises.wording);
this file is behaviour only.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Optional, Union

from ipywidgets import Dropdown, GridBox, HBox, Layout, VBox

from .lean import HTML, Button
from ..exercises.wording import BaselineWording, bold_pattern, find_module_file, load_baseline
from ..exercises.quickcheck import ChecksError
from ..exercises.scs_sf import ITEMS, NEGATIVE, SUBSCALES, IncompleteResponses, score
from ..stores.exercise_answers import BaselineAnswers
from ..stores.exercises import ExerciseStore
from ..stores.page import when_page_opens
from .problems import FileProblems
from .style import esc, note, paragraphs, shown_path, style_widget

NAME = "baseline-self-check"
WORDING = "exercises/baseline-self-check.yaml"  # the check's words, in the module's folder
MODULE = "00-orientation"
BROKEN = "This self-check cannot be shown: its wording file has problems."


def intro_html(wording: BaselineWording) -> str:
    """The heading and intro, escaped, with the `bold:` phrases in <strong>."""
    body = paragraphs(wording.intro)
    for phrase in wording.bold:
        body = bold_pattern(phrase).sub(lambda found: f"<strong>{found.group(0)}</strong>", body)
    return f"<h3>{esc(wording.heading)}</h3>{body}"


class BaselineSelfCheck(VBox):
    """The self-check with `wording`; without it, with the module's exercises/baseline-self-check.yaml.

    A wording file with problems is listed (FILE:LINE) in place of the check; the trainee's
    saved history is then not opened at all.
    """

    def __init__(self, wording: Optional[BaselineWording] = None):
        super().__init__()
        self.add_class("selfkind")
        if wording is None:
            try:
                wording = load_baseline(find_module_file(WORDING, MODULE))
            except ChecksError as exc:
                self.problems = exc.problems
                self.children = (FileProblems(BROKEN, exc.problems),)
                return
        self.wording = w = wording
        self.store = ExerciseStore(NAME, BaselineAnswers)
        self.items = {i: Dropdown(options=[(w.not_answered, None)] + [(str(v), v) for v in range(1, 6)],
                                  value=None, description=w.item_label.format(item=i),
                                  tooltip=w.item_tooltip.format(item=i),
                                  layout=Layout(width="11rem"), style={"description_width": "4rem"})
                      for i in ITEMS}
        self.score_button = Button(description=w.score_button.label, tooltip=w.score_button.tooltip)
        self.save_button = Button(description=w.save_button.label, layout=Layout(width="auto"),
                                  tooltip=w.save_button.tooltip)
        self.result_html = HTML()
        self.history_html = HTML()
        self.score_button.on_click(lambda _b: self.show_scores())
        self.save_button.on_click(lambda _b: self.save())
        grid = GridBox(list(self.items.values()), layout=Layout(
            grid_template_columns="repeat(auto-fill, minmax(11rem, 1fr))", grid_gap="4px 12px"))
        self.children = (style_widget(), HTML(intro_html(w)), grid, HBox((self.score_button, self.save_button)),
                         self.result_html, self.history_html,
                         HTML(f"<p><em>{esc(w.footer)}</em></p>"))
        when_page_opens(self._show_history)  # in a preheated Voila kernel: once the page is asked for

    @classmethod
    def from_file(cls, path: Union[str, Path]):
        """The notebook call with a wording file's path; a FileProblems screen if it has problems."""
        try:
            return cls(load_baseline(path))
        except ChecksError as exc:
            return FileProblems(BROKEN, exc.problems)

    def responses(self) -> dict[int, int]:
        return {i: d.value for i, d in self.items.items() if d.value is not None}

    def show_scores(self):
        """Score and show the responses; None (with a message) if some are missing."""
        try:
            result = score(self.responses())
        except IncompleteResponses as exc:
            self.result_html.value = note(f"Not scored yet: {esc(exc)}.", warn=True)
            return None
        words = self.wording.scores
        lower = f" ({esc(words.lower_is_better)})"
        rows = "".join(
            f"<tr><th scope='row'>{esc(name)}{lower if name in NEGATIVE else ''}</th>"
            f"<td>{a} and {b}</td><td>{result.subscales[name]:.1f}</td></tr>"
            for name, (a, b) in SUBSCALES.items())
        self.result_html.value = (
            f"<table><caption>{esc(words.caption)}</caption>"
            f"<tr><th scope='col'>{esc(words.subscale)}</th><th scope='col'>{esc(words.items)}</th>"
            f"<th scope='col'>{esc(words.mean)}</th></tr>"
            f"{rows}<tr><th scope='row'>{esc(words.total)}</th><td>{ITEMS[0]}–{ITEMS[-1]}</td>"
            f"<td>{result.total:.2f}</td></tr></table>"
            f"{paragraphs(words.after)}")
        return result

    def save(self) -> None:
        result = self.show_scores()
        if result is None:
            return
        entry = {"taken_at": datetime.now().astimezone().isoformat(timespec="seconds"),
                 "responses": {str(i): v for i, v in self.responses().items()},
                 "subscales": result.subscales, "total": round(result.total, 2)}
        try:
            # Appended inside the file's lock: a check saved meanwhile from another window is kept.
            path, before = self.store.update(lambda saved: {"checks": list((saved or {}).get("checks", [])) + [entry]})
        except OSError as exc:
            self.result_html.value += note(f"Your check could not be saved ({esc(exc)}).", warn=True)
            return
        self.result_html.value += note(f"Saved privately on this computer at <code>{esc(shown_path(path))}</code>.")
        self._show_history(before.problem)

    def _show_history(self, problem=None) -> None:
        reading = self.store.open()
        problem = problem or reading.problem
        self.history_html.value = note(esc(problem.words(shown_path)), warn=True) if problem is not None else ""
        history = (reading.value or {}).get("checks", [])
        if history:
            entry = self.wording.history_entry
            items = "".join(f"<li>{esc(entry.format(date=e['taken_at'][:10], total=format(e['total'], '.2f')))}</li>"
                            for e in history)
            self.history_html.value += f"<p><strong>{esc(self.wording.history_heading)}</strong></p><ul>{items}</ul>"
