"""The response code that scores role-play choices (defined, with examples, in docs/course-design.md)."""

from __future__ import annotations

FACILITATIVE = {
    "reflect": "reflects feeling or meaning, or what a behaviour does for the client",
    "validate": "validates or normalizes the experience without endorsing harm",
    "humanity": "connects the struggle to shared human experience",
    "explore": "asks with open curiosity about function and meaning",
    "kindness": "invites a kind, protective stance toward oneself",
    "ground": "slows the pace, comes to body and present moment, asks consent",
    "autonomy": "emphasizes the client's choice and agency",
}

HINDERING = {
    "judge": "moralizes, shames, labels or pathologizes",
    "fix": "gives advice or solutions before understanding or without permission",
    "dismiss": "minimizes, reassures falsely, or changes the subject",
    "collude": "joins the client's self-attack, or endorses the external soother",
}

CODES = {**FACILITATIVE, **HINDERING}
MIN_SCORE, MAX_SCORE = -2, 2


def kind_of(code: str) -> str:
    """'facilitative' or 'hindering'."""
    return "facilitative" if code in FACILITATIVE else "hindering"
