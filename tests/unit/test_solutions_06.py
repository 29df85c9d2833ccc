"""solutions/06-extending-self-compassion/ matches module 06's assignment and its three sessions.

The reference transcripts chain: session 2's opens where session 1's reference play left Kit,
and session 3's where session 2's left them (solutions/make_transcripts.py). What every
assignment shares (scenario copies, reference transcripts and answers, model answers, points)
is checked in test_solutions_02_to_06.py.
"""

import json

import pytest

from selfkind.engine.play import carried_over
from selfkind.grading import check_carried_opening, check_roleplay
from selfkind.stores.transcripts import save_transcript
from solutions_support import Assignment, best_play, choosing, make_transcripts

A = Assignment("06-extending-self-compassion")
SESSIONS = [f"kit-session-{n}" for n in (1, 2, 3)]


def scenario_file(name):
    return A.source / "scenarios" / f"{name}.yaml"


def test_the_reference_transcripts_chain_each_session_opening_where_the_one_before_left_kit():
    made = list(make_transcripts().reference_transcripts([A.name]))
    assert [t for *_x, t in made] == [A.solutions / "transcripts" / f"{s}.json" for s in SESSIONS]
    assert made[0][2].opening is None
    for (_a, _s, before, _t), (_a2, scenario, after, _t2) in zip(made, made[1:]):
        assert after.opening == carried_over(scenario, before)
    for _a, scenario, play, target in made:
        saved = json.loads(target.read_text(encoding="utf-8"))["attempts"][0]
        assert saved["steps"] == [s.model_dump(mode="json") for s in play.steps] and saved["opening"] == play.opening


def test_the_reference_plays_pass_every_hidden_opening_test():
    openings = A.hidden_calls("require_carried_opening")
    assert len(openings) == 2
    for (t, s, pt, ps), _kw in openings:
        verdict = check_carried_opening(A.solutions / t, A.source / s, A.solutions / pt, A.source / ps)
        assert verdict, verdict.reason


def _chain(tmp_path, pick=None, edit=None):
    """Play the three sessions in order (best choices unless `pick`), saving each transcript."""
    plays, before = [], None
    for name in SESSIONS:
        scenario = A.scenario(name)
        opening = carried_over(scenario, before) if before is not None else None
        if edit and name in edit:
            opening = edit[name]
        before = best_play(scenario, pick, opening)
        save_transcript(tmp_path / f"{name}.json", scenario, before)
        plays.append(before)
    return plays


@pytest.mark.parametrize("node,choice,session", [("meds", "meds/2", 1), ("meds", "meds/3", 1),
                                                 ("kindness", "kindness/3", 1),
                                                 ("burden", "burden/3", 2), ("risk", "risk/2", 2),
                                                 ("safety-review", "safety-review/2", 3),
                                                 ("boundary", "boundary/2", 3)])
def test_a_safety_critical_choice_fails_both_checks_of_its_session(tmp_path, node, choice, session):
    _chain(tmp_path, pick=choosing({node: choice}))
    name = f"kit-session-{session}"
    verdicts = A.roleplay_verdicts(tmp_path / f"{name}.json", of=name)
    assert set(verdicts) == {f"Session {session} (finished)", f"Session {session} (quality)"}
    for verdict in verdicts.values():
        assert not verdict and "safety-critical" in verdict.reason


@pytest.mark.parametrize("picks,session", [({"meds": "meds/3"}, 1),
                                           ({"risk": "risk/3", "risk-repair": "risk-repair/2"}, 2)])
def test_passing_over_a_risk_fails_the_quality_gate_and_reaches_no_good_ending(tmp_path, picks, session):
    """Clinical review: S1 meds/3 (changing the subject after the codeine and pregabalin disclosure) and
    S2 risk/3 then risk-repair/2 (a GP call announced, then insisted on) leave a risk unassessed."""
    plays = _chain(tmp_path, pick=choosing(picks))
    name = f"kit-session-{session}"
    scenario = A.scenario(name)
    good = {e.id for e in scenario.endings if e.good}
    assert plays[session - 1].ending not in good
    verdicts = A.roleplay_verdicts(tmp_path / f"{name}.json", of=name)
    assert verdicts
    for verdict in verdicts.values():
        assert not verdict and "safety-critical" in verdict.reason


def test_an_edited_opening_is_caught_and_named(tmp_path):
    _chain(tmp_path, edit={"kit-session-2": {"trust": 10, "shame": 0, "agency": 10, "safety_plan": 0, "pressure": 0}})
    verdict = check_carried_opening(tmp_path / "kit-session-2.json", scenario_file("kit-session-2"),
                                    tmp_path / "kit-session-1.json", scenario_file("kit-session-1"))
    assert not verdict and "shame 0 (expected 1)" in verdict.reason
    assert check_roleplay(tmp_path / "kit-session-2.json", scenario_file("kit-session-2"), min_share=0.6)


def test_a_session_played_on_its_own_is_caught(tmp_path):
    _chain(tmp_path)
    scenario = A.scenario("kit-session-3")
    (tmp_path / "kit-session-3.json").unlink()
    save_transcript(tmp_path / "kit-session-3.json", scenario, best_play(scenario))
    verdict = check_carried_opening(tmp_path / "kit-session-3.json", scenario_file("kit-session-3"),
                                    tmp_path / "kit-session-2.json", scenario_file("kit-session-2"))
    assert not verdict and "did not open from the session before" in verdict.reason


def test_the_first_finished_attempt_of_the_session_before_sets_the_opening(tmp_path):
    from selfkind.engine.transcript import to_json
    from selfkind.stores.transcripts import TranscriptStore

    s1, s2 = A.scenario("kit-session-1"), A.scenario("kit-session-2")
    judged = best_play(s1, choosing({"since-spring": "since-spring/2"}))
    better = best_play(s1)
    assert judged.state != better.state
    store = TranscriptStore(tmp_path / "kit-session-1.json", s1)
    with store.editing():
        store.write(to_json(s1, [judged, better]))  # attempt 1 judged, attempt 2 better
    save_transcript(tmp_path / "kit-session-2.json", s2, best_play(s2, opening=carried_over(s2, better)))
    args = (tmp_path / "kit-session-2.json", scenario_file("kit-session-2"),
            tmp_path / "kit-session-1.json", scenario_file("kit-session-1"))
    assert not check_carried_opening(*args)  # opened from the later attempt: not the graded one
    (tmp_path / "kit-session-2.json").unlink()
    save_transcript(tmp_path / "kit-session-2.json", s2, best_play(s2, opening=carried_over(s2, judged)))
    assert check_carried_opening(*args)


def test_missing_or_damaged_files_give_reasons_not_errors(tmp_path):
    (tmp_path / "kit-session-1.json").write_text("{not json", encoding="utf-8")
    verdict = check_carried_opening(tmp_path / "kit-session-2.json", scenario_file("kit-session-2"),
                                    tmp_path / "kit-session-1.json", scenario_file("kit-session-1"))
    assert not verdict and verdict.reason
    _chain(tmp_path)
    wrong = check_carried_opening(tmp_path / "kit-session-3.json", scenario_file("kit-session-3"),
                                  tmp_path / "kit-session-1.json", scenario_file("kit-session-1"))
    assert not wrong and "do not continue one another" in wrong.reason


def test_the_assignment_says_the_first_finished_attempt_is_graded():
    assert "first finished attempt is graded" in "\n".join(c.source for c in A.source_cells().values())
