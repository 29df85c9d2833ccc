"""Soothing maps: a functional analysis of one vignette's compulsion, authored as YAML.

    id: soothing-map-priya
    title: "A soothing map: Priya and the evening scroll"
    vignette: "Priya, 38, ..."
    steps:
      - id: trigger
        label: "Trigger feeling"          # the step's name in the diagram and its text equivalent
        heading: "1. The trigger feeling"
        question: "What feeling most probably comes before the scrolling?"
        prompt: "In your own words, ..."  # optional: a short text box under the choice
        options:
          - value: a
            text: "Boredom ..."
            short: "boredom"              # drawn in the loop diagram when chosen
            feedback: "..."               # a module's map: every option has feedback
            correct: true                 # a module's map: one per step

A map used in a graded assignment carries no `correct` and no `feedback` (the release
must not hold the answers): it is either fully marked (one correct option per step, every
option with feedback) or not marked at all. Problems are FILE:LINE with what to change,
like scenarios and quick checks. No widgets here; the view is ui/soothing_map.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, ValidationError

from ..authoring.problems import Problem, ScenarioError
from ..authoring.source import Source, read_source
from .data_errors import FieldError

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MapOption(_Strict):
    value: StrictStr
    text: StrictStr
    short: StrictStr = Field(max_length=40)
    feedback: Optional[StrictStr] = None
    correct: StrictBool = False


class MapStep(_Strict):
    id: StrictStr
    label: StrictStr
    heading: StrictStr
    question: StrictStr
    prompt: Optional[StrictStr] = None
    options: list[MapOption] = Field(min_length=2)

    def option(self, value) -> Optional[MapOption]:
        return next((o for o in self.options if o.value == value), None)

    @property
    def answer(self) -> Optional[str]:
        """The best option's value (None in an unmarked map)."""
        return next((o.value for o in self.options if o.correct), None)


class SoothingMapData(_Strict):
    id: StrictStr
    title: StrictStr
    vignette: StrictStr
    steps: list[MapStep] = Field(min_length=2, max_length=8)

    @property
    def marked(self) -> bool:
        """Whether the map says which option is best at each step (and so can give feedback)."""
        return any(o.correct for s in self.steps for o in s.options)


class MapError(Exception):
    """A soothing-map file that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def load_map(path: str | Path) -> SoothingMapData:
    """The map in `path`, or MapError naming file, line and fix."""
    try:
        source = read_source(path)
    except ScenarioError as exc:
        raise MapError([_reword(p) for p in exc.problems]) from None
    try:
        data = SoothingMapData.model_validate(source.data)
    except ValidationError as exc:
        raise MapError([_problem(err, source) for err in exc.errors()]) from None
    problems = _whole_map_problems(data, source)
    if problems:
        raise MapError(problems)
    return data


def _whole_map_problems(data: SoothingMapData, source: Source) -> list[Problem]:
    problems = []

    def add(where, message, fix):
        problems.append(Problem(source.file, source.line(where), message, fix))

    if not _ID.match(data.id):
        add(("id",), f"map id {data.id!r} is not a simple name", "use lower-case letters, digits and hyphens")
    seen = set()
    for i, step in enumerate(data.steps):
        where = ("steps", i)
        if step.id in seen:
            add(where + ("id",), f"step id {step.id!r} is used twice", "give each step its own id")
        seen.add(step.id)
        values = [o.value for o in step.options]
        if len(set(values)) != len(values):
            add(where + ("options",), f"step {step.id!r} uses an option value twice", "give each option its own value")
        right = sum(o.correct for o in step.options)
        if data.marked and right != 1:
            add(where + ("options",), f"step {step.id!r} has {right} correct options",
                "mark exactly one option per step with `correct: true`")
        for j, option in enumerate(step.options):
            if data.marked and not option.feedback:
                add(where + ("options", j), f"option {option.value!r} of step {step.id!r} has no feedback",
                    "give every option `feedback:` in a map that marks the best options")
            if not data.marked and option.feedback:
                add(where + ("options", j, "feedback"), f"option {option.value!r} of step {step.id!r} has feedback "
                    "but the map marks no correct options",
                    "mark the best option of each step with `correct: true`, or remove the feedback "
                    "(a graded assignment's map holds neither)")
    return problems


def _reword(p: Problem) -> Problem:
    if "not a scenario" in p.message:
        return Problem(p.file, p.line, p.message.replace("not a scenario", "not a soothing map"),
                       "start the file with `id:`, `title:`, `vignette:` and `steps:`")
    return p


def _problem(err: dict, source: Source) -> Problem:
    e = FieldError.of(err, source)
    known = e.missing_or_unknown("a map has id, title, vignette, steps; a step has id, label, heading, question, "
                                 "prompt, options; an option has value, text, short, feedback, correct")
    if known is not None:
        return known
    if e.kind in ("too_short", "too_long"):
        return e.problem(f"`{e.name}` has too few or too many items",
                         "give 2 to 8 steps, and at least two options per step; keep `short` under 40 characters")
    if e.kind.startswith("bool"):
        return e.problem(f"`{e.name}` should be true or false", "write `true` or `false`")
    if e.kind.startswith("string"):
        return e.problem(f"`{e.name}` should be text",
                         "write it as text; put it in quotes if it looks like a number or yes/no")
    return e.problem(f"`{e.name}`: {e.msg.lower()}", "see the example at the top of widgets/selfkind/exercises/soothing_map.py")