"""Replaying many transcripts of one scenario fast, with exactly the engine's rules.

A scenario is deterministic: the play after a given sequence of choice ids is always the
same. So each distinct prefix (a node of a trie keyed by choice id) is stepped through the
engine once and remembered with the attempt record the engine itself would write for it
(`PlayState.model_dump(mode="json")`). A recorded attempt is accepted only if it is that
record exactly (one comparison in C) and each of its numbers is an int (Python says
`True == 1 == 1.0`; the store refuses both), in a file holding no key the engine does not
write. A cohort of a thousand trainees walks a few thousand distinct prefixes, so almost
every file costs a parse, a walk and a comparison. Files are parsed by orjson, which
refuses everything the store's parser refuses (and a little more: those go to the store).

`ReplayCache._grow` is the engine's `step` without the Turn (the client's reply, thought
and feedback, which replaying does not need), writing the record as the engine does;
tests check it against the engine's own play and record on every course scenario. Scores
are the debrief's: points over the best option's points at each turn taken (`Score`).
Anything that is not exactly the engine's record returns None; the caller then reads the
file through the transcript store, whose verdict and reason (in words) are authoritative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np
import orjson
import pandas as pd

from ..engine import END, PlayState, Scenario, start
from ..engine.codes import HINDERING
from ..engine.play import HI, LO, with_choice
from ..engine.transcript import FORMAT

MAX_PREFIXES = 200_000  # far beyond any real scenario; a bound on memory for absurd cohorts


ENGINE_KEYS = frozenset({"format", "version", "scenario", "title", "saved_at", "attempts"})


def parse_for_matching(raw: bytes):
    """JSON for `ReplayCache.prefixes`, parsed by orjson: strict UTF-8 and JSON, no NaN, no
    integers beyond 64 bits. A ValueError or RecursionError for anything it refuses, which
    the caller then gives to the transcript store to judge and name."""
    return orjson.loads(raw)


def _opt_str(value) -> bool:
    return value is None or type(value) is str


def _whole_numbers(record: dict) -> bool:
    """Each number the engine writes is an int: `true` and `1.0` equal 1 in Python, and the
    record compared equal, but the store refuses them."""
    for value in record["state"].values():
        if type(value) is not int:
            return False
    for step in record["steps"]:
        if type(step["score"]) is not int:
            return False
        for value in step["state_after"].values():
            if type(value) is not int:
                return False
    return True


@dataclass(frozen=True)
class Score:
    """The debrief's score of a play: points over the best points at each turn taken."""

    points: int
    best_points: int
    best: tuple[int, ...]  # the best option's score at each turn

    @property
    def share(self) -> float:
        return max(0, self.points) / self.best_points if self.best_points > 0 else 0.0


class StepTable:
    """One row per distinct step (a prefix's last step), shared by every trainee who made it.
    The steps frame takes its columns from here by row number (see transcripts._Collector)."""

    COLUMNS = ("node", "choice", "codes", "score", "best_score", "hindering", "judge", "critical")

    def __init__(self):
        self.rows: list[tuple] = []  # in COLUMNS order
        self.states: dict[tuple, tuple[list, list]] = {}  # state names -> (rows, values after each row's step)

    def add(self, step: dict, best: int) -> int:
        codes, after, row = step["codes"], step["state_after"], len(self.rows)
        self.rows.append((step["node"], step["choice"], ",".join(codes), step["score"], best,
                          any(c in HINDERING for c in codes), "judge" in codes, step["critical"]))
        rows, values = self.states.setdefault(tuple(after), ([], []))
        rows.append(row)
        values.append(tuple(after.values()))
        return row

    def __len__(self) -> int:
        return len(self.rows)

    def extend(self, other: "StepTable") -> int:
        """Append `other`'s rows; returns the number its first row now has."""
        offset = len(self.rows)
        self.rows += other.rows
        for names, (rows, values) in other.states.items():
            mine = self.states.setdefault(names, ([], []))
            mine[0].extend(row + offset for row in rows)
            mine[1].extend(values)
        return offset

    def state_columns(self, taken: np.ndarray) -> dict[str, pd.arrays.IntegerArray]:
        """`state_<name>` for the rows `taken`, one column per name any of them has (NA where a
        scenario has no such state), in name order."""
        used = np.zeros(len(self.rows), dtype=bool)
        used[taken] = True
        shapes = [(names, np.array(rows, dtype=np.intp), values) for names, (rows, values) in self.states.items()]
        shapes = [shape for shape in shapes if shape[0] and used[shape[1]].any()]
        names = sorted({name for shape in shapes for name in shape[0]})
        where = {name: i for i, name in enumerate(names)}
        grid = np.zeros((len(self.rows), len(names)), dtype=np.int64)
        missing = np.ones((len(self.rows), len(names)), dtype=bool)
        for shape_names, rows, values in shapes:
            cols = [where[name] for name in shape_names]
            grid[np.ix_(rows, cols)] = np.array(values, dtype=np.int64).reshape(len(rows), len(cols))
            missing[np.ix_(rows, cols)] = False
        return {f"state_{name}": pd.arrays.IntegerArray(grid[taken, i], missing[taken, i])
                for name, i in where.items()}


class Prefix:
    """The play after one sequence of choices (a trie node keyed by choice id), with the
    attempt record the engine writes for it and what the frames need of it."""

    __slots__ = ("node", "state", "facts", "ending", "kids", "record", "rows", "points", "best_points", "critical",
                 "judge", "hindering", "summary")

    def __init__(self, record: dict, facts, parent: Optional["Prefix"] = None, row: Optional[int] = None,
                 best: int = 0, table: Optional[StepTable] = None):
        self.node, self.state, self.ending = record["node"], record["state"], record["ending"]
        self.facts, self.kids, self.record = facts, {}, record
        if parent is None:
            self.rows = ()
            self.points = self.best_points = self.critical = self.judge = self.hindering = 0
        else:
            _node, _choice, _codes, score, _best, hindering, judge, critical = table.rows[row]
            self.rows = (*parent.rows, row)
            self.points, self.best_points = parent.points + score, parent.best_points + best
            self.critical, self.judge = parent.critical + critical, parent.judge + judge
            self.hindering = parent.hindering + hindering
        share = max(0, self.points) / self.best_points if self.best_points > 0 else 0.0
        self.summary = ("finished" if self.finished else "unfinished", self.finished, self.ending, len(self.rows),
                        self.points, self.best_points, share if self.finished else float("nan"), self.critical,
                        self.judge, self.hindering)  # the plays frame's columns from status to hindering

    @property
    def finished(self) -> bool:
        return self.ending is not None

    @property
    def play(self) -> PlayState:
        return PlayState.model_validate(self.record)


class ReplayCache:
    def __init__(self, scenario: Scenario, table: Optional[StepTable] = None):
        self.scenario = scenario
        self.table = table if table is not None else StepTable()
        self.best = {node_id: max(c.score for c in node.choices) for node_id, node in scenario.nodes.items()}
        self.offers = {node_id: {node.choice_id(node_id, i): c for i, c in enumerate(node.choices)}
                       for node_id, node in scenario.nodes.items()}  # as `offered` gives them at each node
        self.roots: dict[tuple, Prefix] = {}  # by opening state (() for the scenario's own)
        self.size = 0
        self.root = self.root_for(None)

    def root_for(self, opening: Optional[dict]) -> Prefix:
        key = tuple(sorted(opening.items())) if opening is not None else ()
        root = self.roots.get(key)
        if root is None:
            play = start(self.scenario, opening)
            root = self.roots[key] = Prefix(play.model_dump(mode="json"), play.facts)
        return root

    def _grow(self, prefix: Prefix, choice_id) -> Optional[Prefix]:
        """The prefix after `choice_id`, stepped as the engine's `step` steps (without the Turn:
        the client's reply, thought and feedback, which cost most of a step); None if not offered."""
        if prefix.ending is not None or type(choice_id) is not str:
            return None
        choice = self.offers[prefix.node].get(choice_id)
        if choice is None:
            return None
        effects = choice.change_for(prefix.state, prefix.facts)
        after = {k: max(LO, min(HI, v + effects.get(k, 0))) for k, v in prefix.state.items()}
        made = {"node": prefix.node, "choice": choice_id, "text": choice.text, "codes": list(choice.codes),
                "score": choice.score, "state_after": after, "critical": choice.critical is not None}
        facts = with_choice(prefix.facts, choice_id, choice)
        ending = self.scenario.ending_for(after, facts).id if choice.next == END else None
        record = {**prefix.record, "node": None if ending is not None else choice.next, "state": after,
                  "steps": [*prefix.record["steps"], made], "ending": ending}
        best = self.best[prefix.node]
        kid = Prefix(record, facts, prefix, self.table.add(made, best), best, self.table)
        if self.size < MAX_PREFIXES:
            prefix.kids[choice_id] = kid
            self.size += 1
        return kid

    def prefix_of(self, play: PlayState) -> Optional[Prefix]:
        """The prefix of a play the transcript store replayed (None only if `_grow` disagrees with the engine)."""
        prefix = self.root_for(play.opening)
        for s in play.steps:
            prefix = prefix.kids.get(s.choice) or self._grow(prefix, s.choice)
            if prefix is None:
                return None
        return prefix

    def score(self, play: PlayState) -> Score:
        best = tuple(self.best[s.node] for s in play.steps)
        return Score(sum(s.score for s in play.steps), sum(best), best)

    def prefixes(self, data) -> Optional[list[Prefix]]:
        """The attempts of version-2 transcript JSON (from `parse_for_matching`) as prefixes,
        or None unless each attempt is exactly what the engine writes."""
        if not (type(data) is dict and data.keys() <= ENGINE_KEYS and data.get("format") == FORMAT
                and type(data.get("version")) is int
                and data["version"] == 2 and data.get("scenario") == self.scenario.id
                and _opt_str(data.get("title")) and _opt_str(data.get("saved_at"))):
            return None
        records = data.get("attempts")
        if type(records) is not list or not records:
            return None
        found = []
        for record in records:
            prefix = self._match(record)
            if prefix is None:
                return None
            found.append(prefix)
        return found

    def _match(self, record) -> Optional[Prefix]:
        prefix = self.root
        try:
            for s in record["steps"]:
                prefix = prefix.kids.get(s["choice"]) or self._grow(prefix, s["choice"])
                if prefix is None:
                    return None
            if record != prefix.record or not _whole_numbers(record):
                return None
        except (TypeError, KeyError, AttributeError):  # not the shape the engine writes
            return None
        return prefix

    def attempts(self, data) -> Optional[list[PlayState]]:
        """The replayed attempts of transcript JSON, or None if anything is not the engine's record."""
        found = self.prefixes(data)
        return None if found is None else [p.play for p in found]
