"""Grading a submission's widget answers and role-play transcripts (used in nbgrader test cells).

Every check returns a Verdict with a reason written for the trainee, whatever the files
hold: any failure (a file nested 100,000 deep, wrong types, a bug of ours) becomes a
verdict in words, never an exception. `require_*` print the reason: to stdout when the
check passes, to stderr when it fails. nbgrader gives a test cell with stderr output 0
points, and the feedback shows the reason alone: never a traceback, so a hidden test's
lines (correct answers, thresholds) never appear in it. `*_status` only print what is saved.

Files are read through the stores' read-only path: grading never changes a submission.
Files the notebook's widgets kept aside when it was opened are found and named, so the
reason is the real one rather than "no file".

Role-plays: every attempt is kept in the transcript; which one is graded is a stated
policy, `attempt="first"` (the default: the first finished attempt, so judgement is
measured rather than persistence), `"last"` or `"best"`, and the verdict names it.

Never imports ipywidgets.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal, Optional

from ..engine import debrief

from ..authoring import ScenarioError, load_scenario

from ..engine import debrief
from ..stores.answers import DEFAULT_NAME, AnswersFileStore
from ..stores.kept import newest_kept
from ..stores.transcripts import Attempts, TranscriptStore

Policy = Literal["first", "last", "best"]
POLICIES = ("first", "last", "best")
DEFAULT_FORBIDDEN = ("judge", "collude")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str

    def __bool__(self) -> bool:
        return self.ok


def _never_raises(check):
    """Turn any failure of a check into a failed Verdict in words (no traceback, no source)."""

    @functools.wraps(check)
    def guarded(*args, **kwargs):
        try:
            return check(*args, **kwargs)
        except Exception as exc:  # RecursionError, MemoryError, TypeError ... all become a reason
            label = kwargs.get("label") or "This check"
            return Verdict(False, f"{label}: your work could not be checked ({type(exc).__name__}); "
                                  "please tell your instructor, who can grade it by hand.")
    return guarded


def _never_raises_printing(show):
    @functools.wraps(show)
    def guarded(*args, **kwargs):
        try:
            show(*args, **kwargs)
        except Exception as exc:
            print(f"Your saved work could not be looked at ({type(exc).__name__}); please tell your instructor.")
    return guarded


def require(verdict: Verdict) -> None:
    """Print the verdict; a failed one goes to stderr, which nbgrader scores 0.

    Returns None on purpose: a value shown as a cell's result would be read by nbgrader
    as partial credit. Never raises.
    """
    try:
        ok, reason = bool(verdict.ok), str(verdict.reason)
    except Exception:
        ok, reason = False, "This check gave no readable result; please tell your instructor."
    if ok:
        print(f"✔ {reason}", flush=True)
    else:
        print(f"✘ {reason}", file=sys.stderr, flush=True)


# --- widget answers ------------------------------------------------------------------------

def load_answers(answers: str | Path = DEFAULT_NAME) -> tuple[Optional[dict], str]:
    """(answers, "") or (None, why they cannot be read). Read-only; never raises."""
    path = Path(answers)
    reading = AnswersFileStore(path).read()
    if reading.problem is not None:
        return None, f"Your answers file {path.name} could not be read: {reading.problem.reason}."
    if reading.value is not None:
        return reading.value, ""
    kept = newest_kept(path)
    if kept is not None:
        problem = AnswersFileStore(kept).read().problem
        why = problem.reason if problem is not None else "it did not fit"
        return None, (f"Your answers file {path.name} could not be read ({why}); it was kept as {kept.name}. "
                      "No widget answers could be graded.")
    return None, (f"No answers file ({path.name}) was found beside the notebook, so no widget answers "
                  "could be graded. Answers are saved when you select them; submit the whole folder.")


@_never_raises
def check_choice(answer_id: str, expected, answers: str | Path = DEFAULT_NAME, label: str = "") -> Verdict:
    label = label or answer_id
    saved, why = load_answers(answers)
    if saved is None:
        return Verdict(False, f"{label}: {why}")
    if answer_id not in saved:
        return Verdict(False, f"{label}: not answered.")
    if saved[answer_id] != expected:
        return Verdict(False, f"{label}: your answer ({_short(saved[answer_id])}) is not the best one; "
                              "look again at the module section it draws on.")
    return Verdict(True, f"{label}: correct.")


@_never_raises
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
        return Verdict(False, f"{label}: the saved rating ({_short(value)}) is not a whole number.")
    if not low <= value <= high:
        return Verdict(False, f"{label}: your rating of {value} is outside the range expected "
                              f"for this response ({low}–{high}).")
    return Verdict(True, f"{label}: your rating of {value} is within the expected range.")


@_never_raises_printing
def answer_status(answer_ids: Iterable[str], answers: str | Path = DEFAULT_NAME) -> None:
    """Print which answers are saved (never raises, reveals nothing about correctness)."""
    saved, why = load_answers(answers)
    if saved is None:
        print(why)
        return
    for answer_id in answer_ids:
        print(f"{answer_id}: {'saved' if answer_id in saved else 'not answered yet'}")


# --- role-plays ------------------------------------------------------------------------------

def read_attempts(transcript: str | Path, scenario_file: str | Path):
    """(scenario, Attempts, "") or (scenario or None, None, why the transcript cannot be used). Read-only."""
    path = Path(transcript)
    try:
        scenario = load_scenario(scenario_file)
    except ScenarioError as exc:
        return None, None, f"The role-play's scenario file has problems ({exc}); please tell your instructor."
    reading = TranscriptStore(path, scenario).read()
    if reading.problem is not None:
        return scenario, None, f"Your role-play transcript could not be replayed: {reading.problem.reason}."
    if reading.value is not None:
        return scenario, reading.value, ""
    kept = newest_kept(path)
    if kept is None:
        return scenario, None, (f"No saved role-play was found ({path.as_posix()}). "
                                "Play the role-play in the notebook to its end, then submit the whole folder.")
    problem = TranscriptStore(kept, scenario).read().problem
    if problem is not None:
        return scenario, None, (f"Your role-play transcript could not be replayed: {problem.reason} "
                                f"(when the notebook was opened, it was kept aside as {kept.name}).")
    return scenario, None, (f"Your role-play transcript was kept aside as {kept.name} when the notebook "
                            "was opened, and no new play was saved.")


def replay_transcript(transcript: str | Path, scenario_file: str | Path):
    """(scenario, current play, "") or (scenario, None, why): kept for older callers."""
    scenario, attempts, why = read_attempts(transcript, scenario_file)
    return scenario, (attempts.current if attempts is not None else None), why


def graded_attempt(scenario, attempts: Attempts, policy: Policy = "first"):
    """(attempt number, play) chosen by `policy` among finished attempts, or None if none finished."""
    if policy not in POLICIES:
        raise ValueError(f"attempt should be one of {', '.join(POLICIES)}, not {policy!r}")
    finished = attempts.finished()
    if not finished:
        return None
    if policy == "first":
        return finished[0]
    if policy == "last":
        return finished[-1]
    return max(finished, key=lambda item: (debrief(scenario, item[1]).share, -item[0]))


_POLICY_WORDS = {"first": "the first finished attempt is graded", "last": "the last finished attempt is graded",
                 "best": "the best finished attempt is graded"}


@_never_raises
def check_roleplay(transcript: str | Path, scenario_file: str | Path, min_share: Optional[float] = None,
                   forbidden_codes: Optional[Iterable[str]] = None, label: str = "Role-play",
                   attempt: Policy = "first") -> Verdict:
    """A finished play that replays, with no safety-critical choice and no forbidden code
    (default: judge, collude); with `min_share`, at least that share of the best points.
    `attempt` says which finished attempt is graded; every attempt stays in the transcript."""
    if attempt not in POLICIES:
        return Verdict(False, f"{label}: this check is set up with an unknown attempt policy; "
                              "please tell your instructor.")
    forbidden = DEFAULT_FORBIDDEN if forbidden_codes is None else tuple(forbidden_codes)
    scenario, attempts, why = read_attempts(transcript, scenario_file)
    if attempts is None:
        return Verdict(False, f"{label}: {why}")
    chosen = graded_attempt(scenario, attempts, attempt)
    total = len(attempts.plays)
    if chosen is None:
        turns = len(attempts.current.steps)
        return Verdict(False, f"{label}: the play is not finished ({turns} turns so far"
                              f"{f' in attempt {total} of {total}' if total > 1 else ''}). "
                              "Play it through to the debrief.")
    number, play = chosen
    which = f" [Attempt {number} of {total} graded: {_POLICY_WORDS[attempt]}.]"
    d = debrief(scenario, play)
    critical = _critical_moments(scenario, play, d)
    if critical:
        return Verdict(False, f"{label}: your play included a safety-critical response ({critical}). A play with "
                              "such a response does not pass, whatever its score; the debrief explains why."
                              + which)
    used = [code for code in forbidden if d.profile.get(code)]
    if used:
        return Verdict(False, f"{label}: your play used a hindering response coded {', '.join(used)}; "
                              "the debrief shows a better alternative at that turn." + which)
    if min_share is not None and d.share < min_share:
        return Verdict(False, f"{label}: your play scored {d.share:.0%} of the best available points; "
                              f"{min_share:.0%} is needed." + which)
    return Verdict(True, f"{label}: finished ({d.ending_title}), {d.share:.0%} of the best available points."
                   + which)


def _critical_moments(scenario, play, d) -> str:
    """Words naming the play's safety-critical turns ('' if none): the choices marked
    `critical:` in the scenario, or the engine's debrief `critical` moments."""
    turns = []
    for number, taken in enumerate(play.steps, 1):
        node = scenario.nodes.get(taken.node)
        ids = {node.choice_id(taken.node, i): c for i, c in enumerate(node.choices)} if node else {}
        why = getattr(ids.get(taken.choice), "critical", None)
        if why:
            turns.append(f"turn {number}: {why}")
    if turns:
        return "; ".join(turns)
    return "marked in the debrief" if tuple(getattr(d, "critical", ()) or ()) else ""


@_never_raises
def check_carried_opening(transcript: str | Path, scenario_file: str | Path, previous_transcript: str | Path,
                          previous_scenario_file: str | Path, label: str = "Session",
                          attempt: Policy = "first") -> Verdict:
    """A later session of a case (a scenario that `continues` another) opened where the graded
    attempt of the session before left the client: its graded attempt's recorded opening must
    equal what that play carries over. An opening edited by hand, or a session played on its
    own, is named. Both transcripts are replayed; neither is changed."""
    from ..engine.play import carried_over

    scenario, attempts, why = read_attempts(transcript, scenario_file)
    if attempts is None:
        return Verdict(False, f"{label}: {why}")
    before_scenario, before_attempts, before_why = read_attempts(previous_transcript, previous_scenario_file)
    if before_attempts is None:
        return Verdict(False, f"{label}: the session before it cannot be used ({before_why})")
    if scenario.continues != before_scenario.id:
        return Verdict(False, f"{label}: this check is set up with sessions that do not continue one another; "
                              "please tell your instructor.")
    before = graded_attempt(before_scenario, before_attempts, "first")
    chosen = graded_attempt(scenario, attempts, attempt)
    if before is None or chosen is None:
        return Verdict(False, f"{label}: {'the session before' if before is None else 'this session'} has no "
                              "finished play.")
    expected = carried_over(scenario, before[1])
    recorded = chosen[1].opening
    if recorded is None:
        return Verdict(False, f"{label}: attempt {chosen[0]} did not open from the session before (it began in "
                              "the scenario's own starting state). Play the sessions in order in the case.")
    if dict(recorded) != expected:
        names = ", ".join(f"{k} {recorded.get(k)} (expected {v})" for k, v in expected.items() if recorded.get(k) != v)
        return Verdict(False, f"{label}: attempt {chosen[0]} opened in a state the session before did not leave "
                              f"({names}). The graded attempt of the session before sets where this one opens.")
    return Verdict(True, f"{label}: attempt {chosen[0]} opened where the session before (its attempt {before[0]}, "
                         "the first finished, which is graded) left the client.")


def require_carried_opening(transcript: str | Path, scenario_file: str | Path, previous_transcript: str | Path,
                            previous_scenario_file: str | Path, label: str = "Session", attempt: Policy = "first") -> None:
    require(check_carried_opening(transcript, scenario_file, previous_transcript, previous_scenario_file,
                                  label=label, attempt=attempt))


@_never_raises_printing
def roleplay_status(transcript: str | Path, scenario_file: str | Path, label: str = "Role-play") -> None:
    """Print whether the play is saved and finished (never raises)."""
    _scenario, attempts, why = read_attempts(transcript, scenario_file)
    if attempts is None:
        print(f"{label}: {why}")
        return
    play, total = attempts.current, len(attempts.plays)
    count = f" ({total} attempts saved; all are kept)" if total > 1 else ""
    if play.finished:
        print(f"{label}: saved and finished after {len(play.steps)} turns{count}.")
    else:
        print(f"{label}: saved, not finished yet ({len(play.steps)} turns so far){count}.")


def require_choice(answer_id: str, expected, answers: str | Path = DEFAULT_NAME, label: str = "") -> None:
    require(check_choice(answer_id, expected, answers, label=label))


def require_rating(answer_id: str, low: int, high: int, answers: str | Path = DEFAULT_NAME, label: str = "") -> None:
    require(check_rating(answer_id, low, high, answers, label=label))


def require_roleplay(transcript: str | Path, scenario_file: str | Path, min_share: Optional[float] = None,
                     forbidden_codes: Optional[Iterable[str]] = None, label: str = "Role-play",
                     attempt: Policy = "first") -> None:
    require(check_roleplay(transcript, scenario_file, min_share, forbidden_codes, label=label, attempt=attempt))


def _short(value) -> str:
    """A saved value as it may be quoted back: short, one line."""
    try:
        text = " ".join(str(value).split())
    except Exception:
        text = "a value that cannot be shown"
    return text if len(text) <= 60 else text[:57] + "..."
