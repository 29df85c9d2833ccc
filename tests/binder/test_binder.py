"""Binder: repo2docker reads our configuration (offline), and Binder's install steps, replayed
in a fresh virtual environment, give a course whose every module executes."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.binder


def test_repo2docker_builds_python_311_and_installs_the_course():
    repo2docker = Path(sys.executable).parent / "jupyter-repo2docker"
    run = subprocess.run([str(repo2docker), "--no-build", "--debug", str(ROOT)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    dockerfile = run.stdout + run.stderr
    assert "python=3.11" in dockerfile  # pandas 3 needs 3.11+; without runtime.txt it would be 3.10
    copy_repo = dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    install = dockerfile.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    assert copy_repo < install  # the course is installed from the repository's own files
    assert dockerfile.index("binder/postBuild") > install  # then JupyterLab is made private


def test_readme_badges_open_lab_and_the_voila_landing_page():
    readme = (ROOT / "README.md").read_text()
    paths = re.findall(r"mybinder\.org/v2/gh/[^?\s)]+\?urlpath=([^\s)]+)", readme)
    assert any(p.startswith("lab/tree/") for p in paths), paths
    assert any(p.startswith("voila/render/") for p in paths), paths
    for path in paths:
        target = path.split("/", 2)[2]
        assert (ROOT / target).exists(), f"a badge opens {target}, which does not exist"


SMOKE = textwrap.dedent("""
    import os, sys, sysconfig
    from pathlib import Path
    import nbformat
    from nbclient import NotebookClient
    template = Path(sys.prefix) / "share/jupyter/voila/templates/selfkind/index.html.j2"
    assert template.exists(), f"Voila template not installed at {template}"
    for path in sorted(Path("modules").glob("*/*.ipynb")) + [Path("modules/index.ipynb")]:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, f"{path}: {errors[0]['ename']}: {errors[0]['evalue']}"
        print("executed", path)
    # Voila serves the course from the repository with the installed template, as `make run` does
    import socket, subprocess, time, urllib.request
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    voila = subprocess.Popen([str(Path(sys.executable).parent / "voila"), "modules", "--no-browser",
                              "--Voila.ip=127.0.0.1", f"--port={port}", "--pool_size=0"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(240):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/render/index.ipynb", timeout=120).read()
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("voila modules did not serve the landing page")
        assert b"cdn.jsdelivr.net" not in page and b"Course modules" in page
        print("served by voila")
    finally:
        voila.terminate()
""")


def test_binder_install_steps_in_a_fresh_environment_run_every_module(tmp_path):
    env_dir = tmp_path / "binder-env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"],
                             cwd=ROOT, capture_output=True, text=True, timeout=1500)
    assert install.returncode == 0, install.stderr[-3000:]
    home = tmp_path / "home"
    env = {"PATH": f"{env_dir / 'bin'}:/usr/bin:/bin", "HOME": str(home), "SELFKIND_HOME": str(home / ".selfkind")}
    post = subprocess.run(["bash", "binder/postBuild"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert post.returncode == 0, post.stderr
    assert "NeverCheckForUpdate" in (home / ".jupyter" / "jupyter_lab_config.py").read_text()
    run = subprocess.run([str(python), "-c", SMOKE], cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    modules = sorted(ROOT.glob("modules/*/*.ipynb"))
    assert run.stdout.count("executed") == len(modules) + 1
    assert "served by voila" in run.stdout
