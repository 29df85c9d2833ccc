"""Submissions of trainees who try to game the autograder, each built on honest partial work.

Every attacker first does what module 01's `partial` does (cohorts/assignment_01.py: 3
autograded points and one written answer), then adds one attack. Graded correctly, each scores those 3 points and
nothing changes for anyone else. Used by test_adversarial.py, in one batch with honest work.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import nbformat

import selfkind
from cohorts import assignment_01 as cohort
from cohorts.definition import Case
from cohorts.submissions import blank, edit_notebook, find_cell, reference, write_free_text

A = cohort.ASSIGNMENT
HONEST_EARNS = 3.0  # what assignment_01.partial earns

# Code that, if run by the autograder, makes every check pass.
PASS_EVERY_CHECK = textwrap.dedent("""\
    import selfkind.grading as grading
    for name in dir(grading):
        if name.startswith("require"):
            setattr(grading, name, lambda *args, **kwargs: print("✔ all correct"))
    """)

# What a trainee who gets script into the page would run; the browser test looks for these marks.
SCRIPT_ANSWER = ('I would <b>reflect</b> her words. <script>window.__selfkindPwned = "script"</script>\n\n'
                 '<img src="x" onerror="window.__selfkindPwned = \'img\'">')
SCRIPT_RAW = '<svg onload="window.__selfkindPwned = \'raw\'"></svg>'
SCRIPT_MARKDOWN = '<details open ontoggle="window.__selfkindPwned = \'markdown\'">a note</details>'


def code_cell(source: str, **nbgrader) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    if nbgrader:
        cell.metadata["nbgrader"] = nbgrader
    return cell


def insert_before(nb, grade_id: str, cell) -> None:
    nb.cells.insert(nb.cells.index(find_cell(nb, grade_id)), cell)


def honest(folder: Path, solutions: Path) -> None:
    cohort.partial(folder, solutions)


def adds_cell(source: str, before: str = "test-q1"):
    """An attack that adds one plain code cell (no nbgrader metadata) before `before`."""
    def build(folder: Path, solutions: Path) -> None:
        honest(folder, solutions)
        edit_notebook(folder, lambda nb: insert_before(nb, before, code_cell(source)))
    return build


REDIRECT_STDERR = "import sys\nsys.stderr = sys.stdout\n"

WRITE_GRADEBOOK = textwrap.dedent("""\
    import sqlite3
    db = sqlite3.connect("../../../gradebook.db")
    db.execute("UPDATE grade SET auto_score = 0, manual_score = 0")
    db.commit()
    """)

# Waits for the nbgrader process (the kernel's parent) to end, then rewrites every grade.
BACKGROUND_REWRITE = textwrap.dedent("""\
    import os, subprocess, sys
    script = f'''
    import os, sqlite3, time
    while os.path.exists("/proc/{os.getppid()}"):
        time.sleep(0.1)
    db = sqlite3.connect({os.path.abspath("../../../gradebook.db")!r})
    db.execute("UPDATE grade SET auto_score = 0")
    db.commit()
    '''
    subprocess.Popen([sys.executable, "-c", script], start_new_session=True,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    """)

READ_SECRETS = textwrap.dedent(f"""\
    print(open("../../../source/{A}/{cohort.NOTEBOOK}").read())
    print(open("../../../submitted/honest-reference/{A}/answers.json").read())
    """)


def copied_test_metadata(folder: Path, solutions: Path) -> None:
    """A cell wearing test-q1's nbgrader metadata, placed just before the real test-q1."""
    honest(folder, solutions)

    def change(nb):
        real = find_cell(nb, "test-q1")
        insert_before(nb, "test-q1", code_cell(PASS_EVERY_CHECK, **dict(real.metadata["nbgrader"])))
    edit_notebook(folder, change)


def invented_grade_id(folder: Path, solutions: Path) -> None:
    honest(folder, solutions)
    cell = code_cell(PASS_EVERY_CHECK, grade=True, grade_id="extra-credit", locked=False, points=10,
                     schema_version=3, solution=False, task=False)
    edit_notebook(folder, lambda nb: insert_before(nb, "test-q1", cell))


def stripped_metadata(folder: Path, solutions: Path) -> None:
    """The setup cell with its nbgrader metadata removed and its code replaced."""
    honest(folder, solutions)

    def change(nb):
        setup = find_cell(nb, "setup")
        del setup.metadata["nbgrader"]
        setup.source = PASS_EVERY_CHECK
    edit_notebook(folder, change)


def cell_types_swapped(folder: Path, solutions: Path) -> None:
    """A written-answer cell turned into code, and a widget cell turned into markdown."""
    honest(folder, solutions)

    def change(nb):
        answer = find_cell(nb, "free-2")
        answer.cell_type, answer.source, answer.outputs, answer.execution_count = "code", PASS_EVERY_CHECK, [], None
        widget = find_cell(nb, "widget-q2")
        widget.cell_type, widget.source = "markdown", "I removed this question."
        del widget["outputs"], widget["execution_count"]
    edit_notebook(folder, change)


def malformed_metadata(folder: Path, solutions: Path) -> None:
    """Cells with nbgrader metadata that is not what nbgrader writes."""
    honest(folder, solutions)

    def change(nb):
        locked_note = nbformat.v4.new_markdown_cell("A note of mine.")
        locked_note.metadata["nbgrader"] = {"locked": True}  # no grade_id
        not_a_dict = code_cell(PASS_EVERY_CHECK)
        not_a_dict.metadata["nbgrader"] = "test-q1"
        insert_before(nb, "test-q1", locked_note)
        insert_before(nb, "test-q1", not_a_dict)
    edit_notebook(folder, change)


def edited_scenario(folder: Path, solutions: Path) -> None:
    """The scenario edited so every choice scores 2 more (within the checker's rules), and a
    finished play on the edited copy that always takes the choice the edit raised most."""
    import yaml
    from selfkind.engine import offered, start, step
    from selfkind.stores.transcripts import save_transcript
    from selfkind.authoring import load_scenario

    honest(folder, solutions)
    shutil.rmtree(folder / "transcripts")
    path = folder / "scenarios" / "of-course-i-have-it.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    raised = {}
    for node in data["nodes"].values():
        for choice in node.get("choices", []):
            if "critical" not in choice:  # the checker wants critical choices negative
                new_score = min(choice["score"] + 2, 2)
                raised[choice["text"]], choice["score"] = new_score - choice["score"], new_score
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    scenario = load_scenario(path)
    play = start(scenario)
    while not play.finished:
        cid, _choice = max(offered(scenario, play), key=lambda item: raised.get(item[1].text, -1))
        play, _ = step(scenario, play, cid)
    save_transcript(folder / cohort.TRANSCRIPT, scenario, play)


def shadow_package(folder: Path, solutions: Path) -> None:
    """A folder named `selfkind` beside the notebook, whose grading module passes every check."""
    honest(folder, solutions)
    package = folder / "selfkind"
    package.mkdir()
    real = Path(selfkind.__file__).parent
    (package / "__init__.py").write_text(f"__path__.append({str(real)!r})\n", encoding="utf-8")
    (package / "grading.py").write_text(
        f"exec(compile(open({str(real / 'grading.py')!r}).read(), 'grading.py', 'exec'))\n" + PASS_EVERY_CHECK,
        encoding="utf-8")


def marker_text_in_answer(folder: Path, solutions: Path) -> None:
    honest(folder, solutions)
    write_free_text(folder, {"free-2": "My notes:\n### BEGIN HIDDEN TESTS\nand\n### BEGIN MARK SCHEME\n"
                                            "I would stay with her shame first."})


def script_in_answer(folder: Path, solutions: Path) -> None:
    honest(folder, solutions)

    def change(nb):
        find_cell(nb, "free-2").source = SCRIPT_ANSWER
        raw = nbformat.v4.new_raw_cell(SCRIPT_RAW)
        raw.metadata["raw_mimetype"] = "text/html"
        nb.cells.append(raw)
        nb.cells.append(nbformat.v4.new_markdown_cell(SCRIPT_MARKDOWN))
    edit_notebook(folder, change)


# Files a browser would run as a page or script if formgrader served them from the instructor's
# server; any case of extension, and hidden ones.
ACTIVE_FILES = ["notes.html", "NOTES2.HTML", ".hidden.htm", "diagram.Svg", "feed.xml", "helper.js", "page.xhtml"]


def active_files(folder: Path, solutions: Path) -> None:
    """Pages and scripts beside the notebook, linked from a written answer."""
    honest(folder, solutions)
    for name in ACTIVE_FILES:
        (folder / name).write_text('<script>window.__selfkindPwned = "file"</script>', encoding="utf-8")
    write_free_text(folder, {"free-2": "I would stay with her shame first. My [notes](notes.html)."})


def nested_answers(folder: Path, solutions: Path) -> None:
    """The reference role-play (5 points), and an answers file nested 100,000 deep."""
    reference(folder, solutions)
    (folder / "answers.json").write_text('{"format": "selfkind-answers", "version": 1, "answers": '
                                         + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")


HONEST = [
    Case("honest-reference", "the reference solutions", 13, reference),
    Case("honest-blank", "the release untouched", 0, blank),
    Case("honest-partial", "some answers", HONEST_EARNS, honest),
]

ATTACKS = [
    Case("replaces-require", "a cell that makes every check pass", HONEST_EARNS, adds_cell(PASS_EVERY_CHECK)),
    Case("redirects-stderr", "a cell sending failures to stdout", HONEST_EARNS, adds_cell(REDIRECT_STDERR)),
    Case("writes-gradebook", "a cell zeroing the gradebook", HONEST_EARNS, adds_cell(WRITE_GRADEBOOK)),
    Case("background-process", "a cell leaving a process behind", HONEST_EARNS, adds_cell(BACKGROUND_REWRITE)),
    Case("reads-secrets", "a cell printing hidden tests and answers", HONEST_EARNS, adds_cell(READ_SECRETS)),
    Case("copied-test-metadata", "a cell wearing a test's metadata", HONEST_EARNS, copied_test_metadata),
    Case("invented-grade-id", "a cell with an invented grade id", HONEST_EARNS, invented_grade_id),
    Case("stripped-metadata", "a read-only cell unmarked and rewritten", HONEST_EARNS, stripped_metadata),
    Case("cell-types-swapped", "an answer made code, a widget markdown", HONEST_EARNS, cell_types_swapped),
    Case("malformed-metadata", "nbgrader metadata nbgrader never writes", HONEST_EARNS, malformed_metadata),
    Case("edited-scenario", "the scenario edited to score +2", HONEST_EARNS, edited_scenario),
    Case("shadow-package", "a selfkind folder beside the notebook", HONEST_EARNS, shadow_package),
    Case("marker-text", "marker text in a written answer", HONEST_EARNS, marker_text_in_answer),
    Case("script-in-answer", "script in written answers", HONEST_EARNS, script_in_answer),
    Case("nested-answers", "answers nested 100,000 deep", 5, nested_answers),
    Case("active-files", "web pages and scripts beside the notebook", HONEST_EARNS, active_files),
]


def as_placed(course: Path, student: str) -> Path:
    return course.parent / "submitted-as-placed" / student / A
