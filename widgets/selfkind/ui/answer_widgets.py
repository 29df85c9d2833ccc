"""Graded answer widgets: a single-choice question and a rating, saved as the trainee works.

Each widget is bound to an answer id in an AnswerStore (`answers.json` beside the
notebook). It shows the saved answer when the notebook is reopened or re-executed, and
writes only when the trainee changes it, so the autograder's re-execution never wipes
anything. No correctness feedback here: these are for graded assignments.

Both use native radio buttons (a labelled radiogroup, usable with Tab and the arrow
keys); a rating is a row of labelled points, because an ipywidgets 8 slider has no
accessible name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence, Union

from ipywidgets import Layout, RadioButtons, VBox

from .lean import HTML
from ..stores.answers import DEFAULT_NAME, store_for
from .style import esc, note, style_widget

Options = Sequence[tuple[str, str]]  # (label shown to the trainee, value saved)


class AnswerQuestion(VBox):
    """A labelled radio group whose choice is saved under `answer_id`."""

    kind = "Question"

    def __init__(self, answer_id: str, question: str, options: Options,
                 answers: Union[str, Path] = DEFAULT_NAME, intro: str = ""):
        super().__init__()
        self.add_class("selfkind")
        self.answer_id = answer_id
        self.store = store_for(answers)
        values = [value for _label, value in options]
        saved = self.store.get(answer_id)
        self.answer = RadioButtons(
            options=[(label, value) for label, value in options],
            value=saved if saved in values else None,
            description=question, tooltip=question,
            style={"description_width": "initial"}, layout=Layout(width="100%"))
        self.answer.add_class("sk-stacked")
        self.status_html = HTML()
        self.problem_html = HTML()
        self._show_problem()
        self._show_status("Saved earlier: your answer is selected above." if self.answer.value is not None
                          else "Not answered yet.")
        # Observe only after the saved value is shown: showing it must never write.
        self.answer.observe(self._on_change, names="value")
        head = [style_widget(), self.problem_html]
        if intro:
            head.append(HTML(intro))
        self.children = tuple(head + [self.answer, self.status_html])

    @property
    def value(self):
        return self.answer.value

    def _on_change(self, change) -> None:
        if change["new"] is None:
            return
        try:
            self.store.set(self.answer_id, change["new"])
        except OSError as exc:
            self.status_html.value = note(f"Your answer could not be saved ({esc(exc)}). "
                                          "Please tell your instructor.", warn=True)
            return
        self._show_problem()  # saving may have met (and kept aside) a damaged file
        self._show_status("Saved.")

    def _show_problem(self) -> None:
        # The words can quote the file (e.g. its version): escaped like any trainee text.
        self.problem_html.value = note(esc(self.store.problem), warn=True) if self.store.problem else ""

    def _show_status(self, text: str) -> None:
        self.status_html.value = f'<p role="status" aria-live="polite"><em>{esc(text)}</em></p>'


class ChoiceQuestion(AnswerQuestion):
    """One question, one answer from a list; saved as the option's value (e.g. "b")."""


class RatingQuestion(AnswerQuestion):
    """A rating from `low` to `high` on a named scale, e.g. 1 = poor fit … 5 = strong fit."""

    def __init__(self, answer_id: str, question: str, labels: Sequence[str], low: int = 1,
                 answers: Union[str, Path] = DEFAULT_NAME, intro: str = ""):
        options = [(f"{low + i} – {label}" if label else str(low + i), low + i) for i, label in enumerate(labels)]
        super().__init__(answer_id, question, options, answers=answers, intro=intro)
