"""Building a trainee's submission: the pieces every assignment's cohort is made of.

A builder (definition.Builder) takes the submission folder, a copy of the release named after
the assignment, and the assignment's solutions folder, and leaves what a trainee would hand
in: answers.json, transcripts/ and the notebook with its written answers.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Callable

import nbformat

from .definition import Builder

FIRST_CRITICAL = object()  # in best_play_except: the first safety-critical choice offered there


# --- the notebook ------------------------------------------------------------------------------

def notebook_path(folder: Path) -> Path:
    """The assignment notebook in a submission folder named after its assignment."""
    return folder / f"{folder.name}-assignment.ipynb"


def edit_notebook(folder: Path, change: Callable[[nbformat.NotebookNode], None]) -> None:
    path = notebook_path(folder)
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)


def find_cell(nb, grade_id: str):
    """The cell of `nb` with nbgrader id `grade_id`."""
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return cell
    raise LookupError(f"no cell with nbgrader id {grade_id!r} in the notebook")


def model_answers(solutions: Path) -> dict[str, str]:
    """The model written responses in solutions/NN-slug/free-text.md, by answer cell id."""
    text = (solutions / "free-text.md").read_text(encoding="utf-8")
    found = re.findall(r"^## [^\n]*\(`([\w-]+)`\)$.*?^### Model answer\n(.*?)(?=^### )", text, re.M | re.S)
    return {cell_id: body.strip() for cell_id, body in found}


def write_free_text(folder: Path, answers: dict[str, str]) -> None:
    def change(nb):
        for cell_id, text in answers.items():
            find_cell(nb, cell_id).source = text
    edit_notebook(folder, change)


# --- whole submissions ---------------------------------------------------------------------------

def reference(folder: Path, solutions: Path) -> None:
    """The reference solutions: answers, transcripts and model written answers."""
    shutil.copy(solutions / "answers.json", folder / "answers.json")
    shutil.copytree(solutions / "transcripts", folder / "transcripts")
    write_free_text(folder, model_answers(solutions))


def blank(folder: Path, solutions: Path) -> None:
    """The release, untouched."""


def answer_changed(question: str, answer) -> Builder:
    """The reference work with one widget answer changed."""
    def build(folder: Path, solutions: Path) -> None:
        reference(folder, solutions)
        data = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
        data["answers"][question] = answer
        (folder / "answers.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    return build


# --- role-plays ------------------------------------------------------------------------------------

def last_attempt(transcript: dict) -> dict:
    """The play recorded last in a transcript (version 2 keeps every attempt; version 1 one play)."""
    return transcript["attempts"][-1] if "attempts" in transcript else transcript["play"]


def tampered_transcript(stem: str) -> Builder:
    """The reference work with the client's trust changed by hand at step 3 of role-play `stem`."""
    def build(folder: Path, solutions: Path) -> None:
        reference(folder, solutions)
        path = folder / "transcripts" / f"{stem}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        state = last_attempt(data)["steps"][2]["state_after"]
        state["trust"] = 0 if state["trust"] else 1
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return build


def judging_opening(scenario_path: Path, transcript_path: Path) -> None:
    """Save a finished play that opens with a response coded `judge`, then takes the best choices."""
    from selfkind.engine import offered, start, step
    from selfkind.stores.transcripts import save_transcript
    from selfkind.authoring import load_scenario

    scenario = load_scenario(scenario_path)
    play = start(scenario)
    judging = next(cid for cid, c in offered(scenario, play) if "judge" in c.codes)
    play, _ = step(scenario, play, judging)
    while not play.finished:
        cid, _c = max(offered(scenario, play), key=lambda item: item[1].score)
        play, _ = step(scenario, play, cid)
    save_transcript(transcript_path, scenario, play)


def hindering_play(stem: str) -> Builder:
    """The reference work with role-play `stem` opened with a judging response."""
    def build(folder: Path, solutions: Path) -> None:
        reference(folder, solutions)
        judging_opening(folder / "scenarios" / f"{stem}.yaml", folder / "transcripts" / f"{stem}.json")
    return build


def best_play_except(stem: str, at: dict) -> Builder:
    """The reference work with role-play `stem` played best at every turn but the nodes in `at`
    ({node: choice id, or FIRST_CRITICAL}); each named choice must really be taken."""
    def build(folder: Path, solutions: Path) -> None:
        from selfkind.engine import offered, start, step
        from selfkind.stores.transcripts import save_transcript
        from selfkind.authoring import load_scenario

        reference(folder, solutions)
        scenario = load_scenario(folder / "scenarios" / f"{stem}.yaml")
        play, reached = start(scenario), set()
        while not play.finished:
            options = offered(scenario, play)
            wanted = at.get(play.node)
            if wanted is FIRST_CRITICAL:
                wanted = next((cid for cid, c in options if c.critical), None)
            if wanted is not None:
                reached.add(play.node)
            play, _ = step(scenario, play, wanted or max(options, key=lambda o: o[1].score)[0])
        if set(at) - reached:
            raise ValueError(f"{stem}: the best play never took the choices named at {sorted(set(at) - reached)}")
        target = folder / "transcripts" / f"{stem}.json"
        target.unlink(missing_ok=True)  # the reference play is replaced, not kept as an earlier attempt
        save_transcript(target, scenario, play)
    return build


# --- the cases every assignment with one graded role-play shares -----------------------------------

PART_C_LOST = {"test-roleplay-finished": 0, "test-roleplay-quality": 0}  # the role-play's 5 points


def roleplay_assignment_cases(stem: str, auto_max: float, replay_message: str = "could not be replayed"):
    """The reference (full autograded marks), an untouched release (0), a hand-edited transcript
    (Part C's 5 points lost, the reason in the feedback) and a play opened with a judging response
    (the 2 points for finishing kept, the 3 for quality lost: the 'finished' check forbids no codes)."""
    from .definition import Case

    return [
        Case("reference", "the reference solutions", auto_max, reference),
        Case("blank", "the release, untouched", 0, blank),
        Case("tampered-transcript", "the client's trust changed by hand at step 3", auto_max - 5,
             tampered_transcript(stem), cells=PART_C_LOST, feedback=(replay_message,)),
        Case("hindering-play", "a play opened with a judging response", auto_max - 3, hindering_play(stem),
             cells={"test-roleplay-finished": 2, "test-roleplay-quality": 0},
             told={"test-roleplay-quality": ("hindering response coded judge",)}),
    ]
