"""Replaying many transcripts of one scenario fast, with exactly the engine's rules.

A scenario is deterministic: the play after a given sequence of choice ids is always the
same. So each distinct prefix is stepped through the engine once and remembered, and a
recorded step is checked against the engine's own step (node, words, codes, score, state
after), as `selfkind.scenario.replay` checks it. A cohort of a thousand trainees walks a
few hundred distinct paths, so almost every step is a dictionary look-up.

`advance` is the engine's `step` without the Turn (the client's reply, thought and
feedback, which replaying does not need and which cost most of a step); tests check it
against the engine's own replay on every course scenario. Scores are the debrief's:
points over the best option's points at each turn taken (`Score`).
Anything that does not fit returns None; the caller then reads the file through the
transcript store, whose reason (in words) is the authoritative one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..scenario import END, PlayState, Scenario, offered, start
from ..scenario.play import HI, LO, Step, facts_of
from ..scenario.transcript import FORMAT

MAX_PREFIXES = 200_000  # far beyond any real scenario; a bound on memory for absurd cohorts


def _int(value) -> bool:
    return type(value) is int  # JSON gives int, never a subclass; bool is refused as the store refuses it


def _state(value) -> bool:
    if type(value) is not dict:
        return False
    for k, v in value.items():
        if type(k) is not str or type(v) is not int:
            return False
    return True


def _opt_str(value) -> bool:
    return value is None or isinstance(value, str)


@dataclass(frozen=True)
class Score:
    """The debrief's score of a play: points over the best points at each turn taken."""

    points: int
    best_points: int
    best: tuple[int, ...]  # the best option's score at each turn

    @property
    def share(self) -> float:
        return max(0, self.points) / self.best_points if self.best_points > 0 else 0.0


def advance(scenario: Scenario, play: PlayState, choice_id: str) -> Optional[PlayState]:
    """The play after `choice_id` (as the engine's `step` makes it), or None if it is not offered."""
    if play.finished:
        return None
    choice = dict(offered(scenario, play)).get(choice_id)
    if choice is None:
        return None
    effects = choice.change_for(play.state, play.facts)
    after = {k: max(LO, min(HI, v + effects.get(k, 0))) for k, v in play.state.items()}
    record = Step(node=play.node, choice=choice_id, text=choice.text, codes=list(choice.codes),
                  score=choice.score, state_after=after, critical=choice.critical is not None)
    steps = play.steps + (record,)
    if choice.next == END:
        ending = scenario.ending_for(after, facts_of(steps))
        return play.model_copy(update=dict(node=None, state=after, steps=steps, ending=ending.id))
    return play.model_copy(update=dict(node=choice.next, state=after, steps=steps))


class ReplayCache:
    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.plays: dict[tuple[str, ...], PlayState] = {(): start(scenario)}
        self.best = {node_id: max(c.score for c in node.choices) for node_id, node in scenario.nodes.items()}

    def play_after(self, path: tuple[str, ...]) -> Optional[PlayState]:
        play = self.plays.get(path)
        if play is not None:
            return play
        before = self.play_after(path[:-1])
        if before is None:
            return None
        play = advance(self.scenario, before, path[-1])
        if play is None:
            return None
        if len(self.plays) < MAX_PREFIXES:
            self.plays[path] = play
        return play

    def score(self, play: PlayState) -> Score:
        best = tuple(self.best[s.node] for s in play.steps)
        return Score(sum(s.score for s in play.steps), sum(best), best)

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
        if not isinstance(record, dict) or record.get("opening") is not None:
            return None  # a later session's opening: the transcript store replays it
        if not (isinstance(record.get("scenario"), str) and _opt_str(record.get("node"))
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
