"""Reading a scenario file into plain data, remembering the line of every value.

Garbage is refused early with a message for a person: a missing path, a directory,
an empty or binary file, YAML that does not parse, duplicate keys, anchors and
aliases (which is also how an alias bomb is refused), a top level that is not a mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.error import MarkedYAMLError, YAMLError
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

# LibYAML's parser when PyYAML was built with it (the wheels are): several times faster
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from .problems import Problem, ScenarioError

MAX_BYTES = 20 * 1024 * 1024  # far above any real scenario; stops a runaway file early

Path_ = tuple  # a key path into the data, e.g. ("nodes", "opening", "choices", 0)


@dataclass
class Source:
    """A scenario file's data and the line each value (or key) starts on."""

    file: str
    data: dict
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest parent that exists in the file."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def _refuse(file: str, line: int | None, message: str, fix: str) -> ScenarioError:
    return ScenarioError([Problem(file, line, message, fix)])


def read_source(path: str | Path) -> Source:
    """Read and parse `path`, or raise ScenarioError naming file and line."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise _refuse(name, None, "no such file", "check the path and its spelling")
    if path.is_dir():
        raise _refuse(name, None, "is a folder, not a scenario file",
                      "give a .yaml file, or use `selfkind check FOLDER` to check every scenario in it")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise _refuse(name, None, f"file is {size // 2**20} MB, too large for a scenario",
                      "split it into smaller scenarios (a scenario is normally well under 1 MB)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _refuse(name, None, f"cannot be opened ({exc.strerror or exc})",
                      "check that the file exists and that you may read it") from None
    if b"\0" in raw:
        raise _refuse(name, None, "is a binary file, not YAML text",
                      "give the scenario's .yaml text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _refuse(name, line, "is not UTF-8 text", "save the file as UTF-8") from None
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines()):
        raise _refuse(name, None, "file is empty", "write a scenario (see docs/scenario-format.md)")
    return parse_text(text, name)


def parse_text(text: str, name: str = "<text>") -> Source:
    """Parse YAML text into a Source; raise ScenarioError on anything unusable."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = (exc.problem or exc.context or "YAML does not parse").strip()
        raise _refuse(name, line, f"YAML does not parse: {what}",
                      "check indentation, colons and quotes on this line or the one before") from None
    except YAMLError as exc:
        raise _refuse(name, None, f"YAML does not parse: {exc}", "fix the YAML syntax") from None
    if root is None:
        raise _refuse(name, None, "file is empty", "write a scenario (see docs/scenario-format.md)")
    if not isinstance(root, MappingNode):
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        raise _refuse(name, root.start_mark.line + 1, f"the file holds {kind}, not a scenario",
                      "start the file with keys such as `id:`, `title:` and `nodes:`")
    source = Source(name, {})
    try:
        source.data = _build(root, (), source, SafeConstructor(), seen=set())
    except RecursionError:
        raise _refuse(name, None, "the YAML is nested far too deeply",
                      "a scenario is a few levels deep (nodes, choices, lines): look for runaway brackets") from None
    return source


def _build(node: Any, path: Path_, source: Source, make: SafeConstructor, seen: set[int]) -> Any:
    """Turn a composed YAML node into plain data, recording lines as we go."""
    line = node.start_mark.line + 1
    source.lines.setdefault(path, line)
    if id(node) in seen or getattr(node, "anchor", None):
        raise _refuse(source.file, line, "anchors and aliases (& and *) are not allowed",
                      "write the text out in full where it is needed")
    seen.add(id(node))
    if isinstance(node, MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _refuse(source.file, key_node.start_mark.line + 1,
                              "this key is not plain text", "use a simple name as the key")
            key = _scalar(key_node, make, source)
            key = key if isinstance(key, str) else str(key)
            if key in out:
                raise _refuse(source.file, key_node.start_mark.line + 1,
                              f"duplicate key {key!r} (also on line {source.lines[path + (key,)]})",
                              "give each key once; rename or merge the two")
            source.lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _build(value_node, path + (key,), source, make, seen)
        return out
    if isinstance(node, SequenceNode):
        return [_build(item, path + (i,), source, make, seen) for i, item in enumerate(node.value)]
    return _scalar(node, make, source)


_STR = "tag:yaml.org,2002:str"
# The only tags a scenario needs: what plain YAML values resolve to. Anything else (`!foo`,
# `!!python/name:...`, `!!binary`) is refused rather than constructed.
_PLAIN = {f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "timestamp")}


def _scalar(node: ScalarNode, make: SafeConstructor, source: Source) -> Any:
    # Most scalars in a scenario are text: take them as they are, skipping the constructor's dispatch.
    if node.tag == _STR:
        return node.value
    line = node.start_mark.line + 1
    if node.tag not in _PLAIN:
        raise _refuse(source.file, line, f"the YAML tag {node.tag!r} is not allowed in a scenario",
                      "remove the tag (the part starting with `!`); write plain text or a number")
    digits = node.value.lstrip("+-").replace("_", "")
    if digits.isdigit() and len(digits) > 12:
        raise _refuse(source.file, line, f"the number here has {len(digits)} digits",
                      "scores run from -2 to 2 and state from 0 to 10: write a small whole number")
    try:
        return make.construct_object(node)
    except Exception as exc:  # a bad `!!int zz`, `!!timestamp 2020-13-45`, a 5,000-digit number...
        what = str(exc).splitlines()[0][:120]
        raise _refuse(source.file, line, f"the value {node.value[:40]!r} cannot be read ({what})",
                      "write a small whole number, or put text in quotes") from None
