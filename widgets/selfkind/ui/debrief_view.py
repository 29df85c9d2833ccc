"""The debrief at the end of a role-play, as one HTML block.

Tables carry real <th> headers and captions so a screen reader can move by cell and
hear what each column is. All scenario and trainee text is escaped.
"""

from __future__ import annotations

from typing import Optional, Sequence

from ..engine.codes import kind_of
from ..engine.debrief import Debrief
from .style import esc, paragraphs

CHART_STATE = ("trust", "shame")


def score_text(d: Debrief) -> str:
    """'100%' and what it is a share of; no percentage when no points were available."""
    if d.best_points <= 0:
        return "no points were available on the turns you took"
    return f"{round(d.share * 100)}%"


def signed(score: int) -> str:
    return f"+{score}" if score > 0 else str(score)


def states_of(scenario, play) -> list[dict]:
    """The client's state before the first response (the play's opening, for a later session
    of a case, else the scenario's), then after each one."""
    opening = getattr(play, "opening", None)
    return [dict(opening if opening is not None else scenario.state)] + [dict(s.state_after) for s in play.steps]


def debrief_html(d: Debrief, client_name: str, ending_line: str, states: Optional[Sequence[dict]] = None) -> str:
    """`states`: the client's state before the first turn and after each (see `states_of`);
    with it, a small chart of trust and shame across the turns and its table follow the score."""
    parts = [f"<h3>Debrief: {esc(d.ending_title)}</h3>"]
    if d.critical:
        parts.append(_critical_html(d))
    if ending_line:
        parts.append(f'<div class="sk-client"><strong>{esc(client_name)}:</strong> “{esc(ending_line)}”</div>')
    if d.ending_text:
        parts.append(paragraphs(d.ending_text))
    parts.append(
        f"<p><strong>Score: {esc(score_text(d))}</strong> "
        f"({signed(d.points)} of {d.best_points} points: the best choice at each turn you took).</p>"
        f"<p><strong>Facilitative to hindering codes: {esc(d.ratio)}</strong> "
        f"({d.facilitative} facilitative, {d.hindering} hindering).</p>"
    )
    if states:
        parts.append(state_chart_html(d, client_name, states))
    parts.append(_profile_table(d))
    parts.append(_path_table(d))
    return "".join(parts)


def biggest_moves(states: Sequence[dict], names: Sequence[str], top: int = 2) -> list[tuple[int, dict]]:
    """The turns (numbered from 1) where the named states moved most, largest first; ties by turn."""
    moves = []
    for turn in range(1, len(states)):
        change = {n: states[turn].get(n, 0) - states[turn - 1].get(n, 0) for n in names}
        size = sum(abs(v) for v in change.values())
        if size:
            moves.append((size, turn, change))
    moves.sort(key=lambda m: (-m[0], m[1]))
    return [(turn, change) for _size, turn, change in moves[:top]]


def state_chart_html(d: Debrief, client_name: str, states: Sequence[dict]) -> str:
    """Trust and shame across the turns: a small chart, its table, and the turns where they moved most."""
    names = [n for n in CHART_STATE if all(n in s for s in states)]
    if not names or len(states) < 2:
        return ""
    from .dashboard_plots import figure_html, line_figure

    turns = list(range(len(states)))
    who = esc(client_name)
    moves = biggest_moves(states, names)
    chosen = {row.number: row.chosen for row in d.path}
    said = "".join(
        f"<li>Turn {turn}: " + ", ".join(f"{n} {signed(v)}" for n, v in change.items() if v)
        + f" after “{esc(chosen.get(turn, ''))}”</li>" for turn, change in moves)
    uri = line_figure(turns, {n: [s[n] for s in states] for n in names})
    alt = "; ".join(f"{n} from {states[0][n]} to {states[-1][n]}" for n in names)
    head = "".join(f'<th scope="col">{esc(n.capitalize())}</th>' for n in names)
    rows = "".join(f'<tr><th scope="row">{t if t else "Start"}</th>'
                   + "".join(f"<td>{states[t][n]}</td>" for n in names) + "</tr>" for t in turns)
    return (f"<h4>{who}'s {' and '.join(names)} across the turns</h4>"
            + figure_html(uri, f"Line chart: {alt}, over {len(turns) - 1} turns.",
                          f"{client_name}'s {' and '.join(names)} (0 to 10) before your first response and after each.",
                          "sk-states")
            + (f"<p>Where they moved most:</p><ul>{said}</ul>" if said else "<p>They did not move.</p>")
            + f"<table><caption>{who}'s {' and '.join(names)}, turn by turn</caption>"
            f'<thead><tr><th scope="col">Turn</th>{head}</tr></thead><tbody>{rows}</tbody></table>')


def _critical_html(d: Debrief) -> str:
    """A safety-critical choice comes first, before any score: it is what supervision would ask about."""
    items = "".join(f"<li><strong>Turn {m.number}:</strong> “{esc(m.chosen)}”<br>{esc(m.why)}</li>" for m in d.critical)
    return ('<div class="sk-warn" role="alert"><p><strong>A safety-critical moment.</strong> '
            "This play held a response that is unsafe or crosses a boundary, so it cannot reach a good "
            f"ending, whatever else went well.</p><ul>{items}</ul></div>")


def _profile_table(d: Debrief) -> str:
    if not d.profile:
        return ""
    rows = "".join(
        f"<tr><td><code>{esc(code)}</code></td><td>{esc(kind_of(code))}</td><td>{count}</td></tr>"
        for code, count in d.profile.items()
    )
    return (
        "<table><caption>The codes of your responses</caption>"
        '<thead><tr><th scope="col">Code</th><th scope="col">Kind</th><th scope="col">Times used</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _path_table(d: Debrief) -> str:
    rows = []
    for row in d.path:
        if row.better:
            better = (f"“{esc(row.better)}” <em>({esc(', '.join(row.better_codes))}; "
                      f"{signed(row.best_score)})</em><br>{esc(row.better_feedback)}")
        else:
            better = "Yours was the best response here."
        rows.append(
            f'<tr><th scope="row">{row.number}</th><td>“{esc(row.client)}”</td>'
            f"<td>“{esc(row.chosen)}” <em>({esc(', '.join(row.codes))}; {signed(row.score)})</em></td>"
            f"<td>{better}</td></tr>"
        )
    return (
        "<table><caption>Your path, turn by turn</caption>"
        '<thead><tr><th scope="col">Turn</th><th scope="col">The client said</th>'
        '<th scope="col">You said (codes; score)</th><th scope="col">A better alternative</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
