"""Selfkind: a Jupyter course on self-compassion, shame and compulsive soothing.

The package is layered: `selfkind.scenario` is the role-play engine (no widgets),
`selfkind.ui` holds the ipywidgets views, and `selfkind.cli` the `selfkind` command.
"""

__version__ = "0.1.0"
