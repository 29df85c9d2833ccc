"""The dashboard's fast reading of transcripts judges every file exactly as the transcript
store does: it accepts a file only when each attempt is the engine's own record, and hands
anything else to the store, whose verdict and reason in words stand. The frames it builds
are the frames the store's reading gives, row for row."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import analytics_cohort  # noqa: E402

from selfkind.analytics import transcripts  # noqa: E402
from selfkind.analytics.replay_cache import ReplayCache  # noqa: E402
from selfkind.analytics.transcripts import load_transcripts, read_transcript  # noqa: E402
from selfkind.engine import start, step
from selfkind.authoring import load_scenario
from selfkind.engine.transcript import to_json  # noqa: E402
from selfkind.stores.transcripts import TranscriptStore  # noqa: E402

BEST = ["n1/1", "n2/1", "n3/1", "n4/1", "n5/1", "n6/1"]


@pytest.fixture(scope="module")
def ones(tmp_path_factory):
    """The tiny scenario where the engine writes 1s and 0s (which `true`, `false` and `1.0`
    equal in Python): the best options score 1, trust starts at 0 and shame at 1."""
    text = analytics_cohort.TINY.read_text(encoding="utf-8")
    text = text.replace("state: {shame: 5, trust: 4}", "state: {shame: 1, trust: 0}").replace("score: 2", "score: 1")
    path = tmp_path_factory.mktemp("ones") / "tiny.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def engine_json(scenario, *attempts):
    return to_json(scenario, [analytics_cohort.play(scenario, choices) for choices in attempts])


def store_verdict(path: Path, scenario):
    reading = TranscriptStore(path, scenario).read()
    if reading.problem is not None:
        return None, reading.problem.reason
    return list(reading.value.plays), None


def first_step(data):
    return data["attempts"][0]["steps"][0]


EDITS = {
    "as the engine wrote it": lambda d: None,
    "score true for 1": lambda d: first_step(d).update(score=True),
    "score 1.0 for 1": lambda d: first_step(d).update(score=1.0),
    "state after true for 1": lambda d: first_step(d)["state_after"].update(trust=True),
    "state after 1.0 for 1": lambda d: first_step(d)["state_after"].update(shame=1.0),
    "state after 5.0 for 5": lambda d: d["attempts"][0]["steps"][4]["state_after"].update(trust=5.0),
    "attempt state false for 0": lambda d: d["attempts"][1]["state"].update(trust=False),
    "a missing key": lambda d: first_step(d).pop("codes"),
    "an extra step": lambda d: d["attempts"][0]["steps"].append(dict(d["attempts"][0]["steps"][-1])),
    "a step dropped": lambda d: d["attempts"][0]["steps"].pop(),
    "edited words": lambda d: first_step(d).update(text="Something kinder."),
    "edited codes": lambda d: first_step(d).update(codes=["explore"]),
    "edited state": lambda d: first_step(d)["state_after"].update(trust=9),
    "an extra key in a step (a newer engine)": lambda d: first_step(d).update(mood="calm"),
    "critical written as 0": lambda d: first_step(d).update(critical=0),
    "critical written as a word": lambda d: first_step(d).update(critical="banana"),
    "a wrong ending recorded": lambda d: d["attempts"][0].update(ending="heard"),
    "an opening state": lambda d: d["attempts"][0].update(opening={"shame": 2, "trust": 3}),
    "version 2.0": lambda d: d.update(version=2.0),
    "version true": lambda d: d.update(version=True),
    "a number as title": lambda d: d.update(title=1),
    "another scenario": lambda d: d.update(scenario="other"),
    "no attempts": lambda d: d.update(attempts=[]),
    "steps not a list": lambda d: d["attempts"][0].update(steps={"n1": "n1/1"}),
    "a choice that is a list": lambda d: first_step(d).update(choice=["n1/1"]),
    "an unknown top-level key": lambda d: d.update(note=0.5),
    "a huge number": lambda d: first_step(d).update(score=10 ** 30),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_each_file_is_judged_as_the_store_judges_it(ones, tmp_path, edit):
    data = engine_json(ones, BEST, ["n1/2", "n2/2"])
    EDITS[edit](data)
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    assert read_transcript(path, ones) == store_verdict(path, ones)
    assert path.read_bytes() == before and list(tmp_path.iterdir()) == [path]  # reading never writes


@pytest.mark.parametrize("edit, why", [
    ("score true for 1", "at attempts.0.steps.0.score: Input should be a valid integer"),
    ("score 1.0 for 1", "at attempts.0.steps.0.score: Input should be a valid integer"),
    ("state after true for 1", "at attempts.0.steps.0.state_after.trust: Input should be a valid integer"),
    ("state after 5.0 for 5", "at attempts.0.steps.4.state_after.trust: Input should be a valid integer"),
    ("attempt state false for 0", "at attempts.1.state.trust: Input should be a valid integer"),
    ("a missing key", "at attempts.0.steps.0.codes: Field required"),
    ("an extra step", "attempt 1, step 7: the play had already ended at 'partly'"),
    ("edited words", "attempt 1, step 1: the recorded words of choice 'n1/1' are not the scenario's words "
                     "for that choice"),
])
def test_a_file_the_store_refuses_is_refused_with_its_reason(ones, tmp_path, edit, why):
    data = engine_json(ones, BEST, ["n1/2", "n2/2"])
    EDITS[edit](data)
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_transcript(path, ones) == (None, why)


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


RAW_EDITS = {  # on the file's text as the engine wrote it, for what a JSON parser must judge
    "a byte-order mark": lambda t: ("\ufeff" + t).encode("utf-8"),
    "UTF-16": lambda t: t.encode("utf-16"),
    "not text": lambda t: t.encode("utf-8")[:40] + b"\xff" + t.encode("utf-8")[40:],
    "NaN": lambda t: t.replace('"version": 2', '"version": NaN').encode("utf-8"),
    "a number beyond 64 bits": lambda t: t.replace('"score": 1', '"score": 18446744073709551617', 1).encode("utf-8"),
    "a key twice, true last": lambda t: t.replace('"score": 1', '"score": 1, "score": true', 1).encode("utf-8"),
    "a key twice, the engine's last": lambda t: t.replace('"score": 1', '"score": true, "score": 1', 1).encode("utf-8"),
    "a lone surrogate in saved_at": lambda t: t.replace('"saved_at": "', '"saved_at": "\\ud800', 1).encode("utf-8"),
    "deep nesting in an unknown key": lambda t: t.replace('{"format"', '{"x": ' + _nested(990) + ', "format"', 1)
                                                 .encode("utf-8"),
    "shallow nesting in an unknown key": lambda t: t.replace('{"format"', '{"x": ' + _nested(50) + ', "format"', 1)
                                                    .encode("utf-8"),
    "cut off": lambda t: t[:-10].encode("utf-8"),
    "trailing text": lambda t: (t + " and more").encode("utf-8"),
}


@pytest.mark.parametrize("edit", RAW_EDITS, ids=list(RAW_EDITS))
def test_each_file_is_parsed_as_the_store_parses_it(ones, tmp_path, edit):
    path = tmp_path / "tiny.json"
    path.write_bytes(RAW_EDITS[edit](json.dumps(engine_json(ones, BEST, ["n1/2", "n2/2"]))))
    assert read_transcript(path, ones) == store_verdict(path, ones)


def test_a_file_the_engine_wrote_is_read_without_the_store(ones, tmp_path, monkeypatch):
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(engine_json(ones, BEST, ["n1/2"])), encoding="utf-8")
    monkeypatch.setattr(transcripts, "TranscriptStore", None)  # any use of the store would fail
    plays, why = read_transcript(path, ones)
    assert why is None and [len(p.steps) for p in plays] == [6, 1] and plays[0].ending == "partly"


def played_from(scenario, opening, choices):
    play = start(scenario, opening)
    for choice in choices:
        play, _turn = step(scenario, play, choice)
    return play


def hostile_cohort(course: Path) -> Path:
    """The hand-built cohort (finished, unfinished, two attempts, a file cut off mid-write,
    a critical choice) and more trainees whose files the store judges one way or another."""
    analytics_cohort.build(course, gradebook=False)
    scenario = load_scenario(analytics_cohort.TINY)
    edits = {"fay": "score 1.0 for 1", "gus": "an extra key in a step (a newer engine)",
             "hal": "critical written as a word", "ivy": "as the engine wrote it", "jon": "edited state",
             "kim": "critical written as 0", "lou": "a wrong ending recorded"}
    for trainee, edit in edits.items():
        data = engine_json(scenario, BEST, ["n1/3", "n2/2", "n3/2"])
        if trainee == "ivy":  # a later session's play, from the state the session before left
            data = to_json(scenario, [played_from(scenario, {"shame": 2, "trust": 3}, BEST),
                                      played_from(scenario, {"shame": 2, "trust": 3}, ["n1/3", "n2/2", "n3/2"])])
        EDITS[edit](data)
        folder = course / "submitted" / trainee / "01-demo" / "transcripts"
        folder.mkdir(parents=True)
        (folder / "tiny.json").write_text(json.dumps(data), encoding="utf-8")
    old = {"format": "selfkind-transcript", "version": 1, "scenario": "tiny",
           "play": analytics_cohort.play(scenario, BEST[:3]).model_dump(mode="json")}
    moe = course / "submitted" / "moe" / "01-demo" / "transcripts"
    moe.mkdir(parents=True)
    (moe / "tiny.json").write_text(json.dumps(old), encoding="utf-8")
    (moe / "tiny.kept-damaged-20260101-000000.json").write_text("{", encoding="utf-8")
    ned = course / "submitted" / "ned" / "01-demo" / "transcripts"
    ned.mkdir(parents=True)
    (ned / "tiny.kept-damaged-20260101-000000.json").write_text("[]", encoding="utf-8")
    (ned / "notes.json").write_text(json.dumps(engine_json(scenario, BEST)), encoding="utf-8")
    return course


@pytest.mark.parametrize("workers", [1, 2])
def test_the_fast_path_gives_the_frames_the_store_gives(tmp_path, monkeypatch, workers):
    course = hostile_cohort(tmp_path / "course")
    fast = load_transcripts(course, workers=workers)
    monkeypatch.setattr(ReplayCache, "prefixes", lambda self, data: None)  # every file through the store
    slow = load_transcripts(course, workers=1)
    assert fast.plays.equals(slow.plays) and list(fast.plays.dtypes) == list(slow.plays.dtypes)
    assert fast.steps.equals(slow.steps) and list(fast.steps.dtypes) == list(slow.steps.dtypes)
    status = {t: fast.plays[fast.plays.trainee == t].status.tolist() for t in fast.plays.trainee.unique()}
    assert status["fay"] == status["hal"] == status["jon"] == ["damaged"]
    assert status["gus"] == status["ivy"] == status["kim"] == status["lou"] == ["finished", "unfinished"]
    assert status["moe"] == ["unfinished"] and status["ned"] == ["damaged", "damaged"]
    assert fast.plays.set_index("trainee").loc["ned"].file.tolist() == ["01-demo/transcripts/tiny.json",
                                                                          "01-demo/transcripts/notes.json"]
    ivy = fast.steps[fast.steps.trainee == "ivy"]
    assert ivy.state_trust.tolist()[:6] == [4, 5, 6, 7, 8, 9]  # from the opening state (trust 3)


def test_any_number_of_processes_gives_the_same_frames(tmp_path):
    course = hostile_cohort(tmp_path / "course")
    one = load_transcripts(course, workers=1)
    for workers in (3, 40):  # more processes than trainees: each reads one or none
        many = load_transcripts(course, workers=workers)
        assert many.plays.equals(one.plays) and many.steps.equals(one.steps)
    nobody = load_transcripts(tmp_path / "no-course", workers=2)
    assert nobody.plays.empty and nobody.steps.empty and list(nobody.plays.columns) == list(one.plays.columns)
