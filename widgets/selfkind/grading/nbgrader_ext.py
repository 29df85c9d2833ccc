"""A fix for nbgrader 0.9.6's restoring of deleted graded cells, used by course/nbgrader_config.py.

With `OverwriteCells.add_missing_cells = True`, nbgrader 0.9.6 puts a deleted grade cell
back after "the previous cell" of the source notebook, but it only finds that cell if it
is itself a grade or solution cell. In our assignment a written answer follows its
read-only question cell, and a test cell follows a read-only heading, so nbgrader's
version stops the whole submission with `KeyError: 'free-2-prompt'`. This subclass puts
a missing cell after the nearest earlier cell of the source that the submission still
has (any cell nbgrader tracks), or first if there is none. Everything else is nbgrader's.
"""

from __future__ import annotations

from nbgrader.preprocessors import OverwriteCells


class RestoreMissingCells(OverwriteCells):
    """OverwriteCells whose missing-cell placement works after read-only cells too."""

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        order = [cell.name for cell in source_nb.source_cells]
        sources = {cell.name: cell for cell in source_nb.source_cells}
        grade_cells = {cell.name: cell for cell in source_nb.grade_cells}
        solution_ids = {cell.name for cell in source_nb.solution_cells}
        for name in order:
            positions = {cell.metadata["nbgrader"]["grade_id"]: i for i, cell in enumerate(nb.cells)
                         if "grade_id" in cell.metadata.get("nbgrader", {})}
            if name not in grade_cells or name in positions:
                continue
            self.log.warning(f"Missing grade cell {name} encountered, adding to notebook")
            cell = self.missing_cell_transform(sources[name], grade_cells[name].max_score,
                                               is_solution=name in solution_ids)
            earlier = [positions[prev] for prev in order[:order.index(name)] if prev in positions]
            nb.cells.insert(max(earlier) + 1 if earlier else 0, cell)
        return nb, resources
