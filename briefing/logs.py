"""The log file in the platform's standard log folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from . import paths

_handler: logging.Handler | None = None
_for: Path | None = None  # the log file the handler was made for
_written_to: Path | None = None  # the file the log really goes to; None when it could not be opened


def log_file() -> Path:
    return paths.user_log_dir() / "briefing.log"


def configure() -> Path:
    """Send Briefing's log to a rotating file (once per log file). Returns the file's path."""
    global _handler, _for, _written_to
    path = log_file()
    if _handler is None or _for != path:
        root = logging.getLogger("briefing")
        if _handler is not None:
            root.removeHandler(_handler)
            _handler.close()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
            _written_to = path
        except OSError:
            handler = logging.NullHandler()
            _written_to = None
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        _handler, _for = handler, path
    return path


def log_exception(exc: BaseException) -> Path | None:
    """Write ``exc`` with its traceback to the log; return the log file's path, or None when no log file could be written."""
    configure()
    logging.getLogger("briefing").error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return _written_to


def where_logged(path: Path | None) -> str:
    """``details in FILE``, or that there is no log to look in (the user folder cannot be written)."""
    return f"details in {path}" if path is not None else f"no details were logged: cannot write to {log_file().parent}"
