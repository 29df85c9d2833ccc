"""Preheated kernels never show stale trainee data.

voila.json keeps one kernel per notebook started ahead of its page (a preheated pool), so a
module opens sooner. Such a kernel runs its notebook before anyone asks for the page; the
views keep their first reads of trainee files until the page is requested
(selfkind.stores.page). These tests serve the course with voila.json,
let the pools fill, open a page (page A: the pool refills with a kernel started *before*
the trainee's work), play or write in page A, then open page B, which Voila's log shows was
served from that preheated kernel, and check that page B shows what page A saved.
"""

from __future__ import annotations

import re
import time

import psutil
import pytest

from conftest import ROOT, course_env, voila

MODULE = "00-orientation"
NOTEBOOK = f"{MODULE}/{MODULE}.ipynb"


class Server:
    def __init__(self, url, proc, log, home):
        self.url, self.proc, self.log, self.home = url, proc, log, home

    def preheated_pages(self, notebook: str) -> int:
        """How many pages of `notebook` Voila served from a preheated kernel (its own log line)."""
        self.log.seek(0)
        return len(re.findall(rf"Using pre-heated kernel: \S+ for {re.escape(notebook)}\b", self.log.read()))

    def kernels(self) -> list[psutil.Process]:
        found = []
        for child in psutil.Process(self.proc.pid).children(recursive=True):
            try:
                if child.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(child.cmdline()):
                    found.append(child)
            except psutil.Error:
                pass
        return found

    def settle(self, at_least: int, timeout: float = 240) -> int:
        """Wait until at least `at_least` kernels run and none has used CPU for 3 s: every
        pooled kernel has run its notebook, its views' first reads kept for the page."""
        deadline = time.monotonic() + timeout
        last, since = None, time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.5)
            kernels = self.kernels()
            total = 0.0
            for k in kernels:
                try:
                    times = k.cpu_times()
                    total += times.user + times.system
                except psutil.Error:
                    pass
            now = (len(kernels), round(total, 2))
            if now != last:
                last, since = now, time.monotonic()
            elif len(kernels) >= at_least and time.monotonic() - since >= 3:
                return len(kernels)
        pytest.fail(f"the kernel pools did not settle: {last}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("preheat-home")
    # exactly `make run`'s command: voila.json turns preheating on
    with voila(["modules"], cwd=ROOT, env=course_env(home), probe="voila/tree",
               log_path=tmp_path_factory.mktemp("voila-preheat") / "voila.log") as (url, proc, log):
        yield Server(url, proc, log, home)


def open_preheated(server, context, notebook, selector):
    """Open `notebook` in a new page and check that Voila served it from a preheated kernel."""
    before = server.preheated_pages(notebook)
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(f"{server.url}voila/render/{notebook}")
    page.wait_for_selector(selector)
    assert server.preheated_pages(notebook) == before + 1, "the page did not come from a preheated kernel"
    return page


def test_a_play_saved_in_one_page_is_shown_by_a_page_preheated_before_it(browser, server):
    modules = len([p for p in (ROOT / "modules").iterdir() if p.is_dir() and p.name[:2].isdigit()])
    pooled = server.settle(at_least=modules + 1)  # one kernel per module, and the landing page's
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page_a = open_preheated(server, context, NOTEBOOK, ".selfkind .sk-choice")
    server.settle(at_least=pooled + 1)  # the pool's new kernel has run up to its wait, before any play
    play = page_a.locator(".selfkind:has(.sk-choice)").first.element_handle()
    for turn in (2, 3, 4):
        button = play.query_selector(".sk-choice")
        button.click()
        page_a.wait_for_function(
            r"""([el, turn, clicked]) => !clicked.isConnected
                && new RegExp('Turn ' + turn + '\\b').test(el.innerText)""", arg=[play, turn, button])
    assert (server.home / "transcripts").is_dir()

    page_b = open_preheated(server, context, NOTEBOOK, ".selfkind .sk-choice")
    play_b = page_b.locator(".selfkind:has(.sk-choice)").first
    play_b.get_by_text("Welcome back: you are continuing the play you saved earlier").wait_for(timeout=30_000)
    assert re.search(r"Turn 4\b", play_b.inner_text())

    # The landing page's kernel was preheated when the server started, long before the play.
    landing = open_preheated(server, context, "index.ipynb", "nav a")
    assert "started, not finished yet" in landing.inner_text("body")
    context.close()


def test_a_journal_entry_saved_in_one_page_is_shown_by_a_page_preheated_before_it(browser, server):
    pooled = server.settle(at_least=1)
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page_a = open_preheated(server, context, NOTEBOOK, ".selfkind .widget-button")
    server.settle(at_least=pooled + 1)  # the refill has run up to its wait before the entry is written
    box = page_a.get_by_role("textbox", name=re.compile("Your reflection")).first
    box.fill("Written in page A, after page B's kernel was preheated.")
    journal_a = page_a.locator(".selfkind").filter(has=box).first
    journal_a.get_by_role("button", name="Save").click()
    journal_a.get_by_text("Saved privately on this computer").wait_for()

    page_b = open_preheated(server, context, NOTEBOOK, ".selfkind .widget-button")
    box_b = page_b.get_by_role("textbox", name=re.compile("Your reflection")).first
    page_b.wait_for_function("el => el.value.length > 0", arg=box_b.element_handle(), timeout=30_000)
    assert box_b.input_value() == "Written in page A, after page B's kernel was preheated."
    context.close()
