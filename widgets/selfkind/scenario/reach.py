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


def _clamp(v: int) -> int:
    return max(LO, min(HI, v))


def _merge(box, other):
    """Union of two boxes; returns (box, changed)."""
    if box is None:
        return dict(other), True
    merged = {k: (min(box[k][0], other[k][0]), max(box[k][1], other[k][1])) for k in box}
    return merged, merged != box


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
    boxes = {scenario.start: {k: (v, v) for k, v in scenario.state.items()}}
    at_end = None
    todo = deque([scenario.start])
    while todo:
        node_id = todo.popleft()
        box = boxes[node_id]
        for choice in scenario.nodes[node_id].choices:
            # A state-dependent effect may apply any of its cases: the box takes them all.
            for effects in choice.effect_cases():
                moved = {k: (_clamp(lo + effects.get(k, 0)), _clamp(hi + effects.get(k, 0)))
                         for k, (lo, hi) in box.items()}
                if choice.next == END:
                    at_end, _ = _merge(at_end, moved)
                    continue
                boxes[choice.next], changed = _merge(boxes.get(choice.next), moved)
                if changed:
                    todo.append(choice.next)
    if at_end is None:
        return []
    ranges = [range(at_end[k][0], at_end[k][1] + 1) for k in names]
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
