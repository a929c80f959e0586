"""Briefing: build briefing notes from a library of trusted content."""

__version__ = "0.1.0"
