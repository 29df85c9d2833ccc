"""CapstoneCase: one client across several sessions, each a role-play that opens where the last left them.

Session N+1 is offered once session N has a finished play, and opens in the state that
session's FIRST finished attempt left the client in (the attempt the assignment grades; a
later attempt of session N changes nothing downstream). A resumed session keeps the opening
it recorded. When every session has a finished play, a debrief across them shows what
happened: safety-critical moments first, then trust and shame across the sessions, codes
per session and each ending. The cross-session logic is selfkind.engine.case_debrief's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence, Union

from ipywidgets import HBox, Layout, VBox

from .lean import HTML, Button
from ..stores.paths import transcripts_dir
from ..engine import Scenario
from ..authoring import ScenarioError, load_scenario
from ..engine.case_debrief import CaseDebrief, case_debrief
from ..engine.play import PlayState, carried_over
from ..stores.page import when_page_opens
from ..stores.transcripts import TranscriptStore
from .problems import FileProblems
from .roleplay import AUTO, RolePlay
from .style import esc, note, style_widget


class CapstoneCase(VBox):
    """Play `scenarios` in order as sessions of one client; `transcripts` (one path or None per
    session) are where each session's attempts are saved."""

    def __init__(self, scenarios: Sequence[Scenario], transcripts: Optional[Sequence[Union[str, Path, None]]] = None,
                 title: str = ""):
        super().__init__()
        self.add_class("selfkind")
        self.scenarios = list(scenarios)
        paths = list(transcripts) if transcripts is not None else [None] * len(self.scenarios)
        self.transcripts = [Path(p) if p is not None else None for p in paths]
        self.plays: list[Optional[RolePlay]] = [None] * len(self.scenarios)
        self._graded_in_memory: list[Optional[PlayState]] = [None] * len(self.scenarios)  # when nothing is saved
        self.current = 0
        client = self.scenarios[0].client.name if self.scenarios else ""
        self.client = client
        self.title_html = HTML(f"<h2>{esc(title or f'{client}: a case across {len(self.scenarios)} sessions')}</h2>"
                               "<p>Play the sessions in order. Each later session opens where the one before "
                               f"left {esc(client)}: it opens from that session's <strong>first finished "
                               "attempt</strong>, the one that is graded, so a later attempt of an earlier "
                               "session does not change it.</p>")
        self.session_buttons = [Button(description=f"Session {i + 1}", layout=Layout(width="auto"))
                                for i in range(len(self.scenarios))]
        for i, button in enumerate(self.session_buttons):
            button.on_click(lambda _b, i=i: self.show(i))
        self.nav = HBox(self.session_buttons)
        self.status_html = HTML()
        self.stage = VBox()
        self.case_html = HTML()
        self.children = (style_widget(), self.title_html, self.nav, self.status_html, self.stage, self.case_html)
        self._stage(0)  # session 1 opens in the scenario's own opening: nothing to read yet
        # Which sessions are finished, open or locked comes from the transcripts: in a
        # preheated Voila kernel, read once the page is asked for (after session 1's own read).
        when_page_opens(self._render)

    @classmethod
    def from_files(cls, paths: Sequence[Union[str, Path]], transcripts: Union[str, Sequence, None] = AUTO,
                   title: str = ""):
        """The one-line notebook call: `transcripts="auto"` saves each session under the
        trainee's transcripts folder, None saves nothing, or give one path per session."""
        scenarios = []
        for path in paths:
            try:
                scenarios.append(load_scenario(path))
            except ScenarioError as exc:
                return FileProblems("This case cannot start: a session's scenario file has problems.", exc.problems)
        if isinstance(transcripts, str) and transcripts == AUTO:
            transcripts = [transcripts_dir() / f"{s.id}.json" for s in scenarios]
        return cls(scenarios, transcripts, title=title)

    # --- what is graded, and what carries ------------------------------------------------------

    def graded_play(self, i: int) -> Optional[PlayState]:
        """Session i's first finished attempt (from its transcript, or this page's memory)."""
        path = self.transcripts[i]
        if path is not None:
            reading = TranscriptStore(path, self.scenarios[i]).read()
            if reading.value is not None:
                found = reading.value.finished()
                return found[0][1] if found else None
            return None
        return self._graded_in_memory[i]

    def available(self, i: int) -> bool:
        return i == 0 or self.graded_play(i - 1) is not None

    def opening_for(self, i: int) -> Optional[dict[str, int]]:
        """The state session i opens in: carried from session i-1's graded play (None for the first)."""
        if i == 0:
            return None
        before = self.graded_play(i - 1)
        return carried_over(self.scenarios[i], before) if before is not None else None

    def case(self) -> CaseDebrief:
        return case_debrief([(s, self.graded_play(i)) for i, s in enumerate(self.scenarios)])

    # --- actions -------------------------------------------------------------------------------

    def show(self, i: int) -> None:
        """Show session i (if it is available)."""
        if not self.available(i):
            return
        self._stage(i)
        self._render()

    def _stage(self, i: int) -> None:
        """Put session i's role-play on the stage, making it the first time."""
        self.current = i
        if self.plays[i] is None:
            play = RolePlay(self.scenarios[i], self.transcripts[i], opening=self.opening_for(i))
            play.observe(lambda change, i=i: self._on_finished(i, change), names="finished")
            self.plays[i] = play
            if play.finished and self.transcripts[i] is None:
                self._graded_in_memory[i] = play.session.play
        self.stage.children = (self.plays[i],)

    def _on_finished(self, i: int, change) -> None:
        if change["new"] and self._graded_in_memory[i] is None:
            self._graded_in_memory[i] = self.plays[i].session.play
        self._render()

    # --- drawing -------------------------------------------------------------------------------

    def _render(self) -> None:
        for i, button in enumerate(self.session_buttons):
            done = self.graded_play(i) is not None
            open_ = self.available(i)
            state = "shown" if i == self.current else ("finished" if done else ("open" if open_ else "locked"))
            button.description = f"Session {i + 1} · {state}"
            button.disabled = not open_
            button.button_style = "info" if i == self.current else ""
            button.tooltip = (f"Session {i + 1}: {self.scenarios[i].title}" if open_ else
                              f"Session {i + 1} opens once session {i} has a finished play")
        self.status_html.value = self._status()
        self.case_html.value = self._case_html()

    def _status(self) -> str:
        i = self.current
        parts = [f"<p><strong>Session {i + 1} of {len(self.scenarios)}:</strong> {esc(self.scenarios[i].title)}.</p>"]
        play = self.plays[i]
        opening = play.session.play.opening if play is not None else None
        if i > 0 and opening is not None:
            shown = [v for v in self.scenarios[i].show_state if v in opening] or ["trust"]
            values = ", ".join(f"{esc(v)} {opening[v]} of 10" for v in shown if v in opening)
            parts.append(note(f"This session opens where session {i}’s first finished attempt (the graded one) "
                              f"left {esc(self.client)}: {values}."))
        nxt = i + 1
        if nxt < len(self.scenarios) and not self.available(nxt):
            parts.append(f"<p>Session {nxt + 1} opens once this session has a finished play.</p>")
        return "".join(parts)

    def _case_html(self) -> str:
        case = self.case()
        if len(case.sessions) < len(self.scenarios):
            return (f"<p><em>The debrief across the sessions appears when all {len(self.scenarios)} sessions have "
                    f"a finished play ({len(case.sessions)} so far).</em></p>")
        return case_html(case, self.client)


def case_html(case: CaseDebrief, client: str) -> str:
    """The debrief across sessions: critical moments first, then tables with their words."""
    parts = ['<section aria-label="Debrief across the sessions"><h3>Debrief across the sessions</h3>']
    if case.critical:
        items = "".join(f"<li>Session {n}, turn {m.number}: “{esc(m.chosen)}”. {esc(m.why)}</li>" for n, m in case.critical)
        parts.append(note(f"<strong>Safety-critical moments.</strong><ul>{items}</ul>", warn=True))
    else:
        parts.append("<p>No safety-critical response in the graded plays.</p>")
    rows = "".join(f"<tr><th scope='row'>Session {s.number}</th><td>{s.opening.get('trust', '')}</td>"
                   f"<td>{s.closing.get('trust', '')}</td><td>{s.opening.get('shame', '')}</td>"
                   f"<td>{s.closing.get('shame', '')}</td><td>{esc(s.ending_title)}{' (good)' if s.good else ''}</td>"
                   f"<td>{s.share:.0%}</td></tr>" for s in case.sessions)
    parts.append(f"<table class='sk-table'><caption>{esc(client)}’s trust and shame (0–10) at the start and end "
                 "of each session, its ending and score</caption><thead><tr><th scope='col'>Session</th>"
                 "<th scope='col'>Trust at start</th><th scope='col'>Trust at end</th><th scope='col'>Shame at start"
                 "</th><th scope='col'>Shame at end</th><th scope='col'>Ending</th><th scope='col'>Score</th></tr>"
                 f"</thead><tbody>{rows}</tbody></table>")
    heads = "".join(f"<th scope='col'>Session {s.number}</th>" for s in case.sessions)
    code_rows = "".join(f"<tr><th scope='row'>{esc(code)}</th>{''.join(f'<td>{n}</td>' for n in counts)}</tr>"
                        for code, counts in case.codes.items())
    parts.append(f"<table class='sk-table'><caption>Codes used in each session</caption><thead><tr>"
                 f"<th scope='col'>Code</th>{heads}</tr></thead><tbody>{code_rows}</tbody></table>")
    parts.append("<ul>" + "".join(f"<li>{esc(s)}</li>" for s in case.sentences(client)
                                  if not s.startswith("Session ") or "safety-critical" not in s) + "</ul>")
    parts.append("</section>")
    return "".join(parts)
