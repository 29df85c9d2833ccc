"""LoopDiagram: step round module 04's performance loop, choose, check, and find the answers again."""

import json
from pathlib import Path

from widget_tree import controls, unlabelled, visible_text

from selfkind.stores.answers import read_answers
from selfkind.stores.paths import exercises_dir
from selfkind.ui import FileProblems, LoopDiagram

ROOT = Path(__file__).resolve().parents[2]
LOOP = ROOT / "modules" / "04-self-criticism-and-sexual-performance" / "exercises" / "performance-loop.yaml"
STAGES = ["Harsh standard", "Anxiety", "Spectatoring", "Difficulty", "Rumination", "Harsher standard"]


def test_shows_the_vignette_the_diagram_and_its_text_equivalent():
    loop = LoopDiagram.from_file(LOOP)
    text = visible_text(loop)
    assert "Ife" in text and "tingling" in text
    assert "Stage 1 of 6: Harsh standard" in text
    assert "Harsh standard (current stage)" in text  # the list beside the picture says where you are
    assert "returns to “Harsh standard”" in text
    svg = loop.diagram_html.value
    assert svg.count("<rect") == 6 and 'role="img"' in svg and "Current stage: Harsh standard" in svg
    assert ">now<" in svg  # not colour alone
    assert not unlabelled(loop)


def test_next_stage_moves_the_highlight_round_the_loop_and_back_to_the_start():
    loop = LoopDiagram.from_file(LOOP)
    for i, label in enumerate(STAGES):
        assert f"Stage {i + 1} of 6: {label}" in visible_text(loop)
        assert f"{label} (current stage)" in visible_text(loop)
        assert f"Current stage: {label}." in loop.diagram_html.value
        loop.next_button.click()
    assert "Stage 1 of 6: Harsh standard" in visible_text(loop)  # round again
    loop.previous_button.click()
    assert "Stage 6 of 6: Harsher standard" in visible_text(loop)


def test_each_choice_gets_a_verdict_and_feedback_in_words():
    loop = LoopDiagram.from_file(LOOP)
    loop.check_button.click()
    assert "Choose one of the interventions first" in visible_text(loop)
    for _ in range(3):
        loop.next_button.click()
    assert "Difficulty" in loop.stage_html.value
    loop.choice.value = "c"  # the online pills
    loop.check_button.click()
    text = visible_text(loop)
    assert "Unsafe." in text and "counterfeit" in text and "Another option would help more" in text
    loop.choice.value = "b"  # the medical referral
    assert loop.feedback_html.value == ""  # old feedback described the old choice
    loop.check_button.click()
    assert "Helpful." in visible_text(loop) and "best option at this stage" in visible_text(loop)
    loop.first_move.value = "a"
    loop.first_move_button.click()
    assert "Yes." in loop.first_move_html.value


def test_choices_are_saved_privately_and_shown_again(trainee_home):
    loop = LoopDiagram.from_file(LOOP)
    loop.choice.value = "b"
    loop.next_button.click()
    loop.choice.value = "c"
    loop.first_move.value = "a"
    path = exercises_dir() / "performance-loop.json"
    assert path.is_relative_to(trainee_home)
    assert json.loads(path.read_text())["answers"] == {"standard": "b", "anxiety": "c", "first-move": "a"}
    assert "Saved privately on this computer" in visible_text(loop)
    assert "Harsh standard ✓" in loop.diagram_html.value and "(answered)" in visible_text(loop)

    again = LoopDiagram.from_file(LOOP)
    assert again.choice.value == "b" and again.first_move.value == "a"
    again.next_button.click()
    assert again.choice.value == "c"
    again.next_button.click()
    assert again.choice.value is None


def test_moving_between_stages_writes_nothing(trainee_home):
    loop = LoopDiagram.from_file(LOOP)
    for _ in range(7):
        loop.next_button.click()
    assert not (exercises_dir() / "performance-loop.json").exists()


def test_in_an_assignment_answers_go_to_answers_json_and_no_verdict_is_shown(tmp_path):
    answers = tmp_path / "answers.json"
    loop = LoopDiagram.from_file(LOOP, answers=answers, feedback=False)
    assert loop.check_button not in controls(loop) and loop.first_move_button not in controls(loop)
    for _ in range(3):
        loop.next_button.click()
    loop.choice.value = "b"
    loop.first_move.value = "a"
    assert read_answers(answers) == {"loop-difficulty": "b", "loop-first-move": "a"}
    assert "answers file" in visible_text(loop) and "Helpful" not in visible_text(loop)
    again = LoopDiagram.from_file(LOOP, answers=answers, feedback=False)
    for _ in range(3):
        again.next_button.click()
    assert again.choice.value == "b"


def test_damaged_saved_answers_are_kept_aside_and_reported(trainee_home):
    path = exercises_dir() / "performance-loop.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    loop = LoopDiagram.from_file(LOOP)
    assert "could not be read" in visible_text(loop) and "Please note" in visible_text(loop)
    assert loop.choice.value is None
    loop.choice.value = "b"
    assert json.loads(path.read_text())["answers"] == {"standard": "b"}


def test_saved_answers_that_do_not_fit_are_ignored(trainee_home):
    path = exercises_dir() / "performance-loop.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": "selfkind-exercise", "answers": {"standard": "zz", "anxiety": 3}}))
    loop = LoopDiagram.from_file(LOOP)
    assert loop.choice.value is None
    loop.next_button.click()
    assert loop.choice.value is None


def test_a_broken_loop_file_shows_its_problems_not_a_traceback(tmp_path):
    bad = tmp_path / "loop.yaml"
    bad.write_text("id: x\ntitle: T\nvignette: V\nstages:\n  - id: a\n    label: A\n", encoding="utf-8")
    shown = LoopDiagram.from_file(bad)
    assert isinstance(shown, FileProblems)
    assert "cannot be shown" in visible_text(shown) and "loop.yaml" in visible_text(shown)


def test_author_text_is_escaped(tmp_path):
    text = LOOP.read_text(encoding="utf-8").replace('title: "Ife\'s loop"', 'title: "<b>Ife</b> & co"')
    path = tmp_path / "loop.yaml"
    path.write_text(text, encoding="utf-8")
    loop = LoopDiagram.from_file(path)
    assert "&lt;b&gt;Ife&lt;/b&gt; &amp; co" in loop.children[1].value
