"""Trainee A tries to read trainee B's files, the instructor's course (submissions, solutions,
gradebook) and to reach the instructor's formgrader: the operating system or the hub refuses
each, with the error a person at A's terminal or in A's browser would see."""

from __future__ import annotations

import json
import pwd
import re
import textwrap
from pathlib import Path

import pytest
from conftest import ASSIGNMENT, INSTRUCTOR, TRAINEES

A, B = TRAINEES[0], TRAINEES[1]

PROBE = textwrap.dedent("""
    import glob, json, os, sys
    out = {}
    for label, op, path in json.loads(sys.argv[1]):
        try:
            if op == "list":
                os.listdir(path)
            elif op == "read":
                open(path, "rb").read(1)
            elif op == "glob":
                found = glob.glob(path)
                out[label] = "found " + repr(found) if found else "nothing found"
                continue
            elif op == "write":
                open(path, "w").write("x")
            out[label] = "allowed"
        except OSError as exc:
            out[label] = f"{type(exc).__name__}: {exc.strerror}"
    print(json.dumps(out))
""")


def as_user(name: str, attempts: list[tuple[str, str, str]]) -> dict[str, str]:
    from hubkit import accounts, layout
    done = accounts.run_as(name, [str(layout.SINGLEUSER_ENV / "bin" / "python"), "-c", PROBE, json.dumps(attempts)])
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def b_has_worked(cohort, released):
    """B has played a role-play (a transcript in ~/.selfkind) and submitted module 01's assignment."""
    from hubkit.play import play_roleplay

    b = cohort.signed_in(B)
    play_roleplay(b)
    b.assignments("fetch", ASSIGNMENT)
    b.assignments("submit", ASSIGNMENT)
    return b


def test_trainee_a_cannot_read_trainee_b_or_the_course(cohort, b_has_worked):
    home_b = Path(pwd.getpwnam(B).pw_dir)
    course = cohort.course.root
    inbound = cohort.prefix / "exchange" / "selfkind" / "inbound"
    assert list((home_b / ".selfkind" / "transcripts").glob("*.json")), "B has no transcript to protect"
    assert any(p.name.startswith(f"{B}+{ASSIGNMENT}+") for p in inbound.iterdir()), "B's submission is not in inbound"
    seen = as_user(A, [
        ("B's home", "list", str(home_b)),
        ("B's transcripts", "list", str(home_b / ".selfkind" / "transcripts")),
        ("B's transcript", "read", str(home_b / ".selfkind" / "transcripts" / "of-course-i-have-it.json")),
        ("B's assignment", "read", str(home_b / ASSIGNMENT / f"{ASSIGNMENT}-assignment.ipynb")),
        ("course directory", "list", str(course)),
        ("course source", "read", str(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}-assignment.ipynb")),
        ("course config", "read", str(course / "nbgrader_config.py")),
        ("exchange inbound", "list", str(inbound)),
        ("B's submission", "glob", str(inbound / f"{B}+*")),
        ("gradebook database files", "list", str(cohort.cluster.folder / "data")),
        ("gradebook socket", "list", str(cohort.cluster.folder / "socket")),
        ("hub secrets", "list", str(cohort.prefix / "hub")),
        ("write into B's home", "write", str(home_b / "planted.txt")),
    ])
    expected_refusals = {k: v for k, v in seen.items() if k != "B's submission"}
    assert all(v == "PermissionError: Permission denied" for v in expected_refusals.values()), seen
    assert seen["B's submission"] == "nothing found", seen
    # ... while B reads their own transcript, and the instructor the submissions.
    assert as_user(B, [("own", "read", str(home_b / ".selfkind" / "transcripts" / "of-course-i-have-it.json"))]) == {
        "own": "allowed"}
    assert as_user(INSTRUCTOR, [("inbound", "list", str(inbound))]) == {"inbound": "allowed"}


def test_trainee_a_cannot_log_in_to_the_gradebook(cohort):
    """The gradebook's address is known, its password is not: PostgreSQL refuses A."""
    from hubkit import accounts, layout
    code = ("import psycopg2, sys\n"
            "try:\n"
            f"    psycopg2.connect(host='127.0.0.1', port={cohort.cluster.port}, dbname='selfkind', user=sys.argv[1],"
            " connect_timeout=10)\n"
            "    print('connected')\n"
            "except psycopg2.OperationalError as exc:\n"
            "    print('refused:', str(exc).strip().splitlines()[-1])\n")
    for role in ("nbgrader", "postgres", A):
        done = accounts.run_as(A, [str(layout.SINGLEUSER_ENV / "bin" / "python"), "-c", code, role])
        assert done.stdout.startswith("refused:") and "no password supplied" in done.stdout, done.stdout + done.stderr
    # The instructor's server is handed the address with its password, a trainee's is not.
    cohort.signed_in(A)
    cohort.signed_in(INSTRUCTOR)
    assert "SELFKIND_GRADEBOOK_URL" not in _server_environment(A)
    assert _server_environment(INSTRUCTOR).get("SELFKIND_GRADEBOOK_URL", "").startswith("postgresql+psycopg2://nbgrader:")


def visible_text(html: str) -> str:
    """What a browser shows of a page: no scripts, styles or tags."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _server_environment(name: str) -> dict[str, str]:
    uid = pwd.getpwnam(name).pw_uid
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and proc.stat().st_uid == uid:
            if b"jupyterhub-singleuser" in (proc / "cmdline").read_bytes():
                raw = (proc / "environ").read_bytes().split(b"\0")
                return dict(item.decode().split("=", 1) for item in raw if b"=" in item)
    raise AssertionError(f"{name} has no running server")


def test_trainee_a_cannot_open_b_s_server_or_the_instructor_s_formgrader(cohort, b_has_worked):
    a = cohort.signed_in(A)
    cohort.signed_in(INSTRUCTOR)
    for path, user in [("/api/contents", B), ("/api/contents/.selfkind/transcripts", B),
                       ("/lab", B), ("/formgrader", INSTRUCTOR), ("/api/contents/selfkind-course", INSTRUCTOR)]:
        answer = a.server("GET", path, user=user)
        assert answer.status_code == 403, f"{path} of {user}: {answer.status_code}"
        shown = visible_text(answer.text)  # an API call gets JSON, a page the hub's error page
        assert (path.startswith("/api/") and '"Forbidden"' in answer.text) or \
            f"403 : You do not have permission to access Server at /user/{user}/" in shown, shown
    assert a.http.get(f"{cohort.hub.url}/hub/admin").status_code == 403
    assert a.hub_api("GET", f"/users/{B}").status_code == 404  # another user is not even listed
    # A's own server has no formgrader, and its contents API stays inside A's home.
    assert a.server("GET", "/formgrader").status_code == 404
    assert a.server("GET", f"/api/contents/../{B}").status_code in (400, 404)


def test_the_instructor_cannot_open_a_trainee_s_server_either(cohort):
    instructor = cohort.signed_in(INSTRUCTOR)
    cohort.signed_in(A)
    assert instructor.server("GET", "/api/contents", user=A).status_code == 403
    users = instructor.hub_api("GET", "/users").json()
    assert {u["name"] for u in users} >= {A, B, INSTRUCTOR}  # the dashboard lists who is there
