"""The role-play engine: the scenario model, conditions, play, replay, debrief, routes.

No widgets, no IPython, no file formats of its own: a scenario comes in as a checked
model (selfkind.authoring reads and checks files), a play is one serialisable value, and
a step is `(state, choice) -> (state, turn)`. All of it runs in plain pytest.
"""

from .debrief import Debrief, debrief
from .model import END, Scenario
from .play import PlayError, PlayState, Session, Turn, client_line, offered, start, step
from .transcript import ReplayError, replay

__all__ = [
    "END", "Debrief", "PlayError", "PlayState", "ReplayError", "Scenario", "Session", "Turn", "client_line",
    "debrief", "offered", "replay", "start", "step",
]
