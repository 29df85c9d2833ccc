"""A course's assignments, discovered from its folder: course/source/NN-slug/.

Each assignment is a folder holding one notebook, its scenarios/*.yaml and the role-plays
the notebook grades (`transcripts/<scenario>.json`, found in the notebook's text). New
assignments join the dashboard and the demo cohort without any list to edit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

ASSIGNMENT_DIR = re.compile(r"^\d\d-[a-z0-9-]+$")
TRANSCRIPT_REF = re.compile(r"transcripts/([A-Za-z0-9_-]+)\.json")


@dataclass(frozen=True)
class AssignmentInfo:
    name: str  # the folder name, which is nbgrader's assignment id
    title: str  # the notebook's first heading
    folder: Path
    notebook: Optional[Path]
    scenarios: dict[str, Path] = field(default_factory=dict)  # scenario file stem -> yaml, every one
    graded: tuple[str, ...] = ()  # scenario stems whose transcripts the notebook grades

    def scenario_file(self, stem: str) -> Optional[Path]:
        return self.scenarios.get(stem)


def _title(notebook: Path, fallback: str) -> str:
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        first = next(c for c in cells if c.get("cell_type") == "markdown")
        source = first.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        heading = next(line[2:].strip() for line in source.splitlines() if line.startswith("# "))
        return heading or fallback
    except (OSError, ValueError, StopIteration, AttributeError):
        return fallback


def read_assignment(folder: Path) -> AssignmentInfo:
    notebooks = sorted(folder.glob("*.ipynb"))
    notebook = next((n for n in notebooks if n.stem.endswith("-assignment")), notebooks[0] if notebooks else None)
    scenarios = {p.stem: p for p in sorted((folder / "scenarios").glob("*.yaml"))}
    graded: tuple[str, ...] = ()
    title = folder.name
    if notebook is not None:
        text = notebook.read_text(encoding="utf-8", errors="replace")
        graded = tuple(dict.fromkeys(s for s in TRANSCRIPT_REF.findall(text) if s in scenarios))
        title = _title(notebook, folder.name)
    return AssignmentInfo(folder.name, title, folder, notebook, scenarios, graded)


def course_assignments(course: str | Path) -> list[AssignmentInfo]:
    """Every assignment under `course`/source/, in course order (empty if there is none)."""
    source = Path(course) / "source"
    if not source.is_dir():
        return []
    return [read_assignment(p) for p in sorted(source.iterdir()) if p.is_dir() and ASSIGNMENT_DIR.match(p.name)]


@lru_cache(maxsize=256)
def scenario_at(path: str, mtime: float):
    """The scenario in `path` (cached while the file is unchanged); ScenarioError if it has problems."""
    from ..authoring import load_scenario

    return load_scenario(path)


def load_scenario_cached(path: Path):
    return scenario_at(str(path), path.stat().st_mtime)
