"""Views share unchanging style models (fewer models for a page to load), never layouts."""

from selfkind.ui.lean import HTML, Button
from selfkind.ui.quickcheck import QuickCheck
from selfkind.ui.style import style_widget


def test_html_and_buttons_share_their_style_and_a_widget_given_a_layout_hides_alone():
    from ipywidgets import Layout

    a, b = HTML("one", layout=Layout()), HTML("two")
    assert a.style is b.style and Button().style is Button().style
    a.layout.display = "none"  # how views hide a part of themselves
    assert b.layout.display is None  # hiding one widget never hides another
    assert Button().layout is not Button().layout  # buttons are hidden and shown: never shared


def test_every_screen_shows_the_one_style_carrier():
    assert style_widget() is style_widget()
    assert "<style>" in style_widget().value and style_widget().layout.display == "none"


def test_a_quick_check_still_shows_its_question_and_feedback(tmp_path):
    checks = tmp_path / "checks.yaml"
    checks.write_text("checks:\n  - id: q\n    question: Which?\n    options:\n      - text: This\n"
                      "        correct: true\n        feedback: Yes.\n      - text: That\n        feedback: No.\n")
    view = QuickCheck.from_file(checks, "q")
    view.answer.value = 1
    view.check_answer()
    assert "Not yet." in view.feedback_html.value and view.children[0] is style_widget()


def test_a_shared_layout_refuses_a_change_with_a_message_saying_what_to_do():
    import pytest

    shared = HTML("static")
    with pytest.raises(AttributeError, match="give the widget its own `layout=Layout\\(\\)`"):
        shared.layout.display = "none"
    assert HTML("other").layout.display is None  # nothing else was hidden
