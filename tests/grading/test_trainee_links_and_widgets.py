"""A trainee's script links and saved widgets never come alive in the feedback page or formgrader.

One real nbgrader batch (autograde, generate_feedback) on module 01: an honest trainee, one
who wrote `javascript:`, `data:` and `vbscript:` links in every disguise into their answers,
and one whose notebook file carries widget state with an HTML widget of theirs (module 01's own
widgets, made while grading, would replace it anyway; test_widget_state_written_only.py grades
an assignment that makes none). Each page a
person opens is read as a browser would: every link and image target, and every embedded
widget. The feedback page is nbgrader's own; formgrader's is rendered here exactly as its
submission view does (nbconvert's HTMLExporter with nbgrader's `formgrade` template).
"""

import shutil

import nbformat
import pytest

from cohorts import assignment_01 as cohort
from cohorts.pipeline import build_cohort, copy_course, nbgrader
from cohorts.definition import Case
from cohorts.submissions import edit_notebook, find_cell

import adversarial_submissions as adv
from selfkind.grading.nbgrader_sanitize import NOTE_TAG
from rendered_pages import feedback_html, formgrader_html, script_targets, text_of

pytestmark = pytest.mark.grading
A = cohort.ASSIGNMENT

# Each is a written answer; none may reach a page as a live link or image.
SCRIPT_LINKS = "\n\n".join([
    "I would [see notes](javascript:alert(document.cookie)) first.",
    "Then [her words][words] and [again].",
    "[words]: javascript:alert('reference')",
    "[again]:\n    JaVaScRiPt:alert('mixed case')",
    "[encoded](jav&#x61;script:alert('entity')) and [colon](javascript&#58;alert('colon'))",
    "[tab](java&#9;script:alert('tab')) and [newline](java&#10;script:alert('newline'))",
    "![a picture](data:text/html,<script>alert('data')</script>) and [vb](vbscript:msgbox('vb'))",
    "> - a quoted list [quoted](javascript:alert('quoted'))",
    "Fine ones: [the course](https://example.org/selfkind) and [email me](mailto:trainer@example.org) "
    "and [a heading](#top) and [my notes](notes/week1.md).",
])
SCRIPT_CELL = "A note of mine: [click](  javascript:alert('own cell')  \"title\")"
FAKE_NOTE = "**Note from the autograder:** nothing was changed; full marks."
WIDGET_MARK = "SELFKIND-TRAINEE-WIDGET"
WIDGET_ID = "0123456789abcdef0123456789abcdef"
WIDGET_STATE = {"application/vnd.jupyter.widget-state+json": {"version_major": 2, "version_minor": 0, "state": {
    WIDGET_ID: {"model_name": "HTMLModel", "model_module": "@jupyter-widgets/controls",
                "model_module_version": "2.0.0",
                "state": {"value": f"<img src=x onerror=\"window.__selfkindPwned='widget'\">{WIDGET_MARK}"}}}}}
WIDGET_VIEW = {"output_type": "display_data", "metadata": {}, "data": {
    "text/plain": f"HTML(value='{WIDGET_MARK}')",
    "application/vnd.jupyter.widget-view+json": {"model_id": WIDGET_ID, "version_major": 2, "version_minor": 0}}}


def script_links(folder, solutions):
    adv.honest(folder, solutions)

    def change(nb):
        find_cell(nb, "free-2").source = SCRIPT_LINKS
        nb.cells.append(nbformat.v4.new_markdown_cell(SCRIPT_CELL))
        fake_note = nbformat.v4.new_markdown_cell(FAKE_NOTE)  # dressed as the autograder's note
        fake_note.metadata["tags"] = [NOTE_TAG]
        nb.cells.insert(0, fake_note)
    edit_notebook(folder, change)


def widget_state(folder, solutions):
    adv.honest(folder, solutions)

    def change(nb):
        nb.metadata["widgets"] = WIDGET_STATE
        code = [c for c in nb.cells if c.cell_type == "code"]
        code[-1].outputs = [nbformat.from_dict(WIDGET_VIEW)]
    edit_notebook(folder, change)


COHORT = [Case("honest-partial", "some answers", adv.HONEST_EARNS, adv.honest),
          Case("script-links", "script links in written answers", adv.HONEST_EARNS, script_links),
          Case("widget-state", "an HTML widget saved in the notebook", adv.HONEST_EARNS, widget_state)]


class Pages:
    def __init__(self, course):
        self.course = course

    def feedback(self, student):
        return feedback_html(self.course, student, A)

    def formgrader(self, student):
        return formgrader_html(self.course, student, A, cohort.NOTEBOOK)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("links-widgets") / "course")
    build_cohort(course, A, COHORT)
    shutil.copytree(course / "submitted", course.parent / "submitted-as-placed")
    nbgrader(course, "autograde", A, "--force")
    nbgrader(course, "generate_feedback", A, "--force")
    return Pages(course)


@pytest.mark.parametrize("page", ["feedback", "formgrader"])
def test_no_script_link_or_image_in_either_page_and_the_link_text_still_shows(pages, page):
    shown = getattr(pages, page)("script-links")
    assert script_targets(shown) == []
    text = text_of(shown)
    for words in ["see notes", "encoded", "tab", "vb", "quoted", "click", "the course", "email me"]:
        assert words in text
    assert 'href="https://example.org/selfkind"' in shown and 'href="mailto:trainer@example.org"' in shown
    assert 'href="#top"' in shown and 'href="notes/week1.md"' in shown


def test_the_feedback_says_which_links_were_made_inactive(pages):
    assert "did not go to a web page or email address were made inactive" in text_of(pages.feedback("script-links"))
    graded = nbformat.read(pages.course / "autograded" / "script-links" / A / cohort.NOTEBOOK, as_version=4)
    notes = [c.source for c in graded.cells if NOTE_TAG in c.metadata.get("tags", [])]
    assert len(notes) == 1 and "made inactive" in notes[0] and "full marks" not in notes[0]  # not the trainee's
    assert "made inactive" not in text_of(pages.feedback("honest-partial"))


@pytest.mark.parametrize("page", ["feedback", "formgrader"])
def test_no_page_embeds_or_shows_the_trainees_widget(pages, page):
    shown = getattr(pages, page)("widget-state")
    assert WIDGET_MARK not in shown and WIDGET_ID not in shown


def test_the_feedback_says_saved_widgets_were_removed(pages):
    assert "Widgets saved in your notebook's file were removed" in text_of(pages.feedback("widget-state"))
    assert "Widgets saved" not in text_of(pages.feedback("honest-partial"))


def test_the_trainees_own_copies_are_unchanged(pages):
    submitted = pages.course / "submitted"
    nb = nbformat.read(submitted / "widget-state" / A / cohort.NOTEBOOK, as_version=4)
    assert nb.metadata["widgets"] == WIDGET_STATE
    nb = nbformat.read(submitted / "script-links" / A / cohort.NOTEBOOK, as_version=4)
    assert find_cell(nb, "free-2").source == SCRIPT_LINKS


def test_every_trainee_scores_their_honest_points(pages):
    from cohorts.pipeline import gradebook_scores

    scores = gradebook_scores(pages.course)
    for case in COHORT:
        assert sum(auto or 0 for (who, _c), (auto, _m) in scores.items() if who == case.student) == case.expected_auto
