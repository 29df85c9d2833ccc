"""Rating: a 0–10 rating as a labelled number box.

Why not a slider: in ipywidgets 8.1 a slider's description is not linked to its handle
(no `for`, no aria-label), so a screen reader meets an unnamed slider (axe: serious).
A native <input type=number> with its <label for> is named, and works by keyboard
(type a number, or use the arrow keys).
"""

from __future__ import annotations

from ipywidgets import BoundedIntText, Layout, VBox

from .lean import HTML
from .style import esc

LO, HI = 0, 10


class Rating(VBox):
    def __init__(self, label: str, question: str, low: str, high: str, value: int = 5):
        super().__init__()
        self.question_html = HTML(f"<p><strong>{esc(question)}</strong><br>"
                                  f"0 = {esc(low)} &nbsp;·&nbsp; 10 = {esc(high)}</p>")
        self.number = BoundedIntText(value=value, min=LO, max=HI,
                                     description=f"{label} (0 to 10)",
                                     tooltip=f"{label}: 0 = {low}, 10 = {high}",
                                     style={"description_width": "initial"},
                                     layout=Layout(width="22rem"))
        self.children = (self.question_html, self.number)

    @property
    def value(self) -> int:
        return self.number.value

    @value.setter
    def value(self, new: int) -> None:
        self.number.value = max(LO, min(HI, int(new)))
