"""RolePlay driven by clicks, as a trainee plays it."""

import json

from conftest import EXAMPLE
from widget_tree import unlabelled, visible_text

from selfkind.stores.paths import transcripts_dir
from selfkind.ui import FileProblems, RolePlay

BEST_OPENING = "After a shift like that, the phone and the food were a way to come down."
BEST_SOFTER = "What do you say to yourself in the morning, when you see the wrappers?"


def new_play(transcript=None):
    return RolePlay.from_file(EXAMPLE, transcript=transcript)


def click(play, text_start):
    """Click the offered button whose caption starts with `text_start`."""
    [button] = [b for b in play.choice_buttons if b.description.startswith(text_start)]
    button.click()


def test_before_play_shows_title_intro_first_line_and_choices():
    play = new_play()
    text = visible_text(play)
    assert "Up until three again" in text
    assert "A nurse on rotating shifts" in text
    assert "Second session." in text
    assert "self-criticism" in text  # content note
    assert "Sam: “I did it again." in text
    assert [b.description for b in play.choice_buttons] == [
        BEST_OPENING, "You really need to put the phone in another room at night."]
    assert "Turn 1" in text


def test_a_choice_shows_feedback_codes_score_thought_and_the_next_line():
    play = new_play()
    play.choice_buttons[0].click()
    text = visible_text(play)
    assert "A complex reflection: it names what the behaviour does for Sam" in text
    assert "codes: reflect; score +2" in text
    assert "What Sam was privately thinking: “They get why I do it.”" in text
    assert "Sam: “Yeah. It's the only part of the day that's mine." in text
    assert "Turn 2" in text
    assert "A nurse on rotating shifts" not in text  # the intro has done its job


def test_only_show_state_variables_have_a_meter():
    play = new_play()
    assert "Sam’s trust: 4 of 10" in visible_text(play)
    assert "shame" not in play.meters_html.value
    play.choice_buttons[0].click()
    assert "Sam’s trust: 6 of 10" in visible_text(play)


def test_best_path_ends_in_a_full_debrief():
    play = new_play()
    click(play, BEST_OPENING)
    click(play, BEST_SOFTER)
    text = visible_text(play)
    assert play.choice_buttons == []
    assert "Debrief: Sam opens the door a little" in text
    assert "I call myself disgusting" in text  # the ending's client line
    assert "Sam felt understood first" in text
    assert "Score: 100%" in text
    assert "Facilitative to hindering codes: 2:0" in text
    assert "Yours was the best response here." in text
    assert "<th scope=\"col\">A better alternative</th>" in play.debrief_html.value
    assert play.restart_button.layout.display is None  # shown once there is something to restart


def test_worse_path_shows_the_better_alternative_at_each_turn():
    play = new_play()
    click(play, "You really need")
    click(play, "Everyone does that")
    text = visible_text(play)
    assert "Debrief: Sam shuts down" in text
    assert "Score: 0%" in text
    assert "Facilitative to hindering codes: 0:2" in text
    assert BEST_OPENING in text
    assert "A complex reflection: it names what the behaviour does for Sam" in text
    assert BEST_SOFTER in text
    assert "Open curiosity about the self-critical voice" in text


def test_a_stale_button_from_an_earlier_turn_does_nothing():
    play = new_play()
    first = play.choice_buttons[0]
    first.click()
    first.click()  # a double click arriving after the buttons were replaced
    assert len(play.session.play.steps) == 1


def test_by_default_the_play_is_saved_in_the_trainees_private_folder(trainee_home):
    play = RolePlay.from_file(EXAMPLE)
    play.choice_buttons[0].click()
    saved = transcripts_dir() / "example-late-night-scrolling.json"
    assert saved.is_relative_to(trainee_home)
    assert json.loads(saved.read_text())["attempts"][-1]["steps"][0]["choice"] == "opening/1"


def test_a_saved_play_resumes_where_it_stopped(tmp_path):
    path = tmp_path / "t.json"
    new_play(path).choice_buttons[0].click()
    again = new_play(path)
    text = visible_text(again)
    assert "Sam: “Yeah. It's the only part of the day that's mine." in text
    assert "Turn 2" in text
    assert "continuing the play you saved earlier" in text
    assert "They get why I do it." in text  # the last feedback is still there
    click(again, BEST_SOFTER)
    assert "Score: 100%" in visible_text(again)


def test_restart_keeps_every_attempt_in_the_one_transcript(tmp_path):
    path = tmp_path / "t.json"
    play = new_play(path)
    click(play, "You really need")
    play.restart_button.click()
    text = visible_text(play)
    assert "kept in your saved transcript as attempt 1" in text and "This is attempt 2" in text
    assert "Turn 1" in text and "A nurse on rotating shifts" in text
    click(play, BEST_OPENING)
    attempts = json.loads(path.read_text())["attempts"]
    assert [[s["choice"] for s in a["steps"]] for a in attempts] == [["opening/2"], ["opening/1"]]
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["t.json"]  # nothing moved aside
    click(play, BEST_SOFTER)
    play.restart_button.click()
    click(play, "You really need")
    again = new_play(path)  # a reopened notebook continues the last attempt
    assert "attempt 3" in visible_text(again) and len(again.session.play.steps) == 1
    assert len(json.loads(path.read_text())["attempts"]) == 3


def test_restart_before_any_choice_moves_nothing(tmp_path):
    play = new_play(tmp_path / "t.json")
    assert play.restart_button.layout.display == "none"  # nothing to restart yet
    play.restart()
    assert list(tmp_path.iterdir()) == []


def test_a_corrupted_transcript_is_kept_aside_and_a_new_play_starts(tmp_path):
    path = tmp_path / "t.json"
    path.write_text('{"format": "selfkind-transcr', encoding="utf-8")
    play = new_play(path)
    [kept] = tmp_path.glob("t.kept-damaged-*.json")
    assert kept.read_text() == '{"format": "selfkind-transcr'
    text = visible_text(play)
    assert "Please note: Your saved play could not be read" in text
    assert f"Nothing was deleted: the file was kept as {kept}" in text
    assert "Turn 1" in text
    play.choice_buttons[0].click()
    assert str(kept) in visible_text(play)  # the warning stays until the trainee restarts


def test_a_tampered_transcript_is_refused_kept_aside_and_named_by_step(tmp_path):
    path = tmp_path / "t.json"
    new_play(path).choice_buttons[0].click()
    data = json.loads(path.read_text())
    data["attempts"][0]["steps"][0]["choice"] = "opening/9"
    path.write_text(json.dumps(data))
    play = new_play(path)
    [kept] = tmp_path.glob("t.kept-unreplayable-*.json")
    assert json.loads(kept.read_text())["attempts"][0]["steps"][0]["choice"] == "opening/9"
    text = visible_text(play)
    assert "Your saved play could not be read" in text and "Nothing was deleted" in text
    assert "step 1" in text and "'opening/9'" in text
    assert str(kept) in text
    assert "Turn 1" in text


def test_a_bad_scenario_file_shows_its_problems_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = EXAMPLE.read_text().replace("next: softer", "next: sofer", 1)
    bad.write_text(text)
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "next: sofer" in l)
    shown = RolePlay.from_file(bad)
    assert isinstance(shown, FileProblems)
    message = visible_text(shown)
    assert "This role-play cannot start" in message
    assert f"{bad}:{line}: `next: sofer` names no node" in message


def test_a_missing_scenario_file_is_reported(tmp_path):
    shown = RolePlay.from_file(tmp_path / "nowhere.yaml")
    assert "nowhere.yaml: no such file" in visible_text(shown)


def test_scenario_text_is_shown_as_text_never_as_markup(tmp_path):
    sneaky = tmp_path / "sneaky.yaml"
    sneaky.write_text(EXAMPLE.read_text().replace("Up until three again", "<b onclick=x()>Up</b>"))
    play = RolePlay.from_file(sneaky, transcript=None)
    assert "&lt;b onclick=x()&gt;Up&lt;/b&gt;" in play.title_html.value
    assert "<b onclick" not in play.title_html.value


def test_choice_buttons_show_their_whole_text_wrapped():
    play = new_play()
    for button in play.choice_buttons:
        assert button.layout.width == "100%" and button.layout.height == "auto"
        assert "sk-choice" in button._dom_classes
    css = play.children[0].value
    assert ".sk-choice" in css and "white-space: normal" in css


def test_every_control_has_a_name_a_screen_reader_can_announce():
    play = new_play()
    assert unlabelled(play) == []
    play.choice_buttons[0].click()
    assert unlabelled(play) == []
    play.choice_buttons[0].click()
    assert unlabelled(play) == []
    assert play.restart_button.tooltip


def test_a_play_continued_in_another_tab_is_not_overwritten(tmp_path, example_path):
    from selfkind.ui import RolePlay

    path = tmp_path / "shared.json"
    stale = RolePlay.from_file(example_path, transcript=path)  # e.g. a kernel started earlier
    fresh = RolePlay.from_file(example_path, transcript=path)
    click(fresh, "After a shift")
    click(fresh, "What do you say")
    assert fresh.session.play.finished
    click(stale, "You really need")  # a click on the out-of-date page
    assert stale.session.play.finished and stale.session.play.ending == "opening-up"
    assert "continued in another window or tab" in stale.notice_html.value
    from selfkind.stores.transcripts import load_transcript
    from selfkind.authoring import load_scenario
    saved = load_transcript(path, load_scenario(example_path))
    assert [s.choice for s in saved.steps] == ["opening/1", "softer/1"]  # nothing lost


def test_the_best_choice_is_not_always_shown_first():
    """Authors often list the best response first; the screen must not give that away."""
    from pathlib import Path

    from selfkind.engine.play import PlayState

    root = Path(__file__).resolve().parents[2] / "modules"
    firsts_best = []
    for path in sorted(root.glob("*/scenarios/*.yaml")):
        play = RolePlay.from_file(path, transcript=None)
        for node_id, node in play.scenario.nodes.items():
            play.session.play = PlayState(scenario=play.scenario.id, node=node_id, state=dict(play.scenario.state))
            shown = play._shown_order()
            firsts_best.append(shown[0][1].score == max(c.score for c in node.choices))
    assert firsts_best and not all(firsts_best)
    assert sum(firsts_best) < 0.75 * len(firsts_best)


def test_the_author_preview_shows_state_and_codes_only_when_asked(example_path):
    from selfkind.ui import RolePlay

    trainee = RolePlay.from_file(example_path, transcript=None)
    assert trainee.preview_toggle.layout.display == "none" and trainee.preview_html.value == ""
    author = RolePlay.from_file(example_path, transcript=None, preview=True)
    assert "Author preview." in author.preview_html.value
    assert "shame 6, trust 4" in author.preview_html.value
    assert "fix; -1; next softer" in author.preview_html.value
    author.preview_toggle.value = False
    assert author.preview_html.value == ""


def test_finished_and_share_follow_the_play(example_path):
    from selfkind.ui import RolePlay

    view = RolePlay.from_file(example_path, transcript=None)
    seen = []
    view.observe(lambda change: seen.append(change["new"]), names="finished")
    assert view.finished is False and view.share == 0.0
    view.choose("opening/1")
    view.choose("softer/1")
    assert view.finished is True and view.share == 1.0 and seen == [True]
