"""What the dashboard shows, computed from the tidy frames (pure pandas, no widgets).

Definitions (the tests compute each of them by hand on a small cohort):
- completion: per assignment, trainees on the roster, how many submitted, the share who
  submitted, and the mean and median score of those who submitted.
- code profile: per trainee, how many of their responses carried each code, over every
  attempt at every role-play (each choice made is practice, not only the graded one).
- where the cohort goes wrong: per decision point, of the trainees who reached it (in any
  attempt), the share who chose at least one hindering or safety-critical option there;
  one row per such option chosen, with its words, codes and feedback; worst first.
- trainees who may need a conversation: any safety-critical choice; repeated judging (two
  or more responses coded `judge`, over all plays); unfinished work (an assignment not
  submitted, a graded role-play not finished in any attempt, or a transcript that could
  not be read).
"""

from __future__ import annotations

from typing import Optional

import pandas as pd

from ..engine.codes import CODES

REPEATED_JUDGING = 2


def completion(grades: pd.DataFrame, titles: Optional[dict[str, str]] = None) -> pd.DataFrame:
    columns = ["assignment", "title", "trainees", "submitted", "completion", "mean_score", "median_score",
               "max_score", "needs_manual_grade"]
    if grades.empty:
        return pd.DataFrame(columns=columns)
    g = grades.assign(score_if=grades["score"].where(grades["submitted"]),
                      manual=grades["needs_manual_grade"] & grades["submitted"])
    out = g.groupby("assignment", sort=True).agg(
        trainees=("trainee", "nunique"), submitted=("submitted", "sum"), mean_score=("score_if", "mean"),
        median_score=("score_if", "median"), max_score=("max_score", "max"), needs_manual_grade=("manual", "sum"),
    ).reset_index()
    out["completion"] = out["submitted"] / out["trainees"]
    out["title"] = out["assignment"].map(titles or {}).fillna(out["assignment"])
    return out[columns]


def code_profile(steps: pd.DataFrame) -> pd.DataFrame:
    """Trainee × code counts (index: trainee; columns: every code in the course's order)."""
    if steps.empty:
        return pd.DataFrame(columns=list(CODES), dtype="int64").rename_axis("trainee")
    # A cohort uses a few dozen distinct code combinations: count those, then split each once.
    combos = steps.groupby(["trainee", "codes"], sort=False).size().unstack(fill_value=0)
    table = pd.DataFrame(0, index=combos.index, columns=list(CODES), dtype="int64")
    for combo in combos.columns:
        for code in str(combo).split(","):
            if code in CODES:
                table[code] += combos[combo].to_numpy()
    return table.sort_index().rename_axis(index="trainee", columns=None)


def where_wrong(steps: pd.DataFrame, scenarios: dict) -> pd.DataFrame:
    """One row per hindering or critical option chosen at a decision point, worst point first."""
    columns = ["scenario", "node", "reached", "went_wrong", "share", "choice", "option", "codes", "critical",
               "chosen_by", "feedback"]
    if steps.empty:
        return pd.DataFrame(columns=columns)
    reached = steps.groupby(["scenario", "node"])["trainee"].nunique().rename("reached")
    bad = steps[steps["hindering"] | steps["critical"]]
    went = bad.groupby(["scenario", "node"])["trainee"].nunique().rename("went_wrong")
    options = bad.groupby(["scenario", "node", "choice"]).agg(chosen_by=("trainee", "nunique"),
                                                             critical=("critical", "any")).reset_index()
    out = options.join(went, on=["scenario", "node"]).join(reached, on=["scenario", "node"])
    out["share"] = out["went_wrong"] / out["reached"]
    words = [_option_words(scenarios.get(r.scenario), r.node, r.choice) for r in out.itertuples()]
    out["option"] = [w[0] for w in words]
    out["codes"] = [w[1] for w in words]
    out["feedback"] = [w[2] for w in words]
    out = out.sort_values(["share", "went_wrong", "chosen_by", "scenario", "node", "choice"],
                          ascending=[False, False, False, True, True, True], ignore_index=True)
    return out[columns]


def _option_words(scenario, node_id: str, choice_id: str) -> tuple[str, str, str]:
    node = scenario.nodes.get(node_id) if scenario is not None else None
    if node is None:
        return choice_id, "", ""
    for i, choice in enumerate(node.choices):
        if node.choice_id(node_id, i) == choice_id:
            return choice.text, ", ".join(choice.codes), choice.feedback or ""
    return choice_id, "", ""


def needs_conversation(grades: pd.DataFrame, plays: pd.DataFrame, steps: pd.DataFrame,
                       titles: Optional[dict[str, str]] = None) -> pd.DataFrame:
    """One row per trainee with at least one reason, most reasons first; `reasons` in words."""
    columns = ["trainee", "critical", "judging", "unfinished", "reasons"]
    titles = titles or {}
    found: dict[str, dict] = {}

    def entry(trainee):
        return found.setdefault(trainee, {"trainee": trainee, "critical": 0, "judging": 0, "unfinished": [],
                                          "reasons": []})

    if not steps.empty:
        for trainee, n in steps.groupby("trainee")["critical"].sum().items():
            if n:
                entry(trainee)["critical"] = int(n)
        for trainee, n in steps.groupby("trainee")["judge"].sum().items():
            if n >= REPEATED_JUDGING:
                entry(trainee)["judging"] = int(n)
    if not grades.empty:
        for row in grades[~grades["submitted"]].itertuples():
            entry(row.trainee)["unfinished"].append(f"{titles.get(row.assignment, row.assignment)}: not submitted")
    if not plays.empty:
        keys = ["trainee", "assignment", "scenario"]
        by_play = plays.groupby(keys, sort=True).agg(finished=("finished", "any"), status=("status", "last"))
        for (trainee, _assignment, scenario), status in by_play.loc[~by_play["finished"], "status"].items():
            words = {"damaged": "transcript could not be read", "not played": "not played",
                     "unfinished": "not finished"}.get(status, status)
            entry(trainee)["unfinished"].append(f"role-play {scenario}: {words}")
    rows = []
    for e in found.values():
        reasons = []
        if e["critical"]:
            reasons.append(f"{e['critical']} safety-critical choice{'s' if e['critical'] > 1 else ''}")
        if e["judging"]:
            reasons.append(f"judging responses {e['judging']} times")
        reasons += e["unfinished"]
        if reasons:
            rows.append({**e, "unfinished": len(e["unfinished"]), "reasons": "; ".join(reasons)})
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["critical", "judging", "unfinished", "trainee"], ascending=[False, False, False, True],
                           ignore_index=True)


def scores_table(grades: pd.DataFrame) -> pd.DataFrame:
    """Trainee × assignment scores (NaN where not submitted)."""
    if grades.empty:
        return pd.DataFrame()
    return grades.pivot_table(index="trainee", columns="assignment", values="score", aggfunc="first",
                              dropna=False).reindex(sorted(grades["trainee"].unique()))
