"""Writing trainee data safely: atomic replace, and damaged files kept aside.

Used for transcripts, journal entries and answers. A write goes to a temporary file
in the same folder, is flushed to disk, then renamed over the target, so a crash
leaves either the old file or the new one, never half of each.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path


def write_json_atomic(path: str | Path, data) -> Path:
    return write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_text_atomic(path: str | Path, text: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def aside_name(path: Path, label: str) -> Path:
    """A free name beside `path` such as `x.damaged-20261125-213000.json`."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1000):
        extra = f"-{n}" if n else ""
        candidate = path.with_name(f"{path.stem}.{label}-{stamp}{extra}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(f"no free name beside {path}")


def move_aside(path: str | Path, label: str) -> Path:
    """Rename `path` out of the way (never deleting it); return its new name."""
    path = Path(path)
    target = aside_name(path, label)
    os.replace(path, target)
    return target


class DamagedFile(Exception):
    """A data file that could not be read; it has been kept aside under `kept`."""

    def __init__(self, path: Path, kept: Path, reason: str):
        self.path, self.kept, self.reason = path, kept, reason
        super().__init__(f"{path} could not be read ({reason}); it was kept as {kept.name} and a fresh one started")


def read_json_or_keep_aside(path: str | Path):
    """The JSON in `path`; None if absent; DamagedFile (after moving it aside) if unreadable."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        kept = move_aside(path, "damaged")
        raise DamagedFile(path, kept, f"not valid JSON: {exc}") from None
