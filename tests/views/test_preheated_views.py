"""Role-plays and the capstone in a preheated Voila kernel: the notebook runs to its end
before the page is asked for, nothing is read before it, and reading makes no widget.

A preheated kernel runs its notebook ahead of time; the views' first reads run when the page
opens, sometimes while the page is fetching widget state, and widgets made then go missing
from the page. So the first read may only set values: the test counts the widgets.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from ipywidgets.widgets.widget import _instances

from selfkind.ui import CapstoneCase, RolePlay

from widget_tree import visible_text

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "small-scenario.yaml"
KIT = Path(__file__).resolve().parents[2] / "modules" / "06-extending-self-compassion" / "scenarios"
SESSIONS = [KIT / f"kit-session-{n}.yaml" for n in (1, 2, 3)]


def best(play: RolePlay) -> None:
    """Click the best-scoring choice's button, as a trainee would."""
    choice = max(play.session.choices, key=lambda o: o[1].score)[1]
    [button] = [b for b in play.choice_buttons if b.description == choice.text]
    button.click()


@pytest.fixture
def saved_play(tmp_path):
    """A transcript one turn in, saved before the kernel was preheated."""
    path = tmp_path / "play.json"
    play = RolePlay.from_file(EXAMPLE, transcript=path)
    best(play)
    assert "Turn 2" in visible_text(play)
    return path


@pytest.fixture
def finished_session_1(tmp_path):
    paths = [tmp_path / f"s{n}.json" for n in (1, 2, 3)]
    case = CapstoneCase.from_files(SESSIONS, transcripts=paths)
    while not case.plays[0].session.play.finished:
        best(case.plays[0])
    return paths


@pytest.mark.parametrize("opened_by", ["Voila's report of the request", "the page asking for widget state"])
def test_a_preheated_role_play_reads_its_saved_play_when_the_page_opens_and_makes_no_widget(
        saved_play, preheated, run_as_kernel, opened_by):
    seen = {}

    async def notebook():
        play = RolePlay.from_file(EXAMPLE, transcript=saved_play)  # returns at once: nothing read
        seen["before"] = visible_text(play)
        widgets = set(_instances)
        if opened_by == "Voila's report of the request":
            preheated.ask()
            for _ in range(200):
                if "Welcome back" in visible_text(play):
                    break
                await asyncio.sleep(0.02)
        else:
            preheated.page_opened()  # what selfkind.ui.page_hook calls before the state is sent
        seen["after"] = visible_text(play)
        seen["made"] = set(_instances) - widgets
        best(play)  # the buttons shown work, and take the saved play on
        seen["next"] = visible_text(play)

    run_as_kernel(notebook)
    assert "Turn 1" in seen["before"] and "Welcome back" not in seen["before"]
    assert "Welcome back: you are continuing the play you saved earlier" in seen["after"]
    assert "Turn 2" in seen["after"]
    assert seen["made"] == set(), "reading the saved play made widgets, which a page fetching state would miss"
    assert "Finished after 2 turns" in seen["next"]


def test_a_preheated_capstone_reads_which_sessions_are_open_when_the_page_opens(
        finished_session_1, preheated, run_as_kernel):
    seen = {}

    async def notebook():
        case = CapstoneCase.from_files(SESSIONS, transcripts=finished_session_1)  # returns at once
        seen["before"] = [b.description for b in case.session_buttons]
        widgets = set(_instances)
        preheated.page_opened()
        seen["made"] = set(_instances) - widgets
        seen["after"] = [b.description for b in case.session_buttons]
        seen["text"] = visible_text(case)

    run_as_kernel(notebook)
    assert "Session 2 · open" not in seen["before"]
    assert seen["after"] == ["Session 1 · shown", "Session 2 · open", "Session 3 · locked"]
    assert "Finished after" in seen["text"]  # session 1's saved, finished play is shown
    assert seen["made"] == set()
