"""Every way a scenario can be played, walked with the engine itself.

Both walks use the engine's own steps, so what they find is what a trainee meets:
- `routes` yields every whole route (each sequence of choices to an ending): for tests
  and for an author's `selfkind routes`.
- `explore` visits every distinct situation (node, state, what the play has held) once,
  which stays small even when routes are many: for the checker's exact warnings.
Both stop at a limit rather than run away on a huge or looping scenario.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from .conditions import Chose, Facts, atoms_in
from .model import END, Scenario
from .play import PlayState, moved, offered, start, step, with_choice


def _line_index(lines, state: dict, facts: Facts) -> int:
    """Which of a node's client lines is spoken (0 for a single line)."""
    if isinstance(lines, str):
        return 0
    return next((i for i, line in enumerate(lines) if line.applies(state, facts)), len(lines) - 1)


ROUTE_LIMIT = 200_000
SITUATION_LIMIT = 20_000
# A scenario this large has more situations than SITUATION_LIMIT long before the walk ends
# (course scenarios have 7-13 nodes), so it goes straight to the interval approximation.
EXACT_WALK_NODES = 500


class TooMany(Exception):
    """The walk passed its limit; the caller falls back to an approximation."""


def routes(scenario: Scenario, limit: int = ROUTE_LIMIT) -> Iterator[PlayState]:
    """Every finished play, depth first; TooMany past `limit` routes or on a loop."""
    count = 0
    todo = [start(scenario)]
    while todo:
        play = todo.pop()
        if play.finished:
            count += 1
            if count > limit:
                raise TooMany(f"more than {limit} routes")
            yield play
            continue
        if len(play.steps) > len(scenario.nodes) * 3:
            raise TooMany("a route goes round a loop")
        for choice_id, _choice in reversed(offered(scenario, play)):
            todo.append(step(scenario, play, choice_id)[0])


@dataclass
class Reach:
    """What `explore` found: per node the states it is reached with; the endings reached."""

    # node -> which of its client lines is spoken -> the states it is spoken in
    lines: dict[str, dict[int, set[tuple]]] = field(default_factory=dict)
    endings: set[str] = field(default_factory=set)
    names: tuple[str, ...] = ()

    def widest_line(self, node: str, name: str) -> tuple[int, int, int]:
        """(line index, lowest, highest) of the line of `node` spoken across the widest
        range of `name`: one line said to very different clients is worth a look."""
        i = self.names.index(name)
        best = (0, 0, 0)
        for line, states in self.lines.get(node, {}).items():
            values = [s[i] for s in states]
            if max(values) - min(values) > best[2] - best[1]:
                best = (line, min(values), max(values))
        return best


def _uses_chose(scenario: Scenario) -> bool:
    conds = [l.condition for n in scenario.nodes.values() if isinstance(n.client, list) for l in n.client]
    conds += [e.condition for e in scenario.endings]
    conds += [l.condition for e in scenario.endings if isinstance(e.client, list) for l in e.client]
    conds += [p.condition for e in scenario.endings if isinstance(e.debrief, list) for p in e.debrief]
    conds += [c.condition for n in scenario.nodes.values() for ch in n.choices
              if isinstance(ch.effects, list) for c in ch.effects]
    return any(isinstance(a, Chose) for c in conds if c is not None for a in atoms_in(c))


def explore(scenario: Scenario, limit: int = SITUATION_LIMIT) -> Optional[Reach]:
    """Every distinct situation (node, state, what the play held) once, stepping with the
    engine's own `moved` and `with_choice`; None when there are more than `limit`.
    A situation carries no path, so a long route costs no more than a short one.
    None at once for a scenario of more than EXACT_WALK_NODES nodes."""
    if len(scenario.nodes) > EXACT_WALK_NODES:
        return None
    names = tuple(scenario.state)
    by_choice = _uses_chose(scenario)
    found = Reach(names=names)

    def key(node, state, facts):
        return (node, tuple(state[n] for n in names), facts.codes, facts.critical,
                facts.chosen if by_choice else None)

    first = (scenario.start, dict(scenario.state), Facts())
    seen = {key(*first)}
    todo = [first]
    while todo:
        node_id, state, facts = todo.pop()
        node = scenario.nodes[node_id]
        spoken = found.lines.setdefault(node_id, {}).setdefault(_line_index(node.client, state, facts), set())
        spoken.add(tuple(state[n] for n in names))
        for i, choice in enumerate(node.choices):
            after = moved(choice, state, facts)
            held = with_choice(facts, node.choice_id(node_id, i), choice)
            if not by_choice:
                held = Facts(codes=held.codes, critical=held.critical)
            if choice.next == END:
                found.endings.add(scenario.ending_for(after, held).id)
                continue
            k = key(choice.next, after, held)
            if k not in seen:
                if len(seen) >= limit:
                    return None
                seen.add(k)
                todo.append((choice.next, after, held))
    return found
