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


def test_stamp_ids_keeps_what_saved_transcripts_mean(example_path, tmp_path):
    from selfkind.engine import start, step
    from selfkind.authoring import load_scenario
    from selfkind.engine.transcript import replay, to_json
    from selfkind.stores.transcripts import read_steps

    path = tmp_path / "s.yaml"
    original = example_path.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    before = load_scenario(path)
    play, _ = step(before, start(before), "opening/2")
    saved = to_json(before, play)

    out = io.StringIO()
    assert _author_tool("stamp-ids", str(path), out=out) == 0
    assert "stamped 4 choice ids" in out.getvalue()
    text = path.read_text(encoding="utf-8")
    assert "      - id: opening/2\n        text: \"You really need" in text
    assert text.count("# ") == original.count("# ")  # the author's comments stay
    after = load_scenario(path)
    assert replay(after, read_steps(saved, after)).steps[0].choice == "opening/2"

    again = io.StringIO()
    assert _author_tool("stamp-ids", str(path), out=again) == 0
    assert "every choice already has an id" in again.getvalue()
