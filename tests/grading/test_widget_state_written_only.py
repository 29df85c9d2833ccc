"""A trainee's saved widget state never reaches a page, even where the course's code makes no widgets.

When the course's code makes widgets while grading, the executor replaces the notebook's widget
state with the course's. An assignment of written answers makes none, so without the sanitizer
the trainee's own `widgets` metadata (here an HTML widget holding markup) stays in the autograded
notebook. nbgrader 0.9.6's own feedback and formgrade templates leave it out of their pages, but
nbconvert's lab and classic templates embed it with the widget manager that renders it: the page
an instructor gets from `jupyter nbconvert --to html` on autograded/, or the feedback page of a
course that sets `HTMLExporter.template_name = "lab"`. One real nbgrader batch on such an
assignment, added to a throwaway copy of the course.
"""

import nbformat
import pytest

from cohorts.pipeline import copy_course, gradebook_scores, nbgrader
from rendered_pages import feedback_html, formgrader_html, text_of
from test_trainee_links_and_widgets import WIDGET_ID, WIDGET_MARK, WIDGET_STATE, WIDGET_VIEW

pytestmark = pytest.mark.grading
A = "00-written-only"
NOTEBOOK = f"{A}-assignment.ipynb"
ANSWER = "I would slow down and name her shame before anything else."
TRAINEES = ["honest", "widget-state"]


def _cell(new, source, **nbgrader):
    cell = new(source)
    cell.metadata["nbgrader"] = {"schema_version": 3, "grade": False, "solution": False, "task": False,
                                 "locked": True, **nbgrader}
    return cell


def written_only_source() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"display_name": "Python 3", "language": "python",
                                                           "name": "python3"}})
    nb.cells = [_cell(nbformat.v4.new_markdown_cell, "How would you respond to her shame?", grade_id="question"),
                _cell(nbformat.v4.new_code_cell, 'print("Answer in the cell below.")', grade_id="setup"),
                _cell(nbformat.v4.new_markdown_cell, "### BEGIN SOLUTION\nName it kindly.\n### END SOLUTION",
                      grade_id="answer", grade=True, solution=True, locked=False, points=2)]
    return nb


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("written-only") / "course")
    (course / "source" / A).mkdir(parents=True)
    nbformat.write(written_only_source(), course / "source" / A / NOTEBOOK)
    roster = course / "students.csv"
    roster.write_text("id,first_name,last_name,email\n" + "".join(f"{t},{t},Demo,\n" for t in TRAINEES))
    nbgrader(course, "db", "student", "import", str(roster))
    nbgrader(course, "generate_assignment", A, "--force")
    for trainee in TRAINEES:
        folder = course / "submitted" / trainee / A
        folder.mkdir(parents=True)
        nb = nbformat.read(course / "release" / A / NOTEBOOK, as_version=4)
        nb.cells[2].source = ANSWER
        if trainee == "widget-state":
            nb.metadata["widgets"] = WIDGET_STATE
            nb.cells[1].outputs = [nbformat.from_dict(WIDGET_VIEW)]
        nbformat.write(nb, folder / NOTEBOOK)
    nbgrader(course, "autograde", A, "--force")
    nbgrader(course, "generate_feedback", A, "--force")
    return course


def autograded(course, trainee="widget-state"):
    return course / "autograded" / trainee / A / NOTEBOOK


def lab_page(course):
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab").from_filename(str(autograded(course)))[0]


def page_of(course, page):
    if page == "feedback":
        return feedback_html(course, "widget-state", A)
    if page == "formgrader":
        return formgrader_html(course, "widget-state", A, NOTEBOOK)
    return lab_page(course)


@pytest.mark.parametrize("page", ["feedback", "formgrader", "nbconvert's lab template"])
def test_no_page_embeds_or_shows_the_trainees_widget_and_the_answer_still_shows(course, page):
    shown = page_of(course, page)
    assert WIDGET_MARK not in shown and WIDGET_ID not in shown
    assert "application/vnd.jupyter.widget-state+json" not in shown
    assert ANSWER in text_of(shown) and "Answer in the cell below." in text_of(shown)


def test_the_feedback_says_in_plain_words_what_was_removed(course):
    assert "Widgets saved in your notebook's file were removed before grading" in text_of(
        feedback_html(course, "widget-state", A))
    assert "Widgets saved" not in text_of(feedback_html(course, "honest", A))


def test_the_autograded_notebook_every_page_is_made_from_carries_no_trainee_widget(course):
    nb = nbformat.read(autograded(course), as_version=4)
    assert "widgets" not in nb.metadata
    assert [o for c in nb.cells for o in c.get("outputs", [])
            if "application/vnd.jupyter.widget-view+json" in o.get("data", {})] == []


def test_the_trainees_own_copy_keeps_its_widgets_and_grading_needs_the_instructor(course):
    placed = nbformat.read(course / "submitted" / "widget-state" / A / NOTEBOOK, as_version=4)
    assert placed.metadata["widgets"] == WIDGET_STATE
    scores = gradebook_scores(course)
    assert scores[("widget-state", "answer")] == scores[("honest", "answer")]
