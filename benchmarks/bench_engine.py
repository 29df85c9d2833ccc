"""Benchmark: `selfkind check` on a generated 10,000-node scenario, its scaling, and 1,000 engine steps.

Prints figures; passes or fails nothing. Run with `make bench`.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selfkind.engine import Session

from selfkind.authoring import check_file, load_scenario

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
    out += ["endings:", "  - id: good", "    if: trust >= 7", "    good: true", "    title: Good", "    debrief: d",
            "  - id: other", "    title: Other", "    debrief: d"]
    return "\n".join(out) + "\n"


def generate_loop(nodes: int) -> str:
    """A scenario whose nodes form one cycle with no way out: the checker must refuse it fast."""
    body = "".join(
        f"  n{i}:\n    client: \"Line {i}.\"\n    choices:\n      - text: \"On.\"\n        codes: [reflect]\n"
        f"        score: 1\n        feedback: \"F.\"\n        thought: \"T.\"\n        next: n{(i + 1) % nodes}\n"
        for i in range(nodes))
    return ("id: loop\ntitle: L\nmodule: m\nclient: {name: A, persona: P.}\nstate: {shame: 5, trust: 5}\n"
            "start: n0\nnodes:\n" + body + "endings:\n  - id: e\n    good: true\n    if: trust > 5\n"
            "    title: E\n    debrief: D.\n  - id: f\n    title: F\n    debrief: D.\n")


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
        # The command as an author runs it: bytecode cached (here in the temporary folder, even
        # where PYTHONDONTWRITEBYTECODE is set), after one run that writes the cache.
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = [sys.executable, "-m", "selfkind.cli", "check"]
        subprocess.run(command + [str(path)], check=True, capture_output=True, env=env)
        cli = timed(lambda: subprocess.run(command + [str(path)], check=True, capture_output=True, env=env), 3)
        bad = Path(tmp) / "bad.yaml"
        bad.write_text("- a list\n")
        cli_bad = timed(lambda: subprocess.run(command + [str(bad)], capture_output=True, env=env), 3)

        loop = Path(tmp) / "loop.yaml"
        loop.write_text(generate_loop(NODES))
        loop_check = timed(lambda: check_file(loop), 3)

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

    print(f"generated scenario: {NODES} nodes, {size:.1f} MB of YAML (load average {os.getloadavg()[0]:.1f})")
    print(f"{'measure':<46}{'median':>10}{'min':>10}")
    for name, values in [("check_file, in process (s)", in_process),
                         ("`selfkind check`, whole command (s)", cli),
                         ("`selfkind check` refusing a bad file (s)", cli_bad),
                         (f"check_file, a {NODES}-node loop with no exit (s)", loop_check),
                         (f"{STEPS} engine steps (s)", steps)]:
        print(f"{name:<46}{statistics.median(values):>10.3f}{min(values):>10.3f}")
    print(f"{'one engine step (ms)':<46}{statistics.median(steps) / STEPS * 1000:>10.3f}")
    scaling()


SCALING = (1_000, 5_000, 10_000, 20_000)


def cpu_timed(fn, repeat: int) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds): on a loaded machine CPU time is the steadier."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def scaling() -> None:
    """check_file on generated scenarios of growing size: linear means a flat time per 1,000 nodes."""
    from selfkind.authoring.source import _positioned, read_source
    from selfkind.engine.collector import collector_paused

    def read(path):  # as check_file reads: with the cycle collector paused
        with collector_paused():
            return read_source(path)

    print()
    print(f"`selfkind check` scaling (in process, median of 3; load average {os.getloadavg()[0]:.1f})")
    print(f"{'nodes':>7}{'MB':>6}{'read wall':>11}{'read cpu':>10}{'check wall':>12}{'check cpu':>11}"
          f"{'cpu s per 1k nodes':>20}")
    with tempfile.TemporaryDirectory() as tmp:
        for nodes in SCALING:
            path = Path(tmp) / f"generated-{nodes}.yaml"
            path.write_text(generate(nodes))
            read_wall, read_cpu = cpu_timed(lambda: read(path), 3)
            wall, cpu = cpu_timed(lambda: check_file(path), 3)
            print(f"{nodes:>7}{path.stat().st_size / 2**20:>6.1f}{read_wall:>11.3f}{read_cpu:>10.3f}"
                  f"{wall:>12.3f}{cpu:>11.3f}{cpu / nodes * 1000:>20.3f}")
        text = (Path(tmp) / "generated-10000.yaml").read_text()
        wall, cpu = cpu_timed(lambda: _positioned(text, "generated-10000.yaml"), 1)
        print(f"for comparison, the 10,000-node file read by PyYAML with every line (the error path): "
              f"{wall:.3f} s wall, {cpu:.3f} s cpu")


if __name__ == "__main__":
    main()
