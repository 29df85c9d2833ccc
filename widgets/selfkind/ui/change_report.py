"""ChangeReport: a client's SCS-SF scores before and after, plotted with its table and a reliable change index.

The plot is an inline SVG image with alt text and a caption; the table beside it holds the
same numbers (the text equivalent), and a paragraph gives the reliable change index with the
assumptions it rests on and what it does not show. Read-only: nothing is saved.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Union

from ipywidgets import VBox

from .lean import HTML
from ..exercises.reliable_change import change_figure, load_responses, reliable_change, scores_frame
from .dashboard_plots import _svg_uri, figure_html
from .style import esc, note, style_widget


class ChangeReport(VBox):
    def __init__(self, data: dict, show_rci: bool = True):
        super().__init__()
        self.add_class("selfkind")
        client = str(data.get("client", "The client"))
        self.frame = scores_frame(data["before"], data["after"])
        total = self.frame[self.frame.scale == "Total"].iloc[0]
        self.change = reliable_change(float(total.before), float(total.after), float(data["sd"]),
                                      float(data["reliability"]))
        self.figure_html = HTML(self._figure(client))
        self.table_html = HTML(self._table(client))
        # An assignment may ask the trainee to work the index out: then only the scores are shown.
        self.rci_html = HTML(self._rci(client) if show_rci else "")
        self.children = (style_widget(), self.figure_html, self.table_html, self.rci_html)

    @classmethod
    def from_file(cls, path: Union[str, Path], show_rci: bool = True):
        return cls(load_responses(path), show_rci=show_rci)

    def _figure(self, client: str) -> str:
        t = self.frame[self.frame.scale == "Total"].iloc[0]
        alt = (f"Bar chart of {client}'s SCS-SF subscale means and total before and after; the total moves from "
               f"{t.before:.2f} to {t.after:.2f}. The table below gives every value.")
        return figure_html(_svg_uri(change_figure(self.frame, client)), alt,
                           f"{client}'s SCS-SF scores before and after (synthetic). Higher is more self-compassionate "
                           "for the total and the three positive subscales, more self-critical for the other three.",
                           "sk-change")

    def _table(self, client: str) -> str:
        rows = "".join(f"<tr><th scope='row'>{esc(r.scale)}</th><td>{r.before:.2f}</td><td>{r.after:.2f}</td>"
                       f"<td>{r.change:+.2f}</td><td>{esc(r['higher means'])}</td></tr>" for _i, r in self.frame.iterrows())
        return (f"<table class='sk-table'><caption>{esc(client)}'s SCS-SF means (1–5), before and after</caption>"
                "<thead><tr><th scope='col'>Scale</th><th scope='col'>Before</th><th scope='col'>After</th>"
                "<th scope='col'>Change</th><th scope='col'>Higher means</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>")

    def _rci(self, client: str) -> str:
        c = self.change
        verdict = ("larger than measurement error alone would be expected to produce (|RCI| > 1.96)" if c.reliable
                   else "within what measurement error alone could produce (|RCI| ≤ 1.96)")
        return note(
            f"<p><strong>Reliable change (Jacobson &amp; Truax, 1991).</strong> Total before {c.before:.2f}, after "
            f"{c.after:.2f}. With SD = {c.sd:.2f} and test–retest reliability r = {c.reliability:.2f} "
            "(<em>illustrative assumptions, not published norms</em>): SE = SD × √(1 − r) = "
            f"{c.se:.3f}; S<sub>diff</sub> = √(2 × SE²) = {c.s_diff:.3f}; RCI = (after − before) / S<sub>diff</sub> = "
            f"{c.rci:.2f}. The change is {verdict}; under these assumptions a total must move by at least "
            f"{c.smallest_reliable_change:.2f} to count as reliable.</p>"
            f"<p>It does <strong>not</strong> show that therapy caused the change, that {esc(html.unescape(client))} "
            "is now ‘self-compassionate’ or ‘recovered’, or anything diagnostic: the SCS-SF is a self-report "
            "measure of how someone says they tend to treat themselves. Two-item subscales are too short for a "
            "reliable change index of their own; read them as conversation openers.</p>")
