"""SoothingMap: a functional analysis built step by step, with feedback, a drawn loop and its words."""

import json
from pathlib import Path

from widget_tree import controls, unlabelled, visible_text

from selfkind.stores.answers import read_answers
from selfkind.stores.paths import exercises_dir
from selfkind.ui import FileProblems
from selfkind.ui.soothing_map import SoothingMap

ROOT = Path(__file__).resolve().parents[2]
MODULE_MAP = ROOT / "modules" / "03-compulsion-as-external-soothing" / "exercises" / "soothing-map.yaml"

UNMARKED = """\
id: test-map
title: "A graded map"
vignette: "Sam, 30, games late into the night after hard days."
steps:
  - id: trigger
    label: "Trigger feeling"
    heading: "1. Trigger"
    question: "What comes first?"
    options:
      - {value: a, text: "Strain", short: "strain"}
      - {value: b, text: "Greed", short: "greed"}
  - id: behaviour
    label: "Behaviour"
    heading: "2. Behaviour"
    question: "What does Sam do?"
    prompt: "Say it plainly"
    options:
      - {value: a, text: "Plays until three", short: "plays till 3"}
      - {value: b, text: "A gaming disorder", short: "a label"}
"""


def shown_steps(m):
    return [v.step.id for v in m.steps if v.layout.display != "none"]


def fill(m, upto=None):
    for view in m.steps[:upto]:
        view.choice.value = view.step.answer


def test_steps_appear_one_at_a_time_and_the_loop_is_drawn_as_you_go():
    m = SoothingMap.from_file(MODULE_MAP)
    assert shown_steps(m) == ["trigger"]
    text = visible_text(m)
    assert "Priya" in text and "The loop in words" in text and "not mapped yet" in text
    m.steps[0].choice.value = "b"
    assert shown_steps(m) == ["trigger", "behaviour"]
    assert "Trigger feeling: drained, alone." in visible_text(m)
    assert "<svg" in m.diagram_html.value and "drained, alone" in m.diagram_html.value
    fill(m)
    assert len(shown_steps(m)) == 6 and "not mapped yet" not in visible_text(m)
    assert "After step 6 the loop returns to step 1" in visible_text(m)


def test_check_this_step_gives_feedback_in_words_and_clears_on_a_new_choice():
    m = SoothingMap.from_file(MODULE_MAP)
    step = m.steps[0]
    step.check_button.click()
    assert "Choose one of the descriptions first" in step.feedback_html.value
    step.choice.value = "c"
    step.check_button.click()
    assert "Not yet." in step.feedback_html.value and "moral reading" in step.feedback_html.value
    step.choice.value = "b"
    assert step.feedback_html.value == ""
    step.check_button.click()
    assert "Correct." in step.feedback_html.value


def test_every_control_has_a_label_a_screen_reader_can_read():
    m = SoothingMap.from_file(MODULE_MAP)
    fill(m)
    assert controls(m) and unlabelled(m) == []
    assert 'role="img"' in m.diagram_html.value and "aria-label" in m.diagram_html.value


def test_the_private_map_is_saved_and_shown_again(trainee_home):
    m = SoothingMap.from_file(MODULE_MAP)
    fill(m, 2)
    m.steps[0].words.value = "worn out"
    saved = json.loads((exercises_dir() / "soothing-map-priya.json").read_text())
    assert saved["answers"] == {"choices": {"trigger": "b", "behaviour": "c"}, "words": {"trigger": "worn out"}}
    again = SoothingMap.from_file(MODULE_MAP)
    assert [v.choice.value for v in again.steps[:3]] == ["b", "c", None]
    assert again.steps[0].words.value == "worn out"
    assert shown_steps(again) == ["trigger", "behaviour", "relief"]
    assert "Saved earlier" in visible_text(again)


def test_opening_a_saved_map_writes_nothing(trainee_home):
    SoothingMap.from_file(MODULE_MAP).steps[0].choice.value = "b"
    path = exercises_dir() / "soothing-map-priya.json"
    before = path.read_bytes(), path.stat().st_mtime_ns
    SoothingMap.from_file(MODULE_MAP)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_damaged_private_map_is_kept_aside_and_the_trainee_told(trainee_home):
    path = exercises_dir() / "soothing-map-priya.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    for damage in (b"{not json", b'{"format": "selfkind-exercise", "answers": {"choices": [1, 2]}}', b"\xff\xfe"):
        path.write_bytes(damage)
        m = SoothingMap.from_file(MODULE_MAP)
        assert "could not be read" in visible_text(m) and m.steps[0].choice.value is None
        m.steps[0].choice.value = "b"  # and the trainee can carry on
        assert json.loads(path.read_text())["answers"]["choices"] == {"trigger": "b"}
    assert len(list(path.parent.glob("soothing-map-priya.*damaged*"))) == 3


def test_saved_values_that_fit_no_option_are_ignored(trainee_home):
    path = exercises_dir() / "soothing-map-priya.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": "selfkind-exercise", "exercise": "soothing-map-priya",
                                "answers": {"choices": {"trigger": "zz", "nope": "a"}, "words": {}}}))
    m = SoothingMap.from_file(MODULE_MAP)
    assert m.steps[0].choice.value is None and shown_steps(m) == ["trigger"]


def test_graded_map_saves_each_step_for_the_grader_and_gives_no_feedback(tmp_path):
    data = tmp_path / "map.yaml"
    data.write_text(UNMARKED, encoding="utf-8")
    answers = tmp_path / "answers.json"
    m = SoothingMap.from_file(data, answer_id="map", answers=answers)
    assert "Check this step" not in visible_text(m)
    m.steps[0].choice.value = "a"
    m.steps[1].choice.value = "b"
    m.steps[1].words.value = "plays <script>x</script>"
    assert read_answers(answers) == {"map-trigger": "a", "map-behaviour": "b",
                                     "map-behaviour-words": "plays <script>x</script>"}
    assert "<script>" not in m.diagram_html.value and "&lt;script&gt;" in m.diagram_html.value
    again = SoothingMap.from_file(data, answer_id="map", answers=answers)
    assert [v.choice.value for v in again.steps] == ["a", "b"]
    assert not (exercises_dir() / "test-map.json").exists()  # graded answers never go to the private store


def test_a_damaged_answers_file_is_reported_and_the_map_still_works(tmp_path):
    data = tmp_path / "map.yaml"
    data.write_text(UNMARKED, encoding="utf-8")
    answers = tmp_path / "broken" / "answers.json"
    answers.parent.mkdir()
    answers.write_text("[1, 2", encoding="utf-8")
    m = SoothingMap.from_file(data, answer_id="map", answers=answers)
    assert "could not be read" in visible_text(m)
    m.steps[0].choice.value = "a"
    assert read_answers(answers) == {"map-trigger": "a"}


def test_a_map_file_with_problems_shows_them_with_lines_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(UNMARKED.replace('short: "strain"}', 'short: "strain", correct: true}')
                   .replace("label: \"Behaviour\"", "lable: \"Behaviour\""), encoding="utf-8")
    shown = SoothingMap.from_file(bad)
    assert isinstance(shown, FileProblems)
    text = visible_text(shown)
    assert "bad.yaml:" in text and "lable" in text
    marked_without_feedback = tmp_path / "nofeedback.yaml"
    marked_without_feedback.write_text(UNMARKED.replace('short: "strain"}', 'short: "strain", correct: true}'),
                                       encoding="utf-8")
    text = visible_text(SoothingMap.from_file(marked_without_feedback))
    assert "has no feedback" in text and "has 0 correct options" in text
    assert isinstance(SoothingMap.from_file(tmp_path / "missing.yaml"), FileProblems)
