"""Tell the stores the page exists when its widget manager connects (preheated Voila only).

A page's widget manager opens the "jupyter.widget.control" comm and asks on it for every
widget's state. Selfkind wraps that comm's message handler so that views read their
trainee files first (selfkind.stores.page): the state the page gets, and everything it
can click, comes from files read after the page was asked for. ipywidgets' own handlers
(`handle_control_comm_opened`, `_handle_control_comm_msg`) then run as before.
"""

from __future__ import annotations

import os

from ..stores.page import page_opened

CONTROL = "jupyter.widget.control"


def install() -> bool:
    """Wrap the control comm target in a preheated Voila kernel; True if it was wrapped."""
    if os.environ.get("VOILA_PREHEAT") != "True":
        return False
    try:
        from ipywidgets import Widget
        from ipywidgets.comm import get_comm_manager

        manager = get_comm_manager()
    except Exception:  # no kernel, or another ipywidgets: the request watcher still opens the page
        return False
    if manager is None:
        return False

    def control_comm_opened(comm, msg):
        Widget.handle_control_comm_opened(comm, msg)

        def control_message(message):
            # Before the states are gathered: views read their files (and may make widgets) first.
            if message.get("content", {}).get("data", {}).get("method") == "request_states":
                page_opened()
            Widget._handle_control_comm_msg(message)

        comm.on_msg(control_message)

    manager.register_target(CONTROL, control_comm_opened)
    return True
