"""Trainee files: one protocol for answers, journal, exercise answers and transcripts.

Reading never writes (`read`); a view's `open` keeps a damaged file aside under one
naming scheme (`kept.py`) or leaves it untouched where it cannot be moved, and says so;
every read-modify-write holds the file's lock across processes (`lock.py`) and writes
atomically (`atomic.py`). Every file is validated as a whole (pydantic) before use.
No widgets here: views show, stores decide.
"""

from .atomic import write_json_atomic, write_text_atomic
from .base import JsonFileStore, Reading
from .kept import NOT_TRAINEE_DATA, Why, find_kept, kept_name, move_aside, newest_kept
from .lock import lock_path, locked
from .page import wait_for_page, when_page_opens
from .problem import DamagedFile, FileProblem, KeepAsideFailed

__all__ = [
    "DamagedFile", "FileProblem", "JsonFileStore", "KeepAsideFailed", "NOT_TRAINEE_DATA", "Reading", "Why",
    "find_kept", "kept_name", "lock_path", "locked", "move_aside", "newest_kept", "write_json_atomic",
    "wait_for_page", "when_page_opens", "write_text_atomic",
]
