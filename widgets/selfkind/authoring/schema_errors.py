"""Turn pydantic's validation errors into Problems that name the line and the fix."""

from __future__ import annotations

from pydantic import ValidationError

from ..engine.model import Choice, Client, DebriefPart, EffectCase, Ending, Line, Node, Scenario
from .problems import Problem
from .source import Source

FORMAT_DOC = "docs/scenario-format.md"


def _data_path(data, loc: tuple) -> tuple:
    """Drop pydantic's union tags (e.g. 'list[Line]') so the path matches the file."""
    path, here = [], data
    for i, step in enumerate(loc):
        if isinstance(here, dict) and step in here:
            path.append(step)
            here = here[step]
        elif isinstance(here, list) and isinstance(step, int) and step < len(here):
            path.append(step)
            here = here[step]
        elif i == len(loc) - 1 and not isinstance(step, int) and "[" not in str(step):
            path.append(step)  # a key that is missing, or a key of the wrong kind
    return tuple(path)


def _model_at(path: tuple):
    """Which part of the format a path points into, for listing its allowed keys."""
    if len(path) <= 1:
        return Scenario
    head = path[0]
    if head == "client":
        return Client
    if head == "nodes":
        if len(path) >= 4 and path[2] == "choices":
            if len(path) >= 7 and path[4] == "effects":
                return EffectCase
            if len(path) >= 7 and path[4] == "thought":
                return Line
            return Choice
        if len(path) >= 4 and path[2] == "client":
            return Line
        return Node
    if head == "endings":
        if len(path) >= 4 and path[2] == "debrief":
            return DebriefPart
        return Line if len(path) >= 4 and path[2] == "client" else Ending
    return Scenario


def _allowed(model) -> str:
    return ", ".join((f.alias or name) for name, f in model.model_fields.items())


def _dotted(path: tuple) -> str:
    out = ""
    for step in path:
        out += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "the file"


def problems_from(error: ValidationError, source: Source) -> list[Problem]:
    problems: list[Problem] = []
    grouped: dict[tuple, list[dict]] = {}
    for err in error.errors():
        grouped.setdefault(_data_path(source.data, err["loc"]), []).append(err)
    for path, errs in grouped.items():
        line = source.line(path)
        where = _dotted(path)
        kind = errs[0]["type"]
        field = path[-1] if path else ""
        if kind == "missing":
            parent = _dotted(path[:-1])
            problems.append(Problem(source.file, line, f"`{field}` is missing in {parent}",
                                    f"add `{field}:` (see {FORMAT_DOC})"))
        elif kind == "extra_forbidden":
            problems.append(Problem(source.file, line, f"unknown key `{field}` in {_dotted(path[:-1])}",
                                    f"check its spelling or remove it; allowed here: {_allowed(_model_at(path))}"))
        elif len(errs) > 1 and all(e["type"] in ("string_type", "list_type") for e in errs):
            problems.append(Problem(source.file, line, f"`{where}` should be text or a list of lines",
                                    "write the line as text, or as a list of items with `say:` and optional `if:`"))
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            problems.append(Problem(source.file, line, f"`{where}` should be a whole number",
                                    "write a whole number such as 2 or -1, without quotes"))
        elif kind == "string_type":
            problems.append(Problem(source.file, line, f"`{where}` should be text",
                                    "write it as text; put it in quotes if it looks like a number or yes/no"))
        elif kind == "too_short":
            problems.append(Problem(source.file, line, f"`{where}` is empty",
                                    f"give at least one item (see {FORMAT_DOC})"))
        else:
            problems.append(Problem(source.file, line, f"`{where}`: {errs[0]['msg'].lower()}",
                                    f"see {FORMAT_DOC} for what this key holds"))
    return problems
