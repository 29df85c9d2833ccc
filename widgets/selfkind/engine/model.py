"""The shape of a scenario file, as pydantic models.

Types, required fields and unknown keys are checked here; everything that needs the
whole scenario (targets, reachability, codes, conditions) is checked in `checker.py`.
The reference for authors is docs/scenario-format.md.
"""

from __future__ import annotations

from functools import cached_property
from typing import Optional, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from .conditions import NO_FACTS, Condition, Facts, holds, parse_condition

END = "end"  # the `next:` that closes the play; the state then picks the ending


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Conditional(_Strict):
    """A part of the file that applies only when its `if` holds (always, without one)."""

    if_: Optional[StrictStr] = Field(default=None, alias="if")

    @cached_property
    def condition(self) -> Optional[Condition]:
        return parse_condition(self.if_) if self.if_ else None

    def applies(self, state: dict[str, int], facts: Facts = NO_FACTS) -> bool:
        return self.condition is None or holds(self.condition, state, facts)


class Line(_Conditional):
    """One thing the client may say; the first line whose `if` holds is spoken."""

    say: StrictStr


Lines = Union[StrictStr, list[Line]]


def pick_line(lines: Lines | None, state: dict[str, int], facts: Facts = NO_FACTS) -> str:
    """What the client says in this state, after this much of the play."""
    if lines is None:
        return ""
    if isinstance(lines, str):
        return lines
    return next((line.say for line in lines if line.applies(state, facts)), "")


class EffectCase(_Conditional):
    """How a choice moves the state when its `if` holds (tested before the choice)."""

    change: dict[StrictStr, StrictInt] = Field(default_factory=dict)


class DebriefPart(_Conditional):
    """A paragraph of an ending's debrief, shown when its `if` holds."""

    text: StrictStr


class Choice(_Strict):
    """A response the trainee can give, with its code, score and consequences."""

    id: Optional[StrictStr] = None
    text: StrictStr
    codes: list[StrictStr] = Field(min_length=1)
    score: StrictInt
    feedback: StrictStr
    thought: Optional[Lines] = None
    effects: Union[dict[StrictStr, StrictInt], list[EffectCase]] = Field(default_factory=dict)
    critical: Optional[StrictStr] = None  # why this act is unsafe; it bars the good endings
    score_note: Optional[StrictStr] = None  # the author's reason for a score its codes contradict
    next: StrictStr

    def change_for(self, state: dict[str, int], facts: Facts = NO_FACTS) -> dict[str, int]:
        """How this choice moves the state from `state` (before the choice)."""
        if isinstance(self.effects, dict):
            return self.effects
        return next((case.change for case in self.effects if case.applies(state, facts)), {})

    def effect_cases(self) -> list[dict[str, int]]:
        """Every change this choice can make, whatever the state."""
        return [self.effects] if isinstance(self.effects, dict) else [c.change for c in self.effects]


class Node(_Strict):
    """A moment in the conversation: the client speaks, the trainee chooses."""

    client: Lines
    choices: list[Choice] = Field(default_factory=list)

    def choice_id(self, node_id: str, index: int) -> str:
        """A choice's stable id: its own `id`, else `<node>/<position from 1>`."""
        return self.choices[index].id or f"{node_id}/{index + 1}"


class Ending(_Conditional):
    """How the play closes; the first ending whose `if` holds is the one reached.

    A `good` ending is never reached by a play that holds a critical choice.
    """

    id: StrictStr
    title: StrictStr
    good: StrictBool = False
    client: Optional[Lines] = None
    debrief: Union[StrictStr, list[DebriefPart]]

    def debrief_for(self, state: dict[str, int], facts: Facts = NO_FACTS) -> str:
        """The debrief text for this play: every part whose `if` holds, in order."""
        if isinstance(self.debrief, str):
            return self.debrief
        return "\n\n".join(part.text for part in self.debrief if part.applies(state, facts))


class Client(_Strict):
    """The simulated client: a fictional adult."""

    name: StrictStr
    pronouns: Optional[StrictStr] = None
    age: Optional[StrictInt] = None
    persona: StrictStr


class Scenario(_Strict):
    """A whole branching role-play."""

    id: StrictStr
    title: StrictStr
    module: StrictStr
    client: Client
    content_notes: list[StrictStr] = Field(default_factory=list)
    setting: Optional[StrictStr] = None
    state: dict[StrictStr, StrictInt]
    show_state: list[StrictStr] = Field(default_factory=list)
    start: StrictStr
    nodes: dict[StrictStr, Node]
    endings: list[Ending] = Field(min_length=1)
    # A later session of one client: the id of the session before, and the state names that
    # carry over from where that session left the client (the others start afresh).
    continues: Optional[StrictStr] = None
    carries: list[StrictStr] = Field(default_factory=list)

    def ending_for(self, state: dict[str, int], facts: Facts = NO_FACTS) -> Ending:
        """The ending this play reaches (the last ending is the fallback).

        A play holding a critical choice passes over the good endings.
        """
        return next((e for e in self.endings
                     if e.applies(state, facts) and not (e.good and facts.critical)), self.endings[-1])

    def ending(self, ending_id: str) -> Ending:
        return next(e for e in self.endings if e.id == ending_id)
