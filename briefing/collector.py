"""How the garbage collector runs: rarely while a process starts, and never again over what start-up built to keep.

A command starts by importing some 450 modules and building the
formats' pydantic models: about a hundred thousand objects that live as long
as the process. With the collector's default first threshold (700 new container
objects), it walks the young ones again and again while they are being made.
Until :func:`settled`, the first threshold is :data:`STARTING_THRESHOLD`
instead: reference cycles are still freed, a cold ``briefing build`` does less
work, and a 300-item pack's peak memory is the same (benchmarks/README.md).

A command line is one short process and never settles. The app settles once
its panels are built: what exists then (the library, the window) lives as
long as the window, and with 10,000 items a full pass over it froze the GUI
for about 100 ms in the middle of typing a search, so it is frozen out of
later passes, and the default thresholds come back for the session.
"""

from __future__ import annotations

import gc

STARTING_THRESHOLD = 100_000
DEFAULT_THRESHOLDS = gc.get_threshold()


def starting() -> None:
    """Collect young objects every :data:`STARTING_THRESHOLD` allocations (the older generations as before)."""
    gc.set_threshold(STARTING_THRESHOLD, *DEFAULT_THRESHOLDS[1:])


def settled(full: bool) -> None:
    """Start-up (or a reload) is over: free garbage, freeze what is left out of later passes, default thresholds again.

    ``full`` frees all garbage first (a reload: the old library); otherwise only
    the young generation is collected, which start-up's high threshold left
    large and which takes a few milliseconds, not a full pass's hundred.
    """
    gc.collect() if full else gc.collect(0)
    gc.freeze()
    gc.set_threshold(*DEFAULT_THRESHOLDS)


def thawed() -> None:
    """Let what :func:`settled` froze be collected again (before a reload replaces the library)."""
    gc.unfreeze()
