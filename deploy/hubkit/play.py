"""A trainee plays a module's role-play to its debrief in their own server's Voila, through
the hub, by the kernel protocol (voila_client) — or in Chromium (browser_play)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .running import HubSession
from .voila_client import WidgetKernel, parse_page

MODULE = "01-what-self-compassion-is"


def voila_path(module: str = MODULE) -> str:
    return f"/voila/render/selfkind/{module}/{module}.ipynb"


@dataclass
class Played:
    user: str
    first_widget_s: float  # page asked for → first choice of the role-play known, clickable
    click_s: list[float] = field(default_factory=list)  # click → every update it causes received
    debrief: str = ""
    how: str = "kernel protocol"
    outside_requests: list[str] = field(default_factory=list)  # Chromium: requests not to the hub


def play_roleplay(session: HubSession, module: str = MODULE, which: int = 0, choose=lambda choices: choices[0],
                  max_turns: int = 40) -> Played:
    """Open the module in Voila and play its `which`-th role-play to the debrief."""
    start = time.perf_counter()
    page = session.server("GET", voila_path(module))
    if page.status_code != 200:
        raise RuntimeError(f"{session.name}: Voila answered {page.status_code}")
    parsed = parse_page(page.text)
    root = [mid for mid, cls in parsed.roots if cls == "RolePlay"][which]
    base = session.user_url("").replace("http://", "ws://")
    cookie = "; ".join(f"{c.name}={c.value}" for c in session.http.cookies
                       if c.path in ("/", "/hub/", f"/user/{session.name}/", f"/user/{session.name}"))
    xsrf = session.http.cookies.get("_xsrf", path=f"/user/{session.name}/") or ""
    kernel = WidgetKernel.connect(f"{base}/api/kernels/{parsed.kernel_id}/channels?session_id={time.time_ns()}",
                                  cookie, session.hub.url, xsrf)
    try:
        kernel.load_state()
        result = Played(session.name, time.perf_counter() - start)
        if not kernel.buttons(root, "sk-choice"):  # a finished play is shown again: start a new one
            restart = [mid for mid in kernel.descendants(root) if kernel.models.get(mid, {}).get("description") == "Restart"]
            if restart:
                kernel.click(restart[0])
            if not kernel.buttons(root, "sk-choice"):
                raise RuntimeError(f"{session.name}: the role-play shows no choice")
        for _ in range(max_turns):
            choices = kernel.buttons(root, "sk-choice")
            if not choices:
                break
            result.click_s.append(kernel.click(choose(choices)))
        result.debrief = kernel.text(root)
        return result
    finally:
        kernel.close()
