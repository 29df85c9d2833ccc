"""The fast reader (rapidyaml + JSON) gives PyYAML's data or steps aside; never a different answer.

`selfkind check` reads a large clean file fast and asks PyYAML only for lines when a problem
is reported. These tests hold the fast reader to PyYAML's answer: same data, same refusals,
same FILE:LINE messages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from selfkind.authoring import check_file
from selfkind.authoring import source as source_module
from selfkind.authoring.problems import ScenarioError
from selfkind.authoring.source import _fast, _positioned, parse_text

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_engine import generate  # noqa: E402  the benchmark's generator

pytestmark = pytest.mark.skipif(source_module._ryml is None, reason="rapidyaml is not installed")


@pytest.fixture
def fast_for_any_size(monkeypatch):
    """The fast reader takes files of every size (normally only large ones)."""
    monkeypatch.setattr(source_module, "_FAST_MIN_CHARS", 0)


def _pyyaml(text: str):
    try:
        return _positioned(text, "f.yaml").data
    except ScenarioError:
        return "refused"


def _course_yaml() -> list[Path]:
    return sorted(p for p in (ROOT / "modules").rglob("*.yaml")) + sorted((ROOT / "docs").rglob("*.yaml"))


def test_every_course_file_reads_the_same_both_ways(fast_for_any_size):
    fast_taken = 0
    for path in _course_yaml():
        text = path.read_text(encoding="utf-8")
        data = _fast(text) if text.strip() else None
        if data is not None:
            fast_taken += 1
            assert data == _pyyaml(text), path
    assert fast_taken >= 5  # the comparison was not vacuous


# Each is put into a clean scenario-like document, as the value of `x:` (or as whole lines).
ODD_VALUES = [
    "yes", "No", "on", "OFF", "y", "n", "~", "null", "Null", "''", '""', "0x1F", "0o17", "017", "0b101",
    "1_000", "+5", "-0", "1e3", "1.5e3", "1.0e+3", "6.", ".5", ".inf", "-.INF", ".nan", "1:30", "190:20:30",
    "2026-01-01", "2026-01-01 10:00:00", "2026-13-45", "12345678901234567", "'5'", '"5"', '"yes"',
    "'~'", '"\\x41\\u00e9\\N\\_"', "'it''s'", '"a\\tb"', "true", "True", "TRUE", "false", "=", "<<",
    "&a 5", "*a", "!!str 5", "!foo x", "!!python/name:os.system", "[a, 'b', 3, yes]", "{a: 1, b: no}",
    "{a: 1, a: 2}", "|\n  one\n  two\n", ">-\n  folded\n  text\n", "|+\n  kept\n\n", "plain\n  continued line",
    "a: b: c", "'unterminated", "[unclosed", "@at", "`tick", "%pct", "- inline list", "? key", "x # comment",
    "\"über ✓ 😀\"", "naïve text", "text with # hash", "colon: inside", "3.14", "-7", "0", "00", "1__0",
]

BASE = "id: odd\ntitle: Odd\nnodes:\n" + "".join(f"  n{i}:\n    say: \"line {i}\"\n    n: {i}\n" for i in range(50))


@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_values_read_as_pyyaml_reads_them_or_go_to_pyyaml(value, fast_for_any_size):
    text = BASE + "x: " + value + "\n"
    expected = _pyyaml(text)
    data = _fast(text)
    if expected == "refused":
        assert data is None
    elif data is not None:
        assert data == expected and type(data["x"]) is type(expected["x"])


ODD_DOCUMENTS = [
    "a: 1\na: 2\n", "a: 1\n---\nb: 2\n", "---\na: 1\n", "- 1\n- 2\n", "just text\n", "a:\n\tb: 1\n",
    "a:\n  b: 1\n c: 2\n", "a:\n  - 1\n  b: 2\n", "%YAML 1.1\n---\na: 1\n", "\ufeffa: 1\n", "a: \x07\n",
    "a: [1, 2\nb: 3\n", "a: {b: 1\n", "? [a, b]\n: c\n", "1: one\n", "yes: one\n", "~: none\n",
    "a:\n  b:\n    c:\n      - [[[[1]]]]\n", "a: 'x'\r\nb: 2\r\n", "a: >\n  x\n\n  y\n",
    "a: 1\n...\nb: 2\n", "a: 1\r\n---\r\nb: 2\r\n", "...\na: 1\n", "a: '1234567890123'\n",
    "a: x1234567890123y\n", "a: 123456789012\n", "a: \"---\"\n",
    # characters LibYAML refuses, in ASCII text and in text that is not; YAML 1.1's other line breaks
    "a: \x7f\n", "a: \"\x7f\"\n", "a: é\x07\n", "a: é \x86\n", "a: \ufffe\n", "a: ü\ufffe\n",
    "a: x\x85y\n", "a: x\u2028y\n", "a: x\u2029y\n", "a: \"x\x85y\"\n", "a: x\ry\n", "a: \"x\ry\"\n",
    "a: |\n  x\r  y\n", "a: 'x\r\n  y'\n",
    "a: \"b ? c\"\n", "a: b & c\n", "a: [x, *y]\n", "a: {b: !c}\n", "a: - b\n", "a:\n  - ? b\n",
]


@pytest.mark.parametrize("doc", ODD_DOCUMENTS)
def test_odd_documents_read_as_pyyaml_reads_them_or_go_to_pyyaml(doc, fast_for_any_size):
    text = doc + BASE.replace("id: odd\n", "", 1)
    expected = _pyyaml(text)
    data = _fast(text)
    if expected == "refused":
        assert data is None
    elif data is not None:
        assert data == expected


def test_a_large_clean_scenario_is_read_fast_and_finds_lines_when_asked(tmp_path):
    text = generate(300)
    assert len(text) > source_module._FAST_MIN_CHARS
    source = parse_text(text, "big.yaml")
    assert source._lines is None  # read fast: no lines computed yet
    slow = _positioned(text, "big.yaml")
    assert source.data == slow.data
    for path in [("nodes", "n7", "choices", 2, "next"), ("nodes", "n299"), ("endings", 1, "title"),
                 ("nodes", "n5", "choices", 9, "gone"), ("state", "trust")]:
        assert source.line(path) == slow.line(path)
    assert source.lines == slow.lines


def _problems_both_ways(path: Path, monkeypatch) -> tuple[list[str], list[str]]:
    fast = [str(p) for p in check_file(path)[0]]
    monkeypatch.setattr(source_module, "_FAST_MIN_CHARS", 10**12)  # PyYAML only
    slow = [str(p) for p in check_file(path)[0]]
    return fast, slow


@pytest.mark.parametrize("slip", [
    ("next: n5\n", "next: nowhere\n"),                    # a target that does not exist
    ("score: 2\n", "score: 7\n"),                         # a score out of range
    ("    client:\n", "    client:\n    client:\n"),     # a duplicate key
    ("codes: [fix]", "codes: [fix, shouting]"),           # an unknown code
    ("feedback: \"fb\"", "feedback: yes"),                # text PyYAML reads as true
    ("        score: -1\n", "        score: 123456789012345\n"),  # a runaway number
    ("  - id: other\n", "  - id: other\n    extra: &a x\n"),       # an anchor
    ("say: \"line 5\"", "say: \"line\x07 5\""),                # a control character in ASCII text
    ("say: \"line 5\"", "say: \"lïne\x7f 5\""),                # one in text that is not ASCII
    ("  n4:\n", "  ? n4\n  :\n"),                             # an explicit key
])
def test_a_large_file_with_a_slip_gets_pyyamls_messages(tmp_path, monkeypatch, slip):
    old, new = slip
    text = generate(300)
    assert old in text
    path = tmp_path / "big.yaml"
    path.write_text(text.replace(old, new, 1))
    fast, slow = _problems_both_ways(path, monkeypatch)
    assert fast == slow and fast, fast
    assert all(p.startswith(f"{path}:") for p in fast)


def test_the_fast_reader_makes_room_for_every_node_at_once():
    """rapidyaml is given room for all its nodes up front (growing, it touches twice the memory)."""
    texts = [path.read_text(encoding="utf-8") for path in _course_yaml()] + [generate(300), BASE]
    for text in texts + [BASE + doc for doc in ODD_DOCUMENTS] + [BASE + "x: " + value + "\n" for value in ODD_VALUES]:
        if source_module._not_for_fast(text):
            continue  # read by PyYAML
        try:
            nodes = source_module._ryml.parse_in_arena(text.encode("utf-8")).size()
        except Exception:  # rapidyaml refuses it: PyYAML reads it instead
            continue
        assert source_module._node_room(text) >= nodes, text[:80]
