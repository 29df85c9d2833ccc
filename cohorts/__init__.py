"""Demo and test cohorts for the course's assignments, graded by the real nbgrader pipeline.

Not part of the installed `selfkind` package: the grading tests and `make grade-demo` import
it with the repository root on sys.path (tests/conftest.py adds it; `python -m` from the root
has it).

- definition.py: what a cohort definition holds (a Case per trainee, the Release's facts).
- submissions.py: building a trainee's submission (reference work, blank, tampered, ...).
- pipeline.py: running nbgrader on a throwaway copy of course/ and reading what it leaves.
- assignment_01.py ... assignment_06.py: one cohort definition per assignment, shared by the
  tests (tests/grading/) and the demos.
- module_01_demo.py: `make grade-demo`, part 1 (module 01's cohort and its grade table).
- dashboard_cohort.py, manual_grades.py: `make grade-demo`, part 2 (32 trainees across every
  assignment for the instructor's dashboard, their written answers graded by hand).
"""
