"""solutions/03-compulsion-as-external-soothing/ matches module 03's assignment, its scenario and its soothing map.

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
from selfkind.grading import check_choice, check_rating, check_roleplay
from cohorts.submissions import model_answers

ROOT = Path(__file__).resolve().parents[2]
A = "03-compulsion-as-external-soothing"
SOURCE = ROOT / "course" / "source" / A
MODULE = ROOT / "modules" / A
SOLUTIONS = ROOT / "solutions" / A
NOTEBOOK = SOURCE / f"{A}-assignment.ipynb"


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


def test_the_assignment_holds_copies_of_one_of_the_modules_scenario_files():
    files = sorted((SOURCE / "scenarios").iterdir())
    assert [p.name for p in files] == ["one-more-spin.yaml"]
    for path in files:
        assert not path.is_symlink()  # a real copy: course/ is self-contained (make sync-scenarios)
        assert filecmp.cmp(path, MODULE / "scenarios" / path.name, shallow=False)


def test_the_reference_transcript_is_made_by_make_transcripts():
    spec = importlib.util.spec_from_file_location("make_transcripts", ROOT / "solutions" / "make_transcripts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    targets = [target for _a, _s, _p, target in module.reference_transcripts([A])]
    assert targets == [SOLUTIONS / "transcripts" / "one-more-spin.json"]
    assert sorted(p for p in (SOLUTIONS / "transcripts").iterdir() if not p.name.startswith(".")) == targets


def test_the_reference_answers_pass_every_hidden_test():
    answers = SOLUTIONS / "answers.json"
    steps = ["trigger", "behaviour", "relief", "cost", "shame", "next-round"]
    assert set(read_answers(answers)) == {"q1", "q2", "q3", "q4", "q5", *[f"map-{s}" for s in steps]}
    choices, ratings = hidden_calls("require_choice"), hidden_calls("require_rating")
    assert len(choices) == 11 and len(ratings) == 0
    for args, kw in choices:
        assert check_choice(*args, answers=answers, label=kw["label"]), args
    for args, kw in ratings:
        assert check_rating(*args, answers=answers, label=kw["label"]), args


def test_the_reference_play_passes_the_hidden_role_play_tests():
    calls = hidden_calls("require_roleplay")
    assert len(calls) == 2
    for (transcript, scenario), kw in calls:
        kw.pop("label")
        verdict = check_roleplay(SOLUTIONS / transcript, SOURCE / scenario, **kw)
        assert verdict, verdict.reason
    assert any(kw.get("forbidden_codes") == ("judge", "collude") and kw.get("min_share") for _a, kw in calls)


def test_the_source_notebooks_model_answers_are_those_in_solutions():
    cells = {grade_id: c.source for grade_id, c in source_cells().items() if c.metadata["nbgrader"]["solution"]}
    models = model_answers(SOLUTIONS)
    assert set(cells) == set(models) == {"free-1", "free-2", "free-3"}
    for cell_id, text in models.items():
        assert cells[cell_id] == f"### BEGIN SOLUTION\n{text}\n### END SOLUTION"


def test_the_points_add_up_to_16_autograded_and_12_by_hand():
    cells = source_cells().values()
    auto = sum(c.metadata["nbgrader"].get("points", 0) for c in cells if c.cell_type == "code")
    manual = sum(c.metadata["nbgrader"].get("points", 0) for c in cells if c.metadata["nbgrader"]["solution"])
    assert (auto, manual) == (16, 12)
    prompts = [c.source for c in cells if c.metadata["nbgrader"]["grade_id"].endswith("-prompt")]
    assert len(prompts) == 3
    assert all("### BEGIN MARK SCHEME" in p and "### END MARK SCHEME" in p for p in prompts)


def test_the_reference_transcript_is_a_selfkind_transcript_of_the_scenario():
    data = json.loads((SOLUTIONS / "transcripts" / "one-more-spin.json").read_text(encoding="utf-8"))
    assert data["format"] == "selfkind-transcript" and data["scenario"] == "one-more-spin"


def test_the_released_soothing_map_holds_no_answers_and_the_hidden_tests_name_its_steps():
    from selfkind.exercises.soothing_map import load_map

    data = load_map(SOURCE / "exercises" / "soothing-map-kofi.yaml")
    assert not data.marked and not any(o.feedback for s in data.steps for o in s.options)
    graded = {args[0]: args[1] for args, _kw in hidden_calls("require_choice") if args[0].startswith("map-")}
    assert graded == {f"map-{s.id}": graded[f"map-{s.id}"] for s in data.steps}
    for step in data.steps:
        assert step.option(graded[f"map-{step.id}"]) is not None, step.id
    widget = source_cells()["widget-map"].source
    assert 'answer_id="map"' in widget and "exercises/soothing-map-kofi.yaml" in widget


def test_the_graded_play_has_a_safety_critical_choice_that_fails_both_role_play_checks(tmp_path):
    from selfkind.engine import offered, start, step
    from selfkind.stores.transcripts import save_transcript
    from selfkind.authoring import load_scenario

    scenario = load_scenario(SOURCE / "scenarios" / "one-more-spin.yaml")
    play = start(scenario)
    while not play.finished:
        options = offered(scenario, play)
        critical = [cid for cid, c in options if c.critical]
        cid = critical[0] if critical and play.node == "better-off" else max(options, key=lambda o: o[1].score)[0]
        play, _ = step(scenario, play, cid)
    transcript = tmp_path / "one-more-spin.json"
    save_transcript(transcript, scenario, play)
    for (_transcript, scenario_file), kw in hidden_calls("require_roleplay"):
        kw.pop("label")
        verdict = check_roleplay(transcript, SOURCE / scenario_file, **kw)
        assert not verdict and "safety-critical" in verdict.reason


def _play_through(choice_at_asking):
    """Best choices everywhere, with the direct question at the risk cue, then `choice_at_asking`."""
    from selfkind.engine import offered, start, step
    from selfkind.authoring import load_scenario

    scenario = load_scenario(SOURCE / "scenarios" / "one-more-spin.yaml")
    play = start(scenario)
    while not play.finished:
        options = offered(scenario, play)
        if play.node == "asking":
            cid = choice_at_asking
        else:
            cid = max(options, key=lambda o: o[1].score)[0]
        play, _ = step(scenario, play, cid)
    assert choice_at_asking in [s.choice for s in play.steps]
    return scenario, play


@pytest.mark.parametrize("choice", ["asking/2", "asking/3"])
def test_the_gate_fails_a_play_that_stops_short_of_a_safety_plan_after_the_insurance_search(tmp_path, choice):
    """asking/2 (a no-harm promise) and asking/3 ("I'm glad you wouldn't act on it") follow
    Hannah's telling you she looked up whether her insurance pays out: both fail both checks."""
    from selfkind.engine import debrief
    from selfkind.stores.transcripts import save_transcript
    from selfkind.engine import debrief

    scenario, play = _play_through(choice)
    d = debrief(scenario, play)
    assert d.critical and d.ending == "risk-passed-over"
    assert not any(e.good for e in scenario.endings if e.id == d.ending)
    transcript = tmp_path / "one-more-spin.json"
    save_transcript(transcript, scenario, play)
    calls = hidden_calls("require_roleplay")
    assert len(calls) == 2
    for (_transcript, scenario_file), kw in calls:
        kw.pop("label")
        verdict = check_roleplay(transcript, SOURCE / scenario_file, **kw)
        assert not verdict and "safety-critical" in verdict.reason and "insurance" in verdict.reason


def test_the_risk_cue_item_is_graded_on_the_question_exploration_a_safety_plan_and_refer_and_stay():
    cells = source_cells()
    prompt, answer = cells["free-3-prompt"].source, cells["free-3"]
    assert answer.metadata["nbgrader"]["points"] == 4 and answer.metadata["nbgrader"]["solution"]
    scheme = prompt.split("### BEGIN MARK SCHEME", 1)[1].split("### END MARK SCHEME", 1)[0]
    for criterion in ["*The direct question.*", "explored now.*", "*A safety plan made with him.*", "*Refer and stay.*"]:
        assert criterion in scheme, criterion
    assert "promise not to act" in scheme and "earns 0" in scheme
    model = model_answers(SOLUTIONS)["free-3"]
    assert "ending your life" in model and "together" in model and "keep" in model
