"""Kept for old imports: the journal store lives in selfkind.stores.journal."""

from .stores.journal import JournalStore, markdown, now

__all__ = ["JournalStore", "markdown", "now"]
