"""Module 03 in the browser: served by Voila, the soothing map built and a role-play played to its debrief."""

from __future__ import annotations

import json

from test_course_app import open_module, play_to_the_end

MODULE = "03-compulsion-as-external-soothing"


def test_module_03_renders_and_the_soothing_map_draws_the_loop(page, course):
    open_module(page, course, MODULE)
    text = page.inner_text("body")
    assert "Compulsion as external soothing" in text and "Key points" in text
    assert "Instructor notes" not in text
    soothing = page.locator(".selfkind").filter(has_text="A soothing map: Priya").first
    soothing.get_by_role("radio", name="Depletion and strain").check()
    soothing.get_by_role("button", name="Check this step").first.click()
    soothing.get_by_text("Correct.").wait_for()
    soothing.get_by_text("Trigger feeling: drained, alone.").wait_for()
    assert soothing.locator("svg[role=img]").count() == 1
    saved = json.loads((course.home / "exercises" / "soothing-map-priya.json").read_text())
    assert saved["answers"]["choices"] == {"trigger": "b"}
    assert page.outside_requests == []


def test_module_03_gambling_role_play_to_its_debrief(page, course):
    open_module(page, course, MODULE)
    play = page.locator(".selfkind:has(.sk-choice)").filter(has_text="Just ten minutes").first.element_handle()
    play_to_the_end(page, play)
    assert "Debrief" in play.inner_text() and "Score:" in play.inner_text()
    saved = [json.loads(p.read_text()) for p in (course.home / "transcripts").glob("*.json")]
    assert [s["scenario"] for s in saved] == ["one-more-spin"]
