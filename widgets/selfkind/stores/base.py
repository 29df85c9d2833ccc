"""The one protocol every trainee file follows.

- `read()` never writes anything (the grader's path): a value, or a problem in words.
- `open()` is `read()` for a view: a damaged file is kept aside (inside the file's lock),
  or left untouched where it cannot be moved, and the problem says which.
- `editing()` holds the file's lock across read-modify-write, so nothing saved by another
  process in between is lost; the caller writes with `write()` (atomic) inside it.
- Every read waits for the page (`page.wait_for_page`): a Voila kernel started ahead of its
  page (preheated) never reads a trainee file before the page is asked for, so it never
  shows what was saved before the trainee's latest work. Views defer their first read with
  `page.when_page_opens` instead of waiting, so the notebook runs to its end ahead of time.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Generic, Iterator, Optional, TypeVar

from .atomic import write_json_atomic
from .kept import move_aside
from .lock import locked
from .problem import FileProblem, KeepAsideFailed
from .page import wait_for_page
from .reading import MAX_BYTES, Damage, load_json

T = TypeVar("T")


@dataclass(frozen=True)
class Reading(Generic[T]):
    value: Optional[T] = None  # None: no file yet, or a problem
    problem: Optional[FileProblem] = None
    token: Optional[str] = None  # a fingerprint of the bytes read; None when there was no file


class JsonFileStore(Generic[T]):
    what = "Your saved file"  # how messages name the file, for the trainee

    def __init__(self, path: str | Path):
        self.path = Path(path).absolute()
        self.written_token: Optional[str] = None

    def parse(self, data) -> T:
        """The value in parsed JSON; Damage (with a reason) if it does not fit."""
        raise NotImplementedError

    def read(self) -> Reading[T]:
        wait_for_page()
        try:
            if self.path.stat().st_size > MAX_BYTES:
                return self._damaged(Damage("it is far larger than a Selfkind file"), None)
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Reading()
        except OSError as exc:
            return Reading(problem=FileProblem(self.path, self.what, f"it could not be opened: {_oserror(exc)}", None))
        token = hashlib.sha256(raw).hexdigest()
        try:
            return Reading(self.parse(load_json(raw)), None, token)
        except Damage as exc:
            return self._damaged(exc, token)
        except Exception as exc:  # a file no one foresaw must still not crash a page or a grade
            return self._damaged(Damage(f"it could not be understood ({type(exc).__name__})"), token)

    def open(self) -> Reading[T]:
        reading = self.read()
        if reading.problem is None or reading.problem.why is None:
            return reading
        try:
            with locked(self.path):
                again = self.read()  # another process may have replaced it meanwhile
                if again.problem is None or again.problem.why is None:
                    return again
                kept = move_aside(self.path, again.problem.why)
                return Reading(problem=replace(again.problem, kept=kept))
        except OSError as exc:
            return replace(reading, problem=replace(reading.problem, untouched=_oserror(exc)))

    @contextmanager
    def editing(self) -> Iterator[Reading[T]]:
        """Hold the lock; yield what is on disk now (damage kept aside). KeepAsideFailed
        (an OSError) rather than writing over a damaged file that could not be moved."""
        with locked(self.path):
            reading = self.open()
            if reading.problem is not None and reading.problem.kept is None:
                raise KeepAsideFailed(reading.problem)
            yield reading

    def write(self, data) -> Path:
        """Write atomically (call inside `editing()`); `written_token` is then the new file's token."""
        path = write_json_atomic(self.path, data)
        self.written_token = hashlib.sha256(path.read_bytes()).hexdigest()
        return path

    def _damaged(self, exc: Damage, token: Optional[str]) -> Reading[T]:
        return Reading(problem=FileProblem(self.path, self.what, exc.reason, exc.why), token=token)


def _oserror(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
