"""solutions/06-extending-self-compassion/ matches module 06's assignment and its three sessions.

The reference transcripts chain: session 2's opens where session 1's reference play left Kit,
and session 3's where session 2's left them (solutions/make_transcripts.py).
"""

import ast
import filecmp
import importlib.util
import json
from pathlib import Path

import nbformat
import pytest

from selfkind.stores.answers import read_answers
from selfkind.grading import check_carried_opening, check_choice, check_roleplay
from cohorts.submissions import model_answers
from selfkind.engine import offered, start, step
from selfkind.stores.transcripts import save_transcript
from selfkind.authoring import load_scenario
from selfkind.engine.play import carried_over

ROOT = Path(__file__).resolve().parents[2]
A = "06-extending-self-compassion"
SOURCE = ROOT / "course" / "source" / A
MODULE = ROOT / "modules" / A
SOLUTIONS = ROOT / "solutions" / A
NOTEBOOK = SOURCE / f"{A}-assignment.ipynb"
SESSIONS = [f"kit-session-{n}" for n in (1, 2, 3)]


def source_cells():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}


def hidden_calls(name):
    found = []
    for grade_id, cell in source_cells().items():
        if grade_id.startswith("test-"):
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == name:
                    found.append(([ast.literal_eval(a) for a in node.args],
                                  {k.arg: ast.literal_eval(k.value) for k in node.keywords}))
    return found


def best(scenario, opening=None, pick=None):
    """The best choice everywhere, except where `pick(node)` names a choice id."""
    play = start(scenario, opening)
    while not play.finished:
        forced = pick(play.node) if pick else None
        cid = forced or max(offered(scenario, play), key=lambda o: o[1].score)[0]
        play, _ = step(scenario, play, cid)
    return play


def test_the_assignment_holds_copies_of_the_modules_scenario_files():
    files = sorted((SOURCE / "scenarios").iterdir())
    assert [p.name for p in files] == [f"{s}.yaml" for s in SESSIONS]
    for path in files:
        assert not path.is_symlink() and filecmp.cmp(path, MODULE / "scenarios" / path.name, shallow=False)


def test_the_reference_transcripts_are_made_by_make_transcripts_and_chain():
    spec = importlib.util.spec_from_file_location("make_transcripts", ROOT / "solutions" / "make_transcripts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made = list(module.reference_transcripts([A]))
    assert [t for *_x, t in made] == [SOLUTIONS / "transcripts" / f"{s}.json" for s in SESSIONS]
    assert made[0][2].opening is None
    for (_a, _s, before, _t), (_a2, scenario, after, _t2) in zip(made, made[1:]):
        assert after.opening == carried_over(scenario, before)
    for _a, scenario, play, target in made:
        saved = json.loads(target.read_text(encoding="utf-8"))["attempts"][0]
        assert saved["steps"] == [s.model_dump(mode="json") for s in play.steps] and saved["opening"] == play.opening


def test_the_reference_answers_pass_every_hidden_choice_test():
    answers = SOLUTIONS / "answers.json"
    assert set(read_answers(answers)) == {f"q{n}" for n in range(1, 8)}
    calls = hidden_calls("require_choice")
    assert len(calls) == 7
    for args, kw in calls:
        assert check_choice(*args, answers=answers, label=kw["label"]), args


def test_the_reference_plays_pass_every_hidden_role_play_and_opening_test():
    plays = hidden_calls("require_roleplay")
    assert len(plays) == 6
    assert sum(kw.get("forbidden_codes") == () for _a, kw in plays) == 3  # 'finished' forbids no code
    assert sum(bool(set(kw.get("forbidden_codes", ())) == {"judge", "collude"} and kw.get("min_share")) for _a, kw in plays) == 3
    for (transcript, scenario), kw in plays:
        kw.pop("label")
        verdict = check_roleplay(SOLUTIONS / transcript, SOURCE / scenario, **kw)
        assert verdict, verdict.reason
    openings = hidden_calls("require_carried_opening")
    assert len(openings) == 2
    for (t, s, pt, ps), _kw in openings:
        verdict = check_carried_opening(SOLUTIONS / t, SOURCE / s, SOLUTIONS / pt, SOURCE / ps)
        assert verdict, verdict.reason


def _chain(tmp_path, pick=None, edit=None):
    """Play the three sessions in order (best choices unless `pick`), saving each transcript."""
    plays, before = [], None
    for name in SESSIONS:
        scenario = load_scenario(SOURCE / "scenarios" / f"{name}.yaml")
        opening = carried_over(scenario, before) if before is not None else None
        if edit and name in edit:
            opening = edit[name]
        before = best(scenario, opening, pick)
        save_transcript(tmp_path / f"{name}.json", scenario, before)
        plays.append(before)
    return plays


@pytest.mark.parametrize("node,choice,session", [("meds", "meds/2", 1), ("meds", "meds/3", 1),
                                                 ("kindness", "kindness/3", 1),
                                                 ("burden", "burden/3", 2), ("risk", "risk/2", 2),
                                                 ("safety-review", "safety-review/2", 3),
                                                 ("boundary", "boundary/2", 3)])
def test_a_safety_critical_choice_fails_both_checks_of_its_session(tmp_path, node, choice, session):
    _chain(tmp_path, pick=lambda at: choice if at == node else None)
    name = f"kit-session-{session}"
    for (transcript, scenario), kw in hidden_calls("require_roleplay"):
        if name not in transcript:
            continue
        kw.pop("label")
        verdict = check_roleplay(tmp_path / f"{name}.json", SOURCE / scenario, **kw)
        assert not verdict and "safety-critical" in verdict.reason


@pytest.mark.parametrize("picks,session", [({"meds": "meds/3"}, 1),
                                           ({"risk": "risk/3", "risk-repair": "risk-repair/2"}, 2)])
def test_passing_over_a_risk_fails_the_quality_gate_and_reaches_no_good_ending(tmp_path, picks, session):
    """Clinical review: S1 meds/3 (changing the subject after the codeine and pregabalin disclosure) and
    S2 risk/3 then risk-repair/2 (a GP call announced, then insisted on) leave a risk unassessed."""
    plays = _chain(tmp_path, pick=picks.get)
    name = f"kit-session-{session}"
    scenario = load_scenario(SOURCE / "scenarios" / f"{name}.yaml")
    good = {e.id for e in scenario.endings if e.good}
    assert plays[session - 1].ending not in good
    gates = [(t, s, kw) for (t, s), kw in hidden_calls("require_roleplay") if name in t]
    assert gates
    for _transcript, scenario_file, kw in gates:
        kw.pop("label")
        verdict = check_roleplay(tmp_path / f"{name}.json", SOURCE / scenario_file, **kw)
        assert not verdict and "safety-critical" in verdict.reason


def test_an_edited_opening_is_caught_and_named(tmp_path):
    _chain(tmp_path, edit={"kit-session-2": {"trust": 10, "shame": 0, "agency": 10, "safety_plan": 0, "pressure": 0}})
    verdict = check_carried_opening(tmp_path / "kit-session-2.json", SOURCE / "scenarios" / "kit-session-2.yaml",
                                    tmp_path / "kit-session-1.json", SOURCE / "scenarios" / "kit-session-1.yaml")
    assert not verdict and "shame 0 (expected 1)" in verdict.reason
    assert check_roleplay(tmp_path / "kit-session-2.json", SOURCE / "scenarios" / "kit-session-2.yaml", min_share=0.6)


def test_a_session_played_on_its_own_is_caught(tmp_path):
    _chain(tmp_path)
    scenario = load_scenario(SOURCE / "scenarios" / "kit-session-3.yaml")
    (tmp_path / "kit-session-3.json").unlink()
    save_transcript(tmp_path / "kit-session-3.json", scenario, best(scenario))
    verdict = check_carried_opening(tmp_path / "kit-session-3.json", SOURCE / "scenarios" / "kit-session-3.yaml",
                                    tmp_path / "kit-session-2.json", SOURCE / "scenarios" / "kit-session-2.yaml")
    assert not verdict and "did not open from the session before" in verdict.reason


def test_the_first_finished_attempt_of_the_session_before_sets_the_opening(tmp_path):
    from selfkind.engine.transcript import to_json
    from selfkind.stores.transcripts import TranscriptStore

    s1 = load_scenario(SOURCE / "scenarios" / "kit-session-1.yaml")
    s2 = load_scenario(SOURCE / "scenarios" / "kit-session-2.yaml")
    judged = best(s1, pick=lambda at: "since-spring/2" if at == "since-spring" else None)
    better = best(s1)
    assert judged.state != better.state
    store = TranscriptStore(tmp_path / "kit-session-1.json", s1)
    with store.editing():
        store.write(to_json(s1, [judged, better]))  # attempt 1 judged, attempt 2 better
    save_transcript(tmp_path / "kit-session-2.json", s2, best(s2, carried_over(s2, better)))
    args = (tmp_path / "kit-session-2.json", SOURCE / "scenarios" / "kit-session-2.yaml",
            tmp_path / "kit-session-1.json", SOURCE / "scenarios" / "kit-session-1.yaml")
    assert not check_carried_opening(*args)  # opened from the later attempt: not the graded one
    (tmp_path / "kit-session-2.json").unlink()
    save_transcript(tmp_path / "kit-session-2.json", s2, best(s2, carried_over(s2, judged)))
    assert check_carried_opening(*args)


def test_missing_or_damaged_files_give_reasons_not_errors(tmp_path):
    (tmp_path / "kit-session-1.json").write_text("{not json", encoding="utf-8")
    verdict = check_carried_opening(tmp_path / "kit-session-2.json", SOURCE / "scenarios" / "kit-session-2.yaml",
                                    tmp_path / "kit-session-1.json", SOURCE / "scenarios" / "kit-session-1.yaml")
    assert not verdict and verdict.reason
    _chain(tmp_path)
    wrong = check_carried_opening(tmp_path / "kit-session-3.json", SOURCE / "scenarios" / "kit-session-3.yaml",
                                  tmp_path / "kit-session-1.json", SOURCE / "scenarios" / "kit-session-1.yaml")
    assert not wrong and "do not continue one another" in wrong.reason


def test_the_source_notebooks_model_answers_are_those_in_solutions():
    cells = {gid: c.source for gid, c in source_cells().items() if c.metadata["nbgrader"]["solution"]}
    models = model_answers(SOLUTIONS)
    assert set(cells) == set(models) == {"free-1", "free-2"}
    for cell_id, text in models.items():
        assert cells[cell_id] == f"### BEGIN SOLUTION\n{text}\n### END SOLUTION"


def test_the_points_add_up_to_18_autograded_and_10_by_hand():
    cells = source_cells().values()
    auto = sum(c.metadata["nbgrader"].get("points", 0) for c in cells if c.cell_type == "code")
    manual = sum(c.metadata["nbgrader"].get("points", 0) for c in cells if c.metadata["nbgrader"]["solution"])
    assert (auto, manual) == (18, 10)
    prompts = [c.source for c in cells if c.metadata["nbgrader"]["grade_id"].endswith("-prompt")]
    assert len(prompts) == 2 and all("### BEGIN MARK SCHEME" in p and "### END MARK SCHEME" in p for p in prompts)
    intro = "\n".join(c.source for c in cells)
    assert "first finished attempt is graded" in intro
