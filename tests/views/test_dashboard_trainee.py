"""The trainee's own view: progress on the landing page, and trust and shame in the debrief.

Figures by hand, on the tiny scenario (tests/data/analytics-tiny.yaml): trust starts at 4
and shame at 5; the best option at each of the six points adds 1 to trust; the judging and
fixing options take 1 from trust and add 1 to shame.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import analytics_cohort  # noqa: E402

from selfkind.analytics.progress import module_progress  # noqa: E402
from selfkind.ui.course_index import landing_html, read_modules  # noqa: E402
from selfkind.engine import debrief
from selfkind.authoring import load_scenario
from selfkind.engine import debrief
from selfkind.engine.transcript import to_json  # noqa: E402
from selfkind.ui import RolePlay  # noqa: E402
from selfkind.ui.debrief_view import debrief_html, states_of  # noqa: E402

BEN = ["n1/2", "n2/2", *analytics_cohort.GOOD]
BEST = ["n1/1", "n2/1", *analytics_cohort.GOOD]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def modules(tmp_path) -> Path:
    folder = tmp_path / "modules" / "01-demo"
    (folder / "scenarios").mkdir(parents=True)
    shutil.copy(analytics_cohort.TINY, folder / "scenarios" / "tiny.yaml")
    nb = analytics_cohort.notebook("Module 01 · A <i>demo</i> module", roleplay=False)
    nb["cells"][0]["source"] = "# Module 01 · A <i>demo</i> module\n\n**Objectives**\n\n1. Try it.\n"
    (folder / "01-demo.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    return tmp_path / "modules"


def page(root: Path) -> str:
    entries = read_modules(root)
    return landing_html(entries, {e.folder: module_progress(root / e.folder) for e in entries})


def test_landing_page_before_any_play(tmp_path, trainee_home):
    assert "Your role-plays: 0 of 1 finished. A tiny test scenario: not started" in text(page(modules(tmp_path)))


def test_landing_page_shows_finished_role_plays_and_the_best_share(tmp_path, trainee_home):
    root = modules(tmp_path)
    scenario = load_scenario(analytics_cohort.TINY)
    path = trainee_home / "transcripts" / "tiny.json"
    path.parent.mkdir(parents=True)
    plays = [analytics_cohort.play(scenario, BEN), analytics_cohort.play(scenario, BEST)]
    path.write_text(json.dumps(to_json(scenario, plays)), encoding="utf-8")
    # attempt 1: -2 -1 +8 = 5 of 12 (42%); attempt 2: 12 of 12. The best is 100%.
    assert ("Your role-plays: 1 of 1 finished. A tiny test scenario: finished; your best play earned 100% "
            "of the best available points (2 attempts saved)") in text(page(root))


def test_landing_page_after_playing_in_the_role_play_widget(tmp_path, trainee_home):
    root = modules(tmp_path)
    play = RolePlay.from_file(root / "01-demo" / "scenarios" / "tiny.yaml")
    play.choice_buttons[0].click()
    assert "A tiny test scenario: started, not finished yet" in text(page(root))
    while play.choice_buttons:
        play.choice_buttons[0].click()
    shown = f"earned {round(play.debrief.share * 100)}% of the best available points"  # the widget may shuffle choices
    assert "1 of 1 finished" in text(page(root)) and shown in text(page(root))


def test_a_damaged_transcript_is_named_and_left_alone(tmp_path, trainee_home):
    root = modules(tmp_path)
    path = trainee_home / "transcripts" / "tiny.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"format": "selfkind-transcript", "version": 2, "attem', encoding="utf-8")
    html = page(root)
    assert "your saved play could not be read (it is not valid JSON" in text(html)
    assert list(path.parent.iterdir()) == [path]  # the landing page only reads


def test_titles_are_escaped_on_the_landing_page(tmp_path, trainee_home):
    html = page(modules(tmp_path))
    assert "<i>demo</i>" not in html and "&lt;i&gt;demo&lt;/i&gt;" in html


def test_debrief_chart_of_trust_and_shame_with_the_biggest_moves():
    scenario = load_scenario(analytics_cohort.TINY)
    play = analytics_cohort.play(scenario, BEN)
    states = states_of(scenario, play)
    assert [s["trust"] for s in states] == [4, 3, 2, 3, 4, 5, 6]
    assert [s["shame"] for s in states] == [5, 6, 7, 7, 7, 7, 7]
    html = debrief_html(debrief(scenario, play), "Sam", "", states=states)
    words = text(html)
    # turns 1 and 2 each move trust by 1 and shame by 1 (two points); later turns move one point
    assert ("Where they moved most: Turn 1: trust -1, shame +1 after “You should not have done that.” "
            "Turn 2: trust -1, shame +1 after “Just stop worrying.”") in words
    assert "Sam's trust and shame, turn by turn Turn Trust Shame Start 4 5 1 3 6 2 2 7" in words
    assert re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="Line chart: trust from 4 to 6; shame from 5 to 7',
                     html)


def test_the_safety_critical_note_stays_first():
    scenario = load_scenario(analytics_cohort.TINY)
    play = analytics_cohort.play(scenario, ["n1/3", "n2/1", *analytics_cohort.GOOD])
    html = debrief_html(debrief(scenario, play), "Sam", "", states=states_of(scenario, play))
    assert html.index("A safety-critical moment") < html.index("<figure") < html.index("The codes of your responses")


def test_the_role_play_widget_shows_the_chart_at_the_end(trainee_home):
    play = RolePlay.from_file(analytics_cohort.TINY)
    while play.choice_buttons:
        play.choice_buttons[0].click()
    assert "Sam's trust and shame across the turns" in text(play.debrief_html.value)


def test_the_chart_starts_from_a_later_sessions_opening():
    from selfkind.engine import start, step

    scenario = load_scenario(analytics_cohort.TINY)
    play = start(scenario, {"shame": 2, "trust": 8})
    play, _ = step(scenario, play, "n1/1")
    assert states_of(scenario, play) == [{"shame": 2, "trust": 8}, {"shame": 2, "trust": 9}]
