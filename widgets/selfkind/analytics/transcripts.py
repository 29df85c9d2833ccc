"""Collected role-play transcripts as two tidy frames, replayed through the engine.

`steps`: one row per role-play step:
    trainee, assignment, scenario, attempt, turn, node, choice, codes (comma-joined), score,
    best_score (of the best option at that turn), hindering (any hindering code), judge,
    critical (a safety-critical choice), state_<variable> after the step (shame, trust, ...)
`plays`: one row per attempt, plus one row per file that could not be used:
    trainee, assignment, scenario, file, attempt, attempts, status, finished, ending, turns,
    points, best_points, share, critical, judge, hindering, graded, problem

`status` is "finished", "unfinished", "damaged" (the file could not be replayed; `problem`
says why, in the store's words) or "not played" (a graded role-play with no transcript in
a submission). `graded` marks the attempt the grader grades by default: the first finished.
Files are read from course/submitted/<trainee>/<assignment>/transcripts/.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import pandas as pd

from ..scenario.codes import HINDERING
from ..stores.kept import MARK, newest_kept
from ..stores.reading import Damage, load_json
from ..stores.transcripts import TranscriptStore
from .assignments import AssignmentInfo, course_assignments, load_scenario_cached
from .replay_cache import ReplayCache

STEP_BASE = ["trainee", "assignment", "scenario", "attempt", "turn", "node", "choice", "codes", "score",
             "best_score", "hindering", "judge", "critical"]
PLAY_COLUMNS = ["trainee", "assignment", "scenario", "file", "attempt", "attempts", "status", "finished", "ending",
                "turns", "points", "best_points", "share", "critical", "judge", "hindering", "graded", "problem"]


@dataclass(frozen=True)
class TranscriptFrames:
    plays: pd.DataFrame
    steps: pd.DataFrame


def read_transcript(path: Path, scenario, cache: Optional[ReplayCache] = None):
    """(attempts, None) or (None, why the file cannot be used). Read-only; never raises."""
    cache = cache if cache is not None else ReplayCache(scenario)
    try:
        raw = path.read_bytes()
        plays = cache.attempts(load_json(raw))
        if plays is not None:
            return plays, None
    except (OSError, Damage, RecursionError, MemoryError, ValueError):
        pass  # the store below names the reason
    reading = TranscriptStore(path, scenario).read()
    if reading.problem is not None:
        return None, reading.problem.reason
    if reading.value is None:
        return None, "the file disappeared while it was being read"
    return list(reading.value.plays), None


class _Collector:
    def __init__(self):
        self.rows: list[tuple] = []  # one per step, in STEP_BASE order
        self.states: list[dict] = []  # the state after each step
        self.plays: list[dict] = []

    def problem(self, trainee, assignment, scenario, file, status, why):
        self.plays.append(dict(trainee=trainee, assignment=assignment, scenario=scenario, file=file, attempt=pd.NA,
                               attempts=0, status=status, finished=False, ending=None, turns=0, points=0,
                               best_points=0, share=float("nan"), critical=0, judge=0, hindering=0, graded=False,
                               problem=why))

    def attempts(self, trainee, assignment, scenario_id, file, plays, cache: ReplayCache):
        graded_done = False
        rows, states = self.rows, self.states
        for number, play in enumerate(plays, 1):
            d = cache.score(play)
            crit = judge = hind = 0
            for turn, (s, best) in enumerate(zip(play.steps, d.best), 1):
                codes = s.codes
                is_h = any(c in HINDERING for c in codes)
                is_j = "judge" in codes
                crit += s.critical
                judge += is_j
                hind += is_h
                rows.append((trainee, assignment, scenario_id, number, turn, s.node, s.choice, ",".join(codes),
                             s.score, best, is_h, is_j, s.critical))
                states.append(s.state_after)
            graded = play.finished and not graded_done
            graded_done = graded_done or graded
            self.plays.append(dict(
                trainee=trainee, assignment=assignment, scenario=scenario_id, file=file, attempt=number,
                attempts=len(plays), status="finished" if play.finished else "unfinished", finished=play.finished,
                ending=play.ending, turns=len(play.steps), points=d.points, best_points=d.best_points,
                share=d.share if play.finished else float("nan"), critical=crit, judge=judge, hindering=hind,
                graded=graded, problem=None))

    def frames(self) -> TranscriptFrames:
        steps = pd.DataFrame.from_records(self.rows, columns=STEP_BASE)
        names = sorted(_all_keys(self.states))
        for var in names:
            steps[f"state_{var}"] = pd.array([state.get(var) for state in self.states], dtype="Int64")
        steps = steps.astype({"attempt": "int64", "turn": "int64", "score": "int64", "best_score": "int64",
                              "hindering": bool, "judge": bool, "critical": bool})
        plays = pd.DataFrame(self.plays, columns=PLAY_COLUMNS)
        plays["attempt"] = plays["attempt"].astype("Int64")
        for col in ("finished", "graded"):
            plays[col] = plays[col].astype(bool)
        return TranscriptFrames(plays, steps)


def _all_keys(states: list[dict]) -> set:
    """Every state name (scenarios share a few; a set of key tuples keeps this fast)."""
    return {k for keys in {tuple(state) for state in states} for k in keys}


def submissions(course: Path) -> Iterable[tuple[str, Path]]:
    """(trainee, folder holding their submitted assignments), in trainee order."""
    submitted = Path(course) / "submitted"
    if submitted.is_dir():
        yield from ((p.name, p) for p in sorted(submitted.iterdir()) if p.is_dir())


PARALLEL_FROM = 200  # trainees; below this, one process is quicker than starting a second


def load_transcripts(course: str | Path = "course", assignments: Optional[list[AssignmentInfo]] = None,
                     workers: Optional[int] = None) -> TranscriptFrames:
    """Every collected transcript of every trainee in `course`; never raises for a trainee's file.

    A large cohort is read by `workers` processes (default: up to 2 when there are more than
    PARALLEL_FROM trainees), each taking a share of the trainees; the frames are the same."""
    course = Path(course)
    assignments = course_assignments(course) if assignments is None else assignments
    people = list(submissions(course))
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if len(people) > PARALLEL_FROM else 1
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        for a in assignments:  # load (and check) each scenario once, before the workers are forked
            for path in a.scenarios.values():
                try:
                    load_scenario_cached(path)
                except Exception:
                    pass  # collect_assignment names the problem
        chunks = [people[i::workers] for i in range(workers)]
        context = multiprocessing.get_context("fork")
        try:
            with context.Pool(workers) as pool:
                parts = pool.starmap(_collect, [(chunk, assignments) for chunk in chunks])
        except OSError:
            parts = [_collect(people, assignments)]
        out = _Collector()
        for part in parts:
            out.rows += part.rows
            out.states += part.states
            out.plays += part.plays
        frames = out.frames()
        order = {t: i for i, (t, _f) in enumerate(people)}
        return TranscriptFrames(_in_order(frames.plays, order), _in_order(frames.steps, order))
    return _collect(people, assignments).frames()


def _in_order(frame: pd.DataFrame, order: dict) -> pd.DataFrame:
    """Rows in trainee order (stable within a trainee), as one process would have made them."""
    if frame.empty:
        return frame
    rank = frame["trainee"].map(order)
    return frame.iloc[rank.argsort(kind="stable")].reset_index(drop=True)


def _collect(people: list[tuple[str, Path]], assignments: list[AssignmentInfo]) -> "_Collector":
    out, caches = _Collector(), {}
    for trainee, folder in people:
        for a in assignments:
            where = folder / a.name
            if where.is_dir():
                collect_assignment(out, caches, trainee, a, where)
    return out


def collect_assignment(out: _Collector, caches: dict, trainee: str, a: AssignmentInfo, where: Path) -> None:
    found = {p.stem: p for p in sorted((where / "transcripts").glob("*.json")) if f".{MARK}-" not in p.name}
    for stem in dict.fromkeys([*a.graded, *found]):
        path = found.get(stem, where / "transcripts" / f"{stem}.json")
        shown = f"{a.name}/transcripts/{path.name}"
        scenario_file = a.scenario_file(stem)
        if scenario_file is None:
            out.problem(trainee, a.name, stem, shown, "damaged", f"no scenario named {stem!r} in this assignment")
            continue
        try:
            scenario = load_scenario_cached(scenario_file)
        except Exception as exc:  # the course's own file: say so rather than blame the trainee
            out.problem(trainee, a.name, stem, shown, "damaged", f"the scenario file has problems ({exc})")
            continue
        cache = caches.get(scenario_file)
        if cache is None:
            cache = caches[scenario_file] = ReplayCache(scenario)
        if stem not in found:
            kept = newest_kept(path)
            if kept is not None:
                _plays, why = read_transcript(kept, scenario, cache)
                out.problem(trainee, a.name, scenario.id, shown, "damaged",
                            f"kept aside as {kept.name}" + (f": {why}" if why else ""))
            else:
                out.problem(trainee, a.name, scenario.id, shown, "not played", "no saved role-play in the submission")
            continue
        plays, why = read_transcript(path, scenario, cache)
        if plays is None:
            out.problem(trainee, a.name, scenario.id, shown, "damaged", why)
        else:
            out.attempts(trainee, a.name, scenario.id, shown, plays, cache)
