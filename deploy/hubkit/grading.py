"""The instructor's nbgrader commands, run as the instructor's OS account in their course
directory, exactly as they would type them in a terminal of their own server."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

from . import accounts, layout


class Course:
    def __init__(self, prefix: Path, instructor: str, gradebook_url: str | None):
        self.prefix, self.instructor, self.gradebook_url = prefix, instructor, gradebook_url

    @property
    def root(self) -> Path:
        return Path(pwd.getpwnam(self.instructor).pw_dir) / layout.COURSE_DIR_NAME

    def env(self) -> dict[str, str]:
        env_bin = layout.SINGLEUSER_ENV / "bin"
        config = [str(self.prefix / "jupyter" / "instructor"), str(self.prefix / "jupyter" / "common")]
        env = {"PATH": f"{env_bin}:/usr/local/bin:/usr/bin:/bin", "SELFKIND_EXCHANGE": str(self.prefix / "exchange"),
               "JUPYTER_CONFIG_PATH": os.pathsep.join(config)}
        if self.gradebook_url:
            env["SELFKIND_GRADEBOOK_URL"] = self.gradebook_url
        return env

    def nbgrader(self, *args: str, check: bool = True, timeout: float = 1800):
        done = accounts.run_as(self.instructor, [str(layout.SINGLEUSER_ENV / "bin" / "nbgrader"), *args],
                               cwd=self.root, env=self.env(), timeout=timeout)
        if check and done.returncode != 0:
            raise RuntimeError(f"nbgrader {' '.join(args)} failed ({done.returncode}):\n{done.stdout[-3000:]}\n"
                               f"{done.stderr[-4000:]}")
        return done

    def add_trainees(self, names: list[str]) -> None:
        roster = self.root / "trainees.csv"
        roster.write_text("id,first_name,last_name,email\n" + "".join(f"{n},,,\n" for n in names))
        accounts.chown_tree(roster, self.instructor)
        entry = pwd.getpwnam(self.instructor)
        os.chown(roster, entry.pw_uid, entry.pw_gid)
        self.nbgrader("db", "student", "import", str(roster))
