"""Guided practices: a somatic, mindfulness, visualisation or self-compassion exercise as data.

Authored as YAML in a module's `practices/` folder (module 05's `internal-vacation.yaml`):

    id: internal-vacation
    title: "A short internal vacation"
    kind: visualisation            # somatic, mindfulness, visualisation or self-compassion
    duration: 6                    # minutes, roughly the steps' seconds added up
    consent: "What it involves, that it is optional, and that one may stop at any time."
    adaptations:                   # optional: ways to make it gentler (eyes open, shorter, ...)
      - "Keep your eyes open, resting on a spot on the floor."
    steps:
      - text: "What the guide says at this step."
        seconds: 40                # how long the step's timer runs (5 to 600)
    grounding:                     # the way out: short steps back to the room, shown on "Stop and ground"
      - "Look around and name three things you can see."
    check_in:                      # a few questions after (or after the way out)
      - id: how
        question: "How was that?"
        options: ["Settling", "Neutral", "Uncomfortable"]   # optional: without options, a text box
        support_if: ["Uncomfortable"]   # optional: answers after which the `support` note is shown
    support: "What backdraft is, how to ground, where to get help."   # shown after such an answer

No widgets here (the view is ui/practice_player.py). Problems are reported as FILE:LINE with
what to change, like scenarios and quick checks; `selfkind check` checks every
`practices/*.yaml` it is given or finds in a folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from .data_errors import FieldError
from .quickcheck import ChecksError, read_data_source
from ..authoring.problems import Problem

Kind = Literal["somatic", "mindfulness", "visualisation", "self-compassion"]
ID = r"^[a-z0-9][a-z0-9-]*$"
SHAPE = ("a practice has id, title, kind, duration (minutes), consent, steps (text, seconds), "
         "grounding (a list of short lines), check_in (id, question, optional options and support_if) "
         "and, optionally, adaptations and support; "
         "see docs/practice-format.md")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Step(_Strict):
    text: StrictStr = Field(min_length=1)
    seconds: StrictInt = Field(ge=5, le=600)


class Question(_Strict):
    id: StrictStr = Field(pattern=ID)
    question: StrictStr = Field(min_length=1)
    options: Optional[list[StrictStr]] = Field(default=None, min_length=2)
    support_if: list[StrictStr] = Field(default_factory=list)


class Practice(_Strict):
    id: StrictStr = Field(pattern=ID)
    title: StrictStr = Field(min_length=1)
    kind: Kind
    duration: StrictInt = Field(ge=1, le=60)
    consent: StrictStr = Field(min_length=1)
    adaptations: list[StrictStr] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=2, max_length=40)
    grounding: list[StrictStr] = Field(min_length=1, max_length=8)
    check_in: list[Question] = Field(min_length=1, max_length=6)
    support: StrictStr = ""

    @property
    def total_seconds(self) -> int:
        return sum(s.seconds for s in self.steps)


def load_practice(path: str | Path) -> Practice:
    """The practice in `path`, or ChecksError (FILE:LINE problems) saying what to change."""
    source = read_data_source(path)
    try:
        practice = Practice.model_validate(source.data)
    except ValidationError as exc:
        raise ChecksError([_problem(e, source) for e in exc.errors()]) from None
    problems = []
    ids = [q.id for q in practice.check_in]
    for i, qid in enumerate(ids):
        if qid in ids[:i]:
            problems.append(Problem(source.file, source.line(("check_in", i, "id")),
                                    f"check-in question id {qid!r} is used twice", "give each question its own id"))
    for i, q in enumerate(practice.check_in):
        if q.options is not None and len(set(q.options)) != len(q.options):
            problems.append(Problem(source.file, source.line(("check_in", i, "options")),
                                    f"check-in question {q.id!r} offers the same option twice",
                                    "make each option different"))
        unknown = [a for a in q.support_if if a not in (q.options or [])]
        if unknown:
            problems.append(Problem(source.file, source.line(("check_in", i, "support_if")),
                                    f"check-in question {q.id!r}: support_if names {unknown[0]!r}, "
                                    "which is not one of its options", "copy the option's text exactly"))
    if any(q.support_if for q in practice.check_in) and not practice.support.strip():
        problems.append(Problem(source.file, source.line(("check_in",)),
                                "`support_if` is used but the practice has no `support:` text",
                                "add `support:` saying what backdraft is, how to ground and where to get help"))
    planned, total = practice.duration * 60, practice.total_seconds
    if abs(total - planned) > max(60, planned // 2):
        problems.append(Problem(source.file, source.line(("duration",)),
                                f"`duration` says {practice.duration} minutes but the steps add up to "
                                f"{total // 60} min {total % 60} s",
                                "make `duration` the steps' total, rounded to whole minutes"))
    if path is not None and Path(path).stem != practice.id:
        problems.append(Problem(source.file, source.line(("id",)),
                                f"id {practice.id!r} differs from the file name {Path(path).name!r}",
                                f"name the file {practice.id}.yaml, or change the id"))
    if problems:
        raise ChecksError(problems)
    return practice


def check_practice_file(path: str | Path) -> tuple[list[Problem], Optional[Practice]]:
    """(problems, practice or None): what `selfkind check` prints for a practice file."""
    try:
        return [], load_practice(path)
    except ChecksError as exc:
        return exc.problems, None


def summary(practice: Practice) -> str:
    return (f"practice '{practice.id}' ({practice.kind}), {len(practice.steps)} steps, "
            f"{practice.total_seconds // 60} min {practice.total_seconds % 60} s")


def _problem(err: dict, source) -> Problem:
    e = FieldError.of(err, source)
    known = e.missing_or_unknown(SHAPE, shape=SHAPE)
    if known is not None:
        return known
    if e.kind == "literal_error":
        return e.problem(f"`{e.name}` is {e.input!r}", "use one of: somatic, mindfulness, visualisation, self-compassion")
    if e.kind in ("greater_than_equal", "less_than_equal"):
        return e.problem(f"`{e.name}` is {e.input!r}: {e.msg.lower()}",
                         "a step's seconds run from 5 to 600; a duration from 1 to 60 minutes")
    if e.kind.startswith("int"):
        return e.problem(f"`{e.name}` should be a whole number", "write it without quotes")
    return e.problem(f"`{e.name}`: {e.msg.lower()}", SHAPE)


# --- what the player saves: a private log of check-ins, one entry per practice session ------------

class CheckIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    at: StrictStr
    finished: bool  # the last step was reached (not left by the way out)
    stopped_at_step: Optional[StrictInt] = None  # 1-based step where "Stop and ground" was chosen
    answers: dict[StrictStr, StrictStr] = Field(default_factory=dict)


class PracticeLog(BaseModel):
    """The answers model of a practice's exercise file (selfkind.stores.exercises)."""
    model_config = ConfigDict(extra="ignore")
    check_ins: list[CheckIn] = Field(default_factory=list)


def log_name(practice: Practice) -> str:
    """The exercise name a practice's check-ins are saved under."""
    return f"practice-{practice.id}"
