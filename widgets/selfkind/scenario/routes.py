"""Every way a scenario can be played, walked with the engine itself.

Two walks share the engine's `step`, so what they find is what a trainee meets:
- `routes` yields every whole route (each sequence of choices to an ending): for tests
  and for an author's `selfkind routes`.
- `explore` visits every distinct situation (node, state, what the play has held) once,
  which stays small even when routes are many: for the checker's exact warnings.
Both stop at a limit rather than run away on a huge or looping scenario.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from .conditions import Chose, atoms_in
from .model import Scenario
from .play import PlayState, offered, start, step


def _line_index(scenario: Scenario, play: PlayState) -> int:
    """Which of the node's client lines is spoken now (0 for a single line)."""
    lines = scenario.nodes[play.node].client
    if isinstance(lines, str):
        return 0
    facts = play.facts
    return next((i for i, line in enumerate(lines) if line.applies(play.state, facts)), len(lines) - 1)

ROUTE_LIMIT = 200_000
SITUATION_LIMIT = 20_000


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
    """Every distinct situation once; None when there are more than `limit`."""
    names = tuple(scenario.state)
    by_choice = _uses_chose(scenario)

    def key(play: PlayState):
        facts = play.facts
        return (play.node, play.ending, tuple(play.state[n] for n in names), facts.codes, facts.critical,
                facts.chosen if by_choice else None)

    found = Reach(names=names)
    first = start(scenario)
    seen = {key(first)}
    todo = [first]
    while todo:
        play = todo.pop()
        if play.finished:
            found.endings.add(play.ending)
            continue
        spoken = found.lines.setdefault(play.node, {}).setdefault(_line_index(scenario, play), set())
        spoken.add(tuple(play.state[n] for n in names))
        for choice_id, _choice in offered(scenario, play):
            nxt = step(scenario, play, choice_id)[0]
            k = key(nxt)
            if k not in seen:
                if len(seen) >= limit:
                    return None
                seen.add(k)
                todo.append(nxt)
    return found
