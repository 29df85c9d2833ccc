"""The course as a trainee meets it: in a browser, served by Voila, with no code on the page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(p.name for p in (ROOT / "modules").iterdir() if p.is_dir() and re.match(r"^\d\d-", p.name))
CODE_ON_PAGE = re.compile(r"from selfkind|import |\.from_file\(|RolePlay\(|QuickCheck\(|Journal\(")


def open_module(page, course, module):
    page.goto(course.module_url(module))
    page.wait_for_selector(".selfkind .widget-button")


def first_role_play(page):
    """The first role-play on the page, held by its element so it stays the same one."""
    plays = page.locator(".selfkind:has(.sk-choice)")
    assert plays.count() >= 1
    return plays.first.element_handle()


def next_turn_shown(page, play, turn, clicked):
    """Wait until the clicked button has gone and the play shows turn `turn` with its
    choices, or its debrief (the page updates in several small steps)."""
    page.wait_for_function(
        r"""([el, turn, clicked]) => !clicked.isConnected && (el.innerText.includes('Debrief')
            || (new RegExp('Turn ' + turn + '\\b').test(el.innerText)
                && el.querySelectorAll('.sk-choice').length > 0))""", arg=[play, turn, clicked])


def play_to_the_end(page, play):
    """Click each turn's first choice, as a trainee would, until the debrief shows."""
    for turn in range(2, 40):
        if not play.query_selector_all(".sk-choice"):
            break
        button = play.query_selector(".sk-choice")
        button.click()
        next_turn_shown(page, play, turn, button)


def test_landing_page_lists_every_module_and_opens_it(page, course):
    page.goto(course.url)
    page.wait_for_url(re.compile(r"voila/render/index\.ipynb"))
    nav = page.get_by_role("navigation", name="Course modules")
    nav.wait_for()
    for module in MODULES:
        link = nav.locator(f'a[href="{module}/{module}.ipynb"]')
        assert link.count() == 1, f"{module} is not listed"
        assert "Objectives" in nav.inner_text()
    with page.context.expect_page() as opened:  # JupyterLab's renderer opens output links in a new tab
        nav.locator("a").first.click()
    module_page = opened.value
    module_page.wait_for_selector(".selfkind .widget-button", timeout=60_000)
    assert module_page.url == course.module_url(MODULES[0])
    assert page.outside_requests == []


@pytest.mark.parametrize("module", MODULES)
def test_module_app_shows_widgets_and_no_code(page, course, module):
    open_module(page, course, module)
    text = page.inner_text("body")
    assert not CODE_ON_PAGE.search(text), CODE_ON_PAGE.search(text).group(0)
    assert "Instructor notes" not in text
    assert "Key points" in text and "Objectives" in text
    assert page.locator(".sk-choice").count() >= 2
    assert page.get_by_role("button", name="Check answer").count() >= 1
    assert page.outside_requests == []


def test_role_play_to_its_debrief_by_mouse(page, course):
    module = MODULES[0]
    open_module(page, course, module)
    play = first_role_play(page)
    title = play.query_selector("h2").inner_text()
    play_to_the_end(page, play)
    assert "Debrief" in play.inner_text() and "Score:" in play.inner_text()
    assert "Your path, turn by turn" in play.inner_text()
    saved = list((course.home / "transcripts").glob("*.json"))
    assert len(saved) == 1 and json.loads(saved[0].read_text())["title"] == title
    assert json.loads(saved[0].read_text())["attempts"][-1]["ending"]  # transcripts hold every attempt


def test_role_play_to_its_debrief_by_keyboard_alone(page, course):
    open_module(page, course, MODULES[0])
    play = first_role_play(page)
    page.locator("body").focus()
    tabs_needed = []
    for turn in range(2, 40):
        if not play.query_selector_all(".sk-choice"):
            break
        for tabs in range(300):  # Tab until a choice of this role-play has the focus
            if page.evaluate("(el) => el.contains(document.activeElement)"
                             " && document.activeElement.classList.contains('sk-choice')", play):
                break
            page.keyboard.press("Tab")
        else:
            pytest.fail("no choice button can be reached with the Tab key")
        tabs_needed.append(tabs)
        focused = page.evaluate_handle("() => document.activeElement")
        page.keyboard.press("Enter")
        next_turn_shown(page, play, turn, focused)
    assert "Debrief" in play.inner_text()
    # After the first choice the next choices are at hand: focus moves to them, or (when the
    # new buttons are drawn after the focus request arrives) they are the very next Tab stop.
    assert tabs_needed[0] > 0 and max(tabs_needed[1:]) <= 1, tabs_needed
    # Then on Restart: the focus request follows the debrief, so on a busy machine it may land
    # a moment after the debrief shows.
    page.wait_for_function("(el) => el.contains(document.activeElement)", arg=play, timeout=15_000)


def test_journal_saves_and_exports(page, course):
    open_module(page, course, MODULES[0])
    reflection = page.get_by_role("textbox", name=re.compile("Your reflection"))
    journal = page.locator(".selfkind").filter(has=reflection).first
    journal.get_by_role("textbox", name=re.compile("Your reflection")).fill("A private test reflection.")
    journal.get_by_role("button", name="Save").click()
    journal.get_by_text("Saved privately on this computer").wait_for()
    saved = json.loads((course.home / "journal" / f"{MODULES[0]}.json").read_text())
    assert any(e["text"] == "A private test reflection." for e in saved.values())
    journal.get_by_role("button", name="Export to Markdown").click()
    journal.get_by_text("exported all entries").wait_for()
    exported = (course.home / "journal" / f"{MODULES[0]}-journal.md").read_text()
    assert "A private test reflection." in exported
    with page.expect_download() as download:  # the export reaches the trainee's own browser too
        journal.get_by_role("link", name=re.compile("Download")).click()
    assert "A private test reflection." in Path(download.value.path()).read_text()
