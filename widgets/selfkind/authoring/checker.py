"""Everything that can be wrong in a scenario file, reported by file, line and fix.

`check_file` never raises for a bad file: it returns the problems it found and, when
there are no errors, the Scenario. `load_scenario` is the strict form the engine uses.
"""

from __future__ import annotations

import re
from collections import deque
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from . import rules
from ..engine.collector import collector_paused
from ..engine.codes import CODES, HINDERING, MAX_SCORE, MIN_SCORE
from ..engine.conditions import RESERVED, Chose, ConditionError, Used, atoms_in, names_in, parse_condition
from ..engine.model import END, Scenario
from .problems import Problem, ScenarioError
from ..engine.reach import unreachable_endings
from ..engine.routes import explore
from .schema_errors import problems_from
from .source import Source, read_source

REQUIRED_STATE = rules.REQUIRED_STATE
STATE_MIN, STATE_MAX = rules.STATE_MIN, rules.STATE_MAX
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")  # matched in full: "example\n" is not a name
_STATE_NAME = re.compile(r"[a-z_][a-z0-9_]*")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")  # node and ending ids, matched in full
_CHOICE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_/-]*")  # a stamped id keeps its `node/2` form
_KNOWN_CODES = frozenset(CODES)  # a choice's codes tested in one call


def check_file(path: str | Path, warnings: bool = True) -> tuple[list[Problem], Scenario | None]:
    """Check one scenario file; return (problems, scenario or None if it has errors).

    `warnings=False` skips the analyses that can only warn (walking every situation),
    which is all a play needs: errors still stop a broken file.
    """
    with collector_paused():  # see engine/collector.py: most of a large check was collector passes
        try:
            source = read_source(path)
        except ScenarioError as exc:
            return exc.problems, None
        try:
            scenario = Scenario.model_validate(source.data)
        except ValidationError as exc:
            return problems_from(exc, source), None
        problems = _Checks(source, scenario, warnings).run()
        problems += _CourseRules(source, scenario, path).run(problems)
    ok = not any(p.severity == "error" for p in problems)
    return problems, scenario if ok else None


_LOADED: dict[tuple, Scenario] = {}


def load_scenario(path: str | Path) -> Scenario:
    """Load a scenario for play, or raise ScenarioError listing what to fix.

    A file already loaded in this process, with the same content, is not checked again.
    """
    import hashlib  # here, not at the top: `selfkind check` never needs it

    path = Path(path)
    try:
        key = (str(path.resolve()), hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        key = None
    if key in _LOADED:
        return _LOADED[key]
    problems, scenario = check_file(path, warnings=False)
    if scenario is None:
        raise ScenarioError([p for p in problems if p.severity == "error"])
    if key is not None:
        _LOADED[key] = scenario
    return scenario


class _Checks:
    def __init__(self, source: Source, scenario: Scenario, warnings: bool = True):
        self.src, self.sc, self.warnings = source, scenario, warnings
        self.problems: list[Problem] = []
        self.condition_problems: dict[str, list[tuple[str, str]]] = {}

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
        if not _SLUG.fullmatch(self.sc.id):
            self.add(("id",), f"id {self.sc.id!r} is not a simple name",
                     "use lower-case letters, digits and hyphens, e.g. `first-session-maya`")

    def state(self):
        for name in REQUIRED_STATE:
            if name not in self.sc.state:
                self.add(("state",), f"the client's state has no `{name}`",
                         f"add `{name}:` with a start value from {STATE_MIN} to {STATE_MAX}")
        for name, value in self.sc.state.items():
            if not _STATE_NAME.fullmatch(name) or name in RESERVED:
                self.add(("state", name), f"state name {name!r} cannot be used in conditions",
                         "use lower-case letters, digits and underscores")
            if not STATE_MIN <= value <= STATE_MAX:
                self.add(("state", name), f"start value {value} of `{name}` is outside {STATE_MIN}–{STATE_MAX}",
                         f"give a value from {STATE_MIN} to {STATE_MAX}")
        for i, name in enumerate(self.sc.carries):
            if name not in self.sc.state:
                self.add(("carries", i), f"`carries` names {name!r}, which is not in `state`",
                         f"use one of: {', '.join(self.sc.state)}")
        if self.sc.carries and self.sc.continues is None:
            self.add(("carries",), "`carries` is set but `continues` is not",
                     "name the session this one continues with `continues: <its id>`")
        if self.sc.continues is not None and not _SLUG.fullmatch(self.sc.continues):
            self.add(("continues",), f"`continues: {self.sc.continues!r}` is not a scenario id",
                     "give the id of the session before, e.g. `capstone-session-1`")
        for i, name in enumerate(self.sc.show_state):
            if name not in self.sc.state:
                self.add(("show_state", i), f"`show_state` names {name!r}, which is not in `state`",
                         f"use one of: {', '.join(self.sc.state)}")
        if self.sc.start not in self.sc.nodes:
            self.add(("start",), f"start node {self.sc.start!r} does not exist",
                     f"name one of the nodes, e.g. {next(iter(self.sc.nodes), 'opening')!r}")

    def condition(self, path, text):
        # A condition's problems depend on its text alone (within one scenario), and large
        # scenarios repeat the same few conditions: each text is looked at once.
        found = self.condition_problems.get(text)
        if found is None:
            found = self.condition_problems[text] = self.condition_text(text)
        for message, fix in found:
            self.add(path, message, fix)

    def condition_text(self, text) -> list[tuple[str, str]]:
        """(message, fix) for each problem in one condition's text."""
        try:
            cond = parse_condition(text)
        except ConditionError as exc:
            return [(f"condition does not parse: {exc}",
                     "write it like `trust >= 6 and shame < 5` (see docs/scenario-format.md)")]
        found = []
        for name in sorted(names_in(cond) - set(self.sc.state)):
            found.append((f"condition {text!r} names {name!r}, which is not in `state`",
                          f"use one of: {', '.join(self.sc.state)}, or declare it under `state:`"))
        for atom in atoms_in(cond):
            if isinstance(atom, Used) and atom.code not in CODES:
                found.append((f"`used({atom.code})` names no code of the response code",
                              f"use one of: {', '.join(CODES)}"))
            if isinstance(atom, Chose) and atom.choice not in self.choice_ids:
                found.append((f"`chose({atom.choice})` names no choice",
                              "give a choice's id: its own `id:`, or its node and position such as `opening/2`"))
        return found

    @cached_property
    def choice_ids(self) -> set[str]:
        return {n.choice_id(nid, i) for nid, n in self.sc.nodes.items() for i in range(len(n.choices))}

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
        if not _NAME.fullmatch(node_id):
            self.add(path, f"node name {node_id!r} is not a simple name",
                     "use letters, digits, hyphens and underscores, e.g. `first-question`")
        self.lines(path + ("client",), node.client)
        if not node.choices:
            self.add(path, f"node {node_id!r} is a loose end: it has no choices and is not an ending",
                     f"add choices, or send the previous choice to `next: {END}`")
        ids = set()
        named = any(choice.id is not None for choice in node.choices)  # else ids are positions, never twice
        for i, choice in enumerate(node.choices):
            cpath = path + ("choices", i)
            if choice.id is not None and not _CHOICE_ID.fullmatch(choice.id):
                self.add(cpath + ("id",), f"choice id {choice.id!r} is not a simple name",
                         "use letters, digits, hyphens and underscores, e.g. `ask-consent`")
            if named:
                cid = node.choice_id(node_id, i)
                if cid in ids:
                    self.add(cpath, f"choice id {cid!r} is used twice in node {node_id!r}", "give each choice its own id")
                ids.add(cid)
            if not _KNOWN_CODES.issuperset(choice.codes):
                for j, code in enumerate(choice.codes):
                    if code not in CODES:
                        self.add(cpath + ("codes", j), f"unknown code {code!r}", f"use one of: {', '.join(CODES)}")
            if not MIN_SCORE <= choice.score <= MAX_SCORE:
                self.add(cpath + ("score",), f"score {choice.score} is out of range",
                         f"give a score from {MIN_SCORE} to {MAX_SCORE}")
            self.effects(cpath, choice)
            if choice.thought is not None:
                self.lines(cpath + ("thought",), choice.thought)
            if choice.critical is not None:
                if not set(choice.codes) & set(HINDERING) or choice.score >= 0:
                    self.add(cpath + ("critical",), "a critical choice must carry a hindering code and a negative score",
                             "code what makes it unsafe (e.g. `fix`, `judge`) and score it -1 or -2")
                if not choice.critical.strip():
                    self.add(cpath + ("critical",), "`critical:` is empty",
                             "say in a sentence why this act is unsafe; the trainee reads it in the debrief")
            contradiction = rules.score_contradicts_codes(choice.codes, choice.score)
            if contradiction and not choice.score_note:
                self.add(cpath + ("score",), f"{contradiction}",
                         "check the codes and the score; if both are right, say why in `score_note:`", "warning")
            if choice.next != END and choice.next not in self.sc.nodes:
                self.add(cpath + ("next",), f"`next: {choice.next}` names no node",
                         f"name an existing node or `{END}`; nodes are: {_some(self.sc.nodes)}")

    def effects(self, cpath, choice):
        if isinstance(choice.effects, dict):
            if choice.effects.keys() <= self.sc.state.keys():
                return  # the common case, said at C speed: every name it moves is declared
            cases = [(cpath + ("effects",), choice.effects)]
        else:
            cases = [(cpath + ("effects", i, "change"), case.change) for i, case in enumerate(choice.effects)]
            for i, case in enumerate(choice.effects):
                if case.if_ is not None:
                    self.condition(cpath + ("effects", i, "if"), case.if_)
            if not choice.effects or choice.effects[-1].if_ is not None:
                self.add(cpath + ("effects",), "every effect here has an `if:`, so in some states the choice does nothing",
                         "make the last effect unconditional (remove its `if:`; `change: {}` if nothing should move)")
        for path, change in cases:
            for name in change:
                if name not in self.sc.state:
                    self.add(path + (name,), f"effect on {name!r}, which is not in `state`",
                             f"use one of: {', '.join(self.sc.state)}")

    def endings(self):
        seen: dict[str, int] = {}
        for i, ending in enumerate(self.sc.endings):
            path = ("endings", i)
            if not _NAME.fullmatch(ending.id):
                self.add(path + ("id",), f"ending id {ending.id!r} is not a simple name",
                         "use letters, digits, hyphens and underscores, e.g. `opening-up`")
            if ending.id in seen:
                self.add(path + ("id",), f"ending id {ending.id!r} is used twice", "give each ending its own id")
            seen[ending.id] = i
            if ending.if_ is not None:
                self.condition(path + ("if",), ending.if_)
            if ending.client is not None:
                self.lines(path + ("client",), ending.client)
            if isinstance(ending.debrief, list):
                for j, part in enumerate(ending.debrief):
                    if part.if_ is not None:
                        self.condition(path + ("debrief", j, "if"), part.if_)
        last = len(self.sc.endings) - 1
        if self.sc.endings[last].if_ is not None:
            self.add(("endings", last, "if"), "the last ending has an `if:`, so some plays would have no ending",
                     "remove the `if:` from the last ending: it is the fallback")
        if self.sc.endings[last].good:
            self.add(("endings", last, "good"), "the last ending is the fallback, so it cannot be `good: true`",
                     "end the list with an ending that is not good (a play with a critical choice falls back to it)")
        if not any(e.good for e in self.sc.endings):
            self.add(("endings",), "no ending is marked `good: true`",
                     "mark the endings that count as a good outcome with `good: true`")

    def graph(self):
        sc = self.sc
        nexts, exits = {}, []  # per node, the targets that exist (a dangling `next:` is reported elsewhere)
        for node_id, node in sc.nodes.items():
            targets = [c.next for c in node.choices]
            if END in targets:
                exits.append(node_id)
            nexts[node_id] = [t for t in targets if t in sc.nodes]

        reached = _reachable(sc.start, nexts.__getitem__)
        for node_id in sc.nodes:
            if node_id not in reached:
                self.add(("nodes", node_id), f"node {node_id!r} cannot be reached from the start",
                         "point a choice's `next:` at it, or remove it")
        into: dict[str, list[str]] = {n: [] for n in sc.nodes}
        for node_id, targets in nexts.items():
            for target in targets:
                into[target].append(node_id)
        can_end = _reachable_many(exits, into.__getitem__)
        stuck = {n for n in reached if n not in can_end and sc.nodes[n].choices}
        for node_id in sorted(_on_cycles(stuck, lambda n: [m for m in nexts[n] if m in stuck])):
            self.add(("nodes", node_id), f"node {node_id!r} is in a loop with no way out to an ending",
                     f"give a choice on the loop `next: {END}` or a path that leads there")
        if self.warnings and not any(p.severity == "error" for p in self.problems):
            self.reach()

    def reach(self):
        """Warnings from walking the scenario: endings no play reaches, one-line nodes reached
        in very different states. Exact when the walk is small enough, else by intervals."""
        sc = self.sc
        found = explore(sc)
        if found is None:
            unreached = unreachable_endings(sc)
        else:
            unreached = [i for i, e in enumerate(sc.endings) if e.id not in found.endings]
            for node_id, node in sc.nodes.items():
                for name in rules.LINE_SPREAD_STATE:
                    line, low, high = found.widest_line(node_id, name)
                    if high - low >= rules.LINE_SPREAD_WARNING:
                        only = isinstance(node.client, str) or len(node.client) == 1
                        which = "the client's only line" if only else f"line {line + 1}"
                        self.add(("nodes", node_id, "client") + (() if isinstance(node.client, str) else (line,)),
                                 f"at node {node_id!r}, {which} is spoken with {name} anywhere from {low} to {high}",
                                 f"write lines with `if: {name} ...` (or `used(...)`) so a client at {low} "
                                 f"and one at {high} answer as each would", "warning")
                        break
        for i in unreached:
            self.add(("endings", i), f"ending {sc.endings[i].id!r} can never be reached",
                     "check its `if:` against the state the choices can produce", "warning")


def _some(names) -> str:
    names = list(names)
    return ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")


def _on_cycles(nodes: set, nexts) -> set:
    """The nodes that lie on a cycle (Tarjan's strongly connected components, iteratively:
    linear in the graph, and no recursion limit on a 10,000-node loop)."""
    index, low, on_stack, stack, result, counter = {}, {}, set(), [], set(), 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(nexts(root)))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(nexts(child))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in nexts(node):
                    result.update(component)
    return result


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


class _CourseRules:
    """The course's rules (rules.py) for a file in a module's scenarios/ folder."""

    def __init__(self, source: Source, scenario: Scenario, path):
        self.src, self.sc, self.module = source, scenario, rules.course_module_of(path)

    def run(self, earlier: list[Problem]) -> list[Problem]:
        if self.module is None:
            return []
        out, sc, line = [], self.sc, self.src.line
        def add(path, message, fix):
            out.append(Problem(self.src.file, line(path), message, fix))
        if sc.module != self.module:
            add(("module",), f"`module: {sc.module}` does not match the folder it is in ({self.module})",
                f"write `module: {self.module}`, or move the file to that module's scenarios/ folder")
        decisions = decision_points(sc)
        if decisions < rules.MIN_DECISION_POINTS:
            add(("nodes",), f"{decisions} decision points; the course asks for {rules.MIN_DECISION_POINTS} or more",
                "add nodes where the trainee chooses between two or more responses")
        if len(sc.endings) < rules.MIN_ENDINGS:
            add(("endings",), f"{len(sc.endings)} endings; the course asks for {rules.MIN_ENDINGS} or more",
                "add endings for the different ways the conversation can close")
        if sc.continues is not None and sc.continues not in _ids_beside(self.src.file):
            add(("continues",), f"`continues: {sc.continues}` names no scenario in this folder",
                "give the id of the session before, whose file sits in the same scenarios/ folder")
        if all(isinstance(n.client, str) or len(n.client) < 2 for n in sc.nodes.values()):
            add(("nodes",), "the client says the same whatever their state",
                "give some nodes lines with `if:` so that what the client says follows their trust and shame")
        return out


def _ids_beside(file: str) -> set[str]:
    """The `id:` of every scenario file in the same folder (read as text: quick, and a broken
    neighbour is reported when it is checked itself)."""
    ids = set()
    for other in Path(file).parent.glob("*.yaml"):
        match = re.search(r"^id:\s*[\"']?([a-z0-9-]+)", other.read_text(encoding="utf-8", errors="replace"), re.M)
        if match:
            ids.add(match.group(1))
    return ids


def decision_points(scenario: Scenario) -> int:
    return sum(1 for n in scenario.nodes.values() if len(n.choices) >= 2)


def summary(scenario: Scenario) -> str:
    """'N nodes, D decision points, E endings' for the check's report."""
    critical = sum(1 for n in scenario.nodes.values() for c in n.choices if c.critical)
    good = sum(1 for e in scenario.endings if e.good)
    return (f"{len(scenario.nodes)} nodes, {decision_points(scenario)} decision points, "
            f"{len(scenario.endings)} endings ({good} good), {critical} critical choices")
