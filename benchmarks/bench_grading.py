"""How long nbgrader takes to autograde module 01's assignment, beside a trivial notebook.

    make bench-grading        (or: .venv/bin/python benchmarks/bench_grading.py [--n 50])

Prints figures; it is not a test. In one run, two throwaway courses are graded by the
real `nbgrader autograde`, each first with 1 submission and then with N in one batch:

- module 01: N copies of the reference submission (widgets, a role-play replay, 9 test cells);
- trivial:   nbgrader's own cost, a one-cell notebook whose single test is `assert True`.

"per submission" is the N-batch time over N; "marginal" is (T_N - T_1) / (N - 1), the
cost of one more submission once the command has started.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # cohorts/ is not part of the installed package
from cohorts import assignment_01  # noqa: E402
from cohorts import pipeline  # noqa: E402

TRIVIAL = "trivial"


def timed(course: Path, *args: str) -> float:
    start = time.perf_counter()
    pipeline.nbgrader(course, *args)
    return time.perf_counter() - start


def module01_course(root: Path, n: int) -> tuple[Path, str]:
    course = pipeline.copy_course(root / "module01" / "course")
    reference = next(case for case in assignment_01.CASES if case.student == "reference")
    pipeline.build_cohort(course, assignment_01.ASSIGNMENT, [reference])
    placed = course / "submitted" / "reference" / assignment_01.ASSIGNMENT
    for i in range(n):
        shutil.copytree(placed, course / "submitted" / f"s{i:03d}" / assignment_01.ASSIGNMENT)
    shutil.rmtree(course / "submitted" / "reference")
    return course, assignment_01.ASSIGNMENT


def trivial_course(root: Path, n: int) -> tuple[Path, str]:
    course = root / "trivial" / "course"
    source = course / "source" / TRIVIAL
    source.mkdir(parents=True)
    cell = new_code_cell("assert True", metadata={"nbgrader": {
        "grade": True, "grade_id": "test", "locked": True, "points": 1, "schema_version": 3,
        "solution": False, "task": False}})
    nb = new_notebook(cells=[cell], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                            "language": "python"}})
    nbformat.write(nb, source / f"{TRIVIAL}.ipynb")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'bench'\n"
        f"c.CourseDirectory.root = {str(course)!r}\n", encoding="utf-8")
    pipeline.nbgrader(course, "generate_assignment", TRIVIAL)
    for i in range(n):
        shutil.copytree(course / "release" / TRIVIAL, course / "submitted" / f"s{i:03d}" / TRIVIAL)
    return course, TRIVIAL


def measure(course: Path, assignment: str, n: int) -> dict:
    one = timed(course, "autograde", assignment, "--student=s000", "--force")
    batch = timed(course, "autograde", assignment, "--force")
    graded = len(list((course / "autograded").glob(f"*/{assignment}/*.ipynb")))
    assert graded == n, f"only {graded} of {n} submissions were autograded"
    return {"one": one, "batch": batch, "per": batch / n, "marginal": (batch - one) / (n - 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description="nbgrader autograde timings")
    parser.add_argument("--n", type=int, default=50, help="submissions in the batch (default 50)")
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        root = Path(tmp)
        results = {}
        for name, make in [("module 01 assignment", module01_course), ("trivial one-cell notebook", trivial_course)]:
            course, assignment = make(root, n)
            results[name] = measure(course, assignment, n)
    print(f"nbgrader autograde, one batch of {n} submissions (seconds)")
    print(f"{'':28}{'1 submission':>14}{f'batch of {n}':>14}{'per submission':>16}{'marginal':>10}")
    for name, r in results.items():
        print(f"{name:28}{r['one']:>14.2f}{r['batch']:>14.2f}{r['per']:>16.2f}{r['marginal']:>10.2f}")
    ours, base = results["module 01 assignment"], results["trivial one-cell notebook"]
    print(f"\nModule 01 costs {ours['marginal'] - base['marginal']:+.2f} s per submission over nbgrader's own "
          f"({ours['marginal'] / base['marginal']:.1f}x the trivial notebook's marginal cost).")


if __name__ == "__main__":
    main()
