"""Module 06 as a trainee meets it in Voila: session 1 of the capstone case is played to its
debrief, session 2 opens, and it shows the state session 1 left Kit in."""

from __future__ import annotations

import json

from test_course_app import open_module, play_to_the_end

MODULE = "06-extending-self-compassion"


def _current_play(page, title):
    """The role-play of the case now shown (the innermost .selfkind holding that title)."""
    page.get_by_role("heading", name=title).wait_for()
    return page.locator(".selfkind", has=page.get_by_role("heading", name=title)).last.element_handle()


def test_the_capstone_carries_kits_state_from_session_1_into_session_2(page, course):
    open_module(page, course, MODULE)
    case = page.locator(".selfkind", has=page.get_by_role("button", name="Session 2 · locked")).first
    assert case.get_by_role("button", name="Session 2 · locked").is_disabled()
    play = _current_play(page, "Kit, session 1: The same body")
    play_to_the_end(page, play)
    assert "Debrief" in play.inner_text() and "Score:" in play.inner_text()
    saved = json.loads((course.home / "transcripts" / "kit-session-1.json").read_text())
    trust = saved["attempts"][0]["state"]["trust"]

    page.get_by_role("button", name="Session 2 · open").click()
    second = _current_play(page, "Kit, session 2: Does that count?")
    page.get_by_text(f"left Kit: trust {trust} of 10", exact=False).wait_for()
    meter = second.query_selector("meter")
    assert meter.get_attribute("value") == str(trust)
    text = second.inner_text()
    assert "Kit’s trust" in text and f"{trust} of 10" in text
    assert second.query_selector_all(".sk-choice")  # session 2 is ready to play
    assert page.outside_requests == []
