"""solutions/04-self-criticism-and-sexual-performance/ matches module 04's assignment, its scenario and its loop.

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
from selfkind.exercises.loop import load_loop

ROOT = Path(__file__).resolve().parents[2]
A = "04-self-criticism-and-sexual-performance"
SOURCE = ROOT / "course" / "source" / A
MODULE = ROOT / "modules" / A
SOLUTIONS = ROOT / "solutions" / A
NOTEBOOK = SOURCE / f"{A}-assignment.ipynb"
SCENARIO = "it-used-to-just-work"
LOOP = SOURCE / "exercises" / "performance-loop-hamid.yaml"


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


def test_the_assignment_holds_copies_of_the_modules_scenario_file():
    files = sorted((SOURCE / "scenarios").iterdir())
    assert [p.name for p in files] == [f"{SCENARIO}.yaml"]
    for path in files:
        assert not path.is_symlink()  # a real copy: course/ is self-contained (make sync-scenarios)
        assert filecmp.cmp(path, MODULE / "scenarios" / path.name, shallow=False)


def test_the_reference_transcript_is_made_by_make_transcripts():
    spec = importlib.util.spec_from_file_location("make_transcripts", ROOT / "solutions" / "make_transcripts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    targets = [target for _a, _s, _p, target in module.reference_transcripts([A])]
    assert targets == [SOLUTIONS / "transcripts" / f"{SCENARIO}.json"]
    assert sorted(p for p in (SOLUTIONS / "transcripts").iterdir() if not p.name.startswith(".")) == targets


def test_the_reference_answers_pass_every_hidden_test():
    answers = SOLUTIONS / "answers.json"
    stages = [s.id for s in load_loop(LOOP).stages] + ["first-move"]
    assert set(read_answers(answers)) == {"q1", "q2", "q3", "q4", "q5", *[f"loop-{s}" for s in stages]}
    choices = hidden_calls("require_choice")
    assert len(choices) == 9
    for args, kw in choices:
        assert check_choice(*args, answers=answers, label=kw["label"]), args


def test_the_released_loop_holds_no_answers_and_the_hidden_tests_name_real_options():
    loop = load_loop(LOOP)
    assert loop.answers_hidden
    options = [o for s in loop.stages for o in s.options] + list(loop.first_move.options)
    assert not any(o.best or o.feedback or o.verdict for o in options)
    text = LOOP.read_text(encoding="utf-8")
    assert "best:" not in text and "feedback:" not in text
    graded = {args[0]: args[1] for args, _kw in hidden_calls("require_choice") if args[0].startswith("loop-")}
    assert set(graded) == {"loop-spectatoring", "loop-difficulty", "loop-harsher", "loop-first-move"}
    for answer_id, value in graded.items():
        key = answer_id.removeprefix("loop-")
        group = loop.first_move.options if key == "first-move" else loop.stage(key).options
        assert value in [o.id for o in group], answer_id
    widget = source_cells()["widget-loop"].source
    assert "exercises/performance-loop-hamid.yaml" in widget and 'answers="answers.json"' in widget
    assert "feedback=False" in widget


def test_the_reference_play_passes_the_hidden_role_play_tests():
    calls = hidden_calls("require_roleplay")
    assert len(calls) == 2
    for (transcript, scenario), kw in calls:
        kw.pop("label")
        verdict = check_roleplay(SOLUTIONS / transcript, SOURCE / scenario, **kw)
        assert verdict, verdict.reason
    assert any(set(kw.get("forbidden_codes", ())) == {"judge", "collude"} and kw.get("min_share") for _a, kw in calls)


def test_a_play_with_a_safety_critical_choice_fails_both_role_play_checks(tmp_path):
    from selfkind.engine import offered, start, step
    from selfkind.stores.transcripts import save_transcript
    from selfkind.authoring import load_scenario

    scenario = load_scenario(SOURCE / "scenarios" / f"{SCENARIO}.yaml")
    play = start(scenario)
    while not play.finished:
        options = offered(scenario, play)
        critical = [cid for cid, c in options if c.critical]
        cid = critical[0] if critical and play.node == "pills" else max(options, key=lambda o: o[1].score)[0]
        play, _ = step(scenario, play, cid)
    transcript = tmp_path / f"{SCENARIO}.json"
    save_transcript(transcript, scenario, play)
    for (_transcript, scenario_file), kw in hidden_calls("require_roleplay"):
        kw.pop("label")
        verdict = check_roleplay(transcript, SOURCE / scenario_file, **kw)
        assert not verdict and "safety-critical" in verdict.reason


def _play(scenario, forced):
    """The best-scored play, except at the nodes in `forced` ({node: choice id})."""
    from selfkind.engine import offered, start, step

    play = start(scenario)
    while not play.finished:
        choice = forced.get(play.node) or max(offered(scenario, play), key=lambda item: item[1].score)[0]
        play, _turn = step(scenario, play, choice)
    return play


@pytest.mark.parametrize("forced, words", [
    # "No, probably not. Let's get back to the worrying.", after he lists his heart risk factors
    ({"risk": "risk/2"}, "warning signs of heart disease"),
    # "Well, it's your decision. Let's focus on the worry side of things.", to his plan to order pills
    ({"pills": "pills/3", "meaning": "meaning/2"}, "bought online unaddressed"),
], ids=["risk-2", "meaning-2"])
def test_passing_over_the_heart_warning_signs_or_the_pills_plan_fails_the_gate_and_never_ends_well(tmp_path, forced, words):
    from selfkind.engine import debrief
    from selfkind.stores.transcripts import save_transcript
    from selfkind.authoring import load_scenario
    from selfkind.engine import debrief
    from selfkind.engine.routes import routes

    scenario = load_scenario(SOURCE / "scenarios" / f"{SCENARIO}.yaml")
    good = {e.id for e in scenario.endings if e.good}
    [choice] = [c for c in forced.values() if c.startswith(("risk/", "meaning/"))]
    # the best play in every other turn, with the choice under test
    play = _play(scenario, forced)
    d = debrief(scenario, play)
    assert choice in [s.choice for s in play.steps] and d.critical and d.ending not in good
    assert d.share >= 0.6  # a high share alone would have passed the gate
    transcript = tmp_path / f"{SCENARIO}.json"
    save_transcript(transcript, scenario, play)
    calls = hidden_calls("require_roleplay")
    assert len(calls) == 2  # finished, and quality: the play fails both
    for (_transcript, scenario_file), kw in calls:
        kw.pop("label")
        verdict = check_roleplay(transcript, SOURCE / scenario_file, **kw)
        assert not verdict and "safety-critical" in verdict.reason and words in verdict.reason, verdict
    # and on no route at all does a play through it reach a good ending
    through = 0
    for route in routes(scenario):
        if choice in {s.choice for s in route.steps}:
            through += 1
            assert route.ending not in good, [s.choice for s in route.steps]
    assert through


def test_the_finished_check_forbids_no_codes_and_part_c_says_the_first_finished_play_is_graded():
    finished = [kw for _args, kw in hidden_calls("require_roleplay") if kw["label"] == "Role-play (finished)"]
    assert len(finished) == 1 and finished[0]["forbidden_codes"] == () and "attempt" not in finished[0]
    part_c = " ".join(source_cells()["part-c"].source.split())
    assert "the play graded is the first one you finish" in part_c and "finish last" not in part_c
    notes = [c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if "instructor" in c.metadata.get("tags", [])]
    assert len(notes) == 1 and "first finished attempt" in " ".join(notes[0].split())


def test_the_source_notebooks_model_answers_are_those_in_solutions():
    cells = {grade_id: c.source for grade_id, c in source_cells().items() if c.metadata["nbgrader"]["solution"]}
    models = model_answers(SOLUTIONS)
    assert set(cells) == set(models) == {"free-1", "free-2"}
    for cell_id, text in models.items():
        assert cells[cell_id] == f"### BEGIN SOLUTION\n{text}\n### END SOLUTION"


def test_the_points_add_up_to_14_autograded_and_8_by_hand():
    cells = source_cells().values()
    auto = sum(c.metadata["nbgrader"].get("points", 0) for c in cells if c.cell_type == "code")
    manual = sum(c.metadata["nbgrader"].get("points", 0) for c in cells if c.metadata["nbgrader"]["solution"])
    assert (auto, manual) == (14, 8)
    prompts = [c.source for c in cells if c.metadata["nbgrader"]["grade_id"].endswith("-prompt")]
    assert len(prompts) == 2
    assert all("### BEGIN MARK SCHEME" in p and "### END MARK SCHEME" in p for p in prompts)


def test_the_reference_transcript_is_a_selfkind_transcript_of_the_scenario():
    data = json.loads((SOLUTIONS / "transcripts" / f"{SCENARIO}.json").read_text(encoding="utf-8"))
    assert data["format"] == "selfkind-transcript" and data["scenario"] == SCENARIO
