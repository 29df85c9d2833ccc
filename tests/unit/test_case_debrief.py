"""The debrief across sessions (widget-free) and the reliable change index."""

import math
from pathlib import Path

import pytest

from selfkind.exercises.reliable_change import reliable_change, scores_frame
from selfkind.engine import offered, start, step
from selfkind.authoring import load_scenario
from selfkind.engine.case_debrief import case_debrief, first_finished
from selfkind.engine.play import carried_over

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "modules" / "06-extending-self-compassion" / "scenarios"
S = [load_scenario(FOLDER / f"kit-session-{n}.yaml") for n in (1, 2, 3)]


def play(scenario, opening=None, pick=None):
    p = start(scenario, opening)
    while not p.finished:
        p, _ = step(scenario, p, (pick or {}).get(p.node) or max(offered(scenario, p), key=lambda o: o[1].score)[0])
    return p


def test_the_case_debrief_puts_critical_moments_first_and_follows_trust_and_shame():
    one = play(S[0], pick={"meds": "meds/2"})
    two = play(S[1], carried_over(S[1], one))
    three = play(S[2], carried_over(S[2], two))
    case = case_debrief([(S[0], one), (S[1], two), (S[2], three)])
    assert [n for n, _m in case.critical] == [1]
    sentences = case.sentences("Kit")
    assert sentences[0].startswith("Session 1: a safety-critical response") and "codeine" in sentences[0]
    trust = case.across("trust")
    assert trust[0][0] == 5 and trust[1][0] == one.state["trust"] and trust[2][0] == two.state["trust"]
    assert case.sessions[0].ending_title == "Pressed from outside" and not case.sessions[0].good
    assert case.codes["collude"][0] == 1


def test_a_case_stops_at_the_first_session_without_a_finished_play():
    one = play(S[0])
    unfinished = start(S[1], carried_over(S[1], one))
    assert len(case_debrief([(S[0], one), (S[1], unfinished), (S[2], None)]).sessions) == 1
    assert first_finished([unfinished, one]) is one and first_finished([unfinished]) is None


def test_the_case_debrief_imports_no_widgets():
    source = (ROOT / "widgets" / "selfkind" / "engine" / "case_debrief.py").read_text()
    assert "ipywidgets" not in source


def test_reliable_change_follows_jacobson_and_truax_by_hand():
    rc = reliable_change(2.0, 3.0, sd=0.7, reliability=0.8)
    se = 0.7 * math.sqrt(0.2)
    assert rc.se == pytest.approx(se) and rc.s_diff == pytest.approx(math.sqrt(2) * se)
    assert rc.rci == pytest.approx(1.0 / (math.sqrt(2) * se)) and rc.reliable
    assert rc.smallest_reliable_change == pytest.approx(1.96 * math.sqrt(2) * se)
    assert not reliable_change(2.0, 2.5, 0.7, 0.8).reliable
    with pytest.raises(ValueError):
        reliable_change(2, 3, sd=0, reliability=0.8)


def test_scores_frame_uses_the_scs_sf_scoring():
    before = {i: 3 for i in range(1, 13)}
    after = {**before, 2: 5, 6: 5, 11: 1, 12: 1}
    frame = scores_frame(before, after).set_index("scale")
    assert frame.loc["Self-kindness", "after"] == 5 and frame.loc["Self-judgment", "after"] == 1
    assert frame.loc["Total", "before"] == 3 and frame.loc["Total", "after"] == pytest.approx(44 / 12)
