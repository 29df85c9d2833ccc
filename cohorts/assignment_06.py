"""Module 06's cohort: the reference, an untouched release, a hand-edited transcript, session 2
played from an edited opening (a transcript that replays, but did not open where session 1 left
Kit), a session 1 that opens with a label (coded judge) with sessions 2 and 3 carried on from it,
and a session 2 that passes over a burden statement (safety-critical); what each earns, and why."""

from __future__ import annotations

from pathlib import Path

from .definition import ANY_CELL, Builder, Case, Release
from .submissions import blank, reference, tampered_transcript

ASSIGNMENT = "06-extending-self-compassion"
NOTEBOOK = f"{ASSIGNMENT}-assignment.ipynb"
SESSIONS = tuple(f"kit-session-{n}" for n in (1, 2, 3))
AUTO_MAX = 18.0
RELEASE = Release(files=frozenset({NOTEBOOK, "exercises/amara-scs-sf.yaml", *[f"scenarios/{s}.yaml" for s in SESSIONS]}),
                  written=2, widgets=9,  # seven questions, the scores, the case
                  max_score=28.0, scenarios=SESSIONS)


def sessions_played(pick: dict | None = None, openings: dict | None = None) -> Builder:
    """The reference work with the three sessions played in order (best choices, unless `pick`
    names one at a node), each opening where the one before left Kit (unless `openings` says otherwise)."""
    def build(folder: Path, solutions: Path) -> None:
        from selfkind.engine import offered, start, step
        from selfkind.stores.transcripts import save_transcript
        from selfkind.authoring import load_scenario
        from selfkind.engine.play import carried_over

        reference(folder, solutions)
        before = None
        for name in SESSIONS:
            scenario = load_scenario(folder / "scenarios" / f"{name}.yaml")
            opening = (openings or {}).get(name) or (carried_over(scenario, before) if before is not None else None)
            play = start(scenario, opening)
            while not play.finished:
                cid = (pick or {}).get(play.node) or max(offered(scenario, play), key=lambda o: o[1].score)[0]
                play, _ = step(scenario, play, cid)
            target = folder / "transcripts" / f"{name}.json"
            target.unlink(missing_ok=True)  # the reference play is replaced, not kept as an earlier attempt
            save_transcript(target, scenario, play)
            before = play
    return build


CASES = [
    Case("reference", "the reference solutions", AUTO_MAX, reference),
    Case("blank", "the release, untouched", 0, blank),
    # session 2's three points, and session 3's opening: the session before it cannot be used
    Case("tampered-transcript", "Kit's trust changed by hand at step 3 of session 2", AUTO_MAX - 5,
         tampered_transcript("kit-session-2"),
         cells={"test-session-2-finished": 0, "test-session-2-quality": 0, "test-session-2-opening": 0,
                "test-session-3-opening": 0},
         feedback=("could not be replayed",)),
    Case("edited-opening", "session 2 played from shame 0 where session 1 left 1", AUTO_MAX - 1,
         sessions_played(openings={"kit-session-2": {"trust": 10, "shame": 0, "agency": 10, "safety_plan": 0,
                                                     "pressure": 0}}),
         cells={"test-session-2-opening": 0, "test-session-2-quality": 2},
         told={"test-session-2-opening": ("shame 0 (expected 1)",)}),
    Case("judging-session-1", "session 1 offers a label Kit has not chosen (since-spring/2)", AUTO_MAX - 2,
         sessions_played(pick={"since-spring": "since-spring/2"}),
         cells={"test-session-1-finished": 1, "test-session-1-quality": 0, "test-session-2-opening": 1,
                "test-session-3-opening": 1},
         told={"test-session-1-quality": ("hindering response coded judge",)}),
    Case("burden-passed-over", "session 2 reassures and moves on after 'Robin would be better off without me'",
         AUTO_MAX - 3, sessions_played(pick={"burden": "burden/3"}),
         cells={"test-session-2-finished": 0, "test-session-2-quality": 0, "test-session-2-opening": 1},
         told={ANY_CELL: ("safety-critical",)}),
]
