"""`voila modules` serves the course the same outside `make run`.

Voila finds its page template by name in Jupyter's data folders. `pip install .` (and Binder)
install it into the environment's share/jupyter; the editable install used for development
does not install data-files, so the Makefile links the template into .venv/share/jupyter
(tests/binder checks the installed package). Here the course is served by plain
`.venv/bin/voila modules` from the repository, with no JUPYTER_PATH, as an author would run it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, _free_port


def test_plain_voila_modules_renders_with_the_course_template(tmp_path):
    installed = Path(sys.prefix) / "share/jupyter/voila/templates/selfkind/index.html.j2"
    assert installed.exists(), "the template is not in this environment's share/jupyter: run `make run` or `make test`"
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_PATH"}
    env["SELFKIND_HOME"] = str(tmp_path / "home")
    port = _free_port()
    log = open(tmp_path / "voila.log", "w+")
    proc = subprocess.Popen([str(Path(sys.executable).parent / "voila"), "modules", "--no-browser",
                             "--Voila.ip=127.0.0.1", f"--port={port}", "--pool_size=0"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/render/index.ipynb", timeout=120) as r:
                    page = r.read().decode("utf-8")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"Voila did not serve the landing page:\n{log.read()[-3000:]}")
                time.sleep(0.5)
        log.seek(0)
        text = log.read()
        assert "TemplateNotFound" not in text
        assert "cdn.jsdelivr.net" not in page  # the course's template, not Voila's stock lab page
        assert "role', 'main'" in page and "Course modules" in page
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
