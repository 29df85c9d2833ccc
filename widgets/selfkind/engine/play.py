"""Playing a scenario: the whole play state is one serialisable value.

A step is `(state, choice id) -> (new state, Turn)`; nothing is mutated. That gives
save, resume, replay and grading by replay from the same few functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from pydantic import BaseModel, ConfigDict

from .conditions import Facts
from .model import END, Choice, Ending, Scenario, pick_line

LO, HI = 0, 10


class Step(BaseModel):
    """One choice the trainee made, and the client's state after it."""

    model_config = ConfigDict(frozen=True)
    node: str
    choice: str
    text: str
    codes: list[str]
    score: int
    state_after: dict[str, int]
    critical: bool = False  # the choice was safety-critical (derived from the scenario on replay)


class PlayState(BaseModel):
    """Everything about a play in progress: where it is, the client's state, the path."""

    model_config = ConfigDict(frozen=True)
    scenario: str
    node: Optional[str]
    state: dict[str, int]
    steps: tuple[Step, ...] = ()
    ending: Optional[str] = None
    opening: Optional[dict[str, int]] = None  # the state a later session began in (None: the scenario's)

    @property
    def finished(self) -> bool:
        return self.ending is not None

    @property
    def facts(self) -> Facts:
        """What the play has held so far, for conditions such as `used(judge)`."""
        return facts_of(self.steps)


def moved(choice: Choice, state: dict[str, int], facts: Facts) -> dict[str, int]:
    """The client's state after `choice`: its effects for this state, kept within 0–10."""
    effects = choice.change_for(state, facts)
    return {k: max(LO, min(HI, v + effects.get(k, 0))) for k, v in state.items()}


def with_choice(facts: Facts, choice_id: str, choice: Choice) -> Facts:
    """What the play has held once `choice` is made."""
    return Facts(codes=facts.codes | frozenset(choice.codes), critical=facts.critical or choice.critical is not None,
                 chosen=facts.chosen | {choice_id})


def facts_of(steps) -> Facts:
    return Facts(codes=frozenset(code for s in steps for code in s.codes),
                 critical=any(s.critical for s in steps),
                 chosen=frozenset(s.choice for s in steps))


@dataclass(frozen=True)
class Turn:
    """What one choice brought: feedback, the client's thought and reply, or the ending."""

    choice: Choice
    feedback: str
    thought: Optional[str]
    change: dict[str, int]  # how each state variable actually moved
    reply: str  # what the client says next (at the next node, or in the ending)
    ending: Optional[Ending] = None


class PlayError(ValueError):
    """A choice that does not fit the play (finished, or not offered here)."""


def start(scenario: Scenario, opening: Optional[dict[str, int]] = None) -> PlayState:
    """A new play; a later session may open in the state the session before left."""
    if opening is None:
        return PlayState(scenario=scenario.id, node=scenario.start, state=dict(scenario.state))
    if set(opening) != set(scenario.state) or any(not LO <= v <= HI for v in opening.values()):
        raise PlayError(f"an opening state must give each of {', '.join(scenario.state)} a value from {LO} to {HI}")
    return PlayState(scenario=scenario.id, node=scenario.start, state=dict(opening), opening=dict(opening))


def carried_over(scenario: Scenario, before: PlayState) -> dict[str, int]:
    """The state this session opens in after the finished play `before` of the session it
    continues: the carried names as that session left them, the others as the scenario says."""
    return {name: before.state[name] if name in scenario.carries and name in before.state else value
            for name, value in scenario.state.items()}


def client_line(scenario: Scenario, play: PlayState) -> str:
    """What the client is saying now."""
    if play.finished:
        return pick_line(scenario.ending(play.ending).client, play.state, play.facts)
    return pick_line(scenario.nodes[play.node].client, play.state, play.facts)


def thought_for(choice: Choice, state_after: dict[str, int], facts: Facts | None = None) -> Optional[str]:
    """The client's private thought after `choice` (None if the author wrote none)."""
    if choice.thought is None:
        return None
    return pick_line(choice.thought, state_after, facts or Facts()) or None


def offered(scenario: Scenario, play: PlayState) -> list[tuple[str, Choice]]:
    """The choices open to the trainee now, with their ids."""
    if play.finished:
        return []
    node = scenario.nodes[play.node]
    return [(node.choice_id(play.node, i), c) for i, c in enumerate(node.choices)]


def step(scenario: Scenario, play: PlayState, choice_id: str) -> tuple[PlayState, Turn]:
    """Apply one choice; return the new state and what happened."""
    if play.finished:
        raise PlayError(f"the play has ended ({play.ending}); restart to play again")
    choice = dict(offered(scenario, play)).get(choice_id)
    if choice is None:
        ids = ", ".join(cid for cid, _ in offered(scenario, play))
        raise PlayError(f"choice {choice_id!r} is not offered at {play.node!r}; offered: {ids}")
    after = moved(choice, play.state, play.facts)
    change = {k: after[k] - play.state[k] for k in after if after[k] != play.state[k]}
    record = Step(node=play.node, choice=choice_id, text=choice.text, codes=list(choice.codes),
                  score=choice.score, state_after=after, critical=choice.critical is not None)
    steps = play.steps + (record,)
    facts = with_choice(play.facts, choice_id, choice)
    if choice.next == END:
        ending = scenario.ending_for(after, facts)
        new = PlayState(scenario=play.scenario, node=None, state=after, steps=steps, ending=ending.id,
                        opening=play.opening)
    else:
        ending = None
        new = PlayState(scenario=play.scenario, node=choice.next, state=after, steps=steps, opening=play.opening)
    turn = Turn(choice=choice, feedback=choice.feedback, thought=thought_for(choice, after, facts),
                change=change, reply=client_line(scenario, new), ending=ending)
    return new, turn


class Session:
    """A convenience holder of one scenario and its current play state."""

    def __init__(self, scenario: Scenario, play: PlayState | None = None):
        self.scenario = scenario
        self.play = play or start(scenario)

    @property
    def line(self) -> str:
        return client_line(self.scenario, self.play)

    @property
    def choices(self) -> list[tuple[str, Choice]]:
        return offered(self.scenario, self.play)

    def step(self, choice_id: str) -> Turn:
        self.play, turn = step(self.scenario, self.play, choice_id)
        return turn

    def restart(self) -> None:
        self.play = start(self.scenario, self.play.opening)
