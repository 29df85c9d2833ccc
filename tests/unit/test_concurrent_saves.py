"""Two processes saving to one trainee file at the same instant never lose a save.

Each trial starts two processes that wait at a barrier, then save different entries to
the same file at once. Before the stores took a lock, one save was lost in nearly every
trial. The tests count lost saves; they assert nothing about timing.
"""

import json
import multiprocessing as mp
import os

import pytest

from selfkind.stores.answers import AnswerStore, read_answers
from selfkind.stores.exercises import load_answers, save_answers  # noqa: F401  (the old names still work)
from selfkind.stores.journal import JournalStore

TRIALS = 100
ctx = mp.get_context("fork")


def _race(target, args_per_process):
    barrier = ctx.Barrier(len(args_per_process))
    procs = [ctx.Process(target=target, args=(barrier, *args)) for args in args_per_process]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0] * len(procs)


def _save_journal_entry(barrier, home, entry):
    os.environ["SELFKIND_HOME"] = home
    store = JournalStore("01-race")
    barrier.wait()
    store.save(entry, f"text of {entry}", "Prompt?")


def _set_answer(barrier, path, answer_id):
    store = AnswerStore(path)  # both open the same file, as two kernels would
    barrier.wait()
    store.set(answer_id, answer_id.upper())


def test_journal_entries_saved_at_the_same_instant_are_all_kept(tmp_path):
    lost = 0
    for n in range(TRIALS):
        home = tmp_path / f"home-{n}"
        _race(_save_journal_entry, [(str(home), "first"), (str(home), "second")])
        saved = json.loads((home / "journal" / "01-race.json").read_text())
        lost += 2 - len(saved)
    assert lost == 0, f"{lost} journal entries lost in {TRIALS} trials"


def test_answers_saved_at_the_same_instant_are_all_kept(tmp_path):
    lost = 0
    for n in range(TRIALS):
        path = tmp_path / f"answers-{n}.json"
        AnswerStore(path).set("q0", "A")
        _race(_set_answer, [(str(path), "q1"), (str(path), "q2")])
        lost += 3 - len(read_answers(path))
    assert lost == 0, f"{lost} answers lost in {TRIALS} trials"
