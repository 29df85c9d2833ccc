"""`selfkind play FILE`: play a scenario in a terminal, showing what the trainee sees plus
the hidden state and codes, so an author can test a draft without starting Jupyter."""

from __future__ import annotations

from typing import Callable, TextIO

from ..engine import Scenario, Session, debrief


def play(scenario: Scenario, ask: Callable[[str], str], out: TextIO) -> None:
    """Play to the end; `ask` reads the author's answer (input() in a terminal)."""
    session = Session(scenario)
    say = lambda text="": print(text, file=out)  # noqa: E731
    say(f"{scenario.title}  (client: {scenario.client.name})")
    while not session.play.finished:
        say()
        say(f"[turn {len(session.play.steps) + 1}; state {_state(session.play.state)}]")
        say(f"{scenario.client.name}: \"{session.line}\"")
        choices = session.choices
        for n, (cid, c) in enumerate(choices, 1):
            crit = "  CRITICAL" if c.critical else ""
            say(f"  {n}. {c.text}   [{', '.join(c.codes)}; {c.score:+d}; {cid}]{crit}")
        picked = _pick(ask, len(choices), out)
        if picked is None:
            say("Stopped.")
            return
        turn = session.step(choices[picked][0])
        say(f"Feedback: {turn.feedback}")
        if turn.thought:
            say(f"{scenario.client.name} thinks: \"{turn.thought}\"")
        if turn.change:
            say("Change: " + ", ".join(f"{k} {v:+d}" for k, v in turn.change.items()))
    d = debrief(scenario, session.play)
    say()
    if session.line:
        say(f"{scenario.client.name}: \"{session.line}\"")
    say(f"Ending: {d.ending_title} ({d.ending})")
    for m in d.critical:
        say(f"CRITICAL at turn {m.number}: {m.why}")
    say(d.ending_text or "")
    say(f"Score {d.share:.0%} ({d.points:+d} of {d.best_points}); facilitative:hindering {d.ratio}; "
        f"codes {d.profile}")


def _pick(ask, count: int, out) -> int | None:
    while True:
        try:
            raw = ask(f"Choose 1-{count} (q to stop): ").strip().lower()
        except EOFError:
            return None
        if raw in ("q", "quit"):
            return None
        if raw.isdigit() and 1 <= int(raw) <= count:
            return int(raw) - 1
        print(f"Type a number from 1 to {count}, or q.", file=out)


def _state(state: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in state.items())
