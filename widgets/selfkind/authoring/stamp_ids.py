"""`selfkind stamp-ids FILE`: give every choice that lacks one an `id:` of its own.

A choice without an id is known by its node and position (`opening/2`), so reordering
choices would change what saved transcripts mean. Stamping writes that same id into the
file (as Yarn Spinner stamps line ids), so transcripts saved before keep their meaning and
the author may reorder freely afterwards. The file is edited line by line: comments,
quotes and layout stay as the author wrote them.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import load_scenario
from .source import read_source
from ..stores.atomic import write_text_atomic

_ITEM = re.compile(r"^(\s*)- (?=[A-Za-z_\"'])")  # a block-style list item that starts a mapping


def stamp_ids(path: str | Path) -> tuple[int, list[str]]:
    """Stamp missing choice ids; return (how many stamped, choices that could not be)."""
    path = Path(path)
    scenario = load_scenario(path)  # a file with errors is refused before anything is written
    source = read_source(path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    edits, skipped = {}, []
    for node_id, node in scenario.nodes.items():
        for i, choice in enumerate(node.choices):
            if choice.id is not None:
                continue
            cid = node.choice_id(node_id, i)
            number = source.lines.get(("nodes", node_id, "choices", i))
            match = _ITEM.match(lines[number - 1]) if number else None
            if match is None:
                skipped.append(cid)
                continue
            indent = match.group(1)
            edits[number - 1] = f"{indent}- id: {cid}\n{indent}  " + lines[number - 1][match.end():]
    if edits:
        write_text_atomic(path, "".join(edits.get(n, line) for n, line in enumerate(lines)))
        load_scenario(path)  # the stamped file still passes the check (raises otherwise)
    return len(edits), skipped
