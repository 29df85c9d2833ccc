"""BaselineSelfCheck: an optional, private SCS-SF self-check, scored on the trainee's machine.

Responses are entered by item number (the course does not reproduce the items). Scores are
shown only to the trainee; each saved check is added to a private history so that a later
check (module 06) can show change. Nothing is sent anywhere.
"""

from __future__ import annotations

from datetime import datetime

from ipywidgets import HTML, Button, Dropdown, GridBox, HBox, Layout, VBox

from ..scs_sf import ITEMS, NEGATIVE, SUBSCALES, IncompleteResponses, score
from ..stores.exercise_answers import BaselineAnswers
from ..stores.exercises import ExerciseStore
from .style import esc, note, shown_path, style_widget

NAME = "baseline-self-check"
NOT_ANSWERED = "not answered"
INTRO = (
    "<h3>Optional: a private baseline self-check</h3>"
    "<p>If you would like a starting point to look back on, answer the 12 items of the "
    "<strong>Self-Compassion Scale–Short Form</strong> (Raes, Pommier, Neff &amp; Van Gucht, 2011) from your "
    "own copy of the scale, and enter each response (1 = almost never, 5 = almost always) by its item "
    "number below. The course does not reproduce the items. This is a reflection for you, not a diagnosis "
    "or a grade; there are no cut-offs, and you can skip it entirely.</p>")


class BaselineSelfCheck(VBox):
    def __init__(self):
        super().__init__()
        self.add_class("selfkind")
        self.store = ExerciseStore(NAME, BaselineAnswers)
        self.items = {i: Dropdown(options=[(NOT_ANSWERED, None)] + [(str(v), v) for v in range(1, 6)],
                                  value=None, description=f"Item {i}", tooltip=f"Your response to item {i}, from 1 to 5",
                                  layout=Layout(width="11rem"), style={"description_width": "4rem"})
                      for i in ITEMS}
        self.score_button = Button(description="Show my scores", tooltip="Score your responses on this computer")
        self.save_button = Button(description="Save privately", layout=Layout(width="auto"),
                                  tooltip="Add this check, dated, to your private history on this computer")
        self.result_html = HTML()
        self.history_html = HTML()
        self.score_button.on_click(lambda _b: self.show_scores())
        self.save_button.on_click(lambda _b: self.save())
        grid = GridBox(list(self.items.values()),
                       layout=Layout(grid_template_columns="repeat(auto-fill, minmax(11rem, 1fr))", grid_gap="4px 12px"))
        self.children = (style_widget(), HTML(INTRO), grid, HBox((self.score_button, self.save_button)),
                         self.result_html, self.history_html,
                         HTML("<p><em>Your answers stay on this computer. Nothing is sent anywhere.</em></p>"))
        self._show_history()

    def responses(self) -> dict[int, int]:
        return {i: d.value for i, d in self.items.items() if d.value is not None}

    def show_scores(self):
        """Score and show the responses; None (with a message) if some are missing."""
        try:
            result = score(self.responses())
        except IncompleteResponses as exc:
            self.result_html.value = note(f"Not scored yet: {esc(exc)}.", warn=True)
            return None
        rows = "".join(
            f"<tr><th scope='row'>{esc(name)}{' (lower is more self-compassionate)' if name in NEGATIVE else ''}</th>"
            f"<td>{a} and {b}</td><td>{result.subscales[name]:.1f}</td></tr>"
            for name, (a, b) in SUBSCALES.items())
        self.result_html.value = (
            "<table><caption>Your scores (each from 1 to 5)</caption>"
            "<tr><th scope='col'>Subscale</th><th scope='col'>Items</th><th scope='col'>Mean</th></tr>"
            f"{rows}<tr><th scope='row'>Total (negative subscales reversed)</th><td>1–12</td>"
            f"<td>{result.total:.2f}</td></tr></table>"
            "<p>Higher self-kindness, common humanity and mindfulness, and lower self-judgment, isolation and "
            "over-identification, go with more self-compassion. Notice which parts come more easily to you "
            "and which less: that is what the course will work with.</p>")
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
            items = "".join(f"<li>{esc(e['taken_at'][:10])}: total {e['total']:.2f}</li>" for e in history)
            self.history_html.value += f"<p><strong>Your saved checks</strong></p><ul>{items}</ul>"



