"""Transcripts: every attempt kept, bound to what was played, versions whole and known."""

import json

import pytest

from selfkind.engine import ReplayError, Session, replay, start, step

from selfkind.stores.transcripts import load_transcript, save_transcript

from selfkind.authoring import load_scenario
from selfkind.stores.transcripts import TranscriptStore


@pytest.fixture
def scenario(example_path):
    return load_scenario(example_path)


def finished(scenario, *choices):
    session = Session(scenario)
    for choice in choices:
        session.step(choice)
    return session.play


def test_transcript_saves_and_resumes_exactly(scenario, tmp_path):
    path = tmp_path / "t.json"
    play, _ = step(scenario, start(scenario), "opening/1")
    save_transcript(path, scenario, play)
    data = json.loads(path.read_text())
    assert data["format"] == "selfkind-transcript" and data["version"] == 2
    assert data["scenario"] == scenario.id and len(data["attempts"]) == 1
    resumed = load_transcript(path, scenario)
    assert resumed == play
    assert step(scenario, resumed, "softer/1")[0].ending == "opening-up"
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temp file


def test_a_version_1_file_reads_as_one_attempt(scenario, tmp_path):
    play = finished(scenario, "opening/1", "softer/1")
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"format": "selfkind-transcript", "version": 1, "scenario": scenario.id,
                                "play": play.model_dump(mode="json")}))
    reading = TranscriptStore(path, scenario).read()
    assert reading.problem is None and reading.value.plays == (play,)


def _tamper(path, edit):
    data = json.loads(path.read_text())
    edit(data["attempts"][-1]["steps"])
    path.write_text(json.dumps(data))


@pytest.mark.parametrize("edit, message", [
    (lambda steps: steps[1].update(choice="softer/9"), "step 2: choice 'softer/9' is not offered at 'softer'"),
    (lambda steps: steps[0].update(node="softer"), "step 1: recorded at node 'softer', but the play is at 'opening'"),
    (lambda steps: steps[0].update(state_after={"shame": 0, "trust": 10}), "step 1: the recorded state or score does not match"),
    (lambda steps: steps[0].update(score=2, choice="opening/2"), "step 1: the recorded words of choice 'opening/2'"),
    (lambda steps: steps.append(dict(steps[1])), "step 3: the play had already ended"),
    # the words and codes are checked too, not only state and score
    (lambda steps: steps[1].update(text="I hear how hard that is."), "step 2: the recorded words of choice 'softer/1'"),
    (lambda steps: steps[0].update(codes=["validate"]), r"step 1: the recorded codes \(validate\)"),
])
def test_a_hand_edited_transcript_is_refused_naming_the_step(scenario, tmp_path, edit, message):
    path = save_transcript(tmp_path / "t.json", scenario, finished(scenario, "opening/1", "softer/1"))
    _tamper(path, edit)
    with pytest.raises(ReplayError, match=message.replace("(", r"\(") if "\\" not in message else message):
        load_transcript(path, scenario)
    assert path.exists()  # refused, not destroyed


def test_a_transcript_of_another_scenario_is_refused(scenario, tmp_path):
    path = save_transcript(tmp_path / "t.json", scenario, start(scenario))
    data = json.loads(path.read_text())
    data["scenario"] = "someone-else"
    path.write_text(json.dumps(data))
    with pytest.raises(ReplayError, match="it is for scenario 'someone-else'"):
        load_transcript(path, scenario)


@pytest.mark.parametrize("version", [True, 1.0, 2.0, "2", None])
def test_a_version_that_is_not_a_whole_number_is_refused(scenario, tmp_path, version):
    path = save_transcript(tmp_path / "t.json", scenario, start(scenario))
    data = json.loads(path.read_text())
    data["version"] = version
    path.write_text(json.dumps(data))
    reading = TranscriptStore(path, scenario).read()
    assert reading.value is None and "is not a whole number" in reading.problem.reason


def test_a_newer_transcript_is_kept_aside_with_a_clear_note(scenario, tmp_path):
    path = save_transcript(tmp_path / "t.json", scenario, start(scenario))
    data = json.loads(path.read_text())
    data["version"] = 3
    path.write_text(json.dumps(data))
    reading = TranscriptStore(path, scenario).open()
    [kept] = tmp_path.glob("t.kept-newer-*.json")
    assert json.loads(kept.read_text())["version"] == 3 and not path.exists()
    words = reading.problem.words()
    assert "written by a newer Selfkind (transcript version 3" in words
    assert f"Nothing was deleted: the file was kept as {kept}" in words


def test_a_damaged_transcript_is_refused_by_the_read_only_path_and_left_in_place(scenario, tmp_path):
    path = tmp_path / "t.json"
    path.write_text('{"format": "selfkind-transcript", "play": ')
    with pytest.raises(ReplayError, match="not valid JSON"):
        load_transcript(path, scenario)
    assert path.exists() and [p.name for p in tmp_path.iterdir()] == ["t.json"]  # reading never writes


def test_a_transcript_nested_100000_deep_is_a_reason_not_a_crash(scenario, tmp_path):
    path = tmp_path / "t.json"
    path.write_text('{"format": "selfkind-transcript", "version": 2, "attempts": ' + "[" * 100_000 + "]" * 100_000 + "}")
    reading = TranscriptStore(path, scenario).read()
    assert reading.value is None and "nested far too deeply" in reading.problem.reason


def test_every_attempt_is_replayed_and_named_when_one_does_not_fit(scenario, tmp_path):
    store = TranscriptStore(tmp_path / "t.json", scenario)
    first = store.save(finished(scenario, "opening/2", "softer/2"), None, new_attempt=False)
    store.save(finished(scenario, "opening/1"), first.token, new_attempt=True)
    data = json.loads(store.path.read_text())
    assert len(data["attempts"]) == 2
    data["attempts"][0]["steps"][0]["text"] = "something kinder I never said"
    store.path.write_text(json.dumps(data))
    assert "attempt 1, step 1: the recorded words" in store.read().problem.reason


def test_replay_of_an_empty_path_is_the_start(scenario):
    assert replay(scenario, []) == start(scenario)
