"""JupyterHub for a Selfkind cohort on one machine (`make hub`; docs/deploy.md).

Every user is a real OS account: the hub runs as root, logs users in through PAM, and starts
each one's server as that user (LocalProcessSpawner), so the kernel keeps one trainee's files
from another. The folder it serves from is laid out by deploy/hubctl.py (hubkit/layout.py).

Settings a deployment changes are environment variables:

    SELFKIND_HUB_PREFIX      deployment folder (default /srv/selfkind)
    SELFKIND_HUB_IP/PORT     where trainees connect (default 127.0.0.1:8000)
    SELFKIND_HUB_API_PORT    the hub's internal API (default 8081), SELFKIND_PROXY_API_PORT (8001)
    SELFKIND_CULL_TIMEOUT    seconds idle before a server is stopped (default 3600); SELFKIND_CULL_EVERY (300)
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from hubkit import layout  # noqa: E402

c = get_config()  # noqa: F821 (provided by traitlets)
PREFIX = Path(os.environ.get("SELFKIND_HUB_PREFIX", "/srv/selfkind"))
STATE = PREFIX / "hub"
USERS = layout.read_users(PREFIX)
INSTRUCTORS, TRAINEES = USERS["instructors"], USERS["trainees"]
ENV = layout.SINGLEUSER_ENV

# --- where it listens: loopback unless told otherwise; the proxy from deploy/node_modules --------
c.JupyterHub.ip = os.environ.get("SELFKIND_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("SELFKIND_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("SELFKIND_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ.get('SELFKIND_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every user's server

# --- who: OS accounts, their own passwords (PAM) ------------------------------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False  # no login session bookkeeping for a web login
c.Authenticator.allowed_users = set(INSTRUCTORS) | set(TRAINEES)
c.Authenticator.admin_users = set()  # instructors get the role below, not full admin
c.JupyterHub.load_groups = {"instructors": {"users": INSTRUCTORS}, "trainees": {"users": TRAINEES}}
c.JupyterHub.load_roles = [
    # The hub's dashboard (who is on, start and stop servers), never a trainee's files:
    # no `access:servers` on other users' servers.
    {"name": "instructor", "groups": ["instructors"],
     "scopes": ["admin-ui", "list:users", "read:users", "read:users:activity", "read:servers", "servers", "read:groups"]},
    {"name": "idle-culler", "services": ["idle-culler"],
     "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
]

# --- idle servers are stopped (their kernels with them); trainee files stay -------------------
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={os.environ.get('SELFKIND_CULL_TIMEOUT', '3600')}",
                f"--cull-every={os.environ.get('SELFKIND_CULL_EVERY', '300')}"],
}]
c.JupyterHub.last_activity_interval = int(os.environ.get("SELFKIND_CULL_EVERY", "300"))

# --- each user's server: the course's environment, run as that user ------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(ENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/lab/tree/selfkind/index.ipynb"
c.Spawner.start_timeout = 300  # a whole cohort starting at once on a small machine
c.Spawner.http_timeout = 300
c.JupyterHub.concurrent_spawn_limit = 100


def pre_spawn_hook(spawner):
    """Give the user their copy of the modules, and the config for their role."""
    name = spawner.user.name
    layout.give_modules(PREFIX, name)
    config_path = [str(PREFIX / "jupyter" / "common")]
    env = {"PATH": f"{ENV / 'bin'}:/usr/local/bin:/usr/bin:/bin"}  # nbgrader calls `alembic` by name
    if name in INSTRUCTORS:
        layout.give_course_directory(name)
        config_path.insert(0, str(PREFIX / "jupyter" / "instructor"))
        env["SELFKIND_EXCHANGE"] = str(PREFIX / "exchange")
        gradebook = STATE / "gradebook-url"
        if gradebook.exists():  # only instructors' servers learn where the gradebook is
            env["SELFKIND_GRADEBOOK_URL"] = gradebook.read_text().strip()
    else:
        config_path.insert(0, str(PREFIX / "jupyter" / "trainee"))
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(config_path)
    spawner.environment.update(env)


c.Spawner.pre_spawn_hook = pre_spawn_hook
