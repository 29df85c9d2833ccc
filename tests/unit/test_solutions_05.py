"""solutions/05-tools-to-self-soothe/ matches module 05's assignment and its scenario.

What every assignment shares (scenario copies, reference transcripts and answers, model answers,
points) is checked in test_solutions_02_to_06.py; the reference transcripts of every
assignment are checked against today's scenarios in test_solutions.py.
"""

import json

import pytest

from selfkind.authoring import load_scenario
from selfkind.engine.routes import routes
from selfkind.engine.transcript import to_json
from selfkind.stores.transcripts import save_transcript
from solutions_support import Assignment, best_play, choosing

A = Assignment("05-tools-to-self-soothe")
SCENARIO = "where-did-that-come-from"
CHECKS = {"Role-play (finished)", "Role-play (quality)"}


def test_the_hidden_role_play_tests_are_finished_and_quality_with_the_first_attempt_graded():
    calls = {kw["label"]: kw for _a, kw in A.hidden_calls("require_roleplay")}
    assert set(calls) == CHECKS
    assert calls["Role-play (finished)"]["forbidden_codes"] == ()
    assert set(calls["Role-play (quality)"]["forbidden_codes"]) == {"judge", "collude"}
    assert calls["Role-play (quality)"]["min_share"] == 0.6
    assert all(kw.get("attempt", "first") == "first" for kw in calls.values())
    assert "the first attempt you finish is the one graded" in A.source_cells()["part-b"].source


@pytest.mark.parametrize("node, choice", [("offer", "offer/2"), ("choosing", "choosing/2"), ("tears", "tears/2")])
def test_each_safety_critical_choice_fails_both_role_play_checks(tmp_path, node, choice):
    scenario = A.scenario(SCENARIO)
    play = best_play(scenario, choosing({node: choice}))
    assert play.ending == "overridden"
    transcript = tmp_path / f"{SCENARIO}.json"
    save_transcript(transcript, scenario, play)
    found = A.roleplay_verdicts(transcript)
    assert set(found) == CHECKS
    for label, verdict in found.items():
        assert not verdict and "safety-critical" in verdict.reason, label


def test_a_judging_play_keeps_the_finish_points_and_loses_quality(tmp_path):
    scenario = A.scenario(SCENARIO)
    play = best_play(scenario, choosing({"opening": "opening/3"}))
    transcript = tmp_path / f"{SCENARIO}.json"
    save_transcript(transcript, scenario, play)
    found = A.roleplay_verdicts(transcript)
    assert found["Role-play (finished)"] and not found["Role-play (quality)"]
    assert "judge" in found["Role-play (quality)"].reason


def test_the_first_finished_attempt_is_graded_not_a_better_later_one(tmp_path):
    scenario = A.scenario(SCENARIO)
    first = best_play(scenario, choosing({"the-noise": "the-noise/3"}))  # collude
    best = best_play(scenario)
    transcript = tmp_path / f"{SCENARIO}.json"
    transcript.write_text(json.dumps(to_json(scenario, [first, best])), encoding="utf-8")
    found = A.roleplay_verdicts(transcript)
    assert found["Role-play (finished)"] and not found["Role-play (quality)"]
    assert "Attempt 1 of 2 graded" in found["Role-play (quality)"].reason


# --- after the clinical review -------------------------------------------------------------------

JASWINDER = A.module / "scenarios" / "i-did-that-myself.yaml"


@pytest.mark.parametrize("before", ["the-nights/4", "the-nights/2", "the-nights/3"])
def test_moving_on_again_from_a_wish_not_to_wake_up_fails_both_checks_and_reaches_no_good_ending(tmp_path, before):
    scenario = load_scenario(JASWINDER)
    play = best_play(scenario, choosing({"the-nights": before, "late-ask": "late-ask/2"}))
    assert [s.choice for s in play.steps if s.choice.startswith(("the-nights", "late-ask"))] == [before, "late-ask/2"]
    good = {e.id for e in scenario.endings if e.good}
    assert play.ending == "risk-passed-over" and play.ending not in good
    transcript = tmp_path / f"{scenario.id}.json"
    save_transcript(transcript, scenario, play)
    # the assignment's two role-play checks, with its own hidden arguments, applied to Jaswinder's scenario
    found = A.roleplay_verdicts(transcript, scenario_file=JASWINDER)
    assert set(found) == CHECKS
    for label, verdict in found.items():
        assert not verdict and "safety-critical" in verdict.reason, label


def test_no_route_through_late_ask_2_reaches_a_good_ending():
    scenario = load_scenario(JASWINDER)
    good = {e.id for e in scenario.endings if e.good}
    through = [p for p in routes(scenario) if any(s.choice == "late-ask/2" for s in p.steps)]
    assert through and not [p for p in through if p.ending in good]


def test_elis_good_ending_is_never_reached_through_changing_the_subject_at_his_tears():
    scenario = A.scenario(SCENARIO)
    good = {e.id for e in scenario.endings if e.good}
    all_routes = list(routes(scenario))
    through = [p for p in all_routes if any(s.choice == "tears/3" for s in p.steps)]
    assert through and not [p for p in through if p.ending in good]
    assert [p for p in all_routes if p.ending in good]  # the good ending is still reachable
    # the route the review played (75%, the good ending before): best choices, the subject changed at the tears
    play = best_play(scenario, choosing({"tears": "tears/3"}))
    assert play.ending == "steadied-but-wary"
