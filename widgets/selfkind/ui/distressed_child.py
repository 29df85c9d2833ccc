"""DistressedChild: module 01's experiential exercise.

    DistressedChild()   # the module's exercises/distressed-child.yaml
    DistressedChild.from_file("exercises/distressed-child.yaml")

The trainee pictures a distressed child whom passers-by ignore, rates how they would
respond to the child on Neff's three components, then rates how they respond to their
own distress. "Show the gap" sets the two side by side. Nothing is scored; the answers
are saved on the trainee's machine and reloaded next time. Every word the exercise says is
in the module's exercises/distressed-child.yaml (selfkind.exercises.wording); this file is behaviour only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from ipywidgets import Layout, Textarea, VBox

from .lean import HTML, Button
from ..exercises.wording import Component, DistressedChildWording, find_module_file, load_distressed_child
from ..exercises.quickcheck import ChecksError
from ..stores.exercise_answers import DistressedChildAnswers
from ..stores.exercises import ExerciseStore
from ..stores.page import when_page_opens
from .problems import FileProblems
from .rating import Rating
from .style import bar, esc, note, paragraphs, shown_path, style_widget

NAME = "distressed-child"
WORDING = "exercises/distressed-child.yaml"  # the exercise's words, in the module's folder
MODULE = "01-what-self-compassion-is"
BROKEN = "This exercise cannot be shown: its wording file has problems."
WIDE_GAP = 3  # points; from here the reflection names the gap and says how common it is


class DistressedChild(VBox):
    """The exercise with `wording`; without it, with the module's exercises/distressed-child.yaml.

    A wording file with problems is listed (FILE:LINE) in place of the exercise; the
    trainee's saved answers are then not opened at all.
    """

    def __init__(self, wording: Optional[DistressedChildWording] = None):
        super().__init__()
        self.add_class("selfkind")
        if wording is None:
            try:
                wording = load_distressed_child(find_module_file(WORDING, MODULE))
            except ChecksError as exc:
                self.problems = exc.problems
                self.children = (FileProblems(BROKEN, exc.problems),)
                return
        self.wording = w = wording
        self.store = ExerciseStore(NAME, DistressedChildAnswers)
        one, two = w.part_one, w.part_two
        self.child = {c.key: Rating(f"{c.label} ({one.who})", c.child_question, c.low, c.high) for c in w.components}
        self.yourself = {c.key: Rating(f"{c.label} ({two.who})", c.self_question, c.low, c.high)
                         for c in w.components}
        self.to_child = _textbox(one.words_label)
        self.to_self = _textbox(two.words_label)
        self.show_button = Button(description=w.show_button.label, layout=Layout(width="auto"),
                                  tooltip=w.show_button.tooltip)
        self.status_html = HTML()
        self.gap_html = HTML()
        self.show_button.on_click(lambda _button: self.show_gap())
        when_page_opens(self._load)  # in a preheated Voila kernel: once the page is asked for
        self.children = (
            style_widget(), HTML(f"<h3>{esc(w.title)}</h3>{paragraphs(w.intro)}{note(esc(w.notice))}"),
            HTML(f"<h4>{esc(one.heading)}</h4>{paragraphs(one.intro)}"),
            *self.child.values(), self.to_child,
            HTML(f"<h4>{esc(two.heading)}</h4>{paragraphs(two.intro)}"), *self.yourself.values(), self.to_self,
            self.show_button, self.status_html, self.gap_html,
        )

    @classmethod
    def from_file(cls, path: Union[str, Path]):
        """The notebook call with a wording file's path; a FileProblems screen if it has problems."""
        try:
            return cls(load_distressed_child(path))
        except ChecksError as exc:
            return FileProblems(BROKEN, exc.problems)

    def answers(self) -> dict:
        return {
            "child": {k: r.value for k, r in self.child.items()},
            "self": {k: r.value for k, r in self.yourself.items()},
            "to_child": self.to_child.value,
            "to_self": self.to_self.value,
        }

    def show_gap(self) -> None:
        """Save the answers, then show the comparison."""
        try:
            path, before = self.store.update(lambda _saved: self.answers())
            self.status_html.value = note(f"Saved privately on this computer at <code>{esc(shown_path(path))}</code>.")
            if before.problem is not None:
                self.status_html.value += note(esc(before.problem.words(shown_path)), warn=True)
        except OSError as exc:
            self.status_html.value = note(f"Your answers could not be saved ({esc(exc)}).", warn=True)
        self.gap_html.value = gap_html(self.answers(), self.wording)

    def _load(self) -> None:
        reading = self.store.open()
        if reading.problem is not None:
            self.status_html.value = note(f"{esc(reading.problem.words(shown_path))} You can start afresh.", warn=True)
            return
        saved = reading.value
        if not saved:
            return
        for side, ratings in (("child", self.child), ("self", self.yourself)):
            for key, rating in ratings.items():
                value = saved[side][key]
                if value is not None:
                    rating.value = value
        self.to_child.value = saved["to_child"]
        self.to_self.value = saved["to_self"]
        self.status_html.value = note(f"Your earlier answers are shown (saved at "
                                      f"<code>{esc(shown_path(self.store.path))}</code>).")
        self.gap_html.value = gap_html(self.answers(), self.wording)


def _textbox(description: str) -> Textarea:
    box = Textarea(description=description, rows=3, layout=Layout(width="100%"))
    box.add_class("sk-stacked")
    return box


def reflection(c: Component, child: int, yourself: int, wording: DistressedChildWording) -> str:
    """One gentle sentence about the gap; no judgment of either number."""
    gap = child - yourself
    said = wording.reflections
    text = (said.wide_gap if gap >= WIDE_GAP else said.small_gap if gap > 0
            else said.same if gap == 0 else said.self_higher)
    return text.format(gap=gap, quality=c.quality)


def gap_html(answers: dict, wording: DistressedChildWording) -> str:
    words = wording.side_by_side
    parts = [f"<h4>{esc(words.heading)}</h4>"]
    for c in wording.components:
        child, yourself = answers["child"][c.key], answers["self"][c.key]
        parts.append(
            f"<h5>{esc(c.heading)}</h5>"
            f"<div>{esc(words.toward_child)} {bar(child)} <strong>{child} of 10</strong></div>"
            f"<div>{esc(words.toward_self)} {bar(yourself)} <strong>{yourself} of 10</strong></div>"
            f"<p>{esc(reflection(c, child, yourself, wording))}</p>")
    if answers["to_child"].strip() and answers["to_self"].strip():
        parts.append(f"<h5>{esc(words.own_words)}</h5>"
                     f"<p>{esc(words.to_child)} “{esc(answers['to_child'].strip())}”</p>"
                     f"<p>{esc(words.to_self)} “{esc(answers['to_self'].strip())}”</p>")
    return "".join(parts)
