"""What holds for every assignment 02-06 and its model answers in solutions/, checked once per
assignment with that assignment's own expected values. What is particular to one module is in
its test_solutions_0N.py; module 01 is checked in test_solutions.py.
"""

import filecmp
import json
from collections import Counter
from dataclasses import dataclass

import pytest

from cohorts.submissions import model_answers
from selfkind.grading import check_choice, check_rating, check_roleplay
from selfkind.stores.answers import read_answers
from selfkind.stores.transcripts import save_transcript
from solutions_support import Assignment, best_play, critical_at, make_transcripts

QUESTIONS = [f"q{n}" for n in range(1, 8)]
SOOTHING_MAP = ["trigger", "behaviour", "relief", "cost", "shame", "next-round"]
# the performance loop's stages (test_solutions_04.py checks they are the loop's) and its first move
LOOP = ["standard", "anxiety", "spectatoring", "difficulty", "rumination", "harsher", "first-move"]


@dataclass(frozen=True)
class Expected:
    assignment: Assignment
    scenarios: list  # the module's scenario files it copies, in order, each with a reference transcript of that name
    answers: set  # the answer ids in solutions/<assignment>/answers.json
    choices: int  # hidden require_choice calls
    ratings: int  # hidden require_rating calls
    free_answers: set  # the hand-marked answers' grade ids
    points: tuple  # (autograded, by hand)


EXPECTED = [
    Expected(Assignment("02-shame-guilt-and-sexuality"), ["after-the-affair"],
             {*QUESTIONS, "r1", "r2"}, choices=7, ratings=2, free_answers={"free-1", "free-2"}, points=(14, 8)),
    Expected(Assignment("03-compulsion-as-external-soothing"), ["one-more-spin"],
             {*QUESTIONS[:5], *[f"map-{s}" for s in SOOTHING_MAP]}, choices=11, ratings=0,
             free_answers={"free-1", "free-2", "free-3"}, points=(16, 12)),
    Expected(Assignment("04-self-criticism-and-sexual-performance"), ["it-used-to-just-work"],
             {*QUESTIONS[:5], *[f"loop-{s}" for s in LOOP]}, choices=9, ratings=0,
             free_answers={"free-1", "free-2"}, points=(14, 8)),
    Expected(Assignment("05-tools-to-self-soothe"), ["where-did-that-come-from"],
             set(QUESTIONS[:6]), choices=6, ratings=0, free_answers={"free-1", "free-2"}, points=(11, 8)),
    Expected(Assignment("06-extending-self-compassion"), [f"kit-session-{n}" for n in (1, 2, 3)],
             set(QUESTIONS), choices=7, ratings=0, free_answers={"free-1", "free-2"}, points=(18, 10)),
]
BY_NAME = {e.assignment.name: e for e in EXPECTED}
each_assignment = pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e.assignment.name)


@each_assignment
def test_the_assignment_holds_real_copies_of_the_module_scenario_files_it_uses(expected):
    a = expected.assignment
    files = sorted((a.source / "scenarios").iterdir())
    assert [p.name for p in files] == [f"{s}.yaml" for s in expected.scenarios]
    for path in files:
        assert not path.is_symlink()  # a real copy: course/ is self-contained (make sync-scenarios)
        assert filecmp.cmp(path, a.module / "scenarios" / path.name, shallow=False), f"{path.name} differs from the module's"


@each_assignment
def test_the_reference_transcripts_are_made_by_make_transcripts_and_nothing_else_is_there(expected):
    a = expected.assignment
    targets = [target for _a, _s, _p, target in make_transcripts().reference_transcripts([a.name])]
    assert targets == [a.solutions / "transcripts" / f"{s}.json" for s in expected.scenarios]
    # the transcript store's lock files (".<name>.lock", git-ignored) are not transcripts
    found = [p for p in (a.solutions / "transcripts").iterdir() if not (p.name.startswith(".") and p.suffix == ".lock")]
    assert sorted(found) == targets


@each_assignment
def test_each_reference_transcript_is_a_selfkind_transcript_of_its_scenario(expected):
    for name in expected.scenarios:
        data = json.loads((expected.assignment.solutions / "transcripts" / f"{name}.json").read_text(encoding="utf-8"))
        assert data["format"] == "selfkind-transcript" and data["scenario"] == name


@each_assignment
def test_the_reference_answers_pass_every_hidden_choice_and_rating_test(expected):
    a = expected.assignment
    answers = a.solutions / "answers.json"
    assert set(read_answers(answers)) == expected.answers
    choices, ratings = a.hidden_calls("require_choice"), a.hidden_calls("require_rating")
    assert (len(choices), len(ratings)) == (expected.choices, expected.ratings)
    for args, kw in choices:
        assert check_choice(*args, answers=answers, label=kw["label"]), args
    for args, kw in ratings:
        assert check_rating(*args, answers=answers, label=kw["label"]), args


@each_assignment
def test_each_reference_play_has_a_finished_and_a_quality_check_and_passes_both(expected):
    a = expected.assignment
    calls = a.hidden_calls("require_roleplay")
    # 'finished' forbids no code; 'quality' forbids judging and colluding and asks a minimum share
    checks = Counter((*args, kw.get("forbidden_codes"), bool(kw.get("min_share"))) for args, kw in calls)
    assert checks == Counter((f"transcripts/{s}.json", f"scenarios/{s}.yaml", codes, share)
                             for s in expected.scenarios for codes, share in [((), False), (("judge", "collude"), True)])
    for (transcript, scenario), kw in calls:
        kw.pop("label")
        verdict = check_roleplay(a.solutions / transcript, a.source / scenario, **kw)
        assert verdict, verdict.reason


@each_assignment
def test_the_source_notebooks_model_answers_are_those_in_solutions(expected):
    a = expected.assignment
    cells = {grade_id: c.source for grade_id, c in a.source_cells().items() if c.metadata["nbgrader"]["solution"]}
    models = model_answers(a.solutions)
    assert set(cells) == set(models) == expected.free_answers
    for cell_id, text in models.items():
        assert cells[cell_id] == f"### BEGIN SOLUTION\n{text}\n### END SOLUTION"


@each_assignment
def test_the_points_add_up_and_every_hand_marked_answer_has_a_prompt_with_a_mark_scheme(expected):
    cells = expected.assignment.source_cells()
    auto = sum(c.metadata["nbgrader"].get("points", 0) for c in cells.values() if c.cell_type == "code")
    manual = sum(c.metadata["nbgrader"].get("points", 0) for c in cells.values() if c.metadata["nbgrader"]["solution"])
    assert (auto, manual) == expected.points
    prompts = {grade_id: c.source for grade_id, c in cells.items() if grade_id.endswith("-prompt")}
    assert set(prompts) == {f"{answer}-prompt" for answer in expected.free_answers}
    assert all("### BEGIN MARK SCHEME" in p and "### END MARK SCHEME" in p for p in prompts.values()), prompts.keys()


@pytest.mark.parametrize("expected, node", [(BY_NAME["03-compulsion-as-external-soothing"], "better-off"),
                                            (BY_NAME["04-self-criticism-and-sexual-performance"], "pills")],
                         ids=lambda v: v.assignment.name if isinstance(v, Expected) else v)
def test_a_play_with_a_safety_critical_choice_fails_both_role_play_checks(tmp_path, expected, node):
    """The best play but for the first safety-critical choice offered at `node`."""
    a, [name] = expected.assignment, expected.scenarios
    scenario = a.scenario(name)
    play = best_play(scenario, critical_at(node))
    transcript = tmp_path / f"{name}.json"
    save_transcript(transcript, scenario, play)
    verdicts = a.roleplay_verdicts(transcript)
    assert len(verdicts) == 2
    for verdict in verdicts.values():
        assert not verdict and "safety-critical" in verdict.reason
