"""Benchmark: how soon each module app is interactive in Chromium, beside stock Voila on a
one-button notebook, and how long a role-play click takes to show the client's next line,
beside a stock click that only updates a label.

The course is served as `make run` serves it (voila.json: one preheated kernel per notebook)
and, for comparison, with `--pool_size=0` (every page starts its kernel); stock Voila runs
with its defaults. Apps are visited round-robin, and before each visit the benchmark waits
until every server and kernel has been idle for 2 s: a page is timed as a trainee meets it,
after the refill that the previous visit started (a kernel running its notebook) has
finished. Prints figures (medians of several runs) and the load average; passes or fails
nothing. Run with `make bench-apps` (BENCH_RUNS=3 for a quicker look).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", 5))  # fewer for a quick look
CLICKS = 10
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(args, cwd, env):
    port = free_port()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "voila"), *args, "--no-browser",
                             "--Voila.ip=127.0.0.1", f"--port={port}"], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=2)
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("voila did not start")


def settle(procs, timeout: float = 300) -> None:
    """Wait until the servers and their kernels have used no CPU for 2 s (pools filled and waiting)."""
    deadline, last, since = time.monotonic() + timeout, None, time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.5)
        total = 0.0
        for proc in procs:
            for child in [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]:
                try:
                    total += sum(child.cpu_times()[:2])
                except psutil.Error:
                    pass
        if round(total, 1) != last:
            last, since = round(total, 1), time.monotonic()
        elif time.monotonic() - since >= 2:
            return


def time_to_widget(browser, url, selector) -> float:
    page = browser.new_page()
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(selector, timeout=120_000)
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def click_to_next_line(browser, url) -> list[float]:
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector(".sk-choice", timeout=120_000)
    play = page.locator(".selfkind:has(.sk-choice)").first.element_handle()
    times = []
    for turn in range(2, 2 + CLICKS):
        if not play.query_selector_all(".sk-choice"):
            break
        button = play.query_selector(".sk-choice")
        started = time.perf_counter()
        button.click()
        page.wait_for_function(
            r"""([el, turn, clicked]) => !clicked.isConnected && (el.innerText.includes('Debrief')
                || (new RegExp('Turn ' + turn + '\\b').test(el.innerText)
                    && el.querySelectorAll('.sk-choice').length > 0))""", arg=[play, turn, button])
        times.append(time.perf_counter() - started)
    page.close()
    return times


LABEL_CLICK = ("import ipywidgets\nlabel = ipywidgets.Label('0')\nbutton = ipywidgets.Button(description='Click')\n"
               "button.on_click(lambda b: setattr(label, 'value', str(int(label.value) + 1)))\n"
               "ipywidgets.VBox([button, label])")


def click_to_label(browser, url) -> list[float]:
    """A bare widget round trip: a click whose handler only changes a label's text."""
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector(".widget-button", timeout=120_000)
    times = []
    for n in range(1, CLICKS + 1):
        started = time.perf_counter()
        page.click(".widget-button")
        page.wait_for_function("n => document.querySelector('.widget-label').innerText === String(n)", arg=n)
        times.append(time.perf_counter() - started)
    page.close()
    return times


def main() -> None:
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "SELFKIND_HOME": str(tmp / "home"), "JUPYTER_PATH": str(ROOT / "share" / "jupyter")}
        stock_dir = tmp / "stock"
        stock_dir.mkdir()
        nb = nbformat.v4.new_notebook()
        nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.Button(description='Click')")]
        nbformat.write(nb, stock_dir / "one-button.ipynb")

        course, course_url = serve(["modules"], ROOT, env)
        cold, cold_url = serve(["modules", "--pool_size=0"], ROOT, {**env, "SELFKIND_HOME": str(tmp / "home2")})
        stock, stock_url = serve([str(stock_dir / "one-button.ipynb")], stock_dir, {**os.environ})
        nb.cells = [nbformat.v4.new_code_cell(LABEL_CLICK)]
        nbformat.write(nb, stock_dir / "label-click.ipynb")
        label, label_url = serve([str(stock_dir / "label-click.ipynb")], stock_dir, {**os.environ})
        modules = sorted(p.name for p in (ROOT / "modules").iterdir() if p.is_dir() and p.name[:2].isdigit())
        apps = [("stock Voila, one-button notebook", stock_url, ".widget-button"),
                ("landing page (index), preheated", course_url + "voila/render/index.ipynb", "nav a")]
        apps += [(f"module {m}, preheated", f"{course_url}voila/render/{m}/{m}.ipynb", ".selfkind .widget-button")
                 for m in modules]
        apps += [(f"module {m}, --pool_size=0", f"{cold_url}voila/render/{m}/{m}.ipynb", ".selfkind .widget-button")
                 for m in modules]
        times: dict[str, list[float]] = {name: [] for name, _, _ in apps}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                for _ in range(RUNS):
                    for name, url, selector in apps:
                        # Each app is timed on quiet servers, as a trainee finds one: the refill
                        # after the last visit (a kernel running its notebook) has finished.
                        settle([course, cold, stock])
                        times[name].append(time_to_widget(browser, url, selector))
                clicks = click_to_next_line(browser, f"{course_url}voila/render/{modules[0]}/{modules[0]}.ipynb")
                settle([course, cold, stock, label])
                label_clicks = click_to_label(browser, label_url)
                browser.close()
        finally:
            for proc in (course, cold, stock, label):
                proc.terminate()

    stock_median = statistics.median(times[apps[0][0]])
    print(f"navigation to the first interactive widget, {RUNS} runs each, round-robin (seconds); "
          f"load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after")
    print(f"{'app':<58}{'median':>8}{'min':>8}{'max':>8}{'x stock':>9}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<58}{median:>8.2f}{min(values):>8.2f}{max(values):>8.2f}{median / stock_median:>9.2f}")
    print(f"\nclick to what it shows, {CLICKS} clicks each (seconds)")
    print(f"{'click':<58}{'median':>8}{'min':>8}{'max':>8}{'x label':>9}")
    label_median = statistics.median(label_clicks)
    for name, values in [("stock Voila, a click that updates a label", label_clicks),
                         (f"role-play, a choice to the client's next line ({len(clicks)} clicks)", clicks)]:
        median = statistics.median(values)
        print(f"{name:<58}{median:>8.3f}{min(values):>8.3f}{max(values):>8.3f}{median / label_median:>9.2f}")


if __name__ == "__main__":
    main()
