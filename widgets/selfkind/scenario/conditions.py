"""The small condition language scenario authors write after `if:`.

    trust >= 6
    shame > 7 and not trust >= 5
    (trust >= 6 or shame <= 3) and shame != 10

Names are the scenario's state variables; numbers are whole numbers.
Parsed into a tiny tree once and evaluated against a state mapping: never `eval`.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Mapping, Union

COMPARE = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt,
    ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
}
_TOKEN = re.compile(r"\s*(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|<|>)|([()]))")
_WORDS = {"and", "or", "not"}


class ConditionError(ValueError):
    """A condition that does not parse; the message says what to write instead."""


@dataclass(frozen=True)
class Compare:
    left: Union[str, int]
    op: str
    right: Union[str, int]


@dataclass(frozen=True)
class Not:
    inner: "Condition"


@dataclass(frozen=True)
class AllOf:
    parts: tuple["Condition", ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple["Condition", ...]


Condition = Union[Compare, Not, AllOf, AnyOf]


def _tokens(text: str) -> list[str | int]:
    out: list[str | int] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise ConditionError(
                f"cannot read {text[pos:].strip()!r} in condition {text!r}"
            )
        number, name, op, paren = match.groups()
        out.append(int(number) if number is not None else (name or op or paren))
        pos = match.end()
    return out


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def fail(self, what: str):
        raise ConditionError(f"{what} in condition {self.text!r}")

    def parse(self) -> Condition:
        if not self.toks:
            self.fail("nothing to test")
        cond = self.any_of()
        if self.peek() is not None:
            self.fail(f"unexpected {self.peek()!r}")
        return cond

    def any_of(self) -> Condition:
        parts = [self.all_of()]
        while self.peek() == "or":
            self.take()
            parts.append(self.all_of())
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def all_of(self) -> Condition:
        parts = [self.negation()]
        while self.peek() == "and":
            self.take()
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def negation(self) -> Condition:
        if self.peek() == "not":
            self.take()
            return Not(self.negation())
        if self.peek() == "(":
            self.take()
            inner = self.any_of()
            if self.take() != ")":
                self.fail("a '(' is never closed")
            return inner
        return self.comparison()

    def operand(self):
        tok = self.take()
        if tok is None:
            self.fail("the condition stops too early")
        if isinstance(tok, int) or (tok not in _WORDS and tok not in COMPARE and tok not in "()"):
            return tok
        self.fail(f"expected a variable name or a number, found {tok!r}")

    def comparison(self) -> Condition:
        left = self.operand()
        op = self.take()
        if op not in COMPARE:
            self.fail(f"expected a comparison such as >= after {left!r}")
        return Compare(left, op, self.operand())


def parse_condition(text: str) -> Condition:
    """Parse `text`, or raise ConditionError saying what is wrong."""
    if not isinstance(text, str):
        raise ConditionError(f"a condition must be text such as 'trust >= 5', not {text!r}")
    return _Parser(text).parse()


def names_in(cond: Condition) -> set[str]:
    """The variable names a condition reads."""
    if isinstance(cond, Compare):
        return {x for x in (cond.left, cond.right) if isinstance(x, str)}
    if isinstance(cond, Not):
        return names_in(cond.inner)
    return set().union(*(names_in(p) for p in cond.parts))


def holds(cond: Condition, state: Mapping[str, int]) -> bool:
    """Evaluate a parsed condition against the client's state."""
    if isinstance(cond, Compare):
        value = lambda x: state[x] if isinstance(x, str) else x  # noqa: E731
        return COMPARE[cond.op](value(cond.left), value(cond.right))
    if isinstance(cond, Not):
        return not holds(cond.inner, state)
    if isinstance(cond, AllOf):
        return all(holds(p, state) for p in cond.parts)
    return any(holds(p, state) for p in cond.parts)
