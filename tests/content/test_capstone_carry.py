"""Module 06's capstone case: each later session, walked from every state the session before
can leave the client in (not only from its own default state, which is all the checker and the
every-route test see).

For each opening a session can carry over, every situation of the next session is visited
with the engine's own steps: the client always has a line to say (at each node, in each
ending, and in every thought), no play holding a safety-critical choice reaches a good
ending, and every ending shows a debrief.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from selfkind.authoring import load_scenario
from selfkind.engine.conditions import Chose, Facts, atoms_in
from selfkind.engine.model import END, pick_line
from selfkind.engine.play import carried_over, moved, thought_for, with_choice, PlayState

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "modules" / "06-extending-self-compassion" / "scenarios"
SESSIONS = [load_scenario(FOLDER / f"kit-session-{n}.yaml") for n in (1, 2, 3)]


def _chose_ids(scenario) -> frozenset:
    """The choice ids any condition of the scenario asks about (only those matter for a walk)."""
    conds = []
    for node in scenario.nodes.values():
        for line in node.client if isinstance(node.client, list) else []:
            conds.append(line.condition)
        for choice in node.choices:
            conds += [c.condition for c in choice.effects] if isinstance(choice.effects, list) else []
            conds += [t.condition for t in choice.thought] if isinstance(choice.thought, list) else []
    for ending in scenario.endings:
        conds.append(ending.condition)
        conds += [l.condition for l in ending.client] if isinstance(ending.client, list) else []
        conds += [p.condition for p in ending.debrief] if isinstance(ending.debrief, list) else []
    return frozenset(a.choice for c in conds if c is not None for a in atoms_in(c) if isinstance(a, Chose))


def walk(scenario, openings):
    """Visit every situation from each opening; return (problems, final states, endings reached)."""
    asked = _chose_ids(scenario)
    names = tuple(scenario.state)
    problems, finals, endings = [], set(), set()
    todo = [(scenario.start, dict(o), Facts()) for o in openings]
    seen = set()
    while todo:
        node_id, state, facts = todo.pop()
        key = (node_id, tuple(state[n] for n in names), facts.codes, facts.critical, facts.chosen)
        if key in seen:
            continue
        seen.add(key)
        node = scenario.nodes[node_id]
        if not pick_line(node.client, state, facts).strip():
            problems.append(f"{scenario.id}: no client line at {node_id} with {state}")
        for i, choice in enumerate(node.choices):
            cid = node.choice_id(node_id, i)
            after = moved(choice, state, facts)
            held = with_choice(facts, cid, choice)
            held = Facts(codes=held.codes, critical=held.critical, chosen=held.chosen & asked)
            if choice.thought is not None and not (thought_for(choice, after, held) or "").strip():
                problems.append(f"{scenario.id}: {cid} has no thought with {after}")
            if choice.next != END:
                todo.append((choice.next, after, held))
                continue
            ending = scenario.ending_for(after, held)
            endings.add(ending.id)
            finals.add(tuple(sorted(after.items())))
            if held.critical and ending.good:
                problems.append(f"{scenario.id}: a critical play reaches the good ending {ending.id} from {after}")
            if not pick_line(ending.client, after, held).strip() and ending.client is not None:
                problems.append(f"{scenario.id}: ending {ending.id} says nothing with {after}")
            if not (ending.debrief_for(after, held) or "").strip():
                problems.append(f"{scenario.id}: ending {ending.id} shows no debrief with {after}")
    return problems, finals, endings


@pytest.fixture(scope="module")
def chain():
    """Per session: the openings it can start from, and what the walk found."""
    found = []
    openings = [dict(SESSIONS[0].state)]
    for scenario in SESSIONS:
        problems, finals, endings = walk(scenario, openings)
        found.append((scenario, openings, problems, endings))
        after = [PlayState(scenario=scenario.id, node=None, state=dict(f), ending="x") for f in finals]
        nxt = SESSIONS[len(found)] if len(found) < len(SESSIONS) else None
        if nxt is not None:
            openings = [dict(t) for t in {tuple(sorted(carried_over(nxt, p).items())) for p in after}]
    return found


def test_the_sessions_continue_one_another_and_carry_trust_shame_and_agency():
    assert SESSIONS[0].continues is None
    assert [s.continues for s in SESSIONS[1:]] == ["kit-session-1", "kit-session-2"]
    # session 2 also carries the pressure of critical sexual homework set in session 1 (clinical review)
    assert set(SESSIONS[1].carries) == {"trust", "shame", "agency", "pressure"}
    # the last session also carries whether a safety plan was made in session 2 (clinical review)
    assert set(SESSIONS[2].carries) == {"trust", "shame", "agency", "safety_plan"}


@pytest.mark.parametrize("number", [2, 3])
def test_a_later_session_is_walked_from_every_state_the_last_can_leave(chain, number):
    scenario, openings, problems, endings = chain[number - 1]
    assert len(openings) > 50  # the earlier session leaves the client in many states
    trust = {o["trust"] for o in openings}
    assert min(trust) <= 2 and max(trust) >= 9  # from a client just judged to one who trusts
    assert not problems, "\n".join(problems[:20])
    assert endings == {e.id for e in scenario.endings}  # every ending can still be reached


def test_the_first_session_is_walked_from_its_own_state(chain):
    _scenario, openings, problems, endings = chain[0]
    assert openings == [dict(SESSIONS[0].state)] and not problems and len(endings) == 4


def test_the_second_session_opens_differently_for_a_wary_and_a_trusting_client():
    second = SESSIONS[1]
    node = second.nodes[second.start]
    wary = pick_line(node.client, {"trust": 2, "shame": 5, "agency": 3, "pressure": 0})
    trusting = pick_line(node.client, {"trust": 8, "shame": 3, "agency": 8, "pressure": 0})
    assert "nearly cancelled" in wary and "tried something" in trusting


def test_the_second_session_opens_on_the_homework_after_it_was_set_in_the_first():
    second = SESSIONS[1]
    node = second.nodes[second.start]
    pressed = pick_line(node.client, {"trust": 8, "shame": 3, "agency": 8, "pressure": 5})
    assert "About the homework" in pressed
