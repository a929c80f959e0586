"""Render untrusted templates (the officer's own, or a colleague's) in a separate process.

The child process has a wall-clock limit and, where the platform allows it, an
address-space limit. A template that loops for ever, builds a huge string or
recurses without end is stopped and reported as "template exceeded its
limits"; the app stays responsive and no output file is written.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import sys
from typing import Any

from ..errors import BriefingError, Location, TemplateError, TemplateLimitExceeded

TIME_LIMIT_S = 10.0
MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: only the time limit applies
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child(template_path: str, template_id: str, context: dict[str, Any], home: str | None, out: Any, limit: int) -> None:
    """Runs in the child: render and send back ("ok", xml) or ("error", exception)."""
    if home:
        os.environ["BRIEFING_HOME"] = home
    _limit_memory(limit)
    sys.setrecursionlimit(2000)
    try:
        from pathlib import Path

        from .registry import Template, read_info
        from .sandbox import render_xml_inprocess

        path = Path(template_path)
        template = Template(template_id, path, read_info(path), True)
        out.put(("ok", render_xml_inprocess(template, context)))
    except BriefingError as exc:
        out.put(("error", (type(exc).__name__, exc.message, exc.location, exc.hint)))
    except MemoryError:
        out.put(("error", ("TemplateLimitExceeded", "template exceeded its limits: out of memory", Location(template_path), None)))
    except BaseException as exc:  # noqa: BLE001 - report anything the child met
        out.put(("error", ("TemplateError", f"template failed: {type(exc).__name__}: {exc}", Location(template_path), None)))


def render_isolated(template, context: dict[str, Any], time_limit: float | None = None, memory_limit: int | None = None) -> str:
    """Render ``template`` in a child process with limits; raise the child's error here."""
    from .. import errors

    time_limit = time_limit or TIME_LIMIT_S
    memory_limit = memory_limit or MEMORY_LIMIT_BYTES
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue(maxsize=1)
    process = ctx.Process(
        target=_child,
        args=(str(template.path), template.id, context, os.environ.get("BRIEFING_HOME"), out, memory_limit),
        daemon=True,
    )
    process.start()
    try:
        status, payload = out.get(timeout=time_limit)
    except queue.Empty:
        process.kill()
        process.join(5)
        raise TemplateLimitExceeded(
            f"template exceeded its limits: still running after {time_limit:g} s",
            location=Location(str(template.path)),
            hint="look for loops that never end",
        ) from None
    finally:
        if process.is_alive():
            process.join(2)
            if process.is_alive():
                process.kill()
        out.close()
    if status == "ok":
        return payload
    name, message, location, hint = payload
    cls = getattr(errors, name, TemplateError)
    if not (isinstance(cls, type) and issubclass(cls, BriefingError)):
        cls = TemplateError
    raise cls(message, location=location, hint=hint)
