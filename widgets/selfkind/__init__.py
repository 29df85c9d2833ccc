"""Selfkind: a Jupyter course on self-compassion, shame and compulsive soothing.

The package is layered, each layer importing only those above it (tests/unit/test_layers.py):

    engine/      the role-play engine: model, conditions, play, replay, debrief (no widgets, no files)
    stores/      trainee files: atomic, locked, damaged files kept aside; reading never writes
    authoring/   scenario files read with line numbers, the checker, the course's rules, author tools
    exercises/   the other exercises' data files and their arithmetic (SCS-SF, reliable change)
    grading/     the checks assignments call, and the nbgrader preprocessors
    analytics/   tidy pandas frames over a cohort (gradebook, answers, transcripts)
    ui/          the ipywidgets views
    cli.py       the `selfkind` command (check, play, routes, map, stamp-ids)
"""

__version__ = "0.1.0"
