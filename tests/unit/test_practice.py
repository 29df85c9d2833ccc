"""Guided practices: the loader and `selfkind check` on practices/*.yaml (FILE:LINE problems)."""

from pathlib import Path

import pytest

from selfkind.cli import check
from selfkind.exercises.practice import load_practice
from selfkind.exercises.quickcheck import ChecksError

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "modules" / "05-tools-to-self-soothe"
PRACTICES = sorted((MODULE / "practices").glob("*.yaml"))

GOOD = """id: tiny
title: "Tiny"
kind: somatic
duration: 1
consent: "About a minute, eyes open; stop at any time."
steps:
  - text: "Feel the chair."
    seconds: 30
  - text: "Look around."
    seconds: 30
grounding:
  - "Name three things you can see."
check_in:
  - id: how
    question: "How was it?"
    options: ["Fine", "Hard"]
    support_if: ["Hard"]
support: "If it was hard, ground yourself and talk to someone."
"""


@pytest.fixture
def write(tmp_path):
    folder = tmp_path / "practices"
    folder.mkdir()

    def write(text, name="tiny.yaml"):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


def problems(path):
    with pytest.raises(ChecksError) as exc:
        load_practice(path)
    return [str(p) for p in exc.value.problems]


def test_the_course_has_the_three_practices_the_module_needs_and_all_load():
    kinds = {load_practice(p).kind for p in PRACTICES}
    assert {"visualisation", "somatic", "self-compassion"} <= kinds
    assert {p.stem for p in PRACTICES} >= {"internal-vacation", "feet-on-the-floor", "a-kind-pause"}
    for path in PRACTICES:
        practice = load_practice(path)
        assert "stop" in practice.consent.lower() and practice.grounding and practice.adaptations


def test_a_good_file_loads(write):
    practice = load_practice(write(GOOD))
    assert practice.total_seconds == 60 and practice.check_in[0].options == ["Fine", "Hard"]


@pytest.mark.parametrize("change, line, message", [
    (("kind: somatic", "kind: breathing"), 3, "`kind` is 'breathing'"),
    (("    seconds: 30\n  - text: \"Look", "    seconds: 2\n  - text: \"Look"), 8, "`steps[1].seconds` is 2"),
    (("    seconds: 30\ngrounding", "    secs: 30\ngrounding"), 10, "unknown key `secs`"),
    (("consent: \"About a minute, eyes open; stop at any time.\"\n", ""), 1, "`consent` is missing"),
    (("duration: 1", "duration: 9"), 4, "`duration` says 9 minutes but the steps add up to 1 min 0 s"),
    (("support_if: [\"Hard\"]", "support_if: [\"Awful\"]"), 17, "support_if names 'Awful'"),
    (("id: tiny", "id: small"), 1, "differs from the file name"),
    (("duration: 1", "duration: \"one\""), 4, "`duration` should be a whole number"),
])
def test_a_bad_file_is_reported_as_file_line_and_what_to_do(write, change, line, message):
    path = write(GOOD.replace(*change))
    found = problems(path)
    assert any(p.startswith(f"{path}:{line}: ") and message in p for p in found), found
    assert all("; " in p for p in found)  # every problem says what to do


def test_support_if_without_support_text_and_duplicate_question_ids(write):
    text = GOOD.replace('support: "If it was hard, ground yourself and talk to someone."\n', "")
    text = text.replace("    support_if: [\"Hard\"]\n", "    support_if: [\"Hard\"]\n  - id: how\n    question: \"Again?\"\n")
    found = problems(write(text))
    assert any("no `support:` text" in p for p in found) and any("'how' is used twice" in p for p in found)


@pytest.mark.parametrize("text, message", [("", "file is empty"), ("- a\n- b\n", "not quick checks"),
                                            ("id: [\n", "YAML does not parse")])
def test_garbage_is_refused_with_a_reason(write, text, message):
    assert any(message in p for p in problems(write(text)))


def test_selfkind_check_checks_a_modules_practices_beside_its_scenarios(capsys):
    assert check([str(MODULE)]) == 0
    out = capsys.readouterr().out
    assert f"{len(PRACTICES)} of {len(PRACTICES)} practice files pass" in out
    assert "scenario files pass" in out and "warning" not in out


def test_selfkind_check_fails_on_a_bad_practice_and_names_its_line(write, capsys):
    path = write(GOOD.replace("kind: somatic", "kind: breathing"))
    assert check([str(path.parent)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:3: `kind` is 'breathing'" in out and "0 of 1 practice files pass" in out
    assert "scenario files pass" not in out  # a folder of practices only has no scenarios to report
    assert check([str(path)]) == 1


def test_the_way_out_of_every_practice_does_not_depend_on_sight():
    # After clinical review: grounding that asks a trainee to name things offers sound and touch too,
    # and every practice that leans on looking says how to do it by sound or touch instead.
    for path in PRACTICES:
        practice = load_practice(path)
        naming = [line for line in practice.grounding if "three things" in line.lower()]
        assert all("hear" in line and "touch" in line for line in naming), (path.name, naming)
        assert not [line for line in practice.grounding if "eyes on" in line.lower()], path.name
    adaptations = {p.stem: " ".join(load_practice(p).adaptations) for p in PRACTICES}
    assert "by sound or touch" in adaptations["feet-on-the-floor"]
    assert "sounds, temperatures, textures or smells" in adaptations["internal-vacation"]


def test_a_kind_pause_names_the_difficulty_in_plain_words():
    practice = load_practice(MODULE / "practices" / "a-kind-pause.yaml")
    steps = " ".join(step.text for step in practice.steps)
    assert "That stings" in steps and "Ouch" not in steps
