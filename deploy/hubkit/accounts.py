"""Real OS accounts for the hub's users: each single-user server runs as its own user, so one
trainee's files are protected from another by the kernel, not by the course's code."""

from __future__ import annotations

import grp
import os
import pwd
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

TRAINEES_GROUP = "sk-trainees"
INSTRUCTORS_GROUP = "sk-instructors"


@dataclass(frozen=True)
class Account:
    name: str
    password: str
    role: str  # "trainee" or "instructor"

    @property
    def home(self) -> Path:
        return Path(pwd.getpwnam(self.name).pw_dir)


def _run(*cmd: str, input: str | None = None) -> None:
    done = subprocess.run(cmd, input=input, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.strip()}")


def ensure_group(name: str) -> None:
    try:
        grp.getgrnam(name)
    except KeyError:
        _run("groupadd", "--system", name)


def ensure_account(name: str, role: str, password: str | None = None) -> Account:
    """Create the OS user if missing (home 0700, own private group), set its password."""
    group = INSTRUCTORS_GROUP if role == "instructor" else TRAINEES_GROUP
    ensure_group(group)
    try:
        pwd.getpwnam(name)
    except KeyError:
        _run("useradd", "--create-home", "--shell", "/bin/bash", "--user-group", "--groups", group, name)
    home = Path(pwd.getpwnam(name).pw_dir)
    home.chmod(0o700)
    password = password or secrets.token_urlsafe(12)
    _run("chpasswd", input=f"{name}:{password}\n")
    return Account(name, password, role)


def reset_home(name: str) -> None:
    """Empty a user's home (a test starts from a new trainee), keeping it 0700 and theirs."""
    entry = pwd.getpwnam(name)
    home = Path(entry.pw_dir)
    for child in home.iterdir() if home.exists() else ():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    home.mkdir(exist_ok=True)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    home.chmod(0o700)


def remove_account(name: str) -> None:
    """Delete the OS user and its home (tests do this at the end)."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        return
    kill_processes_of(name)
    subprocess.run(["userdel", "--remove", name], capture_output=True)


def processes_of(name: str) -> list[int]:
    """The ids of the processes running as that user (read from /proc)."""
    uid = pwd.getpwnam(name).pw_uid
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    found.append(int(entry.name))
            except FileNotFoundError:
                pass
    return found


def kill_processes_of(name: str) -> None:
    """End what a test user left running (their servers and kernels), one process id at a time."""
    import signal

    for pid in processes_of(name):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def chown_tree(path: Path, name: str) -> None:
    entry = pwd.getpwnam(name)
    for root, dirs, files in os.walk(path):
        os.chown(root, entry.pw_uid, entry.pw_gid)
        for f in files:
            os.lchown(os.path.join(root, f), entry.pw_uid, entry.pw_gid)


def run_as(name: str, cmd: list[str], cwd: str | Path | None = None, env: dict | None = None,
           timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a command as that OS user, with their home and groups, as their terminal would."""
    entry = pwd.getpwnam(name)
    groups = [g.gr_gid for g in grp.getgrall() if name in g.gr_mem]
    base = {"HOME": entry.pw_dir, "USER": name, "LOGNAME": name, "SHELL": "/bin/bash",
            "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run(cmd, cwd=cwd or entry.pw_dir, env={**base, **(env or {})}, user=entry.pw_uid,
                          group=entry.pw_gid, extra_groups=groups, capture_output=True, text=True,
                          timeout=timeout)
