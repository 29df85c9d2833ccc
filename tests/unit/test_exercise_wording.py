"""Exercise wording files (module 00's baseline self-check, module 01's distressed child): the
loader and `selfkind check` report every problem as FILE:LINE with what to change."""

from pathlib import Path

import pytest

from selfkind.cli import check
from selfkind.exercises.wording import find_module_file, load_baseline, load_distressed_child
from selfkind.exercises.quickcheck import ChecksError

ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "modules" / "01-what-self-compassion-is" / "exercises" / "distressed-child.yaml"
BASELINE = ROOT / "modules" / "00-orientation" / "exercises" / "baseline-self-check.yaml"


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


@pytest.fixture
def write(tmp_path):
    def write(text, name="distressed-child.yaml"):
        path = tmp_path / "exercises" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path
    return write


def problems(load, path):
    with pytest.raises(ChecksError) as exc:
        load(path)
    return [str(p) for p in exc.value.problems]


def test_the_course_files_load_with_every_component_and_both_parts():
    child = load_distressed_child(CHILD)
    assert [c.key for c in child.components] == ["kindness", "humanity", "mindfulness"]
    assert child.part_one.heading == "Part 1: the child" and child.part_two.heading == "Part 2: your own distress"
    baseline = load_baseline(BASELINE)
    assert baseline.bold == ["Self-Compassion Scale–Short Form"]
    assert "does not reproduce the items" in baseline.intro


def test_an_edited_copy_loads_with_the_new_words(write):
    text = CHILD.read_text().replace("Show the gap", "Compare the two")
    assert load_distressed_child(write(text)).show_button.label == "Compare the two"


CHILD_CASES = [
    # (what an author did, old, new, the edited file's line the problem must name, what it says)
    ("a tab for indentation", '  heading: "Part 1: the child"', '\theading: "Part 1: the child"',
     '\theading', "YAML does not parse"),
    ("a key given twice", 'title: "The child on the street corner"',
     'title: "The child on the street corner"\ntitle: "Again"', 'title: "Again"', "duplicate key 'title'"),
    ("a YAML tag", 'title: "The child on the street corner"', 'title: !!python/name:os.system ""',
     "title: !!python", "is not allowed in an exercise-wording file"),
    ("a field left out", '  words_label: "What you might say to the child (optional)"\n', "",
     "part_one:", "`words_label` is missing in part_one"),
    ("a number for text", 'title: "The child on the street corner"', "title: 12", "title: 12",
     "`title` should be text"),
    ("a list for text", '    label: "Warmth"', '    label: ["Warmth"]', '    label: [',
     "`components[1].label` should be text"),
    ("a misspelt key", '    label: "Warmth"', '    lable: "Warmth"', '    lable:', "unknown key `lable`"),
    ("an empty text", '    label: "Warmth"', '    label: ""', '    label: ""', "`components[1].label` is empty"),
    ("a placeholder the course does not fill", "{quality} than you", "{qualty} than you", "{qualty}",
     "`reflections.wide_gap` uses {qualty}"),
    ("an unmatched brace", "{quality} than you", "{quality than you", "{quality than",
     "`reflections.wide_gap` has an unmatched { or }"),
    ("a placeholder in plain text", "Your answers are saved", "Your {answers} are saved", "Your {answers}",
     "`notice` uses {answers}"),
    ("a component key renamed", "  - key: humanity", "  - key: compassion", "  - key: compassion",
     "`components[2].key` is 'compassion'"),
    ("a component key used twice", "  - key: humanity", "  - key: kindness", "components:",
     "a component `key` is used twice"),
]


@pytest.mark.parametrize("old, new, at, message", [c[1:] for c in CHILD_CASES], ids=[c[0] for c in CHILD_CASES])
def test_a_malformed_distressed_child_file_names_file_and_line(write, old, new, at, message):
    good = CHILD.read_text()
    assert old in good
    text = good.replace(old, new, 1)
    path = write(text)
    found = problems(load_distressed_child, path)
    assert any(p.startswith(f"{path}:{line_of(text, at)}: ") and message in p for p in found), found


@pytest.mark.parametrize("old, new, at, message", [
    ('  - "Self-Compassion Scale–Short Form"', '  - "SCS-SF"', '  - "SCS-SF"',
     "the bold phrase 'SCS-SF' is not in the intro"),
    ('item_label: "Item {item}"', 'item_label: "Item {number}"', "item_label:", "`item_label` uses {number}"),
    ('  label: "Show my scores"', '  label: "Show my scores"\n  colour: red', "  colour: red",
     "unknown key `colour` in score_button"),
    ("footer:", "footnote:", "footnote:", "unknown key `footnote`"),
], ids=["bold phrase not in intro", "unknown placeholder", "unknown key", "renamed key"])
def test_a_malformed_baseline_file_names_file_and_line(write, old, new, at, message):
    text = BASELINE.read_text().replace(old, new, 1)
    path = write(text, "baseline-self-check.yaml")
    found = problems(load_baseline, path)
    assert any(p.startswith(f"{path}:{line_of(text, at)}: ") and message in p for p in found), found


def test_a_bold_phrase_may_be_broken_across_lines(write):
    text = BASELINE.read_text().replace("Scale–Short Form (Raes", "Scale–Short\n  Form (Raes")
    assert load_baseline(write(text, "baseline-self-check.yaml")).bold


@pytest.mark.parametrize("text, message", [("# nothing yet\n", "file is empty"),
                                           ("- a\n- b\n", "the file holds a list, not exercise wording")])
def test_an_empty_or_odd_file_gets_this_files_advice_not_a_checks_files(write, text, message):
    [problem] = problems(load_distressed_child, write(text))
    assert message in problem and "distressed-child.yaml as the course ships it" in problem
    assert "checks:" not in problem


def test_a_missing_file_says_where_it_was_looked_for(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ChecksError) as exc:
        find_module_file("exercises/distressed-child.yaml", "99-no-such-module")
    assert "not found in this notebook's folder" in str(exc.value) and "from_file(PATH)" in str(exc.value)


def test_the_notebooks_folder_comes_first_then_the_course_checkout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_module_file("exercises/distressed-child.yaml", "01-what-self-compassion-is") == CHILD
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "distressed-child.yaml").write_text("title: mine\n")
    assert find_module_file("exercises/distressed-child.yaml", "01-what-self-compassion-is").resolve() == \
        (tmp_path / "exercises" / "distressed-child.yaml").resolve()


def test_selfkind_check_checks_both_modules_wording_files(capsys):
    assert check([str(ROOT / "modules" / "00-orientation"), str(ROOT / "modules" / "01-what-self-compassion-is")]) == 0
    out = capsys.readouterr().out
    assert f"{BASELINE}: ok" in out and f"{CHILD}: ok" in out
    assert "2 of 2 exercise-wording files pass" in out and "scenario files pass" in out


def test_selfkind_check_fails_on_a_broken_wording_file_and_names_its_line(write, capsys):
    text = CHILD.read_text().replace("  - key: humanity", "  - key: compassion")
    path = write(text)
    module = path.parent.parent
    assert check([str(module)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:{line_of(text, '  - key: compassion')}: `components[2].key` is 'compassion'" in out
    assert "0 of 1 exercise-wording files pass" in out
    assert "scenario files pass" not in out  # nothing else in that folder to report
    assert check([str(path)]) == 1  # the file given by name is checked the same way
