"""A debrief across the sessions of one client (a case whose scenarios continue one another).

Widget-free: it takes each session's scenario and its graded play (the first finished
attempt, as the assignment grades) and says what happened across them: safety-critical
moments first, then how trust and shame moved from session to session, the codes used in
each, and the ending of each. The CapstoneCase view only shows what this returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from .codes import CODES
from .debrief import CriticalMoment, debrief
from .model import Scenario
from .play import PlayState


@dataclass(frozen=True)
class SessionSummary:
    number: int
    scenario: str
    title: str
    opening: dict[str, int]  # the state the session opened in (carried over, or the scenario's own)
    closing: dict[str, int]
    ending_title: str
    good: bool
    share: float
    profile: dict[str, int]
    facilitative: int
    hindering: int
    critical: tuple[CriticalMoment, ...]


@dataclass(frozen=True)
class CaseDebrief:
    sessions: tuple[SessionSummary, ...]

    @property
    def critical(self) -> list[tuple[int, CriticalMoment]]:
        """Every safety-critical moment, by session number, in order."""
        return [(s.number, moment) for s in self.sessions for moment in s.critical]

    def across(self, name: str) -> list[tuple[int, int]]:
        """(opening, closing) of a state name in each session."""
        return [(s.opening[name], s.closing[name]) for s in self.sessions if name in s.opening]

    @property
    def codes(self) -> dict[str, list[int]]:
        """Each code used anywhere, with its count in each session (response-code order)."""
        used = [c for c in CODES if any(s.profile.get(c) for s in self.sessions)]
        return {c: [s.profile.get(c, 0) for s in self.sessions] for c in used}

    def sentences(self, client: str) -> list[str]:
        """The case in plain sentences, critical moments first."""
        out = [f"Session {n}: a safety-critical response at turn {m.number} (“{m.chosen}”). {m.why}"
               for n, m in self.critical]
        for name in ("trust", "shame"):
            moves = self.across(name)
            if moves:
                steps = [str(moves[0][0])] + [str(closing) for _opening, closing in moves]
                out.append(f"{client}’s {name} across the sessions: {' → '.join(steps)} (out of 10; "
                           f"each session opened where the one before left it).")
        for s in self.sessions:
            out.append(f"Session {s.number} ended “{s.ending_title}”{' (a good ending)' if s.good else ''}, "
                       f"with {s.share:.0%} of the best available points and a facilitative : hindering "
                       f"ratio of {s.facilitative}:{s.hindering}.")
        return out


def summarise(number: int, scenario: Scenario, play: PlayState) -> SessionSummary:
    d = debrief(scenario, play)
    ending = scenario.ending(play.ending) if play.ending else None
    opening = dict(play.opening) if play.opening is not None else dict(scenario.state)
    return SessionSummary(number=number, scenario=scenario.id, title=scenario.title, opening=opening,
                          closing=dict(play.state), ending_title=d.ending_title or "not finished",
                          good=bool(ending and ending.good), share=d.share, profile=dict(d.profile),
                          facilitative=d.facilitative, hindering=d.hindering, critical=d.critical)


def case_debrief(sessions: Sequence[tuple[Scenario, Optional[PlayState]]]) -> CaseDebrief:
    """The debrief across the sessions that have a finished play (in order; it stops at the
    first session without one, since a later session opens from the one before)."""
    found = []
    for number, (scenario, play) in enumerate(sessions, 1):
        if play is None or not play.finished:
            break
        found.append(summarise(number, scenario, play))
    return CaseDebrief(tuple(found))


def first_finished(plays: Iterable[PlayState]) -> Optional[PlayState]:
    """The first finished attempt among `plays` (the graded one), or None."""
    return next((p for p in plays if p.finished), None)
