"""The format's safety and path-awareness: critical choices, state-dependent effects and
thoughts, debrief parts, conditions on what the play held, and the course's rules."""

from pathlib import Path

import pytest

from selfkind.engine import debrief, start, step

from selfkind.authoring import check_file

from selfkind.engine import debrief
from selfkind.engine.routes import explore, routes

BASE = """\
id: t
title: T
module: m
client: {name: Sam, persona: A fictional adult.}
state: {shame: 5, trust: 5}
start: a
nodes:
  a:
    client: "Opening."
    choices:
      - text: "Kind."
        codes: [reflect]
        score: 2
        feedback: "Good."
        thought:
          - if: trust >= 7
            say: "They get it."
          - say: "Hm."
        effects:
          - if: trust >= 5
            change: {trust: 2}
          - change: {trust: -1}
        next: b
      - text: "Unsafe."
        codes: [fix]
        score: -2
        critical: "It advises a medication change without a prescriber."
        feedback: "Bad."
        effects: {trust: 2}
        next: b
  b:
    client:
      - if: used(fix)
        say: "You told me what to do."
      - say: "Go on."
    choices:
      - text: "End."
        codes: [reflect]
        score: 2
        feedback: "Fine."
        next: end
endings:
  - id: good
    if: trust >= 6
    good: true
    title: Good
    debrief:
      - text: "It went well."
  - id: fallback
    title: Fallback
    debrief:
      - text: "It did not go well."
      - if: critical
        text: "A critical choice was made."
      - if: not critical
        text: "Nothing unsafe was said."
"""


@pytest.fixture
def scenario(write):
    problems, sc = check_file(write(BASE))
    assert sc is not None, [str(p) for p in problems]
    return sc


def test_a_critical_choice_never_reaches_a_good_ending(scenario):
    play = start(scenario)
    play, _ = step(scenario, play, "a/2")
    assert play.state["trust"] == 7  # the state alone would reach the good ending
    play, turn = step(scenario, play, "b/1")
    assert play.ending == "fallback"
    d = debrief(scenario, play)
    assert d.critical and d.critical[0].number == 1
    assert "medication" in d.critical[0].why
    assert d.ending_text == "It did not go well.\n\nA critical choice was made."


def test_the_same_state_without_the_critical_choice_is_good(scenario):
    play, turn = step(scenario, start(scenario), "a/1")
    assert play.state["trust"] == 7 and turn.thought == "They get it."
    assert turn.reply == "Go on."
    play, _ = step(scenario, play, "b/1")
    assert play.ending == "good" and debrief(scenario, play).critical == ()


def test_the_client_remembers_what_was_said(scenario):
    _, turn = step(scenario, start(scenario), "a/2")
    assert turn.reply == "You told me what to do."


def test_effects_depend_on_the_state_before_the_choice(write):
    problems, sc = check_file(write(BASE.replace("state: {shame: 5, trust: 5}", "state: {shame: 5, trust: 2}")))
    play, turn = step(sc, start(sc), "a/1")
    assert play.state["trust"] == 1 and turn.thought == "Hm."


def test_every_route_of_the_example_is_walked(scenario):
    found = list(routes(scenario))
    assert sorted(p.ending for p in found) == ["fallback", "good"]
    reach = explore(scenario)
    assert reach.endings == {"good", "fallback"}


@pytest.mark.parametrize("change, message", [
    ("        critical: \"It advises", "a critical choice must carry a hindering code and a negative score",
     ),
    ("    good: true\n", "no ending is marked `good: true`"),
    ("      - if: used(fix)", "`used(fxi)` names no code"),
    ("          - change: {trust: -1}", "every effect here has an `if:`"),
    ("  - id: fallback\n    title: Fallback\n", "the last ending is the fallback, so it cannot be `good: true`"),
    ("        codes: [reflect]\n        score: 2\n        feedback: \"Fine.\"", "score -1 with only facilitative codes"),
])
def test_bad_uses_are_refused_with_a_line(write, change, message):
    text = BASE
    if change.startswith("        critical"):
        text = text.replace("        score: -2\n        critical", "        score: 1\n        critical")
    elif change == "    good: true\n":
        text = text.replace(change, "")
    elif "used(fix)" in change:
        text = text.replace("used(fix)", "used(fxi)")
    elif "change: {trust: -1}" in change:
        text = text.replace(change, "          - if: trust < 5\n            change: {trust: -1}")
    elif "fallback" in change:
        text = text.replace(change, change + "    good: true\n")
    else:
        text = text.replace(change, change.replace("score: 2", "score: -1"))
    problems, _ = check_file(write(text))
    hits = [str(p) for p in problems if message in str(p)]
    assert hits, [str(p) for p in problems]
    assert all(":" in h.split(" ")[0] and h.split(":")[1].isdigit() for h in hits), hits  # FILE:LINE


def test_a_score_note_silences_the_contradiction_warning(write):
    text = BASE.replace('        score: 2\n        feedback: "Fine."',
                        '        score: -1\n        score_note: "An ambush, however open."\n        feedback: "Fine."')
    problems, sc = check_file(write(text))
    assert sc is not None and not [p for p in problems if "facilitative codes" in str(p)]


def test_one_line_for_very_different_states_is_a_warning(write):
    text = BASE.replace("""      - if: used(fix)
        say: "You told me what to do."
      - say: "Go on.\"""", """      - say: "Go on.\"""").replace("effects: {trust: 2}", "effects: {trust: -5}")
    problems, sc = check_file(write(text))
    warnings = [str(p) for p in problems if p.severity == "warning"]
    assert any("at node 'b', the client's only line is spoken with trust anywhere from 0 to 7" in w
               for w in warnings), warnings


def test_course_rules_apply_in_a_module_scenarios_folder(tmp_path):
    folder = tmp_path / "modules" / "07-other" / "scenarios"
    folder.mkdir(parents=True)
    path = folder / "t.yaml"
    path.write_text(BASE, encoding="utf-8")
    messages = [str(p) for p in check_file(path)[0]]
    assert any("`module: m` does not match the folder it is in (07-other)" in m for m in messages)
    assert any("1 decision points; the course asks for 6 or more" in m for m in messages)
    assert any("2 endings; the course asks for 3 or more" in m for m in messages)


def test_the_same_file_outside_the_course_is_not_held_to_its_rules(write):
    assert check_file(write(BASE))[1] is not None


def test_the_interval_fallback_handles_conditional_effects_and_history(scenario):
    """Past the exact walk's limit the checker falls back to intervals; they must agree
    that both endings can be reached, and never call a reachable one unreachable."""
    from selfkind.engine.reach import unreachable_endings

    assert unreachable_endings(scenario) == []
    assert explore(scenario, limit=1) is None  # so a big scenario does take the fallback


def test_the_fallback_takes_each_history_test_both_ways_independently(write):
    """An ending on `chose(a/1) and not chose(a/2)` is reachable: the interval fallback must
    not call it unreachable (it once tried only all-true and all-false)."""
    from selfkind.engine.reach import unreachable_endings

    text = BASE.replace("    if: trust >= 6\n    good: true", "    if: chose(a/1) and not chose(a/2)\n    good: true")
    _, scenario = check_file(write(text))
    assert unreachable_endings(scenario) == []


def test_playing_loads_without_the_warning_walk_and_only_once(write, monkeypatch):
    from selfkind.authoring import load_scenario
    from selfkind.authoring import checker

    path = write(BASE)
    walks = []
    monkeypatch.setattr(checker, "explore", lambda sc: walks.append(sc) or None)
    first = load_scenario(path)
    assert load_scenario(path) is first and walks == []
    path.write_text(BASE.replace('"Opening."', '"Hello."'), encoding="utf-8")
    assert load_scenario(path) is not first  # a changed file is read again
    checker.check_file(path)
    assert len(walks) == 1  # `selfkind check` still walks it for warnings
