"""Every module notebook is valid, output-free, and has the episode shape of COURSE.md."""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p for p in (ROOT / "modules").glob("*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)
ALL_NOTEBOOKS = sorted(p for p in ROOT.rglob("*.ipynb")
                       if not {".venv", ".ipynb_checkpoints", "artifacts"} & set(p.parts))
CALL = re.compile(r"""(\w+)(?:\.from_file)?\(\s*["']([^"']+)["'](?:\s*,\s*["']([^"']+)["'])?""")


def load(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    return nb


def test_every_module_has_a_notebook():
    modules = [p for p in (ROOT / "modules").iterdir() if p.is_dir()]
    assert modules and all(list(m.glob("*.ipynb")) for m in modules)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_without_outputs(path):
    for cell in load(path).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"clear the outputs of {path.name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name)
def test_episode_shape(path):
    nb = load(path)
    assert nb.metadata.kernelspec.name == "python3"  # Voila needs a kernelspec
    first, last = nb.cells[0], nb.cells[-1]
    assert first.cell_type == "markdown" and "Questions" in first.source and "Objectives" in first.source
    assert last.cell_type == "markdown" and last.source.lstrip().startswith("## Key points")
    text = "\n".join(c.source for c in nb.cells)
    assert "References" in text
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    # A CapstoneCase holds several sessions, each a role-play (module 06's case holds three).
    plays = sum("RolePlay" in c for c in code[1:]) + sum(c.count(".yaml") for c in code[1:] if "CapstoneCase" in c)
    assert plays >= 2, "at least two role-plays"
    assert any("QuickCheck" in c for c in code) and any("Journal" in c for c in code)
    instructor = [c for c in nb.cells if "instructor" in c.metadata.get("tags", [])]
    assert instructor, "instructor notes are tagged `instructor`"
    # Voila removes them; in JupyterLab they start collapsed, out of a trainee's way.
    assert all(c.metadata.get("jupyter", {}).get("source_hidden") for c in instructor)
    untagged = [c for c in nb.cells if "instructor" not in c.metadata.get("tags", [])]
    assert not any("Instructor notes" in c.source for c in untagged), "untagged instructor notes would show to trainees"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name)
def test_widget_cells_name_files_and_checks_that_exist(path):
    from selfkind.exercises.quickcheck import load_checks

    checks = None
    for cell in load(path).cells:
        if cell.cell_type != "code":
            continue
        for kind, file, item in CALL.findall(cell.source):
            if kind == "RolePlay":
                assert (path.parent / file).is_file(), f"{path.name}: {file} does not exist"
            if kind == "QuickCheck":
                checks = checks or {c.id for c in load_checks(path.parent / file)}
                assert item in checks, f"{path.name}: no quick check {item!r} in {file}"
