"""What a brief file keeps about itself: its clearance steps and its saved versions (plain data, no logic)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

State = Literal["draft", "cleared", "approved"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", validate_assignment=True)


class ClearanceStep(_Open):
    """One move of the clearance state: to which state, by whom, when, and the content it applies to."""

    state: State
    by: str
    at: str = Field(description="UTC time, ISO 8601")
    digest: str = Field(description="SHA-256 of the brief's content (clearance and history left out) when the step was taken")
    note: str = ""


class Version(_Open):
    """One saved version of the brief: when, by whom, in which clearance state, and its content."""

    saved_at: str = Field(description="UTC time, ISO 8601")
    author: str = ""
    state: State = "draft"
    note: str = ""
    digest: str
    steps: int = Field(0, description="how many clearance steps the brief had when this version was saved")
    content: dict[str, Any] = Field(description="the brief as saved, each item replaced by its key in the history's entries")


class History(_Open):
    """The saved versions, oldest first, and the items and snapshots they share (stored once each)."""

    versions: list[Version] = []
    entries: dict[str, dict[str, Any]] = Field(default_factory=dict, description="items by key, each snapshot replaced by its key")
    snapshots: dict[str, dict[str, Any]] = {}
