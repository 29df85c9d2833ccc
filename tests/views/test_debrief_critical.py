"""The debrief names a safety-critical choice first, before the score."""

from selfkind.engine import debrief, start, step

from selfkind.authoring import check_file

from selfkind.engine import debrief
from selfkind.ui.debrief_view import debrief_html

from tests.unit.test_format_safety import BASE


def test_the_critical_moment_comes_before_the_score(write):
    _, scenario = check_file(write(BASE))
    play, _ = step(scenario, start(scenario), "a/2")
    play, _ = step(scenario, play, "b/1")
    html = debrief_html(debrief(scenario, play), "Sam", "")
    assert "A safety-critical moment" in html
    assert html.index("Turn 1:") < html.index("Score:")
    assert "advises a medication change" in html


def test_no_critical_note_when_there_was_none(write):
    _, scenario = check_file(write(BASE))
    play, _ = step(scenario, start(scenario), "a/1")
    play, _ = step(scenario, play, "b/1")
    assert "safety-critical" not in debrief_html(debrief(scenario, play), "Sam", "")
