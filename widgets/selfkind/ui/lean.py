"""HTML and Button widgets that share one style model each, and one style carrier per kernel.

A page loads every widget model before it shows the first widget, and ipywidgets gives
each HTML and Button its own style model that Selfkind never changes. A module page held
about 400 models; sharing the unchanging ones cuts a fifth of them, and of the time a page
takes to become interactive. Layouts are not shared: views hide and show widgets through them.
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


class HTML(ipywidgets.HTML):
    @default("style")
    def _one_style(self):
        return _shared(HTMLStyle)


class Button(ipywidgets.Button):
    @default("style")
    def _one_style(self):
        return _shared(ButtonStyle)
