"""The debrief after a play: score, code profile, ratio, and the path with alternatives.

Score: the points earned over the points of the best choice at each turn actually
taken ("the best reachable from where you were"), shown as a share from 0 to 100 %.
A safety-critical choice is named first, before any score.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from .codes import CODES, FACILITATIVE, HINDERING
from .model import Scenario, pick_line
from .play import PlayState, facts_of


@dataclass(frozen=True)
class PathRow:
    """One turn of the path: what the client said, what was chosen, what was better."""

    number: int
    node: str
    client: str
    chosen: str
    codes: tuple[str, ...]
    score: int
    best_score: int
    better: Optional[str] = None  # the best alternative's text, if the choice was not best
    better_codes: tuple[str, ...] = ()
    better_feedback: Optional[str] = None


@dataclass(frozen=True)
class CriticalMoment:
    """A safety-critical choice in the play: which turn, what was said, why it is unsafe."""

    number: int
    chosen: str
    why: str


@dataclass(frozen=True)
class Debrief:
    scenario: str
    ending: Optional[str]
    ending_title: Optional[str]
    ending_text: Optional[str]
    points: int
    best_points: int
    profile: dict[str, int] = field(default_factory=dict)
    facilitative: int = 0
    hindering: int = 0
    path: tuple[PathRow, ...] = ()
    critical: tuple[CriticalMoment, ...] = ()

    @property
    def share(self) -> float:
        """0.0–1.0: points over the best reachable points, never below 0."""
        return max(0, self.points) / self.best_points if self.best_points > 0 else 0.0

    @property
    def ratio(self) -> str:
        """Facilitative to hindering codes, as 'F:H'."""
        return f"{self.facilitative}:{self.hindering}"

    def frame(self):
        """The path as a pandas DataFrame (pandas is imported only when asked for)."""
        import pandas as pd

        return pd.DataFrame([row.__dict__ for row in self.path])


def debrief(scenario: Scenario, play: PlayState) -> Debrief:
    """Score a (usually finished) play."""
    state = dict(scenario.state)
    rows, profile, critical = [], Counter(), []
    for number, taken in enumerate(play.steps, 1):
        node = scenario.nodes[taken.node]
        best = max(node.choices, key=lambda c: c.score)
        better = best if best.score > taken.score else None
        chosen = next((c for i, c in enumerate(node.choices) if node.choice_id(taken.node, i) == taken.choice), None)
        if chosen is not None and chosen.critical:
            critical.append(CriticalMoment(number, taken.text, chosen.critical))
        rows.append(PathRow(
            number=number, node=taken.node, client=pick_line(node.client, state, facts_of(play.steps[:number - 1])),
            chosen=taken.text, codes=tuple(taken.codes), score=taken.score, best_score=best.score,
            better=better.text if better else None,
            better_codes=tuple(better.codes) if better else (),
            better_feedback=better.feedback if better else None,
        ))
        profile.update(taken.codes)
        state = taken.state_after
    ending = scenario.ending(play.ending) if play.ending else None
    return Debrief(
        scenario=scenario.id,
        ending=ending.id if ending else None,
        ending_title=ending.title if ending else None,
        ending_text=ending.debrief_for(play.state, play.facts) if ending else None,
        points=sum(r.score for r in rows),
        best_points=sum(r.best_score for r in rows),
        profile={code: profile[code] for code in CODES if profile[code]},
        facilitative=sum(n for c, n in profile.items() if c in FACILITATIVE),
        hindering=sum(n for c, n in profile.items() if c in HINDERING),
        path=tuple(rows),
        critical=tuple(critical),
    )
