"""The deployment folder of a one-machine hub and what each user gets in it.

    PREFIX/                 root-owned, 0755
      modules/              the course's modules, read-only; each user gets a copy in ~/selfkind
      exchange/             nbgrader's exchange, 1777 (nbgrader makes inbound 0733 inside it)
      jupyter/common/       config every single-user server reads (JUPYTER_CONFIG_PATH)
      jupyter/trainee/      a trainee's server: no formgrader, no course list, no create-assignment
      jupyter/instructor/   an instructor's server: the course directory is ~/selfkind-course
      hub/                  root only, 0700: the hub's database, secrets, users.json, passwords
    ~instructor/selfkind-course/   the nbgrader course (source, gradebook, submitted, autograded)
    ~trainee/selfkind/             the trainee's copy of the modules (JupyterLab, Voila)

The single-user Python environment (SINGLEUSER_ENV) is built from this repository with
Debian's python3, outside /root, so that every user can run it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from . import accounts

REPO = Path(__file__).resolve().parents[2]
SINGLEUSER_ENV = Path(os.environ.get("SELFKIND_SINGLEUSER_ENV", "/opt/selfkind/singleuser"))
SINGLEUSER_PYTHON = os.environ.get("SELFKIND_SINGLEUSER_PYTHON", "/usr/bin/python3")
COURSE_ID = "selfkind"
COURSE_DIR_NAME = "selfkind-course"
MODULES_DIR_NAME = "selfkind"
COURSE_IGNORE = shutil.ignore_patterns("release", "submitted", "autograded", "feedback", "gradebook.db",
                                       ".nbgrader.log", "grades.csv", ".ipynb_checkpoints", "__pycache__")


def _source_stamp() -> str:
    """What the single-user environment was built from: pyproject, the package and its data files."""
    digest = hashlib.sha256()
    files = [REPO / "pyproject.toml", *sorted((REPO / "widgets").rglob("*.py")), *sorted((REPO / "share").rglob("*"))]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def build_singleuser_env(env: Path = SINGLEUSER_ENV, log=print) -> Path:
    """Install the course, JupyterHub's single-user server and nbgrader into `env`, unless the
    same sources are installed there already. Everyone can read and run it; only root writes."""
    stamp = env / ".selfkind-source"
    wanted = _source_stamp()
    if stamp.exists() and stamp.read_text() == wanted:
        return env
    log(f"Installing the single-user environment into {env} (the first time takes a few minutes)…")
    env.parent.mkdir(parents=True, exist_ok=True)
    if not (env / "bin" / "python").exists():
        subprocess.run([SINGLEUSER_PYTHON, "-m", "venv", str(env)], check=True)
        subprocess.run([str(env / "bin" / "pip"), "install", "--quiet", "--upgrade", "pip"], check=True)
    pip = [str(env / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, f"{REPO}[hub]"], check=True, cwd=REPO)
    # The same version number with new sources: reinstall the course itself.
    subprocess.run([*pip, "--no-deps", "--force-reinstall", str(REPO)], check=True, cwd=REPO)
    os.chmod(env, 0o755)
    stamp.write_text(wanted)
    return env


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def lay_out(prefix: Path, instructors: list[str], trainees: list[str], gradebook_url: str | None = None) -> None:
    """Create (or refresh) the deployment folder and the instructor's course directory."""
    prefix.mkdir(parents=True, exist_ok=True)
    prefix.chmod(0o755)
    modules = prefix / "modules"
    if modules.exists():
        shutil.rmtree(modules)
    shutil.copytree(REPO / "modules", modules, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    exchange = prefix / "exchange"
    exchange.mkdir(exist_ok=True)
    exchange.chmod(0o1777)  # nbgrader: writable by everyone; the sticky bit keeps each one's folders theirs

    write_jupyter_config(prefix / "jupyter", exchange)

    hub = prefix / "hub"
    hub.mkdir(exist_ok=True)
    hub.chmod(0o700)
    _write(hub / "users.json", json.dumps({"instructors": instructors, "trainees": trainees}, indent=2), 0o600)
    if gradebook_url:
        _write(hub / "gradebook-url", gradebook_url, 0o600)
    elif (hub / "gradebook-url").exists():
        (hub / "gradebook-url").unlink()
    for name in instructors:
        give_course_directory(name)


def write_jupyter_config(folder: Path, exchange: Path | str) -> None:
    """The single-user servers' config: common/ for everyone, trainee/ on top for trainees.
    Also written into the Kubernetes image (deploy/kubernetes/Dockerfile)."""
    common = folder / "common"
    _write(common / "nbgrader_config.py",
           "c = get_config()  # noqa: F821\n"
           f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
           f"c.Exchange.root = {str(exchange)!r}\n")
    shutil.copy(REPO / "voila.json", common / "voila.json")  # Voila's server extension reads it here
    shutil.copy(REPO / "jupyter_lab_config.py", common / "jupyter_lab_config.py")  # no news, no update check
    # Voila as a server extension would load MathJax from a CDN (its default when the server names
    # no mathjax_url or mathjax_config); standalone Voila (`make run`) names neither. Nothing is loaded from outside.
    _write(common / "jupyter_server_config.json",
           json.dumps({"ServerApp": {"tornado_settings": {"mathjax_url": None, "mathjax_config": None}}}, indent=2))
    # An instructor's formgrader and nbgrader commands find the course in their own home.
    _write(folder / "instructor" / "nbgrader_config.py",
           "import os\n\nc = get_config()  # noqa: F821\n"
           f"c.CourseDirectory.root = os.path.expanduser('~/{COURSE_DIR_NAME}')\n")
    trainee = folder / "trainee"
    _write(trainee / "jupyter_server_config.json", json.dumps({"ServerApp": {"jpserver_extensions": {
        "nbgrader.server_extensions.formgrader": False,
        "nbgrader.server_extensions.course_list": False}}}, indent=2))
    _write(trainee / "labconfig" / "page_config.json", json.dumps({"disabledExtensions": {
        "@jupyter/nbgrader:formgrader": True, "@jupyter/nbgrader:course-list": True,
        "@jupyter/nbgrader:create-assignment": True}}, indent=2))
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    folder.chmod(0o755)


def give_course_directory(name: str) -> Path:
    """The nbgrader course in the instructor's home (0700): only they read source, gradebook,
    submissions and solutions. An existing course directory is kept as it is."""
    home = accounts.Account(name, "", "instructor").home
    course = home / COURSE_DIR_NAME
    if not course.exists():
        shutil.copytree(REPO / "course", course, ignore=COURSE_IGNORE)
        accounts.chown_tree(course, name)
    course.chmod(0o700)
    return course


def give_modules(prefix: Path, name: str) -> Path:
    """The user's own copy of the modules in ~/selfkind (made once; theirs to open and edit)."""
    home = accounts.Account(name, "", "").home
    target = home / MODULES_DIR_NAME
    if not target.exists():
        shutil.copytree(prefix / "modules", target)
        accounts.chown_tree(target, name)
    return target


def read_users(prefix: Path) -> dict[str, list[str]]:
    return json.loads((prefix / "hub" / "users.json").read_text())
