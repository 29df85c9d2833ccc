"""A preheated Voila kernel reads no trainee file before its page is asked for.

The `preheated` and `run_as_kernel` fixtures (tests/conftest.py) stand in for Voila's
preheated kernel and for the kernel's thread.
"""

from __future__ import annotations

import asyncio
import importlib
import threading
import types

import selfkind.stores.page as page_module


def test_outside_a_preheated_kernel_a_load_runs_at_once(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    page = importlib.reload(page_module)
    ran = []
    page.when_page_opens(lambda: ran.append("load"))
    page.wait_for_page()  # returns at once
    assert ran == ["load"]


def test_loads_wait_for_the_page_then_run_in_order_on_the_kernel_thread(preheated, run_as_kernel):
    ran = []

    async def notebook():
        # The notebook's cells register their views' loads; none may read yet.
        preheated.when_page_opens(lambda: ran.append(("first", threading.current_thread().name)))
        preheated.when_page_opens(lambda: ran.append(("second", threading.current_thread().name)))
        await asyncio.sleep(0.2)
        assert ran == []  # the notebook ran to its end; nothing read before the page
        preheated.ask()
        for _ in range(100):
            if len(ran) == 2:
                break
            await asyncio.sleep(0.02)
        # After the page: a new view reads at once.
        preheated.when_page_opens(lambda: ran.append(("third", threading.current_thread().name)))

    run_as_kernel(notebook)
    assert ran == [("first", "kernel"), ("second", "kernel"), ("third", "kernel")]


def test_a_blocking_read_waits_for_the_page_and_queued_loads_still_run(preheated, run_as_kernel):
    ran = []

    async def notebook():
        preheated.when_page_opens(lambda: ran.append("view"))
        threading.Timer(0.2, preheated.ask).start()
        preheated.wait_for_page()  # code that reads at once blocks until the page is asked for
        ran.append("read")
        await asyncio.sleep(0.1)  # the kernel's loop runs the queued load after the cell

    run_as_kernel(notebook)
    assert ran == ["read", "view"]


def test_a_failing_load_does_not_stop_the_others(preheated, run_as_kernel, capfd):
    ran = []

    def broken():
        raise RuntimeError("a bug in one view")

    async def notebook():
        preheated.when_page_opens(broken)
        preheated.when_page_opens(lambda: ran.append("next"))
        preheated.ask()
        await asyncio.sleep(0.3)

    run_as_kernel(notebook)
    assert ran == ["next"]


def test_a_page_asked_for_mid_notebook_gets_its_files_read_before_it_is_sent_any_state(preheated, run_as_kernel, monkeypatch):
    """Voila can hand a page a kernel still running its notebook; the page's widget manager
    can then ask for widget state before Voila's report of the request reaches the watcher.
    The request for state runs the kept loads first, on the kernel's thread, then ipywidgets'."""
    import selfkind.ui.page_hook as hook
    from ipywidgets import Widget

    monkeypatch.setattr(hook, "page_opened", preheated.page_opened)
    targets, order = {}, []
    manager = types.SimpleNamespace(register_target=lambda name, f: targets.__setitem__(name, f))
    monkeypatch.setattr("ipywidgets.comm.get_comm_manager", lambda: manager)
    monkeypatch.setattr(Widget, "handle_control_comm_opened", classmethod(lambda cls, c, m: order.append("opened")))
    monkeypatch.setattr(Widget, "_handle_control_comm_msg", classmethod(lambda cls, m: order.append("states sent")))

    class Comm:
        def on_msg(self, handler):
            self.handler = handler

    async def notebook():
        preheated.when_page_opens(lambda: order.append("load"))
        assert hook.install()
        comm = Comm()
        targets[hook.CONTROL](comm, {"metadata": {"version": "2.0.0"}})  # the page's widget manager
        comm.handler({"content": {"data": {"method": "request_states"}}})
        preheated.when_page_opens(lambda: order.append("later view"))  # a cell after: reads at once

    run_as_kernel(notebook)
    assert order == ["opened", "load", "states sent", "later view"]


def test_outside_preheated_voila_the_control_comm_is_left_to_ipywidgets(monkeypatch):
    import selfkind.ui.page_hook as hook

    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    assert hook.install() is False
