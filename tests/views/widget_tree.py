"""Reading a widget tree the way a trainee meets it: the text shown, the controls offered."""

from __future__ import annotations

import html
import re

from ipywidgets import HTML, Button, HTMLMath, Label
from ipywidgets.widgets.valuewidget import ValueWidget


BLOCK_TAG = r"</?(?:p|div|li|ul|ol|tr|td|th|table|caption|thead|tbody|br|h[1-6])\b[^>]*>"


def descendants(widget):
    """The widget and everything under it, through `.children`."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def shown(widget):
    """Descendants that are displayed (hidden style carriers excluded)."""
    return [w for w in descendants(widget) if getattr(w.layout, "display", None) != "none"]


def visible_text(widget) -> str:
    """All text on screen: HTML without tags, labels, button captions; whitespace collapsed."""
    parts = []
    for w in shown(widget):
        if isinstance(w, (HTML, HTMLMath, Label)):
            parts.append(w.value)
        if isinstance(w, Button):
            parts.append(w.description)
    markup = re.sub(BLOCK_TAG, " ", " ".join(parts))  # blocks separate words; inline tags do not
    text = html.unescape(re.sub(r"<[^>]+>", "", markup))
    return " ".join(text.split())


def controls(widget):
    """Everything a trainee can operate."""
    return [w for w in shown(widget)
            if isinstance(w, Button) or (isinstance(w, ValueWidget) and not isinstance(w, (HTML, HTMLMath, Label)))]


def unlabelled(widget):
    """Controls with no text a screen reader could announce as their name."""
    return [w for w in controls(widget) if not (getattr(w, "description", "") or "").strip()]
