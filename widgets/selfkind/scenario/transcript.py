"""Transcripts: a play saved as versioned JSON, resumed and checked by replay.

A transcript records every step (node, choice id, the client's state after it).
Loading it never trusts the recorded state: the steps are replayed through the
scenario, and the first step that does not fit is named.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from pydantic import ValidationError

from ..storage import read_json_or_keep_aside, write_json_atomic
from .model import Scenario
from .play import PlayError, PlayState, Step, start, step

FORMAT = "selfkind-transcript"
VERSION = 1


class ReplayError(ValueError):
    """A transcript that does not fit its scenario; the message names the step."""


def to_json(scenario: Scenario, play: PlayState) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "scenario": scenario.id,
        "title": scenario.title,
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "play": play.model_dump(mode="json"),
    }


def save_transcript(path: str | Path, scenario: Scenario, play: PlayState) -> Path:
    """Write the play atomically to `path`."""
    return write_json_atomic(path, to_json(scenario, play))


def read_steps(data, scenario: Scenario) -> list[Step]:
    """The recorded steps of transcript JSON, or ReplayError saying what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReplayError("this is not a Selfkind transcript")
    if data.get("version") != VERSION:
        raise ReplayError(f"transcript version {data.get('version')!r} is not supported (expected {VERSION})")
    if data.get("scenario") != scenario.id:
        raise ReplayError(f"transcript is for scenario {data.get('scenario')!r}, not {scenario.id!r}")
    try:
        return list(PlayState.model_validate(data.get("play")).steps)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise ReplayError(f"transcript is damaged at {where}: {first['msg']}") from None


def replay(scenario: Scenario, steps: list[Step]) -> PlayState:
    """Replay recorded steps from the start; the result is the play they describe."""
    play = start(scenario)
    for number, recorded in enumerate(steps, 1):
        if play.finished:
            raise ReplayError(f"step {number}: the play had already ended at {play.ending!r}")
        if recorded.node != play.node:
            raise ReplayError(f"step {number}: recorded at node {recorded.node!r}, but the play is at {play.node!r}")
        try:
            play, _ = step(scenario, play, recorded.choice)
        except PlayError as exc:
            raise ReplayError(f"step {number}: {exc}") from None
        if play.state != recorded.state_after or recorded.score != play.steps[-1].score:
            raise ReplayError(f"step {number}: the recorded state or score does not match the scenario")
    return play


def load_transcript(path: str | Path, scenario: Scenario) -> PlayState | None:
    """Resume a play from `path` (None if there is none yet).

    Raises DamagedFile (the file is kept aside) or ReplayError (the file is left as is).
    """
    data = read_json_or_keep_aside(path)
    if data is None:
        return None
    return replay(scenario, read_steps(data, scenario))
