"""Background jobs on a QThreadPool: building the preview PDF and exporting files, off the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..content.present import STALE_MONTHS
from ..errors import BriefingError
from ..logs import log_exception, where_logged

if TYPE_CHECKING:
    from ..brief.model import Brief
    from ..content.library import Library

log = logging.getLogger("briefing.gui")


class JobSignals(QObject):
    """Results of background jobs. Lives in the GUI thread, so connected slots run there."""

    finished = Signal(int, object)  # ticket, result
    failed = Signal(int, str)  # ticket, one-line message
    skipped = Signal(int)  # ticket: a newer job made this one pointless


def describe(exc: BaseException) -> str:
    """A one-line message for the officer; unexpected errors also go to the log."""
    if isinstance(exc, BriefingError):
        return str(exc)
    return f"{type(exc).__name__}: {exc} ({where_logged(log_exception(exc))})"


class Job(QRunnable):
    """Run ``work`` and report through ``signals`` under ``ticket``; skip if ``still_wanted`` says no."""

    def __init__(self, ticket: int, signals: JobSignals, work: Callable[[], object], still_wanted: Callable[[int], bool] | None = None):
        super().__init__()
        self.ticket = ticket
        self.signals = signals
        self.work = work
        self.still_wanted = still_wanted

    def run(self) -> None:
        if self.still_wanted is not None and not self.still_wanted(self.ticket):
            self.signals.skipped.emit(self.ticket)
            return
        try:
            result = self.work()
        except Exception as exc:  # noqa: BLE001  (reported to the GUI, never raised in a worker thread)
            self.signals.failed.emit(self.ticket, describe(exc))
        else:
            self.signals.finished.emit(self.ticket, result)


def preview_job(
    ticket: int, signals: JobSignals, brief: Brief, library: Library, stale_months: int, still_wanted: Callable[[int], bool]
) -> Job:
    """Build the real PDF of ``brief`` (a private copy) in memory, figures stale after ``stale_months``: ``(pdf_bytes, BuildResult)``."""

    def work():
        from ..export import preview_pdf  # imported here, on the pool thread: the app's start does not wait for it

        return preview_pdf(brief, library, stale_months=stale_months)

    return Job(ticket, signals, work, still_wanted)


def export_job(
    ticket: int,
    signals: JobSignals,
    brief: Brief,
    library: Library,
    fmt: str,
    path: Path,
    release_at: str | None = None,
    stale_months: int = STALE_MONTHS,
) -> Job:
    """Export ``brief`` (a private copy) as ``fmt`` to ``path`` (its releasable version at ``release_at``): a BuildResult."""

    def work():
        from ..export import export_brief

        log.info("exporting %s to %s", fmt, path)
        return export_brief(brief, library, [fmt], path, count_pages=True, release_at=release_at, stale_months=stale_months)  # pages too

    return Job(ticket, signals, work)


def run_in_pool(
    pool: QThreadPool, parent: QObject, work: Callable[[], object], done: Callable[[object], object], failed: Callable[[str], object]
) -> JobSignals:
    """Run ``work`` on ``pool``; then ``done(result)`` or ``failed(message)`` on the GUI thread. Keep the signals returned."""
    signals = JobSignals(parent)
    signals.finished.connect(lambda _ticket, result: done(result))
    signals.failed.connect(lambda _ticket, message: failed(message))
    pool.start(Job(0, signals, work))
    return signals
