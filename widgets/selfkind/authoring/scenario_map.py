"""`selfkind map FILE`: a scenario drawn as a graph, as SVG an author opens in a browser.

Nodes are boxes (with the client's first words), endings are ovals (good endings doubled),
and each choice is an arrow labelled with its score and codes. Colour is never the only
signal: hindering choices are also dashed, critical ones bold and labelled CRITICAL.
Laid out by Graphviz (`dot`), the library made for drawing graphs.
"""

from __future__ import annotations

import textwrap

from ..engine import END, Scenario
from ..engine.codes import FACILITATIVE, HINDERING

FACILITATIVE_COLOUR, HINDERING_COLOUR, MIXED_COLOUR = "#1b7837", "#b2182b", "#8a4b00"


class GraphvizMissing(RuntimeError):
    """Graphviz's `dot` program is not installed."""


def _first_words(lines) -> str:
    text = lines if isinstance(lines, str) else (lines[-1].say if lines else "")
    return textwrap.shorten(text, 60, placeholder="…")


def _edge_style(codes, critical: bool) -> dict:
    if critical:
        return {"color": HINDERING_COLOUR, "style": "bold", "penwidth": "2.5"}
    if all(c in FACILITATIVE for c in codes):
        return {"color": FACILITATIVE_COLOUR}
    if all(c in HINDERING for c in codes):
        return {"color": HINDERING_COLOUR, "style": "dashed"}
    return {"color": MIXED_COLOUR, "style": "dotted"}


def scenario_graph(scenario: Scenario):
    """The scenario as a graphviz.Digraph (graphviz is imported only when a map is asked for)."""
    import graphviz

    g = graphviz.Digraph(scenario.id, graph_attr={"rankdir": "TB", "label": scenario.title, "labelloc": "t",
                                                  "fontname": "Helvetica"},
                         node_attr={"fontname": "Helvetica", "fontsize": "10"},
                         edge_attr={"fontname": "Helvetica", "fontsize": "9"})
    for node_id, node in scenario.nodes.items():
        g.node(f"N-{node_id}", f"{node_id}\n“{_first_words(node.client)}”", shape="box",
               style="rounded,bold" if node_id == scenario.start else "rounded")
        for i, choice in enumerate(node.choices):
            cid = node.choice_id(node_id, i)
            label = f"{cid}  {choice.score:+d} {','.join(choice.codes)}"
            if choice.critical:
                label += "  CRITICAL"
            target = "END" if choice.next == END else f"N-{choice.next}"
            g.edge(f"N-{node_id}", target, label=label, tooltip=choice.text,
                   **_edge_style(choice.codes, choice.critical is not None))
    g.node("END", "next: end\n(the state picks the ending)", shape="diamond")
    for ending in scenario.endings:
        g.node(f"E-{ending.id}", f"{ending.id}{' (good)' if ending.good else ''}\n{ending.title}",
               shape="doubleoctagon" if ending.good else "oval")
        g.edge("END", f"E-{ending.id}", label=ending.if_ or "otherwise", style="dotted",
               color="#555555", fontcolor="#333333")
    return g


def map_svg(scenario: Scenario) -> str:
    """The map as SVG text; GraphvizMissing saying what to install if `dot` is absent."""
    import graphviz

    try:
        return scenario_graph(scenario).pipe(format="svg").decode("utf-8")
    except graphviz.ExecutableNotFound:
        raise GraphvizMissing("drawing a map needs Graphviz's `dot` program: install Graphviz "
                              "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)") from None
