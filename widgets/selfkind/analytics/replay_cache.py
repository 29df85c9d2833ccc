"""Replaying many transcripts of one scenario fast, with exactly the engine's rules.

A scenario is deterministic: the play after a given sequence of choice ids is always the
same. So each distinct prefix is stepped through the engine once and remembered, and a
recorded step is checked against the engine's own step (node, words, codes, score, state
after), as `selfkind.scenario.replay` checks it. A cohort of a thousand trainees walks a
few hundred distinct paths, so almost every step is a dictionary look-up.

Anything that does not fit returns None; the caller then reads the file through the
transcript store, whose reason (in words) is the authoritative one.
"""

from __future__ import annotations

from typing import Optional

from ..scenario import PlayError, PlayState, Scenario, debrief, start, step
from ..scenario.transcript import FORMAT

MAX_PREFIXES = 200_000  # far beyond any real scenario; a bound on memory for absurd cohorts


def _int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _state(value) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and _int(v) for k, v in value.items())


def _opt_str(value) -> bool:
    return value is None or isinstance(value, str)


class ReplayCache:
    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.plays: dict[tuple[str, ...], PlayState] = {(): start(scenario)}
        self.debriefs: dict[tuple[str, ...], object] = {}

    def play_after(self, path: tuple[str, ...]) -> Optional[PlayState]:
        play = self.plays.get(path)
        if play is not None:
            return play
        before = self.play_after(path[:-1])
        if before is None or before.finished:
            return None
        try:
            play, _ = step(self.scenario, before, path[-1])
        except PlayError:
            return None
        if len(self.plays) < MAX_PREFIXES:
            self.plays[path] = play
        return play

    def debrief(self, play: PlayState):
        key = tuple(s.choice for s in play.steps)
        found = self.debriefs.get(key)
        if found is None:
            found = debrief(self.scenario, play)
            if len(self.debriefs) < MAX_PREFIXES:
                self.debriefs[key] = found
        return found

    def attempts(self, data) -> Optional[list[PlayState]]:
        """The replayed attempts of version-2 transcript JSON, or None if anything does not fit."""
        if not (isinstance(data, dict) and data.get("format") == FORMAT and _int(data.get("version"))
                and data.get("version") == 2 and data.get("scenario") == self.scenario.id
                and _opt_str(data.get("title")) and _opt_str(data.get("saved_at"))):
            return None
        records = data.get("attempts")
        if not isinstance(records, list) or not records:
            return None
        plays = []
        for record in records:
            play = self._attempt(record)
            if play is None:
                return None
            plays.append(play)
        return plays

    def _attempt(self, record) -> Optional[PlayState]:
        if not (isinstance(record, dict) and isinstance(record.get("scenario"), str) and _opt_str(record.get("node"))
                and _state(record.get("state")) and _opt_str(record.get("ending"))):
            return None
        steps = record.get("steps", [])
        if not isinstance(steps, list):
            return None
        path: tuple[str, ...] = ()
        play = self.plays[()]
        for s in steps:
            if not (isinstance(s, dict) and isinstance(s.get("node"), str) and isinstance(s.get("choice"), str)
                    and isinstance(s.get("text"), str) and _int(s.get("score")) and _state(s.get("state_after"))
                    and isinstance(s.get("codes"), list) and all(isinstance(c, str) for c in s["codes"])):
                return None
            if play.finished or s["node"] != play.node:
                return None
            path += (s["choice"],)
            play = self.play_after(path)
            if play is None:
                return None
            made = play.steps[-1]
            if (s["text"] != made.text or s["codes"] != list(made.codes) or s["score"] != made.score
                    or s["state_after"] != play.state):
                return None
        return play
