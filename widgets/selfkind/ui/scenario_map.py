"""ScenarioMap: an author's view of a scenario as a graph, in JupyterLab.

The same SVG as `selfkind map FILE`, with a text outline beside it for screen readers
(every node, its choices with score and codes, where each leads).
"""

from __future__ import annotations

from pathlib import Path
from typing import Union

from ipywidgets import VBox

from .lean import HTML
from ..engine import END
from ..authoring import ScenarioError, load_scenario
from .problems import FileProblems
from .style import esc, style_widget


class ScenarioMap(VBox):
    def __init__(self, scenario):
        super().__init__()
        self.add_class("selfkind")
        from ..authoring.scenario_map import GraphvizMissing, map_svg

        try:
            drawing = f'<div role="img" aria-label="Map of {esc(scenario.title)}">{map_svg(scenario)}</div>'
        except GraphvizMissing as exc:
            drawing = f"<p>{esc(exc)}</p>"
        self.outline_html = HTML(_outline(scenario))
        self.children = (style_widget(), HTML(f"<h2>Map: {esc(scenario.title)}</h2>"), HTML(drawing), self.outline_html)

    @classmethod
    def from_file(cls, path: Union[str, Path]):
        try:
            return cls(load_scenario(path))
        except ScenarioError as exc:
            return FileProblems("This scenario cannot be drawn: its file has problems.", exc.problems)


def _outline(scenario) -> str:
    items = []
    for node_id, node in scenario.nodes.items():
        choices = "".join(
            f"<li>{esc(node.choice_id(node_id, i))}: “{esc(c.text)}” ({c.score:+d}; {esc(', '.join(c.codes))})"
            f"{' <strong>critical</strong>' if c.critical else ''} → {esc('an ending' if c.next == END else c.next)}</li>"
            for i, c in enumerate(node.choices))
        items.append(f"<li><strong>{esc(node_id)}</strong><ul>{choices}</ul></li>")
    endings = "".join(f"<li>{esc(e.id)}{' (good)' if e.good else ''}: {esc(e.if_ or 'otherwise')}</li>"
                      for e in scenario.endings)
    return (f"<details><summary>The map as text</summary><ul>{''.join(items)}</ul>"
            f"<p>Endings, first that holds:</p><ol>{endings}</ol></details>")
