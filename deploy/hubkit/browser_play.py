"""A trainee in a real Chromium (Debian's, driven by Playwright): logs in on the hub's page,
opens module 01 in their Voila, plays the first role-play to its debrief by clicking."""

from __future__ import annotations

import time

from .play import Played, voila_path
from .running import HubSession

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

NEXT_TURN = r"""([el, turn, clicked]) => !clicked.isConnected && (el.innerText.includes('Debrief')
    || (new RegExp('Turn ' + turn + '\\b').test(el.innerText) && el.querySelectorAll('.sk-choice').length > 0))"""


def play_in_chromium(session: HubSession, max_turns: int = 40, browser=None) -> Played:
    """Log in and play to the debrief; in `browser` if given (a test's shared Chromium: Playwright's
    sync API allows one instance per thread), else in a Chromium of its own."""
    if browser is not None:
        return _play(browser, session, max_turns)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        own = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _play(own, session, max_turns)
        finally:
            own.close()


def _play(browser, session: HubSession, max_turns: int) -> Played:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(300_000)
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(session.hub.url + "/")
                and not r.url.startswith(("data:", "blob:")) else None)
        page.goto(f"{session.hub.url}/hub/login")
        page.fill("#username_input", session.name)
        page.fill("#password_input", session.password)
        page.click("#login_submit")
        page.wait_for_url(f"**/user/{session.name}/**")
        start = time.perf_counter()
        page.goto(session.user_url(voila_path()))
        page.wait_for_selector(".selfkind:has(.sk-choice) .sk-choice")
        result = Played(session.name, time.perf_counter() - start, how="Chromium")
        play = page.locator(".selfkind:has(.sk-choice)").first.element_handle()
        for turn in range(2, max_turns):
            button = play.query_selector(".sk-choice")
            if not button:
                break
            clicked = time.perf_counter()
            button.click()
            page.wait_for_function(NEXT_TURN, arg=[play, turn, button])
            result.click_s.append(time.perf_counter() - clicked)
        result.debrief = play.inner_text()
        result.outside_requests = outside
        return result
    finally:
        context.close()
