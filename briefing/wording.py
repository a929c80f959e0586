"""How counts are written for people: ``1 month``, ``12 months``."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun``, the noun plural unless the count is one (``1 pack``, ``2 packs``)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
