"""The frozen bundle's entry point: the ``briefing`` command (no arguments opens the app)."""

import multiprocessing
import sys
from pathlib import Path


def command_line(argv: list[str]) -> list[str]:
    """A lone ``.brief`` file (a double-click in Finder or Explorer) opens it in the app: ``gui FILE``."""
    if len(argv) == 1 and argv[0].lower().endswith(".brief") and Path(argv[0]).is_file():
        return ["gui", argv[0]]
    return argv


if __name__ == "__main__":
    # Templates from outside the bundle render in a spawned child process (briefing/templating/isolate.py):
    # in a frozen bundle the child is this executable again, and freeze_support() runs it as the child.
    multiprocessing.freeze_support()
    from briefing.launch import main

    sys.exit(main(command_line(sys.argv[1:])))
