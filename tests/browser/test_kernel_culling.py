"""A served cohort does not leak kernels: pages that were closed get their kernels back.

Every visit to a module starts a kernel (about 65 MB). voila.json turns on Jupyter's idle-kernel
culling for kernels with no page connected; this test serves the course with the same
voila.json, its culling times shortened on the command line (culling stays off if voila.json
has none), opens 10 module pages in Chromium, closes them, and waits until the server is back
to the kernels it had before.
"""

from __future__ import annotations

import json
import time

import psutil
import pytest

from conftest import ROOT, course_env, voila

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
    # No preheated pools here: they refill on their own schedule (and are never culled), which
    # would blur the count this test is about.
    args = ["modules", "--pool_size=0", f"--MappingKernelManager.cull_idle_timeout={IDLE_TIMEOUT}",
            f"--MappingKernelManager.cull_interval={INTERVAL}"]
    with voila(args, cwd=ROOT, env=course_env(tmp_path / "home"), log_path=tmp_path / "voila.log") as (url, proc, log):
        yield url, psutil.Process(proc.pid), log


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
