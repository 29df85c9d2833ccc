"""A demo cohort for the instructor's dashboard, graded by the real nbgrader pipeline:
`make grade-demo`, part 2.

    python -m cohorts.dashboard_cohort [--out artifacts/grade-demo/cohort] [--trainees 32]

Copies course/ to a throwaway folder (the real gradebook is never touched), discovers every
assignment in course/source/NN-slug/ and its reference solutions in solutions/NN-slug/, adds
the trainees, releases every assignment, writes each trainee's submissions from a persona
(reference work, good, mixed, partial, judging plays, a safety-critical play, unfinished
plays and restarts, a corrupted transcript, assignments not handed in, and trainees with no
submissions at all), then autogrades the whole cohort in ONE nbgrader batch, grades the written answers by hand
(manual_grades.py: each persona meets the rubric's criteria as often as it writes well; the
late trainee's are left for the grader, so the dashboard shows work waiting too), generates
feedback and exports grades.csv. New assignments join without any list to edit.
Role-plays are played through the engine, so every transcript (but the corrupted one) replays.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from selfkind.analytics.assignments import AssignmentInfo, course_assignments
from selfkind.analytics.transcripts import read_transcript
from selfkind.engine import offered, start, step
from selfkind.authoring import load_scenario
from selfkind.engine.transcript import to_json

from .manual_grades import grade_by_hand
from .pipeline import ROOT, copy_course, nbgrader
from .submissions import find_cell, model_answers
FIRST = ["Amara", "Bea", "Carlos", "Dana", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonah", "Kemi", "Luca",
         "Maya", "Nikhil", "Orla", "Pavel", "Quinn", "Rosa", "Sami", "Tove", "Uma", "Viktor", "Wen", "Xavi",
         "Yara", "Zoltan", "Ada", "Bilal", "Chloe", "Dev", "Esme", "Femi", "Gus", "Hana"]
LAST = ["Okafor", "Lindqvist", "Mendes", "Whitfield", "Kaya", "Haddad", "O'Neill", "Tanaka", "Ferreira", "Brandt",
        "Adeyemi", "Romano", "Levi", "Rao", "Byrne", "Novak", "Morgan", "Vidal", "Aziz", "Berg", "Iyer", "Petrov",
        "Zhang", "Soler", "Nasser", "Farkas", "Quist", "Malik", "Dubois", "Sharma", "Price", "Bello", "Grant", "Ito"]


@dataclass(frozen=True)
class Persona:
    name: str
    correct: float  # chance each widget answer is right
    play: str  # how role-plays are played: best, good, mixed, judging, critical, unfinished, restart
    submits: int = 99  # how many assignments (in course order) are handed in
    written: bool = True  # model written answers, else a short one
    corrupt: bool = False  # the first role-play transcript is cut off mid-write
    rubric: float | None = 0.85  # chance the grader finds each rubric criterion met; None: not graded yet


PERSONAS = [
    Persona("reference", 1.0, "best", rubric=1.0), Persona("strong", 0.95, "good", rubric=0.95),
    Persona("steady", 0.85, "good", rubric=0.85), Persona("mixed", 0.7, "mixed", rubric=0.65),
    Persona("judging", 0.8, "judging", rubric=0.5), Persona("critical", 0.8, "critical", rubric=0.6),
    Persona("restarting", 0.85, "restart", rubric=0.8),
    Persona("unfinished", 0.6, "unfinished", written=False, rubric=0.25),
    Persona("partial", 0.5, "mixed", submits=2, written=False, rubric=0.2),
    Persona("late", 0.8, "good", submits=1, rubric=None),  # handed in after the grading session
    Persona("corrupted", 0.85, "good", corrupt=True, rubric=0.8),
]
NO_SUBMISSIONS = 2  # the last trainees on the roster hand nothing in


def persona_for(index: int, total: int) -> Persona | None:
    return None if index >= total - NO_SUBMISSIONS else PERSONAS[index % len(PERSONAS)]


# --- role-plays ------------------------------------------------------------------------------

def pick(rng: random.Random, choices, how: str, used_critical: bool):
    best = max(choices, key=lambda item: item[1].score)
    safe = [c for c in choices if not c[1].critical]
    if how == "judging":
        judging = [c for c in choices if "judge" in c[1].codes or "collude" in c[1].codes]
        return judging[0] if judging else best
    if how == "critical" and not used_critical:
        critical = [c for c in choices if c[1].critical]
        if critical:
            return critical[0]
    if how == "good":
        return best if rng.random() < 0.8 else rng.choice(safe or choices)
    if how == "mixed":
        return rng.choice(safe or choices)
    return best


def play_through(scenario, rng: random.Random, how: str, stop_after: int | None = None):
    play, used_critical = start(scenario), False
    while not play.finished and (stop_after is None or len(play.steps) < stop_after):
        cid, choice = pick(rng, offered(scenario, play), how, used_critical)
        used_critical = used_critical or bool(choice.critical)
        play, _ = step(scenario, play, cid)
    return play


def plays_for(scenario, rng: random.Random, how: str) -> list:
    if how == "unfinished":
        return [play_through(scenario, rng, "good", stop_after=3)]
    if how == "restart":  # a judging first attempt (graded by default), then a good one
        return [play_through(scenario, rng, "judging", stop_after=2), play_through(scenario, rng, "judging"),
                play_through(scenario, rng, "best")]
    return [play_through(scenario, rng, how)]


# --- widget answers and written responses --------------------------------------------------

def perturbed(value, rng: random.Random):
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return max(1, min(5, value + rng.choice([-3, -2, 2, 3])))
    if isinstance(value, str) and len(value) == 1:
        return rng.choice([c for c in "abcd" if c != value])
    return value


def answers_for(solutions: Path, rng: random.Random, correct: float) -> dict:
    data = json.loads((solutions / "answers.json").read_text(encoding="utf-8"))
    data["answers"] = {k: v if rng.random() < correct else perturbed(v, rng) for k, v in data["answers"].items()
                       if rng.random() < max(correct, 0.8)}  # a few left unanswered
    return data


def write_written(notebook: Path, solutions: Path, model: bool) -> None:
    try:
        answers = model_answers(solutions)
    except OSError:
        return
    nb = nbformat.read(notebook, as_version=4)
    for cell_id, text in answers.items():
        try:
            cell = find_cell(nb, cell_id)
        except LookupError:
            continue
        cell.source = text if model else "I would reflect what the client said and ask what it means to them."
    nbformat.write(nb, notebook)


def build_submission(folder: Path, a: AssignmentInfo, solutions: Path, persona: Persona, rng: random.Random,
                     first_roleplay: bool) -> None:
    reference = persona.name == "reference"
    if reference:
        shutil.copy(solutions / "answers.json", folder / "answers.json")
    else:
        (folder / "answers.json").write_text(json.dumps(answers_for(solutions, rng, persona.correct), indent=1),
                                             encoding="utf-8")
    for stem in a.graded:
        scenario = load_scenario(a.scenarios[stem])
        path = folder / "transcripts" / f"{stem}.json"
        path.parent.mkdir(exist_ok=True)
        solution = solutions / "transcripts" / f"{stem}.json"
        if reference and solution.exists() and read_transcript(solution, scenario)[0] is not None:
            shutil.copy(solution, path)  # the reference play, when it still fits the scenario
            continue
        text = json.dumps(to_json(scenario, plays_for(scenario, rng, "best" if reference else persona.play)), indent=1)
        if persona.corrupt and first_roleplay:
            text = text[: len(text) // 2]  # cut off mid-write
        path.write_text(text, encoding="utf-8")
    if a.notebook is not None:
        write_written(folder / a.notebook.name, solutions, persona.written)


# --- the cohort ------------------------------------------------------------------------------

def roster(n: int) -> list[dict]:
    return [{"id": f"demo-{i + 1:02d}", "first_name": FIRST[i % len(FIRST)], "last_name": LAST[i % len(LAST)],
             "email": f"demo-{i + 1:02d}@example.org", "lms_user_id": str(5001 + i)} for i in range(n)]


def build_cohort(course: Path, trainees: int = 32, seed: int = 11) -> dict[str, Persona | None]:
    """Add the trainees, release every assignment, place each persona's submissions; {trainee: persona}."""
    rng = random.Random(seed)
    people = roster(trainees)
    path = course / "students.csv"
    path.write_text("id,first_name,last_name,email,lms_user_id\n" + "".join(
        f"{p['id']},{p['first_name']},{p['last_name']},{p['email']},{p['lms_user_id']}\n" for p in people),
        encoding="utf-8")
    nbgrader(course, "db", "student", "import", str(path))
    assignments = [a for a in course_assignments(course) if (ROOT / "solutions" / a.name).is_dir()]
    for a in assignments:
        nbgrader(course, "generate_assignment", a.name, "--force")
    who = {}
    for index, person in enumerate(people):
        persona = persona_for(index, trainees)
        who[person["id"]] = persona
        if persona is None:
            continue
        for number, a in enumerate(assignments[: persona.submits]):
            folder = course / "submitted" / person["id"] / a.name
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(course / "release" / a.name, folder)
            (folder / "timestamp.txt").write_text(time.strftime("%Y-%m-%d %H:%M:%S.000000 UTC", time.gmtime()))
            build_submission(folder, a, ROOT / "solutions" / a.name, persona, rng, first_roleplay=number == 0)
    return who


def grade(course: Path, who: dict[str, Persona | None]) -> int:
    """Every assignment of every trainee autograded in ONE nbgrader batch, the written answers
    graded by hand, then feedback and grades.csv (an instructor's order: feedback shows the
    hand-graded scores and comments). Returns how many written answers were graded by hand."""
    nbgrader(course, "autograde", "*", "--force")
    by_hand = grade_by_hand(course, {t: p.rubric for t, p in who.items() if p is not None})
    nbgrader(course, "generate_feedback", "*", "--force")
    nbgrader(course, "export", "--to", "grades.csv")
    return by_hand


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "artifacts" / "grade-demo" / "cohort"), help="throwaway folder")
    parser.add_argument("--trainees", type=int, default=32)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    course = copy_course(Path(args.out).absolute() / "course")
    print(f"Course copied to {course}")
    who = build_cohort(course, args.trainees)
    names = ", ".join(a.name for a in course_assignments(course))
    print(f"{len(who)} trainees; assignments: {names}. Autograding every submission in one batch…")
    by_hand = grade(course, who)
    from selfkind.analytics import load_cohort
    from selfkind.analytics.summaries import completion

    cohort = load_cohort(course)
    print(completion(cohort.grades, cohort.titles).drop(columns=["title"]).to_string(index=False))
    damaged = cohort.plays[cohort.plays.status == "damaged"]
    print(f"\n{by_hand} written answers graded by hand (manual scores and comments); "
          f"the late trainee's are left waiting for the grader.")
    print(f"{len(cohort.plays)} role-play rows ({len(damaged)} damaged), {len(cohort.steps)} steps; "
          f"{time.perf_counter() - started:.0f} s in all.")
    print(f"Dashboard: make dashboard  (or SELFKIND_DASHBOARD_COURSE={course})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
