"""QuickCheck: one multiple-choice question with immediate feedback.

Native radio buttons and a button, so it works by keyboard. Feedback says "Correct" or
"Not yet" in words, never by colour alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Union

from ipywidgets import Layout, RadioButtons, VBox

from .lean import HTML, Button
from ..exercises.quickcheck import Check, ChecksError, load_check
from .problems import FileProblems
from .style import esc, style_widget


class QuickCheck(VBox):
    """Ask `check.question`; say whether the selected option is right, with its feedback."""

    def __init__(self, check: Check):
        super().__init__()
        self.add_class("selfkind")
        self.check = check
        # The question is the radio group's visible label; CSS puts it above the options.
        self.answer = RadioButtons(
            options=[(option.text, i) for i, option in enumerate(check.options)], value=None,
            description=check.question, tooltip=check.question,
            style={"description_width": "initial"}, layout=Layout(width="100%"))
        self.answer.add_class("sk-stacked")
        self.check_button = Button(description="Check answer", tooltip="Check the answer you selected",
                                   layout=Layout(width="auto"))
        self.feedback_html = HTML()
        self.answer.observe(self._on_select, names="value")
        self.check_button.on_click(lambda _button: self.check_answer())
        self.children = (style_widget(), HTML("<p><strong>Quick check</strong></p>"),
                         self.answer, self.check_button, self.feedback_html)

    @classmethod
    def from_file(cls, path: Union[str, Path], check_id: str):
        """The notebook call; a FileProblems screen if the file or the id has problems."""
        try:
            return cls(load_check(path, check_id))
        except ChecksError as exc:
            return FileProblems("This quick check cannot be shown: its file has problems.", exc.problems)

    def check_answer(self) -> None:
        index = self.answer.value
        if index is None:
            self.feedback_html.value = '<p role="status">Choose one of the answers first.</p>'
            return
        option = self.check.options[index]
        verdict = "Correct." if option.correct else "Not yet."
        after = "" if option.correct else " Have another look and try a different answer."
        self.feedback_html.value = (f'<div class="sk-note" role="status"><p><strong>{verdict}</strong> '
                                    f"{esc(option.feedback)}{after}</p></div>")

    def _on_select(self, _change) -> None:
        # Old feedback would describe the previous selection; clear it.
        self.feedback_html.value = ""
