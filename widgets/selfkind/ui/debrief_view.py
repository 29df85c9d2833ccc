"""The debrief at the end of a role-play, as one HTML block.

Tables carry real <th> headers and captions so a screen reader can move by cell and
hear what each column is. All scenario and trainee text is escaped.
"""

from __future__ import annotations

from ..scenario.codes import kind_of
from ..scenario.debrief import Debrief
from .style import esc, paragraphs


def score_text(d: Debrief) -> str:
    """'100%' and what it is a share of; no percentage when no points were available."""
    if d.best_points <= 0:
        return "no points were available on the turns you took"
    return f"{round(d.share * 100)}%"


def signed(score: int) -> str:
    return f"+{score}" if score > 0 else str(score)


def debrief_html(d: Debrief, client_name: str, ending_line: str) -> str:
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
    parts.append(_profile_table(d))
    parts.append(_path_table(d))
    return "".join(parts)


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
