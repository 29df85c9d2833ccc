"""Reading a scenario file into plain data, remembering the line of every value.

Garbage is refused early with a message for a person: a missing path, a directory,
an empty or binary file, YAML that does not parse, duplicate keys, anchors and
aliases (which is also how an alias bomb is refused), a top level that is not a mapping.

Two readers, one answer. PyYAML (on LibYAML) is the authority: it refuses with a line and
records the line of every value, but composing a node object per value costs ~0.8 s per MB.
A clean file is read fast instead: rapidyaml parses it and emits JSON, which `json` turns
into data (~0.1 s per MB). That path answers only when its data is provably PyYAML's:
the text holds nothing it could read differently (anchors, aliases, tags, directives,
explicit keys, tabs, characters LibYAML refuses), every key is unique, and every value is
what PyYAML's YAML 1.1 rules make of it (`yes`, `~`, `0x10`, `2026-01-01`, `1e3`...: any
text PyYAML would not read as text sends the file to PyYAML). Otherwise, or when rapidyaml
is missing or refuses, PyYAML reads the file as before. Lines are needed only to report a
problem: a fast-read Source finds them with PyYAML on the first `line()` call.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
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
    """A scenario file's data and the line each value (or key) starts on.

    `lines` is filled when the file is read by PyYAML; a Source read fast keeps its `text`
    and fills `lines` from it the first time a line is asked for.
    """

    file: str
    data: dict
    _lines: dict[Path_, int] | None = field(default_factory=dict, repr=False)
    text: str | None = field(default=None, repr=False)

    @property
    def lines(self) -> dict[Path_, int]:
        if self._lines is None:
            try:
                self._lines = _positioned(self.text or "", self.file).lines
            except ScenarioError:  # cannot happen for text the fast reader accepted; be safe
                self._lines = {}
        return self._lines

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
    if _only_comments(text):
        raise _refuse(name, None, "file is empty", "write a scenario (see docs/scenario-format.md)")
    return parse_text(text, name)


def _only_comments(text: str) -> bool:
    """Every line blank or a comment. The whole lines of the first few kB usually answer,
    without splitting a large file into lines."""
    def real(line: str) -> bool:
        return bool(line.strip()) and not line.lstrip().startswith("#")

    if any(map(real, text[:4096].splitlines()[:-1])):  # the last may be cut short
        return False
    return not any(map(real, text.splitlines()))


def parse_text(text: str, name: str = "<text>") -> Source:
    """Parse YAML text into a Source; raise ScenarioError on anything unusable."""
    data = _fast(text)
    if data is not None:
        return Source(name, data, None, text)
    return _positioned(text, name)


def _positioned(text: str, name: str) -> Source:
    """PyYAML's reading: every refusal with its line, and the line of every value."""
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


# --- the fast reader -------------------------------------------------------------------------

try:  # rapidyaml: a C++ YAML parser with wheels on PyPI; without it every file goes to PyYAML
    import ryml as _ryml
except ImportError:  # pragma: no cover - the course installs it
    _ryml = None

# Below this (every course scenario today is under 40 kB) PyYAML takes well under 0.1 s
# and has every line ready for the checker's warnings.
_FAST_MIN_CHARS = 100_000

# Text the fast reader could read differently from PyYAML, or that PyYAML refuses: the
# indicators of anchors, aliases, tags, directives, explicit keys and reserved characters
# wherever a node may start (a line's start, after `:`, `-`, `?`, `[`, `{` or `,`); merge
# keys; document markers; tabs; characters outside LibYAML's printable set (with the
# byte-order mark); and the line breaks YAML 1.1 has besides \n and \r\n (a lone \r, NEL, LS,
# PS), which PyYAML breaks lines at and rapidyaml does not. A match inside a quoted string or a comment
# also sends the file to PyYAML: slower, never different.
_INDICATORS = "&*!@`%?"
_NODE_START = ":-?[{,"
_UNPRINTABLE = re.compile(r"[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PRINTABLE_ASCII = b"\n\r" + bytes(range(0x20, 0x7F))


def _not_for_fast(text: str) -> bool:
    if "\t" in text or "<<" in text or "\ufeff" in text:
        return True
    if text.startswith(("---", "...")) or "\n---" in text or "\n..." in text or _has_unprintable(text):
        return True
    if "\r" in text and "\r" in text.replace("\r\n", "\n"):  # a lone \r breaks a line for PyYAML only
        return True
    for indicator in _INDICATORS:  # str.find per character: a regex would step through every character
        at = text.find(indicator)
        while at != -1:
            before = text[text.rfind("\n", 0, at) + 1: at].rstrip(" ")
            if not before or before[-1] in _NODE_START:
                return True
            at = text.find(indicator, at + 1)
    return False


def _has_unprintable(text: str) -> bool:
    if text.isascii():  # the usual large file, checked at C speed: only control characters can be wrong
        return bool(text.encode("ascii").translate(None, _PRINTABLE_ASCII))
    return _UNPRINTABLE.search(text) is not None


class _NotSure(Exception):
    """The fast reader cannot promise PyYAML's answer: read the file with PyYAML."""


# Every plain text PyYAML's YAML 1.1 rules read as something other than text (bool, int,
# float, null, timestamp, merge, value), as a JSON string: PyYAML's own patterns, each tried
# only on texts starting with a character PyYAML tries it for (as PyYAML picks them).
# A JSON string may have been quoted or plain in the YAML, so only a file none of whose
# strings (keys too) match is certain; the empty string `""` matches (plain, it is null).
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers


def _not_text_pattern() -> re.Pattern:
    firsts: dict[str, str] = {}  # the patterns tried for some first characters -> those characters
    for first, pairs in _RESOLVERS.items():
        patterns = "|".join(sorted({regexp.pattern.removeprefix("^").removesuffix("$") for _, regexp in pairs}))
        firsts[patterns] = firsts.get(patterns, "") + (first or "")
    if None in _RESOLVERS:  # a pattern tried for every text (PyYAML registers none): try them all
        return re.compile('"(?:' + "|".join(firsts) + ')"', re.X)
    branches = [f"(?=[{re.escape(chars)}])(?:{patterns})" for patterns, chars in firsts.items() if chars]
    empty = "|" if "" in _RESOLVERS else ""
    starts = re.escape("".join(firsts.values()))
    return re.compile(f'"(?=[{starts}"])(?:' + "|".join(branches) + empty + ')"', re.X)


_NOT_TEXT = _not_text_pattern()


def _unique_keys(pairs: list) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _NotSure  # a duplicate key: PyYAML names both lines
    return out


# PyYAML refuses a whole number of more than 12 digits, with its line. Such a number is
# written out in the file, so a run of 13 digits anywhere in it (in text too) sends it to PyYAML.
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")


def _has_long_number(encoded: bytes) -> bool:
    """A run of 13 digits anywhere (a C-speed scan: a regex tries a match at every digit)."""
    return b"0" * 13 in encoded.translate(_DIGITS_AS_ZERO)


def _float(text: str) -> Any:
    """A JSON number that is not an integer: PyYAML's value, if PyYAML reads a float too."""
    for tag, regexp in _RESOLVERS.get(text[:1], ()):
        if regexp.match(text):
            if tag == "tag:yaml.org,2002:float":
                return SafeConstructor().construct_object(ScalarNode(tag, text))
            break
    raise _NotSure  # `1e3`: PyYAML reads text


def _fast(text: str) -> dict | None:
    """The file's data if the fast reader is sure it is PyYAML's, else None."""
    if _ryml is None or len(text) < _FAST_MIN_CHARS or _not_for_fast(text):
        return None
    try:
        encoded = text.encode("utf-8")
        if _has_long_number(encoded):
            return None
        tree = _ryml.Tree()
        tree.reserve(_node_room(text))
        with _stderr_silenced():
            _ryml.parse_in_arena(encoded, tree)
        if not tree.is_map(tree.root_id()):
            return None
        emitted = _ryml.emit_json(tree)
        del tree  # its nodes take some 150 bytes each: gone before the data is built
        if _NOT_TEXT.search(emitted):
            return None
        data = json.loads(emitted, object_pairs_hook=_unique_keys, parse_float=_float, parse_constant=_float)
    except Exception:  # _NotSure, rapidyaml refusing, JSON it cannot emit: PyYAML says what is wrong
        return None
    return data if isinstance(data, dict) else None


def _node_room(text: str) -> int:
    """Room for every node rapidyaml makes of `text`, counted at C speed: a node starts on a
    new line, or after `- `, `,`, `[` or `{`. Left to itself, rapidyaml doubles its node
    array as it goes and touches about twice the memory in the end (for a 5 MB file, some
    0.07 s of the system's time spent handing out pages). Only a hint: more nodes still fit."""
    return sum(map(text.count, ("\n", "- ", ",", "[", "{"))) + 1


@contextlib.contextmanager
def _stderr_silenced():
    """rapidyaml prints its own parse errors to the process's stderr before raising; the
    author sees PyYAML's message instead, so that text is sent nowhere."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
