"""What the solutions tests (test_solutions_0N.py) share: an assignment's paths, its source
notebook's cells, the calls its hidden tests make, and plays to put those calls to.
"""

import ast
import importlib.util
from dataclasses import dataclass
from pathlib import Path

import nbformat

from selfkind.authoring import load_scenario
from selfkind.engine import offered, start, step
from selfkind.grading import check_roleplay

ROOT = Path(__file__).resolve().parents[2]


def make_transcripts():
    """solutions/make_transcripts.py, loaded as a module: it is a script, in no package."""
    spec = importlib.util.spec_from_file_location("make_transcripts", ROOT / "solutions" / "make_transcripts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Assignment:
    """One nbgrader assignment: its source in course/, its module and its model answers in solutions/."""

    name: str  # e.g. "02-shame-guilt-and-sexuality", the same in course/source/, modules/ and solutions/

    @property
    def source(self) -> Path:
        return ROOT / "course" / "source" / self.name

    @property
    def module(self) -> Path:
        return ROOT / "modules" / self.name

    @property
    def solutions(self) -> Path:
        return ROOT / "solutions" / self.name

    @property
    def notebook(self) -> Path:
        return self.source / f"{self.name}-assignment.ipynb"

    def scenario(self, name):
        """The assignment's own copy of the scenario `name` (its file name without .yaml), loaded."""
        return load_scenario(self.source / "scenarios" / f"{name}.yaml")

    def source_cells(self):
        """The source notebook's nbgrader cells by grade id (read afresh: callers may change them)."""
        nb = nbformat.read(self.notebook, as_version=4)
        return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}

    def hidden_calls(self, name):
        """(args, keywords) of every call to `name` in the source notebook's test cells."""
        found = []
        for grade_id, cell in self.source_cells().items():
            if grade_id.startswith("test-"):
                for node in ast.walk(ast.parse(cell.source)):
                    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == name:
                        found.append(([ast.literal_eval(a) for a in node.args],
                                      {k.arg: ast.literal_eval(k.value) for k in node.keywords}))
        return found

    def roleplay_verdicts(self, transcript, of=None, scenario_file=None):
        """{label: verdict} of the hidden role-play checks put to `transcript` in place of the
        reference transcript each names (only those naming transcripts/`of`.json, if given),
        with each check's own scenario file unless `scenario_file` is given."""
        verdicts = {}
        for (reference, scenario), kw in self.hidden_calls("require_roleplay"):
            if of is not None and reference != f"transcripts/{of}.json":
                continue
            label = kw.pop("label")
            assert label not in verdicts, f"two hidden role-play checks are labelled {label!r}"
            verdicts[label] = check_roleplay(transcript, scenario_file or self.source / scenario, **kw)
        return verdicts


def best_play(scenario, pick=None, opening=None):
    """A finished play with the best-scored choice at every turn, except where
    `pick(node, options)` names a choice id. It opens with `opening` if given."""
    play = start(scenario, opening)
    while not play.finished:
        options = offered(scenario, play)
        choice = (pick and pick(play.node, options)) or max(options, key=lambda o: o[1].score)[0]
        play, _turn = step(scenario, play, choice)
    return play


def choosing(choices):
    """A `pick` for best_play that takes the choice `choices` names at a node ({node: choice id})."""
    return lambda node, _options: choices.get(node)


def critical_at(node):
    """A `pick` for best_play that takes the first safety-critical choice offered at `node`."""
    return lambda at, options: next((cid for cid, c in options if c.critical), None) if at == node else None
