"""`selfkind routes FILE`: every route of a scenario with its score, ending and critical
choices, best first, so an author sees the best, the worst and any ending no route earns."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from ..engine import Scenario, debrief

from ..engine import debrief
from ..engine.routes import TooMany, routes


def report(scenario: Scenario, out: TextIO, limit: int = 40) -> int:
    """Print the routes (up to `limit` best and worst); return the number of routes."""
    try:
        rows = []
        for play in routes(scenario):
            d = debrief(scenario, play)
            rows.append((d.share, d.points, d.ending, [s.choice for s in play.steps], [m.number for m in d.critical]))
    except TooMany as exc:
        print(f"{scenario.id}: too many routes to list ({exc})", file=out)
        return 0
    rows.sort(key=lambda r: (-r[0], -r[1], r[3]))
    good = {e.id for e in scenario.endings if e.good}
    print(f"{scenario.id}: {len(rows)} routes", file=out)
    shown = rows if len(rows) <= limit else rows[: limit // 2] + [None] + rows[-limit // 2:]
    for row in shown:
        if row is None:
            print(f"  ... {len(rows) - limit} routes in between ...", file=out)
            continue
        share, points, ending, path, critical = row
        mark = " CRITICAL at turn " + ", ".join(map(str, critical)) if critical else ""
        flag = " (good)" if ending in good else ""
        print(f"  {share:4.0%} {points:+3d}  {ending}{flag}{mark}: {' > '.join(path)}", file=out)
    counts = Counter(r[2] for r in rows)
    print("endings reached:", file=out)
    for e in scenario.endings:
        print(f"  {e.id}{' (good)' if e.good else ''}: {counts.get(e.id, 0)} routes"
              + ("  <- no route earns this ending" if not counts.get(e.id) else ""), file=out)
    return len(rows)
