"""Every scenario in the course passes the checker with no warning; the checker applies
the course's rules (module folder, decision points, endings, good endings, state-aware lines)."""

from pathlib import Path

import pytest

from selfkind.authoring import check_file

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "modules").glob("*/scenarios/*.yaml"))
MODULES = sorted(p for p in (ROOT / "modules").iterdir() if p.is_dir())


def test_there_are_scenarios():
    assert len(SCENARIOS) >= 2


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_scenario_passes_without_warnings(path):
    problems, scenario = check_file(path)
    assert problems == [], [str(p) for p in problems]
    assert scenario.module == path.parent.parent.name


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_every_module_has_two_role_plays(module):
    assert len(list((module / "scenarios").glob("*.yaml"))) >= 2


def test_scenario_ids_are_unique_across_the_course():
    ids = [check_file(p)[1].id for p in SCENARIOS]
    assert len(ids) == len(set(ids))
