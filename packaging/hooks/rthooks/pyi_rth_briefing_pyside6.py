"""Run-time hook for PySide6 in Briefing's bundle: where Qt's plugins are, without loading Qt at start.

It replaces PyInstaller's own PySide6 hook (packaging/hooks/rthooks.dat), which
imports PySide6.QtCore in every process to register a qt.conf. The PySide6
wheels register their own, and `briefing build` and the other commands must
not load Qt: it is slower, and the command line is Qt-free by design.
"""

import os
import sys


def _briefing_qt_paths():
    meipass = sys._MEIPASS
    windows = sys.platform.startswith("win")
    qt = os.path.join(meipass, "PySide6") if windows else os.path.join(meipass, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    if windows:  # as PyInstaller's hook does: DLLs collected beside the executable are found
        os.environ["PATH"] = meipass + os.pathsep + os.environ.get("PATH", "")


_briefing_qt_paths()
del _briefing_qt_paths
