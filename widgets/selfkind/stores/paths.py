"""Where a trainee's private data lives on their own machine.

Everything a trainee writes (transcripts, journal, exercise answers) goes under one
folder: `$SELFKIND_HOME` if set, else `~/.selfkind`. Nothing is sent anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    return Path(os.environ.get("SELFKIND_HOME") or Path.home() / ".selfkind")


def transcripts_dir() -> Path:
    return data_dir() / "transcripts"


def journal_dir() -> Path:
    return data_dir() / "journal"


def exercises_dir() -> Path:
    return data_dir() / "exercises"
