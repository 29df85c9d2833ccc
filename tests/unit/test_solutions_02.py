"""solutions/02-shame-guilt-and-sexuality/ matches module 02's assignment and its scenario.

What every assignment shares (scenario copies, reference transcripts and answers, model answers,
points) is checked in test_solutions_02_to_06.py; the reference transcripts of every
assignment are checked against today's scenarios in test_solutions.py.
"""

from selfkind.engine.routes import routes
from selfkind.stores.transcripts import save_transcript
from solutions_support import Assignment, best_play, choosing

A = Assignment("02-shame-guilt-and-sexuality")


def test_question_7_asks_about_guilt_over_a_harmless_act_and_its_answer_is_b():
    assert (["q7", "b"], {"label": "Question 7"}) in A.hidden_calls("require_choice")
    widget = A.source_cells()["widget-q7"].source
    assert "ChoiceQuestion('q7'" in widget and "masturbate" in widget


def test_moving_on_after_rosas_passive_suicidal_thoughts_fails_part_c_and_never_ends_well(tmp_path):
    scenario = A.scenario("after-the-affair")
    good = {e.id for e in scenario.endings if e.good}
    # the best play in every other turn, with risk/2 ("Good, that's a relief. So, back to Mark.")
    play = best_play(scenario, choosing({"risk": "risk/2"}))
    assert "risk/2" in [s.choice for s in play.steps] and play.ending not in good
    transcript = tmp_path / "after-the-affair.json"
    save_transcript(transcript, scenario, play)
    verdicts = A.roleplay_verdicts(transcript)
    assert len(verdicts) == 2  # finished, and quality: the play fails both
    for verdict in verdicts.values():
        assert not verdict and "safety-critical" in verdict.reason, verdict
    # and on no route at all does it reach a good ending; the best ending needs the risk question
    through, best = 0, 0
    for route in routes(scenario):
        chosen = {s.choice for s in route.steps}
        if "risk/2" in chosen:
            through += 1
            assert route.ending not in good, [s.choice for s in route.steps]
        if route.ending == "owning-it":
            best += 1
            assert "risk-question" in chosen, [s.choice for s in route.steps]
    assert through and best
