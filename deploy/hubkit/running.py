"""The hub as a process, and a trainee's or instructor's browser session with it (HTTP only).

`Hub.start()` runs `jupyterhub -f deploy/jupyterhub_config.py` as root in its own process
group; `Hub.stop()` ends the hub (which stops the proxy, the culler and every user's server),
then any process the given users still have, one id at a time.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from . import accounts, layout
from .postgres import free_port

DEPLOY = Path(__file__).resolve().parents[1]
CONFIG = DEPLOY / "jupyterhub_config.py"
PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"


@dataclass
class Hub:
    prefix: Path
    port: int = field(default_factory=free_port)
    api_port: int = field(default_factory=free_port)
    proxy_api_port: int = field(default_factory=free_port)
    cull_timeout: int = 3600
    cull_every: int = 300
    log_path: Path | None = None
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> "Hub":
        if not PROXY.exists():
            raise RuntimeError(f"configurable-http-proxy is missing: cd {DEPLOY} && npm ci")
        env = dict(os.environ, SELFKIND_HUB_PREFIX=str(self.prefix), SELFKIND_HUB_PORT=str(self.port),
                   SELFKIND_HUB_API_PORT=str(self.api_port), SELFKIND_PROXY_API_PORT=str(self.proxy_api_port),
                   SELFKIND_CULL_TIMEOUT=str(self.cull_timeout), SELFKIND_CULL_EVERY=str(self.cull_every),
                   PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
        for key in ("SELFKIND_GRADEBOOK_URL", "SELFKIND_EXCHANGE", "SELFKIND_HOME", "JUPYTER_PATH", "JUPYTER_CONFIG_PATH"):
            env.pop(key, None)  # the hub hands each user their own
        self.log_path = self.log_path or self.prefix / "hub" / "jupyterhub.log"
        log = open(self.log_path, "ab")
        hub_bin = Path(sys.executable).parent / "jupyterhub"
        self.proc = subprocess.Popen([str(hub_bin), "-f", str(CONFIG)], cwd=self.prefix / "hub", env=env,
                                     stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"JupyterHub did not start; the end of its log:\n{self.log_tail()}")
            time.sleep(0.5)

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:] if self.log_path and self.log_path.exists() else ""

    def stop(self, users: list[str] = ()) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the hub stops the proxy, services and servers
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if self.proc:
            try:  # anything left in the hub's own process group (proxy, culler)
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for name in users:
            accounts.kill_processes_of(name)

    def memory_mb(self) -> dict[str, float]:
        """Resident memory (MiB) of the hub's process group (hub, proxy, culler)."""
        if not self.proc:
            return {}
        total = {}
        pgid = self.proc.pid
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if os.getpgid(int(entry.name)) != pgid:
                    continue
                fields = dict(line.split(":", 1) for line in (entry / "status").read_text().splitlines() if ":" in line)
                total[f"{entry.name} {fields['Name'].strip()}"] = int(fields["VmRSS"].split()[0]) / 1024
            except (OSError, KeyError, ValueError):
                pass
        return total


class HubSession:
    """One person's browser session: log in with their password, start their server, call it."""

    def __init__(self, hub: Hub, name: str, password: str):
        self.hub, self.name, self.password = hub, name, password
        self.http = requests.Session()

    # --- the hub ------------------------------------------------------------------------------
    def login(self) -> requests.Response:
        self.http.get(f"{self.hub.url}/hub/login", timeout=30)
        xsrf = self.http.cookies.get("_xsrf", path="/hub/")
        return self.http.post(f"{self.hub.url}/hub/login?next=", data={
            "username": self.name, "password": self.password, "_xsrf": xsrf}, allow_redirects=False, timeout=60)

    def hub_api(self, method: str, path: str, **kw) -> requests.Response:
        headers = {"X-XSRFToken": self.http.cookies.get("_xsrf", path="/hub/") or ""}
        return self.http.request(method, f"{self.hub.url}/hub/api{path}", headers=headers, timeout=60, **kw)

    def start_server(self, timeout: float = 300) -> None:
        """Ask the hub for this user's server and wait until it answers."""
        started = self.hub_api("POST", f"/users/{self.name}/server")
        if started.status_code not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"{self.name}: starting the server answered {started.status_code} {started.text}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.hub_api("GET", f"/users/{self.name}").json()
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                break
            time.sleep(0.5)
        else:
            raise RuntimeError(f"{self.name}: server not ready after {timeout} s")
        # The single-user server's own login (OAuth with the hub), as a browser follows it.
        # A page (not an API call) is what starts it; the page also sets the server's _xsrf cookie.
        page = self.http.get(self.user_url("/lab"), timeout=120)
        if page.status_code != 200:
            raise RuntimeError(f"{self.name}: own server answered {page.status_code}")

    # --- the user's own server (or someone else's, for the isolation tests) ----------------------
    def user_url(self, path: str, user: str | None = None) -> str:
        return f"{self.hub.url}/user/{user or self.name}{path}"

    def server(self, method: str, path: str, user: str | None = None, **kw) -> requests.Response:
        xsrf = self.http.cookies.get("_xsrf", path=f"/user/{user or self.name}/") or ""
        headers = {"X-XSRFToken": xsrf, **kw.pop("headers", {})}
        kw.setdefault("timeout", 300)
        return self.http.request(method, self.user_url(path, user), headers=headers, **kw)

    def put_file(self, path: str, text: str) -> None:
        """Save a text file into the user's home through JupyterLab's contents API."""
        done = self.server("PUT", f"/api/contents/{path}", json={"type": "file", "format": "text", "content": text})
        if done.status_code not in (200, 201):
            raise RuntimeError(f"{self.name}: saving {path} answered {done.status_code} {done.text[:300]}")

    def put_folder(self, path: str) -> None:
        done = self.server("PUT", f"/api/contents/{path}", json={"type": "directory"})
        if done.status_code not in (200, 201):
            raise RuntimeError(f"{self.name}: making {path} answered {done.status_code} {done.text[:300]}")

    def assignments(self, action: str, assignment: str) -> list[dict]:
        """The Assignment List's own calls (fetch, submit, fetch_feedback); the assignments it then lists."""
        done = self.server("POST", f"/assignments/{action}",
                           data={"course_id": layout.COURSE_ID, "assignment_id": assignment})
        answer = json.loads(done.text) if done.status_code == 200 else {}
        if not answer.get("success"):
            raise RuntimeError(f"{self.name}: {action} answered {done.status_code} {done.text[:800]}")
        return answer["value"]
