"""Python's cycle collector paused while a large batch of small objects is built.

Checking a 10,000-node scenario, or replaying a cohort's transcripts, makes some 10^5-10^6
small objects and no reference cycles worth collecting. Each automatic collector pass walks
every object made so far, so the passes cost more than the work (two thirds of a large
check). The collector resumes as it was, also after an error.

On resuming, the objects made meanwhile are filed with the old ones (`gc.freeze()` then
`gc.unfreeze()` moves every tracked object to the oldest generation): left young, the first
passes after the pause would walk them all again (~0.15 s for a 10,000-node scenario) only
to find them alive. They are still collected, with the old objects, in a full pass. Skipped
when something else in the process has frozen objects on purpose (e.g. before a fork).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
