"""LoopDiagram: step round a self-maintaining loop with a vignette, choosing where and how to intervene.

The current stage is highlighted in an inline SVG drawn here (a thicker outline, a filled
box and the word "now", never colour alone), with the same loop as an ordered list beside
it for screen readers. At each stage the trainee picks an intervention; in a module
"Check this choice" gives the verdict and why. Answers are saved as they are chosen:

- in a module (no `answers`), privately on the trainee's machine (selfkind.stores.exercises);
- in an assignment (`answers="answers.json"`), in the answers store, one answer id per
  stage (`<prefix>-<stage id>`, and `<prefix>-first-move`), so hidden tests can grade them
  with `require_choice`. Assignments show no verdicts (`feedback=False`).

    LoopDiagram.from_file("performance-loop.yaml")
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Optional, Union

from ipywidgets import HBox, Layout, RadioButtons, VBox

from .lean import HTML, Button
from ..stores.answers import store_for
from ..stores.exercises import exercise_path, load_answers, save_answers
from ..exercises.loop import Loop, Option, load_loop
from ..exercises.quickcheck import ChecksError
from ..stores.problem import DamagedFile
from ..stores.page import when_page_opens
from .problems import FileProblems
from .style import ACCENT, INK, esc, note, shown_path, style_widget

FIRST_MOVE = "first-move"
VERDICT_WORDS = {"helpful": "Helpful", "partly helpful": "Partly helpful", "unhelpful": "Unhelpful",
                 "unsafe": "Unsafe"}


class LoopDiagram(VBox):
    def __init__(self, loop: Loop, answers: Union[str, Path, None] = None, answer_prefix: str = "loop",
                 feedback: bool = True):
        super().__init__()
        self.add_class("selfkind")
        feedback = feedback and not loop.answers_hidden
        self.loop, self.feedback, self.prefix = loop, feedback, answer_prefix
        self.store = store_for(answers) if answers is not None else None
        self.index = 0
        self._quiet = False
        self.status_html = HTML()
        self.saved: dict = {}  # the trainee's saved answers, read once the page opens
        self.diagram_html = HTML()
        self.stage_html = HTML()
        self.choice = RadioButtons(options=[], value=None, description="How would you intervene at this stage?",
                                   style={"description_width": "initial"}, layout=Layout(width="100%"))
        self.choice.add_class("sk-stacked")
        self.check_button = Button(description="Check this choice", layout=Layout(width="auto"),
                                   tooltip="See how helpful the intervention you selected would be")
        self.feedback_html = HTML()
        self.previous_button = Button(description="Previous stage", layout=Layout(width="auto"),
                                      tooltip="Go back one stage round the loop")
        self.next_button = Button(description="Next stage", layout=Layout(width="auto"),
                                  tooltip="Go on to the next stage round the loop")
        self.first_move = RadioButtons(
            options=[(o.text, o.id) for o in loop.first_move.options],
            value=self._saved_option(FIRST_MOVE, loop.first_move.options),
            description=loop.first_move.question, style={"description_width": "initial"},
            layout=Layout(width="100%"))
        self.first_move.add_class("sk-stacked")
        self.first_move_button = Button(description="Check where to start", layout=Layout(width="auto"),
                                        tooltip="See feedback on where you chose to start")
        self.first_move_html = HTML()
        self.choice.observe(self._on_choice, names="value")
        self.first_move.observe(self._on_first_move, names="value")
        self.check_button.on_click(lambda _b: self.check_choice())
        self.first_move_button.on_click(lambda _b: self.check_first_move())
        self.previous_button.on_click(lambda _b: self.go(self.index - 1))
        self.next_button.on_click(lambda _b: self.go(self.index + 1))
        checks = (self.check_button,) if feedback else ()
        first_checks = (self.first_move_button,) if feedback else ()
        self.children = (
            style_widget(), HTML(self._intro()), self.status_html, self.diagram_html, self.stage_html,
            self.choice, *checks, self.feedback_html,
            HBox((self.previous_button, self.next_button)),
            HTML("<h4>Where would you start?</h4>"), self.first_move, *first_checks, self.first_move_html,
        )
        self.go(0)
        when_page_opens(self._open_saved)  # in a preheated Voila kernel: once the page is asked for

    def _open_saved(self) -> None:
        self.saved = self._load()
        self._quiet = True  # showing what was saved is not a new answer: nothing is written
        try:
            self.first_move.value = self._saved_option(FIRST_MOVE, self.loop.first_move.options)
        finally:
            self._quiet = False
        self.go(self.index)

    @classmethod
    def from_file(cls, path: Union[str, Path], answers: Union[str, Path, None] = None, answer_prefix: str = "loop",
                  feedback: bool = True):
        """The notebook call; a FileProblems screen if the file has problems."""
        try:
            return cls(load_loop(path), answers=answers, answer_prefix=answer_prefix, feedback=feedback)
        except ChecksError as exc:
            return FileProblems("This loop exercise cannot be shown: its file has problems.", exc.problems)

    # --- moving round the loop ---------------------------------------------------------------

    @property
    def stage(self):
        return self.loop.stages[self.index]

    def go(self, index: int) -> None:
        """Show stage `index` (wrapping round: after the last stage comes the first)."""
        self.index = index % len(self.loop.stages)
        stage = self.stage
        self._quiet = True
        try:
            self.choice.options = [(o.text, o.id) for o in stage.options]
            self.choice.value = self._saved_option(stage.id, stage.options)
        finally:
            self._quiet = False
        self.choice.description = f"How would you intervene at “{stage.label}”?"
        self.choice.tooltip = self.choice.description
        n = len(self.loop.stages)
        self.stage_html.value = (f"<h4>Stage {self.index + 1} of {n}: {esc(stage.label)}</h4>"
                                 f'<div class="sk-client"><p>{esc(stage.happens)}</p></div>')
        following = self.loop.stages[(self.index + 1) % n].label
        self.next_button.description = "Next stage" if self.index < n - 1 else "Round again"
        self.next_button.tooltip = f"Go on to “{following}”"
        self.feedback_html.value = ""
        self._draw()

    # --- answers -------------------------------------------------------------------------------

    def _answer_id(self, key: str) -> str:
        return f"{self.prefix}-{key}"

    def _load(self) -> dict:
        if self.store is not None:
            if self.store.problem:
                self.status_html.value = note(esc(self.store.problem), warn=True)
            keys = [s.id for s in self.loop.stages] + [FIRST_MOVE]
            return {k: self.store.get(self._answer_id(k)) for k in keys if self.store.get(self._answer_id(k))}
        try:
            saved = load_answers(self.loop.id) or {}
        except DamagedFile as exc:
            self.status_html.value = note(
                f"Your earlier answers could not be read ({esc(exc.reason)}). They were kept as "
                f"<code>{esc(shown_path(exc.kept))}</code>; you can start afresh.", warn=True)
            return {}
        except OSError as exc:
            self.status_html.value = note(f"Your earlier answers could not be read ({esc(exc)}).", warn=True)
            return {}
        return {k: v for k, v in saved.items() if isinstance(k, str) and isinstance(v, str)}

    def _saved_option(self, key: str, options) -> Optional[str]:
        value = self.saved.get(key)
        return value if value in [o.id for o in options] else None

    def _save(self, key: str, value: str) -> None:
        self.saved[key] = value
        try:
            if self.store is not None:
                self.store.set(self._answer_id(key), value)
                self.status_html.value = '<p role="status" aria-live="polite"><em>Saved.</em></p>'
            else:
                path = save_answers(self.loop.id, dict(self.saved))
                self.status_html.value = note(f"Saved privately on this computer at <code>{esc(shown_path(path))}</code>.")
        except OSError as exc:
            self.status_html.value = note(f"Your answer could not be saved ({esc(exc)}).", warn=True)

    def _on_choice(self, change) -> None:
        if self._quiet or change["new"] is None:
            return
        self.feedback_html.value = ""
        self._save(self.stage.id, change["new"])
        self._draw()

    def _on_first_move(self, change) -> None:
        if self._quiet or change["new"] is None:
            return
        self.first_move_html.value = ""
        self._save(FIRST_MOVE, change["new"])

    # --- feedback ------------------------------------------------------------------------------

    def check_choice(self) -> None:
        option = _find(self.stage.options, self.choice.value)
        if option is None:
            self.feedback_html.value = '<p role="status">Choose one of the interventions first.</p>'
            return
        best = " This is the best option at this stage." if option.best else " Another option would help more here."
        self.feedback_html.value = (f'<div class="sk-note" role="status"><p><strong>{esc(VERDICT_WORDS.get(option.verdict, ""))}.'
                                    f"</strong> {esc(option.feedback)}{best}</p></div>")

    def check_first_move(self) -> None:
        option = _find(self.loop.first_move.options, self.first_move.value)
        if option is None:
            self.first_move_html.value = '<p role="status">Choose where you would start first.</p>'
            return
        verdict = "Yes." if option.best else "Not the best place to start."
        self.first_move_html.value = (f'<div class="sk-note" role="status"><p><strong>{verdict}</strong> '
                                      f"{esc(option.feedback)}</p></div>")

    # --- drawing -------------------------------------------------------------------------------

    def _intro(self) -> str:
        private = ("Your choices are saved in this folder's answers file, for grading." if self.store is not None
                   else f"Your choices are saved on this computer only "
                        f"(<code>{esc(shown_path(exercise_path(self.loop.id)))}</code>); nothing is graded.")
        return (f"<h3>{esc(self.loop.title)}</h3><p>{esc(self.loop.vignette)}</p>"
                "<p>Step round the loop with <strong>Next stage</strong>. At each stage, choose how you would "
                f"intervene there.</p>{note(private)}")

    def _draw(self) -> None:
        answered = {s.id for s in self.loop.stages if self.saved.get(s.id)}
        self.diagram_html.value = diagram_html(self.loop, self.index, answered)


def _find(options, option_id) -> Optional[Option]:
    return next((o for o in options if o.id == option_id), None)


def diagram_html(loop: Loop, current: int, answered: set[str]) -> str:
    """The SVG and, beside it, the same loop as an ordered list (the text equivalent)."""
    labels = [s.label for s in loop.stages]
    summary = (f"The loop: {' → '.join(labels)}, then back to {labels[0]}. "
               f"Current stage: {labels[current]}.")
    items = "".join(
        f"<li>{'<strong>' if i == current else ''}{esc(s.label)}"
        f"{' (current stage)' if i == current else ''}{' (answered)' if s.id in answered else ''}"
        f"{'</strong>' if i == current else ''}</li>"
        for i, s in enumerate(loop.stages))
    text = (f'<div style="flex:1 1 14rem"><p id="{esc(loop.id)}-loop-text"><strong>The loop, in order</strong></p>'
            f'<ol aria-labelledby="{esc(loop.id)}-loop-text">{items}</ol>'
            f"<p>After “{esc(labels[-1])}” the loop returns to “{esc(labels[0])}”.</p></div>")
    return (f'<div style="display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start">'
            f'<div style="flex:0 0 auto">{loop_svg(labels, current, answered_index(loop, answered), summary)}</div>'
            f"{text}</div>")


def answered_index(loop: Loop, answered: set[str]) -> set[int]:
    return {i for i, s in enumerate(loop.stages) if s.id in answered}


def loop_svg(labels: list[str], current: int, answered: set[int], summary: str) -> str:
    """Stages on a circle, arrows between them, the current one filled, outlined and marked 'now'."""
    n, cx, cy, r, w, h = len(labels), 200, 160, 118, 128, 40
    points = [(cx + r * math.sin(2 * math.pi * i / n), cy - r * math.cos(2 * math.pi * i / n)) for i in range(n)]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="330" viewBox="0 0 400 330" '
             f'role="img" aria-label="{esc(summary)}" focusable="false">',
             f'<defs><marker id="sk-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
             f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker></defs>']
    for i, (x, y) in enumerate(points):
        nx, ny = points[(i + 1) % n]
        dx, dy = nx - x, ny - y
        length = math.hypot(dx, dy) or 1
        pad = 0.36 * length
        parts.append(f'<line x1="{x + dx * pad / length:.1f}" y1="{y + dy * pad / length:.1f}" '
                     f'x2="{nx - dx * pad / length:.1f}" y2="{ny - dy * pad / length:.1f}" stroke="{INK}" '
                     f'stroke-width="1.5" marker-end="url(#sk-arrow)"/>')
    for i, ((x, y), label) in enumerate(zip(points, labels)):
        now = i == current
        fill, ink, stroke = (ACCENT, "#ffffff", 4) if now else ("#ffffff", INK, 1.5)
        parts.append(f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w}" height="{h}" rx="8" '
                     f'fill="{fill}" stroke="{INK}" stroke-width="{stroke}"/>')
        mark = " ✓" if i in answered else ""
        parts.append(f'<text x="{x:.1f}" y="{y + (-2 if now else 5):.1f}" text-anchor="middle" font-size="13" '
                     f'font-weight="{700 if now else 400}" fill="{ink}">{esc(label)}{mark}</text>')
        if now:
            parts.append(f'<text x="{x:.1f}" y="{y + 14:.1f}" text-anchor="middle" font-size="11" '
                         f'fill="{ink}">now</text>')
    parts.append("</svg>")
    return "".join(parts)
