"""Regenerate the reference role-play transcripts in solutions/ by playing each scenario.

    .venv/bin/python solutions/make_transcripts.py                      # every assignment
    .venv/bin/python solutions/make_transcripts.py 02-shame-guilt-and-sexuality   # just one

A reference play takes the best-scored choice at every turn (the first, if several tie),
through the real engine, and saves it with the engine's own transcript writer, so it
always replays. tests/unit/test_solutions.py fails when a scenario changes and these
files are stale; run this script then.
"""

from __future__ import annotations

import sys
from pathlib import Path

from selfkind.engine import Scenario, offered, start, step

from selfkind.stores.transcripts import save_transcript

from selfkind.authoring import load_scenario
from selfkind.engine.play import carried_over

ROOT = Path(__file__).resolve().parent.parent
# assignment -> the scenario files (relative to the repo) whose reference plays it needs
PLAYS = {
    "01-what-self-compassion-is": ["modules/01-what-self-compassion-is/scenarios/of-course-i-have-it.yaml"],
    "02-shame-guilt-and-sexuality": ["modules/02-shame-guilt-and-sexuality/scenarios/after-the-affair.yaml"],
    "03-compulsion-as-external-soothing": ["modules/03-compulsion-as-external-soothing/scenarios/one-more-spin.yaml"],
    "04-self-criticism-and-sexual-performance": [
        "modules/04-self-criticism-and-sexual-performance/scenarios/it-used-to-just-work.yaml"],
    # The capstone's sessions chain: each reference play opens where the one before left the client.
    "06-extending-self-compassion": [
        f"modules/06-extending-self-compassion/scenarios/kit-session-{n}.yaml" for n in (1, 2, 3)],
    "05-tools-to-self-soothe": ["modules/05-tools-to-self-soothe/scenarios/where-did-that-come-from.yaml"],
}


def best_play(scenario: Scenario, opening=None):
    play = start(scenario, opening)
    while not play.finished:
        choice_id, _choice = max(offered(scenario, play), key=lambda item: item[1].score)
        play, _turn = step(scenario, play, choice_id)
    return play


def reference_transcripts(assignments=None):
    """(assignment, scenario, play, target path) for every reference transcript (or those of `assignments`)."""
    for assignment, files in PLAYS.items():
        if assignments and assignment not in assignments:
            continue
        before = None  # the play of the scenario just made, for a session that continues it
        for file in files:
            scenario = load_scenario(ROOT / file)
            target = ROOT / "solutions" / assignment / "transcripts" / f"{scenario.id}.json"
            opening = carried_over(scenario, before) if before is not None and scenario.continues == before.scenario else None
            before = best_play(scenario, opening)
            yield assignment, scenario, before, target


def main(argv=None) -> None:
    assignments = sys.argv[1:] if argv is None else argv
    unknown = sorted(set(assignments) - set(PLAYS))
    if unknown:
        raise SystemExit(f"no reference plays for {', '.join(unknown)}; known: {', '.join(PLAYS)}")
    for _assignment, scenario, play, target in reference_transcripts(assignments):
        target.unlink(missing_ok=True)  # generated: replace it, never keep the old one aside
        save_transcript(target, scenario, play)
        print(f"{target.relative_to(ROOT)}: {len(play.steps)} turns, ending {play.ending}")


if __name__ == "__main__":
    main()
