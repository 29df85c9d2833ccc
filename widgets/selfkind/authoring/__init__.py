"""For course authors: scenario files read with their line numbers, checked against the
format and the course's rules (rules.py, one place), and the tools that run without
Jupyter (play in a terminal, list routes, draw the map, stamp choice ids).

    from selfkind.authoring import check_file, load_scenario
"""

from .checker import check_file, load_scenario, summary
from .problems import Problem, ScenarioError

__all__ = ["Problem", "ScenarioError", "check_file", "load_scenario", "summary"]
