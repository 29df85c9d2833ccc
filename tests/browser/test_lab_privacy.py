"""`make lab` (and Binder) start JupyterLab with the course's config: no news feed, no update check."""

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_jupyterlab_fetches_no_news_and_checks_no_updates(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    jupyter = Path(sys.executable).parent / "jupyter"
    proc = subprocess.Popen([str(jupyter), "lab", "--config=jupyter_lab_config.py", "--no-browser", "--allow-root",
                             "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.token=t",
                             f"--ServerApp.root_dir={ROOT / 'modules'}"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token=t", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.3)
        else:
            raise AssertionError("JupyterLab did not start")
        config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S).group(1))
        assert config["news"] == {"disabled": True}
        checker = urllib.request.urlopen(f"http://127.0.0.1:{port}/lab/api/update?token=t", timeout=10).read()
        assert json.loads(checker)["notification"] is None
    finally:
        proc.terminate()
        proc.wait(timeout=20)
