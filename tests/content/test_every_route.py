"""Every route of every scenario in the course, walked with the engine.

- No route with a safety-critical choice reaches a good ending, and its debrief names it.
- Every route ends with a debrief to read and a thought for every choice that has one.
- Every debrief sentence is true of the routes that reach it: a sentence that says the
  trainee judged, colluded, advised, dismissed or acted unsafely is only shown on routes
  that did (a sentence that denies it, "nothing you said judged her", only on routes that did not).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selfkind.engine import debrief

from selfkind.authoring import check_file

from selfkind.engine import debrief
from selfkind.engine.routes import routes

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "modules").glob("*/scenarios/*.yaml"))

# Words by which a debrief sentence says the trainee did something hindering or unsafe.
CLAIMS = {
    "judge": r"\b(judged|judging|judgmental|judgemental|moralis\w*|moraliz\w*|moral ruling|lectured|lecturing|labell?ed|labell?ing)\b",
    "collude": r"\b(collu\w*|agree\w* with (his|her|their) (self-attack|inner critic)|sided with (his|her|their) critic)",
    "critical": r"\b(unsafe|critical|without (asking )?(her |his |their )?consent|boundary)",
}
DENIAL = re.compile(r"(\b(no|not|never|nothing|none|rather than|instead of|without)\b|n't\b)", re.I)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _did(kind: str, d) -> bool:
    return bool(d.critical) if kind == "critical" else bool(d.profile.get(kind))


def _walk(path):
    problems, scenario = check_file(path)
    assert scenario is not None, [str(p) for p in problems]
    return scenario, list(routes(scenario))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_route_is_safe_and_its_debrief_true(path):
    scenario, plays = _walk(path)
    assert plays, "no route reaches an ending"
    good = {e.id for e in scenario.endings if e.good}
    wrong = []
    for play in plays:
        d = debrief(scenario, play)
        route = " > ".join(s.choice for s in play.steps)
        if d.critical and d.ending in good:
            wrong.append(f"{route}: a critical choice reached the good ending {d.ending!r}")
        if not (d.ending_text or "").strip():
            wrong.append(f"{route}: the ending {d.ending!r} shows no debrief text")
        for sentence in _sentences(d.ending_text or ""):
            for kind, pattern in CLAIMS.items():
                if not re.search(pattern, sentence, re.I):
                    continue
                denied = bool(DENIAL.search(sentence))
                if not denied and not _did(kind, d):
                    wrong.append(f"{route}: ending {d.ending!r} says {sentence!r}, but the play did not ({kind})")
                if denied and _did(kind, d) and kind != "critical":
                    wrong.append(f"{route}: ending {d.ending!r} says {sentence!r}, but the play did ({kind})")
    assert not wrong, f"{len(wrong)} of {len(plays)} routes:\n" + "\n".join(wrong[:15])


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_choice_has_feedback_and_a_thought(path):
    scenario, _ = _walk(path)
    missing = [f"{nid}/{i + 1}" for nid, node in scenario.nodes.items()
               for i, c in enumerate(node.choices) if not c.feedback.strip() or c.thought is None]
    assert not missing, f"choices without feedback or a private thought: {missing}"
