"""nbgrader configuration for the Selfkind course (nbgrader 0.9.6).

Run nbgrader from this folder (`cd course && nbgrader ...`) or pass
`--CourseDirectory.root=course`. See course/README.md for the instructor's workflow.
"""

import os
from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor, TagRemovePreprocessor
from nbgrader.converters.autograde import Autograde
from nbgrader.converters.generate_assignment import GenerateAssignment
from nbgrader.preprocessors import CheckCellMetadata, ClearOutput, DeduplicateIds, Execute, GetGrades, OverwriteKernelspec
from selfkind.grading.nbgrader_ext import RestoreMissingCells
from selfkind.grading.nbgrader_feedback import (ClearHiddenTestsInCourseCells, ClearMarkSchemeInCourseCells,
                                        KeepTestsOutOfOutputs)
from selfkind.grading.nbgrader_sanitize import (DropTraineeWidgetState, ExecuteWithoutTraineeModules, KeepOnlyCourseCode,
                                               ShowTraineeMarkupAsText)

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)
HERE = Path(__file__).resolve().parent

# --- the course ------------------------------------------------------------------------------
c.CourseDirectory.course_id = os.environ.get("SELFKIND_COURSE_ID", "selfkind")
c.CourseDirectory.root = str(HERE)
# SQLite inside course/ by default (ignored by git). A database server instead, e.g.
#   SELFKIND_GRADEBOOK_URL=postgresql+psycopg2://nbgrader:secret@db.example.org/selfkind
# (install its driver, such as psycopg2, into the same environment).
c.CourseDirectory.db_url = os.environ.get("SELFKIND_GRADEBOOK_URL", f"sqlite:///{HERE / 'gradebook.db'}")
# nbgrader's "feedback" default would drop any trainee file named like that; keep it.
# Files a widget kept aside (`*.kept-*`) stay in a submission: they are the trainee's data and the grader
# names them in its reason. Lock and temporary files (`.answers.json.lock`, `.*.tmp`) are not trainee data.
# Web pages, images that can hold script (SVG) and scripts are neither submitted nor copied to
# autograded/: formgrader serves any file there from the instructor's server, where such a
# file would run as the instructor. No assignment ships one. Any case, hidden ones too.
ACTIVE = ["html", "htm", "xhtml", "shtml", "svg", "svgz", "xml", "xsl", "js", "mjs"]
_any_case = lambda ext: "".join(f"[{ch.lower()}{ch.upper()}]" for ch in ext)  # noqa: E731
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", ".*.lock", ".*.tmp",
                            *(f"{dot}*.{_any_case(ext)}" for ext in ACTIVE for dot in ("", "."))]
# A submission far bigger than a notebook, its answers and transcripts is not copied.
c.CourseDirectory.max_file_size = 20_000  # kilobytes per file
c.CourseDirectory.max_dir_size = 50_000  # kilobytes per submission

# --- releasing -------------------------------------------------------------------------------
# Cells tagged `instructor` never reach a release (and so never a trainee or the gradebook).
c.TagRemovePreprocessor.enabled = True
c.TagRemovePreprocessor.remove_cell_tags = {"instructor"}
c.GenerateAssignment.preprocessors = [TagRemovePreprocessor] + GenerateAssignment.class_traits()["preprocessors"].default()
# Rubrics live in `### BEGIN MARK SCHEME` regions of read-only question cells: cleared from
# the release, saved in the gradebook, restored at autograde so formgrader shows them.
c.ClearMarkScheme.enforce_metadata = False

# --- grading ---------------------------------------------------------------------------------
c.Execute.timeout = 60  # seconds per cell; a role-play replay takes milliseconds
c.Execute.interrupt_on_timeout = True
# A trainee who deletes a graded cell is still graded: the cell is put back.
c.OverwriteCells.add_missing_cells = True
# Trainees write no code: only the source assignment's code cells run, each as the course wrote
# it (KeepOnlyCourseCode); deleted graded cells come back, also after read-only cells, where
# nbgrader 0.9.6's own placement fails (RestoreMissingCells); HTML a trainee typed in markdown
# shows as text in formgrader and feedback, and their links to anything but web pages and email
# addresses (`javascript:`...) are inactive (ShowTraineeMarkupAsText); widget state a submission
# carries is removed, so no page shows a trainee's widget (DropTraineeWidgetState).
# See selfkind/grading/nbgrader_sanitize.py.
c.Autograde.sanitize_preprocessors = [KeepOnlyCourseCode, DropTraineeWidgetState, ClearOutput, DeduplicateIds,
                                      OverwriteKernelspec, RestoreMissingCells, ShowTraineeMarkupAsText, CheckCellMetadata]
# Python files a trainee puts beside the notebook (a `selfkind/` folder) are never imported.
c.Autograde.autograde_preprocessors = [ExecuteWithoutTraineeModules if pp is Execute else pp
                                       for pp in Autograde.class_traits()["autograde_preprocessors"].default()]
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 40

# --- feedback --------------------------------------------------------------------------------
# Trainees see their answers, the points and the printed reasons; not the hidden tests
# (thresholds, correct answers), not the rubric, and no traceback. Only the course's own cells
# are searched for hidden-test and rubric markers, so an answer quoting one cannot stop the
# feedback (selfkind/grading/nbgrader_feedback.py).
c.GenerateFeedback.preprocessors = [GetGrades, KeepTestsOutOfOutputs, ClearHiddenTestsInCourseCells,
                                    ClearMarkSchemeInCourseCells, CSSHTMLHeaderPreprocessor]

# --- JupyterHub with nbgrader's exchange (see README.md) ------------------------------------
if os.environ.get("SELFKIND_EXCHANGE"):
    c.Exchange.root = os.environ["SELFKIND_EXCHANGE"]
