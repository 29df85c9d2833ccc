"""DistressedChild: module 01's experiential exercise.

The trainee pictures a distressed child whom passers-by ignore, rates how they would
respond to the child on Neff's three components, then rates how they respond to their
own distress. "Show the gap" sets the two side by side. Nothing is scored; the answers
are saved on the trainee's machine and reloaded next time.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipywidgets import HTML, Button, Layout, Textarea, VBox

from ..stores.exercise_answers import DistressedChildAnswers
from ..stores.exercises import ExerciseStore
from .rating import Rating
from .style import bar, esc, note, shown_path, style_widget

NAME = "distressed-child"


@dataclass(frozen=True)
class Component:
    key: str
    heading: str  # the component and its opposite, in Neff's terms
    label: str
    child_question: str
    self_question: str
    low: str
    high: str
    quality: str  # what the trainee offers, for the reflecting sentence


COMPONENTS = (
    Component("kindness", "Self-kindness or self-judgment", "Warmth",
              "How warm would you be with the child, or how impatient and harsh?",
              "When you are the one in distress, how warm are you with yourself, or how harsh?",
              "harsh, critical", "warm, kind", "warmth"),
    Component("humanity", "Common humanity or isolation", "Not alone",
              "Would you let the child know this happens to people, that they are not the only one?",
              "Do you remind yourself that this happens to people, or does it feel as if it is only you?",
              "alone with it", "part of being human", "sense that this is shared"),
    Component("mindfulness", "Mindfulness or over-identification", "Steadiness",
              "Could you stay with the child's distress, neither swept up in it nor brushing it aside?",
              "Can you stay with your own distress without being swept away by it, or pushing it away?",
              "swept away, or shut out", "present and steady", "steadiness with the feeling"),
)

INTRO = """<h3>The child on the street corner</h3>
<p>Picture a busy street corner at the end of a working day. A child of about six stands at the
kerb, crying hard. People stream past; a few glance over, nobody slows down, nobody stops.
You see the child. Stay with the picture for a moment before you answer.</p>"""

PART_TWO = """<h4>Part 2: your own distress</h4>
<p>Now think of a recent time you were distressed: a mistake, a difficult session, something you
felt ashamed of. Choose something moderate, not the hardest thing in your life. How did you
respond to yourself then?</p>"""

NOTICE = ("This is a private reflection, not a validated measure: nothing is scored, and the numbers "
          "only make a comparison visible to you. Your answers are saved on this computer only. "
          "If this brings up more than you want to work with now, you can stop at any point.")


class DistressedChild(VBox):
    def __init__(self):
        super().__init__()
        self.add_class("selfkind")
        self.store = ExerciseStore(NAME, DistressedChildAnswers)
        self.child = {c.key: Rating(f"{c.label} (child)", c.child_question, c.low, c.high) for c in COMPONENTS}
        self.yourself = {c.key: Rating(f"{c.label} (yourself)", c.self_question, c.low, c.high) for c in COMPONENTS}
        self.to_child = _textbox("What you might say to the child (optional)")
        self.to_self = _textbox("What you tend to say to yourself at such times (optional)")
        self.show_button = Button(description="Show the gap", layout=Layout(width="auto"),
                                  tooltip="Save your answers on this computer and set the two sets of ratings side by side")
        self.status_html = HTML()
        self.gap_html = HTML()
        self.show_button.on_click(lambda _button: self.show_gap())
        self._load()
        self.children = (
            style_widget(), HTML(INTRO + note(esc(NOTICE))),
            HTML("<h4>Part 1: the child</h4><p>If you went over to this child, how would you respond?</p>"),
            *self.child.values(), self.to_child,
            HTML(PART_TWO), *self.yourself.values(), self.to_self,
            self.show_button, self.status_html, self.gap_html,
        )

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
        self.gap_html.value = gap_html(self.answers())

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
        self.gap_html.value = gap_html(self.answers())


def _textbox(description: str) -> Textarea:
    box = Textarea(description=description, rows=3, layout=Layout(width="100%"))
    box.add_class("sk-stacked")
    return box


def reflection(c: Component, child: int, yourself: int) -> str:
    """One gentle sentence about the gap; no judgment of either number."""
    gap = child - yourself
    if gap >= 3:
        return (f"Your rating for the child is {gap} points above your own: you would offer the child more "
                f"{c.quality} than you tend to offer yourself. "
                "A gap like this is very common, clinicians included, and it is exactly what this module "
                "works with: the capacity is already there, pointed outward.")
    if gap > 0:
        return f"A little more {c.quality} toward the child than toward yourself. Worth noticing, nothing more for now."
    if gap == 0:
        return "You rated the child and yourself the same here. Notice what it is like to see that."
    return (f"You rated yourself higher than the child here. There is no right answer; "
            "you might stay curious about what shaped each rating.")


def gap_html(answers: dict) -> str:
    parts = ["<h4>Side by side</h4>"]
    for c in COMPONENTS:
        child, yourself = answers["child"][c.key], answers["self"][c.key]
        parts.append(
            f"<h5>{esc(c.heading)}</h5>"
            f"<div>Toward the child: {bar(child)} <strong>{child} of 10</strong></div>"
            f"<div>Toward yourself: {bar(yourself)} <strong>{yourself} of 10</strong></div>"
            f"<p>{esc(reflection(c, child, yourself))}</p>")
    if answers["to_child"].strip() and answers["to_self"].strip():
        parts.append(f"<h5>In your own words</h5><p>To the child: “{esc(answers['to_child'].strip())}”</p>"
                     f"<p>To yourself: “{esc(answers['to_self'].strip())}”</p>")
    return "".join(parts)
