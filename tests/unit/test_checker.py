"""Every check of `selfkind check`, each with a bad file, asserting file, line and advice."""

import os
import subprocess
import sys
import time

import pytest

from selfkind.cli import check
from selfkind.authoring import check_file, load_scenario, ScenarioError


def problems_of(path):
    problems, scenario = check_file(path)
    return [str(p) for p in problems], scenario


def line_of(text, fragment):
    """The line holding `fragment` (the last such line if it starts with LAST:)."""
    lines = list(enumerate(text.splitlines(), 1))
    if fragment.startswith("LAST:"):
        fragment, lines = fragment[5:], lines[::-1]
    return next(i for i, line in lines if fragment in line)


def test_the_example_passes_with_a_summary(example_text, write, capsys):
    path = write(example_text)
    assert check([str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: ok: 2 nodes, 2 decision points, 3 endings" in out
    assert "1 of 1 scenario files pass" in out


# (what to change in the example, text expected in the message, line fragment it points at)
MUTATIONS = [
    ("        codes: [reflect]\n", "        codes: [reflex]\n", "unknown code 'reflex'; use one of: reflect", "codes: [reflex]"),
    ("        score: 2\n        feedback: \"A complex", "        score: 5\n        feedback: \"A complex",
     "score 5 is out of range; give a score from -2 to 2", "score: 5"),
    ("        next: softer\n      - text: \"You really", "        next: softr\n      - text: \"You really",
     "`next: softr` names no node", "next: softr"),
    ("start: opening", "start: begin", "start node 'begin' does not exist", "start: begin"),
    ("        feedback: \"Advice", "        feedbak: \"Advice", "unknown key `feedbak`", "feedbak:"),
    ("  - id: polite-distance", "  - id: opening-up", "ending id 'opening-up' is used twice", "LAST:  - id: opening-up"),
    # a choice's own id the same as a later choice's position id, or as another's own id
    ("      - text: \"After a shift like that", "      - id: opening/2\n        text: \"After a shift like that",
     "choice id 'opening/2' is used twice in node 'opening'", "- text: \"You really need"),
    ("        next: end\n      - text: \"Everyone does that", "        next: end\n      - id: softer/1\n        text: \"Everyone",
     "choice id 'softer/1' is used twice in node 'softer'", "- id: softer/1"),
    ("    if: trust >= 3\n", "    if: trust >= = 3\n", "condition does not parse", "if: trust >= = 3"),
    ("    if: trust >= 3\n", "    if: hope >= 3\n", "condition 'hope >= 3' names 'hope', which is not in `state`", "if: hope >= 3"),
    ("        effects: {trust: 1}\n", "        effects: {hope: 1}\n", "effect on 'hope', which is not in `state`", "effects: {hope: 1}"),
    ("  trust: 4\n", "  trust: 14\n", "start value 14 of `trust` is outside 0–10", "trust: 14"),
    ("  trust: 4\n", "  warmth: 4\n", "the client's state has no `trust`", "state:"),
    ("        score: -2\n", "        score: \"-2\"\n", "should be a whole number", "score: \"-2\""),
    ("title: \"Up until three again\"\n", "", "`title` is missing", "id: example"),
    ("    client: \"Can we just stop here for today?\"\n    debrief:\n      - text: \"Sam pulls away.",
     "    if: trust >= 0\n    client: \"Can we just stop here for today?\"\n    debrief:\n      - text: \"Sam pulls away.",
     "the last ending has an `if:`", "if: trust >= 0"),
    ("      - say: \"Maybe. I don't know.", "      - if: trust < 5\n        say: \"Maybe. I don't know.",
     "every line here has an `if:`", "- if: trust < 5"),
]


@pytest.mark.parametrize("old, new, message, at", MUTATIONS, ids=[m[2][:40] for m in MUTATIONS])
def test_each_problem_names_file_line_and_fix(example_text, write, old, new, message, at):
    assert old in example_text, "the mutation no longer matches the example"
    text = example_text.replace(old, new, 1)
    path = write(text)
    problems, scenario = problems_of(path)
    assert scenario is None
    hits = [p for p in problems if message in p]
    assert hits, problems
    assert hits[0].startswith(f"{path}:{line_of(text, at)}: "), hits[0]
    assert "; " in hits[0]  # every message says what to do


def test_unreachable_node_and_loose_end(example_text, write):
    text = example_text.replace("endings:\n", "  aside:\n    client: \"Hm.\"\nendings:\n", 1)
    path = write(text)
    problems, _ = problems_of(path)
    line = line_of(text, "  aside:")
    assert any(p.startswith(f"{path}:{line}: node 'aside' is a loose end") for p in problems), problems
    assert any(p.startswith(f"{path}:{line}: node 'aside' cannot be reached from the start") for p in problems)


def test_loop_with_no_way_out(example_text, write):
    text = example_text.replace("        next: end\n      - text: \"Everyone", "        next: opening\n      - text: \"Everyone", 1)
    text = text.replace("        effects: {trust: -2}\n        next: end", "        effects: {trust: -2}\n        next: softer", 1)
    path = write(text)
    problems, scenario = problems_of(path)
    assert scenario is None
    assert any("node 'opening' is in a loop with no way out to an ending" in p for p in problems), problems


def test_a_loop_with_a_way_out_is_fine(example_text, write):
    text = example_text.replace("        next: end\n      - text: \"Everyone", "        next: opening\n      - text: \"Everyone", 1)
    problems, scenario = problems_of(write(text))
    assert scenario is not None, problems


def test_unreachable_ending_is_a_warning_only(example_text, write):
    text = example_text.replace("    if: trust >= 6\n", "    if: trust >= 6 and shame >= 9\n", 1)
    path = write(text)
    problems, scenario = problems_of(path)
    assert scenario is not None
    assert problems == [f"{path}:{line_of(text, '- id: opening-up')}: warning: ending 'opening-up' can never be reached; "
                        "check its `if:` against the state the choices can produce"]


def test_duplicate_node_is_a_duplicate_key(example_text, write):
    text = example_text.replace("endings:\n", "  opening:\n    client: \"again\"\nendings:\n", 1)
    path = write(text)
    problems, _ = problems_of(path)
    first = line_of(text, "  opening:")
    second = len(text.splitlines()) - text.splitlines()[::-1].index("  opening:")
    assert problems == [f"{path}:{second}: duplicate key 'opening' (also on line {first}); give each key once; rename or merge the two"]


@pytest.mark.parametrize("content, message", [
    ("", "file is empty"),
    ("# only a comment\n", "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "is a binary file, not YAML text"),
    (b"id: caf\xe9\n", "is not UTF-8 text"),
    ("- one\n- two\n", "the file holds a list, not a scenario"),
    ("just words\n", "the file holds a single value, not a scenario"),
    ("id: x\n  title: y\n", "YAML does not parse"),
    ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
     "anchors and aliases (& and *) are not allowed"),
])
def test_garbage_is_refused_fast_and_clearly(write, content, message):
    path = write(content)
    started = time.perf_counter()
    problems, scenario = problems_of(path)
    elapsed = time.perf_counter() - started
    assert scenario is None
    assert len(problems) == 1 and message in problems[0] and problems[0].startswith(str(path))
    assert elapsed < 5  # generous: a refusal must never hang (the issue asks < 1 s; see benchmarks)


def test_missing_path_and_folder(tmp_path, capsys):
    assert check([str(tmp_path / "nope.yaml"), str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'nope.yaml'}: no such file; check the path and its spelling" in out
    assert f"{tmp_path}: no scenario files (scenarios/*.yaml) in this folder" in out


def test_load_scenario_on_a_folder_says_so(tmp_path):
    with pytest.raises(ScenarioError, match="is a folder, not a scenario file"):
        load_scenario(tmp_path)


def test_the_command_exits_1_and_prints_no_traceback(write):
    path = write("- not a scenario\n")
    run = subprocess.run([sys.executable, "-m", "selfkind.cli", "check", str(path)],
                         capture_output=True, text=True, env={**os.environ})
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert f"{path}:1: the file holds a list, not a scenario" in run.stdout


def test_engine_never_imports_widgets():
    code = "import selfkind.engine, selfkind.authoring, selfkind.cli, sys; print('ipywidgets' in sys.modules, 'IPython' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False False"
