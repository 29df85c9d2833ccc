"""What a notebook shows instead of a role-play or quick check whose file has errors.

The trainee (or the author previewing a module) sees a plain list of FILE:LINE problems
with what to change, never a Python traceback.
"""

from __future__ import annotations

from ipywidgets import VBox

from .lean import HTML
from ..authoring.problems import Problem
from .style import esc, style_widget


def problems_html(heading: str, problems: list[Problem]) -> str:
    items = "".join(f"<li><code>{esc(_where(p))}</code>: {esc(p.message)}; {esc(p.fix)}</li>" for p in problems)
    return (
        '<div class="sk-warn" role="alert">'
        f"<p><strong>{esc(heading)}</strong></p><ul>{items}</ul>"
        "<p>If you are a trainee, please tell your instructor; nothing you have saved is affected.</p>"
        "</div>"
    )


def _where(problem: Problem) -> str:
    return f"{problem.file}:{problem.line}" if problem.line else problem.file


class FileProblems(VBox):
    """A screen listing the problems found in a course file."""

    def __init__(self, heading: str, problems: list[Problem]):
        super().__init__()
        self.add_class("selfkind")
        self.problems = list(problems)
        self.message_html = HTML(problems_html(heading, self.problems))
        self.children = (style_widget(), self.message_html)
