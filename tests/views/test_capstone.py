"""CapstoneCase and RolePlay(opening=...): one client across three sessions, built headless."""

from __future__ import annotations

import json
from pathlib import Path

from selfkind.authoring import load_scenario
from selfkind.engine.play import carried_over
from selfkind.ui import CapstoneCase, RolePlay

from widget_tree import visible_text

FOLDER = Path(__file__).resolve().parents[2] / "modules" / "06-extending-self-compassion" / "scenarios"
FILES = [FOLDER / f"kit-session-{n}.yaml" for n in (1, 2, 3)]


WARY = {"opening": "opening/3", "since-spring": "since-spring/2", "iceberg": "iceberg/3", "meds": "meds/3",
        "referral": "referral/3"}


def click(play: RolePlay, choice_id: str) -> None:
    """Click the button of `choice_id`, as a trainee would."""
    text = dict(play.session.choices)[choice_id].text
    [button] = [b for b in play.choice_buttons if b.description == text]
    button.click()


def play_through(play: RolePlay, pick=None) -> None:
    while not play.session.play.finished:
        node = play.session.play.node
        choice = (pick or {}).get(node) or max(play.session.choices, key=lambda o: o[1].score)[0]
        click(play, choice)


def case(tmp_path):
    return CapstoneCase.from_files(FILES, transcripts=[tmp_path / f"s{n}.json" for n in (1, 2, 3)])


def test_only_session_1_is_open_at_first(tmp_path):
    c = case(tmp_path)
    assert [b.disabled for b in c.session_buttons] == [False, True, True]
    assert "Session 2 · locked" in c.session_buttons[1].description
    text = visible_text(c)
    assert "first finished attempt" in text and "Session 2 opens once this session has a finished play" in text
    c.session_buttons[1].click()  # a locked session does not open
    assert c.current == 0 and c.plays[1] is None


def test_session_2_opens_where_the_first_finished_play_of_session_1_left_kit(tmp_path):
    c = case(tmp_path)
    play_through(c.plays[0], pick=WARY)  # reassurance, a label, siding with the critic: trust falls
    left = c.plays[0].session.play.state
    assert not c.session_buttons[1].disabled
    c.session_buttons[1].click()
    second = c.plays[1]
    assert second.session.play.opening == carried_over(second.scenario, c.plays[0].session.play)
    text = visible_text(c)
    assert f"left Kit: trust {left['trust']} of 10" in text
    assert f"Kit’s trust: {left['trust']} of 10" in visible_text(second)  # the meter opens there
    # The wary opening line is the one a client left with low trust says.
    assert left["trust"] <= 3 and "nearly cancelled" in second.client_html.value


def test_a_later_attempt_of_session_1_does_not_change_where_session_2_opens(tmp_path):
    c = case(tmp_path)
    play_through(c.plays[0], pick=WARY)
    first = dict(c.plays[0].session.play.state)
    c.plays[0].restart()
    play_through(c.plays[0])
    assert c.plays[0].session.play.state != first
    c.show(1)
    assert c.plays[1].session.play.state == carried_over(c.plays[1].scenario, c.graded_play(0)) \
        and c.plays[1].session.play.state["trust"] == first["trust"]


def test_restart_keeps_the_opening_and_a_resumed_session_keeps_its_recorded_one(tmp_path):
    c = case(tmp_path)
    play_through(c.plays[0])
    c.show(1)
    opening = c.plays[1].session.play.opening
    click(c.plays[1], "opening/2")
    c.plays[1].restart()
    assert c.plays[1].session.play.state == opening and c.plays[1].session.play.opening == opening
    click(c.plays[1], "opening/1")
    again = case(tmp_path)  # the notebook opened again: session 2 resumes with its recorded opening
    again.show(1)
    assert again.plays[1].session.play.opening == opening and len(again.plays[1].session.play.steps) == 1
    saved = json.loads((tmp_path / "s2.json").read_text())
    assert all(a["opening"] == opening for a in saved["attempts"])


def test_the_debrief_across_sessions_appears_when_all_three_are_finished(tmp_path):
    c = case(tmp_path)
    assert "appears when all 3 sessions have a finished play (0 so far)" in visible_text(c)
    play_through(c.plays[0], pick={"meds": "meds/2"})
    for i in (1, 2):
        c.show(i)
        play_through(c.plays[i])
    text = visible_text(c)
    assert "Debrief across the sessions" in text
    across = text[text.index("Debrief across the sessions"):]
    assert across.index("Safety-critical moments") < across.index("Kit’s trust and shame (0–10)")
    assert "Session 1, turn" in text and "Codes used in each session" in text
    assert "Kit’s trust across the sessions" in text
    assert [b.description for b in c.session_buttons] == ["Session 1 · finished", "Session 2 · finished",
                                                          "Session 3 · shown"]


def test_without_transcripts_the_case_still_carries_in_memory():
    c = CapstoneCase.from_files(FILES, transcripts=None)
    play_through(c.plays[0])
    c.show(1)
    assert c.plays[1].session.play.opening == carried_over(c.plays[1].scenario, c.plays[0].session.play)


def test_a_damaged_transcript_does_not_crash_the_case(tmp_path):
    (tmp_path / "s1.json").write_text("{not json", encoding="utf-8")
    c = case(tmp_path)
    assert c.plays[0] is not None and not c.plays[0].session.play.steps
    assert [b.disabled for b in c.session_buttons] == [False, True, True]
    assert "could not be" in visible_text(c.plays[0]) or "kept" in visible_text(c.plays[0])


def test_a_broken_scenario_file_shows_its_problems(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [", encoding="utf-8")
    shown = CapstoneCase.from_files([FILES[0], bad])
    assert "cannot start" in visible_text(shown)


def test_roleplay_opening_is_used_for_a_new_play(tmp_path):
    scenario = load_scenario(FILES[1])
    opening = {"shame": 9, "trust": 2, "agency": 2, "safety_plan": 0, "pressure": 0}
    play = RolePlay(scenario, tmp_path / "t.json", opening=opening)
    assert play.session.play.state == opening and "nearly cancelled" in play.client_html.value
    plain = RolePlay(scenario, None)
    assert plain.session.play.opening is None and plain.session.play.state == dict(scenario.state)


def test_client_names_are_escaped_in_the_case(tmp_path):
    from selfkind.ui.capstone import case_html
    from selfkind.engine.case_debrief import CaseDebrief

    assert "<script>" not in case_html(CaseDebrief(()), "<script>x</script>")
