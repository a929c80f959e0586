"""Start the desktop app: logging, the QApplication, the main window and the crash-safe excepthook."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from .. import __version__, collector, logs

log = logging.getLogger("briefing.gui")


def application() -> QApplication:
    """The QApplication, created once with Briefing's names."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Briefing")
    app.setOrganizationName("Briefing")
    app.setApplicationVersion(__version__)
    return app  # type: ignore[return-value]


QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own messages go to Briefing's log file."""
    log.log(QT_LEVELS.get(kind, logging.WARNING), "Qt: %s", message)


def run(brief: Path | None = None, content: list[Path] | None = None) -> int:
    """Open the app (on ``brief`` if given, with extra ``content`` folders); returns the exit code."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as in the CLI: no entry-point scan at start
    collector.starting()  # as `briefing` does; the window settles it once its panels are built
    from .guard import install_excepthook
    from .main_window import MainWindow

    log_path = logs.configure()
    log.info("starting Briefing %s (log %s)", __version__, log_path)
    app = application()
    previous_handler = qInstallMessageHandler(qt_to_log)
    window = MainWindow(content=content or [], staged=True)
    previous = install_excepthook(lambda message: window.dialogs.error(window, "Unexpected error", message))
    try:
        window.show()
        window.start(brief)
        return app.exec()
    finally:
        sys.excepthook = previous
        qInstallMessageHandler(previous_handler)
        log.info("Briefing closed")
