"""PracticePlayer: a guided practice, step by step, with consent first and a way out at every step.

    PracticePlayer.from_file("practices/a-kind-pause.yaml")

1. **Consent.** What the practice involves, ways to adapt it, and that one may stop at any
   time; then an explicit choice: "Yes, begin" or "Not now". Nothing starts without it.
2. **Steps.** One step at a time, with a timer the trainee controls (Start, Pause, Resume,
   Previous, Next). The clock counts down each second on screen; screen readers hear a
   polite live message only when something changes (started, paused, half way, time up),
   never every second. Text only, no audio.
3. **Stop and ground**, at every step: the timer stops and a short grounding is shown.
4. **Check-in** afterwards (or after the way out): a few questions; saved privately on this
   computer (selfkind.stores.exercises), with a note on backdraft and support when an answer
   says it was hard.

The timer runs in a kernel-side daemon thread that sleeps between ticks, so the kernel stays
free (it works in Voila and JupyterLab alike). Tests build the player with `clock=False`
and call `tick()` themselves.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Optional, Union

from ipywidgets import HBox, IntProgress, Layout, RadioButtons, Textarea, VBox

from .lean import HTML, Button
from ..exercises.practice import CheckIn, Practice, PracticeLog, load_practice, log_name
from ..exercises.quickcheck import ChecksError
from ..stores.exercises import ExerciseStore, exercise_path
from .problems import FileProblems
from .style import esc, note, shown_path, style_widget

KIND_WORDS = {"somatic": "a somatic practice", "mindfulness": "a mindfulness practice",
              "visualisation": "a visualisation", "self-compassion": "a self-compassion practice"}
ANNOUNCE_EVERY = 30  # seconds between spoken updates while the timer runs


def clock(seconds: int) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def _show(widget, shown: bool) -> None:
    widget.layout.display = None if shown else "none"


class PracticePlayer(VBox):
    def __init__(self, practice: Practice, clock: bool = True):
        super().__init__()
        self.add_class("selfkind")
        self.practice = practice
        self.phase = "consent"  # consent, declined, practice, grounding, check-in, saved
        self.index = 0
        self.remaining = practice.steps[0].seconds
        self.running = False
        self.stopped_at: Optional[int] = None
        self._use_clock = clock
        self._lock = threading.RLock()
        self._wake = threading.Event()
        self._thread: Optional[threading.Thread] = None

        self.consent_html = HTML(self._consent_text())
        self.yes_button = Button(description="Yes, begin the practice", layout=Layout(width="auto"),
                                 tooltip="I have read what it involves and choose to begin; I can stop at any time")
        self.no_button = Button(description="Not now", layout=Layout(width="auto"),
                                tooltip="Leave the practice for now; nothing starts")
        self.consent_box = VBox((self.consent_html, HBox((self.yes_button, self.no_button))))

        self.step_html = HTML()
        self.clock_html = HTML()
        self.progress = IntProgress(value=0, min=0, max=1, description="Time in this step",
                                    style={"description_width": "initial"})
        self.announce_html = HTML()
        self.start_button = Button(description="Start timer", layout=Layout(width="auto"),
                                   tooltip="Start this step's timer")
        self.pause_button = Button(description="Pause", layout=Layout(width="auto"), tooltip="Pause the timer")
        self.resume_button = Button(description="Resume", layout=Layout(width="auto"), tooltip="Resume the timer")
        self.previous_button = Button(description="Previous step", layout=Layout(width="auto"),
                                      tooltip="Go back one step")
        self.next_button = Button(description="Next step", layout=Layout(width="auto"),
                                  tooltip="Go on to the next step")
        self.stop_button = Button(description="Stop and ground", layout=Layout(width="auto"),
                                  tooltip="Stop the practice now and take a short grounding")
        self.stop_button.add_class("sk-way-out")  # not sk-choice: that class marks a role-play's choices
        self.practice_box = VBox((
            self.step_html, self.clock_html, self.progress, self.announce_html,
            HBox((self.start_button, self.pause_button, self.resume_button)),
            HBox((self.previous_button, self.next_button)), self.stop_button))

        self.grounding_html = HTML()
        self.to_check_in_button = Button(description="Go on to the check-in", layout=Layout(width="auto"),
                                         tooltip="A few short questions about how it was")
        self.grounding_box = VBox((self.grounding_html, self.to_check_in_button))

        self.answers = {}
        for q in practice.check_in:
            if q.options:
                w = RadioButtons(options=list(q.options), value=None, description=q.question,
                                 style={"description_width": "initial"}, layout=Layout(width="100%"))
                w.add_class("sk-stacked")
            else:
                w = Textarea(value="", description=q.question, placeholder="Optional",
                             style={"description_width": "initial"}, layout=Layout(width="100%", height="5rem"))
                w.add_class("sk-stacked")
            self.answers[q.id] = w
        self.save_button = Button(description="Save my check-in", layout=Layout(width="auto"),
                                  tooltip="Save your answers privately on this computer")
        self.again_button = Button(description="Start again", layout=Layout(width="auto"),
                                   tooltip="Go back to the beginning of the practice")
        self.check_in_html = HTML()
        self.check_in_box = VBox((HTML("<h4>Check-in</h4><p>A few questions about how it was. "
                                       "Your answers stay on this computer.</p>"),
                                  *self.answers.values(), self.save_button, self.check_in_html, self.again_button))
        self.status_html = HTML()

        self.yes_button.on_click(lambda _b: self.consent(True))
        self.no_button.on_click(lambda _b: self.consent(False))
        self.start_button.on_click(lambda _b: self.start())
        self.pause_button.on_click(lambda _b: self.pause())
        self.resume_button.on_click(lambda _b: self.resume())
        self.previous_button.on_click(lambda _b: self.go(self.index - 1))
        self.next_button.on_click(lambda _b: self.next_step())
        self.stop_button.on_click(lambda _b: self.stop_and_ground())
        self.to_check_in_button.on_click(lambda _b: self.show_check_in())
        self.save_button.on_click(lambda _b: self.save_check_in())
        self.again_button.on_click(lambda _b: self.restart())

        self.children = (style_widget(), HTML(self._header()), self.status_html, self.consent_box,
                         self.practice_box, self.grounding_box, self.check_in_box)
        self._show_phase()

    @classmethod
    def from_file(cls, path: Union[str, Path], clock: bool = True):
        """The notebook call; a FileProblems screen if the file has problems."""
        try:
            return cls(load_practice(path), clock=clock)
        except ChecksError as exc:
            return FileProblems("This practice cannot be shown: its file has problems.", exc.problems)

    # --- consent ---------------------------------------------------------------------------------

    def consent(self, yes: bool) -> None:
        if self.phase not in ("consent", "declined"):
            return
        if yes:
            self.phase = "practice"
            self.go(0)
            self._say(f"Practice begun. Step 1 of {len(self.practice.steps)}. Start the timer when you are ready.")
        else:
            self.phase = "declined"
            self.status_html.value = note("That's fine: nothing has started. The practice is here if you want "
                                          "it later; choose <strong>Yes, begin the practice</strong> then.")
        self._show_phase()

    # --- steps and timer -----------------------------------------------------------------------------

    @property
    def step(self):
        return self.practice.steps[self.index]

    def go(self, index: int) -> None:
        """Show step `index` (kept within the steps); its timer is reset and stopped."""
        with self._lock:
            self.running = False
            self.index = max(0, min(index, len(self.practice.steps) - 1))
            self.remaining = self.step.seconds
        n = len(self.practice.steps)
        self.step_html.value = (f"<h4>Step {self.index + 1} of {n}</h4>"
                                f'<div class="sk-client"><p>{esc(self.step.text)}</p></div>')
        self.progress.max = self.step.seconds
        self.progress.value = 0
        self.previous_button.disabled = self.index == 0
        last = self.index == n - 1
        self.next_button.description = "Finish" if last else "Next step"
        self.next_button.tooltip = "End the practice and go on to the check-in" if last else "Go on to the next step"
        self._draw_clock()
        self._draw_controls()
        if self.phase == "practice" and index != 0:
            self._say(f"Step {self.index + 1} of {n}. Timer ready: {self._spoken(self.remaining)}.")

    def next_step(self) -> None:
        if self.index == len(self.practice.steps) - 1:
            self._halt()
            self.stopped_at = None
            self.show_check_in()
        else:
            self.go(self.index + 1)

    def start(self) -> None:
        if self.phase != "practice":
            return
        with self._lock:
            if self.remaining <= 0:
                self.remaining = self.step.seconds
            self.running = True
        self._draw_clock()
        self._draw_controls()
        self._say(f"Timer started: {self._spoken(self.remaining)} for this step.")
        self._run_clock()

    def pause(self) -> None:
        with self._lock:
            if not self.running:
                return
            self.running = False
        self._draw_controls()
        self._say(f"Paused, with {self._spoken(self.remaining)} left. Resume when you are ready.")

    def resume(self) -> None:
        with self._lock:
            if self.running or self.phase != "practice" or self.remaining <= 0:
                return
            self.running = True
        self._draw_controls()
        self._say(f"Resumed: {self._spoken(self.remaining)} left.")
        self._run_clock()

    def tick(self, seconds: int = 1) -> None:
        """Move the running timer on by `seconds` (the clock thread calls this every second)."""
        with self._lock:
            if not self.running:
                return
            before = self.remaining
            self.remaining = max(0, self.remaining - seconds)
            done = self.remaining == 0
            if done:
                self.running = False
        total = self.step.seconds
        self.progress.value = total - self.remaining
        self._draw_clock()
        if done:
            self._draw_controls()
            self._say("Time is up for this step. Go on when you are ready, or stay as long as you like.")
        elif before > total // 2 >= self.remaining and total >= 20:
            self._say(f"Half way: {self._spoken(self.remaining)} left.")
        elif (total - self.remaining) // ANNOUNCE_EVERY > (total - before) // ANNOUNCE_EVERY:
            self._say(f"{self._spoken(self.remaining)} left.")

    def _run_clock(self) -> None:
        if not self._use_clock or (self._thread is not None and self._thread.is_alive()):
            return
        self._thread = threading.Thread(target=self._clock_loop, name=f"practice-{self.practice.id}", daemon=True)
        self._thread.start()

    def _clock_loop(self) -> None:
        while not self._wake.wait(1.0):
            with self._lock:
                if not self.running:
                    return
            try:
                self.tick(1)
            except Exception:  # a closed page or kernel shutting down: stop quietly
                return

    def _halt(self) -> None:
        with self._lock:
            self.running = False

    # --- the way out ---------------------------------------------------------------------------------

    def stop_and_ground(self) -> None:
        if self.phase != "practice":
            return
        self._halt()
        self.stopped_at = self.index + 1
        self.phase = "grounding"
        lines = "".join(f"<li>{esc(line)}</li>" for line in self.practice.grounding)
        self.grounding_html.value = (
            '<h4>Stopped. A short grounding</h4><p>The practice has stopped. Stopping is always all right, '
            "and it is useful to know when you need to. Take these at your own pace:</p>"
            f"<ol>{lines}</ol><p>When you feel ready, a few questions follow; they are optional.</p>")
        self._say("The practice has stopped. A short grounding is shown.")
        self._show_phase()

    # --- check-in ----------------------------------------------------------------------------------

    def show_check_in(self) -> None:
        if self.phase not in ("practice", "grounding"):
            return
        self._halt()
        self.phase = "check-in"
        self.check_in_html.value = ""
        self._show_phase()

    def save_check_in(self) -> None:
        if self.phase not in ("check-in", "saved"):
            return
        answers = {qid: (w.value or "").strip() for qid, w in self.answers.items() if (w.value or "").strip()}
        entry = CheckIn(at=datetime.now().astimezone().isoformat(timespec="seconds"),
                        finished=self.stopped_at is None, stopped_at_step=self.stopped_at, answers=answers)
        store = ExerciseStore(log_name(self.practice), PracticeLog)

        def append(old):
            log = PracticeLog.model_validate(old or {})
            return PracticeLog(check_ins=[*log.check_ins, entry][-50:]).model_dump(mode="json")
        try:
            path, before = store.update(append)
        except OSError as exc:
            self.check_in_html.value = note(f"Your check-in could not be saved ({esc(exc)}).", warn=True)
            return
        kept = (f" (an earlier file could not be read and was kept aside: {esc(before.problem)})"
                if getattr(before, "problem", None) else "")
        support = self._needs_support(answers)
        body = f"Saved privately on this computer at <code>{esc(shown_path(path))}</code>{kept}."
        if support:
            body += f"</p><p>{esc(self.practice.support)}"
        self.check_in_html.value = note(f"<p>{body}</p>", warn=support)
        self.phase = "saved"

    def _needs_support(self, answers: dict) -> bool:
        return any(answers.get(q.id) in q.support_if for q in self.practice.check_in)

    def restart(self) -> None:
        self._halt()
        self.stopped_at = None
        for w in self.answers.values():
            w.value = None if isinstance(w, RadioButtons) else ""
        self.check_in_html.value = ""
        self.status_html.value = ""
        self.phase = "consent"
        self.go(0)
        self._show_phase()

    # --- drawing -----------------------------------------------------------------------------------

    def _header(self) -> str:
        p = self.practice
        return (f"<h3>{esc(p.title)}</h3><p>{esc(KIND_WORDS[p.kind]).capitalize()}, about {p.duration} "
                f"minute{'s' if p.duration != 1 else ''}, text only. Read each step and go at your own pace.</p>")

    def _consent_text(self) -> str:
        p = self.practice
        adapt = "".join(f"<li>{esc(a)}</li>" for a in p.adaptations)
        adapt = f"<p><strong>Ways to make it gentler</strong></p><ul>{adapt}</ul>" if adapt else ""
        private = exercise_path(log_name(p))
        return (f"<h4>Before you begin</h4><p>{esc(p.consent)}</p>{adapt}"
                "<p>There is a <strong>Stop and ground</strong> button at every step. This is optional: "
                "choosing not to do it, or stopping part way, is a choice, not a failure. If a practice like "
                "this has overwhelmed you before, or you live with trauma, dissociation, panic or psychosis, "
                "skip it or choose the gentlest form, and talk it over with someone you trust first.</p>"
                f"<p>A short check-in afterwards is saved only on this computer "
                f"(<code>{esc(shown_path(private))}</code>).</p>"
                "<p><strong>Would you like to begin?</strong></p>")

    def _draw_clock(self) -> None:
        state = "running" if self.running else ("time is up" if self.remaining == 0 else "paused" if
                                                self.remaining < self.step.seconds else "not started")
        # The numbers change every second for sighted users only; the live region below speaks.
        self.clock_html.value = (f'<p aria-hidden="true" style="font-size:1.4em;font-variant-numeric:tabular-nums">'
                                 f"<strong>{clock(self.remaining)}</strong> left in this step ({state})</p>")

    def _say(self, text: str) -> None:
        self.announce_html.value = f'<p role="status" aria-live="polite">{esc(text)}</p>'

    @staticmethod
    def _spoken(seconds: int) -> str:
        m, s = divmod(max(0, int(seconds)), 60)
        parts = ([f"{m} minute{'s' if m != 1 else ''}"] if m else []) + ([f"{s} second{'s' if s != 1 else ''}"]
                                                                         if s or not m else [])
        return " ".join(parts)

    def _draw_controls(self) -> None:
        at_start = self.remaining == self.step.seconds
        _show(self.start_button, not self.running and (at_start or self.remaining == 0))
        self.start_button.description = "Start timer" if at_start else "Restart timer"
        _show(self.pause_button, self.running)
        _show(self.resume_button, not self.running and 0 < self.remaining < self.step.seconds)

    def _show_phase(self) -> None:
        _show(self.consent_box, self.phase in ("consent", "declined"))
        _show(self.practice_box, self.phase == "practice")
        _show(self.grounding_box, self.phase == "grounding")
        _show(self.check_in_box, self.phase in ("check-in", "saved"))
        if self.phase != "declined":
            self.status_html.value = ""
