"""Tidy pandas frames over a course's gradebook, collected answers and role-play transcripts.

    from . import load_cohort
    cohort = load_cohort("course")          # gradebook, answers, plays, steps; never raises
    completion(cohort.grades)               # summaries.py: what the dashboard shows

Trainee files are read through the stores' read-only path: nothing here ever writes into
a course folder. A damaged or unreplayable file becomes a row with a reason, never an error.
No widgets here.
"""

from .assignments import AssignmentInfo, course_assignments
from .cohort import Cohort, load_cohort
from .gradebook import GradebookFrames, load_gradebook
from .transcripts import TranscriptFrames, load_transcripts, read_transcript

__all__ = ["AssignmentInfo", "Cohort", "GradebookFrames", "TranscriptFrames", "course_assignments",
           "load_cohort", "load_gradebook", "load_transcripts", "read_transcript"]
