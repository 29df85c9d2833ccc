"""Module 04 as a trainee meets it in Voila: the loop exercise moves and answers, and a role-play reaches its debrief."""

from __future__ import annotations

import json

from test_course_app import open_module, play_to_the_end

MODULE = "04-self-criticism-and-sexual-performance"


def test_the_loop_exercise_steps_round_and_gives_feedback(page, course):
    open_module(page, course, MODULE)
    loop = page.locator(".selfkind").filter(has=page.get_by_role("button", name="Next stage")).first
    loop.get_by_text("Stage 1 of 6: Harsh standard").wait_for()
    assert loop.locator("svg[role=img]").count() == 1
    assert "Harsh standard (current stage)" in loop.inner_text()
    for _ in range(3):
        loop.get_by_role("button", name="Next stage").click()
    loop.get_by_text("Stage 4 of 6: Difficulty").wait_for()
    loop.get_by_text("encourage them to see their diabetes team", exact=False).click()
    loop.get_by_role("button", name="Check this choice").click()
    loop.get_by_text("best option at this stage", exact=False).wait_for()
    saved = json.loads((course.home / "exercises" / "performance-loop.json").read_text())
    assert saved["answers"] == {"difficulty": "b"}
    assert page.outside_requests == []


def test_a_module_04_role_play_to_its_debrief(page, course):
    open_module(page, course, MODULE)
    play = page.locator(".selfkind:has(.sk-choice)").first.element_handle()
    assert "It used to just work" in play.inner_text()
    play_to_the_end(page, play)
    text = play.inner_text()
    assert "Debrief" in text and "Score:" in text
    saved = list((course.home / "transcripts").glob("*.json"))
    assert len(saved) == 1 and "it-used-to-just-work" in saved[0].name
