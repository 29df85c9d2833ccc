"""The words of module 00's baseline self-check and module 01's distressed-child exercise, as data.

Authored as YAML in the module's folder, so clinicians can edit an exercise's words without
touching Python (docs/exercise-files.md):

    modules/00-orientation/exercises/baseline-self-check.yaml          BaselineSelfCheck (ui/baseline.py)
    modules/01-what-self-compassion-is/exercises/distressed-child.yaml  DistressedChild (ui/distressed_child.py)

Every value is plain text, escaped when shown; paragraphs are separated by a blank line, and
the baseline's `bold:` phrases are the only emphasis. `{gap}`, `{quality}`, `{item}`, `{date}`
and `{total}` are filled in by the view; any other `{...}` is refused. Problems are FILE:LINE with
what to change, like quick checks and practices; `selfkind check` checks both files. No widgets here.
"""

from __future__ import annotations

import re
import string
from html import escape
from pathlib import Path
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError

from .data_errors import FieldError, dotted_path
from .quickcheck import ChecksError, read_data_source
from ..authoring.problems import Problem

Words = Annotated[StrictStr, Field(min_length=1)]  # shown to the trainee, so never empty


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ButtonWords(_Strict):
    label: Words
    tooltip: Words


# --- module 01: the child on the street corner ------------------------------------------------

class Component(_Strict):
    key: Literal["kindness", "humanity", "mindfulness"]  # the trainee's saved ratings are filed under it
    heading: Words  # the component and its opposite, in Neff's terms
    label: Words
    child_question: Words
    self_question: Words
    low: Words
    high: Words
    quality: Words  # what the trainee offers, for the reflecting sentence


class Part(_Strict):
    heading: Words
    intro: Words
    who: Words
    words_label: Words


class SideBySide(_Strict):
    heading: Words
    toward_child: Words
    toward_self: Words
    own_words: Words
    to_child: Words
    to_self: Words


class Reflections(_Strict):
    wide_gap: Words
    small_gap: Words
    same: Words
    self_higher: Words


class DistressedChildWording(_Strict):
    title: Words
    intro: Words
    notice: Words
    part_one: Part
    part_two: Part
    components: list[Component] = Field(min_length=3, max_length=3)
    show_button: ButtonWords
    side_by_side: SideBySide
    reflections: Reflections


# --- module 00: the baseline self-check -------------------------------------------------------

class ScoreTableWords(_Strict):
    caption: Words
    subscale: Words
    items: Words
    mean: Words
    lower_is_better: Words
    total: Words
    after: Words


class BaselineWording(_Strict):
    heading: Words
    intro: Words
    bold: list[StrictStr] = Field(default_factory=list)
    item_label: Words
    item_tooltip: Words
    not_answered: Words
    score_button: ButtonWords
    save_button: ButtonWords
    scores: ScoreTableWords
    history_heading: Words
    history_entry: Words
    footer: Words


# Which `{...}` each templated field may use; every other field may use none.
PLACEHOLDERS = {
    DistressedChildWording: {("reflections", "wide_gap"): {"gap", "quality"},
                             ("reflections", "small_gap"): {"gap", "quality"},
                             ("reflections", "same"): {"gap", "quality"},
                             ("reflections", "self_higher"): {"gap", "quality"}},
    BaselineWording: {("item_label",): {"item"}, ("item_tooltip",): {"item"},
                      ("history_entry",): {"date", "total"}},
}
SHAPE = {DistressedChildWording: "compare with modules/01-what-self-compassion-is/exercises/distressed-child.yaml "
                                 "as the course ships it; see docs/exercise-files.md",
         BaselineWording: "compare with modules/00-orientation/exercises/baseline-self-check.yaml as the course "
                          "ships it; see docs/exercise-files.md"}
FILES = {"distressed-child.yaml": DistressedChildWording, "baseline-self-check.yaml": BaselineWording}


def load_distressed_child(path: str | Path) -> DistressedChildWording:
    """Module 01's exercise words in `path`, or ChecksError (FILE:LINE problems) saying what to change."""
    return _load(path, DistressedChildWording)


def load_baseline(path: str | Path) -> BaselineWording:
    """Module 00's self-check words in `path`, or ChecksError (FILE:LINE problems) saying what to change."""
    return _load(path, BaselineWording)


def is_wording_file(path: Path) -> bool:
    """An exercise-wording file (which `selfkind check` checks with this loader, not as a scenario)."""
    return path.name in FILES


def check_wording_file(path: str | Path) -> tuple[list[Problem], Optional[BaseModel]]:
    """(problems, wording or None): what `selfkind check` prints for an exercise-wording file."""
    try:
        return [], _load(path, FILES[Path(path).name])
    except ChecksError as exc:
        return exc.problems, None


def find_module_file(name: str, module: str) -> Path:
    """Where a view finds its module's file when the notebook does not name it.

    First the notebook's own folder (a module's notebook runs there, in JupyterLab and under
    Voila), then modules/<module>/ of the course checkout this package runs from (an editable
    install: tests, a notebook elsewhere). ChecksError if neither has it.
    """
    here = Path(name)
    if here.is_file():
        return here
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "modules" / module / name
        if candidate.is_file():
            return candidate
    raise ChecksError([Problem(name, None, f"not found in this notebook's folder ({Path.cwd()}) "
                               f"nor in a course checkout's modules/{module}/",
                               f"open the notebook from modules/{module}/, or give the file's path "
                               "with the exercise's from_file(PATH)")])


def bold_pattern(phrase: str) -> re.Pattern:
    """`phrase` as it appears in escaped text, wherever the author broke its lines."""
    return re.compile(r"\s+".join(re.escape(_escaped(word)) for word in phrase.split()))


def _escaped(text: str) -> str:
    return escape(text, quote=True)


def _load(path, model):
    try:
        source = read_data_source(path)
    except ChecksError as exc:
        raise ChecksError([_reword(p, model) for p in exc.problems]) from None
    try:
        wording = model.model_validate(source.data)
    except ValidationError as exc:
        raise ChecksError([_problem(e, source, model) for e in exc.errors()]) from None
    problems = _placeholder_problems(source, source.data, (), PLACEHOLDERS[model])
    if model is DistressedChildWording:
        keys = [c.key for c in wording.components]
        if len(set(keys)) != len(keys):
            problems.append(Problem(source.file, source.line(("components",)), "a component `key` is used twice",
                                    "keep the three keys kindness, humanity and mindfulness, one each"))
    else:
        for i, phrase in enumerate(wording.bold):
            if not phrase.strip() or not bold_pattern(phrase).search(_escaped(wording.intro)):
                problems.append(Problem(source.file, source.line(("bold", i)),
                                        f"the bold phrase {phrase!r} is not in the intro",
                                        "copy the phrase exactly from `intro:`, or remove it from `bold:`"))
    if problems:
        raise ChecksError(problems)
    return wording


def _reword(p: Problem, model) -> Problem:
    """read_data_source's advice is for a checks file; an empty or keyless file gets this file's."""
    if p.message == "file is empty" or "not quick checks" in p.message:
        return Problem(p.file, p.line, p.message.replace("not quick checks", "not exercise wording"),
                       f"write the exercise's keys and words; {SHAPE[model]}")
    if "in a scenario" in p.message:  # a YAML tag: refused in every course file alike
        return Problem(p.file, p.line, p.message.replace(" in a scenario", " in an exercise-wording file"), p.fix)
    if "not a checks file" in p.message:
        return Problem(p.file, p.line, "is a folder, not an exercise-wording file",
                       f"give the module's {next(n for n, m in FILES.items() if m is model)}")
    return p


def _placeholder_problems(source, data, where: tuple, allowed: dict) -> list[Problem]:
    """Every text whose `{...}` the view cannot fill in, with its line."""
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _placeholder_problems(source, value, where + (key,), allowed)]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in _placeholder_problems(source, value, where + (i,), allowed)]
    if not isinstance(data, str):
        return []
    names = allowed.get(where, set())
    usable = " and ".join(f"{{{n}}}" for n in sorted(names)) if names else "no {...}"
    try:
        used = [(name, spec, conv) for _text, name, spec, conv in string.Formatter().parse(data) if name is not None]
    except ValueError:
        return [Problem(source.file, source.line(where), f"`{dotted_path(where)}` has an unmatched {{ or }}",
                        f"remove the brace; this text may use {usable}")]
    bad = [name for name, spec, conv in used if name not in names or spec or conv]
    if bad:
        return [Problem(source.file, source.line(where), f"`{dotted_path(where)}` uses {{{bad[0]}}}, "
                        "which the course does not fill in", f"this text may use {usable}; write any other "
                        "words without braces")]
    return []


def _problem(err: dict, source, model) -> Problem:
    e = FieldError.of(err, source)
    known = e.missing_or_unknown(SHAPE[model], shape=SHAPE[model])
    if known is not None:
        return known
    if e.kind == "literal_error":
        return e.problem(f"`{e.name}` is {e.input!r}",
                         "use one of: kindness, humanity, mindfulness (the saved ratings are filed under these)")
    if e.kind == "string_too_short":
        return e.problem(f"`{e.name}` is empty", "write the words the trainee should see")
    if e.kind in ("too_short", "too_long"):
        return e.problem(f"`{e.name}` should have exactly three components",
                         "keep kindness, humanity and mindfulness, one each")
    if e.kind.startswith("string"):
        return e.problem(f"`{e.name}` should be text",
                         "write it as text; put it in quotes if it looks like a number or yes/no")
    return e.problem(f"`{e.name}`: {e.msg.lower()}", SHAPE[model])