"""Regenerate the reference role-play transcripts in solutions/ by playing each scenario.

    .venv/bin/python solutions/make_transcripts.py

A reference play takes the best-scored choice at every turn (the first, if several tie),
through the real engine, and saves it with the engine's own transcript writer, so it
always replays. tests/unit/test_solutions.py fails when a scenario changes and these
files are stale; run this script then.
"""

from __future__ import annotations

from pathlib import Path

from selfkind.scenario import Scenario, load_scenario, offered, save_transcript, start, step

ROOT = Path(__file__).resolve().parent.parent
# assignment -> the scenario files (relative to the repo) whose reference plays it needs
PLAYS = {
    "01-what-self-compassion-is": ["modules/01-what-self-compassion-is/scenarios/of-course-i-have-it.yaml"],
}


def best_play(scenario: Scenario):
    play = start(scenario)
    while not play.finished:
        choice_id, _choice = max(offered(scenario, play), key=lambda item: item[1].score)
        play, _turn = step(scenario, play, choice_id)
    return play


def reference_transcripts():
    """(assignment, scenario, play, target path) for every reference transcript."""
    for assignment, files in PLAYS.items():
        for file in files:
            scenario = load_scenario(ROOT / file)
            target = ROOT / "solutions" / assignment / "transcripts" / f"{scenario.id}.json"
            yield assignment, scenario, best_play(scenario), target


def main() -> None:
    for _assignment, scenario, play, target in reference_transcripts():
        save_transcript(target, scenario, play)
        print(f"{target.relative_to(ROOT)}: {len(play.steps)} turns, ending {play.ending}")


if __name__ == "__main__":
    main()
