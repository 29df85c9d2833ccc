"""The course's own rules for its scenarios, in one place; `selfkind check` applies them.

The format (docs/scenario-format.md) allows any well-formed role-play; a scenario of the
course, one in a module's `scenarios/` folder, must also be big enough to teach with.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..engine.codes import FACILITATIVE, HINDERING

STATE_MIN, STATE_MAX = 0, 10
REQUIRED_STATE = ("shame", "trust")
MIN_DECISION_POINTS = 6
MIN_ENDINGS = 3
MIN_GOOD_ENDINGS = 1
# A node reached with trust or shame this far apart needs lines for the states that reach it.
LINE_SPREAD_WARNING = 6
LINE_SPREAD_STATE = ("trust", "shame")
COURSE_FOLDERS = ("modules", "source")  # modules/NN/scenarios/, course/source/NN/scenarios/


def course_module_of(path: str | Path) -> Optional[str]:
    """The module folder a course scenario lives in, or None for a file outside the course."""
    path = Path(path)
    if path.parent.name == "scenarios" and path.parent.parent.parent.name in COURSE_FOLDERS:
        return path.parent.parent.name
    return None


# As sets, so a choice's codes are tested in one call (the checker asks once per choice).
_HINDERING, _FACILITATIVE = frozenset(HINDERING), frozenset(FACILITATIVE)


def score_contradicts_codes(codes: list[str], score: int) -> Optional[str]:
    """Why a score and its codes disagree (all hindering above 0, all facilitative below 0)."""
    if score > 0 and codes and _HINDERING.issuperset(codes):
        return f"score {score:+d} with only hindering codes ({', '.join(codes)})"
    if score < 0 and codes and _FACILITATIVE.issuperset(codes):
        return f"score {score} with only facilitative codes ({', '.join(codes)})"
    return None

