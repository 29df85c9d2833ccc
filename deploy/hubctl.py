"""`make hub`: a JupyterHub for a cohort on this machine, on 127.0.0.1.

    sudo .venv/bin/python deploy/hubctl.py [--prefix /srv/selfkind] [--trainees 3] [--port 8000]

Builds the single-user environment (/opt/selfkind/singleuser), creates the OS accounts
(sk-instructor, sk-trainee-01…), lays out the deployment folder, starts a PostgreSQL
gradebook on loopback (or uses SELFKIND_GRADEBOOK_URL), registers the trainees in the
gradebook, then runs the hub until Ctrl+C, and stops everything it started.
Passwords are kept in PREFIX/hub/passwords.txt (root only); give each person theirs.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hubkit import accounts, layout, postgres  # noqa: E402
from hubkit.grading import Course  # noqa: E402
from hubkit.running import Hub  # noqa: E402


def read_passwords(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return dict(line.split(" ", 1) for line in path.read_text().splitlines() if " " in line)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", default=os.environ.get("SELFKIND_HUB_PREFIX", "/srv/selfkind"))
    parser.add_argument("--trainees", type=int, default=int(os.environ.get("TRAINEES", "3")))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--instructor", default="sk-instructor")
    parser.add_argument("--setup-only", action="store_true", help="prepare everything, start nothing")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("make hub runs as root: it creates OS accounts and starts each user's server as that user.")
        return 1
    prefix = Path(args.prefix)
    trainees = [f"sk-trainee-{i:02d}" for i in range(1, args.trainees + 1)]
    layout.build_singleuser_env()
    (prefix / "hub").mkdir(parents=True, exist_ok=True)
    (prefix / "hub").chmod(0o700)
    secrets_file = prefix / "hub" / "passwords.txt"
    known = read_passwords(secrets_file)
    people = [accounts.ensure_account(args.instructor, "instructor", known.get(args.instructor))]
    people += [accounts.ensure_account(name, "trainee", known.get(name)) for name in trainees]
    secrets_file.write_text("".join(f"{p.name} {p.password}\n" for p in people))
    secrets_file.chmod(0o600)

    cluster = None
    gradebook = os.environ.get("SELFKIND_GRADEBOOK_URL")
    if not gradebook:
        cluster = postgres.Cluster(prefix / "postgres", port=int(os.environ.get("PG_PORT", "5433"))).start()
        gradebook = cluster.url
    layout.lay_out(prefix, [args.instructor], trainees, gradebook)
    course = Course(prefix, args.instructor, gradebook)
    course.add_trainees(trainees)
    if args.setup_only:
        if cluster:
            cluster.stop()
        print(f"Prepared {prefix}; passwords in {secrets_file}")
        return 0

    hub = Hub(prefix, port=args.port)
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    try:
        hub.start()
        print(f"""
  Selfkind's JupyterHub is at  {hub.url}/   (this machine only)
  Log in as {args.instructor} (formgrader, the hub's dashboard at /hub/admin) or {trainees[0]} … {trainees[-1]}.
  Passwords: {secrets_file} (root only). Gradebook: PostgreSQL on 127.0.0.1{':' + str(cluster.port) if cluster else ''}.
  A trainee's modules as a Voila app:  {hub.url}/user/{trainees[0]}/voila/render/selfkind/index.ipynb
  Stop with Ctrl+C.
""", flush=True)
        while not stop["now"] and hub.proc.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        print("Stopping the hub, every user's server and the gradebook's database…")
        hub.stop([p.name for p in people])
        if cluster:
            cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
