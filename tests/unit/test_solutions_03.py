"""solutions/03-compulsion-as-external-soothing/ matches module 03's assignment, its scenario and its soothing map.

What every assignment shares (scenario copies, reference transcripts and answers, model answers,
points) is checked in test_solutions_02_to_06.py; the reference transcripts of every
assignment are checked against today's scenarios in test_solutions.py.
"""

import pytest

from cohorts.submissions import model_answers
from selfkind.engine import debrief
from selfkind.stores.transcripts import save_transcript
from solutions_support import Assignment, best_play, choosing

A = Assignment("03-compulsion-as-external-soothing")
SCENARIO = "one-more-spin"


def test_the_released_soothing_map_holds_no_answers_and_the_hidden_tests_name_its_steps():
    from selfkind.exercises.soothing_map import load_map

    data = load_map(A.source / "exercises" / "soothing-map-kofi.yaml")
    assert not data.marked and not any(o.feedback for s in data.steps for o in s.options)
    graded = {args[0]: args[1] for args, _kw in A.hidden_calls("require_choice") if args[0].startswith("map-")}
    assert graded == {f"map-{s.id}": graded[f"map-{s.id}"] for s in data.steps}
    for step in data.steps:
        assert step.option(graded[f"map-{step.id}"]) is not None, step.id
    widget = A.source_cells()["widget-map"].source
    assert 'answer_id="map"' in widget and "exercises/soothing-map-kofi.yaml" in widget


@pytest.mark.parametrize("choice", ["asking/2", "asking/3"])
def test_the_gate_fails_a_play_that_stops_short_of_a_safety_plan_after_the_insurance_search(tmp_path, choice):
    """asking/2 (a no-harm promise) and asking/3 ("I'm glad you wouldn't act on it") follow
    Hannah's telling you she looked up whether her insurance pays out: both fail both checks."""
    scenario = A.scenario(SCENARIO)
    # best choices everywhere, with the direct question at the risk cue, then `choice`
    play = best_play(scenario, choosing({"asking": choice}))
    assert choice in [s.choice for s in play.steps]
    d = debrief(scenario, play)
    assert d.critical and d.ending == "risk-passed-over"
    assert not any(e.good for e in scenario.endings if e.id == d.ending)
    transcript = tmp_path / f"{SCENARIO}.json"
    save_transcript(transcript, scenario, play)
    verdicts = A.roleplay_verdicts(transcript)
    assert len(verdicts) == 2
    for verdict in verdicts.values():
        assert not verdict and "safety-critical" in verdict.reason and "insurance" in verdict.reason


def test_the_risk_cue_item_is_graded_on_the_question_exploration_a_safety_plan_and_refer_and_stay():
    cells = A.source_cells()
    prompt, answer = cells["free-3-prompt"].source, cells["free-3"]
    assert answer.metadata["nbgrader"]["points"] == 4 and answer.metadata["nbgrader"]["solution"]
    scheme = prompt.split("### BEGIN MARK SCHEME", 1)[1].split("### END MARK SCHEME", 1)[0]
    for criterion in ["*The direct question.*", "explored now.*", "*A safety plan made with him.*", "*Refer and stay.*"]:
        assert criterion in scheme, criterion
    assert "promise not to act" in scheme and "earns 0" in scheme
    model = model_answers(A.solutions)["free-3"]
    assert "ending your life" in model and "together" in model and "keep" in model
