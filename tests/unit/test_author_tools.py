"""`selfkind play` and `selfkind routes`: an author tests a draft without Jupyter."""

import io
import subprocess
import sys

from selfkind.cli import _author_tool


def test_routes_lists_every_route_best_first_with_endings(example_path):
    out = io.StringIO()
    assert _author_tool("routes", str(example_path), out=out) == 0
    text = out.getvalue()
    assert "example-late-night-scrolling: 4 routes" in text
    lines = [l for l in text.splitlines() if "%" in l]
    assert lines[0].strip().startswith("100%") and "opening-up (good)" in lines[0]
    assert "opening/1 > softer/1" in lines[0]
    assert "endings reached:" in text and "polite-distance" in text


def test_routes_marks_critical_choices_and_unearned_endings(write):
    from tests.unit.test_format_safety import BASE

    text = BASE.replace("    if: trust >= 6\n    good: true", "    if: trust >= 60\n    good: true")
    out = io.StringIO()
    _author_tool("routes", str(write(text)), out=out)
    report = out.getvalue()
    assert "CRITICAL at turn 1" in report
    assert "good (good): 0 routes  <- no route earns this ending" in report


def test_play_shows_state_codes_feedback_and_the_debrief(example_path):
    answers = iter(["9", "1", "1"])
    out = io.StringIO()
    _author_tool("play", str(example_path), out=out, ask=lambda prompt: next(answers))
    text = out.getvalue()
    assert "[turn 1; state shame 6, trust 4]" in text
    assert "[reflect; +2; opening/1]" in text
    assert "Type a number from 1 to 2, or q." in text
    assert "Feedback: A complex reflection" in text
    assert "Ending: Sam opens the door a little (opening-up)" in text
    assert "Score 100%" in text


def test_a_broken_scenario_prints_its_problems_not_a_traceback(example_text, write):
    path = write(example_text.replace("codes: [reflect]", "codes: [reflex]", 1))
    run = subprocess.run([sys.executable, "-m", "selfkind.cli", "play", str(path)], capture_output=True, text=True,
                         input="")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "unknown code 'reflex'" in run.stdout
