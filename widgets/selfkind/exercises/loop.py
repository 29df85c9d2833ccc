"""A loop exercise: the stages of a self-maintaining cycle, with interventions to choose at each.

Authored as YAML in a module's folder (module 04's `performance-loop.yaml`):

    id: performance-loop
    title: "Ife's loop"
    vignette: "..."
    stages:
      - id: standard
        label: "Harsh standard"
        happens: "What happens at this stage, in the vignette."
        options:
          - id: a
            text: "An intervention."
            verdict: helpful          # helpful, partly helpful, unhelpful or unsafe
            best: true                # exactly one per stage
            feedback: "Why."
    first_move:                       # where to begin, across the whole loop
      question: "..."
      options: [{id, text, feedback, best}]

An assignment's loop sets `answers_hidden: true` and marks no option best and gives no
verdict or feedback: the released file must not hold the answers (they live in the hidden
tests). The last stage feeds back into the first. Problems are reported as FILE:LINE with what to
change, like scenarios and quick checks. No widgets here; the view is ui/loop_diagram.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, ValidationError

from .data_errors import dotted_path
from .quickcheck import ChecksError, read_data_source
from ..authoring.problems import Problem

Verdict = Literal["helpful", "partly helpful", "unhelpful", "unsafe"]
ID = r"^[a-z0-9][a-z0-9-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    id: StrictStr = Field(pattern=ID)
    text: StrictStr
    feedback: StrictStr = ""
    verdict: Optional[Verdict] = None
    best: StrictBool = False


class Stage(_Strict):
    id: StrictStr = Field(pattern=ID)
    label: StrictStr
    happens: StrictStr
    options: list[Option] = Field(min_length=2)


class FirstMove(_Strict):
    question: StrictStr
    options: list[Option] = Field(min_length=2)


class Loop(_Strict):
    id: StrictStr = Field(pattern=ID)
    title: StrictStr
    vignette: StrictStr
    answers_hidden: StrictBool = False
    stages: list[Stage] = Field(min_length=3, max_length=8)
    first_move: FirstMove

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)


def load_loop(path: str | Path) -> Loop:
    """The loop in `path`, or ChecksError (FILE:LINE problems) saying what to change."""
    source = read_data_source(path)
    try:
        loop = Loop.model_validate(source.data)
    except ValidationError as exc:
        raise ChecksError([Problem(source.file, source.line(tuple(e["loc"])),
                                   f"`{dotted_path(tuple(e['loc']))}`: {e['msg'].lower()}",
                                   "a loop has id, title, vignette, stages (id, label, happens, options) and "
                                   "first_move (question, options); an option has id, text, feedback, "
                                   "verdict and, for the best one, `best: true`")
                           for e in exc.errors()]) from None
    problems = []
    groups = [(("stages", i, "options"), s.options, f"stage {s.id!r}") for i, s in enumerate(loop.stages)]
    groups.append((("first_move", "options"), loop.first_move.options, "first_move"))
    for where, options, name in groups:
        best = sum(o.best for o in options)
        if loop.answers_hidden:
            if best or any(o.feedback or o.verdict for o in options):
                problems.append(Problem(source.file, source.line(where), f"{name} gives away answers in a loop "
                                        "with `answers_hidden: true`",
                                        "remove `best`, `verdict` and `feedback`; the hidden tests hold the answers"))
        elif best != 1:
            problems.append(Problem(source.file, source.line(where), f"{name} has {best} options marked best",
                                    "mark exactly one option with `best: true`"))
        if not loop.answers_hidden and not all(o.feedback.strip() for o in options):
            problems.append(Problem(source.file, source.line(where), f"{name} has an option without feedback",
                                    "give every option `feedback:` saying why"))
        if not loop.answers_hidden and where[0] == "stages" and not all(o.verdict for o in options):
            problems.append(Problem(source.file, source.line(where), f"{name} has an option without a verdict",
                                    "give every option `verdict:` (helpful, partly helpful, unhelpful or unsafe)"))
        ids = [o.id for o in options]
        if len(set(ids)) != len(ids):
            problems.append(Problem(source.file, source.line(where), f"{name} uses an option id twice",
                                    "give each option its own id"))
    ids = [s.id for s in loop.stages]
    if len(set(ids)) != len(ids) or "first-move" in ids:
        problems.append(Problem(source.file, source.line(("stages",)), "two stages share an id (or one is 'first-move')",
                                "give each stage its own id"))
    if problems:
        raise ChecksError(problems)
    return loop
