"""The small condition language scenario authors write after `if:`.

    trust >= 6
    shame > 7 and not trust >= 5
    (trust >= 6 or shame <= 3) and shame != 10

Names are the scenario's state variables; numbers are whole numbers. Three tests ask
what the play has held so far (its `Facts`), so a client can remember how they were
treated and a debrief can say what happened:

    used(judge)          a choice with that code was made
    critical             a safety-critical choice was made
    chose(opening/2)     that choice was made

Parsed into a tiny tree once and evaluated against a state and facts: never `eval`.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Union

COMPARE = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt,
    ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
}
_TOKEN = re.compile(r"\s*(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|<|>)|([()]))")
# The history tests are read whole, before other tokens: a choice id may hold '/' and '-'.
_HISTORY = re.compile(r"\s*(used|chose)\s*\(\s*([A-Za-z0-9_][A-Za-z0-9_./-]*)\s*\)")
_WORDS = {"and", "or", "not"}
RESERVED = _WORDS | {"used", "chose", "critical"}  # never state names
MAX_DIGITS = 6  # numbers in conditions are small; a huge one is a slip, not a threshold
MAX_DEPTH = 50  # brackets and `not`s nested deeper than this are refused, not recursed into


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


@dataclass(frozen=True)
class Used:
    code: str


@dataclass(frozen=True)
class Chose:
    choice: str


@dataclass(frozen=True)
class Critical:
    pass


Condition = Union[Compare, Not, AllOf, AnyOf, Used, Chose, Critical]


@dataclass(frozen=True)
class Facts:
    """What a play has held so far: the codes used, whether a choice was critical, the choices."""

    codes: frozenset = frozenset()
    critical: bool = False
    chosen: frozenset = frozenset()


NO_FACTS = Facts()


def _tokens(text: str) -> list[str | int]:
    out: list[str | int] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        history = _HISTORY.match(text, pos)
        if history:
            out.append((history.group(1), history.group(2)))
            pos = history.end()
            continue
        match = _TOKEN.match(text, pos)
        if not match:
            raise ConditionError(
                f"cannot read {_short(text[pos:].strip())!r} in condition {_short(text)!r}"
            )
        number, name, op, paren = match.groups()
        if number is not None and len(number) > MAX_DIGITS:
            raise ConditionError(f"the number {number[:12]}... in condition {_short(text)!r} is far too large")
        out.append(int(number) if number is not None else (name or op or paren))
        pos = match.end()
    return out


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.depth = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def fail(self, what: str):
        raise ConditionError(f"{what} in condition {_short(self.text)!r}")

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
        tok = self.peek()
        if tok in ("not", "("):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                self.fail(f"brackets or `not` nested more than {MAX_DEPTH} deep")
            self.take()
            if tok == "not":
                inner = Not(self.negation())
            else:
                inner = self.any_of()
                if self.take() != ")":
                    self.fail("a '(' is never closed")
            self.depth -= 1
            return inner
        if isinstance(tok, tuple):
            self.take()
            return Used(tok[1]) if tok[0] == "used" else Chose(tok[1])
        if tok == "critical":
            self.take()
            return Critical()
        return self.comparison()

    def operand(self):
        tok = self.take()
        if tok is None:
            self.fail("the condition stops too early")
        if isinstance(tok, int) or (isinstance(tok, str) and tok not in RESERVED
                                    and tok not in COMPARE and tok not in "()"):
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
    return _parsed(text)


@lru_cache(maxsize=4096)
def _parsed(text: str) -> Condition:
    # Authors repeat a few conditions ("trust >= 7") across many lines; the trees are frozen, so one is shared.
    return _Parser(text).parse()


def names_in(cond: Condition) -> set[str]:
    """The variable names a condition reads."""
    if isinstance(cond, Compare):
        return {x for x in (cond.left, cond.right) if isinstance(x, str)}
    if isinstance(cond, Not):
        return names_in(cond.inner)
    if isinstance(cond, (AllOf, AnyOf)):
        return set().union(*(names_in(p) for p in cond.parts))
    return set()


def atoms_in(cond: Condition) -> list:
    """The history tests (Used, Chose, Critical) a condition makes."""
    if isinstance(cond, (Used, Chose, Critical)):
        return [cond]
    if isinstance(cond, Not):
        return atoms_in(cond.inner)
    if isinstance(cond, (AllOf, AnyOf)):
        return [a for p in cond.parts for a in atoms_in(p)]
    return []


def holds(cond: Condition, state: Mapping[str, int], facts: Facts = NO_FACTS) -> bool:
    """Evaluate a parsed condition against the client's state and what the play has held."""
    if isinstance(cond, Compare):
        value = lambda x: state[x] if isinstance(x, str) else x  # noqa: E731
        return COMPARE[cond.op](value(cond.left), value(cond.right))
    if isinstance(cond, Not):
        return not holds(cond.inner, state, facts)
    if isinstance(cond, AllOf):
        return all(holds(p, state, facts) for p in cond.parts)
    if isinstance(cond, AnyOf):
        return any(holds(p, state, facts) for p in cond.parts)
    if isinstance(cond, Used):
        return cond.code in facts.codes
    if isinstance(cond, Chose):
        return cond.choice in facts.chosen
    return facts.critical


def _short(text: str, limit: int = 80) -> str:
    """A condition as quoted in a message: a runaway one is cut, not printed whole."""
    return text if len(text) <= limit else text[:limit] + "..."
