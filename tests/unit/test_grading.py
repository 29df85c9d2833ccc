"""Grading helpers: verdicts with reasons a trainee can act on; never a crash, never a write."""

import json
import shutil
import sys
from pathlib import Path

import pytest

from selfkind.stores.answers import AnswerStore
from selfkind.grading import (answer_status, check_choice, check_rating, check_roleplay, require_choice,
                              require_roleplay, roleplay_status)

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "modules" / "01-what-self-compassion-is" / "scenarios" / "of-course-i-have-it.yaml"
REFERENCE = ROOT / "solutions" / "01-what-self-compassion-is" / "transcripts" / "of-course-i-have-it.json"


@pytest.fixture
def answers(tmp_path):
    path = tmp_path / "answers.json"
    store = AnswerStore(path)
    store.set("q1", "b")
    store.set("r1", 4)
    return path


def test_choices_and_ratings(answers):
    assert check_choice("q1", "b", answers)
    wrong = check_choice("q1", "c", answers, label="Question 1")
    assert not wrong and wrong.reason.startswith("Question 1: your answer (b) is not the best one")
    assert check_choice("q2", "a", answers, label="Question 2").reason == "Question 2: not answered."
    assert check_rating("r1", 4, 5, answers)
    assert "outside the range" in check_rating("r1", 1, 2, answers).reason


def test_a_missing_answers_file_gets_a_reason(tmp_path):
    verdict = check_choice("q1", "b", tmp_path / "answers.json", label="Question 1")
    assert not verdict and "No answers file (answers.json) was found" in verdict.reason


def test_a_corrupt_answers_file_gets_a_reason_and_is_left_alone(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text('{"format": "selfkind-answers", "answers": {"q1": "b",', encoding="utf-8")
    verdict = check_choice("q1", "b", path)
    assert not verdict and "not valid JSON" in verdict.reason
    assert path.exists() and not list(tmp_path.glob("*.kept-*"))


def test_an_answers_file_the_widgets_kept_aside_is_named(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text("{broken", encoding="utf-8")
    AnswerStore(path)  # what the notebook's widgets do when it is re-executed
    verdict = check_choice("q1", "b", path)
    assert "could not be read (it is not valid JSON" in verdict.reason and "answers.kept-damaged-" in verdict.reason


def copy_reference(tmp_path) -> Path:
    target = tmp_path / "transcripts" / "of-course-i-have-it.json"
    target.parent.mkdir()
    shutil.copy(REFERENCE, target)
    return target


def test_the_reference_play_passes_every_threshold(tmp_path):
    verdict = check_roleplay(copy_reference(tmp_path), SCENARIO, min_share=0.6, forbidden_codes=["judge"])
    assert verdict, verdict.reason


def test_a_tampered_transcript_names_the_step(tmp_path):
    path = copy_reference(tmp_path)
    data = json.loads(path.read_text())
    data["attempts"][0]["steps"][2]["state_after"]["trust"] = 10
    path.write_text(json.dumps(data))
    verdict = check_roleplay(path, SCENARIO)
    assert not verdict
    assert verdict.reason == ("Role-play: Your role-play transcript could not be replayed: step 3: "
                              "the recorded state or score does not match the scenario.")


def test_a_transcript_kept_aside_by_the_widget_still_gives_its_reason(tmp_path):
    path = copy_reference(tmp_path)
    data = json.loads(path.read_text())
    data["attempts"][0]["steps"][0]["choice"] = "opening/9"
    path.write_text(json.dumps(data))
    kept = path.with_name("of-course-i-have-it.kept-unreplayable-20261125-120000.json")
    path.rename(kept)
    verdict = check_roleplay(path, SCENARIO)
    assert "could not be replayed: step 1: choice 'opening/9' is not offered" in verdict.reason
    assert kept.name in verdict.reason


def test_unfinished_missing_and_hindering_plays(tmp_path):
    path = copy_reference(tmp_path)
    data = json.loads(path.read_text())
    data["attempts"][0]["steps"] = data["attempts"][0]["steps"][:2]
    path.write_text(json.dumps(data))
    assert "not finished (2 turns so far)" in check_roleplay(path, SCENARIO).reason
    path.unlink()
    assert "No saved role-play was found" in check_roleplay(path, SCENARIO).reason
    path.write_text("{", encoding="utf-8")
    assert "not valid JSON" in check_roleplay(path, SCENARIO).reason


def test_require_prints_a_failure_to_stderr_without_raising(tmp_path, capsys):
    require_choice("q1", "b", tmp_path / "answers.json", label="Question 1")
    out = capsys.readouterr()
    assert out.out == "" and out.err.startswith("✘ Question 1: No answers file")
    require_roleplay(copy_reference(tmp_path), SCENARIO, min_share=0.6, forbidden_codes=["judge"])
    out = capsys.readouterr()
    assert out.err == "" and out.out.startswith("✔ Role-play: finished")


def test_status_lines_never_raise_and_reveal_nothing(tmp_path, answers, capsys):
    answer_status(["q1", "q2"], answers)
    roleplay_status(tmp_path / "none.json", SCENARIO)
    out = capsys.readouterr().out
    assert "q1: saved" in out and "q2: not answered yet" in out and "No saved role-play" in out
    assert "correct" not in out


def test_grading_never_imports_ipywidgets():
    import subprocess
    code = "import sys, selfkind.grading, selfkind.stores.answers; print('ipywidgets' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
