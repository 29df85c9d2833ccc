"""Transcripts: every attempt at a role-play, saved as versioned JSON, checked by replay.

Format version 2 (`attempts: [play, ...]`, the last is the current one; a version 1 file,
`play: {...}`, reads as one attempt). Each play records every step (node, choice id, its
text, codes and score, the client's state after it). Loading never trusts the record:
the steps are replayed through the scenario, and the first step whose recorded choice,
words, codes, score or state does not fit is named. Reading and writing files is the
transcript store's work (selfkind.stores.transcripts, with save_transcript and
load_transcript for tools and tests).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional, Sequence

from .model import Scenario
from .play import PlayError, PlayState, Step, start, step

FORMAT = "selfkind-transcript"
VERSION = 2


class ReplayError(ValueError):
    """A transcript that does not fit its scenario; the message names the step."""


def to_json(scenario: Scenario, plays: PlayState | Sequence[PlayState]) -> dict:
    """Transcript JSON (version 2) for one play or a sequence of attempts."""
    attempts = [plays] if isinstance(plays, PlayState) else list(plays)
    return {
        "format": FORMAT,
        "version": VERSION,
        "scenario": scenario.id,
        "title": scenario.title,
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "attempts": [play.model_dump(mode="json") for play in attempts],
    }


def replay(scenario: Scenario, steps: Sequence[Step], opening: Optional[dict] = None) -> PlayState:
    """Replay recorded steps from the start (or from the recorded opening state of a later
    session); the result is the play they describe."""
    try:
        play = start(scenario, opening)
    except PlayError as exc:
        raise ReplayError(f"the recorded opening state does not fit: {exc}") from None
    for number, recorded in enumerate(steps, 1):
        if play.finished:
            raise ReplayError(f"step {number}: the play had already ended at {play.ending!r}")
        if recorded.node != play.node:
            raise ReplayError(f"step {number}: recorded at node {recorded.node!r}, but the play is at {play.node!r}")
        try:
            play, _ = step(scenario, play, recorded.choice)
        except PlayError as exc:
            raise ReplayError(f"step {number}: {exc}") from None
        made = play.steps[-1]
        if recorded.text != made.text:
            raise ReplayError(f"step {number}: the recorded words of choice {recorded.choice!r} are not the "
                              "scenario's words for that choice")
        if list(recorded.codes) != list(made.codes):
            raise ReplayError(f"step {number}: the recorded codes ({', '.join(recorded.codes)}) are not the "
                              f"scenario's codes for choice {recorded.choice!r}")
        if play.state != recorded.state_after or recorded.score != made.score:
            raise ReplayError(f"step {number}: the recorded state or score does not match the scenario")
    return play
