"""Files an author (or an attacker) might feed `selfkind check`: each gets FILE:LINE and
what to do, never a traceback, and a folder check goes on to the next file."""

import subprocess
import sys

import pytest

from selfkind.authoring import check_file
from selfkind.ui import QuickCheck, RolePlay

HUGE = "9" * 5000


@pytest.mark.parametrize("old, new, message, line", [
    ('title: "Up until three again"', 'title: !foo "x"', "the YAML tag '!foo' is not allowed", 3),
    ('title: "Up until three again"', 'title: !!python/name:os.system ""', "python/name:os.system' is not allowed", 3),
    ("        score: 2\n", "        score: !!int zz\n", "the value 'zz' cannot be read", None),
    ('title: "Up until three again"', "title: !!timestamp 2020-13-45", "the value '2020-13-45' cannot be read", 3),
    ("        score: 2\n", f"        score: {HUGE}\n", "the number here has 5000 digits", None),
    ("    if: trust >= 6\n", "    if: " + "(" * 5000 + "trust >= 6" + ")" * 5000 + "\n", "nested more than 50 deep", None),
    ("    if: trust >= 6\n", "    if: " + "not " * 5000 + "trust >= 6\n", "nested more than 50 deep", None),
    ("id: example-late-night-scrolling", 'id: "example\\n"', "id 'example\\n' is not a simple name", 2),
    ("  - id: opening-up", '  - id: "opening-up\\n"', "ending id 'opening-up\\n' is not a simple name", None),
])
def test_hostile_values_get_a_line_and_a_fix(example_text, write, old, new, message, line):
    assert old in example_text
    path = write(example_text.replace(old, new, 1))
    problems, scenario = check_file(path)
    assert scenario is None
    hits = [p for p in problems if message in str(p)]
    assert hits, [str(p) for p in problems]
    assert hits[0].line is not None and (line is None or hits[0].line == line)
    assert str(hits[0]).startswith(f"{path}:{hits[0].line}: ")


def test_deeply_nested_yaml_is_refused(write):
    problems, scenario = check_file(write("id: x\nnodes: " + "[" * 100_000 + "]" * 100_000 + "\n"))
    assert scenario is None and problems
    assert "nested far too deeply" in str(problems[0]) or "does not parse" in str(problems[0])


def test_a_folder_check_goes_on_past_a_hostile_file(example_text, tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "a-bad.yaml").write_text(example_text.replace('title: "Up until three again"', "title: !foo x"))
    (folder / "b-good.yaml").write_text(example_text)
    run = subprocess.run([sys.executable, "-m", "selfkind.cli", "check", str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert f"{folder / 'a-bad.yaml'}:3: the YAML tag '!foo' is not allowed" in run.stdout
    assert f"{folder / 'b-good.yaml'}: ok:" in run.stdout
    assert "1 of 2 scenario files pass" in run.stdout


def test_a_10000_node_loop_with_no_exit_is_refused(write):
    nodes = "".join(
        f"  n{i}:\n    client: \"Line {i}.\"\n    choices:\n      - text: \"On.\"\n        codes: [reflect]\n"
        f"        score: 1\n        feedback: \"F.\"\n        thought: \"T.\"\n        next: n{(i + 1) % 10_000}\n"
        for i in range(10_000))
    text = ("id: loop\ntitle: L\nmodule: m\nclient: {name: A, persona: P.}\nstate: {shame: 5, trust: 5}\n"
            "start: n0\nnodes:\n" + nodes +
            "endings:\n  - id: e\n    good: true\n    if: trust > 5\n    title: E\n    debrief: D.\n"
            "  - id: f\n    title: F\n    debrief: D.\n")
    problems, scenario = check_file(write(text))
    assert scenario is None
    assert sum("is in a loop with no way out to an ending" in str(p) for p in problems) == 10_000


def test_widgets_show_the_messages_instead_of_raising(example_text, write, tmp_path):
    bad = write(example_text.replace('title: "Up until three again"', "title: !foo x"), "bad.yaml")
    view = RolePlay.from_file(bad, transcript=None)
    assert not isinstance(view, RolePlay)
    shown = " ".join(getattr(c, "value", "") for c in view.children if isinstance(getattr(c, "value", None), str))
    assert "the YAML tag" in shown and "not allowed" in shown
    checks = tmp_path / "checks.yaml"
    checks.write_text("checks:\n  - id: q\n    question: !!python/name:os.system x\n")
    qc = QuickCheck.from_file(checks, "q")
    assert not isinstance(qc, QuickCheck)


def test_a_module_folder_checks_its_scenarios_not_its_exercise_data(example_text, tmp_path):
    module = tmp_path / "03-some-module"
    (module / "scenarios").mkdir(parents=True)
    (module / "scenarios" / "s.yaml").write_text(example_text)
    (module / "soothing-map.yaml").write_text("vignette: not a scenario\n")
    (module / "checks.yaml").write_text("checks: []\n")
    run = subprocess.run([sys.executable, "-m", "selfkind.cli", "check", str(module)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
    assert "1 of 1 scenario files pass" in run.stdout and "soothing-map" not in run.stdout
