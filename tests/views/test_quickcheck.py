"""QuickCheck: pick an answer, check it, read the feedback; bad files are reported by line."""

import pytest
from widget_tree import unlabelled, visible_text

from selfkind.ui import FileProblems, QuickCheck

CHECKS = """\
checks:
  - id: three-components
    question: "Which of these is one of Neff's three components?"
    options:
      - text: "Common humanity"
        correct: true
        feedback: "Yes: the sense that suffering is shared."
      - text: "Self-esteem"
        feedback: "Self-esteem rests on evaluation; self-compassion does not."
  - id: misconception
    question: "Is self-compassion a form of self-pity?"
    options:
      - text: "Yes"
        feedback: "Self-pity isolates; self-compassion connects."
      - text: "No"
        correct: true
        feedback: "Right."
"""


@pytest.fixture
def checks_file(tmp_path):
    path = tmp_path / "checks.yaml"
    path.write_text(CHECKS, encoding="utf-8")
    return path


def write_checks(tmp_path, text):
    path = tmp_path / "bad-checks.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shows_the_question_and_its_options(checks_file):
    check = QuickCheck.from_file(checks_file, "three-components")
    assert check.answer.description == "Which of these is one of Neff's three components?"
    assert check.answer.options == (("Common humanity", 0), ("Self-esteem", 1))
    assert check.answer.value is None  # nothing chosen for the trainee


def test_a_wrong_answer_says_not_yet_with_that_options_feedback(checks_file):
    check = QuickCheck.from_file(checks_file, "three-components")
    check.answer.value = 1
    check.check_button.click()
    text = visible_text(check)
    assert "Not yet." in text
    assert "Self-esteem rests on evaluation" in text
    assert "Correct." not in text


def test_the_right_answer_says_correct(checks_file):
    check = QuickCheck.from_file(checks_file, "three-components")
    check.answer.value = 0
    check.check_button.click()
    text = visible_text(check)
    assert "Correct. Yes: the sense that suffering is shared." in text


def test_checking_without_an_answer_asks_for_one(checks_file):
    check = QuickCheck.from_file(checks_file, "misconception")
    check.check_button.click()
    assert "Choose one of the answers first." in visible_text(check)


def test_changing_the_answer_clears_old_feedback(checks_file):
    check = QuickCheck.from_file(checks_file, "misconception")
    check.answer.value = 0
    check.check_button.click()
    check.answer.value = 1
    assert "Not yet" not in visible_text(check)


def test_yaml_that_does_not_parse_is_reported_with_file_and_line(tmp_path):
    path = write_checks(tmp_path, "checks:\n  - id: x\n    question: \"open quote\n")
    shown = QuickCheck.from_file(path, "x")
    assert isinstance(shown, FileProblems)
    text = visible_text(shown)
    assert "This quick check cannot be shown" in text
    assert f"{path}:" in text and "YAML does not parse" in text


def test_an_unknown_key_is_reported_on_its_line(tmp_path):
    path = write_checks(tmp_path, CHECKS.replace('feedback: "Right."', 'feedbak: "Right."'))
    line = CHECKS.splitlines().index('        feedback: "Right."') + 1
    text = visible_text(QuickCheck.from_file(path, "misconception"))
    assert f"{path}:{line}: unknown key `feedbak`" in text


def test_two_correct_options_are_refused(tmp_path):
    path = write_checks(tmp_path, CHECKS.replace("      - text: \"Self-esteem\"\n",
                                                 "      - text: \"Self-esteem\"\n        correct: true\n"))
    text = visible_text(QuickCheck.from_file(path, "three-components"))
    assert "has 2 correct options" in text and "exactly one" in text


def test_a_list_at_top_level_gets_checks_advice_not_scenario_advice(tmp_path):
    path = write_checks(tmp_path, "- id: x\n")
    text = visible_text(QuickCheck.from_file(path, "x"))
    assert "not quick checks" in text and "`checks:`" in text
    assert "scenario" not in text.replace("its scenario file", "")


def test_an_unknown_id_names_the_file_and_the_ids_there(checks_file):
    text = visible_text(QuickCheck.from_file(checks_file, "three-component"))
    assert f"{checks_file}: there is no check with id 'three-component'" in text
    assert "three-components, misconception" in text


def test_every_control_is_labelled(checks_file):
    check = QuickCheck.from_file(checks_file, "three-components")
    assert unlabelled(check) == []
