"""Every widget opens, saves and restarts over every kind of damaged trainee file, and says
in words what happened and that nothing was deleted."""

import json
import os

import pytest
from conftest import EXAMPLE
from widget_tree import visible_text

from selfkind.stores.paths import exercises_dir, journal_dir, transcripts_dir
from selfkind.stores import kept as kept_module
from selfkind.ui import BaselineSelfCheck, DistressedChild, Journal, RolePlay
from selfkind.ui.answer_widgets import ChoiceQuestion

DEEP = "[" * 100_000 + "]" * 100_000
MODULE = "01-test"

DAMAGE = {
    "deep": DEEP,
    "deep-inside": '{"format": "x", "answers": ' + DEEP + "}",
    "not-json": '{"half',
    "not-text": b"\xff\xfe\x00garbage",
    "a-list": "[1, 2, 3]",
    "nan": '{"format": "selfkind-answers", "version": NaN}',
}


def plant(path, damage):
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(damage, bytes) else path.write_text)(damage)


def assert_told_and_kept(widget, folder, stem):
    [kept] = folder.glob(f"{stem}.kept-*")
    text = visible_text(widget)
    assert "could not be read" in text and "Nothing was deleted" in text and str(kept) in text
    return kept


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_roleplay_opens_plays_and_restarts_over_a_damaged_transcript(tmp_path, damage):
    path = tmp_path / "t.json"
    plant(path, damage)
    play = RolePlay.from_file(EXAMPLE, transcript=path)
    assert_told_and_kept(play, tmp_path, "t")
    play.choice_buttons[0].click()
    play.restart_button.click()
    play.choice_buttons[0].click()
    assert len(json.loads(path.read_text())["attempts"]) == 2


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_answer_widgets_open_and_save_over_a_damaged_answers_file(tmp_path, damage):
    path = tmp_path / "answers.json"
    plant(path, damage)
    question = ChoiceQuestion("q1", "Which?", [("A", "a"), ("B", "b")], answers=path)
    assert_told_and_kept(question, tmp_path, "answers")
    question.answer.value = "b"
    assert json.loads(path.read_text())["answers"] == {"q1": "b"}


JOURNAL_DAMAGE = {**DAMAGE,
                  "saved_at-a-number": json.dumps({"e": {"text": "t", "saved_at": 5}}),
                  "earlier-a-string": json.dumps({"e": {"text": "t", "earlier": "oops"}}),
                  "text-a-list": json.dumps({"e": {"text": ["t"]}})}


@pytest.mark.parametrize("damage", JOURNAL_DAMAGE.values(), ids=JOURNAL_DAMAGE.keys())
def test_journal_opens_saves_and_exports_over_a_damaged_journal(damage):
    path = journal_dir() / f"{MODULE}.json"
    plant(path, damage)
    page = Journal(module=MODULE, prompt="Prompt?", entry="e")
    assert_told_and_kept(page, journal_dir(), MODULE)
    page.text.value = "new words"
    page.export_button.click()
    assert "exported all entries" in visible_text(page)
    assert json.loads(path.read_text())["e"]["text"] == "new words"


EXERCISE_DAMAGE = {**DAMAGE,
                   "answers-wrong-shape": json.dumps({"format": "selfkind-exercise",
                                                      "answers": {"child": "warm", "checks": "none",
                                                                  "to_child": 3}}),
                   "check-total-a-string": json.dumps({"format": "selfkind-exercise", "answers": {
                       "checks": [{"taken_at": 5, "total": "high"}], "child": {"kindness": "x"}}})}


@pytest.mark.parametrize("damage", EXERCISE_DAMAGE.values(), ids=EXERCISE_DAMAGE.keys())
@pytest.mark.parametrize("name, widget", [("distressed-child", DistressedChild), ("baseline-self-check", BaselineSelfCheck)])
def test_exercise_widgets_open_and_save_over_a_damaged_file(damage, name, widget):
    path = exercises_dir() / f"{name}.json"
    plant(path, damage)
    shown = widget()
    assert_told_and_kept(shown, exercises_dir(), name)
    if widget is DistressedChild:
        shown.show_button.click()
    else:
        for dropdown in shown.items.values():
            dropdown.value = 3
        shown.save_button.click()
    assert "Saved privately" in visible_text(shown)
    assert json.loads(path.read_text())["format"] == "selfkind-exercise"


def test_a_journal_that_cannot_be_moved_aside_is_left_untouched_and_the_trainee_told(monkeypatch):
    """As in a read-only folder (tests run as root, who may write anywhere: the move is refused here)."""
    def refuse(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(kept_module.os, "replace", refuse)
    path = journal_dir() / f"{MODULE}.json"
    plant(path, json.dumps({"e": {"text": "t", "saved_at": 5}}))
    page = Journal(module=MODULE, prompt="Prompt?", entry="e")
    text = visible_text(page)
    assert "could not be read" in text and "Nothing was deleted or changed" in text
    assert "could not be moved aside (Permission denied)" in text
    page.text.value = "new words"
    page.save_button.click()  # must not write over the file it could not keep aside
    assert "could not be saved" in visible_text(page)
    assert json.loads(path.read_text()) == {"e": {"text": "t", "saved_at": 5}}


def test_an_unreplayable_transcript_in_a_folder_that_cannot_be_changed(tmp_path, monkeypatch):
    def refuse(*_args):
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "t.json"
    RolePlay.from_file(EXAMPLE, transcript=path).choice_buttons[0].click()
    data = json.loads(path.read_text())
    data["attempts"][0]["steps"][0]["choice"] = "opening/9"
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    monkeypatch.setattr(kept_module.os, "replace", refuse)
    monkeypatch.setattr("selfkind.stores.atomic.os.replace", refuse)
    play = RolePlay.from_file(EXAMPLE, transcript=path)
    assert "left as it is" in visible_text(play) and "Nothing was deleted or changed" in visible_text(play)
    play.choice_buttons[0].click()
    assert "will not be there when you come back" in visible_text(play)
    play.restart_button.click()
    play.choice_buttons[0].click()
    assert "will not be there when you come back" in visible_text(play)
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_really_read_only_folder(tmp_path):
    path = tmp_path / "ro" / "t.json"
    plant(path, '{"broken')
    path.parent.chmod(0o555)
    try:
        play = RolePlay.from_file(EXAMPLE, transcript=path)
        assert "Nothing was deleted or changed" in visible_text(play)
        play.choice_buttons[0].click()
        assert path.read_text() == '{"broken'
    finally:
        path.parent.chmod(0o755)
