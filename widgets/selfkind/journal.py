"""The private reflection journal: one JSON file per module, on the trainee's machine.

`journal_dir()/<module>.json` maps an entry key to {"prompt", "text", "saved_at"}.
Saving one entry re-reads the file first, so entries written by other journal widgets
of the same module are kept. Writes are atomic; a damaged file is kept aside.
Export writes all entries of a module as Markdown, keeping any earlier export aside.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Optional

from .paths import journal_dir
from .storage import DamagedFile, move_aside, read_json_or_keep_aside, write_json_atomic, write_text_atomic

_MODULE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")  # a folder name; no path separators


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class JournalStore:
    """Read and write one module's journal."""

    def __init__(self, module: str):
        if not _MODULE.match(module or ""):
            raise ValueError(f"module {module!r} should be a module folder name such as '01-what-self-compassion-is'")
        self.module = module

    @property
    def path(self) -> Path:
        return journal_dir() / f"{self.module}.json"

    @property
    def export_path(self) -> Path:
        return journal_dir() / f"{self.module}-journal.md"

    def entries(self) -> dict[str, dict]:
        """All saved entries; DamagedFile (the file kept aside) if it cannot be used."""
        data = read_json_or_keep_aside(self.path)
        if data is None:
            return {}
        if not isinstance(data, dict) or not all(
                isinstance(e, dict) and isinstance(e.get("text"), str) for e in data.values()):
            kept = move_aside(self.path, "damaged")
            raise DamagedFile(self.path, kept, "it is not a journal")
        return data

    def save(self, entry: str, text: str, prompt: str,
             loaded_at: Optional[str] = None) -> tuple[Path, Optional[DamagedFile], bool]:
        """Save one entry, keeping the others.

        `loaded_at` is the `saved_at` of the version the writer started from. If the entry
        was saved since (another tab, or a page opened earlier), that newer text is kept
        under `earlier` rather than overwritten. Returns (path, DamagedFile met or None,
        whether such a version was kept).
        """
        damaged = None
        try:
            data = self.entries()
        except DamagedFile as exc:
            data, damaged = {}, exc
        old = data.get(entry) or {}
        earlier = list(old.get("earlier", []))
        conflict = bool(old) and old.get("saved_at") != loaded_at and old.get("text") != text
        if conflict:
            earlier.append({"text": old["text"], "saved_at": old.get("saved_at")})
        data[entry] = {"prompt": prompt, "text": text, "saved_at": now()}
        if earlier:
            data[entry]["earlier"] = earlier
        return write_json_atomic(self.path, data), damaged, conflict

    def export(self) -> tuple[Path, Optional[Path]]:
        """Write every entry as Markdown; return (export path, earlier export kept aside or None)."""
        entries = self.entries()
        kept = move_aside(self.export_path, "previous") if self.export_path.exists() else None
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
