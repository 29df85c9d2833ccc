"""`voila modules` serves the course the same outside `make run`.

Voila finds its page template by name in Jupyter's data folders. `pip install .` (and Binder)
install it into the environment's share/jupyter; the editable install used for development
does not install data-files, so the Makefile links the template into .venv/share/jupyter
(tests/binder checks the installed package). Here the course is served by plain
`.venv/bin/voila modules` from the repository, with no JUPYTER_PATH, as an author would run it.
"""

from __future__ import annotations

import os
import sys
import urllib.request
from pathlib import Path

from conftest import ROOT, voila


def test_plain_voila_modules_renders_with_the_course_template(tmp_path):
    installed = Path(sys.prefix) / "share/jupyter/voila/templates/selfkind/index.html.j2"
    assert installed.exists(), "the template is not in this environment's share/jupyter: run `make run` or `make test`"
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_PATH"}
    env["SELFKIND_HOME"] = str(tmp_path / "home")
    with voila(["modules", "--pool_size=0"], cwd=ROOT, env=env, probe="voila/render/index.ipynb",
               log_path=tmp_path / "voila.log") as (url, _proc, log):
        with urllib.request.urlopen(f"{url}voila/render/index.ipynb", timeout=120) as r:
            page = r.read().decode("utf-8")
        log.seek(0)
        assert "TemplateNotFound" not in log.read()
    assert "cdn.jsdelivr.net" not in page  # the course's template, not Voila's stock lab page
    assert "role', 'main'" in page and "Course modules" in page
