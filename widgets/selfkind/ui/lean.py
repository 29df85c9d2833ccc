"""HTML and Button widgets that share their unchanging models, so a page has fewer to load.

A page loads every widget model before it shows the first widget, and ipywidgets gives
each HTML and Button its own style and layout models. A module page held about 400. Styles
are never changed here, so every HTML shares one, and every Button one. Layouts are how a
view hides a part of itself, so an HTML shares a layout that refuses changes: hiding one
raises at once (in tests, not on a trainee's page) and says to give it its own
`layout=Layout()`, as the views do for the parts they hide.
"""

from __future__ import annotations

import ipywidgets
from ipywidgets.widgets.widget_button import ButtonStyle
from ipywidgets.widgets.widget_string import HTMLStyle
from traitlets import default

_SHARED: dict[str, ipywidgets.Widget] = {}


def _shared(kind: type) -> ipywidgets.Widget:
    """One instance of a style model per kernel (nothing in Selfkind sets a style's traits)."""
    if kind.__name__ not in _SHARED:
        _SHARED[kind.__name__] = kind()
    return _SHARED[kind.__name__]


class _FixedLayout(ipywidgets.Layout):
    """A default layout shared by many widgets: its look cannot be changed from Python."""

    def __init__(self):
        super().__init__()
        self._fixed = set(self.keys) - {"comm"}

    def __setattr__(self, name, value):
        if name in getattr(self, "_fixed", ()) and not name.startswith("_"):
            raise AttributeError(f"this layout is shared by many widgets; give the widget its own "
                                 f"`layout=Layout()` to set {name!r}")
        super().__setattr__(name, value)


class HTML(ipywidgets.HTML):
    @default("style")
    def _one_style(self):
        return _shared(HTMLStyle)

    @default("layout")
    def _one_layout(self):
        return _shared(_FixedLayout)


class Button(ipywidgets.Button):
    @default("style")
    def _one_style(self):
        return _shared(ButtonStyle)
