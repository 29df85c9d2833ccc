"""Benchmark: `selfkind check` on a generated 10,000-node scenario, and 1,000 engine steps.

Prints figures; passes or fails nothing. Run with `make bench`.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selfkind.scenario import Session, check_file, load_scenario

NODES = 10_000
STEPS = 1_000


def generate(nodes: int, seed: int = 7) -> str:
    """A valid scenario of `nodes` nodes, 3 choices each, links forward (with some loops back)."""
    rng = random.Random(seed)
    out = [
        "id: generated-benchmark", "title: Generated", "module: 00-benchmark",
        "client:", "  name: Bench", "  persona: generated",
        "state:", "  shame: 5", "  trust: 5", "start: n0", "nodes:",
    ]
    for i in range(nodes):
        out += [f"  n{i}:", "    client:", "      - if: trust >= 7", f"        say: \"warm line {i}\"",
                f"      - say: \"line {i}\"", "    choices:"]
        for j in range(3):
            if i == nodes - 1 or (j == 2 and rng.random() < 0.01):
                target = "end"
            elif j == 1 and i > 10 and rng.random() < 0.1:
                target = f"n{rng.randrange(i - 10, i)}"  # a loop back
            else:
                target = f"n{min(nodes - 1, i + 1 + (j and rng.randrange(3)))}"  # choice 0: the next node
            out += [f"      - text: \"choice {j}\"", f"        codes: [{['reflect', 'fix', 'explore'][j]}]",
                    f"        score: {[2, -1, 1][j]}", "        feedback: \"fb\"",
                    f"        effects: {{trust: {[1, -1, 0][j]}, shame: {[-1, 1, 0][j]}}}",
                    f"        next: {target}"]
    out += ["endings:", "  - id: good", "    if: trust >= 7", "    title: Good", "    debrief: d",
            "  - id: other", "    title: Other", "    debrief: d"]
    return "\n".join(out) + "\n"


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.yaml"
        path.write_text(generate(NODES))
        size = path.stat().st_size / 2**20
        problems, scenario = check_file(path)
        assert scenario is not None, problems[:3]
        in_process = timed(lambda: check_file(path), 3)
        cli = timed(lambda: subprocess.run([sys.executable, "-m", "selfkind.cli", "check", str(path)],
                                           check=True, capture_output=True), 3)
        bad = Path(tmp) / "bad.yaml"
        bad.write_text("- a list\n")
        cli_bad = timed(lambda: subprocess.run([sys.executable, "-m", "selfkind.cli", "check", str(bad)],
                                               capture_output=True), 3)

        scenario = load_scenario(path)
        rng = random.Random(1)

        def play_steps():
            session, done = Session(scenario), 0
            while done < STEPS:
                if session.play.finished:
                    session.restart()
                session.step(rng.choice(session.choices)[0])
                done += 1

        steps = timed(play_steps, 5)

    print(f"generated scenario: {NODES} nodes, {size:.1f} MB of YAML")
    print(f"{'measure':<46}{'median':>10}{'min':>10}")
    for name, values in [("check_file, in process (s)", in_process),
                         ("`selfkind check`, whole command (s)", cli),
                         ("`selfkind check` refusing a bad file (s)", cli_bad),
                         (f"{STEPS} engine steps (s)", steps)]:
        print(f"{name:<46}{statistics.median(values):>10.3f}{min(values):>10.3f}")
    print(f"{'one engine step (ms)':<46}{statistics.median(steps) / STEPS * 1000:>10.3f}")


if __name__ == "__main__":
    main()
