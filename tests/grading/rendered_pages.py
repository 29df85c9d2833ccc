"""What a person sees of an autograded submission: formgrader's page for it, and any page read as a browser would.

Formgrader's page is rendered here exactly as its submission view does (nbconvert's HTMLExporter
with nbgrader's `formgrade` template) from the autograded notebook, without starting a server.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path


def formgrader_html(course: Path, student: str, assignment: str, notebook: str) -> str:
    from nbconvert.exporters import HTMLExporter
    from nbgrader.server_extensions.formgrader import handlers
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.template_name = "formgrade"
    config.HTMLExporter.extra_template_basedirs = [handlers.template_path]
    resources = {"assignment_id": assignment, "notebook_id": notebook.removesuffix(".ipynb"), "submission_id": "x",
                 "index": 0, "total": 1, "base_url": "/", "student": student, "last_name": "Demo",
                 "first_name": student, "notebook_path": f"/notebooks/{notebook}"}
    page, _ = HTMLExporter(config=config).from_filename(str(course / "autograded" / student / assignment / notebook),
                                                        resources=resources)
    return page


def feedback_html(course: Path, student: str, assignment: str) -> str:
    return next((course / "feedback" / student / assignment).glob("*.html")).read_text(encoding="utf-8")


class _Targets(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)  # attribute values decoded, as the browser does
        self.targets: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.targets += [(tag, value or "") for name, value in attrs if name in ("href", "src")]


def script_targets(page: str) -> list[tuple[str, str]]:
    """Every link or image target in `page` that a browser would run or show as a document of its own."""
    parser = _Targets()
    parser.feed(page)
    # A browser drops tabs and newlines anywhere in a URL, and spaces and controls around it.
    bare = [(tag, re.sub(r"[\x00-\x20]", "", target).lower()) for tag, target in parser.targets]
    return [(tag, t) for tag, t in bare if t.startswith(("javascript:", "vbscript:", "data:text", "java%"))]


def text_of(page: str) -> str:
    """The page's text as a reader sees it (no styles, scripts or tags)."""
    page = re.sub(r"(?s)<(style|script)\b.*?</\1>", "", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))
