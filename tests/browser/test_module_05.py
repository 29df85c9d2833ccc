"""Module 05 as a trainee meets it in Voila: a practice is begun, paused, resumed and left by the way out,
and a role-play reaches its debrief."""

from __future__ import annotations

import json
import re

from test_course_app import open_module, play_to_the_end

MODULE = "05-tools-to-self-soothe"


def test_a_practice_starts_pauses_resumes_and_is_left_by_the_way_out(page, course):
    course.forget_trainee_data()
    open_module(page, course, MODULE)
    # found by its title, which stays on screen whichever part of the practice is showing
    practice = page.locator(".selfkind").filter(has=page.get_by_role("heading", name="A short internal vacation")).first
    practice.get_by_role("button", name="Yes, begin the practice").wait_for()
    assert practice.get_by_role("button", name="Stop and ground").is_hidden()  # nothing before consent
    practice.get_by_role("button", name="Yes, begin the practice").click()
    practice.get_by_role("heading", name="Step 1 of 9").wait_for()
    practice.get_by_role("button", name="Start timer").click()
    status = practice.locator('[role=status][aria-live=polite]')
    status.get_by_text("Timer started").wait_for()
    # the kernel-side clock moves the countdown on its own
    page.wait_for_function("el => /0:2[0-8] left/.test(el.innerText)", arg=practice.element_handle(), timeout=15_000)
    practice.get_by_role("button", name="Pause").click()
    status.get_by_text("Paused, with").wait_for()
    paused = re.search(r"(\d:\d\d) left", practice.inner_text()).group(1)
    page.wait_for_timeout(2500)
    assert f"{paused} left" in practice.inner_text()  # paused time does not pass
    practice.get_by_role("button", name="Resume").click()
    status.get_by_text("Resumed").wait_for()
    practice.get_by_role("button", name="Next step").click()
    practice.get_by_role("heading", name="Step 2 of 9").wait_for()
    practice.get_by_role("button", name="Stop and ground").click()
    practice.get_by_role("heading", name="Stopped. A short grounding").wait_for()
    assert "You are here, in this room" in practice.inner_text()
    practice.get_by_role("button", name="Go on to the check-in").click()
    practice.get_by_text("Restful or settling").click()
    practice.get_by_role("button", name="Save my check-in").click()
    practice.get_by_text("Saved privately on this computer").wait_for()
    saved = json.loads((course.home / "exercises" / "practice-internal-vacation.json").read_text())
    [entry] = saved["answers"]["check_ins"]
    assert entry["stopped_at_step"] == 2 and entry["answers"] == {"how": "Restful or settling"}
    assert page.outside_requests == []


def test_a_module_05_role_play_to_its_debrief(page, course):
    course.forget_trainee_data()
    open_module(page, course, MODULE)
    play = page.locator(".selfkind:has(.sk-choice)").first.element_handle()
    assert "Where did that come from?" in play.inner_text()
    play_to_the_end(page, play)
    text = play.inner_text()
    assert "Debrief" in text and "Score:" in text
    saved = list((course.home / "transcripts").glob("*.json"))
    assert len(saved) == 1 and "where-did-that-come-from" in saved[0].name
