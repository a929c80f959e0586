"""The frozen bundle's entry point: the ``briefing`` command (no arguments opens the app)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # Templates from outside the bundle render in a spawned child process (briefing/templating/isolate.py):
    # in a frozen bundle the child is this executable again, and freeze_support() runs it as the child.
    multiprocessing.freeze_support()
    from briefing.cli import main

    sys.exit(main())
