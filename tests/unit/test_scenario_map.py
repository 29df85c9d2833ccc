"""`selfkind map` and ScenarioMap: the scenario as a graph an author can read."""

import html
import shutil

import pytest

from selfkind.cli import _author_tool

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


def test_the_map_shows_nodes_choices_critical_and_good_endings(write, tmp_path):
    from tests.unit.test_format_safety import BASE

    out_svg = tmp_path / "m.svg"
    import io
    out = io.StringIO()
    assert _author_tool("map", str(write(BASE)), out=out, output=str(out_svg)) == 0
    svg = out_svg.read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    svg = html.unescape(svg).replace("\xa0", " ")  # Graphviz writes entities and no-break spaces
    for text in ("a/1  +2 reflect", "a/2  -2 fix  CRITICAL", "good (good)", "fallback", "trust >= 6"):
        assert text in svg, text
    assert "Unsafe." in svg  # each arrow's tooltip is the choice's words


def test_the_jupyterlab_view_has_a_text_outline(example_path):
    from selfkind.ui.scenario_map import ScenarioMap

    view = ScenarioMap.from_file(example_path)
    outline = view.outline_html.value
    assert "The map as text" in outline and "opening/1" in outline and "opening-up (good)" in outline
    assert "<svg" in view.children[2].value


def test_a_broken_file_shows_its_problems(example_text, write):
    from selfkind.ui.scenario_map import ScenarioMap

    view = ScenarioMap.from_file(write(example_text.replace("codes: [reflect]", "codes: [reflex]", 1)))
    assert "unknown code" in " ".join(getattr(c, "value", "") for c in view.children if isinstance(getattr(c, "value", None), str))
