"""Feedback that never reveals the answer key: nbgrader feedback preprocessors for course/nbgrader_config.py.

- `ClearHiddenTestsInCourseCells` and `ClearMarkSchemeInCourseCells` are nbgrader's own,
  applied to the course's cells only (locked ones: after autograde's sanitizing they hold
  the course's text). nbgrader's versions look at every cell and stop a trainee's whole
  feedback with a RuntimeError when a written answer contains "### BEGIN HIDDEN TESTS"
  without its END.
- `KeepTestsOutOfOutputs` replaces error outputs (tracebacks quote the failing line of a
  hidden test) with a sentence, and drops any output that repeats a hidden-test or rubric line.
"""

from __future__ import annotations

import nbformat
from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, NbGraderPreprocessor
from traitlets import Unicode

SHORTEST_SECRET = 8  # characters; shorter lines ("pass", "))") are not worth hiding


class ClearHiddenTestsInCourseCells(ClearHiddenTests):
    """nbgrader's ClearHiddenTests, for the course's own (locked) cells only."""

    def preprocess_cell(self, cell, resources, index):
        if not utils.is_locked(cell):
            return cell, resources
        return super().preprocess_cell(cell, resources, index)


class ClearMarkSchemeInCourseCells(ClearMarkScheme):
    """nbgrader's ClearMarkScheme, for the course's own (locked) cells only."""

    def preprocess_cell(self, cell, resources, index):
        if not utils.is_locked(cell):
            return cell, resources
        return super().preprocess_cell(cell, resources, index)


def _regions(source: str, begin: str, end: str) -> list[str]:
    lines, inside, found = source.split("\n"), False, []
    for line in lines:
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside:
            found.append(line.strip())
    return found


def _text_of(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    return "\n".join(v if isinstance(v, str) else "\n".join(v) if isinstance(v, list) else str(v)
                     for v in output.get("data", {}).values())


class KeepTestsOutOfOutputs(NbGraderPreprocessor):
    """Error outputs become a sentence; outputs quoting a hidden test or rubric line are dropped."""

    error_message = Unicode(
        "✘ This check could not be completed, so it scored 0. Your instructor can see why.\n",
        help="Shown in place of an error (and its traceback) in a feedback page.",
    ).tag(config=True)

    def preprocess(self, nb, resources):
        markers = [(ClearHiddenTests(parent=self).begin_test_delimeter, ClearHiddenTests(parent=self).end_test_delimeter),
                   (ClearMarkScheme(parent=self).begin_mark_scheme_delimeter,
                    ClearMarkScheme(parent=self).end_mark_scheme_delimeter)]
        self.secrets = {line for cell in nb.cells if utils.is_locked(cell) for begin, end in markers
                        for line in _regions(cell.source, begin, end) if len(line) >= SHORTEST_SECRET}
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        outputs = []
        for output in cell.outputs:
            if output.get("output_type") == "error":
                output = nbformat.v4.new_output("stream", name="stderr", text=self.error_message)
            elif any(secret in _text_of(output) for secret in self.secrets):
                self.log.warning("An output of cell %d quoted a hidden test; left out of the feedback", index)
                continue
            outputs.append(output)
        cell.outputs = outputs
        return cell, resources
