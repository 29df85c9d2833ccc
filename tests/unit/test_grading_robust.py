"""Grading never raises and never prints a traceback; it grades a stated attempt; it fails
safety-critical plays and judging or colluding responses by default."""

import json
import subprocess
import sys

import pytest

from selfkind.grading import checks as grading  # the module the checks run in, so a patch reaches them
from selfkind.grading import check_choice, check_rating, check_roleplay, require_choice, require_roleplay
from selfkind.engine import Session
from selfkind.authoring import load_scenario
from selfkind.stores.transcripts import TranscriptStore

DEEP = "[" * 100_000 + "]" * 100_000
BEST, JUDGING = ("opening/1", "softer/1"), ("opening/2", "softer/2")


@pytest.fixture
def scenario(example_path):
    return load_scenario(example_path)


def played(scenario, *choices):
    session = Session(scenario)
    for choice in choices:
        session.step(choice)
    return session.play


def save_attempts(path, scenario, *plays):
    store = TranscriptStore(path, scenario)
    token = None
    for n, play in enumerate(plays):
        token = store.save(play, token, new_attempt=n > 0).token
    return path


@pytest.mark.parametrize("content", [
    DEEP,
    '{"format": "selfkind-answers", "version": 1, "answers": ' + DEEP + "}",
    '{"format": "selfkind-answers", "version": true, "answers": {"q1": "b"}}',
    '{"format": "selfkind-answers", "version": 1.0, "answers": {"q1": "b"}}',
    '{"format": "selfkind-answers", "version": 1, "answers": [1]}',
    '{"format": "selfkind-answers", "version": "<img src=x onerror=alert(1)>", "answers": {}}',
    '{"format": "selfkind-answers", "version": 1, "answers": {"q1": "BEGIN HIDDEN TESTS"}}',
])
def test_any_answers_file_gives_a_verdict_in_words(tmp_path, content, capfd):
    path = tmp_path / "answers.json"
    path.write_text(content)
    for verdict in (check_choice("q1", "b", path, label="Q1"), check_rating("q1", 1, 5, path, label="Q1")):
        assert not verdict and verdict.reason.startswith("Q1: ")
    require_choice("q1", "b", path, label="Q1")
    err = capfd.readouterr().err
    assert err.startswith("✘ Q1: ") and "Traceback" not in err and err.count("\n") == 1


@pytest.mark.parametrize("content", [
    DEEP,
    '{"format": "selfkind-transcript", "version": 2, "scenario": "example-late-night-scrolling", "attempts": '
    + DEEP + "}",
    '{"format": "selfkind-transcript", "version": true, "scenario": "example-late-night-scrolling", "play": {}}',
    '{"format": "selfkind-transcript", "version": 9, "scenario": "example-late-night-scrolling", "attempts": []}',
    '{"format": "selfkind-transcript", "version": 2, "scenario": 5, "attempts": [{"steps": "x"}]}',
])
def test_any_transcript_gives_a_verdict_in_words(tmp_path, example_path, content, capfd):
    path = tmp_path / "t.json"
    path.write_text(content)
    verdict = check_roleplay(path, example_path, label="Role-play")
    assert not verdict and verdict.reason.startswith("Role-play: Your role-play transcript could not be replayed")
    require_roleplay(path, example_path, min_share=0.6, label="Role-play")
    err = capfd.readouterr().err
    assert err.startswith("✘ Role-play: ") and "Traceback" not in err and "min_share" not in err


def test_an_unforeseen_failure_is_a_verdict_not_a_traceback(tmp_path, example_path, monkeypatch, capfd):
    def boom(*_args, **_kwargs):
        raise MemoryError

    monkeypatch.setattr(grading, "read_attempts", boom)
    verdict = check_roleplay(tmp_path / "t.json", example_path, label="Role-play")
    assert not verdict and "could not be checked (MemoryError)" in verdict.reason
    require_roleplay(tmp_path / "t.json", example_path, label="Role-play")
    assert "Traceback" not in capfd.readouterr().err


def test_the_first_finished_attempt_is_graded_by_default_and_every_attempt_is_named(tmp_path, scenario,
                                                                                   example_path):
    path = save_attempts(tmp_path / "t.json", scenario, played(scenario, "opening/2", "softer/1"),
                         played(scenario, *BEST), played(scenario, "opening/1"))
    first = check_roleplay(path, example_path, min_share=0.6, forbidden_codes=())
    assert not first and "Attempt 1 of 3 graded: the first finished attempt is graded" in first.reason
    assert check_roleplay(path, example_path, min_share=0.6, attempt="last").reason.endswith(
        "[Attempt 2 of 3 graded: the last finished attempt is graded.]")
    assert check_roleplay(path, example_path, min_share=0.6, attempt="best")


def test_an_unknown_attempt_policy_is_a_verdict(tmp_path, scenario, example_path):
    path = save_attempts(tmp_path / "t.json", scenario, played(scenario, *BEST))
    verdict = check_roleplay(path, example_path, attempt="most")
    assert not verdict and "unknown attempt policy" in verdict.reason


def with_choice(scenario, node_id, index, **update):
    """The scenario with one choice changed (the example has no judging or critical choice)."""
    node = scenario.nodes[node_id]
    choices = list(node.choices)
    choices[index] = choices[index].model_copy(update=update)
    return scenario.model_copy(update={"nodes": {**scenario.nodes, node_id: node.model_copy(update={"choices": choices})}})


@pytest.mark.parametrize("code", ["judge", "collude"])
def test_judging_and_colluding_fail_by_default(tmp_path, scenario, example_path, monkeypatch, code):
    changed = with_choice(scenario, "softer", 1, codes=[code])
    monkeypatch.setattr(grading, "load_scenario", lambda _path: changed)
    path = save_attempts(tmp_path / "t.json", changed, played(changed, *JUDGING))
    verdict = check_roleplay(path, example_path)
    assert not verdict and f"hindering response coded {code}" in verdict.reason
    assert check_roleplay(path, example_path, forbidden_codes=())  # an assignment may allow them


def test_a_safety_critical_choice_fails_whatever_the_share(tmp_path, scenario, example_path, monkeypatch):
    """A choice marked `critical:` (set here on a copy: the example scenario has none)."""
    risky = with_choice(scenario, "softer", 0, critical="Advising a change of medication is not yours to do.")
    monkeypatch.setattr(grading, "load_scenario", lambda _path: risky)
    path = save_attempts(tmp_path / "t.json", risky, played(risky, *BEST))
    verdict = check_roleplay(path, example_path, min_share=0.0)
    assert not verdict
    assert "safety-critical response (turn 2: Advising a change of medication is not yours to do.)" in verdict.reason


def test_grading_never_writes(tmp_path, example_path):
    path = tmp_path / "t.json"
    path.write_text("{broken")
    check_roleplay(path, example_path)
    check_choice("q1", "b", tmp_path / "answers.json")
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"] and path.read_text() == "{broken"


def test_require_in_a_fresh_interpreter_prints_one_line_only(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(DEEP)
    code = f"from selfkind.grading import require_choice; require_choice('q1', 'b', {str(path)!r}, label='Q1')"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout == "" and run.stderr.startswith("✘ Q1: ")
    assert len(run.stderr.splitlines()) == 1
