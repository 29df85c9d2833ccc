"""Analytics over a small cohort built by hand (tests/analytics_cohort.py): every figure
below is worked out from the table in that file, not read back from the code."""

from __future__ import annotations

import csv
import io
import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import analytics_cohort  # noqa: E402

from selfkind.analytics import load_cohort  # noqa: E402
from selfkind.analytics.assignments import load_scenario_cached  # noqa: E402
from selfkind.analytics.export import canvas_csv, grades_csv, moodle_csv, write_exports  # noqa: E402
from selfkind.analytics.summaries import code_profile, completion, needs_conversation, where_wrong  # noqa: E402
from selfkind.analytics.transcripts import read_transcript  # noqa: E402


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    course = analytics_cohort.build(tmp_path_factory.mktemp("small") / "course")
    return load_cohort(course)


def test_grades_one_row_per_trainee_and_assignment(cohort):
    g = cohort.grades
    assert len(g) == 5 * 2
    assert sorted(g[g.submitted].apply(lambda r: (r.trainee, r.assignment), axis=1)) == sorted(analytics_cohort.SCORES)
    ana = g[(g.trainee == "ana") & (g.assignment == "01-demo")].iloc[0]
    assert (ana.score, ana.max_score, ana.share) == (8, 10, 0.8)
    dee = g[g.trainee == "dee"]
    assert not dee.submitted.any() and dee.score.isna().all()


def test_completion_by_hand(cohort):
    c = completion(cohort.grades, cohort.titles).set_index("assignment")
    one, two = c.loc["01-demo"], c.loc["02-other"]
    assert (one.trainees, one.submitted, one.completion) == (5, 4, 4 / 5)
    assert one.mean_score == (8 + 4 + 6 + 3) / 4 and one.median_score == (4 + 6) / 2
    assert (two.submitted, two.completion, two.mean_score, two.median_score) == (2, 2 / 5, 3.5, 3.5)
    assert one.title == "Demo assignment one"


def test_plays_and_steps_by_hand(cohort):
    plays = cohort.plays.set_index(["trainee", "attempt"])
    assert len(cohort.plays) == 5  # ana 1, ben 2, eve 1, cai's damaged file 1
    ana = plays.loc[("ana", 1)]
    assert (ana.status, ana.ending, ana.turns, ana.points, ana.best_points, ana.share) == ("finished", "heard", 6, 12, 12, 1.0)
    ben1, ben2 = plays.loc[("ben", 1)], plays.loc[("ben", 2)]
    assert (ben1.points, ben1.share, ben1.judge, ben1.hindering, ben1.graded) == (-2 - 1 + 8, 5 / 12, 1, 2, True)
    assert (ben2.status, ben2.turns, ben2.graded) == ("unfinished", 1, False)
    eve = plays.loc[("eve", 1)]
    assert (eve.critical, eve.points, eve.ending) == (1, 8, "partly")
    steps = cohort.steps
    assert len(steps) == 6 + 6 + 1 + 6
    # trust starts at 4: ana's best options each add 1; ben's judge and fix each take 1 away
    assert steps[steps.trainee == "ana"].state_trust.tolist() == [5, 6, 7, 8, 9, 10]
    assert steps[(steps.trainee == "ben") & (steps.attempt == 1)].state_trust.tolist() == [3, 2, 3, 4, 5, 6]
    assert steps[(steps.trainee == "ben") & (steps.attempt == 1)].state_shame.tolist() == [6, 7, 7, 7, 7, 7]
    first = steps[(steps.trainee == "ben") & (steps.turn == 2)].iloc[0]
    assert (first.node, first.choice, first.codes, first.score, first.best_score) == ("n2", "n2/2", "fix,dismiss", -1, 2)


def test_corrupted_transcript_is_a_row_with_a_reason(cohort):
    cai = cohort.plays[cohort.plays.trainee == "cai"].iloc[0]
    assert cai.status == "damaged" and not cai.finished
    assert cai.problem.startswith("it is not valid JSON")
    assert cohort.steps[cohort.steps.trainee == "cai"].empty


def test_tampered_transcript_named_as_the_store_names_it(cohort, tmp_path):
    import json

    source = cohort.course / "submitted" / "ana" / "01-demo" / "transcripts" / "tiny.json"
    data = json.loads(source.read_text())
    data["attempts"][0]["steps"][2]["state_after"]["trust"] = 10
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    plays, why = read_transcript(path, load_scenario_cached(cohort.assignments[0].scenarios["tiny"]))
    assert plays is None and why == "step 3: the recorded state or score does not match the scenario"
    assert path.read_bytes() == before and list(tmp_path.iterdir()) == [path]  # reading never writes


def test_code_profile_by_hand(cohort):
    p = code_profile(cohort.steps)
    assert p.loc["ana", "reflect"] == 5 and p.loc["ana", "explore"] == 1 and p.loc["ana"].sum() == 6
    assert (p.loc["ben", "judge"], p.loc["ben", "fix"], p.loc["ben", "dismiss"], p.loc["ben", "reflect"]) == (2, 1, 1, 4)
    assert (p.loc["eve", "fix"], p.loc["eve", "explore"], p.loc["eve", "reflect"]) == (1, 1, 4)
    assert "cai" not in p.index and "dee" not in p.index


def test_where_the_cohort_goes_wrong_by_hand(cohort):
    scenario = load_scenario_cached(cohort.assignments[0].scenarios["tiny"])
    w = where_wrong(cohort.steps, {"tiny": scenario})
    # n1: reached by ana, ben, eve; ben (judge) and eve (critical) went wrong: 2 of 3.
    # n2: reached by the same three; ben (fix, dismiss): 1 of 3. Nobody went wrong after n2.
    assert w[["node", "choice", "reached", "went_wrong", "chosen_by"]].values.tolist() == [
        ["n1", "n1/2", 3, 2, 1], ["n1", "n1/3", 3, 2, 1], ["n2", "n2/2", 3, 1, 1]]
    assert w.share.tolist() == [2 / 3, 2 / 3, 1 / 3]
    assert w.option[0] == "You should not have done that." and w.codes[0] == "judge"
    assert w.feedback[0] == "This moralizes <b>and</b> shames."
    assert w.critical.tolist() == [False, True, False]


def test_who_may_need_a_conversation_by_hand(cohort):
    n = needs_conversation(cohort.grades, cohort.plays, cohort.steps, cohort.titles).set_index("trainee")
    assert list(n.index) == ["eve", "ben", "dee", "cai"]  # critical, then judging, then most unfinished
    assert n.loc["eve", "critical"] == 1 and "Other assignment: not submitted" in n.loc["eve", "reasons"]
    assert n.loc["ben", "judging"] == 2
    assert n.loc["dee", "unfinished"] == 2
    assert n.loc["cai", "reasons"] == "role-play tiny: transcript could not be read"
    assert "ana" not in n.index


def _rows(text):
    return list(csv.reader(io.StringIO(text)))


def test_canvas_export(cohort):
    rows = _rows(canvas_csv(cohort.grades, cohort.titles, canvas_ids={"01-demo": "4411"}))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Demo assignment one (4411)",
                       "Other assignment"]
    assert rows[1][0].strip() == "Points Possible" and rows[1][5:] == ["10", "5"]
    assert rows[2] == ["Alves, Ana", "", "ana", "ana@example.org", "", "8", "5"]
    assert rows[5] == ["Diaz, Dee", "", "dee", "dee@example.org", "", "", ""]  # not submitted: left blank


def test_moodle_and_plain_exports(cohort, tmp_path):
    rows = _rows(moodle_csv(cohort.grades, cohort.titles))
    assert rows[0] == ["Email address", "ID number", "First name", "Last name", "Demo assignment one", "Other assignment"]
    assert rows[2] == ["ben@example.org", "ben", "Ben", "Brook", "4", ""]
    plain = _rows(grades_csv(cohort.grades))
    assert plain[1] == ["ana", "Ana", "Alves", "ana@example.org", "8", "5", "13", "15"]
    written = write_exports(cohort.grades, tmp_path / "exports", cohort.titles)
    assert sorted(p.name for p in written.values()) == ["canvas-gradebook.csv", "grades.csv", "moodle-grades.csv"]


def test_a_formula_in_a_name_is_not_run_by_a_spreadsheet(cohort):
    grades = cohort.grades.copy()
    grades.loc[grades.trainee == "ana", "first_name"] = "=HYPERLINK(\"http://x\")"
    assert _rows(moodle_csv(grades))[1][2].startswith("'=")


def test_an_empty_course_gives_empty_frames_and_a_note(tmp_path):
    c = load_cohort(tmp_path / "nothing-here")
    assert c.empty and c.grades.empty and c.plays.empty and c.steps.empty
    assert any("no gradebook" in n.lower() for n in c.notes)
    assert completion(c.grades).empty and code_profile(c.steps).empty
    assert where_wrong(c.steps, {}).empty and needs_conversation(c.grades, c.plays, c.steps).empty
    assert _rows(canvas_csv(c.grades)) == [["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]]
    assert not (tmp_path / "nothing-here").exists()  # nothing created


def test_the_gradebook_is_opened_read_only(cohort):
    db = cohort.course / "gradebook.db"
    before = db.read_bytes()
    load_cohort(cohort.course)
    assert db.read_bytes() == before


def test_a_damaged_gradebook_is_a_note(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    (course / "gradebook.db").write_bytes(b"not a database at all" * 100)
    c = load_cohort(course)
    assert c.grades.empty and any("could not be read" in n for n in c.notes)


def test_two_processes_give_the_same_frames(cohort):
    from selfkind.analytics.transcripts import load_transcripts

    one, two = load_transcripts(cohort.course, workers=1), load_transcripts(cohort.course, workers=2)
    assert one.plays.equals(two.plays) and one.steps.equals(two.steps)


def test_fast_replay_is_the_engines_replay_on_every_course_scenario():
    """The replay cache's own stepping against the engine's `step` and `debrief`, random plays:
    a file the engine wrote is accepted only if the cache made the very same record."""
    import random

    from selfkind.analytics.replay_cache import ReplayCache
    from selfkind.engine import debrief, offered, start, step
    from selfkind.authoring import load_scenario
    from selfkind.engine import debrief
    from selfkind.engine.transcript import to_json

    rng = random.Random(3)
    files = sorted(Path(analytics_cohort.ROOT, "modules").glob("*/scenarios/*.yaml"))
    assert files
    for path in files:
        scenario = load_scenario(path)
        cache = ReplayCache(scenario)
        for _ in range(25):
            play = start(scenario)
            while not play.finished:
                play, _turn = step(scenario, play, rng.choice(offered(scenario, play))[0])
            replayed = cache.attempts(to_json(scenario, [play]))
            assert replayed == [play], path.name
            assert cache.prefix_of(play).record == play.model_dump(mode="json")
            d, s = debrief(scenario, play), cache.score(play)
            assert (s.points, s.best_points, s.share) == (d.points, d.best_points, d.share)
            assert list(s.best) == [row.best_score for row in d.path]
