"""SoothingMap: build a functional analysis of a vignette's compulsion, one step at a time.

The trainee chooses the best description at each step (trigger feeling, behaviour,
short-term relief, cost, shame, how it feeds the next round) and may put it in their
own words. The loop is drawn as an inline SVG as they go, with the same loop written out
beside it as a list (the drawing is for the eye; the list is for everyone, screen readers
included). Each step appears once the one before it has a choice.

Two uses, one view:
- in a module (`SoothingMap.from_file("soothing-map.yaml")`): "Check this step" gives
  feedback from the map file; the map is saved privately (exercises store) and shown again;
- in an assignment (`SoothingMap.from_file("map.yaml", answer_id="map")`): no feedback;
  each step's choice is saved in answers.json as `<answer_id>-<step id>` (and its words as
  `<answer_id>-<step id>-words`), so `selfkind.grading.require_choice` grades it.

Prose comes from the map file (selfkind/exercises/soothing_map.py); everything shown is escaped.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Optional, Union

from ipywidgets import Layout, RadioButtons, Textarea, VBox
from pydantic import BaseModel, ConfigDict, StrictStr

from .lean import HTML, Button
from ..stores.answers import DEFAULT_NAME, store_for
from ..exercises.soothing_map import MapError, MapStep, SoothingMapData, load_map
from ..stores.exercises import ExerciseStore
from ..stores.page import when_page_opens
from .problems import FileProblems
from .style import ACCENT, INK, esc, note, paragraphs, shown_path, style_widget


class SoothingMapAnswers(BaseModel):
    """The shape of a privately saved map; anything else in the file is treated as damaged."""

    model_config = ConfigDict(extra="ignore")
    choices: dict[StrictStr, StrictStr] = {}
    words: dict[StrictStr, StrictStr] = {}


class StepView(VBox):
    """One step: its question (a labelled radio group), an optional text box, feedback."""

    def __init__(self, step: MapStep, with_feedback: bool):
        super().__init__()
        self.step = step
        self.choice = RadioButtons(options=[(o.text, o.value) for o in step.options], value=None,
                                   description=step.question, tooltip=step.question,
                                   style={"description_width": "initial"}, layout=Layout(width="100%"))
        self.choice.add_class("sk-stacked")
        self.words = Textarea(description=step.prompt or "In your own words (optional)", rows=2,
                              continuous_update=False, layout=Layout(width="100%"))
        self.words.add_class("sk-stacked")
        self.check_button = Button(description="Check this step", layout=Layout(width="auto"),
                                   tooltip=f"Check your choice for: {step.label}")
        self.feedback_html = HTML()
        self.status_html = HTML()
        parts = [HTML(f"<h4>{esc(step.heading)}</h4>"), self.choice]
        if step.prompt:
            parts.append(self.words)
        if with_feedback:
            parts.append(self.check_button)
        self.children = tuple(parts + [self.feedback_html, self.status_html])

    def show_feedback(self) -> None:
        option = self.step.option(self.choice.value)
        if option is None:
            self.feedback_html.value = '<p role="status">Choose one of the descriptions first.</p>'
            return
        verdict = "Correct." if option.correct else "Not yet."
        after = "" if option.correct else " Have another look and try a different description."
        self.feedback_html.value = (f'<div class="sk-note" role="status"><p><strong>{verdict}</strong> '
                                    f"{esc(option.feedback)}{esc(after)}</p></div>")


class SoothingMap(VBox):
    def __init__(self, data: SoothingMapData, answer_id: Optional[str] = None,
                 answers: Union[str, Path] = DEFAULT_NAME):
        super().__init__()
        self.add_class("selfkind")
        self.data = data
        self.answer_id = answer_id
        self.graded = answer_id is not None
        self.with_feedback = data.marked and not self.graded
        self.answer_store = store_for(answers) if self.graded else None
        self.private_store = None if self.graded else ExerciseStore(data.id, SoothingMapAnswers)
        self.steps = [StepView(step, self.with_feedback) for step in data.steps]
        self.problem_html = HTML()
        self.diagram_html = HTML()
        for view in self.steps:
            view.check_button.on_click(lambda _button, v=view: v.show_feedback())
        self._refresh()
        self.children = (style_widget(), HTML(self._intro()), self.problem_html, *self.steps,
                         HTML("<h4>Your loop</h4>"), self.diagram_html)
        when_page_opens(self._open_saved)  # in a preheated Voila kernel: once the page is asked for

    def _open_saved(self) -> None:
        self._load()  # show saved answers before observing: showing must never write
        for view in self.steps:
            view.choice.observe(lambda change, v=view: self._on_choice(v, change), names="value")
            view.words.observe(lambda change, v=view: self._on_words(v, change), names="value")
        self._refresh()

    @classmethod
    def from_file(cls, path: Union[str, Path], answer_id: Optional[str] = None,
                  answers: Union[str, Path] = DEFAULT_NAME):
        """The notebook call; a FileProblems screen if the map file has problems."""
        try:
            return cls(load_map(path), answer_id=answer_id, answers=answers)
        except MapError as exc:
            return FileProblems("This soothing map cannot be shown: its file has problems.", exc.problems)

    # --- what the trainee has chosen --------------------------------------------------------------

    def answers(self) -> dict:
        return {"choices": {v.step.id: v.choice.value for v in self.steps if v.choice.value is not None},
                "words": {v.step.id: v.words.value for v in self.steps if v.words.value.strip()}}

    def key(self, step_id: str) -> str:
        return f"{self.answer_id}-{step_id}"

    # --- saving and loading ------------------------------------------------------------------------

    def _load(self) -> None:
        if self.graded:
            saved = {"choices": {v.step.id: self.answer_store.get(self.key(v.step.id)) for v in self.steps},
                     "words": {v.step.id: self.answer_store.get(self.key(v.step.id) + "-words") for v in self.steps}}
            self._show_store_problem()
        else:
            reading = self.private_store.open()
            if reading.problem is not None:
                self.problem_html.value = note(f"{esc(reading.problem.words(shown_path))} You can start afresh.",
                                               warn=True)
                return
            saved = reading.value or {}
        for view in self.steps:
            value = (saved.get("choices") or {}).get(view.step.id)
            if view.step.option(value) is not None:
                view.choice.value = value
                self._status(view, "Saved earlier: your choice is selected above.")
            words = (saved.get("words") or {}).get(view.step.id)
            if isinstance(words, str):
                view.words.value = words

    def _save(self, view: StepView, what: str) -> None:
        try:
            if self.graded:
                if what == "choice":
                    self.answer_store.set(self.key(view.step.id), view.choice.value)
                else:
                    self.answer_store.set(self.key(view.step.id) + "-words", view.words.value)
                self._show_store_problem()
                self._status(view, "Saved.")
            else:
                path, before = self.private_store.update(lambda _old: self.answers())
                if before.problem is not None:
                    self.problem_html.value = note(esc(before.problem.words(shown_path)), warn=True)
                self._status(view, f"Saved privately on this computer at {shown_path(path)}.")
        except OSError as exc:
            view.status_html.value = note(f"Your map could not be saved ({esc(exc)}). Please tell your instructor.",
                                          warn=True)

    def _show_store_problem(self) -> None:
        problem = self.answer_store.problem
        self.problem_html.value = note(esc(problem), warn=True) if problem else ""

    @staticmethod
    def _status(view: StepView, text: str) -> None:
        view.status_html.value = f'<p role="status" aria-live="polite"><em>{esc(text)}</em></p>'

    # --- reacting ----------------------------------------------------------------------------------

    def _on_choice(self, view: StepView, change) -> None:
        view.feedback_html.value = ""  # old feedback would describe the previous choice
        if change["new"] is None:
            return
        self._save(view, "choice")
        self._refresh()

    def _on_words(self, view: StepView, _change) -> None:
        self._save(view, "words")
        self._refresh()

    def _refresh(self) -> None:
        """Show each step once the one before it has a choice; redraw the loop."""
        for i, view in enumerate(self.steps):
            shown = i == 0 or self.steps[i - 1].choice.value is not None
            view.layout.display = None if shown else "none"
        self.diagram_html.value = diagram_html(self.data, self.answers())

    def _intro(self) -> str:
        how = ("Choose the best description at each step and check it; the next step appears once you "
               "have chosen. Your map is saved privately on this computer, not graded." if self.with_feedback else
               "Choose the best description at each step; the next step appears once you have chosen. "
               "Each choice is saved as you go.")
        return (f"<h3>{esc(self.data.title)}</h3>"
                f'<div class="sk-client">{paragraphs(self.data.vignette)}</div>' + note(esc(how)))


# --- the loop, drawn and written ------------------------------------------------------------------

def _wrap(text: str, width: int = 18) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return (lines + [line])[:2] if line else lines[:2]


def loop_svg(data: SoothingMapData, answers: dict) -> str:
    """The steps in a ring, clockwise from the top, each arrow to the next and the last back to the first."""
    n = len(data.steps)
    cx, cy, rx, ry, w, h = 240, 215, 160, 165, 150, 62
    points = [(cx + rx * math.cos(-math.pi / 2 + 2 * math.pi * i / n),
               cy + ry * math.sin(-math.pi / 2 + 2 * math.pi * i / n)) for i in range(n)]
    parts = [f'<svg viewBox="0 0 480 430" width="100%" style="max-width:30rem" role="img" '
             f'aria-label="{esc("The loop drawn as a ring of steps; the list beside it says the same in words.")}">',
             f'<defs><marker id="sk-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
             f'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="{ACCENT}"/></marker></defs>',
             f'<text x="{cx}" y="{cy + 5}" text-anchor="middle" font-size="14" fill="{INK}">and round again</text>']
    for i in range(n):
        (x1, y1), (x2, y2) = points[i], points[(i + 1) % n]
        dx, dy = x2 - x1, y2 - y1
        # leave box i and enter box i+1 at their edges (with a small gap), whatever the angle
        t = min((w / 2 + 5) / abs(dx) if dx else math.inf, (h / 2 + 5) / abs(dy) if dy else math.inf)
        a, b = (x1 + dx * t, y1 + dy * t), (x2 - dx * t, y2 - dy * t)
        parts.append(f'<line x1="{a[0]:.0f}" y1="{a[1]:.0f}" x2="{b[0]:.0f}" y2="{b[1]:.0f}" stroke="{ACCENT}" '
                     f'stroke-width="2" marker-end="url(#sk-arrow)"/>')
    for i, (step, (x, y)) in enumerate(zip(data.steps, points)):
        option = step.option(answers["choices"].get(step.id))
        dash = "" if option else ' stroke-dasharray="5 4"'
        parts.append(f'<rect x="{x - w / 2:.0f}" y="{y - h / 2:.0f}" width="{w}" height="{h}" rx="8" fill="#ffffff" '
                     f'stroke="{ACCENT}" stroke-width="2"{dash}/>')
        lines = [(f"{i + 1}. {step.label}", "600")] + [(t, "400") for t in (_wrap(option.short) if option else ["?"])]
        top = y - (len(lines) - 1) * 8
        for k, (text, weight) in enumerate(lines):
            parts.append(f'<text x="{x:.0f}" y="{top + k * 17 + 4:.0f}" text-anchor="middle" font-size="13" '
                         f'font-weight="{weight}" fill="{INK}">{esc(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def loop_text(data: SoothingMapData, answers: dict) -> str:
    """The same loop as an ordered list: what a screen reader reads, and anyone can."""
    items = []
    for step in data.steps:
        option = step.option(answers["choices"].get(step.id))
        chosen = esc(option.short) if option else "<em>not mapped yet</em>"
        words = answers["words"].get(step.id, "").strip()
        mine = f" In your words: “{esc(words)}”" if words else ""
        items.append(f"<li><strong>{esc(step.label)}:</strong> {chosen}.{mine}</li>")
    return (f"<ol>{''.join(items)}</ol><p>After step {len(data.steps)} the loop returns to step 1, "
            "and turns again.</p>")


def diagram_html(data: SoothingMapData, answers: dict) -> str:
    return ('<div style="display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start">'
            f'<div style="flex:1 1 22rem">{loop_svg(data, answers)}</div>'
            f'<div style="flex:1 1 16rem"><h5>The loop in words</h5>{loop_text(data, answers)}</div></div>')
