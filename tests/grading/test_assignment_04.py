"""Module 04's assignment through the real nbgrader pipeline, on a throwaway copy of course/.

A small cohort (the reference solutions, an untouched release, a hand-edited transcript, a
play opened with a judging response, a play that endorses pills bought online (safety-critical),
and a loop with one graded stage wrong) is released, autograded in one batch and given
feedback; each test reads what an instructor or a trainee would see. Built like
test_assignment_02.py and test_assignment_03.py, with selfkind.grading_demo's generic helpers.
"""

import json
import shutil

import nbformat
import pytest

from selfkind import grading_demo as demo

pytestmark = pytest.mark.grading

A = "04-self-criticism-and-sexual-performance"
NOTEBOOK = f"{A}-assignment.ipynb"
SCENARIO = "it-used-to-just-work"
TRANSCRIPT = f"transcripts/{SCENARIO}.json"
LOOP_FILE = "exercises/performance-loop-hamid.yaml"
SOLUTIONS = demo.ROOT / "solutions" / A
REAL_GRADEBOOK = demo.ROOT / "course" / "gradebook.db"
AUTO_MAX = 14.0
ROLEPLAY_CELLS = ("test-roleplay-finished", "test-roleplay-quality")


# --- the submissions ---------------------------------------------------------------------------

def _edit_notebook(folder, change):
    path = folder / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)


def reference(folder):
    shutil.copy(SOLUTIONS / "answers.json", folder / "answers.json")
    shutil.copytree(SOLUTIONS / "transcripts", folder / "transcripts")
    models = demo.model_answers(SOLUTIONS)

    def change(nb):
        for cell in nb.cells:
            cell_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if cell_id in models:
                cell.source = models[cell_id]
    _edit_notebook(folder, change)


def blank(folder):
    """The release, untouched."""


def tampered_transcript(folder):
    """The reference play with the client's trust changed by hand at step 3."""
    reference(folder)
    data = json.loads((folder / TRANSCRIPT).read_text(encoding="utf-8"))
    state = data["attempts"][0]["steps"][2]["state_after"]
    state["trust"] = 0 if state["trust"] else 1
    (folder / TRANSCRIPT).write_text(json.dumps(data, indent=2), encoding="utf-8")


def hindering_play(folder):
    """A finished play that opens with a response coded `judge`, then takes the best choices."""
    reference(folder)
    demo.judging_opening(folder / "scenarios" / f"{SCENARIO}.yaml", folder / TRANSCRIPT)


def pills_endorsed(folder):
    """Best choices everywhere except when Graham mentions pills online, where the play endorses them."""
    from selfkind.scenario import load_scenario, offered, save_transcript, start, step

    reference(folder)
    scenario = load_scenario(folder / "scenarios" / f"{SCENARIO}.yaml")
    play = start(scenario)
    while not play.finished:
        options = offered(scenario, play)
        critical = [cid for cid, c in options if c.critical]
        cid = critical[0] if play.node == "pills" else max(options, key=lambda o: o[1].score)[0]
        play, _ = step(scenario, play, cid)
    (folder / TRANSCRIPT).unlink()
    save_transcript(folder / TRANSCRIPT, scenario, play)


def loop_one_stage_wrong(folder):
    """The reference work with the loop's difficulty stage answered 'treat it as anxiety'."""
    reference(folder)
    data = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    data["answers"]["loop-difficulty"] = "c"
    (folder / "answers.json").write_text(json.dumps(data, indent=2), encoding="utf-8")


COHORT = {"reference": reference, "blank": blank, "tampered-transcript": tampered_transcript,
          "hindering-play": hindering_play, "pills-endorsed": pills_endorsed,
          "loop-one-stage-wrong": loop_one_stage_wrong}


# --- one batch for the module -------------------------------------------------------------------

@pytest.fixture(scope="module")
def course(tmp_path_factory):
    before = REAL_GRADEBOOK.stat().st_mtime_ns if REAL_GRADEBOOK.exists() else None
    course = demo.copy_course(tmp_path_factory.mktemp("grading-04") / "course")
    roster = course / "students.csv"
    roster.write_text("id,first_name,last_name,email\n" + "".join(f"{s},{s},Demo,\n" for s in COHORT),
                      encoding="utf-8")
    demo.nbgrader(course, "db", "student", "import", str(roster))
    demo.nbgrader(course, "generate_assignment", A, "--force")
    for student, build in COHORT.items():
        folder = course / "submitted" / student / A
        shutil.copytree(course / "release" / A, folder)
        build(folder)
    demo.nbgrader(course, "autograde", A, "--force")  # the whole cohort in one batch
    demo.nbgrader(course, "generate_feedback", A, "--force")
    demo.nbgrader(course, "export", "--to", "grades.csv")
    after = REAL_GRADEBOOK.stat().st_mtime_ns if REAL_GRADEBOOK.exists() else None
    assert after == before, "the tests touched the real course/gradebook.db"
    return course


@pytest.fixture(scope="module")
def scores(course):
    """{student: {grade_id: auto_score}} from the gradebook, and whether manual grading is pending."""
    from nbgrader.api import Gradebook

    found = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in COHORT:
            sub = gb.find_submission(A, student)
            found[student] = {
                "cells": {g.name: g.auto_score for nb in sub.notebooks for g in nb.grades},
                "manual pending": sub.needs_manual_grade,
            }
    return found


def auto_total(scores, student):
    return sum(s or 0 for s in scores[student]["cells"].values())


def failures(course, student):
    """The reasons printed to stderr (or errors) by the graded cells of the autograded notebook."""
    nb = nbformat.read(course / "autograded" / student / A / NOTEBOOK, as_version=4)
    found = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    found.setdefault(meta["grade_id"], []).append(f"{out.get('ename')}: {out.get('evalue')}")
                elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                    found.setdefault(meta["grade_id"], []).append(out.get("text", ""))
    return found


def feedback_html(course, student):
    files = list((course / "feedback" / student / A).glob("*.html"))
    assert len(files) == 1, f"no feedback for {student}"
    return files[0].read_text(encoding="utf-8")


# --- the release ---------------------------------------------------------------------------------

def test_the_release_holds_no_solution_hidden_test_rubric_or_instructor_cell(course):
    nb = nbformat.read(course / "release" / A / NOTEBOOK, as_version=4)
    text = "\n".join(cell.source for cell in nb.cells)
    models = demo.model_answers(SOLUTIONS)
    for secret in ["BEGIN HIDDEN TESTS", "require_choice", "require_roleplay", "min_share",
                   "forbidden_codes", "BEGIN MARK SCHEME", "Rubric for graders", "BEGIN SOLUTION",
                   "Instructor notes", *[m.splitlines()[0] for m in models.values()]]:
        assert secret not in text, secret
    assert not [c for c in nb.cells if "instructor" in c.metadata.get("tags", [])]
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    answers = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert [c.source for c in answers] == ["YOUR ANSWER HERE", "YOUR ANSWER HERE"]
    assert {c.cell_type for c in answers} == {"markdown"}
    assert not [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("editable", True)]
    release = course / "release" / A
    files = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    assert files == {NOTEBOOK, f"scenarios/{SCENARIO}.yaml", LOOP_FILE}  # no answers, transcripts or solutions
    released = release / "scenarios" / f"{SCENARIO}.yaml"
    module = demo.ROOT / "modules" / A / "scenarios" / f"{SCENARIO}.yaml"
    assert not released.is_symlink() and released.read_bytes() == module.read_bytes()
    from selfkind.loop import load_loop

    released_loop = load_loop(release / LOOP_FILE)  # its answers are only in the hidden tests
    options = [o for s in released_loop.stages for o in s.options] + list(released_loop.first_move.options)
    assert released_loop.answers_hidden and not any(o.best or o.feedback or o.verdict for o in options)


def test_graders_see_the_rubrics_in_the_autograded_notebook(course):
    nb = nbformat.read(course / "autograded" / "reference" / A / NOTEBOOK, as_version=4)
    prompts = [c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-prompt")]
    assert len(prompts) == 2 and all("Rubric for graders" in p for p in prompts)


# --- marks --------------------------------------------------------------------------------------

def test_the_reference_solutions_score_full_autograded_marks(course, scores):
    assert auto_total(scores, "reference") == AUTO_MAX
    assert failures(course, "reference") == {}
    assert scores["reference"]["manual pending"]  # the written answers wait for a grader


def test_an_untouched_release_scores_zero_without_error(course, scores):
    assert auto_total(scores, "blank") == 0
    assert not scores["blank"]["manual pending"]  # unchanged answer cells are 0 automatically
    text = "\n".join(sum(failures(course, "blank").values(), []))
    assert "No answers file" in text and "No saved role-play" in text
    nb = nbformat.read(course / "autograded" / "blank" / A / NOTEBOOK, as_version=4)
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


def test_a_tampered_transcript_gets_0_for_part_c_with_the_reason_in_the_feedback(course, scores):
    cells = scores["tampered-transcript"]["cells"]
    assert [cells[c] for c in ROLEPLAY_CELLS] == [0, 0]
    assert auto_total(scores, "tampered-transcript") == AUTO_MAX - 5  # Parts A and B untouched
    assert "could not be replayed" in feedback_html(course, "tampered-transcript")


def test_a_judging_response_loses_the_quality_points_but_not_the_finish(course, scores):
    # The 'finished' check forbids no codes (forbidden_codes=()), as in modules 01-03; the quality check does.
    cells = scores["hindering-play"]["cells"]
    assert (cells["test-roleplay-finished"], cells["test-roleplay-quality"]) == (2, 0)
    assert auto_total(scores, "hindering-play") == AUTO_MAX - 3
    assert "hindering response coded judge" in "".join(failures(course, "hindering-play")["test-roleplay-quality"])


def test_endorsing_pills_bought_online_fails_both_role_play_checks_whatever_the_score(course, scores):
    cells = scores["pills-endorsed"]["cells"]
    assert [cells[c] for c in ROLEPLAY_CELLS] == [0, 0]
    assert auto_total(scores, "pills-endorsed") == AUTO_MAX - 5
    reasons = "".join(sum(failures(course, "pills-endorsed").values(), []))
    assert "safety-critical" in reasons and "online" in reasons


def test_one_wrong_loop_stage_loses_exactly_that_point(course, scores):
    cells = scores["loop-one-stage-wrong"]["cells"]
    assert cells["test-loop-difficulty"] == 0 and auto_total(scores, "loop-one-stage-wrong") == AUTO_MAX - 1
    assert "Loop, difficulty" in "".join(failures(course, "loop-one-stage-wrong")["test-loop-difficulty"])


def test_feedback_shows_reasons_but_no_secrets(course):
    for student in COHORT:
        html = feedback_html(course, student)
        for secret in ["HIDDEN TESTS", "require_", "min_share", "forbidden_codes", "Rubric for graders",
                       "Instructor notes"]:
            assert secret not in html, f"{secret} shows in {student}'s feedback"


def test_the_csv_export_has_assignment_04_out_of_22(course):
    import pandas as pd

    grades = pd.read_csv(course / "grades.csv")
    rows = grades[grades.assignment == A]
    assert sorted(rows.student_id) == sorted(COHORT) and set(rows.max_score) == {22.0}


# --- the trainee's side ---------------------------------------------------------------------------

def test_the_release_runs_for_a_trainee_and_writes_nothing_until_they_answer(course, tmp_path):
    folder = tmp_path / A
    nb = demo.run_as_trainee(course / "release" / A, folder, NOTEBOOK)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error" or o.get("name") == "stderr"], cell.source
    shown = [c for c in nb.cells if c.cell_type == "code"
             and ("Question(" in c.source or ".from_file" in c.source)]
    assert len(shown) == 7  # five questions, the loop, the role-play
    assert all(any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in c.outputs) for c in shown)
    assert sorted(p.name for p in folder.iterdir()) == [NOTEBOOK, "exercises", "scenarios"]
