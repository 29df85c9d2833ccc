"""Script planted in trainee files never runs in the page (Voila, as the course serves it).

Every string field of every trainee file (transcript, answers, journal, exercise answers)
holds markup that would run script if it reached the page unescaped; the files are
planted both as valid files (the text is shown) and as damaged ones (the problem note
quotes them). A `window.__pwned` flag must stay unset and no dialog may open.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, course_env, voila

EXAMPLE = ROOT / "docs" / "examples" / "small-scenario.yaml"
X = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script>"><svg onload=alert(3)>'
SCENARIO_ID = "example-late-night-scrolling"

NOTEBOOK = f"""
from IPython.display import display
from selfkind.ui import BaselineSelfCheck, DistressedChild, Journal, RolePlay
from selfkind.ui.answer_widgets import ChoiceQuestion, RatingQuestion
display(RolePlay.from_file({str(EXAMPLE)!r}))
display(ChoiceQuestion("q1", "Which?", [("A", "a"), ("B", "b")]))
display(RatingQuestion("r1", "How well?", ["poor", "fair", "good"]))
display(Journal(module="01-payload", prompt="Prompt?", entry="e"))
display(DistressedChild())
display(BaselineSelfCheck())
"""


def valid_files(scenario_play: dict) -> dict[str, object]:
    """Well-formed files with the payload in every free string field."""
    return {
        "transcripts": {"format": "selfkind-transcript", "version": 2, "scenario": SCENARIO_ID, "title": X,
                        "saved_at": X, "attempts": [scenario_play]},
        "answers": {"format": "selfkind-answers", "version": 1, "saved_at": X, "answers": {"q1": X, X: X, "r1": X}},
        "journal": {"e": {"prompt": X, "text": X, "saved_at": X, "earlier": [{"text": X, "saved_at": X}]},
                    X: {"prompt": X, "text": X, "saved_at": X}},
        "distressed": {"format": "selfkind-exercise", "exercise": X, "saved_at": X,
                       "answers": {"child": {"kindness": 3}, "self": {"kindness": 1}, "to_child": X, "to_self": X}},
        "baseline": {"format": "selfkind-exercise", "exercise": X, "saved_at": X,
                     "answers": {"checks": [{"taken_at": X, "responses": {X: 1}, "subscales": {X: 1.0}, "total": 2.0}]}},
    }


def damaged_files() -> dict[str, object]:
    """Files refused for a reason that quotes the payload (version, scenario, node, codes, types)."""
    return {
        "transcripts": {"format": "selfkind-transcript", "version": X, "scenario": X, "attempts": X},
        "answers": {"format": "selfkind-answers", "version": X, "answers": {X: X}},
        "journal": {X: {"text": {X: X}, "saved_at": X, "earlier": X}},
        "distressed": {"format": "selfkind-exercise", "answers": {"child": X, X: X}},
        "baseline": {"format": "selfkind-exercise", "answers": {"checks": [{"taken_at": X, "total": X}]}},
    }


def damaged_transcript_steps(scenario_play: dict) -> dict:
    play = json.loads(json.dumps(scenario_play))
    play["steps"][0]["node"] = X
    play["steps"][0]["choice"] = X
    return {"format": "selfkind-transcript", "version": 2, "scenario": SCENARIO_ID, "attempts": [play]}


def plant(folder: Path, home: Path, files: dict) -> None:
    import shutil

    shutil.rmtree(home, ignore_errors=True)
    targets = {"transcripts": home / "transcripts" / f"{SCENARIO_ID}.json", "answers": folder / "answers.json",
               "journal": home / "journal" / "01-payload.json",
               "distressed": home / "exercises" / "distressed-child.json",
               "baseline": home / "exercises" / "baseline-self-check.json"}
    for key, data in files.items():
        targets[key].parent.mkdir(parents=True, exist_ok=True)
        targets[key].write_text(json.dumps(data))
    for kept in folder.glob("answers.kept-*"):
        kept.unlink()


@pytest.fixture(scope="module")
def payload_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("payload-app")
    home = tmp_path_factory.mktemp("payload-home")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(NOTEBOOK)])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nbformat.write(nb, folder / "payloads.ipynb")
    args = ["payloads.ipynb", "--VoilaConfiguration.template=selfkind", "--VoilaConfiguration.show_tracebacks=False"]
    with voila(args, cwd=folder, env=course_env(home), log_path=folder.parent / "voila-payload.log") as (url, _p, _l):
        yield url, folder, home


def finished_play() -> dict:
    from selfkind.engine import Session
    from selfkind.authoring import load_scenario

    session = Session(load_scenario(EXAMPLE))
    session.step("opening/1")
    session.step("softer/1")
    return session.play.model_dump(mode="json")


def open_and_watch(browser, url):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(90_000)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_selector(".selfkind .sk-choice, .selfkind .widget-button")
    page.wait_for_function("document.querySelectorAll('.selfkind').length >= 6")
    page.wait_for_timeout(1000)  # let any planted onerror/onload fire
    return context, page, dialogs


@pytest.mark.parametrize("variant", ["valid", "damaged", "transcript-steps"])
def test_no_planted_script_runs(browser, payload_app, variant):
    url, folder, home = payload_app
    files = {"valid": lambda: valid_files(finished_play()), "damaged": damaged_files,
             "transcript-steps": lambda: {**valid_files(finished_play()),
                                          "transcripts": damaged_transcript_steps(finished_play())}}[variant]()
    plant(folder, home, files)
    context, page, dialogs = open_and_watch(browser, url)
    try:
        text = page.inner_text("body")
        assert page.evaluate("window.__pwned") is None
        assert dialogs == []
        assert "<img src=x" in text or "could not be read" in text  # the markup is shown as text, or refused
        refused = {"valid": 0, "damaged": 5, "transcript-steps": 1}[variant]
        assert text.count("could not be read") >= refused  # each refused file is named, with the reason
    finally:
        context.close()
