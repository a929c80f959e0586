"""Errors in the app: a dialog and the log, never a crash; the brief is left as it was."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

from ..errors import BriefingError
from ..logs import log_exception, where_logged

log = logging.getLogger("briefing.gui")
F = TypeVar("F", bound=Callable[..., Any])
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


def message_for(exc: BaseException) -> str:
    """What the officer reads: the one-line BriefingError, or the error and where the details are."""
    if isinstance(exc, BriefingError):
        return str(exc)
    where = log_exception(exc)
    details = f"Details are in the log file:\n{where}" if where is not None else where_logged(None).capitalize() + "."
    return f"Something went wrong: {type(exc).__name__}: {exc}\n\nYour brief is unchanged. {details}"


def install_excepthook(show: Callable[[str], None]) -> ExceptHook:
    """Route uncaught exceptions (e.g. in slots) to ``show`` and the log; returns the previous hook."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        if isinstance(exc, BriefingError):
            log.error("%s", exc)
        try:
            show(message_for(exc))
        except Exception:  # noqa: BLE001  (never let the hook itself fail)
            previous(kind, exc, tb)

    sys.excepthook = hook
    return previous


def guarded(title: str) -> Callable[[F], F]:
    """For action slots: a BriefingError shows ``title`` with its message instead of escaping.

    The dialog's parent is the action object's ``window``.
    """

    def wrap(method: F) -> F:
        @functools.wraps(method)
        def run(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except BriefingError as exc:
                log.warning("%s: %s", title, exc)
                self.dialogs.error(self.window, title, str(exc))
                return None

        return run  # type: ignore[return-value]

    return wrap
