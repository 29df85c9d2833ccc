"""The graded answer widgets: labelled, saved on change, resumed without writing."""

import json

from selfkind.stores.answers import read_answers
from selfkind.ui.answer_widgets import ChoiceQuestion, RatingQuestion

OPTIONS = [("Self-kindness and self-esteem", "a"), ("Common humanity and isolation", "b")]


def test_a_choice_is_labelled_and_saved_when_changed(tmp_path):
    path = tmp_path / "answers.json"
    q = ChoiceQuestion("q1", "Which pairing is correct?", OPTIONS, answers=path)
    assert q.answer.description == "Which pairing is correct?"  # the radio group's label
    assert q.answer.value is None and "Not answered yet" in q.status_html.value
    assert not path.exists()
    q.answer.value = "b"
    assert read_answers(path) == {"q1": "b"}
    assert "Saved." in q.status_html.value and 'role="status"' in q.status_html.value
    assert "correct" not in q.status_html.value.lower()  # no correctness feedback when graded


def test_reopening_shows_the_saved_answer_and_writes_nothing(tmp_path):
    path = tmp_path / "answers.json"
    ChoiceQuestion("q1", "Which?", OPTIONS, answers=path).answer.value = "a"
    before = path.read_bytes(), path.stat().st_mtime_ns
    again = ChoiceQuestion("q1", "Which?", OPTIONS, answers=path)
    assert again.value == "a" and "Saved earlier" in again.status_html.value
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_widgets_in_one_notebook_keep_each_others_answers(tmp_path):
    path = tmp_path / "answers.json"
    q1 = ChoiceQuestion("q1", "One?", OPTIONS, answers=path)
    r1 = RatingQuestion("r1", "How well does it fit?", ["poor fit", "weak", "mixed", "good", "strong fit"], answers=path)
    q1.answer.value = "b"
    r1.answer.value = 4
    assert read_answers(path) == {"q1": "b", "r1": 4}


def test_a_rating_is_a_labelled_radio_group_not_a_slider(tmp_path):
    r = RatingQuestion("r1", "How well does it fit?", ["poor fit", "weak fit", "mixed", "good fit", "strong fit"],
                       answers=tmp_path / "a.json")
    assert r.answer.description == "How well does it fit?"
    assert r.answer.options[0] == ("1 – poor fit", 1) and r.answer.options[-1] == ("5 – strong fit", 5)


def test_a_damaged_answers_file_is_reported_in_the_widget(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text("{oops", encoding="utf-8")
    q = ChoiceQuestion("q1", "Which?", OPTIONS, answers=path)
    assert "Please note" in q.problem_html.value and "damaged" in q.problem_html.value
    q.answer.value = "a"
    assert json.loads(path.read_text())["answers"] == {"q1": "a"}
