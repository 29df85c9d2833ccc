"""The private reflection journal: `journal_dir()/<module>.json`, one file per module.

It maps an entry key to {"prompt", "text", "saved_at", "earlier": [{"text", "saved_at"}]}.
Saving one entry happens inside the file's lock and re-reads the file first, so entries
saved by other widgets or kernels are kept; a newer version of the same entry saved
elsewhere is kept under `earlier`, never overwritten. Export writes Markdown.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, RootModel, StrictStr

from .paths import journal_dir
from .atomic import write_text_atomic
from .base import JsonFileStore
from .kept import Why, move_aside
from .lock import locked
from .problem import DamagedFile
from .reading import validated

_MODULE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\Z")  # a folder name; no path separators


class Earlier(BaseModel):
    model_config = ConfigDict(extra="ignore")
    text: StrictStr
    saved_at: Optional[StrictStr] = None


class Entry(BaseModel):
    model_config = ConfigDict(extra="ignore")
    prompt: Optional[StrictStr] = None
    text: StrictStr
    saved_at: Optional[StrictStr] = None
    earlier: list[Earlier] = []


class JournalFile(RootModel[dict[StrictStr, Entry]]):
    pass


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class JournalFileStore(JsonFileStore[dict]):
    what = "Your earlier journal file"

    def parse(self, data) -> dict[str, dict]:
        entries = validated(JournalFile, data).root
        return {key: entry.model_dump(exclude_none=True) for key, entry in entries.items()}


class JournalStore:
    """Read and write one module's journal."""

    def __init__(self, module: str):
        if not isinstance(module, str) or not _MODULE.match(module):
            raise ValueError(f"module {module!r} should be a module folder name such as '01-what-self-compassion-is'")
        self.module = module

    @property
    def file(self) -> JournalFileStore:
        return JournalFileStore(self.path)

    @property
    def path(self) -> Path:
        return journal_dir() / f"{self.module}.json"

    @property
    def export_path(self) -> Path:
        return journal_dir() / f"{self.module}-journal.md"

    def entries(self) -> dict[str, dict]:
        """All saved entries; DamagedFile (kept aside, or left untouched) if it cannot be used."""
        reading = self.file.open()
        if reading.problem is not None:
            raise DamagedFile.of(reading.problem)
        return reading.value or {}

    def save(self, entry: str, text: str, prompt: str,
             loaded_at: Optional[str] = None) -> tuple[Path, Optional[DamagedFile], bool]:
        """Save one entry, keeping the others.

        `loaded_at` is the `saved_at` of the version the writer started from. If the entry
        was saved since (another tab, or a page opened earlier), that newer text is kept
        under `earlier`. Returns (path, DamagedFile met or None, whether such a version was kept).
        OSError (KeepAsideFailed among them) if nothing could be saved.
        """
        file = self.file
        with file.editing() as reading:
            damaged = DamagedFile.of(reading.problem) if reading.problem is not None else None
            data = dict(reading.value or {})
            old = data.get(entry) or {}
            earlier = list(old.get("earlier", []))
            conflict = bool(old) and old.get("saved_at") != loaded_at and old.get("text") != text
            if conflict:
                earlier.append({"text": old["text"], "saved_at": old.get("saved_at")})
            data[entry] = {"prompt": prompt, "text": text, "saved_at": now()}
            self.last_saved_at = data[entry]["saved_at"]  # what this writer saved, for its next conflict check
            if earlier:
                data[entry]["earlier"] = earlier
            return file.write(data), damaged, conflict

    def saved_at(self, entry: str) -> Optional[str]:
        """When `entry` was last saved, as read now (never writes)."""
        reading = self.file.read()
        return ((reading.value or {}).get(entry) or {}).get("saved_at")

    def export(self) -> tuple[Path, Optional[Path]]:
        """Write every entry as Markdown; return (export path, earlier export kept aside or None)."""
        entries = self.entries()
        with locked(self.export_path):
            kept = move_aside(self.export_path, Why.PREVIOUS) if self.export_path.exists() else None
            write_text_atomic(self.export_path, markdown(self.module, entries))
        return self.export_path, kept


def markdown(module: str, entries: dict[str, dict]) -> str:
    lines = [f"# Reflection journal: {module}", "",
             f"Exported {datetime.now():%Y-%m-%d %H:%M} from Selfkind. This file stays on your "
             "computer unless you choose to share it.", ""]
    for key, entry in entries.items():
        heading = " ".join(str(entry.get("prompt") or key).split())  # a heading is one line
        lines += [f"## {heading}", "", entry.get("text", "").strip() or "*(no text)*", ""]
        if entry.get("saved_at"):
            lines += [f"*Saved {entry['saved_at']}*", ""]
        for version in entry.get("earlier", []):
            lines += [f"### Another version, saved {version.get('saved_at')}", "", version.get("text", "").strip(), ""]
    return "\n".join(lines)
