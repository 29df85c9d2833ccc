"""Journal: a private reflection on one prompt, saved on the trainee's own machine."""

from __future__ import annotations

import base64

from ipywidgets import HBox, Layout, Textarea, VBox

from .lean import HTML, Button
from ..stores.journal import JournalStore
from ..stores.page import when_page_opens
from ..stores.problem import DamagedFile
from .style import esc, note, paragraphs, shown_path, style_widget

PRIVACY = "Your journal stays on this computer. Nothing is sent anywhere."


class Journal(VBox):
    """A prompt, a text box and Save / Export; `entry` tells apart several prompts in a module."""

    def __init__(self, module: str, prompt: str, entry: str = "reflection"):
        super().__init__()
        self.add_class("selfkind")
        self.store = JournalStore(module)
        self.prompt, self.entry = prompt, entry
        self.text = Textarea(description="Your reflection (private)", rows=8,
                             placeholder="Write as much or as little as you like.",
                             layout=Layout(width="100%"))
        self.text.add_class("sk-stacked")  # label above the box, so the box keeps its width
        self.save_button = Button(description="Save",
                                  tooltip="Save this reflection privately on this computer")
        self.export_button = Button(description="Export to Markdown", layout=Layout(width="auto"),
                                    tooltip="Write all your journal entries for this module to a Markdown file on this computer")
        self.status_html = HTML()
        self._loaded_at = None  # the saved version this page started from
        self.save_button.on_click(lambda _button: self.save())
        self.export_button.on_click(lambda _button: self.export())
        self.children = (style_widget(), HTML(f"<h3>Reflection</h3>{paragraphs(prompt)}"), self.text,
                         HBox((self.save_button, self.export_button)), self.status_html,
                         HTML(f"<p><em>{PRIVACY}</em></p>"))
        when_page_opens(self._open_saved)  # in a preheated Voila kernel: once the page is asked for

    def _open_saved(self) -> None:
        self._load()
        self.text.observe(self._on_edit, names="value")  # after showing the saved text: that is no edit

    def save(self) -> bool:
        """Save the text; True if it was saved."""
        try:
            path, damaged, conflict = self.store.save(self.entry, self.text.value, self.prompt, self._loaded_at)
            self._loaded_at = self.store.last_saved_at
        except OSError as exc:
            problem = getattr(exc, "problem", None)
            why = esc(problem.words(shown_path)) if problem is not None else f"({esc(exc)})"
            self.status_html.value = note(f"Your reflection could not be saved. {why} "
                                          "Copy the text somewhere safe before closing.", warn=True)
            return False
        message = f"Saved privately on this computer at <code>{esc(shown_path(path))}</code>."
        if conflict:
            message += (" This reflection had also been saved from another window or tab; that version"
                        " was kept too, and both appear when you export.")
        if damaged is not None:
            message += " " + _damaged_text(damaged)
        self.status_html.value = note(message, warn=damaged is not None or conflict)
        return True

    def export(self) -> None:
        """Save, then write every entry of this module to a Markdown file."""
        if not self.save():
            return
        try:
            path, kept = self.store.export()
        except (OSError, DamagedFile) as exc:
            self.status_html.value = note(f"The export could not be written ({esc(exc)}).", warn=True)
            return
        message = (f"Saved, and exported all entries for this module to <code>{esc(shown_path(path))}</code>. "
                   f"{_download_link(path)}")
        if kept is not None:
            message += f" Your earlier export was kept as <code>{esc(shown_path(kept))}</code>."
        self.status_html.value = note(message)

    def _load(self) -> None:
        try:
            saved = self.store.entries().get(self.entry)
        except DamagedFile as exc:
            self.status_html.value = note(_damaged_text(exc), warn=True)
            return
        except OSError as exc:
            self.status_html.value = note(f"Your journal could not be opened ({esc(exc)}).", warn=True)
            return
        if saved:
            self.text.value = saved["text"]
            self._loaded_at = saved.get("saved_at")
            when = esc(saved.get("saved_at", "")[:16].replace("T", " "))
            self.status_html.value = note(f"Your reflection saved {when} is shown; it is kept at "
                                          f"<code>{esc(shown_path(self.store.path))}</code>.")

    def _on_edit(self, _change) -> None:
        self.status_html.value = "<p>Not saved yet: press <strong>Save</strong> to keep your changes.</p>"


def _download_link(path) -> str:
    """A link that hands the file to the browser itself (a data: address), so the export can be
    kept even where the course runs on another machine (Binder); nothing goes to a third party."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (f'<a download="{esc(path.name)}" href="data:text/markdown;charset=utf-8;base64,{data}">'
            f"Download {esc(path.name)}</a>")


def _damaged_text(exc: DamagedFile) -> str:
    fresh = " A new journal file was started." if exc.kept is not None else ""
    return esc(exc.problem.words(shown_path)) + fresh
