"""The engine: steps, state, endings, transcripts, replay and debrief, without any widget."""


import pytest

from selfkind.engine import PlayError, Session, debrief, replay, start, step

from selfkind.authoring import load_scenario

from selfkind.engine import debrief

# Transcripts (saving, resuming, replay checks) are tested in test_transcripts.py.

@pytest.fixture
def scenario(example_path):
    return load_scenario(example_path)


def test_a_step_returns_feedback_thought_change_and_reply(scenario):
    play = start(scenario)
    assert play.node == "opening" and play.state == {"shame": 6, "trust": 4}
    new, turn = step(scenario, play, "opening/1")
    assert play.steps == ()  # the old state is untouched: a step is a pure function
    assert turn.feedback.startswith("A complex reflection")
    assert turn.thought == "They get why I do it."
    assert turn.change == {"trust": 2, "shame": -1}
    assert turn.reply.startswith("Yeah. It's the only part of the day")  # trust 6: the warm line


def test_the_client_remembers_being_judged(scenario):
    play, turn = step(scenario, start(scenario), "opening/2")
    assert play.state == {"shame": 7, "trust": 3}
    assert turn.reply.startswith("Maybe. I don't know.")  # the guarded line


@pytest.mark.parametrize("path, ending", [
    (["opening/1", "softer/1"], "opening-up"),
    (["opening/1", "softer/2"], "polite-distance"),
    (["opening/2", "softer/2"], "shutting-down"),
])
def test_endings_are_chosen_by_state(scenario, path, ending):
    session = Session(scenario)
    for choice in path:
        turn = session.step(choice)
    assert session.play.finished and session.play.ending == ending
    assert turn.ending.id == ending and turn.reply == scenario.ending(ending).client


def test_state_stays_within_0_and_10(scenario):
    s = scenario.model_copy(update={"state": {"shame": 10, "trust": 0}})
    play, turn = step(s, start(s), "opening/2")
    assert play.state == {"shame": 10, "trust": 0} and turn.change == {}


def test_choices_that_do_not_fit_are_refused(scenario):
    play = start(scenario)
    with pytest.raises(PlayError, match="'softer/1' is not offered at 'opening'"):
        step(scenario, play, "softer/1")
    for c in ["opening/1", "softer/1"]:
        play, _ = step(scenario, play, c)
    with pytest.raises(PlayError, match="the play has ended"):
        step(scenario, play, "softer/1")


def test_debrief_scores_profiles_and_shows_better_alternatives(scenario):
    session = Session(scenario)
    session.step("opening/2")
    session.step("softer/1")
    d = debrief(scenario, session.play)
    assert (d.points, d.best_points) == (1, 4) and d.share == 0.25
    assert d.profile == {"explore": 1, "fix": 1} and d.ratio == "1:1"
    first, second = d.path
    assert first.chosen.startswith("You really need") and first.better.startswith("After a shift like that")
    assert first.better_feedback.startswith("A complex reflection")
    assert second.better is None  # the best choice was taken
    assert d.ending_title == "Polite distance"
    assert list(d.frame()["score"]) == [-1, 2]


def test_a_negative_total_scores_zero_not_below(scenario):
    session = Session(scenario)
    session.step("opening/2")
    session.step("softer/2")
    assert debrief(scenario, session.play).share == 0.0


def test_replay_of_an_empty_path_is_the_start(scenario):
    assert replay(scenario, []) == start(scenario)
