"""The instructor's dashboard driven headless over the hand-built cohort (tests/analytics_cohort.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import analytics_cohort  # noqa: E402

from selfkind.ui.dashboard import Dashboard  # noqa: E402


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return analytics_cohort.build(tmp_path_factory.mktemp("dash") / "course")


@pytest.fixture
def dashboard(course, tmp_path):
    return Dashboard.from_course(course, export_dir=tmp_path / "exports")


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_every_section_is_filled(dashboard):
    page = text(dashboard.sections.value)
    for heading in ["Completion and scores per assignment", "Each trainee's response codes",
                    "Where the cohort goes wrong", "Trainees who may need a conversation"]:
        assert heading in page
    assert "Demo assignment one 4 of 5 80% 5.25 5 10" in page  # completion table row, by hand
    assert "Other assignment 2 of 5 40% 3.5 3.5 5" in page
    assert "tiny · n1 67% (2 of 3)" in page and "tiny · n2 33% (1 of 3)" in page
    assert "Safety-critical: “Close your eyes and picture it now.”" in page


def test_every_plot_has_a_caption_alt_text_and_a_table(dashboard):
    html = dashboard.sections.value
    figures = re.findall(r"<figure.*?</figure>", html)
    assert len(figures) == 2
    for fig in figures:
        assert re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="[^"]{20,}"', fig)
        assert "<figcaption" in fig
    assert html.count("<table>") >= 4 and html.count("<caption>") == html.count("<table>")


def test_untrusted_names_and_feedback_are_escaped(dashboard):
    dashboard.trainee.value = "eve"
    html = dashboard.sections.value + dashboard.header.value
    assert "<b>Eve</b>" not in html and "&lt;b&gt;Eve&lt;/b&gt; Evans (eve)" in html
    dashboard.trainee.value = ""
    assert "This moralizes &lt;b&gt;and&lt;/b&gt; shames." in dashboard.sections.value
    assert "<b>and</b>" not in dashboard.sections.value


def test_filter_by_assignment(dashboard):
    dashboard.assignment.value = "02-other"
    page = text(dashboard.sections.value)
    assert "No role-play has been played in the submissions shown." in page
    assert "Demo assignment one" not in page and "Other assignment 2 of 5 40%" in page


def test_a_trainees_role_plays(dashboard):
    dashboard.trainee.value = "ben"
    page = text(dashboard.sections.value)
    # attempt 1: 5 of 12 points (42%), graded; attempt 2 unfinished after one turn
    assert "tiny 1 finished partly 42% 0 yes tiny 2 unfinished – – 0" in page
    assert " nan " not in page


def test_a_trainee_with_no_submissions(dashboard):
    dashboard.trainee.value = "dee"
    page = text(dashboard.sections.value)
    assert "Dee Diaz (dee) has no submissions yet." in page
    assert "Demo assignment one: not submitted; Other assignment: not submitted" in page


def test_a_corrupted_transcript_is_named(dashboard):
    dashboard.trainee.value = "cai"
    page = text(dashboard.sections.value)
    assert "tiny – damaged – – 0 it is not valid JSON" in page  # no attempt, ending or share; the reason
    assert "nan" not in page.lower().replace("finance", "")
    assert "role-play tiny: transcript could not be read" in page


def test_an_empty_cohort(tmp_path):
    d = Dashboard.from_course(tmp_path / "empty-course", export_dir=tmp_path / "exports")
    page = text(d.header.value + d.sections.value + d.downloads.value)
    assert "This cohort is empty" in page and "There is no gradebook yet" in page
    assert "No grades yet" in page and "No grades to export yet." in page
    assert "<figure" not in d.sections.value


def test_controls_are_labelled_and_exports_written(dashboard, tmp_path):
    assert dashboard.assignment.description == "Assignment" and dashboard.trainee.description == "Trainee"
    assert dashboard.export_button.description
    links = re.findall(r'<a download="([^"]+)" href="data:text/csv', dashboard.downloads.value)
    assert links == ["grades.csv", "canvas-gradebook.csv", "moodle-grades.csv"]
    dashboard.export_button.click()
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == sorted(links)
    assert "Written" in dashboard.export_result.value
