"""The dashboard's plots: matplotlib figures drawn without pyplot, as inline SVG images.

Each figure is an <img> with a short alt text inside a <figure> whose caption says what it
shows; the same figures are always given beside it as a table (the text equivalent a
screen reader reads). Colour is never the only cue: bars carry their numbers, and every
heatmap cell its count. Images are data: URIs, so nothing is fetched from anywhere.
"""

from __future__ import annotations

import base64
import io

import pandas as pd

from .style import esc

INK, ACCENT, LIGHT = "#1b1b1b", "#1f4e79", "#c9d6e3"


def _svg_uri(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def figure_html(uri: str, alt: str, caption: str, fig_id: str) -> str:
    return (f'<figure class="sk-figure" aria-labelledby="{fig_id}-cap" style="margin:8px 0">'
            f'<img src="{uri}" alt="{esc(alt)}" style="max-width:100%;height:auto">'
            f'<figcaption id="{fig_id}-cap">{esc(caption)}</figcaption></figure>')


def completion_figure(frame: pd.DataFrame) -> str:
    """Horizontal bars: the share of trainees who submitted each assignment, with its number."""
    from matplotlib.figure import Figure

    labels = [str(t) for t in frame["title"]][::-1]
    values = [float(v) * 100 for v in frame["completion"]][::-1]
    fig = Figure(figsize=(7, 0.55 * len(labels) + 0.9))
    ax = fig.add_subplot()
    bars = ax.barh(labels, values, color=ACCENT)
    for bar, value in zip(bars, values):
        ax.text(min(value + 1, 92), bar.get_y() + bar.get_height() / 2, f"{value:.0f}%", va="center", color=INK)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Trainees who submitted (%)")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg_uri(fig)


def heatmap_figure(profile: pd.DataFrame) -> str:
    """Trainee × code counts, each cell labelled with its number."""
    from matplotlib.figure import Figure

    codes = [c for c in profile.columns if profile[c].sum() > 0] or list(profile.columns)
    data = profile[codes]
    fig = Figure(figsize=(0.75 * len(codes) + 2.2, 0.32 * len(data) + 1.4))
    ax = fig.add_subplot()
    top = max(1, int(data.to_numpy().max()) if data.size else 1)
    ax.imshow(data.to_numpy(), cmap="Blues", vmin=0, vmax=top, aspect="auto")
    ax.set_xticks(range(len(codes)), codes, rotation=45, ha="right")
    ax.set_yticks(range(len(data)), [str(t) for t in data.index])
    for (i, j), value in pd.DataFrame(data.to_numpy()).stack().items():
        ax.text(j, i, str(int(value)), ha="center", va="center", fontsize=8,
                color="white" if value > top / 2 else INK)
    ax.set_xlabel("Response code")
    return _svg_uri(fig)


def line_figure(turns: list[int], series: dict[str, list[int]]) -> str:
    """A small chart of state variables across turns (the trainee's debrief)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5.2, 2.2))
    ax = fig.add_subplot()
    styles = [("-", "o"), ("--", "s"), (":", "^")]
    for (name, values), (line, mark) in zip(series.items(), styles):
        ax.plot(turns, values, linestyle=line, marker=mark, color=ACCENT if line == "-" else INK, label=name)
    ax.set_ylim(0, 10)
    ax.set_xticks(turns)
    ax.set_xlabel("Turn (0: before your first response)")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg_uri(fig)
