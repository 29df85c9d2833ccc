"""Role-play transcripts: one file per scenario holding every attempt, the last one current.

Restart appends an attempt, so no play is ever lost, and the grader can apply a stated
policy (first, last or best finished attempt). Every attempt is replayed through the
scenario before use. A save happens inside the file's lock, and only if the file is
still what this writer last saw: otherwise it reports the saved attempts instead of
overwriting a play made in another window.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from ..engine.model import Scenario
from ..engine.play import PlayState, Step
from ..engine.transcript import FORMAT, VERSION, ReplayError, replay, to_json
from .base import JsonFileStore, Reading
from .kept import Why
from .reading import Damage, validated, whole_number


class StepRecord(BaseModel):
    model_config = ConfigDict(extra="allow")  # newer engines may record more about a step
    node: StrictStr
    choice: StrictStr
    text: StrictStr
    codes: list[StrictStr]
    score: StrictInt
    state_after: dict[StrictStr, StrictInt]


class PlayRecord(BaseModel):
    model_config = ConfigDict(extra="allow")
    scenario: StrictStr
    node: Optional[StrictStr] = None
    state: dict[StrictStr, StrictInt]
    steps: list[StepRecord] = []
    ending: Optional[StrictStr] = None
    opening: Optional[dict[StrictStr, StrictInt]] = None


class Header(BaseModel):
    model_config = ConfigDict(extra="ignore")
    format: StrictStr
    scenario: StrictStr
    title: Optional[StrictStr] = None
    saved_at: Optional[StrictStr] = None


class Version1(Header):
    play: PlayRecord


class Version2(Header):
    attempts: list[PlayRecord] = Field(min_length=1)


@dataclass(frozen=True)
class Attempts:
    """Every attempt, replayed; the last is the one a trainee continues."""

    plays: tuple[PlayState, ...]

    @property
    def current(self) -> PlayState:
        return self.plays[-1]

    def finished(self) -> list[tuple[int, PlayState]]:
        """(attempt number from 1, play) for each finished attempt."""
        return [(n, play) for n, play in enumerate(self.plays, 1) if play.finished]


def recorded_plays(data, scenario: Scenario) -> list[tuple[list[Step], Optional[dict]]]:
    """The recorded steps (and opening state) of each attempt; Damage saying what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Damage("it is not a Selfkind transcript")
    version = whole_number(data.get("version"), "version")
    if version > VERSION:
        raise Damage(f"it was written by a newer Selfkind (transcript version {version}; this one reads up to "
                     f"version {VERSION}); updating the course software will read it", Why.NEWER)
    if version not in (1, 2):
        raise Damage(f"transcript version {version} is not supported (expected 1 or {VERSION})")
    header = validated(Version1 if version == 1 else Version2, data)
    if header.scenario != scenario.id:
        raise Damage(f"it is for scenario {header.scenario!r}, not {scenario.id!r}", Why.UNREPLAYABLE)
    records = [header.play] if isinstance(header, Version1) else header.attempts
    return [([Step.model_validate(s.model_dump()) for s in record.steps], record.opening) for record in records]


def parse_attempts(data, scenario: Scenario) -> Attempts:
    recorded = recorded_plays(data, scenario)
    plays = []
    for number, (steps, opening) in enumerate(recorded, 1):
        try:
            plays.append(replay(scenario, steps, opening))
        except ReplayError as exc:
            where = f"attempt {number}, " if len(recorded) > 1 else ""
            raise Damage(f"{where}{exc}", Why.UNREPLAYABLE) from None
    return Attempts(tuple(plays))


@dataclass(frozen=True)
class Saved:
    """What a save did: written (with the file's new token), or refused as a conflict."""

    token: Optional[str]
    conflict: Optional[Reading] = None  # the file as saved elsewhere, when not overwritten
    met: Optional[Reading] = None  # what was on disk: its problem says if a damaged file was kept aside


class TranscriptStore(JsonFileStore[Attempts]):
    what = "Your saved play"

    def __init__(self, path: str | Path, scenario: Scenario):
        super().__init__(path)
        self.scenario = scenario

    def parse(self, data) -> Attempts:
        return parse_attempts(data, self.scenario)

    def save(self, play: PlayState, seen: Optional[str], new_attempt: bool) -> Saved:
        """Save `play` as the current attempt (or as a new one), unless the file changed since
        the writer saw it (`seen`, the token it read or wrote last); the check is in the lock."""
        with self.editing() as reading:
            if reading.value is not None and reading.token != seen:
                return Saved(reading.token, conflict=reading)
            plays = list(reading.value.plays) if reading.value is not None else []
            if new_attempt or not plays:
                plays.append(play)
            else:
                plays[-1] = play
            self.write(to_json(self.scenario, plays))
            return Saved(self.written_token, met=reading)


# --- for tools and tests: one call each ---------------------------------------------------------

def save_transcript(path: str | Path, scenario: Scenario, play: PlayState) -> Path:
    """Write `play` as the only attempt in `path` (atomic, locked). For tools and tests;
    the RolePlay view keeps every attempt through the transcript store."""
    store = TranscriptStore(path, scenario)
    with store.editing():
        return store.write(to_json(scenario, [play]))


def load_transcript(path: str | Path, scenario: Scenario) -> PlayState | None:
    """The current (last) attempt in `path`, replayed; None if there is none yet.

    Read-only. Raises ReplayError saying why a file cannot be used (it is left as it is).
    """
    reading = TranscriptStore(path, scenario).read()
    if reading.problem is not None:
        raise ReplayError(reading.problem.reason)
    return reading.value.current if reading.value is not None else None


def read_steps(data, scenario: Scenario) -> list[Step]:
    """The current attempt's recorded steps in transcript JSON, or ReplayError saying what is wrong."""
    try:
        return list(recorded_plays(data, scenario)[-1][0])
    except Damage as exc:
        raise ReplayError(exc.reason) from None
