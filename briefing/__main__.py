"""``python -m briefing``: the same as the ``briefing`` command."""

import sys

from .launch import main

sys.exit(main())
