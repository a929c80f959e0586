"""Clearance: draft, then cleared, then approved; each step signed, dated and tied to the content it cleared.

Each step keeps a digest of the brief's content (everything but the clearance
steps and the history). The brief is cleared or approved only while its content
still has that digest: any edit, by this Briefing or any other tool, makes it a
draft again. On save such an edit is recorded as a step back to draft.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from ..errors import BriefError
from .commands import Change, Command
from .model import Brief
from .records import ClearanceStep, State

STATES: tuple[State, ...] = ("draft", "cleared", "approved")
NEXT: dict[str, State] = {"draft": "cleared", "cleared": "approved"}
NOT_CONTENT = {"format", "version", "clearance", "history"}
DRAFT_WATERMARK = "DRAFT"  # the one place the watermark's words come from; both writers set it as they are


def now_utc() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _canonical(value: Any) -> Any:
    """Empty values dropped, so a field a newer Briefing adds with an empty default leaves the digest alone."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    return value


def content_of(brief: Brief) -> dict[str, Any]:
    """The brief's content as JSON data: everything but its format, clearance and history."""
    return brief.model_dump(mode="json", exclude=NOT_CONTENT)


def content_digest(content: Brief | dict[str, Any]) -> str:
    """SHA-256 of the content (a brief, or :func:`content_of` data), stable across key order and empty fields."""
    data = content_of(content) if isinstance(content, Brief) else {k: v for k, v in content.items() if k not in NOT_CONTENT}
    blob = json.dumps(_canonical(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def state_of(brief: Brief) -> State:
    """The effective state: the last step's, while the content is what that step saw; draft otherwise."""
    return state_for(brief, content_digest(brief)) if brief.clearance else "draft"


def state_for(brief: Brief, digest: str) -> State:
    """The effective state of ``brief`` when its content has ``digest`` (see :func:`content_digest`)."""
    if not brief.clearance:
        return "draft"
    last = brief.clearance[-1]
    return last.state if last.digest == digest else "draft"


def status(brief: Brief) -> tuple[State, bool]:
    """The effective state, and whether the brief was cleared or approved and edited since (one digest)."""
    state = state_of(brief)
    return state, bool(brief.clearance) and brief.clearance[-1].state != "draft" and state == "draft"


def is_cleared(brief: Brief) -> bool:
    """Whether the brief is cleared or approved now (no DRAFT mark)."""
    return state_of(brief) != "draft"


def watermark_text(brief: Brief) -> str:
    """What is set across every page: ``DRAFT`` until the brief is cleared, nothing after."""
    return "" if is_cleared(brief) else DRAFT_WATERMARK


def edited_since_clearance(brief: Brief) -> bool:
    """Whether the brief was cleared or approved and then changed (so it is a draft again)."""
    return status(brief)[1]


def advance(brief: Brief, to: str, by: str, at: str | None = None) -> ClearanceStep:
    """Move the brief on to ``to`` (cleared from draft, approved from cleared), signed by ``by``.

    Any other move is a BriefError saying what the brief is and what it needs.
    """
    who = " ".join(by.split())
    if not who:
        raise BriefError("a clearance step needs the name of who takes it", hint="pass --by NAME")
    if to not in NEXT.values():
        raise BriefError(f"unknown clearance state {to!r}", hint="use cleared or approved")
    current = state_of(brief)
    if NEXT.get(current) != to:
        raise BriefError(f"cannot mark the brief {to}: it is {current}", hint=_hint(current, to))
    step = ClearanceStep(state=to, by=who, at=at or now_utc(), digest=content_digest(brief))
    brief.clearance = [*brief.clearance, step]
    return step


@dataclass
class AdvanceClearance(Command):
    """Move the brief on, as an edit that can be undone (the app's menu); the step keeps its time on redo."""

    to: str
    by: str
    at: str | None = None
    text: str = "Change clearance"

    def apply(self, brief: Brief) -> list[Change]:
        self.at = advance(brief, self.to, self.by, self.at).at
        return [("field", "clearance")]

    def revert(self, brief: Brief) -> list[Change]:
        brief.clearance = brief.clearance[:-1]
        return [("field", "clearance")]


def _hint(current: str, to: str) -> str:
    if current == to:
        return f"it is already {to}"
    if current == "draft":
        return "it must be cleared first"
    return "an approved brief is final; any edit makes it a draft to clear again"


def record_edit(brief: Brief, by: str, at: str, digest: str | None = None) -> str | None:
    """On save: when the brief was edited after a clearance step, add a step back to draft. Returns its note.

    ``digest`` is the brief's content digest when the caller has it already.
    """
    if not brief.clearance or brief.clearance[-1].state == "draft":
        return None
    digest = digest or content_digest(brief)
    last = brief.clearance[-1]
    if last.digest == digest:
        return None
    note = f"edited after it was {last.state} by {last.by} on {last.at[:10]}: back to draft"
    brief.clearance = [*brief.clearance, ClearanceStep(state="draft", by=by, at=at, digest=digest, note=note)]
    return note


def describe(brief: Brief) -> list[str]:
    """The state and every step, one line each: what ``briefing status`` prints."""
    state, edited = status(brief)
    lines = [f"state: {state}" + (" (edited since it was last cleared)" if edited else "")]
    for step in brief.clearance:
        lines.append(f"{step.at}  {step.state:<8}  by {step.by}" + (f"  ({step.note})" if step.note else ""))
    return lines
