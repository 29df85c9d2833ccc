"""Trainees who try to game the autograder, graded in ONE real nbgrader batch with honest trainees.

Each attacker (adversarial_submissions.py) did some honest work worth 3 points and added one
attack: code cells that make every check pass, write the gradebook, leave a process behind or
print the answer key; disguised cells; an edited scenario; a look-alike `selfkind` package;
marker text and script in written answers. Each must score what its honest work earns, nobody
else's grade may change (right after the batch and a few seconds later), and every feedback
page must be free of hidden tests, tracebacks and live trainee markup.
"""

import re
import shutil
import time
from html import unescape

import nbformat
import pytest

from cohorts import assignment_01 as cohort
from cohorts.pipeline import ROOT, build_cohort, copy_course, gradebook_scores, nbgrader
from cohorts.submissions import find_cell

import adversarial_submissions as adv

pytestmark = pytest.mark.grading

A = cohort.ASSIGNMENT
COHORT = adv.HONEST + adv.ATTACKS
REAL_GRADEBOOK = ROOT / "course" / "gradebook.db"


class Batch:
    def __init__(self, course, autograde, feedback, right_after, later):
        self.course, self.autograde, self.feedback = course, autograde, feedback
        self.right_after, self.later = right_after, later

    def points(self, student, scores=None):
        scores = self.later if scores is None else scores
        return sum(auto or 0 for (who, _cell), (auto, _manual) in scores.items() if who == student)

    def autograded(self, student):
        return nbformat.read(self.course / "autograded" / student / A / cohort.NOTEBOOK, as_version=4)

    def feedback_html(self, student):
        files = list((self.course / "feedback" / student / A).glob("*.html"))
        assert len(files) == 1, f"no feedback for {student}"
        return files[0].read_text(encoding="utf-8")

    def feedback_text(self, student):
        """The feedback page's text as a reader sees it (no styles, scripts or tags)."""
        html = re.sub(r"(?s)<(style|script)\b.*?</\1>", "", self.feedback_html(student))
        return unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    before = REAL_GRADEBOOK.stat().st_mtime_ns if REAL_GRADEBOOK.exists() else None
    course = copy_course(tmp_path_factory.mktemp("adversarial") / "course")
    build_cohort(course, A, COHORT)
    shutil.copytree(course / "submitted", course.parent / "submitted-as-placed")
    autograde = nbgrader(course, "autograde", A, "--force", check=False)
    right_after = gradebook_scores(course)
    feedback = nbgrader(course, "generate_feedback", A, "--force", check=False)
    time.sleep(3)
    later = gradebook_scores(course)
    assert (REAL_GRADEBOOK.stat().st_mtime_ns if REAL_GRADEBOOK.exists() else None) == before
    return Batch(course, autograde, feedback, right_after, later)


def source_code_cells():
    nb = nbformat.read(ROOT / "course" / "source" / A / cohort.NOTEBOOK, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


# --- marks ------------------------------------------------------------------------------------

def test_the_batch_and_its_feedback_exit_0(batch):
    assert batch.autograde.returncode == 0, batch.autograde.stderr[-3000:]
    assert batch.feedback.returncode == 0, batch.feedback.stderr[-3000:]


@pytest.mark.parametrize("case", COHORT, ids=lambda c: c.student)
def test_each_trainee_scores_what_their_honest_work_earns(batch, case):
    assert batch.points(case.student) == case.expected_auto, case.what


@pytest.mark.parametrize("case", adv.HONEST, ids=lambda c: c.student)
def test_honest_grades_are_unchanged_right_after_the_batch_and_later(batch, case):
    for scores in (batch.right_after, batch.later):
        assert batch.points(case.student, scores) == case.expected_auto
        assert not [cell for (who, cell), (_a, manual) in scores.items() if who == case.student and manual]


# --- only the course's code runs --------------------------------------------------------------

@pytest.mark.parametrize("case", adv.ATTACKS, ids=lambda c: c.student)
def test_the_autograder_ran_exactly_the_courses_code_cells(batch, case):
    nb = batch.autograded(case.student)
    assert [c.source for c in nb.cells if c.cell_type == "code"] == source_code_cells()


def test_removed_cells_are_named_in_the_feedback(batch):
    text = batch.feedback_text("replaces-require")
    assert "1 code cell that was not part of the assignment was removed before grading" in text
    text = batch.feedback_text("stripped-metadata")
    assert "removed before grading" in text and "put back as the course wrote" in text
    assert "removed before grading" not in batch.feedback_text("honest-partial")


def test_an_edited_scenario_is_replaced_by_the_courses_before_grading(batch):
    graded = batch.course / "autograded" / "edited-scenario" / A / "scenarios" / "of-course-i-have-it.yaml"
    module = ROOT / "modules" / A / "scenarios" / "of-course-i-have-it.yaml"
    assert graded.read_bytes() == module.read_bytes()
    assert "could not be replayed" in batch.feedback_text("edited-scenario")


def test_web_pages_and_scripts_a_trainee_adds_never_reach_what_formgrader_serves(batch):
    """Formgrader serves any file of an autograded submission from the instructor's server:
    a trainee's page or script there would run as the instructor. They are not submitted
    (CourseDirectory.ignore) nor copied to autograded/; the trainee's own copy keeps them."""
    graded = batch.course / "autograded" / "active-files" / A
    assert graded.is_dir()
    assert [name for name in adv.ACTIVE_FILES if (graded / name).exists()] == []
    submitted = batch.course / "submitted" / "active-files" / A
    assert all((submitted / name).exists() for name in adv.ACTIVE_FILES)


def test_a_look_alike_package_beside_the_notebook_is_not_imported(batch):
    outputs = [o.get("text", "") for c in batch.autograded("shadow-package").cells if c.cell_type == "code"
               for o in c.outputs]
    assert not [text for text in outputs if "all correct" in text]
    assert "is not finished (3 turns so far)" in batch.feedback_text("shadow-package")  # the course's check ran


# --- feedback ---------------------------------------------------------------------------------

@pytest.mark.parametrize("case", COHORT, ids=lambda c: c.student)
def test_feedback_shows_no_hidden_test_traceback_or_anyone_elses_answers(batch, case):
    text = batch.feedback_text(case.student)
    for secret in ["HIDDEN TESTS", "require_choice", "require_roleplay", "min_share", "Traceback",
                   "RecursionError", "selfkind-answers", "Rubric for graders"]:
        if case.student == "marker-text" and secret == "HIDDEN TESTS":
            continue  # their own words
        assert secret not in text, f"{secret} shows in {case.student}'s feedback"


def test_marker_text_in_an_answer_does_not_stop_its_feedback(batch):
    text = batch.feedback_text("marker-text")
    assert "BEGIN HIDDEN TESTS" in text and "BEGIN MARK SCHEME" in text
    assert "I would stay with her shame first." in text


def test_written_markup_is_text_for_the_grader_and_the_submission_is_untouched(batch):
    graded = batch.autograded("script-in-answer")
    text = "\n".join(c.source for c in graded.cells if c.cell_type != "code")
    assert "<script" not in text and "<img" not in text and "<svg" not in text and "<details" not in text
    placed = nbformat.read(adv.as_placed(batch.course, "script-in-answer") / cohort.NOTEBOOK, as_version=4)
    assert find_cell(placed, "free-2").source == adv.SCRIPT_ANSWER
    submitted = nbformat.read(batch.course / "submitted" / "script-in-answer" / A / cohort.NOTEBOOK, as_version=4)
    assert find_cell(submitted, "free-2").source == adv.SCRIPT_ANSWER


@pytest.mark.browser
def test_feedback_runs_no_trainee_script_in_chromium_and_shows_it_as_text(batch, browser):
    page_file = next((batch.course / "feedback" / "script-in-answer" / A).glob("*.html"))
    context = browser.new_context()  # the run's one Chromium (tests/conftest.py)
    try:
        page = context.new_page()
        page.route("http*://**", lambda route: route.abort())  # offline: nothing from outside
        page.goto(page_file.as_uri(), wait_until="load")
        page.locator("details").count()  # let any toggle or load handler fire
        page.wait_for_timeout(500)
        assert page.evaluate("window.__selfkindPwned") is None
        text = page.inner_text("body")
    finally:
        context.close()
    for shown in ['<script>window.__selfkindPwned = "script"</script>', '<img src="x" onerror=',
                  "<svg onload=", "<details open ontoggle="]:
        assert shown in text
