"""solutions/ stays in step with the scenarios, and the assignment carries the module's scenarios."""

import filecmp
import importlib.util
import json
from pathlib import Path

from selfkind.stores.answers import read_answers
from selfkind.stores.transcripts import load_transcript

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "course" / "source" / "01-what-self-compassion-is"
MODULE = ROOT / "modules" / "01-what-self-compassion-is"


def make_transcripts():
    spec = importlib.util.spec_from_file_location("make_transcripts", ROOT / "solutions" / "make_transcripts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_transcripts_replay_and_are_the_best_play_of_todays_scenarios():
    stale = []
    for _assignment, scenario, best, target in make_transcripts().reference_transcripts():
        assert target.exists(), f"missing {target}; run solutions/make_transcripts.py"
        saved = json.loads(target.read_text(encoding="utf-8"))
        # transcripts hold every attempt (format version 2); a reference play is one attempt
        if saved["attempts"] != [best.model_dump(mode="json")]:
            stale.append(target.name)
            continue
        assert load_transcript(target, scenario).finished
    assert not stale, f"stale reference transcripts {stale}: run .venv/bin/python solutions/make_transcripts.py"


def test_reference_answers_file_is_readable():
    answers = read_answers(ROOT / "solutions" / "01-what-self-compassion-is" / "answers.json")
    assert set(answers) == {"q1", "q2", "q3", "q4", "q5", "r1", "r2", "c2"}


def test_the_assignment_uses_the_modules_scenario_files_not_copies():
    files = sorted((SOURCE / "scenarios").iterdir())
    assert files
    for path in files:
        assert filecmp.cmp(path, MODULE / "scenarios" / path.name, shallow=False), f"{path.name} differs from the module's"


def test_the_source_notebooks_model_answers_are_those_in_solutions():
    import nbformat

    from cohorts.submissions import model_answers

    nb = nbformat.read(SOURCE / "01-what-self-compassion-is-assignment.ipynb", as_version=4)
    cells = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
             if c.metadata.get("nbgrader", {}).get("solution")}
    models = model_answers(ROOT / "solutions" / "01-what-self-compassion-is")
    assert set(cells) == set(models) == {"free-1", "free-2"}
    for cell_id, text in models.items():
        assert cells[cell_id] == f"### BEGIN SOLUTION\n{text}\n### END SOLUTION"
