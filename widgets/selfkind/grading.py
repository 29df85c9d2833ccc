"""Grading a submission's widget answers and role-play transcripts (used in nbgrader test cells).

Every check returns a Verdict with a reason written for the trainee. `require_*` print
the reason: to stdout when the check passes, to stderr when it fails. nbgrader gives a
test cell with stderr output 0 points (as for an error), and the feedback shows the
reason alone: no traceback, so the hidden test's lines (correct answers, thresholds)
never appear in it. `*_status` only print: they are the visible part of a test cell,
telling the trainee what is saved.

Reading never changes a submission. Files that the notebook's widgets kept aside when
it was opened (a damaged answers file, a transcript that did not replay) are found and
named, so the reason is the real one rather than "no file".

Never imports ipywidgets.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .answers import DEFAULT_NAME, AnswersError, read_answers
from .scenario import ReplayError, ScenarioError, debrief, load_scenario, replay
from .scenario.transcript import read_steps


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str

    def __bool__(self) -> bool:
        return self.ok


def require(verdict: Verdict) -> None:
    """Print the verdict; a failed one goes to stderr, which nbgrader scores 0.

    Returns None on purpose: a value shown as a cell's result would be read by nbgrader
    as partial credit.
    """
    if verdict.ok:
        print(f"✔ {verdict.reason}", flush=True)
    else:
        print(f"✘ {verdict.reason}", file=sys.stderr, flush=True)


def _kept_aside(path: Path) -> Optional[Path]:
    """The newest file the widgets kept aside in place of `path`, if any."""
    kept = [p for label in ("damaged", "unreplayable")
            for p in path.parent.glob(f"{path.stem}.{label}-*{path.suffix}")]
    return max(kept, key=lambda p: (p.stat().st_mtime_ns, p.name)) if kept else None


# --- widget answers ------------------------------------------------------------------------

def load_answers(answers: str | Path = DEFAULT_NAME) -> tuple[Optional[dict], str]:
    """(answers, "") or (None, why they cannot be read)."""
    path = Path(answers)
    try:
        return read_answers(path), ""
    except FileNotFoundError:
        kept = _kept_aside(path)
        if kept is not None:
            try:
                read_answers(kept)
                why = "it did not fit"
            except AnswersError as exc:
                why = str(exc)
            return None, (f"Your answers file {path.name} could not be read ({why}); it was kept as {kept.name}. "
                          "No widget answers could be graded.")
        return None, (f"No answers file ({path.name}) was found beside the notebook, so no widget answers "
                      "could be graded. Answers are saved when you select them; submit the whole folder.")
    except AnswersError as exc:
        return None, f"Your answers file {path.name} could not be read: {exc}."
    except OSError as exc:
        return None, f"Your answers file {path.name} could not be opened ({exc})."


def check_choice(answer_id: str, expected, answers: str | Path = DEFAULT_NAME, label: str = "") -> Verdict:
    label = label or answer_id
    saved, why = load_answers(answers)
    if saved is None:
        return Verdict(False, f"{label}: {why}")
    if answer_id not in saved:
        return Verdict(False, f"{label}: not answered.")
    if saved[answer_id] != expected:
        return Verdict(False, f"{label}: your answer ({saved[answer_id]}) is not the best one; "
                              "look again at the module section it draws on.")
    return Verdict(True, f"{label}: correct.")


def check_rating(answer_id: str, low: int, high: int, answers: str | Path = DEFAULT_NAME,
                 label: str = "") -> Verdict:
    label = label or answer_id
    saved, why = load_answers(answers)
    if saved is None:
        return Verdict(False, f"{label}: {why}")
    value = saved.get(answer_id)
    if value is None:
        return Verdict(False, f"{label}: not answered.")
    if isinstance(value, bool) or not isinstance(value, int):
        return Verdict(False, f"{label}: the saved rating ({value!r}) is not a whole number.")
    if not low <= value <= high:
        return Verdict(False, f"{label}: your rating of {value} is outside the range expected "
                              f"for this response ({low}–{high}).")
    return Verdict(True, f"{label}: your rating of {value} is within the expected range.")


def answer_status(answer_ids: Iterable[str], answers: str | Path = DEFAULT_NAME) -> None:
    """Print which answers are saved (never raises, reveals nothing about correctness)."""
    saved, why = load_answers(answers)
    if saved is None:
        print(why)
        return
    for answer_id in answer_ids:
        print(f"{answer_id}: {'saved' if answer_id in saved else 'not answered yet'}")


# --- role-plays ------------------------------------------------------------------------------

def replay_transcript(transcript: str | Path, scenario_file: str | Path):
    """(scenario, play, "") or (None, None, why the transcript does not replay)."""
    path = Path(transcript)
    try:
        scenario = load_scenario(scenario_file)
    except ScenarioError as exc:
        return None, None, f"The role-play's scenario file has problems ({exc}); please tell your instructor."
    source = path
    if not path.exists():
        kept = _kept_aside(path)
        if kept is None:
            return scenario, None, (f"No saved role-play was found ({path.as_posix()}). "
                                    "Play the role-play in the notebook to its end, then submit the whole folder.")
        source = kept
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        play = replay(scenario, read_steps(data, scenario))
    except (ValueError, UnicodeDecodeError) as exc:
        reason = str(exc) if isinstance(exc, ReplayError) else f"it is not valid JSON ({exc})"
        kept_note = f" (when the notebook was opened, it was kept aside as {source.name})" if source != path else ""
        return scenario, None, f"Your role-play transcript could not be replayed: {reason}{kept_note}."
    except OSError as exc:
        return scenario, None, f"Your role-play transcript could not be opened ({exc})."
    if source != path:
        return scenario, None, (f"Your role-play transcript was kept aside as {source.name} when the notebook "
                                "was opened, and no new play was saved.")
    return scenario, play, ""


def check_roleplay(transcript: str | Path, scenario_file: str | Path, min_share: Optional[float] = None,
                   forbidden_codes: Iterable[str] = (), label: str = "Role-play") -> Verdict:
    """A finished play that replays; with thresholds, a score share and codes not used."""
    scenario, play, why = replay_transcript(transcript, scenario_file)
    if play is None:
        return Verdict(False, f"{label}: {why}")
    if not play.finished:
        return Verdict(False, f"{label}: the play is not finished ({len(play.steps)} turns so far). "
                              "Play it through to the debrief.")
    d = debrief(scenario, play)
    used = [code for code in forbidden_codes if d.profile.get(code)]
    if used:
        return Verdict(False, f"{label}: your play used a hindering response coded {', '.join(used)}; "
                              "the debrief shows a better alternative at that turn.")
    if min_share is not None and d.share < min_share:
        return Verdict(False, f"{label}: your play scored {d.share:.0%} of the best available points; "
                              f"{min_share:.0%} is needed.")
    return Verdict(True, f"{label}: finished ({d.ending_title}), {d.share:.0%} of the best available points.")


def roleplay_status(transcript: str | Path, scenario_file: str | Path, label: str = "Role-play") -> None:
    """Print whether the play is saved and finished (never raises)."""
    _scenario, play, why = replay_transcript(transcript, scenario_file)
    if play is None:
        print(f"{label}: {why}")
    elif play.finished:
        print(f"{label}: saved and finished after {len(play.steps)} turns.")
    else:
        print(f"{label}: saved, not finished yet ({len(play.steps)} turns so far).")


def require_choice(answer_id: str, expected, answers: str | Path = DEFAULT_NAME, label: str = "") -> None:
    require(check_choice(answer_id, expected, answers, label))


def require_rating(answer_id: str, low: int, high: int, answers: str | Path = DEFAULT_NAME, label: str = "") -> None:
    require(check_rating(answer_id, low, high, answers, label))


def require_roleplay(transcript: str | Path, scenario_file: str | Path, min_share: Optional[float] = None,
                     forbidden_codes: Iterable[str] = (), label: str = "Role-play") -> None:
    require(check_roleplay(transcript, scenario_file, min_share, forbidden_codes, label))
