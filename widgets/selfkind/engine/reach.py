"""Which endings some play can reach, found by interval analysis of the state.

Each node gets a box: the lowest and highest value each state variable can have on
arrival. A choice moves each variable by itself, so each one's range is propagated alone.
Ranges only grow and values are bounded 0–10, so the propagation ends. The
box over-approximates the states that really occur, so an ending reported here as
unreachable truly is: the warning never cries wolf.
"""

from __future__ import annotations

from collections import deque
from itertools import product, repeat

from .conditions import Chose, Critical, Facts, Used, atoms_in, holds
from .model import END, Scenario

LO, HI = 0, 10
MAX_POINTS = 50_000  # beyond this many state combinations, skip the (optional) warning


def _range_at_end(start: str, value: int, moves_of, k: int | None) -> tuple[int, int] | None:
    """(lowest, highest) that state name number `k` (None: one that never moves) can have
    when a play reaches `end`, or None if none does. Each node gets that name's range on
    arrival; ranges only grow and are kept within LO-HI, so the propagation ends."""
    low, high = {start: value}, {start: value}
    at_end = None
    todo, queued = deque([start]), {start}
    while todo:
        node_id = todo.popleft()
        queued.discard(node_id)
        lo, hi = low[node_id], high[node_id]
        for target, changes in moves_of(node_id):
            # A state-dependent effect may apply any of its cases: the range takes them all.
            for change in changes:
                step = 0 if k is None else change[k]
                a, b = lo + step, hi + step
                a = LO if a < LO else HI if a > HI else a
                b = LO if b < LO else HI if b > HI else b
                if target == END:
                    at_end = (a, b) if at_end is None else (min(a, at_end[0]), max(b, at_end[1]))
                    if at_end == (LO, HI):
                        return at_end  # it cannot grow further: the rest of the walk would add nothing
                    continue
                known = low.get(target)
                if known is not None and a >= known and b <= high[target]:
                    continue  # nothing new for this node
                low[target] = a if known is None else min(a, known)
                high[target] = b if known is None else max(b, high[target])
                if target not in queued:
                    queued.add(target)
                    todo.append(target)
    return at_end


def _may_hold(cond, state) -> bool:
    """Whether `cond` can hold in `state` for some history: each history test is taken
    both ways, independently (past a handful of them, assume it may)."""
    atoms = list(dict.fromkeys(atoms_in(cond)))
    if not atoms:
        return holds(cond, state)
    if len(atoms) > 8:
        return True
    for answers in product((False, True), repeat=len(atoms)):
        codes = frozenset(a.code for a, yes in zip(atoms, answers) if yes and isinstance(a, Used))
        chosen = frozenset(a.choice for a, yes in zip(atoms, answers) if yes and isinstance(a, Chose))
        critical = any(yes for a, yes in zip(atoms, answers) if isinstance(a, Critical))
        if holds(cond, state, Facts(codes=codes, critical=critical, chosen=chosen)):
            return True
    return False


def unreachable_endings(scenario: Scenario) -> list[int]:
    """Indexes of endings that no sequence of choices can reach."""
    names = list(scenario.state)
    moves: dict[str, list] = {}

    def moves_of(node_id: str) -> list:
        """Each choice's target and possible changes (tuples in `names` order), worked out
        once, when a walk first gets to the node (a walk may stop early)."""
        found = moves.get(node_id)
        if found is None:
            node = scenario.nodes.get(node_id)
            found = moves[node_id] = [] if node is None else [
                (choice.next, [tuple(map(effects.get, names, repeat(0))) for effects in choice.effect_cases()])
                for choice in node.choices]
        return found

    # A change moves each name by itself, so each name's range is followed alone.
    at_end = [_range_at_end(scenario.start, scenario.state[name], moves_of, k) for k, name in enumerate(names)]
    if None in at_end or not names and _range_at_end(scenario.start, 0, moves_of, None) is None:
        return []  # no play reaches `end`
    ranges = [range(lo, hi + 1) for lo, hi in at_end]
    count = 1
    for r in ranges:
        count *= len(r)
    if count > MAX_POINTS:
        return []
    reached = set()
    for values in product(*ranges):
        state = dict(zip(names, values))
        # What the play held (used codes, critical) is unknown here: any ending whose state
        # test holds may be reached, so none is wrongly called unreachable.
        reached.update(i for i, e in enumerate(scenario.endings)
                       if e.condition is None or _may_hold(e.condition, state))
    return [i for i in range(len(scenario.endings)) if i not in reached]
