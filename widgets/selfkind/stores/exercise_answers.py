"""The shapes of the course's exercise answers, so a file is validated as a whole before a view uses it."""

from __future__ import annotations

from typing import Optional, Union

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

Number = Union[StrictInt, StrictFloat]
Rating = Optional[StrictInt]  # 0–10; the view keeps it in range


class BaselineCheck(BaseModel):
    """One saved SCS-SF self-check (module 00)."""

    model_config = ConfigDict(extra="ignore")
    taken_at: StrictStr
    responses: dict[StrictStr, StrictInt] = {}
    subscales: dict[StrictStr, Number] = {}
    total: Number


class BaselineAnswers(BaseModel):
    model_config = ConfigDict(extra="ignore")
    checks: list[BaselineCheck] = []


class ComponentRatings(BaseModel):
    model_config = ConfigDict(extra="ignore")
    kindness: Rating = None
    humanity: Rating = None
    mindfulness: Rating = None


class DistressedChildAnswers(BaseModel):
    """Module 01's child-on-the-street-corner ratings and words."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    child: ComponentRatings = ComponentRatings()
    yourself: ComponentRatings = Field(default_factory=ComponentRatings, alias="self")
    to_child: StrictStr = ""
    to_self: StrictStr = ""
