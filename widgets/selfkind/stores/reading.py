"""Turning a file's bytes into a validated value, or a reason in words; never an exception.

Absurd files are expected: not text, not JSON, JSON nested 100,000 deep (json.loads
raises RecursionError), NaN, huge files, wrong types. Each becomes a Damage with a reason.
"""

from __future__ import annotations

import json
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .kept import Why

MAX_BYTES = 20_000_000  # far beyond any real trainee file; a bigger one is not ours
M = TypeVar("M", bound=BaseModel)


class Damage(ValueError):
    """File contents that cannot be used; `reason` says why, `why` how it is kept aside."""

    def __init__(self, reason: str, why: Why = Why.DAMAGED):
        self.reason, self.why = reason, why
        super().__init__(reason)


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def load_json(raw: bytes):
    if len(raw) > MAX_BYTES:
        raise Damage(f"it is {len(raw):,} bytes, far larger than a Selfkind file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Damage(f"it is not text ({exc.reason})") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise Damage("it is nested far too deeply to be a Selfkind file") from None
    except MemoryError:
        raise Damage("it is too large to read") from None
    except ValueError as exc:
        raise Damage(f"it is not valid JSON: {exc}") from None


def validated(model: type[M], data) -> M:
    """`data` as `model`, or Damage naming the first place that does not fit."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(x) for x in first["loc"]) or "the top level"
        raise Damage(f"at {where}: {first['msg']}") from None
    except (RecursionError, MemoryError):
        raise Damage("it is nested far too deeply to be a Selfkind file") from None


def whole_number(value, what: str = "version") -> int:
    """A JSON whole number: `true` and `1.0` are refused (in Python True == 1 == 1.0)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Damage(f"its {what} {value!r} is not a whole number")
    return value
