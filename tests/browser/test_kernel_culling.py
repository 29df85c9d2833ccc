"""A served cohort does not leak kernels: pages that were closed get their kernels back.

Every visit to a module starts a kernel (about 65 MB). voila.json turns on Jupyter's idle-kernel
culling for kernels with no page connected; this test serves the course with the same
voila.json, its culling times shortened on the command line (culling stays off if voila.json
has none), opens 10 module pages in Chromium, closes them, and waits until the server is back
to the kernels it had before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request

import psutil
import pytest

from conftest import ROOT, _free_port

MODULES = sorted(p.name for p in (ROOT / "modules").iterdir() if p.is_dir() and p.name[:2].isdigit())
CULLING = json.loads((ROOT / "voila.json").read_text()).get("MappingKernelManager", {})
IDLE_TIMEOUT = min(CULLING.get("cull_idle_timeout", 0), 4)  # seconds, shortened for this test
INTERVAL = min(CULLING.get("cull_interval", 300), 1)


def test_voila_json_culls_idle_kernels_of_closed_pages_only():
    assert CULLING.get("cull_idle_timeout", 0) > 0 and CULLING.get("cull_interval", 0) > 0
    assert CULLING.get("cull_connected") is False  # a trainee with the page open keeps their kernel


def kernels(server: psutil.Process) -> int:
    """Kernel processes the server runs (a culled kernel may linger a moment as a zombie)."""
    count = 0
    for child in server.children(recursive=True):
        try:
            count += child.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(child.cmdline())
        except psutil.Error:  # gone or a zombie meanwhile
            pass
    return count


def settled(server: psutil.Process, deadline: float, want=None) -> int:
    """The kernel count once it has stayed the same for 2 s (or equals `want`)."""
    last, since = kernels(server), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = kernels(server)
        if now != last:
            last, since = now, time.monotonic()
        elif now == want or (want is None and time.monotonic() - since >= 2):
            break
    return last


@pytest.fixture
def culling_server(tmp_path):
    port = _free_port()
    env = {**os.environ, "SELFKIND_HOME": str(tmp_path / "home"), "JUPYTER_PATH": str(ROOT / "share" / "jupyter")}
    log = open(tmp_path / "voila.log", "w+")
    proc = subprocess.Popen(
        [str(sys.executable.rsplit("/", 1)[0] + "/voila"), "modules", "--no-browser", "--Voila.ip=127.0.0.1",
         # No preheated pools here: they refill on their own schedule (and are never culled), which
         # would blur the count this test is about.
         f"--port={port}", "--pool_size=0", f"--MappingKernelManager.cull_idle_timeout={IDLE_TIMEOUT}",
         f"--MappingKernelManager.cull_interval={INTERVAL}"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.seek(0)
                pytest.fail(f"Voila did not start:\n{log.read()[-3000:]}")
            time.sleep(0.3)
    yield url, psutil.Process(proc.pid), log
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_kernels_of_closed_pages_are_reclaimed(browser, culling_server):
    url, server, log = culling_server
    idle = settled(server, time.monotonic() + 60)  # no kernel before a page is opened
    context = browser.new_context()
    for i in range(10):
        module = MODULES[i % len(MODULES)]
        page = context.new_page()
        page.goto(f"{url}voila/render/{module}/{module}.ipynb", timeout=120_000)
        page.wait_for_selector(".selfkind .widget-button", timeout=120_000)
    assert kernels(server) >= idle + 10  # one kernel per open page
    context.close()
    back = settled(server, time.monotonic() + 60, want=idle)
    log.seek(0)
    assert back == idle, f"{back} kernels left, {idle} when idle\n{log.read()[-2000:]}"
