"""Prints how long the dashboard's analytics take on a large cohort, and the memory used.

    .venv/bin/python benchmarks/bench_analytics.py [--trainees 1000]

Builds a throwaway course of 7 assignments × 2 role-plays (the course's own scenarios, 14
role-plays in all) and, for each trainee, one transcript per role-play (a random play of
the scenario through the engine; a third of them with a second attempt, a few unfinished).
Then times loading every transcript (read, check, replay: `load_transcripts`) and every
summary the dashboard draws. The gradebook is not part of it (nbgrader's own query).
Figures are printed, never asserted. Target: well under 2 s on 2 cores, under 500 MB.
The machine is shared, so each run also prints its CPU time (this process and, for the
pool, its workers): other work disturbs CPU time far less than wall time.
"""

from __future__ import annotations

import argparse
import os
import json
import random
import resource
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "widgets"))

from selfkind.analytics.assignments import load_scenario_cached  # noqa: E402
import pandas as pd  # noqa: E402

from selfkind.analytics.summaries import code_profile, needs_conversation, where_wrong  # noqa: E402
from selfkind.analytics.transcripts import load_transcripts  # noqa: E402
from selfkind.engine import offered, start, step
from selfkind.authoring import load_scenario
from selfkind.engine.transcript import to_json  # noqa: E402

POOL = 150  # distinct plays drawn per scenario


def random_play(scenario, rng, stop=None):
    play = start(scenario)
    while not play.finished and (stop is None or len(play.steps) < stop):
        cid, _ = rng.choice(offered(scenario, play))
        play, _ = step(scenario, play, cid)
    return play


def build(course: Path, trainees: int, rng: random.Random) -> int:
    files = sorted(ROOT.glob("modules/*/scenarios/*.yaml"))
    pairs = [(files[i % len(files)], files[(i + 3) % len(files)]) for i in range(7)]
    written = 0
    for number, pair in enumerate(pairs, 1):
        name = f"{number:02d}-bench"
        folder = course / "source" / name / "scenarios"
        folder.mkdir(parents=True)
        stems = []
        for path in pair:
            text = re.sub(r"(?m)^module: .*$", f"module: {name}", path.read_text(encoding="utf-8"))
            (folder / path.name).write_text(text, encoding="utf-8")
            stems.append(path.stem)
        refs = " ".join(f'"transcripts/{s}.json"' for s in stems)
        (course / "source" / name / f"{name}-assignment.ipynb").write_text(json.dumps(
            {"cells": [{"cell_type": "markdown", "source": f"# Bench {number}"},
                       {"cell_type": "code", "source": refs}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
        for path in pair:
            scenario = load_scenario(path)
            pool = [json.dumps(to_json(scenario, [random_play(scenario, rng)])) for _ in range(POOL)]
            pool += [json.dumps(to_json(scenario, [random_play(scenario, rng, stop=2), random_play(scenario, rng)]))
                     for _ in range(POOL // 2)]
            pool += [json.dumps(to_json(scenario, [random_play(scenario, rng, stop=3)])) for _ in range(10)]
            for t in range(trainees):
                target = course / "submitted" / f"t{t:04d}" / name / "transcripts" / f"{path.stem}.json"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(rng.choice(pool), encoding="utf-8")
                written += 1
    return written


def cpu_seconds() -> tuple[float, float]:
    """CPU time of this process, and of its finished children (the pool's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time(), children.ru_utime + children.ru_stime


def cpu_since(before: tuple[float, float]) -> str:
    here, workers = (now - then for now, then in zip(cpu_seconds(), before))
    return f"CPU {here + workers:.2f} s" + (f" = {here:.2f} here + {workers:.2f} in workers" if workers else "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trainees", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        t0 = time.perf_counter()
        n = build(course, args.trainees, rng)
        print(f"built {n:,} transcripts for {args.trainees:,} trainees in {time.perf_counter() - t0:.1f} s")
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        runs = [("first run, 1 process (scenarios loaded and checked)", 1), ("1 process", 1), ("2 processes", 2)]
        for run, workers in runs:
            c0, t0 = cpu_seconds(), time.perf_counter()
            frames = load_transcripts(course, workers=workers)
            load_cpu, c1, t1 = cpu_since(c0), cpu_seconds(), time.perf_counter()
            scenarios = {}
            for path in sorted(course.glob("source/*/scenarios/*.yaml")):
                scenario = load_scenario_cached(path)
                scenarios[scenario.id] = scenario
            profile = code_profile(frames.steps)
            wrong = where_wrong(frames.steps, scenarios)
            talk = needs_conversation(pd.DataFrame(columns=["trainee", "assignment", "submitted"]), frames.plays,
                                      frames.steps)
            damaged = int((frames.plays.status == "damaged").sum())
            summaries_cpu, total_cpu, t2 = cpu_since(c1), cpu_since(c0), time.perf_counter()
            print(f"{run}: load {t1 - t0:.2f} s ({load_cpu}; {len(frames.plays):,} plays, "
                  f"{len(frames.steps):,} steps); summaries {t2 - t1:.2f} s ({summaries_cpu}; "
                  f"{len(profile)} profiles, {len(wrong)} wrong options, {len(talk)} trainees to talk to, "
                  f"{damaged} damaged); total {t2 - t0:.2f} s ({total_cpu})")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
              "(other work on the machine slows every figure)")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory of the process: {rss:.0f} MB (before loading: {rss0:.0f} MB; largest worker "
              f"{worker:.0f} MB); steps frame {frames.steps.memory_usage(deep=True).sum() / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
