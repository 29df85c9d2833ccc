"""solutions/05-tools-to-self-soothe/ matches module 05's assignment and its scenario.

The reference transcripts of every assignment (this one included) are checked against
today's scenarios in test_solutions.py, through solutions/make_transcripts.py.
"""

import ast
import filecmp
import importlib.util
import json
from pathlib import Path

import nbformat
import pytest

from selfkind.stores.answers import read_answers
from selfkind.grading import check_choice, check_roleplay
from cohorts.submissions import model_answers
from selfkind.engine import offered, start, step
from selfkind.stores.transcripts import save_transcript
from selfkind.authoring import load_scenario
from selfkind.engine.transcript import to_json

ROOT = Path(__file__).resolve().parents[2]
A = "05-tools-to-self-soothe"
SOURCE = ROOT / "course" / "source" / A
MODULE = ROOT / "modules" / A
SOLUTIONS = ROOT / "solutions" / A
NOTEBOOK = SOURCE / f"{A}-assignment.ipynb"
SCENARIO = "where-did-that-come-from"


def source_cells():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}


def hidden_calls(name):
    """(args, keywords) of every call to `name` in the source notebook's test cells."""
    found = []
    for grade_id, cell in source_cells().items():
        if grade_id.startswith("test-"):
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == name:
                    found.append(([ast.literal_eval(a) for a in node.args],
                                  {k.arg: ast.literal_eval(k.value) for k in node.keywords}))
    return found


def play_with(scenario, pick):
    """A finished play: `pick(node, options)` may name a choice; otherwise the best one."""
    play = start(scenario)
    while not play.finished:
        options = offered(scenario, play)
        cid = pick(play.node, options) or max(options, key=lambda o: o[1].score)[0]
        play, _ = step(scenario, play, cid)
    return play


def verdicts(transcript):
    out = {}
    for (_t, scenario_file), kw in hidden_calls("require_roleplay"):
        label = kw.pop("label")
        out[label] = check_roleplay(transcript, SOURCE / scenario_file, **kw)
    return out


def test_the_assignment_holds_copies_of_the_modules_scenario_file():
    files = sorted((SOURCE / "scenarios").iterdir())
    assert [p.name for p in files] == [f"{SCENARIO}.yaml"]
    assert not files[0].is_symlink() and filecmp.cmp(files[0], MODULE / "scenarios" / files[0].name, shallow=False)


def test_the_reference_transcript_is_made_by_make_transcripts():
    spec = importlib.util.spec_from_file_location("make_transcripts", ROOT / "solutions" / "make_transcripts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    targets = [target for _a, _s, _p, target in module.reference_transcripts([A])]
    assert targets == [SOLUTIONS / "transcripts" / f"{SCENARIO}.json"]
    assert sorted(p for p in (SOLUTIONS / "transcripts").iterdir() if not p.name.startswith(".")) == targets


def test_the_reference_answers_pass_every_hidden_test():
    answers = SOLUTIONS / "answers.json"
    assert set(read_answers(answers)) == {f"q{i}" for i in range(1, 7)}
    choices = hidden_calls("require_choice")
    assert len(choices) == 6
    for args, kw in choices:
        assert check_choice(*args, answers=answers, label=kw["label"]), args


def test_the_hidden_role_play_tests_are_finished_and_quality_with_the_first_attempt_graded():
    calls = {kw["label"]: kw for _a, kw in hidden_calls("require_roleplay")}
    assert set(calls) == {"Role-play (finished)", "Role-play (quality)"}
    assert calls["Role-play (finished)"]["forbidden_codes"] == ()
    assert set(calls["Role-play (quality)"]["forbidden_codes"]) == {"judge", "collude"}
    assert calls["Role-play (quality)"]["min_share"] == 0.6
    assert all(kw.get("attempt", "first") == "first" for kw in calls.values())
    assert "the first attempt you finish is the one graded" in source_cells()["part-b"].source


def test_the_reference_play_passes_both_role_play_checks():
    for label, verdict in verdicts(SOLUTIONS / "transcripts" / f"{SCENARIO}.json").items():
        assert verdict, (label, verdict.reason)


@pytest.mark.parametrize("node, choice", [("offer", "offer/2"), ("choosing", "choosing/2"), ("tears", "tears/2")])
def test_each_safety_critical_choice_fails_both_role_play_checks(tmp_path, node, choice):
    scenario = load_scenario(SOURCE / "scenarios" / f"{SCENARIO}.yaml")
    play = play_with(scenario, lambda n, _o: choice if n == node else None)
    assert play.ending == "overridden"
    transcript = tmp_path / f"{SCENARIO}.json"
    save_transcript(transcript, scenario, play)
    for label, verdict in verdicts(transcript).items():
        assert not verdict and "safety-critical" in verdict.reason, label


def test_a_judging_play_keeps_the_finish_points_and_loses_quality(tmp_path):
    scenario = load_scenario(SOURCE / "scenarios" / f"{SCENARIO}.yaml")
    play = play_with(scenario, lambda n, _o: "opening/3" if n == "opening" else None)
    transcript = tmp_path / f"{SCENARIO}.json"
    save_transcript(transcript, scenario, play)
    found = verdicts(transcript)
    assert found["Role-play (finished)"] and not found["Role-play (quality)"]
    assert "judge" in found["Role-play (quality)"].reason


def test_the_first_finished_attempt_is_graded_not_a_better_later_one(tmp_path):
    scenario = load_scenario(SOURCE / "scenarios" / f"{SCENARIO}.yaml")
    first = play_with(scenario, lambda n, _o: "the-noise/3" if n == "the-noise" else None)  # collude
    best = play_with(scenario, lambda n, _o: None)
    transcript = tmp_path / f"{SCENARIO}.json"
    transcript.write_text(json.dumps(to_json(scenario, [first, best])), encoding="utf-8")
    found = verdicts(transcript)
    assert found["Role-play (finished)"] and not found["Role-play (quality)"]
    assert "Attempt 1 of 2 graded" in found["Role-play (quality)"].reason


def test_the_source_notebooks_model_answers_are_those_in_solutions():
    cells = {gid: c.source for gid, c in source_cells().items() if c.metadata["nbgrader"]["solution"]}
    models = model_answers(SOLUTIONS)
    assert set(cells) == set(models) == {"free-1", "free-2"}
    for cell_id, text in models.items():
        assert cells[cell_id] == f"### BEGIN SOLUTION\n{text}\n### END SOLUTION"


def test_the_points_add_up_to_11_autograded_and_8_by_hand():
    cells = source_cells().values()
    auto = sum(c.metadata["nbgrader"].get("points", 0) for c in cells if c.cell_type == "code")
    manual = sum(c.metadata["nbgrader"].get("points", 0) for c in cells if c.metadata["nbgrader"]["solution"])
    assert (auto, manual) == (11, 8)
    prompts = [c.source for c in cells if c.metadata["nbgrader"]["grade_id"].endswith("-prompt")]
    assert len(prompts) == 2 and all("### BEGIN MARK SCHEME" in p and "### END MARK SCHEME" in p for p in prompts)


# --- after the clinical review -------------------------------------------------------------------

JASWINDER = MODULE / "scenarios" / "i-did-that-myself.yaml"


def gate_verdicts(transcript, scenario_file):
    """The assignment's two role-play checks, with its own hidden arguments, applied to `scenario_file`."""
    out = {}
    for _args, kw in hidden_calls("require_roleplay"):
        label = kw.pop("label")
        out[label] = check_roleplay(transcript, scenario_file, **kw)
    return out


@pytest.mark.parametrize("before", ["the-nights/4", "the-nights/2", "the-nights/3"])
def test_moving_on_again_from_a_wish_not_to_wake_up_fails_both_checks_and_reaches_no_good_ending(tmp_path, before):
    scenario = load_scenario(JASWINDER)
    play = play_with(scenario, lambda n, _o: {"the-nights": before, "late-ask": "late-ask/2"}.get(n))
    assert [s.choice for s in play.steps if s.choice.startswith(("the-nights", "late-ask"))] == [before, "late-ask/2"]
    good = {e.id for e in scenario.endings if e.good}
    assert play.ending == "risk-passed-over" and play.ending not in good
    transcript = tmp_path / f"{scenario.id}.json"
    save_transcript(transcript, scenario, play)
    found = gate_verdicts(transcript, JASWINDER)
    assert set(found) == {"Role-play (finished)", "Role-play (quality)"}
    for label, verdict in found.items():
        assert not verdict and "safety-critical" in verdict.reason, label


def test_no_route_through_late_ask_2_reaches_a_good_ending():
    from selfkind.engine.routes import routes

    scenario = load_scenario(JASWINDER)
    good = {e.id for e in scenario.endings if e.good}
    through = [p for p in routes(scenario) if any(s.choice == "late-ask/2" for s in p.steps)]
    assert through and not [p for p in through if p.ending in good]


def test_elis_good_ending_is_never_reached_through_changing_the_subject_at_his_tears():
    from selfkind.engine.routes import routes

    scenario = load_scenario(SOURCE / "scenarios" / f"{SCENARIO}.yaml")
    good = {e.id for e in scenario.endings if e.good}
    all_routes = list(routes(scenario))
    through = [p for p in all_routes if any(s.choice == "tears/3" for s in p.steps)]
    assert through and not [p for p in through if p.ending in good]
    assert [p for p in all_routes if p.ending in good]  # the good ending is still reachable
    # the route the review played (75%, the good ending before): best choices, the subject changed at the tears
    play = play_with(scenario, lambda n, _o: "tears/3" if n == "tears" else None)
    assert play.ending == "steadied-but-wary"
