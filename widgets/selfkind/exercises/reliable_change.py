"""Measuring change on the SCS-SF: scores before and after, and a reliable change index.

Jacobson & Truax (1991): RCI = (x2 − x1) / S_diff, with S_diff = √(2·SE²) and
SE = SD·√(1 − r), where SD is the spread of scores in a reference group and r the measure's
test–retest reliability. |RCI| > 1.96 means the change is larger than measurement error
alone would produce 95% of the time. SD and r are *inputs*: the course states the values it
uses as illustrative assumptions, not published norms. Scoring is selfkind.exercises.scs_sf's
(Raes et al., 2011); item wording is never reproduced. Never imports ipywidgets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from .scs_sf import NEGATIVE, SUBSCALES, score

CRITICAL_Z = 1.96


@dataclass(frozen=True)
class ReliableChange:
    before: float
    after: float
    sd: float
    reliability: float

    @property
    def se(self) -> float:
        return self.sd * math.sqrt(1 - self.reliability)

    @property
    def s_diff(self) -> float:
        return math.sqrt(2 * self.se ** 2)

    @property
    def rci(self) -> float:
        return (self.after - self.before) / self.s_diff

    @property
    def smallest_reliable_change(self) -> float:
        """How far a score must move for |RCI| to pass 1.96."""
        return CRITICAL_Z * self.s_diff

    @property
    def reliable(self) -> bool:
        return abs(self.rci) > CRITICAL_Z


def reliable_change(before: float, after: float, sd: float, reliability: float) -> ReliableChange:
    if sd <= 0 or not 0 <= reliability < 1:
        raise ValueError("the SD must be above 0 and the reliability from 0 up to (not including) 1")
    return ReliableChange(before, after, sd, reliability)


def scores_frame(before: dict[int, int], after: dict[int, int]):
    """Subscale means and the total, before and after, as a pandas DataFrame (one row each)."""
    import pandas as pd

    pre, post = score(before), score(after)
    rows = [{"scale": name, "before": pre.subscales[name], "after": post.subscales[name],
             "higher means": "more self-critical" if name in NEGATIVE else "more self-compassionate"}
            for name in SUBSCALES]
    rows.append({"scale": "Total", "before": pre.total, "after": post.total, "higher means": "more self-compassionate"})
    frame = pd.DataFrame(rows)
    frame["change"] = frame["after"] - frame["before"]
    return frame


def change_figure(frame, client: str):
    """Paired bars per scale, each labelled with its value (colour is never the only cue)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.5, 3.6))
    ax = fig.add_subplot()
    xs = range(len(frame))
    width = 0.38
    for offset, column, colour, hatch in ((-width / 2, "before", "#c9d6e3", "//"), (width / 2, "after", "#1f4e79", "")):
        bars = ax.bar([x + offset for x in xs], frame[column], width, label=column.capitalize(), color=colour,
                      hatch=hatch, edgecolor="#1b1b1b")
        for bar, value in zip(bars, frame[column]):
            ax.text(bar.get_x() + bar.get_width() / 2, value + 0.05, f"{value:.1f}", ha="center", fontsize=8)
    ax.set_xticks(list(xs), [s.replace(" ", "\n") for s in frame["scale"]], fontsize=8)
    ax.set_ylim(1, 5.6)
    ax.set_ylabel("Mean response (1–5)")
    ax.set_title(f"{client}: SCS-SF before and after (synthetic responses)")
    ax.legend(loc="upper right", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def load_responses(path: str | Path) -> dict:
    """A change exercise file: `client`, `before` and `after` (item number → 1–5), `sd`, `reliability`."""
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    for key in ("before", "after"):
        data[key] = {int(k): int(v) for k, v in data[key].items()}
    return data
