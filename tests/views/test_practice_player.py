"""PracticePlayer: consent first, a timer the trainee controls, a way out at every step, a private check-in."""

import json
from pathlib import Path

import pytest
import widget_tree
from widget_tree import controls, unlabelled

from selfkind.stores.paths import exercises_dir
from selfkind.exercises.practice import load_practice
from selfkind.ui import FileProblems, PracticePlayer

ROOT = Path(__file__).resolve().parents[2]
PRACTICES = ROOT / "modules" / "05-tools-to-self-soothe" / "practices"
KIND_PAUSE = PRACTICES / "a-kind-pause.yaml"


def player(path=KIND_PAUSE):
    return PracticePlayer.from_file(path, clock=False)


def _descendants_shown(widget):
    """As a browser shows them: a hidden box hides everything inside it."""
    if getattr(widget.layout, "display", None) == "none":
        return
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _descendants_shown(child)


def visible_text(widget):
    original = widget_tree.descendants
    widget_tree.descendants = _descendants_shown
    try:
        return widget_tree.visible_text(widget)
    finally:
        widget_tree.descendants = original


def names(widget):
    """The buttons a trainee can see and press, in order."""
    from ipywidgets import Button
    return [w.description for w in _descendants_shown(widget) if isinstance(w, Button)]


def test_consent_comes_first_with_what_it_involves_and_nothing_starts_without_it():
    p = player()
    text = visible_text(p)
    assert "Before you begin" in text and "about four minutes" in text and "Stop and ground" in text
    assert "Ways to make it gentler" in text and "Would you like to begin?" in text
    assert names(p) == ["Yes, begin the practice", "Not now"]  # no step, no timer yet
    assert "Step 1" not in text
    p.start()  # a method call without consent does nothing
    assert not p.running and p.phase == "consent"
    p.no_button.click()
    assert "nothing has started" in visible_text(p) and p.phase == "declined"
    assert not (exercises_dir() / "practice-a-kind-pause.json").exists()
    p.yes_button.click()
    assert "Step 1 of 8" in visible_text(p) and "Stop and ground" in names(p)


def test_start_pause_resume_and_the_timer_counts_down():
    p = player()
    p.yes_button.click()
    assert "0:20 left in this step (not started)" in visible_text(p)
    p.start_button.click()
    assert p.running and "Timer started: 20 seconds" in p.announce_html.value
    assert "Pause" in names(p) and "Resume" not in names(p)
    p.tick(3)
    assert p.remaining == 17 and p.progress.value == 3 and "0:17 left" in visible_text(p)
    p.pause_button.click()
    assert not p.running and "Paused, with 17 seconds left" in p.announce_html.value
    assert "Resume" in names(p) and "Pause" not in names(p)
    p.tick(5)
    assert p.remaining == 17  # paused time does not pass
    p.resume_button.click()
    assert p.running and "Resumed: 17 seconds left" in p.announce_html.value
    p.tick(17)
    assert p.remaining == 0 and not p.running and "Time is up" in p.announce_html.value
    assert p.phase == "practice"  # the trainee moves on, not the timer


def test_the_screen_reader_hears_changes_not_every_second():
    p = player(PRACTICES / "internal-vacation.yaml")
    p.consent(True)
    p.go(5)  # a 45-second step
    p.start()
    said = []
    for _ in range(45):
        p.tick(1)
        said.append(p.announce_html.value)
    changes = [s for i, s in enumerate(said) if i == 0 or s != said[i - 1]]
    assert len(changes) <= 4 and 'aria-live="polite"' in said[-1] and "Time is up" in said[-1]
    assert 'aria-hidden="true"' in p.clock_html.value  # the per-second clock is for the eyes only


def test_next_and_previous_move_through_the_steps_and_reset_the_timer():
    p = player()
    p.consent(True)
    p.previous_button.click()
    assert p.index == 0 and p.previous_button.disabled
    p.start()
    p.tick(4)
    p.next_button.click()
    assert p.index == 1 and not p.running and p.remaining == p.step.seconds
    assert "Step 2 of 8" in visible_text(p)
    p.previous_button.click()
    assert "Step 1 of 8" in visible_text(p)
    for _ in range(7):
        p.next_button.click()
    assert p.next_button.description == "Finish"
    p.next_button.click()
    assert p.phase == "check-in" and "Check-in" in visible_text(p)


@pytest.mark.parametrize("path", sorted(PRACTICES.glob("*.yaml")), ids=lambda p: p.stem)
def test_stop_and_ground_is_offered_at_every_step_and_leads_to_the_grounding(path):
    practice = load_practice(path)
    for i in range(len(practice.steps)):
        p = player(path)
        p.consent(True)
        p.go(i)
        p.start()
        p.tick(2)
        assert "Stop and ground" in names(p)
        p.stop_button.click()
        assert p.phase == "grounding" and not p.running and p.stopped_at == i + 1
        text = visible_text(p)
        assert "The practice has stopped" in text and practice.grounding[0] in text
        assert f"Step {i + 1}" not in text and names(p) == ["Go on to the check-in"]
        p.tick(5)
        assert not p.running


def test_the_check_in_is_saved_privately_and_a_hard_answer_brings_the_support_note():
    p = player()
    p.consent(True)
    p.go(3)
    p.stop_and_ground()
    p.to_check_in_button.click()
    assert not unlabelled(p)
    p.answers["how"].value = "Uncomfortable"
    p.answers["backdraft"].value = "Yes, and it is still with me"
    p.answers["note"].value = "Grandad's voice came back."
    p.save_button.click()
    text = visible_text(p)
    assert "Saved privately on this computer" in text and "backdraft" in text and "crisis line" in text
    saved = json.loads((exercises_dir() / "practice-a-kind-pause.json").read_text(encoding="utf-8"))
    [entry] = saved["answers"]["check_ins"]
    assert entry["finished"] is False and entry["stopped_at_step"] == 4
    assert entry["answers"] == {"how": "Uncomfortable", "backdraft": "Yes, and it is still with me",
                                "note": "Grandad's voice came back."}
    # a second session is added, not written over
    p.again_button.click()
    assert p.phase == "consent"
    p.consent(True)
    for _ in range(8):
        p.next_step()
    p.answers["how"].value = "Warm or easing"
    p.save_button.click()
    assert "backdraft" not in visible_text(p)
    saved = json.loads((exercises_dir() / "practice-a-kind-pause.json").read_text(encoding="utf-8"))
    assert [e["finished"] for e in saved["answers"]["check_ins"]] == [False, True]


def test_a_damaged_check_in_file_is_kept_aside_and_the_new_one_saved():
    folder = exercises_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "practice-a-kind-pause.json").write_text("{not json", encoding="utf-8")
    p = player()
    p.consent(True)
    p.next_step()
    p.stop_and_ground()
    p.show_check_in()
    p.save_button.click()
    assert "kept aside" in visible_text(p)
    saved = json.loads((folder / "practice-a-kind-pause.json").read_text(encoding="utf-8"))
    assert len(saved["answers"]["check_ins"]) == 1
    assert list(folder.glob("practice-a-kind-pause.kept-*"))


def test_every_control_has_a_label_and_text_is_escaped(tmp_path):
    bad = tmp_path / "practices"
    bad.mkdir()
    (bad / "x.yaml").write_text(KIND_PAUSE.read_text(encoding="utf-8").replace("id: a-kind-pause", "id: x")
                                .replace('title: "A kind pause"', 'title: "<script>alert(1)</script>"'),
                                encoding="utf-8")
    p = PracticePlayer.from_file(bad / "x.yaml", clock=False)
    assert "<script>" not in "".join(w.value for w in p.children[1:2]) and "&lt;script&gt;" in p.children[1].value
    for phase in (lambda: None, lambda: p.consent(True), p.stop_and_ground, p.show_check_in):
        phase()
        assert not unlabelled(p)


def test_a_broken_file_shows_its_problems_not_a_traceback(tmp_path):
    bad = tmp_path / "practices"
    bad.mkdir()
    (bad / "broken.yaml").write_text("id: broken\nkind: breathing\n", encoding="utf-8")
    view = PracticePlayer.from_file(bad / "broken.yaml")
    assert isinstance(view, FileProblems) and "broken.yaml:2" in visible_text(view)
