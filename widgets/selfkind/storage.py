"""Kept for old imports: trainee files are now handled in selfkind.stores."""

from __future__ import annotations

from pathlib import Path

from .stores.atomic import write_json_atomic, write_text_atomic
from .stores.kept import Why, kept_name as aside_name, move_aside
from .stores.problem import DamagedFile
from .stores.reading import Damage, load_json

__all__ = ["DamagedFile", "aside_name", "move_aside", "read_json_or_keep_aside", "write_json_atomic",
           "write_text_atomic"]


def read_json_or_keep_aside(path: str | Path):
    """The JSON in `path`; None if absent; DamagedFile (after moving it aside) if unreadable."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        return load_json(raw)
    except Damage as exc:
        kept = move_aside(path, Why.DAMAGED)
        raise DamagedFile(path, kept, exc.reason) from None
