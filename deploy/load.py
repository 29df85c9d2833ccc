"""`make hub-load`: a cohort of 30 trainees on the hub at once, on this machine (loopback only).

    .venv/bin/python deploy/load.py [--trainees 30] [--browsers 2] [--limit 1800]

1. All trainees log in at once (PAM) and their servers start.
2. Each opens module 01 in their own Voila and plays its first role-play to the debrief:
   most through Voila's kernel protocol (the messages its page sends: widget state, clicks),
   `--browsers` of them in Debian's Chromium; the table says which.
3. Every transcript is read back from the trainee's home: lost or damaged ones are counted.
4. The instructor releases module 01's assignment; all trainees fetch and submit at once from
   their servers; the instructor collects and autogrades the batch (gradebook on PostgreSQL).
Prints figures; asserts nothing about time. Every account, process and folder is removed.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hubkit.accounts import processes_of  # noqa: E402
from hubkit.cohort import temporary_cohort  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "01-what-self-compassion-is"
SOLUTIONS = ROOT / "solutions" / ASSIGNMENT
TRANSCRIPT = "of-course-i-have-it.json"


def rss_mb(pids) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def pct(values, q):
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


class MemoryWatch(threading.Thread):
    """Samples the hub's processes and every trainee's processes once a second."""

    def __init__(self, cohort, trainees):
        super().__init__(daemon=True)
        self.cohort, self.trainees, self.stop_now = cohort, trainees, False
        self.hub_peak = 0.0
        self.user_peak = {name: 0.0 for name in trainees}

    def run(self):
        while not self.stop_now:
            self.hub_peak = max(self.hub_peak, sum(self.cohort.hub.memory_mb().values()))
            for name in self.trainees:
                self.user_peak[name] = max(self.user_peak[name], rss_mb(processes_of(name)))
            time.sleep(1)


def check_transcript(name: str, clicks: int) -> str:
    """'ok', 'lost' or 'damaged: why' for a trainee's saved role-play."""
    folder = Path(pwd.getpwnam(name).pw_dir) / ".selfkind" / "transcripts"
    path = folder / TRANSCRIPT
    if not path.exists():
        return "lost"
    if list(folder.glob("*.kept-*")):
        return "damaged: a file was kept aside"
    try:
        data = json.loads(path.read_text())
        attempt = data["attempts"][-1] if "attempts" in data else data["play"]
    except (ValueError, KeyError, IndexError) as exc:
        return f"damaged: {exc!r}"
    if not attempt.get("ending") or len(attempt.get("steps", [])) != clicks:
        return f"damaged: {len(attempt.get('steps', []))} steps saved for {clicks} clicks"
    return "ok"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--browsers", type=int, default=2, help="how many of them play in Chromium")
    parser.add_argument("--limit", type=float, default=1800, help="seconds the whole run may take")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("The load test runs the hub as root with OS accounts (as `make hub` does).")
        return 1
    from hubkit.browser_play import play_in_chromium
    from hubkit.play import play_roleplay
    sys.path.insert(0, str(ROOT))  # cohorts/ is not part of the installed package
    from cohorts.assignment_01 import AUTO_MAX  # module 01's autograded points

    trainees = [f"sk-load-{i:02d}" for i in range(1, args.trainees + 1)]
    in_browser = set(trainees[: args.browsers])
    began = time.monotonic()
    with temporary_cohort("sk-load-instructor", trainees, log_copy=ROOT / "artifacts" / "hub-load.log") as cohort:
        print(f"Hub up with {len(trainees)} trainee accounts and a PostgreSQL gradebook ({time.monotonic() - began:.0f} s).")
        hub_idle = sum(cohort.hub.memory_mb().values())
        watch = MemoryWatch(cohort, trainees)
        watch.start()
        pool = ThreadPoolExecutor(max_workers=len(trainees))

        # 1. everyone logs in at once
        def log_in(name):
            t = time.perf_counter()
            return cohort.signed_in(name), time.perf_counter() - t
        logged = dict(zip(trainees, pool.map(log_in, trainees, timeout=args.limit)))
        login_s = [s for _, s in logged.values()]
        print(f"All {len(trainees)} logged in, servers running ({max(login_s):.0f} s for the last).")

        # 2. everyone plays at once
        errors = []

        def play(name):
            session = logged[name][0]
            try:
                return play_in_chromium(session) if name in in_browser else play_roleplay(session)
            except Exception as exc:  # counted and printed below
                errors.append(f"{name}: {exc!r}")
                return None
        played = dict(zip(trainees, pool.map(play, trainees, timeout=args.limit)))
        hub_active = sum(cohort.hub.memory_mb().values())
        transcripts = {name: (check_transcript(name, len(p.click_s)) if p else "lost") for name, p in played.items()}

        # 3. everyone submits at once, the instructor grades the batch
        course = cohort.course
        course.nbgrader("generate_assignment", ASSIGNMENT, "--force")
        course.nbgrader("release_assignment", ASSIGNMENT, "--force")

        def hand_in(name):
            s = logged[name][0]
            s.assignments("fetch", ASSIGNMENT)
            s.put_file(f"{ASSIGNMENT}/answers.json", (SOLUTIONS / "answers.json").read_text())
            s.put_folder(f"{ASSIGNMENT}/transcripts")
            s.put_file(f"{ASSIGNMENT}/transcripts/{TRANSCRIPT}", (SOLUTIONS / "transcripts" / TRANSCRIPT).read_text())
            s.assignments("submit", ASSIGNMENT)
        t = time.perf_counter()
        list(pool.map(hand_in, trainees, timeout=args.limit))
        submit_s = time.perf_counter() - t
        t = time.perf_counter()
        course.nbgrader("collect", ASSIGNMENT)
        collect_s = time.perf_counter() - t
        t = time.perf_counter()
        course.nbgrader("autograde", ASSIGNMENT, "--force")
        autograde_s = time.perf_counter() - t
        from nbgrader.api import Gradebook
        with Gradebook(cohort.cluster.url, "selfkind") as gb:
            full = sum(1 for name in trainees if sum(g.auto_score or 0 for nb in gb.find_submission(
                ASSIGNMENT, name).notebooks for g in nb.grades) == AUTO_MAX)
        watch.stop_now = True
        pool.shutdown()
    total = time.monotonic() - began

    ok = [p for p in played.values() if p]
    proto = [p for p in ok if p.how != "Chromium"]
    chrome = [p for p in ok if p.how == "Chromium"]
    clicks = [c for p in ok for c in p.click_s]
    lost = sum(1 for v in transcripts.values() if v == "lost")
    damaged = sum(1 for v in transcripts.values() if v.startswith("damaged"))
    per_user = list(watch.user_peak.values())
    rows = [
        ("trainees at once", f"{len(trainees)} ({len(proto)} by Voila's kernel protocol, {len(chrome)} in Chromium)"),
        ("login → own server running", f"median {statistics.median(login_s):.1f} s, p95 {pct(login_s, .95):.1f} s"),
        ("time to first interactive widget, protocol",
         f"median {statistics.median([p.first_widget_s for p in proto]):.1f} s, p95 {pct([p.first_widget_s for p in proto], .95):.1f} s"
         if proto else "-"),
        ("time to first interactive widget, Chromium",
         ", ".join(f"{p.first_widget_s:.1f} s" for p in chrome) or "-"),
        ("click → reply, all clicks", f"median {statistics.median(clicks) * 1000:.0f} ms, p95 {pct(clicks, .95) * 1000:.0f} ms "
         f"({len(clicks)} clicks)" if clicks else "-"),
        ("click → reply, Chromium clicks",
         f"median {statistics.median([c for p in chrome for c in p.click_s]) * 1000:.0f} ms" if chrome else "-"),
        ("role-plays finished with a debrief", f"{sum(1 for p in ok if 'Debrief' in p.debrief)} of {len(trainees)}"),
        ("transcripts lost / damaged", f"{lost} / {damaged}"),
        ("hub + proxy + culler memory", f"{hub_idle:.0f} MiB idle, {hub_active:.0f} MiB with all active, "
         f"peak {watch.hub_peak:.0f} MiB ({(watch.hub_peak - hub_idle) / len(trainees):.1f} MiB per active user)"),
        ("each trainee's server + kernel", f"median {statistics.median(per_user):.0f} MiB, max {max(per_user):.0f} MiB "
         f"(peak resident, per user)"),
        ("all submit at once (fetch, save answers, submit)", f"{submit_s:.1f} s"),
        ("collect", f"{collect_s:.1f} s"),
        ("autograde the batch", f"{autograde_s:.1f} s, {autograde_s / len(trainees):.2f} s per submission; "
         f"{full} of {len(trainees)} with every autograded point"),
        ("whole run", f"{total:.0f} s, {os.cpu_count()} cores"),
    ]
    width = max(len(k) for k, _ in rows)
    print("\n| measure | figure |\n| --- | --- |")
    for key, value in rows:
        print(f"| {key:<{width}} | {value} |")
    for name, state in transcripts.items():
        if state != "ok":
            print(f"  {name}: transcript {state}")
    for line in errors:
        print(f"  error: {line}")
    return 0 if not errors and not lost and not damaged else 1


if __name__ == "__main__":
    sys.exit(main())
