"""RolePlay: a branching conversation with a simulated client, as one notebook widget.

The engine does the playing (`Session.step`); the transcript store decides what is
saved, resumed, kept aside and whether the file changed elsewhere. This view shows the
session and what the store reports, in words.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional, Union

from ipywidgets import Checkbox, Layout, VBox
from traitlets import Bool, Float

from .lean import HTML, Button
from ..stores.paths import transcripts_dir
from ..engine import Scenario, Session, debrief
from ..authoring import ScenarioError, load_scenario
from ..engine.model import Choice
from ..engine.play import start
from ..stores.base import Reading
from ..stores.page import when_page_opens
from ..stores.transcripts import TranscriptStore
from .debrief_view import debrief_html, signed, states_of
from .problems import FileProblems
from .style import esc, note, paragraphs, shown_path, style_widget

AUTO = "auto"  # from_file's default: save under the trainee's transcripts folder


class RolePlay(VBox):
    """Play `scenario`; with `transcript_path`, resume from it and save after every choice.

    `finished` and `share` follow the play, so a notebook can react to its outcome.
    `preview=True` is for authors: a checkbox shows the hidden state and every choice's codes.
    """

    finished = Bool(False, help="the play has reached its debrief")
    share = Float(0.0, help="the debrief's score as a share of the best points (0-1)")

    def __init__(self, scenario: Scenario, transcript_path: Union[str, Path, None] = None, preview: bool = False,
                 opening: Optional[dict[str, int]] = None):
        super().__init__()
        self.add_class("selfkind")
        self.scenario = scenario
        self.transcript_path = Path(transcript_path) if transcript_path is not None else None
        self.store = TranscriptStore(self.transcript_path, scenario) if transcript_path is not None else None
        # A later session of a case opens where the last left the client: a new play (and a
        # restart) opens in `opening`; a resumed attempt keeps the opening it recorded.
        self.opening = dict(opening) if opening is not None else None
        self.session = Session(scenario, start(scenario, self.opening) if self.opening is not None else None)
        self._seen: Optional[str] = None  # the transcript file as this view last read or wrote it
        self._attempts = 0  # attempts saved in the transcript, this one included once saved
        self._new_attempt = False  # after Restart: the next save adds an attempt
        self.last_choice: Optional[Choice] = None  # the choice whose feedback is shown
        self.last_thought: Optional[str] = None
        self.last_change: dict[str, int] = {}
        self._notice = ""  # an information note, cleared by the next choice
        self._warning = ""  # something went wrong with saved data; stays until restart

        self.style_html = style_widget()
        self.title_html = HTML(f"<h2>{esc(scenario.title)}</h2>")
        self.notice_html = HTML(layout=Layout())  # hidden and shown: its own layout
        self.intro_html = HTML(self._intro(), layout=Layout())  # hidden and shown: its own layout
        self.meters_html = HTML(layout=Layout())  # hidden and shown: its own layout
        self.progress_html = HTML()
        self.feedback_html = HTML()
        self.client_html = HTML(layout=Layout())  # hidden and shown: its own layout
        self.choices_box = VBox(layout=Layout(width="100%"))
        self.choice_buttons: list[Button] = []
        # The buttons for the choices first shown are made with the view, so its first read
        # (when the page opens, in a preheated kernel) only sets their words: widgets made
        # while a page fetches widget state go missing from it (stores/page.py). From the
        # first choice on, each turn gets new buttons (see _on_click).
        self._first_buttons: Optional[list[Button]] = [self._first_button(i) for i in range(_most_choices(scenario))]
        self._first_ids: list[str] = []  # the choice each shown first button stands for
        self._first_turn = 0
        self._spent: list[Button] = []  # first buttons to close once they have left the page
        self.debrief_html = HTML(layout=Layout())  # hidden and shown: its own layout
        self.restart_button = Button(
            description="Restart",
            tooltip="Start this role-play again from the beginning (your current play is kept as an earlier attempt)")
        self.restart_button.on_click(lambda _button: self.restart())
        # Author preview: never on in a trainee's notebook (it shows the answers).
        self.preview_toggle = Checkbox(value=preview, indent=False,
                                       description="Author preview: show the hidden state and each choice's codes")
        self.preview_html = HTML(layout=Layout())  # hidden and shown: its own layout
        self.preview_toggle.observe(lambda _change: self._render(), names="value")

        self.children = (self.style_html, self.title_html, self.preview_toggle, self.notice_html, self.intro_html,
                         self.meters_html, self.progress_html, self.feedback_html, self.client_html,
                         self.preview_html, self.choices_box, self.debrief_html, self.restart_button)
        _show(self.preview_toggle, preview)
        self._render()  # a new play, until the saved one is read
        when_page_opens(self._open_saved)  # in a preheated Voila kernel: once the page is asked for

    @classmethod
    def from_file(cls, path: Union[str, Path], transcript: Union[str, Path, None] = AUTO, preview: bool = False,
                  opening: Optional[dict[str, int]] = None):
        """The one-line notebook call.

        `transcript="auto"` saves to the trainee's transcripts folder under the scenario id;
        `None` does not save; any other value is the transcript's path. If the scenario file
        has errors, a FileProblems screen listing them is returned instead of a RolePlay.
        `preview=True` (for authors) offers the hidden state and codes as you play.
        """
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            return FileProblems("This role-play cannot start: its scenario file has problems.", exc.problems)
        if isinstance(transcript, str) and transcript == AUTO:
            transcript = transcripts_dir() / f"{scenario.id}.json"
        return cls(scenario, transcript, preview=preview, opening=opening)

    # --- actions -------------------------------------------------------------------------

    def choose(self, choice_id: str) -> None:
        """Take a choice (as its button does); PlayError if it is not offered now."""
        turn = self.session.step(choice_id)
        self._retire_first_buttons()
        if not self._save():
            return  # the transcript changed elsewhere: the view now shows that play instead
        self.last_choice, self.last_change, self.last_thought = turn.choice, turn.change, turn.thought
        self._notice = ""
        self._render()

    def restart(self) -> None:
        """Start again; the play so far stays in the transcript as an earlier attempt."""
        self._notice = self._warning = ""
        if self.store is not None and self.session.play.steps and not self._new_attempt and self._attempts:
            self._new_attempt = True
            self._notice = note(f"Your play so far is kept in your saved transcript as attempt {self._attempts} "
                                f"(<code>{esc(shown_path(self.store.path))}</code>); nothing was deleted. "
                                f"This is attempt {self._attempts + 1}.")
        self._fresh_play()
        self.last_choice, self.last_change, self.last_thought = None, {}, None
        self._retire_first_buttons()
        self._render()

    def _fresh_play(self) -> None:
        """A new play: in this view's opening if it has one, else as the last play began."""
        if self.opening is not None:
            self.session.play = start(self.scenario, self.opening)
        else:
            self.session.restart()

    @property
    def debrief(self):
        """The engine's Debrief of the play (score, profile, path)."""
        return debrief(self.scenario, self.session.play)

    def _on_click(self, choice_id: str, turn: int) -> None:
        # A double click can arrive after the buttons were replaced: only the current turn counts.
        if turn == len(self.session.play.steps) and not self.session.play.finished:
            self.choose(choice_id)
            # Keyboard users keep their place: focus moves to the next choices (or Restart).
            (self.choice_buttons[0] if self.choice_buttons else self.restart_button).focus()

    # --- what the store reports ------------------------------------------------------------

    def _open_saved(self) -> None:
        """Read the saved play, if any, and show where it got to (sets values only)."""
        if self.store is None:
            return
        self._show_saved(self.store.open())
        if self.session.play.steps:
            self._notice = note("Welcome back: you are continuing the play you saved earlier"
                                f"{f' (attempt {self._attempts})' if self._attempts > 1 else ''}.")
        self._render()

    def _show_saved(self, reading: Reading) -> None:
        """Show the current attempt of what is saved (or a new play, and why)."""
        self._seen = reading.token
        self._new_attempt = False
        self._fresh_play()
        self.last_choice, self.last_change, self.last_thought = None, {}, None
        self._attempts = len(reading.value.plays) if reading.value is not None else 0
        if reading.problem is not None:
            self._warning = note(f"{esc(reading.problem.words(shown_path))} A new play has started.", warn=True)
        if reading.value is None:
            return
        play = reading.value.current
        self.session.play = play
        if play.steps:
            last = play.steps[-1]
            self.last_choice = _choice_at(self.scenario, last.node, last.choice)
            self.last_thought = _thought(self.last_choice, last.state_after)

    def _save(self) -> bool:
        """Save the play; False if the transcript changed elsewhere (then that play is shown)."""
        if self.store is None:
            return True
        try:
            saved = self.store.save(self.session.play, self._seen, self._new_attempt)
        except OSError as exc:
            why = getattr(exc, "problem", None)
            words = esc(why.words(shown_path)) if why is not None else f"Your play could not be saved ({esc(exc)})."
            self._warning = note(f"{words} You can keep playing, but it will not be there when you come back.",
                                 warn=True)
            return True
        if saved.conflict is not None:
            self._warning = ""
            self._show_saved(saved.conflict)
            self._notice = note("This role-play was continued in another window or tab, so this page now shows "
                                "where that play got to (your last click was not saved over it). "
                                "Choose again from here.")
            self._render()
            return False
        if saved.met is not None and saved.met.problem is not None:
            self._warning = note(f"{esc(saved.met.problem.words(shown_path))} Your play is saved in a new file.",
                                 warn=True)
        self._attempts += 1 if (self._new_attempt or not self._attempts) else 0
        self._seen, self._new_attempt = saved.token, False
        return True

    # --- drawing -------------------------------------------------------------------------

    def _render(self) -> None:
        play = self.session.play
        self.notice_html.value = self._warning + self._notice
        self.meters_html.value = self._meters()
        turns = len(play.steps)
        self.progress_html.value = (f"<p><strong>Finished after {turns} turns.</strong></p>" if play.finished
                                    else f"<p><strong>Turn {turns + 1}</strong></p>")
        self.feedback_html.value = self._feedback()
        old_buttons = self.choice_buttons + self._spent
        shown = [] if play.finished else self._shown_order()
        if self._first_buttons is not None:
            self.choice_buttons = self._label_first_buttons(shown, turns)
        else:
            self.choice_buttons = [self._button(cid, c) for cid, c in shown]
        self.choices_box.children = tuple(self.choice_buttons)
        for button in old_buttons:
            if button not in self.choice_buttons:
                button.close()  # free the front-end views of the buttons just replaced
        self._spent = []
        if play.finished:
            self.debrief_html.value = debrief_html(self.debrief, self.scenario.client.name, self.session.line,
                                                   states=states_of(self.scenario, self.session.play))
            self.client_html.value = ""
        else:
            self.debrief_html.value = ""
            self.client_html.value = (f'<div class="sk-client"><strong>{esc(self.scenario.client.name)}:</strong> '
                                      f"“{esc(self.session.line)}”</div><p>How do you respond?</p>")
        # The children never change, only which are shown: replacing them would make the page
        # rebuild the choice buttons, losing keyboard focus and any button already found.
        _show(self.notice_html, bool(self.notice_html.value))
        _show(self.intro_html, not play.steps)
        _show(self.meters_html, bool(self.scenario.show_state))
        _show(self.debrief_html, play.finished)
        _show(self.client_html, not play.finished)
        _show(self.choices_box, not play.finished)
        _show(self.restart_button, bool(play.steps))
        self.preview_html.value = self._preview() if self.preview_toggle.value else ""
        _show(self.preview_html, bool(self.preview_html.value))
        self.finished = play.finished
        self.share = self.debrief.share if play.finished else 0.0

    def _shown_order(self) -> list[tuple[str, Choice]]:
        """The choices in an order fixed per scenario but unrelated to how the author listed
        them, so the best answer is not always first; the same on every visit."""
        def key(item):
            return hashlib.sha256(f"{self.scenario.id}/{item[0]}".encode()).hexdigest()

        return sorted(self.session.choices, key=key)

    def _first_button(self, i: int) -> Button:
        button = Button(layout=Layout(width="100%", height="auto"))
        button.add_class("sk-choice")
        button.on_click(lambda _button, i=i: self._on_first_click(i))
        return button

    def _label_first_buttons(self, shown: list[tuple[str, Choice]], turn: int) -> list[Button]:
        """The first buttons, worded for the choices shown now (their number never exceeds them)."""
        self._first_ids, self._first_turn = [cid for cid, _ in shown], turn
        for button, (_cid, choice) in zip(self._first_buttons, shown):
            button.description = button.tooltip = choice.text
        return self._first_buttons[:len(shown)]

    def _on_first_click(self, i: int) -> None:
        if self._first_buttons is not None and i < len(self._first_ids):
            self._on_click(self._first_ids[i], self._first_turn)

    def _retire_first_buttons(self) -> None:
        """From now on each turn has new buttons; the first ones close once off the page."""
        if self._first_buttons is not None:
            self._spent, self._first_buttons = self._first_buttons, None

    def _button(self, choice_id: str, choice: Choice) -> Button:
        # The full text is the button's label (its accessible name); CSS lets it wrap.
        button = Button(description=choice.text, tooltip=choice.text,
                        layout=Layout(width="100%", height="auto"))
        button.add_class("sk-choice")
        turn = len(self.session.play.steps)
        button.on_click(lambda _button, cid=choice_id: self._on_click(cid, turn))
        return button

    def _intro(self) -> str:
        sc, client = self.scenario, self.scenario.client
        about = ", ".join(esc(x) for x in (client.pronouns, client.age) if x is not None)
        parts = [f"<h3>Your client: {esc(client.name)}{f' ({about})' if about else ''}</h3>", paragraphs(client.persona)]
        if sc.setting:
            parts.append(f"<p><strong>Setting:</strong> {esc(sc.setting)}</p>")
        if sc.content_notes:
            notes = ", ".join(esc(n) for n in sc.content_notes)
            parts.append(note(f"<strong>Content notes:</strong> {notes}. You can pause or stop at any time."))
        parts.append("<p>Choose a response below. After each choice you will see feedback; "
                     "a debrief follows at the end.</p>")
        return "".join(parts)

    def _meters(self) -> str:
        name = esc(self.scenario.client.name)
        rows = []
        for var in self.scenario.show_state:
            value = self.session.play.state[var]
            label = f"{name}’s {esc(var)}"
            rows.append(f'<div>{label}: <meter min="0" max="10" value="{value}" aria-label="{label}">'
                        f"{value} of 10</meter> {value} of 10</div>")
        return "".join(rows)

    def _preview(self) -> str:
        """For authors: the whole state, and each choice (in the order shown) with its codes."""
        play = self.session.play
        state = ", ".join(f"{esc(k)} {v}" for k, v in play.state.items())
        held = play.facts
        rows = "".join(
            f"<li>“{esc(c.text)}”: {esc(', '.join(c.codes))}; {signed(c.score)}; next {esc(c.next)}"
            f"{' <strong>(critical)</strong>' if c.critical else ''} <code>{esc(cid)}</code></li>"
            for cid, c in ([] if play.finished else self._shown_order()))
        return (f'<div class="sk-note"><p><strong>Author preview.</strong> State: {state}. '
                f"Codes used so far: {esc(', '.join(sorted(held.codes)) or 'none')}"
                f"{'; a critical choice was made' if held.critical else ''}. Node: <code>{esc(play.node or play.ending)}</code></p>"
                f"<ul>{rows}</ul></div>")

    def _feedback(self) -> str:
        choice = self.last_choice
        if choice is None:
            return ""
        parts = [f"<p><strong>You said:</strong> “{esc(choice.text)}”</p>",
                 f"<p><strong>Feedback</strong> <em>(codes: {esc(', '.join(choice.codes))}; "
                 f"score {signed(choice.score)})</em>: {esc(choice.feedback)}</p>"]
        if self.last_thought:
            parts.append(f"<p><strong>What {esc(self.scenario.client.name)} was privately thinking:</strong> "
                         f"<em>“{esc(self.last_thought)}”</em></p>")
        moved = [f"{esc(var)} {signed(n)}" for var, n in self.last_change.items() if var in self.scenario.show_state]
        if moved:
            parts.append(f"<p>Change: {', '.join(moved)}.</p>")
        return f'<div class="sk-note" role="status">{"".join(parts)}</div>'


def _most_choices(scenario: Scenario) -> int:
    return max((len(node.choices) for node in scenario.nodes.values()), default=0)


def _show(widget, visible: bool) -> None:
    widget.layout.display = None if visible else "none"


def _choice_at(scenario: Scenario, node_id: str, choice_id: str) -> Optional[Choice]:
    node = scenario.nodes.get(node_id)
    if node is None:
        return None
    return next((c for i, c in enumerate(node.choices) if node.choice_id(node_id, i) == choice_id), None)


def _thought(choice: Optional[Choice], state_after: dict[str, int]) -> Optional[str]:
    """What the client privately thought after `choice` (a thought may depend on the state)."""
    if choice is None:
        return None
    try:
        from ..engine.play import thought_for
    except ImportError:  # engines before conditional thoughts
        return choice.thought if isinstance(choice.thought, str) else None
    return thought_for(choice, state_after)
