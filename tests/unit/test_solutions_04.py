"""solutions/04-self-criticism-and-sexual-performance/ matches module 04's assignment, its scenario and its loop.

What every assignment shares (scenario copies, reference transcripts and answers, model answers,
points) is checked in test_solutions_02_to_06.py; the reference transcripts of every
assignment are checked against today's scenarios in test_solutions.py.
"""

import nbformat
import pytest

from selfkind.engine import debrief
from selfkind.engine.routes import routes
from selfkind.exercises.loop import load_loop
from selfkind.stores.answers import read_answers
from selfkind.stores.transcripts import save_transcript
from solutions_support import Assignment, best_play, choosing

A = Assignment("04-self-criticism-and-sexual-performance")
SCENARIO = "it-used-to-just-work"
LOOP = A.source / "exercises" / "performance-loop-hamid.yaml"


def test_the_reference_answers_answer_every_stage_of_the_loop_and_its_first_move():
    loop_answers = {answer for answer in read_answers(A.solutions / "answers.json") if answer.startswith("loop-")}
    assert loop_answers == {f"loop-{s.id}" for s in load_loop(LOOP).stages} | {"loop-first-move"}


def test_the_released_loop_holds_no_answers_and_the_hidden_tests_name_real_options():
    loop = load_loop(LOOP)
    assert loop.answers_hidden
    options = [o for s in loop.stages for o in s.options] + list(loop.first_move.options)
    assert not any(o.best or o.feedback or o.verdict for o in options)
    text = LOOP.read_text(encoding="utf-8")
    assert "best:" not in text and "feedback:" not in text
    graded = {args[0]: args[1] for args, _kw in A.hidden_calls("require_choice") if args[0].startswith("loop-")}
    assert set(graded) == {"loop-spectatoring", "loop-difficulty", "loop-harsher", "loop-first-move"}
    for answer_id, value in graded.items():
        key = answer_id.removeprefix("loop-")
        group = loop.first_move.options if key == "first-move" else loop.stage(key).options
        assert value in [o.id for o in group], answer_id
    widget = A.source_cells()["widget-loop"].source
    assert "exercises/performance-loop-hamid.yaml" in widget and 'answers="answers.json"' in widget
    assert "feedback=False" in widget


@pytest.mark.parametrize("forced, words", [
    # "No, probably not. Let's get back to the worrying.", after he lists his heart risk factors
    ({"risk": "risk/2"}, "warning signs of heart disease"),
    # "Well, it's your decision. Let's focus on the worry side of things.", to his plan to order pills
    ({"pills": "pills/3", "meaning": "meaning/2"}, "bought online unaddressed"),
], ids=["risk-2", "meaning-2"])
def test_passing_over_the_heart_warning_signs_or_the_pills_plan_fails_the_gate_and_never_ends_well(tmp_path, forced, words):
    scenario = A.scenario(SCENARIO)
    good = {e.id for e in scenario.endings if e.good}
    [choice] = [c for c in forced.values() if c.startswith(("risk/", "meaning/"))]
    # the best play in every other turn, with the choice under test
    play = best_play(scenario, choosing(forced))
    d = debrief(scenario, play)
    assert choice in [s.choice for s in play.steps] and d.critical and d.ending not in good
    assert d.share >= 0.6  # a high share alone would have passed the gate
    transcript = tmp_path / f"{SCENARIO}.json"
    save_transcript(transcript, scenario, play)
    verdicts = A.roleplay_verdicts(transcript)
    assert len(verdicts) == 2  # finished, and quality: the play fails both
    for verdict in verdicts.values():
        assert not verdict and "safety-critical" in verdict.reason and words in verdict.reason, verdict
    # and on no route at all does a play through it reach a good ending
    through = 0
    for route in routes(scenario):
        if choice in {s.choice for s in route.steps}:
            through += 1
            assert route.ending not in good, [s.choice for s in route.steps]
    assert through


def test_the_finished_check_forbids_no_codes_and_part_c_says_the_first_finished_play_is_graded():
    finished = [kw for _args, kw in A.hidden_calls("require_roleplay") if kw["label"] == "Role-play (finished)"]
    assert len(finished) == 1 and finished[0]["forbidden_codes"] == () and "attempt" not in finished[0]
    part_c = " ".join(A.source_cells()["part-c"].source.split())
    assert "the play graded is the first one you finish" in part_c and "finish last" not in part_c
    notes = [c.source for c in nbformat.read(A.notebook, as_version=4).cells if "instructor" in c.metadata.get("tags", [])]
    assert len(notes) == 1 and "first finished attempt" in " ".join(notes[0].split())
