"""The distressed-child exercise and the baseline self-check take their words from their module's
exercises/*.yaml; a broken file is shown as FILE:LINE problems, never a traceback, and the
trainee's saved answers are left as they were."""

import json
from pathlib import Path

import pytest
from widget_tree import visible_text

from selfkind.stores.paths import exercises_dir
from selfkind.ui import BaselineSelfCheck, DistressedChild, FileProblems

ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "modules" / "01-what-self-compassion-is" / "exercises" / "distressed-child.yaml"
BASELINE = ROOT / "modules" / "00-orientation" / "exercises" / "baseline-self-check.yaml"
SAVED = {"format": "selfkind-exercise", "answers": {"child": {"kindness": 9}, "self": {"kindness": 2},
                                                    "to_child": "kept", "to_self": "kept"}}


def edited(tmp_path, source: Path, old: str, new: str) -> Path:
    """A copy of a course file with one edit, in a notebook folder's exercises/."""
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "exercises" / source.name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("widget, source, old, new, shown", [
    (DistressedChild, CHILD, "Part 2: your own distress", "Part 2: when it is you", "Part 2: when it is you"),
    (DistressedChild, CHILD, '"Show the gap"', '"Compare"', "Compare"),
    (BaselineSelfCheck, BASELINE, '"Show my scores"', '"Score it"', "Score it"),
    (BaselineSelfCheck, BASELINE, "Nothing is sent anywhere.", "Nothing leaves this computer.",
     "Nothing leaves this computer."),
])
def test_an_authors_edit_is_what_the_trainee_sees(tmp_path, widget, source, old, new, shown):
    view = widget.from_file(edited(tmp_path, source, old, new))
    assert isinstance(view, widget)
    assert shown in visible_text(view)


def test_a_notebook_in_a_module_folder_uses_that_folders_file(tmp_path, monkeypatch):
    edited(tmp_path, CHILD, '"Show the gap"', '"Compare"')
    monkeypatch.chdir(tmp_path)  # as Voila and JupyterLab run a module's notebook
    assert DistressedChild().show_button.description == "Compare"


def test_markup_in_the_words_is_shown_as_text_and_only_the_bold_phrases_are_bold(tmp_path):
    view = BaselineSelfCheck.from_file(edited(tmp_path, BASELINE, "This is a reflection for you",
                                              "This is a <script>x()</script> reflection for you"))
    intro = view.children[1].value
    assert "&lt;script&gt;x()&lt;/script&gt;" in intro and "<script>" not in intro
    assert "<strong>Self-Compassion Scale–Short Form</strong>" in intro


@pytest.mark.parametrize("widget, source, old, new, where", [
    (DistressedChild, CHILD, "  - key: humanity", "  - key: compassion", "`components[2].key` is 'compassion'"),
    (DistressedChild, CHILD, "title:", "titel:", "unknown key `titel`"),
    (BaselineSelfCheck, BASELINE, 'item_label: "Item {item}"', 'item_label: "Item {n}"', "`item_label` uses {n}"),
    (BaselineSelfCheck, BASELINE, "heading:", "\theading:", "YAML does not parse"),
])
def test_a_broken_wording_file_is_listed_in_words_with_its_line(tmp_path, widget, source, old, new, where):
    path = edited(tmp_path, source, old, new)
    line = path.read_text().splitlines().index(next(l for l in path.read_text().splitlines() if new.strip() in l)) + 1
    view = widget.from_file(path)
    assert isinstance(view, FileProblems)
    text = visible_text(view)
    assert "cannot be shown: its wording file has problems" in text
    assert f"{path}:{line}" in text and where in text and "Traceback" not in text


@pytest.mark.parametrize("widget, source, name", [(DistressedChild, CHILD, "distressed-child"),
                                                  (BaselineSelfCheck, BASELINE, "baseline-self-check")])
def test_the_notebook_call_shows_the_problem_and_leaves_saved_answers_alone(tmp_path, monkeypatch, widget, source,
                                                                             name):
    saved = exercises_dir() / f"{name}.json"
    saved.parent.mkdir(parents=True)
    saved.write_text(json.dumps(SAVED))
    edited(tmp_path, source, "\n", "\n{oops: [\n")
    monkeypatch.chdir(tmp_path)
    view = widget()  # the module notebook's one-line call
    text = visible_text(view)
    assert "cannot be shown: its wording file has problems" in text and "YAML does not parse" in text
    assert not hasattr(view, "store")
    assert json.loads(saved.read_text()) == SAVED
    assert [p.name for p in exercises_dir().iterdir()] == [f"{name}.json"]  # nothing kept aside or added


@pytest.mark.parametrize("widget, source", [(DistressedChild, CHILD), (BaselineSelfCheck, BASELINE)])
def test_in_its_module_folder_the_notebook_call_shows_the_exercise(monkeypatch, widget, source):
    monkeypatch.chdir(source.parent.parent)  # where Voila and JupyterLab run the module's notebook
    view = widget()
    assert isinstance(view, widget) and not hasattr(view, "problems")
    assert view.wording == widget.from_file(source).wording
