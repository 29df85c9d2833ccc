"""A Voila page driven through Jupyter's kernel protocol, as its JavaScript does it: the page's
HTML names the kernel and the widgets shown; a websocket asks the kernel for every widget's
state, clicks a button (the `click` event ipywidgets' front end sends), and reads the updates.

Used by the load test for most trainees (30 Chromium pages do not fit on two cores); a sample
of trainees plays in a real Chromium (load.py says which)."""

from __future__ import annotations

import json
import re
import time
import uuid
from dataclasses import dataclass, field

import websocket

OUTPUT = re.compile(r'<script type="application/vnd\.voila\.cell-output\+json">\s*(\{.*?\})\s*</script>', re.S)


@dataclass
class Page:
    kernel_id: str
    roots: list[tuple[str, str]]  # (model id, class name) of each widget shown, in page order


def parse_page(html: str) -> Page:
    kernel = re.search(r'"kernelId": "([0-9a-f-]+)"', html)
    if not kernel:
        raise RuntimeError("the Voila page names no kernel (did the notebook fail?)")
    roots = []
    for found in OUTPUT.finditer(html):
        data = json.loads(found.group(1)).get("data", {})
        view = data.get("application/vnd.jupyter.widget-view+json")
        if view:
            roots.append((view["model_id"], data.get("text/plain", "").split("(", 1)[0]))
    return Page(kernel.group(1), roots)


@dataclass
class WidgetKernel:
    """The widget models of one kernel, kept up to date from its messages."""
    ws: websocket.WebSocket
    session: str = field(default_factory=lambda: uuid.uuid4().hex)
    models: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def connect(cls, ws_url: str, cookie: str, origin: str, xsrf: str = "") -> "WidgetKernel":
        ws = websocket.create_connection(ws_url, header=[f"Cookie: {cookie}", f"X-XSRFToken: {xsrf}"],
                                         origin=origin, timeout=120)
        return cls(ws)

    def send(self, msg_type: str, content: dict, channel: str = "shell") -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": "",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}))
        return msg_id

    def _handle(self, msg: dict) -> None:
        kind, content = msg["header"]["msg_type"], msg.get("content", {})
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.models[content["comm_id"]] = dict(content.get("data", {}).get("state", {}))
        elif kind == "comm_msg":
            data = content.get("data", {})
            if data.get("method") in ("update", "echo_update"):
                self.models.setdefault(content["comm_id"], {}).update(data.get("state", {}))
        elif kind == "comm_close":
            self.models.pop(content["comm_id"], None)

    def wait_idle(self, parents: set[str], timeout: float = 120, replies_for: set[str] = frozenset()) -> dict:
        """Read messages until the kernel is idle after each of `parents` and has replied to each
        of `replies_for` (shell replies and iopub status come in either order); return replies."""
        replies, deadline = {}, time.monotonic() + timeout
        pending = set(parents)
        while pending or not set(replies_for) <= set(replies):
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            raw = self.ws.recv()
            if time.monotonic() > deadline:
                raise TimeoutError(f"no answer from the kernel within {timeout} s")
            if isinstance(raw, bytes):
                continue  # binary frames carry widget buffers; none of ours need them
            msg = json.loads(raw)
            self._handle(msg)
            parent = msg.get("parent_header", {}).get("msg_id")
            if msg["header"]["msg_type"].endswith("_reply"):
                replies[parent] = msg
            if msg["header"]["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
                pending.discard(parent)
        return replies

    def load_state(self) -> None:
        """Every widget's state, as Voila's front end asks for it when the page opens."""
        asked = self.send("comm_info_request", {"target_name": "jupyter.widget"})
        comms = self.wait_idle({asked}, replies_for={asked})[asked]["content"]["comms"]
        parents = set()
        for comm_id in comms:
            self.models.setdefault(comm_id, {})
            parents.add(self.send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_state"}}))
        self.wait_idle(parents)

    def click(self, model_id: str) -> float:
        """Click a button; seconds until the kernel has sent every update it causes."""
        start = time.perf_counter()
        sent = self.send("comm_msg", {"comm_id": model_id, "data": {"method": "custom", "content": {"event": "click"}}})
        self.wait_idle({sent})
        return time.perf_counter() - start

    # --- reading the widget tree ------------------------------------------------------------
    def descendants(self, model_id: str) -> list[str]:
        found, stack = [], [model_id]
        while stack:
            current = stack.pop()
            found.append(current)
            children = self.models.get(current, {}).get("children", [])
            stack.extend(reversed([c.removeprefix("IPY_MODEL_") for c in children]))
        return found

    def text(self, model_id: str) -> str:
        parts = []
        for mid in self.descendants(model_id):
            state = self.models.get(mid, {})
            for key in ("value", "description"):
                if isinstance(state.get(key), str):
                    parts.append(state[key])
        return "\n".join(parts)

    def buttons(self, model_id: str, css_class: str) -> list[str]:
        return [mid for mid in self.descendants(model_id)
                if self.models.get(mid, {}).get("_model_name") == "ButtonModel"
                and css_class in self.models[mid].get("_dom_classes", [])
                and not self.models[mid].get("disabled")]

    def close(self) -> None:
        self.ws.close()
