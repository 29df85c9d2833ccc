"""When a kernel may read trainee files: at once, except in a preheated Voila kernel.

Voila (voila.json) starts one kernel per notebook before anyone asks for its page and runs
the notebook in it, so a module opens sooner. Trainee files read then would be stale by the
time the page is asked for. So in such a kernel:

- `when_page_opens(load)` (what every view uses for its first read) keeps `load` instead
  of reading, so the notebook runs to its end ahead of time. The loads run, in order, on
  the kernel's own thread, the moment the page exists, whichever comes first of:
    - `page_opened()`, which selfkind.ui calls when the page's widget manager asks for
      the widgets' state, before it is sent, so the page never shows, nor lets anyone
      click, a view that has not read its files (even a page asked for mid-notebook);
    - Voila's own report of the request (`wait_for_request`, watched from a thread).
  A load may only set values: widgets made while the page fetches widget state go
  missing from it. So a role-play makes the buttons for its first choices with the view,
  and its load only words them.
- `wait_for_page()` (what every store read calls) blocks until the page is asked for, for
  code that reads at once.

Anywhere else (JupyterLab, a Voila page that started its own kernel, tests, the grader)
both run at once. Voila leaves VOILA_PREHEAT set after the request, so the answer is
remembered for the process.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import traceback
from typing import Callable, Optional

_lock = threading.RLock()
_asked_for = threading.Event()
_waiting: list[tuple[Optional[asyncio.AbstractEventLoop], Callable[[], None]]] = []
_watcher: Optional[threading.Thread] = None


def _preheated_and_waiting() -> bool:
    if _asked_for.is_set():
        return False
    if os.environ.get("VOILA_PREHEAT") != "True":
        _asked_for.set()  # not a preheated kernel: never wait
        return False
    return True


def wait_for_page() -> None:
    """Return once trainee files may be read (at once, but in a preheated kernel not yet asked for)."""
    with _lock:
        if not _preheated_and_waiting():
            return
        _watch()
    _asked_for.wait()


def when_page_opens(load: Callable[[], None]) -> None:
    """Run `load()` now, or (preheated, page not yet asked for) once the page exists, on
    this thread: never while a cell of the notebook is running."""
    with _lock:
        if _preheated_and_waiting():
            try:
                loop = asyncio.get_running_loop()  # the kernel's loop, running the cell
            except RuntimeError:
                loop = None  # no loop to come back to: wait here instead
            if loop is not None:
                _waiting.append((loop, load))
                _watch()
                return
    wait_for_page()  # at once, unless preheated with no loop to come back to
    load()


def page_opened() -> None:
    """The page exists (it is asking for widget state): run every kept load now, on this thread."""
    with _lock:
        _asked_for.set()
        waiting = list(_waiting)
        _waiting.clear()
    for _loop, load in waiting:
        _run(load)


def _watch() -> None:
    """Start (once, under _lock) the thread that waits for Voila's report of the request."""
    global _watcher
    if _watcher is None:
        _watcher = threading.Thread(target=_wait_then_load, name="selfkind-page-watcher", daemon=True)
        _watcher.start()


def _wait_then_load() -> None:
    try:
        from voila.utils import wait_for_request  # only ever in a preheated Voila kernel

        wait_for_request()
    except Exception:  # never leave the notebook waiting for ever: read now
        traceback.print_exc(file=sys.__stderr__)
    with _lock:
        _asked_for.set()
        waiting = list(_waiting)
        _waiting.clear()
    for loop, load in waiting:
        loop.call_soon_threadsafe(_run, load)


def _run(load: Callable[[], None]) -> None:
    try:
        load()
    except Exception:  # a view's own loader reports problems in words; this is a bug: log it, go on
        traceback.print_exc(file=sys.__stderr__)


def _start_watching_now() -> None:
    """In a preheated kernel, watch for the request from the moment Selfkind is imported,
    so that the report is in before the page connects (the watcher imports Voila first)."""
    with _lock:
        if _preheated_and_waiting():
            _watch()


_start_watching_now()
