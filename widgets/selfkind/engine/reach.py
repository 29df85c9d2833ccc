"""Which endings some play can reach, found by interval analysis of the state.

Each node gets a box: the lowest and highest value each state variable can have on
arrival. Boxes only grow and values are bounded 0–10, so the propagation ends. The
box over-approximates the states that really occur, so an ending reported here as
unreachable truly is: the warning never cries wolf.
"""

from __future__ import annotations

from collections import deque
from itertools import product

from .conditions import Chose, Critical, Facts, Used, atoms_in, holds
from .model import END, Scenario

LO, HI = 0, 10
MAX_POINTS = 50_000  # beyond this many state combinations, skip the (optional) warning


def _moved(box, change):
    """The box after a change, kept within LO-HI (inlined: this runs once per edge walked)."""
    out = []
    for (lo, hi), d in zip(box, change):
        lo, hi = lo + d, hi + d
        out.append((LO if lo < LO else HI if lo > HI else lo, LO if hi < LO else HI if hi > HI else hi))
    return tuple(out)


def _merge(box, other):
    """Union of two boxes (each a tuple of (low, high) per state name); returns (box, changed)."""
    if box is None:
        return other, True
    out, changed = [], False
    for (a, b), (c, d) in zip(box, other):
        if c < a:
            a, changed = c, True
        if d > b:
            b, changed = d, True
        out.append((a, b))
    return (tuple(out), True) if changed else (box, False)


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
    boxes = {scenario.start: tuple((v, v) for v in scenario.state.values())}
    # Each choice's possible changes as tuples in `names` order, worked out once.
    moves = {node_id: [(choice.next, [tuple(effects.get(k, 0) for k in names) for effects in choice.effect_cases()])
                       for choice in node.choices]
             for node_id, node in scenario.nodes.items()}
    at_end = None
    todo = deque([scenario.start])
    while todo:
        node_id = todo.popleft()
        box = boxes[node_id]
        for target, changes in moves[node_id]:
            # A state-dependent effect may apply any of its cases: the box takes them all.
            for change in changes:
                moved = _moved(box, change)
                if target == END:
                    at_end, _ = _merge(at_end, moved)
                    continue
                boxes[target], changed = _merge(boxes.get(target), moved)
                if changed:
                    todo.append(target)
    if at_end is None:
        return []
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
