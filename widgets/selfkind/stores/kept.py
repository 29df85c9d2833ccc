"""The one naming scheme for files kept aside, never deleted: `<stem>.kept-<why>-<time><suffix>`.

e.g. `answers.kept-damaged-20261125-213000.json`. Every store uses it; the grader finds
such files with `find_kept`, and the course's nbgrader config keeps them in submissions
(they are the trainee's data, and the reason for a grade). Only here are the names made.
"""

from __future__ import annotations

import enum
import os
import time
from pathlib import Path
from typing import Optional

MARK = "kept"


class Why(str, enum.Enum):
    """Why a file was kept aside; the value is part of its new name."""

    DAMAGED = "damaged"  # not readable as this kind of file
    UNREPLAYABLE = "unreplayable"  # a transcript whose steps do not fit the scenario
    NEWER = "newer"  # written by a newer Selfkind than this one
    PREVIOUS = "previous"  # an earlier export, replaced by a new one


def kept_name(path: Path, why: Why) -> Path:
    """A free name beside `path` under the scheme."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1000):
        extra = f"-{n}" if n else ""
        candidate = path.with_name(f"{path.stem}.{MARK}-{Why(why).value}-{stamp}{extra}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(f"no free name beside {path}")


def move_aside(path: str | Path, why: Why) -> Path:
    """Rename `path` out of the way (never deleting it); return its new name. OSError if it cannot."""
    path = Path(path)
    target = kept_name(path, why)
    os.replace(path, target)
    return target


def find_kept(path: str | Path) -> list[Path]:
    """Every file kept aside in place of `path`, oldest first."""
    path = Path(path)
    found = list(path.parent.glob(f"{path.stem}.{MARK}-*{path.suffix}"))
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def newest_kept(path: str | Path) -> Optional[Path]:
    found = find_kept(path)
    return found[-1] if found else None


# For nbgrader's CourseDirectory.ignore: the lock and temporary files are not trainee data.
NOT_TRAINEE_DATA = [".*.lock", ".*.tmp"]
