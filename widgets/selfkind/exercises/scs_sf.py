"""Scoring the Self-Compassion Scale–Short Form (SCS-SF; Raes, Pommier, Neff & Van Gucht, 2011).

The course never reproduces the items' wording: a trainee enters their 1–5 responses by item
number from their own copy of the scale (free to use when cited). Each subscale is the mean
of its two items; the total is the mean of all twelve after reverse-scoring the items of the
three negative subscales (6 − response).
"""

from __future__ import annotations

from dataclasses import dataclass

ITEMS = range(1, 13)
LOW, HIGH = 1, 5
SUBSCALES: dict[str, tuple[int, int]] = {
    "Self-kindness": (2, 6),
    "Self-judgment": (11, 12),
    "Common humanity": (5, 10),
    "Isolation": (4, 8),
    "Mindfulness": (3, 7),
    "Over-identification": (1, 9),
}
NEGATIVE = ("Self-judgment", "Isolation", "Over-identification")
REVERSED = frozenset(i for name in NEGATIVE for i in SUBSCALES[name])  # items 1, 4, 8, 9, 11, 12


class IncompleteResponses(ValueError):
    """Some items are missing or out of range; the message lists which."""


@dataclass(frozen=True)
class Scores:
    subscales: dict[str, float]
    total: float


def score(responses: dict[int, int]) -> Scores:
    """Subscale means and the total; IncompleteResponses if any item is missing or not 1–5."""
    missing = [i for i in ITEMS if i not in responses]
    wrong = [i for i in ITEMS if i in responses and not (isinstance(responses[i], int) and LOW <= responses[i] <= HIGH)]
    if missing or wrong:
        parts = []
        if missing:
            parts.append("no response yet for item" + ("s " if len(missing) > 1 else " ") + ", ".join(map(str, missing)))
        if wrong:
            parts.append("responses must be 1 to 5 (item" + ("s " if len(wrong) > 1 else " ") + ", ".join(map(str, wrong)) + ")")
        raise IncompleteResponses("; ".join(parts))
    subscales = {name: (responses[a] + responses[b]) / 2 for name, (a, b) in SUBSCALES.items()}
    total = sum((HIGH + LOW - responses[i]) if i in REVERSED else responses[i] for i in ITEMS) / len(ITEMS)
    return Scores(subscales, total)
