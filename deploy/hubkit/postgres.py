"""A PostgreSQL cluster for the gradebook, from Debian's server, listening on loopback only.

The cluster runs as the `postgres` OS user; its data folder is theirs (0700). Remote clients
need the password (scram-sha-256); only `postgres` itself may use the Unix socket, whose folder
is private too. The gradebook's URL is handed only to instructors' servers.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import accounts

OWNER = "postgres"


def bindir() -> Path:
    """Debian's PostgreSQL programs (the newest installed major version)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql")
    return Path(found[-1]).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    folder: Path  # holds data/, socket/, server.log
    port: int
    database: str = "selfkind"
    role: str = "nbgrader"
    password: str = ""

    @property
    def url(self) -> str:
        return f"postgresql+psycopg2://{self.role}:{self.password}@127.0.0.1:{self.port}/{self.database}"

    def _as_owner(self, *args: str) -> subprocess.CompletedProcess:
        done = accounts.run_as(OWNER, list(args), cwd="/")
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def psql(self, sql: str) -> str:
        return self._as_owner(str(bindir() / "psql"), "-h", str(self.folder / "socket"), "-p", str(self.port),
                              "-U", OWNER, "-d", "postgres", "-tAc", sql).stdout

    def start(self) -> "Cluster":
        """Create the cluster if new, start it, and make the gradebook's role and database."""
        entry = pwd.getpwnam(OWNER)
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self.folder.chmod(0o700)
        data, sock = self.folder / "data", self.folder / "socket"
        sock.mkdir(exist_ok=True)
        os.chown(sock, entry.pw_uid, entry.pw_gid)
        sock.chmod(0o700)
        if not data.exists():
            self._as_owner(str(bindir() / "initdb"), "-D", str(data), "-U", OWNER, "--auth-local=peer",
                           "--auth-host=scram-sha-256", "--encoding=UTF8", "--no-instructions")
        self._as_owner(str(bindir() / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "server.log"), "-w",
                       "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -k {sock} -c unix_socket_permissions=0700",
                       "start")
        if not self.password:
            self.password = secrets.token_urlsafe(18)
        exists = self.psql(f"SELECT 1 FROM pg_roles WHERE rolname = '{self.role}'").strip()
        verb = "ALTER" if exists else "CREATE"
        self.psql(f"{verb} ROLE {self.role} LOGIN PASSWORD '{self.password}'")
        if not self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{self.database}'").strip():
            self.psql(f"CREATE DATABASE {self.database} OWNER {self.role}")
        return self

    def stop(self) -> None:
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            accounts.run_as(OWNER, [str(bindir() / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], cwd="/")

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
