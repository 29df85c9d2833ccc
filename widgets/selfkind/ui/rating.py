"""Rating: a 0–10 rating with a slider and a labelled number box kept in step.

Why two controls: in ipywidgets 8.1 a slider's description is not linked to its handle
(no `for`, no aria-label), so a screen reader meets an unnamed slider. The number box
is a native <input type=number> whose <label for> carries the full name; CSS hides
that label visually because the question above already says it.
"""

from __future__ import annotations

from ipywidgets import HTML, BoundedIntText, HBox, IntSlider, Layout, VBox, link

from .style import esc

LO, HI = 0, 10


class Rating(VBox):
    def __init__(self, label: str, question: str, low: str, high: str, value: int = 5):
        super().__init__()
        self.question_html = HTML(f"<p><strong>{esc(question)}</strong><br>"
                                  f"0 = {esc(low)} &nbsp;·&nbsp; 10 = {esc(high)}</p>")
        self.slider = IntSlider(value=value, min=LO, max=HI, description=label, readout=False,
                                tooltip=f"{label}: 0 = {low}, 10 = {high}",
                                style={"description_width": "initial"}, layout=Layout(width="28rem"))
        self.number = BoundedIntText(value=value, min=LO, max=HI,
                                     description=f"{label}, from 0 ({low}) to 10 ({high})",
                                     layout=Layout(width="5rem"))
        self.number.add_class("sk-hidden-label")
        self._link = link((self.slider, "value"), (self.number, "value"))
        self.children = (self.question_html, HBox((self.slider, self.number)))

    @property
    def value(self) -> int:
        return self.slider.value

    @value.setter
    def value(self, new: int) -> None:
        self.slider.value = max(LO, min(HI, int(new)))
