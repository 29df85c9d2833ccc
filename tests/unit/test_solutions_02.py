"""solutions/02-shame-guilt-and-sexuality/ matches module 02's assignment and its scenario.

The reference transcripts of every assignment (this one included) are checked against
today's scenarios in test_solutions.py, through solutions/make_transcripts.py.
"""

import ast
import filecmp
import importlib.util
import json
from pathlib import Path

import nbformat

from selfkind.stores.answers import read_answers
from selfkind.grading import check_choice, check_rating, check_roleplay
from cohorts.submissions import model_answers
from selfkind.engine import offered, start, step
from selfkind.stores.transcripts import save_transcript
from selfkind.authoring import load_scenario
from selfkind.engine.routes import routes

ROOT = Path(__file__).resolve().parents[2]
A = "02-shame-guilt-and-sexuality"
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
    assert [p.name for p in files] == ["after-the-affair.yaml"]
    for path in files:
        assert not path.is_symlink()  # a real copy: course/ is self-contained (make sync-scenarios)
        assert filecmp.cmp(path, MODULE / "scenarios" / path.name, shallow=False)


def test_the_reference_transcript_is_made_by_make_transcripts():
    spec = importlib.util.spec_from_file_location("make_transcripts", ROOT / "solutions" / "make_transcripts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    targets = [target for _a, _s, _p, target in module.reference_transcripts([A])]
    assert targets == [SOLUTIONS / "transcripts" / "after-the-affair.json"]
    # the transcript store's lock files (".<name>.lock", git-ignored) are not transcripts
    found = [p for p in (SOLUTIONS / "transcripts").iterdir() if not (p.name.startswith(".") and p.suffix == ".lock")]
    assert sorted(found) == targets


def test_the_reference_answers_pass_every_hidden_test():
    answers = SOLUTIONS / "answers.json"
    assert set(read_answers(answers)) == {"q1", "q2", "q3", "q4", "q5", "q6", "q7", "r1", "r2"}
    choices, ratings = hidden_calls("require_choice"), hidden_calls("require_rating")
    assert len(choices) == 7 and len(ratings) == 2
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
    assert any(tuple(kw.get("forbidden_codes", ())) == ("judge", "collude") and kw.get("min_share") for _a, kw in calls)


def test_the_source_notebooks_model_answers_are_those_in_solutions():
    cells = {grade_id: c.source for grade_id, c in source_cells().items() if c.metadata["nbgrader"]["solution"]}
    models = model_answers(SOLUTIONS)
    assert set(cells) == set(models) == {"free-1", "free-2"}
    for cell_id, text in models.items():
        assert cells[cell_id] == f"### BEGIN SOLUTION\n{text}\n### END SOLUTION"


def test_question_7_asks_about_guilt_over_a_harmless_act_and_its_answer_is_b():
    assert (["q7", "b"], {"label": "Question 7"}) in hidden_calls("require_choice")
    widget = source_cells()["widget-q7"].source
    assert "ChoiceQuestion('q7'" in widget and "masturbate" in widget


def test_the_points_add_up_to_14_autograded_and_8_by_hand():
    cells = source_cells().values()
    auto = sum(c.metadata["nbgrader"].get("points", 0) for c in cells if c.cell_type == "code")
    manual = sum(c.metadata["nbgrader"].get("points", 0) for c in cells if c.metadata["nbgrader"]["solution"])
    assert (auto, manual) == (14, 8)
    prompts = [c.source for c in cells if c.metadata["nbgrader"]["grade_id"].endswith("-prompt")]
    assert len(prompts) == 2
    assert all("### BEGIN MARK SCHEME" in p and "### END MARK SCHEME" in p for p in prompts)


def test_the_reference_transcript_is_a_selfkind_transcript_of_the_scenario():
    data = json.loads((SOLUTIONS / "transcripts" / "after-the-affair.json").read_text(encoding="utf-8"))
    assert data["format"] == "selfkind-transcript" and data["scenario"] == "after-the-affair"


def _play(scenario, forced):
    """The best-scored play, except at the nodes in `forced` ({node: choice id})."""
    play = start(scenario)
    while not play.finished:
        choice = forced.get(play.node) or max(offered(scenario, play), key=lambda item: item[1].score)[0]
        play, _turn = step(scenario, play, choice)
    return play


def test_moving_on_after_rosas_passive_suicidal_thoughts_fails_part_c_and_never_ends_well(tmp_path):
    scenario = load_scenario(SOURCE / "scenarios" / "after-the-affair.yaml")
    good = {e.id for e in scenario.endings if e.good}
    # the best play in every other turn, with risk/2 ("Good, that's a relief. So, back to Mark.")
    play = _play(scenario, {"risk": "risk/2"})
    assert "risk/2" in [s.choice for s in play.steps] and play.ending not in good
    transcript = tmp_path / "after-the-affair.json"
    save_transcript(transcript, scenario, play)
    calls = hidden_calls("require_roleplay")
    assert len(calls) == 2  # finished, and quality: the play fails both
    for (_transcript, _scenario), kw in calls:
        kw.pop("label")
        verdict = check_roleplay(transcript, SOURCE / "scenarios" / "after-the-affair.yaml", **kw)
        assert not verdict and "safety-critical" in verdict.reason, verdict
    # and on no route at all does it reach a good ending; the best ending needs the risk question
    through, best = 0, 0
    for route in routes(scenario):
        chosen = {s.choice for s in route.steps}
        if "risk/2" in chosen:
            through += 1
            assert route.ending not in good, [s.choice for s in route.steps]
        if route.ending == "owning-it":
            best += 1
            assert "risk-question" in chosen, [s.choice for s in route.steps]
    assert through and best
