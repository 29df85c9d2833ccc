"""Python's cycle collector paused while a large batch of small objects is built.

Checking a 10,000-node scenario, or replaying a cohort's transcripts, makes some 10^5-10^6
small objects and no reference cycles worth collecting. Each automatic collector pass walks
every object made so far, so the passes cost more than the work (two thirds of a large
check). The collector resumes as it was, also after an error.
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
            gc.enable()
