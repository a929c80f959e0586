"""The process entry point of ``briefing``, ``python -m briefing`` and the bundle: the collector set for start-up, then the command line."""

from __future__ import annotations

from collections.abc import Sequence

from . import collector


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (see :mod:`briefing.cli`) in a process that has only just started."""
    collector.starting()
    from .cli import main as run

    return run(argv)
