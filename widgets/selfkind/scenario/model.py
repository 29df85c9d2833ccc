"""The shape of a scenario file, as pydantic models.

Types, required fields and unknown keys are checked here; everything that needs the
whole scenario (targets, reachability, codes, conditions) is checked in `checker.py`.
The reference for authors is docs/scenario-format.md.
"""

from __future__ import annotations

from functools import cached_property
from typing import Optional, Union

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from .conditions import Condition, holds, parse_condition

END = "end"  # the `next:` that closes the play; the state then picks the ending


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Line(_Strict):
    """One thing the client may say; the first line whose `if` holds is spoken."""

    say: StrictStr
    if_: Optional[StrictStr] = Field(default=None, alias="if")

    @cached_property
    def condition(self) -> Optional[Condition]:
        return parse_condition(self.if_) if self.if_ else None

    def applies(self, state: dict[str, int]) -> bool:
        return self.condition is None or holds(self.condition, state)


Lines = Union[StrictStr, list[Line]]


def pick_line(lines: Lines | None, state: dict[str, int]) -> str:
    """What the client says in this state."""
    if lines is None:
        return ""
    if isinstance(lines, str):
        return lines
    return next((line.say for line in lines if line.applies(state)), "")


class Choice(_Strict):
    """A response the trainee can give, with its code, score and consequences."""

    id: Optional[StrictStr] = None
    text: StrictStr
    codes: list[StrictStr] = Field(min_length=1)
    score: StrictInt
    feedback: StrictStr
    thought: Optional[StrictStr] = None
    effects: dict[StrictStr, StrictInt] = Field(default_factory=dict)
    next: StrictStr


class Node(_Strict):
    """A moment in the conversation: the client speaks, the trainee chooses."""

    client: Lines
    choices: list[Choice] = Field(default_factory=list)

    def choice_id(self, node_id: str, index: int) -> str:
        """A choice's stable id: its own `id`, else `<node>/<position from 1>`."""
        return self.choices[index].id or f"{node_id}/{index + 1}"


class Ending(_Strict):
    """How the play closes; the first ending whose `if` holds is the one reached."""

    id: StrictStr
    if_: Optional[StrictStr] = Field(default=None, alias="if")
    title: StrictStr
    client: Optional[Lines] = None
    debrief: StrictStr

    @cached_property
    def condition(self) -> Optional[Condition]:
        return parse_condition(self.if_) if self.if_ else None

    def applies(self, state: dict[str, int]) -> bool:
        return self.condition is None or holds(self.condition, state)


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

    def ending_for(self, state: dict[str, int]) -> Ending:
        """The ending this state reaches (the last ending is the fallback)."""
        return next((e for e in self.endings if e.applies(state)), self.endings[-1])

    def ending(self, ending_id: str) -> Ending:
        return next(e for e in self.endings if e.id == ending_id)
