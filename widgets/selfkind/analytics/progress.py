"""A trainee's own progress, read from their private data folder (read-only).

For each role-play of a module (modules/NN-slug/scenarios/*.yaml): how many attempts are
saved, whether any is finished, and the best share of the best available points among the
finished ones. Transcripts are read through the transcript store (`read`, never `open`): one
that cannot be read is reported with the store's reason; the landing page never moves or
changes it (the role-play itself does that when opened).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..stores.paths import transcripts_dir
from ..stores.transcripts import TranscriptStore
from .replay_cache import ReplayCache


@dataclass(frozen=True)
class RolePlayProgress:
    scenario: str
    title: str
    attempts: int = 0
    finished: bool = False
    best_share: Optional[float] = None  # among finished attempts
    problem: Optional[str] = None

    @property
    def started(self) -> bool:
        return self.attempts > 0


def module_progress(module: Path, transcripts: Optional[Path] = None) -> list[RolePlayProgress]:
    transcripts = transcripts or transcripts_dir()
    found = []
    for path in sorted((Path(module) / "scenarios").glob("*.yaml")):
        scenario = quick_scenario(path)
        if scenario is not None:
            found.append(roleplay_progress(scenario, transcripts / f"{scenario.id}.json"))
    return found


def quick_scenario(path: Path):
    """The scenario model of a course file, without the full check (about 3 ms rather than 80):
    `selfkind check` and the content tests check every course scenario; None if it does not load."""
    import yaml

    from ..engine.model import Scenario

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return Scenario.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=loader))
    except Exception:
        return None


def roleplay_progress(scenario, path: Path) -> RolePlayProgress:
    # Through the transcript store, as every view reads trainee files: it never writes, names
    # a damaged file's problem, and in a preheated Voila kernel waits for the page first.
    reading = TranscriptStore(path, scenario).read()
    if reading.problem is not None:
        return RolePlayProgress(scenario.id, scenario.title, problem=reading.problem.reason)
    if reading.value is None:
        return RolePlayProgress(scenario.id, scenario.title)
    plays = reading.value.plays
    cache = ReplayCache(scenario)
    shares = [cache.score(p).share for p in plays if p.finished]
    return RolePlayProgress(scenario.id, scenario.title, len(plays), bool(shares), max(shares) if shares else None)
