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

import numpy as np
import pandas as pd

from ..engine.collector import collector_paused
from ..stores.kept import MARK, newest_kept
from ..stores.transcripts import TranscriptStore
from .assignments import AssignmentInfo, course_assignments, load_scenario_cached
from .replay_cache import Prefix, ReplayCache, StepTable, parse_for_matching

STEP_BASE = ["trainee", "assignment", "scenario", "attempt", "turn", "node", "choice", "codes", "score",
             "best_score", "hindering", "judge", "critical"]
PLAY_COLUMNS = ["trainee", "assignment", "scenario", "file", "attempt", "attempts", "status", "finished", "ending",
                "turns", "points", "best_points", "share", "critical", "judge", "hindering", "graded", "problem"]
STEP_TYPES = {"attempt": "int64", "turn": "int64", "score": "int64", "best_score": "int64", "hindering": bool,
              "judge": bool, "critical": bool}


@dataclass(frozen=True)
class TranscriptFrames:
    plays: pd.DataFrame
    steps: pd.DataFrame


def read_transcript(path: Path, scenario, cache: Optional[ReplayCache] = None):
    """(attempts, None) or (None, why the file cannot be used). Read-only; never raises."""
    prefixes, why = read_prefixes(Path(path), cache if cache is not None else ReplayCache(scenario))
    return (None, why) if prefixes is None else ([p.play for p in prefixes], None)


def read_prefixes(path: str | Path, cache: ReplayCache) -> tuple[Optional[list[Prefix]], Optional[str]]:
    """A file's attempts as replayed prefixes, or (None, why) in the store's words. The fast path
    accepts only the engine's exact record; anything else is judged by the transcript store."""
    try:
        raw = _small_file(path)
        if raw is not None:
            prefixes = cache.prefixes(parse_for_matching(raw))
            if prefixes is not None:
                return prefixes, None
    except (OSError, RecursionError, MemoryError, ValueError):
        pass  # the store below names the reason
    reading = TranscriptStore(Path(path), cache.scenario).read()
    if reading.problem is not None:
        return None, reading.problem.reason
    if reading.value is None:
        return None, "the file disappeared while it was being read"
    prefixes = [cache.prefix_of(play) for play in reading.value.plays]
    if any(p is None for p in prefixes):  # the engine and the fast replay disagree: say so, never guess
        return None, "the analytics could not replay it as the engine did"
    return prefixes, None


MAX_FAST_BYTES = 2_000_000  # a bigger file (none is real) goes to the store, which names its size


def _small_file(path) -> Optional[bytes]:
    """The bytes of a file up to MAX_FAST_BYTES, read in one call sized by the file (a buffer
    of the largest size for each small file cost more than the parsing); None otherwise."""
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        if size > MAX_FAST_BYTES:
            return None
        raw = os.read(fd, size + 1)
        return raw if len(raw) == size else None  # changed while read: the store reads it again
    finally:
        os.close(fd)


class _Collector:
    """Rows of both frames, gathered trainee by trainee. A step is a row number in the shared
    step table (one row per distinct prefix), so a step costs an int, not a tuple."""

    def __init__(self):
        self.table = StepTable()
        self.rows: list[int] = []  # the table row of each step, in frame order
        self.attempts_with_steps: list[tuple] = []  # (trainee, assignment, scenario, attempt, number of steps)
        self.plays: list[tuple] = []  # in PLAY_COLUMNS order

    def problem(self, trainee, assignment, scenario, file, status, why):
        self.plays.append((trainee, assignment, scenario, file, pd.NA, 0, status, False, None, 0, 0, 0, float("nan"),
                           0, 0, 0, False, why))

    def attempts(self, trainee, assignment, scenario_id, file, prefixes: list[Prefix]):
        graded_done = False
        for number, p in enumerate(prefixes, 1):
            graded = p.finished and not graded_done
            graded_done = graded_done or graded
            self.plays.append((trainee, assignment, scenario_id, file, number, len(prefixes), *p.summary, graded, None))
            if p.rows:
                self.rows.extend(p.rows)
                self.attempts_with_steps.append((trainee, assignment, scenario_id, number, len(p.rows)))

    def merge(self, part: "_Collector") -> None:
        """Append a worker's rows (its table rows are numbered after this one's)."""
        offset = self.table.extend(part.table)
        self.rows += [row + offset for row in part.rows]
        self.attempts_with_steps += part.attempts_with_steps
        self.plays += part.plays

    def frames(self) -> TranscriptFrames:
        plays = pd.DataFrame.from_records(self.plays, columns=PLAY_COLUMNS)
        plays["attempt"] = plays["attempt"].astype("Int64")
        for col in ("finished", "graded"):
            plays[col] = plays[col].astype(bool)
        return TranscriptFrames(plays, self._steps())

    def _steps(self) -> pd.DataFrame:
        if not self.rows:
            return pd.DataFrame.from_records([], columns=STEP_BASE).astype(STEP_TYPES)
        rows = np.array(self.rows, dtype=np.intp)
        per_attempt = list(zip(*self.attempts_with_steps))
        counts = np.array(per_attempt[4], dtype=np.intp)
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        columns = {name: np.repeat(np.array(values, dtype=object), counts)
                   for name, values in zip(STEP_BASE[:3], per_attempt[:3])}
        columns["attempt"] = np.repeat(np.array(per_attempt[3], dtype=np.int64), counts)
        columns["turn"] = np.arange(1, len(rows) + 1, dtype=np.int64) - starts
        for name, values in zip(StepTable.COLUMNS, zip(*self.table.rows)):
            columns[name] = np.array(values, dtype=object if name in ("node", "choice", "codes") else None)[rows]
        columns.update(self.table.state_columns(rows))
        return pd.DataFrame(columns).astype(STEP_TYPES)


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
    PARALLEL_FROM trainees), each taking a run of consecutive trainees; the frames are the same."""
    with collector_paused():
        return _load(Path(course), assignments, workers)


def _load(course: Path, assignments: Optional[list[AssignmentInfo]], workers: Optional[int]) -> TranscriptFrames:
    assignments = course_assignments(course) if assignments is None else assignments
    people = list(submissions(course))
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if len(people) > PARALLEL_FROM else 1
    if workers < 2 or len(people) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _collect(people, assignments).frames()
    first = len(people) * 9 // (10 * workers)  # this process also joins the parts: a shorter run
    size = max(1, -(-(len(people) - first) // (workers - 1)))
    chunks = [people[:first], *(people[i:i + size] for i in range(first, len(people), size))]
    for a in assignments:  # load (and check) each scenario once, before the workers are forked
        for path in a.scenarios.values():
            try:
                load_scenario_cached(path)
            except Exception:
                pass  # collect_assignment names the problem
    try:  # this process reads the first run of trainees while forked workers read the others
        with multiprocessing.get_context("fork").Pool(len(chunks) - 1) as pool:
            pending = pool.starmap_async(_collect, [(chunk, assignments) for chunk in chunks[1:]])
            out = _collect(chunks[0], assignments)
            parts = pending.get()
    except OSError:
        return _collect(people, assignments).frames()
    for part in parts:  # consecutive runs of trainees: joined in order, nothing to sort
        out.merge(part)
    return out.frames()


def _collect(people: list[tuple[str, Path]], assignments: list[AssignmentInfo]) -> "_Collector":
    out, caches = _Collector(), {}
    for trainee, folder in people:
        for a in assignments:
            where = f"{folder}/{a.name}"
            names = _transcript_names(f"{where}/transcripts")
            if names is not None or os.path.isdir(where):  # one listing per submission, mostly
                collect_assignment(out, caches, trainee, a, where, names or [])
    return out


def _transcript_names(folder: str) -> Optional[list[str]]:
    """`*.json` in `folder` (as pathlib's glob finds them), not files kept aside, sorted;
    None if `folder` cannot be listed."""
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    return sorted(n for n in names if n.endswith(".json") and f".{MARK}-" not in n)


def _stem(name: str) -> str:
    """`Path(name).stem` for a name ending in .json (a name that is only `.json` has no suffix)."""
    return name[:-5] if len(name) > 5 else name


def _cache_for(out: _Collector, caches: dict, scenario_file: Path):
    """The replay cache of a scenario file, or the reason it cannot be used (once per file)."""
    cache = caches.get(scenario_file)
    if cache is None:
        try:
            cache = ReplayCache(load_scenario_cached(scenario_file), out.table)
        except Exception as exc:  # the course's own file: say so rather than blame the trainee
            cache = f"the scenario file has problems ({exc})"
        caches[scenario_file] = cache
    return cache


def collect_assignment(out: _Collector, caches: dict, trainee: str, a: AssignmentInfo, where,
                       names: Optional[list[str]] = None) -> None:
    """Rows for one submitted assignment (`where`); `names`: its transcripts folder's listing."""
    folder = f"{where}/transcripts"
    names = (_transcript_names(folder) or []) if names is None else names
    found = {_stem(name): name for name in names}
    for stem in dict.fromkeys([*a.graded, *found]):
        name = found.get(stem, f"{stem}.json")
        shown = f"{a.name}/transcripts/{name}"
        scenario_file = a.scenario_file(stem)
        if scenario_file is None:
            out.problem(trainee, a.name, stem, shown, "damaged", f"no scenario named {stem!r} in this assignment")
            continue
        cache = _cache_for(out, caches, scenario_file)
        if isinstance(cache, str):
            out.problem(trainee, a.name, stem, shown, "damaged", cache)
            continue
        scenario_id = cache.scenario.id
        path = f"{folder}/{name}"
        if stem not in found:
            kept = newest_kept(path)
            if kept is not None:
                _prefixes, why = read_prefixes(kept, cache)
                out.problem(trainee, a.name, scenario_id, shown, "damaged",
                            f"kept aside as {kept.name}" + (f": {why}" if why else ""))
            else:
                out.problem(trainee, a.name, scenario_id, shown, "not played", "no saved role-play in the submission")
            continue
        prefixes, why = read_prefixes(path, cache)
        if prefixes is None:
            out.problem(trainee, a.name, scenario_id, shown, "damaged", why)
        else:
            out.attempts(trainee, a.name, scenario_id, shown, prefixes)
