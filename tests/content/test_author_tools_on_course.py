"""`selfkind play`, `routes` and `map` work on every scenario the course ships (issue 13)."""

from __future__ import annotations

import html
import io
import re
import shutil
from pathlib import Path

import pytest

from selfkind.authoring import load_scenario
from selfkind.cli import _author_tool

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "modules").glob("*/scenarios/*.yaml"))


def test_the_course_has_scenarios():
    assert len(SCENARIOS) >= 15


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_routes_lists_the_scenarios_routes_with_scores_and_endings(path):
    out = io.StringIO()
    assert _author_tool("routes", str(path), out=out) == 0
    text = out.getvalue()
    count = int(re.search(rf"{re.escape(load_scenario(path).id)}: (\d+) routes", text).group(1))
    assert count >= 1
    scores = [int(m) for m in re.findall(r"^\s*(-?\d+)%", text, re.M)]
    assert scores and scores == sorted(scores, reverse=True)  # best first
    assert "endings reached:" in text


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_play_reaches_the_debrief_choosing_the_first_choice_each_turn(path):
    out = io.StringIO()
    _author_tool("play", str(path), out=out, ask=lambda prompt: "1")
    text = out.getvalue()
    assert "[turn 1; state " in text
    assert re.search(r"^Ending: .+ \(.+\)$", text, re.M), text[-500:]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_map_draws_every_node_of_the_scenario(path, tmp_path):
    svg_path = tmp_path / "map.svg"
    assert _author_tool("map", str(path), out=io.StringIO(), output=str(svg_path)) == 0
    svg = html.unescape(svg_path.read_text(encoding="utf-8"))
    assert "<svg" in svg
    missing = [node for node in load_scenario(path).nodes if node not in svg]
    assert missing == []
