"""Module 06's assignment through the real nbgrader pipeline, on a throwaway copy of course/.

A small cohort is released, autograded in one batch and given feedback: the reference
solutions; an untouched release; a hand-edited transcript; session 2 played from an edited
opening (a transcript that replays, but did not open where session 1 left Kit); a session 1
that opens with a label (coded judge) with sessions 2 and 3 carried on from it; and a
session 2 that passes over a burden statement (safety-critical). Built like
test_assignment_04.py, with selfkind.grading_demo's generic helpers.
"""

import json
import shutil

import nbformat
import pytest

from selfkind import grading_demo as demo

pytestmark = pytest.mark.grading

A = "06-extending-self-compassion"
NOTEBOOK = f"{A}-assignment.ipynb"
SESSIONS = [f"kit-session-{n}" for n in (1, 2, 3)]
SOLUTIONS = demo.ROOT / "solutions" / A
REAL_GRADEBOOK = demo.ROOT / "course" / "gradebook.db"
AUTO_MAX = 18.0
SESSION_2_CELLS = ("test-session-2-finished", "test-session-2-quality", "test-session-2-opening")


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


def _chain(folder, pick=None, openings=None):
    """Play the three sessions in order (best choices, unless `pick` names one at a node),
    each opening where the one before left Kit (unless `openings` says otherwise)."""
    from selfkind.scenario import load_scenario, offered, save_transcript, start, step
    from selfkind.scenario.play import carried_over

    before = None
    for name in SESSIONS:
        scenario = load_scenario(folder / "scenarios" / f"{name}.yaml")
        opening = (openings or {}).get(name) or (carried_over(scenario, before) if before is not None else None)
        play = start(scenario, opening)
        while not play.finished:
            cid = (pick or {}).get(play.node) or max(offered(scenario, play), key=lambda o: o[1].score)[0]
            play, _ = step(scenario, play, cid)
        target = folder / "transcripts" / f"{name}.json"
        target.unlink(missing_ok=True)
        save_transcript(target, scenario, play)
        before = play


def blank(folder):
    """The release, untouched."""


def tampered_transcript(folder):
    """The reference plays with Kit's trust changed by hand at step 3 of session 2."""
    reference(folder)
    path = folder / "transcripts" / "kit-session-2.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    state = data["attempts"][0]["steps"][2]["state_after"]
    state["trust"] = 0 if state["trust"] else 1
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def edited_opening(folder):
    """Session 2 played (validly) from a state session 1 did not leave: shame 0 instead of 1."""
    reference(folder)
    _chain(folder, openings={"kit-session-2": {"trust": 10, "shame": 0, "agency": 10, "safety_plan": 0, "pressure": 0}})


def judging_session_1(folder):
    """Session 1 offers a label Kit has not chosen; sessions 2 and 3 carry on from it."""
    reference(folder)
    _chain(folder, pick={"since-spring": "since-spring/2"})


def burden_passed_over(folder):
    """Session 2 reassures and moves on after 'Robin would be better off without me'."""
    reference(folder)
    _chain(folder, pick={"burden": "burden/3"})


COHORT = {"reference": reference, "blank": blank, "tampered-transcript": tampered_transcript,
          "edited-opening": edited_opening, "judging-session-1": judging_session_1,
          "burden-passed-over": burden_passed_over}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    before = REAL_GRADEBOOK.stat().st_mtime_ns if REAL_GRADEBOOK.exists() else None
    course = demo.copy_course(tmp_path_factory.mktemp("grading-06") / "course")
    roster = course / "students.csv"
    roster.write_text("id,first_name,last_name,email\n" + "".join(f"{s},{s},Demo,\n" for s in COHORT),
                      encoding="utf-8")
    demo.nbgrader(course, "db", "student", "import", str(roster))
    demo.nbgrader(course, "generate_assignment", A, "--force")
    for student, build in COHORT.items():
        folder = course / "submitted" / student / A
        shutil.copytree(course / "release" / A, folder)
        build(folder)
    demo.nbgrader(course, "autograde", A, "--force")
    demo.nbgrader(course, "generate_feedback", A, "--force")
    after = REAL_GRADEBOOK.stat().st_mtime_ns if REAL_GRADEBOOK.exists() else None
    assert after == before, "the tests touched the real course/gradebook.db"
    return course


@pytest.fixture(scope="module")
def scores(course):
    from nbgrader.api import Gradebook

    found = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in COHORT:
            sub = gb.find_submission(A, student)
            found[student] = {"cells": {g.name: g.auto_score for nb in sub.notebooks for g in nb.grades},
                              "manual pending": sub.needs_manual_grade}
    return found


def auto_total(scores, student):
    return sum(s or 0 for s in scores[student]["cells"].values())


def failures(course, student):
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


def test_the_release_holds_no_solution_hidden_test_rubric_or_instructor_cell(course):
    nb = nbformat.read(course / "release" / A / NOTEBOOK, as_version=4)
    text = "\n".join(cell.source for cell in nb.cells)
    models = demo.model_answers(SOLUTIONS)
    for secret in ["BEGIN HIDDEN TESTS", "require_choice", "require_roleplay", "require_carried_opening",
                   "min_share", "forbidden_codes", "BEGIN MARK SCHEME", "Rubric for graders", "BEGIN SOLUTION",
                   "Instructor notes", *[m.splitlines()[0] for m in models.values()]]:
        assert secret not in text, secret
    answers = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert [c.source for c in answers] == ["YOUR ANSWER HERE", "YOUR ANSWER HERE"]
    release = course / "release" / A
    files = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    assert files == {NOTEBOOK, "exercises/amara-scs-sf.yaml", *[f"scenarios/{s}.yaml" for s in SESSIONS]}


def test_the_reference_solutions_score_full_autograded_marks(course, scores):
    assert failures(course, "reference") == {}
    assert auto_total(scores, "reference") == AUTO_MAX
    assert scores["reference"]["manual pending"]


def test_an_untouched_release_scores_zero_without_error(course, scores):
    assert auto_total(scores, "blank") == 0
    text = "\n".join(sum(failures(course, "blank").values(), []))
    assert "No answers file" in text and "No saved role-play" in text


def test_a_tampered_transcript_loses_session_2_and_the_opening_of_session_3(course, scores):
    cells = scores["tampered-transcript"]["cells"]
    assert [cells[c] for c in SESSION_2_CELLS] == [0, 0, 0]
    assert cells["test-session-3-opening"] == 0  # the session before it cannot be used
    assert auto_total(scores, "tampered-transcript") == AUTO_MAX - 5
    assert "could not be replayed" in feedback_html(course, "tampered-transcript")


def test_an_edited_opening_loses_exactly_the_opening_point(course, scores):
    cells = scores["edited-opening"]["cells"]
    assert cells["test-session-2-opening"] == 0 and cells["test-session-2-quality"] == 2
    assert auto_total(scores, "edited-opening") == AUTO_MAX - 1
    reason = "".join(failures(course, "edited-opening")["test-session-2-opening"])
    assert "shame 0 (expected 1)" in reason


def test_a_judging_session_1_keeps_its_finish_point_and_carries_on_correctly(course, scores):
    cells = scores["judging-session-1"]["cells"]
    assert (cells["test-session-1-finished"], cells["test-session-1-quality"]) == (1, 0)
    assert cells["test-session-2-opening"] == 1 and cells["test-session-3-opening"] == 1
    assert "hindering response coded judge" in "".join(failures(course, "judging-session-1")["test-session-1-quality"])


def test_passing_over_a_burden_statement_fails_both_session_2_role_play_checks(course, scores):
    cells = scores["burden-passed-over"]["cells"]
    assert (cells["test-session-2-finished"], cells["test-session-2-quality"]) == (0, 0)
    assert cells["test-session-2-opening"] == 1
    reasons = "".join(sum(failures(course, "burden-passed-over").values(), []))
    assert "safety-critical" in reasons


def test_feedback_shows_reasons_but_no_secrets(course):
    for student in COHORT:
        html = feedback_html(course, student)
        for secret in ["HIDDEN TESTS", "require_", "min_share", "forbidden_codes", "Rubric for graders",
                       "Instructor notes"]:
            assert secret not in html, f"{secret} shows in {student}'s feedback"


def test_the_release_runs_for_a_trainee_and_writes_nothing_until_they_answer(course, tmp_path):
    folder = tmp_path / A
    nb = demo.run_as_trainee(course / "release" / A, folder, NOTEBOOK)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error" or o.get("name") == "stderr"], cell.source
    shown = [c for c in nb.cells if c.cell_type == "code" and ("Question(" in c.source or ".from_file" in c.source)]
    assert len(shown) == 9  # seven questions, the scores, the case
    assert all(any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in c.outputs) for c in shown)
    assert sorted(p.name for p in folder.iterdir()) == [NOTEBOOK, "exercises", "scenarios"]
