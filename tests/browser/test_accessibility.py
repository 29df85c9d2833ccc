"""axe-core, from npm, injected into every app: no critical, serious or moderate violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_course_app import MODULES

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


def violations(page):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm install` in tests/browser (make test does)")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['impact']}: {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:160]})"
            for v in found if v["impact"] in ("critical", "serious", "moderate")]


def test_landing_page_has_no_violation(page, course):
    page.goto(course.url)
    page.get_by_role("navigation", name="Course modules").wait_for()
    assert violations(page) == []


@pytest.mark.parametrize("module", MODULES)
def test_module_app_has_no_violation(page, course, module):
    page.goto(course.module_url(module))
    page.wait_for_selector(".selfkind .widget-button")
    assert violations(page) == []
