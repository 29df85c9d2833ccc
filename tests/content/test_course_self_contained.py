"""course/ is self-contained: it can be copied to a hub or unpacked on Windows and still release.

Each assignment's scenarios/ holds real copies of its module's scenario files
(modules/NN-slug/scenarios/<same name>), kept identical by `make sync-scenarios`. These tests
cover every assignment folder in course/source, including ones added later.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "course" / "source"
ASSIGNMENTS = sorted(p for p in SOURCE.iterdir() if p.is_dir() and re.match(r"^\d\d-", p.name))
FIX = "run `make sync-scenarios` (authors edit the module's copy, modules/NN-slug/scenarios/)"


def test_nothing_in_course_is_a_symlink():
    links = []
    for folder, dirs, files in os.walk(ROOT / "course"):
        links += [Path(folder, name) for name in dirs + files if Path(folder, name).is_symlink()]
    assert not links, f"symlinks in course/ break a copied or unzipped course: {links}; {FIX}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS, ids=lambda p: p.name)
def test_each_scenario_copy_is_its_modules_file(assignment):
    copies = sorted((assignment / "scenarios").glob("*.yaml"))
    for copy in copies:
        module_file = ROOT / "modules" / assignment.name / "scenarios" / copy.name
        assert module_file.is_file(), f"{copy} has no module file {module_file} to be a copy of"
        assert copy.read_bytes() == module_file.read_bytes(), f"{copy} differs from {module_file}; {FIX}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS, ids=lambda p: p.name)
def test_every_scenario_an_assignment_names_is_in_its_folder(assignment):
    named = set()
    for notebook in assignment.glob("*.ipynb"):
        named |= set(re.findall(r"scenarios/([A-Za-z0-9_-]+\.yaml)", notebook.read_text(encoding="utf-8")))
    for name in sorted(named):
        copy = assignment / "scenarios" / name
        assert copy.is_file() and not copy.is_symlink(), f"{assignment.name} uses scenarios/{name}: {FIX}"


def test_make_sync_scenarios_replaces_a_stale_copy_and_a_symlink(tmp_path):
    (tmp_path / "Makefile").write_bytes((ROOT / "Makefile").read_bytes())
    module = tmp_path / "modules" / "01-x" / "scenarios"
    module.mkdir(parents=True)
    (module / "a.yaml").write_text("id: a\n")
    (module / "b.yaml").write_text("id: b\n")
    course = tmp_path / "course" / "source" / "01-x" / "scenarios"
    course.mkdir(parents=True)
    (course / "a.yaml").write_text("id: stale\n")
    os.symlink("../../../../modules/01-x/scenarios/b.yaml", course / "b.yaml")
    run = subprocess.run([shutil.which("make") or "make", "-s", "sync-scenarios"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (course / "a.yaml").read_text() == "id: a\n"
    assert not (course / "b.yaml").is_symlink() and (course / "b.yaml").read_text() == "id: b\n"
    again = subprocess.run(["make", "-s", "sync-scenarios"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0 and again.stdout == ""  # nothing to do when in sync
