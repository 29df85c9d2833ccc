"""A trainee's own progress, read from their private data folder (read-only).

For each role-play of a module (modules/NN-slug/scenarios/*.yaml): how many attempts are
saved, whether any is finished, and the best share of the best available points among the
finished ones. A transcript that cannot be read is reported with the store's reason; the
landing page never moves or changes it (the role-play itself does that when opened).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..paths import transcripts_dir
from .replay_cache import ReplayCache
from .transcripts import read_transcript


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

    from ..scenario.model import Scenario

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return Scenario.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=loader))
    except Exception:
        return None


def roleplay_progress(scenario, path: Path) -> RolePlayProgress:
    if not path.exists():
        return RolePlayProgress(scenario.id, scenario.title)
    cache = ReplayCache(scenario)
    try:
        plays, why = read_transcript(path, scenario, cache)
    except Exception as exc:  # never let one file stop the landing page
        plays, why = None, f"it could not be understood ({type(exc).__name__})"
    if plays is None:
        return RolePlayProgress(scenario.id, scenario.title, problem=why)
    shares = [cache.score(p).share for p in plays if p.finished]
    return RolePlayProgress(scenario.id, scenario.title, len(plays), bool(shares), max(shares) if shares else None)
