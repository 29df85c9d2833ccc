"""The role-play engine: scenario files, checking, play, transcripts, debrief.

Never imports ipywidgets or IPython, so all of it runs in plain pytest.
"""

from .checker import check_file, load_scenario, summary
from .debrief import Debrief, debrief
from .model import END, Scenario
from .play import PlayError, PlayState, Session, Turn, client_line, offered, start, step
from .problems import Problem, ScenarioError
from .transcript import ReplayError, load_transcript, replay, save_transcript

__all__ = [
    "END", "Debrief", "PlayError", "PlayState", "Problem", "ReplayError", "Scenario",
    "ScenarioError", "Session", "Turn", "check_file", "client_line", "debrief",
    "load_scenario", "load_transcript", "offered", "replay", "save_transcript",
    "start", "step", "summary",
]
