"""One lock per trainee file, shared by every process: `.answers.json.lock` beside `answers.json`.

Every read-modify-write of a trainee file (and every move aside) happens inside it, so
two kernels (two tabs, a notebook and a Voila app) saving at the same instant cannot
lose each other's change. Plain reads need no lock: writes are atomic renames.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock

TIMEOUT = 30  # seconds; a save waiting this long reports a failure instead of hanging the page


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(path: str | Path):
    """Hold the file's lock; TimeoutError (an OSError) if it cannot be had in TIMEOUT seconds.

    The lock object is one per path in this process (is_singleton), so a nested `locked`
    of the same file in one process re-enters instead of waiting on itself.
    """
    path = Path(path).absolute()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_path(path), timeout=TIMEOUT, is_singleton=True, thread_local=False)
    with lock:
        yield
