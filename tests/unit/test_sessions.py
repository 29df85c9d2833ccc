"""A later session of the same client opens in the state the session before left them."""

import pytest

from selfkind.engine import PlayError, start, step

from selfkind.authoring import check_file
from selfkind.engine.play import carried_over
from selfkind.engine.transcript import ReplayError, replay

from tests.unit.test_format_safety import BASE

SECOND = BASE.replace("id: t\n", "id: t2\ncontinues: t\ncarries: [trust]\n")


def test_the_next_session_opens_where_the_last_left_the_client(write, tmp_path):
    _, first = check_file(write(BASE, "one.yaml"))
    _, second = check_file(write(SECOND, "two.yaml"))
    play, _ = step(first, start(first), "a/1")
    play, _ = step(first, play, "b/1")
    assert play.state == {"shame": 5, "trust": 7}
    opening = carried_over(second, play)
    assert opening == {"shame": 5, "trust": 7}
    later = start(second, opening)
    assert later.state["trust"] == 7 and later.opening == opening


def test_only_the_carried_names_carry(write):
    _, first = check_file(write(BASE.replace("{shame: 5, trust: 5}", "{shame: 9, trust: 5}"), "one.yaml"))
    _, second = check_file(write(SECOND, "two.yaml"))
    play, _ = step(first, start(first), "a/1")
    play, _ = step(first, play, "b/1")
    assert carried_over(second, play) == {"shame": 5, "trust": 7}  # shame starts afresh


def test_a_replay_starts_from_the_recorded_opening_and_refuses_a_bad_one(write):
    _, second = check_file(write(SECOND, "two.yaml"))
    play, _ = step(second, start(second, {"shame": 5, "trust": 2}), "a/1")
    assert play.state["trust"] == 1  # the low-trust effect applied
    again = replay(second, play.steps, play.opening)
    assert again.state == play.state
    with pytest.raises(ReplayError, match="does not match"):
        replay(second, play.steps)  # from the default opening the effects differ
    with pytest.raises(ReplayError, match="opening state does not fit"):
        replay(second, play.steps, {"shame": 5, "trust": 99})
    with pytest.raises(PlayError):
        start(second, {"trust": 3})


def test_the_checker_knows_continues_and_carries(write, tmp_path):
    folder = tmp_path / "modules" / "06-x" / "scenarios"
    folder.mkdir(parents=True)
    (folder / "two.yaml").write_text(SECOND.replace("module: m", "module: 06-x").replace("carries: [trust]", "carries: [hope]"))
    messages = [str(p) for p in check_file(folder / "two.yaml")[0]]
    assert any("`carries` names 'hope', which is not in `state`" in m for m in messages), messages
    assert any("`continues: t` names no scenario in this folder" in m for m in messages), messages
