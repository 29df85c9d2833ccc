"""The course's landing page: every module with its objectives, a link to open it, and the
trainee's own progress in its role-plays.

Read from the modules' own notebooks at display time (their first cell holds the title
and objectives), so the landing page can never disagree with the modules. Progress is read
from the trainee's private data folder (read-only; see selfkind.analytics.progress).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

MODULE_DIR = re.compile(r"^\d\d-[a-z0-9-]+$")


@dataclass(frozen=True)
class ModuleEntry:
    folder: str
    notebook: str  # path relative to the modules folder
    title: str
    objectives: str  # markdown
    time: str


def _section(markdown: str, label: str) -> str:
    """The block of `markdown` that starts with a bold `label`, up to the next bold label."""
    lines, out, inside = markdown.splitlines(), [], False
    for line in lines:
        if line.startswith(f"**{label}"):
            inside = True
        elif inside and line.startswith("**"):
            break
        if inside:
            out.append(line)
    return "\n".join(out).strip()


def read_modules(root: str | Path = ".") -> list[ModuleEntry]:
    """The modules under `root`, in course order."""
    entries = []
    for folder in sorted(p for p in Path(root).iterdir() if p.is_dir() and MODULE_DIR.match(p.name)):
        notebook = folder / f"{folder.name}.ipynb"
        if not notebook.exists():
            continue
        first = nbformat.read(notebook, as_version=4).cells[0].source
        title = next((l[2:].strip() for l in first.splitlines() if l.startswith("# ")), folder.name)
        entries.append(ModuleEntry(folder.name, f"{folder.name}/{notebook.name}", title,
                                   _section(first, "Objectives"), _section(first, "Time")))
    return entries


def progress_html(progress) -> str:
    """Which role-plays are finished and the best share, in words (no colour needed)."""
    if not progress:
        return ""
    done = sum(p.finished for p in progress)
    items = []
    for p in progress:
        title = html.escape(p.title)
        if p.problem:
            state = f"your saved play could not be read ({html.escape(p.problem)}); opening the module keeps it aside"
        elif p.finished:
            state = f"finished; your best play earned {round(p.best_share * 100)}% of the best available points"
        elif p.started:
            state = "started, not finished yet"
        else:
            state = "not started"
        attempts = f" ({p.attempts} attempts saved)" if p.attempts > 1 else ""
        items.append(f"<li>{title}: {state}{attempts}</li>")
    return (f'<div class="selfkind-progress"><p><strong>Your role-plays: {done} of {len(progress)} finished.'
            f"</strong></p><ul>{''.join(items)}</ul></div>")


def landing_html(entries: list[ModuleEntry], progress: dict | None = None) -> str:
    """The list of modules as accessible HTML (a nav landmark, headings, real links);
    `progress` maps a module folder to its role-plays' progress."""
    import mistune  # comes with nbconvert; imported here so the engine stays light

    progress = progress or {}
    items = []
    for e in entries:
        items.append(
            f'<li class="selfkind-module"><h3><a href="{html.escape(e.notebook)}">{html.escape(e.title)}</a></h3>'
            f"{mistune.html(html.escape(e.objectives, quote=False))}"
            f"{mistune.html(html.escape(e.time, quote=False))}"
            f"{progress_html(progress.get(e.folder, []))}</li>")
    return ('<nav aria-label="Course modules"><ul class="selfkind-modules" style="list-style:none;padding:0">'
            + "".join(items) + "</ul></nav>")


def show_index(root: str | Path = ".") -> None:
    """Display the landing page in the notebook or Voila app."""
    from IPython.display import HTML, display

    from ..analytics.progress import module_progress

    entries = read_modules(root)
    display(HTML(landing_html(entries, {e.folder: module_progress(Path(root) / e.folder) for e in entries})))
