"""Autograde runs only the course's own code: nbgrader sanitize preprocessors for course/nbgrader_config.py.

Trainees write no code in this course, so before nbgrader executes a submission:

- `KeepOnlyCourseCode` removes every code cell that is not one of the source assignment's
  own (as recorded in the gradebook), puts every known code cell back to its source text,
  and tells the trainee at the top of the notebook (and so of the feedback) what it changed.
- `ExecuteWithoutTraineeModules` is nbgrader's Execute with the submission folder kept off
  the kernel's import path, so a `selfkind/` folder or `json.py` a trainee adds beside the
  notebook is never imported in place of the course's code.
- `ShowTraineeMarkupAsText` escapes HTML in the markdown a trainee wrote, so the feedback
  page and formgrader (which both render the autograded notebook) show it as text, and makes
  every link or image of theirs that does not go to a web page or email address inactive
  (trainee_links.py).
- `DropTraineeWidgetState` removes widget state a submission carries (the notebook's
  `widgets` metadata, saved widget views): pages would show it as live widgets, and an HTML
  widget can hold any markup. Widgets the course's own code makes while grading still show.

The trainee's own copy in submitted/ is never changed.
"""

from __future__ import annotations

import os

from nbformat.v4 import new_code_cell, new_markdown_cell
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.preprocessors import Execute, NbGraderPreprocessor

from selfkind.grading.trainee_links import neutralise_links

NOTE_TAG = "selfkind-autograde-note"
NOTE_START = "**Note from the autograder:**"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _grade_id(cell):
    meta = cell.metadata.get("nbgrader")
    grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
    return grade_id if isinstance(grade_id, str) else None


def _make_code(cell, source: str) -> None:
    cell.cell_type, cell.source, cell.outputs, cell.execution_count = "code", source, [], None
    cell.pop("attachments", None)


def _make_text(cell, cell_type: str) -> None:
    cell.cell_type = cell_type
    cell.pop("outputs", None)
    cell.pop("execution_count", None)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class KeepOnlyCourseCode(NbGraderPreprocessor):
    """Keep only the source assignment's code cells, each with its source text and metadata.

    A cell is the course's if its nbgrader id is one the gradebook knows (the last cell
    carrying an id wins, as in nbgrader's DeduplicateIds). Its cell type, nbgrader metadata
    and, for code, its text are reset to the source's. Any other code cell is removed;
    any other cell loses nbgrader metadata it may have copied. Known code cells missing
    from the submission are put back (grade cells are left to OverwriteCells, which adds
    its own notice).
    """

    def preprocess(self, nb, resources):
        notebook_id, assignment_id = resources["nbgrader"]["notebook"], resources["nbgrader"]["assignment"]
        with Gradebook(resources["nbgrader"]["db_url"]) as gb:
            source_nb = gb.find_notebook(notebook_id, assignment_id)
            self.order = [c.name for c in source_nb.source_cells]
            self.sources = {c.name: c for c in source_nb.source_cells}
            self.grades = {c.name: c.max_score for c in source_nb.grade_cells}
            self.solutions = {c.name for c in source_nb.solution_cells}
            self.tasks = {c.name for c in source_nb.task_cells}

        for cell in nb.cells:  # only the autograder's own note wears its tag
            tags = cell.metadata.get("tags")
            if isinstance(tags, list) and NOTE_TAG in tags:
                cell.metadata["tags"] = [tag for tag in tags if tag != NOTE_TAG]
        last = {_grade_id(c): i for i, c in enumerate(nb.cells) if _grade_id(c) in self.sources}
        kept, removed, restored = [], 0, 0
        for i, cell in enumerate(nb.cells):
            name = _grade_id(cell)
            if name not in self.sources or last[name] != i:
                cell.metadata.pop("nbgrader", None)
                if cell.cell_type == "code":
                    removed += 1
                    continue
            else:
                restored += self._as_in_source(cell, self.sources[name])
            kept.append(cell)
        nb.cells = kept
        restored += self._put_back_missing_code(nb)
        if removed or restored:
            self.log.warning("Removed %d code cells not in the assignment and restored %d", removed, restored)
            add_to_note(nb, self._note(removed, restored))
        return nb, resources

    def _metadata(self, name: str) -> dict:
        source = self.sources[name]
        meta = {"grade": name in self.grades, "grade_id": name, "locked": source.locked,
                "schema_version": 3, "solution": name in self.solutions, "task": name in self.tasks}
        if name in self.grades:
            meta["points"] = self.grades[name]
        return meta

    def _as_in_source(self, cell, source) -> int:
        """Give `cell` the source's type and metadata (and text, for code); 1 if its code changed."""
        cell.metadata["nbgrader"] = self._metadata(source.name)
        if source.cell_type == "code":
            changed = cell.cell_type != "code" or cell.source != source.source
            _make_code(cell, source.source)
            return int(changed)
        if cell.cell_type != source.cell_type:
            _make_text(cell, source.cell_type)
        return 0

    def _put_back_missing_code(self, nb) -> int:
        present = {_grade_id(c) for c in nb.cells}
        added = 0
        for position, name in enumerate(self.order):
            source = self.sources[name]
            if name in present or source.cell_type != "code" or name in self.grades:
                continue
            earlier = set(self.order[:position])
            after = max((i for i, c in enumerate(nb.cells) if _grade_id(c) in earlier), default=-1)
            cell = _new_cell(nb, new_code_cell, source.source)
            cell.metadata["nbgrader"] = self._metadata(name)
            nb.cells.insert(after + 1, cell)
            present.add(name)
            added += 1
        return added

    def _note(self, removed: int, restored: int) -> str:
        said = []
        if removed:
            said.append(_plural(removed, "code cell that was not part of the assignment was",
                                "code cells that were not part of the assignment were") + " removed before grading")
        if restored:
            said.append(_plural(restored, "read-only code cell you had changed or removed was",
                                "read-only code cells you had changed or removed were") + " put back as the course wrote it")
        return "; ".join(said) + ". Only the course's own code was run to grade this assignment."


def add_to_note(nb, sentence: str) -> None:
    """Add `sentence` to the autograder's note at the top of `nb`, starting the note if needed."""
    first = nb.cells[0] if nb.cells else None
    if first is not None and NOTE_TAG in first.metadata.get("tags", []) and first.source.startswith(NOTE_START):
        first.source += " " + sentence
        return
    cell = _new_cell(nb, new_markdown_cell, f"{NOTE_START} {sentence}")
    cell.metadata["tags"] = [NOTE_TAG]
    nb.cells.insert(0, cell)


def _new_cell(nb, new, text: str):
    """A new cell for `nb`; without an `id` where its nbformat (before 4.5) allows none."""
    cell = new(text)
    if nb.nbformat_minor < 5:
        cell.pop("id", None)
    return cell


class ShowTraineeMarkupAsText(NbGraderPreprocessor):
    """Escape HTML in markdown the trainee wrote, and make their script links inactive.

    Runs after OverwriteCells: then a locked cell holds the course's own text and is left
    alone; every other markdown cell (written answers, notes a trainee added) has `<`
    escaped, and a raw cell of theirs becomes such a markdown cell (HTML pages render raw
    cells as they are). Markdown formatting still works; tags show as typed. Each link or
    image whose target is not a web page, an email address or a place in the page (say
    `javascript:`) becomes `[its text](#)` (trainee_links.py), and the note says how many.
    """

    def preprocess(self, nb, resources):
        self.links_made_inactive = 0
        nb, resources = super().preprocess(nb, resources)
        if self.links_made_inactive:
            n = self.links_made_inactive
            add_to_note(nb, _plural(n, "link or image in your text that did not go to a web page or email address was",
                                    "links or images in your text that did not go to a web page or email address were")
                        + " made inactive.")
        return nb, resources

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" or utils.is_locked(cell):
            return cell, resources
        if cell.cell_type == "raw":
            _make_text(cell, "markdown")
            for key in ("raw_mimetype", "format"):
                cell.metadata.pop(key, None)
        if "<" in cell.source:
            cell.source = cell.source.replace("<", "&lt;")
        if "[" in cell.source:  # no link, image or definition without one (and `<` is escaped)
            cell.source, made_inactive = neutralise_links(cell.source)
            self.links_made_inactive += made_inactive
        return cell, resources


class DropTraineeWidgetState(NbGraderPreprocessor):
    """Remove widget state that came with the submission, before the notebook is run and rendered.

    The notebook's `widgets` metadata and any saved widget view in a cell's outputs are the
    trainee's (nothing has run yet); nbconvert's pages would embed them and show them as live
    widgets. Widgets the course's code makes while grading are stored again by the executor.
    """

    def preprocess(self, nb, resources):
        had_state = nb.metadata.pop("widgets", None) is not None
        views = 0
        for cell in nb.cells:
            if cell.cell_type == "code":
                kept = [o for o in cell.outputs if WIDGET_VIEW not in (o.get("data") or {})]
                views += len(cell.outputs) - len(kept)
                cell.outputs = kept
        if had_state or views:
            self.log.warning("Removed widget state the submission carried")
            add_to_note(nb, "Widgets saved in your notebook's file were removed before grading; "
                            "the pages show only the widgets the course's own code made.")
        return nb, resources


class ExecuteWithoutTraineeModules(Execute):
    """nbgrader's Execute, with the notebook's folder off the kernel's import path.

    The kernel still runs in the submission folder (the checks read answers.json and
    transcripts/ there), but with PYTHONSAFEPATH set neither Python nor IPython (9.7+)
    puts that folder on sys.path, so imports find only the installed course package.
    """

    def start_new_kernel(self, **kwargs):  # nbclient's sync entry point wraps the base async one
        return super().start_new_kernel(**_safe_path(kwargs))

    async def async_start_new_kernel(self, **kwargs):
        return await super().async_start_new_kernel(**_safe_path(kwargs))


def _safe_path(kernel_options: dict) -> dict:
    env = {**kernel_options.get("env", os.environ), "PYTHONSAFEPATH": "1"}
    return {**kernel_options, "env": env}
