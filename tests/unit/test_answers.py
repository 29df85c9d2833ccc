"""The answers store: saves at once, atomically; reading never writes; damage is kept aside."""

import json

from selfkind.stores.answers import FORMAT, AnswerStore, AnswersError, read_answers, store_for


def test_set_saves_at_once_and_a_new_store_resumes(tmp_path):
    path = tmp_path / "answers.json"
    AnswerStore(path).set("q1", "b")
    data = json.loads(path.read_text())
    assert data["format"] == FORMAT and data["answers"] == {"q1": "b"}
    assert AnswerStore(path).get("q1") == "b"
    assert read_answers(path) == {"q1": "b"}


def test_reading_never_writes(tmp_path):
    path = tmp_path / "answers.json"
    store = AnswerStore(path)
    assert store.get("q1") is None and not path.exists()
    store.set("q1", "a")
    before = path.stat().st_mtime_ns
    AnswerStore(path).reload()
    assert path.stat().st_mtime_ns == before


def test_two_stores_on_one_file_do_not_undo_each_other(tmp_path):
    path = tmp_path / "answers.json"
    first, second = AnswerStore(path), AnswerStore(path)
    first.set("q1", "a")
    second.set("q2", "c")
    assert read_answers(path) == {"q1": "a", "q2": "c"}


def test_no_temporary_files_are_left(tmp_path):
    store = AnswerStore(tmp_path / "answers.json")
    for value in "abcd":
        store.set("q1", value)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".answers.json.lock", "answers.json"]  # the lock stays, hidden


def test_damaged_json_is_kept_aside_and_reported(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text('{"answers": {"q1": ', encoding="utf-8")
    store = AnswerStore(path)
    kept = list(tmp_path.glob("answers.kept-damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_text() == '{"answers": {"q1": '
    assert "could not be read" in store.problem and kept[0].name in store.problem
    store.set("q1", "b")
    assert read_answers(path) == {"q1": "b"} and kept[0].exists()


def test_json_that_is_not_an_answers_file_is_kept_aside(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text("[1, 2, 3]", encoding="utf-8")
    store = AnswerStore(path)
    assert store.answers == {} and "not a Selfkind answers file" in store.problem
    assert list(tmp_path.glob("answers.kept-damaged-*.json"))


def test_read_answers_says_why(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text("{", encoding="utf-8")
    try:
        read_answers(path)
    except AnswersError as exc:
        assert "not valid JSON" in str(exc)
    else:
        raise AssertionError("expected AnswersError")
    assert path.exists()  # the grader's reading never moves a file


def test_store_for_shares_one_store_per_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert store_for() is store_for(tmp_path / "answers.json")
