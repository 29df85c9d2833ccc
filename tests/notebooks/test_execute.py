"""Module notebooks run in a real kernel, and a play resumes across a kernel restart."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p for p in (ROOT / "modules").glob("*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)
WIDGET = "application/vnd.jupyter.widget-view+json"

pytestmark = pytest.mark.notebooks


def execute(nb, cwd):
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name)
def test_module_executes_and_shows_its_widgets(path, private_home):
    nb = execute(nbformat.read(path, as_version=4), path.parent)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
        assert not [o for o in cell.outputs if o.get("name") == "stderr"], cell.source
        if "(" in cell.source and not cell.source.startswith(("from ", "import ")):
            assert any(WIDGET in o.get("data", {}) for o in cell.outputs), f"no widget shown by: {cell.source}"


def code_notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def test_a_play_resumes_exactly_after_a_kernel_restart(tmp_path, example_path):
    transcript = tmp_path / "play.json"
    setup = (f"from selfkind.ui import RolePlay\nrp = RolePlay.from_file({str(example_path)!r}, transcript={str(transcript)!r})\n"
             "def click(start):\n    [b] = [b for b in rp.choice_buttons if b.description.startswith(start)]\n    b.click()")
    first = execute(code_notebook(setup, "click('You really need')\nprint(rp.session.play.node, rp.session.play.state)"), tmp_path)
    assert first.cells[1].outputs[0].text.strip() == "softer {'shame': 7, 'trust': 3}"
    assert transcript.exists()
    # A new kernel: nothing in memory survives, only the transcript on disk.
    second = execute(code_notebook(
        setup,
        "print(rp.session.play.node, rp.session.play.state, len(rp.session.play.steps))\n"
        "print(rp.session.line)",
        "click('What do you say')\nprint(rp.session.play.ending)",
    ), tmp_path)
    assert second.cells[1].outputs[0].text.splitlines() == [
        "softer {'shame': 7, 'trust': 3} 1", "Maybe. I don't know. Can we talk about something else?"]
    assert second.cells[2].outputs[0].text.strip() == "polite-distance"
