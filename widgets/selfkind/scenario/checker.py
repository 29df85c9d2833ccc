"""Everything that can be wrong in a scenario file, reported by file, line and fix.

`check_file` never raises for a bad file: it returns the problems it found and, when
there are no errors, the Scenario. `load_scenario` is the strict form the engine uses.
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path

from pydantic import ValidationError

from .codes import CODES, MAX_SCORE, MIN_SCORE
from .conditions import ConditionError, names_in, parse_condition
from .model import END, Scenario
from .problems import Problem, ScenarioError
from .reach import unreachable_endings
from .schema_errors import problems_from
from .source import Source, read_source

REQUIRED_STATE = ("shame", "trust")
STATE_MIN, STATE_MAX = 0, 10
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check_file(path: str | Path) -> tuple[list[Problem], Scenario | None]:
    """Check one scenario file; return (problems, scenario or None if it has errors)."""
    try:
        source = read_source(path)
    except ScenarioError as exc:
        return exc.problems, None
    try:
        scenario = Scenario.model_validate(source.data)
    except ValidationError as exc:
        return problems_from(exc, source), None
    problems = _Checks(source, scenario).run()
    ok = not any(p.severity == "error" for p in problems)
    return problems, scenario if ok else None


def load_scenario(path: str | Path) -> Scenario:
    """Load a scenario for play, or raise ScenarioError listing what to fix."""
    problems, scenario = check_file(path)
    if scenario is None:
        raise ScenarioError([p for p in problems if p.severity == "error"])
    return scenario


class _Checks:
    def __init__(self, source: Source, scenario: Scenario):
        self.src, self.sc = source, scenario
        self.problems: list[Problem] = []

    def add(self, path, message, fix, severity="error"):
        self.problems.append(Problem(self.src.file, self.src.line(path), message, fix, severity))

    def run(self) -> list[Problem]:
        self.metadata()
        self.state()
        for node_id, node in self.sc.nodes.items():
            self.node(node_id, node)
        self.endings()
        if self.sc.start in self.sc.nodes:
            self.graph()
        return self.problems

    def metadata(self):
        if not _SLUG.match(self.sc.id):
            self.add(("id",), f"id {self.sc.id!r} is not a simple name",
                     "use lower-case letters, digits and hyphens, e.g. `first-session-maya`")

    def state(self):
        for name in REQUIRED_STATE:
            if name not in self.sc.state:
                self.add(("state",), f"the client's state has no `{name}`",
                         f"add `{name}:` with a start value from {STATE_MIN} to {STATE_MAX}")
        for name, value in self.sc.state.items():
            if not re.match(r"^[a-z_][a-z0-9_]*$", name) or name in ("and", "or", "not"):
                self.add(("state", name), f"state name {name!r} cannot be used in conditions",
                         "use lower-case letters, digits and underscores")
            if not STATE_MIN <= value <= STATE_MAX:
                self.add(("state", name), f"start value {value} of `{name}` is outside {STATE_MIN}–{STATE_MAX}",
                         f"give a value from {STATE_MIN} to {STATE_MAX}")
        for i, name in enumerate(self.sc.show_state):
            if name not in self.sc.state:
                self.add(("show_state", i), f"`show_state` names {name!r}, which is not in `state`",
                         f"use one of: {', '.join(self.sc.state)}")
        if self.sc.start not in self.sc.nodes:
            self.add(("start",), f"start node {self.sc.start!r} does not exist",
                     f"name one of the nodes, e.g. {next(iter(self.sc.nodes), 'opening')!r}")

    def condition(self, path, text):
        try:
            cond = parse_condition(text)
        except ConditionError as exc:
            self.add(path, f"condition does not parse: {exc}",
                     "write it like `trust >= 6 and shame < 5` (see docs/scenario-format.md)")
            return
        for name in sorted(names_in(cond) - set(self.sc.state)):
            self.add(path, f"condition {text!r} names {name!r}, which is not in `state`",
                     f"use one of: {', '.join(self.sc.state)}, or declare it under `state:`")

    def lines(self, path, lines):
        if isinstance(lines, str):
            return
        for i, line in enumerate(lines):
            if line.if_ is not None:
                self.condition(path + (i, "if"), line.if_)
        if lines and lines[-1].if_ is not None:
            self.add(path + (len(lines) - 1,), "every line here has an `if:`, so in some states the client says nothing",
                     "make the last line unconditional (remove its `if:`)")

    def node(self, node_id, node):
        path = ("nodes", node_id)
        if node_id == END:
            self.add(path, f"`{END}` is reserved for closing the play", "give this node another name")
        self.lines(path + ("client",), node.client)
        if not node.choices:
            self.add(path, f"node {node_id!r} is a loose end: it has no choices and is not an ending",
                     f"add choices, or send the previous choice to `next: {END}`")
        ids = {}
        for i, choice in enumerate(node.choices):
            cpath = path + ("choices", i)
            cid = node.choice_id(node_id, i)
            if cid in ids:
                self.add(cpath, f"choice id {cid!r} is used twice in node {node_id!r}", "give each choice its own id")
            ids[cid] = i
            for j, code in enumerate(choice.codes):
                if code not in CODES:
                    self.add(cpath + ("codes", j), f"unknown code {code!r}", f"use one of: {', '.join(CODES)}")
            if not MIN_SCORE <= choice.score <= MAX_SCORE:
                self.add(cpath + ("score",), f"score {choice.score} is out of range",
                         f"give a score from {MIN_SCORE} to {MAX_SCORE}")
            for name in choice.effects:
                if name not in self.sc.state:
                    self.add(cpath + ("effects", name), f"effect on {name!r}, which is not in `state`",
                             f"use one of: {', '.join(self.sc.state)}")
            if choice.next != END and choice.next not in self.sc.nodes:
                self.add(cpath + ("next",), f"`next: {choice.next}` names no node",
                         f"name an existing node or `{END}`; nodes are: {_some(self.sc.nodes)}")

    def endings(self):
        seen: dict[str, int] = {}
        for i, ending in enumerate(self.sc.endings):
            path = ("endings", i)
            if ending.id in seen:
                self.add(path + ("id",), f"ending id {ending.id!r} is used twice", "give each ending its own id")
            seen[ending.id] = i
            if ending.if_ is not None:
                self.condition(path + ("if",), ending.if_)
            if ending.client is not None:
                self.lines(path + ("client",), ending.client)
        last = len(self.sc.endings) - 1
        if self.sc.endings[last].if_ is not None:
            self.add(("endings", last, "if"), "the last ending has an `if:`, so some plays would have no ending",
                     "remove the `if:` from the last ending: it is the fallback")

    def graph(self):
        sc = self.sc
        def nexts(node_id):  # targets that exist; a dangling `next:` is reported elsewhere
            return [c.next for c in sc.nodes[node_id].choices if c.next in sc.nodes]

        reached = _reachable(sc.start, nexts)
        for node_id in sc.nodes:
            if node_id not in reached:
                self.add(("nodes", node_id), f"node {node_id!r} cannot be reached from the start",
                         "point a choice's `next:` at it, or remove it")
        into: dict[str, list[str]] = {n: [] for n in sc.nodes}
        for node_id, node in sc.nodes.items():
            for c in node.choices:
                if c.next in sc.nodes:
                    into[c.next].append(node_id)
        exits = [n for n, node in sc.nodes.items() if any(c.next == END for c in node.choices)]
        can_end = _reachable_many(exits, lambda n: into[n])
        for node_id in sc.nodes:
            stuck = node_id in reached and node_id not in can_end and sc.nodes[node_id].choices
            if stuck and node_id in _reachable_many(nexts(node_id), nexts):
                self.add(("nodes", node_id), f"node {node_id!r} is in a loop with no way out to an ending",
                         f"give a choice on the loop `next: {END}` or a path that leads there")
        if not any(p.severity == "error" for p in self.problems):
            for i in unreachable_endings(sc):
                self.add(("endings", i), f"ending {sc.endings[i].id!r} can never be reached",
                         "check its `if:` against the state the choices can produce", "warning")


def _some(names) -> str:
    names = list(names)
    return ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")


def _reachable(start, nexts) -> set:
    return _reachable_many([start], nexts)


def _reachable_many(starts, nexts) -> set:
    seen, todo = set(starts), deque(starts)
    while todo:
        for nxt in nexts(todo.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def summary(scenario: Scenario) -> str:
    """'N nodes, D decision points, E endings' for the check's report."""
    decisions = sum(1 for n in scenario.nodes.values() if len(n.choices) >= 2)
    return f"{len(scenario.nodes)} nodes, {decisions} decision points, {len(scenario.endings)} endings"
