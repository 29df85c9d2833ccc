"""The instructor's dashboard and the trainee's landing page in Chromium: filled, nothing
requested from outside the server, no moderate-or-worse axe violation.

The dashboard is served as `make dashboard` serves it (Voila, course/dashboard.ipynb) over
the hand-built cohort of tests/analytics_cohort.py (a corrupted transcript, a trainee with
no submissions, markup in a name)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from conftest import CHROMIUM_ARGS, ROOT, SHOTS, voila  # noqa: F401
from test_accessibility import violations

sys.path.insert(0, str(ROOT / "tests"))
import analytics_cohort  # noqa: E402


@pytest.fixture(scope="module")
def dashboard_url(tmp_path_factory):
    course = analytics_cohort.build(tmp_path_factory.mktemp("cohort") / "course")
    env = {**os.environ, "SELFKIND_DASHBOARD_COURSE": str(course), "JUPYTER_PATH": str(ROOT / "share" / "jupyter"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    # A GET of the page would render the notebook: wait for the port to listen instead.
    with voila(["course/dashboard.ipynb", "--pool_size=0"], cwd=ROOT, env=env, probe=None,
               log_path=tmp_path_factory.mktemp("voila-dash") / "voila.log") as (url, _proc, _log):
        yield url


@pytest.fixture
def dash_page(browser, dashboard_url, request):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.outside_requests = []
    page.on("request", lambda r: None if r.url.startswith((dashboard_url, "data:", "blob:"))
            else page.outside_requests.append(r.url))
    yield page
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(SHOTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()


def test_dashboard_is_filled_and_filters_work(dash_page, dashboard_url):
    page = dash_page
    page.goto(dashboard_url)
    page.get_by_role("heading", name="Where the cohort goes wrong").wait_for()
    body = page.locator("body").inner_text()
    for seen in ["Completion and scores per assignment", "Demo assignment one", "80%",
                 "Trainees who may need a conversation", "role-play tiny: transcript could not be read",
                 "Safety-critical:", "Canvas gradebook import"]:
        assert seen in body, seen
    assert "<b>Eve</b> Evans (eve)" in body  # markup in a name is shown as text
    assert page.locator(".selfkind b", has_text="Eve").count() == 0
    assert page.locator("figure img[alt]").count() == 2
    page.get_by_label("Trainee", exact=True).select_option(label="Dee Diaz (dee)")
    page.get_by_text("Dee Diaz (dee) has no submissions yet.").wait_for()
    page.get_by_label("Trainee", exact=True).select_option(label="Cai Chen (cai)")
    page.get_by_text("it is not valid JSON", exact=False).first.wait_for()
    assert page.outside_requests == []


def test_dashboard_has_no_violation(dash_page, dashboard_url):
    dash_page.goto(dashboard_url)
    dash_page.get_by_role("heading", name="Where the cohort goes wrong").wait_for()
    assert violations(dash_page) == []
    assert dash_page.outside_requests == []


def test_landing_page_shows_progress_after_a_role_play(page, course):
    from selfkind.engine import offered, start, step
    from selfkind.authoring import load_scenario
    from selfkind.engine.transcript import to_json

    path = ROOT / "modules" / "01-what-self-compassion-is" / "scenarios" / "of-course-i-have-it.yaml"
    scenario = load_scenario(path)
    play = start(scenario)
    while not play.finished:
        play, _ = step(scenario, play, max(offered(scenario, play), key=lambda c: c[1].score)[0])
    target = course.home / "transcripts" / f"{scenario.id}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(to_json(scenario, [play])), encoding="utf-8")
    page.goto(course.url)
    page.get_by_role("navigation", name="Course modules").wait_for()
    module = page.locator("li.selfkind-module", has_text="What self-compassion is")
    assert "Your role-plays: 1 of 2 finished." in module.inner_text()
    assert f"{scenario.title}: finished; your best play earned" in module.inner_text()
    assert violations(page) == []
    assert page.outside_requests == []
