"""Quick checks: short multiple-choice questions authored in a module's `checks.yaml`.

    checks:
      - id: three-components
        question: "Which of these is one of Neff's three components?"
        options:
          - text: "Common humanity"
            correct: true
            feedback: "Yes: ..."
          - text: "Self-esteem"
            feedback: "Not quite: ..."

Each check has exactly one correct option. Problems are reported as FILE:LINE with
what to change, like scenario problems. No widgets here; the view is ui/quickcheck.py.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, ValidationError

from ..authoring.problems import Problem, ScenarioError
from ..authoring.source import Source, read_source
from .data_errors import FieldError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    text: StrictStr
    correct: StrictBool = False
    feedback: StrictStr


class Check(_Strict):
    id: StrictStr
    question: StrictStr
    options: list[Option] = Field(min_length=2)

    @property
    def answer(self) -> int:
        """Position of the correct option."""
        return next(i for i, o in enumerate(self.options) if o.correct)


class ChecksFile(_Strict):
    checks: list[Check] = Field(min_length=1)


class ChecksError(Exception):
    """A checks file that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def load_checks(path: str | Path) -> list[Check]:
    """Every check in `path`, or ChecksError naming file, line and fix."""
    source = read_data_source(path)
    try:
        checks = ChecksFile.model_validate(source.data).checks
    except ValidationError as exc:
        raise ChecksError([_problem(err, source) for err in exc.errors()]) from None
    problems = []
    seen: dict[str, int] = {}
    for i, check in enumerate(checks):
        where = ("checks", i)
        if check.id in seen:
            problems.append(Problem(source.file, source.line(where + ("id",)), f"check id {check.id!r} is used twice",
                                    "give each check its own id"))
        seen[check.id] = i
        right = sum(o.correct for o in check.options)
        if right != 1:
            problems.append(Problem(source.file, source.line(where + ("options",)),
                                    f"check {check.id!r} has {right} correct options",
                                    "mark exactly one option with `correct: true`"))
        texts = [o.text for o in check.options]
        if len(set(texts)) != len(texts):
            problems.append(Problem(source.file, source.line(where + ("options",)),
                                    f"check {check.id!r} offers the same option text twice", "make each option different"))
    if problems:
        raise ChecksError(problems)
    return checks


def load_check(path: str | Path, check_id: str) -> Check:
    """The check with `check_id` in `path`, or ChecksError saying which ids exist."""
    checks = load_checks(path)
    for check in checks:
        if check.id == check_id:
            return check
    raise ChecksError([Problem(str(path), None, f"there is no check with id {check_id!r}",
                               f"use one of: {', '.join(c.id for c in checks)}")])


def read_data_source(path) -> Source:
    """read_source, with its scenario-specific advice reworded for a checks file."""
    try:
        return read_source(path)
    except ScenarioError as exc:
        raise ChecksError([_reword(p) for p in exc.problems]) from None


def _reword(p: Problem) -> Problem:
    start = "start the file with `checks:` and list each check under it (id, question, options)"
    if "not a scenario" in p.message:
        return Problem(p.file, p.line, p.message.replace("not a scenario", "not quick checks"), start)
    if p.message == "file is empty":
        return Problem(p.file, p.line, p.message, start)
    if "is a folder" in p.message:
        return Problem(p.file, p.line, "is a folder, not a checks file", "give the module's checks.yaml file")
    return p


def _problem(err: dict, source: Source) -> Problem:
    e = FieldError.of(err, source)
    known = e.missing_or_unknown("checks have id, question, options; options have text, correct, feedback")
    if known is not None:
        return known
    if e.kind == "too_short":
        return e.problem(f"`{e.name}` has too few items", "give at least one check, and at least two options per check")
    if e.kind.startswith("bool"):
        return e.problem(f"`{e.name}` should be true or false", "write `true` or `false`")
    if e.kind.startswith("string"):
        return e.problem(f"`{e.name}` should be text",
                         "write it as text; put it in quotes if it looks like a number or yes/no")
    return e.problem(f"`{e.name}`: {e.msg.lower()}",
                     "a check has `id`, `question` and `options`; each option has `text`, `feedback` "
                     "and, for the right one, `correct: true`")
